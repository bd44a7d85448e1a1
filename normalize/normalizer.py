"""The Normalizer: built once from the tables, then applied to any number of texts."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

from normalize import typography
from normalize._resources import builtin_aliases_dir, data_file
from normalize.boilerplate import Boilerplate
from normalize.cache import cached, content_key
from normalize.corpus import CorpusFurniture, LineStats
from normalize.dedup import Duplicates
from normalize.lines import on_lines_except, untouched_lines
from normalize.matching import NameMatcher
from normalize.model import REMOVAL_KINDS, Result
from normalize.rules import Family, load_families, merge_families
from normalize.tables import AliasTableError, Table, load_tables, read_yaml, table_files
from normalize.tracked import Edit, TrackedText
from normalize.variants import (
    ROMANIZATION,
    Variant,
    compound_variants,
    entity_variants,
    first_reading,
)

Step = Callable[[str], Iterable[Edit]]
PathLike = str | Path


class Normalizer:
    """Clean machine-translated news text with the built-in tables plus the user's.

    Built once: loading, validation, variant derivation and matcher compilation all
    happen here. Afterwards the object never changes, so one instance can be shared by
    threads, pickled to worker processes, and gives the same result everywhere.

    >>> Normalizer().normalize("South Korean President Yin Xilie said.").text
    'South Korean President Yoon Suk-yeol said.'
    """

    __slots__ = ("_families", "_furniture", "_names", "_steps", "_table")

    def __init__(self, aliases: PathLike | Iterable[PathLike] | None = None, *,
                 builtin: bool = True, rules: PathLike | Iterable[PathLike] | None = None,
                 disabled_rules: Iterable[str] = (), line_stats: LineStats | None = None,
                 corpus_threshold: float = 0.5, corpus_min_documents: int = 3) -> None:
        """``aliases``: extra alias tables; ``rules``: extra boilerplate rule files whose
        families replace built-in ones of the same name or add new ones;
        ``disabled_rules``: boilerplate family names to switch off; ``line_stats``:
        corpus statistics, whose lines found in at least ``corpus_threshold`` of the
        documents (and ``corpus_min_documents``) are removed as site furniture."""
        paths = ([builtin_aliases_dir()] if builtin else []) + _paths(aliases)
        table, names = _compiled_names(paths)
        families = merge_families(
            [load_families(data_file("boilerplate.yaml"), timeout=None),
             *(load_families(p) for p in _paths(rules))],
            disabled=disabled_rules)
        furniture = (line_stats.recurring(corpus_threshold, corpus_min_documents)
                     if line_stats is not None else frozenset())
        self._assemble(table, names, families, furniture)

    def _assemble(self, table: Table, names: NameMatcher, families: tuple[Family, ...],
                  furniture: frozenset[str] = frozenset()) -> None:
        steps: tuple[Step, ...] = (
            typography.remove_invisible,  # first: a control splits a mojibake sequence
            typography.fix_mojibake,  # every later pattern expects real characters
            typography.remove_c1_controls,
            typography.compose_unicode,
            typography.collapse_spaces,  # the spacing rules below assume single spaces
            typography.drop_space_before_punctuation,
            typography.join_split_apostrophes,
            typography.attach_spaced_hyphens,
            typography.split_glued_words,  # before the rules that look for a word start
            typography.space_after_stops_and_labels,
            typography.fix_mojibake,  # again: a repaired space can complete a sequence
            names,  # before boilerplate: a fixed name can make a line furniture
            names,  # again: a fixed name can complete another ("Mengxiu Gao")
            typography.space_after_stops_and_labels,  # again: a fixed name after a stop
            boilerplate := Boilerplate(families),
            CorpusFurniture(furniture),  # after the rules, which lift metadata as they go
            Duplicates(),  # after names: two renderings of one name make one paragraph
            boilerplate,  # again if repeats went: a bio may now end the article

            typography.tidy_blank_lines,  # last: removals leave blank lines behind
        )
        for name, value in (("_table", table), ("_names", names), ("_families", families),
                            ("_furniture", furniture), ("_steps", steps)):
            object.__setattr__(self, name, value)

    def normalize(self, raw: str) -> Result:
        """Clean ``raw``; every change is reported with offsets into ``raw``."""
        if not isinstance(raw, str):
            raise TypeError(f"normalize() takes str, not {type(raw).__name__}")
        tracked = TrackedText(raw)
        previous, before, edits = None, "", []
        version, ran_at = 0, {}  # how many steps changed the text; the text each read
        for step in self._steps:
            text = tracked.text
            if ran_at.get(id(step)) == version:
                continue  # a step run again on the text it left alone finds nothing
            if step is previous and getattr(step, "line_local", False):  # nor on the
                quiet = untouched_lines(before, [e[:2] for e in edits])  # lines it left
                edits = on_lines_except(step, text, quiet)
            else:
                edits = list(step(text))
            tracked.apply(edits)
            ran_at[id(step)] = version  # the text it read
            version += bool(edits)
            previous, before = step, text
        spans = tracked.spans()
        return Result(
            text=tracked.text,
            changes=[c for c in spans if c.kind not in REMOVAL_KINDS],
            removed=[c for c in spans if c.kind in REMOVAL_KINDS],
            metadata=tracked.metadata(),
        )

    def iter_normalize(self, texts: Iterable[str]) -> Iterator[Result]:
        """Normalize many texts lazily, in order."""
        for text in texts:
            yield self.normalize(text)

    @property
    def names(self) -> NameMatcher:
        """The name step; ``names.exact(text)`` runs its exact-variant scan alone."""
        return self._names

    @property
    def entities(self) -> tuple:
        """The merged entities this normalizer uses."""
        return self._table.entities

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("a Normalizer cannot be changed after it is built")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("a Normalizer cannot be changed after it is built")

    def __reduce__(self):
        return (_rebuild, (self._table, self._names, self._families, self._furniture))


def _paths(value: PathLike | Iterable[PathLike] | None) -> list[PathLike]:
    if value is None:
        return []
    if isinstance(value, (str, Path)):
        return [value]
    return list(value)


def _rebuild(table: Table, names: NameMatcher, families: tuple[Family, ...],
             furniture: frozenset[str]) -> Normalizer:
    n = object.__new__(Normalizer)
    n._assemble(table, names, families, furniture)
    return n


def _compiled_names(paths: list[PathLike]) -> tuple[Table, NameMatcher]:
    """The merged table and its compiled matcher, from the cache when the bytes of every
    table and data file are unchanged."""
    try:
        files = [f for p in paths for f in table_files(p)]
        key = content_key([*files, *(data_file(n) for n in _DERIVATION_DATA)])
    except OSError:
        return _build_names(paths)  # loading reports the unreadable file properly
    return cached(key, lambda: _build_names(paths))


def _build_names(paths: list[PathLike]) -> tuple[Table, NameMatcher]:
    table = load_tables(paths)
    cues, parts = _load_pair_words()
    variants = entity_variants(table.entities, ROMANIZATION) + [
        Variant(text, wanted, "compound")
        for text, wanted in compound_variants(table.compounds, first_reading).items()]
    return table, NameMatcher(table.entities, variants, cues, parts)


_DERIVATION_DATA = ("pair_words.yaml", "romanization.yaml", "pinyin_surnames.yaml",
                    "translated_endings.yaml")

PairWords = tuple[tuple[str, ...], frozenset[str]]


def _load_pair_words() -> PairWords:
    path = data_file("pair_words.yaml")
    data = read_yaml(path)
    lists = [data.get(k) if isinstance(data, dict) else None
             for k in ("cues", "name_parts")]
    if not all(isinstance(v, list) and all(isinstance(w, str) for w in v) for v in lists):
        raise AliasTableError(path, 1, "'cues' and 'name_parts' must be lists of words")
    cues, parts = lists
    return tuple(cues), frozenset(parts)


@cache
def _default() -> Normalizer:
    return Normalizer()


def normalize_text(raw: str) -> str:
    """The clean text of ``raw`` with the built-in tables and default steps.

    >>> normalize_text("Hanhe ties deepened on the same day.This was new.")
    'Korea–Netherlands ties deepened on the same day. This was new.'
    """
    return _default().normalize(raw).text
