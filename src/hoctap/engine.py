"""The engine: an assessment's values against a criteria set's rules, to a level and why.

The decision (`_decide`) is one flat, pure loop over a compiled `Plan` (`hoctap._plan`)
and the exact values; it builds nothing it does not need. Everything a person reads
(per-indicator results, next-level blockers, the trace) is built from the same facts
only when first asked for. That, and the fast path for plain inputs in
`hoctap.assessment._fast`, are the two tricks that keep evaluation fast (see
``benchmarks/bench.py``); neither changes what is computed, only when and how cheaply.

The rules, from the criteria file (``recognition``), never from here:

- a unit is not recognised when any indicator a prerequisite or the bands look at is
  not met; ``decided_by`` is then every such indicator;
- otherwise, with every such indicator present, the level is the lowest band among the
  banded indicators (``combine: lowest``); ``decided_by`` is the banded indicators whose
  band is the level;
- otherwise some are missing: the result is incomplete, ``possible_levels`` says which
  levels the missing values could still give, ``decided_by`` which values are missing.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal, cast

from hoctap import __version__
from hoctap._plan import ATTESTED, CHANGE, PERCENT, IndicatorPlan, Plan, plan_for
from hoctap.assessment import Assessment, _Reader, parse_values, read_assessment, unit_kind
from hoctap.errors import InputError, Lang, Message
from hoctap.loading import load
from hoctap.models import Bilingual, CriteriaSet, Percent
from hoctap.trace import Blocker, IndicatorResult, Step, fmt_number, outcome_words, render

if TYPE_CHECKING:
    from pathlib import Path as FilePath

    from hoctap._numbers import Rational

__all__ = ["Evaluation", "evaluate", "evaluate_assessment", "evaluate_file"]

Status = Literal["recognised", "not_recognised", "incomplete"]

_MISSING, _NOT_MET, _MET = -1, 0, 1
_OUTCOME_NAMES = {_MISSING: "missing", _NOT_MET: "not_met", _MET: "met"}


# --- the decision ---------------------------------------------------------------------------


def _amount(plan: IndicatorPlan, value: tuple[int, int, int, int]) -> Rational:
    """The change in the rule's direction and unit, exactly (a fall is positive when it falls)."""
    pn, pd, cn, cd = value
    diff = pn * cd - cn * pd if plan.falls else cn * pd - pn * cd  # over pd * cd
    if plan.unit == "relative":
        return (diff * 100, cd * pn)  # (diff / (pd*cd)) / (pn/pd) * 100; pn > 0 is checked on input
    return (diff, pd * cd)


Decision = tuple[
    Status, int | None, tuple[int, ...], tuple[str, ...], tuple[int, ...], tuple[int, ...]
]


def _decide(plan: Plan, values: Mapping[str, object]) -> Decision:  # noqa: C901, PLR0912 - the hot loop, kept flat
    """One pass over the indicators: each one's outcome and band, then the conclusion.

    Returns (status, level, possible levels, decided_by, outcomes, bands), outcomes and
    bands in the order of the text (band 0: none).
    """
    outcomes: list[int] = []
    bands: list[int] = []
    failed: list[str] = []
    missing: list[str] = []
    missing_banded = False
    placed: list[tuple[str, int]] = []  # (id, band) of each banded indicator that is met
    get = values.get
    for ind_id, kind, ind, relevant, banded in plan.steps:
        value: Any = get(ind_id)
        if value is None:
            outcomes.append(_MISSING)
            bands.append(0)
            if relevant:
                missing.append(ind_id)
                missing_banded = missing_banded or banded
            continue
        if kind == ATTESTED:
            met = value
        elif kind == PERCENT:
            met = ind.check(value[0], value[1])
        else:
            met = ind.check(*_amount(ind, value))
        if met:
            outcomes.append(_MET)
            band = 0
            # Bands are contiguous from the minimum up to 100 (the loader checks it), so a
            # met share's band is the first whose upper edge it does not pass.
            if banded:
                num, den = value[0], value[1]
                for top_num, top_den, inclusive, level in plan.tops:
                    if (
                        (num * top_den <= top_num * den)
                        if inclusive
                        else (num * top_den < top_num * den)
                    ):
                        band = level
                        break
                placed.append((ind_id, band))
            bands.append(band)
        else:
            outcomes.append(_NOT_MET)
            bands.append(0)
            if relevant:
                failed.append(ind_id)
    if failed:
        return "not_recognised", 0, (0,), tuple(failed), tuple(outcomes), tuple(bands)
    lowest = min([b for _, b in placed], default=plan.top_level)
    if not missing:
        decided = tuple([i for i, b in placed if b == lowest])
        return "recognised", lowest, (lowest,), decided, tuple(outcomes), tuple(bands)
    # Missing values could still fail (level 0), and a missing banded value could land in
    # any band, so every level up to the lowest band already known stays possible.
    possible = (0, *range(1, lowest + 1)) if missing_banded else (0, lowest)
    return "incomplete", None, possible, tuple(missing), tuple(outcomes), tuple(bands)


