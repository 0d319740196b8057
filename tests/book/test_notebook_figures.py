"""Chapter figures are numbered, captioned, described, legible at column width.

Read from the notebooks' stored outputs, without a kernel: each cell that draws
a figure names it and captions it (MyST-NB cell metadata), gives it alt text
that describes it, is referenced from the text by its name, is at most as wide
as the website's text column, so it is never shrunk, and sets no text smaller
than 9 points.
"""

import base64
import json
import re
import struct
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).parents[2] / "notebooks").glob("*.ipynb"))
COLUMN_PX = 760  # the text column at a 1280-px window, less its margins
SMALLEST_POINTS = 9
FONT_SIZE = re.compile(r"(?:fontsize|labelsize|titlesize)\s*=\s*([0-9.]+)")


def figure_cells(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for index, cell in enumerate(notebook["cells"]):
        images = [
            output["data"]["image/png"]
            for output in cell.get("outputs", [])
            if "image/png" in output.get("data", {})
        ]
        if cell["cell_type"] == "code" and images:
            yield index, cell, images


def png_width(encoded):
    header = base64.b64decode(
        encoded if isinstance(encoded, str) else "".join(encoded)
    )[:24]
    return struct.unpack(">I", header[16:20])[0]


def markdown_text(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    return "\n".join(
        "".join(cell["source"])
        for cell in notebook["cells"]
        if cell["cell_type"] == "markdown"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_every_figure_is_named_captioned_described_and_referenced(path):
    text = markdown_text(path)
    problems = []
    for index, cell, images in figure_cells(path):
        mystnb = cell["metadata"].get("mystnb", {})
        figure, image = mystnb.get("figure", {}), mystnb.get("image", {})
        name, caption, alt = (
            figure.get("name"),
            figure.get("caption"),
            image.get("alt"),
        )
        if len(images) != 1:
            problems.append(
                f"cell {index}: {len(images)} images in one cell "
                "(one figure per cell)"
            )
        if not (name and caption):
            problems.append(f"cell {index}: no figure name and caption")
        if not alt or len(alt) < 20:
            problems.append(
                f"cell {index}: no alt text that describes the figure"
            )
        if name and f"`{name}`" not in text:
            problems.append(
                f"cell {index}: figure {name} is not referenced from the text"
            )
    assert not problems, problems


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_figures_fit_the_column_and_their_text_is_legible(path):
    problems = []
    for index, cell, images in figure_cells(path):
        widths = [png_width(image) for image in images]
        if max(widths) > COLUMN_PX:
            problems.append(
                f"cell {index}: {max(widths)} px wide, shrunk to the column"
            )
        source = "".join(cell["source"])
        small = [float(size) for size in FONT_SIZE.findall(source)]
        if small and min(small) < SMALLEST_POINTS:
            problems.append(f"cell {index}: text of {min(small)} pt")
    assert not problems, problems
