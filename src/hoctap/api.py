"""The entry points: evaluate values, files and mappings; the only layer that reads files.

Sets are named the one way `hoctap.loading.resolve` describes, from Python, the command
line and assessment files alike; a set named inside an assessment file is looked for
beside that file. Anything wrong with the set (not found, not a criteria file, invalid)
raises `SpecError` from every entry point; anything wrong with the values raises
`InputError`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hoctap import _yaml
from hoctap.assessment import Assessment, check_text
from hoctap.errors import InputError, Message, Problem, SpecError
from hoctap.evaluation import Evaluation, evaluate_assessment
from hoctap.loading import bundled_names, load
from hoctap.models import CriteriaSet

if TYPE_CHECKING:
    from hoctap._yaml import Document

__all__ = ["evaluate", "evaluate_file", "read_assessment"]

_TOP_KEYS = ("criteria", "unit", "kind", "period", "values", "notes")

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


def read_assessment(  # noqa: C901 - one flat pass over the top-level entries
    source: str | os.PathLike[str] | Mapping[str, Any], *, criteria: CriteriaLike | None = None
) -> Assessment:
    """Read an assessment from a YAML or JSON file, or from a mapping of the same shape.

    ``criteria`` (a set, a bundled name, or a path) is used instead of the file's own
    ``criteria:`` entry. Raises `InputError` listing every problem of the values, and
    `SpecError` if the set cannot be loaded.

    >>> a = read_assessment({"criteria": "district", "unit": "Quận Lê Chân", "period": 2022,
    ...                      "values": {"2.1.2": {"count": 17, "total": 20}, "2.1.1": "85,5%"}})
    >>> a
    <Assessment district 'Quận Lê Chân' 2022: 2 values>
    >>> a.kind, a.given["2.1.1"]
    ('quận', '85,5%')
    """
    doc: Document | None = None
    here: Path | None = None
    if isinstance(source, Mapping):
        data: object = source
        name = "<mapping>"
    else:
        path = Path(source)
        name, here = os.fspath(source), Path(os.path.abspath(path)).parent  # noqa: PTH100
        doc, parse_problems = _yaml.parse_file(path, name)
        if parse_problems:
            raise InputError(parse_problems)
        data = doc.data
    problems: list[Problem] = []

    def add(path: tuple[str, ...], code: str, vi: str, en: str) -> None:
        message = Message(vi, en)
        if doc is not None:
            problems.append(doc.problem(path, message, code, key=code == "unknown_key"))
        else:
            problems.append(Problem(name, 0, 0, path, message, code))

    if not isinstance(data, Mapping):
        add(
            (),
            "not_a_mapping",
            "phải là một bảng khóa (criteria, unit, period, values)",
            "must be a mapping (criteria, unit, period, values)",
        )
        raise InputError(problems)
    for key in data:
        if key not in _TOP_KEYS:
            add(
                (str(key),),
                "unknown_key",
                f"khóa không dùng được ở đây; dùng: {', '.join(_TOP_KEYS)}",
                f"unknown key; allowed: {', '.join(_TOP_KEYS)}",
            )
    named = data.get("criteria")
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
    spec = _criteria(criteria, named, here, doc, name)
    try:
        assessment = Assessment(
            spec,
            data.get("values"),
            unit=unit,
            kind=data.get("kind"),
            period=data.get("period"),
            source=name,
            doc=doc,
        )
    except InputError as exc:
        raise _with_hints(InputError([*problems, *exc.problems]), spec) from None
    if problems:
        raise InputError(problems)
    return assessment


def _criteria(
    override: CriteriaLike | None,
    named: str | None,
    here: Path | None,
    doc: Document | None,
    source: str,
) -> CriteriaSet:
    """The set an assessment is judged under: the override, else the one it names."""
    if override is not None:
        return _set(override)

    def fail(code: str, vi: str, en: str, inner: tuple[Problem, ...] = ()) -> SpecError:
        message = Message(vi, en)
        if doc is not None:
            first = doc.problem(("criteria",), message, code)
        else:
            first = Problem(source, 0, 0, ("criteria",), message, code)
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
