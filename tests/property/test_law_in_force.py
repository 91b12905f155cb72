"""The laws of Thông tư 25/2023's three sets, checked on generated assessments.

An oracle written here from the Circular's text (Điều 6-8, 11-13, 16-18), with plain
`Fraction` arithmetic and none of hoctap's code, must agree with the engine; and the law's
monotony must hold: raising any value never lowers a level, and a unit meeting every
level-2 threshold meets every level-1 threshold (each level-2 threshold is at least as
strict: the Circular says nothing otherwise).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hoctap import evaluate

pytestmark = pytest.mark.slow  # property, fuzz, notebook, browser, Dask: the slow part

YES_NO = {
    "tt25-commune": ("1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "3.1", "3.2", "3.3", "4.1"),
    "tt25-district": ("1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "3.3"),
    "tt25-province": (
        *("1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4", "2.5", "3.1", "3.2", "3.3"),
    ),
}
# Điều 6 and 7: (level 1, level 2); for 5.2, (trained, university) per level, and for a
# commune in a disadvantaged area the same from điểm b's second sentence.
ATTAINED = {"4.2": (2, 3), "4.3": (2, 3), "4.4": (1, 2)}
CITIZENS = {"5.1": (60, 80)}
TRAINED = {False: ((50, 12), (60, 15)), True: ((40, 10), (50, 12))}


def share(count: int, total: int) -> dict[str, int]:
    return {"count": count, "total": total}


@st.composite
def commune(draw: st.DrawFn) -> tuple[dict[str, Any], bool]:
    """A commune at level 2, every threshold on its edge, then up to two values moved.

    Each moved value lands where a level is decided: on an edge of either level, a person
    short of it, far above, or anywhere; so that one value alone often decides.
    """
    disadvantaged = draw(st.booleans())
    total = draw(st.sampled_from([100, 1000, 2000, 997]))
    (t1, u1), (t2, u2) = TRAINED[disadvantaged]

    def at(pct: int) -> int:  # the fewest people that reach pct% of the total
        return -(-pct * total // 100)

    values: dict[str, Any] = dict.fromkeys(YES_NO["tt25-commune"], True)
    values |= {"4.2": 3, "4.3": 3, "4.4": 2, "5.1": share(at(80), total)}
    values["5.2"] = {"đào tạo": share(at(t2), total), "đại học": share(at(u2), total)}
    for key in draw(st.lists(st.sampled_from([*sorted(values), "5.2 đại học"]), max_size=2)):
        if key in YES_NO["tt25-commune"]:
            values[key] = False
        elif key in ATTAINED:
            values[key] = draw(st.integers(0, 3 if key != "4.4" else 2))
        else:
            edges = {"5.1": (60, 80), "5.2": (t1, t2), "5.2 đại học": (u1, u2)}[key]
            people = st.sampled_from([at(e) + d for e in edges for d in (-1, 0)] + [total])
            count = max(0, draw(st.one_of(people, st.integers(0, total))))
            if key == "5.1":
                values[key] = share(count, total)
            else:
                part = "đại học" if key.endswith("đại học") else "đào tạo"
                values["5.2"] = {**values["5.2"], part: share(count, total)}
    return values, disadvantaged


def _pct(value: dict[str, int]) -> Fraction:
    return Fraction(100 * value["count"], value["total"])


def commune_level(values: dict[str, Any], disadvantaged: bool) -> int:
    """Điều 8: the highest level all of whose criteria are met (0: not level 1)."""
    if not all(values[i] for i in YES_NO["tt25-commune"]):
        return 0
    level = 0
    for n in (1, 2):
        trained, university = TRAINED[disadvantaged][n - 1]
        meets = (
            all(values[i] >= edges[n - 1] for i, edges in ATTAINED.items())
            and all(_pct(values[i]) >= edges[n - 1] for i, edges in CITIZENS.items())
            and _pct(values["5.2"]["đào tạo"]) >= trained
            and _pct(values["5.2"]["đại học"]) >= university
        )
        if not meets:
            break
        level = n
    return level


@st.composite
def district(draw: st.DrawFn, name: str) -> dict[str, Any]:
    """A district (or province) at level 2, then up to two values moved near an edge."""
    rates = {"tt25-district": ("4.3",), "tt25-province": ("4.2",)}[name]  # in percent
    falls = {"tt25-district": (), "tt25-province": ("4.2",)}[name]  # "giảm"
    values: dict[str, Any] = dict.fromkeys(YES_NO[name], True)
    values["4.1"] = {"total": 20, "level_1": 2, "level_2": 18}
    for i in ("4.2", "4.3"):
        previous = 52 if i in rates else 120500
        values[i] = {"previous": previous, "current": previous + (-1 if i in falls else 1)}
    if name == "tt25-province":
        values |= {"3.4": 4, "3.5": 4}
    for key in draw(st.lists(st.sampled_from(sorted(values)), max_size=2)):
        if key in YES_NO[name]:
            values[key] = False
        elif key in {"3.4", "3.5"}:
            values[key] = draw(st.sampled_from([3, 4, 5, 0]))
        elif key == "4.1":
            total = draw(st.sampled_from([20, 19, 10, 1, 7]))
            level_2 = draw(st.integers(0, total))
            level_1 = draw(st.integers(0, total - level_2))
            values[key] = {"total": total, "level_1": level_1, "level_2": level_2}
        else:
            previous = values[key]["previous"]
            move = draw(st.sampled_from([0, 0, -1, 1, 2, -2]))
            values[key] = {"previous": previous, "current": previous + move}
    return values


def district_level(name: str, values: dict[str, Any]) -> int:
    """Điều 13 (district), Điều 18 (province): level 1 and 2 share all but chỉ tiêu 4.1."""
    poverty_falls = name == "tt25-province"  # Điều 16 khoản 4 điểm b: "giảm"
    ok = all(values[i] for i in YES_NO[name])
    ok = ok and values["4.3"]["current"] > values["4.3"]["previous"]
    if poverty_falls:
        ok = ok and values["4.2"]["current"] < values["4.2"]["previous"]
        ok = ok and values["3.4"] >= 4 and values["3.5"] >= 4  # "tối thiểu 04"
    else:
        ok = ok and values["4.2"]["current"] > values["4.2"]["previous"]
    counts = values["4.1"]
    at_1 = Fraction(100 * (counts["level_1"] + counts["level_2"]), counts["total"])
    at_2 = Fraction(100 * counts["level_2"], counts["total"])
    if not ok or at_1 < 90:
        return 0
    return 2 if at_2 >= 90 else 1


@settings(max_examples=300)
@given(commune())
def test_the_commune_agrees_with_the_circular(case: tuple[dict[str, Any], bool]) -> None:
    values, disadvantaged = case
    ev = evaluate("tt25-commune", values, attributes={"disadvantaged": disadvantaged})
    assert ev.level == commune_level(values, disadvantaged)


@settings(max_examples=300)
@given(
    st.sampled_from(["tt25-district", "tt25-province"]).flatmap(
        lambda name: st.tuples(st.just(name), district(name))
    )
)
def test_districts_and_provinces_agree_with_the_circular(case: tuple[str, dict[str, Any]]) -> None:
    name, values = case
    assert evaluate(name, values).level == district_level(name, values)


def _raised(values: dict[str, Any], key: str, data: st.DataObject) -> dict[str, Any] | None:
    """The values with one of them better by the law's reading, or None if it cannot be."""
    out = {k: (dict(v) if isinstance(v, dict) else v) for k, v in values.items()}
    value = out[key]
    if isinstance(value, bool):
        out[key] = True
    elif isinstance(value, int):
        out[key] = value + 1 if value < {"4.4": 2}.get(key, 3 if key in ATTAINED else 99) else value
    elif "previous" in value:
        fall = key == "4.2" and "3.4" in values  # the province's poverty rate must fall
        value["current"] += -1 if fall else 1
        if fall and value["current"] < 0:
            return None
    elif "level_2" in value:
        if value["level_1"] + value["level_2"] < value["total"]:
            value[data.draw(st.sampled_from(["level_1", "level_2"]))] += 1
        elif value["level_1"]:
            value["level_1"] -= 1
            value["level_2"] += 1
    elif "count" in value:
        value["count"] = min(value["total"], value["count"] + 1)
    else:
        part = data.draw(st.sampled_from(sorted(value)))
        value[part] = {**value[part], "count": min(value[part]["total"], value[part]["count"] + 1)}
    return out


