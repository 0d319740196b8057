"""Fixtures for the tests of what a reader gets: the built website (served
on localhost) and a headless Chromium."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from teaching.book import ROOT, newest_source_time
from tests.site import browser as chromium


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The website: _build/html if newer than all its sources, else a build;
    or the site in the folder VAEBOOK_SITE names (to test a site built
    elsewhere, an older one for instance)."""
    if os.environ.get("VAEBOOK_SITE"):
        return Path(os.environ["VAEBOOK_SITE"]).resolve()
    built = ROOT / "_build" / "html"
    index = built / "index.html"
    if index.exists() and index.stat().st_mtime > newest_source_time():
        return built
    output = tmp_path_factory.mktemp("book")
    jupyter_book = str(Path(sys.executable).parent / "jupyter-book")
    subprocess.run(
        [jupyter_book, "build", str(ROOT), "--path-output", str(output)],
        check=True,
        capture_output=True,
    )
    return output / "_build" / "html"


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not chromium.available():
        pytest.skip(chromium.MISSING)
    driver = chromium.start_chromium(tmp_path_factory.mktemp("profile"))
    yield driver
    driver.quit()
