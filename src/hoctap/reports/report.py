"""Reports to hand to a council: one unit, a table of units, or a city and its districts.

`report` writes a self-contained HTML page (`hoctap._html`: charset, print stylesheet),
Markdown, or an xlsx workbook (the ``excel`` extra), in Vietnamese or English. A unit's
section gives the result and the level ladder, what stands before the next level, each
indicator under its standard (folded) with its rule, value and outcome, each banded
indicator drawn against its bands as inline SVG, and the whole trace, folded. A report
of several units opens with a summary: units per level, and the indicator that decides
most often. A city's districts follow it, each in its own section.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Literal

from hoctap._html import STYLE, esc, page
from hoctap._words import pick
from hoctap.engine._assessment import assessed_year
from hoctap.errors import Message
from hoctap.files._loading import registry
from hoctap.files._tables import need, tidy_sheet, workbook_bytes
from hoctap.reports._charts import band_svg, levels_chart, result_names, summary_counts
from hoctap.results.trace import (
    markdown_text,
    outcome_words,
    render_html,
    trace_markdown,
)

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping, Sequence

    from hoctap.errors import Lang
    from hoctap.results.trace import IndicatorResult, Viewable
    from hoctap.spec.models import Band, CriteriaSet

__all__ = [
    "ReportFormat",
    "levels_chart",
    "report",
    "report_html",
    "report_markdown",
    "report_xlsx",
    "rows_html",
]


def __dir__() -> list[str]:
    return list(__all__)


ReportFormat = Literal["html", "markdown", "xlsx"]

_WORDS = pick(
    "report",
    "summary",
    "units",
    "unit",
    "result",
    "decided_by",
    "next",
    "standard",
    "criterion",
    "indicator",
    "text",
    "meets",
    "value",
    "outcome",
    "period",
    "none",
    "decisive",
    most="deciding_most",
    ladder="levels_ladder",
    missing="still_missing",
    warning="note",
    band="band_column",
    bands="against_bands",
    trace="full_trace",
    criteria="criteria_set",
    not_recognised="not_recognised_heading",
    incomplete="incomplete_heading",
    level="level_column",
    here="level_reached",
    possible="still_possible",
    met_count="met",
    over_time="recognition_over_time",
    deadlines="deadlines",
)
_SIGN = {"met": "✓", "not_met": "✗", "missing": "?", "not_applicable": "–"}


def _w(key: str, lang: Lang) -> str:
    return _WORDS[key].render(lang)


def _over_time(ev: Viewable, lang: Lang) -> list[tuple[str, str]]:
    """The unit's recognition over time, and its set's deadlines for the assessed year."""
    out = []
    held = ev.standing
    if held is not None and held.kind != "too_early":  # too early: a warning already
        out.append((_w("over_time", lang), held.words.render(lang)))
    entry = registry().entry(ev.criteria.id)
    year = assessed_year(ev.period)
    if entry is not None and entry.due and year is not None:
        said = "; ".join(d.words(year).render(lang) for d in entry.due)
        out.append((_w("deadlines", lang), said))
    return out


def _result(ev: Viewable, lang: Lang) -> str:
    if ev.status == "recognised" and ev.title is not None:
        return ev.title.render(lang)
    words = outcome_words(ev.status, lang)
    return words[0].upper() + words[1:]


def _outcome(result: IndicatorResult, lang: Lang) -> str:
    """The outcome with its sign and its word: pass and fail differ by more than colour."""
    return f"{_SIGN[result.outcome]} {outcome_words(result.outcome, lang)}"


def _standards(spec: CriteriaSet, lang: Lang) -> Iterator[tuple[str, tuple[str, ...]]]:
    """Each standard's heading and its indicators' ids."""
    for std in spec.standards:
        ids = tuple(i.id for i in std.all_indicators)
        yield f"{std.id}. {std.title.render(lang)}", ids


def _all_units(evaluations: Sequence[Viewable]) -> list[Viewable]:
    """The evaluations in order, a city's districts after the city."""
    out: list[Viewable] = []
    for ev in evaluations:
        out.append(ev)
        out += list(ev.units)
    return out


# --- HTML ------------------------------------------------------------------------------


