"""Pydantic's validation errors in plain, bilingual words, keyed by their stable ``type``.

Every message a policy officer can meet is listed in ``docs/errors.md``; a test keeps the
two in step.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ValidationError

from hoctap.errors import Message, Problem

__all__ = [
    "MEASURE_WORDS",
    "allowed_keys",
    "below",
    "got",
    "got_vi",
    "python_problems",
    "translate",
]

MEASURE_WORDS: list[str] = ["attested", "percent", "change", "attainment", "count"]
"""The ``kind`` of every measure a file may use, in order (`hoctap.spec.models.MEASURES`,
which adds any kind registered since)."""


def below(at: object) -> tuple[str | int, ...]:
    """The path a model error's ``at`` names: ``by_level.0.level`` is (by_level, 0, level)."""
    return tuple(int(x) if x.isdigit() else x for x in str(at).split("."))


def got(value: object) -> str:  # noqa: PLR0911 - one dispatch by type
    """A value as an error message quotes it, in English: ``'yes'``, ``170``, ``a mapping``."""
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    if value is None:
        return "nothing (empty)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"'{value}'" if len(value) <= _QUOTE else f"'{value[:_QUOTE]}…'"
    if isinstance(value, int) and value.bit_length() > _QUOTE * 3:
        return "a number too long to show"
    if isinstance(value, int | float | Decimal):
        text = str(value)
        return text if len(text) <= _QUOTE else text[:_QUOTE] + "…"
    return type(value).__name__


_QUOTE = 60
"""At most this many characters of a value are quoted back in a message."""


def got_vi(value: object) -> str:
    """The same in Vietnamese."""
    if isinstance(value, Mapping):
        return "một bảng khóa"
    if isinstance(value, list | tuple):
        return "một danh sách"
    if value is None:
        return "để trống"
    return got(value)


_CODES = {
    "extra_forbidden": "unknown_key",
    "missing": "missing",
    "string_too_short": "empty",
    "too_short": "empty",
    "string_pattern_mismatch": "bad_id",
    "greater_than_equal": "out_of_range",
    "greater_than": "out_of_range",
    "less_than_equal": "out_of_range",
    "less_than": "out_of_range",
    "literal_error": "not_one_of",
    "enum": "not_one_of",
    "union_tag_invalid": "not_one_of",
    "union_tag_not_found": "missing",
    "hoctap_number": "not_a_number",
    "decimal_type": "not_a_number",
    "decimal_parsing": "not_a_number",
    "finite_number": "not_finite",
    "hoctap_date": "bad_date",
    "date_type": "bad_date",
    "date_parsing": "bad_date",
    "date_from_datetime_parsing": "bad_date",
    "hoctap_percent_range": "percent_range",
    "hoctap_one_comparison": "one_comparison",
    "hoctap_band_edges": "band_edges",
    "hoctap_period": "period_order",
    "hoctap_change_unit": "change_unit",
    "hoctap_text": "bad_text",
}
"""The stable code of each pydantic error type; any other type is a value of the wrong type."""


def unknown_key(key: object, allowed: Sequence[str]) -> Message:
    """A key that is not allowed where it stands, with the one it may be a typo of.

    One wording for every file hoctap reads: a criteria file, an assessment, a value.

    >>> print(unknown_key("agncy", ["id", "agency"]).en)
    unknown key; did you mean 'agency'? allowed here: id, agency
    """
    hint = hint_vi = ""
    if allowed:
        close = difflib.get_close_matches(str(key), list(allowed), n=1)
        if close:
            hint, hint_vi = f"did you mean '{close[0]}'? ", f"có phải là '{close[0]}'? "
        hint += "allowed here: " + ", ".join(allowed)
        hint_vi += "các khóa dùng được ở đây: " + ", ".join(allowed)
    return Message(f"khóa không có trong định dạng; {hint_vi}", f"unknown key; {hint}")


