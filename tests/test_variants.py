"""Derived spellings: pinyin from hanzi, romanizations from hangul, pair words."""

from __future__ import annotations

import pytest

from normalize import Normalizer
from normalize.tables import Compound, Entity
from normalize.variants import (
    ROMANIZATION,
    compound_variants,
    entity_variants,
    first_reading,
    pinyin_names,
)


@pytest.mark.parametrize(("hanzi", "spelling"), [
    ("朴槿惠", "Piao Jinhui"), ("单霁翔", "Shan Jixiang"), ("曾庆红", "Zeng Qinghong"),
    ("区家麟", "Ou Jialin"),
])
def test_family_names_read_as_surnames(hanzi, spelling):
    assert spelling in pinyin_names(hanzi, "person")


def test_u_umlaut_spellings_and_japanese_splits():
    assert {"Lute", "Lvte", "Lyute"} <= set(pinyin_names("吕特", "person"))
    names = pinyin_names("岸田文雄", "person")
    assert "Antian Wenxiong" in names and "Antianwenxiong" in names
    assert "Shipo Mao" in pinyin_names("石破茂", "person")


def test_transliterated_surname_after_a_kept_given_name():
    entity = Entity("Dick Schoof", "person", hanzi="斯霍夫", context=("Dutch",))
    texts = {v.text for v in entity_variants([entity])}
    assert {"Sihuofu", "Dick Sihuofu"} <= texts


def test_dick_sihuofu_becomes_dick_schoof_never_dick_dick(tmp_path):
    table = tmp_path / "t.yaml"
    table.write_text("entities:\n  - {canonical: Dick Schoof, type: person, hanzi: 斯霍夫,\n"
                     "     context: [Dutch, prime minister]}\n", encoding="utf-8")
    n = Normalizer(aliases=[table])
    assert n.normalize("Dutch prime minister Dick Sihuofu spoke.").text == \
        "Dutch prime minister Dick Schoof spoke."
    assert n.normalize("Dutch prime minister Sihuofu spoke.").text == \
        "Dutch prime minister Dick Schoof spoke."


@pytest.mark.parametrize(("hangul", "spelling"), [
    ("윤석열", "Yoon Suk-yeol"), ("윤석열", "Yun Seok-yeol"), ("안덕근", "Ahn Duk-geun"),
    ("안덕근", "An Deok-geun"), ("이재명", "Lee Jae-myung"), ("이재명", "Yi Jae-myeong"),
    ("박진", "Pak Chin"), ("박진", "Park Jin"), ("최상목", "Choe Sang-mok"),
])
def test_korean_names_in_every_common_romanization(hangul, spelling):
    assert spelling in ROMANIZATION.name(hangul)


def test_pair_words_are_joined_or_hyphenated_never_spaced():
    pairs = compound_variants([Compound("韩", "Korea"), Compound("美", "US")], first_reading)
    assert pairs["Hanmei"] == "Korea–US" and pairs["Han-Mei"] == "Korea–US"
    assert pairs["Meihan"] == "US–Korea"
    assert "Han Mei" not in pairs
