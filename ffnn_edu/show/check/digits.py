"""Self-checks for the chapter on handwritten digits."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from ffnn_edu.experiments.digit_recognition import DIGIT_SETTINGS, digit_data

from .feedback import FLOAT32_ROUNDING, Feedback
from .web import Field, Stage, WebCheck, above, equals, near, not_negative, web_check

__all__ = ["digit_network_size", "majority_baseline"]

#: Layer sizes of the chapter's network: 64 pixels, the hidden layer, 10 digits.
DIGIT_LAYERS = (64, DIGIT_SETTINGS["hidden_layer_sizes"][0], 10)


@web_check
def digit_network_size_form() -> WebCheck:
    """The size of the digit network, for the Python check and the web page."""
    n_in, n_hidden, n_out = DIGIT_LAYERS
    weights = n_in * n_hidden + n_hidden * n_out
    hidden_alone = (
        "That is the hidden layer alone. The output layer has weights and biases too."
    )
    output_alone = (
        "That is the output layer alone. Add the hidden layer's weights and biases."
    )
    stage = Stage(
        "count",
        ("answer",),
        weights + n_hidden + n_out,
        hints=[
            (
                equals(weights),
                "That counts the weights only. Every hidden and every output neuron "
                "also has a bias.",
            ),
            (equals(n_in * n_hidden), hidden_alone),
            (equals(n_in * n_hidden + n_hidden), hidden_alone),
            (equals(n_hidden * n_out), output_alone),
            (equals(n_hidden * n_out + n_out), output_alone),
        ],
        options={
            "praise": "Almost all of them are the input weights of the hidden neurons.",
            "generic_hint": "A layer of m neurons fed by n neurons has n * m weights "
            "and m biases. Add up both layers.",
        },
    )
    return WebCheck(
        "digit_network_size", (Field("answer", "Weights and biases"),), (stage,)
    )


def digit_network_size(answer: int) -> Feedback:
    """Exercise: how many weights and biases the chapter's 64-64-10 network learns.

    Examples
    --------
    >>> digit_network_size(10).correct
    False
    """
    return digit_network_size_form().judge(answer)


@lru_cache(maxsize=1)
def _baseline() -> tuple[float, int]:
    d = digit_data(seed=0)
    most_common = int(np.bincount(d.y_train).argmax())
    hits = int(np.sum(d.y_test == most_common))
    return hits / len(d.y_test), hits


@web_check
def majority_baseline_form() -> WebCheck:
    """The majority baseline's accuracy, for the Python check and the page."""
    share, hits = _baseline()
    stage = Stage(
        "compare",
        ("answer",),
        share,
        hints=[
            not_negative(
                "An accuracy is a share of the test images, between 0 and 1, never "
                "negative. Check the sign."
            ),
            (
                equals(hits),
                "That is a number of test images. Accuracy is a share: divide by the "
                "size of the test set.",
            ),
            (
                near(0.1, atol=0.0, rtol=FLOAT32_ROUNDING),
                "One in ten is what a random guess would get on perfectly balanced "
                "classes. Count how often the training set's most common digit occurs "
                "in the test set.",
            ),
            (above(1.0), "An accuracy lies between 0 and 1."),
        ],
        options={
            "tolerance": 5e-4,
            "praise": "That is the score to beat: anything that learns nothing about "
            "the pixels gets about this much.",
            "generic_hint": "Find the most common digit of run.data.y_train "
            "(np.bincount, argmax), then the share of test labels equal to it.",
        },
    )
    return WebCheck("majority_baseline", (Field("answer", "Test accuracy"),), (stage,))


def majority_baseline(answer: float) -> Feedback:
    """Exercise: test accuracy of always answering the training set's commonest digit.

    The split is the chapter's (``digit_data(seed=0)``).

    Examples
    --------
    >>> majority_baseline(0.5).correct
    False
    """
    return majority_baseline_form().judge(answer)
