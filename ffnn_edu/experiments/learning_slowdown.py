"""Chapter 5, Cross-entropy: a confidently wrong sigmoid neuron, two error functions.

Nielsen's chapter 3 experiment: one sigmoid neuron with one input
:math:`x = 1`, target :math:`t = 0`, and a start that is confidently wrong
(weight and bias 2, so :math:`z = 4` and :math:`y \\approx 0.98`). Gradient
descent on the squared error :math:`E = \\tfrac12 (t - y)^2` moves the logit by

.. math:: \\frac{\\partial E}{\\partial z} = (y - t)\\, y\\,(1 - y),

which is tiny when :math:`y` is close to 1: the slope :math:`y(1-y)` of the
saturated sigmoid throttles the step although the error is large. With the
cross-entropy :math:`E = -[t \\ln y + (1-t)\\ln(1-y)]` the slope cancels and

.. math:: \\frac{\\partial E}{\\partial z} = y - t,

so the step is large exactly when the neuron is badly wrong.

The second half of the module makes the other switch of the book visible:
a **summed** error over :math:`n` samples has :math:`n` times the gradient of
the **mean** error, so gradient descent on the sum with learning rate
:math:`\\eta` takes exactly the steps of gradient descent on the mean with
:math:`n\\eta`.

Source: M. Nielsen, *Neural Networks and Deep Learning*, chapter 3 (2015).
"""

from __future__ import annotations

import numbers
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from ffnn_edu.nn.losses import CLIP, Loss, get_loss
from ffnn_edu.nn.network import FeedForwardNetwork
from ffnn_edu.nn.optimizers import GradientDescent
from ffnn_edu.nn.training import check_run_size, train
from ffnn_edu.nn.validation import (
    Array,
    as_array,
    check_count,
    check_number,
    check_work,
    counted,
)

__all__ = [
    "MAX_EPOCHS_IN_ALL",
    "SlowdownRun",
    "backprop_delta",
    "chain_rule_delta",
    "confidently_wrong_neuron",
    "summed",
    "train_confidently_wrong",
    "train_sum_and_mean",
]


def _sigmoid_loss(loss: str | Loss) -> Loss:
    """``loss`` as a :class:`~ffnn_edu.nn.losses.Loss` that suits one sigmoid output.

    Examples
    --------
    >>> _sigmoid_loss("categorical_cross_entropy")
    Traceback (most recent call last):
    ...
    ValueError: loss must suit one sigmoid output neuron (e.g. 'half_sse', 'mse' or
    'binary_cross_entropy'), but 'categorical_cross_entropy' needs a softmax output
    """
    loss = get_loss(loss)
    if loss.output not in (None, "sigmoid"):
        raise ValueError(
            f"loss must suit one sigmoid output neuron (e.g. 'half_sse', 'mse' or "
            f"'binary_cross_entropy'), but {loss.name!r} needs a {loss.output} "
            f"output"
        )
    return loss


def confidently_wrong_neuron(w: float = 2.0, b: float = 2.0) -> FeedForwardNetwork:
    """One sigmoid neuron with one input, weight ``w`` and bias ``b``.

    Examples
    --------
    >>> confidently_wrong_neuron().forward([[1.0]]).round(4)
    array([[0.982]])
    """
    net = FeedForwardNetwork((1, 1), "sigmoid")
    net.set_weights([[[check_number(w, "w")]]], [[check_number(b, "b")]])
    return net


