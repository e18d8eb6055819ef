"""Every page of the built book, opened in headless Chromium as a new reader would.

Each page is loaded once (see ``Site.report`` in ``bookbrowser.py``); the tests below
each judge one aspect of that visit, so a failure names the page and the check.
"""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from bookbrowser import (
    BENIGN_THEME_ERROR,
    BOOK_HTML,
    PageReport,
    Site,
    as_list,
    is_local,
    local_target,
)


def test_no_page_shows_a_python_traceback() -> None:
    """An error in a figure's display formatter prints a traceback as an output without
    failing the build (chapter 16's colour-bar figure did); no chapter may show one.
    (The API page may: a docstring example can show an expected error.)"""
    chapters = sorted((BOOK_HTML / "book").glob("[0-9][0-9]_*.html"))
    assert len(chapters) == 16
    shown = [
        path.name
        for path in chapters
        if "Traceback (most recent call last)" in path.read_text(encoding="utf-8")
    ]
    assert shown == []


def test_index_redirects_to_the_introduction(site: Site) -> None:
    with site.visit("index.html") as page:
        page.wait_for_url("**/book/intro.html", timeout=10_000)
        assert page.title(), "book/intro.html (reached from index.html) has no title"


def test_math_is_typeset(page_report: PageReport) -> None:
    """MathJax has run, every math element is typeset, and no TeX shows as text."""
    dom, rel = page_report.dom, page_report.rel
    if dom["mathCount"]:
        assert dom["mathjaxLoaded"], (
            f"{rel}: {dom['mathCount']} math elements, but MathJax did not load "
            "(window.MathJax.startup missing)"
        )
        assert dom["mathjaxFinished"], (
            f"{rel}: MathJax did not finish typesetting within 60 s"
        )
        assert not dom["untypeset"], (
            f"{rel}: {len(dom['untypeset'])} of {dom['mathCount']} math elements have "
            f"no mjx-container (not typeset):\n{as_list(dom['untypeset'])}"
        )
        assert dom["mjxCount"] >= dom["mathCount"], (
            f"{rel}: {dom['mathCount']} math elements but only "
            f"{dom['mjxCount']} typeset formulas"
        )
    assert not dom["rawTex"], (
        f"{rel}: TeX source is visible as plain text (outside code blocks), so it was "
        f"not typeset:\n{as_list(dom['rawTex'])}"
    )


def test_no_request_leaves_localhost(page_report: PageReport) -> None:
    """The book works offline: nothing is fetched elsewhere (CDNs, fonts, trackers)."""
    assert not page_report.external, (
        f"{page_report.rel}: {len(page_report.external)} requests to other hosts "
        f"(blocked by the test):\n{as_list(sorted(set(page_report.external)))}"
    )
    # Belt and braces: everything the page asked for was seen by the
    # request recorder as local.
    strays = [url for url in page_report.requests if not is_local(url)]
    assert not strays, f"{page_report.rel}: non-local requests:\n{as_list(strays)}"


def test_no_console_errors(page_report: PageReport) -> None:
    """No JavaScript exceptions or console errors (but one documented theme quirk)."""
    rel = page_report.rel
    assert not page_report.page_errors, (
        f"{rel}: uncaught JavaScript errors:\n{as_list(page_report.page_errors)}"
    )
    errors = [
        e for e in page_report.console_errors if not e.startswith(BENIGN_THEME_ERROR)
    ]
    assert not errors, f"{rel}: console errors:\n{as_list(errors)}"
    # The tolerated theme message is only harmless if the theme did recover to "auto".
    assert page_report.dom["themeMode"] in ("auto", "light", "dark"), (
        f"{rel}: the colour theme ended in mode {page_report.dom['themeMode']!r}"
    )


def test_images_have_alt_text(page_report: PageReport) -> None:
    """Every image (figures, outputs, slider frames, logos) describes itself."""
    missing = [
        image for image in page_report.dom["images"] if not (image["alt"] or "").strip()
    ]
    assert not missing, (
        f"{page_report.rel}: {len(missing)} of {len(page_report.dom['images'])} images "
        f"have no alt text:\n{as_list(missing)}"
    )


