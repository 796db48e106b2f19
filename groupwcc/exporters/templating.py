"""The Jinja2 environment for printed material.

Templates are looked up first in the program's own folder (``templates:`` in groupwcc.yaml),
then in the built-in ``templates/`` folder, so a program can override any template or
stylesheet by putting a file of the same name in its folder.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from groupwcc.errors import ConfigError


def get_environment(templates_dir: Path | None = None) -> Any:
    """The cached environment for ``templates_dir`` (None: built-in templates only)."""
    return _environment(str(Path(templates_dir).resolve()) if templates_dir else None)


def render_template(name: str, context: dict[str, Any], templates_dir: Path | None = None) -> str:
    """Render template ``name`` with ``context``; autoescaped, undefined names are errors.

    Templates run in Jinja's immutable sandbox: a program's own template cannot reach Python
    internals (``cycler.__init__.__globals__``) or change the data it prints.
    """
    from jinja2.exceptions import SecurityError

    try:
        return str(get_environment(templates_dir).get_template(name).render(**context))
    except SecurityError as error:
        raise ConfigError(f"template {name} uses something templates may not use",
                          hint="templates may print the values they are given, not reach into "
                               "Python; fix the template in the templates: folder "
                               f"({type(error).__name__})") from None


@lru_cache(maxsize=8)
def _environment(templates_dir: str | None) -> Any:
    from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined

    from groupwcc.resources import templates_dir as builtin_templates

    loaders = [FileSystemLoader(templates_dir)] if templates_dir else []
    loaders.append(FileSystemLoader(str(builtin_templates())))
    # Names come from a roster typed by people: "O'Neil & <Co>" must print as written.
    return _sandbox_class()(
        loader=ChoiceLoader(loaders), autoescape=True, undefined=StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


# ``dict`` attributes (methods and dunders): a key of the same name is not a plain key lookup.
_DICT_ATTRIBUTES = frozenset(dir(dict))
# Loop variables templates read (``loop.last``): plain values, safe in the sandbox.
_LOOP_ATTRIBUTES = frozenset({"index", "index0", "revindex", "revindex0", "first", "last",
                              "length", "depth", "depth0"})


@lru_cache(maxsize=1)
def _sandbox_class() -> Any:
    """The immutable sandbox, with the two lookups a guide makes ~180,000 times answered
    directly: a key of a plain ``dict`` (templates get plain data) and a loop variable.

    The answers are the sandbox's own: for a ``dict`` without a method of that name its
    ``getattr`` falls back to the key; ``loop.last`` and the like are plain values it allows.
    Anything else (and a missing key) goes through the sandbox's full check.
    """
    from jinja2.runtime import LoopContext
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class QuickSandbox(ImmutableSandboxedEnvironment):
        def getattr(self, obj: Any, attribute: str) -> Any:
            kind = type(obj)
            if kind is dict and attribute not in _DICT_ATTRIBUTES and attribute in obj:
                return obj[attribute]
            if kind is LoopContext and attribute in _LOOP_ATTRIBUTES:
                return getattr(obj, attribute)
            return super().getattr(obj, attribute)

    return QuickSandbox
