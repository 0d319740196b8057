"""Build one reveal.js slide deck per chapter, from the chapter's notebook.

    python -m teaching.slides [notebooks/06_mnist_vae.ipynb ...]

With no argument it builds a deck for every numbered chapter of _toc.yml. Each
deck is a selection from the stored notebook, nothing is executed: the title
and the learning objectives, the chapter's key display equations (labelled ones
first, at most MAX_EQUATIONS) under the heading of their section, every figure
with its caption, a few short code cells, and the exercises. One idea per
slide. nbconvert's SlidesExporter renders it with the template in
teaching/slides_template/, which loads everything from files next to the deck:

    _build/slides/NN_name.slides.html    one deck per chapter
    _build/slides/reveal.js/             reveal.js 5, from the PyPI package
                                         sphinx-revealjs (it ships reveal.js's
                                         dist/ and plugin/ files)
    _build/slides/mathjax/               MathJax 3, the same files the website
                                         serves (book/_ext/offline_mathjax.py)

so the decks work offline, in a classroom. Open a deck in a browser (serve the
folder, e.g. `python -m http.server -d _build/slides`, or open the file);
tests/site/test_slides.py checks them in headless Chromium.
"""

import argparse
import importlib.util
import re
import shutil
import time
from pathlib import Path

import nbformat
from nbconvert.exporters import SlidesExporter
from nbconvert.preprocessors import TagRemovePreprocessor

from teaching.book import ROOT, chapters, glued_values

OUT = ROOT / "_build" / "slides"
TEMPLATES = Path(__file__).resolve().parent / "slides_template"

MAX_EQUATIONS = 5
MAX_CODE_CELLS = 2
MAX_CODE_LINES = 12
MAX_CODE_WIDTH = 72
MAX_TEXT_OUTPUT_LINES = 4
HIDE_INPUT = "slides-hide-input"

DISPLAY_MATH = re.compile(r"\$\$(.+?)\$\$(?:[ \t]*\((eq-[\w-]+)\))?", re.S)
OBJECTIVES = re.compile(
    r":::\{admonition\} Learning objectives\n(.*?)\n:::", re.S
)
EXERCISE = re.compile(r"```\{exercise\}\n:label: (\S+)\n(.*?)```", re.S)


def plain(text, glue):
    """MyST roles to what a reader of a slide needs: their text, no links."""

    def glued(match):
        name, _, spec = match.group(1).partition(":")
        value = glue.get(name, "…").strip("'\"")
        try:
            return format(float(value), spec) if spec else value
        except ValueError:
            return value

    text = re.sub(r"\{glue:\w+\}`([^`]*)`", glued, text)
    text = re.sub(r"\s?\{cite:\w+\}`[^`]*`", "", text)
    text = re.sub(r"\{\w+\}`([^`<]*?)\s*<[^`]*>`", r"\1", text)
    text = re.sub(r"(equation )?\{eq\}`[^`]*`", "the chapter's equation", text)
    text = re.sub(r"\{numref\}`[^`]*`", "the chapter's figure", text)
    text = re.sub(r"\{(?:ref|doc)\}`([^`]*)`", r"\1", text)
    return text


def slide(source, kind="slide"):
    cell = nbformat.v4.new_markdown_cell(source)
    cell.metadata["slideshow"] = {"slide_type": kind}
    return cell


def figure_slides(cell, heading):
    """A figure cell: its caption under the section heading, then its image."""
    figure = cell.metadata["mystnb"]["figure"]
    images = [o for o in cell.outputs if "image/png" in o.get("data", {})]
    if not images:
        return []
    caption = (
        f"## {heading}\n\n<p class='slide-caption'>{figure['caption']}</p>"
    )
    code = nbformat.v4.new_code_cell(cell.source)
    code.outputs = images[:1]
    code.metadata["tags"] = [HIDE_INPUT]
    code.metadata["slideshow"] = {"slide_type": "-"}
    return [slide(caption), code]


def short_code(cell):
    """A code cell worth a slide: short, visible on the page, not a check."""
    tags = set(cell.metadata.get("tags", []))
    lines = cell.source.splitlines()
    return (
        not tags & {"hide-input", "remove-input", "remove-cell"}
        and 3 <= len(lines) <= MAX_CODE_LINES
        and max(len(line) for line in lines) <= MAX_CODE_WIDTH
        and "assert" not in cell.source
        and "mystnb" not in cell.metadata
        and re.search(r"\b(def|class)\b|keras\.|layers\.", cell.source)
    )


def code_slides(cell, heading):
    code = nbformat.v4.new_code_cell(cell.source)
    text = "".join(
        o.get("text", "") for o in cell.outputs if o["output_type"] == "stream"
    )
    if text and len(text.splitlines()) <= MAX_TEXT_OUTPUT_LINES:
        code.outputs = [
            nbformat.v4.new_output("stream", name="stdout", text=text)
        ]
    code.metadata["slideshow"] = {"slide_type": "-"}
    return [slide(f"## {heading}"), code]


