"""hoctap evaluate from the command line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from hoctap.cli import main

if TYPE_CHECKING:
    import pytest

REPO = Path(__file__).resolve().parents[3]
EXAMPLES = REPO / "examples"


def test_text_trace(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", str(EXAMPLES / "district-le-chan.yaml")]) == 0
    out = capsys.readouterr().out
    assert "Kết quả: Quận học tập mức độ 2" in out
    assert "★ → 80% < 2.1.2 ≤ 90% → mức 2; giá trị 85% (17/20)" in out


def test_json_one_file_is_one_object(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", str(EXAMPLES / "city-hai-phong.yaml"), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert isinstance(data, dict)
    assert (data["status"], data["level"], data["decided_by"]) == (
        "recognised",
        1,
        ["2.1.2", "2.2.3"],
    )


def test_json_many_files_is_a_list(capsys: pytest.CaptureFixture[str]) -> None:
    files = sorted(str(p) for p in EXAMPLES.iterdir() if p.is_file())
    assert main(["evaluate", *files, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(d["unit"], d["status"]) for d in data] == [
        ("Thành phố Hải Phòng", "not_recognised"),
        ("Thành phố Hải Phòng", "not_recognised"),
        ("Thành phố Hải Phòng", "recognised"),
        ("Quận Lê Chân", "recognised"),
        ("Huyện Vĩnh Bảo", "incomplete"),
        ("Tỉnh Bà Rịa - Vũng Tàu", "not_recognised"),
    ]
    assert data[4]["possible_levels"] == [0, 1]
    assert [u["unit"] for u in data[1]["units"]][:2] == ["Quận Hồng Bàng", "Quận Lê Chân"]


def test_not_recognised_still_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", str(EXAMPLES / "province-ba-ria-vung-tau.json"), "--lang", "en"]) == 0
    assert "Result: not recognised" in capsys.readouterr().out


def test_bad_input_exits_2_with_the_problem_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("bad.yaml").write_text(
        "criteria: district\nunit: X\nvalues:\n  '2.1.1': 170\n", encoding="utf-8"
    )
    assert main(["evaluate", "bad.yaml", "--format", "json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(
        'bad.yaml:4:12: values["2.1.1"]: tỷ lệ phần trăm phải từ 0 đến 100'
    )


def test_criteria_option_overrides_the_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            [
                "evaluate",
                str(EXAMPLES / "district-le-chan.yaml"),
                "--criteria",
                "district-haiphong",
                "--format",
                "json",
            ]
        )
        == 0
    )
    assert json.loads(capsys.readouterr().out)["criteria"]["id"] == "district-haiphong"


def test_a_criteria_name_that_leads_nowhere_is_blamed_on_the_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = tmp_path / "units.csv"
    table.write_text("unit,1.1.1\nA,đạt\n", encoding="utf-8")
    for name in (str(table), str(EXAMPLES / "district-le-chan.yaml")):
        assert main(["evaluate", name, "--criteria", "nosuch"]) == 2
        err = capsys.readouterr().err
        assert err.startswith("hoctap evaluate: --criteria nosuch: không phải tên bộ tiêu chí")
        assert err.count("\n") == 1
    assert main(["evaluate", str(table), "--criteria", "nosuch.yaml"]) == 2
    assert capsys.readouterr().err == (
        "hoctap evaluate: --criteria nosuch.yaml: không có tệp này / no such file\n"
    )


def test_a_file_of_another_kind_is_named_in_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    assert main(["evaluate", "criteria/district.yaml"]) == 2
    assert capsys.readouterr().err == (
        "criteria/district.yaml:9:1: (top level): đây là bộ tiêu chí, không phải bản đánh giá"
        " của một đơn vị: dùng 'hoctap check' hoặc 'hoctap show' cho nó, hoặc đưa nó vào"
        " --criteria / this is a criteria set, not a unit's assessment: use 'hoctap check' or"
        " 'hoctap show' on it, or pass it with --criteria\n"
    )
    assert main(["duties", "criteria/reports/hai-phong-2022.yaml"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "this is a report request (criteria/reports), not a unit's assessment" in err
    assert main(["check", "criteria/localities/hai-phong.yaml", "--lang", "en"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (
        "criteria/localities/hai-phong.yaml:1:1: (top level): this is a locality's list of"
        " units (criteria/localities), not a criteria set: a city's assessment uses it"
        " through 'units: {locality: ...}'"
    )


def test_html_is_a_whole_page_with_pass_and_fail_told_apart(
    capsys: pytest.CaptureFixture[str],
) -> None:
    province = str(EXAMPLES / "province-ba-ria-vung-tau.json")
    assert main(["evaluate", province, "--format", "html"]) == 0
    page = capsys.readouterr().out
    assert page.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in page
    assert "<tr class='not_met decisive'" in page  # what fails is marked, and said
    assert "✗ không đạt" in page
    assert "<tr class='met'" in page
