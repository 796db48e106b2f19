"""Funder-ready exports of the report's breakdown tables: one XLSX, one CSV per table.

These are de-identified aggregates (no names, no ids, no dates of birth), small cells
suppressed (``report_tables.suppress``), but they still describe people in a Part 2 program:
``api`` writes them owner-only, and ``NOTICE.txt`` lands beside the CSVs.

XLSX: one sheet per table; the first rows carry the title, the 42 CFR Part 2 notice and the
suppression rule, then the header row and the data. Formula evaluation is off and text that a
spreadsheet would run as a formula is quote-prefixed. CSV: data only (one header row, UTF-8
with BOM), the suppression stated in each suppressed row's ``note``.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from groupwcc.exporters import labels
from groupwcc.exporters.report_tables import TITLES

if TYPE_CHECKING:
    import pandas as pd

HEADER_ROW = 5  # 1-based: title, notice, suppression rule, period, blank, then the header


def funder_csv_name(table: str) -> str:
    """``report/funder-on-time.csv`` and so on."""
    return f"funder-{table.replace('_', '-')}.csv"


def suppression_text(min_cell_size: int) -> str:
    """The rule, said once in every sheet."""
    return (f"Small cells suppressed: a cell based on fewer than {min_cell_size} infants is "
            "blank (see the note column), and so is the next smallest cell where one hidden "
            "cell could otherwise be worked out from the total. Threshold: report.min_cell_size "
            "in groupwcc.yaml.")


def _value(value: Any) -> Any:
    """A cell as plain Python: None for a missing value, int for a count."""
    import pandas as pd

    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    if hasattr(value, "item"):  # numpy scalar
        return value.item()
    return value


def _records(table: pd.DataFrame) -> list[list[Any]]:
    return [[_value(v) for v in row] for row in table.itertuples(index=False, name=None)]


def render_funder_csv(table: pd.DataFrame) -> bytes:
    """One table as CSV: the header row, then one row per cell group (text neutralised)."""
    from groupwcc.exporters.plan_tables import write_csv

    return write_csv([str(c) for c in table.columns], _records(table))


def render_funder_xlsx(tables: Mapping[str, pd.DataFrame], *, program: str, period: str,
                       min_cell_size: int) -> bytes:
    """Every table on its own sheet, each opening with the notice rows (module docstring)."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                        "strings_to_urls": False, "strings_to_numbers": False})
    book.set_properties({"title": f"{program} funder tables", "comments": labels.PART2_SHORT})
    styles = {"title": book.add_format({"bold": True, "font_size": 13}),
              "notice": book.add_format({"bold": True, "font_color": "#7A1F1F"}),
              "header": book.add_format({"bold": True, "bg_color": "#12355B",
                                         "font_color": "#FFFFFF", "border": 1})}
    for name, table in tables.items():
        sheet = book.add_worksheet(name.replace("_", "-"))
        _write_sheet(sheet, table, styles, [
            (f"{TITLES[name]} · {program}", styles["title"]),
            (labels.part2_notice("en"), styles["notice"]),
            (suppression_text(min_cell_size), None), (f"Period {period}", None)])
    book.close()
    return buffer.getvalue()


def _write_sheet(sheet: Any, table: pd.DataFrame, styles: Mapping[str, Any],
                 preamble: list[tuple[str, Any]]) -> None:
    from groupwcc.exporters.workbook import neutralise_cell

    for row, (text, style) in enumerate(preamble):
        sheet.write_string(row, 0, text, style)
    header = HEADER_ROW - 1
    sheet.write_row(header, 0, [str(c) for c in table.columns], styles["header"])
    for r, values in enumerate(_records(table), start=header + 1):
        for c, value in enumerate(values):
            if value is None:
                sheet.write_blank(r, c, None)
            elif isinstance(value, str):
                sheet.write_string(r, c, neutralise_cell(value))
            else:
                sheet.write_number(r, c, value)
    sheet.set_column(0, 0, 10)
    sheet.set_column(1, 2, 24)
    sheet.set_column(3, max(3, len(table.columns) - 2), 11)
    sheet.set_column(len(table.columns) - 1, len(table.columns) - 1, 60)
    sheet.freeze_panes(header + 1, 0)
    sheet.set_footer("&L&8" + labels.PART2_SHORT.replace("&", "&&") + "&R&8&P / &N")
