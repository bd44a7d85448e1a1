"""Seeded generators of large alias tables with script forms, for benchmarks."""

from __future__ import annotations

import random
from pathlib import Path

import yaml

_SURNAMES_HANZI = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡"
    "余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯"
    "龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
_GIVEN_HANZI = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国文辉力玉兰萍红新宇浩然子"
    "轩梓涵欣怡思远志鹏俊博嘉锡悦德洙在泰源义宣昌镛基"
)
_HANGUL_SURNAMES = "김이박최정강조윤장임한오서신권황안송류홍"
_ORG_WORDS = ["Global", "United", "Korea", "Pacific", "Semiconductor", "Energy", "Motors",
              "Heavy", "Industries", "Holdings", "Bank", "Telecom", "Chemical", "Steel"]


def _hangul_syllable(rng: random.Random) -> str:
    return chr(0xAC00 + rng.randrange(19) * 588 + rng.randrange(21) * 28 + rng.randrange(28))


def make_table(n: int, seed: int = 0) -> dict:
    """A table of ``n`` entities: people with hanzi and hangul, organizations with hanzi."""
    rng = random.Random(seed)
    entities = []
    seen: set[str] = set()
    while len(entities) < n:
        i = len(entities)
        if i % 4 == 3:
            name = f"{rng.choice(_ORG_WORDS)} {rng.choice(_ORG_WORDS)} {i}"
            entity = {"canonical": name, "type": "organization",
                      "hanzi": "".join(rng.choice(_GIVEN_HANZI) for _ in range(4)),
                      "context": ["company", "shares"]}
        else:
            hangul = rng.choice(_HANGUL_SURNAMES) + _hangul_syllable(rng) + _hangul_syllable(rng)
            name = f"Person{i} Name{i}"
            entity = {"canonical": name, "type": "person", "hangul": hangul,
                      "hanzi": rng.choice(_SURNAMES_HANZI) + rng.choice(_GIVEN_HANZI)
                      + rng.choice(_GIVEN_HANZI),
                      "aliases": [f"P{i} N{i}"], "context": ["minister", "president"]}
        if name in seen:
            continue
        seen.add(name)
        entities.append(entity)
    return {"version": 1, "entities": entities}


def write_table(path: Path, n: int, seed: int = 0) -> Path:
    path.write_text(yaml.safe_dump(make_table(n, seed), allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    return path
