"""Figures driven by sliders: live in Jupyter, and still working in the static web book.

A :class:`SliderFigure` wraps a function that draws a matplotlib figure for
given hyper-parameters (say the learning rate :math:`\\eta` and the
regularization rate :math:`\\lambda`), and a piece of ``ffnn_edu`` code that
reproduces each setting. Each combination of slider positions is drawn once,
when it is first shown, and kept; displaying the figure produces one
output with two faces:

* in a running notebook, an ipywidgets slider per parameter above an image and
  the code for the current setting; moving a slider to a position drawn before
  swaps in its image at once, and a slider over a continuous parameter (a
  learning rate, a penalty rate, a momentum, a dropout rate) also stops between
  the positions, where the figure is drawn (and the network retrained) for
  that value on the spot, then kept;
* in the static HTML book, where no Python is running, a plain HTML range
  slider per parameter, the same images and code, and a small script that
  swaps them (only the positions drawn in advance: when the notebooks run for
  the web book, every combination is drawn; elsewhere the HTML face shows the
  initial setting only, so that a notebook runs fast).

The book's configuration tells Jupyter Book to prefer the HTML face; a live
JupyterLab shows the widget face.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import itertools
import json
import math
import numbers
import os
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.text import Text
from numpy.typing import ArrayLike
from PIL import Image

from ffnn_edu.experiments.overfitting import MAX_EPOCHS_IN_ALL
from ffnn_edu.nn.classifier import (
    ConvergenceWarning,
    NetworkClassifier,
    check_hyperparameters,
    check_layers,
    check_loss_name,
    trained_loss,
)
from ffnn_edu.nn.network import MAX_LAYERS, MAX_PARAMETERS, FeedForwardNetwork
from ffnn_edu.nn.training import MAX_EPOCHS, check_run_size, check_updates
from ffnn_edu.nn.validation import (
    Array,
    as_array,
    bounded_list,
    check_count,
    check_sizes,
    check_work,
    checked,
    counted,
    known_names,
    settings_of,
    shown,
)

from .plotting import (
    MAX_DPI,
    MAX_RESOLUTION,
    PALETTE,
    WEB_BOOK_ENV,
    check_dpi,
    check_pixels,
    drawable_extent,
    plot_decision_boundary,
    png_with_font_record,
    recording_fonts,
)

#: What a :class:`SliderFigure` draws with: ``render(**values)`` returns a matplotlib
#: Figure for one setting of the sliders.
Render = Callable[..., Figure]
#: The code a :class:`SliderFigure` shows under the figure: a ``str.format`` template
#: of the slider names, or a function ``code(**values) -> str``.
Code = str | Callable[..., str]

#: Words for the loss names the package uses, for axis labels.
LOSS_WORDS = {
    "cross_entropy": "cross-entropy loss",
    "binary_cross_entropy": "cross-entropy loss",
    "categorical_cross_entropy": "cross-entropy loss",
    "mse": "mean squared error",
    "half_sse": "half sum of squared errors",
}
#: How each hyper-parameter of :class:`TrainingExplorer` is written in a frame's title.
SYMBOLS = {
    "eta": "η",
    "lam": "λ",
    "mu": "μ",
    "dropout": "dropout rate p",
    "epochs": "epochs",
}
#: Smallest font of a :class:`TrainingExplorer` figure, in points (9.5 CSS pixels at
#: the 72 dpi at which the book shows slider figures).
FONT = 9.5
#: How the live widget spaces a slider: only its positions ("grid"), or also values
#: between them, evenly ("linear") or by a constant factor ("log").
SCALES = ("grid", "linear", "log")
#: Most frames a :class:`SliderFigure` draws (the product of its sliders' lengths). The
#: book's largest has 18 (6 x 3); each frame takes a fraction of a second and tens of kB
#: of HTML, so a million would take hours and gigabytes.
MAX_FRAMES = 200
#: Most stops a ``"linear"`` or ``"log"`` live slider makes between its smallest and
#: largest position (:func:`live_positions`); its positions are stops as well. A live
#: figure (:mod:`ffnn_edu.show.live`) takes at most as many values per slider.
MAX_LIVE_STOPS = 1000
#: The mantissas of the E24 series of preferred numbers: 24 steps
#: per decade of a "log" slider.
E24 = (1.0, 1.1, 1.2, 1.3, 1.5, 1.6, 1.8, 2.0, 2.2, 2.4, 2.7, 3.0,
       3.3, 3.6, 3.9, 4.3, 4.7, 5.1, 5.6, 6.2, 6.8, 7.5, 8.2, 9.1)  # fmt: skip


def figure_png(
    fig: Figure, dpi: int = 144, colors: int = 64, compress_level: int = 6
) -> bytes:
    """The figure as a PNG with a palette of ``colors`` colours; the figure is closed.

    The PNG records the size of its smallest text (read it with
    :func:`~ffnn_edu.show.plotting.smallest_font_px`). ``compress_level`` (0 to 9) is
    zlib's: 1 packs a frame in a third of the time of 6 into a file about a third
    larger, with the same pixels (for a frame drawn live, which no page stores).

    Reducing a plot to a 64-colour palette is invisible to the eye but makes the
    file several times smaller, which matters when a page carries dozens of
    slider frames. The default 144 dpi is twice the 72 dpi at which the book
    shows the image, so it stays sharp on high-density screens. A figure of more
    than :data:`~ffnn_edu.show.plotting.MAX_PIXELS` pixels at ``dpi`` is refused before
    it is drawn (a :class:`SliderFigure` draws at its ``dpi`` times its ``density``),
    and so is a ``dpi`` above :data:`~ffnn_edu.show.plotting.MAX_DPI`.

    Examples
    --------
    >>> fig, ax = plt.subplots(figsize=(1, 1))
    >>> figure_png(fig)[:4]
    b'\\x89PNG'
    """
    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib Figure, but it is {fig!r}")
    dpi = check_count(dpi, "dpi")
    check_pixels(fig, dpi)  # counted from the figure's size, before it is drawn
    check_dpi(dpi, "dpi")
    colors = check_count(colors, "colors", low=2)
    if colors > 256:
        raise ValueError(
            f"colors must be at most 256 (a PNG palette), but it is {colors}"
        )
    if (
        not isinstance(compress_level, numbers.Integral)
        or isinstance(compress_level, bool)
        or not 0 <= compress_level <= 9
    ):
        raise ValueError(
            f"compress_level must be a whole number from 0 to 9 (zlib's), but it is "
            f"{compress_level!r}"
        )
    fig.set_dpi(dpi)
    # a figure drawn again (a TrainingExplorer's) keeps its canvas, whose renderer
    # remembers the size of every text it laid out: the same pixels, a seventh less time
    canvas = (
        fig.canvas
        if type(fig.canvas) in (FigureCanvasAgg, StillTextCanvas)
        else FigureCanvasAgg(fig)
    )
    with recording_fonts() as sizes:
        canvas.draw()
    sizes += getattr(canvas, "copied_sizes", [])  # texts whose pixels were copied
    # the opaque RGBA buffer read in place and its alpha dropped in C: the same pixels
    # as a numpy slice copied by Pillow, in a quarter of the time
    rgb = Image.frombuffer(
        "RGBA",
        canvas.get_width_height(physical=True),
        canvas.buffer_rgba(),
        "raw",
        "RGBA",
        0,
        1,
    ).convert("RGB")
    plt.close(fig)
    image = rgb.quantize(colors=colors, method=Image.Quantize.FASTOCTREE)
    return png_with_font_record(image, sizes, dpi, compress_level)


class StillTextCanvas(FigureCanvasAgg):
    """An Agg canvas that copies the pixels of the texts that stay as they were.

    For a figure drawn again and again (a :class:`TrainingExplorer`'s):
    ``still(figure)`` lists the artists (texts, legends) that stay the same from frame
    to frame while the axes keep their place and limits: tick labels, axis labels, a
    legend outside the panels. The first :meth:`draw` draws everything and keeps the
    pixels under each of them (padded by :attr:`PAD` pixels). A later draw of the same
    layout (the same canvas size, axes, limits, and words, fonts, colours and
    transforms of those texts) draws the figure without them and copies their pixels
    back: the same image, since nothing that changes is drawn where they are (a still
    artist that comes near the inside of a panel or a text that is not still is drawn
    every time instead). Laying out and drawing a text glyph by glyph is most of the
    time matplotlib takes to draw a plot of a few lines: a :class:`TrainingExplorer`
    frame, 37 of its 43 texts still, is drawn in about half the time.

    After each draw, ``copied_sizes`` holds the sizes (points) of the texts copied
    rather than drawn, for the record of the smallest text (see :func:`figure_png`).
    """

    #: Pixels around an artist's box that are copied with it (antialiased edges).
    PAD = 3

    def __init__(self, figure: Figure, still: Callable[[Figure], list[Any]]) -> None:
        super().__init__(figure)
        self.still = still
        self.copied_sizes: list[float] = []
        self._kept_layout: tuple[Any, ...] | None = None
        self._kept: list[tuple[tuple[int, int, int, int], np.ndarray]] = []
        self._kept_sizes: list[float] = []

    def draw(self) -> None:
        """Draw the figure; texts still in place since the last draw are copied."""
        still = [a for a in self.still(self.figure) if a.get_visible()]
        layout = self._layout(still)
        self.copied_sizes = []
        if layout == self._kept_layout:
            for artist in still:
                artist.set_visible(False)
            try:
                super().draw()
            finally:
                for artist in still:
                    artist.set_visible(True)
            boxes = [box for box, _ in self._kept]
            if not _overlap(boxes, self._moving_boxes(still)):
                pixels = np.asarray(self.buffer_rgba())
                for (top, bottom, left, right), kept in self._kept:
                    pixels[top:bottom, left:right] = kept
                self.copied_sizes = self._kept_sizes
                return
        super().draw()
        self._keep(still, layout)

    def _layout(self, still: list[Any]) -> tuple[Any, ...]:
        """What decides the pixels of the still artists.

        Their places follow from the axes' places and limits, their transforms (a tick
        label's holds its distance from the axis), and their words and fonts (an axis
        label is placed when it is drawn, beside the tick labels).
        """
        axes = tuple(
            (ax.get_position().bounds, ax.get_xlim(), ax.get_ylim())
            for ax in self.figure.axes
        )
        texts = tuple(
            (
                t.get_text(),
                t.get_color(),
                t.get_fontproperties(),
                t.get_rotation(),
                t.get_horizontalalignment(),
                t.get_verticalalignment(),
                t.get_transform().get_matrix().tobytes(),
            )
            for artist in still
            for t in artist.findobj(Text)
        )
        return (self.get_width_height(physical=True), self.figure.dpi, axes, texts)

    def _boxes(self, artists: list[Any]) -> list[tuple[int, int, int, int]]:
        """Each artist's pixel box (top, bottom, left, right), padded, on the canvas."""
        renderer = self.get_renderer()
        width, height = self.get_width_height(physical=True)
        boxes = []
        for artist in artists:
            box = artist.get_window_extent(renderer)
            if box.width > 0 and box.height > 0:
                boxes.append(
                    (
                        max(height - math.ceil(box.y1) - self.PAD, 0),
                        min(height - math.floor(box.y0) + self.PAD, height),
                        max(math.floor(box.x0) - self.PAD, 0),
                        min(math.ceil(box.x1) + self.PAD, width),
                    )
                )
        return boxes

    def _moving_boxes(self, still: list[Any]) -> list[tuple[int, int, int, int]]:
        """The boxes of what may change: the panels' insides and the other texts."""
        inside = {id(part) for artist in still for part in artist.findobj()}
        moving = [
            a
            for a in self.figure.findobj(lambda a: isinstance(a, (Text, Legend)))
            if id(a) not in inside
            and a.get_visible()
            and (not isinstance(a, Text) or a.get_text())  # an empty text draws nothing
        ]
        return self._boxes(self.figure.axes) + self._boxes(moving)

    def _keep(self, still: list[Any], layout: tuple[Any, ...]) -> None:
        """Keep the pixels under the still artists just drawn (unless one overlaps)."""
        boxes = self._boxes(still)
        if _overlap(boxes, self._moving_boxes(still)):
            self._kept_layout, self._kept = None, []
            return
        pixels = np.asarray(self.buffer_rgba())
        self._kept = [
            (box, pixels[box[0] : box[1], box[2] : box[3]].copy()) for box in boxes
        ]
        self._kept_sizes = [
            float(t.get_fontsize())
            for artist in still
            for t in artist.findobj(Text)
            if t.get_visible() and t.get_text().strip()
        ]
        self._kept_layout = layout


