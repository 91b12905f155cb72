"""Hostile files and values give a result or hoctap's own error, each quickly.

A bounded run for CI; ``python benchmarks/fuzz_run.py N`` runs longer and prints figures.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from .hostile import inputs, timed

pytestmark = pytest.mark.slow  # property, fuzz, notebook, browser, Dask: the slow part

SECONDS = 2.0
"""Each input's time bound: far above the milliseconds one takes, far below a hang."""


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(inputs())
def test_only_own_errors_and_quickly(case: tuple[str, Any]) -> None:
    outcome, seconds = timed(*case)
    assert outcome in {"accepted", "own error"}, outcome[:300]
    assert seconds < SECONDS, (case[0], seconds)
