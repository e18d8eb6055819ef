"""The whole book as one PDF, ``_build/html/ffnn-edu.pdf``, printed by headless
Chromium.

Run after the HTML build (``make pdf``; ``make test`` runs it between the build and the
browser tests, which check the PDF in ``tests/browser/test_pdf.py``). Offline: the built
book is served from this machine and nothing else is fetched.

The pages of ``_toc.yml`` are put, in order, into one print document:

* each page's article, its anchors and links made unique in the one document (a link to
  another page of the book jumps inside the PDF);
* set-up code collapsed behind "Show code cell source" is left out, visible code and
  every output are kept;
* each exercise's solution (a dropdown in the web book) moves to an appendix at the end,
  grouped by chapter; the exercise keeps a pointer to it;
* a slider figure becomes a grid of a few of its pre-drawn frames, each captioned with
  its settings; a live figure (it trains in the web page) keeps its printed note;
* answer boxes and other form controls are left out.

Chromium typesets the maths with the book's own MathJax, then prints the body once:
A4, page numbers in the footer, tagged (accessible), with PDF bookmarks from the
headings (one top-level bookmark per page of the book, its sections below it). The
bookmarks tell where each chapter starts, so the title page and the contents are
printed next, with those page numbers, and put in front (labelled i, ii; the body's
pages are labelled as their footers read).
"""

from __future__ import annotations

import argparse
import copy
import html
import io
import json
import logging
import re
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import yaml
from bs4 import BeautifulSoup, Tag
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "browser"))
from bookbrowser import CHROMIUM, CHROMIUM_ARGS, served  # noqa: E402

PDF_NAME = "ffnn-edu.pdf"  # book/_ext/pdf_link.py links to this name
# The two print documents are served from memory (never written into the site), from the
# folder of the chapters so that their relative links to images and styles hold.
BODY_PAGE = "book/__print_body__.html"
FRONT_PAGE = "book/__print_front__.html"
# The contents link to this prefix plus a page number; assemble() makes them page jumps.
PAGE_LINK = "https://print.invalid/page/"
# Pages of the web book left out of the PDF, with what the contents page says instead.
LEFT_OUT = {
    "book/api": "The API reference (some 180 printed pages of docstrings) is in "
    "the web book only.",
}
FRAMES = re.compile(r"var frames=(\{.*?\});var codes=", re.S)

PRINT_CSS = """
@page { size: A4; margin: 16mm 15mm 18mm 15mm; }
html { font-size: 15px; }
body { margin: 0; background: white; }
.pdf-page { break-before: page; }
h1, h2, h3, h4 { break-after: avoid; }
h1 { font-size: 2rem; } h2 { font-size: 1.5rem; } h3 { font-size: 1.2rem; }
img, figure, .pdf-slider-grid figure, table, .admonition { break-inside: avoid; }
img { max-width: 100% !important; height: auto !important; }
pre { white-space: pre-wrap !important; overflow-wrap: anywhere;
      overflow: visible !important;
      font-size: 0.78rem; break-inside: auto; }
div.highlight { overflow: visible !important; }
table { font-size: 0.85rem; max-width: 100%; }
.cell_output { max-height: none !important; overflow: visible !important; }
.pdf-title { text-align: center; margin-top: 35%; }
.pdf-title .pdf-book-title { font-size: 2.2rem; font-weight: 700; line-height: 1.25; }
.pdf-title p { font-size: 1.1rem; }
.pdf-contents-title { font-size: 2rem; font-weight: 700; margin: 0 0 0.6em; }
.pdf-toc { list-style: none; padding: 0; font-size: 1rem; }
.pdf-toc li { display: flex; align-items: baseline; margin: 0.25em 0; }
.pdf-toc li.pdf-toc-part { font-weight: 700; margin-top: 0.9em; }
.pdf-toc a { color: inherit; text-decoration: none; }
.pdf-toc .pdf-toc-dots { flex: 1; border-bottom: 1px dotted #888; margin: 0 0.4em; }
.pdf-toc .pdf-toc-number { min-width: 2.5em; text-align: right; }
.pdf-slider-grid { display: grid; grid-template-columns: 1fr 1fr; gap: 0.6em 1em;
                   margin: 0.5em 0; }
.pdf-slider-grid figure { margin: 0; }
.pdf-slider-grid figcaption, .pdf-slider-note { font-size: 0.85rem; }
.pdf-slider-note { font-style: italic; }
.pdf-solution-pointer { font-style: italic; }
.pdf-solution .pdf-back { font-size: 0.85rem; }
a { color: #1a5fa8; }
"""

