"""Bad input to the data, splitting, tuning, plotting, display and slider modules.

Each case once gave a wrong result (a 1-D input read as one sample, a figure
showing the wrong network or accuracy, a converging run called diverged), a
silent NaN, or a raw error from deep inside numpy, matplotlib or Python. Now
each gets an error whose message names the argument and what was expected.
"""
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from ffnn_edu.nn import datasets as D  # noqa: E402
from ffnn_edu import FeedForwardNetwork  # noqa: E402
from ffnn_edu.experiments.digit_recognition import misclassified, recognise_digits  # noqa: E402
from ffnn_edu.show.display import plain_docstring_math, show_source, table  # noqa: E402
from ffnn_edu.experiments.error_surfaces import (descend, elongated_bowl, local_minimum,  # noqa: E402
                                     round_bowl)
from ffnn_edu.experiments.learning_slowdown import train_confidently_wrong  # noqa: E402
from ffnn_edu.show.plotting import (draw_network, plot_decision_boundary, plot_history,  # noqa: E402
                               plot_points)
from ffnn_edu.nn.preprocessing import Standardizer, train_val_test_split  # noqa: E402
from ffnn_edu.experiments.repeated_splits import repeated_split_scores  # noqa: E402
from ffnn_edu.show.sliders import SliderFigure, training_explorer  # noqa: E402
from ffnn_edu.experiments.tuning import tune_learning_rate  # noqa: E402

X10, Y10 = np.arange(20.0).reshape(10, 2), np.arange(10.0) % 2


def _raises(error, *parts, call):
    """``call()`` raises ``error`` whose message contains every one of ``parts``."""
    with pytest.raises(error) as info:
        call()
    for part in parts:
        assert part in str(info.value), str(info.value)


# --- A. 1-D X in preprocessing ------------------------------------------------------------

@pytest.mark.parametrize("call", [
    lambda: Standardizer().fit_transform([1.0, 2.0, 3.0]),
    lambda: Standardizer().fit([1.0, 2.0, 3.0]),
    lambda: Standardizer().fit([[1.0], [2.0]]).transform([4.0, 5.0]),
    lambda: train_val_test_split(np.arange(10.0), Y10),
])
def test_one_dimensional_X_is_refused_with_the_reshape_hint(call):
    _raises(ValueError, "X must be 2-D (one row per sample)", "X.reshape(-1, 1)", call=call)


def test_a_column_of_one_feature_still_standardizes():
    Z = Standardizer().fit_transform(np.array([1.0, 2.0, 3.0]).reshape(-1, 1))
    np.testing.assert_allclose(Z[:, 0], [-1.224744871391589, 0.0, 1.224744871391589])


# --- E. split fractions --------------------------------------------------------------------

@pytest.mark.parametrize("fractions,error,parts", [
    (0.8, TypeError, ("fractions must be three shares (train, validation, test)", "0.8")),
    (None, TypeError, ("fractions must be three shares",)),
    ((0.8, 0.2), ValueError, ("fractions must be three shares",)),
    ((80, 10, 10), ValueError, ("every share in fractions must be <= 1", "80")),
    ((0.8, 0.3, 0.1), ValueError, ("fractions must add up to 1",)),
])
def test_bad_fractions_are_named(fractions, error, parts):
    _raises(error, *parts, call=lambda: train_val_test_split(X10, Y10, fractions))


@pytest.mark.parametrize("test_fraction,part", [
    (0, "test_fraction must be > 0, but it is 0"),
    (1.5, "test_fraction must be < 1, but it is 1.5"),
    (1, "test_fraction must be < 1"),
])
def test_repeated_splits_names_test_fraction(test_fraction, part):
    X, y, _ = D.shop_data()
    _raises(ValueError, part, call=lambda: repeated_split_scores(
        X, y, {"epochs": 2}, n_splits=1, test_fraction=test_fraction))


@pytest.mark.parametrize("settings,part", [
    (None, "settings must be a dict of NetworkClassifier arguments"),
    ({"lr": 2}, "settings must hold arguments of NetworkClassifier"),
])
def test_repeated_splits_names_settings(settings, part):
    X, y, _ = D.shop_data()
    _raises(TypeError, part, call=lambda: repeated_split_scores(X, y, settings, n_splits=1))


