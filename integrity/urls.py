import importlib.util

from django.urls import include, path, re_path
from django.views.i18n import JavaScriptCatalog

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms.views import serve_document

# Django's own admin is deliberately not mounted: Wagtail is the single back office.
urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    # Portal documents: Wagtail's privacy hooks, then our attachment-only response.
    re_path(r"^documents/(\d+)/(.*)$", serve_document, name="wagtaildocs_serve"),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", include("integrity.api")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("captcha/", include("captcha.urls")),  # images of the citizen forms' captcha
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("", include("portal.urls")),
]

# Public (non-Wagtail) URLs of each registry: forms, lists, downloads.
for module in (
    "commitments.urls",
    "commitments.proposals.urls",
    "integrity.records.urls",
    "assessment.urls",
    "portal.monitoring.urls",
):
    if importlib.util.find_spec(module) is not None:
        urlpatterns.append(path("", include(module)))

# Uploaded files are never served from MEDIA_URL: they live in private storage and leave
# only through permission-checked download views (integrity/core/downloads.py).

urlpatterns += [path("", include(wagtail_urls))]
