"""Benchmark (issue 7): public portal speed.

(a) Anonymous requests per second under gunicorn on 127.0.0.1 for the home page, one
    organisation's commitment list and one record detail, cached (the whole-page cache,
    shared by the workers through Redis) and uncached (a session cookie bypasses the page
    cache), each beside a trivial Django view measured in the same run, rounds interleaved.
(b) The commitment list page with 1,000,000 commitments in the database: median and p95
    time of the first page, a deep page and a filtered page, uncached, with the test client.

Databases: var/bench-portal.sqlite3 (migrate + load_demo) and var/bench-1m.sqlite3 (a copy
plus the generated commitments); both are reused while no migration is missing.
Usage: ``python -m benchmarks.portal_speed [--quick] [--only serve|list] [--fresh]``.
"""

import argparse
import datetime
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import time
import urllib.request

from benchmarks.common import (
    PYTHON,
    ROOT,
    VAR,
    bench_db,
    ensure_pg_database,
    http_load,
    machine,
    median,
    percentile,
    pg_database_exists,
    pg_url,
)

SETTINGS = "benchmarks.bench_settings"
PORTAL_DB = VAR / "bench-portal.sqlite3"
BIG_DB = VAR / "bench-1m.sqlite3"
BIG_ORG_NAME = "石桥镇人民政府"
UNCACHED = {"Cookie": "sessionid=bench-no-page-cache"}


PG = bench_db() == "postgresql"
if PG:  # databases of their own on the PostgreSQL server (the 1M one a copy of the portal's)
    PORTAL_DB, BIG_DB = "bench_scale_portal", "bench_scale_1m"


def database_url(db) -> str:
    return pg_url(db) if PG else f"sqlite:///{db}"


def bench_env(db, **extra) -> dict:
    env = dict(os.environ, DJANGO_SETTINGS_MODULE=SETTINGS, DATABASE_URL=database_url(db))
    env.update({k: str(v) for k, v in extra.items()})
    return env


