"""API: public read of published commitments; scoped write through the services."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from integrity.core.api import ScopedModelViewSet, django_errors
from integrity.core.models import Organisation

from . import selectors, services
from .models import Commitment, ProgressUpdate

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


class PublicCommitmentViewSet(viewsets.ReadOnlyModelViewSet):
    """Published commitments and their progress, for anyone."""

    permission_classes = [AllowAny]
    serializer_class = PublicCommitmentSerializer
    filterset_fields = None

    def get_queryset(self):
        rows = selectors.public_commitments().order_by("deadline", "id")
        organisation = self.request.query_params.get("organisation")
        if organisation and organisation.isdigit():
            rows = rows.filter(organisation_id=int(organisation))
        return rows


def _service(call):
    try:
        return call()
    except DjangoValidationError as error:
        raise django_errors(error) from error
    except DjangoPermissionDenied as error:
        raise PermissionDenied(str(error)) from error


class CommitmentViewSet(ScopedModelViewSet):
    """Back-office API: the user's subtree; writes go through the services."""

    base_queryset = Commitment.objects.select_related("organisation")
    serializer_class = CommitmentSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = _service(
            lambda: services.commitment_create(by=self.request.user, **data)
        )

    def perform_update(self, serializer):
        data = {k: v for k, v in serializer.validated_data.items() if k != "organisation"}
        serializer.instance = _service(
            lambda: services.commitment_update(
                commitment=serializer.instance, by=self.request.user, data=data
            )
        )

    def _act(self, call):
        commitment = self.get_object()
        if not self.request.user.has_perm("commitments.change_commitment", commitment):
            raise PermissionDenied
        _service(lambda: call(commitment))
        commitment.refresh_from_db()
        return Response(self.get_serializer(commitment).data)

    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._act(lambda c: services.commitment_submit(commitment=c, by=request.user))

    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        return self._act(lambda c: services.commitment_publish(commitment=c, by=request.user))

    @action(detail=True, methods=["post"])
    def progress(self, request, pk=None):
        return self._act(
            lambda c: services.progress_add(
                commitment=c,
                by=request.user,
                text=request.data.get("text", ""),
                percent=request.data.get("percent"),
            )
        )


def register(router) -> None:
    router.register("public/commitments", PublicCommitmentViewSet, basename="public-commitment")
    router.register("commitments", CommitmentViewSet, basename="commitment")
