"""The roster reader: tolerant of real exports, strict about meaning, every problem located."""

from __future__ import annotations

import csv
import io
import os
import re
from datetime import date, datetime
from pathlib import Path

import pytest

from groupwcc.errors import RosterError
from groupwcc.exporters.roster_template import render_roster_template
from groupwcc.models import Infant
from groupwcc.readers.roster import (
    REQUIRED_COLUMNS,
    ROSTER_COLUMNS,
    read_roster,
)

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 23)
PROGRAM = dict(sites=["main", "east"], languages=["en", "es"], today=TODAY, max_age_months=24)
ROW = {"infant_id": "I1", "family_id": "F1", "infant_first_name": "Sunny",
       "infant_last_name": "Example", "date_of_birth": "2026-03-05",
       "caregiver_first_name": "Maple", "caregiver_last_name": "Example", "site": "main"}


def roster(tmp_path: Path, rows: list[dict[str, str]], *, header: list[str] | None = None,
           name: str = "roster.csv", encoding: str = "utf-8", delimiter: str = ",",
           before: str = "", between: str = "") -> Path:
    """A CSV roster; ``between`` is inserted between data rows (blank lines etc.)."""
    columns = header or list(ROSTER_COLUMNS)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(columns)
    lines = [buffer.getvalue()]
    for row in rows:
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerow(
            [row.get(c, "") for c in columns])
        lines.append(buffer.getvalue())
    path = tmp_path / name
    path.write_bytes((before + between.join(lines)).encode(encoding))
    return path


def row(**changes: str) -> dict[str, str]:
    return {**ROW, **changes}


def problems(path: Path, **program: object) -> list[str]:
    with pytest.raises(RosterError) as caught:
        read_roster(path, **{**PROGRAM, **program})  # type: ignore[arg-type]
    return [str(p) for p in caught.value.problems]


def read(path: Path, **program: object) -> list[Infant]:
    return read_roster(path, **{**PROGRAM, **program})  # type: ignore[arg-type]


# --- the example ------------------------------------------------------------------------------

def test_the_example_roster_reads_the_same_from_csv_and_xlsx():
    from groupwcc.config import load_config

    config = load_config(ROOT / "examples" / "groupwcc.yaml")
    program = dict(sites=[s.id for s in config.sites], languages=config.languages, today=TODAY,
                   max_age_months=config.max_enrol_age_months)
    from_csv = read_roster(ROOT / "examples" / "roster.csv", **program)  # type: ignore[arg-type]
    from_xlsx = read_roster(ROOT / "examples" / "roster.xlsx", **program)  # type: ignore[arg-type]
    assert from_csv == from_xlsx
    assert 38 <= len(from_csv) <= 44
    assert {i.site for i in from_csv} == {"main", "east"}
    assert {i.language for i in from_csv} == {"en", "es"}
    assert any(i.is_preterm for i in from_csv)
    assert sum(not i.group_consent for i in from_csv) == 1
    families: dict[str, list[Infant]] = {}
    for infant in from_csv:
        families.setdefault(infant.family_id, []).append(infant)
    twins = [f for f in families.values() if len(f) == 2]
    assert len(twins) == 1 and twins[0][0].date_of_birth == twins[0][1].date_of_birth
    apart = {i.family_id: i.keep_apart_with for i in from_csv if i.keep_apart_with}
    assert len(apart) == 2 and all(apart[other[0]] == (fam,) for fam, other in apart.items())
    births = sorted(i.date_of_birth for i in from_csv)
    assert date(2026, 2, 20) <= births[0] and births[-1] <= TODAY
    assert (births[-1] - births[0]).days >= 230  # about eight months
    assert all(re.fullmatch(r"555-01\d\d", i.phone or "") for i in from_csv)


def test_the_example_files_are_what_make_roster_writes(tmp_path: Path):
    import runpy

    script = runpy.run_path(str(ROOT / "examples" / "make_roster.py"))
    rows = script["make_rows"]()
    assert script["roster_csv"](rows) == (ROOT / "examples" / "roster.csv").read_bytes()
    script["write_xlsx"](rows, tmp_path / "again.xlsx")
    assert read(tmp_path / "again.xlsx") == read(ROOT / "examples" / "roster.xlsx")


