"""Loading ``groupwcc.yaml`` into a ``ProgramConfig``.

Every problem is reported in one pass as ``groupwcc.yaml:LINE: path.to.field: message``.
Beyond the schema: no string (key or value) may hold a control or invisible character (they
would reach calendars and sheets raw), ids must differ by more than case, a visit window must
not end before it starts, and a session must end before midnight.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from groupwcc.errors import ConfigError, Problem
from groupwcc.models import ProgramConfig

if TYPE_CHECKING:
    from groupwcc.readers.yamlfile import Locate


def load_config(path: Path) -> ProgramConfig:
    """Read and validate a program configuration file."""
    from groupwcc.readers.yamlfile import load_yaml_with_lines

    data, locate = load_yaml_with_lines(path, error_class=ConfigError)
    if not isinstance(data, dict):
        raise ConfigError(f"{path.name}: expected a mapping of settings (program:, sites:, …)",
                          hint="start from 'groupwcc init DIR'")
    problems = _text_problems(data, path, locate)
    config, invalid = _validate(data, path, locate)
    problems += invalid
    if config is not None:
        problems += _cross_check(config, path, locate)
    if problems or config is None:
        problems.sort(key=_line)
        raise ConfigError(f"{path} has {len(problems)} problem(s)", problems=problems,
                          hint="fix each line above; docs/reference/config.md lists every key")
    _check_privacy(config, path)
    return config


def _check_privacy(config: ProgramConfig, path: Path) -> None:
    """Calendar wording is checked once, here, against the privacy words of every language."""
    from groupwcc.errors import PrivacyError
    from groupwcc.exporters.privacy import check_config_privacy

    try:
        check_config_privacy(config)
    except PrivacyError as error:
        raise PrivacyError(f"{path}: {error.message}", hint=error.hint,
                           problems=error.problems) from None


def _line(problem: Problem) -> int:
    """The line of ``file:LINE`` (0 when there is none), to list problems top to bottom."""
    line = problem.where.rpartition(":")[2]
    return int(line) if line.isdigit() else 0


def _validate(data: dict[str, Any], path: Path,
              locate: Locate) -> tuple[ProgramConfig | None, list[Problem]]:
    from pydantic import ValidationError

    from groupwcc.readers.validation import validation_problems

    try:
        return ProgramConfig.model_validate(data), []
    except ValidationError as error:
        return None, validation_problems(error, lambda loc: _where(path, locate, loc),
                                         model=ProgramConfig)


def _where(path: Path, locate: Locate, loc: tuple[Any, ...]) -> str:
    line = locate(loc)
    return f"{path.name}:{line}" if line else path.name


def _problem(path: Path, locate: Locate, loc: tuple[Any, ...], message: str) -> Problem:
    from groupwcc.readers.validation import located_problem

    return located_problem(_where(path, locate, loc), loc, message)


def _text_problems(data: Any, path: Path, locate: Locate) -> list[Problem]:
    """Every key or string holding a control or invisible character, located."""
    from groupwcc.readers.yamlfile import unsafe_text

    return [_problem(path, locate, loc, message) for loc, message in unsafe_text(data)]


def _cross_check(config: ProgramConfig, path: Path, locate: Locate) -> list[Problem]:
    """Rules between keys: timezone exists, slots name known sites and rooms, ids unique
    ignoring case, visit windows in order, sessions ending before midnight."""
    problems = []
    if not _known_timezone(config.timezone):
        problems.append(_problem(path, locate, ("timezone",),
                                 f"unknown time zone {config.timezone!r} (use an IANA name "
                                 "such as America/New_York)"))
    site_ids = [s.id for s in config.sites]
    problems += _twice(path, locate, ("sites",), [(n, "id") for n in range(len(site_ids))],
                       site_ids, "site id")
    problems += _unique_ids(config, path, locate)
    problems += _window_problems(config, path, locate)
    problems += _session_problems(config, path, locate)
    rooms = {s.id: set(s.rooms) for s in config.sites}
    for n, slot in enumerate(config.slots):
        if slot.site not in rooms:
            problems.append(_problem(path, locate, ("slots", n, "site"),
                                     f"unknown site {slot.site!r} (known: {', '.join(site_ids)})"))
        elif slot.room and rooms[slot.site] and slot.room not in rooms[slot.site]:
            problems.append(_problem(path, locate, ("slots", n, "room"),
                                     f"room {slot.room!r} is not listed under site {slot.site} "
                                     f"(rooms: {', '.join(sorted(rooms[slot.site]))})"))
        elif not slot.room and not slot.virtual_link:
            problems.append(_problem(path, locate, ("slots", n),
                                     "give a room or a virtual_link"))
    return problems


def _twice(path: Path, locate: Locate, where: tuple[Any, ...], locs: list[Any],
           ids: list[str], what: str) -> list[Problem]:
    """A problem for each id equal to an earlier one when case is ignored: ``main`` and
    ``MAIN`` would be merged where ids are matched (roster sites, cohort ids)."""
    problems = []
    first: dict[str, Any] = {}
    for loc, value in zip(locs, ids, strict=True):
        key = value.casefold()
        if key in first:
            earlier = ".".join(str(p) for p in (*where, *_as_tuple(first[key])))
            problems.append(_problem(path, locate, (*where, *_as_tuple(loc)),
                                     f"{what} {value!r} is used twice ({earlier} is the same "
                                     "when case is ignored, as ids are compared); rename or "
                                     "remove one"))
        else:
            first[key] = loc
    return problems


def _as_tuple(loc: Any) -> tuple[Any, ...]:
    return loc if isinstance(loc, tuple) else (loc,)


def _unique_ids(config: ProgramConfig, path: Path, locate: Locate) -> list[Problem]:
    """Rooms of a site, slots, visits, languages and visit-window keys: unique ignoring case."""
    problems = []
    for n, site in enumerate(config.sites):
        problems += _twice(path, locate, ("sites", n, "rooms"), list(range(len(site.rooms))),
                           list(site.rooms), "room")
    problems += _twice(path, locate, ("slots",), list(range(len(config.slots))),
                       [s.slot_id for s in config.slots], "slot")
    problems += _twice(path, locate, ("visits",), list(range(len(config.visits))),
                       list(config.visits), "visit")
    problems += _twice(path, locate, ("languages",), list(range(len(config.languages))),
                       list(config.languages), "language")
    keys = list(config.visit_windows)
    problems += _twice(path, locate, ("visit_windows",), keys, keys, "visit")
    return problems


def _window_problems(config: ProgramConfig, path: Path, locate: Locate) -> list[Problem]:
    """Each visit-window override is two age expressions, the end not before the start
    (a reversed window would hold no day, and the visit would silently have no session)."""
    from groupwcc.core.ages import parse_age
    from groupwcc.errors import ReferenceDataError
    from groupwcc.readers.reference import window_reversed

    problems = []
    for key, window in config.visit_windows.items():
        try:
            start, end = parse_age(window.start), parse_age(window.end)
        except ReferenceDataError as error:
            problems.append(_problem(path, locate, ("visit_windows", key),
                                     f"{error.message}; write ages like 6w, 3m, 7m15d"))
            continue
        if window_reversed(start.text, end.text):
            problems.append(_problem(path, locate, ("visit_windows", key), (
                f"end {window.end} is before start {window.start}: the window would hold no "
                "day and the visit would have no session; swap them")))
    return problems


def _session_problems(config: ProgramConfig, path: Path, locate: Locate) -> list[Problem]:
    """``session_minutes`` from every slot's start must end the same day."""
    minutes = config.session_minutes
    if minutes is None:
        return []
    late = [s for s in config.slots if s.start.hour * 60 + s.start.minute + minutes > 24 * 60]
    if not late:
        return []
    return [_problem(path, locate, ("session_minutes",), (
        f"{minutes} minutes from {late[0].start:%H:%M} ({late[0].slot_id}) runs past midnight; "
        "shorten the session or start the slot earlier"))]


