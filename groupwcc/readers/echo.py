"""What an error message may repeat of a cell (docs/explanation/privacy.md, "Errors").

A value typed into the wrong column may be a name, a phone number or a birth date, so errors
name the row, the column and the allowed values, never the cell's text. The one exception is a
column whose values are codes the program defined (site, language, status, session and infant
ids, family ids in keep_apart_with, yes/no): there a value is repeated only when it LOOKS like
a code, so a typo such as ``mian`` can be spotted. The rule, decided once here:

* at most 40 characters of ASCII letters, digits, ``-``, ``_`` and ``.``, starting with a
  letter or digit (so never a space, ``;``, ``/``, ``(``, an accent or an invisible character);
* letters and digits together (``m4``, ``I-0001``, ``MAIN-2026-03-A-M4``) unless it holds a
  phone-like run of digits (``555-0116``, ``5550116x2``);
* letters only: all lower case (``mian``, ``attnded``); a capitalised or upper-case word is
  the shape of a name (``Fakely``, ``FAKELY``) and is not repeated;
* digits only: at most four digits (``1001``); longer runs may be a phone or a date.
"""

from __future__ import annotations

import re

_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,39}")
_PHONE = re.compile(r"\d{3}[-.]?\d{4}")


def looks_like_code(text: str) -> bool:
    """Whether ``text`` may be repeated in an error about a code column (rule above)."""
    if not _CODE.fullmatch(text):
        return False
    letters = any(c.isalpha() for c in text)
    digits = sum(c.isdigit() for c in text)
    if letters and digits:
        return _PHONE.search(text) is None
    if letters:
        return text == text.lower()
    return digits <= 4


def echo_code(text: str) -> str:
    """``' "text"'`` (with a leading space) when ``text`` looks like a code, else ``''``:
    ``f"unknown site{echo_code(text)}"`` reads ``unknown site "mian"`` or ``unknown site``."""
    return f' "{text}"' if looks_like_code(text) else ""