# --- tolerant of real exports ----------------------------------------------------------------

def test_utf8_with_and_without_bom_read_the_same(tmp_path: Path):
    plain = roster(tmp_path, [row(infant_first_name="José")], name="plain.csv")
    bom = roster(tmp_path, [row(infant_first_name="José")], name="bom.csv",
                 encoding="utf-8-sig")
    assert bom.read_bytes().startswith(b"\xef\xbb\xbf")
    assert read(plain) == read(bom)
    assert read(bom)[0].first_name == "José"
    assert read(bom)[0].infant_id == "I1"  # the BOM is not part of the first header


def test_utf16_unicode_text_with_tabs(tmp_path: Path):
    path = roster(tmp_path, [row(infant_first_name="Ñandú")], encoding="utf-16", delimiter="\t")
    assert path.read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff")
    assert read(path)[0].first_name == "Ñandú"


def test_semicolon_separated(tmp_path: Path):
    path = roster(tmp_path, [row(keep_apart_with="F2;F3"), row(infant_id="I2", family_id="F2"),
                             row(infant_id="I3", family_id="F3")], delimiter=";")
    assert read(path)[0].keep_apart_with == ("F2", "F3")


@pytest.mark.parametrize(("text", "expected"), [
    ("2026-03-05", date(2026, 3, 5)),
    ("2026/3/5", date(2026, 3, 5)),
    ("3/5/2026", date(2026, 3, 5)),
    ("03/05/2026", date(2026, 3, 5)),
    ("03/05/26", date(2026, 3, 5)),
    ("12/31/25", date(2025, 12, 31)),
    ("3/5/2026 0:00", date(2026, 3, 5)),
    ("2026-03-05 00:00:00", date(2026, 3, 5)),
    ("2026-03-05T00:00:00", date(2026, 3, 5)),
    ("46086", date(2026, 3, 5)),        # an Excel serial number that lost its date format
    ("46086.0", date(2026, 3, 5)),
    ("  2026-03-05 ", date(2026, 3, 5)),
])
def test_dates_iso_us_and_excel_serials(tmp_path: Path, text: str, expected: date):
    assert read(roster(tmp_path, [row(date_of_birth=text)]))[0].date_of_birth == expected


def test_xlsx_date_cells_serial_numbers_and_numbers(tmp_path: Path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(ROSTER_COLUMNS))
    base = ["F1", "Sunny", "Example"]
    sheet.append(["I1", *base, datetime(2026, 3, 5), "Maple", "Example", "main", 33, 2, "es",
                  True, 5550101, None, None, date(2026, 3, 9), "active"])
    sheet.append([1002, *base, 46086, "Maple", "Example", "east", 35.0, 0.0, "en", "no"])
    sheet.append([1003.0, *base, 46086.75, "Maple", "Example", "main", None, None, None, False])
    sheet.append(["I4", *base, "3/5/2026", "Maple", "Example", "main"])
    path = tmp_path / "roster.xlsx"
    book.save(path)
    infants = read(path)
    assert [i.infant_id for i in infants] == ["I1", "1002", "1003", "I4"]
    assert {i.date_of_birth for i in infants} == {date(2026, 3, 5)}
    first = infants[0]
    assert (first.gestational_age_weeks, first.gestational_age_days) == (33, 2)
    assert (first.language, first.group_consent, first.phone) == ("es", True, "5550101")
    assert first.enrolled_on == date(2026, 3, 9)
    assert (infants[1].gestational_age_weeks, infants[1].gestational_age_days) == (35, 0)
    assert [i.group_consent for i in infants] == [True, False, False, True]


def test_xlsx_from_a_mac_uses_the_1904_date_system(tmp_path: Path):
    openpyxl = pytest.importorskip("openpyxl")
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    book = openpyxl.Workbook()
    book.epoch = CALENDAR_MAC_1904
    sheet = book.active
    sheet.append(list(REQUIRED_COLUMNS))
    sheet.append(["I1", "F1", "Sunny", "Example", 46086 - 1462, "Maple", "Example", "main"])
    path = tmp_path / "mac.xlsx"
    book.save(path)
    assert read(path)[0].date_of_birth == date(2026, 3, 5)


