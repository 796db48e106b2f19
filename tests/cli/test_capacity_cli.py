"""``groupwcc capacity`` through the CLI, on the example program (two expectant families)."""

from __future__ import annotations

import csv
import shutil
import sqlite3
from pathlib import Path

import pytest
from console import run_console as run

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
TODAY = "2026-11-23"


@pytest.fixture
def program(tmp_path: Path) -> Path:
    shutil.copy(EXAMPLES / "groupwcc.yaml", tmp_path / "groupwcc.yaml")
    return tmp_path


def _csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines()))


def test_capacity_forecasts_without_changing_anything(program: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = program / "out"
    code, text = run(capsys, "capacity", str(EXAMPLES / "roster.csv"), "--config",
                     str(program / "groupwcc.yaml"), "--today", TODAY, "--out", str(out))
    assert code == 0, text
    assert "Expecting: 2 babies due in February 2027 at main (Spanish): a group can start " \
           "about March 2027." in " ".join(text.split())
    rows = _csv(out / "capacity.csv")
    assert len(rows) == 24 and {r["site"] for r in rows} == {"main", "east"}
    # the two expectant families (due 2027-02-10 and 2027-02-21, one group) need their 1-month
    # visit in March 2027 (median due date 2027-02-10 + 1 month)
    march = next(r for r in rows if r["site"] == "main" and r["month"] == "2027-03")
    assert march["expectant_families"] == "1"
    # Tuesdays and Thursdays in November from the 23rd: the 24th (Thanksgiving, the 26th, is a
    # public holiday in PA): one slot day
    november = next(r for r in rows if r["site"] == "main" and r["month"] == "2026-11")
    assert november["available"] == "1"
    assert (out / "capacity.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with sqlite3.connect(program / "groupwcc.db") as db:
        assert db.execute("select count(*) from infants").fetchone() == (0,)


def test_add_slot_shows_the_effect(program: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = program / "out"
    code, text = run(capsys, "capacity", str(EXAMPLES / "roster.csv"), "--config",
                     str(program / "groupwcc.yaml"), "--today", TODAY, "--out", str(out),
                     "--add-slot", "main monday 10:00 Group Room A", "--no-png")
    assert code == 0, text
    assert "What if: main monday 10:00–12:00 Group Room A (not saved)." in text
    rows = _csv(out / "capacity.csv")
    november = next(r for r in rows if r["site"] == "main" and r["month"] == "2026-11")
    assert november["available"] == "3"  # plus Mondays the 23rd (today) and the 30th
    assert "slots:" not in (program / "groupwcc.yaml").read_text(encoding="utf-8").split(
        "closures")[1]  # the config file is not touched


@pytest.mark.parametrize(("slot", "says"), [
    ("north monday 10:00", "unknown site 'north'"),
    ("main someday 10:00", "'someday' is not a weekday"),
    ("main monday 25:00", "'25:00' is not a time"),
    ("main monday 10:00 Broom Closet", "site main has no room 'Broom Closet'"),
])
def test_a_bad_add_slot_is_explained(program: Path, capsys, slot: str, says: str) -> None:  # type: ignore[no-untyped-def]
    code, text = run(capsys, "capacity", "--config", str(program / "groupwcc.yaml"),
                     "--today", TODAY, "--out", str(program / "out"), "--add-slot", slot)
    assert code == 1 and says in text


def test_plan_says_when_slots_run_out_and_summarises_per_site(tmp_path: Path, capsys,  # type: ignore[no-untyped-def]
                                                              monkeypatch) -> None:
    from datetime import date, timedelta

    import groupwcc.cli.summary as summary

    monkeypatch.setattr(summary, "SITE_SUMMARY_FROM", 5)  # 11 cohorts count as large here
    (tmp_path / "groupwcc.yaml").write_text(
        "program: Invented Busy Clinic\nsites:\n"
        "  - {id: main, name: Main, rooms: [Room A, Room B], holidays: null}\n"
        "slots:\n"
        '  - {site: main, weekday: tuesday, start: "10:00", end: "12:00", room: Room A}\n',
        encoding="utf-8")
    lines = ["infant_id,family_id,infant_first_name,infant_last_name,date_of_birth,"
             "caregiver_first_name,caregiver_last_name,site"]
    for n in range(88):  # four invented babies born every week for 22 weeks
        born = date(2026, 6, 1) + timedelta(weeks=n // 4)
        lines.append(f"I{n:03d},F{n:03d},Baby{n},Testa,{born},Parent{n},Testa,main")
    (tmp_path / "roster.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, text = run(capsys, "plan", str(tmp_path / "roster.csv"), "--config",
                     str(tmp_path / "groupwcc.yaml"), "--today", TODAY, "--out",
                     str(tmp_path / "out"), "--no-pdf")
    assert code == 0, text
    flat = " ".join(text.split())
    assert "Sites (every cohort is in cohorts.csv)" in flat and "MAIN-2026-06-A" not in flat
    assert "Not enough slots:" in flat and "Run 'groupwcc capacity'" in flat
    assert "(main " in flat


def test_expectant_families_are_on_no_calendar_sheet_or_guide(program: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = program / "out"
    code, text = run(capsys, "plan", str(EXAMPLES / "roster.csv"), "--config",
                     str(program / "groupwcc.yaml"), "--today", TODAY, "--out", str(out),
                     "--no-pdf")
    assert code == 0, text
    assert "Expecting: 2 babies due in February 2027 at main (Spanish)" in " ".join(text.split())
    files = [p for p in out.rglob("*") if p.is_file()]
    assert any(p.suffix == ".ics" for p in files) and any(p.suffix == ".xlsx" for p in files)
    for path in files:
        data = path.read_bytes()
        for mark in (b"I043", b"I044", b"Inventado", b"Simulado"):
            assert mark not in data, (path.name, mark)
    with sqlite3.connect(program / "groupwcc.db") as db:
        assert db.execute("select count(*) from infants where infant_id in ('I043', 'I044')"
                          ).fetchone() == (0,)
