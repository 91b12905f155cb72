"""Every Vietnamese text of every bundled set stands in the document it cites.

The documents are in ``sources/`` (``sources/README.md``). A clean text (25/KH-UBND) is
compared as written, in any case and with any kind of quote or dash; an OCR text
(02/KH-UBND) has lost its diacritics, so it is compared letter by letter without them
after its misreadings are corrected. Every correction, of a misreading or of the text
itself, is written in ``sources/corrections.yaml`` with its note, and every one is used.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from hoctap import load
from hoctap.files._yaml import parse

if TYPE_CHECKING:
    from hoctap.spec.models import CriteriaSet

SOURCES = Path(__file__).parents[3] / "sources"


@cache
def corrections() -> dict[str, Any]:
    # hoctap's own strict reader: a key written twice (a block pasted twice) is refused
    doc, problems = parse((SOURCES / "corrections.yaml").read_text(encoding="utf-8"), "c")
    assert problems == [], problems
    assert isinstance(doc.data, dict)
    return doc.data


_QUOTES = str.maketrans({"“": '"', "”": '"', "–": "-", "—": "-", "‘": "'", "’": "'"})


def clean(text: str) -> str:
    """A clean text compared as written: NFC, case, quotes, dashes and spaces aside."""
    text = unicodedata.normalize("NFC", text).translate(_QUOTES).casefold()
    return re.sub(r"\s+", " ", text).strip()


def letters(text: str) -> str:
    """A text as OCR without diacritics keeps it: its letters and digits, nothing else."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^0-9a-z]", "", text)


def words(text: str) -> list[str]:
    """A text's words as OCR without diacritics keeps them (see `letters`)."""
    return [w for w in (letters(w) for w in re.split(r"[\s/,;:()“”\"'.\-–—]+", text)) if w]


def _close(ours: str, theirs: str) -> bool:
    """Whether an OCR word can be a misreading of ours: a letter or two off, by length.

    Strict enough that a different word is not a misreading ("quan" is not "huyen",
    "thanh" is not "quan"): a short word must be read exactly.
    """
    if ours == theirs:
        return True
    longest = max(len(ours), len(theirs))
    if longest < 3 or abs(len(ours) - len(theirs)) > 1:
        return False
    allowed = 1 if longest < 6 else 2
    previous = list(range(len(theirs) + 1))
    for i, a in enumerate(ours, 1):
        row = [i]
        for j, b in enumerate(theirs, 1):
            row.append(min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a != b)))
        previous = row
    return previous[-1] <= allowed


def ocr_stands(text: str, body: str) -> bool:
    """Whether the OCR holds our text: its words in order, each exactly or as a
    misreading (`_close`), with other columns' words in between (the OCR interleaves a
    table's columns) but never more than a few, and never two of ours missing in a row."""
    return best_reading(words(text), words(body))[0]


