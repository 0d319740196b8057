"""Answers to the runnable exercises besides the reference solutions.

For the graded runs (teaching.graded; conftest.py's --graded) and the tests
of the grader, one module per chapter (ch01.py, ..., cha1.py) holds:

- WRONG: for every runnable exercise, a plausible student mistake, written
  as a (search, replace) edit of its reference solution, that a hidden test
  catches for a mathematical reason while the public tests still pass (a
  sign, a missing factor, one direction of the KL for the other);
- ALTERNATIVE: for every runnable exercise, a second correct solution,
  written independently of the reference (other intermediate names, an
  equivalent formula, another valid number of samples), as code cells; it
  must score full marks.
"""

import importlib

from teaching.book import prefix
from teaching.exercises import read_chapter


def edited(solution, search, replace):
    """A reference solution with one edit: a student's plausible mistake."""
    found = sum(source.count(search) for source in solution)
    if found != 1:
        raise ValueError(f"{search!r} found {found} times in the solution")
    return [source.replace(search, replace) for source in solution]


def chapter_answers(path):
    """The chapter's module of answers (WRONG, ALTERNATIVE), or None."""
    name = f"tests.teaching.answers.ch{prefix(path).lower()}"
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError:
        return None


def answers(path, kinds):
    """{label: {kind: cell sources}} of the chapter at `path`, for the kinds
    asked for ("wrong", "alternative")."""
    module = chapter_answers(path)
    if module is None:
        return {}
    solutions = {e.label: e.solution for e in read_chapter(path).runnable}
    found = {}
    if "wrong" in kinds:
        for label, (search, replace) in module.WRONG.items():
            wrong = edited(solutions[label], search, replace)
            found.setdefault(label, {})["wrong"] = wrong
    if "alternative" in kinds:
        for label, sources in module.ALTERNATIVE.items():
            found.setdefault(label, {})["alternative"] = list(sources)
    return found
