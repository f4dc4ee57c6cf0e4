"""Charts for the satisfaction models (满意度图表): the 四分图 and the path diagram.

matplotlib is imported inside the functions, so ``import crmlab.satisfaction``
does not load it.  Both charts draw in :func:`crmlab.plotting.course_style`
(Chinese font) and return the matplotlib ``Axes`` they drew on (``ax.figure``
is the figure), like every crmlab chart.
"""
from __future__ import annotations

from typing import Mapping

import numpy as np

from .._checks import NotFittedError, input_error
from ._results import PathResults
from .ipa import QUADRANTS, ipa, ipa_cut_lines, table_or_ratings

__all__ = ["plot_ipa", "plot_path_model"]

_SCHEME_NAMES = {"path": "路径加权", "centroid": "重心加权", "factorial": "因子加权"}

_QUADRANT_COLORS = {"优势区": "#2f9e5b", "修补区": "#c0392b", "机会区": "#e07b24", "维持区": "#1f5fa8"}


def plot_ipa(importance, satisfaction=None, cut="mean", *, ax=None, title: str | None = "四分图（重要性—满意度）",
             annotate: bool = True):
    """画四分图（横轴满意度、纵轴重要性），返回 matplotlib 坐标轴（Axes）。

    Draw the 四分图: satisfaction (满意度) across, importance (重要性) up, cut lines, quadrant names.

    Pass either ``importance`` and ``satisfaction`` (and ``cut``) as for
    :func:`~crmlab.satisfaction.ipa`, or the table that
    :func:`~crmlab.satisfaction.ipa` returned as the only argument (with the
    same ``cut`` as when it was made; default the means).  The cut lines are
    :func:`~crmlab.satisfaction.ipa_cut_lines`; each attribute is a labelled
    point coloured by its quadrant.  Returns the matplotlib Axes.
    """
    import matplotlib.pyplot as plt

    from ..plotting import course_style, pin_cjk_font

    imp, sat = table_or_ratings(importance, satisfaction)
    table = ipa(imp, sat, cut=cut)
    lines = ipa_cut_lines(imp, sat, cut=cut)
    cut_imp, cut_sat = lines["importance"], lines["satisfaction"]
    with course_style():
        if ax is None:
            fig, ax = plt.subplots(figsize=(7.5, 6))
        else:
            fig = ax.figure
        x, y = table["satisfaction"].to_numpy(), table["importance"].to_numpy()
        pad_x = max(np.ptp(np.append(x, cut_sat)) * 0.15, 0.1)
        pad_y = max(np.ptp(np.append(y, cut_imp)) * 0.15, 0.1)
        x0, x1 = min(x.min(), cut_sat) - pad_x, max(x.max(), cut_sat) + pad_x
        y0, y1 = min(y.min(), cut_imp) - pad_y, max(y.max(), cut_imp) + pad_y
        for q in QUADRANTS.values():
            sel = (table["quadrant"] == q).to_numpy()
            if sel.any():
                ax.scatter(x[sel], y[sel], s=60, color=_QUADRANT_COLORS[q], label=q, zorder=3)
        if annotate:
            for name, xi, yi in zip(table.index, x, y):
                ax.annotate(str(name), (xi, yi), xytext=(5, 4), textcoords="offset points", fontsize=9)
        ax.axvline(cut_sat, color="#5f6b73", linestyle="--", linewidth=1)
        ax.axhline(cut_imp, color="#5f6b73", linestyle="--", linewidth=1)
        corners = {"修补区": (0.02, 0.98, "left", "top"), "优势区": (0.98, 0.98, "right", "top"),
                   "机会区": (0.02, 0.02, "left", "bottom"), "维持区": (0.98, 0.02, "right", "bottom")}
        for q, (cx, cy, ha, va) in corners.items():
            ax.text(cx, cy, q, ha=ha, va=va, fontsize=14, color=_QUADRANT_COLORS[q], alpha=0.7,
                    transform=ax.transAxes)
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.set_xlabel(f"满意度（分界 {cut_sat:.2f}）")
        ax.set_ylabel(f"重要性（分界 {cut_imp:.2f}）")
        if title:
            ax.set_title(title)
        pin_cjk_font(fig)
    return ax


