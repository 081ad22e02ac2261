"""Civil-servant archive screens: add an entry, coverage per unit, printable credit check."""

import datetime

from django import forms
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from integrity.core.actions import ObjectAction, ObjectActionView, optional_text
from integrity.core.events import record_event
from integrity.core.permissions import scope_queryset

from .. import archive
from ..events import EventType
from ..models import CreditCheck, Official
from .common import AdminPage, pdf_response, require

text = optional_text

PASSED = {"yes": True, "no": False}


def _date(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value or "")
    except ValueError:
        return None


class EntryForm(forms.Form):
    """The posted entry as the service's arguments (the service validates them)."""

    kind, date, title, description = text(), text(), text(), text()
    hours, score, passed = text(), text(), text()

    def clean(self) -> dict:
        data = dict(self.cleaned_data)
        data["date"] = _date(data.get("date", ""))
        data["passed"] = PASSED.get(data.get("passed", ""))
        for number in ("hours", "score"):
            data[number] = data.get(number) or None
        return data


class EntryAddView(ObjectActionView):
    model, url_name, action_name = Official, "records_official:inspect", "entry"
    permission = "records.add_officialentry"
    actions = {
        "entry": ObjectAction[Official](
            name="entry",
            service=lambda o, user, data: archive.archive_entry_add(official=o, by=user, **data),
            form=EntryForm,
        )
    }


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
