"""Chapter 14, SGD and online learning: full batch, minibatches and online compared.

The chapter on stochastic gradient descent compares the three regimes on one
problem. Two yardsticks give different answers:

* **per update** (one forward pass, one backward pass, one weight change), a
  larger batch gives a more accurate gradient, so each update makes steadier
  progress; a single sample points only roughly downhill;
* **per epoch** (every training sample used once), a smaller batch makes many
  more updates, so it gets much further.

:func:`compare_batch_sizes` trains one network per batch size and seed with the
same learning rate and starting weights, and records the training loss on the
whole training set after each of the first ten epochs and every ``record_every``
updates, so that
the curves of all regimes can be read off at the same number of updates or of
epochs. :func:`minibatch_gradient_cosines` measures how well a random minibatch's
gradient points in the direction of the full gradient.

The loop here is the same as :func:`ffnn_edu.nn.training.train_epoch` (reshuffle,
cut into consecutive slices, one update per slice), without the bookkeeping of
:func:`ffnn_edu.nn.training.train` after every epoch, so that the many runs of a
comparison stay quick.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from ffnn_edu.nn.losses import Loss
from ffnn_edu.nn.network import FeedForwardNetwork
from ffnn_edu.nn.optimizers import GradientDescent

# The training loop's MAX_UPDATES is the limit, also on the updates of all runs together
# (batch sizes x seeds x updates; the book makes 3 x 5 x 800 = 12 000), counted by
# check_updates_in_all, the guard every experiment of several runs shares
from ffnn_edu.nn.training import (
    MAX_ACTIVATIONS,
    MAX_WORK,
    check_updates_in_all,
)
from ffnn_edu.nn.training import MAX_UPDATES as MAX_UPDATES  # this module's limit too
from ffnn_edu.nn.validation import (
    Array,
    check_count,
    check_number,
    check_seed,
    check_work,
    checked,
    counted,
    instance_of,
    no_overflow,
    optional_count,
    sequence_of,
    shown,
    unchecked,
    warn_caller,
)

#: Most runs :func:`compare_batch_sizes` trains, batch sizes x seeds (the book: 3 x 5).
MAX_RUNS = 10_000
#: Most minibatches :func:`minibatch_gradient_cosines` draws (the book draws 200).
MAX_DRAWS = 100_000


@dataclass(frozen=True)
class BatchRun:
    """Training loss of one batch size over several seeds.

    Attributes
    ----------
    batch_size : int
        Samples per update (the training-set size for full-batch learning).
    label : str
        "full batch", "minibatch (b = 16)" or "online (b = 1)".
    iterations_per_epoch : int
        :math:`\\lceil n/b \\rceil`.
    updates : ndarray of int, shape (k,)
        Update counts at which the loss was recorded, starting with 0.
    loss : ndarray, shape (n_seeds, k)
        Training loss on the whole training set after that many updates.
    """

    batch_size: int
    label: str
    iterations_per_epoch: int
    updates: Array
    loss: Array

    @property
    def epochs(self) -> Array:
        """The recorded update counts in epochs (fractions between epoch ends)."""
        return self.updates / self.iterations_per_epoch

    def at_update(self, update: int) -> Array:
        """Loss of every seed after ``update`` updates, shape (n_seeds,).

        Raises
        ------
        ValueError
            If the loss was not recorded at that update count.
        """
        update = check_count(update, "update", low=0)
        where = np.flatnonzero(self.updates == update)
        if where.size == 0:
            raise ValueError(
                f"update must be one of the recorded update counts, "
                f"but {update} is not (see BatchRun.updates)"
            )
        return self.loss[:, where[0]]

    def at_epoch(self, epoch: int) -> Array:
        """Loss of every seed at the end of epoch ``epoch``, shape (n_seeds,).

        Recorded for the first ten epochs, and later where an epoch ends on a
        multiple of ``record_every`` updates.
        """
        epoch = check_count(epoch, "epoch", low=0)
        return self.at_update(epoch * self.iterations_per_epoch)


def _label(batch_size: int, n: int) -> str:
    if batch_size >= n:
        return "full batch"
    if batch_size == 1:
        return "online (b = 1)"
    return f"minibatch (b = {batch_size})"


def _seed(value: Any, name: str) -> int:
    """Checker: a seed, a whole number >= 0 (None would make the runs unrepeatable)."""
    return check_count(value, name, low=0)


@checked(
    batch_sizes=sequence_of(
        optional_count,
        "batch sizes (None for the full batch)",
        (MAX_RUNS, "MAX_RUNS", "runs, one per batch size"),
    ),
    seeds=sequence_of(_seed, "seeds", (MAX_RUNS, "MAX_RUNS", "runs, one per seed")),
)
def compare_batch_sizes(
    X: ArrayLike,
    T: ArrayLike,
    batch_sizes: Sequence[int | None] = (None, 16, 1),
    *,
    layer_sizes: Sequence[int] = (2, 8, 1),
    activation: str = "sigmoid",
    loss: str | Loss = "binary_cross_entropy",
    eta: float = 0.1,
    updates: int = 1600,
    record_every: int = 25,
    seeds: Sequence[int] = (0, 1, 2, 3, 4),
) -> list[BatchRun]:
    """Train with each batch size for the same number of updates, for several seeds.

    For every seed, all batch sizes start from the same initial weights
    (``FeedForwardNetwork(layer_sizes, activation, seed=seed)``) and shuffle
    with ``np.random.default_rng(seed)`` before every epoch.

    Parameters
    ----------
    X, T : array_like
        Training inputs (one row per sample) and targets.
    batch_sizes : sequence of int or None
        ``None`` for full batch. A size above the number of samples is clipped to
        it, with a ``UserWarning`` (as scikit-learn's ``MLPClassifier`` warns).
    layer_sizes, activation
        The network, as for :class:`~ffnn_edu.nn.network.FeedForwardNetwork`.
    loss : str or Loss
    eta : float
        The same learning rate for every run.
    updates : int
        Weight updates per run.
    record_every : int
        Record the training loss every this many updates, and at the end of
        each of the first ten epochs.
    seeds : sequence of int
        One run per seed and batch size.

    Returns
    -------
    list of BatchRun
        One per batch size, in the order given.

    Raises
    ------
    ValueError
        For a non-positive count or learning rate, no seeds, more than
        :data:`MAX_RUNS` runs (batch sizes x seeds), more than
        :data:`~ffnn_edu.nn.training.MAX_UPDATES` weight updates in all (batch
        sizes x seeds x updates), or more work than the training loop's limits
        allow (rows of a batch x neurons, seeds x updates x rows of all batch sizes
        x weights and biases), all before any training; so also for a recorded loss
        beyond them: samples of ``X`` x neurons above
        :data:`~ffnn_edu.nn.network.MAX_ACTIVATIONS`, or seeds x records (one
        every ``record_every`` updates, and a few more) x samples x weights and
        biases above :data:`~ffnn_edu.nn.training.MAX_WORK`.

    Examples
    --------
    >>> from ffnn_edu.nn.datasets import two_moons
    >>> X, y = two_moons(40, seed=0)
    >>> full, online = compare_batch_sizes(X, y, (None, 1), updates=40, record_every=10,
    ...                                    seeds=(0, 1))
    >>> online.label, online.iterations_per_epoch, online.loss.shape
    ('online (b = 1)', 40, (2, 5))
    >>> bool((online.at_epoch(1) < full.at_epoch(1)).all())
    True
    """
    eta = check_number(eta, "eta", low=0.0, low_inclusive=False)
    updates = check_count(updates, "updates")
    check_work(
        len(batch_sizes) * len(seeds),
        MAX_RUNS,
        f"runs ({len(batch_sizes)} batch_sizes x {counted(len(seeds), 'seed')})",
        "MAX_RUNS",
    )
    check_updates_in_all(
        len(batch_sizes) * len(seeds) * updates,
        f"{len(batch_sizes)} batch_sizes x {counted(len(seeds), 'seed')} x "
        f"{counted(updates, 'update')}",
    )
    record_every = check_count(record_every, "record_every")
    probe = FeedForwardNetwork(layer_sizes, activation, seed=seeds[0])
    # an alias ("cross_entropy") means the loss that pairs with the output layer
    loss = probe.check_loss(loss)
    X, T = probe.check_data(X, T, loss)
    n = X.shape[0]
    _check_work(probe.layer_sizes, n, batch_sizes, len(seeds), updates, record_every)
    for b in batch_sizes:
        if b is not None and b > n:
            warn_caller(
                f"batch_sizes holds {b}, more than the {counted(n, 'sample')} of X: "
                f"that run takes the full batch of {counted(n, 'sample')} (it is "
                "clipped, and labelled "
                f"'full batch')"
            )
    runs = []
    for b in batch_sizes:
        size = n if b is None else min(b, n)
        per_epoch = -(-n // size)
        curves = []
        for seed in seeds:
            recorded, curve = _run(
                FeedForwardNetwork(layer_sizes, activation, seed=seed),
                X,
                T,
                loss,
                eta,
                size,
                updates,
                record_every,
                np.random.default_rng(seed),
            )
            curves.append(curve)
        runs.append(
            BatchRun(
                size, _label(size, n), per_epoch, np.array(recorded), np.array(curves)
            )
        )
    return runs


def _check_work(
    layer_sizes: Sequence[int],
    n: int,
    batch_sizes: Sequence[int | None],
    seeds: int,
    updates: int,
    record_every: int = 1,
) -> None:
    """Refuse runs whose batches or whose work together pass the training loop's limits.

    A batch of ``b`` rows makes ``b`` times the neurons activations (at most
    :data:`~ffnn_edu.nn.network.MAX_ACTIVATIONS`); every update passes its batch
    through every weight and bias, so the work is the seeds times the updates times the
    rows of all batch sizes together times the weights and biases (at most
    :data:`~ffnn_edu.nn.training.MAX_WORK`, as one run of
    :func:`~ffnn_edu.nn.training.train`). The recorded loss passes all ``n`` rows
    at once, every ``record_every`` updates: those activations and that work are held
    to the same limits (:func:`_check_recording`).

    Examples
    --------
    >>> _check_work((2, 1000, 1), 10_000, [None, 1], 5, 10_000)
    Traceback (most recent call last):
    ...
    ValueError: this would make 2000700050000 sample-weight-updates (seeds: 5 x updates:
    10000 x batch_sizes: 10001 rows in all x layer_sizes: 4001 weights and biases),
    more than MAX_WORK = 1000000000000
    """
    rows = [n if b is None else min(b, n) for b in batch_sizes]
    units = sum(layer_sizes[1:])
    weights = sum((a + 1) * b for a, b in zip(layer_sizes[:-1], layer_sizes[1:]))
    check_work(
        max(rows) * units,
        MAX_ACTIVATIONS,
        f"activations (batch_sizes: {counted(max(rows), 'row')} x layer_sizes: "
        f"{counted(units, 'neuron')})",
        "MAX_ACTIVATIONS",
    )
    check_work(
        seeds * updates * sum(rows) * weights,
        MAX_WORK,
        f"sample-weight-updates (seeds: {seeds} x updates: {updates} x batch_sizes: "
        f"{counted(sum(rows), 'row')} in all x layer_sizes: {weights} weights and "
        "biases)",
        "MAX_WORK",
    )
    _check_recording(layer_sizes, n, rows, seeds, updates, record_every)


def _check_recording(
    layer_sizes: Sequence[int],
    n: int,
    rows: Sequence[int],
    seeds: int,
    updates: int,
    record_every: int,
) -> None:
    """Refuse a recorded loss whose passes over X go beyond the training loop's limits.

    A run records the loss of all ``n`` samples at its start, every ``record_every``
    updates, at the ends of its first ten epochs (of ``n / b`` updates for batches of
    ``b`` rows, ``rows``) and at its end: each record is a forward pass of ``n`` rows,
    ``n`` times the neurons activations at once (at most
    :data:`~ffnn_edu.nn.network.MAX_ACTIVATIONS`) and ``n`` times the weights and
    biases of work, for every seed and batch size (at most
    :data:`~ffnn_edu.nn.training.MAX_WORK`). Without this, ``record_every=1`` on a
    large X cost a full pass per update, which the work of the updates does not count.

    Examples
    --------
    >>> _check_recording((2, 8, 1), 200, [200, 16, 1], 5, 1600, 25)
    >>> _check_recording((2, 1000, 1), 10_000, [1], 1, 25_000, 1)
    Traceback (most recent call last):
    ...
    ValueError: this would make up to 1000410040000 sample-weight-evaluations of the
    recorded loss (seeds: 1 x 25004 records in all batch_sizes, one every
    record_every: 1 update, at the first ten epoch ends, the start and the end x X:
    10000 samples x layer_sizes: 4001 weights and biases), more than MAX_WORK =
    1000000000000: raise record_every, or use fewer updates, seeds or samples
    """
    units = sum(layer_sizes[1:])
    weights = sum((a + 1) * b for a, b in zip(layer_sizes[:-1], layer_sizes[1:]))
    if n * units > MAX_ACTIVATIONS:
        raise ValueError(
            f"this would make {shown(n * units)} activations in a recorded loss (X: "
            f"{counted(n, 'sample')} at once x layer_sizes: "
            f"{counted(units, 'neuron')}), more than MAX_ACTIVATIONS = "
            f"{MAX_ACTIVATIONS}: use fewer samples or fewer neurons"
        )
    records = sum(
        2 + updates // record_every + min(10, updates // -(-n // b)) for b in rows
    )
    work = seeds * records * n * weights
    if work > MAX_WORK:
        raise ValueError(
            f"this would make up to {shown(work)} sample-weight-evaluations of the "
            f"recorded loss (seeds: {seeds} x {counted(records, 'record')} in all "
            "batch_sizes, one every record_every: "
            f"{counted(record_every, 'update')}, at the first ten epoch ends, the "
            f"start and the end x X: {counted(n, 'sample')} x layer_sizes: {weights} "
            f"weights and biases), more than MAX_WORK = {MAX_WORK}: raise "
            "record_every, or use fewer updates, seeds or samples"
        )


def _run(
    net: FeedForwardNetwork,
    X: Array,
    T: Array,
    loss: Loss,
    eta: float,
    size: int,
    updates: int,
    record_every: int,
    rng: np.random.Generator,
) -> tuple[list[int], list[float]]:
    """One run: the update counts recorded and the training loss at each."""
    n = X.shape[0]
    # a divergence shows in the recorded loss
    step = unchecked(GradientDescent(eta).step)
    params = net.parameters()
    recorded, curve = [0], [loss.value(net.run_forward(X).output, T)]
    diverged = (
        f"eta = {eta:g} makes the batch-size-{size} run diverge; choose a smaller eta"
    )
    done = 0
    with np.errstate(over="ignore", invalid="ignore"):
        while done < updates:
            order = rng.permutation(n)
            for start in range(0, n, size):
                rows = order[start : start + size]
                grads = net.run_backward(net.run_forward(X[rows]), T[rows], loss)
                step(params, grads.as_list(), done)
                done += 1
                epoch_end = start + size >= n and done <= 10 * -(-n // size)
                if done % record_every == 0 or epoch_end or done == updates:
                    value = loss.value(net.run_forward(X).output, T)
                    if not np.isfinite(value):
                        raise ValueError(diverged)
                    recorded.append(done)
                    curve.append(value)
                if done == updates:
                    break
    return recorded, curve


def _nonzero(g: Array, what: str) -> Array:
    """Return the flat gradient ``g``, or refuse a zero one (it has no direction)."""
    if not g.any():
        raise ValueError(
            f"the {what} gradient is zero, so it has no direction to compare "
            f"(the network already fits those samples, or its units pass "
            f"nothing back)"
        )
    return g


@checked(
    no_overflow("X, T or the weights are too large: a gradient overflows"),
    network=instance_of(FeedForwardNetwork),
)
def minibatch_gradient_cosines(
    network: FeedForwardNetwork,
    X: ArrayLike,
    T: ArrayLike,
    batch_size: int,
    *,
    loss: str | Loss = "binary_cross_entropy",
    draws: int = 200,
    seed: int = 0,
) -> Array:
    """Cosine between the gradients of random minibatches and the full-batch gradient.

    1 means the same direction, 0 perpendicular, a negative value a minibatch
    whose step would, on its own, increase the full training loss.

    Parameters
    ----------
    network : FeedForwardNetwork
    X, T : array_like
        The whole training set.
    batch_size : int
        Samples per minibatch, drawn without replacement.
    loss : str or Loss
    draws : int
        Number of minibatches, at most :data:`MAX_DRAWS` (100 000).
    seed : int

    Returns
    -------
    ndarray, shape (draws,)

    Examples
    --------
    >>> from ffnn_edu.nn.datasets import two_moons
    >>> X, y = two_moons(100, seed=0)
    >>> net = FeedForwardNetwork((2, 8, 1), seed=1)
    >>> float(minibatch_gradient_cosines(net, X, y, 100, draws=3).min()) > 0.999999
    True
    """
    loss = network.check_loss(loss)  # an alias: the loss of this output layer
    X, T = network.check_data(X, T, loss)
    n = X.shape[0]
    batch_size = check_count(batch_size, "batch_size")
    if batch_size > n:
        raise ValueError(
            f"batch_size must be at most the {n} training "
            f"{'sample' if n == 1 else 'samples'}, but it is {batch_size}"
        )
    draws = check_count(draws, "draws")
    check_work(draws, MAX_DRAWS, "minibatch gradients (draws)", "MAX_DRAWS")

    def flat(rows: Array) -> Array:
        grads = network.run_backward(network.run_forward(X[rows]), T[rows], loss)
        return np.concatenate([g.ravel() for g in grads.as_list()])

    full = _nonzero(flat(np.arange(n)), "full-batch")
    rng = np.random.default_rng(check_seed(seed))
    cosines = np.empty(draws)
    for i in range(draws):
        g = _nonzero(flat(rng.choice(n, size=batch_size, replace=False)), "minibatch")
        cosines[i] = g @ full / (np.linalg.norm(g) * np.linalg.norm(full))
    return cosines
