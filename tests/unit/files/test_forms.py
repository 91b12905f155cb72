"""Forms: the blank form for a unit or an agency, and a filled form read back."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hoctap import evaluate, evaluate_file, load
from hoctap.api import template
from hoctap.cli import main
from hoctap.errors import HoctapError, InputError
from hoctap.files._forms import MARK, is_form, read_form

if TYPE_CHECKING:
    from hoctap.results.evaluation import Evaluation

REPO = Path(__file__).resolve().parents[3]
EXAMPLES = REPO / "examples"


def _same(a: Evaluation, b: Evaluation) -> None:
    assert (a.status, a.level, a.decided_by, a.possible_levels) == (
        b.status,
        b.level,
        b.decided_by,
        b.possible_levels,
    )
    assert [(r.id, r.outcome, r.value, r.band) for r in a.indicators] == [
        (r.id, r.outcome, r.value, r.band) for r in b.indicators
    ]
    assert [x.message for x in a.blockers] == [x.message for x in b.blockers]
    assert a.render("text", "en") == b.render("text", "en")


@pytest.mark.parametrize(
    "example",
    [
        "district-le-chan.yaml",
        "city-hai-phong.yaml",
        "minh-hoa-2024/xa-bon.yaml",  # a commune in a disadvantaged area: its row says "có"
        "minh-hoa-2024/tinh-minh-hoa.yaml",  # districts by level: a row per level
    ],
)
def test_a_filled_xlsx_form_round_trips_to_the_same_evaluation(
    example: str, tmp_path: Path
) -> None:
    pytest.importorskip("openpyxl")
    original = evaluate_file(EXAMPLES / example)
    data = template(original.criteria.origin, fill=EXAMPLES / example)
    assert isinstance(data, bytes)
    form = tmp_path / "form.xlsx"
    form.write_bytes(data)
    assert is_form(form)
    _same(evaluate_file(form), original)
    assert evaluate_file(form).unit == original.unit


def test_a_csv_form_round_trips_and_a_yaml_form_is_an_assessment(tmp_path: Path) -> None:
    original = evaluate_file(EXAMPLES / "district-le-chan.yaml")
    form = tmp_path / "form.csv"
    text = template("district-haiphong", fill=EXAMPLES / "district-le-chan.yaml", fmt="csv")
    assert isinstance(text, str)
    form.write_text(text, encoding="utf-8")
    assert is_form(form)
    _same(evaluate_file(form), original)
    blank = template("district", fmt="yaml")
    assert isinstance(blank, str)
    data = yaml.safe_load(blank)
    assert data["criteria"] == "district"
    assert list(data["values"]) == list(load("district").indicators)
    assert set(data["values"].values()) == {None}
    assert '"3.1.1":    # {previous: ..., current: ...}' in blank
    assert "#   Hướng dẫn đánh giá: " in blank
    left_blank = tmp_path / "blank.yaml"
    left_blank.write_text(blank.replace("unit:  ", "unit: Huyện X"), encoding="utf-8")
    assert evaluate_file(left_blank).status == "incomplete"


def test_a_blank_form_describes_each_indicator(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    form = tmp_path / "blank.xlsx"
    data = template("district")
    assert isinstance(data, bytes)
    form.write_bytes(data)
    sheet = openpyxl.load_workbook(form).active
    assert sheet.title == "Biểu mẫu"
    assert sheet["A1"].value == MARK
    rows = {sheet.cell(r, 1).value: r for r in range(9, sheet.max_row + 1)}
    r = rows["3.1.1"]
    assert sheet.cell(r, 4).value == "số liệu Năm trước và Năm nay"
    assert sheet.cell(r, 5).value == "giảm ≥ 1,5 điểm phần trăm so với năm trước"
    r = rows["1.1.1"]
    assert sheet.cell(r, 5).value == "đạt, không đạt"
    lists = [v for v in sheet.data_validations.dataValidation if v.type == "list"]
    assert f"H{r}" in str(lists[0].sqref)
    parts = [
        sheet.cell(n, 2).value
        for n in range(9, sheet.max_row + 1)
        if sheet.cell(n, 1).value == "3.1.2"
    ]
    assert parts == ["chất thải rắn", "nước thải"]
    with pytest.raises(InputError) as info:  # a blank form: no unit, no values
        evaluate_file(form)
    assert info.value.problems[0].render("en").startswith(f"{form}, Biểu mẫu!B3: unit: ")


def test_an_agency_gets_only_its_own_indicators() -> None:
    text = template("city", agency="sở thông tin và truyền thông", fmt="csv")
    assert isinstance(text, str)
    ids = [line.split(",")[0] for line in text.splitlines()[8:]]
    assert ids == ["2.2.1", "2.2.2", "2.2.4"]
    assert ",Sở Thông tin và Truyền thông," in text.splitlines()[5] + ","
    with pytest.raises(InputError) as info:
        template("city", agency="Sở Không Có")
    assert info.value.problems[0].code == "unknown_agency"
    assert "Sở Nội vụ" in info.value.problems[0].message.en


def test_problems_of_a_filled_form_are_said_at_their_sheet_and_cell(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    form = tmp_path / "form.xlsx"
    data = template("district-haiphong", fill=EXAMPLES / "district-le-chan.yaml")
    assert isinstance(data, bytes)
    form.write_bytes(data)
    book = openpyxl.load_workbook(form)
    sheet = book.active
    rows = {sheet.cell(r, 1).value: r for r in range(9, sheet.max_row + 1)}
    sheet.cell(rows["1.1.2"], 8).value = "có"
    sheet.cell(rows["2.1.1"], 9).value = 51  # more than the total, 50
    # a share typed into a cell shown as a percentage: 0.955 shown as 95.5% is 95.5
    sheet.cell(rows["2.2.1"], 8).value = 0.955
    sheet.cell(rows["2.2.1"], 8).number_format = "0.0%"
    book.save(form)
    with pytest.raises(InputError) as info:
        evaluate_file(form)
    lines = [p.render("en") for p in info.value.problems]
    assert lines == [
        (
            f"{form}, Biểu mẫu!H{rows['1.1.2']}: values[\"1.1.2\"]: must be true/false or 'đạt'/"
            "'không đạt' (met/not met), got 'có'"
        ),
        (
            f'{form}, Biểu mẫu!I{rows["2.1.1"]}: values["2.1.1"].count: the count (51) is more '
            "than the total (50)"
        ),
    ]
    assert read_form(form).data["values"]["2.2.1"] == 95.5  # type: ignore[index]


def test_a_form_whose_layout_was_changed_is_refused(tmp_path: Path) -> None:
    form = tmp_path / "form.csv"
    text = template("district", fmt="csv")
    assert isinstance(text, str)
    lines = text.splitlines()
    form.write_text("\n".join(lines[:2] + lines[3:]), encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_form(form)
    assert info.value.problems[0].render("en") == (
        f"{form}, A3: (top level): this cell must read 'unit': do not delete or insert rows at "
        "the top"
    )
    assert not is_form(tmp_path / "missing.csv")


def test_the_template_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["template", "district", "--format", "yaml", "--lang", "en"]) == 0
    assert "# DATA COLLECTION FORM: Criteria for recognising" in capsys.readouterr().out
    assert main(["template", "district"]) == 2  # a workbook needs a file
    pytest.importorskip("openpyxl")
    out = tmp_path / "f.xlsx"
    source = str(EXAMPLES / "district-le-chan.yaml")
    assert main(["template", "district-haiphong", "--from", source, "-o", str(out)]) == 0
    assert main(["evaluate", str(out)]) == 0
    assert "Kết quả: Quận học tập mức độ 2" in capsys.readouterr().out
    assert main(["report", str(out), "--format", "markdown"]) == 0
    assert "## Quận Lê Chân, 2022" in capsys.readouterr().out


def test_a_pooled_indicator_is_given_whole_or_by_parts_not_both(tmp_path: Path) -> None:
    form = tmp_path / "form.csv"
    text = template("city", fill=EXAMPLES / "city-hai-phong.yaml", fmt="csv")
    assert isinstance(text, str)
    lines = text.splitlines()
    row = next(n for n, line in enumerate(lines) if line.startswith("2.2.3,") and ",,7,9," in line)
    parts = [n for n, line in enumerate(lines) if line.startswith("2.2.3,") and n != row]
    assert len(parts) == 3  # the whole, then each kind of institution
    first = lines[parts[0]].split(",")
    cells = [*first[:8], "1", "2", *first[10:]]
    lines[parts[0]] = ",".join(cells)
    form.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(InputError) as info:
        evaluate_file(form)
    assert [p.code for p in info.value.problems] == ["whole_and_parts"]
    assert evaluate("city", {"2.2.3": {"count": 7, "total": 9}}).indicator("2.2.3").outcome == "met"


def _csv_rows(name: str, fill: Path | None = None) -> list[list[str]]:
    text = template(name, fill=fill, fmt="csv")
    assert isinstance(text, str)
    return [line.split(",") if "," in line else [line] for line in text.splitlines()]


def test_a_row_given_twice_is_refused_at_the_second(tmp_path: Path) -> None:
    form = tmp_path / "form.csv"
    text = template("district-haiphong", fill=EXAMPLES / "district-le-chan.yaml", fmt="csv")
    assert isinstance(text, str)
    lines = text.splitlines()
    row = next(n for n, line in enumerate(lines) if line.startswith("2.2.2,"))
    lines.append(lines[row].replace(",91,", ",60,"))
    form.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(InputError) as info:
        evaluate_file(form)
    (problem,) = info.value.problems
    assert problem.code == "duplicate_key"
    assert problem.render("en").startswith(
        f'{form}, H{len(lines)}: values["2.2.2"]: this row gives again what H{row + 1} gives'
    )


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.lists(
        st.tuples(
            st.integers(min_value=8, max_value=40),
            st.integers(min_value=1, max_value=13),
            st.one_of(
                st.none(),
                st.sampled_from(["", "đạt", "không đạt", "85,5", "1.500", "abc", "-1", "1e400"]),
                st.sampled_from(["\x00", "chất thải rắn", "2.1.1", "9.9.9", "count"]),
                st.integers(min_value=-(10**20), max_value=10**20),
                st.floats(allow_nan=True, allow_infinity=True),
                st.booleans(),
            ),
        ),
        max_size=12,
    )
)
def test_any_change_to_a_form_gives_a_result_or_hoctaps_own_error(
    changes: list[tuple[int, int, object]],
) -> None:
    from hoctap.files._forms import _read_grid  # noqa: PLC0415 - the grid, without a file

    grid: list[list[object]] = [list(line) for line in _GRID]
    for row, column, value in changes:
        while len(grid) < row:
            grid.append([])
        line = grid[row - 1]
        line += [""] * (column - len(line))
        line[column - 1] = value
    try:
        form = _read_grid(grid, "form.csv", "")
        evaluate_file(form.data)
    except HoctapError:
        pass


_GRID = _csv_rows("district-haiphong", EXAMPLES / "district-le-chan.yaml")


def test_a_table_of_units_read_as_one_assessment_says_what_it_is(tmp_path: Path) -> None:
    table = tmp_path / "units.csv"
    table.write_text("unit,1.1.1\nA,đạt\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        evaluate_file(table)
    (problem,) = info.value.problems
    assert problem.code == "not_a_form"
    assert problem.render("en") == (
        f"{table}, A1: (top level): not a hoctap form (cell A1 must read hoctap-form/1); a table "
        "of units is evaluated with 'hoctap evaluate TABLE --criteria NAME' or "
        "hoctap.evaluate_many"
    )


def test_a_district_rolled_up_fills_its_form_with_the_communes_by_level(tmp_path: Path) -> None:
    """A form has no room for the communes' own assessments: it takes their counts by level."""
    example = EXAMPLES / "minh-hoa-2024" / "huyen-minh-hoa.yaml"
    original = evaluate_file(example)
    text = template("tt25-district", fill=example, fmt="csv")
    assert isinstance(text, str)
    assert "\n4.1,level_1," in text
    form = tmp_path / "form.csv"
    form.write_text(text, encoding="utf-8")
    filled = evaluate_file(form)
    assert (filled.status, filled.level, filled.decided_by) == (
        original.status,
        original.level,
        original.decided_by,
    )
    assert filled.indicator("4.1").by_level == original.indicator("4.1").by_level == (2, 2)


