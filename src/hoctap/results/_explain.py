"""What a person reads about a decision: each indicator's result, the blockers, the trace.

Built from the facts the decision (`hoctap.engine._decision`) returned, only when first asked
for (`hoctap.results.evaluation.Evaluation` calls these lazily); nothing here changes what was
decided. Leaf functions say *what* happened ("85% (17/20)"); `trace` adds *where*
(prerequisite → indicator, bands → band).
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import TYPE_CHECKING, cast

from hoctap._words import VOCABULARY
from hoctap.engine._decision import OUTCOME_NAMES, StatusName, amount
from hoctap.engine._details import Detail, PartValue, UnitValue
from hoctap.engine._plan import ATTESTED, CHANGE, PERCENT, IndicatorPlan, Plan
from hoctap.errors import Message
from hoctap.results.trace import (
    Blocker,
    IndicatorResult,
    PartResult,
    Step,
    fmt_number,
    outcome_words,
)
from hoctap.spec.models import Bilingual, CriteriaSet, Percent

if TYPE_CHECKING:
    from collections.abc import Mapping

    from hoctap.engine._assessment import Assessment
    from hoctap.errors import Lang

__all__ = [
    "blockers",
    "indicator_results",
    "observed",
    "period_warnings",
    "shortfall",
    "title",
    "trace",
]


_OPS: dict[str, tuple[Message, bool]] = {
    ">=": (Message("từ", "at least"), False),
    ">": (Message("trên", "more than"), False),
    "<=": (Message("không quá", "at most"), True),
    "<": (Message("dưới", "less than"), True),
}
"""Each comparison in words, and whether it asks for less (a ceiling) rather than more."""


def observed(results: tuple[IndicatorResult, ...]) -> dict[str, Message]:
    """Each indicator's observed value in words, in both languages, made once.

    A plain number's words differ between the languages only by the decimal mark
    (`hoctap.results.trace.fmt_number`), so its Vietnamese is made from the English; a value
    made of parts names them in each language, and is said twice.
    """
    out = {}
    for r in results:
        en = r.observed("en")
        plain = r.value is not None and not r.none and not r.parts
        vi = en.replace(".", ",") if plain else r.observed("vi")
        out[r.id] = Message(vi, en)
    return out


def title(
    spec: CriteriaSet, kind: str | None, status: StatusName, level: int | None
) -> Bilingual | None:
    """The recognition title as the plans word it, e.g. "Quận học tập mức độ 2"."""
    if status != "recognised" or not level:
        return None
    unit_title = spec.title_for(kind)
    return Bilingual(vi=f"{unit_title.vi} mức độ {level}", en=f"{unit_title.en}, level {level}")


def indicator_results(
    plan: Plan, assessment: Assessment, outcomes: tuple[int, ...], bands: tuple[int, ...]
) -> tuple[IndicatorResult, ...]:
    """Each indicator's value as given, the exact value computed, met or not, its band."""
    return tuple(
        _indicator_result(plan, ind, assessment, outcome, band)
        for ind, outcome, band in zip(plan.indicators, outcomes, bands, strict=True)
    )


def _indicator_result(
    plan: Plan, ind: IndicatorPlan, assessment: Assessment, outcome: int, band: int
) -> IndicatorResult:
    name = OUTCOME_NAMES[outcome]
    banded = ind.id in plan.banded_set
    value = assessment.values.get(ind.id)
    given = assessment.given.get(ind.id)
    common = (ind.id, ind.rule, ind.clause, given, name)
    detail = assessment.details.get(ind.id, _NO_DETAIL)
    if value is None or ind.kind == ATTESTED:  # a rolled-up share not yet known keeps its units
        return IndicatorResult(*common, banded=banded, units=detail.units)
    behind: dict[str, object] = {}  # most indicators have nothing behind them
    if detail is not _NO_DETAIL:
        behind = {
            "parts": tuple(_part_result(ind, p) for p in detail.parts),
            "deciding": detail.deciding,
            "units": detail.units,
            "none": detail.none,
        }
    if ind.kind == PERCENT:
        num, den, count, total = cast("tuple[int, int, int | None, int | None]", value)
        if detail.deciding is not None:  # the deciding part's counts are not the indicator's
            count = total = None
        return IndicatorResult(
            *common,
            Fraction(num, den),
            count,
            total,
            band=band or None,
            banded=banded,
            percent=True,
            **behind,  # type: ignore[arg-type]
        )
    change = cast("tuple[int, int, int, int]", value)
    pn, pd, cn, cd = change
    each = detail.deciding is not None
    return IndicatorResult(
        *common,
        Fraction(*amount(ind, change)),
        previous=None if each else Fraction(pn, pd),
        current=None if each else Fraction(cn, cd),
        banded=banded,
        percent=ind.quantity == "percent",
        **behind,  # type: ignore[arg-type]
    )


