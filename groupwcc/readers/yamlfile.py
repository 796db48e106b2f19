"""Safe YAML loading that remembers where every key and item came from.

``load_yaml_with_lines`` returns the plain data (as ``yaml.safe_load`` would) and a
``locate(loc)`` function that maps a pydantic error location (``("slots", 2, "room")``) to the
line of the deepest node it can find, so errors read ``groupwcc.yaml:14: slots.2.room: …``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from groupwcc.errors import Problem, UserError
from groupwcc.readers.text import YAML_ADVICE, decode_text, unsafe_character

MAX_YAML_BYTES = 16 * 1024 * 1024  # a configuration or curriculum is a few kilobytes
Locate = Callable[[Sequence[Any]], int | None]


def load_yaml_with_lines(path: Path, *, error_class: type[UserError] = UserError
                         ) -> tuple[Any, Locate]:
    """Read ``path`` with the safe loader; syntax errors become ``error_class`` with a line."""
    import yaml

    from groupwcc.readers.workbook_limits import read_regular_file

    raw = read_regular_file(path, error_class=error_class, limit=MAX_YAML_BYTES)
    text = decode_text(raw, path.name, error_class=error_class, advice=YAML_ADVICE)
    try:
        node, data = _parse(text)
    except RecursionError:
        raise error_class(f"{path.name}: nested too deeply to read",
                          hint="a configuration needs only a few levels; check the brackets"
                          ) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"{path.name}:{mark.line + 1}" if mark else path.name
        what = error.problem or "invalid YAML"
        raise error_class(f"{where}: {what}",
                          hint="check indentation (spaces, not tabs) and that every "
                               "'key: value' has a space after the colon") from None
    except yaml.YAMLError as error:
        raise error_class(f"{path.name}: invalid YAML ({error})") from None

    duplicates = _duplicate_keys(node, path.name)
    if duplicates:
        raise error_class(f"{path.name}: {len(duplicates)} key(s) appear twice in one mapping",
                          problems=duplicates,
                          hint="YAML would silently keep only the last value; delete or "
                               "merge the repeated key")

    def locate(loc: Sequence[Any]) -> int | None:
        return _line_of(node, loc)

    return data, locate


def _with_our_rules(base: Any) -> Any:
    """``base`` (a safe loader class) except that an impossible date (``2026-02-30``) is a
    located error and an unquoted time (``10:00``) stays text as in YAML 1.2, not the base-60
    number 600."""
    import yaml

    class Loader(base):
        pass

    def timestamp(loader: Any, node: Any) -> Any:
        try:
            return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
        except (ValueError, OverflowError):
            raise yaml.constructor.ConstructorError(
                None, None, f"{node.value} is not a real date (check the day and month)",
                node.start_mark) from None

    def number(loader: Any, node: Any) -> Any:
        if ":" in str(node.value):
            return loader.construct_scalar(node)
        if node.tag.endswith(":int"):
            return yaml.SafeLoader.construct_yaml_int(loader, node)
        return yaml.SafeLoader.construct_yaml_float(loader, node)

    Loader.add_constructor("tag:yaml.org,2002:timestamp", timestamp)
    Loader.add_constructor("tag:yaml.org,2002:int", number)
    Loader.add_constructor("tag:yaml.org,2002:float", number)
    return Loader


_LOADERS: dict[str, Any] = {}


def _loaders() -> tuple[Any, Any]:
    """(fast libyaml loader or None, pure-Python loader), both with our rules, made once."""
    import yaml

    if not _LOADERS:
        fast = getattr(yaml, "CSafeLoader", None)
        _LOADERS["fast"] = _with_our_rules(fast) if fast is not None else None
        _LOADERS["slow"] = _with_our_rules(yaml.SafeLoader)
    return _LOADERS["fast"], _LOADERS["slow"]


def _parse(text: str) -> tuple[Any, Any]:
    """The node graph (for lines) and the data, from one parse.

    libyaml (``CSafeLoader``) composes the same nodes with the same marks some 20 times faster
    than the pure-Python parser, and the data is constructed from those nodes by the same safe
    constructor (with our rules). On any YAML error, or without libyaml, the pure-Python loader
    parses the text again so that error messages stay exactly those of ``yaml.SafeLoader``.
    """
    import yaml

    fast, slow = _loaders()
    if fast is not None:
        loader = fast(text)
        try:
            node = loader.get_single_node()
            return node, (loader.construct_document(node) if node is not None else None)
        except yaml.YAMLError:
            pass  # parse again below, for the pure-Python loader's wording of the error
        finally:
            loader.dispose()
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    return node, yaml.load(text, Loader=slow)  # noqa: S506  (a SafeLoader subclass)


def _duplicate_keys(root: Any, name: str) -> list[Problem]:
    """Every key repeated within one mapping, located at its second (third …) occurrence.
    Walks the node graph without recursion and visits each node once (aliases share nodes)."""
    import yaml

    problems: list[Problem] = []
    stack, seen = [root], set()
    while stack:
        node = stack.pop()
        if node is None or id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            first: dict[tuple[str, str], int] = {}
            for key, value in node.value:
                stack.append(value)
                if not isinstance(key, yaml.ScalarNode) or key.tag == "tag:yaml.org,2002:merge":
                    continue
                line = key.start_mark.line + 1
                if (key.tag, key.value) in first:
                    problems.append(Problem(f"{name}:{line}", (
                        f"key {_key(key.value)} appears twice in this mapping (first on line "
                        f"{first[key.tag, key.value]}); keep one")))
                else:
                    first[key.tag, key.value] = line
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return sorted(problems, key=lambda p: int(p.where.rsplit(":", 1)[1]))


def _key(text: str) -> str:
    return f'"{text}"' if len(text) <= 40 and unsafe_character(text) is None else "(not shown)"


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


def unsafe_text(data: Any, *, allow: str = "") -> list[tuple[tuple[Any, ...], str]]:
    """``(location, message)`` for every key or string in loaded YAML ``data`` that holds a
    control or invisible character other than those in ``allow`` (readers/text.py). The text
    is not repeated: printing it would print the character again. A key holding one is shown
    in later locations as ``(key)``."""
    found: list[tuple[tuple[Any, ...], str]] = []
    stack: list[tuple[tuple[Any, ...], Any]] = [((), data)]
    seen: set[int] = set()  # aliases share (and may nest) containers: visit each once
    while stack:
        loc, value = stack.pop()
        items: list[tuple[Any, Any]] = []
        if isinstance(value, dict | list):
            if id(value) in seen:
                continue
            seen.add(id(value))
        if isinstance(value, dict):
            for key, item in value.items():
                bad = _unsafe(key, allow) if isinstance(key, str) else None
                if bad:
                    found.append(((*loc, key), f"a key contains {bad}; retype it"))
                items.append(("(key)" if bad else key, item))
        elif isinstance(value, list):
            items = list(enumerate(value))
        elif isinstance(value, bytes | bytearray):  # !!binary would become text unchecked
            found.append((loc, "a binary value (!!binary) is not allowed; write plain text"))
        elif isinstance(value, str):
            bad = _unsafe(value, allow)
            if bad:
                found.append((loc, f"contains {bad}; control and invisible characters are not "
                                   "allowed (they would reach calendars and printed sheets); "
                                   "retype the text"))
        stack.extend(((*loc, k), v) for k, v in reversed(items))
    return found


def _unsafe(text: str, allow: str) -> str | None:
    for char in allow:
        text = text.replace(char, "")
    return unsafe_character(text)
