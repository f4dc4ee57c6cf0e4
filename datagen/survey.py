"""Synthetic XX超市 customer satisfaction survey (顾客满意度调查) for labs 01 and 04.

Writes ``xx_supermarket_survey.csv`` (UTF-8 with BOM, so Excel shows the
Chinese headers) and its data card ``xx_supermarket_survey.md``.

How the answers are made (seed ``SEED``, 400 respondents):

- importance of attribute j (重要性, 1–10): round(μᴵⱼ + gᵢ + ε), gᵢ ~ N(0, 0.6)
  a respondent's general "everything matters" tendency, ε ~ N(0, 1);
- satisfaction with attribute j (满意度, 1–10): round(μˢⱼ + hᵢ + ε), hᵢ ~ N(0, 0.6)
  a halo shared by all of a respondent's ratings, ε ~ N(0, 1.1);
- overall satisfaction (总体满意度, 1–10): round(S̄ + 2 Σ vⱼ (sᵢⱼ − μˢⱼ) + ε),
  ε ~ N(0, 0.7), S̄ the mean of the μˢⱼ, vⱼ ∝ μᴵⱼ − 4 summing to 1, so
  attributes that matter more drive it more;
- complaint (是否投诉): yes with probability logistic(−2 − 0.9 (overall − 6.5)
  + 1.2·[收银速度 satisfaction ≤ 3]);
- recommendation (推荐意愿, 0–10): round(overall + ε − 1.0·complaint), ε ~ N(0, 1.2);
- repurchase intention (再次购买意愿, 1–10): round(0.7 overall + 0.3 商品价格 sat + ε).

All ratings are clipped to their scale.  The planted 四分图: 收银速度 is in
修补区 by a wide margin (importance well above, satisfaction far below the
cuts), and no attribute lies between the mean and the median cut on either
axis, so the quadrants are the same under both cuts.  With importance
derived from the correlation with overall satisfaction, 收银速度 is the most
important attribute and still in 修补区.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20240404
N_RESPONDENTS = 400
CSV_NAME = "xx_supermarket_survey.csv"
CARD_NAME = "xx_supermarket_survey.md"

#: attribute → (mean importance μᴵ, mean satisfaction μˢ) before noise and clipping
ATTRIBUTES = {
    "商品质量": (9.0, 8.2),
    "商品价格": (8.7, 7.6),
    "商品种类": (6.9, 7.9),
    "收银速度": (8.6, 4.6),
    "员工服务态度": (8.3, 7.8),
    "购物环境": (6.6, 8.0),
    "停车便利": (5.6, 5.2),
    "会员优惠": (6.2, 5.9),
    "售后退换": (8.1, 5.6),
    "线上购物配送": (5.2, 5.0),
}

#: the quadrant each attribute is planted in (checked by the tests)
PLANTED_QUADRANTS = {
    "商品质量": "优势区", "商品价格": "优势区", "员工服务态度": "优势区",
    "收银速度": "修补区", "售后退换": "修补区",
    "停车便利": "机会区", "会员优惠": "机会区", "线上购物配送": "机会区",
    "商品种类": "维持区", "购物环境": "维持区",
}


def _rating(rng, mean, shape, sd, low, high):
    return np.clip(np.rint(mean + rng.normal(0.0, sd, shape)), low, high).astype(int)


def make_survey(seed: int = SEED, n: int = N_RESPONDENTS) -> pd.DataFrame:
    """The survey table (one row per respondent, Chinese headers)."""
    rng = np.random.default_rng(seed)
    names = list(ATTRIBUTES)
    mu_imp = np.array([ATTRIBUTES[a][0] for a in names])
    mu_sat = np.array([ATTRIBUTES[a][1] for a in names])

    gender = rng.choice(["女", "男"], size=n, p=[0.58, 0.42])
    age = rng.choice(["18-25岁", "26-35岁", "36-45岁", "46-55岁", "56岁及以上"], size=n,
                     p=[0.18, 0.30, 0.24, 0.17, 0.11])
    member = rng.choice(["是", "否"], size=n, p=[0.55, 0.45])

    generosity = rng.normal(0.0, 0.6, (n, 1))
    importance = _rating(rng, mu_imp + generosity, (n, len(names)), 1.0, 1, 10)
    halo = rng.normal(0.0, 0.6, (n, 1))
    satisfaction = _rating(rng, mu_sat + halo, (n, len(names)), 1.1, 1, 10)

    drive = (mu_imp - 4.0) / (mu_imp - 4.0).sum()
    overall = _rating(rng, mu_sat.mean() + 2.0 * (satisfaction - mu_sat) @ drive, n, 0.7, 1, 10)
    slow_checkout = satisfaction[:, names.index("收银速度")] <= 3
    p_complaint = 1 / (1 + np.exp(2.0 + 0.9 * (overall - 6.5) - 1.2 * slow_checkout))
    complaint = rng.random(n) < p_complaint
    recommend = _rating(rng, overall - 1.0 * complaint, n, 1.2, 0, 10)
    repurchase = _rating(rng, 0.7 * overall + 0.3 * satisfaction[:, names.index("商品价格")], n, 1.0, 1, 10)

    table = {"受访者编号": np.arange(1, n + 1), "性别": gender, "年龄段": age, "是否会员": member}
    table.update({f"重要性_{a}": importance[:, j] for j, a in enumerate(names)})
    table.update({f"满意度_{a}": satisfaction[:, j] for j, a in enumerate(names)})
    table.update({"总体满意度": overall, "是否投诉": np.where(complaint, "是", "否"),
                  "推荐意愿": recommend, "再次购买意愿": repurchase})
    return pd.DataFrame(table)


def _card(df: pd.DataFrame) -> str:
    names = list(ATTRIBUTES)
    imp = pd.Series([df[f"重要性_{a}"].mean() for a in names], index=names)
    sat = pd.Series([df[f"满意度_{a}"].mean() for a in names], index=names)
    rows = "\n".join(f"| {a} | {imp[a]:.2f} | {sat[a]:.2f} | {PLANTED_QUADRANTS[a]} |" for a in names)
    promoters = (df["推荐意愿"] >= 9).mean() * 100
    detractors = (df["推荐意愿"] <= 6).mean() * 100
    return f"""# XX超市顾客满意度调查 (xx_supermarket_survey.csv)

