"""Benchmark: the daily alarm sweep over 1,000,000 commitments, set-wise vs per object.

Two figures, each beside its per-object baseline in the same run:

1. Finding the alarms. The set-wise way (``commitments.alarms.collect_alarms``) asks the
   database one query per cause; the per-object loop is what a naive implementation does:
   load every open commitment as a model instance and decide each alarm in Python (the
   due-soon day per kind computed once). Both run over all rows and must find the same
   alarms (checked).
2. The whole sweep (``commitments.alarms.alarms_sweep``): find the alarms, look up which
   were sent before, insert the new notices and queue one e-mail per unit; then a second
   run that must create nothing. Baseline: per object, decide its alarms and send each
   with ``notice_send`` (a lookup and an insert per notice, the unit's addresses per
   notice), run on the first ``--sample`` open commitments and extrapolated to all.

Usage: ``python -m benchmarks.commitments_alarms [--rows N] [--sample N]`` (rolled back).
"""

import argparse
import datetime
import os
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "integrity.settings.test")

import django  # noqa: E402

django.setup()

from dateutil.relativedelta import relativedelta  # noqa: E402

from django.db import connection  # noqa: E402

from benchmarks.commitments_import import fixtures, setup_database  # noqa: E402
from benchmarks.common import rolled_back  # noqa: E402

DAY = datetime.date(2026, 6, 1)


def populate(n: int, org) -> None:
    from django.utils import timezone

    from commitments.models import Commitment
    from integrity.core.bulk import insert_dicts

    kinds = Commitment.Kind.values
    statuses = ["published", "in_progress", "fulfilled", "draft"]
    published_at = timezone.now() - datetime.timedelta(days=400)
    for start in range(0, n, 50_000):
        insert_dicts(
            Commitment,
            [
                {
                    "organisation_id": org.pk,
                    "kind": kinds[i % len(kinds)],
                    "status": statuses[i % 4],
                    "title": f"承诺{i}",
                    "deadline": DAY + datetime.timedelta(days=(i % 1000) - 500),
                    "published_at": published_at,
                    "last_progress_on": DAY - datetime.timedelta(days=i % 200),
                    "leadership_changed": i % 97 == 0,
                }
                for i in range(start, min(n, start + 50_000))
            ],
        )


def set_wise() -> set[str]:
    from commitments.alarms import collect_alarms

    return {a.key for a in collect_alarms(DAY)}


def per_object() -> set[str]:
    from commitments.alarms import due_soon_days
    from commitments.models import Commitment
    from integrity.core.workdays import add_working_days

    days = due_soon_days(DAY)
    last_day = {kind: add_working_days(DAY, n).value for kind, n in days.items()}
    since = DAY - relativedelta(months=3)
    keys = set()
    for c in Commitment.objects.open().select_related("organisation").iterator(chunk_size=5000):
        base = f"commitment:{c.pk}:%s:{c.deadline}"
        if DAY <= c.deadline <= last_day[c.kind]:
            keys.add(base % "due-soon")
        if c.deadline < DAY:
            keys.add(base % "overdue")
            if c.organisation.parent_id:
                keys.add(base % "overdue-escalated")
        quiet = (
            c.last_progress_on < since
            if c.last_progress_on
            else (c.published_at and c.published_at.date() < since)
        )
        if quiet:
            keys.add(f"{base % 'no-progress'}:{c.last_progress_on}")
        if c.leadership_changed:
            keys.add(base % "leadership")
    return keys


def per_object_sweep(sample: int) -> tuple[int, int]:
    """The naive sweep over the first ``sample`` open commitments: each alarm sent on its
    own with ``notice_send``. Returns (open commitments seen, notices created)."""
    from commitments.alarms import due_soon_days
    from commitments.models import Commitment
    from integrity.core.services import notice_send
    from integrity.core.workdays import add_working_days

    days = due_soon_days(DAY)
    since = DAY - relativedelta(months=3)
    seen = created = 0
    rows = Commitment.objects.open().select_related("organisation__parent").order_by("pk")
    for c in rows[:sample].iterator(chunk_size=2000):
        seen += 1
        base = f"commitment:{c.pk}:%s:{c.deadline}"
        sends = []
        if DAY <= c.deadline <= add_working_days(DAY, days[c.kind]).value:
            sends.append((c.organisation, base % "due-soon"))
        if c.deadline < DAY:
            sends.append((c.organisation, base % "overdue"))
            if c.organisation.parent_id:
                sends.append((c.organisation.parent, base % "overdue-escalated"))
        quiet = (
            c.last_progress_on < since
            if c.last_progress_on
            else (c.published_at and c.published_at.date() < since)
        )
        if quiet:
            sends.append((c.organisation, f"{base % 'no-progress'}:{c.last_progress_on}"))
        if c.leadership_changed:
            sends.append((c.organisation, base % "leadership"))
        for organisation, key in sends:
            created += notice_send(organisation=organisation, key=key, title=c.title)[1]
    return seen, created


