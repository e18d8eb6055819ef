"""Proof tests for proposed errata of the learning-rate chapter (textbook 5.3)."""

import numpy as np
import pytest

from ffnn_edu import FeedForwardNetwork
from ffnn_edu.experiments.error_surfaces import descend, round_bowl
from ffnn_edu.nn.datasets import two_moons
from ffnn_edu.nn.optimizers import GradientDescent
from ffnn_edu.nn.training import train


def _sine_data():
    rng = np.random.default_rng(0)
    X = rng.uniform(-2.0, 2.0, size=(100, 1))
    return X, np.sin(X)


def _losses(eta, epochs, task):
    if task == "regression":
        X, T = _sine_data()
        net = FeedForwardNetwork((1, 8, 1), ["tanh", "linear"], seed=0)
        loss = "mse"
    else:
        X, T = two_moons(200, seed=0)
        net = FeedForwardNetwork((2, 8, 1), ["tanh", "sigmoid"], seed=0)
        loss = "binary_cross_entropy"
    return np.array(
        train(
            net, X, T, loss=loss, optimizer=GradientDescent(eta), epochs=epochs
        ).train_loss
    )


@pytest.mark.parametrize("task", ["regression", "classification"])
def test_learning_rate_003_is_not_like_001_it_is_three_times_faster(task):
    """The source: 'Values like 0.03 will simply get lost and behave very similarly to
    the closest logarithm, which is 0.01 in case of 0.03.'

    With small learning rates what counts is eta times the number of epochs: 0.03 after
    N epochs matches 0.01 after 3N epochs to within 1 %, and after the same N epochs the
    two runs are far apart."""
    slow, fast = _losses(0.01, 900, task), _losses(0.03, 300, task)
    assert fast[300] == pytest.approx(slow[900], rel=0.01)  # same eta * epochs
    assert fast[100] == pytest.approx(slow[300], rel=0.01)
    assert slow[300] > 1.2 * fast[300]  # same epochs: far apart


def test_learning_rate_003_on_a_quadratic_bowl():
    """On the round bowl E = |w|^2 / 2 each step multiplies w by (1 - eta): after 100
    steps 0.99^100 = 0.37 of the distance is left with eta = 0.01 but 0.97^100 = 0.048
    with eta = 0.03, which eta = 0.01 only reaches after about 300 steps."""
    bowl = round_bowl()
    start = np.array([1.0, -2.0])
    slow = descend(bowl, start, eta=0.01, steps=100).final
    fast = descend(bowl, start, eta=0.03, steps=100).final
    slow_300 = descend(bowl, start, eta=0.01, steps=300).final
    np.testing.assert_allclose(slow, 0.99**100 * start, rtol=1e-12)
    np.testing.assert_allclose(fast, 0.97**100 * start, rtol=1e-12)
    assert np.linalg.norm(slow) > 7 * np.linalg.norm(fast)
    np.testing.assert_allclose(slow_300, fast, rtol=0.05)


def test_eta_5_or_10_does_not_explode_a_sigmoid_network_but_does_a_linear_output():
    """The source's footnote 4: 'try with an eta value of 5 or 10' to see explosion.

    With sigmoid outputs the error is bounded (the MSE by 1), so nothing can explode:
    the two-moons network trains without diverging at eta = 5 and 10.
    A network with a linear
    output (regression) does explode, within two epochs."""
    X, t = two_moons(200, seed=0)
    X_r, T_r = _sine_data()
    for eta in (5.0, 10.0):
        sigmoid_net = FeedForwardNetwork((2, 8, 1), ["tanh", "sigmoid"], seed=0)
        history = train(sigmoid_net, X, t, optimizer=GradientDescent(eta), epochs=200)
        assert not history.diverged and history.train_loss[-1] < history.train_loss[0]
        linear_net = FeedForwardNetwork((1, 8, 1), ["tanh", "linear"], seed=0)
        history = train(
            linear_net, X_r, T_r, optimizer=GradientDescent(eta), epochs=200
        )
        assert history.diverged and history.epoch[-1] <= 2
        assert all(np.isfinite(p).all() for p in linear_net.parameters())
