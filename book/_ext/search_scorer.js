/* The book's search ranking and snippets (book/_ext/search_pages.py).
 *
 * Sphinx puts this file into language_data.js, which only the search page loads, before
 * its searchtools.js; a `Scorer` defined here replaces Sphinx's default one.
 *
 * Ranking: Sphinx's weights, then the chapters first. A result from a page that is not
 * a chapter (introduction, notation, errata, bibliography) goes below every chapter, and
 * the API reference (book/api: one entry per class, method and attribute, which would
 * otherwise crowd out the prose) below those.
 *
 * Snippets: Sphinx shows the text around the first search word found in the page's
 * [role=main] element, which in this theme begins with the page's header buttons
 * (".ipynb", ".pdf") and its "Contents" list; a word found there, or nowhere, gave a
 * snippet of buttons. Here the text is the page's paragraphs only (the article's <p>
 * elements, not code, outputs, navigation or headers), with maths as its TeX.
 */
var Scorer = {
  // Sphinx 7.4's weights (searchtools.js)
  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: { 0: 15, 1: 5, 2: -5 },
  objPrioDefault: 0,
  title: 15,
  partialTitle: 7,
  term: 5,
  partialTerm: 2,

  // one place below every chapter: larger than any score Sphinx gives one result
  tier: 1000,

  score: (result) => {
    const [docname, _title, _anchor, descr, score] = result;
    if (/^book\/\d\d_/.test(docname)) return score;  // a chapter: book/NN_name
    if (docname === "book/api" || descr) return score - 2 * Scorer.tier;
    return score - Scorer.tier;
  },
};

var BookSearch = {
  // The paragraphs of a page (or of the section `anchor`), as one text.
  paragraphs: (htmlString, anchor) => {
    const doc = new DOMParser().parseFromString(htmlString, "text/html");
    const article = doc.querySelector("article.bd-article") ||
      doc.querySelector('[role="main"]');
    if (!article) return "";
    let root = article;
    if (anchor) {
      const section = article.querySelector(anchor);
      if (section) root = section;
    }
    root.querySelectorAll(".headerlink, script, style").forEach((el) => el.remove());
    root.querySelectorAll(".math").forEach((el) => {
      el.textContent = el.textContent.replace(/^\\\(|\\\)$/g, "");
    });
    const skip = "nav, header, .cell_input, .cell_output, .admonition-title, " +
      ".caption, .toctree-wrapper, .bd-toc, .prev-next-area";
    const text = [...root.querySelectorAll("p")]
      .filter((p) => !p.closest(skip))
      .map((p) => p.textContent.replace(/\s+/g, " ").trim())
      .filter((t) => t)
      .join(" ");
    return text || article.textContent.replace(/\s+/g, " ").trim();
  },
  // Sphinx's snippet, 240 characters around a match, but centred where every term of
  // the query occurs within the window when there is such a place (Sphinx centres on
  // the first occurrence of one term: "cross" of "cross-validation" for
  // "cross-entropy").
  summary: (htmlText, keywords, anchor) => {
    const text = Search.htmlToText(htmlText, anchor);
    if (text === "") return null;
    const lower = text.toLowerCase();
    // the terms are stems ("entropi" for "entropy"): match all but their last letter
    const terms = [...keywords].map((k) => k.toLowerCase())
      .map((k) => (k.length > 4 ? k.slice(0, -1) : k));
    const found = terms.map((k) => lower.indexOf(k)).filter((i) => i > -1);
    let position = found.slice(-1)[0];
    for (let i = lower.indexOf(terms[0]); i > -1; i = lower.indexOf(terms[0], i + 1)) {
      const window = lower.substr(Math.max(i - 120, 0), 240);
      if (terms.every((k) => window.includes(k))) {
        position = i;
        break;
      }
    }
    const start = Math.max(position - 120, 0);
    const summary = document.createElement("p");
    summary.classList.add("context");
    summary.textContent = (start === 0 ? "" : "...") + text.substr(start, 240).trim() +
      (start + 240 < text.length ? "..." : "");
    return summary;
  },
};

// Search (searchtools.js) is defined once every script has run; the snippets are made
// after the search index loads, so replacing the function when the page is parsed is in
// time.
document.addEventListener("DOMContentLoaded", () => {
  if (typeof Search === "undefined") return;
  Search.htmlToText = BookSearch.paragraphs;
  Search.makeSearchSummary = BookSearch.summary;
});
