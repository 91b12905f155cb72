"""The blockers say what happened, for every kind of rule, in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from hoctap import evaluate, load, load_text
from hoctap.testing import meeting_values

REPO = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize(
    ("name", "values", "vi", "en"),
    [
        (
            "district",
            {"3.1.1": {"previous": 4.1, "current": 4.5}},
            "3.1.1: 4,1% → 4,5% (tăng 0,4 điểm phần trăm); mức 1 cần giảm từ 1,5 điểm phần trăm",
            (
                "3.1.1: 4.1% → 4.5% (a rise of 0.4 percentage points); level 1 needs a fall of at "
                "least 1.5 percentage points"
            ),
        ),
        (
            "district",
            {"3.1.1": {"previous": 4.1, "current": 2.7}},
            "3.1.1: 4,1% → 2,7% (giảm 1,4 điểm phần trăm); mức 1 cần giảm từ 1,5 điểm phần trăm",
            (
                "3.1.1: 4.1% → 2.7% (a fall of 1.4 percentage points); level 1 needs a fall of at "
                "least 1.5 percentage points"
            ),
        ),
        (
            "city",
            {"3.1.1": {"previous": 365000, "current": 365000}},
            "3.1.1: 365000 → 365000 (không đổi); mức 1 cần tăng trên 0",
            "3.1.1: 365000 → 365000 (no change); level 1 needs a rise of more than 0",
        ),
        (
            "city",
            {"3.1.3": {"previous": 47, "current": 41}},
            "3.1.3: 47 → 41 (giảm 6); mức 1 cần tăng trên 0",
            "3.1.3: 47 → 41 (a fall of 6); level 1 needs a rise of more than 0",
        ),
        (
            "district",
            {"3.2.2": "0,05"},
            "3.2.2: 0,05%; mức 1 cần dưới 0,05%: phải thấp hơn hẳn 0,05%",
            "3.2.2: 0.05%; level 1 needs less than 0.05%: it must be strictly lower than 0.05%",
        ),
        (
            "district",
            {"3.2.2": {"count": 6, "total": 10000}},
            (
                "3.2.2: 0,06% (6/10000); mức 1 cần dưới 0,05%: bớt 2 học sinh bị bắt nạt, bạo lực, "
                "quấy rối, lạm dụng, phân biệt đối xử"
            ),
            (
                "3.2.2: 0.06% (6/10000); level 1 needs less than 0.05%: 2 fewer pupils bullied, "
                "abused or discriminated against"
            ),
        ),
        (
            "district",
            {"2.2.3": {"count": 1, "total": 2}},
            "2.2.3: 50% (1/2); mức 1 cần từ 100%: thêm 1 trung tâm GDTX có nguồn học liệu mở",
            (
                "2.2.3: 50% (1/2); level 1 needs at least 100%: one more of the continuing-education "
                "centres with open learning resources"
            ),
        ),
        (
            "district",
            {"3.2.3": 49.5},
            "3.2.3: 49,5%; mức 1 cần từ 50%: còn phải tăng thêm 0,5 điểm phần trăm",
            "3.2.3: 49.5%; level 1 needs at least 50%: 0.5 percentage points higher",
        ),
        (
            "district",
            {"1.1.1": "không đạt"},
            "1.1.1: không đạt; mức 1 cần được đánh giá đạt",
            "1.1.1: not met; level 1 needs it attested as met",
        ),
    ],
)
def test_a_blocker_says_what_happened(
    name: str, values: dict[str, object], vi: str, en: str
) -> None:
    (blocker,) = evaluate(name, values).blockers
    assert (blocker.message.vi, blocker.message.en) == (vi, en)


def test_the_vietnamese_trace_writes_numbers_with_a_comma_and_says_each_thing_once() -> None:
    result = evaluate("district", {"1.1.1": True, "3.2.2": 0.025})
    text = result.render("text", "vi")
    assert "✓ 3.2.2 < 0,05%; giá trị 0,025%: đạt" in text
    assert "✓ 1.1.1 được đánh giá đạt (có minh chứng): đạt  (" in text
    assert "? 2.2.3 ≥ 100%: chưa có số liệu" in text
    assert "giá trị chưa có số liệu" not in text
    assert "✓ 3.2.2 < 0.05%; observed 0.025%: met" in result.render("text", "en")


def test_a_conclusion_says_what_failed_or_is_missing() -> None:
    failed = evaluate("district", {"1.1.1": False, "2.1.1": 60}).trace
    assert failed.words is not None
    assert (failed.words.vi, failed.words.en) == (
        "không đạt điều kiện tiên quyết P1, P2: 1.1.1, 2.1.1",
        "prerequisites P1, P2 not met: 1.1.1, 2.1.1",
    )
    one = evaluate("district", {"1.1.1": False}).trace.words
    assert one is not None
    assert one.en == "prerequisite P1 not met: 1.1.1"
    missing = evaluate("city", dict.fromkeys(("1.1.1", "1.1.2"), True)).trace.words
    assert missing is not None
    assert missing.vi.startswith("còn thiếu số liệu: 1.2.1, 1.2.2")


def test_the_json_rule_and_observed_value_are_in_both_languages() -> None:
    data = evaluate("district", {"1.1.1": True, "3.2.2": 0.025}).to_dict()
    by_id = {i["id"]: i for i in data["indicators"]}
    assert by_id["3.2.2"]["rule"] == {"vi": "3.2.2 < 0,05%", "en": "3.2.2 < 0.05%"}
    assert by_id["3.2.2"]["observed"] == {"vi": "0,025%", "en": "0.025%"}
    assert by_id["1.1.1"]["rule"] == {
        "vi": "1.1.1 được đánh giá đạt (có minh chứng)",
        "en": "1.1.1 attested as met",
    }
    assert by_id["1.1.1"]["observed"] == {"vi": "đạt", "en": "met"}
    assert by_id["2.2.3"]["observed"] == {"vi": "chưa có số liệu", "en": "no data"}
    prerequisite = data["trace"]["children"][0]
    assert prerequisite["rule"]["vi"].startswith("đạt tất cả chỉ báo của 1.1, 1.2")
    assert prerequisite["rule"]["en"].startswith("all met: 1.1, 1.2")


@pytest.mark.parametrize(
    ("name", "changed", "vi", "en"),
    [
        (  # a strict lower edge, "trên 80%", short of it
            "district",
            {"2.1.1": 75},
            "2.1.1: 75%; mức 2 cần trên 80%: còn phải tăng thêm hơn 5 điểm phần trăm",
            "2.1.1: 75%; level 2 needs more than 80%: more than 5 percentage points higher",
        ),
        (  # exactly on a strict lower edge
            "district",
            {"2.1.1": 80},
            "2.1.1: 80%; mức 2 cần trên 80%: phải cao hơn hẳn 80%",
            "2.1.1: 80%; level 2 needs more than 80%: it must be strictly higher than 80%",
        ),
        (  # an inclusive edge, short of it, counted: how many more
            "city",
            {"2.1.2": {"count": 9, "total": 14}},
            (
                "2.1.2: ≈64,29% (9/14); mức 1 cần từ 70%: thêm 1 quận/huyện được công nhận là "
                "quận/huyện học tập"
            ),
            (
                "2.1.2: ≈64.29% (9/14); level 1 needs at least 70%: one more of the districts recognised "
                "as learning districts"
            ),
        ),
        (  # a strict ceiling, above it, as a share without counts
            "district",
            {"3.2.2": 0.07},
            "3.2.2: 0,07%; mức 1 cần dưới 0,05%: còn phải giảm thêm hơn 0,02 điểm phần trăm",
            "3.2.2: 0.07%; level 1 needs less than 0.05%: more than 0.02 percentage points lower",
        ),
    ],
)
def test_a_blocker_from_a_unit_that_meets_all_else(
    name: str, changed: dict[str, object], vi: str, en: str
) -> None:
    values = {**meeting_values(load(name)), **changed}
    (blocker,) = evaluate(name, values).blockers
    assert (blocker.message.vi, blocker.message.en) == (vi, en)


@pytest.mark.parametrize(
    ("changed", "vi", "en"),
    [
        (
            {},
            (
                "đạt mọi điều kiện tiên quyết; mức thấp nhất là mức 3, của 2.1.1, 2.1.2, 2.2.1, "
                "2.2.2, 2.2.4"
            ),
            (
                "all prerequisites met; the lowest band is level 3, that of 2.1.1, 2.1.2, 2.2.1, "
                "2.2.2, 2.2.4"
            ),
        ),
        (
            {"2.1.1": 75},
            "đạt mọi điều kiện tiên quyết; mức thấp nhất là mức 1, của 2.1.1",
            "all prerequisites met; the lowest band is level 1, that of 2.1.1",
        ),
        (
            {"1.1.1": False, "2.1.2": 60},
            "không đạt điều kiện tiên quyết P1, P2: 1.1.1, 2.1.2",
            "prerequisites P1, P2 not met: 1.1.1, 2.1.2",
        ),
        (
            {"3.2.3": None},
            "còn thiếu số liệu: 3.2.3",
            "still missing: 3.2.3",
        ),
    ],
    ids=["level-3", "level-1", "not-recognised", "incomplete"],
)
def test_a_conclusion_for_every_result(changed: dict[str, object], vi: str, en: str) -> None:
    values = {**meeting_values(load("district")), **changed}
    words = evaluate("district", {k: v for k, v in values.items() if v is not None}).trace.words
    assert words is not None
    assert (words.vi, words.en) == (vi, en)


@pytest.mark.parametrize(
    ("name", "changed", "vi", "en"),
    [
        (  # parts, each must meet: the part furthest from the edge is named
            "city",
            {"3.1.5": {"chất thải rắn": 95, "nước thải": 86}},
            "3.1.5: nước thải 86%; mức 1 cần từ 90%: còn phải tăng thêm 4 điểm phần trăm",
            "3.1.5: wastewater 86%; level 1 needs at least 90%: 4 percentage points higher",
        ),
        (  # rated units: how many more, and the nearest to counting
            "district",
            {
                "2.1.1": {
                    "units": [
                        {"name": f"Phòng {n}", "score": score}
                        for n, score in enumerate((90, 88, 72, 71, 69, 65, 62, 40, 86, 91), 1)
                    ]
                }
            },
            (
                "2.1.1: 60% (6/10); mức 1 cần từ 70%: thêm 1 cơ quan, đơn vị xếp loại Khá trở lên; "
                "gần nhất: Phòng 5 (Trung bình, 69 điểm)"
            ),
            (
                "2.1.1: 60% (6/10); level 1 needs at least 70%: one more of the agencies rated Khá "
                "or better; closest: Phòng 5 (Trung bình (Fair), 69 points)"
            ),
        ),
        (  # a pooled change: the parts added, said as it moved
            "city",
            {
                "3.1.3": {
                    "chuyển giao": {"previous": 20, "current": 19},
                    "đăng ký": {"previous": 5, "current": 5},
                }
            },
            ("3.1.3: 25 → 24 (chuyển giao 20 → 19, đăng ký 5 → 5) (giảm 1); mức 1 cần tăng trên 0"),
            (
                "3.1.3: 25 → 24 (transfers 20 → 19, registrations 5 → 5) (a fall of 1); level 1 "
                "needs a rise of more than 0"
            ),
        ),
    ],
    ids=["parts-each", "rated-units", "pooled-change"],
)
def test_a_blocker_of_a_value_made_of_parts_or_units(
    name: str, changed: dict[str, object], vi: str, en: str
) -> None:
    values = {**meeting_values(load(name)), **changed}
    (blocker,) = evaluate(name, values).blockers
    assert (blocker.message.vi, blocker.message.en) == (vi, en)


def test_a_blocker_of_an_inclusive_ceiling() -> None:
    # No bundled set has "at most"; a set edited to read 3.2.2 as "không quá 0,05%" does.
    text = (REPO / "criteria" / "district.yaml").read_text(encoding="utf-8")
    assert text.count("meets: {below: 0.05}") == 1
    spec = load_text(text.replace("meets: {below: 0.05}", "meets: {at_most: 0.05}"), "edited.yaml")
    values = {**meeting_values(spec), "3.2.2": 0.08}
    (blocker,) = evaluate(spec, values).blockers
    assert (blocker.message.vi, blocker.message.en) == (
        "3.2.2: 0,08%; mức 1 cần không quá 0,05%: còn phải giảm thêm 0,03 điểm phần trăm",
        "3.2.2: 0.08%; level 1 needs at most 0.05%: 0.03 percentage points lower",
    )
    assert evaluate(spec, {**values, "3.2.2": 0.05}).indicator("3.2.2").outcome == "met"