def test_no_failed_subresources(page_report: PageReport) -> None:
    """No status >= 400, no failed local request, no image that fails to decode."""
    rel = page_report.rel
    problems = page_report.bad_responses + page_report.failed_requests
    problems += [
        f"broken image {image['src']!r} at {image['where']}"
        for image in page_report.dom["images"]
        if image["broken"]
    ]
    assert not problems, f"{rel}: resources that failed to load:\n{as_list(problems)}"


def test_internal_links_resolve(site: Site, page_report: PageReport) -> None:
    """Every link to another part of the book points to a file that exists."""
    dead = []
    for url in page_report.dom["links"]:
        target = local_target(site, url)
        if target is not None and not target.is_file():
            dead.append(url)
    assert not dead, f"{page_report.rel}: links to missing files:\n{as_list(dead)}"


def test_notebook_page_offers_its_ipynb(site: Site, notebook_page: str) -> None:
    """A notebook chapter's download menu offers the .ipynb, and the link serves it."""
    if notebook_page.startswith("<"):
        pytest.fail("the built book has no notebook pages (no _sources/**/*.ipynb)")
    report = site.report(notebook_page)
    download = report.ipynb_download
    assert download and download["offered"], (
        f"{notebook_page}: the download button does not offer the notebook: "
        f"{(download or {}).get('problem', 'no download menu')}; menu entries: "
        f"{report.dom['downloads']}"
    )
    expected = "_sources/" + notebook_page[: -len(".html")] + ".ipynb"
    assert download["href"].endswith(expected), (
        f"{notebook_page}: the .ipynb entry links to "
        f"{download['href']}, expected .../{expected}"
    )
    assert download["status"] == 200, (
        f"{notebook_page}: fetching {download['href']} gave HTTP {download['status']}"
    )
    try:
        notebook = json.loads(download["body"])
    except json.JSONDecodeError as error:
        pytest.fail(f"{notebook_page}: {download['href']} is not JSON ({error})")
    assert notebook.get("nbformat") == 4 and isinstance(notebook.get("cells"), list), (
        f"{notebook_page}: {download['href']} is not a version-4 notebook "
        f"(nbformat={notebook.get('nbformat')!r})"
    )
    assert notebook["cells"], f"{notebook_page}: the downloaded notebook has no cells"


SEARCHES = [
    ("backpropagation", "book/06_backpropagation.html"),
    ("perceptron", "book/02_perceptron.html"),
]


@pytest.mark.parametrize("query, expected", SEARCHES, ids=[q for q, _ in SEARCHES])
def test_search_finds_the_chapter(site: Site, query: str, expected: str) -> None:
    """The offline search (search.html + searchindex.js) finds the word's chapter."""
    visit = site.visit(f"search.html?q={quote(query)}")
    with visit as page:
        summary = page.locator("#search-results .search-summary")
        summary.wait_for(state="attached", timeout=15_000)
        page.wait_for_function(
            "() => document.querySelector('#search-results .search-summary')"
            ".textContent.includes('finished')",
            timeout=15_000,
        )
        hits = page.eval_on_selector_all(
            "#search-results ul.search li a",
            "links => links.map(a => a.getAttribute('href'))",
        )
        summary_text = summary.text_content()
    pages = sorted({href.split("?")[0].split("#")[0] for href in hits})
    assert expected in pages, (
        f"search.html?q={query}: results do not include {expected} "
        f"({summary_text.strip()!r}; pages found: {pages})"
    )
    errors = [e for e in visit.console_errors if not e.startswith(BENIGN_THEME_ERROR)]
    assert not errors + visit.page_errors, (
        f"search.html?q={query}: console errors:\n{as_list(errors + visit.page_errors)}"
    )
    assert not visit.external, (
        f"search.html?q={query}: requests to other hosts:\n{as_list(visit.external)}"
    )
    assert not visit.bad_responses + visit.failed_requests, (
        f"search.html?q={query}: failed resources:\n"
        f"{as_list(visit.bad_responses + visit.failed_requests)}"
    )


def test_figures_are_sharp(page_report: PageReport) -> None:
    """Every figure image has at least twice as many pixels across as it is displayed
    wide, so it stays sharp on screens with 2x pixel density (``use_book_style`` sends
    retina PNGs)."""
    blurry = [
        image
        for image in page_report.images
        if image["displayedWidth"] > 0
        and image["naturalWidth"] < 2 * image["displayedWidth"] - 1
    ]
    assert not blurry, (
        f"{page_report.rel}: {len(blurry)} images have fewer than 2 pixels per "
        f"displayed CSS pixel (naturalWidth < 2 x displayed width):\n{as_list(blurry)}"
    )


