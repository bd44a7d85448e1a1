"""Boilerplate rules: user families, switching one off, metadata, bad rule files."""

from __future__ import annotations

import pytest

from normalize import AliasTableError, Normalizer

TEXT = "Chips pact signed\nShare this article\nThe two countries signed a pact.\n"


def test_a_family_can_be_switched_off():
    clean = "Chips pact signed\nThe two countries signed a pact.\n"
    assert Normalizer().normalize(TEXT).text == clean
    kept = Normalizer(disabled_rules=["share-widget"]).normalize(TEXT).text
    assert "Share this article" in kept


def test_an_unknown_family_name_is_an_error():
    with pytest.raises(ValueError, match="no boilerplate family named 'share-widgets'"):
        Normalizer(disabled_rules=["share-widgets"])


def test_a_user_family_is_added(tmp_path):
    rules = tmp_path / "rules.yaml"
    rules.write_text("version: 1\nfamilies:\n  - name: house-promo\n    lines:\n"
                     "      - 'try our app.{0,40}'\n", encoding="utf-8")
    out = Normalizer(rules=[rules]).normalize("Body text.\nTry our app today\n")
    assert out.text == "Body text.\n"
    assert [c.rule for c in out.removed] == ["boilerplate:house-promo"]


def test_a_user_keep_pattern_keeps_its_families_off_a_line(tmp_path):
    rules = tmp_path / "rules.yaml"
    rules.write_text("version: 1\nkeep: ['\\bpilot\\b']\nfamilies:\n"
                     "  - name: house-promo\n    lines:\n      - 'try our app.{0,40}'\n",
                     encoding="utf-8")
    out = Normalizer(rules=[rules]).normalize("Body.\nTry our app today\nTry our app pilot\n")
    assert out.text == "Body.\nTry our app pilot\n"


def test_a_bad_keep_list_names_the_file(tmp_path):
    rules = tmp_path / "rules.yaml"
    rules.write_text("version: 1\nkeep: '(unclosed'\nfamilies: []\n", encoding="utf-8")
    with pytest.raises(AliasTableError, match=r"rules.yaml:1: 'keep' must be a list"):
        Normalizer(rules=[rules])


def test_a_bad_pattern_names_the_file_and_line(tmp_path):
    rules = tmp_path / "rules.yaml"
    rules.write_text("version: 1\nfamilies:\n  - name: broken\n    lines: ['(unclosed']\n",
                     encoding="utf-8")
    with pytest.raises(AliasTableError, match=r"rules.yaml:3: bad pattern in family 'broken'"):
        Normalizer(rules=[rules])


def test_metadata_is_lifted():
    raw = ("Headline\nBy Jane Doe\nPublished: March 3, 2024 10:15 KST\n"
           "Source: Yonhap\nTags: chips, trade\nBody sentence here.\n")
    meta = Normalizer().normalize(raw).metadata
    assert meta == {"byline": "Jane Doe", "date": "2024-03-03T10:15", "source": "Yonhap",
                    "tags": "chips, trade"}


def test_a_heading_that_opens_with_by_lifts_no_byline():
    raw = "Chip campus opens\nBy The Associated Press\nThe campus opened.\n\nBy The Numbers\n"
    meta = Normalizer().normalize(raw).metadata
    assert meta == {"source": "The Associated Press"}


def test_a_line_seen_before_is_judged_by_its_new_neighbours():
    # rule matches are remembered per line body; the verdict still reads the context
    n = Normalizer()
    profile = "The deal closed.\n\nAbout Acme\nAcme Corp. is a maker of anvils.\n"
    synopsis = "The deal closed.\n\nAbout Acme\nA film about a man who builds anvils.\n"
    for _ in range(2):
        assert n.normalize(profile).text == "The deal closed.\n"
        assert n.normalize(synopsis).text == synopsis
