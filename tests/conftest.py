"""Shared paths for the tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"


@pytest.fixture
def seed_004() -> str:
    """The clean text of Bà Rịa - Vũng Tàu's 25/KH-UBND (district and province annexes)."""
    path = SEEDS / "004_5a3bac751ebd927c.txt"
    if not path.is_file():  # pragma: no cover - the seeds live beside the repository
        pytest.skip("the seed documents are not beside this checkout")
    return path.read_text(encoding="utf-8")


# Timing is the benchmark's business (benchmarks/bench.py), not the tests': a property
# test must not fail because the machine was busy. The fuzz test keeps its own bound.
settings.register_profile("hoctap", deadline=None, print_blob=True)
settings.load_profile("hoctap")