def test_xlsx_uses_the_first_sheet_and_excel_row_numbers(tmp_path: Path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(REQUIRED_COLUMNS))
    sheet.append(["I1", "F1", "Sunny", "Example", "2026-03-05", "Maple", "Example", "main"])
    sheet.append([])
    sheet.append([])
    sheet.append(["I2", "F2", "Sunny", "Example", "not a date", "Maple", "Example", "main"])
    book.create_sheet("Notes").append(["anything"])
    path = tmp_path / "roster.xlsx"
    book.save(path)
    assert problems(path) == [
        'row 5, column "date_of_birth": this value is not a date; write 2026-03-05 or '
        "3/5/2026 (month/day/year)"]


def test_headers_ignore_case_spaces_underscores_hyphens_and_accept_aliases(tmp_path: Path):
    header = ["Infant ID", "FAMILY-ID", "First Name", "last_name", "DOB", "Caregiver First Name",
              "caregiver_last_name", " Site ", "Notes", "Insurance"]
    keys = ["infant_id", "family_id", "infant_first_name", "infant_last_name", "date_of_birth",
            "caregiver_first_name", "caregiver_last_name", "site", "notes", "insurance"]
    data = {h: {**ROW, "notes": "=1+1", "insurance": "x"}[k] for h, k in zip(header, keys,
                                                                               strict=True)}
    infants = read(roster(tmp_path, [data], header=header))
    assert infants[0].first_name == "Sunny" and infants[0].date_of_birth == date(2026, 3, 5)


def test_blank_lines_stray_spaces_and_row_numbers_as_excel_shows_them(tmp_path: Path):
    path = roster(tmp_path, [row(infant_id=" I1 ", site=" main "), row(infant_id="I2"),
                             row(infant_id="I3", date_of_birth="soon")], between="\n\n")
    # header row 1, blank 2–3, I1 row 4, blank 5–6, I2 row 7, blank 8–9, I3 row 10
    assert problems(path) == ['row 10, column "date_of_birth": this value is not a date; write '
                              "2026-03-05 or 3/5/2026 (month/day/year)"]
    fixed = roster(tmp_path, [row(infant_id=" I1 ", site=" main ")], between="\n\n")
    assert (read(fixed)[0].infant_id, read(fixed)[0].site) == ("I1", "main")


def test_title_rows_above_the_header_are_skipped_and_rows_keep_their_numbers(tmp_path: Path):
    path = roster(tmp_path, [row(), row(infant_id="I2", site="west")],
                  before="Enrolment report,,,\nPrinted 11/23/2026,,,\n")
    assert [p.split(":")[0] for p in problems(path)] == ['row 5, column "site"']


def test_multiline_quoted_cell_is_one_excel_row(tmp_path: Path):
    text = ",".join(REQUIRED_COLUMNS) + ",notes\n" \
        + "I1,F1,Sunny,Example,2026-03-05,Maple,Example,main,\"two\nlines\"\n" \
        + "I2,F2,Sunny,Example,2026-03-05,Maple,Example,north,\n"
    path = tmp_path / "roster.csv"
    path.write_text(text, encoding="utf-8")
    assert [p.split(":")[0] for p in problems(path)] == ['row 3, column "site"']


@pytest.mark.parametrize(("text", "expected"), [
    ("yes", True), ("Y", True), ("TRUE", True), ("1", True), ("", True),
    ("no", False), ("n", False), ("False", False), ("0", False), (" NO ", False),
])
def test_group_consent_spellings(tmp_path: Path, text: str, expected: bool):
    assert read(roster(tmp_path, [row(group_consent=text)]))[0].group_consent is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("", (None, None)), ("35", (35, None)), ("33w2d", (33, 2)), ("33 w 2 d", (33, 2)),
    ("33+2", (33, 2)), ("33 2/7", (33, 2)), ("33 weeks", (33, None)), ("33.0", (33, None)),
])
def test_gestational_age_in_the_weeks_column(tmp_path: Path, text: str, expected: tuple):
    infant = read(roster(tmp_path, [row(gestational_age_weeks=text)]))[0]
    assert (infant.gestational_age_weeks, infant.gestational_age_days) == expected


