"""API of the records app: a public published-only view and scoped back-office endpoints."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import mixins, serializers, viewsets
from rest_framework.permissions import AllowAny

from integrity.core.actions import api_call
from integrity.core.api import RulesPermission, ScopedModelViewSet
from integrity.core.pagination import IdCursorPagination

from . import exchange, selectors, services
from .models import Complaint, CreditCheck, DishonestyRecord, Official


class PublicRecordSerializer(serializers.Serializer):
    """Exactly the exchange row (EXCHANGE.md): no personal data."""

    id = serializers.IntegerField()
    uscc = serializers.CharField()
    subject = serializers.CharField()
    subject_type = serializers.CharField()
    source = serializers.CharField()
    source_label = serializers.CharField()
    severity = serializers.CharField()
    severity_label = serializers.CharField()
    title = serializers.CharField()
    legal_basis = serializers.CharField()
    deciding_body = serializers.CharField()
    decision_number = serializers.CharField()
    determination_date = serializers.DateField()
    publication_start = serializers.DateField()
    repairable_from = serializers.DateField()
    publication_end = serializers.DateField()
    status = serializers.CharField()
    under_objection = serializers.BooleanField()

    def to_representation(self, instance):
        return super().to_representation(exchange.record_row(instance))


class PublicRecordViewSet(viewsets.ReadOnlyModelViewSet):
    """Records on public view now; repaired, revoked and expired ones are absent."""

    pagination_class = IdCursorPagination  # open data: cursor pages (issue 17)
    permission_classes = [AllowAny]
    serializer_class = PublicRecordSerializer

    def get_queryset(self):
        records = selectors.public_records().order_by("-determination_date", "-id")
        return selectors.filter_records(records, self.request.query_params)


class RecordSerializer(serializers.ModelSerializer):
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    official_name = serializers.CharField(source="official.name", read_only=True, default="")

    class Meta:
        model = DishonestyRecord
        fields = [
            "id",
            "organisation",
            "organisation_name",
            "official",
            "official_name",
            "title",
            "facts",
            "source",
            "severity",
            "legal_basis",
            "determination_date",
            "deciding_body",
            "decision_number",
            "status",
            "publish",
            "min_end_date",
            "max_end_date",
            "explanation_due",
            "rectification_deadline",
            "commitment",
            "complaint",
            "published_at",
            "ended_at",
        ]


class RecordViewSet(ScopedModelViewSet):
    """All records of the user's subtree, every status (read-only; changes via services)."""

    serializer_class = RecordSerializer
    base_queryset = DishonestyRecord.objects.select_related("organisation", "official")
    http_method_names = ["get", "head", "options"]
    filterset_fields = ["status", "source", "severity", "organisation"]


class ReporterSerializer(serializers.Serializer):
    reporter_name = serializers.CharField()
    reporter_phone = serializers.CharField()
    reporter_email = serializers.CharField()
    reporter_address = serializers.CharField()


class ComplaintSerializer(serializers.ModelSerializer):
    """``reporter`` is null unless the asking user may see the reporter (credit office)."""

    reporter = serializers.SerializerMethodField()

    class Meta:
        model = Complaint
        fields = [
            "id",
            "tracking_number",
            "topic",
            "organisation",
            "supervisor",
            "commitment",
            "title",
            "original_text",
            "public_text",
            "anonymous",
            "status",
            "answer_due",
            "answer",
            "answered_at",
            "feedback",
            "submitted_at",
            "reporter",
        ]

    @extend_schema_field(ReporterSerializer(allow_null=True))
    def get_reporter(self, complaint: Complaint) -> dict[str, str] | None:
        request = self.context.get("request")
        return selectors.reporter_contact(getattr(request, "user", None), complaint)


class ComplaintViewSet(ScopedModelViewSet):
    """Citizen reports of the user's subtree; the reporter only for the credit office."""

    serializer_class = ComplaintSerializer
    base_queryset = Complaint.objects.select_related("organisation")
    http_method_names = ["get", "head", "options"]
    filterset_fields = ["status", "organisation"]


class OfficialSerializer(serializers.ModelSerializer):
    id_number = serializers.CharField(source="id_number_masked", read_only=True)

    class Meta:
        model = Official
        fields = ["id", "organisation", "name", "post", "id_number", "is_active"]


class OfficialViewSet(ScopedModelViewSet):
    serializer_class = OfficialSerializer
    base_queryset = Official.objects.all()
    http_method_names = ["get", "head", "options"]


class CreditCheckSerializer(serializers.ModelSerializer):
    official = serializers.PrimaryKeyRelatedField(queryset=Official.objects.all())

    class Meta:
        model = CreditCheck
        fields = ["id", "official", "purpose", "result", "reasons", "checked_at"]
        read_only_fields = ["result", "reasons", "checked_at"]


class CreditCheckViewSet(
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """HR runs a credit check by POSTing official + purpose; every check is logged."""

    permission_classes = [RulesPermission]
    serializer_class = CreditCheckSerializer

    def get_queryset(self):
        from integrity.core.permissions import scope_queryset

        return scope_queryset(self.request.user, CreditCheck.objects.select_related("official"))

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = api_call(
            lambda: services.credit_check(
                official=data["official"], purpose=data["purpose"], by=self.request.user
            )
        )


def register(router) -> None:
    router.register("records/public", PublicRecordViewSet, basename="records-public")
    router.register("records/records", RecordViewSet, basename="records-record")
    router.register("records/complaints", ComplaintViewSet, basename="records-complaint")
    router.register("records/officials", OfficialViewSet, basename="records-official")
    router.register("records/credit-checks", CreditCheckViewSet, basename="records-creditcheck")
