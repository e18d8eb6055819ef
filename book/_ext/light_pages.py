"""Light pages: ship only the files a reader's browser loads.

MathJax 3 is served from the build folder, only the parts the pages use (offline, ~2
MB), and the theme's files that no page loads are left out: source maps (``*.map``, 3.5
MB, read only by a browser's developer tools), translation catalogues
(``_static/locales``, used while building) and the icon fonts' TrueType copies (browsers
load their woff2 twins). The notebooks offered for download are stripped of their
outputs (the page shows them; running the notebook brings them back). The browser tests
check that no page asks for a missing file, and ``tests/browser/test_weight.py`` holds
the page and site budgets.

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

import importlib.util
import json
import re
import shutil
from pathlib import Path
from typing import Any

from sphinx.util.fileutil import copy_asset, copy_asset_file

COMPONENT = "tex-chtml.js"
FOLDERS = ["output/chtml/fonts/woff-v2", "input/tex/extensions"]
# all-packages.js bundles every extension for MathJax's "full"
# components; autoload never asks.
SKIP = ["all-packages.js"]
SOURCE_MAP_COMMENT = re.compile(
    r"^\s*(//# sourceMappingURL=\S+|/\*# sourceMappingURL=\S+ \*/)\s*$", re.M
)


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


def lighten(app: Any, exc: Exception | None) -> None:
    """``build-finished`` handler."""
    if exc is not None or app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    drop_unloaded_theme_files(static)
    copy_mathjax(static)
    strip_downloadable_notebooks(Path(app.outdir) / "_sources")


def setup(app: Any) -> dict[str, Any]:
    # Copied after the pages are written, so Jupyter Book does not add a script tag for
    # every .js file it would otherwise find under _static.
    app.config.mathjax_path = "mathjax/" + COMPONENT
    app.connect("build-finished", lighten)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
