"""Mark the database as managed by Alembic, so groupwcc 0.1 refuses it.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30

groupwcc 0.1 reads ``meta.schema_version`` and refuses a number above 1 ("the database is from a
newer groupwcc"). Without this row an old install would open an upgraded database and write to
tables it does not understand. The Alembic revision (``alembic_version``) is the version from
here on; this row only keeps old releases out. Frozen: never edit, add a new revision.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_meta = sa.table("meta", sa.column("key", sa.String), sa.column("value", sa.Text))


def upgrade() -> None:
    op.execute(sa.delete(_meta).where(_meta.c.key == "schema_version"))
    op.execute(sa.insert(_meta).values(key="schema_version", value="2"))


def downgrade() -> None:
    op.execute(sa.update(_meta).where(_meta.c.key == "schema_version").values(value="1"))
