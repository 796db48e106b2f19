"""Which weekly slots to add so that every visit the windows allow gets a group session.

The goal is what the scheduler achieves with *unlimited* rooms: every cohort in a room of its
own on the weekday and at the time the current slots give it. The number of infant visits served
then (a session on a day inside the infant's range, from today on) is the target. Candidate
slots come from the site's rooms and existing patterns: each weekday the site already uses
first, then the other weekdays Monday to Friday; each start–end time the site already uses; each
room of the site; never a room on a weekday and time it is already booked. They are added in
that order, a first batch at once (the monthly shortfall's lower bound), then one at a time,
each checked by re-running the scheduler (``core.cohorts.assign_slots`` then
``core.scheduling.schedule_sessions``); a slot that serves no more visits is dropped. This is a
greedy, not a proof of the smallest set; the result is always checked by the same scheduler
``plan`` uses.

Cohorts that already meet in a slot keep it (cohorts are stable), so new slots help them only
if a person moves them; what remains short after the search is reported, not hidden.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, time

from groupwcc.core.cohort_rules import active_members
from groupwcc.core.cohorts import assign_slots
from groupwcc.core.scheduling import schedule_sessions
from groupwcc.models import Cohort, Infant, ReferenceData, SchedulePlan, Session, Site, Slot
from groupwcc.models.program import WEEKDAYS

MAX_ADDED = 40  # per site: beyond this the answer is "a new site", not more slots
MAX_USELESS = 5  # consecutive candidates that serve nothing more end the search
_DEFAULT_TIME = (time(10), time(12))


@dataclass(frozen=True)
class SlotTrial:
    """Everything the scheduler needs except the slots: re-run with each candidate set.

    ``cohorts`` without a ``slot_id`` get one as ``plan`` would give it (least-used slot)."""

    cohorts: Sequence[Cohort]
    infants: Mapping[str, Infant]
    reference: ReferenceData
    visits: Sequence[str]
    closed_days: Mapping[str, Iterable[date]]
    timezone: str
    today: date
    session_minutes: int | None = None
    existing: Sequence[Session] = ()

    def schedule(self, slots: Sequence[Slot]) -> tuple[list[Cohort], SchedulePlan]:
        cohorts = assign_slots(self.cohorts, slots)
        plan = schedule_sessions(
            cohorts, self.infants, self.reference, visits=self.visits,
            slots={s.slot_id: s for s in slots}, closed_days=self.closed_days,
            timezone=self.timezone, today=self.today, existing=self.existing,
            session_minutes=self.session_minutes)
        return cohorts, plan

    def served(self, slots: Sequence[Slot]) -> int:
        """Infant visits with a fitting group session from today on."""
        cohorts, plan = self.schedule(slots)
        return served_visits(cohorts, self.infants, plan, today=self.today)

    def for_site(self, site: str) -> SlotTrial:
        from dataclasses import replace

        return replace(self, cohorts=[c for c in self.cohorts if c.site == site],
                       existing=[s for s in self.existing if s.site == site])


def served_visits(cohorts: Sequence[Cohort], infants: Mapping[str, Infant], plan: SchedulePlan,
                  *, today: date) -> int:
    """Per session from today: its cohort's active members minus those flagged for it."""
    size = {c.cohort_id: len(active_members(c, infants)) for c in cohorts}
    flagged: dict[str, int] = {}
    for flag in plan.flags:
        flagged[flag.session_id] = flagged.get(flag.session_id, 0) + 1
    return sum(size.get(s.cohort_id, 0) - flagged.get(s.session_id, 0)
               for s in plan.sessions if s.day >= today and s.status != "cancelled")


def candidate_slots(site: Site, slots: Sequence[Slot]) -> list[Slot]:
    """Slots that could be added at ``site``, in the order they are tried (module docstring)."""
    own = [s for s in slots if s.site == site.id]
    times = sorted({(s.start, s.end) for s in own} or {(s.start, s.end) for s in slots}
                   or {_DEFAULT_TIME})
    used = [WEEKDAYS[i] for i in sorted({s.weekday_index for s in own})]
    days = used + [d for d in WEEKDAYS[:5] if d not in used]
    rooms = list(dict.fromkeys([*site.rooms, *(s.room for s in own if s.room)]))
    taken: list[tuple[str, str | None, time, time]] = [(s.weekday, s.room, s.start, s.end)
                                                      for s in own]
    found = []
    for day in days:
        for start, end in times:
            for room in rooms:
                if any(d == day and r == room and a < end and start < b for d, r, a, b in taken):
                    continue
                taken.append((day, room, start, end))
                found.append(Slot(site=site.id, weekday=day, start=start, end=end,
                                  room=room))
    return found


def unlimited_slots(trial: SlotTrial, slots: Sequence[Slot],
                    pattern: Slot) -> tuple[SlotTrial, list[Slot]]:
    """Every cohort of the trial in a room of its own, on the weekday and at the time ``slots``
    give it (``pattern``'s when none do): only room contention is taken away."""
    by_id = {s.slot_id: s for s in slots}
    cohorts, private = [], []
    for n, cohort in enumerate(assign_slots(trial.cohorts, slots)):
        slot = by_id.get(cohort.slot_id or "", pattern)
        own = slot.model_copy(update={"room": f"unlimited-{n}", "facilitators": ()})
        cohorts.append(cohort.model_copy(update={"slot_id": own.slot_id}))
        private.append(own)
    from dataclasses import replace

    return replace(trial, cohorts=cohorts), private


@dataclass(frozen=True)
class Suggestion:
    """Slots to add at one site, and what the scheduler then serves against the target."""

    site: str
    added: tuple[Slot, ...]
    served_before: int
    served_after: int
    target: int
    trials: int = field(default=0, compare=False)

    @property
    def reached(self) -> bool:
        return self.served_after >= self.target


def suggest_slots(trial: SlotTrial, site: Site, slots: Sequence[Slot], *,
                  first: int = 0) -> Suggestion:
    """The slots to add at ``site`` (see the module docstring); ``first`` are added at once."""
    mine = trial.for_site(site.id)
    own = [s for s in slots if s.site == site.id]
    candidates = candidate_slots(site, slots)
    pattern = own[0] if own else (candidates[0] if candidates else None)
    if pattern is None or not mine.cohorts:
        return Suggestion(site.id, (), 0, 0, 0)
    free, private = unlimited_slots(mine, own, pattern)
    target = free.served(private)
    before = mine.served(own)
    added = list(candidates[:min(first, MAX_ADDED)])
    served, trials, useless = before, 1, 0
    if added:
        served, trials = mine.served(own + added), 2
        if served <= before:  # the batch helps nobody (cohorts already in slots): drop it
            added, served = [], before
    for candidate in candidates[len(added):]:
        if served >= target or len(added) >= MAX_ADDED or useless >= MAX_USELESS:
            break
        now = mine.served([*own, *added, candidate])
        trials += 1
        if now > served:
            added.append(candidate)
            served, useless = now, 0
        else:
            useless += 1
    return Suggestion(site.id, tuple(added), before, served, target, trials)
