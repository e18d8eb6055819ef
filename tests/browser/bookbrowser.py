"""Helpers for the browser tests: pages to test, page visits, reports (see conftest.py).

The tests open the built HTML book the way a reader does, in a real browser, with no
network. Which book is tested:

* ``FFNN_BOOK_HTML`` (environment variable), if set, e.g. ``/tmp/me-build/_build/html``;
* otherwise ``_build/html`` at the top of the repository, where ``make build`` puts it.

If that folder holds no ``index.html`` every test fails and says to build the book
first: a missing book is an error, never a reason to skip.

The browser is Debian's Chromium (``/usr/bin/chromium``, installed by
``.ci/install-browser.sh``; ``FFNN_CHROMIUM`` overrides the path), driven by Playwright.
It is started once per test session with a fresh temporary profile. Every page is opened
in a brand-new browser context (empty cookies and storage, like a first-time reader)
exactly once; what the visit saw is kept in a :class:`PageReport` that all the per-page
checks read, so adding a check costs no extra page load.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

REPO = Path(__file__).resolve().parents[2]
BOOK_HTML = Path(os.environ.get("FFNN_BOOK_HTML") or REPO / "_build" / "html").resolve()
CHROMIUM = os.environ.get("FFNN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Pages that are not visited by the per-page checks: the generated index (a long list of
# links, nothing to render), the search page (it has its own test, which needs a query),
# and the top-level index.html, which only redirects to
# book/intro.html (tested on its own).
NOT_PER_PAGE = {"genindex.html", "search.html", "index.html"}
SKIPPED_DIRS = {"_static", "_sources", "_images", "_downloads"}

# The one console error a fresh reader's browser is allowed to log. pydata-sphinx-theme
# (0.17.1, under sphinx-book-theme 1.3.0) starts every page with the inline script
#     document.documentElement.dataset.mode =
#         localStorage.getItem("mode") || "{{ default_mode }}";
# and the book does not set the theme option `default_mode`, so on a first visit (empty
# localStorage) the mode is the empty string. The theme's script then calls
# console.error("Got invalid theme mode: . Resetting to auto."), switches to "auto" and
# stores that, so later visits are silent. It is harmless: the page renders normally in
# auto mode, which the tests check (the page ends up with <html data-mode="auto">).
# Setting the theme option `default_mode: auto` (Sphinx `html_theme_options`) would
# remove the message; until then this exact text (empty mode only) is all that is
# tolerated.
BENIGN_THEME_ERROR = "Got invalid theme mode: . Resetting to auto."

LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def book_missing_message() -> str:
    return (
        f"No built book at {BOOK_HTML} (index.html is missing). Build it first: "
        "`make build` (or `.venv/bin/jupyter-book build . --path-output <dir> -W -n "
        "--keep-going` and set FFNN_BOOK_HTML=<dir>/_build/html), then run the browser "
        "tests."
    )


def book_pages() -> list[str]:
    """Every HTML page of the built book the per-page checks visit, as paths."""
    if not (BOOK_HTML / "index.html").is_file():
        return []
    pages = []
    for path in sorted(BOOK_HTML.rglob("*.html")):
        rel = path.relative_to(BOOK_HTML)
        if rel.parts[0] in SKIPPED_DIRS or rel.as_posix() in NOT_PER_PAGE:
            continue
        pages.append(rel.as_posix())
    return pages


def notebook_source(rel: str) -> Path:
    """Where Sphinx keeps page ``rel``'s source if it was a notebook (may not exist)."""
    return BOOK_HTML / "_sources" / (rel[: -len(".html")] + ".ipynb")


def notebook_pages() -> list[str]:
    return [rel for rel in book_pages() if notebook_source(rel).is_file()]