def manage(db, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=bench_env(db),
        check=check,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def migrate_existing(db) -> bool:
    """Bring an existing bench database up to date (new migrations only); False if none."""
    if not (pg_database_exists(pg_url(db)) if PG else db.exists()):
        return False
    if manage(db, "migrate", "--check", check=False).returncode != 0:
        started = time.perf_counter()
        manage(db, "migrate", "--noinput")
        print(f"migrated {db}: {time.perf_counter() - started:.0f} s")
    return True


def prepare_portal_db(fresh: bool) -> None:
    if not fresh and migrate_existing(PORTAL_DB):
        print(f"reusing {PORTAL_DB} (demo loaded, migrations applied)")
    else:
        started = time.perf_counter()
        if PG:
            ensure_pg_database(pg_url(PORTAL_DB), fresh=True)
        else:
            for suffix in ("", "-wal", "-shm"):
                PORTAL_DB.with_name(PORTAL_DB.name + suffix).unlink(missing_ok=True)
        manage(PORTAL_DB, "migrate", "--noinput")
        manage(PORTAL_DB, "load_demo")
        print(f"built {PORTAL_DB}: {time.perf_counter() - started:.0f} s")
    manage(PORTAL_DB, "collectstatic", "--noinput", "-v0")


# ---------------------------------------------------------------- (a) gunicorn ---------


def get(url: str, headers: dict | None = None) -> str:
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read().decode("utf-8")


def cache_url(cache: str) -> str:
    """``redis``: Redis on 127.0.0.1:6379 db 0; ``file``: Django's file-based cache in var/."""
    if cache == "redis":
        return "redis://127.0.0.1:6379/0"
    return f"filecache://{VAR / f'bench-filecache-{os.getpid()}'}"


def start_gunicorn(port: int, worker_class: str, cache: str) -> subprocess.Popen:
    command = [PYTHON, "-m", "gunicorn", "integrity.wsgi", "-w", "2", "-k", worker_class]
    command += ["--threads", "2"] if worker_class == "gthread" else []
    command += ["-b", f"127.0.0.1:{port}", "--log-level", "warning", "--timeout", "60"]
    prefix = f"bench-{os.getpid()}-{int(time.time())}"  # fresh cache keys for this run
    # Same process group as this benchmark: the runner's timeout stops gunicorn too.
    server = subprocess.Popen(
        command,
        cwd=ROOT,
        env=bench_env(PORTAL_DB, BENCH_CACHE_PREFIX=prefix, BENCH_CACHE_URL=cache_url(cache)),
    )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            get(f"http://127.0.0.1:{port}/bench/trivial/")
            return server
        except OSError:
            if server.poll() is not None:
                raise RuntimeError("gunicorn exited during start-up") from None
            time.sleep(0.5)
    stop(server)
    raise RuntimeError("gunicorn did not answer within 90 s")


def stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.terminate()  # the gunicorn master stops its workers
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def pick_urls(base: str) -> dict[str, str]:
    """A public commitment list and a public record detail, found the way a visitor would."""
    org = re.search(r'href="(/commitments/org/\d+/)"', get(f"{base}/commitments/"))
    record = re.search(r'href="(/records/\d+/)"', get(f"{base}/records/"))
    if not org or not record:
        raise RuntimeError("no public commitment list or record detail linked on the portal")
    return {"home": "/", "commitment list": org.group(1), "record detail": record.group(1)}


def serve_benchmark(args, cache: str) -> list[str]:
    print(
        f"\n== (a) anonymous req/s under gunicorn (2 {args.worker_class} workers), "
        f"page cache shared through {cache} ({cache_url(cache)}) =="
    )
    server = start_gunicorn(args.port, args.worker_class, cache)
    try:
        base = f"http://127.0.0.1:{args.port}"
        pages = pick_urls(base)
        cases = [
            ("trivial view", "/bench/trivial/", None),
            ("trivial, no cache lookup", "/bench/trivial/", UNCACHED),
        ]
        for name, path in pages.items():
            cases += [(f"{name} (cached)", path, None), (f"{name} (uncached)", path, UNCACHED)]
        for _name, path, headers in cases:  # warm-up: caches filled, templates compiled
            for _ in range(5):
                get(base + path, headers)
        results: dict[str, list[dict]] = {name: [] for name, _p, _h in cases}
        for _round in range(args.rounds):
            for name, path, headers in cases:
                results[name].append(
                    http_load(base + path, requests=args.requests, seconds=args.seconds,
                              connections=args.connections, headers=headers)
                )  # fmt: skip
    finally:
        stop(server)
        if cache == "file":
            shutil.rmtree(cache_url(cache).removeprefix("filecache://"), ignore_errors=True)
    return print_serve_results(pages, results, cache)


def print_serve_results(pages: dict, results: dict[str, list[dict]], cache: str) -> list[str]:
    rps = {name: median([r["rps"] for r in runs]) for name, runs in results.items()}
    # The baseline is the faster of the two trivial runs (with and without the cache lookup).
    trivial = max(rps["trivial view"], rps["trivial, no cache lookup"])
    tool = next(iter(results.values()))[0]["tool"]
    print(f"pages: {pages}; load: {tool}; median of {len(results['trivial view'])} rounds")
    print(f"{'URL':<28} {'req/s':>9} {'p50 ms':>8} {'p90 ms':>8} {'errors':>7} {'% trivial':>10}")
    for name, runs in results.items():
        errors = sum(r["errors"] for r in runs)
        print(
            f"{name:<28} {rps[name]:>9.0f} {median([r['median_ms'] for r in runs]):>8.1f} "
            f"{median([r['p95_ms'] for r in runs]):>8.1f} {errors:>7} "
            f"{100 * rps[name] / trivial:>9.0f}%"
        )
    lines = []
    for name in pages:
        share = 100 * rps[f"{name} (cached)"] / trivial
        verdict = "ok" if share >= 50 else "BELOW TARGET"
        cached = rps[f"{name} (cached)"]
        lines.append(
            f"[{cache}] {name} cached: {cached:.0f} req/s = {share:.0f} % of the trivial "
            f"view's {trivial:.0f} req/s (target ≥ 50 %) {verdict}"
        )
    print("\n".join(lines))
    return lines


# ---------------------------------------------------------------- (b) 1,000,000 rows ---


def copy_database(source, target) -> None:
    if PG:
        ensure_pg_database(pg_url(target), template=source, fresh=True)
        return
    for suffix in ("", "-wal", "-shm"):
        target.with_name(target.name + suffix).unlink(missing_ok=True)
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)


def fill_values(db: sqlite3.Connection, known: dict) -> tuple[list[str], list]:
    """Columns to insert: the ones we set, plus a neutral value for other NOT NULL columns."""
    columns, values = [], []
    for _cid, name, kind, notnull, default, pk in db.execute(
        "PRAGMA table_info(commitments_commitment)"
    ):
        if pk or name in known:
            continue
        if notnull and default is None:
            kind = kind.lower()
            neutral = 0 if ("int" in kind or "bool" in kind or "decimal" in kind) else ""
            if kind in ("date", "datetime"):
                neutral = "2026-01-01" if kind == "date" else "2026-01-01 00:00:00"
            columns.append(name)
            values.append(neutral)
    return columns, values


