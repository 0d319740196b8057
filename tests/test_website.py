"""The built website in a real browser: headless Chromium over every page of the table of contents.

Checks that each page loads with its math rendered and its figures loaded, that next/previous
links follow the table of contents, and that search finds a chapter for "ELBO". Screenshots of
the preface and one chapter are saved under _build/screenshots/ for people to look at.
"""

import functools
import http.server
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,1000",
]

webdriver = pytest.importorskip("selenium.webdriver", reason="pip install selenium (in requirements.txt)")
if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
    pytest.skip(
        "Chromium and ChromeDriver are needed: on Debian/Ubuntu `apt-get install chromium "
        "chromium-driver` (.ci/run installs them)",
        allow_module_level=True,
    )


def toc_pages():
    """Page names (paths without extension) in reading order, as in _toc.yml."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    pages = [toc["root"]]
    for part in toc.get("parts", []):
        pages += [chapter["file"] for chapter in part["chapters"]]
    return pages


def newest_source_time():
    sources = [ROOT / "_toc.yml", ROOT / "_config.yml", *ROOT.glob("notebooks/*.ipynb"), *ROOT.glob("book/*")]
    return max(path.stat().st_mtime for path in sources)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A fresh build: _build/html if it is newer than every source, else a new one."""
    built = ROOT / "_build" / "html"
    if (built / "index.html").exists() and (built / "index.html").stat().st_mtime > newest_source_time():
        return built
    output = tmp_path_factory.mktemp("book")
    subprocess.run(
        [str(Path(sys.executable).parent / "jupyter-book"), "build", str(ROOT), "--path-output", str(output)],
        check=True,
        capture_output=True,
    )
    return output / "_build" / "html"


@pytest.fixture(scope="module")
def base_url(site):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    handler.log_message = lambda *args: None
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=CHROMEDRIVER))
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def wait_for(browser, script, timeout=30):
    """Poll a JavaScript expression until it is truthy; return its value."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = browser.execute_script(f"return {script};")
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for: {script}")


def open_page(browser, base_url, page):
    browser.get(base_url + page + ".html")
    wait_for(browser, "document.readyState === 'complete'")
    has_math = browser.execute_script("return document.querySelector('main .math') !== null;")
    if has_math:
        wait_for(browser, "window.MathJax && MathJax.startup && MathJax.startup.promise && "
                          "document.querySelectorAll('mjx-container').length > 0")
        browser.execute_async_script("MathJax.startup.promise.then(arguments[arguments.length - 1]);")


@pytest.mark.parametrize("page", toc_pages())
def test_page_renders_with_math_and_figures(browser, base_url, page):
    open_page(browser, base_url, page)
    text = browser.execute_script(
        "const page = document.body.cloneNode(true);"
        "page.querySelectorAll('pre, code, script, style').forEach(element => element.remove());"
        "return page.textContent;"
    )
    for raw in ("$$", "\\begin", "\\(", "\\["):
        assert raw not in text, f"{page}: raw {raw} left in the page (math not rendered)"
    wait_for(browser, "Array.from(document.images).every(image => image.complete)")
    broken = browser.execute_script(
        "return Array.from(document.images).filter(image => image.naturalWidth === 0).map(image => image.src);"
    )
    assert not broken, f"{page}: images that did not load: {broken}"


def test_next_and_previous_links_follow_the_table_of_contents(browser, base_url):
    pages = toc_pages()
    for previous, page, following in zip([None] + pages[:-1], pages, pages[1:] + [None]):
        open_page(browser, base_url, page)
        links = browser.execute_script(
            "const href = selector => { const a = document.querySelector(selector); return a ? a.href : null; };"
            "return [href('a.left-prev'), href('a.right-next')];"
        )
        expected = [base_url + name + ".html" if name else None for name in (previous, following)]
        assert links == expected, f"{page}: prev/next links {links}, table of contents says {expected}"


def test_search_finds_a_chapter_for_elbo(browser, base_url):
    browser.get(base_url + "search.html?q=ELBO")
    hits = wait_for(
        browser,
        "Array.from(document.querySelectorAll('#search-results li a')).map(a => a.href)"
        ".filter(href => href.includes('/notebooks/')).length > 0 && "
        "Array.from(document.querySelectorAll('#search-results li a')).map(a => a.href)",
        timeout=60,
    )
    assert any("/notebooks/" in hit for hit in hits)


def test_screenshots_for_people_to_look_at(browser, base_url):
    folder = ROOT / "_build" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    pages = toc_pages()
    chapter = next((page for page in pages if page.startswith("notebooks/05")), pages[1])
    for name, page in (("preface", pages[0]), ("chapter", chapter)):
        open_page(browser, base_url, page)
        assert browser.save_screenshot(str(folder / f"{name}.png"))
