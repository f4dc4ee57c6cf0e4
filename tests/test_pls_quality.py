"""PLS quality criteria, bootstrap inference, unstandardized data, collinearity, module layout.

Every figure is checked against an independent computation: the seminr
package (Python port) on the ECSI mobi data where seminr offers the measure,
and a step-by-step numpy calculation written out here otherwise.
"""
from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from crmlab import CRMLabInputError
from crmlab.datasets import load_mobi
from crmlab.satisfaction import CCSI, ECSI, PathModel

from test_pls import FOUR, FOUR_PATHS, mobi  # noqa: F401  (the same small model and the data fixture)


@pytest.fixture(scope="module")
def fit(mobi):
    return ECSI.model().fit(mobi)


@pytest.fixture(scope="module")
def seminr_fit(mobi):
    seminr = pytest.importorskip("seminr", reason="seminr (the 'bench' extra) is needed for the parity checks")
    mm = [seminr.composite(c, list(items)) for c, items in ECSI.constructs.items()]
    sm = seminr.relationships(*[seminr.paths(a, b) for a, b in ECSI.paths])
    return seminr.estimate_pls(mobi, mm, sm)


def _named(matrix) -> pd.DataFrame:
    return pd.DataFrame(matrix.values, index=list(matrix.rows), columns=list(matrix.cols))


def _in_model(seminr_fit):
    from seminr.evaluate.constructs_in_model import constructs_in_model

    return constructs_in_model(seminr_fit)


# ---------------------------------------------------------------- ρA

def test_rho_a_matches_seminr(fit, seminr_fit):
    import seminr

    ref = _named(seminr.rho_A(seminr_fit))["rhoA"]
    ours = fit.rho_a()
    np.testing.assert_allclose(ours.to_numpy(), ref[ours.index].to_numpy(), atol=1e-9)
    # mobi: Expectation 0.462055, Satisfaction 0.789102 (seminr, to 6 decimals)
    assert ours["Satisfaction"] == pytest.approx(0.789102, abs=1e-6)
    assert ours["Expectation"] == pytest.approx(0.462055, abs=1e-6)
    assert ours["Complaints"] == 1.0 and ours.name == "rho_A"


def test_rho_a_by_hand(mobi, fit):
    items = FOUR["Satisfaction"]
    r = np.corrcoef(mobi[items].to_numpy(), rowvar=False)
    w = fit.outer_weights[items].to_numpy()          # standardized weights, composite variance 1
    assert w @ r @ w == pytest.approx(1.0, abs=1e-9)
    off = r - np.diag(np.diag(r))
    ww = np.outer(w, w)
    rho = (w @ w) ** 2 * (w @ off @ w) / (w @ (ww - np.diag(np.diag(ww))) @ w)
    assert fit.rho_a()["Satisfaction"] == pytest.approx(rho, abs=1e-12)


# ---------------------------------------------------------------- HTMT

def test_htmt_by_hand_from_item_correlations(mobi, fit):
    image, sat = FOUR["Image"], FOUR["Satisfaction"]
    r = mobi[image + sat].corr().abs()
    hetero = r.loc[image, sat].to_numpy().mean()                      # 5 × 3 between-block correlations
    mono_image = r.loc[image, image].to_numpy()[np.triu_indices(5, 1)].mean()   # 10 distinct pairs
    mono_sat = r.loc[sat, sat].to_numpy()[np.triu_indices(3, 1)].mean()         # 3 distinct pairs
    expected = hetero / np.sqrt(mono_image * mono_sat)
    table = fit.htmt()
    assert table.loc["Image", "Satisfaction"] == pytest.approx(expected, abs=1e-12)
    assert table.loc["Satisfaction", "Image"] == table.loc["Image", "Satisfaction"]
    assert np.isnan(np.diag(table.to_numpy())).all()
    # single item: its within-block mean counts as 1
    loy = list(ECSI.constructs["Loyalty"])
    cusco = mobi[["CUSCO", *loy]].corr().abs()
    hetero = cusco.loc["CUSCO", loy].mean()
    mono = cusco.loc[loy, loy].to_numpy()[np.triu_indices(3, 1)].mean()
    assert table.loc["Complaints", "Loyalty"] == pytest.approx(hetero / np.sqrt(1.0 * mono), abs=1e-12)


