"""The pandas breakdown tables (exporters.report_tables) on the hand-worked case of
tests/report_case.py, small-cell suppression, and the funder exports (XLSX, CSV)."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

import pytest
from report_case import LABELS, ORDER, PERIOD, cohorts, infants, records, reference, w30_statuses

from groupwcc.core.report_rows import (
    ReportRows,
    mark_rows,
    on_time_rows,
    retention_rows,
    w30_rows,
)
from groupwcc.exporters.report_funder import (
    HEADER_ROW,
    funder_csv_name,
    render_funder_csv,
    render_funder_xlsx,
)
from groupwcc.exporters.report_tables import build_tables, suppress

if TYPE_CHECKING:
    import pandas as pd


def _rows() -> ReportRows:
    every = infants()
    cohort_of = {i: c.cohort_id for c in cohorts() for i in c.infant_ids}
    return ReportRows(
        tuple(mark_rows(records(), every, PERIOD)), tuple(retention_rows(records(), every)),
        tuple(on_time_rows(list(every.values()), cohorts(), records(), reference(), ORDER,
                           PERIOD)),
        tuple(w30_rows(w30_statuses(), every, cohort_of)))


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return build_tables(_rows(), ORDER, LABELS)


def _row(table: pd.DataFrame, by: str, group: str, **more: str) -> dict[str, Any]:
    import pandas as pd

    found = table[(table["by"] == by) & (table["group"] == group)]
    for key, value in more.items():
        found = found[found[key] == value]
    assert len(found) == 1, (by, group, more)
    return {k: (None if pd.isna(v) else v) for k, v in found.iloc[0].items()}


def test_attendance_table_by_hand(tables: dict[str, pd.DataFrame]) -> None:
    t = tables["attendance"]
    assert list(t["by"].unique()) == ["program", "cohort", "site", "visit", "language"]
    # Program: 4 held sessions (B-M2 recorded nothing), 9 statuses: attended 4 (I-1 twice,
    # I-4, I-5), late 1, absent 2, excused 1, individual 1 -> 5/9 = 55.6 %, done 6/9 = 66.7 %.
    p = _row(t, "program", "all")
    assert (p["sessions"], p["infants"], p["recorded"], p["attended"], p["late"], p["absent"],
            p["excused"], p["individual_visit"]) == (4, 6, 9, 4, 1, 2, 1, 1)
    assert (p["attendance_pct"], p["visit_done_pct"]) == (55.6, 66.7)
    # Cohort A: 6 statuses, attended 2 + late 1 = 3/6 = 50.0 %; done + individual = 4/6.
    a = _row(t, "cohort", "A")
    assert (a["sessions"], a["recorded"], a["attendance_pct"], a["visit_done_pct"]) == (
        2, 6, 50.0, 66.7)
    # Site north = cohort B: B-M1 and B-M2 held, 3 statuses, 2 attended -> 66.7 %.
    n = _row(t, "site", "north")
    assert (n["sessions"], n["infants"], n["recorded"], n["attendance_pct"]) == (2, 3, 3, 66.7)
    # Visit m2 (labelled): A-M2 and B-M2; attended 1, individual 1, excused 1 -> 33.3 / 66.7.
    m2 = _row(t, "visit", "2-month")
    assert (m2["sessions"], m2["recorded"], m2["attendance_pct"], m2["visit_done_pct"]) == (
        2, 3, 33.3, 66.7)
    assert list(t[t["by"] == "visit"]["group"]) == ["1-month", "2-month"]
    # English: I-1 attended twice, I-2 absent and individual, I-6 absent: 2/5 = 40.0 %, 3/5.
    en = _row(t, "language", "en")
    assert (en["sessions"], en["infants"], en["recorded"], en["attendance_pct"],
            en["visit_done_pct"]) == (3, 3, 5, 40.0, 60.0)
    es = _row(t, "language", "es")  # I-3 late + excused, I-4, I-5 attended: 3/4
    assert (es["recorded"], es["attendance_pct"]) == (4, 75.0)
    assert "unknown" not in set(t["group"])  # B-M2's empty row has no language


def test_retention_table_by_hand(tables: dict[str, pd.DataFrame]) -> None:
    t = tables["retention"]
    # Pooled: m1 4 of 4 starters present; m2 1 of 4 (only I-1 came back).
    assert [(r["visit"], r["infants"], r["present"], r["retention_pct"])
            for _, r in t[t["by"] == "visit"].iterrows()] == [
        ("1-month", 4, 4, 100.0), ("2-month", 4, 1, 25.0)]
    assert _row(t, "site", "main", visit="2-month")["retention_pct"] == 50.0  # I-1 of I-1, I-3
    assert _row(t, "cohort", "B", visit="2-month")["present"] == 0
    en = _row(t, "language", "en", visit="2-month")  # the only English starter is I-1
    assert (en["infants"], en["present"]) == (1, 1)
    es = _row(t, "language", "es", visit="2-month")
    assert (es["infants"], es["present"], es["retention_pct"]) == (3, 0, 0.0)


def test_on_time_table_by_hand(tables: dict[str, pd.DataFrame]) -> None:
    t = tables["on_time"]
    p = _row(t, "program", "all")  # 12 due (6 infants x 2 visits), 6 on time
    assert (p["infants"], p["due"], p["on_time"], p["on_time_pct"]) == (6, 12, 6, 50.0)
    assert (_row(t, "visit", "1-month")["on_time"], _row(t, "visit", "2-month")["on_time"]) == (
        4, 2)
    assert _row(t, "cohort", "A")["on_time_pct"] == 66.7   # 4 of 6
    assert _row(t, "cohort", "B")["on_time_pct"] == 33.3   # 2 of 6
    en = _row(t, "language", "en")  # I-1 both, I-2 m2 only, I-6 neither: 3 of 6
    assert (en["infants"], en["due"], en["on_time"]) == (3, 6, 3)


def test_w30_table_by_hand(tables: dict[str, pd.DataFrame]) -> None:
    t = tables["w30"]
    rate1 = _row(t, "program", "all", measure="rate 1: 6+ visits by 15 months")
    assert (rate1["infants"], rate1["met"], rate1["rate_pct"]) == (3, 2, 66.7)
    rate2 = _row(t, "program", "all", measure="rate 2: 2+ visits from 15 to 30 months")
    assert (rate2["infants"], rate2["met"], rate2["rate_pct"]) == (1, 1, 100.0)
    en = _row(t, "language", "en", measure="rate 1: 6+ visits by 15 months")
    assert (en["infants"], en["met"], en["rate_pct"]) == (2, 1, 50.0)  # I-1 met, I-2 not
    assert set(t["by"]) == {"program", "cohort", "site", "language"}


def test_suppression_blanks_small_cells_and_their_complement(
        tables: dict[str, pd.DataFrame]) -> None:
    t = suppress("attendance", tables["attendance"], 4)
    # Visits: 1-month has 6 infants, 2-month 3 (< 4): 2-month blanked for size, and 1-month
    # with it, or 2-month = program - 1-month would give it away.
    m1, m2 = _row(t, "visit", "1-month"), _row(t, "visit", "2-month")
    assert m2["recorded"] is None and m2["attendance_pct"] is None
    assert m2["note"] == "suppressed: fewer than 4 infants in this cell"
    assert m1["recorded"] is None and m1["note"].startswith("suppressed so a smaller cell")
    # Program (6 infants) stays; both cohorts (3 each) are blanked; nothing else is lost.
    p = _row(t, "program", "all")
    assert (p["recorded"], p["attendance_pct"], p["note"]) == (9, 55.6, "")
    assert _row(t, "cohort", "A")["sessions"] is None
    # Below every cell: everything shown and no note; the default of 5 hides cohorts.
    assert set(suppress("attendance", tables["attendance"], 1)["note"]) == {""}
    five = suppress("on_time", tables["on_time"], 5)
    assert _row(five, "program", "all")["due"] == 12
    assert _row(five, "cohort", "A")["due"] is None


def test_funder_csv_reads_back_with_pandas(tables: dict[str, pd.DataFrame]) -> None:
    import pandas as pd

    table = suppress("on_time", tables["on_time"], 5)
    data = render_funder_csv(table)
    assert data.startswith("\ufeff".encode())
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert list(back.columns) == ["by", "group", "infants", "due", "on_time", "on_time_pct",
                                  "note"]
    assert len(back) == len(table)  # one header row, then records: nothing else
    program = back[back["by"] == "program"].iloc[0]
    assert (program["due"], program["on_time"], program["on_time_pct"]) == (12, 6, 50.0)
    cohort_a = back[back["group"] == "A"].iloc[0]
    assert pd.isna(cohort_a["due"]) and cohort_a["note"].startswith("suppressed: fewer than 5")
    assert funder_csv_name("on_time") == "funder-on-time.csv"


def test_funder_xlsx_notice_rows_and_no_formulas(tables: dict[str, pd.DataFrame]) -> None:
    import openpyxl

    shown = {name: suppress(name, t, 5) for name, t in tables.items()}
    shown["w30"].loc[0, "group"] = "=HYPERLINK(\"http://x\")"  # hostile text stays text
    data = render_funder_xlsx(shown, program="Example Family Clinic",
                              period="2026-01-01 to 2026-06-30", min_cell_size=5)
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["attendance", "retention", "on-time", "w30"]
    for sheet in book.worksheets:
        assert "42 CFR part 2" in str(sheet["A2"].value)
        assert "fewer than 5 infants" in str(sheet["A3"].value)
        assert sheet.cell(HEADER_ROW, 1).value == "by"
        assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    w30 = book["w30"]
    assert w30.cell(HEADER_ROW + 1, 2).value == "'=HYPERLINK(\"http://x\")"
    attendance = book["attendance"]
    header = [c.value for c in attendance[HEADER_ROW]]
    first = dict(zip(header, [c.value for c in attendance[HEADER_ROW + 1]], strict=True))
    assert (first["by"], first["recorded"], first["attendance_pct"]) == ("program", 9, 55.6)


def test_other_measures_plug_in_and_are_suppressed_like_the_rest() -> None:
    from groupwcc.core.report_rows import MeasureRow

    # An invented screening measure: due for I-1..I-6 at m2; done for I-1, I-2, I-4, I-5, I-6.
    done = {1: True, 2: True, 3: False, 4: True, 5: True, 6: True}
    every = infants()
    measures = tuple(MeasureRow("caregiver mood screen done", "A" if n <= 3 else "B",
                                every[f"I-{n:04d}"].site, "m2", every[f"I-{n:04d}"].language,
                                f"I-{n:04d}", met) for n, met in done.items())
    rows = _rows()
    tables = build_tables(ReportRows(rows.marks, rows.retention, rows.on_time, rows.w30,
                                     measures), ORDER, LABELS)
    t = tables["measures"]
    p = _row(t, "program", "all")
    assert (p["infants"], p["due"], p["met"], p["met_pct"]) == (6, 6, 5, 83.3)
    assert _row(t, "visit", "2-month")["met"] == 5
    assert (_row(t, "cohort", "A")["met_pct"], _row(t, "cohort", "B")["met_pct"]) == (66.7, 100.0)
    shown = suppress("measures", t, 5)
    assert _row(shown, "program", "all")["met"] == 5
    assert _row(shown, "site", "main")["met"] is None  # 3 infants
    assert "measures" not in build_tables(rows, ORDER, LABELS)  # no rows, no table