def test_language_names_site_case_and_defaults(tmp_path: Path):
    infants = read(roster(tmp_path, [row(language="Spanish", site="MAIN"),
                                     row(infant_id="I2", language="EN", status="Inactive")]))
    assert (infants[0].language, infants[0].site, infants[0].status) == ("es", "main", "active")
    assert (infants[1].language, infants[1].status) == ("en", "inactive")


def test_twins_share_a_family_and_keep_their_own_ids(tmp_path: Path):
    path = roster(tmp_path, [row(infant_id="I1", infant_first_name="Sunny"),
                             row(infant_id="I2", infant_first_name="Maple")])
    twins = read(path)
    assert [t.family_id for t in twins] == ["F1", "F1"]
    assert [t.first_name for t in twins] == ["Sunny", "Maple"]


def test_formula_looking_text_is_kept_as_text(tmp_path: Path):
    path = roster(tmp_path, [row(infant_first_name="=HYPERLINK(\"x\")",
                                 caregiver_last_name="+Example", phone="@555-0101")])
    infant = read(path)[0]
    assert (infant.first_name, infant.caregiver_last_name, infant.phone) == (
        '=HYPERLINK("x")', "+Example", "@555-0101")


def test_the_age_limit_applies_to_active_infants_only(tmp_path: Path):
    old = "2024-11-22"  # 24 months and one day before today
    assert problems(roster(tmp_path, [row(date_of_birth=old)]))[0].startswith(
        'row 2, column "date_of_birth": is more than 24 months before today')
    assert read(roster(tmp_path, [row(date_of_birth="2024-11-23")]))  # exactly 24 months
    assert read(roster(tmp_path, [row(date_of_birth=old, status="inactive")]))
    assert problems(roster(tmp_path, [row(date_of_birth="2025-11-22")]), max_age_months=12)


def test_parsing_is_idempotent_and_round_trips(tmp_path: Path):
    path = ROOT / "examples" / "roster.csv"
    first = read(path)
    assert read(path) == first
    rows = [{"infant_id": i.infant_id, "family_id": i.family_id,
             "infant_first_name": i.first_name, "infant_last_name": i.last_name,
             "date_of_birth": f"{i.date_of_birth.month}/{i.date_of_birth.day}/"
                              f"{i.date_of_birth.year}",
             "caregiver_first_name": i.caregiver_first_name,
             "caregiver_last_name": i.caregiver_last_name, "site": i.site,
             "gestational_age_weeks": str(i.gestational_age_weeks or ""),
             "gestational_age_days": "" if i.gestational_age_days is None
             else str(i.gestational_age_days),
             "language": i.language, "group_consent": "y" if i.group_consent else "n",
             "phone": i.phone or "", "contact_preference": i.contact_preference or "",
             "keep_apart_with": ";".join(i.keep_apart_with),
             "enrolled_on": i.enrolled_on.isoformat() if i.enrolled_on else "",
             "status": i.status.upper(),
             "caregiver_preferred_name": i.caregiver_preferred_name or "",
             "caregiver_role": i.caregiver_role or ""} for i in first]
    assert read(roster(tmp_path, rows, encoding="utf-8-sig", delimiter=";")) == first


# --- strict about meaning --------------------------------------------------------------------

