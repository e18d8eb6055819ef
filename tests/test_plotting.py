"""Tests of ``ffnn_edu.show.plotting``."""

import base64
import io
import warnings

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.figure import Figure
from PIL import Image

from ffnn_edu.nn.training import History
from ffnn_edu.show.network_diagram import RADIUS, Box, neuron_positions
from ffnn_edu.show.plotting import (
    MAX_PLOTTED_CLASSES,
    MAX_RESOLUTION,
    PHONE_MIN_FONT,
    PHONE_WIDTH,
    SUPERSCRIPTS,
    WEB_BOOK_ENV,
    PowerFormatter,
    draw_network,
    phone_layout,
    plot_decision_boundary,
    plot_history,
    plot_points,
    retina_png,
    smallest_font_px,
    tight_pixels,
    use_book_style,
)

from helpers import raises_all


@pytest.fixture
def ax():
    fig, ax = plt.subplots()
    yield ax
    plt.close(fig)


P2 = np.array([[0.0, 0.0], [1.0, 1.0]])


def p_class_1(G):
    """A probability of class 1 for every point of the plane."""
    return 1 / (1 + np.exp(-G[:, 0]))


@pytest.mark.parametrize(
    "X,y,labels,part",
    [
        (
            P2,
            [0.3, 0.7],
            None,
            "y must hold class numbers 0, 1, 2, ..., but it contains 0.3",
        ),
        (
            P2,
            [-1, 1],
            ["neg", "pos"],
            "y must hold class numbers 0, 1, 2, ..., but it contains -1",
        ),
        (
            P2,
            [0, 1],
            ["a"],
            "labels must name every class 0..1 (2 names), but it has 1",
        ),
        (P2[:, :1], [0, 1], None, "X must hold 2-D points, shape (n, 2)"),
        (P2, [0, 1, 1], None, "y must hold one label per point (2)"),
    ],
)
def test_plot_points_checks_its_input(ax, X, y, labels, part):
    raises_all(ValueError, part, call=lambda: plot_points(ax, X, y, labels=labels))


def test_decision_boundary_labels_only_the_classes_present(ax):
    """Issue 16: with test points, a legend label was built for every class number up
    to the largest (a list of a billion for class 10**9, now refused: 0/1 labels)."""
    plot_decision_boundary(ax, p_class_1, P2, [0, 1], resolution=5, test=(P2, [1, 1]))
    assert [h.get_label() for h in ax.get_legend_handles_labels()[0]] == [
        "training, class 0",
        "training, class 1",
        "test, class 1",
    ]


@pytest.mark.parametrize("draw", ["plot_points", "plot_decision_boundary"])
def test_a_class_number_too_large_for_an_int_is_quoted_as_given(ax, draw):
    """Issue 16: y = [0, 1e20] was cast to int first (a RuntimeWarning) and the
    message quoted the overflowed -9.223372036854776e+18."""
    call = {
        "plot_points": lambda: plot_points(ax, P2, [0, 1e20]),
        "plot_decision_boundary": lambda: plot_decision_boundary(
            ax, p_class_1, P2, [0, 1e20], resolution=5
        ),
    }[draw]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match=r"^y must hold class numbers") as refused:
            call()
    assert str(refused.value) == (
        "y must hold class numbers 0, 1, 2, ..., but it contains 1e+20 (a class number "
        "must be below 2**63)"
    )


def test_more_classes_than_max_plotted_classes_are_refused_before_drawing(ax):
    """Issue 16 (E): each class is a scatter and a legend entry; a million classes
    would take an hour of matplotlib."""
    X = np.zeros((MAX_PLOTTED_CLASSES + 1, 2))
    with pytest.raises(ValueError, match=r"^this would make ") as refused:
        plot_points(ax, X, np.arange(MAX_PLOTTED_CLASSES + 1))
    assert str(refused.value) == (
        "this would make 101 classes to draw (y: a colour, marker and legend entry "
        "each), more than MAX_PLOTTED_CLASSES = 100"
    )
    assert len(ax.collections) == 0


@pytest.mark.parametrize(
    "resolution,error",
    [(0, ValueError), (1, ValueError), (2.5, TypeError), (-3, ValueError)],
)
def test_decision_boundary_refuses_a_resolution_below_2(ax, resolution, error):
    raises_all(
        error,
        "resolution must be an integer >= 2",
        call=lambda: plot_decision_boundary(
            ax, p_class_1, P2, [0, 1], resolution=resolution
        ),
    )


@pytest.mark.parametrize(
    "kwargs,error,part",
    [
        (dict(X=P2[:, :1]), ValueError, "X must hold 2-D points"),
        (
            dict(predict=lambda G: np.where(G[:, 0] > 0.5, "a", "b")),
            TypeError,
            "what predict returns must be an array of numbers",
        ),
        (
            dict(predict=lambda G: np.full(len(G), np.nan)),
            ValueError,
            "what predict returns must contain only finite numbers",
        ),
        (dict(test=P2), TypeError, "test must be a pair (X_test, y_test)"),
        (dict(test=(P2[:, :1], [0, 1])), ValueError, "test X must hold 2-D points"),
    ],
)
def test_decision_boundary_checks_its_input(ax, kwargs, error, part):
    args = dict(predict=p_class_1, X=P2, y=[0, 1], resolution=5) | kwargs
    raises_all(error, part, call=lambda: plot_decision_boundary(ax, **args))


