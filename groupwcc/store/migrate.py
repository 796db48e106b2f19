"""Schema migrations with Alembic: bring a database to the head revision.

The revisions live in ``groupwcc/store/migrations/versions`` (shipped in the wheel). A new
database is created by running them; a database from groupwcc 0.1 (a ``meta`` table with
``schema_version`` 1 and no ``alembic_version``) is checked against revision 0001, stamped with
it, then upgraded. The whole upgrade holds a lock (SQLite ``BEGIN IMMEDIATE``, a PostgreSQL
advisory lock), so two processes opening a new database at once queue up instead of both
creating tables.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa

from groupwcc.errors import StoreError

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# ``revision = "0003"`` / ``down_revision: str | None = '0002'`` as Alembic writes them.
_REVISION = re.compile(r"""^revision(?:: *[\w |]+)? *= *["'](\w+)["']""", re.M)
_DOWN = re.compile(r"""^down_revision(?:: *[\w |\[\],]+)? *= *["'](\w+)["']""", re.M)
_PG_LOCK_KEY = 0x67776363  # "gwcc": any fixed number shared by every groupwcc
# Alembic keeps the running migration in module globals (``op``, ``context``): one at a time.
_ALEMBIC = threading.Lock()
LEGACY = "v1 (before Alembic)"  # how a pre-Alembic database's revision is shown


@dataclass(frozen=True)
class Revisions:
    """Where a database stands: ``current`` (None when empty, ``LEGACY``) and ``head``."""

    current: str | None
    head: str

    @property
    def at_head(self) -> bool:
        return self.current == self.head


def alembic_config(connection: sa.Connection | None = None) -> Config:
    """An Alembic config pointing into the package; with ``connection``, env.py uses it."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@cache
def _script() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    """The newest revision this groupwcc knows.

    Read from the revision files' ``revision``/``down_revision`` lines rather than through
    Alembic, whose import costs about 0.25 s that every command would pay just to learn that
    the database is current (tests/store/test_migrations.py checks it agrees with Alembic).
    """
    return _heads_from_files()


@cache
def _heads_from_files() -> str:
    revs: set[str] = set()
    downs: set[str] = set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        revs.update(_REVISION.findall(text))
        downs.update(_DOWN.findall(text))
    heads = sorted(revs - downs)
    if len(heads) != 1:
        raise StoreError(f"the packaged migrations have {len(heads)} heads ({heads})",
                         hint="this is a packaging bug: reinstall groupwcc")
    return heads[0]


def revisions(conn: sa.Connection) -> Revisions:
    """Read where the database stands, without changing it."""
    return Revisions(_current(conn), head_revision())


def _current(conn: sa.Connection) -> str | None:
    tables = set(sa.inspect(conn).get_table_names())
    if "alembic_version" in tables:
        row = conn.execute(sa.text("SELECT version_num FROM alembic_version")).first()
        return str(row[0]) if row else None
    if "meta" in tables:
        return LEGACY
    return None


def upgrade(engine: sa.Engine) -> Revisions:
    """Upgrade to head; returns the revision before (``current``) and after (``head``)."""
    try:
        with engine.connect() as conn:
            before = revisions(conn)
            conn.rollback()
    except sa.exc.OperationalError as error:  # server down, bad login, unreadable file
        from groupwcc.store.safety import cannot_open

        raise cannot_open(engine, error) from None
    _refuse_unknown(before)
    if before.at_head:
        return before
    try:
        with engine.begin() as conn:
            _lock(conn)
            before = revisions(conn)  # again, under the lock: another process may have won
            _refuse_unknown(before)
            if not before.at_head:
                _run(conn, before.current)
    except sa.exc.OperationalError as error:  # e.g. still locked after the busy timeout
        with engine.connect() as conn:
            if revisions(conn).at_head:  # another process finished the upgrade meanwhile
                return before
        raise StoreError(f"could not upgrade the database: {_reason(error)}",
                         hint="another groupwcc may be using it; try again when it has finished"
                         ) from None
    except sa.exc.SQLAlchemyError as error:  # e.g. a site login may not change the schema
        from groupwcc.store.safety import as_store_error

        raise as_store_error(error) from None
    return before


def _reason(error: sa.exc.DBAPIError) -> str:
    """The driver's own first line (never the SQL or its parameters)."""
    text = str(error.orig).strip() if error.orig is not None else ""
    return text.splitlines()[0] if text else type(error).__name__


def _lock(conn: sa.Connection) -> None:
    """Serialise upgrades: the second process waits, then finds the database at head."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    elif conn.dialect.name == "postgresql":  # released when this transaction ends
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})


def _refuse_unknown(where: Revisions) -> None:
    current = where.current
    if current is None or current == LEGACY or current == where.head:
        return
    from alembic.util import CommandError

    try:
        known = _script().get_revision(current) is not None
    except CommandError:  # what Alembic raises for an id it cannot find
        known = False
    if not known:
        raise StoreError(
            f"the database is at schema revision {current}, newer than this groupwcc knows "
            f"(its newest is {where.head})",
            hint="upgrade groupwcc (pip install -U groupwcc) before using this database")


def _run(conn: sa.Connection, current: str | None) -> None:
    from alembic import command

    config = alembic_config(conn)
    if current == LEGACY:
        _check_legacy(conn)
    with _ALEMBIC:
        if current == LEGACY:
            command.stamp(config, "0001")
        command.upgrade(config, "head")


def _check_legacy(conn: sa.Connection) -> None:
    """Refuse a pre-Alembic database unless it says version 1 and its tables are v1's."""
    row = conn.execute(sa.text("SELECT value FROM meta WHERE key = 'schema_version'")).first()
    version = row[0] if row else None
    if version != "1":
        raise StoreError(f"the database says schema version {version!r}; groupwcc can upgrade "
                         "only version 1 databases made before Alembic",
                         hint="check that --db points at a groupwcc database")
    expected, found = v1_tables(), _columns(conn)
    missing = sorted(t for t, cols in expected.items() if cols != found.get(t))
    if missing:
        raise StoreError(f"the database says schema version 1 but its tables differ from v1: "
                         f"{', '.join(missing)}",
                         hint="restore a backup, or ask for help before using this database")


@cache
def v1_tables() -> dict[str, set[str]]:
    """Table → column names that revision 0001 creates (run on an in-memory SQLite)."""
    from alembic import command

    engine = sa.create_engine("sqlite://")
    with engine.begin() as conn, _ALEMBIC:
        command.upgrade(alembic_config(conn), "0001")
        tables = _columns(conn)
    engine.dispose()
    tables.pop("alembic_version", None)
    return tables


def _columns(conn: sa.Connection) -> dict[str, set[str]]:
    inspector = sa.inspect(conn)
    return {t: {c["name"] for c in inspector.get_columns(t)} for t in inspector.get_table_names()}
