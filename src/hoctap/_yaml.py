"""One strict YAML parse that keeps the position of every value.

PyYAML composes the node tree (never constructs Python objects from tags, so no unsafe
loading is possible); this module turns nodes into plain data itself, following the
YAML 1.2 core schema rather than PyYAML's YAML 1.1 one:

- ``yes``, ``no``, ``on``, ``off`` stay text, so a yes/no field gets a clear error
  instead of a silent ``False``; only ``true`` and ``false`` are booleans;
- ``2022-02-08`` stays text (a date field parses it itself), ``1:30`` stays text;
- numbers with a fraction or exponent become `decimal.Decimal`, exact as written, so
  ``80.1`` is never ``80.09999...``; ``.nan`` and ``.inf`` are refused;
- duplicate keys, explicit tags, complex keys, and aliases that would expand a small
  file beyond `MAX_VALUES` values are refused, each with its line.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from decimal import Decimal

import yaml

from hoctap.errors import Message, Path, Problem

__all__ = ["MAX_BYTES", "MAX_DEPTH", "MAX_VALUES", "Document", "parse", "parse_json"]

MAX_BYTES = 2 * 1024 * 1024
"""A criteria or assessment file larger than this (2 MiB) is refused unread."""
MAX_VALUES = 100_000
"""At most this many values after expanding aliases: a guard against "billion laughs"."""
MAX_DEPTH = 64
"""At most this deep nesting, which also stops a self-referencing alias."""

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_INT = re.compile(r"[-+]?[0-9]+")
_LEADING_ZERO = re.compile(r"[-+]?0[0-9]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_NOT_FINITE = re.compile(r"[-+]?\.(inf|Inf|INF|nan|NaN|NAN)")


class _ComposeOnly(yaml.SafeLoader):
    """SafeLoader with no implicit resolvers: every plain scalar composes as text.

    Resolution happens in `_Builder._scalar` instead, by the YAML 1.2 core rules.
    """

    yaml_implicit_resolvers: dict[str, list[tuple[str, re.Pattern[str]]]] = {}  # noqa: RUF012


@dataclass(frozen=True, slots=True)
class Document:
    """Parsed data with the (line, column) of every value and mapping key, by path."""

    source: str
    data: object
    marks: dict[Path, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def locate(self, path: Path, *, key: bool = False) -> tuple[int, int]:
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

    def problem(self, path: Path, message: Message, *, key: bool = False) -> Problem:
        """A problem located at ``path`` in this document."""
        line, column = self.locate(path, key=key)
        return Problem(self.source, line, column, path, message)


class _Builder:
    def __init__(self, source: str) -> None:
        self.source = source
        self.marks: dict[Path, tuple[int, int]] = {}
        self.key_marks: dict[Path, tuple[int, int]] = {}
        self.problems: list[Problem] = []
        self.count = 0

    def _problem(self, node: yaml.Node, path: Path, message: Message) -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.source, mark.line + 1, mark.column + 1, path, message))

    def build(self, node: yaml.Node, path: Path) -> object:
        self.count += 1
        if self.count > MAX_VALUES or len(path) > MAX_DEPTH:
            raise _TooBigError(node, path)
        self.marks.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            self._check_tag(node, _SEQ, path)
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)  # noqa: S101
        return self._scalar(node, path)

    def _check_tag(self, node: yaml.Node, expected: str, path: Path) -> None:
        if node.tag != expected:
            self._problem(
                node,
                path,
                Message(
                    f"không dùng thẻ YAML ({node.tag}); hãy bỏ thẻ đi",
                    f"YAML tags ({node.tag}) are not allowed; remove the tag",
                ),
            )

    def _mapping(self, node: yaml.MappingNode, path: Path) -> dict[str, object]:
        self._check_tag(node, _MAP, path)
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
                )
                continue
            first_line[key] = key_node.start_mark.line + 1
            self.key_marks[(*path, key)] = (
                key_node.start_mark.line + 1,
                key_node.start_mark.column + 1,
            )
            out[key] = self.build(value_node, (*path, key))
        return out

    def _scalar(self, node: yaml.ScalarNode, path: Path) -> object:
        self._check_tag(node, _STR, path)
        text = str(node.value)
        if node.style is not None:  # quoted or block text is always text
            return text
        result: object = text
        if text in _NULL:
            result = None
        elif text in _TRUE:
            result = True
        elif text in _FALSE:
            result = False
        elif _LEADING_ZERO.fullmatch(text):
            self._problem(
                node,
                path,
                Message(
                    f"số '{text}' có số 0 ở đầu, dễ hiểu nhầm; hãy bỏ số 0 hoặc đặt trong ngoặc kép",
                    f"'{text}' has a leading zero, which YAML 1.1 reads as octal; "
                    "drop the zero or quote it",
                ),
            )
        elif _INT.fullmatch(text):
            result = int(text)
        elif _FLOAT.fullmatch(text):
            result = Decimal(text)
        elif _NOT_FINITE.fullmatch(text):
            self._problem(
                node,
                path,
                Message(
                    f"'{text}' không phải là một số hữu hạn",
                    f"'{text}' is not a finite number",
                ),
            )
        return result


class _TooBigError(Exception):
    def __init__(self, node: yaml.Node, path: Path) -> None:
        self.node = node
        self.path = path


def parse(text: str, source: str) -> tuple[Document, list[Problem]]:
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
    try:
        node = yaml.compose(text, Loader=_ComposeOnly)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or exc.context or "invalid YAML"
        message = Message(f"lỗi cú pháp YAML: {what}", f"YAML syntax error: {what}")
        return Document(source, None), [Problem(source, line, column, (), message)]
    except yaml.YAMLError as exc:
        message = Message(f"lỗi cú pháp YAML: {exc}", f"YAML syntax error: {exc}")
        return Document(source, None), [Problem(source, 1, 1, (), message)]
    if node is None:
        message = Message(
            "tệp trống: không có nội dung nào", "the file is empty: there is nothing in it"
        )
        return Document(source, None), [Problem(source, 1, 1, (), message)]
    builder = _Builder(source)
    try:
        data = builder.build(node, ())
    except _TooBigError as exc:
        mark = exc.node.start_mark
        message = Message(
            f"tệp mở rộng thành hơn {MAX_VALUES} giá trị hoặc lồng sâu hơn {MAX_DEPTH} mức "
            "(do anchor/alias); hãy viết trực tiếp các giá trị",
            f"the file expands to more than {MAX_VALUES} values or nests deeper than "
            f"{MAX_DEPTH} levels (through anchors/aliases); write the values out",
        )
        problem = Problem(source, mark.line + 1, mark.column + 1, exc.path, message)
        return Document(source, None), [problem]
    doc = Document(source, data, builder.marks, builder.key_marks)
    return doc, builder.problems


class _DuplicateKeyError(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict[str, object]:
    out: dict[str, object] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKeyError(key)
        out[key] = value
    return out


def parse_json(text: str, source: str) -> tuple[Document, list[Problem]]:
    r"""Parse JSON strictly, with Python's own JSON reader, keeping positions where it can.

    JSON is read by `json` (tabs, ``\/`` and every other JSON nicety accepted; decimals
    exact; NaN, Infinity and duplicate keys refused). Positions of values come from the
    YAML reader over the same text (tabs made spaces, which moves no column), so errors
    point at their line; if that reader cannot follow the text, errors name only the file.

    >>> doc, problems = parse_json('{\n\t"a": 80.10,\n\t"b": "x\\/y"\n}', "a.json")
    >>> doc.data, doc.marks[("a",)], problems
    ({'a': Decimal('80.10'), 'b': 'x/y'}, (2, 7), [])
    """
    located, yaml_problems = parse(text.replace("\t", " "), source)
    try:
        data = json.loads(
            text,
            parse_float=Decimal,
            parse_constant=_refuse_constant,
            object_pairs_hook=_no_duplicates,
        )
    except json.JSONDecodeError as exc:
        message = Message(f"lỗi cú pháp JSON: {exc.msg}", f"JSON syntax error: {exc.msg}")
        return Document(source, None), [Problem(source, exc.lineno, exc.colno, (), message)]
    except _DuplicateKeyError as exc:
        duplicates = [p for p in yaml_problems if "duplicate key" in p.message.en]
        if duplicates:
            return Document(source, None), duplicates
        message = Message(f"khóa '{exc}' bị lặp lại", f"duplicate key '{exc}'")
        return Document(source, None), [Problem(source, 0, 0, (), message)]
    except ValueError as exc:
        message = Message(
            f"'{exc}' không phải là một số hữu hạn", f"'{exc}' is not a finite number"
        )
        return Document(source, None), [Problem(source, 0, 0, (), message)]
    if data is None:
        message = Message(
            "tệp trống: không có nội dung nào", "the file is empty: there is nothing in it"
        )
        return Document(source, None), [Problem(source, 1, 1, (), message)]
    return Document(source, data, located.marks, located.key_marks), []


def _refuse_constant(word: str) -> object:
    raise ValueError(word)