**Synthetic data** made by `datagen/survey.py` (`python -m datagen`, seed {SEED}) for labs 01 and 04:
{len(df)} respondents of a fictional supermarket "XX超市", one row each.  UTF-8 with BOM (opens in Excel).
Load it with `crmlab.datasets.load_xx_supermarket_survey()`.

## Columns

| column | meaning | values |
|---|---|---|
| 受访者编号 | respondent id | 1–{len(df)} |
| 性别 | gender | 女 / 男 |
| 年龄段 | age band | 18-25岁 … 56岁及以上 |
| 是否会员 | member of the loyalty scheme | 是 / 否 |
| 重要性_<属性> | how important the attribute is to the respondent (10 columns) | 1 (not at all) – 10 (extremely) |
| 满意度_<属性> | satisfaction with XX超市 on the attribute (10 columns) | 1 (very dissatisfied) – 10 (very satisfied) |
| 总体满意度 | overall satisfaction | 1–10 |
| 是否投诉 | complained to the store in the last 6 months | 是 / 否 |
| 推荐意愿 | likelihood to recommend XX超市 (NPS item) | 0–10 |
| 再次购买意愿 | intention to shop here again | 1–10 |

The ten service attributes (服务属性): {"、".join(names)}.

## How it was generated

Importance = attribute mean + a respondent's general tendency + noise; satisfaction = attribute
mean + a respondent halo shared by all ratings + noise; overall satisfaction is driven by the
attribute satisfactions, more strongly by those with higher importance; complaints are more likely
at low overall satisfaction and very slow checkout; recommendation and repurchase follow overall
satisfaction (recommendation is lower after a complaint).  All ratings are rounded and clipped to
their scale.  Exact formulas: the docstring of `datagen/survey.py`.

## Planted structure (what the lab answers can be checked against)

Mean ratings in this file and the planted 四分图 quadrant (cut at the mean or the median of the ten
attribute means — both give the same quadrants):

| 属性 | 平均重要性 | 平均满意度 | 象限 |
|---|---|---|---|
{rows}

Cuts: importance mean {imp.mean():.2f} / median {imp.median():.2f}; satisfaction mean {sat.mean():.2f} /
median {sat.median():.2f}.  **收银速度 (checkout speed) is the clear 修补区 attribute**: very
important but the least satisfying, the first thing to fix.  It stays in 修补区 when importance
is derived from the correlation with 总体满意度 (`derived_importance`), where it ranks first.

Other figures: overall satisfaction mean {df["总体满意度"].mean():.2f}; complaint rate
{(df["是否投诉"] == "是").mean() * 100:.1f}%; NPS {promoters - detractors:.1f}
(promoters {promoters:.1f}%, detractors {detractors:.1f}%).
"""


def write(data_dir: Path) -> list[Path]:
    """Write the survey CSV and its data card into ``data_dir``; return their paths."""
    data_dir = Path(data_dir)
    df = make_survey()
    csv_path = data_dir / CSV_NAME
    df.to_csv(csv_path, index=False, encoding="utf-8-sig", lineterminator="\n")
    card_path = data_dir / CARD_NAME
    card_path.write_text(_card(df), encoding="utf-8")
    return [csv_path, card_path]
