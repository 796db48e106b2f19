"""Curricula: YAML files read into validated ``Curriculum`` models, every problem located.

A curriculum file is either complete, or says ``extends: default`` and lists only the visits
and activities it replaces or adds; it is then merged onto the built-in curriculum of its
``language``. Validation works on the raw data, so that one pass reports pydantic's problems
(unknown keys, block kinds, missing fields) *and* the cross-checks (activity ids and kinds, age
bands, block minutes, visits missing or listed twice), each as ``file.yaml:LINE``.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeGuard

from groupwcc.errors import CurriculumError, Problem
from groupwcc.i18n import base_language
from groupwcc.models import BLOCK_KINDS, Curriculum
from groupwcc.models.program import DEFAULT_VISITS
from groupwcc.readers.yamlfile import unsafe_text

__all__ = ["builtin_curriculum_path", "list_curricula", "load_curriculum",
           "load_program_curricula", "merge_curriculum"]

VISIT_KEY = re.compile(r"^m(\d+)$")
Loc = tuple[Any, ...]
# Maps a location in the (possibly merged) data to the file it came from: ("x.yaml:12", loc).
Resolve = Callable[[Loc], tuple[str, Loc]]

_HINT = ("fix each listed line; see docs/reference/curriculum.md for the format "
         "(block kinds: " + ", ".join(BLOCK_KINDS) + ")")


@dataclass(frozen=True)
class _Source:
    """Raw curriculum data, and where each part of it was written."""

    data: dict[str, Any]
    resolve: Resolve
    label: str


# --- public functions --------------------------------------------------------------------

def load_curriculum(path: Path, *, required_visits: Sequence[str] | None = None) -> Curriculum:
    """Read and validate one curriculum file (complete, or ``extends: default``).

    ``required_visits`` defaults to the program default visits; every problem found is raised
    together as one ``CurriculumError``.
    """
    required = tuple(DEFAULT_VISITS if required_visits is None else required_visits)
    try:
        stat = path.stat()
    except OSError:
        return _load(str(path), -1, -1, required)  # the reader reports the missing file
    return _load(str(path.resolve()), stat.st_mtime_ns, stat.st_size, required)


def builtin_curriculum_path(language: str) -> Path:
    """The built-in curriculum file of ``language`` (``es-MX`` falls back to ``es``)."""
    from groupwcc.resources import curricula_dir

    folder = curricula_dir()
    for code in dict.fromkeys((language, base_language(language))):
        candidate = folder / f"default.{code}.yaml"
        if candidate.is_file():
            return candidate
    known = sorted(p.name.split(".")[1] for p in folder.glob("default.*.yaml"))
    raise CurriculumError(
        f"there is no built-in curriculum in language {language!r}",
        hint=f"built-in languages: {', '.join(known)}; or write a curriculum with "
             f"'language: {language}' and name it under 'curriculum:' in groupwcc.yaml")


def list_curricula(folder: Path | None = None) -> list[tuple[Path, Curriculum]]:
    """Every curriculum file in ``folder`` (the built-in folder when ``None``), validated."""
    from groupwcc.resources import curricula_dir

    files = _yaml_files(folder or curricula_dir())
    loaded, problems = _load_all(files, DEFAULT_VISITS)
    if problems:
        raise CurriculumError("some curricula have problems", problems=problems, hint=_HINT)
    return loaded


def merge_curriculum(base: Curriculum, override: dict[str, Any]) -> Curriculum:
    """``base`` with the visits and activities of ``override`` replacing or adding to it.

    A visit replaces the base visit with the same ``visit`` key as a whole; an activity
    replaces the one with the same ``id``. Metadata keys (name, version, notes, source,
    session_minutes) replace the base's. Problems are located as ``base`` or ``override``.
    """
    base_source = _Source(base.model_dump(), lambda loc: ("base", loc), "base")
    override_source = _Source(dict(override), lambda loc: ("override", loc), "override")
    merged, problems = _merge(base_source, override_source)
    return _validate(merged, (), problems)


def load_program_curricula(languages: Sequence[str], *, program_path: Path | None,
                           required_visits: Sequence[str]) -> dict[str, Curriculum]:
    """The curriculum of each language: the program's own where it has one, else built-in.

    ``program_path`` (``curriculum:`` in groupwcc.yaml) is a curriculum file, an
    ``extends: default`` file, or a folder of such files, one per language. English is always
    included, as the fallback for cohorts in other languages.
    """
    required = tuple(required_visits)
    own: dict[str, Curriculum] = {}
    if program_path is not None:
        own = _program_own(program_path, required)
    result: dict[str, Curriculum] = {}
    for language in dict.fromkeys([*languages, "en"]):
        result[language] = own.get(language) or load_curriculum(
            builtin_curriculum_path(language), required_visits=required)
    return {**own, **result}


# --- reading and merging ------------------------------------------------------------------

@lru_cache(maxsize=32)
def _load(path: str, mtime_ns: int, size: int, required: tuple[str, ...]) -> Curriculum:
    source = _read(path, mtime_ns, size)
    problems: list[Problem] = []
    if "extends" in source.data:
        source, problems = _extend(source)
    return _validate(source, required, problems)


@lru_cache(maxsize=32)
def _read(path: str, mtime_ns: int, size: int) -> _Source:
    """Parse a file once per version of it; the data is never modified afterwards."""
    from groupwcc.readers.yamlfile import load_yaml_with_lines

    file = Path(path)
    data, locate = load_yaml_with_lines(file, error_class=CurriculumError)
    if not isinstance(data, dict):
        raise CurriculumError(f"{file.name}: a curriculum must be a mapping with name, version, "
                              "language, visits and activities", hint=_HINT)

    def resolve(loc: Loc) -> tuple[str, Loc]:
        line = locate(loc)
        return (f"{file.name}:{line}" if line else file.name), loc

    return _Source(data, resolve, file.name)


def _read_path(path: Path) -> _Source:
    stat = path.stat()
    return _read(str(path.resolve()), stat.st_mtime_ns, stat.st_size)


def _extend(override: _Source) -> tuple[_Source, list[Problem]]:
    """Merge an ``extends: default`` file onto the built-in curriculum of its language."""
    extends, language = override.data.get("extends"), override.data.get("language")
    where = override.resolve(("extends",))[0]
    if extends != "default":
        raise CurriculumError(f"{where}: extends: only 'default' (the built-in curriculum) can "
                              f"be extended, not {extends!r}", hint=_HINT)
    if not isinstance(language, str):
        raise CurriculumError(f"{where}: language: required with 'extends: default', to choose "
                              "the built-in curriculum to adapt (en, es)", hint=_HINT)
    return _merge(_read_path(builtin_curriculum_path(language)), override)


def _merge(base: _Source, override: _Source) -> tuple[_Source, list[Problem]]:
    problems: list[Problem] = []
    data = {**base.data, **{k: v for k, v in override.data.items()
                            if k not in ("extends", "visits", "activities")}}
    origins: dict[str, list[tuple[Resolve, int]]] = {}
    for part, key in (("visits", "visit"), ("activities", "id")):
        items, origin = _merge_list(base, override, part, key, problems)
        data[part], origins[part] = items, origin

    def resolve(loc: Loc) -> tuple[str, Loc]:
        if loc and loc[0] in origins and len(loc) > 1 and isinstance(loc[1], int):
            if loc[1] < len(origins[loc[0]]):
                owner, index = origins[loc[0]][loc[1]]
                return owner((loc[0], index, *loc[2:]))
        owner = override.resolve if loc and loc[0] in override.data else base.resolve
        return owner(loc)

    return _Source(data, resolve, override.label), problems


def _merge_list(base: _Source, override: _Source, part: str, key: str,
                problems: list[Problem]) -> tuple[list[Any], list[tuple[Resolve, int]]]:
    """Base items with override items replacing those of the same key, new ones added."""
    items = list(_seq(base.data.get(part)) or ())
    origin = [(base.resolve, i) for i in range(len(items))]
    raw = override.data.get(part, [])
    if _seq(raw) is None:
        where, loc = override.resolve((part,))
        problems.append(Problem(where, f"{_dotted(loc)}: must be a list"))
        return items, origin
    position = {item.get(key): i for i, item in enumerate(items) if isinstance(item, dict)}
    for i, item in enumerate(raw):
        name = item.get(key) if isinstance(item, dict) else None
        if isinstance(name, str) and name in position:
            items[position[name]], origin[position[name]] = item, (override.resolve, i)
        else:
            items.append(item)
            origin.append((override.resolve, i))
    if part == "visits":
        order = sorted(range(len(items)), key=lambda i: _months_of(items[i]))
        items, origin = [items[i] for i in order], [origin[i] for i in order]
    return items, origin


def _months_of(visit: Any) -> int:
    key = visit.get("visit") if isinstance(visit, dict) else None
    match = VISIT_KEY.match(key) if isinstance(key, str) else None
    return int(match.group(1)) if match else 10_000


def _program_own(path: Path, required: tuple[str, ...]) -> dict[str, Curriculum]:
    if path.is_dir():
        files = _yaml_files(path)
        if not files:
            raise CurriculumError(f"the curriculum folder {path} has no .yaml files",
                                  hint="put one curriculum file per language in it")
    elif path.is_file():
        files = [path]
    else:
        raise CurriculumError(f"the program's curriculum {path} does not exist",
                              hint="check 'curriculum:' in groupwcc.yaml (a path relative to it)")
    loaded, problems = _load_all(files, required)
    own: dict[str, Curriculum] = {}
    first: dict[str, Path] = {}
    for file, curriculum in loaded:
        language = curriculum.language
        if language in own:
            problems.append(Problem(file.name, f"a second curriculum in language {language!r} "
                                    f"(the first is {first[language].name}); keep one file "
                                    "per language"))
        else:
            own[curriculum.language], first[curriculum.language] = curriculum, file
    if problems:
        raise CurriculumError("the program's curriculum has problems", problems=problems,
                              hint=_HINT)
    return own


def _load_all(files: Sequence[Path], required: Sequence[str]
              ) -> tuple[list[tuple[Path, Curriculum]], list[Problem]]:
    """Load every file, gathering the problems of all of them."""
    loaded, problems = [], []
    for file in files:
        try:
            loaded.append((file, load_curriculum(file, required_visits=required)))
        except CurriculumError as error:
            problems += error.problems or [Problem("", error.message)]
    return loaded, problems


def _yaml_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


# --- validation ---------------------------------------------------------------------------

def _validate(source: _Source, required: tuple[str, ...],
              problems: list[Problem]) -> Curriculum:
    from pydantic import ValidationError

    from groupwcc.readers.validation import validation_problems

    curriculum = None
    try:
        curriculum = Curriculum.model_validate(source.data)
    except ValidationError as error:
        problems += validation_problems(error, source.resolve,
                                        model=Curriculum)
    for loc, message in _cross_checks(source.data, required):
        problems.append(_problem(source, loc, message))
    if problems or curriculum is None:
        count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
        raise CurriculumError(f"{source.label}: {count} in the curriculum",
                              problems=sorted(problems, key=_line_order), hint=_HINT)
    return curriculum


def _problem(source: _Source, loc: Loc, message: str) -> Problem:
    from groupwcc.readers.validation import located_problem

    where, origin = source.resolve(loc)
    return located_problem(where, origin, message)


def _line_order(problem: Problem) -> tuple[str, int]:
    name, _, line = problem.where.rpartition(":")
    return (name, int(line)) if line.isdigit() else (problem.where, 0)


def _dotted(loc: Loc) -> str:
    return ".".join(str(part) for part in loc)


def _cross_checks(data: dict[str, Any], required: tuple[str, ...]) -> list[tuple[Loc, str]]:
    """What pydantic cannot see: references between parts, sums, ages, duplicates."""
    found: list[tuple[Loc, str]] = []
    activities = _activity_index(data, found)
    session = data.get("session_minutes", 120)
    session = session if _positive_int(session) else None
    seen: dict[str, int] = {}
    for i, visit in enumerate(_seq(data.get("visits")) or ()):
        key = visit.get("visit") if isinstance(visit, dict) else None
        if not isinstance(key, str):
            continue
        match = VISIT_KEY.match(key)
        if not match:
            found.append((("visits", i, "visit"), f"{key!r} is not a visit key: write m and the "
                                                  "age in months, e.g. m9"))
        if key in seen:
            found.append((("visits", i, "visit"), f"visit {key} is listed twice "
                                                  f"(first as visits.{seen[key]})"))
            continue
        seen[key] = i
        months = int(match.group(1)) if match else None
        found += _block_checks(("visits", i), visit, months, activities, session)
    found += [(("visits",), f"visit {key} is missing; add it (the program's visits need it)")
              for key in required if key not in seen]
    return found + unsafe_text(data, allow="\n\t")  # block text keeps its lines


def _activity_index(data: dict[str, Any], found: list[tuple[Loc, str]]) -> dict[str, Any]:
    index: dict[str, Any] = {}
    for k, activity in enumerate(_seq(data.get("activities")) or ()):
        name = activity.get("id") if isinstance(activity, dict) else None
        if not isinstance(name, str):
            continue
        if name in index:
            found.append((("activities", k, "id"), f"activity id {name!r} is used twice"))
            continue
        index[name] = activity
        band = _band(activity)
        if band and band[0] >= band[1]:
            found.append((("activities", k, "age_band"),
                          f"from_months ({band[0]}) must be below to_months ({band[1]})"))
    return index


def _block_checks(at: Loc, visit: dict[str, Any], months: int | None,
                  activities: dict[str, Any], session: int | None) -> list[tuple[Loc, str]]:
    found: list[tuple[Loc, str]] = []
    blocks = _seq(visit.get("blocks"))
    if blocks is None:
        return found
    minutes = [b.get("minutes") if isinstance(b, dict) else None for b in blocks]
    counted = [m for m in minutes if _positive_int(m)]
    for j, block in enumerate(blocks):
        if isinstance(block, dict) and isinstance(block.get("activity"), str):
            found += _activity_checks((*at, "blocks", j, "activity"), block, visit.get("visit"),
                                      months, activities)
    if session is not None and len(counted) == len(minutes):
        total = sum(counted)
        if total != session:
            found.append(((*at, "blocks"), f"block minutes add up to {total}, but "
                                           f"session_minutes is {session}"))
    return found


def _activity_checks(loc: Loc, block: dict[str, Any], visit: Any, months: int | None,
                     activities: dict[str, Any]) -> list[tuple[Loc, str]]:
    name = block["activity"]
    if name not in activities:
        close = difflib.get_close_matches(name, list(activities), n=1)
        return [(loc, f"unknown activity {name!r}" + (f"; did you mean {close[0]!r}?"
                                                        if close else ""))]
    activity, found = activities[name], []
    kind = activity.get("kind")
    if block.get("kind") in BLOCK_KINDS and kind in ("mindfulness", "play") \
            and kind != block.get("kind"):
        found.append((loc, f"{name!r} is a {kind} activity, but this is a "
                           f"{block.get('kind')} block"))
    band = _band(activity)
    if band and months is not None and not band[0] <= months < band[1]:
        found.append((loc, f"{name!r} suits ages {band[0]} to {band[1]} months ({band[1]} "
                           f"excluded), but visit {visit} is at {months} months"))
    return found


def _band(activity: dict[str, Any]) -> tuple[int, int] | None:
    band = activity.get("age_band")
    if isinstance(band, dict):
        low, high = band.get("from_months"), band.get("to_months")
        if isinstance(low, int) and isinstance(high, int) and not isinstance(low, bool):
            return low, high
    return None


def _positive_int(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _seq(value: Any) -> list[Any] | None:
    return list(value) if isinstance(value, list | tuple) else None
