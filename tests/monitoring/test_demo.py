"""On the demo data: the report's figures equal direct counts; rebuilding replaces."""

import datetime
from io import StringIO

import pytest

from django.core.management import call_command
from django.utils import timezone

from commitments.models import Commitment
from commitments.proposals.models import Reply
from integrity.core.models import Organisation
from integrity.records.models import Complaint, DishonestyRecord
from portal.monitoring.figures import month_bounds, previous_month
from portal.monitoring.models import MonitoringReport
from portal.monitoring.services import monitoring_build

pytestmark = pytest.mark.django_db


def direct_counts(month: datetime.date, path: str = "/") -> dict[str, int]:
    first, following = month_bounds(month)
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(first, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(following, datetime.time.min, tzinfo=zone)
    commitments = Commitment.objects.filter(organisation__path__startswith=path)
    records = DishonestyRecord.objects.filter(organisation__path__startswith=path)
    complaints = Complaint.objects.filter(organisation__path__startswith=path)
    return {
        "overdue_commitments": commitments.filter(
            status__in=["published", "in_progress"], deadline__lt=following
        ).count(),
        "broken_commitments": commitments.filter(
            status="broken", closed_on__gte=first, closed_on__lt=following
        ).count(),
        "new_records": records.exclude(status__in=["draft", "revoked"])
        .filter(determination_date__gte=first, determination_date__lt=following)
        .count(),
        "complaints_received": complaints.filter(
            submitted_at__gte=start, submitted_at__lt=end
        ).count(),
        "complaints_answered": complaints.filter(
            answered_at__gte=start, answered_at__lt=end
        ).count(),
        "proposals_replied": Reply.objects.filter(
            assignment__unit__path__startswith=path,
            status="sent",
            sent_on__gte=first,
            sent_on__lt=following,
        ).count(),
    }


def test_the_demo_reports_match_direct_counts_and_rebuilding_replaces(client):
    call_command("load_demo", stdout=StringIO())
    month = previous_month(timezone.localdate())
    assert MonitoringReport.objects.count() == 3

    report = monitoring_build(month=month)
    monitoring_build(month=month)

    assert MonitoringReport.objects.count() == 3
    assert MonitoringReport.objects.get(month=month).pk == report.pk
    expected = direct_counts(month)
    assert {k: report.totals[k] for k in expected} == expected
    county = Organisation.objects.get(name="北塘县人民政府")
    by_county = direct_counts(month, county.path)
    assert {k: report.figures[str(county.pk)][k] for k in by_county} == by_county
    assert sum(expected.values()) > 0
    assert client.get(report.get_absolute_url()).status_code == 200