def test_htmt_matches_seminr(fit, seminr_fit):
    import seminr

    ref = _named(seminr.htmt(seminr_fit))
    ours = fit.htmt()
    names = list(ours.index)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            assert ours.loc[a, b] == pytest.approx(ref.loc[a, b], abs=1e-12), (a, b)
    assert ours.loc["Image", "Expectation"] == pytest.approx(0.8880, abs=5e-5)


# ---------------------------------------------------------------- Fornell–Larcker, cross-loadings

def test_fornell_larcker_by_hand_and_against_seminr(fit, seminr_fit):
    import seminr

    table = fit.fornell_larcker()
    lam = fit.outer_loadings[FOUR["Image"]].to_numpy()
    assert table.loc["Image", "Image"] == pytest.approx(np.sqrt((lam ** 2).mean()), abs=1e-12)
    scores = fit.scores
    assert table.loc["Loyalty", "Image"] == pytest.approx(np.corrcoef(scores["Loyalty"], scores["Image"])[0, 1])
    np.testing.assert_allclose(table.to_numpy(), table.to_numpy().T)
    ref = _named(seminr.fl_criteria_table(seminr_fit, _in_model(seminr_fit)))
    ref = ref.loc[table.index, table.columns].to_numpy()
    lower = np.tril_indices(len(table))                  # seminr fills the lower triangle and the diagonal
    np.testing.assert_allclose(table.to_numpy()[lower], ref[lower], atol=1e-9)


def test_cross_loadings(mobi, fit, seminr_fit):
    import seminr

    table = fit.cross_loadings()
    assert list(table.index) == fit.items and list(table.columns) == list(ECSI.constructs)
    assert table.loc["PERQ3", "Loyalty"] == pytest.approx(np.corrcoef(mobi["PERQ3"], fit.scores["Loyalty"])[0, 1],
                                                          abs=1e-12)
    for item, construct in fit.measurement()["construct"].items():
        assert table.loc[item, construct] == pytest.approx(fit.outer_loadings[item], abs=1e-12)
    ref = _named(seminr.cross_loadings(seminr_fit, _in_model(seminr_fit))).loc[table.index, table.columns]
    np.testing.assert_allclose(table.to_numpy(), ref.to_numpy(), atol=1e-9)


# ---------------------------------------------------------------- VIF

def _ols_r2(y: np.ndarray, x: np.ndarray) -> float:
    """R² of an OLS regression of y on x with an intercept, from the residuals."""
    design = np.column_stack([np.ones(len(y)), x])
    beta, *_ = np.linalg.lstsq(design, y, rcond=None)
    resid = y - design @ beta
    return 1 - (resid @ resid) / ((y - y.mean()) @ (y - y.mean()))


def test_item_vif_by_ols_regression(mobi, fit, seminr_fit):
    import seminr

    vif = fit.item_vif()
    assert list(vif.columns) == ["construct", "VIF"] and vif.index.name == "item"
    quality = list(ECSI.constructs["Quality"])
    for item in quality:
        others = [q for q in quality if q != item]
        r2 = _ols_r2(mobi[item].to_numpy(float), mobi[others].to_numpy(float))
        assert vif.loc[item, "VIF"] == pytest.approx(1 / (1 - r2), rel=1e-10), item
    assert vif.loc["CUSCO", "VIF"] == 1.0                    # single item
    ref = seminr.item_vifs(seminr_fit, _in_model(seminr_fit))
    for construct, by_item in ref.items():
        for item, value in by_item.items():
            assert vif.loc[item, "VIF"] == pytest.approx(value, rel=1e-10)
    assert vif.loc["PERQ3", "VIF"] == pytest.approx(2.104753, abs=1e-6)


