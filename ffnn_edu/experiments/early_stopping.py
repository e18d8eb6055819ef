"""Chapter 12, Learning rate and momentum: learning curves that overfit, early stopping.

A network with many more weights than training points can memorise them: the
training loss keeps falling, while the loss on new data first falls (the
network learns the shape of the problem) and then rises (it learns the noise
of its few training points). Plotted against the epoch, the validation loss
is U-shaped. **Early stopping** watches the validation loss and hands back
the weights of the bottom of the U (see the ``patience`` argument of
:func:`ffnn_edu.nn.training.train`).

To see the U clearly the validation set must be large: a validation loss
measured on a handful of points wobbles by more than the rise it should show.
:func:`overfitting_experiment` therefore trains on few noisy points and
validates on many more drawn from the same distribution.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ffnn_edu.nn.datasets import sample_count, two_moons
from ffnn_edu.nn.network import FeedForwardNetwork
from ffnn_edu.nn.optimizers import GradientDescent
from ffnn_edu.nn.training import History, check_run_size, train
from ffnn_edu.nn.validation import (
    Array,
    check_count,
    check_number,
    check_work,
    checked,
    count,
    positive,
)


def _at_least_two(value: object, name: str) -> int:
    """Checker: a number of points, 2 (one point has no spread) to ``MAX_SAMPLES``."""
    return sample_count(value, name, low=2)


def _seed(value: object, name: str) -> int:
    """Checker: a seed, a whole number >= 0 (validation uses ``1000 + seed``)."""
    return check_count(value, name, low=0)


def _noise(value: object, name: str) -> float:
    """Checker: the spread of the points, a number >= 0."""
    return check_number(value, name, low=0.0)


@dataclass(frozen=True)
class OverfittingExperiment:
    """Learning curves of a long run, and the same run with early stopping.

    Attributes
    ----------
    full : History
        The run for all epochs, without early stopping.
    stopped : History
        The identical run with ``patience`` set: it stops ``patience`` epochs
        after the lowest validation loss and restores that epoch's weights.
    network : FeedForwardNetwork
        The network of the early-stopped run (weights of its best epoch).
    n_train, n_val : int
        Sizes of the training and validation sets.
    """

    full: History
    stopped: History
    network: FeedForwardNetwork
    n_train: int
    n_val: int

    @property
    def best_epoch(self) -> int:
        """Epoch with the lowest validation loss in the full run."""
        return int(np.argmin(self.full.val_loss))

    @property
    def train_loss(self) -> Array:
        """Training loss of the full run, after every epoch."""
        return np.array(self.full.train_loss)

    @property
    def val_loss(self) -> Array:
        """Validation loss of the full run, after every epoch."""
        return np.array(self.full.val_loss)


#: Most epochs :func:`overfitting_experiment` trains in all: two runs of ``epochs``
#: each (the chapter's run makes 2 x 1500).
MAX_EPOCHS_IN_ALL = 20_000


@checked(
    seed=_seed,
    n_train=_at_least_two,
    n_val=_at_least_two,
    noise=_noise,
    hidden=count,
    eta=positive,
    epochs=count,
    patience=count,
)
def overfitting_experiment(
    seed: int = 0,
    *,
    n_train: int = 40,
    n_val: int = 500,
    noise: float = 0.35,
    hidden: int = 30,
    eta: float = 0.5,
    epochs: int = 1500,
    patience: int = 100,
) -> OverfittingExperiment:
    """Train a 2-``hidden``-1 network on few noisy two-moons points, validating on many.

    The training set is ``two_moons(n_train, noise, seed)``, the validation set
    ``two_moons(n_val, noise, 1000 + seed)``: the same distribution, other
    points. The network (tanh hidden layer, sigmoid output, initial weights
    from ``seed``) is trained by full-batch gradient descent on the binary
    cross-entropy, once for ``epochs`` epochs and once with early stopping.

    Parameters
    ----------
    seed : int
    n_train, n_val : int
        Training and validation points.
    noise : float
        Spread of the points around the two half-moons (the classes overlap).
    hidden : int
        Hidden neurons.
    eta : float
        Learning rate (small enough that the learning curves are smooth).
    epochs : int
        Epochs of each of the two runs; together at most :data:`MAX_EPOCHS_IN_ALL`
        (20 000). The points times the neurons, and the points times the weights times
        the epochs, must be within the training loop's limits
        (:func:`~ffnn_edu.nn.training.check_run_size`).
    patience : int
        Epochs without improvement before early stopping ends the run.

    Returns
    -------
    OverfittingExperiment

    Examples
    --------
    >>> run = overfitting_experiment(0, epochs=60, patience=10, n_val=50)
    >>> len(run.full.val_loss), run.n_train
    (61, 40)
    """
    check_work(
        2 * epochs,
        MAX_EPOCHS_IN_ALL,
        f"epochs in all (2 runs x {epochs} epochs)",
        "MAX_EPOCHS_IN_ALL",
    )
    check_run_size(
        (2, hidden, 1),
        n_train,
        2 * epochs,
        validation=n_val,
        names=("n_train", "hidden", "epochs (2 runs)", "n_val"),
        outputs="",
    )
    X, y = two_moons(n_train, noise=noise, seed=seed)
    validation = two_moons(n_val, noise=noise, seed=1000 + seed)

    def run(patience: int | None) -> tuple[FeedForwardNetwork, History]:
        net = FeedForwardNetwork((2, hidden, 1), ["tanh", "sigmoid"], seed=seed)
        history = train(
            net,
            X,
            y,
            loss="binary_cross_entropy",
            optimizer=GradientDescent(eta),
            epochs=epochs,
            validation=validation,
            patience=patience,
        )
        return net, history

    _, full = run(None)
    network, stopped = run(patience)
    return OverfittingExperiment(full, stopped, network, n_train, n_val)
