"""Customer segmentation (客户分级): ABC grading, customer pyramid, RFM, key accounts, follow-up plans.

- ABC 分类: rank customers by a value (sales, rent, profit); the customers that
  together make the first ``a`` (80 %) of the total are A, up to ``b`` (95 %)
  B, the rest C -- the 抓大放小 idea: few customers bring most of the value.
  Two rules for the customer whose cumulative share crosses a threshold
  (``rule="crossing"``, the default, or ``rule="cumulative"``, the
  spreadsheet rule 累计占比 ≤ 80 % → A); see :func:`abc_table`.
- 客户金字塔 (customer pyramid): tiers by *share of customers* ranked by value
  (VIP 1 %, 主要 4 %, 普通 15 %, 小客户 80 % by default).
- RFM: recency (最近一次消费), frequency (消费频率), monetary (消费金额); scores
  by quantiles or a mean split, and the eight classes from the high/low
  pattern of R, F and M (see :data:`RFM_CLASS_RULES`).
- 重点客户统计表 (key-customer table) and 定时跟进 (follow-up) schedules by grade.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ._checks import (as_float_array, input_error, require_choice, require_columns,
                      require_non_empty, require_non_negative)

__all__ = [
    "abc_classify", "abc_table", "abc_summary", "ABC_RULES", "DEFAULT_PYRAMID", "pyramid_tiers",
    "rfm_summary", "rfm_scores", "RFM_CLASS_RULES", "rfm_class_rules", "rfm_classes", "rfm_table",
    "key_customer_table", "DEFAULT_FOLLOW_UP_DAYS", "follow_up_schedule",
]

# Comparisons with a threshold ignore floating-point noise below this size, so
# that e.g. 0.1 + 0.7 counts as exactly reaching a threshold of 0.8.
_TOLERANCE = 1e-12


def _as_value_series(values, argument: str = "values") -> pd.Series:
    """Values as a float Series (keeping a Series' index), checked: non-empty, finite, >= 0, total > 0."""
    if isinstance(values, pd.DataFrame):
        raise input_error(argument, "应为一列数值（Series、列表或字典），而不是整张表；请选出价值列",
                          "expected one column of numbers (Series, list or dict), not a whole table")
    if isinstance(values, dict):
        values = pd.Series(values)
    if not isinstance(values, pd.Series):
        values = pd.Series(np.asarray(values).ravel() if not np.isscalar(values) else [values])
    require_non_empty(values, argument)
    numbers = as_float_array(values, argument)
    require_non_negative(numbers, argument)
    if numbers.sum() <= 0:
        raise input_error(argument, "价值合计必须大于 0", "the values must add up to more than 0")
    return pd.Series(numbers, index=values.index, name=values.name)


def _check_thresholds(a, b) -> None:
    for name, value in (("a", a), ("b", b)):
        if isinstance(value, bool) or not isinstance(value, (int, float, np.number)):
            raise input_error(name, "必须是 0 到 1 之间的数", "must be a number between 0 and 1")
    if not 0 < a < b <= 1:
        raise input_error("a, b", f"需满足 0 < a < b ≤ 1，实际 a={a}, b={b}",
                          f"need 0 < a < b <= 1, got a={a}, b={b}")


ABC_RULES = ("crossing", "cumulative")


def _rank_order(values: pd.Series) -> np.ndarray:
    """Positions sorted by value, largest first; equal values keep their input order."""
    return np.argsort(-values.to_numpy(), kind="stable")


def abc_table(values, a: float = 0.8, b: float = 0.95, rule: str = "crossing") -> pd.DataFrame:
    """客户 ABC 分类表：按价值从大到小排序，按累计占比分为 A、B、C 三类（两种跨线规则见下）。

    ABC table sorted from the largest value down.

    Columns ``rank`` (1 = largest), ``value``, ``share`` (value / total),
    ``cumulative_share`` (sum of shares up to and including this row) and
    ``abc_class``.  Two rules (``rule``) differ only for the customer whose
    cumulative share crosses a threshold.  With ``before`` = cumulative share
    of the customers ranked above (0 for the first) and ``cumulative`` = the
    row's own cumulative share:

    ``rule="crossing"`` (default; 跨线客户归入上一级, the textbook reading)::

        A  if before < a          (the customer whose share crosses a is still A)
        B  if a <= before < b     (likewise, the one crossing b is still B)
        C  otherwise

      So the A customers are the fewest top customers whose values reach at
      least ``a`` of the total.

    ``rule="cumulative"`` (累计占比规则, the common spreadsheet rule
    累计占比 ≤ 80% 为 A 类，≤ 95% 为 B 类，其余为 C 类)::

        A  if cumulative <= a     (the customer that crosses a is already B)
        B  if a < cumulative <= b
        C  otherwise

      So the A customers together make at most ``a`` of the total; when the
      largest customer alone exceeds ``a``, there is no A customer.

    中文说明：两种规则只在"跨过分界线的那位客户"上不同。crossing（默认）：
    排在它前面的客户累计占比还没到 a，它就算 A 类（A 类合计至少达到 a）；
    cumulative：算上它自己的累计占比不超过 a 才算 A 类（A 类合计不超过 a，
    即 Excel 里常见的"累计占比 ≤ 80% 为 A"）。B/C 的分界同理。

    Shares reaching a threshold exactly count as reaching it despite
    floating-point noise (tolerance 1e-12).  Ties: equal values keep their
    order in the input (stable sort), so the result is deterministic.  Values
    must be finite, non-negative and not all zero.
    """
    series = _as_value_series(values)
    _check_thresholds(a, b)
    require_choice(rule, "rule", list(ABC_RULES))
    order = _rank_order(series)
    sorted_values = series.to_numpy()[order]
    total = sorted_values.sum()
    cumulative = np.cumsum(sorted_values) / total
    if rule == "crossing":
        before = np.r_[0.0, cumulative[:-1]]
        in_a = before < a - _TOLERANCE
        in_b = before < b - _TOLERANCE
    else:
        in_a = cumulative <= a + _TOLERANCE
        in_b = cumulative <= b + _TOLERANCE
    classes = np.where(in_a, "A", np.where(in_b, "B", "C"))
    return pd.DataFrame({
        "rank": np.arange(1, len(order) + 1),
        "value": sorted_values,
        "share": sorted_values / total,
        "cumulative_share": cumulative,
        "abc_class": classes.astype(object),
    }, index=series.index[order])


def abc_classify(values, a: float = 0.8, b: float = 0.95, rule: str = "crossing") -> pd.Series:
    """客户 ABC 分类：按价值累计占比把每位客户分为 A、B、C 类。

    ABC class ("A"/"B"/"C") of every customer by cumulative share of value (ABC 分类).

    ``values``: a Series indexed by customer (or a list/array/dict).  Rules
    and tie-breaking as in :func:`abc_table`: sort descending (ties keep
    input order); with ``rule="crossing"`` (default) a customer is A while
    the cumulative share *before* it is below ``a``, B while below ``b``,
    else C — the customer that crosses a threshold belongs to the higher
    class; with ``rule="cumulative"`` (累计占比 ≤ a 为 A) it belongs to the
    lower one.  Returns a Series named ``abc_class`` in the input's order and
    index.
    """
    table = abc_table(values, a, b, rule)
    series = _as_value_series(values)
    classes = pd.Series(np.empty(len(series), dtype=object), index=series.index, name="abc_class")
    classes.iloc[_rank_order(series)] = table["abc_class"].to_numpy()
    return classes


def abc_summary(values, a: float = 0.8, b: float = 0.95, rule: str = "crossing") -> pd.DataFrame:
    """各类客户汇总（ABC 分类）：每类的客户数、客户占比、价值合计和价值占比。

    Per ABC class: number and share of customers, total value and share of value (``rule``: see :func:`abc_table`)."""
    table = abc_table(values, a, b, rule)
    grouped = table.groupby("abc_class")["value"].agg(["size", "sum"])
    grouped = grouped.reindex(["A", "B", "C"], fill_value=0)
    return pd.DataFrame({
        "customers": grouped["size"].astype(int),
        "customer_share": grouped["size"] / len(table),
        "value": grouped["sum"].astype(float),
        "value_share": grouped["sum"] / table["value"].sum(),
    })


DEFAULT_PYRAMID = (("VIP客户", 0.01), ("主要客户", 0.04), ("普通客户", 0.15), ("小客户", 0.80))


def pyramid_tiers(values, tiers=DEFAULT_PYRAMID) -> pd.Series:
    """客户金字塔：按价值把每位客户分到 VIP 客户、主要客户、普通客户、小客户等层级。

    Customer-pyramid tier (客户金字塔层级) of every customer.

    ``tiers`` lists (name, share of customers) from the top; shares must be
    positive and add up to 1.  Customers are ranked by value, largest first
    (ties keep input order).  With n customers and S_k the cumulative share of
    the first k tiers, tier k holds ranks ceil(n·S_(k-1)) + 1 .. ceil(n·S_k),
    so a tier can be empty when n is small.  Returns a Series named
    ``pyramid_tier`` in the input's order.
    """
    series = _as_value_series(values)
    try:
        names = [str(name) for name, _ in tiers]
        shares = as_float_array([share for _, share in tiers], "tiers")
    except (TypeError, ValueError):
        raise input_error("tiers", "应为 (层级名称, 客户占比) 的列表",
                          "expected a list of (tier name, share of customers) pairs") from None
    if len(names) == 0 or np.any(shares <= 0) or abs(shares.sum() - 1) > 1e-9:
        raise input_error("tiers", "各层客户占比必须为正且合计为 1",
                          "the tier shares must be positive and add up to 1")
    if len(set(names)) != len(names):
        raise input_error("tiers", "层级名称不能重复", "tier names must be distinct")
    n = len(series)
    upper_rank = np.ceil(np.round(np.cumsum(shares) * n, 9)).astype(int)
    rank = np.empty(n, dtype=int)
    rank[_rank_order(series)] = np.arange(1, n + 1)
    tier_index = np.searchsorted(upper_rank, rank, side="left")
    return pd.Series(np.asarray(names, dtype=object)[tier_index], index=series.index,
                     name="pyramid_tier")


# ---------------------------------------------------------------- RFM

def rfm_summary(transactions: pd.DataFrame, customer_col: str, date_col: str, amount_col: str,
                observation_end=None) -> pd.DataFrame:
    """由交易记录计算每位客户的 R（最近一次消费）、F（消费频次）、M（消费金额）

    R, F, M per customer (RFM 指标) from a transaction log, counted in days.

    ``recency``   days from the last purchase day to the observation end (smaller = more recent)
    ``frequency`` number of days with a purchase (several orders on one day count once)
    ``monetary``  total amount spent up to the observation end

    Note that ``recency`` here is the RFM meaning (time *since* the last
    purchase), not the BG/NBD meaning of :func:`crmlab.clv.summarize_transactions`
    (time from the first to the last purchase) that it is derived from:
    RFM recency = T - recency_BGNBD, frequency = frequency_BGNBD + 1.
    """
    from .clv.transactions import summarize_transactions

    require_columns(transactions, [customer_col, date_col, amount_col], "transactions")
    days = summarize_transactions(transactions, customer_col, date_col, amount_col=None,
                                  observation_end=observation_end, time_unit="D")
    # summarize_transactions checked the amounts' columns but not their sum
    # per customer; total spend is a plain sum over the observed purchases.
    amount = as_float_array(transactions[amount_col], amount_col)
    require_non_negative(amount, amount_col)
    dates = pd.to_datetime(transactions[date_col])
    if dates.dt.tz is not None:
        dates = dates.dt.tz_localize(None)
    end = dates.max() if observation_end is None else pd.Timestamp(observation_end)
    observed = (dates.dt.normalize() <= end.normalize()).to_numpy()
    monetary = pd.Series(amount[observed]).groupby(
        transactions[customer_col].to_numpy()[observed]).sum()
    return pd.DataFrame({
        "recency": days["T"] - days["recency"],
        "frequency": days["frequency"] + 1,
        "monetary": monetary.reindex(days.index).to_numpy(),
    }, index=days.index)


def _rfm_columns(summary, recency_col, frequency_col, monetary_col):
    require_columns(summary, [recency_col, frequency_col, monetary_col], "summary")
    require_non_empty(summary, "summary")
    arrays = [as_float_array(summary[c], c) for c in (recency_col, frequency_col, monetary_col)]
    for column, array in zip((recency_col, frequency_col, monetary_col), arrays):
        require_non_negative(array, column)
    return arrays


def rfm_scores(summary: pd.DataFrame, method: str = "quantile", bins: int = 5,
               recency_col: str = "recency", frequency_col: str = "frequency",
               monetary_col: str = "monetary") -> pd.DataFrame:
    """按 R、F、M 三项给客户打分（RFM 评分），分数越高越好。

    R, F and M scores (RFM 评分); a higher score is always better.

    ``method="quantile"``: score = floor((rank - 1) · bins / n) + 1 ∈ 1..bins,
    where rank (1..n) orders customers from worst to best — for R the most
    days since the last purchase is worst, for F and M the smallest value —
    and tied values share the lowest rank of their group (so equal values get
    equal scores).  ``method="mean"``: 2 when at or better than the mean
    (R: recency <= mean; F, M: value >= mean), else 1.

    Returns ``R_score``, ``F_score``, ``M_score`` (ints) and ``rfm_code``
    (e.g. "535").
    """
    require_choice(method, "method", ["quantile", "mean"])
    recency, frequency, monetary = _rfm_columns(summary, recency_col, frequency_col, monetary_col)
    if method == "quantile":
        if isinstance(bins, bool) or not float(bins).is_integer() or not 2 <= bins <= 10:
            raise input_error("bins", "必须是 2 到 10 之间的整数", "must be a whole number from 2 to 10")
        n = len(recency)

        def score(goodness):
            rank = pd.Series(goodness).rank(method="min").to_numpy()
            return (np.floor((rank - 1) * int(bins) / n) + 1).astype(int)

        scores = [score(-recency), score(frequency), score(monetary)]
    else:
        levels = _rfm_high(recency, frequency, monetary, "mean")
        scores = [np.where(level, 2, 1) for level in levels]
    table = pd.DataFrame({"R_score": scores[0], "F_score": scores[1], "M_score": scores[2]},
                         index=summary.index)
    table["rfm_code"] = (table["R_score"].astype(str) + table["F_score"].astype(str)
                         + table["M_score"].astype(str))
    return table


# (R, F, M) high/low → class, the mapping used in Chinese CRM practice:
# M decides 重要 (important) vs 一般 (general); R and F decide the action.
RFM_CLASS_RULES = {
    (True, True, True): "重要价值",     # recent, frequent, big spender: keep delighting
    (True, False, True): "重要发展",    # recent, big spender, buys rarely: raise frequency
    (False, True, True): "重要保持",    # frequent, big spender, not seen lately: win attention back
    (False, False, True): "重要挽留",   # big spender drifting away: save the relationship
    (True, True, False): "一般价值",
    (True, False, False): "一般发展",
    (False, True, False): "一般保持",
    (False, False, False): "一般挽留",
}


def rfm_class_rules() -> pd.DataFrame:
    """八类 RFM 客户的规则表：每类的 R、F、M 高低。

    The eight RFM classes (RFM 八类客户) as a table of R/F/M 高/低 levels."""
    rows = [{"R": "高" if r else "低", "F": "高" if f else "低", "M": "高" if m else "低",
             "rfm_class": name} for (r, f, m), name in RFM_CLASS_RULES.items()]
    return pd.DataFrame(rows).set_index("rfm_class")


def _rfm_high(recency, frequency, monetary, threshold, recency_higher_is_better=False):
    """Boolean "high" for R, F and M: at or better than the mean (or median) of all customers."""
    centre = np.mean if threshold == "mean" else np.median
    if recency_higher_is_better:
        r_high = recency >= centre(recency)
    else:
        r_high = recency <= centre(recency)
    return r_high, frequency >= centre(frequency), monetary >= centre(monetary)


def rfm_table(summary: pd.DataFrame, threshold: str = "mean", recency_col: str = "recency",
              frequency_col: str = "frequency", monetary_col: str = "monetary",
              recency_higher_is_better: bool = False) -> pd.DataFrame:
    """每位客户的 R、F、M 高低和 RFM 类别。

    R, F, M levels (高/低) and the RFM class of each customer; rule in :func:`rfm_classes`."""
    require_choice(threshold, "threshold", ["mean", "median"])
    recency, frequency, monetary = _rfm_columns(summary, recency_col, frequency_col, monetary_col)
    r_high, f_high, m_high = _rfm_high(recency, frequency, monetary, threshold,
                                       recency_higher_is_better)
    # Position in RFM_CLASS_RULES' order: M first, then R, then F (high before low).
    names = np.asarray(list(RFM_CLASS_RULES.values()), dtype=object)
    code = (~m_high).astype(int) * 4 + (~r_high).astype(int) * 2 + (~f_high).astype(int)
    level = np.array(["低", "高"], dtype=object)
    return pd.DataFrame({"R": level[r_high.astype(int)], "F": level[f_high.astype(int)],
                         "M": level[m_high.astype(int)], "rfm_class": names[code]},
                        index=summary.index)


def rfm_classes(summary: pd.DataFrame, threshold: str = "mean", recency_col: str = "recency",
                frequency_col: str = "frequency", monetary_col: str = "monetary",
                recency_higher_is_better: bool = False) -> pd.Series:
    """客户的 RFM 分类：每位客户属于八类中的哪一类。

    The eight RFM classes (RFM 客户分类) of each customer, as a Series ``rfm_class``.

    Each of R, F, M is *high* (高) when the customer is at or better than the
    ``threshold`` ("mean" or "median") over all customers: recency (days
    since the last purchase) <= centre, frequency >= centre, monetary >=
    centre.  Pass ``recency_higher_is_better=True`` when the recency column is
    already a score (e.g. ``R_score`` of :func:`rfm_scores`).  Mapping
    (R, F, M): 高高高 重要价值, 高低高 重要发展, 低高高 重要保持, 低低高 重要挽留,
    高高低 一般价值, 高低低 一般发展, 低高低 一般保持, 低低低 一般挽留.
    """
    return rfm_table(summary, threshold, recency_col, frequency_col, monetary_col,
                     recency_higher_is_better)["rfm_class"]


# ---------------------------------------------------------------- key customers

def key_customer_table(customers: pd.DataFrame, value_col: str, name_col: str | None = None,
                       grades=("A",), a: float = 0.8, b: float = 0.95, top: int | None = None,
                       extra_cols=(), rule: str = "crossing") -> pd.DataFrame:
    """重点客户统计表 (key-customer table): the most valuable customers, ranked.

    Customers are ABC-graded on ``value_col`` (thresholds ``a``, ``b`` and
    ``rule``, see :func:`abc_table`); the table keeps those whose grade is in ``grades``
    (default A) — or, with ``top``, the ``top`` largest whatever their grade.
    Columns: 序号, 客户 (``name_col`` or the index), ``value_col``, 占总额比例,
    累计占比, 客户等级, then ``extra_cols`` copied from ``customers`` (contact
    person, account manager, ...).
    """
    require_columns(customers, [value_col, *([name_col] if name_col else []), *extra_cols],
                    "customers")
    if customers.index.has_duplicates:
        raise input_error("customers", "行索引有重复，无法区分客户（可先 reset_index()）",
                          "the row index has duplicates, so customers cannot be told apart "
                          "(use reset_index() first)")
    table = abc_table(customers[value_col], a, b, rule)
    unknown = [g for g in grades if g not in ("A", "B", "C")]
    if unknown:
        raise input_error("grades", f"未知等级 {unknown}，可选 A、B、C",
                          f"unknown grade(s) {unknown}; choose from A, B, C")
    if top is not None:
        if isinstance(top, bool) or not float(top).is_integer() or top < 1:
            raise input_error("top", "必须是不小于 1 的整数", "must be a whole number >= 1")
        kept = table.iloc[:int(top)]
    else:
        kept = table[table["abc_class"].isin(list(grades))]
    source = customers.loc[kept.index]
    result = pd.DataFrame({
        "序号": np.arange(1, len(kept) + 1),
        "客户": source[name_col].to_numpy() if name_col else kept.index.to_numpy(),
        value_col: kept["value"].to_numpy(),
        "占总额比例": kept["share"].to_numpy(),
        "累计占比": kept["cumulative_share"].to_numpy(),
        "客户等级": kept["abc_class"].to_numpy(),
    })
    for column in extra_cols:
        result[column] = source[column].to_numpy()
    return result


# ---------------------------------------------------------------- follow-up plan

DEFAULT_FOLLOW_UP_DAYS = {"A": 7, "B": 15, "C": 30}
_WEEKDAYS_ZH = np.array(["周一", "周二", "周三", "周四", "周五", "周六", "周日"], dtype=object)


def _parse_date(value, argument: str) -> pd.Timestamp:
    stamp = pd.to_datetime(pd.Series([value]), errors="coerce").iloc[0]
    if pd.isna(stamp):
        raise input_error(argument, f"无法识别的日期 {value!r}", f"could not parse the date {value!r}")
    return stamp.normalize()


def follow_up_schedule(grades, intervals=None, start=None, until=None, skip_weekends: bool = False,
                       holidays=(), roll: str = "forward") -> pd.DataFrame:
    """定时跟进（回访）计划：按客户等级排出具体日期。

    Dated follow-up plan (定时跟进/回访计划) from each customer's grade.

    A customer of grade g is contacted on start, start + d, start + 2d, ...
    while the planned date is on or before ``until`` (default start + 89
    days, a 90-day plan), where d = ``intervals[g]`` days (default
    :data:`DEFAULT_FOLLOW_UP_DAYS`: A 7, B 15, C 30).  With ``skip_weekends``
    and/or ``holidays`` (dates, e.g. the National Day week), a planned date on
    such a day moves to the next working day (``roll="forward"``) or the
    previous one (``"backward"``); the moved date may then fall just outside
    the plan's window.  Every grade must have an interval: an unknown grade is
    an error.

    Returns one row per contact, sorted by date and customer: ``customer``,
    ``grade``, ``contact_no`` (1, 2, ...), ``planned_date``, ``date``,
    ``weekday`` (周一..周日) and ``moved`` (True when shifted).
    """
    if isinstance(grades, dict):
        grades = pd.Series(grades)
    if not isinstance(grades, pd.Series):
        raise input_error("grades", "应为以客户为索引的等级 Series（或字典）",
                          "expected a Series (or dict) of grades indexed by customer")
    require_non_empty(grades, "grades")
    if grades.isna().any():
        raise input_error("grades", f"有 {int(grades.isna().sum())} 个客户没有等级",
                          f"{int(grades.isna().sum())} customer(s) have no grade")
    intervals = dict(DEFAULT_FOLLOW_UP_DAYS if intervals is None else intervals)
    for grade, days in intervals.items():
        if isinstance(days, bool) or not isinstance(days, (int, float, np.number)) \
                or not float(days).is_integer() or days < 1:
            raise input_error("intervals", f"等级 {grade!r} 的间隔必须是不小于 1 的整数天数，实际为 {days!r}",
                              f"the interval of grade {grade!r} must be a whole number of days >= 1, "
                              f"got {days!r}")
    unknown = sorted(set(grades.astype(str)) - {str(g) for g in intervals})
    if unknown:
        raise input_error("grades", f"未知等级 {unknown}，intervals 只规定了 {list(intervals)}",
                          f"unknown grade(s) {unknown}; intervals only covers {list(intervals)}")
    if start is None:
        raise input_error("start", "请给出计划开始日期", "give the start date of the plan")
    require_choice(roll, "roll", ["forward", "backward"])
    first = _parse_date(start, "start")
    last = first + pd.Timedelta(days=89) if until is None else _parse_date(until, "until")
    if last < first:
        raise input_error("until", "结束日期早于开始日期", "the end date is before the start date")

    interval_of = {str(g): int(d) for g, d in intervals.items()}
    step = grades.astype(str).map(interval_of).to_numpy(dtype=np.int64)
    horizon = (last - first).days
    contacts = horizon // step + 1
    row = np.repeat(np.arange(len(grades)), contacts)
    # contact number within each customer: 0, 1, ... restarting at each customer
    number = np.arange(len(row)) - np.repeat(np.cumsum(contacts) - contacts, contacts)
    planned = np.datetime64(first.date(), "D") + number * step[row]
    actual = planned
    if skip_weekends or len(holidays):
        holiday_days = [np.datetime64(_parse_date(h, "holidays").date(), "D") for h in holidays]
        weekmask = "1111100" if skip_weekends else "1111111"
        actual = np.busday_offset(planned, 0, roll=roll, weekmask=weekmask, holidays=holiday_days)
    weekday = (actual.astype(np.int64) + 3) % 7  # 1970-01-01 was a Thursday (index 3)
    plan = pd.DataFrame({
        "customer": grades.index.to_numpy()[row],
        "grade": grades.to_numpy()[row],
        "contact_no": number + 1,
        "planned_date": pd.to_datetime(planned),
        "date": pd.to_datetime(actual),
        "weekday": _WEEKDAYS_ZH[weekday],
        "moved": planned != actual,
    })
    return plan.sort_values(["date", "customer"], kind="stable").reset_index(drop=True)
