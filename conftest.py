"""Repository-wide pytest hooks (the test helpers live in tests/conftest.py).

A student's working copy (made by ``crmlab-lab``, see crmlab/launch.py) may sit inside the
repository, e.g. ``crmlab-lab --work-dir ./mywork``.  Its notebooks and files are the student's,
not the course's: ``pytest .`` or ``pytest --nbval`` must neither collect nor run them.
"""
from pathlib import Path

from crmlab.launch import WORK_COPY_MARKER


def pytest_ignore_collect(collection_path: Path, config):
    if collection_path.is_dir() and (collection_path / WORK_COPY_MARKER).is_file():
        return True
    return None  # not False: False would override pytest's own ignore rules
