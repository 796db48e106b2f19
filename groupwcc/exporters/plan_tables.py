"""The plan as CSV tables: cohorts (one row per infant), sessions, flags.

CSV is data only (RFC 4180): one header row, then one row per record, CRLF line ends, UTF-8 with
a BOM (so Excel shows accents); free-text cells that start with ``= + - @``, tab or CR are
neutralised against formula injection. The 42 CFR Part 2 notice does not go into the CSV (a
notice row would be read as a junk record): ``api.outputs`` writes ``NOTICE.txt`` beside it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from groupwcc.models import Cohort, Flag, Infant, Session, UnplacedInfant

COHORT_COLUMNS = ("cohort_id", "infant_id", "family_id", "site", "language", "date_of_birth",
                  "gestational_age_weeks", "slot_id", "placement", "reason", "start_by")
SESSION_COLUMNS = ("session_id", "cohort_id", "visit", "start", "end", "site", "room", "status",
                   "revision", "locked")
FLAG_COLUMNS = ("infant_id", "session_id", "reason", "suggest_from", "suggest_to")


def write_csv(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """CSV bytes with a BOM: the header row, then ``rows``; text cells neutralised."""
    from groupwcc.exporters.workbook import neutralise_cell

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if v is None else neutralise_cell(str(v)) if isinstance(v, str)
                         else str(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def render_cohorts_csv(cohorts: Sequence[Cohort], unplaced: Sequence[UnplacedInfant],
                       infants: Mapping[str, Infant]) -> bytes:
    """One row per infant: its cohort, or why it has none."""
    rows = []
    for cohort in cohorts:
        for infant_id in cohort.infant_ids:
            rows.append(_cohort_row(cohort.cohort_id, infants.get(infant_id), infant_id,
                                    cohort.slot_id, "placed", "", None))
    for item in unplaced:
        rows.append(_cohort_row("", infants.get(item.infant_id), item.infant_id, None,
                                item.status, item.reason, item.start_by))
    return write_csv(COHORT_COLUMNS, rows)


def _cohort_row(cohort_id: str, infant: Infant | None, infant_id: str, slot_id: str | None,
                placement: str, reason: str, start_by: date | None) -> list[object]:
    if infant is None:
        return [cohort_id, infant_id, "", "", "", "", "", slot_id, placement, reason, start_by]
    return [cohort_id, infant_id, infant.family_id, infant.site, infant.language,
            infant.date_of_birth.isoformat(), infant.gestational_age_weeks, slot_id, placement,
            reason, start_by.isoformat() if start_by else None]


def render_sessions_csv(sessions: Sequence[Session]) -> bytes:
    """One row per session; ``start``/``end`` ISO 8601 with UTC offset."""
    rows = [[s.session_id, s.cohort_id, s.visit, s.start.isoformat(), s.end.isoformat(), s.site,
             s.room or s.virtual_link or "", s.status, s.revision, "yes" if s.locked else "no"]
            for s in sessions]
    return write_csv(SESSION_COLUMNS, rows)


def render_flags_csv(flags: Sequence[Flag]) -> bytes:
    """One row per flag: an infant whose visit cannot happen at its group's session."""
    rows = [[f.infant_id, f.session_id, f.reason, f.suggest_from, f.suggest_to] for f in flags]
    return write_csv(FLAG_COLUMNS, rows)
