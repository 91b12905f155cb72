"""The entry points: evaluate values, files and mappings; the only layer that reads files.

Sets are named the one way `hoctap.files._loading.resolve` describes, from Python, the command
line and assessment files alike; a set named inside an assessment file is looked for
beside that file. Anything wrong with the set (not found, not a criteria file, invalid)
raises `SpecError` from every entry point; anything wrong with the values raises
`InputError`.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from hoctap.batch._rows import ResultRows, result_row, rows_results
from hoctap.engine._assessment import Assessment, check_text
from hoctap.errors import HoctapError, InputError, Message, Problem, SpecError, fold
from hoctap.files import _yaml
from hoctap.files._forms import form_csv, form_grid, form_xlsx, form_yaml, read_form
from hoctap.files._kinds import wrong_kind
from hoctap.files._loading import bundled_names, load, locality, report_request
from hoctap.files._tables import TABLE_SUFFIXES, read_rows
from hoctap.results._rollup import sub_unit
from hoctap.results.duties import Duties, duties
from hoctap.results.evaluation import Evaluation, evaluate_assessment
from hoctap.spec._messages import got, got_vi
from hoctap.spec.models import CriteriaSet, Percent

if TYPE_CHECKING:
    from collections.abc import Callable

    from hoctap.engine._details import SubUnit
    from hoctap.errors import DataPath, Lang
    from hoctap.files._yaml import Document

__all__ = [
    "duties_for",
    "evaluate",
    "evaluate_file",
    "evaluate_many",
    "evaluate_rows",
    "read_assessment",
    "template",
]


def __dir__() -> list[str]:
    return list(__all__)


_TOP_KEYS = ("criteria", "unit", "kind", "period", "values", "units", "notes")
_UNITS_KEYS = ("locality", "names", "assessed")

CriteriaLike = CriteriaSet | str | os.PathLike[str]
"""A criteria set, a bundled set's name, or a path to a criteria file."""


def _set(criteria: CriteriaLike, relative_to: Path | None = None) -> CriteriaSet:
    return (
        criteria if isinstance(criteria, CriteriaSet) else load(criteria, relative_to=relative_to)
    )


def _with_hints(exc: InputError, spec: CriteriaSet) -> InputError:
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


def evaluate(
    criteria: CriteriaLike,
    values: Mapping[str, object],
    *,
    unit: str = "",
    kind: str | None = None,
    period: str | int | None = None,
) -> Evaluation:
    """Evaluate a unit's values against a criteria set (a set, a bundled name, or a path).

    Raises `InputError` listing every bad value; a missing value is missing data.

    >>> from hoctap import evaluate
    >>> values = {i: True for i in ("1.1.1", "1.1.2", "1.2.1", "1.2.2", "1.2.3", "3.2.1")}
    >>> values |= {"2.1.1": 92, "2.1.2": {"count": 17, "total": 20}, "2.2.1": "95,5",
    ...            "2.2.2": 91, "2.2.3": 100, "2.2.4": 100, "3.1.1": {"previous": 4.1, "current": 2.6},
    ...            "3.1.2": {"chất thải rắn": 90, "nước thải": 95}, "3.2.2": 0.03, "3.2.3": 50}
    >>> result = evaluate("district", values, unit="Quận Lê Chân", period=2022)
    >>> result
    <Evaluation district 'Quận Lê Chân': level 2, decided by 2.1.2>
    >>> print(result.title.vi)
    Quận học tập mức độ 2
    >>> print(result.blockers[0])
    2.1.2: 85% (17/20); level 3 needs more than 90%: 2 more communes rated Khá or better
    """
    spec = _set(criteria)
    try:
        assessment = Assessment(
            spec, values, unit=unit, kind=kind, period=period, source="<values>"
        )
    except InputError as exc:
        raise _with_hints(exc, spec) from None
    return evaluate_assessment(assessment)


