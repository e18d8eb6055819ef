"""Phone figures: a figure drawn again for narrow screens, shown in a ``<picture>``.

A wide figure (three panels side by side, 960 CSS pixels) shrinks on a phone to a
third of its size, and its text to 4 CSS pixels. When the book is built, this
extension sets ``FFNN_WEB_BOOK`` before the notebooks run, so that the book's
figure code (``ffnn_edu.show.plotting``, after ``use_book_style()``) also draws each
wide figure in its phone layout (one column of panels, 352 CSS pixels wide, no text
below 9 points) and puts that PNG into the output's metadata (``"phone"``). The same
variable makes slider figures draw every frame for their static HTML twin
(``ffnn_edu.show.sliders.SliderFigure``); a notebook run elsewhere draws neither.

myst-nb writes only the output's image; this extension wraps its ``render_image`` so
that an output with a phone layout becomes a ``picture`` node holding both images.
Sphinx copies both files to ``_images``; the HTML is

    <picture><source media="(max-width: 640px)" srcset="phone.png" width= height=>
    <img src="wide.png" alt="..." width= height=></picture>

so a browser loads only the image it shows, and a reader on a phone sees the phone
layout. The browser tests (``tests/browser/test_phones.py``) measure the text of every
figure at 390 CSS pixels.
"""

from __future__ import annotations

import base64
import hashlib
import html
import os
import posixpath
import urllib.parse
from typing import Any

from docutils import nodes
from myst_nb.core.render import MimeData, NbElementRenderer

#: Screens up to this width (CSS pixels) get the phone layout.
PHONE_MEDIA = "(max-width: 640px)"


class picture(nodes.General, nodes.Element):
    """A figure in two layouts: a :class:`phone_image` and the wide image."""


class phone_image(nodes.image):
    """The phone layout of a figure (an image, so that Sphinx copies its file)."""


_render_image = NbElementRenderer.render_image


def render_image(self: NbElementRenderer, data: MimeData) -> list[nodes.Element]:
    """myst-nb's image, in a ``picture`` with its phone layout if the output has one."""
    rendered = _render_image(self, data)
    phone = data.output_metadata.get(data.mime_type, {}).get("phone")
    if not phone or len(rendered) != 1:
        return rendered
    png = base64.b64decode(phone["png"])
    uri = self.write_file(
        [hashlib.sha256(png).hexdigest() + ".png"], png, overwrite=False, exists_ok=True
    )
    small = phone_image(uri=uri)
    # the sizes go on the picture: an image node's width may be taken as a scale
    holder = picture(
        phone_width=int(phone["width"]),
        phone_height=int(phone["height"]),
        wide_width=rendered[0].get("width", ""),
    )
    holder += small
    holder += rendered[0]
    return [holder]


def image_src(translator: Any, node: nodes.image) -> str:
    """Where the page finds the image of ``node`` (as Sphinx's HTML writer has it)."""
    uri = node["uri"]
    if uri in translator.builder.images:
        return posixpath.join(
            translator.builder.imgpath,
            urllib.parse.quote(translator.builder.images[uri]),
        )
    return uri


def visit_picture(translator: Any, node: picture) -> None:
    # a transform may have wrapped an image (in a link to the full file): find them
    (small,) = node.findall(phone_image)
    (wide,) = (n for n in node.findall(nodes.image) if not isinstance(n, phone_image))
    attrs = f'width="{node["phone_width"]}" height="{node["phone_height"]}"'
    translator.body.append(
        f'<picture class="phone-figure"><source media="{PHONE_MEDIA}" '
        f'srcset="{image_src(translator, small)}" {attrs}>'
    )
    width = node["wide_width"]
    translator.body.append(
        f'<img src="{image_src(translator, wide)}" '
        f'alt="{html.escape(wide.get("alt", ""), quote=True)}"'
        + (f' width="{width}"' if width else "")
        + ' style="max-width:100%;height:auto"></picture>'
    )
    raise nodes.SkipNode


def skip(translator: Any, node: nodes.Element) -> None:
    raise nodes.SkipNode


def visit_wide_only(translator: Any, node: picture) -> None:
    """Builders other than HTML show the wide image only."""
    node.children[0].parent = None
    node.children = node.children[1:]


def setup(app: Any) -> dict[str, Any]:
    # read by the kernels: phone layouts, every slider frame
    os.environ["FFNN_WEB_BOOK"] = "1"
    NbElementRenderer.render_image = render_image  # type: ignore[method-assign]
    others = {
        name: (visit_wide_only, lambda translator, node: None)
        for name in ("latex", "text", "man", "texinfo")
    }
    app.add_node(picture, html=(visit_picture, None), **others)
    app.add_node(phone_image, html=(skip, None), **{n: (skip, None) for n in others})
    return {"parallel_read_safe": True, "parallel_write_safe": True}
