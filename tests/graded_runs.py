"""conftest.py's --graded: each chapter with runnable exercises runs as its
graded run (teaching.graded) instead of as the book's notebook."""

import os

from _pytest.compat import legacy_path  # the path type nbval reads

from teaching.book import ROOT, chapters
from teaching.graded import EXPECTED, graded_run, write
from tests.teaching.answers import answers

OUT = ROOT / "_build" / "graded"


def graded_collector(node, kinds):
    """The nbval collector of the graded run in place of a chapter's.

    It keeps the chapter's path, so that pytest selects it by that path,
    writes the graded notebook when pytest collects its cells, and makes
    nbval read and run that notebook (nbval uses `fspath`).
    """
    path = node.path
    if path not in chapters():
        return node
    kinds = [kind for kind in kinds.split(",") if kind]
    unknown = set(kinds) - set(EXPECTED)
    if unknown:
        raise ValueError(
            f"--graded: no answers of kind {sorted(unknown)}; choose from "
            "wrong, alternative"
        )
    folder = OUT / os.environ.get("KERAS_BACKEND", "tensorflow")
    target = folder / path.name

    def collect(self):
        nb = graded_run(path, answers(path, kinds), folder / path.stem)
        target.parent.mkdir(parents=True, exist_ok=True)
        if nb is None:  # no runnable exercise: the chapter itself
            target.write_bytes(path.read_bytes())
        else:
            write(nb, target)
        yield from type(node).collect(self)

    graded = type(
        "GradedRun",
        (type(node),),
        {
            "fspath": property(lambda _: legacy_path(target)),
            "collect": collect,
        },
    )
    return graded.from_parent(node.parent, path=path)
