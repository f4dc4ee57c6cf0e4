"""Survey-report helpers: outline and team checks in Chinese, Word export, bad input."""
import subprocess
import sys
import zipfile

import pandas as pd
import pytest

from crmlab import CRMLabInputError
from crmlab import report


def full_outline():
    outline = report.outline_template()
    outline["标题"] = "XX超市客户关系管理调查报告"
    outline["开头"]["论点"] = "整合分散在各部门的客户信息，是XX超市提高会员忠诚度的关键一步。"
    outline["正文"]["理论依据"] = ("客户关系管理以客户为中心，通过识别客户、区分客户、与客户保持接触、"
                              "按客户需求调整产品和服务来提高客户价值。实施时先把各渠道的业务和数据"
                              "集成到同一平台，再分析数据，最后依据分析结果调整经营决策，形成闭环。")
    outline["正文"]["实例资料"] = ("XX超市有7家门店、14.2万名会员。2025年共收到630件投诉，收银排队最多；"
                              "火车站店每万名会员的投诉件数最高。只有不到一半的投诉由顾客关系部受理，"
                              "其余分散在客服中心、营运部、电商部和会员中心。\n"
                              "营运部每月接触顾客最多，却不记录顾客信息。")
    outline["结尾"]["结论"] = "XX超市做客户工作的部门不少，但各管一段、信息不通，应当先把客户信息集中起来再谈精细化服务。"
    outline["结尾"]["建议"] = ["由顾客关系部牵头，建立统一的会员与投诉信息平台",
                            "火车站店高峰时段增开收银通道并推广自助收银",
                            "每月分析投诉数据，把结果反馈给采购和营运部门"]
    return outline


def good_team():
    return pd.DataFrame({"姓名": ["王芳", "李强", "张伟", "刘洋", "陈静"],
                         "角色": ["项目负责人", "组员", "组员", "组员", "组员"],
                         "职责": ["制订计划、分工协调、总纂定稿", "联系企业并访谈顾客关系部", "整理投诉数据并作图",
                                "撰写理论依据部分", "撰写结论与建议并校对"]})


# ---------------------------------------------------------------- outline


def test_template_is_fresh_and_lists_everything_missing():
    first = report.outline_template()
    first["开头"]["论点"] = "改过"
    assert report.outline_template()["开头"]["论点"] == ""
    problems = report.check_outline(report.outline_template())
    assert not problems.ok and len(problems) == 6
    text = "\n".join(problems)
    for label in ("标题", "开头 · 论点", "正文 · 理论依据", "正文 · 实例资料", "结尾 · 结论", "结尾 · 建议"):
        assert label in text
    assert "还有 6 处" in str(problems)


def test_complete_outline_passes():
    problems = report.check_outline(full_outline())
    assert problems == [] and problems.ok
    assert "✓" in str(problems) and "通过" in repr(problems)


def test_missing_parts_and_items_are_named_in_chinese():
    outline = full_outline()
    del outline["正文"]
    del outline["结尾"]["结论"]
    problems = report.check_outline(outline)
    assert any("缺少「正文」部分" in p and "理论依据" in p for p in problems)
    assert any("「结尾」缺少「结论」" in p for p in problems)


def test_too_short_texts_report_their_length():
    outline = full_outline()
    outline["正文"]["理论依据"] = "客户很重要。"
    problems = report.check_outline(outline)
    assert problems == ["「正文 · 理论依据」太短：现有 6 字，至少需要 80 字。"]
    assert report.check_outline(outline, min_chars={"理论依据": 5}).ok


def test_whitespace_does_not_count():
    assert report.count_chars(" 客户\n关系 管理\t") == 6
    outline = full_outline()
    outline["开头"]["论点"] = "短" + " " * 40
    assert any("开头 · 论点" in p and "现有 1 字" in p for p in report.check_outline(outline))


def test_suggestions_count_and_length():
    outline = full_outline()
    outline["结尾"]["建议"] = ["加强管理"]
    problems = report.check_outline(outline)
    assert any("只列了 1 条，至少需要 2 条" in p for p in problems)
    assert any("第 1 条太短" in p for p in problems)
    # One string with one suggestion per line (numbering stripped) is accepted too.
    outline["结尾"]["建议"] = "1. 由顾客关系部牵头建立统一的客户信息平台\n2、火车站店高峰时段增开收银通道"
    assert report.check_outline(outline).ok
    assert report.check_outline(outline, min_suggestions=3) == \
        ["「结尾 · 建议」只列了 2 条，至少需要 3 条，每条一句话写进列表。"]


