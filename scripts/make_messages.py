"""Update every app's zh_Hans catalogue in one ``makemessages`` run from the repository root.

``makemessages`` files each message under the nearest ``locale/`` above its source file,
so one run from the root updates every app that has a catalogue (commitments/proposals
into its own, not its parent's); folders without one hold no translatable text and are
ignored. Needs GNU gettext (apt-get install gettext).
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IGNORED = [".venv/*", "node_modules/*", "var/*", "tests/*", "scripts/*", "benchmarks/*"]


def main() -> None:
    command = [sys.executable, str(ROOT / "manage.py"), "makemessages", "-l", "zh_Hans"]
    command += ["--no-obsolete", *[arg for path in IGNORED for arg in ("--ignore", path)]]
    print(" ".join(command[2:]))
    subprocess.run(command, cwd=ROOT, check=True)  # noqa: S603 (our own manage.py)


if __name__ == "__main__":
    main()
