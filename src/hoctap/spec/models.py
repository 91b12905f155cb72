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

import datetime as dt
import itertools
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Annotated, Any, Literal, Self, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    StrictInt,
    ValidationError,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from hoctap._frozen import FrozenDict
from hoctap._json import exact_text
from hoctap._numbers import NumberError, read_number
from hoctap.errors import Message, Problem, SpecError, fold, invisible
from hoctap.spec import _rules
from hoctap.spec._messages import python_problems

if TYPE_CHECKING:
    from collections.abc import Mapping

    from hoctap.errors import Lang

__all__ = [
    "COMPARISONS",
    "Alias",
    "Attested",
    "Band",
    "Bilingual",
    "Change",
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
    "Standard",
    "Structure",
    "Threshold",
    "UnitTitle",
    "Worded",
]


def __dir__() -> list[str]:
    return list(__all__)


def _number(value: object) -> object:
    # Exact numbers only, read by the one number reader (`hoctap._numbers`), so sizes
    # are bounded and a float from Python code is the shortest decimal that prints as it
    # (0.1 → Decimal("0.1")), never its binary expansion. Text and booleans are refused
    # rather than coerced.
    if isinstance(value, str):
        raise PydanticCustomError(
            "hoctap_number", "must be a number, got {got}", {"got": repr(value[:40])}
        )
    try:
        num, den = read_number(value, percent_sign=False)
    except NumberError as exc:
        raise PydanticCustomError(
            "hoctap_number", "must be a number, got {got}", {"got": exc.en, "code": exc.code}
        ) from None
    text = exact_text(Fraction(num, den))
    if "/" in text:  # 1/3 has no decimal: a threshold is written in decimals
        raise PydanticCustomError(
            "hoctap_number", "must be a number, got {got}", {"got": f"the fraction {text}"}
        )
    return Decimal(text)


def _text(value: str) -> str:
    # Text reaches terminals, Markdown and HTML: control and format characters other
    # than a line break, and broken Unicode, are refused where they are written.
    if invisible(value, allow="\n"):
        raise PydanticCustomError(
            "hoctap_text", "must not contain control characters or broken Unicode", {}
        )
    return value


def _id_text(value: object) -> object:
    # "2.1" or 2 written without quotes parse as numbers; an id is their text.
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return str(value)
    return value


def _date(value: object) -> object:
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise PydanticCustomError(
                "hoctap_date", "must be a date written YYYY-MM-DD, got {got}", {"got": value}
            ) from None
    return value


Number = Annotated[
    Decimal,
    BeforeValidator(_number),
    WithJsonSchema({"type": "number"}),
    Field(allow_inf_nan=False),
]
Percentage = Annotated[
    Decimal,
    BeforeValidator(_number),
    WithJsonSchema({"type": "number", "minimum": 0, "maximum": 100}),
    Field(ge=0, le=100),
]
Text = Annotated[str, Field(min_length=1), AfterValidator(_text)]
Date = Annotated[
    dt.date, BeforeValidator(_date), WithJsonSchema({"type": "string", "format": "date"})
]


def _id(pattern: str) -> object:
    # In YAML, 2.1 unquoted is a number: the schema allows both so editors don't complain.
    return WithJsonSchema({"type": ["string", "number"], "pattern": pattern})


_INDICATOR_ID = r"^[1-9][0-9]*(\.[1-9][0-9]*){2}$"
_CRITERION_ID = r"^[1-9][0-9]*\.[1-9][0-9]*$"
_STANDARD_ID = r"^[1-9][0-9]*$"
_REFERENCE = r"^[1-9][0-9]*(\.[1-9][0-9]*){0,2}$"
IndicatorId = Annotated[
    str, BeforeValidator(_id_text), _id(_INDICATOR_ID), Field(pattern=_INDICATOR_ID)
]
CriterionId = Annotated[
    str, BeforeValidator(_id_text), _id(_CRITERION_ID), Field(pattern=_CRITERION_ID)
]
StandardId = Annotated[
    str, BeforeValidator(_id_text), _id(_STANDARD_ID), Field(pattern=_STANDARD_ID)
]
Reference = Annotated[str, BeforeValidator(_id_text), _id(_REFERENCE), Field(pattern=_REFERENCE)]


