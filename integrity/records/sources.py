"""Where records come from: each source proposes a DRAFT record for the credit office.

* a broken commitment (the commitments app logs ``commitment.broken``; the event row is
  the contract, so every way of breaking a commitment proposes a record);
* a founded citizen report (``services.complaint_verify`` with the follow-up "record");
* an imported court list of judgment defaulters (失信被执行人名单), matched by USCC;
  all-or-nothing with a report per line of the file.
"""

import datetime
import logging
from dataclasses import dataclass, field

import tablib

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils.translation import gettext as _

from commitments.events import EventType as CommitmentEvent
from integrity.core.events import record_event
from integrity.core.models import Event, Organisation
from integrity.core.permissions import org_scope
from integrity.core.uscc import is_valid_uscc, normalise

from . import services
from .events import EventType
from .models import DishonestyRecord, Severity, SourceType

logger = logging.getLogger(__name__)


# --- broken commitments -----------------------------------------------------------------


@receiver(post_save, sender=Event, dispatch_uid="records-broken-commitment")
def propose_from_broken_commitment(sender, instance: Event, created: bool, **kwargs) -> None:
    if created and instance.type == CommitmentEvent.BROKEN:
        propose_record_for_commitment(instance)


def propose_record_for_commitment(event: Event) -> DishonestyRecord | None:
    """A draft record for the broken commitment of ``event``, once; None if not possible."""
    from commitments.models import Commitment

    if not event.object_id.isdigit():
        return None
    commitment = Commitment.objects.filter(pk=int(event.object_id)).first()
    if commitment is None or commitment.dishonesty_records.exists():
        return None
    try:
        with transaction.atomic():
            return services.record_create_from_commitment(commitment=commitment, by=event.actor)
    except ValidationError as error:  # no publication rule (an empty test database)
        logger.warning("no draft record for commitment %s: %s", commitment.pk, error)
        return None


# --- court list of judgment defaulters ---------------------------------------------------

COLUMNS = {
    "uscc": ("统一社会信用代码", "uscc"),
    "name": ("被执行人名称", "name"),
    "court": ("执行法院", "court"),
    "case": ("案号", "case_number"),
    "date": ("列入日期", "listed_on"),
    "facts": ("失信情形", "facts"),
}


@dataclass
class ImportLine:
    line: int
    messages: list[str] = field(default_factory=list)
    organisation: Organisation | None = None
    values: dict = field(default_factory=dict)


@dataclass
class DefaulterImport:
    lines: list[ImportLine]
    records: list[DishonestyRecord] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.lines) and not any(line.messages for line in self.lines)


def _cell(row: dict, key: str) -> str:
    for name in COLUMNS[key]:
        if name in row and row[name] not in (None, ""):
            return str(row[name]).strip()
    return ""


def _date(value: str) -> datetime.date | None:
    value = value.strip().split(" ")[0].replace("/", "-").replace(".", "-")
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


def _check_line(number: int, row: dict, units: dict[str, Organisation], seen: set) -> ImportLine:
    line = ImportLine(line=number)
    code, case = normalise(_cell(row, "uscc")), _cell(row, "case")
    listed = _date(_cell(row, "date"))
    if not is_valid_uscc(code):
        line.messages.append(_("%(column)s: not a valid code.") % {"column": "统一社会信用代码"})
    elif code not in units:
        line.messages.append(
            _("%(column)s: no unit in your jurisdiction has this code.")
            % {"column": "统一社会信用代码"}
        )
    if not case:
        line.messages.append(_("%(column)s: required.") % {"column": "案号"})
    elif (
        case in seen
        or DishonestyRecord.objects.filter(
            source=SourceType.JUDGMENT_DEFAULTER, decision_number=case
        ).exists()
    ):
        line.messages.append(_("%(column)s: this case is already recorded.") % {"column": "案号"})
    if listed is None:
        line.messages.append(
            _("%(column)s: write the date as 2026-12-31.") % {"column": "列入日期"}
        )
    seen.add(case)
    line.organisation = units.get(code)
    line.values = {"case": case, "listed": listed, "court": _cell(row, "court")}
    line.values["facts"] = _cell(row, "facts") or _cell(row, "name")
    return line


def defaulters_import(*, by, dataset: tablib.Dataset) -> DefaulterImport:
    """Check every line; if all are good, make one draft record per line in one transaction.

    Returns the report; nothing is written when any line has a problem.
    """
    units = {org.uscc: org for org in org_scope(by).exclude(uscc="")}
    seen: set[str] = set()
    lines = [_check_line(n, row, units, seen) for n, row in enumerate(dataset.dict, start=2)]
    report = DefaulterImport(lines=lines)
    if not lines:
        report.lines = [ImportLine(line=1, messages=[_("The file has no rows.")])]
    if report.ok:
        with transaction.atomic():
            report.records = [_create(line, by) for line in lines]
            record_event(
                type=EventType.DEFAULTERS_IMPORTED,
                actor=by,
                organisation=by.organisation,
                details={"records": [r.pk for r in report.records]},
            )
    return report


def _create(line: ImportLine, by) -> DishonestyRecord:
    values = line.values
    assert line.organisation is not None  # checked: every line matched a unit
    return services.record_create(
        by=by,
        organisation=line.organisation,
        title=_("Listed as a judgment defaulter (%(case)s)") % {"case": values["case"]},
        source=SourceType.JUDGMENT_DEFAULTER,
        severity=Severity.SERIOUS,
        determination_date=values["listed"],
        facts=values["facts"],
        deciding_body=values["court"][:120],
        decision_number=values["case"][:100],
        legal_basis="《最高人民法院关于公布失信被执行人名单信息的若干规定》",
    )
