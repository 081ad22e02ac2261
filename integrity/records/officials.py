"""The civil-servant archive's basic writes and the credit check (诚信核查).

Part of the records services (re-exported by :mod:`integrity.records.services`).
"""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from integrity.core.display import cn_date
from integrity.core.events import record_event
from integrity.core.models import Organisation

from .models import (
    BINDING_SANCTIONS,
    CreditCheck,
    Official,
    OfficialEntry,
    Sanction,
    add_months,
)
from .services import (
    EventType,
    _procedure,
    _require,
    _today,
)

# --- officials -----------------------------------------------------------------------


@transaction.atomic
def official_create(
    *,
    by,
    organisation: Organisation,
    name: str,
    post: str = "",
    id_number: str = "",
    phone: str = "",
) -> Official:
    official = Official(organisation=organisation, name=name, post=post, phone=phone)
    official.set_id_number(id_number)
    official.full_clean()
    official.save()
    record_event(type=EventType.OFFICIAL_CREATED, actor=by, obj=official)
    return official


@transaction.atomic
def official_entry_add(
    *, official: Official, by, kind: str, date: datetime.date, title: str, description: str = ""
) -> OfficialEntry:
    entry = OfficialEntry(
        official=official, kind=kind, date=date, title=title, description=description
    )
    entry.full_clean()
    entry.save()
    record_event(
        type=EventType.OFFICIAL_ENTRY_ADDED,
        actor=by,
        obj=official,
        details={"kind": kind, "title": title},
    )
    return entry


PURPOSE_SANCTIONS: dict[str, str] = {
    CreditCheck.Purpose.PROMOTION: Sanction.Kind.PROMOTION_LIMIT,
    CreditCheck.Purpose.AWARD: Sanction.Kind.AWARD_LIMIT,
    CreditCheck.Purpose.RATING: Sanction.Kind.NO_EXCELLENT,
}


def _check_reasons(official: Official, purpose: str, on: datetime.date) -> list[str]:
    """Live records binding for ``purpose`` (recruitment: every live record) and recent
    violations in the archive (the look-back is a procedure rule)."""
    kind = PURPOSE_SANCTIONS.get(purpose)
    reasons = []
    for record in official.records.live(on=on).prefetch_related("sanctions"):
        binding = [s for s in record.sanctions.all() if s.kind == kind]
        if binding and all(s.status not in BINDING_SANCTIONS for s in binding):
            continue  # the sanction for this purpose was waived or ended
        reasons.append(
            _("Live dishonesty record “%(title)s” (%(severity)s, determined %(date)s).")
            % {
                "title": record.title,
                "severity": record.get_severity_display(),
                "date": cn_date(record.determination_date),
            }
        )
    months = _procedure(official.organisation, on).violation_lookback_months
    since = add_months(on, -months)
    violations = official.entries.filter(kind=OfficialEntry.Kind.VIOLATION, date__gt=since)
    for entry in violations.order_by("date"):
        reasons.append(
            _("Violation on %(date)s: %(title)s.")
            % {"date": cn_date(entry.date), "title": entry.title}
        )
    return reasons


@transaction.atomic
def credit_check(*, official: Official, purpose: str, by) -> CreditCheck:
    """Clear / flagged with reasons, for an HR user in the official's scope. Logged."""
    _require(purpose in CreditCheck.Purpose.values, _("Choose a valid purpose."))
    _require(
        by is not None and by.has_perm("records.add_creditcheck", official),
        _("You may not run a credit check for this person."),
    )
    reasons = _check_reasons(official, purpose, _today())
    check = CreditCheck.objects.create(
        official=official,
        purpose=purpose,
        checked_by=by,
        reasons=reasons,
        result=CreditCheck.Result.FLAGGED if reasons else CreditCheck.Result.CLEAR,
    )
    record_event(
        type=EventType.CREDIT_CHECKED,
        actor=by,
        obj=official,
        details={"purpose": purpose, "result": check.result, "reasons": reasons},
    )
    return check
