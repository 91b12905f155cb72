"""The rules a whole criteria set must keep, which no single entry shows on its own.

Ids unique and under their parent, references that resolve, declared counts, every
indicator in some rule, banded indicators that are shares whose minimum is where level 1
starts, levels numbered 1, 2, 3... with contiguous bands up to ``at_most: 100``, one
title of kind ``default`` and no kind twice.

One function, `check`, over plain data (mappings and lists, as a file gives them or as a
model dumps itself), so that it serves two callers: `hoctap.spec.models.CriteriaSet`'s own
validator, which makes an invalid set impossible however it is built, and the loader,
which runs it even when other entries of the file are broken so that every problem of a
file is reported at once, each at its line.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from hoctap.errors import DataPath, Message, fold, format_path

__all__ = ["RuleProblem", "check"]

RuleProblem = tuple[DataPath, str, Message]
"""Where, the problem's code, and what is wrong."""

Locate = Callable[[DataPath], int]
"""The line of a path in the file, for messages that point at a second place."""


def _seq(value: object) -> bool:
    return isinstance(value, list | tuple)


def _items(node: object, path: DataPath, key: str) -> list[tuple[DataPath, Mapping[str, Any]]]:
    """The mapping items of the list ``node[key]``, with their paths; nothing if malformed."""
    if not isinstance(node, Mapping) or not _seq(node.get(key)):
        return []
    return [
        ((*path, key, i), item) for i, item in enumerate(node[key]) if isinstance(item, Mapping)
    ]


def _text_id(value: object) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return str(value)
    return None


def _number(value: object) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        return None
    return Decimal(value) if isinstance(value, int) else value if value.is_finite() else None


def _id_order(ind_id: str) -> tuple[tuple[int, str], ...]:
    # 2.1.10 after 2.1.9; a malformed id ("1.1.x", reported elsewhere) sorts last.
    return tuple((int(x), "") if x.isdigit() else (1 << 30, x) for x in ind_id.split("."))


def _where(locate: Locate | None, path: DataPath) -> tuple[str, str]:
    if locate is not None:
        line = locate(path)
        return f"dòng {line}", f"line {line}"
    return format_path(path), format_path(path)


class _Checker:
    def __init__(self, locate: Locate | None) -> None:
        self.locate = locate
        self.problems: list[RuleProblem] = []

    def add(self, path: DataPath, code: str, vi: str, en: str) -> None:
        self.problems.append((path, code, Message(vi, en)))


def check(data: object, locate: Locate | None = None) -> list[RuleProblem]:
    """Every rule of a whole set that ``data`` breaks, in the order of the file.

    >>> check({"standards": [{"id": "1", "criteria": [{"id": "2.1"}]}]})[0][1:]
    ('id_parent', Message(vi='số hiệu 2.1 không thuộc 1 (nó nằm dưới 1)', en='id 2.1 does not belong under 1; it should start with 1.'))
    """
    out = _Checker(locate)
    if not isinstance(data, Mapping):
        return []
    measures, known = _ids(out, data)
    _structure(out, data)
    _measures(out, data, measures)
    _attributes(out, data, measures)
    recognition = data.get("recognition")
    if isinstance(recognition, Mapping):
        _recognition(out, recognition, measures, known)
    return out.problems


def _attributes(
    out: _Checker, data: Mapping[str, Any], measures: dict[str, tuple[DataPath, object]]
) -> None:
    """Each attribute declared once; each ``when`` names one that is declared."""
    declared: dict[str, DataPath] = {}
    for a_path, attribute in _items(data, (), "attributes"):
        a_id = attribute.get("id")
        if isinstance(a_id, str):
            if a_id in declared:
                out.add(
                    (*a_path, "id"),
                    "duplicate_attribute",
                    f"thuộc tính {a_id} được khai báo hai lần",
                    f"the attribute {a_id} is declared twice",
                )
            declared[a_id] = a_path
    for m_path, measure in measures.values():
        if not isinstance(measure, Mapping):
            continue
        _for_units(out, m_path[:-1], _at(data, m_path[:-1]), declared)
        holders = [(m_path, measure), *_items(measure, m_path, "parts")]  # a part's own too
        for w_path, unit in (w for path, held in holders for w in _items(held, path, "when")):
            named = unit.get("attribute")
            if isinstance(named, str) and named not in declared:
                listed = ", ".join(declared) or "—"
                out.add(
                    (*w_path, "attribute"),
                    "unknown_attribute",
                    f"bộ tiêu chí không khai báo thuộc tính '{named}' (có: {listed})",
                    f"the set declares no attribute '{named}' (it has: {listed})",
                )


