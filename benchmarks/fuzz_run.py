"""A longer fuzz run than CI's, with its figures (run: python benchmarks/fuzz_run.py [N]).

Feeds N hostile inputs (``tests/fuzz/hostile.py``: mutated criteria files and
assessments, hostile YAML and JSON, odd Python values) to hoctap, each under a time
limit, and prints how many were accepted, refused with hoctap's own error, raised
anything else, or ran out of time; then the first few of the last two kinds.
"""

from __future__ import annotations

import signal
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "fuzz"))
from hostile import inputs, run  # type: ignore[import-not-found]

LIMIT = 10
"""Seconds one input may take before it counts as a timeout."""


class _TimeoutError(Exception):
    pass


def _alarm(_signum: int, _frame: object) -> None:
    raise _TimeoutError


def main(count: int) -> int:
    """Run ``count`` inputs; print the figures; exit 1 if anything but hoctap's own errors."""
    outcomes: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    others: list[str] = []
    slowest = 0.0
    signal.signal(signal.SIGALRM, _alarm)

    @settings(
        max_examples=count, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(inputs())
    def feed(case: tuple[str, Any]) -> None:
        nonlocal slowest
        kinds[case[0]] += 1
        signal.alarm(LIMIT)
        start = time.perf_counter()
        try:
            outcome = run(*case)
        except _TimeoutError:
            outcome = "timeout"
        finally:
            signal.alarm(0)
        slowest = max(slowest, time.perf_counter() - start)
        key = outcome if outcome in {"accepted", "own error", "timeout"} else "other"
        outcomes[key] += 1
        if key in {"other", "timeout"} and len(others) < 10:
            others.append(f"{case[0]}: {outcome}: {str(case[1])[:200]!r}")

    start = time.perf_counter()
    feed()
    total = sum(outcomes.values())
    print(f"inputs: {total} ({', '.join(f'{k} {n}' for k, n in sorted(kinds.items()))})")
    for key in ("accepted", "own error", "other", "timeout"):
        print(f"  {key}: {outcomes[key]}")
    print(f"slowest input: {slowest * 1000:.0f} ms; whole run {time.perf_counter() - start:.0f} s")
    for line in others:
        print("  ", line)
    return 1 if outcomes["other"] or outcomes["timeout"] else 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000))
