"""Light pages: ship only the files a reader's browser loads.

MathJax 3 is served from the build folder, only the parts the pages use (offline, ~2
MB), and the theme's files that no page loads are left out: source maps (``*.map``, 3.5
MB, read only by a browser's developer tools), translation catalogues
(``_static/locales``, used while building) and the icon fonts' TrueType copies (browsers
load their woff2 twins). The notebooks offered for download are stripped of their
outputs (the page shows them; running the notebook brings them back). The browser tests
check that no page asks for a missing file, and ``tests/browser/test_weight.py`` holds
the page and site budgets.

Pages
-----

What the pages loaded without need (the median page: 3.9 MiB of resources, now about
2.2 MiB; ``tests/browser/test_weight.py`` holds it to 2.5 MiB):

* ``_static/scripts/fontawesome.js`` (1.5 MB, Font Awesome's "SVG with JavaScript"
  kit), which swaps each icon ``<i class="fa-solid fa-...">`` for an inline SVG. The
  theme's stylesheet already carries Font Awesome's CSS and its web font, which draw
  the same icons from the same ``<i>`` elements, so the script is dropped and the font
  draws them (the browser tests check that every icon shows). Two rules of the
  stylesheet that were written for the SVGs are restated for the font
  (``ICON_FONT_CSS``).
* Sphinx's search scripts and the search index (``searchtools.js``,
  ``language_data.js``, ``searchindex.js``, about 0.3 MB), which
  pydata-sphinx-theme adds to every page for its search-as-you-type, an option the
  book leaves off: the search box sends the reader to ``search.html``, which loads them
  itself.
* The slider figures' frames. ``SliderFigure.static_html`` writes every frame into the
  page as a ``data:`` URI, so that a notebook's output stands alone; a page with
  three slider figures weighed 2 MB of which the reader sees three images until they
  move a slider. The book writes each frame to ``_images/slider-<hash>.png`` instead and
  the page refers to it: a frame is fetched when a slider shows it, and the first
  frame of a figure loads lazily (``loading="lazy"``), when it scrolls near the view.

Figures
-------

Matplotlib writes its PNGs with zlib's default effort. :func:`recompress_images`
encodes each image under ``_images`` again with Pillow's ``optimize=True`` (the best
zlib level and filter search) and keeps the smaller file: the same pixels, about 9 %
fewer bytes (6.08 MB of figures became 5.53 MB when the site first went over its
budget).

MathJax is loaded only by the pages with maths of their own: Sphinx also loads it on a
page whose table of contents includes a page with maths (the introduction, 1.1 MB for
nothing), which :func:`mathjax_only_with_maths` undoes.

MathJax
-------

The PyPI package ``sphinx-mathjax-offline`` holds MathJax 3.2.2 and, used as a Sphinx
extension, copies all of it (24 MB: SVG output, speech maps, every combined component)
into ``_static/mathjax``. The pages need far less: the combined component
``tex-chtml.js`` (TeX input with the AMS macros, CommonHTML output, the menu and
assistive MathML), the CommonHTML web fonts it loads, and the TeX extensions it may
autoload for a macro a page uses (e.g. ``\\boldsymbol``). This extension takes those
files from the installed package and copies only them; the browser tests check that
every formula is typeset and that no file is missing (no 404).

Not shipped: the speech rule engine (``sre/``, 3.9 MB) and the a11y explorer, which
MathJax only loads when a reader switches on the explorer in its right-click menu.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import io
import json
import posixpath
import re
import shutil
from pathlib import Path
from typing import Any

from docutils import nodes
from PIL import Image
from PIL.PngImagePlugin import PngInfo
from sphinx.util.fileutil import copy_asset, copy_asset_file

COMPONENT = "tex-chtml.js"
FOLDERS = ["output/chtml/fonts/woff-v2", "input/tex/extensions"]
# all-packages.js bundles every extension for MathJax's "full"
# components; autoload never asks.
SKIP = ["all-packages.js"]
SOURCE_MAP_COMMENT = re.compile(
    r"^\s*(//# sourceMappingURL=\S+|/\*# sourceMappingURL=\S+ \*/)\s*$", re.M
)


# The theme's script tags that :func:`drop_unneeded_scripts` removes from the pages.
FONTAWESOME_TAG = re.compile(
    r'\s*<script defer src="[^"]*_static/scripts/fontawesome\.js[^"]*"></script>'
)
SEARCH_TAGS = re.compile(
    r'\s*<script src="[^"]*(_static/searchtools\.js|_static/language_data\.js'
    r'|searchindex\.js)"></script>'
)
# Two rules of the theme's stylesheet meet the icon font: it places the search field's
# magnifying glass with `position:absolute`, meant for the <i> that fontawesome.js
# replaces by an SVG (which loses the `fa-solid` class), so the font-drawn <i> would sit
# on the field's text; and it sizes that icon in the search dialog as `svg` only.
ICON_FONT_CSS = (
    "\n/* light_pages.py: icons drawn by the icon font */\n"
    ".bd-search .fa-solid.fa-magnifying-glass{position:static}\n"
    "#pst-search-dialog[open] form.bd-search i{font-size:var(--pst-font-size-icon)}\n"
)
PNG_DATA = re.compile(r"data:image/png;base64,([A-Za-z0-9+/=]+)")
SLIDER_IMG = re.compile(r'(<div class="slider-figure"[^>]*>.*?<img )', re.S)


def mathjax_source() -> Path:
    """The MathJax folder inside the installed ``sphinx-mathjax-offline`` package."""
    spec = importlib.util.find_spec("sphinx-mathjax-offline")
    if spec is None or spec.origin is None:
        raise RuntimeError(
            "the book needs the sphinx-mathjax-offline package (requirements.txt)"
            " for its copy of MathJax 3"
        )
    return Path(spec.origin).parent / "static" / "mathjax"


def copy_mathjax(static: Path) -> None:
    """Copy the MathJax files the pages load into ``_static/mathjax``."""
    source = mathjax_source()
    target = static / "mathjax"
    target.mkdir(parents=True, exist_ok=True)
    copy_asset_file(str(source / COMPONENT), str(target))
    for folder in FOLDERS:
        copy_asset(
            str(source / folder),
            str(target / folder),
            excluded=lambda path: Path(path).name in SKIP,
        )


def drop_unloaded_theme_files(static: Path) -> None:
    """Remove source maps (and the comments pointing to them), translation catalogues
    and the TrueType copies of the icon fonts."""
    for source_map in static.rglob("*.map"):
        source_map.unlink()
    for path in [*static.rglob("*.js"), *static.rglob("*.css")]:
        text = path.read_text(encoding="utf-8")
        if "sourceMappingURL" in text:
            path.write_text(SOURCE_MAP_COMMENT.sub("", text), encoding="utf-8")
    shutil.rmtree(static / "locales", ignore_errors=True)
    # The theme's CSS lists each icon font as woff2 first, then ttf; every current
    # browser takes the woff2, so a ttf with a woff2 beside it is never loaded.
    for font in static.rglob("*.ttf"):
        if font.with_suffix(".woff2").is_file():
            font.unlink()


def strip_downloadable_notebooks(sources: Path) -> None:
    """Clear the outputs of notebooks offered for download (``_sources/**/*.ipynb``).

    The page already shows every output; the downloaded notebook is for running, and a
    learner who runs it gets the outputs back (the slider figures' pre-rendered frames
    alone would otherwise add about 1 MB per chapter to the site).
    """
    for path in sources.rglob("*.ipynb"):
        notebook = json.loads(path.read_text(encoding="utf-8"))
        for cell in notebook.get("cells", []):
            if cell.get("cell_type") == "code":
                cell["outputs"], cell["execution_count"] = [], None
        notebook.get("metadata", {}).pop("widgets", None)
        path.write_text(
            json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )


def drop_unneeded_scripts(outdir: Path) -> None:
    """Remove the icon script from every page, the search scripts from all but the
    search page, and the icon script's file.

    Fails when a page lacks the tags: a new theme version that names them otherwise
    must be looked at, not silently left heavy.
    """
    for page in outdir.rglob("*.html"):
        if page.relative_to(outdir).parts[0] in ("_static", "_sources", "_images"):
            continue
        text = page.read_text(encoding="utf-8")
        if "<body" not in text:
            continue  # index.html: a redirect, no theme
        light, found = FONTAWESOME_TAG.subn("", text)
        if found != 1 and "fontawesome.js" in text:
            raise RuntimeError(
                f"{page}: the Font Awesome script tag was not recognised"
            )
        if page.relative_to(outdir).as_posix() != "search.html":
            light = SEARCH_TAGS.sub("", light)
        if light != text:
            page.write_text(light, encoding="utf-8")
    theme_css = outdir / "_static" / "styles" / "pydata-sphinx-theme.css"
    if ICON_FONT_CSS not in theme_css.read_text(encoding="utf-8"):
        with theme_css.open("a", encoding="utf-8") as css:
            css.write(ICON_FONT_CSS)
    (outdir / "_static" / "scripts" / "fontawesome.js").unlink(missing_ok=True)
    (outdir / "_static" / "scripts" / "fontawesome.js.LICENSE.txt").unlink(
        missing_ok=True
    )


def frames_to_files(html: str, images: Path, prefix: str) -> str:
    """``html`` of slider figures with each ``data:`` PNG written to a file in
    ``images`` and referred to as ``prefix + name``; each figure's image lazy."""

    def to_file(match: re.Match[str]) -> str:
        data = base64.b64decode(match.group(1))
        name = f"slider-{hashlib.sha256(data).hexdigest()[:20]}.png"
        target = images / name
        if not target.exists():
            images.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        return prefix + name

    html = SLIDER_IMG.sub(r'\1loading="lazy" decoding="async" ', html)
    return PNG_DATA.sub(to_file, html)


