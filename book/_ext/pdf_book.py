"""The PDF of the book, and the link to it from the website.

Building the PDF with Debian's TeX Live: jupyterBook.cls (from
sphinx-jupyterbook-latex) loads the bbm package, which Debian ships only in
texlive-fonts-extra (500 MB); the book uses none of its symbols, so the copy
of the class in the LaTeX build folder drops that line.

The PDF's structure, as a printed book has it (sphinx-jupyterbook-latex turns
every caption of _toc.yml into a LaTeX part):

- the parts are numbered once: LaTeX prints "Part I" above the caption, so
  the caption's own numeral ("I. The statistical view") is left out;
- the appendix pages A1-A6 are appendices, numbered as on the website
  ("Appendix A1", its figures A1.1, ...), not chapters 15-20, and they are
  not a part of their own;
- the back matter (course plan, teacher's notes, glossary, performance,
  references) is unnumbered;
- exercises carry one number, the website's ("Exercise 6.3", not "6.9.3"),
  and a reference to an exercise in another chapter prints that number (it
  printed "Exercise ??");
- figures float to the top of a page when they do not fit where they are,
  instead of leaving the rest of the page blank, except inside exercises and
  solutions, whose boxes cannot hold a float.

The website: an HTML build copies the PDF, when one was built before it, to
the root of the site and links it from the foot of the sidebar of every page
and from the preface.
"""

import re
import shutil
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

PDF_NAME = "vae-logic-and-practice.pdf"
TEMPLATES = Path(__file__).parent / "templates"
PART_NUMERAL = re.compile(r"^[IVXLC]+\.\s+")
APPENDIX_PAGE = re.compile(r"^notebooks/(A\d+)_")
APPENDIX_PREFIX = re.compile(r"^A\d+\s*·\s*")
# LaTeX: appendices numbered A1, A2, ... (fncychap prints "Appendix" above
# the number); the part's line in the contents, without a part number.
START_APPENDICES = r"""
\cleardoublepage
\appendix
\renewcommand{\thechapter}{A\arabic{chapter}}
\phantomsection
\addcontentsline{toc}{part}{Appendices}
"""
# Back matter: no chapter or section numbers from here on.
START_BACK_MATTER = r"""
\cleardoublepage
\setcounter{secnumdepth}{-1}
"""


def drop_bbm(app, exception):
    if exception is None and app.builder.name == "latex":
        latex_class = Path(app.outdir) / "jupyterBook.cls"
        text = latex_class.read_text(encoding="utf-8")
        latex_class.write_text(
            text.replace("\\RequirePackage{bbm}\n", ""), encoding="utf-8"
        )


def number_exercises_as_the_website(app):
    """sphinx-jupyterbook-latex numbers figures by part and chapter
    (numfig_secnum_depth = 2), and sphinx-exercise takes the exercises'
    numbers from the same setting: "Exercise 6.9.3" for the third exercise
    of section 6.9. Exercises are numbered by chapter, as on the website;
    the setting goes back to 2 before LaTeX is written (restore_figure_
    numbering), so that LaTeX still numbers figures and equations by
    chapter."""
    if app.builder.format == "latex":
        app.config.numfig_secnum_depth = 1


def restore_figure_numbering(app, doctree, docname):
    if app.builder.format == "latex":
        app.config.numfig_secnum_depth = 2


def hold_figures_in(visit, depart):
    """Visitors of an exercise or solution box that keep the figures in it
    where they are (Sphinx does the same in its own admonitions)."""

    def held_visit(translator, node):
        translator.no_latex_floats += 1
        visit(translator, node)

    def held_depart(translator, node):
        translator.no_latex_floats -= 1
        depart(translator, node)

    return held_visit, held_depart


def hold_figures_in_exercises(app):
    if app.builder.format != "latex":
        return
    from sphinx_exercise import nodes as exercise_nodes

    for node, name in (
        (exercise_nodes.exercise_node, "exercise_node"),
        (exercise_nodes.exercise_enumerable_node, "exercise_enumerable_node"),
        (exercise_nodes.solution_node, "solution_node"),
    ):
        visit = getattr(exercise_nodes, f"visit_{name}")
        depart = getattr(exercise_nodes, f"depart_{name}")
        app.add_node(node, override=True, latex=hold_figures_in(visit, depart))


