"""The packaged layout is proven, not assumed: build the wheel, install it into a fresh virtual
environment (dependencies borrowed from the test environment, groupwcc itself only from the
wheel) and run ``groupwcc plan`` on a copy of the example there."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


def _run(*args: object, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, cwd=cwd,
                          check=False)


def test_wheel_contains_builtins_and_plans_the_example(tmp_path):
    built = _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                 "-w", tmp_path / "dist", ROOT)
    assert built.returncode == 0, built.stderr
    wheel = next((tmp_path / "dist").glob("groupwcc-*.whl"))
    names = _run(sys.executable, "-m", "zipfile", "-l", wheel).stdout
    assert "groupwcc/_builtin/curricula/default.en.yaml" in names
    assert "groupwcc/_builtin/templates/sheet.typ" in names
    assert "groupwcc/fonts/NotoSans-Regular.ttf" in names and "groupwcc/fonts/OFL.txt" in names
    assert "groupwcc/data/visits.yaml" in names
    assert "groupwcc/store/migrations/versions/0001_v1.py" in names

    venv = tmp_path / "venv"
    assert _run(sys.executable, "-m", "venv", "--without-pip", venv).returncode == 0
    site = Path(_run(venv / "bin" / "python", "-c",
                     "import sysconfig; print(sysconfig.get_paths()['purelib'])").stdout.strip())
    # Dependencies from the test environment; .pth files there (our editable install) are not run.
    (site / "borrowed.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    installed = _run(sys.executable, "-m", "pip", "--python", venv / "bin" / "python",
                     "install", "--no-deps", "--no-index", wheel)
    assert installed.returncode == 0, installed.stderr

    work = tmp_path / "program"
    shutil.copytree(ROOT / "examples", work, ignore=shutil.ignore_patterns("*.db", "out"))
    where = _run(venv / "bin" / "python", "-c", "import groupwcc; print(groupwcc.__file__)",
                 cwd=work)
    assert str(venv) in where.stdout, where.stdout + where.stderr
    result = _run(venv / "bin" / "groupwcc", "plan", "roster.csv", "--config", "groupwcc.yaml",
                  "--out", "out", "--today", "2026-11-23", cwd=work)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (work / "out" / "sessions.csv").is_file()
    assert list((work / "out" / "guides").glob("*.html"))
    # PDFs need no system library: Typst and the fonts come inside the wheels
    assert list((work / "out" / "sheets").glob("*.pdf"))
