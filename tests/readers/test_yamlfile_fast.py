"""The libyaml fast path of readers/yamlfile.py gives exactly what the pure-Python loader gave:
the same data, the same line for every located key, and the same error wording."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from groupwcc.errors import UserError
from groupwcc.readers import yamlfile

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted([*(ROOT / "curricula").glob("*.yaml"), *(ROOT / "groupwcc/data").glob("*.yaml"),
                  ROOT / "examples/groupwcc.yaml"])


def _lines(node: yaml.Node, seen: set[int] | None = None) -> list[tuple[str, int, int]]:
    seen = set() if seen is None else seen
    if id(node) in seen:
        return []
    seen.add(id(node))
    found = [(node.tag, node.start_mark.line, node.start_mark.column)]
    children = ([n for pair in node.value for n in pair] if isinstance(node, yaml.MappingNode)
                else node.value if isinstance(node, yaml.SequenceNode) else [])
    for child in children:
        found += _lines(child, seen)
    return found


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_fast_parse_matches_pure_python(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    node, data = yamlfile._parse(text)
    assert data == yaml.safe_load(text)
    assert _lines(node) == _lines(yaml.compose(text, Loader=yaml.SafeLoader))
    assert len(_lines(node)) > 10


def test_located_line_is_the_keys_line(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("a: 1\nslots:\n  - id: one\n  - id: two\n    room: R2\n", encoding="utf-8")
    data, locate = yamlfile.load_yaml_with_lines(path)
    assert data == {"a": 1, "slots": [{"id": "one"}, {"id": "two", "room": "R2"}]}
    assert locate(("slots", 1, "room")) == 5
    assert locate(("a",)) == 1


def test_syntax_error_keeps_pure_python_wording(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("a: 1\nb:c: 2\n  d: [\n", encoding="utf-8")
    with pytest.raises(UserError) as raised:
        yamlfile.load_yaml_with_lines(path)
    try:
        yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.MarkedYAMLError as error:
        assert error.problem_mark is not None
        expected = f"bad.yaml:{error.problem_mark.line + 1}: {error.problem}"
    assert raised.value.message == expected
