"""Hostile inputs for the fuzz test and the longer fuzz run (``benchmarks/fuzz_run.py``).

Files a careless or hostile hand could write (mutated criteria files and assessments,
YAML and JSON with deep nesting, tags, anchors, huge numbers, control characters) and
Python values a program could pass (numpy scalars, read-only mappings, fractions, huge
integers, lone surrogates). `run` feeds one to hoctap and says what came out.
"""

from __future__ import annotations

import json
import tempfile
import time
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from types import MappingProxyType
from typing import Any

import numpy as np
from hypothesis import strategies as st

from hoctap import HoctapError, duties_for, evaluate, evaluate_file, load_text
from hoctap.reports.annex import set_to_html, set_to_markdown
from hoctap.reports.report import report

REPO = Path(__file__).resolve().parents[2]
DISTRICT = (REPO / "criteria" / "district.yaml").read_text(encoding="utf-8")
EXAMPLE = (REPO / "examples" / "district-le-chan.yaml").read_text(encoding="utf-8")
CITY_JSON = (REPO / "examples" / "province-ba-ria-vung-tau.json").read_text(encoding="utf-8")
ROLLUP = (REPO / "examples" / "city-hai-phong-rollup.yaml").read_text(encoding="utf-8")
# The law in force (Thông tư 25/2023): a set of two levels with parts of their own
# thresholds and a unit attribute, a set with counts of sub-units by level, and their
# examples (a commune in a disadvantaged area, a district rolled up from its communes).
TT25_COMMUNE = (REPO / "criteria" / "tt25-commune.yaml").read_text(encoding="utf-8")
TT25_DISTRICT = (REPO / "criteria" / "tt25-district.yaml").read_text(encoding="utf-8")
MINH_HOA = REPO / "examples" / "minh-hoa-2024"
COMMUNE = (MINH_HOA / "xa-bon.yaml").read_text(encoding="utf-8")
DISTRICT_ROLLUP = (MINH_HOA / "huyen-minh-hoa.yaml").read_text(encoding="utf-8")
SETS = ["district", "tt25-commune", "tt25-district", "tt25-province", "tt24-unit-province"]
SCHOOL = (MINH_HOA / "truong-thcs-minh-hoa.yaml").read_text(encoding="utf-8")

_NASTY = [
    "", " ", "\n", "\t", "\x00", "\x1b[31m", "\ud800", "\u202e", "\u2028", "１", "٨", "⑧",
    "1.050", "1,050", "85,5%", "-0", "1e999999999999", "9" * 5000, ".nan", "~", "null",
    "yes", "no", "!!str true", "!!python/object:os.system", "&a [*a]", "*a", "{", "[",
    "]", "}", ":", "- -", "? x", "%YAML 1.1", "---", "...", "'", '"', "\\", "0x10", "0o7",
    "010", "2022-02-08", "1:30", "đạt", "không đạt", "Quận", "<b>", "|", "*",
]  # fmt: skip


def _scalars() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.sampled_from(_NASTY),
        st.text(max_size=20),
        st.integers(min_value=-(10**40), max_value=10**40),
        st.integers(min_value=0, max_value=200),
        st.floats(allow_nan=True, allow_infinity=True),
        st.decimals(allow_nan=True, allow_infinity=True),
        st.booleans(),
        st.none(),
    )


_IDS = st.sampled_from(
    [
        *("1.1.1", "2.1.1", "2.1.2", "2.2.3", "2.2.4", "3.1.1", "3.1.2", "3.2.2", "9.9.9", "1.1"),
        *("3.4", "4.1", "4.2", "4.3", "4.4", "5.1", "5.2", "9.9"),
    ]
)
_KEYS = ["count", "total", "previous", "current", "x", "units", "name", "score", "rating"]
_KEYS += ["met", "chất thải rắn", "nước thải", "Nước Thải", "locality", "names", "assessed"]
_KEYS += ["level_1", "level_2", "level_3", "đào tạo", "đại học", "Đại Học"]


def _value() -> st.SearchStrategy[Any]:
    leaf = _scalars()
    return st.recursive(
        leaf,
        lambda inner: st.one_of(
            st.lists(inner, max_size=3),
            st.dictionaries(st.sampled_from(_KEYS), inner, max_size=3),
        ),
        max_leaves=6,
    )


def _assessment_data() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {},
        optional={
            "criteria": st.sampled_from(["city", "nosuch", "/etc/passwd", "x.yaml", 3, *SETS]),
            "disadvantaged": _scalars(),
            "general_school": _scalars(),
            "tier": st.one_of(st.sampled_from(["commune", "district", "nosuch"]), _scalars()),
            "locality": _scalars(),
            "history": _value(),
            "requested_on": _scalars(),
            "unit": _scalars(),
            "kind": _scalars(),
            "period": _scalars(),
            "values": st.one_of(_scalars(), st.dictionaries(_IDS, _value(), max_size=6)),
            "units": _value(),
            "extra": _scalars(),
        },
    )


