"""Update every app's zh_Hans catalogue: makemessages in each folder that has a locale/.

Each app keeps its own catalogue (settings LOCALE_PATHS is empty); an app nested in
another (commitments/proposals inside commitments) is left out of its parent's run so a
message lands in one catalogue only. Needs GNU gettext (apt-get install gettext).
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIP = {".venv", "node_modules", "var"}


def app_dirs() -> list[Path]:
    found = [
        locale.parent
        for locale in ROOT.glob("**/locale")
        if locale.is_dir() and not SKIP.intersection(locale.relative_to(ROOT).parts)
    ]
    return sorted(found)


def main() -> None:
    apps = app_dirs()
    for app in apps:
        nested = [other.relative_to(app) for other in apps if app in other.parents]
        ignore = [arg for path in nested for arg in ("--ignore", f"{path}/*")]
        command = [
            sys.executable,
            str(ROOT / "manage.py"),
            "makemessages",
            "-l",
            "zh_Hans",
            "--no-obsolete",
            "--ignore",
            "tests/*",
            *ignore,
        ]
        print(f"{app.relative_to(ROOT)}: {' '.join(command[2:])}")
        subprocess.run(command, cwd=app, check=True)  # noqa: S603 (our own manage.py)


if __name__ == "__main__":
    main()