def _for_units(out: _Checker, i_path: DataPath, ind: object, declared: Mapping[str, Any]) -> None:
    """An indicator's ``applies_to`` and ``not_for`` name attributes the set declares."""
    for key in ("applies_to", "not_for"):
        named = ind.get(key) if isinstance(ind, Mapping) else None
        for n, value in enumerate(named if isinstance(named, list | tuple) else ()):
            if isinstance(value, str) and value not in declared:
                listed = ", ".join(declared) or "—"
                out.add(
                    (*i_path, key, n),
                    "unknown_attribute",
                    f"bộ tiêu chí không khai báo thuộc tính '{value}' (có: {listed})",
                    f"the set declares no attribute '{value}' (it has: {listed})",
                )


def _at(data: object, path: DataPath) -> object:
    """What stands at a path of the file's data, or None."""
    for key in path:
        if isinstance(data, Mapping):
            data = data.get(key)
        elif isinstance(data, list | tuple) and isinstance(key, int) and key < len(data):
            data = data[key]
        else:
            return None
    return data


def _ids(
    out: _Checker, data: Mapping[str, Any]
) -> tuple[dict[str, tuple[DataPath, object]], set[str]]:
    """Ids unique, each under its parent (2.1.3 under 2.1 under 2); the measures by id."""
    known: dict[str, DataPath] = {}
    measures: dict[str, tuple[DataPath, object]] = {}
    for s_path, std in _items(data, (), "standards"):
        s_id = _text_id(std.get("id"))
        levels: list[tuple[DataPath, str | None, str]] = [(s_path, s_id, "")]
        groups = [(s_path, std, s_id)]  # a set of two levels: indicators under the standard
        for c_path, crit in _items(std, s_path, "criteria"):
            c_id = _text_id(crit.get("id"))
            levels.append((c_path, c_id, s_id or ""))
            groups.append((c_path, crit, c_id))
        for g_path, group, g_id in groups:
            for i_path, ind in _items(group, g_path, "indicators"):
                i_id = _text_id(ind.get("id"))
                levels.append((i_path, i_id, g_id or ""))
                if i_id is not None:
                    measures[i_id] = ((*i_path, "measure"), ind.get("measure"))
        for path, node_id, parent in levels:
            if node_id is None:
                continue
            if node_id in known:
                vi, en = _where(out.locate, (*known[node_id], "id"))
                out.add(
                    (*path, "id"),
                    "duplicate_id",
                    f"số hiệu {node_id} bị trùng (đã có ở {vi})",
                    f"id {node_id} is used twice (first at {en})",
                )
            else:
                known[node_id] = path
            if parent and node_id.rsplit(".", 1)[0] != parent:
                out.add(
                    (*path, "id"),
                    "id_parent",
                    f"số hiệu {node_id} không thuộc {parent} (nó nằm dưới {parent})",
                    f"id {node_id} does not belong under {parent}; it should start with {parent}.",
                )
    return measures, set(known)


def _structure(out: _Checker, data: Mapping[str, Any]) -> None:
    structure = data.get("structure")
    if not isinstance(structure, Mapping):
        return
    standards = _items(data, (), "standards")
    criteria = [c for p, s in standards for c in _items(s, p, "criteria")]
    counts = {"standards": len(standards), "criteria": len(criteria)}
    counts["indicators"] = sum(len(_items(c, p, "indicators")) for p, c in criteria) + sum(
        len(_items(s, p, "indicators")) for p, s in standards
    )
    for key, found in counts.items():
        declared = structure.get(key)
        if isinstance(declared, int) and not isinstance(declared, bool) and declared != found:
            out.add(
                ("structure", key),
                "structure_count",
                f"khai báo {declared} nhưng tệp có {found}",
                f"declares {declared} but the file has {found}",
            )


