"""Attendance use cases: import, mark, individual visits, one transaction each, audit, and
four processes recording at once."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from factories import make_infant
from pg_server import mark_command

from groupwcc.api.attendance import import_attendance, load_records, mark, record_visit
from groupwcc.api.context import Program
from groupwcc.errors import AttendanceError, NotFoundError
from groupwcc.models import Cohort, CohortPlan, ProgramConfig, Session, Site
from groupwcc.store import repo
from groupwcc.store.attendance import load_history, load_individual_visits, load_marks
from groupwcc.store.audit import load_audit

ROOT = Path(__file__).resolve().parents[2]
NY = ZoneInfo("America/New_York")
NOW = datetime(2026, 5, 10, 18, 0, tzinfo=UTC)
TODAY = date(2026, 5, 10)
BORN = date(2026, 3, 1)


def _session(cohort: str, visit: str, day: date) -> Session:
    start = datetime(day.year, day.month, day.day, 10, tzinfo=NY)
    return Session(session_id=f"{cohort}-{visit.upper()}", cohort_id=cohort, visit=visit,
                   start=start, end=start + timedelta(hours=2), site="main", room="Room A")


def make_program(tmp_path: Path, *, cohorts: int = 1, size: int = 3,
                 sessions: tuple[tuple[str, date], ...] = (
                     ("m1", date(2026, 4, 7)), ("m2", date(2026, 5, 5)),
                     ("m4", date(2026, 7, 7)))) -> Program:
    """A program with ``cohorts`` cohorts of ``size`` infants, each with ``sessions``."""
    config = ProgramConfig(program="Test clinic", sites=(Site(id="main", name="Main"),))
    program = Program(config, tmp_path / "groupwcc.yaml", f"sqlite:///{tmp_path / 'g.db'}")
    infants, plan, all_sessions = [], [], []
    for c in range(cohorts):
        cohort_id = f"MAIN-2026-03-{chr(65 + c)}"
        members = [make_infant(n=c * size + n + 1, date_of_birth=BORN) for n in range(size)]
        infants += members
        plan.append(Cohort(cohort_id=cohort_id, site="main", language="en",
                           infant_ids=tuple(i.infant_id for i in members)))
        all_sessions += [_session(cohort_id, visit, day) for visit, day in sessions]
    with program.store.transaction() as conn:
        repo.save_roster(conn, infants, now=NOW)
        repo.save_cohort_plan(conn, CohortPlan(cohorts=tuple(plan)))
        repo.save_sessions(conn, all_sessions)
    return program


def _sheet(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    lines = ["session_id,infant_id,status,notes"] + [f"{s},{i},{st}," for s, i, st in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


M1, M2, M4 = "MAIN-2026-03-A-M1", "MAIN-2026-03-A-M2", "MAIN-2026-03-A-M4"


def test_import_twice_then_a_correction(tmp_path: Path) -> None:
    program = make_program(tmp_path)
    rows = [(M1, "I-0001", "attended"), (M1, "I-0002", "absent"), (M1, "I-0003", "late")]
    sheet = _sheet(tmp_path / "m1.csv", rows)
    first = import_attendance(program, sheet, today=TODAY, now=NOW)
    again = import_attendance(program, sheet, today=TODAY, now=NOW + timedelta(hours=1))
    rows[1] = (M1, "I-0002", "excused")
    fixed = import_attendance(program, _sheet(tmp_path / "fixed.csv", rows), today=TODAY,
                              now=NOW + timedelta(hours=2))
    assert first.as_dict() == {"added": 3, "changed": 0, "unchanged": 0, "sessions_held": 1}
    assert again.as_dict() == {"added": 0, "changed": 0, "unchanged": 3, "sessions_held": 0}
    assert fixed.as_dict() == {"added": 0, "changed": 1, "unchanged": 2, "sessions_held": 0}
    with program.store.transaction() as conn:
        history = load_history(conn, infant_id="I-0002")
        statuses = {s.session_id: s.status for s in repo.load_sessions(conn)}
        audit = load_audit(conn)
    assert [(h.old_status, h.new_status, h.source) for h in history] == [
        (None, "absent", "m1.csv"), ("absent", "excused", "fixed.csv")]
    assert statuses == {M1: "held", M2: "scheduled", M4: "scheduled"}
    assert [(a.command, a.counts) for a in audit][0] == (
        "attendance import", {"added": 0, "changed": 1, "rows": 3, "sessions_held": 0,
                              "unchanged": 2})


def test_audit_holds_counts_only(tmp_path: Path) -> None:
    program = make_program(tmp_path)
    import_attendance(program, _sheet(tmp_path / "a.csv", [(M1, "I-0001", "absent")]),
                      today=TODAY, now=NOW)
    with program.store.transaction() as conn:
        raw = [dict(r) for r in conn.execute(sa.text("SELECT * FROM audit_log")).mappings()]
    text = json.dumps(raw)
    assert "I-0001" not in text and "absent" not in text and "Baby" not in text


def test_a_bad_row_records_nothing(tmp_path: Path) -> None:
    program = make_program(tmp_path)
    sheet = _sheet(tmp_path / "bad.csv", [(M1, "I-0001", "attended"), (M4, "I-0002", "late")])
    with pytest.raises(AttendanceError) as caught:
        import_attendance(program, sheet, today=TODAY, now=NOW)
    assert [p.where for p in caught.value.problems] == ['row 3, column "status"']
    with program.store.transaction() as conn:
        assert load_marks(conn) == []
        assert {s.status for s in repo.load_sessions(conn)} == {"scheduled"}
        assert load_audit(conn) == []


def test_mark_one_status_and_correct_it(tmp_path: Path) -> None:
    program = make_program(tmp_path)
    assert mark(program, M2.lower(), "I-0003", "Absent", today=TODAY, now=NOW).added == 1
    assert mark(program, M2, "I-0003", "absent", today=TODAY, now=NOW).unchanged == 1
    changed = mark(program, M2, "I-0003", "individual visit", today=TODAY, now=NOW,
                   notes="seen on Friday")
    assert changed.changed == 1
    with program.store.transaction() as conn:
        (row,) = load_marks(conn)
    assert (row.status, row.notes, row.source) == ("individual visit", "seen on Friday",
                                                   "attendance mark")


@pytest.mark.parametrize(("session", "infant", "status", "message"), [
    (M2, "I-0001", "maybe", "'maybe' is not a status"),
    ("MAIN-2026-03-Z-M2", "I-0001", "attended", "unknown session"),
    (M2, "I-0042", "attended", "unknown infant 'I-0042'"),
    (M4, "I-0001", "attended", "after today (2026-05-10)"),
])
def test_mark_refuses_bad_input(tmp_path: Path, session: str, infant: str, status: str,
                                message: str) -> None:
    program = make_program(tmp_path)
    with pytest.raises(AttendanceError, match=message.replace("(", r"\(").replace(")", r"\)")):
        mark(program, session, infant, status, today=TODAY, now=NOW)


def test_record_individual_visit(tmp_path: Path) -> None:
    program = make_program(tmp_path)
    # Born 2026-03-01: the 2-month window is 6 weeks (2026-04-12) to 3 months (2026-06-01).
    assert record_visit(program, "I-0001", date(2026, 5, 8), now=NOW, today=TODAY) == (
        True, "m2")
    assert record_visit(program, "I-0001", date(2026, 5, 8), now=NOW, today=TODAY) == (
        False, "m2")
    assert record_visit(program, "I-0002", date(2026, 3, 3), now=NOW, visit="m1") == (True, "m1")
    with pytest.raises(AttendanceError, match="after today"):
        record_visit(program, "I-0001", date(2026, 5, 11), now=NOW, today=TODAY)
    with pytest.raises(AttendanceError, match="before the infant's date of birth"):
        record_visit(program, "I-0001", date(2026, 2, 1), now=NOW)
    with pytest.raises(AttendanceError, match="unknown visit"):
        record_visit(program, "I-0001", date(2026, 5, 1), now=NOW, visit="m5")
    with pytest.raises(NotFoundError):
        record_visit(program, "I-0099", date(2026, 5, 1), now=NOW)
    with program.store.transaction() as conn:
        assert [(v.infant_id, v.visit) for v in load_individual_visits(conn)] == [
            ("I-0001", "m2"), ("I-0002", "m1")]
        records = load_records(conn)
    assert [v.day for v in records.visits] == [date(2026, 5, 8), date(2026, 3, 3)]


@pytest.mark.slow
def test_four_processes_record_800_marks_at_once(tmp_path: Path) -> None:
    visits = ("m1", "m2", "m4", "m6", "m9", "m12", "m15", "m18", "m24", "m30")
    days = tuple((v, date(2026, 4, 1) + timedelta(days=7 * n)) for n, v in enumerate(visits))
    program = make_program(tmp_path, cohorts=4, size=20, sessions=days)
    program.store.close()
    go = tmp_path / "go"
    url = f"sqlite:///{tmp_path / 'g.db'}"
    workers = [subprocess.Popen(mark_command(url, f"MAIN-2026-03-{c}", go), cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for c in "ABCD"]
    go.touch()
    results = [w.communicate() for w in workers]
    assert [w.returncode for w in workers] == [0, 0, 0, 0], [err for _, err in results]
    with program.store.transaction() as conn:
        assert len(load_marks(conn)) == 800
        assert len(load_history(conn)) == 800
        assert len(load_audit(conn, limit=1000)) == 800
        assert {s.status for s in repo.load_sessions(conn)} == {"held"}


def _import_process(folder: Path, sheet: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "groupwcc", "attendance", "import", str(sheet), "--config",
         str(folder / "groupwcc.yaml"), "--db", str(folder / "g.db"), "--today", "2027-12-31"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _state(folder: Path) -> tuple[int, int, int, int]:
    import sqlite3

    with sqlite3.connect(folder / "g.db") as conn:
        return tuple(conn.execute(query).fetchone()[0] for query in (  # type: ignore[return-value]
            "select count(*) from attendance", "select count(*) from attendance_history",
            "select count(*) from audit_log", "select count(*) from sessions where status='held'"))


@pytest.mark.slow
def test_sigkill_during_import_leaves_before_or_after(tmp_path: Path) -> None:
    import random
    import signal
    import time

    visits = ("m1", "m2", "m4", "m6", "m9", "m12", "m15", "m18", "m24", "m30")
    days = tuple((v, date(2026, 4, 1) + timedelta(days=7 * n)) for n, v in enumerate(visits))
    rows = [(f"MAIN-2026-03-{c}-{v.upper()}", f"I-{n:04d}", "attended")
            for k, c in enumerate("ABCD") for v in visits for n in range(k * 20 + 1, k * 20 + 21)]
    rnd = random.Random(2027)
    timing = None
    for attempt in range(6):
        folder = tmp_path / f"try{attempt}"
        folder.mkdir()
        make_program(folder, cohorts=4, size=20, sessions=days).store.close()
        (folder / "groupwcc.yaml").write_text(
            "program: Test clinic\nsites:\n  - {id: main, name: Main}\n", encoding="utf-8")
        sheet = _sheet(folder / "sheet.csv", rows)
        before = _state(folder)
        if timing is None:  # measure one full run first, to kill inside its span
            start = time.monotonic()
            assert _import_process(folder, sheet).wait(timeout=300) == 0
            timing = time.monotonic() - start
            after = _state(folder)
            assert after == (800, 800, before[2] + 1, 40)
            continue
        proc = _import_process(folder, sheet)
        time.sleep(rnd.uniform(0.05, timing))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        assert _state(folder) in (before, after), "half-recorded import after a kill"
        again = _import_process(folder, sheet)
        assert again.wait(timeout=300) == 0
        assert _state(folder)[:2] == (800, 800) and _state(folder)[3] == 40
