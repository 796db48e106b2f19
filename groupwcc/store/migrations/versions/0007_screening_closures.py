"""Staff closing a positive-screen follow-up item that needs no referral (issue 19): who closed
which screening result, when, and a note. Staff-only; one row per closed result.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30

Frozen once released: never edit, add a new revision.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "screening_closures",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("result_id", sa.Integer, nullable=False, unique=True),
        sa.Column("closed_on", sa.Date, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("by", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("screening_closures")
