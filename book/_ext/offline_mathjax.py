"""Serve MathJax 3 from the site itself, so pages render math with no CDN.

That works offline, in class. The MathJax files come from the PyPI package
django-static-mathjax, which ships them and nothing else (it needs no Django).
Only what the pages load is copied: the TeX-to-HTML component, its web fonts,
the TeX extensions it loads on demand and the small accessibility modules of
its menu; not the 4 MB speech engine or the other input and output formats.
"""

import shutil
from pathlib import Path

import mathjax

MATHJAX_FILES = Path(mathjax.__file__).parent / "static" / "mathjax" / "es5"
COMPONENT = "tex-chtml.js"
ON_DEMAND = ["output/chtml/fonts/woff-v2", "input/tex/extensions", "a11y"]
# Not loaded by any page: the bundle of all packages, the speech engine and
# its explorer, chemistry (mhchem, for \ce) and physics (never autoloaded).
NOT_COPIED = [
    "all-packages.js",
    "sre.js",
    "explorer.js",
    "mhchem.js",
    "physics.js",
]


def use_local_mathjax(app, config):
    config.mathjax_path = f"mathjax/{COMPONENT}"


def copy_mathjax(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / "mathjax"
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(MATHJAX_FILES / COMPONENT, target / COMPONENT)
    for folder in ON_DEMAND:
        shutil.copytree(
            MATHJAX_FILES / folder,
            target / folder,
            ignore=shutil.ignore_patterns(*NOT_COPIED),
            dirs_exist_ok=True,
        )


def setup(app):
    app.connect("config-inited", use_local_mathjax)
    app.connect("build-finished", copy_mathjax)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
