"""Light pages: budgets for the built book.

On disk (no browser needed):

* Every chapter page weighs at most 1.5 MB: its HTML plus the images it references.
  Theme files and MathJax are shared by all pages (a browser caches them once) and are
  counted in the site budget instead.
* The whole site, every file of ``_build/html``, weighs at most 16.5 MB (15 MB, and
  the phone layouts of wide figures, of which a reader loads one or the other), not
  counting the whole-book PDF: no page loads it (a reader downloads it on purpose), and
  it has a budget of its own in ``test_pdf.py``.
* Every figure is stored at its smallest lossless PNG encoding (Pillow's
  ``optimize=True``, ``recompress_images`` in ``book/_ext/light_pages.py``), which
  keeps every pixel.
* The slider figures' frames are files, not ``data:`` URIs in the page
  (``book/_ext/light_pages.py``).

In Chromium, as a first-time reader opens each page (empty cache, a 1200 x 900 window,
until the network is idle):

* The median page loads at most 2.5 MiB of resources, counted decoded (the page, its
  scripts, styles, fonts and images, as the browser's Resource Timing reports their
  decoded body sizes). Before ``light_pages`` trimmed the theme it was 3.9 MiB.
* No page loads the theme's 1.5 MB icon script; only the search page loads the search
  index; MathJax only a page with maths; and every icon still shows (drawn by the icon
  font the theme's stylesheet carries).
"""

from __future__ import annotations

import importlib.util
import io
import re
import statistics
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import numpy as np
import pytest
from bookbrowser import Site, Visit, as_list, book_pages, slider_pages
from PIL import Image
from PIL.PngImagePlugin import PngInfo

MB = 1_000_000
MiB = 2**20
MEDIAN_PAGE_BUDGET = 2.5 * MiB
PAGE_BUDGET = 1.5 * MB
# 15 MB, and 1.5 MB for the phone layouts of wide figures (book/_ext/phone_figures.py):
# a browser loads one layout of each figure, so no reader downloads both
SITE_BUDGET = 16.5 * MB
PDF_NAME = "ffnn-edu.pdf"  # the whole-book download (.ci/book_pdf.py)
IMG_SRC = re.compile(r"<img\b[^>]*?\bsrc=\"([^\"]+)\"")


def page_weight(book_dir: Path, rel: str) -> tuple[int, dict[str, int]]:
    """Bytes of the page and of each local image it references, by file."""
    page = book_dir / rel
    html = page.read_text(encoding="utf-8")
    parts = {rel: page.stat().st_size}
    for src in set(IMG_SRC.findall(html)):
        if src.startswith("data:") or urlsplit(src).scheme:
            continue  # inline data is already in the HTML; no remote images exist
        target = (page.parent / unquote(urlsplit(src).path)).resolve()
        if target.is_file():
            parts[target.relative_to(book_dir).as_posix()] = target.stat().st_size
    return sum(parts.values()), parts


def test_chapter_pages_are_light(notebook_page: str, book_dir: Path) -> None:
    if notebook_page.startswith("<"):
        pytest.fail("the built book has no notebook pages (no _sources/**/*.ipynb)")
    total, parts = page_weight(book_dir, notebook_page)
    biggest = sorted(parts.items(), key=lambda item: -item[1])[:5]
    assert total <= PAGE_BUDGET, (
        f"{notebook_page}: {total / MB:.2f} MB with its images, over the "
        f"{PAGE_BUDGET / MB} MB budget; largest files: "
        f"{[(name, f'{size / MB:.2f} MB') for name, size in biggest]}"
    )


def test_site_is_light(book_dir: Path) -> None:
    sizes = {
        path: path.stat().st_size
        for path in book_dir.rglob("*")
        if path.is_file() and path != book_dir / PDF_NAME
    }
    total = sum(sizes.values())
    by_folder: dict[str, int] = {}
    for path, size in sizes.items():
        parts = path.relative_to(book_dir).parts
        key = "/".join(parts[:2]) if len(parts) > 2 else parts[0]
        by_folder[key] = by_folder.get(key, 0) + size
    biggest = sorted(by_folder.items(), key=lambda item: -item[1])[:6]
    assert total <= SITE_BUDGET, (
        f"the built site is {total / MB:.1f} MB, over the {SITE_BUDGET / MB:.1f} MB "
        "budget; "
        f"largest parts: {[(name, f'{size / MB:.1f} MB') for name, size in biggest]}"
    )


