"""Civil-servant archive screens: add an entry, coverage per unit, printable credit check."""

import datetime

from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from integrity.core.events import record_event
from integrity.core.permissions import scope_queryset

from .. import archive
from ..events import EventType
from ..models import CreditCheck, Official
from .common import AdminPage, pdf_response, require, run_action

PASSED = {"yes": True, "no": False}


def _date(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value or "")
    except ValueError:
        return None


class EntryAddView(View):
    def post(self, request, pk: int):
        official = get_object_or_404(scope_queryset(request.user, Official.objects.all()), pk=pk)
        require(request.user.has_perm("records.add_officialentry", official))
        data = request.POST
        return run_action(
            request,
            lambda: archive.archive_entry_add(
                official=official,
                by=request.user,
                kind=data.get("kind", ""),
                date=_date(data.get("date", "")),
                title=data.get("title", ""),
                description=data.get("description", ""),
                hours=data.get("hours"),
                score=data.get("score"),
                passed=PASSED.get(data.get("passed", "")),
            ),
            reverse("records_official:inspect", args=[pk]),
        )


class CoverageView(AdminPage, TemplateView):
    template_name = "records/admin/coverage.html"
    page_title = gettext_lazy("Integrity training coverage")
    header_icon = "user"

    def dispatch(self, request, *args, **kwargs):
        require(request.user.has_perm("records.view_official"))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        year_text = self.request.GET.get("year", "")
        year = int(year_text) if year_text.isdigit() else datetime.date.today().year
        return {
            **super().get_context_data(**kwargs),
            "year": year,
            "rows": archive.coverage(self.request.user, year=year),
        }


class CreditCheckPdfView(View):
    def get(self, request, pk: int):
        queryset = scope_queryset(request.user, CreditCheck.objects.select_related("official"))
        check = get_object_or_404(queryset, pk=pk)
        require(request.user.has_perm("records.view_creditcheck", check))
        record_event(type=EventType.CREDIT_CHECK_PRINTED, actor=request.user, obj=check.official)
        return pdf_response(archive.credit_check_pdf(check), f"credit-check-{check.pk}.pdf")


urls = [
    path("records/official/<int:pk>/entry/", EntryAddView.as_view(), name="records_archive_entry"),
    path("records/officials/coverage/", CoverageView.as_view(), name="records_archive_coverage"),
    path(
        "records/credit-check/<int:pk>.pdf",
        CreditCheckPdfView.as_view(),
        name="records_credit_check_pdf",
    ),
]
