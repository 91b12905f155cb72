"""Load and validate criteria sets: bundled ones by name, any file by path.

Validation reports every problem in a file at once, each located as
``file:line:col: yaml.path: message``, sorted by position: the YAML layer (duplicate
keys, YAML 1.1 traps), the models (unknown keys, types, ranges), and the semantic checks
that the models cannot see alone (ids and their parents, references, bands, counts).
"""

from __future__ import annotations

import functools
import importlib.resources
from decimal import Decimal
from pathlib import Path as FilePath
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from hoctap import _yaml
from hoctap._messages import allowed_keys, translate
from hoctap.errors import Message, Path, Problem, SpecError
from hoctap.models import CriteriaSet

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["bundled_dir", "bundled_names", "check", "load", "load_text", "validate_text"]


@functools.cache
def bundled_dir() -> FilePath:
    """The folder of the bundled criteria files.

    An installed wheel carries them inside the package (``hoctap/criteria``); a source
    checkout (an editable install, or the tests) has them at the repository's top.
    """
    packaged = importlib.resources.files("hoctap") / "criteria"
    if packaged.is_dir():
        return FilePath(str(packaged))
    return FilePath(__file__).resolve().parents[2] / "criteria"


@functools.cache
def bundled_names() -> tuple[str, ...]:
    """The names of the bundled criteria sets.

    >>> bundled_names()
    ('city', 'district', 'district-haiphong', 'province')
    """
    return tuple(sorted(p.stem for p in bundled_dir().glob("*.yaml")))


def _read(path: FilePath) -> str:
    source = _display(path)
    size = path.stat().st_size
    if size > _yaml.MAX_BYTES:
        message = Message(
            f"tệp quá lớn ({size} byte; tối đa {_yaml.MAX_BYTES})",
            f"the file is too large ({size} bytes; at most {_yaml.MAX_BYTES})",
        )
        raise SpecError([Problem(source, 0, 0, (), message)])
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        message = Message(
            "tệp không phải UTF-8; hãy lưu lại với bảng mã UTF-8",
            "the file is not UTF-8; save it again as UTF-8",
        )
        raise SpecError([Problem(source, line, 1, (), message)]) from None


def _resolve(name_or_path: str | FilePath) -> FilePath:
    if isinstance(name_or_path, str) and name_or_path in bundled_names():
        return bundled_dir() / f"{name_or_path}.yaml"
    path = FilePath(name_or_path)
    if not path.is_file():
        names = ", ".join(bundled_names())
        message = Message(
            f"không có bộ tiêu chí có sẵn tên này, cũng không có tệp này (có sẵn: {names})",
            f"no bundled criteria set of this name and no such file (bundled: {names})",
        )
        raise SpecError([Problem(str(name_or_path), 0, 0, (), message)])
    return path


def load(name_or_path: str | FilePath) -> CriteriaSet:
    """Load a bundled criteria set by name, or any criteria file by path.

    Raises `SpecError` listing every problem if the file is not valid.

    >>> district = load("district")
    >>> district.structure.indicators, district.unit
    (16, 'district')
    """
    path = _resolve(name_or_path)
    if not path.is_absolute():
        path = path.resolve()
    stat = path.stat()
    return _load_cached(str(path), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=32)
def _load_cached(path: str, mtime_ns: int, size: int) -> CriteriaSet:  # noqa: ARG001
    # Sets are frozen, so one parsed copy per version of a file can be shared by every
    # caller; the file's time and size are in the key so an edited file is read again.
    file = FilePath(path)
    return load_text(_read(file), _display(file), base_dir=file.parent)


def _display(path: FilePath) -> str:
    try:
        return str(path.resolve().relative_to(FilePath.cwd()))
    except ValueError:
        return str(path)


def load_text(
    text: str, source: str = "<text>", *, base_dir: FilePath | None = None
) -> CriteriaSet:
    """Load a criteria set from YAML text; ``source`` names it in error messages."""
    spec, problems = validate_text(text, source, base_dir=base_dir)
    if problems or spec is None:
        raise SpecError(problems)
    return spec


