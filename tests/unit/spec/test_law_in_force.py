"""The sets of the law in force stand in the Circulars' text, clause by clause.

``sources/TT-25-24-2023-phap-dien.md`` holds Thông tư 25/2023 and 24/2023 as the Bộ pháp
điển codifies them (its source and caveats at its top). Every text a set takes from them
(a tiêu chí's title, a chỉ tiêu, a part, a level, an attribute) must stand in the clause
it cites (``Thông tư 25/2023/TT-BGDĐT, Điều 6 khoản 5 điểm b``), and every threshold must
be written in the clause its ``clause`` names: 60% in Điều 6 khoản 5 điểm a, 80% in Điều 7
khoản 5 điểm a. A threshold moved to the wrong level, or a clause pointing at the wrong
point, fails here.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any

import pytest
from tests.unit.spec.test_sources import SOURCES, clean

from hoctap import load

if TYPE_CHECKING:
    from hoctap.spec.models import CriteriaSet

LAW = SOURCES / "TT-25-24-2023-phap-dien.md"
SETS = {"tt25-commune": "25", "tt25-district": "25", "tt25-province": "25"}
_CODE = {"179": "25", "178": "24"}  # the Bộ pháp điển's number of each Circular
_CLAUSE = re.compile(
    r"Thông tư (?P<tt>\d+)/2023/TT-BGDĐT, Điều (?P<article>\d+)"
    r"(?: khoản (?P<clause>\d+))?(?: điểm (?P<point>[a-zđ]))?"
)


@cache
def articles() -> dict[tuple[str, int], list[str]]:
    """Each article's paragraphs, by (Circular, article number)."""
    out: dict[tuple[str, int], list[str]] = {}
    current: list[str] | None = None
    for line in LAW.read_text(encoding="utf-8").splitlines():
        head = re.match(r"### Điều 13\.1\.TT\.(\d+)\.(\d+)\.", line)
        if head:
            current = out.setdefault((_CODE[head.group(1)], int(head.group(2))), [])
        elif line.startswith("#"):
            current = None
        elif current is not None and line.strip() and not line.startswith("*("):
            current.append(line.strip())
    return out


def clause_text(cited: str) -> str:
    """The text a clause names: an article, a khoản of it, or a điểm of that khoản."""
    found = _CLAUSE.search(cited)
    assert found, f"not a clause of the Circulars: {cited}"
    body = articles()[(found["tt"], int(found["article"]))]
    if found["clause"] is None:
        return "\n".join(body)
    k = found["clause"]
    start = next(n for n, p in enumerate(body) if p.startswith(f"{k}. "))
    end = next((n for n in range(start + 1, len(body)) if re.match(r"\d+\. ", body[n])), len(body))
    paragraphs = body[start:end]
    if found["point"] is None:
        return "\n".join(paragraphs)
    return next(p for p in paragraphs if p.startswith(f"{found['point']}) "))


def stands(text: str, cited: str) -> bool:
    """Whether our text is written in the clause it cites (quotes, dashes, case aside)."""
    return clean(text) in clean(clause_text(cited))


def _number(value: Any) -> str:
    return format(value.normalize(), "f").replace(".", ",")


def _written(measure: Any, meets: Any, level: int) -> list[str]:
    """How the law writes a threshold of a measure's kind: ``60%``, ``mức độ 2``, ``04``."""
    value = meets.value
    return {
        "percent": [f"{_number(value)}%"],
        "sub_units": [f"{_number(value)}%", f"mức độ {level}"],
        "attainment": [f"mức độ {_number(value)}"],
        "count": [f"{int(value):02d}"],
        "change": ["tăng" if getattr(measure, "direction", "") == "rise" else "giảm"],
    }[measure.kind]


