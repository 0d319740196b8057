"""Grade a student's chapter notebook with the hidden tests of its exercises.

    python -m teaching.grade submission.ipynb [--json]

The submission is a notebook of the student edition
(teaching.student_edition) with answers written in the stub cells:
the code cells after an exercise, up to the next exercise, are its answer.
The exercise labels say which chapter it is. The grader runs the chapter
once, in one kernel, with the book's own text cells (a student's edits to
them do not count) and the offline MNIST subset unless VAEBOOK_MNIST says
otherwise. At each runnable exercise it runs the student's answer, then the
exercise's hidden tests: the checks of the reference solution
(teaching.exercises). One point when both run without error. Then it runs
the reference solution and its tests, so that the next exercise starts from
the book's state and a mistake costs one exercise only, and so that a
reference that fails here is reported. Prose exercises are not graded.

It prints one line per exercise and the total, or with --json the same as
JSON. It takes about as long as the chapter takes to run (README).
"""

import argparse
import json
import os
import re
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from teaching.book import NOTEBOOKS, chapter_path, exercise_labels
from teaching.exercises import read_chapter

CELL_TIMEOUT = 600  # seconds, as pytest gives a chapter's cell (pytest.ini)
REFERENCE = "reference"


class GradingError(RuntimeError):
    """A submission or a chapter that cannot be graded."""


@dataclass
class Attempt:
    """One answer to one exercise, and what the hidden tests made of it."""

    label: str
    number: str
    answer: str  # "submission", "reference", or a variant a test names
    points: int
    answer_error: str  # "ValueError: ...", or "" when the answer ran
    test_error: str  # the first error of the hidden tests, or ""


def first_error(cell):
    """'Name: message' of the error a cell raised, or ''."""
    for output in cell.outputs:
        if output.output_type == "error":
            message = output.evalue.strip().split("\n")[0][:120]
            return f"{output.ename}: {message}".rstrip(": ")
    return ""


class KernelRun:
    """A chapter executed cell by cell in one kernel, with extra cells."""

    def __init__(self, chapter):
        self.client = NotebookClient(
            nbformat.v4.new_notebook(metadata=chapter.student.metadata),
            timeout=CELL_TIMEOUT,
            interrupt_on_timeout=True,
            allow_errors=True,
            resources={"metadata": {"path": str(NOTEBOOKS)}},
        )

    def run(self, source):
        """Execute code as a new cell; return its error, or ''."""
        cell = nbformat.v4.new_code_cell(source)
        self.client.nb.cells.append(cell)
        self.client.execute_cell(cell, len(self.client.nb.cells) - 1)
        return first_error(cell)

    def attempt(self, exercise, name, sources):
        answer_error = "" if sources else "no answer cell"
        for source in sources:
            answer_error = self.run(source)
            if answer_error:
                break
        test_error = self.run(exercise.tests)
        points = int(not answer_error and not test_error)
        return Attempt(
            exercise.label,
            exercise.number,
            name,
            points,
            answer_error,
            test_error,
        )


def grade_chapter(chapter, answers):
    """Run the chapter; at each runnable exercise, grade its answers.

    `answers` maps an exercise's label to {name: [code cell sources]}, the
    answers to try there in turn; after them the reference solution runs.
    Returns every Attempt, the reference's last for each exercise.
    """
    stubs = {exercise.stub.id: exercise for exercise in chapter.runnable}
    run, attempts = KernelRun(chapter), []
    with run.client.setup_kernel():
        for cell in chapter.student.cells:
            if cell.cell_type != "code":
                continue
            exercise = stubs.get(cell.id)
            if exercise is None:
                error = run.run(cell.source)
                if error and "raises-exception" not in cell.metadata.get(
                    "tags", []
                ):
                    raise GradingError(
                        f"{chapter.path.name}: a cell of the chapter failed, "
                        f"so nothing after it can be graded: {error}\n"
                        f"{cell.source[:300]}"
                    )
                continue
            for name, sources in answers.get(exercise.label, {}).items():
                attempts.append(run.attempt(exercise, name, sources))
            attempts.append(
                run.attempt(exercise, REFERENCE, exercise.solution)
            )
    return attempts


