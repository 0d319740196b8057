"""Build one reveal.js slide deck per chapter, from the marks its author set.

    python -m teaching.slides [notebooks/06_mnist_vae.ipynb ...]

With no argument it builds a deck for every numbered chapter. The author
chooses what goes on a slide, in the chapter itself (CONTRIBUTING.md,
"Slides"); nothing is guessed:

- in a Markdown cell, the lines between `% slide: Title` and `% end slide`
  (MyST comments, which the website and the PDF do not show) are a slide
  with that title;
- a code cell tagged `slide` is a slide: a figure fills it, under its
  caption; other code is shown with its short printed output;
- a MyST figure directive (```{figure} ../book/figures/name.*```) inside a
  marked block is shown as its image (the SVG, copied next to the decks
  into _build/slides/figures/), under its caption.

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
    _build/slides/figures/               the drawn figures the slides show

so the decks work offline, in a classroom; tests/site/test_slides.py checks
them in headless Chromium.
"""

import argparse
import html
import importlib.util
import re
import shutil
import time
from pathlib import Path

import nbformat
from nbconvert.exporters import SlidesExporter
from nbconvert.preprocessors import TagRemovePreprocessor

from teaching.book import (
    DIRECTIVE,
    FENCE,
    NOTEBOOKS,
    ROOT,
    chapters,
    glued_values,
    split_markdown,
    title,
)

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
FIGURE = re.compile(
    r"^(`{3,}|:{3,})\{figure\} *(\S+) *\n(.*?)^\1 *$", re.S | re.M
)
OPTION = re.compile(r"^:([\w-]+):(.*)$", re.M)
EQUATION_LABEL = re.compile(r"\$\$\s*\((eq-[\w-]+)\)")
IMAGE_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg", ".gif")


def equation_numbers():
    """Each labelled equation of the numbered chapters as the book numbers
    it, "(1.2)": chapter number, then its order among the chapter's
    labelled displays (MyST's `$$ ... $$ (label)`)."""
    numbers = {}
    for chapter, path in enumerate(chapters(numbered_only=True), 1):
        nb = nbformat.read(path, as_version=4)
        labels = [
            label
            for cell in nb.cells
            if cell.cell_type == "markdown"
            for label in EQUATION_LABEL.findall(cell.source)
        ]
        for order, label in enumerate(labels, 1):
            numbers[label] = f"{chapter}.{order}"
    return numbers


def plain(text, glue, refs=None):
    """MyST roles to what a reader of a slide needs: their text, no links.
    `refs` maps labels (equations, exercises) to what the book prints for
    them: "1.2", "Exercise 4.2"."""
    refs = refs or {}

    def glued(match):
        name, _, spec = match.group(1).partition(":")
        value = glue.get(name, "…").strip("'\"")
        try:
            return format(float(value), spec) if spec else value
        except ValueError:
            return value

    def equation(match):
        label = match.group(1)
        return f"({refs[label]})" if label in refs else f"({label})"

    def tagged(match):
        label = match.group(2)
        if label not in refs:
            return match.group(1)
        return match.group(1)[:-2].rstrip() + f"\n\\tag{{{refs[label]}}}\n$$"

    text = re.sub(r"\{glue:\w+\}`([^`]*)`", glued, text)
    text = re.sub(r"\s?\{cite:\w+\}`[^`]*`", "", text)
    text = re.sub(r"\{\w+\}`([^`<]*?)\s*<[^`]*>`", r"\1", text)
    text = re.sub(r"\{eq\}`([^`]*)`", equation, text)
    text = re.sub(r"\{numref\}`[^`]*`", "the figure", text)
    text = re.sub(
        r"\{(?:ref|doc)\}`([^`]*)`", lambda m: refs.get(m[1], m[1]), text
    )
    text = re.sub(
        r"^(\$\$.*?\$\$)\s*\((eq-[\w-]+)\)", tagged, text, flags=re.S | re.M
    )
    return re.sub(r"^%.*\n?", "", text, flags=re.M)


def glue_values(nb):
    """glued_values, with a glued Markdown value (`{glue:md}`) as its
    Markdown, not as the text/plain of an IPython Markdown object."""
    values = glued_values(nb)
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            scrap = output.get("metadata", {}).get("scrapbook")
            markdown_value = scrap and output["data"].get(
                scrap["mime_prefix"] + "text/markdown"
            )
            if markdown_value:
                values[scrap["name"]] = markdown_value
    return values


def markdown(source, kind):
    cell = nbformat.v4.new_markdown_cell(source)
    cell.metadata["slideshow"] = {"slide_type": kind}
    return cell


def caption_block(caption):
    """A caption as Markdown (code, emphasis and math rendered), styled."""
    return f"<div class='slide-caption'>\n\n{caption.strip()}\n\n</div>"


