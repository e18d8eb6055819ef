"""The adversarial tester's inputs: each gets a clear error naming the argument, or a right answer.

Every case here once gave a silent NaN or infinity, a RuntimeWarning, a bare
error from deep inside numpy or Python, or a wrong verdict.
"""
import numpy as np
import pytest
from matplotlib.figure import Figure

from ffnn_edu import FeedForwardNetwork, NetworkClassifier
from ffnn_edu import gradient_check
from ffnn_edu.nn.activations import softmax
from ffnn_edu.experiments.batch_sizes import compare_batch_sizes, minibatch_gradient_cosines
from ffnn_edu.nn.datasets import gaussian_blobs, two_moons
from ffnn_edu.nn.delta_rule import delta_rule_update
from ffnn_edu.experiments.hidden_layers import train_many
from ffnn_edu.nn.logistic_neuron import logistic_neuron, logistic_rule_update
from ffnn_edu.nn.losses import get_loss
from ffnn_edu.experiments.multiclass import two_class_softmax
from ffnn_edu.nn.neuron import layer_logits, logit
from ffnn_edu.nn.perceptron import Perceptron
from ffnn_edu.nn.preprocessing import Standardizer, train_val_test_split
from ffnn_edu.show.sliders import SliderFigure
from ffnn_edu.nn.validation import NotFittedError, as_array, check_count, check_seed

X4 = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR = np.array([0, 1, 1, 0])


def _raises(error, name, call):
    """``call()`` raises ``error`` and the message starts with, or names, ``name``."""
    with pytest.raises(error) as info:
        call()
    assert name in str(info.value), str(info.value)
    return str(info.value)


# --- the network's constructor and set_weights -------------------------------------------

@pytest.mark.parametrize("kwargs,error", [
    (dict(weight_scale=float("nan")), ValueError),
    (dict(weight_scale=float("inf")), ValueError),
    (dict(weight_scale=-1), ValueError),
    (dict(weight_scale="1"), TypeError),
])
def test_weight_scale_must_be_a_finite_non_negative_number(kwargs, error):
    _raises(error, "weight_scale", lambda: FeedForwardNetwork((2, 2, 1), **kwargs))


def test_weight_scale_zero_is_still_allowed():
    assert not FeedForwardNetwork((2, 2, 1), weight_scale=0.0).weights[0].any()


@pytest.mark.parametrize("activation", [None, 3, {"sigmoid"}])
def test_activation_of_the_wrong_type(activation):
    _raises(TypeError, "activation", lambda: FeedForwardNetwork((2, 2, 1), activation))


@pytest.mark.parametrize("sizes", [3, None, "21", 2.0])
def test_layer_sizes_that_are_not_a_sequence(sizes):
    _raises(TypeError, "layer_sizes", lambda: FeedForwardNetwork(sizes))


def test_layer_sizes_with_a_float_entry_is_a_type_error():
    _raises(TypeError, "every entry of layer_sizes", lambda: FeedForwardNetwork((2, 2.0, 1)))


@pytest.mark.parametrize("weights", [5, None, np.zeros((2, 1))])
def test_set_weights_needs_a_list_of_arrays(weights):
    _raises(TypeError, "weights", lambda: FeedForwardNetwork((2, 1)).set_weights(weights))


def test_set_weights_biases_must_be_a_list():
    net = FeedForwardNetwork((2, 1))
    _raises(TypeError, "biases", lambda: net.set_weights([np.zeros((2, 1))], 0.0))


@pytest.mark.parametrize("seed,error", [(-1, ValueError), (1.5, TypeError), ("a", TypeError),
                                        (True, TypeError)])
def test_bad_seeds_are_refused_by_name_everywhere(seed, error):
    for call in (lambda: FeedForwardNetwork((2, 2, 1), seed=seed),
                 lambda: NetworkClassifier(epochs=1, seed=seed).fit(X4, XOR),
                 lambda: train_val_test_split(X4, XOR, seed=seed),
                 lambda: two_moons(20, seed=seed),
                 lambda: check_seed(seed)):
        _raises(error, "seed must be a whole number >= 0", call)


def test_seed_none_means_an_unrepeatable_start():
    assert check_seed(None) is None
    FeedForwardNetwork((2, 1), seed=None)


