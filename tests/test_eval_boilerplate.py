"""The boilerplate evaluation set as regression tests: recall target, no content lost."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from normalize import Normalizer

EVAL = Path(__file__).parent / "eval"
_spec = importlib.util.spec_from_file_location("evaluate_boilerplate",
                                               EVAL / "evaluate_boilerplate.py")
evaluate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(evaluate)

DOCS = sorted(evaluate.DOCS.glob("*.txt"))


@pytest.fixture(scope="module")
def normalizer() -> Normalizer:
    return Normalizer()


def test_the_set_is_big_enough():
    styles = {p.stem.split("_", 1)[1] for p in DOCS}
    assert len(DOCS) >= 30 and len(styles) >= 8


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.stem)
def test_no_content_line_is_lost(normalizer, doc):
    lost = [line for label, line, gone in evaluate.removed_lines(normalizer, doc)
            if label == "C" and gone]
    assert lost == []


def test_furniture_recall_meets_the_target(normalizer):
    rows = [r for doc in DOCS for r in evaluate.removed_lines(normalizer, doc)]
    furniture = [gone for label, _, gone in rows if label in ("F", "D")]
    assert sum(furniture) / len(furniture) >= 0.95
