"""Reads of the money registers that feed pages (back office, API and portal)."""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from integrity.core.models import Event, Organisation

from .. import derived
from .models import SMEContract, SMEPaymentRecord

ZERO = Decimal("0")


@dataclass(frozen=True)
class ContractCard:
    """What the detail card and the API show about one contract on one day."""

    due: derived.DueDate | None
    days_late: int
    daily_rate: Decimal
    interest: Decimal
    overdue: bool


def contract_card(contract: SMEContract, *, on: datetime.date | None = None) -> ContractCard:
    day = on or timezone.localdate()
    rule = derived.sme_rule(contract)
    due = derived.sme_due(contract, rule)
    rate = (
        contract.agreed_daily_rate
        if contract.agreed_daily_rate is not None
        else rule.default_daily_rate
    )
    due_day = due.due if due else None
    payments = list(contract.payments.values_list("paid_on", "amount"))
    return ContractCard(
        due=due,
        days_late=derived.sme_days_late(due_day, contract.settled_on, day),
        daily_rate=rate,
        interest=derived.late_interest(
            amount=contract.amount, due=due_day, payments=payments, daily_rate=rate, on=day
        ),
        overdue=contract.is_overdue(on=day),
    )


def contract_events(contract: SMEContract) -> QuerySet:
    return Event.objects.for_object(contract).order_by("created_at", "id")


@dataclass(frozen=True)
class UnitFigures:
    organisation: Organisation
    contracts: int
    owed: Decimal
    overdue: Decimal
    overdue_contracts: int
    paid_in_year: Decimal


def unit_figures(*, year: int, on: datetime.date | None = None) -> list[UnitFigures]:
    """Per paying unit: amount still owed, owed past its due date, paid in ``year``.

    Two aggregate queries whatever the number of contracts."""
    day = on or timezone.localdate()
    owed = SMEContract.objects.values("organisation").annotate(
        contracts=Count("id"),
        owed=Sum("amount", filter=Q(settled_on__isnull=True))
        - Sum("amount_paid", filter=Q(settled_on__isnull=True)),
        overdue=Sum("amount", filter=Q(settled_on__isnull=True, due_on__lt=day))
        - Sum("amount_paid", filter=Q(settled_on__isnull=True, due_on__lt=day)),
        overdue_contracts=Count("id", filter=Q(settled_on__isnull=True, due_on__lt=day)),
    )
    paid = dict(
        SMEPaymentRecord.objects.filter(paid_on__year=year)
        .values_list("contract__organisation")
        .annotate(total=Sum("amount"))
    )
    rows: dict[int, dict[str, Any]] = {row["organisation"]: dict(row) for row in owed}
    units = Organisation.objects.in_bulk(set(rows) | set(paid))
    result = []
    for pk, unit in sorted(units.items(), key=lambda item: item[1].path):
        row: dict[str, Any] = rows.get(pk, {})
        result.append(
            UnitFigures(
                organisation=unit,
                contracts=row.get("contracts", 0),
                owed=row.get("owed") or ZERO,
                overdue=row.get("overdue") or ZERO,
                overdue_contracts=row.get("overdue_contracts", 0),
                paid_in_year=paid.get(pk) or ZERO,
            )
        )
    return result