FOOTER = (
    '<div style="font-size:8pt;width:100%;text-align:center;color:#444;'
    'font-family:sans-serif"><span class="pageNumber"></span> / '
    '<span class="totalPages"></span></div>'
)


def toc_pages(repo: Path) -> list[tuple[str | None, str]]:
    """``(part caption or None, page path)`` in book order; a path reads
    ``"book/02_perceptron.html"``."""
    toc = yaml.safe_load((repo / "_toc.yml").read_text(encoding="utf-8"))
    pages: list[tuple[str | None, str]] = [(None, toc["root"] + ".html")]
    for part in toc.get("parts", []):
        for chapter in part.get("chapters", []):
            if chapter["file"] in LEFT_OUT:
                continue
            pages.append((part.get("caption"), chapter["file"] + ".html"))
    return pages


def page_key(rel: str) -> str:
    """The anchor of a page in the print document (``p-02_perceptron``)."""
    return "p-" + Path(rel).stem


def heading_text(tag: Tag) -> str:
    return " ".join(tag.get_text(" ", strip=True).split())


def evenly(count: int, default: int, wanted: int) -> list[int]:
    """``wanted`` positions out of ``count``, evenly spread, always with ``default``."""
    if wanted >= count:
        return list(range(count))
    step = (count - 1) / max(wanted - 1, 1)
    picks = sorted({round(i * step) for i in range(wanted)})
    if default not in picks:
        nearest = min(picks, key=lambda i: (abs(i - default), i))
        picks = sorted({*picks, default} - {nearest})
    return picks


def slider_grid(soup: BeautifulSoup, figure: Tag, script: Tag | None) -> Tag:
    """A small grid of a slider figure's pre-drawn frames, each captioned with its
    settings.

    One slider: four positions. Two: three of the first times two of the second. More:
    two of the first and the others at their starting value. The starting frame is
    always among them, and is named so.
    """
    match = FRAMES.search(script.string or "") if script is not None else None
    if match is None:
        raise ValueError(f"slider figure {figure.get('id')}: no frames in its script")
    frames = json.loads(match.group(1))
    sliders = []
    for label in figure.select("label"):
        control = label.find("input")
        sliders.append(
            (
                label.find("span").get_text(strip=True),
                json.loads(control["data-values"]),
                int(control["value"]),
            )
        )
    wanted = {1: [4], 2: [3, 2]}.get(len(sliders), [2] + [1] * (len(sliders) - 1))
    picks = [
        evenly(len(values), start, k)
        for (_, values, start), k in zip(sliders, wanted, strict=True)
    ]
    start_key = ",".join(str(start) for _, _, start in sliders)
    image = figure.find("img")
    alt = image.get("alt", "") if image else ""
    grid = soup.new_tag("div", attrs={"class": "pdf-slider-grid"})
    keys = [[]]
    for positions in picks:
        keys = [key + [i] for key in keys for i in positions]
    for key in keys:
        name = ",".join(map(str, key))
        settings = ", ".join(
            f"{label} = {values[i]}"
            for (label, values, _), i in zip(sliders, key, strict=True)
        )
        cell = soup.new_tag("figure")
        cell.append(
            soup.new_tag(
                "img", attrs={"src": frames[name], "alt": f"{alt} ({settings})"}
            )
        )
        caption = soup.new_tag("figcaption")
        caption.string = settings + (
            " (the starting setting)" if name == start_key else ""
        )
        cell.append(caption)
        grid.append(cell)
    note = soup.new_tag("p", attrs={"class": "pdf-slider-note"})
    ranges = "; ".join(f"{label}: {', '.join(values)}" for label, values, _ in sliders)
    note.string = (
        f"A slider figure, printed at {len(keys)} of its settings. In the web book the "
        f"sliders choose among {ranges}."
    )
    holder = soup.new_tag("div", attrs={"class": "pdf-slider"})
    holder.append(note)
    holder.append(grid)
    return holder


