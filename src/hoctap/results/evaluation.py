"""The result of evaluating one unit: `Evaluation`, a value with its explanations.

An `Evaluation` holds the checked, immutable `Assessment` it came from, the decision
(`hoctap.engine._decision`), and builds what a person reads (`hoctap.results._explain`) on first access:
the decision costs microseconds, and most programs never read the trace. That laziness,
and the commonest value types read first in `hoctap.engine._assessment.Reader`, are the two
tricks that keep evaluation fast (see ``benchmarks/bench.py``); neither changes what is
computed, only when and how cheaply.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from hoctap._display import display_language
from hoctap._json import canonical, exact_text, jsonable
from hoctap._version import __version__
from hoctap.engine._decision import OUTCOME_NAMES, StatusName, decide
from hoctap.engine._plan import Plan, plan_for
from hoctap.errors import Message
from hoctap.results import _explain as explain
from hoctap.results._standing import Standing, standing
from hoctap.results.trace import render

if TYPE_CHECKING:
    from hoctap.engine._assessment import Assessment
    from hoctap.errors import Lang
    from hoctap.results.trace import Blocker, IndicatorResult, Step
    from hoctap.spec.models import Bilingual, CriteriaSet

__all__ = ["Evaluation", "evaluate_assessment"]


def __dir__() -> list[str]:
    return list(__all__)


@dataclass(frozen=True, init=False)
class Evaluation:
    """The outcome of evaluating one unit: a level and why.

    ``status`` is ``recognised``, ``not_recognised`` or ``incomplete``; ``level`` is 1, 2
    or 3 when recognised, 0 when not, None when incomplete. ``decided_by`` names the
    indicators that decided it. ``indicators``, ``blockers`` and ``trace`` are built when
    first read. Two evaluations of equal assessments are equal, and an evaluation
    pickles (for a process pool) and comes back equal.
    """

    assessment: Assessment
    status: StatusName
    level: int | None
    possible_levels: tuple[int, ...]
    decided_by: tuple[str, ...]
    _plan: Plan = field(repr=False, compare=False)
    _outcomes: tuple[int, ...] = field(repr=False)
    _bands: tuple[int, ...] = field(repr=False)

    def __init__(
        self,
        assessment: Assessment,
        status: StatusName,
        level: int | None,
        possible_levels: tuple[int, ...],
        decided_by: tuple[str, ...],
        _plan: Plan,
        _outcomes: tuple[int, ...],
        _bands: tuple[int, ...],
    ) -> None:
        # Frozen: every field set once, here, in one step (a frozen dataclass's own
        # __init__ would set them one by one, at a cost felt on the hot path).
        self.__dict__.update(
            assessment=assessment,
            status=status,
            level=level,
            possible_levels=possible_levels,
            decided_by=decided_by,
            _plan=_plan,
            _outcomes=_outcomes,
            _bands=_bands,
        )

    def __getstate__(self) -> dict[str, Any]:
        # What is built on first access is left out: it is rebuilt from the rest.
        fields = ("assessment", "status", "level", "possible_levels", "decided_by")
        return {k: self.__dict__[k] for k in (*fields, "_outcomes", "_bands")}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        assessment = state["assessment"]
        self.__dict__["_plan"] = plan_for(assessment.criteria, assessment.attributes)

    @property
    def criteria(self) -> CriteriaSet:
        """The criteria set it was judged under."""
        return self.assessment.criteria

    @property
    def unit(self) -> str:
        """The unit's name as given."""
        return self.assessment.unit

    @property
    def period(self) -> str | None:
        """The assessment period as given."""
        return self.assessment.period

    @property
    def units(self) -> tuple[Evaluation, ...]:
        """For a city or province, its district-level units' own evaluations, in list order.

        Units without an assessment have none; they are named in the rolled-up
        indicator's ``units`` (`IndicatorResult.units`).
        """
        return tuple(u.evaluation for u in self.assessment.units if u.evaluation is not None)

    @property
    def outcomes(self) -> tuple[tuple[str, str, int | None], ...]:
        """Each indicator's id, outcome (``met``, ``not_met``, ``missing``) and band.

        The bare facts of the decision, without building `indicators` (for tables of
        many units).

        >>> from hoctap import evaluate
        >>> evaluate("district", {"2.1.1": 85}).outcomes[5]
        ('2.1.1', 'met', 2)
        """
        names = OUTCOME_NAMES
        return tuple(
            (p.id, names[o] if p.applies else "not_applicable", b or None)
            for p, o, b in zip(self._plan.indicators, self._outcomes, self._bands, strict=True)
        )

    @cached_property
    def title(self) -> Bilingual | None:
        """The recognition title as the plans word it, e.g. "Quận học tập mức độ 2"."""
        return explain.title(self.criteria, self.assessment.kind, self.status, self.level)

    @cached_property
    def indicators(self) -> tuple[IndicatorResult, ...]:
        """Each indicator's value as given, the exact value computed, met or not, its band."""
        return explain.indicator_results(self._plan, self.assessment, self._outcomes, self._bands)

    def indicator(self, indicator_id: str) -> IndicatorResult:
        """The result of one indicator."""
        return self._by_id[indicator_id]

    @cached_property
    def _by_id(self) -> dict[str, IndicatorResult]:
        return {r.id: r for r in self.indicators}

    def shortfall(self, indicator_id: str) -> Blocker | None:
        """How far an indicator is from being met, in its input's units.

        None if it is met or has no value.

        >>> from hoctap import evaluate
        >>> print(evaluate("district", {"2.1.2": {"count": 13, "total": 20}}).shortfall("2.1.2"))
        2.1.2: 65% (13/20); level 1 needs at least 70%: one more of the communes rated Khá or better
        """
        result = self._by_id[indicator_id]
        if result.outcome != "not_met":
            return None
        return explain.shortfall(self._plan, result)

    @cached_property
    def blockers(self) -> tuple[Blocker, ...]:
        """What stands between the unit and the next level (or, if incomplete, the missing data)."""
        return explain.blockers(self._plan, self.status, self.level, self.decided_by, self._by_id)

    @cached_property
    def trace(self) -> Step:
        """The tree of steps that led to the result."""
        return explain.trace(
            self._plan,
            self.status,
            self.level,
            self.possible_levels,
            self.decided_by,
            self._by_id,
            self._seen,
            self.title,
        )

    @cached_property
    def _seen(self) -> dict[str, Message]:
        return explain.observed(self.indicators)

    @cached_property
    def warnings(self) -> tuple[Message, ...]:
        """Things to know: a period outside the set's dates; a level asked too early."""
        early = self.standing is not None and self.standing.kind == "too_early"
        return explain.period_warnings(self.criteria, self.period) + (
            (self.standing.words,) if early and self.standing is not None else ()
        )

    @cached_property
    def standing(self) -> Standing | None:
        """The unit's recognition over time, from its ``history``; None without one.

        What it holds that year, and whether this result is a first recognition, a
        renewal, an upgrade, or an upgrade asked too early (then said in `warnings` and
        every view, never a silent level 2).

        >>> from hoctap import read_assessment, evaluate_assessment
        >>> from hoctap.testing import meeting_values
        >>> from hoctap import load
        >>> a = read_assessment({"criteria": "tt25-commune", "unit": "Xã A", "period": 2024,
        ...     "history": [{"level": 1, "date": "2024-03-20"}], "requested_on": "2025-02-20",
        ...     "values": meeting_values(load("tt25-commune"))})
        >>> print(evaluate_assessment(a).standing.words.en)  # doctest: +ELLIPSIS
        meets level 2's criteria, but may ask to move up only from 20/03/2025, ...
        """
        return standing(self.assessment, self.level, recognised=self.status == "recognised")

    @cached_property
    def input_hash(self) -> str:
        """SHA-256 of the input: the set's content, the unit, kind, period, attributes and values.

        Two evaluations have the same hash exactly when they judged the same values
        under sets of the same content.
        """
        payload: dict[str, object] = {
            "criteria": self._plan.digest,
            "unit": self.unit,
            "kind": self.assessment.kind,
            "period": self.period,
            "values": self.assessment.given,
        }
        if self.assessment.attributes:  # what the unit is changes its thresholds
            payload["attributes"] = sorted(self.assessment.attributes)
        if self.assessment.units:  # a city: what each district's evaluation was made from
            payload["units"] = [
                u.name if u.evaluation is None else u.evaluation.input_hash
                for u in self.assessment.units
            ]
        return "sha256:" + hashlib.sha256(canonical(payload).encode("utf-8")).hexdigest()

    def _over_time(self) -> dict[str, Any]:
        """What the record keeps of the input beyond the values, where there is any."""
        a = self.assessment
        out: dict[str, Any] = {}
        if a.history:
            out["history"] = [
                {"level": h.level, "date": h.date.isoformat(), "decision": h.decision}
                for h in a.history
            ]
        if a.requested_on is not None:
            out["requested_on"] = a.requested_on.isoformat()
        if a.units_from is not None:
            out["units_from"] = jsonable(dict(a.units_from))
        return out

    def to_dict(self) -> dict[str, Any]:
        """Everything as plain JSON data, with what is needed to replay the decision."""
        title = self.title
        spec = self.criteria
        return {
            "hoctap_version": __version__,
            "criteria": {
                "id": spec.id,
                "version": spec.version,
                "sha256": self._plan.digest.removeprefix("sha256:"),
                "origin": spec.origin,
                # Named by the assessment, or chosen by the registry for its tier and year.
                "chosen": {"by": "tier and year", **dict(self.assessment.chosen)}
                if self.assessment.chosen is not None
                else {"by": "name"},
            },
            "unit": self.unit,
            "kind": self.assessment.kind,
            "period": self.period,
            "input_hash": self.input_hash,
            **(
                {"attributes": sorted(self.assessment.attributes)}
                if self.assessment.attributes
                else {}
            ),
            **self._over_time(),
            "status": self.status,
            "level": self.level,
            "title": None if title is None else {"vi": title.vi, "en": title.en},
            "possible_levels": list(self.possible_levels),
            "warnings": [{"vi": w.vi, "en": w.en} for w in self.warnings],
            **({"standing": _standing_dict(self.standing)} if self.standing is not None else {}),
            "decided_by": list(self.decided_by),
            "indicators": [
                r.to_dict(self._plan.by_id[r.id].words or Message(r.rule, r.rule), self._seen[r.id])
                for r in self.indicators
            ],
            "blockers": [
                {
                    "id": b.id,
                    "next_level": b.next_level,
                    "vi": b.message.vi,
                    "en": b.message.en,
                    "more": b.more,
                    "gap": None if b.gap is None else exact_text(b.gap),
                }
                for b in self.blockers
            ],
            "trace": self.trace.to_dict(),
            "units": [u.to_dict() for u in self.units],
        }

    def render(self, fmt: str = "text", lang: Lang = "vi") -> str:
        """The evaluation as ``text``, ``markdown``, ``html`` or ``json``, in ``vi`` or ``en``."""
        return render(self, fmt, lang)

    def __str__(self) -> str:
        return render(self, "text", "vi")

    def _repr_html_(self) -> str:
        # Jupyter: the report's section (ladder, indicators by standard, folded trace),
        # in the language chosen once with hoctap.set_display_language.
        from hoctap.reports.report import report_html  # noqa: PLC0415 - only a notebook needs it

        return report_html(self, display_language(), standalone=False)

    def __repr__(self) -> str:
        level = {"recognised": f"level {self.level}", "not_recognised": "not recognised"}.get(
            self.status, f"incomplete, possible levels {list(self.possible_levels)}"
        )
        by = f", decided by {', '.join(self.decided_by)}" if self.decided_by else ""
        return f"<Evaluation {self.criteria.id} {self.unit!r}: {level}{by}>"


def evaluate_assessment(assessment: Assessment) -> Evaluation:
    """Evaluate a checked assessment.

    >>> from hoctap import Assessment, load
    >>> evaluate_assessment(Assessment(load("district"), {"1.1.1": False})).status
    'not_recognised'
    """
    plan = plan_for(assessment.criteria, assessment.attributes)
    d = decide(plan, assessment.values)
    return Evaluation(
        assessment,
        d.status.word,
        d.level,
        d.possible_levels,
        d.decided_by,
        plan,
        d.outcomes,
        d.bands,
    )


def _standing_dict(found: Standing) -> dict[str, object]:
    """A standing as plain JSON data."""
    held = found.held
    return {
        "kind": found.kind,
        "held": None
        if held is None
        else {"level": held.level, "date": held.date.isoformat(), "decision": held.decision},
        "held_until": found.held_until,
        "may_request_from": found.may_request_from.isoformat() if found.may_request_from else None,
        "vi": found.words.vi,
        "en": found.words.en,
    }
