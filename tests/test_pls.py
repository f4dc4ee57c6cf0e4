"""PLS path modeling engine (crmlab.satisfaction.pls): published figures, seminr parity, hand checks."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crmlab import CRMLabInputError
from crmlab.datasets import load_mobi
from crmlab.satisfaction import ACSI, CCSI, ECSI, PathModel

FOUR = {
    "Image": ["IMAG1", "IMAG2", "IMAG3", "IMAG4", "IMAG5"],
    "Expectation": ["CUEX1", "CUEX2", "CUEX3"],
    "Value": ["PERV1", "PERV2"],
    "Satisfaction": ["CUSA1", "CUSA2", "CUSA3"],
}
FOUR_PATHS = [("Image", "Satisfaction"), ("Expectation", "Satisfaction"), ("Value", "Satisfaction")]


@pytest.fixture(scope="module")
def mobi():
    return load_mobi()


@pytest.fixture(scope="module")
def ecsi_fit(mobi):
    return ECSI.model().fit(mobi)


# ---------------------------------------------------------------- published seminr fixture numbers

def test_seminr_published_fixture_four_constructs(mobi):
    """SOURCES.md: seminr's published test fixture (mobi, 4 constructs, path scheme)."""
    fit = PathModel(FOUR, FOUR_PATHS).fit(mobi)
    paths = fit.path_coefficients["Satisfaction"]
    assert paths["Image"] == pytest.approx(0.447003896753383, abs=1e-6)
    assert paths["Expectation"] == pytest.approx(0.171830104491586, abs=1e-6)
    assert paths["Value"] == pytest.approx(0.316425319256027, abs=1e-6)
    assert fit.r_squared["Satisfaction"] == pytest.approx(0.590603320426892, abs=1e-6)
    expected_weights = {"IMAG1": 0.331565, "IMAG2": 0.253381, "IMAG3": 0.199574, "IMAG4": 0.330983,
                        "IMAG5": 0.310491, "CUSA1": 0.387273, "CUSA2": 0.373940, "CUSA3": 0.439128}
    for item, w in expected_weights.items():
        assert fit.outer_weights[item] == pytest.approx(w, abs=1e-6), item
    assert fit.converged


# ---------------------------------------------------------------- agreement with the seminr package

def _seminr_fit(data, preset_constructs, paths, scheme, modes=None):
    seminr = pytest.importorskip("seminr", reason="seminr (the 'bench' extra) is needed for the parity checks")
    mm = [seminr.composite(c, list(items), weights=seminr.mode_B if (modes or {}).get(c) == "B"
                           else seminr.mode_A) for c, items in preset_constructs.items()]
    sm = seminr.relationships(*[seminr.paths(a, b) for a, b in paths])
    inner = {"path": seminr.path_weighting, "factorial": seminr.path_factorial}[scheme]
    return seminr.estimate_pls(data, mm, sm, inner_weights=inner)


def _named(matrix):
    return pd.DataFrame(matrix.values, index=list(matrix.rows), columns=list(matrix.cols))


@pytest.mark.parametrize("scheme", ["path", "factorial"])
def test_ecsi_matches_seminr(mobi, scheme):
    ref = _seminr_fit(mobi, ECSI.constructs, ECSI.paths, scheme)
    fit = ECSI.model(scheme=scheme).fit(mobi)
    ref_paths = _named(ref.path_coef).loc[fit.path_coefficients.index, fit.path_coefficients.columns]
    assert len(ECSI.paths) == 12 and len(ECSI.constructs) == 7
    np.testing.assert_allclose(fit.path_coefficients.to_numpy(), ref_paths.to_numpy(), rtol=0, atol=1e-6)
    ref_r2 = _named(ref.r_squared)
    np.testing.assert_allclose(fit.r_squared.to_numpy(), ref_r2.loc["Rsq", fit.r_squared.index], atol=1e-6)
    np.testing.assert_allclose(fit.adjusted_r_squared.to_numpy(), ref_r2.loc["AdjRsq", fit.r_squared.index],
                               atol=1e-6)
    ref_w = _named(ref.outer_weights).sum(axis=1)      # one nonzero cell per item
    ref_l = _named(ref.outer_loadings).sum(axis=1)
    np.testing.assert_allclose(fit.outer_weights.to_numpy(), ref_w[fit.outer_weights.index], atol=1e-6)
    np.testing.assert_allclose(fit.outer_loadings.to_numpy(), ref_l[fit.outer_loadings.index], atol=1e-6)
    ref_scores = _named(ref.construct_scores)[fit.scores.columns].to_numpy()
    np.testing.assert_allclose(fit.scores.to_numpy(), ref_scores, atol=1e-6)


