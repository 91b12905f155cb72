"""A city judged on its districts: 2.1.2 rolled up from each district's evaluation."""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any

import pytest
import yaml

from hoctap import InputError, SpecError, evaluate_file, load, locality, read_assessment
from hoctap.errors import format_path
from hoctap.testing import meeting_values

EXAMPLES = Path(__file__).parents[3] / "examples"
ROLLUP = EXAMPLES / "city-hai-phong-rollup.yaml"


def district(unit: str, **changes: object) -> dict[str, Any]:
    """An assessment of a Hải Phòng district that every rule passes, at level 3."""
    return {"unit": unit, "values": meeting_values(load("district-haiphong")) | changes}


def city(tmp_path: Path, units: object, **top: object) -> Path:
    """A city file in ``tmp_path`` with these units and every other value met."""
    values = {k: v for k, v in meeting_values(load("city")).items() if k != "2.1.2"}
    data = {"criteria": "city", "unit": "Thành phố Hải Phòng", "period": 2022, "units": units}
    data |= {"values": values} | top
    path = tmp_path / "city.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def problems(path: Path) -> list[tuple[str, str]]:
    with pytest.raises(InputError) as info:
        read_assessment(path)
    return [(format_path(p.path), p.code) for p in info.value.problems]


# --- the bundled example -----------------------------------------------------------------------


def test_the_example_city_counts_recognised_districts_over_all_14() -> None:
    result = evaluate_file(ROLLUP)
    rolled = result.indicator("2.1.2")
    assert (rolled.count, rolled.total) == (6, 14)
    assert (result.status, result.decided_by) == ("not_recognised", ("2.1.2",))
    pilot = set(locality("hai-phong").pilot.units)  # type: ignore[union-attr]
    in_list_order = [u.name for u in locality("hai-phong").units if u.name in pilot]
    assert [u.unit for u in result.units] == in_list_order
    assert [u.criteria.id for u in result.units] == ["district-haiphong"] * 8
    assert [u.name for u in rolled.units] == [u.name for u in locality("hai-phong").units]
    blocker = result.blockers[0].message
    assert blocker.en == (
        "2.1.2: ≈42.86% (6/14); level 1 needs at least 70%: 4 more districts recognised as "
        "learning districts; closest: Quận Hải An (not recognised: 1 indicator not met "
        "(2.1.1)), Huyện Vĩnh Bảo (incomplete: 2 indicators without data (2.2.2, 3.2.2))"
    )
    assert blocker.vi.startswith("2.1.2: ≈42,86% (6/14); mức 1 cần từ 70%: thêm 4 quận/huyện")


def test_the_city_trace_names_every_unit_and_the_views_show_the_tree() -> None:
    result = evaluate_file(ROLLUP)
    step = next(c for c in result.trace.children[1].children if c.id == "2.1.2")
    assert [(s.id, s.outcome) for s in step.children][:3] == [
        ("Quận Hồng Bàng", "counted"),
        ("Quận Ngô Quyền", "not_counted"),
        ("Quận Lê Chân", "counted"),
    ]
    assert step.children[1].observed is not None
    assert step.children[1].observed.vi == "chưa được đánh giá, tính là chưa được công nhận"
    text = result.render("text", "vi")
    assert "══ Đơn vị cấp huyện 2/8: Quận Lê Chân " in text
    assert text.count("Kết luận:") == 9  # the city and its 8 districts
    assert result.render("markdown", "en").count("District-level unit ") == 8
    assert result.render("html", "en").count("<details><summary>District-level unit") == 8


def test_the_city_json_keeps_each_district_in_the_shape_of_one() -> None:
    data = json.loads(evaluate_file(ROLLUP).render("json"))
    single = json.loads(evaluate_file(EXAMPLES / "district-le-chan.yaml").render("json"))
    assert len(data["units"]) == 8
    assert set(data["units"][1]) == set(single)
    assert data["units"][1]["trace"] == single["trace"]
    # The city's trace links to each district's record by the district's name.
    p2 = data["trace"]["children"][1]["children"]
    steps = next(step for step in p2 if step["id"] == "2.1.2")["children"]
    records = {record["unit"] for record in data["units"]}
    assert records <= {step["id"] for step in steps}
    units = data["indicators"][6]["units"]
    assert units[1] == {
        "name": "Quận Ngô Quyền",
        "counted": False,
        "vi": "chưa được đánh giá, tính là chưa được công nhận",
        "en": "not assessed, counted as not recognised",
    }


