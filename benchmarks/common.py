"""Helpers shared by the benchmarks: machine header, percentiles, a bounded HTTP load generator.

Nothing here imports Django, so a benchmark can choose its settings before ``django.setup()``.
"""

import datetime
import http.client
import os
import platform
import re
import shutil
import statistics
import subprocess
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var"
PYTHON = str(ROOT / ".venv" / "bin" / "python")


class Rollback(Exception):
    pass


@contextmanager
def rolled_back():
    """Run the block in a transaction that is always rolled back (Django imported late)."""
    from django.db import transaction

    try:
        with transaction.atomic():
            yield
            raise Rollback
    except Rollback:
        pass


def machine() -> str:
    """One line: when, where and how busy the machine was (other work shares the CPUs)."""
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    now = datetime.datetime.now().astimezone().isoformat(timespec="seconds")
    return (
        f"{now}; {os.cpu_count()} CPUs ({cpu}); load average {load}; "
        f"Python {platform.python_version()}"
    )


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[index]


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def python_load(
    url: str, *, requests: int, seconds: float, threads: int = 4, headers: dict | None = None
) -> dict:
    """Keep-alive GETs from ``threads`` threads: stops after ``requests`` or ``seconds``."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    lock, counter, latencies, errors = threading.Lock(), [0], [], [0]
    deadline = time.perf_counter() + seconds

    def take() -> bool:
        with lock:
            if counter[0] >= requests or time.perf_counter() > deadline:
                return False
            counter[0] += 1
            return True

    def worker() -> None:
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        while take():
            started = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers or {})
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                errors[0] += 0 if ok else 1
        conn.close()

    started = time.perf_counter()
    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    wall = time.perf_counter() - started
    return {
        "rps": len(latencies) / wall if wall else 0.0,
        "requests": len(latencies),
        "errors": errors[0],
        "median_ms": median(latencies) * 1000,
        "p95_ms": percentile(latencies, 95) * 1000,
        "tool": f"python http.client ({threads} threads)",
    }


def wrk_load(
    url: str, *, seconds: float, connections: int = 4, headers: dict | None = None
) -> dict:
    """``wrk`` with one thread (the server needs the other CPU), bounded by ``seconds``."""
    command = ["wrk", "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--latency"]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    out = subprocess.run(
        [*command, url], capture_output=True, text=True, timeout=seconds + 30, check=True
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors:.*?timeout (\d+)", out)

    def latency(p: str) -> float:
        found = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)\b", out)
        if not found:
            return float("nan")
        factor = {"us": 0.001, "ms": 1.0, "s": 1000.0}[found.group(2)]
        return float(found.group(1)) * factor

    return {
        "rps": rps,
        "requests": total,
        "errors": (int(bad.group(1)) if bad else 0) + (int(errors.group(1)) if errors else 0),
        "median_ms": latency("50"),
        "p95_ms": latency("90"),  # wrk prints 50/75/90/99; 90 is the nearest to p95
        "tool": f"wrk -t1 -c{connections}",
    }


def http_load(
    url: str, *, requests: int, seconds: float, connections: int = 4, headers: dict | None = None
) -> dict:
    """``wrk`` when installed (lighter on the shared CPUs), else the Python client."""
    if shutil.which("wrk") and os.environ.get("BENCH_LOADGEN", "wrk") == "wrk":
        return wrk_load(url, seconds=seconds, connections=connections, headers=headers)
    return python_load(
        url, requests=requests, seconds=seconds, threads=connections, headers=headers
    )


PG_DEFAULT = "postgres://postgres@127.0.0.1:5432/postgres"


def pg_url(name: str) -> str:
    """The URL of database ``name`` on the PostgreSQL server of ``DATABASE_URL`` (if it is
    a PostgreSQL URL) or the local one."""
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith(("postgres://", "postgresql://")):
        base = PG_DEFAULT
    parts = urlsplit(base)
    return parts._replace(path=f"/{name}").geturl()


def bench_db() -> str:
    """``sqlite`` or ``postgresql``: the database the runner chose (``BENCH_DB``)."""
    return os.environ.get("BENCH_DB", "sqlite")


def ensure_pg_database(url: str, *, template: str | None = None, fresh: bool = False) -> bool:
    """Create the PostgreSQL database of ``url`` if missing (from ``template`` if given);
    ``fresh`` drops it first. Returns True when it already existed (and was kept)."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and not fresh:
            return True
        if exists:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        if template:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        else:
            conn.execute(f'CREATE DATABASE "{name}"')
    return False


def pg_database_exists(url: str) -> bool:
    import psycopg

    parts = urlsplit(url)
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        found = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [parts.path.lstrip("/")]
        ).fetchone()
    return bool(found)
