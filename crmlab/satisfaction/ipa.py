"""四分图 / importance–performance analysis (重要性—满意度分析, IPA).

Each service attribute (服务属性) gets an importance I and a satisfaction
(performance) S, usually the mean ratings of the survey.  Two cut lines split
the plane: I* and S* (by default the means of the attributes' I and S; the
medians or fixed values as options).  An attribute is "high" on an axis when
its value is at least the cut (≥), so:

=========  ===========  ============  =========================================
quadrant   importance   satisfaction  what to do
=========  ===========  ============  =========================================
优势区     high (≥ I*)  high (≥ S*)   keep it up (继续保持)
修补区     high (≥ I*)  low  (< S*)   fix first (重点改进，优先处理)
机会区     low  (< I*)  low  (< S*)   improve later (次要改进)
维持区     low  (< I*)  high (≥ S*)   maintain, do not over-invest (维持现状)
=========  ===========  ============  =========================================

When the survey asks no importance question, importance can be derived
(推导重要性) as the correlation of each attribute's satisfaction with the
overall satisfaction, ``Iᵢ = cor(Sᵢ, S_overall)``: :func:`derived_importance`.

:func:`ipa` returns the quadrant table (a plain DataFrame); the cut lines
themselves come from :func:`ipa_cut_lines`, called with the same arguments
(or with the table: with ``cut="mean"`` or ``"median"`` the lines follow
from its ``importance`` and ``satisfaction`` columns).
"""
from __future__ import annotations

from typing import Mapping

import numpy as np
import pandas as pd

from .._checks import as_float_array, input_error, require_choice
from .index import _items_frame

__all__ = ["ipa", "ipa_cut_lines", "derived_importance", "paired_ratings", "QUADRANTS", "QUADRANT_ACTIONS"]

#: (high importance?, high satisfaction?) → quadrant name.
QUADRANTS = {(True, True): "优势区", (True, False): "修补区", (False, False): "机会区", (False, True): "维持区"}

#: Quadrant → the recommended action.
QUADRANT_ACTIONS = {"优势区": "继续保持", "修补区": "重点改进，优先处理", "机会区": "次要改进，可后续处理",
                    "维持区": "维持现状，避免过度投入"}


def _attribute_means(values, argument: str) -> pd.Series:
    """Per-attribute values: column means of a ratings DataFrame, or a Series / dict as given."""
    if isinstance(values, pd.DataFrame):
        return _items_frame(values, argument).mean()
    if isinstance(values, Mapping):
        values = pd.Series(dict(values), dtype=object)
    if not isinstance(values, pd.Series):
        raise input_error(argument, "应为 DataFrame（每列一个属性的评分）或 Series（每个属性一个值）",
                          "expected a DataFrame (ratings, one column per attribute) or a Series (one value per attribute)")
    if len(values) == 0:
        raise input_error(argument, "不能为空", "must not be empty")
    if values.index.duplicated().any():
        dup = values.index[values.index.duplicated()].tolist()
        raise input_error(argument, f"属性名重复：{dup}", f"duplicated attribute name(s): {dup}")
    return pd.Series(as_float_array(values, argument), index=values.index)


def _cut_value(values: pd.Series, cut, argument: str) -> float:
    if isinstance(cut, str):
        require_choice(cut, "cut", ("mean", "median"))
        if len(values) < 2:
            raise input_error(argument, "至少需要 2 个属性才能按均值或中位数分区",
                              "at least 2 attributes are needed to cut at the mean or median")
        return float(values.mean() if cut == "mean" else values.median())
    return float(as_float_array([cut], "cut")[0])


