"""A criteria set compiled once into the flat tables the evaluation walks.

The models are the truth; a plan is only their rules laid out for speed (thresholds as
exact integer pairs, references expanded to indicator ids). It is built once per set and
kept; see `plan_for`.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from hoctap.models import Attested, Change, Percent

if TYPE_CHECKING:
    from decimal import Decimal

    from hoctap._numbers import Rational
    from hoctap.models import Band, CriteriaSet, Indicator

__all__ = ["ATTESTED", "CHANGE", "PERCENT", "BandPlan", "IndicatorPlan", "Plan", "plan_for"]

ATTESTED, PERCENT, CHANGE = 0, 1, 2


def _rational(value: Decimal) -> Rational:
    return value.as_integer_ratio()


@dataclass(frozen=True, slots=True)
class IndicatorPlan:
    """One indicator's test: its kind, comparison, and (for changes) direction and unit."""

    id: str
    kind: int
    op: str
    threshold: Rational
    indicator: Indicator
    quantity: str = ""
    falls: bool = False
    unit: str = ""


@dataclass(frozen=True, slots=True)
class BandPlan:
    """One level's band, edges as exact pairs."""

    level: int
    low: Rational
    low_inclusive: bool
    high: Rational
    high_inclusive: bool
    band: Band


@dataclass(frozen=True, slots=True)
class Plan:
    """The rules of one criteria set, flat."""

    spec: CriteriaSet
    indicators: tuple[IndicatorPlan, ...]
    by_id: dict[str, IndicatorPlan]
    prerequisites: tuple[tuple[str, ...], ...]
    """For each prerequisite, in order, the indicator ids it requires to be met."""
    banded: tuple[str, ...]
    banded_set: frozenset[str]
    relevant: frozenset[str]
    """Indicators some rule looks at: in a prerequisite or banded."""
    bands: tuple[BandPlan, ...]
    top_level: int


def _indicator_plan(ind: Indicator) -> IndicatorPlan:
    measure = ind.measure
    if isinstance(measure, Attested):
        return IndicatorPlan(ind.id, ATTESTED, "==", (1, 1), ind)
    if isinstance(measure, Percent):
        return IndicatorPlan(ind.id, PERCENT, measure.meets.op, _rational(measure.meets.value), ind)
    assert isinstance(measure, Change)  # noqa: S101
    return IndicatorPlan(
        ind.id,
        CHANGE,
        measure.meets.op,
        _rational(measure.meets.value),
        ind,
        quantity=measure.quantity,
        falls=measure.direction == "fall",
        unit=measure.unit,
    )


def _compile(spec: CriteriaSet) -> Plan:
    indicators = tuple(_indicator_plan(i) for i in spec.indicators.values())
    prerequisites = tuple(spec.expand(p.all_met) for p in spec.recognition.prerequisites)
    banded = spec.expand(spec.recognition.banded)
    bands = tuple(
        BandPlan(b.level, _rational(b.low), b.low_inclusive, _rational(b.high), b.high_inclusive, b)
        for b in spec.recognition.levels
    )
    relevant = frozenset(banded).union(*prerequisites)
    return Plan(
        spec=spec,
        indicators=indicators,
        by_id={p.id: p for p in indicators},
        prerequisites=prerequisites,
        banded=banded,
        banded_set=frozenset(banded),
        relevant=relevant,
        bands=bands,
        top_level=max(b.level for b in bands),
    )


_PLANS: OrderedDict[int, Plan] = OrderedDict()
_LOCK = threading.Lock()
_KEEP = 64


def plan_for(spec: CriteriaSet) -> Plan:
    """The plan of a set, compiled on first use and kept for the most recent 64 sets.

    Keyed by the set's identity (hashing a whole frozen set on every evaluation would
    cost more than evaluating it); the plan holds the set, so an id is never reused
    while its entry lives, and ``plan.spec is spec`` guards the lookup.
    """
    plan = _PLANS.get(id(spec))
    if plan is not None and plan.spec is spec:
        return plan
    plan = _compile(spec)
    with _LOCK:
        _PLANS[id(spec)] = plan
        while len(_PLANS) > _KEEP:
            _PLANS.popitem(last=False)
    return plan
