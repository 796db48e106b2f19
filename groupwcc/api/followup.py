"""``groupwcc followup``: families to call after a missed session, with a make-up option.

In these programs a missed visit is a barrier to remove, not a failure: the list is for the
peer recovery coach, staff only, and carries the 42 CFR Part 2 notice.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from groupwcc.api.context import Program
from groupwcc.api.state import State, load_state

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    import sqlalchemy as sa

    from groupwcc.core.followup import FollowUp
    from groupwcc.core.records import Records
    from groupwcc.models import Infant, Session


def _rows(program: Program, state: State, records: Records, *,
          today: date) -> list[dict[str, str]]:
    from zoneinfo import ZoneInfo

    from groupwcc.api.render import vaccine_records
    from groupwcc.core.followup import select_follow_ups

    found = select_follow_ups(state.infants.values(), state.cohorts, records,
                              program.reference, today=today,
                              vaccine_records=vaccine_records(state))
    tz = ZoneInfo(program.config.timezone)
    labels = program.visit_labels()
    return [_row(f, state.infants[f.infant_id], records, labels, tz) for f in found]


def _row(item: FollowUp, infant: Infant, records: Records, labels: dict[str, str],
         tz: ZoneInfo) -> dict[str, str]:
    statuses = records.by_infant.get(item.infant_id, {})
    missed = "; ".join(f"{labels.get(s.visit, s.visit)} {_day(s, tz)} "
                       f"({statuses.get(s.session_id, '')})" for s in item.missed)
    return {"missed_in_a_row": str(item.in_a_row), "caregiver": infant.caregiver_display_name,
            "infant": infant.display_name, "infant_id": infant.infant_id,
            "family_id": infant.family_id, "phone": infant.phone or "",
            "contact_preference": infant.contact_preference or "",
            "cohort_id": item.cohort_id or "", "missed": missed,
            "next_session": (f"{labels.get(item.next_session.visit, item.next_session.visit)} "
                             f"{_when(item.next_session, tz)}") if item.next_session else "",
            "make_up": _make_up(item, labels, tz)}


def _day(session: Session, tz: ZoneInfo) -> str:
    return f"{session.start.astimezone(tz):%Y-%m-%d}"


def _when(session: Session, tz: ZoneInfo) -> str:
    return f"{session.start.astimezone(tz):%a %Y-%m-%d %H:%M}"


def _make_up(item: FollowUp, labels: dict[str, str], tz: ZoneInfo) -> str:
    if item.options:
        return "; ".join(f"join {o.session_id} {o.start.astimezone(tz):%a %Y-%m-%d %H:%M}"
                         + (" (virtual)" if o.virtual else "") for o in item.options)
    label = labels.get(item.visit, item.visit)
    if item.suggest_from and item.suggest_to:
        return f"individual {label} visit {item.suggest_from} to {item.suggest_to}"
    return item.note


def _actions(conn: sa.Connection, state: State, today: date) -> list[dict[str, str]]:
    from groupwcc.api.screenings import action_rows, follow_up_items

    return action_rows(follow_up_items(conn, today=today), state.infants)


def write_follow_ups(program: Program, out_dir: Path, *, today: date, now: datetime,
                     pdf: bool = True) -> tuple[list[dict[str, str]], list[Path]]:
    """Write ``followup/followup-DATE.csv`` (and ``.html``/``.pdf``), all owner-only."""
    from groupwcc.api.attendance import load_records
    from groupwcc.api.outputs import OutputSet, Staging
    from groupwcc.exporters.report import render_followup_csv, render_followup_html
    from groupwcc.store.audit import record_audit

    store = program.store
    with Staging(out_dir) as staging:  # files move in only after the audit entry committed
        with store.transaction() as conn:
            state = load_state(conn, program.config.timezone)
            records = load_records(conn, state.sessions)
            rows = _rows(program, state, records, today=today)
            actions = _actions(conn, state, today)
            outputs = OutputSet()
            stem = f"followup/followup-{today.isoformat()}"
            outputs.add(f"{stem}.csv", render_followup_csv(rows))
            html = render_followup_html(rows, program=program.config.program, today=today,
                                        templates_dir=program.templates_dir, actions=actions)
            outputs.add(f"{stem}.html", html)
            if pdf:
                from groupwcc.exporters.report import render_followup_pdf

                outputs.add(f"{stem}.pdf", render_followup_pdf(
                    rows, program=program.config.program, today=today,
                    templates_dir=program.templates_dir, actions=actions))
            if actions:  # positive screens and overdue referrals (api/screenings.py)
                from groupwcc.api.screenings import render_actions_csv

                outputs.add(f"followup/actions-{today.isoformat()}.csv",
                            render_actions_csv(actions))
            written = staging.stage(outputs)
            record_audit(conn, "followup", counts={"infants": len(rows),
                                                   "actions": len(actions),
                                                   "files": len(written)},
                         outputs=[str(p) for p in written])
        written = staging.publish()
    return rows, written
