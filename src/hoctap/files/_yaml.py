"""One strict reader of YAML and JSON files that keeps the position of every value.

PyYAML composes the node tree (never constructs Python objects from tags, so no unsafe
loading is possible); this module turns nodes into plain data itself, following the
YAML 1.2 core schema rather than PyYAML's YAML 1.1 one:

- ``yes``, ``no``, ``on``, ``off`` stay text, so a yes/no field gets a clear error
  instead of a silent ``False``; only ``true`` and ``false`` are booleans;
- ``2022-02-08`` stays text (a date field parses it itself), ``1:30`` stays text;
- numbers with a fraction or exponent become `decimal.Decimal`, exact as written, so
  ``80.1`` is never ``80.09999...``; ``.nan`` and ``.inf`` are refused, and so are
  numbers too long to read cheaply and digits that read as two numbers (``1.050``);
- duplicate keys, explicit tags (``!!str`` too), complex keys, nesting deeper than
  `MAX_DEPTH` and aliases that would expand a small file beyond `MAX_VALUES` values are
  refused, each with its line.

Files are read only when they are regular files of at most `MAX_BYTES` (`read_file`).
"""

from __future__ import annotations

import json
import re
import stat
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

import yaml

from hoctap._numbers import MAX_DIGITS, MAX_EXPONENT, NumberError, ambiguous
from hoctap.errors import DataPath, Message, Problem, printable

if TYPE_CHECKING:
    from pathlib import Path

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_VALUES",
    "Document",
    "parse",
    "parse_file",
    "parse_json",
    "read_file",
]

_TOO_LONG = Message("số quá dài", "the number is too long")

MAX_BYTES = 2 * 1024 * 1024
"""A criteria or assessment file larger than this (2 MiB) is refused unread."""
MAX_VALUES = 100_000
"""At most this many values after expanding aliases: a guard against "billion laughs"."""
MAX_DEPTH = 64
"""At most this deep nesting, which also stops a self-referencing alias."""
_MAX_NUMBER_TEXT = MAX_DIGITS + MAX_EXPONENT + 8
"""An unquoted number longer than this is refused before it is converted."""

_STR = "tag:yaml.org,2002:str"
_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_INT = re.compile(r"[-+]?[0-9]+", re.ASCII)
_LEADING_ZERO = re.compile(r"[-+]?0[0-9]+", re.ASCII)
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?", re.ASCII)
_NOT_FINITE = re.compile(r"[-+]?\.(inf|Inf|INF|nan|NaN|NAN)")


class _ComposeOnly(yaml.SafeLoader):
    """SafeLoader with no implicit resolvers: every plain scalar composes as text.

    Resolution happens in `_Builder._scalar` instead, by the YAML 1.2 core rules. A
    node written with an explicit tag (``!!str true``, ``!!python/object``) is
    remembered, to be refused: the tag would change what the text means.
    """

    yaml_implicit_resolvers: dict[str, list[tuple[str, re.Pattern[str]]]] = {}  # noqa: RUF012

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.tagged: dict[int, str] = {}

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node | None:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        tag = getattr(event, "tag", None)
        node = super().compose_node(parent, index)  # type: ignore[arg-type]
        if node is not None and tag not in {None, "!"} and not isinstance(event, yaml.AliasEvent):
            self.tagged[id(node)] = str(tag)
        return node


