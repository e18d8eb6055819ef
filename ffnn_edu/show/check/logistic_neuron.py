"""Self-checks for the chapter on the logistic neuron and the sigmoid's derivative."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ffnn_edu.nn.activations import sigmoid
from ffnn_edu.nn.logistic_neuron import logistic_neuron, logistic_rule_update

from .feedback import Feedback
from .web import Field, Stage, WebCheck, above, below, near, reordered, web_check

#: The tanh unit of the tanh-as-sigmoid exercise (chapter 4).
TANH_WEIGHTS, TANH_BIAS = (0.5, -1.2), 0.4

__all__ = [
    "sigmoid_slope_at_two",
    "logistic_step_target_zero",
    "saturation_logit",
    "tanh_as_sigmoid",
]

# The single training case of the chapter's learning-rule example.
_X = np.array([0.23, 0.82])
_W = np.array([0.1, 0.4])
_ETA = 0.7


@web_check
def sigmoid_slope_at_two_form() -> WebCheck:
    """The sigmoid's slope at z = 2, for the Python check and the web page."""
    y = float(sigmoid(2.0))
    near_ = 5e-4
    stage = Stage(
        "compare",
        ("slope",),
        y * (1.0 - y),
        hints=[
            (
                near(y, atol=near_),
                "That is the output y = sigma(2) itself; the slope is y times (1 - y).",
            ),
            (near(1.0 - y, atol=near_), "That is 1 - y; multiply it by the output y."),
            (
                near(2.0 * (1.0 - 2.0), atol=near_),
                "You put the logit z = 2 into y(1 - y); the formula needs the output y "
                "= sigma(2).",
            ),
            (
                near(np.exp(-2.0), atol=near_),
                "That is only the numerator e^(-z); divide it by (1 + e^(-z)) squared.",
            ),
            (
                below(0.0),
                "The logistic function only ever rises, so its slope is positive.",
            ),
            (above(0.25), "No logit gives the logistic function a slope above 1/4."),
        ],
        options={
            "tolerance": near_,
            "praise": "The slope is already well below its peak of 1/4 at z = 0.",
            "generic_hint": "Compute y = 1 / (1 + e^(-2)) first, then y (1 - y).",
        },
    )
    return WebCheck("sigmoid_slope_at_two", (Field("slope", "Slope dσ/dz"),), (stage,))


def sigmoid_slope_at_two(slope: float) -> Feedback:
    """Exercise: the slope :math:`d\\sigma/dz` of the logistic function at :math:`z=2`.

    Examples
    --------
    >>> sigmoid_slope_at_two(0.25).correct
    False
    """
    return sigmoid_slope_at_two_form().judge(slope)


@web_check
def logistic_step_target_zero_form() -> WebCheck:
    """One logistic-rule step with target 0, for the Python check and the page."""
    expected = logistic_rule_update(_X, 0.0, _W, eta=_ETA)
    y = float(logistic_neuron(_X, _W)[0])
    gradient = (_W - expected) / _ETA  # dE/dw for t = 0
    tol = 2e-4
    stage = Stage(
        "compare",
        ("new_weights",),
        expected,
        hints=[
            (
                near(logistic_rule_update(_X, 1.0, _W, eta=_ETA), atol=tol),
                "That is the step for target 1 from the text; redo it with t = 0.",
            ),
            (
                near(_W + _ETA * _X * (0.0 - y), atol=tol),
                "You used the delta rule: the logistic rule has the extra factor y(1 - "
                "y).",
            ),
            (
                near(_W + _ETA * gradient, atol=tol),
                "The weights moved the wrong way: with target 0 the output is too "
                "large, and both inputs are positive, so both weights must shrink.",
            ),
            (
                near(_W - gradient, atol=tol),
                "The direction is right but the step is too long or short: multiply "
                "the gradient by the learning rate 0.7.",
            ),
            (
                near(expected - _W, atol=tol),
                "Those look like the changes; add them to the old weights (0.1, 0.4).",
            ),
            *reordered(
                expected,
                "Right values, wrong order: w1 first (the weight of the input 0.23), "
                "then w2.",
            ),
        ],
        options={
            "axes": "one new weight per input, (w1, w2)",
            "tolerance": tol,
            "praise": "Both weights shrink, as they must when the output is too large.",
            "generic_hint": "Compute z, y = sigma(z), the factor y(1 - y)(t - y), and "
            "change each weight by 0.7 times its input times that factor.",
        },
    )
    return WebCheck(
        "logistic_step_target_zero",
        (Field("new_weights", "Two new weights"),),
        (stage,),
    )


def logistic_step_target_zero(new_weights: ArrayLike) -> Feedback:
    """Exercise: a step of the logistic rule for the chapter's case, but with target 0.

    Inputs (0.23, 0.82), weights (0.1, 0.4), :math:`\\eta = 0.7`, :math:`t = 0`.

    Examples
    --------
    >>> logistic_step_target_zero([0.1, 0.4]).correct
    False
    """
    return logistic_step_target_zero_form().judge(new_weights)


