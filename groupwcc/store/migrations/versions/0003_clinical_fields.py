"""Staff-only clinical roster fields: RSV protection, perinatal HCV exposure, HBsAg-positive
birth parent (issue 15). They feed the staff due lists and nothing else.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30

Frozen: never edit, add a new revision.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("infants", sa.Column("rsv_protection", sa.String(32)))
    op.add_column("infants", sa.Column("hcv_exposed", sa.Boolean, nullable=False,
                                       server_default=sa.false()))
    op.add_column("infants", sa.Column("hbsag_positive_parent", sa.Boolean, nullable=False,
                                       server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("infants") as batch:
        batch.drop_column("hbsag_positive_parent")
        batch.drop_column("hcv_exposed")
        batch.drop_column("rsv_protection")
