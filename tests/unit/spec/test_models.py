"""Every rule prints as the rule it is; thresholds are exact and explicit."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import ValidationError

from hoctap import load
from hoctap.spec.models import Band, Change, Percent, Threshold


def test_rules_print_as_written() -> None:
    province = load("province")
    assert [str(province.indicator(i)) for i in ("1.1.1", "2.1.1", "3.1.1", "3.1.2", "3.2.3")] == [
        "1.1.1 attested as met",
        "2.1.1 ≥ 70%",
        "3.1.1 rises by > 0 against the previous year",
        "3.1.2 falls by ≥ 1.5 percentage points against the previous year",
        "3.2.3 < 0.05%",
    ]
    assert str(province.recognition.prerequisites[1]) == "P2: all met: 2.1, 2.2"
    assert province.recognition.levels[1].rule("2.1.2") == "80% < 2.1.2 ≤ 90% → level 2"


def test_a_threshold_has_exactly_one_comparison() -> None:
    assert Threshold(at_least=Decimal(70)).op == ">="
    with pytest.raises(ValidationError, match="exactly one"):
        Threshold(at_least=Decimal(70), below=Decimal(90))
    with pytest.raises(ValidationError, match="exactly one"):
        Threshold()


def test_numbers_are_exact_and_text_is_not_coerced() -> None:
    assert Threshold.model_validate({"below": 0.05}).value == Decimal("0.05")
    for bad in ("70", True, None, [70]):
        with pytest.raises(ValidationError):
            Threshold.model_validate({"at_least": bad})


def test_percent_thresholds_stay_within_0_and_100() -> None:
    with pytest.raises(ValidationError, match="between 0 and 100"):
        Percent.model_validate({"kind": "percent", "meets": {"at_least": 170}})


def test_points_only_fit_a_percent_quantity() -> None:
    with pytest.raises(ValidationError, match="points"):
        Change.model_validate(
            {
                "kind": "change",
                "quantity": "amount",
                "direction": "rise",
                "unit": "points",
                "meets": {"above": 0},
            }
        )


def test_band_edges() -> None:
    band = Band.model_validate(
        {"level": 2, "above": 80, "at_most": 90, "text": {"vi": "a", "en": "b"}}
    )
    assert (band.low, band.low_inclusive, band.high, band.high_inclusive) == (
        Decimal(80),
        False,
        Decimal(90),
        True,
    )
    with pytest.raises(ValidationError, match="one lower edge"):
        Band.model_validate(
            {"level": 2, "above": 80, "at_least": 80, "at_most": 90, "text": {"vi": "a", "en": "b"}}
        )


def test_titles_by_kind_of_unit() -> None:
    district = load("district")
    assert district.title_for("Quận").vi == "Quận học tập"
    assert district.title_for("thị xã").en == "Learning town"
    assert district.title_for(None).vi == "Huyện/thành phố học tập"
    assert district.title_for("phường").kind == "default"
