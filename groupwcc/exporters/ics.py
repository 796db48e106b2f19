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
from functools import lru_cache
from typing import Any

from groupwcc import i18n
from groupwcc.core.privacy_words import RevealingWords
from groupwcc.errors import PrivacyError, Problem
from groupwcc.exporters.privacy import find_revealing_words, revealing_words, template_problems
from groupwcc.models import CalendarPolicy, Cohort, ProgramConfig, Session

PRODID = "-//groupwcc//groupwcc//EN"
UID_DOMAIN = "groupwcc"
_DEFAULTS = CalendarPolicy()
_END = b"END:VCALENDAR\r\n"
_FIXED_STAMP = datetime(2000, 1, 1, tzinfo=UTC)

EventCache = dict[tuple[str, int, str], bytes]


def render_calendar(sessions: Sequence[Session], *, calendar_name: str,
                    cohorts: Mapping[str, Cohort], config: ProgramConfig,
                    visit_labels: Mapping[str, Mapping[str, str]],
                    closures: Sequence[tuple[str, date]] = (), language: str = "en",
                    stamps: Mapping[str, datetime] | None = None,
                    exported_at: datetime | None = None, uid_domain: str = UID_DOMAIN,
                    event_cache: dict[Any, bytes] | None = None) -> bytes:
    """One Outlook-ready calendar of ``sessions`` (and optional all-day site ``closures``).

    Each event is written in its cohort's language (``visit_labels`` maps a language to its
    visit labels), so an event with a given UID is byte-identical in every file that carries
    it; ``language`` is the file's own language (closures, and events of unknown cohorts).
    ``stamps`` is each session's DTSTAMP, the time of the export that last changed it (from
    the export ledger); a session without one is stamped ``exported_at``.
    ``event_cache`` is shared by every calendar of one export run: each VEVENT is serialised
    once and reused in every file listing it.
    Raises :class:`PrivacyError` before rendering anything if a template, the calendar name, a
    site address or a room would reveal the program's purpose.
    """
    check_calendar_inputs(sessions, calendar_name=calendar_name, config=config)
    cache: dict[Any, bytes] = {} if event_cache is None else event_cache
    context = _Context(config, visit_labels, uid_domain, stamps or {}, exported_at)
    keyed: list[tuple[datetime, str, bytes]] = []
    for session in sessions:
        cohort = cohorts.get(session.cohort_id)
        event_language = i18n.ui_language(cohort.language if cohort else language)
        key = (session.session_id, session.revision, event_language)
        if key not in cache:
            cache[key] = _event(session, context.texts(event_language), context, cohort)
        keyed.append((session.start.astimezone(UTC), context.uid(session.session_id),
                      cache[key]))
    file_texts = context.texts(i18n.ui_language(language))
    for site_id, day in sorted(set(closures)):
        start = datetime.combine(day, time(), UTC)
        keyed.append((start, context.closure_uid(site_id, day, file_texts.language),
                      _closure_event(site_id, day, file_texts, context)))
    keyed.sort(key=lambda item: (item[0], item[1]))
    return _calendar_head(calendar_name) + b"".join(e for _, _, e in keyed) + _END


def render_family_calendar(sessions: Sequence[Session], *, cohort_ids: Sequence[str],
                           **options: Any) -> bytes:
    """A family's calendar: only its cohorts' sessions, no names (options as render_calendar)."""
    wanted = set(cohort_ids)
    return render_calendar([s for s in sessions if s.cohort_id in wanted], **options)


def default_uid_domain(program_key: str) -> str:
    """A program's own UID namespace: a short hash of its stable key plus ``.groupwcc``.

    The key is made once when the program's database is created, so renaming the program's
    display name never changes its UIDs, and two programs with the same site and cohort names
    never share one.
    """
    import hashlib

    return hashlib.sha256(program_key.encode("utf-8")).hexdigest()[:12] + "." + UID_DOMAIN


def session_uid(session: Session, uid_domain: str = UID_DOMAIN) -> str:
    """``{session_id}@{uid_domain}``: never changes, so calendars can recognise the event."""
    return f"{session.session_id}@{uid_domain}"


