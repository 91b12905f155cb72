"""Who owes what: each agency's indicators, missing, failing and overdue."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from hoctap import InputError, SpecError, duties_for, evaluate, report_request
from hoctap.cli import main

EXAMPLES = Path(__file__).parents[3] / "examples"
MID_DECEMBER = EXAMPLES / "city-hai-phong-2022-12.yaml"


def test_an_agency_with_two_indicators_still_missing_on_16_12_2022() -> None:
    found = duties_for(MID_DECEMBER, on="2022-12-16")
    tic = found.agency("Sở Thông tin và Truyền thông")
    assert tic.leads == ("2.2.1", "2.2.2", "2.2.4")
    assert tic.reports == ("2.2.1", "2.2.2", "2.2.4")  # mục 1.a: the lead reports
    assert tic.missing == ("2.2.1", "2.2.4")
    assert tic.overdue == ("2.2.1", "2.2.4")
    assert tic.failing == ()


def test_before_15_12_is_read_strictly() -> None:
    # "trước ngày 15/12/2022": on the 14th nothing is late yet; on the 15th it is.
    assert duties_for(MID_DECEMBER, on=dt.date(2022, 12, 14)).agency("Sở Nội vụ").overdue == ()
    on_the_day = duties_for(MID_DECEMBER, on="2022-12-15")
    assert on_the_day.agency("Sở Thông tin và Truyền thông").overdue == ("2.2.1", "2.2.4")
    assert duties_for(MID_DECEMBER).agency("Sở Thông tin và Truyền thông").overdue == ()


def test_the_request_adds_who_reports_beyond_the_leads() -> None:
    found = duties_for(MID_DECEMBER, on="2022-12-16")
    district_offices = found.agency("Phòng GDĐT quận/huyện")
    assert district_offices.leads == ()
    assert district_offices.reports == ("1.2.1", "1.2.2", "2.1.2", "3.2.1", "3.2.3")
    assert district_offices.overdue == ("3.2.3",)
    centre = found.agency("Trung tâm Giáo dục thường xuyên Hải Phòng")
    assert centre.reports == ("2.2.3", "3.2.3")  # "báo cáo thêm kết quả thực hiện chỉ báo 2.2.3"


def test_what_fails_is_said_with_its_gap_and_failing_part() -> None:
    found = duties_for(MID_DECEMBER, on="2022-12-16")
    (waste,) = found.agency("Sở Tài nguyên & Môi trường").failing
    assert (
        waste.message.vi
        == "3.1.5: nước thải 86%; mức 1 cần từ 90%: còn phải tăng thêm 4 điểm phần trăm"
    )
    (districts,) = found.agency("Sở Giáo dục và Đào tạo").failing
    assert districts.message.en.startswith("2.1.2: ≈42.86% (6/14); level 1 needs at least 70%")


def test_one_agency_written_two_ways_is_one() -> None:
    found = duties_for(MID_DECEMBER)
    assert found.agency("Cục Thống kê").leads == ("3.1.1", "3.1.4")
    with pytest.raises(KeyError):
        found.agency("Cục Thống kê thành phố")
    assert found.agency("trường đại học hải phòng").coordinates == ("2.2.3", "3.1.3")
    assert not any(a.agency.startswith("các ") for a in found.agencies)


def test_the_views_in_both_languages() -> None:
    found = duties_for(MID_DECEMBER, on="2022-12-16")
    text = found.render("text", "vi")
    assert "Còn thiếu số liệu: 2.2.1, 2.2.4 — QUÁ HẠN: 2.2.1, 2.2.4" in text
    assert "Still missing: 2.2.1, 2.2.4 — OVERDUE: 2.2.1, 2.2.4" in found.render("text", "en")
    assert "#### Sở Thông tin và Truyền thông" in found.render("markdown", "vi")
    assert "<h4>Sở Thông tin và Truyền thông</h4>" in found.render("html", "en")
    data = json.loads(found.render("json"))
    assert data["on"] == "2022-12-16"
    assert data["request"]["before"] == "2022-12-15"
    tic = next(a for a in data["agencies"] if a["agency"] == "Sở Thông tin và Truyền thông")
    assert tic["overdue"] == ["2.2.1", "2.2.4"]
    assert str(found) == text
    assert repr(found) == "<Duties hai-phong-2022 'Thành phố Hải Phòng': 17 agencies, 6 overdue>"


def test_the_department_that_asks_for_the_reports_owes_none_to_itself() -> None:
    # The request goes to the Department of Education, which leads seven indicators: it
    # gathers the reports, so none of them is its own overdue report (it still leads them).
    found = duties_for(MID_DECEMBER, on="2022-12-16")
    department = found.agency("Sở Giáo dục và Đào tạo")
    assert department.leads == ("1.2.1", "1.2.2", "2.1.1", "2.1.2", "2.2.3", "3.2.2", "3.2.3")
    assert department.reports == ()
    assert department.overdue == ()
    assert found.agency("Phòng GDĐT quận/huyện").reports == (
        "1.2.1",
        "1.2.2",
        "2.1.2",
        "3.2.1",
        "3.2.3",
    )


def test_duties_refuse_a_view_they_do_not_have() -> None:
    found = duties_for(MID_DECEMBER, on="2022-12-16")
    with pytest.raises(ValueError, match="fmt must be"):
        found.render("pdf")
    with pytest.raises(ValueError, match="lang must be"):
        found.render("text", "fr")  # type: ignore[arg-type]


def test_a_request_is_for_its_own_set_and_a_date_is_a_date() -> None:
    with pytest.raises(SpecError) as info:
        duties_for(EXAMPLES / "district-le-chan.yaml")
    assert info.value.codes == ("wrong_set",)
    with pytest.raises(InputError) as bad_date:
        duties_for(MID_DECEMBER, on="16/12/2022")
    assert bad_date.value.codes == ("bad_date",)
    evaluation = evaluate("city", {})
    assert duties_for(evaluation).evaluation is evaluation
    assert report_request("hai-phong-2022").agency("Cục Thống kê thành phố") == "Cục Thống kê"


def test_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["duties", str(MID_DECEMBER), "--on", "2022-12-16", "--lang", "en"]) == 0
    assert "OVERDUE: 2.2.1, 2.2.4" in capsys.readouterr().out
    assert main(["duties", str(MID_DECEMBER), "--on", "tomorrow"]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err
