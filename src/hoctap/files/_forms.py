"""Forms to collect a unit's data, and reading them back, filled, as an assessment.

`form_grid` lays a set out as a form: a few rows naming the set, the unit, its kind, the
period and the agency; then one row per indicator (one per part for an indicator judged
in parts) with its text, the kind of value expected, the values allowed and the
evidence, and the cells to fill: the value (a share in percent, or đạt / không đạt),
or the counts (count, total), or last year's and this year's figures. `form_xlsx` writes
it as a workbook with drop-down lists and checks on the cells (the ``excel`` extra),
`form_csv` as CSV, `form_yaml` as an assessment file with the same help as comments.

`read_form` reads a filled form (xlsx or CSV) back into an assessment's data, with the
sheet and cell of every value, so that each problem the assessment reader finds is
said at its cell (``form.xlsx, Biểu mẫu!H12: values["2.1.1"]: ...``).

The layout is fixed by position (the columns of `COLUMNS`, the rows of `_KEYS`), so a
filled form reads back whatever its language; A1 holds `MARK`, by which a form is told
from a table of units.
"""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from hoctap._problems import Problems
from hoctap._words import VOCABULARY, pick
from hoctap.engine._kinds import kind_of
from hoctap.errors import HoctapError, Message, Problem, fold
from hoctap.files._tables import need, tidy_sheet, workbook_bytes

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from hoctap.errors import DataPath, Lang
    from hoctap.spec.models import CriteriaSet, Indicator

__all__ = [
    "COLUMNS",
    "MARK",
    "form_csv",
    "form_grid",
    "form_xlsx",
    "form_yaml",
    "is_form",
    "read_form",
]

MARK = "hoctap-form/1"
"""A1 of every form: what tells a form from a table of units, and its layout's version."""

_KEYS = ("criteria", "unit", "kind", "period", "agency")
"""The rows under A1, in order: what the form is for."""
_HEAD = len(_KEYS) + 3
"""The row of the column headings; the indicators follow it."""

COLUMNS: tuple[tuple[str, Message], ...] = tuple(
    (key, VOCABULARY[phrase])
    for key, phrase in (
        ("indicator", "indicator"),
        ("part", "part"),
        ("text", "text"),
        ("expected", "value_kind"),
        ("allowed", "allowed_values"),
        ("evidence", "evidence"),
        ("lead", "lead"),
        ("value", "form_value"),
        ("count", "count"),
        ("total", "total"),
        ("previous", "previous_year"),
        ("current", "this_year"),
        ("notes", "notes"),
    )
)
"""The form's columns, in order: what each holds, and its heading."""
_COL = {key: n for n, (key, _) in enumerate(COLUMNS, 1)}
_FIGURES = ("value", "count", "total", "previous", "current")
_INDICATOR_ID = re.compile(r"[0-9]+(\.[0-9]+)*")
"""An indicator's number; any other name in the indicator column is a unit attribute's."""
_YES_NO = "có, không"

_LABELS = pick(
    title="form_title",
    criteria="criteria_set_fixed",
    unit="unit_name",
    kind="unit_kind",
    period="period_year",
    agency="filling_agency",
    sheet="form",
    pooled="pooled_form",
    attribute="unit_attribute",
)


def _w(key: str, lang: Lang) -> str:
    return _LABELS[key].render(lang)


class FormRow(NamedTuple):
    """One row of a form: an indicator, or one part of it, and what to fill in."""

    indicator: str
    part: str
    kind: str
    """``attested``, ``percent`` or ``change``: what the value cell takes."""
    cells: tuple[str, ...]
    """Text, kind of value, allowed values, evidence, lead."""
    fills: frozenset[str]
    """The columns of `COLUMNS` to fill: ``value``, ``count``, ``total``, ``previous``,
    ``current``."""


