"""The cohort engine: hand-checked cases, an exhaustive oracle, and properties."""

from __future__ import annotations

import random
from datetime import date, timedelta

from factories import make_infant
from hypothesis import given, settings
from hypothesis import strategies as st

from groupwcc.core.cohort_rules import check_membership, explain_placement
from groupwcc.core.cohort_solver import Unit, cohort_value, feasible, solve_component, solve_runs
from groupwcc.core.cohorts import form_cohorts
from groupwcc.models import Cohort, CohortPolicy, Slot

TODAY = date(2026, 11, 23)
BASE = date(2026, 3, 1)


def infants_born(days: list[int], **extra):  # type: ignore[no-untyped-def]
    return [make_infant(n=n + 1, date_of_birth=BASE + timedelta(d), **extra)
            for n, d in enumerate(days)]


def test_contiguous_birth_dates_form_two_tight_cohorts() -> None:
    # two clusters of five, 40 days apart: two cohorts, each spread 4 days
    infants = infants_born([0, 1, 2, 3, 4, 44, 45, 46, 47, 48])
    plan = form_cohorts(infants, [], CohortPolicy(), today=TODAY)
    assert [len(c.infant_ids) for c in plan.cohorts] == [5, 5]
    assert [c.cohort_id for c in plan.cohorts] == ["MAIN-2026-03-A", "MAIN-2026-04-A"]
    assert plan.unplaced == ()


def test_too_few_recent_births_are_forming_with_a_start_date() -> None:
    infants = [make_infant(n=n, date_of_birth=TODAY - timedelta(days=10 + n)) for n in (1, 2)]
    plan = form_cohorts(infants, [], CohortPolicy(), today=TODAY)
    assert plan.cohorts == ()
    assert {u.status for u in plan.unplaced} == {"forming"}
    first = min(plan.unplaced, key=lambda u: u.infant_id)
    assert first.start_by == TODAY - timedelta(days=11) + timedelta(weeks=6)


def test_isolated_older_infant_is_unplaceable_with_reason() -> None:
    infants = infants_born([0, 1, 2, 3, 200])
    plan = form_cohorts(infants, [], CohortPolicy(), today=TODAY)
    [left] = plan.unplaced
    assert left.infant_id == "I-0005" and left.status == "unplaceable"
    assert "individual visits" in left.reason


def test_no_consent_and_inactive_are_ineligible() -> None:
    infants = infants_born([0, 1, 2, 3])
    infants.append(make_infant(n=9, group_consent=False, date_of_birth=BASE))
    infants.append(make_infant(n=10, status="inactive", date_of_birth=BASE))
    plan = form_cohorts(infants, [], CohortPolicy(), today=TODAY)
    reasons = {u.infant_id: u.reason for u in plan.unplaced}
    assert "consent" in reasons["I-0009"] and "inactive" in reasons["I-0010"]


def test_twins_stay_together_even_when_that_costs_spread() -> None:
    # min=max=2: singles at day 0 and 2 pair up, the twins at day 1 form their own cohort
    policy = CohortPolicy(min_size=2, max_size=2)
    infants = [make_infant(n=1, date_of_birth=BASE),
               make_infant(n=2, family_id="TW", date_of_birth=BASE + timedelta(1)),
               make_infant(n=3, family_id="TW", date_of_birth=BASE + timedelta(1)),
               make_infant(n=4, date_of_birth=BASE + timedelta(2))]
    plan = form_cohorts(infants, [], policy, today=TODAY)
    groups = sorted(c.infant_ids for c in plan.cohorts)
    assert groups == [("I-0001", "I-0004"), ("I-0002", "I-0003")]


def test_keep_apart_families_never_share() -> None:
    infants = infants_born([0, 1, 2, 3, 4, 5, 6, 7])
    infants[0] = infants[0].model_copy(update={"keep_apart_with": ("F-0002",)})
    plan = form_cohorts(infants, [], CohortPolicy(min_size=4, max_size=8), today=TODAY)
    for cohort in plan.cohorts:
        assert not {"I-0001", "I-0002"} <= set(cohort.infant_ids)
    assert sum(len(c.infant_ids) for c in plan.cohorts) == 8


def test_new_infant_joins_open_cohort_and_members_never_move() -> None:
    infants = infants_born([0, 1, 2, 3, 10])
    existing = [Cohort(cohort_id="MAIN-2026-03-A", site="main", language="en",
                       infant_ids=("I-0001", "I-0002", "I-0003", "I-0004"))]
    plan = form_cohorts(infants, existing, CohortPolicy(), today=TODAY,
                        open_cohorts={"MAIN-2026-03-A"})
    [cohort] = plan.cohorts
    assert cohort.infant_ids == ("I-0001", "I-0002", "I-0003", "I-0004", "I-0005")


