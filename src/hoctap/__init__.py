"""hoctap: Vietnam's criteria for recognising learning communities, as checkable data and code.

The calls most users need:

- ``hoctap.evaluate("district", {"2.1.1": 85, ...}, unit="Quận Lê Chân")``: a level and why;
- ``hoctap.evaluate_file("assessment.yaml")``: the same from a YAML or JSON file;
- ``hoctap.load("district")``: a bundled criteria set by name (or any file by path);
  ``hoctap.load("commune", year=2025)``: the set in force for a tier that year;
- ``hoctap.verify(record)``: a JSON record evaluated again, and whether it still holds.

>>> import hoctap
>>> print(hoctap.load("district").indicator("2.2.3"))
2.2.3 ≥ 100%
>>> hoctap.evaluate("district", {"1.1.1": "không đạt"}).status
'not_recognised'
"""

from __future__ import annotations

from hoctap._display import set_display_language
from hoctap._version import __version__
from hoctap.api import (
    Verification,
    diff,
    duties_for,
    evaluate,
    evaluate_file,
    evaluate_many,
    impact,
    read_assessment,
    template,
    verify,
)
from hoctap.batch._rows import BatchError
from hoctap.engine._assessment import Assessment
from hoctap.errors import HoctapError, InputError, Message, Problem, SpecError
from hoctap.files._loading import bundled_names, check, load, load_text, locality, report_request
from hoctap.results.duties import Duties
from hoctap.results.evaluation import Evaluation, evaluate_assessment
from hoctap.results.trace import Blocker, IndicatorResult, Step
from hoctap.spec.models import CriteriaSet, Indicator, Locality

__all__ = [
    "Assessment",
    "BatchError",
    "Blocker",
    "CriteriaSet",
    "Duties",
    "Evaluation",
    "HoctapError",
    "Indicator",
    "IndicatorResult",
    "InputError",
    "Locality",
    "Message",
    "Problem",
    "SpecError",
    "Step",
    "Verification",
    "__version__",
    "bundled_names",
    "check",
    "diff",
    "duties_for",
    "evaluate",
    "evaluate_assessment",
    "evaluate_file",
    "evaluate_many",
    "impact",
    "load",
    "load_text",
    "locality",
    "read_assessment",
    "report_request",
    "set_display_language",
    "template",
    "verify",
]


def __dir__() -> list[str]:
    return __all__