# Lax mode only so that YAML lists become tuples; every scalar type that lax mode would
# coerce (text to numbers, "no" to False, 1.0 to 1) is guarded: numbers and dates by
# their own validators above, whole numbers by StrictInt.


class _Frozen(BaseModel):
    model_config = ConfigDict(
        frozen=True, extra="forbid", allow_inf_nan=False, use_attribute_docstrings=True
    )

    def evolve(self, **changes: Any) -> Self:
        """A copy with some fields changed, validated again as a whole (like attrs' ``evolve``).

        >>> from hoctap import load
        >>> load("district").indicator("3.1.2").evolve(source="25/KH-UBND").source
        '25/KH-UBND'
        """
        return _validated(type(self), {**dict(self), **changes})

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """The same as `evolve`: a changed copy is validated again; an unchanged one is itself.

        pydantic's own ``model_copy`` would skip validation and carry the derived tables
        of the original over to the copy.
        """
        del deep  # immutable all the way down: a deep copy is the object itself
        return self.evolve(**update) if update else self


class Bilingual(_Frozen):
    """A text in Vietnamese (as in the legal source) and its English translation."""

    vi: Text
    """Vietnamese, with full diacritics, as in the source."""
    en: Text
    """English translation."""

    def render(self, lang: Lang = "both") -> str:
        """The text in one language, or both joined by ``/`` (as `hoctap.Message` does)."""
        return Message(self.vi, self.en).render(lang)

    def __str__(self) -> str:
        return self.vi


def _rule(code: str, vi: str, en: str) -> PydanticCustomError:
    """A broken rule of the format, in both languages, with its code (see `hoctap.errors.CODES`)."""
    # Not "hoctap_rule": that type is kept for the whole-set rules, which the loader
    # reports itself (with lines) rather than from pydantic.
    return PydanticCustomError("hoctap_check", "{en}", {"vi": vi, "en": en, "code": code})


def _fmt(value: Decimal) -> str:
    """A decimal written plainly and exactly: 70, 0.05, 1.5 (never 7E+1, never rounded).

    >>> _fmt(Decimal("7E+1")), _fmt(Decimal("80.10")), _fmt(Decimal("70.0000000000000000000000000001"))
    ('70', '80.1', '70.0000000000000000000000000001')
    """
    text = format(value, "f")  # exact: no context precision applies without a width
    return text.rstrip("0").rstrip(".") if "." in text else text


Comparison = Literal["at_least", "above", "at_most", "below"]
Op = Literal[">=", ">", "<=", "<"]

COMPARISONS: dict[Comparison, tuple[Op, str]] = {
    "at_least": (">=", "≥"),
    "above": (">", ">"),
    "at_most": ("<=", "≤"),
    "below": ("<", "<"),
}
"""The one table of how a comparison is written in a file, as an operator, and printed.
(`hoctap.engine._plan.COMPARE` gives each operator's function.)"""


