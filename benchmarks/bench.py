"""hoctap's speed and memory, printed as figures (run: python benchmarks/bench.py).

Not a test: figures depend on the machine, so the targets are ratios to a floor measured
in the same run, a hand-written district rule that returns the same level and
decided_by with no checks at all (`minimal_district`):

- ``evaluate`` with validated input (trace on demand): within 5x of the floor;
- the same with the trace tree built: within 25x;
- the same with the JSON record (``to_dict``): within 50x;
- ``import hoctap`` and ``load("district")`` in a fresh interpreter: within 2x of
  ``import pydantic, yaml``, the two libraries it stands on.

The trace is built on first access (see `hoctap.evaluation`), so building and rendering
it are measured separately.
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
    "3.1.1": {"previous": 4.1, "current": 2.6},
    "3.1.2": {"chất thải rắn": 90, "nước thải": 95},
    "3.2.1": True, "3.2.2": 0.03, "3.2.3": 50,
}  # fmt: skip


PLAIN: dict[str, object] = {
    **dict.fromkeys(("1.1.1", "1.1.2", "1.2.1", "1.2.2", "1.2.3", "3.2.1"), True),
    "2.1.1": 92, "2.1.2": 85, "2.2.1": 95, "2.2.2": 91, "2.2.3": 100, "2.2.4": 100,
    "3.1.1": {"previous": 5, "current": 3}, "3.1.2": {"chất thải rắn": 90, "nước thải": 95},
    "3.2.2": 0, "3.2.3": 50,
}  # fmt: skip
"""The same unit with every value a bool or a whole number: the inputs that need no parsing."""


def minimal_district(values: dict[str, object]) -> tuple[int, tuple[str, ...]]:
    """The district rule written by hand for these inputs, with no checks: the floor.

    Returns the level and decided_by, as hoctap does.
    """
    share: dict[str, float] = {}
    for key in ("2.1.1", "2.1.2", "2.2.1", "2.2.2", "2.2.4", "2.2.3", "3.2.2", "3.2.3"):
        v = values[key]
        share[key] = 100 * v["count"] / v["total"] if isinstance(v, dict) else float(v)  # type: ignore[arg-type]
    waste = values["3.1.2"]  # each part from 90%
    assert isinstance(waste, dict)
    share["3.1.2"] = min(float(v) for v in waste.values())
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
        return 0, ()
    banded = {k: share[k] for k in ("2.1.1", "2.1.2", "2.2.1", "2.2.2", "2.2.4")}
    if min(banded.values()) < 70:
        return 0, ()
    bands = {k: 1 if s <= 80 else 2 if s <= 90 else 3 for k, s in banded.items()}
    level = min(bands.values())
    return level, tuple(k for k, b in bands.items() if b == level)


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


def _fresh(code: str) -> float:
    """Seconds that ``code`` takes in a fresh interpreter (median of 7)."""
    timed = f"import time; t = time.perf_counter(); {code}; print(time.perf_counter() - t)"
    times = [
        float(subprocess.check_output([sys.executable, "-c", timed], text=True)) for _ in range(7)
    ]
    return statistics.median(times)


def main() -> None:
    """Print every figure."""
    print(f"hoctap {hoctap.__version__}, Python {sys.version.split()[0]}")
    base = _fresh("import pydantic, yaml")
    # pydantic imports its model machinery lazily, on first use: this is that cost too.
    models = _fresh("from pydantic import BaseModel; import yaml")
    ours = _fresh("import hoctap; hoctap.load('district')")
    print(
        f"import pydantic, yaml:                        {base * 1000:5.0f} ms (fresh interpreter)"
    )
    print(f"from pydantic import BaseModel; import yaml:  {models * 1000:5.0f} ms")
    print(
        f"import hoctap; load('district'):              {ours * 1000:5.0f} ms  "
        f"ratio {ours / base:.1f}x (target 2x); {ours / models:.1f}x the line above"
    )

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
    result = hoctap.evaluate(district, VALUES)
    assert (result.level, result.decided_by) == minimal_district(VALUES)

    floor = rate(lambda: minimal_district(VALUES))
    figures = [
        (
            "evaluate, validated input, trace on demand",
            rate(lambda: hoctap.evaluate(district, VALUES)),
            5,
        ),
        (
            "  ... and the trace tree built",
            rate(lambda: hoctap.evaluate(district, VALUES).trace),
            25,
        ),
        (
            "  ... and the JSON record (to_dict)",
            rate(lambda: hoctap.evaluate(district, VALUES).to_dict(), 2.0),
            50,
        ),
    ]
    print(f"floor: hand-written district rule, level and decided_by: {floor:>10,.0f}/s")
    for label, per_second, target in figures:
        print(
            f"{label:55s} {per_second:>10,.0f}/s  ratio {floor / per_second:5.1f}x (target {target}x)"
        )
    other = [
        ("every value a bool or a whole number", rate(lambda: hoctap.evaluate(district, PLAIN))),
        ("set given by name (cached load)", rate(lambda: hoctap.evaluate("district", VALUES))),
        ("rendered as text", rate(lambda: hoctap.evaluate(district, VALUES).render("text"), 2.0)),
    ]
    for label, per_second in other:
        print(f"  {label:53s} {per_second:>10,.0f}/s  ratio {floor / per_second:5.1f}x")

    tracemalloc.start()
    results = [hoctap.evaluate(district, VALUES) for _ in range(10_000)]
    size, _peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"memory per kept evaluation (trace not built): {size / len(results):,.0f} bytes")


if __name__ == "__main__":
    main()
