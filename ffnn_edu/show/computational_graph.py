"""Computational graphs: a node per quantity of a forward pass, an arrow per dependence.

Backpropagation reads such a graph from right to left: the derivative of the
error with respect to a node is the sum, over the arrows leaving it, of the
next node's derivative times the arrow's local derivative. That is the
multivariate chain rule, and :func:`~ffnn_edu.show.computational_graph.graph_221`
draws it for the textbook's 2-2-1 example with the forward values and the
derivatives the package computes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import matplotlib.pyplot as plt  # noqa: F401  (the doctests draw with it)
from matplotlib.axes import Axes

from ffnn_edu.experiments.worked_examples import BACKPROP_221, backprop_221_values
from ffnn_edu.nn.validation import (
    bounded_list,
    check_number,
    check_work,
    checked,
    did_you_mean,
)

from .network_diagram import MAX_DRAWN_NEURONS
from .plotting import MAX_DRAWN_WEIGHTS, PALETTE, axes_to_draw_in

#: Fill colour of each kind of node.
KIND_COLOURS = {
    "input": "#cfe8f7",
    "parameter": "#f3f3f3",
    "sum": "#fbe3b3",
    "activation": "#fbe3b3",
    "loss": "#c9eadf",
}


@dataclass(frozen=True)
class Node:
    """One quantity: where it is drawn, what it shows, and of which kind it is.

    ``text`` is written in the box (name and forward value); ``below`` under
    the box in the backward colour (the derivative of the error), if given,
    or above it if ``above`` is True, shifted sideways by ``shift`` points.
    """

    x: float
    y: float
    text: str
    kind: str = "sum"
    below: str | None = None
    above: bool = False
    shift: float = 0.0


#: An arrow of :func:`draw_graph`: ``(from, to, label)`` or ``(from, to, label, t)``,
#: the local derivative written the fraction ``t`` of the way along (chapter 7).
Edge = tuple[str, str, str] | tuple[str, str, str, float]


def _edges(value: Any) -> list[Any]:
    """The edges as a list, read once, each ``(from, to, label[, t])``, or a TypeError.

    A generator of edges was used up by the check that every edge names known nodes,
    and the graph was drawn without arrows; a list is read as often as needed. At most
    :data:`~ffnn_edu.show.plotting.MAX_DRAWN_WEIGHTS` edges, one arrow each, as many
    as :func:`~ffnn_edu.show.plotting.draw_network` draws lines: counted before any
    is read, and a generator is read no further than one edge past the limit (an
    endless one never ended).

    Examples
    --------
    >>> _edges(None)
    Traceback (most recent call last):
    ...
    TypeError: edges must be a list of (from, to, label) tuples, but it is None
    (NoneType)
    """
    if isinstance(value, (str, bytes, dict)) or not isinstance(value, Iterable):
        raise TypeError(
            f"edges must be a list of (from, to, label) tuples, but it is {value!r} "
            f"({type(value).__name__})"
        )
    edges = bounded_list(
        value, "edges", (MAX_DRAWN_WEIGHTS, "MAX_DRAWN_WEIGHTS", "arrows, one per edge")
    )
    for edge in edges:
        if not isinstance(edge, (tuple, list)) or len(edge) not in (3, 4):
            raise TypeError(
                f"every edge must be (from, to, label) or (from, to, label, t), but "
                f"edges holds {edge!r}"
            )
    return edges


def _font_size(value: Any, name: str) -> float:
    """Checker: a font size above 1.5 points (the edge labels are 1.5 points less)."""
    return check_number(value, name, low=1.5, low_inclusive=False)


@checked(ax=axes_to_draw_in, fontsize=_font_size)
def draw_graph(
    ax: Axes,
    nodes: dict[str, Node],
    edges: Iterable[Edge],
    *,
    title: str | None = None,
    fontsize: float = 10,
) -> None:
    """Draw boxes for ``nodes`` and arrows for ``edges``.

    An edge is ``(from, to, label)`` or ``(from, to, label, t)``: the label
    (the local derivative) sits the fraction ``t`` of the way along the
    arrow (default 0.5). Boxes fit their text; arrows end at the boxes.

    Raises
    ------
    TypeError
        If ``ax`` is not a matplotlib Axes
        (:func:`~ffnn_edu.show.plotting.axes_to_draw_in`), ``nodes`` is not a dict of
        :class:`Node`, or ``edges`` is not a list (or
        another iterable, read once) of such tuples.
    ValueError
        If ``fontsize`` is not a number above 1.5 (points; the labels of the arrows
        are 1.5 points smaller), an edge names a node that ``nodes`` lacks, or a
        node's kind is unknown, or
        there are more than :data:`~ffnn_edu.show.network_diagram.MAX_DRAWN_NEURONS`
        nodes or :data:`~ffnn_edu.show.plotting.MAX_DRAWN_WEIGHTS` edges (the
        circles and lines :func:`~ffnn_edu.show.plotting.draw_network` draws at
        most), counted before any is read.

    Examples
    --------
    >>> fig, ax = plt.subplots()
    >>> draw_graph(ax, {"x": Node(0, 0, "x", "input"), "y": Node(2, 0, "y")},
    ...            [("x", "y", "2")])
    >>> sorted(t.get_text() for t in ax.texts)
    ['', '2', 'x', 'y']
    >>> plt.close(fig)
    """
    if not isinstance(nodes, dict):
        raise TypeError(f"nodes must be a dict of Node, but it is {nodes!r}")
    check_work(  # before any node is read: a box each
        len(nodes),
        MAX_DRAWN_NEURONS,
        f"boxes, one per node (nodes with {len(nodes)} entries)",
        "MAX_DRAWN_NEURONS",
    )
    if not all(isinstance(n, Node) for n in nodes.values()):
        raise TypeError(f"nodes must be a dict of Node, but it is {nodes!r}")
    for name, node in nodes.items():
        if node.kind not in KIND_COLOURS:
            raise ValueError(
                f"nodes[{name!r}].kind must be one of "
                f"{', '.join(sorted(KIND_COLOURS))}, but it is {node.kind!r}"
                f"{did_you_mean(node.kind, KIND_COLOURS)}"
            )
    edges = _edges(edges)  # walked twice below: by this check and by the drawing
    for edge in edges:
        for name in edge[:2]:
            if name not in nodes:
                raise ValueError(
                    f"edges name the node {name!r}, which nodes does not have"
                )
    fig = ax.figure
    if fig.dpi < 150:
        fig.set_dpi(150)
    boxes = {}
    for name, node in nodes.items():
        boxes[name] = ax.text(
            node.x,
            node.y,
            node.text,
            ha="center",
            va="center",
            fontsize=fontsize,
            zorder=3,
            bbox={
                "boxstyle": "round,pad=0.35",
                "fc": KIND_COLOURS[node.kind],
                "ec": "0.3",
            },
        )
        if node.below:
            lines = node.text.count("\n") + 1
            offset = ((0.62 * lines + 0.45) * fontsize + 2) * (1 if node.above else -1)
            ax.annotate(
                node.below,
                (node.x, node.y),
                xytext=(node.shift, offset),
                textcoords="offset points",
                ha="center",
                va="bottom" if node.above else "top",
                fontsize=fontsize - 1,
                color=PALETTE["vermillion"],
                zorder=5,
                bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none"},
            )
    for edge in edges:
        start, end, label = edge[:3]
        t = edge[3] if len(edge) > 3 else 0.5
        a, b = nodes[start], nodes[end]
        # drawn after the boxes (higher zorder), so the boxes' outlines exist to clip at
        ax.annotate(
            "",
            xy=(b.x, b.y),
            xytext=(a.x, a.y),
            zorder=3.5,
            arrowprops={
                "arrowstyle": "-|>",
                "color": "0.35",
                "linewidth": 1,
                "mutation_scale": 12,
                "shrinkA": 3,
                "shrinkB": 3,
                "patchA": boxes[start].get_bbox_patch(),
                "patchB": boxes[end].get_bbox_patch(),
            },
        )
        if label:  # above a level arrow, on a slanted one
            level = a.y == b.y
            ax.annotate(
                label,
                (a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)),
                xytext=(0, 3 if level else 0),
                textcoords="offset points",
                ha="center",
                va="bottom" if level else "center",
                fontsize=fontsize - 1.5,
                color="0.2",
                zorder=4.5,
                bbox={"boxstyle": "round,pad=0.12", "fc": "white", "ec": "none"},
            )
    xs = [n.x for n in nodes.values()]
    ys = [n.y for n in nodes.values()]
    ax.set_xlim(min(xs) - 1.0, max(xs) + 1.0)
    ax.set_ylim(min(ys) - 1.0, max(ys) + 0.6)
    ax.axis("off")
    if title:
        ax.set_title(title)


def graph_221() -> tuple[dict[str, Node], list[tuple[str, str, str]]]:
    """Nodes and edges of the 2-2-1 example's computational graph, with its numbers.

    Each box shows a quantity and its forward value; beside it, in the
    backward colour, the derivative of the error with respect to it. Each
    arrow carries the local derivative of its end with respect to its start.

    Examples
    --------
    >>> nodes, edges = graph_221()
    >>> nodes["y_F"].text, nodes["y_F"].below
    ('$y_F$\\n0.6156', '-0.3844')
    >>> len(edges)
    17
    """
    v = backprop_221_values()
    w = BACKPROP_221["w"]
    x_A, x_B = BACKPROP_221["x"]
    dz = {
        "C": v["dE/dy_C"] * v["dy_C/dz_C"],
        "D": v["dE/dy_D"] * v["dy_D/dz_D"],
        "F": v["dE/dz_F"],
    }

    def node(
        x: float,
        y: float,
        name: str,
        value: float,
        kind: str,
        derivative: float | None = None,
        **where: object,
    ) -> Node:
        below = None if derivative is None else f"{derivative:.4f}"
        return Node(
            x,
            y,
            f"${name}$\n{value:g}"
            if kind in ("input", "parameter")
            else f"${name}$\n{value:.4f}",
            kind,
            below,
            **where,
        )

    nodes = {
        "x_A": node(0.0, 2.0, "x_A", x_A, "input"),
        "x_B": node(0.0, 0.0, "x_B", x_B, "input"),
        "w1": node(1.35, 4.1, "w_1", w["w1"], "parameter", v["dE/dw1"]),
        "w3": node(2.85, 4.1, "w_3", w["w3"], "parameter", v["dE/dw3"]),
        "w2": node(1.35, -2.1, "w_2", w["w2"], "parameter", v["dE/dw2"], above=True),
        "w4": node(2.85, -2.1, "w_4", w["w4"], "parameter", v["dE/dw4"], above=True),
        "z_C": node(2.1, 2.0, "z_C", v["z_C"], "sum", dz["C"], shift=22),
        "z_D": node(2.1, 0.0, "z_D", v["z_D"], "sum", dz["D"], above=True, shift=22),
        "y_C": node(5.0, 2.0, "y_C", v["y_C"], "activation", v["dE/dy_C"], above=True),
        "y_D": node(5.0, 0.0, "y_D", v["y_D"], "activation", v["dE/dy_D"]),
        "w5": node(6.1, 3.4, "w_5", w["w5"], "parameter", v["dE/dw5"], above=True),
        "w6": node(6.1, -1.4, "w_6", w["w6"], "parameter", v["dE/dw6"]),
        "z_F": node(7.3, 1.0, "z_F", v["z_F"], "sum", dz["F"], shift=20),
        "y_F": node(9.9, 1.0, "y_F", v["y_F"], "activation", v["dE/dy_F"], above=True),
        "t": node(12.4, 2.8, "t", BACKPROP_221["t"], "input"),
        "E": node(12.4, 1.0, "E", v["E"], "loss"),
    }
    edges = [
        ("x_A", "z_C", "$w_1$"),
        ("x_B", "z_C", "$w_3$", 0.28),
        ("w1", "z_C", "$x_A$"),
        ("w3", "z_C", "$x_B$"),
        ("x_A", "z_D", "$w_2$", 0.28),
        ("x_B", "z_D", "$w_4$"),
        ("w2", "z_D", "$x_A$"),
        ("w4", "z_D", "$x_B$"),
        ("z_C", "y_C", "$y_C(1-y_C)$"),
        ("z_D", "y_D", "$y_D(1-y_D)$"),
        ("y_C", "z_F", "$w_5$"),
        ("y_D", "z_F", "$w_6$"),
        ("w5", "z_F", "$y_C$"),
        ("w6", "z_F", "$y_D$"),
        ("z_F", "y_F", "$y_F(1-y_F)$"),
        ("y_F", "E", "$-(t-y_F)$"),
        ("t", "E", ""),
    ]
    return nodes, edges
