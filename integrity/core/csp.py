"""Content-Security-Policy: django-csp's middleware, with framing tied to X-Frame-Options.

The policy (settings.CONTENT_SECURITY_POLICY) forbids framing (frame-ancestors 'none'),
like X_FRAME_OPTIONS = "DENY". A view that marks its response SAMEORIGIN (Wagtail's live
preview, shown in an iframe of the page editor; Django's @xframe_options_sameorigin)
gets frame-ancestors 'self' as well: modern browsers obey CSP and ignore the older header.
"""

from csp.constants import HEADER, HEADER_REPORT_ONLY, SELF
from csp.middleware import CSPMiddleware as BaseCSPMiddleware
from csp.middleware import PolicyParts

from django.http import HttpRequest, HttpResponseBase


class CSPMiddleware(BaseCSPMiddleware):
    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if _may_be_framed(response):
            # Wagtail renders a preview by running the page's request through the whole
            # middleware stack once more (Page.make_preview_request): that inner pass wrote
            # the policy for an ordinary page. Write it again for the framed preview.
            for header in (HEADER, HEADER_REPORT_ONLY):
                if header in response:
                    del response[header]
        return super().process_response(request, response)

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if _may_be_framed(response):
            parts.replace = {**(parts.replace or {}), "frame-ancestors": [SELF]}
        return parts


def _may_be_framed(response: HttpResponseBase) -> bool:
    return response.get("X-Frame-Options", "").upper() == "SAMEORIGIN"
