"""hoctap's speed and memory, printed as figures (run: python benchmarks/bench.py).

Not a test: figures depend on the machine, so the targets are ratios to a floor measured
in the same run, a hand-written district rule that returns the same level and
decided_by with no checks at all (`minimal_district`):

- ``evaluate`` with validated input (trace on demand): within 5x of the floor;
- the same with the trace tree built: within 25x;
- the same with the JSON record (``to_dict``): within 50x;
- ``import hoctap`` and ``load("district")`` in a fresh interpreter: within 2x of
  ``import pydantic, yaml``, the two libraries it stands on.

The trace is built on first access (see `hoctap.results.evaluation`), so building and rendering
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
from hoctap.files._loading import bundled_dir, load_text

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


def district_frame(n: int, seed: int = 7) -> dict[str, object]:
    """Districts as columns of plain numbers (the flat column contract), most recognised."""
    import numpy as np  # noqa: PLC0415 - the batch section needs the frame extra

    rng = np.random.default_rng(seed)
    cols: dict[str, object] = {}
    for key in ("1.1.1", "1.1.2", "1.2.1", "1.2.2", "1.2.3", "3.2.1"):
        cols[key] = rng.random(n) < 0.98
    for key in ("2.1.1", "2.2.1", "2.2.2", "2.2.4"):
        cols[key] = np.round(rng.uniform(65, 100, n), 1)
    total = rng.integers(10, 40, n)
    cols["2.1.2.count"] = np.minimum(total, rng.integers(7, 40, n))
    cols["2.1.2.total"] = total
    cols["2.2.3"] = np.where(rng.random(n) < 0.95, 100.0, 50.0)
    cols["3.1.1.previous"] = np.round(rng.uniform(3, 6, n), 1)
    cols["3.1.1.current"] = np.round(cols["3.1.1.previous"] - rng.uniform(1, 3, n), 1)  # type: ignore[operator]
    cols["3.1.2.chất thải rắn"] = np.round(rng.uniform(85, 100, n), 1)
    cols["3.1.2.nước thải"] = np.round(rng.uniform(85, 100, n), 1)
    cols["3.2.2"] = np.round(rng.uniform(0, 0.06, n), 3)
    cols["3.2.3"] = np.round(rng.uniform(40, 80, n), 1)
    return cols


def numpy_district(cols: dict[str, object]) -> tuple[object, object]:
    """The district rule written by hand in numpy, no checks: the limit for the columnar path."""
    import numpy as np  # noqa: PLC0415

    c: dict[str, np.ndarray] = {k: np.asarray(v) for k, v in cols.items()}
    share212 = 100 * c["2.1.2.count"] / c["2.1.2.total"]
    ok = c["1.1.1"] & c["1.1.2"] & c["1.2.1"] & c["1.2.2"] & c["1.2.3"] & c["3.2.1"]
    ok &= (c["2.2.3"] >= 100) & (c["3.2.2"] < 0.05) & (c["3.2.3"] >= 50)
    ok &= (c["3.1.1.previous"] - c["3.1.1.current"]) >= 1.5 - 1e-9
    ok &= np.minimum(c["3.1.2.chất thải rắn"], c["3.1.2.nước thải"]) >= 90
    banded = np.vstack([c["2.1.1"], share212, c["2.2.1"], c["2.2.2"], c["2.2.4"]])
    ok &= (banded >= 70).all(axis=0)
    bands = np.where(banded <= 80, 1, np.where(banded <= 90, 2, 3))
    level = np.where(ok, bands.min(axis=0), 0)
    decided = (bands == level).T @ (1 << np.arange(5))
    return level, decided


def batch() -> None:
    """Many units at once: a list of mappings, a frame (columnar), the numpy limit."""
    try:
        import numpy as np  # noqa: PLC0415
        import pandas as pd  # noqa: PLC0415
    except ImportError:
        print("batch: install the frame extra (pandas, numpy) for these figures")
        return
    from hoctap.batch._columnar import decide_columns  # noqa: PLC0415
    from hoctap.engine._plan import plan_for  # noqa: PLC0415

    district = hoctap.load("district")
    plan = plan_for(district)
    n = 1_000_000
    cols = district_frame(n)
    limits = []
    for _ in range(5):  # best of five: the first runs pay for fresh memory
        start = time.perf_counter()
        numpy_district(cols)
        limits.append(n / (time.perf_counter() - start))
    limit = max(limits)
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        decided = decide_columns(plan, cols, n)
        runs.append(n / (time.perf_counter() - start))
    columnar = max(runs)
    second = int(decided.scalar.sum())
    frame = pd.DataFrame(cols)
    start = time.perf_counter()
    hoctap.evaluate_many(district, frame)
    whole = n / (time.perf_counter() - start)
    rows = [VALUES] * 20_000
    start = time.perf_counter()
    hoctap.evaluate_many(district, rows)
    many = len(rows) / (time.perf_counter() - start)
    single = rate(lambda: hoctap.evaluate(district, VALUES))
    print(f"batch, {n:,} districts as a frame of numbers:")
    print(f"  numpy by hand, level and decided_by (the limit)  {limit:>12,.0f}/s")
    print(
        f"  columnar path, level and decided_by              {columnar:>12,.0f}/s  "
        f"ratio {limit / columnar:.1f}x the limit (target: 6,000,000/s); "
        f"{second:,} rows given the exact second look"
    )
    print(f"  evaluate_many(frame) -> results DataFrame         {whole:>12,.0f}/s")
    print(
        f"  evaluate_many(list of mappings)                   {many:>12,.0f}/s  "
        f"(evaluate() one by one: {single:,.0f}/s)"
    )
    tracemalloc.start()
    decide_columns(plan, cols, n)
    _size, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    inputs = sum(np.asarray(v).nbytes for v in cols.values())
    print(
        f"  memory per million units: input {inputs / 1e6:.0f} MB, columnar work {peak / 1e6:.0f} MB"
    )


def what_if() -> None:
    """`hoctap.impact`: 10,000 districts under the district set and a variant (two edits).

    End to end, as a user calls it: both sets over the table (the columnar path where
    the rows allow), the transition matrix, and each changed unit's edits, alone and in
    order.
    """
    n = 10_000
    cols = district_frame(n, seed=11)
    rows = [{k: _plain(v[i]) for k, v in cols.items()} for i in range(n)]  # type: ignore[index]
    district = hoctap.load("district")
    variant = district.evolve(
        indicators={
            "3.1.2": {"measure": {"meets": {"at_least": 88}}},
            "3.2.3": {"measure": {"meets": {"at_least": 55}}},
        }
    )
    start = time.perf_counter()
    found = hoctap.impact(district, variant, rows)
    took = time.perf_counter() - start
    # The baseline, in the same run: what impact cannot do without, each set over the rows.
    start = time.perf_counter()
    for spec in (district, variant):
        hoctap.evaluate_many(spec, rows)
    both = time.perf_counter() - start
    print(
        f"what if: impact of two edits over {n:,} districts: {took:.2f} s "
        f"({len(found.changed):,} units change level); "
        f"baseline, evaluate_many under both sets: {both:.2f} s"
    )


def _plain(value: object) -> object:
    """A numpy scalar as the plain Python value a row of a table holds."""
    item = getattr(value, "item", None)
    return item() if item is not None else value


if __name__ == "__main__":
    main()
    batch()
    what_if()
