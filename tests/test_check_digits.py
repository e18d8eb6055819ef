"""Self-checks of the chapter on handwritten digits."""

import numpy as np

from ffnn_edu.experiments.digit_recognition import digit_data
from ffnn_edu.show import check


def test_digit_network_size():
    assert check.digit_network_size(64 * 64 + 64 + 64 * 10 + 10).correct
    assert "weights only" in check.digit_network_size(64 * 64 + 64 * 10).message
    assert "hidden layer alone" in check.digit_network_size(64 * 64).message
    assert "output layer alone" in check.digit_network_size(64 * 10 + 10).message
    assert "n * m weights" in check.digit_network_size(1000).message


def test_majority_baseline():
    d = digit_data(seed=0)
    common = np.bincount(d.y_train).argmax()
    hits = int(np.sum(d.y_test == common))
    assert check.majority_baseline(round(hits / len(d.y_test), 4)).correct
    assert "share" in check.majority_baseline(hits).message
    assert "random guess" in check.majority_baseline(0.1).message
    assert "between 0 and 1" in check.majority_baseline(3.5).message
    # the most common test digit instead of the most common training
    # digit is a different share
    test_common = np.bincount(d.y_test).argmax()
    if test_common != common:
        assert not check.majority_baseline(np.mean(d.y_test == test_common)).correct


def test_majority_baseline_rounded_to_two_decimals_is_told_to_give_more_digits():
    feedback = check.majority_baseline(0.09)  # the exact share is 34/359 = 0.0947...
    assert not feedback.correct and feedback.message.startswith("Right idea")
    assert not check.majority_baseline(0.1).message.startswith("Right idea")


def test_majority_baseline_calls_a_negative_accuracy_a_sign_slip():
    message = check.majority_baseline(-0.0947).message
    assert message.startswith("An accuracy is a share") and "Check the sign" in message


def test_majority_baseline_names_a_float32_guess_of_one_in_ten():
    """Issue 16, kind D: np.float32(0.1) is 0.1 plus 1.5e-9, past the hint's 1e-9, and
    got the generic hint instead of "One in ten is what a random guess would get"."""
    assert check.majority_baseline(np.float32(0.1)).message.startswith("One in ten")
    assert check.majority_baseline(0.1).message.startswith("One in ten")
