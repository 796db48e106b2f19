"""Opening the database: URL resolution, owner-only files, WAL, migrations, transactions."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from groupwcc.errors import StoreError

if TYPE_CHECKING:
    import sqlalchemy as sa


class Store:
    """A database handle. Use ``with store.transaction() as conn:`` for every unit of work."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    @contextmanager
    def transaction(self) -> Iterator[sa.Connection]:
        """One connection in one transaction: committed on success, rolled back on error."""
        with self.engine.begin() as conn:
            yield conn

    def close(self) -> None:
        self.engine.dispose()


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def open_store(url: str) -> Store:
    """Open (creating if needed) and migrate the database at ``url``."""
    import sqlalchemy as sa

    if url.startswith("sqlite:///"):
        _prepare_sqlite_file(Path(url.removeprefix("sqlite:///")))
    try:
        engine = sa.create_engine(url, connect_args=_connect_args(url))
    except Exception as error:  # bad URL or missing driver
        raise StoreError(f"cannot open database {url!r}: {error}",
                         hint="check 'database:' in groupwcc.yaml or --db") from None
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "connect", _sqlite_pragmas)
    store = Store(engine)
    _migrate(store)
    return store


def _connect_args(url: str) -> dict[str, object]:
    return {"timeout": 30} if url.startswith("sqlite") else {}


def _prepare_sqlite_file(path: Path) -> None:
    """Create the file owner-only (0600) before SQLite does; folders 0700."""
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
    os.close(fd)


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _migrate(store: Store) -> None:
    import sqlalchemy as sa

    from groupwcc.store.schema import SCHEMA_VERSION

    try:
        _apply_migrations(store)
    except sa.exc.OperationalError:
        # Another process may have migrated at the same moment; accept its result.
        with store.transaction() as conn:
            if _schema_version(conn) != SCHEMA_VERSION:
                raise


def _apply_migrations(store: Store) -> None:
    import sqlalchemy as sa

    from groupwcc.store.schema import MIGRATIONS, SCHEMA_VERSION, meta

    with store.transaction() as conn:
        current = _schema_version(conn)
        if current > SCHEMA_VERSION:
            raise StoreError(
                f"the database is from a newer groupwcc (schema {current}, this one knows "
                f"{SCHEMA_VERSION})", hint="upgrade groupwcc")
        for number in range(current, SCHEMA_VERSION):
            MIGRATIONS[number](conn)
        if current != SCHEMA_VERSION:
            conn.execute(sa.delete(meta).where(meta.c.key == "schema_version"))
            conn.execute(sa.insert(meta).values(key="schema_version", value=str(SCHEMA_VERSION)))


def _schema_version(conn: sa.Connection) -> int:
    import sqlalchemy as sa

    if not sa.inspect(conn).has_table("meta"):
        return 0
    row = conn.execute(sa.text("SELECT value FROM meta WHERE key = 'schema_version'")).first()
    return int(row[0]) if row else 0
