"""The back-office home's to-do items for money owed (``integrity_todo_items`` hook)."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail import hooks

from integrity.core.permissions import scope_queryset

from .models import FiscalYear, SMEContract

DUE_SOON_DAYS = 10  # calendar days ahead shown on the dashboard


@hooks.register("integrity_todo_items")
def money_todo_items(request) -> list[dict]:
    """Overdue and soon-due SME payments of the user's area, with links to the list."""
    user = request.user
    if not user.has_perm("commitments.view_smecontract"):
        return []
    today = timezone.localdate()
    contracts = scope_queryset(user, SMEContract.objects.open())
    overdue = contracts.filter(due_on__lt=today).count()
    soon = contracts.filter(
        due_on__gte=today, due_on__lte=today + datetime.timedelta(days=DUE_SOON_DAYS)
    ).count()
    index = reverse("money_smecontract:index")
    items = [
        {
            "group": _("Money owed"),
            "label": _("SME payments overdue"),
            "count": overdue,
            "url": f"{index}?state=overdue",
            "level": "danger",
        },
        {
            "group": _("Money owed"),
            "label": _("SME payments due within 10 days"),
            "count": soon,
            "url": f"{index}?state=open",
            "level": "warning",
        },
    ]
    warned = _ppp_over_line(user, today.year)
    if warned:
        items.append(
            {
                "group": _("Money owed"),
                "label": _("Units above the PPP spending line"),
                "count": warned,
                "url": reverse("money_fiscalyear:index"),
                "level": "danger",
            }
        )
    return items


def _ppp_over_line(user, year: int) -> int:
    """Units of the user's area whose PPP spending last year or this year is over the line."""
    from .admin_obligations import ppp_check

    rows = scope_queryset(user, FiscalYear.objects.filter(year__gte=year - 1))
    rows = rows.exclude(general_budget__isnull=True).select_related("organisation")
    return len({row.organisation_id for row in rows if ppp_check(row).over})
