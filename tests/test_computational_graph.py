"""The 2-2-1 computational graph: its numbers are the package's and obey the chain rule
(each node's derivative is the next node's derivative times the arrow's local
derivative)."""

import re

import matplotlib.pyplot as plt
import pytest

from ffnn_edu.experiments.worked_examples import BACKPROP_221, backprop_221_values
from ffnn_edu.show.computational_graph import Node, draw_graph, graph_221


def number(text):
    return float(re.findall(r"-?\d+\.\d+", text)[-1])


def test_the_graph_shows_the_packages_forward_values_and_derivatives():
    nodes, edges = graph_221()
    v = backprop_221_values()
    for name in ("z_C", "y_C", "z_D", "y_D", "z_F", "y_F", "E"):
        assert number(nodes[name].text) == pytest.approx(v[name], abs=5e-5)
    for k in range(1, 7):
        assert number(nodes[f"w{k}"].below) == pytest.approx(v[f"dE/dw{k}"], abs=5e-5)
    assert {(a, b) for a, b, *_ in edges} >= {
        ("y_C", "z_F"),
        ("w5", "z_F"),
        ("y_F", "E"),
    }


def test_the_derivatives_in_the_graph_obey_the_chain_rule():
    nodes, _ = graph_221()
    v, w = backprop_221_values(), BACKPROP_221["w"]
    d = {name: number(node.below) for name, node in nodes.items() if node.below}
    assert d["z_F"] == pytest.approx(d["y_F"] * v["y_F"] * (1 - v["y_F"]), abs=2e-4)
    assert d["y_C"] == pytest.approx(w["w5"] * d["z_F"], abs=2e-4)
    assert d["z_C"] == pytest.approx(d["y_C"] * v["y_C"] * (1 - v["y_C"]), abs=2e-4)
    assert d["w1"] == pytest.approx(BACKPROP_221["x"][0] * d["z_C"], abs=2e-4)
    assert d["w5"] == pytest.approx(v["y_C"] * d["z_F"], abs=2e-4)


def test_bad_graphs_are_named():
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match="edges"):
        draw_graph(ax, {"a": Node(0, 0, "a")}, [("a", "b", "")])
    with pytest.raises(ValueError, match="kind"):
        draw_graph(ax, {"a": Node(0, 0, "a", "weird")}, [])
    plt.close(fig)


def test_a_misspelt_node_kind_is_named_with_the_kinds_in_words_and_the_one_meant():
    """It printed a Python list of the kinds and no did-you-mean."""
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match="kind must be one of") as caught:
        draw_graph(ax, {"a": Node(0, 0, "a", "Input")}, [])
    plt.close(fig)
    assert str(caught.value) == (
        "nodes['a'].kind must be one of activation, input, loss, parameter, sum, "
        "but it is 'Input'; did you mean 'input'?"
    )


def test_draw_graph_refuses_nodes_that_are_no_dict_of_node_with_type_error():
    fig, ax = plt.subplots()
    try:
        with pytest.raises(TypeError, match=r"^nodes must be a dict of Node"):
            draw_graph(ax, None, [])
        with pytest.raises(TypeError, match=r"^nodes must be a dict of Node"):
            draw_graph(ax, {"x": (0, 0)}, [])
    finally:
        plt.close(fig)


def _arrows(ax):
    return sum(1 for t in ax.texts if getattr(t, "arrow_patch", None) is not None)


def test_draw_graph_draws_every_edge_of_a_generator():
    """Issue 16: a generator of edges was used up by the check of their nodes, and the
    graph was drawn without a single arrow."""
    nodes, edges = graph_221()
    fig, (ax_list, ax_generator) = plt.subplots(1, 2)
    try:
        draw_graph(ax_list, nodes, edges)
        draw_graph(ax_generator, nodes, (edge for edge in edges))
        assert _arrows(ax_generator) == _arrows(ax_list) == len(edges)
    finally:
        plt.close(fig)


