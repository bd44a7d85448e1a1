"""Each kind of malformed table is refused with path, line and a clear problem."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from normalize import AliasTableError, Normalizer
from normalize.tables import load_tables


def _write(tmp_path: Path, text: str, name: str = "t.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        ("entities:\n  - canonical: A\n    type: [\n", 4, "did not find expected node content"),
        ("entities:\n  - canonical: A\n    type: person\n    type: place\n", 4,
         "duplicate key 'type'"),
        ("entities:\n  - canonical: A\n    type: person\n    nickname: B\n", 2,
         "unknown key 'nickname' in entity (allowed: aliases, canonical, context, fuzzy, "
         "hangul, hanzi, type)"),
        ("entities:\n  - canonical: A\n    type: person\n    aliases: B\n", 2,
         "'aliases' must be a list"),
        ("entities:\n  - canonical: A\n    type: person\n    fuzzy: maybe\n", 2,
         "'fuzzy' must be true or false, got 'maybe'"),
        ("entities:\n  - canonical: A\n    type: animal\n", 2,
         "type 'animal' is not one of person, organization, place, term"),
        ("entities:\n  - canonical: '  '\n    type: person\n", 2,
         "'canonical' must not be empty"),
        ("entities:\n  - type: person\n", 2, "missing required key 'canonical'"),
        ("entities:\n  - canonical: A\n    type: person\n    hanzi: abc\n", 2,
         "hanzi 'abc' must be Chinese characters only"),
        ("entities:\n  - canonical: A\n    type: person\n  - canonical: a\n    type: place\n",
         4, "canonical 'a' is already defined at line 2"),
        ("version: 2\n", 1, "unsupported version 2 (expected 1)"),
        ("compounds:\n  - hanzi: 韩\n", 2, "missing required key 'name'"),
        ("entities:\n  - canonical: A\n    type: person\n"
         "    aliases: [{variant: B, gated: true}]\n", 2, "a gated alias needs 'context' words"),
    ],
)
def test_malformed_table_names_file_line_and_problem(tmp_path, text, line, problem):
    path = _write(tmp_path, text)
    with pytest.raises(AliasTableError) as info:
        load_tables([path])
    err = info.value
    assert err.path == str(path)
    assert err.line == line
    assert err.problem == problem
    assert str(err).startswith(f"{path}:{line}: ")


def test_one_alias_claimed_by_two_entities_names_both(tmp_path):
    path = _write(tmp_path, "entities:\n  - canonical: A\n    type: person\n    aliases: [X]\n"
                            "  - canonical: B\n    type: person\n    aliases: [x]\n")
    with pytest.raises(AliasTableError, match=r"alias 'x' already belongs to 'A' \(.*:2\)"):
        load_tables([path])


def test_unreadable_table_is_an_error(tmp_path):
    with pytest.raises(AliasTableError, match="no such table"):
        Normalizer(aliases=[tmp_path / "missing.yaml"])
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes(b"entities:\n  - canonical: Caf\xe9\n    type: place\n")
    with pytest.raises(AliasTableError, match="cannot read table"):
        load_tables([bad])


def test_a_bad_table_loads_nothing(tmp_path):
    good = _write(tmp_path, "entities:\n  - canonical: Acme Corp\n    type: organization\n"
                            "    aliases: [Acme Co]\n", "a.yaml")
    _write(tmp_path, "entities:\n  - canonical: B\n    type: nope\n", "b.yaml")
    with pytest.raises(AliasTableError):
        Normalizer(aliases=[tmp_path])
    assert Normalizer(aliases=[good]).normalize("Acme Co grew.").text == "Acme Corp grew."


def test_user_table_replaces_builtin_entity_with_same_canonical(tmp_path):
    path = _write(tmp_path, "entities:\n  - canonical: Yoon Suk-yeol\n    type: person\n"
                            "    aliases: [President Yoon Seok Youl]\n")
    n = Normalizer(aliases=[path])
    assert n.normalize("Yin Xilie left.").text == "Yin Xilie left."  # built-in alias gone
    assert n.normalize("President Yoon Seok Youl left.").text == "Yoon Suk-yeol left."


def test_user_entities_merge_over_builtins(tmp_path):
    path = _write(tmp_path, "entities:\n  - canonical: Dick Schoof\n    type: person\n"
                            "    aliases: [Sihuofu]\n")
    n = Normalizer(aliases=[path])
    out = n.normalize("Yin Xilie met Sihuofu.").text
    assert out == "Yoon Suk-yeol met Dick Schoof."


def test_regex_special_characters_in_aliases_match_literally(tmp_path):
    path = _write(tmp_path, "entities:\n"
                            "  - {canonical: AT&T Inc., type: organization, aliases: [AT & T]}\n"
                            "  - {canonical: S&P 500, type: term, aliases: [S&P500]}\n"
                            "  - {canonical: C++, type: term, aliases: [Cplusplus]}\n")
    n = Normalizer(aliases=[path])
    assert n.normalize("AT & T and S&P500 and Cplusplus.").text == \
        "AT&T Inc. and S&P 500 and C++."
    assert n.normalize("ATXT and SxP500").text == "ATXT and SxP500"


@pytest.mark.parametrize("module, loader, name, content, problem", [
    ("matching", "_cues", "name_cues.yaml",
     "version: 1\nparticles: [van, Von]\nchinese: [Chinese]\n", "'particles'"),
    ("variants", "_translated_endings", "translated_endings.yaml",
     "version: 1\nendings:\n  社: News Agency\n", "ending '社' must list"),
])
def test_bad_data_files_name_their_file(tmp_path, monkeypatch, module, loader, name,
                                        content, problem):
    import importlib
    mod = importlib.import_module(f"normalize.{module}")
    load = getattr(mod, loader)
    bad = tmp_path / name
    bad.write_text(content, encoding="utf-8")
    monkeypatch.setattr(mod, "data_file", lambda _: bad)
    load.cache_clear()
    try:
        with pytest.raises(AliasTableError, match=rf"{re.escape(name)}:\d+: {re.escape(problem)}"):
            load()
    finally:
        load.cache_clear()
