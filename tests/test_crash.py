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

from groupwcc.api.outputs import STAGING_PREFIX

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow  # run with: pytest -m slow tests/test_crash.py


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
    """Output files by path; CHANGES.md is left out (it compares with the previous export), and
    so is the staging folder a killed run leaves (the next run removes it).

    Workbooks are compared by their cells (the file stamps its creation time); opening them
    also proves they are not truncated."""
    return {str(p.relative_to(out)): _content(p) for p in out.rglob("*")
            if p.is_file() and p.name != "CHANGES.md"
            and not p.relative_to(out).parts[0].startswith(STAGING_PREFIX)}


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
        hidden = [p for p in (folder / "out").rglob("*") if p.name.startswith(".")]
        assert hidden == [], "a killed run's staging or temporary files were left behind"


# --- issue 14 item 3: a signal at each stage boundary -----------------------------------------

_RUNNER = """
import os, signal, sys
import groupwcc.api.plan as plan_module
import groupwcc.api.outputs as outputs_module

target, signum = sys.argv.pop(1), int(sys.argv.pop(1))
real_plan, real_replace, moved = plan_module.plan_program, os.replace, []

def kill_me():
    os.kill(os.getpid(), signum)

def plan_program(*args, stage, **kwargs):
    def killing_stage(message):
        stage(message)
        if message.startswith(target):
            kill_me()
    return real_plan(*args, stage=killing_stage, **kwargs)

def replace(src, dst):  # 'after the first file moved in'
    real_replace(src, dst)
    moved.append(dst)
    if target == "after the first move" and len(moved) == 1:
        kill_me()

plan_module.plan_program = plan_program
outputs_module.os.replace = replace
from groupwcc.cli import main
main()
"""
STAGES = ["reading roster", "importing roster", "forming cohorts", "scheduling sessions",
          "building calendars", "writing tables", "building agendas", "building sheets",
          "building guides", "writing files", "saving", "moving files into place",
          "after the first move"]
_COMMITTED = {"moving files into place", "after the first move"}


def _run_killed(folder: Path, roster: Path, target: str, signum: int
                ) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-c", _RUNNER, target, str(int(signum)), "plan", str(roster),
         "--config", str(folder / "groupwcc.yaml"), "--out", str(folder / "out"), "--today",
         "2026-11-23", "--no-pdf"], capture_output=True, timeout=300, check=False,
        env={**os.environ, "COLUMNS": "120", "PYTHONPATH": str(ROOT)})


def _snapshot(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in out.rglob("*") if p.is_file()}


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGKILL], ids=["SIGINT", "SIGKILL"])
@pytest.mark.parametrize("target", STAGES)
def test_item_03_a_signal_at_each_stage_boundary(tmp_path: Path, target: str,
                                                 signum: signal.Signals) -> None:
    folder = tmp_path / "program"
    folder.mkdir()
    shutil.copy(ROOT / "examples" / "groupwcc.yaml", folder / "groupwcc.yaml")
    first = folder / "first.csv"
    lines = (ROOT / "examples" / "roster.csv").read_text(encoding="utf-8-sig").splitlines(True)
    first.write_text("".join(lines[:-8]), encoding="utf-8")  # the second run adds 8 infants
    assert _plan_roster(folder, first) == 0
    before_db, before_files = _counts(folder / "groupwcc.db"), _snapshot(folder / "out")

    killed = _run_killed(folder, ROOT / "examples" / "roster.csv", target, signum)
    assert killed.returncode != 0, f"the run was not interrupted at {target!r}"
    if signum == signal.SIGINT:
        assert killed.returncode == 130 and b"Traceback" not in killed.stderr
    after_db, after_files = _counts(folder / "groupwcc.db"), _snapshot(folder / "out")
    staging = [p for p in (folder / "out").iterdir() if p.name.startswith(".")]
    if target in _COMMITTED:  # the database committed; files old or new, each whole
        assert after_db != before_db
        assert all(v == before_files.get(k) or k in after_files for k, v in after_files.items())
    else:
        assert after_db == before_db
        visible = {k: v for k, v in after_files.items() if not k.startswith(".")}
        assert visible == before_files, f"outputs replaced though killed at {target!r}"
    if signum == signal.SIGINT:
        assert staging == [], "Ctrl-C left a staging folder"
    again = _plan_roster(folder, ROOT / "examples" / "roster.csv")
    assert again == 0
    assert [p for p in (folder / "out").rglob("*") if p.name.startswith(".")] == []


def _plan_roster(folder: Path, roster: Path) -> int:
    return subprocess.run(
        [sys.executable, "-m", "groupwcc", "plan", str(roster), "--config",
         str(folder / "groupwcc.yaml"), "--out", str(folder / "out"), "--today", "2026-11-23",
         "--no-pdf"], capture_output=True, timeout=300, check=False,
        env={**os.environ, "COLUMNS": "120", "PYTHONPATH": str(ROOT)}).returncode
