"""Reading filled-in attendance sheets (XLSX and CSV as exported), and every bad row."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from factories import make_infant
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from groupwcc.errors import AttendanceError
from groupwcc.exporters.workbook import render_attendance_csv, render_workbook
from groupwcc.models import Infant, Session
from groupwcc.models.attendance import COLUMNS, Mark
from groupwcc.readers.attendance import (
    AttendanceContext,
    normalise_status,
    read_attendance,
)

NY = ZoneInfo("America/New_York")
TODAY = date(2026, 5, 10)


def _session(cohort: str, visit: str, day: date, status: str = "scheduled") -> Session:
    start = datetime(day.year, day.month, day.day, 10, tzinfo=NY)
    return Session(session_id=f"{cohort}-{visit.upper()}", cohort_id=cohort, visit=visit,
                   start=start, end=start + timedelta(hours=2), site="main",
                   status=status)  # type: ignore[arg-type]


A_M1 = _session("MAIN-2026-03-A", "m1", date(2026, 4, 7))
A_M2 = _session("MAIN-2026-03-A", "m2", date(2026, 5, 5))
A_M4 = _session("MAIN-2026-03-A", "m4", date(2026, 7, 7))  # in the future
B_M2 = _session("MAIN-2026-03-B", "m2", date(2026, 5, 6), status="cancelled")
MEMBERS_A = [make_infant(n=n) for n in (1, 2, 3)]
MEMBERS_B = [make_infant(n=n) for n in (4, 5)]


def _context() -> AttendanceContext:
    return AttendanceContext(
        sessions={s.session_id: s for s in (A_M1, A_M2, A_M4, B_M2)},
        members={"MAIN-2026-03-A": {"I-0001", "I-0002", "I-0003"},
                 "MAIN-2026-03-B": {"I-0004", "I-0005"}},
        infants={"I-0001", "I-0002", "I-0003", "I-0004", "I-0005"})


def _rows() -> list[tuple[Session, list[Infant], str]]:
    return [(A_M1, MEMBERS_A, "1-month"), (A_M2, MEMBERS_A, "2-month"),
            (A_M4, MEMBERS_A, "4-month")]


def _fill_workbook(path: Path, statuses: dict[tuple[str, int], object],
                   notes: dict[tuple[str, int], str] | None = None) -> Path:
    """Export the workbook, then type ``statuses`` into (tab, Excel row) cells."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(render_workbook(_rows())))
    status_col = COLUMNS.index("status") + 1
    for (tab, row), value in statuses.items():
        book[tab].cell(row=row, column=status_col, value=value)
    for (tab, row), value in (notes or {}).items():
        book[tab].cell(row=row, column=COLUMNS.index("notes") + 1, value=value)
    book.save(path)
    return path


def _fill_csv(path: Path, statuses: dict[int, str], *, encoding: str = "utf-8",
              delimiter: str = ",") -> Path:
    """Export the CSV, then fill ``statuses`` by Excel row number (header is row 1)."""
    text = render_attendance_csv(_rows()).decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text)))
    for row, status in statuses.items():
        table[row - 1][COLUMNS.index("status")] = status
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(table)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def _problems(path: Path) -> list[str]:
    with pytest.raises(AttendanceError) as caught:
        read_attendance(path, _context(), today=TODAY)
    assert "nothing was recorded" in caught.value.message
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize(("text", "expected"), [
    ("attended", "attended"), (" LATE ", "late"), ("Absent", "absent"), ("excused", "excused"),
    ("individual visit", "individual visit"), ("Individual-Visit", "individual visit"),
    ("individual_visit", "individual visit"), ("INDIVIDUAL  VISIT", "individual visit"),
    ("individual", "individual visit"), ("", ""), ("   ", ""),
    ("present", None), ("x", None), ("attended?", None),
])
def test_normalise_status(text: str, expected: str | None) -> None:
    assert normalise_status(text) == expected


def test_workbook_round_trip(tmp_path: Path) -> None:
    # Members are ordered by caregiver name: Parent1, Parent2, Parent3 -> rows 2, 3, 4.
    path = _fill_workbook(tmp_path / "filled.xlsx", {
        ("MAIN-2026-03-A-M1", 2): "Attended", ("MAIN-2026-03-A-M1", 3): " late",
        ("MAIN-2026-03-A-M1", 4): "Individual Visit", ("MAIN-2026-03-A-M2", 3): "ABSENT"},
        notes={("MAIN-2026-03-A-M2", 3): "  car broke down "})
    marks = read_attendance(path, _context(), today=TODAY)
    assert marks == [
        Mark("MAIN-2026-03-A-M1", "I-0001", "attended"),
        Mark("MAIN-2026-03-A-M1", "I-0002", "late"),
        Mark("MAIN-2026-03-A-M1", "I-0003", "individual visit"),
        Mark("MAIN-2026-03-A-M2", "I-0002", "absent", "car broke down")]


