"""Figures used throughout the book, in colours colour-blind readers can tell apart.

The palette is Okabe and Ito's; classes differ in marker shape as well as
colour, so a figure still reads in greyscale.
"""

from __future__ import annotations

import base64
import contextlib
import io
import os
import pickle
import re
import types
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.figure import Figure
from matplotlib.gridspec import GridSpecFromSubplotSpec, SubplotSpec
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.legend import Legend
from matplotlib.scale import LogScale, register_scale
from matplotlib.text import Text
from matplotlib.ticker import LogFormatterSciNotation
from numpy.typing import ArrayLike
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from ffnn_edu.nn.training import SCALE_ADVICE, History
from ffnn_edu.nn.validation import (
    Array,
    as_array,
    check_count,
    check_number,
    check_sizes,
    check_work,
    checked,
    counted,
    plane_points,
    positive,
)

from .network_diagram import (
    LAYER_GAP,
    MAX_DRAWN_NEURONS,
    RADIUS,
    Box,
    neuron_positions,
    slide_along_edge,
)

#: Most grid points per axis :func:`plot_decision_boundary` evaluates ``predict`` at
#: (the book uses up to 150; 2000 is four million points).
MAX_RESOLUTION = 2000

#: Most classes :func:`plot_points` and :func:`plot_decision_boundary` draw, each in
#: a colour and marker of :data:`CLASS_STYLES` with a legend entry (the book draws at
#: most ten; a million classes would take an hour of matplotlib).
MAX_PLOTTED_CLASSES = 100
#: Most dots per inch a figure is drawn at when a function takes its resolution
#: (:func:`~ffnn_edu.show.sliders.figure_png`, the frames of a
#: :class:`~ffnn_edu.show.sliders.SliderFigure`, ``min_dpi`` of :func:`draw_network`):
#: 1200 is the finest print (a laser printer's line art); the book draws at 144 (slider
#: frames), 160 (its figures, at twice their 80 dpi) and 300 (network diagrams, at twice
#: their 150). A 6.4 x 4.8 inch figure at 100 000 dpi asked for 1.2 TB of pixels and
#: ran out of memory.
MAX_DPI = 1200
#: Most pixels of one drawn figure, its width times its height at the resolution it is
#: drawn at (:func:`tight_pixels`, :func:`~ffnn_edu.show.sliders.figure_png`): 200 MB
#: of RGBA. A slider frame has under a million and the book's largest figure about
#: four; dpi=10_000 asked a 6.4 x 4.8 inch figure for three billion, 12 GB, before
#: matplotlib said a word, and a figure of 100 x 100 inches drew 256 million at the
#: 160 dpi of the book's figures.
MAX_PIXELS = 50_000_000
#: Most weights :func:`draw_network` draws (one line each, and a label may look
#: for a free spot along every one): a diagram of more is a grey blur, and a
#: million lines take minutes. Also the most arrows of a computational graph
#: (:func:`~ffnn_edu.show.computational_graph.draw_graph`).
MAX_DRAWN_WEIGHTS = 2_000

#: Okabe-Ito colours, safe for the common forms of colour blindness.
PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
}
#: Colour and marker for class 0, class 1, class 2, ...
CLASS_STYLES = (
    (PALETTE["blue"], "o"),
    (PALETTE["orange"], "s"),
    (PALETTE["green"], "^"),
    (PALETTE["purple"], "D"),
)


#: Unicode superscripts of the digits and of the minus sign.
SUPERSCRIPTS = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


class PowerFormatter(LogFormatterSciNotation):
    """Log-axis tick labels as matplotlib writes them, in Unicode instead of mathtext.

    The labels of :class:`matplotlib.ticker.LogFormatterSciNotation` (10⁻³, 2×10⁻¹),
    written with Unicode superscripts: they read the same, and matplotlib draws them as
    plain text. A mathtext label is parsed again for every figure drawn (the parser's
    memory belongs to each renderer), about 3 ms a label; the book's log axes had some
    200 of them. :func:`use_book_style` makes it every log axis's formatter.

    Examples
    --------
    >>> PowerFormatter()(1e-3), PowerFormatter()(100.0), PowerFormatter()(1.0)
    ('10⁻³', '10²', '10⁰')
    >>> PowerFormatter(labelOnlyBase=False)(0.2)
    '2×10⁻¹'
    """

    def __call__(self, x: float, pos: int | None = None) -> str:
        """The label of the tick at ``x``."""
        label = super().__call__(x, pos)
        math = re.fullmatch(r"\$\\mathdefault\{(.*)\}\$", label)
        if math is None:
            return label
        text = re.sub(
            r"\^\{([^}]*)\}",
            lambda power: power.group(1).translate(SUPERSCRIPTS),
            math.group(1).replace("\\times", "×"),
        )
        return (
            text.replace("-", "\N{MINUS SIGN}")
            if mpl.rcParams["axes.unicode_minus"]
            else text
        )


class _BookLogScale(LogScale):
    """matplotlib's log scale, with :class:`PowerFormatter` tick labels."""

    def __init__(
        self,
        *before_311: object,  # matplotlib < 3.11 passes the axis, 3.11 warns if
        base: float = 10,  # a scale has a parameter named so
        subs: object = None,
        nonpositive: str = "clip",
    ) -> None:
        super().__init__(*before_311, base=base, subs=subs, nonpositive=nonpositive)

    def set_default_locators_and_formatters(self, axis: mpl.axis.Axis) -> None:
        super().set_default_locators_and_formatters(axis)
        axis.set_major_formatter(PowerFormatter(self.base))
        axis.set_minor_formatter(
            PowerFormatter(self.base, labelOnlyBase=(self.subs is not None))
        )


def use_book_style() -> None:
    """Set matplotlib's defaults for the book: palette, size, grid, sharp figures.

    Figures are laid out at 80 dpi (a 6 x 4 inch figure fills 480 x 320 CSS pixels), and
    in a notebook they are sent as "retina" PNGs: drawn at twice that resolution (in 256
    colours, to keep pages light) and marked to be shown at the layout size, so they
    stay sharp on screens with 2x pixel density (the book and JupyterLab
    both honour the size marks). A log axis (``"log"``, ``semilogy``) labels its ticks
    with :class:`PowerFormatter` (10⁻³ in Unicode, not mathtext).

    Examples
    --------
    >>> use_book_style()
    >>> plt.rcParams["axes.prop_cycle"].by_key()["color"][0]
    '#0072B2'
    """
    mpl.rcParams.update(
        {
            "axes.prop_cycle": mpl.cycler(
                color=[
                    PALETTE[k]
                    for k in (
                        "blue",
                        "orange",
                        "green",
                        "vermillion",
                        "purple",
                        "sky",
                        "black",
                    )
                ]
            ),
            "figure.figsize": (6.0, 4.0),
            "figure.dpi": 80,
            "axes.grid": True,
            "grid.alpha": 0.3,
            "axes.titlesize": "medium",
            "image.cmap": "cividis",
        }
    )
    register_scale(_BookLogScale)  # a log axis labels its ticks as 10⁻³, in Unicode
    _set_up_notebook()


