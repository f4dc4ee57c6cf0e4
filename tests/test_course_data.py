"""The synthetic course datasets: loaders, planted structure, and the generator that wrote them."""
import ast
import re
from pathlib import Path

import pandas as pd
import pytest

from crmlab import datasets, lifecycle, segmentation, service
from crmlab.datasets import data_path

REPO = Path(__file__).resolve().parent.parent
ANSWERS = REPO / "tests" / "fixtures" / "answers"   # answer keys: instructor material, never installed


def load_xudong_true_patterns() -> pd.DataFrame:
    return pd.read_csv(ANSWERS / "xudong_true_patterns.csv", keep_default_na=False,
                       dtype={"生命周期模式": str, "观察期末阶段": str})


@pytest.fixture(scope="module")
def xudong():
    tx = datasets.load_xudong_transactions()
    truth = load_xudong_true_patterns().set_index("客户编号")
    result = lifecycle.classify_customers(tx, "客户编号", "订单日期", "订单金额",
                                          observation_end="2023-12-31")
    return tx, truth, result


def test_xudong_classifier_recovers_the_planted_patterns(xudong):
    tx, truth, result = xudong
    assert len(truth) == 500 and result.index.equals(truth.index)
    recovered = (result["pattern"] == truth["生命周期模式"]).mean()
    assert recovered >= 0.9, f"pattern recovery {recovered:.1%}"
    assert (result["stage"] == truth["观察期末阶段"]).mean() >= 0.9


def test_xudong_mid_way_abortion_is_the_largest_ended_group(xudong):
    _, truth, result = xudong
    for patterns in (truth["生命周期模式"], result["pattern"]):
        counts = patterns.value_counts()
        ended = counts[["早期流产型", "中途夭折型", "提前退出型"]]
        assert ended.idxmax() == "中途夭折型"
        assert counts["长久保持型"] < counts["中途夭折型"]


def test_xudong_workbook_agrees_with_the_transactions(xudong):
    tx, _, _ = xudong
    info = datasets.load_xudong_customers()
    monthly = datasets.load_xudong_customers("月度订货额").set_index("客户编号")
    assert len(info) == 500 and info["客户编号"].is_unique
    assert monthly.shape == (500, 36)
    totals = tx.groupby("客户编号")["订单金额"].sum()
    pd.testing.assert_series_equal(monthly.sum(axis=1).astype(float).sort_index(),
                                   totals.sort_index(), check_names=False)
    assert set(pd.ExcelFile(data_path("xudong_customers.xlsx").open("rb")).sheet_names) == {
        "客户信息", "月度订货额"}
    with pytest.raises(Exception):
        datasets.load_xudong_customers("答案")


def test_metro_tenants_big_accounts_and_planted_risks():
    tenants = datasets.load_metro_tenants().set_index("商户编号")
    grades = segmentation.abc_classify(tenants["年租金"])
    a_share = (grades == "A").mean()
    assert 0.1 <= a_share <= 0.25          # 抓大放小: few tenants bring 80 % of the rent
    assert (tenants.loc[grades == "A", "是否连锁品牌"] == "是").mean() > 0.9
    big_and_late = tenants[(grades == "A") & (tenants["近12个月逾期缴租次数"] >= 5)]
    assert big_and_late["最长逾期天数"].tolist() == [38, 45]
    complaints = tenants.groupby("业态")["近12个月投诉次数"].mean()
    assert complaints.idxmax() == "报刊小食"


def test_complaint_log_plants_one_slow_handler_and_one_category_without_followup():
    log = datasets.load_complaints()
    assert len(log) == 600 and pd.api.types.is_datetime64_any_dtype(log["受理时间"])
    by_handler = service.complaint_metrics(log, by="处理人")
    assert by_handler.index[~by_handler["meets_standards"]].tolist() == ["刘洋"]
    assert "响应超时" in by_handler.loc["刘洋", "missed_standards"]
    by_category = service.complaint_metrics(log, by="投诉类别")
    assert by_category.index[~by_category["meets_standards"]].tolist() == ["送货安装"]
    assert "回访率不足" in by_category.loc["送货安装", "missed_standards"]
    # The 回访 columns agree with each other, and every status history is a legal path.
    assert ((log["是否回访"] == "是") == log["回访时间"].notna()).all()
    assert (log["回访满意度"].notna() == log["回访时间"].notna()).all()
    for text, state in zip(log["状态记录"], log["当前状态"]):
        assert service.ComplaintCase.from_states(service.parse_status_history(text)).state == state


