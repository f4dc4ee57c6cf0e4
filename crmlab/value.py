"""Customer delivered value (客户让渡价值).

Kotler's model as taught in the course::

    total customer value  (顾客总价值) = product value 产品价值 + service value 服务价值
                                        + personnel value 人员价值 + image value 形象价值
    total customer cost   (顾客总成本) = monetary cost 货币成本 + time cost 时间成本
                                        + energy cost 精力成本 (also called 体力成本) + psychic cost 精神成本
    delivered value       (客户让渡价值) = total value - total cost
    value ratio           (价值成本比)   = total value / total cost

The customer prefers the offer with the largest delivered value (or ratio).
Parts may be given with English or Chinese names:

=================  ==========  =================  =====================
English            中文        English            中文
=================  ==========  =================  =====================
product_value      产品价值    monetary_cost      货币成本
service_value      服务价值    time_cost          时间成本
personnel_value    人员价值    energy_cost        精力成本 / 体力成本
image_value        形象价值    psychic_cost       精神成本
=================  ==========  =================  =====================

The chart :func:`plot_delivered_value` is in :mod:`crmlab.plotting.value` and
re-exported here; matplotlib is imported only when it is used.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ._checks import as_float_array, input_error, require_non_empty, require_non_negative

__all__ = ["VALUE_PARTS", "COST_PARTS", "CHINESE_NAMES", "delivered_value",
           "delivered_value_table", "plot_delivered_value"]

VALUE_PARTS = ("product_value", "service_value", "personnel_value", "image_value")
COST_PARTS = ("monetary_cost", "time_cost", "energy_cost", "psychic_cost")

# Chinese display name of each part (the first of its Chinese aliases).
CHINESE_NAMES = {
    "product_value": "产品价值", "service_value": "服务价值", "personnel_value": "人员价值",
    "image_value": "形象价值", "monetary_cost": "货币成本", "time_cost": "时间成本",
    "energy_cost": "精力成本", "psychic_cost": "精神成本",
}
_ALIASES = {**{part: part for part in CHINESE_NAMES},
            **{zh: part for part, zh in CHINESE_NAMES.items()},
            "体力成本": "energy_cost"}

RESULT_NAMES = {"en": ("total_value", "total_cost", "delivered_value", "value_ratio"),
                "zh": ("顾客总价值", "顾客总成本", "客户让渡价值", "价值成本比")}


def _totals(values: dict[str, np.ndarray], argument: str):
    """Totals, difference and ratio from the eight parts; refuses a zero total cost."""
    total_value = sum(values[p] for p in VALUE_PARTS)
    total_cost = sum(values[p] for p in COST_PARTS)
    if np.any(total_cost == 0):
        raise input_error(argument, "顾客总成本为 0，无法计算价值成本比",
                          "the total customer cost is 0, so the value ratio is undefined")
    return total_value, total_cost, total_value - total_cost, total_value / total_cost


def delivered_value(**parts) -> pd.Series:
    """单个方案的客户让渡价值：让渡价值 = 顾客总价值 − 顾客总成本。

    Delivered value of one offer (单个方案的客户让渡价值).

    Give the eight parts as keywords, in English or Chinese (see the module
    table); a part left out counts as 0.  Example::

        delivered_value(product_value=800, service_value=150, personnel_value=50,
                        image_value=100, monetary_cost=600, time_cost=50,
                        energy_cost=30, psychic_cost=20)
        delivered_value(产品价值=800, 服务价值=150, 货币成本=600, 时间成本=50)

    Returns a Series with ``total_value`` = sum of the value parts,
    ``total_cost`` = sum of the cost parts, ``delivered_value`` = total_value -
    total_cost and ``value_ratio`` = total_value / total_cost.
    """
    values = {part: np.asarray(0.0) for part in (*VALUE_PARTS, *COST_PARTS)}
    given: dict[str, str] = {}
    for name, amount in parts.items():
        if name not in _ALIASES:
            raise input_error(name, f"未知的价值或成本项，可用：{list(_ALIASES)}",
                              f"unknown value or cost part; use one of {list(_ALIASES)}")
        part = _ALIASES[name]
        if part in given:
            raise input_error(name, f"与 {given[part]} 是同一项，只能给一次",
                              f"is the same part as {given[part]}; give it once")
        given[part] = name
        if np.ndim(amount) != 0:
            raise input_error(name, "单个方案的每一项应为一个数；多个方案请用 delivered_value_table",
                              "each part of one offer is a single number; use delivered_value_table "
                              "for several offers")
        values[part] = as_float_array(amount, name)
        require_non_negative(values[part], name)
    results = _totals(values, "monetary_cost, time_cost, energy_cost, psychic_cost")
    return pd.Series([float(v) for v in results], index=list(RESULT_NAMES["en"]), name="delivered_value")


def _column_parts(df: pd.DataFrame) -> dict[str, str]:
    """Map each part to the column holding it, accepting English and Chinese headers."""
    found: dict[str, str] = {}
    for column in df.columns:
        part = _ALIASES.get(str(column).strip())
        if part is None:
            continue
        if part in found:
            raise input_error("df", f"列 {found[part]} 和 {column} 是同一项，只能保留一列",
                              f"columns {found[part]!r} and {column!r} are the same part; keep one")
        found[part] = column
    missing = [p for p in (*VALUE_PARTS, *COST_PARTS) if p not in found]
    if missing:
        shown = "、".join(CHINESE_NAMES[p] for p in missing)
        raise input_error("df", f"缺少列 {shown}（中文或英文列名均可，现有列：{list(df.columns)}）",
                          f"missing column(s) {missing} (Chinese or English headers; available: "
                          f"{list(df.columns)})")
    return found


def delivered_value_table(df: pd.DataFrame, language: str | None = None) -> pd.DataFrame:
    """多个方案的客户让渡价值对比表：每个方案一行。

    Delivered value of several offers, one row each (多个方案的客户让渡价值对比表).

    ``df`` has one row per offer and the eight part columns, with English or
    Chinese headers (精力成本 or 体力成本 both accepted); other columns are kept.
    Returns a copy with four columns appended::

        total value  = product + service + personnel + image value
        total cost   = monetary + time + energy + psychic cost
        delivered    = total value - total cost
        value ratio  = total value / total cost

    named 顾客总价值, 顾客总成本, 客户让渡价值, 价值成本比 when ``language`` is "zh"
    and total_value, total_cost, delivered_value, value_ratio when "en".  By
    default the language follows the headers (Chinese if any part column is Chinese).
    """
    if not isinstance(df, pd.DataFrame):
        raise input_error("df", f"应为 pandas DataFrame，实际为 {type(df).__name__}",
                          f"expected a pandas DataFrame, got {type(df).__name__}")
    require_non_empty(df, "df")
    columns = _column_parts(df)
    if language is None:
        chinese = any(str(c).strip() not in VALUE_PARTS + COST_PARTS for c in columns.values())
        language = "zh" if chinese else "en"
    if language not in RESULT_NAMES:
        raise input_error("language", "只能是 'zh' 或 'en'", "must be 'zh' or 'en'")
    values = {}
    for part, column in columns.items():
        values[part] = as_float_array(df[column], str(column))
        require_non_negative(values[part], str(column))
    zero_cost = sum(values[p] for p in COST_PARTS) == 0
    if zero_cost.any():
        offers = list(df.index[zero_cost])
        raise input_error("df", f"方案 {offers} 的顾客总成本为 0，无法计算价值成本比",
                          f"offer(s) {offers} have total customer cost 0, so the value ratio is undefined")
    out = df.copy()
    for name, result in zip(RESULT_NAMES[language], _totals(values, "df")):
        out[name] = result
    return out


# The chart lives in crmlab.plotting.value (matplotlib is loaded only when it is
# used); it is re-exported here on first access.
def __getattr__(name: str):
    if name == "plot_delivered_value":
        from .plotting.value import plot_delivered_value

        return plot_delivered_value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | {"plot_delivered_value"})
