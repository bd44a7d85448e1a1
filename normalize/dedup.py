"""Drop repeated paragraphs: the first copy stays, later copies are reported.

Paragraphs are compared by a simplified key (case, punctuation and spacing removed),
never by the output text. A repeat that differs in any figure ("rose 3.1 percent" /
"rose 4.7 percent") is a different statement and stays.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import regex
from rapidfuzz import fuzz

from normalize.lexicon import zipf
from normalize.lines import iter_lines
from normalize.tracked import Edit

_WORD = re.compile(r"[^\W_]+")  # letters and digits; the standard re is faster here
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# The end of a sentence: . ! or ? (and a closing quote) before a space or the end. A
# stop after a capital letter or a stop ("U.S.", "J. Smith", "...") ends nothing.
_SENTENCE_END = regex.compile(r"(?:[.](?<![\p{Lu}.][.])|[!?])+[\"”’]?(?=\s|$)")
_NON_SPACE = regex.compile(r"\S")
_BLANKS = regex.compile(r"[ \t]*")
_QUOTE = regex.compile(r"[\"“”‘’']")
_OPENING_QUOTES = "\"“‘«„'"
_COMMON_WORD_ZIPF = 5.0  # "The", "But", "In": a sentence's first word, not a name
_CAPITALIZED = regex.compile(r"(?<![\p{L}\p{N}])\p{Lu}[\p{L}\p{N}]*")  # "SK", "Élysée"


@dataclass(frozen=True)
class Duplicates:
    """The duplicate step.

    ``min_words``: a paragraph shorter than this is dropped only when it repeats the
    paragraph right before it (a doubled name line); ``near_cutoff``: the rapidfuzz
    ratio above which two long paragraphs are the same one reworded.

    >>> text = "Headline\\nYoon met Rutte.\\nSome other paragraph here.\\nYoon met Rutte.\\n"
    >>> [e.rule for e in Duplicates(min_words=3)(text)]
    ['duplicate:exact']
    """

    min_words: int = 8
    near_min_words: int = 12
    near_cutoff: float = 92.0

    headline_cutoff: float = 90.0
    sentence_min_words: int = 10

    def __call__(self, text: str) -> Iterator[Edit]:
        seen: dict[str, int] = {}
        kept_long: list[tuple] = []  # key, figures, line and sentences of each
        sentences: set[str] = set()
        previous_key = None
        headline: tuple | None = None  # its key, figures, line and sentences
        for offset, line in iter_lines(text):
            end = offset + len(line)
            parts = [(a, b, _WORD.findall(line[a:b].casefold())) for a, b in _sentences(line)]
            words = [w for _, _, ws in parts for w in ws]  # a word never spans sentences
            if not words:
                continue
            key = " ".join(words)
            numbers = _NUMBER.findall(key)
            if headline is None:
                headline = key, numbers, line, parts
            elif self._repeats_headline(key, len(words), numbers, headline, line, parts):
                yield Edit(offset, end, "", "duplicate:headline", "duplicate")
                continue
            if _is_clause(line):  # a verse: said again, a refrain
                previous_key = key
                continue
            if key in seen and (len(words) >= self.min_words or (
                    key == previous_key and not _is_said_again(line))):
                yield Edit(offset, end, "", "duplicate:exact", "duplicate")
                continue
            near = self._near_duplicate(key, len(words), numbers, line, parts, kept_long)
            if near is not None:
                yield Edit(offset, end, "", "duplicate:near", "duplicate",
                           confidence=round(near / 100, 3))
                continue
            if len(words) >= self.sentence_min_words:  # else it holds no long sentence
                yield from self._repeated_sentences(line, offset, parts, sentences)
            seen.setdefault(key, offset)
            previous_key = key
            if len(words) >= self.near_min_words:
                kept_long.append((key, numbers, line, parts))

    def _repeats_headline(self, key: str, size: int, numbers: list[str], headline: tuple,
                          line: str, parts: list) -> bool:
        """The headline again, perhaps reworded a little, with the same figures and no
        name swapped for another."""
        if key == headline[0]:
            return True
        if size < 4 or numbers != headline[1]:
            return False
        if not fuzz.ratio(key, headline[0], score_cutoff=self.headline_cutoff):
            return False
        return not _swaps_a_name(line, parts, headline[2], headline[3])

    def _repeated_sentences(self, line: str, offset: int, parts: list,
                            seen: set[str]) -> Iterator[Edit]:
        """A long sentence said before, outside quotation marks, goes from a later
        paragraph; a quotation repeated on purpose (a refrain) stays. ``parts`` holds
        each sentence's bounds and words."""
        for start, end, words in parts:
            sentence = line[start:end]
            if len(words) < self.sentence_min_words or _QUOTE.search(sentence):
                continue
            key = " ".join(words)
            if key in seen:
                stop = _BLANKS.match(line, end).end()  # the spaces after it go with it
                if stop == len(line.rstrip("\r\n")):  # the last sentence: take the
                    start = len(line[:start].rstrip(" \t"))  # space before it instead
                yield Edit(offset + start, offset + stop, "", "duplicate:sentence",
                           "duplicate")
            seen.add(key)

    def _near_duplicate(self, key: str, size: int, numbers: list[str],
                        line: str, parts: list, kept: list) -> float | None:
        """The rapidfuzz ratio to a kept paragraph that says the same of the same
        subject: the same figures, and no name swapped for another ("Samsung ... rose
        2.1%" is not "SK hynix ... rose 2.1%"); a name added or dropped is a rewording."""
        if size < self.near_min_words:
            return None
        for other, other_numbers, other_line, other_parts in kept:
            if numbers != other_numbers:
                continue
            if not 0.85 <= len(key) / len(other) <= 1.18:
                continue
            score = fuzz.ratio(key, other, score_cutoff=self.near_cutoff)
            if score and not _swaps_a_name(line, parts, other_line, other_parts):
                return score
        return None


