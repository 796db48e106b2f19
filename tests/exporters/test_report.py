"""The report (HTML, PNG figures) and the follow-up list (CSV, HTML): layout, privacy, safety."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

import pytest

from groupwcc.core.attendance import AttendanceRate, OnTime, RetentionPoint
from groupwcc.core.w30 import W30Rates, W30Status
from groupwcc.exporters.report import (
    FIGURES,
    FOLLOWUP_COLUMNS,
    ReportInput,
    bar_chart,
    line_chart,
    percent,
    render_followup_csv,
    render_followup_html,
    render_report_figures,
    render_report_html,
)

PNG = b"\x89PNG\r\n\x1a\n"


def _counts(**n: int) -> dict[str, int]:
    return {"attended": 0, "late": 0, "absent": 0, "excused": 0, "individual visit": 0, **n}


def _data() -> ReportInput:
    a = AttendanceRate("MAIN-2026-03-A", 2, _counts(attended=5, late=1, absent=1, excused=1))
    status = W30Status("I-0001", date(2027, 6, 13), date(2028, 9, 11), 2, 0, False, False,
                       True, False, "at risk", "on track")
    return ReportInput(
        program="Example Family Clinic", first=date(2027, 1, 1), last=date(2027, 12, 31),
        today=date(2027, 3, 1), overall=a, by_cohort=[a],
        by_visit=[AttendanceRate("m1", 1, _counts(attended=3, absent=1)),
                  AttendanceRate("m2", 1, _counts(attended=2, late=1, excused=1))],
        retention=[RetentionPoint("m1", 3, 3), RetentionPoint("m2", 3, 2)],
        on_time=[OnTime("m1", 4, 3), OnTime("m2", 0, 0)],
        w30=[status], w30_rates=W30Rates(0, 0, 0, 0, 1, 0, {
            "rate1": {"met": 0, "on track": 0, "at risk": 1, "cannot meet": 0},
            "rate2": {"met": 0, "on track": 1, "at risk": 0, "cannot meet": 0}}),
        visit_labels={"m1": "1-month", "m2": "2-month"}, cohort_of={"I-0001": "MAIN-2026-03-A"},
        generated_at=datetime(2027, 3, 1, 9, 30))


def _row(**extra: str) -> dict[str, str]:
    row = {"missed_in_a_row": "2", "caregiver": "Marigold Q.", "infant": "Wren Q.",
           "infant_id": "I-0001", "family_id": "F-01", "phone": "555-0100",
           "contact_preference": "text", "cohort_id": "MAIN-2026-03-A",
           "missed": "1-month 2026-04-07 (absent); 2-month 2026-05-05 (excused)",
           "next_session": "4-month Tue 2026-07-07 10:00",
           "make_up": "join MAIN-2026-03-B-M2 Tue 2026-05-12 10:00"}
    return row | extra


@pytest.mark.parametrize(("value", "text"), [(None, "–"), (0.625, "62.5 %"), (1.0, "100.0 %"),
                                             (0.0, "0.0 %"), (2 / 3, "66.7 %")])
def test_percent(value: float | None, text: str) -> None:
    assert percent(value) == text


def test_report_html_numbers_and_notice() -> None:
    html = render_report_html(_data())
    assert "42 CFR part 2" in html
    # Attendance of the cohort: 5 attended + 1 late of 8 recorded = 75.0 %; visit done the same.
    assert "75.0 %" in html
    assert "<td>1-month</td>" in html and "<td>2-month</td>" in html  # labels, not keys
    assert 'src="figures/attendance-by-visit.png"' in html
    assert "alt=\"Attendance by visit: 1-month 75.0 %; 2-month 75.0 %\"" in html
    assert "at risk" in html and "due later in period" not in html  # per baby: own file
    assert 'href="w30-infants.csv"' in html
    # the child's-record section (issue 19), empty here: nothing recorded
    assert "Screenings done are not recorded" not in html
    assert "No screening window closed in this period." in html


def test_report_figures_are_png_greyscale_and_reproducible() -> None:
    from matplotlib.image import imread

    figures = render_report_figures(_data())
    assert sorted(figures) == sorted(FIGURES.values())
    for data in figures.values():
        assert data.startswith(PNG)
        pixels = imread(io.BytesIO(data))[..., :3]
        # No colour anywhere: series differ by hatching and markers, so print in grey works.
        assert (abs(pixels[..., 0] - pixels[..., 1]).max() < 0.02
                and abs(pixels[..., 1] - pixels[..., 2]).max() < 0.02)
    assert render_report_figures(_data()) == figures


def test_empty_charts_say_so() -> None:
    assert bar_chart("Nothing", [], []).startswith(PNG)
    assert line_chart("Nothing", [], [("x", [])]).startswith(PNG)
    assert bar_chart("Gaps", ["a", "b"], [("s", [None, 0.5])]).startswith(PNG)


def test_followup_csv_is_safe_and_data_only() -> None:
    data = render_followup_csv([_row(caregiver="=HYPERLINK(\"http://x\") Q.")])
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert tuple(rows[0]) == FOLLOWUP_COLUMNS
    assert rows[1][FOLLOWUP_COLUMNS.index("caregiver")] == "'=HYPERLINK(\"http://x\") Q."
    assert rows[1][FOLLOWUP_COLUMNS.index("phone")] == "555-0100"
    assert len(rows) == 2  # header + record; the notice is in NOTICE.txt beside the file


def test_followup_html_escapes_and_carries_the_notice() -> None:
    html = render_followup_html([_row(caregiver="O'Neil & <Co> Q.")],
                                program="Example Family Clinic", today=date(2026, 5, 10))
    assert "O&#39;Neil &amp; &lt;Co&gt; Q." in html
    assert "42 CFR part 2" in html and "staff only" in html
    empty = render_followup_html([], program="Example Family Clinic", today=date(2026, 5, 10))
    assert "Nobody to call" in empty
