"""The decision: exact values against a compiled set's rules, to a status and a level.

One flat, pure loop over a `hoctap.engine._plan.Plan` and the exact values of an assessment; it
builds nothing it does not need, and nothing a person reads (that is
`hoctap.results._explain`). The rules come from the criteria file (``recognition``), never from
here:

- a unit is not recognised when any indicator a prerequisite or the bands look at is
  not met; ``decided_by`` is then every such indicator;
- otherwise, with every such indicator present, the level is the lowest band among the
  banded indicators (``combine: lowest``); ``decided_by`` is the banded indicators whose
  band is the level;
- otherwise some are missing: the result is incomplete, ``possible_levels`` says which
  levels the missing values could still give, ``decided_by`` which values are missing.
"""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Mapping

    from hoctap.engine._plan import Plan

__all__ = [
    "MET",
    "MISSING",
    "NOT_MET",
    "OUTCOME_NAMES",
    "Decision",
    "Outcome",
    "Status",
    "StatusName",
    "decide",
]

StatusName = Literal["recognised", "not_recognised", "incomplete"]
"""A status as the results name it."""


class Outcome(IntEnum):
    """An indicator's outcome. The codes are the columnar path's int8 cells too."""

    MISSING = -1
    NOT_MET = 0
    MET = 1

    @property
    def word(self) -> str:
        """The outcome as the results name it: ``missing``, ``not_met``, ``met``."""
        return self.name.lower()


class Status(IntEnum):
    """A unit's status. The codes are the columnar path's int8 cells too."""

    NOT_RECOGNISED = 0
    RECOGNISED = 1
    INCOMPLETE = 2

    @property
    def word(self) -> StatusName:
        """The status as the results name it: ``recognised``, ``not_recognised``, ``incomplete``."""
        return _STATUS_WORDS[self]


_STATUS_WORDS: dict[Status, StatusName] = {
    Status.NOT_RECOGNISED: "not_recognised",
    Status.RECOGNISED: "recognised",
    Status.INCOMPLETE: "incomplete",
}
MISSING, NOT_MET, MET = Outcome.MISSING, Outcome.NOT_MET, Outcome.MET
OUTCOME_NAMES: dict[int, str] = {o: o.word for o in Outcome}
"""Each outcome code as the results name it."""


class Decision(NamedTuple):
    """What the decision found: the facts every view is built from."""

    status: Status
    level: int | None
    """The level; 0 when not recognised, None when incomplete."""
    possible_levels: tuple[int, ...]
    decided_by: tuple[str, ...]
    outcomes: tuple[Outcome, ...]
    """Per indicator, in the order of the text."""
    bands: tuple[int, ...]
    """Per indicator, in the order of the text: the band of a met banded value, else 0."""


def decide(plan: Plan, values: Mapping[str, object]) -> Decision:  # noqa: C901, PLR0912 - the hot loop, kept flat
    """One pass over the indicators: each one's outcome and band, then the conclusion."""
    outcomes: list[Outcome] = []
    bands: list[int] = []
    failed: list[str] = []
    missing: list[str] = []
    missing_banded = False
    placed: list[tuple[str, int]] = []  # (id, band) of each banded indicator that is met
    get = values.get
    own = plan.own_levels
    outcome, band_of = outcomes.append, bands.append  # bound once: this loop is the hot path
    for ind_id, meets, _, relevant, banded, plain, tn, td, compare, level_tests in plan.steps:
        value: Any = get(ind_id)
        if value is None:
            outcome(MISSING)
            band_of(0)
            if relevant:
                missing.append(ind_id)
                missing_banded = missing_banded or banded
            continue
        # The two plain values are tested in place, as their kinds test them (this loop is
        # the hot path; `hoctap.engine._kinds.kind.IndicatorPlan.plain`); any other value
        # by its kind.
        if plain == "bool":
            met = value
        elif plain == "percent":
            met = compare(value[0] * td, tn * value[1])
        else:
            met = meets(value)
        if met:
            outcome(MET)
            band = 0
            # Bands are contiguous from the minimum up to 100 (the models check it), so a
            # met share's band is the first whose upper edge it does not pass.
            if banded:
                if own:  # its own thresholds: each level above 1 in turn, while it meets them
                    band = 1
                    for test in level_tests:
                        if not test(value):
                            break
                        band += 1
                else:
                    num, den = value[0], value[1]
                    for top_num, top_den, below_top, level in plan.tops:
                        if below_top(num * top_den, top_num * den):
                            band = level
                            break
                placed.append((ind_id, band))
            band_of(band)
        else:
            outcome(NOT_MET)
            band_of(0)
            if relevant:
                failed.append(ind_id)
    if failed:
        return Decision(
            Status.NOT_RECOGNISED, 0, (0,), tuple(failed), tuple(outcomes), tuple(bands)
        )
    lowest = min([b for _, b in placed], default=plan.top_level)
    if not missing:
        decided = tuple([i for i, b in placed if b == lowest])
        return Decision(
            Status.RECOGNISED, lowest, (lowest,), decided, tuple(outcomes), tuple(bands)
        )
    # Missing values could still fail (level 0), and a missing banded value could land in
    # any band, so every level up to the lowest band already known stays possible.
    possible = (0, *range(1, lowest + 1)) if missing_banded else (0, lowest)
    return Decision(
        Status.INCOMPLETE, None, possible, tuple(missing), tuple(outcomes), tuple(bands)
    )
