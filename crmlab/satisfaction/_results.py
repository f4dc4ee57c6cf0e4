"""Result containers shared by the PLS shell, the bootstrap and the charts (结果容器).

Kept apart so that :mod:`~crmlab.satisfaction.pls`,
:mod:`~crmlab.satisfaction.bootstrap` and :mod:`~crmlab.satisfaction._plots`
can all recognise a fitted model without importing one another.
"""
from __future__ import annotations

__all__ = ["Summary", "FittedModelBase"]


class Summary(dict):
    """结果汇总：一组普通表格（名称 → DataFrame），打印时逐表显示。

    A dict of plain tables (name → DataFrame) that prints each table under its title."""

    def __repr__(self) -> str:
        parts = []
        for name, table in self.items():
            parts.append(f"== {name} ==\n{table.to_string() if hasattr(table, 'to_string') else table}")
        return "\n\n".join(parts)

    def _repr_html_(self) -> str:
        return "".join(f"<h4>{name}</h4>{table.to_html() if hasattr(table, 'to_html') else table}"
                       for name, table in self.items())


class FittedModelBase:
    """Base class of :class:`~crmlab.satisfaction.FittedPathModel` (an estimated PLS model).

    The bootstrap and the path diagram accept any instance; they read the
    structure ``_s``, the item data ``_values``, the estimates ``_est``, the
    settings ``_tol``, ``_max_iter``, ``scaled`` and the specification ``model``.
    """
