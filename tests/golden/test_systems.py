"""Golden cases of the system around one evaluation, in policy vocabulary.

A district judged on its 20 communes' ratings; a city of 14 district-level units, 8 of
them assessed; the two parts of 3.1.5 with one failing; an agency with two reports
still missing after the deadline. Every figure here is invented.
"""

from __future__ import annotations

from typing import Any

from hoctap import duties_for, evaluate, load, read_assessment
from hoctap.results.evaluation import evaluate_assessment
from hoctap.testing import meeting_values


def district_values(**changes: object) -> dict[str, object]:
    """A Hải Phòng district meeting every rule at level 3; ``changes`` replace values."""
    return meeting_values(load("district-haiphong")) | changes


def city_values(**changes: object) -> dict[str, object]:
    """The city meeting every rule at level 3, 2.1.2 left to its districts."""
    values = meeting_values(load("city")) | changes
    del values["2.1.2"]
    return values


def test_a_district_of_20_communes_judged_on_their_ratings() -> None:
    # Huyện Tiên Lãng (invented): 17 communes rated Khá or better, 3 not.
    ratings = ["Tốt"] * 5 + ["Khá"] * 12 + ["Trung bình", "Không đạt", "Trung bình"]
    names = [f"Xã {n}" for n in range(1, 18)] + ["Xã An Hòa", "Xã Bình", "Xã Cấp Tiến"]
    communes = [{"name": n, "rating": r} for n, r in zip(names, ratings, strict=True)]
    scores = [95, 91, 88, 86, 85, 84.5, 80, 77, 70, 62]
    agencies = [{"name": f"Phòng {n}", "score": s} for n, s in enumerate(scores, 1)]
    result = evaluate(
        "district-haiphong",
        district_values(**{"2.1.2": {"units": communes}, "2.1.1": {"units": agencies}}),
        unit="Huyện Tiên Lãng",
    )
    assert (result.status, result.level) == ("recognised", 2)
    assert result.decided_by == ("2.1.1", "2.1.2")
    assert result.title is not None
    assert result.title.vi == "Huyện học tập mức độ 2"
    communes_result = result.indicator("2.1.2")
    assert (communes_result.count, communes_result.total) == (17, 20)
    assert [u.name for u in communes_result.units if not u.counted] == [
        "Xã An Hòa",
        "Xã Bình",
        "Xã Cấp Tiến",
    ]
    agencies_blocker, communes_blocker = result.blockers
    assert agencies_blocker.message.vi == (
        "2.1.1: 90% (9/10); mức 3 cần trên 90%: thêm 1 cơ quan, đơn vị xếp loại Khá trở lên; "
        "gần nhất: Phòng 10 (Trung bình, 62 điểm)"
    )
    assert communes_blocker.message.vi == (
        "2.1.2: 85% (17/20); mức 3 cần trên 90%: thêm 2 xã, phường, thị trấn xếp loại Khá "
        "trở lên; gần nhất: Xã An Hòa (Trung bình), Xã Cấp Tiến (Trung bình)"
    )
    step = next(s for s in result.trace.children[1].children if s.id == "2.1.2")
    an_hoa = next(s for s in step.children if s.id == "Xã An Hòa")
    assert an_hoa.outcome == "not_counted"
    assert an_hoa.observed is not None
    assert an_hoa.observed.vi == "Trung bình"


def test_a_city_of_14_units_with_8_assessed() -> None:
    # The 8 pilot districts assessed: 6 recognised, Hải An not (2.1.1 at 65%), Cát Hải
    # not yet complete; the 6 others not assessed count as not recognised.
    recognised = ["Quận Hồng Bàng", "Quận Lê Chân", "Quận Dương Kinh", "Huyện Vĩnh Bảo"]
    recognised += ["Huyện Thủy Nguyên", "Huyện An Dương"]
    assessed: list[dict[str, Any]] = [{"unit": n, "values": district_values()} for n in recognised]
    assessed.append({"unit": "Quận Hải An", "values": district_values(**{"2.1.1": 65})})
    incomplete = district_values()
    del incomplete["3.2.2"]
    assessed.append({"unit": "Huyện Cát Hải", "values": incomplete})
    city = {
        "criteria": "city",
        "unit": "Thành phố Hải Phòng",
        "period": 2022,
        "units": {"locality": "hai-phong", "assessed": assessed},
        "values": city_values(),
    }
    result = evaluate_assessment(read_assessment(city))
    rolled = result.indicator("2.1.2")
    assert (rolled.count, rolled.total, rolled.met) == (6, 14, False)
    assert (result.status, result.decided_by) == ("not_recognised", ("2.1.2",))
    assert len(result.units) == 8
    (blocker,) = result.blockers
    assert blocker.message.vi == (
        "2.1.2: ≈42,86% (6/14); mức 1 cần từ 70%: thêm 4 quận/huyện được công nhận là "
        "quận/huyện học tập; gần nhất: Quận Hải An (không được công nhận: 1 chỉ báo chưa đạt "
        "(2.1.1)), Huyện Cát Hải (chưa đủ số liệu: thiếu 1 chỉ báo (3.2.2))"
    )
    # Ten recognised of 14 (≈71.43%): level 1.
    more = ["Quận Hải An", "Quận Ngô Quyền", "Quận Kiến An", "Quận Đồ Sơn"]
    assessed = [a for a in assessed if a["unit"] != "Quận Hải An"]
    assessed += [{"unit": n, "values": district_values()} for n in more]
    city["units"] = {"locality": "hai-phong", "assessed": assessed}
    result = evaluate_assessment(read_assessment(city))
    assert (result.indicator("2.1.2").count, result.status, result.level) == (10, "recognised", 1)


def test_the_parts_of_3_1_5_with_one_part_failing() -> None:
    waste = {"chất thải rắn": 94, "nước thải": {"count": 85, "total": 100}}
    values = city_values(**{"3.1.5": waste}) | {"2.1.2": 100}
    result = evaluate("city", values, unit="Thành phố Hải Phòng")
    assert (result.status, result.decided_by) == ("not_recognised", ("3.1.5",))
    part = result.indicator("3.1.5")
    assert (part.deciding, [p.met for p in part.parts]) == ("nước thải", [True, False])
    step = next(s for s in result.trace.children[0].children if s.id == "3.1.5")
    assert [(s.id, s.outcome, s.decisive) for s in step.children] == [
        ("chất thải rắn", "met", False),
        ("nước thải", "not_met", True),
    ]
    assert result.blockers[0].message.en == (
        "3.1.5: wastewater 85% (85/100); level 1 needs at least 90%: 5 percentage points higher"
    )


def test_an_agency_with_two_indicators_still_missing_on_16_12_2022() -> None:
    values = city_values()
    del values["2.2.1"], values["2.2.4"]
    city = {"criteria": "city", "unit": "Thành phố Hải Phòng", "period": 2022, "values": values}
    owed = duties_for(city, on="2022-12-16").agency("Sở Thông tin và Truyền thông")
    assert (owed.missing, owed.overdue) == (("2.2.1", "2.2.4"), ("2.2.1", "2.2.4"))
    early = duties_for(city, on="2022-12-01").agency("Sở Thông tin và Truyền thông")
    assert (early.missing, early.overdue) == (("2.2.1", "2.2.4"), ())