def test_a_softmax_output_needs_at_least_two_neurons():
    message = _raises(ValueError, "softmax output layer needs at least 2 neurons",
                      lambda: FeedForwardNetwork((2, 3, 1), ["sigmoid", "softmax"]))
    assert "layer_sizes" in message
    _raises(ValueError, "softmax", lambda: FeedForwardNetwork((2, 1), "softmax"))
    FeedForwardNetwork((2, 3, 2), ["sigmoid", "softmax"])   # two classes are fine


# --- complex numbers ----------------------------------------------------------------------

@pytest.mark.parametrize("bad", [np.array([[1 + 5j, 1]]), np.array([[1 + 0j, 1]]),
                                 [[1 + 2j, 1]], [np.complex128(1), 1.0]])
def test_complex_numbers_are_refused_not_cut_to_their_real_part(bad):
    _raises(TypeError, "X must hold real numbers", lambda: as_array(bad, "X"))
    _raises(TypeError, "X must hold real numbers",
            lambda: FeedForwardNetwork((2, 1)).forward(bad))


def test_complex_targets_and_labels_are_refused():
    net = FeedForwardNetwork((2, 1))
    _raises(TypeError, "T must hold real numbers",
            lambda: net.backprop(X4, np.array([0, 1j, 1, 0])))
    _raises(TypeError, "y must hold real numbers",
            lambda: NetworkClassifier(epochs=1).fit(X4, [1j, 0, 0, 1j]))


# --- huge finite values: computed stably, or refused with a clear error ------------------

def test_standardizer_handles_values_near_the_largest_float():
    Z = Standardizer().fit_transform([[1e308], [-1e308]])
    assert np.array_equal(Z, [[1.0], [-1.0]])
    s = Standardizer().fit([[1e308, 1.0], [1e308, 3.0]])
    assert np.array_equal(s.mean_, [1e308, 2.0]) and np.array_equal(s.scale_, [1.0, 1.0])


def test_standardizer_refuses_a_transform_that_overflows():
    s = Standardizer().fit([[0.0], [1e-300]])
    _raises(ValueError, "X lies too far from the mean", lambda: s.transform([[1e300]]))


def test_softmax_of_logits_far_apart():
    assert np.array_equal(softmax([[1e308, -1e308]]), [[1.0, 0.0]])
    net = FeedForwardNetwork((1, 2), "softmax", bias=False)
    net.set_weights([[[1e308, -1e308]]])
    assert np.array_equal(net.forward([[1.0]]), [[1.0, 0.0]])


def _ones(sizes):
    net = FeedForwardNetwork(sizes, "linear", bias=False)
    net.set_weights([np.ones(w.shape) for w in net.weights])
    return net


@pytest.mark.parametrize("call,name", [
    (lambda: logit([1e308, 1e308], [1e308, 1e308]), "x and w"),
    (lambda: layer_logits([1e308, 1e308], [[1e308], [1e308]]), "x and W"),
    (lambda: logistic_neuron([[1e308, 1e308]], [1e308, 1e308]), "x and w"),
    (lambda: delta_rule_update([[1, 2]], [1], [1, 2], 1e308), "eta"),
    (lambda: get_loss("mse")([1e200], [-1e200]), "y and t"),
    (lambda: two_class_softmax([1e308], [-1e308]), "z0 and z1"),
    (lambda: get_loss("half_sse").derivative([1e308], [-1e308]), "y and t"),
    (lambda: _ones((2, 2, 1)).forward([[1e308, 1e308]]), "X"),
    (lambda: _ones((2, 2, 1)).backprop([[1e308, 1e308]], [1.0]), "X"),
    (lambda: FeedForwardNetwork((2, 2, 1), weight_scale=1e200, seed=1).forward(X4 * 1e200),
     "X or the weights"),
])
def test_an_overflow_is_refused_with_the_arguments_named(call, name):
    message = _raises(ValueError, name, call)
    assert "1.8e308" in message


def test_mse_classifier_probabilities_sum_to_one_even_where_every_sigmoid_is_0():
    clf = NetworkClassifier(epochs=2, activation="relu", loss="mse").fit(X4, [0, 1, 2, 0])
    P = clf.predict_proba([[1e5, -1e5], [-1e5, 1e5], [3e3, 1.0]])
    assert np.allclose(P.sum(axis=1), 1.0) and (P >= 0).all()
    _raises(ValueError, "X or the weights are too large",
            lambda: clf.predict_proba([[1e308, -1e308]]))


