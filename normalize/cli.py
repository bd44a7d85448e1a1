"""normalize-file: the command-line face of :class:`normalize.Normalizer`.

Parse, build the normalizer, read, normalize, write, report, exit. Errors from bad
tables, unreadable files and bad usage are turned into one line and exit status 2
here and nowhere else.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import NoReturn

from normalize import __version__
from normalize.batch import (
    batched,
    job_count,
    normalize_records,
    ordered_map,
    result_report,
    worker_normalizer,
)
from normalize.corpus import LineStats
from normalize.model import Result
from normalize.normalizer import Normalizer
from normalize.sources import Decoded, InputError, decode
from normalize.tables import AliasTableError

EXIT_OK, EXIT_WOULD_CHANGE, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130  # the shell's convention for Ctrl-C
PROG = "normalize-file"

_EXAMPLES = """\
examples:
  normalize-file article.txt                      clean one file to standard output
  cat article.txt | normalize-file                read standard input
  normalize-file raw/ -o clean/                   clean every *.txt under raw/ into clean/
  normalize-file a.txt --aliases people.yaml      add your own alias table
  normalize-file raw/ --check --report r.json     change nothing; exit 1 if anything would
                                                  change, and say what in r.json
"""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, not the usage block
        self.exit(EXIT_USAGE, f"{self.prog}: {message}\n")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog=PROG,
        description="Clean machine-translated, scraped news text: canonical names, "
                    "repaired spacing and encoding, boilerplate and duplicates removed.",
        epilog=_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("inputs", nargs="*", metavar="INPUT",
                   help="files or folders (every *.txt below them); none or '-' reads "
                        "standard input")
    p.add_argument("-o", "--output", metavar="PATH",
                   help="write clean text to this file, or into this folder for several "
                        "inputs (default: standard output)")
    p.add_argument("--aliases", action="append", default=[], metavar="PATH",
                   help="an extra alias table (file or folder), merged over the built-in "
                        "ones; repeatable")
    p.add_argument("--rules", action="append", default=[], metavar="PATH",
                   help="an extra boilerplate rules file; its families replace built-in "
                        "ones of the same name or add new ones; repeatable")
    p.add_argument("--disable-rule", action="append", default=[], metavar="NAME",
                   help="switch off a boilerplate family, e.g. share-widget; repeatable")
    p.add_argument("--corpus", action="store_true",
                   help="first count the lines that recur across all inputs, then remove "
                        "those found in many documents as site furniture")
    p.add_argument("--line-stats", metavar="FILE",
                   help="with --corpus: save the line statistics here; without: load and "
                        "apply statistics saved by an earlier run")
    p.add_argument("--corpus-threshold", type=float, default=0.5, metavar="FRACTION",
                   help="share of documents a line must appear in to be furniture "
                        "(default 0.5)")
    p.add_argument("--corpus-min-docs", type=int, default=3, metavar="N",
                   help="and at least this many documents (default 3)")
    p.add_argument("--report", metavar="PATH",
                   help="write a JSON report of every change, removal and metadata value")
    p.add_argument("-i", "--in-place", action="store_true",
                   help="rewrite each input file with its clean text (atomically: the "
                        "original stays whole if anything fails)")
    p.add_argument("--errors", choices=("strict", "replace"), default="strict",
                   help="invalid UTF-8: 'strict' (default) reports the file and skips it; "
                        "'replace' puts U+FFFD in place of each bad sequence and says so")
    p.add_argument("-j", "--jobs", type=int, default=1, metavar="N",
                   help="worker processes (0: one per core); output order is kept")
    p.add_argument("--jsonl", action="store_true",
                   help="inputs are JSON Lines: normalize one field of each record and keep "
                        "every other field")
    p.add_argument("--field", default="text", metavar="NAME",
                   help="with --jsonl: the field to normalize (default: text)")
    p.add_argument("--with-changes", action="store_true",
                   help="with --jsonl: add each record's changes, removals and metadata "
                        "under 'normalize'")
    p.add_argument("-q", "--quiet", action="store_true",
                   help="no progress bar (it shows only when standard error is a terminal)")
    p.add_argument("--check", action="store_true",
                   help="write no text; exit 1 if any input would change")
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.in_place and (args.output or not args.inputs or "-" in args.inputs):
        parser.error("--in-place needs input files and no -o")
    try:
        inputs = list(_expand(args.inputs or ["-"]))
        _check_output(args.output, inputs)
        stdin: dict[str, bytes] = {}
        stats = _line_stats(args, inputs, stdin)
        normalizer = Normalizer(aliases=args.aliases, rules=args.rules,
                                disabled_rules=args.disable_rule, line_stats=stats,
                                corpus_threshold=args.corpus_threshold,
                                corpus_min_documents=args.corpus_min_docs)
    except (AliasTableError, OSError, ValueError) as err:
        return _fail(err)
    if args.jsonl:
        return _run_jsonl(args, inputs, stdin, normalizer)
    status = EXIT_OK
    reports = []
    changed = False
    folder_out = args.output is not None and (len(inputs) > 1 or Path(args.output).is_dir())
    tasks = ((name, _stdin_bytes(stdin) if name == "-" else None, args.errors,
              bool(args.report), _target(name, root, args, folder_out), args.in_place)
             for name, root in inputs)
    try:
        per_task = _files_per_task(len(inputs), job_count(args.jobs))
        work = ordered_map(_process_batch, batched(tasks, per_task), normalizer, args.jobs)
        for name, decoded, error, text, differs, report in _progress(
                (r for batch in work for r in batch), args, len(inputs)):
            if decoded is not None and decoded.replaced:
                print(f"{PROG}: {name}: replaced {decoded.replaced} invalid byte sequence(s), "
                      f"the first at byte {decoded.first_replaced}", file=sys.stderr)
            if error is not None:
                _fail(f"{name}: {error}")
                status = EXIT_USAGE
                continue
            changed = changed or differs
            if report is not None:
                reports.append(report)
            if text is not None and not args.check:  # not written by the worker
                sys.stdout.buffer.write(text.encode("utf-8", errors="surrogateescape"))
                sys.stdout.buffer.flush()
        if args.report:
            _write_atomic(Path(args.report), json.dumps({"inputs": reports}, ensure_ascii=False,
                                                        indent=2) + "\n")
    except BrokenPipeError:
        _silence_stdout()
        return status
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted; every file is either fully written or untouched",
              file=sys.stderr)
        return EXIT_INTERRUPTED
    except OSError as err:
        return _fail(err)
    if status == EXIT_OK and args.check and changed:
        return EXIT_WOULD_CHANGE
    return status


def _process_batch(tasks: list[tuple]) -> list[tuple]:
    """A few inputs per task: small files cost less to hand out in groups."""
    return [_process(task) for task in tasks]


def _process(task: tuple) -> tuple:
    """Read, decode, normalize and write one input (in a worker process with -j, so
    that writing and fsync run in parallel too). Only the clean text for standard
    output and, when asked for, the report travel back."""
    name, data, errors, want_report, target, in_place = task
    try:
        decoded = _read(name, {} if data is None else {"-": data}, errors)
    except (OSError, InputError) as err:
        return name, None, _reason(err), None, False, None
    result = worker_normalizer().normalize(decoded.text)
    differs = result.text != decoded.text
    report = _report_entry(name, result, decoded) if want_report else None
    decoded = replace(decoded, text="")
    if target is None:
        return name, decoded, None, result.text, differs, report
    try:
        if not in_place or differs or decoded.encoding != "utf-8":  # in place: if needed
            _write_atomic(Path(target), result.text, keep_mode=in_place)
    except OSError as err:
        return name, decoded, f"cannot write {target}: {_reason(err)}", None, differs, None
    return name, decoded, None, None, differs, report


def _target(name: str, root: Path | None, args: argparse.Namespace,
            folder_out: bool) -> str | None:
    """The file an input's clean text goes to; None for standard output or --check."""
    if args.check:
        return None
    if args.in_place:
        return name
    if args.output is None:
        return None
    if not folder_out:
        return args.output
    source = Path("stdin.txt" if name == "-" else name)
    relative = source.relative_to(root) if root is not None else Path(source.name)
    return str(Path(args.output) / relative)