def _overlap(
    boxes: list[tuple[int, int, int, int]], others: list[tuple[int, int, int, int]]
) -> bool:
    """Whether a box (top, bottom, left, right) of ``boxes`` meets one of ``others``."""
    return any(
        a[0] < b[1] and b[0] < a[1] and a[2] < b[3] and b[2] < a[3]
        for a in boxes
        for b in others
    )


def _fmt(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _script_json(data: Any) -> str:
    """JSON safe inside an HTML ``<script>`` element (no ``</script>``, no ``<!--``)."""
    return (
        json.dumps(data, ensure_ascii=False)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )


def _is_real(value: Any) -> bool:
    """Whether ``value`` is a real number (a bool is not)."""
    return isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_))


def inferred_scale(positions: Sequence[Any]) -> str:
    """How the live widget spaces these positions, unless told (see :data:`SCALES`).

    Float positions (at least two, none negative) are a continuous parameter: ``"log"``
    when the positive ones grow by a factor rather than a step (at least three, whose
    logarithms are more evenly spaced than the values themselves, as in 0.03, 0.1, 0.3,
    1), else ``"linear"``. Anything else (integers such as epochs, names) is ``"grid"``.

    Examples
    --------
    >>> inferred_scale([0.0, 0.03, 0.1, 0.3, 1.0, 3.0]), inferred_scale([0.0, 0.5, 0.9])
    ('log', 'linear')
    >>> inferred_scale([100, 300, 1000])
    'grid'
    """
    if len(positions) < 2 or not all(
        isinstance(v, (float, np.floating)) for v in positions
    ):
        return "grid"
    if not all(np.isfinite(v) and v >= 0 for v in positions):
        return "grid"
    positive = np.sort([float(v) for v in positions if v > 0])
    if len(positive) >= 3:
        steps, factors = np.diff(positive), np.diff(np.log(positive))
        if np.std(factors) / np.mean(factors) < np.std(steps) / np.mean(steps):
            return "log"
    return "linear"


#: The hyper-parameters that may have a slider and are numbers; the range of each is
#: the classifier's, checked by :func:`~ffnn_edu.nn.classifier.check_hyperparameters`.
_RATES = ("eta", "lam", "mu", "dropout")


def setting(value: Any, name: str) -> Any:
    """Checker: the fixed value of a hyper-parameter that may have a slider is a number.

    A list of values (meant for a slider) was kept, then broke the first frame. Its
    range (``eta > 0``, ``lam >= 0``, ``0 <= mu < 1``, ``0 <= dropout < 1``) is the
    classifier's, and :func:`~ffnn_edu.nn.classifier.check_hyperparameters` checks it
    with the others, in ``fit``'s words; ``value`` is returned as it is, so that a
    refusal shows it as it was given.

    Examples
    --------
    >>> setting([0.1, 0.2], "eta")
    Traceback (most recent call last):
    ...
    TypeError: eta must be a number (the value when eta is not a slider; a slider's
    values are given to the figure's sliders), not list
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(
            f"{name} must be a number (the value when {name} is not a slider; a "
            f"slider's values are given to the figure's sliders), not "
            f"{type(value).__name__}"
        )
    return value


def _positions(value: Any, name: str) -> list[Any]:
    """Checker: a live slider's positions, at most :data:`MAX_LIVE_STOPS` of them."""
    return bounded_list(value, name, (MAX_LIVE_STOPS, "MAX_LIVE_STOPS", "positions"))


def _distinct_linear(arguments: dict[str, Any]) -> None:
    """Relation for ``live_positions``: a linear slider repeats no position.

    Its finest step is a fifth of the smallest gap between positions; a repeat makes
    that gap 0 (``[0.5, 0.5]`` failed with "cannot convert float NaN to integer"). The
    same refusal as :class:`SliderFigure`'s; a log or grid slider's stops are the
    positions themselves, so a repeat there changes nothing.
    """
    if arguments["scale"] != "linear":
        return
    positions = arguments["positions"]
    seen: set[float] = set()
    for value in positions:
        if float(value) in seen:
            raise ValueError(
                f"positions must not repeat a position (a linear slider steps by a "
                f"fifth of the smallest gap between them), but {value!r} appears twice"
            )
        seen.add(float(value))


