"""The tutorial notebook runs from top to bottom and shows what it says it shows."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from .notebook import Cell

pytestmark = pytest.mark.slow  # property, fuzz, notebook, browser, Dask: the slow part

REPO = Path(__file__).resolve().parents[2]


def test_the_notebook_is_stored_without_outputs() -> None:
    notebook = json.loads((REPO / "docs" / "tutorial.ipynb").read_text(encoding="utf-8"))
    code = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    assert code
    assert all(c["outputs"] == [] and c["execution_count"] is None for c in code)


def test_every_cell_runs_and_shows_what_the_text_says(executed_notebook: list[Cell]) -> None:
    code = [c for c in executed_notebook if c.kind == "code"]
    spec, result, facts, table, city, shown_city, chart, commune, district = (c.value for c in code)
    assert "<th>Standard</th>" in code[0].shown  # in English, as the notebook chose
    assert spec.id == "district-haiphong"
    assert result.level == 2
    assert facts[0] == 2
    assert facts[1] == ("2.1.2",)
    assert facts[2][0].startswith("2.1.2: 85% (17/20); mức 3 cần trên 90%")
    assert list(table["status"]) == ["recognised", "recognised", "not_recognised"]
    assert list(table["level"]) == [3, 1, 0]
    assert city[0] == "not_recognised"
    assert city[1] == "≈42.86% (6/14)"  # 6 of the 14 districts recognised
    assert city[2] == 8  # the districts assessed so far
    assert shown_city is not None
    assert "◆ Not recognised" in code[5].shown
    assert "<table" in code[3].shown  # pandas' own table
    assert chart.startswith("<svg")
    assert ">Not recognised</text>" in chart
    # The law in force: a commune in a disadvantaged area, and a district on its communes.
    assert commune[0] == 1
    assert commune[1] == ("5.2",)
    assert "level 2 needs at least 50%" in commune[2][0]
    assert district[0] == "not_recognised"
    assert district[1] == "80% (4/5; level 1: 2, level 2: 2)"
    assert "one more of the communes at level 1" in district[2]