def test_unknown_keys_are_flagged_as_probable_typos():
    outline = full_outline()
    outline["结论"] = "放错了位置"
    outline["正文"]["实例"] = "多余"
    problems = report.check_outline(outline)
    assert any("未知的部分「结论」" in p for p in problems)
    assert any("「正文」里有未知的项「实例」" in p for p in problems)


def test_outline_markdown_preview():
    text = report.outline_markdown(full_outline())
    assert text.startswith("# XX超市客户关系管理调查报告")
    assert "## 二、正文：论据" in text and "3. 每月分析投诉数据" in text
    assert "（未填写）" in report.outline_markdown(report.outline_template())


@pytest.mark.parametrize("bad, argument, fragment", [
    ("论点：...", "outline", "应为字典"),
    ({"标题": "XX超市调查报告", "开头": "客户很重要"}, "outline['开头']", "应为字典"),
    ({"标题": 2024}, "outline['标题']", "应为文字"),
    ({"结尾": {"结论": "好", "建议": 3}}, "outline['结尾']['建议']", "文字列表"),
    ({"结尾": {"结论": "好", "建议": ["好的建议", 5]}}, "outline['结尾']['建议']", "第 2 条建议"),
])
def test_bad_outline_types_raise_bilingual_errors(bad, argument, fragment):
    with pytest.raises(CRMLabInputError) as info:
        report.check_outline(bad)
    message = str(info.value)
    assert info.value.argument == argument and fragment in message
    assert message.index("参数") < message.index("Argument")


def test_bad_limits_raise():
    with pytest.raises(CRMLabInputError, match="未知的项"):
        report.check_outline(full_outline(), min_chars={"正文": 10})
    with pytest.raises(CRMLabInputError, match="非负整数"):
        report.check_outline(full_outline(), min_chars={"论点": -1})
    with pytest.raises(CRMLabInputError, match="正整数"):
        report.check_outline(full_outline(), min_suggestions=0)


# ---------------------------------------------------------------- team


def test_good_team_passes_and_list_of_dicts_is_accepted():
    assert report.check_team(good_team()).ok
    assert report.check_team(good_team().to_dict("records")).ok


def test_team_size_leader_duties_and_editor():
    team = good_team()
    assert any("小组有 3 人" in p for p in report.check_team(team.head(3)))
    seven = pd.concat([team, team.tail(2).assign(姓名=["甲", "乙"])], ignore_index=True)
    assert any("小组有 7 人" in p for p in report.check_team(seven))

    no_leader = team.assign(角色="组员")
    assert any("没有项目负责人" in p for p in report.check_team(no_leader))
    two_leaders = team.copy()
    two_leaders.loc[1, "角色"] = "项目负责人"
    assert any("有 2 位项目负责人" in p for p in report.check_team(two_leaders))

    vague = team.copy()
    vague.loc[2, "职责"] = "帮忙"
    vague.loc[3, "职责"] = None
    problems = report.check_team(vague)
    assert any(p.startswith("张伟 的职责") for p in problems)
    assert any(p.startswith("刘洋 的职责") for p in problems)

    no_editor = team.copy()
    no_editor.loc[0, "职责"] = "制订计划、分工协调"
    assert any("总纂" in p for p in report.check_team(no_editor))
    assert report.check_team(no_editor, require_editor=False).ok


def test_team_names_roles():
    team = good_team()
    team.loc[4, "姓名"] = "王芳"
    team.loc[3, "角色"] = " "
    problems = report.check_team(team)
    assert any("姓名重复：王芳" in p for p in problems)
    assert any("刘洋 没有填写角色" in p for p in problems)


def test_bad_team_input_raises_bilingual_errors():
    with pytest.raises(CRMLabInputError, match="缺少列 职责") as info:
        report.check_team(good_team().drop(columns="职责"))
    assert "Argument 'team'" in str(info.value)
    with pytest.raises(CRMLabInputError, match="应为 DataFrame"):
        report.check_team("王芳 项目负责人")
    with pytest.raises(CRMLabInputError, match="不能大于"):
        report.check_team(good_team(), min_size=6, max_size=4)


