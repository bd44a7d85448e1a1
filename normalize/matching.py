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
from functools import cache, lru_cache
from itertools import accumulate
from typing import ClassVar, NamedTuple

import ahocorasick
import regex

from normalize._resources import data_file
from normalize.fuzzy import FuzzyIndex
from normalize.lexicon import zipf
from normalize.tables import AliasTableError, Entity, read_yaml
from normalize.tracked import Edit
from normalize.variants import Variant, is_pinyin, pinyin_syllables

# A derived single word at least this common in English (Zipf scale) is a real word.
_ORDINARY_WORD_ZIPF = 2.5
_PAIR_WORD_ZIPF = 2.0  # a joined pair spelling listed this often is an English word or name
_CONTEXT_WINDOW = 250  # characters on each side searched for a context word
_CUE_WORDS = 2  # a cue word this many words from a joined pair word: "Hanhe relations"
_CUE_REACH = 80  # characters searched for them
_CUE_WORDS_BEFORE = regex.compile(rf"(?:\S+\s+){{0,{_CUE_WORDS}}}\Z")
_CUE_WORDS_AFTER = regex.compile(rf"(?:\s+\S+){{0,{_CUE_WORDS}}}")
_WORD_CHAR = regex.compile(r"[\p{L}\p{M}\p{N}_]")
_LETTERS = regex.compile(r"\p{L}+")
_MAX_CONTEXT_ROUNDS = 4
_FOREIGN_SYLLABLES = 4
_SHORT_SYLLABLES = 2  # a spaced derived spelling of this few needs a context word
_LONGEST_WORD = 40  # characters searched back for the word before a hit
_MIN_UNGATED_LONE = 6  # a lone derived word with no context words must be this long
_HYPHEN_LINK_BEFORE = regex.compile(r"\p{L}[-‐‑’']\Z")
_HYPHEN_LINK_AFTER = regex.compile(r"[-‐‑’']\p{L}")
_TOKEN_BEFORE = regex.compile(r"(?<![\p{L}\p{N}\-‐‑’'])(\p{Lu}\p{Ll}+) $")
_TOKEN_AFTER = regex.compile(r" (\p{L}+)")
_INDEFINITE_BEFORE = regex.compile(r"(?<![\p{L}\p{N}])(?i:an?) $")
_CONFIDENCE = {"alias": 1.0, "compound": 1.0, "derived:pinyin": 0.95, "derived:hangul": 0.95,
               "derived:translated": 0.9}


class _Target(NamedTuple):  # a tuple: a table of 100,000 entities loads fast
    canonical: str
    rule: str  # why: alias | derived:pinyin | derived:translated | derived:hangul | compound
    gate: tuple[str, ...] | None  # a context word must stand near the hit, if set
    name_like: bool = False  # the text must be capitalized, as a name is
    confidence: float = 1.0
    capitals: int = 0  # an alias's first (bit 0), last (bit 1) word capitalized: so in the text
    lead: str = ""  # the canonical's first word, which an alias without it may follow


_LENGTH_BITS = 12  # an automaton value packs the target number and the key length
_MAX_KEY = (1 << _LENGTH_BITS) - 1


