"""An assessment: a unit's measured values, read and checked against a criteria set.

The values may come from a YAML or JSON file (see `hoctap.api.read_assessment`) or from
Python::

    values:
      "1.1.1": true             # or "đạt" / "không đạt"
      "2.1.1": 85.5             # or "85,5", "85,5%", a numpy number, a Fraction
      "2.1.2": {count: 17, total: 20}
      "3.1.1": {previous: 4.1, current: 2.6}

An `Assessment` cannot exist unchecked: its constructor reads every value once, at this
boundary, into an exact immutable form (``values``) and a canonical immutable copy of
what was given (``given``); every problem is reported at once (`InputError`), located
(file, line, indicator) and in plain words. An indicator left out, or given as ``null``,
is missing data, not an error. Nothing here reads files or loads sets.
"""

from __future__ import annotations

import numbers
import operator
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from hoctap._frozen import FrozenDict
from hoctap._numbers import NumberError, float_ratio, is_bool_scalar, read_number, read_whole
from hoctap._words import VOCABULARY
from hoctap.engine._decision import amount
from hoctap.engine._details import Detail, PartValue, SubUnit, UnitValue
from hoctap.engine._plan import ATTESTED, PERCENT, IndicatorPlan, plan_for
from hoctap.errors import DataPath, InputError, Message, Problem, fold, invisible
from hoctap.spec._messages import got, got_vi
from hoctap.spec.models import Change, CriteriaSet, Percent

if TYPE_CHECKING:
    from hoctap.files._yaml import Document
    from hoctap.spec.models import RatingScale

__all__ = ["Assessment", "Reader", "check_text"]

ATTESTED_WORDS = {"đạt": True, "không đạt": False}
"""The words for met / not met, NFC and lower case."""
_MAX_NAME = 200
"""A unit's name, kind or period longer than this is refused."""


@dataclass(frozen=True, init=False)
class Assessment:
    """A unit's measured values, checked against a criteria set.

    ``values`` holds each indicator's value exactly (see `hoctap._numbers`), ``given``
    the values as written, in a canonical immutable form, for the trace and the record.
    Built from raw values, it checks them all and raises `InputError` listing every
    problem; there is no way to make one unchecked.

    >>> from hoctap import load
    >>> a = Assessment(load("district"), {"2.1.1": "85,5%", "1.1.1": "đạt"}, unit="Quận Lê Chân")
    >>> a, a.kind, a.values["2.1.1"]
    (<Assessment district 'Quận Lê Chân': 2 values>, 'quận', (855, 10, None, None))
    >>> Assessment(load("district"), {"1.1.1": "không đạt"}).values["1.1.1"]
    False
    """

    criteria: CriteriaSet
    unit: str
    period: str | None
    kind: str | None
    values: FrozenDict[str, object] = field(repr=False)
    given: FrozenDict[str, object] = field(repr=False)
    source: str = field(compare=False)
    details: FrozenDict[str, Detail] = field(repr=False, compare=False)
    """What an indicator given in parts or as a list of units was made from (it follows
    from ``given``, so it takes no part in equality)."""
    units: tuple[SubUnit, ...] = field(repr=False)
    """For a city or province, its district-level units and their own evaluations,
    counted into the indicator the set rolls up (`hoctap.results._rollup`)."""

    def __init__(  # noqa: PLR0913 - the entries of an assessment
        self,
        criteria: CriteriaSet,
        values: object,
        *,
        unit: object = "",
        kind: object = None,
        period: object = None,
        source: str = "<mapping>",
        doc: Document | None = None,
        units: tuple[SubUnit, ...] = (),
        at: DataPath = (),
    ) -> None:
        if not isinstance(criteria, CriteriaSet):
            msg = f"criteria must be a CriteriaSet (hoctap.load gives one), not {type(criteria).__name__}"
            raise TypeError(msg)
        reader = Reader(source, doc, at)
        name = reader.name(("unit",), unit) or ""
        given_kind = reader.name(("kind",), kind)
        when = reader.period(period)
        parsed, given = reader.values(criteria, values)
        if units:
            parsed, given = reader.rolled_up(criteria, units, parsed, given)
        found_kind = unit_kind(criteria, name, given_kind, reader)
        if reader.problems:
            raise InputError(reader.problems)
        # Frozen: the fields are set once, here, in one step.
        self.__dict__.update(
            criteria=criteria,
            unit=name,
            period=when,
            kind=found_kind,
            values=parsed,
            given=given,
            source=source,
            details=FrozenDict(reader.details),
            units=tuple(units),
        )

    def __repr__(self) -> str:
        period = f" {self.period}" if self.period else ""
        return f"<Assessment {self.criteria.id} {self.unit!r}{period}: {len(self.given)} values>"


