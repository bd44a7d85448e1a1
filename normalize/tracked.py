"""Apply edits proposed by steps while remembering where every character came from.

A step never splices strings: it proposes :class:`Edit` objects located in the text it
was given. :class:`TrackedText` folds them into one list of non-overlapping spans of the
ORIGINAL input, so every reported change satisfies ``raw[start:end] == before`` however
many steps touched the same text. An edit that reaches into an earlier change absorbs it;
an edit that restores the original text cancels it.

>>> t = TrackedText("Yin  Xiyue ’s talk")
>>> t.apply([Edit(3, 5, " ", "typography:spaces", "typography")])
>>> t.apply([Edit(9, 10, "", "typography:apostrophe", "typography")])
>>> t.apply([Edit(0, 9, "Yoon Suk-yeol", "alias:Yoon Suk-yeol", "alias")])
>>> t.text
'Yoon Suk-yeol’s talk'
>>> [(c.before, c.after, c.start, c.end) for c in t.spans()]
[('Yin  Xiyue', 'Yoon Suk-yeol', 0, 10), (' ', '', 10, 11)]
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import NamedTuple

from normalize.model import Change, Kind

_PRIORITY = {"typography": 0, "encoding": 1, "alias": 2, "compound": 2, "boilerplate": 3,
             "duplicate": 3}


class Edit(NamedTuple):
    """Replace ``text[start:end]`` of a step's input with ``after``.

    ``metadata`` holds values lifted out of the replaced text (a removed source line
    gives ``(("source", "Yonhap"),)``), so each value stays traceable to its span. A
    named tuple: steps make one per fix, and a tuple is three times cheaper to build.
    """

    start: int
    end: int
    after: str
    rule: str
    kind: Kind
    confidence: float = 1.0
    metadata: tuple[tuple[str, str], ...] = ()


@dataclass(slots=True)
class _Span:
    start: int  # in the original input
    end: int
    after: str
    rule: str
    kind: Kind
    confidence: float
    metadata: tuple[tuple[str, str], ...]


@dataclass
class TrackedText:
    """The current text plus the original spans that made it; one per ``normalize`` call."""

    raw: str
    text: str = field(init=False)
    _spans: list[_Span] = field(init=False, default_factory=list)
    _cur_start: list[int] = field(init=False, default_factory=list)
    _cur_end: list[int] = field(init=False, default_factory=list)

    def __post_init__(self) -> None:
        self.text = self.raw

    def apply(self, edits: Iterable[Edit]) -> None:
        """Fold one step's edits (located in ``self.text``) into the span list."""
        groups = self._group(self._split_deletions(self._clean(edits)))
        if not groups:
            return
        new_spans: list[_Span] = []
        absorbed: set[int] = set()
        for group, (first, last) in groups:
            span = self._merge(group, first, last)
            absorbed.update(range(first, last))
            if span is not None:
                new_spans.append(span)
        kept = [s for i, s in enumerate(self._spans) if i not in absorbed]
        self._spans = sorted(kept + new_spans, key=lambda s: (s.start, s.end))
        self._rebuild()

    def spans(self) -> list[Change]:
        """Every change so far, in original offsets, sorted."""
        return [
            Change(s.rule, s.kind, self.raw[s.start : s.end], s.after, s.start, s.end,
                   s.confidence)
            for s in self._spans
        ]

    def metadata(self) -> dict[str, str]:
        """Lifted values in document order; the first value for a key wins."""
        out: dict[str, str] = {}
        for s in self._spans:
            for key, value in s.metadata:
                out.setdefault(key, value)
        return out

    # -- internals -------------------------------------------------------------------

    def _clean(self, edits: Iterable[Edit]) -> list[Edit]:
        """Sorted, in range, not no-ops, not overlapping (a later overlapping edit loses)."""
        out: list[Edit] = []
        n = len(self.text)
        for e in sorted(edits, key=lambda e: (e.start, e.end)):
            if not 0 <= e.start <= e.end <= n:
                raise ValueError(f"edit {e.start}:{e.end} outside text of length {n}")
            if self.text[e.start : e.end] == e.after:
                continue
            if out and e.start < out[-1].end:
                continue
            out.append(e)
        return out

    def _split_deletions(self, edits: list[Edit]) -> list[Edit]:
        """A deletion spanning earlier removals is cut around them, not merged with them,
        so every removal keeps its own rule."""
        points = [c for c, d in zip(self._cur_start, self._cur_end) if c == d]
        if not points:
            return edits
        out = []
        for e in edits:
            if e.after:
                out.append(e)
                continue
            start = e.start
            for p in points[bisect_right(points, e.start) : bisect_left(points, e.end)]:
                if p > start:
                    out.append(e._replace(start=start, end=p))
                    start = p
            out.append(e._replace(start=start))
        return out

    def _touches(self, e: Edit) -> tuple[int, int]:
        """The index range of existing spans that edit ``e`` must absorb."""
        cs, ce = self._cur_start, self._cur_end
        lo = bisect_left(ce, e.start)  # spans ending before e.start cannot be touched
        hi = bisect_right(cs, e.end)
        first, last = hi, lo
        for j in range(lo, hi):
            if self._absorbs(e, j):
                first, last = min(first, j), max(last, j + 1)
        return (first, last) if first < last else (lo, lo)

    def _absorbs(self, e: Edit, j: int) -> bool:
        s, t = e.start, e.end
        cs, ce = self._cur_start[j], self._cur_end[j]
        if cs < t and s < ce:  # proper overlap, or an insertion strictly inside
            return True
        if cs == ce:  # a deletion collapsed to a point strictly inside the edit
            return s < cs < t
        span = self._spans[j]
        # two insertions at one original point would have no defined order
        return s == t and span.start == span.end and s in (cs, ce)

    def _group(self, edits: list[Edit]) -> list[tuple[list[Edit], tuple[int, int]]]:
        """Edits that would absorb the same span, or insert at one point, act as one.
        Each group comes with the index range of the spans it absorbs."""
        groups: list[tuple[list[Edit], list[tuple[int, int]]]] = []
        prev: tuple[int, int] | None = None
        for e in edits:
            rng = self._touches(e)
            same_point = groups and e.start == e.end == groups[-1][0][-1].end
            shares = prev is not None and rng[0] < rng[1] and rng[0] < prev[1]
            if groups and (shares or same_point):
                groups[-1][0].append(e)
                groups[-1][1].append(rng)
                prev = (min(prev[0], rng[0]), max(prev[1], rng[1])) if prev else rng
            else:
                groups.append(([e], [rng]))
                prev = rng
        return [(group, _absorbed_range(ranges)) for group, ranges in groups]

    def _merge(self, group: list[Edit], first: int, last: int) -> _Span | None:
        s, t = group[0].start, group[-1].end
        text = self.text
        middle = []
        for a, b in pairwise(group):
            middle.append(a.after + text[a.end : b.start])
        body = "".join(middle) + group[-1].after
        if first < last:
            cur_lo = min(s, self._cur_start[first])
            cur_hi = max(t, self._cur_end[last - 1])
            o_lo = self._spans[first].start if cur_lo == self._cur_start[first] else None
            o_hi = self._spans[last - 1].end if cur_hi == self._cur_end[last - 1] else None
        else:
            cur_lo, cur_hi, o_lo, o_hi = s, t, None, None
        if o_lo is None:
            o_lo = self._to_original(cur_lo)
        if o_hi is None:
            o_hi = o_lo if cur_lo == cur_hi else self._to_original_end(cur_hi)
        if first < last:
            o_lo = min(o_lo, self._spans[first].start)
            o_hi = max(o_hi, self._spans[last - 1].end)
        after = text[cur_lo:s] + body + text[t:cur_hi]
        if after == self.raw[o_lo:o_hi]:
            return None  # the edits restored the original text
        absorbed = self._spans[first:last]
        meta = tuple(m for sp in absorbed for m in sp.metadata) + tuple(
            m for e in group for m in e.metadata)
        conf = min([e.confidence for e in group] + [sp.confidence for sp in absorbed])
        # the most telling change names the merged one: a removal outranks a name fix,
        # which outranks a spacing repair; among equals the latest wins
        named = max([*absorbed, *group], key=lambda x: _PRIORITY.get(x.kind, 0))
        return _Span(o_lo, o_hi, after, named.rule, named.kind, conf, meta)

    def _to_original(self, x: int) -> int:
        """Original offset of current position ``x`` read as a start: after any span
        whose output ends at ``x``."""
        j = bisect_right(self._cur_end, x) - 1
        if j < 0:
            return x
        return self._spans[j].end + (x - self._cur_end[j])

    def _to_original_end(self, x: int) -> int:
        """Original offset of current position ``x`` read as an end: before any span
        whose output starts at ``x``."""
        j = bisect_left(self._cur_start, x)
        if j >= len(self._spans):
            return len(self.raw) - (len(self.text) - x)
        return self._spans[j].start - (self._cur_start[j] - x)

    def _rebuild(self) -> None:
        parts: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        pos = 0
        cur = 0
        for sp in self._spans:
            parts.append(self.raw[pos : sp.start])
            cur += sp.start - pos
            starts.append(cur)
            parts.append(sp.after)
            cur += len(sp.after)
            ends.append(cur)
            pos = sp.end
        parts.append(self.raw[pos:])
        self.text = "".join(parts)
        self._cur_start, self._cur_end = starts, ends


def _absorbed_range(ranges: list[tuple[int, int]]) -> tuple[int, int]:
    """The spans a group absorbs: from the first to the last that any edit touches."""
    real = [r for r in ranges if r[0] < r[1]]
    if not real:
        return ranges[0][0], ranges[0][0]
    return min(r[0] for r in real), max(r[1] for r in real)
