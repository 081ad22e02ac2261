"""The daily alarm sweep: due soon, overdue (escalated), no progress, leadership change.

Candidates are selected set-wise (one query per cause, plus one for the notices that
already exist); only new causes reach ``notice_send``, so running the sweep twice
creates each alarm once. A cause key contains the deadline, so a lawfully extended
deadline can alarm again.
"""

import datetime
import functools
from collections.abc import Iterable
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

from django.db.models import Q
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from integrity.core.display import cn_date
from integrity.core.models import Notice
from integrity.core.services import notices_send
from integrity.core.workdays import WorkingCalendar, local_midnight

from .models import Commitment, DueSoonRule

FIELDS = (
    "pk",
    "title",
    "deadline",
    "organisation_id",
    "organisation__parent_id",
    "organisation__name",
    "last_progress_on",
)


@dataclass(frozen=True)
class Alarm:
    organisation_id: int
    key: str
    title: str
    body: str
    level: str
    url: str


def due_soon_days(on: datetime.date) -> dict[str, int]:
    """Working days per kind from the national rules in force (kind '' = all kinds)."""
    return {kind: n for (path, kind), n in due_soon_windows(on).items() if path == ""}


def due_soon_windows(on: datetime.date) -> dict[tuple[str, str], int]:
    """``{(jurisdiction path or "", kind): working days}`` for every rule in force.

    At one jurisdiction a kind-specific row beats the all-kinds row; the latest start wins.
    """
    rows = DueSoonRule.objects.valid_on(on).select_related("jurisdiction").order_by("valid_from")
    generic: dict[str, int] = {}
    specific: dict[tuple[str, str], int] = {}
    for row in rows:
        path = row.jurisdiction.path if row.jurisdiction_id else ""
        if row.kind:
            specific[(path, row.kind)] = row.working_days
        else:
            generic[path] = row.working_days
    windows = {(path, kind): n for path, n in generic.items() for kind in Commitment.Kind.values}
    windows.update(specific)
    if not any(path == "" for path, _kind in windows):
        windows.update({("", kind): 10 for kind in Commitment.Kind.values})
    return windows


def _window_condition(windows, on: datetime.date, calendar: WorkingCalendar) -> Q:
    """One Q over all rules: the deepest jurisdiction with a rule for the kind wins."""
    condition = Q()
    for (path, kind), n in windows.items():
        deeper = [p for (p, k) in windows if k == kind and p != path and p.startswith(path)]
        rule = Q(kind=kind, deadline__gte=on, deadline__lte=calendar.add(on, n).value)
        if path:
            rule &= Q(organisation__path__startswith=path)
        for other in deeper:
            rule &= ~Q(organisation__path__startswith=other)
        condition |= rule
    return condition


def _url(pk: int) -> str:
    return _url_pattern(get_script_prefix(), get_language()).replace("999999999", str(pk))


@functools.lru_cache(maxsize=8)
def _url_pattern(prefix: str, language: str | None) -> str:
    """The inspect URL with a placeholder key: one ``reverse``, not one per alarm."""
    return reverse("commitments_commitment:inspect", args=[999999999])


@functools.lru_cache(maxsize=8)
def _body_format(language: str | None) -> str:
    return _("%(org)s: “%(title)s”, deadline %(deadline)s.")


def _texts() -> tuple[str, str]:
    """The body format and the URL pattern in the current language: looked up once per
    cause, not per alarm (a sweep builds hundreds of thousands of alarms)."""
    language = get_language()
    return _body_format(language), _url_pattern(get_script_prefix(), language)


def _alarm(
    row: dict,
    *,
    cause: str,
    title: str,
    level: str,
    escalate: bool = False,
    texts: tuple[str, str] | None = None,
) -> Alarm:
    org = row["organisation__parent_id"] if escalate else row["organisation_id"]
    body_format, pattern = texts or _texts()
    body = body_format % {
        "org": row["organisation__name"],
        "title": row["title"],
        "deadline": cn_date(row["deadline"]),
    }
    url = pattern.replace("999999999", str(row["pk"]))
    return Alarm(org, f"commitment:{row['pk']}:{cause}:{row['deadline']}", title, body, level, url)


