"""API of the money registers: /api/v1/sme-payments/ and /api/v1/workdays/."""

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from integrity.core.actions import ObjectAction, ObjectActionAPIMixin, api_call
from integrity.core.api import ScopedModelViewSet
from integrity.core.display import deadline_is_provisional
from integrity.core.permissions import in_user_scope, is_backoffice

from . import selectors, services
from .models import SMEContract, SMEPaymentRecord
from .workdays import deadline_after

PAY = ObjectAction[SMEContract](
    name="pay",
    service=lambda contract, user, d: services.sme_payment_record(contract=contract, by=user, **d),
    permission="commitments.change_smecontract",
)


class SMEPaymentRecordSerializer(serializers.ModelSerializer):
    class Meta:
        model = SMEPaymentRecord
        fields = ["id", "paid_on", "amount", "note"]
        read_only_fields = ["id"]


class SMEContractSerializer(serializers.ModelSerializer):
    outstanding = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)
    overdue = serializers.SerializerMethodField()
    due_provisional = serializers.SerializerMethodField()

    class Meta:
        model = SMEContract
        fields = [
            "id",
            "organisation",
            *services.CONTRACT_FIELDS,
            "amount_paid",
            "outstanding",
            "due_on",
            "settled_on",
            "overdue",
            "due_provisional",
        ]
        read_only_fields = ["id", "amount_paid", "due_on", "settled_on"]

    def get_overdue(self, contract: SMEContract) -> bool:
        return contract.is_overdue()

    def get_due_provisional(self, contract: SMEContract) -> bool:
        """The due year's holidays are not yet published: the date may still move."""
        return bool(contract.due_on and deadline_is_provisional(contract.due_on))

    def validate_organisation(self, organisation):
        if not in_user_scope(self.context["request"].user, organisation):
            raise serializers.ValidationError(
                _("This organisation is outside your responsibility.")
            )
        return organisation


class SMEContractDetailSerializer(SMEContractSerializer):
    due_explanation = serializers.SerializerMethodField()
    days_overdue = serializers.SerializerMethodField()
    late_interest = serializers.SerializerMethodField()
    payments = SMEPaymentRecordSerializer(many=True, read_only=True)
    complaint = serializers.SlugRelatedField(
        slug_field="tracking_number", read_only=True, allow_null=True
    )

    class Meta(SMEContractSerializer.Meta):
        fields = [
            *SMEContractSerializer.Meta.fields,
            "complaint",
            "due_explanation",
            "days_overdue",
            "late_interest",
            "payments",
        ]

    def _card(self, contract) -> selectors.ContractCard:
        if getattr(self, "_cached", (None, None))[0] != contract.pk:
            self._cached = (contract.pk, selectors.contract_card(contract))
        return self._cached[1]

    def get_due_explanation(self, contract) -> str:
        due = self._card(contract).due
        return due.explanation() if due else ""

    def get_due_provisional(self, contract) -> bool:
        due = self._card(contract).due
        return bool(due and due.provisional)

    def get_days_overdue(self, contract) -> int:
        return self._card(contract).days_late

    def get_late_interest(self, contract) -> str:
        return f"{self._card(contract).interest:.2f}"


STATE = OpenApiParameter("state", str, enum=["open", "overdue", "settled"], required=False)


class SMEContractViewSet(ObjectActionAPIMixin, ScopedModelViewSet):
    """SME payment contracts of the user's area; writes go through the services."""

    action_serializer_class = SMEContractDetailSerializer
    base_queryset = SMEContract.objects.select_related("organisation")
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_serializer_class(self):
        if self.action == "list":
            return SMEContractSerializer
        if self.action == "pay":
            return SMEPaymentRecordSerializer
        return SMEContractDetailSerializer

    def get_queryset(self):
        rows = super().get_queryset()
        state = self.request.query_params.get("state")
        if state == "open":
            rows = rows.open()
        elif state == "overdue":
            rows = rows.overdue(on=timezone.localdate())
        elif state == "settled":
            rows = rows.filter(settled_on__isnull=False)
        return rows.order_by("due_on", "id")

    @extend_schema(parameters=[STATE])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = api_call(
            lambda: services.sme_contract_create(by=self.request.user, **data)
        )

    def perform_update(self, serializer):
        data = {k: v for k, v in serializer.validated_data.items() if k != "organisation"}
        serializer.instance = api_call(
            lambda: services.sme_contract_update(
                contract=serializer.instance, by=self.request.user, data=data
            )
        )

    @extend_schema(request=SMEPaymentRecordSerializer, responses=SMEContractDetailSerializer)
    @action(detail=True, methods=["post"])
    def pay(self, request, pk=None):
        """Record a payment (partial allowed); paying the rest settles the contract."""
        return self.run_object_action(PAY, input=SMEPaymentRecordSerializer)


class BackOfficeOnly(BasePermission):
    def has_permission(self, request, view) -> bool:
        return is_backoffice(request.user)


class WorkdayInputSerializer(serializers.Serializer):
    start = serializers.DateField()
    days = serializers.IntegerField(min_value=-366, max_value=366)


class SkippedDaySerializer(serializers.Serializer):
    date = serializers.DateField()
    name = serializers.CharField()


class WorkdayResultSerializer(serializers.Serializer):
    start = serializers.DateField()
    days = serializers.IntegerField()
    result = serializers.DateField()
    provisional = serializers.BooleanField()
    skipped = SkippedDaySerializer(many=True)
    explanation = serializers.CharField()


class OneResultSchema(AutoSchema):
    """The calculator answers one object, although the router names the action ``list``."""

    def _is_list_view(self, serializer=None) -> bool:
        return False


class WorkdayViewSet(viewsets.ViewSet):
    """``start`` plus ``days`` working days: the date, whether it is provisional, and why."""

    permission_classes = [BackOfficeOnly]
    schema = OneResultSchema()

    @extend_schema(parameters=[WorkdayInputSerializer], responses=WorkdayResultSerializer)
    def list(self, request):
        form = WorkdayInputSerializer(data=request.query_params)
        form.is_valid(raise_exception=True)
        found = deadline_after(form.validated_data["start"], form.validated_data["days"])
        data = {
            "start": found.start,
            "days": found.days,
            "result": found.result,
            "provisional": found.provisional,
            "skipped": [{"date": day, "name": name} for day, name in found.skipped],
            "explanation": found.explanation(),
        }
        return Response(WorkdayResultSerializer(data).data)


def register(router) -> None:
    router.register("sme-payments", SMEContractViewSet, basename="sme-payment")
    router.register("workdays", WorkdayViewSet, basename="workdays")
