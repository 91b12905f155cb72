"""The engine's laws, checked on generated assessments (hypothesis).

An independent oracle, written here from DOMAIN.md's reading of the law with plain
`Fraction` arithmetic and none of hoctap's code, must agree with the engine on every
generated assessment.
"""

from __future__ import annotations

import html
import json
import random
import unicodedata
from decimal import Decimal
from fractions import Fraction
from html.parser import HTMLParser
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from hoctap import Evaluation, InputError, evaluate, evaluate_assessment, load, read_assessment
from hoctap.engine._assessment import check_text
from hoctap.errors import invisible

pytestmark = pytest.mark.slow  # property, fuzz, notebook, browser, Dask: the slow part

SETS = ("district", "city", "province")
ATTESTED: dict[str, tuple[str, ...]] = {
    "district": ("1.1.1", "1.1.2", "1.2.1", "1.2.2", "1.2.3", "3.2.1"),
    "city": ("1.1.1", "1.1.2", "1.2.1", "1.2.2", "1.2.3", "3.2.1", "3.2.2"),
}
ATTESTED["province"] = ATTESTED["city"]
BANDED: dict[str, tuple[str, ...]] = {
    "district": ("2.1.1", "2.1.2", "2.2.1", "2.2.2", "2.2.4"),
    "city": ("2.1.1", "2.1.2", "2.2.1", "2.2.2", "2.2.3", "2.2.4"),
}
BANDED["province"] = BANDED["city"]
# Shares that are not banded: (operator, threshold), from DOMAIN.md's table.
SHARES: dict[str, dict[str, tuple[str, Fraction | int]]] = {
    "district": {
        "2.2.3": (">=", 100),
        "3.1.2": (">=", 90),
        "3.2.2": ("<", Fraction("0.05")),
        "3.2.3": (">=", 50),
    },
    "city": {
        "3.1.4": (">=", 66),
        "3.1.5": (">=", 90),
        "3.2.3": ("<", Fraction("0.05")),
        "3.2.4": (">=", 50),
    },
}
SHARES["province"] = SHARES["city"]
# Changes: indicator → (quantity, direction, operator, threshold)
CHANGES: dict[str, dict[str, tuple[str, str, str, Fraction | int]]] = {
    "district": {"3.1.1": ("percent", "fall", ">=", Fraction("1.5"))},
    "city": {
        "3.1.1": ("amount", "rise", ">", 0),
        "3.1.2": ("percent", "fall", ">=", Fraction("1.5")),
        "3.1.3": ("count", "rise", ">", 0),
    },
}
CHANGES["province"] = CHANGES["city"]
WASTE = ("chất thải rắn", "nước thải")
# Indicators with parts (the criteria files' readings): each part must meet the
# threshold, or the parts' counts are added up into one figure.
EACH: dict[str, dict[str, tuple[str, ...]]] = {
    "district": {"3.1.2": WASTE},
    "city": {"3.1.5": WASTE},
}
POOLED: dict[str, dict[str, tuple[str, ...]]] = {
    "district": {},
    "city": {
        "2.2.3": ("trung tâm GDTX", "cao đẳng sư phạm", "đại học"),
        "3.1.3": ("chuyển giao", "đăng ký"),
    },
}
EACH["province"], POOLED["province"] = EACH["city"], POOLED["city"]


def _pooled(value: dict[str, Any]) -> dict[str, Any]:
    """Parts given one by one, added up (counts, or last year's and this year's)."""
    parts = list(value.values())
    if "previous" in parts[0]:
        return {k: sum(_as_fraction(p[k]) for p in parts) for k in ("previous", "current")}
    return {k: sum(p[k] for p in parts) for k in ("count", "total")}


def _as_fraction(value: Any) -> Fraction:
    if isinstance(value, dict) and "count" not in value:  # parts, each: the lowest
        return min(_as_fraction(v) for v in value.values())
    if isinstance(value, dict):
        if value["total"] == 0:  # district 2.2.3 with no centre: if_none: met
            return Fraction(100)
        return Fraction(100 * value["count"], value["total"])
    if isinstance(value, str):
        return Fraction(value.replace(",", ".").rstrip("%").strip())
    return Fraction(str(value)) if isinstance(value, float) else Fraction(value)


def _cmp(a: Fraction, op: str, b: Fraction | int) -> bool:
    return {">=": a >= b, ">": a > b, "<": a < b, "<=": a <= b}[op]


