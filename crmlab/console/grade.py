"""Grade a class in parallel through nbgrader's own pipeline, with one writer to the gradebook.

``autograde(root, lab, jobs=N)`` splits the students to grade into N groups
and runs one ``nbgrader autograde`` per group at the same time.  Each worker
uses the course's own configuration (so the sandbox, the trusted checker and
every safety step of :mod:`crmlab.grading` apply unchanged) but writes to a
private copy of the gradebook and a private autograded folder.  When the
workers are done, this process alone copies each student's result into the
course's gradebook (:func:`_merge`) and moves the autograded notebooks into
place: the gradebook has one writer and stays consistent whatever the
workers did.

A submission that has not changed since it was last graded (same files, same
lab, same configuration) is skipped unless ``force`` is set or the student is
named.  Workers report each graded student on a log line, which drives the
``progress`` callback (done, total, student, status, ETA).
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .._checks import input_error

STATE_DIR = ".crmlab/grading-state"
LINE = re.compile(r"crmlab-graded student=(?P<student>\S+) notebook=(?P<notebook>\S+) stopped=(?P<stopped>\S+)")
FAILED = re.compile(r"There was an error processing assignment: (?P<path>\S+)")


@dataclass
class StudentResult:
    """One student's grading: ``status`` is graded, skipped (unchanged) or failed."""
    student: str
    status: str
    score: float | None = None
    max_score: float | None = None
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)


@dataclass
class Progress:
    """Where a class's grading stands, for a progress bar."""
    done: int
    total: int
    student: str | None = None
    status: str | None = None
    eta_seconds: float | None = None


def _python_env() -> dict:
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env.setdefault("MPLBACKEND", "Agg")
    return env


def _check_course(root: Path, lab: str) -> None:
    if not (root / "nbgrader_config.py").exists():
        raise input_error("root", f"{root} 里没有 nbgrader_config.py，不是课程根目录",
                          f"{root} has no nbgrader_config.py: not a course root")
    if not (root / "gradebook.db").exists() or not list((root / "labs" / lab).glob("*.ipynb")):
        raise input_error("lab", f"实训 {lab} 还没有发布：请先运行 nbgrader generate_assignment {lab}",
                          f"{lab} is not released yet: run `nbgrader generate_assignment {lab}` first")


def submitted_students(root: Path, lab: str) -> list[str]:
    """Students with a submission folder for ``lab``."""
    return sorted(p.parent.name for p in (root / "submitted").glob(f"*/{lab}") if p.is_dir())


def _fingerprint(root: Path, lab: str, student: str) -> str:
    """Hash of what a grade depends on: the submission's files, the lab's release and source, the config."""
    digest = hashlib.sha256()
    folders = [root / "submitted" / student / lab, root / "labs" / lab, root / "solutions" / lab]
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()):
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    digest.update((root / "nbgrader_config.py").read_bytes())
    return digest.hexdigest()


def _state(root: Path, lab: str) -> dict:
    path = root / STATE_DIR / f"{lab}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _save_state(root: Path, lab: str, state: dict) -> None:
    path = root / STATE_DIR / f"{lab}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(state, ensure_ascii=False, indent=1), encoding="utf-8")


