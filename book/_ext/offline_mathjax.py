"""Serve MathJax 3 from the site itself, so pages render math with no CDN (offline, in class).

The MathJax files come from the PyPI package django-static-mathjax, which ships them and
nothing else (it needs no Django).
"""

import shutil
from pathlib import Path

import mathjax

MATHJAX_FILES = Path(mathjax.__file__).parent / "static" / "mathjax" / "es5"


def use_local_mathjax(app, config):
    config.mathjax_path = "mathjax/tex-chtml.js"


def copy_mathjax(app, exception):
    if exception is None and app.builder.format == "html":
        shutil.copytree(MATHJAX_FILES, Path(app.outdir) / "_static" / "mathjax", dirs_exist_ok=True)


def setup(app):
    app.connect("config-inited", use_local_mathjax)
    app.connect("build-finished", copy_mathjax)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
