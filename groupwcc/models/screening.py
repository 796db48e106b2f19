"""Screening results, the cut-off rules that judge them, follow-up items and referrals.

All staff-only: a screening result is the parent's or the child's protected health information
(42 CFR Part 2 and HIPAA) and never appears on group-visible pages or calendars.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import FiniteFloat

from groupwcc.models.base import Model

Role = Literal["clinician", "social worker", "peer recovery coach"]
ReferralStatus = Literal["suggested", "made", "scheduled", "seen", "declined"]
REFERRAL_STATUSES: tuple[str, ...] = ("suggested", "made", "scheduled", "seen", "declined")
SERVICES: tuple[str, ...] = ("early-intervention", "developmental-pediatrics", "audiology",
                             "lactation", "recovery-services", "wic", "home-visiting",
                             "family-planning")


class ScreeningValue(Model):
    """One recorded value: ``measure`` is ``instrument.part`` (``epds.total``,
    ``asq3.fine_motor``, ``mchat.followup``); ``value`` as typed (a number or a word)."""

    infant_id: str
    screened_on: date
    measure: str
    value: str


class Measure(Model):
    """A measure that can be recorded: numbers within ``minimum``..``maximum`` or one of
    ``choices``."""

    key: str
    label: str
    minimum: FiniteFloat | None = None
    maximum: FiniteFloat | None = None
    choices: tuple[str, ...] = ()


class CutOff(Model):
    """When a value is positive and what follows: a follow-up item for ``role`` due
    ``due_days`` after the screen (0: the same day), and optionally a suggested referral.

    A number is positive when it is ``at_least`` (or ``below``) the cut-off; a word when it
    is one of ``values``. Rules are tried in order and the first positive one applies to a
    measure, so the most urgent comes first.
    """

    measure: str
    name: str
    at_least: FiniteFloat | None = None
    below: FiniteFloat | None = None
    values: tuple[str, ...] = ()
    role: Role
    due_days: int
    action: str
    referral: str | None = None
    source: str


class ScreeningCutOffs(Model):
    """The versioned data of groupwcc/data/screening_cutoffs.yaml."""

    version: str
    effective_date: date
    source: str
    measures: tuple[Measure, ...]
    cutoffs: tuple[CutOff, ...]
    referral_due_days: int = 30
    service_roles: dict[str, Role]
    recorded_as: dict[str, tuple[str, ...]] = {}


class FollowUpItem(Model):
    """Something a role must do for one infant by ``due``: act on a positive screen or chase
    an overdue referral."""

    infant_id: str
    role: Role
    what: str
    opened_on: date
    due: date
    overdue: bool = False
    item_id: str = ""  # "S12": a positive screen's item, closable by staff (api/screenings.py)


class Referral(Model):
    """A referral to a service, with its status and the dates it passed through."""

    referral_id: str
    infant_id: str
    service: str
    status: ReferralStatus
    reason: str = ""
    opened_on: date
    due_by: date | None = None
    made_on: date | None = None
    scheduled_for: date | None = None
    seen_on: date | None = None
    declined_on: date | None = None


class DoseEntry(Model):
    """One dose read from a registry or EHR export (or an attendance sheet) for one infant."""

    infant_id: str
    cvx: str
    given_on: date


class VaccineNames(Model):
    """The versioned data of groupwcc/data/vaccine_names.yaml: names people and registries
    write for vaccines (compared without case, spaces or punctuation) → CVX code."""

    version: str
    effective_date: date
    source: str
    names: dict[str, str]
