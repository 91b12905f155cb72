"""Fixtures of the documentation tests: the executed notebook, the browser, the artefacts."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from .notebook import NOTEBOOK, REPO, Cell, notebook_html, run_notebook


@pytest.fixture(scope="session")
def executed_notebook() -> list[Cell]:
    pytest.importorskip("pandas")
    return run_notebook(NOTEBOOK)


@pytest.fixture(scope="session")
def notebook_page(executed_notebook: list[Cell]) -> str:
    """The executed notebook as one HTML page."""
    return notebook_html(executed_notebook)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where the browser tests leave their screenshots (not committed): build/artifacts,
    or the folder HOCTAP_ARTIFACTS names."""
    folder = Path(os.environ.get("HOCTAP_ARTIFACTS", REPO / "build" / "artifacts"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def chromium() -> str:
    """The headless browser: Debian's chromium. Without one the browser tests are
    skipped, unless HOCTAP_REQUIRE_BROWSER is set (as .ci/run does), when they fail."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("HOCTAP_REQUIRE_BROWSER"):
        pytest.fail("no chromium on this machine, and HOCTAP_REQUIRE_BROWSER is set")
    pytest.skip("no chromium on this machine (.ci/run installs it)")
