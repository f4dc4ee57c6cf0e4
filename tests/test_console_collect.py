"""crmlab-grade collect: the file names, zips and folders Chinese learning platforms produce."""
from __future__ import annotations

import datetime as dt
import io
import json
import os
import zipfile

import pytest

from console_support import add_to_zip, fake_course, notebook, use_venv_path
from crmlab.console.cli import main
from crmlab.console.collect import collect, parse_due, read_zip, zip_entry_name
from crmlab.console.common import ConsoleError, Course
from crmlab.console.names import identify

pytest.importorskip("nbgrader")

ROSTER = {"2026001": "张三", "2026002": "李四", "2026003": "王五", "2026004": "王伟", "2026005": "王伟",
          "2026006": "欧阳娜娜", "2026007": "阿依古丽·买买提", "S2026008": "Li Lei"}


@pytest.mark.parametrize("path, student, by, late", [
    ("2026001_张三_lab03.ipynb", "2026001", "学号", False),               # 学号_姓名_任意
    ("2026001_张三_实训三客户终身价值.ipynb", "2026001", "学号", False),
    ("张三_2026001.ipynb", "2026001", "学号", False),                     # 姓名_学号
    ("2026002-李四.ipynb", "2026002", "学号", False),                     # 学号-姓名
    ("2026002李四.ipynb", "2026002", "学号", False),                      # no separator
    ("2026003 王五/lab03.ipynb", "2026003", "学号", False),               # a folder per student
    ("作业/2026003_王五/lab03 (1).ipynb", "2026003", "学号", False),
    ("lab03/2026003/王五/lab03.ipynb", "2026003", "学号", False),
    ("2026001_张三_迟交.ipynb", "2026001", "学号", True),                 # late marks
    ("2026001_张三(迟交).ipynb", "2026001", "学号", True),
    ("2026001_张三（迟交）.ipynb", "2026001", "学号", True),
    ("2026001_张三_late.ipynb", "2026001", "学号", True),
    ("2026001-张三-LATE.ipynb", "2026001", "学号", True),
    ("张三迟交.ipynb", "2026001", "姓名", True),
    ("补交/2026002 李四/lab03.ipynb", "2026002", "学号", True),
    ("2026002_李四_补交.ipynb", "2026002", "学号", True),
    ("【实训三】欧阳娜娜.ipynb", "2026006", "姓名", False),               # by a unique name
    ("欧阳娜娜/lab03.ipynb", "2026006", "姓名", False),
    ("阿依古丽·买买提_lab03.ipynb", "2026007", "姓名", False),
    ("S2026008_Li Lei.ipynb", "S2026008", "学号", False),
    ("2026001_张三_lab03 - 副本.ipynb", "2026001", "学号", False),
    ("lab03_2026001.ipynb", "2026001", "学号", False),
    ("platelet_2026003.ipynb", "2026003", "学号", False),                # 'late' inside a word is no mark
])
def test_naming_patterns(path, student, by, late):
    who = identify(path, ROSTER)
    assert (who.student, who.by, who.late) == (student, by, late), who


@pytest.mark.parametrize("path, seen_id, seen_name, note", [
    ("2029999_赵六_lab03.ipynb", "2029999", "赵六", "不在名单上"),         # off the roster
    ("王伟_lab03.ipynb", None, "王伟", "有 2 名学生叫“王伟”"),             # two students of that name
    ("lab03.ipynb", None, None, "找不到学号或姓名"),
])
def test_files_that_match_nobody_keep_what_they_seem_to_say(path, seen_id, seen_name, note):
    who = identify(path, ROSTER)
    assert who.student is None and (who.seen_id, who.seen_name) == (seen_id, seen_name) and note in who.note


def test_the_id_wins_over_a_misspelt_name():
    who = identify("2026001_李四.ipynb", ROSTER)
    assert who.student == "2026001" and "不一致" in who.note
    assert identify("2026004_王伟.ipynb", ROSTER).student == "2026004"     # duplicate names: the 学号 decides


def test_gbk_zip_entry_names_are_decoded():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        add_to_zip(zf, "2026001_张三（迟交）/实训.ipynb", b"{}", gbk=True)
        add_to_zip(zf, "李四_2026002.ipynb", b"{}", gbk=False)            # flagged UTF-8
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as zf:
        infos = zf.infolist()
        assert not infos[0].flag_bits & 0x800 and infos[0].filename != "2026001_张三（迟交）/实训.ipynb"
        assert [zip_entry_name(i) for i in infos] == ["2026001_张三（迟交）/实训.ipynb", "李四_2026002.ipynb"]


