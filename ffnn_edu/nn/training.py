"""The training loop: epochs, iterations, minibatches and what can go wrong.

Vocabulary, as the book uses it:

* an **iteration** is one forward pass, one backward pass and one weight
  update, on one batch;
* an **epoch** is one pass over the whole training set: with :math:`n`
  samples and batch size :math:`m`, :math:`\\lceil n/m \\rceil` iterations;
* **full-batch** learning uses all samples in every iteration
  (``batch_size=None``), **minibatch** learning (stochastic gradient descent)
  a shuffled slice of them, and **online** learning one sample at a time
  (``batch_size=1``).

Training stops early, and says why in :attr:`History.message`, when

* the run has **diverged** (usually the learning rate is too large): the
  loss or the weights stopped being finite numbers, or the training loss
  or the weights blew up and stayed up. "Blown up" is judged against a
  scale that means something even when the network already fits: the
  larger of the starting loss and the loss of a network that knows nothing
  (all weights zero, the same output for every input). A loss above
  ``divergence_factor`` times that scale, or a largest weight or bias above
  ``1e5 * divergence_factor`` times its starting size (at least 1; a
  million-fold growth by default), counts as diverged when the loss is
  still rising in its second epoch up there, when it stays up for
  ``divergence_epochs`` epochs in a row, or when training ends up there.
  A **bounded** loss (the squared error of sigmoid outputs is at most 1)
  may never reach that line; its runs diverge into saturated outputs on the
  wrong side, where the gradients vanish and the loss sits still. So a
  bounded loss that stays above 1.5 times its scale for
  ``10 * divergence_epochs`` epochs in a row counts as diverged too (a
  healthy run, however jumpy, leaves that band within a few epochs). The
  network gets back the weights of the last epoch below every line;
* with ``patience`` set, the validation loss has not improved for that many
  epochs (**early stopping**); the network gets back the weights of its best
  epoch.
"""
from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from .losses import Loss, get_loss
from .network import FeedForwardNetwork
from .dropout import _rate
from .optimizers import GradientDescent, Momentum, _epoch, _takes, _velocity_fits
from .regularization import Regularizer
from .validation import (Array, as_array, check_count, check_number, checked, instance_of,
                         seed as _seed)


def accuracy(Y: Array, T: Array) -> float:
    """Share of samples classified correctly.

    One output: the prediction is 1 when the output is at least 0.5. Several
    outputs (one-hot targets): the prediction is the largest output.

    Examples
    --------
    >>> accuracy(np.array([[0.9], [0.4], [0.6]]), np.array([[1.0], [0.0], [0.0]]))
    0.6666666666666666
    >>> accuracy([0.9, 0.4], [1.0, 1.0])      # 1-D: one output per sample
    0.5

    Raises
    ------
    ValueError
        If ``Y`` and ``T`` are not arrays of finite numbers of the same shape
        (1-D for one output, 2-D for several).
    """
    Y, T = as_array(Y, "Y", ndim=(1, 2)), as_array(T, "T", ndim=(1, 2))
    if Y.shape != T.shape:
        raise ValueError(f"Y and T must have the same shape (one row of outputs and targets "
                         f"per sample), but they have {Y.shape} and {T.shape}")
    if T.ndim == 1:
        Y, T = Y[:, np.newaxis], T[:, np.newaxis]
    return _accuracy(Y, T)


def _accuracy(Y: Array, T: Array) -> float:
    """:func:`accuracy` on checked 2-D arrays of the same shape."""
    if T.shape[1] == 1:
        return float(np.mean((Y >= 0.5) == (T >= 0.5)))
    return float(np.mean(Y.argmax(axis=1) == T.argmax(axis=1)))


