"""Hostile input (issue 14): the readers/config items 4, 5, 6, 7, 8, 10, 14 and 15.

Each test is named after its item and checks the CLASS of defect with several variants, not
only the example from the issue. Names, phones and dates below are invented.
"""

from __future__ import annotations

import ast
import csv
import io
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from factories import make_infant

from groupwcc.config import load_config
from groupwcc.errors import AttendanceError, ConfigError, RosterError
from groupwcc.models import Session
from groupwcc.models.attendance import COLUMNS
from groupwcc.models.roster import ROSTER_COLUMNS
from groupwcc.readers.attendance import AttendanceContext, read_attendance
from groupwcc.readers.roster import read_roster

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 23)
PROGRAM = dict(sites=["main", "east"], languages=["en", "es"], today=TODAY, max_age_months=24)
ROW = {"infant_id": "I1", "family_id": "F1", "infant_first_name": "Sunny",
       "infant_last_name": "Example", "date_of_birth": "2026-03-05",
       "caregiver_first_name": "Maple", "caregiver_last_name": "Example", "site": "main"}

CONFIG = """\
program: Test Clinic
sites:
  - id: main
    name: Main
    rooms: [Room A, Room B]
slots:
  - {site: main, weekday: tuesday, start: "10:00", end: "12:00", room: Room A}
"""


# --- helpers ----------------------------------------------------------------------------------


def _roster(tmp_path: Path, rows: list[dict[str, str]], name: str = "roster.csv") -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(ROSTER_COLUMNS)
    for row in rows:
        writer.writerow([row.get(c, "") for c in ROSTER_COLUMNS])
    path = tmp_path / name
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def _roster_error(path: Path) -> RosterError:
    with pytest.raises(RosterError) as caught:
        read_roster(path, **PROGRAM)  # type: ignore[arg-type]
    return caught.value


def _config_error(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "groupwcc.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    return [str(p) for p in caught.value.problems] or [caught.value.message]


NY = ZoneInfo("America/New_York")


def _session(cohort: str, visit: str, day: date) -> Session:
    start = datetime(day.year, day.month, day.day, 10, tzinfo=NY)
    return Session(session_id=f"{cohort}-{visit.upper()}", cohort_id=cohort, visit=visit,
                   start=start, end=start + timedelta(hours=2), site="main")


A_M1 = _session("MAIN-2026-03-A", "m1", date(2026, 4, 7))
MEMBERS = [make_infant(n=n) for n in (1, 2, 3)]


def _context() -> AttendanceContext:
    return AttendanceContext(sessions={A_M1.session_id: A_M1},
                             members={"MAIN-2026-03-A": {"I-0001", "I-0002", "I-0003"}},
                             infants={"I-0001", "I-0002", "I-0003"})


def _attendance_csv(tmp_path: Path, rows: list[dict[str, str]]) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([row.get(c, "") for c in COLUMNS])
    path = tmp_path / "attendance.csv"
    path.write_bytes(buffer.getvalue().encode("utf-8-sig"))
    return path


def _attendance_problems(path: Path) -> AttendanceError:
    with pytest.raises(AttendanceError) as caught:
        read_attendance(path, _context(), today=TODAY)
    return caught.value


def _small_workbook() -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(ROSTER_COLUMNS))
    sheet.append([ROW.get(c, "") for c in ROSTER_COLUMNS])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _replace_sheet(data: bytes, path: Path, sheet_xml_chunks: list[bytes]) -> Path:
    """A copy of workbook ``data`` whose first sheet's XML is the given chunks (streamed, so
    a huge inflated sheet costs the test little memory)."""
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename == "xl/worksheets/sheet1.xml":
                with target.open(item.filename, "w", force_zip64=True) as out:
                    for chunk in sheet_xml_chunks:
                        out.write(chunk)
            else:
                target.writestr(item, source.read(item.filename))
    return path


