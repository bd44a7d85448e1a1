"""Corpus mode: lines that recur across documents are site furniture."""

from __future__ import annotations

import random

from normalize import Normalizer
from normalize.cli import main
from normalize.corpus import LineStats

SITE = "Lakeside Gazette online edition, printed in Ohio\nReader desk open nine to five daily\n"


def _docs(n: int) -> list[str]:
    return [f"Headline number {i} about the city budget\n"
            f"The council voted {i} to {i + 1} on the plan, officials said.\n{SITE}"
            for i in range(n)]


def test_statistics_do_not_depend_on_document_order():
    docs = _docs(8)
    shuffled = docs[:]
    random.Random(3).shuffle(shuffled)
    assert LineStats.collect(docs) == LineStats.collect(shuffled)
    assert LineStats.collect(docs[:3]).merge(LineStats.collect(docs[3:])) == \
        LineStats.collect(docs)


def test_recurring_lines_go_and_the_article_stays():
    docs = _docs(6)
    n = Normalizer(line_stats=LineStats.collect(docs))
    result = n.normalize(docs[2])
    assert result.text == ("Headline number 2 about the city budget\n"
                           "The council voted 2 to 3 on the plan, officials said.\n")
    assert {c.rule for c in result.removed} == {"boilerplate:corpus"}


def test_threshold_and_minimum_documents():
    docs = _docs(2) + ["Only text here.\n"] * 4
    stats = LineStats.collect(docs)
    assert "reader desk open nine to five daily" not in stats.recurring(0.5, 3)  # in 2 of 6
    assert "reader desk open nine to five daily" in stats.recurring(0.3, 2)


def test_saved_statistics_are_reused(tmp_path):
    stats = LineStats.collect(_docs(5))
    path = tmp_path / "stats.json"
    stats.save(path)
    assert LineStats.load(path) == stats


def test_cli_corpus_mode_saves_and_reuses_statistics(tmp_path, capfdbinary):
    for i, doc in enumerate(_docs(5)):
        (tmp_path / "in").mkdir(exist_ok=True)
        (tmp_path / "in" / f"{i}.txt").write_text(doc, encoding="utf-8")
    stats = tmp_path / "stats.json"
    out = tmp_path / "out"
    assert main([str(tmp_path / "in"), "--corpus", "--line-stats", str(stats),
                 "-o", str(out)]) == 0
    assert "Lakeside Gazette" not in (out / "0.txt").read_text(encoding="utf-8")
    single = tmp_path / "new.txt"
    single.write_text(_docs(9)[8], encoding="utf-8")
    assert main([str(single), "--line-stats", str(stats)]) == 0
    assert b"Lakeside Gazette" not in capfdbinary.readouterr().out


def test_a_bad_statistics_file_exits_2(tmp_path, capsys):
    bad = tmp_path / "stats.json"
    bad.write_text("[1, 2]", encoding="utf-8")
    assert main(["--line-stats", str(bad), "-"]) == 2
    assert "not a line-statistics file" in capsys.readouterr().err
