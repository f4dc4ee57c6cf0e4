"""家装公司 customer records scattered across four departments (lab08 merge task).

A home-decoration company keeps no shared customer base: 市场部 signs the
contract, 设计部 draws the plan, 工程部 builds, 客服部 calls back and takes
complaints, and each keeps its own sheet.  120 true customers, whose given
names fit their sex (drawn from a men's and a women's name pool); every one is
in 市场部, about 80 % in 设计部, 60 % in 工程部 and 50 % in 客服部.  Planted:
names written differently (spaces, 先生/女士 instead of the given name),
phone numbers in different formats (dashes, +86, spaces) and some changed
numbers, addresses abbreviated differently, conflicting floor areas and
budgets, exact and near-duplicate rows inside a department, and two pairs of
*different* customers with the same name (told apart by phone and address).
The answer key maps every record to its true customer.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20240504
N_CUSTOMERS = 120
SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐")
# Given names that a Chinese reader takes for a man's or a woman's name.
GIVEN = {"男": ["伟", "强", "磊", "军", "勇", "杰", "涛", "明", "超", "刚", "斌", "鹏", "浩", "辉",
               "志强", "建华", "晓东", "建国", "俊杰", "国栋"],
         "女": ["芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "婷", "玲", "慧", "萍", "秀英", "桂英",
               "海燕", "晓燕", "丽娟", "雪梅", "春兰", "美玲"]}
ESTATES = [("天河区", "华景新城"), ("海珠区", "江南新苑"), ("白云区", "金沙洲新社区"), ("番禺区", "祈福新邨"),
           ("越秀区", "东山雅筑"), ("黄埔区", "丰乐花园"), ("荔湾区", "芳村花园"), ("天河区", "骏景花园")]
STYLES = ["现代简约", "北欧", "新中式", "轻奢", "日式原木", "美式"]
SOURCES = ["小区推广", "老客户介绍", "网络预约", "家装展会", "电话营销"]
DESIGNERS = ["设计师周婷", "设计师韩雪", "设计师邓超", "设计师黎明"]
MANAGERS = ["项目经理钟伟", "项目经理罗勇", "项目经理苏建"]
DEPARTMENTS = {"市场部": "home_deco_marketing.csv", "设计部": "home_deco_design.csv",
               "工程部": "home_deco_construction.csv", "客服部": "home_deco_service.csv"}


def _phone(rng) -> str:
    return "1" + str(rng.choice([3, 5, 7, 8])) + "".join(str(d) for d in rng.integers(0, 10, 9))


def _phone_variant(phone: str, rng) -> str:
    style = rng.integers(4)
    if style == 0:
        return f"{phone[:3]}-{phone[3:7]}-{phone[7:]}"
    if style == 1:
        return f"+86 {phone}"
    if style == 2:
        return f"{phone[:3]} {phone[3:7]} {phone[7:]}"
    return phone


def _name_variant(name: str, gender: str, rng) -> str:
    r = rng.random()
    if r < 0.15:
        return name[0] + ("先生" if gender == "男" else "女士")
    if r < 0.25 and len(name) == 2:
        return f"{name[0]} {name[1]}"
    return name


def _address_variant(district, estate, building, room, rng) -> str:
    r = rng.random()
    if r < 0.3:
        return f"{estate}{building}-{room}"
    if r < 0.5:
        return f"广州市{district}{estate}{building}栋{room}室"
    return f"{district}{estate}{building}栋{room}"


def build(seed: int = SEED) -> dict[str, pd.DataFrame]:
    """Department tables plus the answer key under the name 'answer'."""
    rng = np.random.default_rng(seed)
    people = []
    for i in range(N_CUSTOMERS):
        gender = "男" if rng.random() < 0.5 else "女"
        pool = GIVEN[gender]
        name = SURNAMES[rng.integers(len(SURNAMES))] + pool[rng.integers(len(pool))]
        district, estate = ESTATES[rng.integers(len(ESTATES))]
        people.append({"true_id": f"C{i + 1:03d}", "name": name, "gender": gender, "phone": _phone(rng),
                       "district": district, "estate": estate, "building": int(rng.integers(1, 30)),
                       "room": f"{rng.integers(2, 33)}{rng.integers(1, 5):02d}",
                       "area": float(rng.choice([68, 75, 89, 96, 105, 118, 128, 143])),
                       "budget": round(float(rng.uniform(8, 40)), 1),
                       "signed": pd.Timestamp("2023-01-01") + pd.Timedelta(days=int(rng.integers(0, 330)))})
    # Two pairs of different customers who share a name (and so the sex the name suggests).
    for twin, first in ((57, 12), (98, 40)):
        people[twin]["name"], people[twin]["gender"] = people[first]["name"], people[first]["gender"]
    # Some customers changed their phone number after signing.
    new_phone = {p["true_id"]: _phone(rng) for p in people if rng.random() < 0.08}

    tables = {d: [] for d in DEPARTMENTS}
    answer = []

    def add(dept, record, true_id):
        tables[dept].append(record)
        answer.append({"部门": dept, "记录号": record["记录号"], "真实客户编号": true_id})

    counters = {d: 0 for d in DEPARTMENTS}

    def record_id(dept):
        counters[dept] += 1
        prefix = {"市场部": "SC", "设计部": "SJ", "工程部": "GC", "客服部": "KF"}[dept]
        return f"{prefix}{counters[dept]:04d}"

    for p in people:
        phone_later = new_phone.get(p["true_id"], p["phone"])
        addr = lambda: _address_variant(p["district"], p["estate"], p["building"], p["room"], rng)
        rec = {"记录号": record_id("市场部"), "客户姓名": p["name"], "性别": p["gender"],
               "手机号": p["phone"], "小区地址": f"{p['district']}{p['estate']}{p['building']}栋{p['room']}",
               "房屋面积": p["area"], "签约日期": p["signed"].strftime("%Y-%m-%d"),
               "合同金额": round(p["budget"] * 10000, -2), "客户来源": SOURCES[rng.integers(len(SOURCES))]}
        add("市场部", rec, p["true_id"])
        if rng.random() < 0.06:  # entered twice by two salespeople
            add("市场部", {**rec, "记录号": record_id("市场部"), "手机号": _phone_variant(p["phone"], rng)},
                p["true_id"])
        if rng.random() < 0.8:
            add("设计部", {"记录号": record_id("设计部"), "客户": _name_variant(p["name"], p["gender"], rng),
                          "联系电话": _phone_variant(p["phone"], rng), "地址": addr(),
                          "面积": p["area"] + (float(rng.choice([-3, 0.5, 2])) if rng.random() < 0.2 else 0),
                          "设计师": DESIGNERS[rng.integers(len(DESIGNERS))],
                          "装修风格": STYLES[rng.integers(len(STYLES))],
                          "预算": round(p["budget"] * (rng.uniform(0.8, 1.3) if rng.random() < 0.3 else 1), 1),
                          "方案确认日期": (p["signed"] + pd.Timedelta(days=int(rng.integers(7, 30))))
                          .strftime("%Y/%m/%d")}, p["true_id"])
        if rng.random() < 0.6:
            start = p["signed"] + pd.Timedelta(days=int(rng.integers(30, 60)))
            row = {"记录号": record_id("工程部"), "业主姓名": _name_variant(p["name"], p["gender"], rng),
                   "电话": _phone_variant(phone_later, rng), "工地地址": addr(),
                   "项目经理": MANAGERS[rng.integers(len(MANAGERS))],
                   "开工日期": start.strftime("%Y-%m-%d"),
                   "工程状态": "已竣工" if start < pd.Timestamp("2023-10-01") else "施工中"}
            add("工程部", row, p["true_id"])
            if rng.random() < 0.08:  # the same site keyed in again with a typo in the address
                add("工程部", {**row, "记录号": record_id("工程部"),
                              "工地地址": row["工地地址"].replace("栋", "幢")}, p["true_id"])
        if rng.random() < 0.5:
            add("客服部", {"记录号": record_id("客服部"), "客户": _name_variant(p["name"], p["gender"], rng),
                          "联系方式": _phone_variant(phone_later, rng),
                          "回访日期": (p["signed"] + pd.Timedelta(days=int(rng.integers(60, 120))))
                          .strftime("%Y-%m-%d"),
                          "满意度": int(rng.choice([2, 3, 4, 5], p=[0.1, 0.25, 0.4, 0.25])),
                          "意见或投诉": rng.choice(["无", "工期延误", "设计与施工不符", "增项收费不清",
                                               "售后响应慢", "对效果满意"])}, p["true_id"])
    out = {d: pd.DataFrame(rows) for d, rows in tables.items()}
    truth = pd.DataFrame(people).rename(columns={
        "true_id": "真实客户编号", "name": "姓名", "gender": "性别", "phone": "签约手机号",
        "district": "区", "estate": "小区", "building": "栋", "room": "房号", "area": "房屋面积",
        "budget": "预算（万元）", "signed": "签约日期"})
    truth["签约日期"] = truth["签约日期"].dt.strftime("%Y-%m-%d")
    truth["新手机号"] = truth["真实客户编号"].map(new_phone).fillna("")
    out["answer"] = pd.DataFrame(answer).merge(truth, on="真实客户编号", how="left")
    return out


def write(data_dir: Path) -> list[Path]:
    tables = build()
    paths = []
    for dept, filename in DEPARTMENTS.items():
        path = data_dir / filename
        tables[dept].to_csv(path, index=False, encoding="utf-8")
        paths.append(path)
    path = data_dir / "home_deco_answer_key.csv"
    tables["answer"].to_csv(path, index=False, encoding="utf-8")
    paths.append(path)
    return paths
