"""Self-checks for the chapter on the delta rule (the lunch example)."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ffnn_edu.experiments.worked_examples import LUNCH, SOURCE_LUNCH, lunch_values

from .feedback import Feedback
from .web import (
    Field,
    Stage,
    WebCheck,
    above,
    at_zero,
    below,
    near,
    positive,
    reordered,
    web_check,
)

__all__ = ["lunch_residual", "delta_rule_step", "lunch_stable_eta"]


def _step(residual: float, eta: float) -> np.ndarray:
    """The guessed prices after one delta-rule step with a given residual and rate."""
    return np.array(LUNCH["guess"]) + eta * np.array(LUNCH["quantities"]) * residual


@web_check
def lunch_residual_form() -> WebCheck:
    """The residual exercise, for the Python check and the web page."""
    v = lunch_values()
    exact = v["residual"]
    stage = Stage(
        "compare",
        ("r",),
        exact,
        hints=[
            (
                near(SOURCE_LUNCH["residual"], atol=5e-4),
                "That is the value the textbook prints, and it is off in the last "
                "digit: subtract the predicted bill from the amount paid once more.",
            ),
            (
                near(-exact, atol=5e-4),
                "Check the sign: the residual is t - y, the amount paid minus the "
                "prediction.",
            ),
            (
                near(v["true_bill"] - v["prediction"], atol=5e-4),
                "Compare the prediction with the bill that was actually paid, not with "
                "the bill the 'true' prices would give.",
            ),
        ],
        options={
            "tolerance": 5e-4,
            "praise": "The guessed prices make the meal too cheap by exactly this "
            "much.",
            "generic_hint": "Multiply each guessed price by its quantity, add the "
            "three products, and subtract the sum from the 3 euros paid.",
        },
    )
    return WebCheck("lunch_residual", (Field("r", "Residual t − y"),), (stage,))


def lunch_residual(r: float) -> Feedback:
    """Exercise: the residual :math:`t - y` of the textbook's first lunch.

    Examples
    --------
    >>> lunch_residual(0.35).correct
    False
    """
    return lunch_residual_form().judge(r)


@web_check
def delta_rule_step_form() -> WebCheck:
    """The prices after one delta-rule step, for the Python check and the page."""
    v = lunch_values()
    eta, r = LUNCH["eta"], v["residual"]
    guess = np.array(LUNCH["guess"])
    expected = np.array(v["updated_guess"])
    tol = 2e-4
    stage = Stage(
        "compare",
        ("new_prices",),
        expected,
        hints=[
            (
                near(_step(SOURCE_LUNCH["residual"], eta), atol=tol),
                "Almost: you used the textbook's residual. Recompute t - y first "
                "(Exercise 1).",
            ),
            (
                near(_step(-r, eta), atol=tol),
                "The prices moved the wrong way: the guess is too cheap, so every "
                "price must rise.",
            ),
            (
                near(_step(r, 1.0), atol=tol),
                "Don't forget the learning rate: every change is multiplied by eta = "
                "1/3.",
            ),
            (
                near(guess + eta * r, atol=tol),
                "Each change must also be multiplied by that item's quantity q_i.",
            ),
            (
                near(expected - guess, atol=tol),
                "Those are the changes; add them to the old prices (6, 3, 3).",
            ),
            *reordered(
                expected,
                "Right prices, wrong order: give them in the order chicken, zucchini, "
                "rice, as the quantities are listed.",
            ),
        ],
        options={
            "axes": "one new price per dish, in the order chicken, zucchini, rice",
            "tolerance": tol,
            "praise": "The prices of the items you bought more of moved more.",
            "generic_hint": "Each new price is old price + eta * quantity * residual, "
            "with eta = 1/3.",
        },
    )
    return WebCheck(
        "delta_rule_step", (Field("new_prices", "Three new prices"),), (stage,)
    )


def delta_rule_step(new_prices: ArrayLike) -> Feedback:
    """Exercise: the three prices after one delta-rule step with :math:`\\eta = 1/3`.

    Examples
    --------
    >>> delta_rule_step([6.12, 3.12, 3.12]).correct
    False
    """
    return delta_rule_step_form().judge(new_prices)


@web_check
def lunch_stable_eta_form() -> WebCheck:
    """The largest stable rate on the lunch, for the Python check and the page."""
    q = np.array(LUNCH["quantities"])
    norm2 = float(q @ q)
    depends = (
        "The limit depends on the quantities: one step multiplies the residual by 1 - "
        "eta * |q|^2."
    )
    stage = Stage(
        "limit",
        ("eta",),
        2.0 / norm2,
        hints=[
            at_zero(
                "With eta = 0 the factor 1 - eta |q|^2 is 1: the prices never move and "
                "the residual stays as it is. The limit is the largest rate at which "
                "the residual still shrinks."
            ),
            positive(
                "A learning rate is positive: with eta below 0 the factor 1 - eta "
                "|q|^2 exceeds 1, and the residual grows. Check the sign."
            ),
            (
                near(1.0 / norm2, atol=0.01),
                "At this rate one step removes the whole residual. A bit more "
                "overshoots, so the residual changes sign, but it can still shrink. "
                "When does it stop shrinking?",
            ),
            (near(2.0, atol=0.01), depends),
            (near(1.0, atol=0.01), depends),
            (
                below(2.0 / norm2),
                "Too small: somewhat larger rates still make the residual shrink.",
            ),
            (
                above(2.0 / norm2),
                "Too large: at this rate the residual grows from step to step. Try it.",
            ),
        ],
        options={
            "praise": "Below this rate |1 - eta |q|^2| < 1, so the residual shrinks; "
            "above it, the residual grows.",
            "generic_hint": "Write the new residual as a multiple of the old one and "
            "ask when that multiple has absolute value below 1.",
        },
    )
    return WebCheck("lunch_stable_eta", (Field("eta", "Largest stable η"),), (stage,))


def lunch_stable_eta(eta: float) -> Feedback:
    """Exercise: the largest learning rate at which repeated steps still converge.

    Repeating the step on the printed meal must still drive the residual to zero.

    Examples
    --------
    >>> lunch_stable_eta(1 / 3).correct
    False

    The answer is a limit: a value just below it is right, one just above it is not.

    >>> lunch_stable_eta(13.49).correct
    False
    """
    return lunch_stable_eta_form().judge(eta)
