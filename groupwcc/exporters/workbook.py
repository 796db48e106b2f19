"""The staff attendance workbook (XLSX) and the same rows as CSV.

The layout (columns, statuses, header row, README text) is the file contract in
``models/attendance.py``, shared with the reader. Every session has its own tab named after
the session id; the column names are in row 1 (``HEADER_ROW``) so the file can be read back by
``groupwcc attendance``. The first tab,
``README``, explains the file and carries the 42 CFR Part 2 notice. Formula evaluation is off:
a name typed as ``=HYPERLINK(...)`` stays text (outlook-exports-peers.md §4.1, §4.2), and such
a cell carries Excel's quote prefix, so editing it in Excel does not turn it into a formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from typing import Any

from groupwcc.exporters import labels
from groupwcc.models import Infant, Session
from groupwcc.models.attendance import (
    COLUMNS,
    HEADER_ROW,
    README_SHEET,
    README_TEXT,
    README_TITLE,
    STATUSES,
)

WIDTHS = {"session_id": 22, "infant_id": 11, "family_id": 11, "infant": 20, "caregiver": 20,
          "status": 16, "notes": 40, "date": 11, "time": 12, "visit": 12}
_FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

SessionRows = tuple[Session, Sequence[Infant], str]


def neutralise_cell(value: str) -> str:
    """Prefix ``'`` to text a spreadsheet would run as a formula (= + - @ tab CR first)."""
    return "'" + value if _is_formula_like(value) else value


def _is_formula_like(value: str) -> bool:
    """Text Excel would turn into a formula once someone edits the cell."""
    return value.startswith(_FORMULA_TRIGGERS)


def attendance_rows(session: Session, members: Sequence[Infant], visit_label: str,
                    timezone: str | None = None) -> list[dict[str, str]]:
    """One row per member, twins together, with an empty status and notes to fill in."""
    from zoneinfo import ZoneInfo

    start = session.start.astimezone(ZoneInfo(timezone)) if timezone else session.start
    end = session.end.astimezone(start.tzinfo)
    ordered = sorted(members, key=lambda i: (i.caregiver_display_name.casefold(), i.family_id,
                                             i.display_name.casefold(), i.infant_id))
    day, times = f"{start:%Y-%m-%d}", f"{start:%H:%M}–{end:%H:%M}"  # the same on every row
    return [{"session_id": session.session_id, "infant_id": i.infant_id,
             "family_id": i.family_id, "infant": i.display_name,
             "caregiver": i.caregiver_display_name, "status": "", "notes": "",
             "date": day, "time": times, "visit": visit_label} for i in ordered]


def render_attendance_csv(rows_by_session: Sequence[SessionRows],
                          record_columns: Mapping[str, Sequence[str]] | None = None) -> bytes:
    """All sessions' attendance rows as CSV: UTF-8 with BOM, free text neutralised, data only
    (the Part 2 notice is in ``NOTICE.txt`` beside it). ``record_columns`` (session id →
    vaccine and screening columns, models/attendance.py) adds their union after COLUMNS."""
    extra = list(dict.fromkeys(c for cs in (record_columns or {}).values() for c in cs))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([*COLUMNS, *extra])
    for session, members, visit_label in rows_by_session:
        for row in attendance_rows(session, members, visit_label):
            writer.writerow([neutralise_cell(row[c]) for c in COLUMNS] + [""] * len(extra))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def render_workbook(rows_by_session: Sequence[SessionRows],
                    record_columns: Mapping[str, Sequence[str]] | None = None) -> bytes:
    """The staff workbook: a README tab, then one tab per session (see module docstring);
    a session in ``record_columns`` gets its vaccine and screening columns after COLUMNS."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                        "strings_to_urls": False, "strings_to_numbers": False})
    styles = _styles(book)
    _write_readme(book, styles)
    names: set[str] = {README_SHEET.casefold()}  # casefolded, as sheet_name compares them
    for session, members, visit_label in rows_by_session:
        name = sheet_name(session.session_id, names, folded=True)
        names.add(name.casefold())
        _write_session(book.add_worksheet(name), session,
                       attendance_rows(session, members, visit_label), styles,
                       tuple((record_columns or {}).get(session.session_id, ())))
    book.close()
    return buffer.getvalue()


def sheet_name(session_id: str, taken: set[str], *, folded: bool = False) -> str:
    """A tab name Excel accepts (≤ 31 characters, no ``[]:*?/\\``), unique in ``taken``
    (ignoring case; ``folded``: ``taken`` is already casefolded, as a workbook keeps it)."""
    base = "".join("_" if c in "[]:*?/\\" else c for c in session_id)[:31]
    name, n = base, 1
    seen = taken if folded else {t.casefold() for t in taken}
    while name.casefold() in seen:
        n += 1
        suffix = f"~{n}"
        name = base[: 31 - len(suffix)] + suffix
    return name


def _styles(book: Any) -> dict[str, Any]:
    return {"header": book.add_format({"bold": True, "bg_color": "#12355B",
                                       "font_color": "#FFFFFF", "border": 1}),
            "title": book.add_format({"bold": True, "font_size": 14}),
            "wrap": book.add_format({"text_wrap": True, "valign": "top"}),
            "notice": book.add_format({"bold": True, "text_wrap": True, "valign": "top",
                                       "font_color": "#7A1F1F"}),
            "input": book.add_format({"bg_color": "#FFF8E6", "border": 1,
                                      "border_color": "#D9C9A3"}),
            "quoted": book.add_format({"quote_prefix": True})}


def _write_session(sheet: Any, session: Session, rows: list[dict[str, str]],
                   styles: dict[str, Any], extra: tuple[str, ...] = ()) -> None:
    header = HEADER_ROW - 1
    sheet.write_row(header, 0, (*COLUMNS, *extra), styles["header"])
    for r, row in enumerate(rows, start=header + 1):
        for c, column in enumerate(COLUMNS):
            if column in ("status", "notes"):  # to fill in: empty, highlighted
                sheet.write_blank(r, c, None, styles["input"])
            else:
                text = row[column]
                sheet.write_string(r, c, text, styles["quoted"] if _is_formula_like(text)
                                   else None)
        for c in range(len(COLUMNS), len(COLUMNS) + len(extra)):
            sheet.write_blank(r, c, None, styles["input"])
    for c, column in enumerate(COLUMNS):
        sheet.set_column(c, c, WIDTHS[column])
    for c, column in enumerate(extra, start=len(COLUMNS)):
        sheet.set_column(c, c, max(12, len(column) + 2))
    if rows:
        status = COLUMNS.index("status")
        sheet.data_validation(header + 1, status, header + len(rows), status, {
            "validate": "list", "source": list(STATUSES), "ignore_blank": True,
            "error_title": "Attendance status",
            "error_message": "Choose one of: " + ", ".join(STATUSES)})
    sheet.freeze_panes(header + 1, 0)
    sheet.set_landscape()
    sheet.set_footer("&L&8" + labels.PART2_SHORT.replace("&", "&&") + "&R&8&P / &N")


def _write_readme(book: Any, styles: dict[str, Any]) -> None:
    sheet = book.add_worksheet(README_SHEET)
    sheet.set_column(0, 0, 110)
    lines = [(README_TITLE, styles["title"]), (labels.part2_notice("en"), styles["notice"]),
             *((text, styles["wrap"]) for text in README_TEXT)]
    for row, (text, style) in enumerate(lines):
        sheet.write_string(row, 0, text, style)
    sheet.set_row(1, 75)
