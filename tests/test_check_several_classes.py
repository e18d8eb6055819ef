"""Self-checks of the chapter on several classes: right answers pass, typical slips get
their hint."""

import numpy as np
import pytest

from ffnn_edu.nn.activations import sigmoid, softmax
from ffnn_edu.show import check
from ffnn_edu.show.check.feedback import Pending, more_digits_message


def test_softmax_probabilities():
    z = np.array([2.0, 1.0, -1.0])
    assert check.softmax_probabilities(softmax(z).round(4)).correct
    assert "sum" in check.softmax_probabilities(np.exp(z)).message
    assert "Exponentiate first" in check.softmax_probabilities(z / z.sum()).message
    assert "sigmoid" in check.softmax_probabilities(sigmoid(z)).message
    assert "add up to 1" in check.softmax_probabilities([0.6, 0.3, 0.3]).message
    feedback = check.softmax_probabilities([0.5, 0.25, 0.25])
    assert not feedback.correct and "Compute e^z" in feedback.message


@pytest.mark.parametrize("order", [[2, 1, 0], [1, 0, 2], [0, 2, 1], [2, 0, 1]])
@pytest.mark.parametrize("decimals", [None, 2])
def test_softmax_probabilities_names_right_values_in_another_order(order, decimals):
    """Issue 16, kind D: the right probabilities reversed got the generic hint
    ("Compute e^z for each logit..."), which sends a learner after values that are
    right; to two decimals too, which then get "give more digits" in their order."""
    p = softmax(np.array([2.0, 1.0, -1.0]))
    answer = p[order] if decimals is None else p[order].round(decimals)
    assert check.softmax_probabilities(answer).message == (
        "Right values, wrong order: give one probability per class, in the order of "
        "the logits (2, 1, -1)."
    )


def test_softmax_probabilities_calls_no_wrong_values_in_another_order_right():
    """Issue 16, kind D: two entries 0.004 off (8 times the tolerance), in another
    order, were told "Right values, wrong order" (the reorderings matched within
    5.5e-3); now they are told what the same values in the asked order are."""
    for answer in ([0.7014, 0.0351, 0.2635], [0.7014, 0.2635, 0.0351]):
        assert check.softmax_probabilities(answer).message == (
            "Compute e^z for each logit, add the three, and divide each by the sum."
        )


def test_logit_gradient():
    z = np.array([1.5, -0.5, 0.3])
    y, t = softmax(z), np.array([0.0, 0.0, 1.0])
    assert check.logit_gradient((y - t).round(4)).correct
    assert "sign" in check.logit_gradient(t - y).message
    assert "outputs themselves" in check.logit_gradient(y).message
    assert "dE/dy" in check.logit_gradient(-t / y).message
    assert "separate sigmoid" in check.logit_gradient(y * (1 - y) * (y - t)).message
    assert "add up to 0" in check.logit_gradient([0.1, 0.1, 0.1]).message


def test_messages_never_contain_the_answer():
    z = np.array([2.0, 1.0, -1.0])
    for value in softmax(z):
        assert f"{value:.3f}" not in check.softmax_probabilities(np.exp(z)).message
    y = softmax(np.array([1.5, -0.5, 0.3]))
    assert f"{y[0]:.3f}" not in check.logit_gradient([0.0, 0.0, 0.0]).message


def test_softmax_answer_rounded_to_two_decimals_is_told_to_give_more_digits():
    """(0.71, 0.26, 0.04) is the softmax of (2, 1, -1) rounded: its entries add up to
    1.01, but the learner is right and needs more digits, not the hint that
    probabilities add up to 1."""
    feedback = check.softmax_probabilities([0.71, 0.26, 0.04])
    assert not feedback.correct and feedback.message.startswith("Right idea")


def test_logit_gradient_rounded_to_two_decimals_with_a_trailing_zero_needs_digits():
    """The reviewer's answer: (0.70, 0.09, -0.79) is the gradient rounded, but 0.70 is
    the float 0.7, which used to get the method hint."""
    answer = np.round([0.69612215, 0.09420989, -0.79033204], 2)
    feedback = check.logit_gradient(answer)
    assert not feedback.correct and feedback.message.startswith("Right idea")
    assert "Compute the softmax" not in feedback.message


def _squared_example():
    z = np.array([1.0, 0.0, -1.0])
    return softmax(z), np.array([0.0, 1.0, 0.0])


