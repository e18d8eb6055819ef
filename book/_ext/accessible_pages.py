"""Accessible pages: fix what the theme and its extensions get wrong for assistive tech.

``tests/browser/test_accessibility.py`` runs axe-core (WCAG 2.1 A and AA, and best
practices) in every page and tabs through a chapter; this extension fixes what they
found in the markup that Sphinx, myst-nb, sphinxcontrib-bibtex and the theme write:

* A hidden code cell's toggle (myst-nb's ``<summary>``) carried the label "Toggle hidden
  content", which hid its visible text ("Show code cell source") from screen readers.
  The label goes; the visible text names the control.
* The search buttons were labelled "Search" while showing "Search Ctrl+K"; the shortcut
  becomes ``aria-keyshortcuts`` and its visible hint is hidden from assistive tech.
* The colour-mode button's icons carried titles ("Light", "Dark", ...) that became part
  of the button's text (the icon script turns a title into an SVG ``<title>``) and
  contradicted its label "Color mode"; the titles go (the button's tooltip stays).
* The bibliography's entries had the deprecated role ``doc-biblioentry`` inside a
  ``role="list"``, which then had no list items; they become list items.
* The book's title link, at the top of the left sidebar, was outside every landmark;
  the sidebar becomes one (a complementary landmark named "Book").
* Formulas were Tab stops (MathJax's menu puts every formula in the Tab order, hundreds
  on a page); MathJax is told to leave them out. The menu still opens with a right
  click, and the assistive MathML copy still reads each formula to a screen reader.

``book/_static/a11y.css`` adds the focus rings the theme leaves out, and
``book/_static/a11y.js`` names the solution dropdowns' buttons after their titles and
makes a displayed formula wider than its column a Tab stop (it scrolls sideways, and a
keyboard scrolls only what it can focus).

The markup is fixed in the written files, after the build (so the theme's templates are
not copied here); each fix is an exact pattern, and when the theme changes its markup
the browser tests fail rather than the fix silently doing nothing.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

# (what it fixes, pattern, replacement); each is idempotent (a fixed page no longer
# matches), so an incremental build may run them over pages fixed before.
FIXES: list[tuple[str, re.Pattern[str], str]] = [
    (
        "hidden code cell toggle: its visible text names it",
        re.compile(r'<summary aria-label="Toggle hidden content">'),
        "<summary>",
    ),
    (
        "search button: named by its visible text, shortcut as aria-keyshortcuts",
        re.compile(
            r'(<button class="btn search-button-field search-button__button[^"]*"'
            r' title="Search") aria-label="Search"'
        ),
        r'\1 aria-keyshortcuts="Control+K"',
    ),
    (
        "search button: the visible Ctrl+K hint is not part of its name",
        re.compile(r'<span class="search-button__kbd-shortcut">'),
        '<span class="search-button__kbd-shortcut" aria-hidden="true">',
    ),
    (
        "colour-mode button: its icons add no text to the label 'Color mode'",
        re.compile(r'(<i class="theme-switch [^"]*" data-mode="\w+")\s+title="[^"]*"'),
        r"\1",
    ),
    (
        "bibliography: entries are the items of their list",
        re.compile(r'(<div class="citation" id="[^"]*") role="doc-biblioentry"'),
        r'\1 role="listitem"',
    ),
    (
        "left sidebar: a landmark, so the book's title link (above the menu) is in one",
        re.compile(
            r'<div id="pst-primary-sidebar" class="bd-sidebar-primary bd-sidebar">'
        ),
        '<div id="pst-primary-sidebar" class="bd-sidebar-primary bd-sidebar"'
        ' role="complementary" aria-label="Book">',
    ),
]


def accessible_html(text: str) -> str:
    """``text`` (a written page) with every fix of :data:`FIXES` applied."""
    for _what, pattern, replacement in FIXES:
        text = pattern.sub(replacement, text)
    return text


def fix_pages(app: Any, exc: Exception | None) -> None:
    """``build-finished`` handler: rewrite every HTML page of the build."""
    if exc is not None or app.builder.format != "html":
        return
    for path in Path(app.outdir).rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        fixed = accessible_html(text)
        if fixed != text:
            path.write_text(fixed, encoding="utf-8")


def formulas_out_of_tab_order(app: Any) -> None:
    """``builder-inited`` handler (after MyST's): MathJax's menu keeps formulas out of
    the Tab order."""
    config = app.config.mathjax3_config or {}
    options = config.setdefault("options", {})
    menu = options.setdefault("menuOptions", {})
    menu.setdefault("settings", {})["inTabOrder"] = False
    app.config.mathjax3_config = config


def setup(app: Any) -> dict[str, Any]:
    # MyST sets mathjax3_config["options"] at builder-inited (priority 500): run after.
    app.connect("builder-inited", formulas_out_of_tab_order, priority=900)
    app.connect("build-finished", fix_pages)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
