"""The JSON Schema of a criteria file, for editors (``# yaml-language-server: $schema=``).

It is generated from the models; ``criteria/criteria.schema.json`` is the committed copy
and a test checks that the two are the same. The schema helps an editor complete and
underline keys; hoctap's own validation is stricter (references, bands, counts).
"""

from __future__ import annotations

import json
from typing import Any

from hoctap.spec.models import CriteriaSet

__all__ = ["criteria_schema", "criteria_schema_json"]


def __dir__() -> list[str]:
    return list(__all__)


def criteria_schema() -> dict[str, Any]:
    """The schema: a whole criteria set, or an overlay that ``extends`` one.

    >>> criteria_schema()["title"]
    'hoctap criteria file'
    """
    full = CriteriaSet.model_json_schema()
    defs = full.pop("$defs")
    indicator_fields = defs["Indicator"]["properties"]
    overlay = {
        "type": "object",
        "title": "Overlay",
        "description": "A locality's variant: the set it extends, with what it words differently.",
        "required": ["extends", "id"],
        "additionalProperties": False,
        "properties": {
            "extends": {"type": "string", "description": "A bundled set's name, or a path."},
            **{
                k: full["properties"][k]
                for k in ("id", "version", "title", "legal_basis", "effective", "notes")
            },
            "indicators": {
                "type": "object",
                "description": "Replaced fields of indicators, by indicator id.",
                "additionalProperties": {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {
                        k: indicator_fields[k]
                        for k in (
                            "text",
                            "evidence",
                            "lead",
                            "coordinating",
                            "measure",
                            "interpretation",
                            "source",
                        )
                    },
                },
            },
        },
    }
    defs["CriteriaSet"] = full
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "hoctap criteria file",
        "anyOf": [{"$ref": "#/$defs/CriteriaSet"}, {"$ref": "#/$defs/Overlay"}],
        "$defs": {**defs, "Overlay": overlay},
    }


def criteria_schema_json() -> str:
    """The schema as the committed file holds it."""
    return json.dumps(criteria_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
