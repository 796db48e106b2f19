"""The live tables, as the code uses them.

Changing a table here needs a new Alembic revision in ``store/migrations/versions`` (see
docs/architecture.md "Database"); tests/store/test_migrations.py fails until the head revision
creates exactly these tables. ``meta`` only keeps groupwcc 0.1 away from newer databases.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

meta = sa.Table(
    "meta", metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

families = sa.Table(
    "families", metadata,
    sa.Column("family_id", sa.String(64), primary_key=True),
    sa.Column("keep_apart_with", sa.Text, nullable=False, default=""),
    sa.Column("updated_at", sa.String(32), nullable=False),
)

infants = sa.Table(
    "infants", metadata,
    sa.Column("infant_id", sa.String(64), primary_key=True),
    sa.Column("family_id", sa.String(64), sa.ForeignKey("families.family_id"), nullable=False),
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
    sa.Column("keep_apart_with", sa.Text, nullable=False, default=""),
    sa.Column("enrolled_on", sa.Date),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("updated_at", sa.String(32), nullable=False),
    # Staff-only clinical fields (schema 2): they feed the due lists and nothing else.
    sa.Column("rsv_protection", sa.String(32)),
    sa.Column("hcv_exposed", sa.Boolean, nullable=False, default=False),
    sa.Column("hbsag_positive_parent", sa.Boolean, nullable=False, default=False),
    # Who brings the baby (revision 0006): parent, partner, kin, foster. Staff guides only.
    sa.Column("caregiver_role", sa.String(16)),
)

cohorts = sa.Table(
    "cohorts", metadata,
    sa.Column("cohort_id", sa.String(64), primary_key=True),
    sa.Column("site", sa.String(64), nullable=False),
    sa.Column("language", sa.String(16), nullable=False),
    sa.Column("slot_id", sa.Text),
    sa.Column("created_on", sa.Date),
)

cohort_members = sa.Table(
    "cohort_members", metadata,
    sa.Column("infant_id", sa.String(64), sa.ForeignKey("infants.infant_id"), primary_key=True),
    sa.Column("cohort_id", sa.String(64), sa.ForeignKey("cohorts.cohort_id"), nullable=False,
              index=True),
    sa.Column("position", sa.Integer, nullable=False),
)

unplaced = sa.Table(
    "unplaced", metadata,
    sa.Column("infant_id", sa.String(64), primary_key=True),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("start_by", sa.Date),
)

sessions = sa.Table(
    "sessions", metadata,
    sa.Column("session_id", sa.String(80), primary_key=True),
    sa.Column("cohort_id", sa.String(64), sa.ForeignKey("cohorts.cohort_id"), nullable=False,
              index=True),
    sa.Column("visit", sa.String(16), nullable=False),
    sa.Column("start", sa.String(40), nullable=False),  # ISO 8601 with offset
    sa.Column("end", sa.String(40), nullable=False),
    sa.Column("site", sa.String(64), nullable=False),
    sa.Column("room", sa.Text),
    sa.Column("virtual_link", sa.Text),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("revision", sa.Integer, nullable=False, default=0),
    sa.Column("locked", sa.Boolean, nullable=False, default=False),
    sa.Column("note", sa.Text),
    sa.Column("changed_at", sa.String(40)),
    sa.Column("facilitators", sa.Text, nullable=False, default=""),
)

flags = sa.Table(
    "flags", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("infant_id", sa.String(64), nullable=False, index=True),
    sa.Column("session_id", sa.String(80), nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("suggest_from", sa.Date),
    sa.Column("suggest_to", sa.Date),
)

attendance = sa.Table(
    "attendance", metadata,
    sa.Column("session_id", sa.String(80), sa.ForeignKey("sessions.session_id"),
              primary_key=True),
    sa.Column("infant_id", sa.String(64), sa.ForeignKey("infants.infant_id"), primary_key=True),
    sa.Column("status", sa.String(32), nullable=False),
    sa.Column("notes", sa.Text, nullable=False, default=""),
    sa.Column("recorded_at", sa.String(40), nullable=False),
    sa.Column("source", sa.Text, nullable=False, default=""),
)

attendance_history = sa.Table(
    "attendance_history", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("session_id", sa.String(80), nullable=False, index=True),
    sa.Column("infant_id", sa.String(64), nullable=False),
    sa.Column("old_status", sa.String(32)),
    sa.Column("new_status", sa.String(32), nullable=False),
    sa.Column("recorded_at", sa.String(40), nullable=False),
    sa.Column("source", sa.Text, nullable=False, default=""),
)

individual_visits = sa.Table(
    "individual_visits", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("infant_id", sa.String(64), sa.ForeignKey("infants.infant_id"), nullable=False,
              index=True),
    sa.Column("visit_date", sa.Date, nullable=False),
    sa.Column("visit", sa.String(16)),
    sa.Column("recorded_at", sa.String(40), nullable=False),
    sa.UniqueConstraint("infant_id", "visit_date", name="uq_individual_visit_day"),
)

export_ledger = sa.Table(
    "export_ledger", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("export_id", sa.String(40), nullable=False, index=True),
    sa.Column("exported_at", sa.String(40), nullable=False),
    sa.Column("session_id", sa.String(80), nullable=False, index=True),
    sa.Column("start", sa.String(40), nullable=False),
    sa.Column("end", sa.String(40), nullable=False),
    sa.Column("location", sa.Text, nullable=False, default=""),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("revision", sa.Integer, nullable=False),
)

audit_log = sa.Table(
    "audit_log", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.String(40), nullable=False),
    sa.Column("os_user", sa.Text, nullable=False),
    sa.Column("command", sa.Text, nullable=False),
    sa.Column("counts", sa.Text, nullable=False, default="{}"),  # JSON
    sa.Column("outputs", sa.Text, nullable=False, default="[]"),  # JSON list of paths
)

# --- the child's own record (schema 5, issue 19): staff-only, never on calendars or sheets ---

doses_given = sa.Table(
    "doses_given", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("infant_id", sa.String(64), nullable=False, index=True),
    sa.Column("cvx", sa.String(8), nullable=False),
    sa.Column("given_on", sa.Date, nullable=False),
    sa.Column("source", sa.Text, nullable=False, default=""),
    sa.Column("recorded_at", sa.String(40), nullable=False),
    sa.Column("recorded_by", sa.Text, nullable=False, default=""),
    sa.Column("removed", sa.Boolean, nullable=False, default=False),
    sa.UniqueConstraint("infant_id", "cvx", "given_on", name="uq_dose_given"),
)

dose_history = sa.Table(
    "dose_history", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("dose_id", sa.Integer, nullable=False, index=True),
    sa.Column("action", sa.String(16), nullable=False),  # added, removed, restored
    sa.Column("at", sa.String(40), nullable=False),
    sa.Column("by", sa.Text, nullable=False, default=""),
    sa.Column("source", sa.Text, nullable=False, default=""),
)

screening_results = sa.Table(
    "screening_results", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("infant_id", sa.String(64), nullable=False, index=True),
    sa.Column("screened_on", sa.Date, nullable=False),
    sa.Column("measure", sa.String(40), nullable=False),  # epds.total, asq3.fine_motor, …
    sa.Column("value", sa.Text, nullable=False),
    sa.Column("source", sa.Text, nullable=False, default=""),
    sa.Column("recorded_at", sa.String(40), nullable=False),
    sa.Column("recorded_by", sa.Text, nullable=False, default=""),
    sa.UniqueConstraint("infant_id", "screened_on", "measure", name="uq_screening_result"),
)

referrals = sa.Table(
    "referrals", metadata,
    sa.Column("referral_id", sa.String(40), primary_key=True),
    sa.Column("infant_id", sa.String(64), nullable=False, index=True),
    sa.Column("service", sa.String(32), nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("reason", sa.Text, nullable=False, default=""),
    sa.Column("opened_on", sa.Date, nullable=False),
    sa.Column("due_by", sa.Date),
    sa.Column("made_on", sa.Date),
    sa.Column("scheduled_for", sa.Date),
    sa.Column("seen_on", sa.Date),
    sa.Column("declined_on", sa.Date),
    sa.Column("updated_at", sa.String(40), nullable=False),
)

referral_history = sa.Table(
    "referral_history", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("referral_id", sa.String(40), nullable=False, index=True),
    sa.Column("old_status", sa.String(16)),
    sa.Column("new_status", sa.String(16), nullable=False),
    sa.Column("at", sa.String(40), nullable=False),
    sa.Column("by", sa.Text, nullable=False, default=""),
)

# A positive screen's follow-up item closed by staff (revision 0007): the screening result it
# closes, the day, a note, who and when. Only items that call for no referral are closed so.
screening_closures = sa.Table(
    "screening_closures", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("result_id", sa.Integer, nullable=False, unique=True),
    sa.Column("closed_on", sa.Date, nullable=False),
    sa.Column("note", sa.Text, nullable=False),
    sa.Column("at", sa.String(40), nullable=False),
    sa.Column("by", sa.Text, nullable=False, default=""),
)
