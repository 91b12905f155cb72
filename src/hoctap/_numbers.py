"""Exact numbers from what people write: 85, 85.5, "85,5", "85,5%", 17 of 20.

Every value is kept as an exact fraction, a pair of integers ``(numerator, denominator)``
with a positive denominator, so 17/20 and 85 and "85,0" compare equal and no float
arithmetic ever moves a value across an edge. Pairs rather than `fractions.Fraction`
objects: this is the evaluation's hot path, and comparing two pairs by cross
multiplication (`hoctap._plan.comparison`, about 45 ns) is far cheaper than building
and comparing Fractions (about 600 ns, measured with timeit on the development machine).
`fractions.Fraction` is used wherever a value is shown.
"""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal

__all__ = ["NumberTextError", "Rational", "float_ratio", "parse_number"]

Rational = tuple[int, int]
"""An exact number as ``(numerator, denominator)``, denominator > 0."""

_TEXT_NUMBER = re.compile(r"([+-]?)([0-9]+)(?:([.,])([0-9]+))?")


class NumberTextError(ValueError):
    """Text that is not a number, or could be read as two different numbers."""

    def __init__(self, vi: str, en: str) -> None:
        super().__init__(en)
        self.vi = vi
        self.en = en


def parse_number(value: object, *, percent_sign: bool) -> Rational:
    """An exact number from an int, a Decimal, a float, or text as an official writes it.

    Text may use ``,`` or ``.`` as the decimal mark, and end in ``%`` where a percentage
    is expected. Text that could mean two numbers (``1.500``: 1.5, or 1500 with a
    thousands separator?) is refused, as are booleans and anything else.

    >>> parse_number("85,5%", percent_sign=True)
    (855, 10)
    >>> parse_number(Decimal("80.10"), percent_sign=True)
    (801, 10)
    >>> parse_number(0.1, percent_sign=False)
    (1, 10)
    """
    if isinstance(value, bool):
        word = "true" if value else "false"
        raise NumberTextError(f"phải là một số, nhận {word}", f"must be a number, got {word}")
    if isinstance(value, int):
        return (value, 1)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise NumberTextError("phải là một số hữu hạn", "must be a finite number")
        return value.as_integer_ratio()
    if isinstance(value, float):
        # A float from Python code is read as the shortest decimal that prints as it
        # (0.1 is 1/10), never as its binary expansion, which may sit across an edge.
        if not math.isfinite(value):
            raise NumberTextError("phải là một số hữu hạn", "must be a finite number")
        return float_ratio(value)
    if isinstance(value, str):
        return _parse_text(value, percent_sign=percent_sign)
    raise NumberTextError(f"phải là một số, nhận {value!r}", f"must be a number, got {value!r}")


def float_ratio(value: float) -> Rational:
    """A finite float as the exact ratio of the shortest decimal that prints as it.

    ``repr`` gives that decimal (0.1 → "0.1", never 0.1000000000000000055...); splitting
    its text is several times faster than going through `decimal.Decimal`.

    >>> float_ratio(0.1), float_ratio(85.0), float_ratio(1e-7)
    ((1, 10), (85, 1), (1, 10000000))
    """
    text = repr(value)
    if "e" in text or "n" in text:  # exponent form, or inf/nan (refused by the callers)
        return Decimal(text).as_integer_ratio()
    whole, _, fraction = text.partition(".")
    if fraction == "0":
        return (int(whole), 1)
    return (int(whole + fraction), 10 ** len(fraction))


def _parse_text(value: str, *, percent_sign: bool) -> Rational:
    text = unicodedata.normalize("NFKC", value).strip()
    if percent_sign and text.endswith("%"):
        text = text[:-1].rstrip()
    match = _TEXT_NUMBER.fullmatch(text)
    if not match:
        hint = " (và dấu %)" if percent_sign else ""
        hint_en = " (and a % sign)" if percent_sign else ""
        raise NumberTextError(
            f"'{value}' không phải là một số; viết chữ số với dấu phẩy hoặc dấu chấm thập phân{hint}",
            f"'{value}' is not a number; write digits with a decimal comma or point{hint_en}",
        )
    sign, whole, mark, fraction = match.groups()
    if mark and len(fraction) == 3 and whole != "0" and len(whole) <= 3:
        small = format(Decimal(f"{whole}.{fraction}").normalize(), "f")
        big = whole + fraction
        raise NumberTextError(
            f"'{value}' có thể hiểu là hai số khác nhau ({small.replace('.', ',')} hoặc {big}); "
            "hãy viết không có dấu phân cách hàng nghìn",
            f"'{value}' could be read as two numbers ({small} or {big}); "
            "write it without a thousands separator",
        )
    digits = int(whole + (fraction or ""))
    den = 10 ** len(fraction or "")
    return (-digits if sign == "-" else digits, den)
