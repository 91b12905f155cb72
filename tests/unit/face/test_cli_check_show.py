"""hoctap check / show / schema from the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from hoctap import load
from hoctap.cli import main
from hoctap.files._loading import bundled_names

if TYPE_CHECKING:
    import pytest

REPO = Path(__file__).resolve().parents[3]


def test_check_bundled(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert out.count("hợp lệ / valid") == len(bundled_names()) + 1  # and the registry
    assert "criteria/registry.yaml: hợp lệ / valid" in out


def test_check_invalid_file_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("x.yaml").write_text("id: [\n", encoding="utf-8")
    assert main(["check", "x.yaml", "--lang", "en"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("x.yaml:2:1: (top level): YAML syntax error")
    assert out[-1] == "1 invalid file(s)"


def test_show_district_reads_like_the_annex(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "district"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("BỘ TIÊU CHÍ CÔNG NHẬN HUYỆN/THÀNH PHỐ HỌC TẬP\n")
    for heading in (
        "Tiêu chuẩn 1.",
        "Tiêu chí 2.2.",
        "Chỉ báo 3.2.3.",
        "Hướng dẫn đánh giá:",
        "Điều kiện tiên quyết:",
    ):
        assert heading in out


def test_show_city_json_lists_20_indicators_with_agencies(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["show", "city", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["indicators"]) == 20
    assert all(i["lead"] and i["coordinating"] for i in data["indicators"])
    measure = data["indicators"][5]["measure"]
    assert {k: measure[k] for k in ("kind", "meets", "counted", "total")} == {
        "kind": "percent",
        "meets": {"at_least": 70, "above": None, "at_most": None, "below": None},
        "counted": {
            "vi": "cơ quan, đơn vị xếp loại Khá trở lên",
            "en": "agencies rated Khá or better",
        },
        "total": {"vi": "cơ quan, đơn vị cấp tỉnh", "en": "city-level agencies"},
    }


def test_show_markdown_and_english(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "province", "--format", "markdown", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Criteria for recognising a learning province\n")
    assert "| Standard | Criterion | Indicator | Evidence |" in out


def test_show_names_the_file_it_read(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "district"]) == 0
    assert f"Tệp: {load('district').origin}\n" in capsys.readouterr().out


def test_show_unknown_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "nowhere"]) == 2
    assert "neither a bundled set's name" in capsys.readouterr().err


def test_schema_is_the_committed_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    committed = (REPO / "criteria" / "criteria.schema.json").read_text(encoding="utf-8")
    assert capsys.readouterr().out == committed, (
        "run: hoctap schema > criteria/criteria.schema.json"
    )


def test_every_criteria_file_points_at_the_schema() -> None:
    for path in sorted((REPO / "criteria").glob("*.yaml")):
        if path.stem == "registry":  # the registry of sets, not a set
            continue
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=./criteria.schema.json", path.name


def test_a_reader_that_stops_early_is_not_an_error() -> None:
    # `hoctap show city | head -1`: the pipe is closed before hoctap writes to it.
    command = [sys.executable, "-m", "hoctap.cli", "show", "city", "--format", "json"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:  # noqa: S603 - our own command
        assert process.stdout is not None
        assert process.stderr is not None
        process.stdout.close()
        err = process.stderr.read().decode()
        assert process.wait(timeout=60) == 0
    assert "Traceback" not in err
    assert err == ""
