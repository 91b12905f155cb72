"""The frozen models of a criteria set: standards → criteria → indicators, and the rules.

A criteria set is data written by policy staff (see ``docs/format.md``); these models
are its one definition, and valid by construction: every rule a set must keep, down to
the bands and references (`hoctap.spec._rules`), is checked by the models themselves, so no
invalid `CriteriaSet` can exist however it was built. They are frozen and hold only
immutable data: make a variant with `CriteriaSet.evolve` (``model_copy(update=...)`` does
the same), which validates the result again; never change a loaded set.

Every rule prints as the rule it is:

>>> from hoctap import load
>>> district = load("district")
>>> print(district.indicator("2.1.1"))
2.1.1 ≥ 70%
>>> print(district.indicator("3.2.2"))
3.2.2 < 0.05%
>>> print(district.recognition.levels[1])
80% < value ≤ 90% → level 2
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Mapping
from typing import TYPE_CHECKING, Annotated, Any, Literal, Self

from pydantic import Field, PrivateAttr, StrictInt, ValidationError, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from hoctap._frozen import FrozenDict
from hoctap._problems import Problems
from hoctap._words import write_number
from hoctap.errors import SpecError, fold
from hoctap.spec import _rules
from hoctap.spec._fields import (
    Bilingual,
    CriterionId,
    Date,
    Frozen,
    IndicatorId,
    Percentage,
    Reference,
    StandardId,
    Text,
    check_failed,
    plain,
    validated,
)
from hoctap.spec._localities import (
    Alias,
    Duty,
    Locality,
    LocalUnit,
    NotCounted,
    Pilot,
    ReportRequest,
    Worded,
)
from hoctap.spec._measures import (
    COMPARISONS,
    Attainment,
    Attested,
    Change,
    Count,
    Part,
    Percent,
    Rated,
    Rating,
    RatingScale,
    Rollup,
    ScaleCount,
    SubUnits,
    Threshold,
    UnitThreshold,
)
from hoctap.spec._messages import MEASURE_WORDS

if TYPE_CHECKING:
    from decimal import Decimal

    from hoctap.errors import Lang

__all__ = [
    "COMPARISONS",
    "MEASURES",
    "Alias",
    "Attainment",
    "Attested",
    "Band",
    "Bilingual",
    "Change",
    "Count",
    "CriteriaSet",
    "Criterion",
    "Duty",
    "Indicator",
    "LegalDocument",
    "LocalUnit",
    "Locality",
    "Measure",
    "NotCounted",
    "Part",
    "Percent",
    "Period",
    "Pilot",
    "Prerequisite",
    "Rated",
    "Rating",
    "RatingScale",
    "Recognition",
    "ReportRequest",
    "Rollup",
    "ScaleCount",
    "Standard",
    "Structure",
    "SubUnits",
    "Threshold",
    "UnitAttribute",
    "UnitThreshold",
    "UnitTitle",
    "Worded",
    "register_measure",
]


def __dir__() -> list[str]:
    return list(__all__)


MEASURES: dict[str, type[Frozen]] = {
    "attested": Attested,
    "percent": Percent,
    "change": Change,
    "attainment": Attainment,
    "count": Count,
    "sub_units": SubUnits,
}
"""Each kind of measure by the word a file writes for it (``kind: percent``): the
measures the law in force knows, and any kind registered since (`register_measure`)."""

Measure = Annotated[
    Attested | Percent | Change | Attainment | Count | SubUnits, Field(discriminator="kind")
]
"""A measure of one of the kinds of `MEASURES`, told apart by its ``kind``."""


class UnitAttribute(Frozen):
    """Something true of some units that changes their thresholds: "xã thuộc vùng khó khăn".

    An assessment of such a unit says so at its top (``disadvantaged: true``); a measure's
    ``when`` gives the thresholds for it.
    """

    id: Text
    """As an assessment writes it: ``disadvantaged``."""
    text: Bilingual
    """As the law words it: "xã thuộc vùng khó khăn" / "a commune in a disadvantaged area"."""
    clause: Text
    """Where the law says it."""


class Indicator(Frozen):
    """The leaf of the criteria: the thing that is measured (chỉ báo)."""

    id: IndicatorId
    """Its number as in the law, e.g. ``2.1.1``."""
    text: Bilingual
    """The indicator as worded in the source."""
    evidence: Bilingual | None = None
    """Hướng dẫn đánh giá: which document proves it."""
    lead: Text | None = None
    """Chủ trì, tham mưu: the agency that owns it, where the source names one."""
    coordinating: tuple[Text, ...] = ()
    """Phối hợp: the agencies that contribute, where the source names them."""
    measure: Attested | Percent | Change | Attainment | Count | SubUnits = Field(
        discriminator="kind"
    )
    # The kinds of `MEASURES`: `register_measure` widens this field to a new kind.
    """How it is measured and what meets it."""
    interpretation: Bilingual | None = None
    """How hoctap reads the text where it could be read more than one way."""
    source: Text | None = None
    """The clause it comes from, when not the set's annex and this indicator's number."""
    applies_to: tuple[Text, ...] = ()
    """The unit attributes it is for, when only some units must meet it (Thông tư 24/2023
    Điều 6 khoản 3 điểm d: "Đơn vị cấp huyện là cơ sở giáo dục phổ thông ..."): a unit
    with none of them is not judged on it."""
    not_for: tuple[Text, ...] = ()
    """The unit attributes it is not for ("không bao gồm ... tổ chức kinh tế")."""

    def applies(self, attributes: frozenset[str]) -> bool:
        """Whether a unit with these attributes is judged on it."""
        if self.applies_to and not attributes.intersection(self.applies_to):
            return False
        return not attributes.intersection(self.not_for)

    def __str__(self) -> str:
        return self.measure.rule(self.id)


class Criterion(Frozen):
    """Second level (tiêu chí), e.g. 2.1."""

    id: CriterionId
    title: Bilingual
    indicators: tuple[Indicator, ...] = Field(min_length=1)


class Standard(Frozen):
    """Top level (tiêu chuẩn), e.g. 2; in a set of two levels, a tiêu chí.

    A set of three levels (the 2022 pilot: tiêu chuẩn → tiêu chí → chỉ báo) gives each
    standard its ``criteria``; a set of two levels (Thông tư 25/2023 and 24/2023: tiêu
    chí → chỉ tiêu) gives it its ``indicators`` directly (``5.2``: tiêu chí 5, chỉ tiêu 2).
    """

    id: StandardId
    title: Bilingual
    criteria: tuple[Criterion, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    """In a set of two levels: the chỉ tiêu right under this tiêu chí."""

    @model_validator(mode="after")
    def _one_way(self) -> Standard:
        if bool(self.criteria) == bool(self.indicators):
            raise check_failed(
                "standard_layout",
                "ghi đúng một trong hai: criteria (bộ ba cấp) hoặc indicators (bộ hai cấp)",
                "give exactly one of criteria (a set of three levels) or indicators (two levels)",
            )
        return self

    @property
    def groups(self) -> tuple[tuple[Criterion | None, tuple[Indicator, ...]], ...]:
        """Its indicators by criterion, in order.

        One group, without a criterion, in a set of two levels.
        """
        if self.indicators:
            return ((None, self.indicators),)
        return tuple((c, c.indicators) for c in self.criteria)

    @property
    def all_indicators(self) -> tuple[Indicator, ...]:
        """Every indicator under it, in the order of the text."""
        return tuple(i for _, group in self.groups for i in group)


class LegalDocument(Frozen):
    """A legal document the set comes from or implements."""

    number: Text
    """Its number, e.g. ``25/KH-UBND``."""
    date: Date | None = None
    """The date it was issued; left out where no source at hand gives it."""
    issuer: Text
    """Who issued it, e.g. ``UBND tỉnh Bà Rịa - Vũng Tàu``."""
    title: Bilingual
    annex: Text | None = None
    """The annex that holds the criteria, e.g. ``Phụ lục 1``."""

    def __str__(self) -> str:
        where = f", {self.annex}" if self.annex else ""
        when = f" ngày {self.date:%d/%m/%Y}" if self.date is not None else ""
        return f"{self.number}{when} của {self.issuer}{where}"


class Period(Frozen):
    """The dates a set is in force, both included; ``end`` empty while it still is."""

    start: Date
    end: Date | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end is not None and self.end < self.start:
            raise PydanticCustomError("hoctap_period", "the end date is before the start date", {})
        return self


class Structure(Frozen):
    """How many standards, criteria and indicators the set declares it has."""

    standards: StrictInt = Field(ge=1)
    criteria: StrictInt = Field(ge=0)
    """0 in a set of two levels (tiêu chí → chỉ tiêu)."""
    indicators: StrictInt = Field(ge=1)


class Prerequisite(Frozen):
    """A condition that must hold for any recognition (điều kiện tiên quyết)."""

    id: Text
    """A short name used in the trace, e.g. ``P1``."""
    text: Bilingual
    """The condition as worded in the source."""
    clause: Text
    """Where it is written."""
    all_met: tuple[Reference, ...] = Field(min_length=1)
    """Criteria or indicators every indicator of which must be met."""

    def __str__(self) -> str:
        return f"{self.id}: all met: {', '.join(self.all_met)}"

    def words(self, lang: Lang = "en") -> str:
        """The condition as the rule reads it, in words: ``đạt tất cả chỉ báo của 1.1, 1.2``."""
        refs = ", ".join(self.all_met)
        return f"đạt tất cả chỉ báo của {refs}" if lang == "vi" else f"all met: {refs}"


class Band(Frozen):
    """A level: the range of a banded indicator's share that gives it (ngưỡng tối thiểu).

    Without edges, each banded indicator's own threshold for the level gives it (its
    measure's ``meets`` for level 1, ``by_level`` above): Thông tư 25/2023's levels.
    """

    level: StrictInt = Field(ge=1)
    above: Percentage | None = None
    """Lower edge, strict: "trên 80%"."""
    at_least: Percentage | None = None
    """Lower edge, inclusive: "đạt 70%"."""
    at_most: Percentage | None = None
    """Upper edge, inclusive: "- 90%"."""
    below: Percentage | None = None
    """Upper edge, strict."""
    text: Bilingual
    """The band as worded in the source."""

    clause: Text | None = None
    """Where the level is granted (``Điều 8 khoản 1 điểm b``), when not the rules' clause."""

    @model_validator(mode="after")
    def _edges(self) -> Band:
        lower = [k for k in ("above", "at_least") if getattr(self, k) is not None]
        upper = [k for k in ("at_most", "below") if getattr(self, k) is not None]
        if not lower and not upper:
            return self  # each banded indicator's own threshold gives the level (by_level)
        if len(lower) != 1 or len(upper) != 1:
            raise PydanticCustomError(
                "hoctap_band_edges",
                "a band needs one lower edge (above or at_least) and one upper edge "
                "(at_most or below)",
                {},
            )
        return self

    @property
    def own(self) -> bool:
        """Whether each banded indicator's own threshold gives this level (no edges)."""
        return self.above is None and self.at_least is None

    @property
    def low(self) -> Decimal:
        """The lower edge."""
        return self.above if self.above is not None else self.at_least  # type: ignore[return-value]

    @property
    def low_inclusive(self) -> bool:
        """Whether a value on the lower edge is inside the band."""
        return self.above is None

    @property
    def high(self) -> Decimal:
        """The upper edge."""
        return self.at_most if self.at_most is not None else self.below  # type: ignore[return-value]

    @property
    def high_inclusive(self) -> bool:
        """Whether a value on the upper edge is inside the band."""
        return self.below is None

    def rule(self, subject: str = "value") -> str:
        """The band as printed, e.g. ``80% < 2.1.2 ≤ 90% → level 2``."""
        return self.words("en", subject)

    def words(self, lang: Lang = "en", subject: str | None = None) -> str:
        """The band in a language, numbers as it writes them: ``70% ≤ giá trị ≤ 80,5% → mức 1``."""
        level = "mức" if lang == "vi" else "level"
        if self.own:
            said = "đạt ngưỡng của" if lang == "vi" else "meets its threshold for"
            return f"{subject or ('giá trị' if lang == 'vi' else 'value')} {said} {level} {self.level} → {level} {self.level}"
        lo = "≤" if self.low_inclusive else "<"
        hi = "≤" if self.high_inclusive else "<"
        low, high = write_number(self.low, lang), write_number(self.high, lang)
        subject = subject or ("giá trị" if lang == "vi" else "value")
        return f"{low}% {lo} {subject} {hi} {high}% → {level} {self.level}"

    def __str__(self) -> str:
        return self.rule()


