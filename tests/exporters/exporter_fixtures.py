"""Fixed, synthetic inputs for the exporter tests: a program, one cohort of eight families
(one with twins), a session, and an agenda built by hand; and the golden-file check."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from groupwcc.models import (
    Activity,
    AgeBand,
    Agenda,
    AgendaItem,
    Block,
    Celebration,
    Cohort,
    DueItem,
    Infant,
    InfantDue,
    ProgramConfig,
    Session,
    Site,
)

NY = ZoneInfo("America/New_York")

# (infant first, last, caregiver first, preferred, dob); families F-01..F-08, F-03 has twins.
_ROSTER = [
    ("Wren", "Quillfeather", "Marigold", None, date(2026, 9, 2)),
    ("Otto", "Brambleton", "Juniper", "Junie", date(2026, 9, 5)),
    ("Ada", "Fennimore", "Rosalind", None, date(2026, 9, 9)),
    ("Bo", "Fennimore", "Rosalind", None, date(2026, 9, 9)),
    ("Kit", "Larkspur", "Tamsin", None, date(2026, 9, 14)),
    ("Nell", "O'Mallowby", "Percival", "Percy", date(2026, 9, 18)),
    ("Ivo", "Thistlewood", "Saoirse", None, date(2026, 9, 21)),
    ("Lumi", "Crumpet", "Bartholomew", "Bart", date(2026, 9, 25)),
    ("Pip", "Zanzibarre", "Ottilie", None, date(2026, 9, 29)),
]


def make_members() -> list[Infant]:
    members, family = [], 0
    for n, (first, last, carer, preferred, dob) in enumerate(_ROSTER, start=1):
        if first != "Bo":
            family += 1
        members.append(Infant(
            infant_id=f"I-{n:03d}", family_id=f"F-{family:02d}", first_name=first,
            last_name=last, date_of_birth=dob, caregiver_first_name=carer,
            caregiver_preferred_name=preferred, caregiver_last_name=last, site="main",
            phone="555-0100"))
    return members


def make_config(**calendar: object) -> ProgramConfig:
    return ProgramConfig(
        program="Example Family Clinic", timezone="America/New_York",
        sites=(Site(id="main", name="Main Street Clinic", rooms=("Group Room A",),
                    address="100 Main Street, Suite 2"),),
        calendar=calendar or {})  # type: ignore[arg-type]


def make_session(visit: str = "m4", start: datetime | None = None, **extra: object) -> Session:
    start = start or datetime(2027, 1, 12, 10, 0, tzinfo=NY)
    return Session(**{  # type: ignore[arg-type]
        "session_id": f"MAIN-2026-09-A-{visit.upper()}", "cohort_id": "MAIN-2026-09-A",
        "visit": visit, "start": start, "end": start + timedelta(hours=2), "site": "main",
        "room": "Group Room A", "facilitators": ("Dr. Example", "Nurse Sample"), **extra})


def make_cohort(members: list[Infant], language: str = "en") -> Cohort:
    return Cohort(cohort_id="MAIN-2026-09-A", site="main", language=language,
                  infant_ids=tuple(i.infant_id for i in members))


def _blocks() -> list[tuple[Block, Activity | None]]:
    breathe = Activity(
        id="belly-breathing", kind="mindfulness", title="Belly breathing with baby",
        age_band=AgeBand(from_months=0, to_months=6), minutes=10,
        steps=("Sit comfortably with baby on your chest.",
               "Breathe in slowly for four counts; notice baby's weight rising.",
               "Breathe out for six counts; let your shoulders drop.",
               "Repeat five times, then notice how baby responds."),
        trauma_informed_note="Invite, never require: eyes may stay open; anyone may stop "
                             "at any time.", materials=("Soft blankets",))
    tummy = Activity(
        id="tummy-time-mirror", kind="play", title="Tummy time with a mirror",
        age_band=AgeBand(from_months=3, to_months=6), minutes=15,
        steps=("Lay baby on the blanket, tummy down, with the mirror in front.",
               "Get down to baby's eye level and talk about what baby sees.",
               "Stop when baby fusses; try again later."),
        trauma_informed_note="Praise every caregiver's way of holding baby; avoid correcting "
                             "in front of the group.", materials=("Baby-safe mirrors",))
    return [
        (Block(kind="arrival-and-self-assessment", title="Welcome and sign-in", minutes=15,
               lead="Nurse", materials=("Sign-in sheet", "Name tags"),
               prompts=("How has your week been?",)), None),
        (Block(kind="measurements", title="Weights and lengths", minutes=20, lead="Nurse",
               materials=("Infant scale", "Length board")), None),
        (Block(kind="mindfulness", title="Breathing together", minutes=10, lead="Facilitator",
               activity="belly-breathing"), breathe),
        (Block(kind="discussion", title="Sleep and soothing", minutes=25, lead="Pediatrician",
               prompts=("What helps your baby fall asleep?",
                        "Where does your baby sleep? (safe sleep: alone, on the back, in a crib)",
                        "What do you do when you feel overwhelmed by crying?"),
               notes="Hand out the safe-sleep leaflet."), None),
        (Block(kind="play", title="Play time", minutes=15, lead="Facilitator",
               activity="tummy-time-mirror"), tummy),
        (Block(kind="individual-check", title="Individual checks and vaccines", minutes=25,
               lead="Pediatrician", notes="Private corner; one family at a time."), None),
        (Block(kind="closing", title="Closing circle", minutes=10, lead="Facilitator",
               prompts=("One thing you will try this week.",)), None),
    ]


def make_agenda(session: Session, members: list[Infant], language: str = "en") -> Agenda:
    items, at = [], session.start
    for block, activity in _blocks():
        items.append(AgendaItem(start=at, end=at + timedelta(minutes=block.minutes),
                                block=block, activity=activity))
        at += timedelta(minutes=block.minutes)
    due = [InfantDue(
        infant_id=i.infant_id, display_name=i.display_name, chronological_age="4 m 3 d",
        corrected_age="2 m 20 d" if i.first_name == "Pip" else None,
        items=(DueItem(kind="screening", code="epds", label="EPDS (caregiver)"),
               DueItem(kind="vaccine", code="DTaP-2", label="DTaP dose 2"),
               DueItem(kind="vaccine", code="RV-2", label="Rotavirus dose 2",
                       note="give by 8 m 0 d")),
        flags=("outside visit window: consider individual visit",) if i.first_name == "Kit"
        else ()) for i in members]
    return Agenda(session_id=session.session_id, cohort_id=session.cohort_id,
                  visit=session.visit, visit_label="4-month", title="Four months: sleep and play",
                  language=language, start=session.start, end=session.end,
                  topics=("Safe sleep", "Soothing a crying baby", "Tummy time"),
                  items=tuple(items), due=tuple(due),
                  celebrations=(Celebration(infant_id="I-001", display_name="Wren Q.",
                                            what="4 months old", on=date(2027, 1, 2)),),
                  materials=("Snacks and water",))


VISIT_LABELS = {"m1": "1-month", "m2": "2-month", "m4": "4-month", "m6": "6-month"}


def forbidden_strings(members: list[Infant]) -> list[str]:
    """Full names, last names and birth dates (several formats) that must never leak."""
    found: list[str] = []
    for i in members:
        found += [i.last_name, i.caregiver_first_name if i.caregiver_preferred_name else "",
                  f"{i.first_name} {i.last_name}", i.date_of_birth.isoformat(),
                  f"{i.date_of_birth:%Y%m%d}", f"{i.date_of_birth:%m/%d/%Y}", i.phone or ""]
    return [f for f in found if f]


GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "exporters"


def check_golden(path: Path, actual: str, update: bool) -> None:
    """Compare ``actual`` with ``path`` byte for byte, or rewrite it when ``update``."""
    if update or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(actual.encode("utf-8"))
        if not update:
            pytest.fail(f"golden file {path} did not exist; written now: review and commit it")
    expected = path.read_bytes().decode("utf-8")
    assert actual == expected, f"output differs from {path}; run pytest --update-golden if intended"


def pdf_text(pdf: bytes) -> str:
    """The text of every page of ``pdf`` (pypdf), whitespace collapsed to single spaces."""
    import io
    import re

    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(pdf)).pages
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pages)).strip()
