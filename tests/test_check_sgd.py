"""The self-checks of the SGD / online-learning chapter: right answers pass, typical
mistakes get their hint, malformed answers are reported, and no message gives the
answer."""

import math

import numpy as np
import pytest

from ffnn_edu import FeedForwardNetwork, train
from ffnn_edu.nn.datasets import gaussian_blobs
from ffnn_edu.show import check
from ffnn_edu.show.check import sgd

# --- iterations_per_epoch: 1050 samples, batches of 64 --------------------------------


def test_iterations_per_epoch_matches_what_train_does():
    X, y = gaussian_blobs(sgd.EXERCISE_N, seed=0)
    history = train(
        FeedForwardNetwork((2, 1)), X, y, epochs=1, batch_size=sgd.EXERCISE_M
    )
    assert history.iterations == [0, math.ceil(sgd.EXERCISE_N / sgd.EXERCISE_M)]


@pytest.mark.parametrize("answer", [17, 17.0, np.int64(17)])
def test_iterations_per_epoch_accepts_the_right_value(answer):
    assert check.iterations_per_epoch(answer).correct


@pytest.mark.parametrize(
    "answer, hint",
    [
        (16, "Round up"),
        (16.40625, "fraction"),
        (16.4, "fraction"),
        (64, "size of a batch"),
        (1050, "online learning"),
        (20, "remainder"),
    ],
)
def test_iterations_per_epoch_recognises_typical_mistakes(answer, hint):
    feedback = check.iterations_per_epoch(answer)
    assert not feedback.correct
    assert hint in feedback.message
    assert "17" not in feedback.message


@pytest.mark.parametrize(
    "answer, hint",
    [
        ([17, 17], "single number"),
        ("seventeen", "a number"),
        (np.inf, "infinity"),
    ],
)
def test_iterations_per_epoch_reports_malformed_answers(answer, hint):
    feedback = check.iterations_per_epoch(answer)
    assert not feedback.correct and hint in feedback.message


# --- textbook_epoch: 10 000 samples, 10 minibatches, 3 epochs -------------------------


def test_textbook_epoch_matches_what_train_does():
    X, y = gaussian_blobs(10_000, seed=0)
    history = train(FeedForwardNetwork((2, 1)), X, y, epochs=3, batch_size=1000)
    assert check.textbook_epoch(1000, history.iterations[-1]).correct


@pytest.mark.parametrize(
    "batch_size, iterations, hint",
    [
        (10, 30, "how many minibatches there are"),
        (100, 30, "shared out evenly"),
        (1000, 10, "one epoch"),
        (1000, 30_000, "online learning"),
        (1000, 3000, "count minibatches"),
        (1000, 33, "how many minibatches are there in three epochs"),
    ],
)
def test_textbook_epoch_recognises_typical_mistakes(batch_size, iterations, hint):
    feedback = check.textbook_epoch(batch_size, iterations)
    assert not feedback.correct
    assert hint in feedback.message


def test_textbook_epoch_reports_malformed_answers():
    assert "single number" in check.textbook_epoch([1000, 1000], 30).message
    assert "single number" in check.textbook_epoch(1000, [30]).message


# --- samples_processed: the chapter's three runs on 400 samples -----------------------


def test_samples_processed_accepts_the_right_values():
    expected = [m * iters for m, iters in sgd.COMPARISON_RUNS]
    assert expected == [320_000, 12_800, 800]
    assert check.samples_processed(expected).correct
    assert check.samples_processed(np.array(expected, dtype=float)).correct


@pytest.mark.parametrize(
    "answer, hint",
    [
        ([800, 800, 800], "Those are the iterations"),
        ([800, 32, 2], "Those are the epochs"),
        ([400, 16, 1], "batch sizes"),
        ([800, 12_800, 320_000], "wrong order"),
        ([320_000, 12_800, 80], "iterations x batch size"),
    ],
)
def test_samples_processed_recognises_typical_mistakes(answer, hint):
    feedback = check.samples_processed(answer)
    assert not feedback.correct
    assert hint in feedback.message
    assert "320000" not in feedback.message and "12800" not in feedback.message


@pytest.mark.parametrize(
    "answer, hint",
    [
        (320_000, "must have shape (3,): one count per run, in the order full batch"),
        ([1, 2], "; got shape (2,)."),
        ([np.nan, 1, 1], "NaN"),
    ],
)
def test_samples_processed_reports_malformed_answers(answer, hint):
    feedback = check.samples_processed(answer)
    assert not feedback.correct and hint in feedback.message


def test_textbook_epoch_swapped_says_so_without_the_numbers():
    """Batch size 1000 and 30 iterations typed the other way round got the generic
    hint of the batch size."""
    verdict = check.textbook_epoch(30, 1000)
    assert not verdict.correct
    assert verdict.message.startswith("You swapped the two answers")
    assert "1000" not in verdict.message and "30" not in verdict.message
    assert check.textbook_epoch(1000, 30).correct
    assert "swapped" not in check.textbook_epoch(30, 30).message


def test_samples_processed_asks_for_a_list_of_three_counts_for_text():
    """Issue 16: a list typed in quotes got "give a whole number", for a list."""
    verdict = check.samples_processed(str([320000, 12800, 800]))
    assert verdict.message == (
        "The three counts should be a list of 3 whole numbers; '[320000, 12800, 800]' "
        "is text, not numbers. Numbers go without quotes."
    )


def test_samples_processed_calls_negative_counts_a_sign_slip():
    verdict = check.samples_processed([-320000, -12800, -800])
    assert verdict.message == "A count is never negative: check the sign."


def test_samples_processed_calls_none_not_numbers():
    """Issue 16: "Your list of counts is None, not a number"."""
    assert check.samples_processed(None).message == (
        "The three counts are None, not numbers: does a function you wrote lack its "
        "return?"
    )


@pytest.mark.parametrize(
    "answer",
    [[12_800, 320_000, 800], [320_000, 800, 12_800], [800, 320_000, 12_800]],
)
def test_samples_processed_names_every_other_order_of_the_right_counts(answer):
    """Issue 16, kind D: only the reversed counts were named; other orders of the
    right counts got the generic hint."""
    assert check.samples_processed(answer).message == (
        "Right numbers, wrong order: full batch first, online last."
    )
