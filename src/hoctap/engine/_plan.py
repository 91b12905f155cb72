"""A criteria set compiled once into the flat tables the evaluation walks.

The models are the truth; a plan is only their rules laid out for speed (thresholds as
exact integer pairs, references expanded to indicator ids). It is built once per set and
kept; see `plan_for`.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, NamedTuple

from hoctap._frozen import FrozenDict
from hoctap._json import canonical
from hoctap.engine._kinds import kind_of
from hoctap.engine._kinds.kind import COMPARE, Compare, IndicatorPlan
from hoctap.errors import Message, fold

if TYPE_CHECKING:
    from collections.abc import Callable
    from decimal import Decimal

    from hoctap._numbers import Rational
    from hoctap.spec.models import Band, CriteriaSet, Indicator

__all__ = ["BandPlan", "IndicatorPlan", "Plan", "PlanStep", "plan_for"]


def _rational(value: Decimal) -> Rational:
    return value.as_integer_ratio()


class PlanStep(NamedTuple):
    """One indicator as the decision's hot loop reads it (a tuple: unpacked at C speed)."""

    id: str
    meets: Callable[[Any], bool]
    """Its kind's test of a value (`hoctap.engine._kinds.kind.Kind.meets`)."""
    plan: IndicatorPlan
    relevant: bool
    """Whether a prerequisite or the bands look at it."""
    banded: bool
    plain: str
    """``IndicatorPlan.plain``: a value the decision may test in place."""
    threshold_num: int
    threshold_den: int
    compare: Compare
    level_tests: tuple[Callable[[Any], bool], ...] = ()
    """With own levels, the tests of levels 2, 3... in order; the band is 1 and one more
    for each passed in a row."""


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
    by_id: FrozenDict[str, IndicatorPlan]
    prerequisites: tuple[tuple[str, ...], ...]
    """For each prerequisite, in order, the indicator ids it requires to be met."""
    banded: tuple[str, ...]
    banded_set: frozenset[str]
    relevant: frozenset[str]
    """Indicators some rule looks at: in a prerequisite or banded."""
    bands: tuple[BandPlan, ...]
    top_level: int
    tops: tuple[tuple[int, int, Compare, int], ...]
    """Per band, in order: its upper edge as (numerator, denominator), the comparison a
    value in the band passes against it (≤ or <), and the level (none with own levels)."""
    own_levels: bool
    """Whether each banded indicator's own thresholds give its level (``by_level``, the
    levels without edges), not the bands shared by all."""
    steps: tuple[PlanStep, ...]
    """Per indicator, in order, what the hot loop reads."""
    kinds: tuple[tuple[str, str], ...]
    """The kinds of unit the set has titles for, as (NFC case-folded, as written), the
    longest first."""
    digest: str
    """SHA-256 of the set's content, so a record names exactly the rules it was judged by."""


def _compile(spec: CriteriaSet, attributes: frozenset[str]) -> Plan:
    levels = spec.recognition.levels
    # An indicator the unit is not judged on (Thông tư 24/2023: "Đơn vị ... là cơ sở giáo
    # dục phổ thông") is in no rule for it: neither banded nor looked at by a prerequisite.
    applies = {i.id for i in spec.indicators.values() if i.applies(attributes)}
    banded = tuple(i for i in spec.expand(spec.recognition.banded) if i in applies)
    own = all(b.own for b in levels)  # each banded indicator's own thresholds give the level
    indicators = tuple(
        _indicator(spec, i, own=own and i.id in banded, attributes=attributes)
        for i in spec.indicators.values()
    )
    indicators = tuple(p if p.id in applies else replace(p, applies=False) for p in indicators)
    prerequisites = tuple(spec.expand(p.all_met) for p in spec.recognition.prerequisites)
    bands = tuple(BandPlan(b.level, *_edges(b), b) for b in levels)
    relevant = frozenset(banded).union(*prerequisites) & applies
    return Plan(
        spec=spec,
        indicators=indicators,
        by_id=FrozenDict((p.id, p) for p in indicators),
        prerequisites=prerequisites,
        banded=banded,
        banded_set=frozenset(banded),
        relevant=relevant,
        bands=bands,
        top_level=max(b.level for b in bands),
        tops=()
        if own
        else tuple((*b.high, COMPARE["<=" if b.high_inclusive else "<"], b.level) for b in bands),
        own_levels=own,
        steps=tuple(
            PlanStep(
                p.id,
                p.kind.meets(p),
                p,
                p.id in relevant,
                p.id in banded,
                p.plain,
                *p.threshold,
                p.compare,
                tuple(level.kind.meets(level) for level in p.levels),
            )
            for p in indicators
        ),
        kinds=tuple(
            sorted(
                ((fold(t.kind), t.kind) for t in spec.recognition.titles if t.kind != "default"),
                key=lambda k: -len(k[0]),
            )
        ),
        digest="sha256:"
        + hashlib.sha256(
            canonical(spec.model_dump(mode="python", exclude_defaults=True)).encode("utf-8")
        ).hexdigest(),
    )


