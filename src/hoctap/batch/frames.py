"""Frames in, frames out: `evaluate_frame`, the function that also runs under Dask or Spark.

A pandas DataFrame in the flat column contract (`hoctap.batch._rows`) goes through the
columnar path (`hoctap.batch._columnar`) for the rows of plain numbers and through the scalar
path for the rest; the result is a DataFrame with the same index, in the same order,
equal row for row to `hoctap.evaluate`. Needs the ``frame`` extra (pandas, numpy).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from hoctap.batch._rows import (
    TOP_COLUMNS,
    columns_of,
    is_missing,
    result_row,
    rows_results,
    split_column,
)
from hoctap.engine._decision import Outcome, Status
from hoctap.engine._plan import plan_for
from hoctap.files._tables import need

if TYPE_CHECKING:
    from hoctap.spec.models import CriteriaSet

__all__ = ["evaluate_frame", "evaluate_records", "records"]


def __dir__() -> list[str]:
    return list(__all__)


_STATUS = tuple(s.word for s in sorted(Status))  # by code
_OUTCOME = tuple(o.word for o in sorted(Outcome))  # by code + 1


def evaluate_frame(
    frame: Any,
    criteria: CriteriaSet | str = "district",
    *,
    errors: Literal["raise", "column"] = "raise",
    source: str = "<frame>",
    first_row: int = 1,
) -> Any:
    """Evaluate every row of a DataFrame; a DataFrame of results with the same index.

    ``source`` and ``first_row`` name the table and number its first row in messages.

    The function to hand to ``dask.dataframe.map_partitions`` or Spark's
    ``mapInPandas``: a frame in, a frame out, nothing shared.

    >>> import pandas as pd
    >>> frame = pd.DataFrame({"unit": ["Huyện A", "Huyện B"], "1.1.1": [True, False]})
    >>> evaluate_frame(frame, "district")[["unit", "status", "decided_by"]].to_dict("records")
    [{'unit': 'Huyện A', 'status': 'incomplete', 'decided_by': '1.1.2,1.2.1,1.2.2,1.2.3,2.1.1,2.1.2,2.2.1,2.2.2,2.2.3,2.2.4,3.1.1,3.1.2,3.2.1,3.2.2,3.2.3'}, {'unit': 'Huyện B', 'status': 'not_recognised', 'decided_by': '1.1.1'}]
    """
    pd = need("pandas")
    np = need("numpy")
    from hoctap.batch._columnar import decide_columns  # noqa: PLC0415 - numpy only for frames
    from hoctap.files._loading import load  # noqa: PLC0415

    spec = load(criteria) if isinstance(criteria, str) else criteria
    n = len(frame)
    names = [str(c) for c in frame.columns]
    known = all(c in TOP_COLUMNS or split_column(c, spec)[0] in spec.indicators for c in names)
    out = pd.DataFrame(index=frame.index, columns=columns_of(spec))
    where = (source, first_row)
    if not known or n == 0:  # unknown columns: the scalar path names each bad one
        return _scalar_rows(frame, spec, list(range(n)), out, errors, where)
    plan = plan_for(spec)
    columns = {str(c): frame[c].to_numpy() for c in frame.columns}
    decided = decide_columns(plan, columns, n)
    ids = list(spec.indicators)
    tops, good = _tops(spec, frame, n)
    for position, top in enumerate(TOP_COLUMNS):
        out[top] = [t[position] for t in tops]
    out["status"] = np.asarray(_STATUS, dtype=object)[decided.status]
    out["level"] = pd.array(np.where(decided.level < 0, None, decided.level), dtype="Int8")
    out["decided_by"] = _decided_words(np, decided.decided, ids)
    out["possible_levels"] = _possible(np, decided)
    outcome_words = np.asarray(_OUTCOME, dtype=object)
    for j, ind in enumerate(ids):
        out[f"{ind}.outcome"] = outcome_words[decided.outcomes[:, j] + 1]
        band = decided.bands[:, j]
        out[f"{ind}.band"] = pd.array(np.where(band == 0, None, band), dtype="Int8")
    out["error"] = None
    second = np.flatnonzero(decided.scalar | ~np.asarray(good, dtype=bool)).tolist()
    return _scalar_rows(frame, spec, second, out, errors, where) if second else out


def _scalar_rows(  # noqa: PLR0913, PLR0917 - the frame, its rows, and where they stand
    frame: Any,
    spec: CriteriaSet,
    rows: list[int],
    out: Any,
    errors: Any,
    where: tuple[str, int],
) -> Any:
    """The rows the columnar path left, decided one by one by the scalar path."""
    if not rows:
        return out
    records = frame.iloc[rows].to_dict("records")
    source, first = where
    numbers = [r + first for r in rows]  # the table's own row numbers
    results = rows_results(spec, records, source=source, errors=errors, numbers=numbers)
    table = [result_row(r, spec) for r in results]
    pd = need("pandas")
    # All the rows at once (one by one, pandas takes milliseconds a row).
    columns = list(out.columns)
    whole = out.astype(object)
    whole.iloc[rows] = pd.DataFrame(table, columns=columns).to_numpy(dtype=object)
    for column in columns:
        if column == "level" or column.endswith(".band"):
            whole[column] = pd.array(whole[column].tolist(), dtype="Int8")
    return whole


def _tops(spec: CriteriaSet, frame: Any, n: int) -> tuple[list[Any], list[bool]]:
    """Each row's unit, kind and period as the one reader reads them, and whether it can.

    A row with a bad one goes to the scalar path, which names it. Each distinct
    combination is read once.
    """
    from hoctap._problems import Problems  # noqa: PLC0415
    from hoctap.engine._assessment import unit_kind  # noqa: PLC0415
    from hoctap.engine._reader import Reader  # noqa: PLC0415

    def column(name: str) -> list[Any]:
        return frame[name].tolist() if name in frame.columns else [None] * n

    cache: dict[tuple[object, object, object], tuple[Any, bool]] = {}
    tops, good = [], []
    for key in zip(column("unit"), column("kind"), column("period"), strict=True):
        try:
            found = cache.get(key)
        except TypeError:  # an unhashable cell: the reader says what is wrong with it
            found = ((None, None, None), False)
        if found is None:
            unit, kind, period = (None if is_missing(v) else v for v in key)
            reader = Reader(Problems(""))
            name = reader.name(("unit",), unit) or ""
            given = reader.name(("kind",), kind)
            when = reader.period(period)
            found = cache[key] = (
                (name, unit_kind(plan_for(spec), name, given, reader), when),
                not reader.problems,
            )
        tops.append(found[0])
        good.append(found[1])
    return tops, good


def _decided_words(np: Any, masks: Any, ids: list[str]) -> Any:
    """Each row's ``decided_by`` from its bitmask, made once per distinct mask."""
    unique, where = np.unique(masks, return_inverse=True)
    words = np.asarray(
        [",".join(i for j, i in enumerate(ids) if int(m) >> j & 1) for m in unique], dtype=object
    )
    return words[where]


