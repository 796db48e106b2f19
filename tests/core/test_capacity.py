"""The capacity model against a program worked out by hand."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from factories import make_infant

from groupwcc.core.capacity import (
    Group,
    capacity_rows,
    cohort_groups,
    enrolment_rate,
    first_short_month,
    group_births,
    groups_from_births,
    projected_groups,
    sessions_available,
    visit_month,
)
from groupwcc.models import Cohort, CohortPolicy, Session, Slot
from groupwcc.readers.reference import load_reference

TODAY = date(2027, 2, 1)  # a Monday
TUESDAY = Slot(site="main", weekday="tuesday", start=time(10), end=time(12), room="Room A")
CLOSED = {"main": [date(2027, 3, 16)]}  # a Tuesday


@pytest.fixture(scope="module")
def visits():  # type: ignore[no-untyped-def]
    reference = load_reference()
    return [v for v in reference.visits if v.key in ("m1", "m2", "m4", "m6", "m9")]


def _twelve_cohorts() -> tuple[list[Cohort], dict, list[Session]]:
    """Four cohorts each born 2026-10-01 (A), 2026-12-01 (B) and 2027-01-10 (C), two infants
    each; A's 4-month session was held on 2027-01-26."""
    births = {"A": date(2026, 10, 1), "B": date(2026, 12, 1), "C": date(2027, 1, 10)}
    cohorts, infants, sessions = [], {}, []
    n = 0
    for letter, born in births.items():
        for k in range(4):
            ids = []
            for _ in range(2):
                n += 1
                infant = make_infant(n=n, date_of_birth=born)
                infants[infant.infant_id] = infant
                ids.append(infant.infant_id)
            cohort_id = f"MAIN-{letter}{k}"
            cohorts.append(Cohort(cohort_id=cohort_id, site="main", language="en",
                                  infant_ids=tuple(ids)))
            if letter == "A":
                start = datetime(2027, 1, 26, 10, tzinfo=ZoneInfo("America/New_York"))
                sessions.append(Session(session_id=f"{cohort_id}-M4", cohort_id=cohort_id,
                                        visit="m4", start=start, end=start, site="main"))
    return cohorts, infants, sessions


def test_one_slot_a_week_twelve_cohorts_by_hand(visits) -> None:  # type: ignore[no-untyped-def]
    # Available, Tuesdays from Mon 2027-02-01: Feb 2, 9, 16, 23 → 4; Mar 2, 9, 16, 23, 30 with
    # the 16th closed → 4; Apr 6, 13, 20, 27 → 4; May 4, 11, 18, 25 → 4.
    # Needed (nominal age of the median infant, moved into the window, not before today):
    #  A (born 2026-10-01): m1 and m2 windows closed before today; m4 held; m6 nominal
    #    2027-04-01 → Apr; m9 2027-07-01 is past the horizon.                 A: Apr ×4
    #  B (born 2026-12-01): m1 window closed 2027-01-12; m2 nominal 2027-02-01 → Feb; m4
    #    nominal 2027-04-01 → Apr; m6 2027-06-01 past the horizon.           B: Feb ×4, Apr ×4
    #  C (born 2027-01-10): m1 nominal 2027-02-10 (window 01-24..02-21) → Feb; m2 03-10 → Mar;
    #    m4 05-10 → May.                                            C: Feb ×4, Mar ×4, May ×4
    # So Feb 8/4 (short 4, 200 %), Mar 4/4, Apr 8/4 (short 4), May 4/4; first short: Feb.
    cohorts, infants, sessions = _twelve_cohorts()
    groups = cohort_groups(cohorts, infants, sessions, today=TODAY)
    rows = capacity_rows(groups, visits, [TUESDAY], CLOSED, sites=["main"], today=TODAY,
                         months=4)
    table = [(r.month, r.total, r.available, r.short) for r in rows]
    assert table == [(date(2027, 2, 1), 8, 4, 4), (date(2027, 3, 1), 4, 4, 0),
                     (date(2027, 4, 1), 8, 4, 4), (date(2027, 5, 1), 4, 4, 0)]
    assert rows[0].utilisation == 2.0
    assert first_short_month(rows, "main") == date(2027, 2, 1)
    assert all(r.needed["forming"] == 0 for r in rows)