# ---------------------------------------------------------------- Word export


def test_export_opens_and_contains_the_text_with_chinese_fonts(tmp_path):
    import docx
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from crmlab.plotting import course_style

    outline = full_outline()
    with course_style():
        fig, ax = plt.subplots()
        ax.bar(["收银排队", "商品质量"], [169, 99])
        path = report.export_docx(outline, tmp_path / "报告.docx", team=good_team(),
                                  figures={"各类投诉件数": fig}, author="第3组")
    plt.close(fig)
    assert path.is_file() and zipfile.is_zipfile(path)

    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "XX超市客户关系管理调查报告" and texts[1] == "第3组"
    assert document.paragraphs[0].style.name == "Title"
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == ["一、开头：论点", "二、正文：论据", "（一）理论依据", "（二）实例资料",
                        "三、结尾：结论与建议", "（一）结论", "（二）建议", "附：小组分工表"]
    # The student's own text is there, one paragraph per line, suggestions numbered.
    assert outline["开头"]["论点"] in texts
    assert "营运部每月接触顾客最多，却不记录顾客信息。" in texts
    assert "2. 火车站店高峰时段增开收银通道并推广自助收银" in texts
    assert "图1　各类投诉件数" in texts
    assert len(document.inline_shapes) == 1
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["姓名", "角色", "职责"]
    assert [c.text for c in table.rows[1].cells] == ["王芳", "项目负责人", "制订计划、分工协调、总纂定稿"]

    # East Asian fonts set on the styles (so Word shows 宋体/黑体), no theme font overriding them.
    from docx.oxml.ns import qn
    for style, font in (("Normal", "宋体"), ("Title", "黑体"), ("Heading 1", "黑体"), ("Heading 2", "黑体")):
        fonts = document.styles[style].element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) == font
        assert fonts.get(qn("w:eastAsiaTheme")) is None and fonts.get(qn("w:asciiTheme")) is None

    text = report.docx_text(path)
    assert outline["正文"]["理论依据"] in text and "李强\t组员\t联系企业并访谈顾客关系部" in text


def test_export_refuses_an_incomplete_outline_unless_draft(tmp_path):
    outline = full_outline()
    outline["结尾"]["建议"] = []
    with pytest.raises(CRMLabInputError, match="提纲还不完整") as info:
        report.export_docx(outline, tmp_path / "r.docx")
    assert "只列了 0 条" in str(info.value) and "strict=False" in str(info.value)
    assert not (tmp_path / "r.docx").exists()
    path = report.export_docx(outline, tmp_path / "r.docx", strict=False)
    assert "（二）建议" in report.docx_text(path)


def test_export_bad_paths_and_figures(tmp_path):
    with pytest.raises(CRMLabInputError, match=r"\.docx 结尾"):
        report.export_docx(full_outline(), tmp_path / "report.doc")
    with pytest.raises(CRMLabInputError, match="不存在"):
        report.export_docx(full_outline(), tmp_path / "no" / "report.docx")
    with pytest.raises(CRMLabInputError, match="matplotlib"):
        report.export_docx(full_outline(), tmp_path / "r.docx", figures=[("图", 42)])
    with pytest.raises(CRMLabInputError, match="二元组"):
        report.export_docx(full_outline(), tmp_path / "r.docx", figures=["图"])
    with pytest.raises(CRMLabInputError, match="缺少列"):
        report.export_docx(full_outline(), tmp_path / "r.docx", team=pd.DataFrame({"姓名": ["甲"]}))


def test_docx_text_bad_files(tmp_path):
    with pytest.raises(CRMLabInputError, match="不存在"):
        report.docx_text(tmp_path / "missing.docx")
    fake = tmp_path / "fake.docx"
    fake.write_text("not a word file", encoding="utf-8")
    with pytest.raises(CRMLabInputError, match="无法作为 Word 文档打开"):
        report.docx_text(fake)


def test_import_is_light():
    code = "import sys, crmlab.report; print('docx' in sys.modules, 'matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
