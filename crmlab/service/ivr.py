"""Interactive voice menus (IVR 自动语音应答) of a call centre: build, validate, simulate, print."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .._checks import input_error

__all__ = ["VALID_KEYS", "IVRProblem", "IVRMenu"]

VALID_KEYS = tuple("0123456789*#")


@dataclass(frozen=True)
class IVRProblem:
    """语音菜单（IVR）检查发现的一个问题。

    One defect found by :meth:`IVRMenu.validate`."""
    kind: str   # dead_end, unreachable, too_deep, invalid_key, duplicate_key, leaf_without_action, ...
    node: str
    zh: str
    en: str

    def __str__(self):
        return f"[{self.kind}] {self.node}: {self.zh} / {self.en}"


class IVRMenu:
    """呼叫中心的 IVR 语音菜单（树形结构），可以检查、显示和模拟拨号。

    Interactive voice menu (IVR 语音菜单) of a call centre, as a tree of nodes.

    A node is either a *menu* (its prompt lists options, each a key leading to
    a child node) or an *action* leaf (转人工, 播报余额, ...).  Build with
    :meth:`add_node` and :meth:`add_option` (or :meth:`from_dict`); an option
    may also lead to :attr:`BACK` (返回上一级) or :attr:`REPEAT` (重听).

    :meth:`validate` lists every defect: an option to a node that does not
    exist (``dead_end``), a menu with no options and no action
    (``leaf_without_action``), a node with both options and an action
    (``action_with_options``), a node no key path reaches (``unreachable``),
    a node reached twice or in a loop (``not_a_tree``), a path longer than
    ``max_depth`` key presses (``too_deep``), keys other than 0-9 * #
    (``invalid_key``) and a key used twice in one menu (``duplicate_key``).
    """

    BACK = "<返回上一级>"
    REPEAT = "<重听>"

    def __init__(self, greeting: str = "欢迎致电客服热线", max_depth: int = 3, root: str = "root"):
        if isinstance(max_depth, bool) or not float(max_depth).is_integer() or max_depth < 1:
            raise input_error("max_depth", "必须是不小于 1 的整数", "must be a whole number >= 1")
        self.max_depth = int(max_depth)
        self.root = root
        self.nodes: dict[str, dict] = {}
        self.options: dict[str, list[tuple[str, str]]] = {}
        self.add_node(root, "主菜单", prompt=greeting)

    def add_node(self, node_id: str, label: str, prompt: str = "", action: str = "") -> "IVRMenu":
        """Add a node; ``label`` is read out in its parent's menu, ``action`` makes it a leaf."""
        if not isinstance(node_id, str) or not node_id or node_id in (self.BACK, self.REPEAT):
            raise input_error("node_id", "节点编号必须是非空字符串", "the node id must be a non-empty string")
        if node_id in self.nodes:
            raise input_error("node_id", f"节点 {node_id!r} 已存在", f"node {node_id!r} already exists")
        self.nodes[node_id] = {"label": label, "prompt": prompt, "action": action}
        self.options[node_id] = []
        return self

    def add_option(self, parent: str, key: str, child: str) -> "IVRMenu":
        """Let key ``key`` in menu ``parent`` lead to ``child`` (checked by :meth:`validate`)."""
        if parent not in self.nodes:
            raise input_error("parent", f"节点 {parent!r} 不存在", f"no node {parent!r}")
        self.options[parent].append((str(key), child))
        return self

    @classmethod
    def from_dict(cls, spec: dict, max_depth: int = 3) -> "IVRMenu":
        """Build from nested dicts: {"prompt": ..., "options": {key: {"label", "action" | "options"}}}.

        Node ids are the key paths ("1", "1-2", ...); a string value BACK or
        REPEAT in ``options`` is a navigation key.
        """
        if not isinstance(spec, dict):
            raise input_error("spec", "应该是字典：{\"prompt\": ..., \"options\": {按键: {...}}}",
                              "should be a dict: {'prompt': ..., 'options': {key: {...}}}")
        menu = cls(spec.get("prompt", "欢迎致电客服热线"), max_depth)

        def add_children(parent_id, parent_spec, path):
            options = parent_spec.get("options", {})
            where = "-".join(path) or "主菜单"
            if not isinstance(options, dict):
                raise input_error("spec", f"{where} 的 \"options\" 应该是字典 {{按键: 子菜单}}，现在是 "
                                  f"{type(options).__name__}",
                                  f"'options' of {where} should be a dict {{key: submenu}}, "
                                  f"not {type(options).__name__}")
            for key, child in options.items():
                if isinstance(child, str) and child in (cls.BACK, cls.REPEAT):
                    menu.add_option(parent_id, key, child)
                    continue
                if not isinstance(child, dict):
                    raise input_error("spec", f"{where} 的按键 {key!r} 对应 {child!r}：每个按键应该对应一个字典"
                                      "（{\"label\": ..., \"action\": ...} 或带 \"options\" 的子菜单），"
                                      "返回上一级写 IVRMenu.BACK，重听写 IVRMenu.REPEAT",
                                      f"key {key!r} of {where} maps to {child!r}; each key needs a dict "
                                      "(label and action, or a submenu with options), or IVRMenu.BACK / "
                                      "IVRMenu.REPEAT")
                child_id = "-".join([*path, str(key)])
                menu.add_node(child_id, child.get("label", ""), child.get("prompt", ""),
                              child.get("action", ""))
                menu.add_option(parent_id, key, child_id)
                add_children(child_id, child, [*path, str(key)])

        add_children(menu.root, spec, [])
        return menu

    # -- checks
    def validate(self, raise_errors: bool = False) -> list[IVRProblem]:
        """All defects of the menu (empty list when it is fine); optionally raise them together."""
        problems = []

        def report(kind, node, zh, en):
            problems.append(IVRProblem(kind, node, zh, en))

        for node, spec in self.nodes.items():
            seen = set()
            for key, child in self.options[node]:
                if key not in VALID_KEYS:
                    report("invalid_key", node, f"按键 {key!r} 无效，只能用 0-9、* 或 #",
                           f"key {key!r} is invalid; use 0-9, * or #")
                if key in seen:
                    report("duplicate_key", node, f"同一菜单中按键 {key!r} 重复",
                           f"key {key!r} is used more than once in this menu")
                seen.add(key)
                if child not in self.nodes and child not in (self.BACK, self.REPEAT):
                    report("dead_end", node, f"按键 {key!r} 通向不存在的节点 {child!r}，来电者会走进死胡同",
                           f"key {key!r} leads to the missing node {child!r}, a dead end")
                if child == self.BACK and node == self.root:
                    report("dead_end", node, "主菜单没有上一级，不能设“返回上一级”",
                           "the main menu has no parent to go back to")
            has_children = any(c in self.nodes for _, c in self.options[node])
            if spec["action"] and self.options[node]:
                report("action_with_options", node, "节点既有动作又有子菜单，来电者不知会发生什么",
                       "the node has both an action and options")
            elif not spec["action"] and not has_children:
                report("leaf_without_action", node, "末端节点没有动作（如转人工、播报信息）",
                       "a leaf node has no action (e.g. transfer to an agent, play information)")

        depth = {self.root: 0}
        frontier = [self.root]
        while frontier:
            node = frontier.pop()
            for key, child in self.options[node]:
                if child not in self.nodes:
                    continue
                if child in depth:
                    report("not_a_tree", child, f"节点被多个按键到达或构成循环（经由 {node!r} 的按键 {key!r}）",
                           f"node is reached twice or in a loop (via key {key!r} of {node!r})")
                    continue
                depth[child] = depth[node] + 1
                if depth[child] > self.max_depth:
                    report("too_deep", child, f"需按 {depth[child]} 次键才能到达，超过 {self.max_depth} 层上限",
                           f"needs {depth[child]} key presses, more than the limit of {self.max_depth}")
                frontier.append(child)
        for node in self.nodes:
            if node not in depth:
                report("unreachable", node, "没有任何按键路径能到达该节点",
                       "no key path from the main menu reaches this node")
        if raise_errors and problems:
            raise input_error("menu", "；".join(p.zh + f"（{p.node}）" for p in problems),
                              "; ".join(f"{p.en} ({p.node})" for p in problems))
        return problems

    # -- speaking and walking
    def prompt(self, node: str) -> str:
        """The sentence the system speaks at ``node`` (Chinese)."""
        if node not in self.nodes:
            raise input_error("node", f"节点 {node!r} 不存在", f"no node {node!r}")
        spec = self.nodes[node]
        if spec["action"]:
            return spec["prompt"] or f"正在为您{spec['action']}，请稍候。"
        parts = []
        for key, child in self.options[node]:
            label = {self.BACK: "返回上一级", self.REPEAT: "重听"}.get(child)
            label = label or self.nodes.get(child, {}).get("label", child)
            parts.append(f"{label}请按{key}")
        opening = spec["prompt"] or f"{spec['label']}。"
        return f"{opening.rstrip('。，,')}，{'，'.join(parts)}。"

    def prompts(self) -> pd.DataFrame:
        """Every node's spoken prompt, in tree order: node, depth, label, prompt."""
        rows = [{"node": n, "depth": d, "label": self.nodes[n]["label"], "prompt": self.prompt(n)}
                for n, d, _ in self._walk()]
        return pd.DataFrame(rows)

    def _walk(self):
        """(node, depth, key) in depth-first order; the menu must be a valid tree."""
        stack = [(self.root, 0, "")]
        while stack:
            node, depth, key = stack.pop()
            yield node, depth, key
            children = [(c, depth + 1, k) for k, c in self.options[node] if c in self.nodes]
            stack.extend(reversed(children))

    def render(self) -> str:
        """The tree as indented text (菜单结构); each menu's 返回/重听 keys follow its options."""
        self.validate(raise_errors=True)
        lines: list[str] = []

        def add(node: str, depth: int, key: str) -> None:
            spec = self.nodes[node]
            text = spec["label"] + (f" → {spec['action']}" if spec["action"] else "")
            lines.append(("    " * (depth - 1) + f"[{key}] " if depth else "") + text)
            for k, child in self.options[node]:
                if child in self.nodes:
                    add(child, depth + 1, k)
            for k, child in self.options[node]:
                if child in (self.BACK, self.REPEAT):
                    lines.append("    " * depth + f"[{k}] " + child.strip("<>"))

        add(self.root, 0, "")
        return "\n".join(lines)

    def __str__(self):
        return self.render()

    def simulate(self, keys) -> pd.DataFrame:
        """Play a caller's key presses (e.g. "21" or ["2", "1"]) through the menu.

        Returns one row per step: step, key ("" for the greeting), node,
        spoken prompt and outcome (进入菜单 / 执行动作 / 返回上一级 / 重听 /
        按键无效，请重新输入 / 已转入动作，按键被忽略).  The menu must validate.
        """
        self.validate(raise_errors=True)
        if isinstance(keys, str):
            keys = list(keys)
        keys = [str(k) for k in keys]
        path = [self.root]
        rows = [{"step": 0, "key": "", "node": self.root, "prompt": self.prompt(self.root),
                 "outcome": "进入菜单"}]
        for key in keys:
            node = path[-1]
            if self.nodes[node]["action"]:
                outcome = "已转入动作，按键被忽略"
            else:
                target = dict(self.options[node]).get(key)
                if target is None:
                    outcome = "按键无效，请重新输入"
                elif target == self.BACK:
                    path.pop()
                    outcome = "返回上一级"
                elif target == self.REPEAT:
                    outcome = "重听"
                else:
                    path.append(target)
                    outcome = "执行动作" if self.nodes[target]["action"] else "进入菜单"
            rows.append({"step": len(rows), "key": key, "node": path[-1],
                         "prompt": self.prompt(path[-1]), "outcome": outcome})
        return pd.DataFrame(rows).set_index("step")
