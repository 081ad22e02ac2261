"""/sme-payments/: what each unit owes small and medium enterprises (public figures)."""

from decimal import Decimal

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from commitments.money.selectors import unit_figures


def sme_payments(request: HttpRequest) -> HttpResponse:
    """Per paying unit: still owed, owed past the due date, paid in the chosen year."""
    today = timezone.localdate()
    year_text = request.GET.get("year", "")
    year = int(year_text) if year_text.isdigit() and 2000 <= int(year_text) <= 2100 else today.year
    rows = unit_figures(year=year, on=today)
    totals = {
        "owed": sum((r.owed for r in rows), Decimal("0")),
        "overdue": sum((r.overdue for r in rows), Decimal("0")),
        "paid_in_year": sum((r.paid_in_year for r in rows), Decimal("0")),
    }
    context = {"rows": rows, "totals": totals, "year": year, "today": today}
    return render(request, "portal/sme_payments.html", context)