def test_slider_frames_are_files_not_inline_data(book_dir: Path) -> None:
    pages = slider_pages()
    assert pages, "no page of the built book has a slider figure"
    problems = []
    for rel in pages:
        html = (book_dir / rel).read_text(encoding="utf-8")
        for figure in re.findall(
            r'<div class="slider-figure".*?</script>', html, flags=re.S
        ):
            if "data:image/png" in figure:
                problems.append(f"{rel}: a slider figure keeps its frames inline")
            frames = re.findall(r'"(\.\./_images/slider-[0-9a-f]{20}\.png)"', figure)
            if len(frames) < 2:
                problems.append(
                    f"{rel}: a slider figure refers to {len(frames)} frames"
                )
            missing = [
                f for f in frames if not (book_dir / rel).parent.joinpath(f).is_file()
            ]
            if missing:
                problems.append(f"{rel}: missing frame files {missing[:3]}")
            if not re.search(
                r'<img loading="lazy" decoding="async" src="\.\./_images/', figure
            ):
                problems.append(
                    f"{rel}: a slider figure's first image does not load lazily"
                )
    assert not problems, as_list(problems)


def light_pages() -> Any:
    """The build extension ``book/_ext/light_pages.py``, imported from its file."""
    path = Path(__file__).resolve().parents[2] / "book" / "_ext" / "light_pages.py"
    spec = importlib.util.spec_from_file_location("light_pages", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_figures_are_stored_at_their_smallest_lossless_encoding(
    book_dir: Path,
) -> None:
    largest = sorted(
        (book_dir / "_images").glob("*.png"), key=lambda p: -p.stat().st_size
    )[:5]
    assert len(largest) == 5, "the built book has fewer than five PNG figures"
    for path in largest:
        with Image.open(path) as image:
            info = PngInfo()  # the text chunks too, as recompress_images keeps them
            for key, value in getattr(image, "text", {}).items():
                info.add_text(key, value)
            out = io.BytesIO()
            image.save(out, format="PNG", optimize=True, pnginfo=info)
        assert out.tell() >= path.stat().st_size, (
            f"{path.name}: {path.stat().st_size} bytes, {out.tell()} when encoded "
            "again with optimize=True (book/_ext/light_pages.py recompress_images)"
        )


def test_recompressing_a_figure_keeps_every_pixel_its_text_record_and_saves_bytes(
    tmp_path: Path,
) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(4, 3), dpi=100)
    ax.plot(np.linspace(0, 1, 50), np.sin(np.linspace(0, 6, 50)), label="sine")
    ax.set_title("A figure")
    ax.legend()
    path = tmp_path / "figure.png"
    fig.savefig(path, metadata={"smallest-font-px": "16.00"})
    plt.close(fig)
    before_bytes = path.stat().st_size
    with Image.open(path) as image:
        before = np.asarray(image).copy()
    saved = light_pages().recompress_images(tmp_path)
    with Image.open(path) as image:
        after = np.asarray(image)
        text = dict(getattr(image, "text", {}))
    assert text.get("smallest-font-px") == "16.00"  # the phone tests read it
    assert saved == before_bytes - path.stat().st_size
    assert saved > 0
    np.testing.assert_array_equal(after, before)


# Before the page loads: room for every resource in the Resource Timing buffer (the
# default keeps 250 entries).
GROW_TIMING_BUFFER_JS = "performance.setResourceTimingBufferSize(5000)"

