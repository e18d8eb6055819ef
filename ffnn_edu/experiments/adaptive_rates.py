"""Chapter 12, Learning rate and momentum: a learning rate per weight, raced twice.

The textbook lists three ways to set the learning rate: one fixed number, one number
that changes during training, and a number for each connection. This module races the
optimizers of :mod:`ffnn_edu.nn.optimizers` that stand for the first and the third
(gradient descent, classical and Nesterov momentum with :math:`\\mu = 0.9`, AdaGrad,
RMSProp and Adam) over a grid of learning rates, on two problems:

* :func:`bowl_race`: the elongated bowl of
  :func:`~ffnn_edu.experiments.error_surfaces.elongated_bowl`, 20 times steeper across
  than along, where one global rate must suit the steep direction;
* :func:`digit_race`: a 64-32-10 network on the handwritten digits (split and
  standardised as in chapter 16), trained for a few epochs of minibatches.

Each race gives every optimizer every rate, so each one is judged at its own best
rate: the rates mean different things (for gradient descent a multiple of the slope,
for the adaptive rates about the length of a step in each weight).
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from ffnn_edu.nn.network import FeedForwardNetwork
from ffnn_edu.nn.optimizers import (
    AdaGrad,
    Adam,
    GradientDescent,
    Momentum,
    Nesterov,
    RMSProp,
)
from ffnn_edu.nn.preprocessing import one_hot
from ffnn_edu.nn.training import History, check_run_size, train
from ffnn_edu.nn.validation import (
    Checker,
    check_count,
    check_number,
    check_sizes,
    check_work,
    checked,
    counted,
    instance_of,
)

from .digit_recognition import digit_data
from .error_surfaces import MAX_STEPS, Trajectory, descend, elongated_bowl

#: The racers: a name and how to build the optimizer from a learning rate.
OPTIMIZERS: dict[str, Callable[[float], GradientDescent]] = {
    "gradient descent": GradientDescent,
    "momentum": lambda eta: Momentum(eta, 0.9),
    "Nesterov": lambda eta: Nesterov(eta, 0.9),
    "AdaGrad": AdaGrad,
    "RMSProp": RMSProp,
    "Adam": Adam,
}
#: Learning rates tried on the bowl, each three times the one before; 0.09 lies just
#: below the limit 2/20 = 0.1 of plain gradient descent.
BOWL_RATES = (0.01, 0.03, 0.09, 0.27, 0.81, 2.43)
#: Learning rates tried on the digits, a factor of ten apart.
DIGIT_RATES = (0.001, 0.01, 0.1, 1.0, 10.0)
#: Where every bowl run starts (as everywhere in chapter 12).
BOWL_START = (-4.0, 1.0)

#: What :func:`bowl_race` returns: for each optimizer's name and each learning rate,
#: the path its run took on chapter 12's bowl.
Race = dict[str, dict[float, Trajectory]]


#: Most runs a race makes: one per optimizer and learning rate (the chapter's races make
#: 36 and 30).
MAX_RACE_RUNS = 300
#: Most epochs :func:`digit_race` trains in all, runs times epochs (the chapter's
#: race makes 30 x 5); each epoch passes over the whole training part of the digits.
MAX_EPOCHS_IN_ALL = 3000


def _rates(rates: Sequence[float]) -> tuple[float, ...]:
    """The learning rates of a race, checked: a non-empty sequence of numbers > 0.

    Every optimizer runs at every rate, so the number of runs is bounded
    (:data:`MAX_RACE_RUNS`).

    Examples
    --------
    >>> _rates([0.1] * 100)
    Traceback (most recent call last):
    ...
    ValueError: this would make 600 runs, one per optimizer and entry of rates (6 x
    100), more than MAX_RACE_RUNS = 300
    """
    try:
        count = len(rates)
    except TypeError:
        raise TypeError(
            "rates must be a sequence of learning rates, but it is "
            f"{rates!r} ({type(rates).__name__})"
        ) from None
    if count == 0:
        raise ValueError("rates must hold at least one learning rate, but it is empty")
    check_work(
        len(OPTIMIZERS) * count,
        MAX_RACE_RUNS,
        f"runs, one per optimizer and entry of rates ({len(OPTIMIZERS)} x {count})",
        "MAX_RACE_RUNS",
    )
    return tuple(
        check_number(eta, "rates", low=0.0, low_inclusive=False) for eta in rates
    )


def bowl_race(
    start: ArrayLike = BOWL_START,
    *,
    steps: int = 100,
    rates: Sequence[float] = BOWL_RATES,
    stretch: float = 20.0,
) -> Race:
    """Every optimizer of :data:`OPTIMIZERS` at every rate, ``steps`` steps on the bowl.

    Parameters
    ----------
    start : array_like, shape (2,)
        The starting weights.
    steps : int
        Steps per run (a run that diverges stops early, at ``|w| > 1000``).
    rates : sequence of float
        The learning rates, each > 0.
    stretch : float
        The bowl's ratio of curvatures, at least 1 and at most
        :data:`~ffnn_edu.experiments.error_surfaces.MAX_STRETCH` (beyond it the
        gradient's square, which the adaptive optimizers keep, overflows).

    Returns
    -------
    dict
        ``race[name][eta]`` is the run's
        :class:`~ffnn_edu.experiments.error_surfaces.Trajectory`.

    Raises
    ------
    ValueError
        For a ``stretch`` below 1 or above
        :data:`~ffnn_edu.experiments.error_surfaces.MAX_STRETCH` (checked by
        :func:`~ffnn_edu.experiments.error_surfaces.elongated_bowl`), or if the
        runs (:data:`MAX_RACE_RUNS`, an optimizer and a rate each) together
        would take more than :data:`~ffnn_edu.experiments.error_surfaces.MAX_STEPS`
        steps, as many as one descent may (each run within the limit alone being no
        bound on the total: 300 runs of 100 000 steps took 25 minutes); counted
        before any step.

    Examples
    --------
    >>> race = bowl_race(steps=50, rates=(0.09, 0.27))
    >>> race["gradient descent"][0.27].diverged, race["Adam"][0.27].diverged
    (True, False)
    """
    valley, rates = elongated_bowl(stretch), _rates(rates)
    steps = check_count(steps, "steps")
    runs = len(OPTIMIZERS) * len(rates)
    check_work(
        runs * steps,
        MAX_STEPS,
        f"steps in all ({runs} runs, one per optimizer and entry of rates, x steps: "
        f"{steps} steps)",
        "MAX_STEPS",
    )
    return {
        name: {
            eta: descend(valley, start, optimizer=make(eta), steps=steps, limit=1e3)
            for eta in rates
        }
        for name, make in OPTIMIZERS.items()
    }


def _number(value: Any) -> bool:
    """Whether ``value`` is a real number (an int or float, numpy's too; not a bool)."""
    return isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_))