def figure_slide(cell, glue, refs):
    """A figure: its caption as the title, the image filling the slide."""
    caption = cell.metadata["mystnb"]["figure"]["caption"]
    images = [o for o in cell.outputs if "image/png" in o.get("data", {})]
    code = nbformat.v4.new_code_cell(cell.source)
    code.outputs = images[:1]
    code.metadata["tags"] = [HIDE_INPUT]
    code.metadata["slideshow"] = {"slide_type": "-"}
    caption = caption_block(plain(caption, glue, refs))
    return [markdown(caption, "slide"), code]


def image_file(argument):
    """The file a figure directive names, relative to the notebooks; for
    `name.*` the first of IMAGE_SUFFIXES that exists (the SVG)."""
    path = NOTEBOOKS / argument
    if path.suffix == ".*":
        candidates = [path.with_suffix(suffix) for suffix in IMAGE_SUFFIXES]
    else:
        candidates = [path]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"no image for the figure {argument}")


def show_figures(text):
    """Figure directives in a slide's text: the image, copied into the
    decks' folder (so that its path resolves from the deck), under its
    caption."""

    def image(match):
        source = image_file(match.group(2))
        target = OUT / "figures" / source.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
        body = match.group(3)
        options = dict(
            (name, value.strip()) for name, value in OPTION.findall(body)
        )
        caption = OPTION.sub("", body).strip()
        alt = html.escape(options.get("alt", ""), quote=True)
        return (
            caption_block(caption)
            + "\n\n"
            + f"<img class='slide-figure' src='figures/{target.name}' "
            + f"alt='{alt}'>\n"
        )

    return FIGURE.sub(image, text)


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


def notes_text(text):
    """Prose for the speaker notes: directive fences and options dropped,
    an admonition's title kept in bold, a figure named by its caption."""
    lines = []
    for line in text.splitlines():
        fence = FENCE.fullmatch(line.strip())
        directive = fence and DIRECTIVE.fullmatch(fence.group(2).strip())
        if fence:
            name, argument = directive.groups() if directive else ("", "")
            if name == "admonition" and argument:
                lines.append(f"**{argument}.**")
            elif name == "figure":
                lines.append("*Figure:*")
        elif not OPTION.match(line):
            lines.append(line)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def prose_and_slides(source):
    """A Markdown cell's text outside directives' solutions, in order: the
    prose (speaker notes) as ("notes", text), each marked slide as
    ("slide", title, text)."""
    text, _ = split_markdown(source, None, lambda *args: None)
    parts, start = [], 0
    for match in MARKED.finditer(text):
        parts.append(("notes", notes_text(text[start : match.start()])))
        parts.append(("slide", match.group(1), match.group(2).strip()))
        start = match.end()
    parts.append(("notes", notes_text(text[start:])))
    return [part for part in parts if part[-1] or part[0] == "slide"]


def deck(nb, number, refs=None):
    """The slides of one chapter, as a notebook with slideshow metadata."""
    glue = glue_values(nb)
    refs = dict(refs or {})
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
                "## Learning objectives\n\n" + plain(items, glue, refs),
                "slide",
            )
        )
    exercises = [
        match.groups()
        for cell in nb.cells
        if cell.cell_type == "markdown"
        for match in EXERCISE.finditer(cell.source)
    ]
    for order, (label, _) in enumerate(exercises, 1):
        refs[label] = f"Exercise {number}.{order}"
    heading = name
    for cell in nb.cells[1:]:
        if cell.cell_type == "markdown":
            # the chapter's slides end where its exercises start (their
            # heading, or the first exercise if a chapter lacks it); the
            # Summary before them may be marked
            source = re.split(
                r"^## Exercises|^```\{exercise\}", cell.source, flags=re.M
            )[0]
            for line in source.splitlines():
                if re.match(r"#{2,3} ", line):
                    heading = line.lstrip("#").strip()
            for kind, *content in prose_and_slides(source):
                if kind == "slide":
                    slide_title, text = content
                    slide = f"## {slide_title}\n\n{show_figures(text)}"
                    cells.append(markdown(plain(slide, glue, refs), "slide"))
                else:
                    cells.append(
                        markdown(plain(content[0], glue, refs), "notes")
                    )
            if source != cell.source:
                break
        elif SLIDE_TAG in cell.metadata.get("tags", []):
            if "figure" in cell.metadata.get("mystnb", {}):
                cells += figure_slide(cell, glue, refs)
            else:
                cells += code_slide(cell, heading)
    for order, (_, text) in enumerate(exercises, 1):
        heading = f"## Exercise {number}.{order}\n\n"
        cells.append(markdown(heading + plain(text, glue, refs), "slide"))
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
    refs = equation_numbers()
    written = []
    for path in notebooks:
        path = Path(path).resolve()
        nb = nbformat.read(path, as_version=4)
        page, _ = slides.from_notebook_node(deck(nb, order[path], refs))
        target = OUT / f"{path.stem}.slides.html"
        target.write_text(page, encoding="utf-8")
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