def _attributes(importance, satisfaction) -> tuple[pd.Series, pd.Series]:
    """Per-attribute importance and satisfaction, checked to name the same attributes, in one order."""
    imp = _attribute_means(importance, "importance")
    sat = _attribute_means(satisfaction, "satisfaction")
    if set(imp.index) != set(sat.index):
        only_imp = [a for a in imp.index if a not in sat.index]
        only_sat = [a for a in sat.index if a not in imp.index]
        raise input_error("satisfaction", f"重要性与满意度的属性不一致（仅重要性有 {only_imp}，仅满意度有 {only_sat}）",
                          f"importance and satisfaction name different attributes (only in importance: {only_imp}, "
                          f"only in satisfaction: {only_sat})")
    return imp, sat.reindex(imp.index)


def _cut_lines(imp: pd.Series, sat: pd.Series, cut) -> tuple[float, float]:
    """(I*, S*) for ``cut`` = "mean", "median" or (importance_cut, satisfaction_cut)."""
    if isinstance(cut, str):
        return _cut_value(imp, cut, "importance"), _cut_value(sat, cut, "satisfaction")
    try:
        cut_imp, cut_sat = cut
    except (TypeError, ValueError):
        raise input_error("cut", "应为 'mean'、'median' 或 (重要性分界, 满意度分界)",
                          "expected 'mean', 'median' or (importance_cut, satisfaction_cut)") from None
    return _cut_value(imp, cut_imp, "importance"), _cut_value(sat, cut_sat, "satisfaction")


def _from_table(table) -> tuple[pd.Series, pd.Series] | None:
    """The importance and satisfaction columns of a table returned by :func:`ipa`, else None."""
    if isinstance(table, pd.DataFrame) and {"importance", "satisfaction", "quadrant"} <= set(table.columns):
        return (pd.Series(as_float_array(table["importance"], "importance"), index=table.index),
                pd.Series(as_float_array(table["satisfaction"], "satisfaction"), index=table.index))
    return None


def table_or_ratings(importance, satisfaction) -> tuple[pd.Series, pd.Series]:
    """Importance and satisfaction per attribute from an :func:`ipa` table alone, or from the two arguments."""
    if satisfaction is None:
        columns = _from_table(importance)
        if columns is None:
            raise input_error("importance", "只给一个参数时，应为 ipa() 返回的表",
                              "with one argument, pass the table returned by ipa()")
        if len(columns[0]) == 0:
            raise input_error("importance", "不能为空", "must not be empty")
        return columns
    return _attributes(importance, satisfaction)


def ipa_cut_lines(importance, satisfaction=None, cut="mean") -> pd.Series:
    """四分图的两条分界线：重要性分界 I* 和满意度分界 S*。

    The two cut lines of the 四分图 (分界线): importance I* and satisfaction S*.

    Give the same arguments as to :func:`ipa`, or the table that :func:`ipa`
    returned as the only argument (its ``importance`` and ``satisfaction``
    columns are used, so pass the same ``cut`` as when it was made).  With
    ``cut="mean"`` (default) the lines are the means of the attributes' values
    on each axis, with ``"median"`` their medians, with two numbers those numbers.

    Returns a Series ``"cut"`` with index ``importance`` and ``satisfaction``.
    """
    imp, sat = table_or_ratings(importance, satisfaction)
    cut_imp, cut_sat = _cut_lines(imp, sat, cut)
    return pd.Series({"importance": cut_imp, "satisfaction": cut_sat}, name="cut")


