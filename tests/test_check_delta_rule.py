"""The self-checks of the delta-rule chapter: right answers pass, typical mistakes get
their hint, malformed answers are reported."""

import numpy as np
import pytest

from ffnn_edu.experiments.worked_examples import LUNCH
from ffnn_edu.nn.delta_rule import delta_rule_update, linear_neuron
from ffnn_edu.show import check

Q = np.array(LUNCH["quantities"])
GUESS = np.array(LUNCH["guess"])


@pytest.mark.parametrize("answer", [0.36, 3 - 2.64])
def test_lunch_residual_accepts_the_right_value(answer):
    assert check.lunch_residual(answer).correct


@pytest.mark.parametrize(
    "answer, hint",
    [
        (0.35, "textbook prints"),
        (-0.36, "sign"),
        (1.46, "actually paid"),
        (0.5, "Multiply each guessed price"),
    ],
)
def test_lunch_residual_recognises_typical_mistakes(answer, hint):
    feedback = check.lunch_residual(answer)
    assert not feedback.correct
    assert hint in feedback.message
    assert "0.36" not in feedback.message


@pytest.mark.parametrize(
    "answer, hint",
    [
        ([0.36, 0.36], "single number"),
        ("a lot", "a number"),
        (np.nan, "NaN"),
    ],
)
def test_lunch_residual_reports_malformed_answers(answer, hint):
    feedback = check.lunch_residual(answer)
    assert not feedback.correct and hint in feedback.message


def test_delta_rule_step_accepts_the_package_value_and_four_decimals():
    exact = delta_rule_update(Q, LUNCH["paid"], GUESS, eta=1 / 3)
    assert check.delta_rule_step(exact).correct
    assert check.delta_rule_step([6.0276, 3.018, 3.0324]).correct
    assert check.delta_rule_step(tuple(exact.round(4))).correct


@pytest.mark.parametrize(
    "answer, hint",
    [
        (GUESS + Q * 0.35 / 3, "textbook's residual"),
        (GUESS - Q * 0.36 / 3, "wrong way"),
        (GUESS + Q * 0.36, "learning rate"),
        (GUESS + 0.36 / 3, "quantity"),
        (Q * 0.36 / 3, "add them to the old prices"),
        ([7.0, 3.0, 3.0], "old price + eta"),
    ],
)
def test_delta_rule_step_recognises_typical_mistakes(answer, hint):
    feedback = check.delta_rule_step(answer)
    assert not feedback.correct
    assert hint in feedback.message


@pytest.mark.parametrize(
    "answer, hint",
    [
        ([6.0276, 3.018], "shape (2,)"),
        (6.0276, "shape ()"),
        ([[6.0276, 3.018, 3.0324]], "shape (1, 3)"),
    ],
)
def test_delta_rule_step_reports_wrong_shapes(answer, hint):
    feedback = check.delta_rule_step(answer)
    assert not feedback.correct and hint in feedback.message


def test_lunch_stable_eta_is_the_limit_seen_in_training():
    limit = 2 / (Q @ Q)
    assert check.lunch_stable_eta(
        np.floor(limit * 100) / 100
    ).correct  # 13.48: still shrinks
    assert check.lunch_stable_eta(limit).correct
    past = check.lunch_stable_eta(np.ceil(limit * 100) / 100)  # 13.49: just past it
    assert not past.correct and "Just past the limit" in past.message
    # issue 16, kind D: 13.486177 typed, 2.5e-8 above, was "Right!"; the same digits
    # as float32's rounding of the limit (what np.float32 prints) are right
    past = check.lunch_stable_eta(13.486177)
    assert not past.correct and "Just past the limit" in past.message
    assert check.lunch_stable_eta(np.float32(limit)).correct
    for eta, shrinks in ((0.99 * limit, True), (1.01 * limit, False)):
        w = GUESS.copy()
        for _ in range(2000):
            w = delta_rule_update(Q, LUNCH["paid"], w, eta=eta)
        residual = abs(LUNCH["paid"] - float(linear_neuron(Q, w)[0]))
        assert (residual < 1e-6) == shrinks


@pytest.mark.parametrize(
    "answer, hint",
    [
        (1 / (Q @ Q), "whole residual"),
        (2.0, "depends on the quantities"),
        (1 / 3, "Too small"),
        (10.0, "Too small"),
        (20.0, "Too large"),
    ],
)
def test_lunch_stable_eta_recognises_typical_mistakes(answer, hint):
    feedback = check.lunch_stable_eta(answer)
    assert not feedback.correct
    assert hint in feedback.message
    assert "13.4" not in feedback.message


def test_lunch_stable_eta_reports_wrong_shapes():
    feedback = check.lunch_stable_eta([13.49, 6.74])
    assert not feedback.correct and "single number" in feedback.message


@pytest.mark.parametrize("eta", [-13.49, -0.5])
def test_lunch_stable_eta_says_a_rate_is_positive_to_a_sign_slip(eta):
    """Issue 16: -13.49 got "Too small: somewhat larger rates still make the residual
    shrink", a hint about the size of what is a slip of the sign."""
    message = check.lunch_stable_eta(eta).message
    assert message.startswith("A learning rate is positive")
    assert "Too small" not in message


def test_lunch_stable_eta_of_0_is_told_that_the_prices_never_move():
    """Issue 16 (D): 0 got the sign-slip hint "with eta below 0 ... grows"."""
    assert check.lunch_stable_eta(0.0).message == (
        "With eta = 0 the factor 1 - eta |q|^2 is 1: the prices never move "
        "and the residual stays as it is. The limit is the largest rate at which the "
        "residual still shrinks."
    )


@pytest.mark.parametrize(
    "answer",
    [
        [6.0268, 3.0315, 3.0175],  # the textbook residual's prices, two swapped
        [6.0276, 3.0324, 3.0220],  # the right prices swapped, one 0.004 off
    ],
)
def test_delta_rule_step_calls_no_slip_in_another_order_the_right_prices(answer):
    """Issue 16, kind D: the reorderings matched within tol + 5e-3 = 0.0052, 26 times
    the check's 2e-4, so a declared slip swapped, or a swap plus an arithmetic slip,
    was told "Right prices, wrong order"."""
    message = check.delta_rule_step(answer).message
    assert message == (
        "Each new price is old price + eta * quantity * residual, with eta = 1/3."
    )


def test_delta_rule_step_names_right_prices_in_another_order():
    """Issue 16, kind D: the right prices in another order got the generic hint; to
    two decimals too."""
    from ffnn_edu.experiments.worked_examples import lunch_values

    prices = np.array(lunch_values()["updated_guess"])
    assert check.delta_rule_step(prices).correct
    for answer in (prices[[0, 2, 1]], prices[::-1].round(2)):
        assert check.delta_rule_step(answer).message == (
            "Right prices, wrong order: give them in the order chicken, zucchini, "
            "rice, as the quantities are listed."
        )
