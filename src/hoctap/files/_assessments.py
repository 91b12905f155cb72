"""The one reader of an assessment document: a YAML or JSON file, a filled form, a mapping.

It reads what a document says around the values (which set, which unit, a city's list
of district-level units and their own assessments) and hands the values to
`hoctap.engine._assessment.Assessment`, which reads them. Both add their problems to one
collector (`hoctap._problems.Problems`), which places each on its line or cell; every
problem of a document is reported at once, in the order of the document.
"""

from __future__ import annotations

import datetime as dt
import os
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hoctap._problems import Problems
from hoctap.engine._assessment import Assessment, assessed_year, check_text
from hoctap.engine._details import PastRecognition
from hoctap.errors import HoctapError, InputError, Message, Problem, SpecError, fold
from hoctap.files import _yaml
from hoctap.files._forms import read_form
from hoctap.files._kinds import wrong_kind
from hoctap.files._loading import bundled_names, load, locality, registry
from hoctap.results._rollup import left_out, sub_unit
from hoctap.results.evaluation import Evaluation, evaluate_assessment
from hoctap.spec._messages import got, got_vi, unknown_key
from hoctap.spec.models import CriteriaSet

if TYPE_CHECKING:
    from hoctap.engine._details import SubUnit

__all__ = ["CriteriaLike", "criteria_set", "read_document", "read_form_document", "with_hints"]

_TOP_KEYS = (
    "criteria",
    "tier",
    "locality",
    "unit",
    "kind",
    "period",
    "history",
    "requested_on",
    "values",
    "units",
    "notes",
)
_UNITS_KEYS = ("locality", "names", "assessed")

CriteriaLike = CriteriaSet | str | os.PathLike[str]
"""A criteria set, a bundled set's name, or a path to a criteria file."""


def criteria_set(criteria: CriteriaLike, relative_to: Path | None = None) -> CriteriaSet:
    """The set itself, or the set loaded by its name or path."""
    return (
        criteria if isinstance(criteria, CriteriaSet) else load(criteria, relative_to=relative_to)
    )


def with_hints(exc: InputError, spec: CriteriaSet) -> InputError:
    """An indicator given to the wrong set is named with the bundled sets that have it."""
    problems = []
    for p in exc.problems:
        if p.code == "unknown_indicator" and p.path:
            ind = str(p.path[-1])
            sets = [n for n in bundled_names() if n != spec.id and ind in load(n).indicators]
            if sets:
                names = ", ".join(sets)
                message = Message(
                    f"{p.message.vi}; {ind} là chỉ báo của bộ {names}",
                    f"{p.message.en}; {ind} is an indicator of the {names} set(s)",
                )
                p = Problem(p.source, p.line, p.column, p.path, message, p.code)  # noqa: PLW2901
        problems.append(p)
    return InputError(problems)


def read_document(
    source: str | os.PathLike[str] | Mapping[str, Any], criteria: CriteriaLike | None
) -> Assessment:
    """An assessment from a YAML or JSON file, or from a mapping of the same shape."""
    if isinstance(source, Mapping):
        return _read(source, Problems("<mapping>"), None, criteria)
    path = Path(source)
    doc, parse_problems = _yaml.parse_file(path, os.fspath(source))
    if parse_problems:
        raise InputError(parse_problems)
    here = Path(os.path.abspath(path)).parent  # noqa: PTH100
    return _read(doc.data, Problems(os.fspath(source), doc), here, criteria)


def read_form_document(path: Path, criteria: CriteriaLike | None) -> Assessment:
    """A filled form, read as an assessment; each problem said at its sheet and cell."""
    form = read_form(path)
    here = Path(os.path.abspath(path)).parent  # noqa: PTH100
    return _read(form.data, Problems(form.source, form), here, criteria)


