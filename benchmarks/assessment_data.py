"""The assessment benchmark's data, built once per size and reused.

An assessor (city) with ``units`` direct subordinates (counties and departments
alternately); ``commitments`` commitments (one local-debt figure per unit, an approved
extension for one commitment in twenty); ``proposals`` proposal items with one assignment
each, replies to four in five and ratings of half the replies; ``records`` dishonesty
records and half as many citizen reports. Rows are written set-wise (``COPY`` on
PostgreSQL) in one transaction; on SQLite with ``synchronous=OFF, journal_mode=MEMORY``
for the build only.
"""

import datetime
import sys
import time
from contextlib import contextmanager
from decimal import Decimal

YEAR = 2025
D = Decimal
ROOT_NAME = "基准考核市"


@contextmanager
def fast_writes():
    from django.db import connection, transaction

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous=OFF")
            cursor.execute("PRAGMA journal_mode=MEMORY")
    try:
        with transaction.atomic():
            yield
    finally:
        if connection.vendor == "sqlite":  # a killed run must not corrupt the file
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA journal_mode=DELETE")
                cursor.execute("PRAGMA synchronous=NORMAL")


# --- data -------------------------------------------------------------------------------


def insert(model, rows, columns: list[str]) -> None:
    """Write whole rows: ``rows`` yields tuples for ``columns``; every other column gets
    the value a new instance would hold (``integrity.core.bulk.defaults``). Written by
    ``insert_rows`` in chunks: ``COPY … FROM STDIN`` on PostgreSQL, multi-row ``INSERT``
    on SQLite. Keys come from the table's sequence in row order (the callers count on
    consecutive keys in a fresh database)."""
    from integrity.core.bulk import defaults, insert_fields, insert_rows

    fields = insert_fields(model)
    base = defaults(model, fields)
    template = [base.get(f.attname) for f in fields]
    position = {f.attname: i for i, f in enumerate(fields)}
    slots = [position[c] for c in columns]
    missing = [f.attname for f in fields if f.attname not in base and f.attname not in columns]
    if missing:
        raise ValueError(f"{model.__name__}: no value for {', '.join(missing)}")
    chunk: list[list] = []
    for values in rows:
        row = list(template)
        for slot, value in zip(slots, values, strict=True):
            row[slot] = value
        chunk.append(row)
        if len(chunk) == CHUNK:
            insert_rows(model, fields, chunk)
            chunk = []
    if chunk:
        insert_rows(model, fields, chunk)


CHUNK = 100_000


def make_units(n: int):
    from integrity.core.models import Organisation
    from integrity.core.services import organisation_create

    root = organisation_create(by=None, name=ROOT_NAME, level="city", kind="government")
    kinds = ["government", "department"]
    orgs = Organisation.objects.bulk_create(
        (
            Organisation(
                name=f"基准单位{i}",
                level="county",
                kind=kinds[i % 2],
                parent=root,
                depth=root.depth + 1,
                path=f"{root.path}tmp{i}/",
            )
            for i in range(n)
        ),
        batch_size=5000,
    )
    if orgs[0].pk is None:  # backends without RETURNING
        orgs = list(Organisation.objects.filter(parent=root).order_by("pk"))
    for org in orgs:
        org.path = f"{root.path}{org.pk}/"
    Organisation.objects.bulk_update(orgs, ["path"], batch_size=5000)
    return [o.pk for o in orgs]


def day_of(i: int) -> datetime.date:
    return datetime.date(YEAR, 1, 1) + datetime.timedelta(days=i % 365)


