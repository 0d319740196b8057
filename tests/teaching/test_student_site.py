"""The student website (python -m teaching.student_site; .ci/run builds
it): every exercise on its pages, no solution, no teacher's page, no PDF.
Checked when it is newer than its sources."""

import html
import re

import nbformat
import pytest

from teaching.book import ROOT, chapters, newest_source_time
from teaching.exercises import read_chapter
from teaching.student_site import SITE, TEACHERS_PAGES
from tests.teaching.leaks import leaked_solution

CHAPTERS = {path.name.split("_")[0]: path for path in chapters()}


def site_is_fresh():
    index = SITE / "searchindex.js"  # written by every build, even a partial
    teaching = max(p.stat().st_mtime for p in ROOT.glob("teaching/*.py"))
    newest = max(newest_source_time(), teaching)
    return index.exists() and index.stat().st_mtime > newest


@pytest.mark.skipif(
    not site_is_fresh(),
    reason="no student site newer than its sources: "
    "python -m teaching.student_site",
)
@pytest.mark.parametrize("number", CHAPTERS)
def test_student_site_has_exercises_but_no_solutions(number):
    path = CHAPTERS[number]
    page = (SITE / "notebooks" / f"{path.stem}.html").read_text("utf-8")
    assert 'class="solution' not in page
    for label in read_chapter(path).exercises:
        assert f'id="{label}"' in page, f"exercise {label} missing"
    text = html.unescape(re.sub(r"<[^>]+>", " ", page))
    leaked = leaked_solution(nbformat.read(path, as_version=4), text)
    assert not leaked, f"solution text on the page: {leaked[:3]}"
    download = SITE / "_sources" / "notebooks" / path.name
    assert "{solution" not in download.read_text("utf-8")


@pytest.mark.skipif(not site_is_fresh(), reason="no fresh student site")
def test_student_site_leaves_out_the_teachers_pages_and_the_pdf():
    for page in TEACHERS_PAGES:
        assert not (SITE / f"{page}.html").exists(), page
    assert ".pdf" not in (SITE / "index.html").read_text("utf-8")
