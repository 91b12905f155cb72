"""Load and validate criteria sets: bundled ones by name, any file by path.

One way to name a set, everywhere (Python, the command line, assessment files,
``extends:`` in overlays): a bundled set's name (``district``) is always that bundled
set; anything else is a path to a ``.yaml`` file, relative to the file that names it (an
assessment, an overlay) or, from Python and the command line, to the current folder.

Validation reports every problem in a file at once, each located as
``file:line:col: yaml.path: message`` with a stable code, sorted by position: the YAML
layer (duplicate keys, YAML 1.1 traps), the models (unknown keys, types, ranges), and
the rules of a whole set (`hoctap.spec._rules`: ids, references, bands, counts), which the
models check too, so that no invalid set exists however it was made.
"""

from __future__ import annotations

import functools
import importlib.resources
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError

from hoctap.errors import DataPath, Message, Problem, SpecError
from hoctap.files import _yaml
from hoctap.files._kinds import wrong_kind
from hoctap.spec import _rules
from hoctap.spec._messages import allowed_keys, translate
from hoctap.spec.models import CriteriaSet, Locality, ReportRequest

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "bundled_dir",
    "bundled_names",
    "check",
    "load",
    "load_text",
    "locality",
    "locality_names",
    "report_request",
    "report_request_names",
    "resolve",
    "validate_text",
]

_SUFFIXES = (".yaml", ".yml")


@functools.cache
def bundled_dir() -> Path:
    """The folder of the bundled criteria files.

    An installed wheel carries them inside the package (``hoctap/criteria``); a source
    checkout (an editable install, or the tests) has them at the repository's top.
    """
    packaged = importlib.resources.files("hoctap") / "criteria"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[3] / "criteria"


@functools.cache
def bundled_names() -> tuple[str, ...]:
    """The names of the bundled criteria sets.

    >>> bundled_names()
    ('city', 'district', 'district-haiphong', 'province')
    """
    return tuple(sorted(p.stem for p in bundled_dir().glob("*.yaml")))


def locality_names() -> tuple[str, ...]:
    """The bundled localities' ids.

    >>> locality_names()
    ('ba-ria-vung-tau', 'hai-phong')
    """
    return tuple(sorted(p.stem for p in (bundled_dir() / "localities").glob("*.yaml")))


@functools.cache
def locality(name: str) -> Locality:
    """A bundled locality's district-level units (``hai-phong``, ``ba-ria-vung-tau``).

    Raises `SpecError` for a name that is not one, or a file that is not valid.
    """
    return _bundled_data("localities", name, Locality, "danh sách đơn vị", "list of units")


def report_request_names() -> tuple[str, ...]:
    """The bundled report requests' ids.

    >>> report_request_names()
    ('hai-phong-2022',)
    """
    return tuple(sorted(p.stem for p in (bundled_dir() / "reports").glob("*.yaml")))


@functools.cache
def report_request(name: str) -> ReportRequest:
    """A bundled report request: who reports which indicators, by when (``hai-phong-2022``)."""
    return _bundled_data("reports", name, ReportRequest, "yêu cầu báo cáo", "report request")


_D = TypeVar("_D", bound=BaseModel)


def _bundled_data(folder: str, name: str, model: type[_D], what_vi: str, what_en: str) -> _D:
    """A bundled data file by name, validated, every problem located."""
    names = tuple(sorted(p.stem for p in (bundled_dir() / folder).glob("*.yaml")))
    if name not in names:
        listed = ", ".join(names)
        raise _fail(
            name,
            "file_not_found",
            f"không có {what_vi} '{name}' (có: {listed})",
            f"there is no {what_en} '{name}' (there are: {listed})",
        )
    path = bundled_dir() / folder / f"{name}.yaml"
    text, problems = _yaml.read_file(path, display(path))
    if text is None:
        raise SpecError(problems)
    doc, problems = _yaml.parse(text, display(path))
    if problems:
        raise SpecError(problems)
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        raise SpecError(
            _pydantic_problems(doc, doc.data, exc, lambda p: (p, True), model)
        ) from None


