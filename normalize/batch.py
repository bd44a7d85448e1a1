"""Many documents at once: results in input order, bounded memory, one or many processes.

The normalizer reaches each worker process once (inherited on fork, pickled
otherwise), never once per document. At most ``window`` tasks are in flight, so a
stream of any length runs in constant memory.
"""

from __future__ import annotations

import json
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict
from typing import TypeVar

from normalize.model import Result
from normalize.normalizer import Normalizer

T = TypeVar("T")
R = TypeVar("R")

_WORKER: Normalizer | None = None


def _init_worker(normalizer: Normalizer) -> None:
    global _WORKER
    _WORKER = normalizer


def worker_normalizer() -> Normalizer:
    """The normalizer of this worker process (set when the pool starts)."""
    if _WORKER is None:
        raise RuntimeError("no normalizer in this process; use ordered_map")
    return _WORKER


def job_count(jobs: int) -> int:
    """``jobs`` processes, or one per core for 0."""
    return max(1, jobs or os.cpu_count() or 1)


def ordered_map(func: Callable[[T], R], items: Iterable[T], normalizer: Normalizer,
                jobs: int = 1, window: int | None = None) -> Iterator[R]:
    """``func`` over ``items`` in ``jobs`` processes, yielding results in input order.

    ``func`` must be a module-level function; it gets the normalizer from
    :func:`worker_normalizer`.
    """
    jobs = job_count(jobs)
    if jobs == 1:
        _init_worker(normalizer)
        for item in items:
            yield func(item)
        return
    window = window or 4 * jobs
    warm_up(normalizer)
    with multiprocessing.Pool(jobs, initializer=_init_worker, initargs=(normalizer,)) as pool:
        pending: deque = deque()
        for item in items:
            pending.append(pool.apply_async(func, (item,)))
            if len(pending) >= window:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()


def warm_up(normalizer: Normalizer) -> None:
    """Load what the steps load on first use (the word-frequency list, compiled context
    patterns) once, before the workers fork, so that they share it instead of each
    loading it again."""
    normalizer.normalize("Warm-up: Yin Xilie met Rutte in Seoul.\nShare this article\n")


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of up to ``size`` items, in order."""
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def normalize_record(line: str, field: str, with_changes: bool) -> tuple[str, str | None]:
    """One JSON Lines record with ``field`` normalized and every other field kept.

    Returns the output line and an error message (the line is then passed through).

    >>> _init_worker(Normalizer())
    >>> normalize_record('{"id": 7, "text": "Yin Xilie left."}', "text", False)[0]
    '{"id": 7, "text": "Yoon Suk-yeol left."}'
    """
    stripped = line.strip()
    if not stripped:
        return line, None
    try:
        record = json.loads(stripped)
    except json.JSONDecodeError as err:
        return line, f"not a JSON record ({err.msg})"
    if not isinstance(record, dict) or not isinstance(record.get(field), str):
        return line, f"no string field {field!r}"
    result = worker_normalizer().normalize(record[field])
    record[field] = result.text
    if with_changes:
        record["normalize"] = result_report(result)
    return json.dumps(record, ensure_ascii=False), None


def normalize_records(lines: list[str], field: str, with_changes: bool
                      ) -> list[tuple[str, str | None]]:
    """A batch of records (one task per batch keeps process overhead small)."""
    return [normalize_record(line, field, with_changes) for line in lines]


def result_report(result: Result) -> dict:
    """Changes, removals and metadata of one result as JSON-ready data."""
    return {"changes": [asdict(c) for c in result.changes],
            "removed": [asdict(c) for c in result.removed],
            "metadata": result.metadata}
