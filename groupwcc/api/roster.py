"""Roster use cases: read and check a roster against the program, import it into the store."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from groupwcc.api.context import Program
from groupwcc.models import Infant

if TYPE_CHECKING:
    import sqlalchemy as sa

    from groupwcc.readers.roster import RosterParts
    from groupwcc.store.repo import ImportCounts


def read_program_roster(program: Program, roster: Path, *, today: date) -> list[Infant]:
    """Read and validate a roster against the program (sites, languages, age limit)."""
    return read_program_roster_parts(program, roster, today=today).infants


def read_program_roster_parts(program: Program, roster: Path, *, today: date) -> RosterParts:
    """:func:`read_program_roster`, with the expectant families (rows with a due date)."""
    from groupwcc.readers.roster import read_roster_parts

    config = program.config
    return read_roster_parts(roster, sites=[s.id for s in config.sites],
                             languages=config.languages, today=today,
                             max_age_months=config.max_enrol_age_months)


def import_roster(conn: sa.Connection, infants: list[Infant], *, now: datetime) -> ImportCounts:
    """Save the roster: add new infants, update changed ones, deactivate those left out."""
    from groupwcc.store.repo import save_roster

    return save_roster(conn, infants, now=now)
