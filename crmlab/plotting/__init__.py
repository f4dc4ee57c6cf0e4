"""Chinese-capable matplotlib plotting (中文绘图).

matplotlib's default fonts have no Chinese glyphs, so Chinese titles show as
empty boxes.  This module registers the open Noto Sans CJK SC font shipped by
the ``mplfonts`` package with matplotlib's font manager *for this process
only* -- it never writes the user's matplotlibrc or font cache files -- and
defines one course style.

Typical use in a notebook::

    import crmlab.plotting as cp
    cp.setup()                     # once: every later plt figure can show Chinese

crmlab's own chart functions draw inside :func:`course_style`, so they render
Chinese even if ``setup()`` was never called, without changing global settings.
Every chart returns the matplotlib ``Axes`` it drew on (``ax.figure`` is the
figure) and accepts ``ax=`` to draw on an existing one.

Charts of the plain modules live in submodules here and are re-exported by
their module: :mod:`crmlab.plotting.lifecycle` (``lifecycle.plot_lifecycle_curves``,
``lifecycle.plot_cohort_heatmap``) and :mod:`crmlab.plotting.value`
(``value.plot_delivered_value``); the packages keep theirs in
``crmlab/clv/_plots.py`` and ``crmlab/satisfaction/_plots.py``.
"""
from __future__ import annotations

import contextlib
import importlib.util
import os
from pathlib import Path

import matplotlib
import matplotlib.font_manager as font_manager

from .._checks import input_error

__all__ = ["CJK_FONT_NAME", "cjk_font_path", "register_cjk_font", "course_rc", "course_style",
           "pin_cjk_font", "setup", "COURSE_COLORS", "savefig"]

CJK_FONT_NAME = "Noto Sans CJK SC"
_FONT_FILE = "NotoSansCJKsc-Regular.otf"

# A palette that stays distinguishable in greyscale print-outs of lab reports.
COURSE_COLORS = ["#1f5fa8", "#e07b24", "#2f9e5b", "#c0392b", "#7d5ba6", "#8c6d31", "#d45d9c", "#5f6b73"]

_registered = False


def cjk_font_path() -> Path:
    """随包提供的中文字体（Noto Sans CJK SC）文件位置。

    Location of the bundled Noto Sans CJK SC font file (from ``mplfonts``)."""
    spec = importlib.util.find_spec("mplfonts")
    if spec is None or not spec.submodule_search_locations:
        raise input_error("mplfonts", "未安装字体包 mplfonts，请运行 pip install mplfonts",
                          "the font package mplfonts is not installed; run pip install mplfonts")
    path = Path(next(iter(spec.submodule_search_locations))) / "fonts" / _FONT_FILE
    if not path.is_file():
        raise input_error("mplfonts", f"字体文件 {path} 缺失，请重新安装 mplfonts",
                          f"font file {path} is missing; reinstall mplfonts")
    return path


def register_cjk_font() -> str:
    """把中文字体加入 matplotlib 的字体列表（可重复调用）

    Add the CJK font to matplotlib's in-memory font list (idempotent); return its name."""
    global _registered
    if not _registered:
        font_manager.fontManager.addfont(str(cjk_font_path()))
        _registered = True
    return CJK_FONT_NAME


def course_rc() -> dict:
    """课程图表样式的 matplotlib 参数（中文字体、清晰的字号）

    rcParams of the course style: CJK sans-serif font, readable sizes, light grid."""
    name = register_cjk_font()
    return {
        "font.family": "sans-serif",
        "font.sans-serif": [name, "DejaVu Sans"],
        # The CJK font has no U+2212 minus sign; use ASCII '-' on axes.
        "axes.unicode_minus": False,
        "axes.prop_cycle": matplotlib.cycler(color=COURSE_COLORS),
        "axes.grid": True,
        "grid.alpha": 0.3,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.titlesize": 13,
        "axes.labelsize": 11,
        "legend.fontsize": 10,
        "legend.frameon": False,
        "figure.figsize": (7.0, 4.2),
        "figure.dpi": 100,
        "savefig.dpi": 150,
        "savefig.bbox": "tight",
    }


@contextlib.contextmanager
def course_style():
    """上下文管理器：在其中用课程样式画图，不改变全局设置。

    Context manager: draw with the course style without changing global settings."""
    with matplotlib.rc_context(course_rc()):
        yield


def pin_cjk_font(fig) -> None:
    """给图中每段文字指定中文字体，使中文在任何地方渲染都能正常显示。

    Name the CJK font on every text of ``fig``, so Chinese renders wherever it is drawn.

    Text made inside :func:`course_style` stores only the generic family
    "sans-serif", which matplotlib resolves when the figure is rendered; a
    notebook renders it after the cell has run, outside the style context.
    crmlab's chart functions call this before returning.
    """
    from matplotlib.figure import Figure, SubFigure
    from matplotlib.text import Text

    _require_figure(fig, (Figure, SubFigure))
    register_cjk_font()
    family = [CJK_FONT_NAME, "DejaVu Sans"]
    for text in fig.findobj(Text):
        text.set_fontfamily(family)
    for ax in fig.axes:
        ax.tick_params(labelfontfamily=CJK_FONT_NAME)


def setup() -> None:
    """在本次 Python 会话中启用课程样式，之后直接用 plt 画图也能显示中文。

    Apply the course style to this Python session, so plain ``plt`` calls show Chinese.

    Only the in-memory ``matplotlib.rcParams`` change; no file is written.
    """
    matplotlib.rcParams.update(course_rc())


def savefig(fig, path) -> Path:
    """按课程样式的分辨率把图保存为文件（默认 PNG）

    Save ``fig`` as PNG (or by the path's suffix) in the course style's resolution."""
    from matplotlib.figure import Figure

    _require_figure(fig, (Figure,))
    if not isinstance(path, (str, os.PathLike)):
        raise input_error("path", f"应为文件路径（str 或 Path），实际为 {type(path).__name__}",
                          f"expected a file path (str or Path), got {type(path).__name__}")
    path = Path(path)
    with course_style():
        fig.savefig(path)
    return path


def _require_figure(fig, types) -> None:
    if not isinstance(fig, types):
        raise input_error("fig", f"应为 matplotlib 图（Figure，例如 ax.figure），实际为 {type(fig).__name__}",
                          f"expected a matplotlib Figure (e.g. ax.figure), got {type(fig).__name__}")
