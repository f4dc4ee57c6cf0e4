"""Interactive explorers for the labs (ipywidgets).

Each explorer returns an ``ipywidgets`` container to display in a notebook;
the numbers it shows come from the model functions in the other modules, so
the widgets hold no maths of their own.  ipywidgets and matplotlib are
imported when an explorer is built, not when crmlab is imported.
"""
from __future__ import annotations

__all__: list[str] = []

# --- CLV explorer (lab03) ---

__all__ += ["clv_explorer"]


def clv_explorer(n=10, r=0.08, retention=0.8, In=1000.0, Cs=100.0, Co=500.0, Po=3000.0,
                 show_chart=True):
    """客户终身价值探索器：拖动滑块改变 n、r、保持率、In、Cs、Co、Po，观察三种模型的结果。

    CLV explorer: sliders for n, r, retention, In, Cs, Co, Po; 模型一/二/三 side by side (lab03).

    The three values come from :func:`crmlab.clv.model_one`,
    :func:`~crmlab.clv.model_two` (with ``retention``) and
    :func:`~crmlab.clv.model_three` (with ``r``), recomputed on every slider
    change and shown as a table and, when ``show_chart``, a bar chart drawn by
    :func:`crmlab.clv.plot_models`.  The arguments are the starting values.

    Returns an ``ipywidgets.VBox``; its ``values`` attribute holds the current
    results (a Series indexed 模型一, 模型二, 模型三) and ``sliders`` a dict of
    the sliders by symbol (``"n"``, ``"r"``, ``"retention"``, ``"In"``, ``"Cs"``,
    ``"Co"``, ``"Po"``).
    """
    import io

    import ipywidgets as widgets
    import matplotlib.pyplot as plt
    import pandas as pd

    from .clv import model_one, model_three, model_two, plot_models

    def compute(values):
        money = {k: values[k] for k in ("Co", "Po", "In", "Cs")}
        return pd.Series({"模型一": model_one(values["n"], **money),
                          "模型二": model_two(values["n"], **money, retention=values["retention"]),
                          "模型三": model_three(values["n"], **money, r=values["r"])})

    start = {"n": n, "r": r, "retention": retention, "In": In, "Cs": Cs, "Co": Co, "Po": Po}
    compute(start)  # bad starting values raise the models' bilingual errors here

    def money_slider(value, label, top):
        return widgets.FloatSlider(value=value, min=0.0, max=max(top, 2.0 * value), step=10.0,
                                   description=label, continuous_update=False, readout_format=",.0f",
                                   style={"description_width": "initial"})

    sliders = {
        "n": widgets.IntSlider(value=int(n), min=0, max=max(30, int(n)), description="年数 n",
                               continuous_update=False, style={"description_width": "initial"}),
        "r": widgets.FloatSlider(value=r, min=0.0, max=max(0.3, 2.0 * r), step=0.005,
                                 description="贴现率 r", readout_format=".3f", continuous_update=False,
                                 style={"description_width": "initial"}),
        "retention": widgets.FloatSlider(value=retention, min=0.0, max=1.0, step=0.01,
                                         description="保持率 R", readout_format=".2f",
                                         continuous_update=False, style={"description_width": "initial"}),
        "In": money_slider(In, "每年收入 In", 5000.0),
        "Cs": money_slider(Cs, "每年服务成本 Cs", 5000.0),
        "Co": money_slider(Co, "获取成本 Co", 5000.0),
        "Po": money_slider(Po, "首次购买 Po", 10000.0),
    }
    table = widgets.HTML()
    chart = widgets.Image(format="png", layout=widgets.Layout(width="480px"))
    controls = widgets.GridBox(list(sliders.values()),
                               layout=widgets.Layout(grid_template_columns="repeat(2, 360px)"))
    box = widgets.VBox([controls, widgets.HBox([table, chart] if show_chart else [table])])
    box.sliders = sliders

    def update(_change=None):
        values = compute({name: s.value for name, s in sliders.items()})
        box.values = values
        rows = "".join(f"<tr><td>{name}</td><td style='text-align:right'>{value:,.2f}</td></tr>"
                       for name, value in values.items())
        table.value = ("<table><tr><th>模型</th><th>客户终身价值</th></tr>" + rows + "</table>")
        if show_chart:
            ax = plot_models(values)
            buffer = io.BytesIO()
            ax.figure.savefig(buffer, format="png", dpi=80, bbox_inches="tight")
            plt.close(ax.figure)  # keep the inline backend from showing it a second time
            chart.value = buffer.getvalue()

    for s in sliders.values():
        s.observe(update, names="value")
    update()
    return box

