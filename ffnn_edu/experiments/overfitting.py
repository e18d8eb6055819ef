"""Chapters 11 and 13, Regularization and Dropout: penalty, dropout sweeps on two moons.

A network with far more weights than training points, trained long enough,
fits the accidents of its sample: the training loss heads for zero, the test
loss climbs, and the decision boundary bends around single points. An L2 (or
L1) penalty of the right size keeps the weights small and the boundary
smooth, and lowers the test loss; a penalty that is too large stops the
network from fitting even the training data (it underfits).

:func:`penalty_sweep` trains one network per regularization rate :math:`\\lambda`
and records the data loss and the penalty term separately;
:func:`boundary_wiggliness` puts a number on how much a decision boundary
bends. :func:`dropout_sweep` does the same for the dropout rate. The book's
claims about these experiments are tests on these functions
(``tests/test_overfitting.py``), for several seeds.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from ffnn_edu.nn.classifier import NetworkClassifier, network_sizes
from ffnn_edu.nn.datasets import MAX_SAMPLES, sample_count, two_moons
from ffnn_edu.nn.network import MAX_LAYER_SIZE
from ffnn_edu.nn.regularization import OTHER_NAMES as OTHER_PENALTY_NAMES
from ffnn_edu.nn.regularization import Regularizer
from ffnn_edu.nn.training import check_run_size, check_updates
from ffnn_edu.nn.validation import (
    Array,
    as_array,
    as_labels,
    check_count,
    check_number,
    check_rows_match,
    check_work,
    checked,
    counted,
    instance_of,
    known_names,
    plane_points,
    suggest_name,
    unchecked,
)

#: The settings of the regularization chapter's experiment (network and training).
SETTINGS = {
    "hidden_layer_sizes": (60,),
    "activation": "tanh",
    "eta": 1.0,
    "epochs": 1000,
    "batch_size": None,
}
#: The settings of the dropout chapter's experiment: minibatches of 10, so every epoch
#: draws 40 masks per hidden unit.
DROPOUT_SETTINGS = {
    "hidden_layer_sizes": (40,),
    "activation": "tanh",
    "eta": 1.0,
    "epochs": 200,
    "batch_size": 10,
}
#: Most rates :func:`penalty_sweep` and :func:`dropout_sweep` train a network for, one
#: each (the chapters sweep six).
MAX_SWEEP = 50
#: Most epochs a sweep trains in all, runs times epochs (the chapters' sweeps make at
#: most 6 x 1000).
MAX_EPOCHS_IN_ALL = 50_000
#: Most grid points per axis of :func:`boundary_wiggliness`
#: (four million points in all).
MAX_RESOLUTION = 2000


def _rates(below: float | None = None) -> Callable[[Any, str], list[float]]:
    """Checker factory: a non-empty sequence of rates, each >= 0 (and < ``below``)."""

    def checker(value: Any, name: str) -> list[float]:
        if isinstance(value, (str, bytes)) or not isinstance(
            value, (list, tuple, np.ndarray)
        ):
            raise TypeError(
                f"{name} must be a list of rates such as [0.0, 0.1], but it is "
                f"{value!r} ({type(value).__name__})"
            )
        if len(value) == 0:
            raise ValueError(f"{name} must hold at least one rate, but it is empty")
        check_work(
            len(value),
            MAX_SWEEP,
            f"training runs, one per entry of {name}",
            "MAX_SWEEP",
        )
        return [
            check_number(
                v, f"every entry of {name}", low=0.0, high=below, high_inclusive=False
            )
            for v in value
        ]

    return checker


def _check_total(
    runs: tuple[str, int],
    settings: dict[str, Any],
    data: tuple[Array, Array, Array, Array],
) -> None:
    """Refuse a sweep whose runs together are too much work.

    ``runs`` names the sweep's argument and its number of rates, one run each. The runs
    together may train at most :data:`MAX_EPOCHS_IN_ALL` epochs, and their work (runs
    times training and test points times weights and biases times epochs) must stay
    within the training loop's :data:`~ffnn_edu.nn.training.MAX_WORK`
    (:func:`~ffnn_edu.nn.training.check_run_size`); each run alone passing the training
    loop's limit is no bound on the total. Their weight updates together (runs times
    epochs times the minibatches of ``X_train``) must stay within
    :data:`~ffnn_edu.nn.training.MAX_UPDATES`
    (:func:`~ffnn_edu.nn.training.check_updates_in_all`).

    Examples
    --------
    >>> _check_total(("lams", 50), {"epochs": 10**6}, overfitting_moons())
    Traceback (most recent call last):
    ...
    ValueError: this would make 50000000 epochs in all (lams: 50 runs x epochs: 1000000
    epochs), more than MAX_EPOCHS_IN_ALL = 50000
    """
    name, count = runs
    epochs = check_count(settings["epochs"], "epochs")
    check_work(
        count * epochs,
        MAX_EPOCHS_IN_ALL,
        f"epochs in all ({name}: {counted(count, 'run')} x epochs: "
        f"{counted(epochs, 'epoch')})",
        "MAX_EPOCHS_IN_ALL",
    )
    X_train, y_train, X_test, _ = data
    sizes = network_sizes(settings["hidden_layer_sizes"], X_train, y_train)
    if max(sizes) > MAX_LAYER_SIZE:
        return  # the classifier's network refuses its layer, naming it
    check_run_size(
        sizes,
        len(X_train),
        epochs,
        validation=len(X_test),
        names=("X_train", "hidden_layer_sizes", "epochs", "X_test"),
        runs=runs,
        outputs="one per class in y_train"
        if sizes[-1] > 1
        else "for the two classes in y_train",
    )
    batch_size = settings["batch_size"]
    whole = isinstance(batch_size, (int, np.integer)) and batch_size > 0
    if (batch_size is None or whole) and len(X_train) > 0:
        check_updates(  # an odd batch_size or X_train is the classifier's to refuse
            epochs,
            len(X_train),
            None if batch_size is None else int(batch_size),
            names=("epochs", "X_train", "batch_size"),
            runs=runs,
        )


def _split(value: Any, name: str) -> tuple[Array, Array, Array, Array] | None:
    """Checker: None, or ``(X_train, y_train, X_test, y_test)`` with matching shapes."""
    if value is None:
        return None
    if not isinstance(value, (tuple, list)) or len(value) != 4:
        got = (
            f"a {type(value).__name__} of {counted(len(value), 'item')}"
            if isinstance(value, (tuple, list))
            else f"{value!r} ({type(value).__name__})"
        )
        raise TypeError(
            f"{name} must be (X_train, y_train, X_test, "
            f"y_test) or None, but it is {got}"
        )
    X_train, X_test = (
        as_array(value[k], f"{name}: X_{part}", ndim=2)
        for k, part in ((0, "train"), (2, "test"))
    )
    y_train, y_test = (
        as_labels(value[k], f"{name}: y_{part}")
        for k, part in ((1, "train"), (3, "test"))
    )
    check_rows_match(X_train, y_train, "X_train", "y_train")
    check_rows_match(X_test, y_test, "X_test", "y_test")
    if X_train.shape[1] != X_test.shape[1]:
        raise ValueError(
            f"X_train and X_test must have the same number of columns (inputs), "
            f"but they have {X_train.shape[1]} and {X_test.shape[1]}"
        )
    return X_train, y_train, X_test, y_test


def overfitting_moons(
    n_train: int = 40, n_test: int = 400, noise: float = 0.35, seed: int = 3
) -> tuple[Array, Array, Array, Array]:
    """Few noisy two-moons training points, many test points from the same distribution.

    Returns ``X_train, y_train, X_test, y_test`` (inputs ``(n, 2)``, labels 0/1).

    Examples
    --------
    >>> X_train, y_train, X_test, y_test = overfitting_moons()
    >>> X_train.shape, X_test.shape
    ((40, 2), (400, 2))
    """
    n_train, n_test = sample_count(n_train, "n_train"), sample_count(n_test, "n_test")
    check_work(
        n_train + n_test, MAX_SAMPLES, "samples (n_train + n_test)", "MAX_SAMPLES"
    )
    X, y = two_moons(n_train + n_test, noise=noise, seed=seed)
    return X[:n_train], y[:n_train], X[n_train:], y[n_train:]


@dataclass
class Run:
    """One trained classifier and the data it was trained and tested on.

    Attributes
    ----------
    classifier : NetworkClassifier
        The trained classifier (its ``history_`` has the data losses per epoch).
    X_train, y_train, X_test, y_test : ndarray
    """

    classifier: NetworkClassifier
    X_train: Array
    y_train: Array
    X_test: Array
    y_test: Array

    @property
    def train_loss(self) -> float:
        """Last data loss (cross-entropy, no penalty or dropout) on the training set."""
        return self.classifier.history_.train_loss[-1]

    @property
    def test_loss(self) -> float:
        """Final data loss on the test points."""
        return self.classifier.history_.val_loss[-1]

    @property
    def gap(self) -> float:
        """Test minus training loss: how much worse the network does on new data."""
        return self.test_loss - self.train_loss

    @property
    def train_error(self) -> float:
        """Share of training points classified wrongly."""
        return 1.0 - self.classifier.score(self.X_train, self.y_train)

    @property
    def test_error(self) -> float:
        """Share of test points classified wrongly."""
        return 1.0 - self.classifier.score(self.X_test, self.y_test)

    @property
    def wiggliness(self) -> float:
        """:func:`boundary_wiggliness` of the boundary over the training points."""
        return boundary_wiggliness(self.classifier.predict_proba, self.X_train)


@dataclass
class PenaltyRun(Run):
    """A :class:`Run` trained with regularization rate ``lam``.

    Attributes
    ----------
    lam : float
        The regularization rate :math:`\\lambda`.
    penalty : list of float
        The penalty term :math:`R(\\mathbf w)` after each epoch (epochs 1, 2, ...).
    """

    lam: float = 0.0
    penalty: list[float] = field(default_factory=list)


@dataclass
class DropoutRun(Run):
    """A :class:`Run` trained with dropout rate ``rate`` for the hidden units."""

    rate: float = 0.0


@checked(clf=instance_of(NetworkClassifier))
def fit_recording_penalty(
    clf: NetworkClassifier,
    X_train: ArrayLike,
    y_train: ArrayLike,
    X_test: ArrayLike,
    y_test: ArrayLike,
    *,
    callback: Callable[[int, Any, Any], None] | None = None,
) -> list[float]:
    """Fit ``clf`` (test data for the loss curves); return its penalty after each epoch.

    The penalty is the one ``clf`` trains with, :math:`R(\\mathbf w)` of
    :class:`~ffnn_edu.nn.regularization.Regularizer` with :math:`n` = number of
    training points (all zeros without a penalty). ``callback(epoch, network,
    history)`` is also called after every epoch, if given.
    """
    reg, n = (
        Regularizer(clf.penalty, clf.lam),
        len(as_array(X_train, "X_train", ndim=2)),
    )
    penalty: list[float] = []

    penalty_of = unchecked(reg.penalty)  # the network's own weights, every epoch

    def record(epoch: int, network: Any, history: Any) -> None:
        penalty.append(penalty_of(network.weights, n))
        if callback is not None:
            callback(epoch, network, history)

    clf.fit(X_train, y_train, validation_data=(X_test, y_test), callback=record)
    return penalty


@checked(lams=_rates(), data=_split)
def penalty_sweep(
    lams: Sequence[float],
    data: tuple[ArrayLike, ...] | None = None,
    *,
    kind: str = "l2",
    seed: int = 0,
    **settings: object,
) -> list[PenaltyRun]:
    """Train the same network once per regularization rate in ``lams``.

    Parameters
    ----------
    lams : sequence of float
        Regularization rates :math:`\\lambda \\ge 0` (0 trains without a penalty).
    data : (X_train, y_train, X_test, y_test), optional
        Default :func:`overfitting_moons`.
    kind : {"l2", "l1"}
        Which penalty.
    seed : int
        Seed of the initial weights (the same for every rate).
    **settings
        Overrides of :data:`SETTINGS` (e.g. ``epochs=300``); the runs together
        train at most :data:`MAX_EPOCHS_IN_ALL` (50 000) epochs, and their work
        (runs x points x weights and biases x epochs) stays within the training
        loop's :data:`~ffnn_edu.nn.training.MAX_WORK`, their weight updates within
        its :data:`~ffnn_edu.nn.training.MAX_UPDATES`.

    Returns
    -------
    list of PenaltyRun, in the order of ``lams``.

    Examples
    --------
    >>> runs = penalty_sweep([0.0, 0.1], epochs=50)
    >>> [run.lam for run in runs], runs[0].penalty[-1], runs[1].penalty[-1] > 0
    ([0.0, 0.1], 0.0, True)
    """
    if not isinstance(kind, str) or kind not in ("l1", "l2"):
        raise ValueError(
            f"kind must be 'l1' or 'l2', but it is {kind!r}"
            f"{suggest_name(kind, ('l1', 'l2'), OTHER_PENALTY_NAMES)}"
        )
    known_names(settings, sorted(SETTINGS), "penalty_sweep()", "setting")
    X_train, y_train, X_test, y_test = overfitting_moons() if data is None else data
    _check_total(
        ("lams", len(lams)),
        {**SETTINGS, **settings},
        (X_train, y_train, X_test, y_test),
    )
    runs = []
    for lam in lams:
        clf = NetworkClassifier(
            **{**SETTINGS, **settings}, seed=seed, penalty=kind, lam=lam
        )
        penalty = fit_recording_penalty(clf, X_train, y_train, X_test, y_test)
        runs.append(
            PenaltyRun(
                clf, X_train, y_train, X_test, y_test, lam=float(lam), penalty=penalty
            )
        )
    return runs


def _resolution(value: Any, name: str) -> int:
    """Checker: grid points per side, 2 to :data:`MAX_RESOLUTION` (four million)."""
    resolution = check_count(value, name, low=2)
    if resolution > MAX_RESOLUTION:
        raise ValueError(
            f"{name} must be an integer from 2 to "
            f"{MAX_RESOLUTION}, but it is {resolution}"
        )
    return resolution


def _callable(value: Any, name: str) -> Any:
    """Checker: something to call, such as ``classifier.predict_proba``."""
    if not callable(value):
        raise TypeError(
            f"{name} must be callable as {name}(points), such as "
            f"classifier.predict_proba, but it is {value!r} "
            f"({type(value).__name__})"
        )
    return value


def _grid_fits(arguments: dict[str, Any]) -> None:
    """Relation: the region around ``X`` (plus ``margin``) has a finite size."""
    X, margin = arguments["X"], arguments["margin"]
    with np.errstate(over="ignore", invalid="ignore"):
        size = (X.max(axis=0) + margin) - (X.min(axis=0) - margin)
    if not np.isfinite(size).all():
        raise ValueError(
            f"X and margin are too large: the region around the points is "
            f"wider than the largest float ({size.tolist()})"
        )


def _probabilities_of_class_1(p: Any, n: int) -> Array:
    """The probabilities of class 1 that ``predict`` gave for ``n`` points, checked."""
    p = as_array(p, "the output of predict", ndim=(1, 2))
    p = p[:, 1] if p.ndim == 2 and p.shape[1] == 2 else p.reshape(-1)
    if p.shape != (n,):
        raise ValueError(
            f"predict must return one probability per point or an (n, 2) array, "
            f"but it returned shape {p.shape}"
        )
    if ((p < 0) | (p > 1)).any():
        raise ValueError(
            f"predict must return probabilities in [0, 1], but it returned "
            f"{float(p[(p < 0) | (p > 1)][0])!r}"
        )
    return p


@checked(
    _grid_fits,
    predict=_callable,
    X=plane_points,
    resolution=_resolution,
    margin=functools.partial(check_number, low=0.0),
)
def boundary_wiggliness(
    predict: Callable[[Array], Array],
    X: ArrayLike,
    *,
    resolution: int = 120,
    margin: float = 0.5,
) -> float:
    """How often the decision boundary is crossed along a straight line, on average.

    The region around the points ``X`` (plus ``margin``) is covered by a
    ``resolution`` x ``resolution`` grid; along every grid row and column that
    the boundary crosses at all, count how often the predicted class changes,
    and average. A straight boundary gives 1; a gently curved one slightly more;
    a boundary that bends around single points, or encloses islands, gives
    clearly more. 0 means the boundary does not pass through the region.

    Parameters
    ----------
    predict : callable
        Points ``(n, 2)`` to the probability of class 1, as ``n`` numbers or as
        an ``(n, 2)`` array (column 1), like ``NetworkClassifier.predict_proba``.
    X : array_like, shape (n, 2)

    Examples
    --------
    >>> X = np.array([[-1.0, -1.0], [1.0, 1.0]])
    >>> boundary_wiggliness(lambda G: (G[:, 0] > 0).astype(float), X)
    1.0
    >>> round(boundary_wiggliness(
    ...     lambda G: (np.sin(4 * G[:, 0]) > G[:, 1]) * 1.0, X), 2)
    2.09
    """
    lo, hi = X.min(axis=0) - margin, X.max(axis=0) + margin
    gx, gy = np.meshgrid(
        np.linspace(lo[0], hi[0], resolution), np.linspace(lo[1], hi[1], resolution)
    )
    p = _probabilities_of_class_1(predict(np.c_[gx.ravel(), gy.ravel()]), gx.size)
    c = (p >= 0.5).reshape(gx.shape)
    changes = np.r_[
        np.sum(c[:, 1:] != c[:, :-1], axis=1), np.sum(c[1:] != c[:-1], axis=0)
    ]
    crossed = changes[changes > 0]
    return float(crossed.mean()) if crossed.size else 0.0


@checked(rates=_rates(below=1.0), data=_split)
def dropout_sweep(
    rates: Sequence[float],
    data: tuple[ArrayLike, ...] | None = None,
    *,
    seed: int = 0,
    **settings: object,
) -> list[DropoutRun]:
    """Train the same network once per dropout rate in ``rates``.

    Parameters
    ----------
    rates : sequence of float
        Dropout rates :math:`0 \\le p < 1` for the hidden units (0: no dropout).
    data : (X_train, y_train, X_test, y_test), optional
        Default: :func:`overfitting_moons` with 40 training and 200 test points.
    seed : int
        Seed of the initial weights, the shuffling and the masks.
    **settings
        Overrides of :data:`DROPOUT_SETTINGS`; the runs together train at most
        :data:`MAX_EPOCHS_IN_ALL` (50 000) epochs, and their work (runs x points x
        weights and biases x epochs) stays within the training loop's
        :data:`~ffnn_edu.nn.training.MAX_WORK`, their weight updates within its
        :data:`~ffnn_edu.nn.training.MAX_UPDATES`.

    Examples
    --------
    >>> runs = dropout_sweep([0.0, 0.5], epochs=5)
    >>> [run.rate for run in runs]
    [0.0, 0.5]
    """
    known_names(settings, sorted(DROPOUT_SETTINGS), "dropout_sweep()", "setting")
    X_train, y_train, X_test, y_test = (
        overfitting_moons(n_test=200) if data is None else data
    )
    _check_total(
        ("rates", len(rates)),
        {**DROPOUT_SETTINGS, **settings},
        (X_train, y_train, X_test, y_test),
    )
    runs = []
    for rate in rates:
        clf = NetworkClassifier(
            **{**DROPOUT_SETTINGS, **settings}, dropout=rate, seed=seed
        )
        clf.fit(X_train, y_train, validation_data=(X_test, y_test))
        runs.append(DropoutRun(clf, X_train, y_train, X_test, y_test, rate=float(rate)))
    return runs
