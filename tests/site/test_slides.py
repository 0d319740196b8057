"""The chapters' slide decks in a real browser.

`python -m teaching.slides` builds one reveal.js deck per chapter into
_build/slides/. This test builds the decks of the chapters it runs afresh
(`-k 06` builds one), serves that folder, and opens each deck in headless
Chromium (tests/site/browser.py) in a 1280 x 720 viewport, the size of the
decks and of a projector: the math is rendered by MathJax (no raw `$$`
left), every slide the author marked is in the deck (each `% slide:` block
and each code cell tagged `slide`, counted, and the blocks' titles found),
figures are large, every file the deck asks for is there, no request
leaves the local server (no CDN), and on every slide nothing lies outside
the slide box or scrolls sideways.
"""

import json
import re
import subprocess
import sys

import nbformat
import pytest

from teaching.book import ROOT, chapters
from teaching.slides import EXERCISE, MARKED, OBJECTIVES, marked_slides
from teaching.slides import OUT as SLIDES
from tests.site import browser as chromium
from tests.site.browser import serve, start_chromium, wait_for

PATHS = {path.stem: path for path in chapters(numbered_only=True)}
CHAPTERS = list(PATHS)
WIDTH, HEIGHT = 1280, 720  # teaching/slides.py's deck size
MIN_FIGURE_HEIGHT = 280  # px of the slide: the template shrinks no further


