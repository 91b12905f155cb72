"""Every error hoctap raises, and the located, bilingual problems they carry.

Three kinds of "no" are kept apart: a bad criteria file (`SpecError`), bad assessment
input (`InputError`), and an indicator that is not met or a unit that is not recognised,
which are results, never exceptions. Both exceptions derive from `HoctapError`, so a
caller can catch everything at once.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Literal

Lang = Literal["vi", "en", "both"]
PathItem = str | int
DataPath = tuple[PathItem, ...]
"""Where a value sits in a YAML or JSON document: keys and list positions from the top."""

__all__ = [
    "CODES",
    "DataPath",
    "HoctapError",
    "InputError",
    "Lang",
    "Message",
    "Problem",
    "SpecError",
    "fold",
    "format_path",
    "invisible",
    "printable",
]


def __dir__() -> list[str]:
    return list(__all__)


CODES: dict[str, str] = {
    # Reading a file.
    "file_not_found": "no such file, or not a bundled set's name",
    "not_a_file": "not a regular file (a folder, a device, a pipe)",
    "file_too_large": "larger than the size limit",
    "not_utf8": "not UTF-8 text",
    "bad_text": "text with control characters or broken Unicode (a lone surrogate)",
    "yaml_syntax": "not valid YAML",
    "json_syntax": "not valid JSON",
    "empty_file": "nothing in it",
    "too_deep": "nests too deeply, or expands (through aliases) into too many values",
    "duplicate_key": "the same key twice in one mapping",
    "yaml_tag": "an explicit YAML tag",
    "complex_key": "a key that is not a plain word or number",
    "leading_zero": "a number with a leading zero",
    "not_finite": ".nan, .inf, NaN or Infinity",
    "ambiguous_number": "digits that read as two numbers (1.500)",
    "number_too_long": "a number with too many digits, or too large or small an exponent",
    # The shape of a criteria file (pydantic's checks, in plain words).
    "unknown_key": "a key the format does not have",
    "missing": "a required entry is missing",
    "wrong_type": "a value of the wrong type",
    "empty": "an empty text or list",
    "bad_id": "an id not of the form 2, 2.1, 2.1.1",
    "out_of_range": "a number outside what is allowed",
    "not_one_of": "not one of the allowed words",
    "not_a_number": "not a number",
    "bad_date": "not a date written YYYY-MM-DD",
    "percent_range": "a percentage outside 0 to 100",
    "one_comparison": "not exactly one of at_least, above, at_most, below",
    "band_edges": "a band without one lower and one upper edge",
    "period_order": "an end date before the start date",
    "change_unit": "unit points for a quantity that is not a percentage",
    "parts_reading": "parts without a reading, a reading without parts, a part named twice, "
    "or a part's own threshold where it cannot be read",
    "standard_layout": "a standard with both criteria and indicators, or neither",
    "bad_scale": "a rating scale whose ratings or scores are out of order or unnamed",
    # The rules of a criteria set, which no single entry shows.
    "duplicate_id": "an id used twice",
    "id_parent": "an id that does not start with its parent's",
    "structure_count": "declared counts that do not match the file",
    "dangling_reference": "a reference to no standard, criterion or indicator",
    "duplicate_prerequisite": "a prerequisite id used twice",
    "not_in_any_rule": "an indicator that no recognition rule looks at",
    "banded_not_percent": "a banded indicator that is not a percentage",
    "banded_no_minimum": "a banded indicator without a minimum",
    "minimum_not_band_start": "a banded indicator's minimum not where level 1 starts",
    "levels_order": "levels not numbered 1, 2, 3...",
    "level_not_stricter": "a level asking less of an indicator than the level below",
    "bands_mixed": "some levels with shared edges and some without",
    "bad_attainment": "a level reached that is not a whole number from 0 to the standard's top",
    "duplicate_attribute": "a unit attribute declared twice",
    "unknown_attribute": "a unit attribute the set does not declare",
    "by_level_missing": "a banded indicator without its own threshold for some level",
    "by_level_not_banded": "a threshold per level on an indicator no level looks at",
    "empty_band": "a band no value can reach",
    "band_gap": "a band that does not follow on from the one before",
    "band_top": "the highest band does not end at at_most: 100",
    "no_default_title": "no title of kind default",
    "duplicate_title": "two titles for the same kind of unit",
    "unknown_scale": "a rated indicator names a scale the set does not have",
    "unknown_rating": "a rated indicator counts from a rating its scale does not have",
    "if_none_minimum": "if_none on an indicator without a minimum above 0",
    "banded_if_none": "if_none on a banded indicator",
    "pooled_rates": "rates (quantity percent) read as pooled",
    "second_rollup": "a second indicator computed from sub-units",
    # Naming and combining sets.
    "not_criteria": "a file that is not a criteria set",
    "wrong_kind": "a hoctap file of another kind (an assessment given to check...)",
    "not_a_form": "a form whose layout was changed, or not a hoctap form",
    "unknown_agency": "an agency the set and the report request do not name",
    "whole_and_parts": "a form giving an indicator both as a whole and part by part",
    "overlay_key": "a key an overlay cannot have or replace",
    "overlay_base": "the set an overlay extends cannot be loaded",
    "overlay_cycle": "overlays that extend each other",
    "overlay_indicator": "an overlay names an indicator the base set does not have",
    # Assessments.
    "not_a_mapping": "not a mapping where one is expected",
    "no_criteria": "an assessment that names no criteria set",
    "bad_criteria": "the criteria set an assessment names cannot be loaded",
    "no_unit": "an assessment without the unit's name",
    "bad_period": "a period that is not a year or text",
    "bad_kind": "a kind of unit the set has no title for",
    "unknown_indicator": "an indicator id the set does not have",
    "not_attested": "not true/false or đạt/không đạt",
    "negative": "a negative number",
    "not_whole": "not a whole number",
    "zero_total": "a total of 0",
    "count_above_total": "a count above its total",
    "totals_differ": "counts by level with different totals",
    "not_applicable": "a value for an indicator the unit is not judged on",
    "no_set_in_force": "no criteria set in force for a tier and year (or more than one)",
    "unknown_tier": "a tier the registry of sets does not have",
    "overlapping_sets": "two sets of the registry for one tier, year and locality",
    "list_not_in_force": "a locality's unit list used for a year it does not hold for",
    "bad_change": "a change not written {previous: ..., current: ...}",
    "relative_from_zero": "a relative change from 0",
    "not_counted": "a list of units for an indicator that does not count units",
    "not_a_list": "not a list where one is expected",
    "duplicate_unit": "the same unit twice in one list",
    "score_range": "a score outside the rating scale",
    "bad_rating": "a rating the scale does not have",
    "rating_score_disagree": "a rating that is not the one its score gives",
    "parts_needed": "one figure for an indicator judged part by part",
    "unknown_part": "a part the indicator does not have, or a part given twice",
    "pooled_needs_counts": "a pooled part given as a percentage, not counts",
    "not_a_unit": "a unit that is not one of the locality's",
    "no_rollup": "sub-units for a set that computes nothing from them",
    "rolled_up_twice": "an indicator computed from sub-units and also given",
    "wrong_set": "a sub-unit's assessment under a set other than the one the city names",
    "period_mismatch": "a sub-unit's assessment of another period",
    "no_units": "a list of a locality's units that is empty or missing",
    "bad_assessment": "a district's assessment file that cannot be read or used",
}
"""Every problem's stable ``code``, with what it means: a program can tell problems apart
by it, the way jsonschema's errors name their validator. ``docs/errors.md`` lists them."""


