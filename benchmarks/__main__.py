"""Run every benchmark in one command: ``python -m benchmarks [--quick] [names...]``.

Each benchmark module (``benchmarks/<name>.py`` with a ``main(argv=None)``) runs in its own
``python -m benchmarks.<name>`` process: each one chooses its own Django settings and
database before ``django.setup()``, which one process cannot do twice. Output is streamed;
a summary at the end repeats every line that states a target (each figure beside its
baseline from the same run), with the machine's load before and after.
Exit status is non-zero only when a benchmark crashes or exceeds ``--timeout``: timings are
reported, never asserted (the machine is shared).
"""

import argparse
import contextlib
import os
import signal
import subprocess
import sys
import threading
import time

from benchmarks.common import PYTHON, ROOT, VAR, machine, pg_url

BENCHMARKS = [
    "commitments_import",
    "commitments_alarms",
    "assessment_scoring",
    "portal_speed",
    "opendata_files",
]
QUICK_ARGS = {
    "commitments_import": ["--rows", "5000"],
    "commitments_alarms": ["--rows", "50000", "--sample", "2000"],
    "assessment_scoring": [
        "--units",
        "100",
        "--commitments",
        "20000",
        "--baseline-units",
        "10",
        "--sheets",
        "3",
    ],  # fmt: skip
    "portal_speed": ["--quick"],
    "opendata_files": ["--rows", "20000"],
}

# Lines repeated in the summary: figures stated against a target or a baseline, and failures.
SUMMARY_MARKS = ("target", "×", " faster", "TIMEOUT", "Error")


def bench_env(name: str, db: str) -> dict:
    """The environment of one benchmark on one database.

    SQLite: a file of its own in var/. PostgreSQL: a database of its own,
    ``bench_scale_<name>``, on the server of ``DATABASE_URL`` (default the local one);
    benchmarks on the test settings reach it as their test database (``TEST_DB_NAME``),
    the others through ``DATABASE_URL`` (assessment_scoring: a database per data size).
    """
    env = dict(os.environ, BENCH_DB=db)
    if db == "sqlite":
        env.pop("DATABASE_URL", None)
        env.pop("BENCH_DATABASE_URL", None)
        env.setdefault("TEST_SQLITE_NAME", str(VAR / f"bench-{name}.sqlite3"))
    else:
        url = pg_url(f"bench_scale_{name}")
        env.update(DATABASE_URL=url, TEST_DB_NAME=f"bench_scale_{name}")
    return env


def run(name: str, quick: bool, timeout: float, db: str) -> tuple[int, float, list[str]]:
    command = [
        PYTHON,
        "-u",
        "-m",
        f"benchmarks.{name}",
        *(QUICK_ARGS.get(name, []) if quick else []),
    ]
    env = bench_env(name, db)
    print(f"\n######## {name} on {db}: {' '.join(command[2:])}", flush=True)
    started, lines, timed_out = time.perf_counter(), [], threading.Event()
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True,
    )  # fmt: skip

    def kill() -> None:  # the benchmark's own process group, even if it prints nothing
        timed_out.set()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)

    watchdog = threading.Timer(timeout, kill)
    watchdog.start()
    try:
        for line in process.stdout:
            print(line, end="", flush=True)
            lines.append(f"[{db}] {line.rstrip()}")
        code = process.wait()
    finally:
        watchdog.cancel()
    if timed_out.is_set():
        lines.append(f"[{db}] TIMEOUT after {timeout:.0f} s")
        print(lines[-1], flush=True)
        code = 124
    return code, time.perf_counter() - started, lines


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("names", nargs="*", help=f"default: all of {', '.join(BENCHMARKS)}")
    parser.add_argument("--quick", action="store_true", help="small N, a smoke test")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per benchmark")
    parser.add_argument(
        "--db", choices=["sqlite", "postgresql", "both"], default="both",
        help="database(s) to run on (PostgreSQL: the server of DATABASE_URL, default local)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    unknown = [n for n in args.names if n not in BENCHMARKS]
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(unknown)}")
    print(f"benchmarks{' (quick)' if args.quick else ''}: {machine()}")
    outcomes = {}
    databases = ["sqlite", "postgresql"] if args.db == "both" else [args.db]
    for name in args.names or BENCHMARKS:
        for db in databases:
            outcomes[f"{name} on {db}"] = run(name, args.quick, args.timeout, db)
    print(f"\n######## summary{' (quick)' if args.quick else ''}: {machine()}")
    for name, (code, seconds, lines) in outcomes.items():
        state = "ok" if code == 0 else f"CRASHED (exit {code})"
        print(f"{name}: {state}, {seconds:.0f} s")
        for line in lines:
            if any(mark in line for mark in SUMMARY_MARKS):
                print(f"    {line}")
    return 1 if any(code for code, _s, _l in outcomes.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
