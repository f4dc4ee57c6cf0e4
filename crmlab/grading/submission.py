"""Take a student's notebook as it comes and make it gradable, never crash on it.

Honest students hand in notebooks nbgrader alone cannot grade: a cell copied
and pasted in JupyterLab (two cells with one grade id, nbgrader#1083), an
answer cell deleted together with its test, a file saved with a UTF-8 BOM or
in GBK, a notebook renamed to ``lab03 (1).ipynb``.  The pieces here fix these
before nbgrader's own sanitising steps run:

- :class:`SubmissionExporter` reads a notebook in UTF-8 (with or without BOM)
  or GB18030/GBK;
- :class:`NormalizeSubmission` rebuilds the grading structure from the
  released notebook: each graded cell once (for copies, the one the student
  edited), its nbgrader metadata from the release (a student's metadata is
  never trusted), missing graded cells put back in place, unknown metadata
  dropped;
- :func:`before_autograde` (nbgrader's ``pre_convert_hook``) grades a renamed
  notebook when it is the only one, and clears the previous grade and feedback
  of the submission about to be graded, so a grading that fails never leaves
  an old result looking current.

What was done is written to the notebook's metadata and shown to the student
at the top of the feedback.
"""
from __future__ import annotations

import datetime
import json
import os
import shutil
from pathlib import Path

import nbformat
from nbconvert.exporters import NotebookExporter
from nbgrader.preprocessors import NbGraderPreprocessor

NOTES_KEY = "crmlab_grading"


def decode_notebook_bytes(raw: bytes) -> tuple[str, str | None]:
    """Text of a notebook file and a note when it was not plain UTF-8."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8"), "文件开头带有 UTF-8 BOM 标记，已按 UTF-8 读取。"
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), "文件是 UTF-16 编码，已转换后评分。"
    return raw.decode("gb18030"), "文件不是 UTF-8 编码（可能是 GBK），已按 GBK 读取后评分。"


def read_notebook(path) -> tuple[nbformat.NotebookNode, list[str]]:
    """A submitted notebook in any common encoding, upgraded to nbformat 4."""
    text, note = decode_notebook_bytes(Path(path).read_bytes())
    nb = nbformat.reads(text, as_version=4)
    notes = [note] if note else []
    return nb, notes


def add_notes(nb, notes) -> None:
    if notes:
        info = nb.metadata.setdefault(NOTES_KEY, {})
        info["notes"] = list(dict.fromkeys(list(info.get("notes", [])) + list(notes)))


class SubmissionExporter(NotebookExporter):
    """nbconvert's notebook exporter, reading files in UTF-8 (BOM or not), UTF-16 or GBK."""

    def from_filename(self, filename, resources=None, **kw):
        resources = resources if resources is not None else {}
        if "metadata" not in resources or resources["metadata"] == "":
            resources["metadata"] = {}
        path, basename = os.path.split(filename)
        resources["metadata"]["name"] = os.path.splitext(basename)[0]
        resources["metadata"]["path"] = path
        modified = datetime.datetime.fromtimestamp(os.path.getmtime(filename), tz=datetime.timezone.utc)
        resources["metadata"]["modified_date"] = modified.strftime("%Y-%m-%d")
        try:
            nb, notes = read_notebook(filename)
            if not isinstance(nb.get("cells"), list):
                raise ValueError("no cell list")
            if not isinstance(nb.get("metadata"), dict):
                nb["metadata"] = nbformat.from_dict({})
            nb["cells"] = [nbformat.from_dict(c) for c in nb["cells"] if isinstance(c, dict)]
            for cell in nb["cells"]:
                if not isinstance(cell.get("metadata"), dict):
                    cell["metadata"] = nbformat.from_dict({})
        except Exception:  # noqa: BLE001 - an unreadable file is graded as an empty notebook
            nb = nbformat.v4.new_notebook()
            notes = ["提交的文件无法读取（不是有效的 Jupyter 笔记本），按未作答评分。"
                     " / The submitted file is not a readable notebook; graded as unanswered."]
        add_notes(nb, notes)
        return self.from_notebook_node(nb, resources=resources, **kw)


def _grade_id(cell) -> str | None:
    metadata = cell.get("metadata") if isinstance(cell, dict) else None
    meta = metadata.get("nbgrader") if isinstance(metadata, dict) else None
    if isinstance(meta, dict) and isinstance(meta.get("grade_id"), str):
        return meta["grade_id"]
    return None


def _is_test(meta: dict) -> bool:
    return bool(meta.get("grade")) and not meta.get("solution")