# --- gradient check -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def report():
    rng = np.random.default_rng(0)
    net = FeedForwardNetwork((3, 4, 2), seed=0)
    return gradient_check(net, rng.normal(size=(5, 3)), rng.uniform(size=(5, 2)))


@pytest.mark.parametrize("tolerance,error", [
    (float("nan"), ValueError), (float("inf"), ValueError), (-1, ValueError), (0, ValueError),
    (10, ValueError), (0.5, ValueError), ("x", TypeError), (None, TypeError)])
def test_tolerance_must_be_a_small_positive_relative_error(report, tolerance, error):
    message = _raises(error, "tolerance", lambda: report.passed(tolerance))
    if tolerance in (10, 0.5):
        assert "(0, 0.01]" in message and "factor of 2" in message
    _raises(error, "tolerance", lambda: report.mismatches(tolerance))


def test_a_corrupted_gradient_fails_at_every_allowed_tolerance(report):
    saved = [g.copy() for g in report.backprop]
    report.backprop[0][...] *= 2
    try:
        assert not report.passed() and not report.passed(1e-2)
    finally:
        for g, s in zip(report.backprop, saved):
            g[...] = s
    assert report.passed()


@pytest.mark.parametrize("eps,error", [(1.0, ValueError), (0.1, ValueError),
                                       (1e300, ValueError), (1e-300, ValueError),
                                       ("a", TypeError)])
def test_eps_is_bounded(eps, error):
    net = FeedForwardNetwork((2, 1))
    message = _raises(error, "eps", lambda: gradient_check(net, X4, XOR, eps=eps))
    if error is ValueError:
        assert "between 1e-10 and 0.01" in message


@pytest.mark.parametrize("n,error", [(-1, ValueError), (0, ValueError), ("a", TypeError),
                                     (2.0, TypeError)])
def test_n_is_checked_with_or_without_a_regularizer(n, error):
    _raises(error, "n must be an integer >= 1",
            lambda: gradient_check(FeedForwardNetwork((2, 1)), X4, XOR, n=n))


@pytest.mark.parametrize("kwargs,name", [(dict(network=None), "network"),
                                         (dict(regularizer="l2"), "regularizer")])
def test_gradient_check_arguments_of_the_wrong_type(kwargs, name):
    arguments = dict(network=FeedForwardNetwork((2, 1)), X=X4, T=XOR) | kwargs
    _raises(TypeError, f"{name} must be a", lambda: gradient_check(**arguments))


def _dead_relu():
    net = FeedForwardNetwork((2, 1), "relu")
    net.set_weights([[[-5.0], [-5.0]]], [[-5.0]])
    return gradient_check(net, X4 + 1, XOR)


@pytest.mark.parametrize("make", [
    _dead_relu,
    lambda: gradient_check(FeedForwardNetwork((2, 1), bias=False), [[0.0, 0.0]], [0.5]),
    lambda: gradient_check(FeedForwardNetwork((2, 1), "step"), X4, XOR),
], ids=["dead ReLU", "all-zero input", "step activation"])
def test_nothing_checkable_is_said_not_called_agreement(make):
    report = make()
    text = str(report)
    assert report.checkable() == 0
    assert "nothing could be checked" in text
    assert "agree" not in text


def test_a_relu_at_its_kink_is_reported_as_not_differentiable():
    net = FeedForwardNetwork((2, 1), "relu")
    net.set_weights([[[1.0], [1.0]]], [[0.0]])
    report = gradient_check(net, [[0.0, 0.0]], [1.0])
    text = str(report)
    assert report.not_differentiable() == 1 and report.kinks[1][0]
    assert "not differentiable here" in text and "DISAGREE" not in text


def test_a_relu_away_from_its_kink_is_checked_and_agrees():
    net = FeedForwardNetwork((2, 3, 1), ["relu", "sigmoid"], seed=3)
    report = gradient_check(net, np.random.default_rng(1).normal(size=(6, 2)),
                            np.random.default_rng(2).uniform(size=6))
    assert report.passed() and report.not_differentiable() == 0
    assert report.checkable() > 0


