"""Overlays: a locality's variant of another criteria set (a file with ``extends:``).

An overlay names itself and restates, by id, the words of the set it extends (titles,
indicators' texts and sources, the rules' wording and clauses), never the rules
themselves; `apply_overlay` merges it onto the base and says where each merged entry
came from, so a problem in the merged set is shown at the overlay's own line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hoctap._problems import Problems
from hoctap.errors import SpecError

if TYPE_CHECKING:
    from collections.abc import Callable

    from hoctap.errors import DataPath, Problem
    from hoctap.files import _yaml
    from hoctap.spec.models import CriteriaSet

__all__ = ["apply_overlay"]


_OVERLAY_KEYS = frozenset(
    {
        "extends",
        "id",
        "version",
        "title",
        "legal_basis",
        "effective",
        "notes",
        "standards",
        "criteria",
        "indicators",
        "recognition",
    }
)
_BY_ID = ("standards", "criteria", "indicators", "recognition")
"""Overlay entries that restate parts of the base by id rather than replace a whole field."""
_TITLE_KEYS = frozenset({"title"})
_RECOGNITION_KEYS = frozenset({"clause", "notes", "titles", "prerequisites", "levels"})
"""What an overlay may restate of the rules: their wording and sources, never the rules
themselves (which indicators, which bands): those stay the base set's."""
_INDICATOR_OVERLAY_KEYS = frozenset(
    {"text", "evidence", "lead", "coordinating", "measure", "interpretation", "source"}
)


def apply_overlay(  # noqa: C901, PLR0912, PLR0915 - one pass over the overlay's entries
    doc: _yaml.Document, base_of: Callable[[str], CriteriaSet]
) -> tuple[dict[str, Any] | None, Callable[[DataPath], tuple[DataPath, bool]], list[Problem]]:
    """Merge an overlay (a file with ``extends:``) onto the set it extends.

    An overlay names itself (``id``) and replaces whole top-level entries (``title``,
    ``legal_basis``...) and, under ``indicators``, whole fields of the indicators it
    names by id; the rest comes from the base set unchanged. Returns the merged data and
    a function that takes a path in the merged data back to the overlay's own entry.
    """
    overlay = doc.data
    assert isinstance(overlay, dict)  # noqa: S101
    problems = Problems(doc.source, doc)

    def nowhere(path: DataPath) -> tuple[DataPath, bool]:
        return path, True

    allowed = ", ".join(sorted(_OVERLAY_KEYS))
    for key in overlay:
        if key not in _OVERLAY_KEYS:
            problems.add(
                (key,),
                "overlay_key",
                f"khóa không dùng được trong tệp mở rộng; dùng được: {allowed}",
                f"not allowed in an overlay; allowed: {allowed}",
                key=True,
            )
    if "id" not in overlay:
        problems.add(
            (),
            "missing",
            "tệp mở rộng cần id riêng (không được dùng id của bộ gốc)",
            "an overlay needs an id of its own (it may not take the base set's)",
        )
    base_name = overlay["extends"]
    if not isinstance(base_name, str):
        problems.add(
            ("extends",), "wrong_type", "phải là tên hoặc đường dẫn", "must be a name or a path"
        )
        return None, nowhere, problems.items
    try:
        base = base_of(base_name)
    except SpecError as exc:
        cycle = [p for p in exc.problems if p.code == "overlay_cycle"]
        for p in cycle:
            problems.add(("extends",), "overlay_cycle", p.message.vi, p.message.en)
        if not cycle:
            problems.add(
                ("extends",),
                "overlay_base",
                f"không tải được bộ tiêu chí gốc '{base_name}'",
                f"cannot load the base set '{base_name}'",
            )
            problems.extend(exc.problems)
        return None, nowhere, problems.items
    merged: dict[str, Any] = _plain(base.model_dump(mode="python", exclude_none=True))
    top = {k: v for k, v in overlay.items() if k in _OVERLAY_KEYS - {"extends", *_BY_ID}}
    merged.update(top)
    replaced: dict[DataPath, DataPath] = {}
    _restate_titles(overlay, merged, replaced, problems)
    _restate_rules(overlay.get("recognition"), merged["recognition"], replaced, problems)
    changes = overlay.get("indicators") or {}
    if not isinstance(changes, dict):
        problems.add(
            ("indicators",),
            "not_a_mapping",
            "phải là một bảng theo số hiệu chỉ báo",
            "must be a mapping by indicator id",
        )
        return None, nowhere, problems.items
    places: dict[str, tuple[DataPath, dict[str, Any]]] = {}
    for si, std in enumerate(merged["standards"]):
        for ci, crit in enumerate(std["criteria"]):
            for ii, ind in enumerate(crit["indicators"]):
                places[ind["id"]] = (("standards", si, "criteria", ci, "indicators", ii), ind)
    for ind_id, fields in changes.items():
        if ind_id not in places:
            problems.add(
                ("indicators", ind_id),
                "overlay_indicator",
                f"bộ gốc không có chỉ báo {ind_id}",
                f"the base set has no indicator {ind_id}",
                key=True,
            )
            continue
        if not isinstance(fields, dict):
            problems.add(
                ("indicators", ind_id),
                "not_a_mapping",
                "phải là một bảng khóa",
                "must be a mapping",
            )
            continue
        where, ind = places[ind_id]
        for name, value in fields.items():
            if name not in _INDICATOR_OVERLAY_KEYS:
                keys = ", ".join(sorted(_INDICATOR_OVERLAY_KEYS))
                problems.add(
                    ("indicators", ind_id, name),
                    "overlay_key",
                    f"không thay được mục này; thay được: {keys}",
                    f"cannot be replaced; replaceable: {keys}",
                    key=True,
                )
                continue
            if name == "measure" and _same_kind(ind.get(name), value):
                # A measure of the same kind is restated key by key (a key set to null
                # is removed); one of another kind replaces the whole measure.
                merged_measure = {**ind[name], **value}
                ind[name] = {k: v for k, v in merged_measure.items() if v is not None}
                for key in value:
                    replaced[(*where, name, key)] = ("indicators", ind_id, name, key)
                continue
            ind[name] = value
            replaced[(*where, name)] = ("indicators", ind_id, name)

    def relocate(path: DataPath) -> tuple[DataPath, bool]:
        # A path in the merged set, taken back to the overlay entry that wrote it; what
        # the overlay did not write came from the (valid) base, so a problem there is
        # one the overlay caused, and is shown at its ``extends``.
        if path and path[0] in top:
            return path, True
        for n in range(len(path), 0, -1):
            if path[:n] in replaced:
                return (*replaced[path[:n]], *path[n:]), True
        return ("extends",), False

    return merged, relocate, problems.items


