"""The whole-book PDF (``make pdf``: ``.ci/book_pdf.py``), read back with pypdf.

It lies in the built book (``_build/html/ffnn-edu.pdf``, beside ``index.html``); the web
pages link to it. A missing PDF fails every test here and says how to make it.
"""

from __future__ import annotations

import logging
import re
import sys
import unicodedata
from functools import cache
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from bookbrowser import BOOK_HTML, REPO
from bs4 import BeautifulSoup
from pypdf import PdfReader

sys.path.insert(0, str(REPO / ".ci"))
from book_pdf import LEFT_OUT, PDF_NAME, toc_pages

PDF = BOOK_HTML / PDF_NAME
MB = 1_000_000
PDF_BUDGET = 20 * MB
# TeX source that typeset maths never leaves in the text (code listings may hold it).
RAW_TEX = re.compile(
    r"\\(?:frac|mathbf|partial|begin|sum|sqrt|lVert|delta|eta|lambda)\b"
    r"|\$\$|\\\(|\\\[|\^\{|_\{"
)

logging.getLogger("pypdf").setLevel(
    logging.ERROR
)  # Chromium's object count is one short


def flat(text: str) -> str:
    """Text compared without spaces or line breaks, ligatures (fi, ff) spelled out."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@cache
def reader() -> PdfReader:
    if not PDF.is_file():
        pytest.fail(
            f"no PDF at {PDF}: run `make pdf` (or `.venv/bin/python .ci/book_pdf.py`) "
            "after building the book",
            pytrace=False,
        )
    return PdfReader(PDF)


@cache
def extracted() -> tuple[tuple[str, str, str], ...]:
    """Each page's text, its part set in a monospace font (code), and the rest."""
    pages = []
    for page in reader().pages:
        parts: dict[bool, list[str]] = {True: [], False: []}
        text = page.extract_text(
            visitor_text=lambda text, cm, tm, font, size, parts=parts: parts[
                monospace(font)
            ].append(text)
        )
        pages.append((text, "".join(parts[True]), "".join(parts[False])))
    return tuple(pages)


def page_texts() -> list[str]:
    return [text for text, _, _ in extracted()]


def monospace(font: Any) -> bool:
    name = str((font or {}).get("/BaseFont", ""))
    return "Mono" in name or "Courier" in name


@cache
def book_pages() -> tuple[tuple[str, BeautifulSoup], ...]:
    """``(path, parsed page)`` of each built page the PDF holds, in book order."""
    pages = []
    for _, rel in toc_pages(REPO):
        html = (BOOK_HTML / rel).read_text(encoding="utf-8")
        pages.append((rel, BeautifulSoup(html, "html.parser")))
    return tuple(pages)


def title(soup: BeautifulSoup) -> str:
    h1 = soup.select_one("article.bd-article h1")
    assert h1 is not None, "a built page without an h1"
    for link in h1.select("a.headerlink"):
        link.decompose()
    return " ".join(h1.get_text(" ", strip=True).split())


def top_bookmarks() -> list[tuple[str, int]]:
    """``(title, 0-based page)`` of each top-level bookmark."""
    pdf = reader()
    return [
        (item.title, pdf.get_destination_page_number(item))
        for item in pdf.outline
        if not isinstance(item, list)
    ]


def chapter_ranges() -> dict[str, range]:
    """Each top-level bookmark's pages: from its page to the next one's."""
    marks = sorted(top_bookmarks(), key=lambda mark: mark[1])
    ends = [page for _, page in marks[1:]] + [len(reader().pages)]
    return {name: range(start, end) for (name, start), end in zip(marks, ends)}


def test_pdf_is_a_book_of_sane_length_and_size() -> None:
    count, size = len(reader().pages), PDF.stat().st_size
    assert 150 <= count <= 450, f"{PDF_NAME} has {count} pages (expected 150 to 450)"
    assert size <= PDF_BUDGET, f"{PDF_NAME} is {size / MB:.1f} MB (budget 20 MB)"


def test_every_chapter_title_is_in_the_text() -> None:
    text = flat("".join(page_texts()))
    missing = [title(soup) for _, soup in book_pages() if flat(title(soup)) not in text]
    assert not missing, f"chapter titles missing from the PDF's text: {missing}"


def test_pages_left_out_are_only_the_api_reference() -> None:
    # one reference page (its docstrings would double the page count) stays on the web
    assert list(LEFT_OUT) == ["book/api"]
    assert all(not rel.startswith("book/api") for rel, _ in book_pages())


def test_one_bookmark_per_chapter_in_book_order() -> None:
    expected = ["Contents", *(title(soup) for _, soup in book_pages()), "Solutions"]
    assert [name for name, _ in top_bookmarks()] == expected


def test_each_bookmark_opens_the_page_its_title_starts() -> None:
    texts = page_texts()
    wrong = [
        (name, page + 1)
        for name, page in top_bookmarks()
        # near the top: text extraction may read a page's margin labels first
        if flat(name) not in flat(texts[page])[:600]
    ]
    assert not wrong, f"bookmarks whose page does not begin with their title: {wrong}"


def test_chapters_come_in_increasing_page_order() -> None:
    pages = [page for _, page in top_bookmarks()]
    assert pages == sorted(pages) and len(set(pages)) == len(pages)


def test_pages_are_numbered_in_the_footer_from_the_first_chapter_page() -> None:
    pdf, texts = reader(), page_texts()
    labels = list(pdf.page_labels)
    front = labels.index("1")
    assert labels[:front] == ["i", "ii"][:front] and front >= 2  # title, contents
    body = len(labels) - front
    assert labels[front:] == [str(n) for n in range(1, body + 1)]
    unnumbered = [
        n for n in range(1, body + 1) if f"{n} / {body}" not in texts[front + n - 1]
    ]
    assert not unnumbered, (
        f"pages without 'N / {body}' in the footer: {unnumbered[:10]}"
    )


