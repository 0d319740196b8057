"""Mark Chinese text as Chinese.

Every run of CJK characters on a page gets lang="zh". The seeds are quoted in
their original Chinese; the language mark lets browsers pick a Chinese font
and screen readers a Chinese voice. Code, math and raw markup are left alone.
"""

import re

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

CJK = r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]"
# A run may hold a short Latin word between Chinese characters
# ("基于gluon的变分自编码").
CJK_RUN = re.compile(rf"{CJK}+(?:[A-Za-z0-9 ._-]{{1,12}}{CJK}+)*")
UNTOUCHED = (
    nodes.literal_block,
    nodes.literal,
    nodes.raw,
    nodes.math,
    nodes.math_block,
)


class chinese(nodes.inline):
    """A run of Chinese text."""


def visit_chinese_html(translator, node):
    translator.body.append('<span lang="zh">')


def depart_chinese_html(translator, node):
    translator.body.append("</span>")


def visit_chinese_other(translator, node):
    pass


class MarkChineseText(SphinxPostTransform):
    default_priority = 950  # after the bibliography is written out

    def run(self):
        for text in list(self.document.findall(nodes.Text)):
            if not CJK_RUN.search(text) or any(
                isinstance(ancestor, UNTOUCHED)
                for ancestor in _ancestors(text)
            ):
                continue
            pieces, position = [], 0
            for match in CJK_RUN.finditer(text):
                if match.start() > position:
                    pieces.append(nodes.Text(text[position : match.start()]))
                pieces.append(chinese("", match.group()))
                position = match.end()
            if position < len(text):
                pieces.append(nodes.Text(text[position:]))
            text.parent.replace(text, pieces)


def _ancestors(node):
    while node.parent is not None:
        node = node.parent
        yield node


def setup(app):
    app.add_node(
        chinese,
        html=(visit_chinese_html, depart_chinese_html),
        latex=(visit_chinese_other, visit_chinese_other),
        text=(visit_chinese_other, visit_chinese_other),
    )
    app.add_post_transform(MarkChineseText)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