def _same_kind(base: object, value: object) -> bool:
    return (
        isinstance(base, dict)
        and isinstance(value, dict)
        and value.get("kind", base.get("kind")) == base.get("kind")
    )


def _restate_titles(  # noqa: C901 - two levels, each id, each field
    overlay: dict[str, Any],
    merged: dict[str, Any],
    replaced: dict[DataPath, DataPath],
    problems: Problems,
) -> None:
    """``standards`` and ``criteria`` by id: each one's ``title`` in the locality's words."""
    places: dict[str, dict[str, tuple[DataPath, dict[str, Any]]]] = {
        "standards": {},
        "criteria": {},
    }
    for si, std in enumerate(merged["standards"]):
        places["standards"][str(std["id"])] = (("standards", si), std)
        for ci, crit in enumerate(std["criteria"]):
            places["criteria"][str(crit["id"])] = (("standards", si, "criteria", ci), crit)
    for level in ("standards", "criteria"):
        changes = overlay.get(level)
        if changes is None:
            continue
        if not isinstance(changes, dict):
            problems.add(
                (level,),
                "not_a_mapping",
                "phải là một bảng theo số hiệu",
                "must be a mapping by id",
            )
            continue
        for raw_id, fields in changes.items():
            where_ind = places[level].get(str(raw_id))
            if where_ind is None:
                problems.add(
                    (level, raw_id),
                    "overlay_indicator",
                    f"bộ gốc không có số hiệu {raw_id}",
                    f"the base set has no {level[:-1] if level == 'standards' else 'criterion'} {raw_id}",
                    key=True,
                )
                continue
            if not isinstance(fields, dict):
                problems.add(
                    (level, raw_id), "not_a_mapping", "phải là một bảng khóa", "must be a mapping"
                )
                continue
            where, node = where_ind
            for name, value in fields.items():
                if name not in _TITLE_KEYS:
                    problems.add(
                        (level, raw_id, name),
                        "overlay_key",
                        "không thay được mục này; thay được: title",
                        "cannot be replaced; replaceable: title",
                        key=True,
                    )
                    continue
                node[name] = value
                replaced[(*where, name)] = (level, raw_id, name)


def _restate_rules(  # noqa: C901 - each entry, each id, each field
    changes: object,
    rules: dict[str, Any],
    replaced: dict[DataPath, DataPath],
    problems: Problems,
) -> None:
    """``recognition``: the wording of the rules, never the rules themselves.

    The rules' clause, notes and titles, each prerequisite's text and clause (by id),
    and each band's text (by level).
    """
    if changes is None:
        return
    if not isinstance(changes, dict):
        problems.add(
            ("recognition",), "not_a_mapping", "phải là một bảng khóa", "must be a mapping"
        )
        return
    keys = ", ".join(sorted(_RECOGNITION_KEYS))
    for name, value in changes.items():
        if name not in _RECOGNITION_KEYS:
            problems.add(
                ("recognition", name),
                "overlay_key",
                f"tệp mở rộng chỉ thay được lời văn của quy tắc; thay được: {keys}",
                f"an overlay restates only the wording of the rules; replaceable: {keys}",
                key=True,
            )
            continue
        if name not in {"prerequisites", "levels"}:
            rules[name] = value
            replaced[("recognition", name)] = ("recognition", name)
            continue
        field = "id" if name == "prerequisites" else "level"
        allowed = {"text", "clause"} if name == "prerequisites" else {"text"}
        items = {str(item[field]): (n, item) for n, item in enumerate(rules[name])}
        if not isinstance(value, dict):
            problems.add(
                ("recognition", name),
                "not_a_mapping",
                "phải là một bảng theo số hiệu",
                "must be a mapping by id",
            )
            continue
        for raw_id, fields in value.items():
            found = items.get(str(raw_id))
            if found is None or not isinstance(fields, dict):
                problems.add(
                    ("recognition", name, raw_id),
                    "overlay_indicator",
                    f"bộ gốc không có {raw_id}, hoặc đây không phải một bảng khóa",
                    f"the base set has no {raw_id}, or this is not a mapping",
                    key=True,
                )
                continue
            n, item = found
            for key, text in fields.items():
                if key not in allowed:
                    problems.add(
                        ("recognition", name, raw_id, key),
                        "overlay_key",
                        f"chỉ thay được lời văn: {', '.join(sorted(allowed))}",
                        f"only the wording can be replaced: {', '.join(sorted(allowed))}",
                        key=True,
                    )
                    continue
                item[key] = text
                replaced[("recognition", name, n, key)] = ("recognition", name, raw_id, key)


def _plain(value: Any) -> Any:
    """A model dump as the YAML layer gives data: lists, not tuples."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value
