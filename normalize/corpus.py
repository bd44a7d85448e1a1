"""Corpus-level facts: lines that recur across many documents are site furniture.

A first pass counts, for every line key, how many documents contain it; a second pass
(the :class:`CorpusFurniture` step) removes the lines whose key recurs above a
threshold. Counting ignores document order, so the result is the same however the
files are listed. Statistics are plain JSON, so they can be saved and reused.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import regex

from normalize.lines import iter_lines
from normalize.tracked import Edit

_WORD = regex.compile(r"[\p{L}\p{N}]+")
_MAX_KEY_CHARS = 300  # longer lines are prose; syndicated paragraphs are not furniture
_STATS_VERSION = 1


def line_key(line: str) -> str:
    """How a line is recognised across documents: its words, case folded.

    >>> line_key("  • Follow us on X! ") == line_key("follow US on x")
    True
    """
    return " ".join(_WORD.findall(line.casefold()))


def document_keys(text: str) -> set[str]:
    """The distinct line keys of one document."""
    keys = set()
    for _, line in iter_lines(text):
        key = line_key(line)
        if key and len(key) <= _MAX_KEY_CHARS:
            keys.add(key)
    return keys


@dataclass(frozen=True)
class LineStats:
    """How many documents of a corpus contain each line key."""

    documents: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    @classmethod
    def collect(cls, texts: Iterable[str]) -> LineStats:
        """Count every line key once per document.

        >>> stats = LineStats.collect(["a\\nShare this\\n", "b\\nShare this\\n"])
        >>> stats.documents, stats.counts["share this"]
        (2, 2)
        """
        counts: Counter[str] = Counter()
        documents = 0
        for text in texts:
            documents += 1
            counts.update(document_keys(text))
        return cls(documents, dict(counts))

    def merge(self, other: LineStats) -> LineStats:
        """Statistics of two disjoint corpora together (for a parallel first pass)."""
        counts = Counter(self.counts)
        counts.update(other.counts)
        return LineStats(self.documents + other.documents, dict(counts))

    def recurring(self, threshold: float = 0.5, min_documents: int = 3) -> frozenset[str]:
        """Keys found in at least ``threshold`` of the documents and ``min_documents``."""
        need = max(min_documents, threshold * self.documents)
        return frozenset(k for k, n in self.counts.items() if n >= need)

    def save(self, path: str | Path) -> None:
        """Write the statistics as JSON, keys sorted so equal stats give equal files."""
        data = {"version": _STATS_VERSION, "documents": self.documents,
                "lines": dict(sorted(self.counts.items()))}
        Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n",
                              encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> LineStats:
        """Read statistics written by :meth:`save`; a wrong file is a ValueError."""
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except json.JSONDecodeError as err:
            raise ValueError(f"{path}: not a line-statistics file: {err}") from None
        if not isinstance(data, dict) or data.get("version") != _STATS_VERSION or not (
                isinstance(data.get("documents"), int) and isinstance(data.get("lines"), dict)):
            raise ValueError(f"{path}: not a line-statistics file (version "
                             f"{_STATS_VERSION} with 'documents' and 'lines')")
        return cls(data["documents"], {str(k): int(v) for k, v in data["lines"].items()})


@dataclass(frozen=True)
class CorpusFurniture:
    """Remove the lines whose key recurs across the corpus (rule ``boilerplate:corpus``)."""

    keys: frozenset[str]

    def __call__(self, text: str) -> Iterator[Edit]:
        if not self.keys:
            return
        for start, line in iter_lines(text):
            if line_key(line) in self.keys:
                yield Edit(start, start + len(line), "", "boilerplate:corpus", "boilerplate")
