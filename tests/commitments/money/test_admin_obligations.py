"""Incentives and PPP payments, local debt and the PPP lines in the back office."""

import datetime
from decimal import Decimal

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from commitments.models import Commitment, Obligation
from commitments.money.models import FiscalYear
from tests.commitments.factories import PublishedCommitmentFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def agreement(township):
    return PublishedCommitmentFactory(
        organisation=township, kind=Commitment.Kind.INVESTMENT, title="光伏产业园招商协议"
    )


@pytest.fixture
def incentive(agreement):
    return Obligation.objects.create(
        commitment=agreement,
        kind=Obligation.Kind.SUBSIDY,
        condition="竣工投产",
        amount=Decimal("800000"),
        due_on=D(2026, 1, 31),
    )


def test_a_clerk_adds_an_incentive_with_its_condition_and_due_date(client, operator, agreement):
    client.force_login(operator)
    response = client.post(
        reverse("money_obligation:add"),
        {
            "commitment": agreement.pk,
            "kind": "subsidy",
            "description": "设备补贴",
            "condition": "设备到位",
            "amount": "300000",
            "due_on": "2026-09-30",
        },
    )
    obligation = Obligation.objects.get()
    assert response.url == reverse("money_obligation:inspect", args=[obligation.pk])
    assert obligation.condition == "设备到位"


def test_an_overdue_incentive_is_listed_as_overdue_and_paid_in_parts(client, operator, incentive):
    client.force_login(operator)
    page = client.get(reverse("money_obligation:index"), {"state": "overdue"})
    assert "竣工投产" in page.text
    pay = reverse("money_obligation_payment", args=[incentive.pk])
    client.post(pay, {"amount": "300000", "paid_on": "2026-02-10"})
    incentive.refresh_from_db()
    assert incentive.outstanding == Decimal("500000")
    card = client.get(reverse("money_obligation:inspect", args=[incentive.pk])).text
    assert "500,000.00 元" in card


def test_another_unit_cannot_open_or_pay_an_incentive(client, other_operator, incentive):
    client.force_login(other_operator)
    assert "竣工投产" not in client.get(reverse("money_obligation:index")).text
    pay = reverse("money_obligation_payment", args=[incentive.pk])
    assert client.post(pay, {"amount": "1", "paid_on": "2026-02-10"}).status_code == 404
    client.logout()
    assert client.post(pay, {"amount": "1", "paid_on": "2026-02-10"}).status_code in (302, 404)
    incentive.refresh_from_db()
    assert incentive.amount_paid == 0


def test_fiscal_year_entered_by_screen_shows_risk_and_warns_the_ppp_line(
    client, operator, township
):
    client.force_login(operator)
    response = client.post(
        reverse("money_fiscalyear:add"),
        {
            "organisation": township.pk,
            "year": "2025",
            "debt_balance": "250",
            "fiscal_capacity": "100",
            "overdue_debt": "0",
            "general_budget": "1000",
            "ppp_spending": "60",
            "new_government_pays": "on",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    page = client.get(reverse("money_fiscalyear:index")).text
    assert "250.00%" in page
    assert "5" in page and ("PPP" in page)
    row = FiscalYear.objects.get()
    assert row.new_government_pays


def _csv(*rows: str) -> SimpleUploadedFile:
    header = (
        "单位,年度,债务余额（元）,综合财力（元）,逾期债务（元）,"
        "一般公共预算支出（元）,PPP项目财政支出（元）,新上政府付费项目"
    )
    text = "\n".join([header, *rows]) + "\n"
    return SimpleUploadedFile("debt.csv", text.encode("utf-8"), content_type="text/csv")


def test_fiscal_years_import_all_or_nothing(client, operator):
    client.force_login(operator)
    url = reverse("money_fiscalyear:import")
    page = client.post(
        url, {"import_file": _csv("石桥镇,2025,300,100,0,1000,50,否", "白沙镇,2025,1,1,0,,,否")}
    )
    assert "白沙镇" in page.text
    assert not FiscalYear.objects.exists()
    page = client.post(url, {"import_file": _csv("石桥镇,2025,300,100,0,1000,50,否")})
    client.post(url, {"token": page.context["token"]})
    assert FiscalYear.objects.get().debt_balance == Decimal("300")


def test_another_unit_sees_no_fiscal_year(client, other_operator, operator, township):
    from commitments.money.services import fiscal_year_save

    fiscal_year_save(
        by=operator, organisation=township, year=2025, debt_balance=1, fiscal_capacity=1
    )
    client.force_login(other_operator)
    assert "石桥镇" not in client.get(reverse("money_fiscalyear:index")).text


def test_the_system_administrator_opens_the_list_without_edit_or_delete_buttons(
    client, city, incentive
):
    from tests.factories import SysadminFactory

    client.force_login(SysadminFactory(organisation=city))
    page = client.get(reverse("money_obligation:index"))
    assert page.status_code == 200  # no delete URL to reverse for a user who may delete
    assert "竣工投产" in page.text
