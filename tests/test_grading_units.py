"""The pieces of crmlab.grading on their own: values as data, feedback cleaning, reading submissions."""
from __future__ import annotations

import datetime as dt
import json
import pathlib
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from crmlab import datasets

ROOT = pathlib.Path(__file__).resolve().parent.parent
from crmlab.grading import checker, sandbox
from crmlab.grading.feedback import HIDDEN_NOTE, hide_hidden_tests, sanitize_html
from crmlab.grading.submission import decode_notebook_bytes
from crmlab.grading.values import Unreadable, decode, encode


def _roundtrip(**values):
    return decode(encode(list(values), values))


def test_tables_and_scalars_come_back_identical():
    customers = datasets.load_intro_customers()
    by_city = customers.groupby(["城市", "会员等级"])["近一年消费金额"].sum()
    frame = pd.DataFrame({"when": pd.date_range("2024-01-01", periods=3, tz="Asia/Shanghai"),
                          "kind": pd.Categorical(["a", "b", "a"], categories=["b", "a"], ordered=True),
                          "n": pd.array([1, None, 3], dtype="Int64"),
                          "month": pd.period_range("2024-01", periods=3, freq="M"),
                          "gap": pd.to_timedelta([1, 2, 3], unit="h")})
    frame.attrs["note"] = "side result"
    back = _roundtrip(customers=customers, by_city=by_city, frame=frame)
    pd.testing.assert_frame_equal(back["customers"], customers)
    pd.testing.assert_series_equal(back["by_city"], by_city)
    pd.testing.assert_frame_equal(back["frame"], frame)
    assert back["frame"].attrs == {"note": "side result"}

    plain = dict(i=3, big=10 ** 40, f=2870.125, nan=float("nan"), inf=-float("inf"), s="金卡", none=None,
                 t=(1, "a"), l=[1, [2.5]], d={"a": {1, 2}, 3: frozenset({4})}, np_f=np.float64(0.5),
                 np_b=np.bool_(True), arr=np.arange(6.0).reshape(2, 3), ts=pd.Timestamp("2024-03-04 09:10"),
                 day=dt.date(2024, 3, 4), path=pathlib.Path("报告.docx"), per=pd.Period("2024Q1", "Q"))
    back = _roundtrip(**plain)
    for key, value in plain.items():
        if key == "nan":
            assert np.isnan(back[key])
        elif key == "arr":
            np.testing.assert_array_equal(back[key], value)
            assert back[key].dtype == value.dtype
        else:
            assert back[key] == value and type(back[key]) is type(value), key


def test_lying_subclasses_arrive_as_honest_values():
    class Yes(int):
        def __eq__(self, other):
            return True
        __hash__ = int.__hash__

    class Always(float):
        def __eq__(self, other):
            return True

    back = _roundtrip(n=Yes(3), x=Always(1.5))
    assert type(back["n"]) is int and back["n"] == 3 and back["n"] != 4
    assert type(back["x"]) is float and back["x"] != 2.0


def test_functions_and_foreign_objects_are_unreadable_with_a_chinese_message():
    def my_function():
        return 1

    back = _roundtrip(f=my_function, g=(i for i in range(3)), o=object())
    for name in ("f", "g", "o"):
        assert isinstance(back[name], Unreadable)
    with pytest.raises(AssertionError, match="评分时无法读取 g.*list"):
        len(back["g"])


def test_crmlab_objects_and_exceptions_are_rebuilt_from_data_only():
    from crmlab.service import ComplaintCase

    case = ComplaintCase("T1", "2024-03-04 09:10")
    case.investigate("2024-03-04 11:30")
    try:
        case.close("2024-03-04 12:00")
    except Exception as exc:  # noqa: BLE001
        error = exc
    back = _roundtrip(case=case, error=error)
    assert isinstance(back["case"], ComplaintCase) and back["case"].state == case.state
    pd.testing.assert_frame_equal(back["case"].history, case.history)
    assert type(back["error"]) is type(error) and str(back["error"]) == str(error)


def test_planted_methods_on_objects_do_not_travel():
    from crmlab.service import ComplaintCase

    case = ComplaintCase("T1", "2024-03-04 09:10")
    case.__dict__["close"] = lambda *a: "faked"
    back = _roundtrip(case=case)
    with pytest.raises(AssertionError, match="评分时无法读取"):
        back["case"].close("2024-03-05")


def test_chart_summary_keeps_what_tests_read():
    import matplotlib
    matplotlib.use("Agg")
    ax = pd.Series([3, 1, 2], index=["甲", "乙", "丙"]).plot.bar()
    ax.set_title("中文标题")
    ax.set_ylabel("件数")
    back = _roundtrip(ax=ax)["ax"]
    import matplotlib.axes
    assert isinstance(back, matplotlib.axes.Axes)
    assert back.get_title() == "中文标题" and back.get_ylabel() == "件数"
    assert sorted(p.get_height() for p in back.patches) == [1, 2, 3]


