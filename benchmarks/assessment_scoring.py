"""Benchmark: the full assessment computation, set-wise vs a per-unit ORM loop.

Data (built once into its own database, ``var/bench-assessment.sqlite3`` unless
``BENCH_DATABASE_URL`` says otherwise, and reused while its row counts are right): an
assessor with ``--units`` direct subordinates (counties and departments), ``--commitments``
commitments (with local-debt figures and approved extensions), ``--proposals`` proposal
items with assignments, replies and ratings, ``--records`` dishonesty records and citizen
reports. Rows are written with raw ``executemany`` of whole rows inside one transaction
(SQLite: ``synchronous=OFF``, ``journal_mode=MEMORY``, for this database only).

Timed, in one run (each run's campaign is rolled back):

* set-wise: ``campaign_compute_auto`` end to end for a scheme of ``--indicators`` leaves
  using every metric of the library (one grouped aggregate per metric, pandas, vectorised
  scoring, every score, total, rank and grade written back);
* baseline: the naive loop — per unit and metric leaf, COUNT queries on the unit's subtree
  (``Metric.cases``; two for a rate), each score saved on its own — over
  ``--baseline-units`` units, extrapolated linearly to all units;
* ``--sheets`` score-sheet PDFs.

Usage: ``python -m benchmarks.assessment_scoring [--units 3000 --commitments 1000000]``.
"""

import argparse
import datetime
import os
import sys
import time
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

from benchmarks.common import rolled_back

ROOT = Path(__file__).resolve().parent.parent


def default_database(args) -> str:
    """``BENCH_DATABASE_URL``, else a SQLite file named after the data's size (reused)."""
    size = f"{args.units}u-{args.commitments}c-{args.proposals}p-{args.records}r"
    path = ROOT / "var" / f"bench-assessment-{size}.sqlite3"
    if os.environ.get("BENCH_DB") == "postgresql":  # a database per size, reused
        from benchmarks.common import pg_url

        return pg_url(f"bench_scale_assessment_{size}".replace("-", "_"))
    return os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{path}")


YEAR = 2025
D = Decimal
ROOT_NAME = "基准考核市"


def setup(db_url: str) -> None:
    """Point Django at the benchmark database (never the development or test one)."""
    os.environ["DATABASE_URL"] = db_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "integrity.settings.test"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.DATABASES["default"]["CONN_MAX_AGE"] = None
    (ROOT / "var").mkdir(exist_ok=True)
    call_command("migrate", verbosity=0, interactive=False)


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
    """Raw ``executemany`` of whole rows: ``rows`` yields tuples for ``columns``; every
    other concrete column gets its model default."""
    from django.db import connection
    from django.utils import timezone

    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    names = [f.column for f in fields]
    position = {f.attname: i for i, f in enumerate(fields)}
    template = []
    for f in fields:
        text = f.get_internal_type() in ("CharField", "TextField", "EmailField")
        value = f.get_default() if f.has_default() else ("" if text and not f.null else None)
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            value = timezone.now()
        template.append(None if value is None else f.get_db_prep_save(value, connection))
    slots = [position[c] for c in columns]
    adapters = [adapter(fields[slot], connection) for slot in slots]
    quoted = ", ".join(connection.ops.quote_name(n) for n in names)
    marks = ", ".join(["%s"] * len(names))
    sql = f"INSERT INTO {model._meta.db_table} ({quoted}) VALUES ({marks})"
    batch = []
    with connection.cursor() as cursor:
        for values in rows:
            row = list(template)
            for slot, adapt, value in zip(slots, adapters, values, strict=True):
                row[slot] = value if adapt is None or value is None else adapt(value)
            batch.append(row)
            if len(batch) == 50_000:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)


def adapter(field, connection):
    """How a column's Python value becomes a database value (None: as it is)."""
    kind = field.get_internal_type()
    if kind == "DateField":
        return str
    if kind in ("DateTimeField", "DecimalField"):
        return lambda value: field.get_db_prep_save(value, connection)
    return None


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
    print(f"data: created {counts()} in {time.perf_counter() - t:.1f} s")


