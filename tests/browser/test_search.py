"""The book's search page (``book/_ext/search_pages.py`` and ``search_scorer.js``).

A reader searching for a topic gets the chapters first (the API reference's many
entries after every prose page), and each result's snippet is text from the page's
paragraphs around the word, not the page's buttons (".ipynb", ".pdf") or its
"Contents" list.
"""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from bookbrowser import BENIGN_THEME_ERROR, Site, as_list

# (query, a chapter that must be among the first three results, a word the snippets of
# the first results must show)
SEARCHES = [
    ("momentum", "book/12_learning_rate_momentum.html", "momentum"),
    ("dropout", "book/13_dropout.html", "dropout"),
    ("cross-entropy", "book/05_cross_entropy.html", "entrop"),
]
CHAPTER = re.compile(r"^book/\d\d_\w+\.html$")
FIRST = 3  # the results a reader reads first

# The results once every snippet has come: link, page, and the snippet's text (null for
# an API entry, which shows its description instead).
RESULTS_JS = r"""
() => [...document.querySelectorAll('#search-results ul.search > li')].map((li) => ({
  href: li.querySelector('a').getAttribute('href'),
  snippet: li.querySelector('p.context')?.textContent ?? null,
  description: li.querySelector(':scope > span')?.textContent ?? null,
}))
"""

# The paragraphs of a page as the reader sees them (its <p> elements in the article).
PARAGRAPHS_JS = r"""
async (href) => {
  const html = await (await fetch(href)).text();
  const doc = new DOMParser().parseFromString(html, 'text/html');
  doc.querySelectorAll('.headerlink').forEach((el) => el.remove());
  doc.querySelectorAll('.math').forEach((el) => {
    el.textContent = el.textContent.replace(/^\\\(|\\\)$/g, '');
  });
  return [...doc.querySelectorAll('article.bd-article p')]
    .map((p) => p.textContent.replace(/\s+/g, ' ').trim()).join(' ');
}
"""


@pytest.mark.parametrize(
    "query, chapter, word", SEARCHES, ids=[q for q, _, _ in SEARCHES]
)
def test_search_lists_chapters_first_with_paragraph_snippets(
    site: Site, query: str, chapter: str, word: str
) -> None:
    visit = site.visit(f"search.html?q={quote(query)}")
    with visit as page:
        page.wait_for_function(
            "() => document.querySelector('#search-results .search-summary')"
            "?.textContent.includes('finished')",
            timeout=30_000,
        )
        # the snippets come one by one, each after its page is fetched
        page.wait_for_function(
            "(n) => [...document.querySelectorAll('#search-results ul.search > li')]"
            ".slice(0, n).every((li) => li.querySelector('p.context, :scope > span'))",
            arg=FIRST,
            timeout=30_000,
        )
        results = page.evaluate(RESULTS_JS)
        paragraphs = {
            result["href"]: page.evaluate(PARAGRAPHS_JS, result["href"])
            for result in results[:FIRST]
        }
    pages = [result["href"].split("#")[0].split("?")[0] for result in results]
    assert len(pages) > FIRST, f"{query!r}: only {len(pages)} results: {pages}"
    assert all(CHAPTER.match(p) for p in pages[:FIRST]), (
        f"{query!r}: the first results are not all chapters: {pages[:8]}"
    )
    assert chapter in pages[:FIRST], f"{query!r}: {chapter} not first: {pages[:8]}"
    # tiers: chapters, then the other prose pages, then the API reference
    tiers = [0 if CHAPTER.match(p) else 2 if p == "book/api.html" else 1 for p in pages]
    assert tiers == sorted(tiers), f"{query!r}: results out of tier order: {pages}"

    problems = []
    for result in results[:FIRST]:
        snippet = result["snippet"] or ""
        core = re.sub(r"^\.\.\.|\.\.\.$", "", snippet).strip()
        where = f"{result['href']}: {snippet[:90]!r}"
        if word not in snippet.lower():
            problems.append(f"{where} does not show {word!r}")
        if re.search(r"\bContents\b|\.pdf\b|\.ipynb\b", snippet):
            problems.append(f"{where} shows the page's buttons or contents list")
        if len(core) < 60 or core[:40] not in paragraphs[result["href"]]:
            problems.append(f"{where} is not text of the page's paragraphs")
    assert not problems, f"search for {query!r}:\n{as_list(problems)}"
    errors = [e for e in visit.console_errors if not e.startswith(BENIGN_THEME_ERROR)]
    assert not errors + visit.page_errors, as_list(errors + visit.page_errors)
