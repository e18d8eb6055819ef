"""Softmax outputs, categorical cross-entropy, and losses computed from the logits."""
import numpy as np
import pytest

from ffnn_edu import FeedForwardNetwork
from ffnn_edu.nn.activations import get_activation, softmax
from ffnn_edu.nn.gradient_check import numerical_gradient
from ffnn_edu.nn.losses import binary_cross_entropy, categorical_cross_entropy, get_loss


def _one_layer(activation, weights):
    w = np.atleast_2d(np.asarray(weights, dtype=float))
    net = FeedForwardNetwork((1, w.shape[1]), activation, bias=False)
    net.set_weights([w])
    return net


@pytest.mark.parametrize("z,t,delta,loss", [
    (40.0, 0.0, 1.0, 40.0),          # today's clipped loss would be 34.54 and delta 0
    (-40.0, 1.0, -1.0, 40.0),
    (1000.0, 0.0, 1.0, 1000.0),
    (-1000.0, 1.0, -1.0, 1000.0),
    (1000.0, 1.0, 0.0, 0.0),
    (0.0, 1.0, -0.5, np.log(2.0)),
])
def test_sigmoid_with_binary_cross_entropy_is_exact_for_large_logits(z, t, delta, loss):
    net = _one_layer("sigmoid", [[z]])
    grads = net.backprop([[1.0]], [[t]], "binary_cross_entropy")
    assert grads.deltas[-1][0, 0] == delta
    assert grads.loss == pytest.approx(loss, rel=1e-15, abs=1e-300)
    assert grads.weights[0][0, 0] == delta


def test_binary_mean_convention_is_over_every_entry():
    net = FeedForwardNetwork((1, 2), "sigmoid", bias=False)
    net.set_weights([[[40.0, -40.0]]])
    X, T = np.ones((3, 1)), np.zeros((3, 2))
    grads = net.backprop(X, T, "binary_cross_entropy")
    assert grads.deltas[-1] == pytest.approx(np.tile([[1.0, 0.0]], (3, 1)) / 6, abs=1e-17)
    assert grads.loss == pytest.approx((40.0 + np.log1p(np.exp(-40.0))) / 2, rel=1e-15)


def test_softmax_with_categorical_cross_entropy_is_exact_for_large_logits():
    net = _one_layer("softmax", [[1000.0, 0.0, -1000.0]])
    grads = net.backprop([[1.0], [1.0]], [[0.0, 0.0, 1.0], [1.0, 0.0, 0.0]],
                         "categorical_cross_entropy")
    assert grads.deltas[-1] == pytest.approx(np.array([[1.0, 0.0, -1.0], [0.0, 0.0, 0.0]]) / 2)
    assert grads.loss == pytest.approx(1000.0, rel=1e-15)    # (2000 + 0) / 2 samples


def test_losses_from_logits_equal_losses_of_probabilities_where_nothing_saturates():
    rng = np.random.default_rng(3)
    z = rng.normal(size=(6, 4))
    t = rng.dirichlet(np.ones(4), size=6)
    assert categorical_cross_entropy.value_from_logits(z, t) == pytest.approx(
        categorical_cross_entropy(softmax(z), t), rel=1e-12)
    labels = rng.integers(0, 2, size=(6, 4)).astype(float)
    y = 1.0 / (1.0 + np.exp(-z))
    assert binary_cross_entropy.value_from_logits(z, labels) == pytest.approx(
        binary_cross_entropy(y, labels), rel=1e-12)


def test_categorical_cross_entropy_on_probabilities_is_the_mean_over_samples():
    y = np.array([[0.7, 0.2, 0.1], [0.1, 0.1, 0.8]])
    t = np.array([[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]])
    assert categorical_cross_entropy(y, t) == pytest.approx(-(np.log(0.7) + np.log(0.8)) / 2)
    assert categorical_cross_entropy.derivative(y, t)[0, 0] == pytest.approx(-1 / 0.7 / 2)


def test_softmax_rows_are_probabilities_and_shift_invariant():
    z = np.array([[1.0, 2.0, 3.0], [1001.0, 1002.0, 1003.0], [-1e3, 0.0, 1e3]])
    y = softmax(z)
    assert y.sum(axis=1) == pytest.approx(np.ones(3), abs=1e-15)
    assert y[0] == pytest.approx(y[1], rel=1e-14)
    assert y[0] == pytest.approx(np.exp([1, 2, 3]) / np.exp([1, 2, 3]).sum(), rel=1e-15)


def test_softmax_network_gradient_is_the_jacobian_product():
    # delta = y - t must equal dE/dy (as a Jacobian product through softmax)
    rng = np.random.default_rng(4)
    net = FeedForwardNetwork((3, 4), "softmax", seed=4)
    X, T = rng.normal(size=(5, 3)), np.eye(4)[rng.integers(0, 4, size=5)]
    grads = net.backprop(X, T, "categorical_cross_entropy")
    Z = X @ net.weights[0] + net.biases[0]
    numeric = numerical_gradient(lambda: categorical_cross_entropy(softmax(Z), T), [Z])[0]
    assert grads.deltas[-1] == pytest.approx(numeric, abs=1e-9)


def test_softmax_needs_categorical_cross_entropy_and_the_output_layer():
    net = FeedForwardNetwork((2, 3), "softmax")
    for loss in ("mse", "half_sse", "binary_cross_entropy"):
        with pytest.raises(ValueError, match="softmax output layer needs the loss"):
            net.backprop([[0.0, 1.0]], [[0.0, 1.0, 0.0]], loss)
    with pytest.raises(ValueError, match="only be used in the output layer"):
        FeedForwardNetwork((2, 3, 3), ["softmax", "softmax"])
    with pytest.raises(ValueError, match="no elementwise slope"):
        get_activation("softmax").derivative([0.0, 1.0])


def test_categorical_targets_must_be_probability_rows():
    with pytest.raises(ValueError, match="row 1 sums to 2"):
        categorical_cross_entropy([[0.5, 0.5], [0.5, 0.5]], [[1.0, 0.0], [1.0, 1.0]])
    with pytest.raises(ValueError, match="non-negative"):
        get_loss("categorical_cross_entropy").check_targets([[-0.5, 1.5]])


def test_training_a_softmax_output_with_another_loss_is_refused_by_name():
    from ffnn_edu import train
    X, T = np.array([[0.0, 1.0], [1.0, 0.0]]), np.eye(2)
    with pytest.raises(ValueError, match="softmax output layer needs .*categorical_cross_entropy"):
        train(FeedForwardNetwork((2, 2), "softmax"), X, T, loss="mse", epochs=1)


@pytest.mark.parametrize("output,loss,ok", [
    ("sigmoid", "binary_cross_entropy", True),
    ("softmax", "categorical_cross_entropy", True),
    ("sigmoid", "categorical_cross_entropy", False),    # outputs need not sum to 1: softmax only
    ("linear", "binary_cross_entropy", False),
    ("tanh", "categorical_cross_entropy", False),
    ("softmax", "half_sse", False),
    ("relu", "mse", True),
])
def test_check_loss_says_which_output_layer_a_loss_needs(output, loss, ok):
    net = FeedForwardNetwork((2, 2), output)
    if ok:
        assert net.check_loss(loss).name == loss
    else:
        with pytest.raises(ValueError, match=f"{output} output layer|output layer is {output}"):
            net.check_loss(loss)
