"""Self-checks for the chapter on the learning rate and momentum."""

from __future__ import annotations

import numpy as np

from .feedback import Feedback
from .web import Field, Stage, WebCheck, at_zero, near, positive, web_check

__all__ = [
    "ADAM_EXERCISE",
    "MOMENTUM_EXERCISE",
    "adam_step",
    "largest_stable_eta",
    "momentum_step",
]

#: The numbers of the momentum exercise: the weight has been moving down (0.50 -> 0.42)
#: and the slope still points the same way.
MOMENTUM_EXERCISE = {
    "w_older": 0.50,
    "w_old": 0.42,
    "gradient": 0.2,
    "eta": 0.1,
    "mu": 0.9,
}


@web_check
def momentum_step_form() -> WebCheck:
    """The momentum exercise, for the Python check and the web page."""
    e = MOMENTUM_EXERCISE
    previous = e["w_old"] - e["w_older"]
    descent = e["w_old"] - e["eta"] * e["gradient"]
    stage = Stage(
        "compare",
        ("new_weight",),
        descent + e["mu"] * previous,
        hints=[
            (
                near(descent + e["mu"] * abs(previous), atol=5e-4),
                "You took the absolute value of the previous change, as the source "
                "textbook prints it (see the errata page). The weight was moving down, "
                "and momentum should keep it moving down.",
            ),
            (
                near(descent, atol=5e-4),
                "That is a plain gradient-descent step: add mu times the previous "
                "change.",
            ),
            (
                near(
                    e["w_old"] + e["eta"] * e["gradient"] + e["mu"] * previous,
                    atol=5e-4,
                ),
                "The gradient term goes the wrong way: subtract eta times the "
                "gradient.",
            ),
            (
                near(descent + e["mu"] * e["w_old"], atol=5e-4),
                "Momentum keeps a share of the previous *change* w_old - w_older, not "
                "of the weight itself.",
            ),
        ],
        options={
            "tolerance": 5e-4,
            "praise": "That is the classical momentum step.",
            "generic_hint": "w_new = w_old - eta * dE/dw + mu * (w_old - w_older).",
        },
    )
    return WebCheck("momentum_step", (Field("new_weight", "New weight"),), (stage,))


def momentum_step(new_weight: float) -> Feedback:
    """Exercise: a step of classical momentum with the numbers of ``MOMENTUM_EXERCISE``.

    Examples
    --------
    >>> momentum_step(0.5).correct
    False
    """
    return momentum_step_form().judge(new_weight)


@web_check
def largest_stable_eta_form() -> WebCheck:
    """The stable-rate limit on the stretched bowl, for Python and the web page."""
    stretch = 20.0
    stage = Stage(
        "limit",
        ("eta",),
        2.0 / stretch,
        hints=[
            at_zero(
                "With eta = 0 no step moves the weights: nothing goes uphill, but "
                "nothing is learned either. The limit is the largest rate "
                "at which the steps still converge."
            ),
            positive(
                "A learning rate is positive: with eta below 0 every step goes uphill, "
                "along the gradient. Check the sign."
            ),
            (
                near(2.0, atol=1e-3),
                "That is the limit for the shallow direction w1. The steep direction "
                "w2 explodes much earlier.",
            ),
            (
                near(1.0 / stretch, atol=1e-3),
                "With that rate the steep direction reaches its bottom in one step. "
                "Gradient descent still converges (zig-zagging) for somewhat larger "
                "rates.",
            ),
            (
                near(1.0, atol=1e-3),
                "That rate reaches the bottom of the shallow direction in one step, "
                "but the steep direction blows up long before.",
            ),
        ],
        options={
            "praise": "Above this rate each step across the valley overshoots "
            "by more than the distance it started from.",
            "generic_hint": "Along a direction with curvature c, one step multiplies "
            "the distance to the minimum by (1 - eta c). When does that factor leave "
            "[-1, 1]?",
        },
    )
    return WebCheck("largest_stable_eta", (Field("eta", "Largest stable η"),), (stage,))