def test_a_city_evaluation_pickles_and_hashes_its_districts(tmp_path: Path) -> None:
    result = evaluate_file(ROLLUP)
    assert pickle.loads(pickle.dumps(result)) == result
    one = city(tmp_path, {"locality": "hai-phong", "assessed": [district("Quận Lê Chân")]})
    before = evaluate_file(one).input_hash
    city(
        tmp_path, {"locality": "hai-phong", "assessed": [district("Quận Lê Chân", **{"2.2.1": 94})]}
    )
    assert evaluate_file(one).input_hash != before


# --- readings ----------------------------------------------------------------------------------


def test_recognising_one_more_district_raises_the_share(tmp_path: Path) -> None:
    names = ["Quận A", "Quận B", "Huyện C", "Huyện D"]
    low = district("Quận B", **{"2.1.1": 60})
    path = city(tmp_path, {"names": names, "assessed": [district("Quận A"), low]})
    assert evaluate_file(path).indicator("2.1.2").value == 25
    path = city(tmp_path, {"names": names, "assessed": [district("Quận A"), district("Quận B")]})
    assert evaluate_file(path).indicator("2.1.2").value == 50


def test_unknown_units_leave_the_share_without_data_when_the_set_says_so(tmp_path: Path) -> None:
    spec = load("city")
    measure = spec.indicator("2.1.2").measure
    rollup = measure.rollup.evolve(unassessed="unknown")  # type: ignore[union-attr]
    unknown = spec.evolve(indicators={"2.1.2": {"measure": measure.evolve(rollup=rollup)}})
    path = city(tmp_path, {"names": ["Quận A", "Quận B"], "assessed": [district("Quận A")]})
    result = evaluate_file(path, criteria=unknown)
    assert result.status == "incomplete"
    assert result.indicator("2.1.2").outcome == "missing"
    assert [u.counted for u in result.indicator("2.1.2").units] == [True, None]


def test_a_unit_left_out_of_the_total_is_read_and_shown_not_counted(tmp_path: Path) -> None:
    # Bạch Long Vĩ is Hải Phòng's, but the locality leaves it out of 2.1.2's total (an island
    # district with no communes). Its assessment was refused as "not in the list"; it is
    # read, shown with its reason, and counted in neither figure, even recognised.
    assessed = [district("Quận Lê Chân")]
    without = evaluate_file(city(tmp_path, {"locality": "hai-phong", "assessed": assessed}))
    assessed.append(district("Huyện Bạch Long Vĩ"))
    result = evaluate_file(city(tmp_path, {"locality": "hai-phong", "assessed": assessed}))
    rolled = result.indicator("2.1.2")
    before = without.indicator("2.1.2")
    assert (rolled.count, rolled.total) == (before.count, before.total) == (1, 14)
    assert [u.unit for u in result.units] == ["Quận Lê Chân", "Huyện Bạch Long Vĩ"]
    island = rolled.units[-1]
    assert (island.name, island.counted) == ("Huyện Bạch Long Vĩ", False)
    assert island.words.vi.startswith("không tính vào mẫu số: Huyện đảo không có đơn vị")
    assert "Bạch Long Vĩ" not in result.blockers[0].message.en  # never the closest to counting
    data = json.loads(result.render("json"))
    given = data["indicators"][[i["id"] for i in data["indicators"]].index("2.1.2")]["given"]
    assert given["units"][-1] == {"name": "Huyện Bạch Long Vĩ", "counted": False, "in_total": False}


# --- every bad input located, nothing else lost ------------------------------------------------