def test_item_vif_is_infinite_for_collinear_items(mobi):
    data = mobi.assign(IMAG5=mobi["IMAG1"] + mobi["IMAG2"])    # mode A: estimable, but VIF = ∞
    vif = PathModel(FOUR, FOUR_PATHS).fit(data).item_vif()
    assert np.isinf(vif.loc["IMAG5", "VIF"]) and np.isfinite(vif.loc["CUEX1", "VIF"])


def test_construct_vif_by_ols_regression(fit, seminr_fit):
    import seminr

    vif = fit.construct_vif()["VIF"]
    assert vif.index.names == ["from", "to"] and len(vif) == 12
    scores = fit.scores
    preds = ["Image", "Expectation", "Quality", "Value"]                 # → Satisfaction
    for p in preds:
        others = [q for q in preds if q != p]
        r2 = _ols_r2(scores[p].to_numpy(), scores[others].to_numpy())
        assert vif[(p, "Satisfaction")] == pytest.approx(1 / (1 - r2), rel=1e-10), p
    assert vif[("Image", "Expectation")] == 1.0                          # one predecessor
    ref = seminr.pls_antecedent_vifs(seminr_fit, _in_model(seminr_fit))
    for outcome, by_antecedent in ref.items():
        for antecedent, value in by_antecedent.items():
            if not np.isnan(value):                                      # seminr: NaN for one predecessor
                assert vif[(antecedent, outcome)] == pytest.approx(value, rel=1e-10)
    assert vif[("Quality", "Satisfaction")] == pytest.approx(2.841753, abs=1e-6)


# ---------------------------------------------------------------- f²

def test_f_squared_by_refitting(mobi, fit):
    table = fit.f_squared()
    assert list(table.columns) == ["r2_included", "r2_excluded", "f2"] and len(table) == 12
    # drop Quality → Satisfaction and estimate the whole model again
    without = [p for p in ECSI.paths if p != ("Quality", "Satisfaction")]
    excluded = PathModel({c: list(i) for c, i in ECSI.constructs.items()}, without).fit(mobi)
    r2_in, r2_out = fit.r_squared["Satisfaction"], excluded.r_squared["Satisfaction"]
    row = table.loc[("Quality", "Satisfaction")]
    assert row["r2_excluded"] == pytest.approx(r2_out, abs=1e-12)
    assert row["f2"] == pytest.approx((r2_in - r2_out) / (1 - r2_in), abs=1e-12)
    # a single predecessor: R²_excluded = 0, f² = R²/(1 − R²)
    r2 = fit.r_squared["Complaints"]
    assert table.loc[("Satisfaction", "Complaints"), "f2"] == pytest.approx(r2 / (1 - r2), abs=1e-12)


def test_f_squared_drops_a_construct_left_outside_every_path(mobi):
    fit = PathModel(FOUR, FOUR_PATHS).fit(mobi)
    # without Image → Satisfaction, Image takes part in no path: the refit has three constructs
    reduced = PathModel({c: FOUR[c] for c in ("Expectation", "Value", "Satisfaction")}, FOUR_PATHS[1:]).fit(mobi)
    r2_in, r2_out = fit.r_squared["Satisfaction"], reduced.r_squared["Satisfaction"]
    assert fit.f_squared().loc[("Image", "Satisfaction"), "f2"] == pytest.approx((r2_in - r2_out) / (1 - r2_in),
                                                                                 abs=1e-12)


def test_f_squared_matches_seminr(fit, seminr_fit):
    import seminr

    ref = _named(seminr.model_fsquares(seminr_fit))
    for (a, b), row in fit.f_squared().iterrows():
        assert row["f2"] == pytest.approx(ref.loc[a, b], abs=1e-9), (a, b)
    assert fit.f_squared().loc[("Satisfaction", "Loyalty"), "f2"] == pytest.approx(0.206247, abs=1e-6)


