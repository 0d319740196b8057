"""The Gradescope autograder, built by `python -m teaching.gradescope 01`:
otter's student notebook and zip, and the reference solution graded full
marks by `otter run` on that zip, as Gradescope would."""

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest

from teaching.book import ROOT, chapter_path
from teaching.exercises import read_chapter

CHAPTER = read_chapter(chapter_path("01"))
LABELS = [exercise.label for exercise in CHAPTER.runnable]
OTTER = Path(sys.executable).parent / "otter"

pytestmark = pytest.mark.skipif(
    not OTTER.exists() or not shutil.which("bwrap"),
    reason="pip install -r teaching/requirements.txt; apt-get install "
    "bubblewrap",
)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("gradescope")
    result = subprocess.run(
        [sys.executable, "-m", "teaching.gradescope", "01", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    student, autograder = json.loads(result.stdout.splitlines()[-1])
    return Path(student), Path(autograder)


def test_the_student_notebook_checks_each_exercise_and_keeps_outputs(built):
    student, _ = built
    nb = nbformat.read(student, as_version=4)
    sources = [cell.source for cell in nb.cells]
    for label in LABELS:
        assert f'grader.check("{label}")' in sources
    solution_lines = {
        line.strip()
        for exercise in CHAPTER.runnable
        for source in exercise.solution
        for line in source.splitlines()
        if len(line.strip()) > 20
    }
    # lines the chapter's own cells also hold are not the solution's
    book = "\n".join(cell.source for cell in CHAPTER.student.cells)
    text = "\n".join(sources)
    leaked = [s for s in solution_lines if s in text and s not in book]
    assert not leaked
    stored = sum(bool(c.get("outputs")) for c in CHAPTER.student.cells)
    kept = sum(bool(c.get("outputs")) for c in nb.cells)
    assert kept == stored > 0


def test_the_zip_is_what_gradescope_runs(built):
    _, autograder = built
    names = set(zipfile.ZipFile(autograder).namelist())
    assert {"run_autograder", "setup.sh", "environment.yml"} <= names
    for label in LABELS:
        assert f"tests/{label}.py" in names
        assert f"files/reference/{label}.json" in names
    assert "files/teaching/exercise_values.py" in names
    assert "files/vaebook/models.py" in names


def test_otter_grades_the_reference_solution_full_marks(built, tmp_path):
    _, autograder = built
    master = autograder.parent / CHAPTER.path.name  # with the solutions
    shutil.copy(master, tmp_path)
    (tmp_path / "results").mkdir()
    subprocess.run(
        [str(OTTER), "run", "-a", str(autograder), "-o", "results"]
        + [CHAPTER.path.name],
        cwd=tmp_path,
        capture_output=True,
        check=True,
    )
    results = json.loads((tmp_path / "results" / "results.json").read_text())
    scores = {
        test["name"]: (test["score"], test["max_score"])
        for test in results["tests"]
        if "max_score" in test
    }
    assert set(scores) == set(LABELS), results
    assert all(score == top for score, top in scores.values())