def test_contents_links_to_each_chapter_with_its_page_number() -> None:
    pdf = reader()
    contents = next(page for name, page in top_bookmarks() if name == "Contents")
    jumps = []
    for annotation in pdf.pages[contents].get("/Annots", []):
        action = annotation.get_object().get("/A", {})
        if action.get("/S") == "/GoTo":
            jumps.append(pdf.get_page_number(action["/D"][0].get_object()))
    starts = [page for name, page in top_bookmarks() if name != "Contents"]
    assert jumps == starts
    text = flat(page_texts()[contents])
    for name, page in top_bookmarks()[1:]:
        label = pdf.page_labels[page]
        assert re.search(re.escape(flat(name)) + r"\.*" + label, text), (
            f"the contents do not give {name!r} page {label}"
        )


def test_no_raw_tex_outside_code() -> None:
    """Every formula was typeset: no TeX source in the text outside code listings."""
    found = []
    for number, (_, _, prose) in enumerate(extracted(), start=1):
        for match in RAW_TEX.finditer(prose):
            found.append((number, match.group()))
    assert not found, f"TeX source in the PDF's text (page, text): {found[:20]}"


def test_code_listings_are_printed_in_a_monospace_font() -> None:
    # the TeX test above skips monospace text: it must be the code, and only the code
    code, prose = [], []
    for page in reader().pages[:40]:
        page.extract_text(
            visitor_text=lambda text, cm, tm, font, size: (
                code if monospace(font) else prose
            ).append(text)
        )
    assert "def " in "".join(code) and "import " in "".join(code)
    assert "backpropagation" in "".join(prose) and "backpropagation" not in "".join(
        code
    )


def solutions_in(soup: BeautifulSoup) -> int:
    return sum(
        1
        for box in soup.select("div.admonition.dropdown")
        if box.select_one(".admonition-title")
        .get_text(strip=True)
        .startswith("Solution")
    )


def test_solutions_are_collected_after_every_chapter() -> None:
    """Each solution is in the appendix, and the chapter only points to it."""
    texts, ranges = page_texts(), chapter_ranges()
    appendix = flat("".join(texts[page] for page in ranges["Solutions"]))
    for rel, soup in book_pages():
        count = solutions_in(soup)
        chapter = flat("".join(texts[page] for page in ranges[title(soup)]))
        number = title(soup).split(".")[0]
        for k in range(1, count + 1):
            label = f"Solution{number}.{k}" if number.isdigit() else f"Solution{k}"
            assert f"{label}isintheSolutionsappendix" in chapter, (rel, label)
            assert label in appendix, (rel, label)
        assert chapter.count("Backtotheexercise") == 0, rel
    total = sum(solutions_in(soup) for _, soup in book_pages())
    assert total >= 16 and appendix.count("Backtotheexercise") == total


def test_each_solution_is_printed_in_full_in_the_appendix() -> None:
    texts, ranges = page_texts(), chapter_ranges()
    appendix = flat("".join(texts[page] for page in ranges["Solutions"]))
    for rel, soup in book_pages():
        for box in soup.select("div.admonition.dropdown"):
            paragraph = box.find("p", class_=lambda c: c != "admonition-title")
            if paragraph is None or paragraph.select(".math"):
                continue  # typeset maths reads differently from its TeX
            assert flat(paragraph.get_text())[:60] in appendix, rel


def test_chapters_keep_their_figures_and_printed_outputs() -> None:
    pdf, texts, ranges = reader(), page_texts(), chapter_ranges()
    for rel, soup in book_pages():
        pages = ranges[title(soup)]
        if soup.select(".cell_output img"):
            images = sum(len(pdf.pages[page].images) for page in pages)
            assert images >= 1, f"{rel}: no image on its {len(pages)} pages"
        output = soup.select_one(".cell_output .output.stream pre")
        if output is not None:
            first = flat(output.get_text())[:50]
            assert first in flat("".join(texts[page] for page in pages)), (rel, first)


def test_slider_figures_are_printed_as_grids_of_named_frames() -> None:
    texts, ranges = page_texts(), chapter_ranges()
    for rel, soup in book_pages():
        figures = soup.select("div.slider-figure")
        chapter = flat("".join(texts[page] for page in ranges[title(soup)]))
        # six frames of a figure with two sliders, four of a figure with one
        printed = re.findall(r"Asliderfigure,printedat(\d+)ofitssettings", chapter)
        assert len(printed) == len(figures), rel
        assert all(count in ("4", "6") for count in printed), (rel, printed)
        for figure in figures:
            label = figure.select_one("label span").get_text(strip=True)
            assert flat(label) + "=" in chapter, (rel, label)
        assert chapter.count("(thestartingsetting)") == len(figures), rel


def test_web_pages_link_to_the_pdf_and_not_to_page_printing() -> None:
    """The landing page and every chapter link to the PDF; no button prints one page."""
    for rel, soup in book_pages():
        targets = {
            urlsplit(urljoin(rel, link["href"])).path for link in soup.select("a[href]")
        }
        assert PDF_NAME in targets, f"{rel} has no link to {PDF_NAME}"
        assert not soup.select(".btn-download-pdf-button"), rel
        assert "window.print()" not in str(soup.select_one(".article-header-buttons"))
    intro = dict(book_pages())["book/intro.html"]
    body_links = [a for a in intro.select("article a[href]") if PDF_NAME in a["href"]]
    assert body_links, "the landing page's text does not link to the PDF"