# ---------------------------------------------------------------- bootstrap: CIs and p-values

@pytest.fixture(scope="module")
def boots(mobi, fit, seminr_fit):
    import seminr

    return fit.bootstrap(n=30, seed=11), seminr.bootstrap_model(seminr_fit, 30, seed=11)


def _p_value(draws) -> float:
    """Two-sided bootstrap p-value, written out: 2 min(share ≤ 0, share > 0)."""
    draws = np.asarray(draws)
    below = np.count_nonzero(draws <= 0) / len(draws)
    return 2 * min(below, 1 - below)


def test_bootstrap_paths_ci_and_p_value_match_seminr(boots):
    from seminr import specific_effect_significance

    ours, ref = boots
    assert list(ours.paths.columns) == ["estimate", "boot_mean", "boot_sd", "t_value", "ci_lower", "ci_upper",
                                        "p_value"]
    for (a, b), row in ours.paths.iterrows():
        sig = specific_effect_significance(ref, from_=a, to=b)
        assert row["ci_lower"] == pytest.approx(sig.ci_lower, abs=1e-9)
        assert row["ci_upper"] == pytest.approx(sig.ci_upper, abs=1e-9)
        assert row["p_value"] == pytest.approx(sig.bootstrap_p, abs=1e-12)
    # Expectation → Value (0.05) is not significant in 30 resamples; Satisfaction → Loyalty is
    assert ours.paths.loc[("Satisfaction", "Loyalty"), "p_value"] == 0.0
    assert ours.paths.loc[("Expectation", "Value"), "p_value"] > 0.05


def test_bootstrap_loadings_match_seminr(boots):
    from seminr.bootstrap.bootstrap import boot_p_values, boot_percentile_cis

    ours, ref = boots
    cis, p = boot_percentile_cis(ref.boot_loadings, 0.05), boot_p_values(ref.boot_loadings)
    owner = ours.fit.measurement()["construct"]
    for item, row in ours.loadings.iterrows():
        assert row["ci_lower"] == pytest.approx(cis.lower.get(item, owner[item]), abs=1e-9)
        assert row["ci_upper"] == pytest.approx(cis.upper.get(item, owner[item]), abs=1e-9)
        assert row["p_value"] == pytest.approx(p.get(item, owner[item]), abs=1e-12)


def test_bootstrap_indirect_effects_match_seminr(boots):
    from seminr import total_indirect_ci

    ours, ref = boots
    table = ours.indirect_effects
    assert ("Image", "Expectation") not in table.index                 # no indirect route
    row = table.loc[("Image", "Satisfaction")]
    assert row["estimate"] == pytest.approx(ours.fit.indirect_effects.loc["Image", "Satisfaction"])
    for (a, b), row in table.iterrows():
        ci = total_indirect_ci(ref, from_=a, to=b)
        assert row["ci_lower"] == pytest.approx(ci.lower, abs=1e-9), (a, b)
        assert row["ci_upper"] == pytest.approx(ci.upper, abs=1e-9), (a, b)
        draws = [t.get(a, b) - d.get(a, b) for t, d in zip(ref.boot_total_paths, ref.boot_paths)]
        assert row["p_value"] == pytest.approx(_p_value(draws), abs=1e-12)
        assert row["boot_sd"] == pytest.approx(np.std(draws, ddof=1), abs=1e-9)


