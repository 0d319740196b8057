"""The PDF of the book, read as a reader reads it.

`jupyter-book build . --builder pdflatex` (README.md; .ci/run builds it before
the tests) writes _build/latex/vae-logic-and-practice.pdf and the LaTeX log
beside it. The PDF must hold every page of the table of contents, in reading
order, and look like a book:

- no unresolved reference: no "??" in its text, no undefined reference or
  citation in the LaTeX log, no character missing from its font;
- one exercise numbering, the website's ("Exercise 6.3", not "6.9.3");
- English text set in the Latin font: quotes, apostrophes and dashes in the
  Chinese font are full width ("seed 000’ s"); pypdf tells the font of each
  run of text;
- parts numbered once ("Part I", then "The statistical view"), appendices
  lettered A1-A6 as on the website, the back matter (course plan to
  references) unnumbered.
"""

import re
import unicodedata

import nbformat
import pytest
import yaml

from teaching.book import ROOT

PDF = ROOT / "_build" / "latex" / "vae-logic-and-practice.pdf"
LOG = PDF.with_suffix(".log")
MIN_PAGES = 150
BACK_MATTER = [
    "Course plan",
    "Teacher’s notes",
    "Glossary and notation",
    "Performance",
    "References",
]

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
        title = re.search(r"^# (.+)$", text, re.M).group(1)
        # An appendix's "A1 · " is its number in the PDF, printed apart.
        titles.append(re.sub(r"^A\d+\s*·\s*", "", title))
    return titles


@pytest.fixture(scope="module")
def pdf():
    return pypdf.PdfReader(PDF)


class Reading:
    """One pass over the PDF's pages (pypdf takes a while): the text of
    each page, and the text it draws in the Chinese font, by page."""

    def __init__(self, pdf):
        self.pages, self.in_chinese_font = [], []
        for page in pdf.pages:
            runs = []

            def visit(text, cm, tm, font, size, runs=runs):
                if "CJK" in str((font or {}).get("/BaseFont", "")):
                    runs.append(text)

            self.pages.append(page.extract_text(visitor_text=visit) or "")
            self.in_chinese_font.append(runs)


@pytest.fixture(scope="module")
def reading(pdf):
    return Reading(pdf)


@pytest.fixture(scope="module")
def pages(reading):
    return reading.pages


@pytest.fixture(scope="module")
def contents(pages):
    """The lines of the table of contents: from "Contents" to the first
    page without a dotted leader."""
    start = next(i for i, text in enumerate(pages) if "CONTENTS" in text)
    lines = []
    for text in pages[start:]:
        if ". . ." not in text:
            break
        lines += [line.strip() for line in text.splitlines()]
    return lines


def test_the_pdf_is_a_book(pdf):
    assert len(pdf.pages) >= MIN_PAGES


def test_every_chapter_is_in_the_pdf_in_reading_order(pages):
    text = normalized(" ".join(pages))
    position = 0
    for title in chapter_titles():
        # Math and code in a title come out of LaTeX differently: match the
        # plain words before the first of them.
        words = normalized(re.split(r"[$`*_]", title)[0])
        found = text.find(words, position)
        assert found >= 0, f"chapter {title!r} not found in the PDF"
        position = found


def test_no_reference_is_left_unresolved(pages):
    unresolved = [
        f"page {number}: …{text[max(0, i - 40) : i + 10]}…"
        for number, text in enumerate(pages, 1)
        for i in [m.start() for m in re.finditer(r"\?\?", text)]
    ]
    assert not unresolved, (
        f"{len(unresolved)} unresolved references: {unresolved[:10]}"
    )


def test_the_latex_log_has_no_undefined_reference_or_missing_character():
    if not LOG.exists():
        pytest.skip(f"no LaTeX log at {LOG.relative_to(ROOT)}")
    # The log wraps its lines at 79 characters: join them back.
    log = LOG.read_text(encoding="utf-8", errors="replace").replace("\n", "")
    problems = re.findall(
        r"LaTeX Warning: (?:Reference|Citation) `[^']+' on page \d+ undefined"
        r"|Missing character: There is no .{1,40}? in font [^!]{1,60}!",
        log,
    )
    problems = sorted(set(problems))
    assert not problems, (
        f"{len(problems)} problems in the LaTeX log: {problems[:10]}"
    )