def sensible_sweep() -> int:
    """The loop a competent developer writes: every open commitment read once as plain
    values (no model instances), the due-soon day per kind computed once, the alarms
    decided in Python, then one ``bulk_create(ignore_conflicts=True)`` of the notices and
    one query per 5,000 keys for what was sent before. Returns notices created."""
    from commitments.alarms import due_soon_days
    from commitments.models import Commitment
    from integrity.core.models import Notice
    from integrity.core.workdays import add_working_days

    days = due_soon_days(DAY)
    last_day = {kind: add_working_days(DAY, n).value for kind, n in days.items()}
    since = DAY - relativedelta(months=3)
    fields = ("pk", "kind", "title", "deadline", "organisation_id", "organisation__parent_id",
              "last_progress_on", "published_at", "leadership_changed")  # fmt: skip
    wanted: dict[tuple[int, str], Notice] = {}
    for c in Commitment.objects.open().values(*fields).iterator(chunk_size=5000):
        base = f"commitment:{c['pk']}:%s:{c['deadline']}"
        sends = []
        if DAY <= c["deadline"] <= last_day[c["kind"]]:
            sends.append((c["organisation_id"], base % "due-soon", "warning"))
        if c["deadline"] < DAY:
            sends.append((c["organisation_id"], base % "overdue", "alarm"))
            if c["organisation__parent_id"]:
                sends.append((c["organisation__parent_id"], base % "overdue-escalated", "alarm"))
        progress = c["last_progress_on"]
        if (
            progress < since
            if progress
            else (c["published_at"] and c["published_at"].date() < since)
        ):
            sends.append((c["organisation_id"], f"{base % 'no-progress'}:{progress}", "warning"))
        if c["leadership_changed"]:
            sends.append((c["organisation_id"], base % "leadership", "warning"))
        for org, key, level in sends:
            wanted[(org, key)] = Notice(organisation_id=org, key=key, title=c["title"], level=level)
    keys = sorted({key for _org, key in wanted})
    for start in range(0, len(keys), 5000):
        for ident in Notice.objects.filter(key__in=keys[start : start + 5000]).values_list(
            "organisation_id", "key"
        ):
            wanted.pop(ident, None)
    created = Notice.objects.bulk_create(wanted.values(), batch_size=2000, ignore_conflicts=True)
    return len(created)


def clock(label: str, func):
    started = time.perf_counter()
    result = func()
    elapsed = time.perf_counter() - started
    print(f"{label:<40} {elapsed:9.2f} s  ({len(result)} alarms)")
    return result, elapsed


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--sample", type=int, default=10_000)
    args = parser.parse_args(argv)
    setup_database()
    org, _user = fixtures()
    with rolled_back():
        started = time.perf_counter()
        populate(args.rows, org)
        print(
            f"database: {connection.vendor}; {args.rows} commitments loaded in "
            f"{time.perf_counter() - started:.1f} s"
        )
        fast, fast_s = clock("set-wise sweep (collect_alarms)", set_wise)
        slow, slow_s = clock("per-object loop", per_object)
        assert fast == slow, (len(fast), len(slow))
        print(f"set-wise is {slow_s / fast_s:.1f}× faster; both find the same alarms")
        sweep(args)
    return 0


def sweep(args) -> None:
    from django.db import transaction

    from commitments.alarms import alarms_sweep
    from commitments.models import Commitment

    open_rows = Commitment.objects.open().count()
    # the baseline first, on a sample, rolled back: both start with no notice sent
    sid = transaction.savepoint()
    started = time.perf_counter()
    seen, made = per_object_sweep(args.sample)
    sample_s = time.perf_counter() - started
    transaction.savepoint_rollback(sid)
    loop = sample_s * open_rows / max(seen, 1)
    sid = transaction.savepoint()
    started = time.perf_counter()
    sensible_made = sensible_sweep()
    sensible = time.perf_counter() - started
    transaction.savepoint_rollback(sid)
    started = time.perf_counter()
    created = alarms_sweep(on=DAY)
    first = time.perf_counter() - started
    print(f"{'whole sweep, first run (alarms_sweep)':<40} {first:9.2f} s  ({created} notices)")
    started = time.perf_counter()
    again = alarms_sweep(on=DAY)
    second = time.perf_counter() - started
    print(f"{'whole sweep, run again':<40} {second:9.2f} s  ({again} notices: must be 0)")
    print(
        f"{'per-object sweep (notice_send each)':<40} {loop:9.2f} s  (measured {sample_s:.2f} s"
        f" on {seen} of {open_rows} open commitments, {made} notices; × {open_rows / seen:.0f})"
    )
    print(
        f"{'sensible loop (values, bulk_create)':<40} {sensible:9.2f} s  ({sensible_made} notices,"
        f" all {open_rows} open commitments)"
    )
    print(f"whole sweep: set-wise is {loop / first:.1f}× faster than the per-object loop")
    verdict = "met" if first <= 60 else "ABOVE TARGET"
    print(
        f"whole sweep over {args.rows} commitments: {first:.1f} s (target ≤ 60 s: {verdict}); "
        f"{sensible / first:.2f}× faster than the sensible loop"
    )


if __name__ == "__main__":
    sys.exit(main())