def test_a_visit_due_before_today_with_an_open_window_counts_this_month(visits) -> None:  # type: ignore[no-untyped-def]
    m2 = next(v for v in visits if v.key == "m2")
    # born 2026-11-25: m2 nominal 2027-01-25 is past, window 2027-01-06..2027-02-25 still open
    assert visit_month(date(2026, 11, 25), m2, TODAY) == date(2027, 2, 1)
    # born 2026-10-25: window closed 2027-01-25
    assert visit_month(date(2026, 10, 25), m2, TODAY) is None


def test_available_skips_closures_and_days_before_today() -> None:
    # from Wed 2027-02-03: Feb 9, 16, 23 (the 2nd is past)
    got = sessions_available([TUESDAY], CLOSED, today=date(2027, 2, 3), months=2)
    assert got == {("main", date(2027, 2, 1)): 3, ("main", date(2027, 3, 1)): 4}


def test_births_cut_into_groups_by_size_and_spread() -> None:
    policy = CohortPolicy(min_size=2, max_size=3, max_spread_days=31)
    days = [date(2027, 3, d) for d in (1, 2, 3, 4)] + [date(2027, 5, 1)]
    assert [len(g) for g in group_births(days, policy)] == [3, 1, 1]
    groups = groups_from_births("main", "expectant", days, policy)
    assert [g.born for g in groups] == [date(2027, 3, 2), date(2027, 3, 4), date(2027, 5, 1)]


def test_projection_from_the_last_six_months() -> None:
    enrolled = [date(2026, 8, 1), date(2026, 9, 1), date(2027, 1, 31), None, date(2027, 2, 2)]
    # after 2026-08-01 and up to today: 2026-09-01 and 2027-01-31 → 2 in 6 months
    rate = enrolment_rate(enrolled, today=TODAY)
    assert rate == pytest.approx(2 / 6)
    groups = projected_groups("main", rate, 4, today=TODAY, months=3)
    assert [(g.born, round(g.weight, 4)) for g in groups] == [
        (date(2027, 3, 15), 0.0833), (date(2027, 4, 15), 0.0833)]


def test_projected_groups_count_separately(visits) -> None:  # type: ignore[no-untyped-def]
    group = Group("main", "projected", date(2027, 3, 15), weight=0.5)
    rows = capacity_rows([group], visits, [TUESDAY], CLOSED, sites=["main"], today=TODAY,
                         months=3)
    # m1 nominal 2027-04-15 → Apr; m2 2027-05-15 is past a 3-month horizon
    assert [r.needed["projected"] for r in rows] == [0, 0, 0.5]
    assert [r.needed["cohort"] for r in rows] == [0, 0, 0]


# --- suggested slots ---------------------------------------------------------------------------

def _over_capacity_program():  # type: ignore[no-untyped-def]
    """Four babies born every week for 22 weeks at one site with one weekly slot."""
    from datetime import timedelta

    from groupwcc.core.cohorts import form_cohorts

    infants = {}
    for week in range(22):
        for k in range(4):
            n = week * 4 + k + 1
            infant = make_infant(n=n, date_of_birth=date(2026, 9, 1) + timedelta(weeks=week))
            infants[infant.infant_id] = infant
    policy = CohortPolicy(min_size=4, max_size=8, max_spread_days=31, assign_slots=False)
    plan = form_cohorts(list(infants.values()), [], policy, today=TODAY)
    return plan.cohorts, infants