def oracle(name: str, values: dict[str, Any]) -> tuple[str, int | None, set[str]]:  # noqa: C901 - the rules, flat
    """DOMAIN.md's rules, written out plainly: (status, level, decided_by)."""
    met: dict[str, bool] = {}
    band: dict[str, int] = {}
    values = dict(values)
    for i in POOLED[name]:
        if isinstance(values.get(i), dict) and set(values[i]) == set(POOLED[name][i]):
            values[i] = _pooled(values[i])
    for i in ATTESTED[name]:
        if i in values:
            met[i] = values[i] in {True, "đạt"}
    for i in BANDED[name]:
        if i in values:
            v = _as_fraction(values[i])
            met[i] = v >= 70
            band[i] = 1 if v <= 80 else 2 if v <= 90 else 3
    for i, (op, t) in SHARES[name].items():
        if i in values:
            met[i] = _cmp(_as_fraction(values[i]), op, t)
    for i, (_q, direction, op, t) in CHANGES[name].items():
        if i in values:
            prev, cur = _as_fraction(values[i]["previous"]), _as_fraction(values[i]["current"])
            met[i] = _cmp(prev - cur if direction == "fall" else cur - prev, op, t)
    everything = [*ATTESTED[name], *BANDED[name], *SHARES[name], *CHANGES[name]]
    failed = {i for i in everything if met.get(i) is False}
    if failed:
        return "not_recognised", 0, failed
    missing = {i for i in everything if i not in met}
    if missing:
        return "incomplete", None, missing
    level = min(band[i] for i in BANDED[name])
    return "recognised", level, {i for i in BANDED[name] if band[i] == level}


# --- strategies --------------------------------------------------------------------------------

decimals = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False)


