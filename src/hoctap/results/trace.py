"""What an evaluation found, step by step, and its views: text, Markdown, HTML, JSON.

The trace is a frozen tree of `Step` facts: each prerequisite, each indicator's test, the
band of each banded indicator, and the decision, with the rule as written, the observed
value, the outcome, the legal clause, and whether the step was decisive. Every view is
made by one walker (`_walk`) over that tree, so the views cannot disagree.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from hoctap._json import dumps, exact_text, jsonable
from hoctap._words import pick, write_number
from hoctap.errors import Message, printable

if TYPE_CHECKING:
    from collections.abc import Iterator
    from fractions import Fraction

    from hoctap.engine._details import UnitValue
    from hoctap.errors import Lang
    from hoctap.results._standing import Standing
    from hoctap.spec.models import Bilingual, CriteriaSet

__all__ = ["Blocker", "IndicatorResult", "PartResult", "Step", "Viewable", "render"]


def __dir__() -> list[str]:
    return list(__all__)


class Viewable(Protocol):
    """What the views read of an evaluation (`hoctap.results.evaluation.Evaluation` is one)."""

    @property
    def unit(self) -> str: ...  # noqa: D102
    @property
    def period(self) -> str | None: ...  # noqa: D102
    @property
    def criteria(self) -> CriteriaSet: ...  # noqa: D102
    @property
    def status(self) -> str: ...  # noqa: D102
    @property
    def title(self) -> Bilingual | None: ...  # noqa: D102
    @property
    def decided_by(self) -> tuple[str, ...]: ...  # noqa: D102
    @property
    def possible_levels(self) -> tuple[int, ...]: ...  # noqa: D102
    @property
    def warnings(self) -> tuple[Message, ...]: ...  # noqa: D102
    @property
    def blockers(self) -> tuple[Blocker, ...]: ...  # noqa: D102
    @property
    def trace(self) -> Step: ...  # noqa: D102
    @property
    def units(self) -> tuple[Viewable, ...]: ...  # noqa: D102
    @property
    def level(self) -> int | None: ...  # noqa: D102
    @property
    def indicators(self) -> tuple[IndicatorResult, ...]: ...  # noqa: D102
    @property
    def standing(self) -> Standing | None: ...  # noqa: D102
    def to_dict(self) -> dict[str, Any]: ...  # noqa: D102


_OBSERVED = pick("met", "not_met", "missing", "none_read_as", "not_applicable")
"""The words of an observed value that has no number of its own."""


class PartResult(NamedTuple):
    """One part of an indicator judged part by part: its value, and whether it meets the threshold."""

    id: str
    value: Fraction
    """A share in percent, or a change in the rule's direction and unit."""
    met: bool
    count: int | None = None  # type: ignore[assignment]  # shadows tuple.count, by design
    total: int | None = None
    previous: Fraction | None = None
    current: Fraction | None = None
    percent: bool = True
    en: str | None = None
    """The part's short name in English, where the set gives one."""

    def label(self, lang: Lang = "en") -> str:
        """The part's name in a language: its id, or its English name in English."""
        return self.en if lang == "en" and self.en else self.id

    def observed(self, lang: Lang = "en") -> str:
        """The part's value in words: ``nước thải 88,5%``, ``wastewater 88.5%``."""
        unit = "%" if self.percent else ""
        if self.previous is not None and self.current is not None:
            prev, cur = write_number(self.previous, lang), write_number(self.current, lang)
            return f"{self.label(lang)} {prev}{unit} → {cur}{unit}"
        counts = f" ({self.count}/{self.total})" if self.count is not None else ""
        return f"{self.label(lang)} {write_number(self.value, lang)}{'%' if self.percent else ''}{counts}"

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON data."""
        return {
            "id": self.id,
            "value": _exact(self.value),
            "met": self.met,
            "count": self.count,
            "total": self.total,
            "previous": _exact(self.previous),
            "current": _exact(self.current),
        }


class IndicatorResult(NamedTuple):
    """One indicator's outcome: the value as given, the exact value computed, met or not.

    A named tuple, for the same reason as `Step`.
    """

    id: str
    rule: str
    """The rule as written, e.g. ``2.1.2 ≥ 70%``."""
    clause: str
    given: object
    """The value exactly as the assessment gave it; None when missing."""
    outcome: str
    """``met``, ``not_met`` or ``missing``."""
    value: Fraction | None = None
    """A share in percent, or a change (in its direction and unit); None for yes/no."""
    count: int | None = None  # type: ignore[assignment]  # shadows tuple.count, by design
    total: int | None = None
    previous: Fraction | None = None
    current: Fraction | None = None
    band: int | None = None
    """The level band the value falls in, for a banded indicator that is met."""
    banded: bool = False
    percent: bool = False
    """Whether the value is in percent (a share, or a change of a rate)."""
    parts: tuple[PartResult, ...] = ()
    """For an indicator given part by part, each part."""
    deciding: str | None = None
    """With reading ``each``: the part whose value is the indicator's (the furthest
    from the threshold)."""
    units: tuple[UnitValue, ...] = ()
    """For a share given as a list of units, each unit and whether it counted."""
    none: bool = False
    """True when the total was 0 and the set's ``if_none`` reading gave the outcome."""
    by_level: tuple[int, ...] = ()
    """For sub-units by level: how many are recognised at level 1, 2... exactly."""

    @property
    def met(self) -> bool | None:
        """True, False, or None when the value is missing."""
        return None if self.outcome in {"missing", "not_applicable"} else self.outcome == "met"

    def observed(self, lang: Lang = "en") -> str:
        """The observed value in words: ``85% (17/20)``, ``đạt``, ``4.1% → 2.6%``."""
        if self.outcome in {"missing", "not_applicable"}:
            return _OBSERVED[self.outcome].render(lang)
        if self.none:
            read = _OBSERVED[self.outcome].render(lang)
            return _OBSERVED["none_read_as"].render(lang).format(read=read)
        if self.deciding is not None:
            return "; ".join(p.observed(lang) + ("" if p.met else " ✗") for p in self.parts)
        if self.value is None:
            return _OBSERVED[self.outcome].render(lang)
        # Pooled parts are named after the figure they add up to.
        if self.previous is not None and self.current is not None:
            unit = "%" if self.percent else ""
            prev, cur = write_number(self.previous, lang), write_number(self.current, lang)
            pooled = ", ".join(p.observed(lang) for p in self.parts)
            return f"{prev}{unit} → {cur}{unit}" + (f" ({pooled})" if pooled else "")
        counts = f" ({self.count}/{self.total})" if self.count is not None else ""
        if self.by_level:  # "90% (18/20; mức độ 1: 3, mức độ 2: 15)"
            word = "mức độ" if lang == "vi" else "level"
            at = ", ".join(f"{word} {n}: {c}" for n, c in enumerate(self.by_level, 1))
            counts = f" ({self.count}/{self.total}; {at})"
        if self.parts:
            pooled = ", ".join(f"{p.label(lang)} {p.count}/{p.total}" for p in self.parts)
            counts = f" ({self.count}/{self.total}: {pooled})"
        return f"{write_number(self.value, lang)}{'%' if self.percent else ''}{counts}"

    def to_dict(self, rule: Message, observed: Message) -> dict[str, Any]:
        """Plain JSON data, with the rule and the observed value in both languages."""
        return {
            "id": self.id,
            "rule": {"vi": rule.vi, "en": rule.en},
            "clause": self.clause,
            "given": jsonable(self.given),
            "outcome": self.outcome,
            "value": _exact(self.value),
            "count": self.count,
            "total": self.total,
            "previous": _exact(self.previous),
            "current": _exact(self.current),
            "band": self.band,
            "banded": self.banded,
            "observed": {"vi": observed.vi, "en": observed.en},
            "parts": [p.to_dict() for p in self.parts],
            "deciding_part": self.deciding,
            "units": [
                {"name": u.name, "counted": u.counted, "vi": u.words.vi, "en": u.words.en}
                for u in self.units
            ],
            "none": self.none,
            "by_level": list(self.by_level),
        }


