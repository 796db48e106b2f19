"""Curricula: the built-ins are complete in both languages; every problem is found and located."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from groupwcc.errors import CurriculumError
from groupwcc.models.program import DEFAULT_VISITS
from groupwcc.readers.curriculum import (
    builtin_curriculum_path,
    list_curricula,
    load_curriculum,
    load_program_curricula,
    merge_curriculum,
)

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "curricula"
# The circle; the individual checks run beside it as the exam rotation (issue 15 §2).
ORDER = ["arrival-and-self-assessment", "measurements", "mindfulness", "play", "discussion",
         "recovery-check-in", "closing"]


def _builtins():
    return {c.language: c for _, c in list_curricula()}


def _problems(path: Path, **kwargs) -> list[str]:
    with pytest.raises(CurriculumError) as caught:
        load_curriculum(path, **kwargs)
    return [str(p) for p in caught.value.problems]


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# --- the built-in curricula ----------------------------------------------------------------

def test_builtins_exist_in_english_and_spanish_with_every_visit():
    curricula = _builtins()
    assert set(curricula) == {"en", "es"}
    for curriculum in curricula.values():
        assert [v.visit for v in curriculum.visits] == [*DEFAULT_VISITS, "m30"]
        assert curriculum.session_minutes == 120
        assert "clinical-facts.md" in curriculum.source


def test_builtins_have_the_same_structure_in_both_languages():
    en, es = _builtins()["en"], _builtins()["es"]
    for a, b in zip(en.visits, es.visits, strict=True):
        assert [(x.kind, x.minutes, x.activity, len(x.prompts)) for x in a.blocks] == \
               [(x.kind, x.minutes, x.activity, len(x.prompts)) for x in b.blocks], a.visit
        assert len(a.topics) == len(b.topics)
        assert a.title != b.title  # translated, not copied
    assert {(a.id, a.kind, a.age_band, a.minutes, len(a.steps)) for a in en.activities} == \
           {(a.id, a.kind, a.age_band, a.minutes, len(a.steps)) for a in es.activities}


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_builtin_visit_runs_the_full_session_in_order(language):
    curriculum = _builtins()[language]
    for visit in curriculum.visits:
        kinds = [b.kind for b in visit.blocks if b.kind != "celebration"]
        assert kinds == ORDER, visit.visit
        assert sum(b.minutes for b in visit.blocks) == 120
        # forms at arrival (0-15) and weighing (15-25) come before the first exam at 25;
        # the rotation ends when the closing circle starts (115)
        assert visit.exam is not None, visit.visit
        assert (visit.exam.start_minute, visit.exam.end_minute) == (25, 115), visit.visit
        assert visit.exam.minutes_per_baby == 10 and visit.exam.title and visit.exam.lead
        assert len(visit.topics) >= 4
        for block in visit.blocks:
            assert block.title and block.lead
            if block.kind in ("mindfulness", "play"):
                activity = curriculum.activity(block.activity)
                assert activity.kind == block.kind
                assert len(activity.steps) >= 4 and activity.trauma_informed_note
            if block.kind in ("discussion", "recovery-check-in"):
                assert len(block.prompts) >= 4, (visit.visit, block.kind)


def test_celebrations_are_at_first_and_second_birthdays_and_the_farewell():
    en = _builtins()["en"]
    assert [v.visit for v in en.visits if any(b.kind == "celebration" for b in v.blocks)] == \
           ["m12", "m24", "m30"]


SUBJECTS = {  # medication continuity, cravings and supports, safe storage, naloxone, POSC
    "en": ("medication", "craving|stress|support", "medicines|lock", "naloxone",
           "plan of safe care"),
    "es": ("medicamento", "deseos|estrés|apoyo", "medicamentos|llave", "naloxona",
           "plan de cuidado seguro"),
}


@pytest.mark.parametrize("language", ["en", "es"])
def test_recovery_check_in_covers_the_five_subjects_at_every_visit(language):
    for visit in _builtins()[language].visits:
        block = next(b for b in visit.blocks if b.kind == "recovery-check-in")
        text = " ".join(block.prompts).lower()
        assert "coach" in block.lead.lower()
        for subject in SUBJECTS[language]:
            assert re.search(subject, text), (visit.visit, subject)


@pytest.mark.parametrize("language", ["en", "es"])
def test_builtin_language_is_not_stigmatizing(language):
    text = builtin_curriculum_path(language).read_text(encoding="utf-8").lower()
    for word in ("addict", "abuser", "junkie", "substance abuse", "drug abuse", "clean time",
                 "dirty urine", "adict", "toxicóman", "drogadict"):
        assert word not in text, word


def test_forms_are_handed_out_at_arrival_and_tests_are_in_the_exam():
    en = _builtins()["en"]
    forms = {"m1": "EPDS", "m2": "EPDS", "m4": "EPDS", "m6": "EPDS", "m9": "ASQ-3",
             "m18": "M-CHAT-R/F", "m24": "M-CHAT-R/F", "m30": "ASQ-3"}
    for key, instrument in forms.items():
        arrival = en.visit(key).blocks[0]
        assert arrival.kind == "arrival-and-self-assessment"
        assert any(instrument in m for m in arrival.materials), key
        assert "before that baby's exam" in arrival.notes, key
    for key in ("m12", "m24"):  # point-of-care lead (and hemoglobin at 12 months) in the exam
        exam = en.visit(key).exam
        assert exam is not None and any("lead test" in m for m in exam.materials), key


def test_builtin_path_falls_back_to_the_short_language_code():
    assert builtin_curriculum_path("es-MX").name == "default.es.yaml"
    with pytest.raises(CurriculumError, match="no built-in curriculum in language 'fr'"):
        builtin_curriculum_path("fr")


def test_loading_twice_parses_once():
    path = builtin_curriculum_path("en")
    assert load_curriculum(path) is load_curriculum(path)


# --- problems, located ---------------------------------------------------------------------

def test_six_deliberate_mistakes_give_six_located_problems():
    path = FIXTURES / "six-mistakes.yaml"
    marked = [n for n, line in enumerate(path.read_text().splitlines(), start=1)
              if "# MISTAKE" in line]
    problems = _problems(path, required_visits=["m1", "m2", "m4"])
    assert len(problems) == 6
    assert [int(p.split(":")[1]) for p in problems] == marked
    assert problems == [
        "six-mistakes.yaml:16: visits.0.blocks.1.kind: unknown kind 'yoga'; use one of: "
        "arrival-and-self-assessment, measurements, individual-check, screening, discussion, "
        "mindfulness, play, recovery-check-in, celebration, closing",
        "six-mistakes.yaml:24: visits.0.blocks.2.activity: unknown activity "
        "'breathing-spaces'; did you mean 'breathing-space'?",
        "six-mistakes.yaml:32: visits.1.blocks: block minutes add up to 50, but "
        "session_minutes is 60",
        "six-mistakes.yaml:41: visits.1.blocks.1.activity: 'tummy-time' is a play activity, "
        "but this is a mindfulness block",
        "six-mistakes.yaml:54: visits.2.blocks.0.led_by: unknown key (allowed: kind, title, "
        "minutes, lead, materials, prompts, activity, notes, topic_ids)",
        "six-mistakes.yaml:59: visits.2.blocks.1.activity: 'first-conversations' suits ages 0 "
        "to 3 months (3 excluded), but visit m4 is at 4 months",
    ]


def test_error_message_counts_and_hints():
    with pytest.raises(CurriculumError) as caught:
        load_curriculum(FIXTURES / "six-mistakes.yaml", required_visits=["m1", "m2", "m4"])
    assert caught.value.message == "six-mistakes.yaml: 6 problems in the curriculum"
    assert "docs/reference/curriculum.md" in caught.value.hint


def test_default_required_visits_are_the_program_defaults(tmp_path):
    path = _write(tmp_path, "short.yaml", _SMALL)
    problems = _problems(path)
    missing = [p for p in problems if "is missing" in p]
    assert [p.split("visit ")[1].split(" ")[0] for p in missing] == list(DEFAULT_VISITS[1:])
    assert all(p.startswith("short.yaml:5: visits: ") for p in missing)


def test_duplicate_visit_and_bad_visit_key(tmp_path):
    text = _SMALL + _SMALL_VISIT.replace("m1", "m1") + _SMALL_VISIT.replace("m1", "month9")
    path = _write(tmp_path, "twice.yaml", text)
    problems = _problems(path, required_visits=["m1"])
    assert problems == [
        "twice.yaml:14: visits.1.visit: visit m1 is listed twice (first as visits.0)",
        "twice.yaml:22: visits.2.visit: 'month9' is not a visit key: write m and the age in "
        "months, e.g. m9",
    ]


def test_missing_fields_and_bad_activity_band(tmp_path):
    text = _SMALL.replace("        minutes: 60\n", "") + (
        "activities:\n"
        "  - id: upside-down\n"
        "    kind: play\n"
        "    title: Upside down\n"
        "    age_band: {from_months: 6, to_months: 3}\n"
        "    minutes: 5\n"
        "    steps: [One.]\n")
    problems = _problems(_write(tmp_path, "fields.yaml", text), required_visits=["m1"])
    assert problems == [
        "fields.yaml:10: visits.0.blocks.0.minutes: required key is missing",
        "fields.yaml:17: activities.0.age_band: from_months (6) must be below to_months (3)",
    ]


def test_yaml_syntax_error_is_located(tmp_path):
    path = _write(tmp_path, "broken.yaml", "name: x\nvisits:\n  - visit: m1\n   title: bad\n")
    with pytest.raises(CurriculumError, match=r"broken.yaml:4"):
        load_curriculum(path)


def test_a_file_that_is_not_a_mapping(tmp_path):
    with pytest.raises(CurriculumError, match="must be a mapping"):
        load_curriculum(_write(tmp_path, "list.yaml", "- m1\n- m2\n"))


def test_missing_file():
    with pytest.raises(CurriculumError, match="does not exist"):
        load_curriculum(Path("no/such/curriculum.yaml"))


# --- adapting the built-in curriculum -------------------------------------------------------

def test_extends_default_replaces_one_visit_and_adds_an_activity(tmp_path):
    path = _write(tmp_path, "ours.yaml", _OVERRIDE)
    ours, builtin = load_curriculum(path), load_curriculum(builtin_curriculum_path("en"))
    assert ours.visit("m4").title == "Four months: our own session"
    assert ours.activity("lullaby-circle").title == "Lullaby circle"
    assert ours.visit("m6") == builtin.visit("m6")
    assert [v.visit for v in ours.visits] == [v.visit for v in builtin.visits]
    assert len(ours.activities) == len(builtin.activities) + 1
    assert ours.name == builtin.name


def test_problems_in_an_override_point_into_the_override_file(tmp_path):
    text = _OVERRIDE.replace("minutes: 30\n", "minutes: 35\n").replace(
        "activity: lullaby-circle", "activity: lullaby")
    problems = _problems(_write(tmp_path, "ours.yaml", text))
    assert problems == [
        "ours.yaml:7: visits.0.blocks: block minutes add up to 125, but session_minutes is 120",
        "ours.yaml:21: visits.0.blocks.5.activity: unknown activity 'lullaby'; did you mean "
        "'lullaby-circle'?",
    ]


def test_override_session_length_exposes_the_builtin_visits_it_breaks(tmp_path):
    text = "extends: default\nlanguage: en\nsession_minutes: 90\n"
    problems = _problems(_write(tmp_path, "short.yaml", text))
    assert len(problems) == 10
    assert all(p.startswith("default.en.yaml:") and "session_minutes is 90" in p
               for p in problems)


def test_extends_needs_default_and_a_language(tmp_path):
    with pytest.raises(CurriculumError, match="only 'default'"):
        load_curriculum(_write(tmp_path, "a.yaml", "extends: other\nlanguage: en\n"))
    with pytest.raises(CurriculumError, match="language: required"):
        load_curriculum(_write(tmp_path, "b.yaml", "extends: default\n"))


def test_merge_curriculum_replaces_an_activity_by_id():
    base = load_curriculum(builtin_curriculum_path("en"))
    old = base.activity("breathing-space")
    new = old.model_dump() | {"title": "Two-minute breathing space", "minutes": 2}
    merged = merge_curriculum(base, {"activities": [new], "version": "1.0-local"})
    assert merged.activity("breathing-space").title == "Two-minute breathing space"
    assert merged.version == "1.0-local"
    assert len(merged.activities) == len(base.activities)


def test_merge_curriculum_reports_problems_as_override():
    base = load_curriculum(builtin_curriculum_path("en"))
    m1 = base.visit("m1").model_dump()
    m1["blocks"][2]["activity"] = "bubble-breath"  # 18 months and up
    with pytest.raises(CurriculumError) as caught:
        merge_curriculum(base, {"visits": [m1]})
    assert [str(p) for p in caught.value.problems] == [
        "override: visits.0.blocks.2.activity: 'bubble-breath' suits ages 18 to 48 months "
        "(48 excluded), but visit m1 is at 1 months"]


# --- a program's curricula -----------------------------------------------------------------

def test_program_without_its_own_curriculum_gets_the_builtins():
    curricula = load_program_curricula(["en", "es"], program_path=None,
                                       required_visits=DEFAULT_VISITS)
    assert {k: c.language for k, c in curricula.items()} == {"en": "en", "es": "es"}


def test_english_is_always_there_as_the_fallback():
    curricula = load_program_curricula(["es"], program_path=None, required_visits=["m1"])
    assert set(curricula) == {"es", "en"}


def test_a_language_without_any_curriculum_is_an_error():
    with pytest.raises(CurriculumError, match="'fr'"):
        load_program_curricula(["fr"], program_path=None, required_visits=["m1"])


def test_program_folder_adapts_one_language(tmp_path):
    folder = tmp_path / "curricula"
    folder.mkdir()
    _write(folder, "ours.en.yaml", _OVERRIDE)
    curricula = load_program_curricula(["en", "es"], program_path=folder,
                                       required_visits=DEFAULT_VISITS)
    assert curricula["en"].visit("m4").title == "Four months: our own session"
    assert curricula["es"] == load_curriculum(builtin_curriculum_path("es"))


def test_program_file_must_have_the_program_visits(tmp_path):
    path = _write(tmp_path, "tiny.yaml", _SMALL)
    with pytest.raises(CurriculumError) as caught:
        load_program_curricula(["en"], program_path=path, required_visits=["m1", "m2"])
    assert [str(p) for p in caught.value.problems] == [
        "tiny.yaml:5: visits: visit m2 is missing; add it (the program's visits need it)"]


def test_program_folder_problems_of_all_files_together(tmp_path):
    folder = tmp_path / "own"
    folder.mkdir()
    _write(folder, "a.yaml", _SMALL)
    _write(folder, "b.yaml", _SMALL.replace("name: Small", "name: Small again"))
    _write(folder, "c.yaml", _SMALL.replace("        minutes: 60", "        minutes: 59"))
    with pytest.raises(CurriculumError) as caught:
        load_program_curricula(["en"], program_path=folder, required_visits=["m1"])
    assert [str(p) for p in caught.value.problems] == [
        "c.yaml:9: visits.0.blocks: block minutes add up to 59, but session_minutes is 60",
        "b.yaml: a second curriculum in language 'en' (the first is a.yaml); keep one file "
        "per language",
    ]


def test_program_path_that_does_not_exist(tmp_path):
    with pytest.raises(CurriculumError, match="does not exist"):
        load_program_curricula(["en"], program_path=tmp_path / "nope.yaml",
                               required_visits=["m1"])


def test_list_curricula_of_a_folder(tmp_path):
    _write(tmp_path, "ours.yaml", _OVERRIDE)
    (tmp_path / "notes.txt").write_text("not a curriculum")
    [(path, curriculum)] = list_curricula(tmp_path)
    assert path.name == "ours.yaml" and curriculum.language == "en"


# --- JSON schema ---------------------------------------------------------------------------

def test_curriculum_schema_is_current():
    sys.path.insert(0, str(ROOT / "tools"))
    from gen_curriculum_schema import TARGET, render

    assert TARGET.read_text(encoding="utf-8") == render(), (
        "docs/reference/curriculum-schema.json is stale: run "
        ".venv/bin/python tools/gen_curriculum_schema.py")


_SMALL = """\
name: Small
version: "1"
language: en
session_minutes: 60
visits:
  - visit: m1
    title: One month
    topics: [Calming]
    blocks:
      - kind: discussion
        title: Talk
        minutes: 60
        lead: Facilitator
