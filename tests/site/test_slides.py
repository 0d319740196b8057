"""The chapters' slide decks in a real browser.

`python -m teaching.slides` builds one reveal.js deck per chapter into
_build/slides/. This test builds them afresh, serves that folder, and opens
each deck in headless Chromium (tests/site/browser.py): the math
is rendered by MathJax (no raw `$$` left), every file the deck asks for is
there, no request leaves the local server (no CDN), and on every slide nothing
lies outside the slide box or scrolls sideways.
"""

import json
import subprocess
import sys

import pytest

from teaching.book import ROOT, chapters
from teaching.slides import OUT as SLIDES
from tests.site import browser as chromium
from tests.site.browser import serve, start_chromium, wait_for

CHAPTERS = [path.stem for path in chapters(numbered_only=True)]


@pytest.fixture(scope="module")
def base_url():
    subprocess.run(
        [sys.executable, "-m", "teaching.slides"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    yield from serve(SLIDES)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not chromium.available():
        pytest.skip(chromium.MISSING)
    driver = start_chromium(
        tmp_path_factory.mktemp("chromium-profile"),
        **{"goog:loggingPrefs": {"performance": "ALL"}},
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
    assert slides >= 4, f"{chapter}: only {slides} slides"
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
