"""Two criteria sets compared, rule by rule.

What was added, removed, reworded, and whether each threshold became stricter or looser.

The comparison a proposal to amend the criteria needs ("nếu chỉ báo này là 85% thay vì
90%..."): indicators matched by id, or by a mapping where the ids differ (the pilot's
district set and Thông tư 25's); every threshold (the measure's, each level's, each kind
of unit's, each part's) compared exactly, on `Decimal`; the rules, the levels, the
agencies, the evidence, the legal basis and the dates. Pure: `diff` reads two sets.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from hoctap.errors import Message

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from hoctap.spec._measures import Threshold
    from hoctap.spec.models import CriteriaSet, Indicator

__all__ = ["Change", "SetDiff", "diff", "strictness"]

Kind = Literal["added", "removed", "reworded", "stricter", "looser", "neither", "changed"]

_MIRROR: dict[str, Kind] = {
    "added": "removed",
    "removed": "added",
    "stricter": "looser",
    "looser": "stricter",
}


class Change(NamedTuple):
    """One difference: where, what kind, and the two sides as written."""

    where: str
    """``2.1.2``, ``2.1.2 measure.by_level.0``, ``recognition.levels``, ``legal_basis``."""
    kind: Kind
    before: str
    after: str

    def words(self) -> Message:
        """The change in both languages."""
        said = {
            "added": ("thêm", "added"),
            "removed": ("bỏ", "removed"),
            "reworded": ("đổi lời văn", "reworded"),
            "stricter": ("chặt hơn", "stricter"),
            "looser": ("nới hơn", "looser"),
            "neither": (
                "khác hẳn (không so được chặt hay nới)",
                "different (neither stricter nor looser)",
            ),
            "changed": ("đổi", "changed"),
        }[self.kind]
        if self.kind == "removed":
            both = f": {self.before}"
        elif self.kind == "added":
            both = f": {self.after}"
        else:
            both = f": {self.before} → {self.after}" if self.before or self.after else ""
        return Message(f"{self.where}: {said[0]}{both}", f"{self.where}: {said[1]}{both}")

    def mirrored(self) -> Change:
        """The same change read from the other side (``diff(b, a)``)."""
        return Change(self.where, _MIRROR.get(self.kind, self.kind), self.after, self.before)


class SetDiff(NamedTuple):
    """Every difference between two sets, in the order of set A's text."""

    a: str
    b: str
    changes: tuple[Change, ...]
    mapping: tuple[tuple[str, str], ...] = ()
    """Indicator ids of A matched to ids of B where they differ."""

    @property
    def empty(self) -> bool:
        """Whether the sets say the same."""
        return not self.changes

    def counts(self) -> dict[str, int]:
        """How many changes of each kind."""
        out: dict[str, int] = {}
        for change in self.changes:
            out[change.kind] = out.get(change.kind, 0) + 1
        return out

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON data."""
        return {
            "a": self.a,
            "b": self.b,
            "mapping": dict(self.mapping),
            "counts": self.counts(),
            "changes": [
                {
                    "where": c.where,
                    "kind": c.kind,
                    "before": c.before,
                    "after": c.after,
                    "vi": c.words().vi,
                    "en": c.words().en,
                }
                for c in self.changes
            ],
        }


def strictness(before: Threshold, after: Threshold) -> Kind | None:
    """Whether ``after`` asks more (stricter) or less (looser) than ``before``; None if equal.

    A floor (≥, >) is stricter when higher, or when the same edge stops counting (≥ → >);
    a ceiling (≤, <) when lower, or ≤ → <. A floor against a ceiling is neither.

    >>> from hoctap.spec._measures import Threshold
    >>> strictness(Threshold(at_least=90), Threshold(at_least=85))
    'looser'
    >>> strictness(Threshold(at_least=80), Threshold(above=80))
    'stricter'
    >>> strictness(Threshold(below=Decimal("0.05")), Threshold(at_most=Decimal("0.05")))
    'looser'
    """
    floor_a, floor_b = before.op[0] == ">", after.op[0] == ">"
    if floor_a != floor_b:
        return "neither"
    if before.value == after.value:
        if before.op == after.op:
            return None
        strict_b = after.op in {">", "<"}
        return "stricter" if strict_b else "looser"
    higher = after.value > before.value
    return "stricter" if higher == floor_a else "looser"


def diff(a: CriteriaSet, b: CriteriaSet, mapping: Mapping[str, str] | None = None) -> SetDiff:
    """Every difference between set ``a`` and set ``b``.

    ``mapping`` matches an indicator of ``a`` to one of ``b`` where the ids differ; any
    other is matched by its id, the rest listed as removed (in ``a`` only) or added.

    >>> from hoctap import load
    >>> d = diff(load("district"), load("district-haiphong"))
    >>> sorted(d.counts())
    ['changed', 'reworded']
    >>> diff(load("district"), load("district")).empty
    True
    """
    pairs = {**{i: i for i in a.indicators if i in b.indicators}, **dict(mapping or {})}
    changes = [*_top(a, b)]
    for ind_id, ind in a.indicators.items():
        other = pairs.get(ind_id)
        if other is None or other not in b.indicators:
            changes.append(Change(ind_id, "removed", _short(ind), ""))
            continue
        changes += _indicator(
            ind_id if ind_id == other else f"{ind_id}→{other}", ind, b.indicators[other]
        )
    matched = set(pairs.values())
    changes += [
        Change(i, "added", "", _short(ind)) for i, ind in b.indicators.items() if i not in matched
    ]
    changes += _rules(a, b)
    changed_ids = tuple((k, v) for k, v in (mapping or {}).items() if k != v)
    return SetDiff(a.id, b.id, tuple(changes), changed_ids)


def _short(ind: Indicator) -> str:
    return f"{ind.text.vi[:80]}{'…' if len(ind.text.vi) > 80 else ''} [{ind.measure.rule(ind.id)}]"


def _top(a: CriteriaSet, b: CriteriaSet) -> Iterator[Change]:
    """The set's own entries: its title, unit, legal basis, dates."""
    if a.title != b.title:
        yield Change("title", "reworded", a.title.vi, b.title.vi)
    if a.unit != b.unit:
        yield Change("unit", "changed", a.unit, b.unit)
    basis_a = "; ".join(str(d) for d in a.legal_basis)
    basis_b = "; ".join(str(d) for d in b.legal_basis)
    if basis_a != basis_b:
        yield Change("legal_basis", "changed", basis_a, basis_b)
    dates_a = f"{a.effective.start}–{a.effective.end or ''}"
    dates_b = f"{b.effective.start}–{b.effective.end or ''}"
    if dates_a != dates_b:
        yield Change("effective", "changed", dates_a, dates_b)


