"""Two kinds the law in force needs: a standard reached at a level, and a plain count.

Thông tư 25/2023 Điều 6-7: "Xã đạt chuẩn phổ cập giáo dục tiểu học mức độ 2" (level 1),
"mức độ 3" (level 2), under Nghị định 20/2014; Điều 16 khoản 3 điểm d: "Bảo tàng tỉnh xây
dựng và triển khai tối thiểu 04 chương trình giáo dục ... trong năm".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from hoctap import InputError, SpecError, evaluate, evaluate_many, load, template
from hoctap.testing import meeting_values

if TYPE_CHECKING:
    from hoctap.spec.models import CriteriaSet

PRIMARY = {
    "kind": "attainment",
    "of": {"vi": "phổ cập giáo dục tiểu học", "en": "universal primary education"},
    "source": "Nghị định 20/2014/NĐ-CP",
    "top": 3,
    "meets": {"at_least": 2},
}
PROGRAMMES = {
    "kind": "count",
    "counted": {"vi": "chương trình giáo dục", "en": "education programmes"},
    "meets": {"at_least": 4},
}


def with_new_kinds(**more: dict[str, object]) -> CriteriaSet:
    """The district set with 3.2.1 an attainment and 1.1.1 a count."""
    return load("district").evolve(
        id="district-new-kinds",
        indicators={"3.2.1": {"measure": PRIMARY | more}, "1.1.1": {"measure": PROGRAMMES}},
    )


def values(**changes: object) -> dict[str, object]:
    return meeting_values(with_new_kinds()) | changes


def test_a_level_reached_is_read_as_a_number_or_in_words() -> None:
    spec = with_new_kinds()
    assert values()["3.2.1"] == 3  # meeting values reach the top level
    for given in (2, "mức độ 2", "Mức 2", "level 2", 3):
        assert evaluate(spec, values(**{"3.2.1": given})).indicator("3.2.1").outcome == "met"
    for given in (1, "mức độ 1", 0, "chưa đạt"):
        assert evaluate(spec, values(**{"3.2.1": given})).indicator("3.2.1").outcome == "not_met"


def test_a_level_the_standard_does_not_have_is_refused_where_it_stands() -> None:
    for given in (4, -1, "mức độ 5", "hai", 2.5, True):
        with pytest.raises(InputError) as info:
            evaluate(with_new_kinds(), values(**{"3.2.1": given}))
        assert info.value.codes == ("bad_attainment",)
        assert info.value.problems[0].path == ("values", "3.2.1")
        assert "từ 0 (chưa đạt) đến 3" in info.value.problems[0].message.vi


def test_the_blockers_say_what_is_missing_in_the_laws_words() -> None:
    spec = with_new_kinds()
    result = evaluate(spec, values(**{"3.2.1": "mức độ 1"}))
    assert result.blockers[0].message.vi == (
        "3.2.1: phổ cập giáo dục tiểu học mức độ 1; mức 1 cần phổ cập giáo dục tiểu học đạt mức độ 2"
    )
    result = evaluate(spec, values(**{"1.1.1": 3}))
    assert result.blockers[0].message.en == (
        "1.1.1: 3 education programmes; level 1 needs at least 4: 1 more"
    )
    assert result.blockers[0].message.vi == "1.1.1: 3 chương trình giáo dục; mức 1 cần từ 4: thêm 1"
    assert evaluate(spec, values(**{"1.1.1": 4})).indicator("1.1.1").outcome == "met"


def test_a_count_is_a_whole_number() -> None:
    for given in (-1, 2.5, "bốn"):
        with pytest.raises(InputError) as info:
            evaluate(with_new_kinds(), values(**{"1.1.1": given}))
        assert info.value.problems[0].path == ("values", "1.1.1")


def test_thresholds_the_kinds_cannot_have_are_refused() -> None:
    with pytest.raises(SpecError) as info:
        with_new_kinds(meets={"at_least": 4})  # the standard's top is 3
    assert info.value.codes == ("out_of_range",)
    with pytest.raises(SpecError) as info:
        load("district").evolve(
            indicators={"1.1.1": {"measure": PROGRAMMES | {"meets": {"at_least": 2.5}}}}
        )
    assert info.value.codes == ("out_of_range",)


def test_the_rule_the_form_and_the_table_take_the_new_kinds() -> None:
    spec = with_new_kinds()
    assert str(spec.indicator("3.2.1")) == "3.2.1 ≥ level 2"
    assert spec.indicator("3.2.1").measure.describe("vi") == "phổ cập giáo dục tiểu học ≥ mức độ 2"
    assert str(spec.indicator("1.1.1")) == "1.1.1 ≥ 4"
    form = str(template(spec, fmt="csv"))
    assert "mức độ đạt chuẩn (0 nếu chưa đạt)" in form
    assert "số đếm (số nguyên)" in form
    rows = [
        {"unit": f"Huyện {n}", "3.2.1": n % 4, "1.1.1": n % 6}
        | {
            k: v
            for k, v in values().items()
            if k not in {"3.2.1", "1.1.1"} and not isinstance(v, dict)
        }
        for n in range(40)
    ]
    table = evaluate_many(spec, rows)
    one_by_one = [evaluate(spec, {k: v for k, v in r.items() if k != "unit"}) for r in rows]
    assert [t["status"] for t in table] == [e.status for e in one_by_one]