"""
_SMALL_VISIT = """\
  - visit: m1
    title: One month
    topics: [Calming]
    blocks:
      - kind: discussion
        title: Talk
        minutes: 60
        lead: Facilitator
"""
_OVERRIDE = """\
extends: default
language: en
visits:
  - visit: m4
    title: "Four months: our own session"
    topics: [Routines, Sleep]
    blocks:
      - {kind: arrival-and-self-assessment, title: Welcome, minutes: 10, lead: Facilitator}
      - {kind: measurements, title: Weights, minutes: 10, lead: Nurse}
      - {kind: individual-check, title: Checks, minutes: 20, lead: Pediatric clinician}
      - {kind: screening, title: EPDS, minutes: 10, lead: Nurse}
      - kind: mindfulness
        title: Kind wishes
        minutes: 10
        lead: Facilitator
        activity: loving-kindness
      - kind: play
        title: Lullabies
        minutes: 30
        lead: Facilitator
        activity: lullaby-circle
      - kind: discussion
        title: Routines
        minutes: 15
        lead: Pediatric clinician
        prompts: ["What does your day look like?"]
      - {kind: recovery-check-in, title: Recovery check-in, minutes: 10, lead: Peer recovery coach}
      - {kind: closing, title: Closing, minutes: 5, lead: Facilitator}
activities:
  - id: lullaby-circle
    kind: play
    title: Lullaby circle
    age_band: {from_months: 0, to_months: 12}
    minutes: 10
    steps: [Sit in a circle., Each family sings one lullaby., Everyone hums along.]
    trauma_informed_note: Humming counts; nobody has to sing alone.
"""