def test_mode_b_matches_seminr(mobi):
    modes = {"Image": "B", "Quality": "B"}
    ref = _seminr_fit(mobi, ECSI.constructs, ECSI.paths, "path", modes=modes)
    fit = ECSI.model(modes=modes).fit(mobi)
    ref_w = _named(ref.outer_weights).sum(axis=1)
    np.testing.assert_allclose(fit.outer_weights.to_numpy(), ref_w[fit.outer_weights.index], atol=1e-6)
    ref_paths = _named(ref.path_coef).loc[fit.path_coefficients.index, fit.path_coefficients.columns]
    np.testing.assert_allclose(fit.path_coefficients.to_numpy(), ref_paths.to_numpy(), atol=1e-6)


def test_reliability_matches_seminr(mobi, ecsi_fit):
    seminr = pytest.importorskip("seminr", reason="seminr (the 'bench' extra) is needed for the parity checks")
    ref = _named(seminr.reliability_table(_seminr_fit(mobi, ECSI.constructs, ECSI.paths, "path")))
    ours = ecsi_fit.reliability()
    np.testing.assert_allclose(ours["alpha"], ref.loc[ours.index, "alpha"], atol=1e-9)
    np.testing.assert_allclose(ours["rho_c"], ref.loc[ours.index, "rhoC"], atol=1e-9)
    np.testing.assert_allclose(ours["AVE"], ref.loc[ours.index, "AVE"], atol=1e-9)


def test_bootstrap_matches_seminr_with_same_seed(mobi, ecsi_fit):
    seminr = pytest.importorskip("seminr", reason="seminr (the 'bench' extra) is needed for the parity checks")
    ref = seminr.bootstrap_model(_seminr_fit(mobi, ECSI.constructs, ECSI.paths, "path"), 30, seed=11)
    boot = ecsi_fit.bootstrap(n=30, seed=11)
    desc = _named(ref.paths_descriptives)
    for (a, b), row in boot.paths.iterrows():
        assert row["boot_mean"] == pytest.approx(desc.loc[a, f"{b} Boot Mean"], abs=1e-9)
        assert row["boot_sd"] == pytest.approx(desc.loc[a, f"{b} Boot SD"], abs=1e-9)
    wdesc = _named(ref.weights_descriptives)
    for item, row in boot.weights.iterrows():
        construct = ecsi_fit.measurement().loc[item, "construct"]
        assert row["boot_sd"] == pytest.approx(wdesc.loc[item, f"{construct} Boot SD"], abs=1e-9)


# ---------------------------------------------------------------- independent checks without seminr

def _naive_pls(data: pd.DataFrame, constructs, paths, scheme):
    """Textbook PLS on the raw standardized data matrix, written out step by step (centroid etc.)."""
    items = [i for c in constructs for i in constructs[c]]
    z = ((data[items] - data[items].mean()) / data[items].std()).to_numpy()
    names = list(constructs)
    adj = np.zeros((len(names), len(names)))
    for a, b in paths:
        adj[names.index(a), names.index(b)] = adj[names.index(b), names.index(a)] = 1
    w = {c: np.ones(len(constructs[c])) for c in names}
    cols = {c: [items.index(i) for i in constructs[c]] for c in names}
    for _ in range(300):
        y = np.column_stack([z[:, cols[c]] @ w[c] for c in names])
        y = (y - y.mean(0)) / y.std(0, ddof=1)
        r = np.corrcoef(y, rowvar=False)
        e = np.sign(r) * adj if scheme == "centroid" else r * adj
        inner = y @ e
        inner = (inner - inner.mean(0)) / inner.std(0, ddof=1)
        new = {}
        for j, c in enumerate(names):
            v = np.array([np.cov(z[:, k], inner[:, j])[0, 1] for k in cols[c]])
            new[c] = v / np.std(z[:, cols[c]] @ v, ddof=1)
        change = sum(np.abs(new[c] - w[c]).sum() for c in names)
        w = new
        if change < 1e-10:
            break
    return pd.Series(np.concatenate([w[c] for c in names]), index=items)


