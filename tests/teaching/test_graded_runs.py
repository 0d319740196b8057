"""The graded runs (teaching.graded) that CI executes on JAX and PyTorch:
built for every chapter with runnable exercises, and their verdict cell
fails when an answer is not graded as it must be."""

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from teaching.book import chapters
from teaching.exercises import read_chapter
from teaching.graded import REFERENCE, STUB, graded_notebook
from tests.teaching.answers import WRONG, wrong_answers

RUNNABLE = [path for path in chapters() if read_chapter(path).runnable]


@pytest.mark.parametrize("path", RUNNABLE, ids=lambda path: path.stem[:3])
def test_every_runnable_exercise_is_tried_with_stub_and_reference(path):
    answers = wrong_answers(path)
    nb = graded_notebook(path, answers)
    steps = [
        cell.source for cell in nb.cells if cell.source.startswith("_graded")
    ]
    for exercise in read_chapter(path).runnable:
        kinds = [STUB, *answers.get(exercise.label, {}), REFERENCE]
        for kind in kinds:
            for part in ("answer", "tests"):
                step = (exercise.label, kind, part)
                assert f"_graded['step'] = {step!r}" in steps
    assert "graded as expected" in nb.cells[-1].source


def test_every_chapter_with_runnable_exercises_has_a_wrong_answer():
    numbers = {path.name.split("_")[0] for path in RUNNABLE}
    assert numbers <= set(WRONG), numbers - set(WRONG)


EXERCISE = """\
## Exercises

```{exercise}
:label: ex-99-square
Compute `square`, the square of 3.
```

```{solution-start} ex-99-square
:class: dropdown
```
"""


def run_graded(tmp_path, wrong_source):
    """Execute the graded run of a one-exercise chapter; return the error
    of its verdict cell, or None."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# A chapter"),
        nbformat.v4.new_code_cell("base = 3"),
        nbformat.v4.new_markdown_cell(EXERCISE),
        nbformat.v4.new_code_cell("square = base**2"),
        nbformat.v4.new_code_cell("assert square == 9"),
        nbformat.v4.new_markdown_cell("```{solution-end}\n```"),
    ]
    path = tmp_path / "99_chapter.ipynb"
    nbformat.write(nb, path)
    graded = graded_notebook(path, {"ex-99-square": {"wrong": [wrong_source]}})
    try:
        NotebookClient(graded, timeout=60).execute()
    except CellExecutionError as error:
        return error
    return None


def test_a_wrong_answer_that_passes_fails_the_verdict(tmp_path):
    assert run_graded(tmp_path, "square = base * base") is not None


def test_a_wrong_answer_that_fails_passes_the_verdict(tmp_path):
    assert run_graded(tmp_path, "square = base * 2") is None
