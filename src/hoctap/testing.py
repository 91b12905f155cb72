"""Hypothesis strategies for criteria sets and assessments, to property-test with hoctap.

Other tools that build on hoctap can check their own use of it on generated data, the
way hoctap checks itself (``tests/property/``). Needs hypothesis: install the ``testing``
extra (``pip install 'hoctap[testing]'``).

- `criteria_sets` makes whole valid criteria sets: other numbers of standards, criteria,
  indicators and levels than the bundled ones, band edges anywhere, inclusive and strict
  edges (``at_least``/``above``, ``at_most``/``below``), shares, yes/no indicators and
  changes in points, relative or absolute terms;
- `variants` makes variants of a set, the way an overlay does;
- `values` makes an assessment's values for a set, in every form people and programs
  write them, dense with values on the edges of thresholds and bands.

>>> from hypothesis import given
>>> from hoctap import evaluate
>>> @given(criteria_sets().flatmap(lambda spec: values(spec).map(lambda v: (spec, v))))
... def test_every_unit_gets_a_status(case):
...     spec, vals = case
...     assert evaluate(spec, vals).status in {"recognised", "not_recognised", "incomplete"}
>>> test_every_unit_gets_a_status()
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

try:
    from hypothesis import strategies as st
except ImportError as exc:  # pragma: no cover - depends on what is installed
    msg = "hoctap.testing needs hypothesis: pip install 'hoctap[testing]'"
    raise ImportError(msg) from exc

from hoctap.engine._kinds import kind_of
from hoctap.spec.models import Attested, Change, CriteriaSet, Percent

if TYPE_CHECKING:
    from collections.abc import Iterable

    from hoctap.spec.models import Indicator, Threshold

__all__ = ["criteria_sets", "meeting_values", "values", "variants"]


def __dir__() -> list[str]:
    return list(__all__)


_OPS = ("at_least", "above", "at_most", "below")


def _text(what: str) -> dict[str, str]:
    return {"vi": what, "en": what}


@st.composite
def _threshold(draw: st.DrawFn, low: int = 0, high: int = 100) -> dict[str, Any]:
    op = draw(st.sampled_from(_OPS))
    return {op: draw(_edge(low, high))}


def _edge(low: int, high: int) -> st.SearchStrategy[Decimal]:
    return st.decimals(min_value=low, max_value=high, places=2, allow_nan=False).map(
        lambda d: d.normalize() if d == d.to_integral_value() else d
    )


@st.composite
def _measure(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(st.sampled_from(["attested", "percent", "change", "attainment", "count"]))
    if kind == "attested":
        return {"kind": "attested"}
    if kind == "attainment":
        top = draw(st.integers(1, 3))
        return {
            "kind": "attainment",
            "of": _text("standard"),
            "source": "S",
            "top": top,
            "meets": {"at_least": draw(st.integers(0, top))},
        }
    if kind == "count":
        op = draw(st.sampled_from(_OPS))
        return {"kind": "count", "counted": _text("things"), "meets": {op: draw(st.integers(1, 9))}}
    if kind == "percent":
        return {"kind": "percent", "meets": draw(_threshold())}
    quantity = draw(st.sampled_from(["percent", "amount", "count"]))
    units = (
        ["points", "relative", "absolute"] if quantity == "percent" else ["relative", "absolute"]
    )
    return {
        "kind": "change",
        "quantity": quantity,
        "direction": draw(st.sampled_from(["rise", "fall"])),
        "unit": draw(st.sampled_from(units)),
        "meets": {draw(st.sampled_from(_OPS)): draw(_edge(0, 10))},
    }


@st.composite
def _levels(draw: st.DrawFn) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Contiguous bands from a minimum up to 100: (the banded minimum, the levels)."""
    count = draw(st.integers(1, 4))
    cuts = sorted(draw(st.sets(_edge(1, 99), min_size=count, max_size=count)))
    strict = draw(st.lists(st.booleans(), min_size=count, max_size=count))
    first = "above" if strict[0] else "at_least"
    levels = []
    for n in range(count):
        low_key = first if n == 0 else ("above" if not strict[n] else "at_least")
        high = cuts[n + 1] if n + 1 < count else Decimal(100)
        high_key = "at_most" if n + 1 == count or not strict[n + 1] else "below"
        levels.append(
            {
                "level": n + 1,
                low_key: cuts[n],
                high_key: high,
                "text": _text(f"level {n + 1}"),
            }
        )
    return {first: cuts[0]}, levels


