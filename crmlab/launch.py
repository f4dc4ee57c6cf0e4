"""``crmlab-lab``: open the course in JupyterLab with a Chinese interface.

Runs ``jupyter lab`` in the course folder (the nearest folder, from the current
one upwards, that holds ``nbgrader_config.py``; otherwise the current folder),
with JupyterLab's default settings taken from crmlab's ``_lab_settings``
folder, which sets the interface language to Simplified Chinese (the
JupyterLab language pack comes with the ``course`` extra).  Settings a user
chose in JupyterLab still win.  Other arguments go to ``jupyter lab``, e.g.
``crmlab-lab --no-browser --port 8890``.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SETTINGS_DIR = Path(__file__).resolve().parent / "_lab_settings"


def course_root(start: Path) -> Path:
    """The nearest folder at or above ``start`` with an nbgrader_config.py, else ``start``."""
    for folder in (start, *start.parents):
        if (folder / "nbgrader_config.py").is_file():
            return folder
    return start


def lab_command(extra_args: list[str]) -> list[str]:
    return [sys.executable, "-m", "jupyterlab", f"--LabApp.app_settings_dir={SETTINGS_DIR}", *extra_args]


def root_arguments(args: list[str], is_root: bool) -> tuple[list[str], str | None]:
    """``args`` with ``--allow-root`` added for the root user (Docker lab machines), and a note saying so."""
    if not is_root or "--allow-root" in args:
        return args, None
    return [*args, "--allow-root"], ("提示：当前以 root 身份运行（常见于 Docker 实验机），已自动加上 --allow-root。"
                                      " / Note: running as root, so --allow-root was added.")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    root = course_root(Path.cwd())
    args, note = root_arguments(args, hasattr(os, "geteuid") and os.geteuid() == 0)
    print(f"crmlab：在 {root} 打开 JupyterLab（中文界面）……")
    if note:
        print(note)
    command = lab_command(args)
    if os.name == "posix":
        # JupyterLab takes this process's place: a Ctrl+C, a closed terminal or a `kill`
        # reaches JupyterLab itself, and nothing is left running after it.
        os.chdir(root)
        os.execv(command[0], command)
    try:
        return subprocess.call(command, cwd=root)
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