@pytest.mark.parametrize("scheme", ["centroid", "factorial"])
def test_weights_match_a_naive_data_matrix_implementation(mobi, scheme):
    fit = PathModel(FOUR, FOUR_PATHS, scheme=scheme).fit(mobi)
    naive = _naive_pls(mobi, FOUR, FOUR_PATHS, scheme)
    np.testing.assert_allclose(fit.outer_weights[naive.index], naive, atol=1e-6)


def test_scores_and_paths_are_consistent(mobi, ecsi_fit):
    scores = ecsi_fit.scores
    np.testing.assert_allclose(scores.mean(), 0, atol=1e-10)
    np.testing.assert_allclose(scores.std(ddof=1), 1, atol=1e-10)
    # path coefficients = OLS of the scores; R² = 1 − residual variance
    y = scores["Satisfaction"].to_numpy()
    x = scores[["Image", "Expectation", "Quality", "Value"]].to_numpy()
    beta, *_ = np.linalg.lstsq(x, y, rcond=None)
    np.testing.assert_allclose(ecsi_fit.path_coefficients.loc[["Image", "Expectation", "Quality", "Value"],
                                                              "Satisfaction"], beta, atol=1e-10)
    resid = y - x @ beta
    assert ecsi_fit.r_squared["Satisfaction"] == pytest.approx(1 - resid.var() / y.var(), abs=1e-10)
    n, p = 250, 4
    assert ecsi_fit.adjusted_r_squared["Satisfaction"] == pytest.approx(
        1 - (1 - ecsi_fit.r_squared["Satisfaction"]) * (n - 1) / (n - p - 1), abs=1e-12)
    # loadings are item–score correlations
    assert ecsi_fit.outer_loadings["CUSA2"] == pytest.approx(np.corrcoef(mobi["CUSA2"], y)[0, 1], abs=1e-10)


def test_effects_by_hand(ecsi_fit):
    b = ecsi_fit.path_coefficients
    # Image reaches Satisfaction directly and through Expectation, Quality and Value
    via = (b.loc["Image", "Expectation"] * (
        b.loc["Expectation", "Satisfaction"]
        + b.loc["Expectation", "Quality"] * b.loc["Quality", "Satisfaction"]
        + b.loc["Expectation", "Value"] * b.loc["Value", "Satisfaction"]
        + b.loc["Expectation", "Quality"] * b.loc["Quality", "Value"] * b.loc["Value", "Satisfaction"]))
    assert ecsi_fit.indirect_effects.loc["Image", "Satisfaction"] == pytest.approx(via, abs=1e-12)
    assert ecsi_fit.total_effects.loc["Image", "Satisfaction"] == pytest.approx(
        b.loc["Image", "Satisfaction"] + via, abs=1e-12)
    # Satisfaction → Loyalty: direct plus via Complaints
    assert ecsi_fit.total_effects.loc["Satisfaction", "Loyalty"] == pytest.approx(
        b.loc["Satisfaction", "Loyalty"] + b.loc["Satisfaction", "Complaints"] * b.loc["Complaints", "Loyalty"])
    assert ecsi_fit.total_effects.loc["Loyalty", "Image"] == 0
    table = ecsi_fit.effects()
    row = table[(table["from"] == "Image") & (table["to"] == "Satisfaction")].iloc[0]
    assert row["total"] == pytest.approx(row["direct"] + row["indirect"])


