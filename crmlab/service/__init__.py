"""Customer service (客户服务): complaint metrics, the complaint procedure, IVR voice menus.

- :func:`complaint_metrics`: response and resolution times, closure rate,
  回访率 and satisfaction after handling, per category, channel or handler,
  checked against service standards (respond within 24 h, 回访 within 2 days
  of handling, 回访率 >= 90 %).
- :class:`ComplaintCase`: the complaint-handling procedure (客户抱怨处理流程)
  受理 → 调查 → 处理 → 回访 → 结案 as a state machine; an unsatisfied customer
  at 回访 sends the case back to 处理 one escalation level higher.
- :class:`IVRMenu`: a call centre's interactive voice menu (自动语音应答):
  build, validate, simulate, print.
"""
from __future__ import annotations

from .complaints import COMPLAINT_COLUMNS, METRIC_NAMES_ZH, complaint_case_flags, complaint_metrics
from .ivr import VALID_KEYS, IVRMenu, IVRProblem
from .procedure import CASE_ACTIONS, CASE_STATES, ComplaintCase, parse_status_history

__all__ = [
    "COMPLAINT_COLUMNS", "METRIC_NAMES_ZH", "complaint_case_flags", "complaint_metrics",
    "CASE_STATES", "CASE_ACTIONS", "ComplaintCase", "parse_status_history",
    "VALID_KEYS", "IVRProblem", "IVRMenu",
]
