"""Every public function and class: a Chinese-first docstring, and one bad input each.

The list of public callables is read from ``__all__`` of ``crmlab`` and of each
public module, so a new function cannot be added without a row in
``BAD_INPUTS`` (one bad call, and the argument its error must name) or in
``EXEMPT`` (with the reason it has nothing to get wrong).
"""
import importlib
import inspect
import warnings

import pandas as pd
import pytest

import crmlab
from crmlab import CRMLabInputError

MODULES = ("value", "clv", "satisfaction", "lifecycle", "segmentation", "service", "records",
           "report", "datasets", "plotting", "widgets", "answercheck")


def public_callables():
    """(qualified name, object) of every public function and class, in ``__all__`` order."""
    found = {}
    for module_name in ("crmlab", *(f"crmlab.{m}" for m in MODULES)):
        module = importlib.import_module(module_name)
        for name in module.__all__:
            obj = getattr(module, name)
            if inspect.ismodule(obj) or not callable(obj):
                continue
            found.setdefault(f"{module_name}.{name}", obj)
    return found


def is_cjk(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


PUBLIC = public_callables()


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_docstring_starts_in_chinese_then_english(name):
    doc = inspect.getdoc(PUBLIC[name]) or ""
    assert doc, f"{name} has no docstring"
    assert is_cjk(doc.lstrip()[0]), f"{name}: help() should start in Chinese, not {doc[:30]!r}"
    # The English follows: some Latin text after the first Chinese sentence.
    assert any("a" <= c.lower() <= "z" for c in doc), f"{name}: no English after the Chinese"


# ----------------------------------------------------------------------- bad inputs
# Small valid inputs that each bad call spoils in one place.

def _tx():
    return pd.DataFrame({"客户": ["a", "a", "b"], "日期": ["2024-01-05", "2024-03-02", "2024-02-10"],
                         "金额": [100.0, 50.0, 80.0]})


def _rfm():
    return pd.DataFrame({"recency": [1.0, 20.0, 5.0], "frequency": [5, 1, 3], "monetary": [300.0, 20.0, 90.0]})


def _log():
    return crmlab.datasets.load_complaints().head(20)


def _fit():
    from crmlab.satisfaction import ECSI
    return ECSI.model().fit(crmlab.datasets.load_mobi())


def _menu():
    return crmlab.service.IVRMenu()


_EXEMPT_ERROR = "an error type: constructed by crmlab itself with its own message"
_EXEMPT_LOADER = "dataset loader without parameters"
_EXEMPT_RESULT = "a result object made by the library (fit()/bootstrap()/validate()), not called by students"
_EXEMPT_STYLE = "plot-style helper without parameters"

EXEMPT = {
    "crmlab.CRMLabError": _EXEMPT_ERROR,
    "crmlab.CRMLabInputError": _EXEMPT_ERROR,
    "crmlab.NotFittedError": _EXEMPT_ERROR,
    "crmlab.ConvergenceError": _EXEMPT_ERROR,
    "crmlab.clv.BetaGeoModel": "no constructor arguments; fit() is in the table",
    "crmlab.clv.GammaGammaModel": "no constructor arguments; fit() is in the table",
    "crmlab.satisfaction.BootstrapResult": _EXEMPT_RESULT,
    "crmlab.satisfaction.Summary": _EXEMPT_RESULT,
    "crmlab.service.IVRProblem": _EXEMPT_RESULT,
    "crmlab.segmentation.rfm_class_rules": "no parameters (a fixed rule table)",
    "crmlab.report.outline_template": "no parameters (an empty outline)",
    "crmlab.datasets.list_datasets": "no parameters",
    **{f"crmlab.datasets.{name}": _EXEMPT_LOADER for name in (
        "load_intro_customers", "load_mobi", "load_xx_supermarket_survey", "load_xx_supermarket_stores",
        "load_xx_supermarket_touchpoints", "load_xx_supermarket_complaints", "load_cdnow_summary",
        "load_cdnow_summary_with_spend", "load_cdnow_transactions", "load_xudong_transactions",
        "load_metro_tenants", "load_complaints", "load_home_deco_answer_key", "load_milk_tea_offers",
        "load_appliance_complaints")},
    **{f"crmlab.plotting.{name}": _EXEMPT_STYLE for name in (
        "cjk_font_path", "register_cjk_font", "course_rc", "course_style", "setup")},
}

# name -> (argument the error must name, a call with one bad input)
BAD_INPUTS = {
    "crmlab.answercheck.round_half_up": ("value", lambda: crmlab.answercheck.round_half_up("2.5")),
    "crmlab.answercheck.fingerprint": ("digits", lambda: crmlab.answercheck.fingerprint(1.0, digits=-1)),
    "crmlab.answercheck.matches": ("expected", lambda: crmlab.answercheck.matches(1.0, 42)),
    "crmlab.answercheck.check": ("message", lambda: crmlab.answercheck.check(1.0, "0" * 16, "")),
    # value
    "crmlab.value.delivered_value": ("monetary_cost", lambda: crmlab.value.delivered_value(
        product_value=10, monetary_cost=-5)),
    "crmlab.value.delivered_value_table": ("df", lambda: crmlab.value.delivered_value_table(
        pd.DataFrame())),
    "crmlab.value.plot_delivered_value": ("df", lambda: crmlab.value.plot_delivered_value([1, 2])),
    # clv
    "crmlab.clv.model_one": ("n", lambda: crmlab.clv.model_one(-3, In=1000, Cs=100)),
    "crmlab.clv.model_two": ("retention", lambda: crmlab.clv.model_two(10, In=1000, Cs=100, retention=80)),
    "crmlab.clv.model_three": ("r", lambda: crmlab.clv.model_three(10, In=1000, Cs=100, r="8%")),
    "crmlab.clv.general_model": ("retention", lambda: crmlab.clv.general_model(10, In=1000, Cs=100,
                                                                               retention=1.5)),
    "crmlab.clv.infinite_horizon_clv": ("retention", lambda: crmlab.clv.infinite_horizon_clv(
        100, retention=-0.1, discount_rate=0.1)),
    "crmlab.clv.breakdown": ("n", lambda: crmlab.clv.breakdown(2.5, In=1000, Cs=100)),
    "crmlab.clv.summarize_transactions": ("transactions", lambda: crmlab.clv.summarize_transactions(
        _tx().iloc[:0], "客户", "日期", "金额")),
    "crmlab.clv.bgnbd_log_likelihood": ("params", lambda: crmlab.clv.bgnbd_log_likelihood(
        [1, 1, -1, 1], 1, 1, 2)),
    "crmlab.clv.customer_lifetime_value": ("purchase_model", lambda: crmlab.clv.customer_lifetime_value(
        "BG/NBD", crmlab.clv.GammaGammaModel(), 1, 1, 2, 10)),
    "crmlab.clv.plot_breakdown": ("table", lambda: crmlab.clv.plot_breakdown(pd.DataFrame())),
    "crmlab.clv.plot_models": ("values", lambda: crmlab.clv.plot_models({})),
    "crmlab.clv.plot_probability_alive_matrix": ("model", lambda: crmlab.clv.plot_probability_alive_matrix(
        "BG/NBD")),
    # satisfaction
    "crmlab.satisfaction.weighted_index": ("weights", lambda: crmlab.satisfaction.weighted_index(
        pd.DataFrame({"a": [5, 6], "b": [7, 8]}), weights=[0.5, -0.5])),
    "crmlab.satisfaction.overall_index": ("items", lambda: crmlab.satisfaction.overall_index(
        pd.DataFrame({"a": [5, 60]}))),
    "crmlab.satisfaction.importance_weights": ("importance", lambda: crmlab.satisfaction.importance_weights(
        [])),
    "crmlab.satisfaction.nps": ("scores", lambda: crmlab.satisfaction.nps([9, 11])),
    "crmlab.satisfaction.level_scores": ("responses", lambda: crmlab.satisfaction.level_scores(
        ["很满意", "超级满意"])),
    "crmlab.satisfaction.level_index": ("weights", lambda: crmlab.satisfaction.level_index(
        pd.DataFrame({"a": ["满意", "很满意"]}), weights=[0.5, 0.5])),
    "crmlab.satisfaction.ipa": ("importance", lambda: crmlab.satisfaction.ipa(
        {"价格": "高", "质量": 5}, {"价格": 6, "质量": 7})),
    "crmlab.satisfaction.derived_importance": ("items", lambda: crmlab.satisfaction.derived_importance(
        pd.DataFrame(), [1, 2])),
    "crmlab.satisfaction.paired_ratings": ("survey", lambda: crmlab.satisfaction.paired_ratings(
        pd.DataFrame({"x": [1]}))),
    "crmlab.satisfaction.ipa_cut_lines": ("cut", lambda: crmlab.satisfaction.ipa_cut_lines(
        {"价格": 8, "质量": 5}, {"价格": 6, "质量": 7}, cut="mode")),
    "crmlab.satisfaction.plot_ipa": ("importance", lambda: crmlab.satisfaction.plot_ipa(
        {"价格": "高"}, {"价格": 6})),
    "crmlab.satisfaction.PathModel": ("paths", lambda: crmlab.satisfaction.PathModel(
        {"A": ["a1"], "B": ["b1"]}, [("A", "C")])),
    "crmlab.satisfaction.bootstrap": ("n", lambda: crmlab.satisfaction.bootstrap(_fit(), n=0)),
    "crmlab.satisfaction.plot_path_model": ("fit", lambda: crmlab.satisfaction.plot_path_model(
        "ECSI")),
    "crmlab.satisfaction.ModelPreset": ("constructs", lambda: crmlab.satisfaction.ModelPreset(
        "x", "empty", {}, ()).model()),
    # lifecycle
    "crmlab.lifecycle.rule_parameters": ("time_unit", lambda: crmlab.lifecycle.rule_parameters("Y")),
    "crmlab.lifecycle.explain_rules": ("window", lambda: crmlab.lifecycle.explain_rules("M", window=-2)),
    "crmlab.lifecycle.period_series": ("金额", lambda: crmlab.lifecycle.period_series(
        _tx().assign(金额=[100.0, -50.0, 80.0]), "客户", "日期", "金额")),
    "crmlab.lifecycle.classify_customers": ("transactions", lambda: crmlab.lifecycle.classify_customers(
        _tx().iloc[:0], "客户", "日期", "金额")),
    "crmlab.lifecycle.cohort_retention": ("日期", lambda: crmlab.lifecycle.cohort_retention(
        _tx().assign(日期=["2024-01-05", "明天", "2024-02-10"]), "客户", "日期")),
    "crmlab.lifecycle.plot_lifecycle_curves": ("series", lambda: crmlab.lifecycle.plot_lifecycle_curves(
        [1, 2, 3])),
    "crmlab.lifecycle.plot_cohort_heatmap": ("retention", lambda: crmlab.lifecycle.plot_cohort_heatmap(
        pd.DataFrame())),
    # segmentation
    "crmlab.segmentation.abc_classify": ("values", lambda: crmlab.segmentation.abc_classify([10, -1, 5])),
    "crmlab.segmentation.abc_table": ("a, b", lambda: crmlab.segmentation.abc_table([10, 1, 5], a=80)),
    "crmlab.segmentation.abc_summary": ("values", lambda: crmlab.segmentation.abc_summary([])),
    "crmlab.segmentation.pyramid_tiers": ("tiers", lambda: crmlab.segmentation.pyramid_tiers(
        [10, 1, 5], tiers=(("大", 0.5), ("小", 0.2)))),
    "crmlab.segmentation.rfm_summary": ("金额", lambda: crmlab.segmentation.rfm_summary(
        _tx().assign(金额=["100", "x", "80"]), "客户", "日期", "金额")),
    "crmlab.segmentation.rfm_scores": ("bins", lambda: crmlab.segmentation.rfm_scores(_rfm(), bins=0)),
    "crmlab.segmentation.rfm_classes": ("threshold", lambda: crmlab.segmentation.rfm_classes(
        _rfm(), threshold="mode")),
    "crmlab.segmentation.rfm_table": ("summary", lambda: crmlab.segmentation.rfm_table(_rfm().iloc[:0])),
    "crmlab.segmentation.key_customer_table": ("customers", lambda: crmlab.segmentation.key_customer_table(
        pd.DataFrame({"客户": ["a"], "金额": [1.0]}), "年租金")),
    "crmlab.segmentation.follow_up_schedule": ("intervals", lambda: crmlab.segmentation.follow_up_schedule(
        pd.Series(["A", "B"], index=["x", "y"]), intervals={"A": -7, "B": 30}, start="2024-01-01",
        until="2024-03-01")),
    # service
    "crmlab.service.complaint_case_flags": ("response_hours", lambda: crmlab.service.complaint_case_flags(
        _log(), response_hours=-1)),
    "crmlab.service.complaint_metrics": ("response_target", lambda: crmlab.service.complaint_metrics(
        _log(), response_target=90)),
    "crmlab.service.ComplaintCase": ("received_at", lambda: crmlab.service.ComplaintCase(
        "C1", received_at="昨天")),
    "crmlab.service.parse_status_history": ("text", lambda: crmlab.service.parse_status_history(42)),
    "crmlab.service.IVRMenu": ("max_depth", lambda: crmlab.service.IVRMenu(max_depth=0)),
    # records
    "crmlab.records.normalize_phone": ("phones", lambda: crmlab.records.normalize_phone(12345)),
    "crmlab.records.normalize_name": ("names", lambda: crmlab.records.normalize_name(None)),
    "crmlab.records.normalize_text": ("values", lambda: crmlab.records.normalize_text(
        pd.DataFrame({"姓名": ["张三"]}))),
    "crmlab.records.normalize_address": ("addresses", lambda: crmlab.records.normalize_address(None)),
    "crmlab.records.match_customers": ("records", lambda: crmlab.records.match_customers(
        pd.DataFrame({"姓名": ["张三"]}), ["手机号"])),
    "crmlab.records.duplication_rate": ("keys", lambda: crmlab.records.duplication_rate([])),
    "crmlab.records.field_conflicts": ("records", lambda: crmlab.records.field_conflicts(
        pd.DataFrame({"k": [1, 1], "x": [1, 2]}), "k", ["y"])),
    "crmlab.records.merge_records": ("rules", lambda: crmlab.records.merge_records(
        pd.DataFrame({"k": [1, 1], "x": [1, 2]}), "k", rules={"x": "随便"})),
    # report
    "crmlab.report.Feedback": ("problems", lambda: crmlab.report.Feedback(problems=42)),
    "crmlab.report.count_chars": ("text", lambda: crmlab.report.count_chars(123)),
    "crmlab.report.check_outline": ("outline", lambda: crmlab.report.check_outline("我的提纲")),
    "crmlab.report.check_team": ("min_size", lambda: crmlab.report.check_team(
        pd.DataFrame({"姓名": ["甲"], "角色": ["项目负责人"]}), min_size=-1)),
    "crmlab.report.outline_markdown": ("outline", lambda: crmlab.report.outline_markdown(["标题"])),
    "crmlab.report.export_docx": ("outline", lambda: crmlab.report.export_docx(None, "/tmp/x.docx")),
    "crmlab.report.docx_text": ("path", lambda: crmlab.report.docx_text("/nonexistent/报告.docx")),
    # datasets
    "crmlab.datasets.data_path": ("filename", lambda: crmlab.datasets.data_path("答案.csv")),
    "crmlab.datasets.load_xudong_customers": ("sheet", lambda: crmlab.datasets.load_xudong_customers("答案")),
    "crmlab.datasets.load_home_deco": ("department", lambda: crmlab.datasets.load_home_deco("财务部")),
    # plotting
    "crmlab.plotting.pin_cjk_font": ("fig", lambda: crmlab.plotting.pin_cjk_font("图")),
    "crmlab.plotting.savefig": ("fig", lambda: crmlab.plotting.savefig(None, "/tmp/x.png")),
    # widgets
    "crmlab.widgets.clv_explorer": ("retention", lambda: crmlab.widgets.clv_explorer(retention=2)),
    "crmlab.widgets.ipa_explorer": ("importance", lambda: crmlab.widgets.ipa_explorer([], [])),
}


def test_every_public_callable_is_in_exactly_one_table():
    listed = set(BAD_INPUTS) | set(EXEMPT)
    missing = sorted(set(PUBLIC) - listed)
    stale = sorted(listed - set(PUBLIC))
    assert not missing, f"public callables with no bad-input row and no exemption: {missing}"
    assert not stale, f"rows for names that are not public (any more): {stale}"
    assert not set(BAD_INPUTS) & set(EXEMPT)
    assert all(reason.strip() for reason in EXEMPT.values())


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_raises_a_bilingual_error_naming_the_argument(name):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    argument, call = BAD_INPUTS[name]
    with warnings.catch_warnings():
        warnings.simplefilter("error")      # a warning on stderr costs a student's test cell
        with pytest.raises(CRMLabInputError) as info:
            call()
    plt.close("all")
    error = info.value
    text = str(error)
    assert error.argument == argument, f"{name}: error names {error.argument!r}, expected {argument!r}"
    assert text.startswith(f"参数 {argument}："), text
    assert text.index(f"参数 {argument}") < text.index(f"Argument '{argument}'")


def _plot_calls():
    from crmlab import clv, lifecycle, satisfaction, value
    summary = crmlab.datasets.load_cdnow_summary()
    bg = clv.BetaGeoModel().fit(summary["frequency"], summary["recency"], summary["T"])
    tx = crmlab.datasets.load_xudong_transactions().head(300)
    imp = {"价格": 8.0, "质量": 9.0, "环境": 3.0, "停车": 2.0}
    sat = {"价格": 4.0, "质量": 8.0, "环境": 7.0, "停车": 3.0}
    return {
        "crmlab.value.plot_delivered_value": lambda: value.plot_delivered_value(
            crmlab.datasets.load_milk_tea_offers(), offer_col="店铺"),
        "crmlab.clv.plot_breakdown": lambda: clv.plot_breakdown(clv.breakdown(10, In=1000, Cs=100, r=0.08)),
        "crmlab.clv.plot_models": lambda: clv.plot_models({"模型一": 11500, "模型三": 8539.07}),
        "crmlab.clv.plot_probability_alive_matrix": lambda: clv.plot_probability_alive_matrix(bg, T=38.86),
        "crmlab.lifecycle.plot_lifecycle_curves": lambda: lifecycle.plot_lifecycle_curves(
            lifecycle.period_series(tx, "客户编号", "订单日期", "订单金额"), customers=["XD0002", "XD0012"]),
        "crmlab.lifecycle.plot_cohort_heatmap": lambda: lifecycle.plot_cohort_heatmap(
            lifecycle.cohort_retention(tx, "客户编号", "订单日期", time_unit="Q")),
        "crmlab.satisfaction.plot_ipa": lambda: satisfaction.plot_ipa(imp, sat),
        "crmlab.satisfaction.plot_path_model": lambda: satisfaction.plot_path_model(_fit()),
    }


def test_every_plot_returns_the_matplotlib_axes():
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.axes import Axes

    calls = _plot_calls()
    assert set(calls) == {name for name in PUBLIC if name.rsplit(".", 1)[1].startswith("plot_")}
    for name, call in calls.items():
        result = call()
        assert isinstance(result, Axes), f"{name} returned {type(result).__name__}, not Axes"
        plt.close("all")
    assert isinstance(_fit().plot(), Axes)
    plt.close("all")


# ----------------------------------------------------------------------- one API style
# README "API 约定": one time-unit keyword, fit() returns the model, summary() a method,
# no side results in DataFrame.attrs, charts outside the maths modules.

def _parameters(obj):
    """(name, parameters) of a public function, or of a class's constructor and public methods."""
    if inspect.isclass(obj):
        members = [("__init__", obj.__init__)] + [
            (name, member) for name, member in inspect.getmembers(obj, inspect.isfunction)
            if not name.startswith("_")]
        for name, member in members:
            try:
                yield name, inspect.signature(member).parameters
            except (TypeError, ValueError):
                continue
    else:
        yield obj.__name__, inspect.signature(obj).parameters


def test_time_unit_is_the_only_unit_keyword():
    with_unit = set()
    for name, obj in PUBLIC.items():
        if inspect.isclass(obj) and issubclass(obj, BaseException):
            continue
        for member, parameters in _parameters(obj):
            old = {"freq", "period", "periods", "unit", "frequency_unit"} & set(parameters)
            assert not old, f"{name} ({member}) takes {sorted(old)}: the time unit is time_unit="
            if "time_unit" in parameters:
                assert parameters["time_unit"].default == "M", f"{name}: time_unit defaults to 'M' (month)"
                with_unit.add(name)
    assert {"crmlab.clv.summarize_transactions", "crmlab.clv.customer_lifetime_value",
            "crmlab.lifecycle.rule_parameters", "crmlab.lifecycle.explain_rules",
            "crmlab.lifecycle.period_series", "crmlab.lifecycle.classify_customers",
            "crmlab.lifecycle.cohort_retention"} <= with_unit


@pytest.mark.parametrize("name, call", [
    ("crmlab.clv.summarize_transactions", lambda: crmlab.clv.summarize_transactions(
        _tx(), "客户", "日期", "金额", time_unit="Y")),
    ("crmlab.clv.customer_lifetime_value", lambda: crmlab.clv.customer_lifetime_value(
        *_clv_models(), 2, 30.43, 38.86, 22.35, time_unit="week")),
    ("crmlab.lifecycle.period_series", lambda: crmlab.lifecycle.period_series(
        _tx(), "客户", "日期", "金额", time_unit="D")),
    ("crmlab.lifecycle.cohort_retention", lambda: crmlab.lifecycle.cohort_retention(
        _tx(), "客户", "日期", time_unit=3)),
    ("crmlab.lifecycle.explain_rules", lambda: crmlab.lifecycle.explain_rules(time_unit="W")),
])
def test_a_bad_time_unit_is_named_in_both_languages(name, call):
    with pytest.raises(CRMLabInputError) as info:
        call()
    assert info.value.argument == "time_unit", name
    assert "时间单位" in info.value.zh and "time unit" in info.value.en and '"M"（月）' in info.value.zh


def _clv_models():
    summary = crmlab.datasets.load_cdnow_summary_with_spend()
    bg = crmlab.clv.BetaGeoModel().fit(summary["frequency"], summary["recency"], summary["T"])
    buyers = summary[summary["frequency"] > 0]
    return bg, crmlab.clv.GammaGammaModel().fit(buyers["frequency"], buyers["monetary"])


def test_models_fit_to_themselves_and_summary_is_a_method():
    from crmlab import NotFittedError

    summary = crmlab.datasets.load_cdnow_summary_with_spend()
    buyers = summary[summary["frequency"] > 0]
    models = [
        (crmlab.clv.BetaGeoModel(), (summary["frequency"], summary["recency"], summary["T"])),
        (crmlab.clv.GammaGammaModel(), (buyers["frequency"], buyers["monetary"])),
        (crmlab.satisfaction.ECSI.model(), (crmlab.datasets.load_mobi(),)),
    ]
    for model, data in models:
        assert not model.is_fitted
        with pytest.raises(NotFittedError):
            model.summary()
        assert model.fit(*data) is model and model.is_fitted
        assert callable(model.summary) and model.summary() is not None
    assert not hasattr(crmlab.satisfaction, "FittedPathModel")


def _results_of_changed_functions():
    """Every public function whose result once carried side results in ``.attrs``, and its neighbours."""
    from crmlab import clv, lifecycle, satisfaction as cs

    items = pd.DataFrame({"质量": [10, 1, 7], "价格": [10, 1, 4]})
    levels = pd.DataFrame({"质量": ["很满意", "满意"], "价格": ["不满意", "基本满意"]})
    imp, sat = {"价格": 8.0, "质量": 9.0, "环境": 3.0}, {"价格": 4.0, "质量": 8.0, "环境": 7.0}
    tx = crmlab.datasets.load_xudong_transactions().head(300)
    fit = _fit()
    bg, gg = _clv_models()
    summary = crmlab.datasets.load_cdnow_summary_with_spend()
    return {
        "weighted_index": cs.weighted_index(items),
        "level_index": cs.level_index(levels),
        "level_scores": cs.level_scores(levels),
        "importance_weights": cs.importance_weights(items),
        "ipa": cs.ipa(imp, sat),
        "ipa_cut_lines": cs.ipa_cut_lines(imp, sat),
        "nps": cs.nps([9, 10, 3]),
        "index_scores": fit.index_scores(),
        "index_scores per respondent": fit.index_scores(per_respondent=True),
        "index_weights": fit.index_weights(),
        "path_coefficients": fit.path_coefficients,
        "reliability": fit.reliability(),
        **{f"summary {k}": v for k, v in fit.summary().items()},
        **{f"bootstrap {k}": v for k, v in fit.bootstrap(n=10, seed=1).summary().items()},
        "summarize_transactions": clv.summarize_transactions(_tx(), "客户", "日期", "金额"),
        "BG/NBD summary": bg.summary(),
        "Gamma-Gamma summary": gg.summary(),
        "customer_lifetime_value": clv.customer_lifetime_value(
            bg, gg, summary["frequency"], summary["recency"], summary["T"], summary["monetary"],
            time_unit="W"),
        "period_series": lifecycle.period_series(tx, "客户编号", "订单日期", "订单金额"),
        "classify_customers": lifecycle.classify_customers(tx, "客户编号", "订单日期", "订单金额"),
        "cohort_retention": lifecycle.cohort_retention(tx, "客户编号", "订单日期", time_unit="Q"),
    }


def test_no_result_carries_side_results_in_attrs():
    for name, result in _results_of_changed_functions().items():
        if isinstance(result, (pd.DataFrame, pd.Series)):
            assert not result.attrs, f"{name} puts {sorted(result.attrs)} in .attrs"


def test_maths_modules_import_no_matplotlib():
    import subprocess
    import sys

    code = ("import sys, crmlab.lifecycle, crmlab.value, crmlab.clv, crmlab.satisfaction, crmlab.segmentation; "
            "print('matplotlib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
    # the charts are re-exported from the plotting package
    from crmlab import lifecycle, value
    from crmlab.plotting import lifecycle as lifecycle_charts, value as value_charts

    assert lifecycle.plot_lifecycle_curves is lifecycle_charts.plot_lifecycle_curves
    assert lifecycle.plot_cohort_heatmap is lifecycle_charts.plot_cohort_heatmap
    assert value.plot_delivered_value is value_charts.plot_delivered_value
