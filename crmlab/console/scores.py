"""成绩库里的分数，整理成成绩表和班级报告要用的样子。

Scores read from nbgrader's gradebook with its own API, shaped for the export
and the report: per lab, the graded cells in notebook order and, per student
with a graded submission, each cell's score, whether it waits for manual
grading, and the submission time and lateness.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .common import ConsoleError, Course


@dataclass
class CellInfo:
    notebook: str
    grade_id: str
    max_score: float
    kind: str                 # "test" (autograded check) | "manual" (written answer) | "auto"

    @property
    def key(self) -> tuple[str, str]:
        return self.notebook, self.grade_id


@dataclass
class CellScore:
    score: float | None       # None: waits for manual grading
    max_score: float
    needs_manual: bool


@dataclass
class Submission:
    student: str
    score: float
    max_score: float
    needs_manual: bool
    timestamp: dt.datetime | None      # UTC, naive (as nbgrader stores it)
    seconds_late: float
    cells: dict[tuple[str, str], CellScore] = field(default_factory=dict)


@dataclass
class LabScores:
    lab: str
    max_score: float
    cells: list[CellInfo]
    submissions: dict[str, Submission]

    @property
    def tests(self) -> list[CellInfo]:
        return [c for c in self.cells if c.kind == "test"]


def gradebook_labs(gb) -> list[str]:
    return sorted(a.name for a in gb.assignments)


def _cell_order(course: Course, lab: str, assignment) -> list[CellInfo]:
    by_key = {}
    for nb in assignment.notebooks:
        for gc in nb.grade_cells:
            kind = "test" if gc.cell_type == "code" and not _is_solution(nb, gc.name) else (
                "manual" if gc.cell_type == "markdown" else "auto")
            by_key[(nb.name, gc.name)] = CellInfo(nb.name, gc.name, float(gc.max_score or 0), kind)
    try:
        ordered = [(c["notebook"], c["grade_id"]) for c in course.graded_cells(lab)]
    except ConsoleError:
        ordered = []
    keys = [k for k in ordered if k in by_key] + sorted(k for k in by_key if k not in ordered)
    return [by_key[k] for k in keys]


def _is_solution(nb, name: str) -> bool:
    return any(sc.name == name for sc in nb.solution_cells)


def read_lab(course: Course, gb, lab: str) -> LabScores:
    """``lab``'s graded cells and every graded submission, from the gradebook."""
    from nbgrader.api import MissingEntry

    try:
        assignment = gb.find_assignment(lab)
    except MissingEntry:
        known = "、".join(gradebook_labs(gb)) or "（无）"
        raise ConsoleError(f"成绩库里没有实训 {lab}（已有：{known}）。请先运行 nbgrader generate_assignment {lab}。",
                           f"the gradebook has no lab {lab!r} (known: {', '.join(gradebook_labs(gb)) or 'none'}).")
    cells = _cell_order(course, lab, assignment)
    submissions = {}
    for sub in gb.assignment_submissions(lab):
        entry = Submission(sub.student.id, float(sub.score or 0), float(sub.max_score or 0),
                           bool(sub.needs_manual_grade), sub.timestamp, float(sub.total_seconds_late or 0))
        for nb in sub.notebooks:
            for grade in nb.grades:
                waiting = bool(grade.needs_manual_grade) and grade.manual_score is None
                score = None if waiting and grade.auto_score is None else float(grade.score or 0)
                entry.cells[(nb.name, grade.name)] = CellScore(score, float(grade.max_score or 0),
                                                               bool(grade.needs_manual_grade))
        submissions[entry.student] = entry
    return LabScores(lab, float(assignment.max_score or 0), cells, submissions)
