"""What a kind of measure knows, and the plan of one indicator that it makes.

A kind (yes/no, a share, a change...) is one module of this package with one `Kind`:
it reads an indicator's value from what an assessment gives, says how far the value
is from a threshold, explains a shortfall in both languages and names the columns a
form gives it. Everything else (the decision, the trace, the reports, the tables) asks
the kind, never the measure's type; only `hoctap.testing`'s strategies know the law's
three kinds by type, and ask any other kind for a value that meets it (`Kind.meeting`).
"""

from __future__ import annotations

import numbers
import operator
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple, Protocol

from hoctap._frozen import FrozenDict
from hoctap._numbers import read_number
from hoctap._words import write_number
from hoctap.errors import Message, fold

if TYPE_CHECKING:
    from collections.abc import Mapping

    from hoctap._numbers import Rational
    from hoctap._problems import Problems
    from hoctap.engine._details import Detail, PartValue, SubUnit, UnitValue
    from hoctap.errors import DataPath, Lang
    from hoctap.spec._fields import Frozen
    from hoctap.spec.models import CriteriaSet, Indicator

__all__ = [
    "COMPARE",
    "OPS",
    "Compare",
    "Figures",
    "Gap",
    "IndicatorPlan",
    "Kind",
    "PartShares",
    "PartTest",
    "Read",
    "ResultLike",
    "ValueReader",
    "WholeKind",
    "canonical",
    "deciding_part",
    "edge_words",
    "threshold_plan",
]

Compare = Callable[[int, int], bool]
"""``compare(a, b)``: one of `operator`'s comparisons, which pickle by name."""

COMPARE: dict[str, Compare] = {
    ">=": operator.ge,
    ">": operator.gt,
    "<=": operator.le,
    "<": operator.lt,
}
"""The one table of comparisons: ``value op edge`` on exact pairs is
``COMPARE[op](num * edge_den, edge_num * den)`` (cross multiplication, dens > 0).

>>> COMPARE[">"](1601 * 1, 80 * 20), COMPARE[">"](1600 * 1, 80 * 20)
(True, False)
"""

OPS: dict[str, tuple[Message, bool]] = {
    ">=": (Message("từ", "at least"), False),
    ">": (Message("trên", "more than"), False),
    "<=": (Message("không quá", "at most"), True),
    "<": (Message("dưới", "less than"), True),
}
"""Each comparison in words, and whether it asks for less (a ceiling) rather than more."""


def edge_words(op: str, value: Fraction, lang: Lang) -> str:
    """A comparison with its edge in words: ``at least 70``, ``dưới 0,05``."""
    return f"{OPS[op][0].render(lang)} {write_number(value, lang)}"


_NO_PARTS: FrozenDict[str, str] = FrozenDict()


class PartTest(NamedTuple):
    """One part's own test: ``value op edge``, the edge as an exact pair."""

    id: str
    op: str
    num: int
    den: int
    compare: Compare

    def passes(self, value: tuple[int, int]) -> bool:
        """Whether a value (``num / den``, as a `Share` begins) passes it."""
        return self.compare(value[0] * self.den, self.num * value[1])


class PartShares(tuple):  # type: ignore[type-arg]
    """The value of an indicator whose parts have thresholds of their own.

    Each part's `Share` in the order of the text (None for a part not given, only when a
    part given already fails).
    """

    __slots__ = ()


def deciding_part(plan: IndicatorPlan, shares: tuple[Any, ...]) -> int:
    """The index of the part that decides an indicator whose parts have their own tests.

    The first part, in the order of the text, that fails the lowest level it fails
    (level 1's tests, then level 2's...); the first part when every part passes them all.
    """
    for level in (plan, *plan.levels):
        for n, (share, test) in enumerate(zip(shares, level.part_tests, strict=True)):
            if share is not None and not test.passes(share):
                return n
    return 0


