"""Calendars for Outlook: one ``.ics`` per audience, following the profile in
outlook-exports-peers.md §1.5.

One VCALENDAR, ``METHOD:PUBLISH`` once, a calendar name, discrete events in UTC (no time zone
definitions, no recurrence rules: Outlook misreads both), stable UIDs, ``SEQUENCE`` from the
session's revision, a reproducible ``DTSTAMP``, one display reminder. Cancelled sessions stay in
the file, marked, because Outlook never deletes an event on import. Nothing in any field names
an infant or caregiver or reveals what the program is for (:mod:`groupwcc.exporters.privacy`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from groupwcc import i18n
from groupwcc.errors import PrivacyError
from groupwcc.exporters.privacy import template_problems, text_problems
from groupwcc.models import CalendarPolicy, Cohort, ProgramConfig, Session

PRODID = "-//groupwcc//groupwcc//EN"
UID_DOMAIN = "groupwcc"
_DEFAULTS = CalendarPolicy()
_END = b"END:VCALENDAR\r\n"

EventCache = dict[tuple[str, int, str], bytes]


def render_calendar(sessions: Sequence[Session], *, calendar_name: str,
                    cohorts: Mapping[str, Cohort], config: ProgramConfig,
                    visit_labels: Mapping[str, str], closures: Sequence[date] = (),
                    language: str = "en", event_cache: dict[Any, bytes] | None = None) -> bytes:
    """One Outlook-ready calendar of ``sessions`` (and optional all-day ``closures``).

    ``event_cache`` is shared by every calendar of one export run: each session's VEVENT is
    serialised once per (session_id, revision, language) and reused in every file listing it.
    Raises :class:`PrivacyError` before rendering anything if a template, the calendar name, a
    site address or a room would reveal the program's purpose.
    """
    check_calendar_inputs(sessions, calendar_name=calendar_name, config=config)
    cache: dict[Any, bytes] = {} if event_cache is None else event_cache
    texts = _Texts(config, visit_labels, language)
    keyed: list[tuple[datetime, str, bytes]] = []
    for session in sessions:
        key = (session.session_id, session.revision, i18n.ui_language(language))
        if key not in cache:
            cache[key] = _event(session, texts, config, cohorts.get(session.cohort_id))
        keyed.append((session.start.astimezone(UTC), session_uid(session), cache[key]))
    for day in sorted(set(closures)):
        start = datetime.combine(day, time(), UTC)
        keyed.append((start, closure_uid(day), _closure_event(day, texts)))
    keyed.sort(key=lambda item: (item[0], item[1]))
    return _calendar_head(calendar_name) + b"".join(e for _, _, e in keyed) + _END


def render_family_calendar(sessions: Sequence[Session], *, cohort_ids: Sequence[str],
                           calendar_name: str, cohorts: Mapping[str, Cohort],
                           config: ProgramConfig, visit_labels: Mapping[str, str],
                           language: str = "en",
                           event_cache: dict[Any, bytes] | None = None) -> bytes:
    """A family's calendar: only its cohorts' sessions, in its language, no names."""
    wanted = set(cohort_ids)
    mine = [s for s in sessions if s.cohort_id in wanted]
    return render_calendar(mine, calendar_name=calendar_name, cohorts=cohorts, config=config,
                           visit_labels=visit_labels, language=language,
                           event_cache=event_cache)


def session_uid(session: Session) -> str:
    """``{session_id}@groupwcc``: never changes, so calendars can recognise the event."""
    return f"{session.session_id}@{UID_DOMAIN}"


def closure_uid(day: date) -> str:
    return f"closed-{day:%Y%m%d}@{UID_DOMAIN}"


def session_location(session: Session, config: ProgramConfig) -> str:
    """What LOCATION says: ``room, site address``, or the video link of a virtual session."""
    address = _site_attr(config, session.site, "address")
    if session.room:
        return ", ".join(part for part in (session.room, address) if part)
    if session.virtual_link:
        return session.virtual_link
    return address or ""


def check_calendar_inputs(sessions: Sequence[Session], *, calendar_name: str,
                          config: ProgramConfig) -> None:
    """Refuse, with every reason at once, calendar text that is not neutral."""
    policy = config.calendar
    problems = [*template_problems(policy.title_template, "calendar.title_template"),
                *template_problems(policy.description_template,
                                   "calendar.description_template")]
    problems += text_problems(_named_texts(sessions, calendar_name, config))
    if problems:
        raise PrivacyError(
            "calendar text would not be neutral; calendars are shared outside the program",
            hint="change the wording in groupwcc.yaml (calendar.title_template, "
                 "calendar.description_template, calendar.calendar_name_template, site "
                 "addresses, room names); allowed placeholders: {cohort}, {visit_label}, "
                 "{site}, {program}", problems=problems)


def _named_texts(sessions: Sequence[Session], calendar_name: str,
                 config: ProgramConfig) -> list[tuple[str, str]]:
    """Every configured text that can end up in a calendar, with where it comes from."""
    used = f"{config.calendar.title_template} {config.calendar.description_template}"
    texts = [("calendar name (calendar.calendar_name_template)", calendar_name)]
    if "{program}" in used:
        texts.append(("program", config.program))
    for site in config.sites:
        texts.append((f"sites[{site.id}].address", site.address or ""))
        if "{site}" in used:
            texts.append((f"sites[{site.id}].name", site.name))
    for kind, values in (("room", {s.room for s in sessions}),
                         ("virtual link", {s.virtual_link for s in sessions}),
                         ("cohort id", {s.cohort_id for s in sessions})):
        texts += [(f"{kind} {value!r}", value) for value in sorted(v for v in values if v)]
    return texts


class _Texts:
    """The SUMMARY/DESCRIPTION wording of one calendar's language."""

    def __init__(self, config: ProgramConfig, visit_labels: Mapping[str, str],
                 language: str) -> None:
        policy, words = config.calendar, i18n.calendar_text(language)
        default_title = policy.title_template == _DEFAULTS.title_template
        default_description = policy.description_template == _DEFAULTS.description_template
        self.title = words["title"] if default_title else policy.title_template
        self.description = (words["description"] if default_description
                            else policy.description_template)
        self.words, self.language, self.config = words, language, config
        self.visit_labels = dict(visit_labels)

    def fields(self, session: Session, cohort: Cohort | None) -> dict[str, str]:
        return {"cohort": cohort.cohort_id if cohort else session.cohort_id,
                "visit_label": self.visit_labels.get(session.visit, session.visit),
                "site": _site_attr(self.config, session.site, "name") or session.site,
                "program": self.config.program}


