"""The units behind a share: each rated on the set's scale, scored, or met / not met.

``2.1.2: {units: [{name: Xã An Lư, rating: Khá}, {name: Xã Lập Lễ, score: 62}]}``: the
share is the units counted (rated at or above the set's ``counts_from``) of all listed.
Read for `hoctap.engine._kinds.share`; each unit keeps how near it is to counting, so a
shortfall can name the closest (`closest`).
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from hoctap._frozen import FrozenDict
from hoctap._words import VOCABULARY, write_number
from hoctap.engine._details import UnitValue
from hoctap.engine._kinds.kind import canonical
from hoctap.errors import Message, fold
from hoctap.spec._messages import got, got_vi
from hoctap.spec.models import Percent

if TYPE_CHECKING:
    from hoctap.engine._kinds.kind import IndicatorPlan, ValueReader
    from hoctap.errors import DataPath, Lang
    from hoctap.spec.models import RatingScale, ScaleCount

__all__ = ["closest", "read_units"]


def read_units(
    reader: ValueReader, path: DataPath, value: Mapping[Any, Any], plan: IndicatorPlan
) -> tuple[tuple[UnitValue, ...], FrozenDict[str, object]] | None:
    """Each unit of the list, read, and the list as given; None after adding the problems."""
    measure = plan.indicator.measure
    assert isinstance(measure, Percent)  # noqa: S101 - only shares have units
    if not reader.keys(path, value, ("units",)):
        return None
    items = value["units"]
    lpath = (*path, "units")
    if measure.counted is None:
        reader.problems.add(
            lpath,
            "not_counted",
            f"chỉ báo {plan.id} không đếm đơn vị nên không ghi được danh sách đơn vị; "
            "ghi một tỷ lệ phần trăm",
            f"indicator {plan.id} does not count units, so it cannot be given as a list "
            "of units; give a percentage",
        )
        return None
    if not isinstance(items, list | tuple):
        reader.problems.add(
            lpath,
            "not_a_list",
            f"phải là danh sách đơn vị (mỗi đơn vị một dòng '- name: ...'), nhận {got_vi(items)}",
            f"must be a list of units (one '- name: ...' each), got {got(items)}",
        )
        return None
    spec = reader.spec
    assert spec is not None  # noqa: S101 - set by `Reader.values`
    scale = spec.scale(measure.rated.scale) if measure.rated is not None else None
    units: list[UnitValue] = []
    given: list[object] = []
    seen: dict[str, int] = {}
    ok = True
    for index, item in enumerate(items):
        upath = (*lpath, index)
        read = _unit(reader, upath, item, scale, measure)
        if read is None:
            ok = False
            continue
        unit, record = read
        first = seen.setdefault(fold(unit.name), index)
        if first != index:
            reader.problems.add(
                (*upath, "name"),
                "duplicate_unit",
                f"đơn vị '{unit.name}' đã có trong danh sách (mục {first + 1})",
                f"the unit '{unit.name}' is already in the list (entry {first + 1})",
            )
            ok = False
            continue
        units.append(unit)
        given.append(record)
    if not ok:
        return None
    return tuple(units), FrozenDict(units=tuple(given))


def closest(units: tuple[UnitValue, ...], more: int, lang: Lang) -> str:
    """The units not yet counted that are nearest to counting, as many as are needed.

    Nearest first (highest score, or best rating); a tie keeps the order of the list.
    """
    waiting = [u for u in units if u.counted is not True and u.closeness is not None]
    waiting.sort(key=lambda u: -u.closeness)  # type: ignore[operator]
    return ", ".join(f"{u.name} ({u.words.render(lang)})" for u in waiting[: max(more, 1)])


def _unit(
    reader: ValueReader, path: DataPath, item: object, scale: RatingScale | None, measure: Percent
) -> tuple[UnitValue, FrozenDict[str, object]] | None:
    """One unit of a list: its name and rating (or score, or met / not met)."""
    if not isinstance(item, Mapping):
        reader.problems.add(
            path,
            "not_a_mapping",
            f"mỗi đơn vị phải có dạng {{name: ..., ...}}, nhận {got_vi(item)}",
            f"each unit must be {{name: ..., ...}}, got {got(item)}",
        )
        return None
    others = {o.scale: o for o in measure.rated.also} if measure.rated is not None else {}
    allowed: tuple[str, ...] = ("name", "rating", "score") if scale is not None else ("name", "met")
    allowed += ("scale",) if others else ()
    ok = reader.known_keys(path, item, allowed)
    name = reader.name((*path, "name"), item.get("name"))
    if name is None:
        if "name" not in item:
            reader.problems.add(
                path,
                "missing",
                "thiếu 'name' (tên đơn vị)",
                "'name' (the unit's name) is missing",
            )
        return None
    if not ok:
        return None
    if scale is None:
        met = reader.attested((*path, "met"), item.get("met"))
        if met is None:
            return None
        words = VOCABULARY["met" if met[0] else "not_met"]
        return UnitValue(name, bool(met[0]), words), FrozenDict(name=name, met=met[1])
    return _on_its_scale(reader, path, item, name, scale, measure)


def _on_its_scale(  # noqa: PLR0913, PLR0917 - a unit, where it is, and what it may be rated on
    reader: ValueReader,
    path: DataPath,
    item: Mapping[Any, Any],
    name: str,
    scale: RatingScale,
    measure: Percent,
) -> tuple[UnitValue, FrozenDict[str, object]] | None:
    """A rated unit, on the indicator's scale or the other one it names (``scale:``)."""
    assert measure.rated is not None  # noqa: S101 - a scale comes from `rated`
    others = {o.scale: o for o in measure.rated.also}
    counts: ScaleCount = measure.rated
    if item.get("scale", scale.id) != scale.id:  # rated on another of the set's scales
        other = others.get(item["scale"]) if isinstance(item["scale"], str) else None
        if other is None:
            takes = ", ".join([scale.id, *others])
            reader.problems.add(
                (*path, "scale"),
                "unknown_scale",
                f"chỉ báo này nhận thang {takes}, nhận {got_vi(item['scale'])}",
                f"this indicator takes the scales {takes}, got {got(item['scale'])}",
            )
            return None
        counts = other
        assert reader.spec is not None  # noqa: S101 - set by `Reader.values`
        scale = reader.spec.scale(other.scale)
    read = _rated(reader, path, item, name, scale, counts)
    if read is not None and scale.id != measure.rated.scale:  # the record says which scale
        unit, record = read
        return unit, FrozenDict({**record, "scale": scale.id})
    return read


