"""Score name fixing on the evaluation set: precision and recall per kind, false corrections.

Usage: python tests/eval/evaluate_names.py [--verbose]
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import yaml

from normalize import Normalizer

HERE = Path(__file__).parent / "names"


def load_cases() -> list[dict]:
    return yaml.safe_load((HERE / "cases.yaml").read_text(encoding="utf-8"))


def score(normalizer: Normalizer, cases: list[dict]) -> tuple[dict, list[tuple[dict, str]]]:
    """Per kind: cases, right, changed; and every output that differs from expected."""
    stats: dict[str, Counter] = {}
    wrong: list[tuple[dict, str]] = []
    for case in cases:
        out = normalizer.normalize(case["text"]).text
        s = stats.setdefault(case["kind"], Counter())
        s["cases"] += 1
        s["changed"] += out != case["text"]
        s["right"] += out == case["expected"]
        s["false"] += _is_false(case, out)
        if out != case["expected"]:
            wrong.append((case, out))
    return stats, wrong


def _is_false(case: dict, out: str) -> bool:
    """A false correction writes words that are neither in the input nor in the answer;
    a fix of one name that misses another name in the same sentence is only partial."""
    if out in (case["text"], case["expected"]):
        return False
    allowed = set(case["text"].split()) | set(case["expected"].split())
    return any(w not in allowed for w in out.split())


def main(argv: list[str]) -> int:
    normalizer = Normalizer(aliases=[HERE / "table.yaml"])
    stats, wrong = score(normalizer, load_cases())
    print(f"{'kind':10} {'cases':>6} {'recall':>7} {'precision':>9} {'false':>6}")
    total = Counter()
    for kind in sorted(stats):
        s = stats[kind]
        if kind != "control":
            total += s
        if kind == "control":
            print(f"{kind:10} {s['cases']:6} {'':>7} {'':>9} {s['changed']:6}")
            continue
        precision = (s["right"] / s["changed"]) if s["changed"] else 1.0
        print(f"{kind:10} {s['cases']:6} {s['right'] / s['cases']:7.3f} {precision:9.3f} "
              f"{s['false']:6}")
    precision = total["right"] / total["changed"] if total["changed"] else 1.0
    print(f"{'garbled':10} {total['cases']:6} {total['right'] / total['cases']:7.3f} "
          f"{precision:9.3f} {total['false']:6}")
    false = [(c, o) for c, o in wrong if _is_false(c, o)]
    print(f"\nfalse corrections: {len(false)}")
    for case, out in false:
        print(f"  [{case['kind']}] {case['id']}: {case['text']!r}\n      -> {out!r}")
    if "--verbose" in argv:
        print("\nmissed:")
        for case, out in wrong:
            if out == case["text"]:
                print(f"  [{case['kind']}] {case['id']}: {case['text']!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