def test_ten_kinds_of_mistakes_give_ten_clear_lines(tmp_path: Path):
    path = roster(tmp_path, [
        row(),
        row(infant_id="I2", infant_first_name=""),                         # 1 missing value
        row(infant_id="I3", date_of_birth="March 5th"),                    # 2 not a date
        row(infant_id="I4", date_of_birth="2027-01-05"),                   # 3 in the future
        row(infant_id="I5", date_of_birth="2023-06-01"),                   # 4 too old
        row(infant_id="I6", gestational_age_weeks="19"),                   # 5 GA weeks
        row(infant_id="I1"),                                               # 6 duplicate id
        row(infant_id="I8", site="north"),                                 # 7 unknown site
        row(infant_id="I9", language="fr"),                                # 8 unknown language
        row(infant_id="I10", keep_apart_with="F99"),                       # 9 unknown family
        row(infant_id="I11", gestational_age_weeks="35", gestational_age_days="9"),  # 10 days
    ])
    assert problems(path) == [
        'row 3, column "infant_first_name": is empty; infant_first_name is required for every '
        "infant",
        'row 4, column "date_of_birth": this value is not a date; write 2026-03-05 or 3/5/2026 '
        "(month/day/year)",
        'row 5, column "date_of_birth": is after today (2026-11-23); check the year',
        'row 6, column "date_of_birth": is more than 24 months before today '
        "(2026-11-23); the program enrols infants up to 24 months old: check the date, or set "
        "status to inactive",
        'row 7, column "gestational_age_weeks": this value is outside 22–44 weeks; write the completed '
        "weeks of pregnancy at birth (a term baby is 37–41, or leave it empty)",
        'row 8, column "infant_id": the same infant_id as row 2; each infant needs its own id '
        "(twins too)",
        'row 9, column "site": unknown site "north"; known sites: main, east (the site ids in '
        "groupwcc.yaml)",
        'row 10, column "language": unknown language "fr"; known languages: en, es (add more '
        "under languages: in groupwcc.yaml)",
        'row 11, column "keep_apart_with": no row has family_id "F99"; use family ids from this '
        "roster, separated by ';'",
        'row 12, column "gestational_age_days": this value is outside 0–6 days; 7 days or more is '
        "another week (33 w 9 d is 34 w 2 d)",
    ]


def test_every_problem_of_a_row_is_reported_in_column_order(tmp_path: Path):
    path = roster(tmp_path, [row(status="gone", site="north", infant_id="", group_consent="?")])
    assert [p.split(":")[0] for p in problems(path)] == [
        'row 2, column "infant_id"', 'row 2, column "site"', 'row 2, column "group_consent"',
        'row 2, column "status"']


def test_the_error_summary_counts_problems_and_says_what_to_do(tmp_path: Path):
    with pytest.raises(RosterError) as caught:
        read(roster(tmp_path, [row(site="x"), row(infant_id="I2", site="y")]))
    assert caught.value.message == "roster.csv has 2 problem(s)"
    assert "docs/reference/roster-format.md" in (caught.value.hint or "")


def test_errors_never_echo_names_phones_or_ids(tmp_path: Path):
    path = roster(tmp_path, [
        row(infant_id="MRN-778899", infant_first_name="Secretname\x07", phone="555-0199\n2",
            caregiver_last_name="Hiddenlast" * 30, date_of_birth="tomorrow"),
        row(infant_id="MRN-778899", family_id="F2", infant_first_name="Othername")])
    text = "\n".join(problems(path))
    for private in ("Secretname", "555-0199", "Hiddenlast", "MRN-778899", "Othername"):
        assert private not in text
    # a bad date written in words is not echoed: it might be a name from a shifted column
    assert "tomorrow" not in text and 'column "date_of_birth": this value is not a date' in text


def test_missing_and_repeated_columns_are_reported_once_each(tmp_path: Path):
    header = ["infant_id", "family_id", "first_name", "infant_first_name", "date_of_birth",
              "caregiver_first_name", "site"]
    path = roster(tmp_path, [ROW], header=header)
    assert problems(path) == [
        'row 1, column "infant_first_name": column D repeats column C ("first_name", both mean '
        "infant_first_name); delete one",
        'row 1 (header): required column "infant_last_name" is missing (accepted headers: '
        "infant_last_name, last_name, child_last_name, baby_last_name; case, spaces, "
        "underscores and hyphens do not matter)",
        'row 1 (header): required column "caregiver_last_name" is missing (accepted headers: '
        "caregiver_last_name, parent_last_name; case, spaces, underscores and hyphens do not "
        "matter)",
    ]


