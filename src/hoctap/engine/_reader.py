"""Reading an assessment's entries into exact values, every problem collected and located.

The reader knows what is common to every value (a number, a whole number, the keys of
a mapping, met / not met, an indicator given part by part) and hands each indicator's
value to its kind (`hoctap.engine._kinds`), which knows the rest. Problems go to the one
collector (`hoctap._problems.Problems`), which places them in their document.
"""

from __future__ import annotations

import numbers
import operator
import unicodedata
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from hoctap._frozen import FrozenDict
from hoctap._numbers import NumberError, float_ratio, is_bool_scalar, read_number, read_whole
from hoctap.engine._details import WHOLE_SHARES, Detail, PartValue, Share
from hoctap.engine._kinds.kind import PartShares, deciding_part
from hoctap.errors import fold, invisible
from hoctap.spec._messages import got, got_vi, unknown_key

if TYPE_CHECKING:
    from hoctap._numbers import Rational
    from hoctap._problems import Problems
    from hoctap.engine._details import SubUnit
    from hoctap.engine._kinds.kind import IndicatorPlan
    from hoctap.engine._plan import Plan
    from hoctap.errors import DataPath
    from hoctap.spec.models import CriteriaSet

__all__ = ["ATTESTED_WORDS", "Reader", "check_text"]

ATTESTED_WORDS = {"đạt": True, "không đạt": False}
"""The words for met / not met, NFC and lower case."""
_MAX_NAME = 200
"""A unit's name, kind or period longer than this is refused."""
_ONE_FIGURE = frozenset({"count", "total", "previous", "current", "units"})


def check_text(value: str) -> str | None:
    """What is wrong with a one-line text (a unit's name), or None.

    Control characters, line breaks and broken Unicode (a lone surrogate) are wrong, and
    so is a text longer than 200 characters.
    """
    if len(value) > _MAX_NAME:
        return f"too long (at most {_MAX_NAME} characters)"
    if invisible(value):
        return "control characters, line breaks or broken Unicode"
    return None


