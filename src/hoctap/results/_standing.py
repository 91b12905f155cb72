"""A unit's recognition over time: what it still holds, and what this year's result is.

The law in force keeps a recognition for the 3 years (36 months) after the year it was
granted (Thông tư 25/2023 Điều 5, 10, 15 khoản 4; Thông tư 24/2023 Điều 5, 11 khoản 4),
and a unit recognised at level 1 may ask for level 2 after at least 1 year (12 months)
from the decision (Thông tư 24/2023 Điều 5 khoản 3, 11 khoản 3, verbatim; Thông tư 25's
own clauses are missing from the source, read the same: docs/interpretations.md). Given
the unit's past decisions (``history``), a result is a first recognition, a renewal, an
upgrade, or an upgrade asked too early: "đạt tiêu chí mức độ 2; được đề nghị từ ngày
20/03/2025", never a silent level 2.

Pure: the decisions and the day of the request come from the assessment.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, NamedTuple

from hoctap.errors import Message

if TYPE_CHECKING:
    import datetime as dt

    from hoctap.engine._assessment import Assessment
    from hoctap.engine._details import PastRecognition

__all__ = ["KEPT_YEARS", "Standing", "standing"]

KEPT_YEARS = 3
"""How many years after the year it was granted a recognition is kept (khoản 4)."""

Kind = Literal["first", "renewal", "upgrade", "too_early", "lower", "none"]


class Standing(NamedTuple):
    """What the unit holds in the assessed year, and what this year's result is for it."""

    kind: Kind
    """``first`` (no recognition kept), ``renewal`` (the level it holds), ``upgrade`` (a
    higher one, asked in time), ``too_early`` (a higher one asked within 12 months of the
    decision it holds), ``lower`` (below the level it holds), ``none`` (not recognised)."""
    held: PastRecognition | None
    """The recognition it still holds that year, if any."""
    held_until: int | None
    """The last year that recognition is kept."""
    may_request_from: dt.date | None
    """From when it may ask for the next level, where that matters."""
    words: Message


def _year_later(day: dt.date) -> dt.date:
    """The same day a year later (28/02 for 29/02): "ít nhất 1 năm (12 tháng)"."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def _date(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"


def standing(assessment: Assessment, level: int | None, *, recognised: bool) -> Standing | None:
    """The unit's standing for its assessed year, from its history; None without one.

    ``level`` is the level this year's criteria give (0 or None when not recognised).
    """
    history = assessment.history
    if not history:
        return None
    year = assessment.year
    held = None
    if year is not None:
        kept = [h for h in history if h.date.year <= year <= h.date.year + KEPT_YEARS]
        held = kept[-1] if kept else None
    until = held.date.year + KEPT_YEARS if held is not None else None
    keeps = (
        Message(
            f"đang giữ mức độ {held.level} ({_decision(held, 'vi')}), bảo lưu đến hết năm {until}",
            f"holds level {held.level} ({_decision(held, 'en')}), kept to the end of {until}",
        )
        if held is not None and until is not None
        else Message("không còn công nhận nào được bảo lưu", "no recognition is kept any longer")
    )
    kind, since, words = _this_year(assessment, held, level if recognised else None, keeps)
    return Standing(kind, held, until, since, words)


def _this_year(
    assessment: Assessment, held: PastRecognition | None, level: int | None, keeps: Message
) -> tuple[Kind, dt.date | None, Message]:
    """What this year's result is, given the recognition held: (kind, from when, words)."""
    if not level:
        return "none", None, keeps
    if held is None:
        first = (
            "công nhận lần đầu hoặc công nhận lại",
            "a first recognition, or one after the last lapsed",
        )
        return "first", None, _joined(keeps, *first)
    if level == held.level:
        return (
            "renewal",
            None,
            _joined(keeps, f"công nhận lại mức độ {level}", f"level {level} recognised again"),
        )
    if level < held.level:
        return (
            "lower",
            None,
            _joined(
                keeps,
                f"năm nay chỉ đạt tiêu chí mức độ {level}",
                f"this year meets level {level}'s criteria only",
            ),
        )
    since = _year_later(held.date)
    asked = assessment.requested_on
    if asked is not None and asked < since:
        return (
            "too_early",
            since,
            Message(
                f"đạt tiêu chí mức độ {level}, nhưng chỉ được đề nghị công nhận nâng mức từ ngày "
                f"{_date(since)}, sau ít nhất 1 năm (12 tháng) kể từ quyết định công nhận mức độ "
                f"{held.level} ({_decision(held, 'vi')}); hồ sơ đề nghị ngày {_date(asked)} là "
                "quá sớm",
                f"meets level {level}'s criteria, but may ask to move up only from "
                f"{_date(since)}, at least 1 year (12 months) after the decision recognising "
                f"level {held.level} ({_decision(held, 'en')}); a request on {_date(asked)} is "
                "too early",
            ),
        )
    when = (
        Message(f"đề nghị ngày {_date(asked)}", f"asked on {_date(asked)}")
        if asked is not None
        else Message("chưa biết ngày đề nghị", "the day of the request is not known")
    )
    return (
        "upgrade",
        since,
        _joined(
            keeps,
            f"công nhận nâng mức độ {held.level} → {level}, được đề nghị từ ngày {_date(since)} "
            f"({when.vi})",
            f"moves up from level {held.level} to {level}, which may be asked from "
            f"{_date(since)} ({when.en})",
        ),
    )


def _decision(held: PastRecognition, lang: str) -> str:
    number = f"{held.decision}, " if held.decision else ""
    return f"{number}{'ngày' if lang == 'vi' else 'of'} {_date(held.date)}"


def _joined(first: Message, vi: str, en: str) -> Message:
    return Message(f"{first.vi}; {vi}", f"{first.en}; {en}")
