"""Benchmark: importing a commitment list of 100,000 rows (csv and xlsx).

Runs, in one go and on the same generated file:
  * our import path (the one the back office's large-import task runs),
  * django-import-export's default ``ModelResource`` on the same columns,
  * a raw ``pandas.read_csv`` + ``bulk_create`` baseline (no validation, no events),
and prints rows/s side by side, plus the peak memory of the xlsx import: Python's own
allocations (tracemalloc) and the peak resident size of a fresh process that imports the
file (``--peak-child``), the figure that decides what a worker needs.
Each run is rolled back. Usage: ``python -m benchmarks.commitments_import [--rows N]``.
"""

import argparse
import datetime
import io
import os
import sys
import time
import tracemalloc

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "integrity.settings.test")

import django  # noqa: E402

django.setup()

import tablib  # noqa: E402

from django.db import connection  # noqa: E402

from benchmarks.common import rolled_back  # noqa: E402

HEADERS = [
    "编号",
    "承诺事项",
    "承诺类型",
    "承诺内容",
    "承诺目标",
    "承诺时限",
    "责任单位",
    "责任领导",
    "责任人",
    "应付金额（元）",
]
KINDS = ["民生实事", "期限承诺", "服务质量承诺", "中小企业款项支付"]


def setup_database():
    from django.test.utils import setup_databases

    return setup_databases(verbosity=0, interactive=False, keepdb=True, serialized_aliases=set())


def make_rows(n: int, org_name: str) -> tablib.Dataset:
    data = tablib.Dataset(headers=HEADERS)
    start = datetime.date(2026, 1, 1)
    for i in range(n):
        deadline = start + datetime.timedelta(days=i % 700)
        data.append(
            [
                f"B{i:06d}",
                f"承诺事项{i}",
                KINDS[i % len(KINDS)],
                "为民办实事",
                "按期完成",
                deadline.strftime("%Y年%m月%d日" if i % 3 else "%Y-%m-%d"),
                org_name,
                "王建国",
                "李红梅",
                f"{(i % 900 + 1) * 1000:,}",
            ]
        )
    return data


def fixtures():
    from integrity.core.models import Organisation, User
    from integrity.core.services import organisation_create

    org = Organisation.objects.filter(name="基准测试镇").first() or organisation_create(
        by=None, name="基准测试镇", level="township", kind="government"
    )
    user = User.objects.filter(username="bench").first() or User.objects.create(
        username="bench", organisation=org, role="operator"
    )
    return org, user


def timed(label: str, n: int, func) -> float:
    with rolled_back():
        started = time.perf_counter()
        func()
        elapsed = time.perf_counter() - started
    rate = n / elapsed
    print(f"{label:<48} {n:>8} rows {elapsed:8.2f} s {rate:10.0f} rows/s")
    return rate


def ours(content: bytes, name: str, user):
    from commitments.importing import commitments_import
    from integrity.core.importing import read_dataset

    created, problems = commitments_import(dataset=read_dataset(content, name), by=user)
    assert not problems and created, problems[:3]


def default_resource(content: bytes, user):
    from import_export import fields, resources, widgets

    from commitments.models import Commitment
    from integrity.core.importing import read_dataset
    from integrity.core.models import Organisation

    class Default(resources.ModelResource):
        organisation = fields.Field(
            "organisation", "责任单位", widgets.ForeignKeyWidget(Organisation, "name")
        )
        title = fields.Field("title", "承诺事项")
        kind = fields.Field("kind", "承诺类型")
        deadline = fields.Field("deadline", "承诺时限", widgets.DateWidget("%Y-%m-%d"))

        class Meta:
            model = Commitment
            fields = ("organisation", "title", "kind", "deadline")
            import_id_fields = ()

    data = read_dataset(content, "x.csv")
    # The default resource knows neither Chinese kind labels nor 年月日 dates: give it values.
    kinds = {
        "民生实事": "livelihood",
        "期限承诺": "time_limit",
        "服务质量承诺": "service_quality",
        "中小企业款项支付": "sme_payment",
    }
    clean = tablib.Dataset(headers=["责任单位", "承诺事项", "承诺类型", "承诺时限"])
    for row in data.dict:
        day = row["承诺时限"].replace("年", "-").replace("月", "-").replace("日", "")
        clean.append([row["责任单位"], row["承诺事项"], kinds[row["承诺类型"]], day])
    result = Default().import_data(clean, use_transactions=True)
    assert not result.has_errors() and not result.has_validation_errors()


def raw_baseline(content: bytes, org):
    import pandas as pd

    from commitments.models import Commitment

    frame = pd.read_csv(io.BytesIO(content), encoding="utf-8-sig", dtype=str)
    Commitment.objects.bulk_create(
        [
            Commitment(organisation_id=org.pk, kind="livelihood", title=t, deadline="2026-12-31")
            for t in frame["承诺事项"]
        ],
        batch_size=2000,
    )


