"""File names built from data (family, cohort, site, session ids): the one mapping to names
that cannot leave their folder. Pure string work; ``api.outputs`` checks and writes."""

from __future__ import annotations

import hashlib
import re

MAX_NAME = 80
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")
_SAFE_PART = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]{0,119}")
# Names Windows refuses whatever the extension (a folder may be shared with a Windows laptop).
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(10)),
             *(f"LPT{n}" for n in range(10))}


def safe_name(identifier: str) -> str:
    """``identifier`` as a file name that cannot leave its folder: only letters, digits, ``.``,
    ``_`` and ``-``, no leading dot, no Windows device name, at most 80 characters; a changed
    name gets a short hash so two ids never collide."""
    cleaned = _UNSAFE.sub("_", identifier).lstrip(".")[:MAX_NAME] or "_"
    if cleaned == identifier and not _reserved(cleaned):
        return cleaned
    if _reserved(cleaned):
        cleaned = "_" + cleaned
    digest = hashlib.sha256(identifier.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{cleaned[:MAX_NAME - 9]}-{digest}"


def is_safe_part(part: str) -> bool:
    """Whether ``part`` (one path component, extension included) is a safe file name."""
    return bool(_SAFE_PART.fullmatch(part)) and not _reserved(part)


def _reserved(part: str) -> bool:
    return part.split(".")[0].upper() in _RESERVED
