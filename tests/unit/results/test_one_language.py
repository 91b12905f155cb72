"""Each view speaks one language: no English word in a Vietnamese view, no Vietnamese
word in an English one, and every message of the package has both.

What a view quotes from the criteria set (titles, indicator texts, evidence, readings,
clauses, which are Vietnamese citations in both languages) and from the input (unit
names) is data, not the view's words: it is taken out before the words are checked.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

import hoctap
from hoctap import evaluate, evaluate_file, load
from hoctap.errors import Message
from hoctap.reports.annex import set_to_html, set_to_markdown, set_to_text
from hoctap.reports.report import report
from hoctap.testing import meeting_values

if TYPE_CHECKING:
    from collections.abc import Iterator

    from hoctap.errors import Lang
    from hoctap.results.evaluation import Evaluation
    from hoctap.spec.models import CriteriaSet

REPO = Path(__file__).resolve().parents[3]
EXAMPLES = REPO / "examples"

ENGLISH = (
    "met", "not met", "level", "value", "observed", "attested", "all met", "missing",
    "no data", "needs", "more than", "at least", "less than", "at most", "percentage points",
    "a rise", "a fall", "no change", "Result", "Decided by", "Trace", "Prerequisite",
    "Standard", "Criterion", "Indicator", "units", "recognised", "incomplete", "higher",
    "lower", "strictly", "closest", "period", "Summary", "Note", "Full trace",
)  # fmt: skip
"""Words of the English views that must never stand in a Vietnamese one."""

VIETNAMESE = (
    "đạt", "không đạt", "mức", "giá trị", "chưa có số liệu", "cần", "thêm", "Kết quả",
    "Tiêu chuẩn", "Tiêu chí", "điểm phần trăm", "tăng", "giảm", "không đổi", "kỳ", "Diễn giải",
    "Quyết định", "được công nhận", "gần nhất", "Lưu ý", "còn phải", "nước thải",
    "chất thải rắn", "chuyển giao", "đăng ký",
)  # fmt: skip
"""Words of the Vietnamese views that must never stand in an English one."""


def _texts(value: Any, lang: Lang) -> Iterator[str]:
    """Every text of one language a criteria set holds, and every clause it cites."""
    if isinstance(value, dict):
        if set(value) >= {"vi", "en"} and isinstance(value.get(lang), str):
            yield value[lang]
        for key, item in value.items():
            quoting = key in {"clause", "source", "issuer", "number", "annex", "id", "lead"}
            if quoting and isinstance(item, str):
                yield item
            yield from _texts(item, lang)
    elif isinstance(value, (list, tuple)):
        for item in value:
            if isinstance(item, str):
                yield item  # agencies, references
            yield from _texts(item, lang)


def _data(spec: CriteriaSet, lang: Lang, names: tuple[str, ...]) -> list[str]:
    quoted = {*_texts(spec.model_dump(mode="json"), lang), *names, str(spec.origin)}
    quoted |= {f"{d}" for d in spec.legal_basis}
    quoted |= {spec.clause_of(i) for i in spec.indicators.values()}
    for ind in spec.indicators.values():
        for part in getattr(ind.measure, "parts", ()):
            quoted.add(part.label(lang))  # an English view says the English name
    return sorted((q for q in quoted if q), key=len, reverse=True)


Reader = Callable[[str, str], str]
"""tests/conftest.py's page reader (the ``page_text`` fixture): a page's visible text."""


def _plain(view: str, page_text: Reader) -> str:
    if view.lstrip().startswith("<"):
        return page_text(view, "\n")
    return re.sub(r"\\(.)", r"\1", view)  # Markdown's escapes


def _words_left(view: str, data: list[str], page_text: Reader) -> str:
    # Whitespace made one space on both sides: the text views wrap long texts.
    text = " ".join(_plain(view, page_text).split())
    for quoted in data:
        text = text.replace(" ".join(quoted.split()), " ")
    return text


def _found(text: str, words: tuple[str, ...]) -> list[str]:
    return [w for w in words if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text)]


def _evaluations() -> list[Evaluation]:
    district, city = load("district"), load("city")
    good_d, good_c = meeting_values(district), meeting_values(city)
    out = [evaluate_file(p) for p in sorted(EXAMPLES.glob("*.yaml")) if "rollup" not in p.name]
    out.append(evaluate_file(EXAMPLES / "city-hai-phong-rollup.yaml"))
    out += [
        evaluate(district, {**good_d, **changed}, unit="Huyện X")
        for changed in (
            {"3.1.1": {"previous": 4.1, "current": 4.5}},  # a rise where a fall is needed
            {"2.1.1": 80},  # exactly on a strict edge
            {"3.2.2": 0.07},  # above a strict ceiling
            {"2.1.2": {"count": 13, "total": 20}},  # counts short of an edge
            {"1.1.1": "không đạt"},  # attested not met
            {"3.1.2": {"chất thải rắn": 95, "nước thải": 85}},  # a part fails
            {"2.2.3": {"count": 0, "total": 0}},  # none: read as met
        )
    ]
    out += [
        evaluate(city, {**good_c, **changed}, unit="Thành phố Y", period="2024")
        for changed in (
            {"3.1.1": {"previous": 365000, "current": 365000}},  # no change
            {
                "3.1.3": {
                    "chuyển giao": {"previous": 20, "current": 19},
                    "đăng ký": {"previous": 5, "current": 5},
                }
            },
        )
    ]
    out.append(evaluate(district, {"1.1.1": True}, unit="Huyện Z"))  # incomplete
    # The law in force: levels by own thresholds, parts with their own, sub-units by
    # level rolled up, a chỉ tiêu not for the unit, levels with names.
    out += [evaluate_file(p) for p in sorted((EXAMPLES / "minh-hoa-2024").glob("*.yaml"))]
    return out


def _views(ev: Evaluation, lang: Lang) -> Iterator[str]:
    for fmt in ("text", "markdown", "html"):
        yield ev.render(fmt, lang)
    for fmt in ("html", "markdown"):
        made = report(ev, fmt, lang)  # type: ignore[arg-type]
        assert isinstance(made, str)
        yield made


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_view_of_an_evaluation_speaks_one_language(lang: Lang, page_text: Reader) -> None:
    other = ENGLISH if lang == "vi" else VIETNAMESE
    for ev in _evaluations():
        names = (ev.unit, *(u.unit for u in ev.units), *(u.unit for u in ev.units))
        specs = {ev.criteria, *(u.criteria for u in ev.units)}
        data = sorted({d for s in specs for d in _data(s, lang, names)}, key=len, reverse=True)
        for view in _views(ev, lang):
            left = _words_left(view, data, page_text)
            assert _found(left, other) == [], (ev.unit, _found(left, other))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_view_of_a_set_speaks_one_language(lang: Lang, page_text: Reader) -> None:
    other = ENGLISH if lang == "vi" else VIETNAMESE
    for name in hoctap.bundled_names():
        spec = load(name)
        data = _data(spec, lang, ())
        for view in (set_to_text(spec, lang), set_to_markdown(spec, lang), set_to_html(spec, lang)):
            left = _words_left(view, data, page_text)
            assert _found(left, other) == [], (name, _found(left, other))


def test_the_duties_speak_one_language(page_text: Reader) -> None:
    found = hoctap.duties_for(EXAMPLES / "city-hai-phong-2022-12.yaml", on="2022-12-16")
    spec = found.evaluation.criteria
    languages: tuple[tuple[Lang, tuple[str, ...]], ...] = (("vi", ENGLISH), ("en", VIETNAMESE))
    for lang, other in languages:
        data = _data(spec, lang, (found.evaluation.unit,))
        data += [a.agency for a in found.agencies]
        data += [n for a in found.request.aliases for n in (a.name, a.same_as)]
        data = sorted(set(data), key=len, reverse=True)
        for fmt in ("text", "markdown", "html"):
            left = _words_left(found.render(fmt, lang), data, page_text)
            assert _found(left, other) == [], (lang, fmt, _found(left, other))


def _messages() -> Iterator[tuple[str, Message]]:
    """Every Message the package holds in its modules' tables of words."""
    names = ["hoctap"] + [m.name for m in pkgutil.walk_packages(hoctap.__path__, "hoctap.")]
    for name in names:
        module = importlib.import_module(name)
        for attr, value in vars(module).items():
            items: list[Any] = []
            if isinstance(value, Message):
                items = [value]
            elif isinstance(value, dict):
                items = list(value.values())
            elif isinstance(value, tuple):
                items = [v for v in value if isinstance(v, Message)]
                items += [x for v in value if isinstance(v, tuple) for x in v]
            for item in items:
                if isinstance(item, tuple):
                    items += list(item)
                elif isinstance(item, Message):
                    yield f"{name}.{attr}", item


