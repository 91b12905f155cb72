"""Two criteria sets compared, as a document: text, Markdown, an HTML page fit to print, JSON.

The changes of `hoctap.spec._diff.diff` grouped as a reader of a proposal wants them: the
thresholds that became stricter or looser first, then what was added and removed, then
what was only reworded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hoctap._html import esc, page
from hoctap._json import dumps
from hoctap.errors import Message
from hoctap.results.trace import check_view, markdown_text

if TYPE_CHECKING:
    from hoctap.errors import Lang
    from hoctap.spec._diff import Change, SetDiff

__all__ = ["render_diff"]

_GROUPS: tuple[tuple[tuple[str, ...], Message], ...] = (
    (("stricter", "looser", "neither"), Message("Ngưỡng và cách đo", "Thresholds and measures")),
    (("added", "removed"), Message("Thêm và bỏ", "Added and removed")),
    (("changed",), Message("Quy tắc, cơ quan, văn bản, ngày", "Rules, agencies, documents, dates")),
    (("reworded",), Message("Chỉ đổi lời văn", "Wording only")),
)


def _groups(found: SetDiff) -> list[tuple[Message, list[Change]]]:
    return [
        (title, [c for c in found.changes if c.kind in kinds])
        for kinds, title in _GROUPS
        if any(c.kind in kinds for c in found.changes)
    ]


def _head(found: SetDiff, lang: Lang) -> tuple[str, str]:
    title = Message(
        f"So sánh bộ tiêu chí {found.a} và {found.b}",
        f"Criteria sets {found.a} and {found.b} compared",
    ).render(lang)
    counts = ", ".join(f"{k}: {n}" for k, n in found.counts().items())
    summary = (
        Message("hai bộ giống nhau", "the two sets say the same").render(lang)
        if found.empty
        else counts
    )
    if found.mapping:
        pairs = ", ".join(f"{a}→{b}" for a, b in found.mapping)
        summary += f"; {'đối chiếu' if lang == 'vi' else 'matched'}: {pairs}"
    return title, summary


def render_diff(found: SetDiff, fmt: str = "text", lang: Lang = "vi") -> str:
    """The comparison as ``text``, ``markdown``, ``html`` (a page) or ``json``.

    >>> from hoctap import load
    >>> from hoctap.spec._diff import diff
    >>> print(render_diff(diff(load("district"), load("district")), "text", "en"))
    Criteria sets district and district compared
    the two sets say the same
    <BLANKLINE>
    """
    check_view(fmt, lang)
    if fmt == "json":
        return dumps(found.to_dict())
    title, summary = _head(found, lang)
    groups = _groups(found)
    if fmt == "markdown":
        lines = [f"# {markdown_text(title)}", "", markdown_text(summary), ""]
        for heading, changes in groups:
            lines += [f"## {heading.render(lang)}", ""]
            lines += [f"- {markdown_text(c.words().render(lang))}" for c in changes]
            lines.append("")
        return "\n".join(lines)
    if fmt == "html":
        parts = [f"<h1>{esc(title)}</h1><p class='muted'>{esc(summary)}</p>"]
        for heading, changes in groups:
            parts.append(f"<h2>{esc(heading.render(lang))}</h2><ul>")
            parts += [
                f"<li class='{esc(c.kind)}'>{esc(c.words().render(lang))}</li>" for c in changes
            ]
            parts.append("</ul>")
        return page(title, "".join(parts), lang)
    lines = [title, summary]
    for heading, changes in groups:
        lines += ["", heading.render(lang)]
        lines += [f"  - {c.words().render(lang)}" for c in changes]
    return "\n".join(lines) + "\n"