def validate_text(
    text: str, source: str = "<text>", *, base_dir: FilePath | None = None
) -> tuple[CriteriaSet | None, list[Problem]]:
    """Validate YAML text; return the set (if valid) and every problem, sorted by position."""
    doc, problems = _yaml.parse(text, source)
    if doc.data is None:
        return None, problems
    data = doc.data
    if isinstance(data, dict) and "extends" in data:
        data, overlay_problems = _apply_overlay(doc, base_dir)
        problems.extend(overlay_problems)
        if data is None:
            return None, _sorted(problems)
    spec: CriteriaSet | None = None
    later: list[Problem] = []
    try:
        spec = CriteriaSet.model_validate(data)
    except ValidationError as exc:
        later.extend(_pydantic_problems(doc, data, exc))
    later.extend(_semantic_problems(doc, data))
    # A value the YAML layer already refused (".nan", "01") fails the models too; the
    # YAML layer's message says why, so the models' echo of it is dropped.
    refused = {p.path for p in problems}
    problems.extend(p for p in later if p.path not in refused)
    problems = _sorted(problems)
    return (spec if not problems else None), problems


def check(paths: list[str | FilePath]) -> dict[str, list[Problem]]:
    """Validate files (names of bundled sets or paths); the problems of each, by file."""
    out: dict[str, list[Problem]] = {}
    for item in paths:
        try:
            path = _resolve(item)
            out[_display(path)] = validate_text(_read(path), _display(path), base_dir=path.parent)[
                1
            ]
        except SpecError as exc:
            out[str(item)] = list(exc.problems)
    return out


def _sorted(problems: list[Problem]) -> list[Problem]:
    unique = dict.fromkeys(problems)  # drop exact echoes, keep the first of each
    return sorted(unique, key=lambda p: (p.source, p.line, p.column, str(p.path)))


# --- overlays: a locality's variant of a bundled set ------------------------------------

_OVERLAY_KEYS = frozenset(
    {"extends", "id", "version", "title", "legal_basis", "effective", "notes", "indicators"}
)
_INDICATOR_OVERLAY_KEYS = frozenset(
    {"text", "evidence", "lead", "coordinating", "measure", "interpretation", "source"}
)


def _apply_overlay(
    doc: _yaml.Document, base_dir: FilePath | None
) -> tuple[dict[str, Any] | None, list[Problem]]:
    """Merge an overlay (a file with ``extends:``) onto the set it extends.

    An overlay replaces whole top-level entries (``id``, ``title``, ``legal_basis``...)
    and, under ``indicators``, whole fields of the indicators it names by id; the rest
    comes from the base set unchanged.
    """
    overlay = doc.data
    assert isinstance(overlay, dict)  # noqa: S101
    problems = [
        doc.problem(
            (key,),
            Message(
                f"khóa không dùng được trong tệp mở rộng; dùng được: {', '.join(sorted(_OVERLAY_KEYS))}",
                f"not allowed in an overlay; allowed: {', '.join(sorted(_OVERLAY_KEYS))}",
            ),
            key=True,
        )
        for key in overlay
        if key not in _OVERLAY_KEYS
    ]
    base_name = overlay["extends"]
    if not isinstance(base_name, str):
        problems.append(
            doc.problem(
                ("extends",), Message("phải là tên hoặc đường dẫn", "must be a name or a path")
            )
        )
        return None, problems
    try:
        target: str | FilePath = base_name
        if base_name not in bundled_names() and base_dir is not None:
            target = base_dir / base_name
        base = load(target)
    except SpecError:
        problems.append(
            doc.problem(
                ("extends",),
                Message(
                    f"không tải được bộ tiêu chí gốc '{base_name}'",
                    f"cannot load the base set '{base_name}'",
                ),
            )
        )
        return None, problems
    merged: dict[str, Any] = _plain(base.model_dump(mode="python", exclude_none=True))
    merged.update(
        {k: v for k, v in overlay.items() if k in _OVERLAY_KEYS - {"extends", "indicators"}}
    )
    changes = overlay.get("indicators") or {}
    if not isinstance(changes, dict):
        problems.append(
            doc.problem(
                ("indicators",),
                Message(
                    "phải là một bảng theo số hiệu chỉ báo", "must be a mapping by indicator id"
                ),
            )
        )
        return None, problems
    places = {
        ind["id"]: ind
        for std in merged["standards"]
        for crit in std["criteria"]
        for ind in crit["indicators"]
    }
    for ind_id, fields in changes.items():
        if ind_id not in places:
            problems.append(
                doc.problem(
                    ("indicators", ind_id),
                    Message(
                        f"bộ gốc không có chỉ báo {ind_id}",
                        f"the base set has no indicator {ind_id}",
                    ),
                    key=True,
                )
            )
            continue
        if not isinstance(fields, dict):
            problems.append(
                doc.problem(
                    ("indicators", ind_id), Message("phải là một bảng khóa", "must be a mapping")
                )
            )
            continue
        for name, value in fields.items():
            if name not in _INDICATOR_OVERLAY_KEYS:
                problems.append(
                    doc.problem(
                        ("indicators", ind_id, name),
                        Message(
                            f"không thay được mục này; thay được: {', '.join(sorted(_INDICATOR_OVERLAY_KEYS))}",
                            f"cannot be replaced; replaceable: {', '.join(sorted(_INDICATOR_OVERLAY_KEYS))}",
                        ),
                        key=True,
                    )
                )
                continue
            places[ind_id][name] = value
    return merged, problems