@dataclass(frozen=True, slots=True)
class Document:
    """Parsed data with the (line, column) of every value and mapping key, by path."""

    source: str
    data: object
    marks: dict[DataPath, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[DataPath, tuple[int, int]] = field(default_factory=dict)

    def locate(self, path: DataPath, *, key: bool = False) -> tuple[int, int]:
        """The position of the value at ``path``, or of its nearest ancestor present.

        With ``key=True`` the position of the mapping key that names it, which is where
        an unknown or duplicated key is best pointed at.
        """
        if key and path in self.key_marks:
            return self.key_marks[path]
        probe = path
        while probe:
            if probe in self.marks:
                return self.marks[probe]
            probe = probe[:-1]
        return self.marks.get((), (0, 0))

    def problem(self, path: DataPath, message: Message, code: str, *, key: bool = False) -> Problem:
        """A problem located at ``path`` in this document."""
        line, column = self.locate(path, key=key)
        return Problem(self.source, line, column, path, message, code)


class _Builder:
    def __init__(self, source: str, tagged: dict[int, str]) -> None:
        self.source = source
        self.tagged = tagged
        self.marks: dict[DataPath, tuple[int, int]] = {}
        self.key_marks: dict[DataPath, tuple[int, int]] = {}
        self.problems: list[Problem] = []
        self.count = 0

    def _problem(self, node: yaml.Node, path: DataPath, message: Message, code: str) -> None:
        mark = node.start_mark
        self.problems.append(
            Problem(self.source, mark.line + 1, mark.column + 1, path, message, code)
        )

    def build(self, node: yaml.Node, path: DataPath) -> object:
        self.count += 1
        if self.count > MAX_VALUES or len(path) > MAX_DEPTH:
            raise _TooBigError(node, path)
        self.marks.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        tag = self.tagged.get(id(node))
        if tag is not None:
            self._problem(
                node,
                path,
                Message(
                    f"không dùng thẻ YAML ({tag}); hãy bỏ thẻ đi",
                    f"YAML tags ({tag}) are not allowed; remove the tag",
                ),
                "yaml_tag",
            )
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)  # noqa: S101
        return self._scalar(node, path)

    def _mapping(self, node: yaml.MappingNode, path: DataPath) -> dict[str, object]:
        out: dict[str, object] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self._problem(
                    key_node,
                    path,
                    Message(
                        "khóa phải là một từ hoặc số đơn giản",
                        "a key must be a plain word or number",
                    ),
                    "complex_key",
                )
                continue
            key = str(key_node.value)
            if key in out:
                self._problem(
                    key_node,
                    (*path, key),
                    Message(
                        f"khóa '{key}' bị lặp lại (đã có ở dòng {first_line[key]}); "
                        "hãy xóa một trong hai",
                        f"duplicate key '{key}' (first at line {first_line[key]}); "
                        "remove one of them",
                    ),
                    "duplicate_key",
                )
                continue
            first_line[key] = key_node.start_mark.line + 1
            self.key_marks[(*path, key)] = (
                key_node.start_mark.line + 1,
                key_node.start_mark.column + 1,
            )
            out[key] = self.build(value_node, (*path, key))
        return out

    def _scalar(self, node: yaml.ScalarNode, path: DataPath) -> object:  # noqa: PLR0911 - the core schema, in order
        text = str(node.value)
        if node.style is not None:  # quoted or block text is always text
            return text
        if text in _NULL:
            return None
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        if _NOT_FINITE.fullmatch(text):
            self._problem(
                node,
                path,
                Message(
                    f"'{text}' không phải là một số hữu hạn", f"'{text}' is not a finite number"
                ),
                "not_finite",
            )
            return text
        if not _FLOAT.fullmatch(text):
            return text
        return self._number(node, path, text)

    def _number(self, node: yaml.ScalarNode, path: DataPath, text: str) -> object:
        if _LEADING_ZERO.fullmatch(text):
            self._problem(
                node,
                path,
                Message(
                    f"số '{text}' có số 0 ở đầu, dễ hiểu nhầm; hãy bỏ số 0 hoặc đặt trong ngoặc kép",
                    f"'{text}' has a leading zero, which YAML 1.1 reads as octal; "
                    "drop the zero or quote it",
                ),
                "leading_zero",
            )
            return text
        mantissa, _, exponent = text.lower().partition("e")
        if len(text) > _MAX_NUMBER_TEXT or len(exponent.lstrip("+-")) > 3:
            self._problem(node, path, _TOO_LONG, "number_too_long")
            return text
        try:
            ambiguous(mantissa)  # the same rule as for text: 1.050 is 1.05 or 1050
        except NumberError as exc:
            self._problem(node, path, Message(exc.vi, exc.en), exc.code)
            return text
        return int(text) if _INT.fullmatch(text) else Decimal(text)


class _TooBigError(Exception):
    def __init__(self, node: yaml.Node, path: DataPath) -> None:
        self.node = node
        self.path = path


def _too_deep(source: str, line: int, column: int, path: DataPath) -> Problem:
    message = Message(
        f"tệp mở rộng thành hơn {MAX_VALUES} giá trị hoặc lồng sâu hơn {MAX_DEPTH} mức "
        "(do anchor/alias); hãy viết trực tiếp các giá trị",
        f"the file expands to more than {MAX_VALUES} values or nests deeper than "
        f"{MAX_DEPTH} levels (through anchors/aliases); write the values out",
    )
    return Problem(source, line, column, path, message, "too_deep")