def _indicator(where: str, a: Indicator, b: Indicator) -> Iterator[Change]:
    """One matched indicator: its words, its agencies and evidence, its thresholds."""
    if a.text != b.text:
        yield Change(f"{where} text", "reworded", a.text.vi, b.text.vi)
    if a.evidence != b.evidence:
        yield Change(
            f"{where} evidence",
            "reworded",
            a.evidence.vi if a.evidence else "",
            b.evidence.vi if b.evidence else "",
        )
    if (a.lead, a.coordinating) != (b.lead, b.coordinating):
        yield Change(
            f"{where} agencies",
            "changed",
            "; ".join(filter(None, (a.lead, *a.coordinating))),
            "; ".join(filter(None, (b.lead, *b.coordinating))),
        )
    if (a.applies_to, a.not_for) != (b.applies_to, b.not_for):
        yield Change(
            f"{where} units",
            "changed",
            f"{list(a.applies_to)} / {list(a.not_for)}",
            f"{list(b.applies_to)} / {list(b.not_for)}",
        )
    yield from _measure(where, a, b)


def _measure(where: str, a: Indicator, b: Indicator) -> Iterator[Change]:
    """A matched indicator's measure: each threshold's strictness, then its other entries."""
    ma, mb = a.measure, b.measure
    if ma.kind != mb.kind:
        yield Change(f"{where} measure", "neither", ma.rule(a.id), mb.rule(b.id))
        return
    ta, tb = _thresholds(ma), _thresholds(mb)
    for at in _union(ta, tb):
        before, after = ta.get(at), tb.get(at)
        if before is None or after is None:
            yield _one_side(f"{where} measure.{at}", before, after)
            continue
        kind = strictness(before, after)
        if kind is not None:
            yield Change(f"{where} measure.{at}", kind, str(before), str(after))
    rest_a = {k: v for k, v in _plain(ma).items() if k not in _THRESHOLD_KEYS}
    rest_b = {k: v for k, v in _plain(mb).items() if k not in _THRESHOLD_KEYS}
    for key in _union(rest_a, rest_b):
        va, vb = rest_a.get(key), rest_b.get(key)
        if va != vb:
            words = _is_words(va) and _is_words(vb)  # "counted", "total": wording only
            yield Change(
                f"{where} measure.{key}", "reworded" if words else "changed", _said(va), _said(vb)
            )