_NO_DETAIL = Detail()


def _part_result(ind: IndicatorPlan, part: PartValue) -> PartResult:
    """One part's value, and whether it alone meets the indicator's threshold."""
    tn, td = ind.threshold
    en = next((p.en for p in getattr(ind.indicator.measure, "parts", ()) if p.id == part.id), None)
    if ind.kind == PERCENT:
        num, den, count, total = part.value
        value = Fraction(num, den)
        return PartResult(part.id, value, ind.compare(num * td, tn * den), count, total, en=en)
    change = cast("tuple[int, int, int, int]", part.value)
    num, den = amount(ind, change)
    return PartResult(
        part.id,
        Fraction(num, den),
        ind.compare(num * td, tn * den),
        previous=Fraction(change[0], change[1]),
        current=Fraction(change[2], change[3]),
        percent=ind.quantity == "percent",
        en=en,
    )


def _behind(ind: IndicatorPlan, result: IndicatorResult, *, decisive: bool) -> tuple[Step, ...]:
    """The steps under an indicator: its parts, or the units it counted."""
    if not result.parts and not result.units:  # most indicators: nothing under them
        return ()
    measure = ind.indicator.measure
    if result.parts and result.deciding is not None:
        return tuple(
            Step(
                kind="part",
                id=p.id,
                rule=f"{p.id} {measure.describe('en')}",
                outcome="met" if p.met else "not_met",
                clause=ind.clause,
                decisive=decisive and p.id == result.deciding,
                observed=Message(p.observed("vi"), p.observed("en")),
                words=Message(
                    f"{p.label('vi')} {measure.describe('vi')}",
                    f"{p.label('en')} {measure.describe('en')}",
                ),
            )
            for p in result.parts
        )
    if result.parts:
        return tuple(
            Step(
                kind="part",
                id=p.id,
                rule=f"{p.id}: added up",
                outcome="counted",
                clause=ind.clause,
                decisive=False,
                observed=Message(p.observed("vi"), p.observed("en")),
                words=Message(f"{p.label('vi')}: cộng gộp", f"{p.label('en')}: added up"),
            )
            for p in result.parts
        )
    counted = getattr(measure, "counted", None)
    what = Message(counted.vi, counted.en) if counted else VOCABULARY["counted"]
    return tuple(
        Step(
            kind="unit",
            id=u.name,
            rule=f"{u.name}: {what.en}?",
            outcome={True: "counted", False: "not_counted", None: "unknown"}[u.counted],
            clause=ind.clause,
            decisive=False,
            observed=u.words,
            words=Message(u.name, u.name),
        )
        for u in result.units
    )


def _edge_words(op: str, value: Fraction, lang: Lang) -> str:
    return f"{_OPS[op][0].render(lang)} {fmt_number(value, lang)}"


