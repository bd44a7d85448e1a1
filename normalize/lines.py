"""The lines of a text with their offsets: a line break is \\n, \\r\\n or a lone \\r.

Every step that works line by line reads lines here, so they all agree on where a line
starts and ends, and all get the fast path for text that breaks lines with \\n only.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

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
