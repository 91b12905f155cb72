"""The documentation says what hoctap does."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from hoctap.cli import main
from hoctap.errors import CODES
from hoctap.files._loading import check, validate_text

if TYPE_CHECKING:
    import pytest

REPO = Path(__file__).resolve().parents[3]
DOCS = REPO / "docs"


def test_errors_md_shows_every_spec_error_exactly() -> None:
    errors = (DOCS / "errors.md").read_text(encoding="utf-8")
    cases = sorted((REPO / "tests" / "spec_errors").glob("*.expected"))
    assert cases
    for case in cases:
        assert f"## {case.stem.replace('_', ' ')}\n" in errors, case.stem
        assert case.read_text(encoding="utf-8").rstrip("\n") in errors, case.stem


def test_the_worked_example_error_is_what_hoctap_prints() -> None:
    text = (REPO / "criteria" / "district.yaml").read_text(encoding="utf-8")
    old = "              kind: percent\n              meets: {at_least: 90}\n"
    assert text.count(old) == 1
    _, problems = validate_text(
        text.replace(old, old.replace("90", "950")), "criteria/district.yaml"
    )
    assert len(problems) == 1
    assert problems[0].render() in (DOCS / "format.md").read_text(encoding="utf-8")


def test_evaluation_md_shows_what_hoctap_prints_for_the_bad_input(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    assert main(["evaluate", "docs/bad-input.yaml"]) == 2
    printed = capsys.readouterr().err.strip()
    assert printed.count("\n") == 7
    assert printed in (DOCS / "evaluation.md").read_text(encoding="utf-8")


def test_errors_md_lists_every_code() -> None:
    errors = (DOCS / "errors.md").read_text(encoding="utf-8")
    listed = re.findall(r"^\| `([a-z_0-9]+)` \| (.+) \|$", errors, flags=re.MULTILINE)
    assert dict(listed) == CODES


def test_every_spec_error_case_has_a_known_code() -> None:
    for case in sorted((REPO / "tests" / "spec_errors").glob("[!_]*.yaml")):
        for problems in check([case]).values():
            assert problems, case.name
            assert all(p.code in CODES for p in problems), case.name