def test_bootstrap_r_squared_against_seminr_refits(mobi, fit):
    seminr = pytest.importorskip("seminr")
    boot = fit.bootstrap(n=10, seed=5)
    rng = np.random.default_rng(5)                                      # the documented resampling scheme
    mm = [seminr.composite(c, list(items)) for c, items in ECSI.constructs.items()]
    sm = seminr.relationships(*[seminr.paths(a, b) for a, b in ECSI.paths])
    r2 = []
    for _ in range(10):
        rows = rng.integers(0, len(mobi), size=len(mobi))
        ref = seminr.estimate_pls(mobi.iloc[rows].reset_index(drop=True), mm, sm)
        r2.append(_named(ref.r_squared).loc["Rsq", boot.r_squared.index].to_numpy())
    r2 = np.array(r2)
    np.testing.assert_allclose(boot.replicates["rsq"], r2, atol=1e-6)
    table = boot.r_squared
    assert list(table.index) == ["Expectation", "Quality", "Value", "Satisfaction", "Complaints", "Loyalty"]
    np.testing.assert_allclose(table["ci_lower"], np.quantile(r2, 0.025, axis=0), atol=1e-6)
    np.testing.assert_allclose(table["ci_upper"], np.quantile(r2, 0.975, axis=0), atol=1e-6)
    np.testing.assert_allclose(table["estimate"], fit.r_squared)
    assert (table["p_value"] == 0).all()
    assert set(boot.summary()) == {"paths", "total_effects", "indirect_effects", "r_squared", "weights",
                                   "loadings"}


def test_bootstrap_of_an_unstandardized_fit_uses_the_same_scaling(mobi):
    fit = PathModel(FOUR, FOUR_PATHS).fit(mobi, scaled=False)
    boot = fit.bootstrap(n=10, seed=2)
    rows = np.random.default_rng(2).integers(0, len(mobi), size=len(mobi))
    again = PathModel(FOUR, FOUR_PATHS).fit(mobi.iloc[rows], scaled=False)
    np.testing.assert_allclose(boot.replicates["weights"][0], again._est["weights"], atol=1e-10)


# ---------------------------------------------------------------- unstandardized data (plspm scaled=FALSE)

def _naive_plspm(data: pd.DataFrame, constructs, paths, scheme: str, scaled: bool):
    """plspm's Lohmöller iteration on the data matrix, written out (get_treated_data + get_weights).

    X = centred items (divided by their SD only when ``scaled``); start with
    equal weights; Y = X W standardized; inner weights (path scheme:
    correlation for successors, OLS coefficients for predecessors); mode A
    weights w_j = cov(X_j, Z_j); rescale so that X w_j has SD 1.
    """
    items = [i for c in constructs for i in constructs[c]]
    x = (data[items] - data[items].mean()).to_numpy(dtype=float)
    if scaled:
        x = x / x.std(axis=0, ddof=1)
    names = list(constructs)
    cols = {c: [items.index(i) for i in constructs[c]] for c in names}
    p = np.zeros((len(names), len(names)))
    for a, b in paths:
        p[names.index(a), names.index(b)] = 1
    w = {c: np.ones(len(cols[c])) for c in names}
    for _ in range(500):
        y = np.column_stack([x[:, cols[c]] @ w[c] for c in names])
        y = (y - y.mean(0)) / y.std(0, ddof=1)
        r = np.corrcoef(y, rowvar=False)
        if scheme == "path":
            e = r * p.T                                           # successors of j: correlation
            for j in range(len(names)):
                pred = np.flatnonzero(p[:, j])
                if len(pred):
                    e[pred, j] = np.linalg.lstsq(y[:, pred], y[:, j], rcond=None)[0]
        else:
            e = r * (p + p.T)
        z = y @ e
        new = {}
        for j, c in enumerate(names):
            v = np.array([np.cov(x[:, k], z[:, j])[0, 1] for k in cols[c]])
            new[c] = v / np.std(x[:, cols[c]] @ v, ddof=1)
        change = sum(np.abs(new[c] - w[c]).sum() for c in names)
        w = new
        if change < 1e-12:
            break
    weights = pd.Series(np.concatenate([w[c] for c in names]), index=items)
    scores = pd.DataFrame({c: x[:, cols[c]] @ w[c] for c in names})
    return weights, scores


