import datetime
from decimal import Decimal

import pytest

from django.core.exceptions import PermissionDenied, ValidationError

from commitments.models import Commitment, Obligation
from commitments.money import services
from commitments.money.models import FiscalYear, SMEContract
from integrity.core.models import Event
from tests.commitments.factories import PublishedCommitmentFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def _contract_data(**extra):
    return {
        "contract_name": "办公楼维修",
        "supplier_name": "澜江建材有限公司",
        "supplier_uscc": "91350100M000100Y43",
        "accepted_on": D(2026, 3, 2),
        "amount": Decimal("80000"),
        **extra,
    }


def test_registering_a_contract_computes_the_due_date_and_records_an_event(township, operator):
    contract = services.sme_contract_create(by=operator, organisation=township, **_contract_data())
    assert contract.due_on == D(2026, 4, 1)
    event = Event.objects.get(type=services.EventType.CONTRACT_CREATED)
    assert (event.actor, event.organisation) == (operator, township)


def test_a_bad_uscc_is_refused_in_chinese_and_nothing_is_written(township, operator):
    with pytest.raises(ValidationError) as error:
        services.sme_contract_create(
            by=operator, organisation=township, **_contract_data(supplier_uscc="91350100M000100Y44")
        )
    assert "supplier_uscc" in error.value.message_dict
    assert not SMEContract.objects.exists()


def test_acceptance_before_delivery_is_refused(township, operator):
    with pytest.raises(ValidationError):
        services.sme_contract_create(
            by=operator, organisation=township, **_contract_data(delivered_on=D(2026, 3, 5))
        )


def test_another_organisation_cannot_register_for_the_unit(township, other_operator):
    with pytest.raises(PermissionDenied):
        services.sme_contract_create(by=other_operator, organisation=township, **_contract_data())


def test_editing_the_agreed_term_recomputes_the_due_date(contract, operator):
    services.sme_contract_update(contract=contract, by=operator, data={"agreed_term_days": 45})
    contract.refresh_from_db()
    assert contract.due_on == D(2026, 4, 16)
    event = Event.objects.get(type=services.EventType.CONTRACT_UPDATED)
    assert event.details["changes"]["agreed_term_days"] == [None, 45]


def test_a_partial_payment_leaves_the_contract_open_and_the_rest_settles_it(contract, operator):
    services.sme_payment_record(
        contract=contract, by=operator, amount="40000", paid_on=D(2026, 3, 20)
    )
    contract.refresh_from_db()
    assert (contract.amount_paid, contract.outstanding) == (Decimal("40000"), Decimal("60000"))
    assert not contract.is_settled
    assert contract.is_overdue(on=D(2026, 4, 2))

    services.sme_payment_record(
        contract=contract, by=operator, amount="60000.00", paid_on=D(2026, 4, 3)
    )
    contract.refresh_from_db()
    assert contract.settled_on == D(2026, 4, 3)
    assert not contract.is_overdue(on=D(2026, 5, 1))
    assert list(SMEContract.objects.overdue(on=D(2026, 5, 1))) == []
    types = list(Event.objects.filter(type__startswith="money.").values_list("type", flat=True))
    assert types.count(services.EventType.CONTRACT_PAID) == 2
    assert services.EventType.CONTRACT_SETTLED in types


@pytest.mark.parametrize("amount", ["0", "-5", "abc", "100000.01"])
def test_a_bad_payment_is_refused_and_nothing_is_written(contract, operator, amount):
    with pytest.raises(ValidationError):
        services.sme_payment_record(
            contract=contract, by=operator, amount=amount, paid_on=D(2026, 3, 20)
        )
    contract.refresh_from_db()
    assert contract.amount_paid == 0
    assert not contract.payments.exists()


def test_a_payment_in_the_future_is_refused(contract, operator):
    with pytest.raises(ValidationError):
        services.sme_payment_record(
            contract=contract, by=operator, amount="1", paid_on=D(2999, 1, 1)
        )


def test_an_incentive_is_paid_in_parts(township, operator):
    agreement = PublishedCommitmentFactory(
        organisation=township, kind=Commitment.Kind.INVESTMENT, title="招商协议"
    )
    obligation = Obligation.objects.create(
        commitment=agreement,
        kind=Obligation.Kind.SUBSIDY,
        condition="投产满一年",
        amount=Decimal("500000"),
        due_on=D(2026, 6, 30),
    )
    services.obligation_payment_record(
        obligation=obligation, by=operator, amount="200000", paid_on=D(2026, 6, 1)
    )
    obligation.refresh_from_db()
    assert obligation.outstanding == Decimal("300000")
    assert obligation.payments.count() == 1
    with pytest.raises(ValidationError):
        services.obligation_payment_record(
            obligation=obligation, by=operator, amount="300000.01", paid_on=D(2026, 6, 2)
        )


def test_fiscal_year_figures_are_saved_once_per_year_and_replaced(township, operator):
    figures = {"debt_balance": Decimal("250"), "fiscal_capacity": Decimal("100")}
    services.fiscal_year_save(by=operator, organisation=township, year=2025, **figures)
    services.fiscal_year_save(
        by=operator,
        organisation=township,
        year=2025,
        debt_balance=Decimal("90"),
        fiscal_capacity=Decimal("100"),
    )
    row = FiscalYear.objects.get()
    assert row.debt_balance == Decimal("90")
    last = Event.objects.filter(type=services.EventType.FISCAL_YEAR_SAVED).order_by("pk").last()
    assert last.details["risk"] == "green"
