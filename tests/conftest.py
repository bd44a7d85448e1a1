"""Shared fixtures. With CI set, Hypothesis loads its deterministic "ci" profile itself."""

from __future__ import annotations

import pytest

from normalize import Normalizer


@pytest.fixture(scope="session")
def normalizer() -> Normalizer:
    return Normalizer()
