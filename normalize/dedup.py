"""Drop repeated paragraphs: the first copy stays, later copies are reported.

Paragraphs are compared by a simplified key (case, punctuation and spacing removed),
never by the output text. A repeat that differs in any figure ("rose 3.1 percent" /
"rose 4.7 percent") is a different statement and stays.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex
from rapidfuzz import fuzz

from normalize.tracked import Edit

_LINE = regex.compile(r"[^\r\n]*(?:\r\n|\n|\r|$)")
_WORD = regex.compile(r"[\p{L}\p{N}]+")
_NUMBER = regex.compile(r"\d+(?:[.,]\d+)*")


@dataclass(frozen=True)
class Duplicates:
    """The duplicate step.

    ``min_words``: a paragraph shorter than this is dropped only when it repeats the
    paragraph right before it (a doubled name line); ``near_cutoff``: the rapidfuzz
    ratio above which two long paragraphs are the same one reworded.

    >>> text = "Yoon met Rutte.\\nSome other paragraph here.\\nYoon met Rutte.\\n"
    >>> [e.rule for e in Duplicates(min_words=3)(text)]
    ['duplicate:exact']
    """

    min_words: int = 8
    near_min_words: int = 12
    near_cutoff: float = 92.0

    def __call__(self, text: str) -> Iterator[Edit]:
        seen: dict[str, int] = {}
        kept_long: list[tuple[str, tuple[str, ...]]] = []
        previous_key = None
        for m in _LINE.finditer(text):
            if m.start() == m.end():
                continue
            words = _WORD.findall(m.group().casefold())
            if not words:
                continue
            key = " ".join(words)
            if key in seen and (len(words) >= self.min_words or key == previous_key):
                yield Edit(m.start(), m.end(), "", "duplicate:exact", "duplicate")
                continue
            near = self._near_duplicate(key, words, kept_long)
            if near is not None:
                yield Edit(m.start(), m.end(), "", "duplicate:near", "duplicate",
                           confidence=round(near / 100, 3))
                continue
            seen.setdefault(key, m.start())
            previous_key = key
            if len(words) >= self.near_min_words:
                kept_long.append((key, tuple(_NUMBER.findall(key))))

    def _near_duplicate(self, key: str, words: list[str],
                        kept: list[tuple[str, tuple[str, ...]]]) -> float | None:
        if len(words) < self.near_min_words:
            return None
        numbers = tuple(_NUMBER.findall(key))
        for other, other_numbers in kept:
            if numbers != other_numbers:
                continue
            if not 0.85 <= len(key) / len(other) <= 1.18:
                continue
            score = fuzz.ratio(key, other, score_cutoff=self.near_cutoff)
            if score:
                return score
        return None