@dataclass
class SlowdownRun:
    """One run of the slowdown experiment.

    Attributes
    ----------
    loss : str
        Name of the error function that was minimised.
    eta : float
        Learning rate.
    target : float
        The target 0 or 1.
    outputs : ndarray of shape (epochs + 1,)
        The neuron's output after every epoch (entry 0: the start); shorter if
        the run diverged.
    losses : ndarray of shape (epochs + 1,)
        The minimised error after every epoch; shorter if the run diverged.
    diverged : bool
        True if training stopped because the run diverged (the learning rate
        was too large); ``message`` says when.
    message : str
        How training ended, from :attr:`~ffnn_edu.nn.training.History.message`.
    """

    loss: str
    eta: float
    target: float
    outputs: Array
    losses: Array
    diverged: bool = False
    message: str = ""

    def epochs_until_right(self) -> int | None:
        """First epoch after which the output is on the target's side of ½, else None.

        Examples
        --------
        >>> train_confidently_wrong("binary_cross_entropy").epochs_until_right()
        17
        """
        right = (self.outputs < 0.5) if self.target == 0.0 else (self.outputs >= 0.5)
        hits = np.flatnonzero(right)
        return int(hits[0]) if hits.size else None

    def loss_fraction_left(self, epoch: int) -> float:
        """The error after ``epoch`` epochs as a share of the starting error.

        Raises
        ------
        ValueError
            If ``epoch`` is not a whole number from 0 to the last epoch recorded.

        Examples
        --------
        >>> train_confidently_wrong("half_sse", epochs=10).loss_fraction_left(50)
        Traceback (most recent call last):
        ...
        ValueError: epoch must be a whole number from 0 to 10 (the epochs recorded), but
        it is 50
        """
        last = len(self.losses) - 1
        wanted = f"a whole number from 0 to {last} (the epochs recorded)"
        if isinstance(epoch, bool) or not isinstance(epoch, numbers.Integral):
            raise TypeError(
                f"epoch must be {wanted}, but it is {epoch!r} ({type(epoch).__name__})"
            )
        if not 0 <= epoch <= last:
            raise ValueError(f"epoch must be {wanted}, but it is {epoch}")
        return float(self.losses[epoch] / self.losses[0])


def train_confidently_wrong(
    loss: str | Loss,
    *,
    w: float = 2.0,
    b: float = 2.0,
    x: float = 1.0,
    t: float = 0.0,
    eta: float = 0.15,
    epochs: int = 300,
) -> SlowdownRun:
    """Train one sigmoid neuron on the single case ``(x, t)`` and record every epoch.

    Parameters
    ----------
    loss : str or Loss
        ``"half_sse"`` (:math:`\\tfrac12(t-y)^2`) or ``"binary_cross_entropy"``.
    w, b : float
        Starting weight and bias; Nielsen's confidently wrong start is 2 and 2.
    x : float
        The input.
    t : float
        The target, 0 or 1.
    eta : float
        Learning rate; Nielsen uses 0.15 for both error functions.
    epochs : int
        Number of gradient-descent steps.

    Returns
    -------
    SlowdownRun
        With ``diverged`` set (and fewer epochs recorded) if the learning rate
        was so large that training diverged.

    Examples
    --------
    >>> slow = train_confidently_wrong("half_sse")
    >>> fast = train_confidently_wrong("binary_cross_entropy")
    >>> round(slow.loss_fraction_left(30), 3), round(fast.loss_fraction_left(30), 3)
    (0.993, 0.057)
    """
    loss = _sigmoid_loss(loss)
    t = check_number(t, "t")
    if t not in (0.0, 1.0):
        raise ValueError(f"t must be the label 0 or 1, but it is {t}")
    epochs = check_count(epochs, "epochs")
    net = confidently_wrong_neuron(w, b)
    X, T = np.array([[check_number(x, "x")]]), np.array([[t]])
    outputs = [float(net.forward(X)[0, 0])]

    def record(epoch: int, network: FeedForwardNetwork, history: object) -> None:
        outputs.append(float(network.forward(X)[0, 0]))

    history = train(
        net,
        X,
        T,
        loss=loss,
        optimizer=GradientDescent(eta),
        epochs=epochs,
        shuffle=False,
        callback=record,
    )
    return SlowdownRun(
        loss.name,
        float(eta),
        t,
        np.array(outputs),
        np.array(history.train_loss),
        history.diverged,
        history.message,
    )


