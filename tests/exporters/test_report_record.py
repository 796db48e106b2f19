"""The report's child's-record section and chart, from the hand-counted rows of
tests/core/test_record_measure_rows.py (report_case)."""

from __future__ import annotations

from dataclasses import replace

import report_case as case
from core.test_record_measure_rows import COHORT_OF, SO_FAR, _record, _reference

from groupwcc.core.report_rows import ReportRows
from groupwcc.core.screening_measures import record_measure_rows, screenings_by_visit
from groupwcc.exporters.report import FIGURES, ReportInput, render_report_figures, report_context
from groupwcc.exporters.report_sections import record_section
from groupwcc.exporters.report_tables import build_tables, suppress


def _tables() -> tuple[dict, list[tuple[str, int, int]]]:
    rows = record_measure_rows(list(case.infants().values()), COHORT_OF, _record(),
                               _reference(), period=SO_FAR)
    built = build_tables(ReportRows((), (), (), (), tuple(rows)), case.ORDER, case.LABELS)
    return built, screenings_by_visit(rows, case.ORDER)


def test_record_section_shows_the_program_rows_and_the_visit_totals():
    tables, by_visit = _tables()
    section = record_section(tables["measures"], by_visit, case.LABELS)
    assert section["by_visit"] == [["1-month", "12", "4", "33.3 %"]]
    rows = {r[0]: r[1:] for r in section["rows"]}
    assert rows["positive screen followed up"] == ["3", "4", "3", "75.0 %"]  # I-3, I-4, I-5
    assert rows["referral seen (of those made)"] == ["2", "2", "1", "50.0 %"]
    assert rows["screening done: epds"] == ["6", "6", "3", "50.0 %"]
    assert record_section(None, [], case.LABELS)["rows"] == []


def test_funder_table_blanks_the_small_site_cells():
    tables, _ = _tables()
    shown = suppress("measures", tables["measures"], 3)
    site = shown[(shown["by"] == "site") & (shown["measure"] == "positive screen followed up")]
    # main: I-3 only (1 infant); north: I-4 and I-5 (2 infants): both under 3, both blank
    assert site["met"].isna().all() and (site["note"] != "").all()
    program = shown[(shown["by"] == "program")
                    & (shown["measure"] == "screening done: epds")].iloc[0]
    assert (program["due"], program["met"]) == (6, 3)


def test_the_screening_chart_is_drawn_and_in_the_context():
    from test_report import _data

    _, by_visit = _tables()
    data: ReportInput = replace(_data(), screening_by_visit=by_visit)
    png = render_report_figures(data)[FIGURES["screenings"]]
    assert png.startswith(b"\x89PNG")
    assert report_context(data)["record"]["by_visit"][0][0] == "1-month"
