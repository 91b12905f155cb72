"""Every kind of mistake in a criteria file gets its own plain words and code."""

from __future__ import annotations

from pathlib import Path

import pytest

from hoctap.files._loading import validate_text

REPO = Path(__file__).resolve().parents[3]
DISTRICT = (REPO / "criteria" / "district.yaml").read_text(encoding="utf-8")

CASES = [
    # (what to replace, with what, the code, the English words expected)
    ("    issuer: UBND tỉnh", "    issuer: true #", "wrong_type", "must be text, got true"),
    ("  - id: 1\n", "  - id: x\n", "bad_id", "is not a number of the expected form"),
    ("  standards: 3\n", "  standards: 1.5\n", "wrong_type", "must be a whole number, got 1.5"),
    ("title:\n  vi: Bộ", "title: x\nxtitle:\n  vi: Bộ", "wrong_type", "must be a mapping"),
    ("  prerequisites:\n", "  prerequisites: x\n  xprerequisites:\n", "wrong_type", "must be a list"),
    ("    - level: 1\n", "    - level: 0\n", "out_of_range", "must be at least 1, got 0"),
    ("      at_most: 80\n", "      at_most: 180\n", "out_of_range", "must be at most 100, got 180"),
    ("unit: district\n", "unit: town\n", "not_one_of", "must be one of 'commune', 'district'"),
    ("measure: {kind: attested}", "measure: {kind: vague}", "not_one_of", "kind must be one of"),
    ("measure: {kind: attested}", "measure: {meets: {at_least: 1}}", "missing", "'kind' is missing"),
    ("meets: {at_least: 90}", 'meets: {at_least: "90"}', "not_a_number", "must be a number, got '90'"),
    ("meets: {at_least: 90}", "meets: {at_least: 1e-40}", "number_too_long", "too long"),
    ("    issuer: UBND tỉnh Bà Rịa - Vũng Tàu\n", '    issuer: "UBND\\a"\n', "bad_text", "control characters"),
    ("    date: 2022-02-08", "    date: 2022-02-30", "bad_date", "must be a date written"),
    ("  end: 2022-12-31", "  end: 2021-12-31", "period_order", "end date is before the start"),
    ("              unit: points\n", "              unit: points\n              quantity: amount\n", "duplicate_key", "duplicate key"),
    ("              quantity: percent\n", "              quantity: amount\n", "change_unit", "only fits quantity 'percent'"),
    ("meets: {at_least: 90}", "meets: {at_least: 90}\n              countd: {vi: x, en: x}", "unknown_key", "did you mean 'counted'?"),
    ("    - level: 1\n      at_least: 70\n", "    - level: 1\n      at_least: 70\n      above: 70\n", "band_edges", "one lower edge"),
    ("meets: {at_least: 90}", "meets: {}", "one_comparison", "found: none"),
    ("  indicators: 16\n", "  indicators: 16\n  pages: 3\n", "unknown_key", "allowed here: standards, criteria, indicators"),
    ("  - number: 25/KH-UBND\n", "  - numbr: 25/KH-UBND\n", "unknown_key", "did you mean 'number'?"),
]  # fmt: skip


@pytest.mark.parametrize(("old", "new", "code", "words"), CASES, ids=[c[2] for c in CASES])
def test_each_mistake_in_its_words(old: str, new: str, code: str, words: str) -> None:
    assert DISTRICT.count(old) >= 1, old
    _, problems = validate_text(DISTRICT.replace(old, new, 1), "district.yaml")
    assert problems, new
    assert any(p.code == code and words in p.message.en for p in problems), [
        (p.code, p.message.en) for p in problems
    ]
    assert all(p.line > 0 for p in problems)
