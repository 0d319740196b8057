"""Downloaded chapters that run on their own.

A notebook downloaded from the website (its "download .ipynb" button serves
the copy under _sources/) has no checkout of the book around it, so its
first cell could not import the companion package `vaebook`. After an HTML
build this extension builds a wheel of the package, publishes it at the root
of the site, and puts in front of every downloadable chapter a cell that
installs the package when it is missing: from the wheel, which the cell
carries, or, when `vaebook_pip_source` is set in _config.yml (one line, for
example "git+https://github.com/OWNER/REPOSITORY"), from there. The
downloads keep their text outputs but not their figures, which running the
notebook draws again: the figures are on the page already, and in the
downloads they would double the weight of the site.
"""

import base64
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import nbformat

MARKER = "# Downloaded from the book's website"
INSTALL_FROM_WHEEL = '''\
# Downloaded from the book's website: this cell installs the companion
# package `vaebook` from the copy of it that the download carries.
import base64
import importlib
import importlib.util
import pathlib
import subprocess
import sys
import tempfile

VAEBOOK_WHEEL = """
{wheel}
"""
if importlib.util.find_spec("vaebook") is None:
    wheel = pathlib.Path(tempfile.mkdtemp()) / "{wheel_name}"
    wheel.write_bytes(base64.b64decode(VAEBOOK_WHEEL))
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", str(wheel)],
        check=True,
    )
    importlib.invalidate_caches()'''

INSTALL_FROM_SOURCE = """\
# Downloaded from the book's website: this cell installs the companion
# package `vaebook` when it is missing.
import importlib
import importlib.util

if importlib.util.find_spec("vaebook") is None:
    %pip install --quiet {source}
    importlib.invalidate_caches()"""


def build_wheel(source_dir, output_dir):
    """Build the package's wheel into output_dir; return its path.

    From a copy of the package, so that the build leaves nothing behind.
    """
    copy = Path(output_dir) / "source"
    shutil.copytree(
        Path(source_dir) / "vaebook",
        copy / "vaebook",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    shutil.copy2(Path(source_dir) / "pyproject.toml", copy)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(output_dir),
            str(copy),
        ],
        check=True,
    )
    (wheel,) = Path(output_dir).glob("vaebook-*.whl")
    return wheel


def install_cell(wheel, pip_source):
    if pip_source:
        source = INSTALL_FROM_SOURCE.format(source=pip_source)
    else:
        encoded = base64.b64encode(wheel.read_bytes()).decode("ascii")
        source = INSTALL_FROM_WHEEL.format(
            wheel="\n".join(textwrap.wrap(encoded, 76)),
            wheel_name=wheel.name,
        )
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["jupyter"] = {"source_hidden": True}
    return cell


def make_downloads_standalone(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    with tempfile.TemporaryDirectory() as folder:
        wheel = build_wheel(app.confdir, folder)
        (outdir / wheel.name).write_bytes(wheel.read_bytes())
        cell = install_cell(wheel, app.config.vaebook_pip_source)
    for path in (outdir / "_sources").rglob("*.ipynb"):
        notebook = nbformat.read(path, as_version=4)
        for code_cell in notebook.cells:
            if code_cell.cell_type == "code":
                code_cell.outputs = [
                    output
                    for output in code_cell.outputs
                    if "image/png" not in output.get("data", {})
                ]
        # An incremental build keeps the copies of unchanged notebooks, which
        # carry the cell already: replace it, do not add a second one.
        if notebook.cells and notebook.cells[0].source.startswith(MARKER):
            notebook.cells[0] = cell
        else:
            notebook.cells.insert(0, cell)
        # Sources as one string per cell, not one per line: valid nbformat,
        # a tenth lighter.
        path.write_text(
            nbformat.writes(notebook, split_lines=False), encoding="utf-8"
        )


def setup(app):
    app.add_config_value("vaebook_pip_source", "", "html")
    app.connect("build-finished", make_downloads_standalone)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
