"""Grading that students cannot game, plugged into nbgrader's own commands.

``nbgrader_config.py`` at the course root wires these pieces into the
standard ``nbgrader autograde`` / ``generate_feedback`` / ``export``:

- :mod:`.submission`: read any submitted notebook (BOM, GBK, renamed, copied
  or deleted cells) and rebuild its graded cells from the release;
- :mod:`.execute`: ``SandboxedExecute``, nbgrader's execute step with the
  student's code in a bubblewrap sandbox (:mod:`.sandbox`, :mod:`.runner`)
  and the tests in a fresh trusted interpreter (:mod:`.checker`) that only
  receives the student's values as data (:mod:`.values`);
- :mod:`.feedback`: ``FeedbackSafety``, feedback without hidden tests,
  live scripts or oversized outputs.
"""
import importlib

# The sandboxed kernel imports crmlab.grading.values: nbgrader is loaded only where it is used.
_WHERE = {"SandboxedExecute": "execute", "FeedbackSafety": "feedback", "NormalizeSubmission": "submission",
          "SubmissionExporter": "submission", "before_autograde": "submission"}
__all__ = list(_WHERE)


def __getattr__(name):
    if name in _WHERE:
        return getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
    raise AttributeError(name)
