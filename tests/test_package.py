"""Packaging: a plain (non-editable) install carries the data; import stays light."""
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from crmlab import launch

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def plain_install(tmp_path_factory):
    """Build a wheel of the repository and install it, without dependencies, into a folder."""
    tmp = tmp_path_factory.mktemp("install")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps",
                    "-q", "-w", str(tmp / "wheel"), str(ROOT)], check=True, capture_output=True)
    wheel = next((tmp / "wheel").glob("crmlab-*.whl"))
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target",
                    str(tmp / "site"), str(wheel)], check=True, capture_output=True)
    return tmp / "site"


def _run_isolated(site: Path, code: str, cwd: Path) -> str:
    # -I: ignore the environment and the editable install's path hooks; then put the
    # plain install first and the current environment's packages (pandas, ...) after it.
    paths = [str(site)] + [p for p in sys.path if p.endswith("site-packages")]
    script = f"import sys; sys.path[:0] = {paths!r}\n" + textwrap.dedent(code)
    result = subprocess.run([sys.executable, "-I", "-c", script], cwd=cwd,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_datasets_load_from_a_plain_install(plain_install, tmp_path):
    out = _run_isolated(plain_install, """
        import json, crmlab, crmlab.datasets as d
        names = d.list_datasets()
        mobi = d.load_mobi()
        tx = d.load_cdnow_transactions()
        print(json.dumps({"file": crmlab.__file__, "names": names,
                          "mobi": list(mobi.shape), "tx": list(tx.shape)}))
    """, cwd=tmp_path)
    info = json.loads(out.strip().splitlines()[-1])
    assert info["file"].startswith(str(plain_install))
    assert info["mobi"] == [250, 24]
    assert info["tx"] == [6919, 4]
    shipped = {p.name for p in (ROOT / "data").iterdir() if p.suffix in {".csv", ".xlsx", ".txt"}}
    assert shipped <= set(info["names"])


def test_plain_install_carries_no_answer_keys(plain_install):
    # Answer keys are instructor material (tests/fixtures/answers/, lab hidden tests).  A stale
    # build/ folder can smuggle a removed data file into the wheel, so look at what was installed.
    installed = {p.name for p in (plain_install / "crmlab" / "data").iterdir()}
    answers = {p.name for p in (ROOT / "tests" / "fixtures" / "answers").iterdir()}
    assert answers and not installed & answers, f"answer keys in the installed package: {installed & answers}"
    cards = {name for name in installed if name.endswith(".md")}
    assert not cards, f"data cards (they describe the planted answers) installed: {cards}"
    complaints = (plain_install / "crmlab" / "data" / "appliance_complaints.csv").read_text(encoding="utf-8")
    assert complaints.splitlines()[0] == "序号,客户抱怨"


def test_lab_settings_ship_with_the_package(plain_install):
    settings = plain_install / "crmlab" / "_lab_settings" / "overrides.json"
    assert json.loads(settings.read_text())["@jupyterlab/translation-extension:plugin"]["locale"] == "zh_CN"


def test_import_crmlab_pulls_in_no_plotting_or_widgets():
    code = ("import sys, crmlab, crmlab.datasets; "
            "print([m for m in ('matplotlib', 'ipywidgets', 'scipy') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_launcher_finds_the_course_root(tmp_path):
    (tmp_path / "nbgrader_config.py").write_text("")
    nested = tmp_path / "labs" / "lab00"
    nested.mkdir(parents=True)
    assert launch.course_root(nested) == tmp_path
    assert launch.course_root(Path("/")) == Path("/")
    command = launch.lab_command(["--no-browser"])
    assert command[1:3] == ["-m", "jupyterlab"] and command[-1] == "--no-browser"
    assert (launch.SETTINGS_DIR / "overrides.json").is_file()


def test_grading_and_console_ship_with_the_package(plain_install):
    # nbgrader_config.py imports crmlab.grading: a plain install without it could not grade at all
    for module in ("grading/values.py", "grading/execute.py", "grading/runner.py", "console/grade.py"):
        assert (plain_install / "crmlab" / module).is_file(), module


def test_launcher_adds_allow_root_for_root_only():
    args, note = launch.root_arguments(["--no-browser"], is_root=True)
    assert args == ["--no-browser", "--allow-root"] and "root" in note and note.index("提示") < note.index("Note")
    assert launch.root_arguments(["--no-browser"], is_root=False) == (["--no-browser"], None)
    assert launch.root_arguments(["--allow-root"], is_root=True) == (["--allow-root"], None)


def test_launcher_leaves_no_jupyterlab_running_when_stopped(tmp_path):
    """crmlab-lab becomes JupyterLab (exec): stopping it stops the server, no orphan is left."""
    import os
    import signal
    import time

    if os.name != "posix":
        pytest.skip("exec is POSIX-only")
    # CRMLAB_WORK_DIR: the student's working copy goes to tmp_path, not to the home folder
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(tmp_path / "rt"), JUPYTER_CONFIG_DIR=str(tmp_path / "cfg"),
               CRMLAB_WORK_DIR=str(tmp_path / "work"))
    proc = subprocess.Popen([sys.executable, "-c", "from crmlab.launch import main; main()", "--no-browser",
                             "--port=0", "--ServerApp.token=", f"--notebook-dir={tmp_path}"],
                            cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    while time.time() < deadline and not list((tmp_path / "rt").glob("jpserver-*.json")):
        time.sleep(0.5)
    assert list((tmp_path / "rt").glob("jpserver-*.json")), "JupyterLab did not start"
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=30)
    time.sleep(1)
    alive = subprocess.run(["pgrep", "-f", f"jupyterlab.*{tmp_path}"], capture_output=True, text=True).stdout
    assert not alive.strip(), f"JupyterLab still running: {alive}"
