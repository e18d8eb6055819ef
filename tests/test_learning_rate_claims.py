"""Chapter 8's claims about large learning rates on a sigmoid classifier: the squared
error of a sigmoid output is bounded by 1 per sample and cannot explode; the
cross-entropy is unbounded and climbs far above its starting value (several seeds)."""

import re

import numpy as np
import pytest

from ffnn_edu import FeedForwardNetwork, GradientDescent, train
from ffnn_edu.nn.datasets import two_moons

X, Y = two_moons(200, seed=0)


def losses(loss, eta, seed):
    net = FeedForwardNetwork((2, 8, 1), ["tanh", "sigmoid"], seed=seed)
    return np.array(
        train(
            net, X, Y, loss=loss, optimizer=GradientDescent(eta), epochs=200
        ).train_loss
    )


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_squared_error_of_a_sigmoid_output_stays_bounded(seed):
    for eta in (5.0, 10.0, 30.0):
        L = losses("mse", eta, seed)
        assert L.max() <= 1.0
        assert L[-1] < L[0]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_cross_entropy_of_a_sigmoid_output_is_not_bounded(seed):
    at10, at30 = (
        losses("binary_cross_entropy", 10.0, seed),
        losses("binary_cross_entropy", 30.0, seed),
    )
    assert at10.max() > 5 * at10[0]
    assert at10[-1] < at10[0]  # with eta = 10 it recovers
    assert at30.max() > 20 * at30[0]  # with eta = 30 it climbs higher still


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_train_catches_the_cross_entropy_run_at_eta_30_and_no_squared_error_run(seed):
    """Chapter 12's table: the cross-entropy run at eta = 30 ends early, rolled back."""

    def history(loss, eta):
        net = FeedForwardNetwork((2, 8, 1), ["tanh", "sigmoid"], seed=seed)
        return train(net, X, Y, loss=loss, optimizer=GradientDescent(eta), epochs=200)

    caught = history("binary_cross_entropy", 30.0)
    assert caught.diverged and caught.epoch[-1] < 200
    # "the loss never came back down to where it started"
    assert min(caught.train_loss[1:]) > caught.train_loss[0]
    # "the network holds the weights it had just before those epochs" (the verdict's)
    counted = int(re.search(r" for (\d+) epochs in a row", caught.message)[1])
    kept = re.search(
        r"The network keeps the weights it had after epoch (\d+)\.$", caught.message
    )
    assert kept and int(kept[1]) == caught.epoch[-1] - counted
    for eta in (5.0, 10.0, 30.0):
        assert not history("mse", eta).diverged
    assert not history("binary_cross_entropy", 5.0).diverged


def test_linear_output_network_explodes_within_two_steps_and_0_3_is_best_stable_rate():
    rng = np.random.default_rng(0)
    X_sine = rng.uniform(-2.0, 2.0, size=(100, 1))
    T_sine = np.sin(X_sine)

    def mse_after(eta, steps):
        net, opt = (
            FeedForwardNetwork((1, 8, 1), ["tanh", "linear"], seed=0),
            GradientDescent(eta),
        )
        start = np.mean((net.forward(X_sine) - T_sine) ** 2)
        for epoch in range(steps):
            opt.step(
                net.parameters(), net.backprop(X_sine, T_sine, "mse").as_list(), epoch
            )
        return start, np.mean((net.forward(X_sine) - T_sine) ** 2)

    for eta in (5.0, 10.0):
        start, after = mse_after(eta, 2)
        assert after > 1e4 * start
    finals = {eta: mse_after(eta, 200)[1] for eta in (0.01, 0.1, 0.3)}
    assert min(finals, key=finals.get) == 0.3