def test_every_message_has_both_languages() -> None:
    found = list(_messages())
    assert len(found) > 120
    same = {"đạt, không đạt"}  # the values themselves, written the same in both
    for where, message in found:
        assert message.vi.strip(), where
        assert message.en.strip(), where
        assert message.vi == message.vi.strip(), where
        assert message.en == message.en.strip(), where
        wordless = not re.search(r"[^\W\d_]", message.vi)  # a dash, a sign
        assert message.vi != message.en or message.vi in same or wordless, (where, message)
        assert _found(message.vi, ENGLISH) == [] or where.endswith("_kinds._USE"), (where, message)


def _with_decimal_edges() -> CriteriaSet:
    """The district set with a band edge of 80.5%: a number the bundled sets never print."""
    text = (REPO / "criteria" / "district.yaml").read_text(encoding="utf-8")
    for old, new in (("at_most: 80\n", "at_most: 80.5\n"), ("above: 80\n", "above: 80.5\n")):
        assert old in text
        text = text.replace(old, new)
    return hoctap.load_text(text, "decimals.yaml")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_view_writes_decimals_as_its_language_does(lang: Lang, page_text: Reader) -> None:
    """A decimal comma in every Vietnamese view, a point in every English one: band edges,
    thresholds and values alike (the trace once printed '80.5%' beside the report's
    '80,5'). What the view quotes from the set (its texts cite the documents) is taken out."""
    wrong = re.compile(r"\d\.\d+ ?%" if lang == "vi" else r"\d,\d+ ?%")
    edged = _with_decimal_edges()
    evaluations = [
        *_evaluations(),
        evaluate(edged, {**meeting_values(edged), "2.1.1": "80,2", "2.1.2": "80,7"}),
    ]
    for ev in evaluations:
        names = (ev.unit, *(u.unit for u in ev.units))
        specs = {ev.criteria, *(u.criteria for u in ev.units)}
        data = sorted({d for s in specs for d in _data(s, lang, names)}, key=len, reverse=True)
        for view in _views(ev, lang):
            assert wrong.findall(_words_left(view, data, page_text)) == [], ev.unit
    for spec in [*(load(name) for name in hoctap.bundled_names()), edged]:
        data = _data(spec, lang, ())
        for view in (set_to_text(spec, lang), set_to_markdown(spec, lang), set_to_html(spec, lang)):
            assert wrong.findall(_words_left(view, data, page_text)) == [], spec.id
    edge = "80,5%" if lang == "vi" else "80.5%"
    assert edge in evaluations[-1].render("text", lang)
    assert edge in set_to_text(edged, lang)


def test_an_evaluation_refuses_a_view_it_does_not_have() -> None:
    # render("en") once gave the Vietnamese text: a format it did not know fell back to text.
    result = evaluate("district", {"2.1.1": 85})
    with pytest.raises(ValueError, match="fmt must be"):
        result.render("en")
    with pytest.raises(ValueError, match="lang must be"):
        result.render("text", "fr")  # type: ignore[arg-type]
