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


def test_xudong_figures_of_the_data_card_and_lab05(xudong):
    """The figures data/xudong.md and lab05's reference answers quote."""
    tx, truth, result = xudong
    assert len(tx) == 12623
    ended = result.loc[result["ended"], "pattern"].value_counts()
    assert ended.to_dict() == {"中途夭折型": 130, "早期流产型": 94, "提前退出型": 30}
    assert (result["pattern"] == "长久保持型").sum() == 49 and (result["pattern"] == "").sum() == 197
    assert result["stage"].value_counts().to_dict() == {"退化期": 312, "稳定期": 95, "形成期": 56, "考察期": 37}
    assert (result["pattern"] == truth["生命周期模式"]).mean() == pytest.approx(0.962)
    assert (result["stage"] == truth["观察期末阶段"]).mean() == pytest.approx(0.984)
    worked = result.loc["XD0163"]
    assert (worked["pattern"], worked["stage"], worked["high_periods"], worked["periods_since_last"]) == (
        "中途夭折型", "退化期", 4, 16)
    assert worked["peak_level"] == pytest.approx(34536.67, abs=0.01)


def test_xudong_cohorts_decay_without_dropping_to_zero(xudong):
    """Quarterly cohorts lose customers over time, but long-standing customers keep every cohort above 0."""
    tx, _, _ = xudong
    retention = lifecycle.cohort_retention(tx, "客户编号", "订单日期", time_unit="Q")
    sizes = lifecycle.cohort_retention(tx, "客户编号", "订单日期", time_unit="Q", counts=True)[0]
    assert sizes.min() == 28 and sizes.max() == 54
    observed = retention.iloc[:, 1:].stack()
    assert observed.min() > 0.2 and observed.max() < 1
    year_on = retention[4].dropna().round(3)
    assert year_on.tolist() == [0.463, 0.4, 0.523, 0.58, 0.351, 0.426, 0.235, 0.239]
    assert retention.iloc[0, -1] == pytest.approx(18 / 54)
    # Each cohort keeps fewer customers as time goes on.
    assert (retention.diff(axis=1).iloc[:, 1:].stack().dropna() <= 0).all()


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
    # The figures lab07 asks for (data/complaints.md).
    hours = (log["首次响应时间"] - log["受理时间"]).dt.total_seconds() / 3600
    assert int((hours > 24).sum()) == 25 and hours.notna().all()
    assert round(by_handler.loc["刘洋", "response_on_time_rate"], 3) == 0.681
    assert round(by_category.loc["送货安装", "followup_rate"], 3) == 0.756
    overall = service.complaint_metrics(log).iloc[0]
    assert overall["meets_standards"]
    assert [round(overall[c], 3) for c in ("response_on_time_rate", "followup_rate", "followup_on_time_rate")] == [
        0.958, 0.946, 0.973]


def test_complaint_log_staff_work_8_to_21():
    """Staff respond, finish, call back and close between 8:00 and 21:00; only online messages come at night."""
    log = datasets.load_complaints()
    steps = [when for text in log["状态记录"] for _, when in service.parse_status_history(text)[1:]]
    assert all(8 <= when.hour < 21 for when in steps)
    for column in ("首次响应时间", "处理完成时间", "回访时间"):
        hours = log[column].dropna().dt.hour
        assert hours.between(8, 20).all(), column
    night = log[(log["受理时间"].dt.hour < 8) | (log["受理时间"].dt.hour >= 21)]
    assert len(night) == 51 and set(night["渠道"]) == {"微信公众号", "官网留言"}


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


def test_home_deco_names_fit_the_sex(monkeypatch):
    """A given name is drawn from the pool of the customer's sex (no 王磊 who is 女)."""
    monkeypatch.syspath_prepend(str(REPO))
    from datagen.home_deco import GIVEN
    truth = datasets.load_home_deco_answer_key().drop_duplicates("真实客户编号")
    for name, sex in zip(truth["姓名"], truth["性别"]):
        assert name[1:] in GIVEN[sex], (name, sex)
    assert not set(GIVEN["男"]) & set(GIVEN["女"])
    titles = pd.concat([datasets.load_home_deco(d)["客户" if d != "工程部" else "业主姓名"] for d in ("设计部", "工程部", "客服部")])
    assert titles.str.endswith(("先生", "女士")).sum() > 20


def test_home_deco_merge_figures():
    """The figures lab08 asks for (phone-or-address matching): 360 records, 121 keys, C071 split."""
    from crmlab import records as r
    tables = datasets.load_home_deco()
    columns = {"市场部": ("手机号", "小区地址"), "设计部": ("联系电话", "地址"),
               "工程部": ("电话", "工地地址"), "客服部": ("联系方式", None)}
    allr = pd.concat([pd.DataFrame({"部门": d, "记录号": tables[d]["记录号"],
                                    "手机_规范": r.normalize_phone(tables[d][p]),
                                    "地址_规范": r.normalize_address(tables[d][a]) if a else None})
                      for d, (p, a) in columns.items()], ignore_index=True)
    allr["客户键"] = r.match_customers(allr, ["手机_规范", "地址_规范"])
    assert len(allr) == 360 and allr["客户键"].nunique() == 121
    assert r.match_customers(allr, "手机_规范").nunique() == 127
    assert round(r.duplication_rate(allr["客户键"]), 4) == 0.6639
    key = datasets.load_home_deco_answer_key()
    joined = allr.merge(key[["部门", "记录号", "真实客户编号"]], on=["部门", "记录号"])
    per_customer = joined.groupby("真实客户编号")["客户键"].nunique()
    assert per_customer[per_customer > 1].index.tolist() == ["C071"]
    assert joined.groupby("客户键")["真实客户编号"].nunique().max() == 1


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


def _lab02_hidden_alternatives() -> list[dict]:
    source = (REPO / "authoring" / "lab02.txt").read_text(encoding="utf-8")
    return [ast.literal_eval(match) for match in re.findall(r"^_also = (\{.*?\})$", source, re.M)]


def test_lab02_hidden_tests_hold_the_generator_answer_key(monkeypatch):
    monkeypatch.syspath_prepend(str(REPO))
    from datagen.value_tables import complaint_alternatives, complaint_answers
    answers = complaint_answers()
    assert len(set(answers.values())) == 8
    keys = _lab02_hidden_answer_keys()
    assert len(keys) == 3 and all(key == answers for key in keys)
    # Complaints that honestly fit two parts: the checks accept both (5, 7, 13, 17).
    alternatives = complaint_alternatives()
    assert sorted(alternatives) == [5, 7, 13, 17]
    also = _lab02_hidden_alternatives()
    assert len(also) == 3 and all(item == alternatives for item in also)
    # The log is in the order complaints came in, not grouped by part.
    assert all(answers[n] != answers[n + 1] for n in range(1, 18))


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
