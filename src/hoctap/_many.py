"""``hoctap evaluate`` over tables: rows in, a results table out, a summary at the end.

Reads CSV and xlsx tables (the flat column contract of `hoctap.batch._rows`) and folders of
assessment files; writes the results as CSV (to stdout by default), xlsx or JSON, with a
progress count on stderr for long runs when stderr is a terminal, and a closing summary:
units per status and level, and the indicator that decides most often.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from hoctap.api import evaluate_file, evaluate_rows
from hoctap.batch._rows import RowError, columns_of, result_row, rows_results
from hoctap.errors import HoctapError, InputError, Message, Problem
from hoctap.files._forms import is_form
from hoctap.files._loading import load
from hoctap.files._tables import TABLE_SUFFIXES, read_rows, write_rows

if TYPE_CHECKING:
    from typing import TextIO

    from hoctap.results.evaluation import Evaluation
    from hoctap.spec.models import CriteriaSet

__all__ = ["evaluations", "summary", "tables_command"]

_CHUNK = 2000
"""Rows evaluated between two progress counts."""


_NO_CRITERIA = Message(
    "một bảng cần --criteria (ví dụ --criteria district)",
    "a table needs --criteria (e.g. --criteria district)",
)


def tables_command(
    files: list[str], criteria: str | None, output: str | None, fmt: str, out: TextIO
) -> int:
    """Evaluate tables and folders; 0 when every row was read, 2 otherwise."""
    if criteria is None:
        print(Problem("hoctap", 0, 0, (), _NO_CRITERIA, "no_criteria").render(), file=sys.stderr)
        return 2
    spec = load(criteria)
    rows: list[dict[str, object]] = []
    failed = False
    for name in files:
        try:
            rows += _evaluate_one(Path(name), spec)
        except HoctapError as exc:
            print(exc.render(), file=sys.stderr)
            failed = True
    fmt = (
        Path(output).suffix.lower().lstrip(".") if output else ("json" if fmt == "json" else "csv")
    )
    data = write_rows(rows, columns_of(spec), fmt)
    if output:
        Path(output).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    elif isinstance(data, str):
        out.write(data)
    print(summary(rows).render("both"), file=sys.stderr)
    return 2 if failed else 0


def _evaluate_one(path: Path, spec: CriteriaSet) -> list[dict[str, object]]:
    """One table's or folder's rows of results, counting progress on a terminal."""
    if path.is_dir():
        files = _assessment_files(path)
        results = []
        problems: list[Problem] = []
        for file in files:
            try:
                results.append(result_row(evaluate_file(file, criteria=spec), spec))
            except InputError as exc:
                problems += exc.problems
        if problems:
            raise InputError(problems)
        return results
    table, first = read_rows(path)
    done: list[dict[str, object]] = []
    show = sys.stderr.isatty() and len(table) > _CHUNK
    errors: list[Problem] = []
    for start in range(0, len(table), _CHUNK):
        chunk = table[start : start + _CHUNK]
        try:
            done += evaluate_rows(spec, chunk, source=str(path), first_row=first + start)
        except InputError as exc:
            errors += exc.problems
            done += evaluate_rows(
                spec, chunk, source=str(path), first_row=first + start, errors="column"
            )
        if show:
            print(f"\r{len(done):,}/{len(table):,}", end="", file=sys.stderr, flush=True)
    if show:
        print(file=sys.stderr)
    if errors:
        raise InputError(errors)
    return done


def evaluations(files: list[str], spec: CriteriaSet | None) -> list[Evaluation]:
    """Every unit the files hold, evaluated.

    Assessment files (a city's with its districts), tables of units and folders of
    assessments (these judged under ``spec``). Raises one `InputError` with every problem of every file and row.
    """
    out: list[Evaluation] = []
    problems: list[Problem] = []
    for name in files:
        path = Path(name)
        try:
            if not is_table(name):
                out.append(evaluate_file(path, criteria=spec))
                continue
            if spec is None:
                problems.append(Problem(name, 0, 0, (), _NO_CRITERIA, "no_criteria"))
                continue
            if path.is_dir():
                out += evaluations(_assessment_files(path), spec)
                continue
            table, first = read_rows(path)
            out += [
                r
                for r in rows_results(spec, table, source=name, first_row=first)
                if not isinstance(r, RowError)  # none: a bad row raises, located
            ]
        except HoctapError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    return out


def is_table(name: str) -> bool:
    """Whether a command-line name is a table of units (.csv, .xlsx) or a folder.

    A filled form (`hoctap.files._forms`) is one unit's assessment, not a table.
    """
    path = Path(name)
    return (path.suffix.lower() in TABLE_SUFFIXES and not is_form(path)) or path.is_dir()


def _assessment_files(folder: Path) -> list[str]:
    return [
        str(p) for p in sorted(folder.iterdir()) if p.suffix.lower() in {".yaml", ".yml", ".json"}
    ]


def summary(rows: list[dict[str, object]]) -> Message:
    """Units per status and level, and the indicator that decides most often.

    >>> print(summary([{"status": "recognised", "level": 2, "decided_by": "2.1.2"}]).en)
    1 units: recognised: 1 (level 2: 1); not recognised: 0; incomplete: 0; errors: 0; deciding most often: 2.1.2 (1)
    """
    status = Counter(str(r["status"]) for r in rows)
    levels = Counter(r["level"] for r in rows if r["status"] == "recognised")
    deciding = Counter(i for r in rows for i in str(r.get("decided_by") or "").split(",") if i)
    by_level = ", ".join(f"{k}: {levels[k]}" for k in sorted(levels, key=str))
    top = deciding.most_common(1)
    vi_top = f"{top[0][0]} ({top[0][1]})" if top else "—"
    counts = [status[s] for s in ("recognised", "not_recognised", "incomplete", "error")]
    return Message(
        f"{len(rows)} đơn vị: được công nhận: {counts[0]} (mức độ {by_level}); không được công "
        f"nhận: {counts[1]}; chưa đủ số liệu: {counts[2]}; lỗi: {counts[3]}; quyết định nhiều "
        f"nhất: {vi_top}",
        f"{len(rows)} units: recognised: {counts[0]} (level {by_level}); not recognised: "
        f"{counts[1]}; incomplete: {counts[2]}; errors: {counts[3]}; deciding most often: {vi_top}",
    )
