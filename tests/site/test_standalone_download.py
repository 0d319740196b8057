"""A chapter downloaded from the website runs on its own.

The reader's situation: one notebook from the site's "download .ipynb"
button, in an empty folder, in a Python environment that has the book's
requirements but not the package `vaebook` and no checkout of the book. The
fresh environment sees this environment's packages through a .pth file,
which adds their folder to sys.path but does not run the editable install of
`vaebook` there, so `vaebook` is missing until the notebook installs it.
"""

import os
import shutil
import site
import subprocess
import venv

import nbformat

CHAPTER = "05_mnist_data.ipynb"


def test_a_downloaded_chapter_installs_vaebook_and_runs_to_the_end(
    built_site, tmp_path
):
    environment = tmp_path / "reader-venv"
    venv.create(environment, with_pip=False)
    python = str(environment / "bin" / "python")
    purelib = subprocess.run(
        [
            python,
            "-c",
            "import sysconfig; print(sysconfig.get_path('purelib'))",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    (environment / purelib / "book-requirements.pth").write_text(
        "\n".join(site.getsitepackages()) + "\n"
    )
    env = {
        key: value for key, value in os.environ.items() if key != "PYTHONPATH"
    }
    folder = tmp_path / "downloads"
    folder.mkdir()
    missing = subprocess.run(
        [python, "-c", "import vaebook"], cwd=folder, env=env
    )
    assert missing.returncode != 0, "vaebook must be missing at first"

    shutil.copy(built_site / "_sources" / "notebooks" / CHAPTER, folder)
    subprocess.run(
        [
            python,
            "-m",
            "nbconvert",
            "--to",
            "notebook",
            "--execute",
            "--output",
            "ran.ipynb",
            "--ExecutePreprocessor.timeout=600",
            CHAPTER,
        ],
        cwd=folder,
        env=env,
        check=True,
        capture_output=True,
    )
    ran = nbformat.read(folder / "ran.ipynb", as_version=4)
    errors = [
        output
        for cell in ran.cells
        if "raises-exception" not in cell.metadata.get("tags", [])
        for output in cell.get("outputs", [])
        if output.output_type == "error"
    ]
    assert not errors
    assert list((environment / purelib).glob("vaebook/__init__.py"))