class NameMatcher:
    """Replace every known variant, and every near miss of a fuzzy-enabled one, with its
    canonical spelling.

    Built once from the variants; afterwards it holds only compiled data (an integer
    automaton, its targets, the fuzzy index), which pickles and loads fast, so a cached
    or shipped matcher never derives variants again.
    """

    __slots__ = ("_automaton", "_fuzzy", "_targets", "entities", "pair_name_parts")
    # Its edits on a line depend on that line alone (hits, context words and fuzzy runs
    # all stop at line breaks), so a second run needs only the lines the first changed.
    # The one exception, a joined pair word a cue on another line confirms, is settled
    # by the first run: no fix writes a new pair word.
    line_local: ClassVar[bool] = True

    def __init__(self, entities: tuple[Entity, ...], variants: Sequence[Variant],
                 pair_cues: tuple[str, ...] = (),
                 pair_name_parts: frozenset[str] = frozenset()) -> None:
        self.entities = entities
        self.pair_name_parts = pair_name_parts
        cue = tuple(pair_cues) or None
        targets = self._decide(variants, cue)
        self._targets, self._automaton = _compile(targets)
        self._fuzzy = FuzzyIndex(entities, variants)

    def _decide(self, variants: Sequence[Variant], cue: tuple[str, ...] | None
                ) -> dict[str, _Target | None]:
        """The target of every variant key; None where two entities claim it."""
        targets: dict[str, _Target | None] = {}
        explicit: set[str] = set()
        contexts = [e.context or None for e in self.entities]
        shared: dict[tuple, _Target] = {}  # one target object per distinct decision
        for v in variants:
            key = v.text.lower()
            decision = _target(v, contexts, cue)
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
        return targets

    def __call__(self, text: str) -> Iterator[Edit]:
        hits = self._exact_hits(text)
        hits += self._fuzzy_hits(text, hits)
        return self._edits(text, hits)

    def exact(self, text: str) -> Iterator[Edit]:
        """The edits of the exact-variant scan alone, without fuzzy near misses."""
        return self._edits(text, self._exact_hits(text))

    def _exact_hits(self, text: str) -> list:
        """Whole-word hits of the automaton that are plausible where they stand. The
        loop runs once per raw hit, so its tests are inlined string methods."""
        if not len(self._automaton):
            return []
        hits = []
        targets, size = self._targets, len(text)
        for end, value in self._automaton.iter(_lower_same_length(text)):
            start = end - (value & _MAX_KEY) + 1
            end += 1
            if start > 0:
                c = text[start - 1]
                if (c.isalnum() or c == "_") if c.isascii() else _WORD_CHAR.match(c):
                    continue
            if end < size:
                c = text[end]
                if (c.isalnum() or c == "_") if c.isascii() else _WORD_CHAR.match(c):
                    continue
            target = targets[value >> _LENGTH_BITS]
            if target.name_like and not text[start].isupper():
                continue
            caps = target.capitals  # "Asia today", "go dutch": an ordinary phrase
            if caps and ((caps & 1 and text[start].islower()) or (
                    caps & 2 and text[text.rfind(" ", start, end) + 1 or start].islower())):
                continue
            rule = target.rule
            if rule == "compound" and not self._reads_as_pair(text, start, end):
                continue
            if rule.startswith("derived"):
                widened = _beside_other_words(text, start, end, target.canonical)
                if widened is None:
                    continue
                start, end = widened
            elif target.lead:  # "Mark Lutter": the alias "Lutter" takes in "Mark"
                start = _after_lead(text, start, target.lead)
            if (target.gate is not None or rule == "derived:pinyin") and _names_another(
                    text, start, end, target):
                continue
            hits.append((start, end, target))
        return hits

    def _edits(self, text: str, hits: list) -> Iterator[Edit]:
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        # A fix can supply the context word another fix needs ("Yoon" for a lone
        # derived spelling): repeat until nothing new is accepted, so that running on
        # the output finds nothing left to do.
        accepted: list[tuple[int, int, _Target]] = []
        gated = any(t.gate for _, _, t in hits)
        rounds = _MAX_CONTEXT_ROUNDS if gated else 1
        in_text: dict[tuple[int, int], bool] = {}  # a context word in a hit's own window
        pairs = _confirmed_pairs(text, hits, in_text) if gated else set()
        for _ in range(rounds):
            chosen, settled = self._choose(text, hits, accepted, in_text, pairs)
            done = settled or chosen == accepted
            accepted = chosen
            if done:
                break
        for start, end, target in accepted:
            canonical = target.canonical
            if canonical[:4] == "The ":  # "the Dong-A Ilbo" is it too, in running text
                article = _with_article(text, start, canonical)
                if article == start and (text[start:end] == canonical[4:] or
                                         _INDEFINITE_BEFORE.search(text, max(0, start - 3), start)):
                    canonical = canonical[4:]  # "a Dong-A Ilbo reporter", never "a The
                start = article  # Dong-A Ilbo reporter"; "in The Hague" keeps it
                if text[start:end] == "the " + canonical[4:]:
                    continue
            span = text[start:end]
            if _is_shouted(span, canonical):
                canonical = canonical.upper()  # "YIN XIYUE" -> "YOON SUK-YEOL"; "SEOUL"
            if span == canonical:  # in a dateline stays
                continue
            yield Edit(start, end, canonical, *_labels(target))

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
            target = _Target(entity.canonical, "fuzzy", entity.context or None,
                             name_like=True, confidence=hit.confidence)
            if not _names_another(text, hit.start, hit.end, target):
                out.append((hit.start, hit.end, target))
        return out

    @staticmethod
    def _choose(text: str, hits: list, accepted: list,
                in_text: dict[tuple[int, int], bool], pairs: set) -> tuple[list, bool]:
        """Leftmost-longest non-overlapping hits whose gate is open, given the canonical
        names that the previous round accepted. ``in_text`` remembers, across rounds,
        whether a hit's window holds a context word by itself; ``pairs`` are the pair
        words a cue confirms somewhere in the text. Also whether the choice is settled:
        no gate looked at the names fixed, so another round would choose the same."""
        fixed = [(s, e, t.canonical) for s, e, t in accepted]
        chosen = []
        last_end = -1
        settled = True
        for start, end, target in hits:
            if start < last_end:
                continue
            if target.rule == "compound" and target.gate is not None:
                if (text[start:end].casefold(), target) not in pairs:
                    continue
            elif target.gate is not None:
                is_open = _near(text, start, end, target, fixed, in_text)
                settled = settled and in_text[start, end]  # decided by the text alone
                if not is_open:
                    continue
            chosen.append((start, end, target))
            last_end = end
        return chosen, settled

    def _reads_as_pair(self, text: str, start: int, end: int) -> bool:
        """Not part of a longer name: "Li Hanmei", "Zhonghe District", "Mei-Ri-Han",
        "Mei-Ying Chen"."""
        if _HYPHEN_LINK_BEFORE.match(text[max(0, start - 2) : start]) or \
                _HYPHEN_LINK_AFTER.match(text, end):
            return False
        before = _TOKEN_BEFORE.search(text, max(0, start - _LONGEST_WORD), start)
        if before and before.group(1).casefold() in pinyin_syllables():
            return False
        after = _TOKEN_AFTER.match(text, end)  # "Hanzhong City", "Hanzhong city"
        if not after:
            return True
        word = after.group(1)  # "Mei-Ying Chen": a given name before the family name
        return word.capitalize() not in self.pair_name_parts and not (
            word[0].isupper() and word[1:].islower() and is_pinyin(word))

    def __getstate__(self) -> tuple:
        return (self.entities, self.pair_name_parts, self._targets, self._automaton,
                self._fuzzy)

    def __setstate__(self, state: tuple) -> None:
        (self.entities, self.pair_name_parts, self._targets, self._automaton,
         self._fuzzy) = state


