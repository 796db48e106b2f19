"""Forming cohorts: which infants meet together for two years.

The rules (docs/explanation/cohorts.md): a cohort has one site and one language; only active
infants with group consent; ``min_size``..``max_size`` infants; birth dates within
``max_spread_days``; families that must be kept apart never share a cohort; twins (infants of one
family born within two days) are one *unit* and always land together. Existing members never
move; new infants may join *open* cohorts (before their join cut-off session).

The objective, in this order: (1) place as many eligible infants as possible, (2) open as few
new cohorts as possible, (3) keep the total birth-date spread as small as possible (for an
existing cohort, the growth of its spread). Ties break on a fixed order of units, so the result
does not depend on roster row order.

How it is solved (complexity in docs/architecture.md):

* Infants are split by (site, language), then into *components*: runs of units, sorted by birth
  date, with no gap larger than the spread limit (no cohort can cross such a gap).
* A component with few units per spread window is solved **exactly** by a memoised search over
  "oldest undecided unit, set of later units already used" (every cohort is built when its oldest
  unit is reached, so every partition is considered once).
* A larger component is solved by a dynamic programme over contiguous runs of units, O(n·w)
  for n units and w units per window. When all units are single infants and there are no
  keep-apart pairs it is exact too: two cohorts that interleave in birth order can always be
  exchanged into two consecutive runs with the same infants placed and no larger spread. With
  twins or keep-apart pairs in a large component it is a very good heuristic, not a proof.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from itertools import combinations

from groupwcc.core.ages import add_age
from groupwcc.models import Cohort, CohortPlan, CohortPolicy, Infant, Slot, UnplacedInfant

# A unit of twins: family members born this many days apart or less.
TWIN_DAYS = 2
# Components up to these sizes are searched exactly.
EXACT_MAX_UNITS = 24
EXACT_MAX_WINDOW = 8

Value = tuple[int, int, int]  # (infants placed, -new cohorts, -spread days): larger is better
ZERO: Value = (0, 0, 0)


@dataclass(frozen=True)
class Unit:
    """Infants that must be placed together (one infant, or twins), or an existing cohort."""

    key: tuple[int, str]  # tie-break order: (0, infant ids) or (1, cohort id)
    infant_ids: tuple[str, ...]
    families: frozenset[str]
    apart: frozenset[str]
    lo: int  # birth date as an ordinal day
    hi: int
    size: int
    seed: str | None = None  # cohort id when this unit is an existing open cohort

    @property
    def is_seed(self) -> bool:
        return self.seed is not None


def _value(units: Sequence[Unit]) -> Value:
    """What a cohort made of ``units`` adds to the objective."""
    seed = next((u for u in units if u.is_seed), None)
    placed = sum(u.size for u in units if not u.is_seed)
    spread = max(u.hi for u in units) - min(u.lo for u in units)
    if seed is None:
        return (placed, -1, -spread)
    return (placed, 0, -(spread - (seed.hi - seed.lo)))


def _add(a: Value, b: Value) -> Value:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def _feasible(units: Sequence[Unit], policy: CohortPolicy) -> bool:
    seeds = sum(1 for u in units if u.is_seed)
    if seeds > 1:
        return False
    size = sum(u.size for u in units)
    if size > policy.max_size or (seeds == 0 and size < policy.min_size):
        return False
    if max(u.hi for u in units) - min(u.lo for u in units) > policy.max_spread_days:
        return False
    families: set[str] = set()
    apart: set[str] = set()
    for u in units:
        if u.families & apart or u.apart & families:
            return False
        families |= u.families
        apart |= u.apart
    return True


# --- solving one component ------------------------------------------------------------------

def solve_component(units: Sequence[Unit], policy: CohortPolicy) -> list[list[Unit]]:
    """Best cohorts for ``units`` (sorted); seeds always come back as a cohort."""
    if not units:
        return []
    window = _max_window(units, policy.max_spread_days)
    if len(units) <= EXACT_MAX_UNITS and window <= EXACT_MAX_WINDOW:
        return _solve_exact(units, policy)
    return _solve_runs(units, policy)


def _max_window(units: Sequence[Unit], spread: int) -> int:
    best, j = 0, 0
    for i, u in enumerate(units):
        while j < i and units[j].lo < u.hi - spread:
            j += 1
        best = max(best, i - j + 1)
    return best


def _solve_exact(units: Sequence[Unit], policy: CohortPolicy) -> list[list[Unit]]:
    n = len(units)
    spread = policy.max_spread_days
    reach = [max((j for j in range(i, n) if units[j].hi - units[i].lo <= spread), default=i)
             for i in range(n)]

    @cache
    def best(i: int, used: int) -> tuple[Value, tuple[tuple[int, ...], ...]]:
        while i < n and used >> i & 1:
            i += 1
        if i == n:
            return ZERO, ()
        used &= ~((1 << i) - 1)  # decided units no longer matter: share the memo
        options: list[tuple[Value, tuple[tuple[int, ...], ...]]] = []
        if not units[i].is_seed:  # leave unit i unplaced
            options.append(best(i + 1, used))
        free = [j for j in range(i + 1, reach[i] + 1) if not used >> j & 1]
        room = policy.max_size - units[i].size
        for k in range(len(free) + 1):
            for chosen in combinations(free, k):
                if sum(units[j].size for j in chosen) > room:
                    continue
                members = [units[i], *(units[j] for j in chosen)]
                if not _feasible(members, policy):
                    continue
                mask = used | (1 << i)
                for j in chosen:
                    mask |= 1 << j
                rest_value, rest = best(i + 1, mask)
                options.append((_add(_value(members), rest_value), ((i, *chosen), *rest)))
        if not options:  # a seed that cannot stand alone cannot happen; keep it as it is
            rest_value, rest = best(i + 1, used | (1 << i))
            return rest_value, ((i,), *rest)
        return max(options, key=lambda o: o[0])  # first best wins: deterministic

    _, groups = best(0, 0)
    best.cache_clear()
    return [[units[j] for j in g] for g in groups]


def _solve_runs(units: Sequence[Unit], policy: CohortPolicy) -> list[list[Unit]]:
    """DP over consecutive runs: f[i] is the best for units[:i]."""
    n = len(units)
    spread = policy.max_spread_days
    f: list[Value | None] = [ZERO] + [None] * n
    choice: list[int] = [0] * (n + 1)  # start of the run ending at i-1, or -1 for "unplaced"
    for i in range(1, n + 1):
        last = units[i - 1]
        candidates: list[tuple[Value, int]] = []
        if not last.is_seed and f[i - 1] is not None:
            candidates.append((f[i - 1], -1))  # type: ignore[arg-type]
        size, hi, seeds = 0, last.hi, 0
        families: set[str] = set()
        apart: set[str] = set()
        for j in range(i - 1, -1, -1):  # grow the run backwards, checking rules incrementally
            unit = units[j]
            size += unit.size
            hi = max(hi, unit.hi)
            seeds += unit.is_seed
            if hi - unit.lo > spread or size > policy.max_size or seeds > 1:
                break
            if unit.families & apart or unit.apart & families:
                break
            families |= unit.families
            apart |= unit.apart
            prior = f[j]
            if prior is None or (seeds == 0 and size < policy.min_size):
                continue
            seed = next((u for u in units[j:i] if u.is_seed), None) if seeds else None
            if seed is None:
                value: Value = (size, -1, -(hi - unit.lo))
            else:
                value = (size - seed.size, 0, -((hi - unit.lo) - (seed.hi - seed.lo)))
            candidates.append((_add(prior, value), j))
        if candidates:
            value, start = max(candidates, key=lambda c: c[0])
            f[i], choice[i] = value, start
        elif last.is_seed:  # an existing cohort that fits no run stays as it is
            f[i], choice[i] = f[i - 1], -2
    groups: list[list[Unit]] = []
    i = n
    while i > 0:
        if choice[i] == -1:
            i -= 1
        elif choice[i] == -2:
            groups.append([units[i - 1]])
            i -= 1
        else:
            groups.append(list(units[choice[i]:i]))
            i = choice[i]
    groups.reverse()
    return groups


# --- the public engine ----------------------------------------------------------------------

def form_cohorts(infants: Sequence[Infant], existing: Sequence[Cohort], policy: CohortPolicy,
                 *, today: date, open_cohorts: Collection[str] = (),
                 slots: Sequence[Slot] = (), start_within: str = "6w") -> CohortPlan:
    """Place every unplaced eligible infant, keeping existing members where they are.

    ``open_cohorts`` are the existing cohort ids that still accept new infants.
    ``start_within`` is the age by which a forming group should hold its first session (the end
    of the program's first visit window, from the reference data). The result holds
    every cohort (existing ones with their new members) and every infant left out, with a reason.
    """
    placed = {i for c in existing for i in c.infant_ids}
    unplaced: list[UnplacedInfant] = []
    candidates: list[Infant] = []
    for infant in sorted(infants, key=lambda i: i.infant_id):
        if infant.infant_id in placed:
            continue
        reason = ineligible_reason(infant)
        if reason:
            unplaced.append(UnplacedInfant(infant_id=infant.infant_id, status="ineligible",
                                           reason=reason))
        else:
            candidates.append(infant)

    by_part: dict[tuple[str, str], list[Infant]] = defaultdict(list)
    for infant in candidates:
        by_part[(infant.site, infant.language)].append(infant)
    open_ids = set(open_cohorts)
    members_of = {i.infant_id: i for i in infants}
    eligible: dict[tuple[str, str], list[Infant]] = defaultdict(list)  # placed or not
    for infant in infants:
        if ineligible_reason(infant) is None:
            eligible[(infant.site, infant.language)].append(infant)
    new_groups: list[tuple[str, str, list[Unit]]] = []
    joined: dict[str, list[str]] = defaultdict(list)
    for (site, language), part in sorted(by_part.items()):
        seeds = [_seed_unit(c, members_of) for c in existing
                 if c.cohort_id in open_ids and c.site == site and c.language == language]
        units = sorted([*_units(part), *(s for s in seeds if s is not None)], key=_order)
        placed_now: set[str] = set()
        for component in _components(units, policy.max_spread_days):
            for group in solve_component(component, policy):
                ids = [i for u in group if not u.is_seed for i in u.infant_ids]
                placed_now.update(ids)
                seed = next((u for u in group if u.is_seed), None)
                if seed is not None:
                    joined[seed.seed or ""].extend(ids)
                else:
                    new_groups.append((site, language, group))
        peers = eligible[(site, language)]  # placed earlier or now: reasons do not change
        for infant in part:
            if infant.infant_id not in placed_now:
                unplaced.append(_left_out(infant, peers, policy, today, start_within))

    cohorts = [c.model_copy(update={"infant_ids": tuple(sorted(
        (*c.infant_ids, *joined.get(c.cohort_id, ()))))}) if joined.get(c.cohort_id) else c
        for c in existing]
    cohorts += _name_new(new_groups, existing, today)
    if policy.assign_slots:
        cohorts = assign_slots(cohorts, slots)
    unplaced.sort(key=lambda u: u.infant_id)
    return CohortPlan(cohorts=tuple(sorted(cohorts, key=lambda c: c.cohort_id)),
                      unplaced=tuple(unplaced))


def ineligible_reason(infant: Infant) -> str | None:
    if infant.status != "active":
        return "inactive in the roster"
    if not infant.group_consent:
        return "no consent to group care: plan individual visits"
    return None


def _order(unit: Unit) -> tuple[int, int, tuple[int, str]]:
    return (unit.lo, unit.hi, unit.key)


def _units(infants: Iterable[Infant]) -> list[Unit]:
    """Twins (one family, born within TWIN_DAYS) become one unit."""
    by_family: dict[str, list[Infant]] = defaultdict(list)
    for infant in infants:
        by_family[infant.family_id].append(infant)
    units = []
    for family, members in by_family.items():
        members.sort(key=lambda i: (i.date_of_birth, i.infant_id))
        run: list[Infant] = []
        for infant in members:
            if run and (infant.date_of_birth - run[0].date_of_birth).days > TWIN_DAYS:
                units.append(_unit(family, run))
                run = []
            run.append(infant)
        units.append(_unit(family, run))
    return units


def _unit(family: str, run: list[Infant]) -> Unit:
    apart = frozenset(f for i in run for f in i.keep_apart_with)
    ids = tuple(i.infant_id for i in run)
    return Unit(key=(0, " ".join(ids)), infant_ids=ids, families=frozenset({family}), apart=apart,
                lo=run[0].date_of_birth.toordinal(), hi=run[-1].date_of_birth.toordinal(),
                size=len(run))


def _seed_unit(cohort: Cohort, infants: dict[str, Infant]) -> Unit | None:
    members = [infants[i] for i in cohort.infant_ids if i in infants]
    if not members:
        return None
    days = [m.date_of_birth.toordinal() for m in members]
    return Unit(key=(1, cohort.cohort_id), infant_ids=(),
                families=frozenset(m.family_id for m in members),
                apart=frozenset(f for m in members for f in m.keep_apart_with),
                lo=min(days), hi=max(days), size=len(cohort.infant_ids), seed=cohort.cohort_id)


def _components(units: list[Unit], spread: int) -> list[list[Unit]]:
    """Split where the gap between consecutive units is larger than any cohort may span."""
    components: list[list[Unit]] = []
    reach = None
    for unit in units:
        if reach is None or unit.lo - reach > spread:
            components.append([])
        components[-1].append(unit)
        reach = unit.hi if reach is None else max(reach, unit.hi)
    return components


def _name_new(groups: list[tuple[str, str, list[Unit]]], existing: Sequence[Cohort],
              today: date) -> list[Cohort]:
    """``MAIN-2026-03-A``: site, birth month of the oldest member, next free letter."""
    taken = {c.cohort_id for c in existing}
    made = []
    for site, language, group in sorted(groups, key=lambda g: (g[0], min(u.lo for u in g[2]),
                                                               g[1], _order(g[2][0]))):
        oldest = date.fromordinal(min(u.lo for u in group))
        prefix = f"{site.upper()}-{oldest:%Y-%m}-"
        cohort_id = next(prefix + _letters(n) for n in range(10_000)
                         if prefix + _letters(n) not in taken)
        taken.add(cohort_id)
        made.append(Cohort(cohort_id=cohort_id, site=site, language=language,
                           infant_ids=tuple(sorted(i for u in group for i in u.infant_ids)),
                           created_on=today))
    return made


def _letters(n: int) -> str:
    """A, B, …, Z, AA, AB, …"""
    text = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        text = chr(65 + rest) + text
    return text


def assign_slots(cohorts: Sequence[Cohort], slots: Sequence[Slot]) -> list[Cohort]:
    """Give each cohort without a slot the least-used slot of its site (ties: config order)."""
    load: dict[str, int] = defaultdict(int)
    ids = [s.slot_id for s in slots]  # a computed property: read once
    by_site: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for n, (slot, slot_id) in enumerate(zip(slots, ids, strict=True)):
        by_site[slot.site].append((n, slot_id))
    known = set(ids)
    for cohort in cohorts:
        if cohort.slot_id in known:
            load[cohort.slot_id or ""] += 1
    result = []
    for cohort in sorted(cohorts, key=lambda c: c.cohort_id):
        if cohort.slot_id not in known:
            options = by_site.get(cohort.site, [])
            if options:
                _, chosen = min(options, key=lambda o: (load[o[1]], o[0]))
                load[chosen] += 1
                cohort = cohort.model_copy(update={"slot_id": chosen})
        result.append(cohort)
    return result


def _left_out(infant: Infant, part: Sequence[Infant], policy: CohortPolicy,
              today: date, start_within: str) -> UnplacedInfant:
    """Forming (more births may still come) or unplaceable, with the reason."""
    born = infant.date_of_birth
    start_by = add_age(born, start_within)
    near = [i for i in part if abs((i.date_of_birth - born).days) <= policy.max_spread_days
            and i.infant_id != infant.infant_id]
    if today < start_by:
        missing = max(policy.min_size - 1 - len(near), 1)
        return UnplacedInfant(
            infant_id=infant.infant_id, status="forming", start_by=start_by,
            reason=(f"waiting for about {missing} more infant(s) born near {born:%d %b %Y} at "
                    f"{infant.site} ({infant.language}) to reach the minimum of "
                    f"{policy.min_size}; the group should start by {start_by:%d %b %Y}"))
    if len(near) + 1 < policy.min_size:
        why = (f"only {len(near) + 1} infant(s) of {infant.site} ({infant.language}) were born "
               f"within {policy.max_spread_days} days of each other, fewer than the minimum "
               f"of {policy.min_size}")
    else:
        why = (f"the cohorts of {infant.site} ({infant.language}) that fit its birth date are "
               "full, closed to new members, or kept apart from this family")
    return UnplacedInfant(
        infant_id=infant.infant_id, status="unplaceable",
        reason=(f"{why}; plan individual visits, or move the infant by hand with "
                "'groupwcc cohorts move'"))


# --- checks and explanations ----------------------------------------------------------------

def check_membership(infant: Infant, cohort: Cohort, members: Sequence[Infant],
                     policy: CohortPolicy, *, family: Sequence[Infant] = ()) -> list[str]:
    """The hard rules an infant (and its family) would break by joining ``cohort``."""
    joining = [infant, *(f for f in family if f.infant_id != infant.infant_id)]
    problems = []
    reason = ineligible_reason(infant)
    if reason:
        problems.append(reason)
    if infant.site != cohort.site:
        problems.append(f"site: the infant is at {infant.site}, the cohort at {cohort.site}")
    if infant.language != cohort.language:
        problems.append(f"language: the infant's group language is {infant.language}, the "
                        f"cohort's {cohort.language}")
    size = len(members) + len(joining)
    if size > policy.max_size:
        problems.append(f"size: the cohort would have {size} infants (maximum "
                        f"{policy.max_size})")
    days = [m.date_of_birth for m in [*members, *joining]]
    spread = (max(days) - min(days)).days
    if spread > policy.max_spread_days:
        problems.append(f"spread: birth dates would span {spread} days (maximum "
                        f"{policy.max_spread_days})")
    families = {m.family_id for m in members}
    apart = {f for m in members for f in m.keep_apart_with}
    if families & set(infant.keep_apart_with) or infant.family_id in apart:
        problems.append("keep apart: a family in this cohort is listed in keep_apart_with")
    return problems


def explain_placement(infant_id: str, infants: Sequence[Infant], plan: CohortPlan,
                      policy: CohortPolicy) -> list[str]:
    """Plain sentences on why an infant is in its cohort, or why not placed."""
    by_id = {i.infant_id: i for i in infants}
    infant = by_id[infant_id]
    for cohort in plan.cohorts:
        if infant_id in cohort.infant_ids:
            members = [by_id[i] for i in cohort.infant_ids if i in by_id]
            days = sorted(m.date_of_birth for m in members)
            lines = [
                f"{infant_id} is in {cohort.cohort_id} ({cohort.site}, {cohort.language}, "
                f"{len(members)} infants, born {days[0]:%d %b %Y} – {days[-1]:%d %b %Y}, "
                f"spread {(days[-1] - days[0]).days} of at most {policy.max_spread_days} days).",
            ]
            twins = [m.infant_id for m in members if m.family_id == infant.family_id
                     and m.infant_id != infant_id]
            if twins:
                lines.append(f"Same family in this cohort: {', '.join(twins)} (families stay "
                             "together).")
            if cohort.slot_id:
                lines.append(f"It meets in slot {cohort.slot_id}.")
            lines.append("Members never move unless a person moves them ('groupwcc cohorts "
                         "move').")
            broken = check_membership(infant, cohort, [m for m in members
                                                       if m.family_id != infant.family_id],
                                      policy, family=[m for m in members
                                                      if m.family_id == infant.family_id])
            if broken:
                lines.append("Rules it breaks (moved by hand with --force): " +
                             "; ".join(broken))
            return lines
    for left in plan.unplaced:
        if left.infant_id == infant_id:
            lines = [f"{infant_id} is not in a cohort ({left.status}): {left.reason}."]
            lines += _near_misses(infant, by_id, plan, policy)
            return lines
    return [f"{infant_id} is not in a cohort and has not been planned yet: run 'groupwcc plan' "
            "or 'groupwcc cohorts'."]


def _near_misses(infant: Infant, by_id: dict[str, Infant], plan: CohortPlan,
                 policy: CohortPolicy) -> list[str]:
    lines: list[str] = []
    for cohort in plan.cohorts:
        if cohort.site != infant.site or cohort.language != infant.language:
            continue
        members = [by_id[i] for i in cohort.infant_ids if i in by_id]
        broken = check_membership(infant, cohort, members, policy)
        if broken and len(lines) < 3:
            lines.append(f"{cohort.cohort_id}: " + "; ".join(broken))
        elif not broken:
            lines.append(f"{cohort.cohort_id} would fit by the rules but has passed its join "
                         "cut-off; move the infant by hand if the family agrees.")
    return lines


# --- the baseline the benchmark compares with -----------------------------------------------

def form_birth_month_cohorts(infants: Sequence[Infant], policy: CohortPolicy) -> CohortPlan:
    """The common practice: one group per site, language and calendar month of birth, split
    into groups of at most ``max_size``; a month with fewer than ``min_size`` forms no group."""
    groups: dict[tuple[str, str, int, int], list[Infant]] = defaultdict(list)
    unplaced = []
    for infant in sorted(infants, key=lambda i: (i.date_of_birth, i.infant_id)):
        reason = ineligible_reason(infant)
        if reason:
            unplaced.append(UnplacedInfant(infant_id=infant.infant_id, status="ineligible",
                                           reason=reason))
            continue
        born = infant.date_of_birth
        groups[(infant.site, infant.language, born.year, born.month)].append(infant)
    cohorts = []
    for (site, language, year, month), members in sorted(groups.items()):
        if len(members) < policy.min_size:
            unplaced += [UnplacedInfant(infant_id=m.infant_id, status="unplaceable",
                                        reason="birth month too small") for m in members]
            continue
        chunks = -(-len(members) // policy.max_size)
        for n in range(chunks):
            part = members[n::chunks]
            cohorts.append(Cohort(cohort_id=f"{site.upper()}-{year}-{month:02d}-{_letters(n)}",
                                  site=site, language=language,
                                  infant_ids=tuple(m.infant_id for m in part)))
    return CohortPlan(cohorts=tuple(cohorts), unplaced=tuple(unplaced))