def translate(
    error_type: str, ctx: dict[str, Any], value: object, allowed: list[str]
) -> tuple[Message, str]:
    """The plain-words message for one pydantic error, and its code."""
    code = str(ctx.get("code") or _CODES.get(error_type, "wrong_type"))
    return _words(error_type, ctx, value, allowed), code


def python_problems(exc: ValidationError, source: str = "<python>") -> list[Problem]:
    """A model's validation errors as problems, for a model built in Python (no file).

    The tags of tagged unions (``percent`` in ``measure.percent.meets``) are left out of
    the paths, which then read as a file's would.
    """
    out = []
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        path = tuple(
            item
            for n, item in enumerate(loc)
            if not (n and loc[n - 1] == "measure" and item in MEASURE_WORDS)
        )
        ctx = dict(error.get("ctx") or {})
        if "at" in ctx:
            path = (*path, *below(ctx["at"]))
        message, code = translate(error["type"], ctx, error.get("input"), [])
        out.append(Problem(source, 0, 0, path, message, code))
    return out


def _words(error_type: str, ctx: dict[str, Any], value: object, allowed: list[str]) -> Message:  # noqa: C901, PLR0911, PLR0912
    got_en, got_v = got(value), got_vi(value)
    if error_type in {"hoctap_rule", "hoctap_check"}:
        return Message(str(ctx["vi"]), str(ctx["en"]))
    if error_type == "extra_forbidden":
        return unknown_key(ctx.get("key", ""), allowed)
    if error_type == "missing":
        return Message("thiếu mục bắt buộc này", "this required entry is missing")
    if error_type in {"string_type", "string_sub_type"}:
        return Message(f"phải là văn bản, nhận {got_v}", f"must be text, got {got_en}")
    if error_type == "string_too_short":
        return Message("không được để trống", "must not be empty")
    if error_type == "string_pattern_mismatch":
        return Message(
            f"không đúng dạng số hiệu (ví dụ 2, 2.1, 2.1.1), nhận {got_v}",
            f"is not a number of the expected form (such as 2, 2.1, 2.1.1), got {got_en}",
        )
    if error_type in {"int_type", "int_parsing", "int_from_float"}:
        return Message(f"phải là số nguyên, nhận {got_v}", f"must be a whole number, got {got_en}")
    if error_type in {"dict_type", "model_type", "model_attributes_type"}:
        return Message(
            f"phải là một bảng khóa (key: value), nhận {got_v}",
            f"must be a mapping (key: value), got {got_en}",
        )
    if error_type in {"tuple_type", "list_type"}:
        return Message(
            f"phải là một danh sách (- ...), nhận {got_v}", f"must be a list (- ...), got {got_en}"
        )
    if error_type == "too_short":
        return Message("danh sách không được trống", "the list must not be empty")
    if error_type in {"greater_than_equal", "greater_than"}:
        bound = ctx.get("ge", ctx.get("gt"))
        return Message(
            f"phải từ {bound} trở lên, nhận {got_v}", f"must be at least {bound}, got {got_en}"
        )
    if error_type in {"less_than_equal", "less_than"}:
        bound = ctx.get("le", ctx.get("lt"))
        return Message(
            f"phải không quá {bound}, nhận {got_v}", f"must be at most {bound}, got {got_en}"
        )
    if error_type in {"literal_error", "enum"}:
        expected = ctx.get("expected", "")
        return Message(
            # pydantic joins the last two with "or": Vietnamese says "hoặc"
            f"phải là một trong {str(expected).replace(' or ', ' hoặc ')}, nhận {got_v}",
            f"must be one of {expected}, got {got_en}",
        )
    if error_type == "union_tag_invalid":
        expected = ctx.get("expected_tags", "")
        return Message(
            f"kind phải là một trong {expected}, nhận '{ctx.get('tag')}'",
            f"kind must be one of {expected}, got '{ctx.get('tag')}'",
        )
    if error_type == "union_tag_not_found":
        *head, last = MEASURE_WORDS
        return Message(
            f"thiếu 'kind' ({', '.join(head)} hoặc {last})",
            f"'kind' is missing ({', '.join(head)} or {last})",
        )
    if error_type == "hoctap_number" and ctx.get("code") == "number_too_long":
        return Message(
            "số quá dài (tối đa 30 chữ số, không quá 30 chữ số thập phân)",
            "the number is too long (at most 30 digits, at most 30 decimal places)",
        )
    if error_type in {"decimal_type", "decimal_parsing", "finite_number", "hoctap_number"}:
        return Message(f"phải là một số, nhận {got_v}", f"must be a number, got {got_en}")
    if error_type == "hoctap_text":
        return Message(
            "không được chứa ký tự điều khiển hay ký tự Unicode hỏng",
            "must not contain control characters or broken Unicode",
        )
    if error_type == "hoctap_date":
        return Message(
            f"phải là ngày dạng YYYY-MM-DD (ví dụ 2022-02-08), nhận {got_v}",
            f"must be a date written YYYY-MM-DD (such as 2022-02-08), got {got_en}",
        )
    if error_type in {"date_type", "date_parsing", "date_from_datetime_parsing"}:
        return Message(
            f"phải là ngày dạng YYYY-MM-DD, nhận {got_v}",
            f"must be a date written YYYY-MM-DD, got {got_en}",
        )
    if error_type == "hoctap_percent_range":
        return Message(
            f"tỷ lệ phần trăm phải từ 0 đến 100, nhận {ctx['got']}",
            f"a percentage must be between 0 and 100, got {ctx['got']}",
        )
    if error_type == "hoctap_one_comparison":
        return Message(
            f"viết đúng một trong at_least (≥), above (>), at_most (≤), below (<); đang có: {ctx['got']}",
            f"write exactly one of at_least (≥), above (>), at_most (≤), below (<); found: {ctx['got']}",
        )
    if error_type == "hoctap_band_edges":
        return Message(
            "một khoảng cần đúng một cận dưới (above hoặc at_least) và một cận trên (at_most hoặc below)",
            "a band needs exactly one lower edge (above or at_least) and one upper edge (at_most or below)",
        )
    if error_type == "hoctap_period":
        return Message(
            "ngày kết thúc đứng trước ngày bắt đầu", "the end date is before the start date"
        )
    if error_type == "hoctap_change_unit":
        return Message(
            "đơn vị 'points' (điểm phần trăm) chỉ dùng cho quantity 'percent'",
            "unit 'points' (percentage points) only fits quantity 'percent'",
        )
    return Message(
        f"giá trị không hợp lệ ({error_type}), nhận {got_v}",
        f"invalid value ({error_type}), got {got_en}",
    )