@st.composite
def _own_thresholds(draw: st.DrawFn, count: int) -> dict[str, Any]:
    """A share's own thresholds for levels 1 to ``count``, each as strict as the one below."""
    key = draw(st.sampled_from(["at_least", "above"]))
    edges = sorted(draw(st.lists(_edge(1, 99), min_size=count, max_size=count)))
    return {
        "kind": "percent",
        "meets": {key: edges[0]},
        "by_level": [
            {"level": n + 1, "meets": {key: edge}, "clause": f"L{n + 1}"}
            for n, edge in enumerate(edges[1:], 1)
        ],
    }


@st.composite
def criteria_sets(draw: st.DrawFn, *, max_indicators: int = 3) -> CriteriaSet:
    """A whole valid criteria set, as a file could hold it.

    Every indicator sits in some rule: the banded ones (shares whose minimum is where
    level 1 starts) in the bands, and every other one in a prerequisite. Half the sets
    give the levels by each banded share's own thresholds (levels without edges,
    ``by_level``) instead of shared bands.
    """
    minimum, levels = draw(_levels())
    own = draw(st.booleans())
    if own:
        levels = [{"level": b["level"], "text": b["text"]} for b in levels]
    standards: list[dict[str, Any]] = []
    banded: list[str] = []
    others: list[str] = []
    for s in range(1, draw(st.integers(1, 3)) + 1):
        criteria: list[dict[str, Any]] = []
        for c in range(1, draw(st.integers(1, 2)) + 1):
            indicators: list[dict[str, Any]] = []
            for i in range(1, draw(st.integers(1, max_indicators)) + 1):
                ind_id = f"{s}.{c}.{i}"
                if draw(st.booleans()):
                    measure: dict[str, Any] = (
                        draw(_own_thresholds(len(levels)))
                        if own
                        else {"kind": "percent", "meets": minimum}
                    )
                    banded.append(ind_id)
                else:
                    measure = draw(_measure())
                    others.append(ind_id)
                indicators.append({"id": ind_id, "text": _text(ind_id), "measure": measure})
            criteria.append(
                {"id": f"{s}.{c}", "title": _text(f"{s}.{c}"), "indicators": indicators}
            )
        standards.append({"id": str(s), "title": _text(str(s)), "criteria": criteria})
    if not banded:  # one banded indicator at least: the level comes from the bands
        first = standards[0]["criteria"][0]["indicators"][0]
        first["measure"] = (
            draw(_own_thresholds(len(levels))) if own else {"kind": "percent", "meets": minimum}
        )
        banded.append(first["id"])
        others.remove(first["id"])
    prerequisites = [
        {"id": "P1", "text": _text("P1"), "clause": "P1", "all_met": others or banded[:1]}
    ]
    data = {
        "id": "generated",
        "version": "1",
        "title": _text("generated"),
        "unit": "district",
        "legal_basis": [
            {"number": "1/T", "date": dt.date(2022, 1, 1), "issuer": "T", "title": _text("T")}
        ],
        "effective": {"start": dt.date(2022, 1, 1)},
        "structure": {
            "standards": len(standards),
            "criteria": sum(len(s["criteria"]) for s in standards),
            "indicators": len(banded) + len(others),
        },
        "standards": standards,
        "recognition": {
            "clause": "R",
            "prerequisites": prerequisites,
            "banded": banded,
            "combine": "lowest",
            "levels": levels,
            "titles": [{"kind": "default", "vi": "Đơn vị học tập", "en": "Learning unit"}],
        },
    }
    return CriteriaSet.model_validate(data)


@st.composite
def variants(draw: st.DrawFn, spec: CriteriaSet) -> CriteriaSet:
    """A variant of a set, as an overlay makes it: new measures for indicators not banded."""
    banded = set(spec.expand(spec.recognition.banded))
    free = [i for i in spec.indicators if i not in banded]
    if not free:
        return spec.evolve(version=spec.version + "-variant")
    chosen = draw(st.sets(st.sampled_from(free), min_size=1))
    changes = {i: {"measure": draw(_measure())} for i in sorted(chosen)}
    return spec.evolve(version=spec.version + "-variant", indicators=changes)


def _edges(spec: CriteriaSet, indicator: Indicator) -> list[Fraction]:
    """The numbers an indicator's outcome or band turns on: its threshold, band edges."""
    edges: list[Fraction] = []
    measure = indicator.measure
    if isinstance(measure, Percent | Change):
        edges.append(Fraction(measure.meets.value))
    if indicator.id in spec.expand(spec.recognition.banded):
        for band in spec.recognition.levels:
            if band.own:  # the indicator's own threshold for the level
                edges.append(Fraction(getattr(measure, "threshold")(band.level).value))  # noqa: B009
            else:
                edges += [Fraction(band.low), Fraction(band.high)]
    return edges


def _satisfies(threshold: Threshold, x: Fraction) -> bool:
    op = next(k for k in _OPS if getattr(threshold, k) is not None)
    edge = Fraction(threshold.value)
    return {"at_least": x >= edge, "above": x > edge, "at_most": x <= edge, "below": x < edge}[op]