def _plain(value: Any) -> Any:
    """A model dump as the YAML layer gives data: lists, not tuples."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


# --- pydantic errors, located -------------------------------------------------------------


def _raw_loc(data: object, loc: tuple[str | int, ...]) -> Path:
    """Pydantic's loc as a path in the YAML data: the tags of tagged unions left out."""
    out: list[str | int] = []
    node = data
    for item in loc:
        if (
            isinstance(node, dict)
            and isinstance(item, str)
            and item not in node
            and node.get("kind") == item
        ):
            continue  # the union's tag, not a key in the file
        out.append(item)
        if isinstance(node, dict) and isinstance(item, str):
            node = node.get(item)
        elif isinstance(node, list) and isinstance(item, int) and item < len(node):
            node = node[item]
        else:
            node = None
    return tuple(out)


def _pydantic_problems(doc: _yaml.Document, data: object, exc: ValidationError) -> list[Problem]:
    errors = exc.errors(include_url=False)
    paths = [_raw_loc(data, tuple(e["loc"])) for e in errors]
    out = []
    for error, path in zip(errors, paths, strict=True):
        ctx = dict(error.get("ctx") or {})
        # An echo: pydantic reports a list as too short, or a model as invalid, when an
        # item inside it has already failed. The inner error is the one to show.
        if error["type"] == "too_short" and any(
            len(p) > len(path) and p[: len(path)] == path for p in paths
        ):
            continue
        full = path
        if "at" in ctx:
            full = (*path, *str(ctx["at"]).split("."))
        is_key = error["type"] == "extra_forbidden"
        allowed = allowed_keys(CriteriaSet, data, tuple(path[:-1])) if is_key else []
        if is_key:
            ctx["key"] = path[-1]
        message = translate(error["type"], ctx, error.get("input"), allowed)
        out.append(doc.problem(full, message, key=is_key))
    return out


# --- semantic checks, on the raw data so they run even when the models fail --------------


def _items(node: object, path: Path, key: str) -> Iterator[tuple[Path, dict[str, Any]]]:
    """The mapping items of the list ``node[key]``, with their paths; nothing if malformed."""
    if isinstance(node, dict) and isinstance(node.get(key), list):
        for i, item in enumerate(node[key]):
            if isinstance(item, dict):
                yield (*path, key, i), item


def _text_id(value: object) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return str(value)
    return None


