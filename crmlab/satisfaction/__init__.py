"""Customer satisfaction measurement (客户满意度测评).

What lab 04 needs, in four parts:

- :mod:`~crmlab.satisfaction.index` — weighted satisfaction index
  CSI = Σ wᵢ xᵢ (Σ wᵢ = 1) rescaled to 0–100 (:func:`weighted_index`,
  :func:`overall_index`, :func:`importance_weights`), the five-level
  level-score index CSI = Σ wᵢ s(xᵢ) with 很满意 100 … 不满意 0
  (:func:`level_index`, :func:`level_scores`) and the Net Promoter Score
  (:func:`nps`);
- :mod:`~crmlab.satisfaction.ipa` — the 四分图 / importance–performance
  quadrants 优势区 / 修补区 / 机会区 / 维持区 (:func:`ipa`, the cut lines
  :func:`ipa_cut_lines`, :func:`derived_importance`, :func:`paired_ratings`,
  chart :func:`plot_ipa`);
- :mod:`~crmlab.satisfaction.pls` — PLS path modeling (:class:`PathModel`:
  specify constructs and paths, ``.fit(data)`` (returns the model itself,
  now fitted), then path coefficients, R²,
  weights, loadings, effects, reliability, ρA, HTMT, Fornell–Larcker,
  cross-loadings, VIF, f², ACSI-style 0–100 indices, ``.bootstrap()`` with
  CIs and p-values, ``.summary()``, ``.plot()``), agreeing with seminr; the
  numeric engine is numpy-only (``_engine``), the result tables are built in
  ``_results``;
- :mod:`~crmlab.satisfaction.presets` — the ACSI, ECSI and CCSI models with
  Chinese construct names (:data:`ACSI`, :data:`ECSI`, :data:`CCSI`).

Importing this package loads neither matplotlib nor ipywidgets.
"""
from __future__ import annotations

from ._plots import plot_ipa, plot_path_model
from .bootstrap import BootstrapResult, bootstrap
from .index import (DEFAULT_LEVEL_SCORES, importance_weights, level_index, level_scores, nps, overall_index,
                    weighted_index)
from .ipa import QUADRANT_ACTIONS, QUADRANTS, derived_importance, ipa, ipa_cut_lines, paired_ratings
from .pls import PathModel, Summary
from .presets import ACSI, CCSI, ECSI, PRESETS, ModelPreset

__all__ = [
    "weighted_index", "overall_index", "importance_weights", "nps",
    "level_scores", "level_index", "DEFAULT_LEVEL_SCORES",
    "ipa", "ipa_cut_lines", "derived_importance", "paired_ratings", "plot_ipa", "QUADRANTS", "QUADRANT_ACTIONS",
    "PathModel", "Summary", "bootstrap", "BootstrapResult", "plot_path_model",
    "ModelPreset", "ACSI", "ECSI", "CCSI", "PRESETS",
]