def test_reliability_by_hand(mobi, ecsi_fit):
    rel = ecsi_fit.reliability()
    items = ["CUSA1", "CUSA2", "CUSA3"]
    z = (mobi[items] - mobi[items].mean()) / mobi[items].std()
    k = 3
    alpha = k / (k - 1) * (1 - z.var().sum() / z.sum(axis=1).var())    # α of standardized items
    lam = ecsi_fit.outer_loadings[items].to_numpy()
    assert rel.loc["Satisfaction", "alpha"] == pytest.approx(alpha, abs=1e-10)
    assert rel.loc["Satisfaction", "rho_c"] == pytest.approx(lam.sum() ** 2 / (lam.sum() ** 2 + (1 - lam ** 2).sum()))
    assert rel.loc["Satisfaction", "AVE"] == pytest.approx((lam ** 2).mean())
    assert tuple(rel.loc["Complaints", ["alpha", "rho_c", "AVE"]]) == (1.0, 1.0, 1.0)


def test_index_scores_the_acsi_way(mobi, ecsi_fit):
    idx = ecsi_fit.index_scores()
    # single item: the index is the rescaled item mean
    assert idx["Complaints"] == pytest.approx((mobi["CUSCO"].mean() - 1) / 9 * 100, abs=1e-10)
    # weights: standardized weight / item SD, normalized to sum 1
    raw = ecsi_fit.outer_weights[["CUSA1", "CUSA2", "CUSA3"]] / mobi[["CUSA1", "CUSA2", "CUSA3"]].std()
    star = raw / raw.sum()
    expected = ((mobi[["CUSA1", "CUSA2", "CUSA3"]].mean() * star).sum() - 1) / 9 * 100
    assert idx["Satisfaction"] == pytest.approx(expected, abs=1e-10)
    per = ecsi_fit.index_scores(per_respondent=True)
    assert per.shape == (250, 7)
    np.testing.assert_allclose(per.mean(), idx, atol=1e-10)
    assert ((per >= 0) & (per <= 100)).all().all()
    # on a 0–10 reading of the same scale the index is lower
    assert ecsi_fit.index_scores(scale=(0, 10))["Satisfaction"] > idx["Satisfaction"] - 20


def test_index_scores_reject_items_outside_scale(ecsi_fit):
    with pytest.raises(CRMLabInputError, match="量表") as err:
        ecsi_fit.index_scores(scale=(1, 5))
    assert err.value.argument == "scale"


def test_results_invariant_to_item_units(mobi, ecsi_fit):
    shifted = mobi * 10 + 3      # same answers on another scale
    other = ECSI.model().fit(shifted)
    np.testing.assert_allclose(other.path_coefficients, ecsi_fit.path_coefficients, atol=1e-10)
    np.testing.assert_allclose(other.outer_weights, ecsi_fit.outer_weights, atol=1e-10)


def test_presets(mobi):
    assert set(CCSI.constructs) == {"品牌形象", "预期质量", "感知质量", "感知价值", "满意度", "忠诚"}
    assert ("满意度", "忠诚") in CCSI.paths
    assert ECSI.labels["Satisfaction"] == "顾客满意度"
    assert set(ECSI.paths) - set(ACSI.paths) == {("Image", "Expectation"), ("Image", "Satisfaction"),
                                                  ("Image", "Loyalty")}
    ccsi = CCSI.model().fit(mobi)
    ecsi = ECSI.model().fit(mobi)
    # CCSI on mobi's blocks: satisfaction has the same four causes as in ECSI, so a similar R²
    assert ccsi.r_squared["满意度"] == pytest.approx(ecsi.r_squared["Satisfaction"], abs=0.01)
    acsi = ACSI.model().fit(mobi)
    assert list(acsi.r_squared.index) == ["Quality", "Value", "Satisfaction", "Complaints", "Loyalty"]
    renamed = ECSI.with_items({c: list(i) for c, i in ECSI.constructs.items()})
    assert renamed.paths == ECSI.paths
    with pytest.raises(CRMLabInputError):
        ECSI.with_items({"Image": ["IMAG1"]})
    table = ECSI.path_table()
    assert len(table) == 12 and table.iloc[0]["从"] == "企业形象"


def test_summary_tables(ecsi_fit):
    s = ecsi_fit.summary()
    assert set(s) == {"paths", "r_squared", "measurement", "reliability", "effects", "estimation"}
    assert len(s["paths"]) == 12
    assert list(s["r_squared"].columns) == ["R²", "adjusted R²"]
    assert "paths" in repr(s) and "<h4>" in s._repr_html_()
    assert not s["measurement"].isna().any().any()