def _unwrap(annotation: object, raw: object) -> type[BaseModel] | None:
    """The model class an annotation holds for this raw value, if any."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0], raw)
    if origin in {typing.Union, types.UnionType}:
        for arg in typing.get_args(annotation):
            model = _unwrap(arg, raw)
            if model is None:
                continue
            kind_field = model.model_fields.get("kind")
            if kind_field is None or not isinstance(raw, dict):
                return model
            if typing.get_args(kind_field.annotation) == (raw.get("kind"),):
                return model
        return None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def allowed_keys(root: type[BaseModel], raw: object, loc: tuple[str | int, ...]) -> list[str]:
    """The keys a mapping at ``loc`` may have, walking the models alongside the raw data."""
    model: type[BaseModel] | None = root
    node = raw
    for item in loc:
        if model is None:
            return []
        if isinstance(item, int):
            node = node[item] if isinstance(node, list) and item < len(node) else None
            continue
        field = model.model_fields.get(item)
        if field is None:
            return []
        node = node.get(item) if isinstance(node, dict) else None
        annotation = field.annotation
        if typing.get_origin(annotation) is tuple:
            annotation = typing.get_args(annotation)[0]
        model = _unwrap(annotation, node[0] if isinstance(node, list) and node else node)
        if isinstance(node, list):
            continue
    return list(model.model_fields) if model is not None else []
