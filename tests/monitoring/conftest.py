import datetime
from decimal import Decimal

import pytest

from django.utils import timezone

from commitments.models import Commitment, LocalDebt
from integrity.core.models import Organisation
from integrity.records.models import Complaint
from tests.commitments.factories import PublishedCommitmentFactory
from tests.factories import CountyFactory, DepartmentFactory
from tests.search import factories as f

OCTOBER = datetime.date(2026, 10, 1)


def at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


@pytest.fixture
def housing(city):
    return DepartmentFactory(name="住房和城乡建设局", parent=city, level=Organisation.Level.CITY)


@pytest.fixture
def quiet_county(city):
    return CountyFactory(name="南湖县", parent=city)


def complaint(organisation, *, submitted: datetime.date, answered: datetime.date | None = None):
    return Complaint.objects.create(
        tracking_number=f"T{Complaint.objects.count() + 1:06d}",
        topic=Complaint.Topic.BROKEN_PROMISE,
        organisation=organisation,
        title="承诺未兑现",
        original_text="反映问题",
        submitted_at=at(submitted),
        answered_at=at(answered) if answered else None,
        status=Complaint.Status.ANSWERED if answered else Complaint.Status.RECEIVED,
    )


def debt(organisation, *, percent: int, as_of: datetime.date):
    commitment = PublishedCommitmentFactory(
        organisation=organisation,
        kind=Commitment.Kind.LOCAL_DEBT,
        deadline=datetime.date(2030, 1, 1),
    )
    return LocalDebt.objects.create(
        commitment=commitment,
        balance=Decimal(percent) * 1000,
        fiscal_capacity=Decimal(100_000),
        as_of=as_of,
    )


@pytest.fixture
def october_data(county, township, housing, quiet_county):
    """北塘县 (with 石桥镇) gets worse in October; 住房和城乡建设局 too; 南湖县 stays quiet."""
    PublishedCommitmentFactory(organisation=township, deadline=datetime.date(2026, 9, 20))
    PublishedCommitmentFactory(organisation=township, deadline=datetime.date(2026, 10, 15))
    PublishedCommitmentFactory(organisation=county, deadline=datetime.date(2026, 12, 31))
    PublishedCommitmentFactory(
        organisation=housing, status=Commitment.Status.BROKEN, closed_on=datetime.date(2026, 10, 8)
    )
    f.record(township, determination_date=datetime.date(2026, 10, 5))
    f.record(township, title="旧记录", determination_date=datetime.date(2026, 8, 5))
    complaint(township, submitted=datetime.date(2026, 10, 3), answered=datetime.date(2026, 10, 9))
    complaint(housing, submitted=datetime.date(2026, 10, 30))
    debt(county, percent=350, as_of=datetime.date(2026, 10, 10))
    debt(quiet_county, percent=100, as_of=datetime.date(2026, 6, 30))
    reply = f.reply(housing)
    reply.assignment.assigned_on = datetime.date(2026, 10, 2)
    reply.assignment.save()
    reply.sent_on = datetime.date(2026, 10, 20)
    reply.save()
    return Organisation.objects.get(pk=county.pk)
