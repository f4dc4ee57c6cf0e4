"""Weighted satisfaction index (顾客满意度指数 CSI) and Net Promoter Score (净推荐值 NPS).

Weighted index
--------------
For respondent r with item scores x_r1 … x_rm on a scale [L, U] and weights
w_1 … w_m with Σ wᵢ = 1:

    CSI_r = (Σ wᵢ x_ri − L) / (U − L) × 100          (0 = all lowest, 100 = all highest)

and the overall index is the mean over respondents, CSI = Σ_r CSI_r / n
(equal to the index of the item means).  Weights are equal (wᵢ = 1/m) by
default, given, derived from importance ratings by
:func:`importance_weights` (wᵢ = Īᵢ / Σ Īⱼ), or taken from a fitted PLS model by
``PathModel.index_weights(construct)`` (the ACSI way).  :func:`weighted_index`
returns the per-respondent indices, :func:`overall_index` the overall one.

Level-score index (五级赋分法)
--------------------------
Chinese satisfaction surveys often score the five answer levels with fixed
level scores (等级分值) — by default 很满意 100, 满意 80, 基本满意 60,
不太满意 30, 不满意 0 (:data:`DEFAULT_LEVEL_SCORES`) — and then weight the
items.  With s(·) the level score of an answer:

    CSI_r = Σ wᵢ s(x_ri)        (Σ wᵢ = 1; already on the 0–100 scale of the scores)

and the overall index is again the mean over respondents
(:func:`level_index` gives the per-respondent indices, whose mean is the
overall index; :func:`level_scores` gives the scored table).  Unlike
:func:`weighted_index`, the levels are not equally spaced (基本满意 → 不太满意
drops 30 points, 满意 → 基本满意 only 20).

NPS
---
From a 0–10 "how likely are you to recommend us" item (推荐意愿): promoters
(推荐者) answer 9–10, passives (被动者) 7–8, detractors (贬损者) 0–6, and

    NPS = % promoters − % detractors        (between −100 and 100)
"""
from __future__ import annotations

from typing import Mapping, Sequence

import numpy as np
import pandas as pd

from .._checks import as_float_array, input_error, require_non_empty, require_whole

__all__ = ["weighted_index", "overall_index", "importance_weights", "nps", "check_scale",
           "DEFAULT_LEVEL_SCORES", "level_scores", "level_index"]

WEIGHT_SUM_TOL = 1e-6


def check_scale(scale, argument: str = "scale") -> tuple[float, float]:
    """Validate an item scale (量表) ``(lowest, highest)``; return it as two floats."""
    try:
        low, high = (float(v) for v in scale)
    except (TypeError, ValueError):
        raise input_error(argument, "应为 (最低分, 最高分)，例如 (1, 10)",
                          "expected (lowest, highest), e.g. (1, 10)") from None
    if not (np.isfinite(low) and np.isfinite(high) and high > low):
        raise input_error(argument, "最高分必须大于最低分", "the highest score must exceed the lowest")
    return low, high


def _items_frame(items, argument: str = "items") -> pd.DataFrame:
    if isinstance(items, pd.Series):
        items = items.to_frame()
    if not isinstance(items, pd.DataFrame):
        raise input_error(argument, f"应为 pandas DataFrame（每列一个题项），实际为 {type(items).__name__}",
                          f"expected a pandas DataFrame (one column per item), got {type(items).__name__}")
    require_non_empty(items, argument)
    if items.shape[1] == 0:
        raise input_error(argument, "没有题项列", "has no item columns")
    dup = items.columns[items.columns.duplicated()].tolist()
    if dup:
        raise input_error(argument, f"列名重复：{dup}", f"duplicated column name(s): {dup}")
    text = [c for c in items.columns if not pd.api.types.is_numeric_dtype(items[c])]
    if text:
        raise input_error(argument, f"列 {text} 不是数值", f"column(s) {text} are not numeric")
    values = items.to_numpy(dtype=float)
    if not np.isfinite(values).all():
        bad = items.columns[~np.isfinite(values).all(axis=0)].tolist()
        raise input_error(argument, f"列 {bad} 含缺失值（NaN）或无穷大，请先处理缺失数据",
                          f"column(s) {bad} contain missing (NaN) or infinite values; handle missing data first")
    return items.astype(float)