@checked(_distinct_linear, positions=_positions)
def live_positions(positions: Sequence[float], scale: str) -> list[float]:
    """The stops of a live slider: its ``positions`` and values between them, in order.

    A ``"log"`` slider stops at the E24 preferred numbers (24 per decade) between its
    smallest positive and its largest position (and at 0 if that is a position); a
    ``"linear"`` slider every tenth, hundredth... (a fifth of the smallest gap or finer)
    from its smallest to its largest position; a ``"grid"`` slider only at its
    positions. Neither makes more than :data:`MAX_LIVE_STOPS` stops between them:
    positions 0, 1e-10 and 1 asked for 5e10 linear stops, and the widget never
    appeared; a log slider over more decades than 24 a decade allows takes every
    other E24 number (the E12 series), then E6, E3 and 1 a decade (positions 1e-300
    and 1e300 made 14 400 stops).

    The positions themselves are at most :data:`MAX_LIVE_STOPS`, counted before any is
    read (a ``range(1, 10**12)`` was sorted entry by entry); ValueError beyond it, and
    for a ``"linear"`` slider that repeats a position (its step is a fifth of the
    smallest gap, 0 then). The positions may come in any order.

    Examples
    --------
    >>> live_positions([0.0, 0.25, 0.5], "linear")[:4]
    [0.0, 0.01, 0.02, 0.03]
    >>> [v for v in live_positions([0.003, 0.03, 0.3], "log") if 0.02 < v < 0.04]
    [0.022, 0.024, 0.027, 0.03, 0.033, 0.036, 0.039]
    >>> live_positions([1e-100, 1e100], "log")[:4]  # 201 decades: E3
    [1e-100, 2.2e-100, 4.7e-100, 1e-99]
    """
    if scale == "grid":
        return list(positions)
    values = sorted(float(v) for v in positions)
    low, high = values[0], values[-1]
    if scale == "log":
        smallest = min(v for v in values if v > 0)
        decades = range(
            int(np.floor(np.log10(smallest))), int(np.floor(np.log10(high))) + 1
        )
        # E24, or the coarser series within it (E12, E6, E3, E1) that keeps the limit
        series = next(
            E24[::every]
            for every in (1, 2, 4, 8, 24)
            if len(decades) * len(E24[::every]) <= MAX_LIVE_STOPS or every == 24
        )
        stops = [float(f"{m:g}e{k}") for k in decades for m in series]
        between = [v for v in stops if smallest <= v <= high]
    else:
        gap = min(np.diff(values)) if len(values) > 1 else 1.0
        coarsest = (  # the finest step that keeps the stops within the limit
            np.ceil(np.log10((high - low) / MAX_LIVE_STOPS)) if high > low else -np.inf
        )
        step = 10.0 ** max(np.floor(np.log10(gap / 5)), coarsest)
        count = round((high - low) / step)
        between = [float(f"{low + i * step:.12g}") for i in range(count + 1)]
    return sorted(set(values) | {v for v in between if low <= v <= high})