class Threshold(_Frozen):
    """A comparison with exactly one of ``at_least`` (≥), ``above`` (>), ``at_most`` (≤), ``below`` (<).

    Inclusive or strict is always written out: "tối thiểu 70%" is ``at_least: 70``,
    "dưới 0.05%" is ``below: 0.05``, "tăng" (rises) is ``above: 0``.
    """

    at_least: Number | None = None
    """Met when the value is this or more (≥): "tối thiểu", "từ ... trở lên"."""
    above: Number | None = None
    """Met when the value is strictly more (>): "trên", "tăng"."""
    at_most: Number | None = None
    """Met when the value is this or less (≤)."""
    below: Number | None = None
    """Met when the value is strictly less (<): "dưới"."""

    @model_validator(mode="after")
    def _exactly_one(self) -> Threshold:
        given = [k for k in COMPARISONS if getattr(self, k) is not None]
        if len(given) != 1:
            raise PydanticCustomError(
                "hoctap_one_comparison",
                "write exactly one of at_least, above, at_most, below (got {got})",
                {"got": ", ".join(given) or "none"},
            )
        return self

    @property
    def key(self) -> Comparison:
        """Which comparison is written: ``at_least``, ``above``, ``at_most`` or ``below``."""
        return next(k for k in COMPARISONS if getattr(self, k) is not None)

    @property
    def op(self) -> Op:
        """The comparison as an operator."""
        return COMPARISONS[self.key][0]

    @property
    def value(self) -> Decimal:
        """The number compared against."""
        value: Decimal = getattr(self, self.key)
        return value

    @property
    def symbol(self) -> str:
        """The comparison as printed: ``≥``, ``>``, ``≤``, ``<``."""
        return COMPARISONS[self.key][1]

    def words(self, lang: Lang = "en") -> str:
        """The comparison as printed in a language: ``≥ 1.5``, or ``≥ 1,5`` in Vietnamese."""
        number = _fmt(self.value)
        return f"{self.symbol} {number.replace('.', ',') if lang == 'vi' else number}"

    def __str__(self) -> str:
        return f"{self.symbol} {_fmt(self.value)}"


class Part(_Frozen):
    """One part of an indicator that names more than one thing ("chất thải rắn ... và nước thải")."""

    id: Text
    """The part's name as an assessment writes it, e.g. ``nước thải``."""
    en: Text | None = None
    """Its short name in English, e.g. ``wastewater``, for the English views; else the id."""
    text: Bilingual
    """The part as worded in the source."""

    def label(self, lang: Lang = "en") -> str:
        """The part's short name in a language: its id in Vietnamese, ``en`` in English."""
        return self.en if lang == "en" and self.en else self.id


Reading = Literal["each", "pooled"]
"""How an indicator with parts is read: ``each`` part must meet the threshold, or the
parts are ``pooled`` into one figure (their counts added)."""


class _Parts(_Frozen):
    parts: tuple[Part, ...] = ()
    """The things the indicator names, where it names more than one."""
    reading: Reading | None = None
    """With parts: ``each`` (every part meets the threshold; the part furthest from it
    decides) or ``pooled`` (one figure: the parts' counts added)."""

    def how(self, lang: Lang = "en") -> str:
        """How the value is made beyond the threshold, in words; empty when plain.

        Its parts and their reading, its rated units, what a total of 0 means, its roll-up.

        >>> from hoctap import load
        >>> load("city").indicator("3.1.5").measure.how("en")
        'each part must meet it: solid waste; wastewater'
        """
        said: list[Message] = []
        if self.parts:
            names_vi = "; ".join(p.label("vi") for p in self.parts)
            names_en = "; ".join(p.label("en") for p in self.parts)
            each = self.reading == "each"
            said.append(
                Message(
                    f"{'từng phần đều phải đạt' if each else 'cộng gộp'}: {names_vi}",
                    f"{'each part must meet it' if each else 'pooled'}: {names_en}",
                )
            )
        rated = getattr(self, "rated", None)
        if rated is not None:
            said.append(
                Message(
                    f"đếm đơn vị xếp loại {rated.counts_from} trở lên theo thang {rated.scale}",
                    f"counting units rated {rated.counts_from} or better on {rated.scale}",
                )
            )
        if_none = getattr(self, "if_none", None)
        if if_none is not None:
            met = if_none == "met"
            said.append(
                Message(
                    f"không có đơn vị nào: {'đạt' if met else 'không đạt'}",
                    f"none at all: {'met' if met else 'not met'}",
                )
            )
        rollup = getattr(self, "rollup", None)
        if rollup is not None:
            said.append(
                Message(
                    f"tính từ kết quả của từng đơn vị cấp huyện (bộ {rollup.criteria})",
                    f"computed from each district-level unit's result ({rollup.criteria} set)",
                )
            )
        return "; ".join(m.render(lang) for m in said)

    @model_validator(mode="after")
    def _reading_fits(self) -> Self:
        if bool(self.parts) != (self.reading is not None):
            raise _rule(
                "parts_reading",
                "parts và reading đi cùng nhau: chỉ báo có nhiều phần phải nói cách đọc "
                "(reading: each hoặc pooled), và chỉ chỉ báo có nhiều phần mới có reading",
                "parts and reading go together: an indicator with parts says how they are "
                "read (reading: each or pooled), and only one with parts has a reading",
            )
        seen = set()
        for part in self.parts:
            if fold(part.id) in seen:
                raise _rule(
                    "parts_reading",
                    f"phần '{part.id}' được nêu hai lần",
                    f"part '{part.id}' is named twice",
                )
            seen.add(fold(part.id))
        return self


