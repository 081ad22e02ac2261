"""Content-Security-Policy: django-csp's middleware, with framing tied to X-Frame-Options.

The policy (settings.CONTENT_SECURITY_POLICY) forbids framing (frame-ancestors 'none'),
like X_FRAME_OPTIONS = "DENY". A view that marks its response SAMEORIGIN (Wagtail's live
preview, shown in an iframe of the page editor; Django's @xframe_options_sameorigin)
gets frame-ancestors 'self' as well: modern browsers obey CSP and ignore the older header.
"""

from django.http import HttpRequest, HttpResponseBase

from csp.constants import SELF
from csp.middleware import CSPMiddleware as BaseCSPMiddleware
from csp.middleware import PolicyParts


class CSPMiddleware(BaseCSPMiddleware):
    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if response.get("X-Frame-Options", "").upper() == "SAMEORIGIN":
            parts.replace = {**(parts.replace or {}), "frame-ancestors": [SELF]}
        return parts
