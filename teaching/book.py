"""The book's layout, read in one place for every teaching tool and test.

Pages and their order come from _toc.yml. Exercises and solutions are
sphinx-exercise directives in Markdown cells (CONTRIBUTING.md): an
```{exercise}``` with a `:label:`, a prose ```{solution} label```, or a
gated solution that runs code, ```{solution-start} label``` ... code cells
... ```{solution-end}```. Numbers in the prose are MyST-NB glue roles,
{glue:text}`name:.1f`, whose values the notebook stores in its outputs.
"""

import re
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
TOC = ROOT / "_toc.yml"

FENCE = re.compile(r"(`{3,}|~{3,}|:{3,})(.*)")  # a fence and its info
DIRECTIVE = re.compile(r"\{([\w-]+)\}\s*(.*?)\s*")
GLUE = re.compile(r"\{glue(?::\w+)?\}`([^`:]+)")  # {glue:text}`name:.1f`
LABEL = re.compile(r"^:label:\s*(\S+)", re.M)
TITLE = re.compile(r"^# (.+)$", re.M)


class ChapterError(ValueError):
    """A notebook that is not a chapter with exercises, or a malformed one."""


def toc():
    return yaml.safe_load(TOC.read_text(encoding="utf-8"))


def toc_pages():
    """Every page, as _toc.yml names it ("notebooks/06_mnist_vae"), in
    reading order, the preface first."""
    contents = toc()
    pages = [contents["root"]]
    for part in contents.get("parts", []):
        pages += [chapter["file"] for chapter in part["chapters"]]
    return pages


def chapters(numbered_only=False):
    """The notebooks of the table of contents, in reading order: chapters
    and appendix pages, or with numbered_only the numbered chapters."""
    return [
        ROOT / f"{chapter['file']}.ipynb"
        for part in toc()["parts"]
        if part.get("numbered") or not numbered_only
        for chapter in part["chapters"]
        if chapter["file"].startswith("notebooks/")
    ]


def chapter_path(name):
    """The book's notebook named by a path, a stem or a prefix ("06")."""
    if str(name).endswith(".ipynb"):
        path = Path(name).resolve()
        if path in chapters():
            return path
        raise ChapterError(f"{name}: not a chapter in {NOTEBOOKS}")
    matches = [p for p in chapters() if p.stem.split("_")[0] == str(name)]
    matches += [p for p in chapters() if p.stem == name]
    if len(matches) != 1:
        raise ChapterError(f"{name}: the book has no such chapter")
    return matches[0]


def prefix(path):
    """The file's prefix: "06" for chapter 6, "A1" for an appendix page."""
    return Path(path).name.split("_")[0]


def exercise_number(path, order):
    """As the book prints it: "6.2" in chapter 6, "2" on an appendix page,
    which the book does not number."""
    name = prefix(path)
    return f"{int(name)}.{order}" if name.isdigit() else str(order)


def title(nb):
    """The text of the notebook's `#` heading."""
    return TITLE.search(nb.cells[0].source).group(1)


def read(path):
    return nbformat.read(path, as_version=4)


def split_markdown(source, gated, on_directive):
    """The text of a Markdown cell outside solutions.

    `gated` is the label of the gated solution open where the cell starts
    (None outside one). Each directive goes to on_directive(name, argument,
    text). Returns the text kept and the gated solution open at the end of
    the cell.
    """
    lines = source.splitlines(keepends=True)
    kept, i = [], 0
    while i < len(lines):
        fence = FENCE.fullmatch(lines[i].rstrip("\n"))
        if not fence:
            kept += [] if gated else [lines[i]]
            i += 1
            continue
        marker, info = fence.groups()
        directive = DIRECTIVE.fullmatch(info.strip())
        name, argument = directive.groups() if directive else (None, None)
        closing = re.compile(re.escape(marker[0]) + f"{{{len(marker)},}}\\s*")
        end = i + 1
        while end < len(lines) and not closing.fullmatch(lines[end]):
            end += 1
        block = "".join(lines[i : end + 1])
        i = end + 1
        if name:
            on_directive(name, argument, block)
        if name == "solution-start":
            if gated:
                raise ChapterError(f"{argument} starts inside {gated}")
            gated = argument
        elif name == "solution-end":
            if not gated:
                raise ChapterError("a solution-end without a solution-start")
            gated = None
        elif name == "exercise" and gated:
            raise ChapterError(f"an exercise inside the solution of {gated}")
        elif not gated and name != "solution":
            kept.append(block)
    return re.sub(r"\n{3,}", "\n\n", "".join(kept)).strip(), gated


def exercise_labels(source):
    """The labels of the exercises in a Markdown cell's text."""
    labels = []

    def on_directive(name, argument, block):
        label = LABEL.search(block)
        if name == "exercise" and label:
            labels.append(label.group(1))

    split_markdown(source, None, on_directive)
    return labels


def glued_name(output):
    """The name of a glued value (MyST-NB glue), or None."""
    return output.get("metadata", {}).get("scrapbook", {}).get("name")


def glued_values(nb):
    """MyST-NB glue: name -> the text/plain value a cell stored."""
    values = {}
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            scrap = output.get("metadata", {}).get("scrapbook")
            if scrap:
                values[scrap["name"]] = output["data"].get(
                    scrap["mime_prefix"] + "text/plain", ""
                )
    return values


def glue_shown(cells):
    """The names of the glued values that these Markdown cells show."""
    return {
        name
        for cell in cells
        if cell.cell_type == "markdown"
        for name in GLUE.findall(cell.source)
    }


def newest_source_time():
    """When a source of the website last changed (its newest file)."""
    sources = [
        TOC,
        ROOT / "_config.yml",
        *NOTEBOOKS.glob("*.ipynb"),
        *ROOT.glob("book/**/*"),
        *ROOT.glob("vaebook/*.py"),
    ]
    return max(path.stat().st_mtime for path in sources if path.is_file())
