"""Run a student's notebook from top to bottom and say, in Chinese, which checks pass.

This is the students' self-check (检查作业), not grading: it runs the notebook
as the student has it, visible checks only, in a fresh kernel in the
notebook's own folder, and reports each automatically graded check cell with
the hint its assertion gives -- never a traceback.  Grading (``crmlab.grading``)
stays the only place that decides points.
"""
from __future__ import annotations

import ast
import re
import subprocess
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

__all__ = ["CheckResult", "NotebookCheck", "NotebookUnreadable", "check_notebook"]

CELL_TIMEOUT = 60        # seconds, as in grading (c.SandboxedExecute.cell_timeout)
NOTEBOOK_TIMEOUT = 300   # seconds for the whole run; lab notebooks need a few
KERNEL_START_TIMEOUT = 60
_TIMEOUT_ENAME = "crmlab-timeout"   # marks nbclient's stand-in reply for an interrupted cell
_MAX_NOTES = 5
_MAX_ERROR_CHARS = 300


class NotebookUnreadable(Exception):
    """The file cannot be read as a notebook (message in Chinese, then English)."""


@dataclass(frozen=True)
class CheckResult:
    """One automatically graded check cell."""
    task: str        # the task it belongs to, e.g. "任务 1　数一数有多少位客户"
    check: str       # what it checks (its docstring), e.g. "检查 n_customers 是否为整数"
    grade_id: str
    points: float
    passed: bool
    message: str     # why it failed, in Chinese; "" when it passed


@dataclass(frozen=True)
class NotebookCheck:
    """The self-check of one notebook: a summary line first, then one result per check."""
    notebook: str
    checks: tuple[CheckResult, ...]
    manual_points: float = 0.0      # written answers, marked by the teacher
    notes: tuple[str, ...] = field(default_factory=tuple)   # errors no failed check explains
    seconds: float = 0.0

    @property
    def passed_count(self) -> int:
        return sum(c.passed for c in self.checks)

    @property
    def auto_points(self) -> float:
        return sum(c.points for c in self.checks)

    @property
    def earned(self) -> float:
        return sum(c.points for c in self.checks if c.passed)

    @property
    def total_points(self) -> float:
        return self.auto_points + self.manual_points

    @property
    def all_passed(self) -> bool:
        return self.passed_count == len(self.checks)

    @property
    def summary(self) -> str:
        if not self.checks:
            return "这本笔记本里没有自动检查的题目。"
        line = (f"通过 {self.passed_count}/{len(self.checks)} 项检查，"
                f"可得 {_num(self.earned)}/{_num(self.total_points)} 分")
        if self.manual_points:
            line += f"（书面题 {_num(self.manual_points)} 分由老师批改）"
        return line + "。"

    @property
    def hint(self) -> str:
        if not self.checks:
            return ""
        return "这里运行的是笔记本里能看到的检查；评分时的隐藏检查要求相同、只是查得更严，所以通过的任务一般就能拿满分。"

    def to_dict(self) -> dict:
        data = asdict(self)
        data.update(summary=self.summary, hint=self.hint, passed_count=self.passed_count,
                    check_count=len(self.checks), earned=self.earned, auto_points=self.auto_points,
                    total_points=self.total_points, all_passed=self.all_passed)
        return data

    def text(self) -> str:
        """The report as plain text for a terminal."""
        lines = [f"检查作业：{self.notebook}", self.summary]
        task = previous = None
        for check in self.checks:
            if check.task != task:
                task, previous = check.task, None
                lines += ["", task]
            status = "通过  " if check.passed else "未通过"
            lines.append(f"  {status}  {check.check or check.grade_id}（{_num(check.points)} 分）")
            if check.message:
                # The same cause twice in one task (e.g. "not answered yet") is said once.
                lines.append(f"          {'同上。' if check.message == previous else check.message}")
            previous = check.message
        if self.notes:
            lines += ["", "另外："] + [f"  {note}" for note in self.notes]
        if self.hint:
            lines += ["", self.hint]
        return "\n".join(lines)


def _num(points: float) -> str:
    return f"{points:g}"


# ------------------------------------------------------------------ what went wrong, in Chinese

_NAME_ERROR = re.compile(r"name '([^']+)' is not defined")


