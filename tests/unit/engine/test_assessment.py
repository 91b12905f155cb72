"""Reading assessments: what an official writes is accepted, nothing ambiguous is."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from hoctap import InputError, evaluate, evaluate_assessment, read_assessment

REPO = Path(__file__).resolve().parents[3]


def _problems(values: dict[str, Any], criteria: str = "district") -> list[str]:
    with pytest.raises(InputError) as info:
        evaluate(criteria, values)
    return [p.render("en") for p in info.value.problems]


@pytest.mark.parametrize("text", [85.5, "85,5", "85,5%", "85.5", " 85,5 % ", Decimal("85.50")])
def test_ways_to_write_a_share(text: object) -> None:
    result = evaluate("district", {"2.1.1": text})
    assert result.indicator("2.1.1").value == Fraction("85.5")


@pytest.mark.parametrize(
    ("text", "met"),
    [
        ("đạt", True),
        ("Đạt", True),
        ("không đạt", False),
        ("Không Đạt", False),
        (True, True),
        (False, False),
    ],
)
def test_ways_to_write_yes_and_no(text: object, *, met: bool) -> None:
    assert evaluate("district", {"1.1.1": text}).indicator("1.1.1").met is met


def test_bad_values_each_get_a_located_plain_message() -> None:
    assert _problems(
        {
            "2.1.1": 170,
            "2.1.2": {"count": 21, "total": 20},
            "2.2.1": "tám mươi",
            "2.2.2": "1.500",
            "2.2.3": {"count": 1},
            "2.2.4": True,
            "1.1.1": "yes",
            "3.1.1": 2.6,
            "3.2.2": -0.01,
            "3.1.5": {"chất thải rắn": 90, "nước thải": 90},
        }
    ) == [
        '<values>: values["2.1.1"]: a percentage must be between 0 and 100, got 170',
        '<values>: values["2.1.2"].count: the count (21) is more than the total (20)',
        "<values>: values[\"2.2.1\"]: 'tám mươi' is not a number; write digits with a decimal comma or point (and a % sign)",
        "<values>: values[\"2.2.2\"]: '1.500' could be read as two numbers (1.5 or 1500); write it without a thousands separator",
        "<values>: values[\"2.2.3\"]: 'total' is missing",
        '<values>: values["2.2.4"]: must be a number, got true',
        "<values>: values[\"1.1.1\"]: must be true/false or 'đạt'/'không đạt' (met/not met), got 'yes'",
        '<values>: values["3.1.1"]: must be {previous: ..., current: ...} (last year, this year), got 2.6',
        '<values>: values["3.2.2"]: must not be negative, got -0.01',
        (
            "<values>: values[\"3.1.5\"]: criteria set 'district' has no indicator 3.1.5 (it has 1.1.1 … 3.2.3); "
            "3.1.5 is an indicator of the city, province set(s)"
        ),
    ]


def test_counts_must_be_whole_numbers_and_totals_positive() -> None:
    assert _problems({"2.1.2": {"count": 1.5, "total": 20}, "2.1.1": {"count": 0, "total": 0}}) == [
        '<values>: values["2.1.2"].count: must be a whole number, not negative, got 1.5',
        '<values>: values["2.1.1"].total: the total must be more than 0',
    ]


def test_change_values_are_checked_for_their_quantity() -> None:
    assert _problems(
        {
            "3.1.2": {"previous": 120, "current": 2},
            "3.1.3": {"previous": 4.5, "current": 6},
            "3.1.1": {"previous": 1, "current": 2, "x": 3},
        },
        "province",
    ) == [
        '<values>: values["3.1.2"].previous: a percentage must be between 0 and 100, got 120',
        '<values>: values["3.1.3"].previous: must be a whole number, not negative, got 4.5',
        '<values>: values["3.1.1"].x: unknown key; allowed here: previous, current',
    ]


def test_file_errors_are_located_by_line(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(
        'criteria: district\nunit: Quận Lê Chân\nvalues:\n  "2.1.1": 85\n  "2.1.2": {count: 21, total: 20}\n'
        '  "2.1.1": 90\nweather: sunny\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError) as info:
        read_assessment(path)
    assert [p.render("en").replace(str(tmp_path), "T") for p in info.value.problems] == [
        "T/a.yaml:6:3: values[\"2.1.1\"]: duplicate key '2.1.1' (first at line 4); remove one of them",
    ]
    path.write_text(
        'criteria: district\nunit: Quận Lê Chân\nvalues:\n  "2.1.2": {count: 21, total: 20}\nweather: sunny\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError) as info:
        read_assessment(path)
    assert [p.render("en").replace(str(tmp_path), "T") for p in info.value.problems] == [
        "T/a.yaml:5:1: weather: unknown key; allowed here: criteria, tier, locality, unit, kind, period, history, requested_on, values, units, notes",
        'T/a.yaml:4:20: values["2.1.2"].count: the count (21) is more than the total (20)',
    ]


def test_json_assessments_are_read_exactly(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(
        '{"criteria": "district", "unit": "Huyện An Dương", "values": {"2.1.2": 80.0, "3.2.2": 0.05}}',
        encoding="utf-8",
    )
    result = evaluate_assessment(read_assessment(path))
    assert result.indicator("2.1.2").band == 1
    assert result.indicator("3.2.2").met is False
    assert result.assessment.kind == "huyện"


def test_missing_criteria_and_unit() -> None:
    with pytest.raises(InputError) as info:
        read_assessment({"values": {}})
    assert [p.message.en for p in info.value.problems] == [
        (
            "the criteria set (criteria) is needed, e.g. district; or the tier and the period, "
            "e.g. tier: commune, period: 2025"
        ),
        "the unit's name (unit) is needed, e.g. Quận Lê Chân",
    ]


def test_criteria_path_is_relative_to_the_assessment(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text(
        (REPO / "criteria" / "district.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp_path / "a.yaml").write_text("criteria: mine.yaml\nunit: X\nvalues: {}\n", encoding="utf-8")
    assert read_assessment(tmp_path / "a.yaml").criteria.id == "district"


def test_kind_from_the_unit_s_name() -> None:
    for unit, kind in [
        ("Quận Lê Chân", "quận"),
        ("Thị xã Phú Mỹ", "thị xã"),
        ("Thành phố Bà Rịa", "thành phố"),
        ("Vĩnh Bảo", None),
    ]:
        assert read_assessment({"criteria": "district", "unit": unit}).kind == kind
    assert (
        read_assessment({"criteria": "district", "unit": "Vĩnh Bảo", "kind": "huyện"}).kind
        == "huyện"
    )


def test_json_from_other_tools(tmp_path: Path) -> None:
    """Tab-indented JSON with escaped slashes reads; NaN and duplicate keys do not."""
    path = tmp_path / "a.json"
    path.write_text(
        '{\n\t"criteria": "district",\n\t"unit": "Qu\\u1eadn 1\\/A",\n\t"values": {"2.1.1": 85.0}\n}\n',
        encoding="utf-8",
    )
    result = evaluate_assessment(read_assessment(path))
    assert (result.unit, result.indicator("2.1.1").value) == ("Quận 1/A", Fraction(85))
    path.write_text(
        '{"criteria": "district", "unit": "X", "values": {"2.1.1": NaN}}', encoding="utf-8"
    )
    with pytest.raises(InputError, match="'NaN' is not a finite number"):
        read_assessment(path)
    path.write_text('{"criteria": "district",\n "unit": "X", "unit": "Y"}', encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_assessment(path)
    assert (
        info.value.problems[0]
        .render("en")
        .endswith("a.json:2:15: unit: duplicate key 'unit' (first at line 2); remove one of them")
    )


def test_a_kind_must_be_one_the_set_names() -> None:
    with pytest.raises(InputError) as info:
        read_assessment({"criteria": "district", "unit": "Vĩnh Bảo", "kind": "phường"})
    assert [p.message.en for p in info.value.problems] == [
        "criteria set 'district' has no kind of unit 'phường' (it has: quận, huyện, thị xã, thành phố)"
    ]
    with pytest.raises(InputError, match="no kind of unit 'quận'"):
        evaluate("province", {}, unit="Tỉnh X", kind="quận")
    # The kind as the set writes it, whatever the case or Unicode form it was given in.
    assert evaluate("district", {}, unit="Vĩnh Bảo", kind="Huyện").assessment.kind == "huyện"
