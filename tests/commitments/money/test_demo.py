"""The demo loads the money registers: paid, overdue and due-soon contracts, payments, years."""

import datetime

import pytest

from django.utils import timezone

from commitments import demo as commitments_demo
from commitments.models import Obligation
from commitments.money import demo
from commitments.money.models import FiscalYear, ObligationPayment, SMEContract
from integrity.core.models import Event
from integrity.core.uscc import is_valid_uscc
from integrity.records import services as records
from tests.factories import CountyFactory, TownshipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def orgs(city, calendar):
    county = CountyFactory(name="北塘县人民政府", parent=city)
    towns = {name: TownshipFactory(name=name, parent=county) for name in ("石桥镇人民政府", "镇1")}
    return {"澜江市人民政府": city, "北塘县人民政府": county, **towns}


def test_demo_registers_contracts_in_every_state(orgs):
    today = timezone.localdate()
    commitments_demo.load({"orgs": orgs, "city": orgs["澜江市人民政府"], "users": {}})
    contracts = SMEContract.objects.all()
    assert contracts.count() == 2 * len(demo.PLANS)  # the two demo payers given
    assert all(is_valid_uscc(code) for code in contracts.values_list("supplier_uscc", flat=True))
    assert contracts.filter(settled_on__isnull=False).exists()
    assert contracts.overdue(on=today).exists()
    assert contracts.overdue(on=today).filter(amount_paid__gt=0).exists()  # partly paid
    soon = contracts.due_between(today, today + datetime.timedelta(days=14))
    assert soon.exists()
    assert not contracts.filter(due_on__isnull=True).exists()
    # every contract and payment went through the services: one event each
    created = Event.objects.filter(type="money.sme_contract_created").count()
    assert created == contracts.count()
    assert Event.objects.filter(type="money.sme_payment_recorded").count() == sum(
        c.payments.count() for c in contracts
    )
    # one supplier has one code
    pairs = set(contracts.values_list("supplier_name", "supplier_uscc"))
    assert len({name for name, _ in pairs}) == len(pairs)


def test_demo_pays_some_obligations_and_enters_fiscal_years(orgs):
    today = timezone.localdate()
    commitments_demo.load({"orgs": orgs, "city": orgs["澜江市人民政府"], "users": {}})
    assert ObligationPayment.objects.exists()
    fully = Obligation.objects.filter(amount_paid__gt=0, amount_paid__gte=models_amount())
    assert fully.exists()
    assert Obligation.objects.filter(due_on__lt=today, amount_paid=0).exists()  # still overdue
    years = FiscalYear.objects.filter(
        organisation__in=[orgs["澜江市人民政府"], orgs["北塘县人民政府"]]
    )
    assert set(years.values_list("year", flat=True)) == {today.year - 1, today.year}
    assert years.count() == 4


def models_amount():
    from django.db.models import F

    return F("amount")


def test_demo_links_a_debt_report_to_an_overdue_contract(orgs):
    town = orgs["石桥镇人民政府"]
    report = records.complaint_submit(
        organisation=town, topic="debt", title="工程款拖欠", text="验收后三个月仍未付款"
    )
    commitments_demo.load({"orgs": orgs, "city": orgs["澜江市人民政府"], "users": {}})
    linked = SMEContract.objects.get(complaint=report)
    assert linked.organisation == town
    assert linked.is_overdue()
