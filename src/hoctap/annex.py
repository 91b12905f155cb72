"""A criteria set rendered for people and tools: the annex table, Markdown, and JSON.

``hoctap show`` prints these. The text view reads like the annex it comes from
(Tiêu chuẩn / Tiêu chí / Chỉ báo / Hướng dẫn đánh giá / agencies); the JSON view is the
normalised set, with numbers as JSON numbers, for government tools not written in Python.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any

from hoctap._json import dumps, jsonable
from hoctap.errors import Message
from hoctap.trace import markdown_text

if TYPE_CHECKING:
    from hoctap.errors import Lang
    from hoctap.models import CriteriaSet, Indicator

__all__ = ["set_to_dict", "set_to_json", "set_to_markdown", "set_to_text"]

_WIDTH = 100

_LABELS: dict[str, Message] = {
    "standard": Message("Tiêu chuẩn", "Standard"),
    "criterion": Message("Tiêu chí", "Criterion"),
    "indicator": Message("Chỉ báo", "Indicator"),
    "evidence": Message("Hướng dẫn đánh giá", "Evidence"),
    "lead": Message("Chủ trì, tham mưu", "Lead agency"),
    "coordinating": Message("Phối hợp", "Coordinating"),
    "meets": Message("Yêu cầu", "Meets when"),
    "reading": Message("Cách hiểu", "Reading"),
    "source": Message("Nguồn", "Source"),
    "rules": Message("ĐIỀU KIỆN CÔNG NHẬN", "RECOGNITION RULES"),
    "prerequisites": Message("Điều kiện tiên quyết", "Prerequisites"),
    "bands": Message("Điều kiện về ngưỡng tối thiểu", "Minimum thresholds (levels)"),
    "banded": Message("xét trên các chỉ báo", "over the indicators"),
    "lowest": Message(
        "mức độ công nhận là mức thấp nhất trong các chỉ báo trên",
        "the level is the lowest band among them",
    ),
    "level": Message("mức độ", "level"),
    "effective": Message("Hiệu lực", "In force"),
    "origin": Message("Tệp", "File"),
    "notes": Message("Ghi chú", "Notes"),
}


def _label(key: str, lang: Lang) -> str:
    return _LABELS[key].render(lang)


def _t(text: Any, lang: Lang) -> str:
    return str(text.en if lang == "en" else text.vi)


def _wrap(text: str, indent: int) -> list[str]:
    pad = " " * indent
    return textwrap.wrap(text, _WIDTH, initial_indent=pad, subsequent_indent=pad + "  ") or [pad]


def set_to_text(spec: CriteriaSet, lang: Lang = "vi") -> str:
    """The set as its annex reads: standards, criteria, indicators, then the rules.

    >>> from hoctap import load
    >>> print(set_to_text(load("district")).splitlines()[0])
    BỘ TIÊU CHÍ CÔNG NHẬN HUYỆN/THÀNH PHỐ HỌC TẬP
    """
    doc = spec.legal_basis[0]
    end = f"{spec.effective.end:%d/%m/%Y}" if spec.effective.end else "…"
    lines = [_t(spec.title, lang).upper(), f"({doc})"]
    lines.append(f"{_label('effective', lang)}: {spec.effective.start:%d/%m/%Y} – {end}")
    lines.append(f"{_label('origin', lang)}: {spec.origin}")
    for std in spec.standards:
        lines += ["", *_wrap(f"{_label('standard', lang)} {std.id}. {_t(std.title, lang)}", 0)]
        for crit in std.criteria:
            lines += [
                "",
                *_wrap(f"{_label('criterion', lang)} {crit.id}. {_t(crit.title, lang)}", 2),
            ]
            for ind in crit.indicators:
                lines += _indicator_text(spec, ind, lang)
    lines += ["", _label("rules", lang), f"({spec.recognition.clause})"]
    lines += ["", f"{_label('prerequisites', lang)}:"]
    for pre in spec.recognition.prerequisites:
        lines += _wrap(f"{pre.id}. {_t(pre.text, lang)}", 2)
        lines += _wrap(f"[{pre}] ({pre.clause})", 6)
    banded = ", ".join(spec.expand(spec.recognition.banded))
    lines += [
        "",
        f"{_label('bands', lang)} ({_label('banded', lang)} {banded}; {_label('lowest', lang)}):",
    ]
    for band in spec.recognition.levels:
        lines += _wrap(
            f"{_label('level', lang).capitalize()} {band.level}: {_t(band.text, lang)}", 2
        )
        lines += _wrap(f"[{band.rule()}]", 6)
    if spec.recognition.notes:
        lines += ["", *_wrap(f"{_label('reading', lang)}: {_t(spec.recognition.notes, lang)}", 0)]
    if spec.notes:
        lines += ["", *_wrap(f"{_label('notes', lang)}: {_t(spec.notes, lang)}", 0)]
    return "\n".join(lines) + "\n"


def _indicator_text(spec: CriteriaSet, ind: Indicator, lang: Lang) -> list[str]:
    lines = _wrap(f"{_label('indicator', lang)} {ind.id}. {_t(ind.text, lang)}", 4)
    if ind.evidence:
        lines += _wrap(f"{_label('evidence', lang)}: {_t(ind.evidence, lang)}", 8)
    if ind.lead:
        lines += _wrap(f"{_label('lead', lang)}: {ind.lead}", 8)
    if ind.coordinating:
        lines += _wrap(f"{_label('coordinating', lang)}: {'; '.join(ind.coordinating)}", 8)
    how = ind.measure.how(lang)
    meets = ind.measure.describe(lang) + (f"; {how}" if how else "")
    lines += _wrap(f"{_label('meets', lang)}: {meets}  [{ind}]", 8)
    if ind.interpretation:
        lines += _wrap(f"{_label('reading', lang)}: {_t(ind.interpretation, lang)}", 8)
    lines += _wrap(f"{_label('source', lang)}: {spec.clause_of(ind)}", 8)
    return lines


def _cell(text: str) -> str:
    return markdown_text(text.replace("\n", " "))


def set_to_markdown(spec: CriteriaSet, lang: Lang = "vi") -> str:
    """The set as a Markdown table with the annex's columns, then the rules."""
    cols = ["standard", "criterion", "indicator", "evidence", "lead", "coordinating", "meets"]
    lines = [f"# {_t(spec.title, lang)}", "", f"{spec.legal_basis[0]}", ""]
    lines.append("| " + " | ".join(_label(c, lang) for c in cols) + " |")
    lines.append("|" + "---|" * len(cols))
    for std in spec.standards:
        for crit in std.criteria:
            for ind in crit.indicators:
                row = [
                    f"{std.id}. {_t(std.title, lang)}",
                    f"{crit.id}. {_t(crit.title, lang)}",
                    f"{ind.id}. {_t(ind.text, lang)}",
                    _t(ind.evidence, lang) if ind.evidence else "",
                    ind.lead or "",
                    "; ".join(ind.coordinating),
                    f"`{ind}`" + (f" ({ind.measure.how(lang)})" if ind.measure.how(lang) else ""),
                ]
                lines.append("| " + " | ".join(_cell(c) for c in row) + " |")
    lines += ["", f"## {_label('rules', lang).capitalize()}", "", f"{spec.recognition.clause}", ""]
    for pre in spec.recognition.prerequisites:
        lines.append(f"- **{pre.id}** {_t(pre.text, lang)} (`{pre}`)")
    lines.append("")
    for band in spec.recognition.levels:
        lines.append(
            f"- **{_label('level', lang)} {band.level}**: {_t(band.text, lang)} (`{band.rule()}`)"
        )
    return "\n".join(lines) + "\n"


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
        for crit in std.criteria:
            for ind in crit.indicators:
                entry = jsonable(ind.model_dump(mode="python"))
                entry.update(
                    standard=std.id, criterion=crit.id, rule=str(ind), clause=spec.clause_of(ind)
                )
                flat.append(entry)
    data["indicators"] = flat
    return data


def set_to_json(spec: CriteriaSet) -> str:
    """`set_to_dict` as indented JSON text, UTF-8 characters kept."""
    return dumps(set_to_dict(spec))
