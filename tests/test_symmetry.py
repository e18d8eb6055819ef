"""Chapter 5's symmetry claim: equal starting weights stay equal under backpropagation,
so the hidden layer acts like one neuron and cannot learn XOR; random starts break the
tie."""

import re

import numpy as np
import pytest

from ffnn_edu import FeedForwardNetwork
from ffnn_edu.experiments.symmetry import (
    equal_start,
    hidden_spread,
    train_and_track_spread,
)
from ffnn_edu.nn.datasets import xor

X, T = xor()


@pytest.mark.parametrize(
    "sizes, value",
    [((2, 2, 1), 0.5), ((2, 2, 1), -0.3), ((2, 5, 1), 1.0), ((2, 3, 3, 1), 0.2)],
)
def test_equal_starting_weights_stay_equal(sizes, value):
    run = train_and_track_spread(equal_start(sizes, value), X, T, epochs=800)
    assert run.spread[0] == 0.0
    assert run.spread.max() < 1e-9  # rounding only: the neurons remain copies
    assert run.history.train_accuracy[-1] <= 0.75
    assert run.history.train_loss[-1] > 0.3


@pytest.mark.parametrize("seed", range(4))
def test_random_starting_weights_break_the_symmetry_and_learn_xor(seed):
    run = train_and_track_spread(
        FeedForwardNetwork((2, 2, 1), seed=seed), X, T, epochs=800
    )
    assert run.spread[0] > 0.1
    assert run.history.train_accuracy[-1] == 1.0


def test_one_step_gives_equal_neurons_equal_updates():
    net = equal_start((2, 3, 1), 0.4)
    grads = net.backprop(X, T)
    assert np.ptp(grads.weights[0], axis=1).max() == 0.0  # every column the same
    assert np.ptp(grads.weights[1]) == 0.0
    assert hidden_spread(FeedForwardNetwork((2, 3, 1), seed=0)) > 0


def test_equal_start_rejects_a_bad_value():
    with pytest.raises(ValueError, match="value"):
        equal_start((2, 2, 1), float("nan"))


def test_all_zero_weights_give_the_hidden_layer_no_signal_at_all():
    grads = equal_start((2, 3, 1), 0.0).backprop(X, T)
    assert np.all(grads.weights[0] == 0.0)  # delta reaches it through zero weights
    assert np.any(equal_start((2, 3, 1), 0.5).backprop(X, T).weights[0] != 0.0)


# Issue 16 (review 18, F10): a network with no neurons to compare had spread 0.0,
# "exact copies".
@pytest.mark.parametrize(
    "sizes, has",
    [((2, 1), "it has no hidden layer"), ((2, 1, 1, 1), "every hidden layer has one")],
)
def test_hidden_spread_refuses_a_network_without_two_hidden_neurons_to_compare(
    sizes, has
):
    message = (
        "network must have a hidden layer of at least two neurons (the spread "
        f"compares the neurons of a layer), but its layers are {sizes}: {has}"
    )
    with pytest.raises(ValueError, match=re.escape(message)):
        hidden_spread(equal_start(sizes))
    X, T = xor()
    with pytest.raises(ValueError, match=re.escape(message)):
        train_and_track_spread(equal_start(sizes), X, T, epochs=5)


def test_hidden_spread_compares_the_layer_that_has_two_neurons():
    net = FeedForwardNetwork((2, 1, 3, 1), seed=0)
    assert hidden_spread(net) > 0