def test_closed_cohort_takes_no_one() -> None:
    infants = infants_born([0, 1, 2, 3, 10])
    existing = [Cohort(cohort_id="MAIN-2026-03-A", site="main", language="en",
                       infant_ids=("I-0001", "I-0002", "I-0003", "I-0004"))]
    plan = form_cohorts(infants, existing, CohortPolicy(), today=TODAY, open_cohorts=())
    assert plan.cohorts[0].infant_ids == existing[0].infant_ids
    assert [u.infant_id for u in plan.unplaced] == ["I-0005"]


def test_site_and_language_are_separate_cohorts() -> None:
    infants = infants_born([0, 1, 2, 3]) + [
        make_infant(n=10 + n, date_of_birth=BASE + timedelta(n), language="es")
        for n in range(4)]
    plan = form_cohorts(infants, [], CohortPolicy(), today=TODAY)
    assert sorted(c.language for c in plan.cohorts) == ["en", "es"]
    assert [c.cohort_id for c in plan.cohorts] == ["MAIN-2026-03-A", "MAIN-2026-03-B"]


def test_slots_are_spread_over_the_site() -> None:
    slots = [Slot(site="main", weekday="tuesday", start="10:00", end="12:00", room="A"),
             Slot(site="main", weekday="thursday", start="10:00", end="12:00", room="A")]
    infants = infants_born([0, 1, 2, 3, 60, 61, 62, 63])
    plan = form_cohorts(infants, [], CohortPolicy(), today=TODAY, slots=slots)
    assert [c.slot_id for c in plan.cohorts] == [slots[0].slot_id, slots[1].slot_id]


def test_check_membership_names_each_broken_rule() -> None:
    members = infants_born([0, 1, 2, 3, 4, 5, 6, 7])
    cohort = Cohort(cohort_id="X", site="main", language="en",
                    infant_ids=tuple(m.infant_id for m in members))
    newcomer = make_infant(n=50, date_of_birth=BASE + timedelta(60), language="es",
                           keep_apart_with=("F-0001",))
    problems = check_membership(newcomer, cohort, members, CohortPolicy())
    assert [p.split(":")[0] for p in problems] == ["language", "size", "spread", "keep apart"]


def test_explain_placement_gives_reason() -> None:
    infants = infants_born([0, 1, 2, 3, 200])
    plan = form_cohorts(infants, [], CohortPolicy(), today=TODAY)
    assert "MAIN-2026-03-A" in explain_placement("I-0001", infants, plan, CohortPolicy())[0]
    assert "unplaceable" in explain_placement("I-0005", infants, plan, CohortPolicy())[0]


def test_birth_month_baseline_groups_by_calendar_month() -> None:
    from baseline import form_birth_month_cohorts

    infants = infants_born([27, 28, 29, 30, 31, 32, 33, 34])  # 28-31 Mar, 1-4 Apr
    plan = form_birth_month_cohorts(infants, CohortPolicy())
    assert sorted(len(c.infant_ids) for c in plan.cohorts) == [4, 4]


# --- exactness against an exhaustive oracle -------------------------------------------------

def _oracle(units: list[Unit], policy: CohortPolicy):  # type: ignore[no-untyped-def]
    """Try every partition of the units (each block a cohort or 'unplaced')."""
    best = None

    def walk(k: int, blocks: list[list[Unit]], loose: list[Unit]) -> None:
        nonlocal best
        if k == len(units):
            if any(u.is_seed for u in loose):
                return
            if not all(feasible(b, policy) for b in blocks):
                return
            value = (0, 0, 0)
            for b in blocks:
                v = cohort_value(b)
                value = (value[0] + v[0], value[1] + v[1], value[2] + v[2])
            if best is None or value > best:
                best = value
            return
        unit = units[k]
        loose.append(unit)
        walk(k + 1, blocks, loose)
        loose.pop()
        for block in blocks:
            block.append(unit)
            walk(k + 1, blocks, loose)
            block.pop()
        blocks.append([unit])
        walk(k + 1, blocks, loose)
        blocks.pop()

    walk(0, [], [])
    return best


@st.composite
def instances(draw):  # type: ignore[no-untyped-def]
    n = draw(st.integers(1, 7))
    policy = CohortPolicy(min_size=draw(st.integers(1, 3)), max_size=draw(st.integers(3, 4)),
                          max_spread_days=draw(st.integers(0, 10)))
    units = []
    for k in range(n):
        lo = draw(st.integers(0, 20))
        size = draw(st.sampled_from([1, 1, 1, 2]))
        apart = frozenset(draw(st.sets(st.sampled_from([f"F{j}" for j in range(n)]),
                                       max_size=1)) - {f"F{k}"})
        units.append(Unit(key=(0, str(k)), infant_ids=tuple(f"I{k}-{s}" for s in range(size)),
                          families=frozenset({f"F{k}"}), apart=apart, lo=lo,
                          hi=lo + draw(st.integers(0, 1)) * (size - 1), size=size))
    if draw(st.booleans()):  # one existing open cohort
        lo = draw(st.integers(0, 20))
        units.append(Unit(key=(1, "SEED"), infant_ids=(), families=frozenset({"S"}),
                          apart=frozenset(), lo=lo,
                          hi=lo + draw(st.integers(0, policy.max_spread_days)),
                          size=draw(st.integers(1, 3)), seed="SEED"))
    units.sort(key=lambda u: (u.lo, u.hi, u.key))
    return units, policy


