"""Customer lifetime value (客户终身价值).

Three layers, from the textbook to real purchase data:

- textbook models (教材模型): :func:`model_one`, :func:`model_two`,
  :func:`model_three`, :func:`general_model`, :func:`infinite_horizon_clv`
  and the per-year table :func:`breakdown`;
- transaction summaries (交易汇总): :func:`summarize_transactions` turns a
  purchase log into frequency / recency / T / monetary per customer;
- probabilistic models (概率模型): :class:`BetaGeoModel` (BG/NBD purchases),
  :class:`GammaGammaModel` (spend) and :func:`customer_lifetime_value`.

Plots (:func:`plot_breakdown`, :func:`plot_models`,
:func:`plot_probability_alive_matrix`) import matplotlib only when called, so
``import crmlab.clv`` stays light.
"""
from __future__ import annotations

from ._plots import plot_breakdown, plot_models, plot_probability_alive_matrix
from .bgnbd import BetaGeoModel, bgnbd_log_likelihood
from .gammagamma import PERIODS_PER_MONTH, GammaGammaModel, customer_lifetime_value
from .textbook import (breakdown, general_model, infinite_horizon_clv, model_one, model_three,
                       model_two)
from .transactions import summarize_transactions

__all__ = [
    "model_one", "model_two", "model_three", "general_model", "infinite_horizon_clv", "breakdown",
    "summarize_transactions",
    "BetaGeoModel", "bgnbd_log_likelihood", "GammaGammaModel", "customer_lifetime_value",
    "PERIODS_PER_MONTH",
    "plot_breakdown", "plot_models", "plot_probability_alive_matrix",
]
