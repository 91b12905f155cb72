"""A city or province judged on its districts: each one's evaluation, counted into 2.1.2.

City and province 2.1.2 ("Tối thiểu 70% quận/huyện được công nhận là quận/huyện học
tập") is the share of the locality's district-level units recognised at any level. With
the districts' own assessments at hand, hoctap judges each under the district set the
city's set names (``rollup.criteria``), and counts: a recognised district counts; one
not recognised does not; one without an assessment, or whose evaluation is incomplete,
counts as the set's ``rollup.unassessed`` reading says (not recognised, or unknown).

Pure: the evaluations are made by the caller (`hoctap.api` reads the files).
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Literal

from hoctap._words import VOCABULARY
from hoctap.engine._details import SubUnit, UnitValue
from hoctap.errors import Message

if TYPE_CHECKING:
    from hoctap.results.evaluation import Evaluation

__all__ = ["left_out", "sub_unit"]


def sub_unit(
    name: str,
    kind: str | None,
    evaluation: Evaluation | None,
    unassessed: Literal["not_recognised", "unknown"],
) -> SubUnit:
    """One district as the city's 2.1.2 counts it, with its result in words.

    ``closeness`` orders the districts not (yet) counted for the city's blocker: fewest
    indicators standing in the way first (the blockers of its own evaluation).

    >>> from hoctap import evaluate
    >>> ev = evaluate("district", {"1.1.1": False}, unit="Huyện An Lão")
    >>> print(sub_unit("Huyện An Lão", "huyện", ev, "not_recognised").value.words.en)
    not recognised: 1 indicator not met (1.1.1)
    >>> print(sub_unit("Huyện Tiên Lãng", "huyện", None, "not_recognised").value.words.vi)
    chưa được đánh giá, tính là chưa được công nhận
    """
    if evaluation is None:
        words = {
            "not_recognised": Message(
                "chưa được đánh giá, tính là chưa được công nhận",
                "not assessed, counted as not recognised",
            ),
            "unknown": Message("chưa được đánh giá, chưa rõ", "not assessed, unknown"),
        }[unassessed]
        known = None if unassessed == "unknown" else False
        return SubUnit(name, kind, None, UnitValue(name, known, words))
    if evaluation.status == "recognised":
        title = evaluation.title
        words = Message(title.vi, title.en) if title is not None else VOCABULARY["met"]
        return SubUnit(name, kind, evaluation, UnitValue(name, counted=True, words=words))
    ids = ", ".join(evaluation.decided_by)
    n = len(evaluation.decided_by)
    said = evaluation.criteria.indicator_word  # "chỉ tiêu" under the law in force
    if evaluation.status == "not_recognised":
        words = Message(
            f"không được công nhận: {n} {said} chưa đạt ({ids})",
            f"not recognised: {n} indicator{'s' if n != 1 else ''} not met ({ids})",
        )
        counted: bool | None = False
    else:
        words = Message(
            f"chưa đủ số liệu: thiếu {n} {said} ({ids})",
            f"incomplete: {n} indicator{'s' if n != 1 else ''} without data ({ids})",
        )
        counted = None if unassessed == "unknown" else False
    return SubUnit(name, kind, evaluation, UnitValue(name, counted, words, Fraction(-n)))


def left_out(name: str, kind: str | None, evaluation: Evaluation, reason: Message) -> SubUnit:
    """A unit the locality leaves out of the share (``not_counted``), shown with its reason.

    Its own evaluation is kept and shown; it is neither counted nor in the total, and
    never proposed as the closest to counting.

    >>> from hoctap import evaluate
    >>> ev = evaluate("district", {}, unit="Huyện Bạch Long Vĩ")
    >>> u = left_out("Huyện Bạch Long Vĩ", "huyện", ev, Message("huyện đảo", "an island"))
    >>> u.in_total, u.value.counted, u.value.words.en
    (False, False, 'not counted in the total: an island')
    """
    words = Message(f"không tính vào mẫu số: {reason.vi}", f"not counted in the total: {reason.en}")
    return SubUnit(
        name, kind, evaluation, UnitValue(name, counted=False, words=words), in_total=False
    )