class Rated(_Frozen):
    """A share counted from rated units: those rated ``counts_from`` or better on a scale."""

    scale: Text
    """The id of one of the set's ``scales``."""
    counts_from: Text
    """The lowest rating that counts, as the scale names it in Vietnamese (``Khá``)."""


class Rollup(_Frozen):
    """A share of sub-units recognised under another set, computed from their evaluations."""

    criteria: Text
    """The set each sub-unit is judged under, named as an assessment names one (a
    bundled name, or a path relative to this file)."""
    unassessed: Literal["not_recognised", "unknown"]
    """What a sub-unit with no assessment, or whose evaluation is incomplete, counts
    as: not recognised, or unknown (the share then has no value until it is known)."""


class Rating(_Frozen):
    """One rating of a scale ("Khá"), with the lowest score that earns it, if scored."""

    name: Bilingual
    at_least: Number | None = None
    """The lowest score with this rating; a score is rated by the best rating it reaches."""


class RatingScale(_Frozen):
    """How units are rated (Thông tư 22/2020: Tốt, Khá, Trung bình), best rating first."""

    id: Text
    """Its name in the set, e.g. ``tt22-2020``; an indicator's ``rated.scale`` names it."""
    title: Bilingual
    source: Text
    """The clause the ratings come from."""
    max_score: Number | None = None
    """The highest score, when units are scored (100)."""
    ratings: tuple[Rating, ...] = Field(min_length=1)
    """Best first."""
    below: Bilingual
    """The rating of a unit that reaches none of them (``Không đạt``)."""
    notes: Bilingual | None = None

    @model_validator(mode="after")
    def _ordered(self) -> RatingScale:
        scored = [r.at_least for r in self.ratings if r.at_least is not None]
        if scored and (len(scored) != len(self.ratings) or self.max_score is None):
            raise _rule(
                "bad_scale",
                "thang chấm điểm phải cho mỗi loại một điểm thấp nhất (at_least) và có "
                "điểm tối đa (max_score)",
                "a scored scale gives every rating its lowest score (at_least) and the "
                "highest score (max_score)",
            )
        if any(a <= b for a, b in itertools.pairwise(scored)) or any(
            s < 0 or (self.max_score is not None and s > self.max_score) for s in scored
        ):
            raise _rule(
                "bad_scale",
                "các loại xếp từ cao xuống thấp, điểm thấp nhất của mỗi loại nhỏ hơn loại "
                "trước và trong khoảng 0 đến max_score",
                "ratings go best first, each lowest score below the one before and "
                "between 0 and max_score",
            )
        names = self.names
        if len({fold(n.vi) for n in names}) != len(names) or len(
            {fold(n.en) for n in names}
        ) != len(names):
            raise _rule(
                "bad_scale", "mỗi loại cần một tên riêng", "every rating needs its own name"
            )
        return self

    @property
    def names(self) -> tuple[Bilingual, ...]:
        """Every rating's name, best first, ``below`` last."""
        return (*(r.name for r in self.ratings), self.below)

    def rank_of(self, word: str) -> int | None:
        """The rank of a rating written in words (0 is the best), or None if it is not one."""
        wanted = fold(word).strip()
        for rank, name in enumerate(self.names):
            if wanted in {fold(name.vi), fold(name.en)}:
                return rank
        return None

    def rank_of_score(self, score: Fraction) -> int:
        """The rank of the best rating a score reaches (``len(ratings)``: none)."""
        for rank, rating in enumerate(self.ratings):
            if rating.at_least is not None and score >= Fraction(rating.at_least):
                return rank
        return len(self.ratings)


