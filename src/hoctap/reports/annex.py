"""A criteria set rendered for people and tools: the annex table, Markdown, and JSON.

``hoctap show`` prints these. The text view reads like the annex it comes from
(Tiêu chuẩn / Tiêu chí / Chỉ báo / Hướng dẫn đánh giá / agencies); the JSON view is the
normalised set, with numbers as JSON numbers, for government tools not written in Python.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any, NamedTuple

from hoctap._html import STYLE, esc, page
from hoctap._json import dumps, jsonable
from hoctap._words import pick
from hoctap.errors import Message
from hoctap.files._sources import Correction, corrections
from hoctap.files._tables import need, tidy_sheet, workbook_bytes
from hoctap.results.trace import markdown_text

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Mapping, Sequence

    from hoctap.engine._details import PastRecognition
    from hoctap.errors import Lang
    from hoctap.spec._registry import Registry, RegistryEntry
    from hoctap.spec.models import CriteriaSet, Indicator

__all__ = [
    "calendar_to_text",
    "done_from",
    "registry_to_text",
    "set_to_dict",
    "set_to_html",
    "set_to_json",
    "set_to_markdown",
    "set_to_text",
    "set_to_xlsx",
]


def __dir__() -> list[str]:
    return list(__all__)


_WIDTH = 100

_LABELS = pick(
    "standard",
    "criterion",
    "indicator",
    "chi_tieu",
    "evidence",
    "lead",
    "coordinating",
    "meets",
    "reading",
    "source",
    "prerequisites",
    "prerequisite",
    "level",
    "notes",
    "basis",
    "see_reading",
    "readings",
    "correction",
    rules="recognition_rules_title",
    bands="threshold_rules",
    banded="over_indicators",
    lowest="lowest_band",
    effective="in_force",
    applies="applies_to",
    deadlines="deadlines",
    origin="file",
    version="criteria_set",
    also="related",
    rules_short="recognition_rules",
    set="criteria_set",
    annex_sheet="annex",
    rules_sheet="recognition_rules",
)


def _label(key: str, lang: Lang) -> str:
    return _LABELS[key].render(lang)


def _wrap(text: str, indent: int) -> list[str]:
    pad = " " * indent
    # Never at a hyphen: "district-haiphong" and "02/KH-UBND" are names, whole on a line.
    lines = textwrap.wrap(
        text, _WIDTH, initial_indent=pad, subsequent_indent=pad + "  ", break_on_hyphens=False
    )
    return lines or [pad]


def set_to_text(spec: CriteriaSet, lang: Lang = "vi", *, registry: Registry | None = None) -> str:
    """The set as its annex reads: standards, criteria, indicators, then the rules.

    >>> from hoctap import load
    >>> print(set_to_text(load("district")).splitlines()[0])
    BỘ TIÊU CHÍ CÔNG NHẬN HUYỆN/THÀNH PHỐ HỌC TẬP
    """
    doc = spec.legal_basis[0]
    end = f"{spec.effective.end:%d/%m/%Y}" if spec.effective.end else "…"
    lines = [spec.title.render(lang).upper(), f"({doc})"]
    lines.append(f"{_label('effective', lang)}: {spec.effective.start:%d/%m/%Y} – {end}")
    lines += [line for k, v in _in_registry(spec, lang, registry) for line in _wrap(f"{k}: {v}", 0)]
    lines.append(f"{_label('origin', lang)}: {spec.origin}")
    for std in spec.standards:
        lines += [
            "",
            *_wrap(f"{_word(spec, 'standard', lang)} {std.id}. {std.title.render(lang)}", 0),
        ]
        for crit, indicators in std.groups:
            if crit is not None:
                lines += [
                    "",
                    *_wrap(f"{_label('criterion', lang)} {crit.id}. {crit.title.render(lang)}", 2),
                ]
            for ind in indicators:
                lines += _indicator_text(spec, ind, lang)
    lines += ["", _label("rules", lang), f"({spec.recognition.clause})"]
    lines += ["", f"{_label('prerequisites', lang)}:"]
    for pre in spec.recognition.prerequisites:
        lines += _wrap(f"{pre.id}. {pre.text.render(lang)}", 2)
        lines += _wrap(f"[{pre.words(lang)}] ({pre.clause})", 6)
    banded = ", ".join(spec.expand(spec.recognition.banded))
    lines += [
        "",
        f"{_label('bands', lang)} ({_label('banded', lang)} {banded}; {_label('lowest', lang)}):",
    ]
    for band in spec.recognition.levels:
        lines += _wrap(
            f"{_label('level', lang).capitalize()} {band.level}: {band.text.render(lang)}", 2
        )
        lines += _wrap(f"[{band.words(lang)}]", 6)
    if spec.recognition.notes:
        lines += [
            "",
            *_wrap(f"{_label('reading', lang)}: {spec.recognition.notes.render(lang)}", 0),
        ]
    if spec.notes:
        lines += ["", *_wrap(f"{_label('notes', lang)}: {spec.notes.render(lang)}", 0)]
    for c in corrections(spec.id):
        head = f"{_label('correction', lang)} {_where(c.at, lang)}"
        lines += ["", *_wrap(f"{head}: {_corrected(c, lang)}", 0)]
    return "\n".join(lines) + "\n"


def _indicator_text(spec: CriteriaSet, ind: Indicator, lang: Lang) -> list[str]:
    lines = _wrap(f"{_word(spec, 'indicator', lang)} {ind.id}. {ind.text.render(lang)}", 4)
    if ind.evidence:
        lines += _wrap(f"{_label('evidence', lang)}: {ind.evidence.render(lang)}", 8)
    if ind.lead:
        lines += _wrap(f"{_label('lead', lang)}: {ind.lead}", 8)
    if ind.coordinating:
        lines += _wrap(f"{_label('coordinating', lang)}: {'; '.join(ind.coordinating)}", 8)
    lines += _wrap(f"{_label('meets', lang)}: {_requirement(spec, ind, lang)}", 8)
    if ind.interpretation:
        lines += _wrap(f"{_label('reading', lang)}: {ind.interpretation.render(lang)}", 8)
    lines += _wrap(f"{_label('source', lang)}: {spec.clause_of(ind)}", 8)
    return lines


def _cell(text: str) -> str:
    return markdown_text(text.replace("\n", " "))


class _Row(NamedTuple):
    """One indicator's row of the annex table.

    With how many rows its standard and criterion cells span (0: the cell is merged
    into the one above).
    """

    standard: str
    standard_span: int
    criterion: str
    criterion_span: int
    cells: tuple[str, ...]
    """Indicator, evidence, lead, coordinating, meets."""
    id: str


_COLUMNS = ("standard", "criterion", "indicator", "evidence", "lead", "coordinating", "meets")
_TWO_LEVELS = {"standard": "criterion", "indicator": "chi_tieu"}
"""A set of two levels (Thông tư 25/2023) calls its standards tiêu chí, its indicators chỉ tiêu."""


def _word(spec: CriteriaSet, key: str, lang: Lang) -> str:
    """A heading in the set's own words: "Tiêu chuẩn", or "Tiêu chí" in a set of two levels."""
    return _label(_TWO_LEVELS.get(key, key) if spec.two_levels else key, lang)


