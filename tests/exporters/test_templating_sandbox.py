"""The guide's quick sandbox lookups answer exactly as Jinja's immutable sandbox does."""

from __future__ import annotations

from typing import Any

import pytest

from groupwcc.exporters.templating import _sandbox_class

CASES = [
    ("{{ d.name }}", {"name": "<Kiwi>"}),
    ("{{ d.items is callable }}", {"items": "shadowed by the method"}),
    ("{{ d.get('name') }}", {"name": "Tui"}),
    ("{{ d.__class__ }}", {"__class__": "not a class"}),
    ("{{ d.missing }}", {"name": "Tui"}),
    ("{% for x in d.xs %}{{ x }}{% if not loop.last %},{% endif %}{{ loop.index }}"
     "{{ loop.length }}{{ loop.depth0 }}{% endfor %}", {"xs": ["a", "b", "c"]}),
    ("{{ d.xs.append }}", {"xs": []}),
    ("{% for x in d.xs %}{{ loop.__class__ }}{% endfor %}", {"xs": [1]}),
]


def _outcome(environment_class: Any, source: str, data: dict[str, Any]) -> str:
    from jinja2 import StrictUndefined

    environment = environment_class(autoescape=True, undefined=StrictUndefined)
    try:
        return environment.from_string(source).render(d=data)
    except Exception as error:  # the kind of refusal must match too
        return f"raised {type(error).__name__}"


@pytest.mark.parametrize(("source", "data"), CASES)
def test_quick_lookups_match_the_immutable_sandbox(source: str, data: dict[str, Any]) -> None:
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    expected = _outcome(ImmutableSandboxedEnvironment, source, data)
    assert _outcome(_sandbox_class(), source, data) == expected


def test_unsafe_lookups_are_still_refused() -> None:
    assert _outcome(_sandbox_class(), "{{ d.__class__ }}", {"__class__": "x"}) \
        == "raised SecurityError"
    assert _outcome(_sandbox_class(), "{{ d.xs.append(1) }}", {"xs": []}) \
        == "raised SecurityError"
    assert _outcome(_sandbox_class(), "{{ d.name }}", {"name": "<b>"}) == "&lt;b&gt;"
