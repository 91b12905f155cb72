"""A whole number of things against a threshold: "tối thiểu 04 chương trình" (``kind: count``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hoctap._words import write_number
from hoctap.engine._kinds.kind import (
    OPS,
    Gap,
    IndicatorPlan,
    WholeKind,
    edge_words,
)
from hoctap.errors import Message
from hoctap.spec.models import Count

if TYPE_CHECKING:
    from fractions import Fraction

    from hoctap.engine._kinds.kind import Read, ResultLike, ValueReader
    from hoctap.errors import DataPath
    from hoctap.spec.models import Indicator

__all__ = ["CountKind"]


class CountKind(WholeKind):
    """A count, 0 or more, compared with a threshold; given as a whole number."""

    word = "count"
    model = Count
    name = Message("số đếm (số nguyên)", "a count (a whole number)")
    skeleton = "4"

    def read(
        self, reader: ValueReader, plan: IndicatorPlan, path: DataPath, value: object
    ) -> Read | None:
        del plan
        whole = reader.whole(path, value)
        return None if whole is None else (whole, whole)

    def meeting(self, indicator: Indicator) -> object:
        meets = indicator.measure.meets  # type: ignore[union-attr]
        edge = int(meets.value)
        return {">=": edge, ">": edge + 1, "<=": edge, "<": max(edge - 1, 0)}[meets.op]

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
        counted: Any = plan.indicator.measure.counted  # type: ignore[union-attr]
        gap = abs(edge - result.value)
        more = int(gap) + (1 if op in {">", "<"} else 0)  # a count moves by whole things
        fewer = OPS[op][1]
        words = Message(
            f"{result.id}: {seen.vi} {counted.vi}; mức {level} cần {edge_words(op, edge, 'vi')}: "
            f"{'bớt' if fewer else 'thêm'} {write_number(more, 'vi')}",
            f"{result.id}: {seen.en} {counted.en}; level {level} needs {edge_words(op, edge, 'en')}: "
            f"{write_number(more)} {'fewer' if fewer else 'more'}",
        )
        return Gap(words, more=more, gap=gap)