def test_repeated_splits_checks_X_and_y():
    X, y, _ = D.shop_data()
    _raises(ValueError, "X must be 2-D",
            call=lambda: repeated_split_scores(X[:, 0], y, {"epochs": 2}, n_splits=1))
    _raises(ValueError,
            "y must hold one class label per row of X, shape (10,), but it has shape (5,)",
            call=lambda: repeated_split_scores(X, y[:5], {"epochs": 2}, n_splits=1))


# --- D. tune_learning_rate -----------------------------------------------------------------

def _moon_split(fractions):
    return train_val_test_split(*D.two_moons(20, seed=0), fractions=fractions)


@pytest.mark.parametrize("fractions,rows", [((0.9, 0.05, 0.05), 1), ((0.8, 0.0, 0.2), 0)])
def test_tuning_needs_two_validation_rows(fractions, rows):
    _raises(ValueError, "split must have at least 2 validation rows", f"it has {rows}",
            call=lambda: tune_learning_rate(_moon_split(fractions), (0.1,), epochs=3))


def test_tuning_wants_a_split_not_the_data():
    _raises(TypeError, "split must be a Split made by train_val_test_split",
            "it is a tuple", call=lambda: tune_learning_rate(D.two_moons(20), (0.1,), epochs=3))


def test_tuning_wants_a_sequence_of_rates():
    _raises(TypeError, "etas must be a sequence of learning rates", "(0.1,)",
            call=lambda: tune_learning_rate(_moon_split((0.6, 0.2, 0.2)), 0.1, epochs=3))


def test_tuning_wants_labels_0_and_1():
    X, y = D.two_moons(20, seed=0)
    split = train_val_test_split(X, y + 1, fractions=(0.6, 0.2, 0.2))
    _raises(ValueError, "split.y_train must contain only the labels 0 and 1",
            call=lambda: tune_learning_rate(split, (0.1,), epochs=3))


def test_tuning_with_two_validation_rows_gives_a_finite_standard_error():
    split = train_val_test_split(*D.two_moons(20, seed=0), fractions=(0.8, 0.1, 0.1))
    assert len(split.y_val) == 2
    result = tune_learning_rate(split, (0.1,), epochs=3)
    assert np.isfinite(result.best.val_standard_error)


# --- F. data sets --------------------------------------------------------------------------

@pytest.mark.parametrize("prices,error,part", [
    (10.0, ValueError, "prices must hold one price per food"),
    (None, ValueError, "prices must hold one price per food"),
    ((), ValueError, "prices must not be empty"),
    ((10.0, -3.0), ValueError, "every price in prices must be >= 0"),
    ((10.0, float("nan")), ValueError, "prices must contain only finite numbers"),
])
def test_lunch_prices(prices, error, part):
    _raises(error, part, call=lambda: D.lunch_meals(3, prices=prices))


def test_spiral_turns_have_a_maximum():
    _raises(ValueError, "turns must be <= 100", call=lambda: D.spirals(10, turns=1e308))
    X, _ = D.spirals(10, turns=D.MAX_SPIRAL_TURNS)
    assert np.isfinite(X).all()


@pytest.mark.parametrize("call,part", [
    (lambda: D.two_moons(1000, noise=1e308), "noise is too large"),
    (lambda: D.circles(1000, noise=1e308), "noise is too large"),
    (lambda: D.spirals(1000, noise=1e308), "noise is too large"),
    (lambda: D.gaussian_blobs(1000, spread=1e308), "spread or a centre is too large"),
])
def test_generated_points_that_overflow_are_refused(call, part):
    _raises(ValueError, "the points overflow", part, call=call)


def test_parity_has_a_maximum():
    _raises(ValueError, f"n_bits must be at most {D.MAX_PARITY_BITS}",
            call=lambda: D.parity(D.MAX_PARITY_BITS + 1))
    X, t = D.parity(D.MAX_PARITY_BITS)
    assert X.shape == (2 ** D.MAX_PARITY_BITS, D.MAX_PARITY_BITS)
    np.testing.assert_array_equal(t, X.sum(axis=1) % 2)


