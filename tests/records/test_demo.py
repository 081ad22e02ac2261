import time

import pytest

from integrity.core import demo as core_demo
from integrity.records import demo
from integrity.records.models import Complaint, DishonestyRecord, Official, Severity, SourceType

pytestmark = pytest.mark.django_db


def test_the_demo_covers_every_source_severity_and_state():
    context: dict = {}
    core_demo.load(context)
    started = time.monotonic()
    demo.load(context)
    assert time.monotonic() - started < 30
    records = DishonestyRecord.objects.all()
    assert set(records.values_list("source", flat=True)) == set(SourceType.values)
    assert set(records.values_list("severity", flat=True)) == set(Severity.values)
    statuses = set(records.values_list("status", flat=True))
    assert {"published", "repaired", "expired", "revoked", "draft"} <= statuses
    assert records.filter(objections__status="pending").exists()
    assert DishonestyRecord.objects.public().exists()
    assert Official.objects.count() >= 8 and Official.objects.filter(records__isnull=False).exists()
    assert Complaint.objects.count() == 100
    assert set(Complaint.objects.values_list("status", flat=True)) == set(Complaint.Status.values)


def test_the_demo_has_joint_measures_training_and_a_published_list():
    from integrity.records.models import ListIssue, OfficialEntry, SanctionDispatch

    context: dict = {}
    core_demo.load(context)
    demo.load(context)
    assert SanctionDispatch.objects.count() >= 2
    assert SanctionDispatch.objects.filter(status="fed_back").count() == 1
    assert OfficialEntry.objects.filter(kind="training").exists()
    assert ListIssue.objects.filter(status="published").count() == 1
