"""Chapter 9, A complete network: honest and leaky test scores over many random splits.

One split of ten rows gives a coarse, lucky or unlucky measurement. Repeating
the split with many seeds shows the pattern: the score on the training rows,
the honest score on held-out rows (scaler and network fitted on the training
rows only), and the score a *leaky* network, trained on every row as the
textbook's script does, gets on the same held-out rows.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from ffnn_edu.nn.classifier import NetworkClassifier, network_sizes
from ffnn_edu.nn.network import MAX_LAYER_SIZE
from ffnn_edu.nn.preprocessing import (
    Standardizer,
    k_fold_indices,
    sample_table,
    train_val_test_split,
)
from ffnn_edu.nn.training import check_run_size, check_updates
from ffnn_edu.nn.validation import (
    Array,
    check_count,
    check_number,
    check_work,
    counted,
    exactly,
    known_names,
)

#: Most training runs :func:`repeated_split_scores` (one per split) and
#: :func:`cross_validation_scores` (one per fold) make (the book: 20; 5 and 10 folds).
MAX_SPLITS = 200
#: Most epochs one call trains in all, training runs times the epochs of ``settings``
#: (the book's calls make at most 21 x 150 and one per row of the shop data x 150).
MAX_EPOCHS_IN_ALL = 100_000


@dataclass
class SplitScores:
    """Accuracies per split (one entry per seed).

    Attributes
    ----------
    train : ndarray
        On the training rows of each split.
    held_out : ndarray
        On the test rows, with scaler and network fitted on the training rows only.
    leaky : ndarray
        On the same test rows, by one network (and scaler) fitted on every row.
    """

    train: Array
    held_out: Array
    leaky: Array


def repeated_split_scores(
    X: ArrayLike,
    y: ArrayLike,
    settings: Mapping[str, Any],
    *,
    n_splits: int = 20,
    test_fraction: float = 0.4,
) -> SplitScores:
    """Train and score a classifier on ``n_splits`` random splits of ``X`` and ``y``.

    The classifier is a :class:`~ffnn_edu.nn.classifier.NetworkClassifier`; split ``i``
    is drawn with seed ``i`` (seeds 0, 1, ...).

    Parameters
    ----------
    X, y : array_like
        Inputs and class labels.
    settings : mapping
        Keyword arguments of :class:`~ffnn_edu.nn.classifier.NetworkClassifier`.
    n_splits : int
        Number of splits, made by
        :func:`~ffnn_edu.nn.preprocessing.train_val_test_split` with seeds ``0 ..
        n_splits - 1`` and no validation set; at most :data:`MAX_SPLITS` (200).
    test_fraction : float
        Share of the rows held out, strictly between 0 and 1.

    Raises
    ------
    TypeError
        If ``settings`` is not a mapping.
    ~ffnn_edu.nn.validation.UnknownNameError
        If ``settings`` names an argument
        :class:`~ffnn_edu.nn.classifier.NetworkClassifier` does not have (a
        ``TypeError`` and a ``ValueError``).
    ValueError
        If ``X`` is not 2-D, ``X`` and ``y`` differ in length,
        ``test_fraction`` is not strictly between 0 and 1 or leaves no row for
        training, or leaves a split training rows of one class (every split is
        checked before any training), or the ``n_splits + 1``
        runs would train more than :data:`MAX_EPOCHS_IN_ALL` epochs in all or make
        more than :data:`~ffnn_edu.nn.training.MAX_UPDATES` weight updates in all.

    Examples
    --------
    >>> from ffnn_edu.nn.datasets import shop_data
    >>> X, y, _ = shop_data()
    >>> scores = repeated_split_scores(X, y, {"hidden_layer_sizes": (3,), "epochs": 5},
    ...                                n_splits=2)
    >>> scores.held_out.shape
    (2,)
    """
    n_splits = check_count(n_splits, "n_splits")
    check_work(
        n_splits, MAX_SPLITS, "training runs, one per split (n_splits)", "MAX_SPLITS"
    )
    test_fraction = check_number(
        test_fraction,
        "test_fraction",
        low=0.0,
        high=1.0,
        low_inclusive=False,
        high_inclusive=False,
    )
    X, y = _checked_data(X, y, settings, "repeated_split_scores")
    _check_leaves_training_rows(len(X), test_fraction)
    _check_total(("n_splits + 1", n_splits + 1), settings, X, y)  # + the leaky one
    fractions = (1 - test_fraction, 0.0, test_fraction)
    splits = [  # row indices only: every split is checked before any training
        train_val_test_split(X, y, fractions=fractions, seed=seed).indices
        for seed in range(n_splits)
    ]
    for seed, rows in enumerate(splits):
        _check_split_keeps_two_classes(y, rows["train"], seed, test_fraction)
    everything = Standardizer().fit(X)
    leaky = NetworkClassifier(**settings).fit(everything.transform(X), y)
    train, held_out, leaked = [], [], []
    for rows in splits:
        on_train, on_test = _scaled_fit_score(
            X, y, rows["train"], rows["test"], settings
        )
        train.append(on_train)
        held_out.append(on_test)
        leaked.append(
            leaky.score(everything.transform(X[rows["test"]]), y[rows["test"]])
        )
    return SplitScores(np.array(train), np.array(held_out), np.array(leaked))


def _only_class(y: np.ndarray, train: Array) -> Any:
    """The one class of ``y`` in the rows ``train`` while ``y`` has more, else None.

    A ``y`` of one class is left to the classifier, which refuses it, rightly, as
    ``y``'s fault; here the fault is the split's, which ``y`` does not show.
    """
    left = np.unique(y[train])
    if len(left) == 1 and len(np.unique(y)) > 1:
        return left[0].item()
    return None


def _others(y: np.ndarray, kept: Any) -> str:
    """The rows of ``y`` not of class ``kept``, by class: "class 1 (2 rows)"."""
    classes, counts = np.unique(y[y != kept], return_counts=True)
    return ", ".join(
        f"class {c.item()!r} ({counted(int(m), 'row')})"
        for c, m in zip(classes, counts)
    )


def _one_class_left(
    y: np.ndarray, train: Array, whatever: str, fewer: Callable[[int, int], str]
) -> tuple[Any, str] | None:
    """The one class of ``y`` left in the rows ``train``, with the advice, or None.

    The advice counts the rows outside the largest class of ``y`` (the fewest outside
    any one class): a single one is held out, in some split or fold, ``whatever`` the
    setting (``whatever`` says how); more are kept from all leaving when the held-out
    rows are fewer, and ``fewer(outside, n)`` says which setting makes them so, for
    ``outside`` rows outside the largest class of ``n``. One computation for the
    split's check and the fold's.

    Examples
    --------
    >>> y = np.array([0, 0, 0, 0, 1, 1, 1])
    >>> kept, advice = _one_class_left(y, np.arange(4), "always", _more_folds)
    >>> print(kept, advice)
    0 folds of fewer than the 3 rows outside the largest class cannot hold them all:
    take k >= 4, or another seed
    >>> _one_class_left(y, np.arange(5), "always", _more_folds) is None
    True
    """
    kept = _only_class(y, train)
    if kept is None:
        return None
    n, largest = len(y), int(np.unique(y, return_counts=True)[1].max())
    outside = n - largest  # the fewest rows outside any one class
    if outside < 2:
        return kept, (
            f"with a single row outside class {kept!r}, {whatever}: give the other "
            f"classes more rows (at least 2 outside the largest class)"
        )
    return kept, fewer(outside, n)


def _fewer_test_rows(outside: int, n: int) -> str:
    """The ``test_fraction`` whose test rows are fewer than the ``outside`` of ``n``."""
    fraction = _at_most((outside - 1) / n)  # round(fraction * n) <= outside - 1
    n_test = max(1, round(fraction * n))  # as train_val_test_split counts them
    return (
        f"fewer test rows than the {outside} outside the largest class cannot "
        f"take them all: take test_fraction <= {fraction:g} "
        f"({counted(n_test, 'test row')} of the {n})"
    )


def _more_folds(outside: int, n: int) -> str:
    """The ``k`` whose folds hold fewer rows than the ``outside`` of ``n``."""
    enough = -(-n // (outside - 1))  # folds of at most outside - 1 rows
    return (
        f"folds of fewer than the {outside} rows outside the largest class cannot "
        f"hold them all: take k >= {enough}, or another seed"
    )


def _check_split_keeps_two_classes(
    y: np.ndarray, train: Array, seed: int, test_fraction: float
) -> None:
    """Refuse a split whose training rows hold one class, naming ``test_fraction``.

    The classifier would refuse its training rows as "y must contain at least two
    classes", blaming the ``y`` passed, which has them. The training rows lack every
    class but one when the test rows take all the rows outside it; no split's can
    when they are fewer than the rows outside the largest class, which a smaller
    ``test_fraction`` gives (the one named is computed and is smaller than the one
    given), unless that is a single row: every split holds out at least one.

    Examples
    --------
    >>> y = np.array([0, 0, 0, 1, 1, 1])
    >>> _check_split_keeps_two_classes(y, np.array([0]), 3, 0.8)
    Traceback (most recent call last):
    ...
    ValueError: test_fraction must leave rows of at least two classes for training in
    every split (a classifier learns to tell classes apart), but test_fraction=0.8
    leaves split 3 (seed 3) 1 training row of the 6, all of class 0: its test rows
    took every row of class 1 (3 rows); fewer test rows than the 3 outside the largest
    class cannot take them all: take test_fraction <= 0.33 (2 test rows of the 6)
    >>> _check_split_keeps_two_classes(np.array([0] * 9 + [1]), np.arange(9), 0, 0.1)
    Traceback (most recent call last):
    ...
    ValueError: test_fraction must leave rows of at least two classes for training in
    every split (a classifier learns to tell classes apart), but test_fraction=0.1
    leaves split 0 (seed 0) 9 training rows of the 10, all of class 0: its test rows
    took every row of class 1 (1 row); with a single row outside class 0, a split
    whose test rows take it trains on one class whatever test_fraction (every split
    holds out at least 1 row): give the other classes more rows (at least 2 outside
    the largest class)
    """
    left = _one_class_left(
        y,
        train,
        "a split whose test rows take it trains on one class whatever test_fraction "
        "(every split holds out at least 1 row)",
        _fewer_test_rows,
    )
    if left is None:
        return
    kept, advice = left
    raise ValueError(
        f"test_fraction must leave rows of at least two classes for training in "
        f"every split (a classifier learns to tell classes apart), but "
        f"test_fraction={exactly(test_fraction)} leaves split {seed} (seed {seed}) "
        f"{counted(len(train), 'training row')} of the {len(y)}, all of class "
        f"{kept!r}: its test rows took every row of {_others(y, kept)}; {advice}"
    )


def _at_most(bound: float) -> float:
    """``bound`` > 0 cut to two significant digits (towards 0): a value a reader types.

    Examples
    --------
    >>> _at_most(1 / 3), _at_most(0.2), _at_most(2 / 999)
    (0.33, 0.2, 0.002)
    """
    exact = Decimal(repr(bound))
    return float(exact.quantize(Decimal(1).scaleb(exact.adjusted() - 1), ROUND_DOWN))


def _check_fold_keeps_two_classes(
    y: np.ndarray, train: Array, fold: int, k: int
) -> None:
    """Refuse a fold whose other folds (its training rows) hold one class, naming ``k``.

    The training rows lack every class but one when the held-out fold holds all the
    rows outside that class; no fold can when each holds fewer rows than the classes
    outside the largest class have together, which a larger ``k`` gives, unless they
    have a single row.

    Examples
    --------
    >>> _check_fold_keeps_two_classes(np.array([0, 0, 0, 0, 0, 1]), np.arange(4), 2, 3)
    Traceback (most recent call last):
    ...
    ValueError: k = 3 folds leave fold 3 (of 3) with training rows of one class, class
    0: the fold holds every row of class 1 (1 row), and a classifier learns to tell
    classes apart; with a single row outside class 0, the fold that holds it does so
    whatever k: give the other classes more rows (at least 2 outside the largest class)
    """
    left = _one_class_left(
        y, train, "the fold that holds it does so whatever k", _more_folds
    )
    if left is None:
        return
    kept, advice = left
    raise ValueError(
        f"k = {k} folds leave fold {fold + 1} (of {k}) with training rows of one "
        f"class, class {kept!r}: the fold holds every row of {_others(y, kept)}, and a "
        f"classifier learns to tell classes apart; {advice}"
    )


def _checked_data(
    X: ArrayLike, y: ArrayLike, settings: Any, caller: str
) -> tuple[Array, np.ndarray]:
    """``X`` as a table of samples, ``y`` one label per row, ``settings`` checked."""
    X = sample_table(X, "X")
    y = np.asarray(y)
    if y.shape != (len(X),):
        raise ValueError(
            f"y must hold one class label per row of X, shape ({len(X)},), but it "
            f"has shape {y.shape}"
        )
    _check_settings(settings, caller)
    return X, y


def _check_leaves_training_rows(n: int, test_fraction: float) -> None:
    """Refuse a ``test_fraction`` that would hold out all ``n`` rows, in its words.

    :func:`~ffnn_edu.nn.preprocessing.train_val_test_split` holds out
    ``max(1, round(test_fraction * n))`` rows; its own refusal names ``fractions``,
    which the caller of :func:`repeated_split_scores` never passed.

    Examples
    --------
    >>> _check_leaves_training_rows(100, 0.999)
    Traceback (most recent call last):
    ...
    ValueError: 100 samples are too few for test_fraction=0.999: it holds out 100 test
    rows and leaves none for training (take a smaller test_fraction, such as the
    default 0.4)
    """
    n_test = max(1, round(test_fraction * n))  # as train_val_test_split counts them
    if n - n_test >= 1:
        return
    if n == 1:
        raise ValueError(
            "1 sample is too few to split: the test rows take it, whatever "
            f"test_fraction ({exactly(test_fraction)}), and leave none for training"
        )
    default = inspect.signature(repeated_split_scores).parameters["test_fraction"]
    raise ValueError(
        f"{n} samples are too few for test_fraction={exactly(test_fraction)}: it "
        f"holds out {n_test} test rows and leaves none for training (take a smaller "
        f"test_fraction, such as the default {default.default:g})"
    )


def _check_settings(settings: Any, caller: str) -> None:
    """``settings`` (of ``caller``) maps :class:`NetworkClassifier` arguments."""
    if not isinstance(settings, Mapping):
        raise TypeError(
            f"settings must be a dict of NetworkClassifier arguments such as "
            f'{{"epochs": 100}}, but it is {settings!r} ({type(settings).__name__})'
        )
    known_names(
        settings,
        sorted(inspect.signature(NetworkClassifier).parameters),
        f"{caller}(settings=...)",
        "setting",
    )


def _check_total(
    runs: tuple[str, int],
    settings: Mapping[str, Any],
    X: Array,
    y: np.ndarray,
    rows: int | None = None,
) -> None:
    """Refuse trainings with ``settings`` on ``X`` and ``y`` that are too much work.

    ``runs`` names the argument that sets the number of runs and that number. The runs
    together may train at most :data:`MAX_EPOCHS_IN_ALL` epochs, and their work (runs
    times the rows of ``X``, which bound each run's training rows, times the weights and
    biases times the epochs) must stay within the training loop's
    :data:`~ffnn_edu.nn.training.MAX_WORK`
    (:func:`~ffnn_edu.nn.training.check_run_size`): each run within it alone is no
    bound on the total. Their weight updates together (runs times epochs times the
    minibatches of ``rows`` training rows, at most the rows of ``X``) must stay within
    :data:`~ffnn_edu.nn.training.MAX_UPDATES`
    (:func:`~ffnn_edu.nn.training.check_updates_in_all`).

    Examples
    --------
    >>> _check_total(("n_splits + 1", 201), {"epochs": 10**6}, np.zeros((4, 2)),
    ...              np.array([0, 1, 0, 1]))
    Traceback (most recent call last):
    ...
    ValueError: this would make 201000000 epochs in all (n_splits + 1: 201 runs x
    1000000 epochs of settings), more than MAX_EPOCHS_IN_ALL = 100000
    """
    name, count = runs
    defaults = inspect.signature(NetworkClassifier).parameters
    epochs = check_count(
        settings.get("epochs", defaults["epochs"].default), "the epochs of settings"
    )
    check_work(
        count * epochs,
        MAX_EPOCHS_IN_ALL,
        f"epochs in all ({name}: {counted(count, 'run')} x "
        f"{counted(epochs, 'epoch')} of settings)",
        "MAX_EPOCHS_IN_ALL",
    )
    hidden = settings.get("hidden_layer_sizes", defaults["hidden_layer_sizes"].default)
    sizes = network_sizes(hidden, X, y, "the hidden_layer_sizes of settings")
    if max(sizes) > MAX_LAYER_SIZE:
        return  # the classifier's network refuses its layer, naming it
    check_run_size(
        sizes,
        len(X),
        epochs,
        names=("X", "hidden_layer_sizes of settings", "epochs of settings", ""),
        runs=runs,
        outputs="one per class in y" if sizes[-1] > 1 else "for the two classes in y",
    )
    batch_size = settings.get("batch_size", defaults["batch_size"].default)
    whole = isinstance(batch_size, (int, np.integer)) and batch_size > 0
    if batch_size is None or whole:
        check_updates(  # an odd batch_size is the classifier's to refuse, naming it
            epochs,
            len(X) if rows is None else rows,
            None if batch_size is None else int(batch_size),
            names=(
                "epochs of settings",
                "X" if rows is None else "the training folds of X",
                "batch_size of settings",
            ),
            runs=runs,
        )


def _check_folds_fit(n: int, k: int) -> None:
    """Refuse ``k`` folds of ``n`` rows when a fold would be empty, in caller's words.

    :func:`~ffnn_edu.nn.preprocessing.k_fold_indices` refuses it too, but names its
    own ``n``, which the caller of :func:`cross_validation_scores` never passed.

    Examples
    --------
    >>> _check_folds_fit(10, 11)
    Traceback (most recent call last):
    ...
    ValueError: k must be at most the number of rows of X, 10 (each fold needs a row),
    but it is 11
    """
    if k > n:
        raise ValueError(
            f"k must be at most the number of rows of X, {n} (each fold needs a "
            f"row), but it is {k}"
        )


def _scaled_fit_score(
    X: Array, y: np.ndarray, train: Array, test: Array, settings: Mapping[str, Any]
) -> tuple[float, float]:
    """Accuracy on the training and the test rows (fitted on the training rows only)."""
    scaler = Standardizer().fit(X[train])
    model = NetworkClassifier(**settings).fit(scaler.transform(X[train]), y[train])
    return (
        model.score(scaler.transform(X[train]), y[train]),
        model.score(scaler.transform(X[test]), y[test]),
    )


def cross_validation_scores(
    X: ArrayLike,
    y: ArrayLike,
    settings: Mapping[str, Any],
    *,
    k: int = 5,
    seed: int = 0,
) -> Array:
    """Accuracy on each held-out fold of k-fold cross-validation (one entry per fold).

    The folds come from :func:`~ffnn_edu.nn.preprocessing.k_fold_indices`; for each,
    a :class:`~ffnn_edu.nn.preprocessing.Standardizer` and a
    :class:`~ffnn_edu.nn.classifier.NetworkClassifier` with ``settings`` are fitted on
    the other folds and the fold is scored. Every row is scored exactly once.

    Raises
    ------
    TypeError
        If ``settings`` is not a mapping of classifier arguments.
    ValueError
        If ``X`` is not 2-D, ``y`` does not hold one label per row, or ``k`` is not
        a whole number between 2 and the number of rows (checked before any fold size
        is computed from it), or above ``MAX_SPLITS`` (one training run
        per fold), or a fold holds every row outside one class, leaving its training
        rows that class alone (the message says which, and whether a larger ``k``
        helps; checked before any training), or the folds would train more than
        :data:`MAX_EPOCHS_IN_ALL` epochs or make more than
        :data:`~ffnn_edu.nn.training.MAX_UPDATES` weight updates in all.

    Examples
    --------
    >>> from ffnn_edu.nn.datasets import shop_data
    >>> X, y, _ = shop_data()
    >>> cross_validation_scores(X, y, {"hidden_layer_sizes": (3,), "epochs": 5}).shape
    (5,)
    """
    k = check_count(k, "k", low=2)  # before len(X) // k below: k = 1 leaves no rows
    check_work(k, MAX_SPLITS, "training runs, one per fold (k)", "MAX_SPLITS")
    X, y = _checked_data(X, y, settings, "cross_validation_scores")
    _check_folds_fit(len(X), k)
    _check_total(("k", k), settings, X, y, rows=len(X) - len(X) // k)  # largest fold
    folds = k_fold_indices(len(X), k, seed)
    for fold, (train, _) in enumerate(folds):  # every fold before any training
        _check_fold_keeps_two_classes(y, train, fold, k)
    return np.array(
        [_scaled_fit_score(X, y, train, test, settings)[1] for train, test in folds]
    )
