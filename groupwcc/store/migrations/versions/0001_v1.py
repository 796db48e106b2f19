"""v1: the schema of groupwcc 0.1 (before Alembic, "schema_version 1" in the meta table).

Revision ID: 0001
Revises:
Create Date: 2026-11-30

Frozen: this is exactly what ``metadata.create_all`` produced in 0.1. It never imports
groupwcc.store.schema, so later schema changes cannot change it. Databases made by 0.1 are
stamped with this revision instead of running it (groupwcc.store.migrate).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_TABLES = ("meta", "families", "infants", "cohorts", "cohort_members", "unplaced", "sessions",
           "flags", "attendance", "attendance_history", "individual_visits", "export_ledger",
           "audit_log")


def upgrade() -> None:
    _people()
    _plan()
    _records()
    _log()


def _people() -> None:
    op.create_table(
        "meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "families",
        sa.Column("family_id", sa.String(64), primary_key=True),
        sa.Column("keep_apart_with", sa.Text, nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "infants",
        sa.Column("infant_id", sa.String(64), primary_key=True),
        sa.Column("family_id", sa.String(64), sa.ForeignKey("families.family_id"),
                  nullable=False),
        sa.Column("first_name", sa.Text, nullable=False),
        sa.Column("last_name", sa.Text, nullable=False),
        sa.Column("date_of_birth", sa.Date, nullable=False),
        sa.Column("caregiver_first_name", sa.Text, nullable=False),
        sa.Column("caregiver_last_name", sa.Text, nullable=False),
        sa.Column("caregiver_preferred_name", sa.Text),
        sa.Column("site", sa.String(64), nullable=False),
        sa.Column("gestational_age_weeks", sa.Integer),
        sa.Column("gestational_age_days", sa.Integer),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("group_consent", sa.Boolean, nullable=False),
        sa.Column("phone", sa.Text),
        sa.Column("contact_preference", sa.Text),
        sa.Column("keep_apart_with", sa.Text, nullable=False),
        sa.Column("enrolled_on", sa.Date),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
    )


def _plan() -> None:
    op.create_table(
        "cohorts",
        sa.Column("cohort_id", sa.String(64), primary_key=True),
        sa.Column("site", sa.String(64), nullable=False),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("slot_id", sa.Text),
        sa.Column("created_on", sa.Date),
    )
    op.create_table(
        "cohort_members",
        sa.Column("infant_id", sa.String(64), sa.ForeignKey("infants.infant_id"),
                  primary_key=True),
        sa.Column("cohort_id", sa.String(64), sa.ForeignKey("cohorts.cohort_id"),
                  nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
    )
    op.create_index("ix_cohort_members_cohort_id", "cohort_members", ["cohort_id"])
    op.create_table(
        "unplaced",
        sa.Column("infant_id", sa.String(64), primary_key=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("start_by", sa.Date),
    )
    op.create_table(
        "sessions",
        sa.Column("session_id", sa.String(80), primary_key=True),
        sa.Column("cohort_id", sa.String(64), sa.ForeignKey("cohorts.cohort_id"),
                  nullable=False),
        sa.Column("visit", sa.String(16), nullable=False),
        sa.Column("start", sa.String(40), nullable=False),
        sa.Column("end", sa.String(40), nullable=False),
        sa.Column("site", sa.String(64), nullable=False),
        sa.Column("room", sa.Text),
        sa.Column("virtual_link", sa.Text),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("locked", sa.Boolean, nullable=False),
        sa.Column("note", sa.Text),
        sa.Column("changed_at", sa.String(40)),
        sa.Column("facilitators", sa.Text, nullable=False),
    )
    op.create_index("ix_sessions_cohort_id", "sessions", ["cohort_id"])
    op.create_table(
        "flags",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("infant_id", sa.String(64), nullable=False),
        sa.Column("session_id", sa.String(80), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("suggest_from", sa.Date),
        sa.Column("suggest_to", sa.Date),
    )
    op.create_index("ix_flags_infant_id", "flags", ["infant_id"])


def _records() -> None:
    op.create_table(
        "attendance",
        sa.Column("session_id", sa.String(80), sa.ForeignKey("sessions.session_id"),
                  primary_key=True),
        sa.Column("infant_id", sa.String(64), sa.ForeignKey("infants.infant_id"),
                  primary_key=True),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("recorded_at", sa.String(40), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
    )
    op.create_table(
        "attendance_history",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("session_id", sa.String(80), nullable=False),
        sa.Column("infant_id", sa.String(64), nullable=False),
        sa.Column("old_status", sa.String(32)),
        sa.Column("new_status", sa.String(32), nullable=False),
        sa.Column("recorded_at", sa.String(40), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
    )
    op.create_index("ix_attendance_history_session_id", "attendance_history", ["session_id"])
    op.create_table(
        "individual_visits",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("infant_id", sa.String(64), sa.ForeignKey("infants.infant_id"),
                  nullable=False),
        sa.Column("visit_date", sa.Date, nullable=False),
        sa.Column("visit", sa.String(16)),
        sa.Column("recorded_at", sa.String(40), nullable=False),
        sa.UniqueConstraint("infant_id", "visit_date", name="uq_individual_visit_day"),
    )
    op.create_index("ix_individual_visits_infant_id", "individual_visits", ["infant_id"])


def _log() -> None:
    op.create_table(
        "export_ledger",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("export_id", sa.String(40), nullable=False),
        sa.Column("exported_at", sa.String(40), nullable=False),
        sa.Column("session_id", sa.String(80), nullable=False),
        sa.Column("start", sa.String(40), nullable=False),
        sa.Column("end", sa.String(40), nullable=False),
        sa.Column("location", sa.Text, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
    )
    op.create_index("ix_export_ledger_export_id", "export_ledger", ["export_id"])
    op.create_index("ix_export_ledger_session_id", "export_ledger", ["session_id"])
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("os_user", sa.Text, nullable=False),
        sa.Column("command", sa.Text, nullable=False),
        sa.Column("counts", sa.Text, nullable=False),
        sa.Column("outputs", sa.Text, nullable=False),
    )


def downgrade() -> None:
    for table in reversed(_TABLES):
        op.drop_table(table)
