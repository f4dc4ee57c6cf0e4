"""Small lab02 tables on customer delivered value (客户让渡价值).

milk_tea_offers.csv — four milk-tea shops near a campus scored by a student
panel in 元 per cup for the four value parts (产品/服务/人员/形象价值) and the
four cost parts (货币/时间/精力/精神成本).  Planted, after the 王薇奶茶店 case:
王薇's shop is the most expensive (highest 货币成本) yet gives the highest
delivered value.  The other columns point elsewhere, so that lab02 can tell a
student who ranks by the wrong column: 连锁品牌店 has the highest total value
(brand image) but costs the most time; 外卖平台店铺 has the lowest total cost
and the highest value ratio; 校门口奶茶摊 has the lowest price and the lowest
delivered value.  Against 连锁品牌店, 王薇's biggest advantage is a cost
(时间成本) and her biggest disadvantage (形象价值) is larger in size.

appliance_complaints.csv — customer complaints about a home-appliance
retailer (columns 序号, 客户抱怨) in the order they were logged, each written to
belong to one value or cost part (a few honestly fit two: both count).  The reference parts are answers: they stay here (``COMPLAINTS``,
:func:`complaint_answers`) and in lab02's hidden tests, never in ``data/``,
which is installed with the student package.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

VALUE_PARTS = ["产品价值", "服务价值", "人员价值", "形象价值"]
COST_PARTS = ["货币成本", "时间成本", "精力成本", "精神成本"]

# 元-equivalent per cup, fixed by hand (no randomness needed for a 4-row table).
OFFERS = [
    ("王薇奶茶店", 14.0, 5.0, 3.0, 4.0, 16.0, 2.0, 1.0, 0.5,
     "鲜奶和新鲜水果，现做；雨天借伞、备鞋套、店内有图书；店员戴口罩手套围裙；装修温馨、餐具讲究"),
    ("校门口奶茶摊", 6.0, 1.0, 1.0, 0.5, 6.0, 3.0, 1.5, 4.5,
     "奶精冲调，价格最低；无座位，课间排队；卫生状况让人担心"),
    ("连锁品牌店", 13.0, 4.0, 3.0, 10.0, 15.0, 7.0, 2.5, 1.0,
     "品质稳定、品牌知名、门店气派；高峰排队久，门店较远"),
    ("外卖平台店铺", 10.5, 5.0, 1.5, 2.5, 11.0, 1.0, 0.5, 1.5,
     "平台满减后价格不高；送到宿舍，省时省力；偶尔洒漏，口味和图片有出入"),
]

# (complaint in our own words, reference part, other parts a careful reader may defend),
# in the order of the complaint log (序号 1, 2, ...): mixed, as complaints arrive, so that
# neighbouring numbers say nothing about the answer.  Most complaints were written to have
# one clear part; for the few that honestly fit two, both count as right.
COMPLAINTS = [
    ("同一款空调比别家贵了四百多元", "货币成本", ()),
    ("安装师傅穿着拖鞋上门，边干活边抽烟，工具扔了一地", "人员价值", ()),
    ("新买的冰箱用了两个月就不制冷了", "产品价值", ()),
    ("排队结账等了四十分钟", "时间成本", ()),
    ("投诉后一直没人回复，越等越生气", "精神成本", ("服务价值",)),
    ("说好的免费上门安装没有兑现，送到家门口就不管了", "服务价值", ()),
    ("二十多斤重的微波炉坏了，得自己搬到维修点去修", "精力成本", ("服务价值",)),
    ("门店又旧又乱，样机上落满灰尘，看着不像正规商家", "形象价值", ()),
    ("洗衣机标着能洗 10 公斤，实际放一半衣服就转不动了", "产品价值", ()),
    ("担心买到的是假货，付款后一直忐忑不安", "精神成本", ()),
    ("店里没有售后咨询电话，买回去不会用也找不到人问", "服务价值", ()),
    ("延长保修一年要另交 300 元，比别家贵了一倍", "货币成本", ()),
    ("办理以旧换新要填好几张表、到处找人签字", "精力成本", ("时间成本",)),
    ("导购对产品参数一问三不知，只会催着下单", "人员价值", ()),
    ("门店开在郊区，坐公交单程就要一个多小时", "时间成本", ()),
    ("网上都在传这家店卖翻新机，在本地口碑很差", "形象价值", ()),
    ("被店员当众质疑是不是故意弄坏商品，觉得很没面子", "精神成本", ("人员价值",)),
    ("电视机画面经常出现条纹，质量不过关", "产品价值", ()),
]


def offers_table() -> pd.DataFrame:
    table = pd.DataFrame(OFFERS, columns=["店铺", *VALUE_PARTS, *COST_PARTS, "说明"])
    return table


def complaints_table() -> pd.DataFrame:
    """The complaint list students get: 序号, 客户抱怨 (no answers)."""
    table = pd.DataFrame({"客户抱怨": [text for text, _, _ in COMPLAINTS]})
    table.insert(0, "序号", range(1, len(table) + 1))
    return table


def complaint_answers() -> dict[int, str]:
    """Answer key {序号: 参考归类} (instructor material; lab02's hidden tests hold a copy)."""
    return {number: part for number, (_, part, _) in enumerate(COMPLAINTS, start=1)}


def complaint_alternatives() -> dict[int, tuple[str, ...]]:
    """{序号: other defensible parts} for the complaints that honestly fit two parts
    (lab02's checks accept them as well as the reference part)."""
    return {number: also for number, (_, _, also) in enumerate(COMPLAINTS, start=1) if also}


def write(data_dir: Path) -> list[Path]:
    paths = [data_dir / "milk_tea_offers.csv", data_dir / "appliance_complaints.csv"]
    offers_table().to_csv(paths[0], index=False, encoding="utf-8")
    complaints_table().to_csv(paths[1], index=False, encoding="utf-8")
    return paths