def rewrite_links(article: Tag, rel: str, keys: dict[str, str]) -> None:
    """Make ids unique in the one document and point links between pages inside it."""
    key = keys[rel]
    for tag in article.select("[id]"):
        tag["id"] = f"{key}--{tag['id']}"
    for link in article.select("a[href]"):
        href = link["href"]
        if urlsplit(href).scheme:
            continue
        target = urlsplit(urljoin(rel, href))
        if target.path in keys:
            anchor = keys[target.path]
            link["href"] = (
                f"#{anchor}--{target.fragment}" if target.fragment else f"#{anchor}"
            )
        else:
            link.unwrap()  # a file of the web site (source, index): none in print


def page_article(
    soup: BeautifulSoup, rel: str, keys: dict[str, str], chapter: str
) -> tuple[Tag, list[dict[str, Any]]]:
    """The print version of one page's article, and the solutions taken out of it."""
    article = soup.select_one("article.bd-article")
    if article is None:
        raise ValueError(f"{rel}: no <article class='bd-article'> (not a built page?)")
    for tag in article.select(
        "a.headerlink, details.hide.above-input, figure.live-figure"
    ):
        tag.decompose()
    for figure in article.select("div.slider-figure"):
        script = figure.find_next_sibling("script")
        figure.replace_with(slider_grid(soup, figure, script))
    for tag in article.select("script, form, input, textarea, select, button"):
        tag.decompose()
    for details in article.select("details"):
        details["open"] = ""
    solutions = []
    for number, box in enumerate(article.select("div.admonition.dropdown"), start=1):
        title = box.select_one(".admonition-title")
        if title is None or not heading_text(title).startswith("Solution"):
            box["class"] = [c for c in box["class"] if c != "dropdown"]
            continue
        label = f"{chapter}.{number}" if chapter else str(number)
        anchor = f"solution-{keys[rel]}-{number}"
        section = box.find_parent("section")
        heading = section.find(re.compile("^h[1-6]$")) if section else None
        pointer = soup.new_tag(
            "p", attrs={"class": "pdf-solution-pointer", "id": f"exercise-{anchor}"}
        )
        link = soup.new_tag("a", attrs={"href": f"#{anchor}"})
        link.string = f"Solution {label}"
        pointer.append(link)
        pointer.append(" is in the Solutions appendix at the end of the book.")
        box.replace_with(pointer)
        title.decompose()
        solutions.append(
            {
                "label": label,
                "anchor": anchor,
                "section": heading_text(heading) if heading else "",
                "box": box,
            }
        )
    rewrite_links(article, rel, keys)
    wrapper = soup.new_tag("section", attrs={"class": "pdf-page", "id": keys[rel]})
    for child in list(article.children):
        wrapper.append(child)
    return wrapper, solutions


def solutions_appendix(
    soup: BeautifulSoup, chapters: list[tuple[str, list[dict[str, Any]]]]
) -> Tag:
    appendix = soup.new_tag("section", attrs={"class": "pdf-page", "id": "p-solutions"})
    title = soup.new_tag("h1")
    title.string = "Solutions"
    appendix.append(title)
    intro = soup.new_tag("p")
    intro.string = (
        "The solutions to every chapter's exercises, collected here so that they "
        "are read after the exercise is tried (the web book hides each behind a "
        "toggle)."
    )
    appendix.append(intro)
    for chapter_title, solutions in chapters:
        if not solutions:
            continue
        section = soup.new_tag("section")
        heading = soup.new_tag("h2")
        heading.string = chapter_title
        section.append(heading)
        for solution in solutions:
            box = solution["box"]
            block = soup.new_tag(
                "div", attrs={"class": "pdf-solution", "id": solution["anchor"]}
            )
            name = soup.new_tag("h3")
            name.string = f"Solution {solution['label']}" + (
                f" ({solution['section']})" if solution["section"] else ""
            )
            block.append(name)
            for child in list(box.children):
                block.append(child)
            back = soup.new_tag("p", attrs={"class": "pdf-back"})
            link = soup.new_tag("a", attrs={"href": f"#exercise-{solution['anchor']}"})
            link.string = "Back to the exercise"
            back.append(link)
            block.append(back)
            section.append(block)
        appendix.append(section)
    return appendix


