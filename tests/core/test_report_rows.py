"""The report's tidy rows (core.report_rows) on the hand-worked case in tests/report_case.py,
and their agreement with the report's own measures when summed."""

from __future__ import annotations

from report_case import ORDER, PERIOD, cohorts, infants, records, reference, w30_statuses

from groupwcc.core.attendance import OnTime, attendance_by_cohort, on_time_visits, retention
from groupwcc.core.report_rows import (
    mark_rows,
    on_time_rows,
    on_time_totals,
    retention_rows,
    w30_rows,
)


def test_mark_rows_one_per_status_and_one_for_a_session_with_none() -> None:
    rows = mark_rows(records(), infants(), PERIOD)
    # 9 recorded statuses + B-M2, held with nothing recorded.
    assert len(rows) == 10
    empty = [r for r in rows if r.status is None]
    assert [(r.session_id, r.infant_id, r.present, r.visit_done) for r in empty] == [
        ("B-M2", None, False, False)]
    i2 = {r.session_id: (r.language, r.present, r.visit_done) for r in rows
          if r.infant_id == "I-0002"}
    assert i2 == {"A-M1": ("en", False, False), "A-M2": ("en", False, True)}


def test_mark_rows_sum_to_attendance_by_cohort() -> None:
    rows = mark_rows(records(), infants(), PERIOD)
    for rate in attendance_by_cohort(records(), PERIOD):
        mine = [r for r in rows if r.cohort == rate.key]
        assert len({r.session_id for r in mine}) == rate.sessions
        assert sum(r.status is not None for r in mine) == rate.recorded
        assert sum(r.present for r in mine) == rate.present


def test_retention_rows_by_hand() -> None:
    rows = retention_rows(records(), infants())
    # A starts with I-1 (attended) and I-3 (late); B with I-4 and I-5 (B-M2 recorded nothing).
    assert [(r.cohort, r.visit, r.infant_id, r.present) for r in rows] == [
        ("A", "m1", "I-0001", True), ("A", "m1", "I-0003", True),
        ("A", "m2", "I-0001", True), ("A", "m2", "I-0003", False),
        ("B", "m1", "I-0004", True), ("B", "m1", "I-0005", True),
        ("B", "m2", "I-0004", False), ("B", "m2", "I-0005", False)]
    pooled = {p.visit: (p.base, p.present) for p in retention(records(), ORDER)}
    assert pooled == {"m1": (4, 4), "m2": (4, 1)}
    for visit, (base, present) in pooled.items():
        mine = [r for r in rows if r.visit == visit]
        assert (len(mine), sum(r.present for r in mine)) == (base, present)


def test_on_time_rows_by_hand_and_against_the_measure() -> None:
    every = list(infants().values())
    rows = on_time_rows(every, cohorts(), records(), reference(), ORDER, PERIOD)
    on_time = {(r.infant_id, r.visit) for r in rows if r.on_time}
    # m1 (to 04-12): I-1 attended, I-3 late, I-4/I-5 attended; m2 (to 06-01): I-1 attended,
    # I-2 seen individually at A-M2. Everyone is due for both visits: 12 rows.
    assert len(rows) == 12
    assert on_time == {("I-0001", "m1"), ("I-0003", "m1"), ("I-0004", "m1"), ("I-0005", "m1"),
                       ("I-0001", "m2"), ("I-0002", "m2")}
    measured = on_time_visits(every, cohorts(), records(), reference(), ORDER, PERIOD)
    assert [(o.visit, o.due, o.on_time) for o in measured] == [("m1", 6, 4), ("m2", 6, 2)]
    assert on_time_totals(rows, ORDER) == measured
    assert on_time_totals([], ORDER) == [OnTime("m1", 0, 0), OnTime("m2", 0, 0)]


def test_w30_rows_only_infants_in_a_denominator() -> None:
    cohort_of = {i: c.cohort_id for c in cohorts() for i in c.infant_ids}
    rows = w30_rows(w30_statuses(), infants(), cohort_of)
    assert [(r.infant_id, r.rate, r.met, r.cohort, r.site, r.language) for r in rows] == [
        ("I-0001", "rate1", True, "A", "main", "en"), ("I-0002", "rate1", False, "A", "main", "en"),
        ("I-0004", "rate1", True, "B", "north", "es"),
        ("I-0005", "rate2", True, "B", "north", "es")]
