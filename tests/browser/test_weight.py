"""Light pages: budgets for the built book (files on disk; no browser needed).

* Every chapter page weighs at most 1.5 MB: its HTML (slider frames are inline data)
  plus the images it references. Theme files and MathJax are shared by all pages (a
  browser caches them once) and are counted in the site budget instead.
* The whole site, every file of ``_build/html``, weighs at most 15 MB.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

MB = 1_000_000
PAGE_BUDGET = 1.5 * MB
SITE_BUDGET = 15 * MB
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
        path: path.stat().st_size for path in book_dir.rglob("*") if path.is_file()
    }
    total = sum(sizes.values())
    by_folder: dict[str, int] = {}
    for path, size in sizes.items():
        parts = path.relative_to(book_dir).parts
        key = "/".join(parts[:2]) if len(parts) > 2 else parts[0]
        by_folder[key] = by_folder.get(key, 0) + size
    biggest = sorted(by_folder.items(), key=lambda item: -item[1])[:6]
    assert total <= SITE_BUDGET, (
        f"the built site is {total / MB:.1f} MB, over the {SITE_BUDGET / MB:.0f} MB "
        "budget; largest parts: "
        f"{[(name, f'{size / MB:.1f} MB') for name, size in biggest]}"
    )