@dataclass(frozen=True, slots=True)
class IndicatorPlan:
    """One indicator's test, made once per set: its kind, comparison and threshold."""

    id: str
    kind: Kind
    op: str
    threshold: Rational
    indicator: Indicator
    compare: Compare
    """``COMPARE[op]``, looked up once."""
    quantity: str = ""
    falls: bool = False
    unit: str = ""
    rule: str = ""
    """The rule as printed (``2.1.2 ≥ 70%``); with ``clause`` and ``words``, the texts
    the trace shows, made once per set rather than once per evaluation."""
    clause: str = ""
    words: Message | None = None
    """The rule in both languages, as the trace shows it."""
    meets_words: Message | None = None
    """What meets it, in both languages (the measure's ``describe``), made once."""
    band_words: tuple[Message, ...] = ()
    """For a banded indicator, each band's rule with its id in both languages, numbers
    written as each writes them (``80% < 2.1.2 ≤ 90% → level 2``: the English is the
    rule as printed)."""
    single: bool = True
    """Whether one figure is a whole value: not for an indicator read part by part."""
    parts: FrozenDict[str, str] = _NO_PARTS
    """For an indicator in parts, each part's id by its own and its folded spelling."""
    levels: tuple[IndicatorPlan, ...] = ()
    """With levels given by the indicators' own thresholds: this indicator's test for
    levels 2, 3... (`hoctap.spec._measures.LevelThreshold`)."""
    applies: bool = True
    """False for an indicator the unit is not judged on (its ``applies_to``, ``not_for``):
    no rule looks at it, and a value given for it is refused."""
    part_tests: tuple[PartTest, ...] = ()
    """For an indicator whose parts have thresholds of their own, each part's test, in
    the order of the text (`hoctap.spec._measures.Part`); its value is then `PartShares`."""
    plain: str = ""
    """A plain value the reader reads and the decision tests in place, without asking
    the kind (the hot path: `hoctap.engine._reader.Reader.values`,
    `hoctap.engine._decision.decide`): ``bool``, met as itself, or ``percent``, a
    `Share` against the threshold (given as a number from 0 to 100 when ``single``);
    empty for any other kind, which is always asked."""


def threshold_plan(kind: Kind, indicator: Indicator, **more: Any) -> IndicatorPlan:
    """The plan of an indicator measured against ``meets`` (a share, a change...).

    ``more`` are the kind's own fields of `IndicatorPlan`; a measure with ``parts`` gets
    each part's id by its own and its folded spelling, and ``single`` from its reading.
    """
    measure: Any = indicator.measure
    meets = measure.meets
    parts = getattr(measure, "parts", ())
    return IndicatorPlan(
        indicator.id,
        kind,
        meets.op,
        meets.value.as_integer_ratio(),
        indicator,
        COMPARE[meets.op],
        single=getattr(measure, "reading", None) != "each",
        parts=FrozenDict([(p.id, p.id) for p in parts] + [(fold(p.id), p.id) for p in parts]),
        **more,
    )


Read = tuple[object, object]
"""What a kind reads from one given value: (the exact value, the value as given, canonical)."""


class ValueReader(Protocol):
    """What a kind reads values with (`hoctap.engine._reader.Reader`)."""

    problems: Problems
    details: dict[str, Detail]
    spec: CriteriaSet | None

    def number(self, path: DataPath, value: object, *, percent: bool) -> Rational | None: ...
    def whole(self, path: DataPath, value: object) -> int | None: ...
    def keys(self, path: DataPath, value: Mapping[Any, Any], wanted: tuple[str, ...]) -> bool: ...
    def known_keys(
        self, path: DataPath, value: Mapping[Any, Any], allowed: tuple[str, ...]
    ) -> bool: ...
    def name(self, path: DataPath, value: object) -> str | None: ...
    def attested(self, path: DataPath, value: object) -> tuple[bool, object] | None: ...
    def by_parts(self, plan: IndicatorPlan, value: object) -> bool: ...
    def parts(self, path: DataPath, value: object, plan: IndicatorPlan) -> Read | None: ...


class Figures(NamedTuple):
    """A value's numbers as the results show them."""

    value: Fraction | None = None
    """What is compared with the threshold: a share in percent, a change in its
    direction and unit; None for yes/no."""
    count: int | None = None  # type: ignore[assignment]  # shadows tuple.count, by design
    total: int | None = None
    previous: Fraction | None = None
    current: Fraction | None = None
    percent: bool = False
    """Whether ``value`` (and ``previous``, ``current``) are in percent."""
    by_level: tuple[int, ...] = ()
    """For sub-units by level: how many are recognised at level 1, 2... exactly."""


class ResultLike(Protocol):
    """What a kind reads of an indicator's result to explain a shortfall."""

    @property
    def id(self) -> str: ...
    @property
    def value(self) -> Fraction | None: ...
    @property
    def count(self) -> int | None: ...
    @property
    def total(self) -> int | None: ...
    @property
    def units(self) -> tuple[UnitValue, ...]: ...
    @property
    def by_level(self) -> tuple[int, ...]: ...
    def observed(self, lang: Lang = "en") -> str: ...


class Gap(NamedTuple):
    """A shortfall in words, and its size where one says it."""

    words: Message
    more: int | None = None
    """How many more (or fewer) counted things reach the edge."""
    gap: Fraction | None = None
    """How far the value is from the edge, in its own unit."""