def _ladder_html(ev: Viewable, lang: Lang) -> str:
    """The levels as a row of steps, the one reached (or those still possible) marked."""
    level = ev.level
    steps = [(0, _w("not_recognised", lang))]
    steps += [(b.level, f"{_w('level', lang)} {b.level}") for b in ev.criteria.recognition.levels]
    parts = [f"<ol class='ladder' aria-label='{esc(_w('ladder', lang))}'>"]
    for n, words in steps:
        if ev.status != "incomplete" and n == level:
            parts.append(
                f"<li class='here' aria-current='true'>◆ {esc(words)} "
                f"<span class='muted'>({esc(_w('here', lang))})</span></li>"
            )
        elif ev.status == "incomplete" and n in ev.possible_levels:
            parts.append(
                f"<li class='possible'>? {esc(words)} "
                f"<span class='muted'>({esc(_w('possible', lang))})</span></li>"
            )
        else:
            parts.append(f"<li>{esc(words)}</li>")
    parts.append("</ol>")
    return "".join(parts)


def _indicators_html(ev: Viewable, lang: Lang, anchor: str) -> str:
    """Each indicator under its standard, folded; banded ones drawn against their bands."""
    spec = ev.criteria
    results = {r.id: r for r in ev.indicators}
    decisive = set(ev.decided_by)
    bands = spec.recognition.levels
    parts = []
    for title, ids in _standards(spec, lang):
        met = sum(results[i].outcome == "met" for i in ids)
        summary = f"{_w('criterion' if spec.two_levels else 'standard', lang)} {title} — {met}/{len(ids)} {_w('met_count', lang)}"
        failing = any(results[i].outcome != "met" for i in ids)
        parts.append(f"<details{' open' if failing else ''}><summary>{esc(summary)}</summary>")
        parts.append("<table class='indicators'><thead><tr>")
        keys = ("indicator", "text", "meets", "value", "outcome", "band", "bands")
        parts += [f"<th>{esc(_w(key, lang))}</th>" for key in keys]
        parts.append("</tr></thead><tbody>")
        for i in ids:
            result, ind = results[i], spec.indicator(i)
            css = result.outcome + (" decisive" if i in decisive else "")
            star = "★ " if i in decisive else ""
            seen = result.observed(lang) if result.outcome != "missing" else "—"
            band = str(result.band) if result.band is not None else ""
            # A chart of shared bands; an indicator's own thresholds per level have none.
            chart = band_svg(result, bands, lang) if result.banded and not bands[0].own else ""
            parts.append(
                f"<tr class='{css}' id='{esc(f'{anchor}-{i}')}'><td>{esc(star + i)}</td>"
                f"<td>{esc(ind.text.render(lang))}</td><td>{esc(ind.measure.describe(lang))}</td>"
                f"<td>{esc(seen)}</td><td>{esc(_outcome(result, lang))}</td><td>{esc(band)}</td>"
                f"<td>{chart}</td></tr>"
            )
        parts.append("</tbody></table></details>")
    return "".join(parts)


def _unit_html(ev: Viewable, lang: Lang, *, anchor: str, heading: int = 2) -> str:
    """One unit's section, a city's districts after it.

    ``anchor`` is its id (``unit-2``, a district of it ``unit-2-5``), by position, so the
    same report is the same page every time.
    """
    spec = ev.criteria
    period = f", {ev.period}" if ev.period else ""
    parts = [
        f"<section class='unit' id='{esc(anchor)}'>",
        f"<h{heading}>{esc(ev.unit + period)}</h{heading}>",
        (
            f"<p class='muted'>{esc(_w('criteria', lang))}: {esc(spec.title.render(lang))} "
            f"({esc(spec.id)} {esc(spec.version)}; {esc(spec.legal_basis[0])})</p>"
        ),
        f"<p><strong>{esc(_w('result', lang))}: {esc(_result(ev, lang))}</strong>",
        (
            f"<br>{esc(_w('decided_by', lang))}: "
            f"{esc(', '.join(ev.decided_by) or _w('none', lang))}</p>"
        ),
        _ladder_html(ev, lang),
    ]
    parts += [
        f"<p class='missing'>{esc(_w('warning', lang))}: {esc(w.render(lang))}</p>"
        for w in ev.warnings
    ]
    parts += [f"<p>{esc(k)}: {esc(v)}</p>" for k, v in _over_time(ev, lang)]
    if ev.blockers:
        key = "missing" if ev.status == "incomplete" else "next"
        parts.append(f"<h{heading + 1}>{esc(_w(key, lang))}</h{heading + 1}><ul>")
        parts += [f"<li>{esc(b.message.render(lang))}</li>" for b in ev.blockers]
        parts.append("</ul>")
    parts.append(f"<p class='muted'>{esc(_w('decisive', lang))}</p>")
    parts.append(_indicators_html(ev, lang, anchor))
    parts.append(f"<details><summary>{esc(_w('trace', lang))}</summary>")
    parts.append(render_html(_without_units(ev), lang))
    parts.append("</details></section>")
    for n, unit in enumerate(ev.units, 1):
        parts.append(_unit_html(unit, lang, anchor=f"{anchor}-{n}", heading=heading + 1))
    return "".join(parts)


