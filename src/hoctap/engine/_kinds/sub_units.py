"""Sub-units recognised by level: "ít nhất 90% số xã được công nhận ... mức độ 1" (``kind: sub_units``).

Thông tư 25/2023 Điều 11 khoản 4 điểm a: a district needs at least 90% of its communes
recognised at level 1 for its own level 1, and at level 2 for its level 2 (Điều 12);
a province likewise of its districts (Điều 16, 17). The value is how many sub-units
are recognised at each level, of how many: typed in (``{total: 20, level_1: 3,
level_2: 15}``) or rolled up from the sub-units' own assessments (``units:``). The plan
of each level counts the sub-units at that level (or above, as the set's ``counts``
says) against that level's threshold.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any, NamedTuple

from hoctap._frozen import FrozenDict
from hoctap._words import write_number
from hoctap.engine._kinds.kind import (
    Figures,
    Gap,
    IndicatorPlan,
    Kind,
    edge_words,
    threshold_plan,
)
from hoctap.engine._kinds.share import needed_count
from hoctap.engine._kinds.units import closest
from hoctap.errors import Message
from hoctap.spec._messages import got, got_vi
from hoctap.spec.models import SubUnits

if TYPE_CHECKING:
    from collections.abc import Callable

    from hoctap._numbers import Rational
    from hoctap.engine._details import SubUnit
    from hoctap.engine._kinds.kind import Read, ResultLike, ValueReader
    from hoctap.errors import DataPath
    from hoctap.spec.models import Indicator

__all__ = ["LevelCounts", "SubUnitsKind", "level_keys"]


class LevelCounts(NamedTuple):
    """How many sub-units are recognised at each level, exactly, of ``total``.

    ``at[0]`` is the count at level 1, ``at[1]`` at level 2...; the rest are recognised
    at no level.
    """

    total: int
    at: tuple[int, ...]


def level_keys(measure: SubUnits) -> tuple[str, ...]:
    """The keys an assessment writes the counts under: ``level_1``, ``level_2``..."""
    return tuple(f"level_{n}" for n in range(1, measure.levels + 1))


def _from_rows(
    reader: ValueReader, path: DataPath, value: Mapping[Any, Any], keys: tuple[str, ...]
) -> dict[str, object] | None:
    """Counts by level as a form's rows give them: each level its count of the same total.

    ``{level_1: {count: 3, total: 20}, level_2: {count: 15, total: 20}}`` is ``{total:
    20, level_1: 3, level_2: 15}``; totals that differ are refused, at the second.
    """
    out: dict[str, object] = {}
    for key in keys:
        row = value.get(key)
        if not isinstance(row, Mapping):
            out[key] = row  # a plain count, or missing: the caller says what is wrong
            continue
        if not reader.keys((*path, key), row, ("count", "total")):
            return None
        out[key] = row["count"]
        if "total" in out and out["total"] != row["total"]:
            reader.problems.add(
                (*path, key, "total"),
                "totals_differ",
                f"tổng số phải như ở các mức khác ({out['total']}), nhận {row['total']}",
                f"the total must be the same as at the other levels ({out['total']}), got "
                f"{row['total']}",
            )
            return None
        out["total"] = row["total"]
    return out


def _counts(
    reader: ValueReader, path: DataPath, measure: SubUnits, numbers: list[int | None]
) -> LevelCounts | None:
    """The counts read, checked: a total above 0, and no more at the levels than in all."""
    if any(n is None for n in numbers):
        return None
    total, *at = (n or 0 for n in numbers)
    if total == 0:
        reader.problems.add(
            (*path, "total"),
            "zero_total",
            "tổng số phải lớn hơn 0",
            "the total must be more than 0",
        )
        return None
    if sum(at) > total:
        reader.problems.add(
            path,
            "count_above_total",
            f"số {measure.of.vi} đạt các mức cộng lại ({sum(at)}) lớn hơn tổng số ({total})",
            f"the {measure.of.en} at each level add up to {sum(at)}, more than the total ({total})",
        )
        return None
    return LevelCounts(total, tuple(at))


def counted(measure: SubUnits, value: LevelCounts) -> int:
    """How many sub-units count toward the level ``measure`` is read for."""
    level = measure.level
    if measure.counts == "exactly":
        return value.at[level - 1]
    return sum(value.at[level - 1 :])


class SubUnitsKind(Kind):
    """A share of sub-units recognised at the level being tested, against a threshold."""

    word = "sub_units"
    model = SubUnits
    name = Message("số đơn vị cấp dưới theo mức độ", "sub-units by level")
    allowed = Message(
        "tổng số và số đạt từng mức: {total: 20, level_1: 3, level_2: 15}",
        "the total and the count at each level: {total: 20, level_1: 3, level_2: 15}",
    )
    fills = frozenset({"count", "total"})
    skeleton = "{total: ..., level_1: ..., level_2: ...}"

    columns = (".total", *(f".level_{n}" for n in range(1, 10)))

    def plan(self, indicator: Indicator) -> IndicatorPlan:
        return threshold_plan(self, indicator)

    def form_rows(self, indicator: Indicator) -> tuple[str, ...]:
        """A form's row per level: ``level_1``, ``level_2``, each its count of the total."""
        return level_keys(indicator.measure)  # type: ignore[arg-type]

    def read(
        self, reader: ValueReader, plan: IndicatorPlan, path: DataPath, value: object
    ) -> Read | None:
        measure: Any = plan.indicator.measure
        keys = ("total", *level_keys(measure))
        if not isinstance(value, Mapping):
            reader.problems.add(
                path,
                "not_a_mapping",
                f"phải ghi tổng số và số đạt từng mức: {{{', '.join(f'{k}: ...' for k in keys)}}}, "
                f"nhận {got_vi(value)}",
                f"must give the total and the count at each level: "
                f"{{{', '.join(f'{k}: ...' for k in keys)}}}, got {got(value)}",
            )
            return None
        if value and all(k in keys[1:] for k in value):  # as a form's rows give it
            value = _from_rows(reader, path, value, keys[1:])
        if value is None or not reader.keys(path, value, keys):
            return None
        counts = _counts(reader, path, measure, [reader.whole((*path, k), value[k]) for k in keys])
        if counts is None:
            return None
        return counts, FrozenDict(zip(keys, (counts.total, *counts.at), strict=True))

    def roll_up(self, plan: IndicatorPlan, units: tuple[SubUnit, ...]) -> LevelCounts | None:
        """The counts by level of the sub-units' own evaluations; None while one is unknown."""
        measure: Any = plan.indicator.measure
        at = [0] * measure.levels
        counted_in = [u for u in units if u.in_total]  # a unit left out is in no figure
        for unit in counted_in:
            if unit.value.counted is None:
                return None
            level = unit.evaluation.level if unit.evaluation is not None else 0
            if unit.value.counted and level:
                at[min(level, measure.levels) - 1] += 1
        return LevelCounts(len(counted_in), tuple(at)) if counted_in else None

    def size(self, plan: IndicatorPlan, value: LevelCounts) -> Rational:
        return 100 * counted(plan.indicator.measure, value), value.total  # type: ignore[arg-type]

    def meets(self, plan: IndicatorPlan) -> Callable[[LevelCounts], bool]:
        measure: Any = plan.indicator.measure
        start, exactly = measure.level - 1, measure.counts == "exactly"
        tn, td = plan.threshold
        compare = plan.compare

        def meets(value: LevelCounts) -> bool:
            n = value.at[start] if exactly else sum(value.at[start:])
            return compare(100 * n * td, tn * value.total)

        return meets

    def figures(self, plan: IndicatorPlan, value: LevelCounts) -> Figures:
        n = counted(plan.indicator.measure, value)  # type: ignore[arg-type]
        return Figures(
            Fraction(100 * n, value.total), n, value.total, percent=True, by_level=value.at
        )

    def meeting(self, indicator: Indicator) -> object:
        measure: Any = indicator.measure
        return {
            "total": 10,
            **dict.fromkeys(level_keys(measure)[:-1], 0),
            f"level_{measure.levels}": 10,
        }

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
        del seen
        measure: Any = plan.indicator.measure
        assert result.total is not None  # noqa: S101 - a value has its counts
        at = LevelCounts(result.total, result.by_level)
        n = counted(measure, at)
        more = needed_count(n, result.total, op, edge)
        share = Fraction(100 * n, result.total)
        above_vi = " trở lên" if measure.counts == "at_or_above" else ""
        above_en = " or above" if measure.counts == "at_or_above" else ""
        # The sub-units rolled up and not yet recognised, nearest first (level 1's count only:
        # a unit's "counted" is whether it is recognised at all).
        near_vi = closest(result.units, more, "vi") if measure.level == 1 else ""
        near_en = closest(result.units, more, "en") if measure.level == 1 else ""
        words = Message(
            f"{result.id}: {write_number(share, 'vi')}% ({n}/{result.total}) {measure.of.vi} "
            f"đạt mức độ {measure.level}{above_vi}; mức {level} cần {edge_words(op, edge, 'vi')}%: "
            f"thêm {more} {measure.of.vi} đạt mức độ {measure.level}"
            + (near_vi and f"; gần nhất: {near_vi}"),
            f"{result.id}: {write_number(share, 'en')}% ({n}/{result.total}) of {measure.of.en} "
            f"at level {measure.level}{above_en}; level {level} needs {edge_words(op, edge, 'en')}%: "
            + (f"{more} more {measure.of.en}" if more != 1 else f"one more of the {measure.of.en}")
            + f" at level {measure.level}"
            + (near_en and f"; closest: {near_en}"),
        )
        return Gap(words, more=more, gap=abs(edge - share))
