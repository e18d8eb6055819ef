"""Chapter 16, Handwritten digits: four checks to run before a long training run.

A network that trains badly rarely says why. Four cheap checks catch most bugs and bad
settings before the long run starts; they are the routine of the CS231n course notes on
"babysitting the learning process" (Karpathy):

1. :func:`starting_loss`: the untrained network's loss against the loss of a network
   that knows nothing (:func:`~ffnn_edu.nn.training.knows_nothing_loss`; for :math:`K`
   balanced classes and a softmax output that is :math:`\\ln K`). A random start should
   be close to it; far above it, the outputs start saturated or the targets do not fit
   the loss.
2. :func:`overfits_a_few`: trained on a handful of samples, the network must reach 100 %
   training accuracy; if it cannot learn 20 samples by heart, something is broken. It
   trains until they are learned or the loss stops falling (:data:`FEW_EPOCHS`), not
   for a fixed number of epochs: a correct network that merely needed more epochs was
   once told to look for a bug. The
   samples are drawn from every class (:func:`class_order`): the first 20 of data
   sorted by class are one class, which a constant output learns by heart.
3. :func:`update_ratio`: the size of one update of each weight matrix divided by the
   size of the matrix. The course notes' rule of thumb puts it near :math:`10^{-3}`.
   That rule is for long runs of large networks: chapter 16's short run trains best
   with ratios of a few hundredths. Only ratios far outside (an update as large as half
   the weights, or below :math:`10^{-5}`) are reported as wrong.
4. the gradient check of chapter 7 (:func:`~ffnn_edu.nn.gradient_check.gradient_check`)
   on a few samples, by default on a random sample of :data:`GRADIENT_ENTRIES` entries
   of each parameter array, as the same notes advise for large networks.

:func:`diagnose` runs all four and reports in words.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .gradient_check import GradientCheckReport, entries_per_array, gradient_check
from .losses import Loss
from .network import FeedForwardNetwork
from .optimizers import GradientDescent
from .preprocessing import Standardizer
from .regularization import NO_PENALTY, l2_norm
from .training import (
    LARGE_INPUTS,
    MAX_WORK,
    SCALE_ADVICE,
    SCALED_WITHIN,
    SMALL_INPUTS,
    History,
    _epochs,
    _large_inputs,
    data_fit,
    evaluate,
    knows_nothing_loss,
    offset_column,
    train,
)
from .validation import (
    Array,
    check_count,
    checked,
    counted,
    instance_of,
    seed,
    shown,
    unchecked,
)

__all__ = [
    "Diagnosis",
    "starting_loss",
    "overfits_a_few",
    "update_ratio",
    "diagnose",
    "class_order",
    "no_gradient_causes",
    "no_gradient_remedy",
    "UNSCALED_INPUTS",
    "GRADIENT_ENTRIES",
    "FEW_EPOCHS",
    "PLATEAU_START",
    "PLATEAU_EVERY",
    "PLATEAU_FALL",
    "RATE_PROBES",
    "input_scale",
]

#: Update ratios outside this band are reported as a learning rate far off.
RATIO_BAND = (1e-5, 0.5)
#: The rule of thumb's band (around 1e-3), reported in words.
RULE_OF_THUMB = (1e-4, 1e-2)
#: A starting loss above this many times the knows-nothing loss is reported as too high.
START_LIMIT = 1.5
#: How many entries of each parameter array :func:`diagnose`'s gradient check compares.
GRADIENT_ENTRIES = 30
#: Most epochs :func:`overfits_a_few` trains the few samples for (fewer if the run would
#: exceed :data:`~ffnn_edu.nn.training.MAX_WORK`). It stops sooner once they are learned
#: by heart, or once the loss stalls: from :data:`PLATEAU_START` epochs on it looks
#: every :data:`PLATEAU_EVERY` epochs, and the loss has stalled when it fell by less
#: than :data:`PLATEAU_FALL` of itself over the last half of the run. A fixed 300
#: epochs told a correct two-moons network (85 % after 300 epochs, 100 % after 1000)
#: to look for a bug.
FEW_EPOCHS = 3000
#: The first epoch at which :func:`overfits_a_few` may call the loss stalled.
PLATEAU_START = 1000
#: How often (in epochs) :func:`overfits_a_few` looks whether the loss stalled.
PLATEAU_EVERY = 100
#: A loss that fell by less than this share over the last half of the run has stalled.
PLATEAU_FALL = 0.01
#: A few-sample run that stalls is tried again at its learning rate times each of
#: these (a tenth, ten times), and line 2 names the rate as a cause only when one of
#: them did better: learned the samples by heart, or stopped at a loss lower by more
#: than :data:`PLATEAU_FALL`. Measured (review 23, F9): ReLU networks of one or two
#: hidden units, or of 20 with 17 dead from the start, stalled as low or lower at a
#: tenth of the rate, yet line 2 named "a learning rate too large"; 20 units at
#: eta = 10 stalled at 0.265, and a tenth of it learned the 20 samples by heart.
#: Steps that line 3 finds timid still name the rate as too small (measured there: a
#: run at 1e-6 that crawls crawls at ten times it too).
RATE_PROBES = (0.1, 10.0)


def _class_targets(T: Array, who: str) -> None:
    """Refuse targets other than 0 and 1: ``who`` counts correct classifications."""
    other = T[(T != 0.0) & (T != 1.0)]
    if other.size:
        raise ValueError(
            f"T must hold class targets (0 and 1, one-hot for several classes): "
            f"{who} measures how many samples the network classifies correctly, but "
            f"T holds {float(other.flat[0])!r}"
        )


def _data_fit_classes(arguments: dict[str, Any]) -> None:
    """Relation for ``diagnose``: ``data_fit`` of training, and ``T`` holds classes."""
    data_fit(arguments)
    _class_targets(
        arguments["T"],
        "diagnose (its second check, by overfits_a_few; for regression targets "
        "run starting_loss, update_ratio and gradient_check one by one)",
    )


def _diagnose_work(arguments: dict[str, Any]) -> None:
    """Relation for ``diagnose``: all the few-sample runs it may make fit ``MAX_WORK``.

    Up to ``len(RATE_PROBES) + 2`` runs (the run, the run on ``X`` standardized and
    the learning-rate probes), each of :data:`FEW_EPOCHS` epochs on the first
    ``few`` samples, counted together before any of them runs: each run alone within
    :data:`~ffnn_edu.nn.training.MAX_WORK` was no bound on the call (review 25, F9).
    """
    network, few = arguments["network"], arguments["few"]
    samples = min(few, len(arguments["X"]))
    size = sum(p.size for p in network.parameters())
    runs = len(RATE_PROBES) + 2
    work = runs * samples * size * FEW_EPOCHS
    if work <= MAX_WORK:
        return
    most = MAX_WORK // (runs * size * FEW_EPOCHS)
    reduce = (
        f"reduce few to {most} or fewer samples, or the network's size"
        if most
        else "reduce the network's size: even one sample is too many"
    )
    raise ValueError(
        f"diagnose may train network {runs} times on its first few samples (the run, "
        "the run on X standardized and the learning-rate probes of RATE_PROBES): "
        f"this would make {shown(work)} sample-weight-epochs ({runs} runs x few: "
        f"{counted(samples, 'sample')} x network: {size} weights and biases x "
        f"FEW_EPOCHS: {FEW_EPOCHS} epochs), more than MAX_WORK = {MAX_WORK}; {reduce}"
    )


def _classes(T: Array) -> NDArray[np.int64]:
    """Each sample's class: the one-hot row's 1, or the single column's 0 or 1."""
    if T.shape[1] > 1:
        return np.asarray(T.argmax(axis=1), dtype=np.int64)
    return np.asarray(T[:, 0] > 0.5, dtype=np.int64)


