"""One bad criteria file per kind of problem, with the exact lines expected beside it."""

from __future__ import annotations

from pathlib import Path

import pytest

from hoctap import SpecError, load
from hoctap.files._loading import check

HERE = Path(__file__).parent
CASES = sorted(p for p in HERE.glob("*.yaml") if not p.name.startswith("_"))


def test_the_base_file_is_valid(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(HERE)
    assert check(["_valid.yaml"]) == {"_valid.yaml": []}


def test_every_case_has_its_expected_lines() -> None:
    assert CASES
    for case in CASES:
        assert case.with_suffix(".expected").is_file(), case.name


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_exact_messages(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(HERE)
    expected = case.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    problems = check([case.name])[case.name]
    assert [p.render() for p in problems] == expected


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_load_raises_with_the_same_problems(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(HERE)
    with pytest.raises(SpecError) as info:
        load(case)
    expected = case.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    assert info.value.render().splitlines() == expected