def unit_kind(spec: CriteriaSet, unit: str, kind: str | None, reader: Reader) -> str | None:
    """The kind of unit: as given (it must be one the set has a title for), else from the name."""
    kinds = plan_for(spec).kinds
    if kind is None:
        # "Quận Lê Chân", "Thị xã Phú Mỹ": a Vietnamese unit's name starts with its kind.
        # The longest matching kind wins, so "Thành phố Bà Rịa" is "thành phố", not "thành".
        name = unit.casefold()
        for folded, candidate in kinds:
            if name.startswith(folded) and name[len(folded) : len(folded) + 1] == " ":
                return candidate
        return None
    for folded, candidate in kinds:
        if folded == kind.casefold():
            return candidate
    listed = ", ".join(t.kind for t in spec.recognition.titles if t.kind != "default") or "—"
    reader.add(
        ("kind",),
        "bad_kind",
        f"bộ tiêu chí '{spec.id}' không có loại đơn vị '{kind}' (có: {listed})",
        f"criteria set '{spec.id}' has no kind of unit '{kind}' (it has: {listed})",
    )
    return None


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


_YEAR = re.compile(r"[0-9]{4}", re.ASCII)


class Reader:
    """Reads one assessment's entries, collecting every problem, each located."""

    def __init__(self, source: str, doc: Document | None, at: DataPath = ()) -> None:
        self.source = source
        self.doc = doc
        self.at = at
        """Where the assessment sits in its document (one written inside a city's file)."""
        self.problems: list[Problem] = []
        self.details: dict[str, Detail] = {}
        self.spec: CriteriaSet | None = None

    def add(self, path: DataPath, code: str, vi: str, en: str, *, key: bool = False) -> None:
        """Record a problem at ``path``."""
        message = Message(vi, en)
        path = (*self.at, *path)
        if self.doc is not None:
            self.problems.append(self.doc.problem(path, message, code, key=key))
        else:
            self.problems.append(Problem(self.source, 0, 0, path, message, code))

    # --- the top-level entries ---------------------------------------------------------

    def name(self, path: DataPath, value: object) -> str | None:
        """A one-line text (unit, kind, period), NFC, or None when absent or blank."""
        if value is None:
            return None
        if not isinstance(value, str):
            self.add(
                path,
                "wrong_type",
                f"phải là văn bản, nhận {got_vi(value)}",
                f"must be text, got {got(value)}",
            )
            return None
        wrong = check_text(value)  # before blankness: "\x85" is blank, and a control character
        if wrong is not None:
            self.add(
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
        self.add(
            ("period",),
            "bad_period",
            f"kỳ đánh giá phải là năm hoặc văn bản, nhận {got_vi(value)}",
            f"the period must be a year or text, got {got(value)}",
        )
        return None

    def values(  # noqa: C901, PLR0912 - the commonest values read in place, see below
        self, spec: CriteriaSet, values: object, base: DataPath = ("values",)
    ) -> tuple[FrozenDict[str, object], FrozenDict[str, object]]:
        """Check and convert each value: (exact values, canonical values as given)."""
        if values is None:
            values = {}
        if not isinstance(values, Mapping):
            self.add(
                base,
                "not_a_mapping",
                f"phải là một bảng: số hiệu chỉ báo → giá trị, nhận {got_vi(values)}",
                f"must be a mapping: indicator id → value, got {got(values)}",
            )
            return FrozenDict(), FrozenDict()
        self.spec = spec
        plans = plan_for(spec).by_id
        parsed: dict[str, object] = {}
        given: dict[str, object] = {}
        # Reading values is most of an evaluation's cost (see ``benchmarks/bench.py``), so
        # the commonest well-formed values are read here in a line each, with no further
        # call; everything else, and every explanation of a bad value, goes on to the
        # readers below (`_attested`, `_percent`, `_change`), which accept the same values.
        for raw_key, value in values.items():
            key = raw_key if type(raw_key) is str else str(raw_key)
            plan = plans.get(key)
            if plan is None:
                self._unknown(spec, (*base, key), list(plans))
                continue
            if value is None:
                continue  # written as null: no data yet
            kind = plan.kind
            cls = type(value)
            result: tuple[object, object] | None
            if kind == ATTESTED:
                result = (value, value) if cls is bool else self._attested((*base, key), value)
            elif kind == PERCENT:
                if cls is int and 0 <= value <= 100 and plan.single:
                    result = (value, 1, None, None), value
                elif cls is float and 1e-6 <= value <= 100 and plan.single:  # no exponent
                    result = (*float_ratio(value), None, None), value
                else:
                    result = self._percent((*base, key), value, plan)
            elif _by_parts(plan, value):
                result = self._parts((*base, key), value, plan)
            else:
                result = self._change(plan, (*base, key), value)
            if result is not None:
                parsed[key], given[key] = result
        return FrozenDict(parsed), FrozenDict(given)

    def rolled_up(
        self,
        spec: CriteriaSet,
        units: tuple[SubUnit, ...],
        parsed: FrozenDict[str, object],
        given: FrozenDict[str, object],
    ) -> tuple[FrozenDict[str, object], FrozenDict[str, object]]:
        """The share the set rolls up from its sub-units' evaluations, added to the values."""
        rolled = [i.id for i in spec.indicators.values() if getattr(i.measure, "rollup", None)]
        if not rolled:
            self.add(
                ("units",),
                "no_rollup",
                f"bộ tiêu chí '{spec.id}' không tính chỉ báo nào từ các đơn vị cấp dưới",
                f"criteria set '{spec.id}' computes no indicator from sub-units",
            )
            return parsed, given
        (ind,) = rolled  # the rules allow one (`second_rollup`)
        if ind in given:
            self.add(
                ("values", ind),
                "rolled_up_twice",
                f"chỉ báo {ind} được tính từ danh sách units; không ghi thêm ở đây",
                f"indicator {ind} is computed from the units list; do not give it here too",
                key=True,
            )
            return parsed, given
        self.details[ind] = Detail(units=tuple(u.value for u in units))
        record = FrozenDict(
            units=tuple(FrozenDict(name=u.name, counted=u.value.counted) for u in units)
        )
        values, shown = dict(parsed), dict(given)
        shown[ind] = record
        if all(u.value.counted is not None for u in units):  # else: not known yet
            count = sum(1 for u in units if u.value.counted)
            values[ind] = (100 * count, len(units), count, len(units))
        return FrozenDict(values), FrozenDict(shown)

    def _unknown(self, spec: CriteriaSet, path: DataPath, ids: list[str]) -> None:
        key = path[-1]
        self.add(
            path,
            "unknown_indicator",
            f"bộ tiêu chí '{spec.id}' không có chỉ báo {key} (có {ids[0]} … {ids[-1]})",
            f"criteria set '{spec.id}' has no indicator {key} (it has {ids[0]} … {ids[-1]})",
            key=True,
        )

    def _attested(self, path: DataPath, value: object) -> tuple[bool, object] | None:
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
        self.add(
            path,
            "not_attested",
            f"phải là true/false hoặc 'đạt'/'không đạt', nhận {got_vi(value)}",
            f"must be true/false or 'đạt'/'không đạt' (met/not met), got {got(value)}",
        )
        return None

    def _percent(  # noqa: C901, PLR0911 - each form a share can take
        self, path: DataPath, value: Any, plan: IndicatorPlan | None = None
    ) -> tuple[object, object] | None:
        if plan is not None:
            if isinstance(value, Mapping) and "units" in value:
                return self._units(path, value, plan)
            if _by_parts(plan, value):
                return self._parts(path, value, plan)
        if type(value) is dict and len(value) == 2:  # whole counts, the commonest mapping
            count, total = value.get("count"), value.get("total")
            if type(count) is int and type(total) is int and 0 <= count <= total and total:
                return (100 * count, total, count, total), _counts(count, total)
        if isinstance(value, Mapping):
            if not self._keys(path, value, ("count", "total")):
                return None
            count = self._whole((*path, "count"), value["count"])
            total = self._whole((*path, "total"), value["total"])
            if count is None or total is None:
                return None
            if count > total:
                self.add(
                    (*path, "count"),
                    "count_above_total",
                    f"số đếm ({count}) lớn hơn tổng số ({total})",
                    f"the count ({count}) is more than the total ({total})",
                )
                return None
            if total == 0:
                none = self._none((*path, "total"), plan)
                return None if none is None else (none, _counts(0, 0))
            return (100 * count, total, count, total), _counts(count, total)
        share = self._number(path, value, percent=True)
        return None if share is None else ((*share, None, None), _canonical(value))

    def _none(self, path: DataPath, plan: IndicatorPlan | None) -> tuple[int, int, int, int] | None:
        """A total of 0, read as the set's ``if_none`` says, or refused."""
        measure = plan.indicator.measure if plan is not None else None
        if_none = measure.if_none if isinstance(measure, Percent) else None
        if plan is None or if_none is None:
            self.add(path, "zero_total", "tổng số phải lớn hơn 0", "the total must be more than 0")
            return None
        # if_none is only allowed with a minimum above 0 (the rules check it), so 100%
        # meets it and 0% does not: the decision compares as it always does.
        self.details[plan.id] = Detail(none=True)
        return (100, 1, 0, 0) if if_none == "met" else (0, 1, 0, 0)

    def _units(
        self, path: DataPath, value: Mapping[Any, Any], plan: IndicatorPlan
    ) -> tuple[object, object] | None:
        """A share from the list of units behind it, each rated, scored, or met/not met."""
        measure = plan.indicator.measure
        assert isinstance(measure, Percent)  # noqa: S101 - only shares have units
        if not self._keys(path, value, ("units",)):
            return None
        items = value["units"]
        lpath = (*path, "units")
        if measure.counted is None:
            self.add(
                lpath,
                "not_counted",
                f"chỉ báo {plan.id} không đếm đơn vị nên không ghi được danh sách đơn vị; "
                "ghi một tỷ lệ phần trăm",
                f"indicator {plan.id} does not count units, so it cannot be given as a list "
                "of units; give a percentage",
            )
            return None
        if not isinstance(items, list | tuple):
            self.add(
                lpath,
                "not_a_list",
                f"phải là danh sách đơn vị (mỗi đơn vị một dòng '- name: ...'), nhận {got_vi(items)}",
                f"must be a list of units (one '- name: ...' each), got {got(items)}",
            )
            return None
        spec = self.spec
        assert spec is not None  # noqa: S101 - set by `values`
        scale = spec.scale(measure.rated.scale) if measure.rated is not None else None
        units: list[UnitValue] = []
        given: list[object] = []
        seen: dict[str, int] = {}
        ok = True
        for index, item in enumerate(items):
            upath = (*lpath, index)
            read = self._unit(upath, item, scale, measure)
            if read is None:
                ok = False
                continue
            unit, canonical = read
            first = seen.setdefault(fold(unit.name), index)
            if first != index:
                self.add(
                    (*upath, "name"),
                    "duplicate_unit",
                    f"đơn vị '{unit.name}' đã có trong danh sách (mục {first + 1})",
                    f"the unit '{unit.name}' is already in the list (entry {first + 1})",
                )
                ok = False
                continue
            units.append(unit)
            given.append(canonical)
        if not ok:
            return None
        count = sum(1 for u in units if u.counted)
        total = len(units)
        record = FrozenDict(units=tuple(given))
        if total == 0:
            none = self._none(lpath, plan)
            return None if none is None else (none, record)
        self.details[plan.id] = Detail(units=tuple(units))
        return (100 * count, total, count, total), record

    def _unit(
        self, path: DataPath, item: object, scale: RatingScale | None, measure: Percent
    ) -> tuple[UnitValue, FrozenDict[str, object]] | None:
        """One unit of a list: its name and rating (or score, or met / not met)."""
        if not isinstance(item, Mapping):
            self.add(
                path,
                "not_a_mapping",
                f"mỗi đơn vị phải có dạng {{name: ..., ...}}, nhận {got_vi(item)}",
                f"each unit must be {{name: ..., ...}}, got {got(item)}",
            )
            return None
        allowed = ("name", "rating", "score") if scale is not None else ("name", "met")
        ok = True
        for key in item:
            if key not in allowed:
                self.add(
                    (*path, str(key)),
                    "unknown_key",
                    f"khóa không dùng được ở đây; dùng: {', '.join(allowed)}",
                    f"unknown key; expected: {', '.join(allowed)}",
                    key=True,
                )
                ok = False
        name = self.name((*path, "name"), item.get("name"))
        if name is None:
            if "name" not in item:
                self.add(
                    path,
                    "missing",
                    "thiếu 'name' (tên đơn vị)",
                    "'name' (the unit's name) is missing",
                )
            return None
        if not ok:
            return None
        if scale is None:
            met = self._attested((*path, "met"), item.get("met"))
            if met is None:
                return None
            words = VOCABULARY["met" if met[0] else "not_met"]
            return UnitValue(name, bool(met[0]), words), FrozenDict(name=name, met=met[1])
        return self._rated(path, item, name, scale, measure)

    def _rated(
        self,
        path: DataPath,
        item: Mapping[Any, Any],
        name: str,
        scale: RatingScale,
        measure: Percent,
    ) -> tuple[UnitValue, FrozenDict[str, object]] | None:
        """A unit rated on the set's scale: by its score, its rating in words, or both."""
        assert measure.rated is not None  # noqa: S101
        if "score" not in item and "rating" not in item:
            self.add(
                path,
                "missing",
                "cần 'rating' (xếp loại) hoặc 'score' (điểm)",
                "'rating' or 'score' is needed",
            )
            return None
        words = [n.vi for n in scale.names]
        rank: int | None = None
        score: Fraction | None = None
        record: dict[str, object] = {"name": name}
        if "score" in item:
            number = self._number((*path, "score"), item["score"], percent=False)
            if number is None:
                return None
            score = Fraction(*number)
            if scale.max_score is None or score > Fraction(scale.max_score):
                top = "" if scale.max_score is None else f" (0 – {scale.max_score})"
                self.add(
                    (*path, "score"),
                    "score_range",
                    f"điểm nằm ngoài thang '{scale.id}'{top}",
                    f"the score is outside the scale '{scale.id}'{top}",
                )
                return None
            rank = scale.rank_of_score(score)
            record["score"] = _canonical(item["score"])
        if "rating" in item:
            raw = item["rating"]
            said = scale.rank_of(raw) if isinstance(raw, str) else None
            if said is None:
                self.add(
                    (*path, "rating"),
                    "bad_rating",
                    f"thang '{scale.id}' không có loại {got_vi(raw)} (có: {', '.join(words)})",
                    f"the scale '{scale.id}' has no rating {got(raw)} (it has: {', '.join(words)})",
                )
                return None
            if rank is not None and said != rank:
                self.add(
                    (*path, "rating"),
                    "rating_score_disagree",
                    f"điểm {fmt_score(score)} là loại {words[rank]}, không phải {raw}",
                    f"a score of {fmt_score(score)} is rated {words[rank]}, not {raw}",
                )
                return None
            rank = said
            record["rating"] = scale.names[said].vi
        assert rank is not None  # noqa: S101 - one of the two was given
        name_vi, name_en = scale.names[rank].vi, scale.names[rank].en
        counted = rank <= (scale.rank_of(measure.rated.counts_from) or 0)
        if score is None:
            words_msg = Message(name_vi, f"{name_vi} ({name_en})")
            closeness = Fraction(-rank)
        else:
            points = fmt_score(score)
            words_msg = Message(
                f"{name_vi}, {points.replace('.', ',')} điểm",
                f"{name_vi} ({name_en}), {points} points",
            )
            closeness = score
        return UnitValue(name, counted, words_msg, closeness), FrozenDict(record)

    def _parts(  # noqa: C901, PLR0912 - each part, then the one reading
        self, path: DataPath, value: object, plan: IndicatorPlan
    ) -> tuple[object, object] | None:
        """An indicator given part by part, read ``each`` or ``pooled`` as its set says."""
        measure = plan.indicator.measure
        assert isinstance(measure, Percent | Change)  # noqa: S101
        names = ", ".join(p.id for p in measure.parts)
        if not isinstance(value, Mapping):
            self.add(
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
        ok, unknown_yet = True, False
        for raw_key, raw in value.items():
            part = ids.get(raw_key) or ids.get(fold(str(raw_key)).strip())
            ppath = (*path, str(raw_key))
            if part is None or part in read:
                self.add(
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
                unknown_yet = True  # no data for this part yet: the indicator has none
                continue
            cls = type(raw)
            result: tuple[object, object] | None
            if isinstance(measure, Percent):
                # The commonest part, a plain number, read in place as `values` does.
                if cls is int and 0 <= raw <= 100:
                    result = (raw, 1, None, None), raw
                elif cls is float and 1e-6 <= raw <= 100:
                    result = (*float_ratio(raw), None, None), raw
                else:
                    result = self._percent(ppath, raw)
            else:
                result = self._change(plan, ppath, raw)
            if result is None:
                ok = False
                continue
            read[part] = PartValue(part, result[0], result[1])  # type: ignore[arg-type]
        missing = [p.id for p in measure.parts if p.id not in read]
        if ok and missing and not unknown_yet:
            self.add(
                path,
                "missing",
                f"thiếu phần: {', '.join(missing)}",
                f"a part is missing: {', '.join(missing)}",
            )
        if not ok or missing:
            return None
        parts = tuple(read[p.id] for p in measure.parts)
        given = FrozenDict((p.id, p.given) for p in parts)
        if measure.reading == "each":
            deciding = _furthest(plan, parts)
            self.details[plan.id] = Detail(parts=parts, deciding=deciding.id)
            return deciding.value, given
        pooled = self._pooled(path, plan, parts)
        return None if pooled is None else (pooled, given)

    def _pooled(
        self, path: DataPath, plan: IndicatorPlan, parts: tuple[PartValue, ...]
    ) -> tuple[int, int, int, int] | None:
        """Parts added up into one figure: counts into one share, or two years' figures."""
        if plan.kind == PERCENT:
            uncounted = [p.id for p in parts if p.value[2] is None]
            if uncounted:
                self.add(
                    (*path, uncounted[0]),
                    "pooled_needs_counts",
                    "các phần được cộng gộp nên mỗi phần cần số đếm {count: ..., total: ...}, "
                    "hoặc ghi một con số chung cho cả chỉ báo",
                    "the parts are pooled, so each needs counts {count: ..., total: ...}; "
                    "or give one figure for the whole indicator",
                )
                return None
            # Each part's total is above 0 (a part's 0/0 is refused), so the sum is too.
            count = sum(p.value[2] or 0 for p in parts)
            total = sum(p.value[3] or 0 for p in parts)
            self.details[plan.id] = Detail(parts=parts)
            return (100 * count, total, count, total)
        previous = sum((Fraction(p.value[0], p.value[1]) for p in parts), Fraction(0))
        current = sum((Fraction(p.value[2] or 0, p.value[3] or 1) for p in parts), Fraction(0))
        if plan.unit == "relative" and previous == 0:
            self.add(
                path,
                "relative_from_zero",
                "năm trước bằng 0 nên không tính được thay đổi tương đối",
                "last year is 0, so a relative change cannot be computed",
            )
            return None
        self.details[plan.id] = Detail(parts=parts)
        return (*previous.as_integer_ratio(), *current.as_integer_ratio())

    def _change(
        self, plan: IndicatorPlan, path: DataPath, value: Any
    ) -> tuple[object, object] | None:
        if type(value) is dict and len(value) == 2 and plan.quantity == "percent":
            # Two rates as floats, the commonest change.
            previous, current = value.get("previous"), value.get("current")
            if (
                type(previous) is float
                and type(current) is float
                and 1e-6 <= previous <= 100  # no exponent, so no size to check
                and 1e-6 <= current <= 100
            ):
                both = (*float_ratio(previous), *float_ratio(current))
                return both, FrozenDict((("previous", previous), ("current", current)))
        if not isinstance(value, Mapping):
            self.add(
                path,
                "bad_change",
                f"phải có dạng {{previous: ..., current: ...}} (năm trước, năm nay), nhận {got_vi(value)}",
                f"must be {{previous: ..., current: ...}} (last year, this year), got {got(value)}",
            )
            return None
        if not self._keys(path, value, ("previous", "current")):
            return None
        pair: list[tuple[int, int]] = []
        for key in ("previous", "current"):
            raw = value[key]
            if plan.quantity == "count":
                whole = self._whole((*path, key), raw)
                number = None if whole is None else (whole, 1)
            else:
                number = self._number((*path, key), raw, percent=plan.quantity == "percent")
            if number is None:
                return None
            pair.append(number)
        (pn, pd), (cn, cd) = pair
        if plan.unit == "relative" and pn == 0:
            self.add(
                (*path, "previous"),
                "relative_from_zero",
                "năm trước bằng 0 nên không tính được thay đổi tương đối",
                "last year is 0, so a relative change cannot be computed",
            )
            return None
        given = FrozenDict(
            previous=_canonical(value["previous"]), current=_canonical(value["current"])
        )
        return (pn, pd, cn, cd), given

    def _number(self, path: DataPath, value: object, *, percent: bool) -> tuple[int, int] | None:
        try:
            num, den = read_number(value, percent_sign=percent)
        except NumberError as exc:
            self.add(path, exc.code, exc.vi, exc.en)
            return None
        if num < 0:
            self.add(
                path,
                "negative",
                f"không được âm, nhận {got_vi(value)}",
                f"must not be negative, got {got(value)}",
            )
            return None
        if percent and num > 100 * den:
            self.add(
                path,
                "percent_range",
                f"tỷ lệ phần trăm phải từ 0 đến 100, nhận {got_vi(value)}",
                f"a percentage must be between 0 and 100, got {got(value)}",
            )
            return None
        return (num, den)

    def _whole(self, path: DataPath, value: object) -> int | None:
        if type(value) is int and value >= 0:
            return value
        try:
            return read_whole(value)
        except NumberError as exc:
            self.add(path, exc.code, exc.vi, exc.en)
            return None

    def _keys(self, path: DataPath, value: Mapping[Any, Any], wanted: tuple[str, ...]) -> bool:
        ok = True
        for key in value:
            if key not in wanted:
                self.add(
                    (*path, str(key)),
                    "unknown_key",
                    f"khóa không dùng được ở đây; dùng: {', '.join(wanted)}",
                    f"unknown key; expected: {', '.join(wanted)}",
                    key=True,
                )
                ok = False
        for key in wanted:
            if key not in value:
                self.add(path, "missing", f"thiếu '{key}'", f"'{key}' is missing")
                ok = False
        return ok


_ONE_FIGURE = frozenset({"count", "total", "previous", "current", "units"})


def _by_parts(plan: IndicatorPlan, value: object) -> bool:
    """Whether a value is read part by part.

    Always for reading ``each``; for ``pooled`` unless it is one figure for the whole
    indicator (a number, counts, a change).
    """
    if not plan.parts:
        return False
    single = not isinstance(value, Mapping) or all(k in _ONE_FIGURE for k in value)
    return not plan.single or not single


def _furthest(plan: IndicatorPlan, parts: tuple[PartValue, ...]) -> PartValue:
    """The part furthest from meeting the threshold, the first in the text on a tie.

    Every part meets the threshold exactly when this one does, and its band is the lowest.
    """

    def size(part: PartValue) -> tuple[int, int]:
        if plan.kind == PERCENT:
            return part.value[0], part.value[1]
        return amount(plan, part.value)  # type: ignore[arg-type]

    # Exact comparisons by cross-multiplication (denominators are positive).
    furthest, (fn, fd) = parts[0], size(parts[0])
    lower = plan.op in {">=", ">"}
    for part in parts[1:]:
        n, d = size(part)
        if (n * fd < fn * d) if lower else (n * fd > fn * d):
            furthest, fn, fd = part, n, d
    return furthest


def fmt_score(score: Fraction | None) -> str:
    """A score as written: 62, 84.5."""
    if score is None:
        return ""
    return str(score.numerator) if score.denominator == 1 else str(float(score))


def _counts(count: int, total: int) -> FrozenDict[str, object]:
    return FrozenDict((("count", count), ("total", total)))


def _canonical(value: object) -> object:
    """A number or text that was read without a problem, as the record keeps it.

    Builtin types as they are (text NFC); any other number type as the exact number it
    was read as, so no foreign or mutable object is kept.
    """
    cls = type(value)
    if cls is int or cls is float or cls is Decimal or cls is Fraction:
        return value
    if isinstance(value, str):
        return unicodedata.normalize("NFC", str(value))
    if isinstance(value, numbers.Integral):
        return operator.index(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, Decimal):
        return Decimal(value)
    num, den = read_number(value, percent_sign=False)
    return Fraction(num, den) if den != 1 else num
