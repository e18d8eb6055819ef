"""Self-checks for the chapter on the logistic neuron and the sigmoid's derivative."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ffnn_edu.nn.activations import sigmoid
from ffnn_edu.nn.logistic_neuron import logistic_neuron, logistic_rule_update

from .feedback import Feedback, compare

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
#: The tanh unit of exercise 4: y = tanh(w . x + b).
TANH_WEIGHTS, TANH_BIAS = (0.5, -1.2), 0.4


def sigmoid_slope_at_two(slope: float) -> Feedback:
    """Exercise: the slope :math:`d\\sigma/dz` of the logistic function at :math:`z=2`.

    Examples
    --------
    >>> sigmoid_slope_at_two(0.25).correct
    False
    """
    y = float(sigmoid(2.0))
    exact = y * (1.0 - y)
    near = 5e-4
    return compare(
        slope,
        exact,
        tolerance=near,
        hints=[
            (
                lambda a: np.isclose(a, y, atol=near),
                "That is the output y = sigma(2) itself; the slope is y times (1 - y).",
            ),
            (
                lambda a: np.isclose(a, 1.0 - y, atol=near),
                "That is 1 - y; multiply it by the output y.",
            ),
            (
                lambda a: np.isclose(a, 2.0 * (1.0 - 2.0), atol=near),
                "You put the logit z = 2 into y(1 - y); the formula "
                "needs the output y = sigma(2).",
            ),
            (
                lambda a: np.isclose(a, np.exp(-2.0), atol=near),
                "That is only the numerator e^(-z); divide it by (1 + e^(-z)) squared.",
            ),
            (
                lambda a: a < 0,
                "The logistic function only ever rises, so its slope is positive.",
            ),
            (
                lambda a: a > 0.25,
                "No logit gives the logistic function a slope above 1/4.",
            ),
        ],
        praise="The slope is already well below its peak of 1/4 at z = 0.",
        generic_hint="Compute y = 1 / (1 + e^(-2)) first, then y (1 - y).",
    )


def logistic_step_target_zero(new_weights: ArrayLike) -> Feedback:
    """Exercise: a step of the logistic rule for the chapter's case, but with target 0.

    Inputs (0.23, 0.82), weights (0.1, 0.4), :math:`\\eta = 0.7`, :math:`t = 0`.

    Examples
    --------
    >>> logistic_step_target_zero([0.1, 0.4]).correct
    False
    """
    expected = logistic_rule_update(_X, 0.0, _W, eta=_ETA)
    y = float(logistic_neuron(_X, _W)[0])
    gradient = (_W - expected) / _ETA  # dE/dw for t = 0
    near = 2e-4
    return compare(
        new_weights,
        expected,
        tolerance=near,
        hints=[
            (
                lambda a: np.allclose(
                    a, logistic_rule_update(_X, 1.0, _W, eta=_ETA), atol=near
                ),
                "That is the step for target 1 from the text; redo it with t = 0.",
            ),
            (
                lambda a: np.allclose(a, _W + _ETA * _X * (0.0 - y), atol=near),
                "You used the delta rule: the logistic rule "
                "has the extra factor y(1 - y).",
            ),
            (
                lambda a: np.allclose(a, _W + _ETA * gradient, atol=near),
                "The weights moved the wrong way: with target 0 the output is too "
                "large, and both inputs are positive, so both weights must shrink.",
            ),
            (
                lambda a: np.allclose(a, _W - gradient, atol=near),
                "The direction is right but the step is too long or short: multiply "
                "the gradient by the learning rate 0.7.",
            ),
            (
                lambda a: np.allclose(a, expected - _W, atol=near),
                "Those look like the changes; add them to the old weights (0.1, 0.4).",
            ),
        ],
        praise="Both weights shrink, as they must when the output is too large.",
        generic_hint=(
            "Compute z, y = sigma(z), the factor y(1 - y)(t - y), and change each "
            "weight by 0.7 times its input times that factor."
        ),
    )


def saturation_logit(z: float) -> Feedback:
    """Exercise: the positive logit where the sigmoid's slope is a tenth of its maximum.

    Examples
    --------
    >>> saturation_logit(-3.64).correct
    False
    """
    y = (1.0 + np.sqrt(1.0 - 4.0 / 40.0)) / 2.0  # y(1 - y) = 1/40, upper root
    exact = float(np.log(y / (1.0 - y)))
    y_abs = (1.0 + np.sqrt(1.0 - 4.0 * 0.1)) / 2.0  # the mistake y(1 - y) = 0.1
    near = 5e-3
    return compare(
        z,
        exact,
        tolerance=near,
        hints=[
            (
                lambda a: np.isclose(a, -exact, atol=near),
                "The curve of the slope is symmetric, so both signs "
                "work; give the positive logit.",
            ),
            (
                lambda a: np.isclose(a, y, atol=near),
                "That is the output y; turn it into a logit with z = ln(y / (1 - y)).",
            ),
            (
                lambda a: np.isclose(a, np.log(y_abs / (1.0 - y_abs)), atol=near),
                "You solved y(1 - y) = 0.1; the maximum slope is "
                "1/4, so a tenth of it is 1/40.",
            ),
            (
                lambda a: (
                    np.isclose(a, 1.0 - y, atol=near) or np.isclose(a, y_abs, atol=near)
                ),
                "That looks like an output, not a logit: apply z = ln(y / (1 - y)).",
            ),
        ],
        praise=(
            "Beyond this logit the neuron learns at under a tenth of its best speed."
        ),
        generic_hint=(
            "Solve y(1 - y) = 1/40 for y (a quadratic; take the root above "
            "1/2), then z = ln(y / (1 - y))."
        ),
    )


def tanh_as_sigmoid(weights: ArrayLike, bias: float) -> Feedback:
    """Exercise: the sigmoid unit whose output, doubled minus 1, is the tanh unit's.

    The tanh unit has weights ``TANH_WEIGHTS`` and bias ``TANH_BIAS``; the answer
    is the weights and bias of a sigmoid unit with
    :math:`\\tanh(\\mathbf w^\\top \\mathbf x + b) = 2\\sigma(\\mathbf w'^\\top
    \\mathbf x + b') - 1` for every input.

    Examples
    --------
    >>> tanh_as_sigmoid([0.5, -1.2], 0.4).correct
    False
    """
    w, b = np.array(TANH_WEIGHTS), TANH_BIAS
    near = 1e-6
    same = compare(
        weights,
        2.0 * w,
        tolerance=near,
        hints=[
            (
                lambda a: np.allclose(a, w, atol=near),
                "Those are the tanh unit's own weights. In tanh(z) = 2 sigma(2z) - 1 "
                "the sigmoid sees twice the logit, so every weight changes.",
            ),
            (
                lambda a: np.allclose(a, w / 2.0, atol=near),
                "The wrong way round: the sigmoid is the flatter curve (its slope at "
                "0 is 1/4, the tanh's is 1), so it needs the larger weights.",
            ),
            (
                lambda a: np.allclose(a, 4.0 * w, atol=near),
                "Too far: the factor 2 in front of sigma rescales the output, not the "
                "logit; only the 2 inside sigma(2z) goes into the weights.",
            ),
        ],
        praise="",
        generic_hint="Write the sigmoid's logit 2z with z = w . x + b and read off "
        "what multiplies each input.",
        what="the weights",
    )
    if not same.correct:
        return Feedback(False, f"The weights are not right yet. {same.message}")
    return compare(
        bias,
        2.0 * b,
        tolerance=near,
        hints=[
            (
                lambda a: np.isclose(a, b, atol=near),
                "The weights are right. The bias is part of the logit z as well, so "
                "it is doubled like the weights.",
            ),
            (
                lambda a: (
                    np.isclose(a, 2.0 * b - 1.0, atol=near)
                    or np.isclose(a, 2.0 * b + 1.0, atol=near)
                ),
                "The weights are right. The -1 of 2 sigma(2z) - 1 acts on the output, "
                "after the sigmoid; it does not move the bias.",
            ),
            (
                lambda a: np.isclose(a, b / 2.0, atol=near),
                "The weights are right, but the bias went the wrong way: it is part "
                "of the logit, which the sigmoid needs doubled.",
            ),
        ],
        praise=(
            "The sigmoid unit with doubled weights and bias, its output doubled and "
            "shifted down by 1, is the tanh unit."
        ),
        generic_hint="The weights are right. Treat the bias as the weight of an input "
        "that is always 1.",
        what="the bias",
    )
