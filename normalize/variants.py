"""Pure functions that derive the spellings a name takes in machine-translated text.

Explicit aliases get their hyphen variants; a ``hanzi`` form gets the pinyin renderings
a translation engine produces; ``compounds`` give every ordered pair word. Nothing here
decides whether a variant is safe to use: :mod:`normalize.matching` gates them.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

import regex
from pypinyin import Style, pinyin
from pypinyin.constants import PINYIN_DICT
from pypinyin.contrib.tone_convert import to_normal
from unidecode import unidecode

from normalize._resources import data_file
from normalize.tables import AliasTableError, Compound, Entity, read_yaml

_HYPHEN = regex.compile(r"(?<=\w)[-‐‑](?=\w)")
_MAX_HYPHENS = 3  # 3 hyphens give 27 surface forms; more get only all-kept/joined/spaced
_MAX_READINGS = 8  # heteronym combinations kept per name, most common readings first
_MAX_SYLLABLE_SPELLINGS = 4  # per Korean syllable, fewest deviations from RR first
_MAX_GIVEN_SPELLINGS = 6  # per Korean given name
_MAX_SURNAMES = 4
_HANGUL_BASE, _HANGUL_LAST = 0xAC00, 0xD7A3
_PINYIN_VOWEL_START = ("a", "o", "e")
_MIN_WORD_SYLLABLES = 3  # hangul syllables of a romanized name that is not a person's
_MIN_TRANSLATED_STEM = 2  # characters left in pinyin before a translated ending


@dataclass(frozen=True, slots=True)
class Variant:
    """One spelling that should become ``canonical``."""

    text: str
    canonical: str
    rule: str  # alias | derived:pinyin | derived:translated | derived:hangul | compound
    entity: int = -1  # index of the entity, -1 for pair words
    syllables: int = 0  # for a derived spelling: how many characters it renders


def surface_forms(variant: str) -> list[str]:
    """A name as written with each hyphen kept, dropped, or turned into a space.

    >>> surface_forms("Yoon Suk-yeol")
    ['Yoon Suk-yeol', 'Yoon Sukyeol', 'Yoon Suk yeol']
    """
    parts = _HYPHEN.split(variant)
    if len(parts) == 1:
        return [variant]
    if len(parts) - 1 > _MAX_HYPHENS:
        joins: Iterable[tuple[str, ...]] = [("-",) * (len(parts) - 1), ("",) * (len(parts) - 1),
                                            (" ",) * (len(parts) - 1)]
    else:
        joins = itertools.product(("-", "", " "), repeat=len(parts) - 1)
    out = []
    for seps in joins:
        out.append(parts[0] + "".join(s + p for s, p in zip(seps, parts[1:])))
    return out


def syllable_readings(hanzi: str) -> list[list[str]]:
    """Toneless pinyin readings per character, most common first, ü kept as ü.

    >>> syllable_readings("吕特")
    [['lü'], ['te']]
    """
    readings = pinyin(hanzi, style=Style.NORMAL, heteronym=True, v_to_u=True, errors="ignore")
    return [list(dict.fromkeys(r)) for r in readings]


def u_umlaut_spellings(syllable: str) -> list[str]:
    """ü as engines write it: u, ü, v, yu.

    >>> u_umlaut_spellings("lüe")
    ['lue', 'lüe', 'lve', 'lyue']
    """
    if "ü" not in syllable:
        return [syllable]
    return [syllable.replace("ü", r) for r in ("u", "ü", "v", "yu")]


@cache
def _surname_readings() -> dict[str, str]:
    data = read_yaml(data_file("pinyin_surnames.yaml"))
    return {str(k): str(v) for k, v in data["surnames"].items()}


def pinyin_names(hanzi: str, kind: str) -> list[str]:
    """Romanized forms of a Chinese-script name, as MT engines write them.

    People: family name then given name, the given name joined, hyphenated or spaced;
    four characters also split 2+2 (Japanese names); every name also fully joined
    (transliterated Western names such as 斯霍夫 "Sihuofu"). Other kinds: joined, and
    one word per character.

    >>> names = pinyin_names("尹锡悦", "person")
    >>> [n in names for n in ("Yin Xiyue", "Yin Xi-yue", "Yin Xi Yue", "Xiyue Yin",
    ...                       "Yinxiyue", "Yǐn Xīyuè")]
    [True, True, True, True, True, True]
    """
    out: list[str] = []
    readings = syllable_readings(hanzi)
    if kind == "person" and readings and readings[0]:
        # a family name is read as a surname or in its commonest reading: a rare one
        # (王 "yu") is another family's name
        surname = _surname_readings().get(hanzi[0])
        readings[0] = list(dict.fromkeys([surname, readings[0][0]] if surname
                                         else readings[0][:1]))
    for syllables in _reading_combinations(readings):
        out.extend(_name_shapes(syllables, kind))
    toned = [r[0] for r in pinyin(hanzi, style=Style.TONE, errors="ignore") if r]
    if len(toned) == len(hanzi) and kind == "person":
        out.extend(_name_shapes(toned, kind))  # "Hán Dézhū": tone marks kept
    return list(dict.fromkeys(out))


def _reading_combinations(readings: list[list[str]]) -> list[list[str]]:
    options = [[s for r in rs for s in u_umlaut_spellings(r)] for rs in readings if rs]
    if not options:
        return []
    # the commonest readings first: rank a combination by how far down each list it goes
    ranked = sorted(itertools.product(*(list(enumerate(o))[:_MAX_READINGS] for o in options)),
                    key=lambda combo: sum(rank for rank, _ in combo))
    return [[s for _, s in combo] for combo in ranked[:_MAX_READINGS]]


def _name_shapes(syl: Sequence[str], kind: str) -> list[str]:
    cap = [s.capitalize() for s in syl]
    joined = "".join(syl).capitalize()
    if kind != "person" or len(syl) < 2:
        out = [joined] + ([" ".join(cap)] if len(syl) > 1 else [])
        if len(syl) >= 4 and len(syl) % 2 == 0:
            out.append(_in_pairs(syl, _join_syllables))
        return out
    out = []
    splits = [1] if len(syl) == 2 else [1, 2]  # 石破茂: a two-character family name
    for k in splits:
        family = _join_syllables(syl[:k]).capitalize()
        given = syl[k:]
        out.append(f"{family} {_join_syllables(given).capitalize()}")
        if k == 1:  # given name first; after a two-syllable family name it reads as
            # another name ("Yue Yinxi")
            out.append(f"{_join_syllables(given).capitalize()} {family}")
        if len(given) > 1:
            out.append(f"{family} {given[0].capitalize()}-{'-'.join(given[1:])}")
            out.append(f"{family} {' '.join(s.capitalize() for s in given)}")
    out.append(joined)
    out.append(_join_syllables(syl).capitalize())
    return list(dict.fromkeys(out))


def _in_pairs(syllables: Sequence[str], join: Callable[[Sequence[str]], str]) -> str:
    """Syllables in words of two, as names that are not people's are written in
    pinyin and in romanized Korean ("Sanxing Dianzi", "Samseong Jeonja").

    >>> _in_pairs(["san", "xing", "dian", "zi"], "".join)
    'Sanxing Dianzi'
    """
    return " ".join(join(syllables[k : k + 2]).capitalize()
                    for k in range(0, len(syllables), 2))


def _join_syllables(syl: Sequence[str]) -> str:
    """Joined pinyin, with the apostrophe pinyin puts before a syllable starting with
    a, o or e ("Zheng'en"); the plain joined form is produced too by the caller.

    >>> _join_syllables(["zheng", "en"])
    "zheng'en"
    """
    out = syl[0]
    for s in syl[1:]:
        out += ("'" if s[:1] in _PINYIN_VOWEL_START else "") + s
    return out


@dataclass(frozen=True, slots=True)
class Romanization:
    """Korean romanization conventions (``data/romanization.yaml``): jamo spellings in
    Unicode order, RR first, and the conventional spellings of surnames."""

    initials: tuple[tuple[str, ...], ...]
    vowels: tuple[tuple[str, ...], ...]
    finals: tuple[tuple[str, ...], ...]
    surnames: dict[str, tuple[str, ...]]

    def syllable(self, ch: str) -> list[str]:
        """Spellings of one Hangul syllable, fewest departures from RR first.

        >>> ROMANIZATION.syllable("덕")
        ['deok', 'duk', 'dok', 'teok']
        """
        code = ord(ch) - _HANGUL_BASE
        if not 0 <= code <= _HANGUL_LAST - _HANGUL_BASE:
            return [ch.lower()]
        parts = (self.initials[code // 588], self.vowels[(code % 588) // 28],
                 self.finals[code % 28])
        ranked = sorted(itertools.product(*(enumerate(p) for p in parts)),
                        key=lambda combo: sum(rank > 0 for rank, _ in combo))
        spellings = ["".join(piece for _, piece in combo) for combo in ranked]
        return list(dict.fromkeys(spellings))[:_MAX_SYLLABLE_SPELLINGS]

    def name(self, hangul: str) -> list[str]:
        """Romanized forms of a Korean name: surname spellings by convention, the given
        name in RR, McCune-Reischauer and usage, hyphenated, joined and spaced.

        >>> forms = ROMANIZATION.name("안덕근")
        >>> "Ahn Duk-geun" in forms and "An Deok-geun" in forms and "Ahn Deokgeun" in forms
        True
        """
        hangul = hangul.replace(" ", "")
        split = 2 if len(hangul) >= 4 and hangul[:2] in self.surnames else 1
        family, given = hangul[:split], hangul[split:]
        surnames = list(self.surnames.get(family, ()))
        surnames += ["".join(self.syllable(c)[0] for c in family).capitalize()]
        surnames = list(dict.fromkeys(surnames))[:_MAX_SURNAMES]
        if not given:
            return surnames
        options = [self.syllable(c) for c in given]
        ranked = sorted(itertools.product(*(enumerate(o) for o in options)),
                        key=lambda combo: sum(rank for rank, _ in combo))
        givens = [[piece for _, piece in combo] for combo in ranked][:_MAX_GIVEN_SPELLINGS]
        out = []
        for g in givens:
            shapes = [g[0].capitalize() + "".join("-" + s for s in g[1:]),
                      "".join(g).capitalize(), " ".join(s.capitalize() for s in g)]
            for surname in surnames:
                out.extend(f"{surname} {shape}" for shape in shapes)
            out.append(f"{shapes[0]} {surnames[0]}")  # Western order: "Jae-yong Lee"
        return list(dict.fromkeys(out))


    def words(self, hangul: str) -> list[str]:
        """Revised Romanization of a name that is not a person's, joined and in words of
        two syllables, as Korean writes such names ("Samseongjeonja", "Samseong
        Jeonja" for 삼성전자); none for fewer than three syllables, which are as often
        ordinary words ("Hyeondae", modern).

        >>> ROMANIZATION.words("삼성전자")
        ['Samseongjeonja', 'Samseong Jeonja']
        """
        syllables = [self.syllable(c)[0] for c in hangul.replace(" ", "")]
        if len(syllables) < _MIN_WORD_SYLLABLES:
            return []
        out = ["".join(syllables).capitalize()]
        if len(syllables) % 2 == 0:
            out.append(_in_pairs(syllables, "".join))
        return out


def load_romanization(data: dict) -> Romanization:
    """Build :class:`Romanization` from the parsed data file (validated by the caller)."""
    def table(key: str, size: int) -> tuple[tuple[str, ...], ...]:
        values = list(data[key].values())
        if len(values) != size:
            raise ValueError(f"'{key}' must list {size} jamo, found {len(values)}")
        return tuple(tuple(str(v) for v in vs) for vs in values)

    surnames = data["surnames"]
    for hangul, forms in surnames.items():
        if not all(isinstance(f, str) for f in forms):  # a bare No reads as false
            raise ValueError(f"surname {hangul!r}: every spelling must be a string, "
                             f"found {forms!r}")
    return Romanization(table("initials", 19), table("vowels", 21), table("finals", 28),
                        {k: tuple(v) for k, v in surnames.items()})


def entity_variants(entities: Sequence[Entity],
                    romanization: Romanization | None = None) -> list[Variant]:
    """Every explicit and derived spelling of every entity, explicit ones first."""
    out: list[Variant] = []
    for i, e in enumerate(entities):
        for alias in (e.canonical, *e.aliases, *e.gated_aliases):
            rule = "gated-alias" if alias in e.gated_aliases else "alias"
            forms = surface_forms(alias) + (pinyin_given_name_forms(alias)
                                            if e.type == "person" else [])
            out.extend(Variant(f, e.canonical, rule, i) for f in forms)
    for i, e in enumerate(entities):
        if e.hanzi:
            out.extend(Variant(f, e.canonical, "derived:pinyin", i, len(e.hanzi))
                       for name in pinyin_names(e.hanzi, e.type)
                       for f in _with_kept_given_name(name, e))
        if e.hanzi and e.type != "person":
            out.extend(Variant(f, e.canonical, "derived:translated", i, len(e.hanzi))
                       for f in translated_names(e.hanzi))
        if e.hangul and romanization is not None:
            forms = (romanization.name(e.hangul) if e.type == "person"
                     else romanization.words(e.hangul))
            out.extend(Variant(f, e.canonical, "derived:hangul", i) for f in forms)
    return out


def translated_names(hanzi: str) -> list[str]:
    """An organization's name with its last characters translated and the rest left in
    pinyin, as engines write it (``data/translated_endings.yaml``).

    >>> translated_names("韩联社")
    ['Hanlian News Agency', 'Hanlian Agency']
    """
    for ending, words in _translated_endings().items():  # longest ending first
        stem = hanzi[: -len(ending)]
        if hanzi.endswith(ending) and len(stem) >= _MIN_TRANSLATED_STEM:
            joined = [n for n in pinyin_names(stem, "organization") if " " not in n]
            return [f"{name} {word}" for name in joined[:1] for word in words]
    return []


@cache
def _translated_endings() -> dict[str, tuple[str, ...]]:
    """The endings of ``data/translated_endings.yaml``, longest first; refused whole if
    one is malformed."""
    path = data_file("translated_endings.yaml")
    data = read_yaml(path)
    endings = data.get("endings") if isinstance(data, dict) else None
    if not isinstance(endings, dict):
        raise AliasTableError(path, getattr(data, "line", 1), "'endings' must be a mapping")
    for ending, words in endings.items():
        if not (isinstance(ending, str) and ending.strip() and isinstance(words, list)
                and words and all(isinstance(w, str) and w.strip() for w in words)):
            raise AliasTableError(path, getattr(endings, "line", 1),
                                  f"ending {ending!r} must list English words")
    return {k: tuple(v) for k, v in sorted(endings.items(), key=lambda kv: -len(kv[0]))}


def pinyin_given_name_forms(name: str) -> list[str]:
    """A pinyin name of two words whose given name runs two syllables together, also
    with them hyphenated and spaced, as engines write it; only where the syllables
    split one way.

    >>> pinyin_given_name_forms("Li Yongfei"), pinyin_given_name_forms("Mark Rutte")
    (['Li Yong-fei', 'Li Yong Fei'], [])
    """
    words = name.split(" ")
    if len(words) != 2 or not all(w.isalpha() and is_name_pinyin(w) for w in words):
        return []
    given = words[1].casefold()
    syllables = _name_pinyin()
    splits = [k for k in range(1, len(given)) if given[:k] in syllables
              and given[k:] in syllables]
    if len(splits) != 1:
        return []
    first, second = given[: splits[0]].capitalize(), given[splits[0] :]
    return [f"{words[0]} {first}-{second}", f"{words[0]} {first} {second.capitalize()}"]


def _with_kept_given_name(name: str, e: Entity) -> list[str]:
    """ "Sihuofu" also as "Dick Sihuofu": translators often keep the given name."""
    words = e.canonical.split()
    if e.type != "person" or " " in name or len(words) < 2:
        return surface_forms(name)
    return [*surface_forms(name), f"{' '.join(words[:-1])} {name}"]


def compound_variants(compounds: Sequence[Compound],
                      romanize: Callable[[str], str]) -> dict[str, str]:
    """Every ordered pair of distinct compounds: the MT spelling -> the wanted one.

    Joined ("Hanhe") and hyphenated ("Han-He"); never spaced, which is a person's name.
    Three countries are written only hyphenated ("Mei-Ri-Han").

    >>> korea, dutch = Compound("韩", "Korea"), Compound("荷", "Netherlands")
    >>> compound_variants([korea, dutch], {"韩": "han", "荷": "he"}.__getitem__)
    {'Hanhe': 'Korea–Netherlands', 'Han-He': 'Korea–Netherlands', \
'Hehan': 'Netherlands–Korea', 'He-Han': 'Netherlands–Korea'}
    """
    out: dict[str, str] = {}
    for a, b in itertools.permutations(compounds, 2):
        ra, rb = romanize(a.hanzi), romanize(b.hanzi)
        wanted = f"{a.name}\N{EN DASH}{b.name}"
        out[ra.capitalize() + rb] = wanted
        out[f"{ra.capitalize()}-{rb.capitalize()}"] = wanted
        if rb[:1] in _PINYIN_VOWEL_START:
            out[f"{ra.capitalize()}'{rb}"] = wanted  # "Zhong'e"
    for trio in itertools.permutations(compounds, 3):  # "Mei-Ri-Han": hyphenated only
        spelled = "-".join(romanize(c.hanzi).capitalize() for c in trio)
        out[spelled] = "\N{EN DASH}".join(c.name for c in trio)
    return out


@cache
def pinyin_syllables() -> frozenset[str]:
    """Every toneless pinyin syllable (ü written v), from pypinyin's dictionary."""
    readings = {r for joined in PINYIN_DICT.values() for r in joined.split(",")}
    return frozenset(to_normal(r).replace("ü", "v") for r in readings)  # ~1,500 distinct


# Hangul syllables a Korean name is made of: Sino-Korean readings end in no consonant
# or in k, n, l, m, p, ng, and never start with a tense consonant (ㄲ ㄸ ㅃ ㅆ ㅉ).
_NAME_FINALS = frozenset({0, 1, 4, 8, 16, 17, 21})
_TENSE_INITIALS = frozenset({1, 4, 8, 10, 13})
_VOWELS = frozenset("aeiouy")
_PURE_VOWELS = frozenset("aeiou")  # a "y" more or less is another vowel: "hyo" is not "ho"
_LETTER_RUN = regex.compile(r"\p{L}+")
_MAX_PINYIN = 6
_MAX_NAME_SYLLABLES = 2  # characters in a Chinese given name


@cache
def korean_name_syllables() -> frozenset[str]:
    """Every listed spelling of a Hangul syllable a Korean name uses, and every
    conventional spelling of a Korean surname, in lower case."""
    out = set()
    for code in range(_HANGUL_LAST - _HANGUL_BASE + 1):
        if code % 28 in _NAME_FINALS and code // 588 not in _TENSE_INITIALS:
            out.update(ROMANIZATION.syllable(chr(_HANGUL_BASE + code)))
    out.update(part.casefold() for forms in ROMANIZATION.surnames.values()
               for form in forms for part in form.split("-"))
    return frozenset(out)


@cache
def _name_pinyin() -> frozenset[str]:
    """Pinyin syllables as names are written: with a vowel, ü not typed as v."""
    return frozenset(p for p in pinyin_syllables() if "v" not in p and _VOWELS & set(p))


def is_romanized(word: str) -> bool:
    """A Chinese or Korean name word: pinyin syllables run together ("Wenhao"), or one
    Korean syllable, or Korean syllables linked by hyphens ("Seok-yeon").

    >>> [is_romanized(w) for w in ("Wenhao", "Seok-yeon", "Pyongtaek", "Kishda", "Rutte")]
    [True, True, False, False, False]
    """
    parts = _letter_runs(word)
    korean = korean_name_syllables()
    return bool(parts) and (all(p in korean for p in parts) or is_pinyin(word))


# ㄱ k/g, ㄷ t/d, ㅂ p/b, ㄹ r/l; vowels go, "y" stays: "ho" (호) is not "hyo" (효)
_VOICING = str.maketrans("ktpr", "gdbl", "aeiouw'")


def romanization_drift(words: Sequence[str], key: str, spelling: str) -> bool:
    """Whether a Korean name (``words``, folded into ``key``) can be ``spelling``
    written another way: a doubled letter or a vowel beside a vowel added or dropped
    ("Ki-mon" for "Ki-moon", "Yol" for "Yeol"), or the same consonants once voicing and
    vowels are set aside ("Kyung-hwa" for "Kyung-wha", "Chu" for "Choo"). Any other
    letter makes another name ("Yong-il" is not "Yong-pil", "Sung-mi" not "Sun-mi"),
    and so does every change to a name made wholly of pinyin syllables ("Wang Wenhao",
    "Liu Yongfei", "Yin Xiyu"): each pinyin syllable is a written character.
    ("Xiliee", four syllables, is no Chinese name word: a misspelling.)

    >>> romanization_drift(["Kang", "Kyung-hwa"], "kangkyunghwa", "kangkyungwha")
    True
    >>> romanization_drift(["Ban", "Ki-mon"], "bankimon", "bankimoon")
    True
    >>> romanization_drift(["Lee", "Yong-il"], "leeyongil", "leeyongpil")
    False
    >>> romanization_drift(["Kim", "Tae-ho"], "kimtaeho", "kimtaehyo")
    False
    >>> romanization_drift(["Wang", "Wenhao"], "wangwenhao", "wangwentao")
    False
    """
    if all(is_name_pinyin(w) for w in words):
        return False
    plain, spelled = unidecode(key), unidecode(spelling)
    return _vowel_drift(plain, spelled) or _consonants(plain) == _consonants(spelled)


def _vowel_drift(a: str, b: str) -> bool:
    """One letter more in one spelling, doubling its neighbour or a vowel beside a
    vowel ("moon"/"mon", "yeol"/"yol")."""
    if abs(len(a) - len(b)) != 1:
        return False
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    i = next((k for k, (x, y) in enumerate(zip(longer, shorter)) if x != y), len(shorter))
    if longer[i + 1 :] != shorter[i:]:
        return False
    extra, around = longer[i], longer[max(0, i - 1) : i] + longer[i + 1 : i + 2]
    return extra in around or (extra in _PURE_VOWELS and any(c in _VOWELS for c in around))


def _consonants(letters: str) -> str:
    """The consonant skeleton of a Korean romanization: "kyunghwa" -> "gNh"."""
    out = letters.replace("ng", "N").replace("ch", "j").replace("sh", "s").translate(_VOICING)
    return regex.sub(r"(.)\1+", r"\1", out)


@lru_cache(maxsize=65536)
def is_pinyin(word: str) -> bool:
    """Pinyin syllables run together, as a Chinese name word is ("Make", "Xiyue").

    >>> [is_pinyin(w) for w in ("Make", "Xiyue", "Mark", "President")]
    [True, True, False, False]
    """
    runs = _letter_runs(word)
    return bool(runs) and all(_fewest_syllables(r) is not None for r in runs)


def _letter_runs(word: str) -> list[str]:
    """The letters of a word, without accents, in lower case, split at hyphens."""
    return _LETTER_RUN.findall(unidecode(word).casefold())


@lru_cache(maxsize=65536)
def is_name_pinyin(word: str) -> bool:
    """Pinyin as a Chinese name word is written: one or two syllables (characters) per
    hyphen-free run. "Xiliee" parses only as four, so it is a misspelling.

    >>> [is_name_pinyin(w) for w in ("Xiyu", "Yin", "Xiliee", "Mark")]
    [True, True, False, False]
    """
    counts = [_fewest_syllables(r) for r in _letter_runs(word)]
    return bool(counts) and all(n is not None and n <= _MAX_NAME_SYLLABLES for n in counts)


def _fewest_syllables(letters: str) -> int | None:
    """The fewest pinyin syllables ``letters`` split into, or None if they do not."""
    syllables = _name_pinyin()
    fewest = {0: 0}
    for i in range(len(letters)):
        if i in fewest:
            for n in range(1, _MAX_PINYIN + 1):
                if letters[i : i + n] in syllables and (i + n not in fewest
                                                        or fewest[i + n] > fewest[i] + 1):
                    fewest[i + n] = fewest[i] + 1
    return fewest.get(len(letters))


def first_reading(hanzi: str) -> str:
    """The most common toneless reading of a short word, ü written u.

    >>> first_reading("吕")
    'lu'
    """
    return "".join(r[0] for r in syllable_readings(hanzi) if r).replace("ü", "u")


ROMANIZATION = load_romanization(read_yaml(data_file("romanization.yaml")))
