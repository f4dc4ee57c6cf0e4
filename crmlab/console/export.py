"""成绩表：一个教师可以直接上交、打印的 Excel 工作簿。

Sheets of the workbook (default ``<root>/成绩表.xlsx``):

- ``成绩总表``: 学号, 姓名, 班级, one column per lab (assignment in the gradebook), 总分;
  "未交" where nothing was handed in, "未评分" where work was collected but not graded;
  a yellow cell waits for manual grading of written answers;
- one sheet per lab: each graded cell's points (header: grade id and 满分),
  总分, 待人工评分, 迟交, 提交时间, 状态;
- ``问题``: 学号, 姓名, 实训, 问题: what went wrong while grading (kernel stopped,
  timeout, unreadable file, no sandbox …), from the engine's ``grading_problems``;
- ``说明``: what the marks and colours mean.

Every sheet has a bold frozen header row, an auto filter, widths fitted to the
text, scores in the ``0.0`` format, and prints landscape on A4, one page wide,
with the header row repeated on every page.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from .common import ConsoleError, Course, display_width
from .roster import RosterEntry, load_roster
from .scores import LabScores, gradebook_labs, read_lab

NOT_SUBMITTED = "未交"
NOT_GRADED = "未评分"
SCORE_FORMAT = "0.0"
_HEADER_FILL = "DCE6F1"
_MANUAL_FILL = "FFF2CC"
_LATE_FILL = "FCE4D6"
_MISSING_FONT = "808080"


def lab_sheet_header(cell) -> str:
    manual = "，人工评分" if cell.kind == "manual" else ""
    return f"{cell.grade_id}（满分 {cell.max_score:g}{manual}）"


def _students(course: Course, gb, labs: list[LabScores]) -> list[RosterEntry]:
    """Roster students and graded students not on the roster, by 班级 and 学号 (those without 班级 last)."""
    roster = {e.student: e for e in load_roster(course)}
    names = {s.id: (s.last_name or "") + (s.first_name or "") for s in gb.students}
    for lab in labs:
        for sid in lab.submissions:
            roster.setdefault(sid, RosterEntry(sid, names.get(sid, ""), ""))
    for sid, entry in roster.items():
        if not entry.name and names.get(sid):
            entry.name = names[sid]
    return sorted(roster.values(), key=lambda e: (not e.klass, e.klass, e.student))   # no 班级: at the end


def _problems(course: Course, lab: str, students: list[str]) -> list[tuple[str, str]]:
    try:
        from .grade import grading_problems
    except ImportError:
        return [("", "无法读取评分问题（缺少评分模块 crmlab.console.grade）")]
    rows = []
    for sid in students:
        for problem in grading_problems(course.root, lab, sid) or []:
            rows.append((sid, str(problem)))
    return rows


def export(course: Course, output=None, labs: list[str] | None = None) -> Path:
    """Write the workbook; return its path."""
    from openpyxl import Workbook

    output = Path(output) if output else course.root / "成绩表.xlsx"
    if output.suffix.lower() != ".xlsx":
        raise ConsoleError(f"成绩表文件名应以 .xlsx 结尾：{output.name}", f"the output must be an .xlsx file: {output.name}")
    with course.gradebook() as gb:
        names = gradebook_labs(gb)
        if labs:
            unknown = [lab for lab in labs if lab not in names]
            if unknown:
                raise ConsoleError(f"成绩库里没有实训 {'、'.join(unknown)}（已有：{'、'.join(names) or '无'}）。",
                                   f"the gradebook has no lab {', '.join(unknown)}.")
            names = labs
        if not names:
            raise ConsoleError("成绩库里还没有实训：请先运行 nbgrader generate_assignment。",
                               "the gradebook has no labs yet: run `nbgrader generate_assignment` first.")
        scores = [read_lab(course, gb, lab) for lab in names]
        students = _students(course, gb, scores)

    late = {s.lab: course.read_late(s.lab) for s in scores}
    wb = Workbook()
    _summary_sheet(wb.active, course, scores, students)
    for lab in scores:
        _lab_sheet(wb.create_sheet(lab.lab[:31]), course, lab, students, late[lab.lab])
    _problem_sheet(wb.create_sheet("问题"), course, scores, students)
    _notes_sheet(wb.create_sheet("说明"), course)
    output.parent.mkdir(parents=True, exist_ok=True)
    try:
        wb.save(output)
    except PermissionError as exc:
        raise ConsoleError(f"无法写入 {output}：文件可能正在 Excel 里打开，请关闭后重试。",
                           f"cannot write {output}: is it open in Excel? Close it and retry.") from exc
    return output


# ---------------------------------------------------------------------- sheets

def _status(course: Course, lab: LabScores, sid: str) -> str:
    if sid in lab.submissions:
        return "已评分"
    return NOT_GRADED if course.submitted(sid, lab.lab).is_dir() else NOT_SUBMITTED


def _summary_sheet(ws, course: Course, labs: list[LabScores], students: list[RosterEntry]) -> None:
    ws.title = "成绩总表"
    total_max = sum(lab.max_score for lab in labs)
    ws.append(["学号", "姓名", "班级"] + [f"{lab.lab}（满分 {lab.max_score:g}）" for lab in labs]
              + [f"总分（满分 {total_max:g}）"])
    for e in students:
        row, total = [e.student, e.name, e.klass], 0.0
        manual_cols = []
        for i, lab in enumerate(labs):
            sub = lab.submissions.get(e.student)
            if sub is None:
                row.append(_status(course, lab, e.student))
                continue
            row.append(sub.score)
            total += sub.score
            if sub.needs_manual:
                manual_cols.append(4 + i)
        row.append(total)
        ws.append(row)
        for col in manual_cols:
            _fill(ws.cell(ws.max_row, col), _MANUAL_FILL)
    _finish(ws, score_columns=range(4, 5 + len(labs)), title="成绩总表")


def _lab_sheet(ws, course: Course, lab: LabScores, students: list[RosterEntry], late: dict) -> None:
    from openpyxl.comments import Comment

    ws.append(["学号", "姓名", "班级"] + [lab_sheet_header(c) for c in lab.cells]
              + [f"总分（满分 {lab.max_score:g}）", "待人工评分", "迟交", "提交时间", "状态"])
    first_score, last_score = 4, 4 + len(lab.cells)
    for e in students:
        sub = lab.submissions.get(e.student)
        late_info = late.get(e.student) or {}
        if sub is None:
            ws.append([e.student, e.name, e.klass] + [None] * (len(lab.cells) + 1)
                      + ["", "是" if late_info.get("late") else "", "", _status(course, lab, e.student)])
            for col in range(1, ws.max_column + 1):
                ws.cell(ws.max_row, col).font = _font(color=_MISSING_FONT)
            continue
        is_late = bool(late_info.get("late")) or sub.seconds_late > 0
        row = [e.student, e.name, e.klass]
        for c in lab.cells:
            grade = sub.cells.get(c.key)
            row.append(None if grade is None else grade.score)
        row += [sub.score, "是" if sub.needs_manual else "", "是" if is_late else "",
                _local_time(sub.timestamp), "已评分"]
        ws.append(row)
        r = ws.max_row
        for i, c in enumerate(lab.cells):
            grade = sub.cells.get(c.key)
            if grade is not None and grade.needs_manual and grade.score is None:
                _fill(ws.cell(r, first_score + i), _MANUAL_FILL)
        if sub.needs_manual:
            _fill(ws.cell(r, last_score + 1), _MANUAL_FILL)
        if is_late:
            cell = ws.cell(r, last_score + 2)
            _fill(cell, _LATE_FILL)
            reasons = list(late_info.get("reasons") or [])
            if sub.seconds_late > 0 and not reasons:
                reasons.append(f"晚于截止时间 {sub.seconds_late / 3600:.1f} 小时")
            if reasons:
                cell.comment = Comment("；".join(reasons), "crmlab-grade")
    _finish(ws, score_columns=range(first_score, last_score + 1), title=f"{lab.lab} 各题得分",
            date_columns=[last_score + 3])


def _problem_sheet(ws, course: Course, labs: list[LabScores], students: list[RosterEntry]) -> None:
    names = {e.student: e.name for e in students}
    ws.append(["学号", "姓名", "实训", "问题"])
    for lab in labs:
        for sid, problem in _problems(course, lab.lab, sorted(lab.submissions)):
            ws.append([sid, names.get(sid, ""), lab.lab, problem])
    if ws.max_row == 1:
        ws.append(["", "", "", "评分时没有发现问题。"])
    _finish(ws, score_columns=(), title="评分问题", wrap_columns=[4], max_width=80)


def _notes_sheet(ws, course: Course) -> None:
    rows = [
        ("生成时间", dt.datetime.now().strftime("%Y-%m-%d %H:%M")),
        ("课程目录", str(course.root)),
        (NOT_SUBMITTED, "名单上有这名学生，但没有收到作业。"),
        (NOT_GRADED, "已收到作业，还没有自动评分（运行 crmlab-grade autograde）。"),
        ("黄色单元格", "简答题等待人工评分（在 Formgrader 里批阅后重新导出），分数暂不含这部分。"),
        ("迟交", "文件名标有迟交，或提交时间晚于截止时间；把鼠标移到单元格上可看原因。"),
        ("问题", "评分时遇到的情况（内核中途停止、超时、文件无法读取、未使用沙箱等），请逐个核对。"),
    ]
    ws.append(["项目", "说明"])
    for row in rows:
        ws.append(list(row))
    _finish(ws, score_columns=(), title="说明", wrap_columns=[2], max_width=90)


# ---------------------------------------------------------------------- formatting

def _font(**kw):
    from openpyxl.styles import Font
    return Font(**kw)


def _fill(cell, color: str) -> None:
    from openpyxl.styles import PatternFill
    cell.fill = PatternFill("solid", fgColor=color)


def _local_time(utc_naive: dt.datetime | None) -> dt.datetime | None:
    if utc_naive is None:
        return None
    return utc_naive.replace(tzinfo=dt.timezone.utc).astimezone().replace(tzinfo=None, microsecond=0)


def _finish(ws, score_columns, title: str, wrap_columns=(), date_columns=(), max_width: int = 40) -> None:
    """Header style, frozen header, filter, widths, number formats and print setup of a sheet."""
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    thin = Side(style="thin", color="B0B0B0")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        _fill(cell, _HEADER_FILL)
    score_columns, wrap_columns = set(score_columns), set(wrap_columns)
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.border = border
            if cell.column in score_columns and isinstance(cell.value, (int, float)):
                cell.number_format = SCORE_FORMAT
            if cell.column in date_columns and cell.value is not None:
                cell.number_format = "yyyy-mm-dd hh:mm"
            if cell.column in wrap_columns:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            elif cell.column == 1:
                cell.number_format = "@"      # 学号 stays text
    for cell in ws[1]:
        cell.border = border
    for col in range(1, ws.max_column + 1):
        letter = get_column_letter(col)
        widths = [display_width(c.value if not isinstance(c.value, float) else f"{c.value:.1f}")
                  for c in ws[letter] if c.value is not None and c.row > 1]
        if col in date_columns:
            widths = [16]
        header = display_width(ws.cell(1, col).value or "")
        width = max(widths + [min(header, 14), 6]) + 2   # long headers wrap onto three lines
        ws.column_dimensions[letter].width = min(width, max_width)
    ws.row_dimensions[1].height = 48
    ws.freeze_panes = "A2" if ws.max_column <= 4 else "D2"
    if ws.max_row > 1:
        ws.auto_filter.ref = ws.dimensions
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.oddHeader.center.text = f"《客户关系处理》{title}"
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    ws.oddFooter.right.text = "&D"