# ---------------------------------------------------------------- bootstrap

def test_bootstrap_reproducible_and_sane(ecsi_fit):
    a = ecsi_fit.bootstrap(n=40, seed=3)
    b = ecsi_fit.bootstrap(n=40, seed=3)
    c = ecsi_fit.bootstrap(n=40, seed=4)
    pd.testing.assert_frame_equal(a.paths, b.paths)
    assert not np.allclose(a.paths["boot_sd"], c.paths["boot_sd"])
    assert a.n_resamples == 40 and a.n_failed == 0 and a.seed == 3
    p = a.paths
    np.testing.assert_allclose(p["t_value"], p["estimate"] / p["boot_sd"])
    assert (p["ci_lower"] <= p["ci_upper"]).all()
    assert p.loc[("Satisfaction", "Loyalty"), "ci_lower"] > 0      # a strong path is significant
    assert p.loc[("Satisfaction", "Loyalty"), "t_value"] > 1.96
    draws = a.replicates["paths"][:, 4, 6]                           # Satisfaction → Loyalty
    assert p.loc[("Satisfaction", "Loyalty"), "ci_upper"] == pytest.approx(np.quantile(draws, 0.975))
    assert set(a.summary()) == {"paths", "total_effects", "indirect_effects", "r_squared", "weights", "loadings"}
    below = (draws <= 0).mean()
    assert p.loc[("Satisfaction", "Loyalty"), "p_value"] == pytest.approx(2 * min(below, 1 - below))
    assert len(a.weights) == 24 and "BootstrapResult" in repr(a)


def test_bootstrap_parallel_gives_same_result(ecsi_fit):
    serial = ecsi_fit.bootstrap(n=20, seed=5)
    parallel = ecsi_fit.bootstrap(n=20, seed=5, n_jobs=2)
    pd.testing.assert_frame_equal(serial.paths, parallel.paths)
    pd.testing.assert_frame_equal(serial.loadings, parallel.loadings)


def test_bootstrap_progress_bar(ecsi_fit, capsys):
    ecsi_fit.bootstrap(n=10, seed=1, progress=True)
    assert "10/10" in capsys.readouterr().err
    ecsi_fit.bootstrap(n=10, seed=1)
    assert capsys.readouterr().err == ""


def test_bootstrap_skips_resamples_with_a_constant_item():
    rng = np.random.default_rng(0)
    n = 40
    x = rng.normal(size=(n, 4))
    data = pd.DataFrame({"a1": x[:, 0], "a2": x[:, 0] + x[:, 1], "b1": x[:, 0] + x[:, 2],
                         "b2": np.r_[1.0, np.zeros(n - 1)]})   # one nonzero value: often constant
    fit = PathModel({"A": ["a1", "a2"], "B": ["b1", "b2"]}, [("A", "B")]).fit(data)
    with pytest.warns(UserWarning, match="skipped"):
        boot = fit.bootstrap(n=30, seed=2)
    assert boot.n_failed > 0 and boot.n_resamples + boot.n_failed == 30


@pytest.mark.parametrize("kwargs, argument", [({"n": 5}, "n"), ({"alpha": 1.5}, "alpha"), ({"n_jobs": 0}, "n_jobs")])
def test_bootstrap_bad_arguments(ecsi_fit, kwargs, argument):
    with pytest.raises(CRMLabInputError) as err:
        ecsi_fit.bootstrap(**kwargs)
    assert err.value.argument == argument


# ---------------------------------------------------------------- bad input

def _error(func, *args, **kwargs) -> CRMLabInputError:
    with pytest.raises(CRMLabInputError) as err:
        func(*args, **kwargs)
    message = str(err.value)
    assert "参数" in message and "Argument" in message          # Chinese first, then English
    return err.value


def test_missing_column(mobi):
    err = _error(PathModel(FOUR, FOUR_PATHS).fit, mobi.drop(columns=["CUEX2"]))
    assert "CUEX2" in str(err) and err.argument == "data"


