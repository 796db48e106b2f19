"""The exam rotation: the second track of a session, beside the circle.

Each baby is called out of the circle for an individual check of a set length. With ``C``
clinicians the babies are seen ``C`` at a time, so ``N`` babies need ``ceil(N / C)`` rounds of
the check length. Pure: babies, clinicians and times come in, turns and warnings come out.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from math import ceil

from groupwcc.i18n import ROTATION_TEXT, words
from groupwcc.models import Curriculum, DueItem, Infant
from groupwcc.models.agenda import ExamTurn
from groupwcc.models.curriculum import Block, ExamTrack


def rotation_minutes(babies: int, clinicians: int, minutes_per_baby: int) -> int:
    """Minutes a rotation needs: whole rounds of ``clinicians`` babies at a time."""
    return ceil(babies / max(clinicians, 1)) * minutes_per_baby


def clinician_names(named: Sequence[str], language: str = "en") -> tuple[str, ...]:
    """The slot's clinicians, or one unnamed clinician when the slot names none."""
    return tuple(named) or (words(ROTATION_TEXT, language)["clinician"].format(n=1),)


def build_rotation(start: datetime, exam: ExamTrack, members: Sequence[Infant],
                   clinicians: Sequence[str], due: dict[str, Sequence[DueItem]],
                   curriculum: Curriculum) -> tuple[ExamTurn, ...]:
    """Every member's turn: babies in name order (twins and siblings one after the other, so
    one parent is not called twice far apart), ``len(clinicians)`` at a time, from the exam
    window's start, each for ``exam.minutes_per_baby`` minutes. Nobody is left out: a rotation
    that overruns its window keeps going (and ``rotation_warnings`` says so)."""
    names = tuple(clinicians) or clinician_names(())
    first = start + timedelta(minutes=exam.start_minute)
    turns = []
    ordered = _family_order(members)
    for n, infant in enumerate(ordered):
        at = first + timedelta(minutes=(n // len(names)) * exam.minutes_per_baby)
        items = due.get(infant.infant_id, ())
        turns.append(ExamTurn(
            infant_id=infant.infant_id, display_name=infant.display_name, start=at,
            end=at + timedelta(minutes=exam.minutes_per_baby), clinician=names[n % len(names)],
            forms=tuple(i.label for i in items if i.code in curriculum.arrival_forms),
            point_of_care=tuple(i.label for i in items if i.code in curriculum.point_of_care)))
    return tuple(turns)


def _family_order(members: Sequence[Infant]) -> list[Infant]:
    def name(infant: Infant) -> tuple[str, str]:
        return infant.display_name.casefold(), infant.infant_id

    first: dict[str, tuple[str, str]] = {}
    for infant in members:
        first[infant.family_id] = min(first.get(infant.family_id, name(infant)), name(infant))
    return sorted(members, key=lambda i: (first[i.family_id], name(i)))


def rotation_warnings(exam: ExamTrack, babies: int, clinicians: int, *, session_minutes: int,
                      arrival_end: int | None = None, language: str = "en") -> list[str]:
    """Why a rotation of ``babies`` with ``clinicians`` cannot run as planned (empty if it can):
    too long for its window, a window past the session's end, or exams before the forms are in.
    """
    text, found = words(ROTATION_TEXT, language), []
    need = rotation_minutes(babies, clinicians, exam.minutes_per_baby)
    if need > exam.window_minutes:
        found.append(text["overflow"].format(babies=babies, minutes=exam.minutes_per_baby,
                                             clinicians=max(clinicians, 1), need=need,
                                             window=exam.window_minutes))
    if exam.end_minute > session_minutes:
        found.append(text["past_end"].format(end=exam.end_minute, session=session_minutes))
    if arrival_end is not None and exam.start_minute < arrival_end:
        found.append(text["before_forms"].format(start=exam.start_minute, arrival=arrival_end))
    return found


def curriculum_warnings(curriculum: Curriculum, *, babies: int = 8,
                        clinicians: int = 1) -> list[str]:
    """``curriculum check``'s warnings: each visit whose exam rotation cannot fit a full cohort
    of ``babies`` with ``clinicians``, or that has no exam rotation at all."""
    found = []
    for plan in curriculum.visits:
        if plan.exam is None:
            found.append(f"visit {plan.visit}: no exam rotation (exam:); babies are not "
                         "called out for their individual checks")
            continue
        arrival = arrival_end_minute(plan.blocks)
        found += [f"visit {plan.visit}: {w}" for w in rotation_warnings(
            plan.exam, babies, clinicians, session_minutes=curriculum.session_minutes,
            arrival_end=arrival, language="en")]
    return found


def arrival_end_minute(blocks: Sequence[Block]) -> int | None:
    """Minute the arrival block (forms handed out) ends, or None without one."""
    at = 0
    for block in blocks:
        at += block.minutes
        if block.kind == "arrival-and-self-assessment":
            return at
    return None
