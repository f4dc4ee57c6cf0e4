"""``crmlab-lab``: open the labs in JupyterLab with a Chinese interface.

Students get a personal working copy: on the first start the released labs
(``labs/<lab>/`` of the course folder) are copied into ``~/crmlab-work``
(or the folder given by ``--work-dir DIR`` or the environment variable
``CRMLAB_WORK_DIR``), and JupyterLab opens there.  Later starts copy only what
the course added since (a new lab folder, a new file) and never overwrite a
file that is already in the working copy.  ``--course`` opens the course
folder itself instead (the teacher's view).

The course folder is the nearest folder, from the current one upwards, that
holds ``nbgrader_config.py``; if there is none, the repository crmlab was
installed from with ``pip install -e``.  A plain (wheel) install carries no
labs: it can open an existing working copy, but needs the course folder to
make one.

JupyterLab's default settings come from crmlab's ``_lab_settings`` folder,
which sets the interface language to Simplified Chinese (the language pack
comes with the ``course`` extra); settings a user chose still win.  Other
arguments go to ``jupyter lab``, e.g. ``crmlab-lab --no-browser --port 8890``.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

SETTINGS_DIR = Path(__file__).resolve().parent / "_lab_settings"
# An editable install (pip install -e .) imports crmlab from the course repository itself.
INSTALLED_FROM = Path(__file__).resolve().parent.parent
# ASCII on purpose: students type it in terminals without switching input method, and
# LaTeX-based PDF export and some Windows tools still trip over non-ASCII paths.  Students
# need not look for it: every start prints the full path and JupyterLab opens in it.
DEFAULT_WORK_DIR = "crmlab-work"
WORK_DIR_ENV = "CRMLAB_WORK_DIR"
# Marks a folder as a working copy; the repository's conftest.py skips such folders, so a
# working copy made inside the repository never enters the test suite.
WORK_COPY_MARKER = ".crmlab-work"


def course_root(start: Path) -> Path:
    """The nearest folder at or above ``start`` with an nbgrader_config.py, else ``start``."""
    for folder in (start, *start.parents):
        if (folder / "nbgrader_config.py").is_file():
            return folder
    return start


def lab_command(extra_args: list[str]) -> list[str]:
    from .selfcheck import lab_arguments  # the 检查作业 button and its server side, from this package

    return [sys.executable, "-m", "jupyterlab", f"--LabApp.app_settings_dir={SETTINGS_DIR}", *lab_arguments(),
            *extra_args]


def root_arguments(args: list[str], is_root: bool) -> tuple[list[str], str | None]:
    """``args`` with ``--allow-root`` added for the root user (Docker lab machines), and a note saying so."""
    if not is_root or "--allow-root" in args:
        return args, None
    return [*args, "--allow-root"], ("提示：当前以 root 身份运行（常见于 Docker 实验机），已自动加上 --allow-root。"
                                      " / Note: running as root, so --allow-root was added.")


HELP = """用法：crmlab-lab [--work-dir 文件夹 | --course] [jupyter lab 的参数 ...]

  不加选项        第一次启动时把课程的实训复制到你的个人工作文件夹，然后在那里打开 JupyterLab；
                  以后每次只补上课程新增的实训和文件，不覆盖你已有的文件。
                  文件夹默认是 ~/crmlab-work，可用环境变量 CRMLAB_WORK_DIR 另设。
  --work-dir 文件夹
                  用这个文件夹作工作副本（优先于 CRMLAB_WORK_DIR）。
  --course        不复制，直接打开课程文件夹（教师用）。
  其余参数原样交给 jupyter lab，例如 --no-browser、--port 8890（说明见 jupyter lab --help）。

