"""Weighted CSI, NPS, 四分图 (crmlab.satisfaction), the XX超市 survey and the 四分图 explorer."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from crmlab import CRMLabInputError
from crmlab.datasets import load_mobi, load_xx_supermarket_survey
from crmlab.satisfaction import (
    ECSI, derived_importance, importance_weights, ipa, ipa_cut_lines, nps, overall_index, paired_ratings,
    plot_ipa, plot_path_model, weighted_index,
)


def _error(func, *args, **kwargs) -> CRMLabInputError:
    with pytest.raises(CRMLabInputError) as err:
        func(*args, **kwargs)
    assert "参数" in str(err.value) and "Argument" in str(err.value)
    return err.value


# ---------------------------------------------------------------- weighted index

def test_weighted_index_by_hand():
    items = pd.DataFrame({"质量": [10, 1, 7], "价格": [10, 1, 4], "服务": [10, 1, 1]})
    csi = weighted_index(items, weights=[0.5, 0.3, 0.2], scale=(1, 10))
    # respondent 3: 0.5*7 + 0.3*4 + 0.2*1 = 4.9 → (4.9 − 1)/9*100
    np.testing.assert_allclose(csi, [100.0, 0.0, 3.9 / 9 * 100])
    assert csi.name == "CSI" and not csi.attrs                  # plain data: no side results in .attrs
    assert overall_index(items, [0.5, 0.3, 0.2]) == pytest.approx((100 + 0 + 3.9 / 9 * 100) / 3)
    assert overall_index(items, [0.5, 0.3, 0.2]) == pytest.approx(csi.mean())
    # equal weights by default, on a 1–5 scale: (mean − 1)/4*100
    five = pd.DataFrame({"a": [5, 3], "b": [1, 3]})
    np.testing.assert_allclose(weighted_index(five, scale=(1, 5)), [50.0, 50.0])
    # weights by name, in any order
    by_name = weighted_index(items, weights={"服务": 0.2, "价格": 0.3, "质量": 0.5})
    np.testing.assert_allclose(by_name, csi)


def test_importance_weights():
    imp = pd.DataFrame({"a": [8, 10], "b": [4, 6], "c": [2, 2]})      # means 9, 5, 2
    w = importance_weights(imp)
    np.testing.assert_allclose(w, [9 / 16, 5 / 16, 2 / 16])
    assert importance_weights({"a": 9, "b": 5, "c": 2}).sum() == pytest.approx(1)
    items = pd.DataFrame({"a": [10], "b": [1], "c": [1]})
    assert weighted_index(items, w).iloc[0] == pytest.approx(9 / 16 * 100)
    assert _error(importance_weights, {"a": 0, "b": 0}).argument == "importance"
    assert _error(importance_weights, [1, 2]).argument == "importance"


def test_weighted_index_with_pls_weights_equals_acsi_index():
    mobi = load_mobi()
    fit = ECSI.model().fit(mobi)
    items = mobi[["CUSA1", "CUSA2", "CUSA3"]]
    csi = weighted_index(items, weights=fit.index_weights("Satisfaction"))
    assert csi.mean() == pytest.approx(fit.index_scores()["Satisfaction"], abs=1e-10)


@pytest.mark.parametrize("weights, fragment", [
    ([0.5, 0.3], "权重个数"),
    ([0.5, 0.3, 0.3], "必须等于 1"),
    ([1.2, -0.1, -0.1], "负数"),
    ({"质量": 0.5, "价格": 0.5, "环境": 0.0}, "不一致"),
    ([0.5, "x", 0.5], "数值"),
])
def test_weighted_index_bad_weights(weights, fragment):
    items = pd.DataFrame({"质量": [7, 8], "价格": [6, 5], "服务": [9, 9]})
    err = _error(weighted_index, items, weights)
    assert err.argument == "weights" and fragment in err.zh


def test_weighted_index_bad_items():
    items = pd.DataFrame({"质量": [7, 11], "价格": [6, 5]})
    err = _error(weighted_index, items)
    assert "质量" in str(err) and "量表" in err.zh and err.argument == "items"
    assert weighted_index(items, scale=(1, 12)).iloc[1] == pytest.approx((8 - 1) / 11 * 100)


def test_weighted_index_more_bad_input():
    good = pd.DataFrame({"质量": [7, 9], "价格": [6, 5]})
    assert "NaN" in str(_error(weighted_index, good.assign(价格=[6, np.nan])))
    assert _error(weighted_index, good, scale=(10, 1)).argument == "scale"
    assert _error(weighted_index, good, scale="1-10").argument == "scale"
    assert _error(weighted_index, [[1, 2]]).argument == "items"
    assert _error(weighted_index, good.assign(价格=["好", "差"])).argument == "items"
    assert _error(weighted_index, good.iloc[:0]).argument == "items"


# ---------------------------------------------------------------- NPS

def test_nps_by_hand():
    scores = [10, 9, 9, 8, 7, 6, 0, 3, 10, 5]      # 4 promoters, 2 passives, 4 detractors
    result = nps(scores)
    assert result["nps"] == pytest.approx(0.0)
    assert result["promoters_pct"] == pytest.approx(40.0)
    assert result["passives_pct"] == pytest.approx(20.0)
    assert result["detractors_pct"] == pytest.approx(40.0)
    assert result["n"] == 10
    assert nps([10] * 3)["nps"] == 100 and nps([0, 6])["nps"] == -100
    assert nps(pd.Series([9, 7, 7, 7]))["nps"] == pytest.approx(25.0)


@pytest.mark.parametrize("scores", [[11, 5], [-1, 5], [7.5, 9], [9, np.nan], []])
def test_nps_bad_scores(scores):
    assert _error(nps, scores).argument == "scores"


# ---------------------------------------------------------------- 四分图

IMP = pd.Series({"质量": 9.0, "价格": 8.0, "停车": 4.0, "环境": 5.0})
SAT = pd.Series({"质量": 8.0, "价格": 3.0, "停车": 2.0, "环境": 9.0})


def test_ipa_quadrants_by_hand():
    # means: importance 6.5, satisfaction 5.5
    table = ipa(IMP, SAT)
    assert table["quadrant"].to_dict() == {"质量": "优势区", "价格": "修补区", "停车": "机会区", "环境": "维持区"}
    assert not table.attrs
    assert ipa_cut_lines(IMP, SAT).to_dict() == {"importance": 6.5, "satisfaction": 5.5}
    assert ipa_cut_lines(table).to_dict() == {"importance": 6.5, "satisfaction": 5.5}   # from the table
    assert table.loc["价格", "action"].startswith("重点改进")
    assert list(table.columns[:3]) == ["importance", "satisfaction", "quadrant"]


def test_ipa_cut_options():
    imp = pd.Series({"a": 1.0, "b": 2.0, "c": 3.0, "d": 10.0})
    sat = pd.Series({"a": 1.0, "b": 2.0, "c": 3.0, "d": 10.0})
    by_mean = ipa(imp, sat, cut="mean")       # cut 4: only d is high
    by_median = ipa(imp, sat, cut="median")   # cut 2.5: c and d are high
    assert (by_mean["quadrant"] == "优势区").sum() == 1
    assert (by_median["quadrant"] == "优势区").sum() == 2
    fixed = ipa(imp, sat, cut=(2, 9))         # value equal to the cut counts as high
    assert fixed["quadrant"].to_dict() == {"a": "机会区", "b": "修补区", "c": "修补区", "d": "优势区"}
    assert ipa_cut_lines(imp, sat, cut=(2, 9)).to_dict() == {"importance": 2.0, "satisfaction": 9.0}
    assert ipa_cut_lines(imp, sat, cut="median").to_dict() == {"importance": 2.5, "satisfaction": 2.5}
    assert ipa_cut_lines(by_median, cut="median").to_dict() == {"importance": 2.5, "satisfaction": 2.5}
    assert _error(ipa_cut_lines, imp, sat, cut="mode").argument == "cut"
    assert _error(ipa_cut_lines, imp).argument == "importance"


def test_ipa_from_rating_tables_uses_column_means():
    imp = pd.DataFrame({"x": [8, 10], "y": [2, 4]})
    sat = pd.DataFrame({"y": [9, 9], "x": [1, 3]})    # column order differs
    table = ipa(imp, sat)
    assert table.loc["x", "importance"] == 9 and table.loc["x", "satisfaction"] == 2
    assert table.loc["x", "quadrant"] == "修补区" and table.loc["y", "quadrant"] == "维持区"


def test_ipa_bad_input():
    assert "仅重要性有" in _error(ipa, IMP, SAT.rename({"质量": "品质"})).zh
    assert _error(ipa, IMP, SAT, cut="mode").argument == "cut"
    assert _error(ipa, IMP, SAT, cut=(1, 2, 3)).argument == "cut"
    assert _error(ipa, [1, 2], SAT).argument == "importance"
    assert _error(ipa, IMP[:1], SAT[:1]).argument == "importance"
    assert _error(ipa, IMP, SAT.astype(object).where(SAT < 9, "高")).argument == "satisfaction"


def test_derived_importance():
    rng = np.random.default_rng(0)
    overall = rng.normal(size=300)
    items = pd.DataFrame({"strong": overall + 0.3 * rng.normal(size=300),
                          "weak": overall + 3 * rng.normal(size=300)})
    imp = derived_importance(items, overall)
    assert imp["strong"] == pytest.approx(np.corrcoef(items["strong"], overall)[0, 1])
    assert imp["strong"] > imp["weak"]
    spearman = derived_importance(items, overall, method="spearman")
    assert spearman["strong"] == pytest.approx(items["strong"].rank().corr(pd.Series(overall).rank()))
    assert _error(derived_importance, items.assign(weak=1.0), overall).argument == "items"
    assert _error(derived_importance, items, overall[:10]).argument == "overall"
    assert _error(derived_importance, items, np.zeros(300)).argument == "overall"
    assert _error(derived_importance, items, overall, method="kendall").argument == "method"


def test_paired_ratings():
    survey = pd.DataFrame({"编号": [1, 2], "重要性_甲": [9, 8], "满意度_乙": [3, 4], "重要性_乙": [5, 5],
                           "满意度_甲": [7, 7]})
    imp, sat = paired_ratings(survey)
    assert list(imp.columns) == ["甲", "乙"] == list(sat.columns)
    assert sat["甲"].tolist() == [7, 7]
    assert _error(paired_ratings, survey.drop(columns=["满意度_乙"])).argument == "survey"


# ---------------------------------------------------------------- the XX超市 survey (planted structure)

@pytest.fixture(scope="module")
def survey():
    return load_xx_supermarket_survey()


def test_survey_shape_and_scales(survey):
    assert 300 <= len(survey) <= 500
    imp, sat = paired_ratings(survey)
    assert 8 <= imp.shape[1] <= 10
    assert imp.isin(range(1, 11)).all().all() and sat.isin(range(1, 11)).all().all()
    assert survey["推荐意愿"].between(0, 10).all() and survey["总体满意度"].between(1, 10).all()
    assert set(survey["是否投诉"]) == {"是", "否"}
    assert {"再次购买意愿", "受访者编号"} <= set(survey.columns)


# the structure the generator plants (datagen/survey.py and the data card)
PLANTED_QUADRANTS = {
    "商品质量": "优势区", "商品价格": "优势区", "员工服务态度": "优势区",
    "收银速度": "修补区", "售后退换": "修补区",
    "停车便利": "机会区", "会员优惠": "机会区", "线上购物配送": "机会区",
    "商品种类": "维持区", "购物环境": "维持区",
}


def test_survey_planted_repair_attribute(survey):
    imp, sat = paired_ratings(survey)
    for cut in ("mean", "median"):
        table = ipa(imp, sat, cut=cut)
        assert table["quadrant"].to_dict() == PLANTED_QUADRANTS, cut
        # 收银速度 is in 修补区 by a wide margin on both axes
        row, lines = table.loc["收银速度"], ipa_cut_lines(imp, sat, cut=cut)
        assert row["importance"] - lines["importance"] > 1.0
        assert lines["satisfaction"] - row["satisfaction"] > 1.5
    # with importance derived from the overall satisfaction it is still the top 修补区 attribute
    derived = derived_importance(sat, survey["总体满意度"])
    assert derived.idxmax() == "收银速度"
    assert ipa(derived, sat).loc["收银速度", "quadrant"] == "修补区"


def test_survey_is_reproducible(survey, tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parents[1]))
    from datagen import survey as generator

    assert generator.PLANTED_QUADRANTS == PLANTED_QUADRANTS

    paths = generator.write(tmp_path)
    assert {p.name for p in paths} == {"xx_supermarket_survey.csv", "xx_supermarket_survey.md"}
    again = pd.read_csv(tmp_path / "xx_supermarket_survey.csv", encoding="utf-8-sig")
    pd.testing.assert_frame_equal(again, survey)
    card = (tmp_path / "xx_supermarket_survey.md").read_text(encoding="utf-8")
    assert "收银速度" in card and "修补区" in card


def test_survey_complaints_and_nps_follow_satisfaction(survey):
    complained = survey["是否投诉"] == "是"
    assert survey.loc[complained, "总体满意度"].mean() < survey.loc[~complained, "总体满意度"].mean() - 0.5
    assert survey["推荐意愿"].corr(survey["总体满意度"]) > 0.5
    result = nps(survey["推荐意愿"])
    assert -100 <= result["nps"] <= 100


# ---------------------------------------------------------------- charts and widget

def _texts(fig):
    from matplotlib.text import Text

    return [t for t in fig.findobj(Text) if t.get_text()]


def test_plot_ipa_has_chinese_labels_cut_lines_and_quadrants():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from crmlab.plotting import CJK_FONT_NAME

    table = ipa(IMP, SAT)
    ax = plot_ipa(table)
    fig = ax.figure
    texts = {t.get_text() for t in _texts(fig)}
    assert {"优势区", "修补区", "机会区", "维持区", "质量", "价格"} <= texts
    assert ax is fig.axes[0]
    assert "满意度" in ax.get_xlabel() and "重要性" in ax.get_ylabel()
    lines = [line.get_xdata()[0] for line in ax.get_lines() if len(set(line.get_xdata())) == 1]
    assert 5.5 in lines                                   # vertical cut line at the satisfaction mean
    assert all(CJK_FONT_NAME in t.get_fontfamily() for t in _texts(fig))
    same = plot_ipa(IMP, SAT, cut="median")
    assert "分界 5.50" in same.get_xlabel()       # median of 8, 3, 2, 9
    # a table made with another cut is drawn with that cut when it is passed again
    fixed = plot_ipa(ipa(IMP, SAT, cut=(5, 2.5)), cut=(5, 2.5))
    assert "分界 2.50" in fixed.get_xlabel() and "分界 5.00" in fixed.get_ylabel()
    plt.close("all")
    assert _error(plot_ipa, IMP).argument == "importance"


def test_path_diagram():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fit = ECSI.model().fit(load_mobi())
    fig = plot_path_model(fit).figure
    texts = {t.get_text() for t in _texts(fig)}
    assert any(t.startswith("顾客满意度\nR² = 0.68") for t in texts)
    assert f"{fit.path_coefficients.loc['Quality', 'Satisfaction']:.2f}" in texts
    assert len([t for t in texts if "企业形象" in t]) == 1
    fig2 = fit.plot(labels={"Image": "形象"}, positions={c: (i, i % 2) for i, c in enumerate(ECSI.constructs)}).figure
    assert "形象" in {t.get_text() for t in _texts(fig2)}
    assert _error(plot_path_model, fit, positions={"Image": (0, 0)}).argument == "positions"
    assert _error(plot_path_model, "fit").argument == "fit"
    plt.close("all")


def test_ipa_explorer_builds_and_updates(survey):
    pytest.importorskip("ipywidgets", reason="ipywidgets is needed for the explorer")
    import matplotlib

    matplotlib.use("Agg")
    from crmlab.widgets import ipa_explorer

    imp, sat = paired_ratings(survey)
    box = ipa_explorer(imp, sat)
    imp_slider, sat_slider = box.sliders
    assert (box.result["quadrant"] == "修补区").sum() == 2
    assert "收银速度" in box.children[2].children[1].value
    image_before = box.children[2].children[0].value
    assert image_before[:4] == b"\x89PNG"
    sat_slider.value = 4.0                                    # every attribute now counts as satisfying
    assert set(box.result["quadrant"]) == {"优势区", "维持区"}
    assert box.children[2].children[0].value != image_before
    box.children[1].value = "median"                          # the 中位数 button resets both lines
    assert imp_slider.value == pytest.approx(imp.mean().median(), abs=0.01)
    assert box.result["quadrant"].to_dict() == ipa(imp, sat, cut="median")["quadrant"].to_dict()


def test_import_loads_no_matplotlib_or_ipywidgets():
    code = ("import sys, crmlab.satisfaction, crmlab.widgets; "
            "print('matplotlib' in sys.modules, 'ipywidgets' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False False"