class Attested(_Frozen):
    """Met or not met, attested by a document ("đạt" / "không đạt")."""

    kind: Literal["attested"]

    def rule(self, indicator_id: str) -> str:
        """The rule as printed."""
        return f"{indicator_id} attested as met"

    def describe(self, lang: Lang = "en") -> str:
        """What meets it, in words."""
        return "được đánh giá đạt (có minh chứng)" if lang == "vi" else "attested as met"

    def how(self, lang: Lang = "en") -> str:  # noqa: ARG002
        """Nothing beyond the attestation."""
        return ""


class Percent(_Parts):
    """A share or rate in percent, 0 to 100, compared against a threshold.

    The value may be given as a percentage, as counts (``count`` of ``total``) or as the
    list of units counted (``units``), in which case the share is computed exactly.
    """

    kind: Literal["percent"]
    meets: Threshold
    """What the share must be to meet the indicator."""
    counted: Bilingual | None = None
    """What ``count`` counts, in the plural ("xã được xếp loại Khá trở lên")."""
    total: Bilingual | None = None
    """What ``total`` counts ("xã, phường, thị trấn")."""
    rated: Rated | None = None
    """When the units counted are rated on a scale: which scale, and from which rating
    a unit counts. An assessment may then list the rated units instead of a count."""
    if_none: Literal["met", "not_met"] | None = None
    """What a total of 0 means (a district with no such centre): ``met``, ``not_met``,
    or, left out, a total of 0 is an error in the input."""
    rollup: Rollup | None = None
    """When the share is of sub-units recognised under another set (city 2.1.2)."""

    @model_validator(mode="after")
    def _in_range(self) -> Percent:
        if not Decimal(0) <= self.meets.value <= Decimal(100):
            # "at" lets the error point at the number itself, not at the whole measure.
            key = self.meets.key
            raise PydanticCustomError(
                "hoctap_percent_range",
                "a percentage must be between 0 and 100, got {got}",
                {"got": _fmt(self.meets.value), "at": f"meets.{key}"},
            )
        return self

    def rule(self, indicator_id: str) -> str:
        """The rule as printed."""
        return f"{indicator_id} {self.meets}%"

    def describe(self, lang: Lang = "en") -> str:
        """What meets it, in words, the number written as the language writes it.

        >>> from hoctap import load
        >>> load("district").indicator("3.2.2").measure.describe("vi")
        '< 0,05%'
        """
        return f"{self.meets.words(lang)}%"


class Change(_Parts):
    """A change against the previous year: a rise or a fall of at least / more than some amount."""

    kind: Literal["change"]
    quantity: Literal["percent", "amount", "count"]
    """What is measured each year: a rate in percent, an amount (money), or a count."""
    direction: Literal["rise", "fall"]
    """Which way it must move: "tăng" is rise, "giảm" is fall."""
    unit: Literal["points", "relative", "absolute"]
    """How the change is measured: in percentage points (current − previous of a rate),
    relative to the previous year in percent, or absolute (in the quantity's own unit)."""
    meets: Threshold
    """What the size of the change, in its direction, must be."""

    @model_validator(mode="after")
    def _unit_fits(self) -> Change:
        if self.unit == "points" and self.quantity != "percent":
            raise PydanticCustomError(
                "hoctap_change_unit",
                "unit 'points' (percentage points) only fits quantity 'percent'",
                {},
            )
        return self

    def rule(self, indicator_id: str) -> str:
        """The rule as printed."""
        unit = {"points": " percentage points", "relative": "%", "absolute": ""}[self.unit]
        verb = "rises" if self.direction == "rise" else "falls"
        return f"{indicator_id} {verb} by {self.meets}{unit} against the previous year"

    def describe(self, lang: Lang = "en") -> str:
        """What meets it, in words."""
        if lang == "vi":
            unit = {"points": " điểm phần trăm", "relative": "% so với năm trước", "absolute": ""}
            verb = "tăng" if self.direction == "rise" else "giảm"
            return f"{verb} {self.meets.words('vi')}{unit[self.unit]} so với năm trước".replace(
                "% so với năm trước so với năm trước", "% so với năm trước"
            )
        unit_en = {"points": " percentage points", "relative": "%", "absolute": ""}[self.unit]
        verb = "rises" if self.direction == "rise" else "falls"
        return f"{verb} by {self.meets}{unit_en} against the previous year"


