"""Alias tables: YAML in, validated frozen entities out, or one clear error.

A table is refused whole with ``path:line: problem``; nothing is ever half-loaded.
User tables merge over the built-in ones: an entity with the same canonical name
replaces the built-in entity, and one alias may never mean two entities.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex
import yaml

ENTITY_TYPES = ("person", "organization", "place", "term")
_FUZZY_BY_DEFAULT = frozenset({"person", "organization"})
_TABLE_KEYS = frozenset({"version", "entities", "compounds"})
_ENTITY_KEYS = frozenset({"canonical", "type", "aliases", "hanzi", "hangul", "fuzzy", "context"})
_ALIAS_KEYS = frozenset({"variant", "gated"})
_COMPOUND_KEYS = frozenset({"hanzi", "name"})
_HAN = regex.compile(r"^\p{Han}+$")
_HANGUL = regex.compile(r"^[\p{Hangul} ]+$")


class AliasTableError(ValueError):
    """A table could not be loaded; ``str()`` reads ``path:line: problem``."""

    def __init__(self, path: str | Path, line: int, problem: str) -> None:
        super().__init__(f"{path}:{line}: {problem}")
        self.path, self.line, self.problem = str(path), line, problem


@dataclass(frozen=True, slots=True)
class Entity:
    """One thing with one canonical spelling, and where it was defined."""

    canonical: str
    type: str
    aliases: tuple[str, ...] = ()
    gated_aliases: tuple[str, ...] = ()  # aliases that need a context word nearby
    hanzi: str | None = None
    hangul: str | None = None
    fuzzy: bool = False
    context: tuple[str, ...] = ()
    source: str = "<memory>"
    line: int = 0

    def __reduce__(self):  # the constructor is several times faster than slot state
        return (Entity, (self.canonical, self.type, self.aliases, self.gated_aliases,
                         self.hanzi, self.hangul, self.fuzzy, self.context, self.source,
                         self.line))


@dataclass(frozen=True, slots=True)
class Compound:
    """A one-character country word that machine translation leaves in pinyin."""

    hanzi: str
    name: str
    source: str = "<memory>"
    line: int = 0


@dataclass(frozen=True, slots=True)
class Table:
    entities: tuple[Entity, ...]
    compounds: tuple[Compound, ...]


class _Map(dict):
    line = 0


_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available


class _TableLoader(_BaseLoader):
    """SafeLoader that remembers where each mapping starts and refuses duplicate keys."""


def _construct_map(loader: _TableLoader, node: yaml.MappingNode) -> _Map:
    loader.flatten_mapping(node)
    m = _Map()
    m.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            raise yaml.MarkedYAMLError(problem=f"key {key!r} is not a string",
                                       problem_mark=key_node.start_mark)
        if key in m:
            raise yaml.MarkedYAMLError(problem=f"duplicate key {key!r}",
                                       problem_mark=key_node.start_mark)
        m[key] = loader.construct_object(value_node, deep=True)
    return m


_TableLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_map)


def table_files(path: str | Path) -> list[Path]:
    """A table file, or every ``*.yaml``/``*.yml`` in a folder, in name order."""
    p = Path(path)
    if p.is_dir():
        return sorted(f for f in p.iterdir() if f.suffix in (".yaml", ".yml") and f.is_file())
    return [p]


def load_table(path: str | Path) -> Table:
    """Read and validate one table file."""
    path = Path(path)
    return _validate_table(path, read_yaml(path))


def read_yaml(path: str | Path) -> Any:
    """Parse a YAML file whose mappings know their line; errors name ``path:line``."""
    path = Path(path)
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except (OSError, UnicodeDecodeError) as err:
        raise AliasTableError(path, 0, f"cannot read table: {err}") from err
    try:
        data = yaml.load(text, Loader=_TableLoader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else 0
        raise AliasTableError(path, line, err.problem or str(err)) from None
    except yaml.YAMLError as err:
        raise AliasTableError(path, 0, str(err)) from None
    return data


def _validate_table(path: Path, data: Any) -> Table:
    if data is None:
        return Table((), ())
    if not isinstance(data, dict):
        raise AliasTableError(path, 1, "a table must be a mapping with 'entities' and/or "
                                       "'compounds'")
    line = getattr(data, "line", 1)
    _check_keys(path, data, _TABLE_KEYS, "table")
    if data.get("version", 1) != 1:
        raise AliasTableError(path, line, f"unsupported version {data.get('version')!r} "
                                          "(expected 1)")
    entities = tuple(_entity(path, e) for e in _list_of(path, data, "entities", line))
    compounds = tuple(_compound(path, c) for c in _list_of(path, data, "compounds", line))
    seen: dict[str, Entity] = {}
    for e in entities:
        other = seen.setdefault(e.canonical.casefold(), e)
        if other is not e:
            raise AliasTableError(path, e.line, f"canonical {e.canonical!r} is already "
                                                f"defined at line {other.line}")
    return Table(entities, compounds)


def _list_of(path: Path, data: dict, key: str, line: int) -> list:
    value = data.get(key, [])
    if value is None:
        return []
    if not isinstance(value, list):
        raise AliasTableError(path, line, f"'{key}' must be a list")
    for item in value:
        if not isinstance(item, dict):
            raise AliasTableError(path, line, f"each item of '{key}' must be a mapping, "
                                              f"got {item!r}")
    return value


def _check_keys(path: Path, m: dict, allowed: frozenset[str], what: str) -> None:
    for key in m:
        if key not in allowed:
            raise AliasTableError(path, getattr(m, "line", 0),
                                  f"unknown key {key!r} in {what} (allowed: "
                                  f"{', '.join(sorted(allowed))})")


def _text(path: Path, m: dict, key: str, *, required: bool = False) -> str | None:
    value = m.get(key)
    line = getattr(m, "line", 0)
    if value is None:
        if required:
            raise AliasTableError(path, line, f"missing required key {key!r}")
        return None
    if not isinstance(value, str):
        raise AliasTableError(path, line, f"{key!r} must be a string, got "
                                          f"{type(value).__name__} {value!r}")
    value = " ".join(value.split())
    if not value:
        raise AliasTableError(path, line, f"{key!r} must not be empty")
    return value


def _entity(path: Path, m: dict) -> Entity:
    line = m.line
    _check_keys(path, m, _ENTITY_KEYS, "entity")
    canonical = _text(path, m, "canonical", required=True)
    kind = _text(path, m, "type", required=True)
    if kind not in ENTITY_TYPES:
        raise AliasTableError(path, line, f"type {kind!r} is not one of "
                                          f"{', '.join(ENTITY_TYPES)}")
    plain, gated = _aliases(path, m)
    hanzi = _text(path, m, "hanzi")
    if hanzi is not None and not _HAN.match(hanzi):
        raise AliasTableError(path, line, f"hanzi {hanzi!r} must be Chinese characters only")
    hangul = _text(path, m, "hangul")
    if hangul is not None and not _HANGUL.match(hangul):
        raise AliasTableError(path, line, f"hangul {hangul!r} must be Hangul syllables only")
    fuzzy = m.get("fuzzy", kind in _FUZZY_BY_DEFAULT)
    if not isinstance(fuzzy, bool):
        raise AliasTableError(path, line, f"'fuzzy' must be true or false, got {fuzzy!r}")
    context = m.get("context", [])
    if not isinstance(context, list) or not all(isinstance(c, str) and c.strip()
                                                for c in context):
        raise AliasTableError(path, line, "'context' must be a list of words")
    return Entity(canonical, kind, plain, gated, hanzi, hangul, fuzzy,
                  tuple(c.strip() for c in context), str(path), line)


def _aliases(path: Path, m: dict) -> tuple[tuple[str, ...], tuple[str, ...]]:
    raw = m.get("aliases", [])
    line = m.line
    if raw is None:
        return (), ()
    if not isinstance(raw, list):
        raise AliasTableError(path, line, "'aliases' must be a list")
    plain: list[str] = []
    gated: list[str] = []
    for item in raw:
        if isinstance(item, dict):
            _check_keys(path, item, _ALIAS_KEYS, "alias")
            variant = _text(path, item, "variant", required=True)
            flag = item.get("gated", False)
            if not isinstance(flag, bool):
                raise AliasTableError(path, item.line, "'gated' must be true or false")
            (gated if flag else plain).append(variant)
        elif isinstance(item, str) and item.strip():
            plain.append(" ".join(item.split()))
        else:
            raise AliasTableError(path, line, f"alias {item!r} must be a non-empty string")
    if gated and not m.get("context"):
        raise AliasTableError(path, line, "a gated alias needs 'context' words")
    return tuple(plain), tuple(gated)


def _compound(path: Path, m: dict) -> Compound:
    _check_keys(path, m, _COMPOUND_KEYS, "compound")
    hanzi = _text(path, m, "hanzi", required=True)
    name = _text(path, m, "name", required=True)
    if not _HAN.match(hanzi):
        raise AliasTableError(path, m.line, f"hanzi {hanzi!r} must be Chinese characters only")
    return Compound(hanzi, name, str(path), m.line)


def merge_tables(tables: Sequence[Table]) -> Table:
    """Later tables win by canonical name; one alias may not mean two entities."""
    by_canonical: dict[str, Entity] = {}
    for t in tables:
        for e in t.entities:
            by_canonical.pop(e.canonical.casefold(), None)
            by_canonical[e.canonical.casefold()] = e
    owner: dict[str, Entity] = {}
    for e in by_canonical.values():
        for variant in (e.canonical, *e.aliases, *e.gated_aliases):
            other = owner.setdefault(variant_key(variant), e)
            if other is not e:
                raise AliasTableError(
                    e.source, e.line,
                    f"alias {variant!r} already belongs to {other.canonical!r} "
                    f"({other.source}:{other.line})")
    compounds: dict[str, Compound] = {}
    for t in tables:
        for c in t.compounds:
            compounds[c.hanzi] = c
    return Table(tuple(by_canonical.values()), tuple(compounds.values()))


def load_tables(paths: Iterable[str | Path]) -> Table:
    """Load every file under ``paths`` (files or folders), validate all, then merge."""
    tables = []
    for p in paths:
        files = table_files(p)
        if not Path(p).exists():
            raise AliasTableError(p, 0, "no such table file or folder")
        tables.extend(load_table(f) for f in files)
    return merge_tables(tables)


def variant_key(variant: str) -> str:
    """How two spellings are compared: case, spacing and hyphens do not count.

    >>> variant_key("Yin  Xi-yue") == variant_key("yin xiyue")
    True
    """
    return " ".join(regex.sub(r"(?<=\w)[-‐‑](?=\w)", "", variant).split()).casefold()
