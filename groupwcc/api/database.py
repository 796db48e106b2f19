"""``groupwcc db``: upgrade the database schema and show its revision."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from groupwcc.errors import StoreError


@dataclass(frozen=True)
class DatabaseRevision:
    """Where a database stood (``before``) and stands now (``after``); ``shown`` is its URL
    with any password masked."""

    shown: str
    before: str | None
    after: str | None
    head: str


def database_url(config: Path | None, db: str | None) -> str:
    """``--db`` alone needs no configuration (a path or URL); otherwise as every command."""
    from groupwcc.store.engine import sqlite_url

    if db is not None:
        return db if "://" in db else sqlite_url(Path(db).resolve())
    from groupwcc.api.context import load_program

    return load_program(config).db_url


def upgrade_database(url: str) -> DatabaseRevision:
    """Upgrade the existing database at ``url`` to the newest revision this groupwcc knows."""
    from groupwcc.store.engine import connect, masked
    from groupwcc.store.migrate import upgrade

    _require_existing(url)
    store = connect(url)
    try:
        before = upgrade(store.engine)
    finally:
        store.close()
    return DatabaseRevision(masked(url), before.current, before.head, before.head)


def current_revision(url: str) -> DatabaseRevision:
    """Read the revision of the database at ``url`` without changing it."""
    from groupwcc.store.engine import connect, masked
    from groupwcc.store.migrate import revisions

    _require_existing(url)
    store = connect(url)
    try:
        with store.connection() as conn:
            where = revisions(conn)
    finally:
        store.close()
    return DatabaseRevision(masked(url), where.current, where.current, where.head)


def _require_existing(url: str) -> None:
    """A mistyped path should not quietly become a new empty database."""
    from groupwcc.store.engine import sqlite_file

    path = sqlite_file(url)
    if path is not None:
        if not path.is_file():
            raise StoreError(f"no database at {path}",
                             hint="check --db; 'groupwcc plan' creates the database")


@dataclass(frozen=True)
class CopyResult:
    """Rows copied per table, between masked URLs."""

    source: str
    target: str
    rows: dict[str, int]


def copy_database(source_url: str, target_url: str) -> CopyResult:
    """Copy the program at ``source_url`` into the empty database at ``target_url``.

    Both are brought to the newest schema first; the copy is one transaction on the target,
    taken under the program lock of both, so nothing changes the source meanwhile."""
    from groupwcc.store.copy import copy_rows
    from groupwcc.store.engine import masked, open_store

    _require_existing(source_url)
    if source_url == target_url:
        raise StoreError("the source and target are the same database",
                         hint="give --to the URL of a new, empty database")
    source = open_store(source_url)
    try:
        target = open_store(target_url)
        try:
            with source.transaction(lock=True) as read, target.transaction(lock=True) as write:
                rows = copy_rows(read, write)
        finally:
            target.close()
    finally:
        source.close()
    return CopyResult(masked(source_url), masked(target_url), rows)


def grant_site_login(url: str, site: str, login: str) -> str:
    """Give the existing PostgreSQL role ``login`` the rows of ``site`` only; the site role."""
    from groupwcc.store.engine import connect
    from groupwcc.store.postgres import grant_site

    _require_existing(url)
    store = connect(url)
    try:
        with store.transaction(lock=True) as conn:
            return grant_site(conn, site, login)
    finally:
        store.close()
