"""A locality's district-level units, and a locality's request for reports.

Data beside the criteria sets (``criteria/localities/``, ``criteria/requests/``): who
counts in a city's 2.1.2, and who reports which indicator to whom by when.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from hoctap.errors import fold
from hoctap.spec._fields import Bilingual, Date, Frozen, IndicatorId, Text, check_failed

__all__ = [
    "Alias",
    "Duty",
    "LocalUnit",
    "Locality",
    "NotCounted",
    "Pilot",
    "ReportRequest",
    "Worded",
]


class LocalUnit(Frozen):
    """One district-level unit of a locality."""

    name: Text
    """As an assessment names it: ``Quận Lê Chân``."""
    kind: Text
    """``quận``, ``huyện``, ``thị xã`` or ``thành phố``."""


class NotCounted(LocalUnit):
    """A unit of the locality left out of the denominator, with the reading that leaves it out."""

    reason: Bilingual


class Pilot(Frozen):
    """The units that took part in a pilot, with the clause that names them."""

    source: Text
    units: tuple[Text, ...] = Field(min_length=1)


class Locality(Frozen):
    """A city's or province's district-level units: the denominator of its 2.1.2.

    >>> from hoctap import locality
    >>> hp = locality("hai-phong")
    >>> len(hp.units), hp.pilot.units[1], hp.not_counted[0].name
    (14, 'Quận Lê Chân', 'Huyện Bạch Long Vĩ')
    """

    id: Text
    name: Bilingual
    criteria: Literal["city", "province"]
    """The kind of set the locality is judged under."""
    units_source: Bilingual
    """Where the list of units comes from, or that no source at hand gives it."""
    units: tuple[LocalUnit, ...] = Field(min_length=1)
    """Every unit that counts in the denominator."""
    not_counted: tuple[NotCounted, ...] = ()
    pilot: Pilot | None = None
    valid_from: Date | None = None
    """The first day the list holds (left out: since before any year hoctap judges)."""
    valid_until: Date | None = None
    """The last day the list holds, if it no longer does (the district level, gone on
    01/7/2025): a roll-up of a later year is refused, with ``ended``."""
    ended: Bilingual | None = None
    """Why the list no longer holds, and what is (or is not) known of what came after."""
    successor: Text | None = None
    """The bundled list that replaced it, if one is in a source at hand."""

    def covers(self, year: int) -> bool:
        """Whether the list holds for the whole of ``year`` (its data window)."""
        if self.valid_from is not None and self.valid_from > dt.date(year, 1, 1):
            return False
        return self.valid_until is None or self.valid_until >= dt.date(year, 12, 31)

    @model_validator(mode="after")
    def _names(self) -> Locality:
        names = [fold(u.name) for u in (*self.units, *self.not_counted)]
        twice = sorted({n for n in names if names.count(n) > 1})
        if twice:
            raise check_failed(
                "duplicate_unit",
                f"đơn vị được ghi hai lần: {', '.join(twice)}",
                f"a unit is listed twice: {', '.join(twice)}",
            )
        unknown = [n for n in (self.pilot.units if self.pilot else ()) if fold(n) not in names]
        if unknown:
            raise check_failed(
                "not_a_unit",
                f"đơn vị thí điểm không có trong danh sách: {', '.join(unknown)}",
                f"a pilot unit is not in the list: {', '.join(unknown)}",
            )
        return self

    def unit(self, name: str) -> LocalUnit | None:
        """The unit of that name (in any case or Unicode form), counted or not, or None."""
        wanted = fold(name)
        return next((u for u in (*self.units, *self.not_counted) if fold(u.name) == wanted), None)


class Worded(Frozen):
    """A clause and what it says, in both languages."""

    clause: Text
    vi: Text
    en: Text


class Duty(Frozen):
    """An agency's duty to report some indicators."""

    agency: Text
    indicators: tuple[IndicatorId, ...] = Field(min_length=1)
    clause: Text


class Alias(Frozen):
    """Two names the sources give one agency, and the one used for it."""

    name: Text
    same_as: Text
    note: Bilingual


class ReportRequest(Frozen):
    """Who reports which indicators of a set, to whom, by when (a locality's request).

    >>> from hoctap import report_request
    >>> r = report_request("hai-phong-2022")
    >>> r.before.isoformat(), r.duties[0].indicators
    ('2022-12-15', ('1.2.1', '1.2.2', '2.1.2', '3.2.1', '3.2.3'))
    """

    id: Text
    title: Bilingual
    source: Text
    criteria: Text
    """The set whose indicators are reported (by name)."""
    to: Text
    """Who the reports go to."""
    to_agency: Text | None = None
    """That receiver as the set names agencies (``Sở Giáo dục và Đào tạo``): it gathers
    the reports, so it owes none of the indicators it leads to itself."""
    before: Date
    """Reports are due before this day: from it on, a missing one is overdue."""
    deadline: Worded
    """Where the deadline is written, and how hoctap reads it."""
    leads_report: Worded | None = None
    """When set, each indicator's lead agency reports it too (the clause that says so)."""
    duties: tuple[Duty, ...] = ()
    aliases: tuple[Alias, ...] = ()
    """Agencies the set names in more than one way, counted as one."""

    def agency(self, name: str) -> str:
        """The name an agency goes by: its alias's ``same_as``, or the name itself."""
        wanted = fold(name)
        return next((a.same_as for a in self.aliases if fold(a.name) == wanted), name.strip())