Measure = Annotated[Attested | Percent | Change, Field(discriminator="kind")]


class Indicator(_Frozen):
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
    measure: Measure
    """How it is measured and what meets it."""
    interpretation: Bilingual | None = None
    """How hoctap reads the text where it could be read more than one way."""
    source: Text | None = None
    """The clause it comes from, when not the set's annex and this indicator's number."""

    def __str__(self) -> str:
        return self.measure.rule(self.id)


class Criterion(_Frozen):
    """Second level (tiêu chí), e.g. 2.1."""

    id: CriterionId
    title: Bilingual
    indicators: tuple[Indicator, ...] = Field(min_length=1)


class Standard(_Frozen):
    """Top level (tiêu chuẩn), e.g. 2."""

    id: StandardId
    title: Bilingual
    criteria: tuple[Criterion, ...] = Field(min_length=1)


class LegalDocument(_Frozen):
    """A legal document the set comes from or implements."""

    number: Text
    """Its number, e.g. ``25/KH-UBND``."""
    date: Date
    """The date it was issued."""
    issuer: Text
    """Who issued it, e.g. ``UBND tỉnh Bà Rịa - Vũng Tàu``."""
    title: Bilingual
    annex: Text | None = None
    """The annex that holds the criteria, e.g. ``Phụ lục 1``."""

    def __str__(self) -> str:
        where = f", {self.annex}" if self.annex else ""
        return f"{self.number} ngày {self.date:%d/%m/%Y} của {self.issuer}{where}"


class Period(_Frozen):
    """The dates a set is in force, both included; ``end`` empty while it still is."""

    start: Date
    end: Date | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end is not None and self.end < self.start:
            raise PydanticCustomError("hoctap_period", "the end date is before the start date", {})
        return self


class Structure(_Frozen):
    """How many standards, criteria and indicators the set declares it has."""

    standards: StrictInt = Field(ge=1)
    criteria: StrictInt = Field(ge=1)
    indicators: StrictInt = Field(ge=1)


class Prerequisite(_Frozen):
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


class Band(_Frozen):
    """The range of a banded indicator's share that gives a level (ngưỡng tối thiểu)."""

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

    @model_validator(mode="after")
    def _edges(self) -> Band:
        lower = [k for k in ("above", "at_least") if getattr(self, k) is not None]
        upper = [k for k in ("at_most", "below") if getattr(self, k) is not None]
        if len(lower) != 1 or len(upper) != 1:
            raise PydanticCustomError(
                "hoctap_band_edges",
                "a band needs one lower edge (above or at_least) and one upper edge "
                "(at_most or below)",
                {},
            )
        return self

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
        lo = "≤" if self.low_inclusive else "<"
        hi = "≤" if self.high_inclusive else "<"
        return f"{_fmt(self.low)}% {lo} {subject} {hi} {_fmt(self.high)}% → level {self.level}"

    def words(self, lang: Lang = "en", subject: str | None = None) -> str:
        """The band in a language, numbers as it writes them: ``70% ≤ giá trị ≤ 80% → mức 1``."""
        if lang != "vi":
            return self.rule(subject or "value")
        lo = "≤" if self.low_inclusive else "<"
        hi = "≤" if self.high_inclusive else "<"
        low, high = _fmt(self.low).replace(".", ","), _fmt(self.high).replace(".", ",")
        return f"{low}% {lo} {subject or 'giá trị'} {hi} {high}% → mức {self.level}"

    def __str__(self) -> str:
        return self.rule()


