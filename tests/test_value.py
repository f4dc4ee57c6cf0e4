"""Customer delivered value: one offer, a table of offers, the chart, bad input."""
import numpy as np
import pandas as pd
import pytest

from crmlab import CRMLabInputError
from crmlab.value import delivered_value, delivered_value_table, plot_delivered_value

OFFER_A = dict(product_value=800, service_value=150, personnel_value=50, image_value=100,
               monetary_cost=600, time_cost=50, energy_cost=30, psychic_cost=20)


def chinese_offers():
    return pd.DataFrame({"产品价值": [800, 700], "服务价值": [150, 200], "人员价值": [50, 80],
                         "形象价值": [100, 60], "货币成本": [600, 500], "时间成本": [50, 80],
                         "体力成本": [30, 40], "精神成本": [20, 30]}, index=["甲商场", "乙网店"])


def test_one_offer_by_hand():
    result = delivered_value(**OFFER_A)
    # value 800 + 150 + 50 + 100 = 1100; cost 600 + 50 + 30 + 20 = 700.
    assert result["total_value"] == 1100
    assert result["total_cost"] == 700
    assert result["delivered_value"] == 400
    assert result["value_ratio"] == pytest.approx(1100 / 700)


def test_chinese_keywords_and_missing_parts_count_as_zero():
    result = delivered_value(产品价值=800, 体力成本=30, 货币成本=600)
    assert result["total_value"] == 800
    assert result["total_cost"] == 630
    assert result["delivered_value"] == 170


def test_table_chinese_headers_give_chinese_results():
    table = delivered_value_table(chinese_offers())
    assert list(table.columns[-4:]) == ["顾客总价值", "顾客总成本", "客户让渡价值", "价值成本比"]
    np.testing.assert_allclose(table["顾客总价值"], [1100, 1040])
    np.testing.assert_allclose(table["顾客总成本"], [700, 650])
    np.testing.assert_allclose(table["客户让渡价值"], [400, 390])
    np.testing.assert_allclose(table["价值成本比"], [1100 / 700, 1040 / 650])
    assert list(table.index) == ["甲商场", "乙网店"]
    # Offer A wins on delivered value, B on the ratio: the two criteria can disagree.
    assert table["客户让渡价值"].idxmax() == "甲商场"
    assert table["价值成本比"].idxmax() == "乙网店"


def test_table_english_headers_and_agreement_with_single_offer():
    df = pd.DataFrame([OFFER_A], index=["A"])
    table = delivered_value_table(df)
    assert table.loc["A", "delivered_value"] == delivered_value(**OFFER_A)["delivered_value"]
    assert "总价值" not in "".join(table.columns)
    assert list(delivered_value_table(df, language="zh").columns[-1:]) == ["价值成本比"]


def expect_error(argument, call, *args, **kwargs):
    with pytest.raises(CRMLabInputError) as info:
        call(*args, **kwargs)
    assert info.value.argument == argument
    assert str(info.value).startswith(f"参数 {argument}：")
    assert f"Argument '{argument}'" in str(info.value)
    return info.value


def test_bad_input_one_offer():
    expect_error("product_value", delivered_value, product_value=-1, monetary_cost=5)
    expect_error("服务价值", delivered_value, 服务价值=float("nan"), monetary_cost=5)
    expect_error("quality", delivered_value, quality=5, monetary_cost=5)
    expect_error("体力成本", delivered_value, energy_cost=1, 体力成本=2)
    error = expect_error("monetary_cost, time_cost, energy_cost, psychic_cost", delivered_value,
                         product_value=100)
    assert "0" in error.zh


def test_bad_input_table():
    df = chinese_offers()
    error = expect_error("df", delivered_value_table, df.drop(columns="精神成本"))
    assert "精神成本" in error.zh
    bad = df.copy()
    bad.loc["乙网店", "货币成本"] = -5
    expect_error("货币成本", delivered_value_table, bad)
    bad = df.astype(float)
    bad.loc["甲商场", "产品价值"] = np.nan
    expect_error("产品价值", delivered_value_table, bad)
    both = df.assign(精力成本=1)
    expect_error("df", delivered_value_table, both)
    zero = df.copy()
    zero[["货币成本", "时间成本", "体力成本", "精神成本"]] = 0
    expect_error("df", delivered_value_table, zero)
    expect_error("df", delivered_value_table, [1, 2])
    expect_error("language", delivered_value_table, df, language="fr")


def test_plot_stacks_parts_and_labels_delivered_value():
    import matplotlib.pyplot as plt

    ax = plot_delivered_value(chinese_offers())
    heights = sorted(round(p.get_height()) for p in ax.patches)
    assert len(ax.patches) == 16  # 2 offers x 8 parts
    assert heights[-1] == 800
    texts = [t.get_text() for t in ax.texts]
    assert any("400.00" in t for t in texts) and any("390.00" in t for t in texts)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["甲商场", "乙网店"]
    # The first value segment of offer 2 sits at x = 1 - width/2 with height 700.
    values = [p for p in ax.patches if abs(p.get_x() + p.get_width() / 2 - (1 - 0.19)) < 1e-9]
    assert round(values[0].get_height()) == 700
    plt.close(ax.figure)
