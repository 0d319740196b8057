"""A course's batch, graded in the sandbox (python -m teaching.grade).

One batch of chapter 01 submissions, graded once with two workers: right,
written differently, wrong, unanswered, and every tampering attempt the
issue names, each with the outcome it must get. Chapter 01 runs in about 12
seconds in the sandbox; the batch takes about two minutes of both cores, a
minute of it the endless loop's wait for its timeout.
"""

import csv
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from teaching.book import ROOT, chapter_path
from teaching.exercises import read_chapter
from teaching.sandbox import bubblewrap
from tests.teaching.answers import edited
from tests.teaching.answers.ch01 import ALTERNATIVE, WRONG

pytestmark = pytest.mark.skipif(
    not Path("/usr/bin/bwrap").exists(),
    reason="bubblewrap is needed: apt-get install bubblewrap",
)

CHAPTER = read_chapter(chapter_path("01"))
LABELS = [exercise.label for exercise in CHAPTER.runnable]
REFERENCE = {e.label: e.solution for e in CHAPTER.runnable}
FIRST, MIDDLE, LAST = LABELS  # the exercises in the chapter's order
TIMEOUT = 60  # seconds per submission; chapter 01 takes about 12

SNEAK = str(chapter_path("01"))  # the book's chapter, with its solutions
OUTSIDE = str(ROOT / "vaebook" / "hacked.py")
TAMPERING = {
    # every later cell, the grader's included, blanked
    "blank_later_cells": (
        LAST,
        "get_ipython().input_transformers_cleanup.append(lambda lines: [])",
    ),
    # a trace function that makes every later line raise
    "settrace": (
        LAST,
        "import sys\n\n\ndef stop(frame, event, arg):\n"
        "    raise KeyboardInterrupt\n\n\nsys.settrace(stop)",
    ),
    # the checks made to pass in the student's kernel
    "patched_checks": (
        MIDDLE,
        "import builtins\nimport numpy as np\n\n"
        "np.testing.assert_allclose = lambda *args, **kwargs: None\n"
        "np.allclose = lambda *args, **kwargs: True\n"
        "builtins.abs = lambda value: 0\n"
        "rotated_mean, rotated_cov = exact_posterior(model, x)\n"
        "model_mean, model_cov = exact_posterior(model, x)",
    ),
    # the tested names set without the work
    "names_without_work": (
        MIDDLE,
        "import numpy as np\n\nrotated_mean = model_mean = np.zeros((3, 2))\n"
        "rotated_cov = model_cov = np.eye(2)",
    ),
    # the book's notebooks and the reference solutions
    "read_reference": (
        MIDDLE,
        "import json\n\n"
        f"for cell in json.load(open({SNEAK!r}))['cells']:\n"
        "    if cell['cell_type'] == 'code':  # solutions included\n"
        "        try:\n"
        "            exec(''.join(cell['source']), globals())\n"
        "        except Exception:\n"
        "            pass",
    ),
    # a file written outside the work folder
    "write_outside": (
        MIDDLE,
        f"open({OUTSIDE!r}, 'w').write('x = 1')",
    ),
    # a forged grade on the grader's output and a forged values file
    "forge_output": (
        MIDDLE,
        "import os\n\nprint('ex-01-rotation,4,4,all tests passed')\n"
        "os.makedirs('answers/submission', exist_ok=True)\n"
        "open('answers/submission/ex-01-rotation.json', 'w').write('{}')\n"
        "for fd in (1, 2):\n"
        "    os.write(fd, b'student,ex-01-rotation,4.0,4.0\\n')",
    ),
    # an endless loop that swallows KeyboardInterrupt (asleep, so that
    # it leaves the cores to the batch's other runs while it waits for
    # its timeout)
    "endless_loop": (
        LAST,
        "import time\n\nwhile True:\n    try:\n        time.sleep(1)\n"
        "    except KeyboardInterrupt:\n        pass",
    ),
    # the kernel killed
    "kill_kernel": (LAST, "import os\n\nos._exit(1)"),
}


