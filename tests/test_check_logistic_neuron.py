"""The self-checks of the logistic-neuron chapter: right answers pass, typical mistakes
get their hint (without the answer), malformed answers are reported."""

import numpy as np
import pytest

from ffnn_edu.nn.activations import sigmoid, sigmoid_derivative
from ffnn_edu.nn.logistic_neuron import logistic_neuron, logistic_rule_update
from ffnn_edu.show import check
from ffnn_edu.show.check.feedback import Pending

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


def test_sigmoid_slope_rounded_to_0_10_is_told_to_give_more_digits():
    # the float 0.1 is 0.10499 rounded to two decimals, not the hint "Compute y ..."
    feedback = check.sigmoid_slope_at_two(round(0.10499, 2))
    assert not feedback.correct and feedback.message.startswith("Right idea")


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
    assert (
        not feedback.correct
        and (
            "Your answer must have shape (2,): one new weight per input, (w1, w2); got "
            "shape "
        )
        in feedback.message
    )


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


# --- tanh_as_sigmoid -----------------------------------------------------------------

TANH_W, TANH_B = np.array([0.5, -1.2]), 0.4


def test_tanh_as_sigmoid_accepts_doubled_weights_and_bias():
    assert check.tanh_as_sigmoid(2 * TANH_W, 2 * TANH_B).correct
    assert check.tanh_as_sigmoid(tuple(2 * TANH_W), 2 * TANH_B).correct


def test_tanh_as_sigmoid_right_answer_reproduces_the_tanh_unit():
    # the check's answer, put into a sigmoid unit, gives the tanh unit's outputs
    x = np.random.default_rng(0).normal(size=(50, 2))
    rescaled = 2 * sigmoid(x @ (2 * TANH_W) + 2 * TANH_B) - 1
    assert np.allclose(rescaled, np.tanh(x @ TANH_W + TANH_B), atol=1e-12)


@pytest.mark.parametrize(
    "weights, bias, hint",
    [
        (TANH_W, 2 * TANH_B, "tanh unit's own weights"),
        (TANH_W / 2, TANH_B / 2, "wrong way round"),
        (-2 * TANH_W, -2 * TANH_B, "asks for q > 0"),  # the mirrored identity, q = -2
        (4 * TANH_W, 2 * TANH_B, "Too far"),
        ([0.3, 0.3], 2 * TANH_B, "Write the sigmoid's logit"),
        (2 * TANH_W, TANH_B, "doubled like the weights"),
        (2 * TANH_W, 2 * TANH_B - 1, "acts on the output"),
        (2 * TANH_W, 2 * TANH_B + 1, "acts on the output"),
        (2 * TANH_W, TANH_B / 2, "wrong way"),
        (2 * TANH_W, 0.1, "input that is always 1"),
    ],
)
def test_tanh_as_sigmoid_hints(weights, bias, hint):
    feedback = check.tanh_as_sigmoid(weights, bias)
    assert not feedback.correct and hint in feedback.message
    assert "0.8" not in feedback.message and "2.4" not in feedback.message


def test_tanh_as_sigmoid_names_the_malformed_answer():
    assert check.tanh_as_sigmoid([1.0], 0.8).message.endswith(
        "The weights w' must have shape (2,): one weight w' per input, (w'1, w'2); "
        "got "
        "shape (1,)."
    )
    assert "The bias b' should be a single number; '0.8' is text" in (
        check.tanh_as_sigmoid(2 * TANH_W, "0.8").message
    )
    assert "single number" in check.tanh_as_sigmoid(2 * TANH_W, [0.8, 0.8]).message


def test_tanh_as_sigmoid_waits_for_both_answers():
    assert isinstance(check.tanh_as_sigmoid(..., 0.8), Pending)
    assert isinstance(check.tanh_as_sigmoid(2 * TANH_W, ...), Pending)


def test_tanh_as_sigmoid_asks_for_a_list_of_two_weights_in_good_grammar():
    """Issue 16: text for the weights got "The weights is text, not a number", though
    two weights, a list, were expected."""
    verdict = check.tanh_as_sigmoid("[1,-2.4]", 0.8)
    assert verdict.message == (
        "The weights are not right yet. The weights w' should be a list of 2 "
        "numbers; '[1,-2.4]' is text, not numbers. Numbers go without quotes."
    )


def test_logistic_step_target_zero_names_right_weights_in_another_order():
    """Issue 16, kind D: the two right weights reversed got the generic hint."""
    new = logistic_rule_update(np.array([0.23, 0.82]), 0.0, np.array([0.1, 0.4]), 0.7)
    assert check.logistic_step_target_zero(new).correct
    assert check.logistic_step_target_zero(new[::-1]).message == (
        "Right values, wrong order: w1 first (the weight of the input 0.23), then w2."
    )


def test_tanh_as_sigmoid_names_reversed_weights_and_swapped_answers():
    assert check.tanh_as_sigmoid([1.0, -2.4], 0.8).correct
    assert check.tanh_as_sigmoid([-2.4, 1.0], 0.8).message == (
        "The weights are not right yet. They hold the right values in the wrong "
        "order: w'1 first, then w'2."
    )
    assert check.tanh_as_sigmoid(0.8, [1.0, -2.4]).message.startswith(
        "You swapped the two answers"
    )