def _empty(source: str) -> tuple[Document, list[Problem]]:
    message = Message(
        "tệp trống: không có nội dung nào", "the file is empty: there is nothing in it"
    )
    return Document(source, None), [Problem(source, 1, 1, (), message, "empty_file")]


# PyYAML's words for what it could not read, each with what it usually means in a file
# written by hand, in both languages. The first that matches the parser's problem wins;
# anything else is still reported, with PyYAML's own words.
_SYNTAX_HINTS: tuple[tuple[str, Message], ...] = (
    (
        "'\\t'",
        Message(
            "có ký tự tab (\\t); YAML chỉ thụt lề bằng dấu cách: thay tab bằng dấu cách",
            "there is a tab (\\t); YAML indents with spaces only: replace the tab with spaces",
        ),
    ),
    (
        "mapping values are not allowed here",
        Message(
            "có dấu ':' ở chỗ không được phép: có thể dòng trên thiếu ':' sau tên khóa (viết"
            " 'khóa: giá trị', có dấu cách sau ':'), hoặc dòng này thụt lề sai; giá trị có"
            " chứa ': ' phải đặt trong dấu nháy",
            "a ':' where none is allowed: perhaps the line above lacks a ':' after its key"
            " (write 'key: value', with a space after ':'), or this line is indented wrongly;"
            " a value holding ': ' must be in quotes",
        ),
    ),
    (
        "could not find expected ':'",
        Message(
            "thiếu dấu ':' sau tên khóa (viết 'khóa: giá trị')",
            "a ':' is missing after a key (write 'key: value')",
        ),
    ),
    (
        "expected <block end>",
        Message(
            "thụt lề không khớp: dòng này lùi vào khác các dòng cùng cấp ở trên",
            "the indentation does not match: this line is indented differently from the"
            " lines at its level above",
        ),
    ),
    (
        "did not find expected",
        Message(
            "thụt lề không khớp, hoặc thiếu '- ' ở đầu một mục của danh sách",
            "the indentation does not match, or a list item lacks its leading '- '",
        ),
    ),
    (
        "while scanning a quoted scalar",
        Message(
            "dấu nháy mở ở đây chưa được đóng",
            "a quotation mark opened here is never closed",
        ),
    ),
    (
        "expected ',' or ']'",
        Message(
            "danh sách mở bằng '[' thiếu dấu ',' giữa các mục hoặc thiếu ']' đóng",
            "a list opened with '[' lacks a ',' between items or its closing ']'",
        ),
    ),
    (
        "expected ',' or '}'",
        Message(
            "nhóm mở bằng '{' thiếu dấu ',' giữa các mục hoặc thiếu '}' đóng",
            "a mapping opened with '{' lacks a ',' between items or its closing '}'",
        ),
    ),
    (
        "that cannot start any token",
        Message(
            "ký tự này không được đứng đầu một giá trị; hãy đặt giá trị trong dấu nháy",
            "this character cannot begin a value; put the value in quotes",
        ),
    ),
    (
        "another document",
        Message(
            "tệp chỉ được chứa một tài liệu YAML: xóa dòng '---' thứ hai và phần sau nó",
            "a file holds one YAML document only: remove the second '---' line and what follows",
        ),
    ),
    (
        "unknown escape character",
        Message(
            "trong dấu nháy kép, '\\' bắt đầu một mã thoát: dùng dấu nháy đơn, hoặc viết '\\\\'",
            "inside double quotes, '\\' starts an escape: use single quotes, or write '\\\\'",
        ),
    ),
    (
        "found undefined alias",
        Message(
            "'*tên' gọi đến một neo '&tên' không có ở trên",
            "'*name' refers to an anchor '&name' that is not defined above",
        ),
    ),
)


