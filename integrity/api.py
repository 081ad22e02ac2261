"""The JSON API under /api/v1/: one router, each app registers its own endpoints."""

import importlib
import importlib.util

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

API_MODULES = (
    "integrity.core.api",
    "integrity.records.api",
    "commitments.api",
    "commitments.proposals.api",
    "assessment.api",
    "portal.api",
    "portal.monitoring.api",
)

router = DefaultRouter()
for name in API_MODULES:
    if importlib.util.find_spec(name) is not None:
        importlib.import_module(name).register(router)

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves Swagger UI's start-up script from docs/?script= (no inline
    # script: the Content-Security-Policy allows scripts from our own files only).
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("", include(router.urls)),
]


def only_v1_endpoints(endpoints):
    """Schema preprocessing hook: document our API, not Wagtail's internal admin API."""
    return [e for e in endpoints if e[0].startswith("/api/v1/")]
