"""Opening the database: owner-only files, WAL, transactions; migrations in ``migrate``."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from groupwcc.errors import StoreError

if TYPE_CHECKING:
    import sqlite3

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
    """Open (creating if needed) the database at ``url`` and upgrade it to the head revision."""
    from groupwcc.store.migrate import upgrade

    store = connect(url)
    try:
        upgrade(store.engine)
    except BaseException:
        store.close()
        raise
    return store


def connect(url: str) -> Store:
    """Open the database at ``url`` as it is, without migrating (``groupwcc db``)."""
    import sqlalchemy as sa

    if url.startswith("sqlite:///"):
        _prepare_sqlite_file(Path(url.removeprefix("sqlite:///")))
    try:
        engine = sa.create_engine(url, connect_args=_connect_args(url))
    except Exception as error:  # bad URL or missing driver
        raise StoreError(f"cannot open database {masked(url)!r}: {error}",
                         hint="check 'database:' in groupwcc.yaml or --db") from None
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "connect", _sqlite_pragmas)
    return Store(engine)


def masked(url: str) -> str:
    """``url`` with any password replaced by ***, for messages."""
    import sqlalchemy as sa

    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except Exception:  # not a URL at all: nothing to hide but the text itself
        return url.split("@")[-1]


def _connect_args(url: str) -> dict[str, object]:
    return {"timeout": 30} if url.startswith("sqlite") else {}


def _prepare_sqlite_file(path: Path) -> None:
    """Create the file owner-only (0600) before SQLite does; folders 0700."""
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
    os.close(fd)


def _sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