@dataclass
class History:
    """What happened during training, epoch by epoch.

    Entry 0 of every list describes the network *before* training, so a
    learning curve starts at the initial loss.

    Attributes
    ----------
    epoch : list of int
        0, 1, 2, ... (completed epochs).
    iterations : list of int
        Total number of weight updates at the end of each epoch.
    train_loss, val_loss : list of float
        Loss (without regularization penalty or dropout) on the training and
        validation data; ``val_loss`` is empty without validation data.
    train_accuracy, val_accuracy : list of float
        Filled only when the targets are 0/1 labels.
    learning_rate : list of float
        The learning rate used in each completed epoch (one entry fewer than
        ``epoch``: nothing was learned "in" epoch 0).
    diverged, stopped_early : bool
        Why training ended before ``epochs``, if it did.
    best_epoch : int or None
        With early stopping, the epoch whose weights were restored.
    message : str
        A sentence for the learner describing how training ended.
    """

    epoch: list[int] = field(default_factory=list)
    iterations: list[int] = field(default_factory=list)
    train_loss: list[float] = field(default_factory=list)
    val_loss: list[float] = field(default_factory=list)
    train_accuracy: list[float] = field(default_factory=list)
    val_accuracy: list[float] = field(default_factory=list)
    learning_rate: list[float] = field(default_factory=list)
    diverged: bool = False
    stopped_early: bool = False
    best_epoch: int | None = None
    message: str = ""

    def __repr__(self) -> str:
        loss = f"{self.train_loss[-1]:.4g}" if self.train_loss else "none yet"
        return (f"History(epochs={self.epoch[-1] if self.epoch else 0}, "
                f"iterations={self.iterations[-1] if self.iterations else 0}, "
                f"final train_loss={loss}, diverged={self.diverged}, "
                f"stopped_early={self.stopped_early})")


def _evaluate(network: FeedForwardNetwork, loss: Loss, X: Array, T: Array
              ) -> tuple[float, float | None]:
    """Loss and (for 0/1 targets) accuracy of the network on ``(X, T)``."""
    passed = network.run_forward(X)
    labels = bool(np.isin(T, (0.0, 1.0)).all())
    return (network.output_loss(passed, T, loss),
            _accuracy(passed.output, T) if labels else None)


def _append(history: History, prefix: str, result: tuple[float, float | None]) -> None:
    getattr(history, f"{prefix}_loss").append(result[0])
    if result[1] is not None:
        getattr(history, f"{prefix}_accuracy").append(result[1])


def _finite(network: FeedForwardNetwork) -> bool:
    return all(np.isfinite(p).all() for p in network.parameters())


def knows_nothing_loss(network: FeedForwardNetwork, loss: str | Loss, T: ArrayLike) -> float:
    """Loss of the same architecture with every weight and bias 0.

    Such a network gives every input the output :math:`f(0)` of its output
    layer (0.5 for a sigmoid, 0 for a linear neuron): it knows nothing about
    the data. Its loss is the scale against which the training loop judges
    whether a loss has blown up.

    Examples
    --------
    >>> from ffnn_edu.nn.losses import get_loss
    >>> net = FeedForwardNetwork((2, 3, 1), "sigmoid")
    >>> round(knows_nothing_loss(net, get_loss("binary_cross_entropy"), np.ones((4, 1))), 4)
    0.6931
    >>> knows_nothing_loss(net, "mse", np.ones((4, 1)))
    0.25

    Raises
    ------
    ValueError
        If ``loss`` does not suit the output layer or ``T`` does not fit the
        loss and the output layer (one column per output neuron).
    """
    loss, T = _checked_targets(network, loss, T)
    return _knows_nothing(network, loss, T)


def _checked_targets(network: Any, loss: Any, T: ArrayLike) -> tuple[Loss, Array]:
    if not isinstance(network, FeedForwardNetwork):
        raise TypeError(f"network must be a FeedForwardNetwork, but it is {network!r} "
                        f"({type(network).__name__})")
    loss = network.check_loss(loss)
    T = as_array(T, "T", ndim=(1, 2))
    return loss, loss.check_targets(network.check_targets(np.zeros((T.shape[0], 1)), T), "T")


def _knows_nothing(network: FeedForwardNetwork, loss: Loss, T: Array) -> float:
    """:func:`knows_nothing_loss` on checked arguments."""
    return loss.value(network.activations[-1].function(np.zeros_like(T)), T)


def _data_fit(arguments: dict[str, Any]) -> None:
    """Relation for ``train_epoch``: the data and the loss fit the network, the parts are right."""
    network = arguments["network"]
    if not isinstance(network, FeedForwardNetwork):
        raise ValueError(f"network must be a FeedForwardNetwork, not {type(network).__name__}")
    loss = arguments["loss"] = network.check_loss(arguments["loss"])
    arguments["X"], arguments["T"] = network.check_data(arguments["X"], arguments["T"], loss)
    if not isinstance(arguments["optimizer"], GradientDescent):
        raise ValueError(f"optimizer must be a GradientDescent or Momentum, "
                         f"not {type(arguments['optimizer']).__name__}")
    if isinstance(arguments["optimizer"], Momentum):   # the step below skips its own checks
        _velocity_fits({"self": arguments["optimizer"], "params": network.parameters()})
    if not isinstance(arguments["regularizer"], (Regularizer, type(None))):
        raise ValueError(f"regularizer must be a Regularizer or None, "
                         f"not {type(arguments['regularizer']).__name__}")


