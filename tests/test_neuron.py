"""Tests of ``ffnn_edu.nn.neuron``."""

import numpy as np
import pytest

from ffnn_edu import FeedForwardNetwork
from ffnn_edu.experiments.multiclass import two_class_softmax
from ffnn_edu.nn.delta_rule import delta_rule_update
from ffnn_edu.nn.logistic_neuron import logistic_neuron
from ffnn_edu.nn.losses import get_loss, half_sse
from ffnn_edu.nn.metrics import confusion_matrix
from ffnn_edu.nn.neuron import layer_logits, logit, neuron_output
from ffnn_edu.nn.perceptron import Perceptron, perceptron_update
from ffnn_edu.nn.preprocessing import one_hot

from helpers import raises, refuses


def test_single_neuron_functions_check_their_arguments():
    with pytest.raises(
        ValueError, match="x has 2 inputs per sample but w has 3 weights"
    ):
        logit([1, 2], [1, 2, 3])
    with pytest.raises(
        ValueError, match=r"x has 2 inputs per sample but W has 1 row \(one per input\)"
    ):
        layer_logits([1, 2], [[1, 2, 3]])
    with pytest.raises(ValueError, match="t must contain only the labels 0 and 1"):
        perceptron_update([0.3, 0.4], 2, [1, 1], 0)
    with pytest.raises(ValueError, match="X and t must have the same number of rows"):
        Perceptron().fit([[0, 0], [1, 1]], [0, 1, 1])
    with pytest.raises(ValueError, match="y and t must have the same shape"):
        half_sse([[1.0, 2.0]], [[1.0]])


X4 = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])


def _ones(sizes):
    net = FeedForwardNetwork(sizes, "linear", bias=False)
    net.set_weights([np.ones(w.shape) for w in net.weights])
    return net


@pytest.mark.parametrize(
    "call,name",
    [
        (lambda: logit([1e308, 1e308], [1e308, 1e308]), "x and w"),
        (lambda: layer_logits([1e308, 1e308], [[1e308], [1e308]]), "x and W"),
        (lambda: logistic_neuron([[1e308, 1e308]], [1e308, 1e308]), "x and w"),
        (lambda: delta_rule_update([[1, 2]], [1], [1, 2], 1e308), "eta"),
        (lambda: get_loss("mse")([1e200], [-1e200]), "y and t"),
        (lambda: two_class_softmax([1e308], [-1e308]), "z0 and z1"),
        (lambda: get_loss("half_sse").derivative([1e308], [-1e308]), "y and t"),
        (lambda: _ones((2, 2, 1)).forward([[1e308, 1e308]]), "X"),
        (lambda: _ones((2, 2, 1)).backprop([[1e308, 1e308]], [1.0]), "X"),
        (
            lambda: FeedForwardNetwork((2, 2, 1), weight_scale=1e200, seed=1).forward(
                X4 * 1e200
            ),
            "X or the weights",
        ),
    ],
)
def test_an_overflow_is_refused_with_the_arguments_named(call, name):
    message = raises(ValueError, name, call)
    assert "1.8e308" in message


@pytest.mark.parametrize(
    "error, message, make",
    [
        (
            ValueError,
            "activation must act on one neuron's logit alone, but "
            "'softmax' needs a whole layer of logits",
            lambda: neuron_output([[1.0], [2.0]], [1.0], activation="softmax"),
        ),
        (
            TypeError,
            "y_true must be an array of numbers",
            lambda: confusion_matrix(["a"], [0], 2),
        ),
        (
            ValueError,
            "y_pred must be whole numbers from 0 to 1, but they include 2",
            lambda: confusion_matrix([0, 1], [0, 2], 2),
        ),
        (
            ValueError,
            "this would make 10000000000 one-hot entries (labels: 1 label x "
            "n_classes: 10000000000 columns), more than MAX_ONE_HOT_ENTRIES = "
            "100000000",
            lambda: one_hot([0], 10**10),
        ),
    ],
)
def test_single_neurons_and_class_tables_refuse_bad_input(error, message, make):
    refuses(error, message, make)


def test_the_softmax_of_one_neuron_once_mixed_the_samples():
    """neuron_output used to normalise a softmax over the samples: 0.27 and 0.73."""
    assert neuron_output([[1.0], [2.0]], [1.0]).tolist() == pytest.approx(
        [0.731, 0.881], abs=1e-3
    )
