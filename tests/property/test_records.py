"""Records that can be checked later: `hoctap.verify` accepts every record `evaluate`
writes, and refuses one with any value changed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from hoctap import HoctapError, evaluate, load, verify
from hoctap.results.record import check_record, record_schema_json
from hoctap.testing import values

pytestmark = pytest.mark.slow  # property, fuzz, notebook, browser, Dask: the slow part

SETS = ["district", "city", "tt25-commune", "tt25-district", "tt24-unit-district"]


@st.composite
def records(draw: st.DrawFn) -> dict[str, Any]:
    """The JSON record of an evaluation of generated values, as written to a file."""
    name = draw(st.sampled_from(SETS))
    spec = load(name)
    traits = [a.id for a in spec.attributes if draw(st.booleans())]
    given_values = draw(values(spec, attributes=traits))
    period = draw(st.sampled_from([None, "2022", "2024", "2025-2026"]))
    ev = evaluate(
        spec,
        given_values,
        unit="Đơn vị Minh Họa",
        period=period,
        attributes=dict.fromkeys(traits, True),
    )
    record: dict[str, Any] = json.loads(json.dumps(ev.to_dict(), ensure_ascii=False))
    return record


@settings(max_examples=120)
@given(records())
def test_verify_accepts_every_record_evaluate_writes(record: dict[str, Any]) -> None:
    checked = verify(record)
    assert checked.same, [d.en for d in checked.differences]
    assert checked.differences == ()


def _changed(value: Any) -> Any:
    """Another value of the same kind: a yes for a no, one more, another part's figure."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int | float):
        return 0 if value else 1
    if isinstance(value, str):
        return "không đạt" if value in {"đạt", "true"} else "đạt" if value == "không đạt" else "0"
    if isinstance(value, dict):
        key = min(value)
        return {**value, key: _changed(value[key])}
    return value


@settings(max_examples=120)
@given(records(), st.data())
def test_verify_refuses_a_record_with_a_value_changed(
    record: dict[str, Any], data: st.DataObject
) -> None:
    given_ones = [r for r in record["indicators"] if r["given"] is not None]
    if not given_ones:
        return
    target = data.draw(st.sampled_from(given_ones))
    changed = _changed(target["given"])
    if changed == target["given"]:
        return
    target["given"] = changed
    try:
        checked = verify(record)
    except HoctapError:  # a changed value may no longer read: refused too, in hoctap's words
        return
    assert not checked.same
    assert any("input_hash" in d.en for d in checked.differences)


@settings(max_examples=60)
@given(records())
def test_every_record_has_the_published_shape(record: dict[str, Any]) -> None:
    check_record(record)


def test_the_published_schema_is_the_one_hoctap_writes() -> None:
    committed = (Path(__file__).parents[2] / "docs" / "record.schema.json").read_text(
        encoding="utf-8"
    )
    assert committed == record_schema_json(), (
        "run: hoctap schema --record > docs/record.schema.json"
    )


def test_a_record_with_a_field_it_does_not_have_is_refused() -> None:
    record = json.loads(json.dumps(evaluate("district", {"2.1.1": 85}).to_dict()))
    check_record(record)
    record["indicators"][0]["colour"] = "red"
    with pytest.raises(ValidationError):
        check_record(record)
