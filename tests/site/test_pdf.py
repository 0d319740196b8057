"""The PDF of the book holds every chapter.

`jupyter-book build . --builder pdflatex` (README.md; .ci/run builds it before
the tests) writes _build/latex/vae-logic-and-practice.pdf. Every page of the
table of contents must be in it: its title is found in the PDF's text, in
reading order, and the page count is that of a book, not of a stub.
"""

import re
import unicodedata
from pathlib import Path

import nbformat
import pytest
import yaml

ROOT = Path(__file__).parents[2]
PDF = ROOT / "_build" / "latex" / "vae-logic-and-practice.pdf"
MIN_PAGES = 150

pypdf = pytest.importorskip("pypdf", reason="pip install pypdf")
if not PDF.exists():
    pytest.skip(
        f"no PDF at {PDF.relative_to(ROOT)}: build it with "
        "`jupyter-book build . --builder pdflatex` (.ci/run does)",
        allow_module_level=True,
    )


def normalized(text):
    """NFKC (ligatures to letters), lower case, without any white space.

    Text extraction drops or adds spaces around dashes and at line ends, and
    LaTeX sets straight quotes as curly ones.
    """
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(str.maketrans("‘’“”", "''\"\""))
    return re.sub(r"\s+", "", text).lower()


def chapter_titles():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [c["file"] for part in toc["parts"] for c in part["chapters"]]
    titles = []
    for name in files:
        path = ROOT / f"{name}.ipynb"
        if not path.exists():
            path = ROOT / f"{name}.md"
        text = (
            nbformat.read(path, as_version=4).cells[0].source
            if path.suffix == ".ipynb"
            else path.read_text(encoding="utf-8")
        )
        titles.append(re.search(r"^# (.+)$", text, re.M).group(1))
    return titles


@pytest.fixture(scope="module")
def pdf():
    return pypdf.PdfReader(PDF)


def test_the_pdf_is_a_book(pdf):
    assert len(pdf.pages) >= MIN_PAGES


def test_every_chapter_is_in_the_pdf_in_reading_order(pdf):
    text = normalized(" ".join(page.extract_text() for page in pdf.pages))
    position = 0
    for title in chapter_titles():
        # Math and code in a title come out of LaTeX differently: match the
        # plain words before the first of them.
        words = normalized(re.split(r"[$`*_]", title)[0])
        found = text.find(words, position)
        assert found >= 0, f"chapter {title!r} not found in the PDF"
        position = found
