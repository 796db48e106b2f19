"""The caregiver's role (parent, partner, kin, foster), an optional roster column (issue 15):
the guide's check-in wording fits who is present. Staff guides only.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30

Frozen: never edit, add a new revision.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("infants", sa.Column("caregiver_role", sa.String(16)))


def downgrade() -> None:
    with op.batch_alter_table("infants") as batch:
        batch.drop_column("caregiver_role")
