"""Golden cases in policy vocabulary: the law's examples, evaluated."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from hoctap import evaluate, load
from hoctap.files._yaml import parse

HERE = Path(__file__).parent


def _cases() -> list[Any]:
    out: list[Any] = []
    for path in sorted(HERE.glob("*.yaml")):
        doc, problems = parse(path.read_text(encoding="utf-8"), path.name)
        assert not problems, problems
        data = doc.data
        assert isinstance(data, dict)
        out.extend(
            pytest.param(data["criteria"], data["base"], case, id=f"{path.stem}: {case['name']}")
            for case in data["cases"]
        )
    return out


@pytest.mark.parametrize(("criteria", "base", "case"), _cases())
def test_golden(criteria: str, base: dict[str, object], case: dict[str, Any]) -> None:
    values = {k: v for k, v in base.items() if k not in case.get("remove", [])}
    values.update(case.get("change", {}))
    result = evaluate(criteria, values, unit="Đơn vị thử", attributes=case.get("attributes"))
    expect = case["expect"]
    assert result.status == expect["status"]
    assert result.level == expect["level"]
    if "decided_by" in expect:
        assert set(result.decided_by) == set(expect["decided_by"])
        # decided_by lists indicators in the order of the text
        order = list(load(criteria).indicators)
        assert list(result.decided_by) == sorted(result.decided_by, key=order.index)
    if "possible_levels" in expect:
        assert list(result.possible_levels) == expect["possible_levels"]
    # What the case says stands before the next level, in the law's words.
    said = " | ".join(b.message.vi for b in result.blockers)
    for words in case.get("blockers", ()):
        assert words in said, said
