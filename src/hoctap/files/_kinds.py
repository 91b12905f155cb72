"""What kind of hoctap file some data is, so a file given to the wrong command is named.

hoctap reads four kinds of YAML file: criteria sets (``criteria/``), assessments of a
unit (``examples/``), a locality's list of units (``criteria/localities/``) and report
requests (``criteria/reports/``). Given to a command that wants another kind, a file is
named for what it is in one line, instead of a dozen "unknown key" lines.
"""

from __future__ import annotations

from collections.abc import Mapping

from hoctap.errors import Message

__all__ = ["Kind", "kind_of", "wrong_kind"]

Kind = str
"""``criteria``, ``assessment``, ``locality`` or ``report``."""

# The keys only one kind has. An assessment's ``units`` is told from a locality's by
# ``unit`` (an assessment names its unit; a locality lists units only).
_MARKS: tuple[tuple[Kind, frozenset[str]], ...] = (
    ("criteria", frozenset({"standards", "extends", "recognition", "legal_basis"})),
    ("report", frozenset({"duties", "leads_report", "deadline"})),
    ("locality", frozenset({"units_source", "not_counted", "pilot"})),
    ("assessment", frozenset({"values", "unit"})),
)

_NAMES: dict[Kind, Message] = {
    "criteria": Message("bộ tiêu chí", "a criteria set"),
    "assessment": Message("bản đánh giá của một đơn vị", "a unit's assessment"),
    "locality": Message(
        "danh sách đơn vị của một địa phương (criteria/localities)",
        "a locality's list of units (criteria/localities)",
    ),
    "report": Message("yêu cầu báo cáo (criteria/reports)", "a report request (criteria/reports)"),
}

_USE: dict[Kind, Message] = {
    "criteria": Message(
        "dùng 'hoctap check' hoặc 'hoctap show' cho nó, hoặc đưa nó vào --criteria",
        "use 'hoctap check' or 'hoctap show' on it, or pass it with --criteria",
    ),
    "assessment": Message("dùng 'hoctap evaluate' cho nó", "run 'hoctap evaluate' on it"),
    "locality": Message(
        "bản đánh giá của thành phố dùng nó qua 'units: {locality: ...}'",
        "a city's assessment uses it through 'units: {locality: ...}'",
    ),
    "report": Message(
        "dùng nó với 'hoctap duties --request'", "use it with 'hoctap duties --request'"
    ),
}


def kind_of(data: object) -> Kind | None:
    """The kind of file some parsed data looks like, or None when it is none of them.

    >>> kind_of({"criteria": "district", "unit": "Quận Lê Chân", "values": {}})
    'assessment'
    >>> kind_of({"id": "district", "standards": []})
    'criteria'
    """
    if not isinstance(data, Mapping):
        return None
    keys = {k for k in data if isinstance(k, str)}
    return next((kind for kind, marks in _MARKS if keys & marks), None)


def wrong_kind(data: object, wanted: Kind) -> Message | None:
    """The one-line message for a file of another kind than ``wanted``; None if it is not.

    >>> print(wrong_kind({"id": "x", "standards": []}, "assessment").en)
    this is a criteria set, not a unit's assessment: use 'hoctap check' or 'hoctap show' on it, or pass it with --criteria
    """
    kind = kind_of(data)
    if kind is None or kind == wanted:
        return None
    it, want, use = _NAMES[kind], _NAMES[wanted], _USE[kind]
    return Message(
        f"đây là {it.vi}, không phải {want.vi}: {use.vi}",
        f"this is {it.en}, not {want.en}: {use.en}",
    )
