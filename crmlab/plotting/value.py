"""Customer delivered value chart (客户让渡价值图表).

Re-exported as :func:`crmlab.value.plot_delivered_value`.  Draws in
:func:`crmlab.plotting.course_style` (Chinese font) and returns the matplotlib Axes.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .._checks import input_error
from ..value import CHINESE_NAMES, COST_PARTS, VALUE_PARTS, _column_parts, delivered_value_table
from . import course_style, pin_cjk_font

__all__ = ["plot_delivered_value"]


def plot_delivered_value(df: pd.DataFrame, offer_col: str | None = None, ax=None,
                         title: str = "各方案的顾客总价值与总成本"):
    """各方案的顾客总价值与总成本堆叠柱状图，返回 matplotlib 坐标轴（Axes）。

    Stacked bars comparing offers (方案对比图): per offer, a value bar stacked from
    the four value parts beside a cost bar stacked from the four cost parts, with
    the delivered value (total value - total cost) written above each pair.

    ``df`` is as for :func:`crmlab.value.delivered_value_table`, one row per offer; the
    offers are labelled by column ``offer_col`` (e.g. "店铺") or else by the
    index.  Returns the matplotlib Axes.
    """
    import matplotlib.pyplot as plt

    table = delivered_value_table(df, language="en")
    columns = _column_parts(df)
    if offer_col is not None:
        if offer_col not in df.columns:
            raise input_error("offer_col", f"没有这一列（现有列：{list(df.columns)}）",
                              f"no such column (available: {list(df.columns)})")
        offers = [str(v) for v in df[offer_col]]
    else:
        offers = [str(i) for i in table.index]
    position = np.arange(len(offers))
    width = 0.38
    value_colors = ["#1f5fa8", "#4a83c4", "#7ba7d9", "#b3cdea"]
    cost_colors = ["#c0392b", "#d9644f", "#e8917f", "#f3c1b5"]
    with course_style():
        if ax is None:
            _, ax = plt.subplots()
        for parts, offset, colors in ((VALUE_PARTS, -width / 2, value_colors),
                                      (COST_PARTS, width / 2, cost_colors)):
            bottom = np.zeros(len(offers))
            for part, color in zip(parts, colors):
                height = table[columns[part]].to_numpy(dtype=float)
                ax.bar(position + offset, height, width, bottom=bottom, color=color,
                       label=CHINESE_NAMES[part], edgecolor="white", linewidth=0.5)
                bottom += height
        tops = np.maximum(table["total_value"], table["total_cost"]).to_numpy()
        for x, top, gain in zip(position, tops, table["delivered_value"]):
            ax.annotate(f"让渡价值 {gain:,.2f}", (x, top), textcoords="offset points",
                        xytext=(0, 4), ha="center")
        ax.set_xticks(position, offers)
        ax.set_ylabel("金额")
        ax.set_title(title)
        # Headroom above the bars keeps the two-row legend inside the axes,
        # so nothing is cut off whichever way the notebook saves the figure.
        ax.set_ylim(0, tops.max() * 1.45)
        ax.legend(ncols=4, loc="upper center", fontsize=9)
        pin_cjk_font(ax.figure)
    return ax