def test_home_deco_records_need_merging():
    tables = datasets.load_home_deco()
    key = datasets.load_home_deco_answer_key()
    assert set(tables) == {"市场部", "设计部", "工程部", "客服部"}
    n_records = sum(len(t) for t in tables.values())
    assert len(key) == n_records and key["记录号"].is_unique
    assert key["真实客户编号"].nunique() == 120
    market = tables["市场部"].merge(key, on="记录号")
    assert market["真实客户编号"].duplicated().any()            # duplicates inside a department
    truth = key.drop_duplicates("真实客户编号")
    assert truth["姓名"].duplicated().sum() >= 2                 # namesakes who are different people
    phones = pd.concat([tables["设计部"]["联系电话"], tables["客服部"]["联系方式"]])
    assert phones.str.contains("-").any() and phones.str.startswith("+86").any()
    assert tables["设计部"]["客户"].str.endswith(("先生", "女士")).any()
    with pytest.raises(Exception):
        datasets.load_home_deco("财务部")


def test_lab02_value_tables():
    offers = datasets.load_milk_tea_offers().set_index("店铺")
    value = offers[["产品价值", "服务价值", "人员价值", "形象价值"]].sum(axis=1)
    cost = offers[["货币成本", "时间成本", "精力成本", "精神成本"]].sum(axis=1)
    assert (value - cost).idxmax() == "王薇奶茶店"
    assert offers["货币成本"].idxmax() == "王薇奶茶店"
    complaints = datasets.load_appliance_complaints()
    assert list(complaints.columns) == ["序号", "客户抱怨"]
    assert complaints["序号"].tolist() == list(range(1, 19))


def _lab02_hidden_answer_keys() -> list[dict]:
    source = (REPO / "authoring" / "lab02.txt").read_text(encoding="utf-8")
    return [ast.literal_eval(match) for match in re.findall(r"^_ref = (\{.*?^\})", source, re.M | re.S)]


def test_lab02_hidden_tests_hold_the_generator_answer_key(monkeypatch):
    monkeypatch.syspath_prepend(str(REPO))
    from datagen.value_tables import complaint_answers
    answers = complaint_answers()
    assert len(set(answers.values())) == 8
    keys = _lab02_hidden_answer_keys()
    assert len(keys) == 2 and all(key == answers for key in keys)


def test_answer_keys_are_not_installed():
    shipped = {p.name for p in (REPO / "data").iterdir()}
    assert "xudong_true_patterns.csv" not in shipped
    assert "xudong_true_patterns.csv" not in datasets.list_datasets()
    assert "参考归类" not in (REPO / "data" / "appliance_complaints.csv").read_text(encoding="utf-8")
    assert "load_xudong_true_patterns" not in datasets.__all__
    with pytest.raises(AttributeError, match="教师材料.*instructor material"):
        datasets.load_xudong_true_patterns
    with pytest.raises(TypeError):
        datasets.load_appliance_complaints(with_answers=True)
    # lab08's key is given to students on purpose: they check their own merge with it.
    assert "home_deco_answer_key.csv" in datasets.list_datasets()


GENERATORS = sorted(p.stem for p in (REPO / "datagen").glob("[!_]*.py"))


def test_every_generator_is_checked():
    assert {"metro", "complaints", "home_deco", "value_tables", "xudong", "survey",
            "supermarket", "intro"} <= set(GENERATORS)


@pytest.mark.parametrize("module", GENERATORS)
def test_committed_data_is_what_the_generator_writes(module, tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(REPO))
    generator = __import__(f"datagen.{module}", fromlist=["write"])
    for path in generator.write(tmp_path):
        committed = REPO / "data" / path.name
        assert committed.read_bytes() == path.read_bytes(), f"{path.name} differs; run python -m datagen"
        assert (REPO / "data" / f"{card_name(path.name)}.md").is_file(), f"no data card for {path.name}"
    if hasattr(generator, "write_answers"):
        (tmp_path / "answers").mkdir()
        for path in generator.write_answers(tmp_path / "answers"):
            committed = ANSWERS / path.name
            assert committed.read_bytes() == path.read_bytes(), f"{path.name} differs; run python -m datagen"
            assert not (REPO / "data" / path.name).exists(), f"answer key {path.name} must not be in data/"


def card_name(filename: str) -> str:
    stem = filename.split(".")[0]
    for prefix in ("xudong", "home_deco"):
        if stem.startswith(prefix):
            return prefix
    shared_cards = {"milk_tea_offers": "value_tables", "appliance_complaints": "value_tables",
                    "xx_supermarket_stores": "xx_supermarket_lab01",
                    "xx_supermarket_touchpoints": "xx_supermarket_lab01",
                    "xx_supermarket_complaints": "xx_supermarket_lab01"}
    return shared_cards.get(stem, stem)
