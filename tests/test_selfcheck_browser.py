"""检查作业 in a real browser: JupyterLab as crmlab-lab starts it, Debian's chromium driven by Playwright.

Uses the system chromium (README 快速开始 step 0), never Playwright's own download.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from crmlab import launch

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
TOKEN = "crmlab-selfcheck-test"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.is_file(), reason="needs Debian's chromium (apt-get install chromium)"),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _request(url: str, body: dict | None = None, token: str | None = TOKEN) -> tuple[int, dict | str]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method="POST" if data is not None else "GET")
    if token:
        request.add_header("Authorization", f"token {token}")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            status, text = response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        status, text = error.code, error.read().decode("utf-8")
    try:
        return status, json.loads(text)
    except ValueError:
        return status, text


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab with crmlab-lab's options in a copy of a course folder holding labs/lab00/."""
    base = tmp_path_factory.mktemp("selfcheck-lab")
    course = base / "course"
    (course / "labs" / "lab00").mkdir(parents=True)
    shutil.copy(ROOT / "labs" / "lab00" / "lab00.ipynb", course / "labs" / "lab00")
    shutil.copy(ROOT / "nbgrader_config.py", course)
    port = _free_port()
    args, _ = launch.root_arguments(["--no-browser", f"--port={port}", f"--ServerApp.token={TOKEN}"],
                                    hasattr(os, "geteuid") and os.geteuid() == 0)
    # The user's own JupyterLab settings and saved layouts stay out of the test, and it leaves none behind.
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(base / "config"), "JUPYTER_RUNTIME_DIR": str(base / "runtime"),
           "JUPYTERLAB_SETTINGS_DIR": str(base / "settings"), "JUPYTERLAB_WORKSPACES_DIR": str(base / "workspaces")}
    log = (base / "server.log").open("w")
    server = subprocess.Popen(launch.lab_command(args), cwd=course, env=env, stdout=log, stderr=subprocess.STDOUT,
                              start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if _request(f"{url}/api/status")[0] == 200:
                    break
            except OSError:
                pass
            assert server.poll() is None and time.monotonic() < deadline, (base / "server.log").read_text()
            time.sleep(0.3)
        yield url
    finally:
        # Jupyter shuts its kernels down on SIGTERM; the session's group catches anything left over.
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        finally:
            log.close()


def test_check_endpoint_answers_in_chinese_and_refuses_escapes(lab):
    status, page = _request(f"{lab}/lab?token={TOKEN}")
    config = json.loads(re.search(r'id="jupyter-config-data" type="application/json">(.*?)</script>', page,
                                  re.S).group(1))
    # The prebuilt extension is found without node, and nbgrader's list yields to our note.
    assert "crmlab-selfcheck" in [e["name"] for e in config["federated_extensions"]]
    assert "@jupyter/nbgrader:assignment-list" in config["disabledExtensions"] and config["crmlabNoExchange"]
    assert "@jupyter/nbgrader:validate-assignment" in config["disabledExtensions"]
    for path, expected in [("../course/labs/lab00/lab00.ipynb", 403), ("labs/../../x.ipynb", 403),
                           ("nbgrader_config.py", 400), ("labs/lab00/missing.ipynb", 404)]:
        status, reply = _request(f"{lab}/crmlab/check", {"path": path})
        assert status == expected, (path, reply)
        assert re.search(r"[\u4e00-\u9fff]", reply["message"]) and " / " in reply["message"]
    assert _request(f"{lab}/crmlab/check", {"path": "labs/lab00/lab00.ipynb"}, token=None)[0] == 403


def test_check_button_shows_chinese_results(lab):
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM))
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(f"{lab}/lab/tree/labs/lab00/lab00.ipynb?token={TOKEN}")
            page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=45_000)

            button = page.get_by_role("button", name="检查作业")
            button.click()
            results = page.locator("#crmlab-selfcheck-results")
            expect(results).to_contain_text(re.compile("正在检查……|通过 0/"), timeout=10_000)
            summary = results.locator(".crmlab-SelfCheck-summary")
            expect(summary).to_have_text(re.compile(r"^通过 0/\d+ 项检查，可得 0/100 分（书面题 20 分由老师批改）。$"),
                                         timeout=45_000)
            text = results.inner_text()
            assert "任务 1" in text and "未通过" in text and "还没有作答" in text and "Traceback" not in text
            expect(page.get_by_role("button", name="检查作业")).to_be_enabled()
            # nbgrader's English Validate button is gone: one self-check, in Chinese.
            expect(page.get_by_role("button", name="Validate")).to_have_count(0)

            # Without an exchange, nbgrader's Assignment List menu entry opens a Chinese note instead.
            page.get_by_text("Nbgrader", exact=True).click()
            page.get_by_text("作业列表", exact=True).click()
            expect(page.locator(".crmlab-AssignmentNote")).to_contain_text("没有作业交换目录")
        finally:
            browser.close()
