"""Finding words that would reveal a program's purpose, in any language, ignoring accents.

Pure: the word lists come from ``groupwcc/data/privacy_words.yaml`` (read by the caller).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field


def fold(text: str) -> tuple[str, list[int]]:
    """``text`` without accents and case, with each folded character's index in ``text``."""
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        plain = "".join(c for c in unicodedata.normalize("NFKD", char)
                        if not unicodedata.combining(c)).casefold()
        chars.extend(plain)
        origin.extend([index] * len(plain))
    return "".join(chars), origin


def _pattern(terms: Iterable[str], *, folded: bool) -> re.Pattern[str] | None:
    cleaned = sorted({(fold(t)[0] if folded else t).strip() for t in terms if t.strip()},
                     key=len, reverse=True)
    if not cleaned:
        return None
    body = "|".join(r"\s+".join(map(re.escape, t.split())) for t in cleaned)
    return re.compile(r"(?<!\w)(?:" + body + r")(?!\w)")


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
            found += [(m.start(), m.group(0)) for m in self._exact.finditer(text)]
        if self._folded is not None:
            folded, origin = fold(text)
            for m in self._folded.finditer(folded):
                start, end = origin[m.start()], origin[m.end() - 1] + 1
                found.append((start, text[start:end]))
        return [word for _, word in sorted(set(found))]

    def extended(self, extra: Iterable[str]) -> RevealingWords:
        """These words plus a program's own (``calendar.revealing_words``)."""
        return RevealingWords(self.words + tuple(extra), self.acronyms)
