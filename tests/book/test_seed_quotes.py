"""The seeds are quoted, never copied.

A page may cite a seed's code ("seed 004, block 8, line 32") and quote a
line of it in the prose, but no notebook line of 25 characters or more may
equal a line of a seed: code cells, Markdown cells and stored outputs alike.
The seeds live outside the repository (`../shared/seeds/*.txt`, beside the
checkout); the test is skipped where they are absent.
"""

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
MIN_LENGTH = 25

# Lines that any Python program of the kind may hold, and that are not the
# seeds' expression of anything.
ALLOWED = {
    # the canonical matplotlib import, in every chapter that draws a figure
    "import matplotlib.pyplot as plt",
    # the canonical import of the normal distribution's cdf and quantile
    "from scipy.stats import norm",
    # the generic constructor of a subclass that forwards its arguments
    "def __init__(self, *args, **kwargs):",
}


def seed_lines():
    """Every stripped seed line of MIN_LENGTH characters or more, with the
    seeds it occurs in."""
    lines = {}
    for path in sorted(SEEDS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if len(line) >= MIN_LENGTH:
                lines.setdefault(line, set()).add(path.name[:3])
    return lines


def output_text(output):
    """The text a stored output shows: streams, results, errors."""
    text = output.get("text", "")
    data = output.get("data", {})
    parts = [text, data.get("text/plain", ""), data.get("text/markdown", "")]
    parts += output.get("traceback", [])
    return "\n".join(
        "".join(part) if isinstance(part, list) else part for part in parts
    )


def copied_lines(cells, lines):
    """(cell index, where, line) of each notebook line equal to a seed line."""
    found = []
    for index, cell in enumerate(cells):
        texts = [("source", "".join(cell["source"]))]
        texts += [("output", output_text(o)) for o in cell.get("outputs", [])]
        for where, text in texts:
            for line in text.splitlines():
                line = line.strip()
                if len(line) >= MIN_LENGTH and line in lines:
                    if line not in ALLOWED:
                        found.append((index, where, line))
    return found


needs_seeds = pytest.mark.skipif(
    not SEEDS.is_dir(), reason=f"the seeds are not at {SEEDS}"
)


@needs_seeds
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_no_notebook_line_is_a_seed_line(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    found = copied_lines(cells, seed_lines())
    assert not found, (
        f"{len(found)} lines copied from the seeds (cite the post, block and "
        "line instead, and reproduce a defect with fresh code): "
        + "; ".join(
            f"cell {i} ({where}): {line!r}" for i, where, line in found
        )
    )


@needs_seeds
def test_the_reader_finds_a_copied_line():
    lines = seed_lines()
    copied = next(line for line in sorted(lines) if line not in ALLOWED)
    cells = [
        {"cell_type": "markdown", "source": ["A quotation:\n", copied]},
        {
            "cell_type": "code",
            "source": ["print(1)"],
            "outputs": [{"output_type": "stream", "text": [f"  {copied}\n"]}],
        },
        {"cell_type": "code", "source": [sorted(ALLOWED)[0]], "outputs": []},
    ]
    assert copied_lines(cells, lines) == [
        (0, "source", copied),
        (1, "output", copied),
    ]