@settings(max_examples=300)
@given(st.data())
def test_raising_any_value_never_lowers_the_level(data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(["tt25-commune", "tt25-district", "tt25-province"]))
    attributes = None
    if name == "tt25-commune":
        values, disadvantaged = data.draw(commune())
        attributes = {"disadvantaged": disadvantaged}
    else:
        values = data.draw(district(name))
    key = data.draw(st.sampled_from(sorted(values)))
    raised = _raised(values, key, data)
    if raised is None:
        return
    before = evaluate(name, values, attributes=attributes).level
    after = evaluate(name, raised, attributes=attributes).level
    assert before is not None
    assert after is not None
    assert after >= before, (key, values[key], raised[key])


@settings(max_examples=300)
@given(commune())
def test_meeting_level_two_thresholds_meets_level_one(case: tuple[dict[str, Any], bool]) -> None:
    """A commune meeting every threshold of Điều 7 is at level 2, so meets Điều 6 too.

    Each level-2 threshold is at least level 1's (the set is refused otherwise), so
    reaching level 2 never needs level 1's thresholds checked apart.
    """
    values, disadvantaged = case
    level_2 = TRAINED[disadvantaged][1]
    if not (
        all(values[i] for i in YES_NO["tt25-commune"])
        and all(values[i] >= edges[1] for i, edges in ATTAINED.items())
        and _pct(values["5.1"]) >= CITIZENS["5.1"][1]
        and _pct(values["5.2"]["đào tạo"]) >= level_2[0]
        and _pct(values["5.2"]["đại học"]) >= level_2[1]
    ):
        return
    ev = evaluate("tt25-commune", values, attributes={"disadvantaged": disadvantaged})
    assert (ev.status, ev.level) == ("recognised", 2)


