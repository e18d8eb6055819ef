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
