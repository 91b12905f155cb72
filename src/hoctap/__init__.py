"""hoctap: Vietnam's criteria for recognising learning districts, cities and provinces.

The calls most users need:

- ``hoctap.load("district")``: a bundled criteria set by name (or any file by path);
- ``hoctap.bundled_names()``: the names of the bundled sets;
- ``hoctap.check([...])``: every problem of criteria files, located.

>>> import hoctap
>>> print(hoctap.load("district").indicator("2.2.3"))
2.2.3 ≥ 100%
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("hoctap")
except PackageNotFoundError:  # pragma: no cover - running from a bare source tree
    __version__ = "0+unknown"

from hoctap.errors import HoctapError, InputError, Message, Problem, SpecError
from hoctap.loading import bundled_names, check, load, load_text
from hoctap.models import CriteriaSet, Indicator

__all__ = [
    "CriteriaSet",
    "HoctapError",
    "Indicator",
    "InputError",
    "Message",
    "Problem",
    "SpecError",
    "__version__",
    "bundled_names",
    "check",
    "load",
    "load_text",
]


def __dir__() -> list[str]:
    return __all__