@pytest.mark.parametrize(
    "edges, message",
    [
        (None, "edges must be a list of (from, to, label) tuples, but it is None"),
        (
            [("a", "b")],
            "every edge must be (from, to, label) or (from, to, label, t), but edges "
            "holds ('a', 'b')",
        ),
    ],
)
def test_draw_graph_refuses_edges_that_are_no_list_of_triples(edges, message):
    fig, ax = plt.subplots()
    try:
        with pytest.raises(TypeError, match="^" + re.escape(message)):
            draw_graph(ax, {"a": Node(0, 0, "a"), "b": Node(1, 0, "b")}, edges)
    finally:
        plt.close(fig)


# Issue 16 (E): an endless generator of edges was read forever, and every node and
# edge was drawn however many there were (draw_network refuses more than its limits).
def test_draw_graph_counts_nodes_and_edges_before_reading_them():
    import itertools

    two = {"a": Node(0, 0, "a"), "b": Node(1, 0, "b")}
    fig, ax = plt.subplots()
    try:
        with pytest.raises(ValueError, match=r"^this would make") as refused:
            draw_graph(ax, two, itertools.repeat(("a", "b", "x")))
        assert str(refused.value) == (
            "this would make 2001 or more arrows, one per edge (edges, an iterator, "
            "read as far as 2001 entries), more than MAX_DRAWN_WEIGHTS = 2000"
        )
        with pytest.raises(ValueError, match=r"^this would make") as refused:
            draw_graph(ax, two, [("a", "b", "x")] * 2001)
        assert str(refused.value) == (
            "this would make 2001 arrows, one per edge (edges with 2001 entries), "
            "more than MAX_DRAWN_WEIGHTS = 2000"
        )
        never_read = dict.fromkeys(range(1001))  # no node may be looked at
        with pytest.raises(ValueError, match=r"^this would make") as refused:
            draw_graph(ax, never_read, [])
        assert str(refused.value) == (
            "this would make 1001 boxes, one per node (nodes with 1001 entries), more "
            "than MAX_DRAWN_NEURONS = 1000"
        )
        assert len(ax.texts) == 0  # nothing was drawn
    finally:
        plt.close(fig)


@pytest.mark.parametrize(
    "wrong, hint",
    [
        (lambda fig, axs: fig, "a Figure (pick one of its 2 Axes: fig.axes[0])"),
        (lambda fig, axs: plt, "the pyplot module (use ax = plt.gca())"),
        (lambda fig, axs: axs, "an array of 2 Axes (pick one: axs[0])"),
    ],
    ids=["a Figure", "the pyplot module", "an array of Axes"],
)
def test_draw_graph_refuses_an_ax_that_is_not_one_axes(wrong, hint):
    fig, axs = plt.subplots(1, 2)
    try:
        with pytest.raises(TypeError) as info:
            draw_graph(wrong(fig, axs), *graph_221())
        assert str(info.value) == (
            "ax must be a matplotlib Axes (e.g. fig, ax = plt.subplots()), but it is "
            + hint
        )
        assert not axs[0].texts and not axs[1].texts
    finally:
        plt.close(fig)


@pytest.mark.parametrize(
    "fontsize, words",
    [
        (-1, "fontsize must be > 1.5, but it is -1"),
        (1.5, "fontsize must be > 1.5, but it is 1.5"),
        (float("inf"), "fontsize must be a finite number, but it is inf"),
    ],
)
def test_draw_graph_refuses_a_font_size_its_arrow_labels_cannot_take(fontsize, words):
    """fontsize=-1 reached matplotlib, whose arrow labels are 1.5 points smaller."""
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match=r"^fontsize must be") as caught:
        draw_graph(ax, {"x": Node(0, 0, "x", "input")}, [], fontsize=fontsize)
    plt.close(fig)
    assert str(caught.value) == words
