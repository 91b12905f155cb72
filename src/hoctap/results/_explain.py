"""What a person reads about a decision: each indicator's result, the blockers, the trace.

Built from the facts the decision (`hoctap.engine._decision`) returned, only when first asked
for (`hoctap.results.evaluation.Evaluation` calls these lazily); nothing here changes what was
decided. Leaf functions say *what* happened ("85% (17/20)"); `trace` adds *where*
(prerequisite → indicator, bands → band).
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from hoctap._words import VOCABULARY
from hoctap.engine._assessment import period_years
from hoctap.engine._decision import OUTCOME_NAMES, StatusName
from hoctap.engine._details import Detail, PartValue
from hoctap.errors import Message
from hoctap.results.trace import (
    Blocker,
    IndicatorResult,
    PartResult,
    Step,
    outcome_words,
)
from hoctap.spec.models import Bilingual, CriteriaSet

if TYPE_CHECKING:
    from collections.abc import Mapping

    from hoctap.engine._assessment import Assessment
    from hoctap.engine._kinds.kind import IndicatorPlan
    from hoctap.engine._plan import Plan

__all__ = [
    "blockers",
    "indicator_results",
    "observed",
    "period_warnings",
    "shortfall",
    "title",
    "trace",
]


def observed(results: tuple[IndicatorResult, ...]) -> dict[str, Message]:
    """Each indicator's observed value in words, in both languages, made once."""
    return {r.id: Message(r.observed("vi"), r.observed("en")) for r in results}


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
    name = OUTCOME_NAMES[outcome] if ind.applies else "not_applicable"
    banded = ind.id in plan.banded_set
    value = assessment.values.get(ind.id)
    given = assessment.given.get(ind.id)
    common = (ind.id, ind.rule, ind.clause, given, name)
    detail = assessment.details.get(ind.id, _NO_DETAIL)
    figures = None if value is None else ind.kind.figures(ind, value)
    if figures is None or figures.value is None:
        # A rolled-up share not yet known keeps its units; a yes / no has nothing to count.
        return IndicatorResult(*common, banded=banded, units=detail.units)
    behind: dict[str, object] = {}  # most indicators have nothing behind them
    if detail is not _NO_DETAIL:
        behind = {
            "parts": tuple(_part_result(ind, p) for p in detail.parts),
            "deciding": detail.deciding,
            "units": detail.units,
            "none": detail.none,
        }
    each = detail.deciding is not None  # the deciding part's figures are not the indicator's
    return IndicatorResult(
        *common,
        figures.value,
        None if each else figures.count,
        None if each else figures.total,
        previous=None if each else figures.previous,
        current=None if each else figures.current,
        band=band or None,
        banded=banded,
        percent=figures.percent,
        by_level=figures.by_level,
        **behind,  # type: ignore[arg-type]
    )


_NO_DETAIL = Detail()


def _part_result(ind: IndicatorPlan, part: PartValue) -> PartResult:
    """One part's value, and whether it alone meets the indicator's threshold."""
    en = next((p.en for p in getattr(ind.indicator.measure, "parts", ()) if p.id == part.id), None)
    figures = ind.kind.figures(ind, part.value)
    assert figures.value is not None  # noqa: S101 - only shares and changes have parts
    tn, td = ind.threshold
    num, den = ind.kind.size(ind, part.value)
    own = next((t for t in ind.part_tests if t.id == part.id), None)  # its own edge, if any
    return PartResult(
        part.id,
        figures.value,
        own.passes((num, den)) if own is not None else ind.compare(num * td, tn * den),
        figures.count,
        figures.total,
        previous=figures.previous,
        current=figures.current,
        percent=figures.percent,
        en=en,
    )


