"""The built website in a real browser.

Headless Chromium over every page of the table of contents. At a desktop width
(1280 px) and a phone width (390 px), every page loads with its math rendered
and its figures loaded; no code block, output, table or display equation is
wider than the column; the page is not wider than the window; no test marker is
visible; and every figure in a cell output is captioned, with alt text that
describes it. Next/previous links follow the table of contents, search finds a
chapter for "ELBO", MathJax loads only files the site serves, the heaviest page
is interactive within a second, and the site stays small. Screenshots of the
preface and one chapter at both widths are saved under _build/screenshots/.
"""

import re

import pytest

from teaching.book import ROOT, toc_pages
from tests.site.browser import WIDTHS, open_page, serve, set_width, wait_for

SITE_BUDGET_BYTES = 10 * 2**20
INTERACTIVE_BUDGET_MS = 1000


@pytest.fixture(scope="module")
def site(built_site):
    return built_site


@pytest.fixture(scope="module")
def base_url(site):
    yield from serve(site)


# What a reader would see go wrong, collected in one pass over the page.
LAYOUT_PROBLEMS = """
const main = document.querySelector('main');
const describe = el => (el.textContent || '').trim().slice(0, 60);
const tooWide = el => el.scrollWidth > el.clientWidth + 1;
const visible = el => el.offsetParent !== null;
const blocks = Array.from(main.querySelectorAll('pre')).filter(visible);
const tables = Array.from(main.querySelectorAll('table')).filter(visible);
const columnWidth =
  main.querySelector('article').getBoundingClientRect().width;
const equations = Array.from(
  main.querySelectorAll('mjx-container[display="true"]')
);
const images = Array.from(main.querySelectorAll('.cell_output img'));
const hashedAlt = /^[0-9a-f]{16,}|\\.png$/;
return {
  'code or output blocks that scroll sideways':
    blocks.filter(tooWide).map(describe),
  'tables wider than the column': tables.filter(
    t => t.getBoundingClientRect().width > columnWidth + 1
      || tooWide(t.parentElement)
  ).map(describe),
  'display equations wider than the column': equations.filter(el => {
    const math = el.querySelector('mjx-math');
    return math && math.getBoundingClientRect().width
      > el.getBoundingClientRect().width + 1;
  }).map(el => el.getAttribute('aria-label') || describe(el)),
  'page wider than the window':
    document.documentElement.scrollWidth > window.innerWidth + 1
    ? [String(document.documentElement.scrollWidth)] : [],
  'visible test markers': (main.innerText.match(/NBVAL_[A-Z_]+/g) || []),
  'figures without a caption': images.filter(
    img => !(img.closest('figure')
      && img.closest('figure').querySelector('figcaption'))
  ).map(img => img.src.split('/').pop()),
  'figures without a describing alt text': images.filter(
    img => !img.alt || img.alt.length < 20 || hashedAlt.test(img.alt)
  ).map(img => img.src.split('/').pop()),
};
"""


@pytest.mark.parametrize("page", toc_pages())
def test_page_renders_with_math_and_figures(browser, base_url, page):
    set_width(browser, WIDTHS["desktop"])
    open_page(browser, base_url, page)
    text = browser.execute_script(
        "const page = document.body.cloneNode(true);"
        "page.querySelectorAll('pre, code, script, style')"
        ".forEach(e => e.remove());"
        "return page.textContent;"
    )
    for raw in ("$$", "\\begin", "\\(", "\\["):
        assert raw not in text, (
            f"{page}: raw {raw} left in the page (math not rendered)"
        )
    wait_for(
        browser, "Array.from(document.images).every(image => image.complete)"
    )
    broken = browser.execute_script(
        "return Array.from(document.images)"
        ".filter(i => i.naturalWidth === 0).map(i => i.src);"
    )
    assert not broken, f"{page}: images that did not load: {broken}"
    failed = browser.execute_script(
        "return performance.getEntriesByType('resource')"
        ".filter(r => r.responseStatus >= 400).map(r => r.name);"
    )
    assert not failed, (
        f"{page}: files the page asked for and the site lacks: {failed}"
    )


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("page", toc_pages())
def test_nothing_is_cut_off_and_every_figure_is_captioned(
    browser, base_url, page, width
):
    set_width(browser, WIDTHS[width])
    open_page(browser, base_url, page)
    problems = browser.execute_script(LAYOUT_PROBLEMS)
    found = {kind: items for kind, items in problems.items() if items}
    assert not found, f"{page} at {WIDTHS[width]} px: {found}"


