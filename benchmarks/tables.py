"""Seeded generators of large alias tables with script forms, for benchmarks.

Three kinds of entity, in a fixed rotation:

* Korean people: a hangul name, the conventional English spelling as canonical
  ("Kim Min-jun"), another surname spelling as alias, and a hanzi form that machine
  translation renders in pinyin;
* Chinese people: a hanzi name, its pinyin as canonical ("Wang Xiuying"), the given
  name first as alias;
* organizations: "Hanil Steel Holdings" with its short form as alias, and a hanzi form.

Every canonical name and alias is unique (as the loader compares them) and none is
already in the built-in tables, so any table loads. ``write_table`` writes one JSON flow
mapping per entity, which is valid YAML and quick to write.

Usage: python benchmarks/tables.py N PATH   (writes a table of N entities to PATH)
"""

from __future__ import annotations

import json
import random
import sys
from functools import cache
from pathlib import Path

from normalize._resources import builtin_aliases_dir
from normalize.tables import load_tables, variant_key
from normalize.variants import ROMANIZATION, first_reading, pinyin_names

_SURNAMES_HANZI = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡"
    "余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯"
    "龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
_GIVEN_HANZI = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂华建国文辉力玉兰萍红新宇浩然子"
    "轩梓涵欣怡思远志鹏俊博嘉锡悦德洙在泰源义宣昌镛基"
)
_HANGUL_SURNAMES = "김이박최정강조윤장임한오서신권황안송류홍"
_HANGUL_GIVEN = (
    "민준서연지현우수영호성진석열희은정재용태동상혁경미선훈철규한주원하윤예승도건유나"
    "혜소아다채시범환기광명창종일인숙순옥길덕근"
)
_BRAND_SYLLABLES = ["Han", "Dae", "Sam", "Hyun", "Dong", "Shin", "Kum", "Hyo", "Doo", "Po",
                    "Se", "Woo", "Young", "Jin", "Tae", "Sung", "Il", "Kuk", "Hwa", "Kang",
                    "Nam", "Seo", "Mi", "Won", "Yu", "Chang", "Bo", "Jeong", "Kyung", "Hae"]
_SECTORS = ["Steel", "Motors", "Heavy Industries", "Chemical", "Semiconductor", "Energy",
            "Telecom", "Bank", "Shipbuilding", "Electronics", "Construction", "Securities",
            "Pharmaceutical", "Logistics", "Airlines", "Display", "Battery", "Materials",
            "Precision", "Foods"]
_SUFFIXES = ["Holdings", "Group", "Corporation", "Company", "Industries"]
_MAX_MISSES = 50
_KINDS = ("korean", "chinese", "korean", "organization")  # one entity in four is a company


def make_table(n: int, seed: int = 0) -> dict:
    """A table of ``n`` entities: people with hangul and/or hanzi, organizations with hanzi."""
    rng = random.Random(seed)
    taken = set(_builtin_keys())
    entities: list[dict] = []
    misses = 0
    while len(entities) < n:
        entity = _MAKERS[_KINDS[len(entities) % len(_KINDS)]](rng)
        if misses >= _MAX_MISSES:  # the name space is crowded: an index keeps it unique
            entity = _numbered(entity, len(entities))
        keys = [_key(v) for v in (entity["canonical"], *entity["aliases"])]
        if len(set(keys)) < len(keys) or taken.intersection(keys):
            misses += 1
            continue
        misses = 0
        taken.update(keys)
        entities.append(entity)
    return {"version": 1, "entities": entities}


def _numbered(entity: dict, i: int) -> dict:
    return {**entity, "canonical": f"{entity['canonical']} {i}",
            "aliases": [f"{a} {i}" for a in entity["aliases"]]}


def write_table(path: Path, n: int, seed: int = 0) -> Path:
    """The table as YAML, one flow mapping (JSON) per entity: fast to write and to read."""
    table = make_table(n, seed)
    lines = [f"version: {table['version']}", "entities:"]
    lines += [f"  - {json.dumps(e, ensure_ascii=False)}" for e in table["entities"]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _key(name: str) -> str:
    """:func:`normalize.tables.variant_key` for generated names, whose hyphens all stand
    between two letters; a hundred times faster."""
    return " ".join(name.replace("-", "").split()).casefold()


def _korean_person(rng: random.Random) -> dict:
    family = rng.choice(_HANGUL_SURNAMES)
    given = rng.choice(_HANGUL_GIVEN) + rng.choice(_HANGUL_GIVEN)
    spellings = ROMANIZATION.surnames[family]
    syllables = [_rr(c) for c in given]
    hyphenated = syllables[0].capitalize() + "-" + syllables[1]
    if len(spellings) > 1:
        alias = f"{spellings[1]} {hyphenated}"
    else:
        alias = f"{spellings[0]} {' '.join(s.capitalize() for s in syllables)}"
    return {"canonical": f"{spellings[0]} {hyphenated}", "type": "person",
            "hangul": family + given, "hanzi": _hanzi_name(rng), "aliases": [alias],
            "context": ["minister", "president"]}


def _chinese_person(rng: random.Random) -> dict:
    family = rng.choice(_SURNAMES_HANZI)
    given = "".join(rng.choice(_GIVEN_HANZI) for _ in range(rng.choice((1, 2, 2))))
    given_latin = "".join(_pinyin(c) for c in given).capitalize()
    surname = _surname_pinyin(family)
    return {"canonical": f"{surname} {given_latin}", "type": "person", "hanzi": family + given,
            "aliases": [f"{given_latin} {surname}"], "context": ["minister", "president"]}


def _organization(rng: random.Random) -> dict:
    brand = "".join(rng.sample(_BRAND_SYLLABLES, rng.choice((2, 3)))).capitalize()
    short = f"{brand} {rng.choice(_SECTORS)}"
    suffix = rng.choice(_SUFFIXES)
    return {"canonical": f"{short} {suffix}", "type": "organization",
            "hanzi": "".join(rng.choice(_GIVEN_HANZI) for _ in range(4)),
            "aliases": [short], "context": ["company", "shares"]}


_MAKERS = {"korean": _korean_person, "chinese": _chinese_person, "organization": _organization}


def _hanzi_name(rng: random.Random) -> str:
    return rng.choice(_SURNAMES_HANZI) + rng.choice(_GIVEN_HANZI) + rng.choice(_GIVEN_HANZI)


@cache
def _rr(syllable: str) -> str:
    return ROMANIZATION.syllable(syllable)[0]


@cache
def _pinyin(hanzi: str) -> str:
    return first_reading(hanzi)


@cache
def _surname_pinyin(hanzi: str) -> str:
    """The reading a family name takes (曾 Zeng, not Ceng), as the variant deriver has it."""
    return pinyin_names(hanzi + "一", "person")[0].split()[0]


@cache
def _builtin_keys() -> frozenset[str]:
    table = load_tables([builtin_aliases_dir()])
    return frozenset(variant_key(v) for e in table.entities
                     for v in (e.canonical, *e.aliases, *e.gated_aliases))


if __name__ == "__main__":
    print(write_table(Path(sys.argv[2]), int(sys.argv[1])))