# --- the result -------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Evaluation:
    """The outcome of evaluating one unit: a level and why.

    ``status`` is ``recognised``, ``not_recognised`` or ``incomplete``; ``level`` is 1, 2
    or 3 when recognised, 0 when not, None when incomplete. ``decided_by`` names the
    indicators that decided it. ``indicators``, ``blockers`` and ``trace`` are built when
    first read.
    """

    assessment: Assessment
    status: Status
    level: int | None
    possible_levels: tuple[int, ...]
    decided_by: tuple[str, ...]
    _plan: Plan = field(repr=False)
    _outcomes: tuple[int, ...] = field(repr=False)
    _bands: tuple[int, ...] = field(repr=False)

    @property
    def criteria(self) -> CriteriaSet:
        """The criteria set it was judged under."""
        return self._plan.spec

    @property
    def unit(self) -> str:
        """The unit's name as given."""
        return self.assessment.unit

    @property
    def period(self) -> str | None:
        """The assessment period as given."""
        return self.assessment.period

    @property
    def title(self) -> Bilingual | None:
        """The recognition title as the plans word it, e.g. "Quận học tập mức độ 2"."""
        if self.status != "recognised" or not self.level:
            return None
        unit_title = self.criteria.title_for(self.assessment.kind)
        return Bilingual(
            vi=f"{unit_title.vi} mức độ {self.level}", en=f"{unit_title.en}, level {self.level}"
        )

    @cached_property
    def indicators(self) -> tuple[IndicatorResult, ...]:
        """Each indicator's value as given, the exact value computed, met or not, its band."""
        return tuple(
            _indicator_result(self._plan, ind, self.assessment, outcome, band)
            for ind, outcome, band in zip(
                self._plan.indicators, self._outcomes, self._bands, strict=True
            )
        )

    def indicator(self, indicator_id: str) -> IndicatorResult:
        """The result of one indicator."""
        return self._by_id[indicator_id]

    @cached_property
    def _by_id(self) -> dict[str, IndicatorResult]:
        return {r.id: r for r in self.indicators}

    @cached_property
    def blockers(self) -> tuple[Blocker, ...]:
        """What stands between the unit and the next level (or, if incomplete, the missing data)."""
        return _blockers(self)

    @cached_property
    def trace(self) -> Step:
        """The tree of steps that led to the result."""
        return _trace(self)

    @cached_property
    def warnings(self) -> tuple[Message, ...]:
        """Things to know that do not change the result: a period outside the set's dates."""
        return _period_warnings(self.criteria, self.period)

    @cached_property
    def input_hash(self) -> str:
        """SHA-256 of the input (set, version, unit, period, values as given), for replay."""
        payload = {
            "criteria": self.criteria.id,
            "version": self.criteria.version,
            "unit": self.unit,
            "kind": self.assessment.kind,
            "period": self.period,
            "values": {k: _canonical(v) for k, v in sorted(self.assessment.given.items())},
        }
        text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()

    def to_dict(self) -> dict[str, Any]:
        """Everything as plain JSON data, with what is needed to replay the decision."""
        title = self.title
        return {
            "hoctap_version": __version__,
            "criteria": {"id": self.criteria.id, "version": self.criteria.version},
            "unit": self.unit,
            "kind": self.assessment.kind,
            "period": self.period,
            "input_hash": self.input_hash,
            "status": self.status,
            "level": self.level,
            "title": None if title is None else {"vi": title.vi, "en": title.en},
            "possible_levels": list(self.possible_levels),
            "warnings": [{"vi": w.vi, "en": w.en} for w in self.warnings],
            "decided_by": list(self.decided_by),
            "indicators": [r.to_dict() for r in self.indicators],
            "blockers": [
                {
                    "id": b.id,
                    "next_level": b.next_level,
                    "vi": b.message.vi,
                    "en": b.message.en,
                    "more": b.more,
                    "gap": None if b.gap is None else str(b.gap),
                }
                for b in self.blockers
            ],
            "trace": self.trace.to_dict(),
        }

    def render(self, fmt: str = "text", lang: Lang = "vi") -> str:
        """The evaluation as ``text``, ``markdown``, ``html`` or ``json``, in ``vi`` or ``en``."""
        return render(self, fmt, lang)

    def __str__(self) -> str:
        return render(self, "text", "vi")

    def _repr_html_(self) -> str:
        return render(self, "html", "vi")

    def __repr__(self) -> str:
        level = {"recognised": f"level {self.level}", "not_recognised": "not recognised"}.get(
            self.status, f"incomplete, possible levels {list(self.possible_levels)}"
        )
        by = f", decided by {', '.join(self.decided_by)}" if self.decided_by else ""
        return f"<Evaluation {self.criteria.id} {self.unit!r}: {level}{by}>"


