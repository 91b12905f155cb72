"""The strict YAML layer: YAML 1.2 core scalars, located values, refused traps."""

from __future__ import annotations

from decimal import Decimal

from hoctap._yaml import MAX_VALUES, parse


def test_yaml11_words_stay_text() -> None:
    doc, problems = parse("a: no\nb: yes\nc: on\nd: 2022-02-08\ne: 1:30\n", "x.yaml")
    assert doc.data == {"a": "no", "b": "yes", "c": "on", "d": "2022-02-08", "e": "1:30"}
    assert problems == []


def test_only_true_and_false_are_booleans_and_numbers_are_exact() -> None:
    doc, _ = parse("a: true\nb: False\nc: 80.1\nd: 17\ne: ~\nf: '70'\n", "x.yaml")
    assert doc.data == {"a": True, "b": False, "c": Decimal("80.1"), "d": 17, "e": None, "f": "70"}
    assert isinstance(doc.data, dict)
    assert type(doc.data["c"]) is Decimal


def test_marks_of_values_and_keys() -> None:
    doc, _ = parse("top:\n  - id: 1\n    x: [a, b]\n", "x.yaml")
    assert doc.marks[("top", 0, "id")] == (2, 9)
    assert doc.key_marks[("top", 0, "x")] == (3, 5)
    assert doc.marks[("top", 0, "x", 1)] == (3, 12)
    assert doc.locate(("top", 0, "missing", 3)) == (2, 5)


def test_duplicate_key_is_refused_and_the_first_kept() -> None:
    doc, problems = parse("a: 1\nb: 2\na: 3\n", "x.yaml")
    assert doc.data == {"a": 1, "b": 2}
    assert [(p.line, p.column, p.path) for p in problems] == [(3, 1, ("a",))]
    assert "first at line 1" in problems[0].message.en


def test_explicit_tags_are_refused() -> None:
    _, problems = parse("a: !!python/object/apply:os.system [ls]\n", "x.yaml")
    assert len(problems) == 1
    assert "tags" in problems[0].message.en


def test_not_finite_numbers_are_refused() -> None:
    for text in (".nan", ".inf", "-.inf", ".NaN"):
        _, problems = parse(f"a: {text}\n", "x.yaml")
        assert [p.message.en for p in problems] == [f"'{text}' is not a finite number"]


def test_alias_expansion_is_bounded() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    doc, problems = parse("\n".join(lines) + "\n", "bomb.yaml")
    assert doc.data is None
    assert str(MAX_VALUES) in problems[0].message.en


def test_self_referencing_alias_is_bounded() -> None:
    doc, problems = parse("a: &a [*a]\n", "x.yaml")
    assert doc.data is None or problems


def test_empty_and_comment_only_files() -> None:
    for text in ("", "# nothing\n", "\n\n"):
        doc, problems = parse(text, "x.yaml")
        assert doc.data is None
        assert problems[0].message.en == "the file is empty: there is nothing in it"


def test_syntax_error_is_located() -> None:
    _, problems = parse("a: [1, 2\nb: 3\n", "x.yaml")
    assert (problems[0].line, problems[0].column) == (2, 2)
    assert problems[0].message.en.startswith("YAML syntax error")


def test_multiple_documents_are_refused() -> None:
    _, problems = parse("a: 1\n---\nb: 2\n", "x.yaml")
    assert problems
    assert problems[0].message.en.startswith("YAML syntax error")
