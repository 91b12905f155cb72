"""A real browser opens the report and the notebook: what a reader sees is right.

Headless Chromium loads each page from a file, takes a screenshot (left in
build/artifacts, or HOCTAP_ARTIFACTS, not committed) and prints the page as it holds
it after loading; the test reads back from that page the level, every indicator id, and
that no markup is shown as text.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from hoctap import evaluate_file
from hoctap.reports.report import report

if TYPE_CHECKING:
    from collections.abc import Callable

    from hoctap.results.evaluation import Evaluation

    from .notebook import Cell

pytestmark = pytest.mark.slow  # property, fuzz, notebook, browser, Dask: the slow part

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
_FLAGS = (
    # As the machine's notes advise: no network, no first-run or background traffic.
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)


def _browse(
    chromium: str, page: Path, shot: Path, profile: Path, text: Callable[[str, str], str]
) -> str:
    """Open a page headless; save its screenshot; return its text as the browser holds it."""
    common = [chromium, *_FLAGS, f"--user-data-dir={profile}"]
    url = page.resolve().as_uri()
    subprocess.run(  # noqa: S603 - the browser, on our own file
        [*common, "--window-size=1280,2400", f"--screenshot={shot}", url],
        check=True,
        capture_output=True,
        timeout=120,
    )
    dom = subprocess.run(  # noqa: S603
        [*common, "--dump-dom", url], check=True, capture_output=True, text=True, timeout=120
    ).stdout
    return text(dom, "")


def _check_shot(shot: Path) -> None:
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 20_000  # a page with text and tables, not a blank one


def _shown(text: str, evaluation: Evaluation, level_words: str) -> None:
    assert level_words in text
    for ind in evaluation.criteria.indicators:
        assert re.search(rf"(^|\W){re.escape(ind)}(\W|$)", text), ind
    _no_markup(text)


_MARKUP = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>|&[a-zA-Z]+;|&#\d+;")


def _no_markup(text: str) -> None:
    """No tag or entity shown as text: that would be something escaped twice."""
    found = _MARKUP.search(text)
    assert found is None, text[max(found.start() - 40, 0) : found.end() + 40] if found else ""


def test_a_report_in_a_real_browser(
    chromium: str, artifacts: Path, tmp_path: Path, page_text: Callable[[str, str], str]
) -> None:
    city = evaluate_file(EXAMPLES / "city-hai-phong-rollup.yaml")
    page = tmp_path / "report.html"
    made = report(city, "html", "vi")
    assert isinstance(made, str)
    page.write_text(made, encoding="utf-8")
    shot = artifacts / "report-city-hai-phong.png"
    text = _browse(chromium, page, shot, tmp_path / "profile", page_text)
    _check_shot(shot)
    _shown(text, city, "Kết quả: Không được công nhận")
    assert "◆ Không được công nhận" in text
    for unit in city.units:
        _shown(text, unit, unit.unit)
    le_chan = next(u for u in city.units if u.unit == "Quận Lê Chân")
    assert "Kết quả: Quận học tập mức độ 2" in text
    assert le_chan.level == 2


def test_the_notebook_in_a_real_browser(  # noqa: PLR0917 - pytest's fixtures
    chromium: str,
    artifacts: Path,
    tmp_path: Path,
    executed_notebook: list[Cell],
    notebook_page: str,
    page_text: Callable[[str, str], str],
) -> None:
    page = tmp_path / "tutorial.html"
    page.write_text(notebook_page, encoding="utf-8")
    shot = artifacts / "notebook-tutorial.png"
    text = _browse(chromium, page, shot, tmp_path / "profile", page_text)
    _check_shot(shot)
    result = next(
        c.value
        for c in executed_notebook
        if c.kind == "code"
        and c.value is not None
        and hasattr(c.value, "level")
        and c.value.level == 2
    )
    _shown(text, result, "◆ Level 2")
    assert "Learning urban district, level 2" in text


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_annex_page_in_a_real_browser(
    chromium: str, artifacts: Path, tmp_path: Path, lang: str, page_text: Callable[[str, str], str]
) -> None:
    from hoctap import load  # noqa: PLC0415
    from hoctap.reports.annex import set_to_html  # noqa: PLC0415

    spec = load("city")
    page = tmp_path / "annex.html"
    page.write_text(set_to_html(spec, "vi" if lang == "vi" else "en"), encoding="utf-8")
    shot = artifacts / f"annex-city-{lang}.png"
    text = _browse(chromium, page, shot, tmp_path / "profile", page_text)
    _check_shot(shot)
    for ind in spec.indicators:
        assert f"{ind}. " in text
    assert ("Tiêu chuẩn" if lang == "vi" else "Standard") in text
    _no_markup(text)