def test_read_csv_drops_a_byte_order_mark(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_text("a,b,y\n1,2,0\n3,4,1\n", encoding="utf-8-sig")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    X, y, names = D.read_csv(path, target="a")
    assert names == ["b", "y"]
    np.testing.assert_array_equal(y, [1.0, 3.0])


@pytest.mark.parametrize("content,target,error,parts", [
    ("é,y\n1,0\n".encode("latin-1"), None, ValueError, ("must be UTF-8 text",)),
    (b"a,a,y\n1,2,0\n", "a", ValueError, ("must name every column once", "['a']")),
    (b"a;b;y\n1;2;0\n", "y", ValueError, ("has no column 'y'", "another separator")),
    (b"a,y\n1,0\n", 1, TypeError, ("target must be a column name (str)",)),
    (b"a,y,\n1,0,\n", "y", ValueError, ("column 3 has no name (a trailing comma?)",)),
])
def test_read_csv_explains_bad_files(tmp_path, content, target, error, parts):
    path = tmp_path / "data.csv"
    path.write_bytes(content)
    _raises(error, *parts, call=lambda: D.read_csv(path, target=target))


def test_read_csv_wants_a_path():
    _raises(TypeError, "path must be a file name", call=lambda: D.read_csv(None))


@pytest.mark.parametrize("candidates,error,part", [
    (("relu", 0.2), TypeError, "but its entry 'relu' is not such a pair"),
    ("relu", TypeError, "candidates must be a sequence of (activation, learning rate) pairs"),
    ([("relu", 0.2, 3)], TypeError, "is not such a pair"),
    ([], ValueError, "candidates must hold at least one"),
    ([("relu", "0.2")], TypeError, "the learning rate of every candidate must be a number"),
    ([("relu", -1)], ValueError, "the learning rate of every candidate must be > 0"),
])
def test_recognise_digits_checks_candidates_before_training(candidates, error, part):
    _raises(error, part, call=lambda: recognise_digits(candidates=candidates))


def test_misclassified_wants_a_digit_run():
    _raises(TypeError, "run must be the DigitRun", call=lambda: misclassified(None))


# --- C. descend ----------------------------------------------------------------------------

@pytest.mark.parametrize("start,limit", [([1e7, 0.0], 1e6), ([2e6, 0.0], 1e6),
                                         ([0.0, -5.0], 1.0)])
def test_descend_refuses_a_start_outside_limit(start, limit):
    _raises(ValueError, "start must lie within limit", call=lambda: descend(
        round_bowl(), start, eta=0.5, limit=limit))


def test_descend_from_far_inside_limit_converges_and_is_not_called_diverged():
    path = descend(round_bowl(), [1e5, 0.0], eta=0.5, steps=50)
    assert not path.diverged
    assert path.errors[-1] < 1e-9 * path.errors[0]


def test_descend_refuses_a_start_whose_error_overflows():
    _raises(ValueError, "start must be a point whose error is a finite number",
            call=lambda: descend(round_bowl(), [1e200, 1e200], limit=1e300))


def test_descend_stops_when_the_error_overflows():
    path = descend(round_bowl(), [1.0, 1.0], eta=3.0, steps=1000, limit=1e300)
    assert path.diverged and "the error overflowed" in path.message
    assert np.isfinite(path.errors).all()


# --- G. the slowdown run -------------------------------------------------------------------

@pytest.mark.parametrize("epoch,error", [(-1, ValueError), (11, ValueError), (50, ValueError),
                                         (2.0, TypeError)])
def test_loss_fraction_left_checks_the_epoch(epoch, error):
    run = train_confidently_wrong("half_sse", epochs=10)
    _raises(error, "epoch must be a whole number from 0 to 10",
            call=lambda: run.loss_fraction_left(epoch))


def test_a_diverged_slowdown_run_says_so():
    run = train_confidently_wrong("binary_cross_entropy", eta=1e308, epochs=3)
    assert run.diverged and "diverged" in run.message
    calm = train_confidently_wrong("binary_cross_entropy", epochs=3)
    assert not calm.diverged and len(calm.outputs) == 4


# --- G. plotting ---------------------------------------------------------------------------

@pytest.fixture
def ax():
    fig, ax = plt.subplots()
    yield ax
    plt.close(fig)


P2 = np.array([[0.0, 0.0], [1.0, 1.0]])


@pytest.mark.parametrize("X,y,labels,part", [
    (P2, [0.3, 0.7], None, "y must hold class numbers 0, 1, 2, ..., but it contains 0.3"),
    (P2, [-1, 1], ["neg", "pos"], "y must hold class numbers 0, 1, 2, ..., but it contains -1"),
    (P2, [0, 1], ["a"], "labels must name every class 0..1 (2 names), but it has 1"),
    (P2[:, :1], [0, 1], None, "X must hold 2-D points, shape (n, 2)"),
    (P2, [0, 1, 1], None, "y must hold one label per point (2)"),
])
def test_plot_points_checks_its_input(ax, X, y, labels, part):
    _raises(ValueError, part, call=lambda: plot_points(ax, X, y, labels=labels))


@pytest.mark.parametrize("resolution,error", [(0, ValueError), (1, ValueError),
                                              (2.5, TypeError), (-3, ValueError)])
def test_decision_boundary_resolution(ax, resolution, error):
    _raises(error, "resolution must be an integer >= 2", call=lambda: plot_decision_boundary(
        ax, lambda G: G[:, 0], P2, [0, 1], resolution=resolution))


@pytest.mark.parametrize("kwargs,error,part", [
    (dict(X=P2[:, :1]), ValueError, "X must hold 2-D points"),
    (dict(predict=lambda G: np.where(G[:, 0] > 0.5, "a", "b")), TypeError,
     "what predict returns must be an array of numbers"),
    (dict(predict=lambda G: np.full(len(G), np.nan)), ValueError,
     "what predict returns must contain only finite numbers"),
    (dict(test=P2), TypeError, "test must be a pair (X_test, y_test)"),
    (dict(test=(P2[:, :1], [0, 1])), ValueError, "test X must hold 2-D points"),
])
def test_decision_boundary_checks_its_input(ax, kwargs, error, part):
    args = dict(predict=lambda G: G[:, 0], X=P2, y=[0, 1], resolution=5) | kwargs
    _raises(error, part, call=lambda: plot_decision_boundary(ax, **args))


@pytest.mark.parametrize("sizes,part", [
    (3, "layer_sizes must be a sequence of layer sizes"),
    ("21", "layer_sizes must be a sequence of layer sizes"),
    ((2.7, 1.2), "every entry of layer_sizes must be an integer >= 1"),
])
def test_draw_network_checks_layer_sizes(ax, sizes, part):
    _raises(TypeError, part, call=lambda: draw_network(ax, sizes))


# --- G. display ----------------------------------------------------------------------------

@pytest.mark.parametrize("headers,rows,digits,error,part", [
    (["a", "b"], [[1], [1, 2, 3]], 4, ValueError,
     "every row must have one cell per header (2), but row 0 has 1"),
    ("ab", [[1, 2]], 4, TypeError, "headers must be a list of cells, but it is 'ab'"),
    (["a"], ["xyz"], 4, TypeError, "row 0 of rows must be a list of cells"),
    (["a"], [[0.5]], -1, ValueError, "digits must be an integer >= 0, but it is -1"),
    (["a"], [[0.5]], 2.0, TypeError, "digits must be an integer >= 0"),
    ([], [], 4, ValueError, "headers must name at least one column"),
])
def test_table_checks_its_input(headers, rows, digits, error, part):
    _raises(error, part, call=lambda: table(headers, rows, digits=digits))


def test_table_escapes_pipes_and_formats_numpy_floats():
    text = table(["a", "b"], [["x|y", np.float32(0.123456789)]]).data
    assert text.splitlines()[2] == "| x\\|y | 0.1235 |"


def test_table_takes_rows_from_a_generator():
    assert table(["k"], ([k] for k in range(2))).data.splitlines()[2:] == ["| 0 |", "| 1 |"]


@pytest.mark.parametrize("obj,part", [
    (3, "it is 3 (int)"), (np.tanh, "(ufunc)"), ("sigmoid", "(str)"),
    (FeedForwardNetwork((2, 1)), "show_source(type(obj))"),
])
def test_show_source_explains_what_it_can_show(obj, part):
    _raises(TypeError, "obj must be a function, class, method or module written in Python",
            part, call=lambda: show_source(obj))


def test_plain_docstring_math_wants_text():
    _raises(TypeError, "text must be a str", call=lambda: plain_docstring_math(None))


# --- G. SliderFigure -----------------------------------------------------------------------

def _render(eta):
    fig, _ = plt.subplots(figsize=(1, 1))
    return fig


@pytest.mark.parametrize("kwargs,error,part", [
    (dict(sliders={"eta": 0.5}), TypeError, "sliders['eta'] must be a list of slider positions"),
    (dict(sliders={"eta": "abc"}), TypeError, "sliders['eta'] must be a list of slider positions"),
    (dict(sliders={1: [1, 2]}), TypeError, "every slider name must be a str"),
    (dict(sliders={"eta": [1, 1.0, 2]}), ValueError, "must not repeat a position"),
    (dict(labels=["a"]), TypeError, "labels must be a dict"),
    (dict(initial=[1]), TypeError, "initial must be a dict"),
    (dict(initial={"mu": 1}), ValueError, "initial must name sliders among ['eta'], but it has"),
    (dict(labels={"mu": "μ"}), ValueError, "labels must name sliders among ['eta']"),
])
def test_slider_figure_checks_its_arguments(kwargs, error, part):
    args = dict(sliders={"eta": [1, 2]}, code="{eta}", alt="x") | kwargs
    _raises(error, part, call=lambda: SliderFigure(_render, **args))


# --- B. the training explorer --------------------------------------------------------------

@pytest.fixture(scope="module")
def moons():
    return D.two_moons(60, seed=0)


@pytest.mark.parametrize("epochs", [0, -5])
def test_explorer_refuses_fewer_than_one_epoch(moons, epochs):
    X, y = moons
    explorer = training_explorer(X[:40], y[:40], X[40:], y[40:], epochs=5)
    _raises(ValueError, "epochs must be an integer >= 1", call=lambda: explorer(
        eta=0.5, epochs=epochs))
    _raises(ValueError, "epochs must be an integer >= 1", call=lambda: training_explorer(
        X[:40], y[:40], X[40:], y[40:], epochs=epochs))


@pytest.mark.parametrize("seed,flip", [(0, False), (1, True), (2, False)])
def test_explorer_title_shows_the_classifiers_test_accuracy(seed, flip):
    X, y = D.two_moons(60, seed=seed)
    y = 1 - y if flip else y
    explorer = training_explorer(X[:40], y[:40], X[40:], y[40:], epochs=20, seed=seed)
    title = explorer(eta=0.5).axes[0].get_title()
    clf = explorer.run(eta=0.5).classifier
    assert title == f"Decision boundary (test accuracy {clf.score(X[40:], y[40:]):.2f})"


def _strings(y):
    return np.where(y == 1, "a", "b")


@pytest.mark.parametrize("change,error,part", [
    (dict(y_train=lambda y: y + 1), ValueError,
     "y_train must hold the labels 0 and 1 (the explorer shades the probability of class 1), "
     "but it contains 2.0"),
    (dict(y_test=lambda y: y + 1), ValueError, "y_test must hold the labels 0 and 1"),
    (dict(y_train=lambda y: np.arange(len(y)) % 3), ValueError,
     "y_train must hold the labels 0 and 1"),
    (dict(y_train=_strings), TypeError, "y_train must hold the labels 0 and 1"),
    (dict(X_train=lambda X: np.c_[X, X[:, 0]]), ValueError,
     "X_train must hold 2-D points, shape (n, 2)"),
    (dict(X_test=lambda X: X[:, 0]), ValueError, "X_test must have 2 dimension(s)"),
    (dict(y_train=lambda y: y[:5]), ValueError, "y_train must hold one label per row of X_train"),
])
def test_explorer_checks_its_data(moons, change, error, part):
    X, y = moons
    data = dict(X_train=X[:40], y_train=y[:40], X_test=X[40:], y_test=y[40:])
    data = {k: change[k](v) if k in change else v for k, v in data.items()}
    _raises(error, part, call=lambda: training_explorer(**data, epochs=3))


@pytest.mark.parametrize("settings,error,part", [
    (dict(hidden_layer_sizes=30), TypeError, "write (30,) for one hidden layer"),
    (dict(resolution=1), ValueError, "resolution must be an integer >= 2"),
    (dict(title=None), TypeError, "title must be a str"),
])
def test_explorer_checks_its_settings(moons, settings, error, part):
    X, y = moons
    _raises(error, part, call=lambda: training_explorer(X[:40], y[:40], X[40:], y[40:],
                                                        **settings))


@pytest.mark.parametrize("call,part", [
    (lambda: round_bowl()([1e200, 1e200]), "w must lie where the error is a finite number"),
    (lambda: local_minimum().grad([1e150, 0.0]), "w must lie where the gradient is a finite"),
    (lambda: elongated_bowl(1e308).grad([1.0, 1e10]), "w must lie where the gradient is"),
    (lambda: elongated_bowl(1e308).grid(5), "the surface's extent must lie where the error"),
])
def test_error_surfaces_refuse_points_where_they_overflow(call, part):
    _raises(ValueError, part, "overflows there", call=call)


def test_plot_history_checks_its_input(ax):
    from ffnn_edu.nn.training import History
    _raises(TypeError, "history must be the History that train returns",
            call=lambda: plot_history({"train_loss": [1.0]}))
    _raises(ValueError, "history must record at least one epoch",
            call=lambda: plot_history(History()))
    with_accuracy = History(epoch=[0], train_loss=[1.0], train_accuracy=[0.5])
    _raises(ValueError, "axes must hold 2 panel(s)",
            call=lambda: plot_history(with_accuracy, axes=[ax]))


@pytest.mark.parametrize("kwargs,error,part", [
    (dict(fig=None), TypeError, "fig must be a matplotlib Figure"),
    (dict(colors=1000), ValueError, "colors must be at most 256"),
    (dict(colors=1), ValueError, "colors must be an integer >= 2"),
    (dict(dpi=0), ValueError, "dpi must be an integer >= 1"),
])
def test_figure_png_checks_its_arguments(kwargs, error, part):
    from matplotlib.figure import Figure

    from ffnn_edu.show.sliders import figure_png
    args = dict(fig=Figure(figsize=(1, 1))) | kwargs
    _raises(error, part, call=lambda: figure_png(**args))


def test_a_column_that_varies_only_by_rounding_is_not_blown_up():
    Z = Standardizer().fit_transform([[1.0], [1.0 + 2e-16]])
    assert np.abs(Z).max() < 1e-15
    Z = Standardizer().fit_transform([[1e6], [1e6 + 1e-6]])     # about 8600 ulps: real spread
    np.testing.assert_allclose(Z[:, 0], [-1.0, 1.0])


@pytest.mark.parametrize("function", ["train_confidently_wrong", "backprop_delta",
                                      "chain_rule_delta"])
def test_slowdown_functions_want_a_loss_for_a_sigmoid_neuron(function):
    from ffnn_edu.experiments import learning_slowdown
    call = getattr(learning_slowdown, function)
    args = () if function == "train_confidently_wrong" else (0.5, 1.0)
    _raises(ValueError, "loss must suit one sigmoid output neuron",
            "'categorical_cross_entropy' needs a softmax output",
            call=lambda: call("categorical_cross_entropy", *args))


@pytest.mark.parametrize("kwargs,error,part", [
    (dict(weight_labels=[1]), TypeError, "weight_labels must be a dict keyed by (layer, j, k)"),
    (dict(node_labels={0: "a"}), TypeError, "node_labels must be keyed by tuples"),
    (dict(fontsize=0), ValueError, "fontsize must be > 0"),
    (dict(min_dpi=-1), ValueError, "min_dpi must be > 0"),
    (dict(layer_names="ab"), TypeError, "layer_names must be a list of captions"),
    (dict(layer_names=3), TypeError, "layer_names must be a list of captions"),
    (dict(layer_names=["in"]), ValueError, "layer_names must have one name per layer (2)"),
])
def test_draw_network_checks_its_labels(ax, kwargs, error, part):
    _raises(error, part, call=lambda: draw_network(ax, (2, 1), **kwargs))


def test_cross_entropy_per_sample_wants_a_network():
    from ffnn_edu.experiments.tuning import cross_entropy_per_sample
    _raises(TypeError, "network must be a FeedForwardNetwork, but it is a str",
            call=lambda: cross_entropy_per_sample("net", [[1.0]], [0.0]))
