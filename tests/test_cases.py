"""Data-driven cases: tests/cases/*.yaml, with strict xfail for known gaps."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from normalize import normalize_text

CASES_DIR = Path(__file__).parent / "cases"


def _cases():
    for path in sorted(CASES_DIR.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            marks = []
            if case["expect"] == "fail":
                marks = [pytest.mark.xfail(strict=True, reason=case.get("comment", ""))]
            yield pytest.param(case, id=f"{path.stem}: {case['label']}", marks=marks)


@pytest.mark.parametrize("case", list(_cases()))
def test_case(case):
    assert normalize_text(case["original"]) == case["expected"]