# --- scheme, computation, baseline ------------------------------------------------------


def make_scheme(leaves: int):
    """Every metric of the library on its own leaf, the rest manual; a bonus and a veto."""
    from assessment import services
    from assessment.metrics import METRICS
    from integrity.core.models import Organisation

    root = Organisation.objects.get(name=ROOT_NAME)
    scheme = services.scheme_create(organisation=root, year=YEAR, name="基准方案", by=None)
    metrics = [(m.code, m.kind) for m in METRICS.values()]
    scored = leaves - 2
    points = [(D(100) / scored).quantize(D("0.01"))] * scored
    points[-1] += D(100) - sum(points)
    dims = 10
    for d in range(dims):
        parent = services.indicator_add(
            scheme=scheme, by=None, code=f"{d}", name=f"维度{d}", points=sum(points[d::dims])
        )
        for j, p in enumerate(points[d::dims]):
            index = d + j * dims
            code, kind = metrics[index] if index < len(metrics) else ("", "")
            method = {"rate": "auto", "count": "deduction"}.get(kind, "manual")
            extra = {"per_item": D("0.5"), "cap": p} if method == "deduction" else {}
            services.indicator_add(
                scheme=scheme,
                by=None,
                parent=parent,
                code=f"{d}.{j}",
                name=f"指标{index}",
                points=p,
                method=method,
                metric_code=code,
                **extra,
            )
    add = services.indicator_add
    add(scheme=scheme, by=None, code="B", name="加分", points=D(0), method="bonus", per_item=D(1))
    scheme.indicators.filter(code="B").update(cap=D(3))
    add(scheme=scheme, by=None, code="V", name="否决", points=D(0), method="veto")
    return scheme


