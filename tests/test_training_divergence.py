"""Divergence that the loss alone cannot show: bounded losses and weights that blow up.

A sigmoid output's squared error is at most 1, so it can never rise to ten times its
starting value 0.25; a run at a far too large learning rate instead saturates its
outputs on the wrong side and sits at a loss of 0.5, a coin flip. And an L2 penalty rate
of 1e6 makes the weights grow by ninety orders of magnitude while the loss stays between
0.25 and 0.5. Both were reported as normal training; now both are caught, and healthy
runs (jumpy ones included, at the chapters' settings) are not.
"""
import numpy as np
import pytest

from ffnn_edu import FeedForwardNetwork, GradientDescent, Regularizer, train
from ffnn_edu.nn.datasets import and_gate, two_moons, xor
from ffnn_edu.nn.losses import get_loss
from ffnn_edu.nn.training import largest_loss, largest_parameter

MOONS = two_moons(200, noise=0.2, seed=0)


@pytest.mark.parametrize("seed", [0, 1])
def test_a_sigmoid_squared_error_stuck_at_a_coin_flip_is_diverged(seed):
    """The tester's case: loss 0.258 -> 0.5, accuracy 0.5, once reported as trained."""
    X, y = MOONS
    net = FeedForwardNetwork((2, 8, 1), seed=seed)
    history = train(net, X, y, optimizer=GradientDescent(100), epochs=100)
    assert history.diverged
    line = 1.5 * max(history.train_loss[0], 0.25)
    assert all(loss > line for loss in history.train_loss[-30:])
    assert f"the training loss stayed above {line:.4g} for 30 epochs in a row" in history.message
    assert "This loss cannot exceed 1 (the outputs are bounded)" in history.message
    assert "The learning rate eta = 100 is probably too large" in history.message
    good = history.epoch[-1] - 30                 # the last epoch before the stuck ones
    assert history.message.endswith(f"The network keeps the weights it had after epoch {good}.")
    assert history.train_loss[good] <= line
    replay = FeedForwardNetwork((2, 8, 1), seed=seed)
    if good > 0:
        train(replay, X, y, optimizer=GradientDescent(100), epochs=good)
    assert all(np.array_equal(p, q) for p, q in zip(net.parameters(), replay.parameters()))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_online_learning_stuck_at_a_coin_flip_is_diverged(seed):
    X, y = MOONS
    history = train(FeedForwardNetwork((2, 30, 1), seed=seed), X, y,
                    optimizer=GradientDescent(10), epochs=30, batch_size=2)
    assert history.diverged and "for 30 epochs in a row" in history.message


@pytest.mark.parametrize("eta", [1e3, 1e5, 1e8])
def test_xor_at_huge_learning_rates_is_diverged(eta):
    X, t = xor()
    history = train(FeedForwardNetwork((2, 3, 1), seed=1), X, t, epochs=50,
                    optimizer=GradientDescent(eta))
    assert history.diverged and history.epoch[-1] < 50


@pytest.mark.parametrize("epochs", [5, 20])
def test_weights_that_blow_up_under_a_huge_penalty_are_diverged(epochs):
    """Regularizer('l2', 1e6): the largest weight reached 8.8e93 in 20 epochs, unreported."""
    X, t = xor()
    net = FeedForwardNetwork((2, 3, 1), seed=1)
    start = max(largest_parameter(net), 1.0)
    history = train(net, X, t, epochs=epochs, regularizer=Regularizer("l2", 1e6))
    assert history.diverged
    assert history.message.startswith(f"Training diverged in epoch {history.epoch[-1]}: the "
                                      "weights blew up: the largest weight or bias stayed above")
    assert f"is 1e+06 times its starting size {start:.3g} (at least 1)" in history.message
    assert "(or the penalty rate lam = 1e+06)" in history.message
    assert largest_parameter(net) <= 1e6 * start


def test_a_huge_divergence_factor_switches_the_weight_line_off_too():
    X, t = xor()
    history = train(FeedForwardNetwork((2, 3, 1), seed=1), X, t, epochs=20,
                    regularizer=Regularizer("l2", 1e6), divergence_factor=1e300)
    assert not history.diverged


# --- healthy runs are not flagged ------------------------------------------------------

@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("loss", ["mse", "binary_cross_entropy"])
@pytest.mark.parametrize("eta", [5.0, 10.0, 30.0])
def test_chapter_8_two_moons_runs_are_not_diverged(seed, loss, eta):
    """Chapter 8's bounded-loss table: tanh hidden layer, sigmoid output, 200 epochs."""
    X, y = two_moons(200, seed=0)
    net = FeedForwardNetwork((2, 8, 1), ["tanh", "sigmoid"], seed=seed)
    history = train(net, X, y, loss=loss, optimizer=GradientDescent(eta), epochs=200)
    if loss == "binary_cross_entropy" and eta == 30.0:
        return                      # the unbounded loss's own line; see the chapter
    assert not history.diverged, history.message
    assert history.train_loss[-1] < history.train_loss[0]


@pytest.mark.parametrize("seed,eta", [(0, 10), (0, 30), (1, 30), (2, 30), (0, 300), (2, 100)])
def test_jumpy_sigmoid_runs_that_recover_are_not_diverged(seed, eta):
    """Above 1.5 times the scale for up to 7 epochs, then down to a fraction of it."""
    X, y = MOONS
    history = train(FeedForwardNetwork((2, 8, 1), seed=seed), X, y,
                    optimizer=GradientDescent(eta), epochs=200)
    assert not history.diverged, history.message
    assert history.train_loss[-1] < 0.5 * history.train_loss[0]


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("eta", [5.0, 10.0, 30.0])
def test_xor_runs_at_large_rates_are_not_diverged(seed, eta):
    """At eta = 30 the loss stays above 1.5 times its scale for up to 12 epochs."""
    X, t = xor()
    history = train(FeedForwardNetwork((2, 2, 1), seed=seed), X, t, loss="half_sse",
                    optimizer=GradientDescent(eta), epochs=500)
    assert not history.diverged, history.message


@pytest.mark.parametrize("activation", ["sigmoid", "step"])
def test_chapter_4_and_gate_runs_are_not_diverged(activation):
    X, t = and_gate()
    net = FeedForwardNetwork((2, 1), activation)
    net.set_weights([np.zeros((2, 1))], [np.zeros(1)])
    assert not train(net, X, t, loss="half_sse", optimizer=GradientDescent(2.0),
                     epochs=300).diverged


# --- the largest loss of a bounded output ----------------------------------------------

@pytest.mark.parametrize("activation,loss,T,largest", [
    ("sigmoid", "mse", [[0.0], [1.0]], 1.0),
    ("sigmoid", "half_sse", [[0.0], [1.0], [1.0]], 1.5),
    ("sigmoid", "mse", [[0.25], [1.0]], 0.5 * (0.75 ** 2 + 1.0)),
    ("tanh", "mse", [[0.0], [1.0]], 0.5 * (1.0 + 4.0)),
    ("linear", "mse", [[0.0], [1.0]], np.inf),
    ("relu", "mse", [[0.0], [1.0]], np.inf),
    ("sigmoid", "binary_cross_entropy", [[0.0], [1.0]], np.inf),
])
def testlargest_loss(activation, loss, T, largest):
    net = FeedForwardNetwork((2, 1), activation)
    assert largest_loss(net, get_loss(loss), np.array(T)) == pytest.approx(largest)
