"""Many units at once: rows of a table in, a results table out.

One flat column contract for every table form (a list of mappings, a pandas DataFrame,
the rows of a CSV or xlsx file):

- one column per indicator id (``2.1.1``), holding the value as an assessment writes it;
- ``ID.count`` and ``ID.total`` for a share from counts, ``ID.previous`` and
  ``ID.current`` for a change, ``ID.PART`` (and ``ID.PART.count``...) for a part;
- optional ``unit``, ``kind`` and ``period`` columns.

An empty cell, ``None``, NaN or ``pd.NA`` is missing data. Every row is read by the one
reader (`hoctap.engine._assessment.Assessment`) and decided by the one decision, so a row's
result is exactly what `hoctap.evaluate` gives for it; a frame of numbers may take the
columnar path (`hoctap.batch._columnar`), which must agree with this one on every row.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Literal, NamedTuple

from hoctap._problems import Problems
from hoctap.engine._assessment import Assessment
from hoctap.errors import DataPath, InputError, Message, Problem
from hoctap.results.evaluation import Evaluation, evaluate_assessment

if TYPE_CHECKING:
    from hoctap.spec.models import CriteriaSet

__all__ = [
    "TOP_COLUMNS",
    "BatchError",
    "ResultRows",
    "RowError",
    "columns_of",
    "is_missing",
    "result_row",
    "row_values",
    "rows_results",
    "split_column",
]

TOP_COLUMNS = ("unit", "kind", "period")


class ResultRows(list[dict[str, object]]):
    """`hoctap.evaluate_many`'s rows of results: a plain list of mappings.

    In Jupyter it shows itself as a table, the units per result above it.
    """

    def _repr_html_(self) -> str:
        from hoctap._display import display_language  # noqa: PLC0415
        from hoctap.reports.report import rows_html  # noqa: PLC0415 - only a notebook needs it

        return rows_html(self, display_language())


"""The columns that describe the unit rather than measure it."""
_FIELDS = ("count", "total", "previous", "current")


class BatchError(InputError):
    """Bad cells of a table: every one, each located by its row and column."""


class RowError(NamedTuple):
    """A row that could not be evaluated, with what it says of its unit, and why."""

    unit: object
    kind: object
    period: object
    message: Message


def is_missing(cell: object) -> bool:
    """Whether a cell is missing data: empty text, None, NaN, ``pd.NA`` or ``pd.NaT``.

    >>> is_missing(""), is_missing(float("nan")), is_missing(0), is_missing("  ")
    (True, True, False, True)
    """
    if cell is None:
        return True
    if isinstance(cell, str):
        return not cell.strip()
    if isinstance(cell, float):
        return math.isnan(cell)
    # pandas' missing markers without importing pandas: NA and NaT are their own types.
    kind = type(cell).__name__
    if kind in {"NAType", "NaTType"}:
        return True
    try:
        return bool(cell != cell)  # noqa: PLR0124 - a NaN of another float type (numpy's)
    except (TypeError, ValueError):
        return False


def row_values(  # noqa: C901 - each kind of column
    row: Mapping[str, object],
    spec: CriteriaSet,
    memo: dict[str, tuple[str, tuple[str, ...]]] | None = None,
) -> tuple[dict[str, object], dict[str, object], dict[DataPath, str]]:
    """One flat row as an assessment: (top entries, values, column of each value's path).

    ``memo`` keeps each column name's reading across the rows of one table.

    >>> from hoctap import load
    >>> top, values, where = row_values(
    ...     {"unit": "Quận 1", "2.1.2.count": 17, "2.1.2.total": 20, "2.1.1": None}, load("district"))
    >>> top, values, where[("values", "2.1.2", "count")]
    ({'unit': 'Quận 1'}, {'2.1.2': {'count': 17, 'total': 20}}, '2.1.2.count')
    """
    top: dict[str, object] = {}
    values: dict[str, object] = {}
    where: dict[DataPath, str] = {}
    traits = {a.id for a in spec.attributes}  # a unit's attributes stand beside its name
    for raw_column, cell in row.items():
        column = str(raw_column).strip()
        if is_missing(cell):
            continue
        if column in TOP_COLUMNS or column in traits:
            top[column] = cell
            where[(column,)] = column
            continue
        if memo is None:
            ind, rest = split_column(column, spec)
        else:
            found = memo.get(column)
            if found is None:
                found = memo[column] = split_column(column, spec)
            ind, rest = found
        where[("values", ind, *rest)] = column
        if not rest:
            values[ind] = cell
            continue
        slot = values.setdefault(ind, {})
        if not isinstance(slot, dict):  # "2.1.2" and "2.1.2.count" both given
            slot = values[ind] = {"": slot}
        if len(rest) == 1:
            slot[rest[0]] = cell
        else:
            part = slot.setdefault(rest[0], {})
            if isinstance(part, dict):
                part[rest[1]] = cell
    for path, column in list(where.items()):
        where.setdefault(path[:2], column)  # a problem of the whole indicator
    return top, values, where


def split_column(column: str, spec: CriteriaSet) -> tuple[str, tuple[str, ...]]:
    """A flat column's indicator and the rest; a part's name may hold dots.

    >>> from hoctap import load
    >>> split_column("2.1.2.count", load("district")), split_column("3.1.2.nước thải.count", load("district"))
    (('2.1.2', ('count',)), ('3.1.2', ('nước thải', 'count')))
    """
    pieces = column.split(".")
    for n in (3, 2, 1):
        head = ".".join(pieces[:n])
        if head in spec.indicators:
            rest = pieces[n:]
            if len(rest) > 1 and rest[-1] in _FIELDS:
                return head, (".".join(rest[:-1]), rest[-1])
            return head, ((".".join(rest),) if rest else ())
    return column, ()


def rows_results(  # noqa: PLR0913 - the rows, where they come from, and how to number them
    spec: CriteriaSet,
    rows: Iterable[Mapping[str, object]],
    *,
    source: str = "<rows>",
    errors: Literal["raise", "column"] = "raise",
    first_row: int = 1,
    numbers: Iterable[int] | None = None,
) -> list[Evaluation | RowError]:
    """Each row's evaluation, in order, the same as `hoctap.evaluate` gives for it.

    A bad row raises one `BatchError` listing every bad cell of every row; with
    ``errors="column"`` the row's problems stand in its place instead. ``first_row`` is the number of the first row in messages (2 for a CSV with a header).
    """
    out: list[Evaluation | RowError] = []
    problems: list[Problem] = []
    memo: dict[str, tuple[str, tuple[str, ...]]] = {}
    # A row's problems in the order of the text, whatever the order of the table's columns.
    order = {ind: n for n, ind in enumerate(spec.indicators)}
    traits = tuple(a.id for a in spec.attributes)
    rows = list(rows)
    for number, row in zip(numbers or range(first_row, first_row + len(rows)), rows, strict=True):
        if isinstance(row, Mapping) and "values" in row:  # an assessment's own shape
            top = {k: row[k] for k in (*TOP_COLUMNS, *traits) if k in row}
            values: object = row["values"]
            where: dict[DataPath, str] = {}
        elif isinstance(row, Mapping):
            top, values, where = row_values(row, spec, memo)
        else:
            refused = Problems(source, _Row(source, number, {}, [])).refused(
                (), "not_a_mapping", "hàng phải là một bảng khóa", "a row must be a mapping"
            )
            problems += refused.problems
            out.append(RowError(None, None, None, refused.problems[0].message))
            continue
        heads = [str(c).strip() for c in row]
        try:
            assessment = Assessment(
                spec,
                values,
                unit=top.get("unit", ""),
                kind=top.get("kind"),
                period=top.get("period"),
                source=source,
                problems=Problems(source, _Row(source, number, where, heads)),
                attributes={k: top[k] for k in traits if k in top} or None,
            )
        except InputError as exc:
            located = sorted(
                exc.problems,
                key=lambda p: (
                    order.get(split_column(str(p.path[-1]), spec)[0], len(order)) if p.path else -1
                ),
            )
            problems += located
            said = Message(
                "; ".join(f"{p.path[-1]}: {p.message.vi}" for p in located),
                "; ".join(f"{p.path[-1]}: {p.message.en}" for p in located),
            )
            out.append(RowError(top.get("unit"), top.get("kind"), top.get("period"), said))
            continue
        out.append(evaluate_assessment(assessment))
    if problems and errors == "raise":
        raise BatchError(problems)
    return out


class _Row:
    """Where a problem of one row's values is: its row and column (``column["2.1.2.count"]``).

    A `hoctap._problems.Locator`: a table has rows and columns where a file has lines.
    """

    def __init__(
        self, source: str, number: int, where: dict[DataPath, str], heads: list[str]
    ) -> None:
        self.source, self.number, self.where, self.heads = source, number, where, heads

    def problem(self, path: DataPath, message: Message, code: str, *, key: bool = False) -> Problem:
        del key  # a key and its value share a cell
        where = self.where
        column = next((where[path[:n]] for n in range(len(path), 0, -1) if path[:n] in where), None)
        if column is None:  # an assessment in its own shape: its path as it is
            return Problem(self.source, self.number, 0, path, message, code)
        position = self.heads.index(column) + 1 if column in self.heads else 0
        return Problem(self.source, self.number, position, ("column", column), message, code)


def result_row(ev: Evaluation | RowError, spec: CriteriaSet) -> dict[str, object]:
    """One row of the results table: the unit, the result, and each indicator's outcome.

    >>> from hoctap import evaluate, load
    >>> row = result_row(evaluate("district", {"1.1.1": False}, unit="Huyện A"), load("district"))
    >>> row["status"], row["level"], row["decided_by"], row["1.1.1.outcome"]
    ('not_recognised', 0, '1.1.1', 'not_met')
    """
    if isinstance(ev, RowError):
        out: dict[str, object] = {"unit": ev.unit, "kind": ev.kind, "period": ev.period}
        out |= {"status": "error", "level": None, "possible_levels": "", "decided_by": ""}
        for ind in spec.indicators:
            out[f"{ind}.outcome"], out[f"{ind}.band"] = None, None
        out["error"] = ev.message.render("both")
        return out
    out = {
        "unit": ev.unit,
        "kind": ev.assessment.kind,
        "period": ev.period,
        "status": ev.status,
        "level": ev.level,
        "possible_levels": ",".join(str(x) for x in ev.possible_levels),
        "decided_by": ",".join(ev.decided_by),
    }
    for ind, outcome, band in ev.outcomes:
        out[f"{ind}.outcome"], out[f"{ind}.band"] = outcome, band
    out["error"] = None
    return out


def columns_of(spec: CriteriaSet) -> list[str]:
    """The results table's columns, in order."""
    cols = ["unit", "kind", "period", "status", "level", "possible_levels", "decided_by"]
    for ind in spec.indicators:
        cols += [f"{ind}.outcome", f"{ind}.band"]
    return [*cols, "error"]
