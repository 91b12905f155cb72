"""Levels given by each indicator's own thresholds (Thông tư 25/2023's way), not shared bands.

A set whose levels have no edges reads each banded indicator's ``meets`` as what level 1
needs and its ``by_level`` as what each level above needs; an indicator's band is the
highest level whose threshold it meets, each level below included, and the unit's level
the lowest band, as before.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hoctap import SpecError, evaluate, evaluate_many, load
from hoctap.reports.annex import set_to_html, set_to_markdown, set_to_text
from hoctap.reports.report import report
from hoctap.testing import meeting_values

if TYPE_CHECKING:
    from hoctap.spec.models import CriteriaSet

BANDED = ("2.1.1", "2.1.2", "2.2.1", "2.2.2", "2.2.4")


def levelled(**measures: dict[str, Any]) -> CriteriaSet:
    """The district set with levels given by its banded indicators' own thresholds.

    Level 1 needs 70% (``meets``), level 2 85% and level 3 95% (``by_level``), unless
    ``measures`` says otherwise for an indicator.
    """
    spec = load("district")
    rec = spec.recognition
    edgeless = tuple(
        b.evolve(
            at_least=None, above=None, at_most=None, below=None, clause=f"Điều 8, mức {b.level}"
        )
        for b in rec.levels
    )
    by_level = [
        {"level": 2, "meets": {"at_least": 85}, "clause": "Điều 7"},
        {"level": 3, "meets": {"at_least": 95}, "clause": "Điều 7a"},
    ]
    changes = {
        i: {
            "measure": {
                **spec.indicator(i).measure.model_dump(exclude_none=True),
                "by_level": by_level,
            }
        }
        for i in BANDED
    }
    for ind, measure in measures.items():
        base = changes.get(
            ind, {"measure": spec.indicator(ind).measure.model_dump(exclude_none=True)}
        )
        changes[ind] = {"measure": {**base["measure"], **measure}}
    return spec.evolve(
        id="district-levelled", recognition=rec.evolve(levels=edgeless), indicators=changes
    )


def values(**changes: object) -> dict[str, object]:
    return meeting_values(load("district")) | changes


def test_the_level_is_the_lowest_of_the_indicators_own_levels() -> None:
    spec = levelled()
    assert evaluate(spec, values()).level == 3
    result = evaluate(spec, values(**{"2.1.1": 90}))
    assert (result.level, result.decided_by) == (2, ("2.1.1",))
    assert result.indicator("2.1.1").band == 2
    result = evaluate(spec, values(**{"2.1.1": 90, "2.2.4": 75}))
    assert (result.level, result.decided_by) == (1, ("2.2.4",))
    assert evaluate(spec, values(**{"2.2.2": 60})).status == "not_recognised"


def test_a_value_on_a_level_threshold_lands_on_the_side_the_rule_says() -> None:
    spec = levelled()
    assert evaluate(spec, values(**{"2.1.2": {"count": 17, "total": 20}})).level == 2  # 85% exactly
    assert evaluate(spec, values(**{"2.1.2": {"count": 16, "total": 19}})).level == 1  # 84.2%
    assert evaluate(spec, values(**{"2.1.2": "94,99"})).level == 2
    assert evaluate(spec, values(**{"2.1.2": 95})).level == 3


def test_the_blocker_names_the_next_levels_own_threshold() -> None:
    result = evaluate(levelled(), values(**{"2.1.1": 90}))
    (blocker,) = result.blockers
    assert blocker.next_level == 3
    assert (
        blocker.message.en == "2.1.1: 90%; level 3 needs at least 95%: 5 percentage points higher"
    )
    assert blocker.message.vi == "2.1.1: 90%; mức 3 cần từ 95%: còn phải tăng thêm 5 điểm phần trăm"


def test_the_trace_and_the_rule_say_each_levels_threshold() -> None:
    spec = levelled()
    assert str(spec.indicator("2.1.1")) == "2.1.1 ≥ 70%; level 2: ≥ 85%; level 3: ≥ 95%"
    assert spec.indicator("2.2.1").measure.describe("vi") == "≥ 70%; mức 2: ≥ 85%; mức 3: ≥ 95%"
    text = evaluate(spec, values(**{"2.1.1": 90})).render("text", "en")
    assert "→ 2.1.1 ≥ 85% → level 2; observed 90%" in text
    assert "→ 2.2.1 ≥ 95% → level 3; observed 100%" in text
    vi = evaluate(spec, values(**{"2.1.1": "90,5"})).render("text", "vi")
    assert "→ 2.1.1 ≥ 85% → mức 2; giá trị 90,5%" in vi


def test_every_view_and_the_table_path_take_such_a_set() -> None:
    spec = levelled()
    result = evaluate(spec, values(**{"2.1.1": 90}))
    for fmt in ("html", "markdown"):
        assert "2.1.1" in str(report(result, fmt=fmt))
    assert report(result, fmt="xlsx")
    for view in (set_to_text, set_to_markdown, set_to_html):
        shown = view(spec, "vi").replace("&gt;", ">").replace("\\", "")
        assert "≥ 70%; mức 2: ≥ 85%; mức 3: ≥ 95%" in shown
    rows = [
        {
            "unit": f"Huyện {n}",
            **{k: v for k, v in values(**{"2.1.1": 60 + n}).items() if not isinstance(v, dict)},
        }
        for n in range(40)
    ]
    table = evaluate_many(spec, rows)
    one_by_one = [
        evaluate(spec, {k: v for k, v in row.items() if k != "unit"}, unit=str(row["unit"]))
        for row in rows
    ]
    assert [(r["status"], r["level"]) for r in table] == [(e.status, e.level) for e in one_by_one]


@pytest.mark.parametrize(
    ("measures", "code"),
    [
        (
            {"2.1.1": {"by_level": [{"level": 2, "meets": {"at_least": 85}, "clause": "x"}]}},
            "by_level_missing",
        ),
        (
            {"3.2.3": {"by_level": [{"level": 2, "meets": {"at_least": 60}, "clause": "x"}]}},
            "by_level_not_banded",
        ),
        (
            {
                "2.1.1": {
                    "by_level": [
                        {"level": 2, "meets": {"at_least": 65}, "clause": "x"},
                        {"level": 3, "meets": {"at_least": 95}, "clause": "x"},
                    ]
                }
            },
            "level_not_stricter",
        ),
        (
            {
                "2.1.1": {
                    "by_level": [
                        {"level": 3, "meets": {"at_least": 85}, "clause": "x"},
                        {"level": 2, "meets": {"at_least": 95}, "clause": "x"},
                    ]
                }
            },
            "levels_order",
        ),
    ],
)
def test_thresholds_per_level_that_cannot_be_right_are_refused(
    measures: dict[str, dict[str, Any]], code: str
) -> None:
    with pytest.raises(SpecError) as info:
        levelled(**measures)
    assert code in info.value.codes


def test_levels_with_and_without_edges_do_not_mix() -> None:
    spec = load("district")
    rec = spec.recognition
    levels = (rec.levels[0].evolve(at_least=None, at_most=None), *rec.levels[1:])
    with pytest.raises(SpecError) as info:
        spec.evolve(recognition=rec.evolve(levels=levels))
    assert "bands_mixed" in info.value.codes


@settings(max_examples=60, deadline=None)
@given(
    start=st.dictionaries(st.sampled_from(BANDED), st.integers(min_value=0, max_value=100)),
    which=st.sampled_from(BANDED),
    more=st.integers(min_value=0, max_value=100),
)
def test_raising_a_value_never_lowers_the_level(
    start: dict[str, int], which: str, more: int
) -> None:
    spec = _SPEC
    before = evaluate(spec, values(**start))
    raised = {**start, which: min(100, start.get(which, 100) + more)}
    after = evaluate(spec, values(**raised))
    assert (after.level or 0) >= (before.level or 0)
    assert Fraction(after.indicator(which).value or 0) >= Fraction(
        before.indicator(which).value or 0
    )


_SPEC = levelled()


def test_one_level_given_by_own_thresholds_is_that_level() -> None:
    # Found by the generated sets: with a single level and nothing in by_level, a met
    # banded indicator was placed at level 0.
    spec = load("district")
    one = (spec.recognition.levels[0].evolve(at_least=None, at_most=None),)
    single = spec.evolve(id="district-one-level", recognition=spec.recognition.evolve(levels=one))
    result = evaluate(single, values())
    assert (result.status, result.level) == ("recognised", 1)
    assert evaluate(single, values(**{"2.1.1": 69})).status == "not_recognised"