def closure_uid(site_id: str, day: date, language: str, uid_domain: str = UID_DOMAIN) -> str:
    return f"closed-{site_id}-{day:%Y%m%d}-{language}@{uid_domain}"


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
    words = revealing_words(policy.revealing_words)
    problems = [*_template_problems(policy.title_template, policy.description_template, words)]
    problems += [Problem(where, f"the word {word!r} would reveal the program's purpose")
                 for where, text in _named_texts(sessions, calendar_name, config)
                 for word in _revealing(words, text)]
    if problems:
        raise PrivacyError(
            "calendar text would not be neutral; calendars are shared outside the program",
            hint="change the wording in groupwcc.yaml (calendar.title_template, "
                 "calendar.description_template, calendar.calendar_name_template, site "
                 "addresses, room names); allowed placeholders: {cohort}, {visit_label}, "
                 "{site}, {program}", problems=problems)


@lru_cache(maxsize=64)
def _template_problems(title: str, description: str,
                       words: RevealingWords) -> tuple[Problem, ...]:
    """The templates' problems, remembered: every calendar of an export has the same two."""
    return (*template_problems(title, "calendar.title_template", words),
            *template_problems(description, "calendar.description_template", words))


@lru_cache(maxsize=8192)
def _revealing(words: RevealingWords, text: str) -> tuple[str, ...]:
    """``find_revealing_words``, remembered: one export checks the same site addresses, rooms
    and cohort ids for each of its hundreds of calendars."""
    return tuple(find_revealing_words(text, words))


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
    """The SUMMARY/DESCRIPTION wording of one language."""

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


class _Context:
    """What every event of one export run shares: wording per language, UIDs, stamps."""

    def __init__(self, config: ProgramConfig, visit_labels: Mapping[str, Mapping[str, str]],
                 uid_domain: str, stamps: Mapping[str, datetime],
                 exported_at: datetime | None) -> None:
        self.config, self.visit_labels, self.uid_domain = config, visit_labels, uid_domain
        self.stamps, self.exported_at = stamps, exported_at
        self._texts: dict[str, _Texts] = {}

    def texts(self, language: str) -> _Texts:
        if language not in self._texts:
            chosen = self.visit_labels.get(language) or self.visit_labels.get("en") or {}
            self._texts[language] = _Texts(self.config, chosen, language)
        return self._texts[language]

    def uid(self, session_id: str) -> str:
        return f"{session_id}@{self.uid_domain}"

    def closure_uid(self, site_id: str, day: date, language: str) -> str:
        return closure_uid(site_id, day, language, self.uid_domain)

    def stamp(self, session: Session) -> datetime:
        """When the event last changed: from the ledger, else this export, else a fixed past
        moment derived from the session (reproducible; never later than the session's revision
        date)."""
        found = self.stamps.get(session.session_id) or self.exported_at
        if found is None:
            found = session.changed_at or _FIXED_STAMP
        return found.replace(tzinfo=UTC) if found.tzinfo is None else found.astimezone(UTC)


def _event(session: Session, texts: _Texts, context: _Context,
           cohort: Cohort | None) -> bytes:
    """One VEVENT, written directly (see :func:`_component`): properties in icalendar's order."""
    config = context.config
    fields = texts.fields(session, cohort)
    cancelled = session.status == "cancelled"
    summary = texts.title.format(**fields)
    lines = [_line("SUMMARY", _text(texts.words["cancelled"] + summary if cancelled else summary)),
             "DTSTART:" + _utc(session.start), "DTEND:" + _utc(session.end),
             "DTSTAMP:" + _utc(context.stamp(session)),
             _line("UID", _text(context.uid(session.session_id))),
             f"SEQUENCE:{int(session.revision)}", "CLASS:PRIVATE",
             _line("DESCRIPTION", _text(_description(session, texts, fields)))]
    location = session_location(session, config)
    if location:
        lines.append(_line("LOCATION", _text(location)))
    lines += ["STATUS:CANCELLED" if cancelled else "STATUS:CONFIRMED",
              "TRANSP:TRANSPARENT" if cancelled else "TRANSP:OPAQUE"]
    minutes = config.calendar.reminder_minutes
    if minutes is not None and not cancelled:
        # Written as minutes, as Outlook's own exports do (not normalised to hours).
        lines += ["BEGIN:VALARM", "ACTION:DISPLAY",
                  _line("DESCRIPTION", _text(texts.words["reminder"])),
                  f"TRIGGER:-PT{minutes}M", "END:VALARM"]
    return _component("VEVENT", lines)


