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