def _period_warnings(spec: CriteriaSet, period: str | None) -> tuple[Message, ...]:
    """A warning when the period's year lies outside the set's effective dates.

    Only a period that starts with a four-digit year is read; any other text is the
    user's own and is not guessed at.
    """
    if period is None or len(period) < 4 or not period[:4].isdigit():
        return ()
    year = int(period[:4])
    start, end = spec.effective.start, spec.effective.end
    if year >= start.year and (end is None or year <= end.year):
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


def _canonical(value: object) -> object:
    if isinstance(value, Mapping):
        return {str(k): _canonical(v) for k, v in sorted(value.items())}
    if isinstance(value, bool | int | str) or value is None:
        return value
    return str(value)


# --- entry points --------------------------------------------------------------------------


def evaluate_assessment(assessment: Assessment) -> Evaluation:
    """Evaluate a checked assessment."""
    plan = plan_for(assessment.criteria)
    status, level, possible, decided, outcomes, bands = _decide(plan, assessment.values)
    return Evaluation(assessment, status, level, possible, decided, plan, outcomes, bands)


def evaluate(
    criteria: CriteriaSet | str | FilePath,
    values: Mapping[str, object],
    *,
    unit: str = "",
    kind: str | None = None,
    period: str | int | None = None,
) -> Evaluation:
    """Evaluate a unit's values against a criteria set (a set, a bundled name, or a path).

    Raises `InputError` listing every bad value; a missing value is missing data.

    >>> from hoctap import evaluate
    >>> values = {i: True for i in ("1.1.1", "1.1.2", "1.2.1", "1.2.2", "1.2.3", "3.2.1")}
    >>> values |= {"2.1.1": 92, "2.1.2": {"count": 17, "total": 20}, "2.2.1": "95,5",
    ...            "2.2.2": 91, "2.2.3": 100, "2.2.4": 100, "3.1.1": {"previous": 4.1, "current": 2.6},
    ...            "3.1.2": 90, "3.2.2": 0.03, "3.2.3": 50}
    >>> result = evaluate("district", values, unit="Quận Lê Chân", period=2022)
    >>> result
    <Evaluation district 'Quận Lê Chân': level 2, decided by 2.1.2>
    >>> print(result.title.vi)
    Quận học tập mức độ 2
    >>> print(result.blockers[0])
    2.1.2: 85% (17/20); level 3 needs more than 90%: 2 more communes rated Khá or better
    """
    spec = criteria if isinstance(criteria, CriteriaSet) else load(criteria)
    reader = _Reader("<values>", None)
    parsed, given = parse_values(spec, values, reader)
    kind = unit_kind(spec, unit, kind, reader)
    if reader.problems:
        raise InputError(reader.problems)
    assessment = Assessment(
        spec, unit, None if period is None else str(period), kind, parsed, given
    )
    return evaluate_assessment(assessment)


def evaluate_file(
    path: str | FilePath | Mapping[str, Any],
    *,
    criteria: CriteriaSet | str | FilePath | None = None,
) -> Evaluation:
    """Read an assessment file (YAML or JSON) or mapping, and evaluate it."""
    return evaluate_assessment(read_assessment(path, criteria=criteria))


# --- what a person reads, built on demand ------------------------------------------------------


