"""Synthetic XX超市 survey material for lab01 (实训1 客户关系管理调查报告).

The training guide's example report describes a regional supermarket chain
"XX超市": founded in 1996, 7 chain stores, more than 140,000 members and
more than 30,000 m² of floor space, where several departments each do part
of the customer work (a 顾客关系部 in the 商管处 takes complaints, others
touch customers at the till, the hotline, the member desk ...).  This module
writes three small tables a student group could have collected on a visit:

``xx_supermarket_stores.csv``       one row per store (门店): type, opening year,
                                    floor space, members, new members, daily visitors;
``xx_supermarket_touchpoints.csv``  one row per customer contact point (接触点):
                                    which department runs it, how it reaches the
                                    customer, whether it records customer data,
                                    contacts per month;
``xx_supermarket_complaints.csv``   one row per complaint received in 2025
                                    (投诉记录): date, store, channel, receiving
                                    department, category, days to close, resolved.

Stores and contact points are written by hand (no randomness).  Complaints
(seed ``SEED``): the number per store is fixed (``COMPLAINTS_PER_STORE``);
each complaint's category is drawn from ``CATEGORY_WEIGHTS``, its channel
from the category's channel weights (``CHANNELS_BY_CATEGORY``), the
receiving department follows from the channel (``DEPARTMENT_OF_CHANNEL``),
days to close = Poisson(mean of the department) and resolved with the
department's probability; the date is uniform over 2025.

Planted structure (what lab01's answers are checked against, and asserted by
``check_planted``):

- members sum to 142,000 (more than 14万) and floor space to 31,500 m²;
- 收银排队 (checkout queues) is the most frequent complaint category;
- S01 receives the most complaints but S04 (火车站店) has by far the most
  complaints per 10,000 members (a raw count hides it);
- fewer than half of the complaints reach 顾客关系部: the rest are scattered
  over four other departments (the case for 应用业务集成, CRM step 1);
- 营运部 has the most monthly customer contacts but records no customer data,
  so well under half of all monthly contacts leave a record.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20250106
ENCODING = "utf-8-sig"  # Excel shows the Chinese headers

STORE_COLUMNS = ["门店编号", "门店名称", "门店类型", "开业年份", "营业面积", "会员人数",
                 "近一年新增会员", "日均客流"]
STORES = [
    ("S01", "中山路店", "大卖场", 1996, 8200, 32400, 2100, 9800),
    ("S02", "人民广场店", "大卖场", 1999, 6100, 26800, 1650, 7600),
    ("S03", "滨江店", "标准超市", 2003, 4800, 21500, 1900, 5200),
    ("S04", "火车站店", "标准超市", 2006, 4200, 19700, 980, 8900),
    ("S05", "大学城店", "标准超市", 2010, 3600, 17200, 2600, 4300),
    ("S06", "锦绣社区店", "社区店", 2015, 2500, 13100, 1400, 2600),
    ("S07", "新城社区店", "社区店", 2019, 2100, 11300, 1800, 2100),
]

TOUCHPOINT_COLUMNS = ["部门", "接触点", "接触方式", "是否直接接触顾客", "是否记录顾客信息", "月均接触人次"]
TOUCHPOINTS = [
    ("顾客关系部", "服务台（投诉受理与咨询）", "面对面", "是", "是", 5200),
    ("顾客关系部", "顾客意见箱", "书面", "是", "是", 380),
    ("顾客关系部", "投诉回访电话", "电话", "是", "是", 900),
    ("会员中心", "会员办卡与积分兑换", "面对面", "是", "是", 8600),
    ("会员中心", "会员短信与生日关怀", "线上", "是", "是", 45000),
    ("营运部", "收银台", "面对面", "是", "否", 520000),
    ("营运部", "卖场导购与理货", "面对面", "是", "否", 160000),
    ("营运部", "生鲜加工与称重", "面对面", "是", "否", 95000),
    ("客服中心", "客服热线", "电话", "是", "是", 6400),
    ("电商部", "微信小程序商城", "线上", "是", "是", 38000),
    ("电商部", "送货上门", "面对面", "是", "是", 12500),
    ("市场部", "店内促销活动", "面对面", "是", "否", 30000),
    ("市场部", "公众号推文与直播", "线上", "是", "否", 60000),
    ("防损部", "出入口与停车场", "面对面", "是", "否", 150000),
    ("采购部", "供应商洽谈", "面对面", "否", "否", 0),
    ("财务部", "财务结算", "书面", "否", "否", 0),
    ("人力资源部", "员工招聘与培训", "面对面", "否", "否", 0),
]

#: complaints received in 2025 by each store (fixed, so the planted ranking is exact)
COMPLAINTS_PER_STORE = {"S01": 146, "S02": 104, "S03": 88, "S04": 131, "S05": 66, "S06": 52, "S07": 43}

CATEGORY_WEIGHTS = {
    "收银排队": 0.24, "商品质量": 0.18, "售后退换": 0.15, "服务态度": 0.12,
    "价格标签不符": 0.10, "会员积分": 0.08, "线上配送": 0.07, "购物环境": 0.06,
}
CHANNELS = ["服务台", "顾客意见箱", "收银台", "客服热线", "会员中心", "线上商城"]
#: the channel a complaint of each category arrives through (weights over CHANNELS)
CHANNELS_BY_CATEGORY = {
    "收银排队": [0.35, 0.10, 0.35, 0.15, 0.00, 0.05],
    "商品质量": [0.45, 0.05, 0.05, 0.30, 0.00, 0.15],
    "售后退换": [0.55, 0.00, 0.05, 0.25, 0.00, 0.15],
    "服务态度": [0.35, 0.20, 0.10, 0.30, 0.05, 0.00],
    "价格标签不符": [0.35, 0.05, 0.45, 0.15, 0.00, 0.00],
    "会员积分": [0.10, 0.00, 0.05, 0.25, 0.60, 0.00],
    "线上配送": [0.00, 0.00, 0.00, 0.30, 0.00, 0.70],
    "购物环境": [0.40, 0.40, 0.05, 0.15, 0.00, 0.00],
}
DEPARTMENT_OF_CHANNEL = {"服务台": "顾客关系部", "顾客意见箱": "顾客关系部", "收银台": "营运部",
                         "客服热线": "客服中心", "会员中心": "会员中心", "线上商城": "电商部"}
#: (mean days to close, probability resolved) by receiving department
HANDLING = {"顾客关系部": (1.5, 0.93), "营运部": (3.0, 0.78), "客服中心": (2.5, 0.85),
            "会员中心": (3.5, 0.80), "电商部": (4.0, 0.76)}
COMPLAINT_COLUMNS = ["投诉编号", "受理日期", "门店编号", "受理渠道", "受理部门", "投诉类别",
                     "处理天数", "是否解决"]

FILES = {"stores": "xx_supermarket_stores.csv", "touchpoints": "xx_supermarket_touchpoints.csv",
         "complaints": "xx_supermarket_complaints.csv"}
CARD_NAME = "xx_supermarket_lab01.md"


def make_stores() -> pd.DataFrame:
    return pd.DataFrame(STORES, columns=STORE_COLUMNS)


def make_touchpoints() -> pd.DataFrame:
    return pd.DataFrame(TOUCHPOINTS, columns=TOUCHPOINT_COLUMNS)


def make_complaints(seed: int = SEED) -> pd.DataFrame:
    """One row per complaint received in 2025, sorted by date."""
    rng = np.random.default_rng(seed)
    stores = np.repeat(list(COMPLAINTS_PER_STORE), list(COMPLAINTS_PER_STORE.values()))
    n = len(stores)
    categories = list(CATEGORY_WEIGHTS)
    category = rng.choice(categories, size=n, p=list(CATEGORY_WEIGHTS.values()))
    channel = np.array([rng.choice(CHANNELS, p=CHANNELS_BY_CATEGORY[c]) for c in category])
    department = np.array([DEPARTMENT_OF_CHANNEL[c] for c in channel])
    mean_days = np.array([HANDLING[d][0] for d in department])
    p_resolved = np.array([HANDLING[d][1] for d in department])
    days = rng.poisson(mean_days)
    resolved = np.where(rng.random(n) < p_resolved, "是", "否")
    dates = pd.Timestamp("2025-01-01") + pd.to_timedelta(rng.integers(0, 365, n), unit="D")
    df = pd.DataFrame({"受理日期": dates, "门店编号": stores, "受理渠道": channel,
                       "受理部门": department, "投诉类别": category, "处理天数": days,
                       "是否解决": resolved})
    df = df.sort_values(["受理日期", "门店编号"], kind="stable").reset_index(drop=True)
    df.insert(0, "投诉编号", [f"T2025{i:04d}" for i in range(1, n + 1)])
    df["受理日期"] = df["受理日期"].dt.strftime("%Y-%m-%d")
    return df[COMPLAINT_COLUMNS]


def planted_figures(stores: pd.DataFrame, touchpoints: pd.DataFrame,
                    complaints: pd.DataFrame) -> dict:
    """The figures the lab's answers are checked against."""
    by_type = complaints["投诉类别"].value_counts()
    count = complaints["门店编号"].value_counts()
    rate = (count / stores.set_index("门店编号")["会员人数"] * 10000).sort_values(ascending=False)
    by_dept = complaints["受理部门"].value_counts(normalize=True)
    direct = touchpoints[touchpoints["是否直接接触顾客"] == "是"]
    contacts = direct.groupby("部门")["月均接触人次"].sum().sort_values(ascending=False)
    recorded = direct.loc[direct["是否记录顾客信息"] == "是", "月均接触人次"].sum() / direct["月均接触人次"].sum()
    return {"members": int(stores["会员人数"].sum()), "area": int(stores["营业面积"].sum()),
            "by_type": by_type, "count": count, "rate": rate, "by_dept": by_dept,
            "contacts": contacts, "recorded_share": float(recorded), "n": len(complaints)}