def test_csv_round_trip_and_excel_resaved_csv(tmp_path: Path) -> None:
    # CSV rows: header 1; A-M1 rows 2-4; A-M2 rows 5-7; A-M4 (future, left blank) rows 8-10.
    marks = read_attendance(_fill_csv(tmp_path / "a.csv", {2: "attended", 7: "excused"}),
                            _context(), today=TODAY)
    assert [(m.session_id, m.infant_id, m.status) for m in marks] == [
        ("MAIN-2026-03-A-M1", "I-0001", "attended"), ("MAIN-2026-03-A-M2", "I-0003", "excused")]
    # Excel on a European Windows machine: Windows-1252, semicolons, no BOM.
    resaved = _fill_csv(tmp_path / "b.csv", {3: "Late"}, encoding="cp1252", delimiter=";")
    assert [m.status for m in read_attendance(resaved, _context(), today=TODAY)] == ["late"]
    utf16 = _fill_csv(tmp_path / "c.csv", {4: "absent"}, encoding="utf-16")
    assert [m.infant_id for m in read_attendance(utf16, _context(), today=TODAY)] == ["I-0003"]


def test_every_bad_row_reported_at_once(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    header = ",".join(COLUMNS)
    lines = [header,
             "MAIN-2026-03-A-M1,I-0001,,,,here,,,,",          # 2: fine
             "MAIN-2026-03-A-M1,I-0002,,,,maybe,,,,",         # 3: impossible status
             "MAIN-2099-01-Z-M1,I-0001,,,,attended,,,,",      # 4: unknown session
             "MAIN-2026-03-A-M1,I-9999,,,,attended,,,,",      # 5: unknown infant
             "MAIN-2026-03-A-M4,I-0001,,,,attended,,,,",      # 6: session in the future
             "MAIN-2026-03-A-M2,I-0004,,,,attended,,,,",      # 7: not in that cohort
             "MAIN-2026-03-B-M2,I-0004,,,,attended,,,,",      # 8: cancelled session
             "MAIN-2026-03-A-M2,I-0001,,,,attended,,,,",      # 9: fine
             "MAIN-2026-03-A-M2,I-0001,,,,absent,,,,",        # 10: contradicts row 9
             "MAIN-2026-03-A-M2,I-0001,,,,Attended,,,,",      # 11: same again: fine
             "MAIN-2026-03-A-M4,I-0002,,,,,,,,",              # 12: blank status: skipped
             ",I-0003,,,,late,,,,"]                            # 13: no session id
    lines[1] = lines[1].replace("here", "attended")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert _problems(path) == [
        "row 3, column \"status\": 'maybe' is not a status; use one of: attended, late, "
        "absent, excused, individual visit",
        "row 4, column \"session_id\": unknown session 'MAIN-2099-01-Z-M1' ('groupwcc sessions "
        "list' shows the ids)",
        "row 5, column \"infant_id\": unknown infant 'I-9999'",
        "row 6, column \"status\": session MAIN-2026-03-A-M4 is on 2026-07-07, after today "
        "(2026-05-10); record it once it has taken place",
        "row 7, column \"infant_id\": infant I-0004 is not in cohort MAIN-2026-03-A; for a "
        "make-up visit use 'groupwcc attendance visit'",
        "row 8, column \"status\": session MAIN-2026-03-B-M2 was cancelled; nothing can be "
        "recorded for it",
        "row 10, column \"status\": I-0001 at MAIN-2026-03-A-M2 is also on row 9 as "
        "'attended'; keep one row",
        "row 13, column \"session_id\": no session id ('groupwcc sessions list' shows the ids)",
    ]


def test_workbook_problems_name_the_tab(tmp_path: Path) -> None:
    path = _fill_workbook(tmp_path / "bad.xlsx", {
        ("MAIN-2026-03-A-M2", 2): "came", ("MAIN-2026-03-A-M4", 4): "attended",
        ("MAIN-2026-03-A-M1", 3): 7})
    assert _problems(path) == [
        "sheet \"MAIN-2026-03-A-M1\", row 3, column \"status\": '7' is not a status; use one "
        "of: attended, late, absent, excused, individual visit",
        "sheet \"MAIN-2026-03-A-M2\", row 2, column \"status\": 'came' is not a status; use "
        "one of: attended, late, absent, excused, individual visit",
        "sheet \"MAIN-2026-03-A-M4\", row 4, column \"status\": session MAIN-2026-03-A-M4 is on "
        "2026-07-07, after today (2026-05-10); record it once it has taken place",
    ]


def test_ids_typed_in_other_case_and_apostrophes_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("session_id,infant_id,status\n main-2026-03-a-m1 ,i-0001,'-\n"
                    "MAIN-2026-03-A-M1,I-0002,attended\n", encoding="utf-8")
    problems = _problems(path)
    # "-" is no code, so it is not repeated (readers/echo.py).
    assert problems == ["row 2, column \"status\": this value is not a status; use one of: "
                        "attended, late, absent, excused, individual visit"]
    path.write_text("Session ID,Infant ID,Status\nmain-2026-03-a-m1,i-0001,LATE\n")
    assert read_attendance(path, _context(), today=TODAY) == [
        Mark("MAIN-2026-03-A-M1", "I-0001", "late")]


@pytest.mark.parametrize(("content", "message"), [
    (b"", "is empty"),
    (b"   \n\n", "is empty"),
    (b"\x00\x01\x02binary\x00junk", "does not look like a CSV text file"),
    (b"name,phone\nAda,555\n", "row 1 does not name the columns session_id, infant_id, status"),
])
def test_unusable_csv_files(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "sheet.csv"
    path.write_bytes(content)
    with pytest.raises(AttendanceError, match=message):
        read_attendance(path, _context(), today=TODAY)


def test_missing_status_column_is_located(tmp_path: Path) -> None:
    path = tmp_path / "sheet.csv"
    path.write_text("session_id,infant_id,notes\nMAIN-2026-03-A-M1,I-0001,x\n")
    assert _problems(path) == ['row 1: missing column(s) "status"']


def test_unusable_workbooks(tmp_path: Path) -> None:
    fake = tmp_path / "sheet.xlsx"
    fake.write_bytes(b"PK\x03\x04 this is not really a zip file")
    with pytest.raises(AttendanceError, match="not a readable Excel workbook"):
        read_attendance(fake, _context(), today=TODAY)
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "README"  # type: ignore[union-attr]
    book.create_sheet("My notes")["A1"] = "remember the snacks"
    book.save(tmp_path / "other.xlsx")
    with pytest.raises(AttendanceError, match="has no attendance tab"):
        read_attendance(tmp_path / "other.xlsx", _context(), today=TODAY)
    old = tmp_path / "sheet.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(AttendanceError, match="cannot read .xls files"):
        read_attendance(old, _context(), today=TODAY)
    with pytest.raises(AttendanceError, match="no file"):
        read_attendance(tmp_path / "missing.csv", _context(), today=TODAY)


def test_a_pasted_row_is_never_repeated_in_messages(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    pasted = "Wren Quillfeather, 555-0100, 2026-03-01, " * 3
    path.write_text(f'session_id,infant_id,status\nMAIN-2026-03-A-M1,I-0001,"{pasted}"\n')
    (problem,) = _problems(path)
    assert "Wren" not in problem and "555-0100" not in problem
    assert problem.startswith('row 2, column "status": this value is not a status')


_CELLS = st.one_of(st.none(), st.text(st.characters(blacklist_categories=("Cc", "Cs")),
                                      max_size=30), st.integers(-10**12, 10**12),
                   st.floats(allow_nan=True), st.sampled_from(
                       ["attended", "LATE", "MAIN-2026-03-A-M1", "I-0001", "=1+1", "'-x"]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400), header=st.booleans())
def test_any_csv_bytes_read_or_fail_with_a_user_error(tmp_path: Path, data: bytes,
                                                       header: bool) -> None:
    path = tmp_path / "sheet.csv"
    path.write_bytes((b"session_id,infant_id,status\n" if header else b"") + data)
    try:
        read_attendance(path, _context(), today=TODAY)
    except AttendanceError:
        pass


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(_CELLS, min_size=0, max_size=6), max_size=8))
def test_any_workbook_cells_read_or_fail_with_a_user_error(tmp_path: Path,
                                                           rows: list[list[object]]) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "MAIN-2026-03-A-M1"  # type: ignore[union-attr]
    sheet.append(["session_id", "infant_id", "status", "notes"])  # type: ignore[union-attr]
    for row in rows:
        sheet.append(row)  # type: ignore[union-attr]
    path = tmp_path / "sheet.xlsx"
    book.save(path)
    try:
        read_attendance(path, _context(), today=TODAY)
    except AttendanceError:
        pass


def test_notes_in_windows_1252_are_read_and_undecodable_bytes_refused(tmp_path: Path) -> None:
    # Before one policy, 0x81 became U+FFFD in the notes without a word; now it is refused.
    header = "session_id,infant_id,status,notes\n"
    good = tmp_path / "good.csv"
    good.write_bytes((header + "MAIN-2026-03-A-M1,I-0001,late,llegó “tarde”\n").encode("cp1252"))
    assert read_attendance(good, _context(), today=TODAY) == [
        Mark("MAIN-2026-03-A-M1", "I-0001", "late", "llegó “tarde”")]
    bad = tmp_path / "bad.csv"
    bad.write_bytes(header.encode() + b"MAIN-2026-03-A-M1,I-0001,late,ab\x81c\n")
    with pytest.raises(AttendanceError) as caught:
        read_attendance(bad, _context(), today=TODAY)
    assert [str(p) for p in caught.value.problems] == ["row 2: byte 0x81 is not UTF-8 text"]
    assert "CSV UTF-8" in (caught.value.hint or "")
