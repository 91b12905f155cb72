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
import json
import os
import re
from collections.abc import Mapping
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from hoctap._problems import Problems
from hoctap.batch._rows import ResultRows, result_row, rows_results
from hoctap.engine._assessment import Assessment
from hoctap.errors import InputError, Message, SpecError, fold
from hoctap.files._assessments import (
    CriteriaLike,
    criteria_set,
    read_document,
    read_form_document,
    with_hints,
)
from hoctap.files._forms import form_csv, form_grid, form_xlsx, form_yaml
from hoctap.files._loading import bundled_names, registry, report_request
from hoctap.files._tables import TABLE_SUFFIXES, read_rows
from hoctap.files._yaml import parse_file
from hoctap.results.duties import Duties, duties
from hoctap.results.evaluation import Evaluation, evaluate_assessment
from hoctap.spec._diff import Change, SetDiff
from hoctap.spec._diff import diff as compare_sets
from hoctap.spec._messages import got, got_vi
from hoctap.spec.models import CriteriaSet

if TYPE_CHECKING:
    from collections.abc import Iterable

    from hoctap.errors import Lang

__all__ = [
    "Impact",
    "UnitChange",
    "Verification",
    "diff",
    "duties_for",
    "evaluate",
    "evaluate_file",
    "evaluate_many",
    "evaluate_rows",
    "impact",
    "read_assessment",
    "template",
    "verify",
]


def __dir__() -> list[str]:
    return list(__all__)


