"""Copy every table of one groupwcc database into another (``groupwcc db copy``).

Used to move a program from its SQLite file onto a shared PostgreSQL server. Both databases
are at the head revision first; the target must hold no program data (its ``meta`` rows, which
the migrations write, are replaced by the source's, so the program key that names calendar UIDs
survives). Rows go in foreign-key order in one target transaction, then PostgreSQL's id
sequences are moved past the copied ids.
"""

from __future__ import annotations

from collections.abc import Iterator

import sqlalchemy as sa

from groupwcc.errors import StoreError
from groupwcc.store.schema import meta, metadata

BATCH = 1000


def copy_rows(source: sa.Connection, target: sa.Connection) -> dict[str, int]:
    """Copy all rows from ``source`` to ``target``; rows per table."""
    _require_empty(target)
    target.execute(sa.delete(meta))
    copied: dict[str, int] = {}
    for table in metadata.sorted_tables:
        copied[table.name] = 0
        for batch in _batches(source, table):
            target.execute(sa.insert(table), batch)
            copied[table.name] += len(batch)
    if target.dialect.name == "postgresql":
        _advance_sequences(target)
    return copied


def _require_empty(target: sa.Connection) -> None:
    full = [table.name for table in metadata.sorted_tables if table is not meta
            and target.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()]
    if full:
        raise StoreError(f"the target database already holds groupwcc data ({', '.join(full)})",
                         hint="copy into a new, empty database (createdb), never over one in use")


def _batches(source: sa.Connection, table: sa.Table) -> Iterator[list[dict[str, object]]]:
    key = list(table.primary_key.columns) or list(table.columns)
    result = source.execute(sa.select(table).order_by(*key)).mappings()
    while rows := result.fetchmany(BATCH):
        yield [dict(row) for row in rows]


def _advance_sequences(target: sa.Connection) -> None:
    """Integer ``id`` columns: the next generated id follows the copied ones."""
    for table in metadata.sorted_tables:
        column = table.c.get("id")
        if column is None or not column.autoincrement:
            continue
        target.execute(sa.text(
            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
            f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"))
