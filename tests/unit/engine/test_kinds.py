"""The registry of kinds: every measure has its kind, and a new kind is one module.

The hot path reads and tests the two plain values in place (`IndicatorPlan.plain`);
the properties below hold that it does exactly what their kinds do. A trivial kind
(`tally_kind.py`) is registered in a fresh interpreter, so the rest of the suite keeps
the law's three kinds, and every path a user calls is run with it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hoctap import load
from hoctap._problems import Problems
from hoctap.engine._kinds import KINDS, kind_of, register
from hoctap.engine._plan import plan_for
from hoctap.engine._reader import Reader
from hoctap.files._loading import bundled_names

HERE = Path(__file__).parent


def test_every_bundled_measure_has_its_kind() -> None:
    for name in bundled_names():
        plan = plan_for(load(name))
        for ind in plan.indicators:
            assert ind.kind is kind_of(ind.indicator.measure)
            assert ind.kind.word == ind.indicator.measure.kind


def test_a_kind_is_registered_once() -> None:
    with pytest.raises(ValueError, match="registered already"):
        register(KINDS["percent"])


def _read_by_kind(name: str, ind_id: str, value: object) -> object:
    plan = plan_for(load(name)).by_id[ind_id]
    reader = Reader(Problems("<test>"))
    reader.spec = load(name)
    read = plan.kind.read(reader, plan, ("values", ind_id), value)
    return None if read is None else read[0]


def _read_in_place(name: str, ind_id: str, value: object) -> object:
    reader = Reader(Problems("<test>"))
    parsed, _ = reader.values(plan_for(load(name)), {ind_id: value})
    return parsed.get(ind_id)


plain_share = st.one_of(
    st.integers(min_value=0, max_value=100),
    st.floats(min_value=1e-6, max_value=100, allow_nan=False, allow_infinity=False),
)


@settings(max_examples=200, deadline=None)
@given(value=plain_share, ind_id=st.sampled_from(["2.1.1", "2.2.3", "3.2.2"]))
def test_a_share_read_in_place_is_the_share_its_kind_reads(value: float, ind_id: str) -> None:
    in_place = _read_in_place("district", ind_id, value)
    by_kind = _read_by_kind("district", ind_id, value)
    assert in_place == by_kind
    assert type(in_place) is type(by_kind)


@settings(max_examples=200, deadline=None)
@given(num=st.integers(min_value=0, max_value=10**6), den=st.integers(min_value=1, max_value=10**6))
def test_a_share_tested_in_place_is_met_as_its_kind_says(num: int, den: int) -> None:
    plan = plan_for(load("district"))
    for step in plan.steps:
        if step.plain != "percent":
            continue
        value = (100 * num, den * (num + den), num, num + den)  # a Share's shape, below 100%
        in_place = step.compare(value[0] * step.threshold_den, step.threshold_num * value[1])
        assert in_place == step.plan.kind.meets(step.plan)(value)
        edge = Fraction(*step.plan.threshold)
        exact = Fraction(value[0], value[1])
        assert (
            in_place
            == {">=": exact >= edge, ">": exact > edge, "<=": exact <= edge, "<": exact < edge}[
                step.plan.op
            ]
        )


def test_a_yes_or_no_is_read_in_place_as_its_kind_reads_it() -> None:
    for value in (True, False):
        assert _read_in_place("district", "1.1.1", value) is _read_by_kind(
            "district", "1.1.1", value
        )


_SCRIPT = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
import tally_kind  # the new kind's one module: it registers itself
import hoctap
from hoctap import InputError, evaluate, evaluate_many, load, template
from hoctap.spec.schema import criteria_schema
from hoctap.testing import meeting_values

spec = load("district").evolve(
    id="district-count",
    indicators={"3.2.1": {"measure": {"kind": "tally", "meets": {"at_least": 3}}}},
)
out = {}
values = meeting_values(spec)
out["meeting"] = values["3.2.1"]
good = evaluate(spec, values)
out["good"] = [good.status, good.level, evaluate("district", meeting_values(load("district"))).level]
short = evaluate(spec, {**values, "3.2.1": "||"})
out["short"] = [short.status, list(short.decided_by), short.blockers[0].message.en,
                short.blockers[0].message.vi]
out["trace_en"] = short.render("text", "en")
out["trace_vi"] = short.render("text", "vi")
out["record"] = short.to_dict()["indicators"][[r["id"] for r in short.to_dict()["indicators"]].index("3.2.1")]
try:
    evaluate(spec, {**values, "3.2.1": "ba"})
except InputError as exc:
    out["bad"] = [exc.problems[0].code, list(exc.problems[0].path), exc.problems[0].render("en")]
flat = {}
for key, value in values.items():  # the flat columns of a table: 3.1.1.previous...
    if isinstance(value, dict):
        flat.update({f"{key}.{sub}": figure for sub, figure in value.items()})
    else:
        flat[key] = value
rows = [{**flat, "unit": f"Huyện {i}", "3.2.1": i % 5} for i in range(40)]
out["many"] = [r["status"] for r in evaluate_many(spec, rows)]
out["one_by_one"] = [evaluate(spec, {**values, "3.2.1": i % 5}).status for i in range(40)]
out["form"] = template(spec, fmt="csv")
out["schema"] = "tally" in json.dumps(criteria_schema())
print(json.dumps(out, ensure_ascii=False, default=str))
"""