WORDS = ["老旧小区", "停车难", "道路硬化", "污水管网", "学校扩建", "医疗服务", "养老服务",
         "农村饮水", "垃圾分类", "路灯维修", "菜市场改造", "公交线路", "中小企业款项", "营商环境",
         "政务服务", "社区食堂", "防汛设施", "绿化提升", "住房保障", "就业培训"]  # fmt: skip


def title_of(rng: random.Random, i: int) -> str:
    """A varied Chinese title (two of twenty phrases): a two-character word such as 停车
    is in about one title in ten, as in a real registry, not in all or none."""
    return f"{rng.choice(WORDS)}{rng.choice(WORDS)}整治第{i}号"


def generate_commitments_pg(db, rows: int, seed: int = 7) -> None:
    """The same rows on PostgreSQL, by COPY (the summary triggers keep the home figures)."""
    import psycopg

    rng = random.Random(seed)
    with psycopg.connect(pg_url(db)) as conn:
        orgs = [r[0] for r in conn.execute("SELECT id FROM core_organisation WHERE is_active")]
        big = conn.execute("SELECT id FROM core_organisation WHERE name=%s", [BIG_ORG_NAME])
        big_id = (big.fetchone() or [orgs[0]])[0]
        kinds = ["service_quality", "time_limit", "guarantee", "livelihood", "sme_payment"]
        statuses = ["published", "in_progress", "in_progress", "fulfilled", "broken", "draft"]
        columns = ["organisation_id", "kind", "status", "code", "title", "deadline", "is_public",
                   "content", "target", "source_document", "responsible_leader",
                   "responsible_person", "counterparty", "counterparty_uscc", "amount_paid",
                   "original_target", "change_count", "outcome_note", "change_reason",
                   "compensation", "leadership_changed", "source_type", "source_id",
                   "created_at", "updated_at"]  # fmt: skip
        now = datetime.datetime.now(datetime.UTC)
        with conn.cursor().copy(
            f"COPY commitments_commitment ({', '.join(columns)}) FROM STDIN"
        ) as copy:
            for i in range(rows):
                org = big_id if rng.random() < 0.4 else orgs[i % len(orgs)]
                day = datetime.date(2020 + i % 11, 1 + i % 12, 1 + i % 28)
                copy.write_row(
                    (org, kinds[i % 5], statuses[rng.randrange(6)], f"M{i:07d}",
                     title_of(rng, i), day, True, "为民办实事", "按期完成", "", "", "", "", "",
                     0, "", 0, "", "", "", False, "", "", now, now)
                )  # fmt: skip
        conn.execute("ANALYZE")


def generate_commitments(path, rows: int, seed: int = 7) -> None:
    """``rows`` commitments: 40 % in one township, the rest spread over every organisation."""
    if PG:
        generate_commitments_pg(path, rows, seed)
        return
    rng = random.Random(seed)
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA journal_mode=OFF")  # a throwaway file: no journal while filling
        db.execute("PRAGMA synchronous=OFF")
        orgs = [r[0] for r in db.execute("SELECT id FROM core_organisation WHERE is_active")]
        big = db.execute("SELECT id FROM core_organisation WHERE name=?", (BIG_ORG_NAME,))
        big_id = (big.fetchone() or [orgs[0]])[0]
        kinds = ["service_quality", "time_limit", "guarantee", "livelihood", "sme_payment"]
        statuses = ["published", "in_progress", "in_progress", "fulfilled", "broken", "draft"]
        known = ["organisation_id", "kind", "status", "code", "title", "deadline", "is_public"]
        extra_columns, extra_values = fill_values(db, dict.fromkeys(known))
        columns = known + extra_columns
        sql = (
            f"INSERT INTO commitments_commitment ({', '.join(columns)}) "
            f"VALUES ({', '.join('?' * len(columns))})"
        )
        batch = []
        for i in range(rows):
            org = big_id if rng.random() < 0.4 else orgs[i % len(orgs)]
            day = f"{2020 + i % 11}-{1 + i % 12:02d}-{1 + i % 28:02d}"
            batch.append(
                [org, kinds[i % 5], statuses[rng.randrange(6)], f"M{i:07d}", title_of(rng, i),
                 day, 1, *extra_values]
            )  # fmt: skip
            if len(batch) == 50_000:
                db.executemany(sql, batch)
                batch.clear()
        db.executemany(sql, batch)
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA journal_mode=WAL")


def count_commitments(db) -> int:
    if PG:
        import psycopg

        with psycopg.connect(pg_url(db)) as conn:
            return conn.execute("SELECT count(*) FROM commitments_commitment").fetchone()[0]
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM commitments_commitment").fetchone()[0]