def unchecked(method: Callable[..., Any]) -> Callable[..., Any]:
    """The body of a ``@checked`` method, bound to its object: for a loop whose data is checked.

    Examples
    --------
    >>> w = np.array([1.0])
    >>> unchecked(GradientDescent(0.5).step)([w], [np.array([1.0])], 0); w
    array([0.5])
    """
    function = getattr(method.__func__, "__wrapped__", method.__func__)
    return functools.partial(function, method.__self__)


def _generator(value: Any, name: str) -> np.random.Generator:
    """Checker: the random numbers an epoch shuffles the samples with (and draws dropout from)."""
    if not isinstance(value, np.random.Generator):
        raise ValueError(f"{name} must be a numpy.random.Generator, such as "
                         f"numpy.random.default_rng(0) (it shuffles the samples and draws the "
                         f"dropout masks), but it is {value!r}")
    return value


@checked(_data_fit, epoch=_epoch, batch_size=check_count, rng=_generator, dropout=_rate)
def train_epoch(network: FeedForwardNetwork, X: Array, T: Array, *, loss: Loss,
                optimizer: GradientDescent, epoch: int, batch_size: int,
                rng: np.random.Generator, shuffle: bool = True,
                regularizer: Regularizer | None = None, dropout: float = 0.0) -> int:
    """Run one epoch of minibatch updates; return the number of iterations."""
    n = X.shape[0]
    order = rng.permutation(n) if shuffle else np.arange(n)
    params = network.parameters()
    eta = optimizer.learning_rate(epoch)
    step = unchecked(optimizer.step)        # the arrays were checked once, above
    for start in range(0, n, batch_size):
        rows = order[start:start + batch_size]
        passed = network.run_forward(X[rows], dropout, rng)
        grads = network.run_backward(passed, T[rows], loss)
        if regularizer is not None and regularizer.kind == "l2":
            penalty = unchecked(regularizer.gradient)(network.weights, n)
            grads.weights = [g + r for g, r in zip(grads.weights, penalty)]
        step(params, grads.as_list(), epoch)
        if regularizer is not None and regularizer.kind == "l1":
            unchecked(regularizer.shrink)(network.weights, eta, n)
    return -(-n // batch_size)


def _callback(value: Any, name: str) -> Any:
    """Checker: None or something to call after every epoch with (epoch, network, history)."""
    if value is not None and not callable(value):
        raise TypeError(f"{name} must be callable as {name}(epoch, network, history), or None, "
                        f"but it is {value!r} ({type(value).__name__})")
    if value is not None and not _takes(value, 3):
        raise TypeError(f"{name} must be callable as {name}(epoch, network, history), but "
                        f"{getattr(value, '__name__', value)!r} cannot take those three "
                        f"arguments (it takes {inspect.signature(value)})")
    return value


def _pair(value: Any, name: str) -> Any:
    """Checker: None or a pair (X_val, T_val)."""
    if value is not None and (not isinstance(value, (tuple, list)) or len(value) != 2):
        raise TypeError(f"{name} must be a pair (X_val, T_val), or None, but it is "
                        f"{type(value).__name__} of length {len(value) if hasattr(value, '__len__') else '?'}")
    return value


@checked(network=instance_of(FeedForwardNetwork),
         regularizer=instance_of(Regularizer, optional=True), seed=_seed,
         validation=_pair, callback=_callback)
def train(network: FeedForwardNetwork, X: ArrayLike, T: ArrayLike, *,
          loss: str | Loss = "mse", optimizer: GradientDescent | None = None,
          epochs: int = 100, batch_size: int | None = None, shuffle: bool = True,
          seed: int = 0, regularizer: Regularizer | None = None, dropout: float = 0.0,
          validation: tuple[ArrayLike, ArrayLike] | None = None,
          patience: int | None = None, divergence_factor: float = 10.0,
          divergence_epochs: int = 3,
          callback: Callable[[int, FeedForwardNetwork, History], None] | None = None
          ) -> History:
    """Train ``network`` in place by backpropagation and gradient descent.

    Parameters
    ----------
    network : FeedForwardNetwork
    X, T : array_like
        Training inputs (one row per sample) and targets.
    loss : str or Loss
        ``"mse"`` (default), ``"half_sse"`` or ``"binary_cross_entropy"``.
    optimizer : GradientDescent or Momentum, optional
        Default ``GradientDescent(eta=0.1)``. The optimizer is a setting:
        every run starts from a fresh copy of it
        (:meth:`~ffnn_edu.nn.optimizers.GradientDescent.fresh`), so one
        ``Momentum`` object can train many networks, and none of them
        inherits another's velocity.
    epochs : int
        Maximum number of passes over the training set.
    batch_size : int, optional
        Samples per iteration; None for full batch, 1 for online learning.
    shuffle : bool
        Reshuffle the samples before every epoch (with ``seed``). Without
        shuffling the samples are visited in the order given.
    seed : int
        Seed for shuffling and dropout, so a run can be repeated exactly.
    regularizer : Regularizer, optional
        L1 or L2 penalty, with :math:`n` = number of training samples.
    dropout : float
        Dropout rate for hidden units during training.
    validation : (X_val, T_val), optional
        Data to evaluate after every epoch.
    patience : int, optional
        Early stopping: stop when the validation loss has not improved for
        this many epochs, and restore the best weights.
    divergence_factor : float
        A training loss above this multiple of the larger of its starting
        value and :func:`knows_nothing_loss` counts as blown up, and so does
        a largest weight or bias above ``1e5`` times this multiple of its
        starting size (at least 1).
    divergence_epochs : int
        Report divergence once the loss or the weights have been blown up
        for this many epochs in a row, or for two if the loss rose between
        them, or in the last epoch; at once when the loss stops being a
        finite number. A bounded loss (see the module description) that
        stays above 1.5 times its scale for ``10 * divergence_epochs``
        epochs in a row is reported as diverged as well.
    callback : callable, optional
        ``callback(epoch, network, history)`` after every epoch, e.g. to
        draw a decision boundary as it moves.

    Returns
    -------
    History

    Examples
    --------
    >>> from ffnn_edu.nn.datasets import xor
    >>> X, t = xor()
    >>> net = FeedForwardNetwork((2, 2, 1), seed=1)
    >>> history = train(net, X, t, optimizer=GradientDescent(eta=10), epochs=300)
    >>> history.train_accuracy[-1], history.iterations[-1]
    (1.0, 300)
    """
    loss = get_loss(loss)
    network.check_loss(loss)
    if optimizer is None:
        optimizer = GradientDescent(0.1)
    elif not isinstance(optimizer, GradientDescent):
        raise TypeError(f"optimizer must be a GradientDescent or Momentum, "
                        f"not {type(optimizer).__name__}")
    optimizer = optimizer.fresh()
    epochs = check_count(epochs, "epochs")
    dropout = check_number(dropout, "dropout", low=0.0, high=1.0, high_inclusive=False)
    if dropout > 0 and network.n_layers < 2:
        raise ValueError(f"dropout must be 0 for a network without hidden layers (it drops "
                         f"hidden units, and {network.layer_sizes} has none), but it is "
                         f"{dropout:g}")
    divergence_factor = check_number(divergence_factor, "divergence_factor", low=1.0,
                                     low_inclusive=False)
    divergence_epochs = check_count(divergence_epochs, "divergence_epochs")
    X, T = network.check_data(X, T, loss)
    loss.check(network.run_forward(X[:1]).output, T[:1])
    n = X.shape[0]
    batch_size = n if batch_size is None else min(check_count(batch_size, "batch_size"), n)
    if validation is not None:
        validation = network.check_data(*validation, loss, ("validation X", "validation T"))
    if patience is not None:
        patience = check_count(patience, "patience")
        if validation is None:
            raise ValueError("patience (early stopping) needs validation data")
    rng = np.random.default_rng(seed)
    run_epoch = train_epoch.__wrapped__     # everything it checks was checked above

    history = History(epoch=[0], iterations=[0])
    with np.errstate(over="ignore", invalid="ignore"):
        start = _evaluate(network, loss, X, T)
    if not np.isfinite(start[0]):
        raise ValueError("X and T must be of a size the untrained network can handle, but its "
                         "loss on them overflows; scale the inputs and targets first")
    _append(history, "train", start)
    blow_up = _BlowUp(start[0], _knows_nothing(network, loss, T), divergence_factor,
                      _largest_parameter(network), _largest_loss(network, loss, T))
    best_loss, best_epoch = np.inf, 0
    if validation is not None:
        first = _evaluate(network, loss, *validation)
        _append(history, "val", first)
        best_loss = first[0]
    best_weights, last_good, good_epoch, high_epochs = network.copy(), network.copy(), 0, 0
    stuck_epochs = 0

    def cause(eta: float) -> str:
        lam = "" if regularizer is None else f" (or the penalty rate lam = {regularizer.lam:g})"
        return f"The learning rate eta = {eta:g}{lam}"

    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        for epoch in range(1, epochs + 1):
            eta = optimizer.learning_rate(epoch - 1)
            done = run_epoch(network, X, T, loss=loss, optimizer=optimizer, epoch=epoch - 1,
                             batch_size=batch_size, rng=rng, shuffle=shuffle,
                             regularizer=regularizer, dropout=dropout)
            result = (_evaluate(network, loss, X, T) if _finite(network)
                      else (float("nan"), None))
            if not np.isfinite(result[0]):
                what = ("the training loss stopped being a finite number (the arithmetic "
                        f"overflowed; it started at {start[0]:.4g})")
                return _diverged(history, network, last_good, epoch, cause(eta), good_epoch,
                                 what)
            history.epoch.append(epoch)
            history.iterations.append(history.iterations[-1] + done)
            history.learning_rate.append(eta)
            _append(history, "train", result)
            if validation is not None:
                val = _evaluate(network, loss, *validation)
                _append(history, "val", val)
            largest = _largest_parameter(network)
            if result[0] > blow_up.limit or largest > blow_up.weight_limit:
                high_epochs, stuck_epochs = high_epochs + 1, 0
                rising = high_epochs > 1 and result[0] > history.train_loss[-2]
                if rising or high_epochs >= divergence_epochs or epoch == epochs:
                    what = (blow_up.describe(result[0], high_epochs, rising)
                            if result[0] > blow_up.limit
                            else blow_up.describe_weights(largest, high_epochs))
                    return _diverged(history, network, last_good, epoch, cause(eta), good_epoch,
                                 what)
            elif result[0] > blow_up.stuck_line:
                high_epochs, stuck_epochs = 0, stuck_epochs + 1
                if stuck_epochs >= _STUCK_EPOCHS_PER_DIVERGENCE_EPOCH * divergence_epochs:
                    what = blow_up.describe_stuck(result[0], stuck_epochs)
                    return _diverged(history, network, last_good, epoch, cause(eta), good_epoch,
                                     what)
            else:
                high_epochs, stuck_epochs, last_good, good_epoch = 0, 0, network.copy(), epoch
            if validation is not None:
                if val[0] < best_loss:
                    best_loss, best_epoch, best_weights = val[0], epoch, network.copy()
                elif patience is not None and epoch - best_epoch >= patience:
                    _restore(network, best_weights)
                    history.stopped_early, history.best_epoch = True, best_epoch
                    history.message = (
                        f"Stopped early after epoch {epoch}: the validation loss has not "
                        f"improved for {patience} epochs. The network has the weights of "
                        f"epoch {best_epoch} (validation loss {best_loss:.4g}).")
                    return history
            if callback is not None:
                callback(epoch, network, history)
    history.message = (f"Trained for {epochs} epochs ({history.iterations[-1]} iterations); "
                       f"training loss {start[0]:.4g} -> {history.train_loss[-1]:.4g}.")
    return history


_WEIGHT_GROWTH = 1e5      # times divergence_factor: weights grown a million-fold by default
_STUCK_GROWTH = 1.5       # a bounded loss this many times its scale is worse than knowing nothing
_STUCK_EPOCHS_PER_DIVERGENCE_EPOCH = 10    # ... for this many times divergence_epochs epochs


def _largest_parameter(network: FeedForwardNetwork) -> float:
    """The largest absolute weight or bias of the network."""
    return max(float(np.abs(p).max()) for p in network.parameters())


def _largest_loss(network: FeedForwardNetwork, loss: Loss, T: Array) -> float:
    """The largest loss the output layer can reach on ``T`` (infinity if it is unbounded).

    A squared error of an output with a bounded range (sigmoid: 0 to 1) is largest where
    every output sits at the end of its range farther from its target. The
    cross-entropies grow without limit as an output approaches the wrong end.
    """
    low, high = network.activations[-1].output_range
    if loss.targets != "numbers" or not np.isfinite(low) or not np.isfinite(high):
        return float("inf")
    return loss.value(np.where(np.abs(T - low) >= np.abs(T - high), low, high), T)


@dataclass(frozen=True)
class _BlowUp:
    """The lines above which a run counts as blown up or stuck, and how to say so.

    * ``limit``: the training loss above ``factor`` times its scale (the larger of the
      starting loss and the loss of a network that knows nothing);
    * ``weight_limit``: the largest weight or bias above ``1e5 * factor`` times its
      starting size (at least 1), a million-fold growth with the default factor 10. A
      loss that cannot blow up (a squared error of sigmoid outputs is at most 1) still
      has weights that do;
    * ``stuck_line``: for a bounded loss whose ``limit`` lies beyond the largest value it
      can take, 1.5 times its scale. Saturated outputs on the wrong side keep a run there
      (its gradients vanish), which a healthy run, however jumpy, leaves within a few
      epochs; so staying above it for ``10 * divergence_epochs`` epochs counts as
      diverged. For an unbounded loss the line is infinite: the ``limit`` catches it.
    """

    start: float
    knows_nothing: float
    factor: float
    start_weight: float = 1.0
    largest: float = float("inf")

    @property
    def scale(self) -> float:
        return max(self.start, self.knows_nothing)

    @property
    def limit(self) -> float:
        return self.factor * self.scale

    @property
    def weight_limit(self) -> float:
        return _WEIGHT_GROWTH * self.factor * max(self.start_weight, 1.0)

    @property
    def stuck_line(self) -> float:
        line = _STUCK_GROWTH * self.scale
        return line if self.limit >= self.largest > line else float("inf")

    def _scale_words(self) -> str:
        return (f"its starting value {self.start:.4g}" if self.start >= self.knows_nothing
                else f"the loss of a network that knows nothing, {self.knows_nothing:.4g} "
                     f"(all weights 0, the same output for every input)")

    def describe(self, loss: float, epochs: int, rising: bool) -> str:
        how = "kept rising" if rising else "stayed"
        return (f"the training loss {how} above {self.limit:.4g} for {epochs} "
                f"epoch{'s' if epochs > 1 else ''} in a row, reaching {loss:.4g}; "
                f"{self.limit:.4g} is {self.factor:g} times {self._scale_words()}")

    def describe_weights(self, largest: float, epochs: int) -> str:
        return (f"the weights blew up: the largest weight or bias stayed above "
                f"{self.weight_limit:.3g} for {epochs} epoch{'s' if epochs > 1 else ''} in a "
                f"row, reaching {largest:.3g}; {self.weight_limit:.3g} is "
                f"{_WEIGHT_GROWTH * self.factor:g} times its starting size "
                f"{max(self.start_weight, 1.0):.3g} (at least 1)")

    def describe_stuck(self, loss: float, epochs: int) -> str:
        return (f"the training loss stayed above {self.stuck_line:.4g} for {epochs} epochs in "
                f"a row, at {loss:.4g}; {self.stuck_line:.4g} is {_STUCK_GROWTH:g} times "
                f"{self._scale_words()}. This loss cannot exceed {self.largest:.4g} (the "
                f"outputs are bounded), so it cannot blow up; stuck this far above where it "
                f"started, the outputs have saturated on the wrong side")


def _diverged(history: History, network: FeedForwardNetwork, last_good: FeedForwardNetwork,
              epoch: int, cause: str, good_epoch: int, what: str) -> History:
    _restore(network, last_good)
    history.diverged = True
    history.message = (f"Training diverged in epoch {epoch}: {what}. {cause} is probably too "
                       f"large. The network keeps the weights it had after epoch {good_epoch}.")
    return history


def _restore(network: FeedForwardNetwork, saved: FeedForwardNetwork) -> None:
    for p, q in zip(network.parameters(), saved.parameters()):
        np.copyto(p, q)