def test_the_report_says_how_many_entries_it_checked():
    net = FeedForwardNetwork((1, 1, 1), seed=0)
    net.set_weights([[[30.0]], [[1.0]]], [[0.0], [0.0]])
    text = str(gradient_check(net, [[1.0]], [[1.0]]))
    assert "2 of the 4 entries could be checked" in text


# --- the classifier ----------------------------------------------------------------------

@pytest.mark.parametrize("data,error", [(X4, TypeError), ((X4,), TypeError),
                                        ((X4, XOR, XOR), TypeError), ("data", TypeError)])
def test_validation_data_must_be_a_pair(data, error):
    _raises(error, "validation_data must be a pair",
            lambda: NetworkClassifier(epochs=1).fit(X4, XOR, validation_data=data))


@pytest.mark.parametrize("y", [[1, "a", "a", 1], [1.5, "a", "a", 1.5], [None, 1, 1, None]])
def test_labels_of_mixed_kinds_are_refused(y):
    _raises(TypeError, "y must hold labels of one kind",
            lambda: NetworkClassifier(epochs=1).fit(X4, y))


def test_labels_of_one_kind_still_work():
    clf = NetworkClassifier(epochs=1).fit(X4, np.array(["a", "b", "b", "a"]))
    assert list(clf.classes_) == ["a", "b"]


def test_hidden_layer_sizes_may_be_one_int():
    clf = NetworkClassifier(5, epochs=1).fit(X4, XOR)
    assert clf.network_.layer_sizes == (2, 5, 1)


@pytest.mark.parametrize("sizes,error", [(None, TypeError), ("5", TypeError),
                                         (2.5, TypeError), ((0,), ValueError)])
def test_bad_hidden_layer_sizes(sizes, error):
    _raises(error, "hidden_layer_sizes",
            lambda: NetworkClassifier(sizes, epochs=1).fit(X4, XOR))


# --- models used before fit, labels outside their range ---------------------------------

def test_perceptron_and_standardizer_before_fit():
    message = _raises(NotFittedError, "Perceptron is not fitted",
                      lambda: Perceptron().predict(X4))
    assert "fit(X, t)" in message
    _raises(NotFittedError, "Standardizer is not fitted",
            lambda: Standardizer().transform([[1.0, 2.0]]))
    _raises(NotFittedError, "Perceptron is not fitted", lambda: Perceptron().score(X4, XOR))


def test_perceptron_score_needs_0_1_labels_one_per_row():
    p = Perceptron().fit(X4, [0, 1, 1, 1])
    _raises(ValueError, "t must contain only the labels 0 and 1", lambda: p.score(X4, [0, 5, 1, 1]))
    _raises(ValueError, "X and t must have the same number of rows", lambda: p.score(X4, [0, 1]))
    assert p.score(X4, [0, 1, 1, 1]) == 1.0


@pytest.mark.parametrize("t", [[2.0], [-0.5], 1.5])
def test_logistic_rule_targets_lie_in_0_1(t):
    _raises(ValueError, "t must lie in [0, 1]",
            lambda: logistic_rule_update([[1.0, 2.0]], t, [1.0, 2.0], 0.1))


def test_gaussian_blobs_needs_centres():
    _raises(ValueError, "centers", lambda: gaussian_blobs(centers=()))
    _raises(ValueError, "centers must hold one (x, y) pair", lambda: gaussian_blobs(
        centers=((0, 0, 0), (1, 1, 1))))


@pytest.mark.parametrize("value,error", [(None, TypeError), ("10", TypeError),
                                         (2.0, TypeError), (True, TypeError),
                                         (0, ValueError), (-3, ValueError)])
def test_check_count_tells_a_wrong_type_from_a_wrong_value(value, error):
    _raises(error, "epochs must be an integer >= 1", lambda: check_count(value, "epochs"))


# --- slider figures -----------------------------------------------------------------------

def _render(a):
    return Figure(figsize=(1, 1))


def _slider(**changes):
    arguments = dict(sliders={"a": [1, 2]}, code="a={a}", alt="x") | changes
    return SliderFigure(_render, **arguments)


