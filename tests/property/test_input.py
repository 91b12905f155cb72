"""The fast path of input checking agrees with the full checks on every input."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from hoctap import load
from hoctap._numbers import float_ratio
from hoctap._plan import plan_for
from hoctap.assessment import _fast, _Reader

numbers = st.one_of(
    st.integers(-5, 150),
    st.decimals(-5, 150, places=3),
    st.floats(-5, 150),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.sampled_from(["đạt", "Đạt", "không đạt", "85,5", "yes", ""]),
)
inputs = st.one_of(
    numbers,
    st.fixed_dictionaries({"count": numbers, "total": numbers}),
    st.fixed_dictionaries({"previous": numbers, "current": numbers}),
    st.dictionaries(
        st.sampled_from(["count", "total", "previous", "current", "x"]), numbers, max_size=3
    ),
)
IDS = [(name, i) for name in ("district", "province") for i in load(name).indicators]


@given(st.sampled_from(IDS), inputs)
def test_fast_path_agrees_with_the_full_checks(where: tuple[str, str], value: object) -> None:
    name, ind_id = where
    plan = plan_for(load(name)).by_id[ind_id]
    fast = _fast(plan, value)
    if fast is None:
        return
    reader = _Reader("<t>", None)
    assert reader.value(plan, ("values", ind_id), value) == fast
    assert reader.problems == []


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_float_ratio_is_the_shortest_decimal(value: float) -> None:
    assert Fraction(*float_ratio(value)) == Fraction(Decimal(repr(value)))