class Blocker(NamedTuple):
    """An indicator between the unit and the next level, with the gap in its input's units."""

    id: str
    next_level: int
    message: Message
    """E.g. "2.1.2: 85% (17/20); level 3 needs more than 90%: 2 more communes rated Khá or better"."""
    more: int | None = None
    """How many more (or, for a "below" rule, fewer) of the counted things are needed."""
    gap: Fraction | None = None
    """How far the value is from the edge, in its own unit (percentage points...)."""

    def __str__(self) -> str:
        return self.message.en


class Step(NamedTuple):
    """One fact of the evaluation, with the steps under it.

    A named tuple rather than a frozen dataclass: a trace has dozens of steps, and a
    tuple is made three times faster (see ``benchmarks/bench.py``); it is as immutable.
    """

    kind: str
    """``decision``, ``prerequisite``, ``indicator`` (with its ``part`` or ``unit``
    steps), ``bands`` or ``band``."""
    id: str
    rule: str
    outcome: str
    """``met``, ``not_met``, ``missing``, ``level N``, ``not_recognised``, ``incomplete``;
    for a unit, ``counted``, ``not_counted`` or ``unknown``."""
    clause: str
    decisive: bool
    observed: Message | None = None
    children: tuple[Step, ...] = ()
    words: Message | None = None
    """The rule in words in both languages, where they differ from ``rule``."""
    level: int | None = None
    """The level, where the outcome is one (``level N``): read here, never from the text."""

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON data, recursively."""
        return {
            "kind": self.kind,
            "id": self.id,
            "rule": {"vi": self.rule, "en": self.rule}
            if self.words is None
            else {"vi": self.words.vi, "en": self.words.en},
            "observed": None
            if self.observed is None
            else {"vi": self.observed.vi, "en": self.observed.en},
            "outcome": self.outcome,
            "clause": self.clause,
            "decisive": self.decisive,
            "children": [c.to_dict() for c in self.children],
        }


def _exact(value: Fraction | None) -> str | None:
    # Exact values go to JSON as text, a decimal ("85.5") where it ends and a fraction
    # ("200/3") where it does not: a JSON number would be read as a float.
    return None if value is None else exact_text(value)


# --- views -------------------------------------------------------------------------------

_OUTCOME = pick(
    "met",
    "not_met",
    "missing",
    "not_recognised",
    "incomplete",
    "counted",
    "not_counted",
    "unknown",
    "not_applicable",
)
_MARK = {
    "met": "✓",
    "not_met": "✗",
    "missing": "?",
    "not_applicable": "–",
    "counted": "✓",
    "not_counted": "✗",
    "unknown": "?",
}
_WORDS = pick(
    "result",
    "decided_by",
    "next",
    "trace",
    "decisive",
    "level",
    "prerequisite",
    "none",
    "decision",
    "observed",
    possible="levels_possible",
    missing_list="still_missing",
    period="period_of",
    bands="minimum_thresholds",
    warning="note",
    over_time="recognition_over_time",
    origin="criteria_file",
    unit="district_unit",
)


def _w(key: str, lang: Lang) -> str:
    return _WORDS[key].render(lang)


def outcome_words(outcome: str, lang: Lang) -> str:
    """An outcome code in words."""
    return _OUTCOME[outcome].render(lang)


def _walk(step: Step, depth: int = 0) -> Iterator[tuple[int, Step]]:
    """Every step with its depth, parents first: the one walker all views share."""
    yield depth, step
    for child in step.children:
        yield from _walk(child, depth + 1)


def _step_line(step: Step, lang: Lang, parent_clause: str | None) -> str:
    mark = "★ " if step.decisive else ""
    sign = _MARK.get(step.outcome, "→")
    rule = step.words.render(lang) if step.words else step.rule
    observed = step.observed.render(lang) if step.observed else ""
    if step.level is not None:
        outcome = f"{_w('level', lang)} {step.level}"
    else:
        outcome = outcome_words(step.outcome, lang)
    clause = f"  ({step.clause})" if step.clause != parent_clause else ""
    if step.kind == "decision":
        return f"{mark}{_w('decision', lang)}: {observed} [{rule}]{clause}"
    if step.kind == "prerequisite":
        return f"{mark}{sign} {_w('prerequisite', lang)} {step.id}: {outcome} [{rule}]{clause}"
    if step.kind == "bands":
        return f"{mark}→ {_w('bands', lang)}: {outcome} [{rule}]{clause}"
    if step.kind == "band":
        seen = f"; {_w('observed', lang)} {observed}" if observed else ""
        return f"{mark}→ {rule}{seen}{clause}"
    if observed == outcome:  # "đạt: đạt", "no data: no data": said once
        return f"{mark}{sign} {rule}: {outcome}{clause}"
    return f"{mark}{sign} {rule}; {_w('observed', lang)} {observed}: {outcome}{clause}"


def _lines(ev: Viewable, lang: Lang) -> Iterator[tuple[int, Step, str]]:
    """Each step of the trace with its depth and its line of text."""
    clauses: dict[int, str] = {}
    for depth, step in _walk(ev.trace):
        clauses[depth] = step.clause
        yield depth, step, _step_line(step, lang, clauses.get(depth - 1))


def _summary(ev: Viewable, lang: Lang) -> list[str]:
    period = f", {_w('period', lang)} {ev.period}" if ev.period else ""
    title = ev.criteria.title.render(lang)
    head = f"{ev.unit}{period}: {title} ({ev.criteria.id} {ev.criteria.version})"
    over_time = ev.standing  # its recognition over time, if its history is known
    if over_time is not None and over_time.kind == "too_early":  # never a silent higher level
        result = Message(
            f"đạt tiêu chí mức độ {ev.level}, chưa đến lúc được đề nghị công nhận mức này",
            f"meets level {ev.level}'s criteria, too early to be asked for",
        ).render(lang)
    elif ev.status == "recognised" and ev.title is not None:
        result = ev.title.render(lang)
    else:
        result = outcome_words(ev.status, lang)
    lines = [head, f"{_w('result', lang)}: {result}"]
    if over_time is not None and over_time.kind != "too_early":  # (too early: a warning)
        lines.append(f"{_w('over_time', lang)}: {over_time.words.render(lang)}")
    lines.append(f"{_w('decided_by', lang)}: {', '.join(ev.decided_by) or _w('none', lang)}")
    if ev.status == "incomplete":
        levels = ", ".join(str(x) for x in ev.possible_levels)
        lines.append(
            f"{_w('possible', lang)}: {levels} (0 = {outcome_words('not_recognised', lang)})"
        )
    lines += [f"{_w('warning', lang)}: {w.render(lang)}" for w in ev.warnings]
    lines.append(f"{_w('origin', lang)}: {ev.criteria.origin}")
    return lines


def render_text(ev: Viewable, lang: Lang = "vi") -> str:
    """The evaluation as text a policy officer can follow."""
    lines = _summary(ev, lang)
    if ev.blockers:
        key = "missing_list" if ev.status == "incomplete" else "next"
        lines += ["", f"{_w(key, lang)}:"]
        lines += [f"  - {b.message.render(lang)}" for b in ev.blockers]
    lines += ["", f"{_w('trace', lang)} ({_w('decisive', lang)}):"]
    lines += ["  " * depth + line for depth, _, line in _lines(ev, lang)]
    # One line per line: whatever a text holds, it cannot start a line of its own or
    # reach the terminal as an escape sequence.
    text = "\n".join(printable(line) for line in lines) + "\n"
    for n, unit in enumerate(ev.units, 1):  # a city: each district's own evaluation
        rule = f"══ {_w('unit', lang)} {n}/{len(ev.units)}: {unit.unit} "
        text += f"\n{printable(rule)}{'═' * max(0, 72 - len(rule))}\n" + render_text(unit, lang)
    return text


_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+!|~>-])")


def markdown_text(text: str) -> str:
    r"""Text made inert in Markdown: markup escaped, HTML as text, one line.

    >>> markdown_text("<b>Quận *1*</b> | x")
    '&lt;b&gt;Quận \\*1\\*&lt;/b&gt; \\| x'
    """
    return _MARKDOWN.sub(r"\\\1", html.escape(printable(text), quote=False))


def trace_markdown(ev: Viewable, lang: Lang = "vi") -> list[str]:
    """The trace alone, as Markdown lines: a heading, then a nested list."""
    lines = [f"**{_w('trace', lang)}** ({_w('decisive', lang)}):", ""]
    lines += ["  " * depth + "- " + markdown_text(line) for depth, _, line in _lines(ev, lang)]
    return lines


def render_markdown(ev: Viewable, lang: Lang = "vi") -> str:
    """The evaluation as Markdown: the summary, the blockers, the trace as a nested list."""
    summary = _summary(ev, lang)
    lines = [f"### {markdown_text(summary[0])}", ""]
    for line in summary[1:]:
        label, _, rest = line.partition(": ")
        lines.append(f"**{markdown_text(label)}:** {markdown_text(rest)}  ")
    if ev.blockers:
        key = "missing_list" if ev.status == "incomplete" else "next"
        lines += ["", f"**{_w(key, lang)}:**", ""]
        lines += [f"- {markdown_text(b.message.render(lang))}" for b in ev.blockers]
    lines += ["", *trace_markdown(ev, lang)]
    for n, unit in enumerate(ev.units, 1):  # a city: each district's own evaluation
        lines += ["", "---", "", f"{_w('unit', lang)} {n}/{len(ev.units)}", ""]
        lines += render_markdown(unit, lang).rstrip("\n").split("\n")
    return "\n".join(lines) + "\n"


def render_html(ev: Viewable, lang: Lang = "vi") -> str:
    """An HTML fragment (for Jupyter): every text escaped, the trace as nested lists."""
    esc = html.escape
    summary = _summary(ev, lang)
    parts = [f"<div class='hoctap-evaluation'><p><strong>{esc(summary[0])}</strong></p><ul>"]
    parts += [f"<li>{esc(s)}</li>" for s in summary[1:]]
    parts.append("</ul>")
    if ev.blockers:
        key = "missing_list" if ev.status == "incomplete" else "next"
        parts.append(f"<p>{esc(_w(key, lang))}:</p><ul>")
        parts += [f"<li>{esc(b.message.render(lang))}</li>" for b in ev.blockers]
        parts.append("</ul>")
    parts.append(
        f"<details open><summary>{esc(_w('trace', lang))} ({esc(_w('decisive', lang))})</summary>"
    )
    # Nested lists, each child list inside its parent's <li>, from the shared walker.
    parts.append("<ul>")
    previous = 0
    for index, (depth, step, text) in enumerate(_lines(ev, lang)):
        if index and depth > previous:
            parts.append("<ul>")
        elif index:
            parts.append("</li>" + "</ul></li>" * (previous - depth))
        line = esc(text)
        parts.append(f"<li><strong>{line}</strong>" if step.decisive else f"<li>{line}")
        previous = depth
    parts.append("</li>" + "</ul></li>" * previous + "</ul>")
    parts.append("</details>")
    for n, unit in enumerate(ev.units, 1):  # a city: each district's own evaluation
        head = f"{_w('unit', lang)} {n}/{len(ev.units)}: {unit.unit}"
        parts.append(f"<details><summary>{esc(head)}</summary>{render_html(unit, lang)}</details>")
    parts.append("</div>")
    return "".join(parts)


def render(ev: Viewable, fmt: str = "text", lang: Lang = "vi") -> str:
    """The evaluation in a format: ``text``, ``markdown``, ``html`` or ``json``.

    A format or a language it does not know is a `ValueError`, never another view.
    """
    check_view(fmt, lang)
    if fmt == "json":
        return dumps(ev.to_dict())
    if fmt == "markdown":
        return render_markdown(ev, lang)
    if fmt == "html":
        return render_html(ev, lang)
    return render_text(ev, lang)


def check_view(fmt: str, lang: str) -> None:
    """Refuse a format or a language no view has (`ValueError`), never show another."""
    if fmt not in {"text", "markdown", "html", "json"}:
        msg = f"fmt must be 'text', 'markdown', 'html' or 'json', not {fmt!r}"
        raise ValueError(msg)
    if lang not in {"vi", "en"}:
        msg = f"lang must be 'vi' or 'en', not {lang!r}"
        raise ValueError(msg)
