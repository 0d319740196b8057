"""Cells with one purpose (CONTRIBUTING.md): no code cell over 30 lines, or
50 for a cell that shows package code (`# Saved in vaebook/...`)."""

import json
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).parents[2] / "notebooks").glob("*.ipynb"))
MAX_LINES = 30
MAX_SAVED_LINES = 50


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_code_cells_are_short(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    long_cells = []
    for index, cell in enumerate(cells):
        source = "".join(cell["source"])
        limit = MAX_SAVED_LINES if "# Saved in" in source else MAX_LINES
        lines = len(source.rstrip().splitlines())
        if cell["cell_type"] == "code" and lines > limit:
            long_cells.append(f"cell {index}: {lines} lines (limit {limit})")
    assert not long_cells, long_cells


# Every numbered chapter ends the same way (CONTRIBUTING.md, "Shape of a
# chapter"): a summary, then the exercises, in that order. (The errata pages
# of the appendix end with their exercise.)
HEADINGS = ["## Summary", "## Exercises"]
CHAPTERS = [path for path in NOTEBOOKS if path.stem[0].isdigit()]


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda path: path.stem)
def test_chapter_ends_with_summary_then_exercises(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    lines = [
        line.strip()
        for cell in cells
        if cell["cell_type"] == "markdown"
        for line in "".join(cell["source"]).splitlines()
    ]
    headings = [line for line in lines if line in HEADINGS]
    assert headings[-2:] == HEADINGS, f"last headings: {headings}"
