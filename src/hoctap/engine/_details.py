"""An indicator's exact value, and what lies behind it: its parts, or the units it counts.

A value is a `Share` (a percentage, with the counts behind it when it was counted), a
`TwoYears` (a figure last year and this year, for a change) or a bool (met or not).

An assessment may give an indicator as more than one figure (the parts of 3.1.5, solid
waste and wastewater) or as the list of rated units behind a share (the communes behind
district 2.1.2). The reader (`hoctap.engine._assessment`) reduces them, exactly, to the one
value the decision compares; these records keep what they were made from, so that the
trace and the blockers can name the part or the units that decided.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    import datetime as dt
    from fractions import Fraction

    from hoctap.errors import Message

__all__ = [
    "WHOLE_SHARES",
    "Detail",
    "PartValue",
    "PastRecognition",
    "Share",
    "SubUnit",
    "TwoYears",
    "UnitValue",
]


class Share(NamedTuple):
    """A share in percent, exactly: ``num / den`` percent.

    ``count`` of ``total`` when it was counted (17 of 20 communes is ``Share(1700, 20, 17,
    20)``); both None when it was given as a percentage.
    """

    num: int
    den: int
    count: int | None = None  # type: ignore[assignment]  # shadows tuple.count, by design
    total: int | None = None


WHOLE_SHARES: tuple[Share, ...] = tuple(Share(n, 1) for n in range(101))
"""``WHOLE_SHARES[n]`` is ``Share(n, 1)``: the commonest values, 0% to 100% in whole
points, made once and shared (a `Share` is immutable), as Python keeps its small ints."""


class TwoYears(NamedTuple):
    """A figure last year and this year, exactly (``previous_num / previous_den``...)."""

    previous_num: int
    previous_den: int
    current_num: int
    current_den: int


class PartValue(NamedTuple):
    """One part's value: exact, as the indicator's own value would be, and as given."""

    id: str
    value: Share | TwoYears
    given: object


class UnitValue(NamedTuple):
    """One unit behind a share: whether it counts, and how it was rated, in words."""

    name: str
    counted: bool | None
    """Whether it counts towards the share; None when that is not known."""
    words: Message
    """How it was rated, e.g. "Trung bình, 62 điểm" / "Trung bình (fair), 62 points"."""
    closeness: Fraction | None = None
    """How near it is to counting, higher is nearer (its score, or minus its rank);
    None when there is nothing to compare."""


class Detail(NamedTuple):
    """What one indicator's value was made from."""

    parts: tuple[PartValue, ...] = ()
    deciding: str | None = None
    """With reading ``each``: the part furthest from the threshold, whose value is the
    indicator's (the first in the text on a tie)."""
    units: tuple[UnitValue, ...] = ()
    none: bool = False
    """True when the total was 0 and the set's ``if_none`` reading gave the outcome."""


class SubUnit(NamedTuple):
    """A district-level unit of a city or province, with its own evaluation if it has one."""

    name: str
    kind: str | None
    evaluation: Any
    """Its `hoctap.results.evaluation.Evaluation`, or None when it was not assessed (typed
    loosely: an assessment sits below the evaluation that holds it)."""
    value: UnitValue
    """How it counts towards the city's share (`hoctap.results._rollup.sub_unit`)."""
    in_total: bool = True
    """False for a unit the locality leaves out of the share (its ``not_counted``): its
    assessment is read and shown, and neither its count nor the total includes it."""


class PastRecognition(NamedTuple):
    """A decision that recognised the unit before: its level, its date, its number."""

    level: int
    date: dt.date
    """The day of the decision; the year of it is the year the unit was recognised."""
    decision: str | None = None
    """Its number, as the decision writes it (``123/QĐ-UBND``)."""