def _rated(  # noqa: PLR0913, PLR0917 - a unit, where it is, and the scale it is rated on
    reader: ValueReader,
    path: DataPath,
    item: Mapping[Any, Any],
    name: str,
    scale: RatingScale,
    counts: ScaleCount,
) -> tuple[UnitValue, FrozenDict[str, object]] | None:
    """A unit rated on a scale of the set: by its score, its rating in words, or both."""
    if "score" not in item and "rating" not in item:
        reader.problems.add(
            path,
            "missing",
            "cần 'rating' (xếp loại) hoặc 'score' (điểm)",
            "'rating' or 'score' is needed",
        )
        return None
    words = [n.vi for n in scale.names]
    rank: int | None = None
    score: Fraction | None = None
    record: dict[str, object] = {"name": name}
    if "score" in item:
        number = reader.number((*path, "score"), item["score"], percent=False)
        if number is None:
            return None
        score = Fraction(*number)
        if scale.max_score is None or score > Fraction(scale.max_score):
            top = "" if scale.max_score is None else f" (0 – {scale.max_score})"
            reader.problems.add(
                (*path, "score"),
                "score_range",
                f"điểm nằm ngoài thang '{scale.id}'{top}",
                f"the score is outside the scale '{scale.id}'{top}",
            )
            return None
        rank = scale.rank_of_score(score)
        record["score"] = canonical(item["score"])
    if "rating" in item:
        raw = item["rating"]
        said = scale.rank_of(raw) if isinstance(raw, str) else None
        if said is None:
            reader.problems.add(
                (*path, "rating"),
                "bad_rating",
                f"thang '{scale.id}' không có loại {got_vi(raw)} (có: {', '.join(words)})",
                f"the scale '{scale.id}' has no rating {got(raw)} (it has: {', '.join(words)})",
            )
            return None
        if rank is not None and score is not None and said != rank:  # a score was given
            reader.problems.add(
                (*path, "rating"),
                "rating_score_disagree",
                f"điểm {write_number(score, 'vi')} là loại {words[rank]}, không phải {raw}",
                f"a score of {write_number(score)} is rated {words[rank]}, not {raw}",
            )
            return None
        rank = said
        record["rating"] = scale.names[said].vi
    assert rank is not None  # noqa: S101 - one of the two was given
    name_vi, name_en = scale.names[rank].vi, scale.names[rank].en
    counted = rank <= (scale.rank_of(counts.counts_from) or 0)
    if score is None:
        words_msg = Message(name_vi, f"{name_vi} ({name_en})")
        closeness = Fraction(-rank)
    else:
        words_msg = Message(
            f"{name_vi}, {write_number(score, 'vi')} điểm",
            f"{name_vi} ({name_en}), {write_number(score)} points",
        )
        closeness = score
    return UnitValue(name, counted, words_msg, closeness), FrozenDict(record)