def _known_timezone(name: str) -> bool:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


STARTER_CONFIG = """\
# groupwcc program configuration. Every key is explained in docs/reference/config.md.
# Only synthetic data in examples; keep this file with your roster on an encrypted drive.

program: My Family Clinic          # shown in calendar names: keep it neutral
timezone: America/New_York         # IANA time zone of your clinic

sites:
  - id: main                       # short code: letters, digits, - or _ (goes into cohort ids)
    name: Main Street Clinic
    rooms: [Group Room A]
    holidays: {country: US, subdivision: PA}   # public holidays the site closes on
    address: 100 Main Street       # what calendars show as location

slots:                             # weekly times a group can meet
  - {site: main, weekday: tuesday, start: "10:00", end: "12:00", room: Group Room A}

closures: []                       # e.g. [2026-12-24, {from: 2026-12-28, to: 2026-12-31}]

cohorts: {min_size: 4, max_size: 8, max_spread_days: 31}

# visits: [m1, m2, m4, m6, m9, m12, m15, m18, m24]   # add m30 to run the 30-month visit
# curriculum: my-curriculum.yaml                      # your own or an override of single visits
# database: groupwcc.db                               # or a SQLAlchemy URL
# calendar: {reminder_minutes: 60}
# immunization: {flu_season: {start: september, end: march}, optional_vaccines: [covid19]}
# screening: {caregiver_mood: every_visit}            # EPDS at every visit, not only 1-6 months
"""