def deck(nb, number):
    """The slides of one chapter, as a notebook with slideshow metadata."""
    glue = glued_values(nb)
    first = nb.cells[0].source
    title = re.search(r"^# (.+)$", first, re.M).group(1)
    cells = [
        slide(
            f"# {title}\n\nChapter {number} of *Variational Autoencoders"
            " — Logic and Practice*"
        )
    ]
    objectives = OBJECTIVES.search(first)
    if objectives:
        items = (
            objectives.group(1).split("\n", 1)[1].replace(":class: tip\n", "")
        )
        cells.append(slide("## Learning objectives\n\n" + plain(items, glue)))

    # Labelled equations are the ones the chapter refers back to: the key ones.
    body, equations = [], []
    heading = title
    for cell in nb.cells[1:]:
        if cell.cell_type == "markdown":
            if re.match(r"## (Summary|Exercises)", cell.source):
                break
            for line in cell.source.splitlines():
                if re.match(r"#{2,3} ", line):
                    heading = line.lstrip("#").strip()
            if "{admonition} Seed note" in cell.source:
                continue
            for match in DISPLAY_MATH.finditer(cell.source):
                equations.append((len(body), bool(match.group(2))))
                body.append(("math", match.group(1).strip(), heading))
        elif "mystnb" in cell.metadata and "figure" in cell.metadata["mystnb"]:
            body.append(("figure", cell, heading))
        elif short_code(cell):
            body.append(("code", cell, heading))
    labelled = [i for i, has_label in equations if has_label]
    others = [i for i, has_label in equations if not has_label]
    keep = set((labelled + others)[:MAX_EQUATIONS])
    codes = 0
    for index, (kind, item, heading) in enumerate(body):
        if kind == "math" and index in keep:
            cells.append(slide(f"## {heading}\n\n$$\n{plain(item, glue)}\n$$"))
        elif kind == "figure":
            cells += figure_slides(item, heading)
        elif kind == "code" and codes < MAX_CODE_CELLS:
            cells += code_slides(item, heading)
            codes += 1

    exercises = []
    for cell in nb.cells:
        for match in EXERCISE.finditer(cell.source):
            text = match.group(2).strip()
            first_sentence = re.split(r"(?<=[.?])\s|\s*\$\$", text)[0]
            exercises.append(f"1. {plain(first_sentence, glue)}")
    if exercises:
        cells.append(slide("## Exercises\n\n" + "\n".join(exercises[:4])))
    slides = nbformat.v4.new_notebook(cells=cells)
    slides.metadata = nb.metadata
    slides.metadata["title"] = title
    return slides


def website_mathjax():
    """book/_ext/offline_mathjax.py: the website's own copy of MathJax."""
    path = ROOT / "book" / "_ext" / "offline_mathjax.py"
    spec = importlib.util.spec_from_file_location("offline_mathjax", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def copy_assets():
    """reveal.js and MathJax next to the decks: nothing comes from a CDN."""
    import sphinx_revealjs

    reveal = Path(sphinx_revealjs.__file__).parent / "_static" / "revealjs"
    shutil.copy2(ROOT / "book" / "_static" / "favicon.svg", OUT)
    shutil.copytree(
        reveal / "dist",
        OUT / "reveal.js" / "dist",
        ignore=shutil.ignore_patterns("*.map", "*.esm.js"),
        dirs_exist_ok=True,
    )
    offline_mathjax = website_mathjax()
    mathjax = OUT / "mathjax"
    mathjax.mkdir(parents=True, exist_ok=True)
    source = offline_mathjax.MATHJAX_FILES
    shutil.copy2(source / offline_mathjax.COMPONENT, mathjax)
    for folder in offline_mathjax.ON_DEMAND:
        shutil.copytree(
            source / folder,
            mathjax / folder,
            ignore=shutil.ignore_patterns(*offline_mathjax.NOT_COPIED),
            dirs_exist_ok=True,
        )


def exporter():
    slides = SlidesExporter(
        extra_template_basedirs=[str(TEMPLATES)],
        template_name="vaebook_slides",
        reveal_url_prefix="reveal.js",
        reveal_theme="white",
        mathjax_url=f"mathjax/{website_mathjax().COMPONENT}",
    )
    slides.register_preprocessor(
        TagRemovePreprocessor(remove_input_tags={HIDE_INPUT}), enabled=True
    )
    return slides


def build(notebooks):
    OUT.mkdir(parents=True, exist_ok=True)
    copy_assets()
    slides = exporter()
    order = {
        path.resolve(): n
        for n, path in enumerate(chapters(numbered_only=True), 1)
    }
    written = []
    for path in notebooks:
        path = Path(path).resolve()
        nb = nbformat.read(path, as_version=4)
        number = order.get(path, int(path.name[:2]))
        html, _ = slides.from_notebook_node(deck(nb, number))
        target = OUT / f"{path.stem}.slides.html"
        target.write_text(html, encoding="utf-8")
        written.append(target)
    return written


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("notebooks", nargs="*", help="default: every chapter")
    notebooks = parser.parse_args().notebooks or chapters(numbered_only=True)
    start = time.monotonic()
    for target in build(notebooks):
        print(target.relative_to(ROOT))
    print(f"{len(notebooks)} decks in {time.monotonic() - start:.1f} s")


if __name__ == "__main__":
    main()
