"""The self-checks of the learning-rate chapter: right answers pass, typical mistakes
get their hint, malformed answers are reported, and no message gives the answer away."""

import numpy as np
import pytest

from ffnn_edu.experiments.error_surfaces import descend, elongated_bowl
from ffnn_edu.nn.optimizers import Adam, Momentum
from ffnn_edu.show import check

E = check.MOMENTUM_EXERCISE


def _package_momentum_step():
    """Replay the exercise with the package's Momentum: step 1 goes w_older -> w_old."""
    w = np.array([E["w_older"]])
    opt = Momentum(E["eta"], E["mu"])
    opt.velocity = [np.array([E["w_old"] - E["w_older"]])]
    w[:] = E["w_old"]
    opt.step([w], [np.array([E["gradient"]])], epoch=0)
    return float(w[0])


@pytest.mark.parametrize("answer", [_package_momentum_step(), 0.328, 0.3282])
def test_momentum_step_accepts_the_right_value(answer):
    assert check.momentum_step(answer).correct


@pytest.mark.parametrize(
    "answer, hint",
    [
        (0.472, "absolute value"),
        (0.40, "plain gradient-descent"),
        (0.368, "wrong way"),
        (0.778, "not of the weight"),
        (0.1, "w_new = w_old"),
    ],
)
def test_momentum_step_recognises_typical_mistakes(answer, hint):
    feedback = check.momentum_step(answer)
    assert not feedback.correct
    assert hint in feedback.message
    assert "0.328" not in feedback.message


@pytest.mark.parametrize(
    "answer, hint",
    [
        ([0.3, 0.3], "single number"),
        ("big", "a number"),
        (np.inf, "NaN"),
    ],
)
def test_checks_report_malformed_answers(answer, hint):
    for checker in (check.momentum_step, check.largest_stable_eta):
        feedback = checker(answer)
        assert not feedback.correct and hint in feedback.message


def test_largest_stable_eta_accepts_the_limit_and_the_limit_is_real():
    assert check.largest_stable_eta(0.1).correct
    assert check.largest_stable_eta(2 / 20).correct
    assert check.largest_stable_eta(0.099).correct  # just below the limit: converges
    # float32's 0.1, computed or passed through float(), is right; 0.10000001 typed,
    # 1e-7 above the limit, was "Right!" too (issue 16, kind D) and is past it
    assert check.largest_stable_eta(np.float32(2) / np.float32(20)).correct
    assert check.largest_stable_eta(float(np.float32(0.1))).correct
    assert "Just past" in check.largest_stable_eta(0.10000001).message
    assert not check.largest_stable_eta(0.101).correct  # just above it: explodes
    bowl = elongated_bowl(20)
    assert not descend(bowl, [-4.0, 1.0], eta=0.099, steps=2000).diverged
    assert descend(bowl, [-4.0, 1.0], eta=0.101, steps=2000, limit=1e3).diverged


@pytest.mark.parametrize(
    "answer, hint",
    [
        (2.0, "shallow direction"),
        (0.05, "one step"),
        (1.0, "shallow direction in one step"),
        (0.5, "curvature"),
    ],
)
def test_largest_stable_eta_recognises_typical_mistakes(answer, hint):
    feedback = check.largest_stable_eta(answer)
    assert not feedback.correct
    assert hint in feedback.message
    assert "0.1" not in feedback.message


# --- the Adam exercise
# ------------------------------------------------------------------

A = check.ADAM_EXERCISE


def _package_adam_step():
    """Replay the exercise with the package's Adam: first step from w = 1 on g = 0.2,
    which must leave the exercise's state, then the second step on g = 0.1."""
    w, opt = np.array([1.0]), Adam(A["eta"], A["beta1"], A["beta2"], A["epsilon"])
    opt.step([w], [np.array([0.2])], epoch=0)
    assert (opt.t, w[0]) == (A["t"], pytest.approx(A["w"], rel=1e-7))
    assert opt.moments[0][0] == pytest.approx(A["m"], rel=1e-12)
    assert opt.squares[0][0] == pytest.approx(A["r"], rel=1e-12)
    opt.step([w], [np.array([A["gradient"]])], epoch=0)
    return float(w[0])


@pytest.mark.parametrize("answer", [_package_adam_step(), 0.8068, 0.80678])
def test_adam_step_accepts_the_right_value(answer):
    assert check.adam_step(answer).correct


@pytest.mark.parametrize(
    "answer, hint",
    [
        (0.5039, "as they are"),
        (0.7747, "t = 2"),
        (-1.1849, "corrected m but not r"),
        (0.8823, "corrected r but not m"),
        (0.8367, "numerator"),
        (0.8443, "squares"),
        (0.8, "exactly eta"),
        (0.9932, "wrong way"),
        (0.5, "m <- beta1 m"),
    ],
)
def test_adam_step_recognises_typical_mistakes(answer, hint):
    feedback = check.adam_step(answer)
    assert not feedback.correct
    assert hint in feedback.message
    assert "0.806" not in feedback.message and "0.807" not in feedback.message


def test_adam_step_reports_malformed_answers_and_waits_for_one():
    assert "single number" in check.adam_step([0.8, 0.8]).message
    assert not check.adam_step("w").correct
    assert repr(check.adam_step(...)).startswith("Replace ... with your answer")


def test_largest_stable_eta_says_a_rate_is_positive_to_a_sign_slip():
    message = check.largest_stable_eta(-0.1).message
    assert message.startswith("A learning rate is positive")


# Issue 16 (D): eta = 0 was told "with eta below 0 every step goes uphill"; at 0 no
# step moves anything.
def test_a_learning_rate_of_0_is_told_that_nothing_moves_not_that_it_goes_uphill():
    feedback = check.largest_stable_eta(0)
    assert not feedback.correct
    assert feedback.message == (
        "With eta = 0 no step moves the weights: nothing goes uphill, but nothing is "
        "learned either. The limit is the largest rate at which the steps still "
        "converge."
    )
    assert "uphill, along the gradient" in check.largest_stable_eta(-0.1).message


def test_largest_stable_eta_accepts_the_limit_computed_in_float32():
    """Issue 16, kind D: 2 / 20 in float32 is 0.1 plus 1.5e-8, and was told "Just past
    the limit" (only a relative 1e-12 above the limit was allowed)."""
    eta32 = np.float32(2) / np.float32(20)
    assert float(eta32) > 0.1
    assert check.largest_stable_eta(eta32).correct
    assert check.largest_stable_eta(np.float32(0.1)).correct
    # a learner's "just past" is still told so
    for past in (0.1 * 1.001, 0.1001, 0.1 * (1 + 1e-6)):
        assert check.largest_stable_eta(past).message.startswith("Just past the limit")