def _read(
    data: object,
    problems: Problems,
    here: Path | None,
    criteria: CriteriaLike | None,
    *,
    default: CriteriaSet | None = None,
) -> Assessment:
    """An assessment from parsed data: a whole file, or one inside a city's file.

    ``default`` is the set of an assessment that names none (a city's district).
    """
    if not isinstance(data, Mapping):
        problems.add(
            (),
            "not_a_mapping",
            "phải là một bảng khóa (criteria, unit, period, values)",
            "must be a mapping (criteria, unit, period, values)",
        )
        problems.check()
    assert isinstance(data, Mapping)  # noqa: S101 - checked just above
    other = wrong_kind(data, "assessment") if not problems.prefix else None
    if other is not None:
        problems.add((), "wrong_kind", other.vi, other.en)
        problems.check()
    criteria, named, chosen = _which_set(data, criteria, default, problems)
    unit = data.get("unit")
    if unit is None or (isinstance(unit, str) and not unit.strip() and not check_text(unit)):
        problems.add(
            ("unit",),
            "no_unit",
            "cần tên đơn vị (unit), ví dụ: Quận Lê Chân",
            "the unit's name (unit) is needed, e.g. Quận Lê Chân",
        )
    if criteria is None and not isinstance(named, str):
        _unknown_keys(data, _TOP_KEYS, problems)
        problems.check()
    spec = _criteria(criteria, named, here, problems)
    # A unit's attributes stand at the top beside its name (``disadvantaged: true``).
    declared = tuple(a.id for a in spec.attributes)
    _unknown_keys(data, (*_TOP_KEYS, *declared), problems)
    units: tuple[SubUnit, ...] = ()
    if data.get("units") is not None:
        units = _units(data["units"], spec, problems.at("units"), here, data.get("period"))
    try:
        return Assessment(
            spec,
            data.get("values"),
            unit=unit,
            kind=data.get("kind"),
            period=data.get("period"),
            source=problems.source,
            problems=problems,
            units=units,
            attributes={k: data[k] for k in declared if k in data} or None,
            chosen=chosen,
            history=_history_of(data.get("history"), spec, problems, here),
            requested_on=_requested_on(data, spec, problems),
            requested_said="requested_on" in data,
            units_from=_units_from(data.get("units")),
        )
    except InputError as exc:
        raise with_hints(exc, spec) from None


def _units(
    data: object,
    spec: CriteriaSet,
    problems: Problems,
    here: Path | None,
    period: object,
) -> tuple[SubUnit, ...]:
    """A city's district-level units, each with its own evaluation if it has one.

    Every problem, of the list and of each district's own assessment, is added to
    ``problems``; a district whose assessment cannot be used is left out of the result
    only after its problems are recorded, so one bad file hides nothing else.
    """
    rollup = next(
        (r for i in spec.indicators.values() if (r := getattr(i.measure, "rollup", None))),
        None,
    )
    if rollup is None:
        problems.add(
            (),
            "no_rollup",
            f"bộ tiêu chí '{spec.id}' không tính chỉ báo nào từ các đơn vị cấp dưới",
            f"criteria set '{spec.id}' computes no indicator from sub-units",
        )
        return ()
    if not isinstance(data, Mapping):
        problems.add(
            (),
            "not_a_mapping",
            "phải là một bảng khóa (locality hoặc names, và assessed)",
            "must be a mapping (locality or names, and assessed)",
        )
        return ()
    _unknown_keys(data, _UNITS_KEYS, problems)
    listed = _listed(data, problems, period)
    if not listed:
        return ()
    left_aside = _left_out(data)
    origin = Path(spec.origin).parent if spec.origin != "<python>" else None
    sub_spec = load(rollup.criteria, relative_to=origin)
    by_name: dict[str, Evaluation] = {}
    assessed = data.get("assessed") or ()
    if not isinstance(assessed, list | tuple):
        problems.add(
            ("assessed",),
            "not_a_list",
            f"phải là danh sách đánh giá (tệp hoặc bảng), nhận {got_vi(assessed)}",
            f"must be a list of assessments (files or mappings), got {got(assessed)}",
        )
        assessed = ()
    for index, item in enumerate(assessed):
        where = ("assessed", index)
        try:
            if isinstance(item, str):
                sub = _read_file(item, here, sub_spec)
            else:
                sub = _read(item, problems.separate(*where), here, None, default=sub_spec)
        except HoctapError as exc:
            problems.extend(exc.problems)
            if isinstance(item, str):
                problems.add(
                    where,
                    "bad_assessment",
                    f"không đọc được bản đánh giá '{item}' (xem các lỗi của tệp đó)",
                    f"the assessment '{item}' cannot be read (see that file's problems)",
                )
            continue
        refused = _refused(sub, sub_spec, period, {**listed, **left_aside}, by_name)
        if refused is not None:
            problems.add(where, *refused)
            continue
        by_name[fold(sub.unit)] = evaluate_assessment(sub)
    counted = tuple(
        sub_unit(unit_name, kind, by_name.get(folded), rollup.unassessed)
        for folded, (unit_name, kind) in listed.items()
    )
    # A unit the locality leaves out of the total is still read, and shown with its reason.
    shown = tuple(
        left_out(unit_name, kind, by_name[folded], reason)
        for folded, (unit_name, kind, reason) in left_aside.items()
        if folded in by_name
    )
    return counted + shown