def _require_on_scale(items: pd.DataFrame, low: float, high: float, argument: str) -> None:
    outside = (items < low) | (items > high)
    if outside.to_numpy().any():
        bad = items.columns[outside.any()].tolist()
        example = items[bad[0]][outside[bad[0]]].iloc[0]
        raise input_error(argument, f"列 {bad} 有取值超出量表 [{low:g}, {high:g}]（例如 {example:g}）",
                          f"column(s) {bad} have values outside the scale [{low:g}, {high:g}] (e.g. {example:g})")


def _weights(weights, columns: pd.Index) -> np.ndarray:
    m = len(columns)
    if weights is None:
        return np.full(m, 1.0 / m)
    if isinstance(weights, Mapping):
        weights = pd.Series(weights)
    if isinstance(weights, pd.Series) and not isinstance(weights.index, pd.RangeIndex):
        missing = [c for c in columns if c not in weights.index]
        extra = [c for c in weights.index if c not in columns]
        if missing or extra:
            raise input_error("weights", f"权重的题项名与数据列不一致（缺 {missing}，多 {extra}）",
                              f"weight names do not match the item columns (missing {missing}, extra {extra})")
        weights = weights.reindex(columns)
    w = as_float_array(weights, "weights").ravel()
    if len(w) != m:
        raise input_error("weights", f"权重个数 {len(w)} 与题项数 {m} 不一致",
                          f"{len(w)} weights given for {m} items")
    if np.any(w < 0):
        raise input_error("weights", "权重不能为负数", "weights must not be negative")
    if abs(w.sum() - 1) > WEIGHT_SUM_TOL:
        raise input_error("weights", f"权重之和为 {w.sum():.6g}，必须等于 1（可用 importance_weights() 归一化）",
                          f"weights sum to {w.sum():.6g} but must sum to 1 (importance_weights() normalizes)")
    return w


def weighted_index(items: pd.DataFrame, weights=None, scale: tuple[float, float] = (1, 10)) -> pd.Series:
    """每位受访者的加权满意度指数 CSI = Σ wᵢ xᵢ，换算到 0-100。

    Weighted satisfaction index per respondent on 0–100 (加权满意度指数).

    ``CSI_r = (Σ wᵢ x_ri − L) / (U − L) × 100`` with ``scale = (L, U)``.

    Parameters
    ----------
    items : DataFrame
        One row per respondent, one column per satisfaction item.
    weights : sequence, Series or dict, optional
        Item weights wᵢ ≥ 0 with Σ wᵢ = 1 (tolerance 1e-6), in column order or
        keyed by column name.  Default: equal weights 1/m.
    scale : (L, U)
        The item scale, e.g. (1, 10) or (1, 5).

    Returns
    -------
    Series ``"CSI"`` indexed like ``items``: one index per respondent, in
    [0, 100] (rounding noise just outside is set to the bound).  The overall
    index is its mean, ``result.mean()``, which :func:`overall_index` returns.

    Raises
    ------
    CRMLabInputError
        Non-numeric or missing values, items outside the scale, weights of
        the wrong length, negative, or not summing to 1.
    """
    frame = _items_frame(items)
    low, high = check_scale(scale)
    _require_on_scale(frame, low, high, "items")
    w = _weights(weights, frame.columns)
    csi = (frame.to_numpy() @ w - low) / (high - low) * 100
    # Σ wᵢ xᵢ with wᵢ >= 0, Σ wᵢ = 1 and L <= xᵢ <= U lies in [L, U]: only rounding
    # (e.g. −1e−15 for a respondent at L everywhere) can leave [0, 100].
    csi = np.clip(csi, 0.0, 100.0)
    return pd.Series(csi, index=frame.index, name="CSI")


def overall_index(items: pd.DataFrame, weights=None, scale: tuple[float, float] = (1, 10)) -> float:
    """总体满意度指数 CSI：所有受访者加权满意度指数的平均值（0-100）

    The overall CSI (总体满意度指数): mean of :func:`weighted_index` over respondents."""
    return float(weighted_index(items, weights, scale).mean())


