"""The gradient check's verdict: right backpropagation agrees, wrong backpropagation does not.

The unscaled shop data (totals in the tens) gives large logits and curvature, where a fixed-step
central difference used to report DISAGREE for a backpropagation that was right.
"""
import dataclasses
import itertools

import numpy as np
import pytest

from ffnn_edu import FeedForwardNetwork
from ffnn_edu import gradient_check
from ffnn_edu.nn.activations import get_activation
from ffnn_edu.nn.datasets import shop_data
from ffnn_edu.nn.gradient_check import finite_differences
from ffnn_edu.nn.regularization import Regularizer

X_SHOP, T_SHOP = shop_data()[:2]
HIDDEN = ["linear", "sigmoid", "tanh", "relu", "arctan"]
LOSSES = ["half_sse", "mse", "binary_cross_entropy", "categorical_cross_entropy"]
CONFIGS = list(itertools.product(HIDDEN, LOSSES, range(3), [True, False]))   # 120


def _shop_case(hidden, loss, seed, bias, sizes=(3, 4)):
    if loss == "categorical_cross_entropy":
        out, T = ("softmax", 2), np.eye(2)[T_SHOP.astype(int)]
    elif loss == "binary_cross_entropy":
        out, T = ("sigmoid", 1), T_SHOP
    else:
        out, T = (hidden, 1), T_SHOP
    net = FeedForwardNetwork((*sizes, out[1]), [hidden] * (len(sizes) - 1) + [out[0]],
                             bias=bias, seed=seed)
    return net, T


def test_the_reported_false_alarm_now_agrees():
    net = FeedForwardNetwork((3, 4, 1), ["tanh", "sigmoid"], seed=1)
    report = gradient_check(net, X_SHOP, T_SHOP, "binary_cross_entropy")
    assert report.passed(), str(report)
    assert report.max_relative_error < 1e-8
    assert "agree" in str(report) and "DISAGREE" not in str(report)


@pytest.mark.parametrize("hidden,loss,seed,bias", CONFIGS)
def test_right_backprop_agrees_on_unscaled_data(hidden, loss, seed, bias):
    net, T = _shop_case(hidden, loss, seed, bias)
    penalty = Regularizer("l2", 0.5) if seed == 2 else None
    report = gradient_check(net, X_SHOP, T, loss, regularizer=penalty)
    assert report.passed(), str(report)


@pytest.mark.parametrize("hidden,loss,seed,bias", CONFIGS)
def test_a_one_percent_slip_in_any_layer_disagrees(hidden, loss, seed, bias):
    net, T = _shop_case(hidden, loss, seed, bias)
    report = gradient_check(net, X_SHOP, T, loss)
    slipped = 0
    for k, (g, err) in enumerate(zip(report.backprop, report.fd_errors)):
        i = np.unravel_index(np.argmax(np.abs(g)), g.shape)
        if abs(g[i]) * 0.01 <= 100 * err[i]:   # this entry is too small to test a 1% slip
            continue
        saved = g[i]
        g[i] = saved * 1.01
        assert not report.passed(), (k, str(report))
        assert report.mismatches()[k][i]
        g[i] = saved
        slipped += 1
    assert report.passed()
    dead = not any(g.any() for g in report.backprop)    # ReLU output below 0 everywhere
    assert slipped >= 2 or dead   # at least the output layer's weights and one more array


@pytest.mark.parametrize("hidden,wrong", [
    ("sigmoid", lambda y: 1 - y),                  # y(1 - y) without the y
    ("tanh", lambda y: 1 - y),                     # forgot the square
    ("arctan", lambda y: np.cos(y)),               # forgot the square
    ("linear", lambda y: np.zeros_like(y)),        # slope 0 instead of 1
])
@pytest.mark.parametrize("seed", range(4))
def test_a_wrong_activation_slope_disagrees(hidden, wrong, seed):
    right = get_activation(hidden)
    buggy = dataclasses.replace(right, output_slope=wrong)
    net = FeedForwardNetwork((3, 4, 1), [buggy, "sigmoid"], seed=seed)
    net.set_weights(net.weights, [np.full(4, 0.5), np.zeros(1)])
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(6, 3))
    report = gradient_check(net, X, rng.integers(0, 2, size=6), "binary_cross_entropy")
    assert not report.passed(), str(report)
    assert "DISAGREE" in str(report)
    assert report.mismatches()[0].any() or report.mismatches()[1].any()
    assert not report.mismatches()[2].any() and not report.mismatches()[3].any()


def test_a_saturated_hidden_unit_is_not_a_false_alarm_and_is_reported_as_unchecked():
    net = FeedForwardNetwork((1, 1, 1), seed=0)
    net.set_weights([[[30.0]], [[1.0]]], [[0.0], [0.0]])
    report = gradient_check(net, [[1.0]], [[1.0]])
    assert report.passed(), str(report)
    assert report.unresolved() == 2          # dE/dW0 and dE/db1 are ~1e-14, below the noise
    assert "2 entries are smaller than their finite-difference error" in str(report)


def test_finite_differences_error_estimate_bounds_the_true_error():
    rng = np.random.default_rng(0)
    for scale in (1e-3, 1.0, 1e3):
        w = rng.normal(size=5) * scale
        fd = finite_differences(lambda: float(np.sum(np.sin(w) * np.exp(w / scale))), [w])
        exact = np.cos(w) * np.exp(w / scale) + np.sin(w) * np.exp(w / scale) / scale
        assert (np.abs(fd.gradient[0] - exact) <= fd.error[0]).all()
        assert (fd.steps[0] >= 1e-5 * np.maximum(np.abs(w), 1) * (1 - 1e-9)).all()


def test_error_bound_text_and_one_sided_slopes_jump_are_public():
    """What the report prints for a relative error, and the kink test (both were private)."""
    from ffnn_edu.nn.gradient_check import error_bound_text, one_sided_slopes_jump
    assert [error_bound_text(v) for v in (0.0, 8.48e-11, 0.0123)] == ["0", "< 1e-10", "0.012"]
    assert one_sided_slopes_jump([1.0, 1.0, 2.0, 2.0, 0.0], 1.0, 0.0) is True
    assert one_sided_slopes_jump([1.0, 1.0, 4.0, 4.0, 0.0], 1.0, 0.0) is False
