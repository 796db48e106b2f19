"""Clinical content of the built-in curricula and the periodicity data (issue 15).

Topics are found by their stable ``topic_ids`` (the same in every language), never by words;
the expected placements below were written by hand from docs/explanation/clinical-content.md.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from factories import make_infant

from groupwcc.core.agenda import infant_due
from groupwcc.models import Curriculum, Session
from groupwcc.readers.curriculum import builtin_curriculum_path, load_curriculum
from groupwcc.readers.reference import load_reference

ROOT = Path(__file__).resolve().parents[2]
ALL_VISITS = ("m1", "m2", "m4", "m6", "m9", "m12", "m15", "m18", "m24", "m30")
LANGUAGES = ("en", "es")

# topic id -> the visits whose blocks carry it (hand-placed; see clinical-content.md).
PLACEMENT = {
    "nows-feeding": {"m1", "m2"},
    "breastfeeding-moud": {"m1"},
    "safe-sleep-sedation": {"m1", "m2", "m4"},
    "smoke-free-home": {"m1", "m6"},
    "family-planning": {"m2", "m4"},
    "plan-of-safe-care": {"m1", "m6"},
    "emergency-childcare-plan": {"m2", "m12"},
    "return-to-use-plan": {"m4", "m9", "m12"},
    "overdose-naloxone": {"m1", "m6", "m9", "m12"},
    "ipv": {"m2", "m6", "m12", "m18"},
    "aces": {"m9"},
}


def _curriculum(language: str) -> Curriculum:
    return load_curriculum(builtin_curriculum_path(language),
                           required_visits=list(ALL_VISITS))


def _placements(curriculum: Curriculum) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for visit in curriculum.visits:
        for block in (*visit.blocks, *([visit.exam] if visit.exam else [])):
            for topic in block.topic_ids:
                found.setdefault(topic, set()).add(visit.visit)
    return found


# --- topics --------------------------------------------------------------------------------

@pytest.mark.parametrize("language", LANGUAGES)
def test_each_required_topic_is_at_its_visits(language: str) -> None:
    assert _placements(_curriculum(language)) == PLACEMENT


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_block_with_a_topic_has_prompts_for_it(language: str) -> None:
    for visit in _curriculum(language).visits:
        for block in visit.blocks:
            if block.topic_ids:
                assert block.prompts, (visit.visit, block.title)


def test_both_languages_carry_the_same_topics_in_the_same_blocks() -> None:
    en, es = _curriculum("en"), _curriculum("es")
    for a, b in zip(en.visits, es.visits, strict=True):
        assert [x.topic_ids for x in a.blocks] == [x.topic_ids for x in b.blocks], a.visit
        assert (a.exam and a.exam.topic_ids) == (b.exam and b.exam.topic_ids), a.visit


@pytest.mark.parametrize("language", LANGUAGES)
def test_private_topics_are_never_circle_discussions(language: str) -> None:
    """Partner violence is asked only on the private sheet; family planning only one-to-one
    (in the exam rotation, never in a circle block)."""
    private = {"ipv": {"arrival-and-self-assessment"}, "family-planning": set()}
    for visit in _curriculum(language).visits:
        for block in visit.blocks:
            for topic, kinds in private.items():
                if topic in block.topic_ids:
                    assert block.kind in kinds, (visit.visit, topic, block.kind)


@pytest.mark.parametrize("language", LANGUAGES)
def test_six_month_mood_screening_does_not_say_it_is_the_last_time(language: str) -> None:
    plan = _curriculum(language).visit("m6")
    arrival, exam = plan.blocks[0], plan.exam  # forms at arrival, scored before the exam
    assert exam is not None
    text = " ".join((*arrival.prompts, arrival.notes, *exam.prompts, exam.notes)).lower()
    assert "epds" in exam.notes.lower()
    for words in ("last time", "última vez", "ultima vez", "no longer ask", "ya no"):
        assert words not in text, words


@pytest.mark.parametrize("language", LANGUAGES)
def test_curriculum_check_passes(language: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200"}
    done = subprocess.run(
        [sys.executable, "-m", "groupwcc", "curriculum", "check",
         str(ROOT / "curricula" / f"default.{language}.yaml")],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no problems found" in done.stdout


# --- periodicity -----------------------------------------------------------------------------

EXPECTED_VISITS = {
    "hearing-risk": ("m4", "m6", "m9", "m12", "m15", "m18", "m24", "m30"),
    "blood-spot-verify": ("m1", "m2"),
    "hepb-risk": ALL_VISITS,
    "vision-risk": ALL_VISITS,
    "bp-risk": ALL_VISITS,
    "dyslipidemia-risk": ("m24",),
    "fluoride-supplement": ("m6", "m9", "m12", "m15", "m18", "m24", "m30"),
    "anemia-risk": ("m4", "m15", "m18", "m24", "m30"),
    "fluoride-varnish": ("m6", "m9", "m12", "m15", "m18", "m24", "m30"),
    "oral-health": ("m6", "m9", "m12", "m18", "m24", "m30"),
}


@pytest.mark.parametrize(("key", "visits"), sorted(EXPECTED_VISITS.items()))
def test_bright_futures_item_is_due_at_its_ages(key: str, visits: tuple[str, ...]) -> None:
    rule = next(s for s in load_reference().screenings if s.key == key)
    assert rule.visits == visits
    assert rule.source.startswith("[")
    assert rule.names.get("es")


def test_hearing_risk_starts_at_four_months_and_dyslipidemia_is_24_months_only() -> None:
    reference = load_reference()
    at = {v: {s.key for s in reference.screenings_at(v)} for v in ALL_VISITS}
    assert "hearing-risk" not in at["m1"] | at["m2"]
    assert "hearing-verify" in at["m1"] & at["m2"]
    assert all("hearing-risk" in at[v] for v in ALL_VISITS[2:])
    assert [v for v in ALL_VISITS if "dyslipidemia-risk" in at[v]] == ["m24"]
    assert "blood-spot-verify" not in at["m4"]
    assert "fluoride-supplement" not in at["m4"]


def test_periodicity_file_was_bumped_for_the_new_items() -> None:
    version = load_reference().versions["periodicity.yaml"]
    assert version.startswith("2026.2 (2026-11-30)")
    assert all(s.source for s in load_reference().screenings)


def test_staff_due_list_at_a_24_month_session_lists_the_new_items() -> None:
    """Hand-checked: born 1 Mar 2026, seen 3 Mar 2028 at the 24-month session."""
    start = datetime(2028, 3, 3, 10, 0, tzinfo=ZoneInfo("America/New_York"))
    session = Session(session_id="MAIN-2026-03-A-M24", cohort_id="MAIN-2026-03-A",
                      visit="m24", start=start, end=start.replace(hour=12), site="main",
                      room="Group Room A")
    infant = make_infant(date_of_birth=date(2026, 3, 1))
    due = infant_due(infant, session, load_reference(), language="es")
    codes = [i.code for i in due.items if i.kind == "screening"]
    for key in ("dyslipidemia-risk", "hearing-risk", "hepb-risk", "vision-risk", "bp-risk",
                "fluoride-supplement", "anemia-risk"):
        assert key in codes, key
    assert "blood-spot-verify" not in codes
    labels = [i.label for i in due.items if i.code == "dyslipidemia-risk"]
    assert labels == ["Evaluación de riesgo de dislipidemia"]
