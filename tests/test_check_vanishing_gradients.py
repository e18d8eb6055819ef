"""The self-checks of the vanishing-gradients chapter: right answers pass, typical
mistakes get their hint, malformed answers are reported, and no message gives the answer
away."""

import numpy as np
import pytest

from ffnn_edu import FeedForwardNetwork
from ffnn_edu.experiments.worked_examples import BACKPROP_221, backprop_221_values
from ffnn_edu.show import check


def test_sigmoid_chain_bound_accepts_the_exact_and_a_rounded_value():
    assert check.sigmoid_chain_bound(0.25**6).correct
    assert check.sigmoid_chain_bound(0.000244).correct


@pytest.mark.parametrize(
    "answer, hint",
    [
        (1.0, "between 0 and 1"),
        (1.5, "multiplied"),
        (4096, "factor itself"),
        (0.25**5, "Off by one"),
        (0.25**7, "Off by one"),
        (-0.01, "positive"),
        (0.5, "maximum of sigma'"),
    ],
)
def test_sigmoid_chain_bound_recognises_typical_mistakes(answer, hint):
    feedback = check.sigmoid_chain_bound(answer)
    assert not feedback.correct
    assert hint in feedback.message
    assert "4096" not in feedback.message and "0.000244" not in feedback.message


def test_update_ratio_accepts_the_package_value():
    v, w = backprop_221_values(), BACKPROP_221["w"]
    ratio = (v["w5_new"] - w["w5"]) / (v["w1_new"] - w["w1"])
    assert check.update_ratio_w5_w1(ratio).correct
    assert check.update_ratio_w5_w1(round(ratio, 1)).correct


@pytest.mark.parametrize(
    "answer, hint",
    [
        (0.019, "Upside down"),
        (2.0, "weights themselves"),
        ((0.2373 - 0.2) / (0.1007 - 0.1), "more digits"),
        (10.0, "backprop_221_values"),
    ],
)
def test_update_ratio_recognises_typical_mistakes(answer, hint):
    feedback = check.update_ratio_w5_w1(answer)
    assert not feedback.correct
    assert hint in feedback.message
    assert "52" not in feedback.message and "53" not in feedback.message


def test_linear_chain_factor_accepts_what_the_network_computes():
    net = FeedForwardNetwork((3,) * 9, "linear", bias=False)
    net.set_weights([2 * np.eye(3)] * 8)
    x, t = np.array([[0.1, -0.2, 0.3]]), np.array([[0.0, 0.0, 0.0]])
    grads = net.backprop(x, t)
    dE_dx = grads.deltas[0] @ net.weights[0].T
    dE_dy = grads.deltas[-1]  # linear output: slope 1
    factor = np.linalg.norm(dE_dx) / np.linalg.norm(dE_dy)
    assert check.linear_chain_factor(factor).correct
    assert check.linear_chain_factor(256).correct


@pytest.mark.parametrize(
    "answer, hint",
    [
        (16, "do not add"),
        (128, "Off by one"),
        (512, "Off by one"),
        (1 / 256, "grows"),
        (1, "slope 1"),
        (3, "transposed weight matrix"),
    ],
)
def test_linear_chain_factor_recognises_typical_mistakes(answer, hint):
    feedback = check.linear_chain_factor(answer)
    assert not feedback.correct
    assert hint in feedback.message
    assert "256" not in feedback.message


@pytest.mark.parametrize(
    "function",
    [check.sigmoid_chain_bound, check.update_ratio_w5_w1, check.linear_chain_factor],
)
@pytest.mark.parametrize(
    "answer, hint",
    [
        ([1.0, 2.0], "single number"),
        ("many", "a number"),
        (np.inf, "infinity"),
    ],
)
def test_malformed_answers_are_reported(function, answer, hint):
    feedback = function(answer)
    assert not feedback.correct and hint in feedback.message


def test_update_ratio_w5_w1_calls_a_negative_ratio_a_sign_slip():
    message = check.update_ratio_w5_w1(-52.6).message
    assert message.startswith("The ratio of two distances")
