"""Self-checks of the cross-entropy chapter: right answers pass, typical mistakes get
their hint without the answer, the placeholder ... gets a prompt."""

import math

import numpy as np
import pytest

from ffnn_edu.experiments.learning_slowdown import train_confidently_wrong
from ffnn_edu.nn.activations import sigmoid
from ffnn_edu.show import check
from ffnn_edu.show.check.feedback import Pending

Y = float(sigmoid(1.5))


@pytest.mark.parametrize("answer", [Y - 1, round(Y - 1, 4), round(Y - 1, 3)])
def test_cross_entropy_delta_accepts_y_minus_t(answer):
    assert check.cross_entropy_delta(answer).correct


@pytest.mark.parametrize(
    "answer, hint",
    [
        (1 - Y, "sign"),
        ((Y - 1) * Y * (1 - Y), "squared error's delta"),
        (-1 / Y, "dE/dy"),
        (0.5, "logit z"),
        (Y * (1 - Y), "only dy/dz"),
        (Y, "output y itself"),
        (0.3, "Compute y = sigma(1.5)"),
    ],
)
def test_cross_entropy_delta_hints(answer, hint):
    feedback = check.cross_entropy_delta(answer)
    assert not feedback.correct and hint in feedback.message
    assert "0.18" not in feedback.message and "-0.182" not in feedback.message


def test_slowdown_epochs():
    assert check.slowdown_epochs(555).correct
    for answer, hint in [
        (20, "cross-entropy run"),
        (232, "w = b = 2"),
        (556, "Very close"),
        (100, "Not that count"),
        (5000, "Not that count"),
        (555.4, "whole numbers"),
        (None, "more epochs"),
    ]:
        feedback = check.slowdown_epochs(answer)
        assert not feedback.correct and hint in feedback.message
        assert "555" not in feedback.message
    # a wrong count gets no direction, so the answer cannot be found by bisection
    assert check.slowdown_epochs(100).message == check.slowdown_epochs(5000).message


def test_slowdown_epochs_hint_for_the_chapters_start_is_the_packages_count():
    """Issue 16: the count from w = b = 2 was typed in the check (232); it is now
    computed with train_confidently_wrong, as the chapter computes it."""
    chapter = train_confidently_wrong(
        "half_sse", w=2.0, b=2.0, epochs=2000
    ).epochs_until_right()
    feedback = check.slowdown_epochs(chapter)
    assert not feedback.correct
    assert feedback.message == (
        "That is the count for the chapter's start w = b = 2; start from w = b = 2.5."
    )


def test_mean_learning_rate():
    assert check.mean_learning_rate(0.5).correct
    for answer, hint in [
        (0.02, "shorter steps"),
        (1.0, "factor 1/2"),
        (0.0004, "wrong way"),
        (0.0008, "wrong way"),
        (0.3, "compare the factors"),
    ]:
        feedback = check.mean_learning_rate(answer)
        assert not feedback.correct and hint in feedback.message
        assert "0.5" not in feedback.message


@pytest.mark.parametrize(
    "exercise",
    [check.cross_entropy_delta, check.slowdown_epochs, check.mean_learning_rate],
)
def test_placeholder_gets_no_verdict(exercise):
    assert isinstance(exercise(...), Pending)


def test_malformed_answers():
    assert "single number" in check.cross_entropy_delta([0.1, 0.2]).message
    assert "a number" in check.mean_learning_rate("fast").message


# H(0.3), the entropy of the target, in nats: the smallest cross-entropy for t = 0.3
H = -(0.3 * math.log(0.3) + 0.7 * math.log(0.7))


@pytest.mark.parametrize("answer", [H, round(H, 4), round(H, 3)])
def test_cross_entropy_minimum_accepts_the_entropy_of_the_target(answer):
    assert check.cross_entropy_minimum(answer).correct


def test_cross_entropy_minimum_is_the_smallest_error_on_a_fine_grid():
    y = np.linspace(1e-4, 1 - 1e-4, 99_999)
    E = -(0.3 * np.log(y) + 0.7 * np.log(1 - y))
    assert abs(y[np.argmin(E)] - 0.3) < 1e-4
    assert check.cross_entropy_minimum(E.min()).correct


@pytest.mark.parametrize(
    "answer, hint",
    [
        (0.0, "only for a target of exactly 0 or 1"),
        (math.log(2), "E at y = 1/2"),
        (0.3, "where the minimum lies"),
        (-H, "Check the sign"),
        (H / math.log(10), "base 10"),
        (H / math.log(2), "base 2"),
        (-0.3 * math.log(0.3), "one of the two terms"),
        (-0.7 * math.log(0.7), "one of the two terms"),
        (1.2, "Find the y where dE/dy"),
    ],
)
def test_cross_entropy_minimum_hints(answer, hint):
    feedback = check.cross_entropy_minimum(answer)
    assert not feedback.correct and hint in feedback.message
    assert "0.61" not in feedback.message


def test_cross_entropy_minimum_placeholder_and_malformed_answer():
    assert isinstance(check.cross_entropy_minimum(...), Pending)
    assert "single number" in check.cross_entropy_minimum([0.6, 0.6]).message


def test_mean_learning_rate_says_a_rate_is_positive_to_a_sign_slip():
    assert check.mean_learning_rate(-0.5).message.startswith(
        "A learning rate is positive"
    )