def _copy_gradebook(source: Path, target: Path) -> None:
    """A consistent copy, even while another program reads the gradebook."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)


def _worker(root: Path, lab: str, students: list[str], everyone: list[str], workdir: Path, on_line) -> None:
    others = [s for s in everyone if s not in set(students)]
    args = [sys.executable, "-m", "nbgrader", "autograde", lab, "--force", "--create", "--log-level=INFO",
            f"--CourseDirectory.db_url=sqlite:///{workdir / 'gradebook.db'}",
            f"--CourseDirectory.autograded_directory={workdir / 'autograded'}"]
    if others:
        args.append(f"--CourseDirectory.student_id_exclude={','.join(others)}")
    env = _python_env()
    env["CRMLAB_GRADING_DB"] = f"sqlite:///{workdir / 'gradebook.db'}"
    proc = subprocess.Popen(args, cwd=root, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, encoding="utf-8", errors="replace")
    for line in proc.stdout:
        on_line(line)
    proc.wait()


def _merge(root: Path, lab: str, workdir: Path, students: list[str]) -> dict[str, str]:
    """Copy the workers' results for ``students`` into the course gradebook: {student: graded|failed}."""
    from nbgrader.api import Gradebook, MissingEntry

    outcome = {}
    with warnings.catch_warnings(), Gradebook(f"sqlite:///{workdir / 'gradebook.db'}") as src, \
            Gradebook(f"sqlite:///{root / 'gradebook.db'}") as dst:
        # nbgrader's own add_submission trips a SQLAlchemy 2 autoflush warning; the rows are right
        warnings.simplefilter("ignore")
        for student in students:
            try:
                sub = src.find_submission(lab, student)
            except MissingEntry:
                outcome[student] = "failed"
                continue
            try:
                dst.find_student(student)
            except MissingEntry:
                dst.add_student(student)
            dst.update_or_create_submission(lab, student, timestamp=sub.timestamp)
            for nb in sub.notebooks:
                target_nb = dst.find_submission_notebook(nb.name, lab, student)
                target_nb.late_submission_penalty = nb.late_submission_penalty
                for grade in nb.grades:
                    target = dst.find_grade(grade.name, nb.name, lab, student)
                    target.auto_score = grade.auto_score
                    target.needs_manual_grade = target.manual_score is not None or grade.auto_score is None
                for comment in nb.comments:
                    dst.find_comment(comment.name, nb.name, lab, student).auto_comment = comment.auto_comment
            dst.db.commit()
            graded = workdir / "autograded" / student / lab
            final = root / "autograded" / student / lab
            if graded.exists():
                shutil.rmtree(final, ignore_errors=True)
                final.parent.mkdir(parents=True, exist_ok=True)
                shutil.copytree(graded, final)
                outcome[student] = "graded"
            else:
                outcome[student] = "failed"
    return outcome


def _reset(root: Path, lab: str, students: list[str]) -> None:
    """Before grading: no old automatic score and no old feedback may look current."""
    from crmlab.grading.submission import zero_automatic_scores

    for student in students:
        shutil.rmtree(root / "feedback" / student / lab, ignore_errors=True)
    zero_automatic_scores(f"sqlite:///{root / 'gradebook.db'}", lab, students)


