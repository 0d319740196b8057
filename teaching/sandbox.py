"""Run a student's notebook in a sandbox: bubblewrap, no Docker.

The notebook runs in a private work folder, which is all it can write; the
system, the Python environment and the package `vaebook` are read-only; the
book's notebooks, the teaching kit (test files, reference solutions) and the
rest of the machine are not there at all; there is no network (a loopback
only). A wall-clock limit and a memory limit end it. What it leaves in the
work folder is data for the grader to read (teaching.exercise_values), not a
result: points are computed outside, by teaching.checks.

    run_notebook(notebook, work, timeout=..., memory_mb=...) -> SandboxRun
"""

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from teaching.book import ROOT

CELL_TIMEOUT = 900  # seconds a cell may take, as pytest gives a chapter's
WORK = "/home/student"  # where the work folder appears in the sandbox
# Run inside the sandbox: execute the notebook, keep going past errors, and
# save it with its outputs. It stops where the kernel dies.
RUNNER = """\
import sys
import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import DeadKernelError

nb = nbformat.read("submission.ipynb", as_version=4)
client = NotebookClient(
    nb, timeout={cell_timeout}, allow_errors=True, kernel_name="python3"
)
try:
    client.execute()
except DeadKernelError as error:
    print("the kernel died:", error, file=sys.stderr)
    sys.exit(3)
finally:
    nbformat.write(nb, "executed.ipynb")
"""


@dataclass
class SandboxRun:
    """How a sandboxed run ended: "finished", "timed out", "out of
    memory", or "stopped" (the kernel died or the runner failed)."""

    ending: str
    seconds: float
    log: str


def bubblewrap():
    path = shutil.which("bwrap")
    if path is None:
        raise RuntimeError(
            "bubblewrap is needed to grade submissions in a sandbox: "
            "`apt-get install bubblewrap` (.ci/run installs it)"
        )
    return path


def read_only_paths():
    """What a run reads: the system, this Python (its prefix and the base
    installation it comes from) and the package vaebook."""
    paths = ["/usr", "/bin", "/lib", "/lib64", "/etc"]
    paths += [sys.prefix, sys.base_prefix, str(ROOT / "vaebook")]
    paths += [str(Path(sys.executable).resolve().parent)]
    return sorted({p for p in paths if Path(p).exists()})


def command(work, threads, cell_timeout=CELL_TIMEOUT):
    """The bubblewrap command line that runs work/submission.ipynb, its
    kernel using `threads` threads."""
    arguments = [bubblewrap(), "--unshare-all", "--die-with-parent"]
    arguments += ["--new-session", "--cap-drop", "ALL"]
    for path in read_only_paths():
        arguments += ["--ro-bind", path, path]
    arguments += ["--bind", str(work), WORK, "--chdir", WORK]
    arguments += ["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]
    environment = {
        "HOME": WORK,
        "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
        "VAEBOOK_MNIST": "subset",
        "TF_CPP_MIN_LOG_LEVEL": "3",
        "MPLBACKEND": "agg",
        "VAEBOOK_SEED": os.environ.get("VAEBOOK_SEED", "0"),
        "KERAS_BACKEND": os.environ.get("KERAS_BACKEND", "tensorflow"),
        "JAX_ENABLE_X64": "true",
    }
    for name in ("OMP_NUM_THREADS", "TF_NUM_INTRAOP_THREADS"):
        environment[name] = str(threads)
    environment["TF_NUM_INTEROP_THREADS"] = "1"
    arguments.append("--clearenv")
    for name, value in environment.items():
        arguments += ["--setenv", name, value]
    runner = RUNNER.format(cell_timeout=cell_timeout)
    return [*arguments, sys.executable, "-c", runner]


def tree_memory_mb(pid):
    """Resident memory of a process and all its descendants, in MB."""
    import psutil

    try:
        process = psutil.Process(pid)
        processes = [process, *process.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0.0
    total = 0
    for each in processes:
        try:
            total += each.memory_info().rss
        except psutil.NoSuchProcess:
            pass
    return total / 2**20


def font_list():
    """This machine's matplotlib font list (built on first import): a run
    that finds it in its home folder starts 5 s sooner than one that
    scans the system's fonts again."""
    from matplotlib import font_manager, get_cachedir

    version = font_manager.FontManager.__version__
    return Path(get_cachedir()) / f"fontlist-v{version}.json"


def run_notebook(notebook, work, timeout=1800, memory_mb=6000, threads=2):
    """Run `notebook` (a path) as work/submission.ipynb in the sandbox; the
    executed notebook is work/executed.ipynb, its exports under work/."""
    work = Path(work).resolve()
    work.mkdir(parents=True, exist_ok=True)
    shutil.copy(notebook, work / "submission.ipynb")
    fonts = font_list()
    (work / ".cache" / "matplotlib").mkdir(parents=True, exist_ok=True)
    shutil.copy(fonts, work / ".cache" / "matplotlib" / fonts.name)
    start = time.monotonic()
    log = work.parent / f"{work.name}.log"
    with open(log, "w") as output:
        process = subprocess.Popen(
            command(work, threads),
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        ending = watch(process, timeout, memory_mb)
    seconds = time.monotonic() - start
    return SandboxRun(ending, seconds, log.read_text(errors="replace"))


def watch(process, timeout, memory_mb):
    """Wait for the run; kill its whole process group past a limit."""
    verdict = {"ending": None}

    def police():
        while process.poll() is None:
            if tree_memory_mb(process.pid) > memory_mb:
                verdict["ending"] = "out of memory"
                os.killpg(process.pid, signal.SIGKILL)
                return
            time.sleep(0.5)

    threading.Thread(target=police, daemon=True).start()
    try:
        code = process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        verdict["ending"] = "timed out"
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        return verdict["ending"]
    if verdict["ending"]:
        return verdict["ending"]
    return "finished" if code == 0 else "stopped"