def _rows(spec: CriteriaSet, ids: Iterable[str], lang: Lang) -> list[FormRow]:
    out = []
    for ind in (spec.indicator(i) for i in ids):
        measure = ind.measure
        text = ind.text.render(lang)
        evidence = ind.evidence.render(lang) if ind.evidence else ""
        allowed = measure.describe(lang)
        how = measure.how(lang)
        if how:
            allowed += f"; {how}"
        own = kind_of(measure)
        kind, fills = own.name.render(lang), own.fills
        if own.allowed is not None:
            allowed = own.allowed.render(lang)
        cells = (text, kind, allowed, evidence, ind.lead or "")
        parts = [p.id for p in getattr(measure, "parts", ())] or list(own.form_rows(ind))
        pooled = getattr(measure, "reading", None) == "pooled"
        if not parts or pooled:
            out.append(FormRow(ind.id, "", measure.kind, cells, fills))  # the whole, one figure
        if parts and pooled:
            # or each part's own figures, added up: counts, not shares
            part_cells = (text, _w("pooled", lang), allowed, evidence, ind.lead or "")
            fills -= {"value"}
            out += [FormRow(ind.id, part, measure.kind, part_cells, fills) for part in parts]
        elif parts:
            out += [FormRow(ind.id, part, measure.kind, cells, fills) for part in parts]
    return out


def form_grid(  # noqa: PLR0913 - what the form is for, all by keyword
    spec: CriteriaSet,
    *,
    indicators: Iterable[str] | None = None,
    agency: str | None = None,
    values: Mapping[str, object] | None = None,
    lang: Lang = "vi",
    criteria: str | None = None,
) -> tuple[list[list[object]], list[FormRow]]:
    """The form as a grid of cells (rows of values), and its indicator rows.

    ``indicators`` limits it to those (an agency's own); ``values`` fills it from an
    assessment's values as given (a share, counts, changes, parts; a list of rated units
    is written as its counts by the caller). ``criteria`` is how the form names its set
    (a bundled name, or a path), the set's id by default.
    """
    ids = list(indicators) if indicators is not None else list(spec.indicators)
    rows = _rows(spec, ids, lang)
    title = spec.title.render(lang)
    grid: list[list[object]] = [[MARK, _w("title", lang), title]]
    kinds = ", ".join(t.kind for t in spec.recognition.titles if t.kind != "default")
    help_ = {"kind": kinds, "period": "2022"}
    for key in _KEYS:
        fixed = {"criteria": criteria or spec.id, "agency": agency or ""}.get(key, "")
        grid.append([key, fixed, _w(key, lang), help_.get(key, "")])
    grid.append([])
    grid.append([label.render(lang) for _, label in COLUMNS])
    for row in rows:
        line: list[object] = [row.indicator, row.part, *row.cells]
        line += [""] * (len(COLUMNS) - len(line))
        given = (values or {}).get(row.indicator)
        if row.part and isinstance(given, dict):
            whole, given = given, given.get(row.part)
            if given is not None and not isinstance(given, dict) and "total" in whole:
                given = {"count": given, "total": whole["total"]}  # a level's count of all
        for key, figure in _figures(given, row).items():
            line[_COL[key] - 1] = figure
        grid.append(line)
    # What the unit is that changes its thresholds ("xã thuộc vùng khó khăn"): a row each,
    # named by the attribute's id where an indicator's number stands, "có" or "không".
    for trait in spec.attributes:
        flag = (values or {}).get(trait.id)
        line = [trait.id, "", trait.text.render(lang), _w("attribute", lang), _YES_NO, trait.clause]
        line += [""] * (len(COLUMNS) - len(line))
        line[_COL["value"] - 1] = "" if flag is None else ("có" if flag else "không")
        grid.append(line)
    return grid, rows


def _figures(given: object, row: FormRow) -> dict[str, object]:
    """A value as given, spread over the form's cells."""
    if given is None:
        return {}
    if isinstance(given, dict):
        return {k: v for k, v in given.items() if k in _FIGURES}
    if isinstance(given, bool):
        return {"value": "đạt" if given else "không đạt"}
    return {"value": given} if "value" in row.fills else {}


