"""Helpers that several test files share: ``from helpers import ...``."""

import re

import pytest

from ffnn_edu import FeedForwardNetwork


def raises_all(error, *parts, call):
    """``call()`` raises ``error`` whose message contains every one of ``parts``."""
    with pytest.raises(error) as info:
        call()
    for part in parts:
        assert part in str(info.value), str(info.value)


def raises(error, name, call):
    """``call()`` raises ``error`` and the message starts with, or names, ``name``."""
    with pytest.raises(error) as info:
        call()
    assert name in str(info.value), str(info.value)
    return str(info.value)


def refuses(error, message, make):
    with pytest.raises(error, match="^" + re.escape(message)):
        make()


def line_through_origin(w: float) -> FeedForwardNetwork:
    net = FeedForwardNetwork((1, 1), "linear", bias=False)
    net.set_weights([[[w]]])
    return net


def weight_of(net: FeedForwardNetwork) -> float:
    return float(net.weights[0][0, 0])


# Issue 16 (E): the layer-size refusals that every maker of a classifier's network
# shares (the live figure, the training explorer), on data of 2 features and 2
# classes: (hidden_layer_sizes, the whole message), one case per limit it meets.
HIDDEN_LAYER_SIZES_BEYOND_THE_LIMITS = [
    pytest.param(
        [8] * 10**7,
        "this would make 10000000 layers (hidden_layer_sizes with 10000000 "
        "entries), more than MAX_LAYERS = 1000",
        id="more-layers-than-max-layers",
    ),
    pytest.param(
        (200_000,),
        "hidden_layer_sizes (200000,) asks for a hidden layer of 200000 neurons, "
        "more than MAX_LAYER_SIZE = 100000",
        id="a-layer-wider-than-max-layer-size",
    ),
    pytest.param(
        (5000, 5000),
        "this would make 25025001 weights and biases (X: 2 features, "
        "hidden_layer_sizes (5000, 5000), y: 2 classes, so layers (2, 5000, 5000, "
        "1)), more than MAX_PARAMETERS = 10000000",
        id="more-weights-than-max-parameters",
    ),
]


# The settings fit refuses before it sees data, alone or with another (settings, the
# whole message), one case per rule: check_hyperparameters and fit refuse them, and the
# training explorer when it is built, all in the same words (a range the explorer kept
# in a table of its own is fit's). A rule only the classifier has (patience) is added
# in its test file.
SETTINGS_FIT_REFUSES = [
    pytest.param(
        dict(eta=-1.0), "eta must be > 0, but it is -1.0", id="eta-not-positive"
    ),
    pytest.param(dict(mu=5), "mu must be < 1, but it is 5", id="mu-not-below-1"),
    pytest.param(
        dict(dropout=2), "dropout must be < 1, but it is 2", id="dropout-not-below-1"
    ),
    pytest.param(
        dict(lam=float("nan")),
        "lam must be a finite number, but it is nan",
        id="lam-not-finite",
    ),
    pytest.param(
        dict(mu=0.9, optimizer="adam"),
        "mu must be 0 with optimizer='adam', which has no momentum rate, but it "
        "is 0.9; set mu=0 (or use gradient_descent or nesterov for momentum)",
        id="mu-with-adam",
    ),
    pytest.param(
        dict(dropout=0.5, hidden_layer_sizes=()),
        "dropout must be 0 with hidden_layer_sizes=() (it drops hidden units, and "
        "the network would have none), but it is 0.5",
        id="dropout-without-hidden-layers",
    ),
    pytest.param(
        dict(batch_size=0),
        "batch_size must be an integer >= 1, but it is 0",
        id="batch-size-0",
    ),
    pytest.param(
        dict(activation="foo"),
        "activation must be one of arctan, linear, relu, sigmoid, softmax, step, "
        "tanh, but it is 'foo'",
        id="unknown-activation",
    ),
    pytest.param(
        dict(seed=-1),
        "seed must be a whole number >= 0 (or None for an unrepeatable start), "
        "but it is -1",
        id="negative-seed",
    ),
    pytest.param(
        dict(epochs=0), "epochs must be an integer >= 1, but it is 0", id="epochs-0"
    ),
]