# Thông tư 24/2023 Điều 6, 7 (district) and 12, 13 (province): (level 1, level 2) in percent.
UNIT_SHARES = {"2.1": (90, 95), "2.2": (90, 95), "2.3": (90, 95), "2.4": (50, 70), "2.5": (90, 95)}
LEARNERS = {False: (90, 95), True: (95, 97)}  # 3.1: members, or an institution's learners
UNIT_KINDS = {
    "tt24-unit-district": {"3.4": "general_school", "3.5": "vocational"},
    "tt24-unit-province": {"3.4": "upper_secondary", "3.5": "university", "3.6": "vocational"},
}
ATTAINED_UNIT = {"tt24-unit-district": ("3.4",), "tt24-unit-province": ("3.4", "3.5")}


@st.composite
def unit(draw: st.DrawFn, name: str) -> tuple[dict[str, Any], dict[str, bool]]:
    """A unit of some kinds at level 2 on every edge, then up to two values moved."""
    kinds = ("public_body", "economic_organisation", "education_institution")
    attributes = {a: draw(st.booleans()) for a in (*kinds, *UNIT_KINDS[name].values())}
    edu = attributes["education_institution"]
    values: dict[str, Any] = dict.fromkeys(("1.1", "1.2", "1.4", "1.5", "3.2", "3.3"), True)
    if attributes["public_body"]:
        values["1.3"] = True
    values |= {i: edges[1] for i, edges in UNIT_SHARES.items()}
    if attributes["economic_organisation"]:
        del values["2.4"]  # "không bao gồm ... tổ chức kinh tế"
    values["3.1"] = LEARNERS[edu][1]
    for i, kind in UNIT_KINDS[name].items():
        if attributes[kind]:
            values[i] = 2 if i in ATTAINED_UNIT[name] else True
    for key in draw(st.lists(st.sampled_from(sorted(values)), max_size=2)):
        if isinstance(values[key], bool):
            values[key] = False
        elif key in ATTAINED_UNIT[name]:
            values[key] = draw(st.integers(0, 2))
        else:
            edges = LEARNERS[edu] if key == "3.1" else UNIT_SHARES[key]
            near = [f"{e - 1}.9" for e in edges] + [str(e) for e in edges]  # a hair under, on
            values[key] = draw(st.sampled_from([*near, "100", "0"]))
    return values, attributes


def unit_level(name: str, values: dict[str, Any], attributes: dict[str, bool]) -> int:
    """Điều 8 (14): the highest level all of whose chỉ tiêu the unit meets."""
    if not all(v for v in values.values() if isinstance(v, bool)):
        return 0
    level = 0
    for n in (1, 2):
        edges = {**UNIT_SHARES, "3.1": LEARNERS[attributes["education_institution"]]}
        shares = all(Fraction(values[i]) >= e[n - 1] for i, e in edges.items() if i in values)
        attained = all(values[i] >= n for i in ATTAINED_UNIT[name] if i in values)
        if not (shares and attained):
            break
        level = n
    return level


@settings(max_examples=300)
@given(
    st.sampled_from(sorted(UNIT_KINDS)).flatmap(lambda name: st.tuples(st.just(name), unit(name)))
)
def test_units_agree_with_the_circular(
    case: tuple[str, tuple[dict[str, Any], dict[str, bool]]],
) -> None:
    name, (values, attributes) = case
    ev = evaluate(name, values, attributes=attributes)
    assert ev.level == unit_level(name, values, attributes)
    for i in UNIT_KINDS[name]:  # a chỉ tiêu for another kind of unit is not judged
        if not attributes[UNIT_KINDS[name][i]]:
            assert ev.indicator(i).outcome == "not_applicable"


@settings(max_examples=200)
@given(st.sampled_from(sorted(UNIT_KINDS)), st.data())
def test_raising_a_units_value_never_lowers_its_level(name: str, data: st.DataObject) -> None:
    values, attributes = data.draw(unit(name))
    key = data.draw(st.sampled_from(sorted(values)))
    raised = dict(values)
    value = values[key]
    if isinstance(value, bool):
        raised[key] = True
    elif isinstance(value, int) and key in ATTAINED_UNIT[name]:
        raised[key] = min(value + 1, 2)
    else:
        up = min(Fraction(str(value)) + Fraction(1, 10), Fraction(100))
        raised[key] = f"{float(up):.1f}"  # a tenth of a point more, as a person writes it
    before = evaluate(name, values, attributes=attributes).level
    after = evaluate(name, raised, attributes=attributes).level
    assert before is not None
    assert after is not None
    assert after >= before, (key, value, raised[key])
