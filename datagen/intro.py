"""lab00's small customer table (课程入门客户表): twelve hand-written rows.

Small enough to read at a glance, so students can check every pandas result
by eye: 12 customers, 4 cities, 3 membership levels, one customer who has
not bought for a long time.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

ROWS = [
    # 客户编号, 姓名, 城市, 会员等级, 近一年消费金额, 购买次数, 最近一次购买日期
    ("C001", "王芳", "广州", "金卡", 5680.0, 18, "2026-09-28"),
    ("C002", "李强", "深圳", "银卡", 2150.5, 9, "2026-09-15"),
    ("C003", "张伟", "广州", "普通", 320.0, 2, "2026-03-02"),
    ("C004", "刘洋", "佛山", "银卡", 1890.0, 7, "2026-08-30"),
    ("C005", "陈静", "深圳", "金卡", 7420.8, 25, "2026-09-30"),
    ("C006", "杨磊", "东莞", "普通", 560.0, 3, "2026-06-18"),
    ("C007", "赵敏", "广州", "金卡", 4980.0, 15, "2026-09-21"),
    ("C008", "黄涛", "佛山", "普通", 150.0, 1, "2025-12-11"),
    # 周丽 spends like a 金卡 member and 孙浩 (金卡) bought less this year: filtering on the amount or
    # the count instead of 会员等级 finds the wrong four customers (city totals stay the same).
    ("C009", "周丽", "东莞", "银卡", 6210.0, 21, "2026-09-05"),
    ("C010", "吴刚", "深圳", "普通", 890.0, 4, "2026-07-22"),
    ("C011", "徐婷", "广州", "银卡", 1730.2, 8, "2026-08-12"),
    ("C012", "孙浩", "东莞", "金卡", 2460.0, 10, "2026-09-26"),
]
COLUMNS = ["客户编号", "姓名", "城市", "会员等级", "近一年消费金额", "购买次数", "最近一次购买日期"]


def write(data_dir: Path) -> list[Path]:
    path = Path(data_dir) / "intro_customers.csv"
    pd.DataFrame(ROWS, columns=COLUMNS).to_csv(path, index=False, encoding="utf-8")
    return [path]
