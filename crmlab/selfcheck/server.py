"""Server side of 检查作业: ``POST /crmlab/check`` and the Assignment List switch.

``POST {base_url}crmlab/check`` with ``{"path": "labs/lab00/lab00.ipynb"}`` (a
path as the contents API names it) runs :func:`~crmlab.selfcheck.check_notebook`
on that notebook and answers its report as JSON.  Errors are JSON too
(``{"message": "中文。 / English."}``), as from every Jupyter API.

Without an nbgrader exchange (a student's own computer, the usual case in this
course) nbgrader's Assignment List can only show errors; the server then
disables that JupyterLab plugin and tells crmlab's front end to show a short
Chinese note in its place (page option ``crmlabNoExchange``).
"""
from __future__ import annotations

import asyncio
import json
import logging
import os
from concurrent.futures import ThreadPoolExecutor

from jupyter_core.utils import ensure_async
from jupyter_server.auth.decorator import authorized
from jupyter_server.base.handlers import APIHandler
from jupyter_server.utils import url_path_join
from tornado import web

from .check import NotebookUnreadable, check_notebook

ROUTE = "crmlab/check"
ASSIGNMENT_LIST_PLUGIN = "@jupyter/nbgrader:assignment-list"
# nbgrader's Validate answers in English with full tracebacks; 检查作业 replaces it wherever
# this extension runs (crmlab-lab), so a student sees one self-check, in Chinese.
VALIDATE_PLUGIN = "@jupyter/nbgrader:validate-assignment"
PAGE_OPTION = "crmlabNoExchange"

log = logging.getLogger(__name__)


class CheckHandler(APIHandler):
    # A check runs the notebook's code, like running it in a kernel: authorize it as that.
    auth_resource = "kernels"

    @web.authenticated
    @authorized(action="execute")
    async def post(self):
        try:
            body = self.get_json_body() or {}
        except web.HTTPError:
            raise web.HTTPError(400, "请求的内容不是有效的 JSON。 / The request body is not valid JSON.") from None
        os_path = await notebook_os_path(self.contents_manager, body.get("path") if isinstance(body, dict) else None)
        executor = self.settings["crmlab_selfcheck_executor"]
        try:
            report = await asyncio.get_running_loop().run_in_executor(executor, check_notebook, os_path)
        except NotebookUnreadable as error:
            raise web.HTTPError(400, str(error).replace(os_path, os.path.basename(os_path))) from None
        self.set_header("Content-Type", "application/json; charset=UTF-8")
        self.finish(json.dumps(report.to_dict(), ensure_ascii=False))


async def notebook_os_path(contents_manager, path) -> str:
    """The file behind a contents-API ``path``, or an HTTP error a student can read (Chinese, then English)."""
    if not isinstance(path, str) or not path.strip("/"):
        raise web.HTTPError(400, "请求里没有写要检查哪本笔记本。 / The request names no notebook (\"path\").")
    path = path.strip("/")
    parts = path.replace("\\", "/").split("/")
    if ".." in parts or os.path.isabs(path) or os.path.splitdrive(path)[0]:
        raise web.HTTPError(403, "只能检查 JupyterLab 文件夹里的笔记本。"
                                 " / Only notebooks inside the server's folder can be checked.")
    if not path.lower().endswith(".ipynb"):
        raise web.HTTPError(400, "只能检查笔记本（.ipynb 文件）。 / Only notebooks (.ipynb) can be checked.")
    not_found = web.HTTPError(404, "找不到这本笔记本，它是不是被改名或移走了？ / Notebook not found.")
    if not contents_manager.allow_hidden and await ensure_async(contents_manager.is_hidden(path)):
        raise not_found
    to_os_path = getattr(contents_manager, "_get_os_path", None)
    if to_os_path is None:   # contents that are not files on this computer (e.g. a database)
        raise web.HTTPError(501, "这台服务器的文件不在本机磁盘上，无法检查。"
                                 " / This server's contents are not local files.")
    try:
        # The contents manager's own check: raises a 404 for anything outside its root.
        os_path = to_os_path(path)
    except web.HTTPError:
        raise not_found from None
    if not os.path.isfile(os_path):
        raise not_found
    return os_path


def assignment_list_useless(root_dir: str) -> bool:
    """Whether nbgrader's Assignment List could only show errors here: nbgrader present, no exchange to list.

    The course's ``nbgrader_config.py`` is read from ``root_dir``, as nbgrader's own
    assignment-list server extension does.  A non-default exchange (e.g. a class server's
    own) counts as present; the default one only when its folder exists.
    """
    try:
        from nbgrader.apps import NbGrader
        from nbgrader.exchange import ExchangeFactory, default
        from traitlets.config import Application
    except ImportError:
        return False
    try:
        app = NbGrader(log=log)
        app.load_cwd_config = False   # the server's folder, not the process's working directory
        app.load_config_file()
        Application.load_config_file(app, app.config_file_name, path=root_dir)
        lister = ExchangeFactory(config=app.config).list
        if not issubclass(lister, default.ExchangeList):
            return False
        return not os.path.isdir(default.ExchangeList(config=app.config).root)
    except Exception:  # a broken course config breaks nbgrader's list too
        log.warning("crmlab.selfcheck: could not read the nbgrader exchange settings", exc_info=True)
        return True


def _page_config_hook(previous, plugins: list[str], no_exchange: bool):
    def hook(handler, page_config):
        if previous is not None:
            page_config = previous(handler, page_config)
        disabled = page_config.get("disabledExtensions")
        if isinstance(disabled, list):
            disabled.extend(plugins)
        else:
            page_config["disabledExtensions"] = {**(disabled or {}), **{p: True for p in plugins}}
        if no_exchange:
            page_config[PAGE_OPTION] = True
        return page_config
    return hook


def load(serverapp) -> None:
    web_app = serverapp.web_app
    # One check at a time: each starts its own kernel, and lab computers have few cores.
    web_app.settings["crmlab_selfcheck_executor"] = ThreadPoolExecutor(1, thread_name_prefix="crmlab-selfcheck")
    base_url = web_app.settings["base_url"]
    web_app.add_handlers(".*$", [(url_path_join(base_url, ROUTE), CheckHandler)])
    no_exchange = assignment_list_useless(serverapp.root_dir)
    plugins = [VALIDATE_PLUGIN, *([ASSIGNMENT_LIST_PLUGIN] if no_exchange else [])]
    web_app.settings["page_config_hook"] = _page_config_hook(web_app.settings.get("page_config_hook"),
                                                             plugins, no_exchange)
    if no_exchange:
        serverapp.log.info("crmlab.selfcheck: no nbgrader exchange here; the Assignment List shows a note instead")
    serverapp.log.info("crmlab.selfcheck: 检查作业 at %s", url_path_join(base_url, ROUTE))
