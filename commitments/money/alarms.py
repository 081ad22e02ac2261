"""The daily sweep over money owed: due soon and overdue, overdue escalated upwards.

SME contracts and the obligations of investment agreements, PPP projects and local debt
(anything still unpaid). "Due soon" uses the due-soon rule of the SME-payment kind in
working days. Cause keys contain the due date, so running the sweep twice sends each
alarm once, and a changed due date can alarm again.
"""

import datetime
from collections.abc import Iterable

from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from integrity.core.display import deadline_text
from integrity.core.models import Notice
from integrity.core.services import notices_send
from integrity.core.workdays import add_working_days

from ..alarms import Alarm, due_soon_days, existing_keys
from ..models import Commitment, Obligation
from .models import SMEContract

MONEY_KINDS = (Commitment.Kind.INVESTMENT, Commitment.Kind.PPP, Commitment.Kind.LOCAL_DEBT)


def due_soon_until(on: datetime.date) -> datetime.date:
    days = due_soon_days(on)
    n = days.get(Commitment.Kind.SME_PAYMENT, days.get("", 10))
    return add_working_days(on, n).value


def _pair(
    *, org: int, parent: int | None, key: str, title: str, body: str, url: str, escalate: str
) -> Iterable[Alarm]:
    yield Alarm(org, key, title, body, Notice.Level.ALARM, url)
    if parent:
        yield Alarm(parent, f"{key}:escalated", escalate, body, Notice.Level.ALARM, url)


def _contracts(on: datetime.date) -> Iterable[Alarm]:
    rows = SMEContract.objects.open().filter(due_on__isnull=False, due_on__lte=due_soon_until(on))
    rows = rows.select_related("organisation")
    for contract in rows:
        body = _("%(org)s owes %(supplier)s %(amount)s yuan under “%(contract)s”, due %(due)s.") % {
            "org": contract.organisation.name,
            "supplier": contract.supplier_name,
            "amount": f"{contract.outstanding:,}",
            "contract": contract.contract_name,
            "due": deadline_text(contract.due_on),
        }
        url = reverse("money_smecontract:inspect", args=[contract.pk])
        key = f"sme:{contract.pk}:{{}}:{contract.due_on}"
        if contract.due_on >= on:
            title = _("SME payment due soon")
            yield Alarm(
                contract.organisation_id,
                key.format("due-soon"),
                title,
                body,
                Notice.Level.WARNING,
                url,
            )
            continue
        yield from _pair(
            org=contract.organisation_id,
            parent=contract.organisation.parent_id,
            key=key.format("overdue"),
            title=_("SME payment overdue"),
            body=body,
            url=url,
            escalate=_("Overdue SME payment of a subordinate unit"),
        )


def _obligations(on: datetime.date) -> Iterable[Alarm]:
    rows = Obligation.objects.filter(
        commitment__kind__in=MONEY_KINDS,
        amount_paid__lt=F("amount"),
        due_on__lte=due_soon_until(on),
    ).select_related("commitment__organisation")
    for obligation in rows:
        commitment = obligation.commitment
        body = _("%(org)s: “%(what)s” of “%(commitment)s”, %(amount)s yuan due %(due)s.") % {
            "org": commitment.organisation.name,
            "what": obligation.description or obligation.get_kind_display(),
            "commitment": commitment.title,
            "amount": f"{obligation.outstanding:,}",
            "due": deadline_text(obligation.due_on),
        }
        url = reverse("money_obligation:inspect", args=[obligation.pk])
        key = f"obligation:{obligation.pk}:{{}}:{obligation.due_on}"
        if obligation.due_on >= on:
            yield Alarm(
                commitment.organisation_id,
                key.format("due-soon"),
                _("Payment promised by the government due soon"),
                body,
                Notice.Level.WARNING,
                url,
            )
            continue
        yield from _pair(
            org=commitment.organisation_id,
            parent=commitment.organisation.parent_id,
            key=key.format("overdue"),
            title=_("Payment promised by the government overdue"),
            body=body,
            url=url,
            escalate=_("Overdue government payment of a subordinate unit"),
        )


def money_alarms_sweep(*, on: datetime.date | None = None) -> int:
    """Send every money alarm not sent before; returns how many notices were created."""
    day = on or timezone.localdate()
    alarms = [*_contracts(day), *_obligations(day)]
    seen = existing_keys(alarms)
    new = {}
    for alarm in alarms:
        ident = (alarm.organisation_id, alarm.key)
        if ident not in seen:
            new.setdefault(ident, alarm)
    return notices_send(
        [alarm.__dict__ for alarm in new.values()],
        subject=_("Alarms about money owed: %(n)d new"),
    )
