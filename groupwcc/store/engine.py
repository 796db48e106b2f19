"""Opening the database: owner-only files, WAL, transactions; migrations in ``migrate``."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from groupwcc.errors import StoreError
from groupwcc.filesystem import PRIVATE_FILE, make_private_dir

if TYPE_CHECKING:
    import sqlite3

    import sqlalchemy as sa

WAITING = "waiting for another groupwcc run on this database…"


def _notice_on_stderr() -> None:
    print(WAITING, file=sys.stderr, flush=True)


class Store:
    """A database handle. Use ``with store.transaction() as conn:`` for every unit of work;
    ``transaction(lock=True)`` for a command that writes (plan, cohorts, sessions, export,
    attendance), so two such runs on one database take turns (``store.locking``)."""

    def __init__(self, engine: sa.Engine, on_wait: Callable[[], None] = _notice_on_stderr
                 ) -> None:
        self.engine = engine
        self.on_wait = on_wait

    @contextmanager
    def transaction(self, *, lock: bool = False) -> Iterator[sa.Connection]:
        """One connection in one transaction: committed on success, rolled back on error.

        With ``lock`` the program lock is taken first (the second run waits, calling
        ``on_wait`` once, up to ``GROUPWCC_LOCK_TIMEOUT`` seconds). A database error becomes a
        ``StoreError`` that never carries the statement or its parameters (personal data)."""
        from groupwcc.store.locking import take_program_lock

        with self.connection() as conn, conn.begin():
            if lock:
                take_program_lock(conn, self.on_wait)
            yield conn

    @contextmanager
    def connection(self) -> Iterator[sa.Connection]:
        """A connection (reads, ``groupwcc db``), with errors mapped as in ``transaction``."""
        import sqlalchemy as sa

        from groupwcc.store.safety import as_store_error, cannot_open

        try:
            conn = self.engine.connect()
        except sa.exc.DBAPIError as error:  # server down, bad login, unreadable file
            raise cannot_open(self.engine, error) from None
        try:
            with conn:
                yield conn
        except sa.exc.SQLAlchemyError as error:
            raise as_store_error(error) from None

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

    path = sqlite_file(url)
    if path is not None:
        _prepare_sqlite_file(path)
    try:
        # hide_parameters: a failed statement's message never carries a roster's values.
        engine = sa.create_engine(url, connect_args=_connect_args(url), hide_parameters=True)
    except Exception as error:  # bad URL or missing driver
        raise StoreError(f"cannot open database {masked(url)!r}: {_first_line(error, url)}",
                         hint="check 'database:' in groupwcc.yaml or --db") from None
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "connect", _sqlite_pragmas)
    return Store(engine)


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL (None for a server database or memory).

    A SQLite URL with query parameters (``?uri=true``, ``?mode=rwc``) or a ``file:`` path is
    refused: SQLite would then create a file other than the one prepared owner-only here
    (a world-readable database, a stray ``file:`` folder or ``name?mode=rwc`` file)."""
    import sqlalchemy as sa

    if not url.startswith("sqlite"):
        return None
    try:
        parsed = sa.engine.make_url(url)
    except Exception:  # not a URL: create_engine reports it
        return None
    if parsed.get_backend_name() != "sqlite":
        return None
    database = parsed.database or ""
    if parsed.query or "?" in database or database.startswith("file:"):
        raise StoreError(f"cannot open database {masked(url)!r}: a SQLite URL may not carry "
                         "options ('?...') or a 'file:' path",
                         hint="give the plain file: sqlite:///path/to/groupwcc.db "
                              "or --db path/to/groupwcc.db")
    if database in ("", ":memory:"):
        return None
    return Path(database)


def _first_line(error: Exception, url: str) -> str:
    """The error's first line with the URL (and so its password) taken out."""
    text = str(error).splitlines()[0] if str(error) else type(error).__name__
    return text.replace(url, masked(url))


# ?password=…, &sslpassword=…, &api_key=…: a query parameter whose name says it is a secret
# (libpq and psycopg accept the password there too)
_SECRET_QUERY = re.compile(r"([?&;][^=&\s'\"#]*(?:pass|secret|token|key)[^=&\s'\"#]*=)"
                           r"[^&;\s'\"#]*", re.IGNORECASE)


def mask_query_secrets(text: str) -> str:
    """``text`` with the value of every secret-looking URL query parameter replaced by ***."""
    return _SECRET_QUERY.sub(r"\1***", text)


def masked(url: str) -> str:
    """``url`` with any password (in the user part or the query) replaced by ***."""
    import sqlalchemy as sa

    try:
        shown = sa.engine.make_url(url).render_as_string(hide_password=True)
    except Exception:  # not a URL at all: nothing to hide but the text itself
        shown = url.split("@")[-1]
    return mask_query_secrets(shown)


def _connect_args(url: str) -> dict[str, object]:
    return {"timeout": 30} if url.startswith("sqlite") else {}


def _prepare_sqlite_file(path: Path) -> None:
    """Create the file owner-only (0600) before SQLite does; folders 0700."""
    if path.exists():
        _require_sqlite_file(path)
        return
    make_private_dir(path.parent)
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, PRIVATE_FILE)
    os.close(fd)


SQLITE_HEADER = b"SQLite format 3\x00"


def _require_sqlite_file(path: Path) -> None:
    """Refuse to open a folder or a file that is not a SQLite database (a text file given to
    ``--db`` or ``db copy --to`` by mistake): SQLite would fail or write into it."""
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a database file",
                         hint="name a database file, e.g. groupwcc.db")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise StoreError(f"cannot read the database {path}: {error.strerror}",
                         hint="check the file's permissions") from None
    if header and header != SQLITE_HEADER:
        raise StoreError(f"{path} exists and is not a SQLite database",
                         hint="name a new file or an existing groupwcc database")


def _sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=30000")
    _wal(cursor)
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _wal(cursor: sqlite3.Cursor, *, seconds: float = 30.0) -> None:
    """Switch a new database to WAL. Switching needs the database to itself and SQLite does
    not wait for it (no busy handler): when two runs open a brand-new database at once, the
    loser is told "database is locked" at once, so try again for a while."""
    import time

    deadline = time.monotonic() + seconds
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)
