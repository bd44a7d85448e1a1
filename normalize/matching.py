"""Find known names and pair words in text and propose their canonical spelling.

One variant index (explicit aliases, derived variants, pair words) is scanned in one
pass with an Aho-Corasick automaton, then every hit is checked: whole words only,
longest hit wins, and a risky variant (a gated alias, a derived spelling that is an
ordinary word or a short lone token, a pair word that is also a real name) fires only
when a context word stands nearby.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import ahocorasick
import regex
from wordfreq import zipf_frequency

from normalize.tables import Entity
from normalize.tracked import Edit
from normalize.variants import Variant

# A derived single word at least this common in English (Zipf scale) is a real word.
_ORDINARY_WORD_ZIPF = 2.5
_CONTEXT_WINDOW = 250  # characters on each side searched for a context word
_CUE_WINDOW = 80
_WORD_CHAR = regex.compile(r"[\p{L}\p{M}\p{N}_]")
_CONFIDENCE = {"alias": 1.0, "compound": 1.0, "derived:pinyin": 0.95, "derived:hangul": 0.95}


@dataclass(frozen=True, slots=True)
class _Target:
    canonical: str
    rule: str  # why: alias | derived:pinyin | derived:hangul | compound
    gate: regex.Pattern | None  # a context word must match near the hit, if set


@dataclass(frozen=True)
class ExactNames:
    """Replace every known variant with its canonical spelling (whole words, any case)."""

    entities: tuple[Entity, ...]
    variants: tuple[Variant, ...]
    pair_cues: tuple[str, ...] = ()
    pair_names: frozenset[str] = frozenset()
    _automaton: ahocorasick.Automaton = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_automaton", self._build())

    def _build(self) -> ahocorasick.Automaton:
        targets: dict[str, _Target | None] = {}
        explicit: set[str] = set()
        contexts = {i: _words_pattern(e.context) for i, e in enumerate(self.entities)}
        cue = _words_pattern(self.pair_cues)
        for v in self.variants:
            key = v.text.lower()
            target = self._target(v, contexts, cue)
            if target is None:
                continue
            is_explicit = v.rule in ("alias", "gated-alias")
            if key in targets and targets[key] is not None:
                prior = targets[key]
                if prior.canonical == target.canonical:
                    continue
                if key in explicit and not is_explicit:
                    continue  # an explicit alias outranks a derived spelling
                if is_explicit == (key in explicit):
                    targets[key] = None  # two entities claim it: ambiguous, never fix
                    continue
            targets[key] = target
            if is_explicit:
                explicit.add(key)
        automaton = ahocorasick.Automaton()
        for key, target in targets.items():
            if target is not None:
                automaton.add_word(key, (len(key), target))
        if len(automaton):
            automaton.make_automaton()
        return automaton

    def _target(self, v: Variant, contexts: dict, cue: regex.Pattern | None) -> _Target | None:
        if v.rule == "compound":
            risky = v.text.casefold() in self.pair_names or _is_ordinary(v.text)
            if risky and cue is None:
                return None
            return _Target(v.canonical, "compound", cue if risky else None)
        context = contexts.get(v.entity)
        if v.rule == "gated-alias":
            return _Target(v.canonical, "alias", context)
        if v.rule == "alias":
            return _Target(v.canonical, "alias", None)
        if _is_risky_derived(v.text):
            if context is None:
                return None
            return _Target(v.canonical, v.rule, context)
        return _Target(v.canonical, v.rule, None)

    def __call__(self, text: str) -> Iterator[Edit]:
        if not len(self._automaton):
            return
        lowered = _lower_same_length(text)
        hits = []
        for end, (length, target) in self._automaton.iter(lowered):
            start = end - length + 1
            if _is_whole_word(text, start, end + 1):
                hits.append((start, end + 1, target))
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        last_end = -1
        for start, end, target in hits:
            if start < last_end:
                continue
            span = text[start:end]
            if target.gate is not None and not _near(text, start, end, target.gate, target):
                continue
            last_end = end
            if span == target.canonical or _is_shouted(span, target.canonical):
                continue
            kind = "compound" if target.rule == "compound" else "alias"
            yield Edit(start, end, target.canonical, f"{target.rule}:{target.canonical}", kind,
                       confidence=_CONFIDENCE[target.rule] * (0.9 if target.gate else 1.0))

    def __reduce__(self):
        return (ExactNames, (self.entities, self.variants, self.pair_cues, self.pair_names))


def _near(text: str, start: int, end: int, gate: regex.Pattern, target: _Target) -> bool:
    window = _CUE_WINDOW if target.rule == "compound" else _CONTEXT_WINDOW
    lo, hi = max(0, start - window), min(len(text), end + window)
    return gate.search(text[lo:start] + " " + text[end:hi]) is not None


def _words_pattern(words: Sequence[str]) -> regex.Pattern | None:
    if not words:
        return None
    body = "|".join(regex.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len,
                                                                          reverse=True))
    return regex.compile(rf"(?<![\p{{L}}\p{{N}}])(?:{body})(?![\p{{L}}\p{{N}}])", regex.I)


def _is_whole_word(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    return not (before and _WORD_CHAR.match(before)) and not (after and _WORD_CHAR.match(after))


def _is_shouted(span: str, canonical: str) -> bool:
    """An all-capitals headline keeps its style: 'YIN XILIE' is not rewritten."""
    long_word = any(len(w) >= 4 for w in regex.findall(r"\p{L}+", span))
    return long_word and span.isupper() and not canonical.isupper()


def _lower_same_length(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


@lru_cache(maxsize=65536)
def _zipf(word: str) -> float:
    return zipf_frequency(word, "en")


def _is_ordinary(word: str) -> bool:
    return " " not in word and _zipf(word.casefold()) >= _ORDINARY_WORD_ZIPF


def _is_risky_derived(text: str) -> bool:
    """A derived lone word that is short or an English word could be honest text."""
    if " " in text:
        return any(_zipf(w.casefold()) >= 5.0 for w in text.split())  # "Fan Ding" ok
    return len(text) <= 4 or _is_ordinary(text)