class SliderFigure:
    """A figure drawn for every combination of slider values, with the code of each.

    Parameters
    ----------
    render : callable
        ``render(**values) -> matplotlib Figure``, called with one keyword per slider.
        If it has a ``prepare(settings)`` method, that is called first with the list
        of all combinations (as dicts), e.g. to train every network once and choose
        axis limits shared by all frames; a ``check_settings(settings)`` method is
        called with the same list when the figure is built, to refuse a value the
        render function cannot draw.
    sliders : dict
        ``{name: sequence of values}``: the positions of each slider, in order.
    code : str or callable
        The ``ffnn_edu`` code that reproduces one setting, shown below the figure:
        a ``str.format`` template using the slider names (``"eta={eta}"``) or a
        function ``code(**values) -> str``.
    labels : dict, optional
        ``{name: label}`` shown beside each slider (e.g. ``"η (learning rate)"``).
    initial : dict, optional
        Starting value of each slider (default: its middle position).
    scales : dict, optional
        ``{name: "grid" | "linear" | "log"}``: whether the live widget's slider also
        stops between the positions, and how (see :data:`SCALES`); a slider not named
        here gets :func:`inferred_scale` of its positions (float positions are a
        continuous parameter, integers such as epochs stay on their grid). The static
        HTML twin always shows the positions only.
    alt : str
        Alternative text describing the figure, for readers who cannot see it.
    dpi : int
        Resolution at which the book shows the images; they are drawn at
        ``density`` times this, for high-density screens.
    density : int
        Pixels per CSS pixel of the images (2 keeps them sharp on most phones and
        laptops). ``dpi`` times ``density`` is at most
        :data:`~ffnn_edu.show.plotting.MAX_DPI`, and each frame at most
        :data:`~ffnn_edu.show.plotting.MAX_PIXELS` pixels (:func:`figure_png`).

    Raises
    ------
    TypeError
        If ``sliders``, ``labels``, ``initial`` or ``scales`` is not a dict, a slider
        name or a scale is not a str, or a slider's positions are not a list (a single
        number, or a string, whose letters would become positions).
    ValueError
        If a slider has no positions or repeats one, ``alt`` is blank, ``labels``,
        ``initial`` or ``scales`` names no slider, a scale is not one of
        :data:`SCALES` or does not fit the positions (a continuous slider needs
        numbers, a log one numbers >= 0 with one above 0), an initial value is not
        a slider position, ``code`` does not produce text for the initial values, the
        sliders make more than :data:`MAX_FRAMES` frames, or ``dpi`` times
        ``density`` is above :data:`~ffnn_edu.show.plotting.MAX_DPI`.

    Examples
    --------
    >>> def render(eta):
    ...     fig, ax = plt.subplots()
    ...     ax.set_title(f"η = {eta}")
    ...     return fig
    >>> sf = SliderFigure(render, {"eta": [0.1, 1.0]}, code="train(eta={eta})",
    ...                   alt="A title that changes")
    >>> sf.code_for(eta=0.1)
    'train(eta=0.1)'
    >>> 'type="range"' in sf.static_html()
    True
    >>> sf.scales, sf.frame(eta=0.5)[:4]  # between the positions: drawn when asked
    ({'eta': 'linear'}, b'\\x89PNG')
    """

    _count = 0  # figures made in this Python process, for element ids unique on a page

    @checked()  # a misspelt keyword: refused with the ones accepted and the one meant
    def __init__(
        self,
        render: Render,
        sliders: dict[str, Sequence[Any]],
        *,
        code: Code,
        labels: dict[str, str] | None = None,
        initial: dict[str, Any] | None = None,
        scales: dict[str, str] | None = None,
        alt: str,
        dpi: int = 72,
        density: int = 2,
    ) -> None:
        if not callable(render):
            raise TypeError(
                f"render must be a function that draws a figure, but it is {render!r}"
            )
        if not isinstance(sliders, dict):
            raise TypeError(
                f"sliders must be a dict {{name: list of values}}, but it is a "
                f"{type(sliders).__name__}"
            )
        if not sliders:
            raise ValueError("sliders must give at least one value for every slider")
        for name, positions in sliders.items():
            if not isinstance(name, str) or not name.isidentifier():
                raise TypeError(
                    f"every slider name must be a str that can be a keyword of "
                    f"render, such as 'eta', but got {name!r}"
                )
            if isinstance(positions, (str, bytes, dict)) or not isinstance(
                positions, (Sequence, np.ndarray, range)
            ):
                raise TypeError(
                    f"sliders[{name!r}] must be a list of slider positions, such "
                    f"as [0.1, 0.5], but it is {positions!r} "
                    f"({type(positions).__name__})"
                )
            if len(positions) == 0:
                raise ValueError(
                    "sliders must give at least one value for every slider"
                )
        sizes = {name: len(positions) for name, positions in sliders.items()}
        check_work(  # before anything that walks the positions
            math.prod(sizes.values()),
            MAX_FRAMES,
            "frames, the sliders' lengths multiplied ("
            + " x ".join(f"{name}: {n}" for name, n in sizes.items())
            + ")",
            "MAX_FRAMES",
        )
        for name, positions in sliders.items():
            for i, value in enumerate(positions):
                if value in list(positions)[:i]:
                    raise ValueError(
                        f"sliders[{name!r}] must not repeat a "
                        f"position, but {value!r} appears twice"
                    )
        for given, what in (
            (labels, "labels"),
            (initial, "initial"),
            (scales, "scales"),
        ):
            if given is not None and not isinstance(given, dict):
                raise TypeError(
                    f"{what} must be a dict {{slider name: value}}, but it is a "
                    f"{type(given).__name__}"
                )
            known_names(given or {}, sliders, f"SliderFigure({what}=...)", "slider")
        if not isinstance(alt, str):
            raise TypeError(
                f"alt must be a text describing the figure for readers who cannot "
                f"see it, but it is {alt!r}"
            )
        if not alt.strip():
            raise ValueError(
                "alt must describe the figure for readers who cannot see it"
            )
        self.render = render
        self.sliders = {name: list(values) for name, values in sliders.items()}
        self.labels = {name: (labels or {}).get(name, name) for name in self.sliders}
        start = initial or {}
        for name, value in start.items():
            if name not in self.sliders or value not in self.sliders[name]:
                raise ValueError(
                    f"initial value {value!r} for {name!r} is "
                    "not one of its slider positions"
                )
        self.initial = {
            name: start.get(name, values[len(values) // 2])
            for name, values in self.sliders.items()
        }
        self.scales = {
            name: _checked_scale(name, values, (scales or {}).get(name))
            for name, values in self.sliders.items()
        }
        self.alt = alt
        self.dpi = check_count(dpi, "dpi")
        self.density = check_count(density, "density")
        check_work(  # every frame is drawn at this resolution
            self.dpi * self.density,
            MAX_DPI,
            f"dots per inch (dpi: {self.dpi} x density: {self.density})",
            "MAX_DPI",
        )
        self.code = code
        check = getattr(render, "check_settings", None)
        if callable(check):  # every position, checked now, not in the first frame
            check([self._values(key) for key in self._keys()])
        self.code_for(**self.initial)  # fail now, not when the page is drawn
        self.redraw_seconds: list[float] = []
        self._frames: dict[tuple[int, ...], bytes] = {}
        self._prepared = False
        self._between: dict[
            tuple[Any, ...], bytes
        ] = {}  # frames drawn off the grid, live
        SliderFigure._count += 1
        self._number = SliderFigure._count

    def code_for(self, **values: Any) -> str:
        """The code shown for one combination of slider values."""
        try:
            text = (
                self.code.format(**values)
                if isinstance(self.code, str)
                else self.code(**values)
            )
        except (KeyError, IndexError, TypeError, AttributeError, ValueError) as error:
            raise ValueError(
                f"code must be a str.format template or a function of the slider "
                f"names {list(self.sliders)}, but it failed with "
                f"{type(error).__name__}: {error}"
            ) from error
        if not isinstance(text, str) or not text.strip():
            raise ValueError(f"code must produce non-empty text, but it gave {text!r}")
        return text

    def _values(self, key: tuple[int, ...]) -> dict[str, Any]:
        return {n: self.sliders[n][i] for n, i in zip(self.sliders, key)}

    def _checked(self, values: dict[str, Any]) -> dict[str, Any]:
        """The slider ``values``, each checked against its slider.

        A value is one of the slider's positions, or for a slider that is not ``"grid"``
        a number from its first to its last position (then returned as a float).
        """
        missing = [n for n in self.sliders if n not in values]
        unknown = [n for n in values if n not in self.sliders]
        if missing or unknown:
            self._key(values)  # raises, naming them
        checked = {}
        for name in self.sliders:
            value, positions = values[name], self.sliders[name]
            # True == 1 and False == 0: a bool would pass for a position
            if isinstance(value, (bool, np.bool_)) and not any(
                isinstance(p, (bool, np.bool_)) for p in positions
            ):
                raise TypeError(
                    f"the slider {name!r} takes one of its positions "
                    f"{positions}, but got {value!r}"
                )
            if value in positions:
                checked[name] = value
                continue
            if self.scales[name] == "grid":
                raise ValueError(
                    f"{name}={value!r} is not one of the positions of the slider "
                    f"{name!r}: {positions}"
                )
            low, high = min(positions), max(positions)
            if not _is_real(value):
                raise TypeError(
                    f"the slider {name!r} takes a number from {_fmt(low)} to "
                    f"{_fmt(high)}, but got {value!r} ({type(value).__name__})"
                )
            if not low <= value <= high:  # False for NaN
                raise ValueError(
                    f"the slider {name!r} goes from {_fmt(low)} to "
                    f"{_fmt(high)}, but got {name}={shown(value)}"
                )
            checked[name] = float(value)
        return checked

    def _key(self, values: dict[str, Any]) -> tuple[int, ...]:
        missing = [n for n in self.sliders if n not in values]
        unknown = [n for n in values if n not in self.sliders]
        if missing or unknown:
            raise ValueError(
                f"give one value for each slider {list(self.sliders)}, but "
                f"{'missing ' + ', '.join(missing) if missing else ''}"
                f"{'; ' if missing and unknown else ''}"
                f"{'unknown ' + ', '.join(unknown) if unknown else ''}"
            )
        for name, value in values.items():
            if value not in self.sliders[name]:
                raise ValueError(
                    f"{name}={value!r} is not one of the positions of the slider "
                    f"{name!r}: {self.sliders[name]}"
                )
        return tuple(self.sliders[n].index(values[n]) for n in self.sliders)

    def _keys(self) -> list[tuple[int, ...]]:
        """Every combination of slider positions, in reading order."""
        return list(itertools.product(*(range(len(v)) for v in self.sliders.values())))

    def _prepare(self) -> None:
        """Call ``render.prepare`` (if it has one) with every combination, once."""
        if not self._prepared:
            prepare = getattr(self.render, "prepare", None)
            if callable(prepare):
                prepare([self._values(key) for key in self._keys()])
            self._prepared = True

    def frames(self) -> dict[tuple[int, ...], bytes]:
        """Every frame as PNG bytes, keyed by slider positions; drawn once and kept."""
        self._prepare()
        self._frames = {
            key: self._frames.get(key) or self._draw(self._values(key))
            for key in self._keys()
        }
        return self._frames

    def _draw(self, values: dict[str, Any], compress_level: int = 6) -> bytes:
        fig = self.render(**values)
        if not isinstance(fig, Figure):
            raise TypeError(
                "render must return a matplotlib Figure, but "
                f"for {values} it returned {fig!r}"
            )
        return figure_png(fig, self.dpi * self.density, compress_level=compress_level)

    def frame(self, **values: Any) -> bytes:
        """The PNG bytes for one combination of slider values.

        A combination of positions, or a value between the positions of a slider
        that is not ``"grid"``, is drawn by ``render`` when first asked for (after
        ``prepare`` has seen every position, so that the frame is the one
        :meth:`frames` draws), then kept.

        Raises
        ------
        TypeError
            If a value of a continuous slider is not a number.
        ValueError
            If a slider is missing or unknown, or a value is not one of the positions of
            a ``"grid"`` slider, or outside the first to last position of another (or
            NaN).
        """
        values = self._checked(values)
        self._prepare()
        if all(values[n] in self.sliders[n] for n in self.sliders):
            grid = self._key(values)
            if grid not in self._frames:
                self._frames[grid] = self._draw(values)
            return self._frames[grid]
        key = tuple(values.values())
        if key not in self._between:  # shown live only, never stored in a page:
            # packed fast (the same pixels in a somewhat larger file)
            self._between[key] = self._draw(values, compress_level=1)
        return self._between[key]

    def is_drawn(self, **values: Any) -> bool:
        """Whether the frame of these slider values is drawn (so it shows at once)."""
        values = self._checked(values)
        if all(values[n] in self.sliders[n] for n in self.sliders):
            return self._key(values) in self._frames
        return tuple(values.values()) in self._between

    def widget(self) -> Any:
        """The live version: sliders above the image, and the current setting's code.

        Only the initial setting is drawn to show it (the web book's build draws every
        frame, for :meth:`static_html`). A slider that is not ``"grid"`` stops at
        :func:`live_positions` (its positions and values between them). A move to a
        setting drawn before swaps in its frame; a move to one not yet drawn draws it
        (:meth:`frame`: ``render`` retrains for that value), so such a slider reports
        its value when let go rather than at every stop it is dragged over. The time
        each move takes, from the slider's new value to the new image and code, is
        appended to ``redraw_seconds``.
        """
        import ipywidgets as widgets

        width, _ = self._size()
        image = widgets.Image(
            value=self.frame(**self.initial),
            format="png",
            layout=widgets.Layout(width=f"{width}px", max_width="100%"),
        )
        code = widgets.HTML(value=self._code_html(self.initial))
        controls = {
            name: widgets.SelectionSlider(
                options=[
                    (_fmt(v), v) for v in live_positions(values, self.scales[name])
                ],
                value=self.initial[name],
                description=self.labels[name],
                # a stop between positions retrains: while dragging,
                # only where it is let go
                continuous_update=self.scales[name] == "grid",
                style={"description_width": "initial"},
                layout=widgets.Layout(width="420px"),
            )
            for name, values in self.sliders.items()
        }

        def redraw(_change: Any) -> None:
            started = time.perf_counter()
            values = {n: c.value for n, c in controls.items()}
            image.value = self.frame(**values)
            code.value = self._code_html(values)
            self.redraw_seconds.append(time.perf_counter() - started)

        for control in controls.values():
            control.observe(redraw, names="value")
        return widgets.VBox([*controls.values(), image, code])

    def _code_html(self, values: dict[str, Any]) -> str:
        return (
            f'<pre class="slider-code" style="margin:0.3em 0"><code>'
            f"{html.escape(self.code_for(**values))}</code></pre>"
        )

    def _size(self) -> tuple[int, int]:
        """Width and height at which the images are shown, in CSS pixels."""
        width, height = Image.open(io.BytesIO(self.frame(**self.initial))).size
        return round(width / self.density), round(height / self.density)

    def element_id(self) -> str:
        """The HTML id of the static figure: unique on a page, the same in every run.

        It combines the figure's number in this Python process with a hash of its
        content (alt text, sliders, labels, code), so two identical figures on
        one page still get different ids.
        """
        content = json.dumps(
            [
                self.alt,
                {n: [_fmt(v) for v in vs] for n, vs in self.sliders.items()},
                self.labels,
                [self.code_for(**self._values(k)) for k in self._keys()],
            ],
            ensure_ascii=False,
        )
        digest = hashlib.sha1(content.encode()).hexdigest()[:10]
        return f"sf-{self._number}-{digest}"

    def static_html(self) -> str:
        """The static version: HTML range sliders swapping pre-rendered images and code.

        A slider's position is an index into its values; its ``aria-valuetext`` (kept
        up to date by the script) is the value itself, which a screen reader announces.
        """
        frames = self.frames()
        keys = {",".join(map(str, key)): key for key in frames}
        images = {
            k: "data:image/png;base64," + _b64(frames[key]) for k, key in keys.items()
        }
        codes = {k: self.code_for(**self._values(key)) for k, key in keys.items()}
        start = self._key(self.initial)
        width, height = self._size()
        uid = self.element_id()
        rows = []
        for name, i in zip(self.sliders, start):
            values = [_fmt(v) for v in self.sliders[name]]
            label = html.escape(self.labels[name])
            rows.append(
                '<label style="display:block;margin:0.2em 0"><span '
                f'style="display:inline-block;min-width:11em">{label}</span> <input '
                f'type="range" min="0" max="{len(values) - 1}" step="1" value="{i}" '
                f'data-values="{html.escape(json.dumps(values, ensure_ascii=False))}" '
                f'aria-label="{label}" aria-valuetext="{html.escape(values[i])}" '
                'style="width:16em;vertical-align:middle"> '
                f"<output>{html.escape(values[i])}</output></label>"
            )
        first = ",".join(map(str, start))
        return (
            f'<div class="slider-figure" id="{uid}">{"".join(rows)}'
            f'<img src="{images[first]}" alt="{html.escape(self.alt)}" width="{width}" '
            f'height="{height}" style="max-width:100%;height:auto">'
            f'<pre class="slider-code" style="margin:0.3em 0;white-space:pre-wrap">'
            f"<code>{html.escape(codes[first])}</code></pre></div>\n"
            "<script>(function(){"
            f"var root=document.getElementById({_script_json(uid)});"
            f"var frames={_script_json(images)};"
            f"var codes={_script_json(codes)};"
            "var inputs=root.querySelectorAll('input[type=range]');"
            "var img=root.querySelector('img');"
            "var code=root.querySelector('pre.slider-code code');"
            "function update(){var key=[];"
            "inputs.forEach(function(el){key.push(el.value);"
            "var value=JSON.parse(el.dataset.values)[el.value];"
            "el.setAttribute('aria-valuetext',value);"
            "el.parentElement.querySelector('output').textContent=value;});"
            "key=key.join(',');img.src=frames[key];code.textContent=codes[key];}"
            "inputs.forEach(function(el){el.addEventListener('input',update);});"
            "})();</script>"
        )

    def preview_html(self) -> str:
        """The static version outside the web book: the initial frame and its code.

        A notebook that is not run for the web book (in JupyterLab, or for nbval)
        draws only this frame, so that it runs in a fraction of the time; the widget
        draws the others when the sliders reach them.
        """
        width, height = self._size()
        frame = "data:image/png;base64," + _b64(self.frame(**self.initial))
        setting = ", ".join(
            f"{self.labels[n]} = {_fmt(v)}" for n, v in self.initial.items()
        )
        return (
            f'<div class="slider-figure" id="{self.element_id()}">'
            f'<p style="margin:0.2em 0">{html.escape(setting)} (run the notebook to '
            "move the sliders; the web book shows every setting drawn)</p>"
            f'<img src="{frame}" alt="{html.escape(self.alt)}" width="{width}" '
            f'height="{height}" style="max-width:100%;height:auto">'
            f"{self._code_html(self.initial)}</div>\n"
        )

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = self.widget()._repr_mimebundle_(**kwargs)
        bundle["text/html"] = (
            self.static_html() if os.environ.get(WEB_BOOK_ENV) else self.preview_html()
        )
        sizes = " x ".join(str(len(v)) for v in self.sliders.values())
        bundle["text/plain"] = (
            f"SliderFigure({', '.join(self.sliders)}; {sizes} positions)"
        )
        return bundle


def _checked_scale(name: str, positions: list[Any], scale: Any) -> str:
    """Slider ``name``'s live scale: ``scale`` checked on its positions, or inferred."""
    if scale is None:
        return inferred_scale(positions)
    if not isinstance(scale, str):
        raise TypeError(
            f"scales[{name!r}] must be a str, one of {SCALES}, but it is {scale!r}"
        )
    if scale not in SCALES:
        raise ValueError(
            f"scales[{name!r}] must be one of {SCALES}, but it is {scale!r}"
        )
    if scale != "grid" and not all(_is_real(v) and np.isfinite(v) for v in positions):
        raise ValueError(
            f"scales[{name!r}] = {scale!r} needs numbers as the slider's "
            f"positions, but they are {positions}"
        )
    if scale == "log" and (min(positions) < 0 or max(positions) <= 0):
        raise ValueError(
            f"scales[{name!r}] = 'log' needs positions >= 0 with one above 0, but they "
            f"are {positions}"
        )
    return scale


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


@dataclass
class _Run:
    """A trained classifier of a :class:`TrainingExplorer`, with its state per epoch."""

    classifier: NetworkClassifier
    penalty: list[float]  # the penalty term after epochs 1, 2, ...
    snapshots: list[list[Array]]  # the parameters after epochs 1, 2, ...

    def network(self, epoch: int) -> FeedForwardNetwork:
        """The network after ``epoch`` >= 1 epochs (or its last, if it stopped).

        A run that diverged in its first epoch kept no epoch: its network is the one
        it started with (the weights the classifier restored when it diverged).
        """
        epoch = check_count(epoch, "epoch")
        net = self.classifier.network_.copy()
        if not self.snapshots:
            return net
        for p, saved in zip(
            net.parameters(), self.snapshots[min(epoch, len(self.snapshots)) - 1]
        ):
            np.copyto(p, saved)
        return net


def _penalties(
    clf: NetworkClassifier, snapshots: list[list[Array]], n: int
) -> list[float]:
    """The penalty :math:`R(\\mathbf w)` of ``clf``'s run after each epoch kept.

    The numbers of
    :func:`~ffnn_edu.experiments.overfitting.fit_recording_penalty` (the penalty of
    :class:`~ffnn_edu.nn.regularization.Regularizer`, with :math:`n` training points),
    computed from the parameters kept after each epoch (``snapshots``) in one pass per
    weight matrix over all epochs rather than in one call per epoch: numpy sums each
    epoch's matrix in the same order either way, so every value is the same.
    """
    if not snapshots:
        return []
    per_layer = 2 if clf.network_.biases is not None else 1  # [W0, b1, W1, b2, ...]
    total: Any = 0  # as the penalty sums: 0 + (sum of layer 1) + (sum of layer 2)...
    with np.errstate(over="ignore", invalid="ignore"):
        for i in range(0, len(snapshots[0]), per_layer):
            W = np.stack([kept[i] for kept in snapshots])  # (epochs, n_l, n_{l+1})
            terms = np.square(W) if clf.penalty == "l2" else np.abs(W)
            total = total + terms.sum(axis=(1, 2))
        return [float(value) for value in clf.lam / n * total]


def _drawn_penalty(penalty: list[float], epochs: int) -> tuple[list[int], list[float]]:
    """The epochs and values of the penalty curve up to ``epochs``: the finite ones.

    ``penalty`` holds the penalty after epochs 1, 2, ... (as many as the run kept);
    one that overflowed (weights of a run that blew up) is left out of the curve.

    >>> _drawn_penalty([0.5, 0.25, float("inf"), float("nan")], 3)
    ([1, 2], [0.5, 0.25])
    """
    pairs = [
        (e, value)
        for e, value in enumerate(penalty[:epochs], start=1)
        if math.isfinite(value)
    ]
    return [e for e, _ in pairs], [value for _, value in pairs]


class TrainingExplorer:
    """A render function for :class:`SliderFigure` that trains a classifier per setting.

    Calling it with some of ``eta``, ``lam``, ``mu``, ``dropout`` and
    ``epochs`` (the sliders) trains a
    :class:`~ffnn_edu.nn.classifier.NetworkClassifier` on the 2-D training data
    with those hyper-parameters (``lam`` is the L1 or L2 rate, as chosen by
    ``penalty``; ``optimizer`` names the classifier's optimizer, such as ``"adam"``;
    the others keep the values given here), then draws the
    decision boundary with the training points (filled) and test points
    (hollow, in their class colour) above the training and test loss per
    epoch, and the penalty term when ``lam`` is not zero. An ``epochs`` slider shows
    the network after that many epochs of one run (training for that many
    epochs gives the same network), so it costs no extra training. The
    frame's title names the slider values it was called with. A diverged run is
    drawn as far as it got, with a note: its losses up to the epoch it diverged in
    (when they were still numbers), its network and penalty up to the epoch before
    (the network it started with, if it diverged in its first epoch; a penalty that
    overflowed is left out). Use :func:`training_explorer` to make one.

    ``prepare`` (called by :class:`SliderFigure`) trains every setting first, so
    that all frames share one loss axis; ``code(**values)`` is the code that
    reproduces a setting, for ``SliderFigure(..., code=explorer.code)``, with the test
    data written as ``test_code`` (say ``"(X_test[:200], y_test[:200])"`` when the
    explorer was given the first 200 test points). Every
    call returns the same (redrawn) matplotlib figure, which is not managed by
    pyplot: save or encode it before the next call.

    The data are 2-D points (shape (n, 2)) with the labels 0 and 1; ``epochs``
    (as a default or a slider value) is at least 1.

    Each run keeps a copy of the network's weights and biases after every epoch (the
    ``epochs`` slider shows them), so the runs :meth:`prepare` trains, one per setting
    of ``eta``, ``lam``, ``mu`` and ``dropout``, times the epochs, times the weights
    and biases, may hold at most :data:`~ffnn_edu.nn.network.MAX_PARAMETERS` copies of
    a weight in all, as many as one network may (80 MB); they may train at most
    :data:`~ffnn_edu.experiments.overfitting.MAX_EPOCHS_IN_ALL` epochs in all, the
    limit of the sweeps of rates that chapters 11 and 13 draw with an explorer (the
    chapters' explorers train 6 x 1000 and 6 x 200 epochs; 50 000 epochs of the
    default network on 100 training and 100 test points take about half a minute);
    and their work together stays within the training loop's
    :data:`~ffnn_edu.nn.training.MAX_WORK`. All three are counted before any training:
    for one run when the explorer is built and before a call trains one, for all of
    them in :meth:`prepare`.

    Raises
    ------
    ValueError
        If the points are not 2-D, a label is not 0 or 1, ``epochs`` < 1, a
        call names a slider the explorer does not have, or ``hidden_layer_sizes`` is
        beyond the network's limits (more entries than
        :data:`~ffnn_edu.nn.network.MAX_LAYERS`, counted before any is read, a layer
        above :data:`~ffnn_edu.nn.network.MAX_LAYER_SIZE`, more weights than
        :data:`~ffnn_edu.nn.network.MAX_PARAMETERS`), as
        :meth:`~ffnn_edu.nn.classifier.NetworkClassifier.fit` refuses them.
        A loss name the classifier does not take, or a fixed ``eta``, ``lam``,
        ``mu`` or ``dropout`` outside the range ``fit`` allows, is refused when the
        explorer is built, and so is every setting ``fit`` refuses, alone or with
        another (``mu`` > 0 with ``optimizer="adam"``, ``dropout`` > 0 without hidden
        layers, ``batch_size=0``, an unknown ``activation``, a negative ``seed``), by
        :func:`~ffnn_edu.nn.classifier.check_hyperparameters`; a slider value it
        refuses, by :meth:`check_settings`, when the :class:`SliderFigure` is built.
    TypeError
        If ``title`` or ``test_code`` is not a str, or a fixed ``eta``, ``lam``,
        ``mu`` or ``dropout`` (the value when it is not a slider) is not a number,
        such as a list of values meant for a slider.
    """

    @checked(eta=setting, lam=setting, mu=setting, dropout=setting)
    def __init__(
        self,
        X_train: ArrayLike,
        y_train: ArrayLike,
        X_test: ArrayLike,
        y_test: ArrayLike,
        *,
        hidden_layer_sizes: Sequence[int] = (30,),
        activation: str = "tanh",
        loss: str = "cross_entropy",
        epochs: int = 300,
        batch_size: int | None = None,
        penalty: str = "l2",
        eta: float = 0.5,
        lam: float = 0.0,
        mu: float = 0.0,
        dropout: float = 0.0,
        optimizer: str = "gradient_descent",
        seed: int = 0,
        title: str = "",
        resolution: int = 70,
        test_code: str = "(X_test, y_test)",
    ) -> None:
        check_loss_name(loss)  # the classifier's names, in its words
        self.X_train, self.y_train = _explorer_data(X_train, y_train, "train")
        self.X_test, self.y_test = _explorer_data(X_test, y_test, "test")
        # points too far apart to draw are refused now, not in the first frame
        drawable_extent(
            np.vstack([self.X_train, self.X_test]), 0.5, "X_train with X_test"
        )
        if isinstance(hidden_layer_sizes, numbers.Integral):
            raise TypeError(
                f"hidden_layer_sizes must be a sequence of hidden layer sizes, "
                f"such as (30,), but it is {hidden_layer_sizes!r}; write "
                f"({hidden_layer_sizes},) for one hidden layer"
            )
        self.hidden_layer_sizes = check_sizes(  # counted before any entry is read
            hidden_layer_sizes,
            "hidden_layer_sizes",
            at_least=0,
            most=(MAX_LAYERS, "MAX_LAYERS"),
        )
        check_layers((2, *self.hidden_layer_sizes, 1), 2)  # as fit would, up front
        self.activation, self.loss = activation, loss
        self.batch_size, self.penalty, self.seed = batch_size, penalty, seed
        self.optimizer = optimizer
        self.defaults = {
            "eta": eta,
            "lam": lam,
            "mu": mu,
            "dropout": dropout,
            "epochs": check_count(epochs, "epochs"),
        }
        check_work(self.defaults["epochs"], MAX_EPOCHS, "epochs (epochs)", "MAX_EPOCHS")
        if not isinstance(title, str):
            raise TypeError(f"title must be a str, but it is {title!r}")
        if not isinstance(test_code, str):
            raise TypeError(
                "test_code must be a str such as '(X_test, y_test)', but it is "
                f"{test_code!r}"
            )
        self.test_code = test_code
        self.title, self.resolution = (
            title,
            check_count(resolution, "resolution", low=2),
        )
        check_work(
            self.resolution,
            MAX_RESOLUTION,
            "grid points per axis (resolution)",
            "MAX_RESOLUTION",
        )
        # every setting fit refuses, alone or with another (eta <= 0, mu with adam,
        # dropout without hidden layers), refused now, by the classifier's own checks
        self.defaults = self._settings({})
        self._check_runs(1, self.defaults["epochs"])
        self.loss_limit: float | None = None
        self._runs: dict[tuple[float, ...], _Run] = {}
        self._longest = self.defaults["epochs"]
        self._figure: Figure | None = None

    def _settings(self, values: dict[str, float]) -> dict[str, float]:
        known_names(values, sorted(self.defaults), "the explorer", "slider")
        settings = {**self.defaults, **values}
        # 0 epochs would show no training at all
        check_count(settings["epochs"], "epochs")
        for name in _RATES:  # a list is no setting (nor a key of the runs)
            setting(settings[name], name)
        # the ranges, and a mu slider with adam, in fit's words
        check_hyperparameters(self.classifier(**settings))
        return {**settings, **{name: float(settings[name]) for name in _RATES}}

    def check_settings(self, settings: Sequence[dict[str, float]]) -> None:
        """Refuse slider values the classifier refuses, before any training.

        ``settings`` is a list of dicts of slider values, as for :meth:`prepare`;
        :class:`SliderFigure` calls it with every combination of its positions when it
        is built, so that a ``mu`` slider with ``optimizer="adam"``, say, is refused
        then, in ``fit``'s words, rather than in the first frame.
        """
        for values in settings:
            self._settings(values)

    def _check_runs(self, runs: int, epochs: int) -> None:
        """Refuse ``runs`` runs of ``epochs`` epochs beyond the kept copies or the work.

        Counted before any training: the weights and biases kept after every epoch of
        every run against :data:`~ffnn_edu.nn.network.MAX_PARAMETERS`, the epochs of
        all runs against :data:`~ffnn_edu.experiments.overfitting.MAX_EPOCHS_IN_ALL`
        (a network of few weights kept few copies, and a million epochs of it took
        minutes), the runs' work by :func:`~ffnn_edu.nn.training.check_run_size`, and
        their weight updates (minibatches of ``X_train`` x epochs, in all) by
        :func:`~ffnn_edu.nn.training.check_updates`.
        """
        sizes = (2, *self.hidden_layer_sizes, 1)
        weights = sum((a + 1) * b for a, b in zip(sizes[:-1], sizes[1:]))
        settings = f"{counted(runs, 'run')}, one per setting, x " if runs > 1 else ""
        check_work(
            runs * epochs * weights,
            MAX_PARAMETERS,
            f"weights and biases kept, a copy after every epoch ({settings}epochs: "
            f"{epochs} x {weights} weights and biases of the network {sizes})",
            "MAX_PARAMETERS",
        )
        check_work(
            runs * epochs,
            MAX_EPOCHS_IN_ALL,
            f"epochs in all ({settings}epochs: {epochs})",
            "MAX_EPOCHS_IN_ALL",
        )
        check_run_size(
            sizes,
            len(self.X_train),
            epochs,
            validation=len(self.X_test),
            names=("X_train", "hidden_layer_sizes", "epochs", "X_test"),
            runs=("settings", runs),
            outputs="for the two classes",
        )
        check_updates(  # batch_size already checked, by the classifier's own checks
            epochs,
            len(self.X_train),
            self.batch_size,
            names=("epochs", "X_train", "batch_size"),
            runs=("settings", runs),
        )

    @staticmethod
    def _key(settings: dict[str, float]) -> tuple[float, ...]:
        """The run of a setting: the values that change the training, not the epochs."""
        return (settings["eta"], settings["lam"], settings["mu"], settings["dropout"])

    def classifier(
        self, eta: float, lam: float, mu: float, dropout: float, epochs: int
    ) -> NetworkClassifier:
        """The (untrained) classifier for one setting."""
        return NetworkClassifier(
            self.hidden_layer_sizes,
            activation=self.activation,
            loss=self.loss,
            eta=eta,
            mu=mu,
            optimizer=self.optimizer,
            penalty=self.penalty,
            lam=lam,
            dropout=dropout,
            epochs=epochs,
            batch_size=self.batch_size,
            seed=self.seed,
        )

    def run(self, **values: float) -> _Run:
        """Train (once) the classifier of a setting, for the longest ``epochs`` seen."""
        s = self._settings(values)
        longest = max(self._longest, int(s["epochs"]))
        key = self._key(s)
        if key not in self._runs or len(self._runs[key].snapshots) < s["epochs"]:
            # a call may ask for more epochs than the explorer was built with: counted
            # before the run is trained, as prepare counts all of them
            self._check_runs(1, longest)
            self._longest = longest
            clf = self.classifier(**{**s, "epochs": self._longest})
            snapshots: list[list[Array]] = []
            # a run that diverges says so in its frame (its history's message), not
            # in a warning for each setting the slider reaches
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ConvergenceWarning)
                clf.fit(
                    self.X_train,
                    self.y_train,
                    validation_data=(self.X_test, self.y_test),
                    callback=lambda _e, net, _h: snapshots.append(
                        [p.copy() for p in net.parameters()]
                    ),
                )
            penalty = _penalties(clf, snapshots, len(self.X_train))
            self._runs[key] = _Run(clf, penalty, snapshots)
        return self._runs[key]

    def prepare(self, settings: Sequence[dict[str, float]]) -> None:
        """Train every setting and choose one loss axis for all of them.

        ``settings`` is a list of dicts of slider values, at most :data:`MAX_FRAMES`
        (one training run each), as :class:`SliderFigure` passes it. It is read twice
        (the longest run first): a generator, used up by the first reading, left the
        loss axis at 0, so an iterator is refused.
        """
        if isinstance(settings, (str, bytes, dict)) or not isinstance(
            settings, Sequence
        ):
            raise TypeError(
                "settings must be a list of dicts of slider values, such as "
                f"[{{'eta': 0.1}}, {{'eta': 1.0}}], but it is {settings!r} "
                f"({type(settings).__name__})"
            )
        check_work(
            len(settings), MAX_FRAMES, "training runs, one per setting", "MAX_FRAMES"
        )
        longest = max([self._longest, *(int(v.get("epochs", 0)) for v in settings)])
        runs = {self._key(self._settings(values)) for values in settings}
        self._check_runs(len(runs | set(self._runs)), longest)
        self._longest = longest
        highest, start = 0.0, np.inf
        for values in settings:
            run = self.run(**values)
            h = run.classifier.history_
            highest = max(highest, *h.train_loss, *h.val_loss)
            start = min(start, h.train_loss[0])
        # a diverged run may reach huge losses; keep the axis useful for the others (a
        # large penalty, high only in the first epochs, may leave the axis at the top)
        self.loss_limit = 1.08 * min(highest, 4 * start)

    def code(self, **values: float) -> str:
        """The ``ffnn_edu`` code that trains the classifier of one setting.

        The slider values come first, right after the layer sizes, so that a narrow
        window that cuts the line off still shows what the sliders changed.
        """
        s = self._settings(values)
        named = {
            "loss": f'loss="{self.loss}"' if self.loss != "cross_entropy" else "",
            "eta": f"eta={_fmt(float(s['eta']))}",
            "penalty": f'penalty="{self.penalty}"' if self.penalty != "l2" else "",
            "lam": f"lam={_fmt(float(s['lam']))}"
            if s["lam"] or "lam" in values
            else "",
            "mu": f"mu={_fmt(float(s['mu']))}" if s["mu"] or "mu" in values else "",
            "optimizer": f'optimizer="{self.optimizer}"'
            if self.optimizer != "gradient_descent"
            else "",
            "dropout": f"dropout={_fmt(float(s['dropout']))}"
            if s["dropout"] or "dropout" in values
            else "",
            "epochs": f"epochs={int(s['epochs'])}",
        }  # "" for an argument at the classifier's default
        args = [f"{self.hidden_layer_sizes!r}"]
        args += [named[name] for name in values]
        args.append(f'activation="{self.activation}"')
        args += [arg for name, arg in named.items() if arg and name not in values]
        args += [f"batch_size={self.batch_size}", f"seed={self.seed}"]
        lines, line = [], "clf = NetworkClassifier("
        for i, arg in enumerate(args):
            piece = arg + (", " if i < len(args) - 1 else ")")
            if len(line) + len(piece.rstrip()) > 70:  # fits the book's code width
                lines.append(line.rstrip())
                line = " " * len("clf = NetworkClassifier(")
            line += piece
        lines.append(line)
        lines.append(f"clf.fit(X_train, y_train, validation_data={self.test_code})")
        return "\n".join(lines)

    def __call__(self, **values: float) -> Figure:
        """The figure for slider ``values``: decision boundary above the losses.

        The panels are stacked, so the figure is narrow (4.9 inches: 353 CSS pixels at
        72 dpi) and a phone shows it at its size, with no text below :data:`FONT`.
        """
        run = self.run(**values)
        settings = self._settings(values)
        epoch = int(settings["epochs"])
        h = run.classifier.history_
        # a diverged run stops early: its history ends with the epoch it diverged in
        # (when its loss was still a number there), its snapshots and penalties with
        # the epoch before; each curve is drawn against its own epochs
        shown = min(epoch, h.epoch[-1])
        net = run.network(epoch)
        classes = run.classifier.classes_  # the output is the probability of classes[1]
        predicted = classes[(net.forward(self.X_test)[:, 0] >= 0.5).astype(int)]
        correct = predicted == self.y_test
        fig, left, right = self._blank_figure()
        plot_decision_boundary(
            left,
            net.forward,
            self.X_train,
            self.y_train,
            resolution=self.resolution,
            test=(self.X_test, self.y_test),
            title=f"Decision boundary (test accuracy {np.mean(correct):.2f})",
        )
        left.legend(  # below the boundary, in two columns
            loc="upper center",
            bbox_to_anchor=(0.5, -0.16),
            ncols=2,
            fontsize=FONT,
            handletextpad=0.2,
            columnspacing=1.0,
            borderaxespad=0.2,
        )
        right.plot(
            h.epoch[: shown + 1],
            h.train_loss[: shown + 1],
            color=PALETTE["blue"],
            label="training",
        )
        right.plot(
            h.epoch[: shown + 1],
            h.val_loss[: shown + 1],
            color=PALETTE["orange"],
            linestyle="--",
            label="test",
        )
        penalty_epochs, penalty = _drawn_penalty(run.penalty, epoch)
        if settings["lam"] != 0 and penalty:  # no Regularizer at lam = 0
            right.plot(
                penalty_epochs,
                penalty,
                color=PALETTE["green"],
                linestyle=":",
                linewidth=2,
                label=f"{self.penalty.upper()} penalty",
            )
        right.set_xlim(0, self._longest)
        if self.loss_limit is not None:
            right.set_ylim(0, self.loss_limit)
        right.set_xlabel("epoch")
        right.set_ylabel(LOSS_WORDS[trained_loss(self.loss, 2)])
        right.set_title("Loss per epoch")
        right.legend(loc="upper right", fontsize=FONT)
        if h.diverged:
            right.text(
                0.5,
                0.5,
                "diverged:\nlearning rate too large",
                transform=right.transAxes,
                ha="center",
                va="center",
                color=PALETTE["vermillion"],
                fontsize=12,
            )
        settings = ", ".join(
            counted(int(value), "epoch")
            if name == "epochs"
            else f"{SYMBOLS[name]} = {_fmt(float(value))}"
            for name, value in values.items()
        )
        fig.suptitle(f"{self.title}\n{settings}" if self.title else settings)
        return fig

    def _blank_figure(self) -> tuple[Figure, Any, Any]:
        """The explorer's one figure, emptied of the previous frame's data.

        Reusing the figure, its axes, ticks and labels for every frame makes drawing
        all frames about a third faster than building a new figure each time.
        """
        if self._figure is None:
            fig = Figure(figsize=(4.9, 8.0))
            fig.subplots(2, 1, gridspec_kw={"height_ratios": [1.25, 1]})
            fig.subplots_adjust(
                left=0.16, right=0.97, bottom=0.07, top=0.9, hspace=0.55
            )
            for ax in fig.axes:
                ax.tick_params(labelsize=FONT)
            StillTextCanvas(fig, _still_explorer_texts)
            self._figure = fig
        fig = self._figure
        left, right = fig.axes
        for ax in (left, right):
            for artist in [*ax.collections, *ax.lines, *ax.texts]:
                artist.remove()
            ax.relim()
        return fig, left, right


def _still_explorer_texts(fig: Figure) -> list[Any]:
    """What stays the same from one frame of a :class:`TrainingExplorer` to the next.

    The tick labels, axis labels and offset texts of both panels, the loss panel's
    title and the legend below the decision boundary (the boundary panel's title
    names the test accuracy, and the loss panel's legend lies over the curves).
    """
    left, right = fig.axes
    still: list[Any] = [right.title, left.get_legend()]
    for ax in (left, right):
        for axis in (ax.xaxis, ax.yaxis):
            still += [*axis.get_majorticklabels(), axis.label, axis.get_offset_text()]
    return [artist for artist in still if artist is not None]


def _explorer_data(X: ArrayLike, y: ArrayLike, part: str) -> tuple[Array, Array]:
    """The explorer's training or test data: 2-D points with the labels 0 and 1."""
    X = as_array(X, f"X_{part}", ndim=2)
    if X.shape[1] != 2:
        raise ValueError(
            f"X_{part} must hold 2-D points, shape (n, 2), since the explorer "
            f"draws the decision boundary in the plane, but it has shape {X.shape}"
        )
    wanted = (
        f"y_{part} must hold the labels 0 and 1 (the explorer "
        "shades the probability of class 1)"
    )
    try:
        y = as_array(y, f"y_{part}", ndim=1)
    except TypeError as error:  # an InputTypeError (also a ValueError) stays one
        raise type(error)(
            f"{wanted}, but it holds something else ({error}); map "
            "the two classes to 0 and 1 first"
        ) from None
    if len(y) != len(X):
        raise ValueError(
            f"y_{part} must hold one label per row of X_{part} "
            f"({len(X)}), but it has {len(y)}"
        )
    bad = (y != 0) & (y != 1)
    if bad.any():
        raise ValueError(
            f"{wanted}, but it contains {float(y[bad][0])!r}; map "
            "the two classes to 0 and 1 first"
        )
    return X, y


def training_explorer(
    X_train: ArrayLike,
    y_train: ArrayLike,
    X_test: ArrayLike,
    y_test: ArrayLike,
    **settings: Any,
) -> TrainingExplorer:
    """A :class:`TrainingExplorer`: render function and code for :class:`SliderFigure`.

    Keyword arguments are those of :class:`TrainingExplorer` (network, loss,
    epochs, batch size, penalty kind, the values of the hyper-parameters that
    are not sliders, seed, title).

    Examples
    --------
    >>> from ffnn_edu.nn.datasets import two_moons
    >>> X, y = two_moons(60, seed=0)
    >>> explorer = training_explorer(X[:40], y[:40], X[40:], y[40:], epochs=20)
    >>> fig = explorer(eta=0.5, lam=0.01)
    >>> fig.texts[0].get_text(), [ax.get_title() for ax in fig.axes]
    ('η = 0.5, λ = 0.01', ['Decision boundary (test accuracy 0.80)', 'Loss per epoch'])
    >>> plt.close(fig)
    >>> print(explorer.code(eta=0.5, lam=0.01))
    clf = NetworkClassifier((30,), eta=0.5, lam=0.01, activation="tanh",
                            epochs=20, batch_size=None, seed=0)
    clf.fit(X_train, y_train, validation_data=(X_test, y_test))
    """
    known_names(
        settings, settings_of(TrainingExplorer), "training_explorer()", "setting"
    )
    return TrainingExplorer(X_train, y_train, X_test, y_test, **settings)
