"""旭东公司 customer transactions (lab05): ~500 business customers over 2021-2023.

Each customer follows one planted lifecycle pattern — a monthly purchase
*profile* (trial orders, rising volume, plateau, decline, end) — and orders
are drawn around it with noise: months without an order, 1-4 orders a month,
log-normal order amounts.  :func:`write` puts the student data in ``data/``:
xudong_transactions.csv and xudong_customers.xlsx (the teacher's hand-out:
customer sheet + monthly volume sheet).  The true pattern and stage are
answers: :func:`write_answers` puts xudong_true_patterns.csv in the answer
folder (``tests/fixtures/answers/``), which is not installed with crmlab.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20240501
START = pd.Period("2021-01", freq="M")
N_MONTHS = 36  # 2021-01 .. 2023-12
# Planted group sizes: 中途夭折型 is the largest group among ended relationships.
GROUPS = {"早期流产型": 105, "中途夭折型": 150, "提前退出型": 80, "长久保持型": 105, "": 60}

CITIES = ["杭州", "宁波", "温州", "绍兴", "嘉兴", "湖州", "金华", "台州", "苏州", "无锡", "上海", "合肥"]
WORDS = ["华联", "恒通", "永盛", "瑞丰", "鑫达", "宏远", "新峰", "金帆", "天诚", "和信", "佳美", "东升",
         "博源", "联创", "嘉禾", "润泽", "广利", "明辉", "众邦", "安捷", "德隆", "汇丰", "兴业", "凯旋"]
TRADES = [("建材", "建材有限公司"), ("五金", "五金机电有限公司"), ("装饰", "装饰工程有限公司"),
          ("贸易", "商贸有限公司"), ("家居", "家居用品有限公司"), ("酒店", "酒店管理有限公司")]
SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗")
GIVEN = ["伟", "芳", "娜", "敏", "静", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "霞", "平"]


def _profile(pattern: str, rng: np.random.Generator) -> tuple[np.ndarray, dict]:
    """Expected monthly volume as a share of the customer's full level, and planted facts."""
    p = np.zeros(N_MONTHS)
    trial = int(rng.integers(2, 4))             # trial months with small orders
    ramp = int(rng.integers(3, 7))              # months of rising volume
    if pattern == "早期流产型":
        start = int(rng.integers(0, 27))
        span = int(rng.integers(1, 4))
        p[start:start + span] = rng.uniform(0.08, 0.25, span)
        return p, {"start": start, "end": start + span - 1, "stable_months": 0, "stage": "退化期"}
    if pattern == "中途夭折型":
        start = int(rng.integers(0, 19))
        ramp = int(rng.integers(3, 8))
        height = rng.uniform(0.35, 0.8)
        p[start:start + trial] = 0.15
        rise = np.linspace(0.2, height, ramp)
        p[start + trial:start + trial + ramp] = rise
        end = start + trial + ramp - 1
        return p, {"start": start, "end": end, "stable_months": 0, "stage": "退化期"}
    if pattern == "提前退出型":
        start = int(rng.integers(0, 7))
        plateau = int(rng.integers(8, 13))
        fall = int(rng.integers(2, 4))
        p[start:start + trial] = 0.15
        p[start + trial:start + trial + ramp] = np.linspace(0.3, 0.9, ramp)
        top = start + trial + ramp
        p[top:top + plateau] = 1.0
        p[top + plateau:top + plateau + fall] = np.linspace(0.6, 0.3, fall)
        end = top + plateau + fall - 1
        return p, {"start": start, "end": end, "stable_months": plateau, "stage": "退化期"}
    if pattern == "长久保持型":
        start = int(rng.integers(0, 5))
        p[start:start + trial] = 0.15
        p[start + trial:start + trial + ramp] = np.linspace(0.3, 0.9, ramp)
        top = start + trial + ramp
        p[top:] = 1.0
        stage = "稳定期"
        if rng.random() < 0.12:  # a few long-standing customers cutting back in the last months
            p[N_MONTHS - 4:] = [0.4, 0.3, 0.2, 0.2]
            stage = "退化期"
        return p, {"start": start, "end": N_MONTHS - 1, "stable_months": N_MONTHS - top, "stage": stage}
    # still being formed at the end of 2023: too early to tell the pattern
    start = int(rng.integers(26, 35))
    p[start:start + trial] = 0.15
    months_left = N_MONTHS - (start + trial)
    if months_left > 0:
        p[start + trial:] = np.linspace(0.3, 0.7, months_left)
    stage = "考察期" if N_MONTHS - start <= 3 else "形成期"
    return p, {"start": start, "end": N_MONTHS - 1, "stable_months": 0, "stage": stage}


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


def build(seed: int = SEED):
    """(transactions, customers, truth, monthly) tables of the 旭东 data set."""
    rng = np.random.default_rng(seed)
    patterns = np.array([p for p, k in GROUPS.items() for _ in range(k)], dtype=object)
    rng.shuffle(patterns)
    n = len(patterns)
    ids = [f"XD{i + 1:04d}" for i in range(n)]
    names = _names(rng, n)
    full_level = rng.lognormal(np.log(30000), 0.6, n).round(-2)   # 元 per month when stable

    rows, truth = [], []
    for cid, name, pattern, level in zip(ids, names, patterns, full_level):
        profile, facts = _profile(pattern, rng)
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
        truth.append({"客户编号": cid, "生命周期模式": pattern, "观察期末阶段": facts["stage"],
                      "首次购买月份": str(START + facts["start"]),
                      "最后购买月份": str(START + facts["end"]),
                      "稳定期月数": facts["stable_months"]})

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
