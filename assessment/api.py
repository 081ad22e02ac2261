"""API under /api/v1/assessment/: published results for everyone; campaigns, unit results
and scores through the permission layer (a unit sees only its own provisional result)."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from assessment import selectors
from assessment.actions import START
from assessment.models import Campaign, CampaignUnit, Scheme, Score
from assessment.services import opening
from integrity.core.actions import ObjectActionAPIMixin
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
    units = serializers.IntegerField(source="units.count", read_only=True)

    class Meta:
        model = Campaign
        fields = [
            "id",
            "year",
            "name",
            "assessor",
            "status",
            "self_assessment_deadline",
            "review_deadline",
            "objection_deadline",
            "publication_date",
            "timetable",
            "units",
        ]


class PeerGroupInput(serializers.Serializer):
    name = serializers.CharField(max_length=60)
    kinds = serializers.ListField(child=serializers.CharField(), min_length=1)


class BandInput(serializers.Serializer):
    name = serializers.CharField(max_length=20)
    min_score = serializers.DecimalField(max_digits=6, decimal_places=2, min_value=0)
    quota = serializers.DecimalField(
        max_digits=4, decimal_places=3, required=False, allow_null=True
    )


class OpenCampaignInput(serializers.Serializer):
    """Opening a year: everything but ``year`` has the back office's defaults."""

    year = serializers.IntegerField(min_value=2000, max_value=2100)
    copy_from = serializers.PrimaryKeyRelatedField(
        queryset=Scheme.objects.all(), required=False, allow_null=True
    )
    levels = serializers.ListField(child=serializers.CharField(), required=False)
    kinds = serializers.ListField(child=serializers.CharField(), required=False)
    excluded = serializers.ListField(child=serializers.IntegerField(), required=False)
    peer_groups = PeerGroupInput(many=True, required=False)
    bands = BandInput(many=True, required=False)
    start = serializers.DateField(required=False)
    self_assessment_days = serializers.IntegerField(min_value=1, max_value=60, default=10)
    review_days = serializers.IntegerField(min_value=1, max_value=60, default=10)
    objection_days = serializers.IntegerField(min_value=1, max_value=30, default=5)
    publication_days = serializers.IntegerField(min_value=1, max_value=30, default=3)

    def service_kwargs(self) -> dict:
        from django.utils import timezone

        data = self.validated_data
        groups = data.get("peer_groups")
        bands = data.get("bands")
        return {
            "year": data["year"],
            "copy_from": data.get("copy_from"),
            "levels": data.get("levels"),
            "kinds": data.get("kinds"),
            "excluded": data.get("excluded", []),
            "peer_groups": None
            if groups is None
            else [opening.PeerGroupSpec(g["name"], tuple(g["kinds"])) for g in groups],
            "bands": None
            if bands is None
            else [opening.BandSpec(b["name"], b["min_score"], b.get("quota")) for b in bands],
            "timetable": opening.Timetable(
                start=data.get("start") or timezone.localdate(),
                self_assessment_days=data["self_assessment_days"],
                review_days=data["review_days"],
                objection_days=data["objection_days"],
                publication_days=data["publication_days"],
            ),
        }


class CampaignViewSet(ObjectActionAPIMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Campaigns run by the user's office (or below it); the office opens a year with
    POST (it is *preparing*) and starts it with POST ``<id>/start/``."""

    serializer_class = CampaignSerializer
    permission_classes = [RulesPermission]

    def get_queryset(self):
        return selectors.campaigns_assessed_by(self.request.user).order_by("-year")

    @extend_schema(request=OpenCampaignInput, responses={201: CampaignSerializer})
    def create(self, request, *args, **kwargs):
        organisation = request.user.organisation
        if organisation is None or not request.user.has_perm(
            "assessment.add_campaign", organisation
        ):
            raise PermissionDenied
        form = OpenCampaignInput(data=request.data)
        form.is_valid(raise_exception=True)
        campaign = opening.open_campaign(
            actor=request.user, organisation=organisation, **form.service_kwargs()
        )
        return Response(self.get_serializer(campaign).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: CampaignSerializer})
    @action(detail=True, methods=["post"])
    def start(self, request, pk=None):
        """Freeze the scheme and open the self-assessment."""
        return self.run_object_action(START)


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