def largest_stable_eta(eta: float) -> Feedback:
    """Exercise: the learning rate above which gradient descent explodes on a quadratic.

    The error is :math:`E = \\tfrac12 (w_1^2 + 20\\,w_2^2)`.

    Examples
    --------
    >>> largest_stable_eta(2.0).correct
    False
    >>> largest_stable_eta(0.099).correct   # just below the limit still converges
    True
    """
    return largest_stable_eta_form().judge(eta)


#: The numbers of the Adam exercise: one step has been taken (t = 1) on the gradient
#: 0.2 from w = 1, leaving w = 0.9 and the averages m and r below; the next gradient is
#: 0.1.
ADAM_EXERCISE = {
    "w": 0.9,
    "m": 0.02,
    "r": 0.00004,
    "t": 1,
    "gradient": 0.1,
    "eta": 0.1,
    "beta1": 0.9,
    "beta2": 0.999,
    "epsilon": 1e-8,
}


def _adam_w(
    *,
    correct_m: bool = True,
    correct_r: bool = True,
    t: int = 2,
    numerator: str = "m",
    square: bool = True,
) -> float:
    """The new weight of the Adam exercise, or of a typical slip of it."""
    e = ADAM_EXERCISE
    g = e["gradient"]
    m = e["beta1"] * e["m"] + (1 - e["beta1"]) * g
    r = e["beta2"] * e["r"] + (1 - e["beta2"]) * (g * g if square else g)
    m_hat = m / (1 - e["beta1"] ** t) if correct_m else m
    r_hat = r / (1 - e["beta2"] ** t) if correct_r else r
    top = m_hat if numerator == "m" else g
    return e["w"] - e["eta"] * top / (np.sqrt(r_hat) + e["epsilon"])


@web_check
def adam_step_form() -> WebCheck:
    """Adam's second step in the exercise's numbers, for Python and the web page."""
    e = ADAM_EXERCISE
    tol = 5e-4
    stage = Stage(
        "compare",
        ("new_weight",),
        _adam_w(),
        hints=[
            (
                near(_adam_w(correct_m=False, correct_r=False), atol=tol),
                "You used the averages m and r as they are. Both started at 0, so "
                "Adam divides them by 1 - beta1^t and 1 - beta2^t first.",
            ),
            (
                near(_adam_w(t=1), atol=tol),
                "This is the second step: t = 2 in the bias correction, not 1.",
            ),
            (
                near(_adam_w(correct_r=False), atol=tol),
                "You corrected m but not r: divide r by 1 - beta2^t too.",
            ),
            (
                near(_adam_w(correct_m=False), atol=tol),
                "You corrected r but not m: divide m by 1 - beta1^t too.",
            ),
            (
                near(_adam_w(numerator="g"), atol=tol),
                "The step's numerator is the corrected average m_hat, not the new "
                "gradient itself.",
            ),
            (
                near(_adam_w(square=False), atol=tol),
                "r averages the squares of the gradients: add (1 - beta2) g^2, not "
                "(1 - beta2) g.",
            ),
            (
                near(e["w"] - e["eta"], atol=tol),
                "That is a step of exactly eta, as in the first step. Update m and r "
                "with the new gradient first; the step is then a little smaller.",
            ),
            (
                near(2 * e["w"] - _adam_w(), atol=tol),
                "The step goes the wrong way: subtract it from w.",
            ),
        ],
        options={
            "tolerance": tol,
            "praise": "That is Adam's second step (Kingma and Ba's Algorithm 1).",
            "generic_hint": "m <- beta1 m + (1 - beta1) g and r <- beta2 r + "
            "(1 - beta2) g^2; then w <- w - eta m_hat / (sqrt(r_hat) + epsilon), with "
            "m_hat = m / (1 - beta1^t), r_hat = r / (1 - beta2^t) and t = 2.",
        },
    )
    return WebCheck(
        "adam_step", (Field("new_weight", "w after the second step"),), (stage,)
    )


def adam_step(new_weight: float) -> Feedback:
    """Exercise: the second step of Adam with the numbers of ``ADAM_EXERCISE``.

    Examples
    --------
    >>> adam_step(0.8).correct
    False
    """
    return adam_step_form().judge(new_weight)