@dataclass(frozen=True, slots=True)
class Message:
    """A sentence in Vietnamese (the legal language) and in English.

    >>> print(Message("phải từ 0 đến 100", "must be between 0 and 100"))
    phải từ 0 đến 100 / must be between 0 and 100
    """

    vi: str
    en: str

    def render(self, lang: Lang = "both") -> str:
        """The message in one language, or both joined by ``/``."""
        if lang == "vi":
            return self.vi
        if lang == "en":
            return self.en
        return f"{self.vi} / {self.en}"

    def __str__(self) -> str:
        return self.render()


_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


_INVISIBLE = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def invisible(text: str, allow: str = "") -> bool:
    r"""Whether text holds characters that do not belong in a line of output.

    Control characters (C0, DEL, C1), format characters such as the bidirectional
    overrides, line and paragraph separators, and lone surrogates; the zero-width
    joiners that some scripts need, and the characters in ``allow``, are let through.

    >>> invisible("Quận Lê Chân"), invisible("Lê\nChân"), invisible("Lê\nChân", allow="\n")
    (False, True, False)
    """
    return not text.isprintable() and any(_unprintable(c) and c not in allow for c in text)


def _unprintable(char: str) -> bool:
    return unicodedata.category(char) in _INVISIBLE and char not in "\u200c\u200d"