def _by_name_and_rate(what: str, entry: Callable[[Any], bool], example: str) -> Checker:
    """Checker factory: a dict of dicts, ``value[name][eta]`` an ``entry``.

    ``what`` says what an entry must be, ``example`` where such a dict comes from;
    the names must be strings and the rates numbers, and each name must hold at
    least one rate.

    Examples
    --------
    >>> _by_name_and_rate("a number", _number, "as final_errors returns")(
    ...     {"Adam": {0.1: "a"}}, "scores")
    Traceback (most recent call last):
    ...
    TypeError: scores must be a dict of dicts, scores[name][eta] a number (as
    final_errors returns), but scores['Adam'][0.1] is 'a' (str)
    """

    def checker(value: Any, name: str) -> Any:
        expected = (
            f"{name} must be a dict of dicts, {name}[name][eta] {what} ({example})"
        )
        if not isinstance(value, dict):
            raise TypeError(
                f"{expected}, but it is {value!r:.80} ({type(value).__name__})"
            )
        for key, runs in value.items():
            where = f"{name}[{key!r}]"
            if not isinstance(key, str):
                raise TypeError(
                    f"{expected}, but it has the key {key!r} ({type(key).__name__}), "
                    "not a name"
                )
            if not isinstance(runs, dict):
                raise TypeError(
                    f"{expected}, but {where} is {runs!r:.80} ({type(runs).__name__})"
                )
            if not runs:
                raise ValueError(
                    f"{where} must hold at least one learning rate, but it is empty"
                )
            for eta, run in runs.items():
                if not _number(eta):
                    raise TypeError(
                        f"{expected}, but {where} has the key {eta!r} "
                        f"({type(eta).__name__}), not a learning rate"
                    )
                if not entry(run):
                    raise TypeError(
                        f"{expected}, but {where}[{eta!r}] is {run!r:.80} "
                        f"({type(run).__name__})"
                    )
        return value

    return checker


_race = _by_name_and_rate(
    "a Trajectory",
    lambda run: isinstance(run, Trajectory),
    "what bowl_race returns",
)
_digit_runs = _by_name_and_rate(
    "a History",
    lambda run: isinstance(run, History),
    "what digit_race returns",
)
_scores = _by_name_and_rate(
    "a number", _number, "as final_errors and last_losses return"
)


@checked(path=instance_of(Trajectory))
def settled_after(path: Trajectory, target: float = 1e-3) -> int | None:
    """The step from which the error stays at or below ``target`` (None if it does not).

    A run that diverged, or whose last error is above ``target``, has not settled;
    a run that dips below ``target`` and comes back up settles only later.

    Raises
    ------
    TypeError
        If ``path`` is not a
        :class:`~ffnn_edu.experiments.error_surfaces.Trajectory` (one run of a race).

    Examples
    --------
    >>> from ffnn_edu.experiments.error_surfaces import round_bowl
    >>> settled_after(descend(round_bowl(), [1.0, 0.0], eta=0.5, steps=20), 1e-3)
    5
    """
    target = check_number(target, "target", low=0.0, low_inclusive=False)
    above = np.nonzero(path.errors > target)[0]
    if path.diverged or (len(above) and above[-1] == len(path.errors) - 1):
        return None
    return int(above[-1]) + 1 if len(above) else 0


