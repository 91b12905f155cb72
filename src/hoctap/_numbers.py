"""Exact numbers from what people and programs write: 85, 85.5, "85,5", "85,5%", 17 of 20.

Every value is kept as an exact fraction, a pair of integers ``(numerator, denominator)``
with a positive denominator, so 17/20 and 85 and "85,0" compare equal and no float
arithmetic ever moves a value across an edge. Pairs rather than `fractions.Fraction`
objects: this is the evaluation's hot path, and comparing two pairs by cross
multiplication (`hoctap.engine._plan.COMPARE`, about 45 ns) is far cheaper than building and
comparing Fractions (about 600 ns, measured with timeit on the development machine).

This module is the one reader of numbers. Numbers are recognised by their type
(`numbers.Integral`, `float` and its subclasses, `decimal.Decimal`, `numbers.Rational`,
any other `numbers.Real` such as numpy's float32), never by how they print, and their
size is checked before any exact conversion, so no input of a few bytes can cost
minutes or raise an error that is not hoctap's own.
"""

from __future__ import annotations

import math
import numbers
import operator
import re
import unicodedata
from decimal import Decimal

__all__ = [
    "MAX_DIGITS",
    "MAX_EXPONENT",
    "NumberError",
    "Rational",
    "decimal_ratio",
    "float_ratio",
    "is_bool_scalar",
    "read_number",
    "read_whole",
]

Rational = tuple[int, int]
"""An exact number as ``(numerator, denominator)``, denominator > 0."""

MAX_DIGITS = 30
"""At most this many significant digits in a number (a share needs a handful)."""
MAX_EXPONENT = 30
"""A number's size and precision: at most 10**30, at most 30 decimal places."""
_MAX_TEXT = 2 * (MAX_DIGITS + MAX_EXPONENT)
"""Text longer than this is refused before any reading of it."""
_MAX_BITS = 4 * (MAX_DIGITS + MAX_EXPONENT)
"""An int, numerator or denominator wider than this (about 72 digits) is too long."""

_TEXT_NUMBER = re.compile(r"([+-]?)([0-9]+)(?:([.,])([0-9]+))?", re.ASCII)
_AMBIGUOUS = re.compile(r"[+-]?[1-9][0-9]{0,2}[.,][0-9]{3}", re.ASCII)


class NumberError(ValueError):
    """A value that is not a number hoctap can read exactly, with why, in both languages."""

    def __init__(self, vi: str, en: str, code: str = "not_a_number") -> None:
        super().__init__(en)
        self.vi = vi
        self.en = en
        self.code = code


def _too_long() -> NumberError:
    return NumberError(
        f"số quá dài: tối đa {MAX_DIGITS} chữ số, không lớn hơn 10^{MAX_EXPONENT} "
        f"và không quá {MAX_EXPONENT} chữ số thập phân",
        f"the number is too long: at most {MAX_DIGITS} digits, no larger than "
        f"10^{MAX_EXPONENT} and at most {MAX_EXPONENT} decimal places",
        "number_too_long",
    )


def _not_finite() -> NumberError:
    return NumberError("phải là một số hữu hạn", "must be a finite number", "not_finite")


def _bounded(num: int, den: int) -> Rational:
    if num.bit_length() > _MAX_BITS or den.bit_length() > _MAX_BITS:
        raise _too_long()
    return (num, den)


def decimal_ratio(value: Decimal) -> Rational:
    """A finite Decimal as an exact pair, its size checked before it is expanded.

    >>> decimal_ratio(Decimal("80.10"))
    (801, 10)
    >>> decimal_ratio(Decimal("1e-10000000"))
    Traceback (most recent call last):
    hoctap._numbers.NumberError: the number is too long: at most 30 digits, no larger than 10^30 and at most 30 decimal places
    """
    if not value.is_finite():
        raise _not_finite()
    _, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # noqa: S101 - finite, so an int
    # Trailing zeros say nothing about the value: 80.000 is 80, and 8E+1 is 80.
    significant = len("".join(map(str, digits)).rstrip("0"))
    if not significant:
        return (0, 1)  # zero, whatever its exponent: 0E+100000000 expands to nothing
    last = exponent + len(digits) - significant  # the power of ten of the last digit
    if significant > MAX_DIGITS or value.adjusted() > MAX_EXPONENT or last < -MAX_EXPONENT:
        raise _too_long()
    return value.as_integer_ratio()


def float_ratio(value: float) -> Rational:
    """A finite float as the exact ratio of the shortest decimal that prints as it.

    ``repr`` gives that decimal (0.1 → "0.1", never 0.1000000000000000055...); splitting
    its text is several times faster than going through `decimal.Decimal`.

    >>> float_ratio(0.1), float_ratio(85.0), float_ratio(1e-7)
    ((1, 10), (85, 1), (1, 10000000))
    """
    text = repr(value)
    if "e" in text or "n" in text:  # exponent form, or inf/nan
        if not math.isfinite(value):
            raise _not_finite()
        return decimal_ratio(Decimal(text))
    whole, _, fraction = text.partition(".")
    if fraction == "0":
        return _bounded(int(whole), 1)
    return (int(whole + fraction), 10 ** len(fraction))


def _other_real(value: numbers.Real) -> Rational:
    # A float type of another width (numpy's float32, float16): the shortest decimal
    # that reads back as the same value *in its own type*, as numpy itself prints it.
    as_float = float(value)
    if not math.isfinite(as_float):
        raise _not_finite()
    kind = type(value)
    for places in range(1, 18):
        text = format(as_float, f".{places}g")
        try:
            same = kind(text) == value  # type: ignore[call-arg]
        except (TypeError, ValueError):
            break
        if same:
            return decimal_ratio(Decimal(text))
    return float_ratio(as_float)


