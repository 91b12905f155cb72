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
