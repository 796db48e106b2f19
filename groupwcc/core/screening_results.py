"""Judging screening results and keeping positive ones followed: follow-up items for the role
that acts, suggested referrals, and overdue referrals.

Pure: values, referrals and the versioned cut-offs (screening_cutoffs.yaml) come in; ``today``
is a parameter. A positive screen's item stays open until a later screen of the same measure
is not positive, or (when the cut-off refers) a referral to that service opened on or after the
screen has moved beyond "suggested".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from groupwcc.models.screening import (
    CutOff,
    FollowUpItem,
    Referral,
    ScreeningCutOffs,
    ScreeningValue,
)

OPEN_REFERRAL = ("suggested", "made", "scheduled")


@dataclass(frozen=True)
class SuggestedReferral:
    """A referral a positive screen calls for, not yet on record."""

    infant_id: str
    service: str
    reason: str
    opened_on: date
    due_by: date


def positive_cutoff(value: ScreeningValue, data: ScreeningCutOffs) -> CutOff | None:
    """The first cut-off of ``value.measure`` the value meets, or None (negative)."""
    for cutoff in data.cutoffs:
        if cutoff.measure == value.measure and _meets(cutoff, value.value):
            return cutoff
    return None


def _meets(cutoff: CutOff, value: str) -> bool:
    if cutoff.values:
        return value in cutoff.values
    try:
        number = float(value)
    except ValueError:
        return False
    return ((cutoff.at_least is not None and number >= cutoff.at_least)
            or (cutoff.below is not None and number < cutoff.below))


def open_positives(values: Iterable[ScreeningValue], referrals: Sequence[Referral],
                   data: ScreeningCutOffs) -> list[tuple[ScreeningValue, CutOff]]:
    """Positive screens not yet followed (see the module docstring), oldest first."""
    ordered = sorted(values, key=lambda v: (v.infant_id, v.measure, v.screened_on))
    found = []
    for index, value in enumerate(ordered):
        cutoff = positive_cutoff(value, data)
        if cutoff is None or _rescreened(value, ordered[index + 1:], data):
            continue
        if cutoff.referral and _referred(value, cutoff.referral, referrals):
            continue
        found.append((value, cutoff))
    return sorted(found, key=lambda pair: (pair[0].screened_on, pair[0].infant_id))


def _rescreened(value: ScreeningValue, later: Sequence[ScreeningValue],
                data: ScreeningCutOffs) -> bool:
    return any(v.infant_id == value.infant_id and v.measure == value.measure
               and v.screened_on > value.screened_on and positive_cutoff(v, data) is None
               for v in later)


def _referred(value: ScreeningValue, service: str, referrals: Sequence[Referral]) -> bool:
    return any(r.infant_id == value.infant_id and r.service == service
               and r.opened_on >= value.screened_on and r.status != "suggested"
               for r in referrals)


def screen_follow_ups(values: Iterable[ScreeningValue], referrals: Sequence[Referral],
                      data: ScreeningCutOffs, *, today: date) -> list[FollowUpItem]:
    """One item per open positive screen, for the cut-off's role, due ``due_days`` later."""
    items = []
    for value, cutoff in open_positives(values, referrals, data):
        due = value.screened_on + timedelta(days=cutoff.due_days)
        items.append(FollowUpItem(infant_id=value.infant_id, role=cutoff.role,
                                  what=f"{cutoff.name}: {cutoff.action}",
                                  opened_on=value.screened_on, due=due, overdue=today > due))
    return items


def suggested_referrals(values: Iterable[ScreeningValue], referrals: Sequence[Referral],
                        data: ScreeningCutOffs) -> list[SuggestedReferral]:
    """Referrals positive screens call for where none to that service was opened on or after
    the screen (one per infant and service)."""
    found: dict[tuple[str, str], SuggestedReferral] = {}
    for value, cutoff in open_positives(values, referrals, data):
        service = cutoff.referral
        if service is None or (value.infant_id, service) in found or any(
                r.infant_id == value.infant_id and r.service == service
                and r.opened_on >= value.screened_on for r in referrals):
            continue
        found[(value.infant_id, service)] = SuggestedReferral(
            value.infant_id, service, cutoff.name, value.screened_on,
            value.screened_on + timedelta(days=data.referral_due_days))
    return list(found.values())


def referral_due(referral: Referral) -> date | None:
    """When an open referral needs its next step: the appointment day once scheduled, else
    its due-by date; None once seen or declined."""
    if referral.status not in OPEN_REFERRAL:
        return None
    if referral.status == "scheduled":
        return referral.scheduled_for or referral.due_by
    return referral.due_by


def overdue_referrals(referrals: Iterable[Referral], data: ScreeningCutOffs, *,
                      today: date) -> list[FollowUpItem]:
    """Open referrals past their next step's date, for the role that chases the service."""
    items = []
    for referral in referrals:
        due = referral_due(referral)
        if due is None or due >= today:
            continue
        step = "confirm the appointment was kept" if referral.status == "scheduled" \
            else "make the referral" if referral.status == "suggested" \
            else "get an appointment date"
        items.append(FollowUpItem(
            infant_id=referral.infant_id, role=data.service_roles[referral.service],
            what=f"referral {referral.referral_id} to {referral.service} "
                 f"({referral.status}): {step}",
            opened_on=referral.opened_on, due=due, overdue=True))
    return items


def clinical_follow_ups(values: Iterable[ScreeningValue], referrals: Sequence[Referral],
                        data: ScreeningCutOffs, *, today: date) -> list[FollowUpItem]:
    """Everything a role must act on: open positive screens and overdue referrals (a
    suggested referral still covered by its open screen is not listed twice), by role, then
    overdue first, then due date."""
    screens = screen_follow_ups(values, referrals, data, today=today)
    covered = {(i.infant_id, i.opened_on) for i in screens}
    chased = [i for i in overdue_referrals(referrals, data, today=today)
              if not ("(suggested)" in i.what and (i.infant_id, i.opened_on) in covered)]
    return sorted(screens + chased, key=lambda i: (i.role, not i.overdue, i.due, i.infant_id))
