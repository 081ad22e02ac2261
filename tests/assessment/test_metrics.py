import datetime
from decimal import Decimal

import pytest

from assessment import services
from assessment.metrics import METRICS
from assessment.models import Score

pytestmark = pytest.mark.django_db
PERIOD = (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
commitments = pytest.importorskip("commitments.models")


def make(org, status, deadline, closed_on=None, change_count=0):
    return commitments.Commitment.objects.create(
        organisation=org,
        kind="service_quality",
        title="承诺",
        status=status,
        deadline=deadline,
        closed_on=closed_on,
        change_count=change_count,
    )


@pytest.fixture
def data(county, township, other_county, department):
    day = datetime.date
    make(county, "fulfilled", day(2025, 6, 1), day(2025, 5, 30))
    make(county, "fulfilled", day(2025, 6, 1), day(2025, 6, 1), change_count=1)
    make(county, "fulfilled", day(2025, 6, 1), day(2025, 7, 1))  # late
    make(county, "broken", day(2025, 8, 1), day(2025, 8, 2))
    make(county, "in_progress", day(2025, 9, 1), change_count=2)  # overdue at year end
    make(township, "fulfilled", day(2025, 3, 1), day(2025, 3, 1))  # counts for the county
    make(county, "fulfilled", day(2024, 6, 1), day(2024, 6, 1))  # outside the period
    make(other_county, "fulfilled", day(2025, 4, 1), day(2025, 4, 1))
    return county


def compute(code, *orgs):
    from integrity.core.models import Organisation

    return METRICS[code].compute(Organisation.objects.filter(pk__in=[o.pk for o in orgs]), PERIOD)


def test_the_fulfilment_rate_equals_a_direct_count_and_drills_down(
    data, county, other_county, department
):
    frame = compute("commitment_fulfilment_rate", county, other_county, department)
    assert frame.loc[county.pk, "value"] == pytest.approx(4 / 5)
    assert frame.loc[county.pk, "cases"] == 5
    assert frame.loc[other_county.pk, "cases"] == 1
    assert frame.loc[department.pk, "cases"] == 0  # no cases: NaN, the fallback decides
    cases = METRICS["commitment_fulfilment_rate"].cases(county, PERIOD)
    assert cases.count() == 5


def test_counts_on_time_overdue_broken_and_extensions(data, county, other_county):
    on_time = compute("commitment_on_time_rate", county, other_county)
    assert on_time.loc[county.pk, "value"] == pytest.approx(3 / 4)
    assert compute("commitment_overdue_count", county).loc[county.pk, "value"] == 1
    assert compute("commitment_broken_count", county).loc[county.pk, "value"] == 1
    assert METRICS["commitment_broken_count"].cases(county, PERIOD).count() == 1


def test_one_query_per_metric_whatever_the_number_of_units(
    data, county, other_county, django_assert_max_num_queries
):
    with django_assert_max_num_queries(4):
        compute("commitment_fulfilment_rate", county, other_county)


def test_auto_scores_use_the_fallback_for_too_few_cases(
    data, city, assessor, county, other_county, department
):
    from tests.assessment.conftest import build_scheme

    scheme = build_scheme(city, assessor)
    leaf = scheme.indicators.get(code="2.1")
    services.indicator_update(
        indicator=leaf,
        by=assessor,
        data={"method": "auto", "metric_code": "commitment_fulfilment_rate"},
    )
    campaign = services.campaign_open(scheme=scheme, by=assessor, on=datetime.date(2026, 1, 5))
    scores = {
        s.unit.organisation: s
        for s in Score.objects.filter(
            unit__campaign=campaign, indicator__code="2.1"
        ).select_related("unit__organisation")
    }
    assert scores[county].raw_value == Decimal("0.8") and scores[county].cases == 5
    assert scores[county].score == Decimal("32.00")  # 40 × 0.8
    # one case only (< 5): the peer group's average of units with enough cases
    assert scores[other_county].raw_value == Decimal("0.8") and scores[other_county].cases == 1
    # no unit of the department group has enough cases: the fixed rate (1)
    assert scores[department].raw_value == Decimal("1")


def test_a_few_units_read_only_their_own_rows(data, county, other_county):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        alone = compute("commitment_fulfilment_rate", county)
    counted = next(q["sql"] for q in queries if "COUNT" in q["sql"])
    assert "core_organisation" in counted and "LIKE" in counted  # the unit's subtree only
    both = compute("commitment_fulfilment_rate", county, other_county)
    assert alone.loc[county.pk].tolist() == both.loc[county.pk].tolist()


def test_many_units_are_counted_in_one_scan_with_the_same_result(
    data, county, other_county, monkeypatch
):
    from assessment import metrics

    scoped = compute("commitment_fulfilment_rate", county, other_county)
    monkeypatch.setattr(metrics, "SCOPED_UNITS", 1)  # two units count as "many" now
    scanned = compute("commitment_fulfilment_rate", county, other_county)
    assert scanned.equals(scoped)
