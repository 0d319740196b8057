"""Build the student website: the book's website without its solutions.

    python -m teaching.student_site

writes the student edition (teaching.student_edition) into
_build/student/notebooks/, puts the book's other sources beside it in
_build/student/, and builds that copy with Jupyter Book, warnings as errors,
into _build/student/_build/html/ (open index.html there). The copy differs
from the book in four places: the chapters are the student edition (a stub
cell where a runnable solution was; their downloads are the same notebooks),
the title says "student edition", the table of contents leaves out the
course plan and the teacher's notes (they name the answers), and the
preface does not link to the PDF, which has the solutions. sphinx-exercise's
own `hide_solutions` option is not enough: it hides a gated solution's
directive but leaves the code cells and text between its start and end on
the page, and the downloads keep everything.
"""

import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

from teaching.book import ROOT, ChapterError, chapters, toc
from teaching.student_edition import write_if_changed, write_student_edition

STAGE = ROOT / "_build" / "student"
SITE = STAGE / "_build" / "html"
TEACHERS_PAGES = {"book/course_plan", "book/teachers_notes"}
PDF_SENTENCE = re.compile(r"\s*[^.]*<a href=\"[\w-]+\.pdf\">PDF</a>\.")


def student_toc():
    contents = toc()
    for part in contents["parts"]:
        part["chapters"] = [
            chapter
            for chapter in part["chapters"]
            if chapter["file"] not in TEACHERS_PAGES
        ]
    return yaml.safe_dump(contents, sort_keys=False, allow_unicode=True)


def student_config():
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    config["title"] += " (student edition)"
    return yaml.safe_dump(config, sort_keys=False, allow_unicode=True)


def stage_sources():
    """The book's sources in STAGE, with the student edition's chapters."""
    write_student_edition(chapters(), STAGE / "notebooks")
    # copytree keeps the files' times: an unchanged page is not built again
    shutil.copytree(
        ROOT / "book",
        STAGE / "book",
        dirs_exist_ok=True,
        ignore=shutil.ignore_patterns("__pycache__", "intro.md"),
    )
    shutil.copytree(  # for the wheel that downloads carry
        ROOT / "vaebook",
        STAGE / "vaebook",
        dirs_exist_ok=True,
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    shutil.copy2(ROOT / "pyproject.toml", STAGE)
    write_if_changed(STAGE / "_toc.yml", student_toc())
    write_if_changed(STAGE / "_config.yml", student_config())
    intro = (ROOT / "book" / "intro.md").read_text(encoding="utf-8")
    intro, found = PDF_SENTENCE.subn("", intro)
    if not found:  # the PDF holds the solutions: its link must go
        sys.exit("student_site: no link to the PDF found in intro.md")
    write_if_changed(STAGE / "book" / "intro.md", intro)


def main():
    start = time.monotonic()
    try:
        stage_sources()
    except ChapterError as error:
        sys.exit(f"student_site: {error}")
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    if not jupyter_book.exists():
        sys.exit(
            "student_site: no jupyter-book; pip install -r requirements.txt"
        )
    command = [str(jupyter_book), "build", str(STAGE), "-W", "-n"]
    if subprocess.run([*command, "--keep-going"]).returncode:
        sys.exit("student_site: the build failed (messages above)")
    seconds = time.monotonic() - start
    print(f"{SITE.relative_to(ROOT)}/index.html in {seconds:.0f} s")


if __name__ == "__main__":
    main()
