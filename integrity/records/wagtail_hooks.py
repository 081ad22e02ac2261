"""Back office of the records app: the viewsets, action URLs, menus and to-do items.

Screens live in :mod:`integrity.records.backoffice`; this module only registers them.
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy

from wagtail import hooks

from integrity.core.models.users import Role

from .backoffice import archive, credit, joint, todo, unit  # noqa: F401
from .backoffice import lists as list_views
from .backoffice.actions import (
    ComplaintActionView,
    CreditCheckView,
    RecordActionView,
    RecordExportView,
    RecordNoticePdfView,
    RepairDecisionPdfView,
)
from .backoffice.common import RoleMenuItem
from .backoffice.viewsets import RecordsGroup


@hooks.register("register_admin_viewset")
def register_records():
    return RecordsGroup()


@hooks.register("register_admin_urls")
def register_records_admin_urls():
    return [
        path(
            "records/record/<int:pk>/do/<str:action>/",
            RecordActionView.as_view(),
            name="records_admin_record_action",
        ),
        path(
            "records/complaint/<int:pk>/do/<str:action>/",
            ComplaintActionView.as_view(),
            name="records_admin_complaint_action",
        ),
        path(
            "records/official/<int:pk>/credit-check/",
            CreditCheckView.as_view(),
            name="records_admin_credit_check",
        ),
        path(
            "records/record/<int:pk>/notice.pdf",
            RecordNoticePdfView.as_view(),
            name="records_admin_notice_pdf",
        ),
        path(
            "records/repair/<int:pk>/decision.pdf",
            RepairDecisionPdfView.as_view(),
            name="records_admin_repair_pdf",
        ),
        path("records/export.<str:fmt>", RecordExportView.as_view(), name="records_admin_export"),
    ]


@hooks.register("register_admin_urls")
def register_records_backoffice_urls():
    return [*unit.urls, *credit.urls, *joint.urls, *list_views.urls, *archive.urls]


@hooks.register("register_admin_menu_item")
def register_unit_records_menu():
    return RoleMenuItem(
        gettext_lazy("My unit's dishonesty records"),
        reverse("records_unit_list"),
        icon_name="warning",
        order=322,
        roles={Role.OPERATOR, Role.LEADER},
    )


@hooks.register("register_admin_menu_item")
def register_dispatch_menu():
    return RoleMenuItem(
        gettext_lazy("Joint rewards and sanctions"),
        reverse("records_dispatch_list"),
        icon_name="link",
        order=323,
        roles={Role.OPERATOR, Role.LEADER, Role.CREDIT_OFFICE},
    )


@hooks.register("register_admin_menu_item")
def register_lists_menu():
    return RoleMenuItem(
        gettext_lazy("Red and black lists"),
        reverse("records_list_issues"),
        icon_name="list-ul",
        order=398,
        roles={Role.CREDIT_OFFICE},
    )


@hooks.register("register_admin_menu_item")
def register_coverage_menu():
    return RoleMenuItem(
        gettext_lazy("Integrity training coverage"),
        reverse("records_archive_coverage"),
        icon_name="user",
        order=397,
        roles={Role.HR, Role.CREDIT_OFFICE},
    )


@hooks.register("register_admin_menu_item")
def register_credit_todo_menu():
    return RoleMenuItem(
        gettext_lazy("Credit office to-do"),
        reverse("records_credit_todo"),
        icon_name="tasks",
        order=399,
        roles={Role.CREDIT_OFFICE},
    )
