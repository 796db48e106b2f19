import os
import stat
from datetime import UTC, date, datetime, timedelta, timezone

import sqlalchemy as sa
from factories import make_infant

from groupwcc.models import Cohort, CohortPlan, Session, UnplacedInfant
from groupwcc.store import open_store, repo
from groupwcc.store.audit import load_audit, record_audit
from groupwcc.store.ledger import (
    append_entries,
    confirm_import,
    confirmed_through,
    load_ledger,
    program_key,
)
from groupwcc.store.migrate import head_revision

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def _store(tmp_path):
    return open_store(f"sqlite:///{tmp_path / 'g.db'}")


def test_database_file_is_owner_only_and_versioned(tmp_path):
    store = _store(tmp_path)
    mode = stat.S_IMODE(os.stat(tmp_path / "g.db").st_mode)
    assert mode == 0o600
    with store.transaction() as conn:
        version = conn.execute(sa.text("SELECT version_num FROM alembic_version"))
        assert version.scalar() == head_revision()
    # Opening again does not migrate twice or fail.
    assert open_store(f"sqlite:///{tmp_path / 'g.db'}") is not None


def test_sqlite_runs_in_wal_mode(tmp_path):
    store = _store(tmp_path)
    with store.transaction() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_import_twice_changes_nothing_then_updates_and_deactivates(backend_url):
    store = open_store(backend_url)
    roster = [make_infant(n=1), make_infant(n=2, keep_apart_with=("F-0001",))]
    with store.transaction() as conn:
        first = repo.save_roster(conn, roster, now=NOW)
    with store.transaction() as conn:
        second = repo.save_roster(conn, roster, now=NOW)
    assert (first.added, first.updated, first.unchanged) == (2, 0, 0)
    assert (second.added, second.updated, second.unchanged, second.deactivated) == (0, 0, 2, 0)

    changed = [make_infant(n=1, first_name="Renamed")]
    with store.transaction() as conn:
        third = repo.save_roster(conn, changed, now=NOW)
        infants = {i.infant_id: i for i in repo.load_infants(conn)}
    assert (third.updated, third.deactivated) == (1, 1)
    assert infants["I-0001"].first_name == "Renamed"
    assert infants["I-0002"].status == "inactive"  # kept, never deleted
    assert infants["I-0002"].keep_apart_with == ("F-0001",)


def test_failed_transaction_leaves_database_unchanged(backend_url):
    store = open_store(backend_url)
    try:
        with store.transaction() as conn:
            repo.save_roster(conn, [make_infant(n=1)], now=NOW)
            raise RuntimeError("crash in the middle")
    except RuntimeError:
        pass
    with store.transaction() as conn:
        assert repo.load_infants(conn) == []


def test_cohorts_sessions_and_unplaced_round_trip(backend_url):
    store = open_store(backend_url)
    start = datetime(2026, 12, 1, 10, 0, tzinfo=timezone(timedelta(hours=-5)))
    session = Session(session_id="MAIN-2026-10-A-M2", cohort_id="MAIN-2026-10-A", visit="m2",
                      start=start, end=start + timedelta(hours=2), site="main",
                      room="Group Room A", facilitators=("nurse", "coach"))
    plan = CohortPlan(cohorts=(Cohort(cohort_id="MAIN-2026-10-A", site="main", language="en",
                                      slot_id="main-tue-1000-Group Room A",
                                      infant_ids=("I-0002", "I-0001"), created_on=date(2026, 11, 1)),),
                      unplaced=(UnplacedInfant(infant_id="I-0003", status="forming",
                                               reason="waiting", start_by=date(2027, 1, 1)),))
    with store.transaction() as conn:
        repo.save_roster(conn, [make_infant(n=n) for n in (1, 2, 3)], now=NOW)
        repo.save_cohort_plan(conn, plan)
        repo.save_sessions(conn, [session])
    with store.transaction() as conn:
        assert repo.load_cohorts(conn) == list(plan.cohorts)  # member order kept
        assert repo.load_unplaced(conn) == list(plan.unplaced)
        assert repo.load_sessions(conn) == [session]
        assert repo.get_session(conn, "NOPE") is None


def test_audit_log_holds_counts_not_contents(backend_url):
    store = open_store(backend_url)
    with store.transaction() as conn:
        record_audit(conn, "plan", at=NOW, counts={"infants_added": 3}, outputs=["out/x.csv"])
        entries = load_audit(conn)
    assert [(e.command, e.counts, e.outputs) for e in entries] == [
        ("plan", {"infants_added": 3}, ["out/x.csv"])]
    assert entries[0].os_user


def test_ledger_round_trip_confirmation_and_program_key(backend_url):
    from groupwcc.models.ledger import LedgerEntry

    store = open_store(backend_url)
    start = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)
    entry = LedgerEntry(1, "e1", NOW, "S-1", start, start + timedelta(hours=2), "Room A",
                        "scheduled", 0)
    with store.transaction() as conn:
        key = program_key(conn)
        assert len(key) == 16 and program_key(conn) == key  # made once, then kept
        assert confirmed_through(conn) == (0, None)
        append_entries(conn, [entry])
        [loaded] = load_ledger(conn)
        assert confirm_import(conn, at=NOW) == loaded.id
        assert confirmed_through(conn) == (loaded.id, NOW)
    assert (loaded.session_id, loaded.start, loaded.location) == ("S-1", start, "Room A")


def test_a_database_that_exported_before_program_keys_keeps_its_uids(backend_url):
    from groupwcc.models.ledger import LedgerEntry

    store = open_store(backend_url)
    start = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)
    with store.transaction() as conn:
        append_entries(conn, [LedgerEntry(1, "e1", NOW, "S-1", start, start, "", "scheduled",
                                          0)])
        assert program_key(conn) == ""


def test_every_table_has_a_site_rule_for_postgresql():
    """A new table must say how a site coordinator's login may see it (store/postgres.py),
    or a site login could read every site's rows (or plan would fail on a missing grant)."""
    from groupwcc.store import schema
    from groupwcc.store.postgres import APPEND_ONLY, POLICIES, READ_ONLY

    ruled = set(POLICIES) | set(APPEND_ONLY) | set(READ_ONLY)
    assert set(schema.metadata.tables) - ruled == set()
