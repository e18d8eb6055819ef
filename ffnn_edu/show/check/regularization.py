"""Self-checks for the regularization chapter (L1 and L2 penalties)."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ffnn_edu.nn.regularization import Regularizer, l1_norm, l2_norm

from .feedback import Feedback
from .web import Field, Stage, WebCheck, near, not_negative, web_check

__all__ = ["norms_of_vector", "l2_update_step", "l1_clipped_step"]

#: The vector of the norm exercise.
NORM_VECTOR = (1.0, -2.0, 2.0)
#: One weight of the L2 exercise: value, dE/dw, learning rate, lambda, number of
#: samples.
L2_STEP = {"w": 0.8, "grad": 0.1, "eta": 0.5, "lam": 0.2, "n": 10}
#: One small weight of the L1 exercise (no error gradient, only the penalty acts).
L1_STEP = {"w": 0.003, "eta": 0.5, "lam": 0.1, "n": 10}


@web_check
def norms_of_vector_form() -> WebCheck:
    """The norm exercise, for the Python check and the web page."""
    v = np.array(NORM_VECTOR)
    first = Stage(
        "compare",
        ("l1",),
        l1_norm(v),
        hints=[
            not_negative(
                "A norm is never negative: the L1 norm adds up absolute values. "
                "Check the sign."
            ),
            (
                near(v.sum()),
                "You added the entries with their signs; the L1 norm adds their "
                "absolute values.",
            ),
            (
                near(l2_norm(v)),
                "That is the Euclidean length, the L2 norm; the L1 norm needs no "
                "squares.",
            ),
        ],
        options={
            "tolerance": 1e-3,
            "praise": "",
            "generic_hint": "The L1 norm is the sum of the absolute values of the "
            "entries.",
            "what": "the L1 norm",
        },
    )
    second = Stage(
        "compare",
        ("l2",),
        l2_norm(v),
        hints=[
            not_negative(
                "A norm is never negative: the L2 norm is the square root of a sum "
                "of squares. Check the sign."
            ),
            (
                near(float(v @ v)),
                "That is the squared L2 norm (the penalty's sum of squares); take its "
                "square root.",
            ),
            (
                near(l1_norm(v)),
                "That is the L1 norm again; square the entries, add them and take the "
                "root.",
            ),
        ],
        options={
            "tolerance": 1e-3,
            "praise": "Both norms are right.",
            "generic_hint": "The L1 norm is right; the L2 norm is the square root of "
            "the sum of squares.",
            "what": "the L2 norm",
        },
    )
    return WebCheck(
        "norms_of_vector",
        (Field("l1", "L1 norm"), Field("l2", "L2 norm")),
        (first, second),
        swapped="You swapped the two answers: both norms are right, but each is in "
        "the other's box. The L1 norm adds absolute values; the L2 norm is the "
        "length.",
    )


def norms_of_vector(l1: ArrayLike, l2: ArrayLike) -> Feedback:
    """Exercise: the L1 and L2 norms of :math:`v = (1, -2, 2)`.

    Examples
    --------
    >>> norms_of_vector(1.0, 9.0).correct
    False
    """
    return norms_of_vector_form().judge(l1, l2)


@web_check
def l2_update_step_form() -> WebCheck:
    """One L2-regularized step, for the Python check and the page."""
    s = L2_STEP
    reg = Regularizer("l2", s["lam"])
    penalty_grad = float(reg.gradient([np.array([s["w"]])], s["n"])[0][0])
    stage = Stage(
        "compare",
        ("new_w",),
        s["w"] - s["eta"] * (s["grad"] + penalty_grad),
        hints=[
            (
                near(s["w"] - s["eta"] * (s["grad"] + penalty_grad / 2), atol=2e-4),
                "You used lambda/n * w as the derivative of the penalty: the "
                "derivative of w**2 is 2w, a factor the textbook drops.",
            ),
            (
                near(s["w"] - s["eta"] * s["grad"], atol=2e-4),
                "That is the step without the penalty; add the derivative of "
                "(lambda/n) w**2.",
            ),
            (
                near(s["w"] - s["eta"] * (s["grad"] - penalty_grad), atol=2e-4),
                "The penalty pulls the weight towards 0: its derivative has the sign "
                "of w and is added to dE/dw.",
            ),
        ],
        options={
            "tolerance": 2e-4,
            "generic_hint": "Apply w - eta * (dE/dw + d/dw[(lambda/n) w**2]).",
        },
    )
    return WebCheck("l2_update_step", (Field("new_w", "New weight"),), (stage,))


def l2_update_step(new_w: ArrayLike) -> Feedback:
    """Exercise: one L2-regularized gradient step for the weight in ``L2_STEP``.

    Examples
    --------
    >>> l2_update_step(0.75).correct
    False
    """
    return l2_update_step_form().judge(new_w)


@web_check
def l1_clipped_step_form() -> WebCheck:
    """One clipped L1 step, for the Python check and the page."""
    s = L1_STEP
    w = np.array([s["w"]])
    Regularizer("l1", s["lam"]).shrink([w], s["eta"], s["n"])
    step = s["eta"] * s["lam"] / s["n"]
    factor = "The L1 step has length eta * lambda / n, with no factor 2 or 1/2."
    stage = Stage(
        "compare",
        ("new_w",),
        float(w[0]),
        hints=[
            (
                near(s["w"] - step, atol=1e-6),
                "A plain sign step crosses zero; the clipped step stops at zero "
                "instead.",
            ),
            (near(s["w"] - step / 2, atol=1e-6), factor),
            (near(s["w"] - 2 * step, atol=1e-6), factor),
            (
                near(s["w"] + step, atol=1e-6),
                "The penalty moves the weight towards zero, not away from it.",
            ),
        ],
        options={
            "tolerance": 1e-6,
            # true of any answer within the tolerance, not only of 0 itself (issue 16:
            # "lands exactly on it" praised 1e-20)
            "praise": "The step would cross zero, so the clipping stops the weight at "
            "zero.",
            "generic_hint": "Move the weight eta * lambda / n towards zero, but do not "
            "let it cross zero.",
        },
    )
    return WebCheck("l1_clipped_step", (Field("new_w", "New weight"),), (stage,))


def l1_clipped_step(new_w: ArrayLike) -> Feedback:
    """Exercise: the package's clipped L1 step for the small weight in ``L1_STEP``.

    Examples
    --------
    >>> l1_clipped_step(-0.002).correct
    False
    """
    return l1_clipped_step_form().judge(new_w)
