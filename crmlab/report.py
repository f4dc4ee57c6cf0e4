"""Survey-report helpers (调查报告写作助手) for the training guide's report labs.

The guide (实训1, 实训4) asks each group of 4-6 students to write a survey
report on a company, in three parts:

=====  ==========================  ============================================
part   content                     keys in the outline dict
=====  ==========================  ============================================
开头   the thesis (论点)           ``"论点"``
正文   the evidence (论据)         ``"理论依据"`` (theory), ``"实例资料"`` (cases, data)
结尾   conclusion and suggestions  ``"结论"``, ``"建议"`` (a list, one suggestion each)
=====  ==========================  ============================================

plus a title ``"标题"``.  An outline is a plain dict::

    outline = report.outline_template()
    outline["标题"] = "XX超市客户关系管理调查报告"
    outline["开头"]["论点"] = "..."
    outline["结尾"]["建议"] = ["...", "..."]

and the group's division of labour (小组分工表) a DataFrame with columns
姓名 (name), 角色 (role: exactly one 项目负责人, project leader) and 职责 (duty).

- :func:`check_outline` and :func:`check_team` return the problems found, in
  Chinese, as a :class:`Feedback` list (empty = nothing missing);
- :func:`export_docx` writes the report as a Word file with Chinese headings
  and fonts (宋体 body, 黑体 headings, set as East Asian fonts so Word shows
  them); :func:`docx_text` reads the text of such a file back.

Text lengths are counted in characters without whitespace (a Chinese
character counts 1).  python-docx is imported only when a Word file is written
or read, so ``import crmlab.report`` stays light.
"""
from __future__ import annotations

import copy
import io
import re
from pathlib import Path

import pandas as pd

from ._checks import input_error

__all__ = ["OUTLINE_PARTS", "MIN_CHARS", "TEAM_COLUMNS", "LEADER_ROLE", "Feedback",
           "outline_template", "count_chars", "check_outline", "check_team",
           "outline_markdown", "export_docx", "docx_text"]

#: the three parts of a report and the items of each, in order
OUTLINE_PARTS = {
    "开头": ("论点",),
    "正文": ("理论依据", "实例资料"),
    "结尾": ("结论", "建议"),
}
#: what each part is called in the exported report
PART_HEADINGS = {"开头": "一、开头：论点", "正文": "二、正文：论据", "结尾": "三、结尾：结论与建议"}
ITEM_HEADINGS = {"理论依据": "（一）理论依据", "实例资料": "（二）实例资料",
                 "结论": "（一）结论", "建议": "（二）建议"}

#: default minimum length (characters without whitespace) of each text; "建议" is per suggestion
MIN_CHARS = {"标题": 6, "论点": 20, "理论依据": 80, "实例资料": 80, "结论": 40, "建议": 10}
MIN_SUGGESTIONS = 2

TEAM_COLUMNS = ("姓名", "角色", "职责")
LEADER_ROLE = "项目负责人"
#: words that mark the member who compiles the final text (总纂/统稿, required by the guide)
EDITOR_WORDS = ("总纂", "统稿", "汇总定稿", "定稿")

BODY_FONT = ("Times New Roman", "宋体")     # (Latin, East Asian)
HEADING_FONT = ("Times New Roman", "黑体")


class Feedback(list):
    """检查结果：问题清单（中文句子），为空表示要求的内容都有了。

    A list of problems (Chinese sentences); empty means everything required is there.

    Shown in a notebook as a numbered Chinese list, or a tick when empty.
    """

    def __init__(self, problems=(), subject: str = "检查"):
        if isinstance(problems, str) or not hasattr(problems, "__iter__"):
            raise input_error("problems", f"应为问题描述的列表，实际为 {type(problems).__name__}",
                              f"expected a list of problem sentences, got {type(problems).__name__}")
        problems = list(problems)
        if not all(isinstance(p, str) for p in problems):
            raise input_error("problems", "每个问题都应是一句文字（str）", "every problem must be a sentence (str)")
        if not isinstance(subject, str):
            raise input_error("subject", "应为文字（str）", "expected text (str)")
        super().__init__(problems)
        self.subject = subject

    @property
    def ok(self) -> bool:
        return len(self) == 0

    def __str__(self) -> str:
        if self.ok:
            return f"✓ {self.subject}通过：没有发现缺漏。"
        lines = [f"✗ {self.subject}还有 {len(self)} 处需要修改："]
        lines += [f"  {i}. {problem}" for i, problem in enumerate(self, start=1)]
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_pretty_(self, printer, cycle):  # IPython display
        printer.text(str(self))


