from datetime import date
from pathlib import Path

import pytest

from groupwcc.config import STARTER_CONFIG, load_config
from groupwcc.errors import ConfigError

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "groupwcc.yaml"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "groupwcc.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_example_config_loads_as_written():
    config = load_config(EXAMPLE)
    assert config.program == "Example Family Clinic"
    assert [s.id for s in config.sites] == ["main", "east"]
    assert config.sites[0].holidays.subdivision == "PA"
    assert config.slots[0].slot_id == "main-tue-1000-Group Room A"
    # A bare date and a range: 1 + 4 days.
    assert date(2026, 12, 24) in config.closure_days()
    assert len(config.closure_days()) == 5
    assert (config.cohorts.min_size, config.cohorts.max_size) == (4, 8)


def test_starter_config_is_valid(tmp_path):
    assert load_config(_write(tmp_path, STARTER_CONFIG)).program == "My Family Clinic"


def test_every_error_is_reported_with_its_line(tmp_path):
    path = _write(tmp_path, """\
program: Test Clinic
timezone: Mars/Olympus
sites:
  - id: main
    name: Main
    rooms: [Room A]
    colour: blue
slots:
  - {site: main, weekday: funday, start: "10:00", end: "12:00", room: Room A}
  - {site: nowhere, weekday: monday, start: "10:00", end: "12:00", room: Room A}
cohorts: {min_size: 9, max_size: 8}
""")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    lines = [str(p) for p in caught.value.problems]
    assert any(line.startswith("groupwcc.yaml:7: sites.0.colour: unknown key") for line in lines)
    assert any(line.startswith("groupwcc.yaml:9: slots.0.weekday:") for line in lines)
    assert any(line.startswith("groupwcc.yaml:11: cohorts:") and "min_size" in line
               for line in lines)
    assert len(lines) == 3  # schema errors first; cross-checks run once the schema is valid


def test_cross_checks_name_line_and_fix(tmp_path):
    path = _write(tmp_path, """\
program: Test Clinic
timezone: Mars/Olympus
sites:
  - {id: main, name: Main, rooms: [Room A]}
slots:
  - {site: nowhere, weekday: monday, start: "10:00", end: "12:00", room: Room A}
  - {site: main, weekday: monday, start: "10:00", end: "12:00", room: Room Z}
""")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert [str(p) for p in caught.value.problems] == [
        "groupwcc.yaml:2: timezone: unknown time zone 'Mars/Olympus' (use an IANA name such as "
        "America/New_York)",
        "groupwcc.yaml:6: slots.0.site: unknown site 'nowhere' (known: main)",
        "groupwcc.yaml:7: slots.1.room: room 'Room Z' is not listed under site main (rooms: Room A)",
    ]


def test_not_a_mapping_and_broken_yaml_are_clear_errors(tmp_path):
    with pytest.raises(ConfigError):
        load_config(_write(tmp_path, "- just\n- a list\n"))
    with pytest.raises(ConfigError) as caught:
        load_config(_write(tmp_path, "program: [unclosed\n"))
    assert "groupwcc.yaml" in str(caught.value)
