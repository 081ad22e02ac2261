"""API under /api/v1/assessment/: published results for everyone; campaigns, unit results
and scores through the permission layer (a unit sees only its own provisional result)."""

from django.urls import reverse
from rest_framework import serializers, viewsets
from rest_framework.permissions import AllowAny

from assessment import selectors
from assessment.models import Campaign, CampaignUnit, Score
from integrity.core.api import RulesPermission

RESULT_FIELDS = [
    "id",
    "campaign",
    "year",
    "assessor",
    "organisation",
    "organisation_name",
    "peer_group",
    "total",
    "rank",
    "grade",
    "vetoed",
]


class ResultSerializer(serializers.ModelSerializer):
    year = serializers.IntegerField(source="campaign.year", read_only=True)
    assessor = serializers.CharField(source="campaign.organisation.name", read_only=True)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    peer_group = serializers.CharField(source="peer_group.name", read_only=True)

    class Meta:
        model = CampaignUnit
        fields = RESULT_FIELDS


class PublishedCampaignSerializer(serializers.ModelSerializer):
    assessor = serializers.CharField(source="organisation.name", read_only=True)
    name = serializers.CharField(source="scheme.name", read_only=True)

    class Meta:
        model = Campaign
        fields = ["id", "year", "name", "assessor", "published_at"]


class PublishedCampaignViewSet(viewsets.ReadOnlyModelViewSet):
    """Published assessments (open data); nothing before publication."""

    serializer_class = PublishedCampaignSerializer
    permission_classes = [AllowAny]
    filterset_fields = ["year"]

    def get_queryset(self):
        return selectors.published_campaigns().order_by("-year", "organisation__path")


class PublishedResultViewSet(viewsets.ReadOnlyModelViewSet):
    """Published results: total, rank in the peer group and grade of every unit."""

    serializer_class = ResultSerializer
    permission_classes = [AllowAny]
    filterset_fields = ["campaign", "campaign__year"]

    def get_queryset(self):
        return selectors.published_units().order_by("campaign", "peer_group__sort_order", "rank")


class CampaignSerializer(serializers.ModelSerializer):
    assessor = serializers.CharField(source="organisation.name", read_only=True)
    name = serializers.CharField(source="scheme.name", read_only=True)

    class Meta:
        model = Campaign
        fields = ["id", "year", "name", "assessor", "status", "objection_deadline"]


class CampaignViewSet(viewsets.ReadOnlyModelViewSet):
    """Campaigns run by the user's office (or below it)."""

    serializer_class = CampaignSerializer
    permission_classes = [RulesPermission]

    def get_queryset(self):
        return selectors.campaigns_assessed_by(self.request.user).order_by("-year")


class UnitResultViewSet(viewsets.ReadOnlyModelViewSet):
    """Unit results (also provisional ones) for the assessor and for the unit itself."""

    serializer_class = ResultSerializer
    permission_classes = [RulesPermission]
    filterset_fields = ["campaign"]

    def get_queryset(self):
        return selectors.api_units(self.request.user).order_by("campaign", "rank", "pk")


class ScoreSerializer(serializers.ModelSerializer):
    campaign = serializers.IntegerField(source="unit.campaign_id", read_only=True)
    organisation = serializers.IntegerField(source="unit.organisation_id", read_only=True)
    indicator_code = serializers.CharField(source="indicator.code", read_only=True)
    indicator_name = serializers.CharField(source="indicator.name", read_only=True)
    method = serializers.CharField(source="indicator.method", read_only=True)
    metric = serializers.CharField(source="indicator.metric_code", read_only=True)
    cases_url = serializers.SerializerMethodField()

    class Meta:
        model = Score
        fields = [
            "id",
            "campaign",
            "unit",
            "organisation",
            "indicator",
            "indicator_code",
            "indicator_name",
            "method",
            "metric",
            "raw_value",
            "cases",
            "cases_url",
            "self_score",
            "score",
            "version",
        ]

    def get_cases_url(self, score) -> str | None:
        """The drill-down page listing the cases behind a computed number."""
        if not score.indicator.metric_code:
            return None
        url = reverse("assessment_admin:cases", args=[score.pk])
        return self.context["request"].build_absolute_uri(url)


class ScoreViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ScoreSerializer
    permission_classes = [RulesPermission]
    filterset_fields = ["unit", "unit__campaign"]

    def get_queryset(self):
        units = selectors.api_units(self.request.user)
        return (
            Score.objects.filter(unit__in=units.values("pk"))
            .select_related("unit", "indicator")
            .order_by("unit", "indicator__sort_order", "indicator__code")
        )


def register(router) -> None:
    router.register(
        "assessment/published-campaigns",
        PublishedCampaignViewSet,
        basename="assessment-published-campaign",
    )
    router.register(
        "assessment/published-results", PublishedResultViewSet, basename="assessment-published"
    )
    router.register("assessment/campaigns", CampaignViewSet, basename="assessment-campaign")
    router.register("assessment/results", UnitResultViewSet, basename="assessment-result")
    router.register("assessment/scores", ScoreViewSet, basename="assessment-score")
