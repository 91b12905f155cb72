"""The building blocks of every model of a criteria file: its field types and base class.

Exact numbers, checked text, ids, dates, the frozen base model (`Frozen`, with
``evolve``), bilingual text, and a broken rule in both languages. The models themselves
are in `hoctap.spec.models` (the set), `hoctap.spec._measures` (how an indicator is
measured) and `hoctap.spec._localities` (a locality's units and its report request).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Annotated, Any, Self, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from hoctap._json import exact_text
from hoctap._numbers import NumberError, read_number
from hoctap.errors import Message, SpecError, invisible
from hoctap.spec._messages import python_problems

if TYPE_CHECKING:
    from collections.abc import Mapping

    from hoctap.errors import Lang

__all__ = [
    "Bilingual",
    "CriterionId",
    "Date",
    "Frozen",
    "IndicatorId",
    "Number",
    "Percentage",
    "Reference",
    "StandardId",
    "Text",
    "check_failed",
    "plain",
    "validated",
]


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


_INDICATOR_ID = r"^[1-9][0-9]*(\.[1-9][0-9]*){1,2}$"
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


class Frozen(BaseModel):
    model_config = ConfigDict(
        frozen=True, extra="forbid", allow_inf_nan=False, use_attribute_docstrings=True
    )

    def evolve(self, **changes: Any) -> Self:
        """A copy with some fields changed, validated again as a whole (like attrs' ``evolve``).

        >>> from hoctap import load
        >>> load("district").indicator("3.1.2").evolve(source="25/KH-UBND").source
        '25/KH-UBND'
        """
        return validated(type(self), {**dict(self), **changes})

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """The same as `evolve`: a changed copy is validated again; an unchanged one is itself.

        pydantic's own ``model_copy`` would skip validation and carry the derived tables
        of the original over to the copy.
        """
        del deep  # immutable all the way down: a deep copy is the object itself
        return self.evolve(**update) if update else self


class Bilingual(Frozen):
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


def check_failed(code: str, vi: str, en: str, *, at: str | None = None) -> PydanticCustomError:
    """A broken rule of the format, in both languages, with its code (see `hoctap.errors.CODES`).

    ``at`` is where, below the model, the error points (``by_level.0.level``).
    """
    # Not "hoctap_rule": that type is kept for the whole-set rules, which the loader
    # reports itself (with lines) rather than from pydantic.
    ctx = {"vi": vi, "en": en, "code": code} | ({"at": at} if at else {})
    return PydanticCustomError("hoctap_check", "{en}", ctx)


_M = TypeVar("_M", bound=BaseModel)


def validated(cls: type[_M], data: dict[str, Any]) -> _M:
    """``cls`` validated from ``data``; what is wrong raises `SpecError`, as from a file."""
    try:
        return cls.model_validate(data)
    except ValidationError as exc:
        raise SpecError(python_problems(exc)) from None


def plain(model: BaseModel) -> dict[str, Any]:
    """A model as plain data (mappings, tuples, Decimals), as the rules read a file."""
    return model.model_dump(mode="python", exclude_none=True)