def _is_said_again(line: str) -> bool:
    """A short line said twice on purpose, not a name line the scraper doubled: a
    quotation (“Not in our name.” twice) or a sentence ("We shall overcome.")."""
    body = line.strip()
    return body[:1] in _OPENING_QUOTES or body[-1:] in ".!?"


def _is_clause(line: str) -> bool:
    """A line that ends in a comma or semicolon is part of a longer sentence, such as a
    verse of a poem ("I will come back, I will come back,"): said again, it is a
    refrain, not a paragraph the scraper doubled."""
    return line.rstrip()[-1:] in ",;"


def _swaps_a_name(line: str, parts: list, other: str, other_parts: list) -> bool:
    """Each paragraph names someone the other does not: two subjects, not one."""
    names, other_names = _names(line, parts), _names(other, other_parts)
    return bool(names - other_names and other_names - names)


def _names(line: str, parts: list) -> frozenset[str]:
    """Capitalized words, the names a paragraph is about; a sentence's first word only
    when it is not a common English word ("Samsung shares", not "The shares")."""
    out = set()
    for start, end, _ in parts:
        found = _CAPITALIZED.finditer(line, start, end)
        out.update(m.group() for m in found
                   if m.start() > start or zipf(m.group()) < _COMMON_WORD_ZIPF)
    return frozenset(out)


def _sentences(line: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence of a line, found by searching for sentence ends
    alone (a lazy whole-sentence pattern costs ten times as much)."""
    end_of_text = len(line) - 1 if line.endswith("\n") else len(line)
    pos = 0
    while (first := _NON_SPACE.search(line, pos)) is not None:
        start = first.start()
        stop = _SENTENCE_END.search(line, start + 1)
        if stop is None:
            yield start, max(end_of_text, start + 1)
            return
        yield start, stop.end()
        pos = stop.end()
