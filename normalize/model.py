"""The contract's vocabulary: what changed, and what came out.

Invariants every :class:`Result` keeps (tested with Hypothesis):

* **I1** for every ``c`` in ``changes + removed``: ``raw[c.start:c.end] == c.before``;
* **I2** sorted by ``(start, end)``, the changes and removals do not overlap;
* **I3** splicing every ``after`` into ``raw`` gives exactly ``result.text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["typography", "encoding", "alias", "compound", "boilerplate", "duplicate"]

#: Kinds whose changes are removals, reported in ``Result.removed``.
REMOVAL_KINDS: frozenset[str] = frozenset({"boilerplate", "duplicate"})


@dataclass(frozen=True, slots=True)
class Change:
    """One edit, located in the ORIGINAL input: ``raw[start:end] == before``."""

    rule: str
    kind: Kind
    before: str
    after: str
    start: int
    end: int
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class Result:
    """The clean text and an account of how it was made from the input."""

    text: str
    changes: list[Change] = field(default_factory=list)
    removed: list[Change] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)