def _refused(
    sub: Assessment,
    sub_spec: CriteriaSet,
    period: object,
    listed: Mapping[str, object],
    by_name: Mapping[str, object],
) -> tuple[str, str, str] | None:
    """Why a district's readable assessment cannot count for its city, or None."""
    if sub.criteria.id != sub_spec.id:
        return (
            "wrong_set",
            f"đơn vị cấp huyện được đánh giá theo bộ '{sub_spec.id}', không phải '{sub.criteria.id}'",
            f"a district-level unit is judged under the '{sub_spec.id}' set, not '{sub.criteria.id}'",
        )
    city_period = str(period) if period is not None else None
    if city_period is not None and sub.period is not None and sub.period != city_period:
        return (
            "period_mismatch",
            f"kỳ đánh giá {sub.period} khác kỳ của thành phố ({city_period})",
            f"the period {sub.period} is not the city's ({city_period})",
        )
    folded = fold(sub.unit)
    if folded not in listed:
        return (
            "not_a_unit",
            f"'{sub.unit}' không có trong danh sách đơn vị cấp huyện của địa phương",
            f"'{sub.unit}' is not in the locality's list of district-level units",
        )
    if folded in by_name:
        return (
            "duplicate_unit",
            f"'{sub.unit}' đã có một bản đánh giá trong danh sách",
            f"'{sub.unit}' already has an assessment in the list",
        )
    return None


def _left_out(data: Mapping[str, Any]) -> dict[str, tuple[str, str | None, Message]]:
    """The locality's units left out of the total (``not_counted``), by folded name."""
    source = data.get("locality")
    if source is None:
        return {}
    try:
        found = locality(str(source))
    except SpecError:
        return {}  # said already, by `_listed`
    return {
        fold(u.name): (u.name, u.kind, Message(u.reason.vi, u.reason.en)) for u in found.not_counted
    }


def _unknown_keys(data: Mapping[Any, Any], allowed: tuple[str, ...], problems: Problems) -> None:
    """Every key of ``data`` that is not one of ``allowed``, reported at the key."""
    for key in data:
        if key not in allowed:
            said = unknown_key(key, allowed)
            problems.add((str(key),), "unknown_key", said.vi, said.en, key=True)


def _listed(
    data: Mapping[str, Any], problems: Problems, period: object = None
) -> dict[str, tuple[str, str | None]]:
    """The locality's units, by folded name: from bundled data, or written out.

    A bundled list that does not hold for the assessed year (Hải Phòng's district-level
    units after 30/06/2025) is refused, with why.
    """
    source, names = data.get("locality"), data.get("names")
    if (source is None) == (names is None):
        problems.add(
            (),
            "no_units",
            "cần đúng một trong: locality (tên danh sách có sẵn, ví dụ hai-phong) hoặc names "
            "(danh sách tên mọi đơn vị cấp huyện)",
            "exactly one of these is needed: locality (a bundled list, e.g. hai-phong) or "
            "names (the names of every district-level unit)",
        )
        return {}
    if source is not None:
        try:
            found = locality(str(source))
        except SpecError as exc:
            message = exc.problems[0].message
            problems.add(("locality",), "file_not_found", message.vi, message.en)
            return {}
        year = assessed_year(period)
        if year is not None and not found.covers(year):
            said = found.ended or Message("", "")
            problems.add(
                ("locality",),
                "list_not_in_force",
                f"danh sách đơn vị '{found.id}' không có hiệu lực cho năm {year}: {said.vi}",
                f"the unit list '{found.id}' does not hold for {year}: {said.en}",
            )
            return {}
        return {fold(u.name): (u.name, u.kind) for u in found.units}
    if not isinstance(names, list | tuple) or not names:
        problems.add(
            ("names",),
            "no_units",
            "phải là danh sách tên các đơn vị cấp huyện",
            "must be a list of the district-level units' names",
        )
        return {}
    out: dict[str, tuple[str, str | None]] = {}
    for index, raw in enumerate(names):
        wrong = check_text(raw) if isinstance(raw, str) else "not text"
        if wrong is not None or not str(raw).strip():
            problems.add(
                ("names", index), "wrong_type", "phải là tên đơn vị", "must be a unit's name"
            )
            continue
        text = unicodedata.normalize("NFC", str(raw).strip())
        if fold(text) in out:
            problems.add(
                ("names", index),
                "duplicate_unit",
                f"'{text}' được ghi hai lần",
                f"'{text}' is listed twice",
            )
            continue
        out[fold(text)] = (text, None)
    return out


def _read_file(item: str, here: Path | None, default: CriteriaSet) -> Assessment:
    """A district's assessment file, named relative to the city's file."""
    path = (here / item) if here is not None else Path(item)
    doc, parse_problems = _yaml.parse_file(path, os.fspath(path))
    if parse_problems:
        raise InputError(parse_problems)
    return _read(doc.data, Problems(os.fspath(path), doc), path.parent, None, default=default)