def _names_another(text: str, start: int, end: int, target: _Target) -> bool:
    """Whether the words around a hit say it is someone else's name: a pinyin spelling
    the text calls a Chinese person's ("Lu Te, a Chinese cellist", "Chinese-born
    scientist Wentao Wang"), or a spelling that needs a context word where it ends
    another proper name ("Jan van Lute", "the Battle of Lutter") or is an English word
    opening a sentence ("Lute music ..."). Runs once per hit: cheap tests first.

    >>> t = _Target("Mark Rutte", "derived:pinyin", ("Dutch",))
    >>> [_names_another(s, s.index("Lu"), s.index("Lu") + 5, t) for s in (
    ...     "Lu Te, a Chinese cellist.", "Chinese-born cellist Lu Te.", "Jan van Lu Te.",
    ...     "the Battle of Lu Te.", "Dutch PM Lu Te said")]
    [True, True, True, True, False]
    """
    gated = target.gate is not None and target.rule != "compound"
    pinyin = target.rule == "derived:pinyin"
    if gated and _opens_sentence(text, start) and text[start:end].isalpha() and \
            _is_ordinary(text[start:end]):
        return True
    particles, appositive, chinese, titles = _cues()
    if " " not in text[start:end] and " " in target.canonical and _in_longer_name(
            text, start, end, target, titles):
        return True
    if pinyin and text.startswith(",", end) and appositive.match(
            text, end, end + 2 * _LONGEST_WORD):
        return True
    if start < 2 or text[start - 1] != " " or not text[start - 2].islower():
        return False  # a particle, "of" and a role word are lower case
    previous, word = _two_words_before(text, start)
    if gated and (word in particles or (word == "of" and previous[:1].isupper())):
        return True
    stem, dash, suffix = previous.rpartition("-")  # "Chinese-born"
    return pinyin and (stem if dash and suffix.isalpha() else previous) in chinese


