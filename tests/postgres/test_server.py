"""The shared backend fixture itself: both backends open, migrate and round-trip a row."""

from __future__ import annotations

import sqlalchemy as sa

from groupwcc.store import open_store
from groupwcc.store.migrate import head_revision


def test_every_backend_opens_at_head(backend_url: str) -> None:
    store = open_store(backend_url)
    with store.transaction(lock=True) as conn:
        conn.execute(sa.text("INSERT INTO meta (key, value) VALUES ('probe', 'x')"))
    with store.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() == \
            head_revision()
        assert conn.execute(sa.text("SELECT value FROM meta WHERE key='probe'")).scalar() == "x"
    store.close()
