"""The teaching kit: student edition, grader and student website.

The student edition (teaching/make_student_edition.py) must hold no solution
text, keep every exercise, and run top to bottom; the grader
(teaching/grade.py) must give nothing to the stubs, full marks to the
reference solutions, and take exactly one exercise's point for a plausible
mistake (WRONG_ANSWERS, one per chapter). One execution per chapter checks
all of it: `grade_chapter` runs the student edition's cells in one kernel,
and at each runnable exercise tries the stub, the chapter's wrong answer and
the reference solution, each followed by the hidden tests. As the reference
runs last, every exercise is graded from the book's own state, so a
submission with the one mistake would score all points but that one.

Tests are parametrized by chapter number, so that a subset runs with -k:
`pytest tests/test_teaching_kit.py -k "01 or 02"`. The whole file takes
about as long as the chapters take to run once (README, "Teaching"). The
student site is checked when it has been built and is newer than its
sources (`python teaching/make_student_site.py`; .ci/run builds it).
"""

import html
import json
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from conftest import newest_source_time

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT / "teaching"))
from exercises import (  # noqa: E402
    GLUE,
    ChapterError,
    book_chapters,
    chapter_path,
    read_chapter,
)
from grade import REFERENCE, grade_chapter, table  # noqa: E402
from make_student_edition import OUT  # noqa: E402
from make_student_site import SITE, TEACHERS_PAGES  # noqa: E402

CHAPTERS = {path.name.split("_")[0]: path for path in book_chapters()}

# One plausible student mistake per chapter with runnable exercises: a
# (search, replace) edit of the reference solution of one exercise, which a
# check must catch for a mathematical reason (an AssertionError, not a
# NameError). CONTRIBUTING.md asks for an entry for every such chapter.
WRONG_ANSWERS = {
    # the rotated model's posterior taken to be the model's own
    "01": ("ex-01-rotation", "posterior(rotated, x)", "posterior(model, x)"),
    # the two directions of the KL divergence swapped
    "02": (
        "ex-02-bernoulli-kl",
        "kl_qp = kl_discrete(bernoulli_q, bernoulli_p)",
        "kl_qp = kl_discrete(bernoulli_p, bernoulli_q)",
    ),
    # the ratio of the standard deviations upside down
    "03": (
        "ex-03-two-gaussians",
        "np.log(std_2 / std_1)",
        "np.log(std_1 / std_2)",
    ),
    # the score of the mean without its 1 / sigma
    "04": (
        "ex-04-baseline",
        "(z_base**2 - baseline) * eps_base / sigma",
        "(z_base**2 - baseline) * eps_base",
    ),
    # 0 in some image, not in every image
    "05": ("ex-05-never-inked", "np.all(", "np.any("),
    # the decoder for latent_dim = 8 built with the old latent_dim
    "06": (
        "ex-06-parameters",
        "build_decoder(original_dim, intermediate_dim, latent_dim=8)",
        "build_decoder(original_dim, intermediate_dim, latent_dim=2)",
    ),
    # the Gaussian's squared error without the 2 in 2 sigma^2
    "07": ("ex-07-gaussian-loss", "/ (2 * sigma**2)", "/ sigma**2"),
    # Gauss-Legendre weights not halved for the interval [0, 1]
    "08": ("ex-08-dequantize", ", 0.5 * weights", ", weights"),
    # the decoder mean taken for its mode
    "09": ("ex-09-mode", '"mode")(test_logits)', '"mean")(test_logits)'),
    # a vector where the diagonal matrix belongs
    "10": (
        "ex-10-variance-of-iw",
        "np.diag(np.diag(precision))",
        "np.diag(precision)",
    ),
    # flips with probability 1 - level: > for <
    "11": ("ex-11-noise-level", "< level", "> level"),
    # the aggregate posterior averaged over the wrong axis
    "12": (
        "ex-12-rate-decomposition",
        "log_mean_exp(log_q_pairs, axis=1)",
        "log_mean_exp(log_q_pairs, axis=0)",
    ),
    # the gain's sign
    "13": (
        "ex-13-iw-gain",
        "bounds[100] - bounds[1]",
        "bounds[1] - bounds[100]",
    ),
    # KL(p || q) averaged over draws from q
    "14": (
        "ex-14-kl-directions",
        "stats.norm.logpdf(draws_p) - log_q_mixture(draws_p)",
        "stats.norm.logpdf(draws_q) - log_q_mixture(draws_q)",
    ),
    # the batch fixed at Keras' default 32 instead of seed 002's 100
    "A1": (
        "ex-a1-fixed-batch",
        "fixed_size, port_rng = 100,",
        "fixed_size, port_rng = 32,",
    ),
}


