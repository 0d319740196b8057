"""Write the student edition of the chapters: the book without its solutions.

    python -m teaching.student_edition [notebooks/06_mnist_vae.ipynb ...]

With no argument it writes every chapter and appendix page. Each notebook
goes to _build/student/notebooks/ under its own name, with every prose
solution and every runnable (gated) solution removed, their outputs with
them. In place of a runnable solution stands a stub cell, tagged
`raises-exception`: a comment that says which names the hidden tests read
(teaching.grade grades them), then a NotImplementedError. The notebook
still runs top to bottom. Everything else, outputs included, is the book's.
"""

import argparse
import sys
import time
from pathlib import Path

import nbformat

from teaching.book import ROOT, ChapterError, chapter_path, chapters
from teaching.exercises import read_chapter

OUT = ROOT / "_build" / "student" / "notebooks"


def write_student_edition(notebooks, out=OUT):
    """Write each chapter's student edition into `out`; return the paths."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for path in notebooks:
        chapter = read_chapter(path)
        target = out / Path(path).name
        write_if_changed(target, nbformat.writes(chapter.student) + "\n")
        written.append(target)
    return written


def write_if_changed(path, text):
    """Write text to path unless it holds it already (a rebuild of the
    student site then skips unchanged pages)."""
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "chapters",
        nargs="*",
        help="notebooks/NN_name.ipynb or NN (default: every chapter)",
    )
    names = parser.parse_args().chapters
    start = time.monotonic()
    try:
        notebooks = [chapter_path(c) for c in names] or chapters()
        written = write_student_edition(notebooks)
    except ChapterError as error:
        sys.exit(f"student_edition: {error}")
    for target in written:
        print(target.relative_to(ROOT))
    seconds = time.monotonic() - start
    print(f"{len(written)} notebooks in {seconds:.1f} s")


if __name__ == "__main__":
    main()
