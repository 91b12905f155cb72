"""The set in force for a tier and a year (criteria/registry.yaml), read from the dates of
the law: the 2022 pilot, Thông tư 25/2023 and 24/2023 from 2024, the district level gone
from 01/7/2025.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hoctap import evaluate_file, load
from hoctap.cli import main
from hoctap.errors import InputError, SpecError
from hoctap.files._loading import registry
from hoctap.spec._registry import Registry

YES = dict.fromkeys(("1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "3.1", "3.2", "3.3", "4.1"), "đạt")


def commune(**top: Any) -> dict[str, Any]:
    return {"unit": "Xã Minh Họa", **top, "values": YES}


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_a_commune_picks_thong_tu_25_each_year(year: int) -> None:
    ev = evaluate_file(commune(period=year))  # "Xã ..." says the tier; the period, the year
    assert ev.criteria.id == "tt25-commune"
    chosen = ev.to_dict()["criteria"]["chosen"]
    assert chosen == {
        "by": "tier and year",
        "set": "tt25-commune",
        "tier": "commune",
        "year": year,
        "locality": None,
    }


def test_the_tier_may_be_given_or_said_by_the_kind() -> None:
    assert evaluate_file(commune(tier="commune", period=2025)).criteria.id == "tt25-commune"
    assert evaluate_file(commune(kind="phường", period="2025")).criteria.id == "tt25-commune"


def test_a_district_picks_the_pilot_in_2022_and_thong_tu_25_in_2024() -> None:
    pilot = {"unit": "Quận Lê Chân", "period": 2022, "values": {}}
    assert evaluate_file({**pilot, "locality": "hai-phong"}).criteria.id == "district-haiphong"
    assert evaluate_file({**pilot, "locality": "ba-ria-vung-tau"}).criteria.id == "district"
    assert evaluate_file({**pilot, "period": 2024}).criteria.id == "tt25-district"
    assert load("district", year=2024).id == "tt25-district"


def test_two_pilot_sets_in_2022_ask_for_the_locality() -> None:
    with pytest.raises(InputError) as caught:
        evaluate_file({"unit": "Quận Lê Chân", "period": 2022, "values": {}})
    (problem,) = caught.value.problems
    assert problem.code == "no_set_in_force"
    assert "district 2022 (ba-ria-vung-tau)" in problem.message.en
    assert "district-haiphong 2022 (hai-phong)" in problem.message.en


@pytest.mark.parametrize("year", [2025, 2026])
def test_a_district_after_the_2025_reform_is_refused_with_the_reason(year: int) -> None:
    with pytest.raises(InputError) as caught:
        evaluate_file({"unit": "Huyện Minh Họa", "period": year, "values": {}})
    (problem,) = caught.value.problems
    assert problem.code == "no_set_in_force"
    assert problem.message.vi.startswith(f"không còn cấp huyện năm {year}: từ ngày 01/7/2025")
    assert "district level is gone" in problem.message.en
    with pytest.raises(SpecError, match="không còn cấp huyện"):
        load("district", year=year)


def test_a_year_no_set_covers_names_what_exists() -> None:
    with pytest.raises(SpecError) as caught:
        load("commune", year=2023)
    assert "tt25-commune 2024–" in str(caught.value)
    with pytest.raises(SpecError) as caught:
        load("city", year=2024)  # a centrally-run city is province level under Thông tư 25
    assert "city 2022 (hai-phong) → tt25-province" in str(caught.value)


def test_a_named_set_always_wins() -> None:
    ev = evaluate_file({"criteria": "district", "unit": "Huyện X", "period": 2026, "values": {}})
    assert ev.criteria.id == "district"
    assert ev.to_dict()["criteria"]["chosen"] == {"by": "name"}
    assert ev.warnings  # judged outside the set's dates: said, not refused


def test_a_unit_whose_tier_is_not_known_is_asked_for_it() -> None:
    with pytest.raises(InputError) as caught:
        evaluate_file({"unit": "Thành phố Minh Họa", "period": 2025, "values": {}})
    (problem,) = caught.value.problems
    assert problem.code == "no_criteria"
    assert tuple(problem.path) == ("tier",)
    assert "give criteria (a set's name) or tier" in problem.message.en


def test_every_entry_names_a_set_that_judges_its_tier() -> None:
    units = {"unit-district": "organisation", "unit-province": "organisation"}
    for entry in registry().sets:
        assert load(entry.set).unit == units.get(entry.tier, entry.tier), entry.set


_TIERS = ["commune", "district", "province"]
_PLACES = ["hai-phong", "ba-ria-vung-tau"]


@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "set": st.sampled_from(["a", "b", "c"]),
                "tier": st.sampled_from(_TIERS),
                "years": st.integers(2020, 2030).flatmap(
                    lambda start: st.fixed_dictionaries(
                        {"start": st.just(start)},
                        optional={"end": st.integers(start, 2031)},
                    )
                ),
                "localities": st.lists(st.sampled_from(_PLACES), max_size=2, unique=True),
            }
        ),
        min_size=1,
        max_size=5,
    )
)
def test_a_registry_gives_at_most_one_set_for_every_tier_year_and_locality(
    entries: list[dict[str, Any]],
) -> None:
    """Any registry hoctap accepts has one set at most for every tier, year and locality."""
    tiers = [{"id": t, "name": {"vi": t, "en": t}} for t in _TIERS]
    try:
        found = Registry.model_validate({"tiers": tiers, "sets": entries})
    except ValueError:
        return  # refused: two entries overlap (the model says which)
    for tier in _TIERS:
        for year in range(2019, 2033):
            for place in _PLACES:
                assert sum(e.serves(tier, year, place) for e in found.sets) <= 1


def test_the_bundled_registry_gives_at_most_one_set() -> None:
    found = registry()
    for tier in found.tiers:
        for year in range(2000, 2101):
            for place in ("hai-phong", "ba-ria-vung-tau", "elsewhere"):
                assert sum(e.serves(tier.id, year, place) for e in found.sets) <= 1


def test_the_sets_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sets", "--year", "2024", "--lang", "en"]) == 0
    table = capsys.readouterr().out
    assert "tt25-commune        commune level" in table
    assert "\ndistrict-haiphong " not in table  # the pilot covered 2022 only
    assert (
        "tt25-district       district level                   2024   everywhere  replaces district, district-haiphong"
        in table
    )
    assert "district level (30/06/2025): from 01/7/2025" in table
    assert main(["sets", "--tier", "commune", "--year", "2025"]) == 0
    assert capsys.readouterr().out == "tt25-commune\n"
    assert main(["sets", "--tier", "district", "--year", "2026"]) == 2
    assert "không còn cấp huyện năm 2026" in capsys.readouterr().err


def test_the_calendar_on_27_february_and_on_1_march(capsys: pytest.CaptureFixture[str]) -> None:
    """Thông tư 25/2023 Điều 9: the commune's dossier before 28/02, the decision before 31/03."""
    assert main(["calendar", "--tier", "commune", "--year", "2024", "--on", "2025-02-27"]) == 0
    feb = capsys.readouterr().out.splitlines()
    assert feb[1].startswith(
        "- trước 28/02/2025 (Thông tư 25/2023/TT-BGDĐT, Điều 9 khoản 1 điểm d)"
    )
    assert feb[1].endswith("; còn 1 ngày")
    assert feb[2].endswith("; còn 32 ngày")
    assert main(["calendar", "--tier", "commune", "--year", "2024", "--on", "2025-03-01"]) == 0
    march = capsys.readouterr().out.splitlines()
    assert march[1].endswith("; đã quá hạn")  # "trước ngày 28": on the 28th it is late
    assert march[2].endswith("; còn 30 ngày")


