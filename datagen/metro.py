"""广州地铁商户 (metro station tenants, lab06): grading and key-account data.

150 shops in Guangzhou metro stations.  A few chain brands rent large units
in busy interchange stations and pay most of the rent (大客户; ABC on annual
rent puts about a fifth of the tenants in A, 抓大放小), while many small kiosks
pay little.  Planted: two big chain tenants pay late repeatedly, and a group
of small snack kiosks attracts most passenger complaints.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20240502

STATIONS = {
    "1号线": ["西塱", "芳村", "黄沙", "陈家祠", "公园前", "农讲所", "东山口", "杨箕", "体育西路", "广州东站"],
    "2号线": ["广州火车站", "越秀公园", "纪念堂", "公园前", "海珠广场", "市二宫", "江南西", "昌岗"],
    "3号线": ["体育西路", "珠江新城", "客村", "大塘", "番禺广场", "天河客运站"],
}
INTERCHANGES = {"公园前", "体育西路", "广州东站", "客村", "珠江新城", "广州火车站"}
# (业态, typical area m², monthly rent 元/m², sales per m² per year 万元)
FORMATS = {
    "便利店": (60, 420, 2.6), "面包饮品": (25, 520, 3.2), "餐饮快餐": (80, 360, 2.2),
    "服饰精品": (35, 300, 1.4), "通讯数码": (20, 450, 3.0), "生活服务": (15, 280, 1.0),
    "报刊小食": (8, 600, 2.0),
}
CHAINS = ["7-Eleven", "美宜佳", "面包新语", "都城快餐", "真功夫", "屈臣氏", "周生生", "中国移动营业厅"]
CHAIN_FORMAT = {"7-Eleven": "便利店", "美宜佳": "便利店", "面包新语": "面包饮品", "都城快餐": "餐饮快餐",
                "真功夫": "餐饮快餐", "屈臣氏": "生活服务", "周生生": "服饰精品", "中国移动营业厅": "通讯数码"}
SMALL_NAMES = ["阿华", "小林", "福记", "好味", "利民", "新潮", "悦达", "永安", "金穗", "羊城", "岭南", "益康"]


def build(seed: int = SEED) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    slots = [(line, st) for line, sts in STATIONS.items() for st in sts]
    rows = []
    n_chain, n_small = 28, 122
    for i in range(n_chain + n_small):
        chain = i < n_chain
        line, station = slots[rng.integers(len(slots))]
        if chain:
            brand = CHAINS[i % len(CHAINS)]
            fmt = CHAIN_FORMAT[brand]
            name = f"{brand}（{station}店）"
            area = FORMATS[fmt][0] * rng.uniform(3.0, 6.0)
            years = int(rng.integers(3, 9))
        else:
            fmt = list(FORMATS)[rng.integers(len(FORMATS))]
            name = f"{SMALL_NAMES[rng.integers(len(SMALL_NAMES))]}{fmt}（{station}）"
            area = FORMATS[fmt][0] * rng.uniform(0.2, 0.6)
            years = int(rng.integers(1, 4))
        busy = 1.35 if station in INTERCHANGES else 1.0
        rent = FORMATS[fmt][1] * area * busy * rng.uniform(0.85, 1.15)
        sales = FORMATS[fmt][2] * area * busy * rng.lognormal(0, 0.25)
        delays = int(rng.poisson(0.4 if chain else 1.2))
        complaints = int(rng.poisson(0.8 if chain else 1.5))
        rows.append({"商户编号": f"GZM{i + 1:03d}", "商户名称": name, "所在线路": line, "站点": station,
                     "业态": fmt, "是否连锁品牌": "是" if chain else "否",
                     "经营面积": round(area, 1), "月租金": round(rent, -1),
                     "年销售额": round(sales, 1), "合同年限": years,
                     "合作年数": int(rng.integers(1, years + 3)),
                     "近12个月逾期缴租次数": delays,
                     "最长逾期天数": int(delays and rng.integers(3, 20)),
                     "近12个月投诉次数": complaints})
    table = pd.DataFrame(rows)
    # Planted risks: two big chain tenants pay late again and again.
    big = table[table["是否连锁品牌"] == "是"].nlargest(6, "月租金").index[[1, 4]]
    table.loc[big, "近12个月逾期缴租次数"] = [5, 6]
    table.loc[big, "最长逾期天数"] = [38, 45]
    # Planted service hot spot: small snack kiosks draw most complaints.
    kiosks = table["业态"].eq("报刊小食") & table["是否连锁品牌"].eq("否")
    table.loc[kiosks, "近12个月投诉次数"] += rng.integers(3, 7, int(kiosks.sum()))
    table["年租金"] = (table["月租金"] * 12).round(-2)
    order = table.pop("年租金")
    table.insert(table.columns.get_loc("月租金") + 1, "年租金", order)
    return table


def write(data_dir: Path) -> list[Path]:
    path = data_dir / "metro_tenants.csv"
    build().to_csv(path, index=False, encoding="utf-8")
    return [path]
