"""``groupwcc export``: calendars, sheets and guides from the saved plan."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from groupwcc.api.calendars import export_calendar_files, record_export
from groupwcc.api.context import Program, Stage, no_stage
from groupwcc.api.outputs import Staging
from groupwcc.api.render import (
    agendas_for,
    guide_files,
    pack_files,
    sessions_window,
    sheet_files,
    withdraw_cancelled,
)
from groupwcc.api.state import load_state
from groupwcc.errors import UserError
from groupwcc.models import Session


def export_calendars(program: Program, out_dir: Path, *, families: bool,
                     now: datetime) -> list[Path]:
    """Write .ics files and CHANGES.md; record what was exported in the ledger."""
    from groupwcc.store.audit import record_audit

    store = program.store  # opened (or refused) before --out is created
    with Staging(out_dir) as staging:
        with store.transaction(lock=True) as conn:
            state = load_state(conn, program.config.timezone)
            _require_sessions(state.sessions)
            calendars = export_calendar_files(program, conn, state, now=now,
                                              families=families)
            written = staging.stage(calendars.outputs)
            record_export(conn, calendars)
            record_audit(conn, "export calendar", counts={"files": len(written)},
                         outputs=[str(p) for p in written])
        return staging.publish()


def export_printed(program: Program, out_dir: Path, *, kind: str, first: date, last: date,
                   pdf: bool, now: datetime, stage: Stage = no_stage,
                   pack: bool = False) -> tuple[list[Path], list[Path]]:
    """Write attendance sheets (``kind='sheets'``) or facilitator guides (``'guides'``).

    ``pack`` also writes the weekly print packs (``pack/SITE-YEAR-Www.pdf``). Returns the files
    written and those removed (cancelled sessions' files from earlier runs).
    """
    from groupwcc.store.audit import record_audit

    store = program.store  # opened (or refused) before --out is created
    with Staging(out_dir) as staging:
        with store.transaction() as conn:
            state = load_state(conn, program.config.timezone)
            _require_sessions(state.sessions)
            sessions = sessions_window(state, first, last)
            if not sessions:
                raise UserError(f"no sessions between {first} and {last}",
                                hint="widen --from/--to; 'groupwcc sessions list' shows the "
                                     "dates")
            from groupwcc.api.screenings import open_items_by_infant

            agendas = agendas_for(program, state, sessions,
                                  open_items_by_infant(conn, today=now.date()))
            render = sheet_files if kind == "sheets" else guide_files
            outputs = render(program, state, sessions, agendas, pdf=pdf, stage=stage)
            if pack:
                stage("typesetting the weekly print packs")
                outputs.merge(pack_files(program, state, sessions, agendas))
            withdraw_cancelled(outputs, state, kinds=(kind,), timezone=program.config.timezone)
            written = staging.stage(outputs)
            record_audit(conn, f"export {kind}", counts={
                "sessions": len(sessions), "files": len(written)},
                outputs=[str(p) for p in written])
        return staging.publish(), staging.removed


def confirm_calendar_import(program: Program, *, now: datetime) -> datetime | None:
    """Record that the coordinator imported the calendars of the latest export.

    CHANGES.md then lists only what changes after that export. Returns the time of the export
    confirmed, or None when nothing was exported yet.
    """
    from groupwcc.store.audit import record_audit
    from groupwcc.store.ledger import confirm_import, load_ledger

    with program.store.transaction(lock=True) as conn:
        ledger = load_ledger(conn)
        if not ledger:
            raise UserError("no calendars have been exported yet",
                            hint="run 'groupwcc plan' or 'groupwcc export calendar' first")
        through = confirm_import(conn, at=now)
        record_audit(conn, "calendar imported", at=now, counts={"through": through})
    return max(e.exported_at for e in ledger)


def _require_sessions(sessions: list[Session]) -> None:
    if not sessions:
        raise UserError("there are no sessions yet",
                        hint="run 'groupwcc plan ROSTER' first")