def make_commitments(units: list[int], n: int) -> None:
    from commitments.models import ChangeRequest, Commitment, LocalDebt

    statuses = ["fulfilled", "fulfilled", "fulfilled", "broken", "in_progress", "partly_fulfilled"]
    u = len(units)

    def rows():
        for i in range(n):
            deadline = day_of(i)
            status = statuses[i % 6]
            closed = deadline + datetime.timedelta(days=(i % 5) - 2) if i % 6 != 4 else None
            kind = "local_debt" if i < u else "service_quality"
            yield (units[i % u], kind, status, "承诺", deadline, closed)

    columns = ["organisation_id", "kind", "status", "title", "deadline", "closed_on"]
    insert(Commitment, rows(), columns)
    first = Commitment.objects.order_by("pk").values_list("pk", flat=True).first()
    insert(
        LocalDebt,
        (
            (first + i, D(50 + (i * 37) % 300), D(100), datetime.date(YEAR, 12, 31))
            for i in range(u)
        ),
        ["commitment_id", "balance", "fiscal_capacity", "as_of"],
    )
    from django.utils import timezone

    decided = timezone.make_aware(datetime.datetime(YEAR, 6, 1))
    insert(
        ChangeRequest,
        (
            (first + i * 20, "approved", day_of(i * 20), day_of(i * 20 + 30), "理由", decided)
            for i in range(n // 20)
        ),
        ["commitment_id", "status", "old_deadline", "new_deadline", "justification", "decided_at"],
    )


def make_proposals(root_id: int, units: list[int], n: int) -> None:
    from commitments.proposals.models import Assignment, Item, Member, Rating, Reply

    member = Member.objects.create(organisation_id=root_id, kind="suggestion", name="代表")
    registered = datetime.date(YEAR, 2, 1)
    insert(
        Item,
        ((root_id, "suggestion", YEAR, f"B{i}", "建议", member.pk, registered) for i in range(n)),
        ["organisation_id", "kind", "year", "number", "title", "lead_author_id", "registered_on"],
    )
    first = Item.objects.order_by("pk").values_list("pk", flat=True).first()
    deadline = datetime.date(YEAR, 5, 31)
    insert(
        Assignment,
        (
            (first + i, units[i % len(units)], "sole", registered, registered, deadline)
            for i in range(n)
        ),
        ["item_id", "unit_id", "role", "assigned_on", "round_started_on", "deadline"],
    )
    first = Assignment.objects.order_by("pk").values_list("pk", flat=True).first()
    replied = [i for i in range(n) if i % 5]
    insert(
        Reply,
        ((first + i, "A", "答复", "答复", "sent", deadline, day_of(120 + i % 40)) for i in replied),
        ["assignment_id", "category", "title", "body", "status", "deadline", "sent_on"],
    )
    first = Reply.objects.order_by("pk").values_list("pk", flat=True).first()
    levels = ["satisfied", "basic", "unsatisfied"]
    insert(
        Rating,
        ((first + j, member.pk, levels[j % 3], deadline) for j in range(0, len(replied), 2)),
        ["reply_id", "member_id", "result", "rated_on"],
    )


def make_records(units: list[int], n: int) -> None:
    from django.utils import timezone

    from integrity.records.models import Complaint, DishonestyRecord

    sources = ["defaulter", "penalty", "breach", "arrears"]
    severities = ["minor", "general", "serious"]
    statuses = ["published", "published", "notified", "repaired", "confirmed"]

    def published(i):
        return timezone.make_aware(datetime.datetime.combine(day_of(i + i % 15), datetime.time(9)))

    insert(
        DishonestyRecord,
        (
            (
                units[i % len(units)],
                "失信记录",
                sources[i % 4],
                severities[i % 3],
                day_of(i),
                statuses[i % 5],
                datetime.date(YEAR + 2, 1, 1),
                published(i) if statuses[i % 5] in ("published", "repaired") else None,
            )
            for i in range(n)
        ),
        [
            "organisation_id",
            "title",
            "source",
            "severity",
            "determination_date",
            "status",
            "max_end_date",
            "published_at",
        ],
    )
    complaints = n // 2
    insert(
        Complaint,
        (
            (
                f"BM{i:08d}",
                "promise",
                units[i % len(units)],
                "投诉",
                "投诉",
                "answered",
                day_of(i + 10),
                published(i + i % 7),
                published(i),
            )
            for i in range(complaints)
        ),
        [
            "tracking_number",
            "topic",
            "organisation_id",
            "title",
            "original_text",
            "status",
            "answer_due",
            "answered_at",
            "submitted_at",
        ],
    )


def counts() -> dict:
    from commitments.models import Commitment
    from commitments.proposals.models import Item
    from integrity.core.models import Organisation
    from integrity.records.models import DishonestyRecord

    root = Organisation.objects.filter(name=ROOT_NAME).first()
    return {
        "units": root.children.count() if root else 0,
        "commitments": Commitment.objects.count(),
        "proposals": Item.objects.count(),
        "records": DishonestyRecord.objects.count(),
    }


def build(args) -> None:
    """Create the data unless the database already holds exactly what was asked for."""
    wanted = {
        "units": args.units,
        "commitments": args.commitments,
        "proposals": args.proposals,
        "records": args.records,
    }
    found = counts()
    if found == wanted:
        print(f"data: reused {found}")
        return
    if any(found.values()):
        sys.exit(f"{args.database} holds {found}, not {wanted}: delete it and run again")
    t = time.perf_counter()
    with fast_writes():
        units = make_units(args.units)
        from integrity.core.models import Organisation

        root_id = Organisation.objects.get(name=ROOT_NAME).pk
        make_commitments(units, args.commitments)
        make_proposals(root_id, units, args.proposals)
        make_records(units, args.records)
    analyze()
    print(f"data: created {counts()} in {time.perf_counter() - t:.1f} s")


def analyze() -> None:
    """``VACUUM ANALYZE`` (PostgreSQL), as autovacuum would do after a bulk load: planner
    statistics for the new rows and a visibility map (index-only scans)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