def test_next_and_previous_links_follow_the_table_of_contents(
    browser, base_url
):
    set_width(browser, WIDTHS["desktop"])
    pages = toc_pages()
    for previous, page, following in zip(
        [None] + pages[:-1], pages, pages[1:] + [None]
    ):
        open_page(browser, base_url, page)
        links = browser.execute_script(
            "const href = s => { const a = document.querySelector(s); "
            "return a ? a.href : null; };"
            "return [href('a.left-prev'), href('a.right-next')];"
        )
        expected = [
            base_url + name + ".html" if name else None
            for name in (previous, following)
        ]
        assert links == expected, (
            f"{page}: prev/next links {links}, "
            f"the table of contents says {expected}"
        )


def test_search_finds_a_chapter_for_elbo(browser, base_url):
    set_width(browser, WIDTHS["desktop"])
    browser.get(base_url + "search.html?q=ELBO")
    hits = wait_for(
        browser,
        "Array.from(document.querySelectorAll('#search-results li a'))"
        ".map(a => a.href)"
        ".filter(href => href.includes('/notebooks/')).length > 0 && "
        "Array.from(document.querySelectorAll('#search-results li a'))"
        ".map(a => a.href)",
        timeout=60,
    )
    assert any("/notebooks/" in hit for hit in hits)


def test_the_heaviest_page_is_interactive_within_a_second(
    browser, base_url, site
):
    heaviest = max(
        site.glob("notebooks/*.html"), key=lambda path: path.stat().st_size
    )
    set_width(browser, WIDTHS["desktop"])
    open_page(
        browser, base_url, f"notebooks/{heaviest.stem}"
    )  # warm the server and caches
    open_page(browser, base_url, f"notebooks/{heaviest.stem}")
    interactive_ms = browser.execute_script(
        "return performance.getEntriesByType('navigation')[0].domInteractive;"
    )
    assert interactive_ms < INTERACTIVE_BUDGET_MS, (
        f"{heaviest.name}: {interactive_ms:.0f} ms"
    )


def test_every_icon_is_drawn_from_the_pruned_icon_script(browser, base_url):
    # lean_site keeps only the icons the pages use; each <i class="fa-...">
    # must still have become an <svg>, in both colour modes' buttons.
    set_width(browser, WIDTHS["desktop"])
    for page in ("book/intro", "notebooks/06_mnist_vae"):
        open_page(browser, base_url, page)
        drawn, missing = wait_for(
            browser,
            "(() => { const drawn = document.querySelectorAll("
            "'svg.svg-inline--fa').length; const missing = document"
            ".querySelectorAll('i[class*=\"fa-\"]').length; "
            "return drawn > 0 && missing === 0 && [drawn, missing]; })()",
            timeout=30,
        )
        assert drawn >= 10 and missing == 0, (page, drawn, missing)


def test_the_site_stays_small(site):
    pdf = {
        path for path in site.glob("*.pdf")
    }  # the book's PDF is a download, counted apart
    size = sum(
        p.stat().st_size
        for p in site.rglob("*")
        if p.is_file() and p not in pdf
    )
    assert size <= SITE_BUDGET_BYTES, f"the site is {size / 2**20:.1f} MB"


def test_screenshots_for_people_to_look_at(browser, base_url):
    folder = ROOT / "_build" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    pages = toc_pages()
    chapter = next(
        (page for page in pages if re.search(r"notebooks/06_", page)), pages[1]
    )
    for width_name, width in WIDTHS.items():
        set_width(browser, width)
        for name, page in (("preface", pages[0]), ("chapter", chapter)):
            open_page(browser, base_url, page)
            assert browser.save_screenshot(
                str(folder / f"{name}-{width_name}.png")
            )