def submitted_answers(submission):
    """The chapter a submission answers, and its code cells per exercise."""
    answers, current = {}, None
    for cell in submission.cells:
        if cell.cell_type == "markdown":
            labels = exercise_labels(cell.source)
            for label in labels:
                answers[label] = []
            current = labels[-1] if labels else current
        elif cell.cell_type == "code" and current:
            answers[current].append(cell.source)
    chapters = {re.match(r"ex-([^-]+)-", label) for label in answers}
    names = {match.group(1).upper() for match in chapters if match}
    if len(names) != 1:
        raise GradingError(
            "a submission must hold the exercises of one chapter of the "
            f"student edition; this one has {sorted(names) or 'none'}"
        )
    return read_chapter(chapter_path(names.pop())), answers


def grade_submission(path):
    """The chapter a notebook answers, and the Attempts of its grading:
    the submission's and then the reference's, at each runnable exercise."""
    submission = nbformat.read(path, as_version=4)
    chapter, answers = submitted_answers(submission)
    if not chapter.runnable:
        raise GradingError(f"{chapter.path.name} has no runnable exercises")
    missing = [e.label for e in chapter.runnable if e.label not in answers]
    if missing:
        raise GradingError(
            f"{path} lacks the exercises {', '.join(missing)}: restore "
            "their text from the student edition, answer cells below it"
        )
    attempts = grade_chapter(
        chapter,
        {e.label: {"submission": answers[e.label]} for e in chapter.runnable},
    )
    return chapter, attempts


def result(attempt):
    """What happened to an answer, in a few words."""
    if attempt.points:
        return "passed"
    if attempt.answer_error:
        return f"the answer raised {attempt.answer_error}"
    return f"a hidden test failed: {attempt.test_error}"


def report(chapter, attempts, path):
    """The grades as a dictionary (for --json)."""
    submitted = [a for a in attempts if a.answer != REFERENCE]
    reference = [a for a in attempts if a.answer == REFERENCE]
    exercises = []
    for attempt, key in zip(submitted, reference):
        entry = asdict(attempt)
        del entry["answer"]
        entry.update(max_points=1, result=result(attempt))
        entry["reference_passed"] = bool(key.points)
        exercises.append(entry)
    return {
        "submission": str(path),
        "chapter": chapter.path.stem,
        "exercises": exercises,
        "points": sum(e["points"] for e in exercises),
        "max_points": len(exercises),
    }


def table(grades):
    """The grades as a teacher reads them: a line per exercise, the total."""
    lines = [f"{grades['chapter']}: {grades['submission']}"]
    width = max(len(e["label"]) for e in grades["exercises"]) + 6
    for entry in grades["exercises"]:
        name = f"{entry['number']} {entry['label']}"
        line = f"{name:{width}s} {entry['points']}/1  {entry['result']}"
        if not entry["reference_passed"]:
            line += " (the reference fails here too: grade it by hand)"
        lines.append(line)
    total = f"{grades['points']}/{grades['max_points']}"
    lines.append(f"{'total':{width}s} {total}")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("submission", type=Path)
    parser.add_argument("--json", action="store_true", help="print JSON")
    arguments = parser.parse_args()
    os.environ.setdefault("VAEBOOK_MNIST", "subset")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    try:
        chapter, attempts = grade_submission(arguments.submission)
    except (GradingError, ValueError, OSError) as error:
        sys.exit(f"grade: {error}")
    grades = report(chapter, attempts, arguments.submission)
    print(json.dumps(grades, indent=1) if arguments.json else table(grades))


if __name__ == "__main__":
    main()
