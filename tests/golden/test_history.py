"""A unit's recognition over time (Thông tư 25/2023 Điều 5, 10, 15 khoản 4: kept 3 years;
Thông tư 24/2023 Điều 5 khoản 3: level 2 only 12 months after level 1's decision)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from hoctap import InputError, evaluate_file, load
from hoctap.cli import main
from hoctap.testing import meeting_values

if TYPE_CHECKING:
    from pathlib import Path

LEVEL_2 = meeting_values(load("tt25-commune"))  # every chỉ tiêu of Điều 7 met
LEVEL_1 = {**LEVEL_2, "5.1": 60}  # "ít nhất 60%": level 1, short of level 2's 80%
HELD_2024 = [{"level": 1, "date": "2024-03-20", "decision": "45/QĐ-UBND"}]


def commune(period: int, values: dict[str, Any], history: list[Any], **more: Any) -> Any:
    return evaluate_file(
        {
            "criteria": "tt25-commune",
            "unit": "Xã Minh Họa",
            "period": period,
            "history": history,
            "values": values,
            **more,
        }
    )


def test_level_two_in_the_2024_data_is_too_early_and_said_so() -> None:
    """Recognised at level 1 on 20/03/2024; its 2024 dossier is due before 28/02/2025."""
    ev = commune(2024, LEVEL_2, HELD_2024)
    assert ev.level == 2  # the criteria of Điều 7 are met ...
    assert ev.standing is not None
    assert ev.standing.kind == "too_early"  # ... but not yet to be asked for
    assert str(ev.standing.may_request_from) == "2025-03-20"
    text = ev.render("text", "vi")
    assert "Kết quả: đạt tiêu chí mức độ 2, chưa đến lúc được đề nghị công nhận mức này" in text
    assert "chỉ được đề nghị công nhận nâng mức từ ngày 20/03/2025" in text
    assert "hồ sơ đề nghị ngày 27/02/2025 là quá sớm" in text  # the last day before 28/02
    record = ev.to_dict()
    assert record["standing"]["kind"] == "too_early"
    assert record["warnings"][-1]["en"].startswith("meets level 2's criteria, but may ask")


def test_level_two_in_the_2025_data_is_an_upgrade() -> None:
    ev = commune(2025, LEVEL_2, HELD_2024)
    assert ev.standing is not None
    assert ev.standing.kind == "upgrade"
    assert "moves up from level 1 to 2, which may be asked from 20/03/2025" in ev.render(
        "text", "en"
    )
    assert "Kết quả: “Cộng đồng học tập” cấp xã mức độ 2" in ev.render("text", "vi")


def test_a_request_on_a_given_day_decides_the_upgrade() -> None:
    early = commune(2025, LEVEL_2, HELD_2024, requested_on="2025-03-19")
    assert early.standing is not None
    assert early.standing.kind == "too_early"
    on_time = commune(2025, LEVEL_2, HELD_2024, requested_on="2025-03-20")
    assert on_time.standing is not None
    assert on_time.standing.kind == "upgrade"


def test_the_same_level_again_is_a_renewal() -> None:
    ev = commune(2025, LEVEL_1, HELD_2024)
    assert ev.standing is not None
    assert ev.standing.kind == "renewal"


def test_a_recognition_of_2022_is_kept_through_2025_and_lapses_in_2026() -> None:
    held = [{"level": 1, "date": "2022-12-15"}]
    failing = {**LEVEL_1, "1.1": "không đạt"}
    kept = commune(2025, failing, held)
    assert kept.standing is not None
    assert (kept.standing.kind, kept.standing.held_until) == ("none", 2025)
    assert "kept to the end of 2025" in kept.render("text", "en")
    lapsed = commune(2026, failing, held)
    assert lapsed.standing is not None
    assert lapsed.standing.held is None
    assert "no recognition is kept any longer" in lapsed.render("text", "en")
    again = commune(2026, LEVEL_1, held)
    assert again.standing is not None
    assert again.standing.kind == "first"


def test_a_bad_decision_is_refused_where_it_stands() -> None:
    with pytest.raises(InputError) as caught:
        commune(2025, LEVEL_1, [{"level": 3, "date": "2024-02-30", "by": "x"}])
    said = sorted((p.code, tuple(p.path)) for p in caught.value.problems)
    assert said == [
        ("bad_date", ("history", 0, "date")),
        ("out_of_range", ("history", 0, "level")),
        ("unknown_key", ("history", 0, "by")),
    ]


def test_a_history_kept_in_a_file_of_its_own(tmp_path: Path) -> None:
    (tmp_path / "lich-su.yaml").write_text(
        "- {level: 1, date: 2024-03-20, decision: 45/QĐ-UBND}\n", encoding="utf-8"
    )
    unit = tmp_path / "xa.yaml"
    unit.write_text(
        "criteria: tt25-commune\nunit: Xã Minh Họa\nperiod: 2025\nhistory: lich-su.yaml\n"
        "values: {}\n",
        encoding="utf-8",
    )
    ev = evaluate_file(unit)
    assert ev.standing is not None
    assert ev.standing.held is not None
    assert ev.standing.held.decision == "45/QĐ-UBND"
    (tmp_path / "lich-su.yaml").write_text("- {level: 4, date: 2024-03-20}\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        evaluate_file(unit)
    (problem,) = caught.value.problems
    assert str(problem).startswith(f"{tmp_path / 'lich-su.yaml'}:1:11: [0].level:")


def test_the_calendar_says_what_a_unit_s_assessment_shows_done(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    unit = tmp_path / "xa.yaml"
    unit.write_text(
        "criteria: tt25-commune\nunit: Xã Minh Họa\nperiod: 2024\nrequested_on: 2025-02-20\n"
        "history: [{level: 1, date: 2025-03-20, decision: 45/QĐ-UBND}]\nvalues: {}\n",
        encoding="utf-8",
    )
    args = ["calendar", "--tier", "commune", "--year", "2024", "--on", "2025-03-25", "--lang", "en"]
    assert main([*args, "--from", str(unit)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].endswith("; done: 20/02/2025")
    assert lines[2].endswith("; done: 45/QĐ-UBND 20/03/2025")
    assert main(args) == 0  # without the unit's assessment, nothing is known done
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].endswith("; overdue")
    assert lines[2].endswith("; 6 days left")