# After the page has settled: decoded bytes by resource, what the page's icons show, and
# its maths.
LOADED_JS = r"""
async () => {
  await document.fonts.ready;
  const entries = [...performance.getEntriesByType('navigation'),
                   ...performance.getEntriesByType('resource')];
  const icons = [...document.querySelectorAll(
    'i[class*="fa-"], span[class*="fa-"]')].map((el) => {
      const before = getComputedStyle(el, '::before');
      return {
        classes: el.className,
        glyph: before.content,
        font: before.fontFamily,
        width: el.getBoundingClientRect().width,
        visible: el.getClientRects().length > 0,
      };
    });
  // a visible search field: its icon must end before the field's text begins
  const fields = [...document.querySelectorAll('form.bd-search')]
    .filter((form) => form.getClientRects().length > 0)
    .map((form) => {
      const icon = form.querySelector('.fa-magnifying-glass').getBoundingClientRect();
      const input = form.querySelector('input');
      const box = input.getBoundingClientRect();
      const textLeft = box.left + parseFloat(getComputedStyle(input).paddingLeft);
      return {iconRight: icon.right, textLeft};
    });
  return {
    fields,
    resources: entries.map((e) => [e.name, e.decodedBodySize]),
    icons,
    iconFontLoaded: document.fonts.check('900 16px "Font Awesome 6 Free"'),
    maths: document.querySelectorAll('.math, mjx-container').length,
  };
}
"""


@pytest.fixture(scope="module")
def loads(site: Site) -> dict[str, dict[str, Any]]:
    """What each page of the book loads in a fresh browser context, by page."""
    found = {}
    for rel in [*book_pages(), "search.html"]:
        visit = Visit(site.browser, site.url(rel), init_scripts=[GROW_TIMING_BUFFER_JS])
        with visit as page:
            visit.settle(page)
            page.evaluate("() => new Promise((r) => setTimeout(r, 300))")
            found[rel] = page.evaluate(LOADED_JS)
        found[rel]["requests"] = visit.requests
    return found


def test_the_median_page_loads_at_most_2_5_mib(
    loads: dict[str, dict[str, Any]],
) -> None:
    weights = {
        rel: sum(size for _, size in seen["resources"]) for rel, seen in loads.items()
    }
    median = statistics.median(weights.values())
    heaviest = sorted(weights.items(), key=lambda item: -item[1])[:5]
    assert median <= MEDIAN_PAGE_BUDGET, (
        f"the median page loads {median / MiB:.2f} MiB (decoded), over the "
        f"{MEDIAN_PAGE_BUDGET / MiB} MiB budget; heaviest: "
        f"{[(rel, f'{size / MiB:.2f} MiB') for rel, size in heaviest]}"
    )
    # every page's resources were counted: each has its HTML and the theme's CSS
    for rel, seen in loads.items():
        names = [name for name, _ in seen["resources"]]
        assert any(name.endswith(rel) for name in names), (rel, names[:3])
        assert any("pydata-sphinx-theme.css" in name for name in names), rel


def test_pages_load_no_icon_script_and_only_the_search_page_the_index(
    loads: dict[str, dict[str, Any]],
) -> None:
    problems = []
    for rel, seen in loads.items():
        files = [urlsplit(url).path for url in seen["requests"]]
        if any(path.endswith("/fontawesome.js") for path in files):
            problems.append(f"{rel} loads fontawesome.js")
        index = any(path.endswith("/searchindex.js") for path in files)
        if index != (rel == "search.html"):
            problems.append(
                f"{rel} {'loads' if index else 'does not load'} searchindex.js"
            )
        mathjax = any("/mathjax/" in path for path in files)
        if mathjax and not seen["maths"]:
            problems.append(f"{rel} loads MathJax but has no maths")
    assert not problems, as_list(problems, 40)


def test_every_icon_is_drawn_by_the_icon_font(loads: dict[str, dict[str, Any]]) -> None:
    problems = []
    for rel, seen in loads.items():
        if not seen["iconFontLoaded"]:
            problems.append(f"{rel}: the Font Awesome font did not load")
        for icon in seen["icons"]:
            if (
                icon["glyph"] in ("none", "normal", "")
                or "Font Awesome" not in icon["font"]
            ):
                problems.append(f"{rel}: {icon['classes']!r} shows no glyph ({icon})")
            elif icon["visible"] and icon["width"] < 8:
                problems.append(
                    f"{rel}: {icon['classes']!r} is {icon['width']} px wide"
                )
        for field in seen["fields"]:
            if field["iconRight"] > field["textLeft"] + 0.5:
                problems.append(
                    f"{rel}: the search field's icon covers its text {field}"
                )
    assert sum(len(seen["icons"]) for seen in loads.values()) > 5 * len(loads)
    assert loads["search.html"]["fields"], "search.html shows no search field"
    assert not problems, as_list(problems, 40)