Usage: crmlab-lab [--work-dir DIR | --course] [jupyter lab arguments ...]

  (no option)     on the first start, copy the course's labs into your personal working copy and open
                  JupyterLab there; later starts add only new labs and files and never overwrite yours.
                  The folder is ~/crmlab-work, or CRMLAB_WORK_DIR if set.
  --work-dir DIR  use DIR as the working copy (wins over CRMLAB_WORK_DIR).
  --course        open the course folder itself, copying nothing (for teachers).
  Other arguments go to jupyter lab, e.g. --no-browser, --port 8890 (see jupyter lab --help)."""


class LaunchError(Exception):
    """A reason not to start, said in Chinese, then English."""


@dataclass
class Options:
    course: bool = False
    work_dir: str | None = None
    help: bool = False
    jupyter_args: list[str] = field(default_factory=list)


def parse_arguments(args: list[str]) -> Options:
    """crmlab-lab's own options; everything else is left, in order, for ``jupyter lab``."""
    # Not argparse: it would also claim abbreviations and values of jupyter's own options.
    options = Options()
    rest = iter(args)
    for arg in rest:
        if arg == "--course":
            options.course = True
        elif arg == "--work-dir" or arg.startswith("--work-dir="):
            value = arg.partition("=")[2] if "=" in arg else next(rest, "")
            if not value or value.startswith("-"):
                raise LaunchError("--work-dir 后面要写一个文件夹。 / --work-dir needs a folder.")
            options.work_dir = value
        elif arg in ("-h", "--help"):
            options.help = True
        else:
            options.jupyter_args.append(arg)
    if options.course and options.work_dir:
        raise LaunchError("--course 和 --work-dir 只能选一个。 / Use either --course or --work-dir, not both.")
    return options


def course_labs(start: Path, installed_from: Path = INSTALLED_FROM) -> Path | None:
    """The ``labs/`` folder of the course around ``start``, else of the repository crmlab runs from."""
    for course in (course_root(start), installed_from):
        if (course / "nbgrader_config.py").is_file() and (course / "labs").is_dir():
            return course / "labs"
    return None


def work_dir(option: str | None, env: Mapping[str, str], cwd: Path) -> Path:
    chosen = option or env.get(WORK_DIR_ENV) or str(Path.home() / DEFAULT_WORK_DIR)
    return (cwd / Path(chosen).expanduser()).resolve()


@dataclass
class CopyResult:
    work: Path
    first_time: bool
    new_labs: list[str] = field(default_factory=list)   # lab folders copied whole
    new_files: list[str] = field(default_factory=list)  # files added to what the student already had


def _hidden(name: str) -> bool:
    return name.startswith(".") or name == "__pycache__"


def _copy_if_missing(source: Path, target: Path) -> bool:
    if target.exists():
        return False
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        # "x": even a file that appeared since the check above is not overwritten.
        out = target.open("xb")
    except (FileExistsError, NotADirectoryError, IsADirectoryError):
        # The student has a file where the course has a folder, or the other way round: theirs
        # stays, and one odd name must not keep them from starting.
        return False
    try:
        # Contents only: a read-only installed course must not make the student's copy read-only.
        with out, source.open("rb") as inp:
            shutil.copyfileobj(inp, out)
    except BaseException:
        target.unlink(missing_ok=True)  # a half-copied notebook would never be replaced
        raise
    return True


def _write_if_missing(target: Path, text: str) -> None:
    try:
        with target.open("x", encoding="utf-8") as out:
            out.write(text)
    except FileExistsError:
        pass


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


MARKER_TEXT = """这个文件夹是 crmlab-lab 建立的个人工作副本，实训就在这里做。
再次启动 crmlab-lab 只会补上课程新增的实训和文件，不会覆盖这里已有的文件；
想把某个实训从头再做，把它的笔记本改名或删掉，下次启动就会得到一份新的。
This is a crmlab-lab personal working copy: crmlab-lab only adds the labs and files the course
adds and never overwrites a file here.  (This file also keeps the course's tests out of it.)
"""


def update_work_copy(labs: Path, work: Path) -> CopyResult:
    """Copy into ``work`` every file of ``labs`` that ``work`` lacks; never overwrite anything."""
    course = labs.parent.resolve()
    if work == course or _inside(work, course / "labs") or _inside(work, course / "solutions"):
        raise LaunchError(
            f"crmlab：工作副本不能是课程文件夹本身，也不能放在它的 labs/ 或 solutions/ 里"
            f"（老师重新生成实训时会覆盖那里的文件）：{work}\n"
            f"crmlab: the working copy cannot be the course folder or lie inside its labs/ or solutions/"
            f" (regenerating the labs overwrites them): {work}")
    if work.exists() and not work.is_dir():
        raise LaunchError(f"crmlab：{work} 是一个文件，不是文件夹。 / crmlab: {work} is a file, not a folder.")
    result = CopyResult(work, first_time=not (work / WORK_COPY_MARKER).is_file())
    for source in sorted(labs.rglob("*")):
        relative = source.relative_to(labs)
        if not source.is_file() or any(_hidden(part) for part in relative.parts):
            continue
        top = relative.parts[0]
        # Decided before the lab's first file creates its folder.
        lab_is_new = len(relative.parts) > 1 and (top in result.new_labs or not (work / top).exists())
        if _copy_if_missing(source, work / relative):
            if not lab_is_new:
                result.new_files.append(relative.as_posix())
            elif top not in result.new_labs:
                result.new_labs.append(top)
    work.mkdir(parents=True, exist_ok=True)
    _write_if_missing(work / WORK_COPY_MARKER, MARKER_TEXT)
    if _inside(work, course):
        # Keeps a working copy made inside the repository out of `git status` and commits.
        _write_if_missing(work / ".gitignore", "# crmlab-lab 个人工作副本 / personal working copy\n*\n")
    return result