def _pairs(y: ArrayLike, t: ArrayLike, lost: str) -> tuple[Array, Array]:
    """``y`` and ``t`` as arrays of one shape, ``y`` strictly between 0 and 1.

    An output of exactly 0 or 1 is a sigmoid output too, rounded to its limit in
    float64 (``sigmoid(40.0)`` is 1.0); it is refused with that cause and ``lost``,
    what the caller cannot do with it, instead of as no sigmoid output at all.
    """
    y = as_array(y, "y", ndim=(0, 1))
    t = as_array(t, "t", ndim=(0, 1))
    if y.shape != t.shape:
        raise ValueError(
            f"y and t must have the same shape, but they have {y.shape} and {t.shape}"
        )
    flat = np.atleast_1d(y)
    outside = np.flatnonzero(~((flat > 0) & (flat < 1)))
    if outside.size:
        i = int(outside[0])
        where = f"y[{i}]" if np.ndim(y) else "y"
        value = float(flat[i])
        if value in (0.0, 1.0):
            limit, example = (
                (
                    "1.0, which sigmoid(z) gives in float64 for every z above about 37",
                    "sigmoid(30.0) is 1 - 9.4e-14",
                )
                if value == 1.0
                else (
                    "0.0, which sigmoid(z) gives in float64 for every z below "
                    "about -745",
                    "sigmoid(-30.0) is 9.4e-14",
                )
            )
            raise ValueError(
                f"y must lie strictly between 0 and 1, but {where} is {limit}: a "
                f"sigmoid output rounded to its limit, so {lost}; pass a less "
                f"saturated output ({example})"
            )
        raise ValueError(
            f"y must lie strictly between 0 and 1 (a sigmoid output), but {where} "
            f"is {value!r}"
        )
    return y, t


def backprop_delta(loss: str | Loss, y: ArrayLike, t: ArrayLike) -> Array:
    """:math:`\\delta = \\partial E/\\partial z` of a sigmoid output by backpropagation.

    (Not to be confused with ``FeedForwardNetwork.output_delta``, the network
    method it calls through ``backprop``: this runs a one-neuron network for
    each given output ``y``; :func:`chain_rule_delta` multiplies the two factors.)

    A one-neuron network with logit :math:`z = \\ln(y/(1-y))` (so that its
    output is ``y``) is run forwards and backwards on one case; the returned
    value is its output layer's :math:`\\delta`, one per pair ``(y, t)``. For
    the squared error the network multiplies :math:`\\partial E/\\partial y`
    by the slope :math:`y(1-y)`; for the cross-entropy it uses the result of
    the derivation, :math:`y - t`, directly (see :mod:`ffnn_edu.nn.losses`).

    Parameters
    ----------
    loss : str or Loss
    y : array_like
        Outputs strictly between 0 and 1.
    t : array_like
        Targets, the same shape as ``y``.

    Returns
    -------
    ndarray, shaped like ``y``

    Examples
    --------
    >>> backprop_delta("binary_cross_entropy", [0.98, 0.5], [0.0, 1.0]).round(6)
    array([ 0.98, -0.5 ])
    >>> backprop_delta("half_sse", [0.98, 0.5], [0.0, 1.0]).round(6)
    array([ 0.019208, -0.125   ])
    """
    loss = _sigmoid_loss(loss)
    y, t = _pairs(
        y,
        t,
        "its logit ln(y/(1 - y)), which the one-neuron network is set to, cannot "
        "be recovered (all the logits beyond the limit give it)",
    )
    deltas = []
    for yi, ti in zip(np.atleast_1d(y), np.atleast_1d(t)):
        net = FeedForwardNetwork((1, 1), "sigmoid")
        net.set_weights([[[0.0]]], [[np.log(yi / (1.0 - yi))]])
        deltas.append(net.backprop([[1.0]], [[ti]], loss).deltas[-1][0, 0])
    return np.array(deltas).reshape(y.shape)


def _check_unclipped(y: Array, loss_name: str) -> None:
    """Refuse an output the cross-entropy's derivative clips (see chain_rule_delta)."""
    flat = np.atleast_1d(y)
    # 1 - y, not y > 1 - CLIP: the loss clips where 1 - y < CLIP (review 21)
    clipped = np.flatnonzero((flat < CLIP) | (1.0 - flat < CLIP))
    if clipped.size:
        i = int(clipped[0])
        where = f"y[{i}]" if np.ndim(y) else "y"
        raise ValueError(
            f"y must lie between CLIP = {CLIP:g} and 1 - CLIP for {loss_name!r}, but "
            f"{where} is {float(flat[i])!r}: the loss clips its derivative there (so "
            "that a wrong, saturated output's gradient stays finite), and the "
            "chain-rule product with the unclipped slope y(1 - y) would not be the "
            "derivation's; backprop_delta gives the delta there"
        )


