"""Charts for CLV teaching (客户终身价值图表).

matplotlib is imported inside each function so ``import crmlab.clv`` does not
load it; every chart is drawn inside ``crmlab.plotting.course_style()`` so
Chinese labels render.  Each function returns the matplotlib Axes.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .._checks import as_float_array, input_error, require_columns, require_non_empty

__all__ = ["plot_breakdown", "plot_models", "plot_probability_alive_matrix"]


def _axes(ax):
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots()
    return ax


def plot_breakdown(table: pd.DataFrame, ax=None, title: str = "逐年现值与累计现值"):
    """逐年现值柱状图和累计现值折线图，返回 matplotlib 坐标轴（Axes）。

    Bars of each year's present value (现值) and a line of the cumulative value (累计现值).

    ``table`` is the DataFrame returned by :func:`crmlab.clv.breakdown`; the
    last point of the line is the customer's lifetime value.
    """
    from ..plotting import COURSE_COLORS, course_style, pin_cjk_font

    require_columns(table, ["年份", "现值", "累计现值"], "table")
    require_non_empty(table, "table")
    with course_style():
        ax = _axes(ax)
        ax.bar(table["年份"], table["现值"], color=COURSE_COLORS[0], label="现值")
        ax.plot(table["年份"], table["累计现值"], color=COURSE_COLORS[1], marker="o", label="累计现值")
        final = float(table["累计现值"].iloc[-1])
        ax.annotate(f"CLV = {final:,.2f}", (table["年份"].iloc[-1], final),
                    textcoords="offset points", xytext=(-10, 8), ha="right")
        ax.axhline(0, color="black", linewidth=0.8)
        ax.set_xlabel("年份")
        ax.set_ylabel("金额")
        ax.set_title(title)
        ax.legend()
        pin_cjk_font(ax.figure)
    return ax


def plot_models(values, ax=None, title: str = "三种模型的客户终身价值"):
    """比较几种模型客户终身价值的柱状图，返回 matplotlib 坐标轴（Axes）。

    Bar chart comparing CLV values, e.g. ``{"模型一": 3050, "模型三": 2505.85}``.

    ``values`` is a dict or Series from model name to value; each bar is
    labelled with its number.
    """
    from ..plotting import COURSE_COLORS, course_style, pin_cjk_font

    values = pd.Series(values, dtype=float)
    require_non_empty(values, "values")
    if not np.all(np.isfinite(values.to_numpy())):
        raise input_error("values", "含有缺失值或无穷大", "contains missing or infinite values")
    with course_style():
        ax = _axes(ax)
        colors = [COURSE_COLORS[i % len(COURSE_COLORS)] for i in range(len(values))]
        bars = ax.bar([str(k) for k in values.index], values.to_numpy(), color=colors)
        ax.bar_label(bars, labels=[f"{v:,.2f}" for v in values], padding=2)
        ax.axhline(0, color="black", linewidth=0.8)
        ax.set_ylabel("客户终身价值")
        ax.set_title(title)
        ax.margins(y=0.15)
        pin_cjk_font(ax.figure)
    return ax


def plot_probability_alive_matrix(model, max_frequency: int | None = None, T: float | None = None,
                                  ax=None, title: str = "客户仍活跃的概率 P(alive)"):
    """客户仍活跃概率 P(alive) 热力图（横轴近度、纵轴频次），返回 matplotlib 坐标轴（Axes）。

    Heat map of BG/NBD P(alive | x, t_x, T) over frequency x and recency t_x, for one age T.

    Defaults: ``max_frequency`` 20 and ``T`` 52 periods; pass the age of
    interest (e.g. the calibration length, 38.86 weeks for CDNOW).  Impossible
    cells (x = 0 with t_x > 0) are left blank.
    """
    from ..plotting import course_style, pin_cjk_font
    from .bgnbd import BetaGeoModel

    if not isinstance(model, BetaGeoModel):
        raise input_error("model", f"应为拟合好的 BetaGeoModel，实际为 {type(model).__name__}",
                          f"expected a fitted BetaGeoModel, got {type(model).__name__}")
    model._params("plot_probability_alive_matrix")     # NotFittedError before fit
    max_frequency = 20 if max_frequency is None else max_frequency
    T = np.asarray(52.0 if T is None else as_float_array(T, "T"))
    if T.ndim != 0:
        raise input_error("T", "应为一个数（一个客户年龄）", "expected one number (one customer age)")
    T = float(T)
    if (isinstance(max_frequency, (bool, np.bool_))
            or not isinstance(max_frequency, (int, float, np.integer, np.floating))
            or not np.isfinite(max_frequency) or max_frequency != int(max_frequency) or max_frequency < 1):
        raise input_error("max_frequency", "必须是至少为 1 的整数", "must be a whole number of at least 1")
    if not np.isfinite(T) or T <= 0:
        raise input_error("T", "必须是正数", "must be positive")
    recency = np.linspace(0, T, 60)
    frequency = np.arange(0, int(max_frequency) + 1)
    grid_x, grid_t = np.meshgrid(frequency, recency, indexing="ij")
    # x = 0 requires t_x = 0; other cells of that row are impossible.
    possible = (grid_x > 0) | (grid_t == 0)
    alive = np.full(grid_x.shape, np.nan)
    alive[possible] = model.probability_alive(grid_x[possible], grid_t[possible], T)
    with course_style():
        ax = _axes(ax)
        image = ax.imshow(alive, origin="lower", aspect="auto", cmap="viridis", vmin=0, vmax=1,
                          extent=(0, T, -0.5, max_frequency + 0.5))
        ax.figure.colorbar(image, ax=ax, label="P(alive)")
        ax.set_xlabel("近度 recency（最后一次购买时刻）")
        ax.set_ylabel("频次 frequency（重复购买次数）")
        ax.set_title(f"{title}，T = {T:g}")
        ax.grid(False)
        pin_cjk_font(ax.figure)
    return ax
