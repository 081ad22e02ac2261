"""Amounts owed under a commitment and the payments on them."""

import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction

from integrity.core.events import record_event
from integrity.core.models import User

from ..events import EventType
from ..models import Commitment, Obligation
from .common import _check_writer, _clean_money


@transaction.atomic
def obligation_add(*, commitment: Commitment, by: User | None, **fields: Any) -> Obligation:
    """Add an amount owed under a commitment (incentive, PPP payment, repayment)."""
    _check_writer(by, commitment.organisation)
    obligation = Obligation(commitment=commitment, **fields)
    obligation.full_clean(exclude=["commitment"])
    obligation.save()
    record_event(
        type=EventType.OBLIGATION_ADDED,
        actor=by,
        obj=commitment,
        details={
            "obligation": obligation.pk,
            "amount": obligation.amount,
            "due_on": obligation.due_on,
        },
    )
    return obligation


@transaction.atomic
def obligation_pay(
    *, obligation: Obligation, by: User | None, amount: Decimal, on: datetime.date
) -> Obligation:
    """Record a payment on an obligation (amounts only grow; dates are the last payment)."""
    _check_writer(by, obligation.commitment.organisation)
    amount = _clean_money(amount) or Decimal(0)
    obligation.amount_paid += amount
    obligation.paid_on = on
    obligation.save(update_fields=["amount_paid", "paid_on"])
    record_event(
        type=EventType.OBLIGATION_PAID,
        actor=by,
        obj=obligation.commitment,
        details={"obligation": obligation.pk, "amount": amount, "on": on},
    )
    return obligation
