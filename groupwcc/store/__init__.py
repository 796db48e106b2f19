"""State in a database (SQLite by default, any SQLAlchemy URL) through SQLAlchemy 2 Core.

``open_store`` creates or upgrades the schema (Alembic revisions, ``store.migrate``);
``Store.transaction()`` gives one connection in one transaction, so every writing command
commits all or nothing. Repository functions take that connection. SQLAlchemy (and Alembic) are
imported only inside this package.
"""

from groupwcc.store.engine import Store, open_store

__all__ = ["Store", "open_store"]
