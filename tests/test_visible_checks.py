"""The visible checks a student runs (检查作业 / Validate) agree with the grade.

For every lab: the released notebook with the solution code passes every visible
check; the untouched notebook fails every one; and each typical mistake in
``tests/wrong_answers/<lab>.py`` fails *exactly* the test cells its fixture lists,
visibly, with a Chinese message that points at the mistake.  ``test_grading.py``
asserts that autograde takes points on exactly the same cells, so between the two
files: the visible check passes <=> autograde gives that task full marks.
"""
from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

import pytest

from grading_support import LABS, all_labs, lab_notebooks, load_wrong_answers
from visible_support import run_visible

pytest.importorskip("nbclient")

ALL_LABS = all_labs()
_WRONG = [(lab, wrong) for lab in ALL_LABS for wrong in load_wrong_answers(lab)]
_CHINESE = re.compile(r"[\u4e00-\u9fff]")


def _notebooks(lab):
    return [p.name for p in lab_notebooks(LABS / lab)]


@pytest.fixture(scope="session")
def visible(request):
    """The runs the selected tests need (``-k lab03`` runs lab03's only), started at once,
    two kernels at a time (the machine has two cores)."""
    pool = ThreadPoolExecutor(max_workers=2)
    jobs = {}

    def submit_selected():
        for item in request.session.items:
            params = getattr(getattr(item, "callspec", None), "params", {})
            if item.module.__name__ != __name__ or "lab" not in params:
                continue
            lab = params["lab"]
            if "wrong" in params:
                wrong = params["wrong"]
                name = wrong.notebook or _notebooks(lab)[0]
                key = ("wrong", lab, wrong.name)
                if key not in jobs:
                    jobs[key] = pool.submit(run_visible, lab, name, wrong.replace)
                continue
            kind = "solution" if "solution" in item.name else "blank"
            for name in _notebooks(lab):
                if (kind, lab, name) not in jobs:
                    jobs[(kind, lab, name)] = pool.submit(run_visible, lab, name, blank=kind == "blank")

    def get(*key):
        if not jobs:
            submit_selected()
        return jobs[key].result()
    yield get
    pool.shutdown(wait=True, cancel_futures=True)


@pytest.mark.grading
@pytest.mark.parametrize("lab", ALL_LABS)
def test_solution_passes_every_visible_check(lab, visible):
    for name in _notebooks(lab):
        results = visible("solution", lab, name)
        assert results, f"{lab}/{name} has no visible check"
        failed = {cell: r.text[-300:] for cell, r in results.items() if not r.passed}
        assert not failed, f"{lab}/{name}: a correct answer fails its visible check: {failed}"


@pytest.mark.grading
@pytest.mark.parametrize("lab", ALL_LABS)
def test_untouched_notebook_fails_every_visible_check(lab, visible):
    for name in _notebooks(lab):
        passed = [cell for cell, r in visible("blank", lab, name).items() if r.passed]
        assert not passed, f"{lab}/{name}: the untouched notebook passes {passed}"


@pytest.mark.grading
@pytest.mark.parametrize("lab,wrong", _WRONG, ids=[f"{lab}-{w.name}" for lab, w in _WRONG])
def test_typical_mistake_fails_its_visible_check(lab, wrong, visible):
    results = visible("wrong", lab, wrong.name)
    failed = {cell for cell, r in results.items() if not r.passed}
    assert failed == set(wrong.fails), (
        f"{wrong.name}: visible checks failing {sorted(failed)}, fixture expects {sorted(wrong.fails)}"
        + "".join(f"\n  {c}: {results[c].text[-200:]!r}" for c in sorted(failed ^ set(wrong.fails)) if c in results))
    for cell, message in wrong.fails.items():
        shown = results[cell].text
        assert _CHINESE.search(shown), f"{wrong.name}: {cell} fails without a Chinese message: {shown!r}"
        assert message in shown, f"{wrong.name}: {cell} showed {shown!r}, expected {message!r}"