def test_over_capacity_program_gets_slots_that_let_the_scheduler_place_every_visit() -> None:
    from groupwcc.core.capacity_slots import SlotTrial, suggest_slots
    from groupwcc.models import Site

    reference = load_reference()
    cohorts, infants = _over_capacity_program()
    visits = ("m1", "m2", "m4", "m6", "m9", "m12", "m15", "m18", "m24")
    site = Site(id="main", name="Main", rooms=("Room A", "Room B"), holidays=None)
    trial = SlotTrial(cohorts, infants, reference, visits, CLOSED, "America/New_York", TODAY)
    # the forecast shows the shortfall
    groups = cohort_groups(cohorts, infants, [], today=TODAY)
    rows = capacity_rows(groups, [v for v in reference.visits if v.key in visits], [TUESDAY],
                         CLOSED, sites=["main"], today=TODAY)
    assert first_short_month(rows, "main") == date(2027, 2, 1)
    suggestion = suggest_slots(trial, site, [TUESDAY])
    assert suggestion.served_before < suggestion.target
    assert suggestion.reached and suggestion.added
    assert all(s.site == "main" and s.room in site.rooms for s in suggestion.added)
    # added to the config, the scheduler serves every visit the windows allow with unlimited
    # rooms: the same number of infant visits, and no flag says a slot day was missing
    slots = [TUESDAY, *suggestion.added]
    assigned, plan = trial.schedule(slots)
    from groupwcc.core.capacity_slots import served_visits

    assert served_visits(assigned, infants, plan, today=TODAY) == suggestion.target
    assert not [f for f in plan.flags if "no free day" in f.reason]


def test_expectant_families_in_the_forming_list() -> None:
    from groupwcc.core.cohorts import expectant_forming
    from groupwcc.models.roster import ExpectantFamily

    def family(n: int, due: date, **more: object) -> ExpectantFamily:
        return ExpectantFamily(infant_id=f"X{n}", family_id=f"FX{n}", site="main", due_date=due,
                               **more)  # type: ignore[arg-type]

    families = [family(1, date(2027, 2, 3), language="es"),
                family(2, date(2027, 2, 27), language="es"),
                family(3, date(2027, 2, 14), language="es"),
                family(4, date(2027, 1, 20)),
                family(5, date(2027, 1, 2), status="inactive")]
    assert expectant_forming(families) == [
        "1 baby due in January 2027 at main (English): a group can start about February 2027",
        # median due date 2027-02-14, plus the 1-month visit: 2027-03-14
        "3 babies due in February 2027 at main (Spanish): a group can start about March 2027"]


def test_sessions_short_of_slots_are_told_apart_from_windows() -> None:
    from groupwcc.core.capacity import short_of_slots
    from groupwcc.models import Flag

    cohort = Cohort(cohort_id="MAIN-2027-01-A", site="main", language="en", infant_ids=("I1",),
                    slot_id=TUESDAY.slot_id)
    reason = ("no 1-month group session: no free day of the cohort's slot falls inside this "
              "infant's window and vaccine ages; book an individual visit")
    flags = [
        # range Mon 2027-02-01..Fri 02-05 holds Tuesday the 2nd: the slot day was taken
        Flag(infant_id="I1", session_id="MAIN-2027-01-A-M1", reason=reason,
             suggest_from=date(2027, 2, 1), suggest_to=date(2027, 2, 5)),
        # Wed..Mon holds no Tuesday: the window's doing
        Flag(infant_id="I1", session_id="MAIN-2027-01-A-M2", reason=reason,
             suggest_from=date(2027, 2, 3), suggest_to=date(2027, 2, 8)),
        # holds only Tuesday 2027-03-16, which is closed
        Flag(infant_id="I1", session_id="MAIN-2027-01-A-M4", reason=reason,
             suggest_from=date(2027, 3, 15), suggest_to=date(2027, 3, 17)),
        # another reason: the infant's own window
        Flag(infant_id="I1", session_id="MAIN-2027-01-A-M6", reason="past the window",
             suggest_from=date(2027, 2, 1), suggest_to=date(2027, 2, 5)),
    ]
    assert short_of_slots(flags, [cohort], [TUESDAY], CLOSED) == {"main": {"MAIN-2027-01-A-M1"}}


def test_no_slot_is_suggested_when_cohorts_already_sit_in_a_slot() -> None:
    from groupwcc.core.capacity_slots import SlotTrial, suggest_slots
    from groupwcc.models import Site

    cohorts, infants = _over_capacity_program()
    placed = [c.model_copy(update={"slot_id": TUESDAY.slot_id}) for c in cohorts]
    trial = SlotTrial(placed, infants, load_reference(), ("m1", "m2", "m4", "m6"), CLOSED,
                      "America/New_York", TODAY)
    site = Site(id="main", name="Main", rooms=("Room A", "Room B"), holidays=None)
    suggestion = suggest_slots(trial, site, [TUESDAY], first=2)
    assert suggestion.added == () and suggestion.served_before < suggestion.target