def chain_rule_delta(loss: str | Loss, y: ArrayLike, t: ArrayLike) -> Array:
    """:math:`\\partial E/\\partial y \\cdot dy/dz` of a sigmoid unit, factor by factor.

    The two factors of the chain rule, computed separately: the loss's own
    derivative :math:`\\partial E/\\partial y` (``Loss.derivative``, one case
    at a time) and the sigmoid's slope :math:`y(1-y)`. For the cross-entropy
    their product must equal :math:`y - t` if the derivation is right.

    That holds only where the loss's derivative is the derivation's. A loss made
    for a sigmoid output (the binary cross-entropy, summed or not) clips ``y`` to
    :data:`~ffnn_edu.nn.losses.CLIP` (``1e-15``) before dividing by it, and
    ``1 - y`` likewise, so that a saturated, wrong output's gradient stays finite.
    Closer to 0 or 1 than that, its derivative is no longer
    :math:`-t/y + (1-t)/(1-y)`, while the slope :math:`y(1-y)` is not clipped: the
    product would be a wrong number, not the chain rule (for :math:`y = 10^{-16}`,
    :math:`t = 1` it is about -0.1 where :math:`y - t` is -1). Such outputs are
    refused; :func:`backprop_delta` gives :math:`\\delta` there.

    Raises
    ------
    ValueError
        If ``y`` is not strictly between 0 and 1, if ``y`` and ``t`` differ in
        shape, or if the loss is made for a sigmoid output and some ``y`` is
        closer than ``CLIP`` to 0 or 1.

    Examples
    --------
    >>> chain_rule_delta("binary_cross_entropy", [0.98, 0.5], [0.0, 1.0]).round(6)
    array([ 0.98, -0.5 ])
    >>> chain_rule_delta("binary_cross_entropy", [1e-16], [1.0])
    Traceback (most recent call last):
    ...
    ValueError: y must lie between CLIP = 1e-15 and 1 - CLIP for
    'binary_cross_entropy', but y[0] is 1e-16: the loss clips its derivative there (so
    that a wrong, saturated output's gradient stays finite), and the chain-rule product
    with the unclipped slope y(1 - y) would not be the derivation's; backprop_delta
    gives the delta there
    """
    written = loss if isinstance(loss, str) else None  # as the refusal names it
    loss = _sigmoid_loss(loss)
    y, t = _pairs(
        y,
        t,
        "its slope y(1 - y) reads 0 where the sigmoid's true slope is small but not "
        "0, and the product would not be the chain rule's",
    )
    if loss.output == "sigmoid":
        _check_unclipped(y, written or loss.name)
    products = [
        loss.derivative([[yi]], [[ti]])[0, 0] * yi * (1.0 - yi)
        for yi, ti in zip(np.atleast_1d(y), np.atleast_1d(t))
    ]
    return np.array(products).reshape(y.shape)


class _Times:
    """``n`` times a function of ``(y, t)``: a part of a summed loss.

    A class rather than a closure, so that a summed loss can be pickled.
    """

    def __init__(self, n: int, function: Callable[[Array, Array], Any]) -> None:
        self.n = n
        self.function = function

    def __call__(self, y: Array, t: Array) -> Any:
        return self.n * self.function(y, t)


def summed(loss: str | Loss, n: int) -> Loss:
    """A mean error over ``n`` samples, summed: ``n`` times its value and gradient.

    Examples
    --------
    >>> E = summed("binary_cross_entropy", 4)
    >>> E.name
    'binary_cross_entropy, summed over 4 samples'
    >>> round(E([[0.5], [0.5], [0.5], [0.5]], [[1.0], [0.0], [1.0], [0.0]]), 4)
    2.7726
    """
    loss = get_loss(loss)
    n = check_count(n, "n")
    value_from_logits, delta = loss.value_from_logits, loss.delta
    return Loss(
        f"{loss.name}, summed over {counted(n, 'sample')}",
        _Times(n, loss.value),
        _Times(n, loss.gradient),
        targets=loss.targets,
        output=loss.output,
        value_from_logits=(
            None if value_from_logits is None else _Times(n, value_from_logits)
        ),
        delta=None if delta is None else _Times(n, delta),
    )