def _union(a: Mapping[str, Any], b: Mapping[str, Any]) -> list[str]:
    """The keys of ``a`` in its order, then those only ``b`` has."""
    return [*a, *(k for k in b if k not in a)]


def _one_side(where: str, before: object, after: object) -> Change:
    """Something only one of the two sets has: added (B only) or removed (A only)."""
    return Change(
        where,
        "added" if before is None else "removed",
        "" if before is None else str(before),
        "" if after is None else str(after),
    )


def _is_words(value: object) -> bool:
    return isinstance(value, dict) and set(value) == {"vi", "en"}


_THRESHOLD_KEYS = frozenset({"meets", "by_level", "when", "parts"})


def _thresholds(measure: Any) -> dict[str, Threshold]:
    """Every threshold of a measure by where it stands (``meets``, ``by_level.0.meets``...)."""
    found = getattr(measure, "thresholds", None)
    return dict(found()) if found is not None else {}


def _plain(measure: Any) -> dict[str, Any]:
    return dict(measure.model_dump(mode="json", exclude_defaults=True))


def _said(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dict) and set(value) == {"vi", "en"}:
        return str(value["vi"])
    return str(value)


def _rules(a: CriteriaSet, b: CriteriaSet) -> Iterator[Change]:
    """The recognition rules: prerequisites, banded indicators, levels, titles."""
    ra, rb = a.recognition, b.recognition
    yield from _prerequisites(a, b)
    if ra.banded != rb.banded:
        yield Change("recognition.banded", "changed", ", ".join(ra.banded), ", ".join(rb.banded))
    for n in range(max(len(ra.levels), len(rb.levels))):
        la = ra.levels[n] if n < len(ra.levels) else None
        lb = rb.levels[n] if n < len(rb.levels) else None
        where = f"recognition.levels.{n + 1}"
        if la is None or lb is None:
            yield _one_side(where, la, lb)
        elif str(la) != str(lb):
            yield Change(where, _band(la, lb), str(la), str(lb))
        elif la.text != lb.text:
            yield Change(f"{where} text", "reworded", la.text.vi, lb.text.vi)
    titles_a = "; ".join(f"{t.kind}: {t.vi}" for t in ra.titles)
    titles_b = "; ".join(f"{t.kind}: {t.vi}" for t in rb.titles)
    if titles_a != titles_b:
        yield Change("recognition.titles", "reworded", titles_a, titles_b)


def _prerequisites(a: CriteriaSet, b: CriteriaSet) -> Iterator[Change]:
    """Each prerequisite added, removed, looking at other indicators, or reworded."""
    pa = {p.id: p for p in a.recognition.prerequisites}
    pb = {p.id: p for p in b.recognition.prerequisites}
    for pid in _union(pa, pb):
        before, after = pa.get(pid), pb.get(pid)
        if before is None or after is None:
            yield _one_side(f"recognition.{pid}", before, after)
        elif before.all_met != after.all_met:
            yield Change(
                f"recognition.{pid}", "changed", ", ".join(before.all_met), ", ".join(after.all_met)
            )
        elif before.text != after.text:
            yield Change(f"recognition.{pid} text", "reworded", before.text.vi, after.text.vi)


def _band(a: Any, b: Any) -> Kind:
    """A level's band moved: stricter when its lower edge rose, looser when it fell."""
    if a.own or b.own:
        return "changed"
    low_a, low_b = Decimal(a.low), Decimal(b.low)
    if low_a == low_b:
        if a.low_inclusive == b.low_inclusive:
            return "changed"
        return "looser" if b.low_inclusive else "stricter"
    return "stricter" if low_b > low_a else "looser"