_SHEET_HEAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
               b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any openpyxl parse fail the test: the limits must be checked before it."""
    import openpyxl

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the workbook was parsed before its size was checked")

    monkeypatch.setattr(openpyxl, "load_workbook", refuse)
    monkeypatch.setattr("openpyxl.reader.excel.load_workbook", refuse)


# --- item 4 -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("column", "value"), [
    ("site", "Harbor Fakely"), ("site", "Fakely"), ("site", "555-0116"),
    ("site", "2025-03-01"), ("language", "Harbor Fakely"), ("language", "Fakely"),
    ("language", "555-0116"), ("keep_apart_with", "555-0116"),
    ("keep_apart_with", "Harbor Fakely"), ("keep_apart_with", "F1;Fakely Harbor"),
    ("status", "Harbor Fakely"), ("group_consent", "Harbor Fakely"),
    ("group_consent", "555-0116"),
])
def test_item_04_no_personal_data_in_site_language_keep_apart_errors(
        tmp_path: Path, column: str, value: str):
    path = _roster(tmp_path, [ROW, {**ROW, "infant_id": "I2", "family_id": "F2",
                                    column: value}])
    error = _roster_error(path)
    text = str(error)
    for part in value.replace(";", " ").split():
        if part != "F1":
            assert part not in text
    assert [p.where for p in error.problems] == [f'row 3, column "{column}"']


def test_item_04_code_like_typos_are_still_echoed_with_the_allowed_values(tmp_path: Path):
    path = _roster(tmp_path, [{**ROW, "site": "mian", "language": "fr"}])
    messages = [p.message for p in _roster_error(path).problems]
    assert messages[0].startswith('unknown site "mian"; known sites: main, east')
    assert messages[1].startswith('unknown language "fr"; known languages: en, es')


@pytest.mark.parametrize(("column", "value"), [
    ("status", "Harbor Fakely"), ("status", "Fakely"), ("status", "555-0116"),
    ("infant_id", "Harbor Fakely"), ("infant_id", "Fakely"), ("infant_id", "555-0116"),
    ("session_id", "Harbor Fakely"), ("session_id", "555-0116"),
])
def test_item_04_no_personal_data_in_attendance_status_or_infant_id_errors(
        tmp_path: Path, column: str, value: str):
    row = {"session_id": A_M1.session_id, "infant_id": "I-0001", "status": "attended",
           column: value}
    error = _attendance_problems(_attendance_csv(tmp_path, [row]))
    text = str(error)
    for part in value.split():
        assert part.casefold() not in text.casefold()
    assert [p.where for p in error.problems] == [f'row 2, column "{column}"']


def test_item_04_a_tab_renamed_after_a_family_is_named_by_its_position(tmp_path: Path):
    path = _workbook(tmp_path / "a.xlsx", {A_M1.session_id: "Harbor Fakely"})
    from openpyxl import load_workbook

    book = load_workbook(path)
    book["Harbor Fakely"].cell(row=2, column=COLUMNS.index("status") + 1, value="Fakely")
    book.save(path)
    error = _attendance_problems(path)
    assert "Fakely" not in str(error)
    assert [p.where for p in error.problems] == ['tab 2, row 2, column "status"']


def test_item_04_a_header_with_a_line_separator_is_named_by_its_column(tmp_path: Path):
    path = _roster(tmp_path, [{**ROW, "site": "Harbor Fakely"}])
    path.write_text(path.read_text(encoding="utf-8").replace("site", "si\u2028te", 1),
                    encoding="utf-8")
    error = _roster_error(path)
    assert [p.where for p in error.problems] == ['row 2, column "site"']


@pytest.mark.parametrize(("column", "value", "message"), [
    ("date_of_birth", "13/05/2025", "this value is not a date: dates are read as month/day/year"),
    ("date_of_birth", "2025-02-30", "this value is not a real date"),
    ("enrolled_on", "5550116", "this value is not a date"),
    ("gestational_age_weeks", "45", "this value is outside 22–44 weeks"),
])
def test_item_04_dates_and_gestational_ages_are_never_echoed(
        tmp_path: Path, column: str, value: str, message: str):
    error = _roster_error(_roster(tmp_path, [{**ROW, column: value}]))
    assert error.problems[0].message.startswith(message)
    assert value not in str(error) and "2025" not in str(error).replace("2026", "")


def test_item_04_code_like_attendance_values_are_echoed(tmp_path: Path):
    row = {"session_id": A_M1.session_id, "infant_id": "I-0009", "status": "attnded"}
    error = _attendance_problems(_attendance_csv(tmp_path, [row]))
    assert "'attnded' is not a status" in str(error)


@pytest.mark.parametrize(("text", "echoed"), [
    ("main", True), ("MAIN-2026-03-A-M4", True), ("I-0001", True), ("fr", True), ("m4", True),
    ("Harbor Fakely", False), ("Fakely", False), ("555-0116", False), ("5550116", False),
    ("(555) 0116", False), ("2025-03-01", False), ("3/5/2025", False), ("x" * 41, False),
    ("Jos\u00e9", False), ("a\u202eb", False), ("F-1;F-2", False), ("FAKELY", False),
    ("Smith-Jones", False), ("555-0116x2", False), ("1001", True), ("attnded", True),
    # The documented limit: one lower-case word cannot be told from a code.
    ("fakely", True),
])
def test_item_04_the_echo_rule_is_the_documented_one(text: str, echoed: bool):
    from groupwcc.readers.echo import looks_like_code

    assert looks_like_code(text) is echoed


def test_item_04_a_valid_birth_date_is_never_echoed(tmp_path: Path):
    path = _roster(tmp_path, [{**ROW, "date_of_birth": "2020-03-05"},
                              {**ROW, "infant_id": "I2", "date_of_birth": "2027-01-09"}])
    text = str(_roster_error(path))
    assert "2020-03-05" not in text and "2027-01-09" not in text
    assert 'row 2, column "date_of_birth": is more than 24 months before today' in text


# --- item 5 -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "line", "field"), [
    (CONFIG.replace("slots:", "  - id: MAIN\n    name: Other\nslots:"), 6, "sites.1.id"),
    (CONFIG.replace("[Room A, Room B]", "[Room A, room a]"), 5, "sites.0.rooms.1"),
    (CONFIG + '  - {site: main, weekday: tuesday, start: "10:00", end: "12:00", '
              "room: Room A}\n", 8, "slots.1"),
    (CONFIG + "visits: [m1, m2, M2]\n", 8, "visits.2"),
    (CONFIG + "languages: [en, es, EN]\n", 8, "languages.2"),
    (CONFIG + "visit_windows:\n  m4: {start: 3m, end: 5m}\n  M4: {start: 3m, end: 5m}\n", 10,
     "visit_windows.M4"),
])
def test_item_05_ids_that_differ_only_in_case_are_refused(
        tmp_path: Path, text: str, line: int, field: str):
    problems = _config_error(tmp_path, text)
    assert len(problems) == 1
    assert problems[0].startswith(f"groupwcc.yaml:{line}: {field}: ")
    assert "twice" in problems[0]


# --- item 6 -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("window", "message"), [
    ("{start: 5m, end: 3m}", "end 3m is before start 5m"),
    ("{start: 4m, end: 4m-1d}", "end 4m-1d is before start 4m"),
    ("{start: 1y, end: 11m}", "end 11m is before start 1y"),
    ("{start: 3m, end: soon}", "'soon' is not an age expression"),
])
def test_item_06_reversed_visit_window_is_refused_at_load(
        tmp_path: Path, window: str, message: str):
    problems = _config_error(tmp_path, CONFIG + f"visit_windows:\n  m4: {window}\n")
    assert len(problems) == 1
    assert problems[0].startswith("groupwcc.yaml:9: visit_windows.m4")
    assert message in problems[0]


def test_item_06_a_one_day_window_is_allowed(tmp_path: Path):
    path = tmp_path / "groupwcc.yaml"
    path.write_text(CONFIG + "visit_windows:\n  m4: {start: 4m, end: 4m}\n", encoding="utf-8")
    assert load_config(path).visit_windows["m4"].end == "4m"


# --- item 7 -----------------------------------------------------------------------------------


def test_item_07_zip_bomb_workbooks_are_refused_before_parsing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    # 1 MB of padding per chunk, 64 chunks: 64 MB of XML that deflates to well under 1 MB.
    padding = b" " * (1 << 20)
    bomb = _replace_sheet(_small_workbook(), tmp_path / "bomb.xlsx",
                          [_SHEET_HEAD, *[padding] * 64, b"<sheetData/></worksheet>"])
    assert bomb.stat().st_size < 1 << 20
    _no_parsing(monkeypatch)
    roster_error = _roster_error(bomb)
    assert "compress" in str(roster_error) and "limit" in str(roster_error)
    attendance = tmp_path / "bomb-attendance.xlsx"
    attendance.write_bytes(bomb.read_bytes())
    error = _attendance_problems(attendance)
    assert "compress" in str(error)


def test_item_07_total_uncompressed_size_is_bounded(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from groupwcc.readers import workbook_limits

    monkeypatch.setattr(workbook_limits, "MAX_UNCOMPRESSED", 2000)
    path = tmp_path / "roster.xlsx"
    path.write_bytes(_small_workbook())
    _no_parsing(monkeypatch)
    text = str(_roster_error(path))
    assert "uncompressed" in text and "2,000 bytes" in text


@pytest.mark.parametrize(("dimension", "words"), [
    ('<dimension ref="A1:R8000000"/>', "8,000,000 rows"),
    ('<dimension ref="A1:XFD2"/>', "16,384 columns"),
    ("<x:dimension ref='$A$1:$C$200001'/>", "200,001 rows"),
    ('<dimension ref="A1:AMK2"/>', "1,025 columns"),
])
def test_item_07_rows_and_columns_are_bounded_by_the_sheet_dimension(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dimension: str, words: str):
    path = _replace_sheet(_small_workbook(), tmp_path / "tall.xlsx", [
        _SHEET_HEAD, dimension.encode(), b"<sheetData/></worksheet>"])
    _no_parsing(monkeypatch)
    text = str(_roster_error(path))
    assert words in text and "at most" in text


def test_item_07_rows_are_bounded_while_reading_when_the_dimension_lies(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    import openpyxl

    from groupwcc.readers import workbook_limits

    monkeypatch.setattr(workbook_limits, "MAX_ROWS", 5)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(ROSTER_COLUMNS))
    for n in range(10):
        sheet.append([{**ROW, "infant_id": f"I{n}"}.get(c, "") for c in ROSTER_COLUMNS])
    path = tmp_path / "roster.xlsx"
    book.save(path)
    # Remove the dimension element so only the streaming count can catch the size.
    data = path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        xml = source.read("xl/worksheets/sheet1.xml")
    start = xml.index(b"<dimension")
    xml = xml[:start] + xml[xml.index(b"/>", start) + 2:]
    lying = _replace_sheet(data, tmp_path / "lying.xlsx", [xml])
    assert "more than 5 rows" in str(_roster_error(lying))


# --- item 8 -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("change", "line", "field", "what"), [
    (("program: Test Clinic", 'program: "Test\\rClinic"'), 1, "program", "U+000D"),
    (("program: Test Clinic", 'program: "Test\\nBEGIN:VEVENT"'), 1, "program", "U+000A"),
    (("program: Test Clinic", 'program: "Test\\tClinic"'), 1, "program", "U+0009"),
    (("name: Main", 'name: "Ma\\u202ein"'), 4, "sites.0.name", "U+202E"),
    (("name: Main", 'name: "Main\\x85"'), 4, "sites.0.name", "U+0085"),
    (("[Room A, Room B]", '[Room A, "Room\\u2028B"]'), 5, "sites.0.rooms.1", "U+2028"),
    (("program: Test Clinic", 'program: Test Clinic\ncalendar: {title_template: "a\\u2029b"}'),
     2, "calendar.title_template", "U+2029"),
    (("program: Test Clinic", 'program: "Test\\u200bClinic"'), 1, "program", "U+200B"),
])
def test_item_08_control_characters_in_config_strings_are_refused(
        tmp_path: Path, change: tuple[str, str], line: int, field: str, what: str):
    problems = _config_error(tmp_path, CONFIG.replace(*change))
    assert len(problems) == 1
    assert problems[0].startswith(f"groupwcc.yaml:{line}: {field}: ")
    assert what in problems[0]
    assert "\r" not in problems[0] and "\n" not in problems[0]


def test_item_08_binary_values_cannot_smuggle_control_characters(tmp_path: Path):
    # !!binary QQ1C is "A\rB": pydantic would turn the bytes into text.
    problems = _config_error(tmp_path, CONFIG + "calendar: {title_template: !!binary QQ1C}\n")
    assert problems == ["groupwcc.yaml:8: calendar.title_template: a binary value (!!binary) is "
                        "not allowed; write plain text"]


def test_item_08_control_characters_in_config_keys_are_refused(tmp_path: Path):
    problems = _config_error(tmp_path, CONFIG + 'visit_windows: {"m4\\r": {start: 3m, end: 5m}}\n')
    assert any(p.startswith("groupwcc.yaml:8: visit_windows") and "U+000D" in p
               for p in problems)


def test_item_08_no_assert_statements_guard_anything_in_the_package():
    found = []
    for path in sorted((ROOT / "groupwcc").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found += [f"{path.relative_to(ROOT)}:{node.lineno}" for node in ast.walk(tree)
                  if isinstance(node, ast.Assert)]
    assert found == []


# --- item 10 ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("extra", "field"), [
    ("session_minutes: -60", "session_minutes"),
    ("session_minutes: 0", "session_minutes"),
    ("session_minutes: 100000000", "session_minutes"),
    ("session_minutes: true", "session_minutes"),
    ("calendar: {reminder_minutes: 100000000000000000000}", "calendar.reminder_minutes"),
    ("calendar: {reminder_minutes: -5}", "calendar.reminder_minutes"),
    ("cohorts: {min_size: true}", "cohorts.min_size"),
    ("cohorts: {max_size: 1000}", "cohorts.max_size"),
    ("cohorts: {max_spread_days: false}", "cohorts.max_spread_days"),
    ("cohorts: {assign_slots: 1}", "cohorts.assign_slots"),
    ("max_enrol_age_months: true", "max_enrol_age_months"),
    ("calendar: {include_closures: \"yes\"}", "calendar.include_closures"),
])
def test_item_10_numbers_are_bounded_and_strict(tmp_path: Path, extra: str, field: str):
    problems = _config_error(tmp_path, CONFIG + extra + "\n")
    assert len(problems) == 1
    assert problems[0].startswith(f"groupwcc.yaml:8: {field}: ")


def test_item_10_a_session_may_not_run_past_midnight(tmp_path: Path):
    problems = _config_error(tmp_path, CONFIG.replace('"10:00", end: "12:00"',
                                                      '"22:00", end: "23:00"')
                             + "session_minutes: 180\n")
    assert problems[0].startswith("groupwcc.yaml:8: session_minutes: ")
    assert "midnight" in problems[0]


@pytest.mark.parametrize(("text", "line", "key"), [
    ("program: A\nprogram: B\nsites: []\n", 2, "program"),
    (CONFIG.replace("room: Room A}", "room: Room A, site: main}"), 7, "site"),
    (CONFIG + "cohorts:\n  min_size: 4\n  max_size: 8\n  min_size: 2\n", 11, "min_size"),
])
def test_item_10_duplicate_yaml_keys_are_refused(
        tmp_path: Path, text: str, line: int, key: str):
    problems = _config_error(tmp_path, text)
    assert len(problems) == 1
    assert problems[0].startswith(f"groupwcc.yaml:{line}: ")
    assert f'"{key}"' in problems[0] and "twice" in problems[0]


def test_item_10_duplicate_keys_are_refused_in_every_yaml_file(tmp_path: Path):
    from groupwcc.errors import CurriculumError
    from groupwcc.readers.yamlfile import load_yaml_with_lines

    path = tmp_path / "curriculum.yaml"
    path.write_text("visits:\n  m1:\n    title: A\n    title: B\n", encoding="utf-8")
    with pytest.raises(CurriculumError) as caught:
        load_yaml_with_lines(path, error_class=CurriculumError)
    assert "curriculum.yaml:4" in str(caught.value)


# --- item 14 ----------------------------------------------------------------------------------


@pytest.mark.parametrize("char", ["\u200b", "\u202e", "\u2028", "\u2029", "\u2066", "\ufeff",
                                  "\u200f", "\u00ad", "\U000e0041", "\x1b", "\x85"])
@pytest.mark.parametrize("column", ["infant_first_name", "caregiver_last_name",
                                    "caregiver_preferred_name", "phone", "infant_id"])
def test_item_14_invisible_characters_in_roster_names_are_refused(
        tmp_path: Path, char: str, column: str):
    value = f"Sun{char}ny"
    path = _roster(tmp_path, [{**ROW, column: value}])
    error = _roster_error(path)
    assert [p.where for p in error.problems] == [f'row 2, column "{column}"']
    assert f"U+{ord(char):04X}" in error.problems[0].message
    assert "Sun" not in str(error)


def test_item_14_invisible_characters_in_xlsx_rosters_are_refused(tmp_path: Path):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(list(ROSTER_COLUMNS))
    book.active.append([{**ROW, "infant_last_name": "Exa\u202emple"}.get(c, "")
                        for c in ROSTER_COLUMNS])
    path = tmp_path / "roster.xlsx"
    book.save(path)
    error = _roster_error(path)
    assert [p.where for p in error.problems] == ['row 2, column "infant_last_name"']
    assert "Exa" not in str(error)


@pytest.mark.parametrize("char", ["\u202e", "\u200b", "\u2028", "\x1b", "\x85"])
def test_item_14_invisible_characters_in_attendance_notes_are_refused(tmp_path: Path, char: str):
    row = {"session_id": A_M1.session_id, "infant_id": "I-0001", "status": "attended",
           "notes": f"called Fakely{char} back"}
    error = _attendance_problems(_attendance_csv(tmp_path, [row]))
    assert [p.where for p in error.problems] == ['row 2, column "notes"']
    assert "Fakely" not in str(error)


def test_item_14_scripts_that_need_joiners_are_kept(tmp_path: Path):
    # Zero-width (non-)joiners are part of Persian and Indic spelling; they stay allowed.
    infants = read_roster(_roster(tmp_path, [{**ROW, "infant_first_name": "Mi\u200cna"}]),
                          **PROGRAM)  # type: ignore[arg-type]
    assert infants[0].first_name == "Mi\u200cna"


# --- item 15 ----------------------------------------------------------------------------------


def _workbook(path: Path, rename: dict[str, str]) -> Path:
    from openpyxl import load_workbook

    from groupwcc.exporters.workbook import render_workbook

    book = load_workbook(io.BytesIO(render_workbook([(A_M1, MEMBERS, "1-month")])))
    book[A_M1.session_id].cell(row=2, column=COLUMNS.index("status") + 1, value="attended")
    for old, new in rename.items():
        book[old].title = new
    book.save(path)
    return path


@pytest.mark.parametrize("name", ["readme", "README", "Readme "])
def test_item_15_attendance_tab_is_found_by_its_header_not_its_name(tmp_path: Path, name: str):
    path = _workbook(tmp_path / "a.xlsx", {"README": "About", A_M1.session_id: name})
    marks = read_attendance(path, _context(), today=TODAY)
    assert [(m.session_id, m.status) for m in marks] == [(A_M1.session_id, "attended")]


def test_item_15_a_workbook_without_any_header_is_an_error(tmp_path: Path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "readme"
    book.active.append(["Attendance workbook"])
    book.create_sheet("notes").append(["session", "child", "state"])
    book.save(tmp_path / "a.xlsx")
    error = _attendance_problems(tmp_path / "a.xlsx")
    assert "no attendance tab" in error.message and "session_id" in error.message


@pytest.mark.parametrize(("text", "what"), [
    ('"Welcome\\u202e"', "U+202E"), ('"Line\\rbreak"', "U+000D"), ('"a\\u2028b"', "U+2028"),
])
def test_item_08_control_characters_in_curricula_are_refused(tmp_path: Path, text: str,
                                                               what: str):
    from groupwcc.errors import CurriculumError
    from groupwcc.readers.curriculum import builtin_curriculum_path, load_curriculum

    source = builtin_curriculum_path("en").read_text(encoding="utf-8")
    path = tmp_path / "curriculum.yaml"
    path.write_text(_with_text(source, text), encoding="utf-8")
    with pytest.raises(CurriculumError) as caught:
        load_curriculum(path)
    assert any(what in str(p) for p in caught.value.problems)


def _with_text(source: str, text: str) -> str:
    """The curriculum with its first block title replaced by ``text``."""
    import re

    return re.sub(r"(?m)^(\s+title: ).*$", lambda m: m.group(1) + text, source, count=1)


def test_item_08_the_text_check_survives_alias_bombs_and_recursive_lists():
    with pytest.raises(ConfigError) as caught:
        load_config(ROOT / "tests" / "fixtures" / "hostile" / "config-alias-bomb.yaml")
    assert "program: Input should be a valid string" in str(caught.value)


def test_item_06_a_reversed_window_in_the_reference_data_is_refused(tmp_path: Path):
    import shutil

    from groupwcc.errors import ReferenceDataError
    from groupwcc.readers.reference import load_reference
    from groupwcc.resources import data_path

    for folder in ("shipped", "changed"):
        (tmp_path / folder).mkdir()
        for name in ("visits.yaml", "immunizations.yaml", "periodicity.yaml"):
            shutil.copy(data_path(name), tmp_path / folder / name)
    assert load_reference(folder=tmp_path / "shipped").visits  # the copy loads as shipped
    tmp_path = tmp_path / "changed"  # loads are cached per folder
    visits = (tmp_path / "visits.yaml").read_text(encoding="utf-8")
    import re

    visits, count = re.subn(r"(key: m4,.*?window: )\{[^}]*\}", r"\1{start: 5m, end: 3m}", visits)
    assert count == 1
    (tmp_path / "visits.yaml").write_text(visits, encoding="utf-8")
    with pytest.raises(ReferenceDataError) as caught:
        load_reference(folder=tmp_path)
    assert [str(p) for p in caught.value.problems] == [
        "visits.yaml: visits.m4.window: end 3m is before start 5m; the visit would have no "
        "session"]


def test_item_07_csv_rows_are_bounded_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from groupwcc.readers import workbook_limits

    monkeypatch.setattr(workbook_limits, "MAX_ROWS", 5)
    roster = _roster(tmp_path, [{**ROW, "infant_id": f"I{n}"} for n in range(10)])
    assert "more than 5 rows" in str(_roster_error(roster))
    rows = [{"session_id": A_M1.session_id, "infant_id": "I-0001", "status": ""}] * 10
    assert "more than 5 rows" in str(_attendance_problems(_attendance_csv(tmp_path, rows)))