@pytest.mark.parametrize("scheme", ["path", "factorial"])
def test_unstandardized_fit_matches_a_naive_plspm_iteration(mobi, scheme):
    fit = PathModel(FOUR, FOUR_PATHS, scheme=scheme).fit(mobi, scaled=False)
    weights, scores = _naive_plspm(mobi, FOUR, FOUR_PATHS, scheme, scaled=False)
    assert fit.scaled is False
    np.testing.assert_allclose(fit.outer_weights[weights.index], weights, atol=1e-7)
    np.testing.assert_allclose(fit.scores.to_numpy(), scores.to_numpy(), atol=1e-7)
    # loadings are item–score correlations; paths the OLS coefficients of the standardized scores
    assert fit.outer_loadings["IMAG3"] == pytest.approx(np.corrcoef(mobi["IMAG3"], scores["Image"])[0, 1], abs=1e-7)
    z = (scores - scores.mean()) / scores.std()
    beta = np.linalg.lstsq(z[["Image", "Expectation", "Value"]].to_numpy(), z["Satisfaction"].to_numpy(),
                           rcond=None)[0]
    np.testing.assert_allclose(fit.path_coefficients.loc[["Image", "Expectation", "Value"], "Satisfaction"], beta,
                               atol=1e-7)
    # and the same naive iteration on standardized items reproduces the default fit
    std_weights, _ = _naive_plspm(mobi, FOUR, FOUR_PATHS, scheme, scaled=True)
    np.testing.assert_allclose(PathModel(FOUR, FOUR_PATHS, scheme=scheme).fit(mobi).outer_weights[std_weights.index],
                               std_weights, atol=1e-7)


def test_unstandardized_weights_follow_the_units_and_favour_spread(mobi):
    def model():
        return PathModel(FOUR, FOUR_PATHS)

    raw = model().fit(mobi, scaled=False)
    # same answers in other units: the weights of the centred items scale by 1/10, nothing else moves
    other = model().fit(mobi * 10 + 3, scaled=False)
    np.testing.assert_allclose(other.outer_weights, raw.outer_weights / 10, rtol=1e-9)
    np.testing.assert_allclose(other.path_coefficients, raw.path_coefficients, atol=1e-10)
    # stretching one item changes an unstandardized fit, but not a standardized one
    stretched = mobi.assign(IMAG1=mobi["IMAG1"] * 5)
    assert not np.allclose(model().fit(stretched, scaled=False).path_coefficients, raw.path_coefficients)
    np.testing.assert_allclose(model().fit(stretched).path_coefficients, model().fit(mobi).path_coefficients,
                               atol=1e-10)
    # the index weights are the unstandardized weights, normalized
    w = raw.outer_weights[FOUR["Satisfaction"]]
    np.testing.assert_allclose(raw.index_weights("Satisfaction"), w / w.sum())
    with pytest.raises(CRMLabInputError) as err:
        model().fit(mobi, scaled="no")
    assert err.value.argument == "scaled"


# ---------------------------------------------------------------- collinearity

def _collinear_data(seed=3, n=200):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 2))
    data = pd.DataFrame({"a1": x[:, 0] + x[:, 1], "a2": x[:, 0] + rng.normal(size=n),
                         "c1": x[:, 0] + rng.normal(size=n), "c2": x[:, 0] + rng.normal(size=n)})
    return data.assign(b1=2 * data["a1"] + 3, b2=0.5 * data["a2"] - 1)     # B measured by rescaled copies of A


@pytest.mark.parametrize("scheme", ["path", "factorial", "centroid"])
def test_collinear_predictor_constructs_raise(scheme):
    model = PathModel({"A": ["a1", "a2"], "B": ["b1", "b2"], "C": ["c1", "c2"]}, [("A", "C"), ("B", "C")],
                      scheme=scheme)
    with pytest.raises(CRMLabInputError) as err:
        model.fit(_collinear_data())
    assert "共线" in err.value.zh and "collinear" in err.value.en
    assert "'C'" in err.value.zh and "'A'" in err.value.zh and "'B'" in err.value.zh