def _indicator_result(
    plan: Plan, ind: IndicatorPlan, assessment: Assessment, outcome: int, band: int
) -> IndicatorResult:
    name = _OUTCOME_NAMES[outcome]
    banded = ind.id in plan.banded_set
    value = assessment.values.get(ind.id)
    given = assessment.given.get(ind.id)
    common = (ind.id, ind.rule, ind.clause, given, name)
    if value is None or ind.kind == ATTESTED:
        return IndicatorResult(*common, banded=banded)
    if ind.kind == PERCENT:
        num, den, count, total = cast("tuple[int, int, int | None, int | None]", value)
        share = Fraction(num, den)
        return IndicatorResult(
            *common, share, count, total, band=band or None, banded=banded, percent=True
        )
    change = cast("tuple[int, int, int, int]", value)
    pn, pd, cn, cd = change
    return IndicatorResult(
        *common,
        Fraction(*_amount(ind, change)),
        previous=Fraction(pn, pd),
        current=Fraction(cn, cd),
        banded=banded,
        percent=ind.quantity == "percent",
    )


def _edge_words(op: str, value: Fraction, lang: Lang) -> str:
    number = fmt_number(value, lang)
    if lang == "vi":
        return {
            ">=": f"từ {number}",
            ">": f"trên {number}",
            "<=": f"không quá {number}",
            "<": f"dưới {number}",
        }[op]
    return {
        ">=": f"at least {number}",
        ">": f"more than {number}",
        "<=": f"at most {number}",
        "<": f"less than {number}",
    }[op]


def _needed_count(count: int, total: int, op: str, edge: Fraction) -> int:
    """How many more (for ≥, >) or fewer (for ≤, <) counted things reach the edge."""
    target = edge * total / 100  # the count at the edge, exactly
    if op == ">=":
        return max(0, _ceil(target) - count)
    if op == ">":
        return max(0, _floor(target) + 1 - count)
    if op == "<=":
        return max(0, count - _floor(target))
    return max(0, count - (_ceil(target) - 1))


def _ceil(x: Fraction) -> int:
    return -((-x.numerator) // x.denominator)


def _floor(x: Fraction) -> int:
    return x.numerator // x.denominator


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
                f"{result.id}: not met; level {level} needs it attested as met (đạt)",
            ),
        )
    assert result.value is not None  # noqa: S101
    head_vi = f"{result.id}: {result.observed('vi')}; mức {level} cần {_edge_words(op, edge, 'vi')}"
    head_en = (
        f"{result.id}: {result.observed('en')}; level {level} needs {_edge_words(op, edge, 'en')}"
    )
    measure = ind.indicator.measure
    if ind.kind == PERCENT:
        head_vi += "%"
        head_en += "%"
        if result.count is not None and result.total is not None and isinstance(measure, Percent):
            more = _needed_count(result.count, result.total, op, edge)
            fewer = op in {"<", "<="}
            what_vi = measure.counted.vi if measure.counted else "đơn vị"
            what_en = measure.counted.en if measure.counted else "units"
            word_vi, word_en = ("bớt", "fewer") if fewer else ("thêm", "more")
            return Blocker(
                result.id,
                level,
                Message(
                    f"{head_vi}: {word_vi} {more} {what_vi}",
                    f"{head_en}: {more} {word_en} {what_en}",
                ),
                more=more,
                gap=abs(edge - result.value),
            )
    gap = abs(edge - result.value)
    unit_vi = " điểm phần trăm" if ind.kind == PERCENT or ind.unit == "points" else ""
    unit_en = " percentage points" if ind.kind == PERCENT or ind.unit == "points" else ""
    if ind.kind == CHANGE:
        verb_vi = "giảm" if ind.falls else "tăng"
        verb_en = "a fall" if ind.falls else "a rise"
        unit_vi = {"points": " điểm phần trăm", "relative": "%", "absolute": ""}[ind.unit]
        unit_en = {"points": " percentage points", "relative": "%", "absolute": ""}[ind.unit]
        change_vi = fmt_number(result.value, "vi")
        change_en = fmt_number(result.value, "en")
        return Blocker(
            result.id,
            level,
            Message(
                f"{result.id}: {result.observed('vi')} ({verb_vi} {change_vi}{unit_vi}); mức {level} cần {verb_vi} "
                f"{_edge_words(op, edge, 'vi')}{unit_vi}",
                f"{result.id}: {result.observed('en')} ({verb_en} of {change_en}{unit_en}); level {level} needs {verb_en} "
                f"of {_edge_words(op, edge, 'en')}{unit_en}",
            ),
            gap=gap,
        )
    more_vi = "thấp hơn" if op in {"<", "<="} else "cao hơn"
    more_en = "lower" if op in {"<", "<="} else "higher"
    strict = op in {"<", ">"}
    return Blocker(
        result.id,
        level,
        Message(
            f"{head_vi}: {'hơn ' if strict else ''}{fmt_number(gap, 'vi')}{unit_vi} {more_vi}",
            f"{head_en}: {'more than ' if strict else ''}{fmt_number(gap, 'en')}{unit_en} {more_en}",
        ),
        gap=gap,
    )


