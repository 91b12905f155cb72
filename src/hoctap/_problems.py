"""The one problem collector every reader of input adds its problems to.

A reader finds problems at paths relative to what it reads (``("count",)``); where that
sits in its document, and the document's file and lines, are added here and nowhere
else, the way python-jsonschema adds an error's location as it climbs out of a
sub-schema. A reader of a part of a document is handed ``problems.at("units", 3)``: the
same list, a longer prefix.

>>> problems = Problems("city.yaml")
>>> problems.at("units", 0).add(("values", "2.1.1"), "missing", "thiếu", "missing")
>>> print(problems.items[0].render("en"))
city.yaml: units[0].values["2.1.1"]: missing
>>> problems.check()
Traceback (most recent call last):
...
hoctap.errors.InputError: city.yaml: units[0].values["2.1.1"]: thiếu / missing
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from hoctap.errors import HoctapError, InputError, Message, Problem

if TYPE_CHECKING:
    from collections.abc import Iterable

    from hoctap.errors import DataPath, PathItem

__all__ = ["Locator", "Problems"]


class Locator(Protocol):
    """What knows the lines of a document (`hoctap.files._yaml.Document`)."""

    def problem(
        self, path: DataPath, message: Message, code: str, *, key: bool = False
    ) -> Problem: ...


class Problems:
    """The problems of one input, each located in its source.

    ``source`` names the input; ``doc``, when it was parsed from a file, places each
    problem on its line; ``prefix`` is where this reader's part sits in the document.
    Every view made by `at` shares the one list ``items``.
    """

    __slots__ = ("doc", "items", "prefix", "source")

    def __init__(
        self,
        source: str,
        doc: Locator | None = None,
        prefix: DataPath = (),
        items: list[Problem] | None = None,
    ) -> None:
        self.source = source
        self.doc = doc
        self.prefix = prefix
        self.items: list[Problem] = [] if items is None else items

    def at(self, *path: PathItem) -> Problems:
        """The same collector for the part of the document at ``path`` (relative)."""
        return Problems(self.source, self.doc, (*self.prefix, *path), self.items)

    def separate(self, *path: PathItem) -> Problems:
        """A collector of its own for the part at ``path``.

        For a part read on its own, whose failure the reader catches and then `extend`s
        this collector with.
        """
        return Problems(self.source, self.doc, (*self.prefix, *path))

    def within(self, place: str) -> Problems:
        """The same collector for a place in the source that has no lines (a sheet's cell)."""
        return Problems(f"{self.source}, {place}", None, self.prefix, self.items)

    def add(self, path: DataPath, code: str, vi: str, en: str, *, key: bool = False) -> None:
        """Record a problem at ``path``; ``key`` points at the mapping key, not its value."""
        full = (*self.prefix, *path)
        message = Message(vi, en)
        if self.doc is not None:
            self.items.append(self.doc.problem(full, message, code, key=key))
        else:
            self.items.append(Problem(self.source, 0, 0, full, message, code))

    def refused(
        self,
        path: DataPath,
        code: str,
        vi: str,
        en: str,
        *,
        error: type[HoctapError] = InputError,
    ) -> HoctapError:
        """The error to raise now for one problem at ``path``, after those recorded.

        >>> raise Problems("--on").refused((), "bad_date", "ngày sai", "not a date")
        Traceback (most recent call last):
        ...
        hoctap.errors.InputError: --on: (top level): ngày sai / not a date
        """
        self.add(path, code, vi, en)
        return error(self.items)

    def extend(self, problems: Iterable[Problem]) -> None:
        """Record problems already located (another file's, read on this one's behalf)."""
        self.items.extend(problems)

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def check(self, error: type[HoctapError] = InputError) -> None:
        """Raise ``error`` with every problem recorded so far, if there is any."""
        if self.items:
            raise error(self.items)
