"""The direct VEVENT writer in exporters/ics.py against icalendar's own serialiser.

exporters/ics.py writes the Outlook profile's few properties itself (icalendar's component model
was most of a large plan's calendar time). These tests rebuild every event with icalendar, as
the module did before, and require the same bytes, for ordinary and awkward text (commas,
semicolons, backslashes, carets, newlines, long non-ASCII lines that fold).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from exporter_fixtures import NY, VISIT_LABELS, make_cohort, make_config, make_members, make_session
from hypothesis import given, settings
from hypothesis import strategies as st

from groupwcc.exporters import ics
from groupwcc.exporters.privacy import find_revealing_words
from groupwcc.models import Cohort, Session


def _reference_event(session: Session, texts: Any, context: Any, cohort: Cohort | None) -> bytes:
    from icalendar import Alarm, Event
    from icalendar.prop import vInline

    fields = texts.fields(session, cohort)
    cancelled = session.status == "cancelled"
    summary = texts.title.format(**fields)
    event = Event()
    event.add("uid", context.uid(session.session_id))
    event.add("sequence", session.revision)
    event.add("dtstamp", context.stamp(session).replace(microsecond=0))
    event.add("dtstart", session.start.astimezone(UTC))
    event.add("dtend", session.end.astimezone(UTC))
    event.add("summary", texts.words["cancelled"] + summary if cancelled else summary)
    event.add("description", ics._description(session, texts, fields))
    location = ics.session_location(session, context.config)
    if location:
        event.add("location", location)
    event.add("class", "PRIVATE")
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("transp", "TRANSPARENT" if cancelled else "OPAQUE")
    minutes = context.config.calendar.reminder_minutes
    if minutes is not None and not cancelled:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", texts.words["reminder"])
        alarm["TRIGGER"] = vInline(f"-PT{minutes}M")
        event.add_component(alarm)
    return bytes(event.to_ical())


def _reference_closure(site_id: str, day: date, texts: Any, context: Any) -> bytes:
    from icalendar import Event

    site = ics._site_attr(context.config, site_id, "name") or site_id
    event = Event()
    event.add("uid", context.closure_uid(site_id, day, texts.language))
    event.add("dtstamp", ics._FIXED_STAMP)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", f"{texts.words['closed']} · {site}")
    event.add("class", "PRIVATE")
    event.add("transp", "TRANSPARENT")
    return bytes(event.to_ical())


def _reference_head(calendar_name: str) -> bytes:
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", ics.PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.calendar_name = calendar_name
    return bytes(calendar.to_ical())[: -len(ics._END)]


def _both(session: Session, *, config: Any = None, language: str = "en",
          stamps: dict[str, datetime] | None = None) -> tuple[bytes, bytes]:
    config = config or make_config()
    cohort = make_cohort(make_members(), language=language)
    context = ics._Context(config, {"en": VISIT_LABELS}, "abc.groupwcc", stamps or {},
                           None)
    texts = context.texts(language)
    return (ics._event(session, texts, context, cohort),
            _reference_event(session, texts, context, cohort))


def test_plain_event_is_byte_identical() -> None:
    ours, reference = _both(make_session())
    assert b"LOCATION:Group Room A\\, 100 Main Street\\, Suite 2\r\n" in ours
    assert ours == reference


def test_cancelled_virtual_and_stamped_events_are_byte_identical() -> None:
    start = datetime(2027, 3, 16, 10, 0, 30, 123456, tzinfo=NY)
    cancelled = make_session("m6", start, status="cancelled", revision=3,
                             changed_at=datetime(2027, 2, 1, 9, 30, tzinfo=NY))
    virtual = make_session("m9", start, room=None, virtual_link="https://v.example/j/1;a=b,c")
    for session in (cancelled, virtual):
        for language in ("en", "es"):
            ours, reference = _both(session, language=language, stamps={
                session.session_id: datetime(2026, 11, 23, 12, 0, 7, 999, tzinfo=NY)})
            assert ours == reference


def test_no_reminder_and_custom_templates_are_byte_identical() -> None:
    config = make_config(reminder_minutes=None,
                         title_template="Well-baby; {cohort}, {visit_label} \\N {site}",
                         description_template="Line one\nline two\r\nthree\\four^" * 4)
    ours, reference = _both(make_session(), config=config)
    assert b"\r\n " in ours  # the long description folds
    assert ours == reference


def test_closures_and_calendar_head_are_byte_identical() -> None:
    context = ics._Context(make_config(), {"en": VISIT_LABELS}, "x.groupwcc", {}, None)
    texts = context.texts("es")
    day = date(2026, 12, 24)
    assert ics._closure_event("main", day, texts, context) == _reference_closure(
        "main", day, texts, context)
    for name in ("Clinic – baby groups · MAIN-2026-09-A", "A, b; c\\d " * 12):
        assert ics._calendar_head(name) == _reference_head(name)


_AWKWARD = st.text(st.sampled_from("ab ,;\\^:\"\nñé–·中😀\r\t"), min_size=1, max_size=160)


@settings(max_examples=120, deadline=None)
@given(room=_AWKWARD, title=_AWKWARD)
def test_any_text_is_escaped_and_folded_as_icalendar_does(room: str, title: str) -> None:
    if find_revealing_words(room) or find_revealing_words(title):
        return
    template = title.replace("{", "").replace("}", "") + " {cohort}"
    ours, reference = _both(make_session(room=room), config=make_config(title_template=template))
    assert ours == reference


@settings(max_examples=200, deadline=None)
@given(line=st.text(st.sampled_from("a\\^é中😀 "), max_size=300))
def test_fold_matches_icalendar(line: str) -> None:
    from icalendar.parser.string import _foldline

    assert ics._fold(line) == _foldline(line)
