"""Score boilerplate and duplicate removal on the labeled documents, line by line.

Every non-blank line of tests/eval/boilerplate/docs/*.txt is labeled C (content),
F (furniture) or D (duplicate). Prints furniture recall (F and D lines removed) and
content loss (C lines removed).   Usage: python tests/eval/evaluate_boilerplate.py [-v]
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from normalize import Normalizer

DOCS = Path(__file__).parent / "boilerplate" / "docs"


def load(path: Path) -> tuple[str, list[tuple[str, int, int]]]:
    """The document without labels, and (label, start, end) of each labeled line."""
    text, spans = [], []
    pos = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        label, _, body = line.partition("\t") if line.strip() else ("", "", "")
        if label not in ("C", "F", "D"):
            body, label = "", ""
        text.append(body + "\n")
        if label:
            spans.append((label, pos, pos + len(body)))
        pos += len(body) + 1
    return "".join(text), spans


def removed_lines(normalizer: Normalizer, path: Path) -> list[tuple[str, str, bool]]:
    """(label, line, was removed) for every labeled line of one document."""
    text, spans = load(path)
    removed = normalizer.normalize(text).removed
    out = []
    for label, start, end in spans:
        covered = sum(max(0, min(end, r.end) - max(start, r.start)) for r in removed)
        out.append((label, text[start:end], covered >= (end - start) * 0.5))
    return out


def main(argv: list[str]) -> int:
    normalizer = Normalizer()
    counts: Counter[str] = Counter()
    misses = []
    for path in sorted(DOCS.glob("*.txt")):
        for label, line, gone in removed_lines(normalizer, path):
            counts[label] += 1
            counts[label + (" removed" if gone else " kept")] += 1
            if (label == "C") == gone:
                misses.append((path.name, label, line))
    furniture = counts["F"] + counts["D"]
    recall = (counts["F removed"] + counts["D removed"]) / furniture
    print(f"documents: {len(list(DOCS.glob('*.txt')))}, lines: C={counts['C']} "
          f"F={counts['F']} D={counts['D']}")
    print(f"furniture recall: {recall:.3f} (F {counts['F removed']}/{counts['F']}, "
          f"D {counts['D removed']}/{counts['D']})")
    print(f"content lost: {counts['C removed']} of {counts['C']} "
          f"({counts['C removed'] / counts['C']:.4f}; target at most 1 in 200)")
    if "-v" in argv:
        for name, label, line in misses:
            print(f"  {name} [{label}] {'LOST' if label == 'C' else 'kept'}: {line[:90]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
