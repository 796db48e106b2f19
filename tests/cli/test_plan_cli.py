"""``groupwcc plan`` end to end through the CLI, on the example program."""

from __future__ import annotations

import csv
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest
from console import run

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
TODAY = "2026-11-23"


pytestmark = pytest.mark.usefixtures("console_capsys")  # run() reads the test's capsys


@pytest.fixture
def program(tmp_path: Path) -> Path:
    shutil.copy(EXAMPLES / "groupwcc.yaml", tmp_path / "groupwcc.yaml")
    shutil.copy(EXAMPLES / "roster.csv", tmp_path / "roster.csv")
    return tmp_path


def plan(folder: Path, roster: str = "roster.csv", *extra: str):  # type: ignore[no-untyped-def]
    return run("plan", str(folder / roster), "--config", str(folder / "groupwcc.yaml"),
               "--out", str(folder / "out"), "--today", TODAY, *extra)


def rows(path: Path) -> list[dict[str, str]]:
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    return list(csv.DictReader(lines))


def test_plan_writes_every_output_with_owner_only_personal_files(program: Path) -> None:
    result = plan(program, "roster.csv", "--no-pdf")
    assert result.exit_code == 0, result.output
    out = program / "out"
    for name in ("cohorts.csv", "sessions.csv", "flags.csv", "calendar/program.ics",
                 "sheets/attendance.xlsx"):
        assert (out / name).is_file(), name
    assert list((out / "guides").glob("*.html"))  # sign-in sheets are PDF only
    cohorts = rows(out / "cohorts.csv")
    roster = rows(program / "roster.csv")
    born = [r for r in roster if r["date_of_birth"]]  # expectant families are on no output
    assert sorted(r["infant_id"] for r in cohorts) == sorted(r["infant_id"] for r in born)
    sessions = rows(out / "sessions.csv")
    assert sessions and all(s["start"][-6] in "+-" for s in sessions)  # ISO 8601 with offset
    mode = stat.S_IMODE((out / "cohorts.csv").stat().st_mode)
    assert mode == 0o600
    assert stat.S_IMODE((program / "groupwcc.db").stat().st_mode) == 0o600
    assert stat.S_IMODE((out / "sheets").stat().st_mode) == 0o700


def test_plan_twice_changes_nothing(program: Path) -> None:
    assert plan(program, "roster.csv", "--no-pdf").exit_code == 0
    tables = ("sessions.csv", "cohorts.csv", "flags.csv")
    first = {n: (program / "out" / n).read_text(encoding="utf-8") for n in tables}
    second = plan(program, "roster.csv", "--no-pdf")
    assert second.exit_code == 0, second.output
    assert "0 added, 0 updated" in second.output
    assert {n: (program / "out" / n).read_text(encoding="utf-8") for n in tables} == first


def test_bad_roster_exits_1_and_leaves_database_unchanged(program: Path) -> None:
    assert plan(program, "roster.csv", "--no-pdf").exit_code == 0
    db = program / "groupwcc.db"
    before = _dump(db)
    lines = (program / "roster.csv").read_text(encoding="utf-8-sig").splitlines()
    header = lines[0].split(",")
    broken = [lines[0]]
    for n, line in enumerate(lines[1:4]):
        cells = line.split(",")
        cells[header.index("date_of_birth")] = ["31/31/2026", "", "2031-01-01"][n]
        broken.append(",".join(cells))
    (program / "bad.csv").write_text("\n".join(broken + lines[4:]) + "\n", encoding="utf-8")
    result = plan(program, "bad.csv", "--no-pdf")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.output.count('column "date_of_birth"') == 3
    assert _dump(db) == before


def _dump(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [line for line in conn.iterdump() if "audit_log" not in line]


def test_cohorts_explain_and_sessions_list(program: Path) -> None:
    assert plan(program, "roster.csv", "--no-pdf").exit_code == 0
    cfg = str(program / "groupwcc.yaml")
    placed = next(r for r in rows(program / "out" / "cohorts.csv") if r["cohort_id"])
    explained = run("cohorts", "explain", placed["infant_id"], "--config", cfg)
    assert explained.exit_code == 0 and placed["cohort_id"] in explained.output
    listed = run("sessions", "list", "--config", cfg, "--cohort", placed["cohort_id"])
    assert listed.exit_code == 0 and f"{placed['cohort_id']}-M" in listed.output
