"""The laws of the contract, on arbitrary and on news-like text (I1-I3, idempotence...)."""

from __future__ import annotations

import os
import pickle
import threading
from bisect import bisect_right
from itertools import pairwise

from hypothesis import example, given, settings
from hypothesis import strategies as st
from test_tracked import _splice  # splicing edits and changes alike

from normalize import Normalizer
from normalize.lines import iter_lines, on_lines_except

NORMALIZER = Normalizer()
# NORMALIZE_EXAMPLES=5000 pytest tests/test_properties.py for a long hunt
EXAMPLES = int(os.environ.get("NORMALIZE_EXAMPLES", "300"))

_FRAGMENTS = [
    "Yin Xilie", "Yin  Xiyue", "Yin Xi-yue", "President", "day.This", "\u201cchip\u201d",
    "  \u2022 Source:Yonhap\n", "Hanhe", "Han-Mei", "Lutter", "Netherlands", "\n", " ", ".",
    "Korea \u2019s", "President\u2019 s", "working -level", "afterSemiconductor",
    "Also Read:\n", "- A linked story\n", "| | 0 |\n", "Koreaâ€™s", "\u200b", "\r\n",
    "By Hong Sun-mi\n", "Ahn Duk-Geun", "SK Hynix", "\n\n", "Leave a Reply\n", ",", " ’",
]
news_text = st.lists(st.sampled_from(_FRAGMENTS) | st.text(max_size=5), max_size=30).map("".join)

# Prose with no table names, no boilerplate and no faults: it must come out unchanged.
_HONEST_WORDS = ["the", "ministry", "said", "on", "Monday", "that", "exports", "rose",
                 "percent", "Martin", "Luther", "Hanover", "Yin", "Li", "An", "Ning",
                 "of", "chips", "in", "May", "and", "we", "expect", "growth", "3.5", "U.S.",
                 "iPhone", "SoftBank", "Rute", "Spain"]
honest_sentence = st.lists(st.sampled_from(_HONEST_WORDS), min_size=3, max_size=14).map(
    lambda ws: (lambda s: s[0].upper() + s[1:] + ("" if s.endswith(".") else "."))(" ".join(ws)))
honest_text = st.lists(honest_sentence, min_size=1, max_size=6, unique=True).map(" ".join)


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.text() | news_text)
@example("  \u2022 Source:Yonhap\n\u2022 Release on:2024-02-21\n")
@example("Yin Xiyue \u2019s\n\nYin Xiyue \u2019s\n")
def test_every_change_points_into_the_original_and_rebuilds_the_output(raw):
    result = NORMALIZER.normalize(raw)
    spans = sorted(result.changes + result.removed, key=lambda c: (c.start, c.end))
    for c in spans:
        assert raw[c.start : c.end] == c.before  # I1
        assert 0.0 < c.confidence <= 1.0
    for a, b in pairwise(spans):
        assert a.end <= b.start  # I2
    assert _splice(raw, spans) == result.text  # I3


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.text() | news_text)
@example("working -levelSource:Yonhap")  # a glued word split after the label rule ran
@example("\u00b2\nAA AA\n\u00b2")  # a bio judged before its duplicate follower went
@example(":\nYiN XILIE\nYiNXILI:")  # a name line followed by its own fixed repeat
@example("0:0000:00000\nAA AA\nA:0:0000:00000")  # a bio left last by a headline repeat
def test_idempotent(raw):
    once = NORMALIZER.normalize(raw).text
    assert NORMALIZER.normalize(once).text == once


@settings(max_examples=200)
@given(honest_text)
def test_honest_prose_comes_out_byte_identical(raw):
    result = NORMALIZER.normalize(raw)
    assert result.text == raw
    assert result.changes == [] and result.removed == []


CLONE = pickle.loads(pickle.dumps(NORMALIZER))


@settings(max_examples=100)
@given(news_text)
def test_pickled_normalizer_agrees(raw):
    assert CLONE.normalize(raw) == NORMALIZER.normalize(raw)


def test_one_normalizer_serves_many_threads():
    texts = [f"Yin Xilie met Lutter in the Netherlands on day {i}.This was new." for i in
             range(40)]
    expected = [NORMALIZER.normalize(t) for t in texts]
    results: dict[int, object] = {}

    def work(i: int) -> None:
        results[i] = NORMALIZER.normalize(texts[i])

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(texts))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [results[i] for i in range(len(texts))] == expected


def test_normalizer_cannot_be_changed():
    import pytest

    with pytest.raises(AttributeError):
        NORMALIZER._steps = ()


_NAME_LINES = ["South Korean President Yin Xilie said.", "Yin Xiyue met Lutter in The Hague.",
               "Ahn Deok-geun and Choi Sang-mok spoke.", "Hanhe ties, the prime minister said.",
               "Mengxiu Gao, the Korean trade minister", "Yoon Suk-yeol", "President Yoon",
               "Xilie", "Martin Luther in Hanover.", "Kishda Fumio visited."]
name_lines = st.lists(st.sampled_from(_NAME_LINES) | news_text, min_size=1, max_size=8)


@settings(max_examples=EXAMPLES, deadline=None)
@given(name_lines, st.sets(st.integers(0, 12)), st.sampled_from(["\n", "\r\n", "\n\n"]))
@example(["Hanhe ties, the prime minister said.", "Hanhe“chip”Lutter"], {0}, "\n")
def test_name_edits_on_a_line_depend_on_that_line_alone(lines, skipped, brk):
    """What lets a second name pass re-read only the lines the first one changed. The
    one exception, a joined pair word that a cue on another line confirms ("Hanhe" in a
    headline), and any fix on its line that takes the pair as its context word, is
    settled by the first pass: no fix writes a new pair word."""
    text = brk.join(lines)
    found = list(iter_lines(text))
    starts = [start for start, _ in found]
    skip = {found[i][1] for i in skipped if i < len(found)}
    names = NORMALIZER.names
    whole = [e for e in names(text) if found[bisect_right(starts, e.start) - 1][1] not in skip]
    part = on_lines_except(names, text, skip)
    pair_lines = {bisect_right(starts, e.start) for e in whole if e.kind == "compound"}
    assert [e for e in part if bisect_right(starts, e.start) not in pair_lines] == \
        [e for e in whole if bisect_right(starts, e.start) not in pair_lines]
    assert set(part) <= set(whole)  # a pair word needs no other line to be confirmed less
