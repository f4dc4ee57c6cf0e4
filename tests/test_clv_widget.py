"""CLV explorer (lab03): builds without a browser and follows its sliders."""
import pytest

pytest.importorskip("ipywidgets", reason="ipywidgets is not installed")

from crmlab import CRMLabInputError  # noqa: E402
from crmlab.clv import model_one, model_three, model_two  # noqa: E402
from crmlab.widgets import clv_explorer  # noqa: E402


def test_explorer_starts_on_the_worked_example():
    box = clv_explorer(n=10, r=0.08, retention=0.8, In=1000, Cs=100, Co=500, Po=3000)
    assert set(box.sliders) == {"n", "r", "retention", "In", "Cs", "Co", "Po"}
    assert list(box.values.index) == ["模型一", "模型二", "模型三"]
    assert box.values["模型一"] == pytest.approx(11_500)
    assert round(box.values["模型三"], 2) == 8539.07
    html = box.children[1].children[0].value
    assert "11,500.00" in html and "8,539.07" in html
    assert box.children[1].children[1].value[:4] == b"\x89PNG"


def test_moving_sliders_updates_values_table_and_chart():
    box = clv_explorer()
    chart = box.children[1].children[1]
    before = chart.value
    box.sliders["r"].value = 0.1
    box.sliders["n"].value = 5
    box.sliders["retention"].value = 0.5
    box.sliders["Cs"].value = 300.0
    money = dict(Co=500, Po=3000, In=1000, Cs=300)
    assert box.values["模型一"] == pytest.approx(model_one(5, **money))
    assert box.values["模型二"] == pytest.approx(model_two(5, **money, retention=0.5))
    assert box.values["模型三"] == pytest.approx(model_three(5, **money, r=0.1))
    assert f"{model_three(5, **money, r=0.1):,.2f}" in box.children[1].children[0].value
    assert chart.value != before


def test_table_only_and_bad_start_values():
    box = clv_explorer(show_chart=False)
    assert len(box.children[1].children) == 1
    with pytest.raises(CRMLabInputError):
        clv_explorer(retention=1.5)
