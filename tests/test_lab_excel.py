"""The Excel workbook lab06 hands to the manager opens with openpyxl and has the expected sheets.

lab06 (客户分级与大客户管理) ends its table work by exporting the 客户分级表 and the
重点客户统计表 to one workbook, a sheet each.  This test runs the instructor's solution
notebook top to bottom, the way a student runs it, in a throw-away copy of the lab folder
(so no .xlsx is left in solutions/), then opens the workbook it wrote with openpyxl and
checks the sheet names, the Chinese headers and the contents against crmlab.
"""
from __future__ import annotations

import re
import shutil

import pytest

from grading_support import SOLUTIONS

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
openpyxl = pytest.importorskip("openpyxl")

WORKBOOK = "广州地铁商户分级.xlsx"
GRADING_HEADERS = ["商户编号", "商户名称", "业态", "年租金", "占比", "累计占比", "客户等级", "金字塔层级",
                   "跟进间隔（天）"]
KEY_HEADERS = ["序号", "客户", "年租金", "占总额比例", "累计占比", "客户等级",
               "所在线路", "站点", "合作年数", "近12个月逾期缴租次数", "最长逾期天数"]
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lab06") / "lab06"
    shutil.copytree(SOLUTIONS / "lab06", folder)
    assert not (folder / WORKBOOK).exists(), f"solutions/lab06 must not contain {WORKBOOK}"
    notebook = nbformat.read(folder / "lab06.ipynb", as_version=4)
    client = nbclient.NotebookClient(notebook, timeout=120, kernel_name="python3",
                                     resources={"metadata": {"path": str(folder)}})
    client.execute()
    errors = [out for cell in notebook.cells if cell.cell_type == "code"
              for out in cell.get("outputs", []) if out.get("output_type") == "error"]
    assert not errors, f"lab06 solution raised: {errors[0].get('ename')}: {errors[0].get('evalue')}"
    path = folder / WORKBOOK
    assert path.is_file(), f"the lab06 solution did not write {WORKBOOK}"
    book = openpyxl.load_workbook(path)
    yield book
    book.close()


def _rows(sheet) -> list[tuple]:
    return list(sheet.iter_rows(values_only=True))


def test_workbook_has_the_two_sheets(workbook):
    assert workbook.sheetnames == ["客户分级表", "重点客户统计表"]


def test_headers_are_the_chinese_column_names(workbook):
    grading = _rows(workbook["客户分级表"])[0]
    key = _rows(workbook["重点客户统计表"])[0]
    assert list(grading) == GRADING_HEADERS
    assert list(key) == KEY_HEADERS
    assert all(isinstance(h, str) and CJK.search(h) for h in grading + key), "headers must be Chinese text"


def test_grading_sheet_matches_crmlab(workbook):
    from crmlab import datasets, segmentation

    tenants = datasets.load_metro_tenants()
    rent = tenants.set_index("商户编号")["年租金"]
    rows = _rows(workbook["客户分级表"])
    body = [dict(zip(rows[0], row)) for row in rows[1:]]
    assert len(body) == len(tenants)
    rents = [r["年租金"] for r in body]
    assert rents == sorted(rents, reverse=True), "客户分级表 must be sorted by rent, largest first"
    abc = segmentation.abc_classify(rent)
    tiers = segmentation.pyramid_tiers(rent)
    for row in body:
        assert row["客户等级"] == abc[row["商户编号"]]
        assert row["金字塔层级"] == tiers[row["商户编号"]]
        assert row["跟进间隔（天）"] == {"A": 7, "B": 15, "C": 30}[row["客户等级"]]
    assert abs(body[-1]["累计占比"] - 1) < 1e-9


def test_key_customer_sheet_lists_the_a_tenants(workbook):
    from crmlab import datasets, segmentation

    tenants = datasets.load_metro_tenants()
    expected = segmentation.key_customer_table(tenants.set_index("商户编号"), "年租金", name_col="商户名称")
    rows = _rows(workbook["重点客户统计表"])
    body = [dict(zip(rows[0], row)) for row in rows[1:]]
    assert len(body) == len(expected) == int((segmentation.abc_classify(
        tenants.set_index("商户编号")["年租金"]) == "A").sum())
    assert [r["序号"] for r in body] == list(range(1, len(body) + 1))
    assert [r["客户"] for r in body] == list(expected["客户"])
    assert {r["客户等级"] for r in body} == {"A"}
