"""The sandbox a submission runs in (teaching.sandbox), probed by a small
notebook: what it can see, write and reach, and the limits that end it."""

import json
import shutil

import nbformat
import pytest

from teaching.book import ROOT
from teaching.sandbox import run_notebook

pytestmark = pytest.mark.skipif(
    not shutil.which("bwrap"),
    reason="bubblewrap is needed: apt-get install bubblewrap",
)

PROBE = f"""\
import json, os, socket, pathlib
seen = {{}}
seen["notebooks"] = os.path.exists({str(ROOT / "notebooks")!r})
seen["tests"] = os.path.exists({str(ROOT / "teaching" / "exercise_tests")!r})
seen["vaebook"] = os.path.exists({str(ROOT / "vaebook" / "models.py")!r})
for name, path in [("outside", {str(ROOT / "vaebook" / "probe.txt")!r}),
                   ("tmp", "/tmp/probe.txt"), ("work", "probe.txt")]:
    try:
        pathlib.Path(path).write_text("x")
        seen["write " + name] = True
    except OSError:
        seen["write " + name] = False
try:
    socket.create_connection(("1.1.1.1", 53), timeout=3)
    seen["network"] = True
except OSError:
    seen["network"] = False
import vaebook.data
seen["import vaebook"] = True
pathlib.Path("seen.json").write_text(json.dumps(seen))
"""


def notebook(tmp_path, *sources):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(source) for source in sources]
    path = tmp_path / "probe.ipynb"
    nbformat.write(nb, path)
    return path


def test_what_a_submission_can_see_write_and_reach(tmp_path):
    run = run_notebook(notebook(tmp_path, PROBE), tmp_path / "work")
    assert run.ending == "finished", run.log
    seen = json.loads((tmp_path / "work" / "seen.json").read_text())
    assert seen == {
        "notebooks": False,
        "tests": False,
        "vaebook": True,
        "write outside": False,
        "write tmp": True,
        "write work": True,
        "network": False,
        "import vaebook": True,
    }
    assert not (ROOT / "vaebook" / "probe.txt").exists()
    assert not (tmp_path / "probe.txt").exists()


def test_limits_end_a_run_and_say_which(tmp_path):
    # asleep, so that the wait costs no CPU: the limit is on time
    endless = (
        "import time\n\nwhile True:\n    try:\n        time.sleep(1)\n"
        "    except BaseException:\n        pass"
    )
    run = run_notebook(notebook(tmp_path, endless), tmp_path / "a", timeout=10)
    assert run.ending == "timed out"
    hog = "blocks = [bytearray(2**28) for _ in range(40)]"  # 10 GB
    run = run_notebook(notebook(tmp_path, hog), tmp_path / "b", memory_mb=1500)
    assert run.ending == "out of memory"
    killer = "import os\nos._exit(1)"
    run = run_notebook(notebook(tmp_path, killer), tmp_path / "c")
    assert run.ending == "stopped"