def form_csv(grid: list[list[object]]) -> str:
    """The form as CSV text (UTF-8 with a byte-order mark, so spreadsheets read Vietnamese)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for line in grid:
        writer.writerow(["" if c is None else _text(c) for c in line])
    return "\ufeff" + out.getvalue()


def _text(cell: object) -> str:
    return format(cell, "f") if isinstance(cell, Decimal) else str(cell)


def form_xlsx(grid: list[list[object]], rows: list[FormRow], lang: Lang = "vi") -> bytes:
    """The form as a workbook.

    Drop-down lists and checks on the cells to fill; the cells that take nothing greyed.
    """
    openpyxl = need("openpyxl")
    styles = need("openpyxl.styles")
    validation = need("openpyxl.worksheet.datavalidation")
    utils = need("openpyxl.utils")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = _w("sheet", lang)
    for line in grid:
        sheet.append([float(c) if isinstance(c, Decimal) else c for c in line])
    tidy_sheet(sheet, (10, 14, 50, 26, 30, 34, 22, 16, 10, 10, 11, 11, 20), _HEAD)
    grey = styles.PatternFill("solid", fgColor="D9D9D9")
    fill = styles.PatternFill("solid", fgColor="FFF9DB")
    checks = {
        "attested": validation.DataValidation(
            type="list", formula1='"đạt,không đạt"', allow_blank=True
        ),
        "value": validation.DataValidation(
            type="decimal", operator="between", formula1="0", formula2="100", allow_blank=True
        ),
        "count": validation.DataValidation(
            type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True
        ),
    }
    for check in checks.values():
        sheet.add_data_validation(check)
    for n, row in enumerate(rows, _HEAD + 1):
        for key in _FIGURES:
            cell = sheet.cell(n, _COL[key])
            if key not in row.fills:
                cell.fill = grey
                continue
            cell.fill = fill
            ref = f"{utils.get_column_letter(_COL[key])}{n}"
            if key == "value":
                checks["attested" if row.kind == "attested" else "value"].add(ref)
            elif key in {"count", "total"}:
                checks["count"].add(ref)
    for key in ("unit", "kind", "period"):
        sheet.cell(2 + _KEYS.index(key), 2).fill = fill
    return workbook_bytes(book)


def form_yaml(spec: CriteriaSet, rows: list[FormRow], grid: list[list[object]], lang: Lang) -> str:
    """The form as an assessment file, each indicator's help as comments above it."""
    top = {line[0]: line[1] for line in grid[1 : 1 + len(_KEYS)]}
    title = spec.title.render(lang)
    lines = [
        f"# {_w('title', lang)}: {title}",
        f"criteria: {_yaml_text(str(top['criteria']))}",
        f"unit:      # {_w('unit', lang)}",
        f"kind:      # {_w('kind', lang)}: {grid[1 + _KEYS.index('kind')][3]}",
        f"period:    # {_w('period', lang)}",
        *(
            f"{a.id}: false    # {_one_line(a.text.render(lang))} ({a.clause}): "
            f"{'true nếu đúng' if lang == 'vi' else 'true if so'}"
            for a in spec.attributes
        ),
        "values:",
    ]
    seen: set[str] = set()
    for row in rows:
        if row.indicator in seen:
            continue
        seen.add(row.indicator)
        text, kind, allowed, evidence, lead = row.cells
        lines.append(f"  # {row.indicator}. {_one_line(text)}")
        lines.append(f"  #   {_one_line(kind)}; {_one_line(allowed)}")
        if evidence:
            lines.append(f"  #   {_w_col('evidence', lang)}: {_one_line(evidence)}")
        if lead:
            lines.append(f"  #   {_w_col('lead', lang)}: {_one_line(lead)}")
        lines.append(f'  "{row.indicator}":{_yaml_skeleton(spec.indicator(row.indicator))}')
    return "\n".join(lines) + "\n"


def _w_col(key: str, lang: Lang) -> str:
    return dict(COLUMNS)[key].render(lang)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _yaml_text(text: str) -> str:
    return f'"{text}"' if any(c in text for c in ":#'\"{}[],&*!|>%@`") else text


