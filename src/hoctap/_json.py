"""The one JSON helper: plain JSON data from hoctap's values, and canonical JSON text.

Exact numbers stay exact: a `decimal.Decimal` or `fractions.Fraction` becomes a JSON
number only when that number reads back as the same value (70, 85.5), and text ("0.1"
stays 0.1, a 30-digit threshold or 200/3 becomes "200/3" text) otherwise.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

__all__ = ["canonical", "dumps", "exact_text", "jsonable"]


def exact_text(value: Fraction) -> str:
    """An exact number as text: a decimal where it ends ("85.5"), else a fraction ("200/3").

    >>> exact_text(Fraction(171, 2)), exact_text(Fraction(-3, 20000)), exact_text(Fraction(200, 3))
    ('85.5', '-0.00015', '200/3')
    """
    num, den = value.numerator, value.denominator
    if den == 1:
        return str(num)
    twos = (den & -den).bit_length() - 1  # the power of 2 in den, in one step
    rest, fives = den >> twos, 0
    while rest % 5 == 0:
        rest //= 5
        fives += 1
    if rest != 1:
        return f"{num}/{den}"
    # den divides 10**places, so num/den is written exactly with integer arithmetic.
    places = max(twos, fives)
    digits = str(abs(num) * (10**places // den)).rjust(places + 1, "0")
    whole, fraction = digits[: len(digits) - places], digits[len(digits) - places :].rstrip("0")
    return ("-" if num < 0 else "") + whole + ("." + fraction if fraction else "")


def _number(value: Decimal | Fraction) -> int | float | str:
    exact = Fraction(value)
    if exact.denominator == 1:
        return int(exact)
    as_float = float(exact)
    return as_float if Fraction(repr(as_float)) == exact else exact_text(exact)


_PLAIN = frozenset({str, int, bool, float, type(None)})


def jsonable(value: Any) -> Any:
    """Plain JSON data: mappings with text keys, lists, exact numbers, dates as ISO text.

    >>> jsonable({"a": (Decimal("70"), Decimal("0.05"), Fraction(1, 3)), 2: dt.date(2022, 2, 8)})
    {'a': [70, 0.05, '1/3'], '2': '2022-02-08'}
    """
    if type(value) in _PLAIN:
        return value
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, Decimal | Fraction):
        return _number(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def dumps(value: Any) -> str:
    """Indented JSON text, UTF-8 characters kept, ending in a newline."""
    return json.dumps(jsonable(value), ensure_ascii=False, indent=2) + "\n"


def canonical(value: Any) -> str:
    """One text for equal data, whatever its key order: for hashing.

    >>> canonical({"b": 1, "a": Decimal("85.50")}) == canonical({"a": 85.5, "b": 1})
    True
    """
    return json.dumps(jsonable(value), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