def ipa(importance, satisfaction, cut="mean") -> pd.DataFrame:
    """四分图：每个属性的重要性、满意度、所在象限和对策（重要性—满意度四分图）。

    Quadrant of each attribute in the 四分图 (importance–performance analysis).

    Parameters
    ----------
    importance, satisfaction : DataFrame, Series or dict
        A DataFrame of ratings (respondents × attributes; the column means are
        used) or one value per attribute.  Both must name the same attributes.
    cut : "mean", "median", or (importance_cut, satisfaction_cut)
        Where the cut lines lie: the mean (default) or median of the
        attributes' values on each axis, or two fixed numbers.

    Returns
    -------
    DataFrame indexed by attribute with ``importance``, ``satisfaction``,
    ``quadrant`` (优势区 / 修补区 / 机会区 / 维持区) and ``action``.  The cut
    lines are given by :func:`ipa_cut_lines` (same arguments).
    """
    imp, sat = _attributes(importance, satisfaction)
    cut_imp, cut_sat = _cut_lines(imp, sat, cut)
    quadrant = [QUADRANTS[(bool(i >= cut_imp), bool(s >= cut_sat))] for i, s in zip(imp, sat)]
    out = pd.DataFrame({"importance": imp, "satisfaction": sat, "quadrant": quadrant,
                        "action": [QUADRANT_ACTIONS[q] for q in quadrant]})
    out.index.name = "attribute"
    return out


def paired_ratings(survey: pd.DataFrame, importance_prefix: str = "重要性_",
                   satisfaction_prefix: str = "满意度_") -> tuple[pd.DataFrame, pd.DataFrame]:
    """把调查表拆成重要性评分和满意度评分两张表，列名为属性名。

    Split a survey into importance and satisfaction ratings named by attribute (拆分评分列).

    Columns ``重要性_商品质量`` and ``满意度_商品质量`` become the column ``商品质量``
    of the first and the second table.  Every attribute must have both columns.
    """
    if not isinstance(survey, pd.DataFrame):
        raise input_error("survey", "应为 pandas DataFrame", "expected a pandas DataFrame")
    imp = [c for c in survey.columns if str(c).startswith(importance_prefix)]
    sat = [c for c in survey.columns if str(c).startswith(satisfaction_prefix)]
    imp_names = [str(c)[len(importance_prefix):] for c in imp]
    sat_names = [str(c)[len(satisfaction_prefix):] for c in sat]
    if not imp or set(imp_names) != set(sat_names):
        raise input_error("survey", f"找不到成对的 {importance_prefix}<属性> 与 {satisfaction_prefix}<属性> 列"
                          f"（重要性：{imp_names}，满意度：{sat_names}）",
                          f"no matching {importance_prefix}<attribute> and {satisfaction_prefix}<attribute> columns "
                          f"(importance: {imp_names}, satisfaction: {sat_names})")
    importance = survey[imp].set_axis(imp_names, axis=1)
    satisfaction = survey[sat].set_axis(sat_names, axis=1)[imp_names]
    return importance, satisfaction


def derived_importance(items: pd.DataFrame, overall, method: str = "pearson") -> pd.Series:
    """推导重要性：各属性满意度与总体满意度的相关系数。

    Derived importance (推导重要性): correlation of each attribute with overall satisfaction.

    ``Iᵢ = cor(Sᵢ, S_overall)`` over respondents, Pearson (default) or
    Spearman.  ``items`` holds the attribute satisfaction ratings
    (respondents × attributes); ``overall`` the overall satisfaction, one value
    per respondent.  A constant column has no correlation and raises an error.
    """
    require_choice(method, "method", ("pearson", "spearman"))
    frame = _items_frame(items)
    y = as_float_array(overall, "overall").ravel()
    if len(y) != len(frame):
        raise input_error("overall", f"长度 {len(y)} 与 items 的行数 {len(frame)} 不一致",
                          f"length {len(y)} differs from the {len(frame)} rows of items")
    if len(y) < 3:
        raise input_error("items", "至少需要 3 位受访者", "at least 3 respondents are needed")
    constant = [c for c in frame.columns if frame[c].nunique() < 2]
    if constant:
        raise input_error("items", f"属性 {constant} 的评分全部相同，无法计算相关系数",
                          f"attribute(s) {constant} are constant; no correlation is defined")
    if np.ptp(y) == 0:
        raise input_error("overall", "总体满意度全部相同，无法计算相关系数",
                          "overall satisfaction is constant; no correlation is defined")
    return frame.corrwith(pd.Series(y, index=frame.index), method=method).rename("importance")