def _history_of(
    data: object, spec: CriteriaSet, problems: Problems, here: Path | None
) -> tuple[PastRecognition, ...]:
    """The unit's history, as written, or read from the file it names (its own, kept apart).

    ``history: lich-su-xa-an-binh.yaml`` is a YAML list of decisions, relative to the
    assessment; its problems are said at its own lines.
    """
    if not isinstance(data, str):
        return _history(data, spec, problems.at("history"))
    path = (here / data) if here is not None else Path(data)
    doc, parse_problems = _yaml.parse_file(path, os.fspath(path))
    if parse_problems:
        problems.extend(parse_problems)
        return ()
    own = Problems(os.fspath(path), doc)  # the file's own lines
    if isinstance(doc.data, list):
        found = _history(doc.data, spec, own)
    else:
        found = ()
        own.add(
            (),
            "not_a_list",
            f"tệp lịch sử phải là danh sách các quyết định, nhận {got_vi(doc.data)}",
            f"a history file must be a list of decisions, got {got(doc.data)}",
        )
    problems.extend(own.items)
    return found


def _units_from(data: object) -> dict[str, object] | None:
    """Where a city's list of units came from, for its record: a locality, or the names."""
    if not isinstance(data, Mapping):
        return None
    if isinstance(data.get("locality"), str):
        return {"locality": data["locality"]}
    names = data.get("names")
    return {"names": list(names)} if isinstance(names, list | tuple) else None


def _day(value: object) -> dt.date | None:
    """A date written YYYY-MM-DD (or read so by YAML), or None."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _history(data: object, spec: CriteriaSet, problems: Problems) -> tuple[PastRecognition, ...]:
    """The unit's past recognitions: ``[{level: 1, date: 2024-03-20, decision: ...}]``."""
    if data is None:
        return ()
    if not isinstance(data, list | tuple):
        problems.add(
            (),
            "not_a_list",
            f"phải là danh sách các quyết định công nhận, nhận {got_vi(data)}",
            f"must be a list of recognition decisions, got {got(data)}",
        )
        return ()
    top = len(spec.recognition.levels)
    read = (_decision_item(item, problems.at(n), top) for n, item in enumerate(data))
    return tuple(d for d in read if d is not None)


def _decision_item(item: object, problems: Problems, top: int) -> PastRecognition | None:
    """One past decision, checked: its level (1 to ``top``), its date, its number."""
    if not isinstance(item, Mapping):
        problems.add(
            (),
            "not_a_mapping",
            f"mỗi quyết định có dạng {{level: 1, date: 2024-03-20, decision: ...}}, nhận {got_vi(item)}",
            f"each decision is {{level: 1, date: 2024-03-20, decision: ...}}, got {got(item)}",
        )
        return None
    _unknown_keys(item, ("level", "date", "decision"), problems)
    level, day, number = item.get("level"), _day(item.get("date")), item.get("decision")
    if not isinstance(level, int) or isinstance(level, bool) or not 1 <= level <= top:
        problems.add(
            ("level",),
            "out_of_range",
            f"mức độ được công nhận phải từ 1 đến {top}, nhận {got_vi(level)}",
            f"the level recognised must be from 1 to {top}, got {got(level)}",
        )
        level = None
    if day is None:
        problems.add(
            ("date",),
            "bad_date",
            f"ngày quyết định phải viết YYYY-MM-DD, nhận {got_vi(item.get('date'))}",
            f"the decision's date must be written YYYY-MM-DD, got {got(item.get('date'))}",
        )
    if number is not None and not isinstance(number, str):
        problems.add(
            ("decision",),
            "wrong_type",
            "số quyết định phải là chữ",
            "the decision's number must be text",
        )
        return None
    return None if level is None or day is None else PastRecognition(level, day, number)


def _requested_on(data: Mapping[str, Any], spec: CriteriaSet, problems: Problems) -> dt.date | None:
    """The day recognition is asked for; None when not known.

    As given, else the last day the set's dossier may be sent for the assessed year (the
    day before its deadline, "trước ngày 28 tháng 02").
    """
    if "requested_on" in data:
        day = _day(data["requested_on"])
        if day is None:
            problems.add(
                ("requested_on",),
                "bad_date",
                f"phải là ngày viết YYYY-MM-DD, nhận {got_vi(data['requested_on'])}",
                f"must be a date written YYYY-MM-DD, got {got(data['requested_on'])}",
            )
        return day
    year = assessed_year(data.get("period"))
    entry = registry().entry(spec.id)
    dossier = entry.deadline("dossier") if entry is not None else None
    if year is None or dossier is None:
        return None
    return dossier.last_day(year)


