"""The JSON record of an evaluation, described: its shape and the meaning of each field.

`Evaluation.to_dict` writes a record (``hoctap evaluate --format json``); `record_schema`
is its JSON Schema, published as ``docs/record.schema.json``, so that another system can
read a record without hoctap and check it with any JSON Schema tool. The tests hold every
record hoctap writes to this shape.

Exact numbers are written as text: a decimal where it ends (``"85.5"``), a fraction where
it does not (``"200/3"``, two hundred thirds): a JSON number would be read as a float
and lose the edge a threshold stands on.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import ConfigDict, TypeAdapter, with_config
from typing_extensions import TypedDict

__all__ = ["Record", "record_schema", "record_schema_json"]

Exact = str
"""An exact number as text: ``"85.5"``, ``"-0.00015"``, ``"200/3"``."""


@with_config(ConfigDict(extra="forbid"))
class Words(TypedDict):
    """A text in both languages."""

    vi: str
    en: str


@with_config(ConfigDict(extra="forbid"))
class Chosen(TypedDict, total=False):
    """How the set was chosen: named by the assessment, or by the registry."""

    by: Literal["name", "tier and year"]
    set: str
    tier: str
    year: int
    locality: str | None


@with_config(ConfigDict(extra="forbid"))
class CriteriaRef(TypedDict):
    """The set the unit was judged by, exactly: its content's SHA-256 and its file."""

    id: str
    version: str
    sha256: str
    origin: str
    chosen: Chosen


@with_config(ConfigDict(extra="forbid"))
class PartRecord(TypedDict):
    """One part of an indicator read part by part."""

    id: str
    value: Exact | None
    met: bool | None
    count: int | None
    total: int | None
    previous: Exact | None
    current: Exact | None


@with_config(ConfigDict(extra="forbid"))
class UnitRecord(TypedDict):
    """One unit behind a share, or a sub-unit rolled up: whether it counted, and why."""

    name: str
    counted: bool | None
    vi: str
    en: str


@with_config(ConfigDict(extra="forbid"))
class IndicatorRecord(TypedDict):
    """One indicator's result: the value given, the exact value, met or not, its band."""

    id: str
    rule: Words
    clause: str
    given: Any
    """The value exactly as the assessment gave it; null when missing."""
    outcome: Literal["met", "not_met", "missing", "not_applicable"]
    value: Exact | None
    count: int | None
    total: int | None
    previous: Exact | None
    current: Exact | None
    band: int | None
    banded: bool
    observed: Words
    parts: list[PartRecord]
    deciding_part: str | None
    units: list[UnitRecord]
    none: bool
    by_level: list[int]
    """For sub-units by level: how many are recognised at level 1, 2... exactly."""


@with_config(ConfigDict(extra="forbid"))
class BlockerRecord(TypedDict):
    """What stands between the unit and the next level, in its input's units."""

    id: str
    next_level: int
    vi: str
    en: str
    more: int | None
    gap: Exact | None


@with_config(ConfigDict(extra="forbid"))
class StepRecord(TypedDict):
    """One step of the trace, with the steps under it."""

    kind: str
    id: str
    rule: Words
    observed: Words | None
    outcome: str
    clause: str
    decisive: bool
    children: list[StepRecord]


@with_config(ConfigDict(extra="forbid"))
class PastRecord(TypedDict):
    """A past recognition decision."""

    level: int
    date: str
    decision: str | None


@with_config(ConfigDict(extra="forbid"))
class StandingRecord(TypedDict):
    """The unit's recognition over time, for the assessed year."""

    kind: Literal["first", "renewal", "upgrade", "too_early", "lower", "none"]
    held: PastRecord | None
    held_until: int | None
    may_request_from: str | None
    vi: str
    en: str


@with_config(ConfigDict(extra="forbid"))
class _Required(TypedDict):
    hoctap_version: str
    criteria: CriteriaRef
    unit: str
    kind: str | None
    period: str | None
    input_hash: str
    """SHA-256 of the input: the set's content, the unit, kind, period and values."""
    status: Literal["recognised", "not_recognised", "incomplete"]
    level: int | None
    title: Words | None
    possible_levels: list[int]
    warnings: list[Words]
    decided_by: list[str]
    indicators: list[IndicatorRecord]
    blockers: list[BlockerRecord]
    trace: StepRecord
    units: list[Record]
    """A city's districts (a district's communes): each one's own record."""


@with_config(ConfigDict(extra="forbid"))
class Record(_Required, total=False):
    """The JSON record of one evaluation (`hoctap.Evaluation.to_dict`)."""

    attributes: list[str]
    """What the unit is that changes its thresholds (``disadvantaged``)."""
    history: list[PastRecord]
    requested_on: str
    units_from: dict[str, Any]
    """Where a city's list of units came from: ``{"locality": ...}`` or ``{"names": [...]}``."""
    standing: StandingRecord


_ADAPTER: TypeAdapter[Record] = TypeAdapter(Record)


def record_schema() -> dict[str, Any]:
    """The JSON Schema of a record (draft 2020-12), as pydantic writes it from `Record`."""
    schema: dict[str, Any] = _ADAPTER.json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "hoctap evaluation record"
    schema["description"] = (__doc__ or "").strip()
    return schema


def record_schema_json() -> str:
    """`record_schema` as JSON text, as ``docs/record.schema.json`` holds it."""
    return json.dumps(record_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def check_record(record: object) -> Record:
    """A record held to the schema (pydantic's validation of `Record`); raises if it is not."""
    return _ADAPTER.validate_python(record, strict=True)
