"""Hostile documents (seed faults, furniture, names, random Unicode and bytes) through the
API and the CLI: every contract invariant holds, nothing crashes."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from normalize import Normalizer
from normalize.cli import main
from normalize.sources import decode

NORMALIZER = Normalizer()
_PIECES = [
    "Yin Xilie", "Yin  Xi-yue ’s", "Hanhe", "Han Mei", "Lutter", "the Netherlands",
    "day.This", "working -level", "afterSemiconductor", "Koreaâ€™s", "Source:Yonhap",
    "Also Read:\n", "- A linked story\n", "| | 0 |\n", "By Hong Sun-mi\n", "© 2024 Site\n",
    "Leave a Reply\n", "\u200b", "\u202e", "e\u0301", "\r\n", "\r", "\n\n", "  ", "\ufeff",
    "“quoted”", "...", "U.S.", "3.5", "https://x.kr/a.b", "Also Read:\n" * 3,
]
hostile_text = st.lists(st.sampled_from(_PIECES) | st.text(max_size=8), max_size=40).map("".join)
hostile_bytes = st.one_of(
    hostile_text.map(lambda t: t.encode("utf-8")),
    st.binary(max_size=200),
    hostile_text.map(lambda t: t.encode("utf-16")),
)


@settings(max_examples=150, deadline=None)
@given(hostile_text)
@example("day.ThisSource:Yonhaphttps://x.kr/a.b")  # a label colon ended a URL-like token
@example('Yin Xilie."Source:Yonhap')  # a stop's space put a label at a word start
@example("e\u0301\x94\x91")  # composing after a fix completed a mojibake sequence
@example("à¸\tYin Xilie")  # a tab made a space completed a mojibake sequence
def test_api_invariants_on_hostile_documents(raw):
    result = NORMALIZER.normalize(raw)
    spans = sorted(result.changes + result.removed, key=lambda c: (c.start, c.end))
    out, pos = [], 0
    for c in spans:
        assert raw[c.start : c.end] == c.before
        assert c.start >= pos
        out += [raw[pos : c.start], c.after]
        pos = c.end
    assert "".join([*out, raw[pos:]]) == result.text
    assert NORMALIZER.normalize(result.text).text == result.text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_bytes)
def test_cli_on_hostile_files_reports_true_offsets_or_refuses(data):
    with tempfile.TemporaryDirectory() as tmp:
        path, report, out = Path(tmp, "in.txt"), Path(tmp, "r.json"), Path(tmp, "out.txt")
        path.write_bytes(data)
        status = main([str(path), "-o", str(out), "--report", str(report)])
        assert status in (0, 2)
        if status == 2:
            assert not out.exists()  # a refused input leaves no output behind
            return
        raw = decode(data).text
        [entry] = json.loads(report.read_text(encoding="utf-8"))["inputs"]
        for c in entry["changes"] + entry["removed"]:
            assert raw[c["start"] : c["end"]] == c["before"]
        assert out.read_bytes().decode("utf-8") == NORMALIZER.normalize(raw).text
