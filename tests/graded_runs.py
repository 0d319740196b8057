"""conftest.py's --graded: each chapter with runnable exercises runs as its
graded run (teaching.graded) instead of as the book's notebook."""

import os

import nbformat
from _pytest.compat import legacy_path  # the path type nbval reads

from teaching.book import ROOT, chapters
from teaching.graded import EXPECTED, graded_notebook
from tests.teaching.answers import wrong_answers

OUT = ROOT / "_build" / "graded"


def chosen_answers(path, kinds):
    """{label: {kind: cell sources}} for the answer kinds asked for."""
    unknown = set(kinds) - set(EXPECTED)
    if unknown:
        raise ValueError(
            f"--graded: no answers of kind {sorted(unknown)}; "
            f"choose from {sorted(EXPECTED)}"
        )
    answers = {}
    if "wrong" in kinds:
        for label, tries in wrong_answers(path).items():
            answers.setdefault(label, {}).update(tries)
    return answers


def graded_collector(node, kinds):
    """The nbval collector of the graded run in place of a chapter's.

    It keeps the chapter's path, so that pytest selects it by that path, and
    nbval reads and runs the graded notebook (nbval uses `fspath`).
    """
    path = node.path
    if path not in chapters():
        return node
    kinds = [kind for kind in kinds.split(",") if kind]
    nb = graded_notebook(path, chosen_answers(path, kinds))
    if nb is None:
        return node
    backend = os.environ.get("KERAS_BACKEND", "tensorflow")
    folder = OUT / backend
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / path.name
    nbformat.write(nb, target)
    read_from = {"fspath": property(lambda _: legacy_path(target))}
    graded = type("GradedRun", (type(node),), read_from)
    return graded.from_parent(node.parent, path=path)