def _which_set(
    data: Mapping[str, Any],
    criteria: CriteriaLike | None,
    default: CriteriaSet | None,
    problems: Problems,
) -> tuple[CriteriaLike | None, object, dict[str, object] | None]:
    """The set an assessment is judged under: (the override, the name, how it was chosen).

    An override, else the name it gives, else its city's set (``default``), else the set
    in force for its tier and year (`_in_force`).
    """
    named = data.get("criteria")
    if criteria is None and named is None and default is not None:
        criteria = default
    chosen: dict[str, object] | None = None
    tried = criteria is None and named is None and any(k in data for k in ("tier", "kind", "unit"))
    if tried:  # the set in force for its tier and year, or what is missing to choose it
        chosen = _in_force(data, problems)
        named = chosen["set"] if chosen is not None else None
    # An assessment that names no set, or names it with something other than text, is
    # itself wrong: an input problem (a set it names that cannot be loaded is a SpecError).
    if criteria is None and named is None and not tried:
        problems.add(
            ("criteria",),
            "no_criteria",
            "cần tên bộ tiêu chí (criteria), ví dụ: district; hoặc cấp (tier) và kỳ đánh giá "
            "(period), ví dụ: tier: commune, period: 2025",
            "the criteria set (criteria) is needed, e.g. district; or the tier and the "
            "period, e.g. tier: commune, period: 2025",
        )
    elif criteria is None and not tried and not isinstance(named, str):
        problems.add(
            ("criteria",),
            "bad_criteria",
            "phải là tên bộ tiêu chí có sẵn hoặc đường dẫn tệp .yaml",
            "must be a bundled set's name or the path of a .yaml file",
        )
    return criteria, named, chosen


def _in_force(data: Mapping[str, Any], problems: Problems) -> dict[str, object] | None:
    """The set in force for an assessment that names none: by its tier and its year.

    The tier is ``tier:``, else the one its ``kind`` (or its name's first words, "Xã An
    Bình") names; the year is the start of ``period``; ``locality`` picks among sets that
    differ by locality. None after saying what is missing.
    """
    found = registry()
    tier, said = data.get("tier"), data.get("kind")
    if tier is None:
        unit = data.get("unit")
        words = str(said) if said is not None else (str(unit) if isinstance(unit, str) else "")
        kinds = sorted({k for t in found.tiers for k in t.kinds}, key=len, reverse=True)
        kind = (
            said
            if said is not None
            else next((k for k in kinds if fold(words).startswith(fold(k) + " ")), None)
        )
        tiers = found.tiers_of_kind(str(kind)) if kind is not None else ()
        if len(tiers) != 1:
            names = ", ".join(t.id for t in found.tiers)
            problems.add(
                ("tier",),
                "no_criteria",
                f"không biết cấp của đơn vị{f' ({kind})' if kind else ''}: ghi criteria (tên bộ "
                f"tiêu chí) hoặc tier, một trong: {names}",
                f"the unit's tier is not known{f' ({kind})' if kind else ''}: give criteria (a "
                f"set's name) or tier, one of: {names}",
            )
            return None
        tier = tiers[0].id
    year = assessed_year(data.get("period"))
    if year is None:
        problems.add(
            ("period",),
            "no_criteria",
            "cần kỳ đánh giá (period, năm của số liệu) để chọn bộ tiêu chí đang có hiệu lực",
            "the period (the year of the data) is needed to choose the set in force",
        )
        return None
    locality = data.get("locality")
    chosen = found.choose(str(tier), year, str(locality) if locality else None)
    if isinstance(chosen, Message):
        problems.add(
            ("tier",) if "tier" in data else ("period",), "no_set_in_force", chosen.vi, chosen.en
        )
        return None
    return {"set": chosen.set, "tier": tier, "year": year, "locality": locality}


def _criteria(
    override: CriteriaLike | None, named: object, here: Path | None, problems: Problems
) -> CriteriaSet:
    """The set an assessment is judged under: the override, else the one it names."""
    if override is not None:
        return criteria_set(override)
    assert isinstance(named, str)  # noqa: S101 - `_read` checked it
    try:
        return load(named, relative_to=here)
    except SpecError as exc:
        said = problems.separate()
        said.add(
            ("criteria",),
            "bad_criteria",
            f"không tải được bộ tiêu chí '{named}'",
            f"cannot load the criteria set '{named}'",
        )
        raise SpecError([*said.items, *exc.problems]) from None
