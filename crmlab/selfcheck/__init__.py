"""检查作业：学生在 JupyterLab 里一键自查整本笔记本，结果用中文显示。

The students' self-check ("检查作业"):

- :func:`check_notebook` runs a notebook top to bottom in a fresh kernel and
  reports each automatically graded check in Chinese (``crmlab-check`` prints it);
- a Jupyter server extension (this package) answers ``POST /crmlab/check``;
- a prebuilt JupyterLab extension (``labextensions/crmlab-selfcheck``, source in
  the repository's ``selfcheck-extension/``) adds the 检查作业 toolbar button, and,
  where no nbgrader exchange exists, a Chinese note in place of nbgrader's
  Assignment List;
- :func:`lab_arguments` are the ``jupyter lab`` options that switch both on
  (``crmlab-lab`` passes them), so an editable install needs neither node nor
  files copied into ``share/jupyter``.
"""
from __future__ import annotations

from pathlib import Path

from .check import CheckResult, NotebookCheck, NotebookUnreadable, check_notebook

__all__ = ["CheckResult", "NotebookCheck", "NotebookUnreadable", "check_notebook", "lab_arguments",
           "LABEXTENSIONS_DIR", "LABEXTENSION_NAME"]

LABEXTENSION_NAME = "crmlab-selfcheck"
# JupyterLab looks for federated extensions as <folder>/<package name>/package.json.
LABEXTENSIONS_DIR = Path(__file__).resolve().parent / "labextensions"


def lab_arguments() -> list[str]:
    """启动 JupyterLab 时加上的参数，打开"检查作业"的前端和服务器端。

    ``jupyter lab`` options that load the self-check: the prebuilt front end from
    this package (no node needed, also for ``pip install -e``) and its server side.
    """
    return [f"--LabApp.extra_labextensions_path={LABEXTENSIONS_DIR}",
            "--ServerApp.jpserver_extensions=crmlab.selfcheck=True"]


def _jupyter_server_extension_points() -> list[dict]:
    return [{"module": "crmlab.selfcheck"}]


def _load_jupyter_server_extension(serverapp) -> None:
    from .server import load

    load(serverapp)
