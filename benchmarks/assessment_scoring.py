"""Benchmark: the full assessment computation, set-wise vs a per-unit ORM loop.

Builds (inside a transaction that is rolled back) an assessor with ``--units`` direct
subordinates, a scheme of ``--indicators`` leaves (auto rates, deductions counted from
commitments, manual, bonus, veto) and ``--commitments`` commitments, then times:

* set-wise: ``campaign_compute_auto`` end to end (DB aggregates per metric, pandas
  scoring, every score, total, rank and grade written back);
* baseline: the naive loop (per unit and metric leaf: two COUNT queries, then each
  score saved on its own), over ``--baseline-units`` units and extrapolated linearly;
* ``--sheets`` score-sheet PDFs.

Usage: ``python -m benchmarks.assessment_scoring [--units 3000 --commitments 1000000]``.
Proposal items and records are not generated yet (their metrics are not in the scheme).
"""

import argparse
import datetime
import os
import time
from decimal import Decimal

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "integrity.settings.test")

import django  # noqa: E402

django.setup()

from benchmarks.commitments_import import rolled_back, setup_database  # noqa: E402

YEAR = 2025
D = Decimal
METRIC_LEAVES = [
    ("auto", "commitment_fulfilment_rate"),
    ("auto", "commitment_on_time_rate"),
    ("deduction", "commitment_overdue_count"),
    ("deduction", "commitment_broken_count"),
]


def make_units(n: int):
    from integrity.core.models import Organisation
    from integrity.core.services import organisation_create

    root = organisation_create(by=None, name="基准考核市", level="city", kind="government")
    kinds = ["government", "department"]
    orgs = Organisation.objects.bulk_create(
        Organisation(
            name=f"基准单位{i}",
            level="county",
            kind=kinds[i % 2],
            parent=root,
            depth=root.depth + 1,
        )
        for i in range(n)
    )
    for org in orgs:
        org.path = f"{root.path}{org.pk}/"
    Organisation.objects.bulk_update(orgs, ["path"], batch_size=5000)
    return root, orgs


def make_scheme(root, leaves: int):
    from assessment import services

    scheme = services.scheme_create(organisation=root, year=YEAR, name="基准方案", by=None)
    plain = leaves - len(METRIC_LEAVES) - 2
    dims = 10
    scored = len(METRIC_LEAVES) + plain
    per_leaf = D(100) / scored
    points = [per_leaf.quantize(D("0.01"))] * scored
    points[-1] += D(100) - sum(points)
    for d in range(dims):
        leaf_points = points[d::dims]
        parent = services.indicator_add(
            scheme=scheme, by=None, code=f"{d}", name=f"维度{d}", points=sum(leaf_points)
        )
        for j, p in enumerate(leaf_points):
            index = d + j * dims
            method, metric = METRIC_LEAVES[index] if index < len(METRIC_LEAVES) else ("manual", "")
            extra = {"per_item": D(1), "cap": p} if method == "deduction" else {}
            services.indicator_add(
                scheme=scheme,
                by=None,
                parent=parent,
                code=f"{d}.{j}",
                name=f"指标{index}",
                points=p,
                method=method,
                metric_code=metric,
                **extra,
            )
    services.indicator_add(
        scheme=scheme,
        by=None,
        code="B",
        name="加分",
        points=D(0),
        method="bonus",
        per_item=D(1),
        cap=D(3),
    )
    services.indicator_add(
        scheme=scheme, by=None, code="V", name="否决", points=D(0), method="veto"
    )
    return scheme


def make_commitments(orgs, n: int) -> None:
    from commitments.models import Commitment

    statuses = ["fulfilled", "fulfilled", "fulfilled", "broken", "in_progress", "partly_fulfilled"]
    start, batch = datetime.date(YEAR, 1, 1), []
    for i in range(n):
        deadline = start + datetime.timedelta(days=i % 365)
        status = statuses[i % len(statuses)]
        closed = (
            deadline + datetime.timedelta(days=(i % 5) - 2) if status != "in_progress" else None
        )
        batch.append(
            Commitment(
                organisation_id=orgs[i % len(orgs)].pk,
                kind="service_quality",
                status=status,
                title="承诺",
                deadline=deadline,
                closed_on=closed,
                change_count=i % 3,
            )
        )
        if len(batch) == 20_000:
            Commitment.objects.bulk_create(batch)
            batch = []
    Commitment.objects.bulk_create(batch)


def baseline(campaign, sample: int) -> float:
    """The naive way: per unit and metric leaf, count in the database, save each score."""
    from assessment.metrics import METRICS
    from assessment.models import Score

    period = (datetime.date(YEAR, 1, 1), datetime.date(YEAR, 12, 31))
    units = list(campaign.units.select_related("organisation")[:sample])
    started = time.perf_counter()
    for unit in units:
        for score in (
            Score.objects.filter(unit=unit)
            .exclude(indicator__metric_code="")
            .select_related("indicator")
        ):
            cases = METRICS[score.indicator.metric_code].cases(unit.organisation, period)
            n = cases.count()
            done = cases.filter(status="fulfilled").count()
            score.raw_value = D(done) / n if n else D(1)
            score.cases = n
            score.save()
    return (time.perf_counter() - started) * campaign.units.count() / max(len(units), 1)


def run(args) -> None:
    from assessment import reports, services
    from assessment.models import CampaignUnit

    root, orgs = make_units(args.units)
    scheme = make_scheme(root, args.indicators)
    t = time.perf_counter()
    make_commitments(orgs, args.commitments)
    print(
        f"data: {args.units} units, {args.commitments} commitments "
        f"({time.perf_counter() - t:.1f} s to create)"
    )
    campaign = services.campaign_open(scheme=scheme, by=None, on=datetime.date(2026, 1, 5))
    t = time.perf_counter()
    services.campaign_compute_auto(campaign=campaign, by=None, on=datetime.date(2026, 1, 5))
    ours = time.perf_counter() - t
    print(f"set-wise full computation      {ours:8.2f} s")
    loop = baseline(campaign, args.baseline_units)
    print(f"per-unit loop (extrapolated)   {loop:8.2f} s  → {loop / ours:6.1f}× slower")
    units = list(
        CampaignUnit.objects.filter(campaign=campaign).select_related(
            "organisation", "peer_group", "campaign__scheme"
        )[: args.sheets]
    )
    t = time.perf_counter()
    for unit in units:
        reports.score_sheet_pdf(unit)
    print(f"{len(units)} score-sheet PDFs          {time.perf_counter() - t:8.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=3000)
    parser.add_argument("--indicators", type=int, default=50)
    parser.add_argument("--commitments", type=int, default=1_000_000)
    parser.add_argument("--baseline-units", type=int, default=100)
    parser.add_argument("--sheets", type=int, default=100)
    args = parser.parse_args()
    setup_database()
    with rolled_back():
        run(args)


if __name__ == "__main__":
    main()
