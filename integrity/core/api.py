"""API of the core registry. Every endpoint goes through the permission layer."""

from rest_framework import permissions, serializers, viewsets
from rest_framework.exceptions import MethodNotAllowed, ValidationError

from integrity.core import services
from integrity.core.actions import api_call
from integrity.core.models import Organisation
from integrity.core.permissions import in_user_scope, scope_queryset


class RulesPermission(permissions.BasePermission):
    """Maps HTTP methods to ``<app>.<action>_<model>`` rules perms, with object checks."""

    actions = {
        "GET": "view",
        "HEAD": "view",
        "OPTIONS": "view",
        "POST": "add",
        "PUT": "change",
        "PATCH": "change",
        "DELETE": "delete",
    }

    def _perm(self, request, view) -> str:
        opts = view.get_queryset().model._meta
        return f"{opts.app_label}.{self.actions[request.method]}_{opts.model_name}"

    def has_permission(self, request, view) -> bool:
        if request.method not in self.actions:  # TRACE, PROPFIND…: no rule can allow them
            raise MethodNotAllowed(request.method)
        return bool(
            request.user.is_authenticated and request.user.has_perm(self._perm(request, view))
        )

    def has_object_permission(self, request, view, obj) -> bool:
        return request.user.has_perm(self._perm(request, view), obj)


class ScopedModelViewSet(viewsets.ModelViewSet):
    """Lists only the user's subtree; object URLs outside it answer 404."""

    permission_classes = [RulesPermission]
    base_queryset = None

    def get_queryset(self):
        return scope_queryset(self.request.user, self.base_queryset.all())


class OrganisationSerializer(serializers.ModelSerializer):
    parent = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), allow_null=True, required=False
    )

    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "short_name",
            "level",
            "kind",
            "parent",
            "uscc",
            "division_code",
            "address",
            "office_phone",
            "is_active",
            "depth",
        ]
        read_only_fields = ["depth"]
        # Uniqueness is validated by the model's full_clean in the service.
        validators = []

    def validate_parent(self, parent):
        user = self.context["request"].user
        if self.instance is not None and parent == self.instance.parent:
            return parent  # unchanged
        if parent is None and not user.is_superuser:
            raise ValidationError("必须选择您管辖范围内的上级单位。")
        if parent is not None and not in_user_scope(user, parent):
            raise ValidationError("上级单位不在您的管辖范围内。")
        return parent


class OrganisationViewSet(ScopedModelViewSet):
    """Organisations of the user's subtree. Changes are validated and logged."""

    serializer_class = OrganisationSerializer
    base_queryset = Organisation.objects.select_related("parent")
    filterset_fields = ["level", "kind", "parent", "uscc"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = api_call(
            lambda: services.organisation_create(by=self.request.user, **data)
        )

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        if "parent" in data:
            data["parent_id"] = data.pop("parent").pk if data["parent"] else None
        serializer.instance = api_call(
            lambda: services.organisation_update(
                organisation=serializer.instance, by=self.request.user, data=data
            )
        )


def register(router) -> None:
    router.register("organisations", OrganisationViewSet, basename="organisation")
