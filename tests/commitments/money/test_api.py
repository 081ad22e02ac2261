import datetime
from decimal import Decimal

import pytest

from commitments.money.models import SMEContract

pytestmark = pytest.mark.django_db
URL = "/api/v1/sme-payments/"
D = datetime.date


def _body(township, **extra):
    return {
        "organisation": township.pk,
        "contract_name": "农贸市场改造",
        "supplier_name": "北塘建设有限公司",
        "supplier_uscc": "91350100M000100Y43",
        "delivered_on": "2026-03-02",
        "accepted_on": "2026-03-02",
        "agreed_term_days": 90,
        "amount": "30000.00",
        **extra,
    }


def test_a_clerk_registers_pays_and_reads_the_explained_due_date(client, operator, township):
    client.force_login(operator)
    created = client.post(URL, _body(township), content_type="application/json")
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    detail = client.get(f"{URL}{pk}/").json()
    # 90 agreed, capped at 60: 2026-05-01, 劳动节, moves to Monday 4 May.
    assert detail["due_on"] == "2026-05-04"
    assert "60" in detail["due_explanation"] and "第二百零三条" in detail["due_explanation"]
    paid = client.post(
        f"{URL}{pk}/pay/",
        {"amount": "10000", "paid_on": "2026-04-01"},
        content_type="application/json",
    )
    assert paid.status_code == 200
    assert paid.json()["outstanding"] == "20000.00"
    assert paid.json()["payments"][0]["amount"] == "10000.00"


def test_bad_input_is_a_400_in_chinese_and_writes_nothing(client, operator, township):
    client.force_login(operator)
    response = client.post(
        URL, _body(township, supplier_uscc="91350100M000100Y44"), content_type="application/json"
    )
    assert response.status_code == 400
    assert (
        "校验" in str(response.json())
        or "检验" in str(response.json())
        or "Check" in str(response.json())
    )
    assert not SMEContract.objects.exists()


def test_an_overpayment_is_refused(client, operator, contract):
    client.force_login(operator)
    response = client.post(
        f"{URL}{contract.pk}/pay/",
        {"amount": "100000.01", "paid_on": "2026-04-01"},
        content_type="application/json",
    )
    assert response.status_code == 400
    contract.refresh_from_db()
    assert contract.amount_paid == Decimal("0")


def test_another_unit_sees_nothing_and_cannot_pay(client, other_operator, contract, township):
    client.force_login(other_operator)
    assert (
        client.get(URL).json()["results"] == []
        if isinstance(client.get(URL).json(), dict)
        else client.get(URL).json() == []
    )
    assert client.get(f"{URL}{contract.pk}/").status_code == 404
    response = client.post(
        f"{URL}{contract.pk}/pay/",
        {"amount": "1", "paid_on": "2026-04-01"},
        content_type="application/json",
    )
    assert response.status_code == 404
    created = client.post(URL, _body(township), content_type="application/json")
    assert created.status_code in (400, 403)
    assert SMEContract.objects.count() == 1


def test_anonymous_visitors_get_nothing(client, contract):
    assert client.get(URL).status_code in (401, 403)
    assert client.get(f"{URL}{contract.pk}/").status_code in (401, 403)
    assert client.get("/api/v1/workdays/", {"start": "2026-12-28", "days": 5}).status_code in (
        401,
        403,
    )


def test_the_state_filter(client, operator, contract):
    client.force_login(operator)
    rows = client.get(URL, {"state": "settled"}).json()
    rows = rows["results"] if isinstance(rows, dict) else rows
    assert rows == []


def test_workdays_in_the_fallback_year_skip_new_years_day_and_are_provisional(
    client, other_operator, calendar
):
    client.force_login(other_operator)  # national data: every back-office user may ask
    data = client.get("/api/v1/workdays/", {"start": "2026-12-28", "days": 5}).json()
    assert data["result"] == "2027-01-05"
    assert data["provisional"] is True
    assert {"date": "2027-01-01", "name": "元旦"} in data["skipped"]
    assert "暂定" in data["explanation"] or "Provisional" in data["explanation"]


def test_workdays_refuse_bad_input(client, operator):
    client.force_login(operator)
    assert client.get("/api/v1/workdays/", {"start": "x", "days": 5}).status_code == 400


def test_the_list_reads_a_constant_number_of_queries(
    client, operator, township, django_assert_max_num_queries
):
    from tests.commitments.money.factories import SMEContractFactory

    for _n in range(5):
        SMEContractFactory(organisation=township)
    client.force_login(operator)
    client.get(URL)  # warm the calendar-years cache
    with django_assert_max_num_queries(8):
        assert client.get(URL).status_code == 200
