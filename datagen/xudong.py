"""旭东公司 customer transactions (lab05): 500 business customers won in 2021-2023.

Every customer is acquired in some month of the three years (a few more in
2021, when the company pushed hard for new accounts) and is planted with a
*fate* — how the relationship will develop: 早期流产型 (a few trial orders),
中途夭折型 (trial, rising volume, then gone), 提前退出型 (reaches a stable
plateau, falls away after 8-12 months) or 长久保持型 (stays on the plateau).
Customers won in 2022-2023 more often die half-way (the service side did not
keep up with the sales push).  The fate gives a monthly purchase *profile*;
orders are drawn around it with noise: months without an order, 1-4 orders a
month, log-normal amounts.  The observation ends in 2023-12, so late
customers' fates are only partly seen: most of them are still in 考察期,
形成期 or 稳定期 and have no pattern yet, which is what keeps every cohort's
retention above 0.

:func:`write` puts the student data in ``data/``: xudong_transactions.csv and
xudong_customers.xlsx (the teacher's hand-out: customer sheet + monthly
volume sheet).  The planted pattern and stage are answers:
:func:`write_answers` puts xudong_true_patterns.csv in the answer folder
(``tests/fixtures/answers/``), which is not installed with crmlab.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20240501
START = pd.Period("2021-01", freq="M")
N_MONTHS = 36  # 2021-01 .. 2023-12
LAST = N_MONTHS - 1
N_CUSTOMERS = 500
QUIET = 6          # months without orders after which a relationship has ended (course rule)
LONG = 18          # stable months that make a relationship 长久保持型 (course rule)
# Relative chance of acquiring a customer in each year (2021 sales push).
YEAR_WEIGHT = (1.25, 1.0, 0.85)
# Fate mix for customers won in 2021 and in 2022-2023.
FATES = ("早期流产型", "中途夭折型", "提前退出型", "长久保持型")
FATE_MIX = {2021: (0.22, 0.30, 0.16, 0.32), 2022: (0.22, 0.44, 0.12, 0.22)}
CUT_BACK = 0.12    # share of customers on the plateau at the end who cut back in the last 4 months

CITIES = ["杭州", "宁波", "温州", "绍兴", "嘉兴", "湖州", "金华", "台州", "苏州", "无锡", "上海", "合肥"]
WORDS = ["华联", "恒通", "永盛", "瑞丰", "鑫达", "宏远", "新峰", "金帆", "天诚", "和信", "佳美", "东升",
         "博源", "联创", "嘉禾", "润泽", "广利", "明辉", "众邦", "安捷", "德隆", "汇丰", "兴业", "凯旋"]
TRADES = [("建材", "建材有限公司"), ("五金", "五金机电有限公司"), ("装饰", "装饰工程有限公司"),
          ("贸易", "商贸有限公司"), ("家居", "家居用品有限公司"), ("酒店", "酒店管理有限公司")]
SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗")
GIVEN = ["伟", "芳", "娜", "敏", "静", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "霞", "平"]


def _phases(fate: str, rng: np.random.Generator) -> list[tuple[str, np.ndarray]]:
    """The planned months of a relationship, phase by phase, as shares of the full level."""
    trial = int(rng.integers(2, 4))
    if fate == "早期流产型":
        span = int(rng.integers(1, 4))
        return [("trial", rng.uniform(0.08, 0.25, span))]
    phases = [("trial", np.full(trial, 0.15))]
    if fate == "中途夭折型":
        ramp, height = int(rng.integers(3, 8)), rng.uniform(0.4, 0.85)
        return phases + [("ramp", np.linspace(0.3 * height, height, ramp))]
    ramp = int(rng.integers(3, 7))
    phases.append(("ramp", np.linspace(0.3, 0.9, ramp)))
    if fate == "提前退出型":
        plateau, fall = int(rng.integers(8, 13)), int(rng.integers(2, 4))
        return phases + [("plateau", np.ones(plateau)), ("fall", np.linspace(0.6, 0.3, fall))]
    return phases + [("plateau", np.ones(N_MONTHS))]          # 长久保持型: to the end and beyond


def _rule_reading(profile: np.ndarray, start: int, last: int) -> tuple[str, int]:
    """Stage at 2023-12 and number of high months of a planned, noise-free profile.

    The course rules (crmlab.lifecycle, monthly defaults) written out on the plan:
    level = 3-month trailing mean, a month is high when its level is at least 60 %
    of the peak level (only months from the first to the last order), 稳定期 from 6
    high months; at the end: 考察期 within 3 months of the first order, 退化期
    when the level has fallen under half the peak, else the highest stage reached.
    """
    level = np.convolve(profile, np.ones(3) / 3)[:N_MONTHS]
    peak = level.max()
    high = int((level[start:last + 1] >= 0.6 * peak).sum())
    if LAST - start + 1 <= 3:
        return "考察期", high
    if level[LAST] < 0.5 * peak:
        return "退化期", high
    return ("稳定期" if high >= 6 else "形成期"), high


def _plant(fate: str, start: int, phases, rng: np.random.Generator):
    """Monthly profile over the observed 36 months and the planted facts.

    A relationship whose last planned order is at least six months before the end
    of 2023 has ended: its pattern is its fate and its stage 退化期.  For the others
    the story is not over: the stage is what the course rules read from the plan,
    and the pattern is 长久保持型 for 18 or more high months, else "" (not yet known).
    """
    profile = np.zeros(N_MONTHS)
    kind = np.array([""] * N_MONTHS, dtype=object)
    month = start
    for name, values in phases:
        for v in values:
            if month <= LAST:
                profile[month], kind[month] = v, name
            month += 1
    planned_last = month - 1                                  # may lie after 2023-12
    last = min(planned_last, LAST)
    plateau = int((kind == "plateau").sum())
    facts = {"start": start, "end": last, "stable_months": plateau}
    if planned_last <= LAST - QUIET:                         # ended, six quiet months observed
        return profile, dict(facts, pattern=fate, stage="退化期")
    if kind[LAST] == "plateau" and plateau >= 12 and rng.random() < CUT_BACK:
        profile[LAST - 3:] = [0.4, 0.3, 0.2, 0.2]             # cutting back in the last months
    stage, high = _rule_reading(profile, start, last)
    return profile, dict(facts, pattern="长久保持型" if high >= LONG else "", stage=stage)


def _names(rng: np.random.Generator, n: int) -> list[str]:
    names = set()
    ordered = []
    while len(ordered) < n:
        city = CITIES[rng.integers(len(CITIES))]
        word = WORDS[rng.integers(len(WORDS))]
        _, suffix = TRADES[rng.integers(len(TRADES))]
        name = f"{city}{word}{suffix}"
        if name not in names:
            names.add(name)
            ordered.append(name)
    return ordered


def _customer(rng: np.random.Generator):
    """One customer: (fate, profile, planted facts).

    The month of acquisition is drawn first (more in 2021), then the fate from
    that year's mix.
    """
    weights = np.repeat(np.array(YEAR_WEIGHT), 12)
    start = int(rng.choice(N_MONTHS, p=weights / weights.sum()))
    mix = FATE_MIX[2021 if start < 12 else 2022]
    fate = FATES[int(rng.choice(len(FATES), p=mix))]
    return (fate, *_plant(fate, start, _phases(fate, rng), rng))


def build(seed: int = SEED):
    """(transactions, customers, truth, monthly) tables of the 旭东 data set."""
    rng = np.random.default_rng(seed)
    drawn = [_customer(rng) for _ in range(N_CUSTOMERS)]
    # Customer numbers follow the order in which the customers were won.
    drawn.sort(key=lambda item: item[2]["start"])
    n = len(drawn)
    ids = [f"XD{i + 1:04d}" for i in range(n)]
    names = _names(rng, n)
    full_level = rng.lognormal(np.log(30000), 0.6, n).round(-2)   # 元 per month when stable

    rows, truth = [], []
    for cid, name, (fate, profile, facts), level in zip(ids, names, drawn, full_level):
        for month in np.flatnonzero(profile):
            first_or_last = month in (facts["start"], facts["end"])
            # Occasional quiet months inside a relationship, never the first or last one.
            if not first_or_last and rng.random() < 0.05:
                continue
            volume = level * profile[month] * rng.lognormal(0, 0.2)
            k = int(rng.integers(1, 5))
            shares = rng.dirichlet(np.ones(k))
            days = rng.integers(1, (START + int(month)).days_in_month + 1, k)
            for share, day in zip(shares, days):
                date = (START + int(month)).to_timestamp() + pd.Timedelta(days=int(day) - 1)
                rows.append((cid, name, date, max(100.0, round(volume * share, -1))))
        truth.append({"客户编号": cid, "生命周期模式": facts["pattern"], "观察期末阶段": facts["stage"],
                      "首次购买月份": str(START + facts["start"]),
                      "最后购买月份": str(START + facts["end"]),
                      "稳定期月数": facts["stable_months"], "计划走向": fate})

    tx = pd.DataFrame(rows, columns=["客户编号", "客户名称", "订单日期", "订单金额"])
    tx = tx.sort_values(["订单日期", "客户编号"], kind="stable").reset_index(drop=True)
    tx.insert(0, "订单编号", [f"DD{i + 1:06d}" for i in range(len(tx))])

    trade = [TRADES[rng.integers(len(TRADES))][0] for _ in range(n)]
    first = tx.groupby("客户编号")["订单日期"].min()
    customers = pd.DataFrame({
        "客户编号": ids, "客户名称": names,
        "所在城市": [nm[:2] for nm in names], "行业": trade,
        "联系人": [SURNAMES[rng.integers(len(SURNAMES))] + GIVEN[rng.integers(len(GIVEN))]
                for _ in range(n)],
        "首次合作日期": first.reindex(ids).dt.strftime("%Y-%m-%d").to_numpy(),
    })
    month = tx["订单日期"].dt.to_period("M")
    monthly = tx.assign(月份=month.astype(str)).pivot_table(
        index="客户编号", columns="月份", values="订单金额", aggfunc="sum", fill_value=0)
    all_months = [str(START + i) for i in range(N_MONTHS)]
    monthly = monthly.reindex(index=ids, columns=all_months, fill_value=0)
    return tx, customers, pd.DataFrame(truth), monthly


def write(data_dir: Path) -> list[Path]:
    """The data students get: transactions and the hand-out workbook."""
    tx, customers, _, monthly = build()
    paths = [data_dir / "xudong_transactions.csv", data_dir / "xudong_customers.xlsx"]
    out = tx.assign(订单日期=tx["订单日期"].dt.strftime("%Y-%m-%d"))
    out.to_csv(paths[0], index=False, encoding="utf-8")
    with pd.ExcelWriter(paths[1], engine="openpyxl") as writer:
        customers.to_excel(writer, sheet_name="客户信息", index=False)
        monthly.reset_index().to_excel(writer, sheet_name="月度订货额", index=False)
    _freeze_xlsx(paths[1])
    return paths


def write_answers(answer_dir: Path) -> list[Path]:
    """The answer key (planted pattern of each customer): instructor material, not in data/."""
    _, _, truth, _ = build()
    path = answer_dir / "xudong_true_patterns.csv"
    truth.to_csv(path, index=False, encoding="utf-8")
    return [path]


def _freeze_xlsx(path: Path) -> None:
    """Fix the workbook's save time and zip entry times so reruns give identical bytes."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as source:
        entries = [(info.filename, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in entries:
            if name == "docProps/core.xml":
                data = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2024-01-01T00:00:00Z", data)
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, data)
