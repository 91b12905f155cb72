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
from hoctap._messages import got, got_vi
from hoctap._numbers import NumberError, float_ratio, is_bool_scalar, read_number, read_whole
from hoctap._plan import ATTESTED, PERCENT, IndicatorPlan, plan_for
from hoctap.errors import DataPath, InputError, Message, Problem, fold, invisible
from hoctap.models import CriteriaSet

if TYPE_CHECKING:
    from hoctap._yaml import Document

__all__ = ["Assessment", "Reader", "check_text"]

_WORDS = {"đạt": True, "không đạt": False}
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
    ) -> None:
        if not isinstance(criteria, CriteriaSet):
            msg = f"criteria must be a CriteriaSet (hoctap.load gives one), not {type(criteria).__name__}"
            raise TypeError(msg)
        reader = Reader(source, doc)
        name = reader.name(("unit",), unit) or ""
        given_kind = reader.name(("kind",), kind)
        when = reader.period(period)
        parsed, given = reader.values(criteria, values)
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

    def __init__(self, source: str, doc: Document | None) -> None:
        self.source = source
        self.doc = doc
        self.problems: list[Problem] = []

    def add(self, path: DataPath, code: str, vi: str, en: str, *, key: bool = False) -> None:
        """Record a problem at ``path``."""
        message = Message(vi, en)
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

    def values(  # noqa: C901 - the commonest values read in place, see below
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
                if cls is int and 0 <= value <= 100:
                    result = (value, 1, None, None), value
                elif cls is float and 1e-6 <= value <= 100:  # no exponent, so no size to check
                    result = (*float_ratio(value), None, None), value
                else:
                    result = self._percent((*base, key), value)
            else:
                result = self._change(plan, (*base, key), value)
            if result is not None:
                parsed[key], given[key] = result
        return FrozenDict(parsed), FrozenDict(given)

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
            met = _WORDS.get(value)  # type: ignore[call-overload]
            if met is None:
                met = _WORDS.get(fold(value).strip())  # type: ignore[arg-type]
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

    def _percent(self, path: DataPath, value: Any) -> tuple[object, object] | None:  # noqa: PLR0911
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
            if total == 0:
                self.add(
                    (*path, "total"),
                    "zero_total",
                    "tổng số phải lớn hơn 0",
                    "the total must be more than 0",
                )
                return None
            if count > total:
                self.add(
                    (*path, "count"),
                    "count_above_total",
                    f"số đếm ({count}) lớn hơn tổng số ({total})",
                    f"the count ({count}) is more than the total ({total})",
                )
                return None
            return (100 * count, total, count, total), _counts(count, total)
        share = self._number(path, value, percent=True)
        return None if share is None else ((*share, None, None), _canonical(value))

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
