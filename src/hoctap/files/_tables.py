"""Tables in and out: CSV with the standard library, xlsx and DataFrames with the extras.

The only module that reads or writes table files. pandas (the ``frame`` extra) and
openpyxl (the ``excel`` extra) are imported when first needed; without them, the one
line of `need` names the extra to install.
"""

from __future__ import annotations

import csv
import importlib
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hoctap._problems import Problems

if TYPE_CHECKING:
    import os
    from collections.abc import Iterator

__all__ = [
    "TABLE_SUFFIXES",
    "need",
    "read_rows",
    "tidy_sheet",
    "workbook_bytes",
    "write_rows",
]

TABLE_SUFFIXES = (".csv", ".xlsx")
_EXTRAS = {"pandas": "frame", "numpy": "frame", "openpyxl": "excel", "dask": "dask"}
_WORDS = {"true": True, "false": False}
"""A table cell's true/false, as spreadsheets write it (a YAML file could not)."""


def need(module: str) -> Any:
    """Import an optional dependency, or fail with the extra that provides it.

    >>> need("json").__name__
    'json'
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        extra = _EXTRAS.get(module, module)
        msg = (
            f"hoctap needs {module} for this; install the '{extra}' extra: "
            f"pip install 'hoctap[{extra}]'"
        )
        raise ImportError(msg) from None


def read_rows(path: str | os.PathLike[str]) -> tuple[list[dict[str, object]], int]:
    """The rows of a CSV or xlsx table, as mappings by column; and the first data row's number.

    CSV cells are text (hoctap reads numbers in them exactly, ``85,5`` included), with
    ``true``/``false`` as yes/no; an xlsx cell keeps its type. The header is row 1.
    """
    file = Path(path)
    if file.suffix.lower() == ".xlsx":
        return _read_xlsx(file), 2
    try:
        text = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise Problems(str(path)).refused(
            (), "file_not_found", f"không đọc được bảng: {exc}", f"cannot read the table: {exc}"
        ) from None
    reader = csv.DictReader(io.StringIO(text))
    return [{k: _cell(v) for k, v in row.items() if k is not None} for row in reader], 2


def _cell(value: str | None) -> object:
    if value is None:
        return None
    return _WORDS.get(value.strip().casefold(), value)


def _read_xlsx(file: Path) -> list[dict[str, object]]:
    openpyxl = need("openpyxl")
    book = openpyxl.load_workbook(file, read_only=True, data_only=True)
    try:
        lines: Iterator[tuple[Any, ...]] = book.worksheets[0].iter_rows(values_only=True)
        header = [str(h).strip() if h is not None else "" for h in next(lines, ())]
        return [
            {
                h: _cell(v) if isinstance(v, str) else v
                for h, v in zip(header, line, strict=False)
                if h
            }
            for line in lines
        ]
    finally:
        book.close()


def write_rows(rows: list[dict[str, object]], columns: list[str], fmt: str) -> bytes | str:
    """The results table as ``csv`` or ``json`` text, or ``xlsx`` bytes."""
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    if fmt == "xlsx":
        openpyxl = need("openpyxl")
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(columns)
        for row in rows:
            sheet.append([row.get(c) for c in columns])
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def tidy_sheet(sheet: Any, widths: tuple[int, ...], head: int) -> None:
    """Make a worksheet readable.

    Row ``head`` bold and frozen above the rest, every cell wrapped and aligned to the
    top, the columns as wide as ``widths`` (in characters).
    """
    styles = need("openpyxl.styles")
    utils = need("openpyxl.utils")
    wrap = styles.Alignment(wrap_text=True, vertical="top")
    for line in sheet.iter_rows():
        for cell in line:
            cell.alignment = wrap
    for cell in sheet[head]:
        cell.font = styles.Font(bold=True)
    for n, width in enumerate(widths, 1):
        sheet.column_dimensions[utils.get_column_letter(n)].width = width
    sheet.freeze_panes = sheet.cell(head + 1, 1)


def workbook_bytes(book: Any) -> bytes:
    """An openpyxl workbook saved to bytes."""
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