def outline_template() -> dict:
    """空白的调查报告提纲（开头 论点 / 正文 论据 / 结尾 结论）

    An empty outline: ``{"标题": "", "开头": {"论点": ""}, "正文": {...}, "结尾": {...}}``."""
    outline = {"标题": ""}
    for part, items in OUTLINE_PARTS.items():
        outline[part] = {item: ([] if item == "建议" else "") for item in items}
    return copy.deepcopy(outline)


def count_chars(text: str) -> int:
    """字数：不计空白的字符数 / Length of ``text`` in characters, whitespace not counted."""
    if not isinstance(text, str):
        raise input_error("text", f"应为文字（str），实际为 {type(text).__name__}",
                          f"expected text (str), got {type(text).__name__}")
    return len(re.sub(r"\s+", "", text))


def _text(value, argument: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise input_error(argument, f"应为文字（str），实际为 {type(value).__name__}；请把内容写在引号里",
                          f"expected text (str), got {type(value).__name__}; put the text in quotes")
    return value.strip()


def _suggestions(value, argument: str = "outline['结尾']['建议']") -> list[str]:
    """The suggestions as a list of texts: a list/tuple of str, or one str with one per line."""
    if value is None:
        return []
    if isinstance(value, str):
        items = value.splitlines()
    elif isinstance(value, (list, tuple, pd.Series)):
        items = list(value)
    else:
        raise input_error(argument, f"应为文字列表，如 [\"建议一\", \"建议二\"]，实际为 {type(value).__name__}",
                          f"expected a list of texts such as [\"suggestion 1\", \"suggestion 2\"], "
                          f"got {type(value).__name__}")
    out = []
    for i, item in enumerate(items, start=1):
        if not isinstance(item, str):
            raise input_error(argument, f"第 {i} 条建议应为文字（str），实际为 {type(item).__name__}",
                              f"suggestion {i} should be text (str), got {type(item).__name__}")
        item = re.sub(r"^\s*(\d+[.、．)）]|[（(]\d+[)）]|[-•·])\s*", "", item).strip()
        if item:
            out.append(item)
    return out


def _require_outline(outline) -> None:
    if not isinstance(outline, dict):
        raise input_error("outline", f"应为字典（dict），可先用 report.outline_template() 得到模板，实际为 "
                          f"{type(outline).__name__}",
                          f"expected a dict (start from report.outline_template()), got {type(outline).__name__}")
    for part in OUTLINE_PARTS:
        if part in outline and not isinstance(outline[part], dict):
            raise input_error(f"outline['{part}']",
                              f"应为字典，包含 {'、'.join(OUTLINE_PARTS[part])}；实际为 {type(outline[part]).__name__}",
                              f"expected a dict with the items {list(OUTLINE_PARTS[part])}, got "
                              f"{type(outline[part]).__name__}")


def _min_chars(min_chars) -> dict:
    limits = dict(MIN_CHARS)
    if min_chars is not None:
        if not isinstance(min_chars, dict):
            raise input_error("min_chars", "应为字典，如 {\"论点\": 30}", "expected a dict such as {\"论点\": 30}")
        for key, value in min_chars.items():
            if key not in limits:
                raise input_error("min_chars", f"未知的项 {key!r}，可用：{list(limits)}",
                                  f"unknown item {key!r}; use one of {list(limits)}")
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise input_error("min_chars", f"{key} 的字数下限应为非负整数", f"the limit for {key} must be a "
                                  "non-negative whole number")
        limits.update(min_chars)
    return limits


def check_outline(outline, *, min_chars: dict | None = None,
                  min_suggestions: int = MIN_SUGGESTIONS) -> Feedback:
    """检查调查报告提纲，列出缺少或太短的部分。

    Check a survey-report outline (检查调查报告提纲) and list what is missing, in Chinese.

    Checks: the title and the three parts 开头 / 正文 / 结尾 are present with
    all their items (see ``OUTLINE_PARTS``); each text is at least
    ``min_chars[item]`` characters long (defaults ``MIN_CHARS``; whitespace not
    counted); 建议 lists at least ``min_suggestions`` suggestions, each at least
    ``min_chars["建议"]`` characters; no unknown keys (usually a typo).

    Returns a :class:`Feedback` (a list of problems; empty = complete).  Wrong
    types (outline not a dict, a text not a str) raise ``CRMLabInputError``.
    """
    _require_outline(outline)
    limits = _min_chars(min_chars)
    if not isinstance(min_suggestions, int) or isinstance(min_suggestions, bool) or min_suggestions < 1:
        raise input_error("min_suggestions", "应为正整数", "must be a positive whole number")
    problems = []

    def length_problem(label: str, text: str, limit: int):
        n = count_chars(text)
        if n == 0:
            problems.append(f"「{label}」还是空的，请填写内容。")
        elif n < limit:
            problems.append(f"「{label}」太短：现有 {n} 字，至少需要 {limit} 字。")

    known = {"标题", *OUTLINE_PARTS}
    for key in outline:
        if key not in known:
            problems.append(f"提纲里有未知的部分「{key}」，可用的部分：标题、开头、正文、结尾（是不是写错了字？）。")
    if "标题" not in outline:
        problems.append("缺少「标题」，如“XX超市客户关系管理调查报告”。")
    else:
        length_problem("标题", _text(outline["标题"], "outline['标题']"), limits["标题"])

    for part, items in OUTLINE_PARTS.items():
        if part not in outline:
            problems.append(f"缺少「{part}」部分（应包含：{'、'.join(items)}）。")
            continue
        section = outline[part]
        for key in section:
            if key not in items:
                problems.append(f"「{part}」里有未知的项「{key}」，这一部分的项是：{'、'.join(items)}。")
        for item in items:
            label = f"{part} · {item}"
            if item not in section:
                problems.append(f"「{part}」缺少「{item}」。")
            elif item == "建议":
                suggestions = _suggestions(section[item], f"outline['{part}']['{item}']")
                if len(suggestions) < min_suggestions:
                    problems.append(f"「{label}」只列了 {len(suggestions)} 条，至少需要 {min_suggestions} 条，"
                                    "每条一句话写进列表。")
                for i, text in enumerate(suggestions, start=1):
                    if count_chars(text) < limits["建议"]:
                        problems.append(f"「{label}」第 {i} 条太短：现有 {count_chars(text)} 字，"
                                        f"至少需要 {limits['建议']} 字，说清楚谁来做、做什么。")
            else:
                length_problem(label, _text(section[item], f"outline['{part}']['{item}']"), limits[item])
    return Feedback(problems, subject="报告提纲检查")


def _team_frame(team) -> pd.DataFrame:
    if isinstance(team, list) and all(isinstance(row, dict) for row in team):
        team = pd.DataFrame(team)
    if not isinstance(team, pd.DataFrame):
        raise input_error("team", f"应为 DataFrame（或字典列表），列为 姓名、角色、职责；实际为 {type(team).__name__}",
                          f"expected a DataFrame (or a list of dicts) with columns 姓名, 角色, 职责; got "
                          f"{type(team).__name__}")
    missing = [c for c in TEAM_COLUMNS if c not in team.columns]
    if missing:
        raise input_error("team", f"缺少列 {'、'.join(missing)}（现有列：{list(team.columns)}）",
                          f"missing column(s) {missing} (available: {list(team.columns)})")
    out = team[list(TEAM_COLUMNS)].copy()
    for column in TEAM_COLUMNS:
        out[column] = out[column].map(lambda v: "" if v is None or (isinstance(v, float) and v != v)
                                      else str(v).strip())
    return out


def check_team(team, *, min_size: int = 4, max_size: int = 6, leader_role: str = LEADER_ROLE,
               require_editor: bool = True) -> Feedback:
    """检查小组分工表（4-6 人、一名负责人等要求）

    Check a group's division-of-labour table (检查小组分工表), as the training guide asks.

    ``team`` is a DataFrame (or a list of dicts) with columns 姓名, 角色, 职责, one
    row per member.  Checks: ``min_size``-``max_size`` members (guide: 4-6);
    every name filled in and no name twice; exactly one member whose 角色 is
    ``leader_role`` (项目负责人); every member has a role and a duty of at least
    4 characters; and, when ``require_editor``, someone's duty mentions
    compiling the final text (总纂 or 统稿), since the guide has one person
    compile the report before handing it in.

    Returns a :class:`Feedback` (a list of problems in Chinese; empty = fine).
    A table that is not a DataFrame or lacks a column raises ``CRMLabInputError``.
    """
    for name, value in (("min_size", min_size), ("max_size", max_size)):
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise input_error(name, "应为正整数", "must be a positive whole number")
    if min_size > max_size:
        raise input_error("min_size", f"不能大于 max_size（{max_size}）", f"must not exceed max_size ({max_size})")
    table = _team_frame(team)
    problems = []
    n = len(table)
    if not min_size <= n <= max_size:
        problems.append(f"小组有 {n} 人，实训要求每组 {min_size}～{max_size} 人。")
    names = table["姓名"]
    if (names == "").any():
        problems.append(f"有 {int((names == '').sum())} 行没有填写姓名。")
    duplicated = sorted(set(names[names.duplicated() & (names != "")]))
    if duplicated:
        problems.append(f"姓名重复：{'、'.join(duplicated)}（每位组员只占一行）。")
    leaders = int((table["角色"] == leader_role).sum())
    if leaders == 0:
        problems.append(f"没有{leader_role}：每组必须确定一位{leader_role}（角色一栏写“{leader_role}”）。")
    elif leaders > 1:
        problems.append(f"有 {leaders} 位{leader_role}，每组只能有一位，其他人的角色请写“组员”等。")
    for _, row in table.iterrows():
        who = row["姓名"] or "（无名）"
        if row["角色"] == "":
            problems.append(f"{who} 没有填写角色（如“组员”）。")
        if count_chars(row["职责"]) < 4:
            problems.append(f"{who} 的职责没写或太笼统，请写清楚他/她具体负责什么（至少 4 个字）。")
    if require_editor and not any(any(w in duty for w in EDITOR_WORDS) for duty in table["职责"]):
        problems.append("没有人负责总纂（统稿）：实训要求分工撰写后由一人总纂交稿，请在某位组员的职责里写明。")
    return Feedback(problems, subject="小组分工表检查")


def outline_markdown(outline) -> str:
    """把提纲转成 Markdown 文本（提纲预览）

    The outline as Markdown text (提纲预览), e.g. ``display(Markdown(outline_markdown(o)))``."""
    _require_outline(outline)
    title = _text(outline.get("标题"), "outline['标题']") or "（未填写标题）"
    lines = [f"# {title}", ""]
    for part, items in OUTLINE_PARTS.items():
        section = outline.get(part, {})
        lines += [f"## {PART_HEADINGS[part]}", ""]
        for item in items:
            if item in ITEM_HEADINGS:
                lines += [f"### {ITEM_HEADINGS[item]}", ""]
            if item == "建议":
                suggestions = _suggestions(section.get(item), f"outline['{part}']['{item}']")
                lines += [f"{i}. {s}" for i, s in enumerate(suggestions, start=1)] or ["（未填写）"]
            else:
                lines.append(_text(section.get(item), f"outline['{part}']['{item}']") or "（未填写）")
            lines.append("")
    return "\n".join(lines)


# --------------------------------------------------------------------------- Word export

def _set_run_fonts(rpr_parent, latin: str, east_asia: str) -> None:
    """Set Latin and East Asian fonts on a style or run element, dropping theme fonts
    (a theme font would override the explicit one, and Word would show no Chinese font)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rpr = rpr_parent.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:cs"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)


def _style(document, name: str, fonts, size_pt: float, bold: bool | None = None) -> None:
    from docx.shared import Pt, RGBColor

    style = document.styles[name]
    style.font.size = Pt(size_pt)
    if bold is not None:
        style.font.bold = bold
    style.font.color.rgb = RGBColor(0, 0, 0)
    _set_run_fonts(style.element, *fonts)


def _chinese_language(document) -> None:
    """Mark the default language of East Asian text as Simplified Chinese."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rpr = document.styles["Normal"].element.get_or_add_rPr()
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")


def _paragraphs(document, text: str) -> None:
    from docx.shared import Pt

    for block in [b.strip() for b in text.splitlines() if b.strip()]:
        paragraph = document.add_paragraph(block)
        paragraph.paragraph_format.first_line_indent = Pt(24)  # two Chinese characters


def _figures(figures) -> list[tuple[str, object]]:
    if figures is None:
        return []
    if isinstance(figures, dict):
        items = list(figures.items())
    elif isinstance(figures, (list, tuple)):
        items = list(figures)
    else:
        raise input_error("figures", "应为 {图题: 图} 字典或 [(图题, 图), ...] 列表",
                          "expected a dict {caption: figure} or a list [(caption, figure), ...]")
    out = []
    for i, item in enumerate(items, start=1):
        if not (isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str)):
            raise input_error("figures", f"第 {i} 项应为 (图题, 图) 二元组", f"item {i} must be a (caption, figure) pair")
        caption, figure = item
        if hasattr(figure, "savefig"):
            buffer = io.BytesIO()
            figure.savefig(buffer, format="png", dpi=150, bbox_inches="tight")
            buffer.seek(0)
            out.append((caption, buffer))
        elif isinstance(figure, (str, Path)) and Path(figure).is_file():
            out.append((caption, str(figure)))
        else:
            raise input_error("figures", f"第 {i} 项的图应为 matplotlib 图（Figure）或已存在的图片文件",
                              f"item {i}: the figure must be a matplotlib Figure or an existing image file")
    return out