@pytest.mark.parametrize(
    "sizes,part",
    [
        (3, "layer_sizes must be a sequence of layer sizes"),
        ("21", "layer_sizes must be a sequence of layer sizes"),
        ((2.7, 1.2), "every entry of layer_sizes must be an integer >= 1"),
    ],
)
def test_draw_network_checks_layer_sizes(ax, sizes, part):
    raises_all(TypeError, part, call=lambda: draw_network(ax, sizes))


def test_plot_history_checks_its_input(ax):
    from ffnn_edu.nn.training import History

    raises_all(
        TypeError,
        "history must be the History that train returns",
        call=lambda: plot_history({"train_loss": [1.0]}),
    )
    raises_all(
        ValueError,
        "history must record at least one epoch",
        call=lambda: plot_history(History()),
    )
    with_accuracy = History(epoch=[0], train_loss=[1.0], train_accuracy=[0.5])
    raises_all(
        ValueError,
        "axes must hold 2 panel(s)",
        call=lambda: plot_history(with_accuracy, axes=[ax]),
    )


@pytest.mark.parametrize(
    "kwargs,error,part",
    [
        (
            dict(weight_labels=[1]),
            TypeError,
            "weight_labels must be a dict keyed by (layer, j, k)",
        ),
        (dict(node_labels={0: "a"}), TypeError, "node_labels must be keyed by tuples"),
        (dict(fontsize=0), ValueError, "fontsize must be > 0"),
        (dict(min_dpi=-1), ValueError, "min_dpi must be > 0"),
        (  # issue 16 (E): the figure was raised to any resolution, and drawn there
            dict(min_dpi=10**5),
            ValueError,
            "this would make 100000 dots per inch (min_dpi), more than MAX_DPI = 1200",
        ),
        (dict(layer_names="ab"), TypeError, "layer_names must be a list of captions"),
        (dict(layer_names=3), TypeError, "layer_names must be a list of captions"),
        (
            dict(layer_names=["in"]),
            ValueError,
            "layer_names must have one name per layer (2)",
        ),
    ],
)
def test_draw_network_checks_its_labels(ax, kwargs, error, part):
    raises_all(error, part, call=lambda: draw_network(ax, (2, 1), **kwargs))


def _label_boxes(ax):
    """Each text's rotated rectangle on screen, keyed by its string."""
    renderer = ax.figure.canvas.get_renderer()
    boxes = {}
    for text in ax.texts:
        angle = np.radians(text.get_rotation())
        text.set_rotation(0)  # measure the unrotated size
        extent = text.get_window_extent(renderer)
        text.set_rotation(np.degrees(angle))
        centre = ax.transData.transform(text.get_position())
        boxes[text.get_text()] = Box(
            centre,
            np.array([np.cos(angle), np.sin(angle)]),
            extent.width / 2,
            extent.height / 2,
        )
    return boxes


def _assert_legible(ax, sizes, weight_labels):
    boxes = _label_boxes(ax)
    to_px = ax.transData.transform
    radius = to_px((RADIUS, 0))[0] - to_px((0, 0))[0]
    labels = [
        boxes[label if isinstance(label, str) else label[0]]
        for label in weight_labels.values()
    ]
    for box in labels:
        for centre in neuron_positions(sizes).values():
            assert box.distance_to(to_px(centre)) > radius, (
                "a weight label covers a neuron"
            )
    for i, box in enumerate(labels):
        for other in labels[i + 1 :]:
            assert not box.overlaps(other), "two weight labels overlap"
    for (l, j, k), label in weight_labels.items():  # each label lies on its own edge
        text = label if isinstance(label, str) else label[0]
        start, end = (
            to_px(neuron_positions(sizes)[(l, j)]),
            to_px(neuron_positions(sizes)[(l + 1, k)]),
        )
        centre = boxes[text].centre
        d, c = end - start, centre - start
        cross = (d[0] * c[1] - d[1] * c[0]) / np.linalg.norm(d)
        assert abs(cross) < 1.0
        assert 0 < (centre - start) @ (end - start) < (end - start) @ (end - start)
        assert np.isclose(
            abs(boxes[text].along @ (end - start)), np.linalg.norm(end - start)
        )