# ---------------------------------------------------------------------- whole collections

def _nb(tag: str) -> bytes:
    return json.dumps(notebook([{"cell_type": "markdown", "metadata": {}, "source": tag}]),
                      ensure_ascii=False).encode("utf-8")


@pytest.fixture
def course(tmp_path, monkeypatch):
    use_venv_path(monkeypatch)
    monkeypatch.chdir(tmp_path)
    root = fake_course(tmp_path, labs=("lab03",))
    lines = ["学号,姓名,班级"] + [f"{k},{v},营销1班" for k, v in ROSTER.items()]
    (tmp_path / "名单.csv").write_text("\n".join(lines), encoding="utf-8")
    assert main(["roster", str(tmp_path / "名单.csv"), "--course", str(root)]) == 0
    return root


def _platform_zip(path):
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as zf:
        add_to_zip(zf, "lab03.ipynb", _nb("王五"), when=(2026, 11, 30, 9, 0, 0))
    with zipfile.ZipFile(path, "w") as zf:
        add_to_zip(zf, "2026001_张三_lab03.ipynb", _nb("张三 新"), when=(2026, 11, 30, 10, 0, 0))
        add_to_zip(zf, "2026001_张三_lab03旧.ipynb", _nb("张三 旧"), when=(2026, 11, 29, 10, 0, 0))
        add_to_zip(zf, "李四_2026002(迟交).ipynb", _nb("李四"), when=(2026, 12, 2, 8, 30, 0))
        add_to_zip(zf, "2026003_王五.zip", inner.getvalue())              # one zip per student
        add_to_zip(zf, "欧阳娜娜/lab03.ipynb", _nb("欧阳娜娜"), when=(2026, 12, 1, 19, 0, 0))
        add_to_zip(zf, "2029999_赵六.ipynb", _nb("赵六"))
        add_to_zip(zf, "2026004_王伟.ipynb", b'{"cells": [')               # broken JSON
        add_to_zip(zf, "2026005_王伟.docx", b"PK")
        add_to_zip(zf, "__MACOSX/._2026001_张三_lab03.ipynb", b"\x00\x05")
        add_to_zip(zf, "2026001_张三/.ipynb_checkpoints/lab03-checkpoint.ipynb", _nb("checkpoint"))


def test_collect_a_platform_zip(course, tmp_path, capsys):
    _platform_zip(tmp_path / "作业.zip")
    assert main(["collect", "lab03", str(tmp_path / "作业.zip"), "--due", "2026-12-01 18:00",
                 "--course", str(course)]) == 0
    out = capsys.readouterr().out
    submitted = sorted(p.relative_to(course / "submitted").as_posix() for p in (course / "submitted").rglob("*")
                       if p.is_file())
    assert submitted == [f"{s}/lab03/{f}" for s in ("2026001", "2026002", "2026003", "2026006")
                         for f in ("lab03.ipynb", "timestamp.txt")]
    # the newest of 张三's two files; file names from the release
    assert "张三 新" in (course / "submitted/2026001/lab03/lab03.ipynb").read_text(encoding="utf-8")
    assert "保留 2026001_张三_lab03.ipynb" in out and "舍弃 2026001_张三_lab03旧.ipynb" in out

    # nbgrader reads the zip entry's time (local time of this computer) from timestamp.txt
    from nbgrader.coursedir import CourseDirectory
    coursedir = CourseDirectory(root=str(course))
    stamp = coursedir.get_existing_timestamp(str(course / "submitted/2026002/lab03"))
    assert stamp == dt.datetime(2026, 12, 2, 8, 30).astimezone().astimezone(dt.timezone.utc).replace(tzinfo=None)
    assert os.path.getmtime(course / "submitted/2026002/lab03/lab03.ipynb") == \
        dt.datetime(2026, 12, 2, 8, 30).timestamp()

    late = json.loads((course / ".crmlab/late/lab03.json").read_text(encoding="utf-8"))["students"]
    assert {s for s, v in late.items() if v["late"]} == {"2026002", "2026006"}
    assert late["2026002"]["reasons"][0] == "文件名标有迟交" and "晚于截止时间" in late["2026002"]["reasons"][1]
    assert late["2026006"]["reasons"] == ["提交时间 2026-12-01 19:00 晚于截止时间 2026-12-01 18:00"]
    assert late["2026001"]["late"] is False

    # the due date goes to the gradebook too, so nbgrader's own lateness agrees
    from nbgrader.api import Gradebook
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", course_id="crmlab") as gb:
        assert gb.find_assignment("lab03").duedate == \
            dt.datetime(2026, 12, 1, 18, 0).astimezone().astimezone(dt.timezone.utc).replace(tzinfo=None)

    assert "收到 4 名学生的作业" in out and "迟交 2 人" in out
    missing = out.split("未交 4 人")[1].split("不在名单上的文件")[0]
    assert "2026004 王伟（交了 2026004_王伟.ipynb，但文件无法读取）" in missing
    assert all(s in missing for s in ("2026005", "2026007", "S2026008"))
    assert "2029999_赵六.ipynb（2029999 赵六）" in out
    assert "2026004_王伟.ipynb：文件内容不是有效的 JSON" in out and "2026005_王伟.docx：不是 Jupyter 笔记本" in out
    assert "checkpoint" not in out and "MACOSX" not in out

    # collecting the same download again changes nothing
    assert main(["collect", "lab03", str(tmp_path / "作业.zip"), "--course", str(course)]) == 0
    assert "新收 0，更新 0，未变 4" in capsys.readouterr().out