def importance_weights(importance) -> pd.Series:
    """由重要性评分得到权重：wᵢ = Īᵢ / Σ Īⱼ。

    Weights from importance ratings (由重要性评分得到权重): wᵢ = Īᵢ / Σ Īⱼ.

    ``importance`` is either a DataFrame of ratings (respondents × items; Īᵢ is
    the column mean) or a Series / dict of mean importance per item.  The
    result is a Series by item summing to 1, to pass as ``weights``.
    """
    if isinstance(importance, pd.DataFrame):
        means = _items_frame(importance, "importance").mean()
    else:
        if isinstance(importance, Mapping):
            importance = pd.Series(importance)
        if not isinstance(importance, pd.Series):
            raise input_error("importance", "应为 DataFrame（评分）或 Series（平均重要性）",
                              "expected a DataFrame (ratings) or a Series (mean importance)")
        require_non_empty(importance, "importance")
        means = pd.Series(as_float_array(importance, "importance"), index=importance.index)
    if (means < 0).any() or means.sum() <= 0:
        raise input_error("importance", "重要性必须非负且不全为 0", "importance must be non-negative and not all zero")
    return (means / means.sum()).rename("weight")


def nps(scores: Sequence[float] | pd.Series) -> pd.Series:
    """净推荐值 NPS = 推荐者占比 − 贬损者占比（0-10 分推荐意愿）

    Net Promoter Score (净推荐值) from 0–10 recommendation scores.

    Promoters 9–10, passives 7–8, detractors 0–6;
    ``NPS = 100 × (promoters − detractors) / n``.

    Returns a Series with ``nps`` (−100..100), ``promoters_pct``,
    ``passives_pct``, ``detractors_pct`` (percent of respondents) and ``n``.
    Scores must be whole numbers from 0 to 10 without missing values.
    """
    x = as_float_array(scores, "scores").ravel()
    require_non_empty(x, "scores")
    if np.any((x < 0) | (x > 10)):
        raise input_error("scores", "推荐意愿必须是 0–10 分", "recommendation scores must lie between 0 and 10")
    require_whole(x, "scores")
    n = len(x)
    promoters = 100 * np.count_nonzero(x >= 9) / n
    detractors = 100 * np.count_nonzero(x <= 6) / n
    return pd.Series({"nps": promoters - detractors, "promoters_pct": promoters,
                      "passives_pct": 100 - promoters - detractors, "detractors_pct": detractors,
                      "n": float(n)}, name="NPS")


# ---------------------------------------------------------------- level scores (五级赋分)

#: Common Chinese five-level satisfaction scale and its level scores (五级满意度赋分).
DEFAULT_LEVEL_SCORES = {"很满意": 100.0, "满意": 80.0, "基本满意": 60.0, "不太满意": 30.0, "不满意": 0.0}


def _level_table(scores) -> tuple[dict, np.ndarray]:
    """Checked label → score mapping and the scores ordered from the lowest level (code 1) up."""
    if not isinstance(scores, Mapping) or len(scores) < 2:
        raise input_error("scores", "应为至少两个等级的字典：等级名称 → 分值，例如 {'很满意': 100, ...}",
                          "expected a dict of at least two levels: level label -> score, e.g. {'很满意': 100, ...}")
    labels = [str(k).strip() for k in scores]
    if len(set(labels)) != len(labels):
        raise input_error("scores", "等级名称重复", "duplicated level labels")
    values = as_float_array(list(scores.values()), "scores").ravel()
    if len(np.unique(values)) != len(values):
        raise input_error("scores", "各等级的分值必须互不相同（才能按代码 1、2、… 排序）",
                          "the level scores must be distinct (so that codes 1, 2, ... can be ordered)")
    return dict(zip(labels, values)), np.sort(values)


