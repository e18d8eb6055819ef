"""The backward pass computes the book's formulas: slopes from the outputs, no loss value."""
import numpy as np
import pytest

from ffnn_edu import FeedForwardNetwork
from ffnn_edu.nn.activations import ACTIVATIONS, get_activation, sigmoid_kernel
from ffnn_edu.nn.losses import Loss, half_sse

ELEMENTWISE = sorted(name for name, act in ACTIVATIONS.items() if act.elementwise)


def _reference_sigmoid(z):
    small = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + small), small / (1.0 + small))


def test_sigmoid_in_one_stable_pass_matches_the_two_branch_form():
    z = np.r_[np.linspace(-50, 50, 200_001), -1e3, 1e3, -1e300, 1e300, 0.0]
    y = sigmoid_kernel(z)             # no warning: pytest turns warnings into errors
    assert np.abs(y - _reference_sigmoid(z)).max() <= 2.3e-16
    assert y[-5:].tolist() == [0.0, 1.0, 0.0, 1.0, 0.5]
    assert ((y >= 0) & (y <= 1)).all()


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_slope_from_the_output_is_the_derivative(name):
    act = get_activation(name)
    z = np.linspace(-4, 4, 81) + 0.013
    assert act.derivative(y=act(z)) == pytest.approx(act.derivative(z), rel=1e-14, abs=1e-15)


@pytest.mark.parametrize("name,y,slope", [
    ("sigmoid", [0.2, 0.5], [0.16, 0.25]),
    ("tanh", [-0.5, 0.9], [0.75, 0.19]),
    ("linear", [-3.0, 7.0], [1.0, 1.0]),
    ("relu", [0.0, 2.0], [0.0, 1.0]),
    ("step", [0.0, 1.0], [0.0, 0.0]),
])
def test_the_book_formulas_for_the_slope(name, y, slope):
    assert get_activation(name).derivative(y=y) == pytest.approx(slope, abs=1e-15)


@pytest.mark.parametrize("hidden", ELEMENTWISE)
def test_backward_pass_never_reads_the_hidden_logits(hidden):
    net = FeedForwardNetwork((3, 5, 4, 2), [hidden, hidden, "sigmoid"], seed=3)
    rng = np.random.default_rng(3)
    X, T = rng.normal(size=(6, 3)), rng.normal(size=(6, 2))
    passed = net.run_forward(X)
    expected = net.run_backward(passed, T, half_sse).as_list()
    for Z in passed.logits:
        Z[...] = np.nan        # slopes come from the outputs, not from here
    got = net.run_backward(passed, T, half_sse).as_list()
    for g, e in zip(got, expected):
        assert np.array_equal(g, e)


def test_run_backward_does_not_compute_the_loss_until_asked():
    calls = []

    def value(y, t):
        calls.append(1)
        return half_sse.value(y, t)

    counting = Loss("counting", value, half_sse.gradient)
    net = FeedForwardNetwork((2, 3, 1), seed=0)
    X, T = np.array([[0.5, -1.0], [1.0, 2.0]]), np.array([[1.0], [0.0]])
    grads = net.run_backward(net.run_forward(X), T, counting)
    assert calls == []
    assert grads.loss == pytest.approx(half_sse(net.forward(X), T), rel=1e-15)
    assert grads.loss == grads.loss and calls == [1]      # computed once, then kept


def test_dropout_slopes_use_the_outputs_before_the_mask():
    net = FeedForwardNetwork((3, 6, 2), "sigmoid", seed=5)
    X = np.random.default_rng(5).normal(size=(4, 3))
    passed = net.run_forward_with_dropout(X, 0.5, np.random.default_rng(9))
    assert passed.masks[0] is not None and passed.masks[1] is None
    assert np.array_equal(passed.activations[1], passed.outputs[0] * passed.masks[0])
    assert passed.outputs[1] is passed.activations[2]
    plain = net.run_forward(X)
    assert passed.outputs[0] == pytest.approx(plain.outputs[0], rel=0, abs=0)
