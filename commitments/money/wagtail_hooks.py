"""Back-office menu and URLs of the money registers (imported by commitments.wagtail_hooks)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSetGroup

from integrity.core.permissions import is_backoffice

from . import todo  # noqa: F401  (registers the dashboard to-do items)
from .admin import SMEContractViewSet, SMEPaymentView
from .admin_obligations import FiscalYearViewSet, MoneyObligationViewSet, ObligationPayView
from .workdays import WorkdayCalculatorView


class MoneyGroup(ViewSetGroup):
    menu_label = gettext_lazy("Money owed")
    menu_icon = "table"
    menu_order = 310
    items = (
        SMEContractViewSet("money_smecontract"),
        MoneyObligationViewSet("money_obligation"),
        FiscalYearViewSet("money_fiscalyear"),
    )


@hooks.register("register_admin_viewset")
def register_money():
    return MoneyGroup()


class WorkdayMenuItem(MenuItem):
    def is_shown(self, request):
        return is_backoffice(request.user)


@hooks.register("register_admin_menu_item")
def register_workday_calculator():
    return WorkdayMenuItem(
        gettext_lazy("Working-day calculator"),
        reverse("money_workdays"),
        icon_name="date",
        order=311,
    )


@hooks.register("register_admin_urls")
def register_money_urls():
    return [
        path("money/workdays/", WorkdayCalculatorView.as_view(), name="money_workdays"),
        path(
            "money/sme-contracts/<int:pk>/pay/",
            SMEPaymentView.as_view(),
            name="money_sme_payment",
        ),
        path(
            "money/obligations/<int:pk>/pay/",
            ObligationPayView.as_view(),
            name="money_obligation_payment",
        ),
    ]