def _behind(ind: IndicatorPlan, result: IndicatorResult, *, decisive: bool) -> tuple[Step, ...]:
    """The steps under an indicator: its parts, or the units it counted."""
    if not result.parts and not result.units:  # most indicators: nothing under them
        return ()
    measure = ind.indicator.measure
    said = ind.meets_words or Message(measure.describe("vi"), measure.describe("en"))
    if result.parts and result.deciding is not None:
        own = (
            {  # parts with thresholds of their own, and those held to the indicator's
                p.id: Message(p.threshold_words("vi", "%"), p.threshold_words("en", "%"))
                if p.meets is not None
                else Message(measure.threshold_words("vi", "%"), measure.threshold_words("en", "%"))  # type: ignore[union-attr]
                for p in getattr(measure, "parts", ())
            }
            if ind.part_tests
            else {}
        )
        return tuple(
            Step(
                kind="part",
                id=p.id,
                rule=f"{p.id} {own.get(p.id, said).en}",
                outcome="met" if p.met else "not_met",
                clause=ind.clause,
                decisive=decisive and p.id == result.deciding,
                observed=Message(p.observed("vi"), p.observed("en")),
                words=Message(
                    f"{p.label('vi')} {own.get(p.id, said).vi}",
                    f"{p.label('en')} {own.get(p.id, said).en}",
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


def _gap_message(
    result: IndicatorResult, ind: IndicatorPlan, op: str, edge: Fraction, level: int
) -> Blocker:
    """The gap between a value and an edge, in the units of its input (its kind's words).

    For parts with edges of their own (``ind.part_tests``), each part short of its own
    edge at ``ind``'s level, in one blocker.
    """
    if ind.part_tests:
        return _parts_gap(result, ind, level)
    seen = Message(result.observed("vi"), result.observed("en"))
    for part in result.parts:
        if part.id == result.deciding:  # the part furthest from the edge stands in the way
            seen = Message(part.observed("vi"), part.observed("en"))
    gap = ind.kind.shortfall(result, seen, ind, op=op, edge=edge, level=level)
    return Blocker(result.id, level, gap.words, more=gap.more, gap=gap.gap)


def _parts_gap(result: IndicatorResult, ind: IndicatorPlan, level: int) -> Blocker:
    """Each part short of its own edge at ``ind``'s level, said one after the other."""
    gaps = []
    for part in result.parts:
        test = next(t for t in ind.part_tests if t.id == part.id)
        num, den = part.value.numerator, part.value.denominator
        if test.passes((num, den)):
            continue
        seen = Message(part.observed("vi"), part.observed("en"))
        alone = result._replace(value=part.value, count=part.count, total=part.total, units=())
        edge = Fraction(test.num, test.den)
        gaps.append(ind.kind.shortfall(alone, seen, ind, op=test.op, edge=edge, level=level))
    if not gaps:  # a part not given yet: no data for it
        missing = ", ".join(
            t.id for t in ind.part_tests if t.id not in {p.id for p in result.parts}
        )
        return Blocker(
            result.id,
            level,
            Message(
                f"{result.id}: chưa có số liệu {missing}", f"{result.id}: no data yet for {missing}"
            ),
        )
    words = Message("; ".join(g.words.vi for g in gaps), "; ".join(g.words.en for g in gaps))
    one = gaps[0] if len(gaps) == 1 else None
    return Blocker(
        result.id,
        level,
        words,
        more=one.more if one else None,
        gap=one.gap if one else max((g.gap for g in gaps if g.gap is not None), default=None),
    )


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
    if plan.own_levels:  # each indicator's own threshold for the next level
        return tuple(
            _gap_message(results[i], nxt, nxt.op, Fraction(*nxt.threshold), level + 1)
            for i in decided_by
            for nxt in (plan.by_id[i].levels[level - 1],)  # levels[0] is level 2's
        )
    band = plan.bands[level]  # levels are 1, 2, 3... in order (the models check it)
    op = ">=" if band.low_inclusive else ">"
    return tuple(
        _gap_message(results[i], plan.by_id[i], op, Fraction(*band.low), band.level)
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
                words=Message(
                    f"đạt tất cả {plan.spec.indicator_word} của {refs}", f"all met: {refs}"
                ),
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
        "đạt mọi điều kiện tiên quyết, rồi mức thấp nhất trong các "
        f"{plan.spec.indicator_word} xếp mức là mức công nhận",
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


def period_warnings(spec: CriteriaSet, period: str | None) -> tuple[Message, ...]:
    """A warning when no year the period names lies within the set's effective dates.

    Every four-digit year written in ASCII digits counts, wherever it stands ("2022",
    "năm 2024", "2021-2022": the last overlaps a set in force in 2022, so no warning); a
    period that names no year is the user's own and is not guessed at.

    >>> from hoctap import load
    >>> [len(period_warnings(load("district"), p)) for p in ("2021-2022", "năm 2024", "kỳ I")]
    [0, 1, 0]
    """
    years = period_years(period)
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
