"""Self-checks for the chapter on cross-entropy and the learning slowdown."""

from __future__ import annotations

import functools

import numpy as np

from ffnn_edu.experiments.learning_slowdown import (
    backprop_delta,
    train_confidently_wrong,
)
from ffnn_edu.nn.activations import sigmoid
from ffnn_edu.nn.losses import categorical_cross_entropy

from .feedback import Feedback
from .web import (
    Field,
    Stage,
    WebCheck,
    at_zero,
    equals,
    near,
    positive,
    web_check,
)

__all__ = [
    "cross_entropy_delta",
    "slowdown_epochs",
    "mean_learning_rate",
    "cross_entropy_minimum",
]


# Exercise 1: a sigmoid output neuron with logit z = 1.5 and target t = 1.
_Z, _T = 1.5, 1.0
# Exercise 2: the confidently wrong start w = b = 2.5, input 1, target 0, eta = 0.15.
_W = _B = 2.5
# Exercise 3: the textbook's error on n = 50 samples with eta = 0.02.
_N, _ETA = 50, 0.02


@web_check
def cross_entropy_delta_form() -> WebCheck:
    """The cross-entropy's delta at z = 1.5, for the Python check and the web page."""
    y = float(sigmoid(_Z))
    exact = float(backprop_delta("binary_cross_entropy", y, _T))
    tol = 5e-4
    stage = Stage(
        "compare",
        ("value",),
        exact,
        hints=[
            (
                near(-exact, atol=tol),
                "The size is right but the sign is not: the output is below its target "
                "1, so raising z must lower the error.",
            ),
            (
                near(float(backprop_delta("half_sse", y, _T)), atol=tol),
                "That is the squared error's delta, with the factor y(1 - y); for the "
                "cross-entropy that factor cancels.",
            ),
            (
                near(-_T / y, atol=tol),
                "That is dE/dy; multiply it by dy/dz = y(1 - y) to reach dE/dz.",
            ),
            (
                near(_Z - _T, atol=tol),
                "You used the logit z where the output y = sigma(z) belongs.",
            ),
            (
                near(y * (1 - y), atol=tol),
                "That is only dy/dz, the sigmoid's slope; it is one of the two "
                "factors.",
            ),
            (near(y, atol=tol), "That is the output y itself; the target enters too."),
        ],
        options={
            "tolerance": tol,
            "praise": "The sigmoid's slope cancelled, as the derivation promises.",
            "generic_hint": "Compute y = sigma(1.5) first; the chain rule dE/dy * "
            "dy/dz then simplifies to an expression in y and t alone.",
        },
    )
    return WebCheck("cross_entropy_delta", (Field("value", "dE/dz"),), (stage,))


def cross_entropy_delta(value: float) -> Feedback:
    """Exercise: the cross-entropy's :math:`\\partial E/\\partial z` at z = 1.5, t = 1.

    Examples
    --------
    >>> cross_entropy_delta(0.0).correct
    False
    """
    return cross_entropy_delta_form().judge(value)


@functools.cache
def _slowdown_counts() -> tuple[int | None, int | None, int | None]:
    """Epochs until right (computed once): three runs of train_confidently_wrong.

    From w = b = 2.5 with the squared error and with the cross-entropy, and with the
    squared error from the chapter's start (the function's defaults, w = b = 2).
    """
    slow = train_confidently_wrong(
        "half_sse", w=_W, b=_B, epochs=2000
    ).epochs_until_right()
    fast = train_confidently_wrong(
        "binary_cross_entropy", w=_W, b=_B, epochs=200
    ).epochs_until_right()
    chapter = train_confidently_wrong("half_sse", epochs=2000).epochs_until_right()
    return slow, fast, chapter


@web_check
def slowdown_epochs_form() -> WebCheck:
    """Epochs of the slow start, for the Python check and the page."""
    slow, fast, chapter = _slowdown_counts()
    stage = Stage(
        "count",
        ("epochs",),
        slow,
        hints=[
            (
                equals(fast),
                "That is the cross-entropy run; the exercise asks about the squared "
                "error half_sse.",
            ),
            (
                equals(chapter),
                "That is the count for the chapter's start w = b = 2; start from w = b "
                "= 2.5.",
            ),
            (
                near(slow, atol=2, rtol=0),
                "Very close: count epochs as epochs_until_right() does (epoch 0 is the "
                "start).",
            ),
        ],
        options={
            "generic_hint": "Not that count. Run train_confidently_wrong with w=2.5, "
            "b=2.5 and loss half_sse, and let epochs_until_right() count.",
            "praise": "A start only a little more confident makes the squared error "
            "far slower, while the cross-entropy hardly notices.",
            "not_whole": "Epochs come in whole numbers: give the count "
            "epochs_until_right() returns.",
        },
    )
    return WebCheck("slowdown_epochs", (Field("epochs", "Epochs"),), (stage,))


def slowdown_epochs(epochs: int | None) -> Feedback:
    """Exercise: epochs until the squared-error neuron from w = b = 2.5 outputs below ½.

    Examples
    --------
    >>> slowdown_epochs(10).correct
    False
    """
    if epochs is None:
        return Feedback(
            False,
            "epochs_until_right() returned None: the run ended before the output fell "
            "below 1/2. Give train_confidently_wrong more epochs.",
        )
    return slowdown_epochs_form().judge(epochs)


