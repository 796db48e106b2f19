"""Curricula: what happens at each visit age, block by block, plus an activity library."""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from pydantic import Field, StringConstraints, model_validator

from groupwcc.models.base import Model

BlockKind = Literal[
    "arrival-and-self-assessment",
    "measurements",
    "individual-check",
    "screening",
    "discussion",
    "mindfulness",
    "play",
    "recovery-check-in",
    "celebration",
    "closing",
]
BLOCK_KINDS: tuple[str, ...] = get_args(BlockKind)


class AgeBand(Model):
    """Ages an activity suits, in months: ``from_months`` inclusive, ``to_months`` exclusive."""

    from_months: int = Field(ge=0)
    to_months: int = Field(gt=0)


class Activity(Model):
    """A parent mindfulness exercise or an infant play activity from the library."""

    id: str
    kind: Literal["mindfulness", "play"]
    title: str
    age_band: AgeBand
    minutes: int = Field(gt=0)
    steps: tuple[str, ...]
    trauma_informed_note: str = ""
    materials: tuple[str, ...] = ()
    source: str = ""


class Block(Model):
    """One part of a session's timeline."""

    kind: BlockKind
    title: str
    minutes: int = Field(gt=0)
    lead: str
    materials: tuple[str, ...] = ()
    prompts: tuple[str, ...] = ()
    activity: str | None = None  # Activity.id
    notes: str = ""
    # Stable ids of the clinical topics this block covers ("safe-sleep-sedation"), the same in
    # every language, so tests and programs find a topic without reading its words.
    topic_ids: tuple[Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")],
                     ...] = ()


class ExamTrack(Model):
    """The second track of a session: each baby is called out of the circle for an individual
    check of ``minutes_per_baby`` minutes, between ``start_minute`` and ``end_minute`` (counted
    from the session's start), with as many clinicians as the slot names."""

    title: str
    lead: str
    minutes_per_baby: int = Field(gt=0)
    start_minute: int = Field(ge=0)
    end_minute: int = Field(gt=0)
    materials: tuple[str, ...] = ()
    prompts: tuple[str, ...] = ()
    notes: str = ""
    topic_ids: tuple[Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")],
                     ...] = ()  # private topics raised in the baby's individual check

    @model_validator(mode="after")
    def _window(self) -> ExamTrack:
        if self.end_minute <= self.start_minute:
            raise ValueError("end_minute must be after start_minute")
        return self

    @property
    def window_minutes(self) -> int:
        """Minutes the rotation may use."""
        return self.end_minute - self.start_minute


class VisitPlan(Model):
    """The curriculum of one visit age: the circle's blocks and the exam rotation beside it."""

    visit: str  # "m4"
    title: str
    topics: tuple[str, ...]
    blocks: tuple[Block, ...]
    exam: ExamTrack | None = None


class ProtocolSection(Model):
    """One situation of the safety and escalation protocol and what staff do, step by step.
    Steps may name ``{lifeline}``, ``{crisis_line}`` and ``{poison_help}`` (from the config)."""

    title: str
    steps: tuple[str, ...]


class SafetyProtocol(Model):
    """The staff-only safety and escalation page printed with every guide."""

    title: str
    intro: str = ""
    sections: tuple[ProtocolSection, ...]
    source: str = ""


class VirtualAgenda(Model):
    """What a virtual session (a slot with ``virtual_link``) runs instead of the in-room parts:
    no weighing, exams or vaccines. ``check_in`` opens the session (including how to check in
    privately); ``at_home`` replaces the measurements and exams with activities at home."""

    check_in: Block
    at_home: Block


class Curriculum(Model):
    """A complete curriculum in one language."""

    name: str
    version: str
    language: str
    source: str = ""
    notes: str = ""
    session_minutes: int = Field(120, gt=0)
    visits: tuple[VisitPlan, ...]
    activities: tuple[Activity, ...] = ()
    # Screenings (periodicity keys) given as forms at arrival and scored before the baby's
    # exam; point-of-care tests done during the baby's turn in the rotation.
    arrival_forms: tuple[str, ...] = ("epds", "asq3", "mchat", "psychosocial")
    point_of_care: tuple[str, ...] = ("lead", "hemoglobin")
    # Wording for the recovery check-in when a kinship or foster carer is present.
    carer_prompts: tuple[str, ...] = ()
    safety_protocol: SafetyProtocol | None = None
    virtual: VirtualAgenda | None = None

    def visit(self, key: str) -> VisitPlan:
        for v in self.visits:
            if v.visit == key:
                return v
        raise KeyError(key)

    def activity(self, activity_id: str) -> Activity:
        for a in self.activities:
            if a.id == activity_id:
                return a
        raise KeyError(activity_id)
