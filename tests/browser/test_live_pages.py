"""Live figures in the built book: each loads its scripts from ``_live/`` and trains.

The figures themselves are tested on standalone pages (``test_live_figure.py``); this
checks what only the build can show: the Sphinx extension shipped ``_live/*.js``, the
figure finds them from a chapter page (``data-content_root``), nothing else is fetched,
and pressing Play trains.
"""

from __future__ import annotations

from typing import Any

from bookbrowser import BENIGN_THEME_ERROR, BOOK_HTML, Site, book_pages


def live_pages() -> list[str]:
    return [
        rel
        for rel in book_pages()
        if 'class="live-figure"' in (BOOK_HTML / rel).read_text(encoding="utf-8")
    ]


def test_chapters_11_and_12_have_live_figures(book_dir: Any) -> None:
    assert live_pages() == [
        "book/11_regularization.html",
        "book/12_learning_rate_momentum.html",
    ]
    assert sorted(p.name for p in (book_dir / "_live").iterdir()) == [
        "live_figure.js",
        "trainer.js",
    ]
    assert not list((book_dir / "_static").rglob("trainer.js")), (
        "not in _static (every page)"
    )


def test_live_figures_train_in_the_built_book(site: Site, browser: Any) -> None:
    for rel in live_pages():
        problems = play_every_figure(site, browser, rel)
        assert not problems, f"{rel}: {problems}"


def play_every_figure(site: Site, browser: Any, rel: str) -> list[str]:
    """Open ``rel``, press Play on each live figure until 5 epochs ran; the problems."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on(
        "console",
        lambda m: (
            problems.append(m.text)
            if m.type == "error"
            and m.text != BENIGN_THEME_ERROR
            and not m.text.startswith("Failed to load resource")
            else None
        ),
    )
    page.on(
        "response",
        lambda r: (
            problems.append(f"HTTP {r.status} for {r.url}") if r.status >= 400 else None
        ),
    )
    page.on(
        "request",
        lambda r: (
            None
            if r.url.startswith(site.base_url) or r.url.startswith(("data:", "blob:"))
            else problems.append(f"outside: {r.url}")
        ),
    )
    try:
        page.goto(site.base_url + rel)
        page.wait_for_function(
            "[...document.querySelectorAll('figure.live-figure')]"
            ".every((f) => f.liveFigure && !f.hidden)"
        )
        for figure in page.locator("figure.live-figure").all():
            figure.scroll_into_view_if_needed()
            figure.locator("[data-action=play]").click()
            page.wait_for_function(
                "(f) => Number(f.querySelector('.live-epoch output').textContent) >= 5",
                arg=figure.element_handle(),
            )
    finally:
        context.close()
    return problems