def test_every_bad_district_is_located_and_the_others_still_read(tmp_path: Path) -> None:
    (tmp_path / "other-set.yaml").write_text(
        yaml.safe_dump({"criteria": "district", **district("Quận Hải An")}, allow_unicode=True),
        encoding="utf-8",
    )
    (tmp_path / "broken.yaml").write_text("unit: [", encoding="utf-8")
    assessed = [
        district("Quận Lê Chân"),
        district("Quận Lê Chân"),
        district("Huyện Gia Lâm"),
        {**district("Quận Đồ Sơn"), "period": 2021},
        district("Quận Kiến An", **{"2.1.1": 140}),
        "other-set.yaml",
        "broken.yaml",
        "missing.yaml",
    ]
    found = problems(city(tmp_path, {"locality": "hai-phong", "assessed": assessed}))
    assert ("units.assessed[1]", "duplicate_unit") in found
    assert ("units.assessed[2]", "not_a_unit") in found
    assert ("units.assessed[3]", "period_mismatch") in found
    assert ('units.assessed[4].values["2.1.1"]', "percent_range") in found
    assert ("units.assessed[5]", "wrong_set") in found
    assert ("units.assessed[6]", "bad_assessment") in found
    assert ("units.assessed[7]", "bad_assessment") in found
    assert any(code == "yaml_syntax" for _, code in found)
    assert any(code == "file_not_found" for _, code in found)
    assert not any(where.startswith("units.assessed[0]") for where, _ in found)


def test_a_bad_list_of_units_is_located(tmp_path: Path) -> None:
    assert problems(city(tmp_path, {"locality": "ha-noi"})) == [
        ("units.locality", "file_not_found")
    ]
    assert problems(city(tmp_path, {"locality": "hai-phong", "names": ["A"]})) == [
        ("units", "no_units")
    ]
    assert problems(city(tmp_path, {"names": ["Quận A", "quận a", 3]})) == [
        ("units.names[1]", "duplicate_unit"),
        ("units.names[2]", "wrong_type"),
    ]
    assert problems(city(tmp_path, {"names": []})) == [("units.names", "no_units")]
    assert problems(city(tmp_path, ["Quận A"])) == [("units", "not_a_mapping")]
    assert problems(city(tmp_path, {"names": ["A"], "assessed": "a.yaml", "of": 1})) == [
        ("units.of", "unknown_key"),
        ("units.assessed", "not_a_list"),
    ]


def test_2_1_2_is_rolled_up_or_given_not_both(tmp_path: Path) -> None:
    path = city(tmp_path, {"names": ["Quận A"]})
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["values"]["2.1.2"] = 80
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert problems(path) == [('values["2.1.2"]', "rolled_up_twice")]


def test_a_district_has_no_units_to_roll_up(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_text(
        yaml.safe_dump({"criteria": "district", **district("Quận A"), "units": {"names": ["X"]}}),
        encoding="utf-8",
    )
    assert problems(path) == [("units", "no_rollup")]


def test_a_locality_lists_each_unit_once_and_its_pilot_among_them() -> None:
    hp = locality("hai-phong")
    with pytest.raises(SpecError) as info:
        hp.evolve(units=(*hp.units, hp.units[0]))
    assert info.value.codes == ("duplicate_unit",)
    with pytest.raises(SpecError) as info:
        hp.evolve(pilot={"source": "x", "units": ["Quận Ba Đình"]})
    assert info.value.codes == ("not_a_unit",)
    assert hp.unit("quận lê chân") == hp.units[2]
    with pytest.raises(SpecError):
        locality("ha-noi")


def test_a_set_rolls_up_one_indicator_at_most() -> None:
    spec = load("city")
    rollup = spec.indicator("2.1.2").measure.rollup  # type: ignore[union-attr]
    second = spec.indicator("2.2.4").measure.evolve(rollup=rollup)
    with pytest.raises(SpecError) as info:
        spec.evolve(indicators={"2.2.4": {"measure": second}})
    assert info.value.codes == ("second_rollup",)