def test_keep_apart_with_own_family_and_unknown_ones(tmp_path: Path):
    path = roster(tmp_path, [row(keep_apart_with="F1; F7 ;F8")])
    assert problems(path) == [
        'row 2, column "keep_apart_with": no row has family_id "F7", "F8"; use family ids from '
        "this roster, separated by ';'",
        'row 2, column "keep_apart_with": names this row\'s own family; list the other families '
        "only"]


@pytest.mark.parametrize(("column", "value", "message"), [
    ("date_of_birth", "25/3/2026", "this value is not a date: dates are read as month/day/year "
     "(US) and it looks day-first; swap the day and the month, or write year-month-day "
     "(2026-03-05)"),
    ("date_of_birth", "2/30/2026", 'this value is not a real date; check the day and month'),
    ("date_of_birth", "99999999", 'this value is not a date; write 2026-03-05 or 3/5/2026 '
     "(month/day/year)"),
    ("enrolled_on", "someday", 'this value is not a date; write 2026-03-05 or 3/5/2026 '
     "(month/day/year)"),
    ("gestational_age_weeks", "thirty", 'this value is not a number of weeks; write completed '
     "weeks (35, or 33 w 2 d as 33 here and 2 in gestational_age_days)"),
    ("gestational_age_days", "2.5", 'this value is not a whole number of days'),
    ("group_consent", "maybe", '"maybe" is not yes or no; write yes or no (y/n, true/false and '
     "1/0 work too; empty means yes)"),
    ("status", "moved", '"moved" is not active or inactive (empty means active)'),
    ("infant_first_name", "Sun\tny", "contains an invisible or control character, U+0009 (tab), "
     "which could change how the text prints or reads; retype the value"),
    ("caregiver_first_name", "x" * 201, "is 201 characters long (at most 200); check that the "
     "right value is in this column"),
])
def test_each_bad_value_has_a_message_that_says_what_to_write(tmp_path: Path, column: str,
                                                              value: str, message: str):
    assert problems(roster(tmp_path, [row(**{column: value})])) == [
        f'row 2, column "{column}": {message}']


def test_days_without_weeks_and_days_given_twice(tmp_path: Path):
    path = roster(tmp_path, [row(gestational_age_days="3"),
                             row(infant_id="I2", gestational_age_weeks="33w2d",
                                 gestational_age_days="2")])
    assert problems(path) == [
        'row 2, column "gestational_age_days": is filled in but gestational_age_weeks is empty; '
        "give both, or leave both empty for a term baby",
        'row 3, column "gestational_age_weeks": holds days too, and so does '
        "gestational_age_days; keep the days in one place"]


# --- files that are not rosters --------------------------------------------------------------

def _error(path: Path) -> RosterError:
    with pytest.raises(RosterError) as caught:
        read(path)
    return caught.value


