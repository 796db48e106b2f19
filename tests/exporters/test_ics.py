"""Outlook-profile calendars: structure, privacy, stability, cancellations, languages."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from exporter_fixtures import (
    GOLDEN,
    NY,
    VISIT_LABELS,
    check_golden,
    forbidden_strings,
    make_cohort,
    make_config,
    make_members,
    make_session,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from groupwcc.errors import PrivacyError
from groupwcc.exporters.ics import render_calendar, session_location
from groupwcc.exporters.privacy import (
    check_calendar_template,
    find_revealing_words,
    scan_text,
)
from groupwcc.models import Session


def _sessions() -> list[Session]:
    visits = [("m1", datetime(2026, 10, 6, 10, tzinfo=NY)),
              ("m2", datetime(2026, 11, 3, 10, tzinfo=NY)),   # first Tuesday after DST ends
              ("m4", datetime(2027, 1, 12, 10, tzinfo=NY))]
    sessions = [make_session(v, start) for v, start in visits]
    sessions.append(make_session("m6", datetime(2027, 3, 16, 10, tzinfo=NY),
                                 status="cancelled", revision=2,
                                 changed_at=datetime(2027, 2, 1, 9, 30, tzinfo=NY)))
    return sessions


def _render(sessions: list[Session] | None = None, **kwargs: object) -> bytes:
    members = make_members()
    cohort = make_cohort(members, language=str(kwargs.pop("cohort_language", "en")))
    options: dict[str, object] = {
        "calendar_name": "Example Family Clinic – baby groups",
        "cohorts": {cohort.cohort_id: cohort}, "config": make_config(),
        "visit_labels": {"en": VISIT_LABELS, "es": _spanish_labels()}, **kwargs}
    chosen = _sessions() if sessions is None else sessions
    return render_calendar(chosen, **options)  # type: ignore[arg-type]


def _spanish_labels() -> dict[str, str]:
    """Visit labels as the program passes them for a Spanish calendar (from the data)."""
    from groupwcc.readers.reference import load_reference

    return {v.key: v.label_in("es") for v in load_reference().visits}


def _unfolded_lines(data: bytes) -> list[str]:
    return data.decode("utf-8").replace("\r\n ", "").split("\r\n")


def test_matches_golden_file(update_golden: bool) -> None:
    stamps = {"MAIN-2026-09-A-M1": datetime(2026, 9, 1, 13, 5, tzinfo=UTC)}
    data = _render(closures=[("main", date(2026, 12, 24))], stamps=stamps,
                   exported_at=datetime(2026, 9, 20, 16, 0, tzinfo=UTC))
    check_golden(GOLDEN / "cohort.ics", data.decode(), update_golden)


def test_outlook_profile_structure() -> None:
    data = _render()
    text = data.decode("utf-8")
    lines = _unfolded_lines(data)
    assert text.count("BEGIN:VCALENDAR") == 1 and text.count("END:VCALENDAR") == 1
    assert [ln for ln in lines if ln.startswith("METHOD")] == ["METHOD:PUBLISH"]
    assert "PRODID:-//groupwcc//groupwcc//EN" in lines and "VERSION:2.0" in lines
    assert "X-WR-CALNAME:Example Family Clinic – baby groups" in lines
    assert "NAME:Example Family Clinic – baby groups" in lines
    assert "TZID" not in text and "VTIMEZONE" not in text
    assert "RRULE" not in text and "RDATE" not in text
    assert text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")  # every line ends in CRLF
    assert all(len(raw) <= 75 for raw in data.split(b"\r\n"))  # octets, folded


def test_events_are_discrete_utc_with_stable_uids() -> None:
    from icalendar import Calendar

    calendar = Calendar.from_ical(_render())
    events = list(calendar.walk("VEVENT"))
    uids = [str(e["UID"]) for e in events]
    assert uids == ["MAIN-2026-09-A-M1@groupwcc", "MAIN-2026-09-A-M2@groupwcc",
                    "MAIN-2026-09-A-M4@groupwcc", "MAIN-2026-09-A-M6@groupwcc"]
    for event in events:
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert start.utcoffset() == timedelta(0) and end > start
        assert str(event["CLASS"]) == "PRIVATE"
    # 10:00 New York is 14:00Z in daylight time (October) and 15:00Z in standard time.
    assert events[0].decoded("DTSTART") == datetime(2026, 10, 6, 14, tzinfo=UTC)
    assert events[1].decoded("DTSTART") == datetime(2026, 11, 3, 15, tzinfo=UTC)


def test_sequence_dtstamp_and_reminder() -> None:
    exported = datetime(2026, 9, 20, 16, 0, tzinfo=UTC)
    stamps = {"MAIN-2026-09-A-M1": datetime(2026, 9, 1, 13, 5, 7, 123, tzinfo=UTC)}
    lines = _unfolded_lines(_render(stamps=stamps, exported_at=exported))
    assert lines.count("SEQUENCE:0") == 3 and lines.count("SEQUENCE:2") == 1
    # The ledger's time of the export that last changed the event, else this export's time:
    # never the session's own date, which is mostly in the future.
    assert "DTSTAMP:20260901T130507Z" in lines
    assert lines.count("DTSTAMP:20260920T160000Z") == 3
    assert lines.count("TRIGGER:-PT60M") == 3  # not on the cancelled session
    assert lines.count("ACTION:DISPLAY") == 3


def test_output_is_reproducible() -> None:
    assert _render() == _render()


def test_no_reminder_when_configured_off() -> None:
    data = _render(config=make_config(reminder_minutes=None))
    assert b"VALARM" not in data


def test_cancelled_session_stays_visible_and_free() -> None:
    from icalendar import Calendar

    events = list(Calendar.from_ical(_render()).walk("VEVENT"))
    cancelled = [e for e in events if str(e["STATUS"]) == "CANCELLED"]
    assert len(cancelled) == 1
    assert str(cancelled[0]["SUMMARY"]).startswith("CANCELLED – Baby group")
    assert str(cancelled[0]["TRANSP"]) == "TRANSPARENT"
    others = [e for e in events if e is not cancelled[0]]
    assert {str(e["TRANSP"]) for e in others} == {"OPAQUE"}


def test_summary_description_and_location() -> None:
    from icalendar import Calendar

    event = next(iter(Calendar.from_ical(_render()).walk("VEVENT")))
    assert str(event["SUMMARY"]) == "Baby group · MAIN-2026-09-A · 1-month visit"
    assert str(event["DESCRIPTION"]).startswith("Group visit for MAIN-2026-09-A.")
    assert str(event["LOCATION"]) == "Group Room A, 100 Main Street, Suite 2"


def test_virtual_session_location_is_the_link() -> None:
    session = make_session(room=None, virtual_link="https://video.example.org/j/123")
    assert session_location(session, make_config()) == "https://video.example.org/j/123"


def test_spanish_calendar_uses_spanish_wording() -> None:
    from icalendar import Calendar

    data = _render(language="es", cohort_language="es")
    summaries = [str(e["SUMMARY"]) for e in Calendar.from_ical(data).walk("VEVENT")]
    assert summaries[2] == "Grupo de bebés · MAIN-2026-09-A · visita de 4 meses"
    assert summaries[3].startswith("CANCELADA – Grupo de bebés")


def test_custom_template_is_used_for_every_language() -> None:
    from icalendar import Calendar

    config = make_config(title_template="{site}: well-baby group {visit_label}")
    data = _render(config=config, language="es", cohort_language="es")
    first = next(iter(Calendar.from_ical(data).walk("VEVENT")))
    assert str(first["SUMMARY"]) == "Main Street Clinic: well-baby group 1 mes"


def test_closures_are_all_day_transparent_events() -> None:
    lines = _unfolded_lines(_render(closures=[("main", date(2026, 12, 24))]))
    start = lines.index("UID:closed-main-20261224-en@groupwcc")
    block = lines[_begin(lines, start):lines.index("END:VEVENT", start)]
    assert "DTSTART;VALUE=DATE:20261224" in block and "DTEND;VALUE=DATE:20261225" in block
    assert "TRANSP:TRANSPARENT" in block
    assert "BEGIN:VALARM" not in block
    assert "SUMMARY:Program closed · Main Street Clinic" in block


def _begin(lines: list[str], index: int) -> int:
    while lines[index] != "BEGIN:VEVENT":
        index -= 1
    return index


def test_no_roster_names_or_birth_dates_anywhere() -> None:
    text = _render(closures=[("main", date(2026, 12, 24))]).decode("utf-8")
    leaked = scan_text(text, forbidden_strings(make_members()))
    assert leaked == []
    # The scanner itself finds a name that is folded across lines.
    assert scan_text("SUMMARY:xx Quill\r\n feather", ["Quillfeather"]) == ["Quillfeather"]


def test_event_cache_reuses_serialised_events() -> None:
    cache: dict[object, bytes] = {}
    sessions = _sessions()
    _render(sessions, event_cache=cache)
    assert len(cache) == 4
    key = ("MAIN-2026-09-A-M1", 0, "en")
    cache[key] = cache[key].replace(b"1-month", b"CACHED")
    assert b"CACHED" in _render(sessions[:1], event_cache=cache)


@pytest.mark.parametrize("template", [
    "Baby group {cohort} recovery check-in", "{infant} visit", "Group {cohort.__class__}",
    "MAT group {cohort}", "Opioid support {cohort}"])
def test_revealing_or_unknown_templates_are_refused(template: str) -> None:
    with pytest.raises(PrivacyError):
        check_calendar_template(template)
    with pytest.raises(PrivacyError):
        _render(config=make_config(title_template=template))


def test_neutral_templates_are_accepted() -> None:
    check_calendar_template("Well-baby group · {cohort} · {visit_label} · {site} · {program}")
    check_calendar_template("Matinee group {cohort}")  # 'MAT' only as a whole word


def test_revealing_calendar_name_is_refused_with_a_hint() -> None:
    with pytest.raises(PrivacyError) as caught:
        _render(calendar_name="Recovery Families – baby groups")
    assert "calendar_name_template" in str(caught.value)


def test_revealing_site_address_is_refused() -> None:
    from groupwcc.models import Site

    config = make_config().model_copy(update={"sites": (
        Site(id="main", name="Main", address="1 Recovery Way"),)})
    with pytest.raises(PrivacyError) as caught:
        _render(config=config)
    assert "sites[main].address" in str(caught.value)


def test_parses_with_the_independent_ical_package() -> None:
    from ical.calendar_stream import IcsCalendarStream

    calendar = IcsCalendarStream.calendar_from_ics(
        _render(closures=[("main", date(2026, 12, 24))]).decode("utf-8"))
    assert [e.uid for e in calendar.events][:2] == ["MAIN-2026-09-A-M1@groupwcc",
                                                    "MAIN-2026-09-A-M2@groupwcc"]
    assert len(calendar.events) == 5
    assert all(e.end > e.start for e in calendar.events)


@settings(max_examples=40, deadline=None)
@given(room=st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=120))
def test_any_room_name_folds_and_round_trips(room: str) -> None:
    from icalendar import Calendar

    if find_revealing_words(room):
        return
    data = _render([make_session(room=room)])
    assert all(len(raw) <= 75 for raw in data.split(b"\r\n"))
    event = next(iter(Calendar.from_ical(data).walk("VEVENT")))
    assert str(event["LOCATION"]) == f"{room}, 100 Main Street, Suite 2"
