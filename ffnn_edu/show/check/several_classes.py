"""Self-checks for the chapter on several classes (softmax, categorical loss)."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ffnn_edu.experiments.multiclass import squared_error_logit_gradient
from ffnn_edu.nn.activations import sigmoid, softmax
from ffnn_edu.nn.preprocessing import one_hot

from .feedback import Feedback
from .web import Field, Stage, WebCheck, near, reordered, sum_off, web_check

#: The logits and true class of the squared-error softmax exercise (chapter 10).
SQUARED_LOGITS, SQUARED_CLASS = (1.0, 0.0, -1.0), 1

__all__ = ["softmax_probabilities", "logit_gradient", "squared_error_softmax_delta"]

#: Logits of the softmax exercise.
SOFTMAX_LOGITS = (2.0, 1.0, -1.0)
#: Logits and true class (0-based) of the derivative exercise.
GRADIENT_LOGITS, GRADIENT_CLASS = (1.5, -0.5, 0.3), 2


def _wrong_order(logits: tuple[float, ...], entry: str) -> str:
    """What an answer of the right values in another order is told (not the values).

    An answer that is rounded to two decimals counts as right values too, so the
    rules that find it allow the stage's tolerance plus 5e-3.
    """
    listed = ", ".join(f"{v:g}" for v in logits)
    return (
        f"Right values, wrong order: give {entry} per class, in the order of the "
        f"logits ({listed})."
    )


@web_check
def softmax_probabilities_form() -> WebCheck:
    """The softmax exercise, for the Python check and the web page."""
    z = np.array(SOFTMAX_LOGITS)
    stage = Stage(
        "compare",
        ("answer",),
        softmax(z),
        hints=[
            (
                near(np.exp(z), atol=5e-4),
                "Those are the exponentials. Divide each by their sum, so that the "
                "three probabilities add up to 1.",
            ),
            (
                near(z / z.sum(), atol=5e-4),
                "Dividing the logits by their sum can give negative numbers and "
                "numbers above 1. Exponentiate first, then normalise.",
            ),
            (
                near(sigmoid(z), atol=5e-4),
                "That is a sigmoid of each logit on its own: the three numbers do not "
                "add up to 1. The softmax divides by a sum over all three outputs.",
            ),
            *reordered(softmax(z), _wrong_order(SOFTMAX_LOGITS, "one probability")),
            (
                sum_off(1.0, atol=1e-3, rtol=0.0),
                "Probabilities of three classes that exclude each other must add up to "
                "1; yours do not.",
            ),
        ],
        options={
            "axes": "one probability per class, in the order of the logits (2, 1, -1)",
            "praise": "The largest logit gets most of the probability, and the three "
            "add up to 1.",
            "generic_hint": "Compute e^z for each logit, add the three, and divide "
            "each by the sum.",
        },
    )
    return WebCheck(
        "softmax_probabilities",
        (Field("answer", "Three probabilities, e.g. 0.1, 0.2, 0.7"),),
        (stage,),
    )


def softmax_probabilities(answer: ArrayLike) -> Feedback:
    """Exercise: the softmax of the logits (2, 1, -1), as three probabilities.

    Examples
    --------
    >>> softmax_probabilities([0.5, 0.3, 0.2]).correct
    False
    """
    return softmax_probabilities_form().judge(answer)


@web_check
def logit_gradient_form() -> WebCheck:
    """dE/dz of softmax and cross-entropy, for the Python check and the page."""
    y = softmax(np.array(GRADIENT_LOGITS))
    t = one_hot([GRADIENT_CLASS], 3)[0]
    stage = Stage(
        "compare",
        ("answer",),
        y - t,
        hints=[
            (
                near(t - y, atol=5e-4),
                "Check the sign: raising the logit of the true class lowers the error, "
                "so that entry of the gradient must be negative.",
            ),
            (
                near(y, atol=5e-4),
                "Those are the softmax outputs themselves. The target still has to "
                "enter the gradient.",
            ),
            (
                near(-t / y, atol=5e-4),
                "That is dE/dy, the derivative with respect to the outputs. The "
                "exercise asks for the logits: multiply by the softmax's slopes and "
                "add up over the outputs.",
            ),
            (
                near(y * (1 - y) * (y - t), atol=5e-4),
                "That treats each output as a separate sigmoid with its own slope y(1 "
                "- y). In a softmax every output depends on every logit; with the "
                "cross-entropy those slopes cancel.",
            ),
            *reordered(y - t, _wrong_order(GRADIENT_LOGITS, "one entry dE/dz_k")),
            (
                sum_off(0.0, atol=1e-3, rtol=0.0),
                "The three entries of this gradient add up to 0 (outputs and targets "
                "both add up to 1); yours do not.",
            ),
        ],
        options={
            "axes": "one entry dE/dz_k per class k, in the order of the logits",
            "praise": "The gradient with respect to the logits is the output minus the "
            "target.",
            "generic_hint": "Compute the softmax of the logits, then apply the "
            "chapter's result for dE/dz.",
        },
    )
    return WebCheck(
        "logit_gradient", (Field("answer", "Three entries of dE/dz"),), (stage,)
    )


def logit_gradient(answer: ArrayLike) -> Feedback:
    """Exercise: dE/dz for logits (1.5, -0.5, 0.3), true class 2, one-hot (0, 0, 1).

    ``E`` is the categorical cross-entropy of the softmax output.

    Examples
    --------
    >>> logit_gradient([0.0, 0.0, 0.0]).correct
    False
    """
    return logit_gradient_form().judge(answer)


def _close(value: ArrayLike, tolerance: float = 5e-4):
    target = np.asarray(value, dtype=float)
    return lambda a: (
        a.shape == target.shape and bool(np.allclose(a, target, atol=tolerance))
    )


@web_check
def squared_error_softmax_delta_form() -> WebCheck:
    """dE/dz of a softmax output under the squared error, for Python and the page."""
    z = np.array(SQUARED_LOGITS)
    y = softmax(z)
    t = one_hot([SQUARED_CLASS], 3)[0]
    delta = squared_error_logit_gradient(z, t)
    tol = 5e-4
    stage = Stage(
        "compare",
        ("answer",),
        delta,
        hints=[
            (
                near(-delta, atol=tol),
                "Check the sign: the true class's output is too small, so raising its "
                "logit must lower the error, and that entry must be negative.",
            ),
            (
                near(y * (1 - y) * (y - t), atol=tol),
                "That uses only the diagonal of the softmax's Jacobian, "
                "(y - t) y (1 - y), as for separate sigmoids. Every output depends on "
                "every logit: add the terms -y_k y_j of the other outputs.",
            ),
            (
                near(y - t, atol=tol),
                "That is dE/dy, which for the squared error is also the "
                "cross-entropy's delta. Multiply it by the softmax's Jacobian: "
                "nothing cancels this time.",
            ),
            (
                near(y * (y - t), atol=tol),
                "Almost: that is the first part, y_j (y_j - t_j). Subtract y_j times "
                "the sum over k of y_k (y_k - t_k), which the off-diagonal slopes add.",
            ),
            *(
                (
                    near(factor * delta, atol=tol),
                    "Off by a factor of 2: check the 1/2 in front of E's sum and what "
                    "the derivative of a square brings down.",
                )
                for factor in (2.0, 0.5)
            ),
            *reordered(
                delta,
                _wrong_order(SQUARED_LOGITS, "one entry dE/dz_k"),
            ),
            (
                sum_off(0.0, atol=1e-3, rtol=0.0),
                "The three entries add up to 0 (adding the same number to every "
                "logit changes no output, so it cannot change E); yours do not.",
            ),
        ],
        options={
            "axes": "one entry dE/dz_k per class k, in the order of the logits",
            "tolerance": tol,
            "praise": "Every entry carries its own output y_j as a factor: nothing "
            "cancels as with the cross-entropy.",
            "generic_hint": "Compute y = softmax(z), then delta_j = sum over k of "
            "(y_k - t_k) y_k (I_kj - y_j).",
        },
    )
    return WebCheck(
        "squared_error_softmax_delta",
        (Field("answer", "dE/dz, as [a, b, c]"),),
        (stage,),
    )


def squared_error_softmax_delta(answer: ArrayLike) -> Feedback:
    """Exercise: dE/dz of a softmax output under the squared error, by hand.

    Logits ``SQUARED_LOGITS``, true class ``SQUARED_CLASS`` (one-hot target), and
    :math:`E = \\tfrac12 \\sum_k (y_k - t_k)^2`.

    Examples
    --------
    >>> squared_error_softmax_delta([0.0, 0.0, 0.0]).correct
    False
    """
    return squared_error_softmax_delta_form().judge(answer)