def _names(items: list[str]) -> str:
    if len(items) <= 3:
        return "、".join(items)
    return f"{items[0]} … {items[-1]}（共 {len(items)} 个）"


def report_lines(result: CopyResult) -> list[str]:
    """What was copied, in Chinese, for the terminal."""
    lines = []
    if result.first_time and result.new_labs:
        lines += [f"crmlab：已把课程的实训 {_names(result.new_labs)} 复制到你的个人工作文件夹 {result.work}",
                  "crmlab：以后就在这里做题。再次启动只会补上课程新增的内容，不会覆盖你的文件。",
                  # Teachers used to get the course folder from a plain crmlab-lab.
                  "crmlab：（老师要直接打开课程文件夹，请用 crmlab-lab --course）"]
    elif result.first_time:
        lines.append(f"crmlab：你的个人工作文件夹是 {result.work}")
    elif result.new_labs:
        lines.append(f"crmlab：课程新增了实训 {_names(result.new_labs)}，已复制到 {result.work}")
    if result.new_files:
        lines.append(f"crmlab：补上了你这里缺少的文件 {_names(result.new_files)}（你已有的文件都没有改动）")
    if not (result.first_time or result.new_labs or result.new_files):
        lines.append(f"crmlab：工作文件夹 {result.work}，课程没有新增的实训。")
    return lines


def prepare(options: Options, env: Mapping[str, str], cwd: Path,
            installed_from: Path = INSTALLED_FROM) -> tuple[Path, list[str]]:
    """The folder JupyterLab should open, after bringing the working copy up to date, and what to tell the user."""
    if options.course:
        return course_root(cwd), []
    work = work_dir(options.work_dir, env, cwd)
    labs = course_labs(cwd, installed_from)
    if labs is None:
        if (work / WORK_COPY_MARKER).is_file():
            return work, [f"crmlab：没有找到课程文件夹，这次不检查新实训。工作文件夹：{work}"]
        raise LaunchError(
            "crmlab：找不到实训。当前文件夹（及其上层）和 crmlab 的安装位置都不是课程文件夹"
            "（含 nbgrader_config.py 和 labs/）。请先下载课程仓库，在它里面运行 crmlab-lab；"
            "或者用 crmlab-lab --course 直接打开当前文件夹。\n"
            "crmlab: no labs found: neither this folder (nor one above it) nor crmlab's install location is a "
            "course folder (with nbgrader_config.py and labs/).  Get the course repository and run crmlab-lab "
            "inside it, or use crmlab-lab --course to open this folder as it is.")
    return work, report_lines(update_work_copy(labs, work))


def main(argv: list[str] | None = None) -> int:
    try:
        options = parse_arguments(sys.argv[1:] if argv is None else argv)
        if options.help:
            print(HELP)
            return 0
        root, lines = prepare(options, os.environ, Path.cwd())
    except LaunchError as err:
        print(err, file=sys.stderr)
        return 1
    except OSError as err:  # e.g. a home folder that cannot be written: a sentence, not a traceback
        print(f"crmlab：无法准备工作文件夹：{err}\ncrmlab: cannot prepare the working copy: {err}", file=sys.stderr)
        return 1
    args, note = root_arguments(options.jupyter_args, hasattr(os, "geteuid") and os.geteuid() == 0)
    for line in lines:
        print(line)
    print(f"crmlab：在 {root} 打开 JupyterLab（中文界面）……")
    if note:
        print(note)
    command = lab_command(args)
    if os.name == "posix":
        # JupyterLab takes this process's place: a Ctrl+C, a closed terminal or a `kill`
        # reaches JupyterLab itself, and nothing is left running after it.
        os.chdir(root)
        sys.stdout.flush()  # exec discards Python's buffer: the messages above would be lost in a pipe
        os.execv(command[0], command)
    try:
        return subprocess.call(command, cwd=root)
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
