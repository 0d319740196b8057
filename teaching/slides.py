"""Build one reveal.js slide deck per chapter, from the marks its author set.

    python -m teaching.slides [notebooks/06_mnist_vae.ipynb ...]

With no argument it builds a deck for every numbered chapter. The author
chooses what goes on a slide, in the chapter itself (CONTRIBUTING.md,
"Slides"); nothing is guessed:

- in a Markdown cell, the lines between `% slide: Title` and `% end slide`
  (MyST comments, which the website and the PDF do not show) are a slide
  with that title;
- a code cell tagged `slide` is a slide: a figure fills it, under its
  caption; other code is shown with its short printed output.

The title slide and the learning objectives open each deck, and every
exercise closes it, in full, one per slide. The chapter's prose around a
slide, up to the next, becomes its speaker notes (press S in the deck).
Nothing is executed: the stored outputs are used. nbconvert's
SlidesExporter renders the decks with the template in
teaching/slides_template/, which loads everything from files next to them:

    _build/slides/NN_name.slides.html    one deck per chapter
    _build/slides/reveal.js/             reveal.js 5 and its notes plugin,
                                         from the PyPI package
                                         sphinx-revealjs
    _build/slides/mathjax/               MathJax 3, the website's copy
                                         (book/_ext/offline_mathjax.py)

so the decks work offline, in a classroom; tests/site/test_slides.py checks
them in headless Chromium.
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

from teaching.book import ROOT, chapters, glued_values, split_markdown, title

OUT = ROOT / "_build" / "slides"
TEMPLATES = Path(__file__).resolve().parent / "slides_template"
HIDE_INPUT = "slides-hide-input"
SLIDE_TAG = "slide"
MAX_OUTPUT_LINES = 6

MARKED = re.compile(
    r"^% slide: *(.+?)\n(.*?)(?:^% end slide *$|\Z)", re.S | re.M
)
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
    text = re.sub(r"\{eq\}`([^`]*)`", r"(\1)", text)
    text = re.sub(r"\{numref\}`[^`]*`", "the figure", text)
    text = re.sub(r"\{(?:ref|doc)\}`([^`]*)`", r"\1", text)
    text = re.sub(
        r"^(\$\$.*?\$\$)\s*\((eq-[\w-]+)\)", r"\1", text, flags=re.S | re.M
    )
    return re.sub(r"^%.*\n?", "", text, flags=re.M)


def markdown(source, kind):
    cell = nbformat.v4.new_markdown_cell(source)
    cell.metadata["slideshow"] = {"slide_type": kind}
    return cell


def figure_slide(cell):
    """A figure: its caption as the title, the image filling the slide."""
    caption = cell.metadata["mystnb"]["figure"]["caption"]
    images = [o for o in cell.outputs if "image/png" in o.get("data", {})]
    code = nbformat.v4.new_code_cell(cell.source)
    code.outputs = images[:1]
    code.metadata["tags"] = [HIDE_INPUT]
    code.metadata["slideshow"] = {"slide_type": "-"}
    return [markdown(f"<p class='slide-caption'>{caption}</p>", "slide"), code]


def code_slide(cell, heading):
    code = nbformat.v4.new_code_cell(cell.source)
    text = "".join(
        o.get("text", "") for o in cell.outputs if o["output_type"] == "stream"
    )
    if text and len(text.splitlines()) <= MAX_OUTPUT_LINES:
        code.outputs = [
            nbformat.v4.new_output("stream", name="stdout", text=text)
        ]
    code.metadata["slideshow"] = {"slide_type": "-"}
    return [markdown(f"## {heading}", "slide"), code]


def prose(source):
    """A Markdown cell's text outside directives' solutions and slide
    marks: speaker notes."""
    text, _ = split_markdown(source, None, lambda *args: None)
    return MARKED.sub("", text).strip()


def deck(nb, number):
    """The slides of one chapter, as a notebook with slideshow metadata."""
    glue = glued_values(nb)
    name = title(nb)
    cells = [
        markdown(
            f"# {name}\n\nChapter {number} of *Variational Autoencoders — "
            "Logic and Practice*",
            "slide",
        )
    ]
    objectives = OBJECTIVES.search(nb.cells[0].source)
    if objectives:
        items = objectives.group(1).replace(":class: tip\n", "")
        items = items.split("\n", 1)[1]
        cells.append(
            markdown(
                "## Learning objectives\n\n" + plain(items, glue), "slide"
            )
        )
    heading = name
    for cell in nb.cells[1:]:
        if cell.cell_type == "markdown":
            if re.search(r"^## (Summary|Exercises)", cell.source, re.M):
                break
            for line in cell.source.splitlines():
                if re.match(r"#{2,3} ", line):
                    heading = line.lstrip("#").strip()
            for match in MARKED.finditer(cell.source):
                slide = f"## {match.group(1)}\n\n{match.group(2).strip()}"
                cells.append(markdown(plain(slide, glue), "slide"))
            notes = prose(cell.source)
            if notes:
                cells.append(markdown(plain(notes, glue), "notes"))
        elif SLIDE_TAG in cell.metadata.get("tags", []):
            if "figure" in cell.metadata.get("mystnb", {}):
                cells += figure_slide(cell)
            else:
                cells += code_slide(cell, heading)
    exercises = [
        match.group(2).strip()
        for cell in nb.cells
        if cell.cell_type == "markdown"
        for match in EXERCISE.finditer(cell.source)
    ]
    for order, text in enumerate(exercises, 1):
        heading = f"## Exercise {number}.{order}\n\n"
        cells.append(markdown(heading + plain(text, glue), "slide"))
    slides = nbformat.v4.new_notebook(cells=cells)
    slides.metadata = nb.metadata
    slides.metadata["title"] = name
    return slides


def marked_slides(nb):
    """How many slides the author marked: the test counts them on the deck."""
    blocks = sum(
        len(MARKED.findall(c.source))
        for c in nb.cells
        if c.cell_type == "markdown"
    )
    tagged = sum(SLIDE_TAG in c.metadata.get("tags", []) for c in nb.cells)
    return blocks + tagged


def website_mathjax():
    """book/_ext/offline_mathjax.py: the website's own copy of MathJax."""
    path = ROOT / "book" / "_ext" / "offline_mathjax.py"
    spec = importlib.util.spec_from_file_location("offline_mathjax", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def copy_assets():
    """reveal.js, its notes plugin and MathJax next to the decks."""
    import sphinx_revealjs

    reveal = Path(sphinx_revealjs.__file__).parent / "_static" / "revealjs"
    shutil.copy2(ROOT / "book" / "_static" / "favicon.svg", OUT)
    for folder in ("dist", "plugin/notes"):
        shutil.copytree(
            reveal / folder,
            OUT / "reveal.js" / folder,
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
        reveal_width="1280",
        reveal_height="720",
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
    numbered = chapters(numbered_only=True)
    order = {path.resolve(): n for n, path in enumerate(numbered, 1)}
    written = []
    for path in notebooks:
        path = Path(path).resolve()
        nb = nbformat.read(path, as_version=4)
        html, _ = slides.from_notebook_node(deck(nb, order[path]))
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