def _recognition(  # noqa: C901 - the references, then each kind of rule
    out: _Checker,
    recognition: Mapping[str, Any],
    measures: dict[str, tuple[DataPath, object]],
    known: set[str],
) -> None:
    dangling = False

    def refs(path: DataPath, values: object) -> set[str]:
        nonlocal dangling
        named: set[str] = set()
        items: tuple[object, ...] | list[object] = (
            values if isinstance(values, list | tuple) else ()
        )
        for i, value in enumerate(items):
            ref = _text_id(value)
            if ref is None:
                continue
            if ref not in known:
                dangling = True
                out.add(
                    (*path, i),
                    "dangling_reference",
                    f"tham chiếu {ref} không trỏ tới tiêu chuẩn, tiêu chí hay chỉ báo nào",
                    f"reference {ref} names no standard, criterion or indicator of this set",
                )
            named.add(ref)
        return {
            i
            for i in measures
            if i in named or i.rsplit(".", 1)[0] in named or i.split(".", 1)[0] in named
        }

    in_rules: set[str] = set()
    seen: set[str] = set()
    for p_path, prereq in _items(recognition, ("recognition",), "prerequisites"):
        in_rules |= refs((*p_path, "all_met"), prereq.get("all_met"))
        p_id = prereq.get("id")
        if isinstance(p_id, str):
            if p_id in seen:
                out.add(
                    (*p_path, "id"),
                    "duplicate_prerequisite",
                    f"tên điều kiện {p_id} bị trùng",
                    f"prerequisite id {p_id} is used twice",
                )
            seen.add(p_id)
    banded = refs(("recognition", "banded"), recognition.get("banded"))
    in_rules |= banded
    if not dangling:
        # With a broken reference the rules are already wrong; saying which indicators
        # they miss would only repeat that problem.
        for ind_id, (m_path, _) in measures.items():
            if ind_id not in in_rules:
                out.add(
                    m_path[:-1],
                    "not_in_any_rule",
                    f"chỉ báo {ind_id} không nằm trong quy tắc công nhận nào nên không ảnh hưởng tới kết quả",
                    f"indicator {ind_id} is in no recognition rule, so it could never affect the result",
                )
    bands = _items(recognition, ("recognition",), "levels")
    own = [_own(band) for _, band in bands]
    if any(own) and not all(own):
        out.add(
            ("recognition", "levels"),
            "bands_mixed",
            "các mức hoặc đều có ngưỡng chung (at_least/above … at_most/below), hoặc đều "
            "không có (mỗi chỉ báo xếp mức có ngưỡng riêng theo mức: by_level)",
            "either every level has shared edges (at_least/above … at_most/below) or none "
            "has (each banded indicator has its own threshold per level: by_level)",
        )
    elif own and all(own):
        _own_levels(out, measures, banded, len(bands))
    else:
        _banded(out, measures, banded, bands)
        _bands(out, bands)
    _not_banded_levels(out, measures, banded if own and all(own) else set())
    _titles(out, recognition)


def _own(band: Mapping[str, Any]) -> bool:
    """Whether a level has no edges: each banded indicator's own threshold gives it."""
    return all(band.get(k) is None for k in ("above", "at_least", "at_most", "below"))


def _own_levels(
    out: _Checker, measures: dict[str, tuple[DataPath, object]], banded: set[str], top: int
) -> None:
    """With levels given by the indicators' own thresholds, each banded one has one a level."""
    for ind_id in sorted(banded, key=_id_order):
        m_path, measure = measures[ind_id]
        if not isinstance(measure, Mapping) or not isinstance(measure.get("meets"), Mapping):
            out.add(
                m_path,
                "banded_no_minimum",
                f"chỉ báo {ind_id} được xếp mức nên cần ngưỡng (meets) cho từng mức",
                f"indicator {ind_id} is banded, so it needs a threshold (meets) for each level",
            )
            continue
        given = measure.get("by_level") or ()
        levels = [t.get("level") for t in given if isinstance(t, Mapping)]
        if levels != list(range(2, top + 1)):
            want = ", ".join(map(str, range(2, top + 1))) or "—"
            out.add(
                (*m_path, "by_level"),
                "by_level_missing",
                f"chỉ báo {ind_id} được xếp mức theo ngưỡng riêng: by_level phải có đúng các mức {want}",
                f"indicator {ind_id} is banded by its own thresholds: by_level needs exactly levels {want}",
            )


def _not_banded_levels(
    out: _Checker, measures: dict[str, tuple[DataPath, object]], banded: set[str]
) -> None:
    """A threshold per level only counts for an indicator the levels look at."""
    for ind_id, (m_path, measure) in measures.items():
        if isinstance(measure, Mapping) and measure.get("by_level") and ind_id not in banded:
            out.add(
                (*m_path, "by_level"),
                "by_level_not_banded",
                f"chỉ báo {ind_id} không được xếp mức theo ngưỡng riêng nên by_level không có tác dụng",
                f"indicator {ind_id} is not banded by its own thresholds, so by_level would do nothing",
            )


