import datetime

import pytest

from assessment import demo
from assessment.models import Campaign, Score

pytestmark = pytest.mark.django_db


@pytest.fixture
def context(city, county, other_county, department, assessor, county_operator, calendar):
    return {"city": city, "users": {"kaohe": assessor, "beitang": county_operator}}


def test_the_demo_has_a_published_2025_and_an_open_2026_campaign(context, county):
    demo.load(context)
    last, current = Campaign.objects.get(year=2025), Campaign.objects.get(year=2026)
    assert last.status == "published" and current.status == "self_assessment"
    assert last.scheme.indicators.filter(children__isnull=True).count() == 28
    assert last.scheme.indicators.filter(level=1, children__isnull=False).distinct().count() == 6
    assert current.scheme.copied_from == last.scheme
    assert all(u.grade for u in last.units.all())
    assert Score.objects.filter(
        unit__campaign=current, self_score__isnull=False, unit__organisation=county
    ).exists()


def test_demo_auto_values_equal_a_direct_count(context, county):
    commitments = pytest.importorskip("commitments.models")
    period = (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    for day in (1, 2, 3, 4, 5, 6):
        commitments.Commitment.objects.create(
            organisation=county,
            kind="service_quality",
            title="承诺",
            status="fulfilled",
            deadline=datetime.date(2025, day, 1),
            closed_on=datetime.date(2025, day, 1),
        )
    commitments.Commitment.objects.create(
        organisation=county,
        kind="service_quality",
        title="承诺",
        status="broken",
        deadline=datetime.date(2025, 7, 1),
        closed_on=datetime.date(2025, 7, 2),
    )
    demo.load(context)
    score = Score.objects.get(
        unit__campaign__year=2025, unit__organisation=county, indicator__code="4.1"
    )
    closed = commitments.Commitment.objects.filter(
        organisation__path__startswith=county.path,
        deadline__range=period,
        status__in=["fulfilled", "partly_fulfilled", "broken"],
    )
    assert score.cases == closed.count() == 7
    assert float(score.raw_value) == pytest.approx(6 / 7, abs=1e-4)
    broken = Score.objects.get(
        unit__campaign__year=2025, unit__organisation=county, indicator__code="4.4"
    )
    assert broken.raw_value == closed.filter(status="broken").count() == 1
