"""``groupwcc report`` on the example program: the funder exports (suppressed by
``report.min_cell_size``, owner-only, NOTICE.txt beside them) and the capacity section in the
HTML and the PDF."""

from __future__ import annotations

import shutil
import stat
from datetime import date, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from groupwcc.cli import get_app

ROOT = Path(__file__).resolve().parents[2]
T0, T1 = "2026-11-23", "2027-01-06"
M2_B = "MAIN-2026-08-B-M2"  # held 2026-11-24 with I034..I037 (tests/test_scenario_attendance)
STATUSES = {"I034": "attended", "I035": "late", "I036": "absent", "I037": "excused"}


def _cli(folder: Path, *args: str) -> str:
    result = CliRunner().invoke(get_app(), [*args, "--config", str(folder / "groupwcc.yaml")],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def program(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example planned on T0 with the four statuses of one session recorded."""
    folder = tmp_path_factory.mktemp("report")
    for name in ("groupwcc.yaml", "roster.csv"):
        shutil.copy(ROOT / "examples" / name, folder / name)
    _cli(folder, "plan", str(folder / "roster.csv"), "--today", T0, "--out", str(folder / "out"))
    for infant, status in STATUSES.items():
        _cli(folder, "attendance", "mark", M2_B, infant, status, "--today", T1)
    return folder


def _report(folder: Path, out: str) -> Path:
    _cli(folder, "report", "--from", "2026-11-01", "--to", "2027-01-31", "--today", T1,
         "--out", str(folder / out))
    return folder / out / "report"


def _program_row(path: Path) -> dict[str, object]:
    import pandas as pd

    table = pd.read_csv(path, encoding="utf-8-sig")
    return table[table["by"] == "program"].iloc[0].to_dict()


def test_funder_files_are_private_with_a_notice_and_suppressed_by_default(program: Path) -> None:
    folder = _report(program, "out-default")
    names = ["funder-attendance.csv", "funder-on-time.csv", "funder-retention.csv",
             "funder-tables.xlsx", "funder-w30.csv"]
    for name in names:
        assert stat.S_IMODE((folder / name).stat().st_mode) == 0o600, name
    assert "42 CFR part 2" in (folder / "NOTICE.txt").read_text(encoding="utf-8")
    # One session, four infants: below the default of 5, so even the program total is blank.
    row = _program_row(folder / "funder-attendance.csv")
    assert row["recorded"] != row["recorded"]  # NaN: suppressed
    assert row["note"] == "suppressed: fewer than 5 infants in this cell"


def test_min_cell_size_from_the_config(program: Path) -> None:
    import openpyxl

    config = program / "groupwcc.yaml"
    original = config.read_text(encoding="utf-8")
    config.write_text(original + "\nreport:\n  min_cell_size: 3\n", encoding="utf-8")
    try:
        folder = _report(program, "out-three")
    finally:
        config.write_text(original, encoding="utf-8")
    # I034 attended, I035 late, I036 absent, I037 excused: 2 of 4 = 50.0 %.
    row = _program_row(folder / "funder-attendance.csv")
    assert (row["sessions"], row["infants"], row["recorded"], row["attended"], row["late"],
            row["attendance_pct"]) == (1, 4, 4, 1, 1, 50.0)
    book = openpyxl.load_workbook(folder / "funder-tables.xlsx")
    assert "fewer than 3 infants" in str(book["attendance"]["A3"].value)
    assert "42 CFR part 2" in str(book["on-time"]["A2"].value)


def test_min_cell_size_is_checked(tmp_path: Path) -> None:
    from groupwcc.config import load_config
    from groupwcc.errors import ConfigError

    text = (ROOT / "examples" / "groupwcc.yaml").read_text(encoding="utf-8")
    (tmp_path / "groupwcc.yaml").write_text(text + "\nreport: {min_cell_size: 0}\n",
                                            encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_config(tmp_path / "groupwcc.yaml")
    assert "min_cell_size" in str(error.value.problems)


def test_capacity_section_in_html_and_pdf(program: Path) -> None:
    from pypdf import PdfReader

    from groupwcc.api.capacity import capacity_forecast
    from groupwcc.api.context import load_program
    from groupwcc.exporters.capacity import number

    folder = _report(program, "out-capacity")
    forecast = capacity_forecast(load_program(program / "groupwcc.yaml"), today=date(2027, 1, 6),
                                 suggest=False)
    main = [r for r in forecast.rows if r.site == "main"]
    assert len(main) == 12 and main[0].month == date(2027, 1, 1)
    short = forecast.first_short["main"]
    expected = f"Site main · first short month: {short:%Y-%m}" if short else \
        "Site main · first short month: none in these months"
    html = (folder / "report.html").read_text(encoding="utf-8")
    assert "Capacity: the next 12 months" in html and expected in html
    first = main[0]
    assert (f"<tr><td>2027-01</td><td class=\"num\">{number(first.total)}</td>"
            f"<td class=\"num\">{number(first.needed['projected'])}</td>"
            f"<td class=\"num\">{first.available}</td>") in html
    pdf = "\n".join(p.extract_text() for p in PdfReader(folder / "report.pdf").pages)
    assert "Capacity: the next 12 months" in pdf and expected in pdf
    assert "2027-12" in pdf  # the twelfth month


def test_report_html_breakdowns_show_the_small_cells(program: Path) -> None:
    from groupwcc.api.context import load_program
    from groupwcc.api.report import build_report
    from groupwcc.exporters.report import render_report_html

    data = build_report(load_program(program / "groupwcc.yaml"), first=date(2026, 11, 1),
                        last=date(2027, 1, 31), today=date(2027, 1, 6),
                        now=datetime(2027, 1, 6, 12))
    html = render_report_html(data)
    # Staff-only: the site main row is shown in full (4 infants, 2 of 4 = 50.0 %).
    assert "<h3>Attendance by site and language</h3>" in html
    attendance = data.tables["attendance"]
    main = attendance[(attendance["by"] == "site") & (attendance["group"] == "main")].iloc[0]
    assert (main["infants"], main["attendance_pct"]) == (4, 50.0)
    assert "<td>site</td><td>main</td><td class=\"num\">1</td><td class=\"num\">4</td>" in html