def has_mathjax(soup: BeautifulSoup) -> bool:
    """Whether the page loads MathJax (light_pages loads it only for maths)."""
    return any(
        "window.MathJax" in (script.string or "") or "mathjax" in script.get("src", "")
        for script in soup.head.select("script")
    )


def maths_page(html_dir: Path, repo: Path) -> BeautifulSoup:
    """The first page of the book that loads MathJax: the print document's scripts."""
    for _, rel in toc_pages(repo):
        soup = BeautifulSoup(
            (html_dir / rel).read_text(encoding="utf-8"), "html.parser"
        )
        if has_mathjax(soup):
            return soup
    raise RuntimeError("no page of the built book loads MathJax")


def html_shell(
    first: BeautifulSoup, title: str, maths: BeautifulSoup
) -> tuple[BeautifulSoup, Tag]:
    """An empty print document with the book's stylesheets and MathJax (taken from
    ``maths``, a page that loads it), and its <main>."""
    doc = BeautifulSoup(
        '<!DOCTYPE html><html lang="en" data-theme="light" data-mode="light">'
        "<head><meta charset='utf-8'></head><body><main class='bd-content'>"
        "</main></body></html>",
        "html.parser",
    )
    title_tag = doc.new_tag("title")
    title_tag.string = title
    doc.head.append(title_tag)
    for link in first.head.select("link[rel=stylesheet]"):
        doc.head.append(copy.copy(link))
    for script in maths.head.select("script"):
        if "window.MathJax" in (script.string or "") or "mathjax" in script.get(
            "src", ""
        ):
            doc.head.append(copy.copy(script))
    style = doc.new_tag("style")
    style.string = PRINT_CSS
    doc.head.append(style)
    return doc, doc.select_one("main")


def book_title(first: BeautifulSoup) -> str:
    return first.title.get_text().split(" \u2014 ")[-1]


def body_document(html_dir: Path, repo: Path) -> tuple[str, list[tuple[str, str]]]:
    """The book's pages and the solutions appendix as one HTML document, and its
    contents: ``(kind, title)`` pairs, kind ``"part"`` (a part's caption) or ``"page"``
    (an h1)."""
    pages = toc_pages(repo)
    keys = {rel: page_key(rel) for _, rel in pages}
    first = BeautifulSoup(
        (html_dir / pages[0][1]).read_text(encoding="utf-8"), "html.parser"
    )
    doc, main = html_shell(first, book_title(first), maths_page(html_dir, repo))
    contents: list[tuple[str, str]] = []
    collected = []
    part = None
    for caption, rel in pages:
        soup = BeautifulSoup(
            (html_dir / rel).read_text(encoding="utf-8"), "html.parser"
        )
        h1 = soup.select_one("article.bd-article h1")
        number_tag = h1.select_one(".section-number") if h1 else None
        chapter = number_tag.get_text(strip=True).rstrip(".") if number_tag else ""
        section, solutions = page_article(soup, rel, keys, chapter)
        title = heading_text(section.find("h1"))
        collected.append((title, solutions))
        main.append(section)
        if caption and caption != part:
            part = caption
            contents.append(("part", caption))
        contents.append(("page", title))
    main.append(solutions_appendix(doc, collected))
    contents.append(("page", "Solutions"))
    return str(doc), contents


