"""The evaluation result: status, level, decided_by, blockers, trace, views."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest

from hoctap import Evaluation, evaluate, evaluate_file, load

REPO = Path(__file__).resolve().parents[3]
LE_CHAN = REPO / "examples" / "district-le-chan.yaml"


@pytest.fixture
def le_chan() -> Evaluation:
    return evaluate_file(LE_CHAN)


def test_example_result(le_chan: Evaluation) -> None:
    assert (le_chan.status, le_chan.level, le_chan.decided_by) == ("recognised", 2, ("2.1.2",))
    assert le_chan.title is not None
    assert (le_chan.title.vi, le_chan.title.en) == (
        "Quận học tập mức độ 2",
        "Learning urban district, level 2",
    )
    assert (
        repr(le_chan) == "<Evaluation district-haiphong 'Quận Lê Chân': level 2, decided by 2.1.2>"
    )


def test_per_indicator_results(le_chan: Evaluation) -> None:
    r = le_chan.indicator("2.1.2")
    assert (r.given, r.value, r.count, r.total, r.outcome, r.band) == (
        {"count": 17, "total": 20},
        Fraction(85),
        17,
        20,
        "met",
        2,
    )
    change = le_chan.indicator("3.1.1")
    assert (change.previous, change.current, change.value) == (
        Fraction("4.1"),
        Fraction("2.6"),
        Fraction("1.5"),
    )
    assert le_chan.indicator("1.1.1").given == "đạt"


def test_blockers_give_the_gap_in_input_units(le_chan: Evaluation) -> None:
    (blocker,) = le_chan.blockers
    assert (blocker.id, blocker.next_level, blocker.more) == ("2.1.2", 3, 2)
    assert (
        blocker.message.en
        == "2.1.2: 85% (17/20); level 3 needs more than 90%: 2 more communes rated Khá or better"
    )
    assert (
        blocker.message.vi
        == "2.1.2: 85% (17/20); mức 3 cần trên 90%: thêm 2 xã, phường, thị trấn xếp loại Khá trở lên"
    )


def test_blockers_when_not_recognised() -> None:
    result = evaluate(
        "district",
        {
            "2.1.1": 65,
            "3.2.2": {"count": 7, "total": 10000},
            "1.1.1": False,
            "3.1.1": {"previous": 4, "current": 3},
        },
    )
    assert [b.message.en for b in result.blockers] == [
        "1.1.1: not met; level 1 needs it attested as met",
        "2.1.1: 65%; level 1 needs at least 70%: 5 percentage points higher",
        "3.1.1: 4% → 3% (a fall of 1 percentage points); level 1 needs a fall of at least 1.5 percentage points",
        "3.2.2: 0.07% (7/10000); level 1 needs less than 0.05%: 3 fewer pupils bullied, abused or discriminated against",
    ]


def test_no_blockers_at_the_top_level() -> None:
    values: dict[str, object] = dict.fromkeys(
        ("1.1.1", "1.1.2", "1.2.1", "1.2.2", "1.2.3", "3.2.1"), True
    )
    values |= dict.fromkeys(("2.1.1", "2.1.2", "2.2.1", "2.2.2", "2.2.3", "2.2.4"), 100)
    values |= {
        "3.1.1": {"previous": 5, "current": 3},
        "3.1.2": {"chất thải rắn": 95, "nước thải": 95},
        "3.2.2": 0,
        "3.2.3": 60,
    }
    result = evaluate("district", values)
    assert (result.level, result.blockers) == (3, ())


def test_trace_marks_the_decisive_steps(le_chan: Evaluation) -> None:
    trace = le_chan.trace
    assert (trace.kind, trace.outcome, trace.decisive) == ("decision", "level 2", True)
    prereqs, bands = trace.children[:-1], trace.children[-1]
    assert [p.id for p in prereqs] == ["P1", "P2"]
    assert not any(p.decisive for p in prereqs)
    assert [(s.id, s.outcome, s.decisive) for s in bands.children] == [
        ("2.1.1", "level 3", False),
        ("2.1.2", "level 2", True),
        ("2.2.1", "level 3", False),
        ("2.2.2", "level 3", False),
        ("2.2.4", "level 3", False),
    ]
    assert bands.children[1].rule == "80% < 2.1.2 ≤ 90% → level 2"
    assert prereqs[0].children[0].clause == "02/KH-UBND, Phụ lục III, chỉ báo 1.1.1"


def test_json_view_carries_what_replays_the_decision(le_chan: Evaluation) -> None:
    data = json.loads(le_chan.render("json"))
    assert {
        "status",
        "level",
        "decided_by",
        "possible_levels",
        "indicators",
        "trace",
        "hoctap_version",
        "input_hash",
        "period",
        "criteria",
    } <= set(data)
    assert data["criteria"] == {
        "id": "district-haiphong",
        "version": "2022.1",
        "sha256": le_chan._plan.digest.removeprefix("sha256:"),  # noqa: SLF001
        "origin": str(load("district-haiphong").origin),
        "chosen": {"by": "name"},  # named by the assessment, not chosen by tier and year
    }
    assert data["period"] == "2022"
    assert data["input_hash"].startswith("sha256:")
    assert data["indicators"][6]["value"] == "85"


def test_input_hash_ignores_key_order_but_not_values() -> None:
    a = evaluate("district", {"2.1.1": 85, "2.1.2": 90}, unit="X", period=2022)
    b = evaluate("district", {"2.1.2": 90, "2.1.1": 85}, unit="X", period=2022)
    c = evaluate("district", {"2.1.2": 90, "2.1.1": 86}, unit="X", period=2022)
    assert a.input_hash == b.input_hash != c.input_hash


def test_views(le_chan: Evaluation) -> None:
    text_vi, text_en = le_chan.render("text", "vi"), le_chan.render("text", "en")
    assert text_vi.splitlines()[1] == "Kết quả: Quận học tập mức độ 2"
    assert text_en.splitlines()[1] == "Result: Learning urban district, level 2"
    assert str(le_chan) == text_vi
    assert le_chan.render("markdown").startswith("### Quận Lê Chân, kỳ 2022")
    assert le_chan.render("html").startswith("<div class='hoctap-evaluation'>")
    html = le_chan._repr_html_()  # Jupyter: the report's section, styled
    assert html.startswith("<div class='hoctap'><style>")
    assert html.endswith("</div>")
    assert "<script" not in html


def test_html_escapes_what_the_input_says() -> None:
    result = evaluate("district", {"2.1.1": 85}, unit="<script>alert(1)</script>")
    assert "<script>" not in result._repr_html_()
    assert "&lt;script&gt;" in result._repr_html_()


def test_incomplete_result() -> None:
    result = evaluate("district", {"2.1.1": 85})
    assert result.status == "incomplete"
    assert result.level is None
    assert result.possible_levels == (0, 1, 2)
    assert len(result.decided_by) == 15
    assert result.title is None
    assert result.blockers[0].message.en == "1.1.1: no data yet"


def test_a_period_outside_the_effective_dates_is_noted() -> None:
    inside = evaluate("district", {"2.1.1": 85}, unit="X", period=2022)
    assert inside.warnings == ()
    outside = evaluate("district", {"2.1.1": 85}, unit="X", period="2024-2025")
    assert [w.en for w in outside.warnings] == [
        "the period 2024-2025 lies outside the criteria set's effective dates (08/02/2022 – 31/12/2022)"
    ]
    assert "Note: the period 2024-2025 lies outside" in outside.render("text", "en")
    assert outside.to_dict()["warnings"][0]["vi"].startswith("kỳ đánh giá 2024-2025 nằm ngoài")
    # Any year the period names counts: "năm 2024" lies outside, "2021-2022" overlaps.
    assert len(evaluate("district", {}, unit="X", period="năm học 2024").warnings) == 1
    assert evaluate("district", {}, unit="X", period="2021-2022").warnings == ()
    assert evaluate("district", {}, unit="X", period="kỳ I").warnings == ()
