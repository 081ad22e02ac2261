"""API: public read of published commitments; scoped write through the services.

Lifecycle actions and change requests are POSTs whose small input serializers only
collect what the service needs; the services decide who may act and answer in Chinese.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny

from integrity.core.actions import ObjectActionAPIMixin, api_call
from integrity.core.api import RulesPermission, ScopedModelViewSet
from integrity.core.models import Organisation
from integrity.core.pagination import IdCursorPagination
from integrity.core.permissions import scope_queryset

from . import selectors, services
from .actions import CHANGE_REQUEST_ACTIONS, COMMITMENT_ACTIONS
from .models import ChangeRequest, Commitment, ProgressUpdate

PUBLIC_FIELDS = [
    "id",
    "organisation",
    "organisation_name",
    "kind",
    "status",
    "title",
    "content",
    "target",
    "deadline",
    "original_deadline",
    "original_target",
    "change_count",
    "responsible_leader",
    "responsible_person",
    "source_document",
    "progress",
]


class ProgressSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProgressUpdate
        fields = ["reported_on", "text", "percent"]


class PublicCommitmentSerializer(serializers.ModelSerializer):
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    progress = ProgressSerializer(source="progress_updates", many=True, read_only=True)

    class Meta:
        model = Commitment
        fields = PUBLIC_FIELDS


class CommitmentSerializer(serializers.ModelSerializer):
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())

    class Meta:
        model = Commitment
        fields = [
            "id",
            "organisation",
            "kind",
            "status",
            "code",
            "title",
            "content",
            "target",
            "deadline",
            "original_deadline",
            "original_target",
            "change_count",
            "responsible_leader",
            "responsible_person",
            "counterparty",
            "counterparty_uscc",
            "source_document",
            "amount_due",
            "amount_paid",
            "is_public",
            "last_progress_on",
        ]
        read_only_fields = [
            "status",
            "original_deadline",
            "original_target",
            "change_count",
            "amount_paid",
            "last_progress_on",
        ]


# --- inputs of the lifecycle actions (blank text is refused by the service, in Chinese) ---


class CommitmentProgressInputSerializer(serializers.Serializer):
    text = serializers.CharField(required=False, allow_blank=True, default="")
    percent = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=0, max_value=100
    )


class CommitmentCloseInputSerializer(serializers.Serializer):
    """Closing as broken (the note says why); fulfilling adds ``partly``."""

    note = serializers.CharField(required=False, allow_blank=True, default="")
    on = serializers.DateField(required=False, allow_null=True, default=None)


class CommitmentFulfilInputSerializer(CommitmentCloseInputSerializer):
    partly = serializers.BooleanField(required=False, default=False)


class CommitmentReasonInputSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class CommitmentLawfulChangeInputSerializer(CommitmentReasonInputSerializer):
    compensation = serializers.CharField(required=False, allow_blank=True, default="")


class ChangeRequestInputSerializer(serializers.Serializer):
    justification = serializers.CharField(required=False, allow_blank=True, default="")
    new_deadline = serializers.DateField(required=False, allow_null=True, default=None)
    new_target = serializers.CharField(required=False, allow_blank=True, default="")


class ChangeRequestDecisionInputSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ChangeRequestSerializer(serializers.ModelSerializer):
    commitment_title = serializers.CharField(source="commitment.title", read_only=True)

    class Meta:
        model = ChangeRequest
        fields = [
            "id",
            "commitment",
            "commitment_title",
            "status",
            "old_deadline",
            "new_deadline",
            "old_target",
            "new_target",
            "justification",
            "requested_at",
            "decided_at",
            "decision_note",
        ]
        read_only_fields = fields


class PublicCommitmentViewSet(viewsets.ReadOnlyModelViewSet):
    """Published commitments and their progress, for anyone."""

    pagination_class = IdCursorPagination  # open data: cursor pages (issue 17)
    permission_classes = [AllowAny]
    serializer_class = PublicCommitmentSerializer
    filterset_fields = None

    def get_queryset(self):
        rows = selectors.public_commitments().order_by("deadline", "id")
        organisation = self.request.query_params.get("organisation")
        if organisation and organisation.isdigit():
            rows = rows.filter(organisation_id=int(organisation))
        return rows


class CommitmentViewSet(ObjectActionAPIMixin, ScopedModelViewSet):
    """Back-office API: the user's subtree; writes go through the services."""

    base_queryset = Commitment.objects.select_related("organisation")
    serializer_class = CommitmentSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = api_call(
            lambda: services.commitment_create(by=self.request.user, **data)
        )

    def perform_update(self, serializer):
        data = {k: v for k, v in serializer.validated_data.items() if k != "organisation"}
        serializer.instance = api_call(
            lambda: services.commitment_update(
                commitment=serializer.instance, by=self.request.user, data=data
            )
        )

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self.run_object_action(COMMITMENT_ACTIONS["submit"])

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        return self.run_object_action(COMMITMENT_ACTIONS["publish"])

    @extend_schema(request=CommitmentReasonInputSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        """The leader sends a submission back to draft (a reason is required)."""
        return self.run_object_action(
            COMMITMENT_ACTIONS["reject"],
            input=CommitmentReasonInputSerializer,
        )

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def start(self, request, pk=None):
        return self.run_object_action(COMMITMENT_ACTIONS["start"])

    @extend_schema(request=CommitmentProgressInputSerializer)
    @action(detail=True, methods=["post"])
    def progress(self, request, pk=None):
        return self.run_object_action(
            COMMITMENT_ACTIONS["progress"],
            input=CommitmentProgressInputSerializer,
        )

    @extend_schema(request=CommitmentFulfilInputSerializer)
    @action(detail=True, methods=["post"])
    def fulfil(self, request, pk=None):
        """Fulfilled, or partly fulfilled with ``partly``."""
        return self.run_object_action(
            COMMITMENT_ACTIONS["fulfil"],
            input=CommitmentFulfilInputSerializer,
        )

    @extend_schema(request=CommitmentCloseInputSerializer)
    @action(detail=True, methods=["post"], url_path="break", url_name="break")
    def break_(self, request, pk=None):
        """Broken (a note saying why is required)."""
        return self.run_object_action(
            COMMITMENT_ACTIONS["break"],
            input=CommitmentCloseInputSerializer,
        )

    @extend_schema(request=CommitmentLawfulChangeInputSerializer)
    @action(detail=True, methods=["post"], url_path="change-lawfully")
    def change_lawfully(self, request, pk=None):
        """依法变更 by the leader: the legal reason and the compensation given."""
        return self.run_object_action(
            COMMITMENT_ACTIONS["change_lawfully"],
            input=CommitmentLawfulChangeInputSerializer,
        )

    @extend_schema(request=CommitmentReasonInputSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        """Withdraw a draft or a submission (a reason is required)."""
        return self.run_object_action(
            COMMITMENT_ACTIONS["withdraw"],
            input=CommitmentReasonInputSerializer,
        )

    @extend_schema(request=ChangeRequestInputSerializer, responses={201: ChangeRequestSerializer})
    @action(detail=True, methods=["post"], url_path="change-requests")
    def change_requests(self, request, pk=None):
        """Ask to change a published deadline and/or target; the unit leader decides."""
        return self.run_object_action(
            COMMITMENT_ACTIONS["change_request"],
            input=ChangeRequestInputSerializer,
            status=201,
            output=ChangeRequestSerializer,
        )


class ChangeRequestViewSet(ObjectActionAPIMixin, viewsets.ReadOnlyModelViewSet):
    """Change requests of the user's subtree; the unit leader approves or rejects them."""

    permission_classes = [RulesPermission]
    serializer_class = ChangeRequestSerializer
    filterset_fields = ["status", "commitment"]

    def get_queryset(self):
        rows = ChangeRequest.objects.select_related("commitment").order_by("-requested_at", "-id")
        return scope_queryset(self.request.user, rows)

    @extend_schema(request=ChangeRequestDecisionInputSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """Apply the new deadline/target; the original stays beside it and is counted."""
        return self.run_object_action(
            CHANGE_REQUEST_ACTIONS["approve"], input=ChangeRequestDecisionInputSerializer
        )

    @extend_schema(request=ChangeRequestDecisionInputSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        """Refuse the change (a note saying why is required)."""
        return self.run_object_action(
            CHANGE_REQUEST_ACTIONS["reject"], input=ChangeRequestDecisionInputSerializer
        )


def register(router) -> None:
    router.register("public/commitments", PublicCommitmentViewSet, basename="public-commitment")
    router.register("commitments", CommitmentViewSet, basename="commitment")
    router.register("change-requests", ChangeRequestViewSet, basename="change-request")
