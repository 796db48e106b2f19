"""Curricula: what happens at each visit age, block by block, plus an activity library."""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from pydantic import Field, StringConstraints

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


class VisitPlan(Model):
    """The curriculum of one visit age."""

    visit: str  # "m4"
    title: str
    topics: tuple[str, ...]
    blocks: tuple[Block, ...]


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