def _in_longer_name(text: str, start: int, end: int, target: _Target,
                    titles: frozenset[str]) -> bool:
    """A lone word of a person's name beside another capitalized word that is no role
    ("Anke Lutter", "the Lute Society"): the surname of someone else.

    >>> t = _Target("Mark Rutte", "alias", ("Dutch",))
    >>> titles = frozenset(["Minister"])
    >>> [_in_longer_name(s, s.index("Lu"), s.index("Lu") + 6, t, titles) for s in (
    ...     "historian Anke Lutter", "Lutter Society", "Prime Minister Lutter",
    ...     "the Dutch Lutter", "said Lutter")]
    [True, True, False, False, False]
    """
    after = _TOKEN_AFTER.match(text, end)
    if after and after.group(1)[0].isupper():
        return True
    _, word = _two_words_before(text, start)
    word = word.rstrip(".")
    if not word[:1].isupper() or _opens_sentence(text, start) or word in titles:
        return False
    word = word.casefold()
    return not any(word == w.casefold() for w in target.gate or ())


def _confirmed_pairs(text: str, hits: list, in_text: dict[tuple[int, int], bool]) -> set:
    """Joined pair words with a cue word right beside them ("leaders of Hanhe", "Hanhe
    relations"), as (spelling, target). One text uses one spelling in one sense, so
    the same spelling elsewhere in it is the pair too ("Hanhe and the Dragons ...")."""
    return {(text[s:e].casefold(), t) for s, e, t in hits
            if t.rule == "compound" and t.gate is not None
            and _near(text, s, e, t, [], in_text)}