@settings(max_examples=15 * settings().max_examples, deadline=None)  # CI: 1,500
@given(instances())
def test_engine_is_never_beaten_by_the_exhaustive_oracle(instance) -> None:  # type: ignore[no-untyped-def]
    units, policy = instance
    groups = solve_component(units, policy)
    assert all(feasible(g, policy) or (len(g) == 1 and g[0].is_seed) for g in groups)
    used = [u for g in groups for u in g]
    assert len(used) == len({id(u) for u in used})
    assert all(u in used for u in units if u.is_seed)
    value = (0, 0, 0)
    for g in groups:
        v = cohort_value(g)
        value = (value[0] + v[0], value[1] + v[1], value[2] + v[2])
    assert value == _oracle(units, policy)


@settings(max_examples=2 * settings().max_examples, deadline=None)  # CI: 200
@given(st.lists(st.tuples(st.integers(0, 120), st.sampled_from(["main", "east"]),
                          st.sampled_from(["en", "es"]), st.integers(0, 30)),
                min_size=1, max_size=60), st.randoms(use_true_random=False))
def test_properties_and_row_order_independence(rows, rnd) -> None:  # type: ignore[no-untyped-def]
    infants = [make_infant(n=k + 1, date_of_birth=BASE + timedelta(d), site=site,
                           language=lang, family_id=f"F-{fam:02d}-{d}")
               for k, (d, site, lang, fam) in enumerate(rows)]
    policy = CohortPolicy()
    plan = form_cohorts(infants, [], policy, today=TODAY)
    shuffled = list(infants)
    rnd.shuffle(shuffled)
    assert form_cohorts(shuffled, [], policy, today=TODAY) == plan
    by_id = {i.infant_id: i for i in infants}
    seen = [i for c in plan.cohorts for i in c.infant_ids] + [u.infant_id for u in plan.unplaced]
    assert sorted(seen) == sorted(by_id)  # every infant exactly once
    for cohort in plan.cohorts:
        members = [by_id[i] for i in cohort.infant_ids]
        assert policy.min_size <= len(members) <= policy.max_size
        assert {(m.site, m.language) for m in members} == {(cohort.site, cohort.language)}
        days = [m.date_of_birth for m in members]
        assert (max(days) - min(days)).days <= policy.max_spread_days
        families = {m.family_id for m in members}
        for family in families:  # a family's infants born together share the cohort
            assert all(i.infant_id in cohort.infant_ids for i in infants
                       if i.family_id == family and i.date_of_birth == days[0] and
                       i.site == cohort.site and i.language == cohort.language
                       and any(m.date_of_birth == i.date_of_birth and m.family_id == family
                               for m in members))
    assert all(u.reason for u in plan.unplaced)


def test_large_dense_component_uses_runs_and_places_everyone() -> None:
    rnd = random.Random(7)
    infants = [make_infant(n=k + 1, date_of_birth=BASE + timedelta(rnd.randrange(300)))
               for k in range(800)]
    plan = form_cohorts(infants, [], CohortPolicy(), today=TODAY)
    placed = sum(len(c.infant_ids) for c in plan.cohorts)
    assert placed == 800
    assert len(plan.cohorts) == 100  # 800 / 8: as few cohorts as possible


@settings(max_examples=8 * settings().max_examples, deadline=None)  # CI: 800
@given(st.lists(st.integers(0, 25), min_size=1, max_size=7), st.integers(1, 3),
       st.integers(3, 4), st.integers(0, 10))
def test_run_programme_is_exact_for_single_infants(days, low, high, spread) -> None:  # type: ignore[no-untyped-def]
    """The claim in core/cohort_solver.py: without twins or keep-apart, consecutive runs
    suffice."""
    policy = CohortPolicy(min_size=low, max_size=high, max_spread_days=spread)
    units = sorted((Unit(key=(0, str(k)), infant_ids=(f"I{k}",), families=frozenset({f"F{k}"}),
                         apart=frozenset(), lo=d, hi=d, size=1) for k, d in enumerate(days)),
                   key=lambda u: (u.lo, u.key))
    value = (0, 0, 0)
    for g in solve_runs(units, policy):
        assert feasible(g, policy)
        v = cohort_value(g)
        value = (value[0] + v[0], value[1] + v[1], value[2] + v[2])
    assert value == _oracle(units, policy)
