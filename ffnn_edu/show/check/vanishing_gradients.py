"""Self-checks for the chapter on vanishing and exploding gradients."""

from __future__ import annotations

from ffnn_edu.experiments.worked_examples import BACKPROP_221, backprop_221_values

from .feedback import Feedback
from .web import (
    Field,
    Stage,
    WebCheck,
    at_most,
    at_zero,
    near,
    positive,
    web_check,
)

__all__ = ["sigmoid_chain_bound", "update_ratio_w5_w1", "linear_chain_factor"]

#: Sigmoid layers in exercise 1.
CHAIN_LAYERS = 6
#: Exercise 3: layers of a linear network whose weight matrices are all GAIN times the
#: identity.
LINEAR_LAYERS, LINEAR_GAIN = 8, 2.0


@web_check
def sigmoid_chain_bound_form() -> WebCheck:
    """The bound on six sigmoid slopes, for the Python check and the web page."""
    k = CHAIN_LAYERS
    expected = 0.25**k
    off_by_one = "Off by one layer: count one sigmoid slope per layer, six in all."
    stage = Stage(
        "compare",
        ("value",),
        expected,
        hints=[
            (
                near(1.0),
                "That is the bound the textbook's 'between 0 and 1' gives, and it "
                "bounds nothing. What is the largest value sigma'(z) can take?",
            ),
            (near(0.25 * k), "The slopes are multiplied along the chain, not added."),
            (
                near(4.0**k),
                "That is how many times smaller the gradient gets at least: the "
                "question asks for the factor itself, a number below 1.",
            ),
            (near(0.25 ** (k - 1), rtol=0.01), off_by_one),
            (near(0.25 ** (k + 1), rtol=0.01), off_by_one),
            (at_most(0.0), "A product of positive slopes is positive."),
        ],
        options={
            "tolerance": 0.01 * expected,
            "praise": "Six sigmoid slopes can scale a gradient by at most 1/4096.",
            "generic_hint": "Find the maximum of sigma'(z) = sigma(z)(1 - sigma(z)) "
            "and multiply it by itself once per layer.",
        },
    )
    return WebCheck(
        "sigmoid_chain_bound", (Field("value", "Largest factor"),), (stage,)
    )


def sigmoid_chain_bound(value: float) -> Feedback:
    """Exercise: the largest factor six sigmoid slopes in a chain can contribute.

    Examples
    --------
    >>> sigmoid_chain_bound(1.0).correct
    False
    """
    return sigmoid_chain_bound_form().judge(value)


@web_check
def update_ratio_w5_w1_form() -> WebCheck:
    """How much farther w5 moves than w1, for the Python check and the page."""
    v = backprop_221_values()
    w = BACKPROP_221["w"]
    step5, step1 = abs(v["w5_new"] - w["w5"]), abs(v["w1_new"] - w["w1"])
    expected = step5 / step1
    weights = "That compares the weights themselves; compare how far each one moved."
    stage = Stage(
        "compare",
        ("ratio",),
        expected,
        hints=[
            at_zero(
                "A ratio of 0 says that w5 did not move at all, but both weights move "
                "in this step: divide the step of w5 by the step of w1."
            ),
            positive(
                "The ratio of two distances |w_new - w_old| is positive. Check the "
                "sign."
            ),
            (
                near(1.0 / expected, rtol=0.02),
                "Upside down: divide the step of w5 by the step of w1.",
            ),
            (near(w["w5"] / w["w1"], rtol=0.02), weights),
            (near(v["w5_new"] / v["w1_new"], rtol=0.02), weights),
            (
                near(expected, rtol=0.1),
                "Nearly: use more digits (the textbook's four-decimal values are too "
                "coarse for the step of w1).",
            ),
        ],
        options={
            "tolerance": 0.01 * expected,
            "praise": "The output weight moved about fifty times as far as w1 in the "
            "same step.",
            "generic_hint": "Compute |w_new - w_old| for w5 and for w1 with "
            "backprop_221_values(), then divide.",
        },
    )
    return WebCheck("update_ratio_w5_w1", (Field("ratio", "Ratio"),), (stage,))


def update_ratio_w5_w1(ratio: float) -> Feedback:
    """Exercise: how many times larger w5's update is than w1's (2-2-1 example).

    Examples
    --------
    >>> update_ratio_w5_w1(0.019).correct
    False
    """
    return update_ratio_w5_w1_form().judge(ratio)


@web_check
def linear_chain_factor_form() -> WebCheck:
    """The growth through eight linear layers, for the Python check and the page."""
    expected = LINEAR_GAIN**LINEAR_LAYERS
    off_by_one = (
        "Off by one: the vector passes through one weight matrix per layer, eight in "
        "all."
    )
    stage = Stage(
        "compare",
        ("value",),
        expected,
        hints=[
            (
                near(LINEAR_GAIN * LINEAR_LAYERS),
                "Each layer multiplies the backpropagated vector; the factors "
                "multiply, they do not add.",
            ),
            (near(LINEAR_GAIN ** (LINEAR_LAYERS - 1)), off_by_one),
            (near(LINEAR_GAIN ** (LINEAR_LAYERS + 1)), off_by_one),
            (
                near(1.0 / expected),
                "The weights are larger than 1, so the gradient grows on its way back.",
            ),
            (
                near(1.0),
                "A linear unit has slope 1, but the weights still scale the vector at "
                "every layer.",
            ),
        ],
        options={
            "tolerance": 1e-6 * expected,
            "praise": "The slope of a linear unit is 1, so only the weights count: 2 "
            "to the 8th.",
            "generic_hint": "Going back through one layer multiplies the vector by the "
            "transposed weight matrix and by the slopes (here all 1).",
        },
    )
    return WebCheck("linear_chain_factor", (Field("value", "Factor"),), (stage,))


def linear_chain_factor(value: float) -> Feedback:
    """Exercise: growth of the gradient through eight linear layers with weights 2 I.

    Examples
    --------
    >>> linear_chain_factor(16).correct
    False
    """
    return linear_chain_factor_form().judge(value)
