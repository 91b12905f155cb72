"""hoctap's speed and memory, printed as figures (run: python benchmarks/bench.py).

Not a test: figures depend on the machine. The target (issue 3) is at least 100,000
district evaluations per second with validated input and the full trace available, on
one core of an ordinary laptop. "Full trace available" means the result object can give
its trace; the trace itself is built on first access (see `hoctap.engine`), so the
figures for building and rendering it are printed separately.
"""

from __future__ import annotations

import gc
import statistics
import subprocess
import sys
import time
import tracemalloc
from typing import TYPE_CHECKING

import hoctap
from hoctap.loading import bundled_dir, load_text

if TYPE_CHECKING:
    from collections.abc import Callable

VALUES: dict[str, object] = {
    "1.1.1": True, "1.1.2": True, "1.2.1": "đạt", "1.2.2": True, "1.2.3": True,
    "2.1.1": 92, "2.1.2": {"count": 17, "total": 20}, "2.2.1": 95.5, "2.2.2": 91,
    "2.2.3": {"count": 1, "total": 1}, "2.2.4": 100,
    "3.1.1": {"previous": 4.1, "current": 2.6}, "3.1.2": 90,
    "3.2.1": True, "3.2.2": 0.03, "3.2.3": 50,
}  # fmt: skip


PLAIN: dict[str, object] = {
    **dict.fromkeys(("1.1.1", "1.1.2", "1.2.1", "1.2.2", "1.2.3", "3.2.1"), True),
    "2.1.1": 92, "2.1.2": 85, "2.2.1": 95, "2.2.2": 91, "2.2.3": 100, "2.2.4": 100,
    "3.1.1": {"previous": 5, "current": 3}, "3.1.2": 90, "3.2.2": 0, "3.2.3": 50,
}  # fmt: skip
"""The same unit with every value a bool or a whole number: the inputs that need no parsing."""


def minimal_district(values: dict[str, object]) -> int:
    """The district rule written by hand for these inputs, with no checks: the floor."""
    share: dict[str, float] = {}
    for key in ("2.1.1", "2.1.2", "2.2.1", "2.2.2", "2.2.4", "2.2.3", "3.1.2", "3.2.2", "3.2.3"):
        v = values[key]
        share[key] = 100 * v["count"] / v["total"] if isinstance(v, dict) else float(v)  # type: ignore[arg-type]
    poverty = values["3.1.1"]
    assert isinstance(poverty, dict)
    yes = all(
        values[k] in {True, "đạt"} for k in ("1.1.1", "1.1.2", "1.2.1", "1.2.2", "1.2.3", "3.2.1")
    )
    if not (
        yes
        and share["2.2.3"] >= 100
        and share["3.1.2"] >= 90
        and share["3.2.2"] < 0.05
        and share["3.2.3"] >= 50
        # 4.1 - 2.6 is 1.4999999999999996 in floats: the floor has to round, which is
        # exactly the edge error hoctap's exact arithmetic exists to avoid.
        and round(poverty["previous"] - poverty["current"], 9) >= 1.5
    ):
        return 0
    banded = [share[k] for k in ("2.1.1", "2.1.2", "2.2.1", "2.2.2", "2.2.4")]
    if min(banded) < 70:
        return 0
    return min(1 if s <= 80 else 2 if s <= 90 else 3 for s in banded)


def rate(fn: Callable[[], object], seconds: float = 1.0) -> float:
    """Calls per second: the best of 5 timed runs of as many calls as fit in ``seconds``/5."""
    n = 1
    while True:
        start = time.perf_counter()
        for _ in range(n):
            fn()
        if time.perf_counter() - start > seconds / 20:
            break
        n *= 2
    runs = []
    for _ in range(5):
        gc.collect()
        start = time.perf_counter()
        for _ in range(n):
            fn()
        runs.append(n / (time.perf_counter() - start))
    return max(runs)


def import_time() -> float:
    """Seconds to import hoctap in a fresh interpreter (median of 5)."""
    code = "import time; t = time.perf_counter(); import hoctap; print(time.perf_counter() - t)"
    times = [
        float(subprocess.check_output([sys.executable, "-c", code], text=True)) for _ in range(5)
    ]
    return statistics.median(times)


def main() -> None:
    """Print every figure."""
    print(f"hoctap {hoctap.__version__}, Python {sys.version.split()[0]}")
    print(f"import hoctap: {import_time() * 1000:.0f} ms (median of 5, fresh interpreter)")

    texts = {
        name: (bundled_dir() / f"{name}.yaml").read_text(encoding="utf-8")
        for name in ("district", "city", "province")
    }
    for name, text in texts.items():

        def load_once(text: str = text, name: str = name) -> object:
            return load_text(text, f"{name}.yaml")

        per_second = rate(load_once, 1.0)
        print(f"load {name}.yaml (parse + validate, uncached): {1000 / per_second:.1f} ms")

    district = hoctap.load("district")
    assert hoctap.evaluate(district, VALUES).level == 2
    assert minimal_district(VALUES) == 2

    floor = rate(lambda: minimal_district(VALUES))
    ours = rate(lambda: hoctap.evaluate(district, VALUES))
    by_name = rate(lambda: hoctap.evaluate("district", VALUES))
    with_trace = rate(lambda: hoctap.evaluate(district, VALUES).trace)
    with_json = rate(lambda: hoctap.evaluate(district, VALUES).to_dict(), 2.0)
    with_text = rate(lambda: hoctap.evaluate(district, VALUES).render("text"), 2.0)
    plain = rate(lambda: hoctap.evaluate(district, PLAIN))
    print(f"district evaluations/s, validated input, trace on demand: {ours:,.0f}")
    print(f"  the same, every value a bool or a whole number:        {plain:,.0f}")
    print(f"  the same, set given by name (cached load):             {by_name:,.0f}")
    print(f"  ... and the trace tree built:                          {with_trace:,.0f}")
    print(f"  ... and the whole result as JSON data (to_dict):       {with_json:,.0f}")
    print(f"  ... and rendered as text:                              {with_text:,.0f}")
    print(f"minimal hand-written district rule (no checks), floor:   {floor:,.0f}")
    print(f"ratio floor / hoctap: {floor / ours:.1f}x")

    tracemalloc.start()
    results = [hoctap.evaluate(district, VALUES) for _ in range(10_000)]
    size, _peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"memory per kept evaluation (trace not built): {size / len(results):,.0f} bytes")


if __name__ == "__main__":
    main()
