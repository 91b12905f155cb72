"""The strict YAML layer: YAML 1.2 core scalars, located values, refused traps."""

from __future__ import annotations

from decimal import Decimal

import pytest

from hoctap.files._yaml import MAX_VALUES, parse


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


def test_syntax_error_is_located_where_the_bracket_opened() -> None:
    _, problems = parse("a: [1, 2\nb: 3\n", "x.yaml")
    assert (problems[0].line, problems[0].column) == (1, 4)
    assert problems[0].message.en.startswith("YAML syntax error")


@pytest.mark.parametrize(
    ("text", "line", "vi", "en"),
    [
        (
            "values:\n\t1.1.1: đạt\n",
            2,
            (
                "có ký tự tab (\\t); YAML chỉ thụt lề bằng dấu cách: thay tab bằng dấu cách;"
                ' dòng 2 là "\\t1.1.1: đạt"'
            ),
            (
                "there is a tab (\\t); YAML indents with spaces only: replace the tab with spaces;"
                ' line 2 reads "\\t1.1.1: đạt"'
            ),
        ),
        (
            "values:\n  1.1.1 đạt\n  2.1.1: 80\n",
            3,
            (
                "có dấu ':' ở chỗ không được phép: có thể dòng trên thiếu ':' sau tên khóa (viết"
                " 'khóa: giá trị', có dấu cách sau ':'), hoặc dòng này thụt lề sai; giá trị có"
                " chứa ': ' phải đặt trong dấu nháy; dòng 3 là \"  2.1.1: 80\""
            ),
            (
                "a ':' where none is allowed: perhaps the line above lacks a ':' after its key"
                " (write 'key: value', with a space after ':'), or this line is indented wrongly;"
                " a value holding ': ' must be in quotes; line 3 reads \"  2.1.1: 80\""
            ),
        ),
        (
            "values:\n  1.1.1: đạt\n 2.1.1: 80\n",
            3,
            (
                "thụt lề không khớp: dòng này lùi vào khác các dòng cùng cấp ở trên;"
                ' dòng 3 là " 2.1.1: 80"'
            ),
            (
                "the indentation does not match: this line is indented differently from the lines"
                ' at its level above; line 3 reads " 2.1.1: 80"'
            ),
        ),
        (
            'unit: "Quận\u200b Lê Chân\nvalues: {}\n',
            1,
            'dấu nháy mở ở đây chưa được đóng; dòng 1 là "unit: "Quận\\u200b Lê Chân"',
            (
                'a quotation mark opened here is never closed; line 1 reads "unit: "Quận\\u200b'
                ' Lê Chân"'
            ),
        ),
        (
            "unit: @home\n",
            1,
            (
                "ký tự này không được đứng đầu một giá trị; hãy đặt giá trị trong dấu nháy;"
                ' dòng 1 là "unit: @home"'
            ),
            (
                "this character cannot begin a value; put the value in quotes; line 1 reads"
                ' "unit: @home"'
            ),
        ),
        (
            "criteria: *base\n",
            1,
            "'*tên' gọi đến một neo '&tên' không có ở trên; dòng 1 là \"criteria: *base\"",
            (
                "'*name' refers to an anchor '&name' that is not defined above; line 1 reads"
                ' "criteria: *base"'
            ),
        ),
    ],
    ids=["tab", "missing-colon", "indentation", "open-quote", "reserved-character", "alias"],
)
def test_a_syntax_error_says_what_to_do(text: str, line: int, vi: str, en: str) -> None:
    _, (problem,) = parse(text, "x.yaml")
    assert problem.line == line
    assert problem.message.vi == f"lỗi cú pháp YAML: {vi}"
    assert problem.message.en == f"YAML syntax error: {en}"


def test_an_unforeseen_syntax_error_keeps_the_parser_words() -> None:
    _, (problem,) = parse("%YAML 2.0\n---\na: 1\n", "x.yaml")
    assert problem.message.en.startswith("YAML syntax error: found incompatible YAML document")
    assert problem.message.vi.startswith("lỗi cú pháp YAML: PyYAML báo: found incompatible")


def test_multiple_documents_are_refused() -> None:
    _, problems = parse("a: 1\n---\nb: 2\n", "x.yaml")
    assert problems
    assert problems[0].message.en.startswith("YAML syntax error")
