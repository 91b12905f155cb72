"""An assessment: a unit's measured values, read and checked against a criteria set.

The values may come from a YAML or JSON file (see `hoctap.api.read_assessment`) or from
Python::

    values:
      "1.1.1": true             # or "đạt" / "không đạt"
      "2.1.1": 85.5             # or "85,5", "85,5%", a numpy number, a Fraction
      "2.1.2": {count: 17, total: 20}
      "3.1.1": {previous: 4.1, current: 2.6}

An `Assessment` cannot exist unchecked: its constructor reads every value once, at this
boundary (`hoctap.engine._reader`, each value by its kind), into an exact immutable form
(``values``) and a canonical immutable copy of what was given (``given``); every problem
is reported at once (`InputError`), located (file, line, indicator) and in plain words.
An indicator left out, or given as ``null``, is missing data, not an error. Nothing here
reads files or loads sets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from hoctap._frozen import FrozenDict
from hoctap._problems import Problems
from hoctap.engine._plan import Plan, plan_for
from hoctap.engine._reader import Reader, check_text
from hoctap.spec.models import CriteriaSet

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Mapping

    from hoctap.engine._details import Detail, PastRecognition, SubUnit

__all__ = ["Assessment", "assessed_year", "check_text", "period_years", "unit_kind"]

_YEAR = re.compile(r"(?<![0-9])([0-9]{4})(?![0-9])", re.ASCII)


def period_years(period: object) -> list[int]:
    """The years a period names, in ASCII digits wherever they stand.

    >>> period_years("2021-2022"), period_years("năm 2024"), period_years("kỳ I")
    ([2021, 2022], [2024], [])
    """
    return [int(y) for y in _YEAR.findall(str(period))] if period is not None else []


def assessed_year(period: object) -> int | None:
    """The year an assessment's data is of: the first its period names (None if none)."""
    years = period_years(period)
    return years[0] if years else None