@st.composite
def _mutated(draw: st.DrawFn, text: str) -> str:
    """A text with a few characters deleted, repeated or replaced by nasty ones."""
    for _ in range(draw(st.integers(1, 4))):
        if not text:
            break
        at = draw(st.integers(0, len(text) - 1))
        what = draw(st.sampled_from(["delete", "insert", "repeat"]))
        end = at + draw(st.integers(0, 40))
        if what == "delete":
            text = text[:at] + text[end:]
        elif what == "insert":
            text = text[:at] + draw(st.sampled_from(_NASTY)) + text[at:]
        else:
            text = text[:at] + text[at:end] * draw(st.integers(2, 4)) + text[end:]
    return text


def _yaml_text(data: object) -> str:
    return json.dumps(data, default=str, ensure_ascii=False)  # JSON is YAML too


def inputs() -> st.SearchStrategy[tuple[str, Any]]:
    """(kind, input): a criteria text, an assessment file's text, or a Python call."""
    json_text = _assessment_data().map(_yaml_text)
    return st.one_of(
        st.tuples(st.just("criteria"), _mutated(DISTRICT)),
        st.tuples(st.just("criteria"), _mutated(TT25_COMMUNE)),
        st.tuples(st.just("criteria"), _mutated(TT25_DISTRICT)),
        st.tuples(st.just("yaml"), _mutated(COMMUNE)),
        st.tuples(st.just("yaml"), _mutated(SCHOOL)),
        st.tuples(st.just("minh-hoa"), _mutated(DISTRICT_ROLLUP)),
        st.tuples(st.just("yaml"), _mutated(EXAMPLE)),
        st.tuples(st.just("json"), _mutated(CITY_JSON)),
        st.tuples(st.just("yaml"), _mutated(ROLLUP)),
        st.tuples(st.just("json"), json_text),
        st.tuples(st.just("yaml"), json_text.map(lambda t: t.replace('", "', '",\n "'))),
        st.tuples(
            st.just("yaml"),
            st.sampled_from(
                ["[" * 500, "{" * 300, "a: &a [*a, *a]", "- " * 2000, "x: !!binary AAAA"]
            ),
        ),
        st.tuples(st.just("python"), _python_call()),
    )


@st.composite
def _python_call(draw: st.DrawFn) -> dict[str, Any]:
    odd = st.sampled_from(
        [
            np.float64(85.5),
            np.float32(0.1),
            np.int64(17),
            np.bool_(True),
            MappingProxyType({"count": 17, "total": 20}),
            Fraction(1, 3),
            Decimal("1e-10000000"),
            Decimal("1e100000000"),
            10**5000,
            "\ud800",
            float("nan"),
            [],
            object(),
        ]
    )
    values = draw(st.dictionaries(_IDS, st.one_of(_value(), odd), max_size=6))
    unit = draw(st.one_of(_scalars(), odd))
    return {
        "criteria": draw(st.sampled_from(SETS)),
        "values": values,
        "unit": unit,
        "period": draw(st.one_of(_scalars(), odd)),
        "attributes": draw(
            st.one_of(st.none(), st.dictionaries(_scalars(), _scalars(), max_size=2), odd)
        ),
    }


def run(kind: str, data: Any) -> str:
    """Feed one input to hoctap: ``accepted``, ``own error`` or ``other: <exception>``."""
    try:
        if kind == "criteria":
            spec = load_text(data, "fuzz.yaml")
            set_to_html(spec)  # the annex, whatever texts the file holds
            set_to_markdown(spec, "en")
        elif kind == "python":
            evaluate(
                data["criteria"],
                data["values"],
                unit=data["unit"],
                period=data["period"],
                attributes=data["attributes"],
            )
        else:
            with tempfile.TemporaryDirectory() as folder:
                if kind == "minh-hoa":  # a district rolled up: its communes' files beside it
                    for commune in MINH_HOA.glob("xa-*.yaml"):
                        (Path(folder) / commune.name).write_bytes(commune.read_bytes())
                    kind = "yaml"
                path = Path(folder) / f"fuzz.{kind}"
                path.write_text(data, encoding="utf-8", errors="surrogatepass")
                result = evaluate_file(path)
                result.render("text")
                result.render("markdown")
                result.render("json")
                report(result, "html")  # the report page and its band charts
                report(result, "markdown", "en")
                if result.criteria.id == "city":
                    duties_for(result, on="2022-12-16").render("text")
    except HoctapError:
        return "own error"
    except Exception as exc:  # noqa: BLE001 - what the fuzz counts
        return f"other: {type(exc).__name__}: {exc}"[:300]
    return "accepted"


def timed(kind: str, data: Any) -> tuple[str, float]:
    """`run`, and how long it took in seconds."""
    start = time.perf_counter()
    outcome = run(kind, data)
    return outcome, time.perf_counter() - start
