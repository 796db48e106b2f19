"""Corrupted rosters either parse or fail with a ``RosterError`` whose problems are located —
never another exception, never a name or phone echoed back (issue 8, "Bad input")."""

from __future__ import annotations

import csv
import io
import re
import tempfile
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from groupwcc.errors import RosterError
from groupwcc.models import Infant
from groupwcc.readers.roster import ROSTER_COLUMNS, read_roster

PROGRAM = dict(sites=["main", "east"], languages=["en", "es"], today=date(2026, 11, 23),
               max_age_months=24)
NAME = "Zqxsecret"        # in every name column: must never appear in an error
PHONE = "555-0177"
LOCATED = re.compile(r'row \d+(, column "[^"\n]*"| \(header\))?')
SETTINGS = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

JUNK = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["=1+1", "+SUM(A1:A9)", "-2+3", "@cmd", "=HYPERLINK(\"x\")", "\t", "\r",
                     "\n", "\x00", "\x1b[31m", "9" * 400, "1e308", "NaN", "-1", "0", "44.9",
                     "2026-02-30", "13/13/2026", "46086", "99999999", "yes", "", " ", ";;",
                     "main", "es", "F1", "F9", "33w9d", "\u202e", "\ufeff", '"', "a\"b"]),
    st.integers(min_value=-10**30, max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)


@st.composite
def good_rows(draw: st.DrawFn) -> list[dict[str, str]]:
    count = draw(st.integers(min_value=0, max_value=12))
    rows = []
    for n in range(count):
        born = date(2026, 1, 1).toordinal() + draw(st.integers(0, 300))
        rows.append({
            "infant_id": f"I{n}", "family_id": f"F{draw(st.integers(0, max(count - 1, 0)))}",
            "infant_first_name": NAME, "infant_last_name": NAME,
            "date_of_birth": draw(st.sampled_from(["{:%Y-%m-%d}", "{d.month}/{d.day}/{d.year}",
                                                   "{d.month:02d}/{d.day:02d}/{d:%y}"])).format(
                date.fromordinal(born), d=date.fromordinal(born)),
            "caregiver_first_name": NAME, "caregiver_last_name": NAME,
            "site": draw(st.sampled_from(["main", "east", "Main"])),
            "gestational_age_weeks": draw(st.sampled_from(["", "35", "33w2d", "40"])),
            "gestational_age_days": "",
            "language": draw(st.sampled_from(["", "en", "es", "Spanish"])),
            "group_consent": draw(st.sampled_from(["", "yes", "no", "Y", "0"])),
            "phone": PHONE, "contact_preference": "text", "keep_apart_with": "",
            "enrolled_on": "", "status": draw(st.sampled_from(["", "active", "inactive"])),
            "caregiver_preferred_name": "",
        })
    return rows


@st.composite
def corrupted_csv(draw: st.DrawFn) -> tuple[bytes, bool]:
    """CSV bytes, and whether values may have moved into other columns (then echoes are fair)."""
    rows = draw(good_rows())
    columns = list(ROSTER_COLUMNS)
    shifted = False
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["cell", "cell", "cell", "drop", "dup", "shuffle", "blank",
                                     "header-junk", "misalign", "extra"]))
        if kind == "cell" and rows:
            target = draw(st.sampled_from(rows))
            target[draw(st.sampled_from(columns))] = draw(JUNK)
        elif kind == "drop" and len(columns) > 1:
            columns.remove(draw(st.sampled_from(columns)))
        elif kind == "dup":
            columns.append(draw(st.sampled_from(columns)))
        elif kind == "shuffle":
            columns = draw(st.permutations(columns))
        elif kind == "blank":
            rows.insert(draw(st.integers(0, len(rows))), {})
        elif kind == "header-junk":
            columns[draw(st.integers(0, len(columns) - 1))] = draw(JUNK)
            shifted = True  # the header may now be found lower, in a data row
        elif kind == "misalign":
            shifted = True
        elif kind == "extra":
            columns.insert(draw(st.integers(0, len(columns))), "notes")
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=draw(
        st.sampled_from(["\n", "\r\n", "\r"])))
    writer.writerow(columns)
    for row in rows:
        cells = [row.get(c, "") for c in columns]
        if shifted and cells:
            cells = cells[1:]
        writer.writerow(cells)
    text = buffer.getvalue()
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1", "cp1252"]))
    data = text.encode(encoding, errors="replace")
    if draw(st.booleans()) and draw(st.booleans()):
        data = data[:draw(st.integers(0, len(data)))]
    return data, shifted


def check(path: Path, *, private: bool = True) -> list[Infant] | RosterError:
    """The property: a list of infants, or a RosterError that locates every problem."""
    try:
        infants = read_roster(path, **PROGRAM)  # type: ignore[arg-type]
    except RosterError as error:
        assert error.message
        assert path.name in error.message
        for problem in error.problems:
            assert LOCATED.fullmatch(problem.where), problem.where
            assert problem.message
        if private:
            assert NAME not in str(error) and PHONE not in str(error)
        return error
    assert all(isinstance(i, Infant) for i in infants)
    return infants


@given(corrupted_csv())
@SETTINGS
def test_corrupted_csv_parses_or_fails_with_located_problems(case: tuple[bytes, bool]):
    data, shifted = case
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "roster.csv"
        path.write_bytes(data)
        check(path, private=not shifted)


@given(st.binary(max_size=2000), st.sampled_from(["roster.csv", "roster.xlsx", "roster.txt"]))
@SETTINGS
def test_binary_junk_parses_or_fails_with_located_problems(data: bytes, name: str):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        assert isinstance(check(path), RosterError)


@given(st.binary(min_size=1, max_size=300), st.integers(0, 3000))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_a_damaged_workbook_fails_cleanly(junk: bytes, at: int):
    source = Path(__file__).resolve().parents[2] / "examples" / "roster.xlsx"
    data = source.read_bytes()
    at = min(at, len(data) - 1)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "roster.xlsx"
        path.write_bytes(data[:at] + junk + data[at + len(junk):])
        check(path, private=False)  # a damaged zip may still hold the example's names


XLSX_CELL = st.one_of(
    st.none(), st.booleans(),
    st.integers(min_value=-(2**40), max_value=2**40),
    st.floats(min_value=-1e12, max_value=1e12, allow_nan=False),
    st.dates(min_value=date(1900, 3, 1), max_value=date(2100, 1, 1)),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(2100, 1, 1)),
    st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), max_size=30),
    JUNK.filter(lambda s: not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", s)),
)


@given(st.data())
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_xlsx_with_cells_of_any_type_parses_or_fails_with_located_problems(data: st.DataObject):
    openpyxl = pytest.importorskip("openpyxl")
    columns = data.draw(st.lists(st.sampled_from(ROSTER_COLUMNS), min_size=0, max_size=20))
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(columns)
    for _ in range(data.draw(st.integers(0, 8))):
        sheet.append([data.draw(XLSX_CELL) for _ in columns])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "roster.xlsx"
        book.save(path)
        check(path, private=False)


@given(good_rows())
@settings(max_examples=100, deadline=None)
def test_clean_rosters_always_parse_and_parse_the_same_twice(rows: list[dict[str, str]]):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "roster.csv"
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=ROSTER_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        path.write_text(buffer.getvalue(), encoding="utf-8")
        result = check(path)
        if not rows:
            assert isinstance(result, RosterError)
        else:
            assert isinstance(result, list) and len(result) == len(rows)
            assert read_roster(path, **PROGRAM) == result  # type: ignore[arg-type]
