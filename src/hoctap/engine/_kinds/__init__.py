"""The registry of kinds of measure: each kind one module, listed here once.

To add a kind: write a module with a `hoctap.engine._kinds.kind.Kind` subclass (its
model, how it reads, decides and explains a value, its form columns) and register it
below, or from anywhere with `register`. Its model joins the measures a criteria file
may use (`hoctap.spec.models.register_measure`); nothing else changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hoctap.engine._kinds.attainment import AttainmentKind
from hoctap.engine._kinds.attested import AttestedKind
from hoctap.engine._kinds.change import ChangeKind
from hoctap.engine._kinds.count import CountKind
from hoctap.engine._kinds.share import ShareKind
from hoctap.engine._kinds.sub_units import SubUnitsKind
from hoctap.spec.models import MEASURES, register_measure

if TYPE_CHECKING:
    from hoctap.engine._kinds.kind import Kind

__all__ = ["KINDS", "kind_of", "register"]

KINDS: dict[str, Kind] = {}
"""Each kind by the word a criteria file writes for it (``kind: percent``)."""


def register(kind: Kind) -> Kind:
    """Add a kind; its model becomes a measure a file may use. Returns the kind."""
    if kind.word in KINDS:
        msg = f"a kind '{kind.word}' is registered already"
        raise ValueError(msg)
    if MEASURES.get(kind.word) is not kind.model:
        register_measure(kind.model)
    KINDS[kind.word] = kind
    return kind


def kind_of(measure: object) -> Kind:
    """The kind of a measure (``kind: percent`` is a `ShareKind`)."""
    return KINDS[measure.kind]  # type: ignore[attr-defined]


for _kind in (
    AttestedKind(),
    ShareKind(),
    ChangeKind(),
    AttainmentKind(),
    CountKind(),
    SubUnitsKind(),
):
    register(_kind)
