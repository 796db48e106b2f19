"""The staff attendance workbook (XLSX) and CSV: safe cells, validation, round trip."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from exporter_fixtures import make_members, make_session

from groupwcc.exporters.workbook import (
    neutralise_cell,
    render_attendance_csv,
    render_workbook,
    sheet_name,
)
from groupwcc.models.attendance import COLUMNS, HEADER_ROW, README_SHEET, STATUSES

EVIL = '=HYPERLINK("http://x")'


def _rows():  # type: ignore[no-untyped-def]
    members = make_members()
    members[0] = members[0].model_copy(update={"first_name": EVIL})
    members[1] = members[1].model_copy(update={"caregiver_preferred_name": "+1 Junie"})
    return [(make_session("m4"), members, "4-month"), (make_session("m6"), members[:3], "6-month")]


def _open(data: bytes):  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    return load_workbook(io.BytesIO(data))


def test_tabs_header_and_rows() -> None:
    book = _open(render_workbook(_rows()))
    assert book.sheetnames == [README_SHEET, "MAIN-2026-09-A-M4", "MAIN-2026-09-A-M6"]
    sheet = book["MAIN-2026-09-A-M4"]
    header = [c.value for c in sheet[HEADER_ROW]]
    assert tuple(header) == COLUMNS
    assert sheet.max_row == HEADER_ROW + 9
    first = {h: c.value for h, c in zip(header, sheet[HEADER_ROW + 1], strict=True)}
    assert first["session_id"] == "MAIN-2026-09-A-M4" and first["status"] is None
    assert first["date"] == "2027-01-12" and first["time"] == "10:00–12:00"
    assert first["visit"] == "4-month"
    assert sheet.freeze_panes == "A2"


def test_no_formula_cells_and_evil_name_is_text() -> None:
    book = _open(render_workbook(_rows()))
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row]
    assert all(c.data_type != "f" for c in cells)
    values = [c.value for c in cells if isinstance(c.value, str)]
    assert f"{EVIL[:1]}{EVIL[1:]} Q." in values  # "=HYPERLINK(...) Q." kept as a string


def test_status_drop_down_and_notice() -> None:
    book = _open(render_workbook(_rows()))
    sheet = book["MAIN-2026-09-A-M4"]
    validations = sheet.data_validations.dataValidation
    assert len(validations) == 1
    assert validations[0].type == "list"
    assert validations[0].formula1 == '"' + ",".join(STATUSES) + '"'
    assert str(validations[0].sqref) == "F2:F10"
    readme = [c.value for c in book[README_SHEET]["A"]]
    assert any("42 CFR part 2 prohibits unauthorized disclosure" in str(v) for v in readme)


def test_sheet_names_are_short_and_unique() -> None:
    long_id = "EASTSIDE-HEALTH-2026-09-A-M12-EXTRA"
    first = sheet_name(long_id, set())
    second = sheet_name(long_id, {first})
    assert len(first) == 31 and len(second) == 31 and first != second
    assert sheet_name("A/B:C", set()) == "A_B_C"


@pytest.mark.parametrize(("value", "expected"), [
    ("=1+1", "'=1+1"), ("+1 555", "'+1 555"), ("-3", "'-3"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"), ("\rx", "'\rx"), ("Ada F.", "Ada F."), ("", ""), ("a=b", "a=b")])
def test_neutralise_cell(value: str, expected: str) -> None:
    assert neutralise_cell(value) == expected


def test_csv_has_bom_columns_and_neutralised_cells() -> None:
    data = render_attendance_csv(_rows())
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert tuple(rows[0]) == COLUMNS
    assert len(rows) == 1 + 9 + 3 + 1  # header, rows, Part 2 notice
    assert rows[-1][0].startswith("CONFIDENTIAL: 42 CFR part 2")
    infants = [r[COLUMNS.index("infant")] for r in rows[1:-1]]
    carers = [r[COLUMNS.index("caregiver")] for r in rows[1:-1]]
    assert f"'{EVIL} Q." in infants and "'+1 Junie B." in carers


@pytest.mark.skipif(shutil.which("libreoffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_reads_the_name_as_text(tmp_path: Path) -> None:
    source = tmp_path / "attendance.xlsx"
    source.write_bytes(render_workbook(_rows()))
    # The first tab is README; ask for the second (the first session) explicitly.
    subprocess.run(["libreoffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,'
                    'false,false,false,2', "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=180)
    produced = sorted(tmp_path.glob("attendance*.csv"))
    assert produced, "LibreOffice wrote no CSV"
    rows = list(csv.reader(io.StringIO(produced[0].read_text(encoding="utf-8"))))
    assert tuple(rows[0]) == COLUMNS
    infants = [r[COLUMNS.index("infant")] for r in rows[1:-1]]
    # Evaluated as a formula it would read "http://x"; as text it keeps the typed value.
    assert f"{EVIL} Q." in infants and "http://x" not in infants
