"""The one place that knows where built-in curricula, templates and reference data live.

In a source checkout (and an editable install) the built-ins are the top-level ``curricula/``
and ``templates/`` folders; in a wheel they are mapped to ``groupwcc/_builtin/`` (hatch
``force-include``). Reference data ships inside the package (``groupwcc/data``).
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def builtin_dir(name: str) -> Path:
    """Folder of a built-in resource kind: ``curricula`` or ``templates``."""
    for candidate in (_PACKAGE / "_builtin" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"built-in {name}/ not found; reinstall groupwcc")


def curricula_dir() -> Path:
    return builtin_dir("curricula")


def templates_dir() -> Path:
    return builtin_dir("templates")


def data_path(filename: str) -> Path:
    """A reference data file shipped with the package (``visits.yaml`` …)."""
    return _PACKAGE / "data" / filename


def fonts_dir() -> Path:
    """The shipped fonts (Noto Sans, SIL OFL 1.1) every PDF is typeset with."""
    return _PACKAGE / "fonts"
