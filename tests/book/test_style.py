"""One code style for package, tests and notebooks: ruff, configured in
pyproject.toml (79-character lines, so that code fits the book's column)."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
RUFF = shutil.which("ruff")


@pytest.mark.skipif(RUFF is None, reason="pip install ruff (requirements)")
@pytest.mark.parametrize(
    "command", [["check"], ["format", "--check"]], ids=["lint", "format"]
)
def test_ruff_passes(command):
    result = subprocess.run(
        [RUFF, *command, "."], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


# A control character in prose is almost always a LaTeX command that lost
# its backslash to a string escape ("\a" in "\approx" is the bell, "\f" in
# "\frac" a form feed); XeLaTeX stops on it and the PDF is not built.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
TEXT_FILES = sorted(
    [
        *ROOT.glob("*.md"),
        *ROOT.glob("book/*.md"),
        *ROOT.glob("notebooks/*.ipynb"),
    ]
)


@pytest.mark.parametrize("path", TEXT_FILES, ids=lambda p: p.name)
def test_text_has_no_control_characters(path):
    if path.suffix == ".ipynb":
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        text = "\n".join("".join(cell["source"]) for cell in cells)
    else:
        text = path.read_text(encoding="utf-8")
    found = [
        f"{text[max(0, m.start() - 30) : m.start()]!r} + {m.group()!r}"
        for m in CONTROL.finditer(text)
    ]
    assert not found, f"control characters in {path.name}: {found}"


# A glued number is stored as its repr; MyST-NB formats it with a format
# spec ({glue:text}`name:.2f`) only if the repr is a plain number.
# np.float64(0.695) is not, and the build stops with a warning.
GLUE_MIME = "application/papermill.record/text/plain"
NOTEBOOKS = sorted(ROOT.glob("notebooks/*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_glued_values_are_plain(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    bad = [
        output["data"][GLUE_MIME]
        for cell in cells
        for output in cell.get("outputs", [])
        if GLUE_MIME in output.get("data", {})
        and re.match(r"(np|numpy|array|tf|torch)\W", output["data"][GLUE_MIME])
    ]
    assert not bad, f"glue a float(), not a numpy scalar: {bad}"