def test_duplicated_columns_in_data(mobi):
    doubled = pd.concat([mobi, mobi[["CUSA1"]]], axis=1)
    err = _error(PathModel(FOUR, FOUR_PATHS).fit, doubled)
    assert "重复" in err.zh and "CUSA1" in str(err)


def test_item_in_two_constructs():
    err = _error(PathModel, {"A": ["x1", "x2"], "B": ["x2", "x3"]}, [("A", "B")])
    assert "x2" in str(err) and err.argument == "constructs"


def test_constant_item(mobi):
    data = mobi.assign(CUEX3=7)
    err = _error(PathModel(FOUR, FOUR_PATHS).fit, data)
    assert "CUEX3" in str(err) and "方差为 0" in err.zh


def test_nan_is_an_error_naming_the_columns(mobi):
    data = mobi.copy()
    data.loc[[3, 8], "IMAG2"] = np.nan
    data.loc[5, "CUSA1"] = np.nan
    err = _error(PathModel(FOUR, FOUR_PATHS).fit, data)
    assert "IMAG2" in str(err) and "CUSA1" in str(err) and "missing='drop'" in str(err)


def test_nan_listwise_deletion_warns_and_matches_complete_cases(mobi):
    data = mobi.copy()
    data.loc[[3, 8], "IMAG2"] = np.nan
    data.loc[5, "CUSA1"] = np.nan
    with pytest.warns(UserWarning, match="3 row"):
        fit = PathModel(FOUR, FOUR_PATHS).fit(data, missing="drop")
    assert fit.n == 247 and 3 not in fit.scores.index
    complete = PathModel(FOUR, FOUR_PATHS).fit(data.dropna())
    np.testing.assert_allclose(fit.path_coefficients, complete.path_coefficients)
    # NaN outside the model's items does not matter
    PathModel(FOUR, FOUR_PATHS).fit(mobi.assign(CUSL1=np.nan))


def test_cycle_in_paths():
    err = _error(PathModel, {"A": ["a"], "B": ["b"], "C": ["c"]}, [("A", "B"), ("B", "C"), ("C", "A")])
    assert "循环" in err.zh and "cycle" in err.en


def test_unknown_construct_in_path():
    err = _error(PathModel, FOUR, FOUR_PATHS + [("Quality", "Satisfaction")])
    assert "Quality" in str(err) and err.argument == "paths"


@pytest.mark.parametrize("constructs, paths, fragment", [
    ({"A": ["a"], "B": ["b"]}, [("A", "A"), ("A", "B")], "自身"),
    ({"A": ["a"], "B": ["b"]}, [("A", "B"), ("A", "B")], "重复"),
    ({"A": ["a"], "B": ["b"], "C": ["c"]}, [("A", "B")], "不在任何路径"),
    ({"A": ["a"], "B": []}, [("A", "B")], "没有题项"),
    ({}, [("A", "B")], "非空"),
    ({"A": ["a"], "B": ["b"]}, [("A", "B", "C")], "(起点, 终点)"),
])
def test_bad_specifications(constructs, paths, fragment):
    assert fragment in _error(PathModel, constructs, paths).zh


def test_bad_mode_and_scheme():
    assert _error(PathModel, FOUR, FOUR_PATHS, modes={"Image": "C"}).argument == "modes"
    assert _error(PathModel, FOUR, FOUR_PATHS, modes={"Nope": "A"}).argument == "modes"
    assert _error(PathModel, FOUR, FOUR_PATHS, scheme="pathweighting").argument == "scheme"


def test_bad_data(mobi):
    model = PathModel(FOUR, FOUR_PATHS)
    assert _error(model.fit, mobi.values).argument == "data"
    assert "不是数值" in _error(model.fit, mobi.assign(CUSA1="high")).zh
    assert _error(model.fit, mobi.head(2)).argument == "data"
    assert _error(model.fit, mobi, missing="mean").argument == "missing"
    collinear = mobi.assign(IMAG2=mobi["IMAG1"] * 2 + mobi["IMAG3"] - mobi["IMAG4"],)
    modes_b = PathModel({**FOUR, "Image": ["IMAG1", "IMAG2", "IMAG3", "IMAG4"]}, FOUR_PATHS, modes={"Image": "B"})
    assert "共线" in _error(modes_b.fit, collinear).zh


