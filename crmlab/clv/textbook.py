"""Textbook customer-lifetime-value models (教材中的客户终身价值模型).

Symbols follow the textbook so a student can copy the numbers of an exercise:

========  ==================================================  ==========
symbol    meaning                                              中文
========  ==================================================  ==========
``n``     horizon in years (whole number)                      年数
``Co``    initial acquisition cost, paid in year 0             获取成本
``Po``    first purchase revenue, received in year 0           首次购买收入
``In``    yearly revenue from the customer, years 1..n         每年收入
``Cs``    yearly direct service cost, years 1..n               每年服务成本
``r``     yearly interest (discount) rate, 0 <= r < 1, e.g.   贴现率（利率）
          0.08 for 8 % (r=8 is rejected as a percentage typo)
``R``     yearly retention rate ``retention``, in [0, 1]       保持率（留存率）
========  ==================================================  ==========

Definitions (the course's explicit reading of the textbook; year 0 holds the
first purchase and the acquisition cost, years 1..n the recurring margin)::

    模型一 (no time value)    CLV = Po - Co + sum_{t=1..n} (In - Cs)
    模型二 (retention)        CLV = Po - Co + sum_{t=1..n} R**t * (In - Cs)
    模型三 (discounting)      CLV = Po - Co + sum_{t=1..n} (In - Cs) / (1 + r)**t
    general form              CLV = Po - Co + sum_{t=1..n} R**t * (In - Cs) / (1 + r)**t
    infinite horizon          CLV = m * R / (1 + i - R),   m = In - Cs, i = discount rate
                              (Gupta & Lehmann; infinite_horizon_clv(m, retention=R, discount_rate=i))

Every model accepts scalars or arrays (broadcast against each other, so one
call can value many customers) and returns a ``float`` for scalar input or an
``ndarray`` otherwise.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .._checks import (as_float_array, input_error, require_in_range, require_non_negative,
                       require_whole)

__all__ = ["model_one", "model_two", "model_three", "general_model", "infinite_horizon_clv",
           "breakdown"]

# A cap on the horizon keeps a typo such as n=1e9 from hanging a notebook; over
# a thousand years every realistic discount or retention rate has long made the
# remaining terms negligible, and infinite_horizon_clv gives the limit exactly.
MAX_YEARS = 1000


def _amount(value, argument: str) -> np.ndarray:
    if value is None:
        raise input_error(argument, "必须给出该金额", "this amount is required")
    arr = as_float_array(value, argument)
    require_non_negative(arr, argument)
    return arr


def _years(n) -> np.ndarray:
    if n is None:
        raise input_error("n", "必须给出年数", "the number of years is required")
    arr = as_float_array(n, "n")
    require_non_negative(arr, "n")
    require_whole(arr, "n")
    if np.any(arr > MAX_YEARS):
        raise input_error("n", f"年数不能超过 {MAX_YEARS}，无限期请用 infinite_horizon_clv",
                          f"must be at most {MAX_YEARS} years; use infinite_horizon_clv for an "
                          "unlimited horizon")
    return arr


def _rate(r, argument: str = "r") -> np.ndarray:
    """A yearly interest (discount) rate as a fraction: 0 <= r < 1 (8 % is 0.08).

    A rate of 1 or more is almost certainly a percentage typed as a whole
    number (r=8 for 8 %), and a negative rate is not a discount rate: both
    are rejected with an explanation instead of silently giving a wrong value.
    """
    arr = as_float_array(r, argument)
    if np.any(arr >= 1):
        example = float(np.max(arr))
        raise input_error(argument, f"贴现率（利率）应写成小数，例如 8% 写 0.08；你给的是 {example:g}，"
                          f"像是把百分数直接写成了整数（{example:g}% 应写 {example / 100:g}）",
                          f"the interest (discount) rate is a fraction such as 0.08 for 8 %; {example:g} looks "
                          f"like a percentage typed as a whole number ({example:g} % is {example / 100:g})")
    if np.any(arr < 0):
        raise input_error(argument, "贴现率（利率）不能为负数，应为 0 到 1 之间的小数，例如 0.08",
                          "the interest (discount) rate must not be negative; give a fraction between 0 and 1 "
                          "such as 0.08")
    return arr


def _retention(retention) -> np.ndarray:
    """A yearly retention rate as a fraction in [0, 1] (80 % is 0.8)."""
    arr = as_float_array(retention, "retention")
    if np.any(arr > 1):
        example = float(np.max(arr))
        raise input_error("retention", f"保持率应为 0 到 1 之间的小数，例如 80% 写 0.8；你给的是 {example:g}"
                          + ("，像是百分数" if example > 1.5 else ""),
                          f"the retention rate is a fraction between 0 and 1 such as 0.8 for 80 %; got {example:g}"
                          + (" (a percentage?)" if example > 1.5 else ""))
    require_in_range(arr, "retention", 0.0, 1.0)
    return arr


def _result(value: np.ndarray):
    """float for scalar input, ndarray otherwise (the models' documented return type)."""
    return float(value) if np.ndim(value) == 0 else value


def _growth_sum(n: np.ndarray, factor: np.ndarray) -> np.ndarray:
    """sum_{t=1..n} factor**t, elementwise with broadcasting over n and factor.

    The sum is accumulated year by year, exactly as the textbook writes it,
    rather than by the geometric closed form, which loses digits when the
    factor is close to 1 (e.g. R = 1.08 / 1.08).
    """
    n, factor = np.broadcast_arrays(n, factor)
    total = np.zeros(n.shape)
    term = np.ones(n.shape)
    for year in range(1, int(n.max(initial=0)) + 1):
        term = term * factor
        total += np.where(year <= n, term, 0.0)
    return total


def general_model(n, Co=0.0, Po=0.0, In=None, Cs=None, retention=1.0, r=0.0):
    """客户终身价值的一般模型：同时考虑保持率和贴现。

    General CLV with retention and discounting (保持率与贴现的一般模型).

    Formula::

        CLV = Po - Co + sum_{t=1..n} R**t * (In - Cs) / (1 + r)**t

    with ``R = retention``.  ``retention=1, r=0`` gives 模型一, ``r=0`` gives
    模型二 and ``retention=1`` gives 模型三.

    Parameters
    ----------
    n : whole number >= 0, years (年数).
    Co, Po : acquisition cost and first-purchase revenue in year 0 (default 0).
    In, Cs : yearly revenue and yearly direct service cost, years 1..n.
    retention : yearly retention rate R in [0, 1] (保持率), e.g. 0.8 for 80 %.
    r : yearly interest rate, 0 <= r < 1 (贴现率), e.g. 0.08 for 8 %; a value
        of 1 or more (r=8) or a negative rate is rejected with an explanation.

    Returns
    -------
    float for scalar arguments, otherwise an ndarray of the broadcast shape.
    """
    years = _years(n)
    acquisition, first_purchase = _amount(Co, "Co"), _amount(Po, "Po")
    revenue, service_cost = _amount(In, "In"), _amount(Cs, "Cs")
    kept, rate = _retention(retention), _rate(r)
    try:
        np.broadcast_shapes(*(a.shape for a in (years, acquisition, first_purchase, revenue,
                                                service_cost, kept, rate)))
    except ValueError:
        raise input_error("n, Co, Po, In, Cs, retention, r", "数组长度不一致，无法逐一对应",
                          "array arguments have incompatible lengths") from None
    yearly_factor = kept / (1.0 + rate)
    value = first_purchase - acquisition + (revenue - service_cost) * _growth_sum(years, yearly_factor)
    return _result(value)


def model_one(n, Co=0.0, Po=0.0, In=None, Cs=None):
    """模型一: CLV without time value of money (不考虑货币时间价值).

    Formula::

        CLV = Po - Co + sum_{t=1..n} (In - Cs) = Po - Co + n * (In - Cs)

    Example: ``model_one(5, Co=200, Po=1000, In=600, Cs=150)`` is 3,050.
    See :func:`general_model` for the parameters.
    """
    return general_model(n, Co, Po, In, Cs, retention=1.0, r=0.0)


def model_two(n, Co=0.0, Po=0.0, In=None, Cs=None, retention=None):
    """模型二: CLV with a yearly retention rate R (考虑客户保持率).

    Formula::

        CLV = Po - Co + sum_{t=1..n} R**t * (In - Cs)

    R**t is the probability that the customer is still with the company in
    year t.  See :func:`general_model` for the parameters.
    """
    if retention is None:
        raise input_error("retention", "模型二必须给出保持率（0 到 1 之间）",
                          "model two needs the retention rate (between 0 and 1)")
    return general_model(n, Co, Po, In, Cs, retention=retention, r=0.0)


def model_three(n, Co=0.0, Po=0.0, In=None, Cs=None, r=None):
    """模型三: discounted CLV (考虑货币时间价值，贴现).

    Formula::

        CLV = Po - Co + sum_{t=1..n} (In - Cs) / (1 + r)**t

    Example: ``model_three(5, Co=200, Po=1000, In=600, Cs=150, r=0.1)`` is
    2,505.85.  See :func:`general_model` for the parameters.
    """
    if r is None:
        raise input_error("r", "模型三必须给出贴现率（如 8% 写 0.08）",
                          "model three needs the interest rate (e.g. 0.08 for 8 %)")
    return general_model(n, Co, Po, In, Cs, retention=1.0, r=r)


def infinite_horizon_clv(margin, *, retention=None, discount_rate=None, **renamed):
    """无限期客户终身价值（Gupta & Lehmann 公式）：CLV = m·R/(1 + i − R)。

    Infinite-horizon CLV closed form of Gupta & Lehmann.

    Formula (Gupta & Lehmann 2003, "Customers as assets", Journal of
    Interactive Marketing 17(1), 9–24; Gupta & Lehmann 2005, *Managing
    Customers as Investments*)::

        CLV = m * R / (1 + i - R) = sum_{t=1..inf} m * R**t / (1 + i)**t

    with ``m = margin`` (yearly margin, e.g. In - Cs), ``R = retention`` (yearly
    retention rate, 保持率) and ``i = discount_rate`` (yearly discount rate,
    贴现率, e.g. 0.08).  Naming: Gupta & Lehmann write r for the retention rate
    and i for the discount rate; the textbook models of this module write R
    for retention and r for the interest rate, so here both are spelled out.

    Convention (as in the paper): the margin arrives at the end of each year
    t = 1, 2, ... and only if the customer is still there (probability R**t);
    nothing is counted for year 0 and no acquisition cost is subtracted.  It
    is the limit of :func:`general_model` with ``In=margin, Cs=0`` as n → ∞.
    The variant that also counts a margin at year 0 is
    m * (1 + i) / (1 + i - R) = m + this value.  Finite only when R < 1 + i.

    中文：每年年末获得利润 m，客户第 t 年仍留存的概率为 R 的 t 次方，按贴现率 i
    折现后求和到无穷期，得 m·R/(1 + i − R)。

    Example: margin 900, retention 0.9, discount rate 0.08 gives
    900 * 0.9 / 0.18 = 4,500.  Arguments may be arrays (broadcast).
    """
    if renamed:
        unknown = sorted(renamed)
        hint_zh = "（贴现率请用 discount_rate=，保持率请用 retention=）"
        raise input_error(", ".join(unknown), f"未知的参数名 {unknown}{hint_zh}",
                          f"unknown argument name(s) {unknown}; give the discount rate as discount_rate= and "
                          "the retention rate as retention=")
    if retention is None:
        raise input_error("retention", "必须给出保持率 retention（0 到 1 之间的小数）",
                          "the retention rate retention= is required (a fraction between 0 and 1)")
    if discount_rate is None:
        raise input_error("discount_rate", "必须给出贴现率 discount_rate（例如 8% 写 0.08）",
                          "the discount rate discount_rate= is required (e.g. 0.08 for 8 %)")
    m = as_float_array(margin, "margin")
    rate, kept = _rate(discount_rate, "discount_rate"), _retention(retention)
    try:
        np.broadcast_shapes(m.shape, rate.shape, kept.shape)
    except ValueError:
        raise input_error("margin, retention, discount_rate", "数组长度不一致，无法逐一对应",
                          "array arguments have incompatible lengths") from None
    denominator = 1.0 + rate - kept
    if np.any(denominator <= 0):
        raise input_error("retention", "保持率 R 必须小于 1 + 贴现率，否则无限期价值发散（保持率 1 且贴现率 0 时无穷大）",
                          "retention R must be below 1 + discount_rate, otherwise the infinite sum diverges "
                          "(retention 1 with discount rate 0 is infinite)")
    return _result(m * kept / denominator)


def breakdown(n, Co=0.0, Po=0.0, In=None, Cs=None, r=0.0, retention=None) -> pd.DataFrame:
    """逐年现金流明细表：每年的净收入、保持率、贴现系数、现值和累计现值。

    Year-by-year CLV table for teaching (逐年现金流明细表).

    One row per year 0..n.  Year 0 holds the first purchase Po as 收入 and the
    acquisition cost Co as 成本; years 1..n hold In and Cs.  Columns:

    - 年份 year t
    - 收入 revenue (expected revenue R**t * In when ``retention`` is given)
    - 成本 cost (expected cost R**t * Cs when ``retention`` is given)
    - 净现金流 net cash flow = 收入 - 成本
    - 贴现因子 discount factor 1 / (1 + r)**t
    - 现值 present value = 净现金流 * 贴现因子
    - 累计现值 cumulative present value; its last row is the CLV of
      :func:`general_model` with the same arguments

    When ``retention`` is given, a column 留存概率 (R**t) follows 年份.
    Arguments are scalars (one customer).
    """
    for name, value in (("n", n), ("Co", Co), ("Po", Po), ("In", In), ("Cs", Cs), ("r", r),
                        ("retention", retention)):
        if value is not None and np.ndim(value) != 0:
            raise input_error(name, "明细表只针对一个客户，请给单个数值",
                              "the breakdown is for one customer; give a single number")
    years_total = int(_years(n))
    acquisition, first_purchase = float(_amount(Co, "Co")), float(_amount(Po, "Po"))
    revenue, service_cost = float(_amount(In, "In")), float(_amount(Cs, "Cs"))
    rate = float(_rate(r))
    kept = 1.0 if retention is None else float(_retention(retention))

    year = np.arange(years_total + 1)
    survival = kept ** year
    income = np.where(year == 0, first_purchase, revenue * survival)
    cost = np.where(year == 0, acquisition, service_cost * survival)
    net = income - cost
    discount = (1.0 + rate) ** -year.astype(float)
    present = net * discount
    table = pd.DataFrame({"年份": year, "收入": income, "成本": cost, "净现金流": net,
                          "贴现因子": discount, "现值": present, "累计现值": np.cumsum(present)})
    if retention is not None:
        table.insert(1, "留存概率", survival)
    return table
