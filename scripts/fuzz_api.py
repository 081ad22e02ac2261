"""Fuzz the JSON API with schemathesis as the demo operator; exit non-zero on a failure.

    .venv/bin/python scripts/fuzz_api.py        (or: make fuzz)

Builds a fresh SQLite database with the demo city (``load_demo``), gives the demo operator
``jingban`` a DRF token, serves the app on a free local port, fetches ``/api/v1/schema/``
as that operator (the schema describes what the asking user may call) and runs
``schemathesis run`` on it. The coverage phase sends every boundary and wrong-type value
and every undocumented method (TRACE…) the schema implies, once; the fuzzing phase adds
``FUZZ_MAX_EXAMPLES`` random cases per operation (default 10) from ``FUZZ_SEED`` (default
11); no stateful phase. Checks: no answer is a server error, and every answer matches its
documented schema (errors included). Reports (JUnit) go to ``var/fuzz/``; the output
lists each failure as a curl command.
"""

import os
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "var" / "fuzz"
OPERATOR = "jingban"
CHECKS = "not_a_server_error,response_schema_conformance"
TIMEOUT = 600  # seconds: a hung run fails CI instead of blocking it


def prepare_environment() -> None:
    """A throwaway database of our own; the test settings: no debug pages, no mail out."""
    OUT.mkdir(parents=True, exist_ok=True)
    database = OUT / "fuzz.sqlite3"
    for path in OUT.glob("fuzz.sqlite3*"):
        path.unlink()
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "integrity.settings.test"
    sys.path.insert(0, str(ROOT))


def load_demo_and_token() -> str:
    """Migrate, load the demo city and return the demo operator's API token."""
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115

    from rest_framework.authtoken.models import Token

    from integrity.core.models import User

    token, _ = Token.objects.get_or_create(user=User.objects.get(username=OPERATOR))
    return token.key


def serve() -> str:
    """Serve the app from a background thread on a free port; its base URL."""
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.core.wsgi import get_wsgi_application

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, format, *args):  # one line per request would drown the report
            pass

    server = ThreadedWSGIServer(("127.0.0.1", 0), QuietHandler, allow_reuse_address=False)
    server.set_app(get_wsgi_application())
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}"


def fetch_schema(base_url: str, token: str) -> Path:
    url = f"{base_url}/api/v1/schema/?format=json"  # our own server on 127.0.0.1
    request = urllib.request.Request(url, headers={"Authorization": f"Token {token}"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
        schema = response.read()
    path = OUT / "schema.json"
    path.write_bytes(schema)
    return path


def run_schemathesis(schema: Path, base_url: str, token: str) -> int:
    command = [
        str(Path(sys.executable).with_name("schemathesis")),
        "run",
        str(schema),
        f"--url={base_url}",
        f"--header=Authorization: Token {token}",
        f"--checks={CHECKS}",
        "--phases=examples,coverage,fuzzing",
        f"--max-examples={os.environ.get('FUZZ_MAX_EXAMPLES', '10')}",
        f"--seed={os.environ.get('FUZZ_SEED', '11')}",
        "--generation-database=none",
        "--workers=2",
        "--request-timeout=30",
        "--no-color",
        "--report=junit",
        f"--report-dir={OUT}",
    ]
    # Run in var/fuzz/: schemathesis keeps its cache (.schemathesis/) in the working directory.
    run = subprocess.run(command, cwd=OUT, timeout=TIMEOUT, check=False)  # noqa: S603
    return run.returncode


def main() -> int:
    prepare_environment()
    token = load_demo_and_token()
    base_url = serve()
    schema = fetch_schema(base_url, token)
    print(f"fuzzing {base_url}/api/v1/ as {OPERATOR} (schema: {schema})", flush=True)
    return run_schemathesis(schema, base_url, token)


if __name__ == "__main__":
    sys.exit(main())
