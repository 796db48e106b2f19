"""Two coordinators at once (issues 14 item 2 and 17), on SQLite and PostgreSQL: two real `plan`
processes both succeed (the second waits for the program lock) or one refuses cleanly, nothing
is lost, and no output carries a roster's names, phones or birth dates; a database error is a
StoreError without values; four processes × 200 marks are all kept."""

from __future__ import annotations

import csv
import subprocess
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from factories import make_infant
from pg_server import child_env, mark_command, plan_command

from groupwcc.errors import StoreError
from groupwcc.models import Cohort, CohortPlan, Session
from groupwcc.store import open_store, repo
from groupwcc.store import schema as t
from groupwcc.store.engine import Store

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
NY = ZoneInfo("America/New_York")


def personal_values() -> set[str]:
    """Every name, phone and birth date in the example roster."""
    with (EXAMPLES / "roster.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    fields = ("infant_first_name", "infant_last_name", "caregiver_first_name",
              "caregiver_last_name", "phone", "date_of_birth")
    return {row[f] for row in rows for f in fields if row.get(f)}


def counts(url: str) -> dict[str, int]:
    store = open_store(url)
    tables = ("families", "infants", "cohorts", "cohort_members", "sessions", "flags",
              "unplaced", "audit_log")
    with store.engine.connect() as conn:
        found = {name: conn.execute(sa.text(f"SELECT count(*) FROM {name}")).scalar_one()
                 for name in tables}
    store.close()
    return found


@pytest.mark.slow
def test_two_plans_at_once_both_finish_or_one_refuses_and_nothing_leaks(backend_url, tmp_path):
    procs = [subprocess.Popen(plan_command(backend_url, tmp_path / f"out{n}"), cwd=tmp_path,
                              env=child_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for n in (1, 2)]
    results = [(p.wait(timeout=600), *p.communicate()) for p in procs]
    codes = sorted(code for code, _, _ in results)
    assert codes in ([0, 0], [0, 1]), [err[-2000:] for _, _, err in results]
    for code, out, err in results:
        assert "Traceback" not in err
        leaked = {value for value in personal_values() if value in out + err}
        assert leaked == set(), f"output carries roster values: {sorted(leaked)[:3]}"
        if code == 1:
            assert "another groupwcc run" in err
    found = counts(backend_url)
    # The example roster: 44 rows, 2 of them expected babies; its plan: 37 sessions, 5 flags.
    assert (found["infants"], found["sessions"], found["flags"]) == (42, 37, 5)
    assert found["audit_log"] == codes.count(0)
    winners = [tmp_path / f"out{n}" for n, (code, _, _) in zip((1, 2), results, strict=True)
               if code == 0]
    for name in ("cohorts.csv", "sessions.csv", "flags.csv"):
        assert len({(w / name).read_text(encoding="utf-8") for w in winners}) == 1


@pytest.mark.slow
def test_a_held_lock_makes_plan_wait_then_refuse_with_exit_1(backend_url, tmp_path):
    store = open_store(backend_url)
    with store.transaction(lock=True):
        run = subprocess.run(plan_command(backend_url, tmp_path / "out"), cwd=tmp_path,
                             env=child_env(GROUPWCC_LOCK_TIMEOUT="1"), capture_output=True, text=True,
                             timeout=600, check=False)
    store.close()
    assert run.returncode == 1, run.stderr[-2000:]
    assert "waiting for another groupwcc run on this database" in run.stderr
    assert "another groupwcc run is still using this database" in run.stderr
    assert "Traceback" not in run.stderr
    assert counts(backend_url)["infants"] == 0  # it changed nothing


def test_a_database_error_names_no_values(backend_url):
    store = open_store(backend_url)
    infant = make_infant(n=1, first_name="Zephyrina")
    with store.transaction() as conn:
        repo.save_roster(conn, [infant], now=datetime(2026, 11, 23, tzinfo=UTC))
    row = {c.name: None for c in t.infants.columns} | {
        "infant_id": infant.infant_id, "family_id": infant.family_id,
        "first_name": "Zephyrina", "last_name": "Quibbleton", "date_of_birth": date(2026, 3, 1),
        "caregiver_first_name": "Marzipan", "caregiver_last_name": "Quibbleton",
        "site": "main", "language": "en", "group_consent": True, "phone": "555-0199",
        "keep_apart_with": "", "status": "active", "updated_at": "x", "hcv_exposed": False,
        "hbsag_positive_parent": False}
    with pytest.raises(StoreError) as caught, store.transaction(lock=True) as conn:
        conn.execute(sa.insert(t.infants), [row])  # the same id again
    text = f"{caught.value.message} {caught.value.hint}"
    assert "refused a change" in text
    for value in ("Zephyrina", "Quibbleton", "Marzipan", "555-0199", "2026-03-01", "I-0001"):
        assert value not in text
    store.close()


def test_lock_is_free_again_after_a_failed_transaction(backend_url):
    store = open_store(backend_url)
    waits: list[str] = []
    locked = Store(store.engine, on_wait=lambda: waits.append("waited"))
    with pytest.raises(RuntimeError), locked.transaction(lock=True):
        raise RuntimeError("boom")
    with locked.transaction(lock=True) as conn:
        conn.execute(sa.text("SELECT 1"))
    assert waits == []
    store.close()


@pytest.mark.slow
def test_four_processes_record_800_marks_on_postgresql(postgres_url, tmp_path):
    visits = ("m1", "m2", "m4", "m6", "m9", "m12", "m15", "m18", "m24", "m30")
    store = open_store(postgres_url)
    infants, cohorts, sessions = [], [], []
    for c, letter in enumerate("ABCD"):
        cohort = f"MAIN-2026-03-{letter}"
        members = [make_infant(n=c * 20 + n + 1, date_of_birth=date(2026, 3, 1))
                   for n in range(20)]
        infants += members
        cohorts.append(Cohort(cohort_id=cohort, site="main", language="en",
                              infant_ids=tuple(i.infant_id for i in members)))
        for n, visit in enumerate(visits):
            start = datetime(2026, 4, 1, 10, tzinfo=NY) + timedelta(days=7 * n)
            sessions.append(Session(session_id=f"{cohort}-{visit.upper()}", cohort_id=cohort,
                                    visit=visit, start=start, end=start + timedelta(hours=2),
                                    site="main"))
    with store.transaction() as conn:
        repo.save_roster(conn, infants, now=datetime(2026, 5, 10, tzinfo=UTC))
        repo.save_cohort_plan(conn, CohortPlan(cohorts=tuple(cohorts)))
        repo.save_sessions(conn, sessions)
    go = tmp_path / "go"
    workers = [subprocess.Popen(mark_command(postgres_url, f"MAIN-2026-03-{c}", go),
                                cwd=ROOT, env=child_env(),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for c in "ABCD"]
    go.touch()
    results = [w.communicate(timeout=900) for w in workers]
    assert [w.returncode for w in workers] == [0, 0, 0, 0], [err[-1000:] for _, err in results]
    with store.engine.connect() as conn:
        kept = [conn.execute(sa.text(f"SELECT count(*) FROM {name}")).scalar_one()
                for name in ("attendance", "attendance_history", "audit_log")]
        held = conn.execute(sa.text("SELECT count(*) FROM sessions WHERE status = 'held'"))
        assert (kept, held.scalar_one()) == ([800, 800, 800], 40)
    store.close()