def read_assessment(
    source: str | os.PathLike[str] | Mapping[str, Any], *, criteria: CriteriaLike | None = None
) -> Assessment:
    """Read an assessment from a YAML or JSON file, or from a mapping of the same shape.

    ``criteria`` (a set, a bundled name, or a path) is used instead of the file's own
    ``criteria:`` entry. A city's or province's assessment may list its district-level
    units (``units:``), each judged under its own set and counted into 2.1.2 (see
    ``docs/evaluation.md``). Raises `InputError` listing every problem of the values,
    and `SpecError` if the set cannot be loaded.

    >>> a = read_assessment({"criteria": "district", "unit": "Quận Lê Chân", "period": 2022,
    ...                      "values": {"2.1.2": {"count": 17, "total": 20}, "2.1.1": "85,5%"}})
    >>> a
    <Assessment district 'Quận Lê Chân' 2022: 2 values>
    >>> a.kind, a.given["2.1.1"]
    ('quận', '85,5%')
    """
    if isinstance(source, Mapping):
        return _read(source, None, "<mapping>", None, criteria)
    path = Path(source)
    if path.suffix.lower() in TABLE_SUFFIXES:  # a filled form (a table of units is not read here)
        return _read_form(path, criteria)
    doc, parse_problems = _yaml.parse_file(path, os.fspath(source))
    if parse_problems:
        raise InputError(parse_problems)
    here = Path(os.path.abspath(path)).parent  # noqa: PTH100
    return _read(doc.data, doc, os.fspath(source), here, criteria)


def _read_form(path: Path, criteria: CriteriaLike | None) -> Assessment:
    """A filled form, read as an assessment; each problem said at its sheet and cell."""
    form = read_form(path)
    here = Path(os.path.abspath(path)).parent  # noqa: PTH100
    try:
        return _read(form.data, None, form.source, here, criteria)
    except HoctapError as exc:
        placed = []
        for p in exc.problems:
            probe = p.path
            while probe and probe not in form.cells:
                probe = probe[:-1]
            if p.source == form.source and probe in form.cells:
                p = Problem(f"{p.source}, {form.cells[probe]}", 0, 0, p.path, p.message, p.code)  # noqa: PLW2901
            placed.append(p)
        raise type(exc)(placed) from None


def template(  # noqa: PLR0913 - what the form is for, and how it is written
    criteria: CriteriaLike,
    *,
    agency: str | None = None,
    request: str = "hai-phong-2022",
    fill: str | os.PathLike[str] | Mapping[str, Any] | None = None,
    fmt: Literal["xlsx", "csv", "yaml"] = "xlsx",
    lang: Lang = "vi",
) -> str | bytes:
    """The blank form for one unit (``xlsx`` bytes, ``csv`` or ``yaml`` text).

    With ``agency``, only the indicators that agency leads or reports (under the set and
    the report request ``request``); with ``fill``, an assessment (a file or a mapping)
    whose values are written in, a list of rated units as its counts.
    """
    spec = _set(criteria)
    named = os.fspath(criteria) if not isinstance(criteria, CriteriaSet) else spec.id
    ids: list[str] | None = None
    if agency is not None:
        own = duties_for(evaluate(spec, {}), request=request).agencies
        found = [d for d in own if fold(d.agency) == fold(agency)]
        if not found:
            names = "; ".join(d.agency for d in own if d.leads or d.reports) or "—"
            raise InputError(
                [
                    Problem(
                        "--agency",
                        0,
                        0,
                        (),
                        Message(
                            f"không có cơ quan '{agency}' trong bộ tiêu chí và yêu cầu báo cáo"
                            f" '{request}'; có: {names}",
                            f"no agency '{agency}' in the set and the report request"
                            f" '{request}'; there are: {names}",
                        ),
                        "unknown_agency",
                    )
                ]
            )
        agency = found[0].agency  # as the set writes it
        mine = set(found[0].leads) | set(found[0].reports)
        ids = [i for i in spec.indicators if i in mine]
    values = None
    if fill is not None:
        given = evaluate_assessment(read_assessment(fill, criteria=spec))
        values = _as_figures(given)
    grid, rows = form_grid(
        spec, indicators=ids, agency=agency, values=values, lang=lang, criteria=named
    )
    if values is not None:  # the unit, kind and period of the assessment it was made from
        written = {"unit": given.unit, "kind": given.assessment.kind, "period": given.period}
        for line in grid[1:]:
            if line and line[0] in written:
                line[1] = written[str(line[0])] or ""
    if fmt == "csv":
        return form_csv(grid)
    if fmt == "yaml":
        return form_yaml(spec, rows, grid, lang)
    return form_xlsx(grid, rows, lang)