def test_the_calendar_says_when_the_body_a_dossier_goes_to_is_gone(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["calendar", "--tier", "commune", "--year", "2025", "--lang", "en"]) == 0
    text = capsys.readouterr().out
    assert "[The Office of Education and Training was a district body, gone from 01/7/2025" in text
    assert main(["calendar", "--tier", "commune", "--year", "2024", "--lang", "en"]) == 0
    assert "gone from" not in capsys.readouterr().out  # due 28/02/2025: it still existed
    assert main(["calendar", "--tier", "district", "--year", "2026"]) == 2
    assert main(["calendar", "--tier", "commune", "--year", "2024", "--on", "28/02/2025"]) == 2
    assert "must be a date written YYYY-MM-DD" in capsys.readouterr().err


def test_an_unknown_tier_and_another_sets_assessment_are_refused(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Not an empty table, not one set's dates applied to another set's decisions."""
    assert main(["sets", "--tier", "ward"]) == 2
    assert "there is no tier 'ward' (there are: commune, district" in capsys.readouterr().err
    commune = str(Path(__file__).parents[2] / "examples" / "minh-hoa-2024" / "xa-mot.yaml")
    assert main(["calendar", "--tier", "commune", "--year", "2024", "--from", commune]) == 0
    capsys.readouterr()
    assert main(["calendar", "--tier", "district", "--year", "2024", "--from", commune]) == 2
    assert "is under 'tt25-commune' but the calendar is for 'tt25-district'" in (
        capsys.readouterr().err
    )


def test_a_roll_up_counts_the_units_of_its_year_and_refuses_a_dissolved_tier() -> None:
    """Hải Phòng's district-level units hold for 2022; from 01/7/2025 there are none."""
    city = {"criteria": "city", "unit": "Thành phố Hải Phòng", "values": {}}
    ev = evaluate_file({**city, "period": 2022, "units": {"locality": "hai-phong"}})
    assert ev.indicator("2.1.2").total == 14  # the 2022 list, Bạch Long Vĩ left out
    with pytest.raises(InputError) as caught:
        evaluate_file({**city, "period": 2026, "units": {"locality": "hai-phong"}})
    (problem,) = caught.value.problems
    assert problem.code == "list_not_in_force"
    assert tuple(problem.path) == ("units", "locality")
    assert "does not hold for 2026: from 01/7/2025 there is no district level" in problem.message.en
    assert "hoctap does not guess one" in problem.message.en