def prepare_big_db(rows: int, fresh: bool) -> None:
    if not fresh and migrate_existing(BIG_DB):
        count = count_commitments(BIG_DB)
        if count >= rows:
            print(f"reusing {BIG_DB} ({count} commitments)")
            return
    started = time.perf_counter()
    copy_database(PORTAL_DB, BIG_DB)
    generate_commitments(BIG_DB, rows)
    print(f"generated {rows} commitments in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    subprocess.run([PYTHON, "manage.py", "search_rebuild"], cwd=ROOT, env=bench_env(BIG_DB),
                   check=True, stdout=subprocess.DEVNULL)  # fmt: skip
    print(f"search index built (search_rebuild) in {time.perf_counter() - started:.1f} s")


def list_benchmark(args) -> list[str]:
    print(f"\n== (b) list, home and search with {args.rows:,} commitments, uncached ==")
    prepare_big_db(args.rows, args.fresh)
    os.environ.update(bench_env(BIG_DB, PUBLIC_PAGE_CACHE_SECONDS=0))
    import django

    django.setup()
    from django.core import signals
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from commitments.models import Commitment
    from integrity.core.models import Organisation

    org = Organisation.objects.filter(name=BIG_ORG_NAME).first() or Organisation.objects.first()
    total = Commitment.objects.published().filter(organisation=org).count()
    base = f"/commitments/org/{org.pk}/"
    cases = {
        "first page": base,
        "deep page (page 1000)": f"{base}?page=1000",
        "filtered by status": f"{base}?status=broken",
        "home, uncached (figures from summary rows)": "/",
        "search, two characters (停车)": "/search/?q=停车",
        "search, phrase (老旧小区)": "/search/?q=老旧小区",
    }
    all_rows = Commitment.objects.count()
    print(f"{org.name}: {total:,} published of {all_rows:,} commitments")
    # Keep the queries of a request for counting (Django empties the log at each request).
    signals.request_started.disconnect(reset_queries)
    client, lines = Client(), []
    for name, url in cases.items():
        started = time.perf_counter()
        status = client.get(url).status_code  # the first request, which also counts the rows
        cold = (time.perf_counter() - started) * 1000
        if status != 200:
            raise RuntimeError(f"{url} answered {status}")
        with CaptureQueriesContext(connection) as capture:
            client.get(url)
        queries = list(capture.captured_queries)  # read now: evaluated lazily by Django
        times, cpu = [], []
        for _ in range(args.list_requests):
            started, started_cpu = time.perf_counter(), time.process_time()
            client.get(url)
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
        p50, p95 = median(times) * 1000, percentile(times, 95) * 1000
        verdict = "ok" if p50 < 100 else "ABOVE TARGET"
        lines.append(
            f"[{connection.vendor}, {all_rows:,} commitments] {name}: "
            f"median {p50:.1f} ms, p95 {p95:.1f} ms "
            f"(CPU {median(cpu) * 1000:.1f} ms; first request {cold:.0f} ms), "
            f"{len(queries)} queries (target median < 100 ms) {verdict}"
        )
        print(lines[-1])
        if args.explain and connection.vendor == "sqlite":
            for query in queries:
                plan = connection.cursor().execute(f"EXPLAIN QUERY PLAN {query['sql']}")
                print(f"  {float(query['time']) * 1000:7.1f} ms  {query['sql'][:160]}")
                print("           plan: " + " | ".join(str(r[-1]) for r in plan.fetchall()))
    return lines


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small N, for a smoke test")
    parser.add_argument("--only", choices=["serve", "list"])
    parser.add_argument("--fresh", action="store_true", help="rebuild the bench databases")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=3.0, help="per measurement")
    parser.add_argument(
        "--caches", nargs="+", default=["redis", "file"], choices=["redis", "file"],
        help="shared page cache(s) to serve through, one gunicorn run each",
    )  # fmt: skip
    parser.add_argument("--requests", type=int, default=20_000, help="cap per measurement")
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--list-requests", type=int, default=30)
    parser.add_argument("--worker-class", default="gthread", choices=["gthread", "sync"])
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--explain", action="store_true", help="print query plans in (b)")
    args = parser.parse_args(argv)
    if args.quick:
        args.rounds, args.seconds, args.list_requests = 1, 2.0, 10
        args.rows = min(args.rows, 100_000)
        global BIG_DB
        BIG_DB = "bench_scale_1m_quick" if PG else VAR / "bench-1m-quick.sqlite3"
    print(f"portal_speed: {machine()}")
    prepare_portal_db(args.fresh)
    lines = []
    if args.only in (None, "serve"):
        for cache in args.caches:
            lines += serve_benchmark(args, cache)
    if args.only in (None, "list"):
        lines += list_benchmark(args)
    print(f"portal_speed done: {machine()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