@pytest.mark.parametrize("changes,error,name", [
    (dict(alt=None), TypeError, "alt"),
    (dict(alt=5), TypeError, "alt"),
    (dict(dpi=0), ValueError, "dpi"),
    (dict(dpi="a"), TypeError, "dpi"),
    (dict(density=2.7), TypeError, "density"),
    (dict(density=0), ValueError, "density"),
    (dict(code="{a.foo}"), ValueError, "code"),
    (dict(code="{a:q}"), ValueError, "code"),
    (dict(sliders=[1, 2]), TypeError, "sliders"),
])
def test_slider_figure_arguments(changes, error, name):
    _raises(error, name, lambda: _slider(**changes))


def test_slider_figure_frames_and_render():
    figure = _slider()
    _raises(ValueError, "a=5 is not one of the positions", lambda: figure.frame(a=5))
    _raises(ValueError, "missing a", lambda: figure.frame())
    _raises(ValueError, "unknown b", lambda: figure.frame(a=1, b=2))
    assert figure.frame(a=1)[:4] == b"\x89PNG"
    nothing = SliderFigure(lambda a: None, {"a": [1]}, code="{a}", alt="x")
    _raises(TypeError, "render must return a matplotlib Figure", nothing.static_html)
    _raises(TypeError, "render must be a function",
            lambda: SliderFigure(5, {"a": [1]}, code="{a}", alt="x"))


# --- train: every argument checked before the first epoch (found by the adversarial tester) ---

@pytest.mark.parametrize("kwargs, error, name", [
    (dict(optimizer="sgd"), TypeError, "optimizer"),
    (dict(regularizer="l2"), TypeError, "regularizer"),
    (dict(validation=("X only",)), TypeError, "validation"),
    (dict(divergence_factor="x"), TypeError, "divergence_factor"),
    (dict(callback=5), TypeError, "callback"),
    (dict(seed=-1), ValueError, "seed"),
    (dict(seed=1.5), TypeError, "seed"),
])
def test_train_names_each_bad_argument(kwargs, error, name):
    from ffnn_edu import FeedForwardNetwork, train
    from ffnn_edu.nn.datasets import xor
    X, T = xor()
    net = FeedForwardNetwork((2, 2, 1), seed=0)
    before = [p.copy() for p in net.parameters()]
    with pytest.raises(error, match=name):
        train(net, X, T, epochs=2, **kwargs)
    assert all(np.array_equal(p, q) for p, q in zip(before, net.parameters()))   # untouched


def test_train_refuses_a_network_that_is_not_one():
    from ffnn_edu import train
    from ffnn_edu.nn.datasets import xor
    with pytest.raises(TypeError, match="network"):
        train(None, *xor())


def test_train_refuses_a_loss_the_output_layer_cannot_pair_with():
    from ffnn_edu import FeedForwardNetwork, train
    from ffnn_edu.nn.datasets import xor
    with pytest.raises(ValueError, match="output layer is linear"):
        train(FeedForwardNetwork((2, 1), "linear"), *xor(), loss="binary_cross_entropy")


def test_train_refuses_data_whose_loss_overflows_before_training():
    from ffnn_edu import FeedForwardNetwork, train
    with pytest.raises(ValueError, match="X and T"):
        train(FeedForwardNetwork((1, 1), "linear"), np.array([[1e300]]), np.array([1e300]))


@pytest.mark.parametrize("call", [
    lambda X, T: compare_batch_sizes(X, T, updates=2, seeds=(0,)),
    lambda X, T: minibatch_gradient_cosines(FeedForwardNetwork((2, 8, 1), seed=1), X, T, 2,
                                            draws=1),
    lambda X, T: train_many((2, 2, 1), X, T, loss="binary_cross_entropy", epochs=1, seeds=(0,)),
], ids=["compare_batch_sizes", "minibatch_gradient_cosines", "train_many"])
def test_experiments_name_bad_targets_T_as_their_argument(call):
    """Every experiment checks its data with the network's ``check_data``: labels other than 0
    and 1 for a cross-entropy are refused under the argument's name ``T``
    (minibatch_gradient_cosines used to take them, the others called them ``t``)."""
    X = np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]])
    with pytest.raises(ValueError, match=r"^T must contain only the labels 0 and 1, but it "
                                         r"contains 2\.0"):
        call(X, [0.0, 1.0, 2.0, 1.0])