def _event(session: Session, texts: _Texts, config: ProgramConfig,
           cohort: Cohort | None) -> bytes:
    from icalendar import Event

    fields = texts.fields(session, cohort)
    cancelled = session.status == "cancelled"
    summary = texts.title.format(**fields)
    event = Event()
    event.add("uid", session_uid(session))
    event.add("sequence", session.revision)
    event.add("dtstamp", _stamp(session))
    event.add("dtstart", session.start.astimezone(UTC))
    event.add("dtend", session.end.astimezone(UTC))
    event.add("summary", texts.words["cancelled"] + summary if cancelled else summary)
    event.add("description", _description(session, texts, fields))
    location = session_location(session, config)
    if location:
        event.add("location", location)
    event.add("class", "PRIVATE")
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("transp", "TRANSPARENT" if cancelled else "OPAQUE")
    minutes = config.calendar.reminder_minutes
    if minutes is not None and not cancelled:
        event.add_component(_alarm(minutes, texts.words["reminder"]))
    return event.to_ical()


def _description(session: Session, texts: _Texts, fields: dict[str, str]) -> str:
    text = texts.description.format(**fields)
    if session.virtual_link and session.room is None:
        text += f"\n{session.virtual_link}"
    return text


def _alarm(minutes: int, description: str) -> Any:
    from icalendar import Alarm
    from icalendar.prop import vInline

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", description)
    # Written as minutes, as Outlook's own exports do; icalendar would normalise to hours.
    alarm["TRIGGER"] = vInline(f"-PT{minutes}M")
    return alarm


def _closure_event(day: date, texts: _Texts) -> bytes:
    from icalendar import Event

    event = Event()
    event.add("uid", closure_uid(day))
    event.add("dtstamp", datetime.combine(day, time(), UTC))
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", texts.words["closed"])
    event.add("class", "PRIVATE")
    event.add("transp", "TRANSPARENT")
    return event.to_ical()


def _stamp(session: Session) -> datetime:
    """``changed_at`` or the start date at midnight UTC: reproducible, never the clock."""
    if session.changed_at is None:
        return datetime.combine(session.start.astimezone(UTC).date(), time(), UTC)
    changed = session.changed_at
    return changed.replace(tzinfo=UTC) if changed.tzinfo is None else changed.astimezone(UTC)


def _calendar_head(calendar_name: str) -> bytes:
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.calendar_name = calendar_name
    head = calendar.to_ical()
    return head[: -len(_END)]


def _site_attr(config: ProgramConfig, site_id: str, attr: str) -> str | None:
    try:
        return getattr(config.site(site_id), attr)
    except KeyError:
        return None
