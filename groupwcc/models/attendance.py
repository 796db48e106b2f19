"""The attendance file contract and the one attendance ``Mark``.

``groupwcc export sheets`` writes an attendance workbook (and the same rows as CSV) and
``groupwcc attendance`` reads it back after a coordinator typed a status per row. Both sides
take the layout from here — statuses, columns, the header row, the README tab and its text — so
the writer and the reader cannot drift apart (exporters/workbook.py, readers/attendance.py).
"""

from __future__ import annotations

from dataclasses import dataclass

STATUSES: tuple[str, ...] = ("attended", "late", "absent", "excused", "individual visit")
# Other words people type for a status, compared after dropping case, spaces, "-" and "_".
STATUS_ALIASES: dict[str, str] = {"individual": "individual visit"}
COLUMNS: tuple[str, ...] = ("session_id", "infant_id", "family_id", "infant", "caregiver",
                            "status", "notes", "date", "time", "visit")
REQUIRED_COLUMNS: tuple[str, ...] = ("session_id", "infant_id", "status")
# The child's record (issue 19): after COLUMNS, a session's tab may have a column per vaccine
# due at its visit, named GIVEN_PREFIX + vaccine ("given DTaP": type the CVX code or product
# given, or "yes"), and a column per screening measure due (``epds.total``, ``asq3.fine_motor``;
# groupwcc/data/screening_cutoffs.yaml). Readers compare names without case, with spaces as _.
GIVEN_PREFIX = "given "
HEADER_ROW = 1  # 1-based row of the column names on every session tab and in the CSV
README_SHEET = "README"
README_TITLE = "Attendance workbook"
# The README tab's paragraphs after the title and the Part 2 notice.
README_TEXT: tuple[str, ...] = (
    "One tab per session, named after the session id. Row 1 of each tab holds the column "
    "names; do not rename, reorder or delete them.",
    "Fill in 'status' (choose from the drop-down: " + ", ".join(STATUSES) + ") and "
    "optional 'notes' for every row, save, and record the file with the "
    "'groupwcc attendance' command.",
    "Columns after 'visit', where a tab has them: 'given <vaccine>' for each vaccine due at "
    "that visit (type the CVX code or product given, or 'yes' when the product is unknown) "
    "and one column per screening result due (a number, or a word such as below or refer). "
    "Leave them empty when nothing was given or screened.",
    "Names are shown as first name and last initial only. Do not add birth dates, phone "
    "numbers or diagnoses. Delete or shred copies you no longer need.",
)


def given_column(vaccine: str) -> str:
    """The workbook column of a vaccine given at the session (``given DTaP``)."""
    return f"{GIVEN_PREFIX}{vaccine}"


@dataclass(frozen=True, slots=True)
class Mark:
    """The status of one infant at one session, from the sheet (or the command line) through
    the store to the measures. ``status`` is one of ``STATUSES``; empty ``notes`` keeps the
    notes already recorded. A dataclass, not a pydantic model: tens of thousands are made per
    report, and every one has already been checked where it was read."""

    session_id: str
    infant_id: str
    status: str
    notes: str = ""