def _due_soon(open_qs, on: datetime.date) -> Iterable[Alarm]:
    windows = due_soon_windows(on)
    reach = datetime.timedelta(days=max(windows.values()) * 2 + 21)
    condition = _window_condition(windows, on, WorkingCalendar(on, on + reach))
    title, texts = _("Commitment due soon"), _texts()
    for row in open_qs.filter(condition).values(*FIELDS):
        yield _alarm(row, cause="due-soon", title=title, level=Notice.Level.WARNING, texts=texts)


def _overdue(open_qs, on: datetime.date) -> Iterable[Alarm]:
    title, escalated = _("Commitment overdue"), _("Overdue commitment of a subordinate unit")
    texts = _texts()
    for row in open_qs.filter(deadline__lt=on).values(*FIELDS):
        yield _alarm(row, cause="overdue", title=title, level=Notice.Level.ALARM, texts=texts)
        if row["organisation__parent_id"]:
            yield _alarm(
                row,
                cause="overdue-escalated",
                escalate=True,
                title=escalated,
                level=Notice.Level.ALARM,
                texts=texts,
            )


def _stale_months(on: datetime.date) -> int:
    rule = DueSoonRule.objects.valid_on(on).filter(jurisdiction__isnull=True, kind="").first()
    return rule.stale_months if rule else 3


def _stale(open_qs, on: datetime.date) -> Iterable[Alarm]:
    since = on - relativedelta(months=_stale_months(on))
    quiet = Q(last_progress_on__lt=since) | Q(
        last_progress_on__isnull=True, published_at__lt=local_midnight(since)
    )
    title, texts = _("No progress for three months"), _texts()
    for row in open_qs.filter(quiet).values(*FIELDS):
        alarm = _alarm(
            row, cause="no-progress", title=title, level=Notice.Level.WARNING, texts=texts
        )
        yield Alarm(**{**alarm.__dict__, "key": f"{alarm.key}:{row['last_progress_on']}"})


def _leadership(open_qs) -> Iterable[Alarm]:
    title, texts = _("Commitment inherited after a leadership change"), _texts()
    for row in open_qs.filter(leadership_changed=True).values(*FIELDS):
        yield _alarm(row, cause="leadership", title=title, level=Notice.Level.WARNING, texts=texts)


def collect_alarms(on: datetime.date) -> list[Alarm]:
    open_qs = Commitment.objects.open()
    return [
        *_due_soon(open_qs, on),
        *_overdue(open_qs, on),
        *_stale(open_qs, on),
        *_leadership(open_qs),
    ]


def existing_keys(alarms: list[Alarm], chunk: int = 5000) -> set[tuple[int, str]]:
    """``(organisation_id, key)`` of the alarms already sent (chunks of keys: a sweep over a
    million commitments has more keys than a statement may carry parameters)."""
    keys = sorted({a.key for a in alarms})
    if len(keys) > chunk * 4:  # a large sweep: one read beats many IN lists (no index on key)
        sent = Notice.objects.filter(key__startswith="commitment:").values_list(
            "organisation_id", "key"
        )
        return set(sent.iterator(chunk_size=20_000))
    found: set[tuple[int, str]] = set()
    for start in range(0, len(keys), chunk):
        found.update(
            Notice.objects.filter(key__in=keys[start : start + chunk]).values_list(
                "organisation_id", "key"
            )
        )
    return found


def alarms_sweep(*, on: datetime.date | None = None) -> int:
    """Send every alarm not sent before; returns how many notices were created.

    Set-wise: the alarms not sent before go to ``notices_send`` in one call (bulk insert,
    so two sweeps at once still create each alarm once; one e-mail per unit)."""
    day = on or timezone.localdate()
    alarms = collect_alarms(day)
    seen = existing_keys(alarms)
    new: dict[tuple[int, str], Alarm] = {}
    for alarm in alarms:
        ident = (alarm.organisation_id, alarm.key)
        if ident not in seen and ident not in new:
            new[ident] = alarm
    # an Alarm's fields are the Notice's: organisation_id, key, title, body, level, url
    return notices_send(
        [dict(a.__dict__) for a in new.values()], subject=_("Commitment alarms: %(n)d new")
    )