def fold(text: str) -> str:
    """Text as names are compared: the same letters in any Unicode form (NFC, NFD) or case.

    >>> fold("QUA\u0302\u0323N") == fold("quận")
    True
    """
    return unicodedata.normalize("NFC", text).casefold()


def printable(text: str) -> str:
    r"""Text made safe for one line of a terminal: invisible characters shown as escapes.

    >>> printable("Quận Lê Chân\nKết quả: mức 3\x1b[31m")
    'Quận Lê Chân\\nKết quả: mức 3\\x1b[31m'
    """
    if text.isprintable():
        return text
    return "".join(_escape(c) if _unprintable(c) else c for c in text)


def _escape(char: str) -> str:
    if char in _ESCAPES:
        return _ESCAPES[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def format_path(path: DataPath) -> str:
    """Write a path into a YAML or JSON document the way the error lines show it.

    >>> format_path(("standards", 1, "criteria", 0, "id"))
    'standards[1].criteria[0].id'
    >>> format_path(("values", "2.1.1", "count"))
    'values["2.1.1"].count'
    >>> format_path(())
    '(top level)'
    """
    out: list[str] = []
    for item in path:
        if isinstance(item, int):
            out.append(f"[{item}]")
        elif item.isidentifier():
            out.append(f".{item}" if out else item)
        else:
            out.append(f'["{item}"]')
    return "".join(out) or "(top level)"


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem found in a file or an input, with where it is.

    ``line`` and ``column`` count from 1; they are 0 when the input had no file
    positions (a Python mapping).

    >>> p = Problem("district.yaml", 3, 5, ("id",), Message("thiếu", "missing"), "missing")
    >>> print(p.render("en"))
    district.yaml:3:5: id: missing
    """

    source: str
    line: int
    column: int
    path: DataPath
    message: Message
    code: str
    """What kind of problem it is, one of `CODES`: stable, for programs."""

    def __post_init__(self) -> None:
        if self.code not in CODES:
            msg = f"unknown problem code {self.code!r}"
            raise ValueError(msg)

    def render(self, lang: Lang = "both") -> str:
        """The problem as one line: ``file:line:col: yaml.path: message``.

        Whatever the input put in it, the line stays one printable line (see `printable`).
        """
        where = f"{self.source}:{self.line}:{self.column}" if self.line else self.source
        return printable(f"{where}: {format_path(self.path)}: {self.message.render(lang)}")

    def __str__(self) -> str:
        return self.render()


class HoctapError(Exception):
    """Base of every error hoctap raises; each carries one or more problems."""

    def __init__(self, problems: tuple[Problem, ...] | list[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(p.render() for p in self.problems))

    def __reduce__(self) -> tuple[type[HoctapError], tuple[tuple[Problem, ...]]]:
        # So an error crosses a process boundary (multiprocessing) whole.
        return (type(self), (self.problems,))

    @property
    def codes(self) -> tuple[str, ...]:
        """The code of each problem, in order."""
        return tuple(p.code for p in self.problems)

    def render(self, lang: Lang = "both") -> str:
        """All problems, one line each."""
        return "\n".join(p.render(lang) for p in self.problems)


class SpecError(HoctapError):
    """A criteria file is not valid: it cannot be used to judge anything."""


class InputError(HoctapError):
    """An assessment (the measured values of a unit) is not valid input."""