def _description(session: Session, texts: _Texts, fields: dict[str, str]) -> str:
    text = texts.description.format(**fields)
    if session.virtual_link and session.room is None:
        text += f"\n{session.virtual_link}"
    return text


def _closure_event(site_id: str, day: date, texts: _Texts, context: _Context) -> bytes:
    """An all-day, free (TRANSPARENT) event with no reminder, so the day shows as closed."""
    site = _site_attr(context.config, site_id, "name") or site_id
    lines = [_line("SUMMARY", _text(f"{texts.words['closed']} · {site}")),
             "DTSTART;VALUE=DATE:" + _day(day),
             "DTEND;VALUE=DATE:" + _day(day + timedelta(days=1)),
             # a closure never changes: one stamp, never ahead
             "DTSTAMP:" + _utc(_FIXED_STAMP),
             _line("UID", _text(context.closure_uid(site_id, day, texts.language))),
             "CLASS:PRIVATE", "TRANSP:TRANSPARENT"]
    return _component("VEVENT", lines)


def _calendar_head(calendar_name: str) -> bytes:
    # icalendar types NAME and X-WR-CALNAME as unknown values and writes them unescaped;
    # kept so for byte-identical files. (A line break, where icalendar raised, is escaped.)
    name = calendar_name.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:" + _text(PRODID), "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", _line("NAME", name), _line("X-WR-CALNAME", name)]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


# --- RFC 5545 content lines ---------------------------------------------------------------
# The Outlook profile is a small fixed set of properties, so events are written directly
# rather than through icalendar's component model (some 0.4 ms per event, most of a large
# plan's calendar time). The output is byte-identical to icalendar 7's ``to_ical`` for these
# properties: same property order (its canonical order, then alphabetical), same TEXT escaping,
# same folding; tests/exporters/test_ics_writer.py compares the two.

def _component(name: str, lines: list[str]) -> bytes:
    return (f"BEGIN:{name}\r\n" + "\r\n".join(lines) + f"\r\nEND:{name}\r\n").encode("utf-8")


def _text(value: str) -> str:
    """RFC 5545 TEXT escaping, in icalendar's order (``\\N`` → newline first)."""
    return (value.replace("\\N", "\n").replace("\\", "\\\\").replace(";", "\\;")
            .replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")
            .replace("\r", "\\n"))


def _line(name: str, value: str) -> str:
    return _fold(f"{name}:{value}")


def _fold(line: str, limit: int = 75) -> str:
    """Fold a content line so no physical line reaches ``limit`` octets, never splitting a
    character, and (like icalendar) never leaving a backslash or caret at the end of a part."""
    if len(line) * 4 < limit or len(line.encode("utf-8")) < limit:
        return line
    parts: list[str] = []
    current: list[str] = []
    count = 0
    for char in line:
        size = 1 if char < "\x80" else len(char.encode("utf-8"))
        if current and count + size >= limit:
            if len(current) > 1 and current[-1] in "\\^":
                carried = current.pop()
                parts.append("".join(current))
                current, count = [carried], len(carried.encode("utf-8"))
            else:
                parts.append("".join(current))
                current, count = [], 0
        current.append(char)
        count += size
    if current:
        parts.append("".join(current))
    return "\r\n ".join(parts)


def _utc(moment: datetime) -> str:
    """A UTC DATE-TIME (``20261216T150000Z``); seconds are kept, microseconds dropped."""
    m = moment.astimezone(UTC)
    return (f"{m.year:04}{m.month:02}{m.day:02}"
            f"T{m.hour:02}{m.minute:02}{m.second:02}Z")


def _day(day: date) -> str:
    return f"{day.year:04}{day.month:02}{day.day:02}"


def _site_attr(config: ProgramConfig, site_id: str, attr: str) -> str | None:
    try:
        return getattr(config.site(site_id), attr)
    except KeyError:
        return None
