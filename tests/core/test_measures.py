"""Hand-checked tests for the measures and follow-up (core.records, core.attendance, core.w30,
core.followup). Every expected number is worked out in a comment."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from factories import make_infant

from groupwcc.core.attendance import (
    AttendanceRate,
    attendance_by_cohort,
    attendance_by_visit,
    on_time_visits,
    retention,
    visit_for_day,
    well_child_visits,
)
from groupwcc.core.followup import make_up_options, missed_streak, select_follow_ups
from groupwcc.core.records import Mark, Period, RecordedVisit, Records
from groupwcc.core.w30 import (
    fifteen_month_birthday,
    measure_w30,
    project,
    remaining_days,
    thirty_month_birthday,
    w30_status,
)
from groupwcc.core.windows import (
    dose_first_day,
    dose_last_day,
    individual_visit_range,
    visit_window,
)
from groupwcc.models import AgeWindow, Cohort, DoseRule, ReferenceData, Session, VisitDef

NY = ZoneInfo("America/New_York")
ORDER = ("m1", "m2", "m4", "m6", "m9", "m12")


def reference() -> ReferenceData:
    windows = {"m1": ("2w", "6w"), "m2": ("6w", "3m"), "m4": ("3m", "5m"),
               "m6": ("5m", "7m15d"), "m9": ("7m15d", "10m15d"), "m12": ("12m", "13m15d")}
    visits = tuple(VisitDef(key=k, label=f"{k[1:]}-month", nominal=k[1:] + "m",
                            window=AgeWindow(start=a, end=b)) for k, (a, b) in windows.items())
    doses = (DoseRule(vaccine="DTaP", dose=1, visit="m2", min_age="6w"),
             DoseRule(vaccine="RV", dose=1, visit="m2", min_age="6w", max_age="15w"),
             DoseRule(vaccine="DTaP", dose=2, visit="m4", min_age="10w"),
             DoseRule(vaccine="RV", dose=2, visit="m4", min_age="10w", max_age="8m"),
             DoseRule(vaccine="MMR", dose=1, visit="m12", min_age="12m"))
    return ReferenceData(visits=visits, doses=doses, screenings=())


def session(cohort: str, visit: str, day: date, *, status: str = "scheduled", site: str = "main",
            virtual: str | None = None) -> Session:
    start = datetime(day.year, day.month, day.day, 10, 0, tzinfo=NY)
    return Session(session_id=f"{cohort}-{visit.upper()}", cohort_id=cohort, visit=visit,
                   start=start, end=start + timedelta(hours=2), site=site,
                   room=None if virtual else "Room A", virtual_link=virtual,
                   status=status)  # type: ignore[arg-type]


def marks(session_id: str, **statuses: str) -> list[Mark]:
    return [Mark(session_id, infant.replace("_", "-"), status)
            for infant, status in statuses.items()]


# --- W30 birthdays -----------------------------------------------------------------------------


@pytest.mark.parametrize(("born", "b15", "b30"), [
    # 2025-03-15: 1st birthday 2026-03-15; +90 d: 16 (to Mar 31) + 30 (Apr) + 31 (May) = 77,
    # +13 = 90 -> 2026-06-13. 2nd birthday 2027-03-15; +180: 77 to May 31, +30 Jun = 107,
    # +31 Jul = 138, +31 Aug = 169, +11 -> 2027-09-11.
    (date(2025, 3, 15), date(2026, 6, 13), date(2027, 9, 11)),
    # Leap-day baby: birthdays on 1 March (add_months: a missing day -> 1st of next month).
    # 2025-03-01 + 90: Apr 1 is +31, May 1 +61, May 30 +90. 2026-03-01 + 180: Apr 1 +31,
    # May 1 +61, Jun 1 +92, Jul 1 +122, Aug 1 +153, Aug 28 +180.
    (date(2024, 2, 29), date(2025, 5, 30), date(2026, 8, 28)),
    # 28 Feb before a leap day: 2024-02-28 + 90 crosses 29 Feb: Mar 1 +2, Apr 1 +33,
    # May 1 +63, May 28 +90. 2nd birthday 2025-02-28 + 180: Mar 1 +1, Apr 1 +32, May 1 +62,
    # Jun 1 +93, Jul 1 +123, Aug 1 +154, Aug 27 +180.
    (date(2023, 2, 28), date(2024, 5, 28), date(2025, 8, 27)),
    # Month end: 2026-01-31 + 90: Feb 1 +1, Mar 1 +29, Apr 1 +60, May 1 +90.
    # 2027-01-31 + 180: May 1 +90, Jun 1 +121, Jul 1 +151, Jul 30 +180.
    (date(2025, 1, 31), date(2026, 5, 1), date(2027, 7, 30)),
    # New Year's Eve: 2025-12-31 + 90: Jan 31 +31, Feb 28 +59, Mar 31 +90.
    # 2026-12-31 + 180: Mar 31 +90, Apr 30 +120, May 31 +151, Jun 29 +180.
    (date(2024, 12, 31), date(2026, 3, 31), date(2027, 6, 29)),
    # Born 2026-11-30, first birthday 2027-11-30 + 90: Dec 31 +31, Jan 31 +62, Feb 28 +90
    # (2028 is a leap year, so Feb 28 is +90 and Feb 29 would be +91).
    (date(2026, 11, 30), date(2028, 2, 28), date(2029, 5, 29)),
])
def test_w30_birthdays(born: date, b15: date, b30: date) -> None:
    assert fifteen_month_birthday(born) == b15
    assert thirty_month_birthday(born) == b30


def test_thirty_month_birthday_of_a_late_november_baby() -> None:
    # 2nd birthday 2028-11-30 + 180: Dec 31 +31, Jan 31 +62, Feb 28 +90 (2029 not leap),
    # Mar 31 +121, Apr 30 +151, May 29 +180.
    assert thirty_month_birthday(date(2026, 11, 30)) == date(2029, 5, 29)


# --- W30 counting and projection ---------------------------------------------------------------


@pytest.mark.parametrize(("done", "remaining", "expected"), [
    (6, 0, "met"), (7, 2, "met"),
    (4, 3, "on track"),   # needs 2, 3 left: can miss one
    (4, 2, "at risk"),    # needs 2, 2 left: must attend both
    (4, 1, "cannot meet"),
    (0, 0, "cannot meet"),
])
def test_projection_rule(done: int, remaining: int, expected: str) -> None:
    assert project(done, remaining, 6) == expected


def test_w30_counts_distinct_dates_and_the_birthday_edges() -> None:
    infant = make_infant(date_of_birth=date(2024, 2, 29))  # b15 2025-05-30, b30 2026-08-28
    done = [date(2024, 3, 10), date(2024, 3, 10),  # same date twice: one visit
            date(2024, 4, 20), date(2024, 7, 1), date(2024, 9, 2), date(2025, 1, 5),
            date(2025, 5, 30),  # on the 15-month birthday: rate 1
            date(2025, 5, 31),  # the day after: rate 2
            date(2026, 8, 28),  # on the 30-month birthday: rate 2
            date(2026, 8, 29)]  # after: neither
    status = w30_status(infant, done, [], period=Period(date(2025, 1, 1), date(2026, 12, 31)),
                        today=date(2026, 12, 31))
    assert (status.visits_rate1, status.visits_rate2) == (6, 2)
    assert status.met1 and status.met2
    assert status.in_rate1 and status.in_rate2
    assert (status.projection1, status.projection2) == (None, None)  # both birthdays passed


def test_w30_denominator_follows_the_period_and_today() -> None:
    infant = make_infant(date_of_birth=date(2025, 3, 15))  # b15 2026-06-13, b30 2027-09-11
    year = Period(date(2026, 1, 1), date(2026, 12, 31))
    before = w30_status(infant, [], [], period=year, today=date(2026, 6, 12))
    assert not before.in_rate1 and before.pending1 and not before.in_rate2
    after = w30_status(infant, [], [], period=year, today=date(2026, 6, 13))
    assert after.in_rate1 and not after.pending1
    other_year = w30_status(infant, [], [], period=Period(date(2025, 1, 1), date(2025, 12, 31)),
                            today=date(2026, 7, 1))
    assert not other_year.in_rate1 and not other_year.pending1


def test_w30_projection_counts_remaining_sessions_before_the_birthday() -> None:
    infant = make_infant(date_of_birth=date(2025, 3, 15))  # b15 2026-06-13
    done = [date(2025, 4, 20), date(2025, 5, 20), date(2025, 7, 15)]  # 3 visits, needs 3 more
    today = date(2025, 8, 1)
    remaining = [date(2025, 9, 16), date(2025, 12, 16),
                 date(2026, 6, 13),   # on the birthday: counts
                 date(2026, 6, 20)]   # after it: counts for rate 2 only
    status = w30_status(infant, done, remaining, period=Period(today, today), today=today)
    assert status.projection1 == "at risk"  # 3 needed, exactly 3 left
    assert status.projection2 == "cannot meet"  # 1 session in (b15, b30], 2 needed
    fewer = w30_status(infant, done, remaining[:2], period=Period(today, today), today=today)
    assert fewer.projection1 == "cannot meet"
    more = w30_status(infant, done, [*remaining, date(2026, 3, 1)], period=Period(today, today),
                      today=today)
    assert more.projection1 == "on track"
    inactive = w30_status(make_infant(date_of_birth=date(2025, 3, 15), status="inactive"), done,
                          remaining, period=Period(today, today), today=today)
    assert inactive.projection1 is None


# --- attendance, retention ---------------------------------------------------------------------


def _three_sessions() -> Records:
    a1 = session("A", "m1", date(2026, 4, 7), status="held")
    a2 = session("A", "m2", date(2026, 5, 5), status="held")
    b1 = session("B", "m1", date(2026, 4, 9))  # not marked held, but has attendance
    future = session("A", "m4", date(2026, 7, 7))
    recorded = (marks("A-M1", I_1="attended", I_2="late", I_3="absent", I_4="attended")
                + marks("A-M2", I_1="attended", I_2="excused", I_3="attended",
                        I_4="individual visit")
                + marks("B-M1", I_5="attended", I_6="absent"))
    return Records((a1, a2, b1, future), tuple(recorded))


def test_attendance_per_cohort_and_visit() -> None:
    records = _three_sessions()
    by_cohort = {r.key: r for r in attendance_by_cohort(records)}
    # A: 8 marks over 2 sessions; present = attended 4 + late 1 = 5 -> 5/8.
    assert by_cohort["A"].sessions == 2 and by_cohort["A"].recorded == 8
    assert by_cohort["A"].rate == pytest.approx(5 / 8)
    # completed adds the individual visit: 6/8.
    assert by_cohort["A"].completed_rate == pytest.approx(6 / 8)
    assert by_cohort["B"].rate == pytest.approx(1 / 2)
    by_visit = attendance_by_visit(records, ORDER)
    assert [r.key for r in by_visit] == ["m1", "m2"]
    # m1: A 3 present of 4, B 1 of 2 -> 4/6.
    assert by_visit[0].rate == pytest.approx(4 / 6) and by_visit[0].sessions == 2
    assert by_visit[1].counts["excused"] == 1


def test_attendance_period_and_empty_rate() -> None:
    records = _three_sessions()
    may = attendance_by_cohort(records, Period(date(2026, 5, 1), date(2026, 5, 31)))
    assert [(r.key, r.sessions, r.recorded) for r in may] == [("A", 1, 4)]
    assert AttendanceRate("x", 1, {}).rate is None


def test_retention_follows_the_first_session_s_families() -> None:
    records = _three_sessions()
    # A started with I-1, I-2, I-4 present (I-3 absent). At m2 present: I-1, I-3 -> of the
    # starters only I-1: 1/3. B started with I-5: m1 is 1/1. m1 pooled: 4/4.
    points = {p.visit: p for p in retention(records, ORDER)}
    assert (points["m1"].base, points["m1"].present) == (4, 4)
    assert (points["m2"].base, points["m2"].present) == (3, 1)
    assert points["m2"].rate == pytest.approx(1 / 3)
    assert [p.visit for p in retention(records, ORDER, last=date(2026, 4, 30))] == ["m1"]


# --- well-child visits, windows, on time -------------------------------------------------------


def test_visit_window_and_vaccine_limits_at_month_end() -> None:
    ref = reference()
    born = date(2025, 11, 30)
    # m2 window 6w..3m: 6 weeks = 2026-01-11; 3 months after 30 Nov is 30 Feb, which does
    # not exist -> 1 March 2026.
    assert visit_window(born, ref.visit("m2")) == (date(2026, 1, 11), date(2026, 3, 1))
    # m2 doses: DTaP-1 and RV-1 from 6 weeks; RV-1 before 15 weeks (2026-03-15).
    assert max(dose_first_day(born, d) for d in ref.doses_at("m2")) == date(2026, 1, 11)
    assert [dose_last_day(born, d) for d in ref.doses_at("m2") if d.max_age] == [
        date(2026, 3, 14)]
    assert ref.doses_at("m9") == ()  # no doses at m9: only the window limits it
    assert visit_for_day(born, date(2026, 2, 1), ref, ORDER) == "m2"
    # m9 ends at 10m15d (2026-10-15), m12 starts at 12m (2026-11-30): 2026-11-01 is in none.
    assert visit_for_day(born, date(2026, 11, 1), ref, ORDER) is None
    assert visit_for_day(born, date(2026, 11, 30), ref, ORDER) == "m12"


def test_individual_visit_status_counts_once() -> None:
    records = _three_sessions()
    visits = well_child_visits("I-4", records)
    # I-4: attended m1 (2026-04-07), individual visit at m2 on the session date.
    assert [(v.day, v.visit, v.kind) for v in visits] == [
        (date(2026, 4, 7), "m1", "group"), (date(2026, 5, 5), "m2", "individual")]
    dated = Records(records.sessions, records.marks,
                    (RecordedVisit("I-4", date(2026, 5, 12), "m2"),))
    assert [v.day for v in well_child_visits("I-4", dated)] == [date(2026, 4, 7),
                                                               date(2026, 5, 12)]


def test_on_time_visits() -> None:
    ref = reference()
    born = date(2026, 3, 1)  # m1 window 2026-03-15..2026-04-12; m2 2026-04-12..2026-06-01
    infants = [make_infant(n=n, date_of_birth=born) for n in (1, 2, 3, 4)]
    infants.append(make_infant(n=9, date_of_birth=born, enrolled_on=date(2026, 5, 1)))
    infants.append(make_infant(n=10, date_of_birth=born))  # cohort B starts 2026-05-12
    infants.append(make_infant(n=11, date_of_birth=born))  # in no cohort, nothing recorded
    cohorts = [Cohort(cohort_id="A", site="main", language="en",
                      infant_ids=("I-0001", "I-0002", "I-0003", "I-0004", "I-0009")),
               Cohort(cohort_id="B", site="main", language="en", infant_ids=("I-0010",))]
    records = Records(
        (session("A", "m1", date(2026, 4, 7), status="held"),
         session("A", "m2", date(2026, 6, 2), status="held"),  # one day after the m2 window
         session("B", "m2", date(2026, 5, 12))),               # not recorded
        tuple(marks("A-M1", I_0001="attended", I_0002="absent", I_0003="late")
              + marks("A-M2", I_0001="attended")),
        (RecordedVisit("I-0002", date(2026, 4, 10)),        # unknown visit, inside m1 window
         RecordedVisit("I-0004", date(2026, 5, 20), "m2")))  # individual m2 visit in window
    period = Period(date(2026, 1, 1), date(2026, 6, 30))
    result = {r.visit: r for r in on_time_visits(infants, cohorts, records, ref, ("m1", "m2"),
                                                 period)}
    # m1: due I-1..I-4 (followed from A's first session 04-07); not I-9 (enrolled 05-01, after
    # the window closed), not I-10 (its cohort starts 05-12), not I-11 (never followed).
    # On time: I-1 attended, I-2 individual visit 04-10, I-3 late -> 3 of 4.
    assert (result["m1"].due, result["m1"].on_time) == (4, 3)
    # m2 (closes 06-01): due I-1..I-4, I-9, I-10 = 6; only I-4 (individual, 05-20) on time:
    # the group session on 06-02 was one day late.
    assert (result["m2"].due, result["m2"].on_time) == (6, 1)
    early = on_time_visits(infants, cohorts, records, ref, ("m2",),
                           Period(date(2026, 1, 1), date(2026, 5, 31)))
    assert early[0].due == 0  # window closes 06-01, outside the period


def test_measure_w30_rates() -> None:
    born_a, born_b = date(2024, 2, 29), date(2025, 3, 15)  # b15 2025-05-30 / 2026-06-13
    a, b = make_infant(n=1, date_of_birth=born_a), make_infant(n=2, date_of_birth=born_b)
    visits = tuple(RecordedVisit("I-0001", date(2024, m, 1)) for m in (4, 5, 6, 7, 8, 9))
    visits += (RecordedVisit("I-0002", date(2025, 5, 1)),)
    cohort = Cohort(cohort_id="A", site="main", language="en", infant_ids=("I-0002",))
    later = tuple(session("A", v, d) for v, d in (("m6", date(2025, 9, 16)),
                                                  ("m9", date(2025, 12, 16))))
    records = Records(later, (), visits)
    statuses, rates = measure_w30([b, a], [cohort], records,
                                  period=Period(date(2025, 1, 1), date(2025, 12, 31)),
                                  today=date(2025, 8, 1))
    assert [s.infant_id for s in statuses] == ["I-0001", "I-0002"]
    # A turns 15 m on 2025-05-30 with 6 visits: in rate 1, met. B turns 15 m in 2026.
    assert (rates.rate1_denominator, rates.rate1_numerator, rates.rate1) == (1, 1, 1.0)
    assert rates.rate2_denominator == 0 and rates.rate2 is None
    # B: 1 visit, 2 sessions left before 2026-06-13, 5 needed -> cannot meet.
    assert statuses[1].projection1 == "cannot meet"
    assert rates.projections["rate1"]["cannot meet"] == 1


# --- follow-up ---------------------------------------------------------------------------------


def _follow_up_records(*extra: Session) -> tuple[list, list[Cohort], Records]:
    born = date(2026, 3, 1)  # m2 window 2026-04-12 .. 2026-06-01; RV-1 before 2026-06-14
    infants = [make_infant(n=n, date_of_birth=born) for n in (1, 2, 3, 4)]
    infants.append(make_infant(n=5, date_of_birth=born, status="inactive"))
    cohorts = [Cohort(cohort_id="A", site="main", language="en",
                      infant_ids=("I-0001", "I-0002", "I-0003", "I-0004", "I-0005")),
               Cohort(cohort_id="B", site="main", language="en", infant_ids=()),
               Cohort(cohort_id="C", site="main", language="es", infant_ids=()),
               Cohort(cohort_id="V", site="east", language="en", infant_ids=())]
    sessions = (session("A", "m1", date(2026, 4, 7), status="held"),
                session("A", "m2", date(2026, 5, 5), status="held"),
                session("A", "m4", date(2026, 7, 7)), *extra)
    recorded = (marks("A-M1", I_0001="attended", I_0002="absent", I_0003="absent",
                      I_0004="absent", I_0005="absent")
                + marks("A-M2", I_0001="excused", I_0002="attended", I_0003="absent",
                        I_0005="absent"))
    return infants, cohorts, Records(sessions, tuple(recorded))


def test_missed_streak() -> None:
    _, _, records = _follow_up_records()
    today = date(2026, 5, 10)
    assert [s.visit for s in missed_streak("I-0001", records, today)] == ["m2"]
    assert missed_streak("I-0002", records, today) == []  # came back at m2
    assert [s.visit for s in missed_streak("I-0003", records, today)] == ["m1", "m2"]
    # I-0004 has no mark at m2: skipped, so its most recent recorded session is m1 (absent).
    assert [s.visit for s in missed_streak("I-0004", records, today)] == ["m1"]


def test_follow_up_selection_order_and_make_up_options() -> None:
    options = (session("B", "m2", date(2026, 5, 12)),                   # fits
               session("C", "m2", date(2026, 5, 14)),                   # fits, other language
               session("V", "m2", date(2026, 5, 19), site="east", virtual="https://x"),
               session("E", "m2", date(2026, 5, 20), site="east"),      # other site: no
               session("F", "m2", date(2026, 6, 2)),                    # after the window: no
               session("G", "m2", date(2026, 5, 8), status="cancelled"))  # cancelled: no
    infants, cohorts, records = _follow_up_records(*options)
    found = select_follow_ups(infants, cohorts, records, reference(), today=date(2026, 5, 10))
    # I-0003 missed two in a row and comes first; then I-0001, I-0004; I-0005 is inactive.
    assert [f.infant_id for f in found] == ["I-0003", "I-0001", "I-0004"]
    first = found[0]
    assert first.in_a_row == 2 and first.visit == "m2"
    assert first.next_session is not None and first.next_session.session_id == "A-M4"
    # Same language (B) first, then the virtual session, then C (Spanish) last.
    assert [o.session_id for o in first.options] == ["B-M2", "V-M2", "C-M2"]
    assert first.options[1].virtual and first.suggest_from is None
    # I-0004 missed m1 (window 2026-03-15..2026-04-12, closed): no options, no range.
    assert found[2].options == () and found[2].suggest_from is None
    assert "closed" in found[2].note


def test_individual_visit_range_when_no_session_fits() -> None:
    infants, cohorts, records = _follow_up_records()
    found = select_follow_ups(infants, cohorts, records, reference(), today=date(2026, 5, 10))
    first = found[0]
    # m2 window 2026-04-12..2026-06-01, vaccines from 6 weeks (2026-04-12), RV-1 before
    # 2026-06-14; clipped to today 2026-05-10 -> 2026-05-10 .. 2026-06-01.
    assert first.options == ()
    assert (first.suggest_from, first.suggest_to) == (date(2026, 5, 10), date(2026, 6, 1))


def test_individual_range_is_cut_by_the_rotavirus_maximum_age() -> None:
    ref = reference()
    # A program that widened the 2-month window to 4 months (visit_windows override).
    wide = ref.model_copy(update={"visits": tuple(
        v.model_copy(update={"window": AgeWindow(start="6w", end="4m")}) if v.key == "m2" else v
        for v in ref.visits)})
    infant = make_infant(date_of_birth=date(2026, 3, 31))
    # 6 weeks: 2026-05-12. 4 months: 31 July. RV-1 before 15 weeks = 105 days = 2026-07-14,
    # so the last suggested day is 2026-07-13.
    assert _individual(infant, "m2", wide, today=date(2026, 5, 1)) == (
        date(2026, 5, 12), date(2026, 7, 13))
    # The default window ends at 3 months: 31 June does not exist -> 1 July.
    assert _individual(infant, "m2", ref, today=date(2026, 5, 1)) == (
        date(2026, 5, 12), date(2026, 7, 1))
    # m4 window 3m..5m = 2026-07-01 .. 2026-08-31; once today is past it -> None.
    assert _individual(infant, "m4", ref, today=date(2026, 9, 1)) is None


def _individual(infant, visit: str, ref: ReferenceData, *, today: date):  # type: ignore[no-untyped-def]
    return individual_visit_range(infant, ref.visit(visit), ref.scheduling_doses_at(visit), today=today)


def test_made_up_by_an_individual_visit_and_make_up_vaccine_floor() -> None:
    infants, cohorts, records = _follow_up_records()
    made_up = Records(records.sessions, records.marks,
                      (RecordedVisit("I-0001", date(2026, 5, 8), "m2"),))
    found = select_follow_ups(infants, cohorts, made_up, reference(), today=date(2026, 5, 10))
    assert "I-0001" not in [f.infant_id for f in found]
    # A session before this infant is 6 weeks old is refused even inside another's window.
    young = make_infant(n=7, date_of_birth=date(2026, 4, 1))  # 6 weeks on 2026-05-13
    missed = session("A", "m2", date(2026, 5, 5), status="held")
    early = Records((missed, session("B", "m2", date(2026, 5, 12)),
                     session("C", "m2", date(2026, 5, 13))))
    options = make_up_options(young, missed, early, reference(), today=date(2026, 5, 10),
                              own_cohort="A")
    assert [o.session_id for o in options] == ["C-M2"]


def test_virtual_sessions_do_not_count_for_w30() -> None:
    # Telehealth visits are excluded from the W30 numerator from MY 2025 (clinical-facts §2.2).
    infant = make_infant(n=1, date_of_birth=date(2026, 3, 1))  # b15 2027-05-30
    cohort = Cohort(cohort_id="A", site="main", language="en", infant_ids=("I-0001",))
    held = (session("A", "m1", date(2026, 4, 7), status="held"),
            session("A", "m2", date(2026, 5, 5), status="held", virtual="https://v"))
    ahead = (session("A", "m4", date(2026, 7, 7)),
             session("A", "m6", date(2026, 9, 8), virtual="https://v"))
    records = Records(held + ahead, tuple(marks("A-M1", I_0001="attended")
                                          + marks("A-M2", I_0001="attended")))
    assert [v.kind for v in well_child_visits("I-0001", records)] == ["group", "virtual"]
    (status,), _ = measure_w30([infant], [cohort], records, period=Period(date(2027, 1, 1),
                               date(2027, 12, 31)), today=date(2026, 6, 1))
    # Counted: M1 only; left: M4 only (M6 is virtual) -> 1 + 1 < 6.
    assert (status.visits_rate1, status.projection1) == (1, "cannot meet")
    assert remaining_days("I-0001", cohort, records, date(2026, 6, 1)) == [date(2026, 7, 7)]