@web_check
def mean_learning_rate_form() -> WebCheck:
    """The learning rate for the mean error, for the Python check and the page."""
    exact = _N * _ETA / 2
    stage = Stage(
        "compare",
        ("eta",),
        exact,
        hints=[
            at_zero(
                "With eta = 0 no step moves the weights: nothing goes uphill, but "
                "nothing is learned either. The mean needs a rate that "
                "takes the same steps as the sum."
            ),
            positive(
                "A learning rate is positive: with eta below 0 every step goes uphill, "
                "along the gradient. Check the sign."
            ),
            (
                near(_ETA, rtol=1e-6),
                "With the same learning rate the mean takes much shorter steps: its "
                "gradient is smaller.",
            ),
            (
                near(_N * _ETA, rtol=1e-6),
                "Almost: the mean divides by n, but mse also drops the factor 1/2 of "
                "half_sse, which doubles its gradient.",
            ),
            *(
                (
                    near(wrong, rtol=1e-6),
                    "The wrong way round: the mean's gradient is the smaller one, so "
                    "its learning rate must be the larger one.",
                )
                for wrong in (_ETA / _N, 2 * _ETA / _N)
            ),
        ],
        options={
            "tolerance": 1e-9 + 1e-6 * exact,
            "praise": "Same steps, same weights: only the product of learning rate and "
            "gradient matters.",
            "generic_hint": "Write both gradients for one sample's error and compare "
            "the factors: 1/2 and a sum against a mean without the 1/2.",
        },
    )
    return WebCheck("mean_learning_rate", (Field("eta", "Learning rate η"),), (stage,))


def mean_learning_rate(eta: float) -> Feedback:
    """Exercise: the η for ``mse`` that repeats ``half_sse`` at η = 0.02 on 50 samples.

    Examples
    --------
    >>> mean_learning_rate(0.02).correct
    False
    """
    return mean_learning_rate_form().judge(eta)


#: Exercise 4: the target strictly between 0 and 1 whose smallest error is asked for.
SOFT_TARGET = 0.3


def _cross_entropy(y: float, t: float) -> float:
    """-[t ln y + (1 - t) ln(1 - y)], by the package: the two-class categorical loss."""
    return categorical_cross_entropy([[y, 1.0 - y]], [[t, 1.0 - t]])


@web_check
def cross_entropy_minimum_form() -> WebCheck:
    """The smallest cross-entropy for a soft target, for Python and the web page."""
    t = SOFT_TARGET
    exact = _cross_entropy(t, t)
    tol = 5e-4
    one_term = (
        "That is one of the two terms. With a target strictly between 0 and 1 both "
        "terms count."
    )
    stage = Stage(
        "compare",
        ("value",),
        exact,
        hints=[
            (
                near(0.0, atol=tol),
                "The error reaches 0 only for a target of exactly 0 or 1. With "
                "t = 0.3 even the best output leaves some error: evaluate E at the "
                "output where its derivative vanishes.",
            ),
            (
                near(float(np.log(2.0)), atol=tol),
                "That is E at y = 1/2, which is the same for every target. The "
                "minimum lies elsewhere: set dE/dy = 0 and solve for y.",
            ),
            (
                near(t, atol=tol),
                "That is where the minimum lies, the output y. The exercise asks for "
                "the value of E there.",
            ),
            (
                near(-exact, atol=tol),
                "Check the sign: ln of a number below 1 is negative, and the minus in "
                "front of the bracket makes E positive.",
            ),
            (
                near(exact / float(np.log(10.0)), atol=tol),
                "That uses the logarithm to base 10; the cross-entropy uses the "
                "natural logarithm ln.",
            ),
            (
                near(exact / float(np.log(2.0)), atol=tol),
                "That uses the logarithm to base 2 (bits); the cross-entropy uses the "
                "natural logarithm ln.",
            ),
            (near(float(-t * np.log(t)), atol=tol), one_term),
            (near(float(-(1 - t) * np.log(1 - t)), atol=tol), one_term),
        ],
        options={
            "tolerance": tol,
            "praise": "The smallest error for this target is not 0: it is the entropy "
            "of the target itself.",
            "generic_hint": "Find the y where dE/dy = (y - t) / (y (1 - y)) is 0, and "
            "put it into E(y) = -[t ln y + (1 - t) ln(1 - y)] with t = 0.3.",
        },
    )
    return WebCheck(
        "cross_entropy_minimum", (Field("value", "Smallest E for t = 0.3"),), (stage,)
    )


def cross_entropy_minimum(value: float) -> Feedback:
    """Exercise: the smallest value of :math:`E(y)` for the target ``SOFT_TARGET``.

    :math:`E(y) = -[t \\ln y + (1-t) \\ln(1-y)]` with :math:`t = 0.3`, over outputs
    :math:`0 < y < 1`. The minimum lies at :math:`y = t`.

    Examples
    --------
    >>> cross_entropy_minimum(0.0).correct
    False
    """
    return cross_entropy_minimum_form().judge(value)