def solution_parts(nb):
    """(solution prose, solution code, everything else) of a book notebook.

    Found here with regular expressions, independently of the generator's
    parser, so that a region it missed would show.
    """
    prose = re.compile(r"^(`{3,})\{solution\}.*?^\1[ \t]*$", re.S | re.M)
    gate = re.compile(
        r"^`{3,}\{solution-(start|end)\}.*?^`{3,}[ \t]*$", re.S | re.M
    )
    solution_prose, solution_code, rest = [], [], []
    inside = False
    for cell in nb.cells:
        if cell.cell_type == "code":
            (solution_code if inside else rest).append(cell.source)
            continue
        solution_prose += [m.group() for m in prose.finditer(cell.source)]
        pieces = gate.split(prose.sub("", cell.source))
        for n, piece in enumerate(pieces):
            if n % 2 == 1:
                inside = piece == "start"
            else:
                (solution_prose if inside else rest).append(piece)
    return solution_prose, solution_code, "\n".join(rest)


def glued_name(output):
    """The name of a glued value (MyST-NB glue), or None."""
    return output.get("metadata", {}).get("scrapbook", {}).get("name")


def normalized(text):
    return re.sub(r"\s+", " ", text).strip()


def leaked_solution(nb, text):
    """Sentences and code lines of nb's solutions (and nowhere else in nb)
    that `text` contains."""
    solution_prose, solution_code, rest = solution_parts(nb)
    rest, text = normalized(rest), normalized(text)
    sentences = [
        sentence
        for part in solution_prose
        for sentence in re.split(r"(?<=[.?!])\s+", normalized(part))
        if len(sentence) >= 30
    ]
    lines = [
        line.strip()
        for code in solution_code
        for line in code.splitlines()
        if len(line.strip()) >= 20
    ]
    return [s for s in sentences + lines if s not in rest and s in text]


def everything(nb):
    """All of a notebook's text: sources, metadata, attachments, outputs."""
    parts = [json.dumps(nb.metadata)]
    for cell in nb.cells:
        parts += [cell.source, json.dumps(cell.metadata)]
        parts.append(json.dumps(cell.get("attachments", {})))
        parts += [
            json.dumps(o, ensure_ascii=False) for o in cell.get("outputs", [])
        ]
        parts += [o.get("text", "") for o in cell.get("outputs", [])]
        parts += [
            str(value)
            for o in cell.get("outputs", [])
            for value in o.get("data", {}).values()
        ]
    return "\n".join(parts)


@pytest.fixture(scope="module")
def edition():
    """The student edition, written by its command."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "teaching" / "make_student_edition.py")],
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


def wrong_answer(exercise, search, replace):
    """The reference solution with one edit: a student's plausible mistake."""
    found = sum(source.count(search) for source in exercise.solution)
    assert found == 1, f"{exercise.label}: {search!r} found {found} times"
    return [source.replace(search, replace) for source in exercise.solution]


@pytest.mark.parametrize("number", CHAPTERS)
def test_student_edition_runs_and_grades(number):
    chapter = read_chapter(CHAPTERS[number])
    answers = {e.label: {"stub": [e.stub.source]} for e in chapter.runnable}
    if chapter.runnable:
        assert number in WRONG_ANSWERS, f"no wrong answer for chapter {number}"
        label, search, replace = WRONG_ANSWERS[number]
        (exercise,) = [e for e in chapter.runnable if e.label == label]
        answers[label]["wrong"] = wrong_answer(exercise, search, replace)
        # Exercises end the chapter: in this run the reference solutions come
        # after the stubs, so the student edition alone runs as well.
        cells = [c for c in chapter.student.cells if c.cell_type == "code"]
        stubs = [e.stub for e in chapter.runnable]
        first = cells.index(stubs[0])
        assert cells[first:] == stubs, "a chapter cell after an exercise"

    attempts = grade_chapter(chapter, answers)  # runs the student edition

    grades = {(a.label, a.answer): a for a in attempts}
    for exercise in chapter.runnable:
        stub = grades[exercise.label, "stub"]
        message = f"Exercise {exercise.number} ({exercise.label}) is not"
        assert stub.points == 0
        assert stub.answer_error.startswith(f"NotImplementedError: {message}")
        assert stub.test_error, f"{exercise.label}: tests pass with no answer"
        reference = grades[exercise.label, REFERENCE]
        assert reference.points == 1, reference
    if chapter.runnable:
        wrong = grades[label, "wrong"]
        assert wrong.points == 0, f"{label}: the wrong answer passed"
        error = wrong.answer_error or wrong.test_error
        assert error.startswith("AssertionError"), error