class NormalizeSubmission(NbGraderPreprocessor):
    """Rebuild a submission's graded cells from the released notebook (see the module docstring)."""

    def preprocess(self, nb, resources):
        from nbgrader.coursedir import CourseDirectory

        coursedir = CourseDirectory(config=self.config)
        assignment = resources["nbgrader"]["assignment"]
        notebook = resources["nbgrader"]["notebook"]
        release = Path(coursedir.format_path(coursedir.release_directory, ".", assignment)) / f"{notebook}.ipynb"
        if not release.exists():
            raise FileNotFoundError(
                f"找不到发布版笔记本 {release}：请先运行 nbgrader generate_assignment {assignment}。"
                f" / The released notebook {release} is missing: run `nbgrader generate_assignment {assignment}`.")
        release_nb = nbformat.read(str(release), as_version=4)
        nb.cells = self.rebuild(nb.cells, release_nb.cells, nb)
        return nb, resources

    def rebuild(self, cells, release_cells, nb):
        notes = []
        release = {}
        order = []
        for cell in release_cells:
            gid = _grade_id(cell)
            if gid is not None:
                release[gid] = cell
                order.append(gid)

        # which copy of each graded cell to grade
        positions: dict[str, list[int]] = {}
        for i, cell in enumerate(cells):
            gid = _grade_id(cell)
            if gid in release:
                positions.setdefault(gid, []).append(i)
        chosen = {}
        for gid, where in positions.items():
            if len(where) == 1:
                chosen[gid] = where[0]
                continue
            meta = release[gid].metadata.nbgrader
            edited = [i for i in where if cells[i].get("source", "") != release[gid].source]
            if _is_test(meta):
                chosen[gid] = where[-1]            # a test runs after every copy of its answer
            else:
                chosen[gid] = (edited or where)[-1]
            notes.append(f"单元格 {gid} 出现了 {len(where)} 次（复制粘贴造成），评分时按其中一个计分，其余按普通单元格运行。")

        out = []
        for i, cell in enumerate(cells):
            cell = nbformat.from_dict(json.loads(json.dumps(cell)))
            gid = _grade_id(cell)
            cell.metadata.pop("nbgrader", None)
            if gid in chosen and chosen[gid] == i:
                cell.metadata["nbgrader"] = nbformat.from_dict(json.loads(json.dumps(release[gid].metadata.nbgrader)))
                if cell.cell_type != release[gid].cell_type:
                    cell = self._retype(cell, release[gid].cell_type)
            elif gid in release and _is_test(release[gid].metadata.nbgrader):
                continue  # a stray copy of a test cell: the graded copy runs it
            out.append(self._valid(cell))

        # graded cells the student deleted: back in place, after the graded cell before them
        present = {gid for gid in chosen}
        for k, gid in enumerate(order):
            if gid in present:
                continue
            cell = nbformat.from_dict(json.loads(json.dumps(release[gid])))
            cell.pop("id", None)
            where = 0
            for previous in reversed(order[:k]):
                hit = [j for j, c in enumerate(out) if _grade_id(c) == previous]
                if hit:
                    where = hit[0] + 1
                    break
            out.insert(where, self._valid(cell))
            present.add(gid)
            notes.append(f"提交的笔记本里缺少单元格 {gid}，评分时已按发布版补回。")
        add_notes(nb, notes)
        return out

    @staticmethod
    def _retype(cell, cell_type):
        if cell_type == "code":
            new = nbformat.v4.new_code_cell(cell.source, metadata=cell.metadata)
        else:
            new = nbformat.v4.new_markdown_cell(cell.source, metadata=cell.metadata)
        return new

    @staticmethod
    def _valid(cell):
        cell.pop("id", None)  # ids are made anew when the notebook is written
        if cell.get("cell_type") == "code":
            cell.setdefault("outputs", [])
            cell.setdefault("execution_count", None)
        elif cell.get("cell_type") in ("markdown", "raw"):
            cell.pop("outputs", None)
            cell.pop("execution_count", None)
        else:
            cell = nbformat.v4.new_raw_cell(str(cell.get("source", "")))
        if not isinstance(cell.get("source"), str):
            src = cell.get("source")
            cell["source"] = "".join(src) if isinstance(src, list) else str(src or "")
        return cell


# --------------------------------------------------------------------------- nbgrader hooks

def before_autograde(assignment=None, student=None, notebooks=None, *, config=None, **_):
    """``Autograde.pre_convert_hook`` (bind ``config`` with functools.partial in nbgrader_config.py).

    Grades a renamed notebook when it is the submission's only one, and clears
    the submission's previous feedback and automatic scores before grading.
    """
    from nbgrader.coursedir import CourseDirectory

    if not notebooks:
        return
    folder = Path(notebooks[0]).parent
    student_id, assignment_id = folder.parent.name, folder.name
    coursedir = CourseDirectory(config=config)
    release = Path(coursedir.format_path(coursedir.release_directory, ".", assignment_id))
    expected = sorted(p.name for p in release.glob("*.ipynb"))
    present = [p for p in folder.glob("*.ipynb") if not p.name.startswith(".")]
    if len(expected) == 1 and not (folder / expected[0]).exists() and len(present) == 1:
        target = folder / expected[0]
        nb, notes = read_notebook(present[0])
        add_notes(nb, notes + [f"提交的文件名是“{present[0].name}”，已按 {expected[0]} 评分。"])
        nbformat.write(nb, str(target))
        notebooks.append(str(target))

    feedback = Path(coursedir.format_path(coursedir.feedback_directory, student_id, assignment_id))
    if feedback.exists():
        shutil.rmtree(feedback, ignore_errors=True)
    # crmlab-grade's parallel workers each write a private copy of the gradebook
    zero_automatic_scores(os.environ.get("CRMLAB_GRADING_DB") or coursedir.db_url, assignment_id, [student_id])


def zero_automatic_scores(db_url: str, assignment_id: str, students) -> None:
    """Set the automatic scores of these students' ``assignment_id`` to 0 (manual scores are kept)."""
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(db_url) as gb:
        for student_id in students:
            try:
                submission = gb.find_submission(assignment_id, student_id)
            except MissingEntry:
                continue
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    if grade.auto_score is not None:
                        grade.auto_score = 0
        gb.db.commit()
