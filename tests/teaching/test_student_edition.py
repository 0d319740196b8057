"""The student edition (python -m teaching.student_edition): no solution
left in it, every exercise kept, a stub where each runnable solution was,
and chapters the kit cannot use refused with a named error."""

import re
import subprocess
import sys

import nbformat
import pytest

from teaching.book import (
    GLUE,
    ROOT,
    ChapterError,
    chapter_path,
    chapters,
    glued_name,
)
from teaching.exercises import read_chapter
from teaching.student_edition import OUT
from tests.teaching.leaks import everything, leaked_solution, solution_parts

CHAPTERS = {path.name.split("_")[0]: path for path in chapters()}


@pytest.fixture(scope="module")
def edition():
    """The student edition, written by its command."""
    result = subprocess.run(
        [sys.executable, "-m", "teaching.student_edition"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    assert f"{len(CHAPTERS)} notebooks in" in result.stdout
    return OUT


@pytest.mark.parametrize("number", CHAPTERS)
def test_student_edition_has_no_solutions(edition, number):
    original = nbformat.read(CHAPTERS[number], as_version=4)
    student = nbformat.read(edition / CHAPTERS[number].name, as_version=4)
    text = everything(student)
    assert "{solution" not in text
    leaked = leaked_solution(original, text)
    assert not leaked, f"solution text in the student edition: {leaked[:3]}"

    book_cells = {cell.id: cell for cell in original.cells}
    stubs = []
    for cell in student.cells:
        if "raises-exception" in cell.metadata.get("tags", []):
            stubs.append(cell.source)
        elif cell.cell_type == "code":  # the book's cell, outputs and all
            book = book_cells[cell.id]
            assert (cell.source, cell.metadata) == (book.source, book.metadata)
            kept = [o for o in book.outputs if o in cell.outputs]
            assert cell.outputs == kept  # the book's, in order, none added
            dropped = [o for o in book.outputs if o not in kept]
            assert all(glued_name(o) for o in dropped), cell.source
    solution_prose, _, rest = solution_parts(original)
    solution_glue = set(GLUE.findall("\n".join(solution_prose)))
    solution_glue -= set(GLUE.findall(rest))  # values only solutions show
    kept_glue = {
        glued_name(o) for c in student.cells for o in c.get("outputs", [])
    }
    assert not solution_glue & kept_glue
    chapter = read_chapter(CHAPTERS[number])
    assert stubs == [exercise.stub.source for exercise in chapter.runnable]
    for stub, exercise in zip(stubs, chapter.runnable):
        label = f"Exercise {exercise.number} ({exercise.label}) is not solved"
        assert label in stub

    markdown = [c.source for c in original.cells if c.cell_type == "markdown"]
    exercises = re.findall(r"```\{exercise\}.*?```", "\n".join(markdown), re.S)
    assert exercises and all(exercise in text for exercise in exercises)


def chapter_notebook(tmp_path, *sources):
    """A notebook in the book's format: Markdown, and code for a list."""
    nb = nbformat.v4.new_notebook()
    for source in sources:
        if isinstance(source, list):
            nb.cells += [nbformat.v4.new_code_cell(s) for s in source]
        else:
            nb.cells.append(nbformat.v4.new_markdown_cell(source))
    path = tmp_path / "99_test.ipynb"
    nbformat.write(nb, path)
    return path


EXERCISE = "```{exercise}\n:label: ex-99-a\nCompute x.\n```\n"
START = "```{solution-start} ex-99-a\n:class: dropdown\n```\n"
END = "```{solution-end}\n```"


@pytest.mark.parametrize(
    "sources, error",
    [
        (["# A page", ["x = 1"]], "has no exercises"),
        ([EXERCISE + START, ["x = 1"]], "has no solution-end"),
        ([EXERCISE + START, ["x = 1"], END], "no test file"),
    ],
    ids=["no exercises", "unclosed", "no test file"],
)
def test_chapters_the_kit_cannot_use_are_refused(tmp_path, sources, error):
    with pytest.raises(ChapterError, match=error):
        read_chapter(chapter_notebook(tmp_path, *sources))
    with pytest.raises(ChapterError, match="no such chapter"):
        chapter_path("99")


@pytest.mark.parametrize("number", CHAPTERS)
def test_each_stub_states_the_contract_of_its_tests(number):
    for exercise in read_chapter(CHAPTERS[number]).runnable:
        comment = " ".join(
            line.lstrip("# ").strip()
            for line in exercise.stub.source.splitlines()
            if line.startswith("#")
        )
        for name, meaning in exercise.answer.items():
            assert f"- {name}: {meaning}." in comment, (exercise.label, name)
        assert all(
            len(line) <= 79 for line in exercise.stub.source.split("\n")
        )
