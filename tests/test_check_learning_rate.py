"""The self-checks of the learning-rate chapter: right answers pass, typical mistakes
get their hint, malformed answers are reported, and no message gives the answer away."""

import numpy as np
import pytest

from ffnn_edu.experiments.error_surfaces import descend, elongated_bowl
from ffnn_edu.nn.optimizers import Momentum
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
