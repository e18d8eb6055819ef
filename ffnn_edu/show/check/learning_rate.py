"""Self-checks for the chapter on the learning rate and momentum."""

from __future__ import annotations

from .feedback import Feedback
from .web import Field, Stage, WebCheck, near, web_check

__all__ = ["MOMENTUM_EXERCISE", "momentum_step", "largest_stable_eta"]

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
                "You took the absolute value of the previous change, as the textbook "
                "prints it. The weight was moving down, and momentum should keep it "
                "moving down.",
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
                "Momentum keeps a share of the previous *change* w_old - w_older, "
                "not of the weight itself.",
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
            (
                near(2.0, atol=1e-3),
                "That is the limit for the shallow direction w1. The steep direction "
                "w2 "
                "explodes much earlier.",
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
            "praise": "Right: above this rate each step across the valley overshoots "
            "by "
            "more than the distance it started from.",
            "generic_hint": "Along a direction with curvature c, one step multiplies "
            "the "
            "distance to the minimum by (1 - eta c). When does that factor leave "
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
