"""Keep the built pages self-contained: drop Thebe's script tags.

Jupyter Book 1 always loads ``sphinx_thebe``, which adds a script declaring
``const THEBE_JS_URL = "https://unpkg.com/..."`` to every page (twice with the
pinned versions, which is a JavaScript error: the constant is declared again)
plus a loader for the remote Thebe bundle. Thebe needs a live Jupyter server
or Binder, which an offline book does not have, and the book disables launch
buttons, so these tags only do harm. This extension removes them (and any other
script tag that appears twice) when each HTML page is written.
"""

from __future__ import annotations

from typing import Any


def _is_thebe(script: Any) -> bool:
    body = str(getattr(script, "attributes", {}).get("body", ""))
    return "THEBE_JS_URL" in body or "sphinx-thebe" in str(script)


def drop_thebe(
    app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context`` handler: filter the page's ``script_files``."""
    kept, seen = [], set()
    for script in context.get("script_files", []):
        key = (str(script), str(getattr(script, "attributes", {}).get("body", "")))
        if _is_thebe(script) or key in seen:
            continue
        seen.add(key)
        kept.append(script)
    context["script_files"] = kept


def setup(app: Any) -> dict[str, Any]:
    app.connect("html-page-context", drop_thebe)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
