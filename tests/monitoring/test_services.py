"""Building the monthly report: one per month, right figures, warnings once."""

import datetime

import pytest

from django.utils import timezone

from integrity.core.models import Event, Notice
from portal.monitoring.figures import previous_month
from portal.monitoring.models import MonitoringReport
from portal.monitoring.services import monitoring_build
from portal.monitoring.tasks import build_monthly_report_task
from tests.commitments.factories import PublishedCommitmentFactory
from tests.monitoring.conftest import OCTOBER

pytestmark = pytest.mark.django_db


def test_running_twice_for_a_month_leaves_one_report_with_the_new_figures(october_data, township):
    first = monitoring_build(month=OCTOBER)
    PublishedCommitmentFactory(organisation=township, deadline=datetime.date(2026, 10, 1))
    second = monitoring_build(month=datetime.date(2026, 10, 31))

    assert MonitoringReport.objects.count() == 1
    assert second.pk == first.pk
    assert second.totals["overdue_commitments"] == first.totals["overdue_commitments"] + 1
    assert Event.objects.filter(type="monitoring.report_built").count() == 2


def test_figures_are_counted_by_unit_with_subtrees_rolled_up(
    october_data, county, housing, quiet_county
):
    report = monitoring_build(month=OCTOBER)
    beitang, zhujian, nanhu = (report.figures[str(o.pk)] for o in (county, housing, quiet_county))

    assert beitang["overdue_commitments"] == 2
    assert beitang["new_records"] == 1
    assert beitang["complaints_received"] == 1 and beitang["complaints_answered"] == 1
    assert beitang["debt_red"] == 1
    assert zhujian["broken_commitments"] == 1
    assert zhujian["complaints_received"] == 1 and zhujian["complaints_answered"] == 0
    assert zhujian["proposals_assigned"] == 1 and zhujian["proposals_replied"] == 1
    assert nanhu["debt_green"] == 1
    assert sum(nanhu[m] for m in nanhu if m not in ("name", "path", "level", "supervisor")) == 1
    assert report.totals["overdue_commitments"] == 2
    assert report.totals["new_records"] == 1


def test_changes_are_against_the_month_before(october_data, county, housing):
    september = monitoring_build(month=datetime.date(2026, 9, 1))
    october = monitoring_build(month=OCTOBER)

    assert september.figures[str(county.pk)]["overdue_commitments"] == 1
    assert october.changes[str(county.pk)]["overdue_commitments"] == 1
    assert october.changes["totals"]["broken_commitments"] == 1
    assert set(october.worsened) == {county.pk, housing.pk}


def test_worsened_units_and_their_supervisors_are_warned_once(
    october_data, city, county, housing, quiet_county
):
    monitoring_build(month=OCTOBER)
    monitoring_build(month=OCTOBER)

    notices = Notice.objects.filter(key__startswith="monitoring:2026-10:")
    assert sorted((n.organisation_id, n.key) for n in notices) == sorted(
        [
            (county.pk, f"monitoring:2026-10:{county.pk}"),
            (city.pk, f"monitoring:2026-10:{county.pk}:supervisor"),
            (housing.pk, f"monitoring:2026-10:{housing.pk}"),
            (city.pk, f"monitoring:2026-10:{housing.pk}:supervisor"),
        ]
    )
    assert not Notice.objects.filter(organisation=quiet_county).exists()
    assert all(n.level == Notice.Level.WARNING and n.url == "/monitoring/2026-10/" for n in notices)


def test_the_report_has_a_pdf(october_data):
    report = monitoring_build(month=OCTOBER)

    assert report.pdf.name.endswith(".pdf")
    assert report.pdf.open("rb").read(5) == b"%PDF-"


def test_the_monthly_task_builds_the_previous_month_by_default(october_data):
    from integrity.celery import app

    build_monthly_report_task.delay("2026-10")
    build_monthly_report_task.delay()

    last_month = previous_month(timezone.localdate())
    assert MonitoringReport.objects.filter(month=OCTOBER).exists()
    assert MonitoringReport.objects.filter(month=last_month).count() == 1
    entry = app.conf.beat_schedule["monitoring-monthly-report"]
    assert entry["task"] == "portal.monitoring.tasks.build_monthly_report_task"
    assert entry["schedule"].day_of_month == {1} and entry["schedule"].hour == {2}
