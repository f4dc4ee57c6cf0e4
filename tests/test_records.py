"""crmlab.records: normalising, matching, measuring and merging customer records."""
import warnings

import pandas as pd
import pytest

from crmlab import CRMLabInputError
from crmlab import records as r


def test_normalize_phone_formats_and_country_code():
    raw = ["138-0013-8000", "+86 13800138000", "138 0013 8000", "0086 138 0013 8000",
           "１３８００１３８０００", 13800138000, "(020) 8888-6666", "", None]
    out = r.normalize_phone(raw)
    assert list(out[:6]) == ["13800138000"] * 6
    assert out[6] == "02088886666"
    assert out[7:].isna().all()


def test_normalize_phone_rejects_text_with_bilingual_message():
    with pytest.raises(CRMLabInputError) as info:
        r.normalize_phone(["13800138000", "打电话找王工", "12"])
    text = str(info.value)
    assert "2 个电话号码无法识别" in text and "打电话找王工" in text and "Argument 'phones'" in text


def test_normalize_name_and_text():
    names = r.normalize_name(["王 建国", "王建国　", "Ｌｉ Ｍｉｎｇ", "阿·木", " "])
    assert list(names[:4]) == ["王建国", "王建国", "liming", "阿木"]
    assert pd.isna(names[4])
    with pytest.raises(CRMLabInputError, match="不是整张表"):
        r.normalize_text(pd.DataFrame({"a": [1]}))


def test_normalize_address_variants_agree():
    variants = ["广州市天河区华景新城12栋2301室", "天河区华景新城12栋2301", "华景新城12-2301",
                "天河区华景新城12幢2301", "广东省广州市天河区华景新城12栋2301"]
    assert set(r.normalize_address(variants)) == {"华景新城12-2301"}
    # An estate whose name contains 区 keeps it when no district is written in front.
    assert r.normalize_address(["白云区金沙洲新社区4栋1201", "金沙洲新社区4-1201"]).nunique() == 1


def _records():
    return pd.DataFrame({
        "部门": ["市场部", "设计部", "工程部", "客服部", "市场部", "设计部"],
        "姓名": ["王建国", "王 建国", "王先生", "李敏", "李敏", "李敏"],
        "手机": ["13800138000", "+86 138-0013-8000", "13912345678", "13912345678", "13700001111",
               "137 0000 1111"],
        "地址": ["华景新城12栋2301", "华景新城12-2301", "天河区华景新城12栋2301室", None,
               "丰乐花园3栋502", "丰乐花园3-502"],
        "面积": [89.0, 92.0, None, None, 105.0, 105.0],
        "日期": ["2023-01-05", "2023-01-20", "2023-03-01", "2023-05-01", "2023-02-01", "2023-02-10"],
    })


def test_match_is_by_any_rule_and_transitive():
    df = _records()
    df["手机_规范"] = r.normalize_phone(df["手机"])
    df["地址_规范"] = r.normalize_address(df["地址"])
    keys = r.match_customers(df, ["手机_规范", "地址_规范"])
    # Record 2 changed phone: linked to 0/1 by address, and record 3 to record 2 by the new phone.
    assert keys.tolist() == ["K001", "K001", "K001", "K001", "K002", "K002"]
    assert keys.index.equals(df.index)
    only_phone = r.match_customers(df, "手机_规范")
    assert only_phone.nunique() == 3
    # A rule with a missing value links nothing.
    assert r.match_customers(df, ["地址_规范"]).nunique() == 3


def test_match_rule_of_several_columns_needs_all_equal():
    df = pd.DataFrame({"姓名": ["王伟", "王伟", "王伟"], "小区": ["A", "A", "B"]})
    keys = r.match_customers(df, [["姓名", "小区"]], prefix="C")
    assert keys.tolist() == ["C001", "C001", "C002"]
    with pytest.raises(CRMLabInputError, match="缺少列 手机"):
        r.match_customers(df, ["手机"])
    with pytest.raises(CRMLabInputError, match="匹配规则"):
        r.match_customers(df, [])


def test_duplication_rate():
    assert r.duplication_rate(["a", "a", "b", "c"]) == 0.25
    assert r.duplication_rate(pd.Index(["a", "b"])) == 0.0
    with pytest.raises(CRMLabInputError, match="没有客户键"):
        r.duplication_rate(["a", None])
    with pytest.raises(CRMLabInputError, match="不能为空"):
        r.duplication_rate([])


def test_field_conflicts():
    df = _records()
    df["手机_规范"] = r.normalize_phone(df["手机"])
    conflicts = r.field_conflicts(df, ["K1", "K1", "K1", "K1", "K2", "K2"], ["手机_规范", "面积", "姓名"])
    assert conflicts.loc["K1"].tolist() == [True, True, True]
    assert conflicts.loc["K2"].tolist() == [False, False, False]
    assert conflicts.sum().tolist() == [1, 1, 1]


