"""The columnar path: a whole frame of numbers decided at once with numpy.

The same rules as `hoctap.engine._decision`, laid out over columns instead of one row: each
indicator's outcome and band for every row in a few vector operations, then the
prerequisites and the lowest band. It gives exactly what the scalar path gives, because
every row it cannot decide for certain goes to the scalar path (`hoctap.batch._rows`):

- a float means its shortest decimal, as on the scalar path; a float comparison against
  an edge can differ from the exact one only for a value within a hair of the edge, so
  rows with any value within 1e-9 (relative) of an edge it is compared with, and every
  change (whose float difference is inexact: 4.1 - 2.6 is 1.4999999999999996) within
  that hair of its threshold, are sent to the scalar path: the "exact second look";
- counts are compared exactly, in 64-bit integers (totals up to 10^12; larger go scalar);
- anything that is not a plain number in range (text, a count above its total, a
  negative share, parts given as counts) goes scalar too, where it is read, or refused
  with its row and column, by the one reader.

This is the one place where speed needs a trick; what it computes is defined by the
scalar path, and a property test holds the two equal on frames dense with edge values.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from hoctap._numbers import NumberError, read_number
from hoctap.batch._rows import is_missing
from hoctap.engine._decision import MET, MISSING, NOT_MET, Status
from hoctap.engine._reader import ATTESTED_WORDS
from hoctap.errors import fold

if TYPE_CHECKING:
    from collections.abc import Mapping

    from numpy.typing import NDArray

    from hoctap.engine._kinds.kind import IndicatorPlan
    from hoctap.engine._plan import Plan

__all__ = ["Decided", "decide_columns"]

_HAIR = 1e-9
"""How near an edge (relative to the numbers compared) a float must be to get a second,
exact look. Float error here is below 1e-15 relative; the margin is a million times that."""
_BIG = 10**12
"""Counts and totals up to this are compared exactly in int64 (100 x 10^12 x an edge's
denominator stays far below 2^63); larger ones go scalar."""


@dataclass(frozen=True)
class Decided:
    """What the columnar path decided, one entry per row."""

    status: NDArray[np.int8]
    """A `Status` code per row."""
    level: NDArray[np.int8]
    """The level; 0 when not recognised, -1 when incomplete."""
    decided: NDArray[np.uint64]
    """``decided_by`` as a bitmask over the indicators in the order of the text."""
    possible_top: NDArray[np.int8]
    """For an incomplete row, the highest level still possible (levels 0 and 1 up to it
    when a banded value is missing, else 0 and it)."""
    missing_banded: NDArray[np.bool_]
    outcomes: NDArray[np.int8]
    """Per row and indicator: an `Outcome` code."""
    bands: NDArray[np.int8]
    """Per row and indicator: the band of a met banded indicator, else 0."""
    scalar: NDArray[np.bool_]
    """Rows the columnar path leaves to the scalar path: their entries above are void."""


def _floats(
    col: Any, n: int, *, words: bool = False, percent: bool = False
) -> tuple[NDArray[np.float64], NDArray[np.bool_]]:
    """A column as floats and the rows it is not a plain number in (to go scalar).

    A column of objects (a CSV's text, a mix of types) is read one distinct value at a
    time, by the one reader's rules: yes/no words where ``words``, numbers written as
    text otherwise (``percent``: with a % sign); a value it cannot turn into a float
    that means the same exact number goes scalar.
    """
    if col is None:
        return np.full(n, np.nan), np.zeros(n, dtype=bool)
    array = np.asarray(col)
    if array.dtype.kind in "iuf":
        x = array.astype(np.float64, copy=False)
        if words:  # yes/no is true/false or its words: a number is the reader's to refuse
            return np.full(n, np.nan), ~np.isnan(x)
        return x, np.zeros(n, dtype=bool)
    if array.dtype.kind == "b":
        if not words:  # true/false is not a number: the reader refuses it
            return np.full(n, np.nan), np.ones(n, dtype=bool)
        return array.astype(np.float64), np.zeros(n, dtype=bool)
    table: dict[object, float | None] = {}
    out = np.empty(n)
    odd = np.zeros(n, dtype=bool)
    for i, value in enumerate(array):
        try:
            read = table[value]
        except KeyError:
            read = table[value] = _read(value, words=words, percent=percent)
        except TypeError:  # unhashable: a list, a mapping
            read = None
        if read is None:
            out[i], odd[i] = np.nan, True
        else:
            out[i] = read
    return out, odd


def _read(value: object, *, words: bool, percent: bool) -> float | None:  # noqa: PLR0911
    """One cell as the float meaning exactly what the one reader reads; None to go scalar."""
    if is_missing(value):
        return math.nan
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return (1.0 if value else 0.0) if words else None  # true/false is not a number
    if words:
        if isinstance(value, str):
            met = ATTESTED_WORDS.get(fold(value).strip())
            return None if met is None else float(met)
        return None
    if isinstance(value, str):
        try:
            num, den = read_number(value, percent_sign=percent)
        except NumberError:
            return None
        exact = Fraction(num, den)
    elif isinstance(value, int | float):
        return float(value) if not isinstance(value, int) or abs(value) < 2**53 else None
    else:
        return None
    as_float = float(exact)
    return as_float if Fraction(repr(as_float)) == exact else None


_SCALE = 10**6


def _exact(
    x: NDArray[np.float64], *, bounded: bool = False
) -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
    """Each float as an exact number of millionths, where its shortest decimal allows.

    That is, where it has at most six decimal places (85.5, 0.05, 4.1: nearly every
    figure people write). The decimal m/10^6 is the float's shortest decimal exactly when it rounds back to the
    float (a float's rounding interval is far narrower than 10^-6, so it holds at most
    one such decimal); there, comparisons are exact in integers and need no second look.
    """
    with np.errstate(over="ignore", invalid="ignore"):  # inf and overflow: not exact
        m = np.rint(x * _SCALE)
        ok = m / _SCALE == x
        if not bounded:  # a share is checked to lie in 0-100 apart; others need a bound
            ok &= np.abs(m) <= 1e15
        return m.astype(np.int64), ok  # where not ok, the integer is never used


def _odd_size(x: NDArray[np.float64]) -> NDArray[np.bool_]:
    """Floats the one reader reads with a size check (tiny or huge): it reads them itself."""
    size = np.abs(x)
    odd: NDArray[np.bool_] = ((size < 1e-6) & (x != 0)) | (size > 1e15)
    return odd


def _near(x: NDArray[np.float64], edge: float) -> NDArray[np.bool_]:
    near: NDArray[np.bool_] = np.abs(x - edge) <= _HAIR * max(1.0, abs(edge))
    return near


def _compare(op: str, x: NDArray[np.float64], edge: float) -> NDArray[np.bool_]:
    if op == ">=":
        return x >= edge
    if op == ">":
        return x > edge
    if op == "<=":
        return x <= edge
    return x < edge


class _Indicator:
    """One indicator's outcome, band and rows to send scalar, for every row."""

    def __init__(self, n: int) -> None:
        self.outcome = np.full(n, MISSING, dtype=np.int8)
        self.band = np.zeros(n, dtype=np.int8)
        self.scalar = np.zeros(n, dtype=bool)


def _attested(ind: _Indicator, col: Any, n: int) -> None:
    x, odd = _floats(col, n, words=True)
    ind.scalar |= odd | ~(np.isnan(x) | (x == 0) | (x == 1))
    ind.outcome = np.where(x == 1, np.int8(MET), np.where(x == 0, np.int8(NOT_MET), ind.outcome))


def _share(
    ind: _Indicator,
    plan: IndicatorPlan,
    tops: list[tuple[int, int, str, int]],
    x: NDArray[np.float64],
) -> None:
    """A share in percent as floats: its outcome and band.

    Exactly in millionths where the float has a short decimal, else by floats, with a
    second look for a row a hair from an edge.
    """
    present = ~np.isnan(x)
    ind.scalar |= present & ((x < 0) | (x > 100))
    m, exact = _exact(x, bounded=True)
    loose = present & ~exact
    tn, td = plan.threshold
    met = _compare(plan.op, m * td if td != 1 else m, tn * _SCALE)  # type: ignore[arg-type]
    if loose.any():  # rare: floats with more than six decimals
        met = np.where(exact, met, _compare(plan.op, x, tn / td))
        ind.scalar |= loose & (_near(x, tn / td) | _odd_size(x))
    ind.outcome = np.where(present, met.view(np.int8), np.int8(MISSING))  # MET 1, NOT_MET 0
    if tops:
        # The band is 1 + the number of band tops the value passes (bands are contiguous).
        band = np.ones(len(x), dtype=np.int8)
        for top_num, top_den, op, _level in tops[:-1]:
            passes = ~_compare(op, m * top_den, top_num * _SCALE)  # type: ignore[arg-type]
            if loose.any():
                passes = np.where(exact, passes, ~_compare(op, x, top_num / top_den))
                ind.scalar |= loose & _near(x, top_num / top_den)
            band += passes
        ind.band = np.where(ind.outcome == MET, band, 0).astype(np.int8)


def _counts(
    ind: _Indicator,
    plan: IndicatorPlan,
    tops_exact: list[tuple[int, int, str, int]],
    count: NDArray[np.float64],
    total: NDArray[np.float64],
) -> None:
    """A share from counts, exactly (rows with anything odd go scalar)."""
    both = ~np.isnan(count) & ~np.isnan(total)
    good = (
        both
        & (count >= 0)
        & (total > 0)
        & (count <= total)
        & (total <= _BIG)
        & (np.floor(count) == count)
        & (np.floor(total) == total)
    )
    ind.scalar |= (both & ~good) | (np.isnan(count) != np.isnan(total))
    c = np.where(good, count, 0).astype(np.int64)
    t = np.where(good, total, 1).astype(np.int64)
    tn, td = plan.threshold
    met = _compare(plan.op, (100 * td) * c, tn * t)  # type: ignore[arg-type]
    ind.outcome = np.where(good, met.view(np.int8), ind.outcome)
    if tops_exact:
        band = np.zeros(len(c), dtype=np.int8)
        for top_num, top_den, op, level in reversed(tops_exact):
            band[_compare(op, (100 * top_den) * c, top_num * t)] = level  # type: ignore[arg-type]
        ind.band = np.where(good & (ind.outcome == MET), band, ind.band).astype(np.int8)


def _change(ind: _Indicator, plan: IndicatorPlan, prev: Any, cur: Any, n: int) -> None:
    percent = plan.quantity == "percent"
    p, odd_p = _floats(prev, n, percent=percent)
    c, odd_c = _floats(cur, n, percent=percent)
    both = ~np.isnan(p) & ~np.isnan(c)
    ind.scalar |= odd_p | odd_c | (np.isnan(p) != np.isnan(c))
    ind.scalar |= both & ((p < 0) | (c < 0))
    if plan.quantity == "percent":
        ind.scalar |= both & ((p > 100) | (c > 100))
    if plan.quantity == "count":
        ind.scalar |= both & ((np.floor(p) != p) | (np.floor(c) != c))
    tn, td = plan.threshold
    mp, exact_p = _exact(p)
    mc, exact_c = _exact(c)
    exact = exact_p & exact_c
    # Exactly, in millionths: 4.1 -> 2.6 falls by exactly 1.5.
    md = mp - mc if plan.falls else mc - mp
    if plan.unit == "relative":
        ind.scalar |= both & (p == 0)
        exact_met = _compare(plan.op, md * (100 * td), tn * np.where(mp == 0, 1, mp))  # type: ignore[arg-type]
    else:
        exact_met = _compare(plan.op, md * td, tn * _SCALE)  # type: ignore[arg-type]
    # Otherwise by floats, whose difference is inexact (4.1 - 2.6 is 1.4999999999999996):
    # a row a hair from the threshold gets the exact second look.
    diff = p - c if plan.falls else c - p
    if plan.unit == "relative":
        with np.errstate(divide="ignore", invalid="ignore"):
            diff = diff / p * 100
    edge = tn / td
    near = np.abs(diff - edge) <= _HAIR * np.maximum(1.0, np.abs(p) + np.abs(c) + abs(edge))
    ind.scalar |= both & ~exact & (near | _odd_size(p) | _odd_size(c))
    met = np.where(exact, exact_met, _compare(plan.op, diff, edge))
    ind.outcome = np.where(both, met.view(np.int8), ind.outcome)


def decide_columns(plan: Plan, columns: Mapping[str, Any], n: int) -> Decided:
    """Every row of a frame of plain numbers, decided as `hoctap.engine._decision.decide` would.

    ``columns`` maps the flat column names (``2.1.2``, ``2.1.2.count``, ``3.1.2.nước
    thải``...) to arrays of length ``n``.
    """
    tops_exact = [(*b.high, "<=" if b.high_inclusive else "<", b.level) for b in plan.bands]
    tops = tops_exact
    conclusion = _Conclusion(plan, n)
    with np.errstate(all="ignore"):  # NaN and inf are handled: missing, or sent scalar
        decided = _decide(plan, columns, n, tops, tops_exact, conclusion)
    if plan.own_levels:
        # Levels given by each indicator's own thresholds (by_level) have no columnar
        # reading yet: every row goes to the scalar path, which is exact, only slower.
        decided.scalar[:] = True
    return decided


def _decide(  # noqa: PLR0913, PLR0917 - the facts of one pass
    plan: Plan,
    columns: Mapping[str, Any],
    n: int,
    tops: list[tuple[int, int, str, int]],
    tops_exact: list[tuple[int, int, str, int]],
    conclusion: _Conclusion,
) -> Decided:
    k = len(plan.indicators)
    outcomes = np.empty((k, n), dtype=np.int8)
    bands = np.zeros((k, n), dtype=np.int8)
    scalar = np.zeros(n, dtype=bool)
    for j, step in enumerate(plan.indicators):
        ind = _Indicator(n)
        banded = step.id in plan.banded_set
        columnar = _BY_KIND.get(step.kind.word, _scalar_only)
        columnar(ind, step, columns.get, n, tops if banded else [], tops_exact if banded else [])
        outcomes[j] = ind.outcome
        bands[j] = ind.band
        scalar |= ind.scalar
        conclusion.add(j, step, ind.outcome, ind.band)
    return conclusion.decided(outcomes, bands, scalar)


_Get = Callable[[str], Any]
_Tops = list[tuple[int, int, str, int]]


def _attested_columns(  # noqa: PLR0913, PLR0917 - one signature for every kind
    ind: _Indicator, step: IndicatorPlan, get: _Get, n: int, tops: _Tops, tops_exact: _Tops
) -> None:
    del tops, tops_exact
    _attested(ind, get(step.id), n)


def _share_columns(  # noqa: PLR0913, PLR0917 - one signature for every kind
    ind: _Indicator, step: IndicatorPlan, get: _Get, n: int, tops: _Tops, tops_exact: _Tops
) -> None:
    count, total = get(f"{step.id}.count"), get(f"{step.id}.total")
    if step.parts and not step.single:
        # Read "each": the part furthest from the threshold is the value.
        names = dict.fromkeys(step.parts.values())
        parts = [_floats(get(f"{step.id}.{p}"), n, percent=True) for p in names]
        stack = np.vstack([x for x, _ in parts])
        for part, odd in parts:  # each part is read, and checked, on its own
            ind.scalar |= odd | (part < 0) | (part > 100)
            _m, exact = _exact(part, bounded=True)
            ind.scalar |= ~np.isnan(part) & ~exact & _odd_size(part)
        lowest = step.op in {">=", ">"}
        # fmin/fmax skip NaN (a part without data) and give NaN only when all are.
        x = (np.fmin if lowest else np.fmax).reduce(stack, axis=0)
        some = np.isnan(stack).any(axis=0) & ~np.isnan(stack).all(axis=0)
        ind.scalar |= some  # a part without data: the scalar path says what it means
        x = np.where(some, np.nan, x)
        _share(ind, step, tops, x)
        for p in names:
            ind.scalar |= get(f"{step.id}.{p}.count") is not None
    else:
        x, odd = _floats(get(step.id), n, percent=True)
        ind.scalar |= odd
        _share(ind, step, tops, x)
        if count is not None or total is not None:
            cx, odd_c = _floats(count, n)
            tx, odd_t = _floats(total, n)
            ind.scalar |= odd_c | odd_t | (~np.isnan(x) & (~np.isnan(cx) | ~np.isnan(tx)))
            _counts(ind, step, tops_exact, cx, tx)
        if step.parts:  # pooled parts given one by one: added up on the scalar path
            for p in dict.fromkeys(step.parts.values()):
                for suffix in ("", ".count", ".total"):
                    if get(f"{step.id}.{p}{suffix}") is not None:
                        ind.scalar |= ~np.isnan(_floats(get(f"{step.id}.{p}{suffix}"), n)[0])


def _change_columns(  # noqa: PLR0913, PLR0917 - one signature for every kind
    ind: _Indicator, step: IndicatorPlan, get: _Get, n: int, tops: _Tops, tops_exact: _Tops
) -> None:
    del tops, tops_exact
    _change(ind, step, get(f"{step.id}.previous"), get(f"{step.id}.current"), n)
    if step.parts:
        for p in dict.fromkeys(step.parts.values()):
            for suffix in (".previous", ".current"):
                if get(f"{step.id}.{p}{suffix}") is not None:
                    ind.scalar |= ~np.isnan(_floats(get(f"{step.id}.{p}{suffix}"), n)[0])


def _scalar_only(  # noqa: PLR0913, PLR0917 - one signature for every kind
    ind: _Indicator, step: IndicatorPlan, get: _Get, n: int, tops: _Tops, tops_exact: _Tops
) -> None:
    """A kind with no columnar reading: every row that gives it a value goes scalar."""
    del tops, tops_exact
    for suffix in step.kind.columns:
        column = get(f"{step.id}{suffix}")
        if column is not None:
            x, odd = _floats(column, n)
            ind.scalar |= ~np.isnan(x) | odd


_BY_KIND: dict[str, Callable[[_Indicator, IndicatorPlan, _Get, int, _Tops, _Tops], None]] = {
    "attested": _attested_columns,
    "percent": _share_columns,
    "change": _change_columns,
}
"""The kinds (`hoctap.engine._kinds`) read a column at a time, by their word; any other
kind is read row by row on the scalar path, exactly, only slower."""


class _Conclusion:
    """The prerequisites and the lowest band, gathered indicator by indicator.

    Everything here is a vector along the units, updated once per indicator: no
    indicator-by-unit matrix is built or reduced (that was most of the time). The
    bitmasks of ``decided_by`` are gathered a byte (eight indicators) at a time.
    """

    def __init__(self, plan: Plan, n: int) -> None:
        self.plan = plan
        self.n = n
        self.any_failed = np.zeros(n, dtype=bool)
        self.any_missing = np.zeros(n, dtype=bool)
        self.missing_banded = np.zeros(n, dtype=bool)
        count = (len(plan.indicators) + 7) // 8
        self.failed_bits = np.zeros((count, n), dtype=np.uint8)
        self.missing_bits = np.zeros((count, n), dtype=np.uint8)
        self.lowest = np.full(n, plan.top_level, dtype=np.int8)
        self.banded: list[tuple[int, NDArray[np.int8], NDArray[np.int8]]] = []

    def add(
        self, j: int, step: IndicatorPlan, outcome: NDArray[np.int8], band: NDArray[np.int8]
    ) -> None:
        """One indicator's outcomes and bands, for every row."""
        if step.id not in self.plan.relevant:
            return
        byte, bit = divmod(j, 8)
        failed = outcome == NOT_MET
        missing = outcome == MISSING
        self.any_failed |= failed
        self.any_missing |= missing
        self.failed_bits[byte] |= failed.view(np.uint8) << bit
        self.missing_bits[byte] |= missing.view(np.uint8) << bit
        if step.id in self.plan.banded_set:
            self.missing_banded |= missing
            np.minimum(self.lowest, np.where(outcome == MET, band, self.lowest), out=self.lowest)
            self.banded.append((j, outcome, band))

    def _mask(self, packed: NDArray[np.uint8]) -> NDArray[np.uint64]:
        out = np.zeros(self.n, dtype=np.uint64)
        for byte, row in enumerate(packed):
            out |= row.astype(np.uint64) << np.uint64(8 * byte)
        return out

    def decided(
        self, outcomes: NDArray[np.int8], bands: NDArray[np.int8], scalar: NDArray[np.bool_]
    ) -> Decided:
        """The conclusion for every row (``outcomes``, ``bands``: one indicator per row)."""
        band_bits = np.zeros_like(self.failed_bits)
        for j, outcome, band in self.banded:  # the banded indicators at the lowest band
            at_lowest = (outcome == MET) & (band == self.lowest)
            band_bits[j // 8] |= at_lowest.view(np.uint8) << (j % 8)
        status = np.where(
            self.any_failed,
            Status.NOT_RECOGNISED,
            np.where(self.any_missing, Status.INCOMPLETE, Status.RECOGNISED),
        )
        level = np.where(self.any_failed, 0, np.where(self.any_missing, -1, self.lowest))
        decided = np.where(
            self.any_failed,
            self._mask(self.failed_bits),
            np.where(self.any_missing, self._mask(self.missing_bits), self._mask(band_bits)),
        )
        return Decided(
            status=status.astype(np.int8),
            level=level.astype(np.int8),
            decided=decided,
            possible_top=self.lowest,
            missing_banded=self.missing_banded,
            outcomes=outcomes.T,
            bands=bands.T,
            scalar=scalar,
        )