def front_document(
    html_dir: Path, repo: Path, contents: list[tuple[str, str]], numbers: dict[str, int]
) -> str:
    """The title page and the contents, with each entry's page number (``numbers``).

    An entry links to ``PAGE_LINK + number``; :func:`assemble` turns these links into
    jumps to that page.
    """
    first_rel = toc_pages(repo)[0][1]
    first = BeautifulSoup(
        (html_dir / first_rel).read_text(encoding="utf-8"), "html.parser"
    )
    title = book_title(first)
    doc, main = html_shell(first, title, maths_page(html_dir, repo))
    main.append(
        BeautifulSoup(
            f'<div class="pdf-title"><p class="pdf-book-title">{html.escape(title)}</p>'
            "<p>The whole book in one file: every chapter with its outputs and "
            "figures; the solutions to the exercises are collected at the end.</p>"
            f"<p>Printed from the web book on {time.strftime('%Y-%m-%d')}.</p></div>",
            "html.parser",
        )
    )
    items = []
    for kind, entry in contents:
        if kind == "part":
            items.append(f'<li class="pdf-toc-part">{html.escape(entry)}</li>')
        else:
            items.append(
                f'<li><a href="{PAGE_LINK}{numbers[entry]}">{html.escape(entry)}</a>'
                '<span class="pdf-toc-dots"></span>'
                f'<span class="pdf-toc-number">{numbers[entry]}</span></li>'
            )
    notes = "".join(f"<p>{html.escape(note)}</p>" for note in LEFT_OUT.values())
    main.append(
        BeautifulSoup(
            '<section class="pdf-page"><p class="pdf-contents-title">Contents</p>'
            f'<ol class="pdf-toc">{"".join(items)}</ol>{notes}</section>',
            "html.parser",
        )
    )
    return str(doc)


READY_JS = """
async () => {
  if (window.MathJax && MathJax.startup) await MathJax.startup.promise;
  const images = [...document.images];
  await Promise.all(images.map((img) => img.decode().catch(() => null)));
  await document.fonts.ready;
  const untypeset = [...document.querySelectorAll('.math')]
    .filter((el) => !el.querySelector('mjx-container')).length;
  const broken = images.filter((img) => img.naturalWidth === 0)
    .map((img) => (img.getAttribute('src') || '').slice(0, 80));
  return {math: document.querySelectorAll('mjx-container').length, untypeset, broken};
}
"""


HEADINGS_JS = """
() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
  .filter((h) => h.getClientRects().length)
  .map((h) => h.textContent.replace(/\\s+/g, ' ').trim())
"""


def retitle(writer: PdfWriter, titles: list[str]) -> None:
    """Name the bookmarks after the headings, in document order.

    Chromium names a bookmark after the heading's laid-out lines: it drops the
    space at a line break and, for a heading after a forced page break, repeats the
    first lines ("ContentsContents"). The text of the pages is right; only the names
    are redone.
    """
    outlines = writer.root_object["/Outlines"].get_object()
    node, stack, items = outlines.get("/First"), [], []
    while node is not None:  # depth first, as the headings come
        item = node.get_object()
        items.append(item)
        if "/Next" in item:
            stack.append(item["/Next"])
        node = item["/First"] if "/First" in item else (stack.pop() if stack else None)
    if len(items) != len(titles):
        raise RuntimeError(f"{len(items)} bookmarks for {len(titles)} headings")
    for item, title in zip(items, titles, strict=True):
        item[NameObject("/Title")] = TextStringObject(title)


def start_pages(writer: PdfWriter) -> dict[str, int]:
    """Top-level bookmark title -> the page (1-based) it opens."""
    return {
        item.title: writer.get_destination_page_number(item) + 1
        for item in writer.outline
        if not isinstance(item, list)
    }


def assemble(front_pdf: bytes, body: PdfWriter) -> PdfWriter:
    """The front matter (title, contents) before the body, its contents links made
    jumps, a "Contents" bookmark, and page labels: i, ii, ... then 1, 2, ... as
    printed."""
    front = PdfReader(io.BytesIO(front_pdf))
    count = len(front.pages)
    body.merge(0, front, import_outline=False)
    for page in body.pages[:count]:
        for annotation in page.get("/Annots", []):
            annotation = annotation.get_object()
            uri = str(annotation.get("/A", {}).get("/URI", ""))
            if uri.startswith(PAGE_LINK):
                target = body.pages[count + int(uri[len(PAGE_LINK) :]) - 1]
                annotation[NameObject("/A")] = DictionaryObject(
                    {
                        NameObject("/S"): NameObject("/GoTo"),
                        NameObject("/D"): ArrayObject(
                            [target.indirect_reference, NameObject("/Fit")]
                        ),
                    }
                )
    # pypdf appends the bookmark last; it is moved to the front of the list
    outlines = body.root_object["/Outlines"].get_object()
    first = outlines.raw_get("/First")
    added = body.add_outline_item("Contents", count - 1)
    item = added.get_object()
    previous = item.raw_get("/Prev")
    del previous.get_object()[NameObject("/Next")]
    outlines[NameObject("/Last")] = previous
    del item[NameObject("/Prev")]
    item[NameObject("/Next")] = first
    first.get_object()[NameObject("/Prev")] = added
    outlines[NameObject("/First")] = added
    body.set_page_label(0, count - 1, style="/r")
    body.set_page_label(count, len(body.pages) - 1, style="/D", start=1)
    return body