@dataclass
class SumAndMean:
    """Three full-batch runs from the same start: sum with η, mean with η, mean with nη.

    Attributes
    ----------
    n : int
        Number of training samples.
    eta : float
        The learning rate of the summed run.
    mean_losses : dict of str to ndarray
        The **mean** error after every epoch, for each run (keys ``"sum, eta"``,
        ``"mean, eta"``, ``"mean, n eta"``), so the three curves are comparable.
    largest_weight_gap : float
        Largest difference between any weight of the summed run and of the
        mean run with :math:`n\\eta`, after the last epoch.
    """

    n: int
    eta: float
    mean_losses: dict[str, Array]
    largest_weight_gap: float


#: Most epochs :func:`train_sum_and_mean` trains in all: three runs of ``epochs`` each
#: (its default makes 3 x 200).
MAX_EPOCHS_IN_ALL = 100_000


def train_sum_and_mean(
    network: FeedForwardNetwork,
    X: ArrayLike,
    T: ArrayLike,
    *,
    loss: str | Loss = "binary_cross_entropy",
    eta: float = 0.05,
    epochs: int = 200,
) -> SumAndMean:
    """Train copies of ``network`` on the summed and the mean form of ``loss``.

    Parameters
    ----------
    network : FeedForwardNetwork
        The common start (it is not changed).
    X, T : array_like
        Training data; :math:`n` is the number of rows.
    loss : str or Loss
        A mean error (``"binary_cross_entropy"`` or ``"mse"``).
    eta : float
        Learning rate of the summed run.
    epochs : int
        Full-batch steps of each of the three runs; together at most
        :data:`MAX_EPOCHS_IN_ALL` (100 000), and their work (3 runs x samples x
        weights and biases x epochs) within the training loop's
        :data:`~ffnn_edu.nn.training.MAX_WORK`.

    Returns
    -------
    SumAndMean

    Raises
    ------
    TypeError
        If ``network`` is not a :class:`~ffnn_edu.nn.network.FeedForwardNetwork`.

    Examples
    --------
    >>> from ffnn_edu.nn.datasets import and_gate
    >>> result = train_sum_and_mean(FeedForwardNetwork((2, 1), seed=0), *and_gate())
    >>> result.largest_weight_gap < 1e-12
    True
    """
    if not isinstance(network, FeedForwardNetwork):
        raise TypeError(
            f"network must be a FeedForwardNetwork, but it is {network!r} "
            f"({type(network).__name__})"
        )
    loss = get_loss(loss)
    eta = check_number(eta, "eta", low=0.0, low_inclusive=False)
    epochs = check_count(epochs, "epochs")
    check_work(
        3 * epochs,
        MAX_EPOCHS_IN_ALL,
        f"epochs in all (3 runs x {epochs} epochs)",
        "MAX_EPOCHS_IN_ALL",
    )
    n = network.check_inputs(X).shape[0]
    check_run_size(
        network.layer_sizes,
        n,
        epochs,
        names=("X", "network", "epochs", ""),
        runs=("the summed and the two mean forms", 3),
    )
    runs = {
        "sum, eta": (summed(loss, n), eta),
        "mean, eta": (loss, eta),
        "mean, n eta": (loss, n * eta),
    }
    curves, nets = {}, {}
    for key, (error, rate) in runs.items():
        nets[key] = network.copy()
        history = train(
            nets[key],
            X,
            T,
            loss=error,
            optimizer=GradientDescent(rate),
            epochs=epochs,
            shuffle=False,
        )
        # the summed run records n times the mean error;
        # divide to compare like with like
        curves[key] = np.array(history.train_loss) / (n if key == "sum, eta" else 1)
    gap = max(
        float(np.abs(p - q).max())
        for p, q in zip(nets["sum, eta"].parameters(), nets["mean, n eta"].parameters())
    )
    return SumAndMean(n, eta, curves, gap)
