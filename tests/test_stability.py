"""A second run changes nothing, also where one fix makes room for another."""

from __future__ import annotations

from pathlib import Path

from normalize import Normalizer

_TABLE = """\
version: 1
entities:
  - canonical: Park Jin-seo
    type: person
    aliases: [P4 N4]
    context: [minister]
"""


def _twice(n: Normalizer, raw: str) -> tuple[str, str]:
    once = n.normalize(raw).text
    return once, n.normalize(once).text


def test_a_fixed_name_after_a_stop_gets_its_space_in_the_same_run(tmp_path: Path):
    table = tmp_path / "people.yaml"
    table.write_text(_TABLE, encoding="utf-8")
    n = Normalizer(aliases=[table])
    once, twice = _twice(n, "Talks ended in Seoul.P4 N4 said more would follow.")
    assert once == "Talks ended in Seoul. Park Jin-seo said more would follow."
    assert twice == once


def test_context_on_another_line_does_not_decide(normalizer):
    # the line between may be removed as furniture; the decision must not depend on it
    raw = "The Dutch delegation arrived.\nLutter said the talks were useful.\n"
    once, twice = _twice(normalizer, raw)
    assert "Lutter said" in once
    assert twice == once
    same_line = normalizer.normalize("The Dutch prime minister Lutter said so.\n").text
    assert same_line == "The Dutch prime minister Mark Rutte said so.\n"


def test_a_near_miss_never_runs_past_a_sentence_end(tmp_path: Path):
    table = tmp_path / "people.yaml"
    table.write_text(_TABLE + """\
  - canonical: Oh Seung-ye
    type: person
    aliases: [O Seung-ye]
    fuzzy: true
    context: [minister]
""", encoding="utf-8")
    n = Normalizer(aliases=[table])
    once, twice = _twice(n, "Vice Minister Oh Seeung-ye. O Seung-ye stressed the point.")
    assert once == "Vice Minister Oh Seung-ye. Oh Seung-ye stressed the point."
    assert twice == once
