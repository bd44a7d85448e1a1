"""Near-miss spellings of known names ("Kishda Fumio", "Nvidea"), found through an index.

Candidates are capitalized runs of one to four words, and runs through the lower-case
words that join the words of an indexed spelling ("Ministry of Trade, Industy and
Energy" through "of" and "and"). Each is looked up through a
character-trigram index of every fuzzy-enabled spelling (q-gram lemma: k edits destroy
at most 3k trigrams), then verified with rapidfuzz's Levenshtein distance. Never a scan
of every entity for every span. Whether a hit is used is decided by the caller's gates.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
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
_WORD = r"\p{Lu}[\p{L}\p{M}'’.-]*"
_RUN = regex.compile(rf"{_WORD}(?: {_WORD}){{0,5}}")
_TOKEN = regex.compile(r"\S+")
_MAX_WORDS = 4
_LONGEST_GAP = 24  # characters of joining words between two capitalized runs
_MIN_FUZZY = 5  # a run shorter than this allows no edit
_MEMO_SIZE = 100_000  # runs (and windows) remembered; cleared when full
_MISSING = object()
_MAX_PER_ENTITY = 8  # spellings indexed per entity: canonical, aliases, commonest derived
_ORDINARY_ZIPF = 3.0  # a lone word this common in English is never a typo of a name
_SURNAME_ZIPF = 2.0  # a name word English text uses this often is a name of its own
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

    __slots__ = ("_joined", "_keys", "_known", "_memo", "_owners", "_postings", "_types",
                 "_windows")

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
        self._joined = _joined_runs({joined_shape(v.text) for v in variants
                                     if fold(v.text) in keys} - {()})
        self._memo: dict[str, tuple] = {}  # run -> its hits
        self._windows: dict[str, tuple | None] = {}  # window -> its match

    def __getstate__(self) -> tuple:
        return (self._keys, self._owners, self._postings, self._types, self._known,
                self._joined)

    def __setstate__(self, state: tuple) -> None:
        (self._keys, self._owners, self._postings, self._types, self._known,
         self._joined) = state
        self._memo, self._windows = {}, {}

    def _is_known(self, key: str) -> bool:
        h = _stable_hash(key)
        i = bisect_left(self._known, h)
        return i < len(self._known) and self._known[i] == h

    def find(self, text: str) -> Iterator[FuzzyHit]:
        """Near-miss spellings in ``text``, longest window first, never overlapping."""
        if not self._keys:
            return
        runs = [(m.start(), m.group()) for m in _RUN.finditer(text)]
        hits = list(self._hits(runs))
        if self._joined is not None and len(runs) > 1:
            joined = list(self._hits(_chains(runs, text, self._joined[0])))
            if joined:  # longer than any plain hit they overlap
                hits = sorted([*joined, *(h for h in hits if not any(
                    j.start < h.end and h.start < j.end for j in joined))],
                    key=lambda h: h.start)
        yield from hits

    def _hits(self, runs: Iterable[tuple[int, str]]) -> Iterator[FuzzyHit]:
        for base, words in runs:
            if len(words) < _MIN_FUZZY:
                continue  # too short to allow an edit
            found = _remembered(self._memo, words, self._in_run)
            if not found:
                continue
            for start, end, entity, confidence in found:
                yield FuzzyHit(base + start, base + end, entity, confidence)

    def _in_run(self, run: str) -> tuple[tuple[int, int, int, float], ...]:
        """Hits in one capitalized run, as offsets into the run. Runs recur across a
        corpus ("South Korean President"), so their results are remembered. A run
        through joining words tries only the windows that hold one: the plain runs
        around them try the rest."""
        tokens = list(_TOKEN.finditer(run))
        shapes = None
        if self._joined and not all(t.group()[0].isupper() for t in tokens):
            shapes = self._joined[1]
        hits = []
        i = 0
        while i < len(tokens):
            sizes = (range(min(_MAX_WORDS, len(tokens) - i), 0, -1) if shapes is None
                     else _joined_sizes(tokens, i, shapes))
            for size in sizes:
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
        words[-1] = words[-1].rstrip(".,'’")
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
        if not all(w[:1].isupper() for w in words) and not (
                _misspelled(words, key, nearest) or inflected(words, key, nearest)):
            return None  # through "of": "Ministry of Industry of Kenya" is no "Korea"
        entity = entities.pop()
        if self._types[entity] == "person" and _another_surname(words, key, nearest):
            return None
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


def joined_shape(spelling: str) -> tuple[str, ...]:
    """How a spelling joins its capitalized words with lower-case ones: each
    capitalized word as '', each joining word as itself; () if it has none.

    >>> joined_shape("Ministry of Trade, Industry and Energy"), joined_shape("SK hynix")
    (('', 'of', '', '', 'and', ''), ())
    """
    words = spelling.split(" ")
    capitals = [i for i, w in enumerate(words) if w[:1].isupper()]
    if len(capitals) < 2:
        return ()
    shape = tuple("" if w[:1].isupper() else w
                  for w in words[capitals[0] : capitals[-1] + 1])
    if all(shape) or not all(w.isalpha() and w.islower() for w in shape if w):
        return ()  # no joining word, or a symbol ("&") that no run goes through
    return shape


def _joined_runs(shapes: set[tuple[str, ...]]
                 ) -> tuple[regex.Pattern, frozenset[tuple[str, ...]]] | None:
    """What may stand between two capitalized runs of one joined run (", ", " of ",
    " of the "), and the shape of each spelling that joins its words; None if none
    does."""
    if not shapes:
        return None
    joiners = {w for shape in shapes for w in shape if w}
    joiner = "|".join(sorted(map(regex.escape, joiners), key=len, reverse=True))
    return regex.compile(rf",? (?:(?:{joiner}) )*"), frozenset(shapes)


def _chains(runs: list[tuple[int, str]], text: str, gap: regex.Pattern
            ) -> Iterator[tuple[int, str]]:
    """The capitalized runs linked through joining words, as longer runs; only those
    that hold a joining word (the plain runs are tried already)."""
    first = last = runs[0]
    joined = False
    for run in [*runs[1:], None]:
        between = text[last[0] + len(last[1]) : run[0]] if run else ""
        if run and len(between) <= _LONGEST_GAP and gap.fullmatch(between):
            joined = joined or between.strip(", ") != ""
            last = run
            continue
        if joined:
            yield first[0], text[first[0] : last[0] + len(last[1])]
        first = last = run
        joined = False


def _joined_sizes(tokens: list, i: int, shapes: frozenset[tuple[str, ...]]) -> list[int]:
    """The sizes of the windows of a run through joining words that start at token
    ``i``, longest first: up to four capitalized words, shaped as some spelling is (a
    near miss changes only capitalized words: "of" stays "of", no word comes or goes)."""
    if not tokens[i].group()[0].isupper():
        return []
    ends, capitals, shape = [], 0, []
    for j in range(i, len(tokens)):
        word = tokens[j].group()
        if not word[0].isupper():
            shape.append(word)
            continue
        shape.append("")
        capitals += 1
        if capitals > _MAX_WORDS:
            break
        if tuple(shape) in shapes:
            ends.append(j)
    return [j - i + 1 for j in reversed(ends)]


def _misspelled(words: Sequence[str], key: str, spelling: str) -> bool:
    """Whether every word the edits into ``spelling`` touch is a misspelling, not an
    English word: across "of" and "and", another word makes another name."""
    touched = _touched(words, key, spelling)
    return bool(touched) and not any(_is_ordinary(w) for w in touched)


def _another_surname(words: Sequence[str], key: str, spelling: str) -> bool:
    """Whether the edits into a person's ``spelling`` change the last word into a
    surname of its own ("Mark Rutten", "Mark Rutter" for Mark Rutte): English text
    knows it, where it knows no misspelling ("Rutteh"). A given name may drift
    ("Jenson Huang"); Chinese and Korean name words are left to the romanization rules.

    >>> _another_surname(["Mark", "Rutten"], "markrutten", "markrutte")
    True
    >>> _another_surname(["Mark", "Rutteh"], "markrutteh", "markrutte")
    False
    """
    last = words[-1].strip(",.'’")
    return last in _touched(words, key, spelling) and not is_romanized(last) and \
        zipf(last.casefold()) >= _SURNAME_ZIPF


def _touched(words: Sequence[str], key: str, spelling: str) -> list[str]:
    """The words (without punctuation) that the edits from ``key`` into ``spelling``
    change."""
    lo, hi = _edited(key, spelling)
    hi = max(hi, lo + 1)  # an insertion belongs to the word it lands in
    return [w.strip(",.'’") for w, (start, end) in zip(words, _bounds(words))
            if start < hi and lo < end]


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
