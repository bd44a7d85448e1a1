"""The names evaluation set as regression tests: thresholds, and no false correction."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from normalize import Normalizer

EVAL = Path(__file__).parent / "eval"
_spec = importlib.util.spec_from_file_location("evaluate_names", EVAL / "evaluate_names.py")
evaluate_names = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(evaluate_names)

CASES = evaluate_names.load_cases()


@pytest.fixture(scope="module")
def eval_normalizer() -> Normalizer:
    return Normalizer(aliases=[EVAL / "names" / "table.yaml"])


def test_the_set_is_big_enough():
    garbled = [c for c in CASES if c["kind"] != "control"]
    controls = [c for c in CASES if c["kind"] == "control"]
    assert len(garbled) >= 80 and len(controls) >= 50
    assert len({c["id"].split("-")[0] for c in garbled}) >= 25


def test_recall_meets_the_target(eval_normalizer):
    stats, _ = evaluate_names.score(eval_normalizer, CASES)
    garbled = [s for kind, s in stats.items() if kind != "control"]
    right = sum(s["right"] for s in garbled)
    total = sum(s["cases"] for s in garbled)
    assert right / total >= 0.95


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c['kind']}: {c['id']}")
def test_no_false_correction(eval_normalizer, case):
    out = eval_normalizer.normalize(case["text"]).text
    if case["kind"] == "control":
        assert out == case["text"]
    else:
        assert out in (case["text"], case["expected"]) or not evaluate_names._is_false(case, out)
