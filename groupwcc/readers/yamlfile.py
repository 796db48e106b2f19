"""Safe YAML loading that remembers where every key and item came from.

``load_yaml_with_lines`` returns the plain data (as ``yaml.safe_load`` would) and a
``locate(loc)`` function that maps a pydantic error location (``("slots", 2, "room")``) to the
line of the deepest node it can find, so errors read ``groupwcc.yaml:14: slots.2.room: …``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from groupwcc.errors import UserError
from groupwcc.readers.text import YAML_ADVICE, decode_text

Locate = Callable[[Sequence[Any]], int | None]


def load_yaml_with_lines(path: Path, *, error_class: type[UserError] = UserError
                         ) -> tuple[Any, Locate]:
    """Read ``path`` with the safe loader; syntax errors become ``error_class`` with a line."""
    import yaml

    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise error_class(f"{path} does not exist", hint="check the path") from None
    except OSError as error:
        raise error_class(f"cannot read {path}: {error.strerror}") from None
    text = decode_text(raw, path.name, error_class=error_class, advice=YAML_ADVICE)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"{path.name}:{mark.line + 1}" if mark else path.name
        what = error.problem or "invalid YAML"
        raise error_class(f"{where}: {what}",
                          hint="check indentation (spaces, not tabs) and that every "
                               "'key: value' has a space after the colon") from None
    except yaml.YAMLError as error:
        raise error_class(f"{path.name}: invalid YAML ({error})") from None

    def locate(loc: Sequence[Any]) -> int | None:
        return _line_of(node, loc)

    return data, locate


def _line_of(node: Any, loc: Sequence[Any]) -> int | None:
    import yaml

    if node is None:
        return None
    line = node.start_mark.line + 1
    for part in loc:
        child = None
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == str(part):
                    child, line = value, key.start_mark.line + 1
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if 0 <= part < len(node.value):
                child = node.value[part]
                line = child.start_mark.line + 1
        if child is None:
            break
        node = child
    return line
