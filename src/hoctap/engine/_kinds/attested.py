"""Met or not met, attested by a document ("đạt" / "không đạt"): a yes/no indicator."""

from __future__ import annotations

import operator
from typing import TYPE_CHECKING, Any, ClassVar

from hoctap._words import VOCABULARY
from hoctap.engine._kinds.kind import Figures, Gap, IndicatorPlan, Kind
from hoctap.errors import Message
from hoctap.spec.models import Attested

if TYPE_CHECKING:
    from collections.abc import Callable
    from fractions import Fraction

    from hoctap.engine._kinds.kind import Read, ResultLike, ValueReader
    from hoctap.errors import DataPath
    from hoctap.spec.models import Indicator

__all__ = ["AttestedKind"]

_NO_FIGURES = Figures()


class AttestedKind(Kind):
    """True or false, or the words 'đạt' / 'không đạt'; met when true."""

    word = "attested"
    model = Attested
    name = VOCABULARY["attested_form"]
    allowed: ClassVar[Message | None] = VOCABULARY["attested_allowed"]
    fills = frozenset({"value"})
    skeleton = "đạt | không đạt"

    def plan(self, indicator: Indicator) -> IndicatorPlan:
        return IndicatorPlan(indicator.id, self, ">=", (1, 1), indicator, operator.ge, plain="bool")

    def read(
        self, reader: ValueReader, plan: IndicatorPlan, path: DataPath, value: object
    ) -> Read | None:
        del plan
        return (value, value) if type(value) is bool else reader.attested(path, value)

    def meets(self, plan: IndicatorPlan) -> Callable[[Any], bool]:
        del plan
        return bool  # the value is met or not met itself

    def figures(self, plan: IndicatorPlan, value: Any) -> Figures:
        del plan, value
        return _NO_FIGURES

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
        del seen, plan, op, edge
        return Gap(
            Message(
                f"{result.id}: không đạt; mức {level} cần được đánh giá đạt",
                f"{result.id}: not met; level {level} needs it attested as met",
            )
        )