def level_scores(responses, scores: Mapping[str, float] | None = None) -> pd.DataFrame:
    """等级赋分：把每个回答换成等级分值（很满意 100、满意 80、基本满意 60、不太满意 30、不满意 0）。

    Replace each answer by its level score: 很满意 → 100, 满意 → 80, ….

    Parameters
    ----------
    responses : DataFrame (or Series)
        One row per respondent, one column per item.  Each answer is either a
        level label (等级名称, e.g. "满意"; surrounding spaces are ignored) or
        a level code: 1 = the lowest-scoring level … k = the highest (with
        the default mapping 1 不满意, 2 不太满意, 3 基本满意, 4 满意, 5 很满意).
    scores : dict, optional
        Level label → level score; default :data:`DEFAULT_LEVEL_SCORES`
        (很满意 100, 满意 80, 基本满意 60, 不太满意 30, 不满意 0).  Scores must
        be distinct numbers.

    Returns
    -------
    DataFrame of floats shaped like ``responses``.

    Raises
    ------
    CRMLabInputError
        Missing answers, unknown labels, codes that are not whole numbers
        1..k (both naming the column and an example).
    """
    mapping, ordered = _level_table(DEFAULT_LEVEL_SCORES if scores is None else scores)
    if isinstance(responses, pd.Series):
        responses = responses.to_frame()
    if not isinstance(responses, pd.DataFrame):
        raise input_error("responses", f"应为 pandas DataFrame（每列一个题项），实际为 {type(responses).__name__}",
                          f"expected a pandas DataFrame (one column per item), got {type(responses).__name__}")
    require_non_empty(responses, "responses")
    if responses.shape[1] == 0:
        raise input_error("responses", "没有题项列", "has no item columns")
    dup = responses.columns[responses.columns.duplicated()].tolist()
    if dup:
        raise input_error("responses", f"列名重复：{dup}", f"duplicated column name(s): {dup}")
    k = len(ordered)
    out = {}
    for column in responses.columns:
        raw = responses[column]
        if raw.isna().any():
            raise input_error("responses", f"列 {column!r} 有 {int(raw.isna().sum())} 个缺失回答，请先处理",
                              f"column {column!r} has {int(raw.isna().sum())} missing answer(s); handle them first")
        values = raw.to_numpy(dtype=object)
        is_text = np.fromiter((isinstance(v, str) for v in values), dtype=bool, count=len(values))
        scored = np.empty(len(values))
        if is_text.any():
            labels = pd.Series(values[is_text]).str.strip()
            known = labels.isin(list(mapping)).to_numpy()
            if not known.all():
                bad = values[is_text][~known][0]
                raise input_error("responses", f"列 {column!r} 有未知的等级 {bad!r}，可用：{list(mapping)}",
                                  f"column {column!r} has an unknown level {bad!r}; known: {list(mapping)}")
            scored[is_text] = labels.map(mapping).to_numpy(dtype=float)
        if (~is_text).any():
            others = values[~is_text]
            codes = pd.to_numeric(pd.Series(others), errors="coerce").to_numpy(dtype=float)
            is_bool = np.fromiter((isinstance(v, (bool, np.bool_)) for v in others), dtype=bool, count=len(others))
            valid = np.isfinite(codes) & (codes == np.round(codes)) & (codes >= 1) & (codes <= k) & ~is_bool
            if not valid.all():
                bad = others[~valid][0]
                raise input_error("responses", f"列 {column!r} 的回答 {bad!r} 既不是等级名称，也不是 1–{k} 的等级代码",
                                  f"answer {bad!r} in column {column!r} is neither a level label nor a level "
                                  f"code 1-{k}")
            scored[~is_text] = ordered[codes.astype(int) - 1]
        out[column] = scored
    return pd.DataFrame(out, index=responses.index)


def level_index(responses, weights=None, scores: Mapping[str, float] | None = None) -> pd.Series:
    """五级赋分加权满意度指数：先按等级赋分，再加权，得到每位受访者的指数和总体指数。

    Weighted satisfaction index from level scores, per respondent and overall.

    Each answer gets its level score s (:func:`level_scores`; default
    很满意 100, 满意 80, 基本满意 60, 不太满意 30, 不满意 0), then

        CSI_r = Σ wᵢ s(x_ri)   per respondent,   CSI = Σ_r CSI_r / n   overall

    with weights wᵢ ≥ 0, Σ wᵢ = 1 (default equal; a list in column order, or a
    Series / dict by column name, e.g. from :func:`importance_weights`).
    With scores between 0 and 100 the index lies between 0 and 100.

    Returns a Series ``"CSI"`` indexed like ``responses``, one index per
    respondent; the overall index is its mean, ``result.mean()``.

    Example: answers (很满意, 基本满意) with weights (0.6, 0.4) give
    0.6·100 + 0.4·60 = 84.
    """
    mapping = _level_table(DEFAULT_LEVEL_SCORES if scores is None else scores)[0]
    table = level_scores(responses, mapping)
    w = _weights(weights, table.columns)
    csi = table.to_numpy() @ w
    low, high = min(mapping.values()), max(mapping.values())
    csi = np.clip(csi, low, high)            # a weighted mean of level scores: only rounding leaves [low, high]
    return pd.Series(csi, index=table.index, name="CSI")
