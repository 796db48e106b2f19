"""The child's own record (issue 19): doses given with their history, screening results,
referrals with their status history. Staff-only tables.

Revision ID: 0005
Revises: 0003
Create Date: 2026-11-30

Frozen once released: never edit, add a new revision.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "doses_given",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("infant_id", sa.String(64), nullable=False, index=True),
        sa.Column("cvx", sa.String(8), nullable=False),
        sa.Column("given_on", sa.Date, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("recorded_at", sa.String(40), nullable=False),
        sa.Column("recorded_by", sa.Text, nullable=False),
        sa.Column("removed", sa.Boolean, nullable=False),
        sa.UniqueConstraint("infant_id", "cvx", "given_on", name="uq_dose_given"),
    )
    op.create_table(
        "dose_history",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("dose_id", sa.Integer, nullable=False, index=True),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("by", sa.Text, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
    )
    op.create_table(
        "screening_results",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("infant_id", sa.String(64), nullable=False, index=True),
        sa.Column("screened_on", sa.Date, nullable=False),
        sa.Column("measure", sa.String(40), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("recorded_at", sa.String(40), nullable=False),
        sa.Column("recorded_by", sa.Text, nullable=False),
        sa.UniqueConstraint("infant_id", "screened_on", "measure", name="uq_screening_result"),
    )
    op.create_table(
        "referrals",
        sa.Column("referral_id", sa.String(40), primary_key=True),
        sa.Column("infant_id", sa.String(64), nullable=False, index=True),
        sa.Column("service", sa.String(32), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("opened_on", sa.Date, nullable=False),
        sa.Column("due_by", sa.Date),
        sa.Column("made_on", sa.Date),
        sa.Column("scheduled_for", sa.Date),
        sa.Column("seen_on", sa.Date),
        sa.Column("declined_on", sa.Date),
        sa.Column("updated_at", sa.String(40), nullable=False),
    )
    op.create_table(
        "referral_history",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("referral_id", sa.String(40), nullable=False, index=True),
        sa.Column("old_status", sa.String(16)),
        sa.Column("new_status", sa.String(16), nullable=False),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("by", sa.Text, nullable=False),
    )


def downgrade() -> None:
    for table in ("referral_history", "referrals", "screening_results", "dose_history",
                  "doses_given"):
        op.drop_table(table)