@web_check
def saturation_logit_form() -> WebCheck:
    """The logit where the slope falls to a tenth, for the Python check and the page."""
    y = (1.0 + np.sqrt(1.0 - 4.0 / 40.0)) / 2.0  # y(1 - y) = 1/40, upper root
    exact = float(np.log(y / (1.0 - y)))
    y_abs = (1.0 + np.sqrt(1.0 - 4.0 * 0.1)) / 2.0  # the mistake y(1 - y) = 0.1
    tol = 5e-3
    output = "That looks like an output, not a logit: apply z = ln(y / (1 - y))."
    stage = Stage(
        "compare",
        ("z",),
        exact,
        hints=[
            (
                near(-exact, atol=tol),
                "The curve of the slope is symmetric, so both signs work; give the "
                "positive logit.",
            ),
            (
                near(y, atol=tol),
                "That is the output y; turn it into a logit with z = ln(y / (1 - y)).",
            ),
            (
                near(np.log(y_abs / (1.0 - y_abs)), atol=tol),
                "You solved y(1 - y) = 0.1; the maximum slope is 1/4, so a tenth of it "
                "is 1/40.",
            ),
            (near(1.0 - y, atol=tol), output),
            (near(y_abs, atol=tol), output),
        ],
        options={
            "tolerance": tol,
            "praise": "Beyond this logit the neuron learns at under a tenth of its "
            "best speed.",
            "generic_hint": "Solve y(1 - y) = 1/40 for y (a quadratic; take the root "
            "above 1/2), then z = ln(y / (1 - y)).",
        },
    )
    return WebCheck("saturation_logit", (Field("z", "Logit z"),), (stage,))


def saturation_logit(z: float) -> Feedback:
    """Exercise: the positive logit where the sigmoid's slope is a tenth of its maximum.

    Examples
    --------
    >>> saturation_logit(-3.64).correct
    False
    """
    return saturation_logit_form().judge(z)


@web_check
def tanh_as_sigmoid_form() -> WebCheck:
    """The sigmoid unit equal to a tanh unit, for Python and the web page."""
    w, b = np.array(TANH_WEIGHTS), TANH_BIAS
    tol = 1e-6
    right = "The weights are right. "
    weights = Stage(
        "compare",
        ("weights",),
        2.0 * w,
        hints=[
            (
                near(w, atol=tol),
                "Those are the tanh unit's own weights. In tanh(z) = p sigma(qz) + r "
                "the sigmoid sees q times the logit, and q is not 1, so every weight "
                "changes.",
            ),
            (
                near(-2.0 * w, atol=tol),
                "That is the mirror image, with a negative q: since sigma(-x) = "
                "1 - sigma(x) it works too, but the exercise asks for q > 0.",
            ),
            (
                near(w / 2.0, atol=tol),
                "The wrong way round: the sigmoid is the flatter curve (its slope at "
                "0 is 1/4, the tanh's is 1), so it needs the larger weights.",
            ),
            (
                near(4.0 * w, atol=tol),
                "Too far: the factor p in front of sigma rescales the output, not the "
                "logit; only the factor q inside sigma(qz) goes into the weights.",
            ),
            *reordered(
                2.0 * w,
                "They hold the right values in the wrong order: w'1 first, then w'2.",
            ),
        ],
        options={
            "axes": "one weight w' per input, (w'1, w'2)",
            "tolerance": tol,
            "praise": "",
            "generic_hint": "Write the sigmoid's logit qz with z = w . x + b and read "
            "off what multiplies each input.",
            "what": "the weights w'",
        },
        prefix="The weights are not right yet. ",
    )
    moved = (
        right + "The shift r of p sigma(qz) + r acts on the output, after the "
        "sigmoid; it does not move the bias."
    )
    bias = Stage(
        "compare",
        ("bias",),
        2.0 * b,
        hints=[
            (
                near(b, atol=tol),
                right + "The bias is part of the logit z as well, so it is doubled "
                "like the weights.",
            ),
            (near(2.0 * b - 1.0, atol=tol), moved),
            (near(2.0 * b + 1.0, atol=tol), moved),
            (
                near(b / 2.0, atol=tol),
                right + "But the bias went the wrong way: it is part of the logit, "
                "which the sigmoid needs doubled.",
            ),
        ],
        options={
            "tolerance": tol,
            "praise": "",
            "generic_hint": right + "Treat the bias as the weight of an input that is "
            "always 1.",
            "what": "the bias b'",
        },
    )
    return WebCheck(
        "tanh_as_sigmoid",
        (Field("weights", "w', as [a, b]"), Field("bias", "b'")),
        (weights, bias),
        praise="The sigmoid unit with doubled weights and bias, its output doubled and "
        "shifted down by 1, is the tanh unit.",
        swapped="You swapped the two answers: both are right, but each is in the "
        "other's box. The weights come first, as a list; the bias is one number.",
    )


def tanh_as_sigmoid(weights: ArrayLike, bias: float) -> Feedback:
    """Exercise: the sigmoid unit whose output, rescaled, is the tanh unit's.

    The tanh unit has weights ``TANH_WEIGHTS`` and bias ``TANH_BIAS``; the answer
    is the weights and bias of a sigmoid unit with
    :math:`\\tanh(\\mathbf w^\\top \\mathbf x + b) = p\\,\\sigma(\\mathbf w'^\\top
    \\mathbf x + b') + r` for every input, where :math:`p`, :math:`q > 0` and
    :math:`r` are the numbers with :math:`\\tanh(z) = p\\,\\sigma(qz) + r`, which the
    learner derives.

    Examples
    --------
    >>> tanh_as_sigmoid([0.5, -1.2], 0.4).correct
    False
    """
    return tanh_as_sigmoid_form().judge(weights, bias)
