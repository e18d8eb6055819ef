"""The whole book as one PDF: a link to it on every page, instead of the theme's print
button.

``make pdf`` (``.ci/book_pdf.py``) prints the built book into ``ffnn-edu.pdf`` at the
top of the site. This extension gives every page a header button that opens it, and
in the page's download menu it replaces the theme's ".pdf" entry, which only printed
the one page in view with its solutions folded away, by the same link.
"""

from __future__ import annotations

from typing import Any

PDF_NAME = "ffnn-edu.pdf"  # the name .ci/book_pdf.py writes
TOOLTIP = "The whole book as one PDF (solutions collected at the end)"


def link_book_pdf(
    app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context`` handler, run after the theme made its header buttons."""
    buttons = context.get("header_buttons")
    if buttons is None:
        return
    url = context["pathto"](PDF_NAME, 1)
    link = {
        "type": "link",
        "url": url,
        "tooltip": TOOLTIP,
        "icon": "fas fa-file-pdf",
    }
    for group in buttons:
        if group.get("label") == "download-buttons":
            group["buttons"] = [
                button
                for button in group["buttons"]
                if button.get("label") != "download-pdf-button"
            ]
            group["buttons"].append(
                {**link, "text": "book .pdf", "label": "download-book-pdf-button"}
            )
    buttons.insert(
        0, {**link, "label": "book-pdf-button", "classes": "pst-navbar-icon"}
    )


def setup(app: Any) -> dict[str, Any]:
    app.connect("html-page-context", link_book_pdf, priority=600)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
