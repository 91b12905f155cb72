"""A trivial kind of measure, added the way any kind is: this one module and a register.

A tally of marks against a threshold (``kind: tally``): a value is the marks as a
person scores them, ``"||||"``, or their number. A trivial kind, written here to show
what adding one takes.
`test_kinds.py` registers it in a fresh interpreter and runs every path with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from hoctap.engine._kinds import register
from hoctap.engine._kinds.kind import (
    Gap,
    IndicatorPlan,
    Read,
    ResultLike,
    ValueReader,
    WholeKind,
    edge_words,
)
from hoctap.errors import Message
from hoctap.spec._fields import Frozen
from hoctap.spec.models import Threshold  # noqa: TC001 - pydantic reads the annotation

if TYPE_CHECKING:
    from fractions import Fraction

    from hoctap.errors import DataPath, Lang
    from hoctap.spec.models import Indicator


class Tally(Frozen):
    """A whole number of things, compared with a threshold."""

    kind: Literal["tally"]
    meets: Threshold

    def rule(self, indicator_id: str) -> str:
        return f"{indicator_id} {self.meets}"

    def describe(self, lang: Lang = "en") -> str:
        return self.meets.words(lang)

    def how(self, lang: Lang = "en") -> str:  # noqa: ARG002
        return ""


class TallyKind(WholeKind):
    word = "tally"
    model = Tally
    name = Message("số vạch kiểm đếm", "a tally")
    skeleton = "||| | 3"

    def read(
        self, reader: ValueReader, plan: IndicatorPlan, path: DataPath, value: object
    ) -> Read | None:
        del plan
        if isinstance(value, str) and value and set(value) == {"|"}:
            return len(value), value  # the marks as scored
        whole = reader.whole(path, value)
        return None if whole is None else (whole, whole)

    def meeting(self, indicator: Indicator) -> object:
        return "|" * (int(indicator.measure.meets.value) + 1)  # type: ignore[union-attr]

    def shortfall(
        self,
        result: ResultLike,
        seen: Message,
        plan: IndicatorPlan,
        *,
        op: str,
        edge: Fraction,
        level: int,
    ) -> Gap:
        del plan
        gap = abs(edge - (result.value or 0))
        return Gap(
            Message(
                f"{result.id}: {seen.vi}; mức {level} cần {edge_words(op, edge, 'vi')}",
                f"{result.id}: {seen.en}; level {level} needs {edge_words(op, edge, 'en')}",
            ),
            gap=gap,
        )


register(TallyKind())
