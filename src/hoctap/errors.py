"""Every error hoctap raises, and the located, bilingual problems they carry.

Three kinds of "no" are kept apart: a bad criteria file (`SpecError`), bad assessment
input (`InputError`), and an indicator that is not met or a unit that is not recognised,
which are results, never exceptions. Both exceptions derive from `HoctapError`, so a
caller can catch everything at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Lang = Literal["vi", "en", "both"]
PathItem = str | int
Path = tuple[PathItem, ...]

__all__ = [
    "HoctapError",
    "InputError",
    "Lang",
    "Message",
    "Problem",
    "SpecError",
    "format_path",
]


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


def format_path(path: Path) -> str:
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

    >>> p = Problem("district.yaml", 3, 5, ("id",), Message("thiếu", "missing"))
    >>> print(p.render("en"))
    district.yaml:3:5: id: missing
    """

    source: str
    line: int
    column: int
    path: Path
    message: Message

    def render(self, lang: Lang = "both") -> str:
        """The problem as one line: ``file:line:col: yaml.path: message``."""
        where = f"{self.source}:{self.line}:{self.column}" if self.line else self.source
        return f"{where}: {format_path(self.path)}: {self.message.render(lang)}"

    def __str__(self) -> str:
        return self.render()


class HoctapError(Exception):
    """Base of every error hoctap raises; each carries one or more problems."""

    def __init__(self, problems: tuple[Problem, ...] | list[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(p.render() for p in self.problems))

    def render(self, lang: Lang = "both") -> str:
        """All problems, one line each."""
        return "\n".join(p.render(lang) for p in self.problems)


class SpecError(HoctapError):
    """A criteria file is not valid: it cannot be used to judge anything."""


class InputError(HoctapError):
    """An assessment (the measured values of a unit) is not valid input."""
