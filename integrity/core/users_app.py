from wagtail.users.apps import WagtailUsersAppConfig


class UsersAdminConfig(WagtailUsersAppConfig):
    """Wagtail's users app, with the user admin scoped to the organisation subtree."""

    user_viewset = "integrity.core.viewsets.ScopedUserViewSet"

    def ready(self) -> None:
        super().ready()
        from django.contrib.auth import get_user_model

        from wagtail.permissions import register_permission_policy

        from integrity.core.viewsets import RulesPermissionPolicy

        user_model = get_user_model()
        register_permission_policy(user_model, RulesPermissionPolicy(user_model))
