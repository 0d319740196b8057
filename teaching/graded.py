"""Graded notebooks: a chapter as a student gets it, with answers to run.

`grading_notebook` builds, from a chapter's student edition, a notebook that
runs the chapter and, at each runnable exercise, one or more answers in
turn, each followed by an export cell: teaching.exercise_values writes what
the exercise's tests read (its ANSWER) to <folder>/<kind>/<label>.json. The
tests themselves never run in that kernel: teaching.checks runs them later,
in a fresh interpreter, on those files.

The course grader (teaching.grade) runs one answer per exercise, the
student's, in a sandbox. CI's graded runs (`pytest --graded ...`,
conftest.py) run the stub, the answers a test names (a plausible wrong
answer, a second correct solution) and the reference solution at each
exercise; the reference goes last, so that the next exercise starts from the
book's state; a last cell checks that each answer got the grade it must:
nothing for the stub, full marks for the reference and the second solution,
the public tests' points but not all hidden ones for the wrong answer. One
execution shows that the chapter runs on that backend and that its exercises
grade as they should.
"""

import ast
import inspect
import json
import sys
from dataclasses import asdict

import nbformat

from teaching import exercise_values
from teaching.book import ROOT
from teaching.checks import check_answers
from teaching.exercises import STUB_TAG, read_chapter

REFERENCE = "reference"
STUB = "stub"

SETUP = """\
# Grading: how an answer's values are saved (teaching.exercise_values).
_grading = {{}}
exec({source!r}, _grading)
"""

SNAPSHOT = '_grading["before"] = _grading["snapshot"](globals())'
EXPORT = """\
_grading["export"](
    {label!r}, {names!r}, {calls!r}, globals(), {path!r},
    _grading["before"],
)"""

VERDICT = """\
# Graded run: each answer to each exercise graded as it must be.
import subprocess
import sys

_run = subprocess.run(
    [sys.executable, "-m", "teaching.graded", {folder!r}, {tried!r}],
    capture_output=True, text=True, cwd={root!r},
)
assert _run.returncode == 0, _run.stdout + _run.stderr
print(_run.stdout)
"""
# What each kind of answer must score, from its tests' results.
EXPECTED = {
    STUB: lambda got, full, public: got == 0,
    "wrong": lambda got, full, public: public and got < full,
    "alternative": lambda got, full, public: got == full,
    REFERENCE: lambda got, full, public: got == full,
}


def unexpected_grades(results, tried):
    """The (label, kind, points, max points, messages) of every answer
    not graded as EXPECTED; results: {kind: teaching.checks results}."""
    problems = []
    for kind, labels in tried.items():
        for label in labels:
            mine = [c for c in results[kind] if c["label"] == label]
            got = sum(c["points"] for c in mine)
            full = sum(c["max_points"] for c in mine)
            public = all(
                c["points"] == c["max_points"] for c in mine if not c["hidden"]
            )
            if not mine or not EXPECTED[kind](got, full, public):
                failed = [c["message"] for c in mine if not c["points"]]
                problems.append((label, kind, got, full, failed))
    return problems


def code_cell(source, tags=()):
    cell = nbformat.v4.new_code_cell(source)
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def export_cell(exercise, path):
    return code_cell(
        EXPORT.format(
            label=exercise.label,
            names=list(exercise.answer),
            calls=exercise.calls,
            path=str(path),
        ),
        [STUB_TAG],  # a student may have broken it: the run goes on
    )


def grading_notebook(chapter, answers, folder):
    """The chapter's student edition with, at each runnable exercise, the
    answers {kind: [code cell sources]} of answers[label] run in order,
    each exported to <folder>/<kind>/<label>.json."""
    stubs = {exercise.stub.id: exercise for exercise in chapter.runnable}
    source = inspect.getsource(exercise_values)
    cells = [code_cell(SETUP.format(source=source), ["remove-cell"])]
    for cell in chapter.student.cells:
        exercise = stubs.get(cell.get("id"))
        if exercise is None:
            cells.append(cell)
            continue
        for kind, sources in answers.get(exercise.label, {}).items():
            cells.append(code_cell(SNAPSHOT, [STUB_TAG]))
            cells += [code_cell(source, [STUB_TAG]) for source in sources]
            path = f"{folder}/{kind}/{exercise.label}.json"
            cells.append(export_cell(exercise, path))
    nb = nbformat.v4.new_notebook(metadata=chapter.student.metadata)
    nb.cells = cells
    return nb


def graded_run(path, extra_answers, folder):
    """CI's graded run of a chapter: the stub, the extra answers
    {label: {kind: sources}} and the reference at each runnable exercise,
    and a last cell that checks their grades. None for a chapter without
    runnable exercises."""
    chapter = read_chapter(path)
    if not chapter.runnable:
        return None
    unknown = set(extra_answers) - {e.label for e in chapter.runnable}
    if unknown:
        raise ValueError(f"{path.name} has no runnable {sorted(unknown)}")
    answers = {
        exercise.label: {
            STUB: [exercise.stub.source],
            **extra_answers.get(exercise.label, {}),
            REFERENCE: exercise.solution,
        }
        for exercise in chapter.runnable
    }
    nb = grading_notebook(chapter, answers, folder)
    tried = {}
    for label, tries in answers.items():
        for kind in tries:
            tried.setdefault(kind, []).append(label)
    verdict = VERDICT.format(
        tried=repr(tried), folder=str(folder), root=str(ROOT)
    )
    nb.cells.append(code_cell(verdict))
    return nb


def write(nb, path):
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def main():
    """python -m teaching.graded FOLDER TRIED: the verdict of a graded run
    (TRIED: {kind: [labels]}, as Python)."""
    folder, tried = sys.argv[1], ast.literal_eval(sys.argv[2])
    results = {
        kind: [
            asdict(case)
            for case in check_answers(labels, f"{folder}/{kind}", folder)
        ]
        for kind, labels in tried.items()
    }
    problems = unexpected_grades(results, tried)
    if problems:
        sys.exit(json.dumps(problems, indent=1))
    print(sum(map(len, results.values())), "tests graded as expected")


if __name__ == "__main__":
    main()
