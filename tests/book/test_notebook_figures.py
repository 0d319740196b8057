"""Chapter figures are numbered, captioned, described, sharp and legible.

Read from the notebooks' stored outputs, without a kernel: each cell that draws
a figure names it and captions it (MyST-NB cell metadata), gives it alt text
that describes it, is referenced from the text by its name, is stored at two
pixels per displayed pixel (sharp on a phone's screen and when zoomed), is at
most as wide as the website's text column, and sets no text so small that it
falls below 9 px where a phone's column shrinks the figure.
"""

import base64
import json
import re
import struct
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).parents[2] / "notebooks").glob("*.ipynb"))
COLUMN_PX = 740  # the text column at a 1280-px window, less its margins
PHONE_COLUMN_PX = 358  # at 390 px, less the margins
SMALLEST_PX = 9  # text height on the page
DEFAULT_POINTS = 12  # vaebook.session.FIGURE_STYLE
PX_PER_POINT = 100 / 72  # at the book's 100 dpi
FONT_SIZE = re.compile(r"(?:fontsize|labelsize|titlesize)\s*=\s*([0-9.]+)")


def figure_cells(path):
    """(index, cell, [(png, displayed width or None)]) of figure cells."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for index, cell in enumerate(notebook["cells"]):
        images = [
            (
                output["data"]["image/png"],
                output.get("metadata", {}).get("image/png", {}).get("width"),
            )
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


def smallest_points_needed(displayed_px):
    """The smallest font that stays SMALLEST_PX high on a phone."""
    shrink = min(1.0, PHONE_COLUMN_PX / displayed_px)
    return SMALLEST_PX / (PX_PER_POINT * shrink)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_figures_are_sharp_fit_the_column_and_stay_legible(path):
    problems = []
    for index, cell, images in figure_cells(path):
        for image, displayed in images:
            stored = png_width(image)
            if not displayed or stored < 2 * displayed - 1:
                problems.append(
                    f"cell {index}: {stored} px stored for {displayed} "
                    "displayed, not two per displayed pixel (retina)"
                )
                continue
            if displayed > COLUMN_PX:
                problems.append(f"cell {index}: {displayed} px wide")
            source = "".join(cell["source"])
            sizes = [float(size) for size in FONT_SIZE.findall(source)]
            smallest = min(sizes + [DEFAULT_POINTS])
            needed = smallest_points_needed(displayed)
            if smallest < needed:
                problems.append(
                    f"cell {index}: {smallest:g}-pt text on a figure "
                    f"{displayed} px wide is below {SMALLEST_PX} px on a "
                    f"phone; needs {needed:.1f} pt or a narrower figure"
                )
    assert not problems, problems


def test_the_legibility_rule_tells_wide_from_narrow():
    assert smallest_points_needed(640) == pytest.approx(11.6, abs=0.1)
    assert smallest_points_needed(300) == pytest.approx(6.5, abs=0.1)