def test_predictor_that_is_a_sum_of_two_others_raises():
    rng = np.random.default_rng(4)
    x = rng.normal(size=(150, 2))
    data = pd.DataFrame({"a": x[:, 0], "b": x[:, 1], "c": x[:, 0] + x[:, 1], "y": x[:, 0] + rng.normal(size=150)})
    model = PathModel({"A": ["a"], "B": ["b"], "C": ["c"], "Y": ["y"]}, [("A", "Y"), ("B", "Y"), ("C", "Y")])
    with pytest.raises(CRMLabInputError, match="'Y'") as err:
        model.fit(data)
    assert err.value.argument == "data"


# ---------------------------------------------------------------- CCSI preset

def test_ccsi_has_six_constructs_and_eleven_paths(mobi):
    assert len(CCSI.constructs) == 6 and len(CCSI.paths) == 11 and len(set(CCSI.paths)) == 11
    antecedents = ["品牌形象", "预期质量", "感知质量", "感知价值"]
    for a in antecedents:
        assert (a, "满意度") in CCSI.paths                      # the four causes of satisfaction
    assert [a for a, b in CCSI.paths if b == "忠诚"] == ["满意度"]  # loyalty: the result of satisfaction
    for i, a in enumerate(antecedents):                          # each antecedent acts on every later one
        for b in antecedents[i + 1:]:
            assert (a, b) in CCSI.paths
    fit = CCSI.model().fit(mobi)
    assert list(fit.r_squared.index) == ["预期质量", "感知质量", "感知价值", "满意度", "忠诚"]


def test_ccsi_estimate_matches_seminr(mobi):
    seminr = pytest.importorskip("seminr")
    fit = CCSI.model().fit(mobi)
    mm = [seminr.composite(c, list(items)) for c, items in CCSI.constructs.items()]
    ref = seminr.estimate_pls(mobi, mm, seminr.relationships(*[seminr.paths(a, b) for a, b in CCSI.paths]))
    paths = _named(ref.path_coef).loc[fit.path_coefficients.index, fit.path_coefficients.columns]
    np.testing.assert_allclose(fit.path_coefficients.to_numpy(), paths.to_numpy(), atol=1e-6)
    np.testing.assert_allclose(fit.r_squared, _named(ref.r_squared).loc["Rsq", fit.r_squared.index], atol=1e-6)


# ---------------------------------------------------------------- module layout

_PACKAGE = Path(__file__).resolve().parents[1] / "crmlab" / "satisfaction"


def _satisfaction_imports(path: Path) -> set[str]:
    """Sibling modules a satisfaction module imports, at module level or inside functions."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.add(node.module.split(".")[0])
            else:
                found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith(
                "crmlab.satisfaction."):
            found.add(node.module.split(".")[2])
    return found


def test_satisfaction_modules_import_each_other_without_a_cycle():
    graph = {p.stem: _satisfaction_imports(p) for p in _PACKAGE.glob("*.py") if p.stem != "__init__"}
    try:
        order = list(TopologicalSorter(graph).static_order())
    except CycleError as exc:                                     # pragma: no cover - the failure message
        pytest.fail(f"import cycle: {exc.args[1]}")
    assert order.index("_engine") < order.index("pls") and order.index("bootstrap") < order.index("pls")
    assert "pls" not in graph["bootstrap"] and "pls" not in graph["_plots"]


def test_engine_is_numpy_only():
    tree = ast.parse((_PACKAGE / "_engine.py").read_text(encoding="utf-8"))
    modules = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    modules |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    assert modules <= {"numpy", "__future__", "dataclasses"}, modules


def test_public_names_still_importable_from_their_old_places():
    from crmlab.satisfaction.bootstrap import BootstrapResult, bootstrap  # noqa: F401
    from crmlab.satisfaction.pls import MODES, SCHEMES, PathModel, Summary  # noqa: F401
    from crmlab.satisfaction.pls import total_effects_matrix  # noqa: F401
    from crmlab.satisfaction import Summary as S2, plot_path_model  # noqa: F401

    assert S2 is Summary
