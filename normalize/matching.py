"""Find known names and pair words in text and propose their canonical spelling.

One variant index (explicit aliases, derived variants, pair words) is scanned in one
pass with an Aho-Corasick automaton, then every hit is checked: whole words only,
longest hit wins, and a risky variant (a gated alias, a derived spelling that is an
ordinary word or a short lone token, a pair word that is also a real name) fires only
when a context word stands nearby.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate

import ahocorasick
import regex

from normalize.fuzzy import FuzzyIndex
from normalize.lexicon import zipf
from normalize.tables import Entity
from normalize.tracked import Edit
from normalize.variants import Variant, pinyin_syllables

# A derived single word at least this common in English (Zipf scale) is a real word.
_ORDINARY_WORD_ZIPF = 2.5
_CONTEXT_WINDOW = 250  # characters on each side searched for a context word
_CUE_WINDOW = 80
_WORD_CHAR = regex.compile(r"[\p{L}\p{M}\p{N}_]")
_MAX_CONTEXT_ROUNDS = 4
_FOREIGN_SYLLABLES = 4
_MIN_UNGATED_LONE = 6  # a lone derived word with no context words must be this long
_HYPHEN_LINK_BEFORE = regex.compile(r"\p{L}[-‐‑’']\Z")
_HYPHEN_LINK_AFTER = regex.compile(r"[-‐‑’']\p{L}")
_TOKEN_BEFORE = regex.compile(r"(?<![\p{L}\p{N}\-‐‑’'])(\p{Lu}\p{Ll}+) $")
_TOKEN_AFTER = regex.compile(r" (\p{Lu}\p{L}+)")
_CONFIDENCE = {"alias": 1.0, "compound": 1.0, "derived:pinyin": 0.95, "derived:hangul": 0.95}


@dataclass(frozen=True, slots=True)
class _Target:
    canonical: str
    rule: str  # why: alias | derived:pinyin | derived:hangul | compound
    gate: regex.Pattern | None  # a context word must match near the hit, if set
    name_like: bool = False  # the text must be capitalized, as a name is
    confidence: float = 1.0


@dataclass(frozen=True)
class NameMatcher:
    """Replace every known variant, and every near miss of a fuzzy-enabled one, with its
    canonical spelling."""

    entities: tuple[Entity, ...]
    variants: tuple[Variant, ...]
    pair_cues: tuple[str, ...] = ()
    pair_names: frozenset[str] = frozenset()
    pair_name_parts: frozenset[str] = frozenset()
    _automaton: ahocorasick.Automaton = field(init=False, repr=False, compare=False)
    _fuzzy: FuzzyIndex = field(init=False, repr=False, compare=False)
    _contexts: dict = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_contexts",
                           {i: _words_pattern(e.context) for i, e in enumerate(self.entities)})
        object.__setattr__(self, "_automaton", self._build())
        object.__setattr__(self, "_fuzzy", FuzzyIndex(self.entities, self.variants))

    def _build(self) -> ahocorasick.Automaton:
        targets: dict[str, _Target | None] = {}
        explicit: set[str] = set()
        contexts = self._contexts
        cue = _words_pattern(self.pair_cues)
        shared: dict[tuple, _Target] = {}  # one target object per distinct decision
        for v in self.variants:
            key = v.text.lower()
            decision = self._target(v, contexts, cue)
            if decision is None:
                continue
            target = shared.get(decision)
            if target is None:
                target = shared[decision] = _Target(*decision)
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

    def _target(self, v: Variant, contexts: dict, cue: regex.Pattern | None) -> tuple | None:
        """The fields of the target a variant gets, or None when it is never safe."""
        if v.rule == "compound":
            joined = v.text.replace("-", "").replace("'", "")
            risky = joined.casefold() in self.pair_names or _is_ordinary(joined)
            if risky and cue is None:
                return None
            return (v.canonical, "compound", cue if risky else None, True, 1.0)
        context = contexts.get(v.entity)
        if v.rule == "gated-alias":
            return (v.canonical, "alias", context, False, 1.0)
        if v.rule == "alias":
            return (v.canonical, "alias", None, False, 1.0)
        confidence = _CONFIDENCE[v.rule]
        lone = " " not in v.text
        # four or more syllables joined is a transliterated foreign name, never a
        # Chinese one ("Aiyinhuowen"): safe without context unless it is an English word
        foreign = lone and v.syllables >= _FOREIGN_SYLLABLES and not _is_ordinary(v.text)
        if not foreign and (_is_risky_derived(v.text) or (lone and context is not None)):
            if context is None:
                return None
            return (v.canonical, v.rule, context, True, confidence)
        if lone and len(v.text) < _MIN_UNGATED_LONE:
            return None
        return (v.canonical, v.rule, None, True, confidence)

    def __call__(self, text: str) -> Iterator[Edit]:
        hits = self._exact_hits(text)
        hits += self._fuzzy_hits(text, hits)
        return self._edits(text, hits)

    def exact(self, text: str) -> Iterator[Edit]:
        """The edits of the exact-variant scan alone, without fuzzy near misses."""
        return self._edits(text, self._exact_hits(text))

    def _exact_hits(self, text: str) -> list:
        if not len(self._automaton):
            return []
        lowered = _lower_same_length(text)
        hits = []
        for end, (length, target) in self._automaton.iter(lowered):
            start = end - length + 1
            if _is_whole_word(text, start, end + 1):
                hits.append((start, end + 1, target))
        return [h for h in hits if self._plausible(text, *h)]

    def _edits(self, text: str, hits: list) -> Iterator[Edit]:
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        # A fix can supply the context word another fix needs ("Yoon" for a lone
        # derived spelling): repeat until nothing new is accepted, so that running on
        # the output finds nothing left to do.
        accepted: list[tuple[int, int, _Target]] = []
        for _ in range(_MAX_CONTEXT_ROUNDS):
            chosen = self._choose(text, hits, accepted)
            if chosen == accepted:
                break
            accepted = chosen
        for start, end, target in accepted:
            span = text[start:end]
            if span == target.canonical or _is_shouted(span, target.canonical):
                continue
            kind = "compound" if target.rule == "compound" else "alias"
            yield Edit(start, end, target.canonical, f"{target.rule}:{target.canonical}", kind,
                       confidence=round(target.confidence * (0.9 if target.gate else 1.0), 3))

    def _fuzzy_hits(self, text: str, exact: list) -> list:
        """Near misses outside every exact hit, gated by the entity's context words."""
        if not self.entities:
            return []
        taken = sorted((s, e) for s, e, _ in exact)
        starts = [s for s, _ in taken]
        reach = list(accumulate((e for _, e in taken), max))  # furthest end so far
        out = []
        for hit in self._fuzzy.find(text):
            k = bisect_left(starts, hit.end) - 1  # the last exact hit starting before
            if k >= 0 and reach[k] > hit.start:
                continue  # overlaps an exact hit
            entity = self.entities[hit.entity]
            target = _Target(entity.canonical, "fuzzy", self._contexts.get(hit.entity),
                             name_like=True, confidence=hit.confidence)
            out.append((hit.start, hit.end, target))
        return out

    def _plausible(self, text: str, start: int, end: int, target: _Target) -> bool:
        if target.name_like and not text[start : start + 1].isupper():
            return False
        return target.rule != "compound" or self._reads_as_pair(text, start, end)

    @staticmethod
    def _choose(text: str, hits: list, accepted: list) -> list:
        """Leftmost-longest non-overlapping hits whose gate is open, given the canonical
        names that the previous round accepted."""
        fixed = [(s, e, t.canonical) for s, e, t in accepted]
        chosen = []
        last_end = -1
        for start, end, target in hits:
            if start < last_end:
                continue
            if target.gate is not None and not _near(text, start, end, target, fixed):
                continue
            chosen.append((start, end, target))
            last_end = end
        return chosen

    def _reads_as_pair(self, text: str, start: int, end: int) -> bool:
        """Not part of a longer name: "Li Hanmei", "Zhonghe District", "Mei-Ri-Han"."""
        if _HYPHEN_LINK_BEFORE.match(text[max(0, start - 2) : start]) or \
                _HYPHEN_LINK_AFTER.match(text, end):
            return False
        before = _TOKEN_BEFORE.search(text, max(0, start - 40), start)
        if before and before.group(1).casefold() in pinyin_syllables():
            return False
        after = _TOKEN_AFTER.match(text, end)
        return not (after and after.group(1) in self.pair_name_parts)

    def __reduce__(self):
        return (NameMatcher, (self.entities, self.variants, self.pair_cues, self.pair_names,
                             self.pair_name_parts))