def _possible(np: Any, decided: Any) -> Any:
    """Each row's possible levels, as the scalar path writes them ("0,1,2")."""
    keys = decided.status.astype(np.int64) * 1000 + decided.possible_top.astype(np.int64) * 10
    keys = keys + decided.missing_banded.astype(np.int64)
    keys = np.where(
        decided.status == 2,
        keys,
        decided.status.astype(np.int64) * 1000 + np.maximum(decided.level, 0),
    )
    unique, where = np.unique(keys, return_inverse=True)
    words = []
    for key in unique.tolist():
        status, rest = divmod(key, 1000)
        if status == 2:
            top, banded = divmod(rest, 10)
            levels = [0, *range(1, top + 1)] if banded else [0, top]
        else:
            levels = [rest]
        words.append(",".join(str(x) for x in levels))
    return np.asarray(words, dtype=object)[where]


def records(out: Any) -> list[dict[str, object]]:
    """A results frame as row mappings of plain Python values (None where missing)."""
    pd = need("pandas")
    columns = [str(c) for c in out.columns]
    values = []
    for column in columns:
        series = out[column]
        if str(series.dtype) == "Int8":
            values.append([None if v is pd.NA else int(v) for v in series.to_numpy(dtype=object)])
        else:
            values.append([None if v is None or v is pd.NA else v for v in series.tolist()])
    return [dict(zip(columns, row, strict=True)) for row in zip(*values, strict=True)]


def evaluate_records(
    rows: list[dict[str, object]],
    spec: CriteriaSet,
    *,
    errors: Literal["raise", "column"] = "raise",
    source: str = "<rows>",
    first_row: int = 1,
) -> list[dict[str, object]]:
    """Row mappings through the columnar path: flattened, framed, decided, and back.

    Nested values (``{"2.1.2": {"count": 17, "total": 20}}``) become their flat columns.
    """
    pd = need("pandas")
    flat = [_flatten(row) for row in rows]
    frame = pd.DataFrame(flat, index=range(len(flat)))
    return records(evaluate_frame(frame, spec, errors=errors, source=source, first_row=first_row))


def _flatten(row: dict[str, object]) -> dict[str, object]:
    # type() rather than isinstance(): this runs once per cell; any other mapping stays
    # one cell, which the scalar path reads (or refuses) itself.
    if not any(type(v) is dict for v in row.values()):
        return row
    out: dict[str, object] = {}
    for key, value in row.items():
        if type(value) is dict:
            for inner, cell in value.items():
                if type(cell) is dict:
                    for k, v in cell.items():
                        out[f"{key}.{inner}.{k}"] = v
                else:
                    out[f"{key}.{inner}"] = cell
        else:
            out[key] = value
    return out
