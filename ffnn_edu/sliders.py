"""Figures driven by sliders: live in Jupyter, and still working in the static web book.

A :class:`SliderFigure` wraps a function that draws a matplotlib figure for
given hyper-parameters (say the learning rate :math:`\\eta` and the
regularization rate :math:`\\lambda`). Displaying it produces one output with
two faces:

* in a running notebook, an ipywidgets slider per parameter above an image
  that is redrawn in place whenever a slider moves (the figure is retrained
  and re-rendered on the spot);
* in the static HTML book, where no Python is running, a plain HTML range
  slider per parameter and a small script that swaps between images drawn for
  every combination of slider positions when the notebook was executed.

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
import time
from collections.abc import Callable, Sequence
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure
from numpy.typing import ArrayLike
from PIL import Image

from .classifier import NetworkClassifier
from .plotting import PALETTE, plot_decision_boundary

Render = Callable[..., Figure]


def figure_png(fig: Figure, dpi: int = 72, colors: int = 64) -> bytes:
    """The figure as a PNG with a palette of ``colors`` colours; the figure is closed.

    Reducing a plot to a 64-colour palette is invisible to the eye but makes the
    file about four times smaller, which matters when a page carries dozens of
    slider frames.
    """
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    plt.close(fig)
    image = Image.open(buffer).convert("RGB").quantize(colors=colors,
                                                        method=Image.Quantize.MEDIANCUT)
    small = io.BytesIO()
    image.save(small, format="png", optimize=True)
    return small.getvalue()


def _fmt(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


class SliderFigure:
    """A figure redrawn for every combination of slider values.

    Parameters
    ----------
    render : callable
        ``render(**values) -> matplotlib Figure``, called with one keyword per slider.
    sliders : dict
        ``{name: sequence of values}``: the positions of each slider, in order.
    labels : dict, optional
        ``{name: label}`` shown beside each slider (e.g. ``"η (learning rate)"``).
    initial : dict, optional
        Starting value of each slider (default: its middle position).
    alt : str
        Alternative text describing the figure, for readers who cannot see it.
    dpi : int
        Resolution of the images.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> def render(eta):
    ...     fig, ax = plt.subplots()
    ...     ax.set_title(f"eta = {eta}")
    ...     return fig
    >>> sf = SliderFigure(render, {"eta": [0.1, 1.0]}, alt="A title that changes")
    >>> 'type="range"' in sf.static_html()
    True
    """

    def __init__(self, render: Render, sliders: dict[str, Sequence[Any]], *,
                 labels: dict[str, str] | None = None, initial: dict[str, Any] | None = None,
                 alt: str, dpi: int = 72) -> None:
        if not sliders or any(len(v) == 0 for v in sliders.values()):
            raise ValueError("sliders must give at least one value for every slider")
        if not alt.strip():
            raise ValueError("alt must describe the figure for readers who cannot see it")
        self.render = render
        self.sliders = {name: list(values) for name, values in sliders.items()}
        self.labels = {name: (labels or {}).get(name, name) for name in self.sliders}
        start = initial or {}
        for name, value in start.items():
            if name not in self.sliders or value not in self.sliders[name]:
                raise ValueError(f"initial value {value!r} for {name!r} is not one of its "
                                 "slider positions")
        self.initial = {name: start.get(name, values[len(values) // 2])
                        for name, values in self.sliders.items()}
        self.alt = alt
        self.dpi = dpi
        self.redraw_seconds: list[float] = []

    def frame(self, **values: Any) -> bytes:
        """Render the figure for one combination of slider values, as PNG bytes."""
        return figure_png(self.render(**values), self.dpi)

    def widget(self) -> Any:
        """The live version: one slider per parameter above an image redrawn in place.

        The time taken by each redraw is appended to ``redraw_seconds``.
        """
        import ipywidgets as widgets

        image = widgets.Image(value=self.frame(**self.initial), format="png")
        controls = {
            name: widgets.SelectionSlider(
                options=[(_fmt(v), v) for v in values], value=self.initial[name],
                description=self.labels[name], continuous_update=False,
                style={"description_width": "initial"},
                layout=widgets.Layout(width="420px"))
            for name, values in self.sliders.items()}

        def redraw(_change: Any) -> None:
            started = time.perf_counter()
            image.value = self.frame(**{n: c.value for n, c in controls.items()})
            self.redraw_seconds.append(time.perf_counter() - started)

        for control in controls.values():
            control.observe(redraw, names="value")
        return widgets.VBox([*controls.values(), image])

    def static_html(self) -> str:
        """The static version: HTML range sliders swapping pre-rendered images."""
        names = list(self.sliders)
        frames = {}
        for combo in itertools.product(*(range(len(self.sliders[n])) for n in names)):
            png = self.frame(**{n: self.sliders[n][i] for n, i in zip(names, combo)})
            frames[",".join(map(str, combo))] = "data:image/png;base64," + base64.b64encode(
                png).decode("ascii")
        start = [self.sliders[n].index(self.initial[n]) for n in names]
        uid = "sf-" + hashlib.sha1(json.dumps([self.alt, names]).encode()).hexdigest()[:10]
        rows = []
        for n, i in zip(names, start):
            values = [_fmt(v) for v in self.sliders[n]]
            rows.append(
                f'<label style="display:block;margin:0.2em 0">'
                f'<span style="display:inline-block;min-width:11em">'
                f'{html.escape(self.labels[n])}</span> '
                f'<input type="range" min="0" max="{len(values) - 1}" step="1" value="{i}" '
                f'data-values=\'{json.dumps(values)}\' '
                f'aria-label="{html.escape(self.labels[n])}" style="width:16em;vertical-align:middle"> '
                f'<output>{values[i]}</output></label>')
        first = frames[",".join(map(str, start))]
        return (
            f'<div class="slider-figure" id="{uid}">{"".join(rows)}'
            f'<img src="{first}" alt="{html.escape(self.alt)}" style="max-width:100%"></div>\n'
            f"<script>(function(){{var root=document.getElementById('{uid}');"
            f"var frames={json.dumps(frames)};"
            "var inputs=root.querySelectorAll('input[type=range]');"
            "var img=root.querySelector('img');"
            "function update(){var key=[];inputs.forEach(function(el){key.push(el.value);"
            "el.nextElementSibling.textContent=JSON.parse(el.dataset.values)[el.value];});"
            "img.src=frames[key.join(',')];}"
            "inputs.forEach(function(el){el.addEventListener('input',update);});"
            "})();</script>")

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = self.widget()._repr_mimebundle_(**kwargs)
        bundle["text/html"] = self.static_html()
        sizes = " x ".join(str(len(v)) for v in self.sliders.values())
        bundle["text/plain"] = f"SliderFigure({', '.join(self.sliders)}; {sizes} positions)"
        return bundle


def training_explorer(X_train: ArrayLike, y_train: ArrayLike, X_test: ArrayLike,
                      y_test: ArrayLike, *, hidden_layer_sizes: Sequence[int] = (30,),
                      activation: str = "tanh", loss: str = "binary_cross_entropy",
                      epochs: int = 300, batch_size: int | None = None, penalty: str = "l2",
                      seed: int = 0, title: str = "") -> Render:
    """A render function for :class:`SliderFigure` that retrains a classifier on every call.

    The returned ``render(eta=0.5, lam=0.0, mu=0.0, dropout=0.0)`` trains a
    :class:`~ffnn_edu.classifier.NetworkClassifier` on the 2-D training data
    with those hyper-parameters (``lam`` is the L1 or L2 rate, as chosen by
    ``penalty``), then draws the decision boundary with the training points
    (test points as hollow markers) beside the training and test loss per
    epoch. A diverged run is drawn as far as it got, with the package's message.

    Examples
    --------
    >>> from ffnn_edu.datasets import two_moons
    >>> X, y = two_moons(60, seed=0)
    >>> render = training_explorer(X[:40], y[:40], X[40:], y[40:], epochs=20)
    >>> fig = render(eta=0.5, lam=0.01)
    >>> [ax.get_title() for ax in fig.axes]
    ['Decision boundary (test accuracy 0.80)', 'Loss per epoch']
    >>> plt.close(fig)
    """
    if penalty not in ("l1", "l2"):
        raise ValueError(f"penalty must be 'l1' or 'l2', but it is {penalty!r}")
    X_test_arr, y_test_arr = np.asarray(X_test, float), np.asarray(y_test, float)

    def render(eta: float = 0.5, lam: float = 0.0, mu: float = 0.0,
               dropout: float = 0.0) -> Figure:
        clf = NetworkClassifier(hidden_layer_sizes, activation=activation, loss=loss, eta=eta,
                                momentum=mu, dropout=dropout, epochs=epochs,
                                batch_size=batch_size, seed=seed, **{penalty: lam})
        clf.fit(X_train, y_train, validation_data=(X_test, y_test))
        history = clf.history_
        fig, (left, right) = plt.subplots(1, 2, figsize=(9.0, 3.6))
        plot_decision_boundary(left, clf.predict_proba, X_train, y_train, resolution=80,
                               title=f"Decision boundary (test accuracy "
                                     f"{clf.score(X_test_arr, y_test_arr):.2f})")
        left.scatter(X_test_arr[:, 0], X_test_arr[:, 1], s=30, facecolors="none",
                     edgecolors=PALETTE["black"], linewidths=0.8, label="test points", zorder=4)
        left.legend(loc="upper right", fontsize="small")
        right.plot(history.epoch, history.train_loss, color=PALETTE["blue"], label="training")
        right.plot(history.epoch, history.val_loss, color=PALETTE["orange"], linestyle="--",
                   label="test")
        right.set_xlabel("epoch")
        right.set_ylabel(f"loss ({loss})")
        right.set_title("Loss per epoch")
        right.legend(loc="upper right", fontsize="small")
        if history.diverged:
            right.text(0.5, 0.5, "diverged:\nlearning rate too large", transform=right.transAxes,
                       ha="center", va="center", color=PALETTE["vermillion"], fontsize=12)
        settings = f"$\\eta$ = {eta:g}, $\\lambda$ = {lam:g}"
        settings += f", $\\mu$ = {mu:g}" if mu else ""
        settings += f", dropout {dropout:g}" if dropout else ""
        fig.suptitle(f"{title}: {settings}" if title else settings)
        fig.subplots_adjust(left=0.07, right=0.98, bottom=0.14, top=0.85, wspace=0.25)
        return fig

    return render
