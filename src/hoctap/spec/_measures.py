"""How an indicator is measured, and what meets it: the measures of a criteria file.

A measure is one of the kinds registered in `hoctap.spec.models.MEASURES` (``attested``,
``percent``, ``change``, and any a later set adds), told apart by its ``kind:``; each
prints as the rule it is and says in words what meets it. What an assessment may give for
one, and how it is decided, is its kind's (`hoctap.engine._kinds`).
"""

from __future__ import annotations

import functools
import itertools
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Literal, Self

from pydantic import Field, PrivateAttr, StrictInt, model_validator
from pydantic_core import PydanticCustomError

from hoctap._words import write_number
from hoctap.errors import Message, fold
from hoctap.spec._fields import Bilingual, Frozen, Number, Text, check_failed

if TYPE_CHECKING:
    from hoctap.errors import Lang

__all__ = [
    "COMPARISONS",
    "Attainment",
    "Attested",
    "Change",
    "Comparison",
    "Count",
    "LevelThreshold",
    "Op",
    "Part",
    "Percent",
    "Rated",
    "Rating",
    "RatingScale",
    "Reading",
    "Rollup",
    "ScaleCount",
    "SubUnits",
    "Threshold",
    "UnitThreshold",
]


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


class Threshold(Frozen):
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

    @functools.cached_property
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
        return f"{self.symbol} {write_number(self.value, lang)}"

    def __str__(self) -> str:
        return f"{self.symbol} {write_number(self.value)}"


class ScaleCount(Frozen):
    """A scale units may be rated on, and the lowest of its ratings that counts."""

    scale: Text
    """The id of one of the set's ``scales``."""
    counts_from: Text
    """The lowest rating that counts, as the scale names it in Vietnamese (``Khá``)."""


class Rated(ScaleCount):
    """A share counted from rated units: those rated ``counts_from`` or better on a scale.

    ``also`` names the other scales a unit may be rated on, each with its own lowest
    rating that counts: Thông tư 24/2023 replaced Thông tư 22/2020's ratings of "Đơn vị
    học tập" with two levels, so a unit recognised since may be given by its level
    (``{name: ..., scale: tt24-2023, rating: Mức độ 1}``).
    """

    also: tuple[ScaleCount, ...] = ()
    """Other scales a listed unit may say it is rated on (its ``scale:``)."""


class Rollup(Frozen):
    """A share of sub-units recognised under another set, computed from their evaluations."""

    criteria: Text
    """The set each sub-unit is judged under, named as an assessment names one (a
    bundled name, or a path relative to this file)."""
    unassessed: Literal["not_recognised", "unknown"]
    """What a sub-unit with no assessment, or whose evaluation is incomplete, counts
    as: not recognised, or unknown (the share then has no value until it is known)."""


class Rating(Frozen):
    """One rating of a scale ("Khá"), with the lowest score that earns it, if scored."""

    name: Bilingual
    at_least: Number | None = None
    """The lowest score with this rating; a score is rated by the best rating it reaches."""