def _set_up_notebook() -> None:
    """In an IPython kernel: figures as :func:`retina_png` draws them, one BLAS thread.

    See :func:`one_blas_thread`.
    """
    try:
        from IPython import get_ipython
    except ImportError:  # plain Python without IPython: no inline figures to configure
        return
    shell = get_ipython()
    if shell is None:
        return
    # Loading the inline backend installs its own PNG formatter (once per kernel); load
    # it now, so that it does not replace this one when the first figure is drawn.
    import matplotlib_inline.backend_inline  # noqa: F401

    shell.display_formatter.formatters["image/png"].for_type(Figure, retina_png)
    one_blas_thread()


def one_blas_thread() -> bool:
    """Let numpy's BLAS (OpenBLAS, MKL, ...) compute with one thread from now on.

    The book's matrices are small (at most some 1800 rows of 64 numbers): a product
    shared out between threads costs more in waiting for them than it saves, even on
    an idle machine. With the two threads numpy's OpenBLAS starts on a 2-core machine,
    chapter 16's search over four networks on the digits took 2.0 s instead of 0.45 s
    (wall clock and CPU time alike), chapter 12's race of the optimizers on them 1.5 s
    instead of 0.44 s; every number and figure is the same with one thread (as
    ``make test`` runs nbval).
    :func:`use_book_style` calls this in a notebook (an IPython kernel); it needs
    ``threadpoolctl`` (the ``book`` extra), and without it changes nothing. Returns
    whether it could.

    Examples
    --------
    >>> from threadpoolctl import threadpool_limits, threadpool_info
    >>> with threadpool_limits(user_api="blas"):  # gives the threads back afterwards
    ...     one_blas_thread(), {
    ...         i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"
    ...     }
    (True, {1})
    """
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return False
    threadpool_limits(1, user_api="blas")
    return True


