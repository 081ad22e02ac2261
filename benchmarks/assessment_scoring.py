"""Benchmark: the full assessment computation, set-wise vs a per-unit ORM loop.

Data (``benchmarks.assessment_data``, built once into a database of its own per size
and reused while its row counts are right): an assessor with ``--units`` direct
subordinates, ``--commitments`` commitments, ``--proposals`` proposal items with
assignments, replies and ratings, ``--records`` dishonesty records and citizen reports;
written by ``COPY`` on PostgreSQL.

Timed, in one run (each run's campaign is rolled back):

* set-wise: ``campaign_compute_auto`` end to end for a scheme of ``--indicators`` leaves
  using every metric of the library (one grouped aggregate per metric, pandas, vectorised
  scoring, every changed score, total, rank and grade written back): the first
  computation (inside ``campaign_open``, every score new) and a recomputation;
* baselines, per-unit loops ending with one set-wise ``campaign_compute``: COUNT queries
  per leaf on the unit's subtree (``Metric.cases``) and ``bulk_update`` per unit, over
  ``--baseline-units`` units; the library's metric code on one unit's rows, over
  ``--sensible-units`` units; each extrapolated linearly to all units; the speed-up is
  stated against the faster;
* ``--sheets`` score-sheet PDFs.

Usage: ``python -m benchmarks.assessment_scoring [--units 3000 --commitments 1000000]``.
"""

import argparse
import datetime
import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from benchmarks.assessment_data import ROOT_NAME, YEAR, D, build
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
    """The per-unit loop a developer writes first: per unit and metric leaf, COUNT queries
    on the unit's subtree (``Metric.cases``, the drill-down; two for a rate: cases and
    hits), the unit's scores written with one ``bulk_update``; at the end totals, ranks
    and grades once, set-wise. Measured on ``sample`` units, the loop extrapolated to all.
    Returns seconds and queries."""
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from assessment.metrics import METRICS
    from assessment.models import Score
    from assessment.services.campaigns import campaign_period

    period = campaign_period(campaign)
    units = list(campaign.units.select_related("organisation").order_by("pk")[:sample])
    sid = transaction.savepoint()
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        for unit in units:
            scores = list(
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
            Score.objects.bulk_update(scores, ["raw_value", "cases"])
    return finish(campaign, sid, started, len(units), len(queries))


def finish(campaign, sid, started: float, sample: int, queries: int) -> tuple[float, int]:
    """A loop's time extrapolated from ``sample`` units to all, plus one set-wise
    ``campaign_compute`` (totals, ranks, grades); the loop's writes are rolled back."""
    from django.db import transaction

    from assessment.services.campaigns import campaign_compute

    factor = campaign.units.count() / max(sample, 1)
    loop = (time.perf_counter() - started) * factor
    started = time.perf_counter()
    campaign_compute(campaign=campaign)
    once = time.perf_counter() - started
    transaction.savepoint_rollback(sid)
    return loop + once, round(queries * factor)


def sensible(campaign, sample: int) -> tuple[float, int]:
    """The loop a competent developer writes (a job per unit): per unit, each metric leaf
    computed by the library's own metric code on that unit alone — the unit's rows only,
    read along the organisation index (``assessment.metrics.scoped``), the five commitment
    metrics from one shared query — then the unit's scores written with one
    ``bulk_update``; at the end totals, ranks and grades once, set-wise
    (``campaign_compute``). Measured on ``sample`` units, the loop extrapolated to all.
    Returns seconds and queries."""
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from assessment.metrics import METRICS, shared_unit_map
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
            with shared_unit_map():
                for score in scores:
                    frame = METRICS[score.indicator.metric_code].compute(orgs, period)
                    found = unit.organisation_id in frame.index
                    value = float(frame.at[unit.organisation_id, "value"]) if found else 0.0
                    value = 0.0 if value != value else value  # NaN: no case
                    score.raw_value = D(str(round(value, 4)))
                    score.cases = int(frame.at[unit.organisation_id, "cases"]) if found else 0
            Score.objects.bulk_update(scores, ["raw_value", "cases"])
    return finish(campaign, sid, started, len(units), len(queries))


def verdict(seconds: float) -> str:
    return "met" if seconds <= 5 else "ABOVE TARGET"


@contextmanager
def first_computation(times: list[float]):
    """Within the block, the duration of each ``campaign_compute_auto`` that
    ``campaign_open`` runs is appended to ``times``: the first computation, where every
    score is new (enrolled a moment before), timed apart from the enrolment."""
    from assessment.services import campaigns

    compute = campaigns.campaign_compute_auto

    def timed(**kwargs):
        started = time.perf_counter()
        try:
            return compute(**kwargs)
        finally:
            times.append(time.perf_counter() - started)

    campaigns.campaign_compute_auto = timed
    try:
        yield
    finally:
        campaigns.campaign_compute_auto = compute


def run(args) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from assessment import reports, services
    from assessment.models import CampaignUnit, Score

    on = datetime.date(YEAR + 1, 1, 5)
    scheme = make_scheme(args.indicators)
    t, first = time.perf_counter(), []
    with first_computation(first):
        campaign = services.campaign_open(scheme=scheme, by=None, on=on)
    opened = time.perf_counter() - t
    units = campaign.units.count()
    scores = Score.objects.filter(unit__campaign=campaign).count()
    leaves = scheme.indicators.filter(children__isnull=True).exclude(metric_code="").count()
    print(
        f"campaign opened: {units} units × {scores // units} leaves ({leaves} metric leaves)"
        f" in {opened:.2f} s (enrolment + first computation)"
    )
    print(
        f"set-wise, first computation    {first[0]:8.2f} s"
        f"  (within the opening, every computed score new; target ≤ 5 s: {verdict(first[0])})",
        flush=True,
    )
    t = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        services.campaign_compute_auto(campaign=campaign, by=None, on=on)
    ours = time.perf_counter() - t
    print(
        f"set-wise full computation      {ours:8.2f} s  {len(queries):>7} queries"
        f"  (recomputation, data unchanged; target ≤ 5 s: {verdict(ours)})",
        flush=True,
    )
    loop, loop_queries = baseline(campaign, args.baseline_units)
    ratio = loop / ours
    print(
        f"per-unit COUNT loop baseline   {loop:8.2f} s  {loop_queries:>7} queries"
        f"  (COUNTs per leaf + bulk_update per unit, {args.baseline_units} units × {units}/"
        f"{args.baseline_units}, + one set-wise campaign_compute)"
    )
    print(f"speed-up set-wise vs COUNT loop {ratio:8.1f} ×")
    per_unit, per_unit_queries = sensible(campaign, args.sensible_units)
    print(
        f"per-unit library loop          {per_unit:8.2f} s  {per_unit_queries:>7} queries"
        f"  (each metric's own code on one unit's rows + bulk_update, {args.sensible_units}"
        " units extrapolated, + one set-wise campaign_compute)"
    )
    best = min(loop, per_unit)
    for label, seconds in (("recomputation", ours), ("first computation", first[0])):
        print(
            f"speed-up set-wise ({label}) vs the faster loop {best / seconds:8.1f} ×"
            f"  (target ≥ 50 ×: {'met' if best / seconds >= 50 else 'BELOW TARGET'})"
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
    parser.add_argument("--baseline-units", type=int, default=20)
    parser.add_argument("--sensible-units", type=int, default=100)
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