def _measures(
    out: _Checker, data: Mapping[str, Any], measures: dict[str, tuple[DataPath, object]]
) -> None:
    """Rated shares, ``if_none`` and pooled parts fit the measures they are on."""
    scales: dict[str, Mapping[str, Any]] = {}
    for _, scale in _items(data, (), "scales"):
        if isinstance(scale.get("id"), str):
            scales[scale["id"]] = scale
    rollups: list[DataPath] = []
    for m_path, measure in measures.values():
        if not isinstance(measure, Mapping):
            continue
        _rated(out, (*m_path, "rated"), measure.get("rated"), scales)
        if measure.get("rollup") is not None:
            if rollups:
                vi, en = _where(out.locate, rollups[0])
                out.add(
                    (*m_path, "rollup"),
                    "second_rollup",
                    f"chỉ một chỉ báo được tính từ các đơn vị cấp dưới (đã có ở {vi})",
                    f"only one indicator can be computed from sub-units (there is one at {en})",
                )
            rollups.append((*m_path, "rollup"))
        meets = measure.get("meets")
        edges = _edge(meets, ("at_least", "above")) if isinstance(meets, Mapping) else []
        # A total of 0 is read as 100% (met) or 0% (not met): that needs a minimum above 0.
        if measure.get("if_none") is not None and not (
            edges and (edges[0][0] == "above" or edges[0][1] > 0)
        ):
            out.add(
                (*m_path, "if_none"),
                "if_none_minimum",
                "if_none chỉ dùng cho chỉ báo có mức tối thiểu lớn hơn 0 (at_least hoặc above)",
                "if_none only fits an indicator with a minimum above 0 (at_least or above)",
            )
        if (
            measure.get("kind") == "change"
            and measure.get("reading") == "pooled"
            and measure.get("quantity") == "percent"
        ):
            out.add(
                (*m_path, "reading"),
                "pooled_rates",
                "không cộng gộp được các tỷ lệ: với quantity percent, dùng reading: each",
                "rates cannot be added up: with quantity percent, use reading: each",
            )


def _rated(
    out: _Checker, r_path: DataPath, rated: object, scales: dict[str, Mapping[str, Any]]
) -> None:
    """A rated share (at ``r_path``) names one of the set's scales and one of its ratings.

    So does each of its other scales (``also``).
    """
    if not isinstance(rated, Mapping):
        return
    for n, other in enumerate(rated.get("also") or ()):
        _rated(out, (*r_path, "also", n), other, scales)
    if not isinstance(rated.get("scale"), str):
        return
    scale = scales.get(rated["scale"])
    if scale is None:
        names = ", ".join(scales) or "—"
        out.add(
            (*r_path, "scale"),
            "unknown_scale",
            f"bộ tiêu chí không có thang xếp loại '{rated['scale']}' (có: {names})",
            f"the set has no rating scale '{rated['scale']}' (it has: {names})",
        )
    elif isinstance(rated.get("counts_from"), str):
        # Only well-formed ratings: a broken one is the models' to report.
        ratings = scale.get("ratings")
        given = [r.get("name") for r in ratings or () if isinstance(r, Mapping)]
        words = [n["vi"] for n in given if isinstance(n, Mapping) and isinstance(n.get("vi"), str)]
        if fold(rated["counts_from"]) not in {fold(str(w)) for w in words}:
            out.add(
                (*r_path, "counts_from"),
                "unknown_rating",
                f"thang '{rated['scale']}' không có loại '{rated['counts_from']}' "
                f"(có: {', '.join(map(str, words))})",
                f"the scale '{rated['scale']}' has no rating '{rated['counts_from']}' "
                f"(it has: {', '.join(map(str, words))})",
            )


def _edge(node: Mapping[str, Any], keys: tuple[str, ...]) -> list[tuple[str, Decimal]]:
    return [(k, n) for k in keys if (n := _number(node.get(k))) is not None]