def evaluate(  # noqa: PLR0913 - the entries of an assessment
    criteria: CriteriaLike,
    values: Mapping[str, object],
    *,
    unit: str = "",
    kind: str | None = None,
    period: str | int | None = None,
    attributes: Mapping[str, bool] | None = None,
) -> Evaluation:
    """Evaluate a unit's values against a criteria set (a set, a bundled name, or a path).

    Raises `InputError` listing every bad value; a missing value is missing data.
    ``attributes`` says what the unit is that changes its thresholds, by the set's ids
    (``{"disadvantaged": True}``: "xã thuộc vùng khó khăn").

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
    spec = criteria_set(criteria)
    try:
        assessment = Assessment(
            spec,
            values,
            unit=unit,
            kind=kind,
            period=period,
            source="<values>",
            attributes=attributes,
        )
    except InputError as exc:
        raise with_hints(exc, spec) from None
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
    if not isinstance(source, Mapping) and Path(source).suffix.lower() in TABLE_SUFFIXES:
        return read_form_document(Path(source), criteria)  # a filled form, not a table of units
    return read_document(source, criteria)


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
    spec = criteria_set(criteria)
    named = os.fspath(criteria) if not isinstance(criteria, CriteriaSet) else spec.id
    ids: list[str] | None = None
    if agency is not None:
        own = duties_for(evaluate(spec, {}), request=request).agencies
        found = [d for d in own if fold(d.agency) == fold(agency)]
        if not found:
            names = "; ".join(d.agency for d in own if d.leads or d.reports) or "—"
            raise Problems("--agency").refused(
                (),
                "unknown_agency",
                f"không có cơ quan '{agency}' trong bộ tiêu chí và yêu cầu báo cáo"
                f" '{request}'; có: {names}",
                f"no agency '{agency}' in the set and the report request"
                f" '{request}'; there are: {names}",
            )
        agency = found[0].agency  # as the set writes it
        mine = set(found[0].leads) | set(found[0].reports)
        ids = [i for i in spec.indicators if i in mine]
    values = None
    if fill is not None:
        given = evaluate_assessment(read_assessment(fill, criteria=spec))
        values = _as_figures(given)
        values |= dict.fromkeys(given.assessment.attributes, True)  # "xã thuộc vùng khó khăn"
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
        if isinstance(given, Mapping) and "units" in given and r.by_level:  # sub-units by level
            out[r.id] = {"total": r.total} | {f"level_{n}": c for n, c in enumerate(r.by_level, 1)}
        elif isinstance(given, Mapping) and "units" in given:
            out[r.id] = {"count": r.count, "total": r.total}
        elif given is not None:
            out[r.id] = dict(given) if isinstance(given, Mapping) else given
    return out


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
        # Another set is named as such; the request's own set, changed, by what it lacks.
        other = wanted.criteria != spec.id
        what = f"bộ '{spec.id}'" if other else f"chỉ báo {unknown[0]}"
        what_en = f"the '{spec.id}' set" if other else f"indicator {unknown[0]}"
        raise Problems(request).refused(
            ("criteria",),
            "wrong_set",
            f"yêu cầu báo cáo '{request}' dành cho bộ '{wanted.criteria}', không cho {what}",
            f"the report request '{request}' is for the '{wanted.criteria}' set, not for {what_en}",
            error=SpecError,
        )
    return duties(evaluation, wanted, when, _calendar(evaluation, when))


def _calendar(evaluation: Evaluation, on: dt.date | None) -> tuple[Message, ...]:
    """The set's deadlines for the evaluation's year (the registry), and where each stands."""
    entry = registry().entry(evaluation.criteria.id)
    year = evaluation.assessment.year
    if entry is None or year is None:
        return ()
    # The reports are in when no indicator is still without data (the duties say whose).
    reported = all(r.outcome != "missing" for r in evaluation.indicators)
    return tuple(
        item.words(
            year,
            done=item.id == "report" and reported,
            late=on is not None and on >= item.due(year),
        )
        for item in entry.due
    )


def _date(value: dt.date | str | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise Problems("--on").refused(
            (),
            "bad_date",
            f"ngày phải viết YYYY-MM-DD, nhận {got_vi(value)}",
            f"a date is written YYYY-MM-DD, got {got(value)}",
        ) from None


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
    spec = criteria_set(criteria)
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


class Verification(NamedTuple):
    """What `verify` found: whether the record still holds, and each difference in words."""

    same: bool
    """True when the same set and values give the same result today."""
    differences: tuple[Message, ...]
    evaluation: Evaluation
    """The evaluation made again from the record."""

    def render(self, lang: Lang = "vi") -> str:
        """One line when the record holds; else one per difference."""
        if self.same:
            return (
                Message(
                    "bản ghi khớp: cùng bộ tiêu chí, cùng số liệu, cùng kết quả",
                    "the record holds: the same set, the same values, the same result",
                ).render(lang)
                + "\n"
            )
        return "".join(f"- {d.render(lang)}\n" for d in self.differences)


_COMPARED = ("status", "level", "decided_by", "possible_levels", "input_hash")


def verify(record: str | os.PathLike[str] | Mapping[str, Any]) -> Verification:
    """Evaluate a JSON record (``to_dict``, ``hoctap evaluate --format json``) again.

    Says whether the same set and values still give the same result, and if not, what
    changed: the set's content (its hash), the version of hoctap, and the result.
    Raises `InputError` for a record whose values cannot be read again.

    >>> ev = evaluate_file("examples/district-le-chan.yaml")
    >>> verify(ev.to_dict()).same
    True
    """
    data: Mapping[str, Any] = (
        record
        if isinstance(record, Mapping)
        else json.loads(Path(record).read_text(encoding="utf-8"))
    )
    again = evaluate_file(_assessment_of(data))
    found = again.to_dict()
    out: list[Message] = []
    old_set, new_set = data["criteria"].get("sha256"), found["criteria"]["sha256"]
    if old_set != new_set:
        out.append(
            Message(
                f"nội dung bộ tiêu chí '{found['criteria']['id']}' đã đổi (sha256 {str(old_set)[:12]}… → {new_set[:12]}…)",
                f"the content of the set '{found['criteria']['id']}' changed (sha256 {str(old_set)[:12]}… → {new_set[:12]}…)",
            )
        )
    if data.get("hoctap_version") != found["hoctap_version"]:
        out.append(
            Message(
                f"phiên bản hoctap: {data.get('hoctap_version')} → {found['hoctap_version']}",
                f"hoctap's version: {data.get('hoctap_version')} → {found['hoctap_version']}",
            )
        )
    out += [
        Message(
            f"{key}: bản ghi ghi {data.get(key)!r}, nay là {found[key]!r}",
            f"{key}: the record says {data.get(key)!r}, now {found[key]!r}",
        )
        for key in _COMPARED
        if data.get(key) != found[key]
    ]
    changed_result = any(data.get(k) != found[k] for k in _COMPARED)
    return Verification(not changed_result and old_set == new_set, tuple(out), again)


def _assessment_of(data: Mapping[str, Any]) -> dict[str, Any]:
    """The assessment a record was made from: its set, unit, values, history, units."""
    criteria = data["criteria"]
    named = criteria["id"] if criteria["id"] in bundled_names() else criteria["origin"]
    rolled = {
        r["id"]
        for r in data.get("indicators", ())
        if isinstance(r.get("given"), Mapping) and "units" in r["given"] and data.get("units_from")
    }
    out: dict[str, Any] = {
        "criteria": named,
        "unit": data["unit"],
        "kind": data.get("kind"),
        "period": data.get("period"),
        "values": {
            r["id"]: _exact(r["given"])
            for r in data.get("indicators", ())
            if r.get("given") is not None and r["id"] not in rolled
        },
        **dict.fromkeys(data.get("attributes", ()), True),
    }
    for key in ("history", "requested_on"):
        if key in data:
            out[key] = data[key]
    if data.get("units_from") is not None:
        out["units"] = {
            **data["units_from"],
            "assessed": [_assessment_of(u) for u in data.get("units", ())],
        }
    return out


_FRACTION = re.compile(r"^-?[0-9]+/[0-9]+$")


def _exact(value: Any) -> Any:
    """A value as the record writes it, read back: "100/3" is the exact number it was."""
    if isinstance(value, str) and _FRACTION.match(value):
        return Fraction(value)
    if isinstance(value, Mapping):
        return {k: _exact(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_exact(v) for v in value]
    return value


def diff(
    a: CriteriaLike,
    b: CriteriaLike,
    *,
    mapping: Mapping[str, str] | str | os.PathLike[str] | None = None,
) -> SetDiff:
    """Two criteria sets compared, rule by rule (names, paths or sets).

    ``mapping`` matches indicators of ``a`` to indicators of ``b`` where the ids differ:
    a mapping, or a YAML file of ``A_ID: B_ID`` lines.

    >>> d = diff("district", "district-haiphong")
    >>> d.counts()["reworded"] > 0, "stricter" in d.counts()
    (True, False)
    """
    spec_a, spec_b = criteria_set(a), criteria_set(b)
    if mapping is None:
        return compare_sets(spec_a, spec_b)
    if isinstance(mapping, Mapping):
        pairs, said = dict(mapping), Problems("<mapping>")
    else:
        pairs, said = _mapping_file(Path(mapping))
    for a_id, b_id in pairs.items():  # each side names an indicator of its set
        for which, spec, named in (("A", spec_a, a_id), ("B", spec_b, b_id)):
            if named not in spec.indicators:
                said.add(
                    (a_id,),
                    "unknown_indicator",
                    f"bộ {which} ('{spec.id}') không có chỉ báo {named}",
                    f"set {which} ('{spec.id}') has no indicator {named}",
                    key=which == "A",
                )
    said.check(SpecError)
    return compare_sets(spec_a, spec_b, pairs)


def _mapping_file(path: Path) -> tuple[dict[str, str], Problems]:
    """A mapping of indicator ids, ``A_ID: B_ID`` per line, and its located problems."""
    doc, problems = parse_file(path, os.fspath(path))
    if problems:
        raise SpecError(problems)
    said = Problems(os.fspath(path), doc)
    if not isinstance(doc.data, Mapping):
        raise said.refused(
            (), "not_a_mapping", "phải là các dòng 'A: B'", "must be lines 'A: B'", error=SpecError
        )
    return {str(k): str(v) for k, v in doc.data.items()}, said


class UnitChange(NamedTuple):
    """A unit whose result differs between the two sets, and the edits behind the change."""

    unit: str
    row: int
    before: str
    """Its result under set A: ``level 2``, ``not recognised``, ``incomplete``, ``error``."""
    after: str
    alone: tuple[str, ...]
    """The edits (the diff's ``where``) that, each applied alone to A, change its result."""
    in_order: str | None
    """The edit after which, applying them in the diff's order, it first has B's result;
    None when the threshold edits alone never give it (indicators or rules changed too)."""


class Impact(NamedTuple):
    """Two sets over the same units: the transitions, and each changed unit's causes."""

    diff: SetDiff
    matrix: tuple[tuple[str, str, int], ...]
    """(result under A, result under B, how many units), every pair that occurs."""
    changed: tuple[UnitChange, ...]
    units: int

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON data."""
        return {
            "a": self.diff.a,
            "b": self.diff.b,
            "units": self.units,
            "matrix": [{"from": f, "to": t, "units": n} for f, t, n in self.matrix],
            "changed": [u._asdict() | {"alone": list(u.alone)} for u in self.changed],
            "edits": [c.where for c in _threshold_edits(self.diff)],
        }

    def render(self, lang: Lang = "vi") -> str:
        """The transitions and the changed units, as text."""
        vi = lang == "vi"
        head = f"{'Tác động của' if vi else 'Impact of'} {self.diff.a} → {self.diff.b}: "
        lines = [head + f"{self.units} {'đơn vị' if vi else 'units'}"]
        lines += [f"  {f} → {t}: {n}" for f, t, n in self.matrix]
        if self.changed:
            lines.append(
                "Đơn vị đổi kết quả (sửa đổi gây ra khi áp dụng riêng; theo thứ tự thì thứ tự có ý nghĩa):"
                if vi
                else "Units whose result changes (the edits that change it alone; in order, the order matters):"
            )
        for u in self.changed:
            alone = ", ".join(u.alone) or ("không sửa đổi riêng lẻ nào" if vi else "no single edit")
            step = u.in_order or (
                "các sửa đổi khác (chỉ báo, quy tắc)" if vi else "other edits (indicators, rules)"
            )
            lines.append(
                f"  - {u.unit} ({'dòng' if vi else 'row'} {u.row}): {u.before} → {u.after}; {alone}; {'theo thứ tự' if vi else 'in order'}: {step}"
            )
        return "\n".join(lines) + "\n"


def _threshold_edits(found: SetDiff) -> tuple[Change, ...]:
    """The diff's threshold changes, each of which can be applied to A alone."""
    return tuple(
        c
        for c in found.changes
        if c.kind in {"stricter", "looser", "neither"} and " measure." in c.where
    )


def _result_of(row: Mapping[str, object]) -> str:
    status = row.get("status")
    if status == "recognised":
        return f"level {row.get('level')}"
    return str(status).replace("_", " ") if status is not None else "error"


def _with_edits(a: CriteriaSet, b: CriteriaSet, edits: Iterable[Change]) -> CriteriaSet:
    """Set A with some of B's thresholds: each edit's threshold set as B has it."""
    measures: dict[str, dict[str, Any]] = {}
    for edit in edits:
        ids, path = edit.where.split(" measure.", 1)
        a_id, _, b_id = ids.partition("→")
        dump = measures.setdefault(
            a_id, a.indicator(a_id).measure.model_dump(mode="python", exclude_defaults=True)
        )
        source = b.indicator(b_id or a_id).measure.model_dump(mode="python", exclude_defaults=True)
        _set_at(dump, path.split("."), _get_at(source, path.split(".")))
    if not measures:
        return a
    return a.evolve(indicators={i: {"measure": m} for i, m in measures.items()})


def _get_at(data: Any, path: list[str]) -> Any:
    for key in path:
        data = data[int(key)] if isinstance(data, list) else data[key]
    return data


def _set_at(data: Any, path: list[str], value: Any) -> None:
    for key in path[:-1]:
        data = data[int(key)] if isinstance(data, list) else data[key]
    data[int(path[-1]) if isinstance(data, list) else path[-1]] = value


def impact(
    a: CriteriaLike,
    b: CriteriaLike,
    units: Any,
    *,
    mapping: Mapping[str, str] | str | os.PathLike[str] | None = None,
) -> Impact:
    """Set A and set B over the same units (a table: rows, or a CSV or xlsx path).

    The level-transition matrix; each unit whose result changes, the threshold edits of
    the diff that change it when applied alone to A, and the edit after which, applying
    them in the diff's order, it first has B's result (the order matters, and is said).
    A unit one set can evaluate and the other cannot is listed (``error``), never dropped.

    >>> rows = [{"unit": "Huyện A", "2.1.2": 88}]
    >>> impact("district", "district", rows).changed
    ()
    """
    spec_a, spec_b = criteria_set(a), criteria_set(b)
    found = diff(spec_a, spec_b, mapping=mapping)
    if isinstance(units, str | os.PathLike):
        rows, first = read_rows(units)
    else:
        rows, first = list(units), 1
    under_a = evaluate_rows(spec_a, rows, errors="column", first_row=first)
    under_b = evaluate_rows(spec_b, rows, errors="column", first_row=first)
    pairs = [(_result_of(x), _result_of(y)) for x, y in zip(under_a, under_b, strict=True)]
    matrix = tuple(sorted((f, t, pairs.count((f, t))) for f, t in set(pairs)))
    edits = _threshold_edits(found)
    moved = [n for n, (f, t) in enumerate(pairs) if f != t]
    alone_results = {
        e.where: [
            _result_of(r)
            for r in evaluate_rows(
                _with_edits(spec_a, spec_b, [e]), [rows[n] for n in moved], errors="column"
            )
        ]
        for e in edits
    }
    steps = [
        [
            _result_of(r)
            for r in evaluate_rows(
                _with_edits(spec_a, spec_b, edits[: k + 1]),
                [rows[n] for n in moved],
                errors="column",
            )
        ]
        for k in range(len(edits))
    ]
    changed = []
    for m, n in enumerate(moved):
        before, after = pairs[n]
        alone = tuple(e.where for e in edits if alone_results[e.where][m] != before)
        in_order = next((edits[k].where for k in range(len(edits)) if steps[k][m] == after), None)
        name = under_a[n].get("unit")
        changed.append(UnitChange(str(name), first + n, before, after, alone, in_order))
    return Impact(found, matrix, tuple(changed), len(rows))
