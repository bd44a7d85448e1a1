"""normalize-file: in process through main(), and once through the installed script."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from normalize import __version__
from normalize.cli import main

GARBLED = "South Korean President Yin Xilie agreed.\r\nAlso Read:\r\n- Another story\r\n"
CLEAN = "South Korean President Yoon Suk-yeol agreed.\r\n"


class _Stdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


def _file(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path


def test_file_to_stdout_keeps_crlf(tmp_path, capfdbinary):
    path = _file(tmp_path, "a.txt", GARBLED)
    assert main([str(path)]) == 0
    assert capfdbinary.readouterr().out == CLEAN.encode()


def test_stdin_to_stdout(monkeypatch, capfdbinary):
    monkeypatch.setattr(sys, "stdin", _Stdin(GARBLED.encode()))
    assert main(["-"]) == 0
    assert capfdbinary.readouterr().out == CLEAN.encode()


def test_check_exits_1_when_something_would_change_and_writes_nothing(tmp_path, capfdbinary):
    path = _file(tmp_path, "a.txt", GARBLED)
    assert main(["--check", str(path)]) == 1
    assert capfdbinary.readouterr().out == b""
    clean = _file(tmp_path, "b.txt", CLEAN)
    assert main(["--check", str(clean)]) == 0


def test_report_offsets_match_the_file(tmp_path):
    path = _file(tmp_path, "a.txt", GARBLED)
    report = tmp_path / "r.json"
    assert main([str(path), "-o", str(tmp_path / "out.txt"), "--report", str(report)]) == 0
    data = json.loads(report.read_text(encoding="utf-8"))
    [entry] = data["inputs"]
    raw = path.read_bytes().decode("utf-8")
    assert entry["path"] == str(path)
    for c in entry["changes"] + entry["removed"]:
        assert raw[c["start"] : c["end"]] == c["before"]
    assert {c["rule"] for c in entry["removed"]} == {"boilerplate:link-list"}
    assert (tmp_path / "out.txt").read_bytes() == CLEAN.encode()


def test_folder_to_folder_recurses_into_txt(tmp_path):
    _file(tmp_path, "in/a.txt", GARBLED)
    _file(tmp_path, "in/sub/b.txt", "Hanhe ties.\n")
    _file(tmp_path, "in/skip.md", "Yin Xilie\n")
    assert main([str(tmp_path / "in"), "-o", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out/a.txt").read_bytes() == CLEAN.encode()
    assert (tmp_path / "out/sub/b.txt").read_text(encoding="utf-8") == "Korea–Netherlands ties.\n"
    assert not (tmp_path / "out/skip.md").exists()


def test_user_aliases_are_merged(tmp_path, capfdbinary):
    table = _file(tmp_path, "t.yaml", "entities:\n  - canonical: Dick Schoof\n"
                                      "    type: person\n    aliases: [Sihuofu]\n")
    path = _file(tmp_path, "a.txt", "Sihuofu spoke.\n")
    assert main([str(path), "--aliases", str(table)]) == 0
    assert capfdbinary.readouterr().out == b"Dick Schoof spoke.\n"


@pytest.mark.parametrize(
    "argv_maker",
    [
        lambda tmp: [str(tmp / "missing.txt")],
        lambda tmp: ["--no-such-flag"],
        lambda tmp: ["--aliases", str(_file(tmp, "bad.yaml", "entities: [1]\n")), "-"],
        lambda tmp: [str(_bytes(tmp / "latin1.txt", b"caf\xe9 ok"))],
        lambda tmp: [str(_bytes(tmp / "bin.txt", b"abc\x00def"))],
    ],
    ids=["missing file", "unknown flag", "malformed table", "invalid utf-8", "binary"],
)
def test_errors_exit_2_with_one_line(tmp_path, capsys, argv_maker, monkeypatch):
    monkeypatch.setattr(sys, "stdin", _Stdin(b""))
    with pytest.raises(SystemExit) if "--no-such-flag" in argv_maker(tmp_path) else _noop():
        status = main(argv_maker(tmp_path))
        assert status == 2
    err = capsys.readouterr().err
    assert err.startswith("normalize-file: ")
    assert err.count("\n") == 1


def test_unknown_flag_exits_2(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--no-such-flag"])
    assert info.value.code == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_a_bad_input_does_not_stop_the_others(tmp_path, capfdbinary):
    good = _file(tmp_path, "good.txt", "Hanhe ties.\n")
    assert main([str(tmp_path / "missing.txt"), str(good)]) == 2
    captured = capfdbinary.readouterr()
    assert captured.out == "Korea–Netherlands ties.\n".encode()
    assert b"missing.txt" in captured.err


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_unwritable_output_is_reported_and_the_others_are_written(tmp_path, capsys, jobs):
    _file(tmp_path, "in/a.txt", "Hanhe ties.\n")
    _file(tmp_path, "in/b.txt", "Hanhe ties.\n")
    (tmp_path / "out/b.txt").mkdir(parents=True)  # a folder where the file should go
    assert main([str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-j", jobs]) == 2
    assert (tmp_path / "out/a.txt").read_text(encoding="utf-8") == "Korea–Netherlands ties.\n"
    err = capsys.readouterr().err
    assert "b.txt: cannot write" in err and "a.txt" not in err
    assert not list((tmp_path / "out").glob(".*.tmp"))  # no temporary file left behind


def test_output_that_names_an_input_is_refused(tmp_path, capsys):
    path = _file(tmp_path, "a.txt", GARBLED)
    assert main([str(path), "-o", str(path)]) == 2
    assert path.read_bytes() == GARBLED.encode()
    assert "names an input" in capsys.readouterr().err


def test_help_has_examples(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert "examples:" in out and "--aliases" in out and "--check" in out


def test_installed_script_runs_on_a_seed():
    script = shutil.which("normalize-file", path=str(Path(sys.executable).parent))
    assert script is not None, "normalize-file is not installed next to this Python"
    seed = next(p for p in sorted((Path(__file__).parent.parent / "seeds").glob("001_*.txt"))
                if not p.name.endswith(".expected.txt"))
    done = subprocess.run([script, str(seed)], capture_output=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "Yoon Suk-yeol" in done.stdout.decode("utf-8")
    version = subprocess.run([script, "--version"], capture_output=True, text=True, check=False)
    assert version.stdout.strip() == f"normalize-file {__version__}"
    module = subprocess.run([sys.executable, "-m", "normalize", "--check", str(seed)],
                            capture_output=True, check=False)
    assert module.returncode == 1


def _bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


class _noop:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False
