"""Indicators given in parts, or as the rated units behind a share."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest

from hoctap import Assessment, InputError, SpecError, evaluate, load
from hoctap.errors import format_path
from hoctap.spec.models import Percent

WASTE = ("chất thải rắn", "nước thải")


def codes(values: dict[str, Any], name: str = "district") -> list[tuple[str, str]]:
    """(path, code) of every problem of these values."""
    with pytest.raises(InputError) as info:
        Assessment(load(name), values)
    return [(format_path(p.path), p.code) for p in info.value.problems]


def communes(*ratings: str | float) -> dict[str, object]:
    """A list of units, one per rating (a word) or score (a number)."""
    return {
        "units": [
            {"name": f"Xã {n}", "rating" if isinstance(r, str) else "score": r}
            for n, r in enumerate(ratings, 1)
        ]
    }


# --- rated units -------------------------------------------------------------------------------


def test_scores_are_rated_on_the_scale_of_thong_tu_22() -> None:
    # Tốt 85-100, Khá 70 to under 85, Trung bình 50 to under 70, otherwise not achieved.
    a = Assessment(load("district"), {"2.1.1": communes(85, 84.9, 70, 69.5, 50, 49, 100, 0)})
    units = a.details["2.1.1"].units
    assert [u.words.vi for u in units] == [
        "Tốt, 85 điểm",
        "Khá, 84,9 điểm",
        "Khá, 70 điểm",
        "Trung bình, 69,5 điểm",
        "Trung bình, 50 điểm",
        "Không đạt, 49 điểm",
        "Tốt, 100 điểm",
        "Không đạt, 0 điểm",
    ]
    assert [u.counted for u in units] == [True, True, True, False, False, False, True, False]
    assert a.values["2.1.1"] == (400, 8, 4, 8)


def test_a_rating_in_words_in_either_language_and_any_case() -> None:
    a = Assessment(load("district"), {"2.1.2": communes("khá", "Good", "TỐT", "Trung bình")})
    assert [u.counted for u in a.details["2.1.2"].units] == [True, True, True, False]
    given = a.given["2.1.2"]
    assert isinstance(given, dict)
    assert given["units"][1] == {"name": "Xã 2", "rating": "Khá"}


def test_the_share_from_rated_units_is_the_share_from_counts() -> None:
    listed = evaluate("district", {"2.1.2": communes(*["Khá"] * 17, *["Trung bình"] * 3)})
    typed = evaluate("district", {"2.1.2": {"count": 17, "total": 20}})
    assert listed.indicator("2.1.2")[4:13] == typed.indicator("2.1.2")[4:13]  # outcome … percent
    assert listed.indicator("2.1.2").band == 2


def test_units_met_or_not_for_a_share_without_a_scale() -> None:
    wifi = {"units": [{"name": "Xã A", "met": True}, {"name": "Xã B", "met": "không đạt"}]}
    result = evaluate("district", {"2.2.4": wifi})
    assert result.indicator("2.2.4").value == 50


def test_every_bad_unit_is_located_and_the_rest_are_kept_apart() -> None:
    bad = {
        "units": [
            {"name": "Xã A", "score": 101},
            {"name": "Xã B", "rating": "Tot"},
            {"name": "Xã C", "rating": "Khá", "score": 40},
            {"name": "Xã D", "met": True},
            {"score": 80},
            "Xã E",
            {"name": "Xã F", "score": 90},
            {"name": "xã f", "score": 91},
        ]
    }
    assert codes({"2.1.1": bad}) == [
        ('values["2.1.1"].units[0].score', "score_range"),
        ('values["2.1.1"].units[1].rating', "bad_rating"),
        ('values["2.1.1"].units[2].rating', "rating_score_disagree"),
        ('values["2.1.1"].units[3].met', "unknown_key"),
        ('values["2.1.1"].units[4]', "missing"),
        ('values["2.1.1"].units[5]', "not_a_mapping"),
        ('values["2.1.1"].units[7].name', "duplicate_unit"),
    ]


def test_a_list_where_it_cannot_be() -> None:
    assert codes({"3.1.4": {"units": []}}, "city") == [('values["3.1.4"].units', "not_counted")]
    assert codes({"2.1.1": {"units": "Xã A"}}) == [('values["2.1.1"].units', "not_a_list")]
    assert codes({"2.1.1": {"units": []}}) == [('values["2.1.1"].units', "zero_total")]
    assert codes({"2.1.1": {"units": [], "count": 1}}) == [('values["2.1.1"].count', "unknown_key")]


def test_a_rating_scale_must_be_in_order_and_named_once() -> None:
    scale = load("district").scale("tt22-2020")
    with pytest.raises(SpecError) as info:
        scale.evolve(ratings=(scale.ratings[1], scale.ratings[0]))
    assert info.value.codes == ("bad_scale",)
    with pytest.raises(SpecError) as info:
        scale.evolve(max_score=None)
    assert info.value.codes == ("bad_scale",)
    with pytest.raises(SpecError) as info:
        scale.evolve(below=scale.ratings[0].name)
    assert info.value.codes == ("bad_scale",)


def test_a_rated_indicator_names_a_scale_and_rating_the_set_has() -> None:
    district = load("district")
    measure = district.indicator("2.1.1").measure
    for rated, code in (
        ({"scale": "tt99", "counts_from": "Khá"}, "unknown_scale"),
        ({"scale": "tt22-2020", "counts_from": "Giỏi"}, "unknown_rating"),
    ):
        with pytest.raises(SpecError) as info:
            district.evolve(indicators={"2.1.1": {"measure": measure.evolve(rated=rated)}})
        assert info.value.codes == (code,)


# --- parts -------------------------------------------------------------------------------------


def test_each_part_must_meet_and_the_furthest_part_decides() -> None:
    result = evaluate("city", {"3.1.5": {"chất thải rắn": 92, "nước thải": "88,5%"}})
    assert result.indicator("3.1.5").met is False
    assert result.assessment.details["3.1.5"].deciding == "nước thải"
    assert evaluate("city", {"3.1.5": dict.fromkeys(WASTE, 90)}).indicator("3.1.5").met


def test_pooled_parts_add_their_counts() -> None:
    parts = {
        "trung tâm GDTX": {"count": 1, "total": 1},
        "cao đẳng sư phạm": {"count": 1, "total": 2},
        "đại học": {"count": 5, "total": 6},
    }
    pooled = evaluate("city", {"2.2.3": parts}).indicator("2.2.3")
    assert (pooled.count, pooled.total) == (7, 9)
    typed = evaluate("city", {"2.2.3": {"count": 7, "total": 9}}).indicator("2.2.3")
    assert typed[5:13] == pooled[5:13]  # value … percent


def test_pooled_changes_add_last_year_and_this_year() -> None:
    parts = {
        "chuyển giao": {"previous": 30, "current": 28},
        "đăng ký": {"previous": 11, "current": 19},
    }
    result = evaluate("city", {"3.1.3": parts}).indicator("3.1.3")
    assert (result.previous, result.current) == (Fraction(41), Fraction(47))
    assert result.met is True


def test_parts_given_wrongly_are_located() -> None:
    assert codes({"3.1.5": 93}, "city") == [('values["3.1.5"]', "parts_needed")]
    assert codes({"3.1.5": {"chất thải rắn": 93, "khí thải": 90}}, "city") == [
        ('values["3.1.5"]["khí thải"]', "unknown_part")
    ]
    assert codes({"3.1.5": {"Chất thải rắn": 93, "chất thải rắn": 90}}, "city") == [
        ('values["3.1.5"]["chất thải rắn"]', "unknown_part")
    ]
    pooled = {"trung tâm GDTX": 100, "cao đẳng sư phạm": {"count": 1, "total": 2}, "đại học": 80}
    assert codes({"2.2.3": pooled}, "city") == [
        ('values["2.2.3"]["trung tâm GDTX"]', "pooled_needs_counts")
    ]


def test_a_part_without_data_leaves_the_indicator_without_data() -> None:
    result = evaluate("city", {"3.1.5": {"chất thải rắn": 93, "nước thải": None}})
    assert result.indicator("3.1.5").outcome == "missing"
    # A part left out is the same: no data yet, not an error (it was refused as "missing");
    # what was given is kept.
    result = evaluate("city", {"3.1.5": {"chất thải rắn": 93}})
    assert result.indicator("3.1.5").outcome == "missing"
    assert result.indicator("3.1.5").given == {"chất thải rắn": 93}
    assert "3.1.5" in result.decided_by  # the result is incomplete for want of it


def test_a_part_given_that_fails_decides_whatever_the_others_bring() -> None:
    # Read each, every part must reach 90%: one at 80% fails the indicator, left-out part or not.
    for other in ({}, {"nước thải": None}):
        result = evaluate("city", {"3.1.5": {"chất thải rắn": 80, **other}})
        indicator = result.indicator("3.1.5")
        assert (indicator.outcome, indicator.deciding) == ("not_met", "chất thải rắn")
        assert indicator.value == Fraction(80)
    # A pooled indicator adds its parts up: one left out leaves it without data.
    pooled = {"trung tâm GDTX": {"count": 0, "total": 5}}
    assert evaluate("city", {"2.2.3": pooled}).indicator("2.2.3").outcome == "missing"


def test_a_kind_of_institution_a_city_lacks_adds_nothing_to_pooled_counts() -> None:
    # 2.2.3 adds up GDTX centres, teacher-training colleges and universities: a city without a
    # teacher-training college writes 0 of 0 for it instead of adding up by hand.
    counts = {
        "trung tâm GDTX": {"count": 3, "total": 4},
        "cao đẳng sư phạm": {"count": 0, "total": 0},
        "đại học": {"count": 4, "total": 5},
    }
    indicator = evaluate("city", {"2.2.3": counts}).indicator("2.2.3")
    assert (indicator.count, indicator.total, indicator.value) == (7, 9, Fraction(700, 9))
    nothing = {k: {"count": 0, "total": 0} for k in counts}
    assert codes({"2.2.3": nothing}, "city") == [('values["2.2.3"]', "zero_total")]
    # Read each, a part must have a share of its own: 0 of 0 is still refused there.
    each = {"chất thải rắn": {"count": 0, "total": 0}, "nước thải": 95}
    assert codes({"3.1.5": each}, "city") == [
        ('values["3.1.5"]["chất thải rắn"].total', "zero_total")
    ]


def test_parts_and_reading_go_together() -> None:
    measure = load("city").indicator("3.1.5").measure
    assert isinstance(measure, Percent)
    for change in ({"reading": None}, {"parts": ()}, {"parts": (*measure.parts, measure.parts[0])}):
        with pytest.raises(SpecError) as info:
            measure.evolve(**change)
        assert info.value.codes == ("parts_reading",)
    rates = load("city").indicator("3.1.2").measure.model_dump() | {
        "parts": [p.model_dump() for p in measure.parts],
        "reading": "pooled",
    }
    with pytest.raises(SpecError) as info:
        load("city").evolve(indicators={"3.1.2": {"measure": rates}})
    assert info.value.codes == ("pooled_rates",)


# --- a total of 0 ------------------------------------------------------------------------------


def test_a_district_with_no_centre_meets_2_2_3_as_declared() -> None:
    nothing: tuple[dict[str, object], ...] = ({"count": 0, "total": 0}, {"units": []})
    for none in nothing:
        result = evaluate("district", {"2.2.3": none})
        assert result.indicator("2.2.3").met is True
        assert result.assessment.details["2.2.3"].none
    district = load("district")
    strict = district.indicator("2.2.3").measure.evolve(if_none="not_met")
    spec = district.evolve(indicators={"2.2.3": {"measure": strict}})
    assert evaluate(spec, {"2.2.3": {"count": 0, "total": 0}}).indicator("2.2.3").met is False
    assert codes({"2.2.3": {"count": 1, "total": 0}}) == [
        ('values["2.2.3"].count', "count_above_total")
    ]


def test_if_none_needs_a_minimum_above_0_and_no_band() -> None:
    district = load("district")
    for ind, code in (("2.1.1", "banded_if_none"), ("3.2.2", "if_none_minimum")):
        measure = district.indicator(ind).measure.evolve(if_none="met")
        with pytest.raises(SpecError) as info:
            district.evolve(indicators={ind: {"measure": measure}})
        assert info.value.codes == (code,)


def test_units_recognised_under_the_law_in_force_count_on_its_scale() -> None:
    """Thông tư 24/2023 and 25/2023 replaced the ratings of Thông tư 22/2020 and 44/2014:
    a unit may be given by its level, on the scale it names, and level 1 counts as Khá."""
    units = [
        {"name": "Phòng Y tế", "rating": "Khá"},
        {"name": "Phòng Nội vụ", "scale": "tt24-2023", "rating": "Mức độ 1"},
        {"name": "Phòng Tư pháp", "scale": "tt24-2023", "rating": "chưa được công nhận"},
        {"name": "Phòng Tài chính", "score": 62},
    ]
    ev = evaluate("district", {"2.1.1": {"units": units}})
    result = ev.indicator("2.1.1")
    assert (result.count, result.total) == (2, 4)
    assert [u.counted for u in result.units] == [True, True, False, False]
    given: Any = ev.assessment.given["2.1.1"]
    assert given["units"][1]["scale"] == "tt24-2023"  # the record says which scale
    communes = [
        {"name": "Xã A", "scale": "tt25-2023", "rating": "Mức độ 2"},
        {"name": "Xã B", "rating": "Trung bình"},
    ]
    assert evaluate("district", {"2.1.2": {"units": communes}}).indicator("2.1.2").count == 1


def test_a_scale_the_indicator_does_not_take_is_refused_where_it_stands() -> None:
    units = [{"name": "Phòng Y tế", "scale": "tt25-2023", "rating": "Mức độ 1"}]
    with pytest.raises(InputError) as caught:
        evaluate("district", {"2.1.1": {"units": units}})
    (problem,) = caught.value.problems
    assert problem.code == "unknown_scale"
    assert tuple(problem.path) == ("values", "2.1.1", "units", 0, "scale")
    assert "nhận thang tt22-2020, tt24-2023" in problem.message.vi
