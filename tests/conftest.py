"""Shared fixtures. With CI set, Hypothesis loads its deterministic "ci" profile itself."""

from __future__ import annotations

import os
import tempfile

import pytest

# Compiled tables are cached per test run, never in the user's own cache folder.
os.environ["NORMALIZE_CACHE_DIR"] = tempfile.mkdtemp(prefix="normalize-cache-")

from normalize import Normalizer


@pytest.fixture(scope="session")
def normalizer() -> Normalizer:
    return Normalizer()
