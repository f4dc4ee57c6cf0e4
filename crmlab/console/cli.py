"""``crmlab-grade``：教师控制台的命令行入口（中文在前，英文在后）。

The ``crmlab-grade`` command: argument parsing with Chinese-then-English help,
one small function per subcommand, and errors shown as two plain sentences
(Chinese, English) instead of a traceback (``--debug`` shows it).
Exit codes: 0 done, 1 the command could not do its job (or some grading
failed), 2 the command line is wrong, 130 interrupted.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
import time
import traceback
from pathlib import Path

from .._checks import CRMLabError
from .common import ConsoleError, Course, format_seconds

PROG = "crmlab-grade"

DESCRIPTION = """\
《客户关系处理》教师控制台：导入名单、收作业、自动评分、生成反馈、导出成绩表、班级报告。
在课程根目录（有 nbgrader_config.py 的文件夹）运行，或用 --course 指定。

常用流程：
  crmlab-grade roster 学生名单.xlsx
  crmlab-grade collect lab03 作业.zip --due "2026-12-01 18:00"
  crmlab-grade autograde lab03 --jobs 2
  crmlab-grade feedback lab03
  crmlab-grade export
  crmlab-grade report lab03

Instructor console of the course: import the roster, collect work, autograde,
generate feedback, export the grade workbook, write a class report. Run it in
the course root (the folder with nbgrader_config.py) or pass --course.
"""

COMMANDS = {
    "roster": ("导入学生名单（.xlsx 或 .csv，UTF-8/GBK；列：学号、姓名、班级）",
               "import a class roster (.xlsx or .csv; columns 学号, 姓名, 班级)"),
    "collect": ("收取学习平台下载的作业（zip 压缩包或文件夹），按学号放入 submitted/",
                "collect a platform download (zip or folder) into submitted/<学号>/<lab>/"),
    "autograde": ("并行自动评分，显示进度", "autograde the submissions in parallel, with a progress bar"),
    "feedback": ("生成反馈（feedback/<学号>/<实训>/*.html）", "generate feedback pages"),
    "export": ("导出 Excel 成绩表（默认 成绩表.xlsx）", "export the grade workbook (default 成绩表.xlsx)"),
    "report": ("生成班级报告（成绩分布、通过率、常见错误）", "write a class report: scores, pass rates, common mistakes"),
}

_ARGPARSE_ZH = [
    (r"the following arguments are required: (.*)", "缺少参数：{0}"),
    (r"unrecognized arguments: (.*)", "无法识别的参数：{0}"),
    (r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)", "参数 {0} 的值 {1} 无效，可选：{2}"),
    (r"argument (\S+): invalid (\w+) value: (.*)", "参数 {0} 的值 {2} 不是有效的数"),
    (r"argument (\S+): expected one argument", "参数 {0} 后面缺少取值"),
    (r"argument (\S+): '(.*)' is not an integer", "参数 {0} 的值“{1}”不是整数"),
    (r"argument (\S+): must be at least 1, got (.*)", "参数 {0} 至少为 1（现在是 {1}）"),
    (r"argument (\S+): (.*)", "参数 {0} 有误：{1}"),
]


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, prefix="用法 / usage: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数 / arguments"
        self._optionals.title = "选项 / options"
        self.add_argument("-h", "--help", action="help", help="显示帮助后退出 / show this help and exit")

    def error(self, message):
        zh = "命令行有误"
        for pattern, template in _ARGPARSE_ZH:
            found = re.fullmatch(pattern, message)
            if found:
                zh = template.format(*found.groups())
                break
        self.print_usage(sys.stderr)
        self.exit(2, f"错误：{zh}（用 {self.prog} -h 查看帮助）\nError: {message}\n")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an integer") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {text}")
    return value


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--course", metavar="DIR", default=argparse.SUPPRESS,
                        help="课程根目录（默认：当前目录） / course root (default: current directory)")
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                        help="出错时显示完整的 Python 错误信息 / show the full traceback on errors")

    parser = _Parser(prog=PROG, description=DESCRIPTION, parents=[common])
    sub = parser.add_subparsers(dest="command", title="命令 / commands", metavar="COMMAND",
                                parser_class=_Parser)

    def command(name: str, epilog: str | None = None):
        zh, en = COMMANDS[name]
        return sub.add_parser(name, parents=[common], help=f"{zh} / {en}",
                              description=f"{zh}\n{en[0].upper()}{en[1:]}.", epilog=epilog)

    p = command("roster", "表头可以是 学号/学生学号/学 号、姓名/学生姓名、班级/班级名称；表头上方的标题行会被跳过。\n"
                          "名单（含班级）同时保存在 .crmlab/roster.csv。\n"
                          "Header variants are recognised; the roster with 班级 is also kept in .crmlab/roster.csv.")
    p.add_argument("file", metavar="FILE", help="学生名单 .xlsx 或 .csv / roster file (.xlsx or .csv)")
    p.add_argument("--replace", action="store_true",
                   help="用这份名单替换 .crmlab/roster.csv（默认是补充和更新） / replace the saved roster instead of "
                        "merging")
    p.set_defaults(run=cmd_roster)

    p = command("collect", "能识别的文件名：学号_姓名_任意.ipynb、姓名_学号.ipynb、学号-姓名.ipynb、"
                           "每人一个文件夹（2023001 张三/lab03.ipynb）、带“迟交”“(迟交)”“_late”的文件名、"
                           "GBK 编码文件名的压缩包、压缩包里套压缩包。\n"
                           "Recognises the file names Chinese learning platforms produce, GBK-named zip entries "
                           "and one zip per student.")
    p.add_argument("lab", metavar="LAB", help="实训名，例如 lab03 / lab name, e.g. lab03")
    p.add_argument("source", metavar="SOURCE", help="zip 压缩包或文件夹 / a zip file or a folder")
    p.add_argument("--due", metavar="TIME",
                   help="截止时间（本机时区），例如 \"2026-12-01 18:00\"；晚于它的算迟交 / due time (local), "
                        "later files are late")
    p.set_defaults(run=cmd_collect)

    p = command("autograde", "学生代码在沙箱中运行；已评过且没有变化的作业会跳过（--force 重新评分）。\n"
                             "Student code runs sandboxed; unchanged submissions are skipped unless --force.")
    p.add_argument("lab", metavar="LAB", help="实训名，例如 lab03 / lab name")
    p.add_argument("--jobs", "-j", type=_positive, default=max(1, min(4, os.cpu_count() or 1)), metavar="N",
                   help="同时评分的份数（默认：CPU 核数，最多 4） / parallel gradings (default: CPU cores, at most 4)")
    p.add_argument("--student", "-s", action="append", metavar="ID",
                   help="只评这位学生（可重复） / grade only this student (repeatable)")
    p.add_argument("--force", action="store_true", help="已评过的也重新评分 / regrade unchanged submissions too")
    p.set_defaults(run=cmd_autograde)

    p = command("feedback")
    p.add_argument("lab", metavar="LAB", help="实训名，例如 lab03 / lab name")
    p.add_argument("--student", "-s", action="append", metavar="ID",
                   help="只为这位学生生成（可重复） / only this student (repeatable)")
    p.set_defaults(run=cmd_feedback)

    p = command("export", "工作表：成绩总表、每个实训一张（各题得分、待人工评分、迟交）、问题、说明。\n"
                          "Sheets: 成绩总表 (summary), one per lab, 问题 (grading problems), 说明 (legend).")
    p.add_argument("-o", "--output", metavar="FILE",
                   help="输出文件（默认：课程目录下的 成绩表.xlsx） / output file (default: 成绩表.xlsx in the course root)")
    p.add_argument("--lab", action="append", metavar="LAB",
                   help="只导出这些实训（可重复；默认全部） / only these labs (repeatable; default all)")
    p.set_defaults(run=cmd_export)

    p = command("report", "输出 report/<实训>/index.html（图表已内嵌，可直接用浏览器打开或打印）。\n"
                          "Writes report/<lab>/index.html with the charts embedded.")
    p.add_argument("lab", metavar="LAB", help="实训名，例如 lab03 / lab name")
    p.add_argument("-o", "--output", metavar="DIR", help="输出文件夹（默认 report/<实训>/） / output folder")
    p.set_defaults(run=cmd_report)
    return parser


# ---------------------------------------------------------------------- commands

def cmd_roster(args, course: Course, out) -> int:
    from .roster import import_roster, print_import

    result = import_roster(course, args.file, replace=args.replace)
    print_import(result, out)
    return 0


def cmd_collect(args, course: Course, out) -> int:
    from .collect import collect, print_collect
    from .roster import load_roster

    result = collect(course, args.lab, args.source, due=args.due)
    print_collect(result, {e.student: e.name for e in load_roster(course)}, out)
    return 0


def _grade_module():
    try:
        from . import grade
    except ImportError as exc:
        raise ConsoleError(f"评分模块 crmlab.console.grade 无法载入：{exc}",
                           f"the grading engine crmlab.console.grade cannot be imported: {exc}") from exc
    return grade


def _check_students(course: Course, lab: str, students) -> None:
    for sid in students or []:
        if not course.submitted(sid, lab).is_dir():
            raise ConsoleError(f"学号 {sid} 没有 {lab} 的提交（submitted/{sid}/{lab}/ 不存在）。",
                               f"student {sid} has no submission of {lab} (no submitted/{sid}/{lab}/).")


def cmd_autograde(args, course: Course, out) -> int:
    from .progress import STATUS_ZH, ProgressBar

    course.require_lab(args.lab)
    course.require_gradebook()
    _check_students(course, args.lab, args.student)
    grade = _grade_module()
    started = time.monotonic()
    print(f"{args.lab}：开始自动评分（同时 {args.jobs} 份）。 / autograding with {args.jobs} jobs.", file=out)
    bar = ProgressBar(out)
    try:
        results = grade.autograde(course.root, args.lab, jobs=args.jobs, students=args.student, force=args.force,
                                  progress=bar)
    finally:
        bar.close()
    if not results:
        print(f"没有找到 {args.lab} 的提交：请先运行 crmlab-grade collect。 / no submissions to grade.", file=out)
        return 0
    by_status = {s: [r for r in results if r.status == s] for s in ("graded", "skipped", "failed")}
    scored = [r for r in results if r.score is not None and r.status != "failed"]
    print(f"完成：已评分 {len(by_status['graded'])}，未变化跳过 {len(by_status['skipped'])}，"
          f"失败 {len(by_status['failed'])}，用时 {format_seconds(time.monotonic() - started)}。"
          f" / done: {len(by_status['graded'])} graded, {len(by_status['skipped'])} skipped, "
          f"{len(by_status['failed'])} failed.", file=out)
    if scored:
        mean = sum(r.score for r in scored) / len(scored)
        top = next((r.max_score for r in scored if r.max_score), None)
        print(f"平均分 {mean:.1f}" + (f"（满分 {top:g}；简答题人工评分之前不含这部分）" if top else "") + f" / mean {mean:.1f}",
              file=out)
    troubled = [r for r in results if r.problems or r.status == "failed"]
    if troubled:
        print(f"需要核对的作业 {len(troubled)} 份 / {len(troubled)} submissions to check:", file=out)
        for r in troubled:
            problems = "；".join(r.problems) or STATUS_ZH.get(r.status, r.status)
            print(f"  {r.student}（{STATUS_ZH.get(r.status, r.status)}）：{problems}", file=out)
    return 1 if by_status["failed"] else 0


def cmd_feedback(args, course: Course, out) -> int:
    course.require_lab(args.lab)
    course.require_gradebook()
    grade = _grade_module()
    written = grade.feedback(course.root, args.lab, students=args.student)
    graded_dir = course.root / "autograded"
    graded = sorted(p.parent.name for p in graded_dir.glob(f"*/{args.lab}") if p.is_dir())
    wanted = set(args.student) if args.student else set(graded)
    print(f"{args.lab}：已为 {len(written)} 名学生生成反馈，在 feedback/<学号>/{args.lab}/。"
          f" / feedback written for {len(written)} students.", file=out)
    left = sorted(wanted - set(written))
    if left:
        print(f"没有生成反馈的学生 {len(left)} 人（还没评分或评分失败）：{'、'.join(left)}"
              f" / no feedback for {len(left)} students.", file=out)
    return 0


def cmd_export(args, course: Course, out) -> int:
    from .export import export

    path = export(course, args.output, labs=args.lab)
    print(f"成绩表已保存：{path} / grade workbook written.", file=out)
    return 0


def cmd_report(args, course: Course, out) -> int:
    from .report import make_report, print_report

    report = make_report(course, args.lab, args.output)
    print_report(report, out)
    return 0


# ---------------------------------------------------------------------- entry point

def _prepare_environment() -> None:
    # nbgrader runs `alembic` by name when it creates a gradebook; it lives next to this interpreter.
    bindir = str(Path(sys.executable).parent)
    if bindir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = os.pathsep.join([bindir, os.environ.get("PATH", "")])
    os.environ.setdefault("MPLBACKEND", "Agg")
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", "") or "").lower()
        if "utf" not in encoding and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors="replace")
            except (ValueError, OSError):
                pass


def main(argv=None) -> int:
    _prepare_environment()
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    out = sys.stdout
    if not getattr(args, "command", None):
        parser.print_help(out)
        return 0
    args.course = getattr(args, "course", ".")   # SUPPRESS defaults: --course may come before or after the command
    args.debug = getattr(args, "debug", False)
    try:
        course = Course(args.course)
        return args.run(args, course, out)
    except ConsoleError as exc:
        out.flush()
        print(f"错误：{exc.zh}\nError: {exc.en}", file=sys.stderr)
        return 1
    except CRMLabError as exc:     # the engine's bilingual input errors
        zh, _, en = str(exc).partition(" / ")
        print(f"错误：{zh}\nError: {en or zh}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\n已中断。 / Interrupted.", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - the teacher gets a sentence, --debug the traceback
        if args.debug:
            traceback.print_exc()
        print(f"错误：{args.command} 没有完成（{type(exc).__name__}: {exc}）。加 --debug 可看详细信息。\n"
              f"Error: {args.command} failed ({type(exc).__name__}: {exc}); rerun with --debug for details.",
              file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