def baseline(campaign, sample: int) -> tuple[float, int]:
    """The naive way: per unit and metric leaf, COUNT queries on the unit's subtree (two
    for a rate), then each score saved on its own. Returns extrapolated seconds, queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from assessment.metrics import METRICS
    from assessment.models import Score
    from assessment.services.campaigns import campaign_period

    period = campaign_period(campaign)
    units = list(campaign.units.select_related("organisation").order_by("pk")[:sample])
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        for unit in units:
            scores = (
                Score.objects.filter(unit=unit)
                .exclude(indicator__metric_code="")
                .select_related("indicator")
            )
            for score in scores:
                metric = METRICS[score.indicator.metric_code]
                cases = metric.cases(unit.organisation, period)
                n = cases.count()
                hit = cases.count() if metric.kind == "rate" else n
                score.raw_value = D(hit) / n if n and metric.kind == "rate" else D(n)
                score.cases = n
                score.save()
    factor = campaign.units.count() / max(len(units), 1)
    return (time.perf_counter() - started) * factor, round(len(queries) * factor)


def sensible(campaign, sample: int) -> tuple[float, int]:
    """The other loop a developer may write (a job per unit): per unit, each metric leaf
    computed with the library's own metric code on that unit alone, then the unit's
    scores written with one ``bulk_update``. The speed-up is stated against the faster of
    this and the COUNT loop. Returns extrapolated seconds and queries."""
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from assessment.metrics import METRICS
    from assessment.models import Score
    from assessment.services.campaigns import campaign_period
    from integrity.core.models import Organisation

    period = campaign_period(campaign)
    units = list(campaign.units.order_by("pk")[:sample])
    sid = transaction.savepoint()
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        for unit in units:
            orgs = Organisation.objects.filter(pk=unit.organisation_id)
            scores = list(
                Score.objects.filter(unit=unit)
                .exclude(indicator__metric_code="")
                .select_related("indicator")
            )
            for score in scores:
                frame = METRICS[score.indicator.metric_code].compute(orgs, period)
                found = unit.organisation_id in frame.index
                value = float(frame.at[unit.organisation_id, "value"]) if found else 0.0
                value = 0.0 if value != value else value  # NaN: no case
                score.raw_value = D(str(round(value, 4)))
                score.cases = int(frame.at[unit.organisation_id, "cases"]) if found else 0
            Score.objects.bulk_update(scores, ["raw_value", "cases"])
    elapsed = time.perf_counter() - started
    transaction.savepoint_rollback(sid)
    factor = campaign.units.count() / max(len(units), 1)
    return elapsed * factor, round(len(queries) * factor)


def run(args) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from assessment import reports, services
    from assessment.models import CampaignUnit, Score

    on = datetime.date(YEAR + 1, 1, 5)
    scheme = make_scheme(args.indicators)
    t = time.perf_counter()
    campaign = services.campaign_open(scheme=scheme, by=None, on=on)
    opened = time.perf_counter() - t
    units = campaign.units.count()
    scores = Score.objects.filter(unit__campaign=campaign).count()
    leaves = scheme.indicators.filter(children__isnull=True).exclude(metric_code="").count()
    print(
        f"campaign opened: {units} units × {scores // units} leaves ({leaves} metric leaves)"
        f" in {opened:.2f} s (enrolment + first computation)"
    )
    t = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        services.campaign_compute_auto(campaign=campaign, by=None, on=on)
    ours = time.perf_counter() - t
    print(
        f"set-wise full computation      {ours:8.2f} s  {len(queries):>7} queries"
        f"  (target ≤ 5 s: {'met' if ours <= 5 else 'ABOVE TARGET'})",
        flush=True,
    )
    loop, loop_queries = baseline(campaign, args.baseline_units)
    ratio = loop / ours
    print(
        f"per-unit ORM loop baseline     {loop:8.2f} s  {loop_queries:>7} queries"
        f"  (measured on {args.baseline_units} units × {leaves} metric leaves, × {units}/"
        f"{args.baseline_units})"
    )
    print(f"speed-up set-wise vs COUNT loop {ratio:8.1f} ×")
    per_unit, per_unit_queries = sensible(campaign, args.baseline_units)
    print(
        f"per-unit library loop          {per_unit:8.2f} s  {per_unit_queries:>7} queries"
        f"  (each metric's own code on one unit + bulk_update, {args.baseline_units} units"
        " extrapolated)"
    )
    best = min(loop, per_unit)
    print(
        f"speed-up set-wise vs the faster loop {best / ours:8.1f} ×"
        f"  (target ≥ 50 ×: {'met' if best / ours >= 50 else 'BELOW TARGET'})"
    )
    sheets = list(
        CampaignUnit.objects.filter(campaign=campaign).select_related(
            "organisation", "peer_group", "campaign__scheme"
        )[: args.sheets]
    )
    t = time.perf_counter()
    for unit in sheets:
        reports.score_sheet_pdf(unit)
    pdfs = time.perf_counter() - t
    print(
        f"{len(sheets)} score-sheet PDFs          {pdfs:8.2f} s"
        f"  (target ≤ 30 s: {'met' if pdfs <= 30 else 'ABOVE TARGET'})"
    )
    return {"setwise": ours, "loop": loop, "pdfs": pdfs}


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.assessment_scoring")
    parser.add_argument("--units", type=int, default=3000)
    parser.add_argument("--indicators", type=int, default=50)
    parser.add_argument("--commitments", type=int, default=1_000_000)
    parser.add_argument("--proposals", type=int, default=100_000)
    parser.add_argument("--records", type=int, default=50_000)
    parser.add_argument("--baseline-units", type=int, default=10)
    parser.add_argument("--sheets", type=int, default=100)
    parser.add_argument("--database", help="database URL (default: var/bench-assessment-….)")
    args = parser.parse_args(argv)
    args.database = args.database or default_database(args)
    if args.database.startswith("postgres"):
        from benchmarks.common import ensure_pg_database

        ensure_pg_database(args.database)
    setup(args.database)
    print(f"Assessment scoring benchmark — {machine()}")
    print(f"database: {args.database}")
    build(args)
    with rolled_back():
        return run(args)


def machine() -> str:
    from benchmarks.common import machine as describe

    return describe()


if __name__ == "__main__":
    main()
    sys.exit(0)
