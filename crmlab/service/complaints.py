"""Complaint-log metrics (投诉处理指标): response, resolution, closure, 回访 and satisfaction."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .._checks import (as_float_array, input_error, require_columns, require_in_range,
                       require_non_empty, to_datetime_column)

__all__ = ["COMPLAINT_COLUMNS", "METRIC_NAMES_ZH", "complaint_case_flags", "complaint_metrics"]

# Column names of the course's complaint log (crmlab.datasets.load_complaints).
COMPLAINT_COLUMNS = {
    "received": "受理时间", "responded": "首次响应时间", "handled": "处理完成时间",
    "followed_up": "回访时间", "satisfaction": "回访满意度", "status": "当前状态",
}


def _blank_to_na(values: pd.Series) -> pd.Series:
    """Empty or blank text cells become missing values."""
    if values.dtype == object or pd.api.types.is_string_dtype(values):
        blank = values.map(lambda v: isinstance(v, str) and not v.strip(), na_action="ignore")
        return values.astype(object).mask(blank.fillna(False).astype(bool))
    return values


def _times(log, column, argument, *, optional=True):
    values = log[column]
    values = _blank_to_na(log[column])  # blank cells of a spreadsheet mean "no time yet"
    if optional and values.isna().all():
        return pd.Series(pd.NaT, index=log.index, dtype="datetime64[ns]")
    present = values.notna()
    parsed = pd.Series(pd.NaT, index=log.index, dtype="datetime64[ns]")
    if present.any():
        parsed[present] = to_datetime_column(values[present], argument).astype("datetime64[ns]")
    if not optional and not present.all():
        raise input_error(argument, f"有 {int((~present).sum())} 个时间缺失",
                          f"{int((~present).sum())} time(s) are missing")
    return parsed


def _hours(later: pd.Series, earlier: pd.Series, later_name: str, earlier_name: str) -> pd.Series:
    hours = (later - earlier).dt.total_seconds() / 3600
    if (hours < 0).any():
        raise input_error(later_name, f"有 {int((hours < 0).sum())} 条记录早于{earlier_name}",
                          f"{int((hours < 0).sum())} record(s) are earlier than {earlier_name}")
    return hours


def complaint_case_flags(log: pd.DataFrame, response_hours: float = 24, followup_days: float = 2,
                         satisfied_score: float = 4, as_of=None, columns: dict | None = None,
                         satisfaction_scale=(1, 5)) -> pd.DataFrame:
    """逐条投诉的时效与回访情况，以及是否达到服务标准。

    Per-complaint service figures and standard checks (逐条投诉的时效与回访).

    ``columns`` maps the roles of :data:`COMPLAINT_COLUMNS` (received,
    responded, handled, followed_up, satisfaction, status) to column names;
    defaults are the course log's Chinese headers.  Empty cells mean "not yet".

    - ``response_hours`` = first response − received (hours);
      ``late_response``: response later than ``response_hours`` after receipt,
      or no response although ``as_of`` (default: latest time in the log) is
      already past that deadline.
    - ``resolution_hours`` = handled − received; ``handled``: handling finished.
    - ``closed``: status is 结案.
    - ``followed_up``: handled and a 回访 time is recorded; ``followup_due``:
      handled, and either followed up or handled more than ``followup_days``
      days before ``as_of`` (a case handled yesterday is not yet owed a 回访);
      ``missing_followup``: due but no 回访; ``late_followup``: the 回访 came
      more than ``followup_days`` days after handling.
    - ``satisfied``: 回访满意度 >= ``satisfied_score`` (on ``satisfaction_scale``).
    """
    names = {**COMPLAINT_COLUMNS, **(columns or {})}
    unknown = sorted(set(columns or {}) - set(COMPLAINT_COLUMNS))
    if unknown:
        raise input_error("columns", f"未知的列角色 {unknown}，可用：{list(COMPLAINT_COLUMNS)}",
                          f"unknown column role(s) {unknown}; valid: {list(COMPLAINT_COLUMNS)}")
    require_columns(log, list(names.values()), "log")
    require_non_empty(log, "log")
    for argument, value in (("response_hours", response_hours), ("followup_days", followup_days)):
        require_in_range(as_float_array(value, argument), argument, 0, np.inf, low_open=True)
    received = _times(log, names["received"], names["received"], optional=False)
    responded = _times(log, names["responded"], names["responded"])
    handled_at = _times(log, names["handled"], names["handled"])
    followed_at = _times(log, names["followed_up"], names["followed_up"])
    response = _hours(responded, received, names["responded"], names["received"])
    resolution = _hours(handled_at, received, names["handled"], names["received"])
    followup_delay = _hours(followed_at, handled_at.where(followed_at.notna()),
                            names["followed_up"], names["handled"])
    if (followed_at.notna() & handled_at.isna()).any():
        raise input_error(names["followed_up"], "有回访时间但没有处理完成时间的记录",
                          "some records have a follow-up time but no handling time")
    raw_score = _blank_to_na(log[names["satisfaction"]])
    score = pd.to_numeric(raw_score, errors="coerce")
    if (score.isna() & raw_score.notna()).any():
        raise input_error(names["satisfaction"], "满意度必须是数字", "satisfaction must be numeric")
    present = score.dropna().to_numpy(dtype=float)
    require_in_range(present, names["satisfaction"], *satisfaction_scale)

    latest = pd.concat([received, responded, handled_at, followed_at]).max()
    now = latest if as_of is None else pd.Timestamp(to_datetime_column(pd.Series([as_of]), "as_of")[0])
    deadline = received + pd.to_timedelta(response_hours, unit="h")
    late_response = (response > response_hours) | (responded.isna() & (now > deadline))
    handled = handled_at.notna()
    followed_up = followed_at.notna() & handled
    followup_due = followed_up | (handled & (now > handled_at + pd.to_timedelta(followup_days, unit="D")))
    late_followup = followed_up & (followup_delay > 24 * followup_days)
    return pd.DataFrame({
        "response_hours": response, "late_response": late_response,
        "handled": handled, "resolution_hours": resolution,
        "closed": log[names["status"]].astype(str).eq("结案"),
        "followed_up": followed_up, "followup_due": followup_due,
        "missing_followup": followup_due & ~followed_up,
        "followup_hours": followup_delay, "late_followup": late_followup,
        "satisfaction": score, "satisfied": score >= satisfied_score,
    }, index=log.index)


METRIC_NAMES_ZH = {
    "complaints": "投诉数", "response_hours_mean": "平均首次响应时长(小时)",
    "response_on_time_rate": "响应及时率", "resolution_hours_mean": "平均处理时长(小时)",
    "resolution_hours_median": "处理时长中位数(小时)", "closure_rate": "结案率",
    "followup_rate": "回访率", "followup_on_time_rate": "回访及时率",
    "satisfaction_mean": "回访平均满意度", "satisfied_rate": "满意率",
    "missed_standards": "未达标项", "meets_standards": "是否达标",
}


def complaint_metrics(log: pd.DataFrame, by=None, response_hours: float = 24,
                      followup_days: float = 2, response_target: float = 0.90,
                      followup_target: float = 0.90, satisfied_score: float = 4, as_of=None,
                      columns: dict | None = None) -> pd.DataFrame:
    """投诉处理指标（响应时间、处理时间、结案率、回访率、满意度），可以整体或分组计算。

    Complaint-handling metrics (投诉处理指标), overall or per group, against standards.

    ``by``: None (one row 全部) or column name(s) such as 投诉类别, 渠道, 处理人.
    Per group, from :func:`complaint_case_flags`:

    - ``complaints`` number of complaints
    - ``response_hours_mean`` mean first-response time of the responded cases
    - ``response_on_time_rate`` = 1 − share with ``late_response``
    - ``resolution_hours_mean`` / ``_median`` over handled cases
    - ``closure_rate`` = cases in 结案 / complaints
    - ``followup_rate`` (回访率) = cases with a 回访 / cases owed one (``followup_due``)
    - ``followup_on_time_rate`` (回访及时率) = 回访 within ``followup_days`` of handling / cases with a 回访
    - ``satisfaction_mean``, ``satisfied_rate`` (score >= ``satisfied_score``) over 回访 cases

    Standards: ``response_on_time_rate >= response_target`` (90 %) and
    ``followup_rate >= followup_target`` (回访率 ≥ 90 %) and
    ``followup_on_time_rate >= followup_target``.  ``missed_standards`` names
    the ones a group misses (响应超时 / 回访率不足 / 回访不及时, joined by "、");
    ``meets_standards`` is True when none.  Rates whose denominator is 0
    (e.g. no handled case yet) are NaN and do not count as missed; satisfaction
    of a group with no 回访 is NaN for the same reason.
    Chinese column labels: ``METRIC_NAMES_ZH`` (``.rename(columns=METRIC_NAMES_ZH)``).
    """
    for argument, value in (("response_target", response_target), ("followup_target", followup_target)):
        require_in_range(as_float_array(value, argument), argument, 0, 1)
    flags = complaint_case_flags(log, response_hours, followup_days, satisfied_score, as_of, columns)
    if by is None:
        keys = pd.Series("全部", index=log.index, name="group")
    else:
        by_list = [by] if isinstance(by, str) else list(by)
        require_columns(log, by_list, "log")
        keys = [log[c] for c in by_list]
    handled = flags["handled"]
    parts = pd.DataFrame({
        "complaints": 1,
        "response_hours": flags["response_hours"],
        "on_time": ~flags["late_response"],
        "resolution_hours": flags["resolution_hours"],
        "closed": flags["closed"],
        "handled": handled,
        "followup_due": flags["followup_due"],
        "followed_up": flags["followed_up"] & handled,
        "followed_on_time": flags["followed_up"] & ~flags["late_followup"],
        "satisfaction": flags["satisfaction"].where(flags["followed_up"]),
        "satisfied": (flags["satisfied"] & flags["followed_up"]).astype(float)
                     .where(flags["followed_up"]),
    })
    grouped = parts.groupby(keys, dropna=False, sort=True)
    sums = grouped[["complaints", "on_time", "closed", "handled", "followup_due", "followed_up",
                    "followed_on_time"]].sum()
    n_due = sums["followup_due"].where(sums["followup_due"] > 0)
    table = pd.DataFrame({
        "complaints": sums["complaints"].astype(int),
        "response_hours_mean": grouped["response_hours"].mean(),
        "response_on_time_rate": sums["on_time"] / sums["complaints"],
        "resolution_hours_mean": grouped["resolution_hours"].mean(),
        "resolution_hours_median": grouped["resolution_hours"].median(),
        "closure_rate": sums["closed"] / sums["complaints"],
        "followup_rate": sums["followed_up"] / n_due,
        "followup_on_time_rate": sums["followed_on_time"] / sums["followed_up"].where(sums["followed_up"] > 0),
        "satisfaction_mean": grouped["satisfaction"].mean(),
        "satisfied_rate": grouped["satisfied"].mean(),
    })
    misses = pd.DataFrame({
        "响应超时": table["response_on_time_rate"] < response_target,
        "回访率不足": table["followup_rate"] < followup_target,
        "回访不及时": table["followup_on_time_rate"] < followup_target,
    })
    table["missed_standards"] = ["、".join(misses.columns[row]) for row in misses.to_numpy()]
    table["meets_standards"] = ~misses.any(axis=1)
    return table
