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

import datetime as dt
import functools
import importlib.resources
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from pydantic import BaseModel, ValidationError

from hoctap._problems import Problems
from hoctap.errors import DataPath, HoctapError, Message, Problem, SpecError
from hoctap.files import _yaml
from hoctap.files._kinds import wrong_kind
from hoctap.files._overlays import apply_overlay
from hoctap.spec import _rules
from hoctap.spec._messages import allowed_keys, below, translate
from hoctap.spec._registry import Registry
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

    >>> bundled_names()  # doctest: +NORMALIZE_WHITESPACE
    ('city', 'district', 'district-haiphong', 'province', 'tt24-unit-district',
     'tt24-unit-province', 'tt25-commune', 'tt25-district', 'tt25-province')
    """
    # registry.yaml beside them is the registry of sets (`registry`), not a set
    return tuple(sorted(p.stem for p in bundled_dir().glob("*.yaml") if p.stem != "registry"))


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
    return _data_file(bundled_dir() / folder / f"{name}.yaml", model)[0]


_UNIT_OF_TIER = {
    "commune": "commune",
    "district": "district",
    "city": "city",
    "province": "province",
    "unit-district": "organisation",
    "unit-province": "organisation",
}
"""The kind of unit (a set's ``unit``) each tier of the registry judges."""


@functools.cache
def registry() -> Registry:
    """The registry of sets (``criteria/registry.yaml``), checked against the sets.

    Which set is in force for a tier and an assessment year; every entry names a bundled
    set that judges its tier's units.

    >>> [e.set for e in registry().entries(year=2024)][:2]
    ['tt25-commune', 'tt25-district']
    """
    path = bundled_dir() / "registry.yaml"
    found, doc = _data_file(path, Registry)
    problems = Problems(display(path), doc)
    names = bundled_names()
    for n, entry in enumerate(found.sets):
        if entry.set not in names:
            problems.add(
                ("sets", n, "set"),
                "file_not_found",
                f"không có bộ tiêu chí có sẵn '{entry.set}' (có: {', '.join(names)})",
                f"there is no bundled set '{entry.set}' (there are: {', '.join(names)})",
            )
        elif load(entry.set).unit != _UNIT_OF_TIER.get(entry.tier, entry.tier):
            problems.add(
                ("sets", n, "tier"),
                "wrong_set",
                f"bộ '{entry.set}' đánh giá đơn vị {load(entry.set).unit}, không phải cấp {entry.tier}",
                f"the set '{entry.set}' judges a {load(entry.set).unit}, not the {entry.tier} tier",
            )
    problems.check(SpecError)
    return found


def _data_file(path: Path, model: type[_D]) -> tuple[_D, _yaml.Document]:
    """A data file, validated, every problem located; and its document."""
    text, problems = _yaml.read_file(path, display(path))
    if text is None:
        raise SpecError(problems)
    doc, problems = _yaml.parse(text, display(path))
    if problems:
        raise SpecError(problems)
    try:
        return model.model_validate(doc.data), doc
    except ValidationError as exc:
        raise SpecError(
            _pydantic_problems(doc, doc.data, exc, lambda p: (p, True), model)
        ) from None


def _fail(source: str, code: str, vi: str, en: str) -> HoctapError:
    return Problems(source).refused((), code, vi, en, error=SpecError)


def resolve(name_or_path: str | os.PathLike[str], relative_to: Path | None = None) -> Path:
    """The file a set's name or path means: the one precedence every entry point uses.

    A bundled set's name is that set, whatever files lie about; anything else is a path
    to a ``.yaml`` file, taken relative to ``relative_to`` (the folder of the file that
    names it) or else to the current folder. Raises `SpecError` for anything else,
    without opening it.

    >>> resolve("district").name
    'district.yaml'
    >>> resolve("/etc/passwd")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    hoctap.errors.SpecError: /etc/passwd: (top level): không phải tên bộ tiêu chí có sẵn (city, district, ...), cũng không phải tệp .yaml / neither a bundled set's name (city, district, ...) nor a .yaml file
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


def load(
    name_or_path: str | os.PathLike[str],
    *,
    relative_to: Path | None = None,
    year: int | None = None,
    on: dt.date | None = None,
    locality: str | None = None,
) -> CriteriaSet:
    """Load a bundled criteria set by name, or any criteria file by path.

    With ``year``, ``name_or_path`` is a tier (``commune``, ``district``, ``province``...)
    and the set is the one in force for it that assessment year (`registry`), for
    ``locality`` where the sets differ by locality (the 2022 pilot); with ``on``, a day,
    the one whose dates in force (``effective``) hold that day.

    Raises `SpecError` listing every problem if the file is not valid, or if no set is in
    force for the tier that year. A file is read again when it, or a set it extends, has
    changed on disk since it was last read.

    >>> district = load("district")
    >>> district.structure.indicators, district.unit
    (16, 'district')
    >>> load("commune", year=2025).id
    'tt25-commune'
    >>> load("district", year=2026)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    hoctap.errors.SpecError: district: (top level): không còn cấp huyện năm 2026: ...
    """
    if year is not None:
        return load(in_force(str(name_or_path), year, locality))
    if on is not None:
        return load(in_force_on(str(name_or_path), on, locality))
    return _load_path(resolve(name_or_path, relative_to), ())


def in_force_on(tier: str, day: dt.date, locality: str | None = None) -> str:
    """The name of the set of ``tier`` in force on ``day`` (its ``effective`` dates).

    >>> in_force_on("commune", dt.date(2024, 6, 1))
    'tt25-commune'
    """
    found = registry()
    known = found.tier(tier)
    if (
        known is not None
        and known.until is not None
        and known.ended is not None
        and day > known.until
    ):
        raise _fail(
            tier,
            "no_set_in_force",
            f"không còn {known.name.vi} ngày {day:%d/%m/%Y}: {known.ended.vi}",
            f"there is no {known.name.en} on {day:%d/%m/%Y}: {known.ended.en}",
        )
    names = [
        e.set
        for e in found.entries(tier)
        if (not e.localities or locality is None or locality in e.localities)
        and load(e.set).effective.start <= day <= (load(e.set).effective.end or dt.date.max)
    ]
    if len(names) == 1:
        return names[0]
    listed = ", ".join(
        f"{e.set} ({load(e.set).effective.start:%d/%m/%Y}–{'' if load(e.set).effective.end is None else format(load(e.set).effective.end, '%d/%m/%Y')})"
        for e in found.entries(tier)
    )
    raise _fail(
        tier,
        "no_set_in_force",
        f"{'không có' if not names else 'có nhiều hơn một'} bộ tiêu chí cấp '{tier}' có hiệu lực ngày {day:%d/%m/%Y}; có: {listed or '—'}",
        f"{'no' if not names else 'more than one'} '{tier}' set in force on {day:%d/%m/%Y}; there are: {listed or '—'}",
    )


def in_force(tier: str, year: object, locality: str | None = None) -> str:
    """The name of the set in force for a unit of ``tier`` assessed for ``year``.

    Raises `SpecError` saying why there is none: a year no set covers, a tier that no
    longer exists that year (the district level after 2025), sets that differ by locality.
    """
    if not isinstance(year, int) or isinstance(year, bool):
        raise _fail(
            tier,
            "wrong_type",
            f"năm phải là số nguyên, nhận {year!r}",
            f"the year must be a whole number, got {year!r}",
        )
    chosen = registry().choose(tier, year, locality)
    if isinstance(chosen, Message):
        raise _fail(tier, "no_set_in_force", chosen.vi, chosen.en)
    return chosen.set


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
        base_of = functools.partial(_base_of, base_dir=base_dir, chain=chain, deps=deps)
        data, relocate, overlay_problems = apply_overlay(doc, base_of)
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


def _base_of(
    name: str,
    *,
    base_dir: Path | None,
    chain: tuple[Path, ...],
    deps: list[tuple[Path, _Signature]],
) -> CriteriaSet:
    """The set an overlay extends; the files it depends on are kept for the cache."""
    path = resolve(name, base_dir)
    base = _load_path(path, chain)
    signature = _signature(path)
    if signature is not None:
        deps.append((path, signature))
    hit = _CACHE.get(path)
    if hit is not None:
        deps.extend(hit[0][1:])  # what the base itself extends
    return base


def _sorted(problems: list[Problem]) -> list[Problem]:
    unique = dict.fromkeys(problems)  # drop exact echoes, keep the first of each
    return sorted(unique, key=lambda p: (p.source, p.line, p.column, str(p.path)))


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
            full = (*path, *below(ctx["at"]))
        is_key = error["type"] == "extra_forbidden"
        allowed = allowed_keys(model, data, tuple(path[:-1])) if is_key else []
        if is_key:
            ctx["key"] = path[-1]
        message, code = translate(error["type"], ctx, error.get("input"), allowed)
        where, exact = relocate(full)
        out.append(doc.problem(where, message, code, key=is_key and exact))
    return out
