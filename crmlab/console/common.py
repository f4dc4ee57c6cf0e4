"""What every console command needs: the course root, its gradebook, bilingual errors.

Everything here works on a *course root*: the folder with ``nbgrader_config.py``,
whose layout nbgrader fixes (``labs/<lab>/`` release, ``submitted/<学号>/<lab>/``,
``autograded/``, ``feedback/``, ``gradebook.db``).  The console's own files live
in ``<root>/.crmlab/``.
"""
from __future__ import annotations

import contextlib
import json
import re
import unicodedata
from pathlib import Path


class ConsoleError(Exception):
    """Bad input or a course not ready for a command: shown as Chinese, then English, never a traceback."""

    def __init__(self, zh: str, en: str):
        super().__init__(f"{zh} / {en}")
        self.zh, self.en = zh, en


def bilingual(zh: str, en: str) -> str:
    return f"{zh} / {en}"


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal or a spreadsheet: CJK characters count twice."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in str(text))


def format_seconds(seconds: float | None) -> str:
    if seconds is None:
        return "--"
    seconds = max(0, int(round(seconds)))
    minutes, secs = divmod(seconds, 60)
    if minutes >= 60:
        hours, minutes = divmod(minutes, 60)
        return f"{hours}小时{minutes:02d}分"
    return f"{minutes}分{secs:02d}秒" if minutes else f"{secs}秒"


class Course:
    """A course root and the paths nbgrader uses in it."""

    def __init__(self, root):
        root = Path(root).expanduser()
        if not root.is_dir():
            raise ConsoleError(f"课程目录 {root} 不存在。", f"the course folder {root} does not exist.")
        self.root = root.resolve()
        self.config = self.root / "nbgrader_config.py"
        if not self.config.is_file():
            raise ConsoleError(
                f"{self.root} 不是课程目录：找不到 nbgrader_config.py。请在课程根目录运行，或用 --course 指定。",
                f"{self.root} is not a course root (no nbgrader_config.py); run from the course root or pass --course.")
        self.db_path = self.root / "gradebook.db"
        self.db_url = f"sqlite:///{self.db_path}"
        self.state = self.root / ".crmlab"

    # ------------------------------------------------------------------ config
    @property
    def course_id(self) -> str:
        """``c.CourseDirectory.course_id`` of the config (read, not executed; nbgrader's default otherwise)."""
        text = self.config.read_text(encoding="utf-8", errors="replace")
        found = re.search(r"""^c\.CourseDirectory\.course_id\s*=\s*["']([^"']+)["']""", text, re.M)
        return found.group(1) if found else "default_course"

    # ------------------------------------------------------------------ labs
    def labs(self) -> list[str]:
        """Labs that have a release (``labs/<lab>/*.ipynb``)."""
        folder = self.root / "labs"
        if not folder.is_dir():
            return []
        return sorted(p.name for p in folder.iterdir() if p.is_dir() and any(p.glob("*.ipynb")))

    def require_lab(self, lab: str) -> list[Path]:
        """The release notebooks of ``lab``; a clear error when the lab is unknown."""
        if not re.fullmatch(r"[A-Za-z0-9_.\-]+", lab or "") or lab in (".", ".."):
            raise ConsoleError(f"实训名“{lab}”不合法。", f"invalid lab name {lab!r}.")
        notebooks = sorted((self.root / "labs" / lab).glob("*.ipynb"))
        if not notebooks:
            known = "、".join(self.labs()) or "（无）"
            raise ConsoleError(
                f"找不到实训 {lab} 的学生版（labs/{lab}/*.ipynb）。已有的实训：{known}。"
                f"请先运行 nbgrader generate_assignment {lab}。",
                f"no release for lab {lab!r} (labs/{lab}/*.ipynb); known labs: {', '.join(self.labs()) or 'none'}. "
                f"Run `nbgrader generate_assignment {lab}` first.")
        return notebooks

    def release_notebook(self, lab: str) -> Path:
        return self.require_lab(lab)[0]

    def graded_cells(self, lab: str) -> list[dict]:
        """The graded cells of ``lab`` in notebook order.

        Each: notebook, grade id, points, kind ('test' check / 'manual' written answer / 'auto')."""
        cells = []
        for path in self.require_lab(lab):
            try:
                nb = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            for cell in nb.get("cells", []):
                meta = (cell.get("metadata") or {}).get("nbgrader") or {}
                if not meta.get("grade") or not meta.get("grade_id"):
                    continue
                if cell.get("cell_type") == "code" and not meta.get("solution"):
                    kind = "test"
                elif meta.get("solution") and cell.get("cell_type") == "markdown":
                    kind = "manual"
                else:
                    kind = "auto"
                cells.append({"notebook": path.stem, "grade_id": meta["grade_id"],
                              "points": float(meta.get("points") or 0), "kind": kind})
        return cells

    # ------------------------------------------------------------------ folders
    def submitted(self, student: str, lab: str) -> Path:
        return self.root / "submitted" / student / lab

    def autograded(self, student: str, lab: str) -> Path:
        return self.root / "autograded" / student / lab

    def late_file(self, lab: str) -> Path:
        return self.state / "late" / f"{lab}.json"

    def read_late(self, lab: str) -> dict:
        """``{学号: {"late": bool, "reasons": [...], ...}}`` from the collect step (empty when none)."""
        try:
            data = json.loads(self.late_file(lab).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        students = data.get("students") if isinstance(data, dict) else None
        return students if isinstance(students, dict) else {}

    # ------------------------------------------------------------------ gradebook
    def require_gradebook(self) -> None:
        if not self.db_path.is_file():
            raise ConsoleError(
                f"找不到成绩库 {self.db_path}：请先导入名单（crmlab-grade roster 名单.xlsx）"
                "并运行 nbgrader generate_assignment 生成实训。",
                f"no gradebook at {self.db_path}: import a roster (crmlab-grade roster ...) and run "
                "`nbgrader generate_assignment` first.")

    @contextlib.contextmanager
    def gradebook(self, create: bool = False):
        """nbgrader's ``Gradebook`` on this course (``create``: make ``gradebook.db`` when missing)."""
        if not create:
            self.require_gradebook()
        from nbgrader.api import Gradebook

        try:
            gb = Gradebook(self.db_url, course_id=self.course_id)
        except Exception as exc:  # noqa: BLE001 - a locked or damaged database
            raise ConsoleError(f"无法打开成绩库 {self.db_path}：{exc}",
                               f"cannot open the gradebook {self.db_path}: {exc}") from exc
        try:
            yield gb
        finally:
            gb.close()
