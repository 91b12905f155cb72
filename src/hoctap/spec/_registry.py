"""Which set is in force for a tier and a year: the registry of sets (`criteria/registry.yaml`).

Each tier of unit (cấp xã, cấp huyện, a centrally-run city, cấp tỉnh, and the agencies and
schools of each) has, for each assessment year, at most one set in force for a locality:
the 2022 pilot's sets for the pilot localities in 2022, Thông tư 25/2023 and 24/2023 from
2024. A tier may end (the district tier on 1/7/2025), and a year may have no set hoctap
holds (2023: the Circulars the law in force replaced). `Registry.choose` picks the set,
or refuses in words that name what exists instead and why.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import TYPE_CHECKING

from pydantic import Field, StrictInt, model_validator

from hoctap.errors import Message, fold
from hoctap.spec._fields import Bilingual, Date, Frozen, Text, check_failed

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["Deadline", "Registry", "RegistryEntry", "Tier", "Years"]


class Years(Frozen):
    """The assessment years a set covers (the year whose data is assessed), both included."""

    start: StrictInt = Field(ge=2000, le=2100)
    end: StrictInt | None = Field(default=None, ge=2000, le=2100)
    """Empty while the set is still in force."""

    @model_validator(mode="after")
    def _ordered(self) -> Years:
        if self.end is not None and self.end < self.start:
            raise check_failed(
                "period_order",
                "năm cuối trước năm đầu",
                "the last year is before the first",
                at="end",
            )
        return self

    def __contains__(self, year: object) -> bool:
        return isinstance(year, int) and self.start <= year <= (self.end or 9999)

    def words(self) -> str:
        """``2022``, ``2024–2025``, ``2024–`` as printed."""
        if self.end == self.start:
            return str(self.start)
        return f"{self.start}–{self.end or ''}"


class Tier(Frozen):
    """A tier of unit: what it is called, the kinds of unit in it, and whether it ended."""

    id: Text
    """As a registry entry and an assessment's ``tier:`` write it: ``commune``."""
    name: Bilingual
    """"cấp xã" / "commune level"."""
    kinds: tuple[Text, ...] = ()
    """The kinds of unit an assessment's ``kind`` names for it (xã, phường, thị trấn)."""
    until: Date | None = None
    """The last day the tier existed, if it has ended."""
    ended: Bilingual | None = None
    """Why it ended, and the source of that (or that none is at hand)."""

    def covers(self, year: int) -> bool:
        """Whether the tier existed for the whole of ``year`` (its data window, 1/1 to 31/12).

        A tier that ended during a year has no unit to assess for it: the district tier,
        gone on 1/7/2025, serves 2024 and not 2025.
        """
        if self.until is None:
            return True
        return year < self.until.year or self.until == dt.date(year, 12, 31)

    @model_validator(mode="after")
    def _ended_with_reason(self) -> Tier:
        if (self.until is None) != (self.ended is None):
            raise check_failed(
                "missing",
                "until và ended đi cùng nhau: ngày cấp này kết thúc và lý do",
                "until and ended go together: the day the tier ended and why",
                at="ended",
            )
        return self


