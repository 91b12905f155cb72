"""An assessment: a unit's measured values, read and checked against a criteria set.

An assessment is a YAML or JSON file, or the same as a Python mapping::

    criteria: district          # a bundled set by name, or a path to a criteria file
    unit: Quận Lê Chân
    kind: quận                  # optional; else read from the unit's name
    period: 2022
    values:
      "1.1.1": true             # or "đạt" / "không đạt"
      "2.1.1": 85.5             # or "85,5", "85,5%"
      "2.1.2": {count: 17, total: 20}
      "3.1.1": {previous: 4.1, current: 2.6}

Every value is checked against what its indicator's measure accepts; every problem is
reported at once, located (file, line, indicator) and in plain words. An indicator left
out, or given as ``null``, is missing data, not an error.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path as FilePath
from typing import TYPE_CHECKING, Any

from hoctap import _yaml
from hoctap._messages import got, got_vi
from hoctap._numbers import NumberTextError, float_ratio, parse_number
from hoctap._plan import ATTESTED, PERCENT, IndicatorPlan, plan_for
from hoctap.errors import InputError, Message, Path, Problem, SpecError
from hoctap.loading import load

if TYPE_CHECKING:
    from hoctap.engine import Evaluation
    from hoctap.models import CriteriaSet

__all__ = ["Assessment", "read_assessment"]

_TOP_KEYS = ("criteria", "unit", "kind", "period", "values", "notes")
_WORDS = {"đạt": True, "không đạt": False}
"""The words for met / not met, NFC and lower case."""


@dataclass(frozen=True)
class Assessment:
    """A unit's measured values, checked against a criteria set.

    ``values`` holds each indicator's value exactly (see `hoctap._numbers`), ``given``
    the values as written, for the trace and for replaying the decision.
    """

    criteria: CriteriaSet
    unit: str
    period: str | None
    kind: str | None
    values: Mapping[str, object]
    given: Mapping[str, object]
    source: str = "<mapping>"

    def __repr__(self) -> str:
        period = f" {self.period}" if self.period else ""
        return f"<Assessment {self.criteria.id} {self.unit!r}{period}: {len(self.given)} values>"

    def evaluate(self) -> Evaluation:
        """Evaluate this assessment: see `hoctap.evaluate`."""
        from hoctap.engine import evaluate_assessment  # noqa: PLC0415

        return evaluate_assessment(self)


def unit_kind(spec: CriteriaSet, unit: str, kind: str | None, reader: _Reader) -> str | None:
    """The kind of unit: as given (it must be one the set has a title for), else from the name."""
    if kind is None:
        return _kind_from_name(spec, unit) if unit else None
    kinds = [t.kind for t in spec.recognition.titles if t.kind != "default"]
    if unicodedata.normalize("NFC", kind).casefold() in {k.casefold() for k in kinds}:
        return kind
    listed = ", ".join(kinds) or "—"
    reader.add(
        ("kind",),
        f"bộ tiêu chí '{spec.id}' không có loại đơn vị '{kind}' (có: {listed})",
        f"criteria set '{spec.id}' has no kind of unit '{kind}' (it has: {listed})",
    )
    return None


def _kind_from_name(spec: CriteriaSet, unit: str) -> str | None:
    # "Quận Lê Chân", "Thị xã Phú Mỹ": a Vietnamese unit's name starts with its kind.
    # The longest matching kind wins, so "Thành phố Bà Rịa" is "thành phố", not "thành".
    name = unicodedata.normalize("NFC", unit).casefold()
    kinds = sorted(
        (t.kind for t in spec.recognition.titles if t.kind != "default"), key=len, reverse=True
    )
    for kind in kinds:
        if name.startswith(kind.casefold() + " "):
            return kind
    return None


class _Reader:
    """Collects every problem of one assessment, each located."""

    def __init__(self, source: str, doc: _yaml.Document | None) -> None:
        self.source = source
        self.doc = doc
        self.problems: list[Problem] = []

    def add(self, path: Path, vi: str, en: str, *, key: bool = False) -> None:
        message = Message(vi, en)
        if self.doc is not None:
            self.problems.append(self.doc.problem(path, message, key=key))
        else:
            self.problems.append(Problem(self.source, 0, 0, path, message))

    def number(  # noqa: PLR0911
        self, path: Path, value: object, *, percent: bool, whole: bool = False
    ) -> tuple[int, int] | None:
        if whole:
            if isinstance(value, bool) or not isinstance(value, int):
                self.add(
                    path,
                    f"phải là số nguyên không âm, nhận {got_vi(value)}",
                    f"must be a whole number, not negative, got {got(value)}",
                )
                return None
            if value < 0:
                self.add(path, f"không được âm, nhận {value}", f"must not be negative, got {value}")
                return None
            return (value, 1)
        try:
            num, den = parse_number(value, percent_sign=percent)
        except NumberTextError as exc:
            self.add(path, exc.vi, exc.en)
            return None
        if num < 0:
            self.add(
                path,
                f"không được âm, nhận {got_vi(value)}",
                f"must not be negative, got {got(value)}",
            )
            return None
        if percent and num > 100 * den:
            self.add(
                path,
                f"tỷ lệ phần trăm phải từ 0 đến 100, nhận {got_vi(value)}",
                f"a percentage must be between 0 and 100, got {got(value)}",
            )
            return None
        return (num, den)

    def value(self, plan: IndicatorPlan, path: Path, value: object) -> object | None:
        if plan.kind == ATTESTED:
            return self._attested(path, value)
        if plan.kind == PERCENT:
            return self._percent(path, value)
        return self._change(plan, path, value)

    def _attested(self, path: Path, value: object) -> bool | None:
        if isinstance(value, bool):
            return value
        if isinstance(value, str):
            met = _WORDS.get(unicodedata.normalize("NFC", value).strip().casefold())
            if met is not None:
                return met
        self.add(
            path,
            f"phải là true/false hoặc 'đạt'/'không đạt', nhận {got_vi(value)}",
            f"must be true/false or 'đạt'/'không đạt' (met/not met), got {got(value)}",
        )
        return None

    def _percent(self, path: Path, value: object) -> tuple[int, int, int | None, int | None] | None:
        if isinstance(value, Mapping):
            if not self._keys(path, value, ("count", "total")):
                return None
            count = self.number((*path, "count"), value["count"], percent=False, whole=True)
            total = self.number((*path, "total"), value["total"], percent=False, whole=True)
            if count is None or total is None:
                return None
            if total[0] == 0:
                self.add(
                    (*path, "total"), "tổng số phải lớn hơn 0", "the total must be more than 0"
                )
                return None
            if count[0] > total[0]:
                self.add(
                    (*path, "count"),
                    f"số đếm ({count[0]}) lớn hơn tổng số ({total[0]})",
                    f"the count ({count[0]}) is more than the total ({total[0]})",
                )
                return None
            return (100 * count[0], total[0], count[0], total[0])
        share = self.number(path, value, percent=True)
        return None if share is None else (share[0], share[1], None, None)

    def _change(
        self, plan: IndicatorPlan, path: Path, value: object
    ) -> tuple[int, int, int, int] | None:
        if not isinstance(value, Mapping):
            self.add(
                path,
                f"phải có dạng {{previous: ..., current: ...}} (năm trước, năm nay), nhận {got_vi(value)}",
                f"must be {{previous: ..., current: ...}} (last year, this year), got {got(value)}",
            )
            return None
        if not self._keys(path, value, ("previous", "current")):
            return None
        percent = plan.quantity == "percent"
        whole = plan.quantity == "count"
        previous = self.number((*path, "previous"), value["previous"], percent=percent, whole=whole)
        current = self.number((*path, "current"), value["current"], percent=percent, whole=whole)
        if previous is None or current is None:
            return None
        if plan.unit == "relative" and previous[0] == 0:
            self.add(
                (*path, "previous"),
                "năm trước bằng 0 nên không tính được thay đổi tương đối",
                "last year is 0, so a relative change cannot be computed",
            )
            return None
        return (*previous, *current)

    def _keys(self, path: Path, value: Mapping[Any, Any], wanted: tuple[str, ...]) -> bool:
        ok = True
        for key in value:
            if key not in wanted:
                self.add(
                    (*path, str(key)),
                    f"khóa không dùng được ở đây; dùng: {', '.join(wanted)}",
                    f"unknown key; expected: {', '.join(wanted)}",
                    key=True,
                )
                ok = False
        for key in wanted:
            if key not in value:
                self.add(path, f"thiếu '{key}'", f"'{key}' is missing")
                ok = False
        return ok


def _fast_number(value: object) -> tuple[int, int] | None:
    """A non-negative int, finite Decimal or finite float as an exact pair; else None."""
    cls = type(value)
    if cls is int:
        return (value, 1) if value >= 0 else None  # type: ignore[operator,return-value]
    if cls is Decimal:
        if not value.is_finite() or value < 0:  # type: ignore[attr-defined,operator]
            return None
        return value.as_integer_ratio()  # type: ignore[attr-defined,no-any-return]
    if cls is float and math.isfinite(value) and value >= 0:  # type: ignore[arg-type,operator]
        return float_ratio(value)  # type: ignore[arg-type]
    return None


def _fast(plan: IndicatorPlan, value: object) -> object | None:  # noqa: C901, PLR0911 - one flat dispatch
    """The exact value of the commonest well-formed inputs, or None to take the full checks.

    The one shortcut of input checking, for speed (see ``benchmarks/bench.py``): a yes/no
    as a bool or as the exact words "đạt" / "không đạt", a share as an in-range number or
    whole-number counts, a change as two in-range numbers. Whatever this does not
    recognise goes through `_Reader`, which accepts the same values and explains the bad
    ones; ``tests/property/test_input.py`` checks that the two always agree.
    """
    cls = type(value)
    if plan.kind == ATTESTED:
        if cls is bool:
            return value
        return _WORDS.get(value) if cls is str else None  # type: ignore[call-overload]
    if cls is not dict:
        if plan.kind != PERCENT:
            return None
        if cls is int:  # the commonest share of all, checked inline
            return (value, 1, None, None) if 0 <= value <= 100 else None  # type: ignore[operator]
        share = _fast_number(value)
        return (*share, None, None) if share is not None and share[0] <= 100 * share[1] else None
    if len(value) != 2:  # type: ignore[arg-type]
        return None
    if plan.kind == PERCENT:
        count, total = value.get("count"), value.get("total")  # type: ignore[attr-defined]
        if type(count) is int and type(total) is int and 0 <= count <= total and total > 0:
            return (100 * count, total, count, total)
        return None
    previous, current = value.get("previous"), value.get("current")  # type: ignore[attr-defined]
    if plan.quantity == "count" and (type(previous) is not int or type(current) is not int):
        return None
    p, c = _fast_number(previous), _fast_number(current)
    if p is None or c is None:
        return None
    if plan.quantity == "percent" and (p[0] > 100 * p[1] or c[0] > 100 * c[1]):
        return None
    if plan.unit == "relative" and p[0] == 0:
        return None
    return (*p, *c)


def _sets_having(indicator_id: str, other_than: str) -> list[str]:
    """The bundled sets that do have this indicator, to tell a value given to the wrong set."""
    from hoctap.loading import bundled_names  # noqa: PLC0415

    return [n for n in bundled_names() if n != other_than and indicator_id in load(n).indicators]


def parse_values(
    spec: CriteriaSet, values: Mapping[str, object], reader: _Reader, base: Path = ("values",)
) -> tuple[dict[str, object], dict[str, object]]:
    """Check and convert each value; problems go to the reader. Returns (exact, as given)."""
    plans = plan_for(spec).by_id
    parsed: dict[str, object] = {}
    given: dict[str, object] = {}
    for raw_key, value in values.items():
        key = raw_key if type(raw_key) is str else str(raw_key)
        plan = plans.get(key)
        if plan is None:
            ids = list(plans)
            elsewhere = _sets_having(key, spec.id)
            where_vi = f"; {key} là chỉ báo của bộ {', '.join(elsewhere)}" if elsewhere else ""
            where_en = (
                f"; {key} is an indicator of the {', '.join(elsewhere)} set(s)" if elsewhere else ""
            )
            reader.add(
                (*base, key),
                f"bộ tiêu chí '{spec.id}' không có chỉ báo {key} (có {ids[0]} … {ids[-1]}){where_vi}",
                f"criteria set '{spec.id}' has no indicator {key} (it has {ids[0]} … {ids[-1]}){where_en}",
                key=True,
            )
            continue
        if value is None:
            continue  # written as null: no data yet
        result = _fast(plan, value)
        if result is None:
            result = reader.value(plan, (*base, key), value)
        if result is not None:
            parsed[key] = result
            given[key] = value
    return parsed, given


def read_assessment(  # noqa: C901 - one flat pass over the top-level entries
    source: str | FilePath | Mapping[str, Any],
    *,
    criteria: CriteriaSet | str | FilePath | None = None,
) -> Assessment:
    """Read an assessment from a YAML or JSON file, or from a mapping of the same shape.

    ``criteria`` (a set, a bundled name, or a path) is used instead of the file's own
    ``criteria:`` entry. Raises `InputError` listing every problem.

    >>> a = read_assessment({"criteria": "district", "unit": "Quận Lê Chân", "period": 2022,
    ...                      "values": {"2.1.2": {"count": 17, "total": 20}, "2.1.1": "85,5%"}})
    >>> a
    <Assessment district 'Quận Lê Chân' 2022: 2 values>
    >>> a.kind, a.given["2.1.1"]
    ('quận', '85,5%')
    """
    doc: _yaml.Document | None = None
    base_dir = FilePath.cwd()
    if isinstance(source, Mapping):
        data: object = source
        name = "<mapping>"
    else:
        name, base_dir = str(source), FilePath(source).parent
        doc = _read_file(FilePath(source), name)
        data = doc.data
    reader = _Reader(name, doc)
    if not isinstance(data, Mapping):
        reader.add(
            (),
            "phải là một bảng khóa (criteria, unit, period, values)",
            "must be a mapping (criteria, unit, period, values)",
        )
        raise InputError(reader.problems)
    for key in data:
        if key not in _TOP_KEYS:
            reader.add(
                (str(key),),
                f"khóa không dùng được ở đây; dùng: {', '.join(_TOP_KEYS)}",
                f"unknown key; allowed: {', '.join(_TOP_KEYS)}",
                key=True,
            )
    spec = _criteria(criteria, data, base_dir, reader)
    unit = data.get("unit")
    if not isinstance(unit, str) or not unit.strip():
        reader.add(
            ("unit",),
            "cần tên đơn vị (unit), ví dụ: Quận Lê Chân",
            "the unit's name (unit) is needed, e.g. Quận Lê Chân",
        )
        unit = ""
    period = data.get("period")
    if period is not None and (isinstance(period, bool) or not isinstance(period, str | int)):
        reader.add(
            ("period",),
            f"kỳ đánh giá phải là năm hoặc văn bản, nhận {got_vi(period)}",
            f"the period must be a year or text, got {got(period)}",
        )
        period = None
    kind = data.get("kind")
    if kind is not None and not isinstance(kind, str):
        reader.add(
            ("kind",),
            "phải là văn bản (quận, huyện, thị xã, thành phố)",
            "must be text (quận, huyện, thị xã, thành phố)",
        )
        kind = None
    values = data.get("values", {})
    if not isinstance(values, Mapping):
        reader.add(
            ("values",),
            "phải là một bảng: số hiệu chỉ báo → giá trị",
            "must be a mapping: indicator id → value",
        )
        values = {}
    parsed: dict[str, object] = {}
    given: dict[str, object] = {}
    if spec is not None:
        parsed, given = parse_values(spec, values, reader)
        kind = unit_kind(spec, unit, kind, reader)
    if reader.problems or spec is None:
        raise InputError(reader.problems)
    return Assessment(
        spec, unit, None if period is None else str(period), kind, parsed, given, name
    )


def _read_file(path: FilePath, name: str) -> _yaml.Document:
    """Parse an assessment file (YAML, or JSON, which the same strict parser reads)."""

    def fail(vi: str, en: str) -> InputError:
        return InputError([Problem(name, 0, 0, (), Message(vi, en))])

    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise fail(
            f"không đọc được tệp: {exc.strerror}", f"cannot read the file: {exc.strerror}"
        ) from None
    if len(raw) > _yaml.MAX_BYTES:
        raise fail("tệp quá lớn", "the file is too large")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise fail("tệp không phải UTF-8", "the file is not UTF-8") from None
    reader = _yaml.parse_json if path.suffix.lower() == ".json" else _yaml.parse
    doc, problems = reader(text, name)
    if problems:
        raise InputError(problems)
    return doc


def _criteria(
    override: CriteriaSet | str | FilePath | None,
    data: Mapping[str, Any],
    base_dir: FilePath,
    reader: _Reader,
) -> CriteriaSet | None:
    from hoctap.models import CriteriaSet  # noqa: PLC0415

    if isinstance(override, CriteriaSet):
        return override
    target = override if override is not None else data.get("criteria")
    if target is None:
        reader.add(
            ("criteria",),
            "cần tên bộ tiêu chí (criteria), ví dụ: district",
            "the criteria set (criteria) is needed, e.g. district",
        )
        return None
    if not isinstance(target, str | FilePath):
        reader.add(("criteria",), "phải là tên hoặc đường dẫn", "must be a name or a path")
        return None
    try:
        if isinstance(target, str) and override is None and not FilePath(target).is_absolute():
            relative = base_dir / target
            return load(relative if relative.is_file() else target)
        return load(target)
    except SpecError as exc:
        reader.add(
            ("criteria",),
            f"không tải được bộ tiêu chí '{target}'",
            f"cannot load the criteria set '{target}'",
        )
        reader.problems.extend(exc.problems)
        return None