def _describe(error: dict) -> str:
    """A short Chinese phrase for an error reply (ename, evalue), with no traceback."""
    ename, evalue = error.get("ename", ""), str(error.get("evalue", "")).strip()
    if ename == _TIMEOUT_ENAME:
        return f"运行超过 {evalue} 秒被中断了，是不是有死循环，或者一次算得太多？"
    if ename == "NotImplementedError":
        return "还没有作答：删掉 raise NotImplementedError() 这一行，写上你的代码。"
    if ename == "NameError" and (match := _NAME_ERROR.search(evalue)):
        return f"用到了还没有定义的 {match.group(1)}：先把定义它的单元格写好并运行。"
    if ename == "KeyboardInterrupt":
        return "运行被中断了。"
    if len(evalue) > _MAX_ERROR_CHARS:
        evalue = evalue[:_MAX_ERROR_CHARS] + "……"
    return f"{ename}: {evalue}" if evalue else ename


def _check_message(error: dict) -> str:
    """Why a check cell failed: its assertion's hint, or the error it ran into."""
    if error.get("ename") == "AssertionError":
        hint = str(error.get("evalue", "")).strip()
        return hint or "没有通过这项检查（这项检查没有给出提示）。"
    if error.get("ename") in ("NotImplementedError", _TIMEOUT_ENAME):
        return _describe(error)
    return f"检查时出错：{_describe(error)}"


def _cause_message(error: dict) -> str:
    """A failed check explained by an error in the code cells above it."""
    if error.get("ename") == "NotImplementedError":
        return _describe(error)
    return f"上面的代码出错：{_describe(error)}"


# ------------------------------------------------------------------ reading the notebook

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)
_POINTS_IN_HEADING = re.compile(r" ?[（(]\s*\d+(?:\.\d+)?\s*分\s*[)）]")


def _last_heading(markdown: str) -> str | None:
    """The cell's last heading, as plain text and without its "（15 分）" (points are shown apart)."""
    headings = _HEADING.findall(markdown)
    if not headings:
        return None
    text = headings[-1].replace("**", "").replace("`", "")
    # "任务 1（15 分）　数一数" -> "任务 1　数一数", "任务 1（15 分）数一数" -> "任务 1 数一数"
    text = re.sub(r" (?=\s)", "", _POINTS_IN_HEADING.sub(" ", text))
    return text.strip()


def _docstring(source: str) -> str:
    try:
        doc = ast.get_docstring(ast.parse(source))
    except SyntaxError:   # IPython syntax, or a check a student broke
        return ""
    return doc.strip().splitlines()[0].rstrip("。.") if doc else ""


def _nbgrader(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {}) or {}


def _is_check(cell) -> bool:
    meta = _nbgrader(cell)
    return cell.get("cell_type") == "code" and bool(meta.get("grade")) and not meta.get("solution")


def _points(meta: dict) -> float:
    try:
        return float(meta.get("points") or 0)
    except (TypeError, ValueError):
        return 0.0


def _read(path: Path):
    import nbformat

    try:
        return nbformat.read(path, as_version=4)
    except FileNotFoundError:
        raise NotebookUnreadable(f"找不到笔记本：{path} / Notebook not found: {path}") from None
    except Exception as error:  # nbformat raises several kinds for a damaged file
        raise NotebookUnreadable(
            f"这个文件读不出来，可能不是完整的笔记本：{path}（{type(error).__name__}）"
            f" / Cannot read this notebook: {path} ({type(error).__name__}: {error})") from None


# ------------------------------------------------------------------ running it

def _run(nb, folder: Path, cell_timeout: int, notebook_timeout: int) -> tuple[dict[int, dict], set[int], str | None]:
    """Execute ``nb``: the error of each failing code cell by index, the cells that ran, why it stopped early."""
    from nbclient import NotebookClient
    from nbclient.exceptions import DeadKernelError

    errors: dict[int, dict] = {}
    ran: set[int] = set()
    deadline = time.monotonic() + notebook_timeout

    def executed(cell, cell_index, execute_reply):
        ran.add(cell_index)
        content = (execute_reply or {}).get("content", {})
        if content.get("status") == "error":
            errors[cell_index] = {"ename": content.get("ename", ""), "evalue": content.get("evalue", "")}
        cell.outputs = []   # only the verdicts are needed; a chatty cell should not fill memory

    def timeout_for(cell) -> int:
        # The whole run has a budget too, so a kernel that ignores interrupts cannot keep
        # every remaining cell waiting a full minute.
        return max(1, min(cell_timeout, int(deadline - time.monotonic())))

    client = NotebookClient(
        nb, timeout_func=timeout_for, startup_timeout=KERNEL_START_TIMEOUT,
        allow_errors=True, interrupt_on_timeout=True,
        error_on_timeout={"ename": _TIMEOUT_ENAME, "evalue": str(cell_timeout)},
        record_timing=False, store_widget_state=False,
        resources={"metadata": {"path": str(folder)}}, on_cell_executed=executed,
    )
    try:
        # The kernel's own start-up chatter (e.g. ipykernel's transport warning) is not the student's output.
        client.execute(stderr=subprocess.DEVNULL)
    except DeadKernelError:
        return errors, ran, ("内核在运行中途停止了（代码调用了 exit()、程序崩溃或内存不够），"
                             "后面的单元格都没有运行。")
    except Exception as error:  # the student still gets the checks that did run
        if not ran:
            return errors, ran, f"无法启动 Python 内核，检查没有运行（{type(error).__name__}: {error}）。"
        return errors, ran, f"检查在运行中途出了问题，后面的单元格没有运行（{type(error).__name__}: {error}）。"
    return errors, ran, None


