"""The working-day calculator (back office and API): a deadline and how it was computed."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from integrity.core.permissions import is_backoffice
from integrity.core.workdays import add_working_days

from ..derived import date_zh
from .forms import WorkdayForm

WEEKDAYS = "一二三四五六日"


@dataclass(frozen=True)
class Deadline:
    start: datetime.date
    days: int
    result: datetime.date
    provisional: bool
    skipped: tuple[tuple[datetime.date, str], ...]

    def explanation(self) -> str:
        """In words: the count, each weekday not counted and why, provisional or not."""
        text = _("%(n)d working days counted from %(start)s give %(result)s.") % {
            "n": self.days,
            "start": date_zh(self.start),
            "result": date_zh(self.result),
        }
        if self.skipped:
            days = "、".join(
                f"{date_zh(day)}（{name or _('day off')}）" for day, name in self.skipped
            )
            text += _(" Weekdays not counted: %(days)s.") % {"days": days}
        if self.provisional:
            text += _(
                " Provisional: the State Council has not yet published the holiday "
                "arrangement for a year in this span, so the holidays fixed by the national "
                "holiday law were skipped and the date may still move."
            )
        return text


def deadline_after(start: datetime.date, days: int) -> Deadline:
    found = add_working_days(start, days)
    return Deadline(start, days, found.value, found.provisional, found.skipped)


class WorkdayCalculatorView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "money/admin/workdays.html"
    page_title = gettext_lazy("Working-day calculator")
    header_icon = "date"

    def dispatch(self, request, *args, **kwargs):
        if not is_backoffice(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = WorkdayForm(self.request.GET or None)
        context["form"] = form
        if form.is_valid():
            context["deadline"] = deadline_after(
                form.cleaned_data["start"], form.cleaned_data["days"]
            )
        return context