def _semantic_problems(doc: _yaml.Document, data: object) -> list[Problem]:  # noqa: C901, PLR0912, PLR0915
    problems: list[Problem] = []

    def add(path: Path, vi: str, en: str) -> None:
        problems.append(doc.problem(path, Message(vi, en)))

    if not isinstance(data, dict):
        return problems

    # Ids: unique, and consistent with their parent (2.1.3 under 2.1 under 2).
    known: dict[str, Path] = {}
    measures: dict[str, tuple[Path, object]] = {}
    counts = {"standards": 0, "criteria": 0, "indicators": 0}
    for s_path, std in _items(data, (), "standards"):
        counts["standards"] += 1
        s_id = _text_id(std.get("id"))
        levels: list[tuple[Path, dict[str, Any], str | None, str]] = [(s_path, std, s_id, "")]
        for c_path, crit in _items(std, s_path, "criteria"):
            counts["criteria"] += 1
            levels.append((c_path, crit, _text_id(crit.get("id")), s_id or ""))
            c_id = _text_id(crit.get("id"))
            for i_path, ind in _items(crit, c_path, "indicators"):
                counts["indicators"] += 1
                i_id = _text_id(ind.get("id"))
                levels.append((i_path, ind, i_id, c_id or ""))
                if i_id is not None:
                    measures[i_id] = ((*i_path, "measure"), ind.get("measure"))
        for path, _node, node_id, parent in levels:
            if node_id is None:
                continue
            if node_id in known:
                first = doc.locate((*known[node_id], "id"))[0]
                add(
                    (*path, "id"),
                    f"số hiệu {node_id} bị trùng (đã có ở dòng {first})",
                    f"id {node_id} is used twice (first at line {first})",
                )
            else:
                known[node_id] = path
            if parent and node_id.rsplit(".", 1)[0] != parent:
                add(
                    (*path, "id"),
                    f"số hiệu {node_id} không thuộc {parent} (nó nằm dưới {parent})",
                    f"id {node_id} does not belong under {parent}; it should start with {parent}.",
                )

    structure = data.get("structure")
    if isinstance(structure, dict):
        for key, found in counts.items():
            declared = structure.get(key)
            if isinstance(declared, int) and not isinstance(declared, bool) and declared != found:
                add(
                    ("structure", key),
                    f"khai báo {declared} nhưng tệp có {found}",
                    f"declares {declared} but the file has {found}",
                )

    recognition = data.get("recognition")
    if not isinstance(recognition, dict):
        return problems

    dangling = False

    def refs(path: Path, values: object) -> list[str]:
        nonlocal dangling
        out = []
        if isinstance(values, list):
            for i, value in enumerate(values):
                ref = _text_id(value)
                if ref is None:
                    continue
                if ref not in known:
                    dangling = True
                    add(
                        (*path, i),
                        f"tham chiếu {ref} không trỏ tới tiêu chuẩn, tiêu chí hay chỉ báo nào",
                        f"reference {ref} names no standard, criterion or indicator of this set",
                    )
                out.append(ref)
        return out

    def expand(references: list[str]) -> set[str]:
        return {
            i
            for i in measures
            if i in references
            or i.rsplit(".", 1)[0] in references
            or i.split(".", 1)[0] in references
        }

    in_rules: set[str] = set()
    seen_prereq: set[str] = set()
    for p_path, prereq in _items(recognition, ("recognition",), "prerequisites"):
        in_rules |= expand(refs((*p_path, "all_met"), prereq.get("all_met")))
        p_id = prereq.get("id")
        if isinstance(p_id, str):
            if p_id in seen_prereq:
                add(
                    (*p_path, "id"),
                    f"tên điều kiện {p_id} bị trùng",
                    f"prerequisite id {p_id} is used twice",
                )
            seen_prereq.add(p_id)
    banded = expand(refs(("recognition", "banded"), recognition.get("banded")))
    in_rules |= banded
    for ind_id, (m_path, _measure) in measures.items():
        # With a broken reference the rules are already wrong; saying which indicators
        # they miss would only repeat that problem.
        if ind_id not in in_rules and not dangling:
            add(
                m_path[:-1],
                f"chỉ báo {ind_id} không nằm trong quy tắc công nhận nào nên không ảnh hưởng tới kết quả",
                f"indicator {ind_id} is in no recognition rule, so it could never affect the result",
            )

    bands = list(_items(recognition, ("recognition",), "levels"))
    _check_banded(doc, measures, banded, bands, problems)
    previous: tuple[Path, Decimal, bool] | None = None  # the previous band's upper edge
    for n, (b_path, band) in enumerate(bands, start=1):
        level = band.get("level")
        if isinstance(level, int) and level != n:
            add(
                (*b_path, "level"),
                f"các mức phải liên tiếp 1, 2, 3...: đây phải là mức {n}",
                f"levels must be consecutive 1, 2, 3...: this one must be level {n}",
            )
        lows = [
            (k, band[k]) for k in ("above", "at_least") if isinstance(band.get(k), int | Decimal)
        ]
        highs = [
            (k, band[k]) for k in ("at_most", "below") if isinstance(band.get(k), int | Decimal)
        ]
        if len(lows) != 1 or len(highs) != 1:
            previous = None
            continue
        low, low_incl = Decimal(lows[0][1]), lows[0][0] == "at_least"
        high, high_incl = Decimal(highs[0][1]), highs[0][0] == "at_most"
        if low > high or (low == high and not (low_incl and high_incl)):
            add(
                b_path,
                f"mức {n} là khoảng rỗng: không giá trị nào đạt được mức này",
                f"level {n} is an empty band: no value can reach this level",
            )
        if previous is not None:
            p_path, p_high, p_incl = previous
            if p_high != low or p_incl == low_incl:
                hint = "above" if p_incl else "at_least"
                add(
                    (*b_path, lows[0][0]),
                    f"phải nối tiếp mức trước, không hở không chồng: viết {hint}: {p_high}",
                    f"must follow on from the level before, with no gap or overlap: write {hint}: {p_high}",
                )
        previous = ((*b_path, highs[0][0]), high, high_incl)
    if previous is not None and len(bands) > 0 and (previous[1] != 100 or not previous[2]):
        add(
            previous[0],
            "mức cao nhất phải kết thúc ở at_most: 100",
            "the highest level must end at at_most: 100",
        )

    kinds = [t.get("kind") for _, t in _items(recognition, ("recognition",), "titles")]
    if "titles" in recognition and "default" not in kinds:
        add(
            ("recognition", "titles"),
            "cần một danh hiệu có kind: default",
            "one title needs kind: default",
        )
    return problems