class UnitTitle(Frozen):
    """How the plans word the title of a recognised unit of one kind."""

    kind: Text
    """The kind of unit as written in an assessment (``quận``, ``huyện``...), or ``default``."""
    vi: Text
    """E.g. ``Quận học tập``; the title is this and ``mức độ N``."""
    en: Text
    """E.g. ``Learning urban district``; the title is this and ``, level N``."""


class Recognition(Frozen):
    """The recognition rules: prerequisites, then the level from the bands."""

    clause: Text
    """Where the rules are written."""
    prerequisites: tuple[Prerequisite, ...] = Field(min_length=1)
    banded: tuple[Reference, ...] = Field(min_length=1)
    """Criteria or indicators whose shares give the level."""
    combine: Literal["lowest"]
    """How the banded indicators' bands give the level: the lowest band wins."""
    levels: tuple[Band, ...] = Field(min_length=1)
    titles: tuple[UnitTitle, ...] = Field(min_length=1)
    """The recognition title for each kind of unit; one has kind ``default``."""
    notes: Bilingual | None = None
    """How hoctap reads the rules where they could be read more than one way."""


class CriteriaSet(Frozen):
    """A whole criteria set (bộ tiêu chí): one YAML file."""

    id: Text
    """Short name, e.g. ``district``; bundled sets are loaded by it."""
    version: Text
    title: Bilingual
    unit: Literal["commune", "district", "province", "city", "organisation"]
    """The kind of unit the set judges: a district-level unit, a province, or a
    centrally-run city."""
    legal_basis: tuple[LegalDocument, ...] = Field(min_length=1)
    """The first document holds the criteria text; the others are what it implements."""
    effective: Period
    structure: Structure
    notes: Bilingual | None = None
    scales: tuple[RatingScale, ...] = ()
    attributes: tuple[UnitAttribute, ...] = ()
    """What some units are that changes their thresholds (a measure's ``when``)."""
    """The rating scales its rated indicators count from (``rated``)."""
    standards: tuple[Standard, ...] = Field(min_length=1)
    recognition: Recognition

    _indicators: FrozenDict[str, Indicator] = PrivateAttr()
    _criteria: FrozenDict[str, Criterion] = PrivateAttr()
    _origin: str = PrivateAttr(default="<python>")

    @property
    def origin(self) -> str:
        """Where the set came from: the file it was loaded from, or ``<python>``.

        Not part of the set's content: two sets with the same content are equal
        wherever they came from.
        """
        return self._origin

    @model_validator(mode="after")
    def _whole_set_rules(self) -> CriteriaSet:
        problems = _rules.check(plain(self))
        if problems:
            raise ValidationError.from_exception_data(
                "CriteriaSet",
                [
                    InitErrorDetails(
                        type=PydanticCustomError(
                            "hoctap_rule", "{en}", {"vi": m.vi, "en": m.en, "code": code}
                        ),
                        loc=path,
                        input=None,
                    )
                    for path, code, m in problems
                ],
            )
        return self

    def model_post_init(self, _context: Any, /) -> None:  # noqa: D102
        # Lookup tables derived from the fields once, when the set is made, into
        # immutable private attributes (never a cache filled in later).
        self._indicators = FrozenDict((i.id, i) for s in self.standards for i in s.all_indicators)
        self._criteria = FrozenDict((c.id, c) for s in self.standards for c in s.criteria)

    @property
    def indicators(self) -> FrozenDict[str, Indicator]:
        """Every indicator by id, in the order of the text (a mapping that cannot change).

        >>> from hoctap import load
        >>> len(load("district").indicators)
        16
        """
        return self._indicators

    @property
    def criteria(self) -> FrozenDict[str, Criterion]:
        """Every criterion by id."""
        return self._criteria

    @property
    def two_levels(self) -> bool:
        """Whether the set has two levels, tiêu chí → chỉ tiêu (Thông tư 25/2023, 24/2023).

        Its standards are then the law's tiêu chí, its indicators the chỉ tiêu.
        """
        return all(s.indicators for s in self.standards)

    @property
    def indicator_word(self) -> str:
        """What the set's own text calls an indicator: "chỉ tiêu" (two levels) or "chỉ báo"."""
        return "chỉ tiêu" if self.two_levels else "chỉ báo"

    def evolve(self, **changes: Any) -> Self:
        """A variant of the set, validated again as a whole.

        Top-level fields are replaced as given; ``indicators`` maps indicator ids to the
        fields to replace in them, as an overlay file does (see ``docs/format.md``): a
        measure of the same kind, given as a mapping, is restated key by key (its parts,
        reading and levels kept; a key set to None removed), one of another kind replaced.

        >>> from hoctap import load
        >>> strict = load("district").evolve(
        ...     id="district-strict", indicators={"3.1.2": {"measure": {"kind": "percent", "meets": {"at_least": 95}}}})
        >>> print(strict.indicator("3.1.2"))
        3.1.2 ≥ 95%
        >>> strict.indicator("3.1.2").measure.reading  # its two parts, each read on its own, kept
        'each'
        >>> load("district").evolve(indicators={"9.9.9": {}})
        Traceback (most recent call last):
        hoctap.errors.SpecError: <python>: indicators["9.9.9"]: bộ gốc không có chỉ báo 9.9.9 / the base set has no indicator 9.9.9
        """
        replaced = changes.pop("indicators", None) or {}
        unknown = [i for i in replaced if i not in self._indicators]
        if unknown:
            raise Problems("<python>").refused(
                ("indicators", unknown[0]),
                "overlay_indicator",
                f"bộ gốc không có chỉ báo {unknown[0]}",
                f"the base set has no indicator {unknown[0]}",
                error=SpecError,
            )
        data = {**dict(self), **changes}
        if replaced:

            def changed(indicators: tuple[Indicator, ...]) -> tuple[Indicator, ...]:
                return tuple(
                    i.evolve(**_merged(i, replaced[i.id])) if i.id in replaced else i
                    for i in indicators
                )

            data["standards"] = tuple(
                s.evolve(
                    criteria=tuple(c.evolve(indicators=changed(c.indicators)) for c in s.criteria),
                    indicators=changed(s.indicators),
                )
                for s in self.standards
            )
        return validated(type(self), data)

    def __eq__(self, other: object) -> bool:
        # Equal when the content is equal; the derived tables follow from it.
        if not isinstance(other, CriteriaSet):
            return NotImplemented
        return self.__dict__ == other.__dict__

    def __hash__(self) -> int:
        return hash((self.id, self.version, self.standards))

    def indicator(self, indicator_id: str) -> Indicator:
        """The indicator with this id; `KeyError` if the set has none."""
        return self.indicators[indicator_id]

    def expand(self, references: tuple[str, ...]) -> tuple[str, ...]:
        """Indicator ids named by references to standards, criteria or indicators, in text order.

        >>> from hoctap import load
        >>> load("district").expand(("2.1", "2.2.4"))
        ('2.1.1', '2.1.2', '2.2.4')
        """
        wanted = set(references)
        return tuple(
            i
            for i in self.indicators
            if i in wanted or i.rsplit(".", 1)[0] in wanted or i.split(".", 1)[0] in wanted
        )

    def clause_of(self, indicator: Indicator) -> str:
        """Where an indicator is written: its own ``source``, or the set's annex and its number."""
        if indicator.source:
            return indicator.source
        doc = self.legal_basis[0]
        annex = f", {doc.annex}" if doc.annex else ""
        return f"{doc.number}{annex}, chỉ báo {indicator.id}"

    def scale(self, scale_id: str) -> RatingScale:
        """The rating scale with this id; `KeyError` if the set has none."""
        for scale in self.scales:
            if scale.id == scale_id:
                return scale
        raise KeyError(scale_id)

    def title_for(self, kind: str | None) -> UnitTitle:
        """The recognition title for a kind of unit, or the default one."""
        by_kind = {fold(t.kind): t for t in self.recognition.titles}
        return by_kind.get(fold(kind or "default"), by_kind["default"])

    def __str__(self) -> str:
        return f"{self.id} {self.version}: {self.title.vi}"

    def _repr_html_(self) -> str:
        # Jupyter: the set laid out as its annex, in the language chosen once.
        from hoctap._display import display_language  # noqa: PLC0415
        from hoctap.reports.annex import set_to_html  # noqa: PLC0415 - views sit above the model

        return set_to_html(self, display_language(), standalone=False)

    def __repr__(self) -> str:
        return f"<CriteriaSet {self.id} {self.version}: {len(self.indicators)} indicators>"


