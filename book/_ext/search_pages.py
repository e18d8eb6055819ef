"""The book's search page: chapters first, and snippets from the paragraphs.

Sphinx's search (``search.html``, ``searchtools.js`` over ``searchindex.js``) ranks a
match in an object's name (a class, method or attribute of ``book/api.md``, written by
autodoc) above a match in a chapter's text, so a search for "momentum" listed the API's
``Momentum``, ``Momentum.mu``, ``Momentum.step`` ... before the chapter on momentum.
And its snippet is the text around the search word in the page's ``[role=main]``
element, which in this theme starts with the page's buttons and its "Contents" list:
snippets read "... .ipynb .pdf Contents ...".

Sphinx's hook for both is ``html_search_scorer``, a JavaScript file it puts into
``language_data.js`` (loaded by the search page only). This extension sets it to
``search_scorer.js`` beside this file, which ranks the chapters first (then the other
prose pages, then the API reference) and makes the snippets from the paragraphs of the
page. ``tests/browser/test_search.py`` searches the built book in Chromium.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

SCORER = Path(__file__).with_name("search_scorer.js")


def use_book_scorer(app: Any, config: Any) -> None:
    """``config-inited`` handler."""
    config.html_search_scorer = str(SCORER)


def setup(app: Any) -> dict[str, Any]:
    app.connect("config-inited", use_book_scorer)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
