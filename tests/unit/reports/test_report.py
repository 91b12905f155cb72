"""The annex table and the reports: what officials are handed."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

import hoctap
from hoctap import evaluate, evaluate_file, load
from hoctap.cli import main
from hoctap.reports._charts import band_svg
from hoctap.reports.annex import set_to_html, set_to_markdown, set_to_text, set_to_xlsx
from hoctap.reports.report import report
from hoctap.testing import meeting_values

if TYPE_CHECKING:
    from collections.abc import Iterator

REPO = Path(__file__).resolve().parents[3]
EXAMPLES = REPO / "examples"


class _Page(HTMLParser):
    """The text a reader sees, and the cells of every table row."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.rows: list[list[tuple[str, dict[str, str | None]]]] = []
        self._cell: list[str] | None = None
        self._attrs: dict[str, str | None] = {}
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"style", "script", "title"}:
            self._skip += 1
        if tag == "tr":
            self.rows.append([])
        if tag in {"td", "th"}:
            self._cell, self._attrs = [], dict(attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in {"style", "script", "title"}:
            self._skip -= 1
        if tag in {"td", "th"} and self._cell is not None:
            self.rows[-1].append(("".join(self._cell).strip(), self._attrs))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)


def _page(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


def test_the_annex_merges_each_standard_and_criterion_over_its_rows() -> None:
    spec = load("city")
    page = _page(set_to_html(spec))
    body = [r for r in page.rows if (r and r[0][1].get("rowspan")) or len(r) in {5, 6, 7}]
    spans = {cells[0][0]: cells[0][1].get("rowspan") for cells in body if len(cells) == 7}
    # Standard 1 spans its 5 indicators once; its criterion 1.1 spans 2.
    assert spans["1. " + spec.standards[0].title.vi] == "5"
    first = next(cells for cells in page.rows if cells and cells[0][0].startswith("1. "))
    assert first[1] == ("1.1. " + spec.standards[0].criteria[0].title.vi, {"rowspan": "2"})
    # every indicator has exactly one row; none repeats its standard
    text = "".join(page.text)
    for ind in spec.indicators:
        assert f"{ind}. " in text
    assert text.count(spec.standards[0].title.vi) == 1
    for needed in ("02/KH-UBND ngày 04/01/2022", "Hiệu lực", "Điều kiện tiên quyết", "P1", "3.1.5"):
        assert needed in text, needed


def test_the_annex_says_its_rules_and_readings_in_one_language() -> None:
    spec = load("district")
    vi = set_to_markdown(spec, "vi")
    assert "70% ≤ giá trị ≤ 80% → mức 1" in set_to_text(spec, "vi")
    assert "đạt tất cả chỉ báo của 1.1, 1.2, 3.1, 3.2, 2.2.3" in vi
    assert "Cách hiểu và đính chính của hoctap" in vi
    for english in ("all met", "level 1", "value", "attested"):
        assert english not in vi, english
        assert english not in set_to_text(spec, "vi"), english
    en = set_to_markdown(spec, "en")
    assert "all met: 1.1, 1.2, 3.1, 3.2, 2.2.3" in en
    # the Markdown table writes a standard once, in the row where it begins
    rows = [line for line in vi.splitlines() if line.startswith("| ")][1:]
    assert len(rows) == 16
    assert sum(1 for r in rows if r.startswith("| 1. ")) == 1
    assert rows[1].startswith("|  |  | 1.1.2. ")


def test_the_annex_workbook_merges_cells() -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(io.BytesIO(set_to_xlsx(load("city"))))
    sheet = book["Phụ lục"]
    merged = {str(r) for r in sheet.merged_cells.ranges}
    head = next(r for r in range(1, 20) if sheet.cell(r, 3).value == "Chỉ báo")
    assert f"A{head + 1}:A{head + 5}" in merged  # standard 1: five indicators
    assert f"B{head + 1}:B{head + 2}" in merged  # criterion 1.1: two
    assert sheet.cell(head + 1, 3).value.startswith("1.1.1. ")
    assert book["Điều kiện công nhận"].cell(2, 1).value == "Điều kiện tiên quyết P1"


def test_a_unit_report_is_a_whole_page_with_ladder_bands_and_trace() -> None:
    result = evaluate_file(EXAMPLES / "district-le-chan.yaml")
    html = report(result)
    assert isinstance(html, str)
    assert html.startswith('<!DOCTYPE html>\n<html lang="vi">')
    assert '<meta charset="utf-8">' in html
    assert "@media print" in html
    page = _page(html)
    text = "".join(page.text)
    assert "◆ Mức 2" in text
    assert "Kết quả: Quận học tập mức độ 2" in text
    for ind in result.criteria.indicators:
        assert ind in text, ind
    assert html.count("<svg") == 5  # the banded indicators, each against its bands
    assert "<details><summary>Diễn giải đầy đủ</summary>" in html
    assert not re.search(r"<[a-zA-Z/!]|&[a-z]+;", text)  # nothing shown as raw markup
    # pass and fail differ by a sign and a word, not by colour alone
    failing = report(evaluate("district", {**meeting_values(load("district")), "3.2.3": 40}))
    assert isinstance(failing, str)
    row = next(r for r in _page(failing).rows if r and r[0][0].endswith("3.2.3"))
    assert row[4][0] == "✗ không đạt"


def test_the_band_chart_marks_the_value_and_its_band() -> None:
    result = evaluate_file(EXAMPLES / "district-le-chan.yaml")
    svg = band_svg(result.indicator("2.1.2"), result.criteria.recognition.levels, "vi")
    assert "<title>2.1.2: 85% (17/20)</title>" in svg
    heavy = re.findall(r"stroke-width='3'", svg)
    assert len(heavy) == 1  # the band the value is in
    assert ">85%</text>" in svg
    x = 10 + 85 * 3.1
    assert f"x1='{x:.1f}'" in svg


def test_a_report_of_many_units_opens_with_a_summary() -> None:
    spec = load("district")
    good = meeting_values(spec)
    units = [
        evaluate(spec, good, unit="A"),
        evaluate(spec, {**good, "2.1.1": 75}, unit="B"),
        evaluate(spec, {**good, "1.1.1": False}, unit="C"),
    ]
    md = report(units, "markdown", "en")
    assert isinstance(md, str)
    summary = md.split("## A")[0]
    assert "- Not recognised: 1" in summary
    assert "- Level 1: 1" in summary
    assert "- Level 3: 1" in summary
    assert "- Indicator deciding most often: " in summary
    assert md.count("\n## ") == 4  # the summary, then a section per unit
    assert md.count("**Trace** (★ = decisive step):") == 3  # each unit's trace
    html = report(units, "html", "en")
    assert isinstance(html, str)
    assert html.index("Summary") < html.index("id='unit-")


def test_a_city_report_has_a_section_per_district() -> None:
    city = evaluate_file(EXAMPLES / "city-hai-phong-rollup.yaml")
    html = report(city, "html", "en")
    assert isinstance(html, str)
    assert html.count("<section class='unit'") == 1 + len(city.units)
    for unit in city.units:
        assert unit.unit in html


def test_the_report_workbook_has_a_row_per_unit_and_indicator() -> None:
    openpyxl = pytest.importorskip("openpyxl")
    city = evaluate_file(EXAMPLES / "city-hai-phong-rollup.yaml")
    data = report(city, "xlsx")
    assert isinstance(data, bytes)
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book["Tổng hợp"].max_row == 2 + len(city.units)
    rows = book["Chỉ báo"].max_row - 1
    assert rows == len(city.indicators) + sum(len(u.indicators) for u in city.units)


def test_the_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("openpyxl")
    out = tmp_path / "annex.xlsx"
    assert main(["show", "city", "--format", "xlsx", "-o", str(out)]) == 0
    assert out.read_bytes()[:2] == b"PK"
    assert main(["show", "city", "--format", "xlsx"]) == 2
    assert "needs -o FILE" in capsys.readouterr().err
    assert main(["show", "district", "--format", "html"]) == 0
    assert capsys.readouterr().out.startswith("<!DOCTYPE html>")
    page = tmp_path / "r.html"
    assert main(["report", str(EXAMPLES / "district-le-chan.yaml"), "-o", str(page)]) == 0
    assert "Quận học tập mức độ 2" in page.read_text(encoding="utf-8")
    table = tmp_path / "units.csv"
    table.write_text("unit,1.1.1\nA,có\n", encoding="utf-8")
    assert main(["report", str(table), "--criteria", "district"]) == 2
    assert 'units.csv:2:2: column["1.1.1"]' in capsys.readouterr().err
    assert main(["report", str(table)]) == 2
    assert "a table needs --criteria" in capsys.readouterr().err


@pytest.fixture
def english() -> Iterator[None]:
    hoctap.set_display_language("en")
    yield
    hoctap.set_display_language("vi")


def test_notebooks_show_each_object_in_the_language_chosen_once(english: None) -> None:
    del english
    spec = load("district")
    annex = spec._repr_html_()
    assert annex.startswith("<div class='hoctap'><style>")
    assert "<th>Standard</th>" in annex
    assert "rowspan" in annex
    result = evaluate_file(EXAMPLES / "district-le-chan.yaml")
    shown = result._repr_html_()
    assert "◆ Level 2" in shown
    assert "<details><summary>Full trace</summary>" in shown
    rows = hoctap.evaluate_many(
        "district",
        [{"unit": "A", **meeting_values(spec)}, {"unit": "B", "1.1.1": "không đạt"}],
    )
    table = rows._repr_html_()
    assert "2 units</strong>: Level 3: 1, Not recognised: 1" in table
    assert "✗ Not recognised" in table
    hoctap.set_display_language("vi")
    assert "◆ Mức 2" in result._repr_html_()
    assert "<th>Tiêu chuẩn</th>" in spec._repr_html_()


def test_the_annex_lists_the_corrections_of_the_documents_wording() -> None:
    vi = set_to_text(load("province"), "vi")
    assert "Đính chính 3.1.2, hướng dẫn đánh giá: “UBND/S LĐTB&XH” → “UBND/Sở LĐTB&XH”:" in vi
    en = set_to_markdown(load("district"), "en")
    assert "**Correction 3.1.2, part chất thải rắn**: “Chất rắn trên địa bàn” →" in en
    assert "Correction 1.1.1, text" in set_to_html(load("district"), "en")
    assert "Đính chính" not in set_to_text(load("city"), "vi")  # none made to the city's text


def test_the_same_report_is_the_same_page() -> None:
    # anchors by position, not by a hash that changes from one run to the next
    city = evaluate_file(EXAMPLES / "city-hai-phong-rollup.yaml")
    again = evaluate_file(EXAMPLES / "city-hai-phong-rollup.yaml")
    page = report(city)
    assert page == report(again)
    assert isinstance(page, str)
    assert "<section class='unit' id='unit-1'>" in page
    assert f"<section class='unit' id='unit-1-{len(city.units)}'>" in page
    assert "id='unit-1-2.1.2'" in page