def _near(text: str, start: int, end: int, target: _Target,
          fixed: list[tuple[int, int, str]]) -> bool:
    """A context word within the window, in the text or in a name fixed nearby."""
    window = _CUE_WINDOW if target.rule == "compound" else _CONTEXT_WINDOW
    lo, hi = max(0, start - window), min(len(text), end + window)
    nearby = []
    for k in range(bisect_left(fixed, (lo,)), len(fixed)):  # fixed is sorted by start
        s, e, c = fixed[k]
        if s > hi:
            break
        if e <= hi and (s, e) != (start, end):
            nearby.append(c)
    return target.gate.search(" ".join([text[lo:start], text[end:hi], *nearby])) is not None


def _words_pattern(words: Sequence[str]) -> regex.Pattern | None:
    return _compiled_words(tuple(words))


@lru_cache(maxsize=4096)
def _compiled_words(words: tuple[str, ...]) -> regex.Pattern | None:
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


def _is_ordinary(word: str) -> bool:
    return " " not in word and zipf(word.casefold()) >= _ORDINARY_WORD_ZIPF


def _is_risky_derived(text: str) -> bool:
    """A derived lone word that is short or an English word could be honest text."""
    if " " in text:
        return any(zipf(w.casefold()) >= 5.0 for w in text.split())  # "Fan Ding" ok
    return len(text) <= 4 or _is_ordinary(text)