def raw_load(content: bytes, org):
    """The floor: the csv parsed with the csv module, each value converted the obvious way
    (no check, no event), and the same columns written by the database's own bulk path:
    ``COPY … FROM STDIN`` on PostgreSQL (psycopg's row writer), ``executemany`` on SQLite."""
    import csv
    from decimal import Decimal

    from commitments.models import Commitment
    from integrity.core.bulk import defaults, insert_fields

    kinds = {
        "民生实事": "livelihood",
        "期限承诺": "time_limit",
        "服务质量承诺": "service_quality",
        "中小企业款项支付": "sme_payment",
    }
    fields = insert_fields(Commitment)
    base = defaults(Commitment, fields)
    template = [
        None if base.get(f.attname) is None else f.get_db_prep_save(base[f.attname], connection)
        for f in fields
    ]
    at = {f.attname: i for i, f in enumerate(fields)}
    slots = [at[n] for n in ("code", "title", "kind", "content", "target", "deadline")]
    slots += [at[n] for n in ("organisation_id", "responsible_leader", "responsible_person")]
    slots.append(at["amount_due"])
    reader = csv.reader(io.StringIO(content.decode("utf-8-sig")))
    next(reader)
    orgs = {org.name: org.pk}
    day = datetime.date.fromisoformat

    def rows():
        for code, title, kind, text, target, deadline, unit, leader, person, due in reader:
            row = list(template)
            if "年" in deadline:
                deadline = deadline.replace("年", "-").replace("月", "-").replace("日", "")
            values = (code, title, kinds[kind], text, target, day(deadline), orgs[unit], leader)
            for slot, value in zip(slots, (*values, person, Decimal(due.replace(",", ""))),
                                   strict=True):  # fmt: skip
                row[slot] = value
            yield row

    qn = connection.ops.quote_name
    columns = ", ".join(qn(f.column) for f in fields)
    table = qn(Commitment._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows():
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(fields))
            sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608
            cursor.executemany(sql, [[str(v) if isinstance(v, Decimal) else v for v in r]
                                     for r in rows()])  # fmt: skip


def xlsx_peak(content: bytes, user) -> float:
    with rolled_back():
        tracemalloc.start()
        ours(content, "bench.xlsx", user)
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return peak / 2**20


def peak_child(path: str) -> int:
    """In a process of its own: import one xlsx file (rolled back) and print the process's
    resident-memory peak before and after — what a worker needs for such a file."""
    from pathlib import Path

    from django.conf import settings

    settings.IMPORT_MAX_ROWS = max(settings.IMPORT_MAX_ROWS, 10**7)  # the parent's file
    setup_database()
    _org, user = fixtures()
    content = Path(path).read_bytes()
    before = peak_rss_mib()
    with rolled_back():
        ours(content, "bench.xlsx", user)
    print(f"{before:.0f} {peak_rss_mib():.0f}")
    return 0


def peak_rss_mib() -> float:
    """This process's resident-memory peak: ``VmHWM`` (Linux; ``ru_maxrss`` would also
    count the parent's memory, as it survives ``exec``), else ``ru_maxrss``."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def xlsx_peak_rss(content: bytes) -> tuple[float, float]:
    """Peak resident memory (MiB) of a fresh process before and after importing."""
    import subprocess
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "var" / "bench-import.xlsx"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(content)
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.commitments_import", "--peak-child", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return float(out[-2]), float(out[-1])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--default-rows", type=int, help="rows for the default resource")
    parser.add_argument("--peak-child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.peak_child:
        return peak_child(args.peak_child)
    from django.conf import settings

    settings.IMPORT_MAX_ROWS = max(settings.IMPORT_MAX_ROWS, args.rows)  # one file of --rows
    old = setup_database()
    org, user = fixtures()
    data = make_rows(args.rows, org.name)
    csv_bytes, xlsx_bytes = data.export("csv").encode("utf-8"), data.export("xlsx")
    print(f"database: {connection.vendor} ({connection.settings_dict['NAME']}); rows: {args.rows}")
    small = make_rows(300, org.name).export("csv").encode("utf-8")
    warmups = (
        lambda: ours(small, "warm.csv", user),
        lambda: raw_baseline(small, org),
        lambda: raw_load(small, org),
    )
    for warm in warmups:
        with rolled_back():  # imports, caches and catalogues loaded before any clock starts
            warm()
    ours_csv = timed(
        "ours (csv, checked, events, bulk)", args.rows, lambda: ours(csv_bytes, "bench.csv", user)
    )
    timed("ours (xlsx)", args.rows, lambda: ours(xlsx_bytes, "bench.xlsx", user))
    few = args.default_rows or args.rows  # its rate per row does not depend on the size
    few_bytes = csv_bytes if few == args.rows else make_rows(few, org.name).export("csv").encode()
    default = timed(
        "django-import-export default ModelResource",
        few,
        lambda: default_resource(few_bytes, user),
    )
    raw = timed(
        "raw pandas.read_csv + bulk_create", args.rows, lambda: raw_baseline(csv_bytes, org)
    )
    floor = "COPY" if connection.vendor == "postgresql" else "executemany"
    load = timed(f"raw csv + {floor} (no checks, no events)", args.rows,
                 lambda: raw_load(csv_bytes, org))  # fmt: skip
    print(
        f"ours / raw {floor} = {ours_csv / load:.2f} (target ≥ 0.33: "
        f"{'met' if ours_csv / load >= 1 / 3 else 'BELOW TARGET'}); "
        f"ours / bulk_create = {ours_csv / raw:.2f}; "
        f"ours / default = {ours_csv / default:.1f}× (target ≥ 5×)"
    )
    print(f"xlsx import peak Python memory: {xlsx_peak(xlsx_bytes, user):.0f} MiB (tracemalloc)")
    before, after = xlsx_peak_rss(xlsx_bytes)
    print(
        f"xlsx import peak resident memory of a fresh process: {after:.0f} MiB "
        f"(Django loaded: {before:.0f} MiB; target < 1024: {'met' if after < 1024 else 'NOT MET'})"
    )
    del old
    return 0


if __name__ == "__main__":
    sys.exit(main())
