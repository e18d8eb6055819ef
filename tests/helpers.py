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
