"""Which literal strings a pattern cannot match without: a cheap test before a costly one.

Most lines of an article are prose that no furniture pattern matches, yet a pattern
such as ``.{0,200}\\b(?:uses? cookies|cookie policy)…`` costs hundreds of steps to
reject each of them. Every match of that pattern contains " cookies" or "cookie
policy", so a line holding neither can be skipped without running the pattern. The
literals are read from the pattern's parse tree (the FilteredRE2 idea): a sequence
needs the best literal set of any of its parts, an alternation needs one literal from
each branch, an optional part needs nothing. Literals are lower case; callers test
them against lower-cased text. A pattern with no usable literal returns ``None`` and
is always run.
"""

from __future__ import annotations

import re
import warnings
from functools import cache, lru_cache

import regex

try:  # the parser of the standard library's ``re``; renamed in Python 3.11
    from re import _constants as _c
    from re import _parser as _sre
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c
    import sre_parse as _sre

_PROPERTY = regex.compile(r"\\p\{[^}]*\}|\\p[A-Za-z]")  # a class of non-spaces
_NOT_PROPERTY = regex.compile(r"\\P\{[^}]*\}|\\P[A-Za-z]")  # may hold spaces
_NAMED_GROUP = regex.compile(r"\(\?P<\w+>")
_SCOPED_FLAGS = regex.compile(r"\(\?-?[a-zA-Z]+(?:-[a-zA-Z]+)?:")
_REPEATS = (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", _c.MAX_REPEAT))
_MAX_CHOICES = 12  # a class of more characters than this is no filter
Literals = frozenset[str]


def required_literals(pattern: str) -> Literals | None:
    """Case-folded strings of which every match contains at least one, or None.

    >>> sorted(required_literals(r".{0,200}\\b(?:uses? cookies|cookie policy)\\s*"))
    [' cookies', 'cookie policy']
    >>> required_literals(r"\\p{Lu}\\w+ \\p{Lu}\\w+") is None
    True
    """
    tree = _parse(pattern)
    if tree is None:  # syntax only the regex module knows: always run the pattern
        return None
    found = _sequence(tree)
    if not found or any(not lit.strip() for lit in found):
        return None
    return frozenset(lit.casefold() for lit in found)


@lru_cache(maxsize=1024)
def _parse(pattern: str) -> list | None:
    """The parse tree of the pattern in ``re`` syntax, or None if ``re`` cannot read it."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return list(_sre.parse(_portable(pattern), _c.SRE_FLAG_IGNORECASE))
    except Exception:
        return None


def _portable(pattern: str) -> str:
    """The pattern in ``re`` syntax, with the same required literals."""
    pattern = _PROPERTY.sub(r"\\w", pattern)
    pattern = _NOT_PROPERTY.sub(r"\\W", pattern)
    pattern = _NAMED_GROUP.sub("(?:", pattern)
    return _SCOPED_FLAGS.sub("(?:", pattern)


def _sequence(items: list) -> set[str] | None:
    """The best literal set among the parts of a sequence (all of which must match)."""
    best: set[str] | None = None
    run: list[str] = []
    for op, av in [*items, (None, None)]:
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        if run:
            best = _better(best, {"".join(run)})
            run = []
        if op is not None:
            best = _better(best, _item(op, av))
    return best


def _item(op, av) -> set[str] | None:
    if op is _c.SUBPATTERN:
        return _sequence(list(av[-1]))
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _sequence(list(av))
    if op is _c.BRANCH:
        branches = [_sequence(list(b)) for b in av[1]]
        if any(b is None for b in branches):
            return None
        return set().union(*branches)
    if op in _REPEATS and av[0] >= 1:
        return _sequence(list(av[2]))
    if op is _c.IN:
        chars = [chr(v) for o, v in av if o is _c.LITERAL]
        if len(chars) == len(av) and 0 < len(chars) <= _MAX_CHOICES:
            return set(chars)
    return None


def _better(a: set[str] | None, b: set[str] | None) -> set[str] | None:
    """The more selective set: longer shortest literal, then fewer literals."""
    if b is None or not b:
        return a
    if a is None:
        return b
    return max(a, b, key=lambda s: (min(len(x.strip()) for x in s), -len(s)))




@cache
def _spaces() -> frozenset[str]:
    """Every character that ``\\s`` of either regex engine matches (all of Unicode's
    White_Space characters lie below U+3001)."""
    every = "".join(map(chr, range(0x3001)))
    return frozenset(regex.findall(r"\s", every)) | frozenset(re.findall(r"\s", every))

_SPACE_FREE = {_c.CATEGORY_NOT_SPACE, _c.CATEGORY_WORD, _c.CATEGORY_DIGIT}


def matches_space(pattern: str) -> bool:
    r"""Whether a match can contain a whitespace character (True when unsure). A pattern
    that cannot is never tried on a line with a space in it ("www.example.com").

    >>> matches_space(r"(?:https?://)?[\w-]+(?:\.[\w-]+)+(?:/\S*)?")
    False
    >>> matches_space(r"share\s*this"), matches_space(r"\p{Lu}\w+ \p{Lu}\w+")
    (True, True)
    """
    tree = _parse(pattern)
    return tree is None or _consumes_space(tree)


def _consumes_space(items: list) -> bool:
    for op, av in items:
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue  # consumes nothing
        if op is _c.LITERAL:
            if chr(av) in _spaces():
                return True
        elif op is _c.SUBPATTERN:
            if _consumes_space(list(av[-1])):
                return True
        elif op is _c.BRANCH:
            if any(_consumes_space(list(b)) for b in av[1]):
                return True
        elif op in _REPEATS:
            if _consumes_space(list(av[2])):
                return True
        elif op is getattr(_c, "ATOMIC_GROUP", None):
            if _consumes_space(list(av)):
                return True
        elif op is _c.IN:
            if _class_has_space(av):
                return True
        else:  # ANY, NOT_LITERAL, GROUPREF and anything unknown
            return True
    return False


def _class_has_space(items: list) -> bool:
    for op, av in items:
        if op is _c.NEGATE:
            return True
        if op is _c.LITERAL and chr(av) in _spaces():
            return True
        if op is _c.RANGE and any(av[0] <= ord(c) <= av[1] for c in _spaces()):
            return True
        if op is _c.CATEGORY and av not in _SPACE_FREE:
            return True
    return False