def _blockers(ev: Evaluation) -> tuple[Blocker, ...]:
    plan = ev._plan  # noqa: SLF001
    if ev.status == "incomplete":
        return tuple(
            Blocker(i, 0, Message(f"{i}: chưa có số liệu", f"{i}: no data yet"))
            for i in ev.decided_by
        )
    if ev.status == "recognised" and ev.level is not None and ev.level >= plan.top_level:
        return ()
    if ev.status == "not_recognised":
        out = []
        for ind_id in ev.decided_by:
            ind = plan.by_id[ind_id]
            out.append(_gap_message(ev.indicator(ind_id), ind, ind.op, Fraction(*ind.threshold), 1))
        return tuple(out)
    assert ev.level is not None  # noqa: S101
    nxt = next(b for b in plan.bands if b.level == ev.level + 1)
    op = ">=" if nxt.low_inclusive else ">"
    return tuple(
        _gap_message(ev.indicator(i), plan.by_id[i], op, Fraction(*nxt.low), nxt.level)
        for i in ev.decided_by
    )


def _trace(ev: Evaluation) -> Step:
    """The tree: the decision; each prerequisite with its indicators; the bands."""
    plan, rec = ev._plan, ev.criteria.recognition  # noqa: SLF001 - built beside the result
    decided = set(ev.decided_by)
    recognised = ev.status == "recognised"
    results = {r.id: r for r in ev.indicators}
    seen = {i: Message(r.observed("vi"), r.observed("en")) for i, r in results.items()}

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
                words=Message(plan.by_id[i].rule_vi, plan.by_id[i].rule),
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
        level = results[i].band
        if level is None:
            rule, outcome, words = (
                f"{i}: no band",
                results[i].outcome,
                Message(f"{i}: không thuộc mức nào", f"{i}: in no band"),
            )
        else:
            rule, outcome = plan.bands[level - 1].band.rule(i), f"level {level}"
            words = Message(rule.replace("→ level", "→ mức"), rule)
        band_steps.append(
            Step(
                kind="band",
                id=i,
                rule=rule,
                outcome=outcome,
                clause=rec.clause,
                decisive=recognised and i in decided,
                observed=seen[i],
                words=words,
            )
        )
    banded = ", ".join(plan.banded)
    bands = Step(
        kind="bands",
        id="bands",
        rule=f"level = lowest band of {banded}",
        outcome=f"level {ev.level}" if recognised else ev.status,
        clause=rec.clause,
        decisive=recognised,
        children=tuple(band_steps),
        words=Message(f"mức = mức thấp nhất của {banded}", f"level = lowest band of {banded}"),
    )

    if ev.title is not None:
        observed = Message(ev.title.vi, ev.title.en)
    elif ev.status == "incomplete":
        levels = ", ".join(str(x) for x in ev.possible_levels)
        observed = Message(f"các mức còn có thể: {levels}", f"levels still possible: {levels}")
    else:
        observed = Message(outcome_words(ev.status, "vi"), outcome_words(ev.status, "en"))
    rule = "all prerequisites met, then the lowest band gives the level"
    return Step(
        kind="decision",
        id=ev.criteria.id,
        rule=rule,
        outcome=f"level {ev.level}" if recognised else ev.status,
        clause=rec.clause,
        decisive=True,
        observed=observed,
        children=(*prereq_steps, bands),
        words=Message(
            "đạt mọi điều kiện tiên quyết, rồi mức thấp nhất trong các chỉ báo xếp mức là mức công nhận",
            rule,
        ),
    )
