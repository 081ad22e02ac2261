"""The JSON API under /api/v1/: one router, each app registers its own endpoints."""

import importlib
import importlib.util

from django.urls import include, path, re_path
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularSwaggerSplitView,
)
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.routers import DefaultRouter
from rest_framework.views import APIView

API_MODULES = (
    "integrity.core.api",
    "integrity.records.api",
    "commitments.api",
    "commitments.proposals.api",
    "assessment.api",
    "portal.api",
    "portal.monitoring.api",
    "commitments.money.api",
)

router = DefaultRouter()
for name in API_MODULES:
    if importlib.util.find_spec(name) is not None:
        importlib.import_module(name).register(router)


@extend_schema(exclude=True)
class NoSuchEndpoint(APIView):
    """Any other URL under /api/v1/ ending in a slash: a 404 in the API's error format."""

    permission_classes = [AllowAny]
    http_method_names = APIView.http_method_names  # every method, TRACE included

    def initial(self, request, *args, **kwargs):
        raise NotFound


urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves Swagger UI's start-up script from docs/?script= (no inline
    # script: the Content-Security-Policy allows scripts from our own files only).
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("", include(router.urls)),
    # Last, and only for paths ending in "/": APPEND_SLASH still redirects the others.
    re_path(r"^.*/$", NoSuchEndpoint.as_view(), name="api-not-found"),
]


def only_v1_endpoints(endpoints):
    """Schema preprocessing hook: document our API, not Wagtail's internal admin API."""
    return [e for e in endpoints if e[0].startswith("/api/v1/")]