@checked(seed=seed)
def class_order(T: Array, seed: int | None = 0) -> NDArray[np.int64]:
    """The samples' indices in a seeded order that takes every class in turn.

    Each class's samples are shuffled (one generator, seeded with ``seed``), then the
    classes are dealt out one sample at a time, while they last: the first :math:`k`
    indices hold every class as soon as :math:`k` reaches the number of classes, as
    evenly as the classes allow, wherever the data put them. ``T`` holds class
    targets (one-hot rows, or one column of 0 and 1).

    Examples
    --------
    >>> order = class_order(np.array([[0.0]] * 6 + [[1.0]] * 2), seed=0)
    >>> np.array([[0.0]] * 6 + [[1.0]] * 2)[order[:4], 0].tolist()
    [0.0, 1.0, 0.0, 1.0]
    """
    T = np.asarray(T, dtype=float)
    classes = _classes(T.reshape(len(T), -1))
    rng = np.random.default_rng(seed)
    rank = np.empty(len(classes), dtype=float)
    for c in np.unique(classes):
        members = rng.permutation(np.flatnonzero(classes == c))
        # the i-th sample of a class is dealt in round i; classes in order within it
        rank[members] = np.arange(len(members)) + c / (classes.max() + 1)
    return np.argsort(rank, kind="stable")


@checked(data_fit, network=instance_of(FeedForwardNetwork))
def starting_loss(
    network: FeedForwardNetwork, X: Array, T: Array, loss: Loss
) -> tuple[float, float]:
    """The loss on ``(X, T)`` of the network and of the same network knowing nothing.

    Examples
    --------
    >>> net = FeedForwardNetwork((2, 3, 1), seed=0)
    >>> start, nothing = starting_loss(net, np.eye(2), [[0.0], [1.0]], "mse")
    >>> nothing
    0.25
    """
    return evaluate(network, loss, X, T)[0], knows_nothing_loss(network, loss, T)


@checked(
    data_fit,
    network=instance_of(FeedForwardNetwork),
    optimizer=instance_of(GradientDescent),
    epochs=_epochs,  # the count asked for, before MAX_WORK caps it
)
def overfits_a_few(
    network: FeedForwardNetwork,
    X: Array,
    T: Array,
    loss: Loss,
    optimizer: GradientDescent,
    epochs: int = FEW_EPOCHS,
) -> float:
    """Training accuracy of a copy of ``network`` trained full batch on ``(X, T)``.

    ``X`` should be a handful of samples (20, say): a network that cannot reach 1.0 on
    them has a bug, far too little capacity or a learning rate far off. Training stops
    as soon as the accuracy reaches 1.0, when the loss stalls (see :data:`FEW_EPOCHS`),
    when the run diverges, or after ``epochs`` epochs (at most as many as
    :data:`~ffnn_edu.nn.training.MAX_WORK` allows). The network itself is not changed.

    Examples
    --------
    >>> from ffnn_edu.nn.datasets import xor
    >>> X, t = xor()
    >>> net = FeedForwardNetwork((2, 4, 1), seed=0)
    >>> overfits_a_few(net, X, t[:, None], "binary_cross_entropy", GradientDescent(5.0))
    1.0
    """
    _class_targets(T, "overfits_a_few")
    return _train_a_few(network, X, T, loss, optimizer, epochs).accuracy


@dataclass
class _FewRun:
    """How :func:`overfits_a_few`'s run ended."""

    accuracy: float
    diverged: bool
    epochs: int
    loss: float
    falling: bool  # the loss was still falling when the epochs ran out


class _Ended(Exception):
    """Raised by :func:`_train_a_few`'s callback to end its run early (and the run)."""

    def __init__(self, history: History) -> None:
        super().__init__()
        self.history = history


