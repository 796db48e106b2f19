"""The example plans identically on SQLite and PostgreSQL, and `groupwcc db copy` moves an
SQLite program onto PostgreSQL with every table's rows equal (the program key included)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from pg_server import child_env, plan_command

from groupwcc.errors import StoreError
from groupwcc.store.schema import metadata

ROOT = Path(__file__).resolve().parents[2]
# Compared table by table; ids and timestamps of the audit log and ledger differ by run.
PLAN_TABLES = ("families", "infants", "cohorts", "cohort_members", "unplaced", "sessions")


def _rows(url: str, tables: tuple[str, ...]) -> dict[str, list[tuple[object, ...]]]:
    engine = sa.create_engine(url)
    found = {}
    with engine.connect() as conn:
        for name in tables:
            table = metadata.tables[name]
            key = list(table.primary_key.columns)
            rows = conn.execute(sa.select(table).order_by(*key)).all()
            found[name] = [tuple(row) for row in rows]
    engine.dispose()
    return found


def _plan(url: str, out: Path) -> None:
    run = subprocess.run(plan_command(url, out), capture_output=True, text=True, check=False,
                         env=child_env(), timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.suffix != ".xlsx"}  # xlsx: zip timestamps differ


def _flags(url: str) -> list[tuple[object, ...]]:
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        flags = metadata.tables["flags"]
        rows = conn.execute(sa.select(flags.c.infant_id, flags.c.session_id, flags.c.reason,
                                      flags.c.suggest_from, flags.c.suggest_to)
                            .order_by(flags.c.infant_id, flags.c.session_id))
        found = [tuple(r) for r in rows]
    engine.dispose()
    return found


@pytest.mark.slow
def test_example_plans_identically_on_sqlite_and_postgresql(postgres_url, tmp_path):
    lite = f"sqlite:///{tmp_path / 'g.db'}"
    _plan(lite, tmp_path / "lite")
    _plan(postgres_url, tmp_path / "pg")
    lite_files, pg_files = _files(tmp_path / "lite"), _files(tmp_path / "pg")
    assert any(name.endswith(".ics") for name in lite_files)
    assert lite_files.keys() == pg_files.keys()
    assert [n for n in lite_files if lite_files[n] != pg_files[n]] == []
    assert _rows(lite, PLAN_TABLES) == _rows(postgres_url, PLAN_TABLES)
    assert _flags(lite) == _flags(postgres_url) and len(_flags(lite)) == 5


@pytest.mark.slow
def test_db_copy_moves_every_row_and_the_program_key(postgres_url, tmp_path):
    from groupwcc.api.database import copy_database

    lite = f"sqlite:///{tmp_path / 'g.db'}"
    _plan(lite, tmp_path / "lite")
    result = copy_database(lite, postgres_url)
    every = tuple(table.name for table in metadata.sorted_tables)
    before, after = _rows(lite, every), _rows(postgres_url, every)
    assert before == after
    assert before["infants"] and before["sessions"] and before["audit_log"]
    assert result.rows["infants"] == len(before["infants"]) == 42
    assert dict(before["meta"]).get("program_key")  # the calendar UID namespace came along
    assert "test-only-Secret-42" not in result.target
    with pytest.raises(StoreError, match="already holds groupwcc data"):
        copy_database(lite, postgres_url)
    # Planning again on the copy changes no session, and new audit ids follow the copied ones.
    _plan(postgres_url, tmp_path / "again")
    assert _rows(postgres_url, ("sessions",)) == _rows(lite, ("sessions",))
    assert len(_rows(postgres_url, ("audit_log",))["audit_log"]) == len(before["audit_log"]) + 1


def test_db_copy_command_masks_the_password(postgres_url, tmp_path):
    lite = tmp_path / "g.db"
    env = child_env()
    command = [sys.executable, "-m", "groupwcc", "db"]
    from groupwcc.store import open_store

    open_store(f"sqlite:///{lite}").close()
    run = subprocess.run([*command, "copy", "--db", str(lite), "--to", postgres_url],
                         capture_output=True, text=True, env=env, check=False, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "Copied" in run.stdout and "***" in run.stdout
    assert "test-only-Secret-42" not in run.stdout + run.stderr