@pytest.fixture(scope="module")
def base_url(request):
    """The decks of the chapters this run tests, built afresh, served."""
    selected = sorted(
        {
            item.callspec.params["chapter"]
            for item in request.session.items
            if hasattr(item, "callspec") and "chapter" in item.callspec.params
        }
        or CHAPTERS
    )
    subprocess.run(
        [sys.executable, "-m", "teaching.slides"]
        + [str(PATHS[chapter]) for chapter in selected],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    yield from serve(SLIDES)


def expected_slides(chapter):
    """The deck the author asked for: the title slide, the learning
    objectives (if any), each marked slide, each exercise; and the titles
    of the marked blocks."""
    nb = nbformat.read(PATHS[chapter], as_version=4)
    markdown = [c.source for c in nb.cells if c.cell_type == "markdown"]
    exercises = sum(len(EXERCISE.findall(source)) for source in markdown)
    objectives = bool(OBJECTIVES.search(nb.cells[0].source))
    titles = [title for source in markdown for title in MARKED.findall(source)]
    figures = sum(
        "slide" in c.metadata.get("tags", [])
        and "figure" in c.metadata.get("mystnb", {})
        for c in nb.cells
    )
    marked = marked_slides(nb)
    total = 1 + objectives + marked + exercises
    return total, marked, [title for title, _ in titles], figures


def words_outside_math(title):
    """The parts of a slide title that are text on the slide (not math,
    which MathJax draws, nor the backticks of code)."""
    text = re.sub(r"\$[^$]*\$", "|", title).replace("`", "")
    return [part.strip() for part in text.split("|") if part.strip()]


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not chromium.available():
        pytest.skip(chromium.MISSING)
    driver = start_chromium(
        tmp_path_factory.mktemp("chromium-profile"),
        **{"goog:loggingPrefs": {"performance": "ALL"}},
    )
    driver.execute_cdp_cmd(  # a projector's 1280 x 720, not a tall window
        "Emulation.setDeviceMetricsOverride",
        {
            "width": WIDTH,
            "height": HEIGHT,
            "deviceScaleFactor": 1,
            "mobile": False,
        },
    )
    yield driver
    driver.quit()


def requested_urls(browser):
    """Every URL the browser asked for since the last call."""
    urls = []
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


# For each slide in turn: the elements that reach outside the slide box, and
# code, outputs and equations that scroll sideways.
OVERFLOWS = """
const box = document.querySelector('.reveal .slides').getBoundingClientRect();
const problems = [];
Reveal.getSlides().forEach((section, number) => {
  const indices = Reveal.getIndices(section);
  Reveal.slide(indices.h, indices.v);
  section.querySelectorAll('*').forEach(el => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return;
    const outside = r.right > box.right + 1 || r.left < box.left - 1 ||
      r.bottom > box.bottom + 1 || r.top < box.top - 1;
    const scrolls = ['PRE', 'MJX-CONTAINER', 'TABLE'].includes(el.tagName) &&
      el.scrollWidth > el.clientWidth + 1;
    if (outside || scrolls) {
      problems.push(`slide ${number + 1}: <${el.tagName.toLowerCase()}> ` +
        (el.textContent || '').trim().slice(0, 50));
    }
  });
});
Reveal.slide(0, 0);
return problems.filter((p, i) => problems.indexOf(p) === i).slice(0, 10);
"""

# For each slide in turn, after the template has fitted it: the height of
# each image in the slide's own pixels (reveal scales the slide to the
# window).
IMAGE_HEIGHTS = """
const heights = [];
Reveal.getSlides().forEach((section, number) => {
  const indices = Reveal.getIndices(section);
  Reveal.slide(indices.h, indices.v);
  section.querySelectorAll('img').forEach(image => {
    const r = image.getBoundingClientRect();
    heights.push([number + 1, r.height / Reveal.getScale()]);
  });
});
Reveal.slide(0, 0);
return heights;
"""


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_deck_renders_offline_and_fits(browser, base_url, chapter):
    requested_urls(browser)  # forget the previous deck's requests
    browser.get(f"{base_url}{chapter}.slides.html")
    wait_for(browser, "document.readyState === 'complete'")
    wait_for(browser, "window.Reveal && Reveal.isReady()")
    wait_for(  # not the promise itself: the browser would wait for it
        browser,
        "!!(window.MathJax && MathJax.startup && MathJax.startup.promise)",
    )
    browser.execute_async_script(
        "MathJax.startup.promise.then(arguments[arguments.length - 1]);"
    )
    wait_for(
        browser, "Array.from(document.images).every(image => image.complete)"
    )

    slides = browser.execute_script("return Reveal.getTotalSlides();")
    total, marked, titles, figures = expected_slides(chapter)
    assert marked, f"{chapter}: no slide marked (CONTRIBUTING.md, Slides)"
    assert slides == total, (
        f"{chapter}: {slides} slides, but the chapter asks for {total} "
        f"(title, objectives, {marked} marked, exercises)"
    )
    headings = browser.execute_script(
        "return Array.from(document.querySelectorAll('.reveal section h2'))"
        ".map(h => h.textContent);"
    )
    for title in titles:
        for words in words_outside_math(title):
            assert any(words in heading for heading in headings), (
                f"{chapter}: the slide {title!r} is not in the deck"
            )
    text = browser.execute_script(
        "const deck = document.querySelector('.reveal').cloneNode(true);"
        "deck.querySelectorAll('pre, code, script, style, mjx-container')"
        ".forEach(e => e.remove());"
        "return deck.textContent;"
    )
    for raw in ("$$", "\\begin", "\\frac", "\\("):
        assert raw not in text, f"{chapter}: raw {raw} (math not rendered)"
    has_math = browser.execute_script(
        "return document.querySelectorAll('mjx-container').length;"
    )
    source = (SLIDES / f"{chapter}.slides.html").read_text(encoding="utf-8")
    if "$$" in source:
        assert has_math, f"{chapter}: MathJax rendered no equation"

    heights = browser.execute_script(IMAGE_HEIGHTS)
    assert len(heights) >= figures, f"{chapter}: figures missing"
    small = [
        (number, round(height))
        for number, height in heights
        if height < MIN_FIGURE_HEIGHT - 1
    ]
    assert not small, f"{chapter}: figures too small (slide, px): {small}"

    overflows = browser.execute_script(OVERFLOWS)
    assert not overflows, f"{chapter}: content outside its slide: {overflows}"

    failed = browser.execute_script(
        "return performance.getEntriesByType('resource')"
        ".filter(r => r.responseStatus >= 400).map(r => r.name);"
    )
    assert not failed, f"{chapter}: files the deck lacks: {failed}"
    remote = [
        url
        for url in requested_urls(browser)
        if not url.startswith((base_url, "data:", "blob:", "about:"))
    ]
    assert not remote, f"{chapter}: requests that leave the machine: {remote}"
