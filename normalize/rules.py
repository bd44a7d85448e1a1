"""Boilerplate rule files: YAML families of patterns, validated and compiled at load.

A file lists ``families``; each has a ``name`` (the rule id is
``boilerplate:<name>``), a ``doc``, and any of ``headings`` (with a ``block`` kind),
``lines``, ``trailing`` and ``tails``. ``definitions`` name sub-patterns that patterns
use as ``{{name}}``; ``keep`` patterns mark a line as content that none of the file's
families removes. A bad file is refused whole with ``path:line: problem``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import regex

from normalize.tables import AliasTableError, read_yaml

_DEFINITION_REF = regex.compile(r"\{\{(\w+)\}\}")
_FAMILY_KEYS = frozenset({"name", "doc", "block", "headings", "lines", "trailing", "tails"})
USER_RULE_TIMEOUT = 1.0
BLOCKS = frozenset({"links", "author", "buttons", "contact", "prose"})
METADATA_KEYS = frozenset({"source", "date", "byline", "dateline", "photo_credit", "tags"})
# Groups a pattern may name besides metadata: ``subject``, in a heading, is what the
# block under it must name ("About Acme" above "Acme is ...").
GROUP_KEYS = METADATA_KEYS | {"subject"}


@dataclass(frozen=True, slots=True)
class Family:
    """One named family of furniture and its compiled patterns."""

    name: str
    block: str | None
    headings: tuple[regex.Pattern, ...]
    lines: tuple[regex.Pattern, ...]
    trailing: tuple[regex.Pattern, ...]
    tails: tuple[regex.Pattern, ...]
    timeout: float | None = None  # seconds per match; set for users' own rule files
    keep: tuple[regex.Pattern, ...] = ()  # a line one of these finds is content: kept


def load_families(path: str | Path, timeout: float | None = USER_RULE_TIMEOUT
                  ) -> tuple[Family, ...]:
    """Read and compile a boilerplate rules file; refuse it whole if anything is wrong.

    A pattern of a user's file runs under ``timeout`` seconds per match (a runaway
    pattern raises ``TimeoutError`` rather than hang); the shipped families, covered
    by the hostile-input benchmarks, run without one, which is three times faster."""
    data = read_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("families"), list):
        raise AliasTableError(path, 1, "a rules file needs a 'families' list")
    definitions = data.get("definitions") or {}
    if not isinstance(definitions, dict) or not all(
            isinstance(v, str) for v in definitions.values()):
        raise AliasTableError(path, getattr(data, "line", 1),
                              "'definitions' must map names to patterns")
    keep = _keep_patterns(Path(path), data, definitions)
    return tuple(replace(_family(Path(path), f, definitions, timeout), keep=keep)
                 for f in data["families"])


def _keep_patterns(path: Path, data: dict, definitions: dict[str, str]
                   ) -> tuple[regex.Pattern, ...]:
    """The file's ``keep`` patterns: searched in a line before any of its families
    removes it (a reported-speech clause marks a news sentence)."""
    patterns = data.get("keep") or []
    line = getattr(data, "line", 1)
    if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
        raise AliasTableError(path, line, "'keep' must be a list of patterns")
    return tuple(_compiled(_expand(p, definitions, path, line), path, line, "keep pattern")
                 for p in patterns)


def _compiled(pattern: str, path: Path, line: int, what: str) -> regex.Pattern:
    """A pattern of a rules file, compiled as every one is (case-insensitive, V1)."""
    try:
        return regex.compile(pattern, regex.I | regex.V1)
    except regex.error as err:
        raise AliasTableError(path, line, f"bad {what}: {err}: {pattern!r}") from None


def merge_families(groups: Sequence[tuple[Family, ...]],
                   disabled: Iterable[str] = ()) -> tuple[Family, ...]:
    """Later groups replace families of the same name or add theirs; ``disabled`` names
    are switched off (an unknown name is an error, so a typo does not pass silently)."""
    merged: dict[str, Family] = {}
    for group in groups:
        for family in group:
            merged[family.name] = family
    off = set(disabled)
    unknown = off - set(merged) - {"section-label"}
    if unknown:
        raise ValueError(f"no boilerplate family named {sorted(unknown)[0]!r} "
                         f"(known: {', '.join(merged)})")
    return tuple(f for name, f in merged.items() if name not in off)


def _expand(pattern: str, definitions: dict[str, str], path: Path, line: int) -> str:
    """Replace each ``{{name}}`` with its definition (definitions may use earlier ones)."""
    for _ in range(5):
        expanded = _DEFINITION_REF.sub(lambda m: _definition(m, definitions, path, line),
                                       pattern)
        if expanded == pattern:
            return expanded
        pattern = expanded
    return pattern


def _definition(m: regex.Match, definitions: dict[str, str], path: Path, line: int) -> str:
    name = m.group(1)
    if name not in definitions:
        raise AliasTableError(path, line, f"pattern uses undefined {{{{{name}}}}}")
    return f"(?:{definitions[name]})"


def _family(path: Path, f: object, definitions: dict[str, str],
            timeout: float | None) -> Family:
    line = getattr(f, "line", 0)
    if not isinstance(f, dict):
        raise AliasTableError(path, line, "each family must be a mapping")
    unknown = set(f) - _FAMILY_KEYS
    if unknown:
        raise AliasTableError(path, line, f"unknown key {sorted(unknown)[0]!r} in family")
    name = f.get("name")
    if not isinstance(name, str) or not regex.fullmatch(r"[a-z][a-z0-9-]*", name):
        raise AliasTableError(path, line, f"family name {name!r} must be lowercase-with-dashes")
    block = f.get("block")
    if block is not None and block not in BLOCKS:
        raise AliasTableError(path, line, f"block {block!r} is not one of {sorted(BLOCKS)}")

    def compile_all(key: str, anchored: bool) -> tuple[regex.Pattern, ...]:
        patterns = f.get(key, [])
        if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
            raise AliasTableError(path, line, f"'{key}' of family {name!r} must be a list of "
                                              "patterns")
        out = []
        for p in patterns:
            p = _expand(p, definitions, path, line)
            compiled = _compiled(p if anchored else rf"(?:{p})$", path, line,
                                 f"pattern in family {name!r}")
            bad = set(compiled.groupindex) - GROUP_KEYS
            if bad:
                raise AliasTableError(path, line, f"unknown metadata group {sorted(bad)[0]!r} "
                                                  f"in family {name!r}")
            out.append(compiled)
        return tuple(out)

    return Family(name, block, compile_all("headings", True), compile_all("lines", True),
                  compile_all("trailing", True), compile_all("tails", False), timeout)