def _yaml_skeleton(ind: Indicator) -> str:
    """How to fill an indicator's value, as a comment after its (empty) key."""
    parts = [p.id for p in getattr(ind.measure, "parts", ())]
    figure = kind_of(ind.measure).skeleton
    if parts:
        return f"    # {{{', '.join(f'{p}: {figure}' for p in parts)}}}"
    return f"    # {figure}"


# --- reading a filled form --------------------------------------------------------------


def is_form(path: str | Path) -> bool:
    """Whether a file is a hoctap form (A1 says so), not a table of units."""
    file = Path(path)
    try:
        if file.suffix.lower() == ".xlsx":
            book = need("openpyxl").load_workbook(file, read_only=True)
            try:  # a read-only workbook holds its file open until closed
                first: tuple[object, ...] = next(
                    book.active.iter_rows(min_row=1, max_row=1, max_col=1, values_only=True),
                    (None,),
                )
            finally:
                book.close()
            return first[0] == MARK
        if file.suffix.lower() == ".csv":
            with file.open(encoding="utf-8-sig") as handle:
                return handle.readline().split(",", 1)[0].strip() == MARK
    except (OSError, UnicodeDecodeError, ValueError, KeyError):
        return False
    return False


class FilledForm(NamedTuple):
    """A filled form read back: an assessment's data, and the cell of each value."""

    data: dict[str, object]
    cells: dict[DataPath, str]
    """Each value's place, as ``Sheet!H12``, by its path in ``data``."""
    source: str

    def problem(self, path: DataPath, message: Message, code: str, *, key: bool = False) -> Problem:
        """A problem at the cell of ``path``, or of its nearest ancestor with a cell.

        A form has no lines: its places are cells (a `hoctap._problems.Locator`).
        """
        del key  # a key and its value share a cell
        probe = path
        while probe and probe not in self.cells:
            probe = probe[:-1]
        where = f"{self.source}, {self.cells[probe]}" if probe in self.cells else self.source
        return Problem(where, 0, 0, path, message, code)


def read_form(path: str | Path) -> FilledForm:
    """Read a filled form (xlsx or CSV) into an assessment's data.

    Raises `InputError` when the file is not a form or its layout was changed, each
    problem at its cell.
    """
    file = Path(path)
    if file.suffix.lower() == ".xlsx":
        book = need("openpyxl").load_workbook(file, data_only=True)
        sheet = book.active
        grid = [[_xlsx_value(c) for c in line] for line in sheet.iter_rows()]
        name = sheet.title
    else:
        text = file.read_text(encoding="utf-8-sig")
        grid = [list(line) for line in csv.reader(io.StringIO(text))]
        name = ""
    return _read_grid(grid, str(file), name)


def _xlsx_value(cell: Any) -> object:
    """A cell's value as the form means it; text is stripped.

    A number shown as a percentage (0.855 shown as 85.5%) is 85.5, the number the
    person filling the form sees.
    """
    value = cell.value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if "%" in str(cell.number_format):
            return Decimal(repr(value)) * 100
        return value
    return value.strip() if isinstance(value, str) else value


def _where(sheet: str, row: int, column: int) -> str:
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{sheet}!{letters}{row}" if sheet else f"{letters}{row}"


class _Grid:
    """A form's cells by row and column (from 1), empty cells as None."""

    def __init__(self, grid: list[list[object]], source: str, sheet: str) -> None:
        self.grid, self.source, self.sheet = grid, source, sheet

    def __call__(self, row: int, column: int) -> object:
        line = self.grid[row - 1] if row <= len(self.grid) else []
        value = line[column - 1] if column <= len(line) else None
        return None if value == "" else value

    def where(self, row: int, column: int) -> str:
        return _where(self.sheet, row, column)

    def fail(self, row: int, column: int, vi: str, en: str) -> HoctapError:
        return (
            Problems(self.source).within(self.where(row, column)).refused((), "not_a_form", vi, en)
        )


