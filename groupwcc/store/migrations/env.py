"""Alembic environment for groupwcc's store.

groupwcc runs migrations itself (``groupwcc.store.migrate``) and hands over an open connection in
``config.attributes["connection"]``; the ``alembic`` command line (developers, see
docs/architecture.md "Database") passes a URL with ``-x db=URL`` or ``sqlalchemy.url``.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import context

from groupwcc.store.schema import metadata

config = context.config


def _url() -> str:
    url = context.get_x_argument(as_dictionary=True).get("db") or config.get_main_option(
        "sqlalchemy.url")
    if not url:
        raise SystemExit("give the database: alembic -x db=sqlite:///path/to/groupwcc.db ...")
    return url


def _configure(**kwargs: Any) -> None:
    # Batch mode lets ALTERs work on SQLite (copy-and-move) and stays plain ALTER elsewhere,
    # so one revision serves SQLite and PostgreSQL.
    context.configure(target_metadata=metadata, render_as_batch=True, compare_type=True,
                      **kwargs)


def run_offline() -> None:
    _configure(url=_url(), literal_binds=True, dialect_opts={"paramstyle": "named"})
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection=connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = sa.create_engine(_url())
    with engine.begin() as conn:
        _configure(connection=conn)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