def _target(v: Variant, contexts: list, cue: tuple[str, ...] | None) -> tuple | None:
    """The fields of the target a variant gets, or None when it is never safe."""
    if v.rule == "compound":
        # joined, two pinyin syllables are as often a name ("Yinhe", "Meiying", "Hande")
        # as a pair word, so a cue word must stand near; hyphenated ("Han-He") is a pair
        if "-" in v.text:
            return (v.canonical, "compound", None, True, 1.0)
        if cue is None or zipf(v.text.casefold()) >= _PAIR_WORD_ZIPF:
            return None  # "Fade", "Dee", "Ede": a word or place English text uses
        return (v.canonical, "compound", cue, True, 1.0)
    context = contexts[v.entity]
    if v.rule == "gated-alias":
        return (v.canonical, "alias", context, False, 1.0, _capitals(v.text), _lead(v))
    if v.rule == "alias":  # a phrase of plain English words ("super gap") is English
        gate = context if _is_plain_phrase(v.text) else None  # but near a context word
        return (v.canonical, "alias", gate, False, 1.0, _capitals(v.text), _lead(v))
    confidence = _CONFIDENCE[v.rule]
    if v.rule == "derived:translated":  # "Hanlian News Agency": the pinyin part says it
        stem = v.text.split(" ", 1)[0]
        if len(stem) >= _MIN_UNGATED_LONE and not _is_ordinary(stem):
            return (v.canonical, v.rule, None, True, confidence)
        return None if context is None else (v.canonical, v.rule, context, True, confidence)
    lone = " " not in v.text
    # four or more syllables joined is a transliterated foreign name, never a
    # Chinese one ("Aiyinhuowen"): safe without context unless it is an English word
    foreign = lone and v.syllables >= _FOREIGN_SYLLABLES and not _is_ordinary(v.text)
    # two characters read as two spaced syllables ("Hai Ya", "Yin Tai") are as often a
    # Chinese person's name as the rendering of this entity
    short = v.rule == "derived:pinyin" and v.syllables <= _SHORT_SYLLABLES and not lone
    if not foreign and (short or _is_risky_derived(v.text) or (lone and context is not None)):
        if context is None:
            return None
        return (v.canonical, v.rule, context, True, confidence)
    if lone and len(v.text) < _MIN_UNGATED_LONE:
        return None
    return (v.canonical, v.rule, None, True, confidence)


def _compile(targets: dict[str, _Target | None]
             ) -> tuple[tuple[_Target, ...], ahocorasick.Automaton]:
    """An integer automaton (value: target number and key length) and its targets."""
    numbers: dict[_Target, int] = {}
    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    for key, target in targets.items():
        if target is None or len(key) > _MAX_KEY:
            continue
        number = numbers.setdefault(target, len(numbers))
        automaton.add_word(key, (number << _LENGTH_BITS) | len(key))
    if len(automaton):
        automaton.make_automaton()
    return tuple(numbers), automaton


_NAME_JOINERS = " ·•‧・"  # a space, or the dot between a transliterated name's parts


def _beside_other_words(text: str, start: int, end: int, canonical: str
                        ) -> tuple[int, int] | None:
    """A derived spelling beside the word its canonical spelling starts with ("Yu
    Xujiang", "Xujiang Yu" for "Yu Qiang"; "Mark·Lute" for "Mark Rutte"; "SK Hai Li
    Shi" for "SK hynix") takes that word in, so that it is not written twice. After
    another capitalized pinyin word ("Ma Ke Lu Te", "Make Lute") it is the end of a
    longer name: None.

    >>> _beside_other_words("Mr. Yu Xujiang said", 7, 14, "Yu Qiang")
    (4, 14)
    >>> _beside_other_words("Premier Ma Ke Lu Te said", 14, 19, "Mark Rutte") is None
    True
    >>> _beside_other_words("Nvidia CEO Huang Renxun spoke", 11, 23, "Jensen Huang")
    (11, 23)
    """
    first = _first_word(canonical)
    if start > 1 and text[start - 1] in _NAME_JOINERS:
        lo = max(0, start - _LONGEST_WORD)
        space = text.rfind(" ", lo, start - 1)
        before = space + 1 if space >= 0 or lo == 0 else start - 1  # no word: too long
        word = text[before : start - 1]
        if first and word == first:
            return before, end
        if word[:1].isupper() and word[1:].islower() and word.isalpha() and is_pinyin(word):
            return None
    after = end + len(first) + 1
    if first and text[end:after] == " " + first and (
            after == len(text) or not text[after].isalnum()):
        return start, after
    return start, end


