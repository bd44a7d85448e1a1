"""Run the library on Dask: bags of texts, a text column of a DataFrame, corpus statistics.

Install with ``pip install 'mt-normalize[dask]'``. Results are those of the
single-process path, in input order: ``normalize_bag(bag, n).compute()`` equals
``[n.normalize(t) for t in texts]`` and ``collect_line_stats(bag)`` equals
``LineStats.collect(texts)``. Each call puts the normalizer into the task graph once, as
its own piece of data: a worker receives (and unpickles) it once for all its partitions,
not once per task or per document. Without a normalizer, each worker builds the default
``Normalizer()`` itself, once per process, and nothing is shipped.

Dask is imported only when one of these functions is called: ``import normalize`` never
imports it. A corpus of JSON Lines records in two passes::

    import json
    import dask.bag as db
    from normalize import Normalizer
    from normalize.dask import collect_line_stats, normalize_bag

    texts = db.read_text("raw/*.jsonl").map(json.loads).pluck("text")
    stats = collect_line_stats(texts)        # first pass: only the counts travel
    clean = normalize_bag(texts, Normalizer(line_stats=stats), text_only=True)
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import reduce
from typing import TYPE_CHECKING, Any

from normalize.batch import result_report
from normalize.corpus import LineStats
from normalize.model import Result
from normalize.normalizer import Normalizer, _default

if TYPE_CHECKING:
    import dask.bag
    import dask.dataframe
    import pandas

__all__ = ["collect_line_stats", "normalize_bag", "normalize_column"]


def normalize_bag(bag: dask.bag.Bag, normalizer: Normalizer | None = None, *,
                  text_only: bool = False) -> dask.bag.Bag:
    """A bag of the :class:`~normalize.Result` of every text of ``bag``, in order.

    With ``text_only`` the bag holds the clean texts instead, which are smaller to
    move and store. ``normalizer`` defaults to ``Normalizer()``.
    """
    return bag.map_partitions(_normalize_texts, _shipped(normalizer), text_only,
                              token="normalize")


def normalize_column(frame: dask.dataframe.DataFrame, column: str = "text",
                     normalizer: Normalizer | None = None, *,
                     changes_column: str | None = None) -> dask.dataframe.DataFrame:
    """``frame`` with ``column`` normalized and every other column kept.

    With ``changes_column``, a column of that name holds each row's report as JSON,
    ``{"changes", "removed", "metadata"}``, as ``normalize-file --jsonl --with-changes``
    writes it. A missing value (None, NaN) stays missing, with a missing report; any
    other value that is not a string is a TypeError, as in ``Normalizer.normalize``.
    Dtypes are kept and the report column gets the text column's, except that a text
    column not of a pandas string dtype (a categorical could not hold the new texts)
    becomes ``object``.
    """
    if column not in frame.columns:
        raise KeyError(f"no column {column!r}")
    if changes_column == column:
        raise ValueError("changes_column must differ from the text column")
    meta = _normalize_frame(frame._meta, None, column, changes_column)
    return frame.map_partitions(_normalize_frame, _shipped(normalizer), column,
                                changes_column, meta=meta, token="normalize")


def collect_line_stats(texts: dask.bag.Bag | dask.dataframe.Series, *,
                       split_every: int | None = None) -> LineStats:
    """Corpus line statistics of ``texts`` (a bag, or a Series of a DataFrame), computed.

    Each partition is counted where it lies and only the counts travel, merged in a
    tree of ``split_every`` (default 8) at a time, so no machine holds the corpus.
    Equals ``LineStats.collect`` over the same texts; missing values of a Series are
    not documents and are skipped.
    """
    import dask.bag
    import dask.dataframe

    if isinstance(texts, dask.dataframe.Series):
        texts = texts.dropna().to_bag()
    elif not isinstance(texts, dask.bag.Bag):
        raise TypeError(f"collect_line_stats() takes a dask Bag or Series, "
                        f"not {type(texts).__name__}")
    return texts.reduction(LineStats.collect, _merge_all, split_every=split_every,
                           name="line-stats").compute()


def _shipped(normalizer: Normalizer | None) -> Any:
    """The normalizer as one node of the graph, so every task shares one copy."""
    if normalizer is None:
        return None
    if not isinstance(normalizer, Normalizer):
        raise TypeError(f"normalizer must be a Normalizer, not {type(normalizer).__name__}")
    import dask

    return dask.delayed(normalizer, pure=False)  # pure=False: no hashing of the tables


def _normalize_texts(texts: Iterable[str], normalizer: Normalizer | None,
                     text_only: bool) -> list[Result] | list[str]:
    n = normalizer or _default()
    if text_only:
        return [n.normalize(text).text for text in texts]
    return [n.normalize(text) for text in texts]


def _normalize_frame(part: pandas.DataFrame, normalizer: Normalizer | None, column: str,
                     changes_column: str | None) -> pandas.DataFrame:
    import pandas as pd

    texts: list[Any] = []
    reports: list[str | None] = []
    for value in part[column]:
        if not isinstance(value, str) and pd.api.types.is_scalar(value) and pd.isna(value):
            texts.append(value)
            reports.append(None)
            continue
        normalizer = normalizer or _default()  # not built for an empty partition (meta)
        result = normalizer.normalize(value)
        texts.append(result.text)
        if changes_column is not None:
            reports.append(json.dumps(result_report(result), ensure_ascii=False))
    dtype = part[column].dtype
    if not isinstance(dtype, pd.StringDtype):
        dtype = object
    new = {column: pd.Series(texts, index=part.index, dtype=dtype)}
    if changes_column is not None:
        new[changes_column] = pd.Series(reports, index=part.index, dtype=dtype)
    return part.assign(**new)


def _merge_all(parts: Iterable[LineStats]) -> LineStats:
    return reduce(LineStats.merge, parts, LineStats())