_RECORDS_PER_TASK = 64
_FILES_PER_TASK = 8
_TASKS_PER_JOB = 32  # the last task to finish leaves the other processes idle


def _files_per_task(files: int, jobs: int) -> int:
    """Up to eight files a task (less traffic for many small files), yet enough tasks
    that no process is left waiting long for the last one.

    >>> _files_per_task(100, 2), _files_per_task(100_000, 2), _files_per_task(3, 1)
    (1, 8, 1)
    """
    return max(1, min(_FILES_PER_TASK, files // (_TASKS_PER_JOB * jobs)))


def _run_jsonl(args: argparse.Namespace, inputs: list, stdin: dict[str, bytes],
               normalizer: Normalizer) -> int:
    """Stream JSON Lines records in order, in constant memory."""
    status = EXIT_OK
    out = (open(args.output, "w", encoding="utf-8", newline="")  # noqa: SIM115
           if args.output else None)
    try:
        for name, _ in inputs:
            try:
                lines = _jsonl_lines(name, stdin)
                batches = batched(lines, _RECORDS_PER_TASK)
                work = ordered_map(_records_task, ((b, args.field, args.with_changes)
                                                   for b in batches), normalizer, args.jobs)
                number = 0
                for results in _progress(work, args, None):
                    for line, error in results:
                        number += 1
                        if error:
                            _fail(f"{name}: record {number}: {error}; passed through")
                            status = EXIT_USAGE
                        _emit(out, line.rstrip("\r\n") + "\n")
            except (OSError, UnicodeDecodeError) as err:
                _fail(f"{name}: {_reason(err)}")
                status = EXIT_USAGE
    except BrokenPipeError:
        _silence_stdout()
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    finally:
        if out is not None:
            out.close()
    return status


def _records_task(task: tuple) -> list[tuple[str, str | None]]:
    lines, field, with_changes = task
    return normalize_records(lines, field, with_changes)


def _jsonl_lines(name: str, stdin: dict[str, bytes]) -> Iterator[str]:
    if name == "-":
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:
            return
        for raw in stream:
            yield raw.decode("utf-8")
        return
    with open(name, encoding="utf-8", newline="") as f:
        yield from f


def _emit(out, line: str) -> None:
    if out is None:
        sys.stdout.buffer.write(line.encode("utf-8", errors="surrogateescape"))
    else:
        out.write(line)


def _progress(iterable: Iterator, args: argparse.Namespace, total: int | None) -> Iterator:
    """A progress bar on standard error for long runs, only when it is a terminal."""
    wanted = not args.quiet and sys.stderr is not None and sys.stderr.isatty() and (
        args.jsonl or (total or 0) > 1)
    if not wanted:
        return iterable
    from tqdm import tqdm

    return tqdm(iterable, total=total, unit="doc" if total else "batch", file=sys.stderr)


def _stdin_bytes(stdin: dict[str, bytes]) -> bytes:
    if "-" not in stdin:
        stream = getattr(sys.stdin, "buffer", None)
        stdin["-"] = stream.read() if stream is not None else b""
    return stdin["-"]


def _line_stats(args: argparse.Namespace, inputs: list[tuple[str, Path | None]],
                stdin: dict[str, bytes]) -> LineStats | None:
    """The first pass of --corpus, or statistics saved by an earlier run."""
    if not args.corpus:
        return LineStats.load(args.line_stats) if args.line_stats else None
    stats = LineStats.collect(text for text in (_read_or_none(n, stdin) for n, _ in inputs)
                              if text is not None)
    if args.line_stats:
        stats.save(args.line_stats)
    return stats


def _read_or_none(name: str, stdin: dict[str, bytes]) -> str | None:
    try:
        return _read(name, stdin).text
    except (OSError, InputError):
        return None  # reported when the second pass reads it again


def _expand(names: Sequence[str]) -> Iterator[tuple[str, Path | None]]:
    """Each input file, with the folder it was found under (None for a named file)."""
    for name in names:
        path = Path(name)
        if name != "-" and path.is_dir():
            files = sorted(f for f in path.rglob("*.txt") if f.is_file())
            for f in files:
                yield str(f), path
        else:
            yield name, None


def _check_output(output: str | None, inputs: list[tuple[str, Path | None]]) -> None:
    if output is None:
        return
    out = Path(output).resolve()
    for name, _ in inputs:
        if name != "-" and Path(name).resolve() == out:
            raise ValueError(f"-o {output} names an input; refusing to overwrite it")
    if len(inputs) > 1 and out.exists() and not out.is_dir():
        raise ValueError(f"-o {output} must be a folder when there are several inputs")


def _read(name: str, stdin: dict[str, bytes], errors: str = "strict") -> Decoded:
    """Bytes decoded by :func:`normalize.sources.decode`; line endings untouched, so
    report offsets match the file. Standard input is read once (for --corpus)."""
    if name == "-":
        return decode(_stdin_bytes(stdin), errors=errors)
    with open(name, "rb") as f:
        return decode(f.read(), errors=errors)


def _write_atomic(path: Path, text: str, *, keep_mode: bool = False) -> None:
    """Write to a temporary file beside ``path``, flush, fsync, then rename: all or
    nothing, also on Ctrl-C. ``keep_mode`` gives the new file the old one's permissions."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o7777 if keep_mode and path.exists() else None
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="", errors="surrogateescape") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _report_entry(name: str, result: Result, decoded: Decoded) -> dict:
    return {"path": name, "encoding": decoded.encoding, "replaced_bytes": decoded.replaced,
            **result_report(result)}


def _reason(err: BaseException) -> str:
    if isinstance(err, OSError) and err.strerror:
        return err.strerror
    return str(err)


def _fail(err: object) -> int:
    print(f"{PROG}: {err}", file=sys.stderr)
    return EXIT_USAGE


def _silence_stdout() -> None:
    """After the reader of a pipe went away, keep Python from complaining at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
