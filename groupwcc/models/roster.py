"""An infant as read from the enrolment roster, and the roster file's columns."""

from __future__ import annotations

from datetime import date
from typing import Literal

from groupwcc.models.base import Model

# The roster file contract (docs/reference/roster-format.md). Required first, then optional, in
# the order of the roster specification (issue 2); caregiver_preferred_name is a model field
# the specification does not list, so it comes last; due_date (issue 18, expectant families)
# after it. The template written by ``init`` and the reader both use this order.
ROSTER_COLUMNS: tuple[str, ...] = (
    "infant_id", "family_id", "infant_first_name", "infant_last_name", "date_of_birth",
    "caregiver_first_name", "caregiver_last_name", "site",
    "gestational_age_weeks", "gestational_age_days", "language", "group_consent", "phone",
    "contact_preference", "keep_apart_with", "enrolled_on", "status", "caregiver_preferred_name",
    "rsv_protection", "hcv_exposed", "hbsag_positive_parent",
    "due_date", "caregiver_role",
)
# Clinical fields that only staff due lists may show: never sheets, calendars or exports.
STAFF_ONLY_COLUMNS: tuple[str, ...] = ("rsv_protection", "hcv_exposed", "hbsag_positive_parent")
# Who brings the baby (issue 15, column caregiver_role): the check-in wording fits who is
# present. Read for the guides alone; never on sign-in sheets, calendars or exports.
CAREGIVER_ROLES: tuple[str, ...] = ("parent", "partner", "kin", "foster")
CARER_ROLES: tuple[str, ...] = ("kin", "foster")  # get the check-in wording for carers
REQUIRED_COLUMNS: tuple[str, ...] = ROSTER_COLUMNS[:8]


class Infant(Model):
    """One roster row: an infant, the caregiver who brings them, and what grouping needs.

    Twins and siblings share ``family_id``. Gestational age is in completed weeks plus days
    (25 w 5 d is ``25`` and ``5``); ``None`` means term or unknown.
    """

    infant_id: str
    family_id: str
    first_name: str
    last_name: str
    date_of_birth: date
    caregiver_first_name: str
    caregiver_last_name: str
    caregiver_preferred_name: str | None = None
    site: str
    gestational_age_weeks: int | None = None
    gestational_age_days: int | None = None
    language: str = "en"
    group_consent: bool = True
    phone: str | None = None
    contact_preference: str | None = None
    keep_apart_with: tuple[str, ...] = ()
    enrolled_on: date | None = None
    status: Literal["active", "inactive"] = "active"
    # Staff-only clinical fields (STAFF_ONLY_COLUMNS), read for the due lists alone.
    rsv_protection: Literal["maternal_vaccine", "infant_antibody"] | None = None
    hcv_exposed: bool = False
    hbsag_positive_parent: bool = False
    caregiver_role: Literal["parent", "partner", "kin", "foster"] | None = None

    @property
    def display_name(self) -> str:
        """First name and last initial: what printed sheets may show (HHS FAQ 199)."""
        return _initialled(self.first_name, self.last_name)

    @property
    def caregiver_display_name(self) -> str:
        """Caregiver's preferred (or first) name and last initial."""
        first = self.caregiver_preferred_name or self.caregiver_first_name
        return _initialled(first, self.caregiver_last_name)

    @property
    def is_preterm(self) -> bool:
        """Born before 37 completed weeks."""
        return self.gestational_age_weeks is not None and self.gestational_age_weeks < 37

    @property
    def eligible_for_group(self) -> bool:
        """Active and consented to group care."""
        return self.status == "active" and self.group_consent


class ExpectantFamily(Model):
    """A roster row with a ``due_date`` and no ``date_of_birth`` yet (enrolled in pregnancy).

    Never on a calendar, sheet or guide: it counts only in the capacity forecast and the
    forming list. Names and phone stay in the roster; only what grouping needs is kept. When
    the birth date is entered (same infant id) the row becomes an ordinary ``Infant``.
    """

    infant_id: str
    family_id: str
    site: str
    due_date: date
    language: str = "en"
    group_consent: bool = True
    status: Literal["active", "inactive"] = "active"

    @property
    def eligible_for_group(self) -> bool:
        return self.status == "active" and self.group_consent


def _initialled(first: str, last: str) -> str:
    initial = last.strip()[:1].upper()
    return f"{first.strip()} {initial}." if initial else first.strip()