def _columns(spec: CriteriaSet) -> tuple[str, ...]:
    """The annex table's columns: no criterion column in a set of two levels."""
    return tuple(c for c in _COLUMNS if c != "criterion" or not spec.two_levels)


def _cells(spec: CriteriaSet, std: str, crit: str, row: _Row) -> tuple[str, ...]:
    """One row's cells in the order of `_columns`."""
    return (std, *((crit,) if not spec.two_levels else ()), *row.cells)


def _requirement(spec: CriteriaSet, ind: Indicator, lang: Lang) -> str:
    """What meets an indicator, with each kind of unit's own thresholds and how it is read."""
    measure: Any = ind.measure
    text: str = measure.describe(lang)
    for unit in getattr(measure, "when", ()):
        trait = next((a for a in spec.attributes if a.id == unit.attribute), None)
        name = trait.text.render(lang) if trait is not None else unit.attribute
        other = measure.for_unit(frozenset({unit.attribute})).describe(lang)
        text += f"; {name}: {other} ({unit.clause})"
    how = measure.how(lang)
    text += f"; {how}" if how else ""
    names = {a.id: a.text.render(lang) for a in spec.attributes}
    if ind.applies_to:  # Thông tư 24/2023: a chỉ tiêu for some kinds of unit only
        only = "; ".join(names.get(a, a) for a in ind.applies_to)
        text += f"; {'chỉ áp dụng cho' if lang == 'vi' else 'only for'}: {only}"
    if ind.not_for:
        others = "; ".join(names.get(a, a) for a in ind.not_for)
        text += f"; {'không áp dụng cho' if lang == 'vi' else 'not for'}: {others}"
    return text


