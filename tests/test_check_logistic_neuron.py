"""The self-checks of the logistic-neuron chapter: right answers pass, typical mistakes
get their hint (without the answer), malformed answers are reported."""

import numpy as np
import pytest

from ffnn_edu.nn.activations import sigmoid, sigmoid_derivative
from ffnn_edu.nn.logistic_neuron import logistic_neuron, logistic_rule_update
from ffnn_edu.show import check

X, W, ETA = np.array([0.23, 0.82]), np.array([0.1, 0.4]), 0.7


# --- sigmoid_slope_at_two -------------------------------------------------------------


@pytest.mark.parametrize("answer", [float(sigmoid_derivative(2.0)), 0.105])
def test_sigmoid_slope_accepts_the_right_value(answer):
    assert check.sigmoid_slope_at_two(answer).correct


@pytest.mark.parametrize(
    "answer, hint",
    [
        (float(sigmoid(2.0)), "output y = sigma(2) itself"),
        (1 - float(sigmoid(2.0)), "multiply it by the output"),
        (-2.0, "You put the logit"),
        (np.exp(-2.0), "only the numerator"),
        (-0.105, "slope is positive"),
        (0.3, "above 1/4"),
        (0.2, "Compute y"),
    ],
)
def test_sigmoid_slope_recognises_typical_mistakes(answer, hint):
    feedback = check.sigmoid_slope_at_two(answer)
    assert not feedback.correct
    assert hint in feedback.message
    assert "0.105" not in feedback.message


@pytest.mark.parametrize(
    "answer, hint",
    [
        ([0.105, 0.105], "single number"),
        ("slope", "a number"),
        (np.inf, "infinity"),
    ],
)
def test_sigmoid_slope_reports_malformed_answers(answer, hint):
    feedback = check.sigmoid_slope_at_two(answer)
    assert not feedback.correct and hint in feedback.message


# --- logistic_step_target_zero -------------------------------------------------------


def test_logistic_step_accepts_the_package_value_and_four_decimals():
    exact = logistic_rule_update(X, 0.0, W, eta=ETA)
    assert check.logistic_step_target_zero(exact).correct
    assert check.logistic_step_target_zero(exact.round(4)).correct
    assert check.logistic_step_target_zero(tuple(exact.round(4))).correct


def _typical_mistakes():
    exact = logistic_rule_update(X, 0.0, W, eta=ETA)
    y = float(logistic_neuron(X, W)[0])
    gradient = (W - exact) / ETA
    return [
        (logistic_rule_update(X, 1.0, W, eta=ETA), "target 1"),
        (W + ETA * X * (0.0 - y), "delta rule"),
        (W + ETA * gradient, "wrong way"),
        (W - gradient, "learning rate"),
        (exact - W, "add them to the old weights"),
        ([0.5, 0.5], "Compute z"),
    ]


@pytest.mark.parametrize("answer, hint", _typical_mistakes())
def test_logistic_step_recognises_typical_mistakes(answer, hint):
    feedback = check.logistic_step_target_zero(answer)
    assert not feedback.correct
    assert hint in feedback.message
    assert "0.077" not in feedback.message and "0.318" not in feedback.message


@pytest.mark.parametrize(
    "answer", [[0.0771], 0.0771, [[0.0771, 0.3183]], [0.0771, 0.3183, 0.0]]
)
def test_logistic_step_reports_wrong_shapes(answer):
    feedback = check.logistic_step_target_zero(answer)
    assert not feedback.correct and "2 numbers" in feedback.message


# --- saturation_logit ----------------------------------------------------------------


def test_saturation_logit_gives_a_tenth_of_the_peak_slope():
    z = 3.636893
    assert np.isclose(float(sigmoid_derivative(z)), 0.25 / 10, atol=1e-7)
    for answer in (z, 3.637, 3.64, 3.635):
        assert check.saturation_logit(answer).correct


@pytest.mark.parametrize(
    "answer, hint",
    [
        (-3.637, "positive logit"),
        (0.9743, "that is the output y"),
        (2.0634, "You solved y(1 - y) = 0.1"),
        (0.0257, "not a logit"),
        (1.0, "Solve y(1 - y) = 1/40"),
    ],
)
def test_saturation_logit_recognises_typical_mistakes(answer, hint):
    feedback = check.saturation_logit(answer)
    assert not feedback.correct
    assert hint.lower() in feedback.message.lower()
    assert "3.6" not in feedback.message


def test_saturation_logit_reports_wrong_shapes():
    feedback = check.saturation_logit([3.637, -3.637])
    assert not feedback.correct and "single number" in feedback.message
