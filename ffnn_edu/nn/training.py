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
  ``1e5 * divergence_factor`` times its starting size or the scale of the data,
  whichever is larger (at least 1; a million-fold growth by default), in an epoch
  in which the loss reached no new lowest value, counts as diverged when the loss is
  still rising in its second epoch up there, when it stays up for
  ``divergence_epochs`` epochs in a row, or when training ends up there.
  A **bounded** loss (the squared error of sigmoid outputs is at most 1)
  may never reach that line; its runs diverge into saturated outputs on the
  wrong side, where the gradients vanish and the loss sits still. So a
  bounded loss that stays above 1.5 times its scale for
  ``10 * divergence_epochs`` epochs in a row counts as diverged too (a
  healthy run, however jumpy, leaves that band within a few epochs). The
  network gets back the weights of the last epoch below every line (with
  ``patience``, those of the lowest validation loss before the epoch in which
  it diverged, below);
* with ``patience`` set, the validation loss has not improved for that many
  epochs (**early stopping**); the network gets back the weights of its best
  epoch. It gets them back too when the epochs run out first, as scikit-learn's
  ``MLPClassifier`` and Keras's ``restore_best_weights`` do, and when the run
  diverges: with ``patience``, a run ends on the weights of its lowest validation
  loss (a diverged one on the lowest among the epochs before the one it diverged in).

