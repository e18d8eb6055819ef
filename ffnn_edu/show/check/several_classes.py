"""Self-checks for the chapter on several classes (softmax, categorical loss)."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ffnn_edu.nn.activations import sigmoid, softmax
from ffnn_edu.nn.preprocessing import one_hot

from .feedback import Feedback, compare

__all__ = ["softmax_probabilities", "logit_gradient"]

#: Logits of the softmax exercise.
SOFTMAX_LOGITS = (2.0, 1.0, -1.0)
#: Logits and true class (0-based) of the derivative exercise.
GRADIENT_LOGITS, GRADIENT_CLASS = (1.5, -0.5, 0.3), 2


def _close(value: ArrayLike, tolerance: float = 5e-4):
    target = np.asarray(value, dtype=float)
    return lambda a: (
        a.shape == target.shape and bool(np.allclose(a, target, atol=tolerance))
    )


def softmax_probabilities(answer: ArrayLike) -> Feedback:
    """Exercise: the softmax of the logits (2, 1, -1), as three probabilities.

    Examples
    --------
    >>> softmax_probabilities([0.5, 0.3, 0.2]).correct
    False
    """
    z = np.array(SOFTMAX_LOGITS)
    return compare(
        answer,
        softmax(z),
        hints=[
            (
                _close(np.exp(z)),
                "Those are the exponentials. Divide each by their sum, so that "
                "the three probabilities add up to 1.",
            ),
            (
                _close(z / z.sum()),
                "Dividing the logits by their sum can give negative numbers "
                "and numbers above 1. Exponentiate first, then normalise.",
            ),
            (
                _close(sigmoid(z)),
                "That is a sigmoid of each logit on its own: the three numbers "
                "do not add up to 1. The softmax divides by a sum over all "
                "three outputs.",
            ),
            (
                lambda a: a.shape == (3,) and abs(a.sum() - 1) > 1e-3,
                "Probabilities of three classes that exclude each other "
                "must add up to 1; yours do not.",
            ),
        ],
        praise=(
            "The largest logit gets most of the probability, and the three add up to 1."
        ),
        generic_hint=(
            "Compute e^z for each logit, add the three, and divide each by the sum."
        ),
    )


def logit_gradient(answer: ArrayLike) -> Feedback:
    """Exercise: dE/dz for logits (1.5, -0.5, 0.3), true class 2, one-hot (0, 0, 1).

    ``E`` is the categorical cross-entropy of the softmax output.

    Examples
    --------
    >>> logit_gradient([0.0, 0.0, 0.0]).correct
    False
    """
    y = softmax(np.array(GRADIENT_LOGITS))
    t = one_hot([GRADIENT_CLASS], 3)[0]
    return compare(
        answer,
        y - t,
        hints=[
            (
                _close(t - y),
                "Check the sign: raising the logit of the true class lowers the "
                "error, so that entry of the gradient must be negative.",
            ),
            (
                _close(y),
                "Those are the softmax outputs themselves. The target still has to "
                "enter the gradient.",
            ),
            (
                _close(-t / y),
                "That is dE/dy, the derivative with respect to the outputs. The "
                "exercise asks for the logits: multiply by the softmax's slopes "
                "and add up over the outputs.",
            ),
            (
                _close(y * (1 - y) * (y - t)),
                "That treats each output as a separate sigmoid with its own slope y(1 "
                "- y). In a softmax every output depends on every logit; with the "
                "cross-entropy those slopes cancel.",
            ),
            (
                lambda a: a.shape == (3,) and abs(a.sum()) > 1e-3,
                "The three entries of this gradient add up to 0 (outputs and targets "
                "both add up to 1); yours do not.",
            ),
        ],
        praise=(
            "The gradient with respect to the logits is the output minus the target."
        ),
        generic_hint=(
            "Compute the softmax of the logits, then apply "
            "the chapter's result for dE/dz."
        ),
    )