@dataclass(frozen=True, init=False)
class Assessment:
    """A unit's measured values, checked against a criteria set.

    ``values`` holds each indicator's value exactly (see `hoctap._numbers`), ``given``
    the values as written, in a canonical immutable form, for the trace and the record.
    Built from raw values, it checks them all and raises `InputError` listing every
    problem; there is no way to make one unchecked.

    >>> from hoctap import load
    >>> a = Assessment(load("district"), {"2.1.1": "85,5%", "1.1.1": "đạt"}, unit="Quận Lê Chân")
    >>> a, a.kind, a.values["2.1.1"]
    (<Assessment district 'Quận Lê Chân': 2 values>, 'quận', Share(num=855, den=10, count=None, total=None))
    >>> Assessment(load("district"), {"1.1.1": "không đạt"}).values["1.1.1"]
    False
    """

    criteria: CriteriaSet
    unit: str
    period: str | None
    kind: str | None
    values: FrozenDict[str, object] = field(repr=False)
    given: FrozenDict[str, object] = field(repr=False)
    source: str = field(compare=False)
    details: FrozenDict[str, Detail] = field(repr=False, compare=False)
    """What an indicator given in parts or as a list of units was made from (it follows
    from ``given``, so it takes no part in equality)."""
    attributes: frozenset[str] = field(repr=False)
    """What the unit is that changes its thresholds, by the set's ids (``disadvantaged``)."""
    units: tuple[SubUnit, ...] = field(repr=False)
    """For a city or province, its district-level units and their own evaluations,
    counted into the indicator the set rolls up (`hoctap.results._rollup`)."""
    history: tuple[PastRecognition, ...] = field(repr=False)
    """The unit's past recognitions, oldest first (its ``history``)."""
    requested_on: dt.date | None = field(repr=False)
    requested_said: bool = field(repr=False, compare=False)
    """Whether the assessment gave ``requested_on`` itself (else it is the deadline's)."""
    """The day the recognition is asked for: the assessment's ``requested_on``, else the
    last day of its set's dossier deadline (Thông tư 25/2023 Điều 9: before 28/02 of the
    next year), else unknown."""
    units_from: FrozenDict[str, object] | None = field(repr=False, compare=False)
    """Where a city's list of units came from: ``{locality: hai-phong}`` or ``{names: [...]}``."""
    chosen: FrozenDict[str, object] | None = field(repr=False, compare=False)
    """How the set was chosen when the assessment named none: the tier, the year and the
    locality the registry of sets chose it by (`hoctap.files._loading.in_force`)."""

    def __init__(  # noqa: PLR0913 - the entries of an assessment
        self,
        criteria: CriteriaSet,
        values: object,
        *,
        unit: object = "",
        kind: object = None,
        period: object = None,
        source: str = "<mapping>",
        problems: Problems | None = None,
        units: tuple[SubUnit, ...] = (),
        attributes: object = None,
        chosen: Mapping[str, object] | None = None,
        history: tuple[PastRecognition, ...] = (),
        requested_on: dt.date | None = None,
        units_from: Mapping[str, object] | None = None,
        requested_said: bool = False,
    ) -> None:
        if not isinstance(criteria, CriteriaSet):
            msg = f"criteria must be a CriteriaSet (hoctap.load gives one), not {type(criteria).__name__}"
            raise TypeError(msg)
        # Problems of the document around the values (a city's units...) may be there
        # already: the reader adds its own to the same collector, in order.
        reader = Reader(problems if problems is not None else Problems(source))
        name = reader.name(("unit",), unit) or ""
        given_kind = reader.name(("kind",), kind)
        when = reader.period(period)
        traits = reader.attributes(criteria, attributes)
        plan = plan_for(criteria, traits)
        parsed, given = reader.values(plan, values)
        if units:
            parsed, given = reader.rolled_up(plan, units, parsed, given)
        found_kind = unit_kind(plan, name, given_kind, reader)
        reader.problems.check()
        # Frozen: the fields are set once, here, in one step.
        self.__dict__.update(
            criteria=criteria,
            unit=name,
            period=when,
            kind=found_kind,
            values=parsed,
            given=given,
            source=source,
            details=FrozenDict(reader.details),
            attributes=traits,
            units=tuple(units),
            chosen=FrozenDict(chosen) if chosen is not None else None,
            history=tuple(sorted(history, key=lambda h: h.date)),
            requested_on=requested_on,
            requested_said=requested_said,
            units_from=FrozenDict(units_from) if units_from is not None else None,
        )

    @property
    def year(self) -> int | None:
        """The assessed year: the first its period names (``2024``, ``năm 2024``)."""
        return assessed_year(self.period)

    def __repr__(self) -> str:
        period = f" {self.period}" if self.period else ""
        return f"<Assessment {self.criteria.id} {self.unit!r}{period}: {len(self.given)} values>"


def unit_kind(plan: Plan, unit: str, kind: str | None, reader: Reader) -> str | None:
    """The kind of unit: as given (it must be one the set has a title for), else from the name."""
    spec, kinds = plan.spec, plan.kinds
    if kind is None:
        # "Quận Lê Chân", "Thị xã Phú Mỹ": a Vietnamese unit's name starts with its kind.
        # The longest matching kind wins, so "Thành phố Bà Rịa" is "thành phố", not "thành".
        name = unit.casefold()
        for folded, candidate in kinds:
            if name.startswith(folded) and name[len(folded) : len(folded) + 1] == " ":
                return candidate
        return None
    for folded, candidate in kinds:
        if folded == kind.casefold():
            return candidate
    listed = ", ".join(t.kind for t in spec.recognition.titles if t.kind != "default") or "—"
    reader.problems.add(
        ("kind",),
        "bad_kind",
        f"bộ tiêu chí '{spec.id}' không có loại đơn vị '{kind}' (có: {listed})",
        f"criteria set '{spec.id}' has no kind of unit '{kind}' (it has: {listed})",
    )
    return None