class _NoUnits:
    """An evaluation seen without its districts: the trace view then stops at the city."""

    def __init__(self, ev: Viewable) -> None:
        self._ev = ev

    def __getattr__(self, name: str) -> object:
        return () if name == "units" else getattr(self._ev, name)


def _without_units(ev: Viewable) -> Viewable:
    return _NoUnits(ev) if ev.units else ev  # type: ignore[return-value]


def _summary_html(evaluations: Sequence[Viewable], lang: Lang) -> str:
    spec = evaluations[0].criteria
    results, deciding = summary_counts(evaluations)
    parts = [f"<h2>{esc(_w('summary', lang))}</h2>", levels_chart(evaluations, lang)]
    parts.append("<table class='summary'>")
    for code, words in result_names(spec, lang):
        parts.append(f"<tr><th>{esc(words)}</th><td>{results.get(code, 0)}</td></tr>")
    top = deciding.most_common(1)
    most = f"{top[0][0]} ({top[0][1]})" if top else "—"
    parts.append(f"<tr><th>{esc(_w('most', lang))}</th><td>{esc(most)}</td></tr></table>")
    parts.append(
        f"<table class='units'><thead><tr><th>{esc(_w('unit', lang))}</th>"
        f"<th>{esc(_w('result', lang))}</th><th>{esc(_w('decided_by', lang))}</th></tr></thead>"
        "<tbody>"
    )
    parts += [
        f"<tr><td><a href='#unit-{n}'>{esc(ev.unit)}</a></td>"
        f"<td>{esc(_result(ev, lang))}</td><td>{esc(', '.join(ev.decided_by))}</td></tr>"
        for n, ev in enumerate(evaluations, 1)
    ]
    parts.append("</tbody></table>")
    return "".join(parts)


def report_html(
    evaluations: Viewable | Sequence[Viewable], lang: Lang = "vi", *, standalone: bool = True
) -> str:
    """The report as HTML: a whole page, or (``standalone=False``) a fragment for Jupyter."""
    evs = _as_list(evaluations)
    title = _w("report", lang) + (f": {evs[0].unit}" if len(evs) == 1 else "")
    parts = [f"<h1>{esc(title)}</h1>"]
    if len(evs) > 1:
        parts.append(_summary_html(evs, lang))
    parts += [_unit_html(ev, lang, anchor=f"unit-{n}") for n, ev in enumerate(evs, 1)]
    body = "".join(parts)
    if standalone:
        return page(title, body, lang)
    return f"<div class='hoctap'><style>{STYLE}</style>{body}</div>"


def _as_list(evaluations: Viewable | Sequence[Viewable]) -> list[Viewable]:
    if isinstance(evaluations, (list, tuple)):
        if not evaluations:
            msg = "a report needs at least one evaluation"
            raise ValueError(msg)
        return list(evaluations)
    return [evaluations]  # type: ignore[list-item]


# --- Markdown --------------------------------------------------------------------------


def _bands_words(result: IndicatorResult, bands: tuple[Band, ...], lang: Lang) -> str:
    """The chart in words, for Markdown: each band's edges, the value's band marked."""
    marks = []
    for band in bands:
        words = markdown_text(band.words(lang, result.id))
        marks.append(f"**{words}**" if result.band == band.level else words)
    return "; ".join(marks)