def _needed_count(count: int, total: int, op: str, edge: Fraction) -> int:
    """How many more (for ≥, >) or fewer (for ≤, <) counted things reach the edge."""
    target = edge * total / 100  # the count at the edge, exactly
    ceil = -((-target.numerator) // target.denominator)
    floor = target.numerator // target.denominator
    needed = {">=": ceil - count, ">": floor + 1 - count, "<=": count - floor}
    return max(0, needed.get(op, count - (ceil - 1)))


def _gap_message(
    result: IndicatorResult, ind: IndicatorPlan, op: str, edge: Fraction, level: int
) -> Blocker:
    """The gap between a value and an edge, in the units of its input."""
    if ind.kind == ATTESTED:
        return Blocker(
            result.id,
            level,
            Message(
                f"{result.id}: không đạt; mức {level} cần được đánh giá đạt",
                f"{result.id}: not met; level {level} needs it attested as met",
            ),
        )
    assert result.value is not None  # noqa: S101
    seen_vi, seen_en = result.observed("vi"), result.observed("en")
    for part in result.parts:
        if part.id == result.deciding:  # the part furthest from the edge stands in the way
            seen_vi, seen_en = part.observed("vi"), part.observed("en")
    head_vi = f"{result.id}: {seen_vi}; mức {level} cần {_edge_words(op, edge, 'vi')}"
    head_en = f"{result.id}: {seen_en}; level {level} needs {_edge_words(op, edge, 'en')}"
    fewer = _OPS[op][1]
    gap = abs(edge - result.value)
    measure = ind.indicator.measure
    if ind.kind == PERCENT:
        head_vi += "%"
        head_en += "%"
        if result.count is not None and result.total is not None and isinstance(measure, Percent):
            more = _needed_count(result.count, result.total, op, edge)
            what_vi = measure.counted.vi if measure.counted else "đơn vị"
            what_en = measure.counted.en if measure.counted else "units"
            word_vi, word_en = ("bớt", "fewer") if fewer else ("thêm", "more")
            near_vi = "" if fewer else _closest(result.units, more, "vi")
            near_en = "" if fewer else _closest(result.units, more, "en")
            return Blocker(
                result.id,
                level,
                Message(
                    f"{head_vi}: {word_vi} {more} {what_vi}"
                    + (near_vi and f"; gần nhất: {near_vi}"),
                    # "2 more communes rated Khá or better", "one more of the communes..."
                    f"{head_en}: "
                    + (
                        f"{more} {word_en} {what_en}"
                        if more != 1
                        else f"one {word_en} of the {what_en}"
                    )
                    + (near_en and f"; closest: {near_en}"),
                ),
                more=more,
                gap=gap,
            )
    if ind.kind == CHANGE:
        return _change_gap(result, ind, op, edge, level, gap)
    more_vi, more_en = ("thấp hơn", "lower") if fewer else ("cao hơn", "higher")
    if gap == 0:  # exactly on a strict edge: no amount says it, "strictly" does
        return Blocker(
            result.id,
            level,
            Message(
                f"{head_vi}: phải {more_vi} hẳn {fmt_number(edge, 'vi')}%",
                f"{head_en}: it must be strictly {more_en} than {fmt_number(edge, 'en')}%",
            ),
            gap=gap,
        )
    strict = op in {"<", ">"}
    move_vi = "giảm" if fewer else "tăng"
    return Blocker(
        result.id,
        level,
        Message(
            f"{head_vi}: còn phải {move_vi} thêm {'hơn ' if strict else ''}"
            f"{fmt_number(gap, 'vi')} điểm phần trăm",
            f"{head_en}: {'more than ' if strict else ''}{fmt_number(gap, 'en')} percentage points {more_en}",
        ),
        gap=gap,
    )


def _change_gap(  # noqa: PLR0913, PLR0917 - the facts of one gap
    result: IndicatorResult, ind: IndicatorPlan, op: str, edge: Fraction, level: int, gap: Fraction
) -> Blocker:
    """A change short of its rule, said the way it moved.

    A rise where a fall is needed is a rise (never "a fall of -0.4"), and no change is
    no change.
    """
    assert result.value is not None  # noqa: S101
    unit_vi = {"points": " điểm phần trăm", "relative": "%", "absolute": ""}[ind.unit]
    unit_en = {"points": " percentage points", "relative": "%", "absolute": ""}[ind.unit]
    need_vi = "giảm" if ind.falls else "tăng"
    need_en = "a fall" if ind.falls else "a rise"
    size = abs(result.value)
    if result.value == 0:
        moved_vi, moved_en = "không đổi", "no change"
    else:
        wrong_way = result.value < 0  # moved against the rule's direction
        verb_vi = ("tăng" if ind.falls else "giảm") if wrong_way else need_vi
        verb_en = ("a rise" if ind.falls else "a fall") if wrong_way else need_en
        moved_vi = f"{verb_vi} {fmt_number(size, 'vi')}{unit_vi}"
        moved_en = f"{verb_en} of {fmt_number(size, 'en')}{unit_en}"
    return Blocker(
        result.id,
        level,
        Message(
            f"{result.id}: {result.observed('vi')} ({moved_vi}); mức {level} cần {need_vi} "
            f"{_edge_words(op, edge, 'vi')}{unit_vi}",
            f"{result.id}: {result.observed('en')} ({moved_en}); level {level} needs {need_en} "
            f"of {_edge_words(op, edge, 'en')}{unit_en}",
        ),
        gap=gap,
    )


def _closest(units: tuple[UnitValue, ...], more: int, lang: Lang) -> str:
    """The units not yet counted that are nearest to counting, as many as are needed.

    Nearest first (highest score, or best rating); a tie keeps the order of the list.
    """
    waiting = [u for u in units if u.counted is not True and u.closeness is not None]
    waiting.sort(key=lambda u: -u.closeness)  # type: ignore[operator]
    return ", ".join(f"{u.name} ({u.words.render(lang)})" for u in waiting[: max(more, 1)])


def shortfall(plan: Plan, result: IndicatorResult) -> Blocker:
    """The gap between an indicator that is not met and its own threshold.

    Every indicator is in some prerequisite, so meeting it is what level 1 needs.
    """
    ind = plan.by_id[result.id]
    return _gap_message(result, ind, ind.op, Fraction(*ind.threshold), 1)


def blockers(
    plan: Plan,
    status: StatusName,
    level: int | None,
    decided_by: tuple[str, ...],
    results: Mapping[str, IndicatorResult],
) -> tuple[Blocker, ...]:
    """What stands between the unit and the next level (or, if incomplete, the missing data)."""
    if status == "incomplete":
        return tuple(
            Blocker(i, 0, Message(f"{i}: chưa có số liệu", f"{i}: no data yet")) for i in decided_by
        )
    if status == "not_recognised":
        return tuple(
            _gap_message(
                results[i], plan.by_id[i], plan.by_id[i].op, Fraction(*plan.by_id[i].threshold), 1
            )
            for i in decided_by
        )
    assert level is not None  # noqa: S101
    if level >= plan.top_level:
        return ()
    nxt = plan.bands[level]  # levels are 1, 2, 3... in order (the models check it)
    op = ">=" if nxt.low_inclusive else ">"
    return tuple(
        _gap_message(results[i], plan.by_id[i], op, Fraction(*nxt.low), nxt.level)
        for i in decided_by
    )


def trace(  # noqa: PLR0913, PLR0917 - the facts of one decision
    plan: Plan,
    status: StatusName,
    level: int | None,
    possible: tuple[int, ...],
    decided_by: tuple[str, ...],
    results: Mapping[str, IndicatorResult],
    seen: Mapping[str, Message],
    unit_title: Bilingual | None,
) -> Step:
    """The tree: the decision; each prerequisite with its indicators; the bands.

    ``seen`` is each indicator's observed value in words (`observed`).
    """
    rec = plan.spec.recognition
    decided = set(decided_by)
    recognised = status == "recognised"

    prereq_steps = []
    for pre, members in zip(rec.prerequisites, plan.prerequisites, strict=True):
        children = tuple(
            Step(
                kind="indicator",
                id=i,
                rule=plan.by_id[i].rule,
                outcome=results[i].outcome,
                clause=plan.by_id[i].clause,
                decisive=not recognised and i in decided,
                observed=seen[i],
                children=_behind(
                    plan.by_id[i], results[i], decisive=not recognised and i in decided
                ),
                words=plan.by_id[i].words,
            )
            for i in members
        )
        outcomes = {c.outcome for c in children}
        outcome = (
            "not_met" if "not_met" in outcomes else "missing" if "missing" in outcomes else "met"
        )
        refs = ", ".join(pre.all_met)
        prereq_steps.append(
            Step(
                kind="prerequisite",
                id=pre.id,
                rule=str(pre),
                outcome=outcome,
                clause=pre.clause,
                decisive=any(c.decisive for c in children),
                children=children,
                words=Message(f"đạt tất cả chỉ báo của {refs}", f"all met: {refs}"),
            )
        )

    band_steps = []
    for i in plan.banded:
        band = results[i].band
        if band is None and results[i].outcome == "missing":
            rule, outcome, words = (
                f"{i}: no data",
                "missing",
                Message(f"{i}: chưa có số liệu", f"{i}: no data"),
            )
        elif band is None:
            rule, outcome, words = (
                f"{i}: no band",
                results[i].outcome,
                Message(f"{i}: không thuộc mức nào", f"{i}: in no band"),
            )
        else:
            words = plan.by_id[i].band_words[band - 1]
            rule, outcome = words.en, f"level {band}"
        band_steps.append(
            Step(
                kind="band",
                id=i,
                rule=rule,
                outcome=outcome,
                clause=rec.clause,
                decisive=recognised and i in decided,
                observed=None if outcome == "missing" else seen[i],  # no data: said once
                words=words,
                level=band,
            )
        )
    banded = ", ".join(plan.banded)
    bands = Step(
        kind="bands",
        id="bands",
        rule=f"level = lowest band of {banded}",
        outcome=f"level {level}" if recognised else status,
        clause=rec.clause,
        decisive=recognised,
        level=level if recognised else None,
        children=tuple(band_steps),
        words=Message(f"mức = mức thấp nhất của {banded}", f"level = lowest band of {banded}"),
    )

    if unit_title is not None:
        observed = Message(unit_title.vi, unit_title.en)
    elif status == "incomplete":
        levels = ", ".join(str(x) for x in possible)
        observed = Message(f"các mức còn có thể: {levels}", f"levels still possible: {levels}")
    else:
        observed = Message(outcome_words(status, "vi"), outcome_words(status, "en"))
    rule = "all prerequisites met, then the lowest band gives the level"
    words = Message(
        "đạt mọi điều kiện tiên quyết, rồi mức thấp nhất trong các chỉ báo xếp mức là mức công nhận",
        rule,
    )
    ids = ", ".join(decided_by)
    if status == "not_recognised":  # say what failed, not the rule it failed
        failed = [p.id for p in prereq_steps if p.outcome == "not_met"]
        failing = ", ".join(failed)
        many = "s" if len(failed) > 1 else ""
        words = Message(
            f"không đạt điều kiện tiên quyết {failing}: {ids}",
            f"prerequisite{many} {failing} not met: {ids}",
        )
    elif status == "incomplete":
        words = Message(f"còn thiếu số liệu: {ids}", f"still missing: {ids}")
    elif recognised:  # say which band decided, not only the rule
        words = Message(
            f"đạt mọi điều kiện tiên quyết; mức thấp nhất là mức {level}, của {ids}",
            f"all prerequisites met; the lowest band is level {level}, that of {ids}",
        )
    return Step(
        kind="decision",
        id=plan.spec.id,
        rule=rule,
        outcome=f"level {level}" if recognised else status,
        clause=rec.clause,
        decisive=True,
        level=level if recognised else None,
        observed=observed,
        children=(*prereq_steps, bands),
        words=words,
    )


_YEAR = re.compile(r"(?<![0-9])([0-9]{4})(?![0-9])", re.ASCII)


def period_warnings(spec: CriteriaSet, period: str | None) -> tuple[Message, ...]:
    """A warning when no year the period names lies within the set's effective dates.

    Every four-digit year written in ASCII digits counts, wherever it stands ("2022",
    "năm 2024", "2021-2022": the last overlaps a set in force in 2022, so no warning); a
    period that names no year is the user's own and is not guessed at.

    >>> from hoctap import load
    >>> [len(period_warnings(load("district"), p)) for p in ("2021-2022", "năm 2024", "kỳ I")]
    [0, 1, 0]
    """
    years = [int(y) for y in _YEAR.findall(period or "")]
    if not years or period is None:
        return ()
    start, end = spec.effective.start, spec.effective.end
    if any(y >= start.year and (end is None or y <= end.year) for y in years):
        return ()
    until = f"{end:%d/%m/%Y}" if end else "…"
    return (
        Message(
            f"kỳ đánh giá {period} nằm ngoài thời gian hiệu lực của bộ tiêu chí "
            f"({start:%d/%m/%Y} – {until})",
            f"the period {period} lies outside the criteria set's effective dates "
            f"({start:%d/%m/%Y} – {until})",
        ),
    )