# a wrong "ax": what was passed, and the hint the message must give
WRONG_AXES = {
    "a Figure": (
        lambda fig, axs: fig,
        "but it is a Figure (pick one of its 2 Axes: fig.axes[0])",
    ),
    "the pyplot module": (
        lambda fig, axs: plt,
        "but it is the pyplot module (use ax = plt.gca())",
    ),
    "an array of Axes": (
        lambda fig, axs: axs,
        "but it is an array of 2 Axes (pick one: axs[0])",
    ),
}
DRAWINGS = {
    "plot_points": lambda ax: plot_points(ax, P2, [0, 1]),
    "plot_decision_boundary": lambda ax: plot_decision_boundary(
        ax, p_class_1, P2, [0, 1], resolution=5
    ),
    "draw_network": lambda ax: draw_network(ax, (2, 3, 1)),
}


@pytest.mark.parametrize("wrong", WRONG_AXES)
@pytest.mark.parametrize("draw", DRAWINGS)
def test_a_drawing_function_refuses_an_ax_that_is_not_one_axes(draw, wrong):
    fig, axs = plt.subplots(1, 2)
    make, hint = WRONG_AXES[wrong]
    try:
        raises_all(
            TypeError,
            "ax must be a matplotlib Axes (e.g. fig, ax = plt.subplots())",
            hint,
            call=lambda: DRAWINGS[draw](make(fig, axs)),
        )
        assert not axs[0].has_data() and not axs[1].has_data()
        DRAWINGS[draw](axs[1])  # the hint's own way in draws
        assert axs[1].has_data() or axs[1].patches or axs[1].texts
    finally:
        plt.close(fig)


def test_axes_to_draw_in_names_a_figure_without_axes_and_other_objects():
    fig = plt.figure()
    try:
        raises_all(
            TypeError,
            "ax must be a matplotlib Axes",
            "but it is a Figure (with no Axes yet: ax = fig.add_subplot())",
            call=lambda: plot_points(fig, P2, [0, 1]),
        )
    finally:
        plt.close(fig)
    raises_all(
        TypeError,
        "but it is None (NoneType)",
        call=lambda: draw_network(None, (2, 1)),
    )


HISTORY = History(epoch=[0, 1], train_loss=[1.0, 0.5], train_accuracy=[0.5, 0.9])


@pytest.mark.parametrize(
    "wrong, hint",
    [
        (lambda fig, axs: fig, "but it is a Figure (its Axes: fig.axes)"),
        (
            lambda fig, axs: plt,
            "but it is the pyplot module (leave axes out for a new figure)",
        ),
        (
            lambda fig, axs: np.array([axs]),
            "but it is an array of Axes of shape (1, 2) (flatten it: axs.ravel())",
        ),
        (lambda fig, axs: axs[0], "but it is one Axes (put it in a list: [ax])"),
    ],
    ids=["a Figure", "the pyplot module", "a 2-D array of Axes", "one Axes"],
)
def test_plot_history_refuses_axes_that_are_not_a_list_of_axes(wrong, hint):
    fig, axs = plt.subplots(1, 2)
    try:
        raises_all(
            TypeError,
            "axes must be a list of matplotlib Axes, one per panel "
            "(e.g. fig, axes = plt.subplots(1, 2)), or None",
            hint,
            call=lambda: plot_history(HISTORY, wrong(fig, axs)),
        )
        assert not axs[0].has_data() and not axs[1].has_data()
    finally:
        plt.close(fig)


def test_plot_history_draws_in_the_axes_given_as_an_array_or_a_list():
    fig, axs = plt.subplots(1, 2)
    try:
        assert plot_history(HISTORY, axs) is axs
        assert [ax.get_ylabel() for ax in plot_history(HISTORY, list(axs))] == [
            "loss",
            "accuracy",
        ]
        assert axs[0].lines[0].get_ydata().tolist() == [1.0, 0.5]
    finally:
        plt.close(fig)
    raises_all(  # the history is checked whatever the axes
        TypeError,
        "history must be the History that train returns",
        call=lambda: plot_history(fig, axs),
    )


def test_chapter_1_labels_converging_on_one_neuron_are_spread_along_their_edges():
    fig, ax = plt.subplots(figsize=(6.5, 4.2))
    weights = {(0, j, 2): (f"$w_{{{j + 1}3}}$", 0.72) for j in range(3)}
    weights.update({(1, j, 0): (f"$w_{{{j + 1}1}}$", 0.7) for j in range(4)})
    draw_network(
        ax,
        (3, 4, 2),
        weight_labels=weights,
        node_labels={(1, k): f"$y_{{2{k + 1}}}$" for k in range(4)},
        layer_names=["input layer", "hidden layer", "output layer"],
    )
    _assert_legible(ax, (3, 4, 2), weights)
    plt.close(fig)


