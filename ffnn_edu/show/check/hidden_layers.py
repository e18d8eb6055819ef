"""Self-checks for the chapter "A hidden layer solves XOR"."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ffnn_edu.experiments.hidden_layers import product_feature
from ffnn_edu.nn.datasets import xor
from ffnn_edu.nn.network import FeedForwardNetwork
from ffnn_edu.nn.perceptron import threshold_unit

from .feedback import (
    Feedback,
    as_number,
    as_numbers,
    run_answer,
    shape_message,
    weights_and_bias_swapped,
)
from .web import Field, Stage, WebCheck, near, reordered, web_check

__all__ = ["xor_weights", "xor_product_unit", "two_linear_layers"]


# Exercise 3: a 2-2-2 network with linear hidden units, named as in the chapter:
# W0, b1, W1, b2 are W^(0), b^(1), W^(1), b^(2).
W0 = np.array([[1.0, 2.0], [0.0, -1.0]])
b1 = np.array([1.0, -1.0])
W1 = np.array([[3.0, 1.0], [-2.0, 4.0]])
b2 = np.array([0.5, 0.0])


def _cases(wrong: np.ndarray) -> str:
    X, _ = xor()
    names = [f"({int(a)}, {int(b)})" for a, b in X[wrong]]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _as_numbers(
    value: ArrayLike, shape: tuple[int, ...], name: str, example: str, axes: str
) -> np.ndarray | Feedback:
    """``value`` as finite numbers of ``shape``, or Feedback naming ``name``'s fault.

    ``axes`` says what the axes of ``shape`` hold (see
    :func:`~ffnn_edu.show.check.feedback.shape_message`), ``example`` how to type it.
    """
    array = as_numbers(value, name, form=f"numbers of shape {shape}, e.g. {example}")
    if isinstance(array, Feedback):
        return array
    if array.shape != shape:
        return Feedback(
            False, shape_message(name, shape, f"{axes}, e.g. {example}", array)
        )
    return array


def xor_weights(W1: ArrayLike, b1: ArrayLike, W2: ArrayLike, b2: ArrayLike) -> Feedback:
    """Exercise: weights and biases of a 2-2-1 threshold-unit network that computes XOR.

    ``W1`` has shape (2, 2) (rows: from the inputs, columns: to the hidden
    units), ``b1`` two entries, ``W2`` shape (2, 1), ``b2`` one entry. The
    check runs the network on the four inputs and names the ones it gets wrong.

    Examples
    --------
    >>> xor_weights([[1, 1], [1, 1]], [-0.5, -0.5], [[1], [1]], [-0.5]).correct
    False
    """
    shapes = {"W1": (2, 2), "b1": (2,), "W2": (2, 1), "b2": (1,)}
    examples = {
        "W1": "[[a, b], [c, d]]",
        "b1": "[a, b]",
        "W2": "[[a], [b]]",
        "b2": "[a]",
    }
    axes = {
        "W1": "one row per input (x1, x2), one column per hidden unit",
        "b1": "one bias per hidden unit",
        "W2": "one row per hidden unit, one column for the output unit",
        "b2": "the output unit's bias",
    }
    given = {}
    for (name, shape), value in zip(shapes.items(), (W1, b1, W2, b2)):
        array = _as_numbers(value, shape, name, examples[name], axes[name])
        if isinstance(array, Feedback):
            return array
        given[name] = array
    net = FeedForwardNetwork((2, 2, 1), "step")
    net.set_weights([given["W1"], given["W2"]], [given["b1"], given["b2"]])
    X, t = xor()
    passed = run_answer(lambda: net.forward(X, return_all=True), "network", "XOR")
    if isinstance(passed, Feedback):
        return passed
    hidden, y = passed.activations[1], passed.output[:, 0]
    wrong = y != t
    if not wrong.any():
        return Feedback(
            True,
            "All four inputs come out right: two lines and a unit that combines them.",
        )
    if np.array_equal(hidden[:, 0], hidden[:, 1]):
        return Feedback(
            False,
            f"Wrong on {_cases(wrong)}. Both hidden units fire on the same "
            "inputs, so the output sees only one line; give them different lines.",
        )
    if np.ptp(y) == 0:
        return Feedback(
            False,
            f"Wrong on {_cases(wrong)}. The output unit says the same for "
            "all four inputs; look at its weights and bias.",
        )
    return Feedback(
        False,
        f"Wrong on {_cases(wrong)}. Write down what each hidden unit "
        "outputs for the four inputs, then what the output unit makes of those pairs.",
    )


def xor_product_unit(w: ArrayLike, b: float) -> Feedback:
    """Exercise: a threshold unit on the inputs :math:`(x_1, x_2, x_1x_2)` that is XOR.

    Examples
    --------
    >>> xor_product_unit([1, 1, 0], -0.5).correct
    False
    """
    swapped = weights_and_bias_swapped(w, b, 3, xor_product_unit)
    if swapped is not None:
        return swapped
    weights = _as_numbers(
        w,
        (3,),
        "the weights w",
        "[w1, w2, w3]",
        "one weight per input, for x1, x2 and x1*x2",
    )
    if isinstance(weights, Feedback):
        return weights
    bias = as_number(b, "the bias")
    if isinstance(bias, Feedback):
        return bias
    X, t = xor()
    y = run_answer(
        lambda: threshold_unit(product_feature(X), weights, bias), "unit", "XOR"
    )
    if isinstance(y, Feedback):
        return y
    wrong = y != t
    if not wrong.any():
        return Feedback(
            True, "One unit suffices once the input carries the product x1*x2."
        )
    if weights[2] == 0:
        return Feedback(
            False,
            f"Wrong on {_cases(wrong)}. With weight 0 on x1*x2 this is a "
            "plain perceptron on (x1, x2), which cannot compute XOR.",
        )
    return Feedback(
        False,
        f"Wrong on {_cases(wrong)}. Write the logit b + w1 x1 + w2 x2 + "
        "w3 x1 x2 for each of the four inputs and ask which side of 0 it must fall on.",
    )


@web_check
def two_linear_layers_form() -> WebCheck:
    """The collapse of two linear layers, for the Python check and the web page."""
    matrix = Stage(
        "compare",
        ("W",),
        W0 @ W1,
        hints=[
            (
                near(W1 @ W0),
                "The order matters: the inputs meet W0 first, so in X @ W0 @ W1 the "
                "first factor is W0.",
            ),
            (
                near((W0 @ W1).T),
                "That is transposed: in the package's orientation the rows belong to "
                "the inputs.",
            ),
            (
                near(W0 * W1),
                "That multiplies entry by entry; the layers combine by a matrix "
                "product.",
            ),
            (
                near(W0 + W1),
                "Layers applied one after the other multiply, they do not add.",
            ),
            *reordered(
                W0 @ W1,
                "Right entries in the wrong places: row j holds what input x_j sends, "
                "column k what output unit k receives, as in W0 and W1.",
            ),
        ],
        options={
            "axes": "one row per input (x1, x2), one column per output unit (rows "
            "from, columns to, as in W0 and W1)",
            "tolerance": 1e-6,
            "praise": "",
            "generic_hint": "Substitute the first layer into the second and multiply "
            "out.",
            "what": "W",
        },
        prefix="The matrix is not right yet. ",
    )
    bias = Stage(
        "compare",
        ("b",),
        b1 @ W1 + b2,
        hints=[
            (
                near(b1 + b2),
                "The first bias passes through W1 like everything else the first layer "
                "outputs.",
            ),
            (
                near(W1 @ b1 + b2),
                "The matrix is right. For the bias, b1 is a row like X, so it "
                "multiplies W1 from the left: b1 @ W1.",
            ),
            (
                near(b1 @ W1),
                "The matrix is right. Almost there for the bias: b2 is still added at "
                "the end.",
            ),
            *reordered(
                b1 @ W1 + b2,
                "The matrix is right. The bias has the right values in the wrong "
                "order: one entry per output unit, in the order of b2.",
            ),
        ],
        options={
            "axes": "one entry per output unit (as in b2)",
            "tolerance": 1e-6,
            "praise": "",
            "generic_hint": "The matrix is right. Multiply out (X @ W0 + b1) @ W1 + b2 "
            "and collect what does not depend on X.",
            "what": "b",
        },
    )
    return WebCheck(
        "two_linear_layers",
        (
            Field("W", "W, rows as [[a, b], [c, d]]"),
            Field("b", "b, as [a, b]"),
        ),
        (matrix, bias),
        praise="Two linear layers are one linear layer: no hidden layer of linear "
        "units can draw anything but a straight line.",
        swapped="You swapped the two answers: both are right, but each is in the "
        "other's box. W is the matrix, b the bias vector.",
    )


def two_linear_layers(W: ArrayLike, b: ArrayLike) -> Feedback:
    """Exercise: the single layer ``(W, b)`` equal to the chapter's two linear layers.

    The layers are ``A = X @ W0 + b1`` and ``Y = A @ W1 + b2`` with the
    module's constants ``W0, b1, W1, b2``.

    Examples
    --------
    >>> two_linear_layers(W0 + W1, b1 + b2).correct
    False
    """
    return two_linear_layers_form().judge(W, b)
