"""A change against the previous year: ``3.1.1: {previous: 4.1, current: 2.6}``.

A rate, an amount or a count, each year; the change is measured in percentage points,
relative to last year, or absolutely, in the direction the rule asks (a fall is
positive when it falls). The value is a `TwoYears`.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from hoctap._frozen import FrozenDict
from hoctap._numbers import float_ratio
from hoctap._words import VOCABULARY, write_number
from hoctap.engine._details import Detail, TwoYears
from hoctap.engine._kinds.kind import (
    Figures,
    Gap,
    IndicatorPlan,
    Kind,
    canonical,
    edge_words,
    threshold_plan,
)
from hoctap.errors import Message
from hoctap.spec._messages import got, got_vi
from hoctap.spec.models import Change

if TYPE_CHECKING:
    from hoctap._numbers import Rational
    from hoctap.engine._details import PartValue
    from hoctap.engine._kinds.kind import Read, ResultLike, ValueReader
    from hoctap.errors import DataPath
    from hoctap.spec.models import Indicator

__all__ = ["ChangeKind"]

_new = tuple.__new__  # a TwoYears without its constructor's Python-level call (a hot path)

_UNIT = {
    "points": (" điểm phần trăm", " percentage points"),
    "relative": ("%", "%"),
    "absolute": ("", ""),
}
"""How the size of a change is written after its number, in each unit (vi, en)."""


class ChangeKind(Kind):
    """A rise or a fall against the previous year (``kind: change``)."""

    word = "change"
    model = Change
    name = VOCABULARY["change_form"]
    fills = frozenset({"previous", "current"})
    skeleton = "{previous: ..., current: ...}"
    columns = (".previous", ".current")

    def plan(self, indicator: Indicator) -> IndicatorPlan:
        measure = indicator.measure
        assert isinstance(measure, Change)  # noqa: S101 - the registry's own model
        return threshold_plan(
            self,
            indicator,
            quantity=measure.quantity,
            falls=measure.direction == "fall",
            unit=measure.unit,
        )

    def read(
        self, reader: ValueReader, plan: IndicatorPlan, path: DataPath, value: Any
    ) -> Read | None:
        if reader.by_parts(plan, value):
            return reader.parts(path, value, plan)
        return self.read_part(reader, plan, path, value)

    def read_part(
        self, reader: ValueReader, plan: IndicatorPlan, path: DataPath, value: Any
    ) -> Read | None:
        rates = _two_rates(plan, value)
        if rates is not None:
            return rates
        if not isinstance(value, Mapping):
            reader.problems.add(
                path,
                "bad_change",
                f"phải có dạng {{previous: ..., current: ...}} (năm trước, năm nay), nhận {got_vi(value)}",
                f"must be {{previous: ..., current: ...}} (last year, this year), got {got(value)}",
            )
            return None
        if not reader.keys(path, value, ("previous", "current")):
            return None
        pair: list[Rational] = []
        for key in ("previous", "current"):
            raw = value[key]
            if plan.quantity == "count":
                whole = reader.whole((*path, key), raw)
                number = None if whole is None else (whole, 1)
            else:
                number = reader.number((*path, key), raw, percent=plan.quantity == "percent")
            if number is None:
                return None
            pair.append(number)
        (pn, pd), (cn, cd) = pair
        if plan.unit == "relative" and pn == 0:
            _from_zero(reader, (*path, "previous"))
            return None
        given = FrozenDict(
            previous=canonical(value["previous"]), current=canonical(value["current"])
        )
        return _new(TwoYears, (pn, pd, cn, cd)), given

    def size(self, plan: IndicatorPlan, value: TwoYears) -> Rational:
        """The change in the rule's direction and unit, exactly (a fall is positive when it falls)."""
        pn, pd, cn, cd = value
        diff = pn * cd - cn * pd if plan.falls else cn * pd - pn * cd  # over pd * cd
        if plan.unit == "relative":
            return (
                diff * 100,
                cd * pn,
            )  # (diff / (pd*cd)) / (pn/pd) * 100; pn > 0 is checked on input
        return (diff, pd * cd)

    def pool(
        self, reader: ValueReader, path: DataPath, plan: IndicatorPlan, parts: tuple[PartValue, ...]
    ) -> TwoYears | None:
        years: list[TwoYears] = [p.value for p in parts]  # type: ignore[misc]
        previous = sum((Fraction(y.previous_num, y.previous_den) for y in years), Fraction(0))
        current = sum((Fraction(y.current_num, y.current_den) for y in years), Fraction(0))
        if plan.unit == "relative" and previous == 0:
            _from_zero(reader, path)
            return None
        reader.details[plan.id] = Detail(parts=parts)
        return TwoYears(*previous.as_integer_ratio(), *current.as_integer_ratio())

    def figures(self, plan: IndicatorPlan, value: TwoYears) -> Figures:
        pn, pd, cn, cd = value
        return Figures(
            Fraction(*self.size(plan, value)),
            previous=Fraction(pn, pd),
            current=Fraction(cn, cd),
            percent=plan.quantity == "percent",
        )

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
        """A change short of its rule, said the way it moved.

        A rise where a fall is needed is a rise (never "a fall of -0.4"), and no change is
        no change.
        """
        del seen  # a change is named with the years it moved between
        assert result.value is not None  # noqa: S101
        unit_vi, unit_en = _UNIT[plan.unit]
        need_vi = "giảm" if plan.falls else "tăng"
        need_en = "a fall" if plan.falls else "a rise"
        size = abs(result.value)
        if result.value == 0:
            moved_vi, moved_en = "không đổi", "no change"
        else:
            wrong_way = result.value < 0  # moved against the rule's direction
            verb_vi = ("tăng" if plan.falls else "giảm") if wrong_way else need_vi
            verb_en = ("a rise" if plan.falls else "a fall") if wrong_way else need_en
            moved_vi = f"{verb_vi} {write_number(size, 'vi')}{unit_vi}"
            moved_en = f"{verb_en} of {write_number(size, 'en')}{unit_en}"
        words = Message(
            f"{result.id}: {result.observed('vi')} ({moved_vi}); mức {level} cần {need_vi} "
            f"{edge_words(op, edge, 'vi')}{unit_vi}",
            f"{result.id}: {result.observed('en')} ({moved_en}); level {level} needs {need_en} "
            f"of {edge_words(op, edge, 'en')}{unit_en}",
        )
        return Gap(words, gap=abs(edge - result.value))


def _two_rates(plan: IndicatorPlan, value: Any) -> Read | None:
    """Two rates as floats, the commonest change, read in a few steps; else None."""
    if type(value) is dict and len(value) == 2 and plan.quantity == "percent":
        previous, current = value.get("previous"), value.get("current")
        if (
            type(previous) is float
            and type(current) is float
            and 1e-6 <= previous <= 100  # no exponent, so no size to check
            and 1e-6 <= current <= 100
        ):
            both = _new(TwoYears, (*float_ratio(previous), *float_ratio(current)))
            return both, FrozenDict((("previous", previous), ("current", current)))
    return None


def _from_zero(reader: ValueReader, path: DataPath) -> None:
    reader.problems.add(
        path,
        "relative_from_zero",
        "năm trước bằng 0 nên không tính được thay đổi tương đối",
        "last year is 0, so a relative change cannot be computed",
    )