def _meets(spec: CriteriaSet, ind: Indicator, lang: Lang) -> str:
    text = _requirement(spec, ind, lang)
    if ind.interpretation:
        text += f" ({_label('see_reading', lang)} {ind.id})"
    return text


def _rows(spec: CriteriaSet, lang: Lang) -> list[_Row]:
    """The annex table, row by row: the one walk every view of the table shares."""
    rows: list[_Row] = []
    for std in spec.standards:
        std_span = len(std.all_indicators)
        for crit, indicators in std.groups:
            for n, ind in enumerate(indicators):
                first_of_std = not rows or rows[-1].standard != f"{std.id}"
                rows.append(
                    _Row(
                        standard=f"{std.id}",
                        standard_span=std_span if first_of_std else 0,
                        criterion=crit.id if crit is not None else "",
                        criterion_span=len(indicators) if n == 0 else 0,
                        cells=(
                            f"{ind.id}. {ind.text.render(lang)}",
                            ind.evidence.render(lang) if ind.evidence else "",
                            ind.lead or "",
                            "; ".join(ind.coordinating),
                            _meets(spec, ind, lang),
                        ),
                        id=ind.id,
                    )
                )
    return rows


def _titles(spec: CriteriaSet, lang: Lang) -> dict[str, str]:
    """Each standard's and criterion's heading, by id."""
    out = {}
    for std in spec.standards:
        out[std.id] = f"{std.id}. {std.title.render(lang)}"
        out[""] = ""  # a set of two levels: no criterion between standard and indicator
        for crit in std.criteria:
            out[crit.id] = f"{crit.id}. {crit.title.render(lang)}"
    return out


def _front(spec: CriteriaSet, lang: Lang, found: Registry | None = None) -> list[tuple[str, str]]:
    """What stands above the table: version, legal basis, dates in force, file."""
    end = f"{spec.effective.end:%d/%m/%Y}" if spec.effective.end else "…"
    lines = [(_label("version", lang), f"{spec.id} {spec.version}")]
    for n, doc in enumerate(spec.legal_basis):
        key = "basis" if n == 0 else "also"
        lines.append((_label(key, lang), f"{doc}: {doc.title.render(lang)}"))
    lines.append((_label("effective", lang), f"{spec.effective.start:%d/%m/%Y} – {end}"))
    lines += _in_registry(spec, lang, found)
    lines.append((_label("origin", lang), str(spec.origin)))
    return lines


def _in_registry(spec: CriteriaSet, lang: Lang, found: Registry | None) -> list[tuple[str, str]]:
    """Where the registry of sets places the set: its tier, years, lineage, deadlines.

    The caller gives the registry for a bundled set (an edited copy is not the one the
    registry lists); without it, nothing is said.
    """
    entry = found.entry(spec.id) if found is not None else None
    if found is None or entry is None:
        return []
    tier = found.tier(entry.tier)
    vi = lang == "vi"
    where = f" ({', '.join(entry.localities)})" if entry.localities else ""
    said = f"{tier.name.render(lang) if tier else entry.tier}, {'năm' if vi else 'years'} {entry.years.words()}{where}"
    if entry.replaces:
        said += f"; {'thay' if vi else 'replaces'} {', '.join(entry.replaces)}"
    if entry.replaced_by:
        said += f"; {'thay bởi' if vi else 'replaced by'} {', '.join(entry.replaced_by)}"
    if tier is not None and tier.ended is not None and tier.until is not None:
        said += f"; {tier.name.render(lang)} {'đến' if vi else 'until'} {tier.until:%d/%m/%Y}"
    out = [(_label("applies", lang), said)]
    if entry.due:
        after = "năm sau" if vi else "of the next year"
        same = "năm đánh giá" if vi else "of the assessed year"
        out.append(
            (
                _label("deadlines", lang),
                "; ".join(
                    f"{'trước' if vi else 'before'} {d.before[3:]}/{d.before[:2]} "
                    f"{after if d.year_after else same}: {d.what.render(lang)} ({d.clause})"
                    for d in entry.due
                ),
            )
        )
    return out


def _rules(spec: CriteriaSet, lang: Lang) -> list[tuple[str, str, str]]:
    """The recognition rules: (label, the text as written, the rule in words and its clause)."""
    out = [
        (
            f"{_label('prerequisites', lang)} {pre.id}",
            pre.text.render(lang),
            f"{pre.words(lang)} ({pre.clause})",
        )
        for pre in spec.recognition.prerequisites
    ]
    banded = ", ".join(spec.expand(spec.recognition.banded))
    for band in spec.recognition.levels:
        label = f"{_label('level', lang).capitalize()} {band.level}"
        out.append((label, band.text.render(lang), f"{band.words(lang)}; {banded}"))
    return out


