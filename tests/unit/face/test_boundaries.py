"""Every entry point keeps the core's promises at the boundary.

Frozen sets and results, exact numbers in every type, bounded sizes, no file read that
was not asked for: each test was a real try that broke a promise (a wrong result, an
error not hoctap's own, a hang); each now gives the right result or a located error with
its code.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from types import MappingProxyType
from typing import Any

import numpy as np
import pytest

from hoctap import (
    Assessment,
    CriteriaSet,
    InputError,
    SpecError,
    evaluate,
    evaluate_file,
    load,
    load_text,
)
from hoctap.errors import CODES
from hoctap.files._loading import check

REPO = Path(__file__).resolve().parents[3]
DISTRICT = (REPO / "criteria" / "district.yaml").read_text(encoding="utf-8")

ALL_MET: dict[str, Any] = {
    **dict.fromkeys(("1.1.1", "1.1.2", "1.2.1", "1.2.2", "1.2.3", "3.2.1"), True),
    "2.1.1": 92, "2.1.2": {"count": 17, "total": 20}, "2.2.1": 95, "2.2.2": 91,
    "2.2.3": 100, "2.2.4": 100, "3.1.1": {"previous": 4.1, "current": 2.6},
    "3.1.2": {"chất thải rắn": 92, "nước thải": 92}, "3.2.2": 0.03, "3.2.3": 50,
}  # fmt: skip


def _codes(exc: pytest.ExceptionInfo[Any]) -> list[str]:
    return [p.code for p in exc.value.problems]


# --- silently wrong ------------------------------------------------------------------------


def test_a_variant_is_validated_and_keeps_no_stale_table() -> None:
    district = load("district")
    stricter = district.indicator("3.1.2").measure.evolve(meets={"at_least": 95})
    strict = district.evolve(indicators={"3.1.2": {"measure": stricter}})
    assert evaluate(strict, ALL_MET).status == "not_recognised"
    assert evaluate(strict, ALL_MET).decided_by == ("3.1.2",)
    assert evaluate(district, ALL_MET).level == 2
    # model_copy is the same call: validated, nothing carried over.
    copy = district.model_copy(update={"version": "local"})
    assert copy.version == "local"
    assert copy.indicators is not district.indicators or copy.indicators == district.indicators


def test_no_invalid_set_can_be_built_in_python() -> None:
    district = load("district")
    levels = district.recognition.levels
    gap = levels[1].evolve(above=None, at_least=Decimal(85))  # 80 < x ≤ 90 becomes 85 ≤ x ≤ 90
    with pytest.raises(SpecError) as info:
        district.evolve(recognition=district.recognition.evolve(levels=(levels[0], gap, levels[2])))
    assert _codes(info) == ["band_gap"]
    assert info.value.problems[0].path == ("recognition", "levels", 1, "at_least")
    data = district.model_dump()
    data["recognition"]["banded"] = ("9.9",)
    with pytest.raises(ValueError, match="names no standard"):
        CriteriaSet.model_validate(data)


def test_a_loaded_set_cannot_be_changed() -> None:
    district = load("district")
    with pytest.raises(TypeError):
        district.indicators.pop("2.1.1")
    with pytest.raises(TypeError):
        district.indicators["2.1.1"] = district.indicators["2.1.2"]
    assert evaluate("district", {k: v for k, v in ALL_MET.items() if k != "2.1.1"}).status == (
        "incomplete"
    )


def test_a_result_does_not_follow_the_caller_s_dict() -> None:
    values = {**ALL_MET, "2.1.2": {"count": 17, "total": 20}}
    result = evaluate("district", values)
    before = (result.to_dict(), result.input_hash)
    values["2.1.2"]["count"] = 3
    values["2.2.1"] = 10
    assert (result.to_dict(), result.input_hash) == before
    assert result.indicator("2.1.2").given == {"count": 17, "total": 20}


def test_the_record_names_the_set_s_content_and_origin(tmp_path: Path) -> None:
    edited = tmp_path / "district.yaml"
    edited.write_text(DISTRICT.replace("meets: {at_least: 90}", "meets: {at_least: 91}"), "utf-8")
    bundled = evaluate("district", ALL_MET)
    mine = evaluate(edited, ALL_MET)
    assert bundled.criteria.id == mine.criteria.id
    assert bundled.input_hash != mine.input_hash
    assert mine.to_dict()["criteria"]["origin"] == str(edited)
    # A file called "district" beside an assessment never shadows the bundled set.
    (tmp_path / "district").write_text("id: trap\n", "utf-8")
    (tmp_path / "a.yaml").write_text("criteria: district\nunit: X\nvalues: {}\n", "utf-8")
    assert evaluate_file(tmp_path / "a.yaml").criteria.origin == load("district").origin


def test_an_overlay_resolves_extends_the_same_way_however_it_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "base.yaml").write_text(
        DISTRICT.replace("id: district", "id: base"), "utf-8"
    )
    (tmp_path / "sub" / "local.yaml").write_text(
        "extends: base.yaml\nid: local\nversion: x\n", "utf-8"
    )
    monkeypatch.chdir(tmp_path)
    by_relative = load("sub/local.yaml")
    by_absolute = load(tmp_path / "sub" / "local.yaml")
    assert by_relative == by_absolute
    assert check(["sub/local.yaml"]) == {str(Path("sub/local.yaml")): []}


def test_unquoted_thousands_are_as_ambiguous_as_quoted(tmp_path: Path) -> None:
    for written in ("1.050", '"1.050"'):
        path = tmp_path / "a.yaml"
        path.write_text(
            f"criteria: district\nunit: X\nvalues:\n  '3.1.1': {{previous: 4.1, current: {written}}}\n",
            "utf-8",
        )
        with pytest.raises(InputError) as info:
            evaluate_file(path)
        assert _codes(info) == ["ambiguous_number"]
        assert info.value.problems[0].line == 4


@pytest.mark.parametrize("text", ["⑧⑤", "８５", "8⁵", "٨٥"])
def test_only_ascii_digits_are_digits(text: str) -> None:
    with pytest.raises(InputError) as info:
        evaluate("district", {"2.1.1": text})
    assert _codes(info) == ["not_a_number"]


def test_an_explicit_tag_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("criteria: district\nunit: X\nvalues:\n  '1.1.1': !!str true\n", "utf-8")
    with pytest.raises(InputError) as info:
        evaluate_file(path)
    assert _codes(info) == ["yaml_tag"]


def test_kind_in_any_unicode_form_gets_its_title() -> None:
    nfd = "qua\u0302\u0323n"  # "quận" decomposed
    result = evaluate("district", ALL_MET, unit="Lê Chân", kind=nfd)
    assert result.title is not None
    assert result.title.vi == "Quận học tập mức độ 2"


@pytest.mark.parametrize(
    "unit", ["Quận X\nKết quả: mức 3", "Quận \x1b[31mX", "Quận\u2028X", "A\ud800", "\x85"]
)
def test_a_unit_name_cannot_forge_lines_or_escapes(unit: str) -> None:
    with pytest.raises(InputError) as info:
        evaluate("district", ALL_MET, unit=unit)
    assert _codes(info) == ["bad_text"]
    assert "\n" not in info.value.render()
    assert "\x1b" not in info.value.render()


def test_markup_in_a_name_is_inert_in_markdown_and_html() -> None:
    result = evaluate("district", ALL_MET, unit="Quận <script>x</script> *A*")
    markdown = result.render("markdown")
    assert "<script>" not in markdown
    assert "\\*A\\*" in markdown
    assert "<script>" not in result.render("html")


def test_a_long_threshold_prints_exactly_as_evaluated() -> None:
    long = "70.0000000000000000000000000001"
    spec = load_text(DISTRICT.replace("meets: {at_least: 90}", f"meets: {{at_least: {long}}}"))
    assert str(spec.indicator("3.1.2")) == f"3.1.2 ≥ {long}%"
    value = {"chất thải rắn": 70, "nước thải": 70}
    assert evaluate(spec, {"3.1.2": value}).indicator("3.1.2").outcome == "not_met"


def test_an_assessment_cannot_be_built_unchecked() -> None:
    with pytest.raises(InputError) as info:
        Assessment(load("district"), {"1.1.1": "maybe", "2.1.1": 170})
    assert _codes(info) == ["not_attested", "percent_range"]
    assert Assessment(load("district"), {"1.1.1": "không đạt"}).values["1.1.1"] is False


# --- not the library's own error -------------------------------------------------------------


def test_numpy_and_other_number_types_are_read_exactly() -> None:
    class Share(float):
        pass

    for value in (
        np.float64(85.5),
        np.float32(85.5),
        Share(85.5),
        Decimal("85.5"),
        Fraction(171, 2),
    ):
        assert evaluate("district", {"2.1.1": value}).indicator("2.1.1").value == Fraction(171, 2)
    assert evaluate("district", {"2.1.1": np.float32(0.1)}).indicator("2.1.1").value == Fraction(
        1, 10
    )
    assert (
        evaluate("district", {"2.1.2": {"count": np.int64(17), "total": 20}})
        .indicator("2.1.2")
        .count
        == 17
    )
    assert evaluate("district", {"1.1.1": np.bool_(True)}).indicator("1.1.1").outcome == "met"
    result = evaluate("district", {"2.1.1": np.float64(85.5)})
    assert pickle.loads(pickle.dumps(result)) == result  # nothing of numpy is kept


@pytest.mark.parametrize(
    "value",
    [10**5000, "9" * 5000, Decimal("1e-10000000"), Decimal("1e100000000"), 1e-300, 1e300],
    ids=range(6),
)
def test_huge_numbers_are_refused_at_once(value: object) -> None:
    with pytest.raises(InputError) as info:
        evaluate("district", {"2.1.1": value})
    assert _codes(info) == ["number_too_long"]


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_huge_numbers_in_files(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"a{suffix}"
    for number in ("9" * 5000, "1e1000000000000000000", "1e-10000000"):
        body = f'{{"criteria": "district", "unit": "X", "values": {{"2.1.1": {number}}}}}'
        path.write_text(body, "utf-8")
        with pytest.raises(InputError) as info:
            evaluate_file(path)
        assert _codes(info) == ["number_too_long"]


def test_a_huge_threshold_is_refused_at_once() -> None:
    with pytest.raises(SpecError) as info:
        load_text(DISTRICT.replace("meets: {at_least: 90}", "meets: {at_least: 1e-10000000}"))
    assert _codes(info) == ["number_too_long"]


def test_deep_nesting_and_overlay_loops(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("[" * 500, "utf-8")
    with pytest.raises(InputError) as info:
        evaluate_file(path)
    assert _codes(info) in (["too_deep"], ["yaml_syntax"])
    json_path = tmp_path / "a.json"
    json_path.write_text("[" * 100_000 + "]" * 100_000, "utf-8")
    with pytest.raises(InputError) as info:
        evaluate_file(json_path)
    assert _codes(info) == ["too_deep"]
    (tmp_path / "self.yaml").write_text("extends: self.yaml\nid: s\n", "utf-8")
    (tmp_path / "one.yaml").write_text("extends: two.yaml\nid: one\n", "utf-8")
    (tmp_path / "two.yaml").write_text("extends: one.yaml\nid: two\n", "utf-8")
    for name in ("self.yaml", "one.yaml"):
        with pytest.raises(SpecError) as spec_info:
            load(tmp_path / name)
        assert "overlay_cycle" in _codes(spec_info)


def test_odd_inputs_give_located_errors_or_results() -> None:
    assert evaluate("district", ALL_MET, period="²⁰²²").warnings == ()
    assert evaluate("district", None).status == "incomplete"  # type: ignore[arg-type]
    counts = MappingProxyType({"count": 17, "total": 20})
    result = evaluate("district", {"2.1.2": counts})
    assert "17/20" in result.render("text")
    assert result.render("json")
    with pytest.raises(SpecError) as info:
        load("x" * 300 + ".yaml")
    assert _codes(info) == ["not_a_file"]
    bad_id = DISTRICT.replace("banded: [2.1, 2.2.1,", "banded: [1.1.x, 2.1, 2.2.1,", 1)
    assert "bad_id" in [p.code for p in check_text_problems(bad_id)]


def check_text_problems(text: str) -> list[Any]:
    from hoctap.files._loading import validate_text  # noqa: PLC0415

    return validate_text(text)[1]


def test_devices_and_pipes_are_refused_unread(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        evaluate_file("/dev/zero")
    assert _codes(info) == ["not_a_file"]
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    with pytest.raises(InputError) as info:
        evaluate_file(fifo)
    assert _codes(info) == ["not_a_file"]


def test_a_console_that_cannot_show_vietnamese_gets_escapes() -> None:
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    done = subprocess.run(
        [sys.executable, "-m", "hoctap.cli", "evaluate", "examples/district-le-chan.yaml"],
        cwd=REPO,
        env=env,
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert b"Qu\\u1eadn" in done.stdout


# --- surprising for programs -----------------------------------------------------------------


def test_evaluations_pickle_and_compare_equal() -> None:
    a = evaluate("district", ALL_MET, unit="Quận Lê Chân")
    b = evaluate("district", dict(reversed(ALL_MET.items())), unit="Quận Lê Chân")
    assert a == b
    assert hash(a) == hash(b)
    again = pickle.loads(pickle.dumps(a))
    assert again == a
    assert again.to_dict() == a.to_dict()
    assert pickle.loads(pickle.dumps(load("district"))) == load("district")
    error = pickle.loads(pickle.dumps(SpecError(load_problems())))
    assert error.codes == ("dangling_reference",)


def load_problems() -> list[Any]:
    return check_text_problems(DISTRICT.replace("banded: [2.1,", "banded: [2.9,", 1))


def test_a_broken_set_is_a_spec_error_from_every_entry_point(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(DISTRICT.replace("meets: {at_least: 90}", "meets: {at_least: 950}"), "utf-8")
    (tmp_path / "a.yaml").write_text("criteria: broken.yaml\nunit: X\nvalues: {}\n", "utf-8")
    with pytest.raises(SpecError):
        evaluate(broken, {})
    with pytest.raises(SpecError):
        evaluate_file(tmp_path / "a.yaml")
    with pytest.raises(SpecError):
        evaluate_file({"criteria": "nosuch", "unit": "X"})


def test_every_problem_has_a_known_code() -> None:
    with pytest.raises(InputError) as info:
        evaluate("district", {"1.1.1": "maybe", "9.9.9": 1, "2.1.2": {"count": 3, "total": 2}})
    assert _codes(info) == ["not_attested", "unknown_indicator", "count_above_total"]
    assert all(code in CODES for code in _codes(info))


def test_a_bom_and_whole_floats(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_bytes(b'\xef\xbb\xbf{"criteria": "district", "unit": "X", "values": {}}')
    assert evaluate_file(path).status == "incomplete"
    counted = evaluate("district", {"2.1.2": {"count": 17.0, "total": Decimal(20)}})
    assert counted.indicator("2.1.2").count == 17
    with pytest.raises(InputError) as info:
        evaluate("district", {"2.1.2": {"count": 17.5, "total": 20}})
    assert _codes(info) == ["not_whole"]


def test_an_assessment_cannot_read_any_file(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("criteria: /etc/passwd\nunit: X\n", "utf-8")
    with pytest.raises(SpecError) as info:
        evaluate_file(path)
    assert "x:0:0" not in info.value.render()
    secret = tmp_path / "secret.yaml"
    secret.write_text("password: hunter2\n", "utf-8")
    path.write_text("criteria: secret.yaml\nunit: X\n", "utf-8")
    with pytest.raises(SpecError) as info:
        evaluate_file(path)
    assert "hunter2" not in info.value.render()
    assert "not_criteria" in _codes(info)


def test_the_record_and_the_views_name_the_file_that_decided(tmp_path: Path) -> None:
    edited = tmp_path / "criteria" / "district.yaml"
    edited.parent.mkdir()
    edited.write_text(DISTRICT, "utf-8")
    result = evaluate(edited, ALL_MET)
    assert str(edited) in result.render("text")
    assert result.to_dict()["criteria"]["origin"] == str(edited)


def test_overlays_follow_their_base_and_point_into_themselves(tmp_path: Path) -> None:
    base = tmp_path / "base.yaml"
    base.write_text(DISTRICT.replace("id: district", "id: base"), "utf-8")
    overlay = tmp_path / "local.yaml"
    overlay.write_text("extends: base.yaml\nid: local\nversion: x\n", "utf-8")
    assert str(load(overlay).indicator("3.1.2")) == "3.1.2 ≥ 90%"
    base.write_text(
        DISTRICT.replace("id: district", "id: base").replace(
            "meets: {at_least: 90}", "meets: {at_least: 91}"
        ),
        "utf-8",
    )
    assert str(load(overlay).indicator("3.1.2")) == "3.1.2 ≥ 91%"
    overlay.write_text("extends: base.yaml\nversion: x\n", "utf-8")
    with pytest.raises(SpecError) as info:
        load(overlay)
    assert _codes(info) == ["missing"]
    overlay.write_text(
        "extends: base.yaml\nid: local\nindicators:\n  '3.1.2':\n    measure: {kind: attested}\n"
        "  '2.1.1':\n    measure: {kind: percent, meets: {at_least: 170}}\n",
        "utf-8",
    )
    problems = check([overlay])[str(overlay)]
    assert [(p.line, p.code) for p in problems] == [(7, "percent_range")]
    assert problems[0].path == ("indicators", "2.1.1", "measure", "meets", "at_least")
    twice = "    - {kind: quận, vi: Quận học tập, en: Learning urban district}\n"
    titles = DISTRICT.replace(twice, twice + twice.replace("quận", "QUẬN"), 1)
    with pytest.raises(SpecError) as info:
        load_text(titles)
    assert "duplicate_title" in _codes(info)


def test_an_assessment_needs_a_loaded_set() -> None:
    with pytest.raises(TypeError, match=r"hoctap\.load gives one"):
        Assessment("district", {})  # type: ignore[arg-type]


def test_an_assessment_that_names_no_set_is_an_input_error() -> None:
    with pytest.raises(InputError) as info:
        evaluate_file({"criteria": 3, "unit": "X"})
    assert _codes(info) == ["bad_criteria"]
