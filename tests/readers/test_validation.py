"""The one pydantic-error formatter (readers/validation.py): same words in every reader."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from groupwcc.errors import ReferenceDataError
from groupwcc.models import Curriculum, ProgramConfig
from groupwcc.readers.reference import FILES, load_reference
from groupwcc.readers.validation import located_problem, validation_problems
from groupwcc.resources import data_path

_CONFIG: dict[str, Any] = {
    "program": "Test Clinic", "timezone": "America/New_York",
    "sites": [{"id": "main", "name": "Main", "rooms": ["A"]}],
    "slots": [{"site": "main", "weekday": "tuesday", "start": "10:00", "end": "12:00",
               "room": "A"}],
}


def _problems(model: Any, data: dict[str, Any]) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    return [str(p) for p in validation_problems(caught.value, lambda loc: f"f.yaml:{len(loc)}",
                                                model=model)]


def test_missing_key() -> None:
    data = {k: v for k, v in _CONFIG.items() if k != "program"}
    assert _problems(ProgramConfig, data) == ["f.yaml:1: program: required key is missing"]


def test_unknown_key_lists_the_keys_allowed_at_that_place() -> None:
    site = {**_CONFIG["sites"][0], "colour": "blue"}
    assert _problems(ProgramConfig, {**_CONFIG, "sites": [site]}) == [
        "f.yaml:3: sites.0.colour: unknown key (allowed: id, name, rooms, holidays, address)"]


def test_unknown_key_names_aliases_not_field_names() -> None:
    closure = {"from": "2026-12-24", "to": "2026-12-25", "until": "x"}
    [problem] = _problems(ProgramConfig, {**_CONFIG, "closures": [closure]})
    assert "closures.0.until: unknown key (allowed: from, to" in problem


def test_fixed_choices_are_listed() -> None:
    slot = {**_CONFIG["slots"][0], "weekday": "funday"}
    assert _problems(ProgramConfig, {**_CONFIG, "slots": [slot]}) == [
        "f.yaml:3: slots.0.weekday: unknown weekday 'funday'; use one of: monday, tuesday, "
        "wednesday, thursday, friday, saturday, sunday"]


def test_other_messages_lose_the_value_error_prefix() -> None:
    slot = {**_CONFIG["slots"][0], "start": "13:00"}
    [problem] = _problems(ProgramConfig, {**_CONFIG, "slots": [slot]})
    assert problem == "f.yaml:2: slots.0: end must be after start"


def test_without_a_model_an_unknown_key_still_reads_well() -> None:
    with pytest.raises(ValidationError) as caught:
        Curriculum.model_validate({"bogus": 1})
    problems = [str(p) for p in validation_problems(caught.value, lambda loc: "x.yaml")]
    assert "x.yaml: bogus: unknown key (check the spelling)" in problems


def test_merged_data_is_located_in_the_file_that_wrote_it() -> None:
    with pytest.raises(ValidationError) as caught:
        ProgramConfig.model_validate({**_CONFIG, "program": None})
    [problem] = validation_problems(caught.value, lambda loc: ("over.yaml:4", ("name",)))
    assert str(problem).startswith("over.yaml:4: name: ")


def test_located_problem_without_a_field() -> None:
    assert str(located_problem("f.yaml:1", (), "expected a mapping")) == \
        "f.yaml:1: expected a mapping"


def test_reference_data_schema_problems_name_file_and_line(tmp_path: Path) -> None:
    for name in FILES:
        shutil.copy(data_path(name), tmp_path / name)
    visits = tmp_path / "visits.yaml"
    text = visits.read_text(encoding="utf-8")
    visits.write_text(text.replace("{key: m1, ", "{key: m1, colour: red, ", 1),
                      encoding="utf-8")
    with pytest.raises(ReferenceDataError) as caught:
        load_reference(folder=tmp_path)
    lines = [str(p) for p in caught.value.problems]
    assert len(lines) == 1
    assert lines[0].startswith("visits.yaml:14: ")
    assert ": visits.0.colour: unknown key (allowed: key," in lines[0]
