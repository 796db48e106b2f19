"""The program lock: commands that write take turns on one database.

Two coordinators running ``plan`` at once would otherwise both read the roster tables, both
insert the same new rows, and the loser would die on a constraint error. Every writing command
takes this lock first, inside its transaction, so the lock ends with the transaction (commit,
rollback or a killed process). SQLite: ``BEGIN IMMEDIATE`` (the database write lock).
PostgreSQL: a transaction-level advisory lock, which any login may take (site logins too).
The second run says it is waiting (once), waits up to ``GROUPWCC_LOCK_TIMEOUT`` seconds
(default 300), then stops with a ``StoreError`` (exit 1).
"""

from __future__ import annotations

import os
from collections.abc import Callable

import sqlalchemy as sa

from groupwcc.errors import StoreError

PROGRAM_LOCK_KEY = 0x67776370  # "gwcp"; migrations use their own key (store.migrate)
DEFAULT_TIMEOUT = 300.0


def lock_timeout() -> float:
    """Seconds the second run waits for the lock (``GROUPWCC_LOCK_TIMEOUT``)."""
    raw = os.environ.get("GROUPWCC_LOCK_TIMEOUT", "")
    try:
        value = float(raw) if raw else DEFAULT_TIMEOUT
    except ValueError:
        value = DEFAULT_TIMEOUT
    return max(value, 0.0)


def busy() -> StoreError:
    return StoreError(
        "another groupwcc run is still using this database (plan, attendance, sessions, "
        "cohorts or export); nothing was changed",
        hint="run the command again when the other one has finished "
             "(GROUPWCC_LOCK_TIMEOUT sets how many seconds to wait)")


def take_program_lock(conn: sa.Connection, on_wait: Callable[[], None]) -> None:
    """Take the program lock in ``conn``'s transaction, or raise ``busy()``."""
    if conn.dialect.name == "sqlite":
        _sqlite_lock(conn, on_wait)
    elif conn.dialect.name == "postgresql":
        _postgres_lock(conn, on_wait)


def _sqlite_lock(conn: sa.Connection, on_wait: Callable[[], None]) -> None:
    conn.exec_driver_sql("PRAGMA busy_timeout=0")
    try:
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            return
        except sa.exc.OperationalError:  # "database is locked": someone else writes
            pass
        on_wait()
        conn.exec_driver_sql(f"PRAGMA busy_timeout={int(lock_timeout() * 1000)}")
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        except sa.exc.OperationalError:
            raise busy() from None
    finally:
        conn.exec_driver_sql("PRAGMA busy_timeout=30000")


def _postgres_lock(conn: sa.Connection, on_wait: Callable[[], None]) -> None:
    key = {"key": PROGRAM_LOCK_KEY}
    if conn.execute(sa.text("SELECT pg_try_advisory_xact_lock(:key)"), key).scalar():
        return
    on_wait()
    milliseconds = int(lock_timeout() * 1000)
    conn.exec_driver_sql(f"SET LOCAL lock_timeout = {max(milliseconds, 1)}")
    try:
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), key)
    except sa.exc.OperationalError:  # lock_timeout: the transaction is now aborted
        raise busy() from None
    conn.exec_driver_sql("SET LOCAL lock_timeout = DEFAULT")
