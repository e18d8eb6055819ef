"""Chapter 16, Handwritten digits: how often each true class was predicted as each.

A test accuracy is one number; the **confusion matrix** says which classes are taken for
which. Entry :math:`M_{ij}` counts the samples of class :math:`i` that the network
assigned to class :math:`j`, so the diagonal holds the correct answers (Bishop 2006,
sec. 1.5; Goodfellow et al. 2016, sec. 11.1).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .preprocessing import class_numbers
from .validation import check_count, check_work

#: Most classes :func:`confusion_matrix` counts: a table of a million entries.
MAX_CLASSES = 1_000


def confusion_matrix(
    y_true: ArrayLike, y_pred: ArrayLike, n_classes: int
) -> NDArray[np.int_]:
    """Count how often each true class was predicted as each class.

    Parameters
    ----------
    y_true, y_pred : array_like of int, shape (n,)
        True and predicted class numbers, 0 to ``n_classes - 1``.
    n_classes : int

    Returns
    -------
    ndarray of int, shape (n_classes, n_classes)
        Entry ``[i, j]`` counts the samples of class ``i`` predicted as ``j``;
        the diagonal holds the correct answers, each row adds up to the
        number of samples of its class.

    Raises
    ------
    TypeError
        If ``y_true`` or ``y_pred`` is not an array of numbers, or ``n_classes``
        not an integer.
    ValueError
        If a label is not a whole number from 0 to ``n_classes - 1``, or the two
        differ in length, or ``n_classes`` is above :data:`MAX_CLASSES`.

    Examples
    --------
    >>> confusion_matrix([0, 0, 1, 2, 2], [0, 1, 1, 2, 0], 3)
    array([[1, 1, 0],
           [0, 1, 0],
           [1, 0, 1]])
    """
    k = check_count(n_classes, "n_classes")
    check_work(k, MAX_CLASSES, "classes (n_classes)", "MAX_CLASSES")
    truth = class_numbers(y_true, k, "y_true")
    guess = class_numbers(y_pred, k, "y_pred")
    if truth.shape != guess.shape:
        raise ValueError(
            f"y_true and y_pred must have the same length, but they have "
            f"{len(truth)} and {len(guess)}"
        )
    counts = np.zeros((k, k), dtype=int)
    np.add.at(counts, (truth, guess), 1)
    return counts
