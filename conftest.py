"""How the book's tests run: environment, parallel workers, graded runs.

- The environment every test and re-executed notebook runs in: the notebooks'
  stored outputs were produced on the offline MNIST subset, with TensorFlow's
  log lines silenced; the nbval kernels inherit these variables. The Keras
  backend is whatever KERAS_BACKEND says (TensorFlow if unset).
- Parallel workers (pytest-xdist, pytest.ini): each notebook runs whole on
  one worker (`--dist loadscope`), the longest first, and each worker's
  kernels get an equal share of the CPU cores (`threads_per_worker`).
- `--graded ANSWERS`: run each chapter that has runnable exercises as its
  graded run (teaching.graded), trying these answers besides the stub and
  the reference; CI does so on JAX and PyTorch.
- `--changed-only`: leave out the chapters whose stamp says they passed with
  the same notebook, package, data and requirements (tests.stamps).
"""

import os

import pytest

os.environ["VAEBOOK_MNIST"] = "subset"
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
os.environ.setdefault("JAX_ENABLE_X64", "true")  # as vaebook.session does


def pytest_addoption(parser):
    parser.addoption(
        "--graded",
        metavar="ANSWERS",
        help="run chapters as graded runs trying these answers, comma-"
        "separated: wrong, alternative (the stub and reference always run)",
    )
    parser.addoption(
        "--changed-only",
        action="store_true",
        help="skip chapters that passed unchanged on this backend and seed",
    )


def threads_per_worker(workers, cores=None):
    """Intra-op threads for each of `workers` parallel kernels."""
    cores = cores or os.cpu_count() or 1
    return max(1, cores // workers)


def pytest_configure(config):
    workers = getattr(config, "workerinput", {}).get("workercount")
    if workers:
        threads = str(threads_per_worker(workers))
        for name in THREAD_VARIABLES:
            os.environ.setdefault(name, threads)
        os.environ.setdefault(
            "XLA_FLAGS",
            "--xla_cpu_multi_thread_eigen=false "
            f"intra_op_parallelism_threads={threads}",
        )


# Read by TensorFlow, oneDNN/OpenMP (TensorFlow, PyTorch) and BLAS.
THREAD_VARIABLES = (
    "TF_NUM_INTRAOP_THREADS",
    "TF_NUM_INTEROP_THREADS",
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
)


@pytest.hookimpl(wrapper=True)
def pytest_collect_file(file_path, parent):
    collected = yield
    answers = parent.config.getoption("--graded")
    if answers is None or not collected:
        return collected
    from tests.graded_runs import graded_collector

    return [graded_collector(node, answers) for node in collected]


def pytest_collection_modifyitems(session, config, items):
    from tests import scheduling, stamps

    if config.getoption("--changed-only"):
        stamps.deselect_unchanged(config, items)
    items[:] = scheduling.longest_first(items)


CHAPTER_SECONDS = {}  # chapter -> seconds its cells took, on any worker


def pytest_runtest_logreport(report):
    from tests import stamps

    stamps.record(report)
    name = stamps.notebook_name(report.nodeid)
    if name:
        CHAPTER_SECONDS[name] = CHAPTER_SECONDS.get(name, 0) + report.duration


def pytest_terminal_summary(terminalreporter):
    """Seconds per chapter, so that every run (CI's stages too) shows the
    book's time per chapter and backend (CONTRIBUTING.md, "Outputs and
    nbval")."""
    if not CHAPTER_SECONDS:
        return
    terminalreporter.section("seconds per chapter (cells, on one worker)")
    for name, seconds in sorted(CHAPTER_SECONDS.items()):
        terminalreporter.write_line(f"{seconds:7.1f}  {name}")
    total = sum(CHAPTER_SECONDS.values())
    terminalreporter.write_line(f"{total:7.1f}  all chapters")


def pytest_sessionfinish(session, exitstatus):
    from tests import stamps

    if not hasattr(session.config, "workerinput"):
        stamps.write(session)