# --- 四分图 explorer (lab04) ---

__all__ += ["ipa_explorer"]


def ipa_explorer(importance, satisfaction, cut="mean"):
    """四分图 explorer: move the cut lines with sliders, watch the quadrants change (lab04).

    ``importance`` and ``satisfaction`` are as for :func:`crmlab.satisfaction.ipa`
    (rating tables or one value per attribute).  The sliders start at the
    ``cut`` ("mean", "median" or two numbers); the buttons put them back on the
    mean or the median.  The chart and the quadrant table (修补区 first) are
    redrawn by :func:`~crmlab.satisfaction.plot_ipa` and
    :func:`~crmlab.satisfaction.ipa` on every change.

    Returns an ``ipywidgets.VBox``; its ``result`` attribute holds the current
    quadrant table, and ``sliders`` the two sliders (importance, satisfaction).
    """
    import io

    import ipywidgets as widgets
    import matplotlib.pyplot as plt

    from .satisfaction import ipa, ipa_cut_lines, plot_ipa

    start = ipa(importance, satisfaction, cut=cut)
    imp, sat = start["importance"], start["satisfaction"]
    lines = ipa_cut_lines(imp, sat, cut=cut)

    def slider(values, cut_value, label):
        low, high = float(values.min()), float(values.max())
        pad = max((high - low) * 0.1, 0.05)
        return widgets.FloatSlider(value=cut_value, min=low - pad, max=high + pad, step=0.01,
                                   description=label, continuous_update=False, readout_format=".2f",
                                   style={"description_width": "initial"},
                                   layout=widgets.Layout(width="360px"))

    imp_slider = slider(imp, lines["importance"], "重要性分界线")
    sat_slider = slider(sat, lines["satisfaction"], "满意度分界线")
    reset = widgets.ToggleButtons(options=[("均值", "mean"), ("中位数", "median")], value=None,
                                  description="回到", style={"button_width": "70px"})
    chart = widgets.Image(format="png", layout=widgets.Layout(width="560px"))
    table = widgets.HTML()
    box = widgets.VBox([widgets.HBox([imp_slider, sat_slider]), reset, widgets.HBox([chart, table])])
    box.sliders = (imp_slider, sat_slider)
    order = {"修补区": 0, "优势区": 1, "机会区": 2, "维持区": 3}

    def update(_change=None):
        result = ipa(imp, sat, cut=(imp_slider.value, sat_slider.value))
        box.result = result
        shown = result.sort_values("quadrant", key=lambda q: q.map(order)).rename(
            columns={"importance": "重要性", "satisfaction": "满意度", "quadrant": "象限", "action": "建议"})
        table.value = shown.to_html(float_format=lambda v: f"{v:.2f}", index_names=False)
        fig = plot_ipa(imp, sat, cut=(imp_slider.value, sat_slider.value)).figure
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=90, bbox_inches="tight")
        plt.close(fig)            # keep the inline backend from showing it a second time
        chart.value = buffer.getvalue()

    def back_to(change):
        if change["new"] is None:
            return
        again = ipa_cut_lines(imp, sat, cut=change["new"])
        imp_slider.value = again["importance"]
        sat_slider.value = again["satisfaction"]
        reset.value = None

    imp_slider.observe(update, names="value")
    sat_slider.observe(update, names="value")
    reset.observe(back_to, names="value")
    update()
    return box
