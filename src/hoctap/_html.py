"""The one HTML page every printed view shares: charset, styles for screen and paper.

The annex (`hoctap.reports.annex`) and the reports (`hoctap.reports.report`) are written as fragments;
`page` wraps a fragment into a self-contained document (no file, font or script is
fetched), and `STYLE` is the same stylesheet inline, so a fragment shown in Jupyter
looks as it does printed. Passing and failing differ by a sign and a word (✓ đạt,
✗ không đạt, ? chưa có số liệu) and by the line beside them, not by colour alone.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from hoctap.errors import printable

if TYPE_CHECKING:
    from hoctap.errors import Lang

__all__ = ["STYLE", "esc", "page"]

STYLE = """
.hoctap { font-family: "Noto Sans", "Segoe UI", Arial, sans-serif; font-size: 14px;
  line-height: 1.45; color: #1a1a1a; max-width: 1200px; }
.hoctap h1 { font-size: 1.45em; margin: 0.4em 0; }
.hoctap h2 { font-size: 1.2em; margin: 1.2em 0 0.4em; border-bottom: 1px solid #999; }
.hoctap h3 { font-size: 1.05em; margin: 1em 0 0.3em; }
.hoctap table { border-collapse: collapse; width: 100%; margin: 0.5em 0; }
.hoctap th, .hoctap td { border: 1px solid #777; padding: 4px 6px; vertical-align: top;
  text-align: left; }
.hoctap th { background: #e8e8e8; }
.hoctap .muted { color: #555; font-size: 0.92em; }
.hoctap .met { border-left: 4px solid #1b7f3b; }
.hoctap .not_met { border-left: 4px double #b3261e; background: #fdf0ef; font-weight: bold; }
.hoctap .missing { border-left: 4px dashed #8a6d00; background: #fff8e1; font-style: italic; }
.hoctap .decisive { outline: 2px solid #333; }
.hoctap .ladder { display: flex; gap: 6px; margin: 0.5em 0; padding: 0; list-style: none; }
.hoctap .ladder li { border: 1px solid #777; padding: 4px 10px; }
.hoctap .ladder li.here { border: 3px solid #111; font-weight: bold; background: #e8f0fe; }
.hoctap .ladder li.possible { border-style: dashed; }
.hoctap details > summary { cursor: pointer; font-weight: bold; margin: 0.3em 0; }
.hoctap ul.trace { list-style: none; padding-left: 1.2em; margin: 0.2em 0; }
.hoctap svg { vertical-align: middle; }
@media print {
  .hoctap { font-size: 11pt; max-width: none; }
  .hoctap details { display: block; }
  .hoctap details > summary { list-style: none; }
  .hoctap .unit { break-before: page; }
  .hoctap tr, .hoctap li { break-inside: avoid; }
  .hoctap th { background: none; }
  .hoctap .not_met, .hoctap .missing { background: none; }
}
"""


def esc(text: object) -> str:
    """Text made inert in HTML: markup escaped, invisible characters shown as escapes."""
    return html.escape(printable(str(text)), quote=True)


def page(title: str, body: str, lang: Lang) -> str:
    """A whole HTML document around a fragment: charset, language, the stylesheet.

    Printed, every folded section opens (``details`` are shown in full) and each unit
    of a report starts a new page.
    """
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n<style>{STYLE}</style>\n"
        "<script>window.addEventListener('beforeprint', () => document"
        ".querySelectorAll('details').forEach(d => d.open = true));</script>\n"
        f'</head>\n<body class="hoctap">\n{body}\n</body>\n</html>\n'
    )
