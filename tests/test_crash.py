"""Crash safety: ``plan`` killed with SIGKILL at random moments leaves the database either as it
was or fully planned, never a truncated output file, and a re-run completes."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


def _plan(folder: Path, out: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "groupwcc", "plan", str(ROOT / "examples" / "roster.csv"),
         "--config", str(folder / "groupwcc.yaml"), "--out", str(out), "--today", "2026-11-23",
         "--no-pdf"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        env={**os.environ, "COLUMNS": "120"})


def _counts(db: Path) -> tuple[int, int, int]:
    if not db.exists():
        return (0, 0, 0)
    with sqlite3.connect(db) as conn:
        tables = {r[0] for r in conn.execute("select name from sqlite_master")}
        if "infants" not in tables:
            return (0, 0, 0)
        return tuple(conn.execute(f"select count(*) from {t}").fetchone()[0]  # type: ignore[return-value]
                     for t in ("infants", "cohorts", "sessions"))


def _files(out: Path) -> dict[str, object]:
    """Output files by path; CHANGES.md is left out (it compares with the previous export).

    Workbooks are compared by their cells (the file stamps its creation time); opening them
    also proves they are not truncated."""
    return {str(p.relative_to(out)): _content(p) for p in out.rglob("*")
            if p.is_file() and not p.name.endswith(".tmp") and p.name != "CHANGES.md"}


def _content(path: Path) -> object:
    if path.suffix != ".xlsx":
        return path.read_bytes()
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    return [list(ws.iter_rows(values_only=True)) for ws in book.worksheets]


def test_sigkill_during_plan_leaves_before_or_after(tmp_path: Path) -> None:
    reference = tmp_path / "reference"
    reference.mkdir()
    shutil.copy(ROOT / "examples" / "groupwcc.yaml", reference / "groupwcc.yaml")
    start = time.monotonic()
    done = _plan(reference, reference / "out")
    assert done.wait(timeout=300) == 0, done.stderr.read() if done.stderr else ""
    full_run = time.monotonic() - start
    after = _counts(reference / "groupwcc.db")
    expected_files = _files(reference / "out")
    assert after[0] > 0 and after[2] > 0

    rnd = random.Random(2026)
    outcomes = set()
    for attempt in range(8):
        folder = tmp_path / f"try{attempt}"
        folder.mkdir()
        shutil.copy(ROOT / "examples" / "groupwcc.yaml", folder / "groupwcc.yaml")
        proc = _plan(folder, folder / "out")
        time.sleep(rnd.uniform(0.05, full_run))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        state = _counts(folder / "groupwcc.db")
        assert state in ((0, 0, 0), after), f"half-written database after kill: {state}"
        outcomes.add(state == after)
        for name, content in _files(folder / "out").items():
            assert content == expected_files[name], f"{name} differs after a kill"
        again = _plan(folder, folder / "out")
        assert again.wait(timeout=300) == 0
        assert _counts(folder / "groupwcc.db") == after
        assert _files(folder / "out") == expected_files