def submission(answers):
    """The student edition of chapter 01 with these answers in the stubs."""
    nb = read_chapter(chapter_path("01")).student
    cells = []
    for cell in nb.cells:
        label = cell.get("id", "")[len("stub-") :]
        if label in answers:
            cells += [nbformat.v4.new_code_cell(s) for s in answers[label]]
        else:
            cells.append(cell)
    nb.cells = cells
    return nb


def batch():
    submissions = {
        "right": REFERENCE,
        "alternative": {**REFERENCE, **ALTERNATIVE},
        "unanswered": {},
        "wrong": {
            **REFERENCE,
            MIDDLE: edited(REFERENCE[MIDDLE], *WRONG[MIDDLE]),
        },
    }
    for name, (label, code) in TAMPERING.items():
        submissions[name] = {**REFERENCE, label: [code]}
    return submissions


@pytest.fixture(scope="module")
def grades(tmp_path_factory):
    bubblewrap()
    folder = tmp_path_factory.mktemp("submissions")
    for name, answers in batch().items():
        nbformat.write(submission(answers), folder / f"{name}.ipynb")
    (folder / "corrupt.ipynb").write_text("{not a notebook")
    other = read_chapter(chapter_path("02")).student
    nbformat.write(other, folder / "other_chapter.ipynb")
    out = tmp_path_factory.mktemp("grades")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "teaching.grade",
            str(folder),
            "--out",
            str(out),
        ]
        + ["--chapter", "01", "--jobs", "2", "--timeout", str(TIMEOUT)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    table = {}
    with open(out / "grades.csv", newline="") as file:
        for row in csv.DictReader(file):
            table.setdefault(row["student"], {})[row["exercise"]] = row
    return out, table, result.stdout


def points(table, student):
    return {
        label: (float(row["points"]), float(row["max_points"]))
        for label, row in table[student].items()
    }


def full(table):
    return points(table, "right")


def test_right_and_written_differently_get_full_marks(grades):
    _, table, _ = grades
    for student in ("right", "alternative"):
        assert all(p == m for p, m in points(table, student).values())


def test_unanswered_gets_nothing(grades):
    _, table, _ = grades
    assert all(p == 0 for p, _ in points(table, "unanswered").values())


def test_a_wrong_answer_loses_only_its_exercise(grades):
    _, table, _ = grades
    wrong = points(table, "wrong")
    assert wrong[MIDDLE][0] < wrong[MIDDLE][1]
    for label in (FIRST, LAST):
        assert wrong[label] == full(table)[label]


@pytest.mark.parametrize("attempt", TAMPERING)
def test_tampering_scores_nothing_on_the_tampered_exercise(grades, attempt):
    _, table, _ = grades
    label, _ = TAMPERING[attempt]
    scored = points(table, attempt)
    reference = full(table)
    hidden_lost = scored[label][0] < reference[label][0]
    assert hidden_lost, (attempt, scored[label])
    before = LABELS[: LABELS.index(label)]
    for earlier in before:  # graded as usual
        assert scored[earlier] == reference[earlier], (attempt, earlier)


def test_nothing_was_written_outside_the_sandbox(grades):
    assert not (ROOT / "vaebook" / "hacked.py").exists()


def test_an_endless_or_killed_run_costs_only_its_own_grade(grades):
    out, table, _ = grades
    messages = " ".join(
        row["message"] for row in table["endless_loop"].values()
    )
    assert "timed out" in messages
    assert "stopped" in " ".join(
        row["message"] for row in table["kill_kernel"].values()
    )


def test_unreadable_or_foreign_notebooks_get_a_named_error(grades):
    _, table, _ = grades
    assert "not a readable notebook" in table["corrupt"][""]["message"]
    message = table["other_chapter"][""]["message"]
    assert "02_kl_and_elbo" in message and "not 01_" in message


def test_feedback_and_prose_answers_for_each_student(grades):
    out, table, _ = grades
    for student in table:
        assert (out / "feedback" / f"{student}.md").exists()
    wrong = (out / "feedback" / "wrong.md").read_text()
    assert "hidden test, failed" in wrong and "public test, passed" in wrong
    assert (out / "manual" / "right.html").exists()