class UnitTitle(_Frozen):
    """How the plans word the title of a recognised unit of one kind."""

    kind: Text
    """The kind of unit as written in an assessment (``quận``, ``huyện``...), or ``default``."""
    vi: Text
    """E.g. ``Quận học tập``; the title is this and ``mức độ N``."""
    en: Text
    """E.g. ``Learning urban district``; the title is this and ``, level N``."""


class Recognition(_Frozen):
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


class CriteriaSet(_Frozen):
    """A whole criteria set (bộ tiêu chí): one YAML file."""

    id: Text
    """Short name, e.g. ``district``; bundled sets are loaded by it."""
    version: Text
    title: Bilingual
    unit: Literal["district", "province", "city"]
    """The kind of unit the set judges: a district-level unit, a province, or a
    centrally-run city."""
    legal_basis: tuple[LegalDocument, ...] = Field(min_length=1)
    """The first document holds the criteria text; the others are what it implements."""
    effective: Period
    structure: Structure
    notes: Bilingual | None = None
    scales: tuple[RatingScale, ...] = ()
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
        problems = _rules.check(_plain(self))
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
        self._indicators = FrozenDict(
            (i.id, i) for s in self.standards for c in s.criteria for i in c.indicators
        )
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

    def evolve(self, **changes: Any) -> Self:
        """A variant of the set, validated again as a whole.

        Top-level fields are replaced as given; ``indicators`` maps indicator ids to the
        fields to replace in them, as an overlay file does (see ``docs/format.md``).

        >>> from hoctap import load
        >>> strict = load("district").evolve(
        ...     id="district-strict", indicators={"3.1.2": {"measure": {"kind": "percent", "meets": {"at_least": 95}}}})
        >>> print(strict.indicator("3.1.2"))
        3.1.2 ≥ 95%
        >>> load("district").evolve(indicators={"9.9.9": {}})
        Traceback (most recent call last):
        hoctap.errors.SpecError: <python>: indicators["9.9.9"]: bộ gốc không có chỉ báo 9.9.9 / the base set has no indicator 9.9.9
        """
        replaced = changes.pop("indicators", None) or {}
        unknown = [i for i in replaced if i not in self._indicators]
        if unknown:
            message = Message(
                f"bộ gốc không có chỉ báo {unknown[0]}",
                f"the base set has no indicator {unknown[0]}",
            )
            problem = Problem(
                "<python>", 0, 0, ("indicators", unknown[0]), message, "overlay_indicator"
            )
            raise SpecError([problem])
        data = {**dict(self), **changes}
        if replaced:
            data["standards"] = tuple(
                s.evolve(
                    criteria=tuple(
                        c.evolve(
                            indicators=tuple(
                                i.evolve(**replaced[i.id]) if i.id in replaced else i
                                for i in c.indicators
                            )
                        )
                        for c in s.criteria
                    )
                )
                for s in self.standards
            )
        return _validated(type(self), data)

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


class LocalUnit(_Frozen):
    """One district-level unit of a locality."""

    name: Text
    """As an assessment names it: ``Quận Lê Chân``."""
    kind: Text
    """``quận``, ``huyện``, ``thị xã`` or ``thành phố``."""


class NotCounted(LocalUnit):
    """A unit of the locality left out of the denominator, with the reading that leaves it out."""

    reason: Bilingual


class Pilot(_Frozen):
    """The units that took part in a pilot, with the clause that names them."""

    source: Text
    units: tuple[Text, ...] = Field(min_length=1)


