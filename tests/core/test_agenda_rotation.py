"""The two-track session (issue 15 §2): the exam rotation beside the circle, forms before each
baby's exam, the next session's date, the safety protocol, virtual sessions and carers.

Every expected minute below was worked out by hand from the rule in core/rotation.py: babies
in name order, as many at a time as there are clinicians, each for the set check length.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from factories import make_infant

from groupwcc.core.agenda import build_agenda, next_session_day
from groupwcc.core.rotation import curriculum_warnings, rotation_minutes, rotation_warnings
from groupwcc.models import Curriculum, Session
from groupwcc.models.curriculum import ExamTrack
from groupwcc.models.program import CrisisNumbers
from groupwcc.readers.curriculum import builtin_curriculum_path, load_curriculum
from groupwcc.readers.reference import load_reference

NY = ZoneInfo("America/New_York")
START = datetime(2026, 7, 7, 10, 0, tzinfo=NY)
NAMES = ("Fern", "Alder", "Elm", "Birch", "Dogwood", "Cedar")  # sorted: A B C D E F


def _session(visit: str = "m4", start: datetime = START, **extra: object) -> Session:
    return Session(session_id=f"MAIN-2026-03-A-{visit.upper()}", cohort_id="MAIN-2026-03-A",
                   visit=visit, start=start, end=start + timedelta(minutes=120), site="main",
                   **extra)  # type: ignore[arg-type]


def _curriculum(language: str = "en", exam: ExamTrack | None = None,
                visit: str = "m4") -> Curriculum:
    curriculum = load_curriculum(builtin_curriculum_path(language))
    if exam is None:
        return curriculum
    visits = tuple(v.model_copy(update={"exam": exam}) if v.visit == visit else v
                   for v in curriculum.visits)
    return curriculum.model_copy(update={"visits": visits})


def _babies(count: int, born: date = date(2026, 3, 1)) -> list:
    return [make_infant(n=n + 1, first_name=NAMES[n % 6] + ("" if n < 6 else str(n)),
                        last_name="Testa", date_of_birth=born) for n in range(count)]


def _exam(minutes: int, start: int = 25, window: int = 60) -> ExamTrack:
    return ExamTrack(title="Checks", lead="Clinician", minutes_per_baby=minutes,
                     start_minute=start, end_minute=start + window)


# --- the rotation ------------------------------------------------------------------------------

def test_six_babies_two_clinicians_ten_minutes_in_a_sixty_minute_window():
    agenda = build_agenda(_session(), _babies(6), _curriculum(exam=_exam(10)), load_reference(),
                          clinicians=("Dr. Alpha", "NP Beta"))
    turns = [(t.display_name, t.start.strftime("%H:%M"), t.end.strftime("%H:%M"), t.clinician)
             for t in agenda.rotation]
    assert turns == [
        ("Alder T.", "10:25", "10:35", "Dr. Alpha"), ("Birch T.", "10:25", "10:35", "NP Beta"),
        ("Cedar T.", "10:35", "10:45", "Dr. Alpha"), ("Dogwood T.", "10:35", "10:45", "NP Beta"),
        ("Elm T.", "10:45", "10:55", "Dr. Alpha"), ("Fern T.", "10:45", "10:55", "NP Beta")]
    assert agenda.warnings == ()
    assert agenda.clinicians == ("Dr. Alpha", "NP Beta")


def test_eight_babies_twelve_minutes_one_clinician_overruns_and_says_so():
    exam = _exam(12, start=25, window=90)  # the built-in window: minute 25 to 115
    agenda = build_agenda(_session(), _babies(8), _curriculum(exam=exam), load_reference())
    assert len(agenda.rotation) == 8  # everyone is still on the list
    last = agenda.rotation[-1]
    # 7 turns of 12 minutes before the last: 10:25 + 84 min = 11:49, ending 12:01
    assert (last.start.strftime("%H:%M"), last.end.strftime("%H:%M")) == ("11:49", "12:01")
    assert agenda.clinicians == ("Clinician 1",)  # the slot named nobody
    assert agenda.warnings == (
        "the exam rotation does not fit: 8 babies × 12 min with 1 clinician(s) need 96 min, but "
        "the exam window is 90 min; name another clinician for the slot or shorten the checks",)


def test_rotation_minutes_are_whole_rounds():
    assert rotation_minutes(6, 2, 10) == 30
    assert rotation_minutes(7, 2, 10) == 40
    assert rotation_minutes(8, 1, 12) == 96
    assert rotation_minutes(0, 3, 10) == 0


def test_exams_before_the_forms_are_in_and_a_window_past_the_end_are_warned():
    found = rotation_warnings(_exam(10, start=5, window=130), 4, 1, session_minutes=120,
                              arrival_end=15)
    assert [w.split(",")[0].split(":")[0] for w in found] == [
        "the exam window ends at minute 135", "the exam rotation starts at minute 5"]
    spanish = rotation_warnings(_exam(12, window=90), 8, 1, session_minutes=120,
                                language="es")
    assert spanish[0].startswith("la rotación de exámenes no cabe: 8 bebés × 12 min")


def test_curriculum_check_warns_for_a_full_cohort_only_when_it_cannot_fit():
    for language in ("en", "es"):
        curriculum = _curriculum(language)
        assert curriculum_warnings(curriculum, babies=8, clinicians=1) == []
        # 10 babies × 10 minutes = 100 > the 90-minute window at every one of the 10 visits
        assert len(curriculum_warnings(curriculum, babies=10, clinicians=1)) == 10
        assert curriculum_warnings(curriculum, babies=10, clinicians=2) == []


def test_forms_are_scored_before_the_exam_and_point_of_care_tests_sit_in_the_rotation():
    reference = load_reference()
    six_weeks = build_agenda(_session("m2", datetime(2026, 5, 5, 10, tzinfo=NY)),
                             _babies(1), _curriculum(), reference)
    turn = six_weeks.rotation[0]
    assert turn.forms[0].startswith("Caregiver depression screening (EPDS)")
    assert turn.point_of_care == ()
    # 12 months: hemoglobin and the lead test are done during the baby's turn
    year = build_agenda(_session("m12", datetime(2027, 3, 2, 10, tzinfo=NY)), _babies(1),
                        _curriculum(), reference)
    assert year.rotation[0].point_of_care == ("Anemia screening (hemoglobin)", "Blood lead test")
    # forms are handed out at arrival, which ends before the first exam
    arrival = year.items[0]
    assert arrival.block.kind == "arrival-and-self-assessment"
    assert arrival.end <= year.rotation[0].start


# --- next session, protocol, virtual, carers ----------------------------------------------------

def test_next_session_is_the_cohorts_next_that_takes_place():
    this = _session("m4")
    cancelled = _session("m6", START + timedelta(days=56), status="cancelled")
    other = _session("m6", START + timedelta(days=14)).model_copy(update={"cohort_id": "X"})
    moved = _session("m6", START + timedelta(days=63))
    assert next_session_day(this, [this, cancelled, other, moved]) == date(2026, 9, 8)
    assert next_session_day(moved, [this, moved]) is None
    agenda = build_agenda(this, [], _curriculum(), load_reference(),
                          next_session=date(2026, 9, 8))
    assert agenda.next_session == date(2026, 9, 8)


def test_the_protocol_carries_the_programs_numbers():
    agenda = build_agenda(_session(), [], _curriculum(), load_reference(),
                          crisis=CrisisNumbers(local="555-0199", local_name="County crisis team"))
    assert agenda.protocol is not None
    steps = [s for section in agenda.protocol.sections for s in section.steps]
    assert "Local crisis line: County crisis team, 555-0199" in steps
    assert "Poison Help: 1-800-222-1222" in steps
    assert "988 Suicide & Crisis Lifeline (call or text): 988" in steps
    assert not any("{" in s for s in steps)
    titles = [s.title for s in agenda.protocol.sections]
    assert titles[:3] == ["EPDS item 10, or any thought of self-harm",
                          "A caregiver who appears sedated or intoxicated",
                          "A child-safety concern and a mandated report"]


def test_without_a_local_number_the_protocol_says_to_add_one():
    agenda = build_agenda(_session(), [], _curriculum("es"), load_reference())
    assert agenda.protocol is not None
    steps = [s for section in agenda.protocol.sections for s in section.steps]
    assert any("añada crisis.local a groupwcc.yaml" in s for s in steps)


def test_a_virtual_session_has_no_weighing_exams_or_vaccines():
    session = _session(virtual_link="https://video.example.org/room")
    agenda = build_agenda(session, _babies(3), _curriculum(), load_reference())
    kinds = [i.block.kind for i in agenda.items]
    assert agenda.virtual and agenda.rotation == () and agenda.exam is None
    assert "measurements" not in kinds and kinds[0] == "arrival-and-self-assessment"
    assert agenda.items[0].block.title == "Joining online, and how to reach us privately"
    assert kinds[-2:] == ["play", "closing"]  # at-home activities, then the closing circle
    assert any("private chat message" in p for p in agenda.items[0].block.prompts)
    assert "Infant scale" not in agenda.materials and "Exam kit" not in agenda.materials
    for before, after in zip(agenda.items, agenda.items[1:], strict=False):
        assert before.end == after.start


def test_carer_wording_only_when_a_kin_or_foster_carer_is_present():
    parents = [make_infant(n=1, caregiver_role="parent"), make_infant(n=2)]
    plain = build_agenda(_session(), parents, _curriculum(), load_reference())
    assert not plain.carers_present and plain.carer_prompts == ()
    with_kin = build_agenda(_session(), [*parents, make_infant(n=3, caregiver_role="kin")],
                            _curriculum(), load_reference())
    assert with_kin.carers_present
    assert with_kin.carer_prompts[0].startswith("For grandparents, relatives and foster carers")


def test_the_caregiver_role_is_never_on_the_sign_in_sheet():
    import json

    from groupwcc.exporters.sheets import family_rows

    members = [make_infant(n=1, caregiver_role="foster"), make_infant(n=2, caregiver_role="kin")]
    agenda = build_agenda(_session(), members, _curriculum(), load_reference())
    rows = json.dumps(family_rows(members, agenda.due), default=str).lower()
    assert "foster" not in rows and '"kin"' not in rows and "role" not in rows


def test_twins_are_called_one_after_the_other():
    twins = [make_infant(n=1, first_name="Alder", family_id="F-T"),
             make_infant(n=2, first_name="Elm", family_id="F-T")]
    others = [make_infant(n=3, first_name="Birch"), make_infant(n=4, first_name="Cedar")]
    agenda = build_agenda(_session(), [*others, *twins], _curriculum(exam=_exam(10)),
                          load_reference())
    assert [t.display_name for t in agenda.rotation] == ["Alder T.", "Elm T.", "Birch T.",
                                                         "Cedar T."]