@pytest.mark.parametrize("figsize", [(6, 3.6), (3, 2)])
def test_the_2_2_1_figure_with_notes_is_legible_even_in_a_small_figure(figsize):
    fig, ax = plt.subplots(figsize=figsize)
    weights = {
        (0, 0, 0): "$w_1$=0.1",
        (0, 0, 1): "$w_2$=0.5",
        (0, 1, 0): "$w_3$=0.4",
        (0, 1, 1): "$w_4$=0.3",
        (1, 0, 0): "$w_5$=0.2",
        (1, 1, 0): "$w_6$=0.6",
    }
    notes = {
        (0, 0): "$x_A$ = 0.23",
        (1, 1): ("$y_D$ = 0.5893", "below"),
        (2, 0): "$y_F$ = 0.6156\n$t$ = 1",
    }
    draw_network(
        ax,
        (2, 2, 1),
        weight_labels=weights,
        node_notes=notes,
        layer_names=["input", "hidden", "output"],
    )
    _assert_legible(ax, (2, 2, 1), weights)
    boxes = _label_boxes(ax)
    for note in ("$x_A$ = 0.23", "$y_D$ = 0.5893"):  # notes stay off the labels
        assert not any(boxes[note].overlaps(boxes[w]) for w in weights.values())
    renderer = fig.canvas.get_renderer()
    axes_box = ax.get_window_extent(renderer)
    for text in ax.texts:  # nothing is cut off
        extent = text.get_window_extent(renderer)
        assert axes_box.x0 - 1 <= extent.x0 and extent.x1 <= axes_box.x1 + 1
    assert fig.dpi >= 150  # sharp on high-density screens
    plt.close(fig)


def test_a_label_that_fits_stays_at_its_chosen_fraction():
    fig, ax = plt.subplots(figsize=(8, 5))
    draw_network(ax, (2, 3), weight_labels={(0, 0, 2): ("a", 0.5)})
    (x0, y0), (x1, y1) = (
        neuron_positions((2, 3))[(0, 0)],
        neuron_positions((2, 3))[(1, 2)],
    )
    text = ax.texts[0]
    assert text.get_position() == pytest.approx(
        (x0 + 0.5 * (x1 - x0), y0 + 0.5 * (y1 - y0))
    )
    assert text.get_rotation() == pytest.approx(
        np.degrees(np.arctan2(y1 - y0, x1 - x0)) % 360
    )
    plt.close(fig)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(layer_sizes=()), "layer_sizes"),
        (dict(layer_sizes=(2, 0)), "layer_sizes"),
        (dict(layer_sizes=(2, 1), weight_labels={(0, 2, 0): "w"}), "weight_labels"),
        (dict(layer_sizes=(2, 1), node_labels={(2, 0): "F"}), "node_labels"),
        (dict(layer_sizes=(2, 1), node_notes={(0, 0): ("x", "inside")}), "node_notes"),
        (dict(layer_sizes=(2, 1), layer_names=["one"]), "layer_names"),
    ],
)
def test_draw_network_names_a_bad_argument(kwargs, message):
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match=message):
        draw_network(ax, **kwargs)
    plt.close(fig)


def test_decision_boundary_refuses_a_grid_finer_than_max_resolution(ax):
    with pytest.raises(ValueError, match=r"^this would make ") as refused:
        plot_decision_boundary(ax, p_class_1, P2, [0, 1], resolution=100_000)
    assert str(refused.value) == (
        "this would make 100000 grid points per axis (resolution), "
        "more than MAX_RESOLUTION = 2000"
    )
    assert MAX_RESOLUTION == 2000


def decoded(data):
    return base64.b64decode(data)