def _train_a_few(
    network: FeedForwardNetwork,
    X: Array,
    T: Array,
    loss: Loss,
    optimizer: GradientDescent,
    epochs: int = FEW_EPOCHS,
    stall: bool = True,
) -> _FewRun:
    """:func:`overfits_a_few`'s run (checked data): accuracy, divergence, epochs, loss.

    A run that diverged fails to learn by heart because its learning rate is too
    large, the opposite cause of a run that merely crawls; a run whose loss was still
    falling when its epochs ran out has not failed, it has not finished. ``stall``
    False runs on through a stalled loss, to the samples learned by heart, a
    divergence or the last epoch: the run on ``X`` standardized that
    :func:`diagnose` compares with, so that it is not judged after fewer epochs than
    the run it is compared with (review 25: two moons times 30 stalled at 80 % after
    1000 epochs standardized, and learned by heart after 3000).
    """
    size = sum(p.size for p in network.parameters())
    epochs = max(1, min(epochs, MAX_WORK // (len(X) * size)))

    def stop_early(epoch: int, _: FeedForwardNetwork, history: History) -> None:
        if history.train_accuracy[-1] == 1.0 or (
            stall and _stalled(history.train_loss)
        ):
            raise _Ended(history)

    try:
        history = train(network.copy(), X, T, loss=loss, optimizer=optimizer,
                        epochs=epochs, callback=stop_early)  # fmt: skip
    except _Ended as ended:
        history = ended.history
    losses, accuracy = history.train_loss, float(history.train_accuracy[-1])
    return _FewRun(
        accuracy,
        bool(history.diverged),
        len(losses) - 1,
        float(losses[-1]),
        accuracy < 1.0 and not history.diverged and not _stalled(losses, final=True),
    )


def _stalled(losses: list[float], final: bool = False) -> bool:
    """Whether the loss fell by less than :data:`PLATEAU_FALL` over the last half run.

    ``losses`` start with the loss before training. During the run the question is
    asked every :data:`PLATEAU_EVERY` epochs from :data:`PLATEAU_START` on (False in
    between); ``final`` asks it at the run's end, however short the run.

    Examples
    --------
    >>> _stalled([1.0] + [0.5] * 1000), _stalled([1.0 / (1 + e) for e in range(1001)])
    (True, False)
    >>> _stalled([1.0] + [0.5] * 300), _stalled([1.0] + [0.5] * 300, final=True)
    (False, True)
    """
    epoch = len(losses) - 1
    if not final and (epoch < PLATEAU_START or epoch % PLATEAU_EVERY):
        return False
    then, now = losses[epoch - epoch // 2], losses[-1]
    return not now < (1 - PLATEAU_FALL) * then


@checked(
    data_fit,
    network=instance_of(FeedForwardNetwork),
    optimizer=instance_of(GradientDescent),
)
def update_ratio(
    network: FeedForwardNetwork,
    X: Array,
    T: Array,
    loss: Loss,
    optimizer: GradientDescent,
) -> list[float]:
    r"""For each weight matrix, :math:`\|\Delta W\| / \|W\|` after one step on ``X, T``.

    ``(X, T)`` is one minibatch; the step is the optimizer's first (a fresh copy of
    it, on a copy of the network, which is not changed). Norms are Frobenius norms,
    scaled so that weights or steps of 1e-170 do not square to 0
    (:func:`~ffnn_edu.nn.regularization.l2_norm`). A
    weight matrix that is all 0 has no size to compare its step with: its ratio is
    infinity (it was NaN, and read as near the rule of thumb).

    Examples
    --------
    >>> net = FeedForwardNetwork((2, 3, 1), seed=0)
    >>> X = np.random.default_rng(0).normal(size=(8, 2))
    >>> T = np.random.default_rng(1).integers(0, 2, size=(8, 1)).astype(float)
    >>> ratios = update_ratio(net, X, T, "binary_cross_entropy", GradientDescent(0.1))
    >>> len(ratios), all(0 < r < 1 for r in ratios)
    (2, True)
    """
    stepped = network.copy()
    grads = stepped.run_backprop(X, T, loss)
    optimizer.fresh().update(stepped, grads, 0, NO_PENALTY, len(X))
    return [
        _ratio(_norm(after - before), _norm(before))
        for before, after in zip(network.weights, stepped.weights)
    ]


def _norm(a: Array) -> float:
    """The Frobenius norm; scaled (``l2_norm``, unchecked) where squares would not fit.

    Between 1e-150 and 1e150 ``np.linalg.norm``'s squares are exact enough; outside,
    they underflow or overflow and ``l2_norm`` scales ``a`` by a power of two first.

    Examples
    --------
    >>> _norm(np.array([3.0, 4.0])), _norm(np.array([3e-200, 4e-200]))
    (5.0, 5e-200)
    """
    norm = float(np.linalg.norm(a))
    return norm if 1e-150 < norm < 1e150 else float(unchecked(l2_norm)(a))


def _ratio(step: float, size: float) -> float:
    """``step / size``, or infinity for weights that are all 0 (nothing to compare)."""
    return float("inf") if size == 0 else float(step / size)


#: Inputs larger than this (in size) are named as unscaled when they saturate units:
#: :data:`~ffnn_edu.nn.training.LARGE_INPUTS`, the one line train uses too.
UNSCALED_INPUTS = LARGE_INPUTS


def input_scale(network: FeedForwardNetwork, X: Array) -> tuple[str, str] | None:
    """What is measured wrong with the scale of the inputs ``X``, or None.

    The measures of :func:`~ffnn_edu.nn.training.train`'s closing sentences, first
    that holds: entries above :data:`~ffnn_edu.nn.training.LARGE_INPUTS` ("too
    large", with the share of saturated hidden outputs); a column far from 0
    (:func:`~ffnn_edu.nn.training.offset_column`, "far from 0"); columns that
    hardly vary, the largest entry below :data:`~ffnn_edu.nn.training.SMALL_INPUTS`
    or every column's standard deviation below 1 /
    :data:`~ffnn_edu.nn.training.SCALED_WITHIN` ("too small"); else a column whose
    standard deviation or absolute mean is above
    :data:`~ffnn_edu.nn.training.SCALED_WITHIN` ("not scaled"). Returns the kind
    and the measured facts, without a remedy: :func:`diagnose` names scaling ``X``
    only where a run on standardized ``X`` did better.

    Examples
    --------
    >>> net = FeedForwardNetwork((2, 3, 1), seed=0)
    >>> input_scale(net, np.array([[0.001, 0.0], [-0.001, 0.002]]))[0]
    'too small'
    >>> print(input_scale(net, np.array([[1.0, 0.0], [-1.0, 1.0]])))
    None
    """
    X = np.asarray(X, dtype=float)
    large = _large_inputs(network, X, network.run_forward(X))
    if large is not None:
        return "too large", large.split(f"; {_SCALE_REMEDY}")[0]
    mean, spread = X.mean(axis=0), X.std(axis=0)
    size = float(np.abs(X).max(initial=0.0))
    j = offset_column(X)
    # an offset large in absolute terms too: a column of 0.9 +- 0.05 is no swamp
    if j is not None and abs(mean[j]) > SCALED_WITHIN:
        return "far from 0", (
            f"column {j} of X has mean {mean[j]:.4g} against a standard deviation "
            f"of {spread[j]:.3g}, so the first layer's weighted sums are swamped by "
            "that offset, while the initial weights are made for inputs about 0"
        )
    top = float(spread.max(initial=0.0))
    if 0.0 < size < SMALL_INPUTS or 0.0 < top < 1.0 / SCALED_WITHIN:
        return "too small", (
            f"the largest |value| in X is {size:.3g} and no column's standard "
            f"deviation is above {top:.3g}, so the first layer's weighted sums hardly "
            "differ from sample to sample, while the initial weights are made for "
            "inputs of about 1"
        )
    far = np.maximum(spread, np.abs(mean))
    j = int(np.argmax(far))
    if far[j] > SCALED_WITHIN:
        return "not scaled", (
            f"column {j} of X has standard deviation {spread[j]:.3g} and mean "
            f"{mean[j]:.3g}, while the initial weights are made for inputs of about "
            "1 and about 0"
        )
    return None


def no_gradient_causes(
    network: FeedForwardNetwork, X: Array, T: Array, loss: Loss
) -> list[str | None]:
    """For each weight matrix, why its gradient on ``(X, T)`` is exactly 0, or None.

    A gradient :math:`A^{(l)\\top} \\delta^{(l+1)}` that is exactly 0 is not moved
    by any learning rate. The cause is measured on the batch, from the first that
    holds: the matrix's inputs :math:`A^{(l)}` are all 0 (inputs of 0, or dead ReLU
    units below); every unit of a layer on the way back has slope exactly 0 on every
    sample (dead ReLU units, or saturated units, with the size of the inputs when
    they are unscaled); the outputs equal their targets; else the terms cancel or
    the signal underflowed on its way back. ``network`` is not changed.

    Examples
    --------
    >>> net = FeedForwardNetwork((2, 3, 1), ["relu", "sigmoid"], seed=0)
    >>> net.biases[0][:] = -10.0  # every hidden unit's weighted sum is below 0
    >>> X, T = np.eye(2), np.array([[0.0], [1.0]])
    >>> no_gradient_causes(net, X, T, "binary_cross_entropy")[0][:36]
    'every unit of layer 1 has slope 0 on'
    """
    loss = network.check_loss(loss)
    passed = network.run_forward(X)
    grads = network.run_backward(passed, T, loss)
    return [
        None if g.any() else _zero_gradient_cause(network, passed, grads, l, X)
        for l, g in enumerate(grads.weights)
    ]


# The causes :func:`no_gradient_causes` names, each with its remedy: one table, so a
# remedy always follows the measured cause, and is said once (line 2), never beside
# the cause (line 3). A cause's text holds its marker (the first column);
# :func:`no_gradient_remedy` finds the remedy from it, first match first: inputs
# larger than UNSCALED_INPUTS before the units they swamp.
_SCALE_REMEDY = SCALE_ADVICE.format(name="X")
# The gradient check's remedy for saturated hidden units, in its zeros line: left out
# of line 4 where line 2 gives the remedy for them (Diagnosis._mostly_zeros_words).
_UNIT_REMEDY_SAID = re.compile(
    r" \(smaller weights or inputs bring (?:it|them) back to where the slope is not "
    r"0\)"
)
_NO_GRADIENT_REMEDIES: tuple[tuple[str, str], ...] = (
    ("the inputs reach", _SCALE_REMEDY),
    (
        "every input is 0",
        "give the network inputs that vary: inputs that are all 0 carry nothing to "
        "learn from (scale the inputs, never set them to 0)",
    ),
    (
        "step units",
        "a step unit cannot be trained by backpropagation, since its slope is "
        "exactly 0 everywhere: use sigmoid, tanh or relu units",
    ),
    (
        "dead ReLU units",
        "bring the dead ReLU units back to where their weighted sums are above 0 "
        "(smaller weights, another seed, or leaky_relu)",
    ),
    (
        "saturated",
        "bring those units back to where their slope is not 0 (smaller weights, "
        "or scaled inputs)",
    ),
    (
        "the output error signal is 0",
        "check the targets against the outputs, and keep the output units out of "
        "saturation (smaller weights into the output layer)",
    ),
    (
        "cancels or underflows",
        "check the gradient on more samples (line 4), and scale the inputs or the "
        "weights up if the signal underflows",
    ),
)


def no_gradient_remedy(cause: str) -> str:
    """The remedy for a cause named by :func:`no_gradient_causes`.

    Looked up in ``_NO_GRADIENT_REMEDIES`` by the first marker the cause holds;
    a cause that holds none gets "find why first (line 3)".

    Examples
    --------
    >>> no_gradient_remedy("every input is 0")[:37]
    'give the network inputs that vary: in'
    """
    for marker, remedy in _NO_GRADIENT_REMEDIES:
        if marker in cause:
            return remedy
    return "find why first (line 3)"


def _zero_gradient_cause(
    network: FeedForwardNetwork, passed: Any, grads: Any, l: int, X: Array
) -> str:
    """Why ``grads.weights[l]`` is all 0 (see :func:`no_gradient_causes`)."""
    if not passed.activations[l].any():
        if l == 0:
            return "every input is 0"
        if not np.asarray(X).any():
            return (
                f"the outputs of layer {l}, its inputs, are all 0, since every input "
                "is 0"
            )
        return f"the outputs of layer {l}, its inputs, are all 0" + (
            " (dead ReLU units: weighted sums all <= 0)"
            if network.activations[l - 1].name == "relu"
            else ""
        )
    L = network.n_layers
    for j in range(l + 1, L):  # hidden layers on the way back, nearest first
        f = network.activations[j - 1]
        if not passed.slope(j - 1, f).any():
            if f.name == "step":
                return (
                    f"every unit of layer {j} has slope 0 on every sample (step units:"
                    " a step's slope is exactly 0 everywhere, whatever its input)"
                )
            if f.name == "relu":
                why = "dead ReLU units: their weighted sums are all <= 0"
            else:
                why = f"saturated {f.name} units: their slope rounds to exactly 0"
            size = float(np.abs(X).max())
            if j == 1 and size > UNSCALED_INPUTS:
                why += f"; the inputs reach {size:.0e} in size"  # remedy: in the table
            return f"every unit of layer {j} has slope 0 on every sample ({why})"
    if not grads.deltas[-1].any():
        return (
            "the output error signal is 0 (the outputs equal their targets, or the "
            "output units are saturated)"
        )
    return (
        "the error signal cancels or underflows on its way back (no layer has "
        "slope 0 everywhere)"
    )


@dataclass
class Diagnosis:
    """What :func:`diagnose` found; ``str()`` reports it in words.

    Attributes
    ----------
    start_loss, knows_nothing : float
        The untrained network's loss, and the loss of a network knowing nothing.
    few, few_accuracy : int, float
        How many samples the network was trained on by heart, and the accuracy reached.
    few_diverged : bool
        Whether that run diverged (its learning rate too large); default False.
    few_classes : int, optional
        How many classes those samples hold (None: not counted). With one class a
        constant output learns them by heart, so the check proves nothing and has not
        passed.
    few_epochs : int, optional
        How many epochs that run trained (None: not counted).
    few_loss : float, optional
        Its training loss at the end (None: not measured).
    few_falling : bool
        Whether its loss was still falling when its epochs ran out (default False):
        the samples are not learned yet, which proves nothing wrong.
    no_gradient : list of (str or None)
        For each weight matrix, why its gradient on the batch of :func:`update_ratio`
        is exactly 0 (:func:`no_gradient_causes`), or None; empty: not measured. A
        ratio of exactly 0 there is no learning rate too low: no learning rate moves
        a weight whose gradient is 0.
    large_inputs : str, optional
        The measured words for inputs above
        :data:`~ffnn_edu.nn.training.LARGE_INPUTS` (their size and the share of
        saturated hidden outputs, the same measurement as
        :func:`~ffnn_edu.nn.training.train`'s), or None:
        named as the cause, with "scale X first", before any learning rate: on
        line 2 (line 4 then points there), or on line 4 where line 2 says no remedy
        for them. Each remedy is said once in a report.
    rate_probes : list of (float, float, float, bool)
        For a few-sample run that stalled, the same run at other learning rates
        (:data:`RATE_PROBES` times the optimizer's): each probe's learning rate,
        accuracy, final loss and whether it diverged. Line 2 names the rate as a
        cause only where a probe did better; empty: not measured, and line 2 reads
        line 3's steps instead.
    input_scale : (str, str), optional
        What :func:`input_scale` measured wrong with the scale of ``X``: the kind
        ("too large", "far from 0", "too small", "not scaled") and the facts; None:
        nothing, or not measured.
    scaled_few : (float, int, float, bool), optional
        Where the few-sample run failed on inputs :attr:`input_scale` finds
        unscaled, the same run on ``X`` standardized (with the means and standard
        deviations of all of ``X``), run through stalls to the same budget of epochs
        as the run on ``X``: accuracy, epochs, final loss and whether it diverged;
        None: not measured. Where it did better (learned the samples by
        heart, more of them, or stopped at a loss lower by more than
        :data:`PLATEAU_FALL`), line 2 names the inputs' scale first, before "train
        longer" and before any learning rate, with the remedy measured to help:
        scale ``X``. Measured (review 24, F5): two moons times 1e-3, shifted by 50,
        or times 1000, and unscaled digits were told of the learning rate or to
        train longer; standardized, they were learned by heart.
    scaled_start : float, optional
        The starting loss on ``X`` standardized, where the start on ``X`` is far
        above knowing nothing and :attr:`input_scale` finds the inputs unscaled;
        line 1 names the inputs when it is not far above (unscaled digits: 4.5
        times, standardized 1.1 times). None: not measured.
    dead_relu : (int, int)
        How many hidden ReLU units of the untrained network are dead on the few
        samples (weighted sums <= 0 on every one), and how many hidden ReLU units it
        has; (0, 0): none, or not measured. Said among line 2's causes of a stall.
    ratios : list of float
        :func:`update_ratio` for each weight matrix.
    gradients : GradientCheckReport
        The gradient check on a few samples.
    """

    start_loss: float
    knows_nothing: float
    few: int
    few_accuracy: float
    ratios: list[float]
    gradients: GradientCheckReport
    few_diverged: bool = False
    few_classes: int | None = None
    few_epochs: int | None = None
    few_loss: float | None = None
    few_falling: bool = False
    no_gradient: list[str | None] = field(default_factory=list)
    large_inputs: str | None = None
    rate_probes: list[tuple[float, float, float, bool]] = field(default_factory=list)
    dead_relu: tuple[int, int] = (0, 0)
    input_scale: tuple[str, str] | None = None
    scaled_few: tuple[float, int, float, bool] | None = None
    scaled_start: float | None = None

    @property
    def few_ok(self) -> bool:
        """The few samples were learned by heart, and hold more than one class."""
        return self.few_accuracy == 1.0 and self.few_classes != 1

    @property
    def start_ok(self) -> bool:
        """The start is not far above knowing nothing.

        A network that knows nothing with a loss of 0 gives no scale to compare with
        (the targets are constant, the very output of all weights 0): nothing to
        judge, so the start is not wrong.
        """
        return (
            self.knows_nothing == 0
            or self.start_loss <= START_LIMIT * self.knows_nothing
        )

    @property
    def ratios_ok(self) -> bool:
        """Every update ratio lies in ``RATIO_BAND`` (and there is at least one)."""
        return bool(self.ratios) and all(
            RATIO_BAND[0] <= r <= RATIO_BAND[1] for r in self.ratios
        )

    @property
    def passed(self) -> bool:
        """All four checks passed."""
        return (
            self.start_ok and self.few_ok and self.ratios_ok and self.gradients.passed()
        )

    def _start_words(self) -> str:
        if self.knows_nothing == 0:
            return (
                f"1. Starting loss {self.start_loss:.4g}; a network that knows nothing "
                "(all weights 0) has the loss 0 here: every target is the output it "
                "gives, so the targets are constant and there is no scale to compare "
                "the start with (and nothing for the network to learn)."
            )
        times = self.start_loss / self.knows_nothing
        return (
            f"1. Starting loss {self.start_loss:.4g}, {times:.2f} times the loss of a "
            f"network that knows nothing ({self.knows_nothing:.4g}): "
            + (
                "the random start is close to knowing nothing, as it should be."
                if self.start_ok
                else self._scaled_start_words()
                if self._scale_breaks_start()
                else "far above it. The outputs start saturated (initial weights too "
                "large?) or the targets do not fit the loss."
            )
        )

    def _scale_breaks_start(self) -> bool:
        """The start is far above on ``X``, and not on ``X`` standardized."""
        return (
            self.input_scale is not None
            and self.scaled_start is not None
            and self.scaled_start <= START_LIMIT * self.knows_nothing
        )

    def _scaled_start_words(self) -> str:
        """Line 1 where the start on ``X`` standardized is close to knowing nothing."""
        assert self.input_scale is not None and self.scaled_start is not None
        kind, facts = self.input_scale
        times = self.scaled_start / self.knows_nothing
        measured = (
            f"far above it, and the inputs do it: on X standardized the same network "
            f"starts at {times:.2f} times. The inputs are {kind}"
        )
        if _SCALE_REMEDY in self._few_words():
            return f"{measured} (line 2)."
        return f"{measured}: {facts}; {_SCALE_REMEDY}."

    def _scale_helped(self) -> bool:
        """The few-sample run did better on ``X`` standardized (:attr:`scaled_few`)."""
        if self.input_scale is None or self.scaled_few is None:
            return False
        accuracy, _, loss, diverged = self.scaled_few
        if diverged:
            return False
        if accuracy == 1.0 or self.few_diverged:
            return accuracy == 1.0 or accuracy > self.few_accuracy
        return (
            self.few_loss is not None
            and accuracy >= self.few_accuracy
            and loss < (1 - PLATEAU_FALL) * self.few_loss
        )

    def _scale_kind(self) -> str:
        """How line 2 calls the inputs whose scale it names."""
        return "too large" if self.input_scale is None else self.input_scale[0]

    def _scaled_words(self, epochs: str, after: str) -> str:
        """Line 2 where the run on ``X`` standardized did better (``_scale_helped``).

        The inputs' scale first, before "train longer" and any learning rate: how
        the run on ``X`` ended, the measured facts, what standardizing did, and the
        remedy, which that measurement shows helps.
        """
        assert self.input_scale is not None and self.scaled_few is not None
        kind, facts = self.input_scale
        accuracy, scaled_epochs, loss, _ = self.scaled_few
        if self.few_diverged:
            ended = "it cannot learn them by heart: the run diverged"
        elif self.few_falling:
            ended = f"not yet learned by heart{epochs}, the loss still falling"
        else:
            ended = f"it cannot even learn them by heart{self._stalled_words(after)}"
        did, then = (
            (f"learned them by heart in {counted(scaled_epochs, 'epoch')}", "")
            if accuracy == 1.0
            else (
                f"did better, though not by heart: {accuracy:.0%} of them, its loss "
                f"stopping at {loss:.3g}",
                ", then run these checks again",
            )
        )
        return (
            f"{ended}. The inputs are probably {kind}: {facts}. That comes first: on "
            "X standardized (each column to mean 0 and standard deviation 1) the "
            f"same network at the same learning rate {did}; {_SCALE_REMEDY}{then}."
        )

    def _silent(self) -> list[int]:
        """The weight matrices whose step is exactly 0 because their gradient is 0.

        Measured in :attr:`no_gradient`; where it was not measured, every step of
        exactly 0 counts (a learning rate cannot be told apart from no gradient).
        A step of 0 beside a gradient that is not 0 rounded to 0: a learning rate
        too low indeed.
        """
        return [
            i
            for i, r in enumerate(self.ratios)
            if r == 0
            and (i >= len(self.no_gradient) or self.no_gradient[i] is not None)
        ]

    def _finding(self) -> str:
        """Line 3's finding on the ratios of the matrices a gradient reaches.

        One rule, read by lines 2 and 3 alike: ``"none"`` (no such ratio),
        ``"all 0"`` (a weight matrix of 0, infinite ratio), then the band before the
        rule of thumb, the largest ratio before the smallest: ``"too large"``,
        ``"apart"`` (one below the band, another bolder than the rule of thumb: no
        single learning rate suits both), ``"too small"``, ``"bold"``, ``"timid"``,
        else ``"near"``.
        """
        silent = self._silent()
        rest = [r for i, r in enumerate(self.ratios) if i not in silent]
        if not rest:
            return "none"
        low, high = min(rest), max(rest)
        if np.isinf(high):
            return "all 0"
        if high > RATIO_BAND[1]:
            return "too large"
        if low < RATIO_BAND[0]:
            return "apart" if high > RULE_OF_THUMB[1] else "too small"
        if high > RULE_OF_THUMB[1]:
            return "bold"
        return "timid" if low < RULE_OF_THUMB[0] else "near"

    def _bold(self) -> bool | None:
        """Line 3's finding on the rule of thumb: bolder, more timid, or neither.

        True for steps bolder than it (or too large), False for more timid ones (or
        too small), None near it or with no finite ratios to judge; from
        :meth:`_finding`, the rule line 3 states.
        """
        finding = self._finding()
        if finding in ("too large", "bold"):
            return True
        return False if finding in ("too small", "timid") else None

    def _silent_remedy(self) -> str:
        """The remedies for the causes of line 3's silent matrices, each once."""
        remedies: list[str] = []
        for i in self._silent():
            cause = self.no_gradient[i] if i < len(self.no_gradient) else None
            remedy = no_gradient_remedy(cause or "")
            if remedy not in remedies:
                remedies.append(remedy)
        return "; and ".join(remedies)

    def _silent_words(self) -> str:
        """The weight matrices no gradient reaches, with the measured causes."""
        parts = []
        for i in self._silent():
            why = (
                self.no_gradient[i]
                if i < len(self.no_gradient)
                else "not measured (dead or saturated units, or unscaled inputs, "
                "or a step that rounded to 0)"
            )
            parts.append(f"the weights into layer {i + 1}: {why}")
        return "; ".join(parts)

    def _few_words(self) -> str:
        samples, them = ("sample", "it") if self.few == 1 else ("samples", "them")
        head = (
            f"2. Trained on {self.few} {samples} alone, the network classifies "
            f"{self.few_accuracy:.0%} of {them} correctly: "
        )
        epochs = (
            ""
            if self.few_epochs is None
            else f" in {self.few_epochs} epoch{'' if self.few_epochs == 1 else 's'}"
        )
        after = epochs.replace(" in ", " after ", 1)
        bold = self._bold()
        if self.few_classes == 1:
            return head + (
                f"but all {self.few} are of one class (the data hold no other), which "
                "a constant output learns by heart: this check proves nothing and has "
                "not passed. Give the data of every class."
            )
        if self.few_accuracy == 1.0:
            return head + "it can learn by heart, as it must."
        wrong = any(m.any() for m in self.gradients.mismatches())
        if not wrong and not self._silent() and self._scale_helped():
            return head + self._scaled_words(epochs, after)
        if self.few_diverged:
            return head + (
                "it cannot even learn them by heart, because the run diverged: "
                + (
                    "line 4 finds the gradients wrong, and wrong gradients can climb "
                    "the loss at any rate: fix them before blaming the learning rate."
                    if wrong
                    else "the learning rate is far too large."
                )
            )
        if self.few_falling:
            return head + (
                f"not yet learned by heart{epochs}, but the loss was still falling: "
                + (
                    "train longer (line 3 finds the steps bold already)."
                    if bold
                    else "train longer or with a larger learning rate."
                )
            )
        if self._silent() and not wrong:
            *most, last = [str(i + 1) for i in self._silent()]
            layers = f"layers {', '.join(most)} and {last}" if most else f"layer {last}"
            return head + (
                f"it cannot even learn them by heart{self._stalled_words(after)}. "
                f"No gradient reaches the weights into {layers} (line 3), and "
                "no learning rate moves a weight whose gradient is 0; fix that "
                f"first: {self._silent_remedy()}."
            )
        if self.large_inputs is not None and not wrong and self.scaled_few is None:
            return head + (
                f"it cannot even learn them by heart{self._stalled_words(after)}. "
                f"The inputs are probably too large: {self.large_inputs}; no "
                "learning rate can be judged before that."
            )
        stalled = f"it cannot even learn them by heart{self._stalled_words(after)}. "
        if wrong:
            return head + stalled + "Line 4 finds the gradients wrong: fix them first."
        if self.rate_probes and bold is not False:
            # steps line 3 finds timid name the rate as too small, measured there: a
            # run at 1e-6 that crawls crawls at ten times it as well
            return head + stalled + self._probed_words()
        rate = (
            "a learning rate too large, whose steps oscillate (line 3 finds them bold)"
            if bold
            else "a learning rate far too small (line 3 finds the steps timid)"
            if bold is False
            else "layers whose steps lie far apart (line 3)"
            if self._finding() == "apart"
            else "a learning rate far too small"
        )
        return head + stalled + f"Look for far too few hidden units, {rate}, or a bug."

    def _probed_words(self) -> str:
        """Line 2's causes of a stall, the rate named only where a probe did better.

        Each probe of :attr:`rate_probes` is said with what it measured; a rate that
        did better comes first, as the cause it shows; where none did, the rate is
        said not to be the cause, and the hidden units or a bug remain.
        """
        better, tried = [], []
        for eta, accuracy, loss, diverged in self.rate_probes:
            if diverged:
                tried.append(f"eta = {eta:g} diverged")
            elif accuracy == 1.0:
                better.append(f"eta = {eta:g} learned them by heart")
            elif (
                self.few_loss is not None and loss < (1 - PLATEAU_FALL) * self.few_loss
            ):
                better.append(f"eta = {eta:g} stopped lower, at {loss:.3g}")
            else:
                tried.append(f"eta = {eta:g} stopped at {loss:.3g}")
        dead, units = self.dead_relu
        few = "far too few hidden units" + (
            f" ({dead} of the {units} hidden ReLU units are dead on these samples from "
            "the start: weighted sums <= 0 on every one)"
            if dead
            else ""
        )
        if better:
            return (
                f"Another learning rate did better ({'; '.join(better)}): try it, "
                f"and if it too stalls, look for {few}, or a bug."
            )
        return (
            f"A tenth and ten times the learning rate did no better "
            f"({'; '.join(tried)}): look for {few}, or a bug."
        )

    def _stalled_words(self, after: str) -> str:
        """Where the loss stopped falling, when measured."""
        if self.few_loss is None:
            return ""
        return f": the loss stopped falling at {self.few_loss:.3g}{after}"

    def _ratio_words(self) -> str:
        """Line 3: the ratios, and the verdict of :meth:`_finding` on them."""
        shown = ", ".join(f"{r:.1e}" for r in self.ratios)
        verdict = {
            "none": "",
            "all 0": "a weight matrix is all 0, so its step has no size to be "
            "compared with. Start from random weights: hidden units that start equal "
            "stay equal (chapter 6).",
            "too large": "too large: the learning rate is surely too high.",
            "too small": "too small: the learning rate is surely too low.",
            "apart": "far apart, one below 1e-5 and one bolder than the rule of "
            "thumb's 1e-3: the layers learn at rates no single learning rate suits. "
            "Look for saturated units or unscaled inputs.",
            "bold": "bolder than the rule of thumb's 1e-3, which suits a short run "
            "as long as the loss falls steadily.",
            "timid": "more timid than the rule of thumb's 1e-3: expect slow progress.",
            "near": "near the rule of thumb's 1e-3.",
        }[self._finding()]
        judged = verdict and self._finding() != "all 0"
        if judged and _SCALE_REMEDY in self._few_words():
            # line 2 names unscaled inputs: steps measured on them judge no learning
            # rate (review 22: "too large: surely too high" beside line 2's "scale X
            # first"; two moons x1000 learned no better at any rate, 0.98 scaled)
            verdict = (
                f"measured on the inputs that line 2 finds {self._scale_kind()}, so "
                "no learning rate can be judged from them before X is scaled."
            )
        ratio = f"3. One update changes the weight matrices by {shown} of their size: "
        if not self._silent():
            return ratio + verdict
        silent = (
            "a step of exactly 0, which is no learning rate too low: no gradient "
            f"reaches {self._silent_words()}. No learning rate moves a weight whose "
            "gradient is 0."
        )
        if not verdict:
            return ratio + silent
        other = " Also, " if self._finding() == "all 0" else " The other steps are "
        return ratio + silent + other + verdict

    def _mostly_zeros_words(self, remedied: bool) -> str:
        """Line 4 when most compared entries are 0 in both gradients.

        ``remedied``: line 2 gives the remedy for the units no gradient reaches, or
        for the inputs that saturate them, so the gradient check's own remedy for
        saturated units (``_UNIT_REMEDY_SAID``) is left out here.
        """
        zeros, compared = self.gradients.zeros(), self.gradients.compared()
        agree = compared - zeros
        why = self.gradients._zeros_line().split(" 0 in both gradients", 1)[1]
        why = why.replace(": nothing to compare", "", 1)
        if remedied:
            why = _UNIT_REMEDY_SAID.sub("", why)
        return (
            f"{zeros} of the {compared} entries are 0 in both gradients and could not "
            f"be compared{why}. So this check says little: backpropagation agrees "
            f"with finite differences on the other {agree} alone."
        )

    def __str__(self) -> str:
        start = self._start_words()
        few = self._few_words()
        compared, total = self.gradients.compared(), self.gradients.total()
        which = (
            ("the one entry" if total == 1 else f"all {total} entries")
            + " of the gradient"
            if compared == total
            else f"{compared} of the {total} entries of the gradient, drawn at random "
            "from every parameter array"
        )
        # each remedy once: line 2 gives it where it names the cause, and line 4
        # points there rather than repeat it (review 21's read-through)
        remedied = _SCALE_REMEDY in few or (
            bool(self._silent()) and self._silent_remedy() in few
        )
        retry = (
            f"The inputs are probably {self._scale_kind()} (line 2): check again "
            "once X is scaled."
            if _SCALE_REMEDY in few
            else "Try other samples or other starting weights."
            if self.large_inputs is None
            else f"The inputs are probably too large: {self.large_inputs}; then check "
            "again."
        )
        gradients = f"4. Gradient check of {which}, on a few samples: " + (
            "nothing could be checked (every entry is 0, too small to compare, or at "
            f"a kink), so this check has not passed. {retry}"
            if self.gradients.checkable() == 0
            else "cannot tell: "
            + ", ".join(self.gradients.unchecked_arrays())
            + " could not be checked (too small beside their finite-difference "
            "error), so a slip there would not show and this check has not passed. "
            + retry
            if self.gradients.unchecked_arrays()
            and not any(m.any() for m in self.gradients.mismatches())
            else self._mostly_zeros_words(remedied)
            if self.gradients.passed() and 2 * self.gradients.zeros() > compared
            else "backpropagation agrees with finite differences."
            if self.gradients.passed()
            else "backpropagation DISAGREES with finite differences; the gradients "
            "are wrong."
        )
        items = [start, few, self._ratio_words(), gradients]
        return "\n".join(
            textwrap.fill(item, 80, subsequent_indent="   ") for item in items
        )


@checked(
    _data_fit_classes,
    _diagnose_work,
    network=instance_of(FeedForwardNetwork),
    optimizer=instance_of(GradientDescent),
    batch_size=check_count,
    few=check_count,
    gradient_entries=entries_per_array,
    gradient_seed=seed,
    seed=seed,
)
def diagnose(
    network: FeedForwardNetwork,
    X: Array,
    T: Array,
    loss: Loss,
    optimizer: GradientDescent,
    batch_size: int = 64,
    few: int = 20,
    gradient_entries: int | None = GRADIENT_ENTRIES,
    gradient_seed: int | None = 0,
    seed: int | None = 0,
) -> Diagnosis:
    """Run the four checks on an untrained ``network`` before training it on ``(X, T)``.

    ``T`` must hold class targets (0 and 1, one-hot for several classes): the second
    check counts correct classifications. For regression targets run
    :func:`starting_loss`, :func:`update_ratio` and the gradient check one by one.

    The starting loss uses all of ``(X, T)``; the other checks use samples drawn from
    every class in turn (:func:`class_order`, seeded with ``seed``): overfitting the
    first ``few`` of them, the gradient check their first 5, the update ratio the
    first ``batch_size``. Data sorted by class gave the first 20 samples of one class,
    which a network learned by heart with a learning rate of 1e-12. ``network`` is
    not changed.

    The second check trains until the samples are learned by heart, the loss stalls
    or :data:`FEW_EPOCHS` run out (:func:`overfits_a_few`), and its words depend on
    what it measured and on the other checks: a run whose loss was still falling is
    told to train longer, not to look for a bug; a stalled one is given the possible
    causes, or the wrong gradients when the fourth check finds them. A stalled run is
    tried again at a tenth and at ten times the learning rate (:data:`RATE_PROBES`),
    and the rate is named as a cause only when one of them did better (unless the
    third check finds the steps timid). Rule of thumb and routine from the CS231n
    course notes (Karpathy, "Neural Networks Part 3").

    The gradient check compares ``gradient_entries`` entries of each parameter array,
    drawn at random with ``gradient_seed`` (every entry of a smaller array), as the
    same notes advise ("Gradient checks": check only a few dimensions, but some of
    every parameter): each entry costs five evaluations of the loss, and a network of
    thousands of weights took seconds to check in full. A wrong backpropagation
    changes many entries and shows in the sample; ``gradient_entries=None`` checks
    every entry (:func:`~ffnn_edu.nn.gradient_check.gradient_check`'s default).

    Raises
    ------
    TypeError
        If ``network`` or ``optimizer`` is of the wrong kind.
    ValueError
        If the data do not fit the network or the loss, ``T`` holds values other
        than 0 and 1 (class targets), a count (``few``, ``batch_size``,
        ``gradient_entries``) is below 1, a seed below 0, or the few-sample runs
        it may make (the run, the run on ``X`` standardized and the learning-rate
        probes) would together exceed :data:`~ffnn_edu.nn.training.MAX_WORK`.

    Examples
    --------
    >>> from ffnn_edu.nn.datasets import xor
    >>> X, t = xor()
    >>> net = FeedForwardNetwork((2, 4, 1), seed=0)
    >>> report = diagnose(
    ...     net, X, t[:, None], "binary_cross_entropy", GradientDescent(5.0)
    ... )
    >>> report.few_accuracy, report.gradients.passed()
    (1.0, True)
    """
    start, nothing = starting_loss(network, X, T, loss)
    order = class_order(T, seed)
    X, T = X[order], T[order]
    few_X, few_T = X[:few], T[:few]
    run = _train_a_few(network, few_X, few_T, loss, optimizer)
    classes = len(np.unique(_classes(few_T)))
    scale = input_scale(network, X)
    scaled_few, scaled_start, standard = None, None, None
    if scale is not None:
        standard = Standardizer().fit(X)
        if not start <= START_LIMIT * nothing:
            scaled_start = starting_loss(network, standard.transform(X), T, loss)[0]
        if run.accuracy < 1.0 and classes > 1:
            # the comparison runs on through stalls (its whole budget, as the run on X)
            tried = _train_a_few(
                network, standard.transform(few_X), few_T, loss, optimizer, stall=False
            )
            scaled_few = (tried.accuracy, tried.epochs, tried.loss, tried.diverged)
    stalled = run.accuracy < 1.0 and not (run.diverged or run.falling)
    probes = []
    if stalled and classes > 1:
        for factor in RATE_PROBES:
            other = _scaled_rate(optimizer, factor)
            tried = _train_a_few(network, few_X, few_T, loss, other)
            eta = other.learning_rate(0)
            probes.append((eta, tried.accuracy, tried.loss, tried.diverged))
    passed = network.run_forward(few_X)
    relu = [
        l
        for l in range(1, network.n_layers)
        if network.activations[l - 1].name == "relu"
    ]
    dead = sum(int((~passed.activations[l].any(axis=0)).sum()) for l in relu)
    return Diagnosis(
        start,
        nothing,
        len(few_X),
        run.accuracy,
        update_ratio(network, X[:batch_size], T[:batch_size], loss, optimizer),
        gradient_check(
            network, X[:5], T[:5], loss, entries=gradient_entries, seed=gradient_seed
        ),
        run.diverged,
        len(np.unique(_classes(few_T))),
        run.epochs,
        run.loss,
        run.falling,
        no_gradient_causes(network, X[:batch_size], T[:batch_size], loss),
        _large_inputs(network, X, network.run_forward(X)),
        probes,
        (dead, sum(network.layer_sizes[l] for l in relu)),
        scale,
        scaled_few,
        scaled_start,
    )


def _scaled_rate(optimizer: GradientDescent, factor: float) -> GradientDescent:
    """A fresh copy of ``optimizer`` whose learning rate is ``factor`` times its own."""
    other = optimizer.fresh()
    schedule = optimizer.eta
    other.eta = lambda epoch: factor * schedule(epoch)
    return other
