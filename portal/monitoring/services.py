"""Building the monthly monitoring report and warning the units that got worse."""

import datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from integrity.core.events import record_event
from integrity.core.models import Notice, Organisation
from integrity.core.services import notice_send

from . import figures as fig
from .events import EventType
from .models import WORSE_WHEN_UP, Metric, MonitoringReport


def _changes(current: dict, previous: dict) -> dict[str, int]:
    return {m.value: current.get(m.value, 0) - previous.get(m.value, 0) for m in Metric}


def _previous_figures(month: datetime.date) -> tuple[dict, dict]:
    """The month before: its stored report if there is one, else counted afresh."""
    before = fig.previous_month(month)
    report = MonitoringReport.objects.filter(month=before).first()
    if report is not None:
        return report.figures, report.totals
    return fig.month_figures(before)


def compare(figures: dict, totals: dict, previous: tuple[dict, dict]) -> tuple[dict, list[int]]:
    """Changes per unit and in total, and the ids of units that got worse."""
    before_units, before_totals = previous
    changes = {pk: _changes(row, before_units.get(pk, {})) for pk, row in figures.items()}
    changes["totals"] = _changes(totals, before_totals)
    worsened = [
        int(pk)
        for pk, delta in changes.items()
        if pk != "totals" and any(delta[m] > 0 for m in WORSE_WHEN_UP)
    ]
    return changes, sorted(worsened)


@transaction.atomic
def monitoring_build(*, month: datetime.date, notify: bool = True, by=None) -> MonitoringReport:
    """Build (or rebuild: replace) the report of ``month`` and warn the units that worsened.

    Idempotent: one report per month (update_or_create); warnings are notices with a key
    per unit and month, so a rerun does not send them again. Records an event.
    """
    month = month.replace(day=1)
    figures, totals = fig.month_figures(month)
    changes, worsened = compare(figures, totals, _previous_figures(month))
    report, created = MonitoringReport.objects.select_for_update().update_or_create(
        month=month,
        defaults={
            "figures": figures,
            "totals": totals,
            "changes": changes,
            "worsened": worsened,
            "generated_at": timezone.now(),
        },
    )
    report_attach_pdf(report=report)
    if notify:
        monitoring_warn(report=report)
    record_event(
        type=EventType.REPORT_BUILT,
        actor=by,
        obj=report,
        details={"month": report.slug, "replaced": not created, "worsened": worsened},
        organisation=None,
    )
    return report


def report_attach_pdf(*, report: MonitoringReport) -> None:
    from .pdf import report_pdf

    if report.pdf:
        report.pdf.delete(save=False)
    report.pdf.save(f"monitoring-{report.slug}.pdf", ContentFile(report_pdf(report)), save=True)


def _worse_metrics(report: MonitoringReport, pk: int) -> str:
    delta = report.changes[str(pk)]
    labels = [f"{Metric(m).label} +{delta[m]}" for m in WORSE_WHEN_UP if delta[m] > 0]
    return "；".join(str(label) for label in labels)


def monitoring_warn(*, report: MonitoringReport) -> int:
    """Warn each worsened unit and its supervisor once (key per unit and month).

    Returns the number of notices newly created.
    """
    units = Organisation.objects.in_bulk(report.worsened)
    sent = 0
    for pk in report.worsened:
        unit = units.get(pk)
        if unit is None:
            continue
        body = _("Figures that rose in %(month)s: %(metrics)s") % {
            "month": report.slug,
            "metrics": _worse_metrics(report, pk),
        }
        targets = [(unit, f"monitoring:{report.slug}:{pk}", _("Monthly monitoring: warning"))]
        if supervisor := unit.supervisor():
            title = _("Monthly monitoring: %(unit)s got worse") % {"unit": unit.name}
            targets.append((supervisor, f"monitoring:{report.slug}:{pk}:supervisor", title))
        for organisation, key, title in targets:
            _notice, created = notice_send(
                organisation=organisation,
                key=key,
                title=title,
                body=body,
                level=Notice.Level.WARNING,
                url=report.get_absolute_url(),
            )
            sent += created
    return sent
