"""Thresholds that depend on the unit: "Đối với xã thuộc vùng khó khăn ..." (Thông tư 25/2023).

A set declares what some units are (``attributes``); a measure gives the thresholds for
them (``when``); an assessment says what its unit is at its top (``disadvantaged: true``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from hoctap import InputError, SpecError, evaluate, evaluate_many, load, read_assessment
from hoctap.reports.annex import set_to_html, set_to_markdown, set_to_text
from hoctap.testing import meeting_values

if TYPE_CHECKING:
    from hoctap.spec.models import CriteriaSet

DISADVANTAGED = {
    "id": "disadvantaged",
    "text": {"vi": "xã thuộc vùng khó khăn", "en": "a commune in a disadvantaged area"},
    "clause": "Điều 6 khoản 5 điểm b",
}


def with_attribute(**measure: object) -> CriteriaSet:
    """The district set where 2.2.1 asks 60% instead of 70% of a disadvantaged unit."""
    spec = load("district")
    base = spec.indicator("2.2.1").measure.model_dump(exclude_none=True)
    when = [
        {"attribute": "disadvantaged", "meets": {"at_least": 60}, "clause": "Điều 6 khoản 5 điểm b"}
    ]
    return spec.evolve(
        id="district-attributes",
        attributes=[DISADVANTAGED],
        indicators={"2.2.1": {"measure": base | {"when": when} | measure}},
    )


def values(**changes: object) -> dict[str, object]:
    return meeting_values(load("district")) | changes


def test_a_units_attribute_chooses_its_thresholds() -> None:
    spec = with_attribute()
    assert evaluate(spec, values(**{"2.2.1": 65})).indicator("2.2.1").outcome == "not_met"
    result = evaluate(spec, values(**{"2.2.1": 65}), attributes={"disadvantaged": True})
    assert result.indicator("2.2.1").outcome == "met"
    assert result.assessment.attributes == frozenset({"disadvantaged"})
    plain = evaluate(spec, values(**{"2.2.1": 65}), attributes={"disadvantaged": False})
    assert plain.indicator("2.2.1").outcome == "not_met"
    # The same values judged for another kind of unit are another input, and say so.
    assert result.input_hash != plain.input_hash
    assert result.to_dict()["attributes"] == ["disadvantaged"]
    assert "attributes" not in plain.to_dict()


def test_the_trace_says_which_threshold_and_why_in_the_laws_words() -> None:
    result = evaluate(with_attribute(), values(**{"2.2.1": 55}), attributes={"disadvantaged": True})
    vi = result.render("text", "vi")
    assert "2.2.1 ≥ 60% (xã thuộc vùng khó khăn, Điều 6 khoản 5 điểm b)" in vi
    assert result.blockers[0].message.en.startswith("2.2.1: 55%; level 1 needs at least 60%")


def test_the_annex_shows_each_kind_of_units_thresholds() -> None:
    for view in (set_to_text, set_to_markdown, set_to_html):
        shown = view(with_attribute(), "vi").replace("&gt;", ">").replace("\\", "")  # escapes
        assert "≥ 70%; xã thuộc vùng khó khăn: ≥ 60% (Điều 6 khoản 5 điểm b)" in shown


def test_an_assessment_says_what_its_unit_is_at_its_top() -> None:
    spec = with_attribute()
    document = {"unit": "Huyện A", "disadvantaged": True, "values": values(**{"2.2.1": 65})}
    assert read_assessment(document, criteria=spec).attributes == frozenset({"disadvantaged"})
    with pytest.raises(InputError) as info:
        read_assessment({**document, "disadvantaged": "có"}, criteria=spec)
    assert [(p.path, p.code) for p in info.value.problems] == [(("disadvantaged",), "wrong_type")]


def test_an_attribute_the_set_does_not_have_is_refused_where_it_stands() -> None:
    # A "vùng khó khăn" flag on a set that has no such unit (the pilot's district set).
    document = {"unit": "Huyện A", "disadvantaged": True, "values": {}}
    with pytest.raises(InputError) as info:
        read_assessment(document, criteria="district")
    assert [(p.path, p.code) for p in info.value.problems] == [(("disadvantaged",), "unknown_key")]
    with pytest.raises(InputError) as raised:
        evaluate("district", {}, attributes={"disadvantaged": True})
    assert raised.value.codes == ("unknown_attribute",)
    assert "không có thuộc tính đơn vị 'disadvantaged'" in raised.value.problems[0].message.vi


def test_a_set_names_only_attributes_it_declares_once() -> None:
    spec = load("district")
    base = spec.indicator("2.2.1").measure.model_dump(exclude_none=True)
    when = [{"attribute": "mountainous", "meets": {"at_least": 60}, "clause": "x"}]
    with pytest.raises(SpecError) as info:
        spec.evolve(
            attributes=[DISADVANTAGED], indicators={"2.2.1": {"measure": base | {"when": when}}}
        )
    assert info.value.codes == ("unknown_attribute",)
    with pytest.raises(SpecError) as twice:
        spec.evolve(attributes=[DISADVANTAGED, DISADVANTAGED])
    assert twice.value.codes == ("duplicate_attribute",)


def test_a_table_gives_the_attribute_in_a_column() -> None:
    spec = with_attribute()
    plain = {k: v for k, v in values(**{"2.2.1": 65}).items() if not isinstance(v, dict)}
    rows = [{"unit": f"Huyện {n}", "disadvantaged": n % 2 == 0, **plain} for n in range(40)]
    table = evaluate_many(spec, rows)
    assert [r["2.2.1.outcome"] for r in table[:4]] == ["met", "not_met", "met", "not_met"]