def _layered_positions(constructs, paths) -> dict[str, tuple[float, float]]:
    """Fallback layout: column = length of the longest path reaching a construct, rows spread evenly."""
    layer = {c: 0 for c in constructs}
    for _ in constructs:                       # longest-path relaxation; the graph is acyclic
        for a, b in paths:
            layer[b] = max(layer[b], layer[a] + 1)
    columns: dict[int, list[str]] = {}
    for c in constructs:
        columns.setdefault(layer[c], []).append(c)
    pos = {}
    for col, members in columns.items():
        zigzag = 0.9 * (1 if col % 2 else -1) if len(members) == 1 else 0.0
        for k, c in enumerate(members):
            pos[c] = (col * 2.6, (len(members) - 1) * 1.1 - k * 2.2 + zigzag)
    return pos


def plot_path_model(fit, *, ax=None, labels: Mapping[str, str] | None = None, title: str | None = None,
                    positions: Mapping[str, tuple[float, float]] | None = None, decimals: int = 2):
    """画已估计模型的路径图（潜变量方框、路径系数和 R²），返回 matplotlib 坐标轴（Axes）。

    Path diagram (路径图) of a fitted model: constructs as boxes, arrows with path coefficients, R².

    ``labels`` (default: the model's labels, e.g. the Chinese names of a
    preset) names the boxes.  ``positions`` maps constructs to (x, y); by
    default the preset's textbook layout, else constructs are arranged left
    to right in causal order.  Returns the matplotlib Axes.
    """
    import matplotlib.pyplot as plt

    from ..plotting import course_style, pin_cjk_font

    if not isinstance(fit, PathResults):
        raise input_error("fit", "应为拟合好的 PathModel（PathModel.fit(...) 的结果）",
                          "expected a fitted PathModel (the result of PathModel.fit(...))")
    if not fit.is_fitted:
        raise NotFittedError(type(fit).__name__, "plot_path_model()")
    names = list(fit.path_coefficients.index)
    shown = dict(fit.labels)
    if labels is not None:
        shown.update(labels)
    layout = positions if positions is not None else fit.layout
    if layout is None or any(c not in layout for c in names):
        if positions is not None:
            missing = [c for c in names if c not in positions]
            raise input_error("positions", f"缺少潜变量 {missing} 的位置", f"no position for construct(s) {missing}")
        layout = _layered_positions(names, fit.paths)
    pos = {c: (float(layout[c][0]), float(layout[c][1])) for c in names}
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    with course_style():
        if ax is None:
            fig, ax = plt.subplots(figsize=(1.0 * (max(xs) - min(xs)) + 3.5, 0.9 * (max(ys) - min(ys)) + 2.5))
        else:
            fig = ax.figure
        for a, b in fit.paths:
            (xa, ya), (xb, yb) = pos[a], pos[b]
            ax.annotate("", xy=(xb, yb), xytext=(xa, ya),
                        arrowprops=dict(arrowstyle="-|>", color="#5f6b73", shrinkA=34, shrinkB=34, lw=1.3,
                                        connectionstyle="arc3,rad=0.0"))
            coef = fit.path_coefficients.loc[a, b]
            ax.text(xa + 0.5 * (xb - xa), ya + 0.5 * (yb - ya), f"{coef:.{decimals}f}", ha="center",
                    va="center", fontsize=9, color="#1f5fa8",
                    bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.8))
        for c in names:
            text = shown.get(c, c)
            if c in fit.r_squared.index:
                text += f"\nR² = {fit.r_squared[c]:.{decimals}f}"
            ax.text(*pos[c], text, ha="center", va="center", fontsize=10, zorder=4,
                    bbox=dict(boxstyle="round,pad=0.5", fc="#eef3fa", ec="#1f5fa8", lw=1.2))
        ax.set_xlim(min(xs) - 1.2, max(xs) + 1.2)
        ax.set_ylim(min(ys) - 0.8, max(ys) + 0.8)
        ax.axis("off")
        ax.set_title(title if title is not None else f"结构方程路径图（{_SCHEME_NAMES[fit.scheme]}，n = {fit.n}）")
        pin_cjk_font(fig)
    return ax