class Kind:
    """A kind of measure. Subclass it in a module of its own and register it (`register`).

    ``word`` is what a file writes (``kind: percent``) and ``model`` the measure's model
    (a `hoctap.spec._fields.Frozen` with ``kind: Literal[word]``). The methods below
    are all a kind is asked; those that raise must be given.
    """

    word: ClassVar[str]
    model: ClassVar[type[Frozen]]
    name: ClassVar[Message]
    """The kind in a form's "kind" column."""
    allowed: ClassVar[Message | None] = None
    """A form's "allowed values" for the kind, where the rule's own words do not say it."""
    fills: ClassVar[frozenset[str]]
    """The form's columns a value of the kind is written in: of ``value``, ``count``,
    ``total``, ``previous``, ``current``."""
    skeleton: ClassVar[str]
    """How one value is written in a YAML assessment, for a blank one's comments."""
    columns: ClassVar[tuple[str, ...]] = ("",)
    """The suffixes of a table's columns for one value: ``2.1.2``, ``2.1.2.count``..."""

    def form_rows(self, indicator: Indicator) -> tuple[str, ...]:
        """The rows a form gives one value of the kind, by the name in its "part" cell.

        None: one row. Each is read back as a part of the value.
        """
        del indicator
        return ()

    def plan(self, indicator: Indicator) -> IndicatorPlan:
        """The indicator's test."""
        raise NotImplementedError

    def read(
        self, reader: ValueReader, plan: IndicatorPlan, path: DataPath, value: object
    ) -> Read | None:
        """The exact value and the value as given, or None after adding the problems."""
        raise NotImplementedError

    def read_part(
        self, reader: ValueReader, plan: IndicatorPlan, path: DataPath, value: object
    ) -> Read | None:
        """One part's value, of an indicator given part by part."""
        raise NotImplementedError

    def size(self, plan: IndicatorPlan, value: Any) -> Rational:
        """What is compared with the threshold, exactly (a share in percent...)."""
        raise NotImplementedError

    def meets(self, plan: IndicatorPlan) -> Callable[[Any], bool]:
        """The decision's test of one value (called once per indicator and evaluation).

        By default the value's `size` against the threshold, by cross multiplication.
        """
        tn, td = plan.threshold
        compare, size = plan.compare, self.size

        def meets(value: Any) -> bool:
            num, den = size(plan, value)
            return compare(num * td, tn * den)

        return meets

    def pool(
        self, reader: ValueReader, path: DataPath, plan: IndicatorPlan, parts: tuple[PartValue, ...]
    ) -> object | None:
        """Parts added up into one value (an indicator read ``pooled``)."""
        raise NotImplementedError

    def figures(self, plan: IndicatorPlan, value: Any) -> Figures:
        """A value's numbers as the results show them."""
        raise NotImplementedError

    def roll_up(self, plan: IndicatorPlan, units: tuple[SubUnit, ...]) -> object | None:
        """The value made from the sub-units' own evaluations (a ``rollup``).

        None while one that counts is not known.
        """
        raise NotImplementedError

    def meeting(self, indicator: Indicator) -> object | None:
        """A value that meets ``indicator``, written the plainest way; None for none.

        For tests and examples (`hoctap.testing.meeting_values`); the three kinds of
        the law have richer strategies there.
        """
        del indicator
        return None

    def shortfall(  # noqa: PLR0913 - the facts of one shortfall
        self,
        result: ResultLike,
        seen: Message,
        plan: IndicatorPlan,
        *,
        op: str,
        edge: Fraction,
        level: int,
    ) -> Gap:
        """A value that does not reach ``op edge``, which ``level`` needs, in words.

        ``seen`` is the value as the words name it: the deciding part's, for one read
        part by part.
        """
        raise NotImplementedError


class WholeKind(Kind):
    """A kind whose value is a whole number compared with its threshold (a count, a level).

    Its plan, its size and its figures are the number itself; a subclass reads it.
    """

    fills = frozenset({"value"})

    def plan(self, indicator: Indicator) -> IndicatorPlan:
        return threshold_plan(self, indicator)

    def size(self, plan: IndicatorPlan, value: Any) -> Rational:
        del plan
        return value, 1

    def figures(self, plan: IndicatorPlan, value: Any) -> Figures:
        del plan
        return Figures(Fraction(value))


def canonical(value: object) -> object:
    """A number or text that was read without a problem, as the record keeps it.

    Builtin types as they are (text NFC); any other number type as the exact number it
    was read as, so no foreign or mutable object is kept.
    """
    cls = type(value)
    if cls is int or cls is float or cls is Decimal or cls is Fraction:
        return value
    if isinstance(value, str):
        return unicodedata.normalize("NFC", str(value))
    if isinstance(value, numbers.Integral):
        return operator.index(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, Decimal):
        return Decimal(value)
    num, den = read_number(value, percent_sign=False)
    return Fraction(num, den) if den != 1 else num