def test_a_drawn_figure_records_its_smallest_text():
    fig, ax = plt.subplots(figsize=(4, 3), dpi=80)
    ax.plot([0, 1], label="a line")
    ax.legend(fontsize=6)
    ax.set_title("big", fontsize=14)
    data, marks = retina_png(fig)
    plt.close(fig)
    # 6 points at twice 80 dpi
    assert smallest_font_px(decoded(data)) == pytest.approx(6 * 160 / 72, abs=0.01)
    assert marks == {"width": Image.open(io.BytesIO(decoded(data))).size[0] // 2}


def test_a_figure_without_text_records_none_and_a_foreign_png_is_refused():
    fig, ax = plt.subplots(figsize=(2, 2), dpi=80)
    ax.set_axis_off()
    assert smallest_font_px(decoded(retina_png(fig)[0])) is None
    plt.close(fig)
    foreign = io.BytesIO()
    Image.new("RGB", (3, 3)).save(foreign, format="png")
    raises_all(
        ValueError,
        "no 'smallest-font-px' record",
        call=lambda: smallest_font_px(foreign.getvalue()),
    )


def side_by_side(**kwargs):
    fig, axes = plt.subplots(2, 2, figsize=(10, 6), dpi=80, **kwargs)
    for k, ax in enumerate(axes.flat):
        ax.plot([0, k], label=f"line {k}")
        ax.set_title(f"panel {k}")
        ax.legend(fontsize="x-small")
        ax.tick_params(labelsize=6)
    fig.suptitle("four panels")
    return fig, axes


def test_phone_layout_stacks_panels_in_reading_order_and_keeps_the_figure():
    fig, axes = side_by_side()
    narrow = phone_layout(fig)
    titles = [
        ax.get_title()
        for ax in sorted(narrow.axes, key=lambda a: a.get_subplotspec().rowspan.start)
    ]
    assert titles == ["panel 0", "panel 1", "panel 2", "panel 3"]
    assert [ax.get_subplotspec().colspan for ax in narrow.axes] == [range(1)] * 4
    assert narrow.get_figwidth() == PHONE_WIDTH and narrow.get_figheight() > 4 * 2
    # the original is untouched: still 2 x 2, 10 inches wide, small ticks
    assert fig.get_figwidth() == 10 and axes[1, 1].get_subplotspec().colspan == range(
        1, 2
    )
    assert axes[0, 0].xaxis.get_ticklabels()[0].get_fontsize() == 6
    plt.close(fig), plt.close(narrow)


def test_phone_layout_raises_every_text_to_the_phone_minimum():
    fig, _ = side_by_side()
    narrow = phone_layout(fig)
    phone = decoded(retina_png(narrow)[0])
    desk = decoded(retina_png(fig)[0])
    plt.close(fig), plt.close(narrow)
    assert smallest_font_px(phone) == pytest.approx(PHONE_MIN_FONT * 160 / 72, abs=0.01)
    assert smallest_font_px(desk) == pytest.approx(6 * 160 / 72, abs=0.01)


def test_phone_layout_shows_tick_labels_a_shared_axis_hid():
    fig, axes = side_by_side(sharex=True, sharey=True)
    assert not axes[0, 1].yaxis.get_tick_params()["labelleft"]
    narrow = phone_layout(fig)
    for ax in narrow.axes:  # a key left out (matplotlib 3.7) is at its default, shown
        assert ax.yaxis.get_tick_params().get("labelleft", True)
        assert ax.xaxis.get_tick_params().get("labelbottom", True)
    plt.close(fig), plt.close(narrow)


def test_retina_png_draws_a_phone_layout_only_for_the_web_book(monkeypatch):
    fig, _ = side_by_side()
    narrow_fig, _ = plt.subplots(figsize=(4, 3), dpi=80)
    monkeypatch.delenv(WEB_BOOK_ENV, raising=False)
    assert "phone" not in retina_png(fig)[1]
    monkeypatch.setenv(WEB_BOOK_ENV, "1")
    assert "phone" not in retina_png(narrow_fig)[1]  # narrow enough already
    phone = retina_png(fig)[1]["phone"]
    plt.close(fig), plt.close(narrow_fig)
    png = decoded(phone["png"])
    width, height = Image.open(io.BytesIO(png)).size  # drawn at 2x
    assert (width // 2, height // 2) == (phone["width"], phone["height"])
    # the figure and the 0.1 inch margin of a tight crop on each side
    assert phone["width"] <= (PHONE_WIDTH + 0.2) * 80 < phone["height"]
    assert smallest_font_px(png) == pytest.approx(PHONE_MIN_FONT * 160 / 72, abs=0.01)


def _savefig_tight(fig, dpi):
    png = io.BytesIO()
    fig.savefig(png, format="png", dpi=dpi, bbox_inches="tight")
    return np.asarray(Image.open(png).convert("RGB")).astype(int)


def _two_panels(layout):
    fig, axes = plt.subplots(1, 2, figsize=(6, 3.5), dpi=80, layout=layout)
    for ax in axes:
        ax.plot([0, 1], [0, 3], label="a line")
        ax.set_title("a title")
        ax.set_xlabel("an x label")
        ax.legend()
    if layout == "none":  # margins wide enough for the labels: all on the canvas
        fig.subplots_adjust(bottom=0.25, top=0.85)
    return fig


@pytest.mark.parametrize("layout", ["tight", "constrained", "none"])
def test_a_figure_drawn_once_is_cropped_as_savefig_tight_crops_it(layout, monkeypatch):
    draws = []
    draw = Figure.draw
    monkeypatch.setattr(Figure, "draw", lambda fig, r: draws.append(1) or draw(fig, r))
    # two equal figures: a layout engine's result depends on the draws before
    ours = tight_pixels(_two_panels(layout), 160).astype(int)
    assert len(draws) == 1
    theirs = _savefig_tight(_two_panels(layout), 160)
    plt.close("all")
    # the same box to a pixel of rounding, and the same picture inside it
    assert abs(ours.shape[0] - theirs.shape[0]) <= 1
    assert abs(ours.shape[1] - theirs.shape[1]) <= 1
    rows = min(ours.shape[0], theirs.shape[0]) - 2
    cols = min(ours.shape[1], theirs.shape[1]) - 2
    # the two may sit a fraction of a pixel apart (an edge's shading differs), so each
    # of our pixels must lie within the range of their 3 x 3 neighbourhood
    around = np.stack(
        [
            theirs[1 + i : 1 + i + rows, 1 + j : 1 + j + cols]
            for i in (-1, 0, 1)
            for j in (-1, 0, 1)
        ]
    )
    inner = ours[1 : 1 + rows, 1 : 1 + cols]
    outside = (inner < around.min(axis=0) - 8) | (inner > around.max(axis=0) + 8)
    assert outside.any(axis=2).mean() < 0.001
    if layout == "none":  # cropped: the figure's margins are gone
        assert ours.shape[1] < 6 * 160


def _legend_beyond(layout):
    """A legend in three columns below the panel, wider than the figure."""
    fig, ax = plt.subplots(figsize=(3, 2.5), dpi=80, layout=layout)
    for k in range(3):
        ax.plot([0, 1], [0, k], label=f"the line {k}")
    ax.set_title("a title")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=3)
    return fig


# (tight layout warns that it cannot fit such a legend, and a notebook must not warn)
@pytest.mark.parametrize("layout", ["constrained", "none"])
def test_a_legend_beyond_the_figure_is_kept_in_two_draws_and_the_figure_is_unchanged(
    layout, monkeypatch
):
    draws = []
    draw = Figure.draw
    fig = _legend_beyond(layout)
    canvas, engine = fig.canvas, fig.get_layout_engine()
    monkeypatch.setattr(Figure, "draw", lambda fig, r: draws.append(1) or draw(fig, r))
    ours = tight_pixels(fig, 160).astype(int)
    # drawn once to measure the box and once in it (savefig "tight" would draw 3 times)
    assert len(draws) == 2
    monkeypatch.undo()
    # the legend lies right of the figure: the picture is wider than the figure
    assert ours.shape[1] > 3 * 160
    assert fig.canvas is canvas and fig.dpi == 80
    assert fig.get_layout_engine() is engine
    theirs = _savefig_tight(_legend_beyond(layout), 160)
    plt.close("all")
    assert ours.shape == theirs.shape
    assert (np.abs(ours - theirs) > 8).any(axis=2).mean() < 0.001


def test_phone_layout_puts_small_panels_two_to_a_row_in_reading_order():
    fig, axes = plt.subplots(2, 6, figsize=(11.4, 4.6), sharex=True, sharey=True)
    for k, ax in enumerate(axes.ravel()):
        ax.set_title(f"panel {k}")
    narrow = phone_layout(fig)
    place = {
        ax.get_title(): (ax.get_subplotspec().rowspan, ax.get_subplotspec().colspan)
        for ax in narrow.axes
    }
    assert place["panel 0"] == (range(1), range(1))
    assert place["panel 1"] == (range(1), range(1, 2))
    assert place["panel 2"] == (range(1, 2), range(1))
    assert place["panel 11"] == (range(5, 6), range(1, 2))
    # six rows, not twelve
    assert narrow.get_figwidth() == PHONE_WIDTH and narrow.get_figheight() < 6 * 3.0
    plt.close(fig), plt.close(narrow)


def test_draw_network_refuses_more_weight_lines_than_it_can_draw():
    """draw_network(ax, (2, 10**6, 1)) drew three million lines (for minutes)."""
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match=r"^this would make ") as refused:
        draw_network(ax, (2, 10**6, 1))
    plt.close(fig)
    assert str(refused.value) == (
        "this would make 3000000 weight lines (layer_sizes with 3 layers, up to "
        "1000000 wide), more than MAX_DRAWN_WEIGHTS = 2000"
    )