def _candidates(edges: list[Fraction], top: int) -> list[Fraction]:
    """Values on each edge and a hundredth either side, and the ends of the range."""
    step = Fraction(1, 100)
    out = {Fraction(0), Fraction(top)}
    for edge in edges:
        out |= {edge - step, edge, edge + step}
    return sorted(v for v in out if 0 <= v <= top)


@st.composite
def _share(draw: st.DrawFn, edges: list[Fraction], meets: Threshold | None) -> object:
    """A share 0-100 in one of its written forms, often exactly on an edge or next to it.

    With ``meets``, a share that meets that threshold, where one can.
    """
    near = _candidates(edges, 100)
    if meets is not None:
        near = [v for v in near if _satisfies(meets, v)]
    if near and (meets is not None or draw(st.booleans())):
        value = draw(st.sampled_from(near))
    else:
        value = Fraction(draw(st.integers(0, 10_000)), 100)
    form = draw(st.sampled_from(["int", "decimal", "text", "counts", "float"]))
    if form == "counts":
        return _counts(value)
    if form == "int" and value.denominator == 1:
        return int(value)
    text = _decimal(value)
    if form == "text":
        return draw(st.sampled_from([text.replace(".", ","), f"{text}%", text]))
    if form == "float":
        return float(text)
    return Decimal(text)


def _counts(value: Fraction) -> dict[str, int]:
    """Counts whose share is exactly ``value`` percent, in lowest terms."""
    share = value / 100
    return {"count": share.numerator, "total": share.denominator}


def _decimal(value: Fraction) -> str:
    return format(Decimal(value.numerator) / Decimal(value.denominator), "f")


def _written(value: Fraction, quantity: str) -> list[object]:
    if quantity == "count":
        return [int(value)]
    text = _decimal(value)
    return [Decimal(text), text.replace(".", ",")]


@st.composite
def _change(draw: st.DrawFn, measure: Change, *, meeting: bool) -> dict[str, object]:
    """Last year's and this year's figures; with ``meeting``, a change that meets the rule."""
    top = 100 if measure.quantity == "percent" else 10_000
    whole = measure.quantity == "count"
    numbers: st.SearchStrategy[Fraction] = (
        st.integers(0, 60).map(Fraction)
        if whole
        else st.integers(0, top * 10).map(lambda n: Fraction(n, 10))
    )
    previous = Fraction(draw(numbers))
    if measure.unit == "relative" and previous == 0:
        previous = Fraction(1)  # a relative change from 0 is refused as input
    current = Fraction(draw(numbers))
    if meeting:
        # Moves that sit on the threshold or a step either side of it, in the rule's unit.
        edge = Fraction(measure.meets.value)
        moves = [edge - Fraction(1, 10), edge, edge + Fraction(1, 10), edge + 1]
        sign = 1 if measure.direction == "rise" else -1
        found = []
        for move in moves:
            size = move * previous / 100 if measure.unit == "relative" else move
            after = previous + sign * size
            places = 1 if whole else 100  # whole counts; other figures in hundredths
            if (
                0 <= after <= top
                and (after * places).denominator == 1
                and _satisfies(measure.meets, move)
            ):
                found.append(after)
        if found:
            current = draw(st.sampled_from(found))
    return {
        "previous": draw(st.sampled_from(_written(previous, measure.quantity))),
        "current": draw(st.sampled_from(_written(current, measure.quantity))),
    }


@st.composite
def _parts(draw: st.DrawFn, spec: CriteriaSet, ind: Indicator, *, meeting: bool) -> object:
    """An indicator given part by part, in the form its reading asks for.

    Read ``each``: every part a value (meeting the threshold, with ``meeting``).
    ``pooled``: counts for each part (a share's; the same for each, so the pooled share
    is theirs) or each part's two years (a change's; the first part's, the others 0).
    """
    measure = ind.measure
    assert isinstance(measure, Percent | Change)  # noqa: S101 - only these have parts
    names = [p.id for p in measure.parts]
    if measure.reading == "each":
        if isinstance(measure, Percent):
            meets = measure.meets if meeting else None
            return {n: draw(_share(_edges(spec, ind), meets)) for n in names}
        return {n: draw(_change(measure, meeting=meeting)) for n in names}
    if isinstance(measure, Percent):
        near = _candidates(_edges(spec, ind), 100)
        if meeting:
            near = [v for v in near if _satisfies(measure.meets, v)] or [Fraction(100)]
        share = _counts(draw(st.sampled_from(near)))
        return {n: dict(share) for n in names}  # the same counts each: the same share pooled
    zero = {"previous": 0, "current": 0}
    return {names[0]: draw(_change(measure, meeting=meeting)), **{n: dict(zero) for n in names[1:]}}