class RatingScale(Frozen):
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
            raise check_failed(
                "bad_scale",
                "thang chấm điểm phải cho mỗi loại một điểm thấp nhất (at_least) và có "
                "điểm tối đa (max_score)",
                "a scored scale gives every rating its lowest score (at_least) and the "
                "highest score (max_score)",
            )
        if any(a <= b for a, b in itertools.pairwise(scored)) or any(
            s < 0 or (self.max_score is not None and s > self.max_score) for s in scored
        ):
            raise check_failed(
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
            raise check_failed(
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


class LevelThreshold(Frozen):
    """What a higher level needs of an indicator, where its article differs from level 1's.

    Thông tư 25/2023: a commune needs at least 60% "Công dân học tập" for level 1 (Điều 6)
    and 80% for level 2 (Điều 7): ``meets: {at_least: 60}`` and, here, ``{level: 2,
    meets: {at_least: 80}}``.
    """

    level: StrictInt = Field(ge=2)
    """The level this threshold is for (level 1's is the measure's own ``meets``)."""
    meets: Threshold
    clause: Text
    """Where the level's article says it (``Điều 7 khoản 5 điểm a``)."""


class _Levelled(Frozen):
    by_level: tuple[LevelThreshold, ...] = ()
    """For a banded indicator whose own threshold gives its level: what each level above
    1 needs (levels 2, 3... in order, each at least as strict as the one below)."""

    @model_validator(mode="after")
    def _levels_climb(self) -> Self:
        meets: Threshold | None = getattr(self, "meets")  # noqa: B009 - each measure has its own
        if meets is None:  # a part held to its indicator's thresholds
            if self.by_level or getattr(self, "when", ()):
                raise check_failed(
                    "by_level_missing",
                    "by_level và when của một phần cần ngưỡng riêng của phần đó (meets)",
                    "a part's by_level and when need its own threshold (meets)",
                    at="meets",
                )
            return self
        below = meets
        for n, step in enumerate(self.by_level):
            at = f"by_level.{n}"
            if step.level != n + 2:
                raise check_failed(
                    "levels_order",
                    f"các mức phải liên tiếp 2, 3...: đây phải là mức {n + 2}",
                    f"levels must be consecutive 2, 3...: this one must be level {n + 2}",
                    at=f"{at}.level",
                )
            if step.meets.op[0] != below.op[0] or (
                step.meets.value < below.value
                if below.op[0] == ">"
                else step.meets.value > below.value
            ):
                raise check_failed(
                    "level_not_stricter",
                    f"mức {step.level} phải đòi hỏi ít nhất như mức dưới ({below.words('vi')})",
                    f"level {step.level} must ask at least what the level below does ({below})",
                    at=f"{at}.meets",
                )
            below = step.meets
        return self

    def threshold(self, level: int) -> Threshold:
        """What ``level`` needs: ``meets`` for level 1, else its ``by_level`` entry."""
        meets: Threshold = getattr(self, "meets")  # noqa: B009
        return meets if level == 1 else self.by_level[level - 2].meets

    def at_level(self, level: int) -> Self:
        """The measure as ``level`` reads it: that level's threshold, no levels above.

        Its parts with thresholds of their own are read at ``level`` too.
        """
        parts = getattr(self, "parts", ())
        more = (
            {"parts": tuple(p if p.meets is None else p.at_level(level) for p in parts)}
            if any(p.meets is not None for p in parts)
            else {}
        )
        return self.model_validate(
            {**dict(self), "meets": self.threshold(level), "by_level": (), **more}
        )

    def threshold_words(self, lang: Lang, unit: str) -> str:
        """Its thresholds in words, level 1's then each higher level's: ``≥ 12%; mức 2: ≥ 15%``."""
        meets: Threshold = getattr(self, "meets")  # noqa: B009
        return f"{meets.words(lang)}{unit}{self._levels_words(lang, unit)}"

    def _levels_words(self, lang: Lang, unit: str) -> str:
        """``; mức 2: ≥ 80%``: each higher level's threshold, as the language writes it."""
        word = "mức" if lang == "vi" else "level"
        return "".join(f"; {word} {t.level}: {t.meets.words(lang)}{unit}" for t in self.by_level)


class UnitThreshold(_Levelled):
    """The thresholds for a unit with some attribute, instead of the measure's own.

    Thông tư 25/2023 Điều 6 khoản 5 điểm b: "Đối với xã thuộc vùng khó khăn có ít nhất 40%
    công dân trong xã được đào tạo ...": ``attribute: disadvantaged``, ``meets: {at_least:
    40}`` (and ``by_level`` for level 2's 50%).
    """

    attribute: Text
    """The id of one of the set's ``attributes`` (``disadvantaged``)."""
    meets: Threshold
    clause: Text
    """Where the text gives these thresholds."""


class _Thresholded(_Levelled):
    when: tuple[UnitThreshold, ...] = ()
    """Other thresholds for a unit with an attribute (the first that applies), each with
    its own ``by_level``."""

    def thresholds(self) -> tuple[tuple[str, Threshold], ...]:
        """Every threshold the measure holds, with where it stands (``when.0.meets``)."""
        meets: Threshold | None = getattr(self, "meets")  # noqa: B009 - each measure has its own
        if meets is None:
            return ()
        out = [("meets", meets)]
        out += [(f"by_level.{n}.meets", t.meets) for n, t in enumerate(self.by_level)]
        for n, unit in enumerate(self.when):
            out.append((f"when.{n}.meets", unit.meets))
            out += [(f"when.{n}.by_level.{m}.meets", t.meets) for m, t in enumerate(unit.by_level)]
        for n, part in enumerate(getattr(self, "parts", ())):
            out += [(f"parts.{n}.{at}", t) for at, t in part.thresholds()]
        return tuple(out)

    def for_unit(self, attributes: frozenset[str]) -> Self:
        """The measure as a unit with these attributes reads it (the first ``when`` that applies)."""
        unit = next((u for u in self.when if u.attribute in attributes), None)
        parts = getattr(self, "parts", ())
        if any(p.when for p in parts):  # a part with thresholds of its own for the unit
            read = self.model_validate(
                {**dict(self), "parts": tuple(p.for_unit(attributes) for p in parts)}
            )
            return read if unit is None else read.for_unit(attributes)
        if unit is None:
            return self
        return self.model_validate(
            {**dict(self), "meets": unit.meets, "by_level": unit.by_level, "when": ()}
        )


class Part(_Thresholded):
    """One part of an indicator that names more than one thing ("chất thải rắn ... và nước thải").

    A part read ``each`` may have thresholds of its own, where the text gives each part
    its own: Thông tư 25/2023 Điều 6 khoản 5 điểm b, "ít nhất 50% công dân ... được đào
    tạo ...; trong đó, có ít nhất 12% ... có trình độ đại học trở lên" is one indicator
    with two parts, the second ``meets: {at_least: 12}`` (and its ``by_level``, its
    ``when``). A part without them is held to the indicator's.
    """

    id: Text
    """The part's name as an assessment writes it, e.g. ``nước thải``."""
    en: Text | None = None
    """Its short name in English, e.g. ``wastewater``, for the English views; else the id."""
    text: Bilingual
    """The part as worded in the source."""
    meets: Threshold | None = None
    """The part's own threshold for level 1; left out, the indicator's."""

    def label(self, lang: Lang = "en") -> str:
        """The part's short name in a language: its id in Vietnamese, ``en`` in English."""
        return self.en if lang == "en" and self.en else self.id

    def own_words(self, lang: Lang, unit: str) -> str | None:
        """Its own thresholds in words (``≥ 12%; mức 2: ≥ 15%``), or None if it has none."""
        return None if self.meets is None else self.threshold_words(lang, unit)


Reading = Literal["each", "pooled"]
"""How an indicator with parts is read: ``each`` part must meet the threshold, or the
parts are ``pooled`` into one figure (their counts added)."""


class _Parts(Frozen):
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
            raise check_failed(
                "parts_reading",
                "parts và reading đi cùng nhau: chỉ báo có nhiều phần phải nói cách đọc "
                "(reading: each hoặc pooled), và chỉ chỉ báo có nhiều phần mới có reading",
                "parts and reading go together: an indicator with parts says how they are "
                "read (reading: each or pooled), and only one with parts has a reading",
            )
        seen = set()
        for part in self.parts:
            if fold(part.id) in seen:
                raise check_failed(
                    "parts_reading",
                    f"phần '{part.id}' được nêu hai lần",
                    f"part '{part.id}' is named twice",
                )
            seen.add(fold(part.id))
        levels = len(getattr(self, "by_level", ()))
        for n, part in enumerate(self.parts):
            if part.meets is None:
                continue
            if self.reading != "each":
                raise check_failed(
                    "parts_reading",
                    "chỉ các phần được đánh giá từng phần (reading: each) mới có ngưỡng riêng",
                    "only parts read each on their own (reading: each) have thresholds of their own",
                    at=f"parts.{n}.meets",
                )
            if len(part.by_level) != levels:
                raise check_failed(
                    "by_level_missing",
                    f"phần có ngưỡng riêng cần ngưỡng cho cùng các mức như chỉ báo ({levels} mức trên mức 1)",
                    f"a part with its own threshold needs one for the same levels as its "
                    f"indicator ({levels} above level 1)",
                    at=f"parts.{n}.by_level",
                )
        return self


class Attested(Frozen):
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


class Percent(_Parts, _Thresholded):
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
        for at, meets in self.thresholds():
            if not Decimal(0) <= meets.value <= Decimal(100):
                # "at" lets the error point at the number itself, not at the whole measure.
                raise PydanticCustomError(
                    "hoctap_percent_range",
                    "a percentage must be between 0 and 100, got {got}",
                    {"got": write_number(meets.value), "at": f"{at}.{meets.key}"},
                )
        return self

    def rule(self, indicator_id: str) -> str:
        """The rule as printed."""
        return (
            f"{indicator_id} {self.meets}%{self._levels_words('en', '%')}{self._parts_words('en')}"
        )

    def _parts_words(self, lang: Lang) -> str:
        """``; đại học: ≥ 12%; mức 2: ≥ 15%``: each part's own thresholds, if it has any."""
        return "".join(
            f"; {p.label(lang)}: {p.own_words(lang, '%')}"
            for p in self.parts
            if p.meets is not None
        )

    def describe(self, lang: Lang = "en") -> str:
        """What meets it, in words, the number written as the language writes it.

        >>> from hoctap import load
        >>> load("district").indicator("3.2.2").measure.describe("vi")
        '< 0,05%'
        """
        return f"{self.meets.words(lang)}%{self._levels_words(lang, '%')}{self._parts_words(lang)}"


class Change(_Parts, _Thresholded):
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
        own = next((n for n, p in enumerate(self.parts) if p.meets is not None), None)
        if own is not None:
            raise check_failed(
                "parts_reading",
                "chỉ phần của một tỷ lệ (kind: percent) mới có ngưỡng riêng",
                "only the parts of a share (kind: percent) have thresholds of their own",
                at=f"parts.{own}.meets",
            )
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
        levels = self._levels_words("en", unit)
        return f"{indicator_id} {verb} by {self.meets}{unit} against the previous year{levels}"

    def describe(self, lang: Lang = "en") -> str:
        """What meets it, in words."""
        if lang == "vi":
            unit = {"points": " điểm phần trăm", "relative": "%", "absolute": ""}[self.unit]
            verb = "tăng" if self.direction == "rise" else "giảm"
            levels = self._levels_words("vi", unit)
            return f"{verb} {self.meets.words('vi')}{unit} so với năm trước{levels}"
        unit_en = {"points": " percentage points", "relative": "%", "absolute": ""}[self.unit]
        verb = "rises" if self.direction == "rise" else "falls"
        levels = self._levels_words("en", unit_en)
        return f"{verb} by {self.meets}{unit_en} against the previous year{levels}"


class Attainment(_Thresholded):
    """A standard reached at a level (mức độ), under the decree that sets the levels.

    Thông tư 25/2023 Điều 6 khoản 4: "Xã đạt chuẩn phổ cập giáo dục tiểu học mức độ 2 theo
    quy định tại Nghị định số 20/2014/NĐ-CP" for level 1, "mức độ 3" for level 2 (Điều 7).
    A value is the level reached, 1 to ``top``, or 0 when not reached at all.
    """

    kind: Literal["attainment"]
    of: Bilingual
    """The standard: "phổ cập giáo dục tiểu học" / "universal primary education"."""
    source: Text
    """The decree or rule that sets its levels (Nghị định 20/2014/NĐ-CP)."""
    top: StrictInt = Field(ge=1, le=9)
    """The highest level the standard has (mức độ 3)."""
    meets: Threshold
    """The level it must reach: ``at_least: 2``."""
    names: tuple[Bilingual, ...] = ()
    """Where the rule names its levels rather than numbering them, each level's name, 1 to
    ``top`` ("mức đáp ứng cơ bản", "mức đáp ứng tốt"); an assessment may write either."""

    @model_validator(mode="after")
    def _within(self) -> Attainment:
        if self.names and len(self.names) != self.top:
            raise check_failed(
                "out_of_range",
                f"cần đúng {self.top} tên, một cho mỗi mức từ 1 đến {self.top}",
                f"give exactly {self.top} names, one for each level from 1 to {self.top}",
                at="names",
            )
        for at, meets in self.thresholds():
            if meets.value != meets.value.to_integral_value() or not 0 <= meets.value <= self.top:
                raise check_failed(
                    "out_of_range",
                    f"mức độ phải là số nguyên từ 0 đến {self.top}",
                    f"a level must be a whole number from 0 to {self.top}",
                    at=f"{at}.{meets.key}",
                )
        return self

    def level_name(self, level: int | Decimal, lang: Lang = "en") -> str:
        """A level in words: ``mức độ 2``, or its name where the rule names it."""
        n = int(level)
        if self.names and 1 <= n <= self.top:
            return self.names[n - 1].render(lang)
        return f"{'mức độ' if lang == 'vi' else 'level'} {n}"

    def rule(self, indicator_id: str) -> str:
        """The rule as printed: ``4.2 ≥ level 2``."""
        levels = "".join(
            f"; level {t.level}: {t.meets.symbol} {self.level_name(t.meets.value)}"
            for t in self.by_level
        )
        return f"{indicator_id} {self.meets.symbol} {self.level_name(self.meets.value)}{levels}"

    def describe(self, lang: Lang = "en") -> str:
        """What meets it, in words: ``phổ cập giáo dục tiểu học ≥ mức độ 2``."""
        levels = "".join(
            f"; {'mức' if lang == 'vi' else 'level'} {t.level}: {t.meets.symbol} "
            f"{self.level_name(t.meets.value, lang)}"
            for t in self.by_level
        )
        return (
            f"{self.of.render(lang)} {self.meets.symbol} "
            f"{self.level_name(self.meets.value, lang)}{levels}"
        )

    def how(self, lang: Lang = "en") -> str:
        """Where the levels are set."""
        return (
            f"mức độ theo {self.source}" if lang == "vi" else f"levels as {self.source} sets them"
        )


class Count(_Thresholded):
    """A whole number of things against a threshold: "tối thiểu 04 chương trình"."""

    kind: Literal["count"]
    counted: Bilingual
    """What is counted, in the plural: "chương trình giáo dục" / "education programmes"."""
    meets: Threshold

    @model_validator(mode="after")
    def _whole(self) -> Count:
        for at, meets in self.thresholds():
            if meets.value != meets.value.to_integral_value() or meets.value < 0:
                raise check_failed(
                    "out_of_range",
                    "số đếm phải là số nguyên không âm",
                    "a count must be a whole number, 0 or more",
                    at=f"{at}.{meets.key}",
                )
        return self

    def rule(self, indicator_id: str) -> str:
        """The rule as printed: ``3.4 ≥ 4``."""
        return f"{indicator_id} {self.meets}{self._levels_words('en', '')}"

    def describe(self, lang: Lang = "en") -> str:
        """What meets it, in words: ``≥ 4 chương trình giáo dục``."""
        return f"{self.meets.words(lang)} {self.counted.render(lang)}{self._levels_words(lang, '')}"

    def how(self, lang: Lang = "en") -> str:  # noqa: ARG002
        """Nothing beyond the count."""
        return ""


class SubUnits(_Thresholded):
    """A share of the sub-units recognised at a level (``kind: sub_units``).

    "Có ít nhất 90% số xã được công nhận đạt “Cộng đồng học tập” cấp xã mức độ 1" (Thông
    tư 25/2023 Điều 11 khoản 4 điểm a).
    At the unit's level L, the share is of sub-units recognised at level L (``counts:
    exactly``), or at L or above (``counts: at_or_above``: a commune at level 2 counts
    toward the 90% at level 1 too). An assessment gives the counts by level (``{total:
    20, level_1: 3, level_2: 15}``) or, with ``rollup``, the sub-units' own assessments.
    """

    kind: Literal["sub_units"]
    of: Bilingual
    """The sub-units, in the plural: "xã" / "communes"."""
    recognised_as: Bilingual
    """What they are recognised as: "“Cộng đồng học tập” cấp xã"."""
    levels: StrictInt = Field(ge=1, le=9)
    """How many levels the sub-units are recognised at (2)."""
    counts: Literal["at_or_above", "exactly"]
    """Which sub-units count toward a level: those at that level or above, or exactly at it."""
    meets: Threshold
    """The share, in percent, of the sub-units that level 1 needs: ``at_least: 90``."""
    rollup: Rollup | None = None
    """When the counts come from the sub-units' own assessments, under another set."""
    _level: int = PrivateAttr(default=1)

    @model_validator(mode="after")
    def _in_range(self) -> SubUnits:
        for at, meets in self.thresholds():
            if not Decimal(0) <= meets.value <= Decimal(100):
                raise PydanticCustomError(
                    "hoctap_percent_range",
                    "a percentage must be between 0 and 100, got {got}",
                    {"got": write_number(meets.value), "at": f"{at}.{meets.key}"},
                )
        if self.by_level and len(self.by_level) + 1 > self.levels:
            raise check_failed(
                "levels_order",
                f"cấp dưới chỉ có {self.levels} mức, không tính được cho mức {self.by_level[-1].level}",
                f"the sub-units have only {self.levels} levels, none to count for level "
                f"{self.by_level[-1].level}",
                at="by_level",
            )
        return self

    @property
    def level(self) -> int:
        """The sub-units' level this reading counts (the unit's level it is read for)."""
        return self._level

    def at_level(self, level: int) -> Self:
        """The measure as ``level`` reads it: its threshold, counting sub-units at ``level``."""
        read = super().at_level(level)
        read._level = level  # noqa: SLF001 - set once, on a copy of its own
        return read

    def _counted(self, lang: Lang, level: int | None = None, *, short: bool = False) -> str:
        """The sub-units counted at ``level`` (this reading's), in words."""
        level = self._level if level is None else level
        above = self.counts == "at_or_above"
        if lang == "vi":
            what = "" if short else f" {self.recognised_as.vi}"
            return f"{self.of.vi} đạt{what} mức độ {level}" + (" trở lên" if above else "")
        what = "" if short else f" as {self.recognised_as.en}"
        return f"{self.of.en} recognised{what} at level {level}" + (" or above" if above else "")

    def _levels_words(self, lang: Lang, unit: str) -> str:
        """``; mức 2: ≥ 90% xã đạt mức độ 2 trở lên``: each higher level's threshold."""
        word, of = ("mức", "") if lang == "vi" else ("level", "of ")
        return "".join(
            f"; {word} {t.level}: {t.meets.words(lang)}{unit} {of}{self._counted(lang, t.level, short=True)}"
            for t in self.by_level
        )

    def rule(self, indicator_id: str) -> str:
        """The rule as printed: ``4.1 ≥ 90% of communes at level 1 or above``."""
        return (
            f"{indicator_id} {self.meets}% of {self._counted('en')}{self._levels_words('en', '%')}"
        )

    def describe(self, lang: Lang = "en") -> str:
        """What meets it, in words: ``≥ 90% xã đạt ... mức độ 1 trở lên``."""
        of = "" if lang == "vi" else "of "
        return f"{self.meets.words(lang)}% {of}{self._counted(lang)}{self._levels_words(lang, '%')}"

    def how(self, lang: Lang = "en") -> str:
        """Its roll-up, if any."""
        if self.rollup is None:
            return ""
        if lang == "vi":
            return f"tính từ kết quả của từng đơn vị cấp dưới (bộ {self.rollup.criteria})"
        return f"computed from each sub-unit's result ({self.rollup.criteria} set)"
