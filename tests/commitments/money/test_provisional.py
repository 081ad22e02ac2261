"""Must-hold 3: a deadline in a year without a State Council notice skips the statutory
holidays and is marked provisional wherever it is shown."""

import datetime

import pytest

from django.urls import reverse

from commitments.money.alarms import money_alarms_sweep
from integrity.core.models import Notice
from integrity.core.workdays import add_working_days
from tests.commitments.money.factories import SMEContractFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def test_five_working_days_after_28_december_2026_skip_new_years_day(calendar):
    found = add_working_days(D(2026, 12, 28), 5)
    assert found.value == D(2027, 1, 5)
    assert found.provisional
    assert (D(2027, 1, 1), "元旦") in found.skipped


@pytest.fixture
def into_2027(township, calendar):
    # 2 December 2026 + 30 days = 1 January 2027 (元旦, a Friday): due Monday 4 January.
    return SMEContractFactory(
        organisation=township,
        contract_name="跨年合同",
        delivered_on=D(2026, 12, 2),
        accepted_on=D(2026, 12, 2),
    )


def test_the_due_date_in_2027_is_marked_provisional_on_every_surface(
    client, operator, into_2027, township
):
    assert into_2027.due_on == D(2027, 1, 4)
    client.force_login(operator)
    listing = client.get(reverse("money_smecontract:index")).text
    assert "2027年1月4日" in listing and "暂定" in listing
    card = client.get(reverse("money_smecontract:inspect", args=[into_2027.pk])).text
    assert "2027年1月4日" in card and "暂定" in card
    rows = client.get("/api/v1/sme-payments/").json()
    rows = rows["results"] if isinstance(rows, dict) else rows
    assert rows[0]["due_provisional"] is True
    detail = client.get(f"/api/v1/sme-payments/{into_2027.pk}/").json()
    assert detail["due_provisional"] is True and "暂定" in detail["due_explanation"]
    calculator = client.get(reverse("money_workdays"), {"start": "2026-12-28", "days": 5}).text
    assert "2027年1月5日" in calculator and "暂定" in calculator
    money_alarms_sweep(on=D(2026, 12, 28))
    assert "暂定" in Notice.objects.get(organisation=township).body


def test_a_due_date_in_a_published_year_is_not_provisional(client, operator, contract, calendar):
    client.force_login(operator)
    detail = client.get(f"/api/v1/sme-payments/{contract.pk}/").json()
    assert detail["due_provisional"] is False