def check_planted(figures: dict) -> None:
    """Raise AssertionError if the planted structure is missing."""
    assert figures["members"] > 140000 and figures["area"] > 30000
    assert figures["by_type"].index[0] == "收银排队"
    assert figures["by_type"].iloc[0] > figures["by_type"].iloc[1]
    assert figures["count"].idxmax() == "S01" and figures["rate"].index[0] == "S04"
    assert figures["rate"].iloc[0] > 1.3 * figures["rate"].iloc[1]
    assert figures["by_dept"]["顾客关系部"] < 0.5
    assert figures["contacts"].index[0] == "营运部" and figures["recorded_share"] < 0.2


def _card(stores, touchpoints, complaints) -> str:
    f = planted_figures(stores, touchpoints, complaints)
    type_rows = "\n".join(f"| {k} | {v} |" for k, v in f["by_type"].items())
    store_rows = "\n".join(
        f"| {s} | {f['count'][s]} | {f['rate'][s]:.1f} |" for s in f["rate"].index)
    dept_rows = "\n".join(f"| {k} | {v * 100:.1f}% |" for k, v in f["by_dept"].items())
    contact_rows = "\n".join(f"| {k} | {v:,} |" for k, v in f["contacts"].items())
    return f"""# XX超市调查资料 (lab01): stores, contact points, complaints

**Synthetic data** made by `datagen/supermarket.py` (`python -m datagen`; complaints drawn with
seed {SEED}, the other two tables written by hand) for lab01 (实训1 客户关系管理调查报告).
They stand for what a student group collects when visiting the training guide's example company
"XX超市" (founded 1996, 7 chain stores, 14万+ members, 3万+ m²; a 顾客关系部 takes complaints while
several other departments also deal with customers).  UTF-8 with BOM (opens in Excel).
Loaders: `crmlab.datasets.load_xx_supermarket_stores()`, `load_xx_supermarket_touchpoints()`,
`load_xx_supermarket_complaints()`.

## xx_supermarket_stores.csv — 门店与会员 (7 rows)

| column | meaning | unit |
|---|---|---|
| 门店编号 | store id | S01–S07 |
| 门店名称 | store name | text |
| 门店类型 | store format | 大卖场 / 标准超市 / 社区店 |
| 开业年份 | year opened | year |
| 营业面积 | floor space | 平方米 (m²) |
| 会员人数 | members registered at the store | persons |
| 近一年新增会员 | members who joined in 2025 | persons |
| 日均客流 | average visitors per day | 人次 |

## xx_supermarket_touchpoints.csv — 部门与顾客接触点 ({len(touchpoints)} rows)

| column | meaning | values |
|---|---|---|
| 部门 | department running the contact point | 顾客关系部, 会员中心, 营运部, 客服中心, 电商部, 市场部, 防损部, 采购部, 财务部, 人力资源部 |
| 接触点 | the contact point | text |
| 接触方式 | how it reaches the customer | 面对面 / 电话 / 线上 / 书面 |
| 是否直接接触顾客 | does the department deal with end customers here | 是 / 否 |
| 是否记录顾客信息 | is the customer's identity or request recorded | 是 / 否 |
| 月均接触人次 | customer contacts per month (0 if none) | 人次 |

## xx_supermarket_complaints.csv — 2025年投诉记录 ({len(complaints)} rows)

| column | meaning | values |
|---|---|---|
| 投诉编号 | complaint id | T20250001 … |
| 受理日期 | date received | YYYY-MM-DD, 2025 |
| 门店编号 | store concerned | S01–S07 (key into the stores table) |
| 受理渠道 | channel | {" / ".join(CHANNELS)} |
| 受理部门 | department that received it | follows from the channel: {", ".join(f"{k}→{v}" for k, v in DEPARTMENT_OF_CHANNEL.items())} |
| 投诉类别 | category | {" / ".join(CATEGORY_WEIGHTS)} |
| 处理天数 | days from receipt to closing | whole days |
| 是否解决 | closed to the customer's acceptance | 是 / 否 |

## How it was generated

Complaints per store are fixed ({", ".join(f"{k} {v}" for k, v in COMPLAINTS_PER_STORE.items())});
each complaint's category is drawn with weights {dict(CATEGORY_WEIGHTS)}; its channel from
weights that depend on the category (e.g. 线上配送 complaints come through 线上商城 or the hotline,
会员积分 ones mostly through 会员中心); the receiving department follows from the channel; days to
close ~ Poisson(department mean) and resolved with a department-specific probability
({", ".join(f"{d} {m} days / {p:.0%}" for d, (m, p) in HANDLING.items())}).  Exact rules: the
docstring and constants of `datagen/supermarket.py`.

## Planted structure (checked by `check_planted`)

Totals: {f["members"]:,} members (14万多) and {f["area"]:,} m² (3万多平方米) over 7 stores.

Complaints by category (收银排队 first — the same weak point as 收银速度 in the satisfaction survey):

| 投诉类别 | 件数 |
|---|---|
{type_rows}

Complaints per store and per 10,000 members (S01 has the most complaints, S04 火车站店 by far the
highest rate):

| 门店 | 投诉件数 | 每万名会员投诉件数 |
|---|---|---|
{store_rows}

Share of complaints by receiving department (顾客关系部 gets less than half; the rest is scattered):

| 受理部门 | 占比 |
|---|---|
{dept_rows}

Monthly contacts of the departments that deal with customers directly (营运部 has by far the most
contacts and records nothing about the customer):

| 部门 | 月均接触人次 |
|---|---|
{contact_rows}

Share of monthly contacts made at contact points that record customer data: {f["recorded_share"]:.4f}
({f["recorded_share"] * 100:.1f}%).
"""


def write(data_dir: Path) -> list[Path]:
    """Write the three CSV files and the data card into ``data_dir``; return their paths."""
    data_dir = Path(data_dir)
    tables = {"stores": make_stores(), "touchpoints": make_touchpoints(), "complaints": make_complaints()}
    check_planted(planted_figures(tables["stores"], tables["touchpoints"], tables["complaints"]))
    paths = []
    for key, df in tables.items():
        path = data_dir / FILES[key]
        df.to_csv(path, index=False, encoding=ENCODING, lineterminator="\n")
        paths.append(path)
    card = data_dir / CARD_NAME
    card.write_text(_card(tables["stores"], tables["touchpoints"], tables["complaints"]), encoding="utf-8")
    paths.append(card)
    return paths