def _as_figures(ev: Evaluation) -> dict[str, object]:
    """An evaluation's values as given, a list of rated units written as its counts."""
    out: dict[str, object] = {}
    for r in ev.indicators:
        given = ev.assessment.given.get(r.id)
        if isinstance(given, Mapping) and "units" in given:
            out[r.id] = {"count": r.count, "total": r.total}
        elif given is not None:
            out[r.id] = dict(given) if isinstance(given, Mapping) else given
    return out


def _read(  # noqa: C901, PLR0913 - one flat pass over the top-level entries
    data: object,
    doc: Document | None,
    name: str,
    here: Path | None,
    criteria: CriteriaLike | None,
    *,
    default: CriteriaSet | None = None,
    at: DataPath = (),
) -> Assessment:
    """An assessment from parsed data: a whole file, or one inside a city's file at ``at``.

    ``default`` is the set of an assessment that names none (a city's district).
    """
    problems: list[Problem] = []

    def add(path: DataPath, code: str, vi: str, en: str) -> None:
        message = Message(vi, en)
        full = (*at, *path)
        if doc is not None:
            problems.append(doc.problem(full, message, code, key=code == "unknown_key"))
        else:
            problems.append(Problem(name, 0, 0, full, message, code))

    if not isinstance(data, Mapping):
        add(
            (),
            "not_a_mapping",
            "phải là một bảng khóa (criteria, unit, period, values)",
            "must be a mapping (criteria, unit, period, values)",
        )
        raise InputError(problems)
    other = wrong_kind(data, "assessment") if not at else None
    if other is not None:
        add((), "wrong_kind", other.vi, other.en)
        raise InputError(problems)
    _unknown_keys(data, _TOP_KEYS, add)
    named = data.get("criteria")
    if criteria is None and named is None and default is not None:
        criteria = default
    # An assessment that names no set, or names it with something other than text, is
    # itself wrong: an input problem (a set it names that cannot be loaded is a SpecError).
    if criteria is None and named is None:
        add(
            ("criteria",),
            "no_criteria",
            "cần tên bộ tiêu chí (criteria), ví dụ: district",
            "the criteria set (criteria) is needed, e.g. district",
        )
    elif criteria is None and not isinstance(named, str):
        add(
            ("criteria",),
            "bad_criteria",
            "phải là tên bộ tiêu chí có sẵn hoặc đường dẫn tệp .yaml",
            "must be a bundled set's name or the path of a .yaml file",
        )
    unit = data.get("unit")
    if unit is None or (isinstance(unit, str) and not unit.strip() and not check_text(unit)):
        add(
            ("unit",),
            "no_unit",
            "cần tên đơn vị (unit), ví dụ: Quận Lê Chân",
            "the unit's name (unit) is needed, e.g. Quận Lê Chân",
        )
    if criteria is None and not isinstance(named, str):
        raise InputError(problems)
    spec = _criteria(criteria, named, here, doc, name, at)
    units: tuple[SubUnit, ...] = ()
    if data.get("units") is not None:
        units = _units(data["units"], spec, doc, name, here, data.get("period"), problems)
    try:
        assessment = Assessment(
            spec,
            data.get("values"),
            unit=unit,
            kind=data.get("kind"),
            period=data.get("period"),
            source=name,
            doc=doc,
            units=units,
            at=at,
        )
    except InputError as exc:
        raise _with_hints(InputError([*problems, *exc.problems]), spec) from None
    if problems:
        raise InputError(problems)
    return assessment


