"""The grader command on a chapter 01 submission, and what it refuses."""

import json
import subprocess
import sys

import nbformat

from teaching.book import ROOT, chapters
from teaching.exercises import read_chapter
from teaching.grade import table
from tests.teaching.answers import WRONG, edited

CHAPTERS = {path.name.split("_")[0]: path for path in chapters()}


def run_grader(*arguments):
    return subprocess.run(
        [sys.executable, "-m", "teaching.grade", *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


def test_grader_command(tmp_path):
    """A chapter 01 submission: one answer right, one wrong, one left out."""
    chapter = read_chapter(CHAPTERS["01"])
    right, wrong, unsolved = chapter.runnable
    label, search, replace = WRONG["01"]
    assert wrong.label == label
    answers = {
        right.stub.id: right.solution,
        wrong.stub.id: edited(wrong.solution, search, replace),
        unsolved.stub.id: [unsolved.stub.source],
    }
    cells = []
    for cell in chapter.student.cells:
        if cell.get("id") in answers:
            cells += [nbformat.v4.new_code_cell(s) for s in answers[cell.id]]
        else:
            cells.append(cell)
    chapter.student.cells = cells
    submission = tmp_path / "my answers.ipynb"
    nbformat.write(chapter.student, submission)

    result = run_grader(str(submission), "--json")
    assert result.returncode == 0, result.stderr
    grades = json.loads(result.stdout)
    assert grades["chapter"] == CHAPTERS["01"].stem
    assert (grades["points"], grades["max_points"]) == (1, 3)
    results = [e["result"] for e in grades["exercises"]]
    assert results[0] == "passed"
    assert results[1].startswith("the answer raised AssertionError")
    assert "NotImplementedError" in results[2]
    assert all(e["reference_passed"] for e in grades["exercises"])
    printed = table(grades)
    assert printed.splitlines()[-1].split() == ["total", "1/3"]


def test_grader_rejects_what_it_cannot_grade(tmp_path):
    no_exercises = tmp_path / "empty.ipynb"
    nbformat.write(nbformat.v4.new_notebook(), no_exercises)
    result = run_grader(str(no_exercises))
    assert result.returncode and "one chapter" in result.stderr

    unknown = nbformat.v4.new_notebook()
    unknown.cells = [
        nbformat.v4.new_markdown_cell("```{exercise}\n:label: ex-99-a\nA\n```")
    ]
    nbformat.write(unknown, tmp_path / "unknown.ipynb")
    result = run_grader(str(tmp_path / "unknown.ipynb"))
    assert result.returncode and "no such chapter" in result.stderr

    chapter = read_chapter(CHAPTERS["01"])
    chapter.student.cells = [
        cell
        for cell in chapter.student.cells
        if ":label: ex-01-rotation" not in cell.source
    ]
    nbformat.write(chapter.student, tmp_path / "missing.ipynb")
    result = run_grader(str(tmp_path / "missing.ipynb"))
    assert result.returncode and "lacks the exercises ex-01-rotation" in (
        result.stderr
    )