def _unit_markdown(ev: Viewable, lang: Lang, depth: int = 2) -> list[str]:
    spec = ev.criteria
    period = f", {ev.period}" if ev.period else ""
    lines = [f"{'#' * depth} {markdown_text(ev.unit + period)}", ""]
    lines.append(
        f"{_w('criteria', lang)}: {markdown_text(spec.title.render(lang))} "
        f"({markdown_text(spec.id)} {markdown_text(spec.version)})  "
    )
    lines.append(f"**{_w('result', lang)}: {markdown_text(_result(ev, lang))}**  ")
    lines.append(
        f"{_w('decided_by', lang)}: {markdown_text(', '.join(ev.decided_by) or _w('none', lang))}"
    )
    level = ev.level
    steps = [(0, _w("not_recognised", lang))]
    steps += [(b.level, f"{_w('level', lang)} {b.level}") for b in spec.recognition.levels]
    ladder = []
    for n, words in steps:
        if ev.status != "incomplete" and n == level:
            ladder.append(f"**◆ {words}**")
        elif ev.status == "incomplete" and n in ev.possible_levels:
            ladder.append(f"? {words}")
        else:
            ladder.append(words)
    lines += ["", f"{_w('ladder', lang)}: " + " → ".join(ladder)]
    lines.append("")
    lines += [f"> {_w('warning', lang)}: {markdown_text(w.render(lang))}" for w in ev.warnings]
    over_time = [f"{k}: {markdown_text(v)}  " for k, v in _over_time(ev, lang)]
    lines += [*over_time, ""] if over_time else []
    if ev.blockers:
        key = "missing" if ev.status == "incomplete" else "next"
        lines += [f"**{_w(key, lang)}:**", ""]
        lines += [f"- {markdown_text(b.message.render(lang))}" for b in ev.blockers]
        lines.append("")
    results = {r.id: r for r in ev.indicators}
    decisive = set(ev.decided_by)
    for title, ids in _standards(spec, lang):
        lines += [
            f"{'#' * (depth + 1)} {_w('criterion' if spec.two_levels else 'standard', lang)} {markdown_text(title)}",
            "",
        ]
        cols = ("indicator", "meets", "value", "outcome", "bands")
        lines.append("| " + " | ".join(_w(c, lang) for c in cols) + " |")
        lines.append("|" + "---|" * len(cols))
        for i in ids:
            result = results[i]
            star = "★ " if i in decisive else ""
            seen = result.observed(lang) if result.outcome != "missing" else "—"
            bands = _bands_words(result, spec.recognition.levels, lang) if result.banded else ""
            cells = (
                star + i,
                spec.indicator(i).measure.describe(lang),
                seen,
                _outcome(result, lang),
            )
            lines.append("| " + " | ".join(markdown_text(c) for c in cells) + f" | {bands} |")
        lines.append("")
    lines += [*trace_markdown(_without_units(ev), lang), ""]
    for unit in ev.units:
        lines += _unit_markdown(unit, lang, depth + 1)
    return lines


def report_markdown(evaluations: Viewable | Sequence[Viewable], lang: Lang = "vi") -> str:
    """The report as Markdown: the same sections, the band chart in words."""
    evs = _as_list(evaluations)
    lines = [f"# {_w('report', lang)}", ""]
    if len(evs) > 1:
        results, deciding = summary_counts(evs)
        lines += [f"## {_w('summary', lang)}", ""]
        for code, words in result_names(evs[0].criteria, lang):
            lines.append(f"- {words}: {results.get(code, 0)}")
        top = deciding.most_common(1)
        lines.append(f"- {_w('most', lang)}: {f'{top[0][0]} ({top[0][1]})' if top else '—'}")
        lines += ["", f"| {_w('unit', lang)} | {_w('result', lang)} | {_w('decided_by', lang)} |"]
        lines.append("|---|---|---|")
        for ev in evs:
            cells = (ev.unit, _result(ev, lang), ", ".join(ev.decided_by))
            lines.append("| " + " | ".join(markdown_text(c) for c in cells) + " |")
        lines.append("")
    for ev in evs:
        lines += _unit_markdown(ev, lang)
    return "\n".join(lines).rstrip("\n") + "\n"


# --- xlsx ------------------------------------------------------------------------------


