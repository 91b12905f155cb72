"""Running the tutorial notebook without a Jupyter kernel.

The notebook (docs/tutorial.ipynb) is executed cell by cell in one namespace, as a
kernel would, from the docs/ folder: a cell's last expression is its value, shown by
its ``_repr_html_`` when it has one. The executed notebook is also written out as one
HTML page, for the browser test to open.
"""

from __future__ import annotations

import ast
import contextlib
import html
import io
import json
import os
import re
from pathlib import Path
from typing import Any, NamedTuple

import hoctap
from hoctap._html import page

REPO = Path(__file__).resolve().parents[2]
NOTEBOOK = REPO / "docs" / "tutorial.ipynb"


class Cell(NamedTuple):
    """One cell of the notebook, run: its source, its value and what it printed."""

    kind: str
    source: str
    value: Any = None
    printed: str = ""
    shown: str = ""
    """The value as Jupyter shows it when the cell runs: its HTML, or its repr."""


def run_notebook(path: Path) -> list[Cell]:
    """Every cell of a notebook, its code cells executed in order in one namespace."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    namespace: dict[str, Any] = {"__name__": "__main__"}
    cells = []
    here = Path.cwd()
    os.chdir(path.parent)
    try:
        for n, cell in enumerate(notebook["cells"]):
            source = "".join(cell["source"])
            if cell["cell_type"] != "code":
                cells.append(Cell(cell["cell_type"], source))
                continue
            tree = ast.parse(source, filename=f"{path.name}[{n}]")
            last = tree.body[-1] if tree.body else None
            if isinstance(last, ast.Expr):  # the cell's value, as a kernel shows it
                tree.body.pop()
            else:
                last = None
            printed = io.StringIO()
            with contextlib.redirect_stdout(printed):
                exec(compile(tree, f"{path.name}[{n}]", "exec"), namespace)  # noqa: S102 - our own notebook
                value: Any = None
                if last is not None:
                    shown = compile(ast.Expression(last.value), f"{path.name}[{n}]", "eval")
                    value = eval(shown, namespace)  # noqa: S307 - our own notebook
            cells.append(Cell("code", source, value, printed.getvalue(), _shown(value)))
    finally:
        os.chdir(here)
        hoctap.set_display_language("vi")  # the notebook chose English for itself only
    return cells


def _shown(value: object) -> str:
    if value is None:
        return ""
    as_html = getattr(value, "_repr_html_", None)
    return str(as_html()) if as_html else f"<pre>{html.escape(repr(value))}</pre>"


def _markdown(text: str) -> str:
    """The notebook's Markdown, as simple HTML: headings, paragraphs, inline code."""
    out = []
    for block in text.split("\n\n"):
        body = html.escape(block.strip())
        body = re.sub(r"`([^`]+)`", r"<code>\1</code>", body)
        heading = re.match(r"(#+) (.*)", body)
        if heading:
            level = len(heading.group(1))
            out.append(f"<h{level}>{heading.group(2)}</h{level}>")
        else:
            out.append(f"<p>{body}</p>")
    return "".join(out)


def notebook_html(cells: list[Cell]) -> str:
    """The executed notebook as one page: the code, then each value as Jupyter shows it."""
    parts = []
    for cell in cells:
        if cell.kind != "code":
            parts.append(_markdown(cell.source))
            continue
        parts.append(f"<pre class='code'>{html.escape(cell.source)}</pre>")
        if cell.printed:
            parts.append(f"<pre>{html.escape(cell.printed)}</pre>")
        parts.append(cell.shown)
    return page("hoctap tutorial", "".join(parts), "en")