def _units(  # noqa: C901, PLR0912, PLR0913, PLR0917 - each check of a city's list, in turn
    data: object,
    spec: CriteriaSet,
    doc: Document | None,
    name: str,
    here: Path | None,
    period: object,
    problems: list[Problem],
) -> tuple[SubUnit, ...]:
    """A city's district-level units, each with its own evaluation if it has one.

    Every problem, of the list and of each district's own assessment, is added to
    ``problems``; a district whose assessment cannot be used is left out of the result
    only after its problems are recorded, so one bad file hides nothing else.
    """

    def add(path: DataPath, code: str, vi: str, en: str) -> None:
        message = Message(vi, en)
        full = ("units", *path)
        if doc is not None:
            problems.append(doc.problem(full, message, code, key=code == "unknown_key"))
        else:
            problems.append(Problem(name, 0, 0, full, message, code))

    rollup = next(
        (
            i.measure.rollup
            for i in spec.indicators.values()
            if isinstance(i.measure, Percent) and i.measure.rollup is not None
        ),
        None,
    )
    if rollup is None:
        add(
            (),
            "no_rollup",
            f"bộ tiêu chí '{spec.id}' không tính chỉ báo nào từ các đơn vị cấp dưới",
            f"criteria set '{spec.id}' computes no indicator from sub-units",
        )
        return ()
    if not isinstance(data, Mapping):
        add(
            (),
            "not_a_mapping",
            "phải là một bảng khóa (locality hoặc names, và assessed)",
            "must be a mapping (locality or names, and assessed)",
        )
        return ()
    _unknown_keys(data, _UNITS_KEYS, add)
    listed = _listed(data, add)
    if not listed:
        return ()
    origin = Path(spec.origin).parent if spec.origin != "<python>" else None
    sub_spec = load(rollup.criteria, relative_to=origin)
    by_name: dict[str, Evaluation] = {}
    assessed = data.get("assessed") or ()
    if not isinstance(assessed, list | tuple):
        add(
            ("assessed",),
            "not_a_list",
            f"phải là danh sách đánh giá (tệp hoặc bảng), nhận {got_vi(assessed)}",
            f"must be a list of assessments (files or mappings), got {got(assessed)}",
        )
        assessed = ()
    for index, item in enumerate(assessed):
        where: DataPath = ("assessed", index)
        try:
            if isinstance(item, str):
                sub = _read_file(item, here, sub_spec)
            else:
                sub = _read(item, doc, name, here, None, default=sub_spec, at=("units", *where))
        except HoctapError as exc:
            problems.extend(exc.problems)
            if isinstance(item, str):
                add(
                    where,
                    "bad_assessment",
                    f"không đọc được bản đánh giá '{item}' (xem các lỗi của tệp đó)",
                    f"the assessment '{item}' cannot be read (see that file's problems)",
                )
            continue
        if sub.criteria.id != sub_spec.id:
            add(
                where,
                "wrong_set",
                f"đơn vị cấp huyện được đánh giá theo bộ '{sub_spec.id}', không phải '{sub.criteria.id}'",
                f"a district-level unit is judged under the '{sub_spec.id}' set, not '{sub.criteria.id}'",
            )
            continue
        city_period = str(period) if period is not None else None
        if city_period is not None and sub.period is not None and sub.period != city_period:
            add(
                where,
                "period_mismatch",
                f"kỳ đánh giá {sub.period} khác kỳ của thành phố ({city_period})",
                f"the period {sub.period} is not the city's ({city_period})",
            )
            continue
        folded = fold(sub.unit)
        if folded not in listed:
            add(
                where,
                "not_a_unit",
                f"'{sub.unit}' không có trong danh sách đơn vị cấp huyện của địa phương",
                f"'{sub.unit}' is not in the locality's list of district-level units",
            )
            continue
        if folded in by_name:
            add(
                where,
                "duplicate_unit",
                f"'{sub.unit}' đã có một bản đánh giá trong danh sách",
                f"'{sub.unit}' already has an assessment in the list",
            )
            continue
        by_name[folded] = evaluate_assessment(sub)
    return tuple(
        sub_unit(unit_name, kind, by_name.get(folded), rollup.unassessed)
        for folded, (unit_name, kind) in listed.items()
    )


