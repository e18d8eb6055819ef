"""A ready-to-use classifier in the scikit-learn style.

:class:`NetworkClassifier` bundles a :class:`~ffnn_edu.network.FeedForwardNetwork`,
an optimizer and :func:`~ffnn_edu.training.train` behind ``fit`` / ``predict``:
hyper-parameters go to ``__init__``, what is learned gets a trailing
underscore (``network_``, ``history_``).

Class labels must be the integers 0, 1, ..., K-1. Two classes use one sigmoid
output (the probability of class 1); K > 2 classes use K outputs trained on
one-hot targets, and the prediction is the largest output.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike

from .network import FeedForwardNetwork
from .optimizers import GradientDescent, Momentum
from .regularization import Regularizer
from .training import History, train
from .validation import Array, as_array, check_count, check_number, check_rows_match


def _labels(y: ArrayLike, name: str) -> Array:
    y = as_array(y, name, ndim=1)
    if (y < 0).any() or (y != np.round(y)).any():
        bad = y[(y < 0) | (y != np.round(y))][0]
        raise ValueError(f"{name} must hold class labels 0, 1, 2, ..., but it contains {float(bad):g}")
    return y.astype(int)


class NetworkClassifier:
    """A feed-forward network classifier trained by backpropagation.

    Parameters
    ----------
    hidden_layer_sizes : sequence of int
        Neurons in each hidden layer, e.g. ``(30,)``.
    activation : str
        Activation of the hidden layers (outputs are always sigmoid).
    loss : str
        ``"mse"``, ``"half_sse"`` or ``"binary_cross_entropy"``.
    eta : float
        Learning rate.
    momentum : float
        Momentum rate :math:`\\mu` (0 for plain gradient descent).
    l1, l2 : float
        Regularization rates :math:`\\lambda` (at most one may be non-zero).
    dropout : float
        Dropout rate for the hidden units.
    epochs : int
        Maximum number of epochs.
    batch_size : int or None
        Minibatch size; None for full batch.
    patience : int, optional
        Early stopping patience (needs ``validation_data`` in ``fit``).
    seed : int
        Seed for the initial weights, shuffling and dropout.

    Attributes
    ----------
    network_ : FeedForwardNetwork
    history_ : History
    n_classes_ : int
    n_features_in_ : int

    Examples
    --------
    >>> from ffnn_edu.datasets import two_moons
    >>> X, y = two_moons(200, noise=0.1, seed=0)
    >>> clf = NetworkClassifier((10,), activation="tanh", loss="binary_cross_entropy",
    ...                         eta=0.5, epochs=200, batch_size=10).fit(X, y)
    >>> clf.score(X, y) > 0.95
    True
    """

    def __init__(self, hidden_layer_sizes: Sequence[int] = (30,), activation: str = "sigmoid",
                 loss: str = "mse", eta: float = 0.5, momentum: float = 0.0, l1: float = 0.0,
                 l2: float = 0.0, dropout: float = 0.0, epochs: int = 150,
                 batch_size: int | None = 2, patience: int | None = None,
                 seed: int = 0) -> None:
        self.hidden_layer_sizes = hidden_layer_sizes
        self.activation = activation
        self.loss = loss
        self.eta = eta
        self.momentum = momentum
        self.l1 = l1
        self.l2 = l2
        self.dropout = dropout
        self.epochs = epochs
        self.batch_size = batch_size
        self.patience = patience
        self.seed = seed

    def __repr__(self) -> str:
        return (f"NetworkClassifier(hidden_layer_sizes={tuple(self.hidden_layer_sizes)}, "
                f"eta={self.eta}, epochs={self.epochs}, batch_size={self.batch_size})")

    def _targets(self, y: Array) -> Array:
        if self.n_classes_ == 2:
            return y[:, np.newaxis].astype(float)
        return np.eye(self.n_classes_)[y]

    def fit(self, X: ArrayLike, y: ArrayLike,
            validation_data: tuple[ArrayLike, ArrayLike] | None = None) -> NetworkClassifier:
        """Train a fresh network on ``(X, y)``; returns ``self``.

        If training diverges, ``history_.diverged`` is True and
        ``history_.message`` says what happened; the network keeps its last
        finite weights.
        """
        X = as_array(X, "X", ndim=2)
        y = _labels(y, "y")
        check_rows_match(X, y, "X", "y")
        self.n_classes_ = max(2, int(y.max()) + 1)
        self.n_features_in_ = X.shape[1]
        sizes = [self.n_features_in_, *(check_count(h, "hidden_layer_sizes")
                                        for h in self.hidden_layer_sizes),
                 1 if self.n_classes_ == 2 else self.n_classes_]
        activations = [self.activation] * (len(sizes) - 2) + ["sigmoid"]
        self.network_ = FeedForwardNetwork(sizes, activations, seed=self.seed)
        mu = check_number(self.momentum, "momentum", low=0.0, high=1.0, high_inclusive=False)
        eta = check_number(self.eta, "eta", low=0.0, low_inclusive=False)
        optimizer = Momentum(eta, mu) if mu > 0 else GradientDescent(eta)
        l1 = check_number(self.l1, "l1", low=0.0)
        l2 = check_number(self.l2, "l2", low=0.0)
        if l1 > 0 and l2 > 0:
            raise ValueError("use either l1 or l2 regularization, not both")
        regularizer = (Regularizer("l1", l1) if l1 > 0 else
                       Regularizer("l2", l2) if l2 > 0 else None)
        validation = None
        if validation_data is not None:
            X_val = as_array(validation_data[0], "validation X", ndim=2)
            y_val = self._check_known(_labels(validation_data[1], "validation y"))
            validation = (X_val, self._targets(y_val))
        self.history_: History = train(
            self.network_, X, self._targets(y), loss=self.loss, optimizer=optimizer,
            epochs=self.epochs, batch_size=self.batch_size, seed=self.seed,
            regularizer=regularizer, dropout=self.dropout, validation=validation,
            patience=self.patience)
        return self

    def _check_known(self, y: Array) -> Array:
        if y.size and y.max() >= self.n_classes_:
            raise ValueError(f"labels must be below {self.n_classes_} (the classes seen in "
                             f"fit), but they include {int(y.max())}")
        return y

    def predict_proba(self, X: ArrayLike) -> Array:
        """Probability of class 1 (two classes, shape ``(n,)``) or the K outputs (shape ``(n, K)``)."""
        if not hasattr(self, "network_"):
            raise RuntimeError("call fit before predict")
        out = self.network_.forward(X)
        return out[:, 0] if self.n_classes_ == 2 else out

    def predict(self, X: ArrayLike) -> Array:
        """Predicted class labels."""
        p = self.predict_proba(X)
        return (p >= 0.5).astype(int) if self.n_classes_ == 2 else p.argmax(axis=1)

    def score(self, X: ArrayLike, y: ArrayLike) -> float:
        """Accuracy: the share of samples whose label is predicted correctly."""
        y = self._check_known(_labels(y, "y"))
        prediction = self.predict(X)
        check_rows_match(prediction, y, "X", "y")
        return float(np.mean(prediction == y))
