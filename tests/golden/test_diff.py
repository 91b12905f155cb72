"""Two criteria sets compared: words only, a mapping across the law's change, and the
direction of every threshold's change."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hoctap import bundled_names, diff, load
from hoctap.cli import main
from hoctap.testing import criteria_sets, variants

HERE = Path(__file__).parent


def test_hai_phong_s_overlay_changes_words_only() -> None:
    found = diff("district", "district-haiphong")
    kinds = set(found.counts())
    assert kinds == {"reworded", "changed"}  # no threshold, indicator or rule changed
    changed = {c.where for c in found.changes if c.kind == "changed"}
    assert changed == {"legal_basis", "effective"}  # its own plan and its own dates


def test_the_pilot_district_set_against_thong_tu_25_with_a_mapping() -> None:
    found = diff("district", "tt25-district", mapping=HERE / "mappings" / "district-to-tt25.yaml")
    assert dict(found.mapping) == {"1.2.1": "1.2", "2.1.2": "4.1"}
    wheres = {c.where: c for c in found.changes}
    assert wheres["2.1.2→4.1 measure"].kind == "neither"  # a rated share against sub-units by level
    assert wheres["1.2.1→1.2 text"].kind == "reworded"
    assert wheres["3.2.2"].kind == "removed"
    assert wheres["2.4"].kind == "added"
    without = diff("district", "tt25-district")
    assert "2.1.2" in {c.where for c in without.changes if c.kind == "removed"}


def test_a_threshold_90_to_85_is_looser_and_70_to_75_stricter() -> None:
    district = load("district")
    waste = district.indicator("3.1.2").measure
    looser = district.evolve(
        indicators={"3.1.2": {"measure": waste.evolve(meets={"at_least": 85})}}
    )
    (change,) = diff(district, looser).changes
    assert (change.where, change.kind, change.before, change.after) == (
        "3.1.2 measure.meets",
        "looser",
        "≥ 90",
        "≥ 85",
    )
    share = district.indicator("3.2.3").measure
    stricter = district.evolve(
        indicators={"3.2.3": {"measure": share.evolve(meets={"at_least": 75})}}
    )
    assert [c.kind for c in diff(district, stricter).changes] == ["stricter"]
    assert diff(stricter, district).changes[0].kind == "looser"


def test_the_diff_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "district", "district", "--lang", "en"]) == 0
    assert "the two sets say the same" in capsys.readouterr().out
    assert main(["diff", "district", "tt25-district", "--format", "json"]) == 0
    assert '"kind": "added"' in capsys.readouterr().out


@pytest.mark.parametrize("name", bundled_names())
def test_a_set_compared_with_itself_has_no_difference(name: str) -> None:
    assert diff(name, name).empty


def _as_multiset(changes: tuple) -> Counter[tuple[str, str, str, str]]:  # type: ignore[type-arg]
    return Counter((c.where, c.kind, c.before, c.after) for c in changes)


@pytest.mark.parametrize(
    ("a", "b"),
    [("district", "district-haiphong"), ("district", "tt25-district"), ("city", "province")],
)
def test_diff_b_a_mirrors_diff_a_b(a: str, b: str) -> None:
    there, back = diff(a, b), diff(b, a)
    assert _as_multiset(back.changes) == _as_multiset(tuple(c.mirrored() for c in there.changes))


@given(criteria_sets().flatmap(lambda spec: st.tuples(st.just(spec), variants(spec))))
def test_diff_of_any_variant_mirrors(case: tuple) -> None:  # type: ignore[type-arg]
    a, b = case
    assert diff(a, a).empty
    there, back = diff(a, b), diff(b, a)
    assert _as_multiset(back.changes) == _as_multiset(tuple(c.mirrored() for c in there.changes))
