"""Create .venv with pip even where Debian's python3-venv (ensurepip) is missing.

Tries ``python -m venv`` first; if ensurepip is unavailable, creates the venv
without pip and installs pip from its wheel on PyPI.
"""

import json
import subprocess
import sys
import tempfile
import urllib.request
import venv
from pathlib import Path

TARGET = Path(sys.argv[1] if len(sys.argv) > 1 else ".venv")
PYPI = "https://pypi.org/pypi/pip/json"


def main() -> None:
    try:
        venv.EnvBuilder(with_pip=True).create(TARGET)
        return
    except (subprocess.CalledProcessError, OSError):
        pass
    venv.EnvBuilder(with_pip=False, clear=True).create(TARGET)
    with urllib.request.urlopen(PYPI, timeout=60) as response:  # noqa: S310 - fixed https URL
        info = json.load(response)
    wheel = next(u for u in info["urls"] if u["packagetype"] == "bdist_wheel")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / wheel["filename"]
        urllib.request.urlretrieve(wheel["url"], path)  # noqa: S310
        python = TARGET / "bin" / "python"
        subprocess.check_call([str(python), f"{path}/pip", "install", "--no-index", str(path)])  # noqa: S603


if __name__ == "__main__":
    main()
