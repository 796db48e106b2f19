"""Alembic migrations: the head revision creates exactly ``schema.metadata``, revision 0001 is
the frozen v1 of groupwcc 0.1, and a database written by 0.1 upgrades with every row kept."""

from __future__ import annotations

import ast
import shutil
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from pg_server import open_in_processes

from groupwcc.errors import StoreError
from groupwcc.store import open_store, repo
from groupwcc.store.engine import connect
from groupwcc.store.migrate import (
    LEGACY,
    MIGRATIONS_DIR,
    _script,
    alembic_config,
    head_revision,
    revisions,
    upgrade,
)
from groupwcc.store.schema import metadata

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "db" / "v1-example.db"
# Rows in the fixture, counted by hand with sqlite3 when it was made (see its README).
V1_COUNTS = {"attendance": 2, "attendance_history": 3, "audit_log": 7, "cohort_members": 31,
             "cohorts": 6, "export_ledger": 74, "families": 41, "flags": 5,
             "individual_visits": 1, "infants": 42, "meta": 1, "sessions": 37, "unplaced": 11}


def _counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as db:
        names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {n: db.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}


def _ddl(path: Path) -> dict[str, str]:
    """name → CREATE statement of every table and index (what SQLite itself stores)."""
    with sqlite3.connect(path) as db:
        return dict(db.execute("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL "
                               "AND name != 'alembic_version'").fetchall())


def _v1_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "old.db"
    shutil.copyfile(FIXTURE, copy)
    return copy


def test_head_revision_creates_exactly_the_live_tables(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'new.db'}")
    with store.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), metadata)
        assert diffs == []
        assert revisions(conn).current == head_revision()


def test_the_comparison_can_fail(tmp_path):
    # The drift test above must notice a column the revisions do not create.
    store = open_store(f"sqlite:///{tmp_path / 'new.db'}")
    changed = sa.MetaData()
    for table in metadata.sorted_tables:
        table.to_metadata(changed)
    changed.tables["flags"].append_column(sa.Column("not_in_any_revision", sa.String(16)))
    with store.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), changed)
    assert [(d[0], d[2], d[3].name) for d in diffs] == [("add_column", "flags", "not_in_any_revision")]


def test_head_read_from_files_agrees_with_alembic():
    assert head_revision() == _script().get_current_head()
    assert [r.revision for r in _script().walk_revisions()][-2:] == ["0002", "0001"]


def test_revision_0001_is_frozen_explicit_ddl():
    source = (MIGRATIONS_DIR / "versions" / "0001_v1.py").read_text(encoding="utf-8")
    imported = {alias.name if isinstance(node, ast.Import) else node.module
                for node in ast.walk(ast.parse(source))
                if isinstance(node, ast.Import | ast.ImportFrom)
                for alias in node.names}
    assert imported <= {"__future__", "sqlalchemy", "alembic"}, imported
    assert "create_all(" not in source
    assert source.count("op.create_table(") == len(V1_COUNTS)


def test_revision_0001_is_what_the_previous_release_created(tmp_path):
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'v1.db'}")
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0001")
    engine.dispose()
    assert _ddl(tmp_path / "v1.db") == _ddl(FIXTURE)


def test_previous_release_database_upgrades_and_keeps_every_row(tmp_path):
    old = _v1_copy(tmp_path)
    assert _counts(old) == V1_COUNTS
    store = open_store(f"sqlite:///{old}")
    with store.transaction() as conn:
        assert revisions(conn).current == head_revision()
        assert conn.execute(sa.text("SELECT value FROM meta WHERE key='schema_version'")
                            ).scalar() == "2"  # groupwcc 0.1 now refuses this database
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []
        infants = repo.load_infants(conn)
        sessions = repo.load_sessions(conn)
    store.close()
    after = _counts(old)
    added = {n for n in after if n not in V1_COUNTS and n != "alembic_version"}
    assert all(after.pop(n) == 0 for n in added)  # later revisions' tables start empty
    assert after == {**V1_COUNTS, "alembic_version": 1}
    assert len(infants) == 42 and len(sessions) == 37
    moved = next(s for s in sessions if s.session_id == "EAST-2026-06-A-M9")
    assert (moved.start.date().isoformat(), moved.revision, moved.locked) == ("2027-03-17", 1,
                                                                              True)


def test_upgrade_reports_from_and_to(tmp_path):
    store = connect(f"sqlite:///{_v1_copy(tmp_path)}")
    first = upgrade(store.engine)
    again = upgrade(store.engine)
    assert (first.current, first.head) == (LEGACY, head_revision())
    assert (again.current, again.head) == (head_revision(), head_revision())


def test_database_from_a_newer_groupwcc_is_refused(tmp_path):
    path = tmp_path / "g.db"
    open_store(f"sqlite:///{path}").close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE alembic_version SET version_num = '0099'")
    with pytest.raises(StoreError, match="0099, newer than this groupwcc"):
        open_store(f"sqlite:///{path}")


def test_pre_alembic_database_that_is_not_v1_is_refused(tmp_path):
    old = _v1_copy(tmp_path)
    with sqlite3.connect(old) as db:
        db.execute("ALTER TABLE flags ADD COLUMN severity TEXT")
    with pytest.raises(StoreError, match="differ from v1: flags"):
        open_store(f"sqlite:///{old}")
    with sqlite3.connect(old) as db:  # refused means untouched
        assert db.execute("SELECT count(*) FROM sqlite_master WHERE name='alembic_version'"
                          ).fetchone() == (0,)


def test_two_openers_of_a_new_database_both_succeed(tmp_path):
    url = f"sqlite:///{tmp_path / 'g.db'}"
    assert open_in_processes(url, 3) == [(0, "")] * 3
    assert _counts(tmp_path / "g.db")["alembic_version"] == 1


def test_upgrade_blocked_by_another_writer_is_a_user_error(tmp_path, monkeypatch):
    from groupwcc.store import engine as engine_module

    def quick_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.execute("PRAGMA busy_timeout=100")  # not 30 s: the test waits for it

    monkeypatch.setattr(engine_module, "_sqlite_pragmas", quick_pragmas)
    old = _v1_copy(tmp_path)
    writer = sqlite3.connect(old, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # another coordinator in the middle of a write
    try:
        with pytest.raises(StoreError, match="could not upgrade the database: database is locked"):
            open_store(f"sqlite:///{old}")
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert _counts(old) == V1_COUNTS  # nothing changed; the next open upgrades it
    open_store(f"sqlite:///{old}").close()
    after = _counts(old)
    added = {n for n in after if n not in V1_COUNTS and n != "alembic_version"}
    assert all(after.pop(n) == 0 for n in added)  # later revisions' tables start empty
    assert after == {**V1_COUNTS, "alembic_version": 1}
