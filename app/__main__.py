"""`python3 -m app ...`: makes the project's virtual environment on first use, then runs app.cli.

Only the standard library is used before the virtual environment exists, so a fresh clone with
Python 3.11+ is enough.
"""

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def _inside_project_venv() -> bool:
    return Path(sys.prefix).resolve() == VENV.resolve()


def _bootstrap() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - this file may be started by an older Python
        sys.exit("Alongside needs Python 3.11 or newer.")
    if not PYTHON.exists():
        print(f"Creating a virtual environment in {VENV} ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    # Reinstall only when the dependencies change.
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()[:16]
    stamp = VENV / f".alongside-installed-{wanted}"
    if not stamp.exists():
        print("Installing Alongside and its dependencies (first run only) ...", flush=True)
        subprocess.check_call([str(PYTHON), "-m", "pip", "install", "--quiet", "--upgrade", "pip"])
        subprocess.check_call([str(PYTHON), "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[test]"])
        for old in VENV.glob(".alongside-installed-*"):
            old.unlink()
        stamp.touch()
    os.execv(str(PYTHON), [str(PYTHON), "-m", "app", *sys.argv[1:]])


if __name__ == "__main__":
    if not _inside_project_venv() and not os.environ.get("ALONGSIDE_NO_BOOTSTRAP"):
        _bootstrap()
    from app.cli import main

    sys.exit(main(sys.argv[1:]))
