"""Back-office screens of the SME payment register, for the unit, others and visitors."""

import datetime
from decimal import Decimal

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from commitments.money.models import SMEContract
from tests.commitments.money.factories import SMEContractFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def overdue(township):
    return SMEContractFactory(
        organisation=township, contract_name="学校维修", amount=Decimal("5000")
    )


@pytest.fixture
def paid(township, operator):
    from commitments.money.services import sme_payment_record

    contract = SMEContractFactory(organisation=township, contract_name="绿化养护")
    sme_payment_record(
        contract=contract, by=operator, amount=contract.amount, paid_on=D(2026, 3, 31)
    )
    return contract


def test_the_list_filters_by_state_and_the_export_follows_the_filter(
    client, operator, overdue, paid
):
    client.force_login(operator)
    index = reverse("money_smecontract:index")
    page = client.get(index, {"state": "overdue"})
    assert page.status_code == 200
    assert "学校维修" in page.text and "绿化养护" not in page.text
    export = client.get(index, {"state": "overdue", "export": "csv"})
    body = b"".join(export.streaming_content).decode("utf-8-sig")
    assert "学校维修" in body and "绿化养护" not in body
    assert "合同名称" in body


def test_another_unit_sees_none_of_it_and_a_visitor_is_sent_to_login(
    client, other_operator, overdue
):
    client.force_login(other_operator)
    assert "学校维修" not in client.get(reverse("money_smecontract:index")).text
    inspect = reverse("money_smecontract:inspect", args=[overdue.pk])
    refused = client.get(inspect)
    assert refused.status_code in (302, 403, 404) and "学校维修" not in refused.text
    pay = reverse("money_sme_payment", args=[overdue.pk])
    assert client.post(pay, {"amount": "1", "paid_on": "2026-04-01"}).status_code == 404
    client.logout()
    assert client.get(inspect).status_code == 302
    assert client.post(pay, {"amount": "1", "paid_on": "2026-04-01"}).status_code in (302, 404)
    overdue.refresh_from_db()
    assert overdue.amount_paid == 0


def _form(township, **extra):
    return {
        "organisation": township.pk,
        "contract_no": "HT-9",
        "contract_name": "污水管网维护",
        "supplier_name": "北塘环保科技有限公司",
        "supplier_uscc": "91350100M000100Y43",
        "sme_at_signing": "on",
        "delivered_on": "2026-03-02",
        "accepted_on": "2026-03-02",
        "agreed_term_days": "",
        "agreed_daily_rate": "",
        "amount": "12000.00",
        "note": "",
        **extra,
    }


def test_a_clerk_registers_a_contract_and_lands_on_its_card(client, operator, township):
    client.force_login(operator)
    response = client.post(reverse("money_smecontract:add"), _form(township))
    contract = SMEContract.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("money_smecontract:inspect", args=[contract.pk])
    card = client.get(response.url).text
    assert "2026年4月1日" in card
    assert "默认" in card or "default" in card


def test_a_bad_uscc_or_dates_are_refused_in_chinese_and_nothing_is_written(
    client, operator, township
):
    client.force_login(operator)
    page = client.post(reverse("money_smecontract:add"), _form(township, supplier_uscc="123"))
    assert page.status_code == 200
    assert "统一社会信用代码" in page.text
    page = client.post(reverse("money_smecontract:add"), _form(township, accepted_on="2026-03-01"))
    assert page.status_code == 200
    assert "验收" in page.text
    assert not SMEContract.objects.exists()


def test_a_payment_from_the_card_closes_the_contract(client, operator, overdue):
    client.force_login(operator)
    pay = reverse("money_sme_payment", args=[overdue.pk])
    client.post(pay, {"amount": "2000", "paid_on": "2026-04-10"})
    overdue.refresh_from_db()
    assert (overdue.amount_paid, overdue.is_settled) == (Decimal("2000"), False)
    response = client.post(pay, {"amount": "3000", "paid_on": "2026-04-11"}, follow=True)
    overdue.refresh_from_db()
    assert overdue.settled_on == D(2026, 4, 11)
    assert "2026年4月11日" in response.text


def test_a_bad_payment_gives_a_chinese_message_and_writes_nothing(client, operator, overdue):
    client.force_login(operator)
    pay = reverse("money_sme_payment", args=[overdue.pk])
    response = client.post(pay, {"amount": "abc", "paid_on": "2026-04-10"}, follow=True)
    assert "金额" in response.text
    response = client.post(pay, {"amount": "9999", "paid_on": "2026-04-10"}, follow=True)
    assert "仍欠" in response.text or "still owed" in response.text
    overdue.refresh_from_db()
    assert overdue.amount_paid == 0


def test_the_working_day_calculator_marks_the_fallback_year_provisional(client, operator, calendar):
    client.force_login(operator)
    page = client.get(reverse("money_workdays"), {"start": "2026-12-28", "days": "5"})
    assert page.status_code == 200
    assert "2027年1月5日" in page.text
    assert "2027年1月1日" in page.text  # named among the weekdays not counted
    assert "暂定" in page.text


def test_the_calculator_refuses_visitors(client):
    assert client.get(reverse("money_workdays")).status_code == 302


def _csv(*rows: str) -> SimpleUploadedFile:
    header = (
        "付款单位,合同编号,合同名称,供应商,供应商统一社会信用代码,签约时为中小企业,签订日期,"
        "交付日期,验收日期,约定付款期限（天）,合同金额（元）"
    )
    text = "\n".join([header, *rows]) + "\n"
    return SimpleUploadedFile("contracts.csv", text.encode("utf-8"), content_type="text/csv")


DATES = "2026-01-10,2026-02-27,2026-03-02"
GOOD = f"石桥镇,HT-1,村道养护,澜江建材有限公司,91350100M000100Y43,是,{DATES},30,100000"
BAD = f"石桥镇,HT-2,路灯维修,澜江电器有限公司,91350100M000100Y44,是,{DATES},90,5000"


def test_an_import_with_one_bad_row_writes_nothing_and_names_the_line(client, operator):
    client.force_login(operator)
    page = client.post(reverse("money_smecontract:import"), {"import_file": _csv(GOOD, BAD)})
    assert page.status_code == 200
    assert "3" in page.text and "供应商统一社会信用代码" in page.text
    assert not SMEContract.objects.exists()


def test_a_clean_import_is_previewed_then_written_with_due_dates(client, operator):
    client.force_login(operator)
    url = reverse("money_smecontract:import")
    page = client.post(url, {"import_file": _csv(GOOD)})
    token = page.context["token"]
    client.post(url, {"token": token})
    contract = SMEContract.objects.get()
    assert contract.due_on == D(2026, 4, 1)
