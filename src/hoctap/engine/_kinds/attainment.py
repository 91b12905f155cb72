"""A standard reached at a level under a decree: "phổ cập giáo dục tiểu học mức độ 2".

A value is the level reached, a whole number from 1 to the standard's ``top``, or 0 when
it is not reached at all; in words, ``mức độ 2`` (or ``mức 2``, ``level 2``) and ``chưa
đạt`` (``not reached``) are read too (``kind: attainment``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from hoctap._numbers import NumberError, read_whole
from hoctap.engine._kinds.kind import Gap, IndicatorPlan, WholeKind
from hoctap.errors import Message, fold
from hoctap.spec._messages import got, got_vi
from hoctap.spec.models import Attainment

if TYPE_CHECKING:
    from fractions import Fraction

    from hoctap.engine._kinds.kind import Read, ResultLike, ValueReader
    from hoctap.errors import DataPath
    from hoctap.spec.models import Indicator

__all__ = ["AttainmentKind"]

_WORDS = re.compile(r"(?:mức độ|mức|level)\s*([0-9]+)")
_NONE = frozenset({"chưa đạt", "không đạt", "not reached", "none"})


class AttainmentKind(WholeKind):
    """The level a standard is reached at, compared with the level an indicator asks."""

    word = "attainment"
    model = Attainment
    name = Message("mức độ đạt chuẩn (0 nếu chưa đạt)", "the level reached (0 if none)")
    skeleton = "2 | mức độ 2 | chưa đạt"

    def read(
        self, reader: ValueReader, plan: IndicatorPlan, path: DataPath, value: object
    ) -> Read | None:
        measure: Any = plan.indicator.measure
        top = measure.top
        level: int | None = None
        if isinstance(value, str):
            text = fold(value).strip()
            found = _WORDS.fullmatch(text)
            level = 0 if text in _NONE else int(found.group(1)) if found else None
            named = [
                n
                for n, name in enumerate(measure.names, 1)
                if text in {fold(name.vi), fold(name.en)}
            ]
            level = named[0] if named else level
        if level is None and not isinstance(value, bool):
            try:  # a number whose value is whole (2, 2.0 from a table's column, "2")
                level = read_whole(value)
            except NumberError:
                level = None
        if level is None or not 0 <= level <= top:
            names_vi = "".join(f", {n}: {x.vi}" for n, x in enumerate(measure.names, 1))
            names_en = "".join(f", {n}: {x.en}" for n, x in enumerate(measure.names, 1))
            reader.problems.add(
                path,
                "bad_attainment",
                f"phải là mức độ đạt chuẩn từ 0 (chưa đạt) đến {top}{names_vi}, nhận {got_vi(value)}",
                f"must be the level reached, from 0 (not reached) to {top}{names_en}, got {got(value)}",
            )
            return None
        return level, value

    def meeting(self, indicator: Indicator) -> object:
        return indicator.measure.top  # type: ignore[union-attr]

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
        del seen, op
        assert result.value is not None  # noqa: S101
        measure: Any = plan.indicator.measure
        of = measure.of
        reached_vi = measure.level_name(int(result.value), "vi") if result.value else "chưa đạt"
        reached_en = measure.level_name(int(result.value), "en") if result.value else "not reached"
        words = Message(
            f"{result.id}: {of.vi} {reached_vi}; mức {level} cần {of.vi} đạt "
            f"{measure.level_name(int(edge), 'vi')}",
            f"{result.id}: {of.en} {reached_en}; level {level} needs {of.en} at "
            f"{measure.level_name(int(edge), 'en')}",
        )
        return Gap(words, gap=abs(edge - result.value))
