"""A small synthetic program for the report's breakdown tables, worked out by hand.

Six invented infants born 2026-03-01 in two cohorts (every number below is checked in
tests/core/test_report_rows.py and tests/exporters/test_report_tables.py):

    cohort A, site main: I-0001 en, I-0002 en, I-0003 es
    cohort B, site north: I-0004 es, I-0005 es, I-0006 en

    A-M1 2026-04-07 held: I-1 attended, I-2 absent, I-3 late
    A-M2 2026-05-12 held: I-1 attended, I-2 individual visit, I-3 excused
    B-M1 2026-04-08 held: I-4 attended, I-5 attended, I-6 absent
    B-M2 2026-05-13 held, nothing recorded

Visit windows (test reference): m1 2026-03-15..04-12, m2 04-12..06-01.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from factories import make_infant

from groupwcc.core.records import Mark, Period, Records
from groupwcc.core.w30 import W30Status
from groupwcc.models import AgeWindow, Cohort, Infant, ReferenceData, Session, VisitDef

NY = ZoneInfo("America/New_York")
ORDER = ("m1", "m2")
LABELS = {"m1": "1-month", "m2": "2-month"}
PERIOD = Period(date(2026, 1, 1), date(2026, 6, 30))
BORN = date(2026, 3, 1)
LANGUAGES = {1: "en", 2: "en", 3: "es", 4: "es", 5: "es", 6: "en"}


def reference() -> ReferenceData:
    windows = {"m1": ("2w", "6w"), "m2": ("6w", "3m")}
    visits = tuple(VisitDef(key=k, label=LABELS[k], nominal=k[1:] + "m",
                            window=AgeWindow(start=a, end=b)) for k, (a, b) in windows.items())
    return ReferenceData(visits=visits, doses=(), screenings=())


def infants() -> dict[str, Infant]:
    made = [make_infant(n=n, date_of_birth=BORN, language=lang,
                        site="main" if n <= 3 else "north") for n, lang in LANGUAGES.items()]
    return {i.infant_id: i for i in made}


def cohorts() -> list[Cohort]:
    return [Cohort(cohort_id="A", site="main", language="en",
                   infant_ids=("I-0001", "I-0002", "I-0003")),
            Cohort(cohort_id="B", site="north", language="es",
                   infant_ids=("I-0004", "I-0005", "I-0006"))]


def _session(cohort: str, visit: str, day: date, site: str) -> Session:
    start = datetime(day.year, day.month, day.day, 10, 0, tzinfo=NY)
    return Session(session_id=f"{cohort}-{visit.upper()}", cohort_id=cohort, visit=visit,
                   start=start, end=start + timedelta(hours=2), site=site, room="Room A",
                   status="held")


def records() -> Records:
    sessions = (_session("A", "m1", date(2026, 4, 7), "main"),
                _session("A", "m2", date(2026, 5, 12), "main"),
                _session("B", "m1", date(2026, 4, 8), "north"),
                _session("B", "m2", date(2026, 5, 13), "north"))
    marks = [("A-M1", 1, "attended"), ("A-M1", 2, "absent"), ("A-M1", 3, "late"),
             ("A-M2", 1, "attended"), ("A-M2", 2, "individual visit"), ("A-M2", 3, "excused"),
             ("B-M1", 4, "attended"), ("B-M1", 5, "attended"), ("B-M1", 6, "absent")]
    return Records(sessions, tuple(Mark(s, f"I-{n:04d}", status) for s, n, status in marks))


def w30_statuses() -> list[W30Status]:
    """Rate 1: I-1 met (6 visits), I-2 not met (3), I-4 met (7); rate 2: I-5 met (2)."""
    b15, b30 = date(2027, 5, 30), date(2028, 8, 28)

    def status(n: int, v1: int, v2: int, in1: bool, in2: bool) -> W30Status:
        return W30Status(f"I-{n:04d}", b15, b30, v1, v2, in1, in2, False, False, None, None)

    return [status(1, 6, 0, True, False), status(2, 3, 0, True, False),
            status(3, 2, 0, False, False), status(4, 7, 0, True, False),
            status(5, 6, 2, False, True), status(6, 1, 0, False, False)]