def autograde(root, lab: str, *, jobs: int = 1, students=None, force: bool = False,
              progress: Callable[[Progress], None] | None = None) -> list[StudentResult]:
    """评分：用 ``jobs`` 个并行进程给 ``lab`` 的提交自动评分（沙箱评分，成绩库只有一个写入者）。

    Grade the submissions of ``lab`` with ``jobs`` workers in parallel; see the module docstring.
    ``students`` limits grading to those 学号 (they are regraded even when unchanged).
    """
    root = Path(root).resolve()
    _check_course(root, lab)
    if not isinstance(jobs, int) or isinstance(jobs, bool) or jobs < 1:
        raise input_error("jobs", "必须是不小于 1 的整数", "must be an integer >= 1")
    everyone = submitted_students(root, lab)
    if students is not None:
        students = [str(s) for s in students]
        unknown = [s for s in students if s not in everyone]
        if unknown:
            raise input_error("students", f"这些学号没有 {lab} 的提交：{unknown}", f"no {lab} submission for {unknown}")
    state = _state(root, lab)
    prints = {s: _fingerprint(root, lab, s) for s in (students or everyone)}
    if students is None and not force:
        todo = [s for s in everyone if state.get(s, {}).get("fingerprint") != prints[s]
                or state.get(s, {}).get("status") != "graded"]
    else:
        todo = list(students or everyone)
    results = {s: StudentResult(s, "skipped") for s in (students or everyone) if s not in todo}
    if not todo:
        return _finish(root, lab, results, [])

    _reset(root, lab, todo)
    jobs = min(jobs, len(todo))
    groups = [todo[k::jobs] for k in range(jobs)]
    started = time.monotonic()
    done: dict[str, str] = {}
    lock = threading.Lock()

    def on_line(line: str) -> None:
        match = LINE.search(line)
        failed = FAILED.search(line)
        if not (match or failed):
            return
        if match:
            student, status = match["student"], ("graded" if match["stopped"] == "-" else match["stopped"])
        else:
            student, status = Path(failed["path"]).parent.name, "failed"
        with lock:
            done[student] = status
            if progress is not None:
                elapsed = time.monotonic() - started
                eta = elapsed / len(done) * (len(todo) - len(done)) if done else None
                progress(Progress(len(done), len(todo), student, status, eta))

    with tempfile.TemporaryDirectory(prefix="crmlab-grade-workers-") as tmp:
        workdirs = []
        for k in range(jobs):
            workdir = Path(tmp) / f"worker{k}"
            workdir.mkdir()
            _copy_gradebook(root / "gradebook.db", workdir / "gradebook.db")
            workdirs.append(workdir)
        threads = [threading.Thread(target=_worker, args=(root, lab, group, everyone, workdir, on_line))
                   for group, workdir in zip(groups, workdirs)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        merged = {}
        for group, workdir in zip(groups, workdirs):
            merged.update(_merge(root, lab, workdir, group))
    seconds = (time.monotonic() - started) / max(len(todo), 1)
    for student in todo:
        status = merged.get(student, "failed")
        results[student] = StudentResult(student, status, seconds=seconds)
        state[student] = {"fingerprint": prints[student], "status": status}
    _save_state(root, lab, state)
    return _finish(root, lab, results, todo)


def _finish(root: Path, lab: str, results: dict, graded: list[str]) -> list[StudentResult]:
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        for student, result in results.items():
            try:
                sub = gb.find_submission(lab, student)
                result.score, result.max_score = sub.score, sub.max_score
            except MissingEntry:
                pass
            result.problems = grading_problems(root, lab, student)
            if result.status == "failed" and not result.problems:
                result.problems = ["评分失败：请查看 nbgrader 的日志。 / Grading failed: see nbgrader's log."]
    return [results[s] for s in sorted(results)]


def grading_problems(root, lab: str, student: str) -> list[str]:
    """What went wrong while grading one student's ``lab``, in Chinese (empty when nothing did)."""
    problems = []
    for path in sorted((Path(root) / "autograded" / student / lab).glob("*.ipynb")):
        try:
            meta = json.loads(path.read_text(encoding="utf-8")).get("metadata", {}).get("crmlab_grading", {})
        except (OSError, ValueError):
            problems.append(f"{path.name}：评分结果无法读取")
            continue
        stop = meta.get("stopped") or {}
        event = stop.get("event")
        if event:
            label = {"died": "内核中途停止", "hard-timeout": "单元格超时且无法中断", "timeout": "单元格超时",
                     "notebook-timeout": "整本笔记本超时", "no-kernel": "无法启动内核"}.get(event, event)
            where = f"（第 {stop['index'] + 1} 个单元格）" if isinstance(stop.get("index"), int) else ""
            problems.append(label + where)
        if meta.get("sandboxed") is False:
            problems.append("评分时未使用沙箱")
        for note in meta.get("notes", []):
            if "无法读取" in note:
                problems.append("提交的文件无法读取")
    return problems


def feedback(root, lab: str, *, students=None) -> list[str]:
    """生成反馈：为已评分的学生生成 ``lab`` 的反馈 HTML，返回写出了反馈的学号。

    Generate feedback for every graded student (or only ``students``); returns who has feedback.
    """
    root = Path(root).resolve()
    _check_course(root, lab)
    graded = sorted(p.parent.name for p in (root / "autograded").glob(f"*/{lab}") if p.is_dir())
    wanted = [str(s) for s in students] if students is not None else graded
    args = [sys.executable, "-m", "nbgrader", "generate_feedback", lab, "--force", "--log-level=ERROR"]
    others = [s for s in graded if s not in set(wanted)]
    if others:
        args.append(f"--CourseDirectory.student_id_exclude={','.join(others)}")
    subprocess.run(args, cwd=root, env=_python_env(), capture_output=True, text=True)
    return [s for s in wanted if list((root / "feedback" / s / lab).glob("*.html"))]