def test_counts_by_level_with_different_totals_are_refused_at_the_cell(tmp_path: Path) -> None:
    text = template(
        "tt25-province", fill=EXAMPLES / "minh-hoa-2024" / "tinh-minh-hoa.yaml", fmt="csv"
    )
    assert isinstance(text, str)
    lines = text.splitlines()
    n = next(i for i, line in enumerate(lines) if line.startswith("4.1,level_2,"))
    lines[n] = lines[n].replace(",8,10,", ",8,11,")
    form = tmp_path / "form.csv"
    form.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        evaluate_file(form)
    (problem,) = caught.value.problems
    assert problem.code == "totals_differ"
    assert str(problem).startswith(f'{form}, J{n + 1}: values["4.1"].level_2.total:')


def test_an_attribute_row_reads_back_and_a_wrong_word_is_said_at_its_cell(tmp_path: Path) -> None:
    text = template("tt25-commune", fill=EXAMPLES / "minh-hoa-2024" / "xa-bon.yaml", fmt="csv")
    assert isinstance(text, str)
    assert text.rstrip().splitlines()[-1].startswith("disadvantaged,,xã thuộc vùng khó khăn,")
    form = tmp_path / "form.csv"
    form.write_text(text.replace(",có,,,,,", ",hơi,,,,,"), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        evaluate_file(form)
    (problem,) = caught.value.problems
    assert str(problem).startswith(f"{form}, H")
    assert "disadvantaged" in str(problem)
