"""Backpropagation against central finite differences.

Every activation x every loss x {bias, no bias} x {no penalty, L1, L2}, each on several
randomly drawn architectures (seeded), must agree to a relative error below 1e-7.
"""
import itertools

import numpy as np
import pytest

from ffnn_edu import FeedForwardNetwork
from ffnn_edu import gradient_check
from ffnn_edu.nn.activations import ACTIVATIONS, get_activation
from ffnn_edu.nn.gradient_check import numerical_gradient, relative_error
from ffnn_edu.nn.losses import LOSSES
from ffnn_edu.nn.regularization import Regularizer

ACTIVATION_NAMES = sorted(name for name, act in ACTIVATIONS.items() if act.elementwise)
# the output activation each loss is tested with; None: the hidden activation
OUTPUTS = {"binary_cross_entropy": "sigmoid", "categorical_cross_entropy": "softmax"}
PENALTIES = [None, Regularizer("l1", 0.3), Regularizer("l2", 0.3)]


def _random_case(seed, hidden_activation, loss_name, bias):
    rng = np.random.default_rng(seed)
    sizes = [int(rng.integers(1, 5)) for _ in range(int(rng.integers(2, 5)))]
    # the cross-entropies need probabilities: their canonical output layer
    output = OUTPUTS.get(loss_name, hidden_activation)
    if output == "softmax":   # one softmax output is always 1: at least two classes
        sizes[-1] = max(sizes[-1], 2)
    activations = [hidden_activation] * (len(sizes) - 2) + [output]
    net = FeedForwardNetwork(sizes, activations, bias=bias, seed=seed)
    if bias:
        net.set_weights(net.weights, [rng.normal(0, 0.5, b.shape) for b in net.biases])
    n = int(rng.integers(1, 6))
    X = rng.normal(size=(n, sizes[0]))
    if loss_name == "binary_cross_entropy":
        T = rng.integers(0, 2, size=(n, sizes[-1])).astype(float)
    elif loss_name == "categorical_cross_entropy":  # one-hot rows and probability rows
        T = rng.dirichlet(np.ones(sizes[-1]), size=n)
        T[::2] = np.eye(sizes[-1])[rng.integers(0, sizes[-1], size=len(T[::2]))]
    else:
        T = rng.normal(size=(n, sizes[-1]))
    return net, X, T


@pytest.mark.parametrize("activation", ACTIVATION_NAMES)
@pytest.mark.parametrize("loss_name", sorted(LOSSES))
@pytest.mark.parametrize("bias", [True, False])
@pytest.mark.parametrize("penalty", PENALTIES, ids=["none", "l1", "l2"])
def test_backprop_matches_finite_differences(activation, loss_name, bias, penalty):
    for seed in range(4):
        net, X, T = _random_case(seed, activation, loss_name, bias)
        report = gradient_check(net, X, T, loss_name, regularizer=penalty, n=7)
        assert report.max_relative_error < 1e-7, (seed, str(report))
        assert len(report.backprop) == len(net.parameters())
        for g, p in zip(report.backprop, net.parameters()):
            assert g.shape == p.shape


@pytest.mark.parametrize("name", ACTIVATION_NAMES)
def test_activation_derivatives_match_finite_differences(name):
    act = get_activation(name)
    z = np.linspace(-4, 4, 81) + 0.013          # avoid the kinks of step and ReLU at 0
    numeric = (act(z + 1e-6) - act(z - 1e-6)) / 2e-6
    assert act.derivative(z) == pytest.approx(numeric, abs=1e-7)


@pytest.mark.parametrize("name", sorted(LOSSES))
def test_loss_derivatives_match_finite_differences(name):
    loss = LOSSES[name]
    rng = np.random.default_rng(1)
    y = rng.uniform(0.05, 0.95, size=(4, 3))
    t = rng.integers(0, 2, size=(4, 3)).astype(float)
    if name == "categorical_cross_entropy":
        t = rng.dirichlet(np.ones(3), size=4)
    numeric = numerical_gradient(lambda: loss(y, t), [y])[0]
    assert loss.derivative(y, t) == pytest.approx(numeric, rel=1e-6, abs=1e-9)


def test_step_network_has_zero_gradient_everywhere():
    net = FeedForwardNetwork((2, 3, 1), "step", seed=0)
    grads = net.backprop([[0.3, -0.2], [1.0, 2.0]], [[1.0], [0.0]])
    assert all(not g.any() for g in grads.as_list())


def test_gradient_check_report_detects_a_wrong_gradient():
    net = FeedForwardNetwork((2, 2, 1), seed=0)
    X, T = np.array([[0.5, -1.0]]), np.array([[1.0]])
    report = gradient_check(net, X, T)
    assert report.passed()
    wrong = [g * 1.01 for g in report.backprop]
    assert relative_error(wrong[0], report.numerical[0]) > 1e-3
    assert "agree" in str(report)
    assert report.names == ["W0", "b1", "W1", "b2"]


def test_batch_gradient_is_the_sum_of_per_sample_gradients_for_half_sse():
    net = FeedForwardNetwork((3, 4, 2), "tanh", seed=2)
    rng = np.random.default_rng(2)
    X, T = rng.normal(size=(5, 3)), rng.normal(size=(5, 2))
    total = net.backprop(X, T).as_list()
    parts = [net.backprop(X[i:i + 1], T[i:i + 1]).as_list() for i in range(5)]
    for k, g in enumerate(total):
        assert g == pytest.approx(sum(p[k] for p in parts), rel=1e-12, abs=1e-15)


@pytest.mark.parametrize("activation,bias", list(itertools.product(["sigmoid", "relu"],
                                                                    [True, False])))
def test_dropout_gradients_match_finite_differences_with_a_fixed_mask(activation, bias):
    net = FeedForwardNetwork((3, 6, 2), activation, bias=bias, seed=5)
    if bias:  # non-zero biases, so no logit sits exactly on ReLU's kink at 0
        net.set_weights(net.weights, [np.full(b.shape, 0.1) for b in net.biases])
    X = np.random.default_rng(5).normal(size=(4, 3))
    T = np.random.default_rng(6).normal(size=(4, 2))
    grads = net.backprop(X, T, dropout=0.5, rng=np.random.default_rng(9))

    def error():  # the same mask, because the same seed
        passed = net.forward(X, return_all=True, dropout=0.5, rng=np.random.default_rng(9))
        return 0.5 * float(((T - passed.output) ** 2).sum())

    numeric = numerical_gradient(error, net.parameters())
    for g, n in zip(grads.as_list(), numeric):
        assert relative_error(g, n) < 1e-7