def check_notebook(path: str | Path, *, cell_timeout: int = CELL_TIMEOUT,
                   notebook_timeout: int = NOTEBOOK_TIMEOUT) -> NotebookCheck:
    """从头到尾运行学生的笔记本，逐项报告自动检查是否通过（中文提示，不含回溯）。

    Run a student notebook top to bottom in a fresh kernel, with its folder as
    the working directory and each cell interrupted after ``cell_timeout``
    seconds, and report every automatically graded check cell (nbgrader
    ``grade`` and not ``solution``) in order: its task (the nearest heading
    above it), what it checks (its docstring), points, passed or not, and the
    Chinese hint of its assertion.  A check that fails because the code above
    it raised says so instead.  Written answers count as points the teacher
    marks.  Raises :class:`NotebookUnreadable` for a file that is not a notebook.
    """
    path = Path(path)
    started = time.monotonic()
    nb = _read(path)
    errors, ran, stopped = _run(nb, path.resolve().parent, cell_timeout, notebook_timeout)

    checks: list[CheckResult] = []
    notes: list[str] = []
    manual = 0.0
    heading = None          # the nearest heading above, shown as the task's name
    pending: list[tuple[int, dict]] = []   # errors in the code since the last check group
    explained: set[int] = set()
    after_check = False
    for index, cell in enumerate(nb.cells):
        meta = _nbgrader(cell)
        if cell.get("cell_type") == "markdown":
            found = _last_heading(cell.get("source", ""))
            if found:
                heading = found
                pending, after_check = [], False
            if meta.get("grade") or meta.get("task"):
                manual += _points(meta)
            continue
        if cell.get("cell_type") != "code":
            continue
        if not _is_check(cell):
            if meta.get("grade"):          # a code answer the teacher marks by hand
                manual += _points(meta)
            if after_check:                # the next task's code starts here
                pending, after_check = [], False
            if index in errors:
                pending.append((index, errors[index]))
            continue
        after_check = True
        if not cell.get("source", "").strip():   # nbclient skips empty cells: not a stop
            passed, message = False, "这项检查的代码被删掉了：请从老师发的原始笔记本里把它复制回来。"
        elif index not in ran:
            passed, message = False, "没有运行：笔记本在前面停下了（原因见最后的说明）。"
        elif index in errors:
            passed = False
            if pending:
                cause_index, cause = pending[0]
                explained.add(cause_index)
                message = _cause_message(cause)
                own = errors[index]
                if cause.get("ename") != "NotImplementedError" and own.get("ename") == "AssertionError" \
                        and str(own.get("evalue", "")).strip():
                    message += f" 检查的提示：{str(own['evalue']).strip()}"
            else:
                message = _check_message(errors[index])
        else:
            passed, message = True, ""
        checks.append(CheckResult(task=heading or meta.get("grade_id", ""), check=_docstring(cell.source),
                                  grade_id=str(meta.get("grade_id", "")), points=_points(meta),
                                  passed=passed, message=message))

    section = None
    code_number = 0
    for index, cell in enumerate(nb.cells):
        if cell.get("cell_type") == "markdown":
            section = _last_heading(cell.get("source", "")) or section
        elif cell.get("cell_type") == "code":
            code_number += 1
            if index in errors and index not in explained and not _is_check(cell):
                where = f"「{section}」这部分" if section else f"第 {code_number} 个代码单元格"
                notes.append(f"{where}有代码出错：{_describe(errors[index])}")
    if len(notes) > _MAX_NOTES:
        notes = notes[:_MAX_NOTES] + [f"……还有 {len(notes) - _MAX_NOTES} 处出错。"]
    if stopped:
        notes.append(stopped)
    return NotebookCheck(notebook=path.name, checks=tuple(checks), manual_points=manual,
                         notes=tuple(notes), seconds=round(time.monotonic() - started, 2))
