"""Throughput of the full pipeline against its peers: one core, one run, the same input.

For each table size (entities with hanzi and hangul forms, ``benchmarks/tables.py``) a
fresh subprocess, so that peak memory belongs to that table alone:

1. builds ``Normalizer(aliases=[table])`` twice: cold (``NORMALIZE_CACHE_DIR`` points at
   an empty folder), then again in the same process (served by the compiled-table cache);
2. generates a seeded news-like corpus of ``--mb`` MB naming that table's entities
   (``benchmarks/corpus.py``) and writes it as JSON Lines;
3. times each engine over the same documents, after a short untimed warm-up (a fast
   engine over several passes, averaged, so that each is timed for at least a second),
   in ``--rounds`` rounds that take the engines in turn, each round with freshly built
   engines (a new ``Normalizer`` from the cache: nothing remembered from the round
   before); the best round counts, as the least disturbed by other work on the machine:

   full         ``normalizer.normalize(doc).text``
   exact        ``normalizer.names.exact(doc)``, its edits spliced in: the exact-name
                step alone (no fuzzy near misses), doing the replacers' work
   flashtext    ``KeywordProcessor(case_sensitive=False).replace_keywords(doc)`` loaded
                with every variant of every entity (gated aliases left out)
   ahocorasick  a raw pyahocorasick scan with the same keys: whole words,
                leftmost-longest, replaced
   ftfy         ``ftfy.fix_text(doc)``, defaults
   floor        read the JSON Lines file, split it into documents, write them back

The peers replace every spelling wherever it stands as a whole word; the name step also
checks capitalization and context words, and the full pipeline does everything else.

It prints MB/s (10^6 bytes of UTF-8 input per second), seconds per pass (best round;
"slowest" says how much longer the worst round took), the full pipeline's speed over
each peer's, the share of documents each engine changed and its output length over its
input length (a sanity check), build times, peak RSS (``ru_maxrss``, a high-water mark:
after the first build, after each engine), and the
targets, on the 10,000-entity table: full >= 3x flashtext and >= 5x ftfy in MB/s, exact
within 1.5x of the raw ahocorasick time. ``--linearity 1 10 100`` also times the full
pipeline on the first 1, 10 and 100 MB of one corpus (time ratio / size ratio <= 1.2 is
linear). Each measurement runs in one process with one thread: one core. Needs
``pip install -e '.[bench]'`` (flashtext); ``make bench`` runs the defaults.

Usage: python benchmarks/throughput.py [--mb 20] [--entities 1000 10000 100000]
           [--only ENGINE ...] [--rounds 3] [--linearity 1 10 100] [--seed 0]
           [--json PATH]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from corpus import make_corpus, read_documents, write_documents
from tables import write_table

ENGINES = ("full", "exact", "flashtext", "ahocorasick", "ftfy", "floor")
PEERS = ("flashtext", "ahocorasick")  # engines that need the keyword list
WARMUP_DOCS = 20
MIN_SECONDS = 1.0  # a fast engine is timed over several passes, for a steadier figure
LINEARITY_LIMIT = 1.2
TARGET_ENTITIES = 10000


# ---------------------------------------------------------------- engines


def engine_full(normalizer) -> Callable[[str], str]:
    normalize = normalizer.normalize
    return lambda doc: normalize(doc).text


def engine_exact(normalizer) -> Callable[[str], str]:
    exact = normalizer.names.exact

    def run(doc: str) -> str:
        return apply_edits(doc, sorted(exact(doc), key=lambda e: e.start))

    return run


def apply_edits(doc: str, edits: Sequence) -> str:
    """Splice non-overlapping edits (start, end, after), sorted by start, into ``doc``."""
    if not edits:
        return doc
    parts, pos = [], 0
    for e in edits:
        parts.append(doc[pos:e.start])
        parts.append(e.after)
        pos = e.end
    parts.append(doc[pos:])
    return "".join(parts)


def engine_flashtext(keywords: dict[str, str]) -> Callable[[str], str]:
    from flashtext import KeywordProcessor

    processor = KeywordProcessor(case_sensitive=False)
    for key, canonical in keywords.items():
        processor.add_keyword(key, canonical)
    return processor.replace_keywords


def engine_ahocorasick(keywords: dict[str, str]) -> Callable[[str], str]:
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for key, canonical in keywords.items():
        automaton.add_word(key, (len(key), canonical))
    automaton.make_automaton()
    return lambda doc: scan(automaton, doc)


def scan(automaton, doc: str) -> str:
    """Replace whole-word hits, leftmost-longest, never overlapping."""
    low = doc.lower()
    if len(low) != len(doc):  # "İ" lowers to two characters: keep offsets aligned
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in doc)
    last = len(low) - 1
    hits = []
    for end, (length, canonical) in automaton.iter(low):
        start = end - length + 1
        if (start and low[start - 1].isalnum()) or (end < last and low[end + 1].isalnum()):
            continue
        hits.append((start, -length, canonical))
    if not hits:
        return doc
    hits.sort()
    parts, pos = [], 0
    for start, negative_length, canonical in hits:
        if start >= pos:
            parts.append(doc[pos:start])
            parts.append(canonical)
            pos = start - negative_length
    parts.append(doc[pos:])
    return "".join(parts)


def engine_ftfy() -> Callable[[str], str]:
    import ftfy

    return ftfy.fix_text


def peer_keywords(normalizer) -> dict[str, str]:
    """Every exact spelling the name step knows, lowercased, to its canonical name;
    gated aliases (which need a context word) are left out, a later spelling wins."""
    from normalize._resources import builtin_aliases_dir
    from normalize.tables import load_tables
    from normalize.variants import (
        ROMANIZATION,
        compound_variants,
        entity_variants,
        first_reading,
    )

    keywords = {v.text.lower(): v.canonical
                for v in entity_variants(normalizer.entities, ROMANIZATION)
                if v.rule != "gated-alias"}
    compounds = load_tables([builtin_aliases_dir()]).compounds
    for text, wanted in compound_variants(compounds, first_reading).items():
        keywords[text.lower()] = wanted
    return keywords


# ---------------------------------------------------------------- measuring


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1e6 if sys.platform == "darwin" else peak / 1024


def timed(build: Callable):
    start = time.perf_counter()
    value = build()
    return value, time.perf_counter() - start


def time_engine(run: Callable[[str], str], docs: Sequence[str]) -> dict:
    for doc in docs[:WARMUP_DOCS]:
        run(doc)
    outs: list[str] = []

    def one_pass() -> None:
        outs[:] = [run(doc) for doc in docs]

    timing = repeat(one_pass)
    timing["changed"] = sum(out != doc for out, doc in zip(outs, docs)) / len(docs)
    timing["out_in"] = sum(map(len, outs)) / sum(map(len, docs))
    return timing


def time_floor(src: Path, dst: Path) -> dict:
    src.read_bytes()  # warm the page cache
    timing = repeat(lambda: write_documents(dst, read_documents(src)))
    timing.update(changed=None, out_in=None)
    return timing


def repeat(one_pass: Callable[[], object]) -> dict:
    """Seconds per pass, averaged over as many passes as fill MIN_SECONDS (at least one)."""
    gc.collect()
    passes, seconds = 0, 0.0
    while passes == 0 or seconds < MIN_SECONDS:
        start = time.perf_counter()
        one_pass()
        seconds += time.perf_counter() - start
        passes += 1
    return {"seconds": seconds / passes, "passes": passes}


def say(message: str) -> None:
    print(f"  {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------- workers


def build_twice(table: Path) -> tuple[object, dict]:
    from normalize import Normalizer

    Normalizer()  # imports, lexicon and built-in tables: not the table's cost
    say(f"building the normalizer from {table.name} (cold cache)")
    normalizer, cold = timed(lambda: Normalizer(aliases=[table]))
    rss = peak_rss_mb()
    del normalizer
    gc.collect()
    normalizer, cached = timed(lambda: Normalizer(aliases=[table]))
    return normalizer, {"build_s": cold, "rebuild_s": cached, "rss_build_mb": rss}


def run_tables(args: argparse.Namespace) -> dict:
    """Worker: build, generate, time every engine; returns the results."""
    normalizer, result = build_twice(Path(args.table))
    say(f"generating {args.mb:g} MB of corpus")
    docs, result["corpus_s"] = timed(
        lambda: make_corpus(int(args.mb * 1e6), normalizer.entities, args.seed))
    corpus = Path(args.workdir) / f"corpus-{args.entities[0]}.jsonl"
    result.update(documents=len(docs), corpus_mb=_mb(docs),
                  file_mb=write_documents(corpus, docs) / 1e6)
    def fresh():  # from the compiled-table cache: nothing remembered from a past round
        return type(normalizer)(aliases=[args.table])

    result["engines"] = time_all(args.only, args.rounds, fresh, docs, corpus, result)
    result["rss_peak_mb"] = peak_rss_mb()
    return result


def time_all(only: Sequence[str], rounds: int, fresh: Callable, docs: Sequence[str],
             corpus: Path, result: dict) -> dict:
    """Each engine is built just before it runs and dropped after, so that no engine's
    data sits in memory while another is timed; the fastest of ``rounds`` counts."""
    engines: dict[str, dict] = {}
    keywords: dict[str, str] = {}
    if any(name in PEERS for name in only):
        say("deriving the peers' keyword list")
        keywords, result["keywords_s"] = timed(lambda: peer_keywords(fresh()))
        result["keywords"] = len(keywords)
    for round_ in range(1, rounds + 1):
        for name in only:
            say(f"round {round_}/{rounds}: timing {name}")
            timing = time_one(name, fresh, keywords, docs, corpus, result)
            seconds = [*engines.get(name, {}).get("rounds_s", []), timing["seconds"]]
            best = min(seconds)
            engines[name] = {**timing, "seconds": best, "rounds_s": seconds,
                             "mb_s": result["corpus_mb"] / best, "rss_mb": peak_rss_mb()}
    return engines


def time_one(name: str, fresh: Callable, keywords: dict[str, str], docs: Sequence[str],
             corpus: Path, result: dict) -> dict:
    if name == "floor":
        return time_floor(corpus, corpus.with_name("floor-out.jsonl"))
    start = time.perf_counter()
    run = make_runner(name, fresh() if name in ("full", "exact") else None, keywords)
    if name in PEERS:
        result[f"{name}_build_s"] = time.perf_counter() - start
    timing = time_engine(run, docs)
    del run
    gc.collect()
    return timing


def make_runner(name: str, normalizer, keywords: dict[str, str]) -> Callable[[str], str]:
    if name == "full":
        return engine_full(normalizer)
    if name == "exact":
        return engine_exact(normalizer)
    if name == "flashtext":
        return engine_flashtext(keywords)
    if name == "ahocorasick":
        return engine_ahocorasick(keywords)
    return engine_ftfy()


def run_linearity(args: argparse.Namespace) -> dict:
    """Worker: full-pipeline time on prefixes of one corpus, smallest first."""
    normalizer, result = build_twice(Path(args.table))
    sizes = sorted(args.linearity)
    say(f"generating {sizes[-1]:g} MB of corpus")
    docs = make_corpus(int(sizes[-1] * 1e6), normalizer.entities, args.seed)
    run = engine_full(normalizer)
    result["runs"] = []
    for size in sizes:
        prefix = _prefix(docs, int(size * 1e6))
        say(f"timing full on {size:g} MB")
        timing = time_engine(run, prefix)
        mb = _mb(prefix)
        result["runs"].append({"mb": mb, "seconds": timing["seconds"],
                               "mb_s": mb / timing["seconds"]})
    first = result["runs"][0]
    for r in result["runs"]:
        r["linearity"] = (r["seconds"] / first["seconds"]) / (r["mb"] / first["mb"])
    result["rss_peak_mb"] = peak_rss_mb()
    return result


def _prefix(docs: Sequence[str], size: int) -> list[str]:
    out, total = [], 0
    for doc in docs:
        if total >= size:
            break
        out.append(doc)
        total += len(doc.encode("utf-8"))
    return out


def _mb(docs: Sequence[str]) -> float:
    return sum(len(d.encode("utf-8")) for d in docs) / 1e6


# ---------------------------------------------------------------- the parent


def spawn(mode: str, args: argparse.Namespace, entities: int, table: Path,
          work: Path) -> dict | None:
    """Run one worker in a fresh interpreter with its own empty compiled-table cache."""
    out = work / f"{mode}-{entities}.json"
    cmd = [sys.executable, __file__, "--worker", mode, "--table", str(table),
           "--workdir", str(work), "--entities", str(entities), "--mb", str(args.mb),
           "--seed", str(args.seed), "--rounds", str(args.rounds), "--only", *args.only]
    if args.linearity:
        cmd += ["--linearity", *(str(s) for s in args.linearity)]
    env = {**os.environ, "NORMALIZE_CACHE_DIR": str(work / f"cache-{entities}")}
    proc = subprocess.run([*cmd, "--result", str(out)], env=env, check=False)
    if proc.returncode != 0:
        print(f"!! worker for {entities:,} entities failed (exit {proc.returncode})")
        return None
    return json.loads(out.read_text())


def machine() -> dict:
    return {"python": sys.version.split()[0], "implementation": platform.python_implementation(),
            "platform": platform.platform(), "cpu": _cpu_model(), "cpu_count": os.cpu_count(),
            "versions": {p: _version(p) for p in ("mt-normalize", "flashtext", "ftfy",
                                                  "pyahocorasick")}}


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "not installed"


def print_machine(facts: dict) -> None:
    versions = ", ".join(f"{k} {v}" for k, v in facts["versions"].items())
    print(f"Python {facts['python']} ({facts['implementation']}) on {facts['platform']}")
    print(f"CPU: {facts['cpu']}, {facts['cpu_count']} logical cores; "
          "measured on one core (one process, one thread)")
    print(f"Versions: {versions}\n")


def print_table_result(entities: int, r: dict) -> None:
    print(f"== {entities:,} entities ==")
    print(f"build {r['build_s']:.2f} s cold, {r['rebuild_s']:.2f} s again in the same "
          f"process (compiled-table cache)")
    if "keywords" in r:
        builds = ", ".join(f"{p} build {r[f'{p}_build_s']:.2f} s" for p in PEERS
                           if f"{p}_build_s" in r)
        print(f"peers: {r['keywords']:,} keywords derived in {r['keywords_s']:.2f} s; {builds}")
    print(f"corpus: {r['documents']:,} documents, {r['corpus_mb']:.2f} MB of text "
          f"({r['file_mb']:.2f} MB JSON Lines), generated in {r['corpus_s']:.2f} s")
    full = r["engines"].get("full")
    print(f"{'engine':<12} {'MB/s':>8} {'seconds':>8} {'slowest':>8} {'full ÷ peer':>12} "
          f"{'changed':>8} {'out/in':>7} {'peak RSS MB':>12}")
    for name, e in r["engines"].items():
        ratio = f"{full['mb_s'] / e['mb_s']:.2f}x" if full else "-"
        changed = "-" if e["changed"] is None else f"{e['changed']:.0%}"
        out_in = "-" if e["out_in"] is None else f"{e['out_in']:.3f}"
        slowest = f"+{max(e['rounds_s']) / e['seconds'] - 1:.0%}"  # the worst round
        print(f"{name:<12} {e['mb_s']:>8.2f} {e['seconds']:>8.2f} {slowest:>8} {ratio:>12} "
              f"{changed:>8} {out_in:>7} {e['rss_mb']:>12,.0f}")
    print(f"peak RSS: {r['rss_build_mb']:,.0f} MB after the first build, "
          f"{r['rss_peak_mb']:,.0f} MB at the end\n")


def print_linearity(entities: int, r: dict) -> None:
    print(f"== linearity of the full pipeline, {entities:,} entities ==")
    print(f"{'MB':>8} {'seconds':>9} {'MB/s':>7} {'time ratio ÷ size ratio':>24}")
    for run in r["runs"]:
        print(f"{run['mb']:>8.2f} {run['seconds']:>9.2f} {run['mb_s']:>7.2f} "
              f"{run['linearity']:>24.2f}")
    print(f"peak RSS: {r['rss_peak_mb']:,.0f} MB\n")


def targets(results: dict, linearity: dict | None, linearity_entities: int) -> list[dict]:
    """The goals, on the 10,000-entity table when it was run."""
    out = []
    r = results.get(TARGET_ENTITIES)
    engines = r["engines"] if r else {}
    for peer, goal in (("flashtext", 3.0), ("ftfy", 5.0)):
        if "full" in engines and peer in engines:
            value = engines["full"]["mb_s"] / engines[peer]["mb_s"]
            out.append({"target": f"full MB/s >= {goal:g}x {peer}", "entities": TARGET_ENTITIES,
                        "value": value, "met": value >= goal})
    if "exact" in engines and "ahocorasick" in engines:
        value = engines["exact"]["seconds"] / engines["ahocorasick"]["seconds"]
        out.append({"target": "exact seconds <= 1.5x ahocorasick", "entities": TARGET_ENTITIES,
                    "value": value, "met": value <= 1.5})
    if linearity:
        value = max(run["linearity"] for run in linearity["runs"])
        out.append({"target": f"full time ratio / size ratio <= {LINEARITY_LIMIT}",
                    "entities": linearity_entities, "value": value,
                    "met": value <= LINEARITY_LIMIT})
    return out


def print_targets(checks: list[dict]) -> None:
    if checks:
        print("== targets ==")
    for c in checks:
        where = f"({c['entities']:,} entities)"
        print(f"{'met ' if c['met'] else 'MISS'}  {c['target']:<40} {where:<20} "
              f"{c['value']:6.2f}")


def run_parent(args: argparse.Namespace) -> int:
    sys.stdout.reconfigure(line_buffering=True)  # results and progress stay in order
    facts = machine()
    print_machine(facts)
    results: dict[int, dict] = {}
    linearity = None
    with tempfile.TemporaryDirectory(prefix="throughput-") as tmp:
        work = Path(tmp)
        tables: dict[int, Path] = {}
        for n in args.entities:
            tables[n] = write_table(work / f"table-{n}.yaml", n, args.seed)
            print(f"running {n:,} entities, {args.mb:g} MB ...", file=sys.stderr, flush=True)
            r = spawn("tables", args, n, tables[n], work)
            if r:
                results[n] = r
                print_table_result(n, r)
        if args.linearity:
            n = args.linearity_entities
            table = tables.get(n) or write_table(work / f"table-{n}.yaml", n, args.seed)
            linearity = spawn("linearity", args, n, table, work)
            if linearity:
                print_linearity(n, linearity)
    checks = targets(results, linearity, args.linearity_entities)
    print_targets(checks)
    if args.json:
        arguments = {k: v for k, v in vars(args).items()
                     if k not in ("worker", "table", "workdir", "result")}
        report = {"machine": facts, "arguments": arguments, "tables": results,
                  "linearity": linearity, "targets": checks}
        Path(args.json).write_text(json.dumps(report, indent=2) + "\n")
    return 0 if len(results) == len(args.entities) else 1


def parse(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--mb", type=float, default=20.0, help="corpus size in MB (default 20)")
    p.add_argument("--entities", type=int, nargs="+", default=[1000, 10000, 100000], metavar="N",
                   help="table sizes (default: 1000 10000 100000)")
    p.add_argument("--only", nargs="+", choices=ENGINES, default=list(ENGINES), metavar="ENGINE",
                   help=f"engines to time: {', '.join(ENGINES)} (default: all)")
    p.add_argument("--rounds", type=int, default=3, metavar="R",
                   help="rounds of every engine; the fastest counts (default 3)")
    p.add_argument("--linearity", "--sizes", type=float, nargs="+", metavar="MB",
                   help="also time the full pipeline on these corpus sizes (e.g. 1 10 100)")
    p.add_argument("--linearity-entities", type=int, default=TARGET_ENTITIES, metavar="N",
                   help=f"table size of the linearity run (default {TARGET_ENTITIES})")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--json", metavar="PATH", help="also write the results as JSON")
    p.add_argument("--worker", choices=("tables", "linearity"), help=argparse.SUPPRESS)
    p.add_argument("--table", help=argparse.SUPPRESS)
    p.add_argument("--workdir", help=argparse.SUPPRESS)
    p.add_argument("--result", help=argparse.SUPPRESS)
    return p.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse(argv)
    if args.worker is None:
        return run_parent(args)
    work = run_tables if args.worker == "tables" else run_linearity
    Path(args.result).write_text(json.dumps(work(args)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
