"""The documentation says what hoctap does."""

from __future__ import annotations

from pathlib import Path

from hoctap.loading import validate_text

REPO = Path(__file__).resolve().parents[2]
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
