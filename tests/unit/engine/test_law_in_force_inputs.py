"""Bad input for the kinds of the law in force: each refused where it stands, in both languages.

Thông tư 25/2023: an attainment level the decree does not have, counts by level that add up
to more than the total, a "xã thuộc vùng khó khăn" flag on a province, a year-on-year
figure without the previous year.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from hoctap import evaluate, read_assessment
from hoctap.errors import InputError

if TYPE_CHECKING:
    from pathlib import Path


@pytest.mark.parametrize(
    "case",
    [
        (
            "tt25-commune",
            {"4.2": 4},
            None,
            "bad_attainment",
            ("values", "4.2"),
            "phải là mức độ đạt chuẩn từ 0 (chưa đạt) đến 3, nhận 4",
            "must be the level reached, from 0 (not reached) to 3, got 4",
        ),
        (
            "tt25-district",
            {"4.1": {"total": 20, "level_1": 5, "level_2": 16}},
            None,
            "count_above_total",
            ("values", "4.1"),
            "số xã đạt các mức cộng lại (21) lớn hơn tổng số (20)",
            "the communes at each level add up to 21, more than the total (20)",
        ),
        (
            "tt25-province",
            {"1.1": True},
            {"disadvantaged": True},
            "unknown_attribute",
            ("disadvantaged",),
            "bộ tiêu chí 'tt25-province' không có thuộc tính đơn vị 'disadvantaged'",
            "criteria set 'tt25-province' has no unit attribute 'disadvantaged'",
        ),
        (
            "tt25-district",
            {"4.2": {"current": 55.3}},
            None,
            "missing",
            ("values", "4.2"),
            "thiếu 'previous'",
            "'previous' is missing",
        ),
        (
            "tt25-district",
            {"4.1": {"total": 20, "level_1": 5}},
            None,
            "missing",
            ("values", "4.1"),
            "thiếu 'level_2'",
            "'level_2' is missing",
        ),
        (
            "tt25-district",
            {"4.1": {"total": 0, "level_1": 0, "level_2": 0}},
            None,
            "zero_total",
            ("values", "4.1", "total"),
            "tổng số phải lớn hơn 0",
            "the total must be more than 0",
        ),
        (
            "tt24-unit-district",
            {"3.4": "mức đáp ứng tốt"},
            {"public_body": True},
            "not_applicable",
            ("values", "3.4"),
            "chỉ tiêu 3.4 không áp dụng cho đơn vị này (chỉ áp dụng cho: cơ sở giáo dục phổ thông)",
            "indicator 3.4 does not apply to this unit (only to: a general education school)",
        ),
        (
            "tt24-unit-district",
            {"3.4": "mức đáp ứng xuất sắc"},
            {"general_school": True},
            "bad_attainment",
            ("values", "3.4"),
            "từ 0 (chưa đạt) đến 2, 1: mức đáp ứng cơ bản, 2: mức đáp ứng tốt",
            "from 0 (not reached) to 2, 1: basic, 2: good",
        ),
        (
            "tt25-commune",
            {"5.2": 55},
            None,
            "parts_needed",
            ("values", "5.2"),
            "ghi mỗi phần một giá trị (đào tạo, đại học)",
            "give each part its value (đào tạo, đại học)",
        ),
    ],
)
def test_a_bad_value_is_refused_where_it_stands(case: tuple[object, ...]) -> None:
    """(set, values, attributes, code, path, Vietnamese words, English words)."""
    criteria, values, attributes, code, path, vi, en = case
    with pytest.raises(InputError) as caught:
        evaluate(criteria, values, attributes=attributes)  # type: ignore[arg-type]
    (problem,) = caught.value.problems
    assert (problem.code, tuple(problem.path)) == (code, path)
    assert str(vi) in problem.message.vi
    assert str(en) in problem.message.en


def test_a_disadvantaged_flag_on_a_province_file_is_refused_at_its_line(tmp_path: Path) -> None:
    file = tmp_path / "p.yaml"
    file.write_text(
        "criteria: tt25-province\nunit: Tỉnh Minh Họa\ndisadvantaged: true\nvalues: {}\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        read_assessment(file)
    (problem,) = caught.value.problems
    assert problem.code == "unknown_key"
    assert str(problem).startswith(f"{file}:3:1: disadvantaged:")
