"""The columnar path equals the scalar path on every row, band edges included."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hoctap import evaluate, evaluate_many, load
from hoctap.batch._rows import result_row
from hoctap.spec.models import Change
from hoctap.testing import values

pytestmark = pytest.mark.slow  # property, fuzz, notebook, browser, Dask: the slow part

EDGES = [0, 0.05, 1.5, 10, 12, 15, 40, 50, 60, 66, 70, 80, 90, 100]
LAW_IN_FORCE = [
    "tt25-commune",
    "tt25-district",
    "tt25-province",
    "tt24-unit-district",
    "tt24-unit-province",
]


def flat(given_values: dict[str, Any]) -> dict[str, Any]:
    """An assessment's values in the flat column contract."""
    out: dict[str, Any] = {}
    for ind, value in given_values.items():
        if not isinstance(value, dict):
            out[ind] = value
            continue
        for key, inner in value.items():
            if isinstance(inner, dict):
                for sub, cell in inner.items():
                    out[f"{ind}.{key}.{sub}"] = cell
            else:
                out[f"{ind}.{key}"] = inner
    return out


@st.composite
def edgy(draw: st.DrawFn) -> float:
    """A float on an edge, a hair beside it, or anywhere."""
    edge = draw(st.sampled_from(EDGES))
    return draw(
        st.sampled_from(
            [
                float(edge),
                math.nextafter(edge, -1.0),
                math.nextafter(edge, 200.0),
                edge + 1e-7,
                edge - 1e-7,
                draw(st.floats(0, 100)),
            ]
        )
    )


def _whole_cells(draw: st.DrawFn, ind: str, m: Any) -> dict[str, int]:
    """The cells of a kind given in whole numbers: a level reached, a count, counts by level."""
    if m.kind == "attainment":
        return {ind: draw(st.integers(0, m.top))}
    if m.kind == "count":
        return {ind: draw(st.integers(0, 8))}
    total = draw(st.integers(1, 25))
    level_2 = draw(st.integers(0, total))
    level_1 = draw(st.integers(0, total - level_2))
    return {f"{ind}.total": total, f"{ind}.level_1": level_1, f"{ind}.level_2": level_2}


@st.composite
def numeric_row(draw: st.DrawFn, name: str) -> dict[str, Any]:
    """One unit as plain numbers, dense with edge values (each value may be missing)."""
    spec = load(name)
    row: dict[str, Any] = {"unit": f"Huyện {draw(st.integers(0, 5))}"}
    # "xã thuộc vùng khó khăn": a column of its own, given or not
    row |= {a.id: draw(st.booleans()) for a in spec.attributes if draw(st.booleans())}
    traits = frozenset(a for a in row if row[a] is True)
    for ind in spec.indicators.values():
        if draw(st.integers(0, 9)) == 0 or not ind.applies(traits):  # not for this unit
            continue
        m = ind.measure
        if m.kind == "attested":
            row[ind.id] = draw(st.booleans())
        elif m.kind == "percent" and m.parts and m.reading == "each":
            for p in m.parts:
                row[f"{ind.id}.{p.id}"] = max(0.0, min(100.0, draw(edgy())))
        elif m.kind == "percent" and draw(st.booleans()):
            total = draw(st.integers(1, 40))
            row[f"{ind.id}.count"] = draw(st.integers(0, total))
            row[f"{ind.id}.total"] = total
        elif m.kind == "percent":
            row[ind.id] = max(0.0, min(100.0, draw(edgy())))
        elif m.kind in {"attainment", "count", "sub_units"}:
            row.update(_whole_cells(draw, ind.id, m))
        else:
            assert isinstance(m, Change)
            prev = draw(st.sampled_from([4.1, 2.6, 1.5, 3.0, 0.0, 10.0, 365000.0, 41.0]))
            move = draw(st.sampled_from([1.5, 1.4, 1.6, 0.0, 1.0, -1.0, 1e-9]))
            cur = prev - move if m.direction == "fall" else prev + move
            if m.quantity == "count":
                prev, cur = float(round(prev)), float(round(max(cur, 0)))
            row[f"{ind.id}.previous"] = prev
            row[f"{ind.id}.current"] = (
                max(0.0, min(100.0, cur)) if m.quantity == "percent" else max(cur, 0.0)
            )
    return row


def _scalar(name: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return evaluate_many(name, rows, errors="column")  # type: ignore[no-any-return]


def _same(frame_rows: list[dict[str, Any]], scalar_rows: list[dict[str, Any]]) -> None:
    for got, want in zip(frame_rows, scalar_rows, strict=True):
        for key, value in want.items():
            mine = got[key]
            if value is None:
                assert (
                    mine is None or mine is pd.NA or (isinstance(mine, float) and math.isnan(mine))
                ), key
            else:
                assert mine == value, (key, mine, value)


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(["district", "district-haiphong", "city", "province", *LAW_IN_FORCE]),
    st.data(),
)
def test_columnar_equals_scalar_on_frames_dense_with_edges(name: str, data: st.DataObject) -> None:
    rows = data.draw(st.lists(numeric_row(name), min_size=1, max_size=30))
    frame = pd.DataFrame(rows)
    got = evaluate_many(name, frame, errors="column").to_dict("records")
    _same(got, _scalar(name, rows))


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["district", "city", *LAW_IN_FORCE]), st.data())
def test_frames_of_any_written_form_equal_the_scalar_path(name: str, data: st.DataObject) -> None:
    generated = data.draw(st.lists(values(load(name)), min_size=1, max_size=8))
    rows = [{"unit": f"Huyện {n}", **flat(v)} for n, v in enumerate(generated)]
    frame = pd.DataFrame(rows)
    got = evaluate_many(name, frame, errors="column").to_dict("records")
    want = [
        result_row(evaluate(name, v, unit=f"Huyện {n}"), load(name))
        for n, v in enumerate(generated)
    ]
    _same(got, want)


HOSTILE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(
        ["", " ", "85,5", "85,5%", "1.500", "đạt", "không đạt", "x", "１", "-0", "1e9"]
    ),
)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_hostile_cells_give_the_scalar_paths_answer(data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(["district", "city"]))
    spec = load(name)
    columns = ["1.1.1", "2.1.1", "2.1.2.count", "2.1.2.total", "3.2.2"]
    if name == "city":
        columns += ["3.1.5.nước thải", "3.1.1.previous", "3.1.1.current"]
    else:
        columns += ["3.1.2.nước thải", "3.1.1.previous", "3.1.1.current"]
    rows = data.draw(
        st.lists(
            st.fixed_dictionaries(
                {"unit": st.sampled_from(["Huyện A", "Quận B", "", "A\x00", "Thị xã C"])},
                optional={
                    "kind": st.sampled_from(["huyện", "quận", "phường", "", "thị xã"]),
                    "period": st.one_of(
                        st.integers(2020, 2023), st.sampled_from(["2022", "", "2022-2023"])
                    ),
                }
                | dict.fromkeys(columns, HOSTILE),
            ),
            min_size=1,
            max_size=12,
        )
    )
    frame = pd.DataFrame(rows)
    got = evaluate_many(spec, frame, errors="column").to_dict("records")
    # The reference is the frame's own cells: pandas may have widened a column (0 to 0.0).
    _same(got, _scalar(name, frame.to_dict("records")))
