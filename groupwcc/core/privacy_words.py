"""Finding words that would reveal a program's purpose, in any language, ignoring accents.

Pure: the word lists come from ``groupwcc/data/privacy_words.yaml`` (read by the caller).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

# Characters that separate words when matching: "Recovery_Families", "Recovery.Works",
# "Recovery-2" and "Recovery2Families" all contain the word "recovery".
_SEPARATORS = frozenset("_.-0123456789")
_ASCII_SEPARATORS = str.maketrans(dict.fromkeys(_SEPARATORS, " "))
_ASCII_SEPARATORS_BUT_DOT = str.maketrans(dict.fromkeys(_SEPARATORS - {"."}, " "))
# Words this long or longer also match as the start of a longer word ("RecoveryWorks",
# "Opioids", "Recuperaciones"); shorter ones only whole, so "Drugstore" and "droguería"
# (a pharmacy) stay allowed.
PREFIX_MIN_LETTERS = 6
# Dotted acronyms (D.C.F.) are read as the acronym (DCF): dots between single capitals go.
_DOTTED = re.compile(r"(?<![^\W\d_])[A-Z](?:\.[A-Z])+(?![^\W\d_])")


def _normal(char: str) -> str:
    """One character in compatibility form (fullwidth Ｄ → D), without accents."""
    return "".join(c for c in unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", char))
                   if not unicodedata.combining(c))


def fold(text: str) -> tuple[str, list[int]]:
    """``text`` without accents and case, with each folded character's index in ``text``.

    Compatibility forms are normalised (fullwidth letters become ASCII) and ``_``, ``.``,
    ``-`` and digits become spaces, so they separate words.
    """
    if text.isascii():  # the usual case, at once: ASCII is its own compatibility form
        return text.lower().translate(_ASCII_SEPARATORS), list(range(len(text)))
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        plain = "".join(" " if c in _SEPARATORS else c for c in _normal(char).casefold())
        chars.extend(plain)
        origin.extend([index] * len(plain))
    return "".join(chars), origin


def fold_acronyms(text: str) -> tuple[str, list[int]]:
    """``text`` for matching capitals-only acronyms: case kept, D.C.F. read as DCF.

    Like :func:`fold` otherwise (compatibility forms, separators), with origins.
    """
    if text.isascii():  # as in fold: no compatibility forms to undo
        joined = text.translate(_ASCII_SEPARATORS_BUT_DOT)
        origin = list(range(len(text)))
    else:
        chars: list[str] = []
        origin = []
        for index, char in enumerate(text):
            plain = _normal(char)
            chars.extend(" " if c in _SEPARATORS - {"."} else c for c in plain)
            origin.extend([index] * len(plain))
        joined = "".join(chars)
    dots = {m.start() + i for m in _DOTTED.finditer(joined)
            for i, c in enumerate(m.group(0)) if c == "."}
    keep = [i for i in range(len(joined)) if i not in dots]
    return "".join(joined[i] for i in keep), [origin[i] for i in keep]


def _pattern(terms: Iterable[str], *, folded: bool) -> re.Pattern[str] | None:
    cleaned = sorted({(fold(t)[0] if folded else t).strip() for t in terms if t.strip()},
                     key=len, reverse=True)
    if not cleaned:
        return None
    parts = []
    for term in cleaned:
        words = term.split()
        prefix = folded and len(words[-1]) >= PREFIX_MIN_LETTERS
        parts.append(r"\s+".join(map(re.escape, words)) + ("" if prefix else r"(?!\w)"))
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + ")")


@dataclass(frozen=True)
class RevealingWords:
    """Words (case- and accent-insensitive) and acronyms (capitals only) to refuse."""

    words: tuple[str, ...]
    acronyms: tuple[str, ...] = ()
    _folded: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    _exact: re.Pattern[str] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_folded", _pattern(self.words, folded=True))
        object.__setattr__(self, "_exact", _pattern(self.acronyms, folded=False))

    def find(self, text: str) -> list[str]:
        """The revealing words in ``text`` as written there, in order of appearance."""
        found: list[tuple[int, str]] = []
        if self._exact is not None:
            capitals, where = fold_acronyms(text)
            for m in self._exact.finditer(capitals):
                start, end = where[m.start()], where[m.end() - 1] + 1
                found.append((start, text[start:end]))
        if self._folded is not None:
            folded, origin = fold(text)
            for m in self._folded.finditer(folded):
                start, end = origin[m.start()], origin[m.end() - 1] + 1
                found.append((start, text[start:end]))
        return [word for _, word in sorted(set(found))]

    def extended(self, extra: Iterable[str]) -> RevealingWords:
        """These words plus a program's own (``calendar.revealing_words``)."""
        return RevealingWords(self.words + tuple(extra), self.acronyms)