@st.composite
def values(
    draw: st.DrawFn,
    spec: CriteriaSet,
    *,
    complete: bool | None = None,
    attributes: Iterable[str] = (),
) -> dict[str, object]:
    """An assessment's values for ``spec``, in the forms people and programs write.

    ``complete``: True gives every indicator a value, False leaves some out, None
    either. Most values meet their indicator (so that units reach every level), and
    shares fall on thresholds and band edges, or a hundredth beside them, where
    exactness matters most. Only the indicators a unit with ``attributes`` is judged on
    get one (Thông tư 24/2023: 3.4 is for a general school).
    """
    out: dict[str, object] = {}
    traits = frozenset(attributes)
    for ind in spec.indicators.values():
        if not ind.applies(traits):
            continue
        measure = ind.measure
        meeting = draw(st.sampled_from([True, True, True, False]))
        if not isinstance(measure, Attested | Percent | Change):  # a kind registered since
            out[ind.id] = _meeting_other(ind)
        elif isinstance(measure, Attested):
            out[ind.id] = (
                True if meeting else draw(st.sampled_from([True, False, "đạt", "không đạt"]))
            )
        elif measure.parts and (measure.reading == "each" or draw(st.booleans())):
            out[ind.id] = draw(_parts(spec, ind, meeting=meeting))
        elif isinstance(measure, Percent):
            out[ind.id] = draw(_share(_edges(spec, ind), measure.meets if meeting else None))
        else:
            out[ind.id] = draw(_change(measure, meeting=meeting))
    keep_all = draw(st.booleans()) if complete is None else complete
    if not keep_all:
        dropped = draw(st.sets(st.sampled_from(sorted(out)), min_size=1))
        out = {k: v for k, v in out.items() if k not in dropped}
    return out


def meeting_values(spec: CriteriaSet, attributes: Iterable[str] = ()) -> dict[str, object]:
    """Values that meet every indicator of ``spec``, each as far from its edge as it goes.

    A fixed starting point for a test or an example, to change one value of; every
    figure is written the plainest way (an indicator in parts gets each part). Only the
    indicators a unit with ``attributes`` is judged on get one.

    >>> from hoctap import evaluate, load
    >>> evaluate("city", meeting_values(load("city"))).level
    3
    >>> meeting_values(load("district"))["3.1.2"]
    {'chất thải rắn': 100, 'nước thải': 100}
    """
    out: dict[str, object] = {}
    for ind in spec.indicators.values():
        if not ind.applies(frozenset(attributes)):
            continue
        measure = ind.measure
        if isinstance(measure, Attested):
            out[ind.id] = True
            continue
        if not isinstance(measure, Percent | Change):  # a kind registered since
            out[ind.id] = _meeting_other(ind)
            continue
        figure: object
        if isinstance(measure, Percent):
            figure = 0 if measure.meets.key in {"at_most", "below"} else 100
        else:
            figure = _meeting_change(measure)
        if measure.reading == "each":
            figure = {p.id: figure for p in measure.parts}
        out[ind.id] = figure
    return out


def _meeting_other(ind: Indicator) -> object:
    """A value meeting an indicator of a kind registered since: the one its kind gives."""
    value = kind_of(ind.measure).meeting(ind)
    if value is None:
        msg = (
            f"the kind '{ind.measure.kind}' of {ind.id} gives no value that meets it (Kind.meeting)"
        )
        raise NotImplementedError(msg)
    return value


def _meeting_change(measure: Change) -> dict[str, object]:
    """Last year's and this year's figures whose change meets the rule by 1 to spare."""
    # One more than a floor on the change, one less than a ceiling (a change that is
    # negative in the rule's direction moves the other way).
    spare = 1 if measure.meets.key in {"at_least", "above"} else -1
    size = measure.meets.value + spare
    if measure.unit == "relative":
        base = Decimal(50)
        move = base * max(min(size, Decimal(99)), Decimal(-99)) / 100
    else:  # start where the move keeps both figures at 0 or more, and as low as that
        move = size
        base = max(Decimal(0), -move) if measure.direction == "rise" else max(Decimal(0), move)
    previous, current = (base, base + move) if measure.direction == "rise" else (base, base - move)
    if measure.quantity == "count":  # whole counts, rounded the way that still meets it
        up = (measure.direction == "rise") == (spare > 0)
        rounding = "ROUND_CEILING" if up else "ROUND_FLOOR"
        return {"previous": int(previous), "current": int(current.to_integral_value(rounding))}
    return {"previous": _plain(previous), "current": _plain(current)}


def _plain(value: Decimal) -> object:
    """A number as a person writes it: whole as int, else the float that prints as it."""
    if value == value.to_integral_value():
        return int(value)
    as_float = float(value)
    return as_float if Decimal(repr(as_float)) == value else value