class Locality(_Frozen):
    """A city's or province's district-level units: the denominator of its 2.1.2.

    >>> from hoctap import locality
    >>> hp = locality("hai-phong")
    >>> len(hp.units), hp.pilot.units[1], hp.not_counted[0].name
    (14, 'Quận Lê Chân', 'Huyện Bạch Long Vĩ')
    """

    id: Text
    name: Bilingual
    criteria: Literal["city", "province"]
    """The kind of set the locality is judged under."""
    units_source: Bilingual
    """Where the list of units comes from, or that no source at hand gives it."""
    units: tuple[LocalUnit, ...] = Field(min_length=1)
    """Every unit that counts in the denominator."""
    not_counted: tuple[NotCounted, ...] = ()
    pilot: Pilot | None = None

    @model_validator(mode="after")
    def _names(self) -> Locality:
        names = [fold(u.name) for u in (*self.units, *self.not_counted)]
        twice = sorted({n for n in names if names.count(n) > 1})
        if twice:
            raise _rule(
                "duplicate_unit",
                f"đơn vị được ghi hai lần: {', '.join(twice)}",
                f"a unit is listed twice: {', '.join(twice)}",
            )
        unknown = [n for n in (self.pilot.units if self.pilot else ()) if fold(n) not in names]
        if unknown:
            raise _rule(
                "not_a_unit",
                f"đơn vị thí điểm không có trong danh sách: {', '.join(unknown)}",
                f"a pilot unit is not in the list: {', '.join(unknown)}",
            )
        return self

    def unit(self, name: str) -> LocalUnit | None:
        """The unit of that name (in any case or Unicode form), counted or not, or None."""
        wanted = fold(name)
        return next((u for u in (*self.units, *self.not_counted) if fold(u.name) == wanted), None)


class Worded(_Frozen):
    """A clause and what it says, in both languages."""

    clause: Text
    vi: Text
    en: Text


class Duty(_Frozen):
    """An agency's duty to report some indicators."""

    agency: Text
    indicators: tuple[IndicatorId, ...] = Field(min_length=1)
    clause: Text


class Alias(_Frozen):
    """Two names the sources give one agency, and the one used for it."""

    name: Text
    same_as: Text
    note: Bilingual


class ReportRequest(_Frozen):
    """Who reports which indicators of a set, to whom, by when (a locality's request).

    >>> from hoctap import report_request
    >>> r = report_request("hai-phong-2022")
    >>> r.before.isoformat(), r.duties[0].indicators
    ('2022-12-15', ('1.2.1', '1.2.2', '2.1.2', '3.2.1', '3.2.3'))
    """

    id: Text
    title: Bilingual
    source: Text
    criteria: Text
    """The set whose indicators are reported (by name)."""
    to: Text
    """Who the reports go to."""
    before: Date
    """Reports are due before this day: from it on, a missing one is overdue."""
    deadline: Worded
    """Where the deadline is written, and how hoctap reads it."""
    leads_report: Worded | None = None
    """When set, each indicator's lead agency reports it too (the clause that says so)."""
    duties: tuple[Duty, ...] = ()
    aliases: tuple[Alias, ...] = ()
    """Agencies the set names in more than one way, counted as one."""

    def agency(self, name: str) -> str:
        """The name an agency goes by: its alias's ``same_as``, or the name itself."""
        wanted = fold(name)
        return next((a.same_as for a in self.aliases if fold(a.name) == wanted), name.strip())


_M = TypeVar("_M", bound=BaseModel)


def _validated(cls: type[_M], data: dict[str, Any]) -> _M:
    """``cls`` validated from ``data``; what is wrong raises `SpecError`, as from a file."""
    try:
        return cls.model_validate(data)
    except ValidationError as exc:
        raise SpecError(python_problems(exc)) from None


def _plain(model: BaseModel) -> dict[str, Any]:
    """A model as plain data (mappings, tuples, Decimals), as the rules read a file."""
    return model.model_dump(mode="python", exclude_none=True)
