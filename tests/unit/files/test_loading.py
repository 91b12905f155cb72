"""Loading bundled sets and files; overlays; the checks across a whole file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hoctap import SpecError, bundled_names, check, load, load_text
from hoctap.files._loading import bundled_dir
from hoctap.reports.annex import set_to_dict
from hoctap.spec.models import CriteriaSet

REPO = Path(__file__).resolve().parents[3]


def test_bundled_names_and_folder() -> None:
    assert bundled_names() == (
        "city",
        "district",
        "district-haiphong",
        "province",
        "tt24-unit-district",
        "tt24-unit-province",
        "tt25-commune",
        "tt25-district",
        "tt25-province",
    )
    assert (bundled_dir() / "district.yaml").is_file()


def test_load_by_name_and_by_path_give_equal_sets() -> None:
    assert load("district") == load(REPO / "criteria" / "district.yaml")
    assert load("district") == load(str(REPO / "criteria" / "district.yaml"))


def test_load_is_cached_but_sees_an_edited_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    text = (REPO / "criteria" / "district.yaml").read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    first = load(path)
    assert load(path) is first
    path.write_text(text.replace('version: "2022.1"', 'version: "2022.2-draft"'), encoding="utf-8")
    assert load(path).version == "2022.2-draft"


def test_unknown_name_says_what_is_bundled() -> None:
    with pytest.raises(SpecError) as info:
        load("distrct")
    assert "neither a bundled set's name (city, district" in str(info.value)
    assert "district" in info.value.problems[0].message.en


def test_check_reports_each_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\n", encoding="utf-8")
    results = check(["district", bad])
    assert next(iter(results.values())) == []
    assert len(list(results.values())[1]) >= 1


def test_the_four_problems_of_issue_2_each_get_one_located_line() -> None:
    """A duplicated key, a threshold of 170, an unknown key and a dangling reference."""
    text = (REPO / "criteria" / "district.yaml").read_text(encoding="utf-8")
    text = text.replace('version: "2022.1"\n', 'version: "2022.1"\nversion: "2022.2"\n', 1)
    text = text.replace("meets: {at_least: 70}", "meets: {at_least: 170}", 1)
    text = text.replace(
        "            measure: {kind: attested}\n",
        "            agncy: Phòng GDĐT\n            measure: {kind: attested}\n",
        1,
    )
    text = text.replace(
        "all_met: [1.1, 1.2, 3.1, 3.2, 2.2.3]", "all_met: [1.1, 1.2, 3.1, 3.2, 2.2.9]"
    )
    with pytest.raises(SpecError) as info:
        load_text(text, "copy.yaml")
    lines = info.value.render("en").splitlines()

    def line_of(fragment: str) -> int:
        return next(n for n, line in enumerate(text.splitlines(), 1) if fragment in line)

    agncy, pct, ref = line_of("agncy:"), line_of("at_least: 170"), line_of("2.2.9]")
    assert lines == [
        "copy.yaml:11:1: version: duplicate key 'version' (first at line 10); remove one of them",
        (
            f"copy.yaml:{agncy}:13: standards[0].criteria[0].indicators[0].agncy: unknown key; allowed here: "
            "id, text, evidence, lead, coordinating, measure, interpretation, source, applies_to, not_for"
        ),
        (
            f"copy.yaml:{pct}:33: standards[1].criteria[0].indicators[0].measure.meets.at_least: "
            "a percentage must be between 0 and 100, got 170"
        ),
        (
            f"copy.yaml:{ref}:37: recognition.prerequisites[0].all_met[4]: "
            "reference 2.2.9 names no standard, criterion or indicator of this set"
        ),
    ]


def test_an_overlay_changes_only_what_it_names(tmp_path: Path) -> None:
    path = tmp_path / "variant.yaml"
    path.write_text(
        "extends: district\nid: mine\nindicators:\n  3.1.2:\n    measure:\n"
        "      kind: percent\n      meets: {at_least: 95}\n",
        encoding="utf-8",
    )
    mine, base = load(path), load("district")
    assert mine.id == "mine"
    assert str(mine.indicator("3.1.2")) == "3.1.2 ≥ 95%"
    assert mine.indicator("3.1.2").text == base.indicator("3.1.2").text
    assert mine.recognition == base.recognition


def test_overlay_errors_are_located_in_the_overlay(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("v.yaml").write_text(
        "extends: district\nid: v\nstructure: {}\nindicators:\n  9.9.9: {text: {vi: a, en: b}}\n"
        "  2.1.1: {lead: X, weight: 2}\n"
        "recognition: {banded: [2.1], prerequisites: {P9: {text: x}}}\nstandards: {1: {id: 4}}\n",
        encoding="utf-8",
    )
    lines = [p.render("en") for p in check(["v.yaml"])["v.yaml"]]
    assert lines == [
        (
            "v.yaml:3:1: structure: not allowed in an overlay; allowed: criteria, effective, extends, "
            "id, indicators, legal_basis, notes, recognition, standards, title, version"
        ),
        'v.yaml:5:3: indicators["9.9.9"]: the base set has no indicator 9.9.9',
        (
            'v.yaml:6:20: indicators["2.1.1"].weight: cannot be replaced; replaceable: coordinating, '
            "evidence, interpretation, lead, measure, source, text"
        ),
        (
            "v.yaml:7:15: recognition.banded: an overlay restates only the wording of the rules; "
            "replaceable: clause, levels, notes, prerequisites, titles"
        ),
        "v.yaml:7:46: recognition.prerequisites.P9: the base set has no P9, or this is not a mapping",
        'v.yaml:8:17: standards["1"].id: cannot be replaced; replaceable: title',
    ]


def test_sets_are_frozen_and_variants_are_copies() -> None:
    district = load("district")
    with pytest.raises(ValueError, match="frozen"):
        district.version = "x"  # type: ignore[misc]
    variant = district.model_copy(update={"version": "local"})
    assert variant.version == "local"
    assert district.version == "2022.1"


def test_a_file_that_is_too_large_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"#" * (3 * 1024 * 1024))
    with pytest.raises(SpecError, match="too large"):
        load(path)


@pytest.mark.parametrize("name", ["district", "district-haiphong", "city", "province"])
def test_round_trips(name: str) -> None:
    """A set survives its model dump, and its normalised JSON loads back to the same set."""
    spec = load(name)
    assert CriteriaSet.model_validate(spec.model_dump()) == spec
    data = set_to_dict(spec)
    del data["indicators"]  # the flat list is a view added for other tools
    assert load_text(json.dumps(data, ensure_ascii=False), f"{name}.json") == spec
