"""Many inputs: -j keeps the output order; JSON Lines keep every other field."""

from __future__ import annotations

import io
import json
import sys

from normalize.cli import main


class _Stdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)

    def close(self) -> None:  # worker processes close standard input when they start
        self.buffer.close()


def _files(tmp_path, n):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(n):
        (folder / f"{i:02d}.txt").write_text(f"Document {i}: Yin Xilie met Lutter in the "
                                             f"Netherlands on the same day.This was new.\n",
                                             encoding="utf-8")
    return folder


def test_two_processes_give_the_same_output_in_the_same_order(tmp_path, capfdbinary):
    folder = _files(tmp_path, 12)
    assert main([str(folder)]) == 0
    one = capfdbinary.readouterr().out
    assert main([str(folder), "-j", "2"]) == 0
    two = capfdbinary.readouterr().out
    assert one == two
    assert one.decode().splitlines()[3].startswith("Document 3: Yoon Suk-yeol met Mark Rutte")


def test_jsonl_normalizes_one_field_and_keeps_the_others(monkeypatch, capfdbinary):
    records = [{"id": 1, "text": "Yin Xilie left.", "lang": "en"},
               {"id": 2, "body": "no text field"},
               {"id": 3, "text": "Hanhe ties.", "tags": ["a"]}]
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records) + "not json\n"
    monkeypatch.setattr(sys, "stdin", _Stdin(data.encode()))
    assert main(["--jsonl", "-j", "2"]) == 2  # two records could not be normalized
    captured = capfdbinary.readouterr()
    lines = captured.out.decode().splitlines()
    assert json.loads(lines[0]) == {"id": 1, "text": "Yoon Suk-yeol left.", "lang": "en"}
    assert json.loads(lines[1]) == {"id": 2, "body": "no text field"}
    assert json.loads(lines[2]) == {"id": 3, "text": "Korea–Netherlands ties.", "tags": ["a"]}
    assert lines[3] == "not json"
    assert b"record 2: no string field 'text'" in captured.err
    assert b"record 4: not a JSON record" in captured.err


def test_jsonl_with_changes_and_another_field(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"body": "Yin Xilie left.\nAlso Read:\n- Another story\n"}) + "\n",
                   encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main([str(src), "--jsonl", "--field", "body", "--with-changes", "-o",
                 str(out)]) == 0
    [record] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert record["body"] == "Yoon Suk-yeol left.\n"
    assert record["normalize"]["changes"][0]["rule"] == "alias:Yoon Suk-yeol"
    assert {r["rule"] for r in record["normalize"]["removed"]} == {"boilerplate:link-list"}