def _fail(source: str, code: str, vi: str, en: str) -> SpecError:
    return SpecError([Problem(source, 0, 0, (), Message(vi, en), code)])


def resolve(name_or_path: str | os.PathLike[str], relative_to: Path | None = None) -> Path:
    """The file a set's name or path means: the one precedence every entry point uses.

    A bundled set's name is that set, whatever files lie about; anything else is a path
    to a ``.yaml`` file, taken relative to ``relative_to`` (the folder of the file that
    names it) or else to the current folder. Raises `SpecError` for anything else,
    without opening it.

    >>> resolve("district").name
    'district.yaml'
    >>> resolve("/etc/passwd")
    Traceback (most recent call last):
    hoctap.errors.SpecError: /etc/passwd: (top level): không phải tên bộ tiêu chí có sẵn (city, district, district-haiphong, province), cũng không phải tệp .yaml / neither a bundled set's name (city, district, district-haiphong, province) nor a .yaml file
    """
    if isinstance(name_or_path, str) and name_or_path in bundled_names():
        return bundled_dir() / f"{name_or_path}.yaml"
    text = os.fspath(name_or_path)
    names = ", ".join(bundled_names())
    if not isinstance(text, str) or not text.lower().endswith(_SUFFIXES):
        raise _fail(
            str(text),
            "file_not_found",
            f"không phải tên bộ tiêu chí có sẵn ({names}), cũng không phải tệp .yaml",
            f"neither a bundled set's name ({names}) nor a .yaml file",
        )
    path = Path(text)
    if relative_to is not None and not path.is_absolute():
        path = relative_to / path
    return Path(os.path.abspath(path))  # noqa: PTH100 - absolute, links kept as named