def _readings(spec: CriteriaSet, lang: Lang) -> list[tuple[str, str]]:
    """The set's readings and corrections of the text, each where it applies."""
    out = []
    if spec.recognition.notes:
        out.append((_label("rules_short", lang), spec.recognition.notes.render(lang)))
    out += [
        (ind.id, ind.interpretation.render(lang))
        for ind in spec.indicators.values()
        if ind.interpretation
    ]
    if spec.notes:
        out.append((_label("set", lang), spec.notes.render(lang)))
    out += [
        (
            f"{_label('correction', lang)} {_where(c.at, lang)}",
            _corrected(c, lang),
        )
        for c in corrections(spec.id)
    ]
    return out


def _where(at: str, lang: Lang) -> str:
    """Where a correction stands, in words: ``3.1.2 evidence`` → ``3.1.2, hướng dẫn đánh giá``."""
    indicator, _, place = at.partition(" ")
    kind, _, name = place.partition(" ")
    words = {
        "text": Message("nội dung", "text"),
        "evidence": Message("hướng dẫn đánh giá", "evidence"),
        "part": Message(f"phần {name}", f"part {name}"),
    }
    return f"{indicator}, {words[kind].render(lang)}" if kind in words else at


def _corrected(c: Correction, lang: Lang) -> str:
    return f"“{c.source}” → “{c.ours}”: {c.note.render(lang)}"


def set_to_markdown(
    spec: CriteriaSet, lang: Lang = "vi", *, registry: Registry | None = None
) -> str:
    """The set as its annex, in Markdown, then the rules and the readings.

    A standard or criterion is written once, in the row where it begins.
    """
    titles = _titles(spec, lang)
    lines = [f"# {_cell(spec.title.render(lang))}", ""]
    lines += [f"- **{_cell(k)}:** {_cell(v)}" for k, v in _front(spec, lang, registry)]
    columns = _columns(spec)
    lines += ["", "| " + " | ".join(_word(spec, c, lang) for c in columns) + " |"]
    lines.append("|" + "---|" * len(columns))
    for row in _rows(spec, lang):
        std = titles[row.standard] if row.standard_span else ""
        crit = titles[row.criterion] if row.criterion_span else ""
        lines.append("| " + " | ".join(_cell(c) for c in _cells(spec, std, crit, row)) + " |")
    lines += ["", f"## {_label('rules', lang).capitalize()}", "", _cell(spec.recognition.clause)]
    lines.append("")
    for label, text, rule in _rules(spec, lang):
        lines.append(f"- **{_cell(label)}**: {_cell(text)} ({_cell(rule)})")
    lines += ["", f"## {_label('readings', lang)}", ""]
    lines += [f"- **{_cell(k)}**: {_cell(v)}" for k, v in _readings(spec, lang)]
    return "\n".join(lines) + "\n"


def set_to_html(
    spec: CriteriaSet,
    lang: Lang = "vi",
    *,
    standalone: bool = True,
    registry: Registry | None = None,
) -> str:
    """The set as its annex, in HTML: standards and criteria merged over their rows.

    ``standalone``: a whole page (charset, print stylesheet); else a fragment with the
    stylesheet inline, for Jupyter.
    """
    titles = _titles(spec, lang)
    parts = [f"<h1>{esc(spec.title.render(lang))}</h1><table class='front'>"]
    parts += [
        f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in _front(spec, lang, registry)
    ]
    parts.append("</table><table class='annex'><thead><tr>")
    parts += [f"<th>{esc(_word(spec, c, lang))}</th>" for c in _columns(spec)]
    parts.append("</tr></thead><tbody>")
    for row in _rows(spec, lang):
        parts.append(f"<tr id='indicator-{esc(row.id)}'>")
        if row.standard_span:
            parts.append(f"<td rowspan='{row.standard_span}'>{esc(titles[row.standard])}</td>")
        if row.criterion_span and not spec.two_levels:
            parts.append(f"<td rowspan='{row.criterion_span}'>{esc(titles[row.criterion])}</td>")
        parts += [f"<td>{esc(c)}</td>" for c in row.cells]
        parts.append("</tr>")
    parts.append("</tbody></table>")
    parts.append(f"<h2>{esc(_label('rules', lang).capitalize())}</h2>")
    parts.append(f"<p class='muted'>{esc(spec.recognition.clause)}</p><table class='rules'>")
    for label, text, rule in _rules(spec, lang):
        parts.append(
            f"<tr><th>{esc(label)}</th><td>{esc(text)}<br>"
            f"<span class='muted'>{esc(rule)}</span></td></tr>"
        )
    parts.append(f"</table><h2>{esc(_label('readings', lang))}</h2><table class='readings'>")
    parts += [f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in _readings(spec, lang)]
    parts.append("</table>")
    body = "".join(parts)
    if standalone:
        return page(spec.title.render(lang), body, lang)
    return f"<div class='hoctap'><style>{STYLE}</style>{body}</div>"


