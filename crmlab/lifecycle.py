"""Customer lifecycle (客户生命周期): stages, relationship patterns, cohort retention.

Chen Mingliang's four-stage model (陈明亮四阶段模型) says a customer
relationship passes through 考察期 (exploration: trial orders, low volume),
形成期 (formation: volume and trust rising), 稳定期 (stability: high, steady
volume) and 退化期 (decline: volume falling or no purchases for a while).  How a
relationship ends gives its pattern (客户关系发展模式): 早期流产型 (ends in
考察期), 中途夭折型 (ends in 形成期), 提前退出型 (reaches 稳定期 but leaves
early) and 长久保持型 (stays long in 稳定期).

The model itself gives no numbers, so the rules below are ours.  They are
explicit and parameterised (see :func:`rule_parameters`), stated in the
docstring of :func:`classify_customers` and explained in Chinese by
:func:`explain_rules`.  Every computation works on a customer x period matrix
with numpy, so a million customers take seconds.  The periods are calendar
months or quarters, chosen by ``time_unit="M"`` (default) or ``"Q"``.

Charts (:func:`plot_lifecycle_curves`, :func:`plot_cohort_heatmap`) are in
:mod:`crmlab.plotting.lifecycle` and re-exported here; matplotlib is imported
only when one is used.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ._checks import TIME_UNITS as _ALL_UNITS
from ._checks import input_error, observation_end_date, require_time_unit, transaction_log

__all__ = [
    "STAGES", "PATTERNS", "TIME_UNITS", "DEFAULT_RULES",
    "rule_parameters", "explain_rules", "period_series", "classify_customers",
    "cohort_retention", "plot_lifecycle_curves", "plot_cohort_heatmap",
]

STAGES = ("考察期", "形成期", "稳定期", "退化期")
PATTERNS = ("早期流产型", "中途夭折型", "提前退出型", "长久保持型")
#: The time units of the lifecycle functions (``time_unit=``): code -> (Chinese, English).
TIME_UNITS = {unit: _ALL_UNITS[unit] for unit in ("M", "Q")}

# Default rules per time unit.  Counts are in periods, so the quarterly
# values are the monthly ones divided by three (rounded up).
DEFAULT_RULES = {
    "M": {"trial_periods": 3, "inactive_periods": 6, "window": 3, "stable_share": 0.6,
          "min_stable_periods": 6, "long_stable_periods": 18, "decline_share": 0.5},
    "Q": {"trial_periods": 1, "inactive_periods": 2, "window": 1, "stable_share": 0.6,
          "min_stable_periods": 2, "long_stable_periods": 6, "decline_share": 0.5},
}
_COUNT_RULES = ("trial_periods", "inactive_periods", "window", "min_stable_periods",
                "long_stable_periods")
_SHARE_RULES = ("stable_share", "decline_share")
_UNIT_ZH = {"M": "个月", "Q": "个季度"}
_NOUN_ZH = {"M": "月份", "Q": "季度"}


def rule_parameters(time_unit: str = "M", **overrides) -> dict:
    """生命周期判定参数：某个时期单位的默认值，可以逐项修改。

    The lifecycle rule parameters (生命周期判定参数) for ``time_unit``, with overrides.

    ``trial_periods``       length of the trial window 考察期 after the first purchase
    ``inactive_periods``    periods without any purchase after which the relationship has ended
    ``window``              periods in the trailing moving average that gives the *level* (采购水平)
    ``stable_share``        a period is *high* when its level >= stable_share x the customer's peak level
    ``min_stable_periods``  high periods needed to have reached 稳定期
    ``long_stable_periods`` high periods that make a relationship 长久保持型
    ``decline_share``       an active customer is in 退化期 when the current level < decline_share x peak

    Defaults for months "M": 3, 6, 3, 0.6, 6, 18, 0.5; for quarters "Q": 1, 2, 1, 0.6, 2, 6, 0.5.
    Unknown names, non-whole counts, shares outside (0, 1] and
    ``long_stable_periods < min_stable_periods`` are rejected.
    """
    require_time_unit(time_unit, list(TIME_UNITS))
    params = dict(DEFAULT_RULES[time_unit])
    unknown = sorted(set(overrides) - set(params))
    if unknown:
        renamed = ({"period", "freq"} & set(unknown))
        hint_zh = "；时间单位请用 time_unit=" if renamed else ""
        hint_en = "; give the time unit as time_unit=" if renamed else ""
        raise input_error("rule_parameters", f"未知的规则参数 {unknown}，可用：{list(params)}{hint_zh}",
                          f"unknown rule parameter(s) {unknown}; valid: {list(params)}{hint_en}")
    params.update(overrides)
    for name in _COUNT_RULES:
        value = params[name]
        if isinstance(value, bool) or not float(value).is_integer() or value < 1:
            raise input_error(name, f"必须是不小于 1 的整数（期数），实际为 {value!r}",
                              f"must be a whole number of periods >= 1, got {value!r}")
        params[name] = int(value)
    for name in _SHARE_RULES:
        value = params[name]
        if isinstance(value, bool) or not (0 < float(value) <= 1):
            raise input_error(name, f"必须在区间 (0, 1] 内，实际为 {value!r}",
                              f"must lie in (0, 1], got {value!r}")
        params[name] = float(value)
    if params["long_stable_periods"] < params["min_stable_periods"]:
        raise input_error("long_stable_periods", "不能小于 min_stable_periods",
                          "must not be smaller than min_stable_periods")
    return params


def explain_rules(time_unit: str = "M", **rule_params) -> str:
    """用中文说明阶段和模式的判定规则。

    Short Chinese explanation (规则说明) of the stage and pattern rules with the given numbers."""
    p = rule_parameters(time_unit, **rule_params)
    u, noun = _UNIT_ZH[time_unit], _NOUN_ZH[time_unit]
    return "\n".join([
        f"【采购水平】每个{noun}的采购额按最近 {p['window']} {u}的移动平均计算；"
        f"客户自己的最高水平称为“峰值”。",
        f"【高水平期】采购水平达到峰值的 {p['stable_share']:.0%} 及以上的{noun}（只算首次到最后一次购买之间）。",
        f"【关系结束】连续 {p['inactive_periods']} {u}（截至观察期末）没有任何购买，视为关系已经结束。",
        "【当前阶段】",
        f"  · 已结束的关系，或仍在购买但当前水平低于峰值的 {p['decline_share']:.0%}：退化期；",
        f"  · 仍在首次购买起的前 {p['trial_periods']} {u}内（含首购当期），或过了这段时间再未购买：考察期；",
        f"  · 高水平期累计达到 {p['min_stable_periods']} {u}：稳定期；",
        "  · 其余（已过考察期、水平仍在上升、尚未稳定）：形成期。",
        "  · 交易金额全部为 0（从未真正采购）的客户不算有高水平期，最高只到考察期。",
        "【关系模式】",
        f"  · 高水平期累计 ≥ {p['long_stable_periods']} {u}：长久保持型；",
        f"  · 关系已结束且全部购买都在首次购买起的前 {p['trial_periods']} {u}内：早期流产型；",
        f"  · 关系已结束、过了考察期但高水平期不足 {p['min_stable_periods']} {u}：中途夭折型；",
        f"  · 关系已结束、到过稳定期但高水平期不足 {p['long_stable_periods']} {u}：提前退出型；",
        "  · 关系仍在继续且还不是长久保持型：模式暂时无法判断，记为空字符串。",
    ])


# ---------------------------------------------------------------- period matrix

def _period_ordinals(dates: np.ndarray, time_unit: str) -> np.ndarray:
    """pandas Period ordinals: months since 1970-01, or quarters since 1970Q1."""
    months = dates.astype("datetime64[M]").astype(np.int64)
    return months if time_unit == "M" else np.floor_divide(months, 3)


def _end_ordinal(observation_end, time_unit: str) -> int:
    return int(_period_ordinals(np.array([observation_end_date(observation_end)]), time_unit)[0])


def _volume_matrix(transactions, customer_col, date_col, amount_col, time_unit, observation_end):
    """Validate the log and sum it into a customer x period matrix.

    Returns ``(customer_ids, first_ordinal, volume, bought)`` where column j is
    period ``first_ordinal + j`` and the last column is the observation end;
    ``volume`` holds summed amounts (or transaction counts when ``amount_col``
    is None) and ``bought`` marks periods with at least one transaction.
    """
    require_time_unit(time_unit, list(TIME_UNITS))
    customers, dates, amount = transaction_log(transactions, customer_col, date_col, amount_col)
    ordinal = _period_ordinals(dates.to_numpy(dtype="datetime64[ns]"), time_unit)

    end = int(ordinal.max()) if observation_end is None else _end_ordinal(observation_end, time_unit)
    observed = ordinal <= end
    if not observed.any():
        raise input_error("observation_end", "观察期末早于所有交易日期",
                          "the end of observation is before every transaction")
    if not observed.all():
        ordinal = ordinal[observed]
        customers = customers[observed]
        amount = amount[observed] if amount is not None else None
    code, customer_ids = pd.factorize(customers.to_numpy(), sort=True)
    first = int(ordinal.min())
    n_periods = end - first + 1
    cell = code.astype(np.int64) * n_periods + (ordinal - first)
    size = len(customer_ids) * n_periods
    counts = np.bincount(cell, minlength=size).reshape(len(customer_ids), n_periods)
    volume = (counts.astype(float) if amount is None else
              np.bincount(cell, weights=amount, minlength=size).reshape(counts.shape))
    return pd.Index(customer_ids, name=customer_col), first, volume, counts > 0


def _period_index(first: int, n: int, time_unit: str) -> pd.PeriodIndex:
    return pd.PeriodIndex.from_ordinals(np.arange(first, first + n), freq=time_unit)


def period_series(transactions: pd.DataFrame, customer_col: str, date_col: str,
                  amount_col: str | None = None, time_unit: str = "M", observation_end=None,
                  customers=None) -> pd.DataFrame:
    """每位客户各期的采购额（宽表：一行一位客户，一列一个时期）

    Purchase volume per customer and period (客户各期采购额), as a wide table.

    Rows are customers (sorted ids), columns a ``PeriodIndex`` of months
    (``time_unit="M"``, default) or quarters (``"Q"``) from the earliest
    purchase to the observation end;
    each cell is the sum of ``amount_col`` in that period (the number of
    transactions when ``amount_col`` is None), 0 when the customer bought
    nothing.  Transactions after ``observation_end`` (default: the latest
    date) are left out.  ``customers`` optionally keeps only the listed ids.
    """
    ids, first, volume, _ = _volume_matrix(transactions, customer_col, date_col, amount_col,
                                           time_unit, observation_end)
    table = pd.DataFrame(volume, index=ids, columns=_period_index(first, volume.shape[1], time_unit))
    table.columns.name = "period"
    if customers is not None:
        wanted = pd.Index(list(customers) if not np.isscalar(customers) else [customers])
        missing = wanted.difference(ids)
        if len(missing):
            raise input_error("customers", f"交易记录中没有这些客户：{list(missing)[:5]}",
                              f"no transactions for customer(s) {list(missing)[:5]}")
        table = table.loc[wanted]
    return table


def _trailing_mean(volume: np.ndarray, window: int) -> np.ndarray:
    """Mean of each row over the last ``window`` periods up to and including each column."""
    csum = np.zeros((volume.shape[0], volume.shape[1] + 1))
    np.cumsum(volume, axis=1, out=csum[:, 1:])
    # sum over (t-window, t] = csum[t+1] - csum[t+1-window], with csum = 0 before the start
    lagged = np.zeros_like(csum)
    lagged[:, window:] = csum[:, :-window]
    return (csum - lagged)[:, 1:] / window


def classify_customers(transactions: pd.DataFrame, customer_col: str, date_col: str,
                       amount_col: str | None, time_unit: str = "M", observation_end=None,
                       **rule_params) -> pd.DataFrame:
    """判断每位客户在观察期末所处的生命周期阶段和关系模式。

    Lifecycle stage at the observation end and relationship pattern of every customer.

    阶段 stage ∈ 考察期/形成期/稳定期/退化期; 模式 pattern ∈ 早期流产型/中途夭折型/
    提前退出型/长久保持型, or "" (empty string) when the relationship is still
    going on and is not yet 长久保持型, so how it will end cannot be told yet.

    Transactions are summed per customer and period (``time_unit`` month "M" or quarter "Q";
    ``amount_col`` None counts transactions instead of summing amounts).
    Periods run from the customer's first purchase f to the observation end E
    (default: the period of the latest transaction; later transactions are
    ignored); l is the last period with a purchase.  With the parameters of
    :func:`rule_parameters` (monthly defaults in brackets):

    - level(t) = mean volume of periods t-window+1 .. t  [window 3];
      peak = max level; current = level(E).
    - high period: f <= t <= l and level(t) >= stable_share x peak  [0.6];
      high_periods = their number (not necessarily consecutive).
    - ended (关系结束) ⇔ E - l >= inactive_periods  [6].
    - highest_stage (到达的最高阶段): 稳定期 if high_periods >= min_stable_periods [6];
      else 考察期 if l - f + 1 <= trial_periods [3] (never bought after the
      trial window); else 形成期.
    - stage: 退化期 if ended, or if current < decline_share x peak [0.5] once
      past the trial window (E - f + 1 > trial_periods); otherwise 考察期 while
      E - f + 1 <= trial_periods; otherwise the highest stage reached.
    - pattern: 长久保持型 if high_periods >= long_stable_periods [18]; else, for
      ended relationships, by the highest stage reached: 考察期 → 早期流产型,
      形成期 → 中途夭折型, 稳定期 → 提前退出型; else "".
    - no volume (无采购量): a customer whose purchases in the window all have
      amount 0 (peak = 0) has no high period and its highest stage is
      考察期 whatever the span: it is in 考察期 while the relationship goes on
      and in 退化期 with pattern 早期流产型 once it has ended — never 稳定期.

    Returns a DataFrame indexed by customer (sorted) with ``stage``,
    ``pattern``, ``highest_stage``, ``ended`` and the figures the rules used:
    ``first_period``, ``last_period`` (Periods), ``span_periods`` (l-f+1),
    ``age_periods`` (E-f+1), ``periods_since_last`` (E-l), ``active_periods``
    (periods with a purchase), ``total_volume``, ``peak_level``,
    ``current_level``, ``high_periods``.  Chinese summary: :func:`explain_rules`.
    """
    rules = rule_parameters(time_unit, **rule_params)
    ids, first_ordinal, volume, bought = _volume_matrix(
        transactions, customer_col, date_col, amount_col, time_unit, observation_end)
    n_customers, n_periods = volume.shape
    end = n_periods - 1
    first = bought.argmax(axis=1)
    last = end - bought[:, ::-1].argmax(axis=1)

    level = _trailing_mean(volume, rules["window"])
    peak = level.max(axis=1)
    current = level[:, end]
    column = np.arange(n_periods)
    in_span = (column >= first[:, None]) & (column <= last[:, None])
    # A customer whose recorded purchases are all 0 has no volume at all: no
    # period is "high" (0 >= share x 0 would make every period high), and the
    # relationship never got past 考察期.
    has_volume = peak > 0
    high = (level >= rules["stable_share"] * peak[:, None]) & in_span & has_volume[:, None]
    high_periods = high.sum(axis=1)

    span = last - first + 1
    age = end - first + 1
    ended = (end - last) >= rules["inactive_periods"]
    past_trial = age > rules["trial_periods"]
    reached_stable = high_periods >= rules["min_stable_periods"]
    only_trial = (span <= rules["trial_periods"]) | ~has_volume

    highest = np.where(reached_stable, "稳定期", np.where(only_trial, "考察期", "形成期"))
    declining = ended | (past_trial & (current < rules["decline_share"] * peak))
    stage = np.where(declining, "退化期", np.where(~past_trial, "考察期", highest))
    ended_pattern = np.where(reached_stable, "提前退出型",
                             np.where(only_trial, "早期流产型", "中途夭折型"))
    pattern = np.where(high_periods >= rules["long_stable_periods"], "长久保持型",
                       np.where(ended, ended_pattern, ""))

    return pd.DataFrame({
        "stage": stage.astype(object),
        "pattern": pattern.astype(object),
        "highest_stage": highest.astype(object),
        "ended": ended,
        "first_period": pd.PeriodIndex.from_ordinals(first_ordinal + first, freq=time_unit),
        "last_period": pd.PeriodIndex.from_ordinals(first_ordinal + last, freq=time_unit),
        "span_periods": span,
        "age_periods": age,
        "periods_since_last": end - last,
        "active_periods": bought.sum(axis=1),
        "total_volume": volume.sum(axis=1),
        "peak_level": peak,
        "current_level": current,
        "high_periods": high_periods,
    }, index=ids)


# ---------------------------------------------------------------- cohorts

def cohort_retention(transactions: pd.DataFrame, customer_col: str, date_col: str,
                     time_unit: str = "M", observation_end=None, counts: bool = False) -> pd.DataFrame:
    """按首次购买时期分组的同期群留存矩阵。

    Cohort retention matrix (同期群留存矩阵) by first-purchase period.

    Periods are months (``time_unit="M"``, default) or quarters (``"Q"``).
    Row = cohort (首购期, the period of a customer's first purchase); column
    k = periods since the first purchase (0, 1, 2, ...); cell = share of the
    cohort's customers who bought in period cohort + k, so column 0 is 1.0 and
    every cell lies in [0, 1].  Cells after the observation end (default: the
    latest transaction) have not been observed yet and are NaN — not 0 —, which
    makes the table a triangle.  ``counts=True`` returns numbers of customers
    (with 0, never NaN, for unobserved cells) instead of shares.
    """
    ids, first_ordinal, _, bought = _volume_matrix(transactions, customer_col, date_col, None,
                                                   time_unit, observation_end)
    n_customers, n_periods = bought.shape
    first = bought.argmax(axis=1)
    row, col = np.nonzero(bought)
    cohort_of_cell = first[row]
    offset = col - cohort_of_cell
    table = np.bincount(cohort_of_cell * n_periods + offset,
                        minlength=n_periods * n_periods).reshape(n_periods, n_periods)
    has_customers = table[:, 0] > 0
    table = table[has_customers]
    index = _period_index(first_ordinal, n_periods, time_unit)[has_customers]
    index.name = "cohort"
    columns = pd.RangeIndex(n_periods, name="periods_since_first")
    if counts:
        return pd.DataFrame(table, index=index, columns=columns)
    shares = table / table[:, [0]]
    observable = np.flatnonzero(has_customers)[:, None] + np.arange(n_periods) <= n_periods - 1
    return pd.DataFrame(np.where(observable, shares, np.nan), index=index, columns=columns)


# ---------------------------------------------------------------- plots
# The charts live in crmlab.plotting.lifecycle (matplotlib is loaded only when one
# is used); they are re-exported here on first access.
_PLOTS = ("plot_lifecycle_curves", "plot_cohort_heatmap")


def __getattr__(name: str):
    if name in _PLOTS:
        from .plotting import lifecycle as charts

        return getattr(charts, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_PLOTS))
