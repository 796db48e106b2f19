"""Spreadsheet files into numbered rows (readers/tabular.py), shared by the table readers."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

import pytest

from groupwcc.errors import AttendanceError, RosterError
from groupwcc.readers.tabular import cell_text, column_letter, csv_rows, read_table


def _known(cell: str) -> bool:
    return cell.strip() in {"id", "name"}


def test_csv_rows_keep_excel_row_numbers_and_skip_blank_rows(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(b"\xef\xbb\xbfTitle\n\nid;name\n ; \n1;Sunny\n")
    rows, epoch = read_table(path, error_class=RosterError, known=_known)
    assert epoch is None
    assert rows == [(1, ["Title"]), (3, ["id", "name"]), (5, ["1", "Sunny"])]


def test_xlsx_rows_keep_types_and_the_epoch(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["id", "born"])
    sheet.append([None, None])
    sheet.append([1001.0, datetime(2026, 3, 5)])
    path = tmp_path / "t.xlsx"
    book.save(path)
    rows, epoch = read_table(path, error_class=RosterError, known=_known)
    assert [n for n, _ in rows] == [1, 3]
    assert rows[1][1][0] == 1001 and rows[1][1][1] == datetime(2026, 3, 5)
    assert epoch == date(1899, 12, 30)


def test_the_callers_error_class_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(AttendanceError, match="does not exist"):
        read_table(tmp_path / "missing.csv", error_class=AttendanceError, known=_known)
    fake = tmp_path / "fake.xlsx"
    fake.write_text("id,name\n")
    with pytest.raises(AttendanceError, match=r"fake.xlsx is not an Excel workbook"):
        read_table(fake, error_class=AttendanceError, known=_known)


def test_an_unclosed_quote_is_located() -> None:
    with pytest.raises(RosterError) as caught:
        csv_rows('id,name\n1,"Sunny\n2,Maple\n', "t.csv", error_class=RosterError, known=_known)
    assert [p.where for p in caught.value.problems] == ["row 2"]
    assert "never closed" in caught.value.problems[0].message


@pytest.mark.parametrize(("value", "expected"), [
    (None, ""), ("  x ", "x"), (True, "TRUE"), (1001.0, "1001"), (1.5, "1.5"),
    (datetime(2026, 3, 5), "2026-03-05"), (datetime(2026, 3, 5, 9, 30), "2026-03-05T09:30:00"),
    (date(2026, 3, 5), "2026-03-05"), (time(9, 30), "09:30:00"), (7, "7"),
])
def test_cell_text(value: object, expected: str) -> None:
    assert cell_text(value) == expected


@pytest.mark.parametrize(("index", "letter"), [(0, "A"), (25, "Z"), (26, "AA"), (701, "ZZ"),
                                                (702, "AAA")])
def test_column_letter(index: int, letter: str) -> None:
    assert column_letter(index) == letter
