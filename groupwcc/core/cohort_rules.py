"""The hard rules of cohort membership, in words: who is eligible, who counts as a member,
why an infant was left out, what joining a cohort would break, and why an infant is where it is.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from groupwcc.core.ages import add_age
from groupwcc.models import Cohort, CohortPlan, CohortPolicy, Infant, UnplacedInfant


def ineligible_reason(infant: Infant) -> str | None:
    """Why an infant cannot be placed in any cohort (inactive, no group consent), or None."""
    if infant.status != "active":
        return "inactive in the roster"
    if not infant.group_consent:
        return "no consent to group care: plan individual visits"
    return None


def active_members(cohort: Cohort, infants: Mapping[str, Infant]) -> list[Infant]:
    """The cohort's members who are still active in the roster, in the cohort's order.

    Inactive infants stay members (cohorts are stable) but get no sessions, sheets, agendas or
    calendars.
    """
    return [infants[i] for i in cohort.infant_ids if i in infants and infants[i].status == "active"]


def left_out_reason(infant: Infant, part: Sequence[Infant], policy: CohortPolicy,
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
