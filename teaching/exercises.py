"""A chapter's exercises and solutions, read from its notebook.

`read_chapter` splits a chapter into the cells a student may see, with a
stub cell in place of each runnable (gated) solution, and its runnable
exercises. Each runnable exercise is graded by its test file
(teaching.checks), whose ANSWER the stub shows: what the answer must
define, with each name's type, shape and meaning. The directives are read
by `teaching.book`.
"""

import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from teaching.book import (
    LABEL,
    ChapterError,
    exercise_number,
    glue_shown,
    glued_name,
    read,
    split_markdown,
)
from teaching.checks import contract, test_path

STUB_TAG = "raises-exception"  # nbclient and nbval run on past the stub
COMMENT_WIDTH = 79


@dataclass
class RunnableExercise:
    """An exercise whose solution runs code: what a student must answer."""

    label: str
    number: str = ""  # as the book prints it: "6.3"
    solution: list[str] = field(default_factory=list)  # code cells' sources
    answer: dict = field(default_factory=dict)  # {name: meaning}, the tests'
    calls: dict = field(default_factory=dict)  # {name: [args]}, the tests'
    stub: dict = field(default_factory=dict)  # the cell a student answers in


@dataclass
class Chapter:
    path: Path
    student: nbformat.NotebookNode  # the edition without solutions
    exercises: list[str]  # every exercise's label, in order
    runnable: list[RunnableExercise]


def read_chapter(path):
    """Split a chapter into the student edition's cells and its exercises."""
    path = Path(path)
    nb = read(path)
    exercises, solutions, cells = [], [], []
    gated, opened = None, []

    def on_directive(name, argument, block):
        if name == "exercise":
            label = LABEL.search(block)
            if not label:
                raise ChapterError(f"{path.name}: an exercise has no label")
            exercises.append(label.group(1))
        elif name == "solution-start":
            solutions.append(RunnableExercise(argument))
            opened.append(solutions[-1])

    for cell in nb.cells:
        if cell.cell_type != "markdown" and gated:
            solutions[-1].solution.append(cell.source)
        elif cell.cell_type != "markdown":
            cells.append(cell)
        else:
            text, gated = split_markdown(cell.source, gated, on_directive)
            if text == cell.source.strip():
                cells.append(cell)
            elif text:
                cells.append(shortened(cell, text))
            cells += opened  # the stubs' places
            opened.clear()
    if gated:
        raise ChapterError(f"{path.name}: {gated} has no solution-end")
    if not exercises:
        raise ChapterError(f"{path.name} has no exercises")

    runnable = [exercise for exercise in solutions if exercise.solution]
    for exercise in runnable:
        if exercise.label not in exercises:
            raise ChapterError(
                f"{path.name}: solution {exercise.label} answers no exercise"
            )
        order = exercises.index(exercise.label) + 1
        exercise.number = exercise_number(path, order)
        if not test_path(exercise.label).exists():
            raise ChapterError(
                f"{path.name}: {exercise.label} has a runnable solution but "
                f"no test file {test_path(exercise.label).name} in "
                "teaching/exercise_tests (CONTRIBUTING.md)"
            )
        exercise.answer, exercise.calls = contract(exercise.label)
        exercise.stub = stub_cell(exercise)
    student = [
        cell.stub if isinstance(cell, RunnableExercise) else cell
        for cell in cells
        if not isinstance(cell, RunnableExercise) or cell.solution
    ]
    drop_glue(student, glue_shown(nb.cells) - glue_shown(student))
    nb.cells = student
    return Chapter(path, nb, exercises, runnable)


def drop_glue(cells, names):
    """Remove the glued values of these names (only solutions showed them)."""
    for cell in cells:
        if cell.cell_type == "code":
            cell.outputs = [
                output
                for output in cell.outputs
                if glued_name(output) not in names
            ]


def shortened(cell, text):
    """A Markdown cell with only `text` left, and the attachments it shows."""
    kept = nbformat.v4.new_markdown_cell(text, id=cell.id)
    kept.metadata = cell.metadata
    attachments = cell.get("attachments", {})
    kept.attachments = {
        name: data
        for name, data in attachments.items()
        if f"attachment:{name}" in text
    }
    return kept


def stub_cell(exercise):
    """The code cell a student answers in: what the answer must define, and
    an error until the answer replaces it."""
    lines = [
        f"Exercise {exercise.number}: your answer goes here (add cells below "
        "it as you need). The tests read:"
    ]
    lines += [
        f"- {name}: {meaning}." for name, meaning in exercise.answer.items()
    ]
    comment = []
    for line in lines:
        indent = "  " if line.startswith("- ") else ""
        comment += textwrap.wrap(
            line,
            COMMENT_WIDTH - 2,
            subsequent_indent=indent,
            break_long_words=False,
            break_on_hyphens=False,
        )
    message = (
        f"Exercise {exercise.number} ({exercise.label}) is not solved yet"
    )
    source = "\n".join(f"# {line}" for line in comment)
    source += f'\nraise NotImplementedError(\n    "{message}"\n)'
    cell = nbformat.v4.new_code_cell(source, id=f"stub-{exercise.label}")
    cell.metadata["tags"] = [STUB_TAG]
    return cell
