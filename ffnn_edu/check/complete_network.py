"""Self-checks for the chapter on the complete network (the shop data, splits and leaks)."""
from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from ..classifier import NetworkClassifier
from ..datasets import new_shop_data, shop_data
from ..preprocessing import Standardizer, train_val_test_split
from .feedback import Feedback, compare

__all__ = ["leak", "split_sizes", "new_data_prediction"]

#: The mask of the leak exercise: ``np.random.default_rng(LEAK_SEED).random(10) < 0.5``.
LEAK_SEED = 3
#: Rows and fractions of the split-size exercise.
SPLIT_ROWS, SPLIT_FRACTIONS = 25, (0.8, 0.1, 0.1)
#: The chapter's network for the shop data (in the spirit of the textbook's script).
SHOP_SETTINGS = {"hidden_layer_sizes": (30,), "activation": "sigmoid", "loss": "mse",
                 "eta": 2.0, "epochs": 150, "batch_size": 2, "seed": 0}


def _rows(answer: Sequence[int], name: str) -> set[int] | Feedback:
    """The row numbers in ``answer`` as a set, or Feedback saying what is wrong with them."""
    try:
        values = np.asarray(answer, dtype=float).ravel()
    except (TypeError, ValueError):
        return Feedback(False, f"Give {name} as a list of row numbers, e.g. [0, 4, 7].")
    if values.size and (not np.isfinite(values).all() or (values != np.round(values)).any()):
        return Feedback(False, f"{name} must hold whole row numbers.")
    if values.size and (values.min() < 0 or values.max() > 9):
        return Feedback(False, f"{name}: the shop table has rows 0 to 9 only.")
    return {int(v) for v in values}


def leak(test_rows: Sequence[int], train_rows: Sequence[int]) -> Feedback:
    """Exercise: which rows does the textbook's script test on, and which does it train on?

    The mask is drawn as the script does, but reproducibly:
    ``np.random.default_rng(3).random(10) < 0.5``.

    Examples
    --------
    >>> leak([0, 1], [2, 3]).correct
    False
    """
    mask = np.random.default_rng(LEAK_SEED).random(10) < 0.5
    chosen, others = set(np.flatnonzero(mask).tolist()), set(np.flatnonzero(~mask).tolist())
    test = _rows(test_rows, "test_rows")
    if isinstance(test, Feedback):
        return test
    train = _rows(train_rows, "train_rows")
    if isinstance(train, Feedback):
        return train
    if test != others:
        if test == chosen:
            return Feedback(False, "Those are the rows where the mask is True; the script "
                                   "tests on the rows where it is False (~mask).")
        return Feedback(False, "The test rows are the rows whose random number is not "
                               "below 0.5. Print the mask and read them off.")
    if train == set(range(10)):
        return Feedback(True, "The script builds its training arrays from the whole table, "
                              "so every test row was also a training row.")
    if train == chosen:
        return Feedback(False, "That is the training part the script intended. Look again "
                               "at which table its training arrays are built from.")
    return Feedback(False, "The test rows are right. For the training rows, check which "
                           "table the training arrays come from.")


def split_sizes(n_train: int, n_val: int, n_test: int) -> Feedback:
    """Exercise: the sizes ``train_val_test_split`` gives 25 rows with fractions (0.8, 0.1, 0.1).

    Examples
    --------
    >>> split_sizes(20, 3, 2).correct
    False
    """
    answer = (n_train, n_val, n_test)
    zeros = np.zeros((SPLIT_ROWS, 1))
    split = train_val_test_split(zeros, zeros[:, 0], SPLIT_FRACTIONS)
    expected = (len(split.y_train), len(split.y_val), len(split.y_test))

    def total_wrong(a: np.ndarray) -> bool:
        return a.shape == (3,) and not np.isclose(a.sum(), SPLIT_ROWS)

    def not_whole(a: np.ndarray) -> bool:
        return (a != np.round(a)).any()

    def half_up(a: np.ndarray) -> bool:
        return bool(a[1] == 3 or a[2] == 3)

    return compare(answer, expected, tolerance=0.0, hints=[
        (not_whole, "Sets hold whole rows: the sizes must be whole numbers."),
        (total_wrong, f"The three sets share out all {SPLIT_ROWS} rows, so the sizes must "
                      f"add up to {SPLIT_ROWS}: training gets whatever is left."),
        (half_up, "Python's round() sends a half to the nearest even number, so "
                  "round(2.5) is 2, not 3."),
    ], praise="Validation and test get round(0.1 * 25) rows each, training the rest.",
        generic_hint="Validation and test get round(fraction * n) rows each (at least one); "
                     "training gets the rest. Try it with np.zeros((25, 1)).")


@lru_cache(maxsize=1)
def _new_data_labels() -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
    """Labels for the new rows: the right way, without scaling, and with unscaled new rows."""
    X, y, _ = shop_data()
    X_new, _ = new_shop_data()
    scaler = Standardizer().fit(X)
    scaled = NetworkClassifier(**SHOP_SETTINGS).fit(scaler.transform(X), y)
    raw = NetworkClassifier(**SHOP_SETTINGS).fit(X, y)
    return (tuple(scaled.predict(scaler.transform(X_new)).tolist()),
            tuple(raw.predict(X_new).tolist()),
            tuple(scaled.predict(X_new).tolist()))


def new_data_prediction(labels: Sequence[int]) -> Feedback:
    """Exercise: the labels the chapter's network, retrained on all ten rows, gives the new rows.

    The network has the chapter's settings (30 sigmoid hidden units, MSE,
    ``eta=2``, 150 epochs, batch size 2, ``seed=0``) and is trained on all ten
    rows of ``shop_data()`` after a ``Standardizer`` fitted on those ten rows.

    Examples
    --------
    >>> new_data_prediction([2, 0, 0]).correct
    False
    """
    right, unscaled_training, unscaled_new = _new_data_labels()
    try:
        given = np.asarray(labels, dtype=float)
    except (TypeError, ValueError):
        return Feedback(False, "Give the three labels as a list of 0s and 1s.")
    if given.shape == (3,) and not np.isin(given, (0, 1)).all():
        return Feedback(False, "Each label is 0 (basket abandoned) or 1 (purchase).")
    unscaled = {unscaled_training, unscaled_new} - {right}
    return compare(labels, right, tolerance=0.0, hints=[
        (lambda a: tuple(a.astype(int)) in unscaled,
         "These are the labels you get when unscaled numbers reach the network, in training "
         "or in prediction. Fit a Standardizer on the ten rows, train on the scaled rows and "
         "pass the new rows through the same scaler's transform before predict."),
    ], praise="Those are the labels the retrained network predicts.",
        generic_hint="Train with the chapter's settings on all ten scaled rows (seed=0), then "
                     "predict the scaled new rows; labels are 1 where the probability is "
                     "at least 0.5.")
