"""Chapter 16, Handwritten digits: the first real data set, from split to test score.

The recipe of the chapter, in one place so that a test can run it for
several seeds:

1. load the 1,797 images of :func:`~ffnn_edu.nn.datasets.load_digits`;
2. split them 60/20/20 into training, validation and test sets (seeded);
3. standardise every pixel with the mean and spread of the **training** images;
4. train a 64-64-10 :class:`~ffnn_edu.nn.classifier.NetworkClassifier` (softmax
   output, categorical cross-entropy) for each candidate hidden activation
   and learning rate, and keep the one with the best **validation** accuracy;
5. measure the chosen network on the test set, once.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from ffnn_edu.nn.activations import get_activation
from ffnn_edu.nn.classifier import NetworkClassifier
from ffnn_edu.nn.datasets import load_digits
from ffnn_edu.nn.preprocessing import Standardizer, train_val_test_split
from ffnn_edu.nn.validation import Array, check_number, check_work

#: Shares of the images for training, validation and test.
DIGIT_FRACTIONS = (0.6, 0.2, 0.2)
#: Candidate settings, (hidden activation, learning rate),
#: compared on the validation set.
DIGIT_CANDIDATES = (("sigmoid", 1.0), ("tanh", 0.2), ("relu", 0.2))
#: Most candidates :func:`recognise_digits` trains, one network each (the chapter has
#: three).
MAX_CANDIDATES = 50
#: Settings every candidate shares: 64 hidden units, 40 epochs of minibatches of 64.
DIGIT_SETTINGS = {
    "hidden_layer_sizes": (64,),
    "loss": "cross_entropy",
    "epochs": 40,
    "batch_size": 64,
}


class DigitData(NamedTuple):
    """The split, standardised digits (int labels) and the raw test images to show."""

    X_train: Array
    y_train: Array
    X_val: Array
    y_val: Array
    X_test: Array
    y_test: Array
    images_test: Array
    scaler: Standardizer


class DigitRun(NamedTuple):
    """What :func:`recognise_digits` did and found."""

    #: The split and scaled images.
    data: DigitData
    #: One (hidden activation, learning rate, validation accuracy) per candidate, in the
    #: order tried.
    search: list[tuple[str, float, float]]
    #: The candidate with the best validation accuracy, trained on the training set; its
    #: ``history_`` holds the training and validation curves.
    classifier: NetworkClassifier
    #: The chosen network's accuracy on the test set.
    test_accuracy: float
    #: One flag per candidate, in the order of ``search``: True where its training
    #: diverged (``history_.diverged``; a learning rate too large). A diverged
    #: candidate is not chosen while another did not diverge.
    diverged: list[bool]
    #: What was chosen and why, for the learner: the candidates left out because they
    #: diverged, or that every candidate diverged.
    message: str


def digit_data(seed: int = 0) -> DigitData:
    """Split the digits with ``seed`` and standardise them with training-set statistics.

    Examples
    --------
    >>> d = digit_data(seed=0)
    >>> len(d.y_train), len(d.y_val), len(d.y_test)
    (1079, 359, 359)
    >>> bool(abs(d.X_train.mean()) < 1e-12), d.images_test.shape[1:]
    (True, (8, 8))
    """
    X, y = load_digits()
    s = train_val_test_split(X, y, fractions=DIGIT_FRACTIONS, seed=seed)
    scaler = Standardizer().fit(s.X_train)
    return DigitData(
        scaler.transform(s.X_train),
        s.y_train.astype(int),
        scaler.transform(s.X_val),
        s.y_val.astype(int),
        scaler.transform(s.X_test),
        s.y_test.astype(int),
        s.X_test.reshape(-1, 8, 8),
        scaler,
    )


def _pairs(candidates: object) -> list[tuple[str, float]]:
    """``candidates`` as (activation, learning rate) pairs, or say what is wrong.

    Examples
    --------
    >>> _pairs(("relu", 0.2))
    Traceback (most recent call last):
    ...
    TypeError: candidates must be a sequence of (activation, learning rate) pairs such
    as [("relu", 0.2)], but its entry 'relu' is not such a pair
    """
    wanted = 'a sequence of (activation, learning rate) pairs such as [("relu", 0.2)]'
    if isinstance(candidates, (str, bytes)) or not isinstance(candidates, Sequence):
        raise TypeError(f"candidates must be {wanted}, but it is {candidates!r}")
    if not candidates:
        raise ValueError(
            "candidates must hold at least one (activation, learning rate) pair"
        )
    check_work(
        len(candidates),
        MAX_CANDIDATES,
        "training runs, one per entry of candidates",
        "MAX_CANDIDATES",
    )
    for pair in candidates:
        if (
            isinstance(pair, (str, bytes))
            or not isinstance(pair, Sequence)
            or len(pair) != 2
            or not isinstance(pair[0], str)
        ):
            raise TypeError(
                f"candidates must be {wanted}, but its "
                f"entry {pair!r} is not such a pair"
            )
    for activation, _ in candidates:  # a misspelt name fails before any training
        get_activation(activation)
    return [
        (
            activation,
            check_number(
                eta,
                "the learning rate of every candidate",
                low=0.0,
                low_inclusive=False,
            ),
        )
        for activation, eta in candidates
    ]


def recognise_digits(
    seed: int = 0, candidates: Sequence[tuple[str, float]] = DIGIT_CANDIDATES
) -> DigitRun:
    """Run the chapter's recipe: split, standardise, choose on validation, test once.

    Parameters
    ----------
    seed : int
        Seed of the split and of every network's initial weights and shuffling.
    candidates : sequence of (str, float)
        (hidden activation, learning rate) pairs to compare; the other settings
        are ``DIGIT_SETTINGS``. Ties go to the earlier candidate; a candidate whose
        training diverged is chosen only if every one did, and ``message`` of the
        result says so (``diverged`` marks them). One pair alone is written
        ``[("relu", 0.2)]``.

    Raises
    ------
    TypeError
        If ``candidates`` is not a sequence of (activation name, learning rate) pairs.
    ValueError
        If it is empty or longer than :data:`MAX_CANDIDATES`, names no activation of
        the package, or a learning rate is not positive (checked before any training).

    Examples
    --------
    >>> run = recognise_digits(seed=0, candidates=[("relu", 0.2)])
    >>> run.classifier.network_.layer_sizes, run.search[0][:2]
    ((64, 64, 10), ('relu', 0.2))
    """
    candidates = _pairs(candidates)
    data = digit_data(seed)
    search: list[tuple[str, float, float]] = []
    fitted: list[NetworkClassifier] = []
    for activation, eta in candidates:
        clf = NetworkClassifier(
            activation=activation, eta=eta, seed=seed, **DIGIT_SETTINGS
        )
        clf.fit(data.X_train, data.y_train, validation_data=(data.X_val, data.y_val))
        search.append((str(activation), float(eta), clf.score(data.X_val, data.y_val)))
        fitted.append(clf)
    diverged = [bool(clf.history_.diverged) for clf in fitted]
    best, message = _best_candidate(search, diverged)
    chosen = fitted[best]
    test_accuracy = chosen.score(data.X_test, data.y_test)
    return DigitRun(data, search, chosen, test_accuracy, diverged, message)


def _best_candidate(
    search: list[tuple[str, float, float]], diverged: list[bool]
) -> tuple[int, str]:
    """The candidate with the best validation accuracy that did not diverge, and why.

    Ties go to the earlier candidate. Diverged candidates are left out of the choice
    (their accuracy is that of weights from before the divergence, not of a trained
    network), and the message says which; if every candidate diverged, the best of
    them is returned and the message says that none is trustworthy.

    Examples
    --------
    >>> _best_candidate([("relu", 100.0, 0.9), ("tanh", 0.2, 0.8)], [True, False])
    (1, 'Chose tanh at learning rate 0.2 (validation accuracy 0.8); left out of the
    choice because their training diverged: relu at learning rate 100.')
    """
    kept = [i for i, gone in enumerate(diverged) if not gone] or list(
        range(len(search))
    )
    best = max(kept, key=lambda i: (search[i][2], -i))

    def named(i: int) -> str:
        return f"{search[i][0]} at learning rate {search[i][1]:g}"

    if all(diverged):
        return best, (
            f"Every candidate's training diverged (learning rates too large): none is "
            f"a trained network. The classifier is the best of them, {named(best)} "
            f"(validation accuracy {search[best][2]:.3g}), on its weights from before "
            "the divergence; try smaller learning rates."
        )
    message = f"Chose {named(best)} (validation accuracy {search[best][2]:.3g})"
    left_out = [named(i) for i, gone in enumerate(diverged) if gone]
    if left_out:
        message += (
            "; left out of the choice because their training diverged: "
            + ", ".join(left_out)
        )
    return best, message + "."


def misclassified(run: DigitRun) -> Array:
    """Row numbers (within the test set) of the test images the chosen network misses.

    Raises
    ------
    TypeError
        If ``run`` is not the :class:`DigitRun` of :func:`recognise_digits`.

    Examples
    --------
    >>> run = recognise_digits(seed=0, candidates=[("relu", 0.2)])
    >>> wrong = misclassified(run)
    >>> bool(np.all(
    ...     run.classifier.predict(run.data.X_test[wrong]) != run.data.y_test[wrong]
    ... ))
    True
    """
    if not isinstance(run, DigitRun):
        raise TypeError(
            f"run must be the DigitRun that recognise_digits returns, but it is "
            f"{run!r} ({type(run).__name__})"
        )
    prediction = run.classifier.predict(run.data.X_test)
    return np.flatnonzero(prediction != run.data.y_test)