def syntax_problem(exc: yaml.MarkedYAMLError, text: str, source: str) -> Problem:
    r"""A YAML syntax error in words a policy officer can act on, with the line as written.

    It is placed where the fault most likely is: where an unclosed quotation mark or
    bracket was opened, else where PyYAML gave up. Invisible characters in the quoted
    line are shown as escapes (``\t``, ``\u200b``).

    >>> import yaml
    >>> try:
    ...     yaml.compose("values:\n\t1.1.1: đạt\n")
    ... except yaml.MarkedYAMLError as exc:
    ...     print(syntax_problem(exc, "values:\n\t1.1.1: đạt\n", "a.yaml").message.en)
    YAML syntax error: there is a tab (\t); YAML indents with spaces only: replace the tab with spaces; line 2 reads "\t1.1.1: đạt"
    """
    what = " ".join(str(w) for w in (exc.context, exc.problem) if w) or "invalid YAML"
    hint = next((h for key, h in _SYNTAX_HINTS if key in what), None)
    if hint is None:
        hint = Message(f"PyYAML báo: {exc.problem or what}", str(exc.problem or what))
    mark = exc.problem_mark or exc.context_mark
    opened = ("quoted scalar", "flow sequence", "flow mapping")
    if exc.context_mark is not None and any(o in what for o in opened):
        mark = exc.context_mark  # where the quotation mark or bracket was opened
    lines = text.splitlines()
    shown_vi = shown_en = ""
    if mark is not None and mark.line < len(lines) and lines[mark.line].strip():
        quoted = printable(lines[mark.line])
        if len(quoted) > 80:
            quoted = quoted[:79] + "…"
        shown_vi = f'; dòng {mark.line + 1} là "{quoted}"'
        shown_en = f'; line {mark.line + 1} reads "{quoted}"'
    message = Message(
        f"lỗi cú pháp YAML: {hint.vi}{shown_vi}", f"YAML syntax error: {hint.en}{shown_en}"
    )
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return Problem(source, line, column, (), message, "yaml_syntax")


def parse(text: str, source: str) -> tuple[Document, list[Problem]]:  # noqa: PLR0911 - one return per kind of failure
    r"""Parse YAML text strictly; return the document and every problem found.

    A syntax error stops the parse: the document is then empty and the one problem
    says where PyYAML gave up.

    >>> doc, problems = parse("a: no\nb: 80.1\nc: 2022-02-08\n", "x.yaml")
    >>> doc.data
    {'a': 'no', 'b': Decimal('80.1'), 'c': '2022-02-08'}
    >>> doc.marks[("b",)]
    (2, 4)
    >>> problems
    []
    """
    loader: _ComposeOnly | None = None
    try:
        loader = _ComposeOnly(text)  # reads the text's characters at once: may refuse some
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        return Document(source, None), [syntax_problem(exc, text, source)]
    except yaml.reader.ReaderError as exc:
        # A character YAML does not allow in a file (a NUL, a control character).
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        message = Message(
            f"tệp chứa ký tự không được phép (mã {exc.character:#06x}); hãy xóa nó",
            f"the file holds a character that is not allowed (code {exc.character:#06x}); remove it",
        )
        return Document(source, None), [Problem(source, line, column, (), message, "bad_text")]
    except yaml.YAMLError as exc:
        message = Message(f"lỗi cú pháp YAML: {exc}", f"YAML syntax error: {exc}")
        return Document(source, None), [Problem(source, 1, 1, (), message, "yaml_syntax")]
    except RecursionError:
        # PyYAML's composer recurses once per level: hundreds of "[" exhaust the stack
        # before our own depth limit sees the tree.
        return Document(source, None), [_too_deep(source, 1, 1, ())]
    finally:
        if loader is not None:
            loader.dispose()
    if node is None:
        return _empty(source)
    builder = _Builder(source, loader.tagged)
    try:
        data = builder.build(node, ())
    except _TooBigError as exc:
        mark = exc.node.start_mark
        return Document(source, None), [_too_deep(source, mark.line + 1, mark.column + 1, exc.path)]
    doc = Document(source, data, builder.marks, builder.key_marks)
    return doc, builder.problems


class _JSONValueError(ValueError):
    def __init__(self, code: str, text: str) -> None:
        super().__init__(text)
        self.code = code
        self.text = text


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict[str, object]:
    out: dict[str, object] = {}
    for key, value in pairs:
        if key in out:
            raise _JSONValueError("duplicate_key", key)
        out[key] = value
    return out


def _json_number(text: str) -> int | Decimal:
    mantissa, _, exponent = text.lower().partition("e")
    if len(text) > _MAX_NUMBER_TEXT or len(exponent.lstrip("+-")) > 3:
        raise _JSONValueError("number_too_long", text[:20])
    return int(text) if mantissa.lstrip("-").isdigit() and not exponent else Decimal(text)