def test_draw_network_refuses_more_neurons_than_it_can_draw():
    """Issue 16 (E): one layer has no weights, so draw_network(ax, (10**6,)) passed the
    weight-line limit and drew circles for ten minutes."""
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match=r"^this would make ") as refused:
        draw_network(ax, (10**6,))
    plt.close(fig)
    assert str(refused.value) == (
        "this would make 1000000 neurons (layer_sizes with 1 layer, up to 1000000 "
        "wide), more than MAX_DRAWN_NEURONS = 1000"
    )


def test_draw_network_counts_the_layers_before_reading_a_size():
    """Issue 16 (E): a million layer sizes were all checked before the limit."""
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match=r"^this would make ") as refused:
        draw_network(ax, [1] * 10**6 + ["not read"])
    plt.close(fig)
    assert str(refused.value) == (
        "this would make 1000000 weight lines or more (layer_sizes with 1000001 "
        "layers), more than MAX_DRAWN_WEIGHTS = 2000"
    )


def test_draw_network_counts_a_range_of_layer_sizes_before_reading_one():
    """Issue 16 (E): check_sizes accepts a range, which the count skipped: the sizes of
    range(1, 10**8) were all read (half a minute) before any limit was checked."""
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match=r"^this would make ") as refused:
        draw_network(ax, range(1, 10**8))
    plt.close(fig)
    assert str(refused.value) == (
        "this would make 99999998 weight lines or more (layer_sizes with 99999999 "
        "layers), more than MAX_DRAWN_WEIGHTS = 2000"
    )


