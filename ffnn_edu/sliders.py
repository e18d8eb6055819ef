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
from matplotlib.figure import Figure

Render = Callable[..., Figure]


def figure_png(fig: Figure, dpi: int = 72) -> bytes:
    """The figure as PNG bytes (and the figure closed, so it is not shown twice)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    plt.close(fig)
    return buffer.getvalue()


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
