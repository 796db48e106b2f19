"""Calendars and their change report, from the saved plan and the change ledger.

Used by ``plan`` and ``export calendar``: both are exports, both add to the ledger. Rendering
happens inside the caller's transaction; the caller writes the files, then ``record_export``
adds the ledger entries before the commit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cached_property
from typing import TYPE_CHECKING, Any

from groupwcc.api.context import Program
from groupwcc.api.outputs import OutputSet, safe_name
from groupwcc.api.state import State
from groupwcc.models import Cohort, Session
from groupwcc.models.ledger import LedgerEntry

if TYPE_CHECKING:
    import sqlalchemy as sa

LEGACY_UID_DOMAIN = "groupwcc"


@dataclass
class CalendarExport:
    """The rendered calendars and the ledger entries this export adds."""

    outputs: OutputSet
    entries: list[LedgerEntry] = field(default_factory=list)


def export_calendar_files(program: Program, conn: sa.Connection, state: State, *,
                          now: datetime, families: bool = False) -> CalendarExport:
    """Every .ics file and CHANGES.md, stamped from the change ledger."""
    from groupwcc.core.calendar_changes import (
        change_history,
        entries_for_export,
        event_stamps,
        export_time,
    )
    from groupwcc.exporters.changes import render_changes
    from groupwcc.store.ledger import confirmed_through, load_ledger

    ledger = load_ledger(conn)
    exported_at = export_time(ledger, now)
    export_id = f"{exported_at.isoformat(timespec='seconds')}#{len(ledger) + 1}"
    new = entries_for_export(ledger, state.sessions, location_by_session(program, state.sessions),
                             export_id=export_id, exported_at=exported_at)
    full = [*ledger, *new]
    context = _Context(program, state, uid_domain(program, conn), event_stamps(full),
                       exported_at)
    outputs = calendar_files(context, families=families)
    since, confirmed_at = confirmed_through(conn)
    outputs.add("calendar/CHANGES.md", render_changes(
        change_history(full, since_id=since), visit_labels=program.visit_labels(),
        timezone=program.config.timezone, exported_at=exported_at, first_export=not ledger,
        confirmed_at=confirmed_at), shareable=True)
    return CalendarExport(outputs, new)


def record_export(conn: sa.Connection, export: CalendarExport) -> None:
    """Add the export's entries to the ledger (inside the caller's transaction)."""
    from groupwcc.store.ledger import append_entries

    append_entries(conn, export.entries)


def uid_domain(program: Program, conn: sa.Connection) -> str:
    """``calendar.uid_domain``, else one derived from the program's stable key."""
    from groupwcc.exporters.ics import default_uid_domain
    from groupwcc.store.ledger import program_key

    key = program_key(conn)  # made at the first export, even when a domain is configured
    if program.config.calendar.uid_domain:
        return program.config.calendar.uid_domain
    return default_uid_domain(key) if key else LEGACY_UID_DOMAIN


@dataclass
class _Context:
    program: Program
    state: State
    uid_domain: str
    stamps: dict[str, datetime]
    exported_at: datetime
    cache: dict[Any, bytes] = field(default_factory=dict)

    @cached_property  # one export run: the same for each of its hundreds of calendars
    def labels(self) -> dict[str, dict[str, str]]:
        return {language: self.program.visit_labels(language)
                for language in {"en", *self.program.config.languages}}

    def render(self, sessions: Sequence[Session], *, name: str, language: str,
               sites: set[str]) -> bytes:
        from groupwcc.exporters.ics import render_calendar

        return render_calendar(
            sessions, calendar_name=name, cohorts=self.cohorts, config=self.program.config,
            visit_labels=self.labels, closures=self.closures(sites), language=language,
            stamps=self.stamps, exported_at=self.exported_at, uid_domain=self.uid_domain,
            event_cache=self.cache)

    @cached_property
    def cohorts(self) -> dict[str, Cohort]:
        return {c.cohort_id: c for c in self.state.cohorts}

    def closures(self, sites: set[str]) -> list[tuple[str, date]]:
        """Closed days of ``sites`` over the plan's span, when ``calendar.include_closures``."""
        if not self.program.config.calendar.include_closures or not self.state.sessions:
            return []
        first, last, closed = self._closed
        return [(site, day) for site in sorted(sites) for day in sorted(closed.get(site, ()))
                if first <= day <= last]

    @cached_property  # the holiday calendars are slow: worked out once per export run
    def _closed(self) -> tuple[date, date, dict[str, frozenset[date]]]:
        from groupwcc.api.closures import closed_days_by_site

        first = min(s.day for s in self.state.sessions) - timedelta(days=7)
        last = max(s.day for s in self.state.sessions) + timedelta(days=7)
        return first, last, closed_days_by_site(self.program.config, first, last)


def calendar_name(program: Program, language: str) -> str:
    """The calendar's name in ``language`` (a program's own template is used as written)."""
    from groupwcc import i18n
    from groupwcc.models import CalendarPolicy

    template = program.config.calendar.calendar_name_template
    if template == CalendarPolicy().calendar_name_template:
        template = i18n.calendar_text(language)["calendar_name"]
    return template.format(program=program.config.program)


def calendar_files(context: _Context, *, families: bool = False) -> OutputSet:
    """One .ics for the whole program, one per cohort, and optionally one per family."""
    program, state = context.program, context.state
    outputs = OutputSet()
    main_language = program.config.languages[0] if program.config.languages else "en"
    all_sites = {s.id for s in program.config.sites}
    outputs.add("calendar/program.ics", context.render(
        state.sessions, name=calendar_name(program, main_language), language=main_language,
        sites=all_sites), shareable=True)
    by_cohort: dict[str, list[Session]] = {}
    for session in state.sessions:
        by_cohort.setdefault(session.cohort_id, []).append(session)
    for cohort in state.cohorts:
        outputs.add(f"calendar/{safe_name(cohort.cohort_id)}.ics", context.render(
            by_cohort.get(cohort.cohort_id, []), language=cohort.language, sites={cohort.site},
            name=f"{calendar_name(program, cohort.language)} · {cohort.cohort_id}"),
            shareable=True)
    if families:
        _family_calendars(context, by_cohort, outputs)
    return outputs


def _family_calendars(context: _Context, by_cohort: dict[str, list[Session]],
                      outputs: OutputSet) -> None:
    """One calendar per family: its cohorts' sessions, named for its (first) cohort."""
    from groupwcc.core.cohort_rules import active_members

    state = context.state
    cohorts = context.cohorts
    by_family: dict[str, set[str]] = {}
    for cohort in state.cohorts:
        for infant in active_members(cohort, state.infants):
            by_family.setdefault(infant.family_id, set()).add(cohort.cohort_id)
    for family_id, cohort_ids in sorted(by_family.items()):
        first = cohorts[sorted(cohort_ids)[0]]
        sessions = [s for c in sorted(cohort_ids) for s in by_cohort.get(c, [])]
        outputs.add(f"calendar/families/{safe_name(family_id)}.ics", context.render(
            sessions, language=first.language, sites={cohorts[c].site for c in cohort_ids},
            name=f"{calendar_name(context.program, first.language)} · {first.cohort_id}"),
            shareable=True)


def location_by_session(program: Program, sessions: Sequence[Session]) -> dict[str, str]:
    """What each session's calendar LOCATION says (recorded in the export ledger)."""
    from groupwcc.exporters.ics import session_location

    return {s.session_id: session_location(s, program.config) for s in sessions}