def export_docx(outline, path, *, team=None, figures=None, author: str | None = None,
                strict: bool = True) -> Path:
    """把调查报告导出为 Word 文档（.docx）

    Write the survey report to a Word file (导出调查报告为 Word 文档); return its path.

    Layout: the title (黑体, centred), an optional ``author`` line (e.g. the
    group), then 一、开头：论点 / 二、正文：论据 (（一）理论依据, （二）实例资料,
    then the ``figures``) / 三、结尾：结论与建议 (（一）结论, （二）建议 numbered
    1., 2., ...), and, if ``team`` is given, the division-of-labour table
    (附：小组分工表).  Body text is 宋体 小四 (12 pt) with a two-character
    first-line indent; headings are 黑体.  The Chinese fonts are set as East
    Asian fonts (``w:eastAsia``), so Word displays them.  Each line of a text
    becomes a paragraph.

    ``figures``: ``{caption: figure}`` or ``[(caption, figure), ...]`` with
    matplotlib Figures or image files.  With ``strict`` (default) an outline
    that :func:`check_outline` finds incomplete is refused with the list of
    problems; ``strict=False`` exports a draft anyway.  ``path`` must end in
    ``.docx``; its folder must exist.
    """
    _require_outline(outline)
    path = Path(path)
    if path.suffix.lower() != ".docx":
        raise input_error("path", f"文件名应以 .docx 结尾，实际为 {path.name!r}",
                          f"the file name must end in .docx, got {path.name!r}")
    if not path.parent.is_dir():
        raise input_error("path", f"文件夹 {str(path.parent)!r} 不存在", f"folder {str(path.parent)!r} does not exist")
    if strict:
        problems = check_outline(outline)
        if problems:
            listed = "；".join(problem.rstrip("。") for problem in problems)
            raise input_error("outline", f"提纲还不完整，请先按提示修改（或用 strict=False 导出草稿）：{listed}",
                              f"the outline is incomplete ({len(problems)} problem(s), listed in the Chinese part); "
                              "fix them or export a draft with strict=False")
    table = _team_frame(team) if team is not None else None
    images = _figures(figures)

    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    document = Document()
    _style(document, "Normal", BODY_FONT, 12)
    _chinese_language(document)
    document.styles["Normal"].paragraph_format.line_spacing = 1.5
    _style(document, "Title", HEADING_FONT, 22, bold=True)
    _style(document, "Heading 1", HEADING_FONT, 16, bold=True)
    _style(document, "Heading 2", HEADING_FONT, 14, bold=True)
    _style(document, "Caption", BODY_FONT, 10.5, bold=False)

    title = _text(outline.get("标题"), "outline['标题']") or "调查报告"
    heading = document.add_heading(title, level=0)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if author:
        line = document.add_paragraph(_text(author, "author"))
        line.alignment = WD_ALIGN_PARAGRAPH.CENTER

    for part, items in OUTLINE_PARTS.items():
        section = outline.get(part, {})
        document.add_heading(PART_HEADINGS[part], level=1)
        for item in items:
            if item in ITEM_HEADINGS:
                document.add_heading(ITEM_HEADINGS[item], level=2)
            if item == "建议":
                for i, text in enumerate(_suggestions(section.get(item), f"outline['{part}']['{item}']"), 1):
                    paragraph = document.add_paragraph(f"{i}. {text}")
                    paragraph.paragraph_format.first_line_indent = Pt(24)
            else:
                _paragraphs(document, _text(section.get(item), f"outline['{part}']['{item}']"))
            if item == "实例资料":
                for number, (caption, image) in enumerate(images, start=1):
                    document.add_picture(image, width=Cm(15))
                    document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
                    cap = document.add_paragraph(f"图{number}　{caption}", style="Caption")
                    cap.alignment = WD_ALIGN_PARAGRAPH.CENTER

    if table is not None:
        document.add_heading("附：小组分工表", level=1)
        grid = document.add_table(rows=1, cols=len(TEAM_COLUMNS))
        grid.style = "Table Grid"
        for cell, name in zip(grid.rows[0].cells, TEAM_COLUMNS):
            cell.text = name
            for run in cell.paragraphs[0].runs:
                run.bold = True
        for _, row in table.iterrows():
            cells = grid.add_row().cells
            for cell, name in zip(cells, TEAM_COLUMNS):
                cell.text = row[name]

    document.save(path)
    return path


def docx_text(path) -> str:
    """读出 Word 文件的全部文字（先段落、后表格），每段一行。

    All text of a Word file (paragraphs, then table cells), one paragraph per line."""
    path = Path(path)
    if not path.is_file():
        raise input_error("path", f"文件 {str(path)!r} 不存在", f"file {str(path)!r} does not exist")
    from docx import Document

    try:
        document = Document(str(path))
    except Exception as exc:  # python-docx raises several types for a non-docx file
        raise input_error("path", f"无法作为 Word 文档打开（{type(exc).__name__}）",
                          f"cannot be opened as a Word document ({type(exc).__name__})") from None
    lines = [p.text for p in document.paragraphs]
    for grid in document.tables:
        for row in grid.rows:
            lines.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(lines)
