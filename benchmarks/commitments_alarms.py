"""Benchmark: the daily alarm sweep over 1,000,000 commitments, set-wise vs per object.

The set-wise sweep (``commitments.alarms.collect_alarms``) asks the database one query
per cause; the per-object loop is what a naive implementation does: load every open
commitment and decide each alarm in Python, asking the calendar per object.
Both find the same alarms; the run checks that and prints the times.
Usage: ``python -m benchmarks.commitments_alarms [--rows N]`` (rolled back afterwards).
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

from benchmarks.commitments_import import fixtures, rolled_back, setup_database  # noqa: E402

DAY = datetime.date(2026, 6, 1)


def populate(n: int, org) -> None:
    from django.utils import timezone

    from commitments.models import Commitment

    kinds = Commitment.Kind.values
    statuses = ["published", "in_progress", "fulfilled", "draft"]
    published_at = timezone.now() - datetime.timedelta(days=400)
    batch = []
    for i in range(n):
        batch.append(
            Commitment(
                organisation_id=org.pk,
                kind=kinds[i % len(kinds)],
                status=statuses[i % 4],
                title=f"承诺{i}",
                deadline=DAY + datetime.timedelta(days=(i % 1000) - 500),
                published_at=published_at,
                last_progress_on=DAY - datetime.timedelta(days=i % 200),
                leadership_changed=(i % 97 == 0),
            )
        )
        if len(batch) == 10_000:
            Commitment.objects.bulk_create(batch)
            batch = []
    Commitment.objects.bulk_create(batch)


def set_wise() -> set[str]:
    from commitments.alarms import collect_alarms

    return {a.key for a in collect_alarms(DAY)}


def per_object() -> set[str]:
    from commitments.alarms import due_soon_days
    from commitments.models import Commitment
    from integrity.core.workdays import add_working_days

    days = due_soon_days(DAY)
    since = DAY - relativedelta(months=3)
    keys = set()
    for c in Commitment.objects.open().select_related("organisation").iterator(chunk_size=5000):
        base = f"commitment:{c.pk}:%s:{c.deadline}"
        if DAY <= c.deadline <= add_working_days(DAY, days[c.kind]).value:
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


def clock(label: str, func):
    started = time.perf_counter()
    result = func()
    elapsed = time.perf_counter() - started
    print(f"{label:<40} {elapsed:9.2f} s  ({len(result)} alarms)")
    return result, elapsed


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
