"""The law in force, end to end: a district judged on its communes' own assessments
(Thông tư 25/2023 Điều 11, 12 khoản 4 điểm a) against the same counts typed in, and the
invented examples of both Circulars.

The communes here are invented ("Xã Minh Họa 01"...): hoctap holds no list of any
district's communes.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from hypothesis import given
from hypothesis import strategies as st

from hoctap import evaluate, evaluate_file, read_assessment
from hoctap.results.evaluation import evaluate_assessment

if TYPE_CHECKING:
    from collections.abc import Sequence

TOP = dict.fromkeys(("1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "3.1", "3.2", "3.3", "4.1"), "đạt")
COMMUNE_LEVEL_2 = {
    **TOP,
    "4.2": 3,
    "4.3": 3,
    "4.4": 2,
    "5.1": 80,
    "5.2": {"đào tạo": 60, "đại học": 15},
}
DISTRICT_REST = {
    **dict.fromkeys(("1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "3.3"), "đạt"),
    "4.2": {"previous": 52.1, "current": 55.3},
    "4.3": {"previous": 70.5, "current": 70.6},
}


def commune(name: str, level: int) -> dict[str, Any]:
    """A commune's assessment that the law recognises at ``level`` (0: not recognised)."""
    values = dict(COMMUNE_LEVEL_2)
    if level == 1:
        values["5.1"] = 60  # "ít nhất 60%" for level 1, short of level 2's 80%
    if level == 0:
        values["1.1"] = "không đạt"
    return {"criteria": "tt25-commune", "unit": name, "period": 2024, "values": values}


def district(levels: Sequence[int | None]) -> dict[str, Any]:
    """A district with one commune per entry: its level, or None for no assessment."""
    names = [f"Xã Minh Họa {n:02d}" for n in range(1, len(levels) + 1)]
    return {
        "criteria": "tt25-district",
        "unit": "Huyện Minh Họa",
        "period": 2024,
        "values": DISTRICT_REST,
        "units": {
            "names": names,
            "assessed": [
                commune(n, lv) for n, lv in zip(names, levels, strict=True) if lv is not None
            ],
        },
    }


def typed(levels: Sequence[int | None]) -> dict[str, object]:
    """The same communes as counts by level (one without an assessment is not recognised)."""
    return {
        **DISTRICT_REST,
        "4.1": {
            "total": len(levels),
            "level_1": list(levels).count(1),
            "level_2": list(levels).count(2),
        },
    }


def test_a_district_rolled_up_from_twenty_commune_assessments() -> None:
    levels: list[int | None] = [*[2] * 17, 1, 0, None]  # 17 at level 2: 85% < 90%
    ev = evaluate_assessment(read_assessment(district(levels)))
    assert (ev.status, ev.level, ev.decided_by) == ("recognised", 1, ("4.1",))
    result = ev.indicator("4.1")
    assert (result.count, result.total, result.by_level) == (18, 20, (1, 17))
    assert "thêm 1 xã đạt mức độ 2" in ev.blockers[0].message.vi
    words = {u.name: u.words.vi for u in result.units}
    assert words["Xã Minh Họa 01"] == "“Cộng đồng học tập” cấp xã mức độ 2"
    assert words["Xã Minh Họa 18"] == "“Cộng đồng học tập” cấp xã mức độ 1"
    assert words["Xã Minh Họa 20"] == "chưa được đánh giá, tính là chưa được công nhận"
    # The same twenty communes, typed in as counts by level, decide the same way.
    same = evaluate("tt25-district", typed(levels), unit="Huyện Minh Họa", period=2024)
    assert (same.status, same.level, same.decided_by) == (ev.status, ev.level, ev.decided_by)


def test_eighteen_communes_at_level_two_give_the_district_level_two() -> None:
    ev = evaluate_assessment(read_assessment(district([2] * 18 + [1, 1])))
    assert (ev.status, ev.level) == ("recognised", 2)


@given(st.lists(st.sampled_from([0, 1, 2, None]), min_size=1, max_size=12))
def test_counts_typed_in_equal_the_same_communes_rolled_up(levels: list[int | None]) -> None:
    rolled = evaluate_assessment(read_assessment(district(levels)))
    same = evaluate("tt25-district", typed(levels), unit="Huyện Minh Họa", period=2024)
    assert (rolled.status, rolled.level, rolled.decided_by) == (
        same.status,
        same.level,
        same.decided_by,
    )
    assert rolled.indicator("4.1").value == same.indicator("4.1").value
    # The same words; rolled up, they also name the communes nearest to counting.
    for mine, typed_in in zip(rolled.blockers, same.blockers, strict=True):
        assert mine.message.vi.startswith(typed_in.message.vi)
        assert mine.message.en.startswith(typed_in.message.en)


EXAMPLES = Path(__file__).parents[2] / "examples" / "minh-hoa-2024"


def test_the_examples_are_marked_invented_and_give_what_their_comments_say() -> None:
    expected = {
        "xa-mot.yaml": 2,
        "xa-hai.yaml": 2,
        "xa-ba.yaml": 1,
        "xa-bon.yaml": 1,  # disadvantaged: 45% and 11% meet 40% and 10%, not 50% and 12%
        "xa-nam.yaml": 0,
        "huyen-minh-hoa.yaml": 0,  # 4 of its 5 communes recognised: 80% < 90%
        "tinh-minh-hoa.yaml": 1,  # 8 of 10 districts at level 2: 80% < 90%
        "truong-thcs-minh-hoa.yaml": 1,  # Thông tư 24: 94% of members trained digitally
    }
    assert sorted(p.name for p in EXAMPLES.glob("*.yaml")) == sorted(expected)
    for name, level in expected.items():
        text = (EXAMPLES / name).read_text(encoding="utf-8")
        assert text.startswith("# INVENTED DATA"), name
        assert "Dữ liệu GIẢ ĐỊNH" in text.splitlines()[1], name
        assert evaluate_file(EXAMPLES / name).level == level, name
