"""Fixtures for the browser tests: the built book, a local web server, one Chromium.

See ``bookbrowser.py`` for which book is tested (``FFNN_BOOK_HTML``)
and how a page visit works.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bookbrowser import (
    BOOK_HTML,
    CHROMIUM,
    CHROMIUM_ARGS,
    PageReport,
    Site,
    book_missing_message,
    book_pages,
    notebook_pages,
    served,
    slider_pages,
)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Parametrize by page: ``page_path`` (all), ``notebook_page``, ``slider_page``.

    When there is nothing to parametrize over, one placeholder id is used instead of an
    empty list (pytest would silently skip an empty one); the fixtures
    turn it into a clear failure.
    """
    built = (BOOK_HTML / "index.html").is_file()
    for name, finder, placeholder in (
        ("page_path", book_pages, "<book not built>"),
        ("notebook_page", notebook_pages, "<no notebook pages>"),
        ("slider_page", slider_pages, "<no slider figures>"),
    ):
        if name in metafunc.fixturenames:
            values = finder() if built else []
            if not built:
                values = ["<book not built>"]
            elif not values:
                values = [placeholder]
            metafunc.parametrize(name, values)


@pytest.fixture(scope="session")
def book_dir() -> Path:
    """The built HTML book; fails (never skips) when it has not been built."""
    if not (BOOK_HTML / "index.html").is_file():
        pytest.fail(book_missing_message(), pytrace=False)
    return BOOK_HTML


@pytest.fixture(scope="session")
def base_url(book_dir: Path) -> Iterator[str]:
    """``http://127.0.0.1:<free port>/``, serving the built book from a thread."""
    with served(book_dir) as url:
        yield url


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """One headless Chromium for the session, started with a fresh temporary profile."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).is_file():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: run `bash .ci/install-browser.sh` "
            "(or set FFNN_CHROMIUM to a Chromium executable)",
            pytrace=False,
        )
    profile = tempfile.mkdtemp(prefix="ffnn-browser-profile-")
    try:
        with sync_playwright() as playwright:
            # launch() refuses a --user-data-dir argument; a persistent context is the
            # supported way to give Chromium its own profile folder. Pages are then
            # opened in ordinary (incognito-like) contexts of the same browser, each
            # with empty storage.
            profile_context = playwright.chromium.launch_persistent_context(
                profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
            )
            try:
                yield profile_context.browser
            finally:
                profile_context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="session")
def browser(book_dir: Path, chromium: Any) -> Any:
    """The session's Chromium, for tests of the built book (fails if not built)."""
    return chromium


@pytest.fixture(scope="session")
def site(base_url: str, browser: Any, book_dir: Path) -> Site:
    return Site(base_url, browser, book_dir)


@pytest.fixture
def page_report(site: Site, page_path: str) -> PageReport:
    return site.report(page_path)
