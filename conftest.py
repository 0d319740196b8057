"""Pin the environment every test and every re-executed notebook runs in.

The notebooks' stored outputs were produced on the offline MNIST subset, with
TensorFlow's log lines silenced; the nbval kernels inherit these variables from
this process. The Keras backend is whatever KERAS_BACKEND says (TensorFlow if
unset).
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent

os.environ["VAEBOOK_MNIST"] = "subset"
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
os.environ.setdefault(
    "JAX_ENABLE_X64", "true"
)  # as vaebook.session sets it for chapters


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The website: _build/html if newer than all its sources, else a build.

    For the tests of the site (tests/test_website.py) and of its downloads.
    """
    built = ROOT / "_build" / "html"
    index = built / "index.html"
    if index.exists() and index.stat().st_mtime > newest_source_time():
        return built
    output = tmp_path_factory.mktemp("book")
    jupyter_book = str(Path(sys.executable).parent / "jupyter-book")
    subprocess.run(
        [jupyter_book, "build", str(ROOT), "--path-output", str(output)],
        check=True,
        capture_output=True,
    )
    return output / "_build" / "html"


def newest_source_time():
    sources = [
        ROOT / "_toc.yml",
        ROOT / "_config.yml",
        *ROOT.glob("notebooks/*.ipynb"),
        *ROOT.glob("book/**/*"),
        *ROOT.glob("vaebook/*.py"),
    ]
    return max(path.stat().st_mtime for path in sources if path.is_file())
