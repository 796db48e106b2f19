"""The one formatter that turns a pydantic ``ValidationError`` into problems people can fix.

Every reader of YAML (``groupwcc.yaml``, curricula, reference data) reports a schema problem as
``file:line: path.to.field: message``; a table would say ``row N, column "C"`` in place of
``file:line``. Where the problem is comes from a ``where`` function the caller passes (it knows
the file and its line map); what is wrong is worded here, once:

* a missing key: ``required key is missing``;
* an unknown key: ``unknown key (allowed: a, b, c)``, the keys the model accepts there;
* a value outside a fixed list: ``unknown value 'x'; use one of: a, b``;
* a number or switch of the wrong type: ``write a whole number`` / ``write true or false``;
* anything else: pydantic's own message, without its ``Value error,`` prefix.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel

from groupwcc.errors import Problem, ReferenceDataError, UserError

if TYPE_CHECKING:
    from pydantic import ValidationError

Loc = tuple[Any, ...]
ModelT = TypeVar("ModelT", bound=BaseModel)
# Where a location is: "file:line", or ("file:line", the location as that file spells it) when
# the data was merged from several files (a curriculum that extends the built-in one).
Where = Callable[[Loc], str | tuple[str, Loc]]


def validation_problems(error: ValidationError, where: Where, *,
                        model: type[BaseModel] | None = None) -> list[Problem]:
    """One ``Problem`` per pydantic error: ``where(loc)``, then ``field: message``.

    ``model`` (the class that was validated) lets unknown keys list the allowed ones and
    fixed-choice fields list their choices.
    """
    problems = []
    for item in error.errors(include_url=False):
        loc = clean_loc(item["loc"])
        found = where(loc)
        place, shown = found if isinstance(found, tuple) else (found, loc)
        problems.append(located_problem(place, shown, explain_error(item, loc, model)))
    return problems


def located_problem(where: str, loc: Loc, message: str) -> Problem:
    """``Problem(where, "a.b.0: message")``; just the message when ``loc`` is empty."""
    field = ".".join(str(part) for part in loc)
    return Problem(where, f"{field}: {message}" if field else message)


def clean_loc(loc: Sequence[Any]) -> Loc:
    """The location without pydantic's validator labels (``function-after[...]``)."""
    return tuple(p for p in loc if not (isinstance(p, str) and p.startswith("function-")))


def explain_error(item: Any, loc: Loc, model: type[BaseModel] | None = None) -> str:
    """The message for one pydantic error (see the module docstring for the wording)."""
    kind = item["type"]
    if kind == "missing":
        return "required key is missing"
    if kind == "extra_forbidden":
        parent = _model_at(model, loc[:-1]) if model else None
        if parent is None:
            return "unknown key (check the spelling)"
        return f"unknown key (allowed: {', '.join(field_names(parent))})"
    if kind == "literal_error":
        choices = _choices(model, loc)
        if choices:
            name = loc[-1] if loc and isinstance(loc[-1], str) else "value"
            return f"unknown {name} {item['input']!r}; use one of: {', '.join(choices)}"
    if kind in _STRICT_TYPES:
        return _STRICT_TYPES[kind]
    bound = _BOUNDS.get(kind)
    if bound and bound[1] in item.get("ctx", {}):
        return f"{bound[0]} {item['ctx'][bound[1]]}"
    return str(item["msg"]).removeprefix("Value error, ")


# Numbers and switches are strict (a YAML `true` is not 1, "4" in quotes is not 4).
_STRICT_TYPES = {
    "int_type": "write a whole number (without quotes; true/false is not a number)",
    "int_from_float": "write a whole number",
    "bool_type": "write true or false (without quotes)",
}
_BOUNDS = {"less_than_equal": ("must be at most", "le"),
           "greater_than_equal": ("must be at least", "ge"),
           "less_than": ("must be less than", "lt"), "greater_than": ("must be more than", "gt")}


def field_names(model: type[BaseModel]) -> list[str]:
    """The keys ``model`` accepts in a file (the alias where a field has one)."""
    return [field.alias or name for name, field in model.model_fields.items()]


def _model_at(model: type[BaseModel] | None, loc: Loc) -> type[BaseModel] | None:
    annotation: Any = model
    for part in loc:
        annotation = _step(annotation, part)
        if annotation is None:
            return None
    return _as_model(annotation)


def _choices(model: type[BaseModel] | None, loc: Loc) -> tuple[str, ...]:
    if model is None or not loc:
        return ()
    parent = _model_at(model, loc[:-1])
    field = _field(parent, loc[-1]) if parent else None
    if field is None:
        return ()
    for option in _options(field.annotation):
        if typing.get_origin(option) is typing.Literal:
            return tuple(str(a) for a in typing.get_args(option))
    return ()


def _step(annotation: Any, part: Any) -> Any:
    """The annotation one location part deeper: a model's field, a list's or a dict's item."""
    found = _as_model(annotation)
    if found is not None and isinstance(part, str):
        field = _field(found, part)
        return field.annotation if field else None
    for option in _options(annotation):
        origin = typing.get_origin(option)
        args = [a for a in typing.get_args(option) if a is not Ellipsis]
        if origin in (list, tuple, set, frozenset) and args:
            return args[0]
        if origin is dict and len(args) == 2:
            return args[1]
    return None


def _field(model: type[BaseModel], key: Any) -> Any:
    for name, field in model.model_fields.items():
        if key in (name, field.alias):
            return field
    return None


def _as_model(annotation: Any) -> type[BaseModel] | None:
    from pydantic import BaseModel

    for option in _options(annotation):
        if isinstance(option, type) and issubclass(option, BaseModel):
            return option
    return None


def _options(annotation: Any) -> list[Any]:
    """The alternatives of a union (``A | None`` → ``[A, None]``); one item otherwise."""
    if typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return [o for a in typing.get_args(annotation) for o in _options(a)]
    return [annotation]


def load_data_file(file: Path, model: type[ModelT], *,
                   error_class: type[UserError] = ReferenceDataError) -> ModelT:
    """A versioned YAML data file (``groupwcc/data``) validated as ``model``; every problem is
    located ``file:line: field: message`` (the one formatter above)."""
    from pydantic import ValidationError

    from groupwcc.readers.yamlfile import load_yaml_with_lines

    raw, locate = load_yaml_with_lines(file, error_class=error_class)
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        problems = validation_problems(
            error, lambda loc: f"{file.name}:{locate(loc) or '?'}", model=model)
        raise error_class(f"{file.name} has problems", problems=problems,
                          hint="fix the file or reinstall groupwcc") from None


def checked_data_loader(filename: str, model: type[ModelT],
                        check: Callable[[ModelT, str], list[Problem]], *,
                        hint: str | None = None) -> Callable[[Path | None], ModelT]:
    """A cached loader for the packaged data file ``filename`` (or a path given to it):
    ``load_data_file`` as ``model``, then ``check(data, file name)``; any problems it returns
    are raised as one ``ReferenceDataError("<file> has problems", hint=hint)``."""

    @lru_cache(maxsize=4)
    def load(path: str | None) -> ModelT:
        from groupwcc.resources import data_path

        file = Path(path) if path else data_path(filename)
        data = load_data_file(file, model)
        problems = check(data, file.name)
        if problems:
            raise ReferenceDataError(f"{file.name} has problems", problems=problems, hint=hint)
        return data

    def loader(path: Path | None = None) -> ModelT:
        return load(str(path) if path else None)

    return loader