def _refuse_constant(word: str) -> object:
    raise _JSONValueError("not_finite", word)


def parse_json(text: str, source: str) -> tuple[Document, list[Problem]]:
    r"""Parse JSON strictly, with Python's own JSON reader, keeping positions where it can.

    JSON is read by `json` (tabs, ``\/`` and every other JSON nicety accepted; decimals
    exact; NaN, Infinity, duplicate keys and over-long numbers refused). Positions of
    values come from the YAML reader over the same text (tabs made spaces, which moves no
    column), so errors point at their line; if that reader cannot follow the text,
    errors name only the file.

    >>> doc, problems = parse_json('{\n\t"a": 80.10,\n\t"b": "x\\/y"\n}', "a.json")
    >>> doc.data, doc.marks[("a",)], problems
    ({'a': Decimal('80.10'), 'b': 'x/y'}, (2, 7), [])
    """
    try:
        data = json.loads(
            text,
            parse_float=_json_number,
            parse_int=_json_number,
            parse_constant=_refuse_constant,
            object_pairs_hook=_no_duplicates,
        )
    except json.JSONDecodeError as exc:
        message = Message(f"lỗi cú pháp JSON: {exc.msg}", f"JSON syntax error: {exc.msg}")
        problem = Problem(source, exc.lineno, exc.colno, (), message, "json_syntax")
        return Document(source, None), [problem]
    except RecursionError:
        return Document(source, None), [_too_deep(source, 1, 1, ())]
    except _JSONValueError as exc:
        located, yaml_problems = parse(text.replace("\t", " "), source)
        same = [p for p in yaml_problems if p.code == exc.code]
        if same:
            return Document(source, None), same
        words = {
            "duplicate_key": Message(
                f"khóa '{exc.text}' bị lặp lại", f"duplicate key '{exc.text}'"
            ),
            "not_finite": Message(
                f"'{exc.text}' không phải là một số hữu hạn", f"'{exc.text}' is not a finite number"
            ),
            "number_too_long": _TOO_LONG,
        }
        return Document(source, None), [Problem(source, 0, 0, (), words[exc.code], exc.code)]
    if data is None:
        return _empty(source)
    located, _ = parse(text.replace("\t", " "), source)
    return Document(source, data, located.marks, located.key_marks), []


def read_file(path: Path, source: str) -> tuple[str | None, list[Problem]]:
    """The text of a file, if it is a regular UTF-8 file of at most `MAX_BYTES`.

    A folder, a device (``/dev/zero``) or a pipe is refused before it is opened, so
    reading never blocks or runs out of memory. A UTF-8 byte order mark is dropped.
    """

    def fail(vi: str, en: str, code: str, line: int = 0) -> tuple[None, list[Problem]]:
        return None, [Problem(source, line, 1 if line else 0, (), Message(vi, en), code)]

    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return fail(
                "không phải là một tệp thông thường (là thư mục, thiết bị hoặc ống dẫn)",
                "not a regular file (a folder, a device or a pipe)",
                "not_a_file",
            )
        with open(path, "rb") as handle:  # noqa: PTH123 - one read of a bounded size
            raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return fail("không có tệp này", "no such file", "file_not_found")
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return fail(
            f"không đọc được tệp: {reason}", f"cannot read the file: {reason}", "not_a_file"
        )
    if len(raw) > MAX_BYTES:
        return fail(
            f"tệp quá lớn (hơn {MAX_BYTES} byte)",
            f"the file is too large (more than {MAX_BYTES} bytes)",
            "file_too_large",
        )
    try:
        return raw.decode("utf-8").removeprefix("\ufeff"), []
    except UnicodeDecodeError as exc:
        return fail(
            "tệp không phải UTF-8; hãy lưu lại với bảng mã UTF-8",
            "the file is not UTF-8; save it again as UTF-8",
            "not_utf8",
            raw[: exc.start].count(b"\n") + 1,
        )


def parse_file(path: Path, source: str) -> tuple[Document, list[Problem]]:
    """Read and parse a file: JSON by its ``.json`` ending, else YAML."""
    text, problems = read_file(path, source)
    if text is None:
        return Document(source, None), problems
    reader = parse_json if path.suffix.lower() == ".json" else parse
    return reader(text, source)