def _unknown_keys(
    data: Mapping[Any, Any],
    allowed: tuple[str, ...],
    add: Callable[[DataPath, str, str, str], None],
) -> None:
    """Every key of ``data`` that is not one of ``allowed``, reported at the key."""
    for key in data:
        if key not in allowed:
            add(
                (str(key),),
                "unknown_key",
                f"khóa không dùng được ở đây; dùng: {', '.join(allowed)}",
                f"unknown key; allowed: {', '.join(allowed)}",
            )


def _listed(data: Mapping[str, Any], add: Callable[..., None]) -> dict[str, tuple[str, str | None]]:
    """The locality's units, by folded name: from bundled data, or written out."""
    source, names = data.get("locality"), data.get("names")
    if (source is None) == (names is None):
        add(
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
            add(("locality",), "file_not_found", message.vi, message.en)
            return {}
        return {fold(u.name): (u.name, u.kind) for u in found.units}
    if not isinstance(names, list | tuple) or not names:
        add(
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
            add(("names", index), "wrong_type", "phải là tên đơn vị", "must be a unit's name")
            continue
        text = unicodedata.normalize("NFC", str(raw).strip())
        if fold(text) in out:
            add(
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
    return _read(doc.data, doc, os.fspath(path), path.parent, None, default=default)


def _criteria(  # noqa: PLR0913, PLR0917
    override: CriteriaLike | None,
    named: str | None,
    here: Path | None,
    doc: Document | None,
    source: str,
    at: DataPath = (),
) -> CriteriaSet:
    """The set an assessment is judged under: the override, else the one it names."""
    if override is not None:
        return _set(override)

    def fail(code: str, vi: str, en: str, inner: tuple[Problem, ...] = ()) -> SpecError:
        message = Message(vi, en)
        if doc is not None:
            first = doc.problem((*at, "criteria"), message, code)
        else:
            first = Problem(source, 0, 0, (*at, "criteria"), message, code)
        return SpecError([first, *inner])

    assert isinstance(named, str)  # noqa: S101 - read_assessment checked it
    try:
        return load(named, relative_to=here)
    except SpecError as exc:
        raise fail(
            "bad_criteria",
            f"không tải được bộ tiêu chí '{named}'",
            f"cannot load the criteria set '{named}'",
            exc.problems,
        ) from None


def evaluate_file(
    path: str | os.PathLike[str] | Mapping[str, Any], *, criteria: CriteriaLike | None = None
) -> Evaluation:
    """Read an assessment file (YAML or JSON) or mapping, and evaluate it."""
    return evaluate_assessment(read_assessment(path, criteria=criteria))


def duties_for(
    assessment: str | os.PathLike[str] | Mapping[str, Any] | Evaluation,
    *,
    request: str = "hai-phong-2022",
    on: dt.date | str | None = None,
) -> Duties:
    """Who owes what for a city's assessment (a file, a mapping or an evaluation).

    ``request`` names a bundled report request; ``on`` (a date or ``YYYY-MM-DD``) is the
    day asked about, for what is overdue. Raises `SpecError` when the request is not for
    the assessment's set, and `InputError` for a date that is not one.

    >>> d = duties_for("examples/city-hai-phong.yaml", on="2022-12-16")
    >>> d.agency("Cục Thống kê").reports
    ('3.1.1', '3.1.4')
    """
    evaluation = assessment if isinstance(assessment, Evaluation) else evaluate_file(assessment)
    wanted = report_request(request)
    when = _date(on)
    spec = evaluation.criteria
    unknown = [i for d in wanted.duties for i in d.indicators if i not in spec.indicators]
    if wanted.criteria != spec.id or unknown:
        what = f"chỉ báo {unknown[0]}" if unknown else f"bộ '{spec.id}'"
        what_en = f"indicator {unknown[0]}" if unknown else f"the '{spec.id}' set"
        raise SpecError(
            [
                Problem(
                    request,
                    0,
                    0,
                    ("criteria",),
                    Message(
                        f"yêu cầu báo cáo '{request}' dành cho bộ '{wanted.criteria}', không cho {what}",
                        f"the report request '{request}' is for the '{wanted.criteria}' set, "
                        f"not for {what_en}",
                    ),
                    "wrong_set",
                )
            ]
        )
    return duties(evaluation, wanted, when)


def _date(value: dt.date | str | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        message = Message(
            f"ngày phải viết YYYY-MM-DD, nhận {got_vi(value)}",
            f"a date is written YYYY-MM-DD, got {got(value)}",
        )
        raise InputError([Problem("--on", 0, 0, (), message, "bad_date")]) from None


def evaluate_many(
    criteria: CriteriaLike,
    units: Any,
    *,
    errors: Literal["raise", "column"] = "raise",
) -> Any:
    """Evaluate many units: a list of mappings, a pandas DataFrame, or a CSV or xlsx path.

    Each row is a unit in the flat column contract (`hoctap.batch._rows`) or an assessment's
    own shape; the result is a table in input order (a DataFrame for a DataFrame, else
    a list of row mappings) with each unit's status, level, possible levels,
    ``decided_by`` and each indicator's outcome and band: on every row exactly what
    `evaluate` gives. Bad cells raise one `BatchError` listing each by row and column,
    or, with ``errors="column"``, fill that row's ``error`` column instead.

    >>> rows = [{"unit": "Huyện A", "1.1.1": False}, {"unit": "Huyện B", "2.1.2.count": 17,
    ...          "2.1.2.total": 20}]
    >>> [(r["unit"], r["status"], r["decided_by"]) for r in evaluate_many("district", rows)]
    [('Huyện A', 'not_recognised', '1.1.1'), ('Huyện B', 'incomplete', '1.1.1,1.1.2,1.2.1,1.2.2,1.2.3,2.1.1,2.2.1,2.2.2,2.2.3,2.2.4,3.1.1,3.1.2,3.2.1,3.2.2,3.2.3')]
    """
    spec = _set(criteria)
    if type(units).__name__ == "DataFrame":
        from hoctap.batch.frames import evaluate_frame  # noqa: PLC0415 - pandas only when given a frame

        return evaluate_frame(units, spec, errors=errors)
    if isinstance(units, str | os.PathLike):
        rows, first = read_rows(units)
        source = os.fspath(units)
    else:
        rows, first, source = list(units), 1, "<rows>"
    return evaluate_rows(spec, rows, source=source, first_row=first, errors=errors)


def evaluate_rows(
    spec: CriteriaSet,
    rows: list[Any],
    *,
    source: str = "<rows>",
    first_row: int = 1,
    errors: Literal["raise", "column"] = "raise",
) -> list[dict[str, object]]:
    """Rows of a table as rows of results, the columnar path taking them when it can.

    Else one by one (see `evaluate_many`); ``first_row`` numbers them in messages.
    """
    if len(rows) >= _COLUMNAR_FROM and _columnar_rows(rows):
        from hoctap.batch.frames import evaluate_records  # noqa: PLC0415 - pandas only when there

        done = evaluate_records(rows, spec, errors=errors, source=source, first_row=first_row)
        return ResultRows(done)
    results = rows_results(spec, rows, source=source, errors=errors, first_row=first_row)
    return ResultRows(result_row(r, spec) for r in results)


_COLUMNAR_FROM = 32
"""Fewer rows than this are quicker one by one than framed."""


def _columnar_rows(rows: list[Any]) -> bool:
    """Whether rows can take the columnar path: flat mappings, and pandas at hand."""
    if not all(isinstance(r, dict) and "values" not in r for r in rows):
        return False
    return importlib.util.find_spec("pandas") is not None