def print_pdf(
    context: Any, url: str, document: str, **options: Any
) -> tuple[bytes, Any]:
    """Chromium's print of ``document`` served at ``url``, and what the page
    reported."""
    page = context.new_page()
    page.set_default_timeout(600_000)
    page.route(
        url,
        lambda route, _request=None: route.fulfill(
            status=200, content_type="text/html; charset=utf-8", body=document
        ),
    )
    page.goto(url, wait_until="load")
    state = page.evaluate(READY_JS)
    if state["untypeset"] or state["broken"]:
        raise RuntimeError(f"the print document is not ready: {state}")
    page.emulate_media(media="print")
    state["headings"] = page.evaluate(HEADINGS_JS)
    pdf = page.pdf(
        format="A4",
        print_background=True,
        margin={"top": "16mm", "bottom": "18mm", "left": "15mm", "right": "15mm"},
        **options,
    )
    page.close()
    return pdf, state


def build(html_dir: Path, repo: Path, output: Path) -> dict[str, Any]:
    """Print the book into ``output``; returns pages, bytes, formulas and seconds."""
    from playwright.sync_api import sync_playwright

    started = time.perf_counter()
    body_html, contents = body_document(html_dir, repo)
    with served(html_dir) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        try:
            context = browser.new_context(viewport={"width": 800, "height": 1100})
            context.route(  # nothing but the served book
                "**/*",
                lambda route: (
                    route.continue_()
                    if route.request.url.startswith(base)
                    else route.abort()
                ),
            )
            body_pdf, state = print_pdf(
                context,
                base + BODY_PAGE,
                body_html,
                outline=True,
                tagged=True,
                display_header_footer=True,
                header_template="<span></span>",
                footer_template=FOOTER,
            )
            body = PdfWriter(clone_from=PdfReader(io.BytesIO(body_pdf)))
            retitle(body, state["headings"])
            numbers = start_pages(body)
            front_html = front_document(html_dir, repo, contents, numbers)
            front_pdf, _ = print_pdf(context, base + FRONT_PAGE, front_html)
        finally:
            browser.close()
    book = assemble(front_pdf, body)
    with output.open("wb") as file:
        book.write(file)
    return {
        "pages": len(book.pages),
        "bytes": output.stat().st_size,
        "formulas": state["math"],
        "seconds": round(time.perf_counter() - started, 1),
    }


def main() -> None:
    # pypdf warns that Chromium's PDFs count their objects one short; harmless.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--html", type=Path, default=REPO / "_build" / "html", help="the built web book"
    )
    parser.add_argument("--output", type=Path, help=f"default: <html>/{PDF_NAME}")
    parser.add_argument(
        "--dump", type=Path, help="also write the print document (HTML) here, to debug"
    )
    args = parser.parse_args()
    html_dir = args.html.resolve()
    if not (html_dir / "index.html").is_file():
        sys.exit(f"no built book at {html_dir}: run `make build` first")
    if args.dump:
        args.dump.write_text(body_document(html_dir, REPO)[0], encoding="utf-8")
    output = args.output or html_dir / PDF_NAME
    result = build(html_dir, REPO, output)
    print(
        f"{output}: {result['pages']} pages, {result['bytes'] / 1e6:.1f} MB, "
        f"{result['formulas']} formulas typeset, {result['seconds']} s"
    )


if __name__ == "__main__":
    main()
