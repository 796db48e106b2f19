"""core.windows, the one answer to "when may this infant have visit V", checked by hand, and the
property that the flags and the follow-up list give the same individual-visit range."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from factories import make_infant
from hypothesis import given, settings
from hypothesis import strategies as st

from groupwcc.core.cohort_rules import active_members
from groupwcc.core.followup import select_follow_ups
from groupwcc.core.records import Mark, Records
from groupwcc.core.scheduling import schedule_sessions
from groupwcc.core.windows import (
    CLOSED_NOTE,
    dose_first_day,
    dose_last_day,
    individual_visit_range,
    interval_gaps,
    visit_range,
    visit_window,
)
from groupwcc.core.words import say_age
from groupwcc.models import AgeWindow, Cohort, Session
from groupwcc.readers.reference import load_reference

REF = load_reference()
NY = ZoneInfo("America/New_York")
BORN = date(2026, 1, 1)


def _range(born: date, visit: str, reference=REF):  # type: ignore[no-untyped-def]
    return visit_range(make_infant(date_of_birth=born), reference.visit(visit),
                       reference.scheduling_doses_at(visit))


def _individual(born: date, visit: str, today: date, reference=REF):  # type: ignore[no-untyped-def]
    return individual_visit_range(make_infant(date_of_birth=born), reference.visit(visit),
                                  reference.scheduling_doses_at(visit), today=today)


def _widened(visit: str, end: str):  # type: ignore[no-untyped-def]
    """The reference data with one visit window ending later (a ``visit_windows`` override)."""
    return REF.model_copy(update={"visits": tuple(
        v.model_copy(update={"window": AgeWindow(start=v.window.start, end=end)})
        if v.key == visit else v for v in REF.visits)})


# --- hand-checked ---------------------------------------------------------------------------

def test_two_month_range_for_a_baby_born_on_new_years_day() -> None:
    # 6 weeks after 2026-01-01 is 2026-02-12 (window start, and the DTaP/Hib/IPV/PCV/RV-1
    # minimum age: the vaccine reason wins on a tie). 3 months is 2026-04-01 (window end);
    # RV-1 must come before 15 weeks = 105 days = 2026-04-16, i.e. by 2026-04-15, later than
    # the window end, so the window end stands.
    rng = _range(BORN, "m2")
    assert (rng.first.day, rng.last.day) == (date(2026, 2, 12), date(2026, 4, 1))
    assert rng.first.why.startswith("below 6 weeks: 2-month vaccines (")
    assert rng.last.why == "past the 2-month window (closes at 3 months)"
    assert rng.fits(date(2026, 2, 12)) and rng.fits(date(2026, 4, 1))
    assert not rng.fits(date(2026, 2, 11)) and not rng.fits(date(2026, 4, 2))


def test_two_month_window_is_closed_on_the_first_of_june() -> None:
    """The case that disagreed: flags.csv suggested 2026-06-01, the follow-up said closed."""
    assert _individual(BORN, "m2", today=date(2026, 6, 1)) is None
    assert _range(BORN, "m2").reason(date(2026, 6, 1)) == (
        "past the 2-month window (closes at 3 months) on 2026-06-01")
    # Earlier the rest of the range is offered, from today on.
    assert _individual(BORN, "m2", today=date(2026, 3, 1)) == (date(2026, 3, 1), date(2026, 4, 1))
    assert _individual(BORN, "m2", today=date(2026, 4, 1)) == (date(2026, 4, 1), date(2026, 4, 1))
    assert _individual(BORN, "m2", today=date(2026, 4, 2)) is None


def test_rotavirus_maximum_cuts_a_widened_window() -> None:
    # A program window for m2 up to 5 months (2026-06-01): RV-1 is not started at 15 weeks
    # (2026-04-16) or later, so the last day is 2026-04-15.
    wide = _widened("m2", "5m")
    rng = _range(BORN, "m2", wide)
    assert rng.last.day == date(2026, 4, 15)
    assert rng.last.why == "15 weeks or older: RV dose 1 must be given before that age"
    assert _individual(BORN, "m2", date(2026, 4, 20), wide) is None


def test_twelve_month_vaccines_wait_for_the_first_birthday() -> None:
    # m12 window 12m..13m15d: 2027-01-01 .. 2027-02-01 + 15 days = 2027-02-16; MMR/VAR/HepA
    # from 12 months (the same day: the vaccine reason wins).
    rng = _range(BORN, "m12")
    assert (rng.first.day, rng.last.day) == (date(2027, 1, 1), date(2027, 2, 16))
    assert rng.first.why.startswith("below 12 months: 12-month vaccines")


def test_month_end_birth_uses_the_first_of_the_next_month() -> None:
    # 3 months after 30 Nov 2025 is "30 Feb", which does not exist: 1 March 2026 (CALCDT-5).
    assert visit_window(date(2025, 11, 30), REF.visit("m2")) == (date(2026, 1, 11),
                                                               date(2026, 3, 1))


def test_dose_days_use_the_scheduling_minimum_and_exclusive_maximum() -> None:
    rv1 = next(d for d in REF.doses_at("m2") if d.vaccine == "RV")
    assert dose_first_day(BORN, rv1) == date(2026, 2, 12)  # 6 weeks, no 4-day grace
    assert dose_last_day(BORN, rv1) == date(2026, 4, 15)  # the day before 15 weeks
    dtap1 = next(d for d in REF.doses_at("m2") if d.vaccine == "DTaP")
    assert dose_last_day(BORN, dtap1) is None


def test_interval_gaps_link_each_dose_to_the_visit_of_the_earlier_dose() -> None:
    gaps = interval_gaps(REF)
    assert ("m2", "4w") in gaps["m4"]  # DTaP 2 at least 4 weeks after DTaP 1
    assert "m2" not in gaps or all(earlier != "m2" for earlier, _ in gaps["m2"])


def test_age_words_are_one_function_in_both_languages() -> None:
    assert say_age("12m-4d") == "12 months minus 4 days"
    assert say_age("1y") == "1 year"
    assert say_age("12m-4d", "es") == "12 meses menos 4 días"
    assert say_age("6w", "fr") == "6 weeks"  # unknown language: English


def test_active_members_keep_the_cohort_order_and_skip_inactive_and_unknown() -> None:
    infants = {i.infant_id: i for i in (make_infant(n=1), make_infant(n=2, status="inactive"),
                                        make_infant(n=3))}
    cohort = Cohort(cohort_id="MAIN-X-A", site="main", language="en",
                    infant_ids=("I-0003", "I-0002", "I-0001", "I-0009"))
    assert [i.infant_id for i in active_members(cohort, infants)] == ["I-0003", "I-0001"]


# --- flags and follow-up agree --------------------------------------------------------------

def _session_on(day: date, visit: str) -> Session:
    start = datetime.combine(day, time(10), NY)
    return Session(session_id=f"MAIN-X-A-{visit}".upper(), cohort_id="MAIN-X-A", visit=visit,
                   start=start, end=start + timedelta(hours=2), site="main")


def _flag_and_follow_up(born: date, visit: str, today: date):  # type: ignore[no-untyped-def]
    """The infant's flag for a session held today, and its follow-up after missing it."""
    infant = make_infant(n=1, date_of_birth=born)
    cohort = Cohort(cohort_id="MAIN-X-A", site="main", language="en",
                    infant_ids=(infant.infant_id,))
    session = _session_on(today, visit)
    plan = schedule_sessions([cohort], {infant.infant_id: infant}, REF, visits=[visit],
                             slots={}, closed_days={}, timezone="America/New_York",
                             today=today, existing=[session])
    records = Records((session,), (Mark(session.session_id, infant.infant_id, "absent"),))
    found = select_follow_ups([infant], [cohort], records, REF, today=today)
    assert len(found) == 1
    return (plan.flags[0] if plan.flags else None), found[0]


