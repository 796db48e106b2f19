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
    "Names are shown as first name and last initial only. Do not add birth dates, phone "
    "numbers or diagnoses. Delete or shred copies you no longer need.",
)


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