def retina_png(figure: Figure) -> tuple[str, dict[str, object]] | None:
    """A figure as base64 PNG at twice its dpi, marked to show at its layout width.

    The image is reduced to 256 colours (no dithering): for plots that is invisible and
    makes the file about a third as large, which keeps the book's pages light. zlib's
    default level (6) packs it within about 10 % of its smallest (level 9) in a
    fifteenth of the time. The figure is drawn once (see :func:`tight_pixels`).
    The PNG records the size of its smallest text (see :func:`smallest_font_px`).

    When the web book is built (the environment variable :data:`WEB_BOOK_ENV` is
    set, by the book's ``phone_figures`` extension), a figure wider than
    :data:`PHONE_WIDTH` is also drawn in its :func:`phone_layout`, which goes into the
    output's metadata (``"phone"``: base64 PNG, width and height); the extension shows
    it to narrow screens in a ``<picture>``.
    """
    if not figure.axes:
        return None
    png = _packed_png(figure, 2 * figure.dpi)
    width = Image.open(io.BytesIO(png)).size[0]
    # Only the width: a page narrower than the figure scales it down, and a fixed height
    # would then distort it.
    metadata: dict[str, object] = {"width": width // 2}
    if os.environ.get(WEB_BOOK_ENV) and figure.get_figwidth() > PHONE_WIDTH:
        narrow = phone_layout(figure)
        # 64 colours (as slider frames): a quarter smaller, the same to the eye
        phone = _packed_png(narrow, 2 * narrow.dpi, colors=64)
        plt.close(narrow)
        phone_width, phone_height = Image.open(io.BytesIO(phone)).size
        metadata["phone"] = {
            "png": base64.b64encode(phone).decode("ascii"),
            "width": phone_width // 2,
            "height": phone_height // 2,
        }
    return base64.b64encode(png).decode("ascii"), metadata


def check_dpi(value: object, name: str) -> float:
    """Checker: a resolution in dots per inch, a number > 0 and at most :data:`MAX_DPI`.

    Examples
    --------
    >>> check_dpi(144, "dpi")
    144.0
    >>> check_dpi(10**5, "dpi")
    Traceback (most recent call last):
    ...
    ValueError: this would make 100000 dots per inch (dpi), more than MAX_DPI = 1200
    """
    dpi = check_number(value, name, low=0.0, low_inclusive=False)
    if dpi > MAX_DPI:
        raise ValueError(
            f"this would make {dpi:g} dots per inch ({name}), more than MAX_DPI = "
            f"{MAX_DPI}"
        )
    return dpi


def check_pixels(figure: Figure, dpi: float, name: str = "dpi") -> None:
    """Refuse to draw ``figure`` at ``dpi`` on more than :data:`MAX_PIXELS` pixels.

    Counted from the figure's size in inches before any pixel is drawn; ``name`` says
    what sets the resolution.

    Examples
    --------
    >>> fig = plt.figure(figsize=(100, 100))
    >>> check_pixels(fig, 160)
    Traceback (most recent call last):
    ...
    ValueError: this would make 256000000 pixels (a 100 x 100 inch figure at dpi =
    160), more than MAX_PIXELS = 50000000
    >>> plt.close(fig)
    """
    width, height = figure.get_size_inches()
    check_work(
        round(width * dpi) * round(height * dpi),
        MAX_PIXELS,
        f"pixels (a {width:g} x {height:g} inch figure at {name} = {dpi:g})",
        "MAX_PIXELS",
    )


def _packed_png(figure: Figure, dpi: float, colors: int = 256) -> bytes:
    """``figure`` as a PNG of ``colors`` colours at ``dpi``, tight, with its fonts."""
    with recording_fonts() as sizes:
        pixels = tight_pixels(figure, dpi)
    image = Image.fromarray(pixels).quantize(
        colors, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
    )
    return png_with_font_record(image, sizes, dpi)


def tight_pixels(figure: Figure, dpi: float) -> np.ndarray:
    """RGB pixels of ``figure`` at ``dpi``, cropped as ``bbox_inches="tight"`` crops.

    ``savefig(bbox_inches="tight")`` lays the figure out twice (once to measure what
    it draws, once to draw it); here it is drawn once, on a canvas of its own, and the
    pixels are cropped to the same box (what is drawn, padded by
    ``savefig.pad_inches``). Where something is drawn outside the figure (a legend
    placed beyond its edge), the canvas did not hold it, and ``savefig`` draws the
    figure again in the larger box (once: the box is already measured).

    The figure is drawn on at most :data:`MAX_PIXELS` pixels (:func:`check_pixels`,
    before it is drawn).

    Examples
    --------
    >>> fig, ax = plt.subplots(figsize=(4, 3), dpi=80)
    >>> _ = ax.plot([0, 1], [0, 1])
    >>> tight_pixels(fig, 160).shape[2], tight_pixels(fig, 160).shape[1] < 4 * 160
    (3, True)
    >>> plt.close(fig)
    """
    check_pixels(figure, dpi)
    canvas, dpi_before = figure.canvas, figure.dpi
    agg = FigureCanvasAgg(figure)  # a canvas of its own (savefig swaps one in too)
    try:
        figure.dpi = dpi
        agg.draw()
        box = figure.get_tightbbox(agg.get_renderer())
        drawn = np.asarray(agg.buffer_rgba())[..., :3]
    finally:
        figure.dpi = dpi_before
        figure.set_canvas(canvas)
    width, height = figure.get_size_inches()
    if box.x0 >= 0 and box.y0 >= 0 and box.x1 <= width and box.y1 <= height:
        # all that is drawn is on the canvas; the padding may reach beyond its edge,
        # where savefig paints the figure's background, as here
        box = box.padded(mpl.rcParams["savefig.pad_inches"])
        # savefig's sizes: the box's width and height truncated to whole pixels
        left, top = round(box.x0 * dpi), round((height - box.y1) * dpi)
        right, bottom = left + int(box.width * dpi), top + int(box.height * dpi)
        face = np.round(np.asarray(figure.get_facecolor()[:3]) * 255)
        cropped = np.empty((bottom - top, right - left, 3), dtype=np.uint8)
        cropped[...] = face.astype(np.uint8)
        rows = slice(max(top, 0), min(bottom, drawn.shape[0]))
        columns = slice(max(left, 0), min(right, drawn.shape[1]))
        cropped[
            rows.start - top : rows.stop - top,
            columns.start - left : columns.stop - left,
        ] = drawn[rows, columns]
        return cropped
    # drawn again in the box just measured; the layout is done, and without a layout
    # engine savefig does not lay the figure out once more to measure it
    engine = figure.get_layout_engine()
    png = io.BytesIO()
    try:
        figure.set_layout_engine(None)
        figure.savefig(
            png,
            format="png",
            dpi=dpi,
            bbox_inches=box.padded(mpl.rcParams["savefig.pad_inches"]),
            pil_kwargs={"compress_level": 0},
        )
    finally:
        figure._layout_engine = engine  # as it was (set_layout_engine may refuse)
    return np.asarray(Image.open(png).convert("RGB"))


#: Environment variable set while the notebooks run for the web book (by the book's
#: ``phone_figures`` extension): figures then also draw their phone layout (see
#: :func:`retina_png`), and slider figures every frame (see
#: :class:`~ffnn_edu.show.sliders.SliderFigure`).
WEB_BOOK_ENV = "FFNN_WEB_BOOK"
#: Width of a figure's phone layout, in inches: 352 CSS pixels at the book's 80 dpi,
#: the text column of a phone 390 CSS pixels wide, so the image is shown at its size.
PHONE_WIDTH = 4.4
#: Smallest font of a phone layout, in points: 10 CSS pixels at 80 dpi.
PHONE_MIN_FONT = 9.0
#: Key of the PNG text chunk that records the size of a figure's smallest text, in
#: pixels of the image.
FONT_RECORD = "smallest-font-px"


@contextlib.contextmanager
def recording_fonts() -> Iterator[list[float]]:
    """Meanwhile, the size in points of every non-blank text matplotlib draws (Agg).

    Every text of a figure (titles, labels, tick labels, legends, annotations) is drawn
    by the Agg renderer's ``draw_text`` when the figure is saved as a PNG, so this
    records what the reader sees (for mathtext, its base size; sub- and superscripts
    are drawn smaller).

    Examples
    --------
    >>> fig, ax = plt.subplots()
    >>> _ = ax.set_title("a title", fontsize=14)
    >>> with recording_fonts() as sizes:
    ...     fig.savefig(io.BytesIO(), format="png")
    >>> max(sizes)
    14.0
    >>> plt.close(fig)
    """
    sizes: list[float] = []
    original = RendererAgg.draw_text

    def draw_text(  # type: ignore[no-untyped-def]
        self, gc, x, y, s, prop, angle, ismath=False, mtext=None
    ):
        if str(s).strip():
            sizes.append(float(prop.get_size_in_points()))
        return original(self, gc, x, y, s, prop, angle, ismath, mtext)

    RendererAgg.draw_text = draw_text  # type: ignore[method-assign]
    try:
        yield sizes
    finally:
        RendererAgg.draw_text = original  # type: ignore[method-assign]


def png_with_font_record(
    image: Image.Image, sizes: Sequence[float], dpi: float, compress_level: int = 6
) -> bytes:
    """``image`` as PNG bytes recording its smallest text (points ``sizes`` at ``dpi``).

    The record is a text chunk :data:`FONT_RECORD` holding the smallest size in pixels
    of the image (``"none"`` for an image without text); read it with
    :func:`smallest_font_px`.

    Examples
    --------
    >>> png = png_with_font_record(Image.new("RGB", (4, 4)), [10.0, 7.2], dpi=160)
    >>> smallest_font_px(png)  # 7.2 points at 160 dpi
    16.0
    """
    info = PngInfo()
    info.add_text(FONT_RECORD, f"{min(sizes) * dpi / 72:.2f}" if sizes else "none")
    packed = io.BytesIO()
    image.save(packed, format="png", compress_level=compress_level, pnginfo=info)
    return packed.getvalue()


def smallest_font_px(png: bytes) -> float | None:
    """The size of the smallest text in a PNG the book drew, in pixels of the image.

    ``None`` if the image has no text. A page showing the image ``d`` CSS pixels wide
    shows that text at ``smallest_font_px(png) * d / image_width`` CSS pixels.

    Raises
    ------
    ValueError
        If the PNG carries no record (it was not drawn by the book's figure code).

    Examples
    --------
    >>> fig, ax = plt.subplots(figsize=(2, 1), dpi=80)
    >>> _ = ax.set_title("title", fontsize=9)  # the tick labels have 10 points
    >>> data, marks = retina_png(fig)  # drawn at 160 dpi: 9 points are 20 pixels
    >>> smallest_font_px(base64.b64decode(data))
    20.0
    >>> plt.close(fig)
    """
    record = Image.open(io.BytesIO(png)).info.get(FONT_RECORD)
    if record is None:
        raise ValueError(
            f"the PNG has no {FONT_RECORD!r} record of its smallest text; draw it "
            "with the book's figure code (use_book_style, SliderFigure)"
        )
    return None if record == "none" else float(record)


def phone_layout(figure: Figure) -> Figure:
    """A copy of ``figure`` laid out for a phone: :data:`PHONE_WIDTH` wide, one column.

    Panels side by side (subplots of one grid) are stacked in reading order, each
    keeping about its shape; tick labels that a shared axis hid are shown again (each
    panel now stands alone); figure legends go below the panels; every text smaller
    than :data:`PHONE_MIN_FONT` points is enlarged to it, and a text too long for the
    width breaks into lines; then matplotlib's
    constrained layout places everything. The figure itself is not changed.

    Examples
    --------
    >>> fig, axes = plt.subplots(1, 3, figsize=(12, 3.6), sharey=True)
    >>> narrow = phone_layout(fig)
    >>> rows = [ax.get_subplotspec().rowspan for ax in narrow.axes]
    >>> float(narrow.get_figwidth()), rows
    (4.4, [range(0, 1), range(1, 2), range(2, 3)])
    >>> plt.close(fig), plt.close(narrow)
    (None, None)
    """
    narrow: Figure = pickle.loads(pickle.dumps(figure))
    heights = _restacked(narrow)
    for ax in narrow.axes:
        for axis, name in ((ax.xaxis, "x"), (ax.yaxis, "y")):
            labels = axis.get_ticklabels()
            if labels and labels[0].get_fontsize() < PHONE_MIN_FONT:
                ax.tick_params(axis=name, which="both", labelsize=PHONE_MIN_FONT)
    for text in narrow.findobj(Text):
        if text.get_fontsize() < PHONE_MIN_FONT:
            text.set_fontsize(PHONE_MIN_FONT)
    # a long title or label breaks at the figure's edge (legend texts cannot wrap)
    for ax in narrow.axes:
        for text in (ax.title, ax._left_title, ax._right_title):
            text.set_wrap(True)
        ax.xaxis.label.set_wrap(True)
        ax.yaxis.label.set_wrap(True)
    for text in [narrow._suptitle, narrow._supxlabel, narrow._supylabel, *narrow.texts]:
        if text is not None:
            text.set_wrap(True)
    title = 0.45 if narrow._suptitle is not None else 0.0
    narrow.set_size_inches(PHONE_WIDTH, sum(heights) + title)
    try:
        narrow.set_layout_engine("constrained")
    except RuntimeError:  # a colorbar made for another layout engine
        narrow.set_layout_engine("tight")
    constrained = isinstance(narrow.get_layout_engine(), ConstrainedLayoutEngine)
    for legend in narrow.legends:
        if constrained and hasattr(legend, "_outside_loc"):
            # as fig.legend(loc="outside lower center") places it: constrained layout
            # keeps a margin for it below the panels, inside the picture
            _set_loc(legend, "lower center")
            legend.set_bbox_to_anchor(None)
            legend._outside_loc = "lower"
        else:  # below the figure's edge (the picture is then drawn twice)
            _set_loc(legend, "upper center")
            legend.set_bbox_to_anchor((0.5, 0.0), transform=narrow.transFigure)
    return narrow


def _set_loc(legend: Legend, loc: str) -> None:
    """``legend.set_loc(loc)``, also on matplotlib 3.7 (which has only ``_set_loc``)."""
    if hasattr(legend, "set_loc"):
        legend.set_loc(loc)
    else:  # matplotlib 3.7
        legend._set_loc(Legend.codes[loc])  # type: ignore[attr-defined]


def _restacked(figure: Figure) -> list[float]:
    """Stack the panels of ``figure`` in one column; return each row's new height (in).

    Panels no wider than half the phone's width (a grid of small panels) go two to a
    row instead, in reading order, so the picture is half as tall.
    Only a figure whose axes all belong to one grid of subplots (with colorbars or
    other axes nested in a cell) is restacked; another keeps its arrangement.
    """
    width, height = figure.get_size_inches()
    axes = figure.axes
    specs = [ax.get_subplotspec() for ax in axes]
    tops = {spec.get_topmost_subplotspec() for spec in specs if spec is not None}
    grids = {top.get_gridspec() for top in tops}

    def shape(cell: SubplotSpec, across: int = 1) -> float:
        box = cell.get_position(figure)
        wide = PHONE_WIDTH / across
        return min(3.0, max(2.3, wide * box.height * height / (box.width * width)))

    if None in specs or len(grids) != 1:
        return [min(4.4, max(2.8, height * PHONE_WIDTH / width))]
    cells = sorted(tops, key=lambda c: (c.rowspan.start, c.colspan.start))
    if next(iter(grids)).get_geometry()[1] == 1:
        return [shape(cell) for cell in cells]
    small = all(
        cell.get_position(figure).width * width <= PHONE_WIDTH / 2 for cell in cells
    )
    across = 2 if small and len(cells) > 2 else 1
    n_rows = -(-len(cells) // across)
    column = figure.add_gridspec(n_rows, across)
    place = {cell: column[i // across, i % across] for i, cell in enumerate(cells)}
    inner: dict[object, GridSpecFromSubplotSpec] = {}

    def moved(spec: SubplotSpec) -> SubplotSpec:
        """Where the cell ``spec`` (of the grid, or of a grid nested in it) goes."""
        if spec in place:
            return place[spec]
        old = spec.get_gridspec()
        if old not in inner:
            rows, cols = old.get_geometry()
            inner[old] = GridSpecFromSubplotSpec(
                rows,
                cols,
                subplot_spec=moved(old._subplot_spec),  # type: ignore[attr-defined]
                wspace=old._wspace,  # type: ignore[attr-defined]
                hspace=old._hspace,  # type: ignore[attr-defined]
                # a colorbar's grid may hold rows of height 0, which constrained
                # layout cannot divide by
                width_ratios=[max(r, 1e-6) for r in old.get_width_ratios()],
                height_ratios=[max(r, 1e-6) for r in old.get_height_ratios()],
            )
        rows_, cols_ = spec.rowspan, spec.colspan
        return inner[old][rows_.start : rows_.stop, cols_.start : cols_.stop]

    for ax, spec in zip(axes, specs):
        assert spec is not None
        ax.set_subplotspec(moved(spec))
        # each panel stands alone now: show what a shared axis hid
        if len(ax.get_shared_x_axes().get_siblings(ax)) > 1:
            ax.tick_params(axis="x", which="both", labelbottom=True)
        if len(ax.get_shared_y_axes().get_siblings(ax)) > 1:
            ax.tick_params(axis="y", which="both", labelleft=True)
    return [
        max(shape(cell, across) for cell in cells[row * across : (row + 1) * across])
        for row in range(n_rows)
    ]


def _classes(y: ArrayLike, name: str, n_rows: int) -> Array:
    """Checker: one class number 0, 1, 2, ... per row, as ints.

    The values are checked before they are cast, so a message quotes the number given
    (1e+20, not the -9.2e18 the cast to int makes of it), and at most
    :data:`MAX_PLOTTED_CLASSES` different classes may be drawn.

    Examples
    --------
    >>> _classes([0, 1e20], "y", 2)
    Traceback (most recent call last):
    ...
    ValueError: y must hold class numbers 0, 1, 2, ..., but it contains 1e+20 (a class
    number must be below 2**63)
    """
    y = as_array(y, name, ndim=1)
    if len(y) != n_rows:
        raise ValueError(
            f"{name} must hold one label per point ({n_rows}), but it has {len(y)}"
        )
    bad = (y < 0) | (y != np.round(y)) | (y >= 2.0**63)  # 2**63 overflows an int
    if bad.any():
        value = y[bad][0].item()
        raise ValueError(
            f"{name} must hold class numbers 0, 1, 2, ..., but it contains {value!r}"
            + (" (a class number must be below 2**63)" if value >= 2.0**63 else "")
        )
    classes = np.unique(y)
    check_work(
        len(classes),
        MAX_PLOTTED_CLASSES,
        f"classes to draw ({name}: a colour, marker and legend entry each)",
        "MAX_PLOTTED_CLASSES",
    )
    return y.astype(int)


def _scatter_classes(
    ax: Axes, X: Array, y: Array, name_of: Callable[[int], str], size: float
) -> None:
    """One filled scatter per class present in ``y``, labelled ``name_of(class)``."""
    for k in np.unique(y):
        colour, marker = CLASS_STYLES[k % len(CLASS_STYLES)]
        ax.scatter(
            X[y == k, 0],
            X[y == k, 1],
            s=size,
            c=colour,
            marker=marker,
            edgecolors="white",
            linewidths=0.5,
            label=name_of(int(k)),
            zorder=3,
        )


def _what_it_is(value: Any, one: bool) -> str:
    """What a wrong ``ax`` (``one``) or ``axes`` is, with the way to the Axes in it."""
    if value is plt:
        return (
            "the pyplot module (use ax = plt.gca())"
            if one
            else "the pyplot module (leave axes out for a new figure)"
        )
    if isinstance(value, types.ModuleType):
        return f"the module {value.__name__}"
    if isinstance(value, Axes):
        return "one Axes (put it in a list: [ax])"
    if isinstance(value, mpl.figure.FigureBase):
        held = len(value.axes)
        kind = type(value).__name__
        if held == 0:
            return f"a {kind} (with no Axes yet: ax = fig.add_subplot())"
        if one:
            return f"a {kind} (pick one of its {held} Axes: fig.axes[0])"
        return f"a {kind} (its Axes: fig.axes)"
    items = value.flat if isinstance(value, np.ndarray) else value
    many = (
        np.size(value) > 0
        if isinstance(value, np.ndarray)
        else (isinstance(value, (list, tuple)) and len(value) > 0)
    )
    if many and all(isinstance(a, Axes) for a in items):
        if isinstance(value, np.ndarray) and not one:
            return f"an array of Axes of shape {value.shape} (flatten it: axs.ravel())"
        if isinstance(value, np.ndarray):
            first = f"axs[{', '.join(['0'] * value.ndim)}]"
            return f"an array of {value.size} Axes (pick one: {first})"
        return f"a {type(value).__name__} of {len(value)} Axes (pick one: axs[0])"
    text = repr(value)
    text = text if len(text) <= 60 else text[:57] + "..."
    return f"{text} ({type(value).__name__})"


def axes_to_draw_in(value: Any, name: str) -> Axes:
    """Checker: one matplotlib Axes to draw in (the ``ax`` of the drawing functions).

    A Figure, the pyplot module or an array of Axes (what ``plt.subplots(1, 2)``
    returns) is refused by name, with the way to the Axes it holds; matplotlib's own
    words were an ``AttributeError`` about a method the object lacks.

    Examples
    --------
    >>> fig, axs = plt.subplots(1, 2)
    >>> axes_to_draw_in(axs, "ax")
    Traceback (most recent call last):
    ...
    TypeError: ax must be a matplotlib Axes (e.g. fig, ax = plt.subplots()), but it is
    an array of 2 Axes (pick one: axs[0])
    >>> axes_to_draw_in(axs[0], "ax") is axs[0]
    True
    >>> plt.close(fig)
    """
    if isinstance(value, Axes):
        return value
    raise TypeError(
        f"{name} must be a matplotlib Axes (e.g. fig, ax = plt.subplots()), but it is "
        f"{_what_it_is(value, one=True)}"
    )


def _panels(value: Any, name: str) -> Sequence[Axes] | None:
    """Checker: None, or a list, tuple or 1-D array of matplotlib Axes (as given)."""
    if value is None:
        return None
    ok = isinstance(value, (list, tuple)) or (
        isinstance(value, np.ndarray) and value.ndim == 1
    )
    if ok and all(isinstance(a, Axes) for a in value):
        return value  # type: ignore[no-any-return]
    raise TypeError(
        f"{name} must be a list of matplotlib Axes, one per panel (e.g. fig, {name} "
        f"= plt.subplots(1, 2)), or None, but it is {_what_it_is(value, one=False)}"
    )


def drawable_extent(points: Array, margin: float, name: str) -> tuple[Array, Array]:
    """The lowest and highest coordinates of ``points``, widened by ``margin``.

    Refuses points whose range, margin included, is too wide to draw: more than about
    1.8e307 in a coordinate, a tenth of the largest float, since matplotlib places the
    tick marks at multiples of up to ten times the width. A range wider than that
    overflowed in the grid of :func:`plot_decision_boundary` (whose error then said
    ``X`` held infinities it did not hold) or in matplotlib's tick marks, with numpy's
    ``RuntimeWarning``. The live figures (:mod:`ffnn_edu.show.live`) draw their
    regions over the same extent.

    Examples
    --------
    >>> drawable_extent(np.array([[1.0, 0.0], [-1.0, 3.0]]), 0.5, "X")
    (array([-1.5, -0.5]), array([1.5, 3.5]))
    >>> drawable_extent(np.array([[1e308, 0.0], [-1e308, 1.0]]), 0.5, "X")
    Traceback (most recent call last):
    ...
    ValueError: X must lie within a range that can be drawn (at most about 1.8e307 wide
    in each coordinate, with the margin), but its largest |value| is 1e+308; scale X
    first, e.g. with a Standardizer (ffnn_edu.nn.preprocessing) or scikit-learn's
    StandardScaler
    """
    with np.errstate(over="ignore", invalid="ignore"):
        lo, hi = points.min(axis=0) - margin, points.max(axis=0) + margin
        ticks = 10.0 * (hi - lo)
    if not np.isfinite(ticks).all():
        raise ValueError(
            f"{name} must lie within a range that can be drawn (at most about 1.8e307 "
            f"wide in each coordinate, with the margin), but its largest |value| is "
            f"{np.abs(points).max():.3g}; {SCALE_ADVICE.format(name=name)}"
        )
    return lo, hi


def _binary_labels(y: Array, name: str) -> None:
    """Refuse class numbers other than 0 and 1 (the shading is class 1's chance)."""
    bad = (y != 0) & (y != 1)
    if bad.any():
        raise ValueError(
            f"{name} must hold the labels 0 and 1 (the shading is the probability of "
            f"class 1), but it contains {y[bad][0].item()!r}; map the two classes to "
            "0 and 1 first"
        )


def _probabilities_of_class_1(p: Array, points: int) -> Array:
    """What ``predict`` returned on ``points`` grid points, as one probability each.

    ``(N,)``, ``(N, 1)``, or ``(N, 2)`` whose column 1 is the probability of class 1.

    Examples
    --------
    >>> _probabilities_of_class_1(np.full(3, 2.0), 3)
    Traceback (most recent call last):
    ...
    ValueError: predict must return one probability of class 1 per grid point, shape
    (N,) (or (N, 2) with class 1's in column 1), from 0 to 1, but its values run from
    2 to 2
    """
    if p.ndim == 2 and p.shape[1] == 2:
        p = p[:, 1]
    elif p.ndim == 2 and p.shape[1] == 1:
        p = p[:, 0]
    wanted = (
        "predict must return one probability of class 1 per grid point, shape (N,) "
        "(or (N, 2) with class 1's in column 1)"
    )
    if p.shape != (points,):
        raise ValueError(
            f"{wanted}, N = {points} here, but it returned shape {p.shape}"
        )
    if p.min() < 0 or p.max() > 1:
        raise ValueError(
            f"{wanted}, from 0 to 1, but its values run from {p.min():.3g} to "
            f"{p.max():.3g}"
        )
    return p


@checked(ax=axes_to_draw_in, size=positive)
def plot_points(
    ax: Axes,
    X: ArrayLike,
    y: ArrayLike,
    labels: Sequence[str] | None = None,
    size: float = 30,
) -> None:
    """Scatter 2-D points, one colour and marker per class.

    Parameters
    ----------
    ax : matplotlib Axes
    X : array_like, shape (n, 2)
    y : array_like, shape (n,)
        Class numbers 0, 1, 2, ...
    labels : sequence of str, optional
        Legend entry of each class, indexed by class number (default "class k").
    size : float
        Marker area in points squared, a positive number.

    Raises
    ------
    TypeError
        If ``ax`` is not a matplotlib Axes (:func:`axes_to_draw_in`).
    ValueError
        If ``X`` is not (n, 2), ``y`` does not hold one whole number >= 0 per
        point (below 2**63), or more than :data:`MAX_PLOTTED_CLASSES` classes, or
        ``labels`` names fewer classes than ``y`` holds, ``size`` is not a positive
        number, or ``X`` spans a range too wide to draw (:func:`drawable_extent`).

    Examples
    --------
    >>> fig, ax = plt.subplots()
    >>> plot_points(ax, [[0.0, 0.0], [1.0, 1.0]], [0, 1], labels=["no", "yes"])
    >>> [h.get_label() for h in ax.get_legend_handles_labels()[0]]
    ['no', 'yes']
    >>> plt.close(fig)
    """
    X = plane_points(X, "X")
    drawable_extent(X, 0.0, "X")
    y = _classes(y, "y", len(X))
    if labels is not None:
        if isinstance(labels, (str, bytes)) or not isinstance(labels, Sequence):
            raise TypeError(
                f"labels must be a list of names, one per class, but it is {labels!r}"
            )
        if len(labels) <= y.max():
            raise ValueError(
                f"labels must name every class 0..{y.max()} ({y.max() + 1} "
                f"names), but it has {len(labels)}"
            )
    _scatter_classes(
        ax,
        X,
        y,
        (lambda k: f"class {k}") if labels is None else labels.__getitem__,
        size,
    )


@checked(ax=axes_to_draw_in)
def plot_decision_boundary(
    ax: Axes,
    predict: Callable[[Array], Array],
    X: ArrayLike,
    y: ArrayLike,
    *,
    resolution: int = 150,
    margin: float = 0.5,
    title: str | None = None,
    test: tuple[ArrayLike, ArrayLike] | None = None,
) -> None:
    """Shade where ``predict`` says class 1, draw the 0.5 contour and the data points.

    Call ``ax.legend()`` afterwards to label the classes.

    Parameters
    ----------
    ax : matplotlib Axes
    predict : callable
        Maps an ``(n, 2)`` array of points to the probability of class 1: either
        ``n`` numbers (e.g. ``lambda G: net.forward(G)[:, 0]``) or an ``(n, 2)``
        array whose column 1 is that probability, as
        :meth:`~ffnn_edu.nn.classifier.NetworkClassifier.predict_proba` returns.
    X, y : array_like
        2-D inputs ``(n, 2)`` and 0/1 labels ``(n,)``, drawn as filled markers.
    resolution : int
        Grid points per axis at which ``predict`` is evaluated (the shading and
        contour are smooth from about 60 on).
    margin : float
        Space around the points, in data units.
    test : (X_test, y_test), optional
        More points, drawn as hollow markers in their class colour and shape and
        labelled "test, class k" (the filled ones are then "training, class k").

    Raises
    ------
    TypeError
        If ``ax`` is not a matplotlib Axes (:func:`axes_to_draw_in`).
    ValueError
        If ``X`` is not (n, 2), ``y`` not one label 0 or 1 per point, ``test`` not a
        pair (X_test, y_test) of the same kind, ``resolution`` not a whole
        number from 2 to :data:`MAX_RESOLUTION` (2000), the points and ``margin``
        span a range too wide to draw (:func:`drawable_extent`), or ``predict`` returns
        neither one probability (a finite number from 0 to 1) per point nor two
        columns of them.

    Examples
    --------
    >>> fig, ax = plt.subplots()
    >>> X = np.array([[0.0, 0.0], [1.0, 1.0]])
    >>> plot_decision_boundary(ax, lambda G: 1 / (1 + np.exp(-G[:, 0])), X, [0, 1],
    ...                        resolution=20,
    ...                        test=(X + 0.1, [0, 1]))
    >>> [h.get_label() for h in ax.get_legend_handles_labels()[0]]
    ['training, class 0', 'training, class 1', 'test, class 0', 'test, class 1']
    >>> plt.close(fig)
    """
    X = plane_points(X, "X")
    y_arr = _classes(y, "y", len(X))
    _binary_labels(y_arr, "y")
    if test is not None:
        if not (isinstance(test, (tuple, list)) and len(test) == 2):
            raise TypeError(
                "test must be a pair (X_test, y_test), but "
                f"it is a {type(test).__name__}"
            )
        X_test = plane_points(test[0], "test X")
        y_test = _classes(test[1], "test y", len(X_test))
        _binary_labels(y_test, "test y")
    if not callable(predict):
        raise TypeError(
            "predict must be a function of an (n, 2) array of "
            f"points, but it is {predict!r}"
        )
    resolution = check_count(resolution, "resolution", low=2)
    check_work(
        resolution,
        MAX_RESOLUTION,
        "grid points per axis (resolution)",
        "MAX_RESOLUTION",
    )
    margin = check_number(margin, "margin", low=0.0)
    everything = X if test is None else np.vstack([X, X_test])
    lo, hi = drawable_extent(
        everything, margin, "X" if test is None else "X with test X"
    )
    gx, gy = np.meshgrid(
        np.linspace(lo[0], hi[0], resolution), np.linspace(lo[1], hi[1], resolution)
    )
    p = as_array(
        predict(np.c_[gx.ravel(), gy.ravel()]), "what predict returns", ndim=(1, 2)
    )
    p = _probabilities_of_class_1(p, gx.size).reshape(gx.shape)
    cmap = mpl.colors.LinearSegmentedColormap.from_list(
        "classes", ["#cfe3f2", "#ffffff", "#fbe3b3"]
    )
    ax.contourf(gx, gy, p, levels=np.linspace(0, 1, 11), cmap=cmap, vmin=0, vmax=1)
    if p.min() < 0.5 < p.max():
        ax.contour(gx, gy, p, levels=[0.5], colors=PALETTE["black"], linewidths=1.5)
    if test is None:
        plot_points(ax, X, y_arr)
    else:  # a label for each class present (a list up to class 10**9 filled the memory)
        _scatter_classes(ax, X, y_arr, lambda k: f"training, class {k}", 30)
        for k in np.unique(y_test):
            colour, marker = CLASS_STYLES[k % len(CLASS_STYLES)]
            ax.scatter(
                X_test[y_test == k, 0],
                X_test[y_test == k, 1],
                s=14,
                marker=marker,
                facecolors="none",
                edgecolors=colour,
                linewidths=0.9,
                alpha=0.8,
                label=f"test, class {k}",
                zorder=2.5,
            )
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_xlim(lo[0], hi[0])
    ax.set_ylim(lo[1], hi[1])
    if title:
        ax.set_title(title)


def _history_epochs(history: History) -> list[int]:
    """The epochs to draw ``history``'s records against, each record checked to fit.

    ``history.epoch``, or 0, 1, 2, ... as many as ``train_loss`` holds where it is
    empty (a history built by hand). A record longer than the epochs has no epoch
    for its last entries: a ValueError names it and the length expected.
    """
    epochs = list(history.epoch) or list(range(len(history.train_loss)))
    where = "history.epoch" if history.epoch else "history.train_loss (no epoch given)"
    for name in ("train_loss", "val_loss", "train_accuracy", "val_accuracy"):
        record = getattr(history, name)
        if len(record) > len(epochs):
            raise ValueError(
                f"history.{name} must hold at most one entry per epoch, "
                f"{len(epochs)} as {where} records (entry 0 before training), but it "
                f"holds {len(record)}"
            )
    return epochs


@checked(axes=_panels)
def plot_history(
    history: History, axes: Sequence[Axes] | None = None, title: str | None = None
) -> Sequence[Axes]:
    """Learning curves: loss (and accuracy, if kept) per epoch, training and validation.

    Returns the axes, creating a figure with one or two panels if none are given.
    A history built by hand without ``epoch`` (``History(train_loss=[1.0, 0.5])``,
    as the docstrings build them) is drawn against epochs 0, 1, 2, ... (entry 0 is
    the network before training); the accuracy panel is drawn when either accuracy
    is recorded.

    Raises
    ------
    TypeError
        If ``history`` is not a :class:`~ffnn_edu.nn.training.History`, or ``axes``
        is neither None nor a list, tuple or 1-D array of matplotlib Axes.
    ValueError
        If it records no epoch, a record (``train_loss``, ``val_loss``,
        ``train_accuracy``, ``val_accuracy``) holds more entries than ``epoch``
        (one per epoch, entry 0 before training), or fewer ``axes`` are given than
        there are panels.

    Examples
    --------
    >>> from ffnn_edu.nn.training import History
    >>> axes = plot_history(History(train_loss=[1.0, 0.5]))
    >>> axes[0].lines[0].get_xdata().tolist()
    [0, 1]
    >>> plt.close("all")
    """
    if not isinstance(history, History):
        raise TypeError(
            f"history must be the History that train returns (or a classifier's "
            f"history_), but it is a {type(history).__name__}"
        )
    if len(history.train_loss) == 0:
        raise ValueError("history must record at least one epoch, but it is empty")
    epochs = _history_epochs(history)
    panels = 2 if history.train_accuracy or history.val_accuracy else 1
    if axes is None:
        _, axes = plt.subplots(1, panels, figsize=(5 * panels, 3.5), squeeze=False)
        axes = list(axes[0])
    elif len(axes) < panels:
        raise ValueError(
            f"axes must hold {panels} panel(s) (loss and "
            f"accuracy), but it holds {len(axes)}"
        )
    series = [
        ("loss", history.train_loss, history.val_loss),
        ("accuracy", history.train_accuracy, history.val_accuracy),
    ][:panels]
    for ax, (name, train, val) in zip(axes, series):
        if train:
            ax.plot(
                epochs[: len(train)], train, color=PALETTE["blue"], label="training"
            )
        if val:
            ax.plot(
                epochs[: len(val)],
                val,
                color=PALETTE["orange"],
                linestyle="--",
                label="validation",
            )
        ax.set_xlabel("epoch")
        ax.set_ylabel(name)
        ax.legend(fontsize="small")
        ax.set_title(f"{title}: {name}" if title else f"{name.capitalize()} per epoch")
    return axes


@checked(ax=axes_to_draw_in)
def draw_network(
    ax: Axes,
    layer_sizes: Sequence[int],
    *,
    weight_labels: dict[tuple[int, int, int], str | tuple[str, float]] | None = None,
    node_labels: dict[tuple[int, int], str] | None = None,
    node_notes: dict[tuple[int, int], str] | None = None,
    layer_names: Sequence[str] | None = None,
    title: str | None = None,
    fontsize: float = 11,
    min_dpi: float = 150,
) -> None:
    """Draw a fully connected network: circles for neurons, lines for weights.

    Weight labels lie along their edge, turned to its slope, and are slid
    along it until they clear every neuron, every note and every other label,
    so no label sits on a neuron or on another label (checked in display
    pixels, for the figure's size at the time of the call).

    Parameters
    ----------
    ax : matplotlib Axes
    layer_sizes : sequence of int
        Neurons per layer, input first; at least one layer, each size >= 1.
    weight_labels : dict, optional
        ``{(layer, j, k): text}`` labels the weight from neuron ``j`` of
        ``layer`` to neuron ``k`` of the next layer (0-based). A value
        ``(text, t)`` says where the label should go: ``t`` is the fraction
        of the way from neuron ``j`` to neuron ``k`` (default 0.3). A label
        that would collide there moves to the nearest free place on its edge.
    node_labels : dict, optional
        ``{(layer, j): text}`` written inside the neurons (keep it short).
    node_notes : dict, optional
        ``{(layer, j): text}`` written beside the neurons: left of the inputs,
        right of the outputs, above hidden neurons. For values of a worked
        example, e.g. ``{(0, 0): "$x_A$ = 0.23"}``.
    layer_names : sequence of str, optional
        Captions under the layers.
    title : str, optional
    fontsize : float
        Size in points of the weight labels and notes (neuron labels are one
        point larger).
    min_dpi : float
        The figure's resolution is raised to at least this many dots per inch,
        so the figure stays sharp on high-density screens.

    Raises
    ------
    TypeError
        If ``ax`` is not a matplotlib Axes (:func:`axes_to_draw_in`), or
        ``layer_sizes`` is not a sequence of whole numbers.
    ValueError
        If ``layer_sizes`` is empty or holds a size below 1, or asks for more than
        :data:`MAX_DRAWN_WEIGHTS` weights or
        :data:`~ffnn_edu.show.network_diagram.MAX_DRAWN_NEURONS` neurons, or a
        key of ``weight_labels``, ``node_labels`` or ``node_notes`` names no weight or
        neuron of the network, or
        ``layer_names`` has the wrong length, or ``min_dpi`` is above :data:`MAX_DPI`.

    Examples
    --------
    >>> fig, ax = plt.subplots()
    >>> draw_network(ax, (2, 1),
    ...              weight_labels={(0, 0, 0): "$w_1$", (0, 1, 0): ("$w_2$", 0.7)},
    ...              node_notes={(1, 0): "$t$ = 1"})
    >>> sorted(text.get_text() for text in ax.texts)
    ['$t$ = 1', '$w_1$', '$w_2$']
    >>> plt.close(fig)
    """
    if isinstance(layer_sizes, (list, tuple, range)) or (
        isinstance(layer_sizes, np.ndarray) and layer_sizes.ndim == 1
    ):
        check_work(  # before any size is read: one line or more between two layers
            len(layer_sizes) - 1,
            MAX_DRAWN_WEIGHTS,
            f"weight lines or more (layer_sizes with {len(layer_sizes)} layers)",
            "MAX_DRAWN_WEIGHTS",
        )
    sizes = list(check_sizes(layer_sizes, "layer_sizes"))
    check_work(
        sum(a * b for a, b in zip(sizes[:-1], sizes[1:])),
        MAX_DRAWN_WEIGHTS,
        f"weight lines (layer_sizes with {len(sizes)} layers, up to {max(sizes)} wide)",
        "MAX_DRAWN_WEIGHTS",
    )
    check_work(  # a layer alone has no weights: (10**6,) drew circles for ten minutes
        sum(sizes),
        MAX_DRAWN_NEURONS,
        f"neurons (layer_sizes with {counted(len(sizes), 'layer')}, up to "
        f"{max(sizes)} wide)",
        "MAX_DRAWN_NEURONS",
    )
    pos = neuron_positions(sizes)
    weight_labels, node_labels, node_notes = (
        weight_labels or {},
        node_labels or {},
        node_notes or {},
    )
    for name, given in (
        ("weight_labels", weight_labels),
        ("node_labels", node_labels),
        ("node_notes", node_notes),
    ):
        if not isinstance(given, dict):
            raise TypeError(
                f"{name} must be a dict keyed by "
                f"{'(layer, j, k)' if name == 'weight_labels' else '(layer, j)'}, "
                f"but it is a {type(given).__name__}"
            )
        for key in given:
            if not isinstance(key, tuple):
                raise TypeError(
                    f"{name} must be keyed by tuples of whole "
                    f"numbers, but it has the key {key!r}"
                )
    fontsize = check_number(fontsize, "fontsize", low=0.0, low_inclusive=False)
    min_dpi = check_dpi(min_dpi, "min_dpi")
    for name, keys, valid in (
        (
            "weight_labels",
            weight_labels,
            lambda key: (
                len(key) == 3
                and (key[0], key[1]) in pos
                and (key[0] + 1, key[2]) in pos
            ),
        ),
        ("node_labels", node_labels, lambda key: key in pos),
        ("node_notes", node_notes, lambda key: key in pos),
    ):
        for key in keys:
            if not valid(tuple(key)):
                raise ValueError(
                    f"{name} has the key {key}, which names no "
                    f"{'weight' if name == 'weight_labels' else 'neuron'} "
                    f"of a {'-'.join(map(str, sizes))} network"
                )
    if layer_names is not None and (
        isinstance(layer_names, (str, bytes)) or not isinstance(layer_names, Sequence)
    ):
        raise TypeError(
            "layer_names must be a list of captions, one per "
            f"layer, but it is {layer_names!r}"
        )
    if layer_names is not None and len(layer_names) != len(sizes):
        raise ValueError(
            "layer_names must have one name per layer "
            f"({len(sizes)}), got {len(layer_names)}"
        )
    fig = ax.figure
    if fig.dpi < min_dpi:
        fig.set_dpi(min_dpi)
    last = len(sizes) - 1
    for l in range(last):
        for j in range(sizes[l]):
            for k in range(sizes[l + 1]):
                (x0, y0), (x1, y1) = pos[(l, j)], pos[(l + 1, k)]
                ax.plot([x0, x1], [y0, y1], color="0.45", linewidth=1.2, zorder=1)
    colours = (
        [PALETTE["sky"]] + [PALETTE["orange"]] * (len(sizes) - 2) + [PALETTE["green"]]
    )
    for (l, j), (x, y) in pos.items():
        ax.add_patch(
            plt.Circle(
                (x, y),
                RADIUS,
                facecolor=colours[min(l, len(colours) - 1)],
                edgecolor="black",
                linewidth=1.2,
                zorder=2,
            )
        )
        if (l, j) in node_labels:
            ax.text(
                x,
                y,
                node_labels[(l, j)],
                ha="center",
                va="center",
                fontsize=fontsize + 1,
                zorder=3,
            )
    white = {"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none"}
    notes = []
    for (l, j), note in node_notes.items():
        text, side = (
            note
            if isinstance(note, tuple)
            else (
                note,
                "left" if l == 0 and last > 0 else "right" if l == last else "above",
            )
        )
        x, y = pos[(l, j)]
        gap = RADIUS + 0.15
        where = {
            "left": dict(x=x - gap, y=y, ha="right", va="center"),
            "right": dict(x=x + gap, y=y, ha="left", va="center"),
            "above": dict(x=x, y=y + gap, ha="center", va="bottom"),
            "below": dict(x=x, y=y - gap, ha="center", va="top"),
        }.get(side)
        if where is None:
            raise ValueError(
                f"node_notes: the side of {(l, j)} must be 'left', 'right', "
                f"'above' or 'below', got {side!r}"
            )
        notes.append(ax.text(s=text, fontsize=fontsize, zorder=4, bbox=white, **where))
    names = [
        ax.text(LAYER_GAP * l, 0, name, ha="center", va="top", fontsize=fontsize)
        for l, name in enumerate(layer_names or [])
    ]
    if title:
        ax.set_title(title)
    ax.set_aspect("equal")
    ax.axis("off")
    labels = []  # labels with a chosen place first: defaults make way for them
    for (l, j, k), label in sorted(
        weight_labels.items(), key=lambda item: not isinstance(item[1], tuple)
    ):
        text, preferred = label if isinstance(label, tuple) else (label, 0.3)
        labels.append(
            (
                (l, j, k),
                float(preferred),
                ax.text(
                    0,
                    0,
                    text,
                    fontsize=fontsize,
                    ha="center",
                    va="center",
                    rotation_mode="anchor",
                    zorder=4,
                    bbox=white,
                ),
            )
        )
    renderer = fig.canvas.get_renderer()
    pad_px = 0.2 * fontsize * fig.dpi / 72
    for _ in range(8):  # grow the figure until every label finds a free place
        _fit_limits(ax, pos, notes, names)
        to_px = ax.transData.transform
        radius_px = to_px((RADIUS, 0))[0] - to_px((0, 0))[0]
        circles = [(to_px(p), radius_px + pad_px) for p in pos.values()]
        placed = [_text_box(text, renderer, pad_px) for text in notes + names]
        places, all_fit = [], True
        for (l, j, k), preferred, artist in labels:
            start, end = to_px(pos[(l, j)]), to_px(pos[(l + 1, k)])
            extent = artist.get_window_extent(renderer)
            t, box, ok = slide_along_edge(
                start,
                end,
                preferred,
                extent.width / 2 + pad_px,
                extent.height / 2 + pad_px,
                circles,
                placed,
            )
            placed.append(box)
            places.append(t)
            all_fit = all_fit and ok
        if all_fit:
            break
        fig.set_size_inches(fig.get_size_inches() * 1.15)
    for ((l, j, k), _, artist), t in zip(labels, places):
        (x0, y0), (x1, y1) = pos[(l, j)], pos[(l + 1, k)]
        start, end = to_px((x0, y0)), to_px((x1, y1))
        artist.set_position((x0 + t * (x1 - x0), y0 + t * (y1 - y0)))
        artist.set_rotation(
            np.degrees(np.arctan2(end[1] - start[1], end[0] - start[0]))
        )


def _text_box(text: mpl.text.Text, renderer: object, pad_px: float) -> Box:
    """The upright rectangle a text occupies on screen, padded."""
    extent = text.get_window_extent(renderer)
    return Box(
        np.array([extent.x0 + extent.x1, extent.y0 + extent.y1]) / 2,
        np.array([1.0, 0.0]),
        extent.width / 2 + pad_px,
        extent.height / 2 + pad_px,
    )


def _fit_limits(
    ax: Axes,
    pos: dict[tuple[int, int], tuple[float, float]],
    notes: Sequence[mpl.text.Text],
    names: Sequence[mpl.text.Text],
) -> None:
    """Set limits to show every neuron and text; layer names go under everything else.

    Texts keep their size in points, so they grow in data units as the scale
    shrinks: the limits are refitted until they stop changing.
    """
    xs, ys = zip(*pos.values())
    lo = np.array([min(xs) - RADIUS - 0.3, min(ys) - RADIUS - 0.3])
    hi = np.array([max(xs) + RADIUS + 0.3, max(ys) + RADIUS + 0.3])
    renderer = ax.figure.canvas.get_renderer()

    def corners(text: mpl.text.Text, to_data: mpl.transforms.Transform) -> np.ndarray:
        return to_data.transform(text.get_window_extent(renderer).get_points())

    for _ in range(6):
        ax.set_xlim(lo[0], hi[0])
        ax.set_ylim(lo[1], hi[1])
        ax.apply_aspect()
        to_data = ax.transData.inverted()
        floor = min(
            [min(ys) - RADIUS] + [corners(t, to_data)[:, 1].min() for t in notes]
        )
        for name in names:
            name.set_y(floor - 0.25)
        new_lo, new_hi = lo.copy(), hi.copy()
        for text in [*notes, *names]:
            c = corners(text, to_data)
            new_lo = np.minimum(new_lo, c.min(axis=0) - 0.1)
            new_hi = np.maximum(new_hi, c.max(axis=0) + 0.1)
        if np.allclose(new_lo, lo, atol=1e-3) and np.allclose(new_hi, hi, atol=1e-3):
            return
        lo, hi = new_lo, new_hi
    ax.set_xlim(lo[0], hi[0])
    ax.set_ylim(lo[1], hi[1])
    ax.apply_aspect()
