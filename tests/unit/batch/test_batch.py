"""Many units at once: the flat column contract, bad cells, tables in and out."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from hoctap import BatchError, evaluate, evaluate_many, load
from hoctap.batch._rows import is_missing, result_row
from hoctap.cli import main
from hoctap.files._tables import need
from hoctap.testing import meeting_values

HEADER = ["unit", "1.1.1", "2.1.2.count", "2.1.2.total", "3.1.1.previous", "3.1.1.current"]


def flat_meeting(name: str = "district") -> dict[str, Any]:
    """Every indicator met, written in the flat column contract."""
    out: dict[str, Any] = {}
    for ind, value in meeting_values(load(name)).items():
        if isinstance(value, dict):
            out |= {f"{ind}.{k}": v for k, v in value.items()}
        else:
            out[ind] = value
    return out


def test_every_row_is_what_evaluate_gives() -> None:
    rows = [
        {"unit": "Huyện A", **flat_meeting()},
        {"unit": "Quận B", **{k: v for k, v in flat_meeting().items() if k != "2.1.2"}}
        | {"2.1.2.count": 17, "2.1.2.total": 20},
        {"unit": "Huyện C", "1.1.1": "không đạt"},
        {"unit": "Huyện D", "values": {"2.1.1": "85,5%"}},  # an assessment's own shape
    ]
    got = evaluate_many("district", rows)
    values = [meeting_values(load("district"))] * 2
    values[1] = values[1] | {"2.1.2": {"count": 17, "total": 20}}
    want = [
        evaluate("district", values[0], unit="Huyện A"),
        evaluate("district", values[1], unit="Quận B"),
        evaluate("district", {"1.1.1": "không đạt"}, unit="Huyện C"),
        evaluate("district", {"2.1.1": "85,5%"}, unit="Huyện D"),
    ]
    assert got == [result_row(w, load("district")) for w in want]
    assert [(r["status"], r["level"], r["kind"]) for r in got[:2]] == [
        ("recognised", 3, "huyện"),
        ("recognised", 2, "quận"),
    ]


def test_missing_cells_are_missing_data() -> None:
    for cell in (None, "", "  ", float("nan"), np.nan, pd.NA, pd.NaT, np.float32("nan")):
        assert is_missing(cell), cell
    for cell in (0, False, "0", np.float64(0)):
        assert not is_missing(cell), cell
    rows = [{"unit": "Huyện A", "1.1.1": pd.NA, "2.1.1": float("nan"), "2.1.2.count": ""}]
    (row,) = evaluate_many("district", rows)
    assert (row["1.1.1.outcome"], row["2.1.1.outcome"], row["2.1.2.outcome"]) == ("missing",) * 3


def test_every_bad_cell_is_located_by_row_and_column(tmp_path: Path) -> None:
    table = tmp_path / "units.csv"
    table.write_text(
        "unit,1.1.1,2.1.1,2.1.2.count,2.1.2.total,9.9.9\n"
        "Huyện A,yes,170,21,20,\n"
        "Huyện B,true,85,17,20,\n"
        'Huyện C,false,"1.500",3,,4\n',
        encoding="utf-8",
    )
    with pytest.raises(BatchError) as info:
        evaluate_many("district", table)
    lines = [p.render("en") for p in info.value.problems]
    assert lines == [
        (
            f"{table}:2:2: column[\"1.1.1\"]: must be true/false or 'đạt'/'không đạt' "
            "(met/not met), got 'yes'"
        ),
        f"{table}:2:3: column[\"2.1.1\"]: a percentage must be between 0 and 100, got '170'",
        f'{table}:2:4: column["2.1.2.count"]: the count (21) is more than the total (20)',
        (
            f"{table}:4:3: column[\"2.1.1\"]: '1.500' could be read as two numbers (1.5 or "
            "1500); write it without a thousands separator"
        ),
        f"{table}:4:4: column[\"2.1.2.count\"]: 'total' is missing",
        (
            f"{table}:4:6: column[\"9.9.9\"]: criteria set 'district' has no indicator 9.9.9 "
            "(it has 1.1.1 … 3.2.3)"
        ),
    ]
    rows = evaluate_many("district", table, errors="column")
    assert [r["status"] for r in rows] == ["error", "incomplete", "error"]
    assert "170" in str(rows[0]["error"])


def test_a_frame_gives_a_frame_with_its_index() -> None:
    frame = pd.DataFrame(
        [{"unit": "Huyện A", **flat_meeting()}, {"unit": "Huyện B", "1.1.1": False}],
        index=["a", "b"],
    )
    out = evaluate_many(load("district"), frame)
    assert list(out.index) == ["a", "b"]
    assert list(out["status"]) == ["recognised", "not_recognised"]
    assert list(out["decided_by"]) == ["2.1.1,2.1.2,2.2.1,2.2.2,2.2.4", "1.1.1"]
    assert out["level"].tolist() == [3, 0]
    with pytest.raises(BatchError) as info:
        evaluate_many("district", pd.DataFrame({"unit": ["A", "B"], "2.1.1": [50, 170]}))
    assert [(p.line, p.column, p.path) for p in info.value.problems] == [
        (2, 2, ("column", "2.1.1"))
    ]


def test_csv_and_xlsx_round_trips(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [{"unit": f"Huyện {n}", **flat_meeting()} for n in range(3)]
    rows[1]["2.1.1"] = 75
    table = tmp_path / "units.csv"
    with table.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    assert main(["evaluate", str(table), "--criteria", "district"]) == 0
    printed = capsys.readouterr()
    results = list(csv.DictReader(io.StringIO(printed.out)))
    assert [r["level"] for r in results] == ["3", "1", "3"]
    assert "recognised: 3" in printed.err  # the closing summary
    xlsx = tmp_path / "results.xlsx"
    assert main(["evaluate", str(table), "--criteria", "district", "--output", str(xlsx)]) == 0
    again = pd.read_excel(xlsx)
    assert again["level"].tolist() == [3, 1, 3]
    frame = pd.DataFrame(rows)
    source = tmp_path / "units.xlsx"
    frame.to_excel(source, index=False)
    from_xlsx = evaluate_many("district", source)
    assert [r["level"] for r in from_xlsx] == [3, 1, 3]
    out_json = tmp_path / "results.json"
    assert main(["evaluate", str(source), "--criteria", "district", "-o", str(out_json)]) == 0
    assert [r["level"] for r in json.loads(out_json.read_text(encoding="utf-8"))] == [3, 1, 3]


def test_each_missing_extra_names_itself(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for module in ("pandas", "openpyxl", "dask"):
        monkeypatch.setitem(sys.modules, module, None)  # as if not installed
    assert main(["evaluate", "units.xlsx", "--criteria", "district"]) == 2
    assert capsys.readouterr().err == (
        "hoctap needs openpyxl for this; install the 'excel' extra: pip install 'hoctap[excel]'\n"
    )
    for module, extra in (("pandas", "frame"), ("openpyxl", "excel"), ("dask", "dask")):
        with pytest.raises(ImportError) as info:
            need(module)
        assert str(info.value) == (
            f"hoctap needs {module} for this; install the '{extra}' extra: "
            f"pip install 'hoctap[{extra}]'"
        )


def test_results_are_missing_where_the_scalar_path_says_none() -> None:
    frame = pd.DataFrame({"unit": ["Huyện A"], "2.1.1": [85.0]})
    (row,) = evaluate_many("district", frame).to_dict("records")
    assert pd.isna(row["level"])
    assert row["2.1.1.band"] == 2
    assert pd.isna(row["1.1.1.band"])


def test_a_folder_of_assessments_is_a_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    examples = Path(__file__).parents[3] / "examples"
    for name in ("district-le-chan.yaml", "district-vinh-bao-incomplete.yaml"):
        (tmp_path / name).write_text((examples / name).read_text(encoding="utf-8"), "utf-8")
    assert main(["evaluate", str(tmp_path), "--criteria", "district-haiphong"]) == 0
    out = capsys.readouterr()
    rows = list(csv.DictReader(io.StringIO(out.out)))
    assert [(r["unit"], r["status"]) for r in rows] == [
        ("Quận Lê Chân", "recognised"),
        ("Huyện Vĩnh Bảo", "incomplete"),
    ]
    assert "2 units: recognised: 1 (level 2: 1)" in out.err
    assert main(["evaluate", str(tmp_path)]) == 2
    assert "--criteria" in capsys.readouterr().err


def test_a_long_list_takes_the_columnar_path_and_gives_the_same_rows() -> None:
    spec = load("district")
    base = meeting_values(spec)
    rows = [
        {"unit": f"Huyện {n}", **base, "2.1.1": 60 + n, "1.2.1": "đạt" if n % 3 else "không đạt"}
        for n in range(40)
    ]
    got = evaluate_many(spec, rows)
    want = [
        result_row(
            evaluate(spec, {k: v for k, v in r.items() if k != "unit"}, unit=str(r["unit"])),
            spec,
        )
        for r in rows
    ]
    assert got == want