def run_grader(*arguments):
    return subprocess.run(
        [sys.executable, str(ROOT / "teaching" / "grade.py"), *arguments],
        capture_output=True,
        text=True,
    )


def test_grader_command(tmp_path):
    """A chapter 01 submission: one answer right, one wrong, one left out."""
    chapter = read_chapter(CHAPTERS["01"])
    right, wrong, unsolved = chapter.runnable
    label, search, replace = WRONG_ANSWERS["01"]
    assert wrong.label == label
    answers = {
        right.stub.id: right.solution,
        wrong.stub.id: wrong_answer(wrong, search, replace),
        unsolved.stub.id: [unsolved.stub.source],
    }
    cells = []
    for cell in chapter.student.cells:
        if cell.get("id") in answers:
            cells += [nbformat.v4.new_code_cell(s) for s in answers[cell.id]]
        else:
            cells.append(cell)
    chapter.student.cells = cells
    submission = tmp_path / "my answers.ipynb"
    nbformat.write(chapter.student, submission)

    result = run_grader(str(submission), "--json")
    assert result.returncode == 0, result.stderr
    grades = json.loads(result.stdout)
    assert grades["chapter"] == CHAPTERS["01"].stem
    assert (grades["points"], grades["max_points"]) == (1, 3)
    results = [e["result"] for e in grades["exercises"]]
    assert results[0] == "passed"
    assert results[1].startswith("the answer raised AssertionError")
    assert "NotImplementedError" in results[2]
    assert all(e["reference_passed"] for e in grades["exercises"])
    printed = table(grades)
    assert printed.splitlines()[-1].split() == ["total", "1/3"]


def test_grader_rejects_what_it_cannot_grade(tmp_path):
    no_exercises = tmp_path / "empty.ipynb"
    nbformat.write(nbformat.v4.new_notebook(), no_exercises)
    result = run_grader(str(no_exercises))
    assert result.returncode and "one chapter" in result.stderr

    unknown = nbformat.v4.new_notebook()
    unknown.cells = [
        nbformat.v4.new_markdown_cell("```{exercise}\n:label: ex-99-a\nA\n```")
    ]
    nbformat.write(unknown, tmp_path / "unknown.ipynb")
    result = run_grader(str(tmp_path / "unknown.ipynb"))
    assert result.returncode and "no such chapter" in result.stderr

    chapter = read_chapter(CHAPTERS["01"])
    chapter.student.cells = [
        cell
        for cell in chapter.student.cells
        if ":label: ex-01-rotation" not in cell.source
    ]
    nbformat.write(chapter.student, tmp_path / "missing.ipynb")
    result = run_grader(str(tmp_path / "missing.ipynb"))
    assert result.returncode and "lacks the exercises ex-01-rotation" in (
        result.stderr
    )


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
        ([EXERCISE + START, ["x = 1"], END], "has no checks"),
        ([EXERCISE + START, ["x = 1", "assert 1 + 1 == 2"], END], "nothing"),
    ],
    ids=["no exercises", "unclosed", "no checks", "checks no answer"],
)
def test_chapters_the_kit_cannot_use_are_refused(tmp_path, sources, error):
    with pytest.raises(ChapterError, match=error):
        read_chapter(chapter_notebook(tmp_path, *sources))


def test_a_stub_names_what_the_tests_read(tmp_path):
    path = chapter_notebook(
        tmp_path,
        EXERCISE + START,
        ["total = {'a': 1}\nshare = 0.5", "assert total['a'] > share"],
        END,
    )
    (exercise,) = read_chapter(path).runnable
    assert exercise.checked == ["share", 'total["a"]']
    assert 'The hidden tests check: share, total["a"].' in exercise.stub.source
    assert exercise.tests == "assert total['a'] > share"
    with pytest.raises(ChapterError, match="no such chapter"):
        chapter_path("99")


def site_is_fresh():
    index = SITE / "searchindex.js"  # written by every build, even a partial
    teaching = max(p.stat().st_mtime for p in ROOT.glob("teaching/*.py"))
    newest = max(newest_source_time(), teaching)
    return index.exists() and index.stat().st_mtime > newest


@pytest.mark.skipif(
    not site_is_fresh(),
    reason="no student site newer than its sources: "
    "python teaching/make_student_site.py",
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
