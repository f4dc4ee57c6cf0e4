"""The complaint-handling procedure (客户抱怨处理流程) as a state machine."""
from __future__ import annotations

import pandas as pd

from .._checks import input_error

__all__ = ["CASE_STATES", "CASE_ACTIONS", "ComplaintCase", "parse_status_history"]

CASE_STATES = ("受理", "调查", "处理", "回访", "结案")
# action: (from state, to state, Chinese label)
CASE_ACTIONS = {
    "investigate": ("受理", "调查", "调查核实"),
    "handle": ("调查", "处理", "提出并执行处理方案"),
    "follow_up": ("处理", "回访", "回访客户"),
    "close": ("回访", "结案", "客户满意，结案"),
    "escalate": ("回访", "处理", "客户不满意，升级后重新处理"),
}
# Students may name an action by its target stage in Chinese.
_ACTION_ALIASES = {"调查": "investigate", "处理": "handle", "回访": "follow_up", "结案": "close",
                   "升级": "escalate"}


class ComplaintCase:
    """一件投诉的处理流程：受理 → 调查 → 处理 → 回访 → 结案（客户抱怨处理流程）

    One complaint moving through 受理 → 调查 → 处理 → 回访 → 结案 (客户抱怨处理流程).

    Actions (English name / Chinese alias): ``investigate``/调查 (受理→调查),
    ``handle``/处理 (调查→处理), ``follow_up``/回访 (处理→回访), ``close``/结案
    (回访→结案, customer satisfied) and ``escalate``/升级 (回访→处理, customer not
    satisfied: ``escalation_level`` rises by 1 and the case is handled again
    one level up, e.g. by the supervisor).  Any other action in the current
    state raises a bilingual :class:`~crmlab.CRMLabInputError`; 结案 is final.
    Every step is kept in :attr:`history` with its time, which may not go
    backwards.
    """

    def __init__(self, case_id: str = "", received_at=None, note: str = ""):
        self.case_id = case_id
        self.state = "受理"
        self.escalation_level = 0
        self._history = [{"step": 0, "action": "receive", "from_state": "", "to_state": "受理",
                          "at": self._time(received_at, None, "received_at"), "escalation_level": 0,
                          "note": note}]

    @staticmethod
    def _time(at, previous, argument: str = "at"):
        stamp = pd.Timestamp.now().floor("s") if at is None else pd.to_datetime(at, errors="coerce")
        if pd.isna(stamp):
            raise input_error(argument, f"无法识别的时间 {at!r}", f"could not parse the time {at!r}")
        if previous is not None and stamp < previous:
            raise input_error(argument, f"时间 {stamp} 早于上一步的 {previous}",
                              f"time {stamp} is earlier than the previous step's {previous}")
        return stamp

    def allowed_actions(self) -> list[str]:
        """Actions possible in the current state (empty once 结案)."""
        return [a for a, (source, _, _) in CASE_ACTIONS.items() if source == self.state]

    def apply(self, action: str, at=None, note: str = "") -> "ComplaintCase":
        """Perform ``action`` at time ``at`` (default now); returns the case for chaining."""
        name = _ACTION_ALIASES.get(action, action)
        if name not in CASE_ACTIONS:
            raise input_error("action", f"未知操作 {action!r}，可用：{list(CASE_ACTIONS)} 或 "
                              f"{list(_ACTION_ALIASES)}",
                              f"unknown action {action!r}; use one of {list(CASE_ACTIONS)} "
                              f"or {list(_ACTION_ALIASES)}")
        source, target, label = CASE_ACTIONS[name]
        if source != self.state:
            allowed = self.allowed_actions()
            zh_allowed = "、".join(allowed) if allowed else "无（已结案）"
            # The refused step's time goes into the message: the history never records it.
            when = "" if at is None else f"{self._time(at, None):%Y-%m-%d %H:%M} "
            raise input_error("action", f"投诉处于“{self.state}”阶段，不能{'在 ' + when if when else ''}"
                              f"执行“{label}”（{name}）；"
                              f"此时可执行：{zh_allowed}",
                              f"the case is at '{self.state}', so '{name}' {('at ' + when) if when else ''}"
                              f"is not allowed; allowed now: {allowed or 'none (closed)'}")
        stamp = self._time(at, self._history[-1]["at"])
        if name == "escalate":
            self.escalation_level += 1
        self._history.append({"step": len(self._history), "action": name, "from_state": source,
                              "to_state": target, "at": stamp,
                              "escalation_level": self.escalation_level, "note": note})
        self.state = target
        return self

    def investigate(self, at=None, note=""):
        return self.apply("investigate", at, note)

    def handle(self, at=None, note=""):
        return self.apply("handle", at, note)

    def follow_up(self, at=None, note=""):
        return self.apply("follow_up", at, note)

    def close(self, at=None, note=""):
        return self.apply("close", at, note)

    def escalate(self, at=None, note=""):
        return self.apply("escalate", at, note)

    def record_follow_up_result(self, satisfied: bool, at=None, note=""):
        """At 回访: close the case if the customer is satisfied, otherwise escalate."""
        return self.apply("close" if satisfied else "escalate", at, note)

    @property
    def is_closed(self) -> bool:
        return self.state == "结案"

    @property
    def history(self) -> pd.DataFrame:
        """All steps so far: step, action, from_state, to_state, at, escalation_level, note."""
        return pd.DataFrame(self._history).set_index("step")

    @classmethod
    def from_states(cls, steps, case_id: str = "") -> "ComplaintCase":
        """Replay a recorded sequence of (state, time) pairs starting with 受理.

        Each consecutive pair of states must be one allowed transition
        (处理 after 回访 is an escalation), so a log's status history can be
        checked with ``ComplaintCase.from_states(parse_status_history(text))``.
        """
        steps = list(steps)
        if not steps or steps[0][0] != "受理":
            raise input_error("steps", "状态记录必须以“受理”开始", "the history must start with 受理")
        case = cls(case_id, steps[0][1])
        for state, at in steps[1:]:
            move = [a for a, (s, t, _) in CASE_ACTIONS.items() if s == case.state and t == state]
            if not move:
                raise input_error("steps", f"不允许从“{case.state}”直接到“{state}”",
                                  f"no transition from '{case.state}' to '{state}'")
            case.apply(move[0], at)
        return case


def parse_status_history(text: str) -> list[tuple[str, pd.Timestamp]]:
    """解析状态记录文字，如"受理 2024-03-01 09:12 > 调查 …"。

    Parse a status history such as ``"受理 2024-03-01 09:12 > 调查 2024-03-01 10:05"``."""
    if not isinstance(text, str) or not text.strip():
        raise input_error("text", "状态记录为空", "the status history is empty")
    steps = []
    for part in text.split(">"):
        state, _, when = part.strip().partition(" ")
        if state not in CASE_STATES:
            raise input_error("text", f"未知状态 {state!r}", f"unknown state {state!r}")
        stamp = pd.to_datetime(when.strip(), errors="coerce")
        if pd.isna(stamp):
            raise input_error("text", f"无法识别的时间 {when!r}", f"could not parse the time {when!r}")
        steps.append((state, stamp))
    return steps
