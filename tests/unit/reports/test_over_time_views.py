"""The registry, a unit's history and the calendar, where officials read them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from hoctap import SpecError, duties_for, evaluate_file, load
from hoctap.files._loading import registry
from hoctap.reports.annex import set_to_html, set_to_markdown, set_to_text
from hoctap.reports.report import report
from hoctap.testing import meeting_values

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


def test_the_annex_places_a_bundled_set_in_the_registry() -> None:
    found = registry()
    text = set_to_text(load("tt25-commune"), "en", registry=found)
    assert "Applies to: commune level, years 2024–; replaces Thông tư 44/2014/TT-BGDĐT" in text
    assert "before 28/02 of the next year: the commune's People's Committee sends" in text
    assert "Áp dụng" in set_to_markdown(load("tt25-district"), "vi", registry=found)
    assert "cấp huyện đến 30/06/2025" in set_to_html(load("tt25-district"), "vi", registry=found)
    assert "Áp dụng" not in set_to_text(load("tt25-district"), "vi")  # not said unless given


def test_a_report_gives_the_history_and_the_deadlines_of_the_unit_s_year() -> None:
    assessment = {
        "criteria": "tt25-commune",
        "unit": "Xã Minh Họa",
        "period": 2025,
        "history": [{"level": 1, "date": "2024-03-20"}],
        "values": {"1.1": "đạt"},
    }
    page = report(evaluate_file(assessment), "markdown", "en")
    assert isinstance(page, str)
    assert "Recognition over time: holds level 1" in page
    assert "kept to the end of 2027" in page
    assert "before 28/02/2026: the commune's People's Committee sends" in page
    assert "### Criterion 1." in page  # a set of two levels: tiêu chí, not tiêu chuẩn


def test_the_duties_view_gives_the_deadlines_and_which_are_overdue() -> None:
    found = duties_for(EXAMPLES / "city-hai-phong-2022-12.yaml", on="2022-12-16")
    text = found.render("text", "en")
    (report_due,) = [
        line for line in text.splitlines() if line.startswith("Deadlines: before 15/12")
    ]
    assert report_due.startswith("Deadlines: before 15/12/2022: the agencies send their reports")
    assert report_due.endswith("; overdue")
    assert "Deadlines: before 01/02/2023: the city assesses the pilot" in text
    assert found.to_dict()["calendar"][0]["vi"].startswith("trước 15/12/2022")


def test_the_duties_view_gives_the_city_s_recognition_over_time() -> None:
    city = {
        "criteria": "city",
        "unit": "Thành phố Hải Phòng",
        "period": 2022,
        "history": [{"level": 1, "date": "2021-12-30"}],
        "values": {},
    }
    text = duties_for(city, on="2022-12-16").render("text", "en")
    assert "Recognition over time: holds level 1 (of 30/12/2021), kept to the end of 2024" in text


def test_the_duties_view_says_the_reports_are_done_when_nothing_is_missing() -> None:
    city = {"criteria": "city", "unit": "Thành phố Hải Phòng", "period": 2022}
    full = duties_for({**city, "values": meeting_values(load("city"))}, on="2022-12-16")
    assert full.to_dict()["calendar"][0]["en"].endswith("; done")
    assert (
        "; overdue"
        in duties_for({**city, "values": {}}, on="2022-12-16").to_dict()["calendar"][0]["en"]
    )


def test_the_set_in_force_on_a_day() -> None:
    assert load("commune", on=dt.date(2024, 6, 1)).id == "tt25-commune"
    assert load("district", on=dt.date(2022, 6, 1), locality="hai-phong").id == "district-haiphong"
    with pytest.raises(SpecError, match="không còn cấp huyện ngày 01/08/2025"):
        load("district", on=dt.date(2025, 8, 1))
    with pytest.raises(SpecError, match="no 'district' set in force on 01/06/2023"):
        load("district", on=dt.date(2023, 6, 1))
