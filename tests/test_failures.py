"""Bad input gets a clear error and loses nothing; a rewrite is all or nothing."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from normalize import Normalizer, cli
from normalize.cli import main
from normalize.sources import InputError, decode

GARBLED = "President Yin Xilie agreed.\r\n"
CLEAN = "President Yoon Suk-yeol agreed.\r\n"


def test_decode_rules():
    assert decode(b"\xef\xbb\xbfabc").text == "abc"  # a UTF-8 BOM is dropped
    assert decode("Yin Xilie\r\n".encode("utf-16-le").join([b"\xff\xfe", b""])).text == \
        "Yin Xilie\r\n"
    assert decode(b"x\ry").text == "x\ry"
    assert decode(b"").text == ""
    with pytest.raises(InputError, match="not valid UTF-8 at byte 3"):
        decode(b"caf\xe9")
    with pytest.raises(InputError, match="binary file"):
        decode(b"PK\x03\x04\x00\x00")
    replaced = decode(b"a\xffb\xfec", errors="replace")
    assert (replaced.text, replaced.replaced, replaced.first_replaced) == \
        ("a\ufffdb\ufffdc", 2, 1)


def test_in_place_rewrites_atomically_and_keeps_permissions(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(GARBLED.encode())
    os.chmod(path, 0o640)
    untouched = tmp_path / "b.txt"
    untouched.write_bytes(CLEAN.encode())
    before = untouched.stat().st_mtime_ns
    assert main(["--in-place", str(path), str(untouched)]) == 0
    assert path.read_bytes() == CLEAN.encode()
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert untouched.stat().st_mtime_ns == before  # nothing to change, not rewritten
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]


def test_an_interrupt_mid_write_leaves_the_original_whole(tmp_path, monkeypatch, capsys):
    path = tmp_path / "a.txt"
    path.write_bytes(GARBLED.encode())

    def interrupted(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli.os, "fsync", interrupted)
    assert main(["--in-place", str(path)]) == cli.EXIT_INTERRUPTED
    assert path.read_bytes() == GARBLED.encode()
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]  # no temporary file left
    assert "interrupted" in capsys.readouterr().err


def test_in_place_needs_files_and_no_output(tmp_path, capsys):
    with pytest.raises(SystemExit) as info:
        main(["--in-place", "-"])
    assert info.value.code == 2


def test_errors_replace_keeps_going_and_says_what_it_replaced(tmp_path, capfdbinary):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Yin Xilie caf\xe9.\n")
    assert main(["--errors", "replace", str(bad)]) == 0
    captured = capfdbinary.readouterr()
    assert captured.out == "Yoon Suk-yeol caf\ufffd.\n".encode()
    assert b"replaced 1 invalid byte sequence(s), the first at byte 13" in captured.err


def test_utf16_input_is_read_and_written_as_utf8(tmp_path):
    path = tmp_path / "w.txt"
    path.write_bytes(GARBLED.encode("utf-16"))
    out = tmp_path / "out.txt"
    assert main([str(path), "-o", str(out)]) == 0
    assert out.read_bytes() == CLEAN.encode()


def test_a_bad_file_in_a_folder_does_not_stop_the_others(tmp_path, capfdbinary):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(b"Hanhe ties.\n")
    (folder / "b.txt").write_bytes(b"\x00\x01binary")
    (folder / "c.txt").write_bytes(b"")
    assert main([str(folder)]) == 2
    captured = capfdbinary.readouterr()
    assert captured.out == "Korea–Netherlands ties.\n".encode()
    assert captured.err.count(b"\n") == 1 and b"b.txt: binary file" in captured.err


def test_closed_standard_input_reads_as_empty(monkeypatch, capfdbinary):
    monkeypatch.setattr(sys, "stdin", None)
    assert main([]) == 0
    assert capfdbinary.readouterr().out == b""


def test_writing_to_a_closed_pipe_ends_quietly(tmp_path):
    script = shutil.which("normalize-file", path=str(Path(sys.executable).parent))
    big = tmp_path / "big.txt"
    big.write_text("Yin Xilie met reporters on Monday.\n" * 20000, encoding="utf-8")
    done = subprocess.run(f"'{script}' '{big}' | head -1", shell=True, capture_output=True,
                          check=False)
    assert done.stdout == b"Yoon Suk-yeol met reporters on Monday.\n"
    assert b"Traceback" not in done.stderr and b"BrokenPipe" not in done.stderr


def test_lone_surrogates_never_crash():
    result = Normalizer().normalize("Yin Xilie \udcff said\udc80.")
    assert result.text == "Yoon Suk-yeol \udcff said\udc80."