A run that ends without such a verdict (its epochs ran out, or early stopping ended it)
but with a training loss more than :data:`ENDED_HIGH` (1.5) times its start and above
the loss of a network that knows nothing (a loss that swings up and down may never meet
the rules above) is told so in :attr:`History.message` as well, which names the
learning rate (:meth:`DivergenceMonitor.ended_high`). So is a run on inputs far too
small to learn from (their largest ``|value|`` below :data:`SMALL_INPUTS`) that ended
having learned nothing it could have (:meth:`DivergenceMonitor.ended_high`): its
message names the largest ``|value|`` in ``X`` and says to scale ``X``
(``History.small_inputs``). Any run whose training loss ended no lower than that of the
best output that is the same for every input (the targets' mean; the class frequencies)
is told so too, with both numbers and the likely cause where it can be measured
(``History.learned_nothing``). A run whose loss had been below :data:`UNSTABLE_BELOW`
times that line and ended no lower than it, or had been a good fit
(:data:`GOOD_FIT`) and ended above its lowest by more than :data:`UNSTABLE_ROSE` of
the gap between the two, is told it is unstable
(``History.unstable``), or, where it still classifies clearly better than the
largest class, that its wrong outputs became too confident; a run that ended no lower
than the line but classifies so is told that instead of "learned nothing"
(``History.classifies``).
A poor fit below the line (one that took away less than :data:`GOOD_FIT` of that loss)
on data off the scale the initial weights are made for gets a note of measured facts
(their size and spread, any hidden units that pass no gradient) with a conditional
remedy: if the fit is poorer than the data allow, scale ``T`` (targets above
:data:`LARGE_TARGETS` or spread or centred beyond :data:`SCALED_WITHIN`,
``History.large_targets``) or ``X`` (columns whose spread or median is beyond
:data:`SCALED_WITHIN`, or whose spreads are all below its inverse,
``History.large_inputs``; inputs below :data:`SMALL_INPUTS`, ``History.small_inputs``);
a good fit gets none, and none is a warning. A penalty that pulled the weights below
:data:`PENALTY_SHRANK` of their initial size is named first in the unstable and
learned-nothing sentences. These are asked in the order of one table,
:data:`CLOSING_VERDICTS`, and only the first that applies is said.
Two numbers compared in a message are printed with digits enough to tell them apart.
And a run in which
the callback grew the largest weight by more than ``divergence_factor`` is told the
epoch and the factor; one in which it shrank it by more than that factor, the epoch
and how often.

How the loop is built (chapter 14 shows :func:`train_epoch`):

* :func:`train_epoch` is one epoch, every line a step of the algorithm: shuffle, cut
  into minibatches, and for each one the gradients by backpropagation, the L2 term
  folded in (:meth:`~ffnn_edu.nn.regularization.Regularizer.fold_into`) and the
  optimizer's :meth:`~ffnn_edu.nn.optimizers.GradientDescent.update` (its step with the
  epoch's learning rate, then the L1 proximal step);
* :func:`train` checks everything once (declared with ``@checked``), then runs the
  epochs and hands the rest to named objects: :class:`History` keeps the results,
  :class:`DivergenceMonitor` (with its :class:`DivergenceLines`) judges every epoch and
  keeps the last good weights, :class:`EarlyStopping` counts the epochs without a better
  validation loss and keeps the best weights.
"""

from __future__ import annotations

import inspect
import math
import numbers
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .losses import Loss, get_loss  # noqa: F401  (get_loss: the doctests of this module use it)
from .network import (  # MAX_ACTIVATIONS: also this module's limit, as before
    MAX_ACTIVATIONS as MAX_ACTIVATIONS,
)
from .network import (
    MAX_PARAMETERS,
    FeedForwardNetwork,
    check_activations,
    check_structure,
    parameter_entry,
    parameters_finite,
)
from .optimizers import AdaGrad, Adam, GradientDescent, RMSProp
from .regularization import NO_PENALTY, Regularizer, as_penalty, l2_norm
from .schedules import RateSchedule
from .validation import (
    Array,
    Relation,
    as_array,
    as_float,
    check_count,
    check_number,
    check_work,
    checked,
    counted,
    dropout_rate,
    epoch_number,
    flag,
    instance_of,
    optional_count,
    positive,
    random_generator,
    seed,
    settings_elsewhere,
    shown,
    takes,
    unchecked,
    validation_pair,
    warn_caller,
)

#: Settings ``train`` and ``train_epoch`` take inside another argument: a keyword
#: passed to them (``eta=0.1``, or another library's ``lr``, ``momentum``, ``alpha``...)
#: is refused with where it goes, by :func:`~ffnn_edu.nn.validation.known_names`.
SETTINGS_ELSEWHERE: dict[str, tuple[str, str]] = {
    "eta": (
        "a setting of the optimizer",
        "optimizer=GradientDescent(eta={})",
    ),
    "mu": (
        "a setting of the optimizer Momentum",
        "optimizer=Momentum(eta=..., mu={})",
    ),
    "lam": (
        "a setting of the regularizer",
        "regularizer=Regularizer('l2', lam={}) (or 'l1')",
    ),
    "l2": (
        "the strength of an L2 penalty",
        "regularizer=Regularizer('l2', lam={})",
    ),
    "l1": (
        "the strength of an L1 penalty",
        "regularizer=Regularizer('l1', lam={})",
    ),
}


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
        raise ValueError(
            f"Y and T must have the same shape (one row of outputs and targets "
            f"per sample), but they have {Y.shape} and {T.shape}"
        )
    if T.ndim == 1:
        Y, T = Y[:, np.newaxis], T[:, np.newaxis]
    return _accuracy(Y, T)


def _accuracy(Y: Array, T: Array) -> float:
    """:func:`accuracy` on checked 2-D arrays of the same shape."""
    if T.shape[1] == 1:
        hits = np.count_nonzero((Y >= 0.5) == (T >= 0.5))
    else:
        hits = np.count_nonzero(Y.argmax(axis=1) == T.argmax(axis=1))
    return int(hits) / T.shape[0]


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
    ended_high : bool
        Whether the training loss ended more than :data:`ENDED_HIGH` times its start
        and above the loss of a network that knows nothing (the run did not diverge
        by the rules, but left the network worse than it found it; ``message`` says
        so).
    small_inputs : bool
        Whether the run learned nothing from inputs too small to learn from: the
        largest ``|value|`` in ``X`` below :data:`SMALL_INPUTS`, and the training loss
        ended not a millionth (:data:`LEARNED_NOTHING`) below that of the best output
        that is the same for every input, where ``X`` could teach more than that
        (rows of ``X`` and of ``T`` that vary, a constant's loss not about 0;
        ``message`` says so, naming that value, and says to scale ``X``); or whose
        poor fit below that loss on such inputs got a note (review 24, F2; see
        ``large_inputs``), unwarned.
    learned_nothing : bool
        Whether the run, on inputs of any size, ended with a training loss not a
        millionth (:data:`LEARNED_NOTHING`) below that of the best output that is the
        same for every input (the targets' mean for a squared error, the class
        frequencies for a cross-entropy), where ``X`` could teach more than that: the
        network learned nothing from ``X`` (set with ``small_inputs`` too; ``message``
        says so, with both numbers and the likely cause where it can be measured:
        inputs far from 0, targets that vary too little, no gradient, inputs too
        small). Not set for a run that diverged or whose loss ended high
        (``ended_high``), whose messages say more, nor for one that classifies
        clearly better than its largest class (``classifies``).
    still_falling : bool
        With ``learned_nothing``, whether the only cause found is that the run was cut
        short: no other was measured, and its loss fell from its start, not yet below
        the constant's loss (more epochs may take it there; ``message`` says so).
    unstable : bool
        Whether the run's training loss had been below :data:`UNSTABLE_BELOW` times
        the best output that is the same for every input in an earlier epoch and
        ended far above that lowest loss: no lower than that line, or, from a good
        fit (:data:`GOOD_FIT`), above the lowest by more than :data:`UNSTABLE_ROSE`
        of the gap between the two: it
        learned from ``X`` and lost it (``message`` names the lowest loss, its epoch,
        the share lost and the remedy: scale ``X``, a smaller learning rate; or,
        where a penalty pulled the weights below :data:`PENALTY_SHRANK` of their
        initial size, the penalty and a smaller ``lam``). Not ``learned_nothing``.
    large_targets : bool
        Whether a poor fit (loss below the best constant output's, but not below
        :math:`1 -` :data:`GOOD_FIT` times it), under a squared error in a network
        with hidden layers, had targets larger than :data:`LARGE_TARGETS` or a
        column of them whose standard deviation or absolute mean is beyond
        :data:`SCALED_WITHIN` (review 24, F7): a note,
        not a verdict (``message`` says so, with their size and any hidden units
        that pass no gradient, and says to scale ``T`` if the fit is poorer than the
        data allow; no one knows the best fit they allow). A good fit is not noted.
    large_inputs : bool
        Whether a poor fit (as for ``large_targets``) had inputs that are not scaled
        (a column whose spread or absolute centre is beyond :data:`SCALED_WITHIN`
        by both its standard deviation and its interquartile range over
        :data:`NORMAL_IQR`, and by both its mean and its median, which a few rows
        cannot make, or every spread below its inverse; review 25, F1, F6; review
        26, F3), for any activation (review 24, F7): a note, not a
        verdict (``message`` says so, with their size and spread and the saturated
        share of bounded hidden units where above :data:`SATURATED_MOST`, and says
        to scale ``X`` and choose ``eta`` afresh if the fit is poorer than the data
        allow).
    classifies : bool
        Whether a run on 0/1 or one-hot labels whose training loss ended no lower
        than the class frequencies' (as for ``learned_nothing``) classified clearly
        more of its training samples right than the largest class's share
        (:data:`CLASSIFIES_BEYOND`): it learned from ``X``, so ``learned_nothing`` is
        not set; ``message`` says what was measured (its wrong outputs too confident,
        or its outputs hardly different from the class frequencies) and any cause
        measured in the data's scale or a penalty (review 24, F1). A warning in
        :class:`~ffnn_edu.nn.classifier.NetworkClassifier`: its loss is no better
        than the constant's, a measured fact.
    best_epoch : int or None
        With ``patience`` set, the epoch of the lowest validation loss, whose weights
        the network ends with (whether training stopped early, ran all its epochs
        or diverged; after a divergence the lowest among the epochs before the one
        it diverged in); None without ``patience``.
    message : str
        A sentence for the learner describing how training ended: why it diverged or
        stopped early, or how far the loss fell in all its epochs; and, for a run
        whose training loss ended more than :data:`ENDED_HIGH` times its start and
        above the loss of a network that knows nothing, a sentence saying so and
        naming the learning rate (:meth:`DivergenceMonitor.ended_high`).
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
    ended_high: bool = False
    small_inputs: bool = False
    learned_nothing: bool = False
    still_falling: bool = False
    unstable: bool = False
    large_targets: bool = False
    large_inputs: bool = False
    classifies: bool = False
    best_epoch: int | None = None
    message: str = ""

    @classmethod
    def start(
        cls,
        network: FeedForwardNetwork,
        loss: Loss,
        X: Array,
        T: Array,
        validation: tuple[Array, Array] | None,
    ) -> History:
        """Entry 0: the untrained net's loss (and accuracy), training and validation.

        Raises
        ------
        ValueError
            If the untrained network's loss on ``(X, T)`` or on ``validation``
            overflows.
        """
        history = cls(epoch=[0], iterations=[0])
        data = [("train", ("X", "T"), X, T)]
        if validation is not None:
            data.append(("val", ("X_val", "T_val"), *validation))
        for prefix, (x, t), inputs, targets in data:
            with np.errstate(over="ignore", invalid="ignore"):
                history.append(prefix, evaluate(network, loss, inputs, targets))
            if not np.isfinite(getattr(history, f"{prefix}_loss")[0]):
                # the forward pass fits (check_forward_fits): the larger is the cause
                sizes = {x: np.abs(inputs).max(), t: np.abs(targets).max()}
                name = max(sizes, key=lambda key: sizes[key])
                if sizes[x] <= LARGE_INPUTS and sizes[t] <= LARGE_TARGETS:
                    # data of ordinary size: the outputs are too large to compare
                    raise ValueError(
                        _weights_overflow(
                            network,
                            f"{loss.said} on {x} and {t}",
                            f"the largest |value| in {x} is only {sizes[x]:.3g} and in "
                            f"{t} {sizes[t]:.3g} (at most LARGE_INPUTS = "
                            f"{LARGE_INPUTS:g} and LARGE_TARGETS = {LARGE_TARGETS:g})",
                        )
                    )
                raise ValueError(
                    f"{x} and {t} must be of a size the untrained network can handle, "
                    f"but its loss on them overflows (the largest |value| in {name} is "
                    f"{sizes[name]:.3g}); {SCALE_ADVICE.format(name=name)}"
                )
        return history

    def append(self, prefix: str, result: tuple[float, float | None]) -> None:
        """Add a loss (and an accuracy, unless None) to ``train_*`` or ``val_*``."""
        getattr(self, f"{prefix}_loss").append(result[0])
        if result[1] is not None:
            getattr(self, f"{prefix}_accuracy").append(result[1])

    def record(
        self,
        epoch: int,
        iterations: int,
        eta: float,
        trained: tuple[float, float | None],
        validated: tuple[float, float | None] | None,
    ) -> None:
        """Keep a finished epoch: its number, the updates so far, its eta, the results.

        An epoch whose training loss is not a finite number is not kept: the run
        diverged in it, and the history ends with the epoch before.
        """
        if not math.isfinite(trained[0]):
            return
        self.epoch.append(epoch)
        self.iterations.append(self.iterations[-1] + iterations)
        self.learning_rate.append(eta)
        self.append("train", trained)
        if validated is not None:
            self.append("val", validated)

    def finished(self, epochs: int) -> History:
        """Say in ``message`` that all ``epochs`` ran and how far the loss fell."""
        self.message = (
            f"Trained for {counted(epochs, 'epoch')} "
            f"({counted(self.iterations[-1], 'iteration')}); "
            f"training loss {self.train_loss[0]:.4g} -> {self.train_loss[-1]:.4g}."
        )
        return self

    def __repr__(self) -> str:
        loss = f"{self.train_loss[-1]:.4g}" if self.train_loss else "none yet"
        return (
            f"History(epochs={self.epoch[-1] if self.epoch else 0}, "
            f"iterations={self.iterations[-1] if self.iterations else 0}, "
            f"final train_loss={loss}, diverged={self.diverged}, "
            f"stopped_early={self.stopped_early})"
        )


def data_fit(arguments: dict[str, Any]) -> None:
    """Relation: ``X`` and ``T`` fit the ``network``, the ``loss`` its output layer.

    For ``@checked`` functions of a network, its data and a loss (a name or a
    :class:`~ffnn_edu.nn.losses.Loss`): the loss becomes the ``Loss`` that suits the
    output layer, ``X`` a 2-D array with a column per input neuron and ``T`` one with
    a row per sample and a column per output neuron.
    """
    network = arguments["network"]
    arguments["loss"] = network.check_loss(arguments["loss"])
    arguments["X"] = X = network.check_inputs(arguments["X"])
    arguments["T"] = network.check_targets(X, arguments["T"])


def _evaluation_fits(arguments: dict[str, Any]) -> None:
    """Relation for :func:`evaluate`: :func:`data_fit`, and the pass fits in memory."""
    data_fit(arguments)
    check_activations(arguments["network"].layer_sizes, len(arguments["X"]))


@checked(_evaluation_fits, parameters_finite, network=instance_of(FeedForwardNetwork))
def evaluate(
    network: FeedForwardNetwork, loss: Loss, X: Array, T: Array
) -> tuple[float, float | None]:
    """Loss and (for 0/1 targets) accuracy of the network on ``(X, T)``.

    A network with a weight or bias that is not a finite number is refused
    (:func:`~ffnn_edu.nn.network.check_parameters`); inside the training loop, whose
    weights may blow up, the loss of such a network is NaN (and there is no
    accuracy), without a forward pass.

    Raises
    ------
    TypeError
        If ``network`` is not a FeedForwardNetwork, ``loss`` not a loss (or its
        name), or ``X`` or ``T`` not arrays of numbers (e.g. the arguments in
        another order than ``network, loss, X, T``).
    ValueError
        If ``loss`` does not suit the output layer, ``X`` and ``T`` do not fit
        the network, or a weight or bias is not a finite number.

    Examples
    --------
    >>> from ffnn_edu.nn.datasets import and_gate
    >>> X, t = and_gate()
    >>> net = FeedForwardNetwork((2, 1), bias=False)
    >>> net.set_weights([[[0.0], [0.0]]])
    >>> evaluate(net, get_loss("mse"), X, t[:, None])
    (0.25, 0.25)
    """
    return _evaluate(network, loss, X, T, True, _are_labels(T))


def _are_labels(T: Array) -> bool:
    """Whether the targets ``T`` are 0/1 labels (then :func:`evaluate` counts hits)."""
    return bool(((T == 0.0) | (T == 1.0)).all())


def _evaluate(
    network: FeedForwardNetwork,
    loss: Loss,
    X: Array,
    T: Array,
    finite: bool,
    labels: bool,
) -> tuple[float, float | None]:
    """:func:`evaluate`, told whether the parameters are finite and ``T`` labels.

    The training loop knows both once per epoch (and ``labels`` once per run), for the
    training and the validation data alike.
    """
    if not finite:
        return float("nan"), None
    passed = network.run_forward(X)
    return (
        network.output_loss(passed, T, loss),
        _accuracy(passed.output, T) if labels else None,
    )


def _targets_fit(arguments: dict[str, Any]) -> None:
    """Relation: the ``loss`` suits the ``network``'s output layer, ``T`` fits both.

    ``T`` has a row per sample and a column per output neuron.
    """
    network = arguments["network"]
    loss = arguments["loss"] = network.check_loss(arguments["loss"])
    T = as_array(arguments["T"], "T", ndim=(1, 2))
    arguments["T"] = loss.check_targets(
        network.check_targets(np.zeros((T.shape[0], 1)), T), "T"
    )


@checked(_targets_fit, network=instance_of(FeedForwardNetwork))
def knows_nothing_loss(
    network: FeedForwardNetwork, loss: str | Loss, T: ArrayLike
) -> float:
    """Loss of the same architecture with every weight and bias 0.

    Such a network gives every input the output :math:`f(0)` of its output
    layer (0.5 for a sigmoid, 0 for a linear neuron): it knows nothing about
    the data. Its loss is the scale against which the training loop judges
    whether a loss has blown up.

    Examples
    --------
    >>> from ffnn_edu.nn.losses import get_loss
    >>> net = FeedForwardNetwork((2, 3, 1), "sigmoid")
    >>> round(knows_nothing_loss(
    ...     net, get_loss("binary_cross_entropy"), np.ones((4, 1))), 4)
    0.6931
    >>> knows_nothing_loss(net, "mse", np.ones((4, 1)))
    0.25

    Raises
    ------
    TypeError
        If ``network`` is not a FeedForwardNetwork.
    ValueError
        If ``loss`` does not suit the output layer or ``T`` does not fit the
        loss and the output layer (one column per output neuron).
    """
    return _knows_nothing(network, loss, T)  # type: ignore[arg-type]  # _targets_fit


def _knows_nothing(network: FeedForwardNetwork, loss: Loss, T: Array) -> float:
    """:func:`knows_nothing_loss` on checked arguments."""
    return loss.value(network.activations[-1].function(np.zeros_like(T)), T)


def _constant_loss(network: FeedForwardNetwork, loss: Loss, T: Array) -> float:
    """The lowest loss an output that is the same for every input reaches on ``T``.

    The targets' mean, column by column, kept within the output layer's range: the
    constant that minimizes the squared errors and the cross-entropies alike (for 0/1
    labels, the class frequencies). A network that learned nothing from its inputs ends
    no lower (its biases can learn this much, its weights nothing more).
    """
    low, high = network.activations[-1].output_range
    best = np.clip(T.mean(axis=0), low, high)
    return loss.value(np.broadcast_to(best, T.shape), T)


def _largest_class(T: Array) -> float:
    """The share of the samples in the largest class of 0/1 or one-hot labels ``T``."""
    if T.shape[1] == 1:
        ones = float(np.count_nonzero(T >= 0.5)) / len(T)
        return max(ones, 1.0 - ones)
    return float(np.bincount(T.argmax(axis=1)).max()) / len(T)


def _largest_spread(A: Array) -> float:
    """The largest standard deviation of a column of ``A``, without overflow.

    Computed on ``A`` divided by its largest ``|value|``: inputs of 1e305 have a
    finite spread, whose square overflows.
    """
    top = float(np.abs(A).max(initial=0.0))
    return top * float((A / top).std(axis=0).max()) if top > 0 else 0.0


#: The interquartile range of a normal distribution, in standard deviations: a
#: column's interquartile range over this is the standard deviation it would have
#: were it normal (``_robust_spreads``), 1 for standardized normal data.
NORMAL_IQR = 1.349


def _robust_spreads(A: Array) -> tuple[Array, Array, Array]:
    """The columns' spreads and centres, as both measures of each agree.

    Two measures of a column's spread: its standard deviation, and its
    interquartile range over :data:`NORMAL_IQR` (its standard deviation were it
    normal; the standard deviation again where its middle half is one value, a
    sparse or mostly constant column). Returned: the smaller of the two (a spread
    is large only where both say so), the larger (small only where both say so),
    and the smaller of the ``|median|`` and the ``|mean|`` (far from 0 only where
    both are). One row of 1e4 among 200 of about 1 raises a column's standard
    deviation to 704 and its mean to 50, but not its interquartile range and median
    (review 25, F1); a uniform column's interquartile range overstates its spread
    by 28 % (a uniform column from -3 to 3, standard deviation 1.73, was told it
    is not scaled, and standardizing made its fit worse, review 26, F3), but not
    its standard deviation. Computed on ``A`` divided by its largest ``|value|``:
    inputs of 1e305 do not overflow.
    """
    top = float(np.abs(A).max(initial=0.0))
    if not top > 0:
        zeros = np.zeros(A.shape[1])
        return zeros, zeros, zeros
    B = A / top
    low, median, high = np.percentile(B, [25.0, 50.0, 75.0], axis=0)
    std = B.std(axis=0)
    quartiles = np.where(high > low, (high - low) / NORMAL_IQR, std)
    centre = np.minimum(np.abs(median), np.abs(B.mean(axis=0)))
    return (
        top * np.minimum(std, quartiles),
        top * np.maximum(std, quartiles),
        top * centre,
    )


def _rows_vary(A: Array) -> bool:
    """Whether ``A`` has two rows that differ (one row never varies)."""
    return len(A) > 1 and not bool(np.all(A == A[0]))


def _epoch_fits(arguments: dict[str, Any]) -> None:
    """Relation for ``train_epoch``: data and loss fit the network, the parts are right.

    The optimizer must give a learning rate for this epoch and fit the network's
    parameters (a Momentum's velocity), as ``train_epoch`` then
    steps without checking again.
    """
    network = arguments["network"]
    loss = arguments["loss"] = network.check_loss(arguments["loss"])
    arguments["X"], arguments["T"] = network.check_data(
        arguments["X"], arguments["T"], loss
    )
    # the passes are on one minibatch at a time
    check_activations(
        network.layer_sizes, min(arguments["batch_size"], len(arguments["X"]))
    )
    arguments["optimizer"].learning_rate(arguments["epoch"])
    arguments["optimizer"].check_parameters(network.parameters())


@checked(
    _epoch_fits,
    parameters_finite,
    network=instance_of(FeedForwardNetwork),
    optimizer=instance_of(GradientDescent),
    epoch=epoch_number,
    batch_size=check_count,
    shuffle=flag,
    rng=random_generator("it shuffles the samples and draws the dropout masks"),
    regularizer=as_penalty,
    dropout=dropout_rate,
)
def train_epoch(
    network: FeedForwardNetwork,
    X: Array,
    T: Array,
    *,
    loss: Loss,
    optimizer: GradientDescent,
    epoch: int,
    batch_size: int,
    rng: np.random.Generator,
    shuffle: bool = True,
    regularizer: Regularizer = NO_PENALTY,
    dropout: float = 0.0,
) -> int:
    """One epoch of minibatch learning; returns the number of iterations (minibatches).

    Shuffle the :math:`n` samples, cut them into consecutive minibatches of
    ``batch_size`` (the last one holds what is left), and for each minibatch: the
    gradients by backpropagation (on a thinned network, with ``dropout``), the L2 term
    :math:`2\\lambda w/n` folded into them, and the optimizer's step with the learning
    rate of ``epoch``, which also takes the L1 step.
    ``regularizer=None`` means no penalty. A network with a weight or bias that is not
    a finite number (a loop by hand that diverged) is refused by name
    (:func:`~ffnn_edu.nn.network.check_parameters`); :func:`train` runs the epochs
    without the checks.
    """
    n = len(X)
    order = rng.permutation(n) if shuffle else np.arange(n)
    batches = [order[start : start + batch_size] for start in range(0, n, batch_size)]
    update = unchecked(optimizer.update)  # checked above, once for the epoch
    for rows in batches:
        grads = network.run_backprop(X[rows], T[rows], loss, dropout, rng)
        grads.weights = regularizer.fold_into(grads.weights, network.weights, n)
        update(network, grads, epoch, regularizer, n)
    return len(batches)


#: :func:`train_epoch` without its checks, for :func:`train`,
#: which checked everything once.
_run_epoch: Callable[..., int] = train_epoch.__wrapped__  # type: ignore[attr-defined]


def _callback(value: Any, name: str) -> Any:
    """Checker: None, or a callable run after each epoch (epoch, network, history)."""
    if value is not None and not callable(value):
        raise TypeError(
            f"{name} must be callable as {name}(epoch, network, history), or None, "
            f"but it is {value!r} ({type(value).__name__})"
        )
    if value is not None and not takes(value, 3):
        raise TypeError(
            f"{name} must be callable as {name}(epoch, network, history), but "
            f"{getattr(value, '__name__', value)!r} cannot take those three "
            f"arguments (it takes {inspect.signature(value)})"
        )
    return value


def _fresh_optimizer(value: Any, name: str) -> GradientDescent:
    """Checker: None (``GradientDescent(0.1)``) or an optimizer, copied fresh."""
    if value is not None and not isinstance(value, GradientDescent):
        raise TypeError(
            f"{name} must be an optimizer, a GradientDescent or a subclass such as "
            f"Momentum (or None), but it is {value!r} ({type(value).__name__})"
        )
    return GradientDescent(0.1) if value is None else value.fresh()


#: Most epochs :func:`train` runs (a run of more would take hours and more).
MAX_EPOCHS = 1_000_000


def _epochs(value: Any, name: str) -> int:
    """Checker: a whole number of epochs from 1 to :data:`MAX_EPOCHS`.

    Examples
    --------
    >>> _epochs(10**12, "epochs")
    Traceback (most recent call last):
    ...
    ValueError: this would make 1000000000000 epochs (epochs), more than MAX_EPOCHS =
    1000000
    """
    epochs = check_count(value, name)
    check_work(epochs, MAX_EPOCHS, f"epochs ({name})", "MAX_EPOCHS")
    return epochs


#: Most work of a run of :func:`train`: samples (training and validation) times weights
#: and biases times epochs, an hour and more of numpy.
MAX_WORK = 10**12


def check_run_size(
    layer_sizes: Sequence[int],
    samples: int,
    epochs: int,
    *,
    validation: int = 0,
    names: tuple[str, str, str, str] = ("X", "network", "epochs", "X_val"),
    runs: tuple[str, int] = ("runs", 1),
    at_once: bool = False,
    outputs: str | None = None,
) -> None:
    """Refuse a run above ``MAX_ACTIVATIONS`` activations or :data:`MAX_WORK` work.

    ``layer_sizes`` are the network's neurons per layer (input first), ``samples`` and
    ``validation`` the rows of the training and validation data, ``epochs`` the epochs
    of training (of all runs together). ``names`` are the caller's arguments that set
    the samples, the sizes, the epochs and the validation rows, for the message, which
    names the count and the limit. Each size may be within its own limit while their
    product is not: a million samples through a hidden layer of 100 000 neurons would
    need 745 GiB.

    ``runs`` is the argument that repeats the run and how many runs it makes (an
    experiment's ``seeds`` or rates): their work together must stay within
    :data:`MAX_WORK`, each run within the training loop's limit alone being no bound
    on the total. With ``at_once``, the runs are stacked and trained together (one
    matrix product for all), so their activations count together too, and their
    weights and biases together must stay within
    :data:`~ffnn_edu.nn.network.MAX_PARAMETERS`.

    ``outputs`` is for callers whose sizes argument (the second of ``names``) sets
    only the hidden layers, as a classifier's ``hidden_layer_sizes`` or an
    experiment's ``hidden`` does: it says what sets the output layer (``"one per class
    in y"``, or ``""``), and the message counts hidden and output neurons apart
    instead of all under that argument's name.

    Raises
    ------
    ValueError
        If samples (or validation rows) times the neurons exceed
        ``MAX_ACTIVATIONS``, or the runs times all the samples times the weights
        and biases times the epochs exceed :data:`MAX_WORK`.

    Examples
    --------
    >>> check_run_size((2, 10, 1), 200, 100)
    >>> check_run_size((2, 99_999, 1), 999_999, 1, names=("n_train", "hidden",
    ...                "epochs", "n_val"), outputs="")
    Traceback (most recent call last):
    ...
    ValueError: this would make 99999900000 activations (n_train: 999999 samples x
    100000 neurons: 99999 hidden (hidden) and 1 output), more than MAX_ACTIVATIONS =
    20000000
    >>> check_run_size((2, 500, 1), 100, 10_000, names=("X", "layer_sizes", "epochs",
    ...                ""), runs=("seeds", 1000))
    Traceback (most recent call last):
    ...
    ValueError: this would make 2001000000000 sample-weight-epochs (seeds: 1000 runs x
    X: 100 samples x layer_sizes: 2001 weights and biases x epochs: 10000 epochs), more
    than MAX_WORK = 1000000000000
    """
    x, sizes, epochs_name, val = names
    runs_name, count = runs
    units = sum(layer_sizes[1:])
    weights = sum((a + 1) * b for a, b in zip(layer_sizes[:-1], layer_sizes[1:]))
    stacked = f"{runs_name}: {counted(count, 'network')} x " if at_once else ""
    neurons = f"{sizes}: {counted(units, 'neuron')}"
    each = f"{sizes}: {weights} each"
    parameters = f"{sizes}: {weights} weights and biases"
    if outputs is not None:  # sizes names the hidden layers only
        out = layer_sizes[-1]
        named = counted(out, "output") + (f", {outputs}" if outputs else "")
        neurons = (
            f"{counted(units, 'neuron')}: {units - out} hidden ({sizes}) and {named}"
        )
        each = f"{weights} each, of {sizes} and {named}"
        parameters = f"{weights} weights and biases ({sizes} and {named})"
    for rows, name in ((samples, x), (validation, val)):
        check_activations(
            layer_sizes,
            rows,
            name,
            neurons,
            runs=count if at_once else 1,
            stacked=stacked,
        )
    if at_once:
        check_work(
            count * weights,
            MAX_PARAMETERS,
            f"weights and biases ({stacked}{each})",
            "MAX_PARAMETERS",
        )
    data = f"{x}: {samples}" + (f" + {val}: {validation}" if validation else "")
    data += " sample" if samples + validation == 1 else " samples"
    repeated = f"{runs_name}: {count} runs x " if count > 1 else ""
    check_work(
        count * (samples + validation) * weights * epochs,
        MAX_WORK,
        f"sample-weight-epochs ({repeated}{data} x {parameters} x "
        f"{epochs_name}: {counted(epochs, 'epoch')})",
        "MAX_WORK",
    )


#: Most weight updates of a run of :func:`train`: epochs times the minibatches of an
#: epoch. Each update costs some 10 to 30 microseconds of Python besides its numpy,
#: however small the network, so this is minutes of a run that :data:`MAX_WORK`
#: does not count (a full batch of a million epochs, :data:`MAX_EPOCHS`, fits; the
#: book's longest run, online learning of chapter 14, makes some ten thousand).
MAX_UPDATES = 10_000_000


def check_updates(
    epochs: int,
    samples: int,
    batch_size: int | None,
    names: tuple[str, str, str] = ("epochs", "X", "batch_size"),
    runs: tuple[str, int] = ("runs", 1),
) -> None:
    """Refuse a run above :data:`MAX_UPDATES`: epochs times updates per epoch.

    An epoch of ``samples`` rows in minibatches of ``batch_size`` (None: the full
    batch) makes :math:`\\lceil n / b \\rceil` updates. ``names`` are the caller's
    arguments for the epochs, the samples and the batch size. ``runs`` is the argument
    that repeats the run and how many runs it makes (an experiment's ``k`` folds or
    ``seeds``): their updates together must stay within :data:`MAX_UPDATES` too
    (:func:`check_updates_in_all`), ``samples`` then bounding each run's rows.

    Examples
    --------
    >>> check_updates(300, 200, 10)
    >>> check_updates(10_000, 100_000, 1)
    Traceback (most recent call last):
    ...
    ValueError: this would make 1000000000 weight updates (epochs: 10000 epochs x
    100000 updates an epoch, X: 100000 samples in batches of batch_size: 1), more than
    MAX_UPDATES = 10000000
    >>> check_updates(500, 39_800, 2, names=("epochs", "X", "batch_size"),
    ...               runs=("k", 200))
    Traceback (most recent call last):
    ...
    ValueError: this would make 1990000000 weight updates in all (k: 200 runs x epochs:
    500 epochs x 19900 updates an epoch, X: 39800 samples in batches of batch_size: 2),
    more than MAX_UPDATES = 10000000: train fewer runs, fewer epochs or larger batches
    """
    epochs_name, x, batch = names
    runs_name, count = runs
    b = samples if batch_size is None else min(batch_size, samples)
    per_epoch = -(-samples // b)
    made = (
        f"{epochs_name}: {counted(epochs, 'epoch')} x "
        f"{counted(per_epoch, 'update')} an epoch, {x}: {counted(samples, 'sample')} "
        f"in batches of {batch}: {batch_size}"
    )
    updates = epochs * per_epoch
    check_work(updates, MAX_UPDATES, f"weight updates ({made})", "MAX_UPDATES")
    if count > 1:
        check_updates_in_all(
            count * updates, f"{runs_name}: {counted(count, 'run')} x {made}"
        )


def check_updates_in_all(updates: int, made: str) -> None:
    """Refuse a sequence of runs that together make more than :data:`MAX_UPDATES`.

    The one guard on the weight updates of all the runs of an experiment (its seeds,
    folds, splits, rates or grid points): each run within :data:`MAX_UPDATES` alone
    is no bound on the total, and the total costs the same time per update as one long
    run. ``updates`` is that total, ``made`` says which arguments make it, for the
    message, which also says what to reduce.

    Examples
    --------
    >>> check_updates_in_all(9_000_000, "seeds: 3 runs x updates: 3000000")
    >>> check_updates_in_all(2 * 10**9, "k: 200 runs x epochs: 10000000")
    Traceback (most recent call last):
    ...
    ValueError: this would make 2000000000 weight updates in all (k: 200 runs x epochs:
    10000000), more than MAX_UPDATES = 10000000: train fewer runs, fewer epochs or
    larger batches
    """
    if updates > MAX_UPDATES:
        raise ValueError(
            f"this would make {updates} weight updates in all ({made}), more than "
            f"MAX_UPDATES = {MAX_UPDATES}: train fewer runs, fewer epochs or larger "
            "batches"
        )


#: How scaling advice reads in the messages about inputs that are too large.
SCALE_ADVICE = (
    "scale {name} first, e.g. with a Standardizer (ffnn_edu.nn.preprocessing) or "
    "scikit-learn's StandardScaler"
)


def _inputs_fit(arguments: dict[str, Any]) -> None:
    """Relation: ``X`` has a column per input neuron of ``network``; named ``name``.

    Named ``X`` where the function has no ``name`` argument.
    """
    arguments["X"] = arguments["network"].check_inputs(
        arguments["X"], arguments.get("name", "X")
    )


def _at_a_limit(A: Array, low: float, high: float) -> NDArray[np.bool_]:
    """Where outputs ``A`` of an activation with limits ``low`` < ``high`` saturate.

    True where an entry lies within :data:`SATURATED_WITHIN` of the range
    ``high - low`` of either limit: the measure of :func:`saturated_share` and of
    the saturated units :class:`Run` names.
    """
    return np.minimum(A - low, high - A) <= SATURATED_WITHIN * (high - low)


@checked(_inputs_fit, network=instance_of(FeedForwardNetwork))
def saturated_share(
    network: FeedForwardNetwork, X: Array, passed: Any = None
) -> float | None:
    r"""The share of the hidden outputs on ``X`` that sit at a limit (saturated).

    Over the hidden layers whose activation is bounded at both ends (sigmoid,
    tanh), the share of their outputs :math:`a` within :data:`SATURATED_WITHIN` of
    the range of a limit, :math:`\min(a - \text{low}, \text{high} - a) \le
    10^{-3}\,(\text{high} - \text{low})`, where the activation's slope is below
    a few thousandths of its largest and hardly any gradient passes. Inputs far
    larger than the initial weights are made for (about 1) saturate nearly all of
    them. One measure for :func:`train`'s learned-nothing sentence, for
    :func:`~ffnn_edu.nn.diagnostics.diagnose` and for
    :func:`~ffnn_edu.experiments.tuning.unscaled_inputs`.

    Parameters
    ----------
    network : FeedForwardNetwork
        The network whose hidden outputs are measured.
    X : array_like, shape (n_samples, n_inputs)
        The inputs to pass forward.
    passed : ForwardPass or None, optional
        ``network.run_forward(X)`` if it was already computed (the training loop's
        one pass, which also looks for dead units); None computes it.

    Returns
    -------
    float or None
        The share, from 0 to 1, over every output of every bounded hidden layer on
        every sample; None if no hidden layer has an activation bounded at both
        ends (ReLU, linear, or no hidden layer).

    Raises
    ------
    TypeError
        If ``network`` is not a FeedForwardNetwork.
    ValueError
        If ``X`` does not have a column per input neuron of ``network``.

    Examples
    --------
    >>> net = FeedForwardNetwork((2, 3, 1), activation="sigmoid", seed=0)
    >>> saturated_share(net, [[0.5, -0.2], [0.1, 0.3]])
    0.0
    >>> saturated_share(net, [[5000.0, -2000.0], [1000.0, 3000.0]])
    1.0
    >>> print(saturated_share(FeedForwardNetwork((2, 1)), [[5000.0, -2000.0]]))
    None

    Source: the slope of the sigmoid, :math:`\sigma(1 - \sigma)`, is at most
    about :math:`10^{-3}` there (its largest is :math:`1/4`), so a saturated unit
    learns slowly (Nielsen, *Neural Networks and Deep Learning*, 2015, ch. 3;
    Glorot and Bengio, 2010, on saturated sigmoid hidden units).
    """
    if passed is None:
        passed = network.run_forward(X)
    near = total = 0
    for f, A in zip(network.activations, passed.outputs[:-1]):
        low, high = f.output_range
        if math.isfinite(low) and math.isfinite(high):
            near += int(np.count_nonzero(_at_a_limit(A, low, high)))
            total += A.size
    return near / total if total else None


def _weight_norm(network: FeedForwardNetwork) -> float:
    """The root of the sum of the squared weights of ``network`` (no biases).

    By :func:`~ffnn_edu.nn.regularization.l2_norm`, which neither overflows nor
    underflows on weights of 1e170 or 1e-170.
    """
    return unchecked(l2_norm)(np.concatenate([W.ravel() for W in network.weights]))


def offset_column(X: Array) -> int | None:
    """The column of ``X`` whose mean is farthest from 0 beyond its spread, or None.

    A column counts when its mean is more than :data:`OFFSET_INPUTS` times its
    standard deviation away from 0 (and the deviation is not 0), and more than
    :data:`SCALED_WITHIN` in absolute terms: the first layer's weighted sums are then
    swamped by the offset. A mean of about 1 is not (review 24, F3): a 0/1 indicator
    column of mean 0.995 and standard deviation 0.07 shifts the weighted sums by
    about one weight, as a bias does, and a run on it that learned nothing at
    eta = 1e-4 fitted to an accuracy of 0.905 at eta = 0.5, unscaled. The column with
    the largest excess is returned. Used by :func:`train`'s closing sentences and by
    :func:`~ffnn_edu.experiments.tuning.unscaled_inputs`.

    Parameters
    ----------
    X : ndarray, shape (n_samples, n_inputs)
        The inputs (floats).

    Returns
    -------
    int or None
        The column's index, or None if no column is that far from 0.

    Examples
    --------
    >>> offset_column(np.array([[2000.0, 0.1], [2001.0, -0.1], [1999.0, 0.0]]))
    0
    >>> print(offset_column(np.array([[1.0, 0.1], [-1.0, -0.1]])))
    None
    >>> print(offset_column(np.array([[1.0], [1.0], [0.0]] + [[1.0]] * 197)))
    None
    """
    mean, spread = X.mean(axis=0), X.std(axis=0)
    far = (spread > 0) & (np.abs(mean) > SCALED_WITHIN)
    offset = np.where(far, np.abs(mean) - OFFSET_INPUTS * spread, -np.inf)
    j = int(np.argmax(offset))
    return j if offset[j] > 0 else None


def _large_inputs(network: FeedForwardNetwork, X: Array, passed: Any) -> str | None:
    """The measured words for inputs above :data:`LARGE_INPUTS`, or None.

    ``passed`` is one forward pass of ``network`` on ``X`` (the one that looks for
    dead units too). The words name the largest ``|value|`` in ``X`` and, where the
    hidden layers have bounded activations, the share of their outputs within
    :data:`SATURATED_WITHIN` of a limit (:func:`saturated_share`), with the remedy:
    scale ``X``. One helper for :func:`train`'s learned-nothing sentence and for
    :func:`~ffnn_edu.nn.diagnostics.diagnose`.
    """
    size = float(np.abs(X).max(initial=0.0))
    if not size > LARGE_INPUTS:
        return None
    share = unchecked(saturated_share)(network, X, passed)
    units = (
        f": the hidden units saturate ({share:.0%} of the hidden outputs lie "
        f"within {SATURATED_WITHIN:g} of their limits, where hardly any gradient "
        f"passes)"
        if share is not None
        else ", while the initial weights are made for inputs of about 1"
    )
    return f"X's entries reach {size:.4g}{units}; {SCALE_ADVICE.format(name='X')}"


#: A largest weight or bias above this is named beside inputs larger than
#: :data:`LARGE_INPUTS` when a forward pass or a loss overflows: the default initial
#: weights, :math:`1/\sqrt{n_\text{in}}`, are at most 1, trained ones of a scaled
#: problem seldom beyond a few tens.
LARGE_WEIGHTS = 100.0


def largest_parameter_entry(network: FeedForwardNetwork) -> tuple[str, float]:
    """The largest absolute weight or bias: where (``"weights[0][2, 1]"``), its size.

    Examples
    --------
    >>> net = FeedForwardNetwork((2, 1))
    >>> net.set_weights([[[0.5], [-3.0]]], [[2.0]])
    >>> largest_parameter_entry(net)
    ('weights[0][1, 0]', 3.0)
    """
    arrays = [(f"weights[{l}]", W) for l, W in enumerate(network.weights)]
    if network.biases is not None:
        arrays += [(f"biases[{l}]", b) for l, b in enumerate(network.biases)]
    name, p = max(arrays, key=lambda pair: float(np.abs(pair[1]).max()))
    index = np.unravel_index(int(np.abs(p).argmax()), p.shape)
    return f"{name}{parameter_entry(tuple(map(int, index)))}", float(np.abs(p[index]))


def _largest_weight(network: FeedForwardNetwork) -> str:
    """``weights[0][2, 1] = 3e+160``, and the ``weight_scale`` if it was a large one."""
    where, size = largest_parameter_entry(network)
    scale = getattr(network, "weight_scale", None)
    made = (
        f", the network having been made with weight_scale={scale:.3g}"
        if scale is not None and scale > 1.0  # above the default's size, at most 1
        else ""
    )
    return f"{where} = {size:.3g}{made}"


#: What the overflow messages advise when the network's own weights are too large.
WEIGHT_ADVICE = (
    "re-create the network with smaller weights (the default weight_scale, "
    "1/sqrt(inputs of the layer), suits inputs of about 1) or restore saved weights"
)


def _weights_overflow(network: FeedForwardNetwork, what: str, sizes: str) -> str:
    """The message when ``what`` overflows on data of ordinary ``sizes``."""
    return (
        f"the network's weights must be of a size that {what} can handle, but it "
        f"overflows although {sizes}: the largest |weight or bias| is "
        f"{_largest_weight(network)}; {WEIGHT_ADVICE}"
    )


@checked(
    _inputs_fit,
    parameters_finite,
    network=instance_of(FeedForwardNetwork),
    name=instance_of(str),
)
def check_forward_fits(network: FeedForwardNetwork, X: Array, name: str) -> None:
    """Refuse inputs on which the network's forward pass overflows, before training.

    The products :math:`A W` of a layer overflow once the inputs are near the largest
    float (:math:`1.8 \\times 10^{308}`) over the size of the weights: numpy warns and
    goes on with infinities, which a saturating activation turns back into ordinary
    outputs, so training ran on what it could not compute while ``predict`` refused
    the same inputs. The message names the cause: ``name`` (the largest size in it,
    and how to scale it) if it holds a value above :data:`LARGE_INPUTS`, the weights
    (the largest, where it is, and the ``weight_scale`` the network was made with if
    that was large) if ``name`` is of ordinary size, both if both are large. A weight
    or bias that is not a finite number is refused first
    (:func:`~ffnn_edu.nn.network.check_parameters`).

    Examples
    --------
    >>> net = FeedForwardNetwork((1, 1), "tanh")
    >>> net.set_weights([[[2.0]]], [[0.0]])
    >>> check_forward_fits(net, np.array([[1e308]]), "X")  # 2e308 is beyond a float
    Traceback (most recent call last):
    ...
    ValueError: X must be of a size the untrained network can handle, but its forward
    pass on X overflows (the largest |value| in X is 1e+308); scale X first, e.g. with
    a Standardizer (ffnn_edu.nn.preprocessing) or scikit-learn's StandardScaler
    >>> net = FeedForwardNetwork((1, 4, 1), "linear", weight_scale=1e160)
    >>> check_forward_fits(net, np.array([[2.0]]), "X")
    Traceback (most recent call last):
    ...
    ValueError: the network's weights must be of a size that its forward pass on X can
    handle, but it overflows although the largest |value| in X is only 2 (at most
    LARGE_INPUTS = 100): the largest |weight or bias| is weights[1][2, 0] = 1.3e+160,
    the network having been made with weight_scale=1e+160; re-create the network with
    smaller weights (the default weight_scale, 1/sqrt(inputs of the layer), suits
    inputs of about 1) or restore saved weights
    """
    check_activations(network.layer_sizes, len(X), name)
    with np.errstate(over="ignore", invalid="ignore"):
        passed = network.run_forward(X)
    if all(np.isfinite(Z).all() for Z in passed.logits):
        return
    top = float(np.abs(X).max())
    if top <= LARGE_INPUTS:
        raise ValueError(
            _weights_overflow(
                network,
                f"its forward pass on {name}",
                f"the largest |value| in {name} is only {top:.3g} (at most "
                f"LARGE_INPUTS = {LARGE_INPUTS:g})",
            )
        )
    if largest_parameter_entry(network)[1] > LARGE_WEIGHTS:
        raise ValueError(
            f"{name} and the network's weights must be of a size the untrained "
            f"network can handle, but its forward pass on {name} overflows (the "
            f"largest |value| in {name} is {top:.3g}, the largest |weight or bias| "
            f"{_largest_weight(network)}); {SCALE_ADVICE.format(name=name)}, and "
            f"{WEIGHT_ADVICE}"
        )
    raise ValueError(
        f"{name} must be of a size the untrained network can handle, but its "
        f"forward pass on {name} overflows (the largest |value| in {name} is "
        f"{top:.3g}); {SCALE_ADVICE.format(name=name)}"
    )


def schedule_lasts(
    optimizer: GradientDescent, epochs: int, unit: str = "epoch"
) -> None:
    """Refuse a package schedule that decays to 0 before ``epochs`` run out.

    Its rates never rise, so the first epoch at 0 is known before training
    (:meth:`~ffnn_edu.nn.schedules.RateSchedule.first_zero`, some 20 rates even for
    :data:`MAX_EPOCHS`); found in the loop, it would stop a run whose weights had
    already changed. A learner's own schedule is asked epoch by epoch (``train``).

    Examples
    --------
    >>> from ffnn_edu.nn.schedules import step_decay
    >>> schedule_lasts(GradientDescent(step_decay(0.5, 0.001, 1)), 200)
    Traceback (most recent call last):
    ...
    ValueError: epochs must be at most 108 with the learning-rate schedule
    step_decay(0.5, factor=0.001, every=1), whose rate reaches 0 at epoch 108 (counted
    from 0), before the 200 epochs asked for; use fewer epochs or a slower decay
    """
    schedule = optimizer.schedule
    if not isinstance(schedule, RateSchedule):
        return
    zero = schedule.first_zero(epochs)
    if zero is not None:
        raise ValueError(
            f"{unit}s must be at most {zero} with the learning-rate schedule "
            f"{schedule!r}, whose rate reaches 0 at {unit} {zero} (counted from 0), "
            f"before the {epochs} {unit}s asked for; use fewer {unit}s or a slower "
            "decay"
        )


def _growth_factor(value: Any, name: str) -> float:
    """Checker: a number > 1, how many times its scale a loss may grow."""
    return check_number(value, name, low=1.0, low_inclusive=False)


def _training_fits(arguments: dict[str, Any]) -> None:
    """Relation for ``train``: loss, data, dropout, batches, early stopping agree."""
    network, dropout, patience = (
        arguments["network"],
        arguments["dropout"],
        arguments["patience"],
    )
    loss = arguments["loss"] = network.check_loss(arguments["loss"])
    if dropout > 0 and network.n_layers < 2:
        raise ValueError(
            f"dropout must be 0 for a network without hidden layers (it drops "
            f"hidden units, and {network.layer_sizes} has none), but it is "
            f"{dropout:g}"
        )
    X, T = arguments["X"], arguments["T"] = network.check_data(
        arguments["X"], arguments["T"], loss
    )
    size = (
        None
        if arguments["batch_size"] is None
        else check_count(arguments["batch_size"], "batch_size")
    )
    arguments["batch_size"] = len(X) if size is None else min(size, len(X))
    if arguments["validation"] is not None:
        arguments["validation"] = network.check_data(
            *arguments["validation"], loss, ("X_val", "T_val")
        )
    if patience is not None and arguments["validation"] is None:
        raise ValueError(
            "patience (early stopping) needs validation=(X_val, T_val), the data "
            "whose loss it watches, but validation is None"
        )
    schedule_lasts(arguments["optimizer"], arguments["epochs"])
    validation = arguments["validation"]
    # counted before the first pass on the data, which would need the memory
    check_run_size(
        network.layer_sizes,
        len(X),
        arguments["epochs"],
        validation=0 if validation is None else len(validation[0]),
    )
    check_updates(arguments["epochs"], len(X), size)
    check_forward_fits(network, X, "X")
    loss.check(network.run_forward(X[:1]).output, T[:1])
    if validation is not None:
        check_forward_fits(network, validation[0], "X_val")
    if size is not None and size > len(X):
        warn_caller(
            f"batch_size = {shown(size)} is larger than the {len(X)} training samples, "
            f"so every iteration is one full batch of {len(X)} (as in scikit-learn's "
            "MLPClassifier, it is clipped rather than refused)"
        )


@checked(
    _training_fits,
    settings_elsewhere(SETTINGS_ELSEWHERE),
    network=instance_of(FeedForwardNetwork),
    optimizer=_fresh_optimizer,
    epochs=_epochs,
    shuffle=flag,
    seed=seed,
    regularizer=as_penalty,
    dropout=dropout_rate,
    validation=validation_pair,
    patience=optional_count,
    divergence_factor=_growth_factor,
    divergence_epochs=check_count,
    callback=_callback,
)
def train(
    network: FeedForwardNetwork,
    X: Array,
    T: Array,
    *,
    loss: str | Loss = "mse",
    optimizer: GradientDescent | None = None,
    epochs: int = 100,
    batch_size: int | None = None,
    shuffle: bool = True,
    seed: int = 0,
    regularizer: Regularizer | None = None,
    dropout: float = 0.0,
    validation: tuple[Array, Array] | None = None,
    patience: int | None = None,
    divergence_factor: float = 10.0,
    divergence_epochs: int = 3,
    callback: Callable[[int, FeedForwardNetwork, History], None] | None = None,
) -> History:
    """Train ``network`` in place by backpropagation and gradient descent.

    Every epoch runs :func:`train_epoch` and keeps its results in the
    :class:`History`; a :class:`DivergenceMonitor` stops a run that blows up
    and an :class:`EarlyStopping` one whose validation loss stopped improving.

    Parameters
    ----------
    network : FeedForwardNetwork
    X, T : array_like
        Training inputs (one row per sample) and targets.
    loss : str or Loss
        ``"mse"`` (default), ``"half_sse"``, ``"binary_cross_entropy"``,
        ``"categorical_cross_entropy"`` (a softmax output), or ``"cross_entropy"``, the
        cross-entropy that pairs with the output layer, as ``NetworkClassifier`` names
        it (see :data:`~ffnn_edu.nn.losses.ALIASES`).
    optimizer : GradientDescent (or a subclass, such as Momentum), optional
        Default ``GradientDescent(eta=0.1)``. The optimizer is a setting:
        every run starts from a fresh copy of it
        (:meth:`~ffnn_edu.nn.optimizers.GradientDescent.fresh`), so one
        ``Momentum`` object can train many networks, and none of them
        inherits another's velocity.
    epochs : int
        Maximum number of passes over the training set, at most :data:`MAX_EPOCHS`.
    batch_size : int, optional
        Samples per iteration; None for full batch, 1 for online learning. One larger
        than the training set is clipped to it, with a ``UserWarning`` (as
        scikit-learn's ``MLPClassifier`` does).
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
        this many epochs, and restore the best weights. The best weights are
        restored also when ``epochs`` run out before the patience does, and when
        the run diverges (then the lowest among the epochs before the one it
        diverged in), so a run with ``patience`` always ends on the epoch of its
        lowest validation loss (``history.best_epoch``).
    divergence_factor : float
        A training loss above this multiple of the larger of its starting
        value and :func:`knows_nothing_loss` counts as blown up, and so does
        a largest weight or bias above ``1e5`` times this multiple of its
        starting size (at least 1).
    divergence_epochs : int
        Report divergence once the loss or the weights have been blown up
        for this many epochs in a row, or for two if the loss rose between
        them, or in the last epoch, but never in an epoch in which the loss
        fell; at once when the loss stops being a finite number. A bounded
        loss (see the module description) that stays above 1.5 times its
        scale for ``10 * divergence_epochs`` epochs in a row is reported as
        diverged as well.
    callback : callable, optional
        ``callback(epoch, network, history)`` after every epoch, e.g. to
        draw a decision boundary as it moves; also after the epoch in which
        early stopping ends training (before the best weights are restored),
        not after an epoch in which the run diverged. A callback that grows the
        largest weight more than ``divergence_factor``-fold is named in the message:
        in the last epoch with the loss of the weights it left (the recorded losses
        are from before it ran), and as the cause of a run that learned nothing after
        its loss had been below the best constant output's.

    Returns
    -------
    History

    Raises
    ------
    TypeError
        For an argument of the wrong type (a network, optimizer, regularizer or
        callback that is not one, a count that is not a whole number).
    ValueError
        For data that does not fit the network or the loss, a value out of range,
        ``patience`` without validation data, dropout without hidden layers, or a
        schedule of :mod:`~ffnn_edu.nn.schedules` that decays to 0 before ``epochs``
        run out (all before any training). A learner's schedule that gives no learning
        rate > 0 in some epoch raises a ``ValueError`` (``TypeError`` for no number)
        naming the schedule, its value and the epoch, and the network gets back the
        weights it had before ``train`` was called.

    Notes
    -----
    Any exception raised inside the training loop (a schedule's or a callback's own,
    a refusal of what a callback left, a ``KeyboardInterrupt`` from Ctrl-C) gives the
    network back the weights it had before ``train`` was called, as the schedule's
    errors above do, and propagates unchanged, with a note (``__notes__``) naming the
    epoch: an interrupted run would otherwise leave the weights halfway through an
    epoch, with no history to tell which. To keep a long run's progress, end it with
    ``epochs`` or ``patience``, or save copies of the weights in the callback.

    Examples
    --------
    >>> from ffnn_edu.nn.datasets import xor
    >>> X, t = xor()
    >>> net = FeedForwardNetwork((2, 2, 1), seed=1)
    >>> history = train(net, X, t, optimizer=GradientDescent(eta=10), epochs=300)
    >>> history.train_accuracy[-1], history.iterations[-1]
    (1.0, 300)
    """
    # One statement a line: the formatter would give each argument a line of its own.
    # fmt: off
    assert isinstance(loss, Loss) and optimizer and regularizer and batch_size
    rng = np.random.default_rng(seed)
    history = History.start(network, loss, X, T, validation)
    divergence = DivergenceMonitor(network, loss, T, history.train_loss[0], regularizer,
                                   divergence_factor, divergence_epochs, epochs, X,
                                   dropout=dropout, mu=getattr(optimizer, "mu", 0.0),
                                   adaptive=_adaptive(optimizer))
    stopping = EarlyStopping(patience, network, history)
    settings = dict(loss=loss, optimizer=optimizer, batch_size=batch_size, rng=rng,
                    shuffle=shuffle, regularizer=regularizer, dropout=dropout)
    # the monitors' kernels: their arguments are the loop's own, checked at the door
    judge, stops_after = unchecked(divergence.verdict), unchecked(stopping.stops)
    ends, diverged = unchecked(divergence.ended_high), unchecked(divergence.stop)
    labels = _are_labels(T), validation is not None and _are_labels(validation[1])
    # the same minibatches every epoch, in an order that measurably matters
    ordered = not shuffle and batch_size < len(X) and _order_matters(T, batch_size)
    divergence.keeps_last = patience is None  # else the best epoch's weights are kept
    before = network.copy()  # given back if anything raises mid-run
    worded: BaseException | None = None  # an error whose message says so already
    epoch = 1
    try:
        with np.errstate(over="ignore", invalid="ignore", divide="ignore",
                         under="ignore"):
            for epoch in range(1, epochs + 1):
                try:
                    eta = optimizer.learning_rate(epoch - 1)
                except (TypeError, ValueError) as error:
                    worded = type(error)(f"{error}. {_given_back(epoch - 1)}")
                    raise worded from None
                done = _run_epoch(network, X, T, epoch=epoch - 1, **settings)
                largest = _largest_if_finite(network)  # NaN if one is not finite
                finite = not math.isnan(largest)
                trained = _evaluate(network, loss, X, T, finite, labels[0])
                validated = (_evaluate(network, loss, *validation, finite, labels[1])
                             if validation else None)
                history.record(epoch, done, eta, trained, validated)
                verdict = judge(epoch, trained[0], history.train_loss, network,
                                largest=largest)
                if verdict is not None:
                    return diverged(history, network, epoch, eta, verdict,
                                    best=stopping, ordered=ordered)
                stops = stops_after(epoch, history, network)
                if callback is not None:  # also in the epoch early stopping ends
                    _call_back(callback, epoch, network, history, largest, divergence)
                if stops:
                    unchecked(stopping.stop)(history, network, epoch)
                    return ends(history, eta, ordered=ordered)
            ends(history.finished(epochs), eta, ordered=ordered)
            return unchecked(stopping.finish)(history, network)
    except BaseException as error:  # a schedule's, a callback's, an interrupt
        _give_back(network, before)
        if error is not worded:
            error.add_note(f"In epoch {epoch} of train: {_given_back(-1)}.")
        raise
    # fmt: on


def _adaptive(optimizer: GradientDescent) -> str:
    """The name of ``optimizer`` if its steps are about ``eta`` each, else "".

    AdaGrad, RMSProp and Adam divide each weight's step by a running size of its
    gradients, so a step is about ``eta`` whatever the gradient; plain gradient
    descent (and momentum) steps ``eta`` times the gradient.
    """
    return (
        type(optimizer).__name__
        if isinstance(optimizer, (AdaGrad, RMSProp, Adam))
        else ""
    )


def _given_back(epochs: int) -> str:
    """What ``train`` did to the network when a schedule failed after ``epochs``.

    ``epochs`` -1: an error at any point of a run (the weights may have changed).
    """
    if epochs < 0:
        return "train gave the network back the weights it had before it was called"
    if epochs == 0:
        return "No epoch was trained; the network is unchanged"
    return (
        f"train gave the network back the weights it had before it was called (the "
        f"{counted(epochs, 'epoch')} before had changed them)"
    )


def _give_back(network: FeedForwardNetwork, saved: FeedForwardNetwork) -> None:
    """Give ``network`` the weights and biases of ``saved``, whatever was done to them.

    In place where an array still fits (references to it stay the network's), a fresh
    copy where a callback replaced, reshaped or cast it, or replaced the lists.
    """
    for name in ("weights", "biases"):
        old, now = getattr(saved, name), getattr(network, name)
        if old is None or not isinstance(now, list) or len(now) != len(old):
            setattr(network, name, None if old is None else [p.copy() for p in old])
            continue
        for i, p in enumerate(old):
            q = now[i]
            fits = isinstance(q, np.ndarray) and q.shape == p.shape
            if fits and q.dtype == p.dtype and q.flags.writeable:
                np.copyto(q, p)
            else:
                now[i] = p.copy()


#: A dropout rate from which a divergence message names dropout first: inverted dropout
#: scales the hidden outputs it keeps by 1/(1 - rate), at least 2 from here.
HIGH_DROPOUT = 0.5

#: A run whose training loss ends more than this many times its start, and above the
#: loss of a network that knows nothing, is told so (``DivergenceMonitor.ended_high``).
ENDED_HIGH = 1.5

#: Inputs larger than this (the largest absolute entry of ``X``) are named first when
#: a run blows up (:meth:`DivergenceMonitor.cause`): the initial weights, about
#: :math:`1/\sqrt{n_\text{in}}`, are made for inputs of about 1, and the first layer's
#: gradient grows with the inputs (its curvature with their square), so no learning
#: rate that suits scaled data holds; scaling the inputs is the cure.
LARGE_INPUTS = 100.0

#: The share of its fall so far (from the start to the tenth of the epochs before the
#: last) that a run's loss must have fallen further over the last tenth (mean against
#: the mean of the tenth before) to count as still falling when it ended having
#: learned nothing (``history.still_falling``): such a run is told to train longer
#: and not warned of. A steady fall makes a tenth of it per tenth of the epochs; a
#: flat, noisy minibatch loss after an early fall makes far less (0.1 %).
STILL_FALLING = 0.05

#: A hidden output of a bounded activation (sigmoid, tanh) within this of one of its
#: limits counts as saturated (``_large_inputs``): its slope there is below about
#: 1e-3 of its largest, so hardly any gradient passes it. On the unscaled breast-cancer
#: data (entries up to 4254) 97 % of a sigmoid layer's outputs were that close.
SATURATED_WITHIN = 1e-3

#: Inputs whose largest absolute entry is above 0 and below this are named when a run
#: ends having learned nothing (:meth:`DivergenceMonitor.ended_high`), the mirror of
#: :data:`LARGE_INPUTS`: the initial weights are made for inputs of about 1, so the
#: first layer's weighted sums of tiny inputs hardly differ from sample to sample (its
#: biases dominate them) and its gradient shrinks with the inputs, while the weights
#: would have to grow to about 1 over the largest input to tell them apart. A network
#: on a two-class problem at 1e-150, and at 1e-3, learned nothing at the learning rates
#: tried (a larger one blew up); scaling the inputs is the cure. Inputs this small that
#: do learn something are not named, and neither are they where nothing could be learned
#: from ``X`` beyond a constant output: targets that do not vary (all rows of ``T``
#: equal), inputs that do not (one sample, or all rows of ``X`` equal), or a best
#: constant output whose loss is already about 0 (below :data:`LEARNED_NOTHING` times
#: the starting loss).
SMALL_INPUTS = 0.01

#: Inputs with a column whose mean is more than this many times its standard deviation
#: away from 0, and more than :data:`SCALED_WITHIN` (review 24, F3), are named when a
#: run ends having learned nothing (:meth:`DivergenceMonitor.ended_high`): the initial
#: weights are made for inputs about 0, and an offset that large swamps the first
#: layer's weighted sums, whose units then saturate, or die, alike for every sample. Two
#: moons shifted by -50 (a mean about 60 times the spread) ended above the knows-nothing
#: loss; data of ordinary offset, such as pixel values from 0 to 255 (a mean about once
#: the spread), stay far below the line.
OFFSET_INPUTS = 10.0

#: How much better than the best constant output a run on inputs below
#: :data:`SMALL_INPUTS` must end to count as having learned something from ``X``: a
#: training loss above ``(1 - LEARNED_NOTHING)`` times the constant output's loss (a
#: millionth of it) is no lower. Tiny inputs move the loss by amounts as small as the
#: inputs themselves (a run on inputs of 1e-6 beat the constant's loss by 3e-9 of it,
#: rounding noise of the fit, far below the 4 significant digits the message prints),
#: while a run that learned anything a reader could see beats it by far more; float64
#: rounding of a mean loss is about 1e-16 of it per sample, far below the margin. The
#: same fraction of the starting loss is the line below which the constant output's loss
#: counts as about 0 (nothing left to learn from ``X``).
LEARNED_NOTHING = 1e-6

#: How many binomial standard errors above the largest class's share a run's training
#: accuracy must be for a run whose loss ended no lower than the class frequencies' to
#: count as having learned from ``X`` (``History.classifies``): a network that learned
#: nothing predicts the largest class at best, and beats its share by 3 standard
#: errors by chance about once in 700 runs. Measured (review 24, F1): two moons times
#: 300 at eta = 1e-5 classified 87 % right (the largest class 50 %, 300 samples: 3
#: errors are 8.7 %) at a loss of 1.026 against 0.6931; random labels (2000 rows)
#: reach 51.4 % against 50 % (3 errors: 3.4 %).
CLASSIFIES_BEYOND = 3.0

#: The fraction of the samples for which a hidden unit may output something and still
#: count as dead when a run ends having learned nothing
#: (:meth:`DivergenceMonitor.ended_high`): a ReLU whose weighted sum is below 0 for
#: all samples but a stray one or two gets almost no gradient, and the run learns
#: nothing through it (7 of 8 units dead for every sample and the 8th alive for 1 of
#: 200 ended at the class frequencies after 60,000 online steps).
DEAD_SAMPLES = 0.01

#: Targets larger than this (the largest absolute entry of ``T``) are named too when a
#: network with a hidden layer blows up under a squared error
#: (:meth:`DivergenceMonitor.cause`): the error the output layer passes back,
#: :math:`y - t`, grows with the targets, and so do the output weights the fit needs,
#: which multiply the hidden layers' gradients, while the initial weights give outputs
#: of about 1; a learning rate that fits targets of about 1 blows up on targets of
#: :math:`10^9`, and scaling the targets (and the predictions back) is the cure.
#: Without a hidden layer the curvature of the loss is the inputs' alone, whatever the
#: targets; the cross-entropies take targets from 0 to 1 only.
LARGE_TARGETS = 100.0

#: How far below the best constant output's loss a run's lowest training loss must
#: have been for a run that ended no lower than that loss to count as *unstable*
#: rather than as having learned nothing (``History.unstable``): below
#: ``UNSTABLE_BELOW`` times it, a tenth of the way to a perfect fit, the network had
#: learned from ``X`` and then lost it. Measured (review 21, F1): unscaled digits
#: (entries 0 to 16), a (64, 20, 10) ReLU network, eta 0.05, batches of 32, reached
#: 0.263 in epoch 8 against the constant's 2.302 and ended at 2.74; a run that learned
#: nothing moves about the constant's loss by far less than a tenth of it.
UNSTABLE_BELOW = 0.9

#: How far above its lowest training loss a run that ended *below* the best constant
#: output's loss must end to count as unstable all the same (``History.unstable``):
#: by more than this share of the gap between that lowest loss and the constant's. A
#: run that ended at or above the constant's line has lost all of that gap. Only for
#: a lowest loss that was a good fit (:data:`GOOD_FIT`): online runs of the default
#: classifier on 10 to 100 rows, whose lowest was 0.55 to 0.76 of the constant's,
#: swing by 30 to 60 % of that gap from epoch to epoch. Measured
#: (review 22, F2): unscaled digits, a (64, 20, 10) ReLU network, eta 0.05, batches of
#: 32, seed 2 fell to 0.113 and ended at 2.209 (95 % of the gap to the constant's 2.302
#: lost), seed 3 fell to 0.048 and ended at 0.998 (42 %); the minibatch noise of a
#: healthy run at its end is a few per cent of that gap at most.
UNSTABLE_ROSE = 0.25

#: The share of the best constant output's loss a fit must take away (one minus the
#: training loss over that loss: :math:`R^2` under a squared error) to count as a good
#: fit: a fit that ended below the constant's loss gets a note on the size of its
#: targets (``History.large_targets``) or inputs (``History.large_inputs``) only
#: below this line, as saturated units are what a good fit of a step needs (review
#: 22, F1: a step of height 150 fitted to 0.99996 by two saturated tanh units of four
#: was told to scale T, which made it worse). The earlier case it is kept for: targets
#: of about 1e9 fitted to 0.745 (review 21, F4).
GOOD_FIT = 0.9

#: A run with a penalty (``lam`` above 0) whose weights ended below this share of
#: their initial size (the root of the sum of their squares) is told the penalty
#: pulled them down, before any learning rate, in the unstable and learned-nothing
#: sentences. Measured (review 23, F3, F4), standardized two moons of 200 rows, seeds
#: 0 and 1: lam = 100 pulled a (2, 16, 1) tanh network's weights to 1e-21 to 1e-4 of
#: their initial size at eta 0.5, 0.05 and 0.005 (gradient descent), the classifier's
#: lam = 10 to 0.16 % to 4.6 %; the same network at eta 0.5 with lam from 0 to 1,
#: which fits, ends at 0.8 to 2.1 times their initial size.
PENALTY_SHRANK = 0.1

#: The share of the hidden outputs of bounded activations within
#: :data:`SATURATED_WITHIN` of a limit above which a poor fit on inputs larger than
#: :data:`LARGE_INPUTS` gets a note on them (``History.large_inputs``): most of
#: them pass hardly any gradient. Measured (review 22, F3): unscaled breast
#: cancer, 99.1 % (27 % scaled); two moons times 1000, 99.9 %.
SATURATED_MOST = 0.5

#: Columns of ``X`` whose standard deviation and absolute mean are all at most this
#: count as scaled already: the advice to an unstable run (``History.unstable``) then
#: names the learning rate alone, not scaling ``X``. Standardized data has 1 and 0;
#: the digits' pixels, 0 to 16, have standard deviations up to about 6. The same line
#: for the columns of ``X`` and of ``T`` (under a squared error) is the trigger of the
#: note on a poor fit (``History.large_inputs``, ``History.large_targets``; review 24,
#: F7): the initial weights see data of about 1, and a sine of height 60 (a standard
#: deviation of 47) fitted to R^2 0.70 where scaled it fits to 0.996.
SCALED_WITHIN = 2.0

#: A hidden output of an activation with one finite limit (the ReLU, 0) at most this
#: times the layer's scale (its largest output, at least 1) counts as that limit
#: (:meth:`DivergenceMonitor.ended_high`, dead units): outputs of about 1e-25 for every
#: sample pass nothing a learner can see, though they are not exactly 0 (review 21,
#: F3). Float64 round-off of an output of about 1 is about 1e-16 of it.
DEAD_WITHIN = 1e-12

_WEIGHT_GROWTH = 1e5  # times divergence_factor: weights grown a million-fold by default
# A bounded loss this many times its scale is worse than knowing nothing ...
_STUCK_GROWTH = 1.5
# ... and stuck there for this many times divergence_epochs epochs, the run diverged.
_STUCK_EPOCHS_PER_DIVERGENCE_EPOCH = 10


@checked(network=instance_of(FeedForwardNetwork))
def largest_parameter(network: FeedForwardNetwork) -> float:
    """The largest absolute weight or bias of the network.

    Examples
    --------
    >>> net = FeedForwardNetwork((1, 1), bias=False)
    >>> net.set_weights([[[-3.0]]])
    >>> largest_parameter(net)
    3.0
    """
    return max(float(np.abs(p).max()) for p in network.parameters())


def _call_back(
    callback: Callable[[int, FeedForwardNetwork, History], None],
    epoch: int,
    network: FeedForwardNetwork,
    history: History,
    largest: float,
    monitor: DivergenceMonitor,
) -> None:
    """Run ``callback`` after ``epoch``; refuse parameters it left unfit or not finite.

    A weight it transposed, made integer or replaced, or biases it set to None, are
    named with the epoch (:func:`check_structure`'s message), where numpy's matmul or
    the optimizer's update failed with a message about operands or casting, or the run
    went on without biases. A weight or bias it cast to another dtype than float64 is
    named the same way, with why for its kind: a narrower float (float32, float16) the
    updates would be rounded to, a wider one (longdouble) whose precision depends on
    the platform, where training is float64's, or a complex one.
    Training on from NaN or infinite weights would end in a verdict that blames the
    learning rate for what the callback wrote. ``largest`` is
    the largest ``|weight|`` before the callback ran (NaN if one was not finite); if
    the callback made it more than the divergence factor times larger, ``monitor``
    notes it (:meth:`DivergenceMonitor.callback_grew`), so a blow-up that follows
    names the callback first, and a run that does not blow up names it in its message
    (the epoch and the factor); more than that factor times smaller, it notes that
    too (:meth:`DivergenceMonitor.callback_shrank`), so a run that learned nothing
    because a callback kept setting its weights to 0 says so (review 23, F8).
    """
    before = _dtypes(network)
    callback(epoch, network, history)
    try:
        check_structure(network)
    except ValueError as error:
        raise ValueError(
            f"callback left the network unfit after epoch {epoch}: {error}"
        ) from None
    for entry, dtype in _dtypes(network).items():
        if dtype != before.get(entry) and dtype != np.float64:
            raise ValueError(
                f"callback left the network unfit after epoch {epoch}: the network's "
                f"{entry} must stay a float64 array, as training keeps it, but its "
                f"dtype is {dtype} ({_dtype_words(dtype)}; use set_weights, which "
                "converts to float64 and checks shapes)"
            )
    if math.isnan(largest):
        return
    after = _largest_if_finite(network)
    if math.isnan(after):
        raise ValueError(
            f"callback left a weight or bias that is not a finite number (NaN or "
            f"infinity) after epoch {epoch}; the weights were finite before it ran"
        )
    if after > monitor.lines.factor * largest:
        monitor.callback_grew(epoch, largest, after)
    elif after * monitor.lines.factor < largest:
        monitor.callback_shrank(epoch, largest, after)
    monitor.last_largest = after  # the next update's growth is measured from here


def _dtype_words(dtype: np.dtype[Any]) -> str:
    """Why training refuses parameters of ``dtype`` (not float64), for its kind."""
    if np.issubdtype(dtype, np.floating):
        if np.finfo(dtype).bits < 64:
            return "a narrower float: the updates would be rounded to it"
        return (
            "a wider float than float64, whose precision and range depend on the "
            "platform: training, its checks and its messages are float64's"
        )
    if np.issubdtype(dtype, np.complexfloating):
        return "complex: a loss of complex outputs is no number to minimize"
    return "not a float type: the updates would be cast or refused"


def _dtypes(network: FeedForwardNetwork) -> dict[str, np.dtype[Any]]:
    """The dtype of every weight matrix and bias vector, by its name (``weights[0]``).

    Whatever a callback put there: entries that are not arrays are left out, for
    :func:`check_structure` to name.
    """
    parts = {"weights": network.weights, "biases": network.biases}
    return {
        f"{name}[{l}]": p.dtype
        for name, arrays in parts.items()
        if isinstance(arrays, list)
        for l, p in enumerate(arrays)
        if isinstance(p, np.ndarray)
    }


def _largest_if_finite(network: FeedForwardNetwork) -> float:
    """:func:`largest_parameter`, or NaN if a weight or bias is not a finite number.

    One pass over the parameters answers both questions the training loop asks after
    every epoch (:func:`evaluate`'s and the :class:`DivergenceMonitor`'s).
    """
    tops = [float(np.abs(p).max()) for p in network.parameters()]
    return max(tops) if all(map(math.isfinite, tops)) else float("nan")


@checked(_targets_fit, network=instance_of(FeedForwardNetwork))
def largest_loss(network: FeedForwardNetwork, loss: Loss, T: Array) -> float:
    """The largest loss the output layer can reach on ``T`` (infinity if unbounded).

    A squared error of an output with a bounded range (sigmoid: 0 to 1) is largest where
    every output sits at the end of its range farther from its target. The
    cross-entropies grow without limit as an output approaches the wrong end.

    Examples
    --------
    >>> largest_loss(
    ...     FeedForwardNetwork((2, 1)), get_loss("mse"), np.array([[0.0], [1.0]]))
    1.0
    """
    low, high = network.activations[-1].output_range
    if loss.targets != "numbers" or not np.isfinite(low) or not np.isfinite(high):
        return float("inf")
    return loss.value(np.where(np.abs(T - low) >= np.abs(T - high), low, high), T)


def data_scale(X: ArrayLike, T: ArrayLike) -> float:
    r"""The size weights need to fit targets ``T`` from inputs ``X``.

    It is :math:`\max(1, |T|) \max(1, 1/|X|)`, with :math:`|\cdot|` the largest absolute
    entry. A linear neuron that fits targets in the millions from inputs of size 1 needs
    weights in the millions; a hidden layer needs weights of about :math:`1/|X|` to
    respond to small inputs, and the output layer weights of about :math:`|T|` to reach
    large targets. The training loop judges weight growth against this scale (and the
    starting weights), so that a healthy fit of unscaled data is not taken for a
    blow-up. Inputs that are all 0 count as size 1.

    Examples
    --------
    >>> data_scale([[0.5, 1.0]], [[3e6]])
    3000000.0
    >>> data_scale([[1e-3]], [[2.0]])
    2000.0
    >>> data_scale([[4.0]], [[0.1]])
    1.0
    """
    x = float(np.abs(np.asarray(X, dtype=float)).max(initial=0.0))
    t = float(np.abs(np.asarray(T, dtype=float)).max(initial=0.0))
    return max(1.0, t) * (max(1.0, 1.0 / x) if x > 0 else 1.0)


@dataclass(frozen=True)
class DivergenceLines:
    """The lines above which a run counts as blown up or stuck, and how to say so.

    * ``limit``: the training loss above ``factor`` times its scale (the larger of the
      starting loss and the loss of a network that knows nothing);
    * ``weight_limit``: the largest weight or bias above ``1e5 * factor`` times its
      starting size or ``data_scale``, whichever is larger (at least 1), a million-fold
      growth with the default factor 10. A loss that cannot blow up (a squared error of
      sigmoid outputs is at most 1) still has weights that do. ``data_scale`` (see
      :func:`data_scale`) is the size weights need to fit the data at all: a linear
      neuron fitting targets in the millions from inputs of size 1 needs weights in the
      millions;
    * ``stuck_line``: for a bounded loss whose ``limit`` lies beyond the largest value
      it can take, 1.5 times its scale. Saturated outputs on the wrong side keep a run
      there (its gradients vanish), which a healthy run, however jumpy, leaves within a
      few epochs; so staying above it for ``10 * divergence_epochs`` epochs counts as
      diverged. For an unbounded loss the line is infinite: the ``limit`` catches it.

    Examples
    --------
    >>> DivergenceLines(start=2.0, knows_nothing=0.5, factor=10.0).limit
    20.0
    """

    start: float
    knows_nothing: float
    factor: float
    start_weight: float = 1.0
    largest: float = float("inf")
    data_scale: float = 1.0

    @property
    def scale(self) -> float:
        """The loss's scale: the larger of the start loss and a know-nothing net's."""
        return max(self.start, self.knows_nothing)

    @property
    def limit(self) -> float:
        """The loss above which a run has blown up: ``factor`` times :attr:`scale`."""
        return self.factor * self.scale

    @property
    def weight_limit(self) -> float:
        """The size above which a weight or bias counts as blown up.

        It is ``1e5 * factor`` times the larger of the starting size ``start_weight``
        and the scale of the data ``data_scale``, taken as at least 1.
        """
        return _WEIGHT_GROWTH * self.factor * self._weight_scale()

    def _weight_scale(self) -> float:
        return max(self.start_weight, self.data_scale, 1.0)

    @property
    def stuck_line(self) -> float:
        """The loss above which a bounded loss counts as stuck (inf if it cannot)."""
        line = _STUCK_GROWTH * self.scale
        return line if self.limit >= self.largest > line else float("inf")

    def _scale_words(self) -> str:
        return (
            f"its starting value {self.start:.4g}"
            if self.start >= self.knows_nothing
            else f"the loss of a network that knows nothing, {self.knows_nothing:.4g} "
            f"(all weights 0, the same output for every input)"
        )

    def _limit_words(self) -> str:
        return f"{self.limit:.4g} is {self.factor:g} times {self._scale_words()}"

    def _weight_words(self) -> str:
        return (
            f"{self.weight_limit:.3g} is {_WEIGHT_GROWTH * self.factor:g} times its "
            f"starting size {max(self.start_weight, 1.0):.3g} (at least 1) or the "
            f"scale of the data {self.data_scale:.3g}, whichever is larger"
        )

    def describe(self, losses: Sequence[float]) -> str:
        """Why the run diverged: what its loss did in the epochs above :attr:`limit`.

        ``losses`` are the training losses of those epochs, in order, each above the
        limit; the epoch before them was not above it, so the loss rose in the first.
        The words follow the losses: it *rose above* the limit (one epoch), *kept
        rising* (it rose in every epoch), *stayed above* it (it never fell), or stayed
        above it while *falling in* some of the epochs and *rose again* or *stopped
        falling* in the last (the epoch of a verdict, in which the loss never falls).

        Examples
        --------
        >>> lines = DivergenceLines(start=2.0, knows_nothing=0.5, factor=10.0)
        >>> print(lines.describe([35.0, 25.0, 22.0, 30.0]))
        the training loss stayed above 20 for 4 epochs in a row, falling in 2 of them,
        and rose again in the last, to 30; 20 is 10 times its starting value 2
        """
        n, loss, limit = len(losses), losses[-1], f"{self.limit:.4g}"
        steps = list(zip(losses, losses[1:]))
        falls = sum(after < before for before, after in steps)
        row = f"above {limit} for {n} epochs in a row"
        if n == 1:
            how = f"rose above {limit}, reaching {loss:.4g}"
        elif all(after > before for before, after in steps):
            how = f"kept rising {row}, reaching {loss:.4g}"
        elif not falls:
            how = f"stayed {row}, reaching {loss:.4g}"
        else:
            last = (
                "rose again in the last, to"
                if loss > losses[-2]
                else "stopped falling in the last, at"
            )
            how = f"stayed {row}, falling in {falls} of them, and {last} {loss:.4g}"
        return f"the training loss {how}; {self._limit_words()}"

    def describe_weights(self, largest: float, epochs: int) -> str:
        """Why the run diverged: its weights stayed above :attr:`weight_limit`.

        ``largest`` is the largest weight or bias in the last of those ``epochs``, in
        none of which the loss reached a new lowest value.
        """
        how = (
            f"was {largest:.3g}, above {self.weight_limit:.3g}, with no new lowest loss"
            if epochs == 1
            else f"stayed above {self.weight_limit:.3g} for {epochs} epochs in a row "
            f"with no new lowest loss, ending at {largest:.3g}"
        )
        return (
            f"the weights blew up: the largest weight or bias {how}; "
            f"{self._weight_words()}"
        )

    def describe_both(
        self, loss: float, largest: float, epochs: tuple[int, int, int]
    ) -> str:
        """Why the run diverged: the loss or the weights stayed blown up, by turns.

        ``epochs`` counts the epochs in a row in which one or the other was above its
        line, those of them in which the loss was above :attr:`limit`, and those in
        which the largest weight or bias was above :attr:`weight_limit` with no new
        lowest loss; ``loss`` and ``largest`` are the last epoch's.

        Examples
        --------
        >>> lines = DivergenceLines(start=2.0, knows_nothing=0.5, factor=10.0)
        >>> print(lines.describe_both(25.0, 3e6, (3, 1, 2)))
        the training loss or the weights stayed blown up for 3 epochs in a row: the loss
        above 20 in 1 of them, the largest weight or bias above 1e+06 with no new
        lowest loss in 2, ending at a loss of 25 and a largest weight or bias of 3e+06;
        20 is 10 times its starting value 2; 1e+06 is 1e+06 times its starting size 1
        (at least 1) or the scale of the data 1, whichever is larger
        """
        n, high, heavy = epochs
        return (
            f"the training loss or the weights stayed blown up for "
            f"{counted(n, 'epoch')} in a row: the loss above {self.limit:.4g} in "
            f"{high} of them, the largest "
            f"weight or bias above {self.weight_limit:.3g} with no new lowest loss in "
            f"{heavy}, ending at a loss of {loss:.4g} and a largest weight or bias of "
            f"{largest:.3g}; {self._limit_words()}; {self._weight_words()}"
        )

    def describe_stuck(self, loss: float, epochs: int) -> str:
        """Why the run diverged: its loss stayed stuck above :attr:`stuck_line`."""
        return (
            f"the training loss stayed above {self.stuck_line:.4g} for {epochs} epochs "
            f"in a row, at {loss:.4g}; {self.stuck_line:.4g} is {_STUCK_GROWTH:g} "
            f"times {self._scale_words()}. This loss cannot exceed {self.largest:.4g} "
            "(the outputs are bounded), so it cannot blow up; stuck this far above "
            "where it started, the outputs have saturated on the wrong side"
        )


def _a_loss(value: Any, name: str) -> float:
    """Checker: a real number; NaN and infinity allowed (a blown-up run's loss)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(
            f"{name} must be a number (NaN or infinity allowed, a blown-up loss), "
            f"but it is {value!r} ({type(value).__name__})"
        )
    return as_float(value, name)


def _losses(value: Any, name: str) -> list[float]:
    """Checker: a non-empty list of losses (numbers), as ``History.train_loss``."""
    if not isinstance(value, (list, tuple)):
        raise TypeError(
            f"{name} must be a list of losses, as History.train_loss, but it is "
            f"{value!r} ({type(value).__name__})"
        )
    if not value:
        raise ValueError(f"{name} must hold at least one loss, but it is empty")
    return [_a_loss(v, f"{name}[{k}]") for k, v in enumerate(value)]


def _history(value: Any, name: str) -> History:
    """Checker: a :class:`History`."""
    checker: Any = instance_of(History)
    return checker(value, name)


def _history_with(attribute: str, why: str, *, patience: bool = False) -> Relation:
    """Relation: ``history.<attribute>`` holds at least one loss (``why`` needs it).

    With ``patience``, only for an early stopping that has a patience (one without
    never looks at the validation loss).
    """

    def relation(arguments: dict[str, Any]) -> None:
        if patience and arguments["self"].patience is None:
            return
        if not getattr(arguments["history"], attribute):
            raise ValueError(
                f"history.{attribute} must hold at least one loss ({why}), but it "
                f"is empty"
            )

    return relation


def _same_network_as(attribute: str) -> Relation:
    """Relation: ``network`` has the shapes of the copy kept in ``self.<attribute>``."""

    def relation(arguments: dict[str, Any]) -> None:
        kept, network = getattr(arguments["self"], attribute), arguments["network"]
        shapes = [
            [p.shape for p in net.parameters()] for net in (network, kept or network)
        ]
        if shapes[0] != shapes[1]:
            raise ValueError(
                f"network must have the layer sizes and biases of the network this "
                f"{type(arguments['self']).__name__} was made for, {kept.layer_sizes}, "
                f"but it has {network.layer_sizes}"
            )

    return relation


def _momentum_rate(value: Any, name: str) -> float:
    """Checker: a momentum rate from 0 to below 1."""
    return check_number(value, name, low=0.0, high=1.0, high_inclusive=False)


def _optional_samples(value: Any, name: str) -> Array | None:
    """Checker: None, or inputs with a row per sample."""
    return None if value is None else as_array(value, name, ndim=2)


def _inputs_match_targets(arguments: dict[str, Any]) -> None:
    """Relation: ``X``, if given, has a row per row of ``T``."""
    X, T = arguments["X"], arguments["T"]
    if X is not None and len(X) != len(T):
        raise ValueError(
            f"X and T must have a row per sample each, but X has {len(X)} rows and "
            f"T {len(T)}"
        )


def _apart(a: float, b: float) -> tuple[str, str]:
    """``a`` and ``b`` printed with 4 significant digits, or as many as tell them apart.

    For a sentence that says one is above or below the other: "ended at 0.6603,
    above 0.6603" says nothing (review 22, F7). Equal numbers print alike; 17
    digits tell any two float64 numbers apart.

    >>> _apart(0.66031, 0.66029), _apart(2.5, 1.0)
    (('0.66031', '0.66029'), ('2.5', '1'))
    """
    for digits in range(4, 18):
        shown = f"{a:.{digits}g}", f"{b:.{digits}g}"
        if shown[0] != shown[1] or a == b:
            return shown
    return shown


#: How many times the variance that random runs of consecutive minibatches' target
#: means would have (drawn without replacement) the fixed order's must have for the
#: order of the samples to be named (``_order_matters``). Of :data:`ORDER_BLOCKS`
#: runs or more, a random order's variance is about a chi-squared with 9 degrees of
#: freedom over 9 times the expected one, above 4 about once in 50,000 orders; two
#: moons sorted by class, online, give about the run's length times it (review 25,
#: F3: a random order, batches of 20, was told to try shuffle=True, and shuffled the
#: run blew up all the same).
ORDER_MATTERS = 4.0

#: The fewest runs of consecutive minibatches whose target means
#: :data:`ORDER_MATTERS` compares (at least 2 where the minibatches are fewer).
ORDER_BLOCKS = 10


def _order_matters(T: Array, batch_size: int) -> bool:
    r"""Whether the fixed order of ``T``'s rows makes unrepresentative minibatches.

    For runs of ``m`` consecutive rows, ``m`` the batch size and its doublings while
    there are :data:`ORDER_BLOCKS` runs or more (the batch size alone where there are
    fewer, if 2 or more): the mean squared distance of the runs' target means from
    ``T``'s mean is above :data:`ORDER_MATTERS` times what random runs of ``m`` rows
    would give, :math:`\operatorname{var}(T)/m \cdot (n - m)/(n - 1)`. Runs longer
    than a minibatch count too: online learning on data sorted by class has
    minibatches of one row, as random as any, but the runs of them are not.

    >>> t = np.repeat([0.0, 1.0], 100)[:, None]
    >>> shuffled = np.random.default_rng(0).permutation(t)
    >>> _order_matters(t, 1), _order_matters(t, 20), _order_matters(shuffled, 1)
    (True, True, False)
    >>> rng = np.random.default_rng(0)
    >>> any(_order_matters(rng.permutation(t), b) for b in (1, 5, 20, 50))
    False
    >>> _order_matters(np.ones((200, 1)), 1)  # targets that do not vary
    False
    """
    n = len(T)
    variance = float(T.var(axis=0).sum())
    if not variance > 0:  # targets that do not vary: no order among them
        return False
    m = batch_size
    while n // m >= 2:
        k = n // m
        means = T[: k * m].reshape(k, m, -1).mean(axis=1)
        spread = float(((means - T.mean(axis=0)) ** 2).sum(axis=1).mean())
        if spread > ORDER_MATTERS * variance / m * (n - m) / (n - 1):
            return True
        m *= 2
        if n // m < ORDER_BLOCKS:
            return False
    return False


def _order_first(cause: str, ordered: bool) -> str:
    """``cause``, after the order of the samples if they were not shuffled.

    ``ordered``: minibatches without shuffling whose order measurably matters
    (``_order_matters``), so every epoch ends on the same ones, which pull the
    network their way (online learning on data sorted by class ends each epoch
    predicting the last class, chapter 14).
    """
    if not ordered:
        return cause
    return (
        "Without shuffling (shuffle=False) every epoch ends on the same "
        "minibatches, which may pull the network their way: try "
        f"shuffle=True. Or {cause[0].lower()}{cause[1:]}"
    )


@dataclass
class _Ending:
    """The end of a run, as the rows of :data:`CLOSING_VERDICTS` measure it."""

    history: History
    losses: list[float]  # history.train_loss
    eta: float  # the learning rate of the last epoch
    ordered: bool  # the same minibatches in every epoch (no shuffling)


@dataclass(frozen=True)
class _Verdict:
    """A row of :data:`CLOSING_VERDICTS`: one measured cause of how a run ended."""

    name: str  # what the row is called (in the tests and the comments)
    applies: Callable[[DivergenceMonitor, _Ending], bool]  # its rule: it measures
    # the History flags it sets, each to True or False, or to what a monitor method
    # measures (None: left as it is)
    flags: tuple[
        tuple[str, bool | Callable[[DivergenceMonitor, _Ending], bool | None]], ...
    ]
    words: Callable[[DivergenceMonitor, _Ending], str]  # its sentence
    # whether that sentence named the callback as the cause (then no callback note)
    names_callback: Callable[[DivergenceMonitor, _Ending], bool] | None = None


class DivergenceMonitor:
    """Watch a run epoch by epoch for divergence; keep its last good epoch's weights.

    An epoch is *good* when the training loss lies below every line of
    :class:`DivergenceLines` and the weights below their limit, or the loss fell in it
    to a new lowest value (large weights are a blow-up only where they do not help: a
    fit of targets in the millions grows its weights while its loss falls; a loss that
    swings up and down while the weights explode reaches no new lowest value). The run
    has diverged when the loss or the weights stay blown up for ``epochs_in_a_row``
    epochs (or for two, if the loss rose between them, or in the ``last_epoch``), never
    in an epoch in which the loss fell (a spike coming back down), or a
    bounded loss stays stuck above its line for ``10 * epochs_in_a_row`` epochs. With
    the inputs ``X``, weights are judged against the scale of the data
    as well (:func:`data_scale`).

    Examples
    --------
    >>> from ffnn_edu.nn.datasets import xor
    >>> X, t = xor()
    >>> net = FeedForwardNetwork((2, 2, 1), seed=1)
    >>> monitor = DivergenceMonitor(net, get_loss("mse"), t[:, None], 0.25,
    ...                             Regularizer("l2", 0.0), 10.0, 3, 100)
    >>> monitor.verdict(1, 30.0, [0.25, 30.0], net) is None  # one epoch up there: wait
    True
    >>> print(monitor.verdict(2, 40.0, [0.25, 30.0, 40.0], net))  # still up: diverged
    the training loss kept rising above 2.5 for 2 epochs in a row, reaching 40;
    2.5 is 10 times its starting value 0.25
    """

    @checked(
        _targets_fit,
        _inputs_match_targets,
        network=instance_of(FeedForwardNetwork),
        start_loss=_a_loss,
        regularizer=as_penalty,
        factor=_growth_factor,
        epochs_in_a_row=check_count,
        last_epoch=check_count,
        X=_optional_samples,
        dropout=dropout_rate,
        mu=_momentum_rate,
        adaptive=instance_of(str),
    )
    def __init__(
        self,
        network: FeedForwardNetwork,
        loss: Loss,
        T: Array,
        start_loss: float,
        regularizer: Regularizer,
        factor: float,
        epochs_in_a_row: int,
        last_epoch: int,
        X: Array | None = None,
        *,
        dropout: float = 0.0,
        mu: float = 0.0,
        adaptive: str = "",
    ) -> None:
        self.lines = DivergenceLines(
            start_loss,
            _knows_nothing(network, loss, T),
            factor,
            _largest_parameter(network),
            _largest_loss(network, loss, T),
            1.0 if X is None else data_scale(X, T),
        )
        self.regularizer, self.epochs_in_a_row, self.last_epoch = (
            regularizer,
            epochs_in_a_row,
            last_epoch,
        )
        self.dropout, self.mu = dropout, mu
        # the name of an optimizer whose steps are about eta each (Adam...), or ""
        self.adaptive = adaptive
        # the initial weights' size, against which a penalty's pull is measured
        self.start_norm = _weight_norm(network)
        self.input_size = 0.0 if X is None else float(np.abs(X).max(initial=0.0))
        # the line a run that learned nothing from X ends above (ended_high), for
        # every run where X could teach more than a constant output: one mean of T
        # and one loss, no forward pass
        self.constant_loss = (
            _constant_loss(network, loss, T)
            if X is not None and _rows_vary(X) and _rows_vary(T)
            else math.nan
        )
        # what the learned-nothing sentence measures its causes on (ended_high): the
        # network and X (a forward pass only when the loss did not move), the
        # targets' spread under a squared error
        self.network, self.X, self.T, self.loss = network, X, T, loss
        numbers = loss.targets == "numbers"
        self.target_variance = float(T.var(axis=0).mean()) if numbers else math.nan
        # the targets' own size, in the loss's units (the loss of an output of 0):
        # a loss below a millionth of it is about 0, whatever the start
        self.target_loss = (
            loss.value(np.zeros_like(T), T)
            if numbers and not math.isnan(self.constant_loss)
            else math.inf
        )
        # the largest |T| under a squared error, whatever the layers: named when a
        # run learned nothing (an optimizer's steps take long to cover it)
        self.target_top = float(np.abs(T).max(initial=0.0)) if numbers else 0.0
        self.callback_epoch = 0  # the epoch of that growth (0: none)
        self.callback_words = ""  # the growth, in words, for the learned-nothing one
        self.keeps_last = True  # the run ends on its last weights (no patience)
        self.still_falling = False  # a run that learned nothing yet, cut short
        # the target scale counts only where the loss takes any numbers (the squared
        # errors; the cross-entropies' targets are checked to lie from 0 to 1) and
        # there is a hidden layer: without one the loss's curvature is the inputs'
        # alone, and the targets cannot make a run blow up
        numbers = loss.targets == "numbers" and network.n_layers > 1
        self.target_size = float(np.abs(T).max(initial=0.0)) if numbers else 0.0
        # the share of the largest class, for labels (0/1 or one-hot): the accuracy a
        # network that learned nothing from X reaches at most, but for chance
        self.largest_class = (
            _largest_class(T) if X is not None and _are_labels(T) else math.nan
        )
        self.stuck_epochs = self.good_epoch = 0
        # per epoch up there (above a line, in a row): (loss above its limit, weights
        # above theirs with no new lowest loss)
        self.up: list[tuple[bool, bool]] = []
        self.lowest = start_loss  # the lowest training loss so far
        self.last_good = network.copy()
        # what a callback did to the weights, if it grew them (callback_grew), and
        # the largest growth of the largest |w| in one epoch's updates since then
        self.callback_growth, self._callback_factor = "", 0.0
        self.update_growth = 0.0
        # how many epochs a callback shrank the weights in, and the first time's words
        self._shrinks, self._shrank = 0, ""
        # the largest |w| before the next epoch's updates (after the callback)
        self.last_largest = _largest_parameter(network)

    def callback_grew(self, epoch: int, before: float, after: float) -> None:
        """Note that a callback made the largest ``|weight|`` grow in ``epoch``.

        :meth:`cause` names it first: a blow-up that follows is the callback's doing
        more probably than the learning rate's. The largest growth is kept, and the
        updates' growth is measured afresh from it: unless an epoch's updates then
        grow the largest ``|weight|`` by more than the divergence factor too (the
        blow-up happened in the update steps), the callback is the only cause named.

        Examples
        --------
        >>> from ffnn_edu.nn.datasets import xor
        >>> X, t = xor()
        >>> net = FeedForwardNetwork((2, 2, 1), seed=1)
        >>> monitor = DivergenceMonitor(net, get_loss("mse"), t[:, None], 0.25,
        ...                             Regularizer("l2", 0.0), 10.0, 3, 100)
        >>> monitor.callback_grew(3, 1.5, 1e300)
        >>> print(monitor.cause(0.1))
        The callback changed the weights (largest |w| from 1.5 to 1e+300 in epoch 3),
        which probably caused this.
        >>> monitor.update_growth = 1e3  # then the updates grew them a thousandfold
        >>> print(monitor.cause(0.1))
        The callback changed the weights (largest |w| from 1.5 to 1e+300 in epoch 3),
        which probably caused this. Or the learning rate eta = 0.1 is probably too
        large.
        """
        growth = after / before if before > 0 else math.inf
        if growth > self._callback_factor:
            self._callback_factor, self.update_growth = growth, 0.0
            self.callback_growth = (
                f"The callback changed the weights (largest |w| from {before:.4g} to "
                f"{after:.4g} in epoch {epoch}), which probably caused this."
            )
            # a run that does not diverge names it too (ended_high), once
            self.callback_epoch = epoch
            self.callback_words = (
                f"the callback grew the largest |w| {growth:.3g}-fold in epoch "
                f"{epoch} (from {before:.4g} to {after:.4g})"
            )

    @property
    def callback_note(self) -> str:
        """What a callback did to the weights, for any message (``""``: nothing).

        Made from ``callback_words``, which :meth:`callback_grew` and
        :meth:`callback_shrank` write.
        """
        if not self.callback_words:
            return ""
        return (
            f" The {self.callback_words[4:]}, and training went on from the weights "
            "it left."
        )

    def callback_shrank(self, epoch: int, before: float, after: float) -> None:
        """Note that a callback made the largest ``|weight|`` shrink in ``epoch``.

        Named in the run's message as :meth:`callback_grew`'s growth is (the first
        epoch it happened in, and how many epochs it happened in), but never as the
        cause of a blow-up: weights made smaller do not blow up. A callback that set
        the weights to 0 in every epoch left a network that learned nothing, and a
        message that named only the data or the learning rate misled (review 23,
        F8). Not recorded once a callback has grown the weights: that is named.

        Examples
        --------
        >>> from ffnn_edu.nn.datasets import xor
        >>> X, t = xor()
        >>> net = FeedForwardNetwork((2, 2, 1), seed=1)
        >>> monitor = DivergenceMonitor(net, get_loss("mse"), t[:, None], 0.25,
        ...                             Regularizer("l2", 0.0), 10.0, 3, 100)
        >>> monitor.callback_shrank(1, 0.5, 0.0)
        >>> monitor.callback_shrank(2, 0.01, 0.0)
        >>> print(monitor.callback_note)
         The callback shrank the largest |w| from 0.5 to 0 in epoch 1 (and so in 1
        later epoch), and training went on from the weights it left.
        """
        if self.callback_growth:
            return
        self._shrinks += 1
        if self._shrinks == 1:
            self.callback_epoch = epoch
            self._shrank = f"from {before:.4g} to {after:.4g} in epoch {epoch}"
        later = self._shrinks - 1
        again = f" (and so in {counted(later, 'later epoch')})" if later else ""
        self.callback_words = (
            f"the callback shrank the largest |w| {self._shrank}{again}"
        )

    @checked(
        _same_network_as("last_good"),
        epoch=epoch_number,
        loss=_a_loss,
        losses=_losses,
        network=instance_of(FeedForwardNetwork),
        largest=lambda value, name: None if value is None else _a_loss(value, name),
    )
    def verdict(
        self,
        epoch: int,
        loss: float,
        losses: list[float],
        network: FeedForwardNetwork,
        *,
        largest: float | None = None,
    ) -> str | None:
        """None while the run is healthy after ``epoch``; else what went wrong.

        ``loss`` is the training loss after ``epoch``; ``losses`` the training losses
        kept so far (entry 0 before training; ``loss`` is the last unless
        it is not a finite number). ``largest``, if given, is
        :func:`largest_parameter` of ``network``, already computed.
        """
        if largest is None:
            largest = _largest_parameter(network)
        if self.last_largest > 0:  # this epoch's updates: how much they grew the top
            grew = largest / self.last_largest if math.isfinite(largest) else math.inf
            self.update_growth = max(self.update_growth, grew)
        self.last_largest = largest
        if not math.isfinite(loss):
            return (
                "the training loss stopped being a finite number (the arithmetic "
                f"overflowed; it started at {self.lines.start:.4g})"
            )
        falling, self.lowest = loss < self.lowest, min(loss, self.lowest)
        high, heavy = loss > self.lines.limit, largest > self.lines.weight_limit
        if high or (heavy and not falling):
            self.up.append((high, heavy and not falling))
            self.stuck_epochs, n = 0, len(self.up)
            rising = n > 1 and loss > losses[-2]
            # a loss that fell in this epoch is coming back down: no verdict in it,
            # however high it still is (it counts, should it stop falling)
            if not loss < losses[-2] and (
                rising or n >= self.epochs_in_a_row or epoch == self.last_epoch
            ):
                return self._blown_up(losses[-n:], largest)
        elif loss > self.lines.stuck_line:
            self.up, self.stuck_epochs = [], self.stuck_epochs + 1
            if (
                self.stuck_epochs
                >= _STUCK_EPOCHS_PER_DIVERGENCE_EPOCH * self.epochs_in_a_row
            ):
                return self.lines.describe_stuck(loss, self.stuck_epochs)
        else:
            self.up, self.stuck_epochs = [], 0
            self.last_good, self.good_epoch = network.copy(), epoch
        return None

    def _blown_up(self, losses: list[float], largest: float) -> str:
        """What blew up in the epochs up there, whose training losses are ``losses``.

        The loss, if it was above its limit in every one of them (:meth:`describe`);
        else the weights, if they were above theirs with no new lowest loss in every
        one; else both by turns (:meth:`describe_both`).
        """
        n = len(self.up)
        high, heavy = (sum(flags) for flags in zip(*self.up))
        if high == n:
            return self.lines.describe(losses)
        if heavy == n:
            return self.lines.describe_weights(largest, n)
        return self.lines.describe_both(losses[-1], largest, (n, high, heavy))

    @checked(
        _same_network_as("last_good"),
        history=_history,
        network=instance_of(FeedForwardNetwork),
        epoch=epoch_number,
        eta=positive,
        what=instance_of(str),
        best=lambda value, name: instance_of(EarlyStopping, optional=True)(value, name),
        ordered=flag,
    )
    def stop(
        self,
        history: History,
        network: FeedForwardNetwork,
        epoch: int,
        eta: float,
        what: str,
        *,
        best: EarlyStopping | None = None,
        ordered: bool = False,
    ) -> History:
        """Restore the last good weights; say in ``history`` why the run ended.

        With an early stopping ``best`` that has ``patience``, the network gets the
        weights of its lowest validation loss instead (an epoch before the one in which
        the run diverged), as every run with ``patience`` ends, and ``history`` gets its
        ``best_epoch``. With ``ordered`` (minibatches without shuffling) the order of
        the samples is named first, as in :meth:`ended_high` (review 24, F8: two moons
        sorted by class, online, diverged at eta = 2 and only eta was blamed; shuffled,
        the same eta ends at a loss of 7e-6), where that order measurably matters
        (``_order_matters``; review 25, F3).
        """
        history.diverged = True
        # the blow-up began in the epoch after the last good one: under a schedule,
        # its learning rate, not this epoch's, made it
        began, rates = self.good_epoch + 1, history.learning_rate
        first = rates[began - 1] if began <= len(rates) else eta
        when = (
            ""
            if first == eta
            else f" of epoch {began}, where the blow-up began (the schedule's rate "
            f"in epoch {epoch} is {eta:g})"
        )
        history.message = (
            f"Training diverged in epoch {epoch}: {what}. "
            f"{_order_first(self.cause(first, when=when), ordered)}"
        )
        if best is not None and best.best_weights is not None:
            _restore(network, best.best_weights)
            history.best_epoch = best.best_epoch
            history.message += (
                f" The validation loss was lowest in epoch {best.best_epoch} "
                f"({best.best_loss:.4g}) before the run diverged; the network has the "
                f"weights of epoch {best.best_epoch}."
            )
            return history
        _restore(network, self.last_good)
        history.message += (
            f" The network keeps the weights it had after epoch {self.good_epoch}."
        )
        return history

    @checked(
        _history_with("train_loss", "it compares the last with the start"),
        history=_history,
        eta=positive,
        ordered=flag,
    )
    def ended_high(
        self, history: History, eta: float, *, ordered: bool = False
    ) -> History:
        """Say in ``history``'s message how a run that did not diverge ended, if badly.

        The closing judgement of a run whose epochs ran out or that early stopping
        ended. :data:`CLOSING_VERDICTS` is its table: the measured causes in the order
        they are asked, each with its rule (the docstring of its condition), the
        History flags it sets and its sentence. The first that applies to the run is
        said, and no other; a run none applies to is told nothing. ``eta`` is the
        learning rate of the last epoch; ``ordered`` (minibatches without shuffling)
        puts the order of the samples first in the ended-high sentence.

        Then the callback, if it grew the largest ``|w|`` (:meth:`callback_grew`):
        named with the epoch and the factor, in a run that did not diverge, unless
        the sentence named it already (the callback undid a fit: the loss of its
        epoch was below the best constant output's; or :meth:`cause` blamed it); in
        the last epoch with the training loss of the weights it left, as no epoch ran
        after it.

        Examples
        --------
        >>> from ffnn_edu.nn.datasets import xor
        >>> X, t = xor()
        >>> net = FeedForwardNetwork((2, 2, 1), seed=1)
        >>> monitor = DivergenceMonitor(net, get_loss("mse"), t[:, None], 0.25,
        ...                             Regularizer("l2", 0.0), 10.0, 3, 100)
        >>> history = History(train_loss=[0.25, 0.9, 0.4], message="Trained.")
        >>> print(monitor.ended_high(history, 30.0).message)
        Trained. The training loss ended at 0.4, more than 1.5 times its start 0.25
        and above the loss of a network that knows nothing, 0.25. The learning rate
        eta = 30 is probably too large.
        >>> tiny = DivergenceMonitor(net, get_loss("mse"), t[:, None], 0.25,
        ...                          Regularizer("l2", 0.0), 10.0, 3, 100, X * 1e-150)
        >>> history = History(train_loss=[0.25, 0.26], message="Trained.")
        >>> print(tiny.ended_high(history, 0.1).message)
        Trained. The training loss ended at 0.26, above 0.25, the loss of the best
        output that is the same for every input (the targets' mean): the network
        learned nothing from X. The inputs are probably too small: the largest
        |value| in X is 1e-150, so the first layer's weighted sums hardly differ from
        sample to sample, and its gradient shrinks with the inputs, while the initial
        weights are made for inputs of about 1; scale X first, e.g. with a Standardizer
        (ffnn_edu.nn.preprocessing) or scikit-learn's StandardScaler.
        """
        ending = _Ending(history, history.train_loss, eta, ordered)
        note = self.callback_note
        if self.callback_epoch and self.callback_epoch == len(history.train_loss) - 1:
            # no epoch ran after the callback: the losses are from before it, and it
            # caused none of them
            note, self.callback_growth = self._callback_last(), ""
        for verdict in CLOSING_VERDICTS:
            if verdict.applies(self, ending):  # the first that applies, and no other
                for name, value in verdict.flags:
                    setting = value if isinstance(value, bool) else value(self, ending)
                    if setting is not None:
                        setattr(history, name, setting)
                history.message += verdict.words(self, ending)
                said = verdict.names_callback
                if said is not None and said(self, ending):
                    return history  # the sentence named the callback as the cause
                break
        history.message += note
        return history

    # The conditions of CLOSING_VERDICTS, in its order. A condition is asked only
    # where no row above it applied (it does not repeat their tests), and measures;
    # its words are the sentence said when it applies. First the measurements that
    # several rows share.

    def _ended_at_constant(self, ending: _Ending) -> bool:
        """Whether the run ended no lower than the best constant output's loss.

        Its training loss ended not a millionth (:data:`LEARNED_NOTHING`) below the
        loss of the best output that is the same for every input (the targets' mean;
        the biases alone reach it, so a network that learned nothing from ``X`` ends
        above it, and one that learned anything below), and not about 0: above
        :data:`LEARNED_NOTHING` times its start, or above that fraction of the
        targets' own size (the loss of an output of 0), so tiny targets count. False
        where ``X`` could teach no more than that constant and its loss is not
        measured (NaN): no ``X``, rows of ``T`` all equal, rows of ``X`` all equal or
        one sample; nor when the constant's loss is below :data:`LEARNED_NOTHING`
        times the starting loss (about 0: a run that reached it learned its targets).
        """
        start, end = self.lines.start, ending.losses[-1]
        # not for a loss that ended about 0 (a millionth of its start and of the
        # targets' own size): a run that fits its targets to round-off may end a hair
        # above a constant's loss of 0, but tiny targets are not fitted by a loss
        # tiny only next to a start far from them
        return end > (1.0 - LEARNED_NOTHING) * self.constant_loss and (
            end > LEARNED_NOTHING * start or end > LEARNED_NOTHING * self.target_loss
        )  # False for a NaN constant

    def _ended_far_above(self, ending: _Ending) -> bool:
        """Row "ended high": the run ended far above its start.

        Its training loss ended more than :data:`ENDED_HIGH` (1.5) times its start
        *and* above the loss of a network that knows nothing
        (:func:`knows_nothing_loss`): a run can swing up and down without ever
        meeting a divergence rule and end there (issue 16). The sentence names the
        settings that probably did it (:meth:`cause`; with ``ordered``, the order of
        the samples first, :meth:`_high_words`).

        Why both lines: a run that learns ends below its start, however it jumped on
        the way, and one that barely moves (a tiny learning rate, a plateau) ends
        within a hair of its start, far from 1.5 times it. Above the know-nothing
        loss, training has left the network worse than all weights 0 would, which no
        learning run does; that line also spares a run started from an already good
        fit (a tiny loss), which may end a few times above it from the noise of its
        minibatches alone. A healthy run may jump far higher on the way (chapter
        12's cross-entropy at eta = 10 climbs more than tenfold and recovers); only
        where it ends counts. 1.5 is the factor of a bounded loss's stuck line as well
        (:attr:`DivergenceLines.stuck_line`).
        """
        start, end = self.lines.start, ending.losses[-1]
        return end > ENDED_HIGH * start and end > self.lines.knows_nothing

    def _on_small_inputs(self, ending: _Ending) -> bool:
        """Row "small inputs": the run learned nothing from inputs far too small.

        It ended no lower than the best constant output's loss
        (:meth:`_ended_at_constant`), and the largest ``|value|`` in ``X`` (given to
        the monitor) is above 0 and below :data:`SMALL_INPUTS` (issue 16 C). The
        mirror of the inputs above :data:`LARGE_INPUTS` that :meth:`cause` names: such
        a run does not blow up, it sits still, and no other verdict would tell it;
        first, before a loss that ended high, as scaling ``X`` is the cure. The
        sentence names that value and says to scale ``X``, and a penalty that pulled
        the weights down after it (review 24, F2).
        """
        return self._ended_at_constant(ending) and 0.0 < self.input_size < SMALL_INPUTS

    def _small_but_classifies(self, ending: _Ending) -> bool:
        """Row "small inputs, classifies": as row "small inputs", but it classifies.

        On labels, a run whose training accuracy is above the largest class's share
        by more than :data:`CLASSIFIES_BEYOND` standard errors (:meth:`_classifies`)
        learned from ``X``, whatever its loss: it is never told it learned nothing,
        but what was measured, with the inputs far too small named as the cause
        (review 24, F1, F2).
        """
        return self._on_small_inputs(ending) and self._classifies(ending.history)

    def _lost_what_it_learned(self, ending: _Ending) -> bool:
        """Row "unstable": the run learned from ``X`` and lost it (:meth:`_unstable`).

        Its lowest training loss was below :data:`UNSTABLE_BELOW` times the best
        constant output's, and it ended no lower than that loss (review 21, F1), or,
        from a lowest that was a good fit (:data:`GOOD_FIT`), above it by more than
        :data:`UNSTABLE_ROSE` of the gap between them (review 22, F2). Before rows
        "classifies" and "learned nothing", which apply to such a run too. Not for a
        loss that ended high (row "ended high" says more), nor, where it ended below
        the constant's loss, in a run whose callback grew the weights; nor where a
        cause in the data's scale is measured first (inputs far too small, the rows
        above; inputs far from 0, targets that vary too little: :meth:`_unstable`).
        A penalty that pulled the weights down is named in its sentence instead of
        the steps (review 23, F3).
        """
        if self._ended_far_above(ending):
            return False
        at_constant = self._ended_at_constant(ending)
        return (at_constant or not self.callback_epoch) and self._unstable(
            ending.losses
        )

    def _at_constant_but_classifies(self, ending: _Ending) -> bool:
        """Row "classifies": as row "learned nothing", but the run classifies.

        "Learned nothing" is said only where it is true: on labels, a run whose
        training accuracy is above the largest class's share by more than
        :data:`CLASSIFIES_BEYOND` standard errors learned from ``X``
        (:meth:`_classifies`); it is told what was measured instead (its loss no
        lower although it classifies that share right: its wrong outputs too
        confident, or its outputs hardly different from the class frequencies),
        with the causes measured in the inputs' scale and the penalty
        (:meth:`_scale_causes`; review 24, F1).
        """
        return self._learned_nothing_from_x(ending) and self._classifies(ending.history)

    def _learned_nothing_from_x(self, ending: _Ending) -> bool:
        """Row "learned nothing": the run ended no lower than the best constant's loss.

        On inputs of any size (:meth:`_ended_at_constant`; issue 16, review 17), and
        not far above its start (row "ended high" says more of such a run). The
        sentence gives both numbers (the constant is the class frequencies under a
        cross-entropy) and the likely cause where it can be measured
        (:meth:`_learned_nothing`: a penalty named first, review 23, F3, F4; a loss
        not measurably below the constant's is never called below it, and two numbers
        said to differ print apart, review 22, F7).
        """
        return self._ended_at_constant(ending) and not self._ended_far_above(ending)

    def _poor_fit_measured(self, ending: _Ending) -> bool:
        """Whether a poor fit gets a note: the first test of the last three rows.

        A fit below the best constant output's loss (the rows above did not apply)
        that took away less than :data:`GOOD_FIT` of it (:meth:`_poor_fit`; a good
        fit is never told this, review 22, F1), on ``X`` to measure the units on, in a
        run whose callback did not grow the weights. A note of measured facts with a
        conditional remedy, never a verdict: the monitor cannot know the best loss
        the data allow (review 23, F1, F2). No flag of these notes is a warning
        (:func:`~ffnn_edu.nn.classifier.convergence_trouble`).
        """
        return (
            not self.callback_epoch
            and self._poor_fit(ending.losses[-1])
            and self.X is not None
        )

    def _poor_fit_on_unscaled_inputs(self, ending: _Ending) -> bool:
        """Row "unscaled inputs": a poor fit on inputs that are not scaled.

        :meth:`_poor_fit_measured`, on inputs not scaled (not :meth:`_x_scaled`: a
        column's spread or median beyond :data:`SCALED_WITHIN`, or every column's
        spread below its inverse, review 25, F6), not below :data:`SMALL_INPUTS` (the
        next row's; review 22, F3; review 24, F7: two moons times 300 on ReLUs ended
        at an accuracy of 0.893, 1.0 scaled, and tanh on the unscaled digits at 0.49,
        1.0 scaled, silent below the old line of :data:`LARGE_INPUTS`), for any
        activation. The note (:meth:`_scale_note`) says the targets as well where
        they are off scale too (``large_targets``), the inputs' remedy first.
        """
        return (
            self._poor_fit_measured(ending)
            and not 0.0 < self.input_size < SMALL_INPUTS
            and not self._x_scaled()
        )

    def _poor_fit_on_small_inputs(self, ending: _Ending) -> bool:
        """Row "small inputs, poor fit": a poor fit on inputs far too small.

        :meth:`_poor_fit_measured`, on inputs whose largest ``|value|`` is above 0 and
        below :data:`SMALL_INPUTS` (review 24, F2: inputs of 2e-3 moved the loss from
        0.693 to 0.6924 in 1000 epochs, silent; scaled, the same run fits). The row
        above leaves such inputs to this one. The targets as in row "unscaled
        inputs".
        """
        return self._poor_fit_measured(ending) and 0.0 < self.input_size < SMALL_INPUTS

    def _poor_fit_on_large_targets(self, ending: _Ending) -> bool:
        """Row "large targets": a poor fit on targets that are not scaled.

        :meth:`_poor_fit_measured`, on targets above :data:`LARGE_TARGETS` or with a
        column whose standard deviation or absolute mean is beyond
        :data:`SCALED_WITHIN` (:meth:`_targets_off_scale`): review 21, F4 (targets of
        1e9 fitted to :math:`R^2` 0.74 by saturated tanh units, silent), review 23, F5
        (a sine of height 1e3 fitted to :math:`R^2` 0.087 under Adam, 0.998 with
        ``T`` scaled, silent: no unit was saturated) and review 24, F7 (a sine of
        height 99 fitted to :math:`R^2` 0.50 under Adam, 0.996 with ``T`` scaled).
        """
        return self._poor_fit_measured(ending) and self._targets_off_scale()

    def _targets_off_scale(self) -> bool:
        """Whether ``T`` is above :data:`LARGE_TARGETS` or not scaled.

        A column whose standard deviation or absolute mean is beyond
        :data:`SCALED_WITHIN` (none where ``T`` is all 0).
        """
        spread_t = _largest_spread(self.T) if self.target_size else 0.0
        mean_t = float(np.abs(self.T.mean(axis=0)).max()) if self.target_size else 0.0
        return self.target_size > LARGE_TARGETS or (
            max(spread_t, mean_t) > SCALED_WITHIN
        )

    def _targets_flag(self, ending: _Ending) -> bool | None:
        """``large_targets`` in the notes on the inputs: True if said, else left."""
        return True if self._targets_off_scale() else None

    def _nothing_words(self, ending: _Ending) -> str:
        """The sentence of rows "small inputs" and "learned nothing".

        ``history.still_falling`` is set with it, to whether the sentence found the
        loss still falling (:meth:`_learned_nothing`).
        """
        said = self._learned_nothing(ending.losses, self._on_small_inputs(ending))
        ending.history.still_falling = self.still_falling
        return said

    def _callback_undid_fit(self, ending: _Ending) -> bool:
        """Whether the learned-nothing sentence named the callback as the cause."""
        return self._callback_did_it(ending.losses)

    def _cause_named_callback(self, ending: _Ending) -> bool:
        """Whether :meth:`cause` named the callback in the ended-high sentence.

        It does where the callback grew the weights before the last epoch.
        """
        return bool(self.callback_growth)

    def _classifies(self, history: History) -> bool:
        """Whether the run classifies clearly more right than the largest class's share.

        Its last training accuracy is above that share by more than
        :data:`CLASSIFIES_BEYOND` binomial standard errors of it over the samples
        (False without labels or accuracies).
        """
        share = self.largest_class
        if not history.train_accuracy or math.isnan(share):
            return False
        n = len(self.T)
        error = math.sqrt(share * (1.0 - share) / n)
        return history.train_accuracy[-1] > share + CLASSIFIES_BEYOND * error

    def _classifies_words(self, ending: _Ending) -> str:
        """The sentence of rows "small inputs, classifies" and "classifies".

        What was measured: the loss against the constant's, the accuracy against
        the largest class's share, and what that means (above the line: its wrong
        outputs are too confident; at it: its outputs hardly differ from the class
        frequencies); then the measured causes: inputs far too small
        (:data:`SMALL_INPUTS`) or not scaled (:meth:`_x_scaled`, with the loss before
        training), a penalty that pulled the weights down (review 24, F1, F2).
        """
        history, small = ending.history, self._on_small_inputs(ending)
        losses = history.train_loss
        end, constant = losses[-1], self.constant_loss
        above = end > constant
        shown = _apart(end, constant) if above else (f"{end:.4g}", f"{constant:.4g}")
        how = (
            "its wrong outputs are too confident"
            if above
            else f"its outputs hardly differ from {self._what()}"
        )
        said = (
            f" The training loss ended at {shown[0]}, {self._relation(end)} "
            f"{shown[1]}, the loss of {self._what()}, although the network classifies "
            f"{history.train_accuracy[-1]:.0%} of the training samples right (the "
            f"largest class: {self.largest_class:.0%}): {how}."
        )
        return f"{said}{self._scale_causes(small)}"

    def _scale_causes(self, small: bool) -> str:
        """The causes measured in the inputs' scale and the penalty, in that order.

        Inputs far too small (``small``), or not scaled (:meth:`_x_scaled`: the loss
        before training is named, as the initial weights on them give it), with the
        remedy, scale ``X`` first; then a penalty that pulled the weights down
        (:meth:`_penalty_words`). "" if none was measured.
        """
        parts = []
        if small:
            parts.append(self._small_words())
        elif not self._x_scaled():
            parts.append(
                f" {self._x_scale_words()}, and the loss before training was "
                f"{self.lines.start:.4g}. {SCALE_ADVICE.format(name='X')[0].upper()}"
                f"{SCALE_ADVICE.format(name='X')[1:]}, and choose eta afresh for it."
            )
        penalty = self._penalty_words()
        if penalty:
            parts.append(f" {penalty}.")
        return "".join(parts)

    def _x_scale_words(self) -> str:
        """The scale of ``X`` as the initial weights see it, in words."""
        faults = " and ".join(self._x_scale_faults())
        return (
            f"X is not scaled: the largest |value| in X is {self.input_size:.4g} and "
            f"{faults} (a column's spread: its standard deviation and its "
            f"interquartile range over {NORMAL_IQR:g}, the smaller where they are "
            "large, the larger where small; 1 for standardized data), while the "
            "initial weights are made for inputs of about 1"
        )

    def _small_words(self) -> str:
        """The sentence for inputs below :data:`SMALL_INPUTS`, with its remedy."""
        return (
            f" The inputs are probably too small: the largest |value| in X "
            f"is {self.input_size:.3g}, so the first layer's weighted sums hardly "
            f"differ from sample to sample, and its gradient shrinks with the "
            f"inputs, while the initial weights are made for inputs of about 1; "
            f"{SCALE_ADVICE.format(name='X')}."
        )

    def _poor_fit(self, end: float) -> bool:
        """Whether a training loss ``end`` is a poor fit: one below the constant's.

        It took away less than :data:`GOOD_FIT` of the best constant output's loss
        (False where that loss is not measured).
        """
        return end > (1.0 - GOOD_FIT) * self.constant_loss

    def _offset_column(self) -> int | None:
        """:func:`offset_column` of ``X``."""
        assert self.X is not None  # asked with X only
        return offset_column(self.X)

    def _unstable(self, losses: list[float]) -> bool:
        """Whether a run ended far above its lowest loss, well below the constant's.

        Its lowest training loss (the start included: a network that fitted already)
        was below :data:`UNSTABLE_BELOW` times the best constant output's loss, and
        the run ended no lower than that loss, or, its lowest a good fit (below
        :math:`1 -` :data:`GOOD_FIT` times that loss), above it by more than
        :data:`UNSTABLE_ROSE` of the gap between the two (review 22, F2: unscaled
        digits fell to 0.113 and ended at 2.209, below the constant's 2.302, and
        nothing was said): it had learned from ``X``, and lost it. Not when a
        callback undid the fit (:meth:`_callback_did_it` names it), nor where the
        learned-nothing sentence measures a cause in the data's scale that comes
        first (inputs far from 0, targets that vary too little: a run on targets of
        1e-6 under Adam passes below the line and away, and scaling ``T`` is the
        cure).
        """
        lowest, end, constant = min(losses), losses[-1], self.constant_loss
        if not lowest < UNSTABLE_BELOW * constant:  # False for NaN (no X)
            return False
        if self._callback_did_it(losses) or self._offset_column() is not None:
            return False
        if self.target_variance < SMALL_INPUTS**2:  # False for NaN
            return False
        # no lower than the line, or far above a good fit's lowest: not minibatch
        # noise (a noisy run on few rows that never fitted well is not unstable)
        return end > (1.0 - LEARNED_NOTHING) * constant or (
            lowest < (1.0 - GOOD_FIT) * constant
            and end - lowest > UNSTABLE_ROSE * (constant - lowest)
        )

    def _x_scaled(self) -> bool:
        """Whether ``X`` is scaled already (no advice to scale it).

        Every column's spread and absolute centre (``_robust_spreads``: the
        standard deviation and the interquartile range, the median and the mean,
        off scale only where both agree) are within
        :data:`SCALED_WITHIN`, and not every spread is below its inverse (tiny
        inputs), as tuning judges them (review 25: one row of 1e4 among two moons
        was told to scale X, which made its fit of accuracy 0.98 worse, 0.72; F6:
        inputs of spread 0.01 to 0.1 fitted near chance, silent, where standardized
        they reach 0.99).
        """
        return not self._x_scale_faults()

    def _x_scale_faults(self) -> list[str]:
        """What is not scaled in ``X``, in words (``[]``: it is scaled)."""
        assert self.X is not None  # the sentences that ask are said with X only
        smaller, larger, centre = _robust_spreads(self.X)
        faults = []
        if np.any(smaller > SCALED_WITHIN):
            faults.append(f"its columns' spreads reach {smaller.max():.3g}")
        if np.all(larger < 1.0 / SCALED_WITHIN):
            faults.append(f"its columns' spreads are at most {larger.max():.3g}")
        if np.any(centre > SCALED_WITHIN):
            faults.append(
                f"their medians and means are both {centre.max():.3g} or more from 0"
            )
        return faults

    def _what(self) -> str:
        """The best constant output, in words."""
        if self.loss.targets == "numbers":
            return "the targets' mean"
        return "the class frequencies"

    def _unstable_words(self, ending: _Ending) -> str:
        """The sentence of row "unstable" (:meth:`_unstable`), with its remedy.

        The lowest loss and its epoch, the last, the constant's line (and, for a run
        that ended below it, the share of its gain over it lost); then scaling
        ``X`` (unless its columns are scaled already, :data:`SCALED_WITHIN`) and a
        smaller learning rate, and the weights the run keeps: with ``patience``, the
        lowest validation loss's (said after this sentence), else the last epoch's,
        where validation data and ``patience`` would keep the best.
        """
        losses, eta = ending.losses, ending.eta
        end, constant = losses[-1], self.constant_loss
        k = int(np.argmin(losses))
        when = "before training" if k == 0 else f"after epoch {k}"
        where, shown, lost = self._relation(end), _apart(end, constant), "it"
        if where == "below":  # it kept part of what it learned: say how much
            share = (end - losses[k]) / (constant - losses[k])
            lost = f"{share:.0%} of what it had gained over that line"
        elif where == "above":  # "lost it" only where it no longer classifies
            lost = self._still_classifies() or lost
        penalty = self._penalty_words()
        scaled = self._x_scaled()
        rate = f"a smaller learning rate than eta = {eta:g}"
        remedy = (
            f"Try {rate}"
            if scaled
            else f"{SCALE_ADVICE.format(name='X')[0].upper()}"
            f"{SCALE_ADVICE.format(name='X')[1:]}, and try {rate}"
        )
        kept = (
            ""
            if not self.keeps_last
            else " (the network keeps the last epoch's weights; with validation "
            "data and patience, train keeps those of the best epoch)"
        )
        said = (
            f" The training loss ended at {shown[0]}, {where} {shown[1]}, the "
            f"loss of the best output that is the same for every input "
            f"({self._what()}), but it was {losses[k]:.4g} {when}, well below that "
            f"line: "
            + (
                lost[2:]
                if lost.startswith(":")
                else f"the network learned from X and then lost {lost}"
            )
        )
        if penalty:  # measured: the penalty, not the steps, took it away
            return f"{said}. {penalty}{kept}."
        return (
            f"{said}, so the run is unstable (its steps too large for this data). "
            f"{remedy}{kept}."
        )

    def _still_classifies(self) -> str:
        """For an unstable run above the line that still classifies, what was measured.

        ":" and the words (the loss rose back above the constant's line though the
        network still classifies that share right: its wrong outputs became too
        confident), where the network on ``X`` (the last epoch's weights) classifies
        above the largest class's share by more than :data:`CLASSIFIES_BEYOND`
        binomial standard errors, as :meth:`_classifies` judges a run; else "".
        Review 25, F5: "learned from X and then lost it" was said of a run that
        still classified 82.5 % right.
        """
        share = self.largest_class
        if self.X is None or math.isnan(share) or not self.keeps_last:
            return ""
        n = len(self.T)
        right = _accuracy(self.network.run_forward(self.X).output, self.T)
        if not right > share + CLASSIFIES_BEYOND * math.sqrt(share * (1 - share) / n):
            return ""
        return (
            f": the loss rose back above it though the network still classifies "
            f"{right:.1%} of the training samples right (the largest class: "
            f"{share:.0%}); its wrong outputs became too confident"
        )

    def _relation(self, end: float) -> str:
        """``end`` against the best constant output's loss, in words.

        "above", "not a millionth below" (:data:`LEARNED_NOTHING`: not measurably
        below) or "below".
        """
        constant = self.constant_loss
        if end > constant:
            return "above"
        return (
            "not a millionth below"
            if end > (1.0 - LEARNED_NOTHING) * constant
            else ("below")
        )

    def _scale_note(self, ending: _Ending) -> str:
        """The note of the rows on a poor fit below the constant, on data off scale.

        Said only for a poor fit (:meth:`_poor_fit`, below :data:`GOOD_FIT`), as a
        note of measured facts with a conditional remedy, never a verdict: the
        monitor cannot know the best loss the data allow (review 23, F1: a noisy
        regression at its noise ceiling, :math:`R^2` 0.33, was told it was held back
        by its targets of 1e3, and scaling ``T`` did not help; F2: overlapping
        classes on inputs of 300, as well fitted as the data allow). The trigger is
        the data's scale as the initial weights see it (review 24, F7: a sine of
        height 99 fitted to :math:`R^2` 0.50 under Adam, 0.996 with ``T`` scaled,
        two moons times 300 on ReLUs to an accuracy of 0.893, 1.0 scaled, and tanh on
        the unscaled digits to 0.49, 1.0 scaled, were silent below the old lines of
        :data:`LARGE_TARGETS` and :data:`LARGE_INPUTS`), for any activation:

        - targets (under a squared error, with hidden layers) with a column whose
          standard deviation or absolute mean is beyond :data:`SCALED_WITHIN`, or
          above :data:`LARGE_TARGETS`: their largest ``|value|`` and spread, the
          hidden layers whose units pass no gradient if any (:meth:`_dead_units`),
          an adaptive optimizer's steps of about ``eta`` each, and "if the fit is
          poorer than the data allow, scale T first"; ``large_targets`` is set
          (review 23, F5);
        - inputs not scaled (:meth:`_x_scaled`): their largest ``|value|`` and
          spread, the saturated share of bounded hidden units where above
          :data:`SATURATED_MOST`, and "scale X first, and choose eta afresh for it"
          (a rate that suits inputs of 300 is far too small for scaled ones);
          ``large_inputs`` is set;
        - inputs above 0 and below :data:`SMALL_INPUTS`: their largest ``|value|``
          and the same remedy; ``small_inputs`` is set (review 24, F2: inputs of
          2e-3 moved the loss from 0.693 to 0.6924 in 1000 epochs, silent; scaled,
          the same run fits).

        The inputs' remedy comes first where both apply. The flags are set by the
        rows (:data:`CLOSING_VERDICTS`); none is a warning
        (:func:`~ffnn_edu.nn.classifier.convergence_trouble`).
        """
        assert self.X is not None  # the rows that say it ask for X
        spread_t = _largest_spread(self.T) if self.target_size else 0.0
        large_targets = self._targets_off_scale()
        small = 0.0 < self.input_size < SMALL_INPUTS
        unscaled = not small and not self._x_scaled()  # the tiny ones said alone
        passed = self.network.run_forward(self.X)
        end, constant = ending.losses[-1], self.constant_loss
        shown, gained = _apart(end, constant), 1.0 - end / constant
        said = (
            f" Note: the training loss ended at {shown[0]}, {self._relation(end)} "
            f"{shown[1]}, the loss of {self._what()}, taking away "
            f"{f'{gained:.0%}' if gained >= 0.01 else f'{100.0 * gained:.2g}%'} of "
            f"that loss (less than GOOD_FIT = {GOOD_FIT:.0%})."
        )
        facts, remedies = [], []
        if unscaled or small:
            share = unchecked(saturated_share)(self.network, self.X, passed) or 0.0
            units = (
                f", and {share:.0%} of the hidden outputs lie within "
                f"{SATURATED_WITHIN:g} of their limits, where hardly any gradient "
                f"passes"
                if share > SATURATED_MOST
                else ""
            )
            facts.append(
                f"{self._x_scale_words()}{units}."
                if unscaled
                else f"The largest |value| in X is {self.input_size:.3g}, while the "
                f"initial weights are made for inputs of about 1."
            )
            remedies.append(
                f"{SCALE_ADVICE.format(name='X')}, and choose eta afresh for it"
            )
        if large_targets:
            dead = self._dead_units(passed)
            units = f"; {self._units_words(dead)}" if dead else ""
            steps = (
                f"; {self.adaptive}'s steps are about eta each whatever the gradient"
                if self.adaptive
                else ""
            )
            facts.append(
                f"The largest |value| in T is {self.target_size:.3g} and its columns' "
                f"standard deviations reach {spread_t:.3g}, while the initial weights "
                f"give outputs of about 1{units}{steps}."
            )
            remedies.append(
                f"{'then T' if remedies else 'scale T first'}, and the predictions "
                f"back, e.g. with a Standardizer fitted on T "
                f"(ffnn_edu.nn.preprocessing) or scikit-learn's "
                f"TransformedTargetRegressor"
            )
        ceiling = "" if self.loss.targets == "numbers" else "overlapping classes or "
        return (
            f"{said} {' '.join(facts)} If the fit is poorer than the data allow "
            f"({ceiling}noise may allow no better), {'; '.join(remedies)}."
        )

    def _penalty_words(self) -> str:
        """The penalty, named where it measurably pulled the weights down, or "".

        With a penalty rate ``lam`` above 0, the root of the sum of the squared
        weights at the end is below :data:`PENALTY_SHRANK` times that of the
        initial weights (review 23, F3: an L2 penalty of lam = 100 pulled a two
        moons fit to the constant's loss at every learning rate, and the message
        blamed the learning rate; F4: lam = 10 in the classifier).
        """
        lam = self.regularizer.lam
        if not lam > 0 or not self.start_norm > 0:
            return ""
        share = _weight_norm(self.network) / self.start_norm
        if not share < PENALTY_SHRANK:
            return ""
        return (
            f"The penalty rate lam = {lam:g} pulled the weights down to "
            f"{100.0 * share:.2g}% of their initial size (the root of the sum of "
            f"their squares), and the fit with them: try a smaller lam"
        )

    def _callback_did_it(self, losses: list[float]) -> bool:
        """Whether the run was below the constant's line before the callback grew it.

        Measured: the training loss of the callback's epoch (recorded before the
        callback ran) was below the best constant output's loss, and the run ended
        no lower than it, so the weights the callback left are the cause. Never for
        a callback in the last epoch, whose loss is the run's last.
        """
        epoch = self.callback_epoch
        return 0 < epoch < len(losses) - 1 and losses[epoch] < (
            1.0 - LEARNED_NOTHING
        ) * (self.constant_loss)

    def _callback_last(self) -> str:
        """The sentence for a callback that grew the weights in the last epoch."""
        said = (
            f" The {self.callback_words[4:]}, the last: no epoch ran after it, so the "
            f"training losses above are from before it ran"
        )
        if not self.keeps_last:  # early stopping gives back an earlier epoch's
            return f"{said}."
        assert self.X is not None  # the callback's growth is measured in train only
        passed = self.network.run_forward(self.X)
        now = self.network.output_loss(passed, self.T, self.loss)
        return (
            f"{said}; training ended on the weights it left, whose training loss is "
            f"{now:.4g}."
        )

    def _learned_nothing(self, losses: list[float], small: bool) -> str:
        """The sentence for a run that ended no lower than the best constant output.

        With the likely cause where it can be measured, the first of: a penalty that
        pulled the weights below :data:`PENALTY_SHRANK` of their initial size
        (:meth:`_penalty_words`; review 23, F4: lam = 10 was told its loss was still
        falling, and 1500 epochs learned nothing); inputs far too small
        (``small``); inputs far from 0 (a column whose mean is more than
        :data:`OFFSET_INPUTS` times its standard deviation away from 0); targets
        that vary too little under a squared error (a standard deviation below
        :data:`SMALL_INPUTS`: the loss is many times their variance); inputs larger
        than :data:`LARGE_INPUTS` and then targets larger than :data:`LARGE_TARGETS`
        under a squared error, both when both are (review 21, F2: unscaled diabetes
        data, where scaling ``X`` is the cure and scaling ``T`` alone is not), the
        targets in the words of the optimizer (an adaptive one's steps are about
        ``eta`` each, gradient descent's grow with the error); hidden units that pass
        no gradient (:meth:`_dead_units`: one forward pass finds the hidden layers at
        least half of whose units sit at a limit of their activation for every sample
        but :data:`DEAD_SAMPLES` of them, saturated sigmoid or tanh units, dead
        ReLUs, whether or not the output biases moved the loss); a loss still falling
        at the end but not below the line yet (too few epochs,
        ``history.still_falling``, :meth:`_still_falling`), never for a run whose
        loss had been below the line already (review 24, F9: random labels, lowest
        0.69231 against a line of 0.6924, were told "more epochs ... may take it
        there"; such a run is told where its lowest was); a loss that did not move
        (no gradient: saturated units or a learning rate far too small; no units are
        named in a network without hidden layers). A callback that grew the weights in
        an epoch whose loss was below the line is named instead of all of them.
        """
        end, constant = losses[-1], self.constant_loss
        what = (
            "the targets' mean"
            if self.loss.targets == "numbers"
            else ("the class frequencies")
        )
        where = "above" if end > constant else "not a millionth below"
        # "above": tell them apart; "not a millionth below" may print alike
        shown = (
            _apart(end, constant)
            if end > constant
            else (f"{end:.4g}", f"{constant:.4g}")
        )
        said = (
            f" The training loss ended at {shown[0]}, {where} {shown[1]}, the loss "
            f"of the best output that is the same for every input ({what}): the "
            f"network learned nothing from X."
        )
        if self._callback_did_it(losses):
            epoch = self.callback_epoch
            return (
                f"{said} The callback probably did it: the loss was "
                f"{losses[epoch]:.4g} after epoch {epoch}, below that line, when "
                f"{self.callback_words}, and training went on from the weights it "
                f"left."
            )
        penalty = self._penalty_words()
        if small:  # and the penalty after them, if it pulled (review 24, F2)
            return f"{said}{self._small_words()}{f' {penalty}.' * bool(penalty)}"
        if penalty:  # measured, and named first (review 23, F3, F4)
            return f"{said} {penalty}."
        assert self.X is not None  # constant_loss is NaN without X
        mean, spread = self.X.mean(axis=0), self.X.std(axis=0)
        j = self._offset_column()
        if j is not None:
            return (
                f"{said} The inputs are probably far from 0: column {j} of X has mean "
                f"{mean[j]:.4g} against a standard deviation of {spread[j]:.3g}, so "
                f"the first layer's weighted sums are swamped by that offset (its "
                f"units saturate or die alike for every sample), while the initial "
                f"weights are made for inputs about 0; center and "
                f"{SCALE_ADVICE.format(name='X')}."
            )
        if self.target_variance < SMALL_INPUTS**2:  # False for NaN
            return (
                f"{said} The targets probably vary too little: their variance is "
                f"{self.target_variance:.3g}, and the loss is "
                f"{end / self.target_variance:.3g} times it, while the initial "
                f"weights give outputs of about 1; scale T first, and the predictions "
                f"back, e.g. with a Standardizer fitted on T "
                f"(ffnn_edu.nn.preprocessing) or scikit-learn's "
                f"TransformedTargetRegressor."
            )
        moved = max(losses) - min(losses) > LEARNED_NOTHING * losses[0]
        epochs = counted(len(losses) - 1, "epoch")
        passed = self.network.run_forward(self.X)  # one pass: the sentence is said
        # the inputs first (review 21, F2: unscaled diabetes data, where scaling X
        # is the cure and scaling T alone is not), then the targets
        scales = []
        large = _large_inputs(self.network, self.X, passed)
        if large is not None:
            scales.append(f"The inputs are probably too large: {large}.")
        if self.target_top > LARGE_TARGETS:
            steps = (
                f"and {self.adaptive}'s steps, about eta each whatever the gradient, "
                f"take many epochs to cover that distance"
                if self.adaptive
                else "and the error the output layer passes back grows with them, "
                "and gradient descent's steps (eta times the gradient) with it"
            )
            scales.append(
                f"The targets are probably too large{' as well' * bool(scales)}: the "
                f"largest |value| in T is {self.target_top:.3g}, while the initial "
                f"weights give outputs of about 1, {steps}; scale T first, and the "
                f"predictions back, e.g. with a Standardizer fitted on T "
                f"(ffnn_edu.nn.preprocessing) or scikit-learn's "
                f"TransformedTargetRegressor."
            )
        if scales:
            return f"{said} {' '.join(scales)}"
        dead = self._dead_units(passed)
        if dead:
            return self._dead_words(said, dead, moved, epochs)
        if moved:
            k = int(np.argmin(losses))
            if losses[k] < (1.0 - LEARNED_NOTHING) * constant:
                # below the line once: it is not on its way there (review 24, F9)
                shown = _apart(losses[k], constant)
                return (
                    f"{said} Its loss was {shown[0]} after epoch {k}, below that line "
                    f"({shown[1]}), and ended above it again."
                )
            if self._still_falling(losses):
                self.still_falling = True
                return (
                    f"{said} Its loss fell from {losses[0]:.4g} but not below that "
                    f"line yet: more epochs, or another learning rate, may take it "
                    f"there."
                )
            return said
        if self.network.n_layers == 1:  # no hidden units to saturate or die
            low, high = self.network.activations[-1].output_range
            saturated = (
                "output units saturated for every sample, or "
                if math.isfinite(low) or math.isfinite(high)
                else ""
            )
            return (
                f"{said} The loss did not move in {epochs}: the updates did not "
                f"change it ({saturated}a learning rate far too small)."
            )
        return (
            f"{said} The loss did not move in {epochs}: no gradient reached the "
            f"weights (units saturated for every sample, or a learning rate far too "
            f"small)."
        )

    def _still_falling(self, losses: list[float]) -> bool:
        """Whether the loss was still falling at the end of the run.

        The mean training loss of the last tenth of the epochs (at least one) is
        below that of the tenth before by more than :data:`STILL_FALLING` of what
        the loss had fallen from its start to that earlier tenth: the run was still
        making progress when it ended (a steady fall makes a tenth of it in each
        tenth). A loss that fell early and then lay flat is not still falling,
        however far it fell (review 20, F1: 590 flat epochs, whose minibatch noise
        of about 3e-4 was as large as their gap of 4e-4 to the constant's loss, so
        that gap is no scale for the fall; the fall from the start, 0.23, is). A
        run of fewer than 10 epochs has no tenths to compare: it was cut short, and
        counts as still falling if its loss ended below its start.
        """
        if len(losses) - 1 < 10:  # no tenths to compare: a short run, cut short
            return losses[-1] < losses[0]
        k = (len(losses) - 1) // 10
        last = float(np.mean(losses[-k:]))
        before = float(np.mean(losses[-2 * k : -k]))
        fallen = max(losses[0] - before, 0.0)
        return last < before and before - last > STILL_FALLING * fallen

    def _dead_units(self, passed: Any) -> list[tuple[int, int, int, int]]:
        """The hidden layers most of whose units pass no gradient for every sample.

        In ``passed``, one forward pass on ``X``: a unit passes no gradient for a
        sample when its output sits at a limit of its activation, where the slope is
        about 0: for a bounded one (sigmoid, tanh) within :data:`SATURATED_WITHIN` of
        either limit (saturated), for one with a lower limit only (the ReLU, 0) at
        most :data:`DEAD_WITHIN` times the layer's scale above it (dead: outputs of
        1e-25 pass nothing either). A unit counts when that holds for every sample but
        at most :data:`DEAD_SAMPLES` of them; a layer is named when at least half its
        units count. Each entry: (layer, such units, units, the most samples one of
        them passed something for).
        """
        found = []
        for l, A in enumerate(passed.outputs[:-1], start=1):
            low, high = self.network.activations[l - 1].output_range
            if math.isfinite(low) and math.isfinite(high):
                stuck = _at_a_limit(A, low, high)
            elif math.isfinite(low):
                scale = max(float(np.abs(A).max(initial=0.0)), 1.0)
                stuck = A - low <= DEAD_WITHIN * scale
            else:  # no limit to sit at (linear): always passes
                continue
            alive = np.count_nonzero(~stuck, axis=0)  # samples each unit passes
            dead = alive <= DEAD_SAMPLES * len(A)
            if 2 * np.count_nonzero(dead) >= A.shape[1]:
                top = int(alive[dead].max())
                found.append((l, int(np.count_nonzero(dead)), A.shape[1], top))
        return found

    def _units_words(self, dead: list[tuple[int, int, int, int]]) -> str:
        """What :meth:`_dead_units` found, in the words of each layer's activation.

        A bounded activation's units are *saturated* (their outputs at a limit, where
        the slope is about 0), a ReLU's *dead* (output 0, where its slope is 0): a
        sigmoid network's units are never called dead ReLUs (review 21, F3).
        """
        parts, kinds = [], {}
        for l, n, m, top in dead:
            f = self.network.activations[l - 1]
            low, high = f.output_range
            some = f"all {m} units" if n == m else f"{n} of its {m} units"
            but = "" if top == 0 else f" but at most {top}"
            if math.isfinite(high):
                at = f"within {SATURATED_WITHIN:g} of {low:g} or {high:g}"
                kinds[f.name] = (
                    f"saturated {f.name} units: the {f.name}'s slope there is about "
                    f"0, so hardly any gradient reaches their weights"
                )
            else:
                at = f"{low:g}"
                kinds[f.name] = (
                    "dead ReLUs: their weighted sums are below 0 for those inputs, "
                    "where a ReLU's slope is 0, so no gradient reaches their weights"
                )
            parts.append(
                f"in hidden layer {l} {some} output {at} for every sample{but}"
            )
        return f"{'; '.join(parts)} ({'; '.join(kinds.values())})"

    def _dead_words(
        self, said: str, dead: list[tuple[int, int, int, int]], moved: bool, epochs: str
    ) -> str:
        """The learned-nothing sentence naming what :meth:`_dead_units` found.

        Dead ReLUs are told to start from other weights; saturated units (a bounded
        activation) to scale ``X`` and start from smaller weights, as inputs or
        weights too large saturate them. Unscaled inputs (not :meth:`_x_scaled`) are
        named first for dead ReLUs too (review 24, F4: unscaled digits, entries 0 to
        16, killed every ReLU of a (64, 20, 10) network at eta = 0.5 for seeds 0 to
        3, accuracy 0.10; standardized, the same run reaches 1.0).
        """
        saturated = any(
            math.isfinite(self.network.activations[l - 1].output_range[1])
            for l, *_ in dead
        )
        dies = any(
            not math.isfinite(self.network.activations[l - 1].output_range[1])
            for l, *_ in dead
        )
        how = (
            "the loss fell only as far as the output layer's biases could take it"
            if moved
            else f"the loss did not move in {epochs}"
        )
        state = " or ".join(["dead"] * dies + ["saturated"] * saturated)
        remedy = (
            f"{'' if self._x_scaled() else 'scale X first, or '}start from other "
            "weights (another seed, biases not so negative, a smaller learning rate) "
            "or another activation"
            if not saturated
            else "start from smaller weights and biases (another seed), "
            f"{'' if self._x_scaled() else 'scale X, '}or try a smaller learning rate"
        )
        return (
            f"{said} The hidden units are probably {state}: "
            f"{self._units_words(dead)}, and {how}; {remedy}."
        )

    def _high_words(self, ending: _Ending) -> str:
        """The sentence of row "ended high", with :meth:`cause`.

        With ``ordered`` (minibatches without shuffling) the order of the samples
        comes first (:func:`_order_first`).
        """
        start, end = self.lines.start, ending.losses[-1]
        cause = _order_first(self.cause(ending.eta), ending.ordered)
        shown = _apart(end, self.lines.knows_nothing)  # above it: tell them apart
        return (
            f" The training loss ended at {shown[0]}, more than {ENDED_HIGH:g} "
            f"times its start {start:.4g} and above the loss of a network that "
            f"knows nothing, {shown[1]}. {cause}"
        )

    @checked(eta=positive, when=instance_of(str))
    def cause(self, eta: float, *, when: str = "") -> str:
        r"""The sentence that names the settings that probably made the run blow up.

        ``eta`` is the learning rate of the epoch where the blow-up began; ``when``
        says which epoch that was, where a schedule's rate changed since
        (:meth:`stop`), and follows the rate in the sentence.

        The learning rate, and the momentum ``mu`` (its steps add up to
        :math:`1/(1 - \mu)` times a plain step) and the penalty rate ``lam`` when they
        are set. Dropout too when it is set: inverted dropout multiplies the hidden
        outputs it keeps by :math:`1/(1 - p)`, and the gradients with them, so a high
        rate (from :data:`HIGH_DROPOUT`, a scale of at least 2) comes first. Inputs
        larger than :data:`LARGE_INPUTS` come before all of them: inputs near
        :math:`10^{305}` blew up every run in its first epoch, and the message blamed
        the learning rate, which would have had to be near :math:`10^{-305}`. So do
        targets larger than :data:`LARGE_TARGETS` under a squared error, in a network
        with a hidden layer (after the inputs, if both are large; without a hidden
        layer the targets cannot make a run blow up): a regression on targets near
        :math:`10^9` blew up at the rate that fits targets of about 1, and the message
        blamed that rate alone, where scaling the targets was the cure. The data's
        scale is said as measured facts, with its remedies in the order to try them,
        and the rates as what to change if the run still blows up, not as a guess
        beside them (review 24, F10: a sine of height 200 at eta = 10 was told "The
        targets are probably too large ... scale T first", and with ``T`` scaled
        eta = 10 and 3 still blew up).

        Examples
        --------
        >>> from ffnn_edu.nn.datasets import xor
        >>> X, t = xor()
        >>> net = FeedForwardNetwork((2, 2, 1), seed=1)
        >>> print(DivergenceMonitor(net, get_loss("mse"), t[:, None], 0.25,
        ...                         Regularizer("l2", 0.0), 10.0, 3, 100,
        ...                         dropout=0.999).cause(0.1))
        The dropout rate 0.999 is probably too high: inverted dropout multiplies the
        hidden outputs it keeps by 1/(1 - 0.999) = 1000, and the gradients with them.
        Or the learning rate eta = 0.1 is too large.
        >>> print(DivergenceMonitor(net, get_loss("mse"), t[:, None], 0.25,
        ...                         Regularizer("l2", 0.0), 10.0, 3, 100,
        ...                         X * 1e150).cause(0.1))
        The inputs are large: the largest |value| in X is 1e+150, and the first
        layer's gradient grows with them, while the initial weights are made for inputs
        of about 1. Scale X first, e.g. with a Standardizer (ffnn_edu.nn.preprocessing)
        or scikit-learn's StandardScaler; if the run still blows up, the learning rate
        eta = 0.1 is too large.
        >>> print(DivergenceMonitor(net, get_loss("mse"), t[:, None] * 5e9, 0.25,
        ...                         Regularizer("l2", 0.0), 10.0, 3, 100,
        ...                         X).cause(0.1))
        The targets are large: the largest |value| in T is 5e+09, and the error the
        output layer passes back grows with them, while the initial weights give
        outputs of about 1. Scale T first, and the predictions back, e.g. with a
        Standardizer fitted on T (ffnn_edu.nn.preprocessing) or scikit-learn's
        TransformedTargetRegressor; if the run still blows up, the learning rate
        eta = 0.1 is too large.
        """
        lam, p, mu = self.regularizer.lam, self.dropout, self.mu
        facts, remedies = [], []
        if self.input_size > LARGE_INPUTS:
            facts.append(
                f"The inputs are large: the largest |value| in X is "
                f"{self.input_size:.3g}, and the first layer's gradient grows with "
                f"them, while the initial weights are made for inputs of about 1."
            )
            remedies.append(f"{SCALE_ADVICE.format(name='X')}")
        if self.target_size > LARGE_TARGETS:
            facts.append(
                f"The targets are large{' as well' * bool(facts)}: the largest "
                f"|value| in T is {self.target_size:.3g}, and the error the output "
                f"layer passes back grows with them, while the initial weights give "
                f"outputs of about 1."
            )
            remedies.append(
                f"{'then T' if remedies else 'scale T first'}, and the predictions "
                f"back, e.g. with a Standardizer fitted on T "
                f"(ffnn_edu.nn.preprocessing) or scikit-learn's "
                f"TransformedTargetRegressor"
            )
        # after the data's scale, the rates are the next thing to try, not a guess
        # beside it (review 24, F10: T scaled, eta = 10 still blew up)
        sure = "" if facts else "probably "
        others = [f"the momentum mu = {mu:g}"] * (mu > 0) + [
            f"the penalty rate lam = {lam:g}"
        ] * (lam > 0)
        rates = f"the learning rate eta = {eta:g}{when}" + (
            f" (or {', or '.join(others)})" if others else ""
        )
        scale = f"1/(1 - {p:g}) = {1.0 / (1.0 - p):.4g}"
        if p >= HIGH_DROPOUT:
            cause = (
                f"The dropout rate {p:g} is probably too high: inverted dropout "
                f"multiplies the hidden outputs it keeps by {scale}, and the "
                f"gradients with them. Or {rates} is too large."
            )
        elif p > 0:
            cause = (
                f"{rates[0].upper()}{rates[1:]} is {sure}too large, or the dropout "
                f"rate {p:g} (inverted dropout scales the hidden outputs it keeps by "
                f"{scale})."
            )
        else:
            cause = f"{rates[0].upper()}{rates[1:]} is {sure}too large."
        if self.callback_growth:
            if self.update_growth <= self.lines.factor:  # the jump was the callback's
                return self.callback_growth
            facts.insert(0, self.callback_growth)
        if not remedies:  # no scale to fix: the callback's growth, if any, first
            return f"{facts[0]} Or {cause[0].lower()}{cause[1:]}" if facts else cause
        todo = "; ".join(remedies)
        return (
            f"{' '.join(facts)} {todo[0].upper()}{todo[1:]}; if the run still blows "
            f"up, {cause[0].lower()}{cause[1:]}"
        )


#: The closing judgement of a run that did not diverge
#: (:meth:`DivergenceMonitor.ended_high`): the measured causes of how it ended, in the
#: order they are asked; the first whose condition applies is said, and no other.
#: Each row has a name, its condition (a method of the monitor that measures, whose
#: docstring gives the rule and the review that asked for it), the ``History`` flags it
#: sets (to True, to False, or to what it measures), its sentence, and whether that
#: sentence may name the callback as the cause. In order: "small inputs, classifies",
#: "small inputs", "unstable", "classifies", "learned nothing", "ended high", and three
#: notes on a poor fit, "unscaled inputs", "small inputs, poor fit" and "large
#: targets".
#:
#: :meta hide-value:
CLOSING_VERDICTS: tuple[_Verdict, ...] = (
    # inputs far too small (issue 16 C) in a run that still classifies (review 24,
    # F1): never "learned nothing"; first, before a loss that ended high, as scaling
    # X is the cure
    _Verdict(
        "small inputs, classifies",
        DivergenceMonitor._small_but_classifies,
        (("classifies", True), ("small_inputs", True)),
        DivergenceMonitor._classifies_words,
    ),
    # inputs far too small (issue 16 C): a run on them sits still
    _Verdict(
        "small inputs",
        DivergenceMonitor._on_small_inputs,
        (("learned_nothing", True), ("small_inputs", True)),
        DivergenceMonitor._nothing_words,
        DivergenceMonitor._callback_undid_fit,
    ),
    # learned from X and lost it (review 21, F1; review 22, F2), before
    # "classifies" and "learned nothing", which apply to it too; a penalty that
    # pulled the weights down is named in its sentence (review 23, F3)
    _Verdict(
        "unstable",
        DivergenceMonitor._lost_what_it_learned,
        (("unstable", True),),
        DivergenceMonitor._unstable_words,
    ),
    # ended no lower than the best constant output, but classifies clearly more
    # than the largest class's share (review 24, F1)
    _Verdict(
        "classifies",
        DivergenceMonitor._at_constant_but_classifies,
        (("classifies", True), ("small_inputs", False)),
        DivergenceMonitor._classifies_words,
    ),
    # ended no lower than the best constant output (issue 16, review 17), with the
    # likely cause where it is measured (review 21, F2, F3; review 23, F4; review 24)
    _Verdict(
        "learned nothing",
        DivergenceMonitor._learned_nothing_from_x,
        (("learned_nothing", True), ("small_inputs", False)),
        DivergenceMonitor._nothing_words,
        DivergenceMonitor._callback_undid_fit,
    ),
    # ended far above its start and the know-nothing loss (issue 16), naming the
    # settings that probably did it (cause; the order of the samples first, review
    # 24, F8)
    _Verdict(
        "ended high",
        DivergenceMonitor._ended_far_above,
        (("ended_high", True),),
        DivergenceMonitor._high_words,
        DivergenceMonitor._cause_named_callback,
    ),
    # notes, not verdicts, on a poor fit below the constant's loss (review 22, F1;
    # review 23, F1, F2) on data off scale, for any activation (review 24, F2, F7):
    # the inputs (not scaled, or far too small) before the targets, one note that
    # names both where both are off scale
    _Verdict(
        "unscaled inputs",
        DivergenceMonitor._poor_fit_on_unscaled_inputs,
        (
            ("large_inputs", True),
            ("small_inputs", False),
            ("large_targets", DivergenceMonitor._targets_flag),
        ),
        DivergenceMonitor._scale_note,
    ),
    _Verdict(
        "small inputs, poor fit",
        DivergenceMonitor._poor_fit_on_small_inputs,
        (
            ("large_inputs", False),
            ("small_inputs", True),
            ("large_targets", DivergenceMonitor._targets_flag),
        ),
        DivergenceMonitor._scale_note,
    ),
    _Verdict(
        "large targets",
        DivergenceMonitor._poor_fit_on_large_targets,
        (("large_targets", True),),
        DivergenceMonitor._scale_note,
    ),
)


def _patience_set(arguments: dict[str, Any]) -> None:
    """Relation: an early stopping without ``patience`` never stops a run."""
    if arguments["self"].patience is None:
        raise ValueError(
            "stop needs an EarlyStopping with patience (a whole number of epochs), "
            "but its patience is None: it never stops a run"
        )


class EarlyStopping:
    """Stop when the validation loss has not improved for ``patience`` epochs.

    Like scikit-learn's count of epochs without improvement: an epoch whose validation
    loss is below the best so far becomes the best (its weights are kept); ``patience``
    epochs after the best one without a new best, training stops and the network gets
    the best weights back (:meth:`stop`); if the epochs run out first, it gets them back
    all the same (:meth:`finish`). With ``patience`` None it never stops.

    Examples
    --------
    >>> net = FeedForwardNetwork((1, 1))
    >>> stopping = EarlyStopping(2, net, History(val_loss=[1.0]))
    >>> [stopping.stops(e, History(val_loss=[v]), net)
    ...  for e, v in enumerate([0.5, 0.7, 0.6], 1)]
    [False, False, True]
    >>> stopping.best_epoch
    1
    """

    @checked(
        patience=optional_count,
        network=instance_of(FeedForwardNetwork),
        history=_history,
    )
    def __init__(
        self, patience: int | None, network: FeedForwardNetwork, history: History
    ) -> None:
        self.patience = patience
        self.best_loss = history.val_loss[0] if history.val_loss else float("inf")
        self.best_epoch = 0
        self.best_weights = network.copy() if patience is not None else None

    @checked(
        _same_network_as("best_weights"),
        _history_with(
            "val_loss", "its last entry is the epoch's validation loss", patience=True
        ),
        epoch=epoch_number,
        history=_history,
        network=instance_of(FeedForwardNetwork),
    )
    def stops(self, epoch: int, history: History, network: FeedForwardNetwork) -> bool:
        """Whether to stop after ``epoch`` (whose validation loss ends ``history``)."""
        if self.patience is None:
            return False
        if history.val_loss[-1] < self.best_loss:
            self.best_loss, self.best_epoch = history.val_loss[-1], epoch
            self.best_weights = network.copy()
            return False
        return epoch - self.best_epoch >= self.patience

    @checked(
        _same_network_as("best_weights"),
        _history_with(
            "val_loss", "its last entry is the last validation loss", patience=True
        ),
        history=_history,
        network=instance_of(FeedForwardNetwork),
    )
    def finish(self, history: History, network: FeedForwardNetwork) -> History:
        """All epochs ran: with ``patience``, restore the best weights and say so.

        Without ``patience`` the history is handed back as it is.
        """
        if self.best_weights is None:
            return history
        _restore(network, self.best_weights)
        history.best_epoch = self.best_epoch
        history.message += (
            f" The validation loss was lowest in epoch {self.best_epoch} "
            f"({self.best_loss:.4g}, last {history.val_loss[-1]:.4g}); the network "
            f"has the weights of epoch {self.best_epoch}."
        )
        return history

    @checked(
        _patience_set,
        _same_network_as("best_weights"),
        history=_history,
        network=instance_of(FeedForwardNetwork),
        epoch=epoch_number,
    )
    def stop(
        self, history: History, network: FeedForwardNetwork, epoch: int
    ) -> History:
        """Restore the best weights; say in ``history`` why the run ended."""
        assert self.best_weights is not None and self.patience is not None
        _restore(network, self.best_weights)
        history.stopped_early, history.best_epoch = True, self.best_epoch
        history.message = (
            f"Stopped early after epoch {epoch}: the validation loss has not improved "
            f"for {counted(self.patience, 'epoch')}. The network has the weights of "
            f"epoch {self.best_epoch} (validation loss {self.best_loss:.4g})."
        )
        return history


def _same_architecture(arguments: dict[str, Any]) -> None:
    """Relation: ``saved`` has the parameters' shapes of ``network``."""
    network, saved = arguments["network"], arguments["saved"]
    shapes = [[p.shape for p in net.parameters()] for net in (network, saved)]
    if shapes[0] != shapes[1]:
        raise ValueError(
            f"saved must have the layer sizes and biases of network, "
            f"{network.layer_sizes}, but it has {saved.layer_sizes}"
        )


@checked(
    _same_architecture,
    network=instance_of(FeedForwardNetwork),
    saved=instance_of(FeedForwardNetwork),
)
def restore(network: FeedForwardNetwork, saved: FeedForwardNetwork) -> None:
    """Copy the weights and biases of ``saved`` into ``network``, in place.

    Raises
    ------
    TypeError
        If ``network`` or ``saved`` is not a FeedForwardNetwork.
    ValueError
        If ``saved`` has other layer sizes (or biases) than ``network``.
    """
    for p, q in zip(network.parameters(), saved.parameters()):
        np.copyto(p, q)


# the training loop's kernels: its networks are checked once, at train's door
_restore = unchecked(restore)
_largest_parameter = unchecked(largest_parameter)
_largest_loss = unchecked(largest_loss)