def thresholds(measure: Any, clause: str) -> list[tuple[str, str]]:
    """(what must be written, where) for each threshold of a measure and its clause."""
    out: list[tuple[str, str]] = []

    def said(meets: Any, where: str, level: int) -> None:
        out.extend((words, where) for words in _written(measure, meets, level))

    def all_of(holder: Any) -> None:  # its own, each level's, and each kind of unit's
        said(holder.meets, clause, 1)
        for t in holder.by_level:
            said(t.meets, t.clause, t.level)
        for unit in holder.when:
            said(unit.meets, unit.clause, 1)
            for t in unit.by_level:
                said(t.meets, t.clause, t.level)

    if measure.kind != "attested":
        all_of(measure)
        for part in getattr(measure, "parts", ()):
            if part.meets is not None:
                all_of(part)
    return out


def _texts(spec: CriteriaSet) -> list[tuple[str, str, str]]:
    """(where, text, clause) of every text the set takes from the Circular."""
    out = []
    for std in spec.standards:
        first = std.all_indicators[0].source
        assert first is not None
        khoan = re.sub(r" điểm [a-zđ]$", "", first)
        out.append((f"tiêu chí {std.id}", std.title.vi, khoan))
        for ind in std.all_indicators:
            assert ind.source is not None, ind.id
            out.append((f"chỉ tiêu {ind.id}", ind.text.vi, ind.source))
            out += [
                (f"{ind.id} part {p.id}", p.text.vi, ind.source)
                for p in getattr(ind.measure, "parts", ())
            ]
    rec = spec.recognition
    out += [(f"level {b.level}", b.text.vi, str(b.clause)) for b in rec.levels]
    out += [(f"prerequisite {p.id}", p.text.vi, p.clause) for p in rec.prerequisites]
    out += [(f"attribute {a.id}", a.text.vi, a.clause) for a in spec.attributes]
    return out


@pytest.mark.parametrize("set_id", sorted(SETS))
def test_every_text_stands_in_the_clause_it_cites(set_id: str) -> None:
    spec = load(set_id)
    missing = [(where, cited) for where, text, cited in _texts(spec) if not stands(text, cited)]
    assert missing == []


@pytest.mark.parametrize("set_id", sorted(SETS))
def test_every_threshold_is_written_in_its_clause(set_id: str) -> None:
    spec = load(set_id)
    wrong = []
    for ind in spec.indicators.values():
        assert ind.source is not None
        for words, cited in thresholds(ind.measure, ind.source):
            if clean(words) not in clean(clause_text(cited)):
                wrong.append((ind.id, words, cited))
    assert wrong == []


def test_a_threshold_at_the_wrong_level_is_caught() -> None:
    """The test above can fail: 80% is level 2's (Điều 7), not level 1's (Điều 6)."""
    measure = load("tt25-commune").indicator("5.1").measure
    moved = measure.model_copy(update={"meets": measure.by_level[0].meets})
    found = thresholds(moved, "Thông tư 25/2023/TT-BGDĐT, Điều 6 khoản 5 điểm a")
    assert ("80%", "Thông tư 25/2023/TT-BGDĐT, Điều 6 khoản 5 điểm a") in found
    assert "80%" not in clause_text("Thông tư 25/2023/TT-BGDĐT, Điều 6 khoản 5 điểm a")


def test_the_clause_reader_reads_points() -> None:
    text = clause_text("Thông tư 25/2023/TT-BGDĐT, Điều 7 khoản 5 điểm b")
    assert text.startswith("b) Chỉ tiêu 2: Có ít nhất 60% công dân")
    assert "ít nhất 15%" in text
    assert "Tiêu chí 4" in clause_text("Thông tư 25/2023/TT-BGDĐT, Điều 11 khoản 4")


def test_every_chi_tieu_of_the_level_one_article_is_in_the_set() -> None:
    """No chỉ tiêu of the law left out: the level-1 article has exactly the set's ids."""
    for set_id, article in (("tt25-commune", 6), ("tt25-district", 11), ("tt25-province", 16)):
        body = articles()[("25", article)]
        ids, k = [], 0
        for p in body:
            head = re.match(r"(\d+)\. Tiêu chí", p)
            if head:
                k = int(head.group(1))
            point = re.match(r"[a-zđ]\) Chỉ tiêu (\d+):", p)
            if point:
                ids.append(f"{k}.{point.group(1)}")
        assert ids == list(load(set_id).indicators), set_id