class Reader:
    """Reads one assessment's entries, adding every problem to ``problems``."""

    def __init__(self, problems: Problems) -> None:
        self.problems = problems
        self.details: dict[str, Detail] = {}
        self.spec: CriteriaSet | None = None

    # --- the top-level entries ---------------------------------------------------------

    def name(self, path: DataPath, value: object) -> str | None:
        """A one-line text (unit, kind, period), NFC, or None when absent or blank."""
        if value is None:
            return None
        if not isinstance(value, str):
            self.problems.add(
                path,
                "wrong_type",
                f"phải là văn bản, nhận {got_vi(value)}",
                f"must be text, got {got(value)}",
            )
            return None
        wrong = check_text(value)  # before blankness: "\x85" is blank, and a control character
        if wrong is not None:
            self.problems.add(
                path,
                "bad_text",
                "không được chứa ký tự điều khiển, xuống dòng hay ký tự Unicode hỏng, "
                f"tối đa {_MAX_NAME} ký tự",
                f"must be one line of at most {_MAX_NAME} characters: {wrong}",
            )
            return None
        return unicodedata.normalize("NFC", value.strip()) or None

    def period(self, value: object) -> str | None:
        """The assessment period: a year, or text."""
        if isinstance(value, numbers.Integral) and not isinstance(value, bool):
            year = operator.index(value)
            if 0 < year < 10_000:
                return str(year)
        elif value is None or isinstance(value, str):
            return self.name(("period",), value)
        self.problems.add(
            ("period",),
            "bad_period",
            f"kỳ đánh giá phải là năm hoặc văn bản, nhận {got_vi(value)}",
            f"the period must be a year or text, got {got(value)}",
        )
        return None

    def attributes(self, spec: CriteriaSet, given: object) -> frozenset[str]:
        """What the unit is that changes its thresholds (``disadvantaged: true``), by id."""
        if given is None:
            return frozenset()
        if not isinstance(given, Mapping):
            self.problems.add(
                ("attributes",),
                "not_a_mapping",
                f"phải là một bảng: thuộc tính → true/false, nhận {got_vi(given)}",
                f"must be a mapping: attribute → true/false, got {got(given)}",
            )
            return frozenset()
        declared = {a.id for a in spec.attributes}
        out = set()
        for key, value in given.items():
            if key not in declared:
                listed = ", ".join(sorted(declared)) or "—"
                self.problems.add(
                    (str(key),),
                    "unknown_attribute",
                    f"bộ tiêu chí '{spec.id}' không có thuộc tính đơn vị '{key}' (có: {listed})",
                    f"criteria set '{spec.id}' has no unit attribute '{key}' (it has: {listed})",
                    key=True,
                )
            elif not isinstance(value, bool):
                self.problems.add(
                    (str(key),),
                    "wrong_type",
                    f"phải là true hoặc false, nhận {got_vi(value)}",
                    f"must be true or false, got {got(value)}",
                )
            elif value:
                out.add(str(key))
        return frozenset(out)

    def values(  # noqa: C901 - the commonest values read in place, see below
        self, compiled: Plan, values: object, base: DataPath = ("values",)
    ) -> tuple[FrozenDict[str, object], FrozenDict[str, object]]:
        """Check and convert each value: (exact values, canonical values as given)."""
        if values is None:
            values = {}
        if not isinstance(values, Mapping):
            self.problems.add(
                base,
                "not_a_mapping",
                f"phải là một bảng: số hiệu chỉ báo → giá trị, nhận {got_vi(values)}",
                f"must be a mapping: indicator id → value, got {got(values)}",
            )
            return FrozenDict(), FrozenDict()
        spec = self.spec = compiled.spec
        plans = compiled.by_id
        parsed: dict[str, object] = {}
        given: dict[str, object] = {}
        # Reading values is most of an evaluation's cost (see ``benchmarks/bench.py``), so
        # the two commonest plain values are read here, in place, without asking their
        # kind: a bool for a yes/no indicator (``plain == "bool"``) and a number from 0
        # to 100 for a share (``"percent"``), each exactly as the kind reads it
        # (tests/unit/engine/test_kinds.py holds them equal). Every other value goes to
        # its kind.
        new = tuple.__new__  # a Share without its constructor's Python-level call
        for raw_key, value in values.items():
            key = raw_key if type(raw_key) is str else str(raw_key)
            plan = plans.get(key)
            if plan is None:
                self._unknown(spec, (*base, key), list(plans))
                continue
            if value is None:
                continue  # written as null: no data yet
            if not plan.applies:
                self._not_applicable(spec, (*base, key), plan)
                continue
            cls, plain = type(value), plan.plain
            if cls is bool and plain == "bool":
                parsed[key] = given[key] = value
                continue
            if plain == "percent" and plan.single:
                if cls is int and 0 <= value <= 100:
                    parsed[key], given[key] = WHOLE_SHARES[value], value
                    continue
                if cls is float and 1e-6 <= value <= 100:  # no exponent
                    parsed[key], given[key] = new(Share, (*float_ratio(value), None, None)), value
                    continue
            result = plan.kind.read(self, plan, (*base, key), value)
            if result is not None:
                if result[0] is not None:  # None: given in part, no value yet
                    parsed[key] = result[0]
                given[key] = result[1]
        return FrozenDict(parsed), FrozenDict(given)

    def rolled_up(
        self,
        compiled: Plan,
        units: tuple[SubUnit, ...],
        parsed: FrozenDict[str, object],
        given: FrozenDict[str, object],
    ) -> tuple[FrozenDict[str, object], FrozenDict[str, object]]:
        """The value the set rolls up from its sub-units' evaluations, added to the values."""
        spec = compiled.spec
        rolled = [i.id for i in spec.indicators.values() if getattr(i.measure, "rollup", None)]
        if not rolled:
            self.problems.add(
                ("units",),
                "no_rollup",
                f"bộ tiêu chí '{spec.id}' không tính chỉ báo nào từ các đơn vị cấp dưới",
                f"criteria set '{spec.id}' computes no indicator from sub-units",
            )
            return parsed, given
        (ind,) = rolled  # the rules allow one (`second_rollup`)
        if ind in given:
            self.problems.add(
                ("values", ind),
                "rolled_up_twice",
                f"chỉ báo {ind} được tính từ danh sách units; không ghi thêm ở đây",
                f"indicator {ind} is computed from the units list; do not give it here too",
                key=True,
            )
            return parsed, given
        self.details[ind] = Detail(units=tuple(u.value for u in units))
        record = FrozenDict(
            units=tuple(
                FrozenDict(name=u.name, counted=u.value.counted)
                if u.in_total
                else FrozenDict(name=u.name, counted=False, in_total=False)
                for u in units
            )
        )
        values, shown = dict(parsed), dict(given)
        shown[ind] = record
        plan = compiled.by_id[ind]
        rolled_value = plan.kind.roll_up(plan, units)
        if rolled_value is not None:  # else: not known yet
            values[ind] = rolled_value
        return FrozenDict(values), FrozenDict(shown)

    def _not_applicable(self, spec: CriteriaSet, path: DataPath, plan: IndicatorPlan) -> None:
        """A value for an indicator this unit is not judged on: refused, with who it is for."""
        ind = plan.indicator
        names = {a.id: a.text for a in spec.attributes}
        for_vi = "; ".join(names[a].vi for a in ind.applies_to if a in names)
        for_en = "; ".join(names[a].en for a in ind.applies_to if a in names)
        not_vi = "; ".join(names[a].vi for a in ind.not_for if a in names)
        not_en = "; ".join(names[a].en for a in ind.not_for if a in names)
        self.problems.add(
            path,
            "not_applicable",
            f"chỉ tiêu {plan.id} không áp dụng cho đơn vị này"
            + (f" (chỉ áp dụng cho: {for_vi})" if for_vi else "")
            + (f" (không áp dụng cho: {not_vi})" if not_vi else "")
            + "; bỏ trống, hoặc ghi đặc điểm của đơn vị ở đầu bản đánh giá",
            f"indicator {plan.id} does not apply to this unit"
            + (f" (only to: {for_en})" if for_en else "")
            + (f" (not to: {not_en})" if not_en else "")
            + "; leave it out, or say what the unit is at the top of the assessment",
        )

    def _unknown(self, spec: CriteriaSet, path: DataPath, ids: list[str]) -> None:
        key = path[-1]
        self.problems.add(
            path,
            "unknown_indicator",
            f"bộ tiêu chí '{spec.id}' không có chỉ báo {key} (có {ids[0]} … {ids[-1]})",
            f"criteria set '{spec.id}' has no indicator {key} (it has {ids[0]} … {ids[-1]})",
            key=True,
        )

    # --- what every kind reads with ----------------------------------------------------

    def attested(self, path: DataPath, value: object) -> tuple[bool, object] | None:
        """Met or not met: a bool, or the words 'đạt' / 'không đạt' in any case."""
        cls = type(value)
        if cls is bool:
            return value, value  # type: ignore[return-value]
        if cls is str:
            met = ATTESTED_WORDS.get(value)  # type: ignore[call-overload]
            if met is None:
                met = ATTESTED_WORDS.get(fold(value).strip())  # type: ignore[arg-type]
            if met is not None:
                return met, "đạt" if met else "không đạt"
        elif is_bool_scalar(value):
            return bool(value), bool(value)
        self.problems.add(
            path,
            "not_attested",
            f"phải là true/false hoặc 'đạt'/'không đạt', nhận {got_vi(value)}",
            f"must be true/false or 'đạt'/'không đạt' (met/not met), got {got(value)}",
        )
        return None

    def number(self, path: DataPath, value: object, *, percent: bool) -> Rational | None:
        """A number not below 0 (and, with ``percent``, at most 100), exactly."""
        try:
            num, den = read_number(value, percent_sign=percent)
        except NumberError as exc:
            self.problems.add(path, exc.code, exc.vi, exc.en)
            return None
        if num < 0:
            self.problems.add(
                path,
                "negative",
                f"không được âm, nhận {got_vi(value)}",
                f"must not be negative, got {got(value)}",
            )
            return None
        if percent and num > 100 * den:
            self.problems.add(
                path,
                "percent_range",
                f"tỷ lệ phần trăm phải từ 0 đến 100, nhận {got_vi(value)}",
                f"a percentage must be between 0 and 100, got {got(value)}",
            )
            return None
        return (num, den)

    def whole(self, path: DataPath, value: object) -> int | None:
        """A whole number not below 0."""
        if type(value) is int and value >= 0:
            return value
        try:
            return read_whole(value)
        except NumberError as exc:
            self.problems.add(path, exc.code, exc.vi, exc.en)
            return None

    def keys(self, path: DataPath, value: Mapping[Any, Any], wanted: tuple[str, ...]) -> bool:
        """Whether a mapping has exactly the keys ``wanted``; each one wrong is a problem."""
        ok = self.known_keys(path, value, wanted)
        for key in wanted:
            if key not in value:
                self.problems.add(path, "missing", f"thiếu '{key}'", f"'{key}' is missing")
                ok = False
        return ok

    def known_keys(
        self, path: DataPath, value: Mapping[Any, Any], allowed: tuple[str, ...]
    ) -> bool:
        """Whether every key of a mapping is one of ``allowed``; each other is a problem."""
        ok = True
        for key in value:
            if key not in allowed:
                said = unknown_key(key, allowed)
                self.problems.add((*path, str(key)), "unknown_key", said.vi, said.en, key=True)
                ok = False
        return ok

    # --- an indicator given part by part -----------------------------------------------

    def by_parts(self, plan: IndicatorPlan, value: object) -> bool:
        """Whether a value is read part by part.

        Always for reading ``each``; for ``pooled`` unless it is one figure for the whole
        indicator (a number, counts, a change).
        """
        if not plan.parts:
            return False
        single = not isinstance(value, Mapping) or all(k in _ONE_FIGURE for k in value)
        return not plan.single or not single

    def parts(
        self, path: DataPath, value: object, plan: IndicatorPlan
    ) -> tuple[object, object] | None:
        """An indicator given part by part, read ``each`` or ``pooled`` as its set says."""
        measure: Any = plan.indicator.measure
        names = ", ".join(p.id for p in measure.parts)
        if not isinstance(value, Mapping):
            self.problems.add(
                path,
                "parts_needed",
                f"chỉ báo {plan.id} được đánh giá theo từng phần: ghi mỗi phần một giá trị "
                f"({names}), nhận {got_vi(value)}",
                f"indicator {plan.id} is judged part by part: give each part its value "
                f"({names}), got {got(value)}",
            )
            return None
        ids = plan.parts
        read: dict[str, PartValue] = {}
        ok = True
        for raw_key, raw in value.items():
            part = ids.get(raw_key) or ids.get(fold(str(raw_key)).strip())
            ppath = (*path, str(raw_key))
            if part is None or part in read:
                self.problems.add(
                    ppath,
                    "unknown_part",
                    f"chỉ báo {plan.id} không có phần này (có: {names})"
                    if part is None
                    else f"phần '{part}' được ghi hai lần",
                    f"indicator {plan.id} has no such part (it has: {names})"
                    if part is None
                    else f"the part '{part}' is given twice",
                    key=True,
                )
                ok = False
                continue
            if raw is None:
                continue  # no data for this part yet
            result = plan.kind.read_part(self, plan, ppath, raw)
            if result is None:
                ok = False
                continue
            read[part] = PartValue(part, result[0], result[1])  # type: ignore[arg-type]
        if not ok:
            return None
        parts = tuple(read[p.id] for p in measure.parts if p.id in read)
        given = FrozenDict((p.id, p.given) for p in parts)
        if len(parts) < len(measure.parts):
            return self._some_parts(plan, parts, given)
        if plan.part_tests:  # each part against its own threshold
            shares = PartShares(p.value for p in parts)
            deciding = parts[deciding_part(plan, shares)]
            self.details[plan.id] = Detail(parts=parts, deciding=deciding.id)
            return shares, given
        if measure.reading == "each":
            deciding = _furthest(plan, parts)
            self.details[plan.id] = Detail(parts=parts, deciding=deciding.id)
            return deciding.value, given
        pooled = plan.kind.pool(self, path, plan, parts)
        return None if pooled is None else (pooled, given)

    def _some_parts(
        self, plan: IndicatorPlan, parts: tuple[PartValue, ...], given: FrozenDict[str, object]
    ) -> tuple[object, object] | None:
        """An indicator with a part left out, or written null: no data for that part yet.

        So none for the indicator either; unless it is read ``each`` and a part given
        already fails it (every part must meet it, so nothing the others bring can). What
        was given is kept, and shown.
        """
        if plan.part_tests and parts:  # a part given already fails its own threshold
            by_id = {p.id: p.value for p in parts}
            shares = PartShares(by_id.get(t.id) for t in plan.part_tests)
            if any(
                s is not None and not t.passes(s)
                for s, t in zip(shares, plan.part_tests, strict=True)
            ):
                n = deciding_part(plan, shares)
                self.details[plan.id] = Detail(parts=parts, deciding=plan.part_tests[n].id)
                return shares, given
            return None, given
        if plan.indicator.measure.reading == "each" and parts:  # type: ignore[union-attr]
            deciding = _furthest(plan, parts)
            if not plan.kind.meets(plan)(deciding.value):
                self.details[plan.id] = Detail(parts=parts, deciding=deciding.id)
                return deciding.value, given
        return (None, given) if parts else None


def _furthest(plan: IndicatorPlan, parts: tuple[PartValue, ...]) -> PartValue:
    """The part furthest from meeting the threshold, the first in the text on a tie.

    Every part meets the threshold exactly when this one does, and its band is the lowest.
    """
    size = plan.kind.size
    # Exact comparisons by cross-multiplication (denominators are positive).
    furthest, (fn, fd) = parts[0], size(plan, parts[0].value)
    lower = plan.op in {">=", ">"}
    for part in parts[1:]:
        n, d = size(plan, part.value)
        if (n * fd < fn * d) if lower else (n * fd > fn * d):
            furthest, fn, fd = part, n, d
    return furthest
