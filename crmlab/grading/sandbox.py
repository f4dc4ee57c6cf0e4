"""Run a command in a bubblewrap sandbox: no network, no course root, only one writable folder.

What the sandboxed process sees:

- the Python environment that runs the grader (interpreter, site-packages,
  crmlab and its data), read-only;
- the system's ``/usr`` (and the ``/lib``, ``/bin`` links into it), a private
  ``/tmp``, ``/proc`` and a minimal ``/dev``;
- ``binds``: the folders the caller lists, each read-only or writable.

Nothing else: not the course root (gradebook, ``solutions/``, ``source``,
other students, the exchange), not ``/root`` or ``/home``, not the network
(its own loopback only).  It runs as an unprivileged user in its own user,
PID, IPC, UTS and network namespaces with every capability dropped; when the
sandbox's first process ends, the kernel ends every process it started, and
``--die-with-parent`` ends them all if the grader itself is killed.

Without bubblewrap (Windows, macOS, a Linux without the ``bubblewrap``
package or without unprivileged user namespaces) :func:`available` is False
and :func:`command` returns the bare command: grading still works, and the
caller says plainly that student code is not isolated.
"""
from __future__ import annotations

import functools
import importlib.util
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

#: Where the student's private copy of the submission appears inside the sandbox.
HOME = "/home/student"

NOT_ISOLATED_WARNING = (
    "警告：本机没有可用的 bubblewrap 沙箱，学生代码将以评分用户的权限直接运行，未被隔离"
    "（可以读写课程目录和成绩库）。请在 Linux 上安装 bubblewrap（Debian/Ubuntu：sudo apt-get install bubblewrap）后重新评分。"
    " / WARNING: no bubblewrap sandbox is available; student code runs unisolated with the grader's rights."
    " Install bubblewrap (Debian/Ubuntu: sudo apt-get install bubblewrap) and grade again."
)


@dataclass(frozen=True)
class Limits:
    """Resource limits for everything that runs inside one sandbox."""
    memory_mb: int = 4096        # address space per process
    cpu_seconds: int = 1200      # CPU time per process
    file_mb: int = 256           # largest file a process may write
    open_files: int = 1024
    total_memory_mb: int = 6144  # all processes together (a cgroup, where the grader may make one)
    processes: int = 256         # processes at once (likewise)


class ControlGroup:
    """A memory and process cap on a whole sandbox, where the machine lets the grader make one.

    Per-process limits (``setrlimit``) cannot stop ten forked children of
    3 GiB each, and root ignores ``RLIMIT_NPROC``.  A cgroup can: this makes
    one per sandbox under cgroup v2 (``memory.max``, ``pids.max``) or v1
    (``memory.limit_in_bytes``, ``pids.max``) when the grader may write there
    (as root on most Linux machines), and silently does without otherwise.
    """

    ROOT = Path("/sys/fs/cgroup")

    def __init__(self, limits: Limits):
        import uuid

        self.dirs: list[Path] = []
        name = f"crmlab-grading-{uuid.uuid4().hex[:12]}"
        memory = str(limits.total_memory_mb * 1024 * 1024)
        if (self.ROOT / "cgroup.controllers").exists():   # v2, unified
            wanted = [("memory.max", memory), ("pids.max", str(limits.processes))]
            self._make(self.ROOT / name, wanted)
        else:                                              # v1, one hierarchy per controller
            self._make(self.ROOT / "memory" / name, [("memory.limit_in_bytes", memory)])
            self._make(self.ROOT / "pids" / name, [("pids.max", str(limits.processes))])

    def _make(self, path: Path, settings) -> None:
        try:
            path.mkdir()
        except OSError:
            return
        try:
            for key, value in settings:
                (path / key).write_text(value)
        except OSError:
            self._remove(path)
            return
        self.dirs.append(path)

    def join(self) -> None:
        """Put the calling process (a child, before exec) into the group."""
        for path in self.dirs:
            try:
                (path / "cgroup.procs").write_text(str(os.getpid()))
            except OSError:
                pass

    @staticmethod
    def _remove(path: Path) -> None:
        import signal
        import time

        for _ in range(50):
            try:
                pids = [int(p) for p in (path / "cgroup.procs").read_text().split()]
            except OSError:
                pids = []
            for pid in pids:
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
            try:
                path.rmdir()
                return
            except OSError:
                time.sleep(0.1)

    def close(self) -> None:
        for path in self.dirs:
            self._remove(path)
        self.dirs = []


def _bwrap() -> str | None:
    if os.environ.get("CRMLAB_SANDBOX", "").lower() in {"0", "off", "no", "false"}:
        return None
    return shutil.which("bwrap")


@functools.lru_cache(maxsize=None)
def _probe(bwrap: str) -> bool:
    """True when bwrap can actually make the namespaces here (some containers forbid it)."""
    try:
        result = subprocess.run(_wrap(bwrap, ["true"], binds=(), workdir=None), capture_output=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return result.returncode == 0


def available() -> bool:
    """Whether student code can be sandboxed on this machine."""
    bwrap = _bwrap()
    return bwrap is not None and _probe(bwrap)


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip("/") + "/")


