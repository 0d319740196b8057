"""Mark Chinese text as Chinese, everywhere on the website.

Every run of CJK characters on a page gets lang="zh". The seeds are quoted in
their original Chinese; the language mark lets browsers pick a Chinese font
and screen readers a Chinese voice, and lets book.css set Chinese upright:
browsers slant a Chinese font that has no italic ("fake italic") wherever the
text is emphasized, as the seeds' titles are.

The titles of the seeds appear outside the page's own text too: in the
sidebar's table of contents, the page's contents, the previous/next links
and the browser's title. Sphinx writes those from titles it keeps as plain
text, so the mark is added to the written HTML files, after the build, in
the text of elements (not in attributes, scripts, styles, code or math).
"""

import re
from pathlib import Path

CJK = r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]"
# A run may hold a short Latin word between Chinese characters
# ("基于gluon的变分自编码").
CJK_RUN = re.compile(rf"{CJK}+(?:[A-Za-z0-9 ._-]{{1,12}}{CJK}+)*")
OPEN_MARK = '<span lang="zh">'
# Elements whose text is left alone: code, math (typeset by MathJax from its
# source), scripts, styles, the page's <title> (text only) and anything
# marked as Chinese already (a second build leaves the pages as they are).
UNTOUCHED_TAGS = {"script", "style", "pre", "code", "kbd", "samp", "title"}
UNTOUCHED_CLASS = re.compile(r'class="[^"]*\bmath\b')
VOID_TAGS = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link",
    "meta", "source", "track", "wbr",
}  # fmt: skip
TOKEN = re.compile(r"<!--.*?-->|<![^>]*>|<[^>]*>|[^<]+", re.S)
TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)")


def mark_chinese(html):
    """The page with each run of Chinese text outside code and math, and
    not marked already, wrapped in <span lang="zh">."""
    pieces = []
    skipping = None  # (tag name, nesting depth) of an untouched element
    for token in TOKEN.finditer(html):
        text = token.group()
        tag = TAG.match(text)
        if tag:
            closing, name = tag.group(1) == "/", tag.group(2).lower()
            if skipping:
                if name == skipping[0] and name not in VOID_TAGS:
                    depth = skipping[1] + (-1 if closing else 1)
                    skipping = (name, depth) if depth else None
            elif (
                not closing
                and name not in VOID_TAGS
                and not text.endswith("/>")
                and (
                    name in UNTOUCHED_TAGS
                    or ' lang="zh' in text
                    or UNTOUCHED_CLASS.search(text)
                )
            ):
                skipping = (name, 1)
        elif not skipping and not text.startswith("<"):
            text = CJK_RUN.sub(
                lambda run: f"{OPEN_MARK}{run.group()}</span>", text
            )
        pieces.append(text)
    return "".join(pieces)


def mark_pages(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    for path in Path(app.outdir).rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        if CJK_RUN.search(html):
            marked = mark_chinese(html)
            if marked != html:
                path.write_text(marked, encoding="utf-8")


def setup(app):
    app.connect("build-finished", mark_pages)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