def test_a_figure_legend_goes_below_the_phone_panels_inside_the_picture(monkeypatch):
    fig, axes = plt.subplots(1, 3, figsize=(12, 3.6))
    for ax in axes:
        ax.plot([0, 1], [0, 1], label="a line")
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center")
    narrow = phone_layout(fig)
    draws = []
    draw = Figure.draw
    monkeypatch.setattr(Figure, "draw", lambda f, r: draws.append(1) or draw(f, r))
    pixels = tight_pixels(narrow, 160)
    assert len(draws) == 1  # nothing outside the canvas: no second drawing
    renderer = narrow.canvas.get_renderer()
    legend = narrow.legends[0].get_window_extent(renderer)
    lowest_panel = min(ax.get_tightbbox(renderer).y0 for ax in narrow.axes)
    assert 0 <= legend.y0 and legend.y1 <= lowest_panel  # below every panel
    assert pixels.shape[1] <= (PHONE_WIDTH + 2 * 0.1) * 160 + 2  # with its padding
    plt.close(fig), plt.close(narrow)


@pytest.mark.parametrize("exponent", range(-12, 13))
def test_power_formatter_writes_a_decade_as_ten_to_a_superscript(exponent):
    power = str(exponent).replace("-", "⁻").translate(SUPERSCRIPTS)
    assert PowerFormatter()(10.0**exponent) == "10" + power


def test_power_formatter_writes_what_matplotlib_writes_between_decades_and_signs():
    """matplotlib's mathtext labels: 2×10⁻¹ between decades, a minus sign (symlog),
    0, and nothing for a tick it leaves unlabelled."""
    assert PowerFormatter(labelOnlyBase=False)(0.2) == "2×10⁻¹"
    assert PowerFormatter()(-100.0) == "\N{MINUS SIGN}10²"
    assert PowerFormatter()(0.0) == "0"
    assert PowerFormatter(labelOnlyBase=True)(0.2) == ""
    assert PowerFormatter(base=2)(16.0) == "2⁴"


def test_after_use_book_style_log_axes_label_their_ticks_without_mathtext():
    use_book_style()
    fig, (ax, bx) = plt.subplots(1, 2)
    ax.semilogy([1e-4, 1.0, 1e3])
    bx.set_xscale("log", base=2)
    bx.plot([1, 64], [0, 1])
    fig.canvas.draw()
    labels = [t.get_text() for t in ax.get_yticklabels() + bx.get_xticklabels()]
    # matplotlib 3.7 puts base-2 ticks at odd powers, later versions at even ones
    assert "10⁻³" in labels and {"2³", "2⁴"} & set(labels)
    assert not any("$" in label for label in labels)
    plt.close(fig)


# Issue 16 (B/C): points 3e308 apart (each finite) overflowed the grid's width: numpy's
# RuntimeWarning escaped and plot_decision_boundary said "X must contain only finite
# numbers ... at index (0, 0)", of a grid the caller never gave; plot_points passed the
# width on to matplotlib, whose tick marks overflowed when drawn.
@pytest.mark.parametrize("plot", ["points", "boundary"])
def test_points_too_far_apart_to_draw_are_refused_naming_x_and_its_size(plot):
    X = np.array([[1.5e308, 0.0], [-1.5e308, 1.0]])
    fig, ax = plt.subplots()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        draw = (
            (lambda: plot_points(ax, X, [0, 1]))
            if plot == "points"
            else (lambda: plot_decision_boundary(ax, p_class_1, X, [0, 1]))
        )
        with pytest.raises(ValueError, match=r"^X must lie within a range") as refused:
            draw()
    plt.close(fig)
    assert caught == []
    assert str(refused.value) == (
        "X must lie within a range that can be drawn (at most about 1.8e307 wide in "
        "each coordinate, with the margin), but its largest |value| is 1.5e+308; "
        "scale X first, e.g. with a Standardizer (ffnn_edu.nn.preprocessing) or "
        "scikit-learn's StandardScaler"
    )


def test_points_1_5e307_apart_are_drawn_without_a_warning():
    X = np.array([[7.5e306, 7.5e306], [-7.5e306, -7.5e306], [1e306, 0.0]])
    fig, ax = plt.subplots()
    try:
        # numpy's overflow warnings only: a newer pyparsing deprecates what an older
        # matplotlib's mathtext calls (the lowest-versions run on Python 3.14)
        with warnings.catch_warnings():
            warnings.simplefilter("error", RuntimeWarning)
            plot_decision_boundary(ax, lambda G: 0.5 + G[:, 0] / 1e308, X, [0, 1, 0])
            fig.canvas.draw()
        assert ax.get_xlim() == (-7.5e306 - 0.5, 7.5e306 + 0.5)
    finally:
        plt.close(fig)