class BookStructure(SphinxPostTransform):
    """Parts, appendices, back matter and exercise references in the
    LaTeX document (see the module's docstring). Runs on the document that
    the LaTeX builder assembles from all pages, after
    sphinx-jupyterbook-latex made the parts (priority 700)."""

    default_priority = 710
    formats = ("latex",)

    def run(self):
        if not getattr(self.env, "jblatex_captions_to_parts", False):
            return
        for part in self.parts():
            title = part[0]
            caption = title.astext()
            if PART_NUMERAL.match(caption):
                title.children = [nodes.Text(PART_NUMERAL.sub("", caption))]
            else:
                self.make_appendices(part)
        self.number_exercise_references()

    def parts(self):
        """The sections that sphinx-jupyterbook-latex made of the captions."""
        return [
            section
            for section in self.document.findall(nodes.section)
            if isinstance(section.parent, addnodes.start_of_file)
            and section.parent.get("docname") == section.get("docname")
            and section.children
            and isinstance(section[0], nodes.title)
            and section[0].astext() == section.get("docname")
        ]

    def make_appendices(self, part):
        """No part heading: the pages A1-A6 as appendices A1-A6 (their
        titles without the "A1 · " that LaTeX prints as their number), the
        pages after them unnumbered."""
        part[0].replace_self(nodes.raw("", START_APPENDICES, format="latex"))
        back_matter_started = False
        for page in part.findall(addnodes.start_of_file):
            if page.parent.parent is not part:
                continue  # a page's own sub-pages, if any
            if APPENDIX_PAGE.match(page["docname"]):
                title = next(page.findall(nodes.title), None)
                if title is not None and isinstance(title[0], nodes.Text):
                    title[0] = nodes.Text(APPENDIX_PREFIX.sub("", title[0]))
            elif not back_matter_started:
                page.parent.insert(
                    page.parent.index(page),
                    nodes.raw("", START_BACK_MATTER, format="latex"),
                )
                back_matter_started = True

    def number_exercise_references(self):
        """A reference to an exercise in another page (the course plan's
        homework, the teacher's notes) prints "Exercise ??" in LaTeX:
        sphinx-exercise labels the exercise exercise:<label>, Sphinx refers
        to <page>:<label>. Print the number, linked to the exercise."""
        registry = getattr(self.env, "sphinx_exercise_registry", {})
        numbers = self.env.toc_fignumbers
        for reference in list(
            self.document.findall(addnodes.number_reference)
        ):
            label = reference.get("refid") or reference.get("refuri", "")
            label = label.rpartition("#")[2]
            entry = registry.get(label)
            if entry is None:
                continue
            exercise = entry["node"]
            number = (
                numbers.get(entry["docname"], {})
                .get("exercise", {})
                .get(exercise["ids"][0])
            )
            if not number:
                continue
            text = self.config.numfig_format["exercise"] % ".".join(
                map(str, number)
            )
            reference.replace_self(
                nodes.raw(
                    "",
                    rf"\hyperref[exercise:{label}]{{{text}}}",
                    format="latex",
                )
            )


def publish_pdf(app, exception):
    if exception is None and app.builder.format == "html":
        pdf = built_pdf(app)
        if pdf is not None:
            shutil.copy2(pdf, Path(app.outdir) / PDF_NAME)


def built_pdf(app):
    """The PDF of a LaTeX build before this one, or None."""
    pdf = Path(app.outdir).parent / "latex" / PDF_NAME
    return pdf if pdf.exists() else None


def add_pdf_to_context(app, pagename, templatename, context, doctree):
    """The sidebar's link to the PDF (templates/book-pdf.html)."""
    pdf = built_pdf(app)
    if pdf is not None:
        context["book_pdf"] = PDF_NAME
        context["book_pdf_size"] = f"{pdf.stat().st_size / 2**20:.1f} MB"


def add_sidebar_template(app, config):
    config.templates_path.append(str(TEMPLATES))
    options = config.html_theme_options
    end = list(options.get("primary_sidebar_end", []))
    options["primary_sidebar_end"] = ["book-pdf.html", *end]


class LinkThePdf(SphinxPostTransform):
    """The preface's <a href="vae-logic-and-practice.pdf"> (raw HTML, which
    teaching.student_site removes from the student website) points at the
    PDF at the root of the site, from the page it is on; without a PDF, the
    word stays and the link goes."""

    default_priority = 800
    formats = ("html",)
    OPENING = f'<a href="{PDF_NAME}">'

    def run(self):
        linked = built_pdf(self.app) is not None
        uri = "../" * self.env.docname.count("/") + PDF_NAME
        for raw in list(self.document.findall(nodes.raw)):
            if raw.get("format") != "html" or raw.astext() != self.OPENING:
                continue
            closing = raw.next_node(nodes.raw, siblings=True, descend=False)
            if linked:
                raw.replace_self(
                    nodes.raw(
                        "",
                        f'<a class="reference external" href="{uri}">',
                        format="html",
                    )
                )
            else:
                raw.parent.remove(raw)
                if closing is not None and closing.astext() == "</a>":
                    closing.parent.remove(closing)


def setup(app):
    app.add_post_transform(LinkThePdf)
    app.connect("config-inited", add_sidebar_template)
    app.connect(
        "builder-inited", number_exercises_as_the_website, priority=600
    )
    app.connect("builder-inited", hold_figures_in_exercises)
    app.connect("doctree-resolved", restore_figure_numbering)
    app.add_post_transform(BookStructure)
    app.connect("html-page-context", add_pdf_to_context)
    app.connect("build-finished", drop_bbm)
    app.connect("build-finished", publish_pdf)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
