"""docs/house.md draws every module of the package, each under its own folder."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1].parent
PACKAGE = REPO / "src" / "hoctap"


def test_the_house_names_every_module_where_it_lives() -> None:
    text = (REPO / "docs" / "house.md").read_text(encoding="utf-8")
    tree = text[text.index("```\nsrc/hoctap/") : text.index("```", text.index("src/hoctap/"))]
    drawn: set[str] = set()
    folders: list[str] = []
    for line in tree.splitlines()[2:]:
        depth = (len(line) - len(line.lstrip())) // 2 - 1
        name = line.split()[0]
        folders = folders[:depth]
        if name.endswith("/"):
            folders.append(name.rstrip("/"))
        else:
            drawn.add("/".join([*folders, name]))
    modules = {
        str(p.relative_to(PACKAGE))
        for p in PACKAGE.rglob("*.py")
        if p.name != "__init__.py" or p.parent == PACKAGE or p.parent.name == "_kinds"
    }
    assert modules == drawn
