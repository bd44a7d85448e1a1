"""The offset engine: every change points into the original, whatever the steps did."""

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from normalize.tracked import Edit, TrackedText


def _splice(text: str, edits: list[Edit]) -> str:
    out, pos = [], 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        out.append(text[pos : e.start])
        out.append(e.after)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def _rebuild(raw: str, tracked: TrackedText) -> str:
    return _splice(raw, [Edit(c.start, c.end, c.after, c.rule, c.kind) for c in tracked.spans()])


@st.composite
def _step(draw, text: str) -> list[Edit]:
    """Non-overlapping random edits on ``text``, insertions and deletions included."""
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
    edits, last = [], -1
    for a, b in zip(cuts[::2], cuts[1::2]):
        if a <= last or (a == b and a == last):
            continue
        edits.append(Edit(a, b, draw(st.sampled_from(["", "x", "YZ", " ", "abc"])),
                          "test", "typography"))
        last = b
    return edits


@st.composite
def _history(draw):
    raw = draw(st.text(alphabet="ab \n.", max_size=30))
    tracked = TrackedText(raw)
    expected = raw
    for _ in range(draw(st.integers(1, 5))):
        edits = draw(_step(expected))
        tracked.apply(edits)
        expected = _splice(expected, edits)
    return raw, tracked, expected


@settings(max_examples=400)
@given(_history())
def test_multi_step_edits_keep_every_invariant(history):
    raw, tracked, expected = history
    assert tracked.text == expected
    spans = tracked.spans()
    for c in spans:
        assert raw[c.start : c.end] == c.before  # I1
        assert c.before != c.after
    for a, b in pairwise(spans):
        assert a.end <= b.start  # I2
        assert not (a.start == a.end == b.start == b.end)
    assert _rebuild(raw, tracked) == expected  # I3


def test_edit_inside_an_earlier_change_absorbs_it():
    t = TrackedText("Yin  Xilie said")
    t.apply([Edit(3, 5, " ", "typography:spaces", "typography")])
    t.apply([Edit(0, 9, "Yoon Suk-yeol", "alias:Yoon Suk-yeol", "alias")])
    [change] = t.spans()
    assert (change.before, change.after, change.rule) == ("Yin  Xilie", "Yoon Suk-yeol",
                                                          "alias:Yoon Suk-yeol")


def test_an_edit_that_restores_the_original_cancels_the_change():
    t = TrackedText("a  b")
    t.apply([Edit(1, 3, " ", "r", "typography")])
    t.apply([Edit(1, 2, "  ", "r", "typography")])
    assert t.text == "a  b"
    assert t.spans() == []


def test_metadata_rides_on_the_edit_and_survives_merging():
    t = TrackedText("Source:Yonhap\nBody")
    t.apply([Edit(7, 7, " ", "typography:label-colon", "typography")])
    t.apply([Edit(0, 15, "", "boilerplate:source", "boilerplate",
                  metadata=(("source", "Yonhap"),))])
    assert t.text == "Body"
    assert t.metadata() == {"source": "Yonhap"}
    [removal] = t.spans()
    assert removal.before == "Source:Yonhap\n"