class Deadline(Frozen):
    """Something due before a day, for an assessed year: who sends what to whom, by when.

    "gửi hồ sơ ... trước ngày 28 tháng 02 của năm sau liền kề năm đánh giá" is ``before:
    02-28``, ``year_after: 1``.
    """

    id: Text
    """``dossier`` (the request for recognition: its day is the one level 2 is asked on),
    ``decision``, ``report``..."""
    before: Text = Field(pattern=r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")
    """Month and day, ``02-28``: due strictly before it."""
    year_after: StrictInt = Field(default=1, ge=0, le=1)
    """1: of the year after the assessed year; 0: of the assessed year itself."""
    what: Bilingual
    """Who sends what to whom."""
    clause: Text
    receiver_until: Date | None = None
    """The last day the body it goes to existed, if it is gone (Phòng Giáo dục và Đào tạo)."""
    receiver_gone: Bilingual | None = None
    """What is known of that, and that no source names a successor."""

    def due(self, year: int) -> dt.date:
        """The day it is due before, for an assessment of ``year``."""
        month, day = (int(x) for x in self.before.split("-"))
        return dt.date(year + self.year_after, month, day)

    def last_day(self, year: int) -> dt.date:
        """The last day it may be done for an assessment of ``year``: the day before."""
        return self.due(year) - dt.timedelta(days=1)

    def words(self, year: int, *, late: bool = False, done: bool = False) -> Message:
        """``trước 28/02/2025: ... (clause)``, and ``; đã xong`` or ``; đã quá hạn``."""
        day = self.due(year)
        vi = "; đã xong" if done else "; đã quá hạn" if late else ""
        en = "; done" if done else "; overdue" if late else ""
        return Message(
            f"trước {day:%d/%m/%Y}: {self.what.vi} ({self.clause}){vi}",
            f"before {day:%d/%m/%Y}: {self.what.en} ({self.clause}){en}",
        )

    def receiver_gone_by(self, year: int) -> bool:
        """Whether the body it goes to no longer exists when it is due."""
        return self.receiver_until is not None and self.due(year) > self.receiver_until


class RegistryEntry(Frozen):
    """One set in the registry: its tier, the years it covers, where, and its lineage."""

    set: Text
    """A bundled set's name: ``tt25-commune``."""
    tier: Text
    years: Years
    localities: tuple[Text, ...] = ()
    """The localities it is for (a pilot's); none: every locality."""
    replaces: tuple[Text, ...] = ()
    """What it replaced: a set's name, or a document hoctap does not hold."""
    replaced_by: tuple[Text, ...] = ()
    reading: Bilingual | None = None
    """How the years were read from the text, with its source."""
    due: tuple[Deadline, ...] = ()
    """The calendar: what is due when, for each assessed year, where the text says."""

    def deadline(self, deadline_id: str) -> Deadline | None:
        """The deadline with this id (``dossier``), or None."""
        return next((d for d in self.due if d.id == deadline_id), None)

    def serves(self, tier: str, year: int, locality: str | None) -> bool:
        """Whether it is the set for a unit of ``tier`` in ``year`` (and ``locality``)."""
        if self.tier != tier or year not in self.years:
            return False
        return not self.localities or locality is None or locality in self.localities


class Registry(Frozen):
    """The tiers, and the sets in force for each, by assessment year."""

    tiers: tuple[Tier, ...] = Field(min_length=1)
    sets: tuple[RegistryEntry, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _one_set_per_tier_and_year(self) -> Registry:
        known = {t.id for t in self.tiers}
        for n, entry in enumerate(self.sets):
            if entry.tier not in known:
                raise check_failed(
                    "unknown_tier",
                    f"không có cấp '{entry.tier}' (có: {', '.join(sorted(known))})",
                    f"there is no tier '{entry.tier}' (there are: {', '.join(sorted(known))})",
                    at=f"sets.{n}.tier",
                )
        for (i, a), (j, b) in itertools.combinations(enumerate(self.sets), 2):
            same_place = (
                not a.localities or not b.localities or set(a.localities) & set(b.localities)
            )
            years = set(range(a.years.start, (a.years.end or 2100) + 1))
            if a.tier == b.tier and same_place and any(y in b.years for y in years):
                raise check_failed(
                    "overlapping_sets",
                    f"'{a.set}' (mục {i + 1}) và '{b.set}' cùng áp dụng cho một cấp, một năm, "
                    "một địa phương: mỗi đơn vị chỉ có một bộ tiêu chí",
                    f"'{a.set}' (entry {i + 1}) and '{b.set}' both apply to one tier, year "
                    "and locality: a unit has one set",
                    at=f"sets.{j}",
                )
        return self

    def entry(self, set_id: str) -> RegistryEntry | None:
        """The entry of a set, or None for a set the registry does not list."""
        return next((e for e in self.sets if e.set == set_id), None)

    def tier(self, tier_id: str) -> Tier | None:
        """The tier with this id, or None."""
        return next((t for t in self.tiers if t.id == tier_id), None)

    def known(self, tier_id: str) -> Tier | Message:
        """The tier with this id; else which tiers there are."""
        found = self.tier(tier_id)
        if found is not None:
            return found
        names = ", ".join(t.id for t in self.tiers)
        return Message(
            f"không có cấp '{tier_id}' (có: {names})",
            f"there is no tier '{tier_id}' (there are: {names})",
        )

    def tiers_of_kind(self, kind: str) -> tuple[Tier, ...]:
        """The tiers whose units an assessment's ``kind`` (``xã``, ``huyện``) can name."""
        wanted = fold(kind).strip()
        return tuple(t for t in self.tiers if wanted in {fold(k) for k in t.kinds})

    def entries(
        self, tier: str | None = None, year: int | None = None
    ) -> tuple[RegistryEntry, ...]:
        """The entries of a tier, or covering a year, or all, in the registry's order."""
        return tuple(
            e
            for e in self.sets
            if (tier is None or e.tier == tier) and (year is None or year in e.years)
        )

    def choose(self, tier: str, year: int, locality: str | None = None) -> RegistryEntry | Message:
        """The one set for a unit of ``tier`` assessed for ``year``; else why there is none.

        >>> from hoctap.files._loading import registry
        >>> registry().choose("commune", 2025).set
        'tt25-commune'
        >>> print(registry().choose("district", 2026).en)  # doctest: +ELLIPSIS
        there is no district level in 2026: ...
        """
        found = self.known(tier)
        if isinstance(found, Message):
            return found
        if found.ended is not None and not found.covers(year):
            return Message(
                f"không còn {found.name.vi} năm {year}: {found.ended.vi}",
                f"there is no {found.name.en} in {year}: {found.ended.en}",
            )
        serving = [e for e in self.sets if e.serves(tier, year, locality)]
        if len(serving) == 1:
            return serving[0]
        listed = _listed(self.entries(tier))
        if not serving:
            return Message(
                f"không có bộ tiêu chí {found.name.vi} cho năm {year}"
                + (f" ở {locality}" if locality else "")
                + f"; có: {listed.vi}",
                f"no {found.name.en} criteria set for {year}"
                + (f" in {locality}" if locality else "")
                + f"; there are: {listed.en}",
            )
        which = _listed(serving)
        return Message(
            f"năm {year} có nhiều bộ tiêu chí {found.name.vi}, mỗi bộ cho một địa phương: "
            f"{which.vi}; ghi locality (địa phương) hoặc criteria (tên bộ)",
            f"{year} has more than one {found.name.en} criteria set, one per locality: "
            f"{which.en}; give the locality or the criteria set",
        )


def _listed(entries: Iterable[RegistryEntry]) -> Message:
    """The entries as a list in words: ``district-haiphong 2022 (hai-phong)``."""
    items = [
        f"{e.set} {e.years.words()}"
        + (f" ({', '.join(e.localities)})" if e.localities else "")
        + (f" → {', '.join(e.replaced_by)}" if e.replaced_by else "")
        for e in entries
    ]
    return Message("; ".join(items) or "—", "; ".join(items) or "—")