def _indicator(
    spec: CriteriaSet, indicator: Indicator, *, own: bool, attributes: frozenset[str]
) -> IndicatorPlan:
    """An indicator's plan with the texts the trace shows; with ``own``, a plan per level.

    For a unit with ``attributes``, the measure's thresholds for it (its ``when``), the
    attribute's words after the rule's.
    """
    kind = kind_of(indicator.measure)
    measure: Any = indicator.measure
    for_unit = getattr(measure, "for_unit", None)
    said = Message("", "")
    if for_unit is not None and attributes and for_unit(attributes) is not measure:
        applied = next(u for u in measure.when if u.attribute in attributes)
        trait = next(a for a in spec.attributes if a.id == applied.attribute)
        said = Message(
            f" ({trait.text.vi}, {applied.clause})", f" ({trait.text.en}, {applied.clause})"
        )
        measure = for_unit(attributes)
        indicator = indicator.model_copy(update={"measure": measure})
    if own:  # the level is the highest whose own threshold the value meets
        at = [measure.at_level(n) for n in range(1, len(spec.recognition.levels) + 1)]
        band_words = tuple(
            Message(
                f"{indicator.id} {m.describe('vi')} → mức {n}",
                f"{indicator.id} {m.describe('en')} → level {n}",
            )
            for n, m in enumerate(at, 1)
        )
        levels = tuple(kind.plan(indicator.model_copy(update={"measure": m})) for m in at[1:])
    else:
        band_words = tuple(
            Message(b.words("vi", indicator.id), b.words("en", indicator.id))
            for b in spec.recognition.levels
        )
        levels = ()
    meets_vi = measure.describe("vi")
    return replace(
        kind.plan(indicator),
        rule=str(indicator) + said.en,
        clause=spec.clause_of(indicator),
        words=Message(f"{indicator.id} {meets_vi}{said.vi}", str(indicator) + said.en),
        meets_words=Message(meets_vi, measure.describe("en")),
        band_words=band_words,
        levels=levels,
    )


def _edges(band: Band) -> tuple[Rational, bool, Rational, bool]:
    """A band's edges as exact pairs; a level without edges spans 0 to 100."""
    if band.own:
        return (0, 1), True, (100, 1), True
    return _rational(band.low), band.low_inclusive, _rational(band.high), band.high_inclusive


_PLANS: OrderedDict[object, Plan] = OrderedDict()
_LOCK = threading.Lock()
_KEEP = 64


def plan_for(spec: CriteriaSet, attributes: frozenset[str] = frozenset()) -> Plan:
    """The plan of a set, compiled on first use and kept for the most recent 64 sets.

    Keyed by the set's identity (hashing a whole frozen set on every evaluation would
    cost more than evaluating it); the plan holds the set, so an id is never reused
    while its entry lives, and ``plan.spec is spec`` guards the lookup. A unit with
    ``attributes`` (``disadvantaged``) has a plan of its own, with its thresholds.
    """
    key: object = id(spec) if not attributes else (id(spec), attributes)
    plan = _PLANS.get(key)
    if plan is not None and plan.spec is spec:
        return plan
    plan = _compile(spec, attributes)
    with _LOCK:
        _PLANS[key] = plan
        while len(_PLANS) > _KEEP:
            _PLANS.popitem(last=False)
    return plan