def test_squared_error_softmax_delta_accepts_the_chain_rule_by_hand():
    y, t = _squared_example()
    # delta_j = y_j [(y_j - t_j) - sum_k y_k (y_k - t_k)], written out by hand
    by_hand = y * ((y - t) - np.sum(y * (y - t)))
    assert check.squared_error_softmax_delta(by_hand).correct
    assert check.squared_error_softmax_delta(by_hand.round(4)).correct
    # and by finite differences of E = 1/2 |softmax(z) - t|^2
    z, h = np.array([1.0, 0.0, -1.0]), 1e-6
    measured = [
        (
            0.5 * np.sum((softmax(z + h * e) - t) ** 2)
            - 0.5 * np.sum((softmax(z - h * e) - t) ** 2)
        )
        / (2 * h)
        for e in np.eye(3)
    ]
    assert np.allclose(measured, by_hand, atol=1e-9)


@pytest.mark.parametrize(
    "slip, hint",
    [
        (lambda y, t: -y * ((y - t) - np.sum(y * (y - t))), "sign"),
        (lambda y, t: (y - t) * y * (1 - y), "only the diagonal"),  # no off-diagonal
        (lambda y, t: y - t, "dE/dy"),
        (lambda y, t: y * (y - t), "first part"),
        (lambda y, t: np.array([0.1, 0.1, 0.1]), "add up to 0"),
        (lambda y, t: np.array([0.1, -0.2, 0.1]), "Compute y = softmax(z)"),
    ],
)
def test_squared_error_softmax_delta_hints(slip, hint):
    y, t = _squared_example()
    feedback = check.squared_error_softmax_delta(slip(y, t))
    assert not feedback.correct and hint in feedback.message
    delta = y * ((y - t) - np.sum(y * (y - t)))
    assert all(f"{d:.3f}" not in feedback.message for d in delta)


def test_squared_error_softmax_delta_placeholder_and_malformed_answer():
    assert isinstance(check.squared_error_softmax_delta(...), Pending)
    assert check.squared_error_softmax_delta([0.1, 0.2]).message.endswith(
        "Your answer must have shape (3,): one entry dE/dz_k per class k, in the "
        "order of the logits; got shape (2,)."
    )


def test_logit_gradient_names_right_values_in_another_order():
    """Issue 16, kind D: the right entries in another order got the generic hint."""
    z = np.array([1.5, -0.5, 0.3])
    delta = softmax(z) - np.array([0.0, 0.0, 1.0])
    assert check.logit_gradient(delta[[1, 2, 0]]).message == (
        "Right values, wrong order: give one entry dE/dz_k per class, in the order "
        "of the logits (1.5, -0.5, 0.3)."
    )


def _squared_error_delta():
    from ffnn_edu.show.check.several_classes import squared_error_softmax_delta_form

    return np.asarray(squared_error_softmax_delta_form().stages[0].expected)


@pytest.mark.parametrize("factor", [2.0, 0.5])
def test_squared_error_softmax_delta_names_a_factor_of_two_not_the_formula(factor):
    """Issue 16, kind D: twice the right delta (E without its 1/2) got the generic
    hint, the whole formula, which nearly gives the answer away."""
    delta = _squared_error_delta()
    message = check.squared_error_softmax_delta(factor * delta).message
    assert message == (
        "Off by a factor of 2: check the 1/2 in front of E's sum and what the "
        "derivative of a square brings down."
    )
    assert "sum over k" not in message


def test_squared_error_softmax_delta_names_right_values_in_another_order():
    delta = _squared_error_delta()
    assert check.squared_error_softmax_delta(delta[::-1]).message.startswith(
        "Right values, wrong order"
    )
    assert check.squared_error_softmax_delta(delta).correct


# Review 19, F15: right to its 1 decimal, [0.7, 0.3, 0.0] got the generic method hint
# ("Compute e^z for each logit, ..."), while a 2-decimal answer got "give more digits".
@pytest.mark.parametrize(
    "answer", [[0.7, 0.3, 0.0], [0.71, 0.26, 0.04], [0.7, 0.25, 0.03]]
)
def test_softmax_right_to_its_own_decimals_is_told_to_give_more_digits(answer):
    feedback = check.softmax_probabilities(answer)
    assert not feedback.correct
    assert feedback.message == more_digits_message(5e-4)


def test_softmax_of_whole_numbers_is_a_guess_not_a_rounding():
    """1, 0, 0 (the largest logit's class alone) shows no digit of the values."""
    feedback = check.softmax_probabilities([1, 0, 0])
    assert "Right idea" not in feedback.message