def slider_frames_to_files(app: Any, doctree: Any, docname: str) -> None:
    """``doctree-resolved`` handler: the slider figures' frames become files."""
    if app.builder.format != "html":
        return
    prefix = posixpath.relpath("_images", posixpath.dirname(docname) or ".") + "/"
    images = Path(app.outdir) / "_images"
    for raw in doctree.findall(nodes.raw):
        if "html" in raw.get("format", "").split() and 'class="slider-figure"' in (
            raw.astext()
        ):
            html = frames_to_files(raw.astext(), images, prefix)
            raw.children = [nodes.Text(html)]


def mathjax_only_with_maths(
    app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context`` handler, after Sphinx's: no MathJax scripts on a page
    without maths of its own."""
    if doctree is None or "script_files" not in context:
        return
    if app.env.get_domain("math").data["has_equations"].get(pagename):
        return
    context["script_files"] = [
        script
        for script in context["script_files"]
        if not str(getattr(script, "filename", script)).endswith(COMPONENT)
        and not str(getattr(script, "attributes", {}).get("body", "")).startswith(
            "window.MathJax"
        )
    ]


def recompress_images(images: Path) -> int:
    """Encode every PNG in ``images`` again, losslessly, keeping the smaller file.

    Returns the bytes saved. The pixels are unchanged (Pillow reads the image and
    writes the same mode, palette and pixels with ``optimize=True``), and so are the
    text chunks: the book's figures record the size of their smallest text in one
    (``ffnn_edu.show.plotting.FONT_RECORD``), which the phone tests read.
    """
    saved = 0
    for path in sorted(images.glob("*.png")):
        before = path.read_bytes()
        with Image.open(path) as image:
            image.load()
            info = PngInfo()
            for key, value in getattr(image, "text", {}).items():
                info.add_text(key, value)
            out = io.BytesIO()
            image.save(out, format="PNG", optimize=True, pnginfo=info)
        if out.tell() < len(before):
            path.write_bytes(out.getvalue())
            saved += len(before) - out.tell()
    return saved


def lighten(app: Any, exc: Exception | None) -> None:
    """``build-finished`` handler."""
    if exc is not None or app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    drop_unneeded_scripts(Path(app.outdir))
    drop_unloaded_theme_files(static)
    copy_mathjax(static)
    strip_downloadable_notebooks(Path(app.outdir) / "_sources")
    recompress_images(Path(app.outdir) / "_images")


def setup(app: Any) -> dict[str, Any]:
    # Copied after the pages are written, so Jupyter Book does not add a script tag for
    # every .js file it would otherwise find under _static.
    app.config.mathjax_path = "mathjax/" + COMPONENT
    app.connect("doctree-resolved", slider_frames_to_files)
    app.connect("html-page-context", mathjax_only_with_maths, priority=600)
    app.connect("build-finished", lighten)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
