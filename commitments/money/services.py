"""Writes to the money registers. Each validates, saves atomically and records an event."""

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from integrity.core.events import model_changes, record_event
from integrity.core.locking import lock
from integrity.core.models import Organisation, User
from integrity.core.permissions import in_user_scope, org_scope
from integrity.core.uscc import normalise

from .. import derived
from ..events import EventType
from ..models import Obligation
from .models import FiscalYear, ObligationPayment, SMEContract, SMEPaymentRecord

CONTRACT_FIELDS = (
    "contract_no",
    "contract_name",
    "supplier_name",
    "supplier_uscc",
    "sme_at_signing",
    "signed_on",
    "delivered_on",
    "accepted_on",
    "agreed_term_days",
    "agreed_daily_rate",
    "amount",
    "note",
)
FISCAL_FIELDS = (
    "debt_balance",
    "fiscal_capacity",
    "overdue_debt",
    "general_budget",
    "ppp_spending",
    "new_government_pays",
)


def _check_scope(by: User | None, organisation: Organisation) -> None:
    if by is not None and not in_user_scope(by, organisation):
        raise PermissionDenied(_("This organisation is outside your responsibility."))


def _money(value: Any, label: str) -> Decimal:
    try:
        amount = Decimal(str(value).replace(",", "")).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError) as error:
        raise ValidationError(_("%(field)s is not an amount.") % {"field": label}) from error
    if amount <= 0:
        raise ValidationError(_("A payment must be more than zero."))
    return amount


def _check_dates(contract: SMEContract) -> None:
    delivered, accepted = contract.delivered_on, contract.accepted_on
    if delivered and accepted and accepted < delivered:
        raise ValidationError({"accepted_on": _("Acceptance cannot come before delivery.")})
    if contract.signed_on and contract.delivered_on and contract.delivered_on < contract.signed_on:
        raise ValidationError({"delivered_on": _("Delivery cannot come before signing.")})


def _apply_due(contract: SMEContract) -> None:
    due = derived.sme_due(contract)
    contract.due_on = due.due if due else None


def _details(contract: SMEContract) -> dict[str, Any]:
    return {
        "contract": contract.contract_name,
        "supplier": contract.supplier_name,
        "amount": contract.amount,
        "due_on": contract.due_on,
    }


@transaction.atomic
def sme_contract_create(
    *, by: User | None, organisation: Organisation, **fields: Any
) -> SMEContract:
    """Register an SME contract; its due date is computed from the rule in force.

    Raises ``PermissionDenied`` outside the user's subtree and ``ValidationError`` (Chinese)
    for bad data; nothing is written then."""
    _check_scope(by, organisation)
    data = {k: v for k, v in fields.items() if k in CONTRACT_FIELDS}
    data["supplier_uscc"] = normalise(data.get("supplier_uscc", ""))
    contract = SMEContract(organisation=organisation, created_by=by, **data)
    contract.full_clean()
    _check_dates(contract)
    _apply_due(contract)
    contract.save()
    record_event(
        type=EventType.CONTRACT_CREATED, actor=by, obj=contract, details=_details(contract)
    )
    return contract


@transaction.atomic
def sme_contract_update(*, contract: SMEContract, by: User | None, data: dict) -> SMEContract:
    """Change a contract's details (never its payments); the due date is recomputed."""
    _check_scope(by, contract.organisation)
    lock(contract)
    original = {name: getattr(contract, name) for name in CONTRACT_FIELDS}
    for name, value in data.items():
        if name in CONTRACT_FIELDS:
            setattr(contract, name, value)
    contract.supplier_uscc = normalise(contract.supplier_uscc)
    contract.full_clean()
    _check_dates(contract)
    if contract.amount < contract.amount_paid:
        raise ValidationError({"amount": _("The amount cannot be less than what was paid.")})
    _apply_due(contract)
    contract.settled_on = _settled_on(contract)
    contract.save()
    changes = model_changes(contract, original, CONTRACT_FIELDS)
    record_event(
        type=EventType.CONTRACT_UPDATED,
        actor=by,
        obj=contract,
        details={"changes": changes, "due_on": contract.due_on},
    )
    return contract


def _settled_on(contract: SMEContract) -> datetime.date | None:
    if contract.outstanding > 0:
        return None
    last = contract.payments.order_by("-paid_on").values_list("paid_on", flat=True).first()
    return last or contract.settled_on


