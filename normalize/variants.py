"""Pure functions that derive the spellings a name takes in machine-translated text.

Explicit aliases get their hyphen variants; a ``hanzi`` form gets the pinyin renderings
a translation engine produces; ``compounds`` give every ordered pair word. Nothing here
decides whether a variant is safe to use: :mod:`normalize.matching` gates them.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import regex
from pypinyin import Style, pinyin

from normalize.tables import Compound, Entity

_HYPHEN = regex.compile(r"(?<=\w)[-‐‑](?=\w)")
_MAX_HYPHENS = 3  # 3 hyphens give 27 surface forms; more get only all-kept/joined/spaced
_MAX_READINGS = 8  # heteronym combinations kept per name, most common readings first


@dataclass(frozen=True, slots=True)
class Variant:
    """One spelling that should become ``canonical``."""

    text: str
    canonical: str
    rule: str  # alias | derived:pinyin | derived:hangul | compound
    entity: int = -1  # index of the entity, -1 for pair words


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
    """ü as engines write it: u, v, yu.

    >>> u_umlaut_spellings("lüe")
    ['lue', 'lve', 'lyue']
    """
    if "ü" not in syllable:
        return [syllable]
    return [syllable.replace("ü", r) for r in ("u", "v", "yu")]


def pinyin_names(hanzi: str, kind: str) -> list[str]:
    """Romanized forms of a Chinese-script name, as MT engines write them.

    People: family name then given name, the given name joined, hyphenated or spaced;
    four characters also split 2+2 (Japanese names); every name also fully joined
    (transliterated Western names such as 斯霍夫 "Sihuofu"). Other kinds: joined, and
    one word per character.

    >>> pinyin_names("尹锡悦", "person")[:4]
    ['Yin Xiyue', 'Yin Xi-yue', 'Yin Xi Yue', 'Yinxiyue']
    """
    out: list[str] = []
    for syllables in _reading_combinations(syllable_readings(hanzi)):
        out.extend(_name_shapes(syllables, kind))
    return list(dict.fromkeys(out))


def _reading_combinations(readings: list[list[str]]) -> list[list[str]]:
    options = [[s for r in rs for s in u_umlaut_spellings(r)] for rs in readings if rs]
    if not options:
        return []
    combos = itertools.islice(itertools.product(*options), _MAX_READINGS)
    return [list(c) for c in combos]


def _name_shapes(syl: Sequence[str], kind: str) -> list[str]:
    cap = [s.capitalize() for s in syl]
    joined = "".join(syl).capitalize()
    if kind != "person" or len(syl) < 2:
        return [joined] + ([" ".join(cap)] if len(syl) > 1 else [])
    out = []
    splits = [1] if len(syl) <= 3 else [1, 2]
    for k in splits:
        family = "".join(syl[:k]).capitalize()
        given = syl[k:]
        out.append(f"{family} {''.join(given).capitalize()}")
        if len(given) > 1:
            out.append(f"{family} {given[0].capitalize()}-{'-'.join(given[1:])}")
            out.append(f"{family} {' '.join(s.capitalize() for s in given)}")
    out.append(joined)
    return out


def entity_variants(entities: Sequence[Entity]) -> list[Variant]:
    """Every explicit and derived spelling of every entity, explicit ones first."""
    out: list[Variant] = []
    for i, e in enumerate(entities):
        for alias in (e.canonical, *e.aliases, *e.gated_aliases):
            rule = "gated-alias" if alias in e.gated_aliases else "alias"
            out.extend(Variant(f, e.canonical, rule, i) for f in surface_forms(alias))
    for i, e in enumerate(entities):
        if e.hanzi:
            out.extend(Variant(f, e.canonical, "derived:pinyin", i)
                       for name in pinyin_names(e.hanzi, e.type)
                       for f in _with_kept_given_name(name, e))
    return out


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
    return out


def first_reading(hanzi: str) -> str:
    """The most common toneless reading of a short word, ü written u.

    >>> first_reading("吕")
    'lu'
    """
    return "".join(r[0] for r in syllable_readings(hanzi) if r).replace("ü", "u")
