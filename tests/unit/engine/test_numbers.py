"""The one number reader: every type, every written form, every bound, in both languages."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

from hoctap import evaluate, load
from hoctap._numbers import (
    MAX_DIGITS,
    MAX_EXPONENT,
    NumberError,
    ambiguous,
    decimal_ratio,
    float_ratio,
    read_number,
    read_whole,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (17, 17),
        (17.0, 17),
        (Decimal(20), 20),
        (Decimal("2E+1"), 20),
        ("20", 20),
        (0, 0),
        (np.int64(3), 3),
        (Fraction(6, 2), 3),
    ],
)
def test_whole_numbers_in_any_form(value: object, expected: int) -> None:
    assert read_whole(value) == expected


@pytest.mark.parametrize(
    ("value", "code", "en", "vi"),
    [
        (17.5, "not_whole", "must be a whole number, not negative, got 17.5", "phải là số nguyên không âm, nhận 17.5"),
        ("abc", "not_whole", "must be a whole number, not negative, got 'abc'", "phải là số nguyên không âm, nhận 'abc'"),
        ([1], "not_whole", "must be a whole number, not negative, got list", "phải là số nguyên không âm, nhận list"),
        ({"a": 1}, "not_whole", "must be a whole number, not negative, got a mapping", "phải là số nguyên không âm, nhận a mapping"),
        (True, "not_whole", "must be a whole number, not negative, got true", "phải là số nguyên không âm, nhận true"),
        (-3, "negative", "must not be negative, got -3", "không được âm, nhận -3"),
        ("-3", "negative", "must not be negative, got -3", "không được âm, nhận -3"),
        (Decimal("1e-40"), "number_too_long", "the number is too long", "số quá dài"),
        (float("nan"), "not_finite", "must be a finite number", "phải là một số hữu hạn"),
    ],
)  # fmt: skip
def test_what_is_not_a_whole_number(value: object, code: str, en: str, vi: str) -> None:
    with pytest.raises(NumberError) as info:
        read_whole(value)
    assert info.value.code == code
    assert info.value.en.startswith(en)
    assert info.value.vi.startswith(vi)
    assert str(info.value) == info.value.en


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0.1, (1, 10)),
        (85.0, (85, 1)),
        (123.456, (123456, 1000)),
        (1e-7, (1, 10_000_000)),
        (1e20, (10**20, 1)),
        (2.5e-5, (1, 40_000)),
    ],
)
def test_a_float_is_its_shortest_decimal(value: float, expected: tuple[int, int]) -> None:
    num, den = float_ratio(value)
    assert Fraction(num, den) == Fraction(*expected)


@pytest.mark.parametrize("value", [float("inf"), float("-inf"), float("nan")])
def test_a_float_that_is_not_finite(value: float) -> None:
    with pytest.raises(NumberError) as info:
        float_ratio(value)
    assert info.value.code == "not_finite"


def test_the_bounds_are_where_they_say() -> None:
    most = "9" * MAX_DIGITS
    assert decimal_ratio(Decimal(most)) == (int(most), 1)
    assert decimal_ratio(Decimal(f"1E+{MAX_EXPONENT}")) == (10**MAX_EXPONENT, 1)
    assert decimal_ratio(Decimal(f"1E-{MAX_EXPONENT}")) == (1, 10**MAX_EXPONENT)
    assert decimal_ratio(Decimal("0E+100000000")) == (0, 1)
    assert decimal_ratio(Decimal("8.000000000000000000000000000000000")) == (8, 1)
    for too_long in (f"{most}9", f"1E+{MAX_EXPONENT + 1}", f"1E-{MAX_EXPONENT + 1}"):
        with pytest.raises(NumberError, match="too long") as info:
            decimal_ratio(Decimal(too_long))
        assert info.value.code == "number_too_long"
    assert read_number(2**240 - 1, percent_sign=False) == (2**240 - 1, 1)
    with pytest.raises(NumberError):
        read_number(2**240, percent_sign=False)
    with pytest.raises(NumberError):
        read_number(Fraction(1, 2**240), percent_sign=False)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("85", (85, 1)),
        ("+85", (85, 1)),
        ("-85", (-85, 1)),
        (" 85,5 ", (855, 10)),
        ("85.50%", (8550, 100)),
        ("0.050", (50, 1000)),
        ("1000.500", (1000500, 1000)),
        ("1" * MAX_EXPONENT, (int("1" * MAX_EXPONENT), 1)),
        ("0." + "1" * MAX_EXPONENT, (int("1" * MAX_EXPONENT), 10**MAX_EXPONENT)),
    ],
)
def test_text_as_an_official_writes_it(text: str, expected: tuple[int, int]) -> None:
    assert read_number(text, percent_sign=True) == expected


@pytest.mark.parametrize(
    ("text", "percent", "code", "en"),
    [
        ("85%", False, "not_a_number", "'85%' is not a number; write digits with a decimal comma or point"),
        ("tám", True, "not_a_number", "'tám' is not a number; write digits with a decimal comma or point (and a % sign)"),
        ("1" * (MAX_EXPONENT + 1), False, "number_too_long", "the number is too long"),
        ("0." + "1" * (MAX_EXPONENT + 1), False, "number_too_long", "the number is too long"),
        ("1" * 200, False, "number_too_long", "the number is too long"),
        ("1.050", False, "ambiguous_number", "'1.050' could be read as two numbers (1.05 or 1050)"),
        ("-1,500", False, "ambiguous_number", "'-1,500' could be read as two numbers (1.5 or 1500)"),
        ("12.345", False, "ambiguous_number", "'12.345' could be read as two numbers (12.345 or 12345)"),
    ],
)  # fmt: skip
def test_text_that_is_refused(text: str, percent: bool, code: str, en: str) -> None:
    with pytest.raises(NumberError) as info:
        read_number(text, percent_sign=percent)
    assert info.value.code == code
    assert info.value.en.startswith(en)


def test_the_ambiguity_message_in_vietnamese() -> None:
    with pytest.raises(NumberError) as info:
        ambiguous("1.050")
    assert info.value.vi == (
        "'1.050' có thể hiểu là hai số khác nhau (1,05 hoặc 1050); "
        "hãy viết không có dấu phân cách hàng nghìn"
    )


def test_booleans_and_other_objects_are_not_numbers() -> None:
    for value, word in ((True, "true"), (False, "false"), (np.bool_(False), "false")):
        with pytest.raises(NumberError) as info:
            read_number(value, percent_sign=False)
        assert (info.value.en, info.value.vi) == (
            f"must be a number, got {word}",
            f"phải là một số, nhận {word}",
        )
    with pytest.raises(NumberError) as info:
        read_number({"count": 1}, percent_sign=False)
    assert (info.value.en, info.value.vi) == (
        "must be a number, got a mapping",
        "phải là một số, nhận một bảng khóa",
    )
    with pytest.raises(NumberError) as info:
        read_number([1], percent_sign=False)
    assert info.value.en == "must be a number, got list"


def test_other_float_types_are_read_in_their_own_precision() -> None:
    assert read_number(np.float32(0.1), percent_sign=False) == (1, 10)
    assert read_number(np.float16(0.5), percent_sign=False) == (1, 2)
    assert read_number(np.float32(85.5), percent_sign=False) == (171, 2)
    assert read_number(np.float32(16777217.0), percent_sign=False) == (16777216, 1)
    with pytest.raises(NumberError):
        read_number(np.float32("inf"), percent_sign=False)


def test_a_relative_change_on_its_edge() -> None:
    # 50 → 45 is a fall of exactly 10% of last year's figure.
    district = load("district")
    for meets, met in (({"at_least": 10}, True), ({"at_most": 10}, True), ({"above": 10}, False)):
        measure = {
            "kind": "change",
            "quantity": "percent",
            "direction": "fall",
            "unit": "relative",
            "meets": meets,
        }
        spec = district.evolve(indicators={"3.1.1": {"measure": measure}})
        result = evaluate(spec, {"3.1.1": {"previous": 50, "current": 45}})
        assert result.indicator("3.1.1").met is met, meets
        assert result.indicator("3.1.1").value == 10


def test_only_banded_shares_have_a_band() -> None:
    result = evaluate("district", {"3.1.2": {"chất thải rắn": 95, "nước thải": 99}, "2.1.1": 95})
    assert result.indicator("3.1.2").band is None
    assert result.indicator("2.1.1").band == 3


def test_whole_numbers_at_the_edges_of_their_forms() -> None:
    assert read_whole("17,0") == 17  # a whole number written with decimals
    assert read_whole(Fraction(1, 1)) == 1
    with pytest.raises(NumberError) as info:
        read_whole(Fraction(35, 2))
    assert info.value.code == "not_whole"
    with pytest.raises(NumberError) as info:
        read_whole("20%")  # a count is not a percentage
    assert info.value.code == "not_whole"
    for value, word in ((None, "nothing"), (False, "false"), (np.bool_(False), "false")):
        with pytest.raises(NumberError) as info:
            read_whole(value)
        assert info.value.en == f"must be a whole number, not negative, got {word}"
    with pytest.raises(NumberError) as info:
        read_whole("x" * 100)
    assert info.value.en == f"must be a whole number, not negative, got '{'x' * 40}'"
    with pytest.raises(NumberError) as info:
        read_whole(Decimal("1.2345678901234567890123456789012345678901234567890"))
    assert info.value.code == "number_too_long"
    assert read_number(Fraction(1, 2**239), percent_sign=False) == (1, 2**239)


def test_text_lengths_at_their_bound() -> None:
    assert read_number("0" * 119 + "5", percent_sign=False) == (5, 1)
    with pytest.raises(NumberError) as info:
        read_number("0" * 120 + "5", percent_sign=False)
    assert info.value.code == "number_too_long"


def test_the_percent_hint_only_where_a_percentage_is_expected() -> None:
    with pytest.raises(NumberError) as info:
        read_number("tám", percent_sign=False)
    assert info.value.en == "'tám' is not a number; write digits with a decimal comma or point"
    assert (
        info.value.vi
        == "'tám' không phải là một số; viết chữ số với dấu phẩy hoặc dấu chấm thập phân"
    )
    with pytest.raises(NumberError) as info:
        read_number("tám", percent_sign=True)
    assert info.value.vi.endswith("thập phân (và dấu %)")


def test_ambiguity_is_said_with_plain_numbers() -> None:
    with pytest.raises(NumberError) as info:
        ambiguous("100.000")
    assert "(100 or 100000)" in info.value.en


def test_the_vietnamese_words_for_what_is_not_a_number() -> None:
    with pytest.raises(NumberError) as info:
        read_number([1], percent_sign=False)
    assert info.value.vi == "phải là một số, nhận list"


class _Real:
    """A real-number type of a library that cannot be built from text."""

    def __init__(self, value: float) -> None:
        self.value = value

    def __float__(self) -> float:
        return self.value


def test_a_real_type_that_cannot_read_text_is_read_as_its_float() -> None:
    import numbers  # noqa: PLC0415

    numbers.Real.register(_Real)
    assert read_number(_Real(85.5), percent_sign=False) == (855, 10)