def read_number(value: object, *, percent_sign: bool) -> Rational:
    """An exact number from any number type, or from text as an official writes it.

    Text may use ``,`` or ``.`` as the decimal mark, and end in ``%`` where a percentage
    is expected; its digits are ASCII digits. Text that could mean two numbers
    (``1.500``: 1.5, or 1500 with a thousands separator?) is refused, as are booleans.

    >>> read_number("85,5%", percent_sign=True)
    (855, 10)
    >>> read_number(Decimal("80.10"), percent_sign=True)
    (801, 10)
    >>> read_number(0.1, percent_sign=False)
    (1, 10)
    """
    cls = type(value)
    if cls is bool or is_bool_scalar(value):
        word = "true" if value else "false"
        raise NumberError(f"phải là một số, nhận {word}", f"must be a number, got {word}")
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return _bounded(operator.index(value), 1)
    if isinstance(value, float):
        return float_ratio(float(value))
    if isinstance(value, Decimal):
        return decimal_ratio(value)
    if isinstance(value, numbers.Rational):
        return _bounded(int(value.numerator), int(value.denominator))
    if isinstance(value, numbers.Real):
        return _other_real(value)
    if isinstance(value, str):
        return _read_text(value, percent_sign=percent_sign)
    kind = "một bảng khóa" if hasattr(value, "keys") else type(value).__name__
    raise NumberError(f"phải là một số, nhận {kind}", f"must be a number, got {_kind(value)}")


def read_whole(value: object) -> int:
    """A whole number, not negative, from any number type whose value is whole (17, 17.0).

    >>> read_whole(17), read_whole(17.0), read_whole("20")
    (17, 17, 20)
    """
    try:
        num, den = read_number(value, percent_sign=False)
    except NumberError as exc:
        if exc.code != "not_a_number":
            raise
        num, den = 1, 0  # not a number at all: said below, as "not a whole number"
    if den != 1 and (den == 0 or num % den):
        raise NumberError(
            f"phải là số nguyên không âm, nhận {_quote(value)}",
            f"must be a whole number, not negative, got {_quote(value)}",
            "not_whole",
        )
    whole = num // den
    if whole < 0:
        raise NumberError(
            f"không được âm, nhận {whole}", f"must not be negative, got {whole}", "negative"
        )
    return whole


def is_bool_scalar(value: object) -> bool:
    """Whether a value is a boolean scalar of an array library (numpy's ``bool_``).

    Recognised by its type's declared data kind, not by how it prints.
    """
    dtype = getattr(value, "dtype", None)
    return getattr(dtype, "kind", "") == "b" and getattr(value, "shape", None) == ()


def _kind(value: object) -> str:
    if hasattr(value, "keys"):
        return "a mapping"
    if value is None:
        return "nothing"
    return type(value).__name__


def _quote(value: object) -> str:
    if isinstance(value, str):
        return f"'{value[:40]}'"
    if isinstance(value, bool) or is_bool_scalar(value):
        return "true" if value else "false"
    if isinstance(value, numbers.Number | Decimal):
        return str(value)[:40]
    return _kind(value)


def _read_text(value: str, *, percent_sign: bool) -> Rational:
    if len(value) > _MAX_TEXT:
        raise _too_long()
    # NFC, not NFKC: "８５", "⑧⑤" and "8⁵" are not the digits 85, and are refused.
    text = unicodedata.normalize("NFC", value).strip()
    if percent_sign and text.endswith("%"):
        text = text[:-1].rstrip()
    match = _TEXT_NUMBER.fullmatch(text)
    if not match:
        hint = " (và dấu %)" if percent_sign else ""
        hint_en = " (and a % sign)" if percent_sign else ""
        raise NumberError(
            f"'{value}' không phải là một số; viết chữ số với dấu phẩy hoặc dấu chấm thập phân{hint}",
            f"'{value}' is not a number; write digits with a decimal comma or point{hint_en}",
        )
    ambiguous(text)
    sign, whole, _, fraction = match.groups()
    if len(whole.lstrip("0")) > MAX_EXPONENT or len(fraction or "") > MAX_EXPONENT:
        raise _too_long()
    digits = int(whole + (fraction or ""))
    den = 10 ** len(fraction or "")
    return (-digits if sign == "-" else digits, den)


def ambiguous(text: str) -> None:
    """Refuse digits that read as two numbers: ``1.500`` is 1.5, or 1500 in Vietnamese.

    Vietnamese writes a decimal comma and a thousands point, English the other way
    round; three digits after one mark, behind one to three digits that are not 0, could
    be either. The YAML reader applies the same rule to unquoted numbers.

    >>> ambiguous("1.05")
    >>> ambiguous("1.050")
    Traceback (most recent call last):
    hoctap._numbers.NumberError: '1.050' could be read as two numbers (1.05 or 1050); write it without a thousands separator
    """
    if not _AMBIGUOUS.fullmatch(text):
        return
    digits = text.lstrip("+-")
    whole, fraction = digits[: digits.find(digits.strip("0123456789")[0])], digits[-3:]
    small = format(Decimal(f"{whole}.{fraction}").normalize(), "f")
    big = whole + fraction
    raise NumberError(
        f"'{text}' có thể hiểu là hai số khác nhau ({small.replace('.', ',')} hoặc {big}); "
        "hãy viết không có dấu phân cách hàng nghìn",
        f"'{text}' could be read as two numbers ({small} or {big}); "
        "write it without a thousands separator",
        "ambiguous_number",
    )