def test_collect_a_folder_with_one_folder_per_student(course, tmp_path):
    download = tmp_path / "下载"
    for rel, when in (("2026001 张三/lab03.ipynb", dt.datetime(2026, 11, 30, 8, 0)),
                      ("2026002-李四-late/作业.ipynb", dt.datetime(2026, 11, 30, 9, 0))):
        path = download / rel
        path.parent.mkdir(parents=True)
        path.write_bytes(_nb(rel))
        os.utime(path, (when.timestamp(), when.timestamp()))
    result = collect(Course(course), "lab03", download)
    assert [(a.student, a.late, a.status) for a in result.accepted] == [("2026001", False, "new"),
                                                                        ("2026002", True, "new")]
    assert (course / "submitted/2026002/lab03/lab03.ipynb").is_file()
    assert (course / "submitted/2026001/lab03/timestamp.txt").read_text().strip() == \
        dt.datetime(2026, 11, 30, 8, 0).astimezone(dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f UTC")


def test_collect_errors_are_clear(course, tmp_path, capsys):
    (tmp_path / "空.zip").write_bytes(b"not a zip")
    cases = [(["collect", "lab09", str(tmp_path)], "找不到实训 lab09"),
             (["collect", "lab03", str(tmp_path / "没有.zip")], "找不到"),
             (["collect", "lab03", str(tmp_path / "空.zip")], "不是 zip 压缩包"),
             (["collect", "lab03", str(tmp_path), "--due", "下周一"], "截止时间“下周一”的格式不对")]
    for argv, message in cases:
        assert main(argv + ["--course", str(course)]) == 1
        err = capsys.readouterr().err
        assert err.startswith("错误：") and message in err and "\nError: " in err and "Traceback" not in err


def test_collect_needs_a_roster(tmp_path, monkeypatch):
    use_venv_path(monkeypatch)
    root = fake_course(tmp_path, labs=("lab03",))
    with pytest.raises(ConsoleError, match="还没有学生名单"):
        collect(Course(root), "lab03", tmp_path)


@pytest.mark.parametrize("text, expected", [("2026-12-01 18:00", (2026, 12, 1, 18, 0)),
                                            ("2026/12/01 18:00:30", (2026, 12, 1, 18, 0, 30)),
                                            ("2026-12-01", (2026, 12, 1, 23, 59, 59)),
                                            ("2026年12月1日 18:00", (2026, 12, 1, 18, 0))])
def test_due_times(text, expected):
    assert parse_due(text) == dt.datetime(*expected).astimezone()


def test_a_damaged_inner_zip_is_listed(tmp_path):
    path = tmp_path / "a.zip"
    with zipfile.ZipFile(path, "w") as zf:
        add_to_zip(zf, "2026001_张三.zip", b"garbage")
    entries, bad = read_zip(path)
    assert entries == [] and bad == [("2026001_张三.zip", "压缩包已损坏，无法打开")]
