"""A session's agenda: the timeline for everyone, the due lists for staff only."""

from __future__ import annotations

from datetime import date, datetime

from groupwcc.models.base import Model
from groupwcc.models.curriculum import Activity, Block, ExamTrack, SafetyProtocol


class AgendaItem(Model):
    """A block with its clock times and, if it names one, its library activity."""

    start: datetime
    end: datetime
    block: Block
    activity: Activity | None = None


class DueItem(Model):
    """A screening or vaccine dose due for one infant at this session.

    ``kind`` is ``screening`` or ``vaccine``; ``code`` the rule key (``epds``, ``DTaP-2``);
    ``note`` explains, e.g. "use corrected age 7 m 12 d" or "not yet due: below 6 weeks".
    """

    kind: str
    code: str
    label: str
    note: str = ""
    pull: str | None = None  # the vaccine to draw from stock for this dose (core/record_due.py)


class PullItem(Model):
    """Staff-only: how many doses of one vaccine to draw from stock for a session.

    ``no_record`` of the ``doses`` are counted by the visit-age rule because the infant has no
    immunisation record; the rest come from the infant's forecast.
    """

    vaccine: str
    doses: int
    no_record: int = 0


class InfantDue(Model):
    """Staff-only: one infant's ages and what is due. Never printed on group-visible pages."""

    infant_id: str
    display_name: str  # first name + last initial
    chronological_age: str  # "4 m 3 d"
    corrected_age: str | None = None  # only for preterm infants while it applies
    items: tuple[DueItem, ...] = ()
    flags: tuple[str, ...] = ()


class Celebration(Model):
    infant_id: str
    display_name: str
    what: str  # "first birthday"
    on: date


class ExamTurn(Model):
    """Staff-only: one baby's turn in the exam rotation. ``forms`` are the arrival forms to
    score before ``start``; ``point_of_care`` the tests done during the turn."""

    infant_id: str
    display_name: str  # first name + last initial
    start: datetime
    end: datetime
    clinician: str
    forms: tuple[str, ...] = ()
    point_of_care: tuple[str, ...] = ()


class Agenda(Model):
    """Everything a facilitator needs to run one session."""

    session_id: str
    cohort_id: str
    visit: str
    visit_label: str
    title: str
    language: str
    start: datetime
    end: datetime
    topics: tuple[str, ...]
    items: tuple[AgendaItem, ...]
    due: tuple[InfantDue, ...] = ()
    celebrations: tuple[Celebration, ...] = ()
    materials: tuple[str, ...] = ()
    # The second track: the exam rotation beside the circle (none for virtual sessions).
    exam: ExamTrack | None = None
    rotation: tuple[ExamTurn, ...] = ()
    clinicians: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()  # e.g. the rotation does not fit the exam window
    next_session: date | None = None  # the cohort's next session that takes place
    virtual: bool = False
    carers_present: bool = False  # a kinship or foster carer is a member's caregiver
    carer_prompts: tuple[str, ...] = ()
    protocol: SafetyProtocol | None = None  # staff only, numbers filled in from the config
    pull_list: tuple[PullItem, ...] = ()  # staff-only; empty unless vaccine records are kept
