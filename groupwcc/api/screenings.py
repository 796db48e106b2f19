"""Use cases ``screenings``: record screening results, open follow-up and suggested referrals,
and list what each role must act on.

Every command is one transaction; the audit log gets counts only, never results or names.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from groupwcc.api.context import Program
from groupwcc.readers.echo import looks_like_code

if TYPE_CHECKING:
    import sqlalchemy as sa

    from groupwcc.models import Infant
    from groupwcc.models.screening import FollowUpItem, ScreeningValue

ACTION_COLUMNS = ("item", "role", "overdue", "due", "infant_id", "infant", "caregiver",
                  "phone", "what", "opened_on")


def import_screenings(program: Program, path: Path, *, today: date, now: datetime
                      ) -> dict[str, int]:
    """Record the results of a screenings file (CSV/XLSX: infant_id, date, measure, value)
    and open a suggested referral for every positive screen that calls for one."""
    from groupwcc.api.state import load_state
    from groupwcc.api.vaccines import record_context
    from groupwcc.readers.child_record import read_screening_results

    with program.store.transaction(lock=True) as conn:
        state = load_state(conn, program.config.timezone)
        values = read_screening_results(path, record_context(state.infants.values(), today))
        counts = record_values(conn, values, now=now, source=path.name)
        _audit(conn, "screenings import", now, {"rows": len(values), **counts})
    return counts


def record_values(conn: sa.Connection, values: list[ScreeningValue], *, now: datetime,
                  source: str) -> dict[str, int]:
    """Record ``values`` and the referrals positive ones call for (also used by attendance)."""
    from groupwcc.core.screening_results import positive_cutoff, suggested_referrals
    from groupwcc.readers.screening_cutoffs import load_screening_cutoffs
    from groupwcc.store.child_record import load_screenings, record_screenings
    from groupwcc.store.referrals import add_referral, load_referrals

    data = load_screening_cutoffs()
    counts = record_screenings(conn, values, now=now, source=source).as_dict()
    suggested = suggested_referrals(load_screenings(conn), load_referrals(conn), data)
    for s in suggested:
        add_referral(conn, infant_id=s.infant_id, service=s.service, status="suggested",
                     reason=s.reason, opened_on=s.opened_on, due_by=s.due_by, now=now)
    return {**counts, "positive": sum(positive_cutoff(v, data) is not None for v in values),
            "referrals_suggested": len(suggested)}


def follow_up_items(conn: sa.Connection, *, today: date) -> list[FollowUpItem]:
    """Open positive screens and overdue referrals, by role (core/screening_results.py); a
    positive screen's item carries its number (``S`` + the result's id) and items staff
    closed (``close_item``) are left out."""
    from groupwcc.core.screening_results import clinical_follow_ups, open_positives
    from groupwcc.readers.screening_cutoffs import load_screening_cutoffs
    from groupwcc.store.referrals import load_referrals

    data, referrals = load_screening_cutoffs(), load_referrals(conn)
    values, ids = open_values(conn)
    number = {(v.infant_id, v.screened_on, f"{c.name}: {c.action}"): f"S{ids[_key(v)]}"
              for v, c in open_positives(values, referrals, data)}
    return [item.model_copy(update={"item_id": number.get(
                (item.infant_id, item.opened_on, item.what), "")})
            for item in clinical_follow_ups(values, referrals, data, today=today)]


def open_values(conn: sa.Connection
                ) -> tuple[list[ScreeningValue], dict[tuple[str, date, str], int]]:
    """The recorded values without those whose item staff closed, and every value's id."""
    from groupwcc.store.child_record import (
        load_closed_results,
        load_screening_ids,
        load_screenings,
    )

    ids, closed = load_screening_ids(conn), load_closed_results(conn)
    return [v for v in load_screenings(conn) if ids[_key(v)] not in closed], ids


def _key(value: ScreeningValue) -> tuple[str, date, str]:
    return value.infant_id, value.screened_on, value.measure


def close_item(program: Program, item_id: str, *, note: str, today: date, now: datetime
               ) -> None:
    """Close a positive screen's follow-up item that calls for no referral (EPDS item 10,
    social needs): the item's result is kept, the closure recorded with who and when, the
    audit log gets counts only. An item that calls for a referral closes by the referral."""
    from groupwcc.core.screening_results import open_positives
    from groupwcc.errors import NotFoundError, UserError
    from groupwcc.readers.screening_cutoffs import load_screening_cutoffs
    from groupwcc.store.child_record import close_screening
    from groupwcc.store.referrals import load_referrals

    if not note.strip():
        raise UserError("--note is empty", hint="say what was done, e.g. 'safety plan made'")
    with program.store.transaction(lock=True) as conn:
        values, ids = open_values(conn)
        found = {f"S{ids[_key(v)]}": c for v, c in open_positives(
            values, load_referrals(conn), load_screening_cutoffs())}
        cutoff = found.get(item_id.strip().upper())
        if cutoff is None:
            typed = item_id.strip()
            raise NotFoundError("no open follow-up item"
                                + (f" {typed!r}" if looks_like_code(typed) else ""),
                                hint="'groupwcc screenings actions' lists the open items "
                                     "in its item column")
        if cutoff.referral:
            raise UserError(f"follow-up item {item_id} closes when its referral to "
                            f"{cutoff.referral} is made",
                            hint="record it with 'groupwcc referrals update'")
        close_screening(conn, int(item_id.strip()[1:]), closed_on=today, note=note.strip(),
                        now=now)
        _audit(conn, "screenings actions --done", now, {"closed": 1})


def open_items_by_infant(conn: sa.Connection, *, today: date) -> dict[str, list[FollowUpItem]]:
    """Open follow-up items (positive screens, overdue referrals) by infant id, for the
    session staff pages."""
    found: dict[str, list[FollowUpItem]] = {}
    for item in follow_up_items(conn, today=today):
        found.setdefault(item.infant_id, []).append(item)
    return found


def action_rows(items: list[FollowUpItem], infants: dict[str, Infant]) -> list[dict[str, str]]:
    """The follow-up items as staff-only table rows (``ACTION_COLUMNS``)."""
    rows = []
    for item in items:
        infant = infants.get(item.infant_id)
        rows.append({"item": item.item_id, "role": item.role,
                     "overdue": "yes" if item.overdue else "",
                     "due": item.due.isoformat(), "infant_id": item.infant_id,
                     "infant": infant.display_name if infant else "",
                     "caregiver": infant.caregiver_display_name if infant else "",
                     "phone": (infant.phone or "") if infant else "", "what": item.what,
                     "opened_on": item.opened_on.isoformat()})
    return rows


def render_actions_csv(rows: list[dict[str, str]]) -> bytes:
    """The follow-up items as CSV (UTF-8 BOM, cells neutralised; data only)."""
    from groupwcc.exporters.plan_tables import write_csv

    return write_csv(ACTION_COLUMNS, [[r[c] for c in ACTION_COLUMNS] for r in rows])


def list_actions(program: Program, *, today: date) -> list[dict[str, str]]:
    """The follow-up items (read only)."""
    from groupwcc.api.state import load_state

    with program.store.transaction() as conn:
        state = load_state(conn, program.config.timezone)
        return action_rows(follow_up_items(conn, today=today), state.infants)


def _audit(conn: sa.Connection, command: str, now: datetime, counts: dict[str, int]) -> None:
    from groupwcc.store.audit import record_audit

    record_audit(conn, command, at=now, counts=counts)
