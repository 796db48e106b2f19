"""``groupwcc db upgrade`` and ``groupwcc db current`` through the CLI, as the console script
runs them (exit codes, messages)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from console import run_console_joined as _run  # undoes rich's wrapping

from groupwcc.store.migrate import head_revision

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "db" / "v1-example.db"
HEAD = head_revision()


def _version(path: Path) -> str:
    with sqlite3.connect(path) as db:
        return str(db.execute("SELECT version_num FROM alembic_version").fetchone()[0])


def test_upgrade_a_previous_release_database_then_nothing_to_do(tmp_path, capsys):
    db = tmp_path / "groupwcc.db"
    shutil.copyfile(FIXTURE, db)
    code, out = _run(capsys, "db", "current", "--db", str(db))
    assert code == 0
    assert f"revision v1 (before Alembic); newest {HEAD} (run 'groupwcc db upgrade')" in out

    code, out = _run(capsys, "db", "upgrade", "--db", str(db))
    assert code == 0, out
    assert f"sqlite:///{db}: upgraded from revision v1 (before Alembic) to {HEAD}." in out
    assert _version(db) == HEAD

    code, out = _run(capsys, "db", "upgrade", "--db", str(db))
    assert (code, out) == (0, f"sqlite:///{db}: already at revision {HEAD} (newest).")
    code, out = _run(capsys, "db", "current", "--db", str(db))
    assert (code, out) == (0, f"sqlite:///{db}: revision {HEAD}; newest {HEAD} (up to date).")


def test_upgrade_finds_the_database_through_the_config(tmp_path, capsys):
    shutil.copy(ROOT / "examples" / "groupwcc.yaml", tmp_path / "groupwcc.yaml")
    shutil.copyfile(FIXTURE, tmp_path / "groupwcc.db")
    code, out = _run(capsys, "db", "upgrade", "--config", str(tmp_path / "groupwcc.yaml"))
    assert code == 0, out
    assert _version(tmp_path / "groupwcc.db") == HEAD


def test_database_from_a_newer_groupwcc_exits_1(tmp_path, capsys):
    db = tmp_path / "groupwcc.db"
    shutil.copyfile(FIXTURE, db)
    assert _run(capsys, "db", "upgrade", "--db", str(db))[0] == 0
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099'")
    code, out = _run(capsys, "db", "upgrade", "--db", str(db))
    assert code == 1
    assert "Error: the database is at schema revision 0099, newer than this groupwcc" in out
    assert "Hint: upgrade groupwcc" in out
    assert _version(db) == "0099"


def test_missing_database_is_not_created(tmp_path, capsys):
    code, out = _run(capsys, "db", "upgrade", "--db", str(tmp_path / "typo.db"))
    assert code == 1
    assert f"Error: no database at {tmp_path / 'typo.db'}" in out
    assert not (tmp_path / "typo.db").exists()


def test_password_in_url_is_never_shown(capsys):
    code, out = _run(capsys, "db", "current", "--db", "nosuchdriver://clerk:s3cret@host/db")
    assert code == 1
    assert "clerk:***@host" in out and "s3cret" not in out


def test_a_planned_database_has_alembic_version(tmp_path, capsys):
    for name in ("groupwcc.yaml", "roster.csv"):
        shutil.copy(ROOT / "examples" / name, tmp_path / name)
    code, out = _run(capsys, "plan", str(tmp_path / "roster.csv"), "--config",
                     str(tmp_path / "groupwcc.yaml"), "--out", str(tmp_path / "out"),
                     "--today", "2026-11-23", "--no-pdf")
    assert code == 0, out
    assert _version(tmp_path / "groupwcc.db") == HEAD
