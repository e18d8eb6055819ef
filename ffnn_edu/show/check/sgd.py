"""Self-checks for the chapter on stochastic gradient descent and online learning."""

from __future__ import annotations

import math

from numpy.typing import ArrayLike

from .feedback import Feedback
from .web import Field, Stage, WebCheck, equals, near, reordered, web_check

__all__ = ["iterations_per_epoch", "textbook_epoch", "samples_processed"]

#: The training set and batch size posed in exercise 1.
EXERCISE_N, EXERCISE_M = 1050, 64
#: The textbook's example: 10 000 samples cut into 10 minibatches.
TEXTBOOK_N, TEXTBOOK_BATCHES = 10_000, 10
#: The three runs of the chapter's comparison: (batch size, iterations) on 400 samples.
COMPARISON_N = 400
COMPARISON_RUNS = ((COMPARISON_N, 800), (16, 800), (1, 800))


@web_check
def iterations_per_epoch_form() -> WebCheck:
    """Iterations per epoch, for the Python check and the web page."""
    n, m = EXERCISE_N, EXERCISE_M
    stage = Stage(
        "count",
        ("k",),
        math.ceil(n / m),
        hints=[
            (
                equals(n // m),
                "Close: the samples left over after the full batches form one more, "
                "smaller batch, and it also costs an iteration. Round up, not down.",
            ),
            (
                equals(m),
                "That is the size of a batch, not the number of batches (the mix-up "
                "the textbook makes, see the errata).",
            ),
            (
                equals(n),
                "That many iterations would be online learning (batch size 1).",
            ),
        ],
        options={
            "praise": "Every sample is used once per epoch, in batches of 64 and one "
            "smaller batch.",
            "generic_hint": "Divide the number of samples by the batch size and think "
            "about the remainder.",
            "not_whole": "An iteration is a whole step; a fraction of one does not "
            "exist. How many batches do you need so that every sample is used once?",
        },
    )
    return WebCheck("iterations_per_epoch", (Field("k", "Iterations"),), (stage,))


def iterations_per_epoch(k: float) -> Feedback:
    """Exercise: iterations in one epoch for 1050 samples and minibatches of 64.

    Examples
    --------
    >>> iterations_per_epoch(16).correct
    False
    """
    return iterations_per_epoch_form().judge(k)


@web_check
def textbook_epoch_form() -> WebCheck:
    """The textbook's minibatches, for the Python check and the page."""
    size = TEXTBOOK_N // TEXTBOOK_BATCHES
    batch = Stage(
        "count",
        ("batch_size",),
        size,
        hints=[
            (
                equals(TEXTBOOK_BATCHES),
                "Ten is how many minibatches there are, not how many samples each "
                "holds; the textbook slips here too.",
            ),
        ],
        options={
            "what": "the batch size",
            "generic_hint": "The 10 000 samples are shared out evenly among the "
            "minibatches.",
        },
    )
    iterations = Stage(
        "count",
        ("iterations",),
        3 * TEXTBOOK_BATCHES,
        hints=[
            (
                equals(TEXTBOOK_BATCHES),
                "That is one epoch; the question asks for three.",
            ),
            (
                equals(3 * TEXTBOOK_N),
                "That would be online learning, one sample per iteration.",
            ),
            (
                equals(3 * size),
                "One iteration processes a whole minibatch, so count minibatches, not "
                "samples.",
            ),
        ],
        options={
            "what": "the number of iterations",
            "praise": "Each minibatch holds a tenth of the samples, and every epoch "
            "takes one iteration per minibatch.",
            "generic_hint": "The minibatch size is right. One iteration per minibatch; "
            "how many minibatches are there in three epochs?",
        },
    )
    return WebCheck(
        "textbook_epoch",
        (Field("batch_size", "Batch size"), Field("iterations", "Iterations")),
        (batch, iterations),
        swapped="You swapped the two answers: both numbers are right, but each is in "
        "the other's box. The batch size counts samples, the iterations count "
        "minibatches.",
    )


def textbook_epoch(batch_size: int, iterations: int) -> Feedback:
    """Exercise: the textbook's 10 000 samples in 10 minibatches, trained for 3 epochs.

    Parameters
    ----------
    batch_size : int
        Samples per minibatch.
    iterations : int
        Weight updates in three epochs.

    Examples
    --------
    >>> textbook_epoch(10, 30).correct
    False
    """
    return textbook_epoch_form().judge(batch_size, iterations)


@web_check
def samples_processed_form() -> WebCheck:
    """Samples processed by the three runs, for the Python check and the page."""
    expected = [m * iters for m, iters in COMPARISON_RUNS]
    iterations = [iters for _, iters in COMPARISON_RUNS]
    epochs = [iters * m / COMPARISON_N for m, iters in COMPARISON_RUNS]
    stage = Stage(
        "count",
        ("counts",),
        expected,
        hints=[
            (
                near(iterations),
                "Those are the iterations. Each iteration passes a whole batch through "
                "the network: multiply by the batch size.",
            ),
            (
                near(epochs),
                "Those are the epochs. One epoch passes every one of the 400 samples "
                "once.",
            ),
            (
                near([m for m, _ in COMPARISON_RUNS]),
                "Those are the batch sizes: how many updates did each run make?",
            ),
            *reordered(
                expected, "Right numbers, wrong order: full batch first, online last."
            ),
        ],
        options={
            "axes": "one count per run, in the order full batch, minibatch (16), "
            "online",
            "what": "the three counts",
            "praise": "For the same number of updates the full batch processed 400 "
            "times as many samples as online learning.",
            "generic_hint": "Samples processed = iterations x batch size (or epochs x "
            "400).",
        },
    )
    return WebCheck(
        "samples_processed", (Field("counts", "Three counts, e.g. 1, 2, 3"),), (stage,)
    )


def samples_processed(counts: ArrayLike) -> Feedback:
    """Exercise: single-sample forward and backward passes in the three compared runs.

    Parameters
    ----------
    counts : array_like of 3 numbers
        Full batch, minibatch (16) and online, in that order.

    Examples
    --------
    >>> samples_processed([800, 800, 800]).correct
    False
    """
    return samples_processed_form().judge(counts)
