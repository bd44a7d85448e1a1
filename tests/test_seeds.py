"""The five seed articles against their hand-reviewed clean output (a change detector)."""

from __future__ import annotations

from pathlib import Path

import pytest

SEEDS = Path(__file__).parent.parent / "seeds"
ARTICLES = sorted(p for p in SEEDS.glob("*.txt") if not p.name.endswith(".expected.txt"))
GARBLES = ["Yin Xilie", "Yin Xiyue", "Lutter", "Hanhe", "Duth", "Ahn Duk-Geun",
           "Ahn Deok-geun", "Li Yongfei", "SK Hynix", "Also Read", "Leave a Reply",
           "Disclaimer", "| | 0 |", " ’s", "’ s", "day.This", " -level", "afterSemiconductor"]


def _read(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def test_there_are_five_seed_articles():
    assert len(ARTICLES) == 5


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.stem)
def test_seed_matches_its_reviewed_clean_output(normalizer, article):
    expected = _read(article.with_name(article.stem + ".expected.txt"))
    assert normalizer.normalize(_read(article)).text == expected


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.stem)
def test_seed_output_has_no_known_fault_and_is_stable(normalizer, article):
    result = normalizer.normalize(_read(article))
    for garble in GARBLES:
        assert garble not in result.text
    assert normalizer.normalize(result.text).text == result.text


def test_seed_metadata_is_lifted(normalizer):
    meta = {p.stem[:3]: normalizer.normalize(_read(p)).metadata for p in ARTICLES}
    assert meta["001"] == {"source": "Network finishing", "date": "2024-02-21"}
    assert meta["002"]["byline"] == "Vasyl Kolomiiets"
    assert meta["003"]["byline"] == "Hong Sun-mi"
    assert meta["003"]["photo_credit"] == "Yonhap News"
    assert meta["004"] == {"dateline": "Sejong", "source": "Donga", "byline": "Mark Jones"}
