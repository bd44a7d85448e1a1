"""The lines of a text with their offsets: a line break is \\n, \\r\\n or a lone \\r.

Every step that works line by line reads lines here, so they all agree on where a line
starts and ends, and all get the fast path for text that breaks lines with \\n only.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from collections.abc import Set as AbstractSet

import regex

from normalize.tracked import Edit

_LINE = regex.compile(r"[^\r\n]*(?:\r\n|\n|\r|$)")


def iter_lines(text: str) -> Iterator[tuple[int, str]]:
    """(offset, line with its break) of every line; the last may have no break.

    >>> list(iter_lines("a\\r\\nb\\n\\nc"))
    [(0, 'a\\r\\n'), (3, 'b\\n'), (5, '\\n'), (6, 'c')]
    """
    if "\r" in text:
        for m in _LINE.finditer(text):
            if m.start() != m.end():
                yield m.start(), m.group()
        return
    pos = 0
    *body, last = text.split("\n")
    for piece in body:
        yield pos, piece + "\n"
        pos += len(piece) + 1
    if last:
        yield pos, last


def untouched_lines(text: str, spans: Iterable[tuple[int, int]]) -> frozenset[str]:
    """The lines of ``text`` (each with its break) that no ``(start, end)`` span reaches;
    a span that ends or starts at a line's edge counts as reaching it.

    >>> sorted(untouched_lines("a\\nb\\nc\\n", [(2, 3)]))
    ['c\\n']
    """
    lines = list(iter_lines(text))
    starts = [s for s, _ in lines]
    touched: set[int] = set()
    for start, end in spans:
        i = max(0, bisect_right(starts, start) - 1)
        if i and starts[i] == start:
            i -= 1  # an edit at a line's start also reaches the line before
        while i < len(lines) and starts[i] <= end:
            touched.add(i)
            i += 1
    return frozenset(line for i, (_, line) in enumerate(lines) if i not in touched)


def on_lines_except(step: Callable[[str], Iterable[Edit]], text: str,
                    skip: AbstractSet[str]) -> list[Edit]:
    """The edits of ``step`` run on the lines of ``text`` not in ``skip`` only, located
    in ``text``. Only for a step whose edits on a line depend on that line alone.

    >>> x = lambda t: [Edit(t.find("x"), t.find("x") + 1, "y", "demo", "typography")]
    >>> [e[:3] for e in on_lines_except(x, "ax\\nbx\\n", {"ax\\n"})]
    [(4, 5, 'y')]
    """
    origins, offsets, kept = [], [], []
    size = 0
    for start, line in iter_lines(text):
        if line not in skip:
            origins.append(start)
            offsets.append(size)
            kept.append(line)
            size += len(line)
    if not kept:
        return []
    out = []
    for edit in step("".join(kept)):
        i = bisect_right(offsets, edit.start) - 1
        shift = origins[i] - offsets[i]
        out.append(edit._replace(start=edit.start + shift, end=edit.end + shift))
    return out
