"""The corrections hoctap makes to the documents' own wording, as the annex lists them.

They live in ``sources/corrections.yaml`` beside the vendored documents (and inside the
wheel), where tests/unit/spec/test_sources.py checks each against the document it corrects.
"""

from __future__ import annotations

import functools
import importlib.resources
from pathlib import Path
from typing import NamedTuple

from hoctap.errors import Message
from hoctap.files import _yaml

__all__ = ["Correction", "corrections"]


class Correction(NamedTuple):
    """A correction hoctap makes to a document's own wording, with its note."""

    at: str
    """Where in the set: ``3.1.2 text``, ``3.1.1 evidence``..."""
    source: str
    """What the document says."""
    ours: str
    """What the set says instead."""
    note: Message


@functools.cache
def corrections(set_id: str) -> tuple[Correction, ...]:
    """The corrections of the documents' wording made in a bundled set (by its id).

    They are listed, each with its note, in ``sources/corrections.yaml`` (carried inside
    the wheel too), which tests/unit/spec/test_sources.py checks against the documents.

    >>> [c.at for c in corrections("province")]
    ['3.1.2 evidence']
    """
    packaged = importlib.resources.files("hoctap") / "sources" / "corrections.yaml"
    path = (
        Path(str(packaged))
        if packaged.is_file()
        else Path(__file__).resolve().parents[3] / "sources" / "corrections.yaml"
    )
    if not path.is_file():  # pragma: no cover - a build without the sources
        return ()
    doc, _ = _yaml.parse(path.read_text(encoding="utf-8"), str(path))
    edits = doc.data.get("edits", ()) if isinstance(doc.data, dict) else ()
    return tuple(
        Correction(e["at"], e["source"], e["ours"], Message(e["note"]["vi"], e["note"]["en"]))
        for e in edits
        if e.get("set") == set_id
    )