def test_figures_keep_their_aspect_ratio(page_report: PageReport) -> None:
    """A figure scaled to fit the page is not squeezed (fixed height, scaled width)."""
    squeezed = [
        image
        for image in page_report.images
        if image["displayedWidth"] > 0
        and image["naturalHeight"] > 0
        and abs(
            image["displayedWidth"] / image["displayedHeight"]
            - image["naturalWidth"] / image["naturalHeight"]
        )
        > 0.02 * image["naturalWidth"] / image["naturalHeight"]
    ]
    assert not squeezed, (
        f"{page_report.rel}: {len(squeezed)} images are shown with another aspect "
        f"ratio than their pixels (distorted):\n{as_list(squeezed)}"
    )


def test_figure_code_is_collapsed(page_report: PageReport) -> None:
    """A cell drawing a figure is tagged hide-input, and its code starts collapsed."""
    open_code = [
        cell
        for cell in page_report.dom["figureCells"]
        if not cell["hideInputTag"] or cell["inputShown"]
    ]
    assert not open_code, (
        f"{page_report.rel}: {len(open_code)} cells with a figure show their code (tag "
        f"the cell 'hide-input'):\n{as_list(open_code)}"
    )


# What a check prints after a reader's answer, and what a developer's timing print looks
# like: neither belongs on a static page, where no reader has run anything yet.
# (Case matters: "not yet had the chance" in the prose is not a verdict.)
NOT_ON_A_STATIC_PAGE = ["Not yet.", "Right!", "❌", "✅", "redraw time"]


def test_static_page_shows_no_feedback_or_timing(notebook_page: str, book_dir) -> None:
    if notebook_page.startswith("<"):
        pytest.fail("the built book has no notebook pages (no _sources/**/*.ipynb)")
    html = (book_dir / notebook_page).read_text(encoding="utf-8")
    found = [text for text in NOT_ON_A_STATIC_PAGE if text in html]
    assert not found, (
        f"{notebook_page}: the built page contains {found}: exercise feedback before "
        "the reader has answered, or a developer's timing output"
    )


# For each slider figure: its settings shown as code (`.slider-code`, a <pre>/<code>
# inside the figure) and whether that code changes when each slider moves one position.
SLIDER_CODE_JS = r"""
() => [...document.querySelectorAll('div.slider-figure')].map((root) => {
  const code = root.querySelector('.slider-code');
  const result = {id: root.id, hasCode: !!code,
                  isCode: !!(code && (code.matches('pre, code')
                                      || code.querySelector('pre, code'))),
                  unchanged: []};
  if (!code) return result;
  root.querySelectorAll('input[type=range]').forEach((el, index) => {
    const before = code.textContent;
    const start = el.value;
    el.value = String(
      Number(el.value) === Number(el.max) ? Number(el.min) : Number(el.max));
    el.dispatchEvent(new Event('input', {bubbles: true}));
    if (code.textContent === before)
      result.unchanged.push(el.getAttribute('aria-label') || `slider ${index + 1}`);
    el.value = start;
    el.dispatchEvent(new Event('input', {bubbles: true}));
  });
  return result;
})
"""


def test_slider_figures_show_their_settings_as_code(
    site: Site, slider_page: str
) -> None:
    """Each slider figure shows the call that draws the current picture, and it follows
    the sliders (the marker is ``.slider-figure .slider-code``, a ``<pre>`` or
    ``<code>``)."""
    if slider_page.startswith("<"):
        pytest.fail(
            "no page of the built book contains a slider figure (div.slider-figure)"
        )
    with site.visit(slider_page) as page:
        figures = page.evaluate(SLIDER_CODE_JS)
    problems = []
    for figure in figures:
        where = f"figure #{figure['id']}"
        if not figure["hasCode"]:
            problems.append(
                f"{where}: no .slider-code element showing the settings as code"
            )
        elif not figure["isCode"]:
            problems.append(
                f"{where}: .slider-code is neither nor holds a <pre>/<code> block"
            )
        problems += [
            f"{where}: moving {label!r} does not change the code"
            for label in figure["unchanged"]
        ]
    assert figures and not problems, (
        f"{slider_page}: slider figures without their settings "
        f"as code:\n{as_list(problems)}"
    )