@st.composite
def share(draw: st.DrawFn, low: int = 0) -> object:
    """A share in one of the forms an official writes."""
    form = draw(st.sampled_from(["int", "decimal", "text", "counts"]))
    if form == "int":
        return draw(st.integers(low, 100))
    if form == "decimal":
        return draw(decimals.filter(lambda d: d >= low))
    if form == "text":
        d = draw(decimals.filter(lambda d: d >= low))
        return draw(st.sampled_from([str(d).replace(".", ","), f"{d}%", str(d)]))
    total = draw(st.integers(1, 60))
    count = draw(st.integers(-(-low * total // 100), total))
    return {"count": count, "total": total}


@st.composite
def parts(draw: st.DrawFn, names: tuple[str, ...], low: int = 0) -> dict[str, object]:
    """A value for each part."""
    return {p: draw(share(low)) for p in names}


@st.composite
def counts(draw: st.DrawFn, names: tuple[str, ...], low: int = 0) -> dict[str, object]:
    """Counts for each part, to be added up, whose sum is at least ``low`` percent."""
    out: dict[str, object] = {}
    for p in names:
        total = draw(st.integers(1, 20))
        out[p] = {"count": draw(st.integers(-(-low * total // 100), total)), "total": total}
    return out


@st.composite
def change(draw: st.DrawFn, quantity: str) -> dict[str, object]:
    if quantity == "percent":
        return {
            "previous": draw(st.decimals(0, 10, places=1)),
            "current": draw(st.decimals(0, 10, places=1)),
        }
    if quantity == "count":
        return {"previous": draw(st.integers(0, 50)), "current": draw(st.integers(0, 50))}
    return {"previous": draw(st.integers(0, 10**6)), "current": draw(st.integers(0, 10**6))}


@st.composite
def assessment(  # noqa: C901, PLR0912 - one value for each kind of indicator
    draw: st.DrawFn, name: str, *, complete: bool = True, passing: bool = False
) -> dict[str, object]:
    values: dict[str, object] = {}
    for i in ATTESTED[name]:
        values[i] = True if passing else draw(st.sampled_from([True, False, "đạt", "không đạt"]))
    for i in BANDED[name]:
        if i in POOLED[name] and draw(st.booleans()):
            values[i] = draw(counts(POOLED[name][i], 70 if passing else 0))
        else:
            values[i] = draw(share(70 if passing else 0))
    for i, (op, t) in SHARES[name].items():
        if i in EACH[name]:
            low = 100 if passing else 0
            values[i] = draw(parts(EACH[name][i], low))
        elif passing:
            values[i] = 100 if op == ">=" else 0
        elif i == "2.2.3" and name == "district" and draw(st.booleans()):
            values[i] = {"count": 0, "total": 0}  # no centre at all
        else:
            values[i] = draw(share())
        del t
    for i, (q, direction, _op, _t) in CHANGES[name].items():
        if passing:
            big, small = (10, 5) if q != "amount" else (10**6, 1)
            values[i] = (
                {"previous": big, "current": small}
                if direction == "fall"
                else {"previous": small, "current": big}
            )
        else:
            values[i] = draw(change(q))
        if i in POOLED[name] and draw(st.booleans()):  # the same change, given part by part
            first, *rest = POOLED[name][i]
            zero = {"previous": 0, "current": 0}
            values[i] = {first: values[i], **dict.fromkeys(rest, zero)}
    if not complete:
        drop = draw(st.sets(st.sampled_from(sorted(values)), max_size=len(values)))
        for i in drop:
            del values[i]
    return values


def _rank(result: Evaluation) -> int:
    assert result.status != "incomplete"
    assert result.level is not None
    return result.level


# --- the laws ----------------------------------------------------------------------------------


@settings(max_examples=300)
@given(st.data())
def test_agrees_with_the_oracle(data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(SETS))
    values = data.draw(
        assessment(name, complete=data.draw(st.booleans()), passing=data.draw(st.booleans()))
    )
    result = evaluate(name, values)
    status, level, decided = oracle(name, values)
    assert (result.status, result.level, set(result.decided_by)) == (status, level, decided)


@settings(max_examples=300)
@given(st.data())
def test_improving_a_value_never_lowers_the_level(data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(SETS))
    values = data.draw(assessment(name, passing=data.draw(st.booleans())))
    before = _rank(evaluate(name, values))
    better = dict(values)
    target = data.draw(st.sampled_from(sorted(values)))
    old_value = values[target]
    if (
        target in POOLED[name]
        and isinstance(old_value, dict)
        and set(old_value) == set(POOLED[name][target])
    ):
        values[target] = better[target] = _pooled(old_value)  # the same value, one figure
        before = _rank(evaluate(name, values))
    if target in ATTESTED[name]:
        better[target] = True
    elif target in EACH[name]:
        old_parts = values[target]
        assert isinstance(old_parts, dict)
        part = data.draw(st.sampled_from(sorted(old_parts)))
        new = data.draw(decimals)
        assume(new >= _as_fraction(old_parts[part]))
        better[target] = {**old_parts, part: new}
    elif target in CHANGES[name]:
        _q, direction, _op, _t = CHANGES[name][target]
        old = values[target]
        assert isinstance(old, dict)
        step = data.draw(st.integers(0, 5))
        current = old["current"]
        assert isinstance(current, int | Decimal | Fraction)
        moved = max(0, current - step) if direction == "fall" else current + step
        better[target] = {"previous": old["previous"], "current": moved}
    else:
        op = SHARES[name].get(target, (">=", 70))[0]
        old_share = _as_fraction(values[target])
        new = data.draw(decimals)
        assume((new >= old_share) if op in {">=", ">"} else (new <= old_share))
        better[target] = new
    assert _rank(evaluate(name, better)) >= before


EDGES = [(70, "level 1"), (80, "level 1"), (90, "level 2"), (100, "level 3")]


@given(st.sampled_from(EDGES), st.integers(1, 40), st.sampled_from(SETS))
def test_a_value_on_an_edge_lands_on_the_legal_side_in_every_form(
    edge_band: tuple[int, str], k: int, name: str
) -> None:
    edge, band = edge_band
    forms: list[object] = [
        edge,
        str(edge),
        f"{edge},0",
        f"{edge}.00%",
        Decimal(f"{edge}.0"),
        float(edge),
    ]
    forms.append({"count": edge // 10 * k, "total": 10 * k})
    for form in forms:
        values = dict.fromkeys(BANDED[name], 100) | {"2.1.2": form}
        result = evaluate(name, values)
        assert f"level {result.indicator('2.1.2').band}" == band, form
    # The smallest step above the edge is the next band (except above 100, which is refused).
    if edge < 100:
        above = {"count": edge // 10 * k * 10 + 1, "total": 100 * k}
        result = evaluate(name, {"2.1.2": above})
        assert result.indicator("2.1.2").band == {70: 1, 80: 2, 90: 3}[edge]


@given(st.sampled_from(["0.05", "0,05", "0.050%"]), st.sampled_from(SETS))
def test_below_is_strict_in_every_form(text: str, name: str) -> None:
    ind = "3.2.2" if name == "district" else "3.2.3"
    assert evaluate(name, {ind: text}).indicator(ind).met is False
    assert evaluate(name, {ind: {"count": 1, "total": 2000}}).indicator(ind).met is False
    assert evaluate(name, {ind: {"count": 1, "total": 2001}}).indicator(ind).met is True


@settings(max_examples=200)
@given(st.data())
def test_decided_by_agrees_with_the_level_and_the_indicators(data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(SETS))
    result = evaluate(
        name,
        data.draw(
            assessment(name, complete=data.draw(st.booleans()), passing=data.draw(st.booleans()))
        ),
    )
    by_id = {r.id: r for r in result.indicators}
    if result.status == "recognised":
        bands = {i: by_id[i].band for i in BANDED[name]}
        assert result.level == min(b for b in bands.values() if b is not None)
        assert set(result.decided_by) == {i for i, b in bands.items() if b == result.level}
        assert all(by_id[i].met for i in by_id)
        assert result.trace.outcome == f"level {result.level}"
    elif result.status == "not_recognised":
        assert result.level == 0
        assert set(result.decided_by) == {i for i, r in by_id.items() if r.outcome == "not_met"}
    else:
        assert result.level is None
        assert set(result.decided_by) == {i for i, r in by_id.items() if r.outcome == "missing"}
        assert len(result.possible_levels) >= 2
    decisive = {
        s.id for s in _all_steps(result.trace) if s.decisive and s.kind in {"indicator", "band"}
    }
    assert decisive == set(result.decided_by)
    for step in _all_steps(result.trace):
        if step.kind == "band" and step.outcome == "missing":
            assert step.observed is None  # "2.1.2: no data" says it once
            continue
        if step.kind in {"indicator", "band"}:
            said = result.indicator(step.id)
            assert (step.observed.vi, step.observed.en) == (
                said.observed("vi"),
                said.observed("en"),
            )


def _all_steps(step: Any) -> list[Any]:
    out = [step]
    for child in step.children:
        out += _all_steps(child)
    return out


@given(st.data())
def test_key_order_does_not_matter(data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(SETS))
    values = data.draw(assessment(name, complete=data.draw(st.booleans())))
    keys = list(values)
    random.Random(data.draw(st.integers())).shuffle(keys)  # noqa: S311 - a shuffle, not a secret
    a, b = evaluate(name, values, unit="X"), evaluate(name, {k: values[k] for k in keys}, unit="X")
    assert (a.status, a.level, a.decided_by, a.possible_levels, a.input_hash) == (
        b.status,
        b.level,
        b.decided_by,
        b.possible_levels,
        b.input_hash,
    )
    assert a.to_dict() == b.to_dict()


@settings(max_examples=100)
@given(st.data())
def test_every_view_renders_any_evaluation(data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(SETS))
    unit = data.draw(st.text(max_size=30))
    values = data.draw(assessment(name, complete=data.draw(st.booleans())))
    if check_text(unit) is not None:  # a name with control characters or broken Unicode
        with pytest.raises(InputError) as info:
            evaluate(name, values, unit=unit)
        assert info.value.codes == ("bad_text",)
        return
    result = evaluate(name, values, unit=unit)
    assert result.unit == unicodedata.normalize("NFC", unit.strip())
    for lang in ("vi", "en"):
        text = result.render("text", lang)
        assert text.startswith(result.unit)
        assert not any(invisible(line) for line in text.split("\n"))
        assert result.render("markdown", lang)
        json.loads(result.render("json", lang))
        page = result.render("html", lang)
        _assert_well_formed(page)
        assert html.escape(result.unit) in page


class _Nesting(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:  # noqa: ARG002
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open, f"</{tag}> closes nothing"
        assert self.open.pop() == tag, f"</{tag}> closes the wrong element"


def _assert_well_formed(page: str) -> None:
    parser = _Nesting()
    parser.feed(page)
    parser.close()
    assert parser.open == []


@settings(max_examples=200)
@given(st.data())
def test_completing_missing_data_gives_one_of_the_possible_levels(data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(SETS))
    full = data.draw(assessment(name, passing=data.draw(st.booleans())))
    drop = data.draw(st.sets(st.sampled_from(sorted(full)), min_size=1))
    partial = {k: v for k, v in full.items() if k not in drop}
    before = evaluate(name, partial)
    after = evaluate(name, full)
    if before.status == "not_recognised":
        assert after.status == "not_recognised"
    else:
        assert after.level in before.possible_levels


@given(st.data())
def test_python_mapping_and_assessment_paths_agree(data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(SETS))
    values = data.draw(assessment(name, complete=data.draw(st.booleans())))
    direct = evaluate(load(name), values, unit="Huyện X", period=2022)
    via = evaluate_assessment(
        read_assessment({"criteria": name, "unit": "Huyện X", "period": 2022, "values": values})
    )
    assert direct.to_dict() == via.to_dict()