def set_to_xlsx(spec: CriteriaSet, lang: Lang = "vi", *, registry: Registry | None = None) -> bytes:
    """The set as its annex in a workbook (the ``excel`` extra).

    The first sheet is the table, each standard and criterion merged over its rows; the
    second holds the rules and the readings.
    """
    openpyxl = need("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = _label("annex_sheet", lang)
    sheet.append([spec.title.render(lang)])
    for key, value in _front(spec, lang, registry):
        sheet.append([key, value])
    sheet.append([])
    head = sheet.max_row + 1
    sheet.append([_word(spec, c, lang) for c in _columns(spec)])
    titles = _titles(spec, lang)
    merged = ((1, "standard"),) if spec.two_levels else ((1, "standard"), (2, "criterion"))
    for row in _rows(spec, lang):
        sheet.append(list(_cells(spec, titles[row.standard], titles[row.criterion], row)))
        here = sheet.max_row
        for column, span in ((c, getattr(row, f"{k}_span")) for c, k in merged):
            if span > 1:
                sheet.merge_cells(
                    start_row=here, start_column=column, end_row=here + span - 1, end_column=column
                )
    widths = (22, 26, 48, 40, 24, 30, 30)
    tidy_sheet(sheet, widths[:1] + widths[2:] if spec.two_levels else widths, head)
    rules = book.create_sheet(_label("rules_sheet", lang))
    rules.append([_label("rules", lang).capitalize(), spec.recognition.clause])
    for label, text, rule in _rules(spec, lang):
        rules.append([label, text, rule])
    rules.append([])
    rules.append([_label("readings", lang)])
    for key, value in _readings(spec, lang):
        rules.append([key, value])
    tidy_sheet(rules, (16, 90, 50), 1)
    return workbook_bytes(book)


def set_to_dict(spec: CriteriaSet) -> dict[str, Any]:
    """The normalised set: the file's content, plus a flat ``indicators`` list with rules.

    >>> from hoctap import load
    >>> d = set_to_dict(load("city"))
    >>> len(d["indicators"]), d["indicators"][-1]["lead"]
    (20, 'Sở Nội vụ')
    """
    data: dict[str, Any] = jsonable(spec.model_dump(mode="python"))
    flat = []
    for std in spec.standards:
        for crit, indicators in std.groups:
            for ind in indicators:
                entry = jsonable(ind.model_dump(mode="python"))
                entry.update(
                    standard=std.id,
                    criterion=crit.id if crit is not None else None,
                    rule=str(ind),
                    clause=spec.clause_of(ind),
                )
                flat.append(entry)
    data["indicators"] = flat
    return data


def set_to_json(spec: CriteriaSet) -> str:
    """`set_to_dict` as indented JSON text, UTF-8 characters kept."""
    return dumps(set_to_dict(spec))


def registry_to_text(
    found: Registry, lang: Lang = "vi", *, tier: str | None = None, year: int | None = None
) -> str:
    """The registry of sets as a table: each set, its tier, its years, where, its lineage.

    >>> from hoctap.files._loading import registry
    >>> print(registry_to_text(registry(), "en", year=2024).splitlines()[2])
    tt25-commune        commune level                    2024–  everywhere  replaces Thông tư 44/2014/TT-BGDĐT
    """
    vi = lang == "vi"
    head = (
        ("bộ tiêu chí", "cấp", "năm", "địa phương", "thay thế")
        if vi
        else ("set", "tier", "years", "localities", "lineage")
    )
    rows = [head]
    for entry in found.entries(tier, year):
        known = found.tier(entry.tier)
        where = ", ".join(entry.localities) or ("mọi nơi" if vi else "everywhere")
        lineage = (
            [f"{'thay' if vi else 'replaces'} {', '.join(entry.replaces)}"]
            if entry.replaces
            else []
        )
        if entry.replaced_by:
            lineage.append(f"{'thay bởi' if vi else 'replaced by'} {', '.join(entry.replaced_by)}")
        name = known.name.render(lang) if known is not None else entry.tier
        rows.append((entry.set, name, entry.years.words(), where, "; ".join(lineage)))
    widths = [max(len(r[i]) for r in rows) + 2 for i in range(4)]
    lines = ["".join(c.ljust(w) for c, w in zip(r[:4], widths, strict=True)) + r[4] for r in rows]
    lines.insert(1, "-" * len(lines[0]))
    lines += [  # a tier that ended, and why
        f"{t.name.render(lang)} ({t.until:%d/%m/%Y}): {t.ended.render(lang)}"
        for t in found.tiers
        if t.ended is not None and t.until is not None and (tier is None or t.id == tier)
    ]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def calendar_to_text(  # noqa: PLR0913 - the calendar, and what is known of what was done
    found: Registry,
    chosen: RegistryEntry,
    year: int,
    *,
    on: dt.date | None = None,
    lang: Lang = "vi",
    done: Mapping[str, str] | None = None,
) -> str:
    """What is due when, under a set of the registry, for an assessed year.

    On a day, what is still ahead and what is overdue; ``done`` says, by deadline id,
    what was done and how it is known (from a unit's assessment: `done_from`); where the
    body a dossier goes to no longer exists, that is said (no successor is guessed).

    >>> import datetime as dt
    >>> from hoctap.files._loading import registry
    >>> entry = registry().entry("tt25-commune")
    >>> print(calendar_to_text(registry(), entry, 2024, on=dt.date(2025, 2, 27), lang="en"))
    ... # doctest: +ELLIPSIS
    tt25-commune, commune level, assessed year 2024, on 27/02/2025:
    - before 28/02/2025 (Thông tư 25/2023/TT-BGDĐT, Điều 9 khoản 1 điểm d): ...; 1 day left
    ...
    """
    tier = chosen.tier
    vi = lang == "vi"
    name = found.tier(tier)
    head = f"{chosen.set}, {name.name.render(lang) if name else tier}, "
    head += f"{'năm đánh giá' if vi else 'assessed year'} {year}"
    head += f", {'ngày' if vi else 'on'} {on:%d/%m/%Y}:" if on is not None else ":"
    lines = [head]
    if not chosen.due:
        lines.append(
            "- văn bản không nêu thời hạn nào (trong sources/)"
            if vi
            else "- the text gives no deadline (in sources/)"
        )
    for item in chosen.due:
        day = item.due(year)
        line = f"- {'trước' if vi else 'before'} {day:%d/%m/%Y} ({item.clause}): {item.what.render(lang)}"
        if done and item.id in done:
            line += f"; {'đã xong' if vi else 'done'}: {done[item.id]}"
        elif on is not None:
            left = (day - on).days
            if left > 0 and vi:
                line += f"; còn {left} ngày"
            elif left > 0:
                line += f"; {left} {'day' if left == 1 else 'days'} left"
            else:
                line += "; đã quá hạn" if vi else "; overdue"
        if item.receiver_gone_by(year) and item.receiver_gone is not None:
            line += f" [{item.receiver_gone.render(lang)}]"
        lines.append(line)
    return "\n".join(lines)


def done_from(
    entry: RegistryEntry,
    year: int,
    history: Sequence[PastRecognition],
    requested_on: dt.date | None,
) -> dict[str, str]:
    """What a unit's assessment shows done of its year's calendar, and how it is known.

    The decision, by a decision of the unit dated after the assessed year and before its
    deadline; the dossier, by the day the unit says it asked (``requested_on``) before its
    deadline, or by that decision.
    """
    out: dict[str, str] = {}
    decision = entry.deadline("decision")
    made = [
        h
        for h in history
        if h.date.year > year and (decision is None or h.date < decision.due(year))
    ]
    said = f"{made[0].decision or ''} {made[0].date:%d/%m/%Y}".strip() if made else ""
    if made and decision is not None:
        out["decision"] = said
    dossier = entry.deadline("dossier")
    if dossier is not None and requested_on is not None and requested_on < dossier.due(year):
        out["dossier"] = f"{requested_on:%d/%m/%Y}"
    elif dossier is not None and made:
        out["dossier"] = said
    return out