def _python_paths(hidden: tuple[str, ...]) -> list[str]:
    """Folders the Python environment needs; none of them shows a ``hidden`` folder."""
    required = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix,
                str(Path(sys.executable).resolve().parent.parent)}
    for package in ("crmlab", "crmlab.data"):
        spec = importlib.util.find_spec(package)
        if spec is not None and spec.submodule_search_locations:
            required.update(spec.submodule_search_locations)
    # sandboxed programs run with `python -I`: PYTHONPATH, the user's site and the current
    # folder are not on their path, so the rest of the grader's sys.path is not shown
    optional: set[str] = set()
    hidden = tuple(str(Path(h).resolve()) for h in hidden)
    candidates = set()
    for path in required | optional:
        real = str(Path(path).resolve())
        for p in {path, real}:
            if any(_inside(h, p) for h in hidden):
                continue  # would show a hidden folder (its parent, or itself)
            if path not in required and any(_inside(p, h) for h in hidden):
                continue  # a sys.path entry inside the course root: not needed, not shown
            candidates.add(p)
    keep: list[str] = []
    for path in sorted(candidates, key=len):
        if not any(_inside(path, k) for k in keep):
            keep.append(path)
    return keep


def _system_binds() -> list[str]:
    args = ["--ro-bind", "/usr", "/usr"]
    for name in ("bin", "sbin", "lib", "lib32", "lib64", "libx32"):
        path = Path("/") / name
        if path.is_symlink():
            args += ["--symlink", os.readlink(path), f"/{name}"]
        elif path.is_dir():
            args += ["--ro-bind", str(path), f"/{name}"]
    for name in ("/etc/ld.so.cache", "/etc/localtime", "/etc/alternatives", "/etc/ssl/certs", "/etc/fonts",
                 "/etc/mime.types"):
        if os.path.exists(name):
            args += ["--ro-bind", name, name]
    return args


def _wrap(bwrap: str, argv: list[str], *, binds, workdir: str | None, hidden: tuple[str, ...] = ()) -> list[str]:
    args = [bwrap, "--unshare-all", "--unshare-user", "--uid", "1000", "--gid", "1000",
            "--die-with-parent", "--new-session", "--cap-drop", "ALL",
            "--hostname", "grading",
            "--proc", "/proc", "--dev", "/dev", "--size", str(512 * 1024 * 1024), "--tmpfs", "/tmp", "--dir", HOME]
    args += _system_binds()
    for path in _python_paths(hidden):
        args += ["--ro-bind", path, path]
    for source, target, writable in binds:
        args += ["--bind" if writable else "--ro-bind", str(source), str(target)]
    if workdir:
        args += ["--chdir", workdir]
    return args + ["--"] + argv


def environment(home: str) -> dict[str, str]:
    """The environment sandboxed programs get: nothing of the grader's but what Python needs."""
    env = {
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), "/usr/local/bin", "/usr/bin", "/bin"]),
        "HOME": home, "USER": "student", "LOGNAME": "student", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
        "PYTHONIOENCODING": "utf-8", "PYTHONDONTWRITEBYTECODE": "1", "PYTHONNOUSERSITE": "1",
        "MPLBACKEND": "Agg", "MPLCONFIGDIR": "/tmp/matplotlib", "JUPYTER_RUNTIME_DIR": "/tmp/jupyter-runtime",
        "JUPYTER_PLATFORM_DIRS": "1", "IPYTHONDIR": "/tmp/ipython", "TMPDIR": "/tmp",
        "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
        "NBGRADER_EXECUTION": "autograde",
    }
    for key in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):
        if key in os.environ:
            env[key] = os.environ[key]
    return env


def command(argv: list[str], *, binds=(), workdir: str | None = None,
            hidden: tuple[str, ...] = ()) -> tuple[list[str], bool]:
    """``(argv to run, sandboxed?)``: ``argv`` wrapped in bubblewrap when it is available.

    ``binds`` are ``(source, target, writable)`` triples; without a sandbox the
    caller must use the sources' real paths itself.  No folder that shows one
    of ``hidden`` (the course root) is bound, even when Python's path has it.
    """
    bwrap = _bwrap()
    if bwrap is None or not _probe(bwrap):
        return list(argv), False
    return _wrap(bwrap, list(argv), binds=binds, workdir=workdir, hidden=tuple(hidden)), True


def limit_resources(limits: Limits, group: ControlGroup | None = None):
    """A ``preexec_fn`` that applies ``limits`` to the child and everything it starts."""
    def apply() -> None:
        import resource

        if group is not None:
            group.join()

        mb = 1024 * 1024
        for name, value in ((resource.RLIMIT_AS, limits.memory_mb * mb),
                            (resource.RLIMIT_CPU, limits.cpu_seconds),
                            (resource.RLIMIT_FSIZE, limits.file_mb * mb),
                            (resource.RLIMIT_NOFILE, limits.open_files),
                            (resource.RLIMIT_CORE, 0)):
            try:
                resource.setrlimit(name, (value, value))
            except (ValueError, OSError):
                pass
        os.setsid()
    return apply if os.name == "posix" else None


def read_untrusted(path, limit: int) -> bytes:
    """At most ``limit`` bytes of a file student code could have replaced: never a link, FIFO or device."""
    import stat

    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return b""
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return b""
        chunks, left = [], limit
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)
