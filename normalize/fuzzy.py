"""Near-miss spellings of known names ("Kishda Fumio", "Nvidea"), found through an index.

Candidates are capitalized runs of one to four words. Each is looked up through a
character-trigram index of every fuzzy-enabled spelling (q-gram lemma: k edits destroy
at most 3k trigrams), then verified with rapidfuzz's Levenshtein distance. Never a scan
of every entity for every span. Whether a hit is used is decided by the caller's gates.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from hashlib import blake2b
from operator import itemgetter
from typing import TypeVar

import regex
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from normalize.lexicon import zipf
from normalize.tables import Entity
from normalize.variants import Variant, is_romanized, romanization_drift

T = TypeVar("T")
_RUN = regex.compile(r"\p{Lu}[\p{L}\p{M}'’.-]*(?: \p{Lu}[\p{L}\p{M}'’.-]*){0,5}")
_TOKEN = regex.compile(r"\S+")
_MAX_WORDS = 4
_MIN_FUZZY = 5  # a run shorter than this allows no edit
_MEMO_SIZE = 100_000  # runs (and windows) remembered; cleared when full
_MISSING = object()
_MAX_PER_ENTITY = 8  # spellings indexed per entity: canonical, aliases, commonest derived
_ORDINARY_ZIPF = 3.0  # a lone word this common in English is never a typo of a name
_MIN_ORDINARY_WORDS = 3  # a name translated word by word: "Korea Union News Agency"
_STEM = 4  # letters at the start of a word that an inflection leaves alone
# Least similarity (1 - edits / letters) a near miss needs, by entity type.
MIN_SIMILARITY = {"person": 0.8, "organization": 0.8, "place": 0.85, "term": 0.9}


@lru_cache(maxsize=65536)
def _is_ordinary(word: str) -> bool:
    """A common English word; a hyphenated word ("Sang-mock") is a name part."""
    return word.isalpha() and zipf(word.casefold()) >= _ORDINARY_ZIPF


def allowed_edits(length: int) -> int:
    """Edits tolerated for a spelling of this many letters: none up to four letters.

    >>> [allowed_edits(n) for n in (4, 5, 8, 9, 16)]
    [0, 1, 1, 2, 3]
    """
    if length <= 4:
        return 0
    if length <= 8:
        return 1
    return 2 if length <= 15 else 3


_FOLD_TABLE = str.maketrans("", "", " \t\n'’.-‐‑")


def fold(text: str) -> str:
    """The comparison key: lower case, no spaces, hyphens, dots or apostrophes.

    >>> fold("Choi Sang-mok")
    'choisangmok'
    """
    return text.translate(_FOLD_TABLE).casefold()


def _trigrams(key: str) -> list[str]:
    padded = f"#{key}#"
    return [padded[i : i + 3] for i in range(len(padded) - 2)]


@dataclass(frozen=True, slots=True)
class FuzzyHit:
    start: int
    end: int
    entity: int
    confidence: float


class FuzzyIndex:
    """Every fuzzy-enabled spelling, indexed by trigram.

    Held as flat arrays (spellings, their entities, trigram postings, sorted hashes of
    every known spelling) so that a large index pickles and loads in a fraction of the
    time its derivation takes.
    """

    __slots__ = ("_keys", "_known", "_memo", "_owners", "_postings", "_types", "_windows")

    def __init__(self, entities: Sequence[Entity], variants: Sequence[Variant]) -> None:
        per_entity: Counter[int] = Counter()
        keys: dict[str, int] = {}
        for v in variants:
            if v.entity < 0 or not entities[v.entity].fuzzy or v.rule == "gated-alias":
                continue
            key = fold(v.text)
            if key in keys or per_entity[v.entity] >= _MAX_PER_ENTITY:
                continue
            keys[key] = v.entity
            per_entity[v.entity] += 1
        postings: dict[str, array] = {}
        for i, key in enumerate(keys):  # by first letter and length band
            shape = _shape(key[0], _band(len(key)))
            for g in set(_trigrams(key)):
                postings.setdefault(shape + g, array("I")).append(i)
        self._keys = list(keys)
        self._owners = array("I", keys.values())
        self._postings = postings
        self._types = tuple(e.type for e in entities)
        self._known = array("Q", sorted({_stable_hash(fold(v.text)) for v in variants}))
        self._memo: dict[str, tuple] = {}  # run -> its hits
        self._windows: dict[str, tuple | None] = {}  # window -> its match

    def __getstate__(self) -> tuple:
        return (self._keys, self._owners, self._postings, self._types, self._known)

    def __setstate__(self, state: tuple) -> None:
        self._keys, self._owners, self._postings, self._types, self._known = state
        self._memo, self._windows = {}, {}

    def _is_known(self, key: str) -> bool:
        h = _stable_hash(key)
        i = bisect_left(self._known, h)
        return i < len(self._known) and self._known[i] == h

    def find(self, text: str) -> Iterator[FuzzyHit]:
        """Near-miss spellings in ``text``, longest window first, never overlapping."""
        if not self._keys:
            return
        for run in _RUN.finditer(text):
            words = run.group()
            if len(words) < _MIN_FUZZY:
                continue  # too short to allow an edit
            found = _remembered(self._memo, words, self._in_run)
            if not found:
                continue
            base = run.start()
            for start, end, entity, confidence in found:
                yield FuzzyHit(base + start, base + end, entity, confidence)

    def _in_run(self, run: str) -> tuple[tuple[int, int, int, float], ...]:
        """Hits in one capitalized run, as offsets into the run. Runs recur across a
        corpus ("South Korean President"), so their results are remembered."""
        tokens = list(_TOKEN.finditer(run))
        hits = []
        i = 0
        while i < len(tokens):
            for size in range(min(_MAX_WORDS, len(tokens) - i), 0, -1):
                window = tokens[i : i + size]
                if any(_ends_sentence(t.group()) for t in window[:-1]):
                    continue  # "Oh Seeung-ye. O": a name does not run past a stop
                text = " ".join(t.group() for t in window)
                hit = _remembered(self._windows, text, self._match)
                if hit:
                    entity, confidence, length = hit
                    start = window[0].start()
                    hits.append((start, start + length, entity, confidence))
                    i += size
                    break
            else:
                i += 1
        return tuple(hits)

    def _match(self, window: str) -> tuple[int, float, int] | None:
        """(entity, similarity, length of the matched text) for a near miss in a window
        of words, or None."""
        words = window.split(" ")
        words[-1] = words[-1].rstrip(".'’")
        key = fold(" ".join(words))
        k = allowed_edits(len(key))
        ordinary = all(_is_ordinary(w) for w in words)
        if k == 0 or (ordinary and len(words) < _MIN_ORDINARY_WORDS) or self._is_known(key):
            return None
        found = tuple(self._candidates(key, k))
        if not found:
            return None
        choices = itemgetter(*found)(self._keys) if len(found) > 1 else (self._keys[found[0]],)
        near = process.extract(key, choices, scorer=Levenshtein.distance,
                               score_cutoff=k, limit=None)  # nearest first
        if not near:
            return None
        nearest, distance, _ = near[0]
        entities = {self._owners[found[j]] for _, d, j in near if d == distance}
        if len(entities) > 1:
            return None  # two entities are equally near: never guess
        if all(is_romanized(w) for w in words) and not romanization_drift(words, key,
                                                                          nearest):
            return None  # East Asian names differ by a syllable: "Wenhao" is not "Wentao"
        if ordinary and not inflected(words, key, nearest):
            return None  # a phrase of English words: only one word's ending may differ
        entity = entities.pop()
        similarity = 1 - distance / len(key)
        if similarity < MIN_SIMILARITY.get(self._types[entity], 0.9):
            return None
        return entity, round(similarity, 3), len(" ".join(words))

    def _candidates(self, key: str, k: int) -> set[int]:
        """Every spelling that can be within ``k`` edits of ``key`` (and some that are
        not). Within k edits, at least n - 3k of the n distinct trigrams survive, so a
        match must hold one of any 3k + 1 of them (prefix filter): only the 3k + 1
        shortest posting lists are read, never the long lists of common trigrams.
        Postings are kept per first letter and length band; a match shares the first
        letter and lies within k letters of the length, so in one or two bands."""
        grams = set(_trigrams(key))
        need = max(1, len(grams) - 3 * k)
        get = self._postings.get
        found: set[int] = set()
        for band in range(_band(len(key) - k), _band(len(key) + k) + 1):
            shape = _shape(key[0], band)
            lists = [p for g in grams if (p := get(shape + g))]
            if len(lists) < need:
                continue  # too few of its trigrams are in any spelling of this band
            lists.sort(key=len)
            for posting in lists[: len(lists) - need + 1]:  # absent ones count as read
                found.update(posting)
        return found


def inflected(words: Sequence[str], key: str, spelling: str) -> bool:
    """Whether ``key`` (the folded ``words``) differs from ``spelling`` only in the
    ending of one word, as a name translated word by word does ("Korea Union News
    Agency" for "Korean Union ...", "Industrial" for "Industry"), the first letters of
    that word kept.

    >>> inflected(["Korea", "Union", "News", "Agency"], "koreaunionnewsagency",
    ...           "koreanunionnewsagency")
    True
    >>> inflected(["Korea", "Trade", "Union"], "koreatradeunion", "koreatraceunion")
    False
    """
    lo, hi = _edited(key, spelling)
    return any(start + _STEM <= lo and hi <= end for start, end in _bounds(words))


def _bounds(words: Sequence[str]) -> list[tuple[int, int]]:
    """Where each word lies in the folded key."""
    out, end = [], 0
    for w in words:
        start, end = end, end + len(fold(w))
        out.append((start, end))
    return out


def _edited(key: str, spelling: str) -> tuple[int, int]:
    """The stretch of ``key`` that the edits into ``spelling`` touch."""
    edited = [(a, b) for op, a, b, _, _ in Levenshtein.opcodes(key, spelling).as_list()
              if op != "equal"]
    return (edited[0][0], edited[-1][1]) if edited else (0, -1)  # -1: nothing touched


def _remembered(memo: dict, key: str, compute: Callable[[str], T]) -> T:
    """``compute(key)``, looked up first; a full memo starts over (bounded memory).
    Capitalized runs and the windows in them recur across a corpus."""
    found = memo.get(key, _MISSING)  # one lookup: most keys have been seen
    if found is not _MISSING:
        return found
    if len(memo) >= _MEMO_SIZE:
        memo.clear()
    found = memo[key] = compute(key)
    return found


def _ends_sentence(token: str) -> bool:
    """A word and a stop ("Seeung-ye."), not an initial or a short abbreviation."""
    return token.endswith(".") and sum(c.islower() for c in token) >= 2


_BAND = 4  # letters per length band: more than the three edits ever allowed


def _band(length: int) -> int:
    return max(0, length) // _BAND


def _shape(first: str, band: int) -> str:
    """The posting-key prefix of spellings with this first letter and length band."""
    return f"{first}{band:x}/"


def _stable_hash(key: str) -> int:
    """A 64-bit hash that is the same in every process (``hash()`` is salted)."""
    return int.from_bytes(blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).digest(),
                          "little")