def _merged(indicator: Indicator, fields: Mapping[str, Any]) -> dict[str, Any]:
    """An indicator's fields to replace, a measure of the same kind merged key by key.

    As an overlay restates one (`hoctap.files._overlays`): ``{"measure": {"kind":
    "percent", "meets": {"at_least": 85}}}`` changes the threshold and keeps the parts.
    """
    out = dict(fields)
    given = out.get("measure")
    if (
        isinstance(given, Mapping)
        and given.get("kind", indicator.measure.kind) == indicator.measure.kind
    ):
        base = indicator.measure.model_dump(mode="python", exclude_defaults=True)
        merged = {**base, **given}
        out["measure"] = {k: v for k, v in merged.items() if v is not None}
    return out


def register_measure(model: type[Frozen]) -> None:
    """Add a kind of measure: an indicator may then be measured by ``model``.

    ``model`` is a frozen model (`hoctap.spec._fields.Frozen`) with a field
    ``kind: Literal["word"]`` of a word no kind has yet. The models that hold an indicator
    are rebuilt, so a file, the Python API and the JSON schema all accept the new kind.
    The engine's registry of kinds (`hoctap.engine._kinds.register`) calls this.
    """
    (word,) = getattr(model.model_fields["kind"].annotation, "__args__", (None,))
    if not isinstance(word, str) or word in MEASURES:
        msg = f"{model.__name__}.kind must be Literal['a word'] no kind of measure has yet"
        raise ValueError(msg)
    MEASURES[word] = model
    MEASURE_WORDS.append(word)
    # pydantic builds each model's validator from the annotations once; the field is
    # widened to every registered kind and each model holding an indicator rebuilt,
    # innermost first.
    Indicator.model_fields["measure"].annotation = functools.reduce(operator.or_, MEASURES.values())
    for holder in (Indicator, Criterion, Standard, CriteriaSet):
        holder.model_rebuild(force=True)
