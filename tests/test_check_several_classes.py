"""Self-checks of the chapter on several classes: right answers pass, typical slips get
their hint."""

import numpy as np

from ffnn_edu.nn.activations import sigmoid, softmax
from ffnn_edu.show import check


def test_softmax_probabilities():
    z = np.array([2.0, 1.0, -1.0])
    assert check.softmax_probabilities(softmax(z).round(4)).correct
    assert "sum" in check.softmax_probabilities(np.exp(z)).message
    assert "Exponentiate first" in check.softmax_probabilities(z / z.sum()).message
    assert "sigmoid" in check.softmax_probabilities(sigmoid(z)).message
    assert "add up to 1" in check.softmax_probabilities([0.6, 0.3, 0.3]).message
    wrong_order = softmax(z)[::-1]
    feedback = check.softmax_probabilities(wrong_order)
    assert not feedback.correct and "Compute e^z" in feedback.message


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
