"""The compiled-table cache: faster builds that never serve a stale table."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from normalize import Normalizer

_TABLE = """\
version: 1
entities:
  - canonical: {name}
    type: person
    aliases: [Zorblat Quenx]
"""


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("NORMALIZE_CACHE_DIR", str(folder))
    return folder


def _table(tmp_path: Path, name: str) -> Path:
    path = tmp_path / "people.yaml"
    path.write_text(_TABLE.format(name=name), encoding="utf-8")
    return path


def _fix(n: Normalizer) -> str:
    return n.normalize("Minister Zorblat Quenx spoke.").text


def test_a_second_build_loads_the_same_tables_from_the_cache(tmp_path, cache):
    table = _table(tmp_path, "Zorb Quenlax")
    first = Normalizer(aliases=[table])
    entries = sorted(cache.glob("*.pickle"))
    assert entries, "the compiled tables were not stored"
    second = Normalizer(aliases=[table])
    assert sorted(cache.glob("*.pickle")) == entries
    assert _fix(first) == _fix(second) == "Minister Zorb Quenlax spoke."
    assert second.entities == first.entities


def test_an_edited_table_is_never_served_stale(tmp_path, cache):
    table = _table(tmp_path, "Zorb Quenlax")
    assert _fix(Normalizer(aliases=[table])) == "Minister Zorb Quenlax spoke."
    table.write_text(_TABLE.format(name="Zorb Quenlay"), encoding="utf-8")  # same size
    assert _fix(Normalizer(aliases=[table])) == "Minister Zorb Quenlay spoke."


def test_a_corrupt_entry_is_rebuilt(tmp_path, cache):
    table = _table(tmp_path, "Zorb Quenlax")
    Normalizer(aliases=[table])
    for entry in cache.glob("*.pickle"):
        entry.write_bytes(b"\x80\x05not a pickle")
    assert _fix(Normalizer(aliases=[table])) == "Minister Zorb Quenlax spoke."


def test_switched_off_writes_nothing(tmp_path, cache, monkeypatch):
    monkeypatch.setenv("NORMALIZE_CACHE", "0")
    table = _table(tmp_path, "Zorb Quenlax")
    assert _fix(Normalizer(aliases=[table])) == "Minister Zorb Quenlax spoke."
    assert not cache.exists()


def test_an_unwritable_cache_folder_only_costs_time(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("NORMALIZE_CACHE_DIR", str(blocker / "cache"))
    table = _table(tmp_path, "Zorb Quenlax")
    assert _fix(Normalizer(aliases=[table])) == "Minister Zorb Quenlax spoke."


def test_a_bad_table_is_still_refused_with_its_line(tmp_path, cache):
    table = tmp_path / "bad.yaml"
    table.write_text("version: 1\nentities:\n  - canonical: X\n    type: planet\n")
    with pytest.raises(Exception, match=r"bad\.yaml:3"):
        Normalizer(aliases=[table])
    assert not list(cache.glob("*.pickle"))  # a refused table leaves no entry


def test_the_key_covers_the_library_code(tmp_path, monkeypatch):
    import normalize.cache as cache_module

    code = tmp_path / "normalize"
    code.mkdir()
    (code / "matching.py").write_text("A = 1\n")
    monkeypatch.setattr(cache_module, "__file__", str(code / "cache.py"))
    before = cache_module.content_key([])
    (code / "matching.py").write_text("A = 2\n")
    assert cache_module.content_key([]) != before


def test_old_entries_are_pruned_by_count_and_size(tmp_path, monkeypatch):
    import normalize.cache as cache_module

    folder = tmp_path / "cache"
    monkeypatch.setenv("NORMALIZE_CACHE_DIR", str(folder))
    monkeypatch.setattr(cache_module, "_KEEP", 3)
    for i in range(5):
        cache_module.cached(f"key{i}", lambda i=i: "x" * 1000 * (i + 1))
        os.utime(folder / f"key{i}.pickle", (i, i))  # a clear order of use
    assert sorted(p.stem for p in folder.glob("*.pickle")) == ["key2", "key3", "key4"]
    monkeypatch.setattr(cache_module, "_KEEP_BYTES", 6500)
    cache_module.cached("key5", lambda: "x" * 6000)
    assert sorted(p.stem for p in folder.glob("*.pickle")) == ["key5"]  # newest is kept
