"""Back-office pages outside the viewsets: statistics (chart, Excel, PDF) and reply letters."""

import datetime

import tablib

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from integrity.core.importing import dataset_response
from integrity.core.models.users import Role
from integrity.core.permissions import acts_everywhere, org_scope

from . import pdf, selectors
from .models import Reply
from .workflow_views import forbidden

STATS_ROLES = {Role.PROPOSAL_OFFICE, Role.SYSADMIN, Role.ASSESSOR, Role.LEADER, Role.OPERATOR}


def _may_see_stats(user) -> bool:
    return acts_everywhere(user) or (user.is_authenticated and user.role in STATS_ROLES)


def _year(request) -> int:
    value = request.GET.get("year", "")
    return int(value) if value.isdigit() else datetime.date.today().year


def _rows(user, year: int):
    units = {u.pk: u for u in org_scope(user)}
    stats = selectors.unit_statistics(year=year, units=list(units.values()))
    rows = sorted(((units[pk], s) for pk, s in stats.items()), key=lambda r: r[0].path)
    return [(unit.name, s) for unit, s in rows], selectors.totals(stats)


def _bars(rows) -> list[dict]:
    top = max((s.assigned for _n, s in rows), default=0) or 1
    return [
        {
            "name": name,
            "y": 24 * i,
            "assigned": s.assigned,
            "replied": s.replied,
            "w_assigned": round(300 * s.assigned / top),
            "w_replied": round(300 * s.replied / top),
            "rate": s.satisfaction_rate,
        }
        for i, (name, s) in enumerate(rows)
    ]


def statistics(request):
    if not _may_see_stats(request.user):
        return forbidden(request)  # a plain 403: Wagtail would redirect to the dashboard
    year = _year(request)
    rows, total = _rows(request.user, year)
    if request.GET.get("format") == "xlsx":
        return _statistics_xlsx(rows, total, year)
    context = {
        "year": year,
        "rows": rows,
        "total": total,
        "bars": _bars(rows),
        "chart_height": 24 * len(rows) + 10,
        "page_title": _("Handling statistics"),
    }
    return TemplateResponse(request, "proposals/admin/statistics.html", context)


def _statistics_xlsx(rows, total, year: int) -> HttpResponse:
    data = tablib.Dataset(headers=[_(h) for h in pdf.STATS_HEADERS])
    for name, stats in [*rows, (_("Total"), total)]:
        data.append(pdf._stats_row(name, stats))
    return dataset_response(data, "xlsx", f"statistics-{year}")


def statistics_pdf(request):
    if not _may_see_stats(request.user):
        return forbidden(request)
    year = _year(request)
    rows, total = _rows(request.user, year)
    issuer = request.user.organisation.name if request.user.organisation_id else ""
    data = pdf.yearly_report_pdf(year=year, rows=rows, total=total, issuer=issuer)
    return _pdf_response(data, f"report-{year}.pdf")


def reply_letter(request, pk: int):
    reply = get_object_or_404(selectors.replies_for(request.user), pk=pk)
    if reply.status != Reply.Status.SENT and not request.user.has_perm(
        "proposals.change_reply", reply
    ):
        raise PermissionDenied
    return _pdf_response(pdf.reply_letter_pdf(reply), f"reply-{reply.pk}.pdf")


def _pdf_response(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
