"""The cohort search: best cohorts for one component of *units* (single infants, twins, or an
existing open cohort), by an exact memoised search or a dynamic programme over runs.

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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import combinations

from groupwcc.models import Cohort, CohortPolicy, Infant

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


def cohort_value(units: Sequence[Unit]) -> Value:
    """What a cohort made of ``units`` adds to the objective."""
    seed = next((u for u in units if u.is_seed), None)
    placed = sum(u.size for u in units if not u.is_seed)
    spread = max(u.hi for u in units) - min(u.lo for u in units)
    if seed is None:
        return (placed, -1, -spread)
    return (placed, 0, -(spread - (seed.hi - seed.lo)))


def _add(a: Value, b: Value) -> Value:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def feasible(units: Sequence[Unit], policy: CohortPolicy) -> bool:
    """Whether ``units`` may form one cohort: one seed at most, size, spread, keep-apart."""
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
        return solve_exact(units, policy)
    return solve_runs(units, policy)


def _max_window(units: Sequence[Unit], spread: int) -> int:
    best, j = 0, 0
    for i, u in enumerate(units):
        while j < i and units[j].lo < u.hi - spread:
            j += 1
        best = max(best, i - j + 1)
    return best


def solve_exact(units: Sequence[Unit], policy: CohortPolicy) -> list[list[Unit]]:
    """Memoised search over (oldest undecided unit, later units used): every partition once."""
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
                if not feasible(members, policy):
                    continue
                mask = used | (1 << i)
                for j in chosen:
                    mask |= 1 << j
                rest_value, rest = best(i + 1, mask)
                options.append((_add(cohort_value(members), rest_value), ((i, *chosen), *rest)))
        if not options:  # a seed that cannot stand alone cannot happen; keep it as it is
            rest_value, rest = best(i + 1, used | (1 << i))
            return rest_value, ((i,), *rest)
        return max(options, key=lambda o: o[0])  # first best wins: deterministic

    _, groups = best(0, 0)
    best.cache_clear()
    return [[units[j] for j in g] for g in groups]


def solve_runs(units: Sequence[Unit], policy: CohortPolicy) -> list[list[Unit]]:
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


def unit_order(unit: Unit) -> tuple[int, int, tuple[int, str]]:
    """Sort key: birth dates, then the fixed tie-break (roster row order never matters)."""
    return (unit.lo, unit.hi, unit.key)


def make_units(infants: Iterable[Infant]) -> list[Unit]:
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


def seed_unit(cohort: Cohort, infants: dict[str, Infant]) -> Unit | None:
    """An existing open cohort as one unit that must stay a cohort; None if it has no infants."""
    members = [infants[i] for i in cohort.infant_ids if i in infants]
    if not members:
        return None
    days = [m.date_of_birth.toordinal() for m in members]
    return Unit(key=(1, cohort.cohort_id), infant_ids=(),
                families=frozenset(m.family_id for m in members),
                apart=frozenset(f for m in members for f in m.keep_apart_with),
                lo=min(days), hi=max(days), size=len(cohort.infant_ids), seed=cohort.cohort_id)


def split_components(units: list[Unit], spread: int) -> list[list[Unit]]:
    """Split where the gap between consecutive units is larger than any cohort may span."""
    components: list[list[Unit]] = []
    reach = None
    for unit in units:
        if reach is None or unit.lo - reach > spread:
            components.append([])
        components[-1].append(unit)
        reach = unit.hi if reach is None else max(reach, unit.hi)
    return components
