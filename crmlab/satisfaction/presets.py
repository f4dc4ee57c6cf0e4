"""Customer satisfaction index models (顾客满意度指数模型): ACSI, ECSI, CCSI.

Each preset lists the latent variables (潜变量), their Chinese names and the
causal paths (因果关系) between them, with items named as in the ECSI
``mobi`` data set (``crmlab.datasets.load_mobi()``), so every preset can be
estimated on mobi directly::

    fit = ECSI.model().fit(load_mobi())

For another survey, map each construct to its own columns with
:meth:`ModelPreset.with_items`.

- **ACSI** (American CSI, Fornell et al. 1996): 顾客预期 → 感知质量 → 感知价值 →
  顾客满意度 → 顾客抱怨 / 顾客忠诚 (6 constructs, 9 paths).
- **ECSI** (European CSI), in the version used with mobi (Tenenhaus et al.
  2005; the seminr and plspm examples): ACSI plus 企业形象 (image) acting on
  expectation, satisfaction and loyalty (7 constructs, 12 paths).
- **CCSI** (China CSI, 中国顾客满意度指数, the model of 清华大学中国企业研究中心):
  品牌形象, 预期质量, 感知质量, 感知价值, 满意度, 忠诚 — 6 constructs and 11
  causal paths (see :data:`CCSI`).  Its items default to the matching mobi blocks.

Sources for CCSI: 全国质量专业技术人员职业资格考试办公室 (ed.),
《质量专业理论与实务（中级）》, section 中国顾客满意指数 (the model has six
structural variables — 品牌形象、预期质量、感知质量、感知价值、顾客满意度、
顾客忠诚 — forming eleven causal relations; 品牌形象, 预期质量, 感知质量 and
感知价值 are the causes of 顾客满意度 and 顾客忠诚 is its result); 赵平 /
清华大学中国企业研究中心, 《中国顾客满意指数指南》, 中国标准出版社, 2003.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from .._checks import input_error
from .pls import PathModel

__all__ = ["ModelPreset", "ACSI", "ECSI", "CCSI", "PRESETS"]


@dataclass(frozen=True)
class ModelPreset:
    """预设的结构模型（ACSI、ECSI、CCSI）：潜变量、题项、路径和中文名称。

    A named structural model: constructs → items, paths, Chinese labels."""

    name: str
    description: str
    constructs: Mapping[str, tuple[str, ...]]
    paths: tuple[tuple[str, str], ...]
    labels: Mapping[str, str] = field(default_factory=dict)
    layout: Mapping[str, tuple[float, float]] | None = None

    def model(self, scheme: str = "path", modes: Mapping[str, str] | None = None) -> PathModel:
        """A :class:`PathModel` of this preset (inner weighting ``scheme``, default path)."""
        return PathModel({c: list(i) for c, i in self.constructs.items()}, list(self.paths),
                         modes=modes, scheme=scheme, labels=self.labels, layout=self.layout)

    def with_items(self, items: Mapping[str, list[str]]) -> "ModelPreset":
        """The same structure measured by other columns: ``items`` maps every construct to its columns."""
        missing = [c for c in self.constructs if c not in items]
        extra = [c for c in items if c not in self.constructs]
        if missing or extra:
            raise input_error("items", f"须为每个潜变量给出题项（缺 {missing}，多余 {extra}）",
                              f"give items for every construct (missing {missing}, unknown {extra})")
        return ModelPreset(self.name, self.description, {c: tuple(items[c]) for c in self.constructs},
                           self.paths, self.labels, self.layout)

    def path_table(self):
        """The paths as a table with Chinese names (从 → 到), e.g. for a lab answer."""
        import pandas as pd

        return pd.DataFrame([(a, b, self.labels.get(a, a), self.labels.get(b, b)) for a, b in self.paths],
                            columns=["from", "to", "从", "到"])


def _items(prefix: str, n: int) -> tuple[str, ...]:
    return tuple(f"{prefix}{i}" for i in range(1, n + 1))


_MOBI = {"Image": _items("IMAG", 5), "Expectation": _items("CUEX", 3), "Quality": _items("PERQ", 7),
         "Value": _items("PERV", 2), "Satisfaction": _items("CUSA", 3), "Complaints": ("CUSCO",),
         "Loyalty": _items("CUSL", 3)}

_LABELS = {"Image": "企业形象", "Expectation": "顾客预期", "Quality": "感知质量", "Value": "感知价值",
           "Satisfaction": "顾客满意度", "Complaints": "顾客抱怨", "Loyalty": "顾客忠诚"}

# textbook layout: antecedents on the left, satisfaction in the middle, outcomes on the right
_LAYOUT = {"Image": (0.0, 2.2), "Expectation": (0.0, 0.0), "Quality": (0.0, -2.2), "Value": (2.5, -2.6),
           "Satisfaction": (5.0, 0.0), "Complaints": (7.5, -1.6), "Loyalty": (7.5, 1.6)}

_ACSI_PATHS = (
    ("Expectation", "Quality"), ("Expectation", "Value"), ("Expectation", "Satisfaction"),
    ("Quality", "Value"), ("Quality", "Satisfaction"), ("Value", "Satisfaction"),
    ("Satisfaction", "Complaints"), ("Satisfaction", "Loyalty"), ("Complaints", "Loyalty"),
)

ACSI = ModelPreset(
    name="ACSI",
    description="美国顾客满意度指数模型：顾客预期、感知质量、感知价值 → 顾客满意度 → 顾客抱怨、顾客忠诚",
    constructs={c: _MOBI[c] for c in ("Expectation", "Quality", "Value", "Satisfaction", "Complaints", "Loyalty")},
    paths=_ACSI_PATHS,
    labels={c: _LABELS[c] for c in ("Expectation", "Quality", "Value", "Satisfaction", "Complaints", "Loyalty")},
    layout={c: _LAYOUT[c] for c in ("Expectation", "Quality", "Value", "Satisfaction", "Complaints", "Loyalty")},
)

ECSI = ModelPreset(
    name="ECSI",
    description="欧洲顾客满意度指数模型（mobi 版）：在 ACSI 基础上增加企业形象，保留顾客抱怨",
    constructs=dict(_MOBI),
    paths=(("Image", "Expectation"), ("Image", "Satisfaction"), ("Image", "Loyalty")) + _ACSI_PATHS,
    labels=dict(_LABELS),
    layout=dict(_LAYOUT),
)

# CCSI: the four antecedents in their causal order 品牌形象 → 预期质量 → 感知质量 →
# 感知价值 each act on every later one and on 满意度 (4 + 3 + 2 + 1 = 10 paths),
# and 满意度 → 忠诚 is the eleventh: loyalty is the outcome of satisfaction only.
_CCSI_PATHS = (
    ("品牌形象", "预期质量"), ("品牌形象", "感知质量"), ("品牌形象", "感知价值"), ("品牌形象", "满意度"),
    ("预期质量", "感知质量"), ("预期质量", "感知价值"), ("预期质量", "满意度"),
    ("感知质量", "感知价值"), ("感知质量", "满意度"),
    ("感知价值", "满意度"),
    ("满意度", "忠诚"),
)

#: China CSI (中国顾客满意度指数模型): 6 constructs, 11 paths.  品牌形象 (brand
#: image) → 预期质量 (expected quality), 感知质量 (perceived quality), 感知价值
#: (perceived value), 满意度; 预期质量 → 感知质量, 感知价值, 满意度; 感知质量 →
#: 感知价值, 满意度; 感知价值 → 满意度; 满意度 → 忠诚.  Sources in the module
#: docstring (质量专业理论与实务; 赵平 / 清华大学中国企业研究中心 2003).
CCSI = ModelPreset(
    name="CCSI",
    description="中国顾客满意度指数模型：品牌形象、预期质量、感知质量、感知价值 → 满意度 → 忠诚（6 个结构变量，11 条因果路径）",
    constructs={"品牌形象": _MOBI["Image"], "预期质量": _MOBI["Expectation"], "感知质量": _MOBI["Quality"],
                "感知价值": _MOBI["Value"], "满意度": _MOBI["Satisfaction"], "忠诚": _MOBI["Loyalty"]},
    paths=_CCSI_PATHS,
    labels={c: c for c in ("品牌形象", "预期质量", "感知质量", "感知价值", "满意度", "忠诚")},
    layout={"品牌形象": _LAYOUT["Image"], "预期质量": _LAYOUT["Expectation"], "感知质量": _LAYOUT["Quality"],
            "感知价值": _LAYOUT["Value"], "满意度": _LAYOUT["Satisfaction"], "忠诚": (7.5, 0.0)},
)

PRESETS = {"ACSI": ACSI, "ECSI": ECSI, "CCSI": CCSI}