def test_non_convergence_raises_convergence_error(mobi):
    from crmlab import ConvergenceError, CRMLabError

    with pytest.raises(ConvergenceError) as info:
        ECSI.model().fit(mobi, max_iter=1)
    text = str(info.value)
    assert text.index("未收敛") < text.index("did not converge") and "max_iter" in text
    assert isinstance(info.value, CRMLabError) and isinstance(info.value, RuntimeError)
    assert ECSI.model().fit(mobi, max_iter=300).converged


def test_results_asked_of_the_specification_raise_not_fitted():
    from crmlab import NotFittedError

    model = ECSI.model()
    assert not model.is_fitted and "unfitted" in repr(model)
    with pytest.raises(NotFittedError, match=r"model\.fit\(data\)\.path_coefficients") as info:
        model.path_coefficients
    assert isinstance(info.value, AttributeError) and info.value.method == "path_coefficients"
    assert str(info.value).index("还没有拟合") < str(info.value).index("not fitted")
    assert not hasattr(model, "r_squared")
    for name in ("n", "iterations", "scores", "data"):
        with pytest.raises(NotFittedError):
            getattr(model, name)
    for method in (model.summary, model.reliability, model.htmt, model.index_scores, model.bootstrap,
                   model.plot):
        with pytest.raises(NotFittedError) as info:
            method()
        assert info.value.method.endswith("()")
    with pytest.raises(AttributeError, match="no attribute 'nonsense'"):
        model.nonsense


def test_fit_returns_the_model_itself_and_a_refit_replaces_the_results(mobi):
    model = ECSI.model()
    fitted = model.fit(mobi)
    assert fitted is model and model.is_fitted and "fitted: n=250" in repr(model)
    before = model.path_coefficients.copy()
    boot = model.bootstrap(n=10, seed=1)
    half = mobi.iloc[:125]
    assert model.fit(half) is model and model.n == 125
    assert not np.allclose(model.path_coefficients, before)           # the cached tables were rebuilt
    np.testing.assert_allclose(model.path_coefficients, ECSI.model().fit(half).path_coefficients)
    assert boot.fit.n == 250 and boot.fit is not model                # the bootstrap kept its own copy
    # a fit that fails leaves the previous results in place
    with pytest.raises(CRMLabInputError):
        model.fit(mobi.head(2))
    assert model.n == 125


def test_single_item_and_two_construct_model():
    rng = np.random.default_rng(1)
    x = rng.normal(size=200)
    data = pd.DataFrame({"s": x + rng.normal(size=200), "l1": x + rng.normal(size=200),
                         "l2": x + rng.normal(size=200)})
    fit = PathModel({"S": ["s"], "L": ["l1", "l2"]}, [("S", "L")]).fit(data)
    assert fit.outer_weights["s"] == pytest.approx(1.0)
    assert fit.path_coefficients.loc["S", "L"] == pytest.approx(np.corrcoef(fit.scores["S"], fit.scores["L"])[0, 1])
    assert fit.r_squared["L"] == pytest.approx(fit.path_coefficients.loc["S", "L"] ** 2)


def test_index_weights_warn_on_negative_weight_and_data_is_kept_exactly():
    rng = np.random.default_rng(7)
    x = rng.normal(size=300)
    data = pd.DataFrame({"a1": np.clip(np.rint(6 + 2 * x + rng.normal(size=300)), 1, 10),
                         "a2": np.clip(np.rint(6 + 2 * x + rng.normal(size=300)), 1, 10),
                         "a3": np.clip(np.rint(6 - 1 * x + rng.normal(size=300)), 1, 10),   # reversed item
                         "b1": np.clip(np.rint(6 + 2 * x + rng.normal(size=300)), 1, 10)})
    fit = PathModel({"A": ["a1", "a2", "a3"], "B": ["b1"]}, [("A", "B")]).fit(data)
    assert fit.outer_weights["a3"] < 0
    with pytest.warns(UserWarning, match="negative weights"):
        weights = fit.index_weights("A")
    assert weights.sum() == pytest.approx(1)
    pd.testing.assert_frame_equal(fit.data, data.astype(float))
