"""Small helpers shared by the back-office views of the records app."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse

from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin


def require(condition: bool) -> None:
    if not condition:
        raise PermissionDenied


def pdf_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


class RoleMenuItem(MenuItem):
    """A menu entry shown only to some roles (and superusers)."""

    def __init__(self, *args, roles, **kwargs):
        self.roles = set(roles)
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return request.user.role in self.roles or request.user.is_superuser


class AdminPage(WagtailAdminTemplateMixin):
    """A back-office page whose header shows its own title after "Home"."""

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.get_page_title()}]