def test_flag_and_follow_up_agree_for_the_new_years_baby() -> None:
    flag, follow_up = _flag_and_follow_up(BORN, "m2", date(2026, 6, 1))
    assert flag is not None
    assert (flag.suggest_from, flag.suggest_to) == (None, None)
    assert flag.reason.endswith(CLOSED_NOTE)
    assert (follow_up.suggest_from, follow_up.suggest_to, follow_up.note) == (None, None,
                                                                              CLOSED_NOTE)


@settings(max_examples=5 * settings().max_examples, deadline=None)  # CI: 500
@given(st.integers(0, 1000), st.sampled_from([v.key for v in REF.visits]),
       st.dates(date(2025, 1, 1), date(2028, 12, 31)))
def test_flag_range_and_follow_up_range_always_agree(age_days, visit, today) -> None:  # type: ignore[no-untyped-def]
    born = today - timedelta(days=age_days)
    flag, follow_up = _flag_and_follow_up(born, visit, today)
    offered = (follow_up.suggest_from, follow_up.suggest_to)
    if flag is None:  # today suits the infant: the follow-up offers a range holding today
        assert offered[0] == today and offered[1] is not None and offered[1] >= today
        return
    assert (flag.suggest_from, flag.suggest_to) == offered
    closed = offered == (None, None)
    assert flag.reason.endswith(CLOSED_NOTE) == closed
    assert (follow_up.note == CLOSED_NOTE) == closed
    if not closed:
        assert today <= offered[0] <= offered[1]
