"""Shared paths for the tests."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import settings

if TYPE_CHECKING:
    from collections.abc import Callable

REPO = Path(__file__).resolve().parents[1]
SOURCES = REPO / "sources"


@pytest.fixture
def seed_004() -> str:
    """The clean text of Bà Rịa - Vũng Tàu's 25/KH-UBND (district and province annexes).

    The repository's own copy (``sources/``), byte for byte the seed document, so the
    test runs on every clone.
    """
    return (SOURCES / "25-KH-UBND-2022-ba-ria-vung-tau.txt").read_text(encoding="utf-8")


# Timing is the benchmark's business (benchmarks/bench.py), not the tests': a property
# test must not fail because the machine was busy. The fuzz test keeps its own bound.
settings.register_profile("hoctap", deadline=None, print_blob=True)
settings.load_profile("hoctap")


class _Visible(HTMLParser):
    """The text a reader sees: every text node outside style, script and title."""

    def __init__(self, sep: str) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._sep = sep
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        del attrs
        self._hidden += tag in {"style", "script", "title"}

    def handle_endtag(self, tag: str) -> None:
        self._hidden -= tag in {"style", "script", "title"}

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data + self._sep)


def visible_text(html: str, sep: str = "") -> str:
    """An HTML page's visible text, its text nodes joined by ``sep``."""
    parser = _Visible(sep)
    parser.feed(html)
    return "".join(parser.parts)


@pytest.fixture
def page_text() -> Callable[[str, str], str]:
    """`visible_text`, for the tests that read what a page shows."""
    return visible_text


# The trivial kind of tests/unit/engine registers itself when imported: only its test
# imports it, in a fresh interpreter, so the doctest collector must not import it here.
collect_ignore = ["unit/engine/tally_kind.py"]
