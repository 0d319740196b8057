"""Headless Chromium for the tests of what a reader sees: the website, its
slides and its interactive figures. Debian's chromium and chromium-driver
(.ci/run installs them); selenium drives them."""

import functools
import http.server
import shutil
import threading
import time
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
# No request of Chromium's own may leave the machine (CI has no network).
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
WIDTHS = {"desktop": 1280, "phone": 390}
MISSING = (
    "Chromium and ChromeDriver are needed: on Debian/Ubuntu "
    "`apt-get install chromium chromium-driver` (.ci/run installs them)"
)


def available():
    return Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory):
    """Serve `directory` on 127.0.0.1: yield its URL, then stop."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def start_chromium(profile, **capabilities):
    """Headless Chromium with a fresh profile folder and these capabilities."""
    from selenium import webdriver

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in [*CHROMIUM_FLAGS, f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    for name, value in capabilities.items():
        options.set_capability(name, value)
    service = webdriver.ChromeService(executable_path=CHROMEDRIVER)
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_page_load_timeout(60)
    return driver


def set_width(browser, width):
    """Lay pages out as a device `width` CSS px wide: below 600 px a phone
    (mobile viewport, touch events), otherwise a desktop window."""
    phone = width < 600
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {
            "width": width,
            "height": 844 if phone else 900,
            "deviceScaleFactor": 3 if phone else 1,
            "mobile": phone,
        },
    )
    browser.execute_cdp_cmd(
        "Emulation.setTouchEmulationEnabled",
        {"enabled": phone, "maxTouchPoints": 5 if phone else 1},
    )


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
    """Load a page and wait until MathJax has typeset its math."""
    browser.get(base_url + page + ".html")
    wait_for(browser, "document.readyState === 'complete'")
    has_math = browser.execute_script(
        "return document.querySelector('main .math') !== null;"
    )
    if has_math:
        wait_for(
            browser,
            "window.MathJax && MathJax.startup && MathJax.startup.promise && "
            "document.querySelectorAll('mjx-container').length > 0",
        )
        browser.execute_async_script(
            "MathJax.startup.promise.then(arguments[arguments.length - 1]);"
        )


def open_everything(browser):
    """Open what a reader can open on the page: collapsed solutions
    (sphinx-togglebutton) and hidden cells (<details>)."""
    browser.execute_script(
        "document.querySelectorAll('main details')"
        ".forEach(details => { details.open = true; });"
        "document.querySelectorAll('main .toggle.toggle-hidden')"
        ".forEach(box => { const button = box.querySelector("
        "'button.toggle-button'); if (button) button.click(); });"
    )
