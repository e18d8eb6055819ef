"""The self-checks of the perceptron chapter: right answers pass, typical mistakes get
their hint, malformed answers are reported."""

import itertools

import numpy as np
import pytest

from ffnn_edu.nn.datasets import xor
from ffnn_edu.nn.perceptron import Perceptron, threshold_unit
from ffnn_edu.show import check
from ffnn_edu.show.check.perceptron import IMPLICATION, UPDATE_EXERCISE


def test_perceptron_step_accepts_the_subtract_step():
    x, w, b = (
        np.array(UPDATE_EXERCISE["x"]),
        np.array(UPDATE_EXERCISE["w"]),
        UPDATE_EXERCISE["b"],
    )
    assert b + w @ x == 0.0  # the case sits exactly on the boundary: it fires
    assert check.perceptron_step(w - x, b - 1).correct
    assert check.perceptron_step([-0.5, 2.5], -0.5).correct


@pytest.mark.parametrize(
    "w, b, hint",
    [
        ([0.5, 2.0], 0.5, "exactly 0"),
        ([1.5, 1.5], 1.5, "subtracted, not added"),
        ([-0.5, 2.5], 0.5, "the bias changes too"),
        ([-0.5, 2.5], 1.5, "same direction"),
        ([-0.5, 2.5], -3.0, "check the bias"),
        ([4.0, 4.0], 0.0, "three cases"),
    ],
)
def test_perceptron_step_recognises_typical_mistakes(w, b, hint):
    feedback = check.perceptron_step(w, b)
    assert not feedback.correct
    assert hint in feedback.message


@pytest.mark.parametrize(
    "w, b, hint",
    [
        (
            [1, 2, 3],
            0.0,
            "The weights w must have shape (2,): one weight per input, (w1, w2)",
        ),
        ("ab", 0.0, "two numbers"),  # text: asked for the form
        ([np.nan, 1.0], 0.0, "NaN"),
        ([-0.5, 2.5], [0.1, 0.2], "single number"),
    ],
)
def test_perceptron_step_reports_malformed_answers(w, b, hint):
    feedback = check.perceptron_step(w, b)
    assert not feedback.correct and hint in feedback.message


@pytest.mark.parametrize("w, b", [([-1, 1], 0), ([-2, 1], 1.5), ([-1, 3], 0.5)])
def test_implication_unit_accepts_any_separating_unit(w, b):
    X, _ = xor()
    assert threshold_unit(X, w, b).tolist() == list(IMPLICATION)
    assert check.implication_unit(w, b).correct


@pytest.mark.parametrize(
    "w, b, hint",
    [
        ([1, -1], -0.1, "computes the opposite"),
        ([-1, 1], -0.5, "(0, 0), (1, 1)"),
        ([-1, 2], 2, "(1, 0)"),
        ([-1, 1], -0.5, "inequality"),
    ],
)
def test_implication_unit_names_the_wrong_cases(w, b, hint):
    feedback = check.implication_unit(w, b)
    assert not feedback.correct and hint in feedback.message


def test_implication_unit_hint_for_the_bias_sign():
    # (0, 0) is the only wrong case: there z = b.
    assert "Only (0, 0)" in check.implication_unit([-1, 2], -0.5).message


def test_implication_unit_reports_malformed_answers():
    assert check.implication_unit([1], 0).message == (
        "The weights w must have shape (2,): one weight per input, (w1, w2); got "
        "shape (1,)."
    )
    assert "single number" in check.implication_unit([1, 1], [0, 1]).message
    assert "NaN or infinity" in check.implication_unit([1, 1], np.inf).message


@pytest.mark.parametrize(
    "bias, message",
    [
        ("abc", "text"),
        (None, "None"),
        (1j, "complex"),
        (True, "truth value"),
        (10**400, "too large"),
        ([[1], [2, 3]], "the bias"),
    ],
)
def test_a_malformed_bias_gets_a_message_not_an_error(bias, message):
    for checker in (check.implication_unit, check.perceptron_step):
        verdict = checker([1, 1], bias)
        assert not verdict.correct and message in verdict.message


@pytest.mark.parametrize(
    "count, message",
    [
        (13.6, "whole number"),
        (14.4, "whole number"),
        ("14", "text"),
        (10**400, "too large"),
    ],
)
def test_separable_count_takes_whole_numbers_only(count, message):
    verdict = check.separable_count(count)
    assert not verdict.correct and message in verdict.message


def test_separable_count_accepts_a_whole_float():
    assert check.separable_count(14.0).correct


def test_separable_count():
    X, _ = xor()
    learnable = [
        t
        for t in itertools.product((0.0, 1.0), repeat=4)
        if Perceptron().fit(X, np.array(t)).converged_
    ]
    assert len(learnable) == 14  # all but XOR and equality
    assert (0.0, 1.0, 1.0, 0.0) not in learnable and (
        1.0,
        0.0,
        0.0,
        1.0,
    ) not in learnable
    assert check.separable_count(14).correct
    assert "XOR is one" in check.separable_count(16).message
    assert "not alone" in check.separable_count(15).message
    assert "cannot learn" in check.separable_count(2).message
    assert "Loop over" in check.separable_count(8).message
    assert "single number" in check.separable_count([14, 2]).message


def test_implication_unit_weights_too_large_get_feedback_not_an_error():
    """Issue 16: a self-check never raises on a numeric answer."""
    verdict = check.implication_unit([1e308, 1e308], 0.0)
    assert not verdict.correct
    assert verdict.message == (
        "These weights are so large that the unit's arithmetic overflows (beyond "
        "about 1.8e308); the implication needs only moderate weights."
    )


def test_perceptron_step_names_right_weights_in_another_order():
    """Issue 16, kind D: the right weights reversed got the generic hint."""
    assert check.perceptron_step([-0.5, 2.5], -0.5).correct
    assert check.perceptron_step([2.5, -0.5], -0.5).message == (
        "The bias is right, and the weights have the right values in the wrong "
        "order: w1 goes with x1, w2 with x2."
    )


@pytest.mark.parametrize(
    "name, w, b",
    [("perceptron_step", [-0.5, 2.5], -0.5), ("implication_unit", [-1.0, 1.0], 0.5)],
)
def test_weights_and_bias_in_each_others_place_are_told_so(name, w, b):
    """Issue 16, kind D: they were told only that w has the wrong shape."""
    assert getattr(check, name)(w, b).correct
    assert getattr(check, name)(b, w).message == (
        "The weights and the bias are in each other's place: the check takes the 2 "
        "weights first, as a list, then the bias, one number."
    )


@pytest.mark.parametrize(
    "name, w, b",
    [("perceptron_step", 0.0, [0.0, 0.0]), ("implication_unit", 7.0, [3.0, 3.0])],
)
def test_weights_and_bias_that_are_wrong_exchanged_are_not_called_swapped(name, w, b):
    """Issue 16, kind D: a number and a list of 2 were told "in each other's place"
    whatever their values; exchanged, these are wrong too."""
    assert not getattr(check, name)(b, w).correct
    assert getattr(check, name)(w, b).message == (
        "The weights come first, as a list of 2 numbers; the bias is one number."
    )
