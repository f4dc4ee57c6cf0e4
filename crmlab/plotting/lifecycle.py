"""Lifecycle charts (客户生命周期图表): lifecycle curves and the cohort-retention heat map.

Re-exported as :func:`crmlab.lifecycle.plot_lifecycle_curves` and
:func:`crmlab.lifecycle.plot_cohort_heatmap`.  Each chart draws in
:func:`crmlab.plotting.course_style` (Chinese font) and returns the matplotlib Axes.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .._checks import input_error, require_non_empty
from ..lifecycle import _trailing_mean
from . import course_style, pin_cjk_font

__all__ = ["plot_lifecycle_curves", "plot_cohort_heatmap"]


def plot_lifecycle_curves(series: pd.DataFrame, customers=None, window: int = 1, ax=None,
                          title: str = "客户生命周期曲线"):
    """客户生命周期曲线：一位或几位客户各期采购额的折线图，返回 matplotlib 坐标轴（Axes）。

    Line chart of purchase volume per period (生命周期曲线) for one or several customers.

    ``series`` is a table from :func:`crmlab.lifecycle.period_series`; ``customers`` selects
    rows (default: all, at most 12 so the legend stays readable); ``window`` > 1
    draws the trailing moving average used by the classification rules.
    """
    import matplotlib.pyplot as plt

    if not isinstance(series, pd.DataFrame) or not isinstance(series.columns, pd.PeriodIndex):
        raise input_error("series", "应为 period_series() 返回的表（列为期间）",
                          "expected the table returned by period_series() (periods as columns)")
    require_non_empty(series, "series")
    if customers is None:
        customers = list(series.index)
    elif np.isscalar(customers):
        customers = [customers]
    missing = [c for c in customers if c not in series.index]
    if missing:
        raise input_error("customers", f"表中没有这些客户：{missing[:5]}",
                          f"customer(s) not in the table: {missing[:5]}")
    if not 1 <= len(customers) <= 12:
        raise input_error("customers", "一次请画 1 到 12 位客户", "plot between 1 and 12 customers")
    if isinstance(window, bool) or not float(window).is_integer() or window < 1:
        raise input_error("window", "必须是不小于 1 的整数", "must be a whole number >= 1")
    values = series.loc[customers].to_numpy(dtype=float)
    if window > 1:
        values = _trailing_mean(values, int(window))
    with course_style():
        if ax is None:
            _, ax = plt.subplots()
        x = series.columns.to_timestamp()
        for label, row in zip(customers, values):
            ax.plot(x, row, marker="o", markersize=3, label=str(label))
        ax.set_title(title)
        ax.set_xlabel("期间")
        ax.set_ylabel("采购额" if window == 1 else f"采购额（{int(window)} 期移动平均）")
        ax.legend(title="客户")
        pin_cjk_font(ax.figure)
    return ax


def plot_cohort_heatmap(retention: pd.DataFrame, ax=None, annotate: bool = True,
                        title: str = "同期群留存率"):
    """同期群留存率热力图，返回 matplotlib 坐标轴（Axes）。

    Heatmap of a :func:`crmlab.lifecycle.cohort_retention` table (shares shown as percentages)."""
    import matplotlib.pyplot as plt

    if not isinstance(retention, pd.DataFrame):
        raise input_error("retention", "应为 cohort_retention() 返回的表",
                          "expected the table returned by cohort_retention()")
    require_non_empty(retention, "retention")
    values = retention.to_numpy(dtype=float)
    observed = values[~np.isnan(values)]
    if observed.size and (observed.min() < 0 or observed.max() > 1):
        raise input_error("retention", "留存率必须在 0 到 1 之间（请勿传入 counts=True 的人数表）",
                          "shares must lie in [0, 1] (do not pass the counts=True table)")
    with course_style():
        if ax is None:
            _, ax = plt.subplots(figsize=(max(6.0, 0.45 * values.shape[1]),
                                          max(3.0, 0.35 * values.shape[0])))
        image = ax.imshow(np.ma.masked_invalid(values), cmap="Blues", vmin=0, vmax=1, aspect="auto")
        ax.set_xticks(range(values.shape[1]), [str(c) for c in retention.columns])
        ax.set_yticks(range(values.shape[0]), [str(i) for i in retention.index])
        ax.set_xlabel("距首次购买的期数")
        ax.set_ylabel("首购期（同期群）")
        ax.set_title(title)
        ax.grid(False)
        if annotate and values.size <= 400:
            for (i, j), share in np.ndenumerate(values):
                if not np.isnan(share):
                    ax.text(j, i, f"{share:.0%}", ha="center", va="center", fontsize=7,
                            color="white" if share > 0.6 else "black")
        ax.figure.colorbar(image, ax=ax, label="留存率")
        pin_cjk_font(ax.figure)
    return ax