@pytest.fixture(scope="module")
def with_tally() -> dict[str, object]:
    """Every path run with the trivial kind registered, in a fresh interpreter."""
    done = subprocess.run(  # noqa: S603 - this interpreter, this test's own script
        [sys.executable, "-c", _SCRIPT, str(HERE)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_a_new_kind_is_one_module_and_a_register() -> None:
    # What adding the kind took: its module, which registers it; nothing in hoctap.
    source = (HERE / "tally_kind.py").read_text(encoding="utf-8")
    assert "register(TallyKind())" in source
    code = [
        line
        for line in source.splitlines()
        if line.strip() and not line.lstrip().startswith(('"""', "#", "from ", "import "))
    ]
    assert len(code) < 80  # the whole change, docstrings and imports aside


def test_a_new_kind_decides_and_explains(with_tally: dict[str, object]) -> None:
    assert with_tally["meeting"] == "||||"  # the marks of a unit that meets "at least 3"
    good, short = list(with_tally["good"]), list(with_tally["short"])  # type: ignore[call-overload]
    assert good[:2] == ["recognised", good[2]]  # as the district set, every indicator met
    assert short[:2] == ["not_recognised", ["3.2.1"]]
    assert short[2] == "3.2.1: 2; level 1 needs at least 3"
    assert short[3] == "3.2.1: 2; mức 1 cần từ 3"
    assert "✗ 3.2.1 ≥ 3; observed 2: not met" in str(with_tally["trace_en"])
    assert "✗ 3.2.1 ≥ 3; giá trị 2: không đạt" in str(with_tally["trace_vi"])
    assert "2%" not in str(with_tally["trace_en"])  # a count is no share
    record = with_tally["record"]
    assert isinstance(record, dict)
    assert (record["value"], record["given"], record["outcome"]) == ("2", "||", "not_met")


def test_a_new_kind_refuses_what_it_cannot_read(with_tally: dict[str, object]) -> None:
    code, path, line = list(with_tally["bad"])  # type: ignore[call-overload]
    assert path == ["values", "3.2.1"]
    assert code == "not_whole"
    assert str(line).startswith('<values>: values["3.2.1"]: ')


def test_a_new_kind_has_its_table_form_and_schema(with_tally: dict[str, object]) -> None:
    assert with_tally["many"] == with_tally["one_by_one"]
    many = list(with_tally["many"])  # type: ignore[call-overload]
    assert {"not_recognised", "recognised"} <= set(many)
    form = str(with_tally["form"])
    assert "3.2.1" in form
    assert "số vạch kiểm đếm" in form
    assert with_tally["schema"] is True
