"""Figures used throughout the book, in colours that colour-blind readers can tell apart.

The palette is Okabe and Ito's; classes differ in marker shape as well as
colour, so a figure still reads in greyscale.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from numpy.typing import ArrayLike

from .training import History
from .validation import Array, as_array

#: Okabe-Ito colours, safe for the common forms of colour blindness.
PALETTE = {"blue": "#0072B2", "orange": "#E69F00", "green": "#009E73",
           "vermillion": "#D55E00", "sky": "#56B4E9", "purple": "#CC79A7",
           "yellow": "#F0E442", "black": "#000000"}
#: Colour and marker for class 0, class 1, class 2, ...
CLASS_STYLES = ((PALETTE["blue"], "o"), (PALETTE["orange"], "s"), (PALETTE["green"], "^"),
                (PALETTE["purple"], "D"))


def use_book_style() -> None:
    """Set matplotlib's defaults for the book: palette, size, grid, no file metadata dates.

    Examples
    --------
    >>> use_book_style()
    >>> plt.rcParams["axes.prop_cycle"].by_key()["color"][0]
    '#0072B2'
    """
    mpl.rcParams.update({
        "axes.prop_cycle": mpl.cycler(color=[PALETTE[k] for k in (
            "blue", "orange", "green", "vermillion", "purple", "sky", "black")]),
        "figure.figsize": (6.0, 4.0),
        "figure.dpi": 80,
        "axes.grid": True,
        "grid.alpha": 0.3,
        "axes.titlesize": "medium",
        "image.cmap": "cividis",
    })


def plot_points(ax: Axes, X: ArrayLike, y: ArrayLike, labels: Sequence[str] | None = None,
                size: float = 30) -> None:
    """Scatter 2-D points, one colour and marker per class."""
    X = as_array(X, "X", ndim=2)
    y = as_array(y, "y", ndim=1).astype(int)
    for k in np.unique(y):
        colour, marker = CLASS_STYLES[k % len(CLASS_STYLES)]
        name = labels[k] if labels is not None else f"class {k}"
        ax.scatter(X[y == k, 0], X[y == k, 1], s=size, c=colour, marker=marker,
                   edgecolors="white", linewidths=0.5, label=name, zorder=3)


def plot_decision_boundary(ax: Axes, predict: Callable[[Array], Array], X: ArrayLike,
                           y: ArrayLike, *, resolution: int = 150, margin: float = 0.5,
                           title: str | None = None) -> None:
    """Shade where ``predict`` says class 1, draw the 0.5 contour and the data points.

    Call ``ax.legend()`` afterwards to label the classes.

    Parameters
    ----------
    ax : matplotlib Axes
    predict : callable
        Maps an ``(n, 2)`` array to ``n`` probabilities of class 1 (e.g.
        ``lambda G: net.forward(G)[:, 0]``), or to an ``(n, 2)`` array whose
        last column is that probability (``clf.predict_proba``).
    X, y : array_like
        2-D inputs and 0/1 labels.
    """
    X = as_array(X, "X", ndim=2)
    lo, hi = X.min(axis=0) - margin, X.max(axis=0) + margin
    gx, gy = np.meshgrid(np.linspace(lo[0], hi[0], resolution),
                         np.linspace(lo[1], hi[1], resolution))
    p = np.asarray(predict(np.c_[gx.ravel(), gy.ravel()]))
    if p.ndim == 2:  # predict_proba's columns P(class 0), P(class 1): keep the last
        p = p[:, -1]
    p = p.reshape(gx.shape)
    cmap = mpl.colors.LinearSegmentedColormap.from_list(
        "classes", ["#cfe3f2", "#ffffff", "#fbe3b3"])
    ax.contourf(gx, gy, p, levels=np.linspace(0, 1, 11), cmap=cmap, vmin=0, vmax=1)
    if p.min() < 0.5 < p.max():
        ax.contour(gx, gy, p, levels=[0.5], colors=PALETTE["black"], linewidths=1.5)
    plot_points(ax, X, y)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_xlim(lo[0], hi[0])
    ax.set_ylim(lo[1], hi[1])
    if title:
        ax.set_title(title)


def plot_history(history: History, axes: Sequence[Axes] | None = None,
                 title: str | None = None) -> Sequence[Axes]:
    """Learning curves: loss per epoch (and accuracy, if recorded), training and validation.

    Returns the axes, creating a figure with one or two panels if none are given.
    """
    panels = 2 if history.train_accuracy else 1
    if axes is None:
        _, axes = plt.subplots(1, panels, figsize=(5 * panels, 3.5), squeeze=False)
        axes = list(axes[0])
    series = [("loss", history.train_loss, history.val_loss),
              ("accuracy", history.train_accuracy, history.val_accuracy)][:panels]
    for ax, (name, train, val) in zip(axes, series):
        ax.plot(history.epoch[:len(train)], train, color=PALETTE["blue"], label="training")
        if val:
            ax.plot(history.epoch[:len(val)], val, color=PALETTE["orange"], linestyle="--",
                    label="validation")
        ax.set_xlabel("epoch")
        ax.set_ylabel(name)
        ax.legend(fontsize="small")
        ax.set_title(f"{title}: {name}" if title else f"{name.capitalize()} per epoch")
    return axes


def draw_network(ax: Axes, layer_sizes: Sequence[int], *,
                 weight_labels: dict[tuple[int, int, int], str | tuple[str, float]] | None = None,
                 node_labels: dict[tuple[int, int], str] | None = None,
                 layer_names: Sequence[str] | None = None, title: str | None = None) -> None:
    """Draw a fully connected network: circles for neurons, lines for weights.

    Parameters
    ----------
    layer_sizes : sequence of int
        Neurons per layer, input first.
    weight_labels : dict, optional
        ``{(layer, j, k): text}`` labels the weight from neuron ``j`` of
        ``layer`` to neuron ``k`` of the next layer (0-based). A value
        ``(text, t)`` also says where the label goes: ``t`` is the fraction
        of the way from neuron ``j`` to neuron ``k`` (e.g. 0.7 to gather the
        labels of one neuron's incoming weights near that neuron).
    node_labels : dict, optional
        ``{(layer, j): text}`` written inside the neurons.
    layer_names : sequence of str, optional
        Captions under the layers.

    Examples
    --------
    >>> fig, ax = plt.subplots()
    >>> draw_network(ax, (2, 1), weight_labels={(0, 0, 0): "$w_1$", (0, 1, 0): ("$w_2$", 0.7)})
    >>> [text.get_text() for text in ax.texts]
    ['$w_1$', '$w_2$']
    >>> plt.close(fig)
    """
    sizes = list(layer_sizes)
    height = max(sizes)
    pos = {(l, j): (2.2 * l, (n - 1) / 2 - j) for l, n in enumerate(sizes) for j in range(n)}
    for l in range(len(sizes) - 1):
        for j in range(sizes[l]):
            for k in range(sizes[l + 1]):
                (x0, y0), (x1, y1) = pos[(l, j)], pos[(l + 1, k)]
                ax.plot([x0, x1], [y0, y1], color="0.55", linewidth=1, zorder=1)
                label = (weight_labels or {}).get((l, j, k))
                if label:
                    t = 0.3 if j == k or sizes[l] == 1 else 0.25
                    if isinstance(label, tuple):
                        label, t = label
                    ax.text(x0 + t * (x1 - x0), y0 + t * (y1 - y0), label, fontsize=9,
                            ha="center", va="center", zorder=4,
                            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none"})
    colours = [PALETTE["sky"]] + [PALETTE["orange"]] * (len(sizes) - 2) + [PALETTE["green"]]
    for (l, j), (x, y) in pos.items():
        ax.add_patch(plt.Circle((x, y), 0.32, facecolor=colours[l], edgecolor="black", zorder=2))
        text = (node_labels or {}).get((l, j))
        if text:
            ax.text(x, y, text, ha="center", va="center", fontsize=10, zorder=3)
    if layer_names:
        for l, name in enumerate(layer_names):
            ax.text(2.2 * l, -height / 2 - 0.3, name, ha="center", va="top", fontsize=10)
    ax.set_xlim(-0.7, 2.2 * (len(sizes) - 1) + 0.7)
    ax.set_ylim(-height / 2 - 0.8, height / 2 + 0.2)
    ax.set_aspect("equal")
    ax.axis("off")
    if title:
        ax.set_title(title)