def website_exercise_numbers():
    """The numbers the website gives the exercises ("6.3", and "1"-"9" in
    the appendix, which is not a numbered part), page by page, from the
    built site; None without one."""
    site = ROOT / "_build" / "html"
    if not (site / "index.html").exists():
        return None
    numbers = []
    for page in sorted((site / "notebooks").glob("*.html")):
        numbers += re.findall(
            r'class="caption-number">Exercise ([\dA-Z.]+?)\.? <',
            page.read_text(encoding="utf-8"),
        )
    return numbers


def test_exercises_are_numbered_as_on_the_website(pages):
    text = " ".join(pages)
    by_section = sorted(set(re.findall(r"Exercise \d+\.\d+\.\d+", text)))
    assert not by_section, (
        f"exercises numbered by section, not by chapter: {by_section[:10]}"
    )
    assert re.search(r"Exercise 6\.3\b", text)
    numbers = website_exercise_numbers()
    if numbers is None:
        pytest.skip("no website in _build/html to compare with")
    assert len(numbers) >= 50, numbers
    # Each exercise's box in the PDF is titled with the website's number.
    missing = [
        number
        for number in numbers
        if not re.search(rf"Exercise {re.escape(number)}(?!\d|\.\d)", text)
    ]
    assert not missing, f"exercises the PDF numbers otherwise: {missing}"
    chapter_numbers = set(re.findall(r"Exercise (\d+\.\d+)\b", text))
    extra = sorted(chapter_numbers - set(numbers))
    assert not extra, f"exercise numbers the website does not have: {extra}"


CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
LATIN = re.compile(r"[\u0021-\u024f\u2000-\u206f]")


def test_latin_text_is_not_set_in_the_chinese_font(reading):
    found, chinese_in_chinese_font = {}, 0
    for number, runs in enumerate(reading.in_chinese_font, 1):
        for text in runs:
            chinese_in_chinese_font += len(CJK.findall(text))
            for match in LATIN.finditer(text):
                context = text[max(0, match.start() - 12) : match.end() + 12]
                found.setdefault(match.group(), []).append(
                    f"page {number}: {context.strip()!r}"
                )
    # The check sees the fonts: the seeds' Chinese titles are in the
    # Chinese font.
    assert chinese_in_chinese_font, "no Chinese text in the Chinese font"
    summary = {char: len(where) for char, where in found.items()}
    examples = [where[0] for where in found.values()]
    assert not found, (
        f"Latin characters drawn by the Chinese font: {summary}, "
        f"for example {examples[:6]}"
    )


def test_parts_are_numbered_once(pages, contents):
    twice = [line for line in contents if re.match(r"([IVX]+) \1\. ", line)]
    twice += [
        text[:60]
        for text in pages
        if re.match(r"\s*Part ([IVX]+)\s+\1\.", text)
    ]
    assert not twice, f"part numerals printed twice: {twice}"


def test_appendices_are_lettered_and_the_back_matter_unnumbered(contents):
    chapters = [line for line in contents if re.match(r"(\d+|A\d+) \D", line)]
    numbered = [line for line in chapters if line[0] != "A"]
    assert int(numbered[-1].split()[0]) == 14, (
        f"chapters numbered beyond 14: {numbered[-6:]}"
    )
    appendices = [line.split()[0] for line in chapters if line[0] == "A"]
    assert appendices == [f"A{n}" for n in range(1, 7)], appendices
    for title in BACK_MATTER:
        entries = [
            line
            for line in contents
            if re.match(rf"(\S+ )?{re.escape(title)} \d+$", line)
        ]
        assert entries, f"{title!r} not in the contents"
        assert all(line.startswith(title) for line in entries), (
            f"back matter numbered: {entries}"
        )
