"""The engine's laws on whole generated criteria sets, not only the bundled three.

The sets come from `hoctap.testing` (other level counts, band edges anywhere, strict and
inclusive edges, ceilings, relative and absolute changes, variants as overlays make
them). An oracle written here with plain `Fraction` arithmetic, reading the rules from
the set's fields and none of hoctap's engine, must agree with every evaluation.
"""

from __future__ import annotations

import pickle
import tempfile
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from hoctap import CriteriaSet, evaluate, load, load_text
from hoctap.spec.models import Attainment, Attested, Change, Count, Percent, Threshold
from hoctap.testing import criteria_sets, meeting_values, values, variants

pytestmark = pytest.mark.slow  # property, fuzz, notebook, browser, Dask: the slow part

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _fraction(value: Any) -> Fraction:
    if isinstance(value, dict):
        return Fraction(100 * value["count"], value["total"])
    if isinstance(value, str):
        return Fraction(value.replace(",", ".").rstrip("%").strip())
    if isinstance(value, float):
        return Fraction(repr(value))
    return Fraction(value)


def _meets(x: Fraction, threshold: Threshold) -> bool:
    if threshold.at_least is not None:
        return x >= Fraction(threshold.at_least)
    if threshold.above is not None:
        return x > Fraction(threshold.above)
    if threshold.at_most is not None:
        return x <= Fraction(threshold.at_most)
    assert threshold.below is not None
    return x < Fraction(threshold.below)


def _named(spec: CriteriaSet, refs: tuple[str, ...]) -> list[str]:
    return [i for i in spec.indicators if any(i == r or i.startswith(r + ".") for r in refs)]


def oracle(spec: CriteriaSet, given: dict[str, Any]) -> tuple[str, int | None, set[str]]:  # noqa: C901, PLR0912 - the rules, flat
    """The recognition rules as the format describes them: (status, level, decided_by)."""
    met: dict[str, bool] = {}
    share: dict[str, Fraction] = {}
    for ind in spec.indicators.values():
        if ind.id not in given:
            continue
        value, measure = given[ind.id], ind.measure
        if isinstance(measure, Attested):
            met[ind.id] = value in {True, "đạt"}
        elif isinstance(measure, Percent):
            share[ind.id] = _fraction(value)
            met[ind.id] = _meets(share[ind.id], measure.meets)
        elif isinstance(measure, Attainment | Count):  # a level reached, a count: the number
            met[ind.id] = _meets(Fraction(value), measure.meets)
        else:
            assert isinstance(measure, Change)
            before, after = _fraction(value["previous"]), _fraction(value["current"])
            moved = after - before if measure.direction == "rise" else before - after
            if measure.unit == "relative":
                moved = moved / before * 100
            met[ind.id] = _meets(moved, measure.meets)
    rules = [_named(spec, p.all_met) for p in spec.recognition.prerequisites]
    banded = _named(spec, spec.recognition.banded)
    relevant = {i for rule in rules for i in rule} | set(banded)
    failed = {i for i in relevant if met.get(i) is False}
    if failed:
        return "not_recognised", 0, failed
    missing = {i for i in relevant if i not in met}
    if missing:
        return "incomplete", None, missing
    band: dict[str, int] = {}
    if spec.recognition.levels[0].own:  # each share's own thresholds: the levels met in a row
        for i in banded:
            measure = spec.indicator(i).measure
            assert isinstance(measure, Percent)
            band[i] = 1
            for step in measure.by_level:
                if not _meets(share[i], step.meets):
                    break
                band[i] = step.level
        level = min(band.values())
        return "recognised", level, {i for i, b in band.items() if b == level}
    for i in banded:
        for b in spec.recognition.levels:
            low, high = Fraction(b.low), Fraction(b.high)
            above_low = share[i] >= low if b.low_inclusive else share[i] > low
            below_high = share[i] <= high if b.high_inclusive else share[i] < high
            if above_low and below_high:
                band[i] = b.level
    level = min(band.values())
    return "recognised", level, {i for i, b in band.items() if b == level}


cases = criteria_sets().flatmap(lambda spec: values(spec).map(lambda v: (spec, v)))


@SETTINGS
@given(cases)
def test_agrees_with_the_oracle_on_generated_sets(case: tuple[CriteriaSet, dict[str, Any]]) -> None:
    spec, given_values = case
    result = evaluate(spec, given_values)
    assert (result.status, result.level, set(result.decided_by)) == oracle(spec, given_values)


@SETTINGS
@given(st.data())
def test_agrees_with_the_oracle_on_variants(data: st.DataObject) -> None:
    spec = data.draw(variants(data.draw(criteria_sets())))
    given_values = data.draw(values(spec))
    result = evaluate(spec, given_values)
    assert (result.status, result.level, set(result.decided_by)) == oracle(spec, given_values)


@SETTINGS
@given(st.data())
def test_completing_the_data_lands_in_a_possible_level(data: st.DataObject) -> None:
    spec = data.draw(criteria_sets())
    full = data.draw(values(spec, complete=True))
    dropped = data.draw(st.sets(st.sampled_from(sorted(full)), min_size=1))
    before = evaluate(spec, {k: v for k, v in full.items() if k not in dropped})
    after = evaluate(spec, full)
    assert after.level in before.possible_levels


@SETTINGS
@given(cases)
def test_equal_inputs_give_equal_evaluations_that_pickle(
    case: tuple[CriteriaSet, dict[str, Any]],
) -> None:
    spec, given_values = case
    a = evaluate(spec, given_values, unit="Huyện X")
    b = evaluate(spec, dict(reversed(given_values.items())), unit="Huyện X")
    assert a == b
    assert a.input_hash == b.input_hash
    again = pickle.loads(pickle.dumps(a))
    assert again == a
    assert again.to_dict() == a.to_dict()
    assert pickle.loads(pickle.dumps(spec)) == spec


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, Decimal):
        return float(value) if value != value.to_integral_value() else int(value)
    return value.isoformat() if hasattr(value, "isoformat") else value


@SETTINGS
@given(st.data())
def test_a_set_round_trips_through_yaml_and_an_overlay_file_equals_evolve(
    data: st.DataObject,
) -> None:
    spec = data.draw(criteria_sets())
    text = yaml.safe_dump(_plain(spec.model_dump(exclude_none=True)), allow_unicode=True)
    assert load_text(text) == spec
    variant = data.draw(variants(spec))
    changed = {
        i: {"measure": _plain(variant.indicator(i).measure.model_dump())}
        for i in spec.indicators
        if variant.indicator(i) != spec.indicator(i)
    }
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "base.yaml").write_text(text, encoding="utf-8")
        overlay: dict[str, Any] = {"extends": "base.yaml", "id": "local"}
        overlay |= {"version": variant.version, "indicators": changed}
        (Path(folder) / "local.yaml").write_text(
            yaml.safe_dump(overlay, allow_unicode=True), encoding="utf-8"
        )
        assert load(Path(folder) / "local.yaml") == variant.evolve(id="local")


@SETTINGS
@given(criteria_sets())
def test_meeting_values_meet_every_indicator_of_any_set(spec: CriteriaSet) -> None:
    # A share "below 0%" or "above 100%" is a rule no value meets.
    assume(
        not any(
            isinstance(i.measure, Percent)
            and (i.measure.meets.below == 0 or i.measure.meets.above == 100)
            for i in spec.indicators.values()
        )
    )
    result = evaluate(spec, meeting_values(spec))
    assert all(r.outcome == "met" for r in result.indicators)
    assert result.status == "recognised"
