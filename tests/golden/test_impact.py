"""Two sets over the same invented table: who changes level, and which edit did it."""

from __future__ import annotations

import csv
from typing import TYPE_CHECKING, Any

from hypothesis import given, settings
from hypothesis import strategies as st

from hoctap import evaluate, impact, load
from hoctap.batch._rows import row_values
from hoctap.cli import main
from hoctap.testing import meeting_values

if TYPE_CHECKING:
    from pathlib import Path

    import pytest

DISTRICT = load("district")
# Two edits: 3.1.2 "90% trở lên" loosened to 85%, 3.2.3 "tối thiểu 50%" tightened to 75%.
EDITED = DISTRICT.evolve(
    indicators={
        "3.1.2": {"measure": {"meets": {"at_least": 85}}},
        "3.2.3": {"measure": {"meets": {"at_least": 75}}},
    }
)


def flat(values: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in values.items():
        if isinstance(value, dict):
            out |= {f"{key}.{k}": v for k, v in value.items()}
        else:
            out[key] = value
    return out


def district(name: str, solid: float, water: float, women: float) -> dict[str, Any]:
    """An invented district meeting every indicator but the two the edits touch."""
    row = {"unit": name, **flat(meeting_values(DISTRICT))}
    row |= {"3.1.2.chất thải rắn": solid, "3.1.2.nước thải": water, "3.2.3": women}
    return row


TABLE = [
    district("Huyện Minh Họa 1", 86, 95, 80),  # waste 86%: only 85% lets it through
    district("Huyện Minh Họa 2", 88, 95, 72),  # waste passes at 85%, women 72% fails 75%
    district("Huyện Minh Họa 3", 95, 95, 72),  # women 72%: recognised at 50%, not at 75%
    district("Huyện Minh Họa 4", 95, 95, 80),  # meets both either way
    district("Huyện Minh Họa 5", 84, 99, 90),  # waste 84%: fails at 90% and at 85%
]


def test_the_units_that_change_and_the_edit_behind_each() -> None:
    found = impact(DISTRICT, EDITED, TABLE)
    assert found.units == 5
    assert {(f, t): n for f, t, n in found.matrix} == {
        ("level 3", "level 3"): 1,
        ("level 3", "not recognised"): 1,
        ("not recognised", "level 3"): 1,
        ("not recognised", "not recognised"): 2,
    }
    by_unit = {u.unit: u for u in found.changed}
    assert set(by_unit) == {"Huyện Minh Họa 1", "Huyện Minh Họa 3"}
    first, third = by_unit["Huyện Minh Họa 1"], by_unit["Huyện Minh Họa 3"]
    assert (first.before, first.after, first.alone) == (
        "not recognised",
        "level 3",
        ("3.1.2 measure.meets",),
    )
    assert (third.before, third.after, third.alone) == (
        "level 3",
        "not recognised",
        ("3.2.3 measure.meets",),
    )
    assert first.in_order == "3.1.2 measure.meets"


def test_the_impact_command_reads_a_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = tmp_path / "units.csv"
    with table.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(TABLE[0]))
        writer.writeheader()
        writer.writerows(TABLE)
    edited = tmp_path / "edited.yaml"
    edited.write_text(
        "extends: district\nid: district-edited\n", encoding="utf-8"
    )  # the same rules: no unit changes
    assert main(["impact", "district", str(edited), str(table), "--lang", "en"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("Impact of district → district-edited: 5 units")
    assert "Units whose result changes" not in text


@st.composite
def tables(draw: st.DrawFn) -> list[dict[str, Any]]:
    edge = st.sampled_from([84, 85, 86, 89, 90, 91, 49, 50, 51, 74, 75, 76, 100])
    return [
        district(f"Huyện {n}", draw(edge), draw(edge), draw(edge))
        for n in range(draw(st.integers(1, 6)))
    ]


@settings(max_examples=40)
@given(tables())
def test_impact_equals_evaluating_every_unit_under_both_sets(rows: list[dict[str, Any]]) -> None:
    found = impact(DISTRICT, EDITED, rows)
    moved = {u.row for u in found.changed}
    for n, row in enumerate(rows, 1):
        values = {k: v for k, v in row.items() if k != "unit"}
        _, nested, _ = row_values(values, DISTRICT)
        a, b = evaluate(DISTRICT, nested), evaluate(EDITED, nested)
        assert (n in moved) == ((a.status, a.level) != (b.status, b.level))


@settings(max_examples=40)
@given(tables(), st.sampled_from([80, 85, 89]))
def test_a_looser_edit_never_lowers_a_level(rows: list[dict[str, Any]], edge: int) -> None:
    looser = DISTRICT.evolve(indicators={"3.1.2": {"measure": {"meets": {"at_least": edge}}}})
    for change in impact(DISTRICT, looser, rows).changed:
        assert change.before == "not recognised"  # only ever lifted
