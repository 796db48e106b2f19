"""Loading ``groupwcc.yaml`` into a ``ProgramConfig``.

Every problem is reported in one pass as ``groupwcc.yaml:LINE: path.to.field: message``.
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
    config, problems = _validate(data, path, locate)
    if config is not None:
        problems += _cross_check(config, path, locate)
    if problems:
        raise ConfigError(f"{path} has {len(problems)} problem(s)", problems=problems,
                          hint="fix each line above; docs/reference/config.md lists every key")
    assert config is not None
    return config


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


def _cross_check(config: ProgramConfig, path: Path, locate: Locate) -> list[Problem]:
    """Rules between keys: timezone exists, slots name known sites and rooms, ids unique."""
    problems = []
    if not _known_timezone(config.timezone):
        problems.append(_problem(path, locate, ("timezone",),
                                 f"unknown time zone {config.timezone!r} (use an IANA name "
                                 "such as America/New_York)"))
    site_ids = [s.id for s in config.sites]
    for n, site_id in enumerate(site_ids):
        if site_ids.index(site_id) != n:
            problems.append(_problem(path, locate, ("sites", n, "id"),
                                     f"site id {site_id!r} is used twice"))
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