def display(path: Path) -> str:
    """A path as messages show it: relative to the current folder when inside it."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def load(name_or_path: str | os.PathLike[str], *, relative_to: Path | None = None) -> CriteriaSet:
    """Load a bundled criteria set by name, or any criteria file by path.

    Raises `SpecError` listing every problem if the file is not valid. A file is read
    again when it, or a set it extends, has changed on disk since it was last read.

    >>> district = load("district")
    >>> district.structure.indicators, district.unit
    (16, 'district')
    """
    return _load_path(resolve(name_or_path, relative_to), ())


# --- the cache: one parsed set per version of a file and of the files it extends --------

_Signature = tuple[int, int, int]
_CACHE: dict[Path, tuple[tuple[tuple[Path, _Signature], ...], CriteriaSet]] = {}
_LOCK = threading.Lock()
_KEEP = 64


def _signature(path: Path) -> _Signature | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size, info.st_ino)


def _load_path(path: Path, chain: tuple[Path, ...]) -> CriteriaSet:
    """Load ``path``; ``chain`` is the overlays being loaded that lead to it."""
    if path in chain:
        loop = " → ".join(display(p) for p in (*chain[chain.index(path) :], path))
        raise _fail(
            display(chain[-1]),
            "overlay_cycle",
            f"các bộ tiêu chí mở rộng lẫn nhau thành vòng: {loop}",
            f"the sets extend each other in a loop: {loop}",
        )
    with _LOCK:
        hit = _CACHE.get(path)
    if hit is not None and all(_signature(p) == sig for p, sig in hit[0]):
        return hit[1]
    signature = _signature(path)
    text, problems = _yaml.read_file(path, display(path))
    if text is None:
        raise SpecError(problems)
    deps: list[tuple[Path, _Signature]] = []
    spec, problems = _validate(text, display(path), path.parent, (*chain, path), deps)
    if spec is None:
        raise SpecError(problems)
    spec._origin = str(path)  # noqa: SLF001 - the loader is where a set's origin is known
    if signature is not None:
        with _LOCK:
            _CACHE[path] = (((path, signature), *deps), spec)
            while len(_CACHE) > _KEEP:
                del _CACHE[next(iter(_CACHE))]
    return spec


def load_text(text: str, source: str = "<text>", *, base_dir: Path | None = None) -> CriteriaSet:
    """Load a criteria set from YAML text; ``source`` names it in error messages.

    ``base_dir`` is where a relative ``extends:`` is looked for (the current folder if
    not given).
    """
    spec, problems = validate_text(text, source, base_dir=base_dir)
    if spec is None:
        raise SpecError(problems)
    return spec


def validate_text(
    text: str, source: str = "<text>", *, base_dir: Path | None = None
) -> tuple[CriteriaSet | None, list[Problem]]:
    """Validate YAML text; return the set (if valid) and every problem, sorted by position."""
    return _validate(text, source, base_dir, (), [])


def check(paths: list[str | os.PathLike[str]]) -> dict[str, list[Problem]]:
    """Validate files (names of bundled sets or paths); the problems of each, by file."""
    out: dict[str, list[Problem]] = {}
    for item in paths:
        try:
            path = resolve(item)
        except SpecError as exc:
            out[os.fspath(item)] = list(exc.problems)
            continue
        text, problems = _yaml.read_file(path, display(path))
        if text is not None:
            problems = _validate(text, display(path), path.parent, (path,), [])[1]
        out[display(path)] = problems
    return out


def _validate(
    text: str,
    source: str,
    base_dir: Path | None,
    chain: tuple[Path, ...],
    deps: list[tuple[Path, _Signature]],
) -> tuple[CriteriaSet | None, list[Problem]]:
    doc, problems = _yaml.parse(text, source)
    data = doc.data
    if data is None:
        return None, problems
    relocate: Callable[[DataPath], tuple[DataPath, bool]] = lambda path: (path, True)  # noqa: E731
    other = wrong_kind(data, "criteria")
    if other is not None:
        return None, [Problem(source, 1, 1, (), other, "wrong_kind")]
    if not isinstance(data, dict) or not {"id", "standards", "extends"} & set(data):
        # Said without quoting the file: a file that is not a criteria set may hold
        # anything (a password file named by mistake).
        message = Message(
            "đây không phải là tệp bộ tiêu chí (không có id, standards hay extends)",
            "this is not a criteria file (it has no id, standards or extends)",
        )
        return None, [Problem(source, 1, 1, (), message, "not_criteria")]
    if "extends" in data:
        data, relocate, overlay_problems = _apply_overlay(doc, base_dir, chain, deps)
        problems.extend(overlay_problems)
        if data is None:
            return None, _sorted(problems)
    spec: CriteriaSet | None = None
    later: list[Problem] = []
    locate: _rules.Locate = lambda path: doc.locate(relocate(path)[0])[0]  # noqa: E731
    try:
        spec = CriteriaSet.model_validate(data)
    except ValidationError as exc:
        later.extend(_pydantic_problems(doc, data, exc, relocate))
    if spec is None:
        # The rules of the whole set, with lines in their messages, even where other
        # entries are broken; the models' own run of the same rules (type "hoctap_rule")
        # was left out above as an echo of this one. A valid set kept them all.
        for path, code, message in _rules.check(data, locate):
            where, _ = relocate(path)
            later.append(doc.problem(where, message, code))
    # A value the YAML layer already refused (".nan", "01") fails the models too; the
    # YAML layer's message says why, so the models' echo of it is dropped.
    refused = {p.path for p in problems}
    problems.extend(p for p in later if p.path not in refused)
    problems = _sorted(problems)
    return (spec if not problems else None), problems


def _sorted(problems: list[Problem]) -> list[Problem]:
    unique = dict.fromkeys(problems)  # drop exact echoes, keep the first of each
    return sorted(unique, key=lambda p: (p.source, p.line, p.column, str(p.path)))


# --- overlays: a locality's variant of another set -----------------------------------------

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


def _apply_overlay(  # noqa: C901, PLR0912, PLR0915 - one pass over the overlay's entries
    doc: _yaml.Document,
    base_dir: Path | None,
    chain: tuple[Path, ...],
    deps: list[tuple[Path, _Signature]],
) -> tuple[dict[str, Any] | None, Callable[[DataPath], tuple[DataPath, bool]], list[Problem]]:
    """Merge an overlay (a file with ``extends:``) onto the set it extends.

    An overlay names itself (``id``) and replaces whole top-level entries (``title``,
    ``legal_basis``...) and, under ``indicators``, whole fields of the indicators it
    names by id; the rest comes from the base set unchanged. Returns the merged data and
    a function that takes a path in the merged data back to the overlay's own entry.
    """
    overlay = doc.data
    assert isinstance(overlay, dict)  # noqa: S101
    problems: list[Problem] = []

    def add(path: DataPath, vi: str, en: str, code: str, *, key: bool = False) -> None:
        problems.append(doc.problem(path, Message(vi, en), code, key=key))

    def nowhere(path: DataPath) -> tuple[DataPath, bool]:
        return path, True

    allowed = ", ".join(sorted(_OVERLAY_KEYS))
    for key in overlay:
        if key not in _OVERLAY_KEYS:
            add(
                (key,),
                f"khóa không dùng được trong tệp mở rộng; dùng được: {allowed}",
                f"not allowed in an overlay; allowed: {allowed}",
                "overlay_key",
                key=True,
            )
    if "id" not in overlay:
        add(
            (),
            "tệp mở rộng cần id riêng (không được dùng id của bộ gốc)",
            "an overlay needs an id of its own (it may not take the base set's)",
            "missing",
        )
    base_name = overlay["extends"]
    if not isinstance(base_name, str):
        add(("extends",), "phải là tên hoặc đường dẫn", "must be a name or a path", "wrong_type")
        return None, nowhere, problems
    try:
        base_path = resolve(base_name, base_dir)
        base = _load_path(base_path, chain)
    except SpecError as exc:
        cycle = [p for p in exc.problems if p.code == "overlay_cycle"]
        for p in cycle:
            add(("extends",), p.message.vi, p.message.en, "overlay_cycle")
        if not cycle:
            add(
                ("extends",),
                f"không tải được bộ tiêu chí gốc '{base_name}'",
                f"cannot load the base set '{base_name}'",
                "overlay_base",
            )
            problems.extend(exc.problems)
        return None, nowhere, problems
    signature = _signature(base_path)
    if signature is not None:
        deps.append((base_path, signature))
    hit = _CACHE.get(base_path)
    if hit is not None:
        deps.extend(hit[0][1:])  # what the base itself extends
    merged: dict[str, Any] = _plain(base.model_dump(mode="python", exclude_none=True))
    top = {k: v for k, v in overlay.items() if k in _OVERLAY_KEYS - {"extends", *_BY_ID}}
    merged.update(top)
    replaced: dict[DataPath, DataPath] = {}
    _restate_titles(overlay, merged, replaced, add)
    _restate_rules(overlay.get("recognition"), merged["recognition"], replaced, add)
    changes = overlay.get("indicators") or {}
    if not isinstance(changes, dict):
        add(
            ("indicators",),
            "phải là một bảng theo số hiệu chỉ báo",
            "must be a mapping by indicator id",
            "not_a_mapping",
        )
        return None, nowhere, problems
    places: dict[str, tuple[DataPath, dict[str, Any]]] = {}
    for si, std in enumerate(merged["standards"]):
        for ci, crit in enumerate(std["criteria"]):
            for ii, ind in enumerate(crit["indicators"]):
                places[ind["id"]] = (("standards", si, "criteria", ci, "indicators", ii), ind)
    for ind_id, fields in changes.items():
        if ind_id not in places:
            add(
                ("indicators", ind_id),
                f"bộ gốc không có chỉ báo {ind_id}",
                f"the base set has no indicator {ind_id}",
                "overlay_indicator",
                key=True,
            )
            continue
        if not isinstance(fields, dict):
            add(
                ("indicators", ind_id),
                "phải là một bảng khóa",
                "must be a mapping",
                "not_a_mapping",
            )
            continue
        where, ind = places[ind_id]
        for name, value in fields.items():
            if name not in _INDICATOR_OVERLAY_KEYS:
                keys = ", ".join(sorted(_INDICATOR_OVERLAY_KEYS))
                add(
                    ("indicators", ind_id, name),
                    f"không thay được mục này; thay được: {keys}",
                    f"cannot be replaced; replaceable: {keys}",
                    "overlay_key",
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

    return merged, relocate, problems


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
    add: Callable[..., None],
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
            add(
                (level,),
                "phải là một bảng theo số hiệu",
                "must be a mapping by id",
                "not_a_mapping",
            )
            continue
        for raw_id, fields in changes.items():
            where_ind = places[level].get(str(raw_id))
            if where_ind is None:
                add(
                    (level, raw_id),
                    f"bộ gốc không có số hiệu {raw_id}",
                    f"the base set has no {level[:-1] if level == 'standards' else 'criterion'} {raw_id}",
                    "overlay_indicator",
                    key=True,
                )
                continue
            if not isinstance(fields, dict):
                add((level, raw_id), "phải là một bảng khóa", "must be a mapping", "not_a_mapping")
                continue
            where, node = where_ind
            for name, value in fields.items():
                if name not in _TITLE_KEYS:
                    add(
                        (level, raw_id, name),
                        "không thay được mục này; thay được: title",
                        "cannot be replaced; replaceable: title",
                        "overlay_key",
                        key=True,
                    )
                    continue
                node[name] = value
                replaced[(*where, name)] = (level, raw_id, name)


def _restate_rules(  # noqa: C901 - each entry, each id, each field
    changes: object,
    rules: dict[str, Any],
    replaced: dict[DataPath, DataPath],
    add: Callable[..., None],
) -> None:
    """``recognition``: the wording of the rules, never the rules themselves.

    The rules' clause, notes and titles, each prerequisite's text and clause (by id),
    and each band's text (by level).
    """
    if changes is None:
        return
    if not isinstance(changes, dict):
        add(("recognition",), "phải là một bảng khóa", "must be a mapping", "not_a_mapping")
        return
    keys = ", ".join(sorted(_RECOGNITION_KEYS))
    for name, value in changes.items():
        if name not in _RECOGNITION_KEYS:
            add(
                ("recognition", name),
                f"tệp mở rộng chỉ thay được lời văn của quy tắc; thay được: {keys}",
                f"an overlay restates only the wording of the rules; replaceable: {keys}",
                "overlay_key",
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
            add(
                ("recognition", name),
                "phải là một bảng theo số hiệu",
                "must be a mapping by id",
                "not_a_mapping",
            )
            continue
        for raw_id, fields in value.items():
            found = items.get(str(raw_id))
            if found is None or not isinstance(fields, dict):
                add(
                    ("recognition", name, raw_id),
                    f"bộ gốc không có {raw_id}, hoặc đây không phải một bảng khóa",
                    f"the base set has no {raw_id}, or this is not a mapping",
                    "overlay_indicator",
                    key=True,
                )
                continue
            n, item = found
            for key, text in fields.items():
                if key not in allowed:
                    add(
                        ("recognition", name, raw_id, key),
                        f"chỉ thay được lời văn: {', '.join(sorted(allowed))}",
                        f"only the wording can be replaced: {', '.join(sorted(allowed))}",
                        "overlay_key",
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


# --- pydantic errors, located -------------------------------------------------------------


def _raw_loc(data: object, loc: tuple[str | int, ...]) -> DataPath:
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


def _pydantic_problems(
    doc: _yaml.Document,
    data: object,
    exc: ValidationError,
    relocate: Callable[[DataPath], tuple[DataPath, bool]],
    model: type[BaseModel] = CriteriaSet,
) -> list[Problem]:
    errors = [e for e in exc.errors(include_url=False) if e["type"] != "hoctap_rule"]
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
        allowed = allowed_keys(model, data, tuple(path[:-1])) if is_key else []
        if is_key:
            ctx["key"] = path[-1]
        message, code = translate(error["type"], ctx, error.get("input"), allowed)
        where, exact = relocate(full)
        out.append(doc.problem(where, message, code, key=is_key and exact))
    return out
