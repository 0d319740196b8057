"""Markdown that MyST would render as raw text, found without a build.

Two mistakes put MyST or LaTeX source on the page instead of what it means
(issue 20: three "Seed note" boxes of chapters 04 and 06, a solution of A3):

- a backtick in a directive's title line. In a backtick fence the info string
  may not hold a backtick, so the line is not a fence at all: the directive,
  its options and its text appear as a paragraph, followed by an empty code
  block. The title is written without backticks.
- a line inside inline math `$...$` that starts with "- " (or "+ ", "* "):
  Markdown reads it as a list item, which ends the paragraph and the math;
  `$\\mathbb{E}...` is shown as text. The line is broken elsewhere, or the
  formula becomes a display.

Every notebook's Markdown cells and every page under book/ are checked.
"""

import re

import nbformat
import pytest

from teaching.book import NOTEBOOKS, ROOT

FENCE = re.compile(r"^\s*(`{3,}|~{3,}|:{3,})\s*\{[\w:-]+\}(.*)$")
ANY_FENCE = re.compile(r"^\s*(`{3,}|~{3,}|:{3,})")
INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1", re.S)
DISPLAY_MATH = re.compile(r"\$\$.*?\$\$", re.S)
# Inline math as MyST's dollarmath reads it: an opening $ not followed by
# white space, a closing $ not preceded by white space or a backslash, and
# no blank line in between.
INLINE_MATH = re.compile(
    r"(?<![\\$])\$(?=[^\s$])((?:[^$]|\\\$)+?)(?<![\s\\])\$(?!\$)"
)
LIST_MARKER = re.compile(r"^\s*[-+*]\s")


def sources():
    pages = sorted(NOTEBOOKS.glob("*.ipynb")) + sorted(
        (ROOT / "book").glob("*.md")
    )
    return [path.relative_to(ROOT).as_posix() for path in pages]


def markdown_cells(path):
    """(where, text) of each Markdown cell, or of the whole page."""
    if path.suffix == ".md":
        return [("", path.read_text(encoding="utf-8"))]
    notebook = nbformat.read(path, as_version=4)
    return [
        (f"cell {index} (id {cell.get('id', '?')})", cell.source)
        for index, cell in enumerate(notebook.cells)
        if cell.cell_type == "markdown"
    ]


def without_code(text):
    """The text with code blocks and inline code blanked out, line for line
    (what is inside them is not Markdown). A directive's fence holds
    Markdown; a fence without a directive holds code."""
    kept, open_fences, code = [], [], None
    for line in text.split("\n"):
        stripped = line.strip()
        if code is not None:
            if stripped.startswith(code) and not stripped.strip(code[0]):
                code = None
            kept.append("")
            continue
        fence = ANY_FENCE.match(line)
        if fence and open_fences and not stripped.strip(fence.group(1)[0]):
            marker = open_fences[-1]
            if marker[0] == fence.group(1)[0] and len(fence.group(1)) >= len(
                marker
            ):
                open_fences.pop()
                kept.append("")
                continue
        if FENCE.match(line):
            open_fences.append(fence.group(1))
            kept.append("")
        elif fence and fence.group(1)[0] != ":":
            code = fence.group(1)
            kept.append("")
        else:
            kept.append(line)
    text = "\n".join(kept)
    return INLINE_CODE.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)


def backticks_in_directive_titles(text):
    return [
        f"line {number}: {line.strip()}"
        for number, line in enumerate(text.split("\n"), 1)
        if (fence := FENCE.match(line)) and "`" in fence.group(2)
    ]


def list_markers_in_inline_math(text):
    text = without_code(text)
    text = DISPLAY_MATH.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
    problems = []
    for paragraph in re.split(r"\n\s*\n", text):
        for math in INLINE_MATH.finditer(paragraph):
            lines = math.group(1).split("\n")
            for line in lines[1:]:
                if LIST_MARKER.match(line):
                    problems.append(
                        f"${math.group(1)[:60].strip()}…$: a line starts "
                        f"{line.strip()[:2]!r}"
                    )
    return problems


@pytest.mark.parametrize("source", sources())
def test_no_backtick_in_a_directive_title(source):
    found = [
        f"{where}: {problem}".strip(": ")
        for where, text in markdown_cells(ROOT / source)
        for problem in backticks_in_directive_titles(text)
    ]
    assert not found, (
        f"{source}: a directive's title line holds a backtick, which ends "
        "the fence (the directive is shown as text); write the title "
        f"without backticks: {found}"
    )


@pytest.mark.parametrize("source", sources())
def test_no_list_marker_inside_inline_math(source):
    found = [
        f"{where}: {problem}".strip(": ")
        for where, text in markdown_cells(ROOT / source)
        for problem in list_markers_in_inline_math(text)
    ]
    assert not found, (
        f"{source}: a line inside $...$ starts like a list item, which ends "
        "the math (its source is shown as text); break the line elsewhere "
        f"or make the formula a display: {found}"
    )


def test_the_checks_find_what_they_look_for():
    assert backticks_in_directive_titles(
        "```{admonition} Seed note: noise as an `Input`\n:class: seed-note\n"
    )
    assert not backticks_in_directive_titles(
        "```{admonition} Seed note: noise as an Input\n```python\nx = `a`\n"
    )
    assert list_markers_in_inline_math(
        "the ELBO, $\\mathbb{E}[\\ln p(x \\mid z)]\n- D(q \\,\\Vert\\, p)$, "
        "and one optimizer"
    )
    assert list_markers_in_inline_math("a sum $x\n+ y$ of two")
    assert not list_markers_in_inline_math(
        "costs $a$\n- and $b$ is a list item\n\n- $z$ starts one too"
    )
    assert not list_markers_in_inline_math(
        "```python\nx = '$a'\n- b = '$'\n```\n$$\na\n- b\n$$"
    )
    assert list_markers_in_inline_math(
        "```{exercise}\n:label: a\nText.\n```\n\n```{solution} a\n"
        "Both, $\\mathbb{E}_x[a]\n- b$, and\n```"
    )