def report_xlsx(evaluations: Viewable | Sequence[Viewable], lang: Lang = "vi") -> bytes:
    """The report as a workbook.

    A summary sheet with one row per unit, and a sheet with one row per unit and
    indicator, its outcome written out and the row filled by outcome.
    """
    openpyxl = need("openpyxl")
    styles = need("openpyxl.styles")
    evs = _all_units(_as_list(evaluations))
    book = openpyxl.Workbook()
    summary = book.active
    summary.title = _w("summary", lang)
    summary.append(
        [_w(k, lang) for k in ("unit", "period", "criteria", "result", "decided_by")]
        + [_w("next", lang)]
    )
    for ev in evs:
        summary.append(
            [
                ev.unit,
                ev.period or "",
                f"{ev.criteria.id} {ev.criteria.version}",
                _result(ev, lang),
                ", ".join(ev.decided_by),
                "\n".join(b.message.render(lang) for b in ev.blockers),
            ]
        )
    tidy_sheet(summary, (26, 10, 22, 30, 16, 70), 1)
    sheet = book.create_sheet(_w("indicator", lang))
    sheet.append(
        [_w(k, lang) for k in ("unit", "indicator", "text", "meets", "value", "outcome", "band")]
    )
    fills = {
        "not_met": styles.PatternFill("solid", fgColor="FDE0DC"),
        "missing": styles.PatternFill("solid", fgColor="FFF3C4"),
    }
    for ev in evs:
        for result in ev.indicators:
            ind = ev.criteria.indicator(result.id)
            star = "★ " if result.id in ev.decided_by else ""
            sheet.append(
                [
                    ev.unit,
                    star + result.id,
                    ind.text.render(lang),
                    ind.measure.describe(lang),
                    result.observed(lang) if result.outcome != "missing" else "",
                    _outcome(result, lang),
                    result.band,
                ]
            )
            if result.outcome in fills:
                for cell in sheet[sheet.max_row]:
                    cell.fill = fills[result.outcome]
    tidy_sheet(sheet, (24, 10, 60, 24, 22, 18, 8), 1)
    return workbook_bytes(book)


def rows_html(rows: Sequence[Mapping[str, object]], lang: Lang = "vi") -> str:
    """A results table (`hoctap.evaluate_many`'s rows) as HTML.

    The units per result, then one line per unit, the rows not recognised or in error
    marked by a sign and a word.
    """
    results = Counter(
        f"level {r.get('level')}" if r.get("status") == "recognised" else str(r.get("status"))
        for r in rows
    )
    words = {
        "not_recognised": _w("not_recognised", lang),
        "incomplete": _w("incomplete", lang),
        "error": Message("Lỗi số liệu", "Input error").render(lang),
    }
    level = _w("level", lang)
    counts = ", ".join(
        f"{words.get(k) or f'{level} {k.split()[-1]}'}: {n}" for k, n in sorted(results.items())
    )
    sign = {"recognised": "✓", "not_recognised": "✗", "incomplete": "?", "error": "!"}
    heads = ("unit", "period", "result", "decided_by")
    parts = [
        f"<div class='hoctap'><style>{STYLE}</style>",
        f"<p><strong>{len(rows)} {esc(_w('units', lang))}</strong>: {esc(counts)}</p>",
        "<table class='results'><thead><tr>",
        *(f"<th>{esc(_w(h, lang))}</th>" for h in heads),
        "</tr></thead><tbody>",
    ]
    for r in rows:
        status = str(r.get("status"))
        if status == "recognised":
            result = f"{_w('level', lang)} {r.get('level')}"
        else:
            result = words.get(status, status)
        if status == "error" and r.get("error"):
            result += f": {r.get('error')}"
        css = {"not_recognised": "not_met", "incomplete": "missing", "error": "not_met"}
        parts.append(
            f"<tr class='{css.get(status, 'met')}'><td>{esc(r.get('unit') or '')}</td>"
            f"<td>{esc(r.get('period') or '')}</td>"
            f"<td>{esc(sign.get(status, '') + ' ' + result)}</td>"
            f"<td>{esc(r.get('decided_by') or '')}</td></tr>"
        )
    parts.append("</tbody></table></div>")
    return "".join(parts)


def report(
    evaluations: Viewable | Sequence[Viewable], fmt: ReportFormat = "html", lang: Lang = "vi"
) -> str | bytes:
    """A report of one evaluation or several: ``html`` (a page), ``markdown``, ``xlsx`` (bytes).

    >>> import hoctap
    >>> page = report(hoctap.evaluate_file("examples/district-le-chan.yaml"))
    >>> page.startswith("<!DOCTYPE html>"), "Quận học tập mức độ 2" in page
    (True, True)
    """
    if fmt == "markdown":
        return report_markdown(evaluations, lang)
    if fmt == "xlsx":
        return report_xlsx(evaluations, lang)
    return report_html(evaluations, lang)
