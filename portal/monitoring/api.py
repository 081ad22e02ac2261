"""Public API of the portal's open data and monthly monitoring (under /api/v1/)."""

from rest_framework import serializers, viewsets
from rest_framework.permissions import AllowAny

from .models import MonitoringReport


class MonitoringReportSerializer(serializers.ModelSerializer):
    month = serializers.CharField(source="slug")
    url = serializers.CharField(source="get_absolute_url")

    class Meta:
        model = MonitoringReport
        fields = ["id", "month", "url", "generated_at", "totals", "figures", "changes", "worsened"]


class PublicMonitoringReportViewSet(viewsets.ReadOnlyModelViewSet):
    """Monthly monitoring reports (figures by unit, totals, changes), for anyone."""

    permission_classes = [AllowAny]
    serializer_class = MonitoringReportSerializer
    queryset = MonitoringReport.objects.order_by("-month")


def register(router) -> None:
    from portal.opendata import PublicResultViewSet

    router.register("public/results", PublicResultViewSet, basename="public-result")
    router.register(
        "public/monitoring-reports",
        PublicMonitoringReportViewSet,
        basename="public-monitoring-report",
    )
