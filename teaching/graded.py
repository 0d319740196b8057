"""A chapter's graded run: one notebook that runs the chapter as a student
gets it and grades several answers to each runnable exercise on the way.

It is the student edition (teaching.student_edition) with, in place of each
stub, the answers to try in turn: the stub itself, and the other answers a
test names (a plausible wrong answer, a second correct solution), then the
reference solution, each followed by the exercise's hidden tests. The
reference goes last, so the next exercise starts from the book's state. A
hidden first cell records which answer or test cell raised what; the last
cell asserts the grades each answer must get. CI runs it instead of the
plain chapter on JAX and PyTorch (`pytest --graded ...`, conftest.py), so
one execution proves both that the chapter runs on that backend and that
its exercises grade as they should.
"""

import nbformat

from teaching.exercises import STUB_TAG, read_chapter

REFERENCE = "reference"
STUB = "stub"
# What each kind of answer must score: full marks, or nothing with the
# first error it raised (in its own cells or in the hidden tests).
EXPECTED = {
    STUB: (0, "NotImplementedError"),
    "wrong": (0, "AssertionError"),
    "alternative": (1, ""),
    REFERENCE: (1, ""),
}

RECORDER = """\
# The graded run's recorder: the first error of each answer and its tests.
_graded = {"step": None, "errors": {}}


def _record_error(result):
    step, error = _graded["step"], result.error_in_exec
    if step and error is not None:
        _graded["errors"].setdefault(step, f"{type(error).__name__}: {error}")


get_ipython().events.register("post_run_cell", _record_error)
"""

VERDICT = """\
# The graded run's verdict: each answer scored as it must.
get_ipython().events.unregister("post_run_cell", _record_error)
_graded["step"] = None
_expected = {expected!r}
_scores = {{}}
for (_label, _answer), (_points, _error) in _expected.items():
    _found = _graded["errors"].get((_label, _answer, "answer")) or _graded[
        "errors"
    ].get((_label, _answer, "tests"), "")
    _scores[_label, _answer] = (int(not _found), _found.split(":")[0])
    assert _scores[_label, _answer] == (_points, _error), (
        _label,
        _answer,
        _found,
    )
print(len(_scores), "answers graded as expected")
"""


def code_cell(source, tags=()):
    cell = nbformat.v4.new_code_cell(source)
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def step(label, answer, part):
    return code_cell(f"_graded['step'] = {(label, answer, part)!r}")


def graded_notebook(path, answers):
    """The graded run of a chapter: `answers` maps an exercise's label to
    {kind: [code cell sources]} for kinds of EXPECTED other than the stub
    and the reference, which every runnable exercise gets. Returns None for
    a chapter without runnable exercises."""
    chapter = read_chapter(path)
    if not chapter.runnable:
        return None
    unknown = set(answers) - {e.label for e in chapter.runnable}
    if unknown:
        raise ValueError(f"{path.name} has no runnable {sorted(unknown)}")
    stubs = {exercise.stub.id: exercise for exercise in chapter.runnable}
    cells, expected = [], {}
    for cell in chapter.student.cells:
        exercise = stubs.get(cell.get("id"))
        if exercise is None:
            cells.append(cell)
            continue
        if not expected:
            cells.append(code_cell(RECORDER, ["remove-cell"]))
        tries = {
            STUB: [exercise.stub.source],
            **answers.get(exercise.label, {}),
            REFERENCE: exercise.solution,
        }
        for kind, sources in tries.items():
            cells.append(step(exercise.label, kind, "answer"))
            cells += [code_cell(source, [STUB_TAG]) for source in sources]
            cells.append(step(exercise.label, kind, "tests"))
            cells.append(code_cell(exercise.tests, [STUB_TAG]))
            expected[exercise.label, kind] = EXPECTED[kind]
    cells.append(code_cell(VERDICT.format(expected=expected)))
    chapter.student.cells = cells
    return chapter.student