@checked(race=_race)
def final_errors(race: Race) -> dict[str, dict[float, float]]:
    """The last error of every run; infinity for a run that diverged.

    Raises
    ------
    TypeError
        If ``race`` is not a dict of dicts of
        :class:`~ffnn_edu.experiments.error_surfaces.Trajectory` (a :data:`Race`, as
        :func:`bowl_race` returns).
    """
    return {
        name: {
            eta: float("inf") if path.diverged else float(path.errors[-1])
            for eta, path in runs.items()
        }
        for name, runs in race.items()
    }


@checked(scores=_scores)
def best_rates(scores: dict[str, dict[float, float]]) -> dict[str, float | None]:
    """For each optimizer the rate with the lowest score (the smaller rate on a tie).

    Only a finite score counts: infinity (a run that diverged, as :func:`final_errors`
    and :func:`last_losses` score it) and NaN are never best, and an optimizer none of
    whose runs has a finite score gets None: no rate settled, so none is best.

    Raises
    ------
    TypeError
        If ``scores`` is not a dict of dicts of numbers, ``scores[name][eta]`` the
        score of one run (as :func:`final_errors` and :func:`last_losses` return).
    ValueError
        If an optimizer has no rates at all.

    Examples
    --------
    >>> best_rates({"Adam": {0.1: 0.5, 0.3: 0.2, 1.0: 0.2}})
    {'Adam': 0.3}
    >>> best_rates({"gd": {0.1: float("nan"), 0.2: 1.0}, "sgd": {0.1: float("inf")}})
    {'gd': 0.2, 'sgd': None}
    """
    best: dict[str, float | None] = {}
    for name, by_rate in scores.items():
        settled = [eta for eta, score in by_rate.items() if math.isfinite(score)]
        best[name] = (
            min(settled, key=lambda eta: (by_rate[eta], eta)) if settled else None
        )
    return best


def digit_race(
    seed: int = 0,
    *,
    epochs: int = 5,
    rates: Sequence[float] = DIGIT_RATES,
    hidden: int = 32,
    batch_size: int = 64,
) -> dict[str, dict[float, History]]:
    """Every optimizer at every rate: a 64-``hidden``-10 network on the digits.

    The digits are split and standardised by
    :func:`~ffnn_edu.experiments.digit_recognition.digit_data` with ``seed`` (only
    the training part is used here);
    each run trains a fresh tanh network (softmax output, cross-entropy, initial
    weights from ``seed``) for ``epochs`` epochs of minibatches of ``batch_size``;
    the runs together train at most :data:`MAX_EPOCHS_IN_ALL` (3000) epochs, and their
    work (runs x samples x weights and biases x epochs) stays within the training loop's
    :data:`~ffnn_edu.nn.training.MAX_WORK`.

    Returns
    -------
    dict
        ``race[name][eta]`` is the run's :class:`~ffnn_edu.nn.training.History`; its
        ``train_loss`` has one entry before training and one after every epoch.

    Examples
    --------
    >>> race = digit_race(epochs=1, rates=(0.1,))
    >>> sorted(race) == sorted(OPTIMIZERS), len(race["Adam"][0.1].train_loss)
    (True, 2)
    """
    epochs = check_count(epochs, "epochs")
    (hidden,) = check_sizes([hidden], "hidden")
    rates = _rates(rates)
    runs = len(OPTIMIZERS) * len(rates)
    check_work(
        runs * epochs,
        MAX_EPOCHS_IN_ALL,
        f"epochs in all ({counted(runs, 'run')} x {counted(epochs, 'epoch')})",
        "MAX_EPOCHS_IN_ALL",
    )
    data = digit_data(seed)
    check_run_size(
        (64, hidden, 10),
        len(data.X_train),
        epochs,
        names=("the digits' training part", "hidden", "epochs", ""),
        runs=(f"{len(OPTIMIZERS)} optimizers x rates", runs),
        outputs="one per digit",
    )
    T = one_hot(data.y_train, 10)
    race: dict[str, dict[float, History]] = {}
    for name, make in OPTIMIZERS.items():
        race[name] = {}
        for eta in rates:
            net = FeedForwardNetwork((64, hidden, 10), ["tanh", "softmax"], seed=seed)
            race[name][eta] = train(
                net,
                data.X_train,
                T,
                loss="categorical_cross_entropy",
                optimizer=make(eta),
                epochs=epochs,
                batch_size=batch_size,
                seed=seed,
            )
    return race


@checked(race=_digit_runs)
def last_losses(race: dict[str, dict[float, History]]) -> dict[str, dict[float, float]]:
    """The training loss after the last epoch of every run (infinity if it diverged).

    Raises
    ------
    TypeError
        If ``race`` is not a dict of dicts of :class:`~ffnn_edu.nn.training.History`
        (as :func:`digit_race` returns).
    """
    return {
        name: {
            eta: float("inf") if h.diverged else float(h.train_loss[-1])
            for eta, h in runs.items()
        }
        for name, runs in race.items()
    }
