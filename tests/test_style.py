"""One code style for package, tests and notebooks: ruff, configured in
pyproject.toml (79-character lines, so that code fits the book's column)."""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
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