@transaction.atomic
def sme_payment_record(
    *,
    contract: SMEContract,
    by: User | None,
    amount: Any,
    paid_on: datetime.date,
    note: str = "",
) -> SMEPaymentRecord:
    """Record a payment (partial allowed). Paying the rest settles the contract.

    Refuses a payment above what is still owed, dated in the future or before the contract
    was signed."""
    _check_scope(by, contract.organisation)
    lock(contract)
    value = _money(amount, _("Amount"))
    if value > contract.outstanding:
        raise ValidationError(
            _("The payment (%(paid)s yuan) is more than what is still owed (%(owed)s yuan).")
            % {"paid": value, "owed": contract.outstanding}
        )
    if paid_on > timezone.localdate():
        raise ValidationError(_("A payment cannot be dated in the future."))
    if contract.signed_on and paid_on < contract.signed_on:
        raise ValidationError(_("A payment cannot be dated before the contract was signed."))
    payment = SMEPaymentRecord.objects.create(
        contract=contract, paid_on=paid_on, amount=value, note=note, recorded_by=by
    )
    contract.amount_paid += value
    contract.settled_on = _settled_on(contract)
    contract.save(update_fields=["amount_paid", "settled_on", "updated_at"])
    details = {"amount": value, "paid_on": paid_on, "outstanding": contract.outstanding}
    record_event(type=EventType.CONTRACT_PAID, actor=by, obj=contract, details=details)
    if contract.is_settled:
        record_event(
            type=EventType.CONTRACT_SETTLED,
            actor=by,
            obj=contract,
            details={"settled_on": contract.settled_on},
        )
    return payment


@transaction.atomic
def obligation_payment_record(
    *,
    obligation: Obligation,
    by: User | None,
    amount: Any,
    paid_on: datetime.date,
    note: str = "",
) -> ObligationPayment:
    """Record a payment on an incentive or PPP payment (partial allowed)."""
    _check_scope(by, obligation.commitment.organisation)
    lock(obligation)
    value = _money(amount, _("Amount"))
    if value > obligation.outstanding:
        raise ValidationError(
            _("The payment (%(paid)s yuan) is more than what is still owed (%(owed)s yuan).")
            % {"paid": value, "owed": obligation.outstanding}
        )
    if paid_on > timezone.localdate():
        raise ValidationError(_("A payment cannot be dated in the future."))
    payment = ObligationPayment.objects.create(
        obligation=obligation, paid_on=paid_on, amount=value, note=note, recorded_by=by
    )
    obligation.amount_paid += value
    obligation.paid_on = paid_on
    obligation.save(update_fields=["amount_paid", "paid_on"])
    record_event(
        type=EventType.OBLIGATION_PAYMENT_RECORDED,
        actor=by,
        obj=obligation.commitment,
        details={"obligation": obligation.pk, "amount": value, "paid_on": paid_on},
    )
    return payment


@transaction.atomic
def fiscal_year_save(
    *, by: User | None, organisation: Organisation, year: int, **figures: Any
) -> FiscalYear:
    """Create or replace a unit's debt and budget figures for a year (one row per year)."""
    _check_scope(by, organisation)
    row = FiscalYear.objects.filter(organisation=organisation, year=year).first()
    if row is None:
        row = FiscalYear(organisation=organisation, year=year)
    else:
        lock(row)
    original = {name: getattr(row, name) for name in FISCAL_FIELDS}
    for name in FISCAL_FIELDS:
        if name in figures:
            setattr(row, name, figures[name])
    row.full_clean()
    row.save()
    ratio, level, _rule = derived.fiscal_year_risk(row)
    record_event(
        type=EventType.FISCAL_YEAR_SAVED,
        actor=by,
        obj=row,
        details={
            "year": year,
            "changes": model_changes(row, original, FISCAL_FIELDS),
            "ratio": ratio,
            "risk": level,
        },
    )
    return row


def linkable_complaints(contract: SMEContract, by: User | None):
    """Reports about unpaid debts to the paying unit (or below) that ``by`` may see."""
    from integrity.records.models import Complaint

    reports = Complaint.objects.filter(
        topic=Complaint.Topic.UNPAID_DEBT,
        organisation__path__startswith=contract.organisation.path,
    )
    if by is not None:
        reports = reports.filter(organisation__in=org_scope(by))
    return reports.order_by("-pk")


@transaction.atomic
def sme_contract_link_complaint(
    *, contract: SMEContract, by: User | None, complaint
) -> SMEContract:
    """Link (or with ``None`` unlink) a citizen report about the unpaid debt to the contract.

    Only a report about an unpaid debt, to the paying unit or a unit under it, within the
    user's scope; anything else raises ``ValidationError`` and writes nothing."""
    _check_scope(by, contract.organisation)
    lock(contract)
    if (
        complaint is not None
        and not linkable_complaints(contract, by).filter(pk=complaint.pk).exists()
    ):
        raise ValidationError(
            _("Only a report about an unpaid debt to the paying unit can be linked.")
        )
    previous = contract.complaint
    before = previous.tracking_number if previous is not None else ""
    contract.complaint = complaint
    contract.save(update_fields=["complaint", "updated_at"])
    record_event(
        type=EventType.COMPLAINT_LINKED,
        actor=by,
        obj=contract,
        details={
            "before": before,
            "after": complaint.tracking_number if complaint is not None else "",
        },
    )
    return contract