def test_malformed_payloads_never_crash_the_decoder():
    bad = {"a": {"$df": {"columns": 1}}, "b": {"$object": ["os", "system"], "state": {"$dict": []}},
           "c": {"$ndarray": {"dtype": "O", "shape": [-1], "data": []}}, "d": {"$nope": 1},
           "e": {"$exception": ["subprocess", "Popen"], "args": [], "state": {"$dict": []}}}
    back = decode(json.dumps(bad))
    assert all(isinstance(v, Unreadable) for v in back.values())


def test_read_names_sees_what_a_test_reads():
    source = 'assert "n_customers" in dir(), "x"\nassert isinstance(n_customers, int)\n_x = pd.Series(customers)\n'
    names = checker.read_names(source)
    assert {"n_customers", "pd", "customers"} <= set(names)
    assert "isinstance" not in names and "dir" not in names
    assert checker.import_code(["import pandas as pd\nx = 1\nfrom crmlab import datasets"]) == (
        "import pandas as pd\nfrom crmlab import datasets")


def test_hidden_tests_are_cut_from_feedback_source():
    source = ("assert x > 0, '要大于 0'\n### BEGIN HIDDEN TESTS\nassert x == 42, 'secret'\n"
              "### END HIDDEN TESTS\nprint('ok')")
    shown = hide_hidden_tests(source)
    assert "42" not in shown and "secret" not in shown and HIDDEN_NOTE in shown
    assert "要大于 0" in shown and "print('ok')" in shown
    assert "secret" not in hide_hidden_tests("### BEGIN HIDDEN TESTS\nassert secret\n")


def test_html_is_sanitised():
    html = sanitize_html("<table><tr><td>1</td></tr></table><script>alert(1)</script>"
                         "<img src=x onerror=alert(2)><a href='javascript:alert(3)'>x</a>")
    assert "<table>" in html and "<td>1</td>" in html
    assert "<script>" not in html and "onerror" not in html and "javascript:" not in html


def test_submissions_in_any_common_encoding_are_read():
    text = json.dumps({"cells": [], "metadata": {"title": "客户关系"}}, ensure_ascii=False)
    assert decode_notebook_bytes(text.encode("utf-8")) == (text, None)
    for encoding, word in (("utf-8-sig", "BOM"), ("gbk", "GBK")):
        decoded, note = decode_notebook_bytes(text.encode(encoding))
        assert decoded == text and word in note


@pytest.mark.skipif(not sandbox.available(), reason="bubblewrap is not available")
def test_sandbox_sees_no_course_and_no_network(tmp_path):
    course = tmp_path / "course"
    course.mkdir()
    (course / "gradebook.db").write_text("secret")
    probe = ("import os, socket, crmlab\n"
             f"print(os.path.exists({str(course)!r}), os.path.exists({str(ROOT / 'solutions')!r}), os.getuid())\n"
             "s = socket.socket()\ntry:\n    s.connect(('1.1.1.1', 80)); print('net')\nexcept OSError:\n    print('no-net')\n")
    argv, isolated = sandbox.command([sys.executable, "-I", "-c", probe], hidden=(str(course),))
    assert isolated
    out = subprocess.run(argv, env=sandbox.environment(sandbox.HOME), capture_output=True, text=True,
                         cwd=tmp_path).stdout.split()
    assert out == ["False", "False", "1000", "no-net"]


def test_without_bubblewrap_grading_says_student_code_is_not_isolated(monkeypatch):
    monkeypatch.setenv("CRMLAB_SANDBOX", "off")
    argv, isolated = sandbox.command(["true"])
    assert not isolated and argv == ["true"]
    assert not sandbox.available()
    warning = sandbox.NOT_ISOLATED_WARNING
    assert warning.index("警告") < warning.index("WARNING") and "apt-get install bubblewrap" in warning


def test_control_group_caps_the_memory_of_all_processes_together():
    limits = sandbox.Limits(total_memory_mb=300, processes=64)
    group = sandbox.ControlGroup(limits)
    if not group.dirs:
        pytest.skip("this machine does not let the grader make a cgroup")
    try:
        code = ("import os\nkids = []\nfor _ in range(3):\n    pid = os.fork()\n    if pid == 0:\n"
                "        b = bytearray(200 * 2**20)\n        for j in range(0, len(b), 4096): b[j] = 1\n"
                "        os._exit(0)\n    kids.append(pid)\n"
                "print(sum(os.waitstatus_to_exitcode(os.waitpid(p, 0)[1]) != 0 for p in kids))")
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                                preexec_fn=sandbox.limit_resources(sandbox.Limits(), group))
        killed = int(result.stdout.strip() or 3)
        assert killed >= 1, "three children of 200 MB each fit under a 300 MB cap"
    finally:
        group.close()
    assert not group.dirs