# Issue 16 (E): nothing bounded the pixels a figure is drawn on: a 100 x 100 inch figure
# drew 256 million of them at the book's 160 dpi (a gigabyte of RGBA).
def test_tight_pixels_refuses_a_canvas_of_more_than_max_pixels_before_drawing():
    from ffnn_edu.show.plotting import MAX_PIXELS

    assert MAX_PIXELS == 50_000_000
    fig = plt.figure(figsize=(100, 100))
    try:
        with pytest.raises(ValueError, match=r"^this would make") as refused:
            tight_pixels(fig, 160)
        assert str(refused.value) == (
            "this would make 256000000 pixels (a 100 x 100 inch figure at dpi = 160), "
            "more than MAX_PIXELS = 50000000"
        )
        fig.set_size_inches(4, 3)
        fig.add_subplot().plot([0, 1])
        assert tight_pixels(fig, 160).shape[1] <= 4 * 160  # a figure of the book's size
    finally:
        plt.close(fig)


@pytest.mark.parametrize(
    "predict, words",
    [
        (
            lambda G: 2 * np.ones(len(G)),
            "predict must return one probability of class 1 per grid point, shape "
            "(N,) (or (N, 2) with class 1's in column 1), from 0 to 1, but its values "
            "run from 2 to 2",
        ),
        (
            lambda G: np.ones((len(G), 3)),
            "predict must return one probability of class 1 per grid point, shape "
            "(N,) (or (N, 2) with class 1's in column 1), N = 25 here, but it "
            "returned shape (25, 3)",
        ),
    ],
)
def test_decision_boundary_refuses_a_predict_that_returns_no_probabilities(
    ax, predict, words
):
    """2 for every point was shaded silently, as if it were a probability."""
    with pytest.raises(ValueError, match=r"^predict must return one") as caught:
        plot_decision_boundary(ax, predict, P2, [0, 1], resolution=5)
    assert str(caught.value) == words


def test_decision_boundary_takes_predict_proba_columns_and_refuses_labels_not_0_1(ax):
    """Labels 0 and 2 were drawn, though the shading is the probability of class 1."""
    proba = lambda G: np.c_[1 - p_class_1(G), p_class_1(G)]
    plot_decision_boundary(ax, proba, P2, [0, 1], resolution=5)
    for kwargs, name in ((dict(y=[0, 2]), "y"), (dict(test=(P2, [2, 0])), "test y")):
        args = dict(y=[0, 1]) | kwargs
        with pytest.raises(ValueError, match=rf"^{name} must hold") as caught:
            plot_decision_boundary(ax, proba, P2, resolution=5, **args)
        assert str(caught.value) == (
            f"{name} must hold the labels 0 and 1 (the shading is the probability of "
            "class 1), but it contains 2; map the two classes to 0 and 1 first"
        )


@pytest.mark.parametrize(
    "size, error, words",
    [
        (-1, ValueError, "size must be > 0, but it is -1"),
        (0, ValueError, "size must be > 0, but it is 0"),
        (float("nan"), ValueError, "size must be a finite number, but it is nan"),
    ],
)
def test_plot_points_refuses_a_marker_size_that_is_not_a_positive_number(
    ax, size, error, words
):
    """size=-1 gave numpy's RuntimeWarning: invalid value encountered in sqrt."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(error) as caught:
            plot_points(ax, P2, [0, 1], size=size)
    assert str(caught.value) == words


# Review 17, fault 12d: a history built by hand as the docstrings build them, without
# epoch, failed in matplotlib ("x and y must have same first dimension").
@pytest.mark.parametrize(
    "history, xs",
    [
        (History(train_loss=[1.0, 0.5]), [[0, 1]]),
        (History(train_loss=[1.0, 0.5, 0.4], val_loss=[1.1, 0.7]), [[0, 1, 2], [0, 1]]),
    ],
)
def test_a_history_without_epochs_is_drawn_against_epochs_0_1_2(history, xs):
    axes = plot_history(history)
    assert [line.get_xdata().tolist() for line in axes[0].lines] == xs
    plt.close("all")


def test_a_history_with_validation_accuracy_alone_draws_the_accuracy_panel():
    history = History(train_loss=[1.0, 0.5], val_accuracy=[0.5, 0.75])
    axes = plot_history(history)
    assert len(axes) == 2
    assert axes[1].lines[0].get_ydata().tolist() == [0.5, 0.75]
    plt.close("all")


@pytest.mark.parametrize(
    "history, parts",
    [
        (
            History(epoch=[0, 1], train_loss=[1.0, 0.5, 0.4]),
            [
                "history.train_loss must hold at most one entry per epoch, 2 as "
                "history.epoch records",
                "but it holds 3",
            ],
        ),
        (
            History(train_loss=[1.0, 0.5], val_loss=[1.0, 0.6, 0.5]),
            [
                "history.val_loss must hold at most one entry per epoch, 2 as "
                "history.train_loss (no epoch given) records",
                "but it holds 3",
            ],
        ),
        (
            History(epoch=[0], train_loss=[1.0], train_accuracy=[0.5, 0.6]),
            [
                "history.train_accuracy must hold at most one entry per epoch, 1 as",
                "but it holds 2",
            ],
        ),
    ],
)
def test_a_record_longer_than_the_epochs_is_named_with_the_length_expected(
    history, parts
):
    raises_all(ValueError, *parts, call=lambda: plot_history(history))
    plt.close("all")