def test_empty_file_and_header_only(tmp_path: Path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert _error(empty).message == "empty.csv is empty"
    blank = tmp_path / "blank.csv"
    blank.write_bytes(b"\xef\xbb\xbf\n ,,\n\n")
    assert _error(blank).message == "blank.csv is empty"
    header = roster(tmp_path, [], name="header.csv")
    assert _error(header).message == "header.csv has a header row but no infants"


def test_a_file_without_header_does_not_echo_its_first_row(tmp_path: Path):
    path = tmp_path / "noheader.csv"
    path.write_text("I1,F1,Secretname,Example,2026-03-05,Maple,Example,main\n")
    error = _error(path)
    assert error.message == "noheader.csv: no header row found"
    assert "Secretname" not in str(error)


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_excel_plain_csv_on_windows_is_read_with_its_accents(tmp_path: Path, encoding: str):
    path = roster(tmp_path, [row(), row(infant_id="I2", infant_first_name="José",
                                        caregiver_first_name="Begoña")], encoding=encoding)
    names = [(i.first_name, i.caregiver_first_name) for i in read(path)]
    assert names == [("Sunny", "Maple"), ("José", "Begoña")]


def test_windows_1252_curly_quotes_and_dashes_are_read(tmp_path: Path):
    path = roster(tmp_path, [row(infant_last_name="“Sunny”"), row(infant_id="I2",
                  infant_last_name="Smith – Example")], encoding="cp1252")
    assert [i.last_name for i in read(path)] == ["“Sunny”", "Smith – Example"]


def test_mac_roman_is_refused_not_misread(tmp_path: Path):
    # Mac Roman é is byte 0x8E, Windows-1252 Ž: read as Windows-1252 it would print JosŽ.
    path = roster(tmp_path, [row(), row(infant_id="I2", infant_first_name="José")],
                  encoding="mac_roman")
    error = _error(path)
    assert error.message == "roster.csv is not UTF-8: save as 'CSV UTF-8' in Excel"
    assert [str(p) for p in error.problems] == [
        "row 3: byte 0x8E is not UTF-8 text, and read as Windows-1252 it would put 'Ž' inside "
        "a word"]
    assert "CSV UTF-8" in (error.hint or "")


def test_binary_old_excel_and_damaged_workbooks(tmp_path: Path):
    junk = tmp_path / "junk.csv"
    junk.write_bytes(b"\x00\x01\x02\xff" * 10)
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    text = tmp_path / "text.xlsx"
    text.write_text(",".join(REQUIRED_COLUMNS))
    assert _error(junk).message.startswith("junk.csv does not look like a CSV text file")
    assert _error(old).message == ("old.xls is an old-style Excel (.xls) or password-protected "
                                   "workbook")
    assert _error(damaged).message == ("damaged.xlsx could not be opened as an Excel workbook "
                                       "(.xlsx)")
    assert _error(text).message == "text.xlsx is not an Excel workbook (.xlsx)"


def test_missing_file(tmp_path: Path):
    assert _error(tmp_path / "nope.csv").message == f"{tmp_path / 'nope.csv'} does not exist"


def test_a_stray_quote_is_located(tmp_path: Path):
    text = ",".join(REQUIRED_COLUMNS) + "\n" + "I1,F1,Sunny,Example,2026-03-05,Maple,Ex,main\n" \
        + 'I2,F2,"Sunny,Example,2026-03-05,Maple,Ex,main\n'
    path = tmp_path / "roster.csv"
    path.write_text(text)
    error = _error(path)
    assert error.message == "roster.csv cannot be read as CSV"
    assert [str(p) for p in error.problems] == [
        'row 3: a quote mark (") opens a value that is never closed, so the rest of the file '
        "reads as one value; remove the stray quote"]


# --- the template ----------------------------------------------------------------------------

def test_template_is_a_header_only_csv_with_a_bom_the_reader_accepts(tmp_path: Path):
    data = render_roster_template()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").splitlines() == [",".join(ROSTER_COLUMNS)]
    path = tmp_path / "roster.csv"
    path.write_bytes(data)
    assert _error(path).message == "roster.csv has a header row but no infants"


def test_init_writes_the_template_readable_by_the_owner_only(tmp_path: Path):
    from groupwcc.api.setup import init_program

    init_program(tmp_path / "program")
    path = tmp_path / "program" / "roster.csv"
    assert path.read_bytes() == render_roster_template()
    assert os.stat(path).st_mode & 0o777 == 0o600


def test_columns_start_with_the_required_ones_in_the_issue_order():
    assert REQUIRED_COLUMNS == ("infant_id", "family_id", "infant_first_name", "infant_last_name",
                                "date_of_birth", "caregiver_first_name", "caregiver_last_name",
                                "site")
    assert ROSTER_COLUMNS[:len(REQUIRED_COLUMNS)] == REQUIRED_COLUMNS
    assert set(ROSTER_COLUMNS) - {"infant_first_name", "infant_last_name", "due_date"} | {
        "first_name", "last_name"} == set(Infant.model_fields)


def test_a_large_roster_with_one_mistake_at_the_end(tmp_path: Path):
    rows = [row(infant_id=f"I{n}", family_id=f"F{n}") for n in range(50_000)]
    rows.append(row(infant_id="last", family_id="Flast", date_of_birth="2026-02-30"))
    assert problems(roster(tmp_path, rows)) == [
        'row 50002, column "date_of_birth": this value is not a real date; check the day and '
        "month"]