def _banded(
    out: _Checker,
    measures: dict[str, tuple[DataPath, object]],
    banded: set[str],
    bands: list[tuple[DataPath, Mapping[str, Any]]],
) -> None:
    """Banded indicators are shares whose minimum is exactly where level 1 starts."""
    starts = _edge(bands[0][1], ("at_least", "above")) if bands else []
    start = starts[0] if len(starts) == 1 else None
    for ind_id in sorted(banded, key=_id_order):
        m_path, measure = measures[ind_id]
        meets = measure.get("meets") if isinstance(measure, Mapping) else None
        if (
            not isinstance(measure, Mapping)
            or measure.get("kind") != "percent"
            or not isinstance(meets, Mapping)
        ):
            out.add(
                m_path,
                "banded_not_percent",
                f"chỉ báo {ind_id} được xếp mức nên phải là tỷ lệ phần trăm (kind: percent)",
                f"indicator {ind_id} is banded, so it must be a percentage (kind: percent)",
            )
            continue
        if measure.get("if_none") is not None:
            out.add(
                (*m_path, "if_none"),
                "banded_if_none",
                f"chỉ báo {ind_id} được xếp mức nên cần một tỷ lệ thật, không dùng được if_none",
                f"indicator {ind_id} is banded, so it needs a real share: if_none cannot apply",
            )
        keys = [k for k in ("at_least", "above") if meets.get(k) is not None]
        if not keys:
            out.add(
                (*m_path, "meets"),
                "banded_no_minimum",
                f"chỉ báo {ind_id} được xếp mức nên cần một mức tối thiểu (at_least hoặc above)",
                f"indicator {ind_id} is banded, so it needs a minimum (at_least or above)",
            )
            continue
        edge = _edge(meets, (keys[0],))
        if not edge or not 0 <= edge[0][1] <= 100 or start is None:
            continue  # not a number, or out of range: the models report it
        if edge[0][0] != start[0] or edge[0][1] != start[1]:
            want = f"{start[0]}: {start[1]}"
            out.add(
                (*m_path, "meets", keys[0]),
                "minimum_not_band_start",
                f"chỉ báo {ind_id} được xếp mức: mức tối thiểu phải trùng với chỗ bắt đầu mức 1 ({want})",
                f"indicator {ind_id} is banded: its minimum must be where level 1 starts ({want})",
            )


def _bands(out: _Checker, bands: list[tuple[DataPath, Mapping[str, Any]]]) -> None:
    """Levels 1, 2, 3... whose bands follow on from each other up to at_most: 100."""
    previous: tuple[DataPath, Decimal, bool] | None = None  # the previous band's upper edge
    for n, (b_path, band) in enumerate(bands, start=1):
        level = band.get("level")
        if isinstance(level, int) and not isinstance(level, bool) and level != n:
            out.add(
                (*b_path, "level"),
                "levels_order",
                f"các mức phải liên tiếp 1, 2, 3...: đây phải là mức {n}",
                f"levels must be consecutive 1, 2, 3...: this one must be level {n}",
            )
        lows, highs = _edge(band, ("above", "at_least")), _edge(band, ("at_most", "below"))
        if len(lows) != 1 or len(highs) != 1:
            previous = None
            continue
        (low_key, low), (high_key, high) = lows[0], highs[0]
        low_incl, high_incl = low_key == "at_least", high_key == "at_most"
        if low > high or (low == high and not (low_incl and high_incl)):
            out.add(
                b_path,
                "empty_band",
                f"mức {n} là khoảng rỗng: không giá trị nào đạt được mức này",
                f"level {n} is an empty band: no value can reach this level",
            )
        if previous is not None:
            _, p_high, p_incl = previous
            if p_high != low or p_incl == low_incl:
                hint = f"{'above' if p_incl else 'at_least'}: {p_high}"
                out.add(
                    (*b_path, low_key),
                    "band_gap",
                    f"phải nối tiếp mức trước, không hở không chồng: viết {hint}",
                    f"must follow on from the level before, with no gap or overlap: write {hint}",
                )
        previous = ((*b_path, high_key), high, high_incl)
    if previous is not None and (previous[1] != 100 or not previous[2]):
        out.add(
            previous[0],
            "band_top",
            "mức cao nhất phải kết thúc ở at_most: 100",
            "the highest level must end at at_most: 100",
        )


def _titles(out: _Checker, recognition: Mapping[str, Any]) -> None:
    """One title of kind ``default``, and no kind twice (in any Unicode form or case)."""
    titles = _items(recognition, ("recognition",), "titles")
    seen: dict[str, DataPath] = {}
    for t_path, title in titles:
        kind = title.get("kind")
        if not isinstance(kind, str):
            continue
        folded = fold(kind)
        if folded in seen:
            vi, en = _where(out.locate, (*seen[folded], "kind"))
            out.add(
                (*t_path, "kind"),
                "duplicate_title",
                f"đã có danh hiệu cho loại '{kind}' (ở {vi})",
                f"there is already a title for kind '{kind}' (at {en})",
            )
        seen.setdefault(folded, t_path)
    if "titles" in recognition and "default" not in seen:
        out.add(
            ("recognition", "titles"),
            "no_default_title",
            "cần một danh hiệu có kind: default",
            "one title needs kind: default",
        )
