"""Chapter 6, Backpropagation: hidden neurons that start equal stay equal.

If every weight starts at the same value, the hidden neurons of a layer
compute the same output, receive the same error signal
:math:`\\delta` (each of them reaches the next layer through equal weights)
and therefore the same update. After any number of steps they are still
copies of each other, and the layer works like a single neuron. Random
initial weights make the neurons differ from the first step on; that is
why networks are initialised at random.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from ffnn_edu.nn.network import FeedForwardNetwork
from ffnn_edu.nn.optimizers import GradientDescent
from ffnn_edu.nn.training import History, train
from ffnn_edu.nn.validation import Array, check_number, checked, instance_of


def equal_start(
    layer_sizes: Sequence[int],
    value: float = 0.5,
    activation: str = "sigmoid",
    *,
    bias: bool = True,
) -> FeedForwardNetwork:
    """A network whose weights all start at ``value`` (biases at 0).

    Examples
    --------
    >>> equal_start((2, 3, 1), 0.5).weights[0]
    array([[0.5, 0.5, 0.5],
           [0.5, 0.5, 0.5]])
    """
    value = check_number(value, "value")
    net = FeedForwardNetwork(layer_sizes, activation, bias=bias)
    net.set_weights([np.full_like(w, value) for w in net.weights], net.biases)
    return net


def _neurons_to_compare(value: object, name: str) -> FeedForwardNetwork:
    """Checker: a network with a hidden layer of at least two neurons.

    Examples
    --------
    >>> _neurons_to_compare(equal_start((2, 1)), "network")
    Traceback (most recent call last):
    ...
    ValueError: network must have a hidden layer of at least two neurons (the spread
    compares the neurons of a layer), but its layers are (2, 1): it has no hidden layer
    """
    network = instance_of(FeedForwardNetwork)(value, name)
    sizes = network.layer_sizes
    hidden = sizes[1:-1]
    if not any(size >= 2 for size in hidden):
        has = (
            "it has no hidden layer"
            if not hidden
            else "every hidden layer has one neuron"
        )
        raise ValueError(
            f"{name} must have a hidden layer of at least two neurons (the spread "
            f"compares the neurons of a layer), but its layers are {sizes}: {has}"
        )
    return network


@checked(network=_neurons_to_compare)
def hidden_spread(network: FeedForwardNetwork) -> float:
    """How different the neurons of each hidden layer are: 0 when they are exact copies.

    For every hidden neuron, its incoming weights, its bias and its outgoing
    weights are compared with those of the first neuron of its layer; the
    largest absolute difference over all hidden layers is returned.

    Raises
    ------
    TypeError
        If ``network`` is not a :class:`~ffnn_edu.nn.network.FeedForwardNetwork`.
    ValueError
        If it has no hidden layer of two neurons or more: there is nothing to
        compare (a spread of 0 would read as "exact copies").

    Examples
    --------
    >>> hidden_spread(equal_start((2, 3, 1)))
    0.0
    >>> hidden_spread(FeedForwardNetwork((2, 3, 1), seed=0)) > 0
    True
    """
    spread = 0.0
    for l in range(network.n_layers - 1):  # hidden layer l + 1
        incoming, outgoing = network.weights[l], network.weights[l + 1]
        parts = [incoming - incoming[:, :1], outgoing - outgoing[:1, :]]
        if network.biases is not None:
            parts.append(network.biases[l] - network.biases[l][0])
        spread = max(spread, *(float(np.abs(p).max()) for p in parts))
    return spread


@dataclass
class SymmetryRun:
    """The record of :func:`~ffnn_edu.experiments.symmetry.train_and_track_spread`.

    Attributes
    ----------
    spread : ndarray
        :func:`~ffnn_edu.experiments.symmetry.hidden_spread` before training (entry 0)
        and after every epoch.
    history : History
        The training history (losses and accuracies per epoch).
    network : FeedForwardNetwork
        The trained network.
    """

    spread: Array
    history: History
    network: FeedForwardNetwork


@checked(network=_neurons_to_compare)
def train_and_track_spread(
    network: FeedForwardNetwork,
    X: ArrayLike,
    T: ArrayLike,
    *,
    eta: float = 2.0,
    epochs: int = 2000,
    loss: str = "half_sse",
) -> SymmetryRun:
    """Train ``network`` by full-batch gradient descent and record its hidden spread.

    The spread is :func:`~ffnn_edu.experiments.symmetry.hidden_spread`, before training
    and after every epoch.

    Raises
    ------
    ValueError
        If ``network`` has no hidden layer of two neurons or more (checked before
        training), as :func:`~ffnn_edu.experiments.symmetry.hidden_spread` does.

    Examples
    --------
    >>> from ffnn_edu.nn.datasets import xor
    >>> X, T = xor()
    >>> run = train_and_track_spread(equal_start((2, 2, 1)), X, T, epochs=50)
    >>> float(run.spread.max())
    0.0
    """
    spread = [hidden_spread(network)]

    def record(epoch: int, net: FeedForwardNetwork, history: History) -> None:
        spread.append(hidden_spread(net))

    history = train(
        network,
        X,
        T,
        loss=loss,
        optimizer=GradientDescent(eta=eta),
        epochs=epochs,
        batch_size=None,
        shuffle=False,
        callback=record,
    )
    return SymmetryRun(np.array(spread), history, network)