@cache
def _cues() -> tuple[frozenset[str], regex.Pattern, frozenset[str], frozenset[str]]:
    """The particles, the Chinese-person patterns and the titles of
    ``data/name_cues.yaml``."""
    path = data_file("name_cues.yaml")
    data = read_yaml(path)
    line = getattr(data, "line", 1)
    keys = ("particles", "chinese", "titles")
    lists = [data.get(k) if isinstance(data, dict) else None for k in keys]
    if not all(isinstance(v, list) and v and all(isinstance(w, str) and w.strip() for w in v)
               for v in lists):
        raise AliasTableError(path, line,
                              "'particles', 'chinese' and 'titles' must be lists of words")
    particles, chinese, titles = lists
    if not all(w.islower() for w in particles):
        raise AliasTableError(path, line, "'particles' must be lower-case words")
    words = "|".join(regex.escape(w) for w in sorted(chinese, key=len, reverse=True))
    after = regex.compile(rf",\s+an?\s+[^,.;:\n]{{0,40}}?\b(?:{words})(?:-\p{{L}}+)?\b"
                          r"(?![^,.;:\n]{0,40}\b(?:said|says|told|reported)\b)")
    return (frozenset(particles), after, frozenset(w.split()[-1] for w in chinese),
            frozenset(titles))


def _two_words_before(text: str, start: int) -> tuple[str, str]:
    """The two words before ``start`` when a space precedes it, else ('', '')."""
    if start < 2 or text[start - 1] != " ":
        return "", ""
    lo = max(0, start - 2 * _LONGEST_WORD)
    k = text.rfind(" ", lo, start - 1)
    word = text[max(k + 1, lo) : start - 1]
    if k <= lo:
        return "", word
    return text[text.rfind(" ", lo, k) + 1 : k], word


def _with_article(text: str, start: int, canonical: str) -> int:
    """Where the fix starts: a canonical name that opens with "The" takes in the "the"
    before it, so "the Donga Ilbo" becomes "The Dong-A Ilbo", never "the The Dong-A
    Ilbo" (and "the Dong-A Ilbo" stays).

    >>> _with_article("says the Dong-A Ilbo", 9, "The Dong-A Ilbo")
    5
    """
    if start >= 4 and text[start - 4 : start].casefold() == "the " and (
            start == 4 or not text[start - 5].isalnum()):
        return start - 4
    return start


def _opens_sentence(text: str, start: int) -> bool:
    """Nothing but spaces, quotes or brackets between a sentence end and ``start``."""
    k = start - 1
    while k >= 0 and text[k] in " \t\"'“‘(«":
        k -= 1
    return k < 0 or text[k] in ".!?:\n\r"


@lru_cache(maxsize=65536)
def _first_word(canonical: str) -> str:
    """The first word of a canonical spelling of two or more words, else ''."""
    return canonical.split(" ", 1)[0] if " " in canonical else ""


@lru_cache(maxsize=65536)
def _labels(target: _Target) -> tuple[str, str, float]:
    """Rule id, kind and confidence of the edits a target makes."""
    kind = "compound" if target.rule == "compound" else "alias"
    confidence = round(target.confidence * (0.9 if target.gate else 1.0), 3)
    return f"{target.rule}:{target.canonical}", kind, confidence


def _near(text: str, start: int, end: int, target: _Target,
          fixed: list[tuple[int, int, str]], in_text: dict[tuple[int, int], bool]) -> bool:
    """A context word within the window, in the text or in a name fixed nearby. The
    window stops at line breaks: other lines may be removed as furniture or repeats,
    and a context word they bring closer must not decide a second run differently.
    A word found in the text alone stays found whatever names are fixed, so that
    search runs once per hit (``in_text``)."""
    if target.rule == "compound":
        lo, hi = _words_around(text, start, end)
    else:
        lo, hi = max(0, start - _CONTEXT_WINDOW), min(len(text), end + _CONTEXT_WINDOW)
    lo = max(lo, text.rfind("\n", lo, start) + 1, text.rfind("\r", lo, start) + 1)
    breaks = [k for k in (text.find("\n", end, hi), text.find("\r", end, hi)) if k != -1]
    hi = min([hi, *breaks])
    words = _compiled_words(target.gate)
    own = in_text.get((start, end))
    if own is None:
        own = words.search(f"{text[lo:start]} {text[end:hi]}") is not None
        in_text[start, end] = own
    if own:
        return True
    nearby = []
    for k in range(bisect_left(fixed, (lo,)), len(fixed)):  # fixed is sorted by start
        s, e, c = fixed[k]
        if s > hi:
            break
        if e <= hi and (s, e) != (start, end):
            nearby.append(c)
    return bool(nearby) and words.search(" ".join([text[lo:start], text[end:hi], *nearby])
                                         ) is not None