def _check_banded(
    doc: _yaml.Document,
    measures: dict[str, tuple[Path, object]],
    banded: set[str],
    bands: list[tuple[Path, dict[str, Any]]],
    problems: list[Problem],
) -> None:
    """Banded indicators are shares whose minimum is exactly where level 1 starts."""
    start: tuple[str, Decimal] | None = None
    if bands:
        first = bands[0][1]
        edge = next(
            (
                (k, first[k])
                for k in ("at_least", "above")
                if isinstance(first.get(k), int | Decimal)
            ),
            None,
        )
        if edge is not None:
            start = (edge[0], Decimal(edge[1]))
    for ind_id in sorted(banded, key=lambda i: [int(x) for x in i.split(".")]):
        m_path, measure = measures[ind_id]
        meets = measure.get("meets") if isinstance(measure, dict) else None
        if (
            not isinstance(measure, dict)
            or measure.get("kind") != "percent"
            or not isinstance(meets, dict)
        ):
            problems.append(
                doc.problem(
                    m_path,
                    Message(
                        f"chỉ báo {ind_id} được xếp mức nên phải là tỷ lệ phần trăm (kind: percent)",
                        f"indicator {ind_id} is banded, so it must be a percentage (kind: percent)",
                    ),
                )
            )
            continue
        edge = next(((k, v) for k, v in meets.items() if k in {"at_least", "above"}), None)
        if edge is not None and (
            not isinstance(edge[1], int | Decimal) or isinstance(edge[1], bool)
        ):
            continue  # not a number: the models report it
        if edge is None:
            problems.append(
                doc.problem(
                    (*m_path, "meets"),
                    Message(
                        f"chỉ báo {ind_id} được xếp mức nên cần một mức tối thiểu (at_least hoặc above)",
                        f"indicator {ind_id} is banded, so it needs a minimum (at_least or above)",
                    ),
                )
            )
            continue
        if not 0 <= edge[1] <= 100 or start is None:
            continue
        if (edge[0], Decimal(edge[1])) != start:
            want = f"{start[0]}: {start[1]}"
            problems.append(
                doc.problem(
                    (*m_path, "meets", edge[0]),
                    Message(
                        f"chỉ báo {ind_id} được xếp mức: mức tối thiểu phải trùng với chỗ bắt đầu mức 1 ({want})",
                        f"indicator {ind_id} is banded: its minimum must be where level 1 starts ({want})",
                    ),
                )
            )
