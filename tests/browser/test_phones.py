"""The book on a phone: every page at 390 x 844 CSS pixels, a phone's window.

A phone's browser widens its layout to the widest thing on the page, so one wide table
or signature makes the whole page pan sideways; and a figure drawn for a desktop shrinks
to the phone's width, with its text. These tests open every page as a phone does
(mobile layout, touch, 390 CSS pixels, one device pixel per CSS pixel) and check:

* no page is wider than the window (wide tables and code scroll inside their box);
* the smallest text of every figure is at least :data:`MIN_FIGURE_TEXT` CSS pixels as
  shown: the PNG records its smallest text in its own pixels when the book's figure code
  draws it (``ffnn_edu.show.plotting.smallest_font_px``), and the page shows the image
  at (shown width / image width) of that; a wide figure comes in a phone layout too
  (``book/_ext/phone_figures.py``), which the phone must be the one to show;
* the code under a slider figure shows all of itself, the values that change included;
* a table wider than the window scrolls in its box, with a shadow at the edge as a cue,
  and no chapter's table is wider than its box, but for the few in :data:`WIDE_TABLES`,
  each with the reason it needs its width;
* no chapter's displayed formula is wider than its box (it would scroll sideways, a
  derivation's end out of sight), but for those in :data:`WIDE_FORMULAS`; long ones
  are broken into lines with ``aligned`` (``tests/test_notebook_math_width.py``
  estimates their widths without a browser).

At a desktop's 1366 pixels the pages show the wide layout of each figure.
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from bookbrowser import Site, Visit, as_list

from ffnn_edu.show.plotting import smallest_font_px

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
#: Smallest text a figure may show on a phone, in CSS pixels.
MIN_FIGURE_TEXT = 9.0
#: A chapter's tables that may stay wider than a phone (they scroll in their box, with
#: a shadow at the edge), by page and a phrase of their first row, each with the reason
#: it needs its width: one belongs here only if turning it, splitting it or merging
#: columns would lose what the reader compares.
WIDE_TABLES = {
    ("book/07_deriving_backpropagation.html", "the article, one entry"): (
        "the matrix form: every quantity and each of the four equations written three "
        "ways side by side (the article's entry, the package's entry, the package's "
        "matrices), read along a row; a formula cannot break, and equation 2's three "
        "are about 210 px each, so they cannot share the phone's 358 px"
    ),
}

#: A chapter's displayed formulas that may stay wider than a phone (they scroll in
#: their box), by page and a phrase of the formula's text as a screen reader gets it
#: (MathJax's assistive MathML, e.g. "∂E∂zj"), each with the reason it needs its width.
WIDE_FORMULAS: dict[tuple[str, str], str] = {}

LOOK_JS = r"""
async () => {
  if (window.MathJax?.startup?.promise) await window.MathJax.startup.promise;
  const describe = (el) => {
    const holder = el.closest('[id]');
    return el.tagName.toLowerCase() + (holder ? ' in #' + holder.id : '');
  };
  const width = window.innerWidth;
  const scrolls = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(p).overflowX))
        return true;
      if (getComputedStyle(p).position === 'fixed') return true;
    }
    return false;
  };
  const wide = [...document.body.querySelectorAll('*')].filter((el) => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.right > Math.min(width, 390) + 1 && !scrolls(el);
  }).slice(0, 8).map((el) => describe(el) + ' (right edge at ' +
    Math.round(el.getBoundingClientRect().right) + ' px): ' +
    (el.textContent || '').trim().slice(0, 60));

  const images = [...document.querySelectorAll(
    'main .cell_output img, main figure img, main .slider-figure img, ' +
    'main .output img')];
  for (const img of images) img.loading = 'eager';
  await Promise.all(images.map((img) => img.decode().catch(() => null)));
  const figures = images.map((img) => ({
    where: describe(img),
    src: img.currentSrc || img.src,
    inPicture: !!img.closest('picture'),
    phoneSource: img.closest('picture')?.querySelector('source')?.srcset || null,
    naturalWidth: img.naturalWidth,
    shownWidth: img.getBoundingClientRect().width,
  }));

  const tables = [...document.querySelectorAll('main table')].map((table) => {
    const box = table.closest('.pst-scrollable-table-container');
    const head = table.querySelector('tr');
    const result = {
      where: describe(table),
      boxed: !!box,
      head: head ? [...head.children].map((c) => c.textContent.trim()).join(' | ') : '',
    };
    if (!box) return result;
    const style = getComputedStyle(box);
    result.overflowX = style.overflowX;
    result.cue = style.backgroundImage;
    result.boxRight = box.getBoundingClientRect().right;
    result.tableWidth = table.getBoundingClientRect().width;
    result.boxWidth = box.clientWidth;
    // scroll to the end: the last column comes into the box
    box.scrollLeft = box.scrollWidth;
    result.lastCellRight = [...table.querySelectorAll('tr')].map(
      (tr) => tr.lastElementChild?.getBoundingClientRect().right || 0)
      .reduce((a, b) => Math.max(a, b), 0);
    result.boxRightAfterScroll = box.getBoundingClientRect().right;
    box.scrollLeft = 0;
    return result;
  });

  const codes = [...document.querySelectorAll('.slider-figure pre.slider-code')].map(
    (pre) => ({
      where: describe(pre),
      text: pre.textContent,
      hidden: pre.scrollWidth - pre.clientWidth,
      right: pre.getBoundingClientRect().right,
    }));
  // displayed formulas (those in a closed dropdown are not shown and measure 0)
  const formulas = [...document.querySelectorAll(
    'main div.math mjx-container, main mjx-container[display="true"]')].map(
    (el) => ({
      where: describe(el),
      text: (el.querySelector('mjx-assistive-mml')?.textContent || el.textContent || '')
        .replace(/\s+/g, '').slice(0, 60),
      width: el.scrollWidth,
      box: el.clientWidth,
    }));
  return {
    innerWidth: width,
    scrollWidth: document.documentElement.scrollWidth,
    wide, figures, tables, codes, formulas,
  };
}
"""

_looks: dict[tuple[str, bool], dict[str, Any]] = {}


def look(site: Site, rel: str, phone: bool = True) -> dict[str, Any]:
    """What a phone (or a desktop) window shows of page ``rel`` (looked at once)."""
    if (rel, phone) not in _looks:
        visit = Visit(
            site.browser,
            site.url(rel),
            viewport=PHONE if phone else DESKTOP,
            phone=phone,
        )
        with visit as page:
            visit.settle(page)
            _looks[rel, phone] = page.evaluate(LOOK_JS)
    return _looks[rel, phone]


def image_bytes(site: Site, src: str) -> bytes:
    """The bytes of an image the page shows (inline data, or a file of the book)."""
    if src.startswith("data:"):
        return base64.b64decode(src.split(",", 1)[1])
    assert src.startswith(site.base_url), f"an image from elsewhere: {src}"
    return (site.root / unquote(urlsplit(src).path).lstrip("/")).read_bytes()


def test_no_page_scrolls_sideways_on_a_phone(site: Site, page_path: str) -> None:
    seen = look(site, page_path)
    assert (
        seen["innerWidth"] == PHONE["width"] and seen["scrollWidth"] <= PHONE["width"]
    ), (
        f"{page_path}: at {PHONE['width']} CSS pixels the page is "
        f"{seen['scrollWidth']} "
        f"wide (the phone's layout is {seen['innerWidth']}), so it pans sideways; "
        f"what sticks out:\n{as_list(seen['wide'])}"
    )


def test_figure_text_is_legible_on_a_phone(site: Site, page_path: str) -> None:
    small, unrecorded = [], []
    for figure in look(site, page_path)["figures"]:
        png = image_bytes(site, figure["src"])
        try:
            font = smallest_font_px(png)
        except ValueError:
            unrecorded.append(figure["where"])
            continue
        if font is None:
            continue  # no text in the image
        shown = font * figure["shownWidth"] / figure["naturalWidth"]
        if shown < MIN_FIGURE_TEXT:
            small.append(
                f"{figure['where']}: smallest text {shown:.1f} CSS px "
                f"({font:.1f} px of the {figure['naturalWidth']} px wide image, shown "
                f"{figure['shownWidth']:.0f} px wide)"
            )
    assert not unrecorded, (
        f"{page_path}: figures that do not record their smallest text (draw them with "
        f"the book's figure code):\n{as_list(unrecorded)}"
    )
    assert not small, (
        f"{page_path}: figure text below {MIN_FIGURE_TEXT} CSS pixels on a phone:\n"
        f"{as_list(small)}"
    )


def test_a_phone_shows_the_phone_layout_and_a_desktop_the_wide_one(site: Site) -> None:
    pages = ["book/05_cross_entropy.html", "book/11_regularization.html"]
    for rel in pages:
        on_phone = [f for f in look(site, rel)["figures"] if f["inPicture"]]
        on_desktop = [
            f for f in look(site, rel, phone=False)["figures"] if f["inPicture"]
        ]
        assert on_phone and len(on_phone) == len(on_desktop), (
            f"{rel}: expected wide figures in <picture> with a phone layout, found "
            f"{len(on_phone)} at 390 px and {len(on_desktop)} at 1366 px"
        )
        for phone, desktop in zip(on_phone, on_desktop):
            assert Path(phone["src"]).name == Path(phone["phoneSource"]).name, (
                f"{rel} {phone['where']}: a phone shows {phone['src']}, not the phone "
                f"layout {phone['phoneSource']}"
            )
            assert desktop["src"] != phone["src"], (
                f"{rel} {desktop['where']}: the desktop shows the phone layout"
            )
            assert desktop["shownWidth"] > phone["shownWidth"], (
                f"{rel} {desktop['where']}: the wide layout is shown "
                f"{desktop['shownWidth']:.0f} px wide on a desktop, no wider than "
                f"the phone layout ({phone['shownWidth']:.0f} px)"
            )


def test_slider_code_shows_the_values_that_change_on_a_phone(
    site: Site, slider_page: str
) -> None:
    if slider_page.startswith("<"):
        pytest.fail("the built book has no slider figures")
    codes = look(site, slider_page)["codes"]
    assert codes, f"{slider_page}: no slider code found"
    for code in codes:
        assert code["hidden"] <= 0 and code["right"] <= PHONE["width"], (
            f"{slider_page} {code['where']}: {code['hidden']} px of the slider code "
            f"are cut off at {PHONE['width']} px (right edge at {code['right']:.0f}):\n"
            f"{code['text']}"
        )


def wide_tables(seen: dict[str, Any]) -> list[dict[str, Any]]:
    """The tables of a page that are wider than their box (so scroll sideways)."""
    return [
        t for t in seen["tables"] if t.get("tableWidth", 0) > t.get("boxWidth", 0) + 1
    ]


def allowed_wide(rel: str, table: dict[str, Any]) -> str | None:
    """Why ``table`` of page ``rel`` may stay wide (:data:`WIDE_TABLES`), or None."""
    for (page, phrase), reason in WIDE_TABLES.items():
        if page == rel and phrase in table["head"]:
            return reason
    return None


def test_every_chapters_tables_fit_a_phone_without_scrolling(
    site: Site, notebook_page: str
) -> None:
    # issue 17: chapters 12 and 14 quote their tables, and a reader stumbled on the
    # wide tables of chapters 3-9, 11, 13 and 15; at 390 px each table fits its box
    # (at most four columns of numbers; 14 px text, columns of at least 5em)
    if notebook_page.startswith("<"):
        pytest.fail("the built book has no chapter pages")
    wide = [
        f"{t['where']}: {t['tableWidth']:.0f} px in a box of {t['boxWidth']} px, "
        f"first row: {t['head'][:80]}"
        for t in wide_tables(look(site, notebook_page))
        if not allowed_wide(notebook_page, t)
    ]
    assert not wide, (
        f"{notebook_page}: tables that scroll sideways on a phone (turn, split or "
        f"narrow them, or list one that must stay wide in WIDE_TABLES with the "
        f"reason):\n{as_list(wide)}"
    )


@pytest.mark.parametrize("rel,phrase", list(WIDE_TABLES))
def test_a_wide_table_allowed_on_a_phone_is_still_there_and_scrolls_with_a_cue(
    site: Site, rel: str, phrase: str
) -> None:
    found = [t for t in look(site, rel)["tables"] if phrase in t["head"]]
    assert len(found) == 1, (
        f"{rel}: expected one table whose first row holds {phrase!r}, found "
        f"{len(found)}: update WIDE_TABLES"
    )
    (table,) = found
    assert table in wide_tables(look(site, rel)), (
        f"{rel} {table['where']}: the table now fits a phone "
        f"({table['tableWidth']:.0f} px in a box of {table['boxWidth']} px): take it "
        f"off WIDE_TABLES"
    )
    assert table["overflowX"] in ("auto", "scroll") and "gradient" in table["cue"], (
        f"{rel} {table['where']}: the wide table does not scroll in its box with a "
        f"shadow at the edge (overflow-x: {table['overflowX']})"
    )


@pytest.mark.parametrize("rel", ["book/notation.html", "book/api.html"])
def test_wide_tables_scroll_in_their_box_with_a_cue_on_a_phone(
    site: Site, rel: str
) -> None:
    tables = look(site, rel)["tables"]
    wide = wide_tables(look(site, rel))
    if rel == "book/notation.html":
        assert wide, f"{rel}: no table wider than a phone (the test has nothing to see)"
    unboxed = [t["where"] for t in tables if not t["boxed"]]
    assert not unboxed, f"{rel}: tables outside a scrolling box:\n{as_list(unboxed)}"
    for table in wide:
        assert table["overflowX"] in ("auto", "scroll"), (
            f"{rel} {table['where']}: a wide table's box does not scroll "
            f"(overflow-x: {table['overflowX']}), so its right part is cut off"
        )
        assert table["boxRight"] <= PHONE["width"], (
            f"{rel} {table['where']}: the table's box ends at "
            f"{table['boxRight']:.0f} px"
        )
        assert table["lastCellRight"] <= table["boxRightAfterScroll"] + 1, (
            f"{rel} {table['where']}: scrolled to its end, the last column still ends "
            f"at {table['lastCellRight']:.0f} px, outside the box"
        )
        assert "gradient" in table["cue"], (
            f"{rel} {table['where']}: no shadow at the edge shows that the table "
            f"scrolls (background-image: {table['cue']})"
        )


def test_every_chapters_displayed_formulas_fit_a_phone(
    site: Site, notebook_page: str
) -> None:
    # a reader on a phone panned sideways through 27 formulas of chapters 1-12 (up
    # to 765 px wide); they are broken at a relation into aligned lines now
    if notebook_page.startswith("<"):
        pytest.fail("the built book has no chapter pages")
    formulas = look(site, notebook_page)["formulas"]
    wide = [
        f"{f['where']}: {f['width']} px in a box of {f['box']} px: {f['text']}"
        for f in formulas
        if f["width"] > f["box"] + 1
        and not any(
            page == notebook_page and phrase in f["text"]
            for page, phrase in WIDE_FORMULAS
        )
    ]
    assert not wide, (
        f"{notebook_page}: displayed formulas that scroll sideways on a phone (break "
        f"them at a relation inside \\begin{{aligned}}, or list one that must stay "
        f"wide in WIDE_FORMULAS with the reason):\n{as_list(wide)}"
    )


def test_the_formula_check_sees_the_formulas_of_a_chapter(site: Site) -> None:
    formulas = look(site, "book/10_several_classes.html")["formulas"]
    shown = [f for f in formulas if f["box"] > 0]
    assert len(shown) >= 5, f"expected the chapter's displayed formulas: {formulas}"
    assert all(f["box"] <= PHONE["width"] for f in shown), shown
