"""The SQLite database file of a program: owner-only, never created by a command that only
reads, and removed again when the run that created it fails before saving anything.

(``store/engine.py`` creates a new file 0600; this module also repairs the mode of an existing
file and its ``-wal``/``-shm`` companions, which older versions or other tools may have left
world-readable.)
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from groupwcc.errors import StoreError
from groupwcc.filesystem import PRIVATE_FILE

if TYPE_CHECKING:
    from groupwcc.store import Store

COMPANIONS = ("", "-wal", "-shm", "-journal")
# Databases this process created, with their store: removed if the run fails (see below).
_created: dict[Path, Store | None] = {}


def sqlite_path(url: str) -> Path | None:
    """The file of a ``sqlite:///PATH`` URL, or None for a server database or memory."""
    from groupwcc.store.engine import sqlite_file

    return sqlite_file(url)


def open_program_store(url: str, *, create: bool) -> Store:
    """Open (and upgrade) the store at ``url``; for a SQLite file refuse a folder, refuse a
    missing file unless ``create``, and make the file and its companions owner-only."""
    from groupwcc.store import open_store

    path = sqlite_path(url)
    if path is None:
        return open_store(url)
    if path.is_dir():
        raise StoreError(f"--db {path} is a folder, not a database file",
                         hint="name a file, e.g. --db groupwcc.db")
    new = not path.exists()
    if new:
        if not create:
            raise StoreError(f"no database at {path}",
                             hint="check --db (or 'database:' in groupwcc.yaml); "
                                  "'groupwcc plan' creates the database")
        _make_parents(path.parent)
        _created[path] = None
    store = open_store(url)
    if new:
        _created[path] = store
    make_owner_only(path)
    return store


def make_owner_only(path: Path) -> None:
    """chmod 0600 the database and its companions when anyone but the owner may read them."""
    for suffix in COMPANIONS:
        companion = Path(f"{path}{suffix}")
        try:
            info = companion.stat()
            if info.st_uid == os.getuid() and stat.S_IMODE(info.st_mode) & 0o077:
                companion.chmod(PRIVATE_FILE)
        except OSError:  # absent, or not ours to change
            continue


def discard_new_databases() -> None:
    """After a failed run: remove each database this process created if nothing was saved in
    it (no audit entry, no infant), so a mistake leaves no empty database behind."""
    for path, store in list(_created.items()):
        if store is not None:
            store.close()
        if _is_empty(path):
            for suffix in COMPANIONS:
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        del _created[path]


def _is_empty(path: Path) -> bool:
    import sqlite3

    if not path.exists():
        return False
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            return all(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] == 0  # noqa: S608
                       for t in ("audit_log", "infants", "families") if t in tables)
    except sqlite3.Error:
        return False


def _make_parents(folder: Path) -> None:
    from groupwcc.filesystem import make_private_dir

    try:
        make_private_dir(folder)
    except OSError as error:
        raise StoreError(f"cannot create the folder {folder} for the database: "
                         f"{error.strerror}", hint="check --db") from None
