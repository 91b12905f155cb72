"""Laws of the system around one evaluation (hypothesis): roll-up and rated units.

- a city's 2.1.2 is the number of its recognised districts over all its units;
- recognising one more district never lowers the city's level;
- a share from a list of rated units is the share typed in as a count.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hoctap import evaluate, load, read_assessment
from hoctap.results.evaluation import evaluate_assessment
from hoctap.testing import meeting_values, values

pytestmark = pytest.mark.slow  # property, fuzz, notebook, browser, Dask: the slow part

NAMES = [f"Quận {n}" for n in range(1, 15)]
CITY = {k: v for k, v in meeting_values(load("city")).items() if k != "2.1.2"}


@st.composite
def city(draw: st.DrawFn) -> dict[str, Any]:
    """A city of 1 to 14 districts, some assessed with generated values."""
    names = NAMES[: draw(st.integers(1, 14))]
    assessed = draw(st.lists(st.sampled_from(names), unique=True))
    district = load("district-haiphong")
    return {
        "criteria": "city",
        "unit": "Thành phố",
        "units": {
            "names": names,
            "assessed": [{"unit": n, "values": draw(values(district))} for n in assessed],
        },
        "values": CITY,
    }


def _rank(status: str, level: int | None) -> int:
    assert status != "incomplete"
    return level or 0


@settings(max_examples=60, deadline=None)
@given(city())
def test_the_city_share_counts_recognised_districts_over_all_units(data: dict[str, Any]) -> None:
    result = evaluate_assessment(read_assessment(data))
    rolled = result.indicator("2.1.2")
    recognised = sum(1 for sub in result.units if sub.status == "recognised")
    assert (rolled.count, rolled.total) == (recognised, len(data["units"]["names"]))
    assert rolled.value == Fraction(100 * recognised, len(data["units"]["names"]))


@settings(max_examples=40, deadline=None)
@given(city(), st.data())
def test_recognising_one_more_district_never_lowers_the_city(
    data: dict[str, Any], more: st.DataObject
) -> None:
    before = evaluate_assessment(read_assessment(data))
    names, assessed = data["units"]["names"], data["units"]["assessed"]
    done = {a["unit"] for a in assessed}
    waiting = [n for n in names if n not in done]
    if not waiting:
        return
    name = more.draw(st.sampled_from(waiting))
    passing = more.draw(
        values(load("district-haiphong"), complete=True).filter(
            lambda v: evaluate("district-haiphong", v).status == "recognised"
        )
    )
    data["units"]["assessed"] = [*assessed, {"unit": name, "values": passing}]
    after = evaluate_assessment(read_assessment(data))
    assert after.indicator("2.1.2").count == (before.indicator("2.1.2").count or 0) + 1
    assert _rank(after.status, after.level) >= _rank(before.status, before.level)


scores = st.one_of(
    st.integers(0, 100),
    st.decimals(0, 100, places=1, allow_nan=False, allow_infinity=False),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(scores, min_size=1, max_size=60), st.sampled_from(["district", "city", "province"]))
def test_a_share_from_rated_units_is_the_share_typed_as_a_count(
    given_scores: list[Any], name: str
) -> None:
    # Khá or better under Thông tư 22/2020 is a score of 70 or more.
    units = [{"name": f"Đơn vị {n}", "score": s} for n, s in enumerate(given_scores)]
    counted = sum(1 for s in given_scores if s >= 70)
    listed = evaluate(name, {"2.1.1": {"units": units}}).indicator("2.1.1")
    typed = evaluate(name, {"2.1.1": {"count": counted, "total": len(units)}}).indicator("2.1.1")
    assert (listed.value, listed.outcome, listed.band) == (typed.value, typed.outcome, typed.band)
    assert (listed.count, listed.total) == (typed.count, typed.total)


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_the_public_strategy_gives_values_every_bundled_set_accepts(data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(["district", "district-haiphong", "city", "province"]))
    evaluate(name, data.draw(values(load(name))))  # raises InputError if it did not