def test_merge_rules_newest_source_priority_and_counts():
    df = _records()
    df["手机_规范"] = r.normalize_phone(df["手机"])
    df["客户键"] = ["K1", "K1", "K1", "K1", "K2", "K2"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        merged = r.merge_records(df, "客户键",
                                 {"手机_规范": "newest", "地址": ["工程部", "市场部"], "姓名": ["市场部"],
                                  "面积": ["市场部"]},
                                 date_col="日期", source_col="部门")
    assert list(merged.index) == ["K1", "K2"]
    assert merged.loc["K1", "手机_规范"] == "13912345678"       # newest record's phone
    assert merged.loc["K1", "地址"] == "天河区华景新城12栋2301室"   # 工程部 wins
    assert merged.loc["K2", "地址"] == "丰乐花园3栋502"            # no 工程部 record: 市场部
    assert merged.loc["K1", "姓名"] == "王建国"
    assert merged.loc["K1", "面积"] == 89.0
    assert merged.loc["K1", "记录数"] == 4 and merged.loc["K1", "来源部门"] == "市场部、设计部、工程部、客服部"
    assert merged["面积"].dtype == float
    assert "部门" not in merged.columns  # summarised in 来源部门
    assert r.duplication_rate(merged.index) == 0.0


def test_merge_other_rules_and_missing_values_never_win():
    df = pd.DataFrame({"k": ["a", "a", "a"], "x": [3.0, None, 5.0], "t": ["甲", "乙", "甲"],
                       "d": ["2023-01-01", "2023-06-01", "2023-03-01"]})
    merged = r.merge_records(df, "k", {"x": "newest", "t": "join"}, date_col="d",
                             count_col=None, sources_col=None)
    assert merged.loc["a", "x"] == 5.0            # the newest record has no x: next newest
    assert merged.loc["a", "t"] == "甲、乙"
    assert list(merged.columns) == ["x", "t", "d"]
    mixed = pd.DataFrame({"k": ["a", "a", "b"], "x": [1.0, 2.0, None], "d": ["2023-06-23", "2023/07/14", "2023/01/01"]})
    merged = r.merge_records(mixed, "k", {"x": "newest"}, date_col="d")
    assert merged.loc["a", "x"] == 2.0 and pd.isna(merged.loc["b", "x"]) and merged["x"].dtype == float
    assert r.merge_records(df, "k", {"x": "max"}, default_rule="first").loc["a", "x"] == 5.0
    assert r.merge_records(df, "k", {"x": "min"}, default_rule="first").loc["a", "x"] == 3.0
    assert r.merge_records(df, "k", {"d": "oldest"}, date_col="d", default_rule="first").loc["a", "d"] \
        == "2023-01-01"


def test_merge_errors_are_bilingual_and_name_the_argument():
    df = _records()
    df["客户键"] = ["K1"] * 6
    with pytest.raises(CRMLabInputError, match="date_col"):
        r.merge_records(df, "客户键", {"手机": "newest"})
    with pytest.raises(CRMLabInputError, match="source_col"):
        r.merge_records(df, "客户键", {"地址": ["工程部"]}, date_col="日期")
    with pytest.raises(CRMLabInputError, match="财务部"):
        r.merge_records(df, "客户键", {"地址": ["财务部"]}, date_col="日期", source_col="部门")
    with pytest.raises(CRMLabInputError, match="规则 'latest' 无效"):
        r.merge_records(df, "客户键", {"手机": "latest"}, date_col="日期")
    with pytest.raises(CRMLabInputError, match="不在表中"):
        r.merge_records(df, "客户键", {"电话": "newest"}, date_col="日期")
    bad_dates = df.assign(日期=["2023-01-01", "不详", "2023-01-01", "2023-01-01", "2023-01-01", "2023-01-01"])
    with pytest.raises(CRMLabInputError, match="1 个日期缺失或无法识别") as info:
        r.merge_records(bad_dates, "客户键", date_col="日期")
    assert "Argument '日期'" in str(info.value)
    with pytest.raises(CRMLabInputError, match="没有客户键"):
        r.merge_records(df.assign(客户键=[None, "K1", "K1", "K1", "K1", "K1"]), "客户键", date_col="日期")


def test_course_dataset_round_trip():
    """On the 家装公司 data, phone-or-address matching never mixes two true customers."""
    from crmlab import datasets
    tables = datasets.load_home_deco()
    answer = datasets.load_home_deco_answer_key()
    columns = {"市场部": ("手机号", "小区地址"), "设计部": ("联系电话", "地址"),
               "工程部": ("电话", "工地地址"), "客服部": ("联系方式", None)}
    parts = []
    for dept, (phone, address) in columns.items():
        t = tables[dept]
        parts.append(pd.DataFrame({"部门": dept, "记录号": t["记录号"], "手机": t[phone],
                                   "地址": t[address] if address else pd.NA}))
    allr = pd.concat(parts, ignore_index=True)
    allr["手机_规范"] = r.normalize_phone(allr["手机"])
    allr["地址_规范"] = r.normalize_address(allr["地址"])
    allr["客户键"] = r.match_customers(allr, ["手机_规范", "地址_规范"])
    joined = allr.merge(answer[["部门", "记录号", "真实客户编号"]], on=["部门", "记录号"])
    assert len(joined) == len(allr)
    assert joined.groupby("客户键")["真实客户编号"].nunique().max() == 1
    assert r.duplication_rate(allr["客户键"]) > 0.5
