"""crmlab: models and lab helpers for the course 《客户关系处理》 (customer relationship handling).

Modules, one per course concept (imported on first use, so ``import crmlab``
stays fast and pulls in neither matplotlib nor ipywidgets):

- ``crmlab.value``         customer delivered value (客户让渡价值)
- ``crmlab.clv``           customer lifetime value: textbook models, BG/NBD, Gamma-Gamma
- ``crmlab.satisfaction``  CSI, 四分图 (importance-performance), NPS, PLS path models (ACSI/ECSI/CCSI)
- ``crmlab.lifecycle``     customer lifecycle stages and patterns, cohort retention
- ``crmlab.segmentation``  ABC grading, customer pyramid, RFM classes, follow-up schedules
- ``crmlab.service``       complaint metrics, complaint-handling state machine, IVR menus
- ``crmlab.records``       merging one customer's records scattered across departments
- ``crmlab.report``        survey-report outline checks and .docx export
- ``crmlab.datasets``      course datasets
- ``crmlab.plotting``      Chinese-capable matplotlib style
- ``crmlab.widgets``       ipywidgets explorers for the labs
- ``crmlab.answercheck``   answer fingerprints for the labs' visible checks, 四舍五入 rounding

Errors (错误), all subclasses of :class:`CRMLabError` with a Chinese-then-English
message: :class:`CRMLabInputError` (bad input, a ``ValueError`` naming the
argument), :class:`NotFittedError` (a model used before ``fit``, an
``AttributeError``) and :class:`ConvergenceError` (an estimation that did not
converge, a ``RuntimeError``).
"""
from __future__ import annotations

import importlib

from ._checks import ConvergenceError, CRMLabError, CRMLabInputError, NotFittedError

__version__ = "0.1.0"

_SUBMODULES = (
    "value", "clv", "satisfaction", "lifecycle", "segmentation", "service",
    "records", "report", "datasets", "plotting", "widgets", "answercheck",
)

__all__ = ["CRMLabError", "CRMLabInputError", "NotFittedError", "ConvergenceError", "__version__",
           *_SUBMODULES]


def __getattr__(name: str):
    if name in _SUBMODULES:
        module = importlib.import_module(f".{name}", __name__)
        globals()[name] = module
        return module
    raise AttributeError(f"module 'crmlab' has no attribute {name!r}")


def __dir__():
    return sorted(__all__)