def best_reading(ours: list[str], theirs: list[str]) -> tuple[bool, int, int]:
    """(found, how many of our words the best attempt read, where it started)."""
    budget = max(1, len(ours) // 10)  # words of ours the OCR may have lost
    best = (False, 0, 0)
    for start, first in enumerate(theirs):
        if not _close(ours[0], first):
            continue
        at, lost, missed_last, read = start + 1, 0, False, 1
        for word in ours[1:]:
            window = range(at, min(at + 12, len(theirs)))
            ahead = next((k for k in window if _close(word, theirs[k])), None)
            if ahead is None:
                lost += 1
                if lost > budget or missed_last:
                    break
                missed_last = True
                continue
            missed_last, at, read = False, ahead + 1, read + 1
        else:
            return True, read, start
        if read > best[1]:
            best = (False, read, start)
    return best


def in_any_order(text: str, block: str) -> bool:
    """Whether a scrambled block holds our text's words, each once, in any order.

    For a table whose columns the OCR interleaved beyond reading in order: every word
    of ours must be one of the block's (exactly or as a misreading), each of the
    block's words used once, and at most one word in ten lost.
    """
    ours, theirs = words(text), words(block)
    lost = 0
    for word in ours:
        k = next((k for k, w in enumerate(theirs) if _close(word, w)), None)
        if k is None:
            lost += 1
        else:
            del theirs[k]
    return lost <= len(ours) // 10


@cache
def blocks(set_id: str) -> list[tuple[tuple[str, ...], str]]:
    """The scrambled blocks of a set's OCR: (the items they hold, their corrected text)."""
    name = corrections()["sets"][set_id]["file"]
    raw = (SOURCES / name).read_text(encoding="utf-8").splitlines()
    out = []
    for block in corrections()["scrambled"].get(set_id, ()):
        first, last = block["lines"]
        assert raw[first - 1].startswith(block["starts"]), block
        out.append((tuple(block["holds"]), correct(name, "\n".join(raw[first - 1 : last]))))
    return out


def correct(name: str, body: str) -> str:
    """An OCR text with each misreading corrected where it stands as a word of its own."""
    for fix in corrections()["ocr"][name]:
        body = re.sub(rf"(?<![\w&]){re.escape(fix['ocr'])}(?![\w&])", fix["reads"], body)
    return body


def region(text: str, start: str, end: str | None) -> str:
    head = text.index(start)
    return text[head : text.index(end, head + len(start)) if end else len(text)]


@cache
def document(set_id: str, part: str) -> tuple[str, bool]:
    """The part (``text`` or ``rules``) of the document a set cites, corrected; and
    whether it is OCR."""
    spec = corrections()["sets"][set_id]
    name = spec["file"]
    raw = (SOURCES / name).read_text(encoding="utf-8")
    ocr = name.endswith(".ocr.txt")
    body = region(raw, *spec[part])
    return (correct(name, body) if ocr else body), ocr


def texts(spec: CriteriaSet) -> list[tuple[str, str, str]]:
    """(where, part of the document, Vietnamese text) of every text taken from the source."""
    out = [("title", "text", spec.title.vi)]
    for s in spec.standards:
        out.append((f"standard {s.id}", "text", s.title.vi))
        for c in s.criteria:
            out.append((f"criterion {c.id}", "text", c.title.vi))
            for i in c.indicators:
                out.append((f"{i.id} text", "text", i.text.vi))
                if i.evidence is not None:
                    out.append((f"{i.id} evidence", "text", i.evidence.vi))
                if i.lead is not None:
                    out.append((f"{i.id} lead", "text", i.lead))
                out += [(f"{i.id} coordinating", "text", a) for a in i.coordinating]
                for part in getattr(i.measure, "parts", ()):
                    out.append((f"{i.id} part {part.id}", "text", part.text.vi))
    rec = spec.recognition
    out += [(f"prerequisite {p.id}", "rules", p.text.vi) for p in rec.prerequisites]
    out += [(f"level {b.level}", "rules", b.text.vi) for b in rec.levels]
    return out


def as_cited(set_id: str, where: str, text: str) -> str:
    """Our text with each correction of the source's own wording undone."""
    for edit in corrections()["edits"]:
        if edit["set"] == set_id and edit["at"] == where:
            assert edit["ours"] in text, (where, edit["ours"])
            text = text.replace(edit["ours"], edit["source"])
    return text


SETS = ("district", "province", "city", "district-haiphong")


@pytest.mark.parametrize("set_id", SETS)
def test_every_text_stands_in_the_document_it_cites(set_id: str) -> None:
    spec = load(set_id)
    assert spec.legal_basis[0].number == corrections()["sets"][set_id]["number"]
    missing = []
    for where, part, text in texts(spec):
        body, ocr = document(set_id, part)
        wanted = as_cited(set_id, where, text)
        wanted = wanted.removesuffix(".")
        if not ocr:
            found = clean(wanted) in clean(body)
        else:
            found = ocr_stands(wanted, body) or any(
                in_any_order(wanted, block)
                for holds, block in blocks(set_id)
                if where.split(" ")[0] in holds or where in holds
            )
        if not found:
            missing.append(f"{where}: {text}")
    assert missing == []


def applied() -> dict[tuple[str, int], int]:
    """How often each OCR correction corrects a word where a set reads its texts.

    Over every part of a document some set cites (its text, its rules, its scrambled
    blocks), each correction applied in turn as `correct` applies it: a correction
    whose misreading stands only elsewhere in the file, or that an earlier one already
    took, never applies.
    """
    data = corrections()
    count: dict[tuple[str, int], int] = {}
    for set_id, spec in data["sets"].items():
        name = spec["file"]
        if not name.endswith(".ocr.txt"):
            continue
        raw = (SOURCES / name).read_text(encoding="utf-8")
        lines = raw.splitlines()
        bodies = [region(raw, *spec[part]) for part in ("text", "rules")]
        for block in data["scrambled"].get(set_id, ()):
            first, last = block["lines"]
            bodies.append("\n".join(lines[first - 1 : last]))
        for body in bodies:
            text = body
            for n, fix in enumerate(data["ocr"][name]):
                pattern = rf"(?<![\w&]){re.escape(fix['ocr'])}(?![\w&])"
                text, found = re.subn(pattern, fix["reads"], text)
                count[name, n] = count.get((name, n), 0) + found
    return count


def test_every_correction_is_noted_and_used() -> None:
    data = corrections()
    unused = [data["ocr"][name][n] for (name, n), found in applied().items() if not found]
    assert unused == []
    for edit in data["edits"]:
        assert edit["note"]["vi"], edit
        assert edit["note"]["en"], edit
        text = {w: t for w, _, t in texts(load(edit["set"]))}[edit["at"]]
        assert edit["ours"] in text, edit


def test_a_text_from_another_source_is_caught() -> None:
    # Bà Rịa - Vũng Tàu's wording is not Hải Phòng's: the check must see it, in order or not.
    body, ocr = document("district-haiphong", "text")
    assert ocr
    brvt, haiphong = load("district"), load("district-haiphong")
    assert not ocr_stands(brvt.indicator("1.1.1").text.vi, body)
    assert ocr_stands(haiphong.indicator("1.1.1").text.vi, body)
    (_, block), *_ = blocks("district-haiphong")
    assert not in_any_order(brvt.standards[0].title.vi, block)
    assert in_any_order(haiphong.standards[0].title.vi, block)


# --- The law in force: Thông tư 25/2023 and 24/2023, clause by clause ------------------
#
# ``sources/TT-25-24-2023-phap-dien.md`` holds the two Circulars as the Bộ pháp điển
# codifies them (its source and caveats at its top). Every text a set of the law in force
# takes from them (a tiêu chí's title, a chỉ tiêu, a part, a level, an attribute) must
# stand in the clause it cites (``Thông tư 25/2023/TT-BGDĐT, Điều 6 khoản 5 điểm b``),
# and every threshold must be written in the clause its ``clause`` names: 60% in Điều 6
# khoản 5 điểm a, 80% in Điều 7 khoản 5 điểm a. A threshold moved to the wrong level, or a
# clause pointing at the wrong point, fails here.

LAW = SOURCES / "TT-25-24-2023-phap-dien.md"
LAW_SETS = (
    "tt25-commune",
    "tt25-district",
    "tt25-province",
    "tt24-unit-district",
    "tt24-unit-province",
)
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
    value, kind = meets.value, measure.kind
    if kind == "attainment":  # "mức độ 2", or the level's name ("mức đáp ứng cơ bản")
        return [measure.level_name(value, "vi") if value else "chưa đạt"]
    return {
        "percent": [f"{_number(value)}%"],
        "sub_units": [f"{_number(value)}%", f"mức độ {level}"],
        "count": [f"{int(value):02d}"],
        "change": ["tăng" if getattr(measure, "direction", "") == "rise" else "giảm"],
    }[kind]


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
        found = _CLAUSE.search(first)
        assert found is not None, first
        khoan = (
            f"Thông tư {found['tt']}/2023/TT-BGDĐT, Điều {found['article']} khoản {found['clause']}"
        )
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


@pytest.mark.parametrize("set_id", LAW_SETS)
def test_every_text_stands_in_the_clause_it_cites(set_id: str) -> None:
    spec = load(set_id)
    missing = [(where, cited) for where, text, cited in _texts(spec) if not stands(text, cited)]
    assert missing == []


@pytest.mark.parametrize("set_id", LAW_SETS)
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
    measure: Any = load("tt25-commune").indicator("5.1").measure
    moved = measure.model_copy(update={"meets": measure.by_level[0].meets})
    found = thresholds(moved, "Thông tư 25/2023/TT-BGDĐT, Điều 6 khoản 5 điểm a")
    assert ("80%", "Thông tư 25/2023/TT-BGDĐT, Điều 6 khoản 5 điểm a") in found
    assert "80%" not in clause_text("Thông tư 25/2023/TT-BGDĐT, Điều 6 khoản 5 điểm a")


def test_the_clause_reader_reads_points() -> None:
    text = clause_text("Thông tư 25/2023/TT-BGDĐT, Điều 7 khoản 5 điểm b")
    assert text.startswith("b) Chỉ tiêu 2: Có ít nhất 60% công dân")
    assert "ít nhất 15%" in text
    assert "Tiêu chí 4" in clause_text("Thông tư 25/2023/TT-BGDĐT, Điều 11 khoản 4")


def chi_tieu(tt: str, article: int) -> list[str]:
    """The ids (k.j) of every chỉ tiêu of an article, one whose tiêu chí says "Nội dung tiêu
    chí theo quy định tại khoản K Điều M" taking that khoản's."""
    ids, k = [], 0
    for p in articles()[(tt, article)]:
        head = re.match(r"(\d+)\. Tiêu chí", p)
        if head:
            k = int(head.group(1))
        point = re.match(r"[a-zđ]\) Chỉ tiêu (\d+):", p)
        if point:
            ids.append(f"{k}.{point.group(1)}")
        same = re.match(r"Nội dung tiêu chí theo quy định tại khoản (\d+) Điều (\d+)", p)
        if same:
            ids += [
                f"{k}.{i.split('.')[1]}"
                for i in chi_tieu(tt, int(same[2]))
                if i.startswith(f"{same[1]}.")
            ]
    return ids


@pytest.mark.parametrize(
    ("set_id", "tt", "article"),
    [
        ("tt25-commune", "25", 6),
        ("tt25-district", "25", 11),
        ("tt25-province", "25", 16),
        ("tt24-unit-district", "24", 6),
        ("tt24-unit-province", "24", 12),
    ],
)
def test_every_chi_tieu_of_the_level_one_article_is_in_the_set(
    set_id: str, tt: str, article: int
) -> None:
    """No chỉ tiêu of the law left out: the level-1 article has exactly the set's ids."""
    assert chi_tieu(tt, article) == list(load(set_id).indicators)


def test_every_chi_tieu_of_the_level_two_article_is_in_the_set() -> None:
    """Level 2 asks the same chỉ tiêu (Điều 7, 12, 17 and 7, 13 repeat or restate them)."""
    for set_id, tt, article in (
        ("tt25-commune", "25", 7),
        ("tt25-district", "25", 12),
        ("tt25-province", "25", 17),
        ("tt24-unit-district", "24", 7),
        ("tt24-unit-province", "24", 13),
    ):
        assert chi_tieu(tt, article) == list(load(set_id).indicators), set_id
