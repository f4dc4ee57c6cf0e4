"""crmlab-grade roster: Excel and GBK CSV rosters as Chinese schools keep them."""
from __future__ import annotations

import pytest
from openpyxl import Workbook

from console_support import fake_course, use_venv_path
from crmlab.console.cli import main
from crmlab.console.common import ConsoleError
from crmlab.console.roster import clean_id, normalize_header, read_roster

pytest.importorskip("nbgrader")


def _xlsx(path, rows):
    wb = Workbook()
    for row in rows:
        wb.active.append(list(row))
    wb.save(path)
    return path


def _students(root):
    from nbgrader.api import Gradebook
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}", course_id="crmlab") as gb:
        return {s.id: (s.last_name, s.first_name) for s in gb.students}


@pytest.mark.parametrize("raw, expected", [
    (2026001, "2026001"), (2026001.0, "2026001"), ("2026001", "2026001"), (" 2026 001 ", "2026001"),
    ('="0260001"', "0260001"), ("'0260001", "0260001"), ("2026001.0", "2026001"), ("S2026001", "S2026001"),
    (None, ""),
])
def test_student_ids_stay_text(raw, expected):
    assert clean_id(raw) == expected


@pytest.mark.parametrize("header, column", [("学号", "学号"), ("学 号", "学号"), ("学生学号", "学号"), ("学号（必填）", "学号"),
                                            ("学生姓名", "姓名"), ("姓\u3000名", "姓名"), ("班级名称", "班级")])
def test_header_variants(header, column):
    from crmlab.console.roster import _column_for
    assert _column_for(normalize_header(header)) == column


def test_excel_roster_with_title_row_numbers_blanks_and_duplicates(tmp_path):
    path = _xlsx(tmp_path / "学生名单.xlsx", [
        ["2026级市场营销1班 学生名单"],
        ["序号", "学 号", "学生姓名", "班级名称"],
        [1, 2026001, "张三", "营销1班"],
        [2, 2026002.0, "李 四", "营销1班"],
        [3, "0260003", "王五", "营销2班"],
        [None, None, None, None],
        [4, 2026002, "李四", "营销1班"],          # duplicate row
        [5, 2026001, "张山", "营销1班"],          # same id, another name
        [6, None, "没学号", "营销2班"],
        [7, "2.02601E+11", "科学计数", "营销2班"],
        [8, 2026009, None, "营销2班"],
    ])
    read = read_roster(path)
    assert [(e.student, e.name, e.klass) for e in read.entries] == [
        ("2026001", "张三", "营销1班"), ("2026002", "李四", "营销1班"), ("0260003", "王五", "营销2班"),
        ("2026009", "", "营销2班")]
    assert read.blank_rows == [6]
    assert read.duplicates == [(7, "2026002", "李四")]
    assert read.conflicts == [(8, "2026001", "张山", "张三")]
    assert read.no_id == [(9, "没学号")]
    assert read.bad_id == [(10, "2.02601E+11")]
    assert read.no_name == [(11, "2026009")]
    assert read.columns == {"学号": "学 号", "姓名": "学生姓名", "班级": "班级名称"}


def test_gbk_csv_roster_imported_into_the_gradebook(tmp_path, capsys, monkeypatch):
    use_venv_path(monkeypatch)
    root = fake_course(tmp_path)
    text = "学号,姓名,班级\r\n=\"2026001\",张三,营销1班\r\n2026002,李四,营销2班\r\n,,\r\n"
    (tmp_path / "名单.csv").write_bytes(text.encode("gbk"))
    assert main(["roster", str(tmp_path / "名单.csv"), "--course", str(root)]) == 0
    out = capsys.readouterr().out
    assert "名单共 2 名学生：新增 2" in out and "空行 1 行" in out
    assert _students(root) == {"2026001": ("张三", ""), "2026002": ("李四", "")}
    saved = (root / ".crmlab" / "roster.csv").read_bytes()
    assert saved.startswith(b"\xef\xbb\xbf")                 # Excel opens UTF-8 with BOM
    assert saved.decode("utf-8-sig").splitlines() == ["学号,姓名,班级", "2026001,张三,营销1班", "2026002,李四,营销2班"]

    # a second class is added; a changed name is updated; --replace starts the saved roster afresh
    _xlsx(tmp_path / "二班.xlsx", [["学号", "姓名", "班级"], [2026002, "李斯", "营销2班"], [2026003, "王五", "营销2班"]])
    assert main(["--course", str(root), "roster", str(tmp_path / "二班.xlsx")]) == 0
    out = capsys.readouterr().out
    assert "新增 1，更新 1，未变 0" in out and "另有 1 名学生不在这份名单上" in out
    assert _students(root)["2026002"] == ("李斯", "")
    lines = (root / ".crmlab" / "roster.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[1:] == ["2026001,张三,营销1班", "2026002,李斯,营销2班", "2026003,王五,营销2班"]
    assert main(["roster", str(tmp_path / "二班.xlsx"), "--replace", "--course", str(root)]) == 0
    lines = (root / ".crmlab" / "roster.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[1:] == ["2026002,李斯,营销2班", "2026003,王五,营销2班"]


@pytest.mark.parametrize("rows, message", [
    ([["编号", "名字"], [1, "张三"]], "找不到“学号”和“姓名”两列"),
    ([["学号", "姓名"]], "没有可导入的学生"),
])
def test_bad_rosters_give_a_chinese_then_english_error(tmp_path, capsys, monkeypatch, rows, message):
    use_venv_path(monkeypatch)
    root = fake_course(tmp_path)
    path = _xlsx(tmp_path / "名单.xlsx", rows)
    assert main(["roster", str(path), "--course", str(root)]) == 1
    err = capsys.readouterr().err
    first, second = err.strip().splitlines()
    assert first.startswith("错误：") and message in first and second.startswith("Error: ")
    assert "Traceback" not in err


@pytest.mark.parametrize("name, data, message", [
    ("名单.xls", b"\xd0\xcf\x11\xe0", "另存为"), ("名单.docx", b"x", "不支持的名单文件类型"),
    ("名单.xlsx", b"not a zip", "无法打开 Excel 文件"),
])
def test_wrong_kinds_of_roster_file(tmp_path, name, data, message):
    (tmp_path / name).write_bytes(data)
    with pytest.raises(ConsoleError, match=message):
        read_roster(tmp_path / name)
