"""The PDF of the book: Jupyter Book's LaTeX class made to build with Debian's
TeX Live, and the finished PDF published with the website.

jupyterBook.cls (from sphinx-jupyterbook-latex) loads the bbm package, which
Debian ships only in texlive-fonts-extra (500 MB); the book uses none of its
symbols, so the copy of the class in the LaTeX build folder drops that line. An
HTML build copies the PDF, when one was built before it, to the root of the
site, where the preface links to it.
"""

import shutil
from pathlib import Path

PDF_NAME = "vae-logic-and-practice.pdf"


def drop_bbm(app, exception):
    if exception is None and app.builder.name == "latex":
        latex_class = Path(app.outdir) / "jupyterBook.cls"
        text = latex_class.read_text(encoding="utf-8")
        latex_class.write_text(
            text.replace("\\RequirePackage{bbm}\n", ""), encoding="utf-8"
        )


def publish_pdf(app, exception):
    if exception is None and app.builder.format == "html":
        pdf = Path(app.outdir).parent / "latex" / PDF_NAME
        if pdf.exists():
            shutil.copy2(pdf, Path(app.outdir) / PDF_NAME)


def setup(app):
    app.connect("build-finished", drop_bbm)
    app.connect("build-finished", publish_pdf)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