def _words_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the cue words before and after a pair word ("the leaders of Hanhe",
    "Hanhe semiconductor alliance")."""
    before = _CUE_WORDS_BEFORE.search(text, max(0, start - _CUE_REACH), start)
    after = _CUE_WORDS_AFTER.match(text, end, min(len(text), end + _CUE_REACH))
    return before.start(), after.end()


@lru_cache(maxsize=4096)
def _compiled_words(words: tuple[str, ...]) -> regex.Pattern | None:
    if not words:
        return None
    body = "|".join(regex.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len,
                                                                          reverse=True))
    return regex.compile(rf"(?<![\p{{L}}\p{{N}}])(?:{body})(?![\p{{L}}\p{{N}}])", regex.I)


def _lead(v: Variant) -> str:
    """The first word of a canonical spelling of two or more words that the alias
    lacks ("Mark" for "Lutter"), else ''."""
    first = _first_word(v.canonical)
    return "" if not first or v.text.casefold().startswith(first.casefold() + " ") else first


def _after_lead(text: str, start: int, lead: str) -> int:
    """Where a hit starts once it takes in the ``lead`` word written right before it,
    so that the fix does not write that word twice ("Mark Mark Rutte").

    >>> _after_lead("PM Mark Lutter said", 8, "Mark"), _after_lead("Denmark Lutter", 8, "Mark")
    (3, 8)
    """
    k = start - 1 - len(lead)
    if k < 0 or text[start - 1] != " " or not text.startswith(lead, k):
        return start
    return k if k == 0 or not _WORD_CHAR.match(text[k - 1]) else start


def _capitals(variant: str) -> int:
    """Bit 0 set when the first word of a variant is capitalized, bit 1 when its last
    word is: the words that tell a name from an ordinary phrase ("Asia Today"), which
    must be capitalized in the text too.

    >>> _capitals("Ministry of Trade"), _capitals("Intel"), _capitals("super gap")
    (3, 3, 0)
    """
    words = variant.split(" ")
    return int(words[0][:1].isupper()) | int(words[-1][:1].isupper()) << 1


def _is_shouted(span: str, canonical: str) -> bool:
    """A name written in capitals ('YIN XILIE', 'SEOUL'), which keeps them when fixed."""
    if not span.isupper() or canonical.isupper():
        return False
    return any(len(w) >= 4 for w in _LETTERS.findall(span))


def _lower_same_length(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _is_ordinary(word: str) -> bool:
    return " " not in word and zipf(word.casefold()) >= _ORDINARY_WORD_ZIPF


def _is_plain_phrase(text: str) -> bool:
    """Lower-case common English words, which English text writes for itself.

    >>> _is_plain_phrase("super gap"), _is_plain_phrase("Yin Xilie"), _is_plain_phrase("gap")
    (True, False, False)
    """
    words = text.split(" ")
    return len(words) > 1 and text.islower() and all(_is_ordinary(w) for w in words)


def _is_risky_derived(text: str) -> bool:
    """A derived lone word that is short or an English word could be honest text."""
    if " " in text:
        return any(zipf(w.casefold()) >= 5.0 for w in text.split())  # "Fan Ding" ok
    return len(text) <= 4 or _is_ordinary(text)
