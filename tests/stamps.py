"""Stamps of green chapters, for a contributor's quick loop (conftest.py's
--changed-only; CI always runs everything).

After a run in which every test passed, each chapter that ran gets a stamp:
a hash of what its result depends on, namely the notebook, the package, the
teaching kit (for graded runs), the test configuration and requirements,
and the backend, seed and nbval mode. With --changed-only a chapter whose
stamp matches is left out.
"""

import hashlib
import os

from teaching.book import NOTEBOOKS, ROOT

STAMPS = ROOT / "_build" / "stamps"
DEPENDENCIES = [
    "requirements.txt",
    "pyproject.toml",
    "pytest.ini",
    "conftest.py",
    "vaebook/*.py",
    "teaching/*.py",
    "tests/teaching/answers/*.py",
    "teaching/exercise_tests/*.py",
    "tests/graded_runs.py",
]
_ran, _failed = set(), set()


def mode(config):
    nbval = "lax" if config.getoption("--nbval-lax", False) else "strict"
    return "-".join(
        [
            os.environ.get("KERAS_BACKEND", "tensorflow"),
            f"seed{os.environ.get('VAEBOOK_SEED', '0')}",
            nbval,
            f"graded={config.getoption('--graded') or ''}",
        ]
    )


def fingerprint(name, run_mode):
    """The hash of what the result of chapter `name` depends on."""
    digest = hashlib.sha256(run_mode.encode())
    files = [NOTEBOOKS / name]
    for pattern in DEPENDENCIES:
        files += sorted(ROOT.glob(pattern))
    for path in files:
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def stamp_path(name, run_mode):
    return STAMPS / run_mode / f"{name}.sha256"


def notebook_name(nodeid):
    """The chapter a test item belongs to, or None."""
    path = nodeid.split("::")[0]
    return path.rsplit("/", 1)[-1] if path.endswith(".ipynb") else None


def deselect_unchanged(config, items):
    run_mode = mode(config)
    keep, skip = [], []
    for item in items:
        name = notebook_name(item.nodeid)
        stamp = stamp_path(name, run_mode) if name else None
        unchanged = (
            stamp is not None
            and stamp.exists()
            and stamp.read_text() == fingerprint(name, run_mode)
        )
        (skip if unchanged else keep).append(item)
    if skip:
        config.hook.pytest_deselected(items=skip)
        items[:] = keep


def record(report):
    name = notebook_name(report.nodeid)
    if name:
        _ran.add(name)
        if report.failed:
            _failed.add(name)


def write(session):
    """Stamp every chapter that ran, if every test passed."""
    if session.testsfailed or session.exitstatus != 0:
        return
    run_mode = mode(session.config)
    for name in _ran - _failed:
        if (NOTEBOOKS / name).exists():
            path = stamp_path(name, run_mode)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(fingerprint(name, run_mode))
