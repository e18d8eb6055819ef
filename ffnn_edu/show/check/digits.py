"""Self-checks for the chapter on handwritten digits."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from ffnn_edu.experiments.digit_recognition import DIGIT_SETTINGS, digit_data

from .feedback import Feedback, compare, compare_count

__all__ = ["digit_network_size", "majority_baseline"]

#: Layer sizes of the chapter's network: 64 pixels, the hidden layer, 10 digits.
DIGIT_LAYERS = (64, DIGIT_SETTINGS["hidden_layer_sizes"][0], 10)


def digit_network_size(answer: int) -> Feedback:
    """Exercise: how many weights and biases the chapter's 64-64-10 network learns.

    Examples
    --------
    >>> digit_network_size(10).correct
    False
    """
    n_in, n_hidden, n_out = DIGIT_LAYERS
    weights = n_in * n_hidden + n_hidden * n_out
    return compare_count(
        answer,
        weights + n_hidden + n_out,
        hints=[
            (
                lambda a: a == weights,
                "That counts the weights only. "
                "Every hidden and every output neuron also has a bias.",
            ),
            (
                lambda a: a in (n_in * n_hidden, n_in * n_hidden + n_hidden),
                "That is the hidden layer alone. The output "
                "layer has weights and biases too.",
            ),
            (
                lambda a: a in (n_hidden * n_out, n_hidden * n_out + n_out),
                "That is the output layer alone. Add the "
                "hidden layer's weights and biases.",
            ),
        ],
        praise="Almost all of them are the input weights of the hidden neurons.",
        generic_hint=(
            "A layer of m neurons fed by n neurons has n * m weights "
            "and m biases. Add up both layers."
        ),
    )


@lru_cache(maxsize=1)
def _baseline() -> tuple[float, int]:
    d = digit_data(seed=0)
    most_common = int(np.bincount(d.y_train).argmax())
    hits = int(np.sum(d.y_test == most_common))
    return hits / len(d.y_test), hits


def majority_baseline(answer: float) -> Feedback:
    """Exercise: test accuracy of always answering the training set's commonest digit.

    The split is the chapter's (``digit_data(seed=0)``).

    Examples
    --------
    >>> majority_baseline(0.5).correct
    False
    """
    share, hits = _baseline()
    return compare(
        answer,
        share,
        tolerance=5e-4,
        hints=[
            (
                lambda a: a.shape == () and a == hits,
                "That is a number of test images. Accuracy is a share: "
                "divide by the size of the test set.",
            ),
            (
                lambda a: a.shape == () and abs(a - 0.1) < 1e-9,
                "One in ten is what a random guess would get on perfectly "
                "balanced classes. Count how often the training set's most "
                "common digit occurs in the test set.",
            ),
            (lambda a: a.shape == () and a > 1, "An accuracy lies between 0 and 1."),
        ],
        praise=(
            "That is the score to beat: anything that learns nothing about "
            "the pixels gets about this much."
        ),
        generic_hint=(
            "Find the most common digit of run.data.y_train (np.bincount, argmax), "
            "then the share of test labels equal to it."
        ),
    )
