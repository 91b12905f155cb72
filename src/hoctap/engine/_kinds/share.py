"""A share in percent against a threshold: given as a percentage, as counts, or as units.

``2.1.1: 85,5`` (a percentage), ``2.1.2: {count: 17, total: 20}`` (counts) or
``2.1.2: {units: [...]}`` (the rated units behind it, `hoctap.engine._kinds.units`);
a total of 0 is read as the set's ``if_none`` says. The value is a `Share`.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from hoctap._frozen import FrozenDict
from hoctap._numbers import float_ratio
from hoctap._words import VOCABULARY, write_number
from hoctap.engine._details import WHOLE_SHARES, Detail, Share
from hoctap.engine._kinds.kind import (
    COMPARE,
    OPS,
    Figures,
    Gap,
    IndicatorPlan,
    Kind,
    PartShares,
    PartTest,
    canonical,
    deciding_part,
    edge_words,
    threshold_plan,
)
from hoctap.engine._kinds.units import closest, read_units
from hoctap.errors import Message
from hoctap.spec.models import Percent

if TYPE_CHECKING:
    from collections.abc import Callable
    from decimal import Decimal

    from hoctap._numbers import Rational
    from hoctap.engine._details import PartValue, SubUnit
    from hoctap.engine._kinds.kind import Read, ResultLike, ValueReader
    from hoctap.errors import DataPath
    from hoctap.spec.models import Indicator

__all__ = ["ShareKind", "needed_count"]

# The commonest values (a whole or a decimal percentage) are made into a `Share` without
# its constructor's Python-level call: ``_new(Share, (...))`` is what it does, at a third
# of the cost (reading values is most of an evaluation's, see ``benchmarks/bench.py``).
# The reader reads the same values in place (`hoctap.engine._reader.Reader.values`).
_new = tuple.__new__


class ShareKind(Kind):
    """A share in percent, 0 to 100, compared with a threshold (``kind: percent``)."""

    word = "percent"
    model = Percent
    name = VOCABULARY["percent_form"]
    fills = frozenset({"value", "count", "total"})
    skeleton = "85,5 | {count: ..., total: ...}"
    columns = ("", ".count", ".total")

    def plan(self, indicator: Indicator) -> IndicatorPlan:
        measure: Any = indicator.measure
        if any(p.meets is not None for p in measure.parts):  # parts with their own edges
            tests = tuple(
                PartTest(p.id, t.op, *_pair(t.value), COMPARE[t.op])
                for p in measure.parts
                for t in (p.meets or measure.meets,)
            )
            return threshold_plan(self, indicator, part_tests=tests)
        return threshold_plan(self, indicator, plain="percent")

    def read(
        self, reader: ValueReader, plan: IndicatorPlan, path: DataPath, value: Any
    ) -> Read | None:
        if type(value) is dict and len(value) == 2 and plan.single:
            count, total = value.get("count"), value.get("total")  # whole counts, the commonest
            if type(count) is int and type(total) is int and 0 <= count <= total and total:
                return _new(Share, (100 * count, total, count, total)), _counts(count, total)
        if isinstance(value, Mapping) and "units" in value:
            return _listed(reader, path, value, plan)
        if reader.by_parts(plan, value):
            return reader.parts(path, value, plan)
        return _share(reader, path, value, plan)

    def read_part(
        self, reader: ValueReader, plan: IndicatorPlan, path: DataPath, value: Any
    ) -> Read | None:
        cls = type(value)
        if cls is int and 0 <= value <= 100:
            return WHOLE_SHARES[value], value
        if cls is float and 1e-6 <= value <= 100:
            return _new(Share, (*float_ratio(value), None, None)), value
        # A part's total of 0 adds nothing to pooled counts (a city with no teacher-training
        # college); read each, a part must have a share of its own.
        return _share(reader, path, value, None, empty=plan.single)

    def size(self, plan: IndicatorPlan, value: Share) -> Rational:
        del plan
        return value[0], value[1]

    def meets(self, plan: IndicatorPlan) -> Callable[[Share], bool]:
        if plan.part_tests:  # every part against its own edge
            tests = plan.part_tests

            def each_meets(value: Any) -> bool:
                return all(s is not None and t.passes(s) for s, t in zip(value, tests, strict=True))

            return each_meets
        tn, td = plan.threshold
        compare = plan.compare

        def meets(value: Share) -> bool:
            return compare(value[0] * td, tn * value[1])

        return meets

    def pool(
        self, reader: ValueReader, path: DataPath, plan: IndicatorPlan, parts: tuple[PartValue, ...]
    ) -> Share | None:
        shares: list[Share] = [p.value for p in parts]  # type: ignore[misc]
        uncounted = [p.id for p, s in zip(parts, shares, strict=True) if s.count is None]
        if uncounted:
            reader.problems.add(
                (*path, uncounted[0]),
                "pooled_needs_counts",
                "các phần được cộng gộp nên mỗi phần cần số đếm {count: ..., total: ...}, "
                "hoặc ghi một con số chung cho cả chỉ báo",
                "the parts are pooled, so each needs counts {count: ..., total: ...}; "
                "or give one figure for the whole indicator",
            )
            return None
        count = sum(s.count or 0 for s in shares)
        total = sum(s.total or 0 for s in shares)
        reader.details[plan.id] = Detail(parts=parts)
        if total == 0:  # no part has anything to count: neither has the whole
            return if_none(reader, path, plan)
        return Share(100 * count, total, count, total)

    def roll_up(self, plan: IndicatorPlan, units: tuple[SubUnit, ...]) -> Share | None:
        """The share of the sub-units recognised, of those in the total; None while unknown."""
        del plan
        counted = [u for u in units if u.in_total]  # a unit left out is in neither figure
        if any(u.value.counted is None for u in counted):
            return None
        count = sum(1 for u in counted if u.value.counted)
        return Share(100 * count, len(counted), count, len(counted))

    def figures(self, plan: IndicatorPlan, value: Share | PartShares) -> Figures:
        if isinstance(value, PartShares):  # the deciding part's figures
            value = value[deciding_part(plan, value)]
        num, den, count, total = value
        return _new(Figures, (Fraction(num, den), count, total, None, None, True, ()))

    def shortfall(  # noqa: PLR0913
        self,
        result: ResultLike,
        seen: Message,
        plan: IndicatorPlan,
        *,
        op: str,
        edge: Fraction,
        level: int,
    ) -> Gap:
        assert result.value is not None  # noqa: S101
        head_vi = f"{result.id}: {seen.vi}; mức {level} cần {edge_words(op, edge, 'vi')}%"
        head_en = f"{result.id}: {seen.en}; level {level} needs {edge_words(op, edge, 'en')}%"
        fewer = OPS[op][1]
        gap = abs(edge - result.value)
        measure = plan.indicator.measure
        if result.count is not None and result.total is not None and isinstance(measure, Percent):
            more = needed_count(result.count, result.total, op, edge)
            what_vi = measure.counted.vi if measure.counted else "đơn vị"
            what_en = measure.counted.en if measure.counted else "units"
            word_vi, word_en = ("bớt", "fewer") if fewer else ("thêm", "more")
            near_vi = "" if fewer else closest(result.units, more, "vi")
            near_en = "" if fewer else closest(result.units, more, "en")
            words = Message(
                f"{head_vi}: {word_vi} {more} {what_vi}" + (near_vi and f"; gần nhất: {near_vi}"),
                # "2 more communes rated Khá or better", "one more of the communes..."
                f"{head_en}: "
                + (
                    f"{more} {word_en} {what_en}"
                    if more != 1
                    else f"one {word_en} of the {what_en}"
                )
                + (near_en and f"; closest: {near_en}"),
            )
            return Gap(words, more=more, gap=gap)
        more_vi, more_en = ("thấp hơn", "lower") if fewer else ("cao hơn", "higher")
        if gap == 0:  # exactly on a strict edge: no amount says it, "strictly" does
            words = Message(
                f"{head_vi}: phải {more_vi} hẳn {write_number(edge, 'vi')}%",
                f"{head_en}: it must be strictly {more_en} than {write_number(edge, 'en')}%",
            )
            return Gap(words, gap=gap)
        strict = op in {"<", ">"}
        move_vi = "giảm" if fewer else "tăng"
        words = Message(
            f"{head_vi}: còn phải {move_vi} thêm {'hơn ' if strict else ''}"
            f"{write_number(gap, 'vi')} điểm phần trăm",
            f"{head_en}: {'more than ' if strict else ''}{write_number(gap, 'en')} "
            f"percentage points {more_en}",
        )
        return Gap(words, gap=gap)


def _listed(
    reader: ValueReader, path: DataPath, value: Mapping[Any, Any], plan: IndicatorPlan
) -> Read | None:
    """A share from the list of units behind it: those counted, of all listed."""
    listed = read_units(reader, path, value, plan)
    if listed is None:
        return None
    units, record = listed
    if not units:
        none = if_none(reader, (*path, "units"), plan)
        return None if none is None else (none, record)
    reader.details[plan.id] = Detail(units=units)
    count = sum(1 for u in units if u.counted)
    return Share(100 * count, len(units), count, len(units)), record


def _share(  # noqa: PLR0911 - each form a share can take
    reader: ValueReader,
    path: DataPath,
    value: Any,
    plan: IndicatorPlan | None,
    *,
    empty: bool = False,
) -> Read | None:
    """A share given as counts or as a percentage (text, a decimal...), checked.

    With ``empty``, counts of 0 of 0 are a part with nothing to count (pooled counts).
    """
    if isinstance(value, Mapping):
        if not reader.keys(path, value, ("count", "total")):
            return None
        count = reader.whole((*path, "count"), value["count"])
        total = reader.whole((*path, "total"), value["total"])
        if count is None or total is None:
            return None
        if count > total:
            reader.problems.add(
                (*path, "count"),
                "count_above_total",
                f"số đếm ({count}) lớn hơn tổng số ({total})",
                f"the count ({count}) is more than the total ({total})",
            )
            return None
        if total == 0:
            if empty:
                return _new(Share, (0, 1, 0, 0)), _counts(0, 0)
            none = if_none(reader, (*path, "total"), plan)
            return None if none is None else (none, _counts(0, 0))
        return _new(Share, (100 * count, total, count, total)), _counts(count, total)
    share = reader.number(path, value, percent=True)
    return None if share is None else (Share(*share), canonical(value))


def _pair(value: Decimal) -> tuple[int, int]:
    num, den = value.as_integer_ratio()
    return num, den


def if_none(reader: ValueReader, path: DataPath, plan: IndicatorPlan | None) -> Share | None:
    """A total of 0, read as the set's ``if_none`` says, or refused."""
    measure = plan.indicator.measure if plan is not None else None
    said = measure.if_none if isinstance(measure, Percent) else None
    if plan is None or said is None:
        reader.problems.add(
            path, "zero_total", "tổng số phải lớn hơn 0", "the total must be more than 0"
        )
        return None
    # if_none is only allowed with a minimum above 0 (the rules check it), so 100%
    # meets it and 0% does not: the decision compares as it always does.
    reader.details[plan.id] = Detail(none=True)
    return Share(100, 1, 0, 0) if said == "met" else Share(0, 1, 0, 0)


def _counts(count: int, total: int) -> FrozenDict[str, object]:
    return FrozenDict((("count", count), ("total", total)))


def needed_count(count: int, total: int, op: str, edge: Fraction) -> int:
    """How many more (for ≥, >) or fewer (for ≤, <) counted things reach the edge."""
    target = edge * total / 100  # the count at the edge, exactly
    ceil = -((-target.numerator) // target.denominator)
    floor = target.numerator // target.denominator
    needed = {">=": ceil - count, ">": floor + 1 - count, "<=": count - floor}
    return max(0, needed.get(op, count - (ceil - 1)))