def slider_pages() -> list[str]:
    return [
        rel
        for rel in book_pages()
        if 'class="slider-figure"' in (BOOK_HTML / rel).read_text(encoding="utf-8")
    ]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (stdlib's name)
        pass


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    """``http://127.0.0.1:<free port>/`` serving ``folder`` from a background thread."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def is_local(url: str) -> bool:
    """Whether a request stays on this machine (the book's server, or inline data)."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return parts.scheme in ("http", "https") and parts.hostname in LOCAL_HOSTS


@dataclass
class Visit:
    """A page opened in a fresh context that records everything the checks need."""

    browser: Any
    url: str
    requests: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)
    bad_responses: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    pending: dict[Any, str] = field(default_factory=dict)

    def __enter__(self) -> Any:
        self.context = self.browser.new_context(viewport={"width": 1200, "height": 900})
        # generous: CI builds beside it, and the API page is long
        self.context.set_default_timeout(180_000)
        self.context.route("**/*", self._route)
        page = self.context.new_page()
        page.on("request", self._request)
        page.on("requestfinished", lambda request: self.pending.pop(request, None))
        page.on("requestfailed", lambda request: self.pending.pop(request, None))
        page.on("response", self._response)
        page.on("requestfailed", self._failed)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        page.goto(self.url, wait_until="load")
        self.page = page
        return page

    def __exit__(self, *exc: Any) -> None:
        self.context.close()

    def _request(self, request: Any) -> None:
        self.requests.append(request.url)
        self.pending[request] = request.url

    def settle(self, page: Any, seconds: float = 30.0) -> None:
        """Wait until the page's late requests (MathJax fonts, images far down) end.

        Chromium's "network idle" (no connection for 500 ms) is the usual signal; on a
        busy machine it can fail to come although every request has ended, so the
        requests this visit saw are the judge: one still pending after ``seconds`` fails
        the visit, by name.
        """
        try:
            page.wait_for_load_state("networkidle", timeout=seconds * 1000)
        except PlaywrightTimeoutError:
            if self.pending:
                raise AssertionError(
                    f"{self.url}: requests still pending after {seconds:.0f} s: "
                    f"{sorted(self.pending.values())}"
                ) from None

    def _route(self, route: Any) -> None:
        # Nothing may leave the machine: a request elsewhere is recorded and cut off (so
        # an offline test machine does not wait for a time-out).
        url = route.request.url
        if is_local(url):
            route.continue_()
        else:
            self.external.append(url)
            route.abort()

    def _response(self, response: Any) -> None:
        if response.status >= 400:
            self.bad_responses.append(f"HTTP {response.status} for {response.url}")

    def _failed(self, request: Any) -> None:
        if is_local(request.url):
            self.failed_requests.append(f"{request.failure} for {request.url}")

    def _console(self, message: Any) -> None:
        if message.type == "error":
            where = message.location or {}
            self.console_errors.append(
                f"{message.text} (at "
                f"{where.get('url', '?')}:{where.get('lineNumber', '?')})"
            )


# The in-page part of a visit: waits for MathJax, then looks at text, math, images,
# sliders, links and the download menu. Returns plain JSON-able data.
COLLECT_JS = r"""
async () => {
  const describe = (el) => {
    const holder = el.closest('[id]');
    const heading = el.closest('section')?.querySelector('h1, h2, h3, h4');
    return (holder ? '#' + holder.id : el.tagName.toLowerCase())
      + (heading
        ? ' (section "' + heading.textContent.replace(/[#¶]/g, '').trim() + '")'
        : '');
  };
  const out = {};
  const mj = window.MathJax;
  out.mathjaxLoaded = !!(mj && mj.startup && mj.startup.promise);
  out.mathjaxFinished = false;
  if (out.mathjaxLoaded) {
    const timeout = new Promise((resolve) => setTimeout(() => resolve(false), 180000));
    out.mathjaxFinished = await Promise.race(
      [mj.startup.promise.then(() => true), timeout]);
  }
  const math = [...document.querySelectorAll('.math')];
  out.mathCount = math.length;
  out.mjxCount = document.querySelectorAll('mjx-container').length;
  out.untypeset = math.filter((el) => !el.querySelector('mjx-container'))
    .map((el) => ({tex: el.textContent.trim().slice(0, 120), where: describe(el)}));

  // TeX source left as visible text, outside code and outside typeset math.
  const skip = 'script, style, pre, code, kbd, samp, textarea, noscript, '
    + 'mjx-container, .highlight';
  const patterns = [
    ['$$', /\$\$/], ['\\(', /\\\(/], ['\\)', /\\\)/], ['\\[', /\\\[/], ['\\]', /\\\]/],
    ['\\begin{', /\\begin\{/],
    ['$...$', /\$(?=\S)[^$\n]*?(\\[A-Za-z]+|[\^_{}])[^$\n]*?\$/],
  ];
  out.rawTex = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const parent = node.parentElement;
    if (!parent || parent.closest(skip)) continue;
    const text = node.textContent;
    for (const [name, re] of patterns) {
      const m = re.exec(text);
      if (m) {
        out.rawTex.push({pattern: name, where: describe(parent),
          snippet: text.slice(Math.max(0, m.index - 40), m.index + 60)
            .replace(/\s+/g, ' ').trim()});
        break;
      }
    }
  }

  out.images = [...document.images].map((img) => ({
    src: (img.getAttribute('src') || '').slice(0, 80),
    alt: img.getAttribute('alt'),
    broken: img.complete && img.naturalWidth === 0,
    where: describe(img),
  }));
  out.sliders = [...document.querySelectorAll('div.slider-figure')].map((div) => ({
    id: div.id,
    labels: [...div.querySelectorAll('input[type=range]')].map(
      (el) => el.getAttribute('aria-label')
        || el.closest('label')?.textContent.trim() || ''),
    hasImage: !!div.querySelector('img'),
  }));
  // Cells whose output shows a figure (an image or a slider figure): their code
  // should be collapsed behind the hide-input toggle, so the page reads as prose and
  // figures.
  out.figureCells = [...document.querySelectorAll('div.cell')]
    .filter((cell) =>
      cell.querySelector('.cell_output img, .cell_output .slider-figure'))
    .map((cell) => {
      const input = cell.querySelector('.cell_input');
      return {
        where: describe(cell),
        hideInputTag: cell.classList.contains('tag_hide-input'),
        // hidden when it sits in a closed <details> (Chromium still reports a layout
        // box for the content of a closed <details>, so its size says nothing)
        inputShown: !!(input && !input.closest('details:not([open])')
                       && input.getClientRects().length
                       && input.getBoundingClientRect().height > 0),
      };
    });
  out.downloads = [...document.querySelectorAll('.dropdown-download-buttons a')].map(
    (a) => ({text: a.textContent.trim(), href: a.href}));
  out.links = [
    ...new Set([...document.querySelectorAll('a[href]')].map((a) => a.href))];
  out.themeMode = document.documentElement.dataset.mode;
  return out;
}
"""


# After the page has settled: the figure images (cell outputs, figures, slider figures;
# not the theme's icons) with their natural size (pixels in the file) and the size they
# are displayed at (CSS pixels; the tests use a device pixel ratio of 1). Lazy images
# are made eager and decoded first, so their natural size is known.
IMAGES_JS = r"""
async () => {
  const images = [...document.querySelectorAll(
    'main .cell_output img, main figure img, main .slider-figure img, '
    + 'main .output img')];
  for (const img of images) img.loading = 'eager';
  await Promise.all(images.map((img) => img.decode().catch(() => null)));
  return images.map((img) => {
    const holder = img.closest('[id]');
    return {
      src: (img.getAttribute('src') || '').slice(0, 80),
      where: holder ? '#' + holder.id : 'img',
      naturalWidth: img.naturalWidth,
      naturalHeight: img.naturalHeight,
      displayedWidth: img.getBoundingClientRect().width,
      displayedHeight: img.getBoundingClientRect().height,
    };
  });
}
"""


@dataclass
class PageReport:
    """What one visit of a page saw (see :data:`COLLECT_JS` for the in-page part)."""

    rel: str
    url: str
    requests: list[str]
    external: list[str]
    bad_responses: list[str]
    failed_requests: list[str]
    console_errors: list[str]
    page_errors: list[str]
    dom: dict[str, Any]
    images: list[dict[str, Any]]
    ipynb_download: dict[str, Any] | None
    seconds: float


class Site:
    """The served book and a cache of page visits (each page opened once a session)."""

    def __init__(self, base_url: str, browser: Any, root: Path) -> None:
        self.base_url = base_url
        self.browser = browser
        self.root = root
        self._reports: dict[str, PageReport] = {}

    def url(self, rel: str) -> str:
        return self.base_url + rel

    def visit(self, rel: str) -> Visit:
        return Visit(self.browser, self.url(rel))

    def report(self, rel: str) -> PageReport:
        if rel not in self._reports:
            self._reports[rel] = self._inspect(rel)
        return self._reports[rel]

    def _inspect(self, rel: str) -> PageReport:
        started = time.perf_counter()
        visit = self.visit(rel)
        with visit as page:
            dom = page.evaluate(COLLECT_JS)
            visit.settle(page)
            images = page.evaluate(IMAGES_JS)
            download = (
                self._try_ipynb_download(page)
                if notebook_source(rel).is_file()
                else None
            )
        return PageReport(
            rel,
            visit.url,
            visit.requests,
            visit.external,
            visit.bad_responses,
            visit.failed_requests,
            visit.console_errors,
            visit.page_errors,
            dom,
            images,
            download,
            time.perf_counter() - started,
        )

    @staticmethod
    def _try_ipynb_download(page: Any) -> dict[str, Any]:
        """Open the download menu as a reader would; fetch its .ipynb entry's file."""
        result: dict[str, Any] = {"offered": False}
        toggle = page.locator(".dropdown-download-buttons button.dropdown-toggle")
        if toggle.count() != 1:
            result["problem"] = (
                f"{toggle.count()} download buttons on the page (expected 1)"
            )
            return result
        toggle.click()
        entry = page.locator(
            ".dropdown-download-buttons .dropdown-menu a", has_text=".ipynb"
        )
        try:
            entry.first.wait_for(state="visible", timeout=5_000)
        except Exception:  # noqa: BLE001 (Playwright's TimeoutError; reported below)
            result["problem"] = (
                "clicking the download button shows no visible .ipynb entry"
            )
            return result
        result["offered"] = True
        result["href"] = entry.first.evaluate("a => a.href")
        result.update(
            page.evaluate(
                "async (href) => { const r = await fetch(href);"
                " return {status: r.status, body: await r.text()}; }",
                result["href"],
            )
        )
        return result


def local_target(site: Site, url: str) -> Path | None:
    """The file a same-site URL points to (``None`` for other sites or no path)."""
    if not url.startswith(site.base_url):
        return None
    path = unquote(urlsplit(url).path).lstrip("/")
    target = site.root / path
    return target / "index.html" if (not path or path.endswith("/")) else target


def as_list(items: list[Any], limit: int = 15) -> str:
    """Items one per line for a failure message (at most ``limit``, then a count)."""
    lines = [
        "  - "
        f"{json.dumps(item, ensure_ascii=False) if isinstance(item, dict) else item}"
        for item in items[:limit]
    ]
    if len(items) > limit:
        lines.append(f"  ... and {len(items) - limit} more")
    return "\n".join(lines)