def _read_grid(grid: list[list[object]], source: str, sheet: str) -> FilledForm:
    cell = _Grid(grid, source, sheet)
    if cell(1, 1) != MARK:
        raise cell.fail(
            1,
            1,
            f"không phải biểu mẫu hoctap (ô A1 phải là {MARK}); một bảng nhiều đơn vị được "
            "đánh giá bằng 'hoctap evaluate BẢNG --criteria TÊN' hoặc hoctap.evaluate_many",
            f"not a hoctap form (cell A1 must read {MARK}); a table of units is evaluated with "
            "'hoctap evaluate TABLE --criteria NAME' or hoctap.evaluate_many",
        )
    data: dict[str, object] = {}
    cells: dict[DataPath, str] = {}
    for n, key in enumerate(_KEYS, 2):
        if cell(n, 1) != key:
            raise cell.fail(
                n,
                1,
                f"ô này phải là '{key}': đừng xóa hay chèn dòng ở đầu biểu mẫu",
                f"this cell must read '{key}': do not delete or insert rows at the top",
            )
        cells[(key,)] = cell.where(n, 2)
        if key != "agency" and cell(n, 2) is not None:
            data[key] = cell(n, 2)
    heading = COLUMNS[0][1]
    if cell(_HEAD, 1) not in {heading.vi, heading.en}:
        raise cell.fail(
            _HEAD,
            1,
            "dòng tiêu đề các cột đã bị dời: đừng xóa hay chèn dòng",
            "the row of column headings has moved: do not delete or insert rows",
        )
    values = _read_values(cell, range(_HEAD + 1, len(grid) + 1), cells)
    for key in [k for k in values if not _INDICATOR_ID.fullmatch(k)]:  # an attribute's row
        data[key] = _flag(values.pop(key))
        cells[(key,)] = cells.pop(("values", key))
    data["values"] = values
    return FilledForm(data, cells, source)


def _flag(value: object) -> object:
    """An attribute's cell: "có" / "không" (or true / false) as a bool, anything else as is."""
    word = fold(str(value)).strip() if isinstance(value, str | bool) else None
    return {"có": True, "true": True, "không": False, "false": False}.get(word or "", value)


def _read_values(cell: _Grid, rows: range, cells: dict[DataPath, str]) -> dict[str, object]:
    """The values of the filled rows; a row left empty is an indicator without a value.

    A row given twice, or an indicator given both whole and part by part, is refused at
    its cell: neither figure may silently win.
    """
    values: dict[str, object] = {}
    by_parts: set[str] = set()
    problems = Problems(cell.source)
    for row in rows:
        indicator, part = cell(row, _COL["indicator"]), cell(row, _COL["part"])
        filled = {k: cell(row, _COL[k]) for k in _FIGURES if cell(row, _COL[k]) is not None}
        if indicator is None or not filled:
            continue
        key = str(indicator)
        base: DataPath = ("values", key) if part is None else ("values", key, str(part))
        here = cell.where(row, _COL[next(iter(filled))])
        if (part is None) == (key in by_parts) and key in values:  # whole, and by parts
            problems.within(here).add(
                base,
                "whole_and_parts",
                f"chỉ báo {key} đã có số liệu ở dòng khác: ghi số liệu chung hoặc số liệu "
                "từng phần, không ghi cả hai",
                f"indicator {key} is given on another row already: give the whole or each "
                "part, not both",
            )
            continue
        if base in cells:  # the same indicator, or the same part, on a second row
            first = cells[base]
            problems.within(here).add(
                base,
                "duplicate_key",
                f"dòng này ghi lại số liệu đã có ở {first}; xóa một trong hai",
                f"this row gives again what {first} gives; remove one of them",
            )
            continue
        cells[base] = here
        figure: object = filled
        if set(filled) == {"value"}:
            figure = filled["value"]
        else:  # counts, or two years' figures (or, wrongly, a value beside them: said so)
            cells.update({(*base, k): cell.where(row, _COL[k]) for k in filled})
        if part is None:
            values[key] = figure
            continue
        by_parts.add(key)
        cells.setdefault(("values", key), here)
        parts = values.setdefault(key, {})
        assert isinstance(parts, dict)  # noqa: S101 - a key given by parts holds its parts
        parts[str(part)] = figure
    problems.check()
    return values
